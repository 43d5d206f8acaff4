/* test-bundle-bulk.c: a first exchange large enough for the bulk path: indexes, search, audit lines and their seals, triggers, all or nothing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bundle-test-util.h"
#include "bb-bundle-merge-private.h"

/* More than the bulk threshold of the merge (50,000 records of a table). */
#define N_INCIDENTS 52000

static gint64
query (BbStore    *store,
       const char *sql)
{
  BB_STORE_LOCK_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (BbStore    *store,
            const char *sql)
{
  BB_STORE_LOCK_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Every trigger and index, by name, with its SQL. */
static char *
schema_of (BbStore *store)
{
  return query_text (store, "SELECT group_concat (name || ': ' || sql, char (10)) FROM"
                            " (SELECT name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
                            "  ORDER BY name)");
}

/* N_INCIDENTS incidents in one transaction, through the tables' own triggers. */
static void
add_many (BbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "burglary.residential", &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BB_STORE_LOCK_SCOPE (store);

  g_assert_no_error (error);
  g_assert_true (bb_store_begin (store, &error));
  stmt = bb_store_prepare (store,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)"
    " INSERT INTO incident (id, station_id, category_id, occurred_start, lat, lon, address, description, source,"
    " created_at, updated_at)"
    " SELECT lower (hex (randomblob (16))), ?1, ?2, 1714550400 + i * 60, 41.3 + (i % 100) * 0.001,"
    " 19.8 + (i / 100 % 100) * 0.001, 'Lake Street ' || i,"
    " iif (i = 777, 'Bicycle taken from the zebrafinch cellar', 'Back door forced at house ' || i), 'patrol',"
    " bb_now_us (), bb_now_us () FROM n", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, bb_store_get_station_id (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, category->id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, N_INCIDENTS);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_true (bb_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  if (fraction > 0.2)
    g_cancellable_cancel (user_data);
}

static void
test_first_exchange (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autoptr(TestStation) north = test_station_new (dir, "North");
  g_autoptr(TestStation) hq = test_station_new (dir, "Headquarters");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BbBundleResult) result = NULL;
  g_autoptr(BbBundleResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *back = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *user = NULL;
  g_autofree char *local_id = add_incident (hq->store, "vandalism.graffiti", "Graffiti on the zebrafinch shelter",
                                            FALSE);
  gint64 seq_before, bad_seq = 0;

  add_many (north->store);

  /* An export cancelled half-way leaves no file behind, and reports how
   * far it got on the way. */
  {
    g_autofree char *path = g_build_filename (dir, "cancelled" BB_BUNDLE_SUFFIX, NULL);
    g_autoptr(GDir) listing = NULL;
    const char *name;

    g_assert_null (bb_bundle_export (north->store, path, NULL, cancellable, cancel_cb, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    /* nor the changes it had packed so far */
    listing = g_dir_open (dir, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".beatbook-bundle-"));
    g_clear_object (&cancellable);
    cancellable = g_cancellable_new ();
  }

  bundle = export_bundle (north, NULL, "north", FALSE);
  schema = schema_of (hq->store);
  before = station_digest (hq->store);
  seq_before = query (hq->store, "SELECT max (seq) FROM audit_log");

  /* Cancelled half-way: nothing changed, the triggers and indexes set
   * aside are back. */
  g_assert_null (bb_bundle_apply (hq->store, bundle, FALSE, cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = station_digest (hq->store);
  g_assert_cmpstr (after, ==, before);
  schema_after = schema_of (hq->store);
  g_assert_cmpstr (schema_after, ==, schema);
  g_clear_pointer (&schema_after, g_free);

  result = apply_bundle (hq, bundle);
  g_assert_cmpuint (result->added, >=, N_INCIDENTS);
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM incident"), ==, N_INCIDENTS + 1);
  schema_after = schema_of (hq->store);
  g_assert_cmpstr (schema_after, ==, schema);

  /* One audit line each, in the order of the records, sealed: the chain
   * checks from the first line to the last. */
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM audit_log WHERE action = 'create'"
                                     " AND table_name = 'incident'"),
                   ==, N_INCIDENTS + 1);
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), ==, 0);
  g_assert_cmpint (query (hq->store, "SELECT max (seq) - min (seq) + 1 - count(*) FROM audit_log"), ==, 0);
  g_assert_cmpint (query (hq->store, "SELECT max (seq) FROM audit_log"), >, seq_before + N_INCIDENTS);
  user = query_text (hq->store, "SELECT user_name FROM audit_log WHERE action = 'create' AND table_name = 'incident'"
                                " ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (user, "North"));
  g_assert_true (bb_store_audit_check (hq->store, &bad_seq, &error));
  g_assert_no_error (error);

  /* Search, the indexes and the database itself are whole. */
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'zebrafinch'"), ==, 2);
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'forced'"),
                   ==, N_INCIDENTS - 1);
  {
    g_autofree char *integrity = query_text (hq->store, "PRAGMA integrity_check");

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (hq->store),
                                   "INSERT INTO incident_fts (incident_fts, rank) VALUES ('integrity-check', 1)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (query (hq->store, "SELECT count(*) FROM incident INDEXED BY incident_by_time"
                                     " WHERE occurred_start >= 1714550400 + 60 * 51001"), ==, 1000);

  /* Importing it again changes nothing. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = station_digest (hq->store);
  again = apply_bundle (hq, bundle);
  g_assert_true (again->already_applied);
  after = station_digest (hq->store);
  g_assert_cmpstr (after, ==, before);

  /* The audit log's own triggers work again: a change made here goes
   * back to North in the next bundle, and North takes it. */
  {
    g_autofree char *id = query_text (hq->store, "SELECT id FROM incident WHERE address = 'Lake Street 5'");

    set_description (hq->store, id, "description", "Back door forced, seen by the neighbour");
  }
  back = export_bundle (hq, north, "hq", FALSE);
  g_clear_pointer (&result, bb_bundle_result_free);
  result = apply_bundle (north, back);
  g_assert_cmpuint (result->changed, ==, 1);
  g_assert_cmpuint (result->added, >=, 1);
  {
    g_autoptr(BbIncident) graffiti = get_incident (north->store, local_id);

    g_assert_nonnull (graffiti);
  }
  g_assert_cmpint (query (north->store, "SELECT count(*) FROM incident WHERE description LIKE '%neighbour'"), ==, 1);
  g_assert_true (bb_store_audit_check (north->store, &bad_seq, &error));
  g_assert_no_error (error);
  rm_dir (dir);
}

/* What a first exchange leaves at the station that took it, apart from
 * the station's own ids and times: the records in their order, their
 * versions, the bundle's audit lines in order, and what search finds. */
static char *
first_exchange_digest (BbStore *store,
                       gint64   seq_before)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *incidents = incidents_digest (store);
  static const char * const sql[] = {
    "SELECT group_concat (id || '|' || ifnull (district_id, '') || '|' || ifnull (lat, '') || '|' || updated_at, ';')"
    " FROM (SELECT * FROM incident ORDER BY rowid)",
    "SELECT group_concat (tbl || '|' || row_id || '|' || col || '|' || at || '|' || station, ';')"
    " FROM (SELECT * FROM sync_clock WHERE station IN (SELECT station_id FROM incident) ORDER BY 1, 2, 3)",
    "SELECT group_concat (tbl || '|' || row_id || '|' || at || '|' || station || '|' || alive, ';')"
    " FROM (SELECT * FROM sync_row WHERE station IN (SELECT station_id FROM incident) ORDER BY 1, 2)",
    "SELECT group_concat (user_name || '|' || action || '|' || table_name || '|' || row_id || '|' || ifnull (detail, ''),"
    " ';') FROM (SELECT * FROM audit_log WHERE seq > ?1 ORDER BY seq)",
    "SELECT group_concat (i.id, ';') FROM (SELECT rowid FROM incident_fts WHERE incident_fts MATCH 'zebrafinch OR"
    " (house 5*)' ORDER BY rowid) AS f JOIN incident AS i ON i.rowid = f.rowid",
    "SELECT count(*) FROM incident INDEXED BY incident_by_category WHERE category_id IS NOT NULL",
    "PRAGMA journal_mode",
  };
  BB_STORE_LOCK_SCOPE (store);

  g_string_append (out, incidents);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql[i], NULL);

      g_assert_nonnull (stmt);
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, seq_before);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (out, "\n%u: %s", i, (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The bulk path (triggers and indexes set aside, records inserted many
 * at a time, audit lines written at once, the rollback journal) leaves
 * exactly what applying the records one by one does. */
static void
test_same_as_record_by_record (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autoptr(TestStation) north = test_station_new (dir, "North");
  g_autoptr(TestStation) bulk = test_station_new (dir, "Headquarters");
  g_autoptr(TestStation) slow = test_station_new (dir, "Regional office");
  g_autoptr(BbBundleResult) bulk_result = NULL;
  g_autoptr(BbBundleResult) slow_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *bulk_digest = NULL;
  g_autofree char *slow_digest = NULL;
  gint64 bulk_seq, slow_seq, bad_seq = 0;

  add_many (north->store);
  /* Changed after they were made, so that the bundle carries versions. */
  {
    g_autofree char *id = query_text (north->store, "SELECT id FROM incident WHERE address = 'Lake Street 7'");

    set_description (north->store, id, "description", "Back door forced at house 7, seen by the zebrafinch club");
  }
  bundle = export_bundle (north, NULL, "north", FALSE);
  bulk_seq = query (bulk->store, "SELECT max (seq) FROM audit_log");
  slow_seq = query (slow->store, "SELECT max (seq) FROM audit_log");
  g_assert_cmpint (bulk_seq, ==, slow_seq);

  bulk_result = apply_bundle (bulk, bundle);
  bb_merge_set_bulk_threshold (G_MAXUINT64);
  slow_result = apply_bundle (slow, bundle);
  bb_merge_set_bulk_threshold (0);

  g_assert_cmpuint (bulk_result->added, ==, slow_result->added);
  g_assert_cmpuint (bulk_result->changed, ==, slow_result->changed);
  g_assert_cmpuint (bulk_result->conflicts, ==, slow_result->conflicts);
  g_assert_cmpint (query (bulk->store, "SELECT count(*) FROM incident"), ==, N_INCIDENTS);
  bulk_digest = first_exchange_digest (bulk->store, bulk_seq);
  slow_digest = first_exchange_digest (slow->store, slow_seq);
  g_assert_cmpstr (bulk_digest, ==, slow_digest);
  g_assert_nonnull (strstr (bulk_digest, "wal"));
  g_assert_true (bb_store_audit_check (bulk->store, &bad_seq, &error));
  g_assert_no_error (error);
  g_assert_true (bb_store_audit_check (slow->store, &bad_seq, &error));
  g_assert_no_error (error);
  rm_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/bulk/first-exchange", test_first_exchange);
  g_test_add_func ("/bundle/bulk/same-as-record-by-record", test_same_as_record_by_record);
  return g_test_run ();
}
