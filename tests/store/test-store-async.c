/* test-store-async.c: the asynchronous calls, their order, cancellation, and sync calls beside them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

/* Runs the main loop until the callback stored a result. */
static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static BbIncident *
new_incident (BbStore    *store,
              const char *code,
              gint64      when,
              const char *description)
{
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (store, code, NULL);
  BbIncident *incident = bb_incident_new ();

  g_assert_nonnull (c);
  incident->category_id = g_strdup (c->id);
  incident->occurred_start = when;
  incident->description = g_strdup (description);
  return incident;
}

static void
test_open_and_create (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.beatbook", NULL);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStore) opened = NULL;
  g_autofree char *name = NULL;

  bb_store_create_async (path, "Eastside", NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  store = bb_store_create_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&result);
  g_clear_object (&store);

  bb_store_open_async (path, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  opened = bb_store_open_finish (result, &error);
  g_assert_no_error (error);
  name = bb_store_dup_station_name (opened);
  g_assert_cmpstr (name, ==, "Eastside");
  g_clear_object (&result);

  g_assert_true (g_file_set_contents (text, "not a station", -1, NULL));
  bb_store_open_async (text, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_null (bb_store_open_finish (result, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION);

  rm_dir (dir);
}

static void
test_records (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(BbIncident) draft = new_incident (store, "drugs.dealing", 1714521600, "Dealing behind the garages");
  g_autoptr(BbIncident) stored = NULL;
  g_autoptr(BbIncident) got = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbStation) updated = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  g_assert_no_error (error);

  bb_store_incident_insert_async (store, draft, NULL, result_cb, &slot);
  /* The input was copied: changing it now changes nothing stored. */
  g_free (draft->description);
  draft->description = g_strdup ("changed after the call");
  result = wait_for_result (&slot);
  stored = bb_store_incident_insert_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (stored->id));
  g_assert_cmpstr (stored->description, ==, "Dealing behind the garages");
  g_assert_null (draft->id);

  g_free (stored->status);
  stored->status = g_strdup ("referred");
  bb_store_incident_update_async (store, stored, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_clear_pointer (&got, bb_incident_free);
  got = bb_store_incident_update_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpint (got->updated_at, >=, stored->created_at);

  bb_store_incident_get_async (store, stored->id, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_clear_pointer (&got, bb_incident_free);
  got = bb_store_incident_get_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpstr (got->status, ==, "referred");

  bb_incident_filter_set_text (filter, "garages");
  bb_store_incident_query_async (store, filter, BB_INCIDENT_SORT_TIME, TRUE, 0, 50, NULL, result_cb, &slot);
  /* The filter was copied too. */
  bb_incident_filter_set_text (filter, "nothing-matches-this");
  result = wait_for_result (&slot);
  list = bb_store_incident_query_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  bb_store_incident_count_async (store, filter, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (bb_store_incident_count_finish (store, result, &error), ==, 0);
  g_object_unref (result);
  g_assert_no_error (error);

  bb_store_category_list_async (store, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  list = bb_store_list_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 32);
  g_clear_pointer (&list, g_ptr_array_unref);

  bb_store_district_list_async (store, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  list = bb_store_list_finish (store, result, &error);
  g_object_unref (result);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  bb_store_station_get_async (store, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  station = bb_store_station_get_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_free (station->email);
  station->email = g_strdup ("eastside@police.example");
  bb_store_station_update_async (store, station, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  updated = bb_store_station_update_finish (store, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->email, ==, "eastside@police.example");

  bb_store_incident_delete_async (store, stored->id, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_true (bb_store_incident_delete_finish (store, result, &error));
  g_object_unref (result);
  g_assert_no_error (error);

  bb_store_count_async (store, "incident", NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (bb_store_count_finish (store, result, &error), ==, 0);
  g_object_unref (result);

  /* Errors come back through finish. */
  bb_store_incident_get_async (store, stored->id, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_null (bb_store_incident_get_finish (store, result, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
  g_object_unref (result);

  rm_dir (dir);
}

static gpointer
count_categories_of_kind (BbStore       *store,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT count(*) FROM category WHERE kind = ?1", error);

  if (stmt == NULL)
    return NULL;
  if (data == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, "no kind given");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
  return GINT_TO_POINTER (sqlite3_column_int (stmt, 0));
}

static void
test_run_async (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  bb_store_run_async (store, count_categories_of_kind, g_strdup ("environment"), g_free, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (GPOINTER_TO_INT (bb_store_run_finish (store, result, &error)), ==, 4);
  g_assert_no_error (error);
  g_object_unref (result);

  bb_store_run_async (store, count_categories_of_kind, NULL, NULL, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_null (bb_store_run_finish (store, result, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_object_unref (result);

  rm_dir (dir);
}

typedef struct {
  BbStore *store;
  char    *category_id;
  guint    n_transactions;
  guint    failures;
} WriterData;

/* Another thread writing in transactions, the way an import or the demo
 * writer does, with pauses inside its transactions. */
static gpointer
sync_writer_thread (gpointer user_data)
{
  WriterData *w = user_data;

  for (guint t = 0; t < w->n_transactions; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!bb_store_begin (w->store, &error))
        {
          w->failures++;
          continue;
        }
      stmt = bb_store_prepare (w->store,
                               "INSERT INTO incident (id, station_id, category_id, occurred_start, source,"
                               " description, created_at, updated_at)"
                               " VALUES (?1, 's', ?2, 1714521600, 'import', 'imported', 0, 0)", &error);
      for (guint i = 0; stmt != NULL && i < 5; i++)
        {
          g_autofree char *id = bb_store_new_uuid ();

          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, w->category_id, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            w->failures++;
          g_usleep (200);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!bb_store_commit (w->store, &error))
        w->failures++;
    }
  return NULL;
}

static void
insert_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *remaining = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_store_incident_insert_finish (BB_STORE (source), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (incident);
  (*remaining)--;
}

static void
test_order_and_serialisation (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "traffic.parking", &error);
  WriterData writer = { store, g_strdup (category->id), 20, 0 };
  GThread *thread;
  GAsyncResult *slot = NULL;
  GAsyncResult *result;
  guint remaining = 40;

  thread = g_thread_new ("writer", sync_writer_thread, &writer);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("Car on the pavement, report %u", i);
      g_autoptr(BbIncident) incident = new_incident (store, "traffic.parking", 1714521600 + i, text);

      bb_store_incident_insert_async (store, incident, NULL, insert_done_cb, &remaining);
    }
  /* Jobs run in the order they were queued: this count sees all 40. */
  bb_store_count_async (store, "incident", NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  g_assert_cmpint (bb_store_count_finish (store, result, &error), >=, 40);
  g_object_unref (result);
  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  g_assert_cmpuint (writer.failures, ==, 0);
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 40 + 20 * 5);
  /* Every row audited, none twice. */
  {
    g_autoptr(GPtrArray) audit = bb_store_audit_list (store, 0, "incident", NULL, &error);
    g_assert_cmpuint (audit->len, ==, 40 + 20 * 5);
  }
  g_free (writer.category_id);

  rm_dir (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BbIncident) incident = new_incident (store, "assault", 1714521600, "Fight at the bus stop");
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  /* Hold the store (as another thread's transaction would) so the job
   * waits, then cancel it. */
  g_assert_true (bb_store_begin (store, &error));
  bb_store_incident_insert_async (store, incident, cancellable, result_cb, &slot);
  g_cancellable_cancel (cancellable);
  bb_store_rollback (store);

  result = wait_for_result (&slot);
  g_assert_null (bb_store_incident_insert_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (result);
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 0);

  rm_dir (dir);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *remaining = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (bb_store_count_finish (BB_STORE (source), result, &error), ==, 32);
  g_assert_no_error (error);
  (*remaining)--;
}

/* The caller lets go of the store while its jobs are queued: the jobs
 * keep it alive, and the last reference may go on the worker itself. */
static void
test_dropped_while_busy (void)
{
  g_autofree char *dir = make_test_dir ();

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("station-%u.beatbook", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      BbStore *store = bb_store_create (path, "Eastside", &error);
      guint remaining = 3;

      g_assert_no_error (error);
      for (guint j = 0; j < 3; j++)
        bb_store_count_async (store, "category", NULL, count_done_cb, &remaining);
      g_object_unref (store);
      while (remaining > 0)
        g_main_context_iteration (NULL, TRUE);
    }
  /* Let the workers finish their last unrefs. */
  g_usleep (G_USEC_PER_SEC / 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  rm_dir (dir);
}

/* A long read beside short ones ---------------------------------------- */

typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean started;      /* the long read holds its snapshot */
  gboolean released;     /* the short reads are done */
  gboolean waited_out;   /* the long read gave up waiting for them */
  gint64   rows_seen;
} LongRead;

/* A read that keeps a statement open, and so its snapshot, until the
 * test releases it: as the map's point load does for a second on a
 * large station.  It gives up after a while so that a store that runs
 * reads one after another fails the test rather than hanging it. */
static gpointer
long_read (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LongRead *lr = data;
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT rowid FROM incident", error);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  g_mutex_lock (&lr->lock);
  lr->started = TRUE;
  g_cond_broadcast (&lr->cond);
  while (!lr->released)
    if (!g_cond_wait_until (&lr->cond, &lr->lock, deadline))
      {
        lr->waited_out = TRUE;
        break;
      }
  g_mutex_unlock (&lr->lock);
  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    lr->rows_seen++;
  return GINT_TO_POINTER (rc == SQLITE_DONE);
}

static void
order_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray *finished = user_data;

  g_ptr_array_add (finished, g_object_ref (result));
}

static void
test_long_read_beside_short (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(BbIncident) late = new_incident (store, "traffic.parking", 1714600000, "Van across the drive");
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(BbIncident) stored = NULL;
  GAsyncResult *long_result, *count_result, *page_result;
  LongRead lr = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(BbIncident) incident = new_incident (store, "traffic.parking", 1714521600 + i, "Car on the pavement");
      g_assert_true (bb_store_incident_insert (store, incident, &error));
    }
  g_mutex_init (&lr.lock);
  g_cond_init (&lr.cond);

  bb_store_run_async (store, long_read, &lr, NULL, NULL, order_cb, finished);
  g_mutex_lock (&lr.lock);
  while (!lr.started)
    g_cond_wait (&lr.cond, &lr.lock);
  g_mutex_unlock (&lr.lock);

  /* While it reads: a write, then the table's first page, queued after
   * the write; both finish before the long read does. */
  bb_store_incident_insert_async (store, late, NULL, order_cb, finished);
  bb_store_incident_count_async (store, filter, NULL, order_cb, finished);
  bb_store_incident_query_async (store, filter, BB_INCIDENT_SORT_TIME, TRUE, 0, 20, NULL, order_cb, finished);
  while (finished->len < 3)
    g_main_context_iteration (NULL, TRUE);

  g_mutex_lock (&lr.lock);
  lr.released = TRUE;
  g_cond_broadcast (&lr.cond);
  g_mutex_unlock (&lr.lock);
  while (finished->len < 4)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (lr.waited_out);
  long_result = g_ptr_array_index (finished, 3);
  g_assert_true (g_async_result_is_tagged (long_result, bb_store_run_async));
  g_assert_true (GPOINTER_TO_INT (bb_store_run_finish (store, long_result, &error)));
  g_assert_no_error (error);
  /* It read the station as it was when it began. */
  g_assert_cmpint (lr.rows_seen, ==, 50);

  /* The short reads came after the write in the queue, so they see it. */
  stored = bb_store_incident_insert_finish (store, g_ptr_array_index (finished, 0), &error);
  g_assert_no_error (error);
  count_result = g_ptr_array_index (finished, 1);
  page_result = g_ptr_array_index (finished, 2);
  if (!g_async_result_is_tagged (count_result, bb_store_incident_count_async))
    {
      GAsyncResult *swap = count_result;
      count_result = page_result;
      page_result = swap;
    }
  g_assert_cmpint (bb_store_incident_count_finish (store, count_result, &error), ==, 51);
  g_assert_no_error (error);
  page = bb_store_incident_query_finish (store, page_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 20);
  g_assert_cmpstr (((BbIncident *) page->pdata[0])->id, ==, stored->id);

  g_mutex_clear (&lr.lock);
  g_cond_clear (&lr.cond);
  rm_dir (dir);
}

/* A gate that holds a reader thread until the test opens it. */
typedef struct {
  GMutex     lock;
  GCond      cond;
  guint      n_started;
  gboolean   open[2];
  GPtrArray *ran;           /* the names of the reads, in the order they began */
} Gate;

typedef struct {
  Gate       *gate;
  int         hold;         /* which gate it waits at, -1 for none */
  const char *name;
} GateJob;

static gpointer
gate_read (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  GateJob *job = data;
  Gate *gate = job->gate;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_mutex_lock (&gate->lock);
  if (job->hold >= 0)
    {
      gate->n_started++;
      g_cond_broadcast (&gate->cond);
      while (!gate->open[job->hold] && g_cond_wait_until (&gate->cond, &gate->lock, deadline))
        ;
    }
  else
    g_ptr_array_add (gate->ran, (gpointer) job->name);
  g_mutex_unlock (&gate->lock);
  return GINT_TO_POINTER (1);
}

static void
open_gate (Gate *gate,
           int   which)
{
  g_mutex_lock (&gate->lock);
  gate->open[which] = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* With both reader threads busy, reads wait in a queue: an urgent one (the
 * table's first rows as a station opens) goes first, the others keep their
 * order. */
static void
test_urgent_read_first (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  Gate gate = { .ran = g_ptr_array_new () };
  GateJob holds[2] = { { &gate, 0, "hold 0" }, { &gate, 1, "hold 1" } };
  GateJob reads[4] = { { &gate, -1, "a" }, { &gate, -1, "b" }, { &gate, -1, "urgent" }, { &gate, -1, "c" } };
  g_autofree char *order = NULL;

  g_assert_no_error (error);
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  for (guint i = 0; i < 2; i++)
    bb_store_run_async (store, gate_read, &holds[i], NULL, NULL, order_cb, finished);
  g_mutex_lock (&gate.lock);
  while (gate.n_started < 2)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);

  for (guint i = 0; i < 4; i++)
    {
      if (i == 2)
        bb_store_run_async_urgent (store, gate_read, &reads[i], NULL, NULL, order_cb, finished);
      else
        bb_store_run_async (store, gate_read, &reads[i], NULL, NULL, order_cb, finished);
    }
  /* one thread free: it takes the queue in its order */
  open_gate (&gate, 0);
  while (finished->len < 5)
    g_main_context_iteration (NULL, TRUE);
  open_gate (&gate, 1);
  while (finished->len < 6)
    g_main_context_iteration (NULL, TRUE);

  g_ptr_array_add (gate.ran, NULL);
  order = g_strjoinv (" ", (char **) gate.ran->pdata);
  g_assert_cmpstr (order, ==, "urgent a b c");
  for (guint i = 0; i < finished->len; i++)
    {
      g_assert_true (GPOINTER_TO_INT (bb_store_run_finish (store, g_ptr_array_index (finished, i), &error)));
      g_assert_no_error (error);
    }

  g_ptr_array_unref (gate.ran);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  rm_dir (dir);
}

typedef struct {
  BbStore *store;
  gint64   count;
} CountCall;

static gpointer
count_thread (gpointer data)
{
  CountCall *call = data;

  call->count = bb_store_incident_count (call->store, NULL, NULL);
  return NULL;
}

static gint64
count_on_another_thread (BbStore *store)
{
  CountCall call = { store, -1 };

  g_thread_join (g_thread_new ("count", count_thread, &call));
  return call.count;
}

/* Reads on the readers see what was committed; inside a transaction,
 * its own thread sees what it wrote and others do not yet. */
static void
test_reads_see_writes (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Eastside", &error);
  g_autoptr(BbIncident) first = new_incident (store, "assault", 1714521600, "Fight at the bus stop");
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "assault", &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  g_assert_no_error (error);
  g_assert_cmpint (bb_store_incident_count (store, NULL, &error), ==, 0);
  g_assert_true (bb_store_incident_insert (store, first, &error));
  g_assert_cmpint (bb_store_incident_count (store, NULL, &error), ==, 1);
  g_assert_cmpint (count_on_another_thread (store), ==, 1);

  g_assert_true (bb_store_begin (store, &error));
  stmt = bb_store_prepare (store,
                           "INSERT INTO incident (id, station_id, category_id, occurred_start, source,"
                           " description, created_at, updated_at)"
                           " VALUES ('b7d3c1a0-0000-4000-8000-000000000001', 's', ?1, 1714521600, 'import',"
                           " 'imported', 0, 0)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, category->id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpint (bb_store_incident_count (store, NULL, &error), ==, 2);
  g_assert_cmpint (bb_store_count (store, "incident", &error), ==, 2);
  g_assert_cmpint (count_on_another_thread (store), ==, 1);
  g_assert_true (bb_store_commit (store, &error));
  g_assert_cmpint (count_on_another_thread (store), ==, 2);

  /* A read queued right after a write, without waiting for it. */
  g_free (first->description);
  first->description = g_strdup ("Fight at the bus stop; two arrested");
  bb_store_incident_update_async (store, first, NULL, NULL, NULL);
  bb_store_incident_get_async (store, first->id, NULL, result_cb, &slot);
  result = wait_for_result (&slot);
  {
    g_autoptr(BbIncident) got = bb_store_incident_get_finish (store, result, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (got->description, ==, "Fight at the bus stop; two arrested");
  }
  g_object_unref (result);

  rm_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/async/open-and-create", test_open_and_create);
  g_test_add_func ("/store/async/records", test_records);
  g_test_add_func ("/store/async/run", test_run_async);
  g_test_add_func ("/store/async/order-and-serialisation", test_order_and_serialisation);
  g_test_add_func ("/store/async/cancelled", test_cancelled);
  g_test_add_func ("/store/async/dropped-while-busy", test_dropped_while_busy);
  g_test_add_func ("/store/async/long-read-beside-short", test_long_read_beside_short);
  g_test_add_func ("/store/async/reads-see-writes", test_reads_see_writes);
  g_test_add_func ("/store/async/urgent-read-first", test_urgent_read_first);

  return g_test_run ();
}
