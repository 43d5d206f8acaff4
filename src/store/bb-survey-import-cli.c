/* bb-survey-import-cli.c: the headless import of survey responses and published survey tables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-import-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-aggregate-import.h"
#include "bb-cli-common.h"
#include "bb-store-cli.h"
#include "bb-survey-import.h"
#include "bb-survey-import-cli.h"

/* The survey named by @which (its id, or its title whatever the case), or
 * the newest round when @which is NULL. */
static BbSurvey *
find_survey (BbStore     *store,
             const char  *which,
             GError     **error)
{
  g_autoptr(GPtrArray) surveys = bb_store_survey_list (store, error);
  BbSurvey *found = NULL;
  guint matches = 0;

  if (surveys == NULL)
    return NULL;
  if (surveys->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("The station has no survey to import responses into; add one on the Surveys page first"));
      return NULL;
    }
  if (which == NULL)
    return bb_survey_copy (g_ptr_array_index (surveys, 0));   /* newest period first */

  for (guint i = 0; i < surveys->len; i++)
    {
      BbSurvey *s = g_ptr_array_index (surveys, i);

      if (g_str_equal (s->id, which))
        return bb_survey_copy (s);
    }
  for (guint i = 0; i < surveys->len; i++)
    {
      BbSurvey *s = g_ptr_array_index (surveys, i);
      g_autofree char *a = g_utf8_casefold (s->title, -1);
      g_autofree char *b = g_utf8_casefold (which, -1);

      if (g_str_equal (a, b))
        {
          matches++;
          if (found == NULL)
            found = s;
        }
    }
  if (matches == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The station has no survey “%s”"), which);
      return NULL;
    }
  if (matches > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%u surveys are called “%s”; give the id of one"), matches, which);
      return NULL;
    }
  return bb_survey_copy (found);
}

int
bb_survey_import_cli_run (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbTableImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbSurvey) survey = NULL;
  g_auto(GStrv) remaining = NULL;
  g_autofree char *file = NULL;
  g_autofree char *which = NULL;
  g_autofree char *source = NULL;
  g_autofree char *date_order = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean published = FALSE, dry_run = FALSE, quiet = FALSE, help = FALSE;
  BbDateOrder order = BB_DATE_ORDER_DMY;
  int last = 0;
  const GOptionEntry entries[] = {
    { "import-survey", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("The CSV file to import: a KoBoToolbox or ODK export, one row per response"), N_("FILE") },
    { "survey", 0, 0, G_OPTION_ARG_STRING, &which,
      N_("The survey (its title or id) the responses belong to (default: the newest)"), N_("NAME|ID") },
    { "published", 0, 0, G_OPTION_ARG_NONE, &published,
      N_("The file is a published table in long form (date; area; measure; proportion), not responses"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("With --published: the name the figures are known by (default: the file’s name)"), N_("NAME") },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    BB_CLI_IMPORT_ENTRIES (&date_order, &dry_run, &quiet, &help)
  };

  context = bb_cli_context_new (_("STATION.beatbook — import survey responses or published survey figures"), entries);
  if (!bb_cli_import_start (context, argc, argv, &file, &help,
                            _("Give the file to import and one station: beatbook --import-survey FILE.csv STATION.beatbook"),
                            &remaining, &error))
    goto fail;
  if (help)
    return bb_cli_print_help (context);
  if (published && which != NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Published figures belong to no survey: give --published or --survey, not both"));
      goto fail;
    }
  if (!published && source != NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--source goes with --published"));
      goto fail;
    }
  if (!bb_cli_parse_date_order (date_order, &order, &error))
    goto fail;

  store = bb_store_cli_open (remaining[0], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  if (published)
    import = BB_TABLE_IMPORT (bb_aggregate_import_new (store, file, source));
  else
    {
      survey = find_survey (store, which, &error);
      if (survey == NULL)
        goto fail;
      import = BB_TABLE_IMPORT (bb_survey_import_new (store, survey->id, file));
    }
  if (!bb_table_import_preview (import, 0, NULL, &error))
    goto fail;
  if (date_order != NULL)
    bb_table_import_set_date_order (import, order);

  if (survey != NULL)
    g_print (_("Survey: %s (%s to %s)\n"), survey->title, survey->period_start, survey->period_end);
  else
    g_print (_("Published figures: %s\n"), bb_aggregate_import_get_source_name (BB_AGGREGATE_IMPORT (import)));
  report = bb_table_import_run (import, dry_run, NULL, quiet ? NULL : bb_cli_progress_cb, &last, &error);
  if (report == NULL)
    goto fail;
  text = bb_import_report_to_text (report);
  fputs (text, stdout);
  if (report->imported == 0)
    {
      if (report->duplicates > 0)
        g_printerr (_("Nothing new was imported from %s: the rows that could be read are already in the station\n"), report->file_name);
      else
        g_printerr (_("Nothing could be imported from %s\n"), report->file_name);
      return 1;
    }
  return 0;

fail:
  return bb_cli_fail (error, _("See beatbook --import-survey FILE --help\n"));
}
