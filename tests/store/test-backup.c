/* test-backup.c: automatic backups, how many are kept, their schedule, and opening one for a damaged station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "bb-backup-schedule.h"
#include "bb-store-backup.h"
#include "bb-store-private.h"
#include "store-test-util.h"

static gint64
count_incidents_in (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM incident", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
add_incidents (BbStore *store,
               guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "theft.bicycle", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1700000000 + i * 3600;
      incident->description = g_strdup_printf ("Bicycle taken from the rack by the library, case %u", i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_backup_is_committed_state (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "Ohrid.beatbook", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.beatbook", NULL);
  g_autofree char *partial = g_strconcat (copy, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Ohrid", &error);

  g_assert_no_error (error);
  add_incidents (store, 20);
  /* Only the user may read a station, its journal and its copies. */
  g_assert_cmphex (file_mode (path), ==, 0600);
  g_assert_cmphex (file_mode (wal), ==, 0600);

  /* A change under way is not in the copy; the copy does not wait for it. */
  g_assert_true (bb_store_begin (store, &error));
  g_assert_cmpint (sqlite3_exec (bb_store_get_db (store), "DELETE FROM incident", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (bb_store_backup_to (store, copy, &error));
  g_assert_no_error (error);
  g_assert_true (bb_store_commit (store, &error));
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 0);

  g_assert_cmpint (count_incidents_in (copy), ==, 20);
  g_assert_cmphex (file_mode (copy), ==, 0600);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* A backup never replaces a file. */
  g_assert_false (bb_store_backup_to (store, copy, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (count_incidents_in (copy), ==, 20);

  /* The copy is a station Beatbook opens. */
  {
    g_autoptr(BbStore) reopened = bb_store_open (copy, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bb_store_count (reopened, "incident", NULL), ==, 20);
  }
  g_clear_object (&store);
  rm_dir (dir);
}

static void
rm_backups (const char *station)
{
  g_autofree char *folder = bb_store_backup_folder (station);

  rm_dir (folder);
}

static void
test_backup_keep (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "Ohrid.beatbook", NULL);
  g_autofree char *folder = bb_store_backup_folder (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Ohrid", &error);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *newest = NULL;

  g_assert_no_error (error);
  g_assert_null (bb_store_backup_newest (path));
  g_assert_cmpint (bb_store_backup_newest_time (path), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      char *backup;

      add_incidents (store, 1);
      backup = bb_store_backup_now (store, 3, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (backup, folder));
      g_assert_true (g_str_has_suffix (backup, ".beatbook"));
      g_assert_cmpint (count_incidents_in (backup), ==, i + 1);
      g_ptr_array_add (made, backup);
    }
  g_assert_cmphex (file_mode (folder), ==, 0700);

  /* The three newest are kept, newest first. */
  listed = bb_store_backup_list (path);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_ptr_array_index (listed, i), ==, g_ptr_array_index (made, 3 - i));
  g_assert_false (g_file_test (g_ptr_array_index (made, 0), G_FILE_TEST_EXISTS));
  newest = bb_store_backup_newest (path);
  g_assert_cmpstr (newest, ==, g_ptr_array_index (made, 3));
  g_assert_cmpint (bb_store_backup_newest_time (path), <=, g_get_real_time ());
  g_assert_cmpint (bb_store_backup_newest_time (path), >, g_get_real_time () - 60 * G_USEC_PER_SEC);

  /* Files in the folder that are not its backups are left alone. */
  {
    g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (notes, "keep me", -1, NULL));
    g_assert_true (bb_store_backup_prune (path, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
    g_clear_pointer (&listed, g_ptr_array_unref);
    listed = bb_store_backup_list (path);
    g_assert_cmpuint (listed->len, ==, 1);
  }

  g_clear_object (&store);
  rm_backups (path);
  rm_dir (dir);
}

static void
garble_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 40 * 4096);
  for (gsize i = 4096; i < length - 4096; i++)
    if ((i / 4096) % 3 == 1)
      contents[i] = (char) (0xA5 ^ (i * 31));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_restore_damaged (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "Ohrid.beatbook", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Ohrid", &error);
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_no_error (error);
  add_incidents (store, 300);
  backup = bb_store_backup_now (store, 7, &error);
  g_assert_no_error (error);
  add_incidents (store, 5);
  g_clear_object (&store);

  garble_pages (path);
  g_assert_null (bb_store_open (path, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A damaged backup is refused, and nothing is moved. */
  {
    g_autofree char *bad = g_build_filename (dir, "bad-backup.beatbook", NULL);

    g_assert_true (g_file_set_contents (bad, "not a station", -1, NULL));
    g_assert_null (bb_store_restore_backup (path, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  store = bb_store_restore_backup (path, backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 300);
  g_assert_cmpstr (bb_store_get_path (store), ==, path);
  g_assert_cmphex (file_mode (path), ==, 0600);
  /* The station is whole again and takes changes. */
  add_incidents (store, 1);
  /* The backup is untouched, and the damaged file is kept beside. */
  g_assert_cmpint (count_incidents_in (backup), ==, 300);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "Ohrid.beatbook.damaged-"))
      kept = TRUE;
  g_assert_true (kept);

  g_clear_object (&store);
  rm_backups (path);
  rm_dir (dir);
}

static void
backed_up_cb (BbBackupSchedule *schedule,
              const char       *path,
              gboolean          asked,
              guint            *n)
{
  g_assert_false (asked);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  (*n)++;
}

static void
failed_cb (BbBackupSchedule *schedule,
           const GError     *error,
           gpointer          data)
{
  g_error ("A scheduled backup failed: %s", error->message);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("The scheduled backups did not come");
  return G_SOURCE_REMOVE;
}

static void
test_schedule (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "Ohrid.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Ohrid", &error);
  g_autoptr(BbBackupSchedule) schedule = bb_backup_schedule_new ();
  g_autoptr(GPtrArray) listed = NULL;
  guint n = 0, timeout;
  gint64 start;

  g_assert_no_error (error);
  add_incidents (store, 3);
  g_signal_connect (schedule, "backed-up", G_CALLBACK (backed_up_cb), &n);
  g_signal_connect (schedule, "failed", G_CALLBACK (failed_cb), NULL);
  bb_backup_schedule_set_keep (schedule, 2);
  /* an hour: a backup before the timeout can only be the one at opening */
  bb_backup_schedule_set_interval (schedule, 3600);
  timeout = g_timeout_add_seconds (30, timeout_cb, NULL);

  /* A station with no backup is backed up as it opens ... */
  start = g_get_monotonic_time ();
  bb_backup_schedule_set_store (schedule, store);
  while (n < 1)
    g_main_context_iteration (NULL, TRUE);
  /* ... then every interval, keeping two; never sooner than the interval
   * (a lower bound: a slow machine only makes it later). */
  bb_backup_schedule_set_interval (schedule, 1);
  while (n < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - G_USEC_PER_SEC / 10);
  while (bb_backup_schedule_is_running (schedule))
    g_main_context_iteration (NULL, TRUE);
  listed = bb_store_backup_list (path);
  g_assert_cmpuint (listed->len, ==, 2);

  /* Off: no more backups. */
  bb_backup_schedule_set_interval (schedule, 0);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 1500 * 1000)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n, ==, 3);

  /* A station backed up recently is not backed up again as it opens. */
  bb_backup_schedule_set_store (schedule, NULL);
  bb_backup_schedule_set_interval (schedule, 3600);
  bb_backup_schedule_set_store (schedule, store);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300 * 1000)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n, ==, 3);

  g_source_remove (timeout);
  g_clear_object (&schedule);
  g_clear_object (&store);
  rm_backups (path);
  rm_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/backup/committed-state", test_backup_is_committed_state);
  g_test_add_func ("/store/backup/keep", test_backup_keep);
  g_test_add_func ("/store/backup/restore-damaged", test_restore_damaged);
  g_test_add_func ("/store/backup/schedule", test_schedule);
  return g_test_run ();
}
