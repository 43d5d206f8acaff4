/* bb-store-audit-key.c: the key of the audit log's chain on a station with a passphrase */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "bb-store-private.h"

/* Without a secret, whoever edits the audit log with another program can
 * recompute every seal after the line changed.  A station with a
 * passphrase therefore seals its lines from a line K on with a random key
 * of 32 bytes (bb-store-audit-chain.c).  The key is kept in meta under
 * "audit_key", wrapped with the passphrase:
 *
 *   wrapped:K:SALT:NONCE:BOX    crypto_secretbox (XSalsa20-Poly1305) of
 *                               the key and K (8 bytes, big endian) under
 *                               Argon2id (SALT) of the passphrase
 *   clear:K:KEY                 after the passphrase was removed: lines
 *                               from K stay checkable, by anyone
 *
 * (hexadecimal).  K is inside the box, so moving it is seen once the
 * passphrase is given.  Changing the passphrase wraps the same key again:
 * no line is sealed again.  A station that had a passphrase before the
 * chain was keyed gets its key, from its next line, the first time it is
 * unlocked; the line that says so is the first one sealed with it. */

#define RECORD_KEY "audit_key"

gboolean
bb_store_kdf (const char   *passphrase,
              const guint8 *salt,
              guint64       opslimit,
              guint64       memlimit,
              guint8       *out,
              gsize         out_len)
{
  return crypto_pwhash (out, out_len, passphrase, strlen (passphrase), salt, opslimit, (size_t) memlimit,
                        crypto_pwhash_ALG_ARGON2ID13) == 0;
}

typedef struct {
  gboolean  wrapped;
  gint64    from;
  GBytes   *salt, *nonce, *box;   /* wrapped */
  GBytes   *key;                  /* clear */
} KeyRecord;

static void
key_record_clear (KeyRecord *record)
{
  g_clear_pointer (&record->salt, g_bytes_unref);
  g_clear_pointer (&record->nonce, g_bytes_unref);
  g_clear_pointer (&record->box, g_bytes_unref);
  g_clear_pointer (&record->key, g_bytes_unref);
}

static GBytes *
from_hex (const char *hex,
          gsize       expected)
{
  gsize len = strlen (hex);
  guint8 *bytes;

  if (len != expected * 2)
    return NULL;
  bytes = g_malloc (expected);
  for (gsize i = 0; i < expected; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (bytes);
          return NULL;
        }
      bytes[i] = (guint8) (hi << 4 | lo);
    }
  return g_bytes_new_take (bytes, expected);
}

static void
append_hex (GString      *out,
            const guint8 *bytes,
            gsize         len)
{
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", bytes[i]);
}

/* FALSE when there is no record; *@valid FALSE when there is one that
 * does not parse. */
static gboolean
read_record (BbStore   *self,
             KeyRecord *record,
             gboolean  *valid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) parts = NULL;
  guint n;

  memset (record, 0, sizeof *record);
  *valid = FALSE;
  stmt = bb_store_prepare (self, "SELECT value FROM meta WHERE key = '" RECORD_KEY "'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), ":", 0);
  n = g_strv_length (parts);
  if (n < 3 || !g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT64, &record->from, NULL))
    return TRUE;
  if (n == 5 && g_str_equal (parts[0], "wrapped"))
    {
      record->wrapped = TRUE;
      record->salt = from_hex (parts[2], crypto_pwhash_SALTBYTES);
      record->nonce = from_hex (parts[3], crypto_secretbox_NONCEBYTES);
      record->box = from_hex (parts[4], BB_AUDIT_KEY_LEN + 8 + crypto_secretbox_MACBYTES);
      *valid = record->salt != NULL && record->nonce != NULL && record->box != NULL;
    }
  else if (n == 3 && g_str_equal (parts[0], "clear"))
    {
      record->key = from_hex (parts[2], BB_AUDIT_KEY_LEN);
      *valid = record->key != NULL;
    }
  return TRUE;
}

static void
take_key (BbStore      *self,
          const guint8 *key,
          gint64        from)
{
  bb_store_audit_key_forget (self);
  self->audit_key_from = from;
  if (key == NULL)
    return;
  self->audit_key = sodium_malloc (BB_AUDIT_KEY_LEN);
  if (self->audit_key != NULL)
    memcpy (self->audit_key, key, BB_AUDIT_KEY_LEN);
}

void
bb_store_audit_key_forget (BbStore *self)
{
  if (self->audit_key != NULL)
    sodium_free (self->audit_key);
  self->audit_key = NULL;
  self->audit_key_from = 0;
}

void
bb_store_audit_key_load (BbStore *self)
{
  KeyRecord record;
  gboolean valid;

  bb_store_audit_key_forget (self);
  if (self->schema_version < 8 || !read_record (self, &record, &valid))
    return;
  /* A record that does not parse keys everything: no seal checks until
   * the passphrase is given, and then the record is told as changed. */
  take_key (self, valid && record.key != NULL ? g_bytes_get_data (record.key, NULL) : NULL,
            valid ? record.from : 1);
  key_record_clear (&record);
}

static void
tell_tampered (BbStore    *self,
               const char *message)
{
  g_clear_error (&self->tampering);
  self->tampering = g_error_new_literal (BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED, message);
}

/* Writes the record for @key from @from, wrapped with @passphrase (NULL:
 * in the clear), inside the writer's transaction. */
static gboolean
write_record (BbStore      *self,
              const guint8 *key,
              gint64        from,
              const char   *passphrase,
              GError      **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (passphrase != NULL)
    {
      guint8 salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
      guint8 plain[BB_AUDIT_KEY_LEN + 8], box[sizeof plain + crypto_secretbox_MACBYTES];
      guint8 *kek = sodium_malloc (crypto_secretbox_KEYBYTES);

      randombytes_buf (salt, sizeof salt);
      randombytes_buf (nonce, sizeof nonce);
      if (kek == NULL
          || !bb_store_kdf (passphrase, salt, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            kek, crypto_secretbox_KEYBYTES))
        {
          if (kek != NULL)
            sodium_free (kek);
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                               _("The passphrase could not be set: the encryption library ran out of memory"));
          return FALSE;
        }
      memcpy (plain, key, BB_AUDIT_KEY_LEN);
      for (int i = 0; i < 8; i++)
        plain[BB_AUDIT_KEY_LEN + i] = (guint8) ((guint64) from >> (56 - 8 * i));
      crypto_secretbox_easy (box, plain, sizeof plain, nonce, kek);
      sodium_memzero (plain, sizeof plain);
      sodium_free (kek);
      g_string_append_printf (value, "wrapped:%lld:", (long long) from);
      append_hex (value, salt, sizeof salt);
      g_string_append_c (value, ':');
      append_hex (value, nonce, sizeof nonce);
      g_string_append_c (value, ':');
      append_hex (value, box, sizeof box);
    }
  else
    {
      g_string_append_printf (value, "clear:%lld:", (long long) from);
      append_hex (value, key, BB_AUDIT_KEY_LEN);
    }

  stmt = bb_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('" RECORD_KEY "', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value->str, (int) value->len, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Keeping the audit log’s key"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_audit_key_wrap (BbStore     *self,
                         const char  *passphrase,
                         GError     **error)
{
  guint8 fresh[BB_AUDIT_KEY_LEN];

  g_assert (self->in_transaction);
  if (self->schema_version < 8)
    return TRUE;
  if (self->audit_key == NULL)
    {
      /* Nothing to key when the passphrase goes and there never was one. */
      if (passphrase == NULL)
        return TRUE;
      /* Keyed from the first line this transaction adds: the one that
       * records the passphrase. */
      randombytes_buf (fresh, sizeof fresh);
      take_key (self, fresh, self->audit_mark + 1);
      sodium_memzero (fresh, sizeof fresh);
      if (self->audit_key == NULL)
        {
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                               _("The passphrase could not be set: the encryption library ran out of memory"));
          return FALSE;
        }
    }
  return write_record (self, self->audit_key, self->audit_key_from, passphrase, error);
}

/* A station that had a passphrase before its chain was keyed: keyed now,
 * from the line that says so. */
static gboolean
key_from_now (BbStore     *self,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!bb_store_begin (self, error))
    return FALSE;
  if (!bb_store_audit_key_wrap (self, passphrase, error))
    goto fail;
  stmt = bb_store_prepare (self, "INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)"
                                 " VALUES (bb_now_us (), bb_audit_user (), 'update', 'meta', '" RECORD_KEY "',"
                                 " 'the audit log is sealed with the passphrase from here on')", error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Sealing the audit log with the passphrase"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (bb_store_commit (self, error))
    return TRUE;
  bb_store_audit_key_forget (self);
  return FALSE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bb_store_rollback (self);
  bb_store_audit_key_forget (self);
  return FALSE;
}

gboolean
bb_store_audit_key_unlock (BbStore     *self,
                           const char  *passphrase,
                           GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autoptr(GError) found = NULL;
  KeyRecord record;
  gboolean valid;

  if (self->schema_version < 8)
    return TRUE;
  if (!read_record (self, &record, &valid))
    return key_from_now (self, passphrase, error);
  if (valid && record.wrapped && self->audit_key != NULL)
    {
      /* Unlocked already. */
      key_record_clear (&record);
      return TRUE;
    }
  /* A key in the clear beside a passphrase was never written by
   * Beatbook: it is forgotten, and the keyed lines do not check. */
  bb_store_audit_key_forget (self);

  if (valid && record.wrapped)
    {
      guint8 plain[BB_AUDIT_KEY_LEN + 8];
      guint8 *kek = sodium_malloc (crypto_secretbox_KEYBYTES);
      gint64 from = 0;
      gboolean opened;

      if (kek == NULL
          || !bb_store_kdf (passphrase, g_bytes_get_data (record.salt, NULL), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, kek, crypto_secretbox_KEYBYTES))
        {
          if (kek != NULL)
            sodium_free (kek);
          key_record_clear (&record);
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                               _("The encryption library ran out of memory"));
          return FALSE;
        }
      opened = crypto_secretbox_open_easy (plain, g_bytes_get_data (record.box, NULL),
                                           g_bytes_get_size (record.box), g_bytes_get_data (record.nonce, NULL),
                                           kek) == 0;
      sodium_free (kek);
      for (int i = 0; opened && i < 8; i++)
        from = (gint64) ((guint64) from << 8 | plain[BB_AUDIT_KEY_LEN + i]);
      if (opened && from == record.from)
        take_key (self, plain, from);
      sodium_memzero (plain, sizeof plain);
    }
  key_record_clear (&record);

  /* The passphrase is right (its verifier said so), so a key that does
   * not open, or a line K moved, was changed outside Beatbook. */
  if (self->audit_key == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The audit log of “%s” was changed outside Beatbook: the key that seals it does not "
                           "match the passphrase."), display);

      tell_tampered (self, message);
      /* Keyed from the first line, with no key: nothing can be sealed. */
      self->audit_key_from = 1;
      return TRUE;
    }
  if (!bb_audit_chain_check_db (self->db, display, self->audit_key, self->audit_key_from, NULL, &found)
      && g_error_matches (found, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED))
    tell_tampered (self, found->message);
  return TRUE;
}
