/* bb-bundle-private.h: what the files that make and apply bundles share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif

#include <sqlite3.h>

#include "bb-bundle.h"
#include "bb-store-private.h"
#include "bb-sync.h"

G_BEGIN_DECLS

/* The tables of the changes' own bookkeeping that travel in a bundle
 * beside the station's tables. */
#define BB_SYNC_ROW_TABLE       "sync_row"
#define BB_SYNC_CLOCK_TABLE     "sync_clock"
#define BB_SYNC_WITHDRAWN_TABLE "sync_withdrawn"

/* A version of a field or a record: when and where it was changed. */
typedef struct {
  gint64      at;
  const char *station;   /* "" for the oldest possible version */
} BbSyncVersion;

/* <0, 0, >0 as @a is older than, the same as or newer than @b. */
int       bb_sync_version_compare (const BbSyncVersion *a,
                                   const BbSyncVersion *b);

/* One column of a table that travels. */
typedef struct {
  char     *name;
  int       pk;              /* position in the primary key, from 1; 0 if not part of it */
  char     *ref_table;       /* foreign key: the table it refers to, or NULL */
  char     *on_delete;       /* the foreign key's ON DELETE action, upper case */
  gboolean  field;           /* merged by version (not the key, station, created/updated times) */
} BbSyncColumn;

/* A table of the station that travels in bundles. */
typedef struct {
  char         *name;
  GArray       *columns;          /* BbSyncColumn, in the table's order */
  guint         n_pk;
  int           pk_columns[4];    /* indexes into columns, in key order */
  int           created_column;   /* -1 when the table has none */
  int           updated_column;
  int           station_column;   /* station_id, or id for the station table */
  gboolean      without_rowid;
  const char * const *natural_key; /* columns that name the same record at two stations */
  int           natural_columns[4];
  guint         n_natural;
  char         *key_sql;          /* SQL for the key as text, e.g. "id" or "problem_id || '/' || category_id" */
  char         *column_list;      /* "\"id\", \"station_id\", …" */
  char         *key_where;        /* "\"id\" = ?1", the key's parts bound from ?1 on */
  char         *select_by_key;    /* every column of the record with that key */
  char         *insert_all;       /* an INSERT of every column, in order */
  const BbRecordType *record_type; /* for labels; NULL for links */
  GPtrArray    *referenced_by;    /* BbSyncReference: columns of other tables that refer to this one */
} BbSyncTable;

typedef struct {
  BbSyncTable *table;
  int          column;
  const char  *on_delete;
} BbSyncReference;

typedef struct {
  GPtrArray  *tables;   /* BbSyncTable, parents before children */
  GHashTable *by_name;
} BbSyncSchema;

/* Reads the tables' columns and foreign keys from the connection. */
BbSyncSchema *bb_sync_schema_load   (sqlite3       *db,
                                     GError       **error);
void          bb_sync_schema_free   (BbSyncSchema  *schema);
BbSyncTable  *bb_sync_schema_lookup (BbSyncSchema  *schema,
                                     const char    *table);
int           bb_sync_table_find_column (const BbSyncTable *table,
                                         const char        *name);
/* The key of a record as text, from its values in table order. */
char         *bb_sync_table_key     (const BbSyncTable *table,
                                     sqlite3_value    **values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSyncSchema, bb_sync_schema_free)
/* The lowest station format (schema version) that can apply the
 * records of @table, or of every table a bundle holds records or
 * deletions of (its header's counts): what the header declares. */
int           bb_sync_table_min_schema      (const BbSyncTable    *table);
int           bb_sync_schema_min_for_header (BbSyncSchema         *schema,
                                             const BbBundleHeader *header);

/* The names of the station's tables that travel, parents first. */
extern const char * const bb_sync_table_names[];

/* Values ---------------------------------------------------------------- */

gboolean  bb_sync_value_equal      (sqlite3_value *a,
                                    sqlite3_value *b);
/* A value as JSON (strings, numbers, null; blobs as {"base64": …}). */
void      bb_sync_value_to_json    (GString       *out,
                                    sqlite3_value *value);
/* Binds the JSON written by bb_sync_value_to_json; FALSE when it is not. */
gboolean  bb_sync_bind_json        (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *json);

/* The clock: SQL functions of every connection ----------------------------- */

/* While a bundle is applied on the writer, the station's triggers leave
 * the versions to the import. */
void      bb_sync_set_applying     (BbStore *store,
                                    gboolean applying);
/* The clock never runs behind a version the station has seen. */
void      bb_sync_clock_witness    (BbStore *store,
                                    gint64   at);
gint64    bb_sync_clock_tick       (BbStore *store);

/* The file ----------------------------------------------------------------- */

/* Writes the bundle file at @path from its header (JSON) and a file
 * holding the compressed changes, through a temporary file renamed at the
 * end: a failed or cancelled write leaves nothing behind. */
gboolean  bb_bundle_file_write     (const char            *path,
                                    const char            *header_json,
                                    const char            *payload_path,
                                    GCancellable          *cancellable,
                                    GError               **error);

/* The changes' writer: compresses, counts and checksums what the session
 * extension streams out into the file at @payload_path. */
typedef struct _BbBundleSink BbBundleSink;

BbBundleSink *bb_bundle_sink_new   (const char     *payload_path,
                                    GError        **error);
/* sqlite3session_changeset_strm's output function. */
int           bb_bundle_sink_write_cb (void        *sink,
                                       const void  *data,
                                       int          n);
/* Writes changes the caller encoded itself; an error names the cause. */
gboolean      bb_bundle_sink_write (BbBundleSink   *sink,
                                    const void     *bytes,
                                    gsize           n,
                                    GError        **error);
/* Finishes the file; fills the header's payload length, content length
 * and checksum. */
gboolean      bb_bundle_sink_close (BbBundleSink   *sink,
                                    BbBundleHeader *header,
                                    GError        **error);
void          bb_bundle_sink_free  (BbBundleSink   *sink);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBundleSink, bb_bundle_sink_free)

/* The changes' reader: the bundle's changes uncompressed, for
 * sqlite3changeset_start_v2_strm, checked against the header's checksum
 * as they are read. */
typedef struct _BbBundleSource BbBundleSource;

/* Opens @path, checks its header (not its checksum: that is
 * bb_bundle_read_header's) and returns the reader and, in @header_json,
 * the header as written. */
BbBundleSource *bb_bundle_source_open (const char      *path,
                                       GCancellable    *cancellable,
                                       BbBundleHeader **header,
                                       char           **header_json,
                                       GError         **error);
int             bb_bundle_source_read_cb (void *source,
                                          void *data,
                                          int  *n);
/* How much of the changes was read, from 0 to 1. */
double          bb_bundle_source_get_fraction (BbBundleSource *source);
/* After the last change: were the changes read through and unaltered? */
gboolean        bb_bundle_source_finish (BbBundleSource  *source,
                                         GError         **error);
/* The error that stopped a read, if any (taken). */
GError         *bb_bundle_source_take_error (BbBundleSource *source);
void            bb_bundle_source_free (BbBundleSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBundleSource, bb_bundle_source_free)

/* The header as JSON and back. */
char           *bb_bundle_header_to_json   (const BbBundleHeader *header,
                                            BbSyncSchema         *schema);
BbBundleHeader *bb_bundle_header_from_json (const char           *json,
                                            gsize                 length,
                                            const char           *display,
                                            GError              **error);
BbBundleHeader *bb_bundle_header_new       (void);
BbBundleCount  *bb_bundle_header_ensure_count (BbBundleHeader *header,
                                               const char     *table);
/* The columns the sender's tables have, by table: checked on import. */
GHashTable     *bb_bundle_header_dup_columns (const char *json,
                                              gsize       length);

/* A conflict as the merge writes it. */
typedef struct {
  const char        *table;
  const char        *row_id;
  const char        *column;
  BbSyncConflictKind kind;
  const char        *local_json;
  const char        *remote_json;
  const BbSyncVersion *local;
  const BbSyncVersion *remote;
  gboolean           remote_won;
} BbSyncConflictNew;

gboolean  bb_sync_conflict_add     (BbStore                 *store,
                                    const BbBundleHeader    *header,
                                    BbSyncSchema            *schema,
                                    const BbSyncConflictNew *conflict,
                                    gboolean                *added,
                                    GError                 **error);

/* A record's values as a JSON object, read from the station. */
char     *bb_sync_row_to_json      (BbStore           *store,
                                    const BbSyncTable *table,
                                    const char        *row_id);
/* The WHERE clause that finds a record by its key text (bound as ?1). */
char     *bb_sync_table_key_where  (const BbSyncTable *table);

/* bb-bundle-seal.c: encrypts the bundle at @plain_path into @sealed_path
 * (through a temporary file) with @passphrase. */
gboolean  bb_bundle_seal             (const char  *plain_path,
                                      const char  *sealed_path,
                                      const char  *passphrase,
                                      GError     **error);

G_END_DECLS
