/* store-test-util.h: temporary station files and checksums for the store's tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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
