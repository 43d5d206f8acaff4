/* bundle-test-util.h: stations in temporary folders that exchange bundles, for the bundle tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "bb-bundle.h"
#include "bb-store-private.h"
#include "bb-sync.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  BbStore *store;
} TestStation;

static inline TestStation *
test_station_new (const char *dir,
                  const char *name)
{
  TestStation *s = g_new0 (TestStation, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".beatbook", NULL);

  s->dir = g_strdup (dir);
  s->path = g_build_filename (dir, file, NULL);
  s->store = bb_store_create (s->path, name, &error);
  g_assert_no_error (error);
  return s;
}

static inline void
test_station_free (TestStation *s)
{
  g_clear_object (&s->store);
  g_free (s->dir);
  g_free (s->path);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestStation, test_station_free)

static inline char *
add_incident (BbStore    *store,
              const char *category_code,
              const char *description,
              gboolean    restricted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, category_code, &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1714550400 + g_random_int_range (0, 86400 * 30);
  incident->description = g_strdup (description);
  incident->address = g_strdup ("Lake Street 4");
  incident->restricted = restricted;
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  return g_strdup (incident->id);
}

static inline BbIncident *
get_incident (BbStore    *store,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  BbIncident *incident = bb_store_incident_get (store, id, &error);

  if (g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);
  return incident;
}

static inline void
set_description (BbStore    *store,
                 const char *id,
                 const char *field,
                 const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = get_incident (store, id);

  g_assert_nonnull (incident);
  if (g_str_equal (field, "description"))
    {
      g_free (incident->description);
      incident->description = g_strdup (value);
    }
  else if (g_str_equal (field, "address"))
    {
      g_free (incident->address);
      incident->address = g_strdup (value);
    }
  else if (g_str_equal (field, "status"))
    {
      g_free (incident->status);
      incident->status = g_strdup (value);
    }
  else
    g_assert_not_reached ();
  g_assert_true (bb_store_incident_update (store, incident, &error));
  g_assert_no_error (error);
}

/* Writes a bundle from @from for @to (NULL: everything for any station)
 * into the test folder; returns its path. */
static inline char *
export_bundle (TestStation *from,
               TestStation *to,
               const char  *name,
               gboolean     include_restricted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  g_autofree char *file = g_strconcat (name, BB_BUNDLE_SUFFIX, NULL);
  char *path = g_build_filename (from->dir, file, NULL);
  BbBundleExportOptions options = { 0 };

  options.peer_id = to != NULL ? (char *) bb_store_get_station_id (to->store) : NULL;
  options.include_restricted = include_restricted;
  header = bb_bundle_export (from->store, path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (header);
  return path;
}

static inline BbBundleResult *
apply_bundle (TestStation *at,
              const char  *path)
{
  g_autoptr(GError) error = NULL;
  BbBundleResult *result = bb_bundle_apply (at->store, path, FALSE, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Everything the station holds, as one checksum: its tables, its
 * exchange's bookkeeping and the length of its audit log.  Equal before
 * and after means nothing was changed. */
static inline char *
station_digest (BbStore *store)
{
  static const char * const tables[] = {
    "station", "category", "district", "officer", "partner", "incident", "problem", "problem_incident",
    "problem_category", "concern", "event", "event_kind", "sync_clock", "sync_row", "sync_peer", "sync_sent",
    "sync_received", "sync_conflict", "sync_alias", "meta", NULL
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  BB_STORE_LOCK_SCOPE (store);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", tables[i]);
      g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);

      g_assert_nonnull (stmt);
      g_checksum_update (sum, (const guchar *) tables[i], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text != NULL ? text : (const guchar *) "\x01", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
    }
  {
    g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT count(*) FROM audit_log", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_checksum_update (sum, sqlite3_column_text (stmt, 0), -1);
  }
  return g_strdup (g_checksum_get_string (sum));
}

/* The rows @sql gives, each column as text followed by "|", a line a row. */
static inline char *
rows_text (BbStore    *store,
           const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BB_STORE_LOCK_SCOPE (store);

  stmt = bb_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The incidents as every station should see them: by id, their fields,
 * their category by its code (categories created apart at each station
 * have their own ids). */
static inline char *
incidents_digest (BbStore *store)
{
  return rows_text (store, "SELECT i.id, i.station_id, c.code, i.occurred_start, i.description, i.address, i.status,"
                           " i.restricted, i.created_at FROM incident AS i JOIN category AS c ON c.id = i.category_id"
                           " ORDER BY i.id");
}
