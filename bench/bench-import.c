/* bench-import.c: runs the headless import as `beatbook --import` does, without the application, for timing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <glib.h>

#include "bb-import-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gint64 start;
  int status;

  setlocale (LC_ALL, "");
  /* the same arguments as beatbook --import FILE … STATION */
  g_ptr_array_add (args, argv[0]);
  g_ptr_array_add (args, (char *) "--import");
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  start = g_get_monotonic_time ();
  status = bb_import_cli_run ((int) args->len - 1, (char **) args->pdata);
  g_printerr ("import took %.3f s\n", (g_get_monotonic_time () - start) / 1e6);
  return status;
}
