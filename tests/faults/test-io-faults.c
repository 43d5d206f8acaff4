/* test-io-faults.c: every write and allocation of an import, an edit, an export and a backup fails in turn */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "bb-demo-station.h"
#include "bb-export.h"
#include "bb-ical.h"
#include "bb-import.h"
#include "bb-store-backup.h"
#include "bb-store.h"
#include "bb-store-private.h"
#include "fault-sqlite.h"
#include "../store/store-test-util.h"

/* For each operation and each kind of fault, the fault is put at the
 * first point (write or allocation), the second, … until the operation
 * passes every point without it.  After each: the operation failed with
 * a message, or succeeded; the station passes integrity_check and holds
 * exactly the data before the operation (failed) or after it
 * (succeeded); it still takes a change; and SQLite holds no more memory
 * than before.  BB_FAULT_STEPS caps the points tried per case (spread
 * evenly; 0 tries every one).
 *
 * Every other point, the station is opened as a large one is: its pages
 * and its audit chain are checked on a thread of their own while the
 * operation runs (and faults strike there too).  That check once read
 * the end of the chain in a second transaction: a commit in between read
 * as lines deleted, and the report it queued held the store, and its
 * SQLite memory, until a main loop ran. */

typedef struct {
  char *dir;
  char *pristine;
  char *work;
  char *csv;
  char *ics;
  char *export_path;
  char *backup_path;
} Fixture;

typedef gboolean (*Operation) (Fixture  *f,
                               BbStore  *store,
                               GError  **error);

#define STATE_SQL                                                                          \
  "SELECT (SELECT count(*) || ' incidents ' || total (round (lon * 1e6)) || ' '"           \
  "          || total (length (description)) FROM incident)"                               \
  " || '; status ' || (SELECT group_concat (status || '=' || n, ' ')"                      \
  "                    FROM (SELECT status, count(*) AS n FROM incident GROUP BY status ORDER BY status))" \
  " || '; events ' || (SELECT count(*) FROM event)"                                        \
  " || '; audit ' || (SELECT count(*) FROM audit_log)"                                     \
  " || '; search ' || (SELECT count(*) FROM incident_fts)"

static char *
read_state (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, STATE_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  gsize length;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Operations ------------------------------------------------------------- */

static gboolean
op_import (Fixture  *f,
           BbStore  *store,
           GError  **error)
{
  g_autoptr(BbImport) import = bb_import_new (store, f->csv);
  g_autoptr(BbImportReport) report = NULL;

  if (!bb_import_preview (import, 5, NULL, error))
    return FALSE;
  report = bb_import_run (import, FALSE, NULL, NULL, NULL, error);
  return report != NULL;
}

static gboolean
op_bulk_edit (Fixture  *f,
              BbStore  *store,
              GError  **error)
{
  return bb_store_incident_set_status_where (store, NULL, "referred", NULL, error);
}

static gboolean
op_ical (Fixture  *f,
         BbStore  *store,
         GError  **error)
{
  g_autoptr(BbIcalImport) report = bb_ical_import_file (store, f->ics, error);

  return report != NULL;
}

static gboolean
op_export (Fixture  *f,
           BbStore  *store,
           GError  **error)
{
  g_autofree char *partial = g_strconcat (f->export_path, ".part", NULL);
  gboolean ok;

  g_unlink (f->export_path);
  ok = bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, f->export_path, NULL, NULL, NULL, NULL, error);
  /* Never a half file, under either name. */
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (ok == g_file_test (f->export_path, G_FILE_TEST_EXISTS));
  return ok;
}

static gboolean
op_backup (Fixture  *f,
           BbStore  *store,
           GError  **error)
{
  g_autofree char *partial = g_strconcat (f->backup_path, ".part", NULL);
  gboolean ok;

  g_unlink (f->backup_path);
  ok = bb_store_backup_to (store, f->backup_path, error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (ok == g_file_test (f->backup_path, G_FILE_TEST_EXISTS));
  return ok;
}

/* A small change, after the fault, to show the station still works. */
static void
assert_usable (BbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "traffic.parking", &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1790000000;
  incident->description = g_strdup ("Van parked across the school's fire exit");
  bb_store_incident_insert (store, incident, &error);
  g_assert_no_error (error);
}

typedef struct {
  const char *name;
  Operation   op;
} Case;

static const Case cases[] = {
  { "import", op_import },
  { "bulk-edit", op_bulk_edit },
  { "ical", op_ical },
  { "export", op_export },
  { "backup", op_backup },
};

static const struct {
  const char *name;
  FaultKind   kind;
} kinds[] = {
  { "disk-full", FAULT_WRITE_FULL },
  { "io-error", FAULT_WRITE_IOERR },
  { "malloc", FAULT_MALLOC },
  { "malloc-all", FAULT_MALLOC_ALL },
};

static Fixture fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  BbDemoOptions options;

  f->dir = make_test_dir ();
  f->pristine = g_build_filename (f->dir, "pristine.beatbook", NULL);
  f->work = g_build_filename (f->dir, "work.beatbook", NULL);
  f->csv = g_build_filename (f->dir, "incidents.csv", NULL);
  f->export_path = g_build_filename (f->dir, "export.csv", NULL);
  f->backup_path = g_build_filename (f->dir, "backup.beatbook", NULL);
  f->ics = g_test_build_filename (G_TEST_DIST, "store", "ical", "google.ics", NULL);

  bb_demo_options_init_default (&options);
  options.n_incidents = 60;
  options.seed = 3;
  {
    g_autoptr(BbStore) store = bb_demo_station_create (f->pristine, &options, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
  }
  options.n_incidents = 40;
  options.seed = 4;
  bb_demo_incidents_write_csv (f->csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_faults (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  const Case *c = &cases[which / G_N_ELEMENTS (kinds)];
  FaultKind kind = kinds[which % G_N_ELEMENTS (kinds)].kind;
  Fixture *f = &fixture;
  guint max_steps = (guint) g_ascii_strtoull (g_getenv ("BB_FAULT_STEPS") ? g_getenv ("BB_FAULT_STEPS") : "25",
                                              NULL, 10);
  g_autofree char *before = read_state (f->pristine);
  g_autofree char *after = NULL;
  guint points, stride, tried = 0, failed = 0, succeeded = 0, tried_deferred = 0;
  gint64 default_limit = bb_store_full_check_limit;
  gboolean deferred;
  sqlite3_int64 baseline;

  /* A run without fault: the state after, and how many points it passes. */
  copy_file (f->pristine, f->work);
  bb_store_full_check_limit = 0;
  {
    g_autoptr(BbStore) store = bb_store_open (f->work, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (store);
    fault_arm (kind, G_MAXINT);
    g_assert_true (c->op (f, store, &error));
    g_assert_no_error (error);
    points = fault_points_passed ();
    g_assert_false (fault_disarm ());
    bb_store_full_check_limit = default_limit;
    bb_store_wait_for_check (store);
  }
  after = read_state (f->work);
  baseline = sqlite3_memory_used ();
  stride = max_steps == 0 ? 1 : MAX (1, points / max_steps);

  for (guint n = 1; n <= points + 1; n += stride)
    {
      g_autoptr(BbStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *state = NULL;
      gboolean ok, struck;

      copy_file (f->pristine, f->work);
      deferred = tried % 2 == 1;
      bb_store_full_check_limit = deferred ? 0 : default_limit;
      store = bb_store_open (f->work, &error);
      bb_store_full_check_limit = default_limit;
      g_assert_no_error (error);

      fault_arm (kind, n);
      ok = c->op (f, store, &error);
      struck = fault_disarm ();
      tried++;
      if (!ok)
        {
          /* A clear message, never an empty one. */
          g_assert_nonnull (error);
          g_assert_cmpuint (strlen (error->message), >, 10);
          g_assert_true (struck);
          failed++;
        }
      else
        {
          g_assert_no_error (error);
          succeeded++;
        }

      state = read_state (f->work);
      if (ok && g_strcmp0 (state, after) != 0)
        g_error ("%s, fault at %u: succeeded, but the station holds %s, not %s", c->name, n, state, after);
      if (!ok && g_strcmp0 (state, before) != 0)
        g_error ("%s, fault at %u (%s): failed, but the station holds %s, not %s",
                 c->name, n, error->message, state, before);
      assert_usable (store);
      /* Neither damage nor tampering was found where there is none. */
      bb_store_wait_for_check (store);
      g_assert_null (bb_store_dup_damage (store));
      {
        g_autoptr(GError) tampering = bb_store_dup_tampering (store);

        if (tampering != NULL)
          g_error ("%s, fault at %u (check %s): the station was told tampered: %s", c->name, n,
                   deferred ? "on its thread" : "at open", tampering->message);
      }
      if (deferred)
        tried_deferred++;
      g_clear_object (&store);

      /* Nothing SQLite allocated stays behind. */
      g_assert_cmpint (sqlite3_memory_used (), <=, baseline);
    }
  g_print ("%s with %s: %u points, %u tried (%u with the check on its thread): %u failed with a message, "
           "%u succeeded all the same; station whole every time\n",
           c->name, kinds[which % G_N_ELEMENTS (kinds)].name, points, tried, tried_deferred, failed, succeeded);
  g_assert_cmpuint (tried_deferred, >, 0);
}

/* One small change under a single failed allocation at every point in
 * turn, with nothing else running: the change is saved whole or not at
 * all, and its audit lines are sealed from the line before them.  The
 * first line of a change was once counted from 0 when SQLite could not
 * read the last one, and the change was saved with seals that did not
 * check (told as tampering). */
static gboolean
insert_incident (BbStore   *store,
                 GError   **error)
{
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "traffic.parking", error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  if (category == NULL)
    return FALSE;
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1790000000;
  incident->description = g_strdup ("Van parked across the school's fire exit");
  return bb_store_incident_insert (store, incident, error);
}

static void
test_edit_sealed (void)
{
  Fixture *f = &fixture;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint points, failed = 0;

  /* A new station: its audit log is short, so checking it after every
   * point costs little. */
  g_unlink (f->work);
  store = bb_store_create (f->work, "Edit Station", &error);
  g_assert_no_error (error);
  fault_arm (FAULT_MALLOC, G_MAXINT);
  g_assert_true (insert_incident (store, &error));
  points = fault_points_passed ();
  g_assert_false (fault_disarm ());
  g_assert_cmpuint (points, >, 10);

  for (guint n = 1; n <= points; n++)
    {
      g_autoptr(GError) tampering = NULL;
      gint64 bad_seq = -1;

      fault_arm (FAULT_MALLOC, n);
      if (!insert_incident (store, &error))
        {
          g_assert_nonnull (error);
          g_assert_cmpuint (strlen (error->message), >, 10);
          failed++;
        }
      fault_disarm ();
      g_clear_error (&error);

      if (!bb_store_audit_check (store, &bad_seq, &error))
        g_error ("a change with a failed allocation at %u of %u: the audit log then reads as changed at "
                 "line %lld: %s", n, points, (long long) bad_seq, error->message);
      tampering = bb_store_dup_tampering (store);
      g_assert_null (tampering);
    }
  g_assert_true (insert_incident (store, &error));
  g_assert_no_error (error);
  g_assert_true (bb_store_audit_check (store, NULL, &error));
  g_assert_no_error (error);
  g_print ("a small change: %u allocation points, %u failed with a message, every seal checked\n", points, failed);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  fault_sqlite_install ();
  g_test_init (&argc, &argv, NULL);

  fixture_set_up (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *path = g_strdup_printf ("/faults/%s/%s", cases[i].name, kinds[k].name);

        g_test_add_data_func (path, GUINT_TO_POINTER (i * G_N_ELEMENTS (kinds) + k), test_faults);
      }
  g_test_add_func ("/faults/edit-sealed/malloc", test_edit_sealed);
  result = g_test_run ();
  rm_dir (fixture.dir);
  return result;
}
