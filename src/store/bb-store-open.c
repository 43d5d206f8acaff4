/* bb-store-open.c: opening a station file, or writing a new one: its schema brought up to date, its defaults */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-default-categories.h"
#include "bb-safe-file.h"
#include "bb-store-private.h"
#include "bb-store-resources.h"

/* The migrations, in order; the schema version is how many have run. */
static const char * const migrations[] = {
  "0001-initial.sql",
  "0002-audit.sql",
  "0003-import-memory.sql",
  "0004-exchange.sql",
  "0005-surveys.sql",
  "0006-response-owner.sql",
  "0007-exchange-surveys.sql",
  "0008-audit-chain.sql",
  "0009-questionnaire-versions.sql",
  "0010-check-lists.sql",
  "0011-search-terms.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BB_STORE_SCHEMA_VERSION);

/* Opening ------------------------------------------------------------- */

static BbStore *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  g_autoptr(BbStore) self = g_object_new (BB_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  bb_store_setup_connection (self, self->db);
  bb_store_watch_changes (self);

  self->worker = g_thread_pool_new_full ((GFunc) bb_store_worker_run, self, NULL, 1, FALSE, NULL);
  self->read_worker = g_thread_pool_new_full ((GFunc) bb_store_worker_run, self, NULL, 2, FALSE, NULL);
  g_thread_pool_set_sort_function (self->read_worker, bb_store_read_job_compare, NULL);
  self->urgent_worker = g_thread_pool_new_full ((GFunc) bb_store_worker_run, self, NULL, 1, FALSE, NULL);
  g_thread_pool_set_sort_function (self->urgent_worker, bb_store_read_job_compare, NULL);
  return g_steal_pointer (&self);
}

static gboolean
configure (BbStore  *self,
           GError  **error)
{
  return bb_store_exec (self,
               "PRAGMA foreign_keys = ON;"
               "PRAGMA journal_mode = WAL;"
               "PRAGMA synchronous = NORMAL;",
               _("Preparing the station file"), error);
}

static gboolean
apply_migrations (BbStore  *self,
                  int       from_version,
                  int       to_version,
                  GError  **error)
{
  g_autofree char *set_version = NULL;

  g_assert (self->in_transaction);

  for (int v = from_version + 1; v <= to_version; v++)
    {
      g_autofree char *resource_path = g_strconcat ("/org/beatbook/store/migrations/", migrations[v - 1], NULL);
      g_autoptr(GBytes) sql = NULL;

      /* Looked up in the store's own resource so that the static library's
       * resource object is always linked in. */
      sql = g_resource_lookup_data (bb_store_get_resource (), resource_path,
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL)
        return FALSE;
      if (!bb_store_exec (self, g_bytes_get_data (sql, NULL), _("Updating the station file"), error))
        return FALSE;
      /* 0008 added the chain: every line there is gets sealed as this
       * transaction commits. */
      if (v == 8)
        self->audit_mark = 0;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", to_version);
  if (!bb_store_exec (self, set_version, _("Updating the station file"), error))
    return FALSE;
  self->schema_version = to_version;
  return TRUE;
}

static gboolean
insert_defaults (BbStore  *self,
                 GError  **error)
{
  static const struct { const char *code; const char *name; } event_kinds[] = {
    { "advisory_meeting", N_("Advisory group meeting") },
    { "community_meeting", N_("Community meeting") },
    { "open_day", N_("Open day") },
    { "school_visit", N_("School visit") },
    { "press_briefing", N_("Press briefing") },
    { "training", N_("Training") },
    { "campaign", N_("Campaign") },
    { "other", N_("Other") },
  };
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const BbDefaultCategory *categories;
  gsize n_categories;

  stmt = bb_store_prepare (self, "INSERT OR IGNORE INTO event_kind (code, name, sort_order) VALUES (?1, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, event_kinds[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _(event_kinds[i].name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Creating the kinds of events"));
          return FALSE;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  categories = bb_default_categories (&n_categories);
  stmt = bb_store_prepare (self,
                           "INSERT INTO category (id, station_id, parent_id, code, name, kind, colour,"
                           " sort_order, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < n_categories; i++)
    {
      const BbDefaultCategory *c = &categories[i];
      char *id = bb_store_new_uuid ();

      g_hash_table_insert (ids, (gpointer) c->code, id);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->station_id, -1, SQLITE_STATIC);
      if (c->parent_code != NULL)
        sqlite3_bind_text (stmt, 3, g_hash_table_lookup (ids, c->parent_code), -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, c->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, _(c->name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, c->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, c->colour, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, (int) i);
      sqlite3_bind_int64 (stmt, 9, bb_store_now_us ());
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Creating the categories"));
          return FALSE;
        }
    }
  return TRUE;
}

static void
remove_station_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static gboolean
fill_new_station (BbStore     *self,
                  const char  *station_name,
                  int          schema_version,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!bb_store_begin (self, error))
    return FALSE;
  if (!apply_migrations (self, 0, schema_version, error))
    goto fail;

  self->station_id = bb_store_new_uuid ();
  stmt = bb_store_prepare (self, "INSERT INTO station (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, station_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, bb_store_now_us ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Creating the station"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bb_store_prepare (self, "INSERT INTO meta (key, value) VALUES ('local_station_id', ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Creating the station"));
      goto fail;
    }

  if (!insert_defaults (self, error))
    goto fail;
  if (!bb_store_exec (self, "PRAGMA application_id = " G_STRINGIFY (BB_STORE_APPLICATION_ID),
             _("Creating the station"), error))
    goto fail;
  return bb_store_commit (self, error);

fail:
  bb_store_rollback (self);
  return FALSE;
}

BbStore *
bb_store_create_at_version (const char  *path,
                            const char  *station_name,
                            int          schema_version,
                            GError     **error)
{
  g_autoptr(BbStore) self = NULL;
  g_autofree char *display = NULL;
  g_autofree char *trimmed = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (station_name != NULL, NULL);
  g_return_val_if_fail (schema_version >= 1 && schema_version <= BB_STORE_SCHEMA_VERSION, NULL);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another name for the new station"), display);
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (station_name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The station needs a name"));
      return NULL;
    }

  /* The station holds data about victims and minors: only its user may
   * read it.  SQLite gives the -wal and -shm files the same mode. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, BB_SAFE_FILE_MODE);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BB_STORE_ERROR, saved_errno == EEXIST ? BB_STORE_ERROR_EXISTS : BB_STORE_ERROR_FAILED,
                   _("Could not create “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  self = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self == NULL)
    {
      remove_station_files (path);
      return NULL;
    }
  if (!configure (self, error) || !fill_new_station (self, station_name, schema_version, error))
    {
      /* Leave nothing half made behind. */
      g_clear_pointer (&self->db, sqlite3_close_v2);
      remove_station_files (path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

BbStore *
bb_store_create (const char  *path,
                 const char  *station_name,
                 GError     **error)
{
  return bb_store_create_at_version (path, station_name, BB_STORE_SCHEMA_VERSION, error);
}

BbStore *
bb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(BbStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *display = NULL;
  gboolean deferred_check = FALSE;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   _("There is no station file at “%s”"), display);
      return NULL;
    }

  /* Everything that could refuse the file happens before the first write
   * (even switching to WAL changes the file). */
  version = bb_store_probe_file (path, &deferred_check, error);
  if (version == 0)
    return NULL;

  self = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL || !configure (self, error))
    return NULL;
  self->schema_version = version;

  stmt = bb_store_prepare (self, "SELECT value FROM meta WHERE key = 'local_station_id'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                   _("“%s” is not a Beatbook station: it does not say which station it belongs to"), display);
      return NULL;
    }
  self->station_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (version < BB_STORE_SCHEMA_VERSION)
    {
      g_autoptr(GError) local_error = NULL;

      if (!bb_store_begin (self, &local_error)
          || !apply_migrations (self, version, BB_STORE_SCHEMA_VERSION, &local_error)
          || !bb_store_commit (self, &local_error))
        {
          bb_store_rollback (self);
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                       _("“%s” was saved by an older version of Beatbook and could not be brought up to "
                         "date; the file was not changed. %s"), display, local_error->message);
          return NULL;
        }
    }
  /* The audit log's chain is walked as a small station opens, like its
   * pages; a large station has both checked on a thread while it is in
   * use.  A broken chain is told, never refused.  A keyed chain's keyed
   * lines are checked once the passphrase is given. */
  bb_store_audit_key_load (self);
  if (deferred_check)
    bb_store_check_start (self, TRUE);
  else if (self->schema_version >= 8)
    {
      g_autoptr(GError) found = NULL;

      /* What the key's records told (bb_store_audit_key_load) comes first. */
      if (!bb_audit_chain_check_db (self->db, display, self->audit_key, self->audit_key_from, NULL, &found)
          && g_error_matches (found, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED) && self->tampering == NULL)
        self->tampering = g_steal_pointer (&found);
    }
  return g_steal_pointer (&self);
}
