/* bb-store.c: the station database, one SQLite file per station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-store-private.h"

/* Files up to this size have every page checked before they open, in
 * well under a tenth of a second; a station of a million incidents is
 * some 750 MB, whose check takes most of a second. */
gint64 bb_store_full_check_limit = 32 * 1024 * 1024;

enum {
  SIGNAL_DAMAGED,
  SIGNAL_TAMPERED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (BbStore, bb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (bb-store-error-quark, bb_store_error)

static void
bb_store_finalize (GObject *object)
{
  BbStore *self = BB_STORE (object);

  /* Jobs hold a reference on the store, so none is queued now; the last
   * reference may be dropped on a worker itself, hence no waiting. */
  if (self->worker != NULL)
    g_thread_pool_free (self->worker, TRUE, FALSE);
  if (self->read_worker != NULL)
    g_thread_pool_free (self->read_worker, TRUE, FALSE);
  if (self->urgent_worker != NULL)
    g_thread_pool_free (self->urgent_worker, TRUE, FALSE);
  /* The check may be waiting for a hold to end. */
  if (self->background != NULL)
    bb_store_background_close (self->background);
  g_clear_pointer (&self->check, bb_store_check_abandon);
  for (guint i = 0; i < self->n_readers; i++)
    {
      g_assert (!g_atomic_int_get (&self->readers[i].busy));
      g_clear_pointer (&self->readers[i].db, sqlite3_close_v2);
    }
  g_clear_pointer (&self->district_shapes, g_ptr_array_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->station_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->damage);
  g_clear_error (&self->tampering);
  g_clear_pointer (&self->background, bb_store_background_unref);
  bb_store_passphrase_clear (self);
  bb_store_audit_key_forget (self);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->readers_lock);
  g_cond_clear (&self->readers_cond);
  g_mutex_clear (&self->order_lock);
  g_cond_clear (&self->order_cond);

  G_OBJECT_CLASS (bb_store_parent_class)->finalize (object);
}

/* SQLite's settings for the whole process, made before its first use.
 * Beatbook never asks SQLite how much memory it holds, so SQLite need not
 * count every allocation: counting takes a process-wide lock around each
 * malloc and free, a tenth of the processor time of a large import or
 * bundle.  A program that started SQLite before (a test that installs its
 * own allocator and reads the count) keeps its own settings. */
void
bb_store_configure_sqlite (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was started before Beatbook's settings: it counts its memory");
      g_once_init_leave (&done, 1);
    }
}

static void
bb_store_class_init (BbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_store_finalize;

  bb_store_configure_sqlite ();

  /**
   * BbStore::damaged:
   * @error: what was found, for the user
   *
   * The check of a large station file's pages, which runs after the file
   * opened, found damage.  From then on the store refuses changes; the
   * window should tell the user to open a backup copy.  Emitted on the
   * main context.
   */
  signals[SIGNAL_DAMAGED] = g_signal_new ("damaged", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * BbStore::tampered:
   * @error: what was found, for the user: the first line of the audit log
   *   edited, deleted or added outside Beatbook
   *
   * The check that runs after the station opened found the audit log's
   * hash chain broken.  The station still works; the window should tell
   * the user.  Emitted on the main context.
   */
  signals[SIGNAL_TAMPERED] = g_signal_new ("tampered", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * BbStore::changed:
   * @changes: the BbStoreChanges of what a committed change touched
   *
   * A change was committed, by this store from any thread (an editor, an
   * import, a bundle).  Emitted on the main context of the thread that
   * opened the store, after the commit, so a handler that reads sees the
   * change; several commits in a row may be told once.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
bb_store_init (BbStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->readers_lock);
  g_cond_init (&self->readers_cond);
  g_mutex_init (&self->order_lock);
  g_cond_init (&self->order_cond);
  self->user_name = g_strdup (g_get_user_name ());
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
  self->background = bb_store_background_new ();
}

/* Telling what changed ------------------------------------------------ */

static gboolean
changed_notice_emit (gpointer data)
{
  BbStore *self = data;
  guint changes = (guint) g_atomic_int_and (&self->unsaid_changes, 0);

  if (changes != 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, changes);
  return G_SOURCE_REMOVE;
}

/* At the writer's outermost unlock: what its committed transactions
 * changed (nothing while a transaction is still open). */
static guint
changes_take (BbStore *self)
{
  if (self->db == NULL || !sqlite3_get_autocommit (self->db))
    return 0;
  return (guint) g_atomic_int_and (&self->pending_changes, 0);
}

/* Tells @changes once on the store's main context, outside the writer's
 * lock: at once on the thread that opened the store. */
static void
changes_tell (BbStore *self,
              guint    changes)
{
  if (changes == 0)
    return;
  /* Commits in a row, say the batches of an import on a worker, are told
   * once: only the first schedules the notice. */
  if (g_atomic_int_or (&self->unsaid_changes, changes) != 0)
    return;
  if (g_thread_self () == self->owner)
    {
      changed_notice_emit (self);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, changed_notice_emit, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[beatbook] store changed");
      g_source_attach (source, self->context);
    }
}

static const struct {
  const char     *prefix;
  BbStoreChanges  change;
} change_tables[] = {
  { "incident", BB_STORE_CHANGE_INCIDENTS },  /* also incident_fts and its shadows */
  { "category", BB_STORE_CHANGE_INCIDENTS },
  { "district", BB_STORE_CHANGE_DISTRICTS },
  { "problem", BB_STORE_CHANGE_PROBLEMS },
  { "response", BB_STORE_CHANGE_PROBLEMS },
  { "plan", BB_STORE_CHANGE_PROBLEMS },
  { "objective", BB_STORE_CHANGE_PROBLEMS },
  { "indicator", BB_STORE_CHANGE_PROBLEMS },
  { "task", BB_STORE_CHANGE_PROBLEMS },
  { "event", BB_STORE_CHANGE_CALENDAR },
  { "concern", BB_STORE_CHANGE_CALENDAR },
  { "officer", BB_STORE_CHANGE_DIRECTORY },
  { "partner", BB_STORE_CHANGE_DIRECTORY },
  { "advisory_member", BB_STORE_CHANGE_DIRECTORY },
  { "questionnaire", BB_STORE_CHANGE_SURVEYS },
  { "question", BB_STORE_CHANGE_SURVEYS },
  { "survey", BB_STORE_CHANGE_SURVEYS },
};

static void
update_hook (void          *data,
             int            operation,
             const char    *database,
             const char    *table,
             sqlite3_int64  rowid)
{
  BbStore *self = data;
  guint change = BB_STORE_CHANGE_OTHER;

  (void) operation;
  (void) database;
  (void) rowid;
  if (g_str_equal (table, "audit_log"))
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (change_tables); i++)
    if (g_str_has_prefix (table, change_tables[i].prefix))
      {
        change = change_tables[i].change;
        break;
      }
  g_atomic_int_or (&self->pending_changes, change);
}

static void
rollback_hook (void *data)
{
  BbStore *self = data;

  g_atomic_int_set (&self->pending_changes, 0);
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

/* The writer tells which tables a change touched, and forgets them when
 * the change is rolled back. */
void
bb_store_watch_changes (BbStore *self)
{
  sqlite3_update_hook (self->db, update_hook, self);
  sqlite3_rollback_hook (self->db, rollback_hook, self);
}

/* Which connection a thread uses ---------------------------------------- */

/* A thread's bindings, innermost first: the writer while it holds the
 * lock, a reader inside a read scope. */
struct _BbStoreReadScope
{
  BbStore       *store;
  sqlite3       *db;
  BbStoreReader *reader;   /* given back to the pool when the scope ends */
  gboolean       writer;   /* pushed by bb_store_lock */
  gboolean       locked;   /* no reader could be opened: reads on the writer */
};

static GPrivate bindings = G_PRIVATE_INIT ((GDestroyNotify) g_slist_free);

static BbStoreReadScope *
find_binding (BbStore *self)
{
  for (GSList *l = g_private_get (&bindings); l != NULL; l = l->next)
    if (((BbStoreReadScope *) l->data)->store == self)
      return l->data;
  return NULL;
}

static void
push_binding (BbStoreReadScope *binding)
{
  g_private_set (&bindings, g_slist_prepend (g_private_get (&bindings), binding));
}

static void
pop_binding (BbStoreReadScope *binding)
{
  g_private_set (&bindings, g_slist_remove (g_private_get (&bindings), binding));
}

sqlite3 *
bb_store_get_db (BbStore *self)
{
  BbStoreReadScope *binding;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  binding = find_binding (self);
  return binding != NULL ? binding->db : self->db;
}

void
bb_store_lock (BbStore *self)
{
  BbStoreReadScope *binding = g_new0 (BbStoreReadScope, 1);

  g_rec_mutex_lock (&self->lock);
  binding->store = self;
  binding->db = self->db;
  binding->writer = TRUE;
  push_binding (binding);
}

static gboolean
bb_store_trylock (BbStore *self)
{
  BbStoreReadScope *binding;

  if (!g_rec_mutex_trylock (&self->lock))
    return FALSE;
  binding = g_new0 (BbStoreReadScope, 1);
  binding->store = self;
  binding->db = self->db;
  binding->writer = TRUE;
  push_binding (binding);
  return TRUE;
}

void
bb_store_unlock (BbStore *self)
{
  for (GSList *l = g_private_get (&bindings); l != NULL; l = l->next)
    {
      BbStoreReadScope *binding = l->data;

      if (binding->store == self && binding->writer)
        {
          gboolean outermost = TRUE;
          guint changes = 0;

          pop_binding (binding);
          g_free (binding);
          for (GSList *k = g_private_get (&bindings); k != NULL; k = k->next)
            {
              BbStoreReadScope *outer = k->data;

              if (outer->store == self && outer->writer)
                outermost = FALSE;
            }
          if (outermost)
            changes = changes_take (self);
          g_rec_mutex_unlock (&self->lock);
          changes_tell (self, changes);
          return;
        }
    }
  g_assert_not_reached ();
}


static sqlite3 *
open_reader (BbStore *self)
{
  sqlite3 *db = NULL;

  /* Read-write with query_only rather than read-only: a read-only
   * connection cannot always join a WAL file another process set up. */
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("No reader for %s: %s", self->path, db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close_v2 (db);
      return NULL;
    }
  bb_store_setup_connection (self, db);
  return db;
}

static BbStoreReader *
acquire_reader (BbStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->readers_lock);

  for (;;)
    {
      for (guint i = 0; i < self->n_readers; i++)
        if (!self->readers[i].busy)
          {
            self->readers[i].busy = TRUE;
            return &self->readers[i];
          }
      if (self->n_readers < BB_STORE_MAX_READERS)
        {
          sqlite3 *db = open_reader (self);

          if (db == NULL)
            return NULL;
          self->readers[self->n_readers].db = db;
          self->readers[self->n_readers].busy = TRUE;
          return &self->readers[self->n_readers++];
        }
      g_cond_wait (&self->readers_cond, &self->readers_lock);
    }
}

static void
release_reader (BbStore       *self,
                BbStoreReader *reader)
{
  g_mutex_lock (&self->readers_lock);
  g_atomic_int_set (&reader->busy, FALSE);
  g_cond_signal (&self->readers_cond);
  g_mutex_unlock (&self->readers_lock);
}

void
bb_store_close_idle_readers (BbStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->readers_lock);

  /* Scopes hold their reader by address: none may be in use. */
  for (guint i = 0; i < self->n_readers; i++)
    if (self->readers[i].busy)
      return;
  for (guint i = 0; i < self->n_readers; i++)
    g_clear_pointer (&self->readers[i].db, sqlite3_close_v2);
  self->n_readers = 0;
}

BbStoreReadScope *
bb_store_read_scope_new (BbStore *self)
{
  BbStoreReadScope *scope;
  BbStoreReadScope *outer;

  if (!BB_IS_STORE (self))
    return NULL;

  scope = g_new0 (BbStoreReadScope, 1);
  scope->store = self;
  outer = find_binding (self);
  if (outer != NULL)
    scope->db = outer->db;
  else if ((scope->reader = acquire_reader (self)) != NULL)
    scope->db = scope->reader->db;
  else
    {
      /* Slower, but the same answers. */
      g_rec_mutex_lock (&self->lock);
      scope->locked = TRUE;
      scope->db = self->db;
    }
  push_binding (scope);
  return scope;
}

void
bb_store_read_scope_free (BbStoreReadScope *scope)
{
  pop_binding (scope);
  if (scope->reader != NULL)
    {
      /* No statement may stay running on the connection: it would hold
       * its snapshot for the next reader, and the WAL could not be
       * checkpointed.  (The full-text index keeps statements of its own,
       * reset.) */
      for (sqlite3_stmt *stmt = sqlite3_next_stmt (scope->reader->db, NULL); stmt != NULL;
           stmt = sqlite3_next_stmt (scope->reader->db, stmt))
        g_assert (!sqlite3_stmt_busy (stmt));
      release_reader (scope->store, scope->reader);
    }
  if (scope->locked)
    g_rec_mutex_unlock (&scope->store->lock);
  g_free (scope);
}

static GPrivate job_cancellable = G_PRIVATE_INIT (NULL);

void
bb_store_set_job_cancellable (GCancellable *cancellable)
{
  g_private_set (&job_cancellable, cancellable);
}

const char *
bb_store_get_path (BbStore *self)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->path;
}

GError *
bb_store_dup_damage (BbStore *self)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->damage != NULL ? g_error_copy (self->damage) : NULL;
}

GError *
bb_store_dup_tampering (BbStore *self)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return self->tampering != NULL ? g_error_copy (self->tampering) : NULL;
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
bb_store_set_user (BbStore    *self,
                   const char *user_name)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_if_fail (BB_IS_STORE (self));

  g_free (self->user_name);
  self->user_name = g_strdup (user_name != NULL && *user_name != '\0' ? user_name : g_get_user_name ());
}

char *
bb_store_dup_user (BbStore *self)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return g_strdup (self->user_name);
}

/* Errors -------------------------------------------------------------- */

void
bb_store_set_error_from_db (BbStore    *self,
                            GError    **error,
                            const char *what)
{
  sqlite3 *db = bb_store_get_db (self);
  int code = sqlite3_extended_errcode (db);
  BbStoreError domain_code = BB_STORE_ERROR_FAILED;
  const char *reason = sqlite3_errmsg (db);

  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      domain_code = BB_STORE_ERROR_CONSTRAINT;
      if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        reason = _("it is linked to a record that does not exist, or other records still refer to it");
      else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        reason = _("another record already has the same identifier or code");
      break;
    case SQLITE_CORRUPT:
      domain_code = BB_STORE_ERROR_CORRUPT;
      reason = _("the station file is damaged");
      break;
    case SQLITE_NOTADB:
      domain_code = BB_STORE_ERROR_NOT_A_STATION;
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return;
    case SQLITE_FULL:
      reason = _("the disk is full");
      break;
    case SQLITE_READONLY:
      reason = _("the station file cannot be written to");
      break;
    default:
      break;
    }

  g_set_error (error, BB_STORE_ERROR, domain_code,
               /* Translators: %s is what failed, then why */
               _("%s failed: %s"), what, reason);
}

sqlite3_stmt *
bb_store_prepare (BbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3 *db = bb_store_get_db (self);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (db);

      g_set_error (error, BB_STORE_ERROR,
                   (code & 0xff) == SQLITE_CORRUPT ? BB_STORE_ERROR_CORRUPT : BB_STORE_ERROR_FAILED,
                   _("Reading the station file failed: %s (%s)"), sqlite3_errmsg (db), sql);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
bb_store_query_int64 (BbStore     *self,
                      const char  *sql,
                      const char  *what,
                      gint64      *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, what);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
bb_store_exec (BbStore     *self,
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

/* Transactions --------------------------------------------------------- */

gboolean
bb_store_begin (BbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  bb_store_lock (self);
  if (self->damage != NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                   _("Starting a change failed: %s"), self->damage->message);
      bb_store_unlock (self);
      return FALSE;
    }
  /* A rollback that itself failed (SQLite out of memory) left the last
   * change open on the connection: it is undone now, or nothing could
   * ever be changed again without reopening the station. */
  if (!self->in_transaction && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (self->in_transaction || !bb_store_exec (self, "BEGIN IMMEDIATE", _("Starting a change"), error))
    {
      if (self->in_transaction)
        g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                             _("Starting a change failed: another change is under way"));
      bb_store_unlock (self);
      return FALSE;
    }
  self->in_transaction = TRUE;
  if (!bb_store_audit_chain_mark (self, error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_commit (BbStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  if (!self->in_transaction)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                           _("Saving the change failed: no change was started"));
      return FALSE;
    }
  if (!bb_store_audit_chain_seal (self, error) || !bb_store_exec (self, "COMMIT", _("Saving the change"), error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  bb_store_unlock (self);
  return TRUE;
}

void
bb_store_rollback (BbStore *self)
{
  g_return_if_fail (BB_IS_STORE (self));

  /* Only the thread holding the transaction (and so the lock) may end it;
   * a rollback from anywhere else, or a second one, does nothing. */
  if (!bb_store_trylock (self))
    return;
  if (self->in_transaction)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->in_transaction = FALSE;
      /* A rollback may have undone district changes. */
      bb_store_districts_changed (self);
      bb_store_unlock (self);
    }
  bb_store_unlock (self);
}

/* SQL functions of the connection ------------------------------------- */

static void
sql_audit_user (sqlite3_context  *ctx,
                int               argc,
                sqlite3_value   **argv)
{
  BbStore *self = sqlite3_user_data (ctx);
  sqlite3_result_text (ctx, self->user_name, -1, SQLITE_TRANSIENT);
}

static void
sql_now_us (sqlite3_context  *ctx,
            int               argc,
            sqlite3_value   **argv)
{
  sqlite3_result_int64 (ctx, bb_store_now_us ());
}

static void
sql_districts_changed (sqlite3_context  *ctx,
                       int               argc,
                       sqlite3_value   **argv)
{
  bb_store_districts_changed (sqlite3_user_data (ctx));
  sqlite3_result_null (ctx);
}

static int
progress_cb (void *data)
{
  GCancellable *cancellable = g_private_get (&job_cancellable);

  /* Background work waits here while the user waits for a read. */
  bb_store_background_step ();
  /* Non-zero interrupts the statement running for a cancelled job; the
   * statement runs on the job's thread, whichever connection it uses. */
  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

/* What every connection of the store has: the writer and the readers. */
void
bb_store_setup_connection (BbStore *self,
                           sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  sqlite3_create_function (db, "bb_audit_user", 0, SQLITE_UTF8, self, sql_audit_user, NULL, NULL);
  sqlite3_create_function (db, "bb_now_us", 0, SQLITE_UTF8, self, sql_now_us, NULL, NULL);
  sqlite3_create_function (db, "bb_districts_changed", 0, SQLITE_UTF8, self,
                           sql_districts_changed, NULL, NULL);
  bb_sync_register_functions (self, db);
  bb_store_register_incident_functions (db);
  bb_store_audit_chain_register (self, db);
  sqlite3_progress_handler (db, 4000, progress_cb, self);
}

/* The station ---------------------------------------------------------- */

char *
bb_store_dup_station_name (BbStore *self)
{
  BB_STORE_READ_SCOPE (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  stmt = bb_store_prepare (self, "SELECT name FROM station WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("");
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
bb_store_is_demo (BbStore *self)
{
  BB_STORE_READ_SCOPE (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);

  stmt = bb_store_prepare (self, "SELECT is_demo FROM station WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->station_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

BbStation *
bb_store_station_get (BbStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  return bb_store_get (self, &bb_station_record, self->station_id, error);
}

gboolean
bb_store_station_update (BbStore    *self,
                         BbStation  *station,
                         GError    **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (station != NULL, FALSE);

  if (g_strcmp0 (station->id, self->station_id) != 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("Only this station’s own record can be changed here"));
      return FALSE;
    }
  return bb_store_update (self, &bb_station_record, station, error);
}
