/* bb-fault-driver.c: runs one of Beatbook's writes on a station, for the harness that kills it midway */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-fault-driver"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bb-store.h"

/* The writes that have no command of Beatbook's own line: each is a call
 * of the store, as the window makes it.  Imports run through
 * `beatbook --import` itself. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(BbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  setlocale (LC_ALL, "");
  if (argc == 4 && g_str_equal (argv[1], "bulk-status"))
    {
      /* bulk-status STATION STATUS: every incident gets STATUS. */
      store = bb_store_open (argv[2], &error);
      if (store == NULL || !bb_store_incident_set_status_where (store, NULL, argv[3], &n, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%" G_GINT64_FORMAT " incidents changed\n", n);
      return 0;
    }
  g_printerr ("usage: %s bulk-status STATION STATUS\n", argv[0]);
  return 2;
}
