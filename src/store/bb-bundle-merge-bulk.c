/* bb-bundle-merge-bulk.c: a large first exchange: indexes and triggers set aside inside the transaction, audit lines written and sealed at once */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-bundle-merge-private.h"

/* A first exchange (a table receiving more records than it holds) sets
 * the table's insert triggers and secondary indexes aside and does their
 * work once at the end (bb-bundle-merge-finish.c).  Its audit lines cost
 * more than the lines themselves in three places, also avoided here:
 *   - the audit log's insert triggers that record this station's own
 *     changes for the next bundle: while a bundle is applied they do
 *     nothing (bb_sync_local () is false), yet SQLite runs each of them
 *     for every line;
 *   - the index of lines by record, filled in the order of random ids:
 *     built once after the lines when they are more than the log held;
 *   - the seal of every line at the commit, which rewrote each line once
 *     more: the lines are sealed as they are written.
 * Everything happens inside the bundle's transaction: a rollback brings
 * the triggers, the indexes and the log back as they were. */

gboolean
bb_merge_query_int (BbMerge     *m,
                    const char  *sql,
                    gint64      *value,
                    GError     **error)
{
  return bb_store_query_int64 (m->store, sql, _("Applying the bundle"), value, error);
}

gboolean
bb_merge_exec (BbMerge     *m,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (m->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (m->store, error, _("Applying the bundle"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_merge_collect (BbMerge     *m,
                  const char  *sql,
                  const char  *table,
                  GPtrArray   *into,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (m->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (m->store, error, _("Applying the bundle"));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (into, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  return TRUE;
}

gboolean
bb_merge_set_aside (BbMerge     *m,
                    const char  *kind,
                    GPtrArray   *names_sql,
                    GError     **error)
{
  for (guint i = 0; i < names_sql->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP %s \"%s\"", kind, (char *) g_ptr_array_index (names_sql, i));

      if (!bb_merge_exec (m, drop, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
bb_merge_put_back (BbMerge     *m,
                   GPtrArray   *names_sql,
                   GError     **error)
{
  for (guint i = 0; i < names_sql->len; i += 2)
    if (!bb_merge_exec (m, g_ptr_array_index (names_sql, i + 1), error))
      return FALSE;
  return TRUE;
}

gboolean
bb_merge_bulk_audit (BbMerge            *m,
                     const BbSyncTable  *t,
                     gint64              rowid_before,
                     GError            **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last = g_strdup_printf ("SELECT ifnull (max (rowid), 0) FROM \"%s\"", t->name);
  g_autofree char *sql = NULL;
  gint64 n_before, n_lines, last_seq;
  gboolean ok;

  /* Their work is only skipped while the bundle's changes are applied. */
  g_assert (m->store->sync_applying);
  if (!bb_merge_query_int (m, "SELECT count(*) FROM audit_log", &n_before, error)
      || !bb_merge_query_int (m, last, &n_lines, error)
      || !bb_merge_query_int (m, "SELECT ifnull (max (seq), 0) FROM audit_log", &last_seq, error))
    return FALSE;
  n_lines -= rowid_before;
  if (!bb_merge_collect (m, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1"
                            " AND sql LIKE '%AFTER INSERT ON audit_log%' AND sql LIKE '%AND bb_sync_local () AND%'",
                         "audit_log", triggers, error)
      || (n_lines >= n_before && !bb_merge_collect (m, BB_MERGE_INDEXES_SQL, "audit_log", indexes, error))
      || !bb_merge_set_aside (m, "TRIGGER", triggers, error)
      || !bb_merge_set_aside (m, "INDEX", indexes, error))
    return FALSE;

  if (m->store->schema_version >= 8)
    {
      /* Numbered and sealed as they are written: the commit has nothing
       * left to rewrite.  The time and the user are one value for all
       * (one transaction), so that a line's seal is over what it holds
       * however often SQLite reads them. */
      sql = g_strdup_printf ("INSERT INTO audit_log (seq, at, user_name, action, table_name, row_id, detail, hash)"
                             " SELECT s, %" G_GINT64_FORMAT ", u, 'create', '%s', k, '',"
                             " bb_audit_chain (s, %" G_GINT64_FORMAT ", u, 'create', '%s', k, '')"
                             " FROM (SELECT %" G_GINT64_FORMAT " + row_number () OVER (ORDER BY rowid) AS s,"
                             " bb_audit_user () AS u, %s AS k FROM \"%s\" WHERE rowid > %" G_GINT64_FORMAT ")",
                             m->result->applied_at, t->name, m->result->applied_at, t->name,
                             last_seq,
                             t->key_sql, t->name, rowid_before);
      ok = bb_store_audit_run_sealed (m->store, sql, error);
    }
  else
    {
      sql = g_strdup_printf ("INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                             " SELECT bb_now_us (), bb_audit_user (), 'create', '%s', %s FROM \"%s\""
                             " WHERE rowid > %" G_GINT64_FORMAT " ORDER BY rowid",
                             t->name, t->key_sql, t->name, rowid_before);
      ok = bb_merge_exec (m, sql, error);
    }
  return ok && bb_merge_put_back (m, triggers, error) && bb_merge_put_back (m, indexes, error);
}

/* Batches ------------------------------------------------------------------ */

/* A record's INSERT costs more than its row: the table's CHECK
 * constraints with a list of values ("source IN (…)") build a temporary
 * table on every run of the statement, and every run opens a cursor on
 * the table and each of its indexes.  A batch pays that once for many
 * records.  Its rows are a VALUES list with a last column set only for
 * the rows bound, so that a batch cut short at the end inserts those
 * alone, in their order. */
#define BB_MERGE_BATCH_ROWS 64

static char *
batch_sql (const BbSyncTable *t)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n = t->columns->len;

  g_string_append_printf (sql, "INSERT INTO \"%s\" (", t->name);
  for (guint c = 0; c < n; c++)
    g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "",
                            g_array_index (t->columns, BbSyncColumn, c).name);
  g_string_append (sql, ") SELECT ");
  for (guint c = 0; c < n; c++)
    g_string_append_printf (sql, "%scolumn%u", c > 0 ? ", " : "", c + 1);
  g_string_append (sql, " FROM (VALUES ");
  for (guint r = 0; r < BB_MERGE_BATCH_ROWS; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 0; c <= n; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append_c (sql, ')');
    }
  g_string_append_printf (sql, ") WHERE column%u IS NOT NULL", n + 1);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

gboolean
bb_merge_is_bulk (BbMerge           *m,
                  const BbSyncTable *t)
{
  return g_hash_table_contains (m->bulk, t->name);
}

gboolean
bb_merge_batch_flush (BbMerge  *m,
                      GError  **error)
{
  const BbSyncTable *t = m->batch_table;
  sqlite3_stmt *stmt = m->batch;
  gboolean ok;

  if (m->batch_rows == 0)
    return TRUE;
  ok = bb_merge_step_done (m, stmt, t->record_type != NULL ? t->record_type->label : t->name, error);
  sqlite3_clear_bindings (stmt);
  m->batch_rows = 0;
  return ok;
}

sqlite3_stmt *
bb_merge_batch_next (BbMerge            *m,
                     const BbSyncTable  *t,
                     int                *first,
                     GError            **error)
{
  if (m->batch_table != t)
    {
      g_autofree char *sql = NULL;

      if (!bb_merge_batch_flush (m, error))
        return NULL;
      sql = batch_sql (t);
      /* kept with the merge's other statements */
      m->batch = bb_merge_stmt (m, sql, error);
      if (m->batch == NULL)
        return NULL;
      m->batch_table = t;
    }
  *first = (int) (m->batch_rows * (t->columns->len + 1)) + 1;
  return m->batch;
}

gboolean
bb_merge_batch_bound (BbMerge  *m,
                      GError  **error)
{
  const BbSyncTable *t = m->batch_table;
  int mark = (int) ((m->batch_rows + 1) * (t->columns->len + 1));

  sqlite3_bind_int (m->batch, mark, 1);
  if (++m->batch_rows < BB_MERGE_BATCH_ROWS)
    return TRUE;
  return bb_merge_batch_flush (m, error);
}
