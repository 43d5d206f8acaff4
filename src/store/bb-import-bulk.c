/* bb-import-bulk.c: the writing side of an import: rows inserted in batches, the insert triggers' work done per batch, indexes set aside */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "bb-import-private.h"
#include "bb-store-private.h"

/* The page cache for a large import: the incident table's indexes stay in
 * memory while a million rows go in, well below the memory target. */
#define IMPORT_CACHE_KIB 131072

/* The page cache while the indexes set aside are built again.  SQLite's
 * sorter keeps as much in memory as the cache holds: with the import's
 * large cache each index is sorted in one piece, on one thread.  With a
 * small one it sorts in pieces of this size on its second thread
 * (PRAGMA threads) while the first reads the table on, and merges them:
 * on two cores the four indexes of a million incidents take about a
 * third less time, and the import less memory. */
#define INDEX_SORT_CACHE_KIB 8192

/* Rows per INSERT statement.  A statement run once per row costs more
 * than the row itself (SQLite builds the lists of its CHECK constraints'
 * IN operators again at every run); one statement for many rows builds
 * them once. */
#define BATCH_ROWS 128

/* Parameters: ?1 station, ?2 the time; then these for each row. */
#define ROW_PARAMS 15

typedef struct {
  guint64     line;
  char        id[37];
  const char *category_id;
  const char *status;
  gint64      occurred_start;
  gint64      occurred_end;
  gint64      reported_at;
  double      lat;
  double      lon;
  gboolean    has_position;
  gboolean    time_unknown;
  gboolean    restricted;
  gboolean    inserted;
  gsize       district_id;       /* offsets in the batch's text, BB_IMPORT_NO_TEXT for NULL */
  gsize       address;
  gsize       description;
  gsize       external_id;
  gsize       fingerprint;
} BatchRow;

typedef struct {
  guint64  line;
  char    *column;
  char    *message;
  gboolean skipped;
  int      row;                  /* a note kept only if this row went in; -1 */
} PendingIssue;

struct _BbImportBulk
{
  BbStore        *store;
  sqlite3        *db;
  BbImportReport *report;
  const char     *station_id;
  gint64          now_us;

  BatchRow        rows[BATCH_ROWS];
  guint           n_rows;
  GString        *text;
  GArray         *issues;          /* PendingIssue */

  sqlite3_stmt   *insert_batch;    /* BATCH_ROWS rows */
  sqlite3_stmt   *insert_one;
  sqlite3_stmt   *find_id;
  sqlite3_stmt   *audit;           /* NULL while the triggers stay */
  gboolean        sealing;         /* audit lines sealed as written, from next_seq on */
  gint64          next_seq;
  sqlite3_stmt   *search;
  gint64          rowid_mark;      /* the rows after it have no audit line yet */
  gint64          rowid_before;    /* the rows after it have no search entry yet */
  gint64          rowid_last;      /* of the last row inserted */

  GPtrArray      *triggers;        /* name, SQL: set aside, put back at the end */
  GPtrArray      *indexes;         /* name, SQL */
  gint64          old_cache;
  gint64          old_threads;
};

static void
pending_issue_clear (PendingIssue *issue)
{
  g_free (issue->column);
  g_free (issue->message);
}

gboolean
bb_import_exec (BbStore     *store,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (bb_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect (BbStore     *store,
         const char  *sql,
         GPtrArray   *found,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (bb_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  return TRUE;
}

/* The exchange's triggers on the audit log act on updates, deletions and
 * the creation of links; a line saying an incident was created wakes
 * none of them.  TRUE for those, known by name and condition. */
static gboolean
ignores_incident_creation (const char *name,
                           const char *sql)
{
  if (g_str_equal (name, "sync_clock_on_update"))
    return strstr (sql, "WHEN new.action = 'update'") != NULL;
  if (g_str_equal (name, "sync_row_on_delete"))
    return strstr (sql, "WHEN new.action = 'delete'") != NULL;
  if (g_str_equal (name, "sync_row_on_create"))
    return strstr (sql, "WHEN new.action = 'create'") != NULL && strstr (sql, "'incident'") == NULL;
  return FALSE;
}

/* The insert triggers of the incident table (the audit log and the
 * full-text index) are set aside and their work done for each batch of
 * new rows at once: with triggers, SQLite runs a program per row and must
 * journal every page each insert touches so that the one statement can
 * be undone.  The audit log's own insert triggers are set aside too when
 * none of them would act on the lines written.  All are put back,
 * unchanged, inside the same transaction; when a trigger Beatbook does
 * not know is there, every trigger stays and runs row by row. */
static gboolean
set_triggers_aside (BbImportBulk  *bulk,
                    GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) on_audit = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gboolean audit_aside = TRUE;

  if (!collect (bulk->store, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incident'"
                             " AND sql LIKE '%INSERT ON incident%'", found, error)
      || !collect (bulk->store, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
                                " AND sql LIKE '%INSERT ON audit_log%'", on_audit, error))
    return FALSE;
  for (guint i = 0; i < found->len; i += 2)
    {
      const char *name = g_ptr_array_index (found, i);

      if (!g_str_equal (name, "incident_fts_insert") && !g_str_equal (name, "audit_incident_insert"))
        return TRUE;
    }
  for (guint i = 0; i < on_audit->len; i += 2)
    audit_aside = audit_aside && ignores_incident_creation (g_ptr_array_index (on_audit, i),
                                                            g_ptr_array_index (on_audit, i + 1));
  if (audit_aside)
    for (guint i = 0; i < on_audit->len; i++)
      g_ptr_array_add (found, g_strdup (g_ptr_array_index (on_audit, i)));

  for (guint i = 0; i < found->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) g_ptr_array_index (found, i));

      if (!bb_import_exec (bulk->store, drop, error))
        return FALSE;
    }

  /* What the triggers would have done for each new row, in their order;
   * each line sealed as it is written (bb-store-audit-chain.c), so that
   * the commit does not write them all again to seal them.  The time and
   * user are bound once: the seal is computed over the values stored.
   * The new rows' rowids follow each other (a rowid table gives each
   * insert the largest rowid plus one), so their lines' seqs do too;
   * catch_up checks it. */
  bulk->sealing = bb_store_audit_chain_open (bulk->store, &bulk->next_seq, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (bulk->sealing)
    bulk->audit = bb_store_prepare (bulk->store,
                                    "INSERT INTO audit_log (seq, at, user_name, action, table_name, row_id, detail,"
                                    " hash) SELECT ?2 + rowid - ?1, ?3, ?4, 'create', 'incident', id, '',"
                                    "   bb_audit_chain (?2 + rowid - ?1, ?3, ?4, 'create', 'incident', id, '')"
                                    " FROM incident WHERE rowid > ?1 ORDER BY rowid", error);
  else
    bulk->audit = bb_store_prepare (bulk->store,
                                    "INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                                    " SELECT ?3, ?4, 'create', 'incident', id"
                                    " FROM incident WHERE rowid > ?1 ORDER BY rowid", error);
  if (bulk->audit != NULL)
    {
      sqlite3_bind_int64 (bulk->audit, 3, bulk->now_us);
      sqlite3_bind_text (bulk->audit, 4, bulk->store->user_name, -1, SQLITE_STATIC);
    }
  bulk->search = bulk->audit == NULL ? NULL
    : bb_store_prepare (bulk->store,
                        "INSERT INTO incident_fts (rowid, description, address)"
                        " SELECT rowid, description, address FROM incident WHERE rowid > ?1", error);
  if (bulk->search == NULL)
    return FALSE;
  bulk->triggers = g_steal_pointer (&found);
  return TRUE;
}

/* For an import larger than the station's incidents, the secondary
 * indexes are dropped and built again at the end: one sort is far cheaper
 * than a million scattered inserts.  The unique index of the sources'
 * numbers and the fingerprints' stay, as the import looks rows up in them. */
static gboolean
set_indexes_aside (BbImportBulk  *bulk,
                   GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  if (!collect (bulk->store, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident'"
                             " AND sql IS NOT NULL AND name NOT IN ('incident_by_external_id', 'incident_by_fingerprint')"
                             " AND sql NOT LIKE 'CREATE UNIQUE%'", found, error))
    return FALSE;
  for (guint i = 0; i < found->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (found, i));

      if (!bb_import_exec (bulk->store, drop, error))
        return FALSE;
    }
  bulk->indexes = g_steal_pointer (&found);
  return TRUE;
}

static sqlite3_stmt *
prepare_insert (BbImportBulk  *bulk,
                guint          n_rows,
                GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO incident (id, station_id, category_id, occurred_start,"
    " occurred_end, time_unknown, reported_at, lat, lon, district_id, district_overridden, address, description,"
    " source, status, restricted, external_id, fingerprint, created_at, updated_at) VALUES ");

  for (guint r = 0; r < n_rows; r++)
    {
      guint p = 3 + r * ROW_PARAMS;

      g_string_append_printf (sql, "%s(?%u, ?1, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, ?%u, 0, ?%u, ?%u, 'import',"
                              " ?%u, ?%u, ?%u, ?%u, ?2, ?2)", r > 0 ? ", " : "",
                              p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10,
                              p + 11, p + 12, p + 13, p + 14);
    }
  g_string_append (sql, " ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING");
  return bb_store_prepare (bulk->store, sql->str, error);
}

BbImportBulk *
bb_import_bulk_begin (BbStore         *store,
                      BbImportReport  *report,
                      guint64          n_rows,
                      GError         **error)
{
  g_autoptr(BbImportBulk) bulk = g_new0 (BbImportBulk, 1);
  g_autofree char *cache_size = g_strdup_printf ("PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
  const char *what = _("Preparing the import");

  bulk->store = store;
  bulk->db = bb_store_get_db (store);
  bulk->report = report;
  bulk->station_id = bb_store_get_station_id (store);
  bulk->now_us = bb_store_now_us ();
  bulk->text = g_string_sized_new (BATCH_ROWS * 160);
  bulk->issues = g_array_new (FALSE, FALSE, sizeof (PendingIssue));
  g_array_set_clear_func (bulk->issues, (GDestroyNotify) pending_issue_clear);
  bulk->old_cache = -2000;
  bulk->old_threads = 0;

  /* A failure here (out of memory, a read error) is an error, never a 0
   * that would, say, put every incident of the station into the audit
   * log again as imported. */
  if (!bb_store_query_int64 (store, "PRAGMA cache_size", what, &bulk->old_cache, error)
      || !bb_store_query_int64 (store, "PRAGMA threads", what, &bulk->old_threads, error)
      || !bb_store_query_int64 (store, "SELECT ifnull (max (rowid), 0) FROM incident", what,
                                &bulk->rowid_before, error)
      || !bb_import_exec (store, cache_size, error)
      || !set_triggers_aside (bulk, error))
    return NULL;
  bulk->rowid_mark = bulk->rowid_last = bulk->rowid_before;
  if (n_rows >= 50000)
    {
      gint64 n_incidents = 0;

      if (!bb_store_query_int64 (store, "SELECT count(*) FROM incident", what, &n_incidents, error))
        return NULL;
      /* the indexes are sorted again on a second core */
      if ((gint64) n_rows >= n_incidents
          && (!set_indexes_aside (bulk, error) || !bb_import_exec (store, "PRAGMA threads = 2", error)))
        return NULL;
    }

  bulk->insert_batch = prepare_insert (bulk, BATCH_ROWS, error);
  bulk->insert_one = bulk->insert_batch == NULL ? NULL : prepare_insert (bulk, 1, error);
  bulk->find_id = bulk->insert_one == NULL ? NULL
    : bb_store_prepare (store, "SELECT 1 FROM incident WHERE id = ?1", error);
  if (bulk->find_id == NULL)
    return NULL;
  sqlite3_bind_text (bulk->insert_batch, 1, bulk->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (bulk->insert_batch, 2, bulk->now_us);
  sqlite3_bind_text (bulk->insert_one, 1, bulk->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (bulk->insert_one, 2, bulk->now_us);
  return g_steal_pointer (&bulk);
}

gsize
bb_import_keep_text (GString    *texts,
                     const char *text)
{
  gsize offset = texts->len;

  if (text == NULL)
    return BB_IMPORT_NO_TEXT;
  g_string_append_len (texts, text, strlen (text) + 1);
  return offset;
}

const char *
bb_import_kept_text (GString *texts,
                     gsize    offset)
{
  return offset == BB_IMPORT_NO_TEXT ? NULL : texts->str + offset;
}

static void
bind_kept (BbImportBulk *bulk,
           sqlite3_stmt *stmt,
           int           index,
           gsize         offset)
{
  /* NULL binds NULL */
  sqlite3_bind_text (stmt, index, bb_import_kept_text (bulk->text, offset), -1, SQLITE_STATIC);
}

static void
bind_row (BbImportBulk   *bulk,
          sqlite3_stmt   *stmt,
          guint           r,
          const BatchRow *row)
{
  int p = 3 + r * ROW_PARAMS;

  sqlite3_bind_text (stmt, p, row->id, 36, SQLITE_STATIC);
  sqlite3_bind_text (stmt, p + 1, row->category_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, p + 2, row->occurred_start);
  if (row->occurred_end != BB_UNSET_TIME)
    sqlite3_bind_int64 (stmt, p + 3, row->occurred_end);
  else
    sqlite3_bind_null (stmt, p + 3);
  sqlite3_bind_int (stmt, p + 4, row->time_unknown);
  if (row->reported_at != BB_UNSET_TIME)
    sqlite3_bind_int64 (stmt, p + 5, row->reported_at);
  else
    sqlite3_bind_null (stmt, p + 5);
  if (row->has_position)
    {
      sqlite3_bind_double (stmt, p + 6, row->lat);
      sqlite3_bind_double (stmt, p + 7, row->lon);
    }
  else
    {
      sqlite3_bind_null (stmt, p + 6);
      sqlite3_bind_null (stmt, p + 7);
    }
  bind_kept (bulk, stmt, p + 8, row->district_id);
  bind_kept (bulk, stmt, p + 9, row->address);
  bind_kept (bulk, stmt, p + 10, row->description);
  sqlite3_bind_text (stmt, p + 11, row->status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, p + 12, row->restricted);
  bind_kept (bulk, stmt, p + 13, row->external_id);
  bind_kept (bulk, stmt, p + 14, row->fingerprint);
}

static gboolean
step_failed (BbImportBulk  *bulk,
             int            rc,
             guint64        line,
             GError       **error)
{
  if (rc == SQLITE_INTERRUPT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled; nothing was imported"));
  else
    g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_REFUSED,
                 _("%s, line %" PRIu64 ": the station refused the row (%s); nothing was imported"),
                 bulk->report->file_name, line, sqlite3_errmsg (bulk->db));
  return FALSE;
}

/* Row by row: what a batch the station refused comes to, so that the
 * message names the line it refused. */
static gboolean
insert_one_by_one (BbImportBulk  *bulk,
                   GError       **error)
{
  for (guint r = 0; r < bulk->n_rows; r++)
    {
      int rc;

      sqlite3_reset (bulk->insert_one);
      bind_row (bulk, bulk->insert_one, 0, &bulk->rows[r]);
      rc = sqlite3_step (bulk->insert_one);
      if (rc != SQLITE_DONE)
        return step_failed (bulk, rc, bulk->rows[r].line, error);
      bulk->rows[r].inserted = sqlite3_changes (bulk->db) > 0;
      if (bulk->rows[r].inserted)
        bulk->rowid_last = sqlite3_last_insert_rowid (bulk->db);
    }
  sqlite3_reset (bulk->insert_one);
  return TRUE;
}

/* SQLite ends the transaction by itself after some failures (an I/O
 * error, a full disk, no memory), even of a statement that only read;
 * every write after that would be saved on its own.  TRUE, with @error
 * set, when that happened. */
static gboolean
transaction_lost (BbImportBulk  *bulk,
                  GError       **error)
{
  if (!sqlite3_get_autocommit (bulk->db))
    return FALSE;
  bb_store_set_error_from_db (bulk->store, error, _("Importing incidents"));
  return TRUE;
}

gboolean
bb_import_bulk_has_incident (BbImportBulk  *bulk,
                             const char    *id,
                             gboolean      *found,
                             GError       **error)
{
  int rc;

  sqlite3_bind_text (bulk->find_id, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (bulk->find_id);
  sqlite3_reset (bulk->find_id);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (bulk->store, error, _("Importing incidents"));
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
insert_rows (BbImportBulk  *bulk,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) partial = NULL;
  sqlite3_stmt *stmt = bulk->insert_batch;
  int rc, changes;

  if (transaction_lost (bulk, error))
    return FALSE;

  if (bulk->n_rows < BATCH_ROWS)
    {
      /* the last rows of the file */
      partial = prepare_insert (bulk, bulk->n_rows, error);
      if (partial == NULL)
        return FALSE;
      sqlite3_bind_text (partial, 1, bulk->station_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (partial, 2, bulk->now_us);
      stmt = partial;
    }
  for (guint r = 0; r < bulk->n_rows; r++)
    bind_row (bulk, stmt, r, &bulk->rows[r]);
  rc = sqlite3_step (stmt);
  changes = sqlite3_changes (bulk->db);
  if (rc == SQLITE_DONE && changes > 0)
    bulk->rowid_last = sqlite3_last_insert_rowid (bulk->db);
  sqlite3_reset (stmt);
  if (rc == SQLITE_INTERRUPT)
    return step_failed (bulk, rc, bulk->rows[0].line, error);
  /* An I/O error, a full disk or no memory can make SQLite roll the
   * whole transaction back by itself: nothing more may be written then,
   * or it would be saved row by row, outside any transaction.  Only a
   * row the station refused is looked for row by row. */
  if (rc != SQLITE_DONE && ((rc & 0xff) != SQLITE_CONSTRAINT || transaction_lost (bulk, error)))
    {
      if (error == NULL || *error == NULL)
        bb_store_set_error_from_db (bulk->store, error, _("Importing incidents"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return insert_one_by_one (bulk, error);

  if ((guint) changes == bulk->n_rows)
    {
      for (guint r = 0; r < bulk->n_rows; r++)
        bulk->rows[r].inserted = TRUE;
      return TRUE;
    }
  /* some were already in the station, or earlier in this file */
  for (guint r = 0; r < bulk->n_rows; r++)
    if (!bb_import_bulk_has_incident (bulk, bulk->rows[r].id, &bulk->rows[r].inserted, error))
      return FALSE;
  return TRUE;
}

static gboolean
step_bulk (BbImportBulk  *bulk,
           sqlite3_stmt  *stmt,
           gint64         rowid,
           GError       **error)
{
  int rc;

  if (transaction_lost (bulk, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_INTERRUPT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled; nothing was imported"));
  else
    bb_store_set_error_from_db (bulk->store, error, _("Importing incidents"));
  return FALSE;
}

/* The audit lines of the @n_new rows after the mark, written while their
 * pages are in memory. */
static gboolean
catch_up (BbImportBulk  *bulk,
          guint          n_new,
          GError       **error)
{
  if (bulk->audit == NULL)
    return TRUE;
  /* seqs without a gap, or the chain would read as lines deleted */
  if (bulk->sealing && bulk->rowid_last - bulk->rowid_mark != (gint64) n_new)
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_REFUSED,
                   _("%s: the station numbered the new incidents out of order; nothing was imported"),
                   bulk->report->file_name);
      return FALSE;
    }
  sqlite3_bind_int64 (bulk->audit, 2, bulk->next_seq - 1);
  if (!step_bulk (bulk, bulk->audit, bulk->rowid_mark, error))
    return FALSE;
  bulk->next_seq += sqlite3_changes (bulk->db);
  bulk->rowid_mark = bulk->rowid_last;
  return TRUE;
}

static gboolean
flush (BbImportBulk  *bulk,
       GError       **error)
{
  guint n_new = 0;

  if (bulk->n_rows > 0 && !insert_rows (bulk, error))
    return FALSE;
  for (guint r = 0; r < bulk->n_rows; r++)
    n_new += bulk->rows[r].inserted;
  /* a trial counts the rows; what they would add is not needed */
  if (bulk->n_rows > 0 && !bulk->report->dry_run && !catch_up (bulk, n_new, error))
    return FALSE;

  for (guint r = 0; r < bulk->n_rows; r++)
    {
      if (bulk->rows[r].inserted)
        {
          bulk->report->imported++;
          if (!bulk->rows[r].has_position)
            bulk->report->without_position++;
        }
      else
        bulk->report->duplicates++;
    }
  /* in the order of the file, as they were found */
  for (guint i = 0; i < bulk->issues->len; i++)
    {
      PendingIssue *issue = &g_array_index (bulk->issues, PendingIssue, i);

      if (issue->row < 0 || bulk->rows[issue->row].inserted)
        bb_import_report_add_issue (bulk->report, issue->line, issue->column, issue->skipped, issue->message);
    }
  g_array_set_size (bulk->issues, 0);
  bulk->n_rows = 0;
  g_string_truncate (bulk->text, 0);
  return TRUE;
}

void
bb_import_bulk_issue (BbImportBulk *bulk,
                      guint64       line,
                      const char   *column,
                      gboolean      skipped,
                      const char   *message)
{
  PendingIssue issue = { line, g_strdup (column), g_strdup (message), skipped, -1 };

  g_array_append_val (bulk->issues, issue);
}

gboolean
bb_import_bulk_add (BbImportBulk              *bulk,
                    const BbImportBulkRow     *values,
                    const char                *note,
                    GError                   **error)
{
  BatchRow *row = &bulk->rows[bulk->n_rows];

  g_assert (bulk->n_rows < BATCH_ROWS);
  row->line = values->line;
  memcpy (row->id, values->id, sizeof row->id);
  row->category_id = values->category_id;
  row->status = values->status;
  row->occurred_start = values->occurred_start;
  row->occurred_end = values->occurred_end;
  row->reported_at = values->reported_at;
  row->lat = values->lat;
  row->lon = values->lon;
  row->has_position = values->has_position;
  row->time_unknown = values->time_unknown;
  row->restricted = values->restricted;
  row->inserted = FALSE;
  row->district_id = bb_import_keep_text (bulk->text, values->district_id);
  row->address = bb_import_keep_text (bulk->text, values->address);
  row->description = bb_import_keep_text (bulk->text, values->description);
  row->external_id = bb_import_keep_text (bulk->text, values->external_id);
  row->fingerprint = bb_import_keep_text (bulk->text, values->fingerprint);
  if (note != NULL)
    {
      PendingIssue issue = { values->line, NULL, g_strdup (note), FALSE, bulk->n_rows };

      g_array_append_val (bulk->issues, issue);
    }
  bulk->n_rows++;
  return bulk->n_rows < BATCH_ROWS || flush (bulk, error);
}

/* FTS5 writes a segment for every 1 MiB of new entries (its "hashsize"),
 * and merges them as it goes; for a large import 16 MiB writes fewer and
 * merges less.  The setting is the station's, so it is put back after. */
#define SEARCH_HASH_BYTES (16 * 1024 * 1024)
#define SEARCH_HASH_DEFAULT (1024 * 1024)

static gboolean
write_search_index (BbImportBulk  *bulk,
                    GError       **error)
{
  g_autofree char *restore = NULL;
  g_autofree char *set = NULL;
  gint64 old = -1;

  if (bulk->rowid_mark - bulk->rowid_before < 50000)
    return step_bulk (bulk, bulk->search, bulk->rowid_before, error);

  if (!bb_store_query_int64 (bulk->store, "SELECT ifnull ((SELECT v FROM incident_fts_config WHERE k = 'hashsize'), -1)",
                             _("Importing incidents"), &old, error))
    return FALSE;
  set = g_strdup_printf ("INSERT INTO incident_fts (incident_fts, rank) VALUES ('hashsize', %d)", SEARCH_HASH_BYTES);
  if (old > 0)
    restore = g_strdup_printf ("INSERT INTO incident_fts (incident_fts, rank) VALUES ('hashsize', %" G_GINT64_FORMAT ")",
                               old);
  else
    restore = g_strdup_printf ("INSERT INTO incident_fts (incident_fts, rank) VALUES ('hashsize', %d);"
                               " DELETE FROM incident_fts_config WHERE k = 'hashsize'", SEARCH_HASH_DEFAULT);
  return bb_import_exec (bulk->store, set, error)
         && step_bulk (bulk, bulk->search, bulk->rowid_before, error)
         && bb_import_exec (bulk->store, restore, error);
}

/* Of the time after the rows, the search index's share; the indexes
 * share the rest (measured on a million rows: 1.5 s and 3.5 s). */
#define SEARCH_SHARE 0.3
#define BEFORE_COMMIT 0.97

double
bb_import_bulk_get_rows_share (BbImportBulk *bulk)
{
  /* a trial builds no index */
  return bulk->indexes != NULL && bulk->indexes->len > 0 && !bulk->report->dry_run ? 0.5 : 0.95;
}

static void
step_done (BbImportBulk         *bulk,
           double                part,
           BbImportProgressFunc  progress,
           gpointer              progress_data)
{
  double from = bb_import_bulk_get_rows_share (bulk);

  if (progress != NULL)
    progress (from + (BEFORE_COMMIT - from) * part, progress_data);
}

gboolean
bb_import_bulk_finish (BbImportBulk          *bulk,
                       BbImportProgressFunc   progress,
                       gpointer               progress_data,
                       GError               **error)
{
  guint n_indexes = bulk->indexes != NULL ? bulk->indexes->len / 2 : 0;

  if (!flush (bulk, error))
    return FALSE;
  bb_store_audit_chain_close (bulk->store);
  bulk->sealing = FALSE;
  /* A trial is taken back: the rollback puts the triggers and indexes
   * back as they were, and the search index would be thrown away. */
  if (bulk->report->dry_run)
    return TRUE;
  /* The search index in one statement: FTS5 writes what it holds in
   * memory at the end of every statement, so a statement per batch would
   * leave thousands of small segments to merge. */
  if (bulk->search != NULL && !write_search_index (bulk, error))
    return FALSE;
  g_debug ("search index written (%.3f s CPU)", (double) clock () / CLOCKS_PER_SEC);
  step_done (bulk, n_indexes > 0 ? SEARCH_SHARE : 1, progress, progress_data);
  g_clear_pointer (&bulk->insert_batch, sqlite3_finalize);
  g_clear_pointer (&bulk->insert_one, sqlite3_finalize);
  g_clear_pointer (&bulk->find_id, sqlite3_finalize);
  g_clear_pointer (&bulk->audit, sqlite3_finalize);
  g_clear_pointer (&bulk->search, sqlite3_finalize);

  for (guint i = 0; bulk->triggers != NULL && i < bulk->triggers->len; i += 2)
    if (!bb_import_exec (bulk->store, g_ptr_array_index (bulk->triggers, i + 1), error))
      return FALSE;
  if (n_indexes > 0 && g_get_num_processors () > 1)
    {
      g_autofree char *cache_size = g_strdup_printf ("PRAGMA cache_size = -%d", INDEX_SORT_CACHE_KIB);

      if (!bb_import_exec (bulk->store, cache_size, error))
        return FALSE;
    }
  for (guint i = 0; i < n_indexes; i++)
    {
      if (!bb_import_exec (bulk->store, g_ptr_array_index (bulk->indexes, 2 * i + 1), error))
        return FALSE;
      g_debug ("%s built (%.3f s CPU)", (char *) g_ptr_array_index (bulk->indexes, 2 * i),
               (double) clock () / CLOCKS_PER_SEC);
      step_done (bulk, SEARCH_SHARE + (1 - SEARCH_SHARE) * (i + 1) / n_indexes, progress, progress_data);
    }
  return TRUE;
}

void
bb_import_bulk_free (BbImportBulk *bulk)
{
  g_autofree char *restore = NULL;

  if (bulk == NULL)
    return;
  g_clear_pointer (&bulk->insert_batch, sqlite3_finalize);
  g_clear_pointer (&bulk->insert_one, sqlite3_finalize);
  g_clear_pointer (&bulk->find_id, sqlite3_finalize);
  g_clear_pointer (&bulk->audit, sqlite3_finalize);
  g_clear_pointer (&bulk->search, sqlite3_finalize);
  g_clear_pointer (&bulk->triggers, g_ptr_array_unref);
  g_clear_pointer (&bulk->indexes, g_ptr_array_unref);
  if (bulk->sealing)
    bb_store_audit_chain_close (bulk->store);
  g_array_unref (bulk->issues);
  g_string_free (bulk->text, TRUE);

  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA threads = %" G_GINT64_FORMAT,
                             bulk->old_cache, bulk->old_threads);
  {
    BB_STORE_LOCK_SCOPE (bulk->store);

    sqlite3_exec (bulk->db, restore, NULL, NULL, NULL);
  }
  g_free (bulk);
}
