/* make-station.c: a small station of its own for a journey: a name, some incidents, exchange folders */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bb-store.h"
#include "bb-sync.h"

/* make-station PATH NAME N OUTBOX INBOX: a new station called NAME with N
 * incidents of its own (their descriptions start with NAME), whose
 * exchange folders are OUTBOX and INBOX, as chosen in Preferences. */
int
main (int    argc,
      char **argv)
{
  static const char * const codes[] = {
    "burglary.residential", "vandalism.graffiti", "theft.bicycle", "street_lighting", "public_disorder.noise",
  };
  static const char * const streets[] = { "Lake Street", "Market Square", "School Street", "Mill Lane", "Station Road" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  int n;

  setlocale (LC_ALL, "");
  if (argc != 6)
    {
      g_printerr ("usage: %s PATH NAME N OUTBOX INBOX\n", argv[0]);
      return 2;
    }
  n = atoi (argv[3]);
  rand = g_rand_new_with_seed (g_str_hash (argv[2]));
  store = bb_store_create (argv[1], argv[2], &error);
  if (store == NULL || !bb_sync_set_folders (store, argv[4], argv[5], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (int i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();
      g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, codes[i % G_N_ELEMENTS (codes)], &error);

      if (category == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1735689600 + g_rand_int_range (rand, 0, 86400 * 90);
      incident->description = g_strdup_printf ("%s: %s report %d", argv[2], category->name, i + 1);
      incident->address = g_strdup_printf ("%s %d", streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                           g_rand_int_range (rand, 1, 80));
      if (!bb_store_incident_insert (store, incident, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}
