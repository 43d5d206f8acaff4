/* bb-audit-cli.c: `beatbook --check-audit STATION`: is the audit log as Beatbook wrote it? */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-audit-cli.h"
#include "bb-store-cli.h"

int
bb_audit_check_cli_run (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  g_autofree char *station = NULL;
  g_autofree char *display = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean help = FALSE;
  gint64 lines;
  char **args_ptr;
  int n = argc;
  const GOptionEntry entries[] = {
    { "check-audit", 0, 0, G_OPTION_ARG_FILENAME, &station,
      N_("The station whose audit log to check"), N_("STATION") },
    BB_STORE_CLI_PASSPHRASE_OPTION (&passphrase_file),
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— check that a station’s audit log was not changed outside Beatbook"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  args_ptr = args;
  if (!g_option_context_parse (context, &n, &args_ptr, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      fputs (text, stdout);
      return 0;
    }
  if (station == NULL || n != 1)
    {
      g_printerr ("%s\n", _("Give one station: beatbook --check-audit STATION.beatbook"));
      return 2;
    }

  /* A keyed chain is checked whole only with the passphrase. */
  store = bb_store_cli_open (station, passphrase_file, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!bb_store_audit_check (store, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED) ? 1 : 2;
    }
  lines = bb_store_count (store, "audit_log", NULL);
  display = g_filename_display_name (station);
  g_print (ngettext ("The audit log of “%s” is whole: its %lld line is as Beatbook wrote it.\n",
                     "The audit log of “%s” is whole: its %lld lines are as Beatbook wrote them.\n",
                     (unsigned long) MAX (lines, 0)),
           display, (long long) lines);
  return 0;
}
