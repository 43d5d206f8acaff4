/* bb-store.c: the station database, one SQLite file per station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-private.h"
#include "bb-store-resources.h"

struct _BbStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  char    *station_id;
  int      schema_version;
};

G_DEFINE_TYPE (BbStore, bb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (bb-store-error-quark, bb_store_error)

static void
bb_store_finalize (GObject *object)
{
  BbStore *self = BB_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->station_id, g_free);

  G_OBJECT_CLASS (bb_store_parent_class)->finalize (object);
}

static void
bb_store_class_init (BbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_store_finalize;
}

static void
bb_store_init (BbStore *self)
{
}

gint64
bb_store_now_us (void)
{
  return g_get_real_time ();
}

char *
bb_store_new_uuid (void)
{
  return g_uuid_string_random ();
}

sqlite3 *
bb_store_get_db (BbStore *self)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->db;
}

const char *
bb_store_get_path (BbStore *self)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->path;
}

const char *
bb_store_get_station_id (BbStore *self)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->station_id;
}

int
bb_store_get_schema_version (BbStore *self)
{
  g_return_val_if_fail (BB_IS_STORE (self), 0);
  return self->schema_version;
}

void
bb_store_set_error_from_db (BbStore    *self,
                            GError    **error,
                            const char *what)
{
  int code = sqlite3_extended_errcode (self->db);
  BbStoreError domain_code = BB_STORE_ERROR_FAILED;

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    domain_code = BB_STORE_ERROR_CONSTRAINT;
  else if ((code & 0xff) == SQLITE_CORRUPT)
    domain_code = BB_STORE_ERROR_CORRUPT;
  else if ((code & 0xff) == SQLITE_NOTADB)
    domain_code = BB_STORE_ERROR_NOT_A_STATION;

  g_set_error (error, BB_STORE_ERROR, domain_code,
               /* Translators: %s is what failed, then the database's message */
               _("%s failed: %s"), what, sqlite3_errmsg (self->db));
}

static gboolean
exec (BbStore     *self,
      const char  *sql,
      const char  *what,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_begin (BbStore  *self,
                GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", _("Starting a change"), error);
}

gboolean
bb_store_commit (BbStore  *self,
                 GError  **error)
{
  if (!exec (self, "COMMIT", _("Saving the change"), error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
bb_store_rollback (BbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

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
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  return g_steal_pointer (&self);
}

static gboolean
configure (BbStore  *self,
           GError  **error)
{
  return exec (self,
               "PRAGMA foreign_keys = ON;"
               "PRAGMA journal_mode = WAL;"
               "PRAGMA synchronous = NORMAL;",
               _("Preparing the station file"), error);
}

static gboolean
apply_initial_schema (BbStore  *self,
                      GError  **error)
{
  g_autoptr(GBytes) sql = NULL;

  /* Looked up in the store's own resource so that the static library's
   * resource object is always linked in. */
  sql = g_resource_lookup_data (bb_store_get_resource (),
                                "/org/beatbook/store/migrations/0001-initial.sql",
                                G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (sql == NULL)
    return FALSE;
  if (!exec (self, g_bytes_get_data (sql, NULL), _("Creating the station tables"), error))
    return FALSE;
  self->schema_version = 1;
  return exec (self, "PRAGMA user_version = 1", _("Creating the station tables"), error);
}

BbStore *
bb_store_create (const char  *path,
                 const char  *station_name,
                 GError     **error)
{
  g_autoptr(BbStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now = bb_store_now_us ();

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (station_name != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another name for the new station"), path);
      return NULL;
    }

  self = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self == NULL || !configure (self, error))
    return NULL;

  if (!bb_store_begin (self, error))
    return NULL;
  if (!apply_initial_schema (self, error))
    goto fail;

  self->station_id = bb_store_new_uuid ();
  sqlite3_prepare_v2 (self->db,
                      "INSERT INTO station (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, station_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Creating the station"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  sqlite3_prepare_v2 (self->db, "INSERT INTO meta (key, value) VALUES ('local_station_id', ?1)",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Creating the station"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!exec (self, "PRAGMA application_id = " G_STRINGIFY (BB_STORE_APPLICATION_ID),
             _("Creating the station"), error))
    goto fail;
  if (!bb_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&self);

fail:
  bb_store_rollback (self);
  return NULL;
}

BbStore *
bb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(BbStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   _("There is no station file at “%s”"), path);
      return NULL;
    }

  self = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL || !configure (self, error))
    return NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = 'local_station_id'",
                          -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                   _("“%s” is not a Beatbook station"), path);
      return NULL;
    }
  self->station_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->schema_version = 1;
  return g_steal_pointer (&self);
}

char *
bb_store_dup_station_name (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  sqlite3_prepare_v2 (self->db, "SELECT name FROM station WHERE id = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("");
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
bb_store_is_demo (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  sqlite3_prepare_v2 (self->db, "SELECT is_demo FROM station WHERE id = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

gint64
bb_store_count (BbStore     *self,
                const char  *table,
                GError     **error)
{
  static const char * const tables[] = {
    "station", "district", "officer", "partner", "advisory_member", "category",
    "incident", "problem", "response", "task", "plan", "objective", "indicator",
    "plan_review", "event", "event_attendee", "concern", "questionnaire",
    "question", "survey", "survey_response", "document", "geo_layer", "audit_log",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  if (!g_strv_contains (tables, table))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The station has no table “%s”"), table);
      return -1;
    }

  /* The name was checked against the list above. */
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting records"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BbStore *store = bb_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
bb_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

BbStore *
bb_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_open_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
