/* test-disk-full.c: imports, exports and backups on a filesystem that fills up */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "bb-bundle.h"
#include "bb-demo-station.h"
#include "bb-export.h"
#include "bb-import.h"
#include "bb-store-backup.h"
#include "bb-store.h"
#include "../store/store-test-util.h"

/* A tmpfs of 20 MiB the test mounts: as root directly, otherwise in a user
 * and mount namespace of its own where the kernel allows one.  Where
 * neither works the tests skip and say why. */
#define TINY_SIZE "20m"

static char *work_dir;   /* on the ordinary disk: the inputs */
static char *tiny_dir;   /* the tiny filesystem */
static char *why_not;    /* set when no tiny filesystem could be had */

static gboolean
write_id_map (const char *file,
              const char *map)
{
  int fd = open (file, O_WRONLY | O_CLOEXEC);
  gboolean ok = fd >= 0 && write (fd, map, strlen (map)) == (ssize_t) strlen (map);

  if (fd >= 0)
    close (fd);
  return ok;
}

static void
mount_tiny (void)
{
  uid_t uid = getuid ();
  gid_t gid = getgid ();

  tiny_dir = g_build_filename (work_dir, "tiny", NULL);
  g_assert_cmpint (g_mkdir (tiny_dir, 0700), ==, 0);
  if (mount ("beatbook-test", tiny_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=" TINY_SIZE ",mode=0700") == 0)
    return;
  if (uid != 0 && unshare (CLONE_NEWUSER | CLONE_NEWNS) == 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1\n", (guint) uid, (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1\n", (guint) gid, (guint) gid);

      write_id_map ("/proc/self/setgroups", "deny");
      if (write_id_map ("/proc/self/uid_map", uid_map) && write_id_map ("/proc/self/gid_map", gid_map)
          && mount ("beatbook-test", tiny_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=" TINY_SIZE ",mode=0700") == 0)
        return;
    }
  why_not = g_strdup_printf ("cannot mount a tmpfs of " TINY_SIZE " as user %u (%s): run as root, or allow "
                             "unprivileged user namespaces, to test full disks", (guint) uid, g_strerror (errno));
}

static void
unmount_tiny (void)
{
  if (why_not == NULL)
    umount2 (tiny_dir, MNT_DETACH);
  g_rmdir (tiny_dir);
}

static char *
state_of (BbStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 incidents = bb_store_count (store, "incident", &error);
  gint64 audit = bb_store_count (store, "audit_log", &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%" G_GINT64_FORMAT " incidents, %" G_GINT64_FORMAT " audit lines", incidents, audit);
}

static gboolean
integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  ok = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
       && sqlite3_step (stmt) == SQLITE_ROW
       && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

static void
add_one (BbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "traffic.parking", &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1790000000;
  incident->description = g_strdup ("Lorry parked on the pavement by the bakery");
  bb_store_incident_insert (store, incident, &error);
  g_assert_no_error (error);
}

/* Fills the tiny filesystem but for @leave bytes. */
static char *
fill_up (gsize leave)
{
  char *filler = g_build_filename (tiny_dir, "filler", NULL);
  g_autofree char *block = g_malloc0 (4096);
  FILE *file = fopen (filler, "wb");

  g_assert_nonnull (file);
  while (fwrite (block, 1, 4096, file) == 4096 && fflush (file) == 0)
    ;
  fclose (file);
  if (leave > 0)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (filler, &st), ==, 0);
      g_assert_cmpint (truncate (filler, MAX ((gint64) st.st_size - (gint64) leave, 0)), ==, 0);
    }
  return filler;
}

static void
test_import_full (void)
{
  g_autofree char *station = NULL;
  g_autofree char *csv = g_build_filename (work_dir, "big.csv", NULL);
  g_autofree char *reserve = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  BbDemoOptions options;

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }
  station = g_build_filename (tiny_dir, "station.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 200;
  {
    /* Written on the ordinary disk and closed (its WAL folded into the
     * file), then copied onto the tiny one, as a station is on any day. */
    g_autofree char *made = g_build_filename (work_dir, "made.beatbook", NULL);
    g_autoptr(GFile) from = g_file_new_for_path (made);
    g_autoptr(GFile) to = g_file_new_for_path (station);

    store = bb_demo_station_create (made, &options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  store = bb_store_open (station, &error);
  g_assert_no_error (error);
  /* Twenty thousand incidents do not fit in what is left. */
  options.n_incidents = 20000;
  options.seed = 9;
  bb_demo_incidents_write_csv (csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = state_of (store);
  /* What the station's user would delete to make room again. */
  reserve = g_build_filename (tiny_dir, "reserve", NULL);
  {
    g_autofree char *block = g_malloc0 (512 * 1024);

    g_file_set_contents (reserve, block, 512 * 1024, &error);
    g_assert_no_error (error);
  }

  import = bb_import_new (store, csv);
  g_assert_true (bb_import_preview (import, 5, NULL, &error));
  report = bb_import_run (import, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_clear_error (&error);

  /* Unchanged and still readable; writable again once there is room (the
   * failed import's pages fill the WAL file until the next checkpoint). */
  after = state_of (store);
  g_assert_cmpstr (before, ==, after);
  g_unlink (reserve);
  add_one (store);
  g_clear_object (&store);
  g_assert_true (integrity_ok (station));
  store = bb_store_open (station, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_unlink (station);
}

static void
test_export_and_backup_full (void)
{
  g_autofree char *station = g_build_filename (work_dir, "station.beatbook", NULL);
  g_autofree char *out = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *filler = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  BbDemoOptions options;

  if (why_not != NULL)
    {
      g_test_skip (why_not);
      return;
    }
  out = g_build_filename (tiny_dir, "incidents.csv", NULL);
  partial = g_strconcat (out, ".part", NULL);
  backup = g_build_filename (tiny_dir, "backup.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 2000;
  store = bb_demo_station_create (station, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* An old export stays as it was when the new one does not fit. */
  g_assert_true (g_file_set_contents (out, "the export of last week\n", -1, NULL));
  filler = fill_up (64 * 1024);
  g_assert_false (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, out, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "incidents.csv"));
  g_clear_error (&error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "the export of last week\n");
  }

  /* A backup that does not fit leaves nothing half written. */
  g_assert_false (bb_store_backup_to (store, backup, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_clear_error (&error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  {
    g_autofree char *backup_partial = g_strconcat (backup, ".part", NULL);

    g_assert_false (g_file_test (backup_partial, G_FILE_TEST_EXISTS));
  }

  /* A bundle that does not fit: the error says why, and neither the
   * bundle nor the changes packed for it stay behind, nor anything the
   * failed backup and export above were writing. */
  {
    g_autofree char *bundle = g_build_filename (tiny_dir, "north" BB_BUNDLE_SUFFIX, NULL);
    g_autoptr(BbBundleHeader) header = NULL;
    g_autoptr(GDir) listing = NULL;
    const char *name;

    header = bb_bundle_export (store, bundle, NULL, NULL, NULL, NULL, &error);
    g_assert_null (header);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
    g_clear_error (&error);
    listing = g_dir_open (tiny_dir, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      if (g_str_has_prefix (name, "north") || g_str_has_prefix (name, ".beatbook-bundle-")
          || strstr (name, ".part") != NULL)
        g_error ("“%s” was left behind", name);
  }

  /* With room again, the export works (the station's backup is larger
   * than this filesystem; test-backup covers backups that fit). */
  g_unlink (filler);
  g_assert_true (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (out);
  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  work_dir = make_test_dir ();
  mount_tiny ();
  g_test_add_func ("/faults/disk-full/import", test_import_full);
  g_test_add_func ("/faults/disk-full/export-and-backup", test_export_and_backup_full);
  result = g_test_run ();
  unmount_tiny ();
  rm_dir (work_dir);
  return result;
}
