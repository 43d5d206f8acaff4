/* bench-heat-layer.c: the map's heat-map and hot-spot layers on a station: compute, colour, draw, and the main thread's longest stall */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-heat-layer"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gtk/gtk.h>

#include "bb-heat-layer.h"
#include "bb-hotspot-layer.h"
#include "bb-map-analyst.h"
#include "bb-map-data.h"

#define REPS   5
#define WIDTH  1200
#define HEIGHT 760

/* Times are the thread's own CPU time, best of REPS: the work done, not
 * what other programs on a busy machine take from it (the target
 * is "ms of compute on one core"). */
static double
thread_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
row (const char *operation,
     const char *workload,
     double      ms,
     const char *target)
{
  printf ("BENCH\t%s\t%s\t%.1f ms CPU\t-\t-\t%s\n", operation, workload, ms, target);
  fflush (stdout);
}

static BbMapAnalysis *
compute (BbMapData *data,
         gboolean   heat,
         gboolean   hotspots,
         double    *best)
{
  BbMapAnalysisOptions options;
  BbMapAnalysis *kept = NULL;

  bb_map_analysis_options_init (&options);
  options.heat = heat;
  options.hotspots = hotspots;
  *best = INFINITY;
  for (int r = 0; r < REPS; r++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = thread_ms ();
      BbMapAnalysis *analysis = bb_map_analysis_compute (data->points, NULL, &data->bounds, data->district_units,
                                                         &options, NULL, &error);

      if (analysis == NULL)
        g_error ("%s", error->message);
      *best = MIN (*best, thread_ms () - t0);
      if (kept == NULL)
        kept = analysis;
      else
        bb_map_analysis_unref (analysis);
    }
  return kept;
}

/* The KDE alone on the layer's grid, as issue 5's target counts it. */
static double
kde_only (BbMapData     *data,
          BbMapAnalysis *analysis)
{
  g_autofree double *xs = g_new (double, data->points->len);
  g_autofree double *ys = g_new (double, data->points->len);
  g_autoptr(BbGrid) like = bb_grid_new_like (analysis->heat);
  BbKdeOptions options;
  double best = INFINITY;

  for (guint i = 0; i < data->points->len; i++)
    {
      const BbMapPoint *p = &g_array_index (data->points, BbMapPoint, i);
      bb_local_projection_forward (&analysis->projection, p->lon, p->lat, &xs[i], &ys[i]);
    }
  bb_kde_options_init (&options);
  options.bandwidth = analysis->bandwidth;
  options.like = like;
  for (int r = 0; r < REPS; r++)
    {
      double t0 = thread_ms ();
      g_autoptr(BbGrid) out = bb_kde_grid_compute (xs, ys, NULL, data->points->len, &options, NULL);

      best = MIN (best, thread_ms () - t0);
    }
  return best;
}

typedef struct {
  gboolean updated;
} Wait;

static void
updated_cb (BbMapAnalyst *analyst,
            Wait         *wait)
{
  wait->updated = TRUE;
}

/* The analyst as the map drives it: a filter change, then the main loop
 * turning until the new heat map is shown; the longest single turn is what
 * the user could feel as a freeze. */
static double
longest_stall (BbMapData       *data,
               ShumateViewport *viewport,
               GArray          *half)
{
  BbHeatLayer *heat = g_object_ref_sink (bb_heat_layer_new (viewport));
  BbHotspotLayer *hot = g_object_ref_sink (bb_hotspot_layer_new (viewport));
  g_autoptr(BbMapAnalyst) analyst = bb_map_analyst_new (heat, hot);
  double worst = 0;
  Wait wait = { FALSE };

  g_signal_connect (analyst, "updated", G_CALLBACK (updated_cb), &wait);
  g_object_set (analyst, "heat-visible", TRUE, NULL);
  for (int r = 0; r < REPS; r++)
    {
      double t0 = thread_ms ();

      wait.updated = FALSE;
      /* Every other run the other half: never from the cache. */
      bb_map_analyst_set_points (analyst, data->points, r % 2 ? NULL : half, &data->bounds, data->district_units);
      worst = MAX (worst, thread_ms () - t0);
      /* Only the turns that dispatch something count; waiting for the
       * worker is not a stall. */
      while (!wait.updated)
        {
          t0 = thread_ms ();
          if (g_main_context_iteration (NULL, FALSE))
            worst = MAX (worst, thread_ms () - t0);
          else
            g_usleep (200);
        }
      g_assert_nonnull (bb_map_analyst_get_analysis (analyst));
      /* Forget it all, so that the cache cannot answer the next round. */
      bb_map_analyst_clear (analyst);
    }
  g_clear_object (&analyst);
  g_object_unref (heat);
  g_object_unref (hot);
  return worst;
}

static void
bench_station (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_open (path, &error);
  g_autoptr(BbMapData) data = NULL;
  g_autoptr(BbMapAnalysis) heat_analysis = NULL;
  g_autoptr(BbMapAnalysis) hot_analysis = NULL;
  g_autoptr(ShumateViewport) viewport = shumate_viewport_new ();
  g_autoptr(GArray) half = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *workload = NULL;
  g_autofree char *heat_workload = NULL;
  g_autofree char *hot_workload = NULL;
  BbHeatLayer *layer;
  cairo_surface_t *surface;
  double compute_ms, kde_ms, colour_ms = INFINITY, draw_ms = INFINITY, hot_ms, stall_ms;

  if (store == NULL)
    g_error ("%s", error->message);
  data = bb_map_data_load (store, &error);
  if (data == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < data->points->len; i += 2)
    g_array_append_val (half, i);

  workload = g_strdup_printf ("%u incidents", data->points->len);
  heat_analysis = compute (data, TRUE, FALSE, &compute_ms);
  kde_ms = kde_only (data, heat_analysis);
  hot_analysis = compute (data, FALSE, TRUE, &hot_ms);

  /* Colouring and drawing happen on the main thread, at the town's zoom. */
  shumate_viewport_set_max_zoom_level (viewport, 20);
  shumate_viewport_set_zoom_level (viewport, 14);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), (data->bounds.min_lat + data->bounds.max_lat) / 2,
                                 (data->bounds.min_lon + data->bounds.max_lon) / 2);
  layer = g_object_ref_sink (bb_heat_layer_new (viewport));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH + 512, HEIGHT + 512);
  for (int r = 0; r < REPS; r++)
    {
      double t0 = thread_ms ();
      cairo_t *cr;

      bb_heat_layer_set_analysis (layer, heat_analysis, 0);
      colour_ms = MIN (colour_ms, thread_ms () - t0);
      cr = cairo_create (surface);
      t0 = thread_ms ();
      /* The cached image: the widget and 256 pixels around it. */
      bb_heat_layer_paint (layer, cr, WIDTH + 512, HEIGHT + 512);
      cairo_surface_flush (surface);
      draw_ms = MIN (draw_ms, thread_ms () - t0);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  g_object_unref (layer);
  stall_ms = longest_stall (data, viewport, half);

  heat_workload = g_strdup_printf ("%s, %u×%u cells of %.0f m, bandwidth %.0f m", workload,
                                   heat_analysis->heat->n_cols, heat_analysis->heat->n_rows,
                                   heat_analysis->cell_size, heat_analysis->bandwidth);
  hot_workload = g_strdup_printf ("%s, %u×%u cells of %.0f m, band %.0f m", workload,
                                  hot_analysis->z->n_cols, hot_analysis->z->n_rows,
                                  hot_analysis->hot_cell_size, hot_analysis->distance);
  row ("heat layer: compute off the main thread (projection, bandwidth rule, quartic KDE)", heat_workload,
       compute_ms, "-");
  row ("heat layer: the KDE alone", heat_workload, kde_ms,
       data->points->len >= 1000000 ? "≤ 20 ms (issue 5, 1000×1000 cells)" : "-");
  row ("heat layer: colour the surface (main thread)", heat_workload, colour_ms, "-");
  row ("heat layer: draw the cached image (1712×1272 px, z14)", heat_workload, draw_ms, "-");
  row ("heat layer: compute + colour + draw", heat_workload, compute_ms + colour_ms + draw_ms, "-");
  row ("heat layer: longest main-thread turn while it follows a filter change (thread CPU time)", workload, stall_ms,
       "≤ 16.7 ms (one frame)");
  row ("hot-spot layer: compute Gi* off the main thread", hot_workload, hot_ms, "-");
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s STATION.beatbook…\n", argv[0]);
      return 2;
    }
  gtk_init ();
  for (int i = 1; i < argc; i++)
    bench_station (argv[i]);
  return 0;
}
