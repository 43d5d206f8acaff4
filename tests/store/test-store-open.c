/* test-store-open.c: creating, opening, refusing and migrating station files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStore) again = NULL;
  g_autofree char *station_id = NULL;
  g_autofree char *name = NULL;

  store = bb_store_create (path, "Northside Station", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_true (g_uuid_string_is_valid (bb_store_get_station_id (store)));
  station_id = g_strdup (bb_store_get_station_id (store));
  g_assert_cmpint (bb_store_count (store, "category", &error), ==, 32);
  g_assert_cmpint (bb_store_count (store, "event_kind", &error), ==, 8);
  g_assert_cmpint (bb_store_count (store, "nonsense", NULL), ==, -1);
  g_clear_object (&store);

  g_assert_cmpint (outside_int (path, "PRAGMA application_id"), ==, BB_STORE_APPLICATION_ID);
  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_incident_insert'"), ==, 1);

  again = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_store_get_station_id (again), ==, station_id);
  name = bb_store_dup_station_name (again);
  g_assert_cmpstr (name, ==, "Northside Station");
  g_assert_false (bb_store_is_demo (again));
  g_clear_object (&again);

  /* Never over an existing file, and never without a name. */
  g_assert_null (bb_store_create (path, "Other", &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *other = g_build_filename (dir, "nameless.beatbook", NULL);
    g_assert_null (bb_store_create (other, "   ", &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }

  rm_dir (dir);
}

static void
test_station_record (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Old Town", &error);
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbStation) reread = NULL;
  static const guint8 logo[] = { 0x89, 'P', 'N', 'G', 0, 1, 2 };

  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (station->name, ==, "Old Town");
  g_assert_cmpstr (station->colour_primary, ==, "#1c3f94");
  g_assert_cmpstr (station->timezone, ==, "UTC");
  g_assert_true (isnan (station->center_lat));

  g_free (station->phone);
  station->phone = g_strdup ("+371 600 00 000");
  g_free (station->colour_accent);
  station->colour_accent = g_strdup ("#26a269");
  station->logo = g_bytes_new_static (logo, sizeof logo);
  station->center_lat = 57.25;
  station->center_lon = 22.6;
  g_assert_true (bb_store_station_update (store, station, &error));
  g_assert_no_error (error);

  reread = bb_store_station_get (store, &error);
  g_assert_cmpstr (reread->phone, ==, "+371 600 00 000");
  g_assert_cmpstr (reread->colour_accent, ==, "#26a269");
  g_assert_cmpfloat (reread->center_lat, ==, 57.25);
  g_assert_cmpmem (g_bytes_get_data (reread->logo, NULL), g_bytes_get_size (reread->logo), logo, sizeof logo);

  /* A colour that is not one is refused and nothing changes. */
  g_free (station->colour_primary);
  station->colour_primary = g_strdup ("blue");
  g_assert_false (bb_store_station_update (store, station, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "blue"));
  g_clear_error (&error);
  g_clear_pointer (&reread, bb_station_free);
  reread = bb_store_station_get (store, &error);
  g_assert_cmpstr (reread->colour_primary, ==, "#1c3f94");

  rm_dir (dir);
}

/* Opening must refuse a file and leave its bytes as they were. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, BB_STORE_ERROR, code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, display));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static char *
make_station_with_rows (const char *dir,
                        const char *name,
                        guint       n_incidents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Station", &error);
  g_autoptr(BbCategory) category = NULL;

  g_assert_no_error (error);
  category = bb_store_category_get_by_code (store, "theft.bicycle", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_incidents; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1700000000 + i * 3600;
      incident->description = g_strdup_printf ("Bicycle taken from the rack at the school gate, case %u", i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
  return path;
}

static void
test_refuse_files (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *empty = g_build_filename (dir, "empty.beatbook", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.beatbook", NULL);
  g_autofree char *png = g_build_filename (dir, "logo.beatbook", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.beatbook", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.beatbook", NULL);
  g_autofree char *newer = NULL;
  g_autofree char *corrupt = NULL;
  static const guint8 png_bytes[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (empty, BB_STORE_ERROR_NOT_A_STATION);

  g_assert_true (g_file_set_contents (text, "Meeting notes: street lights on Elm Street are out.\n"
                                            "Residents ask for more patrols near the school.\n"
                                            "Next meeting in March, at the library.\n", -1, NULL));
  assert_refused (text, BB_STORE_ERROR_NOT_A_STATION);

  g_assert_true (g_file_set_contents (png, (const char *) png_bytes, sizeof png_bytes, NULL));
  assert_refused (png, BB_STORE_ERROR_NOT_A_STATION);

  outside_exec (foreign, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                     "INSERT INTO contacts VALUES ('A. Resident', '555-0101');");
  assert_refused (foreign, BB_STORE_ERROR_NOT_A_STATION);

  g_assert_null (bb_store_open (missing, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A station written by a newer Beatbook. */
  newer = make_station_with_rows (dir, "newer.beatbook", 3);
  outside_exec (newer, "PRAGMA user_version = 99");
  assert_refused (newer, BB_STORE_ERROR_TOO_NEW);
  {
    g_autoptr(BbStore) store = bb_store_open (newer, &error);
    g_assert_nonnull (strstr (error->message, "newer version of Beatbook"));
  }
  g_clear_error (&error);

  /* A station with garbled pages (the first page, with the header, is
   * intact so the file still looks like a station). */
  corrupt = make_station_with_rows (dir, "corrupt.beatbook", 300);
  {
    g_autofree char *contents = NULL;
    gsize length;
    gsize page = (gsize) outside_int (corrupt, "PRAGMA page_size");

    g_assert_true (g_file_get_contents (corrupt, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 40 * page);
    for (gsize i = page; i < length - page; i++)
      if ((i / page) % 3 == 1)
        contents[i] = (char) (0xA5 ^ (i * 31));
    g_assert_true (g_file_set_contents (corrupt, contents, length, NULL));
  }
  assert_refused (corrupt, BB_STORE_ERROR_CORRUPT);

  rm_dir (dir);
}

static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "old.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) old = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbIncident) incident = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *station_id = NULL;
  g_autofree char *category_id = NULL;
  gint64 audit_before;

  old = bb_store_create_at_version (path, "Riverside", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (old), ==, 1);
  station_id = g_strdup (bb_store_get_station_id (old));
  {
    g_autoptr(BbCategory) c = bb_store_category_get_by_code (old, "burglary.residential", &error);
    g_assert_no_error (error);
    category_id = g_strdup (c->id);
  }
  /* What the older Beatbook wrote: an incident, and no audit triggers. */
  incident = bb_incident_new ();
  incident->category_id = g_strdup (category_id);
  incident->occurred_start = 1710000000;
  incident->description = g_strdup ("Back door forced at night");
  g_assert_true (bb_store_incident_insert (old, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_count (old, "audit_log", NULL), ==, 0);
  g_clear_object (&old);

  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%' AND name NOT LIKE 'audit_log%'"), ==, 0);

  store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (bb_store_get_station_id (store), ==, station_id);
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 1);
  g_assert_cmpint (bb_store_count (store, "category", NULL), ==, 32);
  {
    g_autoptr(BbIncident) kept = bb_store_incident_get (store, incident->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept->description, ==, "Back door forced at night");
  }

  /* The migrated file audits what happens from now on. */
  audit_before = bb_store_count (store, "audit_log", NULL);
  g_free (incident->description);
  incident->description = g_strdup ("Back door forced at night; neighbour saw a van");
  g_assert_true (bb_store_incident_update (store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, audit_before + 1);
  audit = bb_store_audit_list (store, 1, "incident", incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((BbAuditEntry *) audit->pdata[0])->action, ==, "update");
  g_clear_object (&store);

  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%' AND name NOT LIKE 'audit_log%'"),
                   ==, (29 + 2) * 3);   /* 0004 adds survey_aggregate and officer_area */

  /* Opening again migrates nothing more. */
  store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  g_clear_object (&store);

  rm_dir (dir);
}

/* Version 3 adds what the station remembers of imported files. */
static void
test_migrate_from_v2 (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "v2.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) old = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbCategory) category = NULL;
  gint64 audit_before;

  old = bb_store_create_at_version (path, "Riverside", 2, &error);
  g_assert_no_error (error);
  category = bb_store_category_get_by_code (old, "burglary.residential", &error);
  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1710000000;
  g_assert_true (bb_store_incident_insert (old, incident, &error));
  g_assert_no_error (error);
  audit_before = bb_store_count (old, "audit_log", NULL);
  g_clear_object (&old);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('import_mapping', 'import_category_map')"), ==, 0);

  store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 1);
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, audit_before);
  g_clear_object (&store);

  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('import_mapping', 'import_category_map', 'import_category_map_by_category')"), ==, 3);
  rm_dir (dir);
}

/* What the store's own connection answers to @sql: SQLITE_OK, or the
 * extended code of the constraint that refused it. */
static int
inside_exec (BbStore    *store,
             const char *sql)
{
  BB_STORE_LOCK_SCOPE (store);
  sqlite3 *db = bb_store_get_db (store);

  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode (db);
}

/* Steps of the program SQLite makes of @sql that build a temporary table,
 * in the statement itself; the programs of its triggers, listed after it
 * (their steps numbered from 0 again), are not counted. */
static gint64
temporary_tables (BbStore    *store,
                  const char *sql)
{
  BB_STORE_LOCK_SCOPE (store);
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0, last = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > last)
    {
      last = sqlite3_column_int64 (stmt, 0);
      n += g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral");
    }
  sqlite3_finalize (stmt);
  return n;
}

/* The checks of 0010 and the search index of 0011, on a station migrated
 * from version 9 or created at the latest version. */
static void
assert_checks_and_search (const char *path,
                          BbStore    *store,
                          const char *category_id,
                          gint64      n_found)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autofree char *insert = NULL;
  const char *columns = "INSERT INTO incident (id, station_id, category_id, occurred_start, source, status,"
                        " created_at, updated_at) VALUES ";

  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('incident', 'audit_log')"
                                      " AND (sql LIKE '%source IN%' OR sql LIKE '%status IN%'"
                                      " OR sql LIKE '%action IN%')"), ==, 0);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'incident_fts'"
                                      " AND sql LIKE '%detail = none, columnsize = 0%'"), ==, 1);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'incident_fts_docsize'"), ==, 0);

  /* the same values refused as before, with no temporary table per row */
  insert = g_strdup_printf ("%s ('c1', 's', '%s', 1710000000, 'patrol', 'open', 1, 1)", columns, category_id);
  g_assert_cmpint (temporary_tables (store, insert), ==, 0);
  g_assert_cmpint (temporary_tables (store, "INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                                            " VALUES (1, 'u', 'create', 't', 'r')"), ==, 0);
  g_clear_pointer (&insert, g_free);
  insert = g_strdup_printf ("%s ('c2', 's', '%s', 1710000000, 'radio', 'open', 1, 1)", columns, category_id);
  g_assert_cmpint (inside_exec (store, insert), ==, SQLITE_CONSTRAINT_CHECK);
  g_clear_pointer (&insert, g_free);
  insert = g_strdup_printf ("%s ('c3', 's', '%s', 1710000000, 'import', 'closed', 1, 1)", columns, category_id);
  g_assert_cmpint (inside_exec (store, insert), ==, SQLITE_CONSTRAINT_CHECK);
  g_clear_pointer (&insert, g_free);
  insert = g_strdup_printf ("%s ('c4', 's', '%s', 1710000000, NULL, 'open', 1, 1)", columns, category_id);
  g_assert_cmpint (inside_exec (store, insert), ==, SQLITE_CONSTRAINT_NOTNULL);
  g_assert_cmpint (inside_exec (store, "INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                                       " VALUES (1, 'u', 'erase', 't', 'r')"), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM incident WHERE id LIKE 'c_'"), ==, 0);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM audit_log WHERE action = 'erase'"), ==, 0);

  /* the incidents page's search: words as starts of words, all of them */
  bb_incident_filter_set_text (filter, "back DOO");
  g_assert_cmpint (bb_store_incident_count (store, filter, &error), ==, n_found);
  g_assert_no_error (error);
  bb_incident_filter_set_text (filter, "back van");
  g_assert_cmpint (bb_store_incident_count (store, filter, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'forced'"), ==, n_found);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
}

/* Version 10 checks names against lists with comparisons, version 11
 * keeps a smaller search index: what was stored is found as before. */
static void
test_migrate_from_v9 (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "v9.beatbook", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) old = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStore) fresh = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbCategory) category = NULL;
  gint64 audit_before;

  old = bb_store_create_at_version (path, "Riverside", 9, &error);
  g_assert_no_error (error);
  category = bb_store_category_get_by_code (old, "burglary.residential", &error);
  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1710000000;
  incident->description = g_strdup ("Back door forced at night");
  g_assert_true (bb_store_incident_insert (old, incident, &error));
  g_assert_no_error (error);
  audit_before = bb_store_count (old, "audit_log", NULL);
  g_clear_object (&old);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'incident'"
                                      " AND sql LIKE '%status IN%'"), ==, 1);

  store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, audit_before);
  assert_checks_and_search (path, store, category->id, 1);
  /* the search index follows changes through the same triggers */
  g_free (incident->description);
  incident->description = g_strdup ("Window broken");
  g_assert_true (bb_store_incident_update (store, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'forced'"), ==, 0);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'window'"), ==, 1);
  g_assert_true (bb_store_incident_delete (store, incident->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'window'"), ==, 0);
  g_clear_object (&store);

  fresh = bb_store_create (fresh_path, "Hillside", &error);
  g_assert_no_error (error);
  g_clear_pointer (&category, bb_category_free);
  category = bb_store_category_get_by_code (fresh, "burglary.residential", &error);
  g_assert_no_error (error);
  assert_checks_and_search (fresh_path, fresh, category->id, 0);
  g_clear_object (&fresh);
  rm_dir (dir);
}

/* A migration that cannot run leaves the older file as it was. */
static void
test_failed_migration (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "old.beatbook", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;

  store = bb_store_create_at_version (path, "Riverside", 1, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  /* Something in the way of migration 2. */
  outside_exec (path, "CREATE INDEX audit_log_by_row ON audit_log (seq)");
  before = file_checksum (path);

  store = bb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "older version of Beatbook"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, 1);

  rm_dir (dir);
}

/* Garbles every third page in the last quarter of the file, where the
 * incidents went: the schema and the small tables written when the
 * station was made stay intact. */
static void
garble_incident_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  gsize page = (gsize) outside_int (path, "PRAGMA page_size");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 40 * page);
  for (gsize i = (length / page * 3 / 4) * page; i < length - page; i++)
    if ((i / page) % 3 == 1)
      contents[i] = (char) (0xA5 ^ (i * 31));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
damaged_cb (BbStore  *store,
            GError   *error,
            gpointer  user_data)
{
  GError **slot = user_data;

  g_assert_null (*slot);
  *slot = g_error_copy (error);
}

/* Large files open after a check of their structure; their pages are
 * checked afterwards, and damage found then is reported and refuses
 * changes.  The limit is lowered so that small files take that path. */
static void
test_deferred_check (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *healthy = make_station_with_rows (dir, "healthy.beatbook", 2000);
  g_autofree char *damaged = make_station_with_rows (dir, "damaged.beatbook", 2000);
  g_autofree char *display = g_filename_display_name (damaged);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbCategory) category = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  gint64 limit = bb_store_full_check_limit;

  garble_incident_pages (damaged);
  /* Below the limit, the page check refuses the file before it opens. */
  assert_refused (damaged, BB_STORE_ERROR_CORRUPT);

  bb_store_full_check_limit = 0;

  store = bb_store_open (healthy, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "damaged", G_CALLBACK (damaged_cb), &reported);
  bb_store_wait_for_check (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (reported);
  category = bb_store_category_get_by_code (store, "theft.bicycle", &error);
  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1710000000;
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The damaged file opens (its structure is sound), then the check
   * finds the garbled pages. */
  store = bb_store_open (damaged, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "damaged", G_CALLBACK (damaged_cb), &reported);
  bb_store_wait_for_check (store);
  while (reported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (reported, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (reported->message, display));
  g_clear_pointer (&incident->id, g_free);
  g_assert_false (bb_store_incident_insert (store, incident, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_object (&store);

  /* A file whose header counts more pages than it holds is refused at
   * once. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (healthy, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (healthy, contents, length - 8 * (gsize) outside_int (healthy, "PRAGMA page_size"),
                                        NULL));
  }
  assert_refused (healthy, BB_STORE_ERROR_CORRUPT);

  bb_store_full_check_limit = limit;
  rm_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/store/open/station-record", test_station_record);
  g_test_add_func ("/store/open/refuse-files", test_refuse_files);
  g_test_add_func ("/store/open/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/open/migrate-from-v2", test_migrate_from_v2);
  g_test_add_func ("/store/open/migrate-from-v9", test_migrate_from_v9);
  g_test_add_func ("/store/open/failed-migration", test_failed_migration);
  g_test_add_func ("/store/open/deferred-check", test_deferred_check);

  return g_test_run ();
}
