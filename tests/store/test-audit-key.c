/* test-audit-key.c: the audit chain of a station with a passphrase is keyed: seals recomputed without the key are found */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include "bb-store-private.h"
#include "store-test-util.h"

#define RIGHT "seven herons over the weir"
#define OTHER "the mill pond in winter"

typedef struct {
  char    *dir;
  char    *path;
} Fixture;

static void
add_incidents (BbStore *store,
               guint    n)
{
  add_test_incidents (store, "vandalism.graffiti", n, "Graffiti on the underpass");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = make_test_dir ();
  f->path = g_build_filename (f->dir, "station.beatbook", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A station of a few incidents; with @passphrase, set after the first
 * ones, so that its log has lines before the key and after. */
static void
make_station (Fixture    *f,
              const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (f->path, "Weir Station", &error);

  g_assert_no_error (error);
  add_incidents (store, 3);
  if (passphrase != NULL)
    {
      g_assert_true (bb_store_set_passphrase (store, NULL, passphrase, &error));
      g_assert_no_error (error);
      add_incidents (store, 3);
    }
}

/* What an attacker who knows the format (but no key) does with another
 * program: @edit_sql changes the log, then every seal is computed again,
 * SHA-256 as the unkeyed chain is, in order from the first line.
 * @extra_sql runs before the seals are written. */
static void
forge (const char *path,
       const char *edit_sql,
       const char *extra_sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) seals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint8 prev[32] = { 0 };

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_seal_once;", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  if (edit_sql != NULL)
    g_assert_cmpint (sqlite3_exec (db, edit_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (extra_sql != NULL)
    g_assert_cmpint (sqlite3_exec (db, extra_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, at, user_name, action, table_name, row_id, detail"
                                           " FROM audit_log ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      gsize len = 32;

      g_checksum_update (sum, prev, 32);
      put_int (sum, seq);
      put_int (sum, sqlite3_column_int64 (stmt, 1));
      for (int i = 2; i < 7; i++)
        {
          guint8 tag = sqlite3_column_type (stmt, i) != SQLITE_NULL;

          g_checksum_update (sum, &tag, 1);
          if (tag)
            {
              put_int (sum, sqlite3_column_bytes (stmt, i));
              g_checksum_update (sum, sqlite3_column_text (stmt, i), sqlite3_column_bytes (stmt, i));
            }
        }
      g_checksum_get_digest (sum, prev, &len);
      g_array_append_val (seqs, seq);
      g_ptr_array_add (seals, g_bytes_new (prev, 32));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE audit_log SET hash = ?2 WHERE seq = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < seqs->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (seqs, gint64, i));
      sqlite3_bind_blob (stmt, 2, g_bytes_get_data (seals->pdata[i], NULL), 32, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Opens the station, unlocks it with @passphrase (when given), and
 * returns what the checks found (NULL: the chain is whole), after
 * checking that the open-time check and bb_store_audit_check agree. */
static GError *
check_station (const char *path,
               const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) kept = NULL;
  g_autoptr(BbStore) store = bb_store_open (path, &error);
  gboolean ok;

  g_assert_no_error (error);
  if (passphrase != NULL)
    {
      g_assert_true (bb_store_check_passphrase (store, passphrase, &error));
      g_assert_no_error (error);
    }
  kept = bb_store_dup_tampering (store);
  ok = bb_store_audit_check (store, NULL, &error);
  g_assert_true (ok == (error == NULL));
  if (error == NULL)
    {
      g_assert_null (kept);
      return NULL;
    }
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED);
  g_assert_nonnull (kept);
  g_test_message ("%s", error->message);
  return g_steal_pointer (&error);
}

static void
assert_tampered (const char *path,
                 const char *passphrase)
{
  g_autoptr(GError) found = check_station (path, passphrase);

  g_assert_nonnull (found);
}

#define EDIT_EARLY "UPDATE audit_log SET user_name = 'Nobody' WHERE seq = 2"
#define EDIT_LATE  "UPDATE audit_log SET user_name = 'Nobody' WHERE seq = (SELECT max (seq) - 1 FROM audit_log)"

/* Without a passphrase the chain holds no secret: a forger who recomputes
 * every seal is not seen (README says so).  This is the baseline the
 * keyed chain improves on. */
static void
test_unkeyed_forgery_unseen (Fixture       *f,
                             gconstpointer  data)
{
  make_station (f, NULL);
  g_assert_null (check_station (f->path, NULL));
  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM meta WHERE key = 'audit_key'"), ==, 0);
  forge (f->path, EDIT_EARLY, NULL);
  g_assert_null (check_station (f->path, NULL));
}

/* With a passphrase, the same forgery is found, whether the line changed
 * is before the key or after it. */
static void
test_keyed_forgery_found (Fixture       *f,
                          gconstpointer  data)
{
  const char *edits[] = { EDIT_EARLY, EDIT_LATE, NULL };

  make_station (f, RIGHT);
  g_assert_null (check_station (f->path, RIGHT));
  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM meta WHERE key = 'audit_key'"
                                         " AND value LIKE 'wrapped:%'"), ==, 1);
  /* No key in the file: only the wrapped one. */
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *pristine = g_build_filename (f->dir, "pristine.beatbook", NULL);
      g_autoptr(GError) found = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (i == 0)
        {
          g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
          g_assert_true (g_file_set_contents (pristine, contents, (gssize) length, NULL));
        }
      else
        {
          g_assert_true (g_file_get_contents (pristine, &contents, &length, NULL));
          g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
        }
      if (edits[i] == NULL)
        {
          /* Recomputed without any edit: every keyed seal is wrong. */
          forge (f->path, NULL, NULL);
        }
      else
        forge (f->path, edits[i], NULL);
      found = check_station (f->path, RIGHT);
      g_assert_nonnull (found);
      g_assert_nonnull (strstr (found->message, "outside Beatbook"));
    }
}

/* The key's record moved (keyed from a later line, so that the forged
 * lines read as unkeyed) or replaced by a key in the clear: found. */
static void
test_key_record_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) found = NULL;
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.beatbook", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  make_station (f, RIGHT);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (pristine, contents, (gssize) length, NULL));

  forge (f->path, EDIT_LATE, "UPDATE meta SET value = 'wrapped:100000:' || substr (value, 9 + instr (substr (value, 9), ':'))"
                             " WHERE key = 'audit_key'");
  found = check_station (f->path, RIGHT);
  g_assert_nonnull (found);
  g_assert_nonnull (strstr (found->message, "key"));
  g_clear_error (&found);

  g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
  forge (f->path, EDIT_LATE, "UPDATE meta SET value = 'clear:1:' || hex (zeroblob (32)) WHERE key = 'audit_key'");
  found = check_station (f->path, RIGHT);
  g_assert_nonnull (found);
}

/* Changing the passphrase wraps the same key again; removing it leaves
 * the keyed lines checkable without one. */
static void
test_change_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_station (f, RIGHT);
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, RIGHT, OTHER, &error));
    g_assert_no_error (error);
    add_incidents (store, 2);
  }
  g_assert_null (check_station (f->path, OTHER));
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, OTHER, NULL, &error));
    g_assert_no_error (error);
    add_incidents (store, 2);
  }
  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM meta WHERE key = 'audit_key'"
                                         " AND value LIKE 'clear:%'"), ==, 1);
  g_assert_null (check_station (f->path, NULL));
  /* And set again: the same key, wrapped again. */
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
    g_assert_no_error (error);
    add_incidents (store, 1);
  }
  g_assert_null (check_station (f->path, RIGHT));
  forge (f->path, EDIT_EARLY, NULL);
  assert_tampered (f->path, RIGHT);
}

/* Deleting the key's record, the passphrase's verifier or both with
 * another program (seals recomputed or not) would make the station look
 * like one that never had a passphrase: each is told as tampering, before
 * and after the passphrase is given, and unlocking keys nothing anew. */
static void
test_records_deleted (Fixture       *f,
                      gconstpointer  data)
{
  struct {
    const char *sql;
    gboolean    verifier_left;
  } deletions[] = {
    { "DELETE FROM meta WHERE key = 'audit_key'", TRUE },
    { "DELETE FROM meta WHERE key = 'passphrase'", FALSE },
    { "DELETE FROM meta WHERE key IN ('audit_key', 'passphrase')", FALSE },
  };
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.beatbook", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  make_station (f, RIGHT);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (pristine, contents, (gssize) length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (deletions); i++)
    for (int forged = 0; forged < 2; forged++)
      {
        g_autoptr(GError) found = NULL;
        gint64 lines;

        g_test_message ("%s, seals %s", deletions[i].sql, forged ? "recomputed" : "left");
        g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
        if (forged)
          forge (f->path, NULL, deletions[i].sql);
        else
          outside_exec (f->path, deletions[i].sql);
        lines = outside_int (f->path, "SELECT max (seq) FROM audit_log");
        found = check_station (f->path, NULL);
        g_assert_nonnull (found);
        g_assert_nonnull (strstr (found->message, "outside Beatbook"));
        g_clear_error (&found);
        if (deletions[i].verifier_left)
          {
            found = check_station (f->path, RIGHT);
            g_assert_nonnull (found);
            g_assert_nonnull (strstr (found->message, "deleted"));
            g_clear_error (&found);
          }
        g_assert_cmpint (outside_int (f->path, "SELECT max (seq) FROM audit_log"), ==, lines);
      }

  /* Removed with Beatbook: nothing to tell. */
  g_assert_true (g_file_set_contents (f->path, contents, (gssize) length, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, RIGHT, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_null (check_station (f->path, NULL));
}

/* A station whose verifier is crypto_pwhash_str's string and whose key
 * record has a salt of its own (as Beatbook wrote them before one
 * derivation served both) opens, checks and takes changes as before. */
static void
test_older_records_read (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) record = g_string_new (NULL);
  g_autofree char *sql = NULL;
  guint8 key[BB_AUDIT_KEY_LEN], salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
  guint8 kek[crypto_secretbox_KEYBYTES], plain[BB_AUDIT_KEY_LEN + 8], box[sizeof plain + crypto_secretbox_MACBYTES];
  char verifier[crypto_pwhash_STRBYTES];
  gint64 from;

  make_station (f, RIGHT);
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_check_passphrase (store, RIGHT, &error));
    g_assert_no_error (error);
    memcpy (key, store->audit_key, sizeof key);
    from = store->audit_key_from;
  }
  g_assert_cmpint (crypto_pwhash_str (verifier, RIGHT, strlen (RIGHT), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  g_assert_true (bb_store_kdf (RIGHT, salt, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                               kek, sizeof kek));
  memcpy (plain, key, sizeof key);
  for (int i = 0; i < 8; i++)
    plain[BB_AUDIT_KEY_LEN + i] = (guint8) ((guint64) from >> (56 - 8 * i));
  crypto_secretbox_easy (box, plain, sizeof plain, nonce, kek);
  g_string_printf (record, "wrapped:%lld:", (long long) from);
  bb_store_hex_append (record, salt, sizeof salt);
  g_string_append_c (record, ':');
  bb_store_hex_append (record, nonce, sizeof nonce);
  g_string_append_c (record, ':');
  bb_store_hex_append (record, box, sizeof box);
  sql = g_strdup_printf ("UPDATE meta SET value = '%s' WHERE key = 'passphrase';"
                         " UPDATE meta SET value = '%s' WHERE key = 'audit_key'", verifier, record->str);
  outside_exec (f->path, sql);

  g_assert_null (check_station (f->path, RIGHT));
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_false (bb_store_check_passphrase (store, OTHER, &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    g_assert_true (bb_store_check_passphrase (store, RIGHT, &error));
    g_assert_no_error (error);
    add_incidents (store, 2);
    /* A new passphrase is kept the newer way, the same key wrapped again. */
    g_assert_true (bb_store_set_passphrase (store, RIGHT, OTHER, &error));
    g_assert_no_error (error);
  }
  g_assert_null (check_station (f->path, OTHER));
  g_assert_cmpint (outside_int (f->path, "SELECT count(*) FROM meta WHERE key = 'passphrase'"
                                         " AND value LIKE 'argon2id:%'"), ==, 1);
  forge (f->path, EDIT_EARLY, NULL);
  assert_tampered (f->path, OTHER);
}

/* A keyed station not unlocked refuses changes (they could not be sealed)
 * and the file is left as it was. */
static void
test_locked_refuses_changes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(BbCategory) category = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();

  make_station (f, RIGHT);
  before = file_checksum (f->path);
  {
    g_autoptr(BbStore) store = bb_store_open (f->path, &error);

    g_assert_no_error (error);
    category = bb_store_category_get_by_code (store, "vandalism.graffiti", &error);
    g_assert_no_error (error);
    incident->category_id = g_strdup (category->id);
    incident->occurred_start = 1714550400;
    g_assert_false (bb_store_incident_insert (store, incident, &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
  }
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (check_station (f->path, RIGHT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/store/audit-key/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("unkeyed-forgery-unseen", test_unkeyed_forgery_unseen);
  ADD ("keyed-forgery-found", test_keyed_forgery_found);
  ADD ("key-record-changed", test_key_record_changed);
  ADD ("change-and-remove", test_change_and_remove);
  ADD ("records-deleted", test_records_deleted);
  ADD ("older-records-read", test_older_records_read);
  ADD ("locked-refuses-changes", test_locked_refuses_changes);
#undef ADD
  return g_test_run ();
}
