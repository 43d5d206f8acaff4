/* bb-render-cli.c: `beatbook --export`: any document written to PDF, PNG or SVG without a window, for stations that script their output */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-render-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-render-cli.h"
#include "bb-report.h"
#include "bb-store-cli.h"
#include "bb-templates.h"

static void
list_templates (void)
{
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);

  for (guint i = 0; i < n; i++)
    {
      GString *needs = g_string_new (NULL);

      if (kinds[i].needs & BB_REPORT_NEEDS_QUARTER)
        g_string_append (needs, " --period YYYY-Qn");
      if (kinds[i].needs & BB_REPORT_NEEDS_MONTH)
        g_string_append (needs, " --period YYYY-MM");
      if (kinds[i].needs & BB_REPORT_NEEDS_DISTRICT)
        g_string_append (needs, " --district NAME");
      if (kinds[i].needs & BB_REPORT_MAY_USE_DISTRICT)
        g_string_append (needs, " [--district NAME]");
      if (kinds[i].needs & BB_REPORT_NEEDS_EVENT)
        g_string_append (needs, " --event ID|TITLE [--date YYYY-MM-DD]");
      if (kinds[i].needs & BB_REPORT_NEEDS_OFFICER)
        g_string_append (needs, " --officer NAME");
      if (kinds[i].needs & BB_REPORT_NEEDS_PLAN)
        g_string_append (needs, " [--plan NAME|ID]");
      if (kinds[i].needs & BB_REPORT_NEEDS_TOPIC)
        g_string_append (needs, " --topic TOPIC");
      if (kinds[i].needs & BB_REPORT_HAS_KEY_MESSAGES)
        g_string_append (needs, " [--messages FILE]");
      if (kinds[i].needs & BB_REPORT_HAS_BLEED)
        g_string_append (needs, " [--bleed]");
      g_print ("%-18s %s — %s\n%-18s%s\n", kinds[i].id, _(kinds[i].title), _(kinds[i].description), "",
               needs->str);
      g_string_free (needs, TRUE);
    }
}

int
bb_render_cli_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *template = NULL;
  g_autofree char *output = NULL;
  g_autofree char *period = NULL;
  g_autofree char *district = NULL;
  g_autofree char *event = NULL;
  g_autofree char *date = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *language = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *summary = NULL;
  gboolean bleed = FALSE, strict = FALSE, help = FALSE;
  int min_count = -1, page = 0;
  double dpi = 150;
  const BbReportKind *kind;
  BbReportRequest request;
  g_autoptr(GPtrArray) written = NULL;
  char **args_ptr;
  int n = argc;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_STRING, &template,
      N_("The document to write (see --export list)"), N_("TEMPLATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf, .png or .svg"), N_("FILE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("A quarter (2026-Q3) or a month (2026-09); the last full one by default"), N_("PERIOD") },
    { "district", 0, 0, G_OPTION_ARG_STRING, &district, N_("A district, by name or code"), N_("NAME") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event, N_("An event, by id or title"), N_("EVENT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("With --event: the day of the meeting meant"), N_("YYYY-MM-DD") },
    { "officer", 0, 0, G_OPTION_ARG_STRING, &officer, N_("An officer, by name"), N_("NAME") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan,
      N_("A community safety plan, by title or id; the newest by default"), N_("NAME") },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic,
      N_("The leaflet’s topic: burglary, road-safety, drugs, fraud-elderly, domestic-violence"), N_("TOPIC") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("The document’s language, e.g. ru or az (default: en)"),
      N_("CODE") },
    { "messages", 0, 0, G_OPTION_ARG_FILENAME, &messages, N_("The briefing’s key messages, from a text file"),
      N_("FILE") },
    { "bleed", 0, 0, G_OPTION_ARG_NONE, &bleed, N_("Add 3 mm bleed and crop marks for a print shop"), NULL },
    { "min-count", 0, 0, G_OPTION_ARG_INT, &min_count,
      N_("Public figures below this are not printed (default 3)"), N_("N") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("PNG and SVG: only this page"), N_("N") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("PNG: dots per inch (default 150)"), N_("DPI") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Exit with status 3 when text did not fit"), NULL },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  bb_report_request_init (&request);
  context = g_option_context_new (_("STATION.beatbook — write a document without opening a window"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  args_ptr = args;
  if (!g_option_context_parse (context, &n, &args_ptr, &error))
    goto usage;
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      fputs (text, stdout);
      return 0;
    }
  if (g_strcmp0 (template, "list") == 0)
    {
      list_templates ();
      return 0;
    }
  kind = bb_report_kind_find (template);
  if (kind == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Beatbook makes no document called “%s”; see beatbook --export list"),
                   template != NULL ? template : "");
      goto usage;
    }
  if (output == NULL || n != 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give the file to write and one station: beatbook --export %s --output FILE.pdf STATION.beatbook"),
                   kind->id);
      goto usage;
    }
  if (!bb_print_document_format_known (output))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Name the file .pdf, .png or .svg so that Beatbook knows what to write"));
      goto usage;
    }
  if (dpi < 30 || dpi > 1200)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--dpi is between 30 and 1200"));
      goto usage;
    }

  request.language = g_strdup (language != NULL ? language : "en");
  request.bleed = bleed;
  if (min_count >= 1)
    request.policy.min_count = (guint) min_count;
  if (period != NULL && !bb_report_request_set_period (&request, period, &error))
    goto usage;
  if (topic != NULL)
    {
      BbLeafletTopic t;

      if (!bb_leaflet_topic_from_string (topic, &t))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("“%s” is not a leaflet topic"), topic);
          goto usage;
        }
      request.topic = t;
    }
  if (messages != NULL && !g_file_get_contents (messages, &request.key_messages, NULL, &error))
    goto fail;

  store = bb_store_cli_open (args_ptr[1], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  if (district != NULL && (request.district_id = bb_report_find_district (store, district, &error)) == NULL)
    goto fail;
  if (officer != NULL && (request.officer_id = bb_report_find_officer (store, officer, &error)) == NULL)
    goto fail;
  if (plan != NULL && (request.plan_id = bb_report_find_plan (store, plan, &error)) == NULL)
    goto fail;
  if (event != NULL && !bb_report_find_event (store, event, date, &request.event_id, &request.occurrence, &error))
    goto fail;
  if (!bb_report_request_fill_defaults (&request, kind, store, &error))
    goto fail;

  doc = bb_report_build (kind, store, &request, &withheld, &error);
  if (doc == NULL)
    goto fail;
  if (!bb_print_document_write_file (doc, output, page - 1, dpi, &written, &result, &error))
    goto fail;
  for (guint i = 0; written->len > 1 && i < written->len; i++)
    g_print (_("Wrote page %u to %s\n"), i + 1, (const char *) g_ptr_array_index (written, i));
  if (written->len == 1 && page > 0 && !g_str_has_suffix (output, ".pdf"))
    g_print (_("Wrote page %u to %s\n"), (guint) page, output);
  else if (written->len == 1)
    g_print (ngettext ("Wrote %s (%u page) to %s\n", "Wrote %s (%u pages) to %s\n", bb_print_document_get_n_pages (doc)),
             _(kind->title), bb_print_document_get_n_pages (doc), output);

  summary = bb_withheld_describe (withheld);
  g_printerr ("%s\n%s\n", _("Left out of this public document:"), summary);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      BbRenderWarning *w = g_ptr_array_index (result->warnings, i);

      g_printerr ("%s\n", w->message);
    }
  bb_report_request_clear (&request);
  return strict && bb_render_result_has_overflow (result) ? BB_RENDER_CLI_EXIT_OVERFLOW : 0;

usage:
  g_printerr ("%s\n%s", error->message, _("See beatbook --export TEMPLATE --help\n"));
  bb_report_request_clear (&request);
  return 1;

fail:
  g_printerr ("%s\n", error->message);
  bb_report_request_clear (&request);
  return 1;
}
