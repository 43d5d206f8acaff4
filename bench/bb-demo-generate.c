/* bb-demo-generate.c: writes a demo station or a demo incident CSV of any size, and times it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-demo-generate"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "bb-demo-station.h"

static gint64 started;

/* Prints the time at every tenth, so that the phases can be told apart
 * (set-up, incidents, indexes, the rest). */
static void
progress_cb (double   fraction,
             gpointer data)
{
  int *last = data;
  int percent = (int) (fraction * 100);

  if (percent / 10 != *last / 10 || (percent >= 90 && percent != *last))
    {
      fprintf (stderr, "%3d %% after %.2f s\n", percent, (g_get_monotonic_time () - started) / 1e6);
      *last = percent;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *output = NULL;
  g_autofree char *csv = NULL;
  gint64 incidents = 0, seed = (gint64) BB_DEMO_DEFAULT_SEED, end_time = 0;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write a demo station to FILE.beatbook", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Write the incidents as a police-export-like CSV", "FILE" },
    { "incidents", 'n', 0, G_OPTION_ARG_INT64, &incidents, "Number of incidents (default 24000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the generator", "S" },
    { "end-time", 0, 0, G_OPTION_ARG_INT64, &end_time, "Seconds since the epoch when the data ends", "T" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the demo station generator");
  g_autoptr(GError) error = NULL;
  BbDemoOptions options;
  double seconds;
  int last = -1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if ((output == NULL) == (csv == NULL) || incidents < 0 || incidents > G_MAXUINT)
    {
      g_printerr ("Give either --output FILE.beatbook or --csv FILE.csv (and a valid --incidents)\n");
      return 2;
    }

  bb_demo_options_init_default (&options);
  options.seed = (guint64) seed;
  if (incidents > 0)
    options.n_incidents = (guint) incidents;
  if (end_time > 0)
    options.end_time = end_time;

  started = g_get_monotonic_time ();
  if (output != NULL)
    {
      g_autoptr(BbStore) store = bb_demo_station_create (output, &options, quiet ? NULL : progress_cb, &last,
                                                         NULL, &error);

      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else if (!bb_demo_incidents_write_csv (csv, &options, quiet ? NULL : progress_cb, &last, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - started) / 1e6;
  printf ("%s: %u incidents in %.2f s (%.0f incidents/s)\n",
          output != NULL ? output : csv, options.n_incidents, seconds, options.n_incidents / seconds);
  return 0;
}
