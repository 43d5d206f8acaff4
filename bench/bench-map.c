/* bench-map.c: the Map view on a 1,000,000-incident station: opening, panning, filtering, beside ShumateMarkerLayer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-map"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-map-timeline.h"
#include "bb-map-view.h"
#include "bb-store-map.h"

#define OPEN_RUNS     3
#define PAN_SECONDS   5.0
#define PEER_MARKERS  10000
#define FILTER_RUNS   6
#define WEEK_RUNS     12

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Processor time of this thread, which draws the map: a figure the
 * machine's other load does not change. */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Processor time of the threads named "bb-store-check": the background
 * check of a large station's pages, which runs for its own sake after the
 * station opens and is no part of the map's work. */
static double
check_cpu_s (guint *n_threads)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  double total = 0;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "schedstat", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_has_prefix (comm, "bb-store-check")
          && g_file_get_contents (stat_path, &stat, NULL, NULL))
        {
          total += g_ascii_strtod (stat, NULL) / 1e9;   /* nanoseconds on a processor */
          if (n_threads != NULL)
            (*n_threads)++;
        }
    }
  return total;
}

/* Processor time of the whole process, every thread (the map's loading
 * and tile drawing run on workers), user and system, less the store's
 * background check. */
static double
process_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6
         - check_cpu_s (NULL);
}

/* Wall and processor time of one measured section. */
typedef struct {
  double wall, thread, process;
} Cost;

static void
cost_start (Cost *cost)
{
  cost->wall = g_get_monotonic_time () / 1e6;
  cost->thread = cpu_s ();
  cost->process = process_cpu_s ();
}

static void
cost_stop (Cost *cost)
{
  cost->wall = g_get_monotonic_time () / 1e6 - cost->wall;
  cost->thread = cpu_s () - cost->thread;
  cost->process = process_cpu_s () - cost->process;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
spin (double seconds)
{
  double until = now_s () + seconds;

  while (now_s () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Waits until the station's background check has ended (at most
 * @seconds): a check that ended inside a measured section would leave its
 * processor time in the section's, and it takes one of the two cores. */
static void
wait_for_check (double seconds)
{
  double start = now_s ();
  guint n = 1;

  while (now_s () - start < seconds)
    {
      n = 0;
      check_cpu_s (&n);
      if (n == 0)
        break;
      spin (0.25);
    }
  g_printerr ("the station's background check %s after %.1f s\n", n == 0 ? "has ended" : "still runs",
              now_s () - start);
}

/* What the frame clock has presented. */
typedef struct {
  BbMapView *view;
  guint      frames;
  double     first_drawn;   /* when a frame first showed incidents, or 0 */
  guint      paints;        /* frames painted since the mark */
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->frames++;
  frames->paints++;
  if (frames->first_drawn == 0 && frames->view != NULL
      && bb_map_view_is_loaded (frames->view) && bb_map_view_get_n_drawn (frames->view) > 0)
    frames->first_drawn = now_s ();
}

/* Waits for the next frame that was painted after now. */
static double
wait_for_paint (Frames *frames)
{
  double deadline = now_s () + 10;

  frames->paints = 0;
  while (frames->paints == 0 && now_s () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return now_s ();
}

static BbMapView *
new_view (GtkWindow *window)
{
  BbMapView *view = g_object_new (BB_TYPE_MAP_VIEW, NULL);

  gtk_window_set_child (window, GTK_WIDGET (view));
  spin (0.3);
  return view;
}

/* Pans in a circle of @radius_px around the start for PAN_SECONDS and
 * returns the frames presented per second. */
typedef struct {
  ShumateViewport *viewport;
  double           lat0, lon0;
  double           start;
  double           radius_deg;
} Pan;

static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Pan *pan = user_data;
  double t = now_s () - pan->start;
  double angle = t * 2 * G_PI / PAN_SECONDS;

  shumate_location_set_location (SHUMATE_LOCATION (pan->viewport),
                                 pan->lat0 + pan->radius_deg * 0.75 * sin (angle),
                                 pan->lon0 + pan->radius_deg * cos (angle));
  return G_SOURCE_CONTINUE;
}

static double
measure_pan (BbMapView *view,
             Frames    *frames,
             Cost      *cost)
{
  ShumateMap *map = bb_map_view_get_map (view);
  Pan pan;
  guint tick, before;
  double start, elapsed;

  pan.viewport = shumate_map_get_viewport (map);
  pan.lat0 = shumate_location_get_latitude (SHUMATE_LOCATION (pan.viewport));
  pan.lon0 = shumate_location_get_longitude (SHUMATE_LOCATION (pan.viewport));
  /* About 300 pixels across at this zoom: every frame shows new ground. */
  pan.radius_deg = 300.0 * 360.0 / (256.0 * exp2 (shumate_viewport_get_zoom_level (pan.viewport)));
  pan.start = start = now_s ();
  before = frames->frames;
  cost_start (cost);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (map), pan_tick_cb, &pan, NULL);
  while (now_s () - start < PAN_SECONDS)
    g_main_context_iteration (NULL, TRUE);
  cost_stop (cost);
  elapsed = now_s () - start;
  gtk_widget_remove_tick_callback (GTK_WIDGET (map), tick);
  shumate_location_set_location (SHUMATE_LOCATION (pan.viewport), pan.lat0, pan.lon0);
  spin (0.5);
  /* Processor time per frame presented, for the BENCH rows. */
  cost->thread /= MAX (frames->frames - before, 1);
  cost->process /= MAX (frames->frames - before, 1);
  return (frames->frames - before) / elapsed;
}

int
main (int argc, char *argv[])
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(BbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) points = NULL;
  GtkWindow *window;
  GdkFrameClock *clock;
  BbMapView *view = NULL;
  Frames frames = { 0 };
  double open_times[OPEN_RUNS], filter_times[FILTER_RUNS], sql_times[FILTER_RUNS];
  double open_thread[OPEN_RUNS], open_process[OPEN_RUNS], filter_thread[FILTER_RUNS], filter_process[FILTER_RUNS];
  Cost pan_cost = { 0 }, pan_close_cost = { 0 }, pan_base_cost = { 0 }, pan_peer_cost = { 0 };
  const char *only = NULL;
  double week_times[WEEK_RUNS], week_cpu[WEEK_RUNS], week_sql[WEEK_RUNS], week_sql_cpu[WEEK_RUNS];
  double week_scan_cpu[WEEK_RUNS], week_open_cpu = 0;
  gint64 week_from[WEEK_RUNS], week_to[WEEK_RUNS];
  double fps_ours, fps_ours_close, fps_peer, fps_base, zoom;
  guint n_points = 0, n_top = 0;
  const char *top_ids[FILTER_RUNS] = { NULL };

  /* --only pan|filter|slider|peer: opening and that part alone, to
   * profile one thing at a time. */
  if (argc == 4 && strcmp (argv[1], "--only") == 0)
    {
      only = argv[2];
      argv[1] = argv[3];
      argc = 2;
    }
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s [--only pan|filter|slider|peer] STATION.beatbook\n", argv[0]);
      return 2;
    }
  gtk_init ();
  g_printerr ("renderer: %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  adw_init ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_present (window);
  spin (0.5);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);

  /* (a) Opening the station's map until a frame shows its incidents. */
  for (guint run = 0; run < OPEN_RUNS; run++)
    {
      g_autoptr(BbStore) opened = NULL;
      double start, deadline;
      Cost cost;

      view = new_view (window);
      bb_map_view_set_filter (view, state);
      frames.view = view;
      frames.first_drawn = 0;
      cost_start (&cost);
      start = now_s ();
      opened = bb_store_open (argv[1], &error);
      if (opened == NULL)
        g_error ("%s", error->message);
      bb_map_view_set_store (view, opened);
      deadline = start + 60;
      while (frames.first_drawn == 0 && now_s () < deadline)
        g_main_context_iteration (NULL, TRUE);
      cost_stop (&cost);
      if (frames.first_drawn == 0)
        g_error ("The map did not draw its incidents within a minute");
      open_times[run] = frames.first_drawn - start;
      open_thread[run] = cost.thread;
      open_process[run] = cost.process;
      n_points = bb_map_view_get_n_drawn (view);
      g_printerr ("open run %u: %.3f s, %.3f s CPU (%.3f s main thread), %u incidents drawn\n", run,
                  open_times[run], cost.process, cost.thread, n_points);
      if (run + 1 < OPEN_RUNS)
        {
          frames.view = NULL;
          gtk_window_set_child (window, NULL);
          spin (0.5);
        }
    }
  store = g_object_ref (bb_map_view_get_store (view));
  spin (2.0);  /* the base map's tiles */
  wait_for_check (300);

  /* (b) Panning with every incident, at the zoom the view opened at and
   * closer in, where single points are drawn. */
  zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)));
  fps_ours = fps_ours_close = fps_peer = fps_base = 0;
  if (only == NULL || strcmp (only, "pan") == 0)
    {
      fps_ours = measure_pan (view, &frames, &pan_cost);
      g_printerr ("pan at z%.1f: %.1f frames/s, %.1f ms CPU a frame (%.1f ms main thread)\n", zoom, fps_ours,
                  pan_cost.process * 1e3, pan_cost.thread * 1e3);
      shumate_viewport_set_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)), 16);
      spin (2.0);
      fps_ours_close = measure_pan (view, &frames, &pan_close_cost);
      g_printerr ("pan at z16: %.1f frames/s, %.1f ms CPU a frame (%.1f ms main thread)\n", fps_ours_close,
                  pan_close_cost.process * 1e3, pan_close_cost.thread * 1e3);
      shumate_viewport_set_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)), zoom);
      spin (1.0);
    }

  /* (d) A filter change until the frame that shows it, and the same
   * filter asked of the store, as a map that goes back to SQLite would. */
  categories = bb_store_map_list_categories (store, &error);
  if (categories == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < categories->len && n_top < FILTER_RUNS; i++)
    if (((BbMapCategory *) g_ptr_array_index (categories, i))->parent < 0)
      top_ids[n_top++] = ((BbMapCategory *) g_ptr_array_index (categories, i))->id;
  if (only != NULL && strcmp (only, "filter") != 0)
    n_top = 0;
  for (guint run = 0; run < n_top; run++)
    {
      const char *ids[] = { top_ids[run], NULL };
      g_autoptr(GArray) rowids = NULL;
      double start;
      Cost cost;

      spin (0.2);
      cost_start (&cost);
      start = now_s ();
      bb_filter_state_set_category_ids (state, ids);
      filter_times[run] = wait_for_paint (&frames) - start;
      cost_stop (&cost);
      filter_thread[run] = cost.thread;
      filter_process[run] = cost.process;

      start = now_s ();
      rowids = bb_store_incident_rowids (store, bb_filter_state_get_filter (state), BB_INCIDENT_SORT_TIME, FALSE, &error);
      if (rowids == NULL)
        g_error ("%s", error->message);
      sql_times[run] = now_s () - start;
      g_printerr ("filter %s: %u drawn, redraw %.1f ms (%.1f ms CPU, %.1f ms main thread); SQLite %u rowids %.1f ms\n",
                  top_ids[run], bb_map_view_get_n_drawn (view), filter_times[run] * 1e3, filter_process[run] * 1e3,
                  filter_thread[run] * 1e3, rowids->len, sql_times[run] * 1e3);
    }
  bb_filter_state_reset (state);
  spin (1.0);

  /* (e) The time slider: a step to another week until the frame that
   * shows it, from the points in memory; the peer is the same week asked
   * of the store, as a slider that queried SQLite per frame would. */
  bb_map_view_set_timeline_shown (view, TRUE);
  spin (0.5);
  for (guint run = 0; run < WEEK_RUNS && (only == NULL || strcmp (only, "slider") == 0); run++)
    {
      g_autoptr(BbIncidentFilter) week = bb_filter_state_dup_filter (state);
      g_autoptr(GArray) rowids = NULL;
      double start, cpu;
      gint64 from = 0, to = 0;

      spin (0.2);
      start = now_s ();
      cpu = cpu_s ();
      bb_map_view_set_week (view, run * 4 + 1);
      week_times[run] = wait_for_paint (&frames) - start;
      week_cpu[run] = cpu_s () - cpu;

      if (!bb_map_view_get_week_range (view, &from, &to))
        g_error ("the time slider shows no week");
      week_from[run] = from;
      week_to[run] = to;
      bb_incident_filter_set_time_range (week, from, to);
      start = now_s ();
      cpu = cpu_s ();
      rowids = bb_store_incident_rowids (store, week, BB_INCIDENT_SORT_TIME, FALSE, &error);
      if (rowids == NULL)
        g_error ("%s", error->message);
      week_sql[run] = now_s () - start;
      week_sql_cpu[run] = cpu_s () - cpu;
      g_printerr ("week %u: %u drawn, redraw %.1f ms (%.1f ms CPU); SQLite %u rowids %.1f ms (%.1f ms CPU)\n",
                  run * 4 + 1, bb_map_view_get_n_drawn (view), week_times[run] * 1e3, week_cpu[run] * 1e3,
                  rowids->len, week_sql[run] * 1e3, week_sql_cpu[run] * 1e3);
    }
  bb_map_view_set_timeline_shown (view, FALSE);
  bb_filter_state_reset (state);
  spin (1.0);

  if (only != NULL && strcmp (only, "slider") != 0 && strcmp (only, "peer") != 0)
    {
      gtk_window_destroy (window);
      return 0;
    }

  /* (c) The peer: libshumate's own marker layer with one widget per
   * incident, over the same base map, with our layer hidden. */
  points = bb_store_map_load_points (store, categories, &error);
  if (points == NULL)
    g_error ("%s", error->message);
  /* (e, continued) Choosing a week's incidents alone: the slider's scan
   * of the points in memory against the same week's index search in
   * SQLite (above), both in processor time. */
  {
    double open_cpu = cpu_s ();
    g_autoptr(BbMapTimeline) timeline = bb_map_timeline_new (points, NULL, G_MININT64, G_MAXINT64);

    week_open_cpu = cpu_s () - open_cpu;
    g_printerr ("time slider opened over %u weeks in %.1f ms CPU\n", bb_map_timeline_get_n_weeks (timeline),
                week_open_cpu * 1e3);

    for (guint run = 0; run < WEEK_RUNS; run++)
      {
        double cpu = cpu_s ();
        guint week = 0;
        g_autoptr(GArray) chosen = NULL;

        while (week < bb_map_timeline_get_n_weeks (timeline)
               && bb_map_timeline_get_week_start (timeline, week) < week_from[run])
          week++;
        if (bb_map_timeline_get_week_start (timeline, week + 1) != week_to[run])
          g_error ("the slider's weeks and the benchmark's differ");
        cpu = cpu_s ();
        chosen = bb_map_timeline_select_week (timeline, week);
        week_scan_cpu[run] = cpu_s () - cpu;
        g_printerr ("week %u: %u chosen from memory in %.3f ms CPU\n", run * 4 + 1, chosen->len, week_scan_cpu[run] * 1e3);
      }
  }
  if (only != NULL && strcmp (only, "peer") != 0)
    {
      gtk_window_destroy (window);
      return 0;
    }
  gtk_widget_activate_action (GTK_WIDGET (view), "layer.show-incidents", NULL);
  spin (1.0);
  fps_base = measure_pan (view, &frames, &pan_base_cost);
  g_printerr ("pan at z%.1f with the base map alone: %.1f frames/s, %.1f ms CPU a frame (%.1f ms main thread)\n",
              zoom, fps_base, pan_base_cost.process * 1e3, pan_base_cost.thread * 1e3);
  {
    ShumateMap *map = bb_map_view_get_map (view);
    ShumateMarkerLayer *markers = shumate_marker_layer_new (shumate_map_get_viewport (map));
    guint step = MAX (1, points->len / PEER_MARKERS);

    for (guint i = 0, n = 0; i < points->len && n < PEER_MARKERS; i += step, n++)
      {
        const BbMapPoint *p = &g_array_index (points, BbMapPoint, i);
        ShumateMarker *marker = shumate_marker_new ();
        GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");

        gtk_image_set_pixel_size (GTK_IMAGE (dot), 8);
        shumate_marker_set_child (marker, dot);
        shumate_location_set_location (SHUMATE_LOCATION (marker), p->lat, p->lon);
        shumate_marker_layer_add_marker (markers, marker);
      }
    shumate_map_add_layer (map, SHUMATE_LAYER (markers));
    spin (2.0);
    fps_peer = measure_pan (view, &frames, &pan_peer_cost);
    g_printerr ("peer pan at z%.1f with %d markers: %.1f frames/s, %.1f ms CPU a frame (%.1f ms main thread)\n",
                zoom, PEER_MARKERS, fps_peer, pan_peer_cost.process * 1e3, pan_peer_cost.thread * 1e3);
    shumate_map_remove_layer (map, SHUMATE_LAYER (markers));
  }

  if (only != NULL)
    {
      gtk_window_destroy (window);
      return 0;
    }
  {
    double open = median (open_times, OPEN_RUNS);
    double filter = median (filter_times, n_top);
    double sql = median (sql_times, n_top);

    /* Processor time beside the wall time: on a shared machine the wall
     * time carries the other load, the processor time does not (the X
     * server's share of a frame is not in it). */
    printf ("BENCH\topen the Map view until incidents are drawn\t%u incidents\t%.2f s (%.2f s CPU, %.2f s main thread)\t-\t-\t< 1 s\n",
            n_points, open, median (open_process, OPEN_RUNS), median (open_thread, OPEN_RUNS));
    printf ("BENCH\tpan the map (frames presented per second)\t%u incidents, z%.1f, 1200×760, Xvfb\t%.1f fps (%.1f ms CPU a frame)\t%.1f fps (ShumateMarkerLayer, %d markers; %.1f ms CPU a frame)\t%.1f×\t≥ 30 fps\n",
            n_points, zoom, fps_ours, pan_cost.process * 1e3, fps_peer, PEER_MARKERS, pan_peer_cost.process * 1e3,
            fps_ours / MAX (fps_peer, 0.01));
    printf ("BENCH\tpan the base map alone, for scale (frames presented per second)\tno incident layer, z%.1f, 1200×760, Xvfb\t%.1f fps (%.1f ms CPU a frame)\t-\t-\t-\n",
            zoom, fps_base, pan_base_cost.process * 1e3);
    printf ("BENCH\tpan the map close in (frames presented per second)\t%u incidents, z16, 1200×760, Xvfb\t%.1f fps (%.1f ms CPU a frame)\t-\t-\t≥ 30 fps\n",
            n_points, fps_ours_close, pan_close_cost.process * 1e3);
    /* The store's answer for the same filter is in the log only: it is a
     * query, not a redraw, and no peer draws a million points. */
    g_printerr ("SQLite rowids for the same filters, median: %.1f ms\n", sql * 1e3);
    printf ("BENCH\ttime slider: another week until redrawn (every incident, week by week)\t%u incidents, median of %u\t%.1f ms (%.1f ms CPU)\t-\t-\t< 100 ms\n",
            n_points, WEEK_RUNS, median (week_times, WEEK_RUNS) * 1e3, median (week_cpu, WEEK_RUNS) * 1e3);
    printf ("BENCH\ttime slider: opening it (the points sorted by week, processor time)\t%u incidents\t%.1f ms\t-\t-\t-\n",
            n_points, week_open_cpu * 1e3);
    printf ("BENCH\ttime slider: choosing a week's incidents (processor time)\t%u incidents, median of %u\t%.3f ms (in memory, sorted by week)\t%.3f ms (SQLite, its index on the time; %.3f ms wall)\t%.3f×\t-\n",
            n_points, WEEK_RUNS, median (week_scan_cpu, WEEK_RUNS) * 1e3, median (week_sql_cpu, WEEK_RUNS) * 1e3,
            median (week_sql, WEEK_RUNS) * 1e3,
            median (week_scan_cpu, WEEK_RUNS) / MAX (median (week_sql_cpu, WEEK_RUNS), 1e-9));
    printf ("BENCH\tfilter change until redrawn (one top-level category)\t%u incidents, median of %u\t%.1f ms (%.1f ms CPU, %.1f ms main thread)\t-\t-\t< 100 ms\n",
            n_points, n_top, filter * 1e3, median (filter_process, n_top) * 1e3, median (filter_thread, n_top) * 1e3);
  }

  gtk_window_destroy (window);
  return 0;
}
