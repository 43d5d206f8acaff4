/* store-test-util.h: temporary station files and checksums for the store's tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bb-store.h"

/* A fresh directory for one test's files, removed by the caller with
 * rm_dir(). */
static inline char *
make_test_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("beatbook-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
rm_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static inline char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* @n incidents of the category @code, an hour apart from 1 May 2024,
 * each described as @what and its number. */
static inline void
add_test_incidents (BbStore    *store,
                    const char *code,
                    guint       n,
                    const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, code, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1714550400 + i * 3600;
      incident->description = g_strdup_printf ("%s %u", what, i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

/* The first column of the first row of @sql, read with SQLite directly,
 * as another program would. */
static inline gint64
outside_int (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Runs @sql on the station at @path with SQLite directly, as another
 * program would. */
static inline void
outside_exec (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* @value into @sum as 8 bytes, big endian, as the audit chain's seals
 * put integers (bb-store-audit-chain.c). */
static inline void
put_int (GChecksum *sum,
         gint64     value)
{
  guint8 bytes[8];

  for (int i = 0; i < 8; i++)
    bytes[i] = (guint8) ((guint64) value >> (56 - 8 * i));
  g_checksum_update (sum, bytes, 8);
}

/* Writes the export @path (TRUE, or FALSE with @error). */
typedef gboolean (*TestExportFunc) (const char  *path,
                                    gpointer     data,
                                    GError     **error);

/* An export is written beside its name and renamed into place: with the
 * files of this process limited to their first 64 bytes (RLIMIT_FSIZE,
 * SIGXFSZ ignored: a write past it fails with EFBIG, in the middle of the
 * file, as on a full disk), @write fails, the older file under @path is as
 * it was and no @path.part is left; written whole, the file replaces it,
 * readable by its user only, and no .part is left either. */
static inline void
check_export_is_atomic (const char     *path,
                        TestExportFunc  write,
                        gpointer        data)
{
  static const char older[] = "the export of last week, which must stay whole\n";
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, tiny;
  void (*saved_handler) (int);
  GStatBuf st;
  gboolean ok;

  g_assert_true (g_file_set_contents (path, older, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  tiny = saved;
  tiny.rlim_cur = 64;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tiny), ==, 0);
  ok = write (path, data, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, older);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_assert_true (write (path, data, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpuint (strlen (contents), >, 64);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}
