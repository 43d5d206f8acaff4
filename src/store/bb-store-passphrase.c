/* bb-store-passphrase.c: the station's optional passphrase: its verifier (Argon2id), unlocking, setting and removing it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "bb-store-private.h"

/* The station keeps a verifier of its passphrase in meta under
 * "passphrase", never the passphrase:
 *
 *   argon2id:OPS:MEM:SALT:CHECK   one Argon2id derivation (SALT, limits
 *                                 OPS and MEM) of 64 bytes: the first 32
 *                                 are the key that wraps the audit log's
 *                                 key (bb-store-audit-key.c), CHECK is
 *                                 BLAKE2b of the other 32 (hexadecimal)
 *   $argon2id$…                   crypto_pwhash_str's string, written
 *                                 before the wrapping key came from the
 *                                 same derivation: checked alone, the
 *                                 audit key then has a salt of its own
 *
 * so that opening a station stretches the passphrase once, not twice.
 * The station file itself is not encrypted: the passphrase keeps the
 * window closed to whoever does not know it and encrypts the bundles the
 * station writes; full-disk encryption protects the file at rest. */

#define VERIFIER_PREFIX "argon2id:"
#define CHECK_LEN 32

void
bb_secret_key_free (BbSecretKey *key)
{
  if (key != NULL)
    sodium_free (key);
}

BbSecretKey *
bb_secret_key_new (void)
{
  return sodium_malloc (BB_SECRET_KEY_LEN);
}

/* The wrapping key and the check of @passphrase: one Argon2id. */
static gboolean
derive (const char   *passphrase,
        const guint8 *salt,
        guint64       opslimit,
        guint64       memlimit,
        BbSecretKey  *kek,
        guint8        check[CHECK_LEN])
{
  guint8 *derived = sodium_malloc (2 * BB_SECRET_KEY_LEN);
  gboolean ok;

  if (derived == NULL)
    return FALSE;
  ok = bb_store_kdf (passphrase, salt, opslimit, memlimit, derived, 2 * BB_SECRET_KEY_LEN);
  if (ok)
    {
      memcpy (kek, derived, BB_SECRET_KEY_LEN);
      crypto_generichash (check, CHECK_LEN, derived + BB_SECRET_KEY_LEN, BB_SECRET_KEY_LEN, NULL, 0);
    }
  sodium_free (derived);
  return ok;
}

/* A verifier of the argon2id: kind, its limits kept within libsodium's
 * (the file is not trusted to ask for gigabytes). */
static gboolean
parse_verifier (const char *verifier,
                guint64    *opslimit,
                guint64    *memlimit,
                guint8      salt[crypto_pwhash_SALTBYTES],
                guint8      check[CHECK_LEN])
{
  g_auto(GStrv) parts = g_strsplit (verifier + strlen (VERIFIER_PREFIX), ":", 0);

  return g_strv_length (parts) == 4
         && g_ascii_string_to_unsigned (parts[0], 10, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_OPSLIMIT_SENSITIVE,
                                        opslimit, NULL)
         && g_ascii_string_to_unsigned (parts[1], 10, crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_MEMLIMIT_SENSITIVE,
                                        memlimit, NULL)
         && bb_store_hex_decode (parts[2], salt, crypto_pwhash_SALTBYTES)
         && bb_store_hex_decode (parts[3], check, CHECK_LEN);
}

static char *
dup_verifier (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bb_store_prepare (self, "SELECT value FROM meta WHERE key = 'passphrase'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
bb_store_has_passphrase (BbStore *self)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autofree char *verifier = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  verifier = dup_verifier (self);
  return verifier != NULL;
}

static void
forget (BbStore *self)
{
  if (self->passphrase != NULL)
    {
      sodium_free (self->passphrase);
      self->passphrase = NULL;
    }
}

static void
remember (BbStore    *self,
          const char *passphrase)
{
  gsize length = strlen (passphrase) + 1;

  forget (self);
  /* Kept in guarded memory for as long as the station is open, to
   * encrypt its bundles. */
  self->passphrase = sodium_malloc (length);
  if (self->passphrase != NULL)
    memcpy (self->passphrase, passphrase, length);
}

void
bb_store_passphrase_clear (BbStore *self)
{
  forget (self);
}

static void
set_out_of_memory (GError **error)
{
  g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("The encryption library ran out of memory"));
}

/* Checks @passphrase against @verifier.  For a verifier of the argon2id:
 * kind, *@kek is the key the same derivation gives for the audit log's
 * key; for an older one it is NULL (that key has a salt of its own). */
static gboolean
verify (const char    *verifier,
        const char    *passphrase,
        BbSecretKey  **kek,
        GError       **error)
{
  g_autoptr(BbSecretKey) derived = NULL;
  gboolean right = FALSE;

  *kek = NULL;
  if (passphrase != NULL && g_str_has_prefix (verifier, VERIFIER_PREFIX))
    {
      guint8 salt[crypto_pwhash_SALTBYTES], check[CHECK_LEN], computed[CHECK_LEN];
      guint64 opslimit, memlimit;

      if (parse_verifier (verifier, &opslimit, &memlimit, salt, check))
        {
          derived = bb_secret_key_new ();
          if (derived == NULL || !derive (passphrase, salt, opslimit, memlimit, derived, computed))
            {
              set_out_of_memory (error);
              return FALSE;
            }
          right = sodium_memcmp (computed, check, CHECK_LEN) == 0;
        }
    }
  else if (passphrase != NULL)
    right = crypto_pwhash_str_verify (verifier, passphrase, strlen (passphrase)) == 0;
  if (!right)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE,
                           _("That is not the station’s passphrase"));
      return FALSE;
    }
  *kek = g_steal_pointer (&derived);
  return TRUE;
}

gboolean
bb_store_check_passphrase (BbStore     *self,
                           const char  *passphrase,
                           GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autofree char *verifier = NULL;
  g_autoptr(BbSecretKey) kek = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("The encryption library failed"));
      return FALSE;
    }
  verifier = dup_verifier (self);
  if (verifier == NULL)
    return TRUE;
  if (!verify (verifier, passphrase, &kek, error))
    return FALSE;
  /* The audit log's key: unwrapped with what the check derived, and the
   * keyed lines checked. */
  if (!bb_store_audit_key_unlock (self, passphrase, kek, error))
    return FALSE;
  remember (self, passphrase);
  return TRUE;
}

static void
passphrase_free (gpointer data)
{
  sodium_free (data);
}

static void
check_passphrase_thread (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;

  if (bb_store_check_passphrase (source, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bb_store_check_passphrase_async (BbStore             *self,
                                 const char          *passphrase,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gsize length = strlen (passphrase != NULL ? passphrase : "") + 1;
  char *copy;

  g_return_if_fail (BB_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_check_passphrase_async);
  /* Argon2id takes a good part of a second and 64 MiB: never on the
   * main thread.  The copy lives in guarded memory until the check ends. */
  copy = sodium_malloc (length);
  if (copy == NULL)
    {
      g_task_return_new_error (task, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, "%s",
                               _("The encryption library ran out of memory"));
      return;
    }
  memcpy (copy, passphrase != NULL ? passphrase : "", length);
  g_task_set_task_data (task, copy, passphrase_free);
  g_task_run_in_thread (task, check_passphrase_thread);
}

gboolean
bb_store_check_passphrase_finish (BbStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
bb_store_get_unlocked_passphrase (BbStore *self)
{
  return self->passphrase;
}

gboolean
bb_store_set_passphrase (BbStore     *self,
                         const char  *current,
                         const char  *passphrase,
                         GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autofree char *verifier = NULL;
  g_autofree char *hashed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BbSecretKey) current_kek = NULL;
  g_autoptr(BbSecretKey) kek = NULL;
  const char *detail;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("The encryption library failed"));
      return FALSE;
    }
  verifier = dup_verifier (self);
  if (verifier != NULL && !verify (verifier, current, &current_kek, error))
    return FALSE;
  /* The audit log's key, wrapped again below, needs the current one. */
  if (verifier != NULL && !bb_store_audit_key_unlock (self, current, current_kek, error))
    return FALSE;
  if (passphrase != NULL && g_utf8_strlen (passphrase, -1) < 8)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("A passphrase needs at least 8 characters; a few words are best"));
      return FALSE;
    }
  if (passphrase != NULL)
    {
      guint8 salt[crypto_pwhash_SALTBYTES], check[CHECK_LEN];
      g_autoptr(GString) value = g_string_new (VERIFIER_PREFIX);

      randombytes_buf (salt, sizeof salt);
      kek = bb_secret_key_new ();
      if (kek == NULL
          || !derive (passphrase, salt, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE, kek,
                      check))
        {
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                               _("The passphrase could not be set: the encryption library ran out of memory"));
          return FALSE;
        }
      g_string_append_printf (value, "%llu:%llu:", (unsigned long long) crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              (unsigned long long) crypto_pwhash_MEMLIMIT_INTERACTIVE);
      bb_store_hex_append (value, salt, sizeof salt);
      g_string_append_c (value, ':');
      bb_store_hex_append (value, check, sizeof check);
      hashed = g_string_free (g_steal_pointer (&value), FALSE);
    }

  if (!bb_store_begin (self, error))
    return FALSE;
  stmt = bb_store_prepare (self, passphrase != NULL
                                 ? "INSERT OR REPLACE INTO meta (key, value) VALUES ('passphrase', ?1)"
                                 : "DELETE FROM meta WHERE key = 'passphrase'", error);
  if (stmt == NULL)
    goto fail;
  if (passphrase != NULL)
    sqlite3_bind_text (stmt, 1, hashed, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Setting the passphrase"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!bb_store_audit_key_wrap (self, kek, error))
    goto fail;
  detail = passphrase == NULL ? "removed" : verifier != NULL ? "changed" : "set";
  stmt = bb_store_prepare (self, "INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)"
                                 " VALUES (bb_now_us (), bb_audit_user (), 'update', 'meta', 'passphrase', ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, detail, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Setting the passphrase"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!bb_store_commit (self, error))
    goto fail;
  if (passphrase != NULL)
    remember (self, passphrase);
  else
    forget (self);
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bb_store_rollback (self);
  /* The key as the file keeps it, unlocked again where it was. */
  bb_store_audit_key_load (self);
  if (verifier != NULL)
    bb_store_audit_key_unlock (self, current, current_kek, NULL);
  return FALSE;
}
