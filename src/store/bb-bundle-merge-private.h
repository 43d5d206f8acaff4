/* bb-bundle-merge-private.h: what the files of the merge share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-bundle-private.h"

G_BEGIN_DECLS

/* Applying a bundle's records, one by one, in one transaction. */
typedef struct _BbMerge BbMerge;

BbMerge  *bb_merge_new             (BbStore        *store,
                                    BbSyncSchema   *schema,
                                    BbBundleHeader *header,
                                    BbBundleResult *result);
void      bb_merge_free            (BbMerge        *merge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMerge, bb_merge_free)
/* Before the first record: a table that will receive @n_records (bulk
 * work when they are many). */
gboolean  bb_merge_expect          (BbMerge        *merge,
                                    const char     *table,
                                    guint64         n_records,
                                    GError        **error);
/* For tests: the records of a table from which it is added in bulk (0:
 * the default, 50,000); G_MAXUINT64 applies every bundle record by record. */
void      bb_merge_set_bulk_threshold (guint64     n_records);
/* Takes one record of the changes (an INSERT: bundles hold the records'
 * current state). */
gboolean  bb_merge_record          (BbMerge                *merge,
                                    sqlite3_changeset_iter *iter,
                                    GError                **error);
/* After the last record: deletions, references to records known here
 * under another id, records left without the record they belong to. */
gboolean  bb_merge_finish          (BbMerge        *merge,
                                    GError        **error);
/* After the bundle's own lines in the audit log: records kept here against
 * the sender's deletion are marked to go back to it. */
gboolean  bb_merge_touch           (BbMerge        *merge,
                                    GError        **error);

/* A record's tombstone or revival as the bundle has it. */
typedef struct {
  gint64    at;
  char     *station;
  gboolean  alive;
  gboolean  has_known;
  gint64    known_at;   /* the newest field change the deleting station had */
  gboolean  used;       /* met its record's data */
} InEvent;

/* A field's version as the bundle has it. */
typedef struct {
  char     *col;
  gint64    at;
  char     *station;
  gboolean  has_prev;
  gint64    prev_at;
  char     *prev_station;
} InClock;

struct _BbMerge
{
  BbStore        *store;
  sqlite3        *db;
  BbSyncSchema   *schema;
  BbBundleHeader *header;
  BbBundleResult *result;
  const char     *here;          /* this station's id */
  GHashTable     *events;        /* "table\x1fkey" → InEvent */
  GHashTable     *clocks;        /* "table\x1fkey" → GPtrArray of InClock */
  GHashTable     *aliases;       /* "table\x1fremote id" → local id */
  GHashTable     *alias_tables;  /* tables with aliases: the others need no look-up */
  GHashTable     *event_tables;  /* tables the bundle has tombstones or versions of */
  GPtrArray      *new_aliases;   /* "table\x1fremote\x1flocal" made by this bundle */
  GHashTable     *column_maps;   /* table → GArray of int: the sender's column → ours */
  GHashTable     *stmts;         /* SQL → prepared statement */
  GHashTable     *static_stmts;  /* the same, by the address of SQL that lives as long as the merge */
  GHashTable     *fresh_tables;  /* tables empty before the bundle, with no tombstones: nothing to merge with */
  GPtrArray      *touch;         /* "table\x1fkey": records to send out again after the merge */
  GHashTable     *bulk;          /* table → BbMergeBulk */
  const BbSyncTable *batch_table; /* the table of the records waiting in batch */
  sqlite3_stmt   *batch;         /* an INSERT of BB_MERGE_BATCH_ROWS records, bound in turn */
  guint           batch_rows;    /* the records bound to it */
  gint64          newest;        /* the newest version met */
  gboolean        dry_run;
};

typedef struct _BbMergeBulk BbMergeBulk;
/* bb-bundle-merge-bulk.c: the audit lines of @t's records after
 * @rowid_before, in their order, as its insert trigger would have written
 * them, sealed as they are written. */
gboolean      bb_merge_bulk_audit  (BbMerge            *m,
                                    const BbSyncTable  *t,
                                    gint64              rowid_before,
                                    GError            **error);
/* The first column of the one row @sql gives; no row is an error. */
gboolean      bb_merge_query_int   (BbMerge            *m,
                                    const char         *sql,
                                    gint64             *value,
                                    GError            **error);
gboolean      bb_merge_exec        (BbMerge            *m,
                                    const char         *sql,
                                    GError            **error);
/* The secondary indexes of the table ?1, for bb_merge_collect. */
#define BB_MERGE_INDEXES_SQL "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1" \
                             " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
/* Adds the name and the SQL of each row of @sql (with ?1 = @table) to @into. */
gboolean      bb_merge_collect     (BbMerge            *m,
                                    const char         *sql,
                                    const char         *table,
                                    GPtrArray          *into,
                                    GError            **error);
/* Drops each @kind ("TRIGGER", "INDEX") of @names_sql (name, SQL, …),
 * inside the transaction; bb_merge_put_back creates them again. */
gboolean      bb_merge_set_aside   (BbMerge            *m,
                                    const char         *kind,
                                    GPtrArray          *names_sql,
                                    GError            **error);
gboolean      bb_merge_put_back    (BbMerge            *m,
                                    GPtrArray          *names_sql,
                                    GError            **error);
void          bb_merge_bulk_free   (BbMergeBulk *bulk);
/* Whether @t's records are added in bulk (bb_merge_expect). */
gboolean      bb_merge_is_bulk     (BbMerge            *m,
                                    const BbSyncTable  *t);
/* New records of a bulk table are inserted many at once, in their order:
 * one run of the INSERT costs what one record's did.  The statement to
 * bind the next record of @t to, from parameter *@first on, each column
 * of @t in order; bb_merge_batch_bound then counts it. */
sqlite3_stmt *bb_merge_batch_next  (BbMerge            *m,
                                    const BbSyncTable  *t,
                                    int                *first,
                                    GError            **error);
gboolean      bb_merge_batch_bound (BbMerge            *m,
                                    GError            **error);
/* Inserts the records waiting in the batch: before anything else reads
 * or writes the station. */
gboolean      bb_merge_batch_flush (BbMerge            *m,
                                    GError            **error);

char         *bb_merge_key         (const char  *table,
                                    const char  *row_id);
sqlite3_stmt *bb_merge_stmt        (BbMerge     *m,
                                    const char  *sql,
                                    GError     **error);
/* The same for SQL that outlives the merge (a literal, the schema's),
 * found by its address: the statements run for every record. */
sqlite3_stmt *bb_merge_static_stmt (BbMerge     *m,
                                    const char  *sql,
                                    GError     **error);
gboolean      bb_merge_step_done   (BbMerge      *m,
                                    sqlite3_stmt *stmt,
                                    const char   *what,
                                    GError      **error);
gboolean      bb_merge_damaged     (BbMerge     *m,
                                    GError     **error);
void          bb_merge_witness     (BbMerge     *m,
                                    gint64       at);
/* The id here of a record the sender knows as @remote_id. */
const char   *bb_merge_alias       (BbMerge     *m,
                                    const char  *table,
                                    const char  *remote_id);
gboolean      bb_merge_load_aliases (BbMerge    *m,
                                     GError    **error);
gboolean      bb_merge_set_columns (BbMerge            *m,
                                    const char         *table,
                                    const char * const *names,
                                    GError            **error);

/* bb-bundle-merge-record.c: one record's data, @values in this station's
 * column order. */
gboolean      bb_merge_data        (BbMerge            *m,
                                    const BbSyncTable  *t,
                                    sqlite3_value     **values,
                                    GError            **error);
/* A record's local version events and field versions. */
gboolean      bb_merge_local_event (BbMerge            *m,
                                    const BbSyncTable  *t,
                                    const char         *key,
                                    InEvent            *event,
                                    gboolean           *found,
                                    GError            **error);
gboolean      bb_merge_store_event (BbMerge            *m,
                                    const char         *table,
                                    const char         *key,
                                    gint64              at,
                                    const char         *station,
                                    gboolean            alive,
                                    gboolean            has_known,
                                    gint64              known_at,
                                    GError            **error);
/* Binds a key's parts (split on '/') from @first on. */
void          bb_merge_bind_key    (sqlite3_stmt       *stmt,
                                    const BbSyncTable  *t,
                                    const char         *key,
                                    int                 first);

G_END_DECLS
