/* bb-import-cli.c: the headless import and export of incidents, for stations that script their intake */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-cli"

#include "config.h"

#include <inttypes.h>

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-cli-common.h"
#include "bb-export.h"
#include "bb-import-cli.h"
#include "bb-import.h"
#include "bb-store-cli.h"

int
bb_import_cli_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_auto(GStrv) remaining = NULL;
  g_autofree char *file = NULL;
  g_autofree char *format = NULL;
  g_autofree char *crs = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *date_order = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean dry_run = FALSE, quiet = FALSE, help = FALSE;
  BbDateOrder order = BB_DATE_ORDER_DMY;
  int last = 0;
  const GOptionEntry entries[] = {
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The CSV, TSV or GeoJSON file to import"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("The file’s layout: csv, police-uk, hundred-block, beatbook, geojson (default: recognised by its header)"),
      N_("FORMAT") },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs, N_("The coordinate system of X/Y columns, e.g. EPSG:32635"), N_("EPSG:N") },
    { "on-missing-position", 0, 0, G_OPTION_ARG_STRING, &missing,
      N_("Rows without a usable position: keep (import without one, the default) or skip"), N_("keep|skip") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("The file’s encoding, e.g. WINDOWS-1251 (default: detected)"), N_("ENCODING") },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    BB_CLI_IMPORT_ENTRIES (&date_order, &dry_run, &quiet, &help)
  };

  context = bb_cli_context_new (_("STATION.beatbook — import incidents into a station"), entries);
  if (!bb_cli_import_start (context, argc, argv, &file, &help,
                            _("Give the file to import and one station: beatbook --import FILE STATION.beatbook"),
                            &remaining, &error))
    goto fail;
  if (help)
    return bb_cli_print_help (context);
  if (missing != NULL && g_strcmp0 (missing, "keep") != 0 && g_strcmp0 (missing, "skip") != 0)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--on-missing-position is keep or skip, not “%s”"), missing);
      goto fail;
    }
  if (!bb_cli_parse_date_order (date_order, &order, &error))
    goto fail;

  store = bb_store_cli_open (remaining[0], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  import = bb_import_new (store, file);
  if (encoding != NULL)
    bb_import_set_encoding (import, encoding);
  if (!bb_import_preview (import, 0, NULL, &error))
    goto fail;
  if (format != NULL)
    {
      BbImportFormat f;

      if (!bb_import_format_from_string (format, &f))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a format Beatbook knows (csv, police-uk, hundred-block, beatbook, geojson)"),
                       format);
          goto fail;
        }
      bb_import_set_format (import, f);
    }
  if (crs != NULL && !bb_import_set_crs (import, crs, &error))
    goto fail;
  if (missing != NULL)
    bb_import_set_missing_position (import, g_str_equal (missing, "skip") ? BB_IMPORT_POSITION_SKIP
                                                                          : BB_IMPORT_POSITION_KEEP);
  if (date_order != NULL)
    bb_import_set_date_order (import, order);

  report = bb_import_run (import, dry_run, NULL, quiet ? NULL : bb_cli_progress_cb, &last, &error);
  if (report == NULL)
    goto fail;
  text = bb_import_report_to_text (report);
  fputs (text, stdout);
  if (report->imported == 0 && (report->rows_read == 0 || report->skipped > 0))
    {
      g_printerr (_("Nothing could be imported from %s\n"), report->file_name);
      return 1;
    }
  return 0;

fail:
  return bb_cli_fail (error, _("See beatbook --import FILE --help\n"));
}

int
bb_export_cli_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_auto(GStrv) remaining = NULL;
  g_autofree char *file = NULL;
  g_autofree char *passphrase_file = NULL;
  BbExportFormat format;
  guint64 n = 0, withheld = 0;
  gboolean help = FALSE, public = FALSE;
  const GOptionEntry entries[] = {
    { "export-incidents", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("The file to write: FILE.csv or FILE.geojson"), N_("FILE") },
    { "public", 0, 0, G_OPTION_ARG_NONE, &public,
      N_("A file for the public: no restricted incidents, no names, addresses or descriptions, "
         "positions to the nearest 250 m and dates without the time"), NULL },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("STATION.beatbook — write a station’s incidents to a file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!bb_cli_parse (context, argc, argv, &remaining, &error))
    goto fail;
  if (help)
    return bb_cli_print_help (context);
  if (file == NULL || remaining == NULL || g_strv_length (remaining) != 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give the file to write and one station: beatbook --export-incidents FILE.csv STATION.beatbook"));
      goto fail;
    }
  if (!bb_export_format_for_path (file, &format))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Name the file .csv or .geojson so that Beatbook knows what to write"));
      goto fail;
    }
  store = bb_store_cli_open (remaining[0], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  if (public)
    {
      if (!bb_export_public_incidents (store, NULL, NULL, format, file, NULL, &n, &withheld, &error))
        goto fail;
      g_print (_("Wrote %llu incidents to %s for the public; %llu"
                 " restricted incidents were left out\n"), (unsigned long long) n, file, (unsigned long long) withheld);
      return 0;
    }
  if (!bb_export_incidents (store, NULL, NULL, format, file, NULL, NULL, NULL, &n, &error))
    goto fail;
  g_print (_("Wrote %" PRIu64 " incidents to %s\n"), n, file);
  return 0;

fail:
  g_printerr ("%s\n", error->message);
  return 1;
}
