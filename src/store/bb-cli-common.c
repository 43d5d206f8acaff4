/* bb-cli-common.c: what the headless commands share: parsing their options, help, progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-cli-common.h"

GOptionContext *
bb_cli_context_new (const char         *parameter,
                    const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  return context;
}

gboolean
bb_cli_parse_date_order (const char   *text,
                         BbDateOrder  *order,
                         GError      **error)
{
  if (text == NULL)
    return TRUE;
  if (g_strcmp0 (text, "dmy") != 0 && g_strcmp0 (text, "mdy") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--date-order is dmy or mdy, not “%s”"), text);
      return FALSE;
    }
  *order = g_str_equal (text, "mdy") ? BB_DATE_ORDER_MDY : BB_DATE_ORDER_DMY;
  return TRUE;
}

gboolean
bb_cli_parse (GOptionContext  *context,
              int              argc,
              char           **argv,
              char          ***remaining,
              GError         **error)
{
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  g_autofree char **view = NULL;
  char **args_ptr;
  int n = argc;

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  /* The parser takes the options it knows out of the array it is given
   * without freeing them: it gets a copy of the pointers, and @args keeps
   * every string to free. */
  view = g_memdup2 (args, sizeof (char *) * (argc + 1));
  args_ptr = view;
  if (!g_option_context_parse (context, &n, &args_ptr, error))
    return FALSE;
  *remaining = g_strdupv (args_ptr + 1);
  return TRUE;
}

gboolean
bb_cli_import_start (GOptionContext  *context,
                     int              argc,
                     char           **argv,
                     char * const    *file,
                     const gboolean  *help,
                     const char      *missing,
                     char          ***remaining,
                     GError         **error)
{
  g_return_val_if_fail (file != NULL && help != NULL && missing != NULL, FALSE);

  if (!bb_cli_parse (context, argc, argv, remaining, error))
    return FALSE;
  if (*help)
    return TRUE;
  if (*file == NULL || *remaining == NULL || g_strv_length (*remaining) != 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, missing);
      return FALSE;
    }
  return TRUE;
}

int
bb_cli_print_help (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fputs (help, stdout);
  return 0;
}

void
bb_cli_progress_cb (double   fraction,
                    gpointer data)
{
  int *last = data;
  int percent = (int) (fraction * 100);

  if (percent / 10 != *last / 10)
    {
      *last = percent;
      g_printerr ("\r%3d %%", percent);
      if (percent >= 100)
        g_printerr ("\n");
    }
}

int
bb_cli_fail (const GError *error,
             const char   *help_hint)
{
  if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED)
      || g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE)
      || g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
    g_printerr ("%s\n%s", error->message, help_hint);
  else
    g_printerr ("%s\n", error->message);
  return 1;
}
