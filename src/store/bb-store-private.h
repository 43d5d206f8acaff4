/* bb-store-private.h: what the store's own files share: the connection and transactions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "bb-records.h"
#include "bb-store.h"
#include "bb-store-background.h"

G_BEGIN_DECLS

/* How many read-only connections a store opens at most: one for each of
 * the two threads that run asynchronous reads and for the one that runs
 * urgent reads, and three for threads that read directly (the map's
 * loader, the window's main thread, another). */
#define BB_STORE_MAX_READERS 6

/* A read-only connection of the pool; @busy while a thread reads with it
 * (set under readers_lock; released and checked at the store's end with
 * atomics, which ThreadSanitizer sees where it does not see GLib's lock). */
typedef struct {
  sqlite3  *db;
  int       busy;
} BbStoreReader;

/* The store's state, shared by the files that implement it by concern
 * (bb-store.c, bb-store-audit.c, bb-store-backup.c, bb-store-records.c, bb-store-incidents.c,
 * bb-store-districts.c, bb-store-async.c).  Everything below the lock is
 * only touched with the lock held. */
struct _BbStore
{
  GObject       parent_instance;

  /* Readers: WAL lets connections read beside the writer, each from the
   * last committed state when its statement began.  Opened on first use,
   * guarded by readers_lock. */
  GMutex        readers_lock;
  GCond         readers_cond;
  BbStoreReader readers[BB_STORE_MAX_READERS];
  guint         n_readers;

  /* Asynchronous jobs: writes on one thread in the order queued; reads
   * on two more, each after the writes queued before it have finished
   * (order_lock, order_cond, writes_queued, writes_done); urgent reads
   * on a thread of their own, so that they never wait for a long read. */
  GThreadPool  *worker;
  GThreadPool  *read_worker;
  GThreadPool  *urgent_worker;
  /* Held while urgent reads are queued or run, and by views drawing
   * their first rows: the other reads, the check and backups wait. */
  BbStoreBackground *background;
  GMutex        order_lock;
  GCond         order_cond;
  guint64       writes_queued;
  guint64       reads_queued;    /* numbers the reads, which run in order unless urgent */
  guint64       writes_done;

  /* The check of a large file's pages that runs after it opened. */
  gpointer      check;           /* IntegrityCheck, bb-store.c */

  /* The writer: one operation at a time on @db.  Every call that writes
   * holds it for its whole length, transactions from begin to commit or
   * rollback. */
  GRecMutex     lock;

  sqlite3      *db;
  char         *path;
  char         *station_id;
  int           schema_version;
  char         *user_name;       /* bb_audit_user () */
  gboolean      in_transaction;  /* begun by bb_store_begin */
  GError       *damage;          /* set once the deferred check found damage */

  GPtrArray    *district_shapes; /* NULL when districts changed */

  /* BbStoreChanges written by the writer's open transaction; told to the
   * main context in BbStore::changed once it commits. */
  gint          pending_changes;
  gint          unsaid_changes;  /* committed, notice scheduled */
  GMainContext *context;
  GThread      *owner;           /* whose context that is */

  /* The exchange's clock (bb-sync-clock.c): the newest version the station
   * has written or seen, and whether the writer is applying a bundle. */
  gint64        sync_last;
  gboolean      sync_clock_known;
  gboolean      sync_applying;

  /* The audit log's chain (bb-store-audit-chain.c): its last line when
   * the writer's transaction began, and the sealing pass under way. */
  gint64        audit_mark;
  struct _BbAuditChain *audit_chain;
  GError       *tampering;       /* set once the check found the chain broken */
  char         *passphrase;      /* sodium_malloc'd, once unlocked (bb-store-passphrase.c) */
  /* The audit chain's key (bb-store-audit-key.c): sodium_malloc'd
   * BB_AUDIT_KEY_LEN bytes once known, and the first line sealed with it
   * (0: the chain has no key). */
  guint8       *audit_key;
  gint64        audit_key_from;
};

#define BB_AUDIT_KEY_LEN 32

/* The connection the calling thread uses for this store: inside a read
 * scope a reader, inside the lock or a transaction the writer, otherwise
 * the writer.  Only for code inside src/store. */
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
/* A list of strings as one JSON array, to bind and read with json_each. */
char     *bb_store_strv_to_json      (const char * const *values);
void      bb_store_set_error_from_db (BbStore    *self,
                                      GError    **error,
                                      const char *what);

/* Writes inside a transaction the caller began with bb_store_begin, for
 * changes that touch several records at once: the same checks and derived
 * values as bb_store_insert/update/delete, without their own begin and
 * commit.  On failure the caller rolls the whole change back; a record
 * written keeps the id and times it was given even then. */
gboolean  bb_store_write_in_transaction  (BbStore            *self,
                                          const BbRecordType *type,
                                          gpointer            record,
                                          gboolean            is_update,
                                          GError            **error);
gboolean  bb_store_delete_in_transaction (BbStore            *self,
                                          const BbRecordType *type,
                                          const char         *id,
                                          GError            **error);
/* Replaces the set of links from one record (e.g. a problem's partners). */
gboolean  bb_store_set_links_in_transaction (BbStore            *self,
                                             const char         *table,
                                             const char         *owner_column,
                                             const char         *owner_id,
                                             const char         *other_column,
                                             const char * const *other_ids,
                                             GError            **error);

/* Prepares @sql; on failure the error names the statement. */
sqlite3_stmt *bb_store_prepare   (BbStore     *self,
                                  const char  *sql,
                                  GError     **error);

/* The first column of the one row @sql gives, as a number; a statement
 * that fails or gives no row is an error saying @what was being done. */
gboolean      bb_store_query_int64 (BbStore     *self,
                                    const char  *sql,
                                    const char  *what,
                                    gint64      *value,
                                    GError     **error);

/* The writer's lock; while a thread holds it, every statement of that
 * thread for this store runs on the writer connection, so it reads what
 * its own transaction wrote. */
void      bb_store_lock          (BbStore  *self);
void      bb_store_unlock        (BbStore  *self);

/* Holds the store's lock until the end of the enclosing scope (nothing
 * for a pointer that is not a store, so g_return_if_fail can still say
 * what is wrong). */
typedef BbStore BbStoreLocker;

static inline BbStoreLocker *
bb_store_locker_new (BbStore *self)
{
  if (!BB_IS_STORE (self))
    return NULL;
  bb_store_lock (self);
  return self;
}

static inline void
bb_store_locker_free (BbStoreLocker *locker)
{
  bb_store_unlock (locker);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStoreLocker, bb_store_locker_free)

#define BB_STORE_LOCK_SCOPE(self) \
  g_autoptr(BbStoreLocker) G_PASTE (bb_store_locker_, __LINE__) = bb_store_locker_new (self)

/* A read: until the end of the enclosing scope the thread's statements
 * for this store run on a reader connection of the pool, without the
 * writer's lock, so a long read neither waits for nor delays the writer
 * or other reads.  Inside the lock or a transaction it reads on the
 * writer (and so sees that transaction's changes); inside another read
 * scope it keeps that scope's connection.  Nothing for a pointer that is
 * not a store. */
typedef struct _BbStoreReadScope BbStoreReadScope;

BbStoreReadScope *bb_store_read_scope_new  (BbStore          *self);
void              bb_store_read_scope_free (BbStoreReadScope *scope);
/* Closes the pool's reader connections when none is in use (they open
 * again when needed), so that a large write may find the station to
 * itself (bb-store-bulk.c). */
void              bb_store_close_idle_readers (BbStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStoreReadScope, bb_store_read_scope_free)

#define BB_STORE_READ_SCOPE(self) \
  g_autoptr(BbStoreReadScope) G_PASTE (bb_store_read_scope_, __LINE__) = bb_store_read_scope_new (self)

/* The cancellable of the job the calling thread runs; long statements on
 * any of the store's connections stop when it is cancelled. */
void      bb_store_set_job_cancellable (GCancellable *cancellable);

/* Files up to this size are checked page by page when they open; larger
 * ones get a check of their structure at open and the page check on a
 * thread afterwards, which emits BbStore::damaged when it finds damage.
 * A variable so that tests can send small files down the deferred path. */
extern gint64 bb_store_full_check_limit;

/* Waits until the deferred check of the file's pages (if any) ended. */
void      bb_store_wait_for_check (BbStore *self);

/* Creates a station file whose schema stops at @schema_version, as an
 * older Beatbook wrote it; for tests of migrations. */
BbStore  *bb_store_create_at_version (const char  *path,
                                      const char  *station_name,
                                      int          schema_version,
                                      GError     **error);

/* bb-store-async.c: runs one queued GTask on the worker thread. */
typedef void (*BbStoreJobFunc) (GTask        *task,
                                BbStore      *self,
                                gpointer      data,
                                GCancellable *cancellable);

/* Queues @func (@data, freed with @destroy) to run on the writer thread
 * (@write) or a reader thread, returning through a GTask tagged with
 * @source_tag. */
void      bb_store_queue_job     (BbStore             *self,
                                  gboolean             write,
                                  gpointer             source_tag,
                                  BbStoreJobFunc       func,
                                  gpointer             data,
                                  GDestroyNotify       destroy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
void      bb_store_worker_run    (gpointer  task,
                                  gpointer  store);
gint      bb_store_read_job_compare (gconstpointer a,
                                     gconstpointer b,
                                     gpointer      data);

/* bb-store-incidents.c: the SQL functions its queries use. */
void      bb_store_register_incident_functions (sqlite3 *db);

/* bb-sync-clock.c: bb_sync_local (), bb_sync_station () and
 * bb_sync_tick (), which the exchange's triggers call, on @db. */
void      bb_sync_register_functions (BbStore *self,
                                      sqlite3 *db);

/* bb-store-audit-chain.c: bb_audit_chain () on @db; remembering the audit
 * log's last line as a transaction begins; sealing the lines the
 * transaction added, just before it commits. */
typedef struct _BbAuditChain BbAuditChain;
void      bb_store_audit_chain_register (BbStore *self,
                                         sqlite3 *db);
gboolean  bb_store_audit_chain_mark     (BbStore  *self,
                                         GError  **error);
gboolean  bb_store_audit_chain_seal     (BbStore  *self,
                                         GError  **error);
/* For a write that adds a great many lines itself, inside the writer's
 * transaction: _open seals the lines added so far and keeps the chain
 * going, so that the writer's own INSERTs seal each line as they write it
 * with bb_audit_chain (seq, …) in seq order, starting at *@next_seq
 * (what AUTOINCREMENT would give).  FALSE with no error when the station
 * has no chain; _close, before the commit, makes the lines written since
 * count as sealed for bb_store_audit_chain_seal. */
gboolean  bb_store_audit_chain_open     (BbStore  *self,
                                         gint64   *next_seq,
                                         GError  **error);
void      bb_store_audit_chain_close    (BbStore  *self);
/* Inside a transaction: bb_store_audit_chain_open, runs @sql, which adds audit lines in the order of
 * their seq and gives each its seal as it is written, hash =
 * bb_audit_chain (seq, at, user_name, action, table_name, row_id, detail)
 * (a million lines of a bundle are not rewritten at the commit to seal
 * them).  A line out of order fails the statement; the chain is never
 * wrong.  Needs the audit log's seals (schema 8 and later). */
gboolean  bb_store_audit_run_sealed     (BbStore     *self,
                                         const char  *sql,
                                         GError     **error);
/* Walks the chain of @db's audit log once; FALSE with BB_STORE_ERROR_TAMPERED
 * naming the first broken line (also in *@bad_seq) when it is broken. */
gboolean  bb_audit_chain_check_db       (sqlite3      *db,
                                         const char   *display,
                                         const guint8 *key,
                                         gint64        key_from,
                                         gint64       *bad_seq,
                                         GError      **error);

/* A key of BB_SECRET_KEY_LEN bytes in libsodium's guarded memory. */
#define BB_SECRET_KEY_LEN 32
typedef guint8 BbSecretKey;
BbSecretKey *bb_secret_key_new  (void);
void         bb_secret_key_free (BbSecretKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSecretKey, bb_secret_key_free)

/* bb-store-audit-key.c: the key of the chain of a station with a
 * passphrase.  _load reads, as the station opens, from which line the
 * chain is keyed (and the key itself after a passphrase was removed);
 * _unlock unwraps the key with @kek, the key the passphrase's verifier
 * derived as it checked @passphrase (NULL for a verifier of the older
 * kind: the record then has a salt of its own), and checks the keyed
 * chain; _wrap, inside the transaction that sets, changes or removes the
 * passphrase, stores the key wrapped with @kek (NULL: in the clear).
 * _check_records tells as tampering a verifier and a key record that do
 * not go together, or neither while the log says a passphrase is set. */
void      bb_store_audit_key_load       (BbStore            *self);
gboolean  bb_store_audit_key_unlock     (BbStore            *self,
                                         const char         *passphrase,
                                         const BbSecretKey  *kek,
                                         GError            **error);
gboolean  bb_store_audit_key_wrap       (BbStore            *self,
                                         const BbSecretKey  *kek,
                                         GError            **error);
void      bb_store_audit_key_forget     (BbStore            *self);
gboolean  bb_store_audit_key_check_records (BbStore         *self,
                                            GError         **error);
/* Hexadecimal: exactly @len bytes from @hex into @out, or FALSE. */
gboolean  bb_store_hex_decode           (const char   *hex,
                                         guint8       *out,
                                         gsize         len);
void      bb_store_hex_append           (GString      *out,
                                         const guint8 *bytes,
                                         gsize         len);
/* Argon2id of @passphrase and @salt (crypto_pwhash_SALTBYTES) into @out:
 * the one derivation of keys from a passphrase. */
gboolean  bb_store_kdf                  (const char   *passphrase,
                                         const guint8 *salt,
                                         guint64       opslimit,
                                         guint64       memlimit,
                                         guint8       *out,
                                         gsize         out_len);

/* bb-store-passphrase.c: the passphrase given to unlock or set, for
 * encrypting bundles (NULL: none, or not unlocked); forgetting it. */
const char *bb_store_get_unlocked_passphrase (BbStore *self);
void        bb_store_passphrase_clear        (BbStore *self);

/* bb-store-districts.c */
void      bb_store_districts_changed (BbStore *self);
/* The districts' outlines as last read, for finding positions' districts
 * without the store's lock (an import's reading thread): never changed,
 * only replaced when a district changes.  Unref when done. */
GPtrArray  *bb_store_dup_district_shapes (BbStore  *self,
                                          GError  **error);
/* The id of the district of @shapes that holds the position, or NULL. */
const char *bb_district_shapes_find      (GPtrArray *shapes,
                                          double     lon,
                                          double     lat);
/* Fills a district's bounding box from its boundary; FALSE with @error
 * when the boundary is not a GeoJSON (Multi)Polygon. */
gboolean  bb_store_district_compute_bbox (BbDistrict  *district,
                                          GError     **error);

/* Incidents whose district follows from their position get the district
 * their position lies in now: those inside @box (a district's bounding
 * box, may be NULL) and those assigned to @district_id until now.  For a
 * boundary that changed; inside the caller's transaction. */
gboolean  bb_store_districts_reassign (BbStore           *self,
                                       const char        *district_id,
                                       const BbDistrict  *box,
                                       guint64           *n_changed,
                                       GError           **error);

/* bb-store-records.c */
gpointer  bb_store_record_read   (BbStore            *self,
                                  const BbRecordType *type,
                                  sqlite3_stmt       *stmt,
                                  int                 first_column);
/* The record's columns, comma separated, for a SELECT. */
char     *bb_store_record_columns (const BbRecordType *type,
                                   const char         *table_alias);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* bb-store-incidents.c: the incidents of several periods read in one
 * pass, each once however many periods hold it.  @columns are selected
 * for each; @func is called for the incidents of the periods and perhaps
 * for others between them (when one pass over every incident is cheaper
 * than the time index), so it checks the periods itself.  @what names
 * the work in an error. */
typedef void (*BbIncidentRowFunc) (sqlite3_stmt *stmt,
                                   gpointer      user_data);
gboolean  bb_store_incidents_in_periods (BbStore           *self,
                                         const char        *columns,
                                         const gint64      *bounds,
                                         guint              n_periods,
                                         BbIncidentRowFunc  func,
                                         gpointer           user_data,
                                         const char        *what,
                                         GError           **error);

/* bb-store.c: SQLite's process-wide settings, once, before it is first used */
void      bb_store_configure_sqlite    (void);
/* What every connection of the store has: the writer and the readers. */
void      bb_store_setup_connection    (BbStore     *self,
                                        sqlite3     *db);
/* Tells, after each change to the station, what it touched (BbStore::changed). */
void      bb_store_watch_changes       (BbStore     *self);
/* Runs @sql on the writer; @what names it in the error. */
gboolean  bb_store_exec                (BbStore     *self,
                                        const char  *sql,
                                        const char  *what,
                                        GError     **error);

/* bb-store-check.c: looks at a file without changing it: is it a station
 * this Beatbook can open?  Returns its schema version, or 0 with @error
 * set; @deferred_check tells that its pages are to be checked after it
 * opened (bb_store_check_start). */
int       bb_store_probe_file          (const char  *path,
                                        gboolean    *deferred_check,
                                        GError     **error);
/* Starts the check of the open station's pages (@pages) and of its audit
 * log's hash chain on a thread of its own; kept as self->check. */
void      bb_store_check_start         (BbStore     *self,
                                        gboolean     pages);
/* Lets go of self->check: the thread stops at its next step. */
void      bb_store_check_abandon       (gpointer     check);

G_END_DECLS
