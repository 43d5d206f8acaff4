/* bb-store-cli.c: opening a station from the command line: the passphrase from a file or the terminal */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "bb-store-cli.h"

char *
bb_store_cli_read_passphrase (const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  char *end;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    *end = '\0';
  return g_steal_pointer (&contents);
}

/* One line typed at the terminal on standard input, not shown. */
static char *
ask_terminal (const char  *display,
              GError     **error)
{
  struct termios saved, quiet;
  char line[1024];
  gboolean got;
  char *end;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("Could not ask for the passphrase: %s"),
                   g_strerror (errno));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ICANON;
  /* Echo off before the prompt shows: nothing typed after it is shown. */
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  /* Translators: %s is a station's file name; the answer is typed after it and not shown */
  g_printerr (_("Passphrase of “%s”: "), display);
  got = fgets (line, sizeof line, stdin) != NULL;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  if (!got)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE, _("No passphrase was given"));
      return NULL;
    }
  end = strpbrk (line, "\r\n");
  if (end != NULL)
    *end = '\0';
  end = g_strdup (line);
  sodium_memzero (line, sizeof line);
  return end;
}

BbStore *
bb_store_cli_open (const char  *path,
                   const char  *passphrase_file,
                   GError     **error)
{
  g_autoptr(BbStore) store = NULL;
  g_autofree char *display = NULL;
  char *passphrase = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  store = bb_store_open (path, error);
  if (store == NULL || !bb_store_has_passphrase (store))
    return g_steal_pointer (&store);

  display = g_filename_display_name (path);
  if (passphrase_file != NULL)
    passphrase = bb_store_cli_read_passphrase (passphrase_file, error);
  else if (isatty (STDIN_FILENO))
    passphrase = ask_terminal (display, error);
  else
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE,
                 _("“%s” has a passphrase: give it with --passphrase-file FILE (its first line), or run the "
                   "command in a terminal to type it. Nothing was changed."), display);
  if (passphrase == NULL)
    return NULL;
  ok = bb_store_check_passphrase (store, passphrase, error);
  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
  if (!ok)
    {
      g_prefix_error (error, _("“%s” was not opened: "), display);
      return NULL;
    }
  return g_steal_pointer (&store);
}
