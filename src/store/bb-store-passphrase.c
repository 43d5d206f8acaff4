/* bb-store-passphrase.c: the station's optional passphrase: its verifier (Argon2id), unlocking, setting and removing it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "bb-store-private.h"

/* The station keeps crypto_pwhash_str's string (Argon2id, its salt and
 * limits) in meta under "passphrase", never the passphrase.  The station
 * file itself is not encrypted: the passphrase keeps the window closed to
 * whoever does not know it and encrypts the bundles the station writes;
 * full-disk encryption protects the file at rest. */

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

static gboolean
verify (BbStore     *self,
        const char  *verifier,
        const char  *passphrase,
        GError     **error)
{
  if (passphrase == NULL || crypto_pwhash_str_verify (verifier, passphrase, strlen (passphrase)) != 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE,
                           _("That is not the station’s passphrase"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_check_passphrase (BbStore     *self,
                           const char  *passphrase,
                           GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autofree char *verifier = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("The encryption library failed"));
      return FALSE;
    }
  verifier = dup_verifier (self);
  if (verifier == NULL)
    return TRUE;
  if (!verify (self, verifier, passphrase, error))
    return FALSE;
  /* The audit log's key: unwrapped, and the keyed lines checked. */
  if (!bb_store_audit_key_unlock (self, passphrase, error))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char hashed[crypto_pwhash_STRBYTES];
  const char *detail;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED, _("The encryption library failed"));
      return FALSE;
    }
  verifier = dup_verifier (self);
  if (verifier != NULL && !verify (self, verifier, current, error))
    return FALSE;
  /* The audit log's key, wrapped again below, needs the current one. */
  if (verifier != NULL && !bb_store_audit_key_unlock (self, current, error))
    return FALSE;
  if (passphrase != NULL && g_utf8_strlen (passphrase, -1) < 8)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("A passphrase needs at least 8 characters; a few words are best"));
      return FALSE;
    }
  if (passphrase != NULL
      && crypto_pwhash_str (hashed, passphrase, strlen (passphrase), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                           _("The passphrase could not be set: the encryption library ran out of memory"));
      return FALSE;
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
  if (!bb_store_audit_key_wrap (self, passphrase, error))
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
  sodium_memzero (hashed, sizeof hashed);
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
    bb_store_audit_key_unlock (self, current, NULL);
  return FALSE;
}
