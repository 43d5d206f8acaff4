/* bb-store-audit-chain.c: the audit log's hash chain: sealing a transaction's new lines, and checking the chain */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "bb-sha256.h"
#include "bb-store-private.h"

/* A line's seal is SHA-256 over, in order: the previous line's seal (32
 * bytes; 32 zero bytes before the first line), then seq and at as 8-byte
 * big-endian integers, then user_name, action, table_name, row_id and
 * detail, each as one byte (0 for NULL, 1 for text), an 8-byte big-endian
 * length and its UTF-8 bytes.  Lengths make the fields unambiguous: no
 * text moved from one field to the next gives the same seal.
 *
 * Lines are sealed by bb_store_commit, in one UPDATE just before COMMIT,
 * never by a trigger: each line's seal needs the one before it, and one
 * statement over the transaction's new lines in seq order costs a hash
 * per line and nothing more.
 *
 * A station with a passphrase keys its chain from a line on
 * (bb-store-audit-key.c): from there, a seal is BLAKE2b-256 keyed with the
 * chain's key (libsodium's crypto_generichash) over the same bytes, so
 * that whoever rewrites lines and recomputes every seal without the key
 * leaves seals that do not check.  The first keyed line chains from the
 * last unkeyed seal, so the lines before it are covered too. */

#define SEAL_LEN BB_SHA256_LEN

/* The state of one sealing or checking pass. */
struct _BbAuditChain
{
  GByteArray   *bytes;      /* what a line's seal is computed over */
  const guint8 *key;        /* the chain's key, NULL when not known */
  gint64        key_from;   /* the first line sealed with it; 0: none */
  guint8        prev[SEAL_LEN];
  gint64        prev_seq;
};

static void
chain_init (BbAuditChain *chain,
            const guint8 *key,
            gint64        key_from)
{
  chain->bytes = g_byte_array_sized_new (256);
  chain->key = key;
  chain->key_from = key_from;
  memset (chain->prev, 0, SEAL_LEN);
  chain->prev_seq = 0;
}

static void
chain_clear (BbAuditChain *chain)
{
  g_clear_pointer (&chain->bytes, g_byte_array_unref);
}

static gboolean
chain_is_keyed_at (BbAuditChain *chain,
                   gint64        seq)
{
  return chain->key_from > 0 && seq >= chain->key_from;
}

static void
put_int (GByteArray *bytes,
         gint64      value)
{
  guint8 be[8];

  for (int i = 7; i >= 0; i--)
    {
      be[i] = (guint8) (value & 0xff);
      value = (gint64) ((guint64) value >> 8);
    }
  g_byte_array_append (bytes, be, 8);
}

static void
put_text (GByteArray   *bytes,
          const guint8 *text,
          int           len)
{
  guint8 tag = text != NULL ? 1 : 0;

  g_byte_array_append (bytes, &tag, 1);
  if (text == NULL)
    return;
  put_int (bytes, len);
  g_byte_array_append (bytes, text, len);
}

/* The seal of one line, after chain->prev; @v holds seq, at, user_name,
 * action, table_name, row_id, detail.  A keyed line needs chain->key.
 * FALSE when SQLite could not hand over a value's text (short of memory):
 * there is no seal then, never a wrong one. */
static gboolean
chain_seal (BbAuditChain   *chain,
            sqlite3_value **v,
            guint8          seal[SEAL_LEN])
{
  gint64 seq = sqlite3_value_int64 (v[0]);

  g_byte_array_set_size (chain->bytes, 0);
  g_byte_array_append (chain->bytes, chain->prev, SEAL_LEN);
  put_int (chain->bytes, seq);
  put_int (chain->bytes, sqlite3_value_int64 (v[1]));
  for (int i = 2; i < 7; i++)
    {
      if (sqlite3_value_type (v[i]) == SQLITE_NULL)
        put_text (chain->bytes, NULL, 0);
      else
        {
          const guint8 *text = sqlite3_value_text (v[i]);

          if (text == NULL)
            return FALSE;
          put_text (chain->bytes, text, sqlite3_value_bytes (v[i]));
        }
    }
  if (chain_is_keyed_at (chain, seq))
    {
      g_assert (chain->key != NULL);
      crypto_generichash (seal, SEAL_LEN, chain->bytes->data, chain->bytes->len, chain->key, BB_AUDIT_KEY_LEN);
    }
  else
    bb_sha256 (chain->bytes->data, chain->bytes->len, seal);
  return TRUE;
}

/* bb_audit_chain (seq, at, user_name, action, table_name, row_id, detail):
 * the line's seal, chained to the line the previous call sealed.  Lines
 * must come in seq order; anything else fails the statement (and so the
 * commit) rather than write a chain that cannot be checked. */
static void
sql_audit_chain (sqlite3_context  *ctx,
                 int               argc,
                 sqlite3_value   **argv)
{
  BbStore *self = sqlite3_user_data (ctx);
  BbAuditChain *chain = self->audit_chain;
  gint64 seq = sqlite3_value_int64 (argv[0]);
  guint8 seal[SEAL_LEN];

  g_assert (argc == 7);
  if (chain == NULL || seq <= chain->prev_seq)
    {
      sqlite3_result_error (ctx, "the audit log's lines were not sealed in order", -1);
      return;
    }
  if (chain_is_keyed_at (chain, seq) && chain->key == NULL)
    {
      sqlite3_result_error (ctx, "the station is locked: its passphrase is needed to change it", -1);
      return;
    }
  if (!chain_seal (chain, argv, seal))
    {
      sqlite3_result_error_nomem (ctx);
      return;
    }
  memcpy (chain->prev, seal, SEAL_LEN);
  chain->prev_seq = seq;
  sqlite3_result_blob (ctx, seal, SEAL_LEN, SQLITE_TRANSIENT);
}

void
bb_store_audit_chain_register (BbStore *self,
                               sqlite3 *db)
{
  sqlite3_create_function (db, "bb_audit_chain", 7, SQLITE_UTF8, self, sql_audit_chain, NULL, NULL);
}

/* The last line of the log, or FALSE with @error set when it could not
 * be read: a line count taken as 0 would seal the next lines from
 * nothing, or not at all. */
static gboolean
max_seq (BbStore  *self,
         gint64   *seq,
         GError  **error)
{
  return bb_store_query_int64 (self, "SELECT ifnull (max (seq), 0) FROM audit_log",
                               _("Sealing the audit log"), seq, error);
}

gboolean
bb_store_audit_chain_mark (BbStore  *self,
                           GError  **error)
{
  /* A station being created has no audit log yet: everything is new. */
  if (self->schema_version < 8)
    {
      self->audit_mark = 0;
      return TRUE;
    }
  return max_seq (self, &self->audit_mark, error);
}

static gboolean
chain_start (BbStore       *self,
             BbAuditChain  *chain,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  chain_init (chain, self->audit_key, self->audit_key_from);
  stmt = bb_store_prepare (self,
                           "SELECT seq, hash FROM audit_log WHERE seq <= ?1 AND hash IS NOT NULL"
                           " ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    {
      chain_clear (chain);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, self->audit_mark);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == SEAL_LEN)
    {
      chain->prev_seq = sqlite3_column_int64 (stmt, 0);
      memcpy (chain->prev, sqlite3_column_blob (stmt, 1), SEAL_LEN);
    }
  /* A line not read (short of memory, a failed read) is no first line:
   * sealing from nothing would write seals that do not check. */
  if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || sqlite3_errcode (self->db) == SQLITE_NOMEM)
    {
      bb_store_set_error_from_db (self, error, _("Sealing the audit log"));
      chain_clear (chain);
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_audit_chain_seal (BbStore  *self,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BbAuditChain chain;
  struct timespec cpu_start, cpu_end;
  gint64 start;
  gboolean ok = TRUE;
  gint64 last;

  if (self->schema_version < 8)
    return TRUE;
  if (!max_seq (self, &last, error))
    return FALSE;
  if (last <= self->audit_mark)
    return TRUE;

  /* Lines at or before the mark existed when the transaction began; one
   * without a seal there was added outside Beatbook and stays unsealed,
   * so that the check names it. */
  if (self->audit_key_from > 0 && self->audit_key == NULL && last >= self->audit_key_from)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE,
                           _("The station is locked: give its passphrase before changing it"));
      return FALSE;
    }
  if (!chain_start (self, &chain, error))
    return FALSE;

  self->audit_chain = &chain;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
  start = g_get_monotonic_time ();
  stmt = bb_store_prepare (self,
                           "UPDATE audit_log SET hash = bb_audit_chain (seq, at, user_name, action, table_name,"
                           " row_id, detail) WHERE seq > ?1 AND hash IS NULL", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, self->audit_mark);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Sealing the audit log"));
          ok = FALSE;
        }
    }
  else
    ok = FALSE;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
  /* What sealing costs a commit, for bench/ and the curious. */
  g_debug ("sealed %lld audit lines in %.3f s (%.3f s of processor time)",
           (long long) (chain.prev_seq - self->audit_mark), (g_get_monotonic_time () - start) / 1e6,
           (double) (cpu_end.tv_sec - cpu_start.tv_sec) + (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e9);
  self->audit_chain = NULL;
  chain_clear (&chain);
  return ok;
}

/* Sealing as lines are written, for a large import: one pass of writes
 * over its lines instead of two (written, then rewritten with the seal
 * at the commit). */
gboolean
bb_store_audit_chain_open (BbStore  *self,
                           gint64   *next_seq,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BbAuditChain *chain;
  gint64 last;

  g_assert (self->in_transaction && self->audit_chain == NULL);

  if (self->schema_version < 8)
    return FALSE;
  if (self->audit_key_from > 0 && self->audit_key == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE,
                           _("The station is locked: give its passphrase before changing it"));
      return FALSE;
    }
  /* what the transaction wrote before is sealed first, and the chain
   * goes on from there */
  if (!bb_store_audit_chain_seal (self, error) || !max_seq (self, &self->audit_mark, error))
    return FALSE;

  /* AUTOINCREMENT never gives a seq again, even one whose line is gone */
  stmt = bb_store_prepare (self,
                           "SELECT max (ifnull ((SELECT max (seq) FROM audit_log), 0),"
                           " ifnull ((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0))", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Sealing the audit log"));
      return FALSE;
    }
  last = sqlite3_column_int64 (stmt, 0);

  chain = g_new0 (BbAuditChain, 1);
  if (!chain_start (self, chain, error))
    {
      g_free (chain);
      return FALSE;
    }
  self->audit_chain = chain;
  *next_seq = last + 1;
  return TRUE;
}

void
bb_store_audit_chain_close (BbStore *self)
{
  BbAuditChain *chain = self->audit_chain;

  if (chain == NULL)
    return;
  /* the lines up to the last one sealed here are sealed: the commit's
   * pass starts after it */
  self->audit_mark = MAX (self->audit_mark, chain->prev_seq);
  self->audit_chain = NULL;
  chain_clear (chain);
  g_free (chain);
}

gboolean
bb_store_audit_run_sealed (BbStore     *self,
                           const char  *sql,
                           GError     **error)
{
  gint64 next_seq;
  gboolean ok = TRUE;

  g_return_val_if_fail (self->schema_version >= 8, FALSE);

  if (!bb_store_audit_chain_open (self, &next_seq, error))
    return FALSE;
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (self, error, _("Sealing the audit log"));
      ok = FALSE;
    }
  bb_store_audit_chain_close (self);
  return ok;
}

/* Checking ------------------------------------------------------------- */

G_GNUC_PRINTF (4, 5)
static gboolean
broken (gint64     *bad_seq,
        gint64      seq,
        GError    **error,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (bad_seq != NULL)
    *bad_seq = seq;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED, message);
  return FALSE;
}

static gboolean check_db_snapshot (sqlite3      *db,
                                   const char   *display,
                                   const guint8 *key,
                                   gint64        key_from,
                                   gint64       *bad_seq,
                                   GError      **error);

gboolean
bb_audit_chain_check_db (sqlite3      *db,
                         const char   *display,
                         const guint8 *key,
                         gint64        key_from,
                         gint64       *bad_seq,
                         GError      **error)
{
  gboolean own = sqlite3_get_autocommit (db);
  gboolean ok;

  /* The walk and the last seq used are read in one transaction: a
   * commit between them (the deferred check runs while the station is in
   * use) would otherwise read as lines deleted at the end. */
  if (own && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                   _("Could not read the audit log of “%s”: %s"), display, sqlite3_errmsg (db));
      return FALSE;
    }
  ok = check_db_snapshot (db, display, key, key_from, bad_seq, error);
  if (own && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

static gboolean
check_db_snapshot (sqlite3      *db,
                   const char   *display,
                   const guint8 *key,
                   gint64        key_from,
                   gint64       *bad_seq,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BbAuditChain chain;
  gint64 last_used = 0;
  int rc;

  if (bad_seq != NULL)
    *bad_seq = 0;
  if (sqlite3_prepare_v2 (db, "SELECT seq, at, user_name, action, table_name, row_id, detail, hash"
                              " FROM audit_log ORDER BY seq", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                   _("Could not read the audit log of “%s”: %s"), display, sqlite3_errmsg (db));
      return FALSE;
    }

  chain_init (&chain, key, key_from);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_value *v[7];
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      guint8 seal[SEAL_LEN];

      if (seq != chain.prev_seq + 1)
        {
          chain_clear (&chain);
          if (seq - chain.prev_seq == 2)
            return broken (bad_seq, chain.prev_seq + 1, error,
                           _("The audit log of “%s” was changed outside Beatbook: line %lld was deleted."),
                           display, (long long) (chain.prev_seq + 1));
          return broken (bad_seq, chain.prev_seq + 1, error,
                         _("The audit log of “%s” was changed outside Beatbook: lines %lld to %lld were deleted."), display, (long long) (chain.prev_seq + 1), (long long) (seq - 1));
        }
      /* Out of memory, SQLite hands out NULL for a value: that is a line
       * not read, never a line changed. */
      if (sqlite3_errcode (db) == SQLITE_NOMEM)
        break;
      if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        {
          chain_clear (&chain);
          return broken (bad_seq, seq, error,
                         _("The audit log of “%s” was changed outside Beatbook: line %lld has no seal, it was "
                           "added with another program."), display, (long long) seq);
        }
      /* Without the key, keyed lines are only counted: their seals are
       * checked once the passphrase is given. */
      if (chain_is_keyed_at (&chain, seq) && key == NULL)
        {
          chain.prev_seq = seq;
          continue;
        }
      for (int i = 0; i < 7; i++)
        v[i] = sqlite3_column_value (stmt, i);
      if (!chain_seal (&chain, v, seal) || sqlite3_errcode (db) == SQLITE_NOMEM)
        break;
      if (sqlite3_column_bytes (stmt, 7) != SEAL_LEN
          || memcmp (seal, sqlite3_column_blob (stmt, 7), SEAL_LEN) != 0)
        {
          chain_clear (&chain);
          return broken (bad_seq, seq, error,
                         _("The audit log of “%s” was changed outside Beatbook: line %lld was edited or added with "
                           "another program."), display, (long long) seq);
        }
      memcpy (chain.prev, seal, SEAL_LEN);
      chain.prev_seq = seq;
    }
  chain_clear (&chain);
  if (rc == SQLITE_ROW)
    rc = SQLITE_NOMEM;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BB_STORE_ERROR, (rc & 0xff) == SQLITE_CORRUPT ? BB_STORE_ERROR_CORRUPT : BB_STORE_ERROR_FAILED,
                   _("Could not read the audit log of “%s”: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* AUTOINCREMENT remembers the highest seq ever used: lines deleted from
   * the end leave it above the last line. */
  if (sqlite3_prepare_v2 (db, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'", -1, &stmt, NULL)
      == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    last_used = sqlite3_column_int64 (stmt, 0);
  if (last_used == chain.prev_seq + 1)
    return broken (bad_seq, last_used, error,
                   _("The audit log of “%s” was changed outside Beatbook: its last line, line %lld, was "
                     "deleted."), display, (long long) last_used);
  if (last_used > chain.prev_seq)
    return broken (bad_seq, chain.prev_seq + 1, error,
                   _("The audit log of “%s” was changed outside Beatbook: its last lines, %lld to %lld, "
                     "were deleted."), display, (long long) (chain.prev_seq + 1), (long long) last_used);
  return TRUE;
}

gboolean
bb_store_audit_check (BbStore  *self,
                      gint64   *bad_seq,
                      GError  **error)
{
  BB_STORE_READ_SCOPE (self);
  g_autofree char *display = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (bad_seq != NULL)
    *bad_seq = 0;
  if (self->schema_version < 8)
    return TRUE;
  display = g_filename_display_name (self->path);
  /* Unlocked, and still no key: the key's record does not match the
   * passphrase (bb-store-audit-key.c told it). */
  if (self->passphrase != NULL && self->audit_key_from > 0 && self->audit_key == NULL && self->tampering != NULL)
    {
      g_propagate_error (error, g_error_copy (self->tampering));
      return FALSE;
    }
  /* The key's records deleted outside Beatbook (bb-store-audit-key.c). */
  if (!bb_store_audit_key_check_records (self, error))
    return FALSE;
  return bb_audit_chain_check_db (bb_store_get_db (self), display, self->audit_key, self->audit_key_from, bad_seq,
                                  error);
}
