/* bb-bundle-cli.c: writing and importing bundles from the command line, for stations that script their exchange */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-bundle-cli.h"
#include "bb-cli-common.h"
#include "bb-bundle.h"
#include "bb-store-cli.h"
#include "bb-store-private.h"
#include "bb-sync.h"

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) t = us > 0 ? g_date_time_new_from_unix_local (us / G_USEC_PER_SEC) : NULL;

  return t != NULL ? g_date_time_format (t, "%Y-%m-%d %H:%M") : g_strdup ("—");
}

/* A peer by its id or its name. */
static BbSyncPeer *
find_peer (BbStore     *store,
           const char  *wanted,
           GError     **error)
{
  g_autoptr(GPtrArray) peers = bb_sync_list_peers (store, error);
  g_autoptr(GString) known = g_string_new (NULL);

  if (peers == NULL)
    return NULL;
  for (guint i = 0; i < peers->len; i++)
    {
      BbSyncPeer *p = peers->pdata[i];

      if (g_str_equal (p->station_id, wanted) || g_utf8_collate (p->name, wanted) == 0)
        return g_ptr_array_steal_index (peers, i);
      g_string_append_printf (known, "\n  %s (%s)", p->name, p->station_id);
    }
  if (peers->len == 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("This station has not exchanged bundles with “%s” yet. Send it everything first (leave out --to), "
                   "and import its answer."), wanted);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("This station does not know “%s”. The stations it exchanges with are:%s"), wanted, known->str);
  return NULL;
}

int
bb_bundle_export_cli_run (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbSyncPeer) peer = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  g_auto(GStrv) remaining = NULL;
  g_autofree char *file = NULL;
  g_autofree char *to = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean everything = FALSE, restricted = FALSE, headquarters = FALSE, quiet = FALSE, help = FALSE;
  BbBundleExportOptions options = { 0 };
  int percent = 0;
  const GOptionEntry entries[] = {
    { "export-bundle", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The bundle to write"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The station it is for, by name or id (default: everything, for any station)"), N_("STATION") },
    { "everything", 0, 0, G_OPTION_ARG_NONE, &everything,
      N_("Every record, not only the changes since the last bundle for that station"), NULL },
    { "headquarters", 0, 0, G_OPTION_ARG_NONE, &headquarters, N_("Mark the station given with --to as headquarters"), NULL },
    { "include-restricted", 0, 0, G_OPTION_ARG_NONE, &restricted,
      N_("Include restricted incidents (only for headquarters)"), NULL },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  context = bb_cli_context_new (_("STATION.beatbook — write the station’s changes to a bundle for another station"), entries);
  if (!bb_cli_parse (context, argc, argv, &remaining, &error))
    goto fail;
  if (help)
    return bb_cli_print_help (context);
  if (file == NULL || remaining == NULL || g_strv_length (remaining) != 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give the bundle to write and one station: beatbook --export-bundle FILE [--to STATION] "
                     "STATION.beatbook"));
      goto fail;
    }
  if ((headquarters || restricted) && to == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--headquarters and --include-restricted need the station given with --to"));
      goto fail;
    }

  /* The bundle is encrypted with the passphrase given. */
  store = bb_store_cli_open (remaining[0], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  if (to != NULL)
    {
      peer = find_peer (store, to, &error);
      if (peer == NULL)
        goto fail;
      if (headquarters && !bb_sync_set_peer (store, peer->station_id, NULL, TRUE, &error))
        goto fail;
      options.peer_id = peer->station_id;
    }
  options.everything = everything;
  options.include_restricted = restricted;
  header = bb_bundle_export (store, file, &options, NULL, quiet ? NULL : bb_cli_progress_cb, &percent, &error);
  if (header == NULL)
    goto fail;

  first = format_time (header->first_change);
  last = format_time (header->last_change);
  g_print (_("Wrote %s: %llu records and %llu deletions for %s%s, changes from %s to %s\n"),
           file, (unsigned long long) bb_bundle_header_count_records (header), (unsigned long long) bb_bundle_header_count_deleted (header),
           header->to_name != NULL ? header->to_name : _("any station"),
           header->restricted_included ? _(", restricted incidents included") : "", first, last);
  return 0;

fail:
  g_printerr ("%s\n", error->message);
  return 1;
}

static gboolean
import_one (BbStore     *store,
            const char  *path,
            const char  *passphrase,
            gboolean     dry_run,
            gboolean     quiet,
            GError     **error)
{
  g_autoptr(BbBundleResult) result = NULL;
  int percent = 0;

  result = bb_bundle_apply_sealed (store, path, passphrase, dry_run, NULL, quiet ? NULL : bb_cli_progress_cb, &percent,
                                   error);
  if (result == NULL)
    return FALSE;
  if (result->already_applied)
    {
      g_autofree char *when = format_time (result->applied_at);

      g_print (_("%s: already imported on %s; nothing changed\n"), path, when);
      return TRUE;
    }
  g_print (_("%s%s from %s: %llu added, %llu changed, %llu"
             " deleted, %llu unchanged, %llu conflicts to review\n"),
           dry_run ? _("(dry run) ") : "", path, result->header->station_name, (unsigned long long) result->added, (unsigned long long) result->changed,
           (unsigned long long) result->deleted, (unsigned long long) result->unchanged, (unsigned long long) result->conflicts);
  for (guint i = 0; i < result->notes->len; i++)
    g_print ("  %s\n", (char *) g_ptr_array_index (result->notes, i));
  return TRUE;
}

int
bb_bundle_import_cli_run (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_auto(GStrv) remaining = NULL;
  g_auto(GStrv) paths = NULL;
  g_autofree char *file = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *bundle_passphrase_file = NULL;
  g_autofree char *passphrase = NULL;
  gboolean dry_run = FALSE, quiet = FALSE, help = FALSE;
  int status = 0;
  const GOptionEntry entries[] = {
    { "import-bundle", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("The bundle to import, or a folder: every bundle in it not imported yet"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Report what would change, change nothing"), NULL },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    { "bundle-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &bundle_passphrase_file,
      N_("For encrypted bundles: the file whose first line is the passphrase of the station that wrote them "
         "(default: this station’s)"),
      N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  context = bb_cli_context_new (_("STATION.beatbook — import another station’s bundle"), entries);
  if (!bb_cli_parse (context, argc, argv, &remaining, &error))
    goto fail;
  if (help)
    return bb_cli_print_help (context);
  if (file == NULL || remaining == NULL || g_strv_length (remaining) != 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give the bundle to import and one station: beatbook --import-bundle FILE STATION.beatbook"));
      goto fail;
    }
  store = bb_store_cli_open (remaining[0], passphrase_file, &error);
  if (store == NULL)
    goto fail;
  /* An encrypted bundle opens with the passphrase given for it, else with
   * this station's (stations that exchange often share one). */
  if (bundle_passphrase_file == NULL)
    bundle_passphrase_file = g_strdup (passphrase_file);
  if (bundle_passphrase_file != NULL)
    {
      if ((passphrase = bb_store_cli_read_passphrase (bundle_passphrase_file, &error)) == NULL)
        goto fail;
    }
  else if (bb_store_get_unlocked_passphrase (store) != NULL)
    passphrase = g_strdup (bb_store_get_unlocked_passphrase (store));

  if (g_file_test (file, G_FILE_TEST_IS_DIR))
    {
      paths = bb_sync_scan_folder (store, file, NULL, &error);
      if (paths == NULL)
        goto fail;
      if (paths[0] == NULL)
        g_print (_("No new bundles for this station in %s\n"), file);
    }
  else
    {
      paths = g_new0 (char *, 2);
      paths[0] = g_strdup (file);
    }
  /* Each bundle on its own: one refused does not hold up the others. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) one_error = NULL;

      if (!import_one (store, paths[i], passphrase, dry_run, quiet, &one_error))
        {
          g_printerr ("%s\n", one_error->message);
          status = 1;
        }
    }
  {
    gint64 open = bb_sync_count_open_conflicts (store, NULL);

    if (open > 0)
      g_print (_("%lld conflicts are waiting for review in Beatbook (Import Bundle… → Conflicts)\n"), (long long) open);
  }
  return status;

fail:
  g_printerr ("%s\n", error->message);
  return 1;
}
