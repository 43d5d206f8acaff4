/* bench-store.c: opening a large station and the table's first rows while the map loads, beside the sqlite3 shell */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bb-store.h"
#include "bb-store-map.h"

#define RUNS 5
#define FIRST_PAGE 200

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
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

static BbStore *
open_station (const char *path)
{
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

/* Drops the store and waits until it is closed: the last reference may
 * go on one of its threads, and the next open should find the file as a
 * freshly started window would. */
static void
close_station (BbStore **store)
{
  GWeakRef ref;

  g_weak_ref_init (&ref, *store);
  g_clear_object (store);
  for (;;)
    {
      BbStore *still = g_weak_ref_get (&ref);

      if (still == NULL)
        break;
      g_object_unref (still);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_weak_ref_clear (&ref);
}

/* The table's first page, as the incidents view reads it. */
typedef struct {
  gint64     count;
  GPtrArray *incidents;
} FirstPage;

static gpointer
read_first_page (BbStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  FirstPage *page = g_new0 (FirstPage, 1);

  page->count = bb_store_incident_count (store, NULL, error);
  if (page->count >= 0)
    page->incidents = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, FIRST_PAGE, error);
  if (page->incidents == NULL)
    {
      g_free (page);
      return NULL;
    }
  return page;
}

static gpointer
load_points (BbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) categories = bb_store_map_list_categories (store, error);

  return categories != NULL ? bb_store_map_load_points (store, categories, error) : NULL;
}

/* The map's points, as the map view's loader reads them: on a thread of
 * its own, straight from the store. */
static void
load_points_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GArray *points = load_points (task_data, NULL, cancellable, &error);

  if (points == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, points, (GDestroyNotify) g_array_unref);
}

/* How the map's point load runs beside the table's first page. */
typedef enum {
  MAP_NONE,
  MAP_THREAD,   /* on a thread of its own, as bb_map_data_load_async */
  MAP_QUEUE,    /* through the store's queue, bb_store_run_async */
} MapLoad;

typedef struct {
  double   done_at;
  gboolean done;
  gboolean points;   /* a point load through the store's queue */
} Finished;

static void
first_page_free (FirstPage *page)
{
  g_ptr_array_unref (page->incidents);
  g_free (page);
}

static void
finished_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Finished *finished = user_data;
  g_autoptr(GError) error = NULL;

  finished->done_at = now_s ();
  finished->done = TRUE;
  if (finished->points)
    {
      g_autoptr(GArray) points = bb_store_run_finish (BB_STORE (source), result, &error);

      if (points == NULL)
        g_error ("%s", error->message);
    }
  else if (g_async_result_is_tagged (result, bb_store_run_async))
    {
      FirstPage *page = bb_store_run_finish (BB_STORE (source), result, &error);

      if (page == NULL)
        g_error ("%s", error->message);
      if (page->incidents->len != FIRST_PAGE)
        g_error ("the first page has %u incidents", page->incidents->len);
      first_page_free (page);
    }
  else if (!g_task_propagate_pointer (G_TASK (result), &error))
    g_error ("%s", error->message);
}

/* Seconds from asking for the first page to having it, with the map's
 * point load started just before (or not at all); @map_s gets how long
 * the point load took. */
static double
first_page (BbStore  *store,
            MapLoad   map,
            double   *map_s)
{
  Finished page_done = { 0 }, map_done = { 0 };
  g_autoptr(GTask) map_task = NULL;
  double started;

  if (map == MAP_THREAD)
    {
      map_task = g_task_new (NULL, NULL, finished_cb, &map_done);
      g_task_set_task_data (map_task, g_object_ref (store), g_object_unref);
      g_task_run_in_thread (map_task, load_points_thread);
    }
  else if (map == MAP_QUEUE)
    {
      map_done.points = TRUE;
      bb_store_run_async (store, load_points, NULL, NULL, NULL, finished_cb, &map_done);
    }
  else
    map_done.done = TRUE;
  /* The window asks for the map and the table together; the map first. */
  if (map != MAP_NONE)
    g_usleep (20000);

  started = now_s ();
  bb_store_run_async (store, read_first_page, NULL, NULL, NULL, finished_cb, &page_done);
  while (!page_done.done || !map_done.done)
    g_main_context_iteration (NULL, TRUE);
  if (map_s != NULL)
    *map_s = map != MAP_NONE ? map_done.done_at - started : 0;
  return page_done.done_at - started;
}

static double
run_shell (const char *path,
           const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  double started = now_s ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3: %s", error->message);
  return now_s () - started;
}

int
main (int argc, char **argv)
{
  const char *path;
  double open_s[RUNS], alone_s[RUNS], beside_s[RUNS], queued_s[RUNS], map_s[RUNS], queued_map_s[RUNS];
  double shell_s[RUNS], shell_open_s[RUNS];
  double open_m, alone_m, beside_m, queued_m, map_m, queued_map_m, shell_m, shell_open_m;
  gint64 n_incidents;
  GStatBuf st;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s STATION.beatbook\n", argv[0]);
      return 2;
    }
  path = argv[1];
  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));

  /* Once to bring the file into the page cache, for every run alike. */
  {
    BbStore *store = open_station (path);

    n_incidents = bb_store_count (store, "incident", NULL);
    first_page (store, MAP_NONE, NULL);
    close_station (&store);
  }

  for (guint r = 0; r < RUNS; r++)
    {
      double started = now_s ();
      BbStore *store = open_station (path);

      open_s[r] = now_s () - started;
      close_station (&store);

      store = open_station (path);
      alone_s[r] = first_page (store, MAP_NONE, NULL);
      close_station (&store);

      store = open_station (path);
      beside_s[r] = first_page (store, MAP_THREAD, &map_s[r]);
      close_station (&store);

      store = open_station (path);
      queued_s[r] = first_page (store, MAP_QUEUE, &queued_map_s[r]);
      close_station (&store);

      shell_open_s[r] = run_shell (path, "SELECT count(*) FROM sqlite_schema;");
      shell_s[r] = run_shell (path, "SELECT count(*) FROM incident;"
                                    " SELECT * FROM incident ORDER BY occurred_start DESC, rowid DESC LIMIT 200;");
      fprintf (stderr, "run %u: open %.3f s, first page %.3f s alone, %.3f s beside the map on its thread "
               "(map %.3f s), %.3f s beside the map in the store's queue (map %.3f s), "
               "sqlite3 %.3f s (open %.3f s)\n",
               r, open_s[r], alone_s[r], beside_s[r], map_s[r], queued_s[r], queued_map_s[r],
               shell_s[r], shell_open_s[r]);
    }
  open_m = median (open_s, RUNS);
  alone_m = median (alone_s, RUNS);
  beside_m = median (beside_s, RUNS);
  map_m = median (map_s, RUNS);
  queued_m = median (queued_s, RUNS);
  queued_map_m = median (queued_map_s, RUNS);
  shell_m = median (shell_s, RUNS);
  shell_open_m = median (shell_open_s, RUNS);

  printf ("BENCH\topen a station\t%" G_GINT64_FORMAT " incidents, %.0f MB\t%.3f s\t%.3f s (sqlite3 shell: open, read schema)\t%.2f\t< 0.30 s\n",
          n_incidents, st.st_size / 1e6, open_m, shell_open_m, open_m / shell_open_m);
  printf ("BENCH\ttable's first page: count + first %d by time\t%" G_GINT64_FORMAT " incidents, nothing else running\t%.3f s\t%.3f s (sqlite3 shell, same two queries)\t%.2f\t< 0.40 s\n",
          FIRST_PAGE, n_incidents, alone_m, shell_m, alone_m / shell_m);
  printf ("BENCH\ttable's first page while the map loads its points\t%" G_GINT64_FORMAT " incidents, point load on the map's thread\t%.3f s\t%.3f s (sqlite3 shell, same two queries, alone)\t%.2f\t< 0.40 s\n",
          n_incidents, beside_m, shell_m, beside_m / shell_m);
  printf ("BENCH\ttable's first page while the map loads its points\t%" G_GINT64_FORMAT " incidents, point load queued first on the store\t%.3f s\t%.3f s (sqlite3 shell, same two queries, alone)\t%.2f\t< 0.40 s\n",
          n_incidents, queued_m, shell_m, queued_m / shell_m);
  printf ("BENCH\tmap point load beside the table's first page\t%" G_GINT64_FORMAT " incidents, on the map's thread / queued on the store\t%.2f s / %.2f s\t-\t-\t-\n",
          n_incidents, map_m, queued_map_m);
  return 0;
}
