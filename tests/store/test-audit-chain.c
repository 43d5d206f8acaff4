/* test-audit-chain.c: the audit log's hash chain: sealed as changes commit, broken by any change made outside Beatbook */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
} Fixture;

static void
add_incidents (BbStore *store,
               guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "vandalism.graffiti", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1714550400 + i * 3600;
      incident->description = g_strdup_printf ("Graffiti on shelter %u", i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
      if (i % 2 == 0)
        {
          g_free (incident->status);
          incident->status = g_strdup ("cleared");
          g_assert_true (bb_store_incident_update (store, incident, &error));
          g_assert_no_error (error);
        }
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;

  f->dir = make_test_dir ();
  f->path = g_build_filename (f->dir, "station.beatbook", NULL);
  store = bb_store_create (f->path, "Chain Station", &error);
  g_assert_no_error (error);
  add_incidents (store, 6);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
sql_false (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  sqlite3_result_int (ctx, 0);
}

/* What someone with the sqlite3 shell does to the closed file (with
 * stand-ins for the functions the exchange's triggers on audit_log call). */
static void
outside (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 3; i++)
    sqlite3_create_function (db, (const char *[]) { "bb_sync_local", "bb_sync_tick", "bb_sync_station" }[i],
                             0, SQLITE_UTF8, NULL, sql_false, NULL, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
tampered_cb (BbStore      *store,
             const GError *error,
             GError      **found)
{
  g_assert_null (*found);
  *found = g_error_copy (error);
}

/* Opens the station, lets the check that runs after opening finish, and
 * returns what it told (NULL: nothing), after checking that
 * bb_store_audit_check says the same and names line @expected_seq. */
static GError *open_and_check_once (const char *path,
                                    gint64      expected_seq,
                                    gboolean    deferred);

/* Both ways: as a small station opens, and on the thread that checks a
 * large one after it opened (which tells BbStore::tampered). */
static GError *
open_and_check (const char *path,
                gint64      expected_seq)
{
  g_autoptr(GError) deferred = open_and_check_once (path, expected_seq, TRUE);

  return open_and_check_once (path, expected_seq, FALSE);
}

static GError *
open_and_check_once (const char *path,
                     gint64      expected_seq,
                     gboolean    deferred)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) told = NULL;
  g_autoptr(GError) kept = NULL;
  g_autoptr(BbStore) store = NULL;
  gint64 limit = bb_store_full_check_limit;
  gint64 bad_seq = -1;
  gboolean ok;

  if (deferred)
    bb_store_full_check_limit = 0;
  store = bb_store_open (path, &error);
  bb_store_full_check_limit = limit;
  g_assert_no_error (error);
  g_signal_connect (store, "tampered", G_CALLBACK (tampered_cb), &told);
  bb_store_wait_for_check (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  kept = bb_store_dup_tampering (store);

  ok = bb_store_audit_check (store, &bad_seq, &error);
  if (expected_seq == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (bad_seq, ==, 0);
      g_assert_null (told);
      g_assert_null (kept);
      return NULL;
    }
  g_assert_false (ok);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED);
  g_assert_cmpint (bad_seq, ==, expected_seq);
  /* Told on the thread; found before opening returned otherwise. */
  if (deferred)
    {
      g_assert_nonnull (told);
      g_assert_error (told, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED);
    }
  else
    g_assert_null (told);
  if (deferred)
    g_assert_cmpstr (told->message, ==, error->message);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->message, ==, error->message);
  return g_steal_pointer (&error);
}

static void
assert_names_line (const GError *error,
                   gint64        seq,
                   const char   *what)
{
  g_autofree char *line = g_strdup_printf ("line %" G_GINT64_FORMAT, seq);
  const char *at = strstr (error->message, line);

  g_test_message ("%s", error->message);
  g_assert_nonnull (at);
  g_assert_false (g_ascii_isdigit (at[strlen (line)]));
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_untouched (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM audit_log"), >, 10);
  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM audit_log WHERE length (hash) IS NOT 32"), ==, 0);
  g_assert_null (open_and_check (f->path, 0));

  /* A change that failed and was rolled back leaves the chain whole. */
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);
    g_autoptr(BbIncident) bad = bb_incident_new ();

    g_assert_no_error (error);
    bad->category_id = g_strdup ("no such category");
    bad->occurred_start = 1714550400;
    g_assert_false (bb_store_incident_insert (store, bad, &error));
    g_clear_error (&error);
    add_incidents (store, 2);
    g_assert_true (bb_store_audit_check (store, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_null (open_and_check (f->path, 0));
}

/* The seal of line 1 as the format in bb-store-audit-chain.c defines it,
 * computed here on its own. */
static void
test_known_seal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 zero[32] = { 0 };
  guint8 seal[32];
  gsize len = 32;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, at, user_name, action, table_name, row_id, detail, hash"
                                           " FROM audit_log WHERE seq = 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_checksum_update (sum, zero, 32);
  put_int (sum, sqlite3_column_int64 (stmt, 0));
  put_int (sum, sqlite3_column_int64 (stmt, 1));
  for (int i = 2; i < 7; i++)
    {
      guint8 tag = sqlite3_column_type (stmt, i) != SQLITE_NULL;

      g_checksum_update (sum, &tag, 1);
      if (tag)
        {
          const guint8 *text = sqlite3_column_text (stmt, i);

          put_int (sum, sqlite3_column_bytes (stmt, i));
          g_checksum_update (sum, text, sqlite3_column_bytes (stmt, i));
        }
    }
  g_checksum_get_digest (sum, seal, &len);
  g_assert_cmpint (sqlite3_column_bytes (stmt, 7), ==, 32);
  g_assert_cmpmem (sqlite3_column_blob (stmt, 7), 32, seal, 32);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_edited (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n = outside_int (f->path, "SELECT max (seq) FROM audit_log");

  /* Someone who knows the file drops the trigger that guards the log. */
  outside (f->path, "DROP TRIGGER audit_log_no_update;"
                    "UPDATE audit_log SET user_name = 'Nobody' WHERE seq = 7;");
  error = open_and_check (f->path, 7);
  assert_names_line (error, 7, "edited");
  g_assert_cmpint (outside_int (f->path, "SELECT max (seq) FROM audit_log"), ==, n);
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  outside (f->path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 9;");
  error = open_and_check (f->path, 9);
  assert_names_line (error, 9, "deleted");
}

static void
test_deleted_last (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 last = outside_int (f->path, "SELECT max (seq) FROM audit_log");

  outside (f->path, "DROP TRIGGER audit_log_no_delete;"
                    "DELETE FROM audit_log WHERE seq = (SELECT max (seq) FROM audit_log);");
  error = open_and_check (f->path, last);
  assert_names_line (error, last, "deleted");
}

static void
test_inserted (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 added = outside_int (f->path, "SELECT max (seq) FROM audit_log") + 1;

  outside (f->path, "INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                    " VALUES (1714550400000000, 'Nobody', 'create', 'incident', 'forged');");
  error = open_and_check (f->path, added);
  assert_names_line (error, added, "added");
  g_clear_error (&error);

  /* Beatbook's next change seals its own lines, not the one added
   * outside: the check still names it. */
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    add_incidents (store, 1);
  }
  g_assert_cmpint (outside_int (f->path, "SELECT max (seq) FROM audit_log"), >, added);
  error = open_and_check (f->path, added);
  assert_names_line (error, added, "added");
}

static void
test_inserted_with_seal (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 added = outside_int (f->path, "SELECT max (seq) FROM audit_log") + 1;

  /* A line with a seal made up (here: a copy of the line before's). */
  outside (f->path, "INSERT INTO audit_log (at, user_name, action, table_name, row_id, hash)"
                    " SELECT at, user_name, action, table_name, row_id, hash FROM audit_log"
                    " ORDER BY seq DESC LIMIT 1;");
  error = open_and_check (f->path, added);
  assert_names_line (error, added, "edited or added");
}

static void
test_migration_seals (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "old.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  gint64 lines;

  {
    g_autoptr(BbStore) store = bb_store_create_at_version (path, "Old Station", 7, &error);

    g_assert_no_error (error);
    add_incidents (store, 4);
  }
  lines = outside_int (path, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (lines, >, 8);
  g_assert_null (open_and_check (path, 0));
  g_assert_cmpint (outside_int (path, "PRAGMA user_version"), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM audit_log WHERE length (hash) = 32"), ==, lines);
  g_assert_cmpint (outside_int (path, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), ==, 0);

  /* And the migrated log refuses edits like before, except nothing. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET hash = NULL WHERE seq = 1", NULL, NULL, NULL), !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET detail = 'x' WHERE seq = 1", NULL, NULL, NULL), !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET hash = zeroblob (32) WHERE seq = 1", NULL, NULL, NULL), !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE seq = 1", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_null (open_and_check (path, 0));
  g_unlink (path);
  rm_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/audit-chain/untouched", Fixture, NULL, fixture_set_up, test_untouched, fixture_tear_down);
  g_test_add ("/store/audit-chain/known-seal", Fixture, NULL, fixture_set_up, test_known_seal, fixture_tear_down);
  g_test_add ("/store/audit-chain/edited", Fixture, NULL, fixture_set_up, test_edited, fixture_tear_down);
  g_test_add ("/store/audit-chain/deleted", Fixture, NULL, fixture_set_up, test_deleted, fixture_tear_down);
  g_test_add ("/store/audit-chain/deleted-last", Fixture, NULL, fixture_set_up, test_deleted_last, fixture_tear_down);
  g_test_add ("/store/audit-chain/inserted", Fixture, NULL, fixture_set_up, test_inserted, fixture_tear_down);
  g_test_add ("/store/audit-chain/inserted-with-seal", Fixture, NULL, fixture_set_up, test_inserted_with_seal,
              fixture_tear_down);
  g_test_add_func ("/store/audit-chain/migration", test_migration_seals);
  return g_test_run ();
}
