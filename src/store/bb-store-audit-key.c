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
 *   wrapped:K:NONCE:BOX         crypto_secretbox (XSalsa20-Poly1305) of
 *                               the key and K (8 bytes, big endian) under
 *                               the key the passphrase's verifier derives
 *                               with it (bb-store-passphrase.c): one
 *                               Argon2id checks the passphrase and opens
 *                               the box
 *   wrapped:K:SALT:NONCE:BOX    the same under Argon2id (SALT) of its own,
 *                               as written beside a verifier of the older
 *                               kind (still read)
 *   clear:K:KEY                 after the passphrase was removed: lines
 *                               from K stay checkable, by anyone
 *
 * (hexadecimal).  K is inside the box, so moving it is seen once the
 * passphrase is given.  Changing the passphrase wraps the same key again:
 * no line is sealed again.
 *
 * The verifier and the record go together, and the chain says whether
 * they should be there: a verifier with no record, a wrapped record with
 * no verifier, or neither while the log's last word on the passphrase is
 * that it was set, are what deleting them outside Beatbook leaves, and
 * are told as tampering (bb_store_audit_key_check_records). */

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

gboolean
bb_store_hex_decode (const char *hex,
                     guint8     *out,
                     gsize       len)
{
  if (strlen (hex) != len * 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

void
bb_store_hex_append (GString      *out,
                     const guint8 *bytes,
                     gsize         len)
{
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", bytes[i]);
}

static GBytes *
from_hex (const char *hex,
          gsize       expected)
{
  guint8 *bytes = g_malloc (expected);

  if (!bb_store_hex_decode (hex, bytes, expected))
    {
      g_free (bytes);
      return NULL;
    }
  return g_bytes_new_take (bytes, expected);
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
  if ((n == 4 || n == 5) && g_str_equal (parts[0], "wrapped"))
    {
      record->wrapped = TRUE;
      /* Five parts: a salt of its own (a verifier of the older kind). */
      if (n == 5)
        record->salt = from_hex (parts[2], crypto_pwhash_SALTBYTES);
      record->nonce = from_hex (parts[n - 2], crypto_secretbox_NONCEBYTES);
      record->box = from_hex (parts[n - 1], BB_AUDIT_KEY_LEN + 8 + crypto_secretbox_MACBYTES);
      *valid = (n == 4 || record->salt != NULL) && record->nonce != NULL && record->box != NULL;
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

static void
tell_tampered (BbStore    *self,
               const char *message)
{
  g_clear_error (&self->tampering);
  self->tampering = g_error_new_literal (BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED, message);
}

static gboolean
has_verifier (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, "SELECT 1 FROM meta WHERE key = 'passphrase'", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/* Whether the log's last line about the passphrase says it was set or
 * changed (not removed); audit_log_by_row finds it without a walk. */
static gboolean
log_says_passphrase (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bb_store_prepare (self, "SELECT detail FROM audit_log WHERE table_name = 'meta' AND row_id = 'passphrase'"
                                 " ORDER BY seq DESC LIMIT 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "removed") != 0;
}

gboolean
bb_store_audit_key_check_records (BbStore     *self,
                                  GError     **error)
{
  g_autofree char *display = NULL;
  KeyRecord record;
  gboolean valid, has_record, verifier, wrapped;

  if (self->schema_version < 8)
    return TRUE;
  has_record = read_record (self, &record, &valid);
  wrapped = has_record && (!valid || record.wrapped);
  key_record_clear (&record);
  verifier = has_verifier (self);
  display = g_filename_display_name (self->path);
  if (verifier && !has_record)
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED,
                 _("The audit log of “%s” was changed outside Beatbook: the key that seals it was deleted."),
                 display);
  else if (!verifier && wrapped)
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED,
                 _("The passphrase of “%s” was deleted outside Beatbook: its audit log is still sealed with it."),
                 display);
  else if (!verifier && log_says_passphrase (self))
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED,
                 _("The passphrase of “%s” was deleted outside Beatbook: its audit log says that it has one."),
                 display);
  else
    return TRUE;
  return FALSE;
}

void
bb_store_audit_key_load (BbStore *self)
{
  g_autoptr(GError) found = NULL;
  KeyRecord record;
  gboolean valid;

  bb_store_audit_key_forget (self);
  if (self->schema_version < 8)
    return;
  if (!bb_store_audit_key_check_records (self, &found))
    tell_tampered (self, found->message);
  if (!read_record (self, &record, &valid))
    return;
  /* A record that does not parse keys everything: no seal checks until
   * the passphrase is given, and then the record is told as changed. */
  take_key (self, valid && record.key != NULL ? g_bytes_get_data (record.key, NULL) : NULL,
            valid ? record.from : 1);
  key_record_clear (&record);
}

/* Writes the record for @key from @from, wrapped with @kek (NULL: in the
 * clear), inside the writer's transaction. */
static gboolean
write_record (BbStore           *self,
              const guint8      *key,
              gint64             from,
              const BbSecretKey *kek,
              GError           **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (kek != NULL)
    {
      guint8 nonce[crypto_secretbox_NONCEBYTES];
      guint8 plain[BB_AUDIT_KEY_LEN + 8], box[sizeof plain + crypto_secretbox_MACBYTES];

      G_STATIC_ASSERT (BB_SECRET_KEY_LEN == crypto_secretbox_KEYBYTES);
      randombytes_buf (nonce, sizeof nonce);
      memcpy (plain, key, BB_AUDIT_KEY_LEN);
      for (int i = 0; i < 8; i++)
        plain[BB_AUDIT_KEY_LEN + i] = (guint8) ((guint64) from >> (56 - 8 * i));
      crypto_secretbox_easy (box, plain, sizeof plain, nonce, kek);
      sodium_memzero (plain, sizeof plain);
      g_string_append_printf (value, "wrapped:%lld:", (long long) from);
      bb_store_hex_append (value, nonce, sizeof nonce);
      g_string_append_c (value, ':');
      bb_store_hex_append (value, box, sizeof box);
    }
  else
    {
      g_string_append_printf (value, "clear:%lld:", (long long) from);
      bb_store_hex_append (value, key, BB_AUDIT_KEY_LEN);
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
bb_store_audit_key_wrap (BbStore            *self,
                         const BbSecretKey  *kek,
                         GError            **error)
{
  guint8 fresh[BB_AUDIT_KEY_LEN];

  g_assert (self->in_transaction);
  if (self->schema_version < 8)
    return TRUE;
  if (self->audit_key == NULL)
    {
      /* Nothing to key when the passphrase goes and there never was one. */
      if (kek == NULL)
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
  return write_record (self, self->audit_key, self->audit_key_from, kek, error);
}

gboolean
bb_store_audit_key_unlock (BbStore            *self,
                           const char         *passphrase,
                           const BbSecretKey  *kek,
                           GError            **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autoptr(GError) found = NULL;
  g_autoptr(BbSecretKey) own_kek = NULL;
  KeyRecord record;
  gboolean valid;

  if (self->schema_version < 8)
    return TRUE;
  if (!bb_store_audit_key_check_records (self, &found))
    {
      /* A verifier with no key (told as it opened): the chain stays
       * unkeyed, and what it says is told again. */
      tell_tampered (self, found->message);
      return TRUE;
    }
  if (!read_record (self, &record, &valid))
    return TRUE;
  if (valid && record.wrapped && self->audit_key != NULL)
    {
      /* Unlocked already. */
      key_record_clear (&record);
      return TRUE;
    }
  /* A key in the clear beside a passphrase was never written by
   * Beatbook: it is forgotten, and the keyed lines do not check. */
  bb_store_audit_key_forget (self);

  /* A record with a salt of its own was written beside a verifier of the
   * older kind: its key comes from a derivation of its own. */
  if (valid && record.wrapped && record.salt != NULL)
    {
      own_kek = bb_secret_key_new ();
      if (own_kek == NULL
          || !bb_store_kdf (passphrase, g_bytes_get_data (record.salt, NULL), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, own_kek, BB_SECRET_KEY_LEN))
        {
          key_record_clear (&record);
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                               _("The encryption library ran out of memory"));
          return FALSE;
        }
      kek = own_kek;
    }
  if (valid && record.wrapped && kek != NULL)
    {
      guint8 plain[BB_AUDIT_KEY_LEN + 8];
      gint64 from = 0;
      gboolean opened;

      opened = crypto_secretbox_open_easy (plain, g_bytes_get_data (record.box, NULL),
                                           g_bytes_get_size (record.box), g_bytes_get_data (record.nonce, NULL),
                                           kek) == 0;
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
