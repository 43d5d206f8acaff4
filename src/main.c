/* main.c: gettext set-up and the application's run, nothing else */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "beatbook"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "bb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BbApplication) app = NULL;

  const char *locale_dir = g_getenv ("BEATBOOK_LOCALEDIR");

  /* BEATBOOK_LOCALEDIR: the build tree's catalogues, for `meson devenv`. */
  if (locale_dir == NULL || *locale_dir == '\0')
    locale_dir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = bb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
