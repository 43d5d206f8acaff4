/* bb-store-private.h: what the store's own files share: the connection and transactions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "bb-records.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* The store's state, shared by the files that implement it by concern
 * (bb-store.c, bb-store-records.c, bb-store-incidents.c,
 * bb-store-districts.c, bb-store-async.c).  Everything below the lock is
 * only touched with the lock held. */
struct _BbStore
{
  GObject       parent_instance;

  /* One operation at a time: every public call holds it for its whole
   * length, transactions from begin to commit or rollback. */
  GRecMutex     lock;
  GThreadPool  *worker;          /* one thread, jobs in the order queued */

  sqlite3      *db;
  char         *path;
  char         *station_id;
  int           schema_version;
  char         *user_name;       /* bb_audit_user () */
  gboolean      in_transaction;  /* begun by bb_store_begin */
  GCancellable *job_cancellable; /* interrupts long statements */

  GPtrArray    *district_shapes; /* NULL when districts changed */
};

/* The connection; only for code inside src/store, and only on the thread
 * that currently owns the store (the store's worker, or a test). */
sqlite3  *bb_store_get_db        (BbStore  *self);

/* Wall-clock time in microseconds since the epoch, UTC, as stored in
 * created_at/updated_at. */
gint64    bb_store_now_us        (void);

/* A new random UUID (RFC 4122 version 4), lower case. */
char     *bb_store_new_uuid      (void);

/* A transaction; it also holds the store's lock from begin until commit or
 * rollback, so no other thread's call runs in the middle.  Rollback after
 * a failed commit (or twice) is harmless. */
gboolean  bb_store_begin         (BbStore  *self,
                                  GError  **error);
gboolean  bb_store_commit        (BbStore  *self,
                                  GError  **error);
void      bb_store_rollback      (BbStore  *self);

/* Turns the connection's last error into a GError naming what was done. */
void      bb_store_set_error_from_db (BbStore    *self,
                                      GError    **error,
                                      const char *what);

/* Prepares @sql; on failure the error names the statement. */
sqlite3_stmt *bb_store_prepare   (BbStore     *self,
                                  const char  *sql,
                                  GError     **error);

/* Holds the store's lock until the end of the enclosing scope (nothing
 * for a pointer that is not a store, so g_return_if_fail can still say
 * what is wrong). */
typedef GRecMutex BbStoreLocker;

static inline BbStoreLocker *
bb_store_locker_new (BbStore *self)
{
  if (!BB_IS_STORE (self))
    return NULL;
  g_rec_mutex_lock (&self->lock);
  return &self->lock;
}

static inline void
bb_store_locker_free (BbStoreLocker *locker)
{
  g_rec_mutex_unlock (locker);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStoreLocker, bb_store_locker_free)

#define BB_STORE_LOCK_SCOPE(self) \
  g_autoptr(BbStoreLocker) G_PASTE (bb_store_locker_, __LINE__) = bb_store_locker_new (self)

/* Creates a station file whose schema stops at @schema_version, as an
 * older Beatbook wrote it; for tests of migrations. */
BbStore  *bb_store_create_at_version (const char  *path,
                                      const char  *station_name,
                                      int          schema_version,
                                      GError     **error);

/* bb-store-async.c: runs one queued GTask on the worker thread. */
void      bb_store_worker_run    (gpointer  task,
                                  gpointer  store);

/* bb-store-districts.c */
void      bb_store_districts_changed (BbStore *self);
/* Fills a district's bounding box from its boundary; FALSE with @error
 * when the boundary is not a GeoJSON (Multi)Polygon. */
gboolean  bb_store_district_compute_bbox (BbDistrict  *district,
                                          GError     **error);

/* bb-store-records.c */
gpointer  bb_store_record_read   (BbStore            *self,
                                  const BbRecordType *type,
                                  sqlite3_stmt       *stmt,
                                  int                 first_column);
/* The record's columns, comma separated, for a SELECT. */
char     *bb_store_record_columns (const BbRecordType *type,
                                   const char         *table_alias);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
