/* bb-bundle-merge-finish.c: the end of a merge: deletions, records known under two ids, records left without their parent, bulk work */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "bb-bundle-merge-private.h"

/* Bulk inserts ------------------------------------------------------------ */

/* A table that receives more records than it holds (a first exchange with
 * headquarters): its insert triggers and secondary indexes are set aside,
 * inside the transaction, and their work is done once at the end, as the
 * CSV import does.  Only triggers Beatbook knows are set aside. */
struct _BbMergeBulk
{
  char      *table;
  GPtrArray *triggers;   /* name, SQL, name, SQL, … */
  GPtrArray *indexes;
  gint64     rowid_before;
};

#define BULK_THRESHOLD 50000

static guint64 bulk_threshold = BULK_THRESHOLD;

void
bb_merge_set_bulk_threshold (guint64 n_records)
{
  bulk_threshold = n_records > 0 ? n_records : BULK_THRESHOLD;
}

void
bb_merge_bulk_free (BbMergeBulk *bulk)
{
  g_free (bulk->table);
  g_ptr_array_unref (bulk->triggers);
  g_ptr_array_unref (bulk->indexes);
  g_free (bulk);
}

gboolean
bb_merge_expect (BbMerge     *m,
                 const char  *table,
                 guint64      n_records,
                 GError     **error)
{
  const BbSyncTable *t = bb_sync_schema_lookup (m->schema, table);
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *fts = NULL;
  BbMergeBulk *bulk;
  gint64 n;

  if (t == NULL)
    return TRUE;
  count = g_strdup_printf ("SELECT (SELECT count(*) FROM \"%s\") + (SELECT count(*) FROM sync_row WHERE tbl = '%s')",
                           table, table);
  /* An empty table without tombstones: its records are new, no look-up. */
  if (!bb_merge_query_int (m, count, &n, error))
    return FALSE;
  if (n == 0)
    g_hash_table_add (m->fresh_tables, g_strdup (table));
  g_clear_pointer (&count, g_free);
  if (t->without_rowid || t->n_pk != 1 || n_records < bulk_threshold)
    return TRUE;
  count = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (!bb_merge_query_int (m, count, &n, error))
    return FALSE;
  if ((gint64) n_records < n)
    return TRUE;

  audit = g_strdup_printf ("audit_%s_insert", table);
  fts = g_strdup_printf ("%s_fts_insert", table);
  if (!bb_merge_collect (m, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1"
                            " AND sql LIKE '%INSERT ON%'", table, triggers, error))
    return FALSE;
  for (guint i = 0; i < triggers->len; i += 2)
    {
      const char *name = g_ptr_array_index (triggers, i);

      if (!g_str_equal (name, audit) && !g_str_equal (name, fts))
        return TRUE;   /* a trigger this code does not know: everything row by row */
    }
  if (!bb_merge_collect (m, BB_MERGE_INDEXES_SQL, table, indexes, error))
    return FALSE;

  g_free (count);
  count = g_strdup_printf ("SELECT ifnull (max (rowid), 0) FROM \"%s\"", table);
  if (!bb_merge_query_int (m, count, &n, error))
    return FALSE;
  bulk = g_new0 (BbMergeBulk, 1);
  bulk->table = g_strdup (table);
  bulk->triggers = g_steal_pointer (&triggers);
  bulk->indexes = g_steal_pointer (&indexes);
  bulk->rowid_before = n;
  g_hash_table_insert (m->bulk, g_strdup (table), bulk);

  return bb_merge_set_aside (m, "TRIGGER", bulk->triggers, error)
         && bb_merge_set_aside (m, "INDEX", bulk->indexes, error);
}

static gboolean
bulk_restore (BbMerge     *m,
              BbMergeBulk *bulk,
              GError     **error)
{
  const BbSyncTable *t = bb_sync_schema_lookup (m->schema, bulk->table);

  for (guint i = 0; i < bulk->triggers->len; i += 2)
    {
      const char *name = g_ptr_array_index (bulk->triggers, i);
      g_autofree char *sql = NULL;

      /* What the trigger would have done for each new record, in order. */
      if (g_str_has_prefix (name, "audit_"))
        {
          if (!bb_merge_bulk_audit (m, t, bulk->rowid_before, error))
            return FALSE;
        }
      else
        {
          sql = g_strdup_printf ("INSERT INTO %s_fts (rowid, description, address)"
                                 " SELECT rowid, description, address FROM \"%s\" WHERE rowid > %" G_GINT64_FORMAT,
                                 t->name, t->name, bulk->rowid_before);
          if (!bb_merge_exec (m, sql, error))
            return FALSE;
        }
      if (!bb_merge_exec (m, g_ptr_array_index (bulk->triggers, i + 1), error))
        return FALSE;
      g_debug ("%s: the work of %s done (%.3f s CPU so far)", t->name, name, (double) clock () / CLOCKS_PER_SEC);
    }
  if (!bb_merge_put_back (m, bulk->indexes, error))
    return FALSE;
  g_debug ("%s: indexes made (%.3f s CPU so far)", t->name, (double) clock () / CLOCKS_PER_SEC);
  return TRUE;
}

/* Keys ------------------------------------------------------------------- */

/* The key here of a record the sender names @remote_key. */
static char *
local_key (BbMerge           *m,
           const BbSyncTable *t,
           const char        *remote_key)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) key = g_string_new (NULL);

  if (t->n_pk == 1)
    return g_strdup (bb_merge_alias (m, t->name, remote_key));
  parts = g_strsplit (remote_key, "/", (int) t->n_pk);
  for (guint k = 0; k < t->n_pk && parts[k] != NULL; k++)
    {
      const BbSyncColumn *c = &g_array_index (t->columns, BbSyncColumn, t->pk_columns[k]);

      if (k > 0)
        g_string_append_c (key, '/');
      g_string_append (key, c->ref_table != NULL ? bb_merge_alias (m, c->ref_table, parts[k]) : parts[k]);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

static gboolean
touch_later (BbMerge           *m,
             const BbSyncTable *t,
             const char        *key)
{
  g_ptr_array_add (m->touch, bb_merge_key (t->name, key));
  return TRUE;
}

/* A record kept here against the other station's deletion goes back with
 * the records that belong to it: the other station dropped those it got
 * from here while the record was deleted there. */
static gboolean
touch_family (BbMerge           *m,
              const BbSyncTable *t,
              const char        *key,
              guint              depth,
              GError           **error)
{
  touch_later (m, t, key);
  if (depth >= 3 || t->n_pk != 1)
    return TRUE;
  for (guint i = 0; i < t->referenced_by->len; i++)
    {
      const BbSyncReference *ref = g_ptr_array_index (t->referenced_by, i);
      g_autofree char *sql = NULL;
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;

      if (g_strcmp0 (ref->on_delete, "CASCADE") != 0)
        continue;
      sql = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE \"%s\" = ?1", ref->table->key_sql, ref->table->name,
                             g_array_index (ref->table->columns, BbSyncColumn, ref->column).name);
      stmt = bb_merge_stmt (m, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (children, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      for (guint c = 0; c < children->len; c++)
        if (!touch_family (m, ref->table, g_ptr_array_index (children, c), depth + 1, error))
          return FALSE;
    }
  return TRUE;
}

/* Deletions --------------------------------------------------------------- */

static gboolean
still_used (BbMerge           *m,
            const BbSyncTable *t,
            const char        *key,
            gboolean          *used,
            GError           **error)
{
  *used = FALSE;
  if (t->n_pk != 1)
    return TRUE;
  for (guint i = 0; i < t->referenced_by->len && !*used; i++)
    {
      const BbSyncReference *ref = g_ptr_array_index (t->referenced_by, i);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (g_strcmp0 (ref->on_delete, "CASCADE") == 0 || g_strcmp0 (ref->on_delete, "SET NULL") == 0
          || g_strcmp0 (ref->on_delete, "SET DEFAULT") == 0)
        continue;
      sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1 LIMIT 1", ref->table->name,
                             g_array_index (ref->table->columns, BbSyncColumn, ref->column).name);
      stmt = bb_merge_stmt (m, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      *used = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
add_conflict (BbMerge             *m,
              const BbSyncTable   *t,
              const char          *key,
              BbSyncConflictKind   kind,
              const char          *local_json,
              const BbSyncVersion *local,
              const BbSyncVersion *remote,
              gboolean             remote_won,
              GError             **error)
{
  BbSyncConflictNew c = {
    .table = t->name, .row_id = key, .kind = kind, .local_json = local_json,
    .local = local, .remote = remote, .remote_won = remote_won,
  };
  gboolean added = FALSE;

  if (!bb_sync_conflict_add (m->store, m->header, m->schema, &c, &added, error))
    return FALSE;
  if (added)
    m->result->conflicts++;
  return TRUE;
}

/* The newest version of a record's fields here. */
static gboolean
newest_here (BbMerge           *m,
             const BbSyncTable *t,
             const char        *key,
             const InEvent     *event,
             BbSyncVersion     *newest,
             char             **station,
             gint64            *newest_clock,
             GError           **error)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  newest->at = 0;
  newest->station = "";
  *newest_clock = 0;
  if (t->created_column >= 0)
    {
      sql = g_strdup_printf ("SELECT created_at, \"%s\" FROM \"%s\" WHERE %s",
                             g_array_index (t->columns, BbSyncColumn, t->station_column).name, t->name, where);
      stmt = bb_merge_stmt (m, sql, error);
      if (stmt == NULL)
        return FALSE;
      bb_merge_bind_key (stmt, t, key, 1);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          newest->at = sqlite3_column_int64 (stmt, 0);
          *station = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  else if (event != NULL && event->alive)
    {
      newest->at = event->at;
      *station = g_strdup (event->station);
    }

  stmt = bb_merge_static_stmt (m, "SELECT at, station FROM sync_clock WHERE tbl = ?1 AND row_id = ?2 ORDER BY at DESC, station DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BbSyncVersion c = { sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1) };

      *newest_clock = c.at;
      if (bb_sync_version_compare (&c, newest) > 0)
        {
          g_free (*station);
          *station = g_strdup (c.station);
          newest->at = c.at;
        }
    }
  sqlite3_reset (stmt);
  newest->station = *station != NULL ? *station : "";
  return TRUE;
}

static gboolean
delete_record (BbMerge           *m,
               const BbSyncTable *t,
               const char        *key,
               GError           **error)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE %s", t->name, where);
  sqlite3_stmt *stmt = bb_merge_stmt (m, sql, error);

  if (stmt == NULL)
    return FALSE;
  bb_merge_bind_key (stmt, t, key, 1);
  if (!bb_merge_step_done (m, stmt, _("Deleting a record deleted at the other station"), error))
    return FALSE;
  stmt = bb_merge_static_stmt (m, "DELETE FROM sync_clock WHERE tbl = ?1 AND row_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  return bb_merge_step_done (m, stmt, _("Deleting a record deleted at the other station"), error);
}

static gboolean
record_exists (BbMerge           *m,
               const BbSyncTable *t,
               const char        *key,
               gboolean          *exists,
               GError           **error)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE %s", t->name, where);
  sqlite3_stmt *stmt = bb_merge_stmt (m, sql, error);

  if (stmt == NULL)
    return FALSE;
  bb_merge_bind_key (stmt, t, key, 1);
  *exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/* A tombstone without its record: the record was deleted there. */
static gboolean
apply_tombstone (BbMerge           *m,
                 const BbSyncTable *t,
                 const char        *remote_key,
                 const InEvent     *e,
                 GError           **error)
{
  g_autofree char *key = local_key (m, t, remote_key);
  g_autofree char *newest_station = NULL;
  InEvent here = { 0 };
  BbSyncVersion dead = { e->at, e->station }, newest;
  gboolean has_here = FALSE, exists = FALSE, used = FALSE, ok = FALSE;
  gint64 newest_clock = 0;

  if (!bb_merge_local_event (m, t, key, &here, &has_here, error))
    goto out;
  if (has_here && bb_sync_version_compare (&(BbSyncVersion) { here.at, here.station }, &dead) >= 0)
    {
      ok = TRUE;
      goto out;
    }
  if (!record_exists (m, t, key, &exists, error))
    goto out;
  if (!exists)
    {
      ok = bb_merge_store_event (m, t->name, key, e->at, e->station, FALSE, e->has_known, e->known_at, error);
      goto out;
    }

  if (!newest_here (m, t, key, has_here ? &here : NULL, &newest, &newest_station, &newest_clock, error))
    goto out;
  if (bb_sync_version_compare (&newest, &dead) > 0)
    {
      g_autofree char *json = bb_sync_row_to_json (m->store, t, key);

      /* Changed here after it was deleted there: it stays, and goes back. */
      ok = bb_merge_store_event (m, t->name, key, e->at, e->station, FALSE, e->has_known, e->known_at, error)
           && add_conflict (m, t, key, BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE, json, &newest, &dead, FALSE, error)
           && touch_family (m, t, key, 0, error);
      m->result->unchanged++;
      goto out;
    }
  if (!still_used (m, t, key, &used, error))
    goto out;
  if (used)
    {
      g_autofree char *json = bb_sync_row_to_json (m->store, t, key);
      gint64 now = bb_sync_clock_tick (m->store);

      /* Records here still need it (incidents of a category): it stays,
       * and comes back at the other station. */
      ok = bb_merge_store_event (m, t->name, key, now, m->here, TRUE, FALSE, 0, error)
           && add_conflict (m, t, key, BB_SYNC_CONFLICT_IN_USE, json, &newest, &dead, FALSE, error)
           && touch_family (m, t, key, 0, error);
      m->result->unchanged++;
      goto out;
    }

  {
    g_autofree char *json = bb_sync_row_to_json (m->store, t, key);

    if (!delete_record (m, t, key, error)
        || !bb_merge_store_event (m, t->name, key, e->at, e->station, FALSE, e->has_known, e->known_at, error))
      goto out;
    m->result->deleted++;
    /* Changes made here that the deleting station had not seen. */
    if (newest_clock > 0 && (!e->has_known || newest_clock > e->known_at)
        && !add_conflict (m, t, key, BB_SYNC_CONFLICT_DELETED_THERE, json, &newest, &dead, TRUE, error))
      goto out;
  }
  ok = TRUE;

out:
  g_free (here.station);
  return ok;
}

/* References --------------------------------------------------------------- */

/* Records of this bundle that referred to a record by the sender's id
 * before it was matched to one here. */
static gboolean
fix_aliases (BbMerge  *m,
             GError  **error)
{
  for (guint i = 0; i < m->new_aliases->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (m->new_aliases, i), "\x1f", 3);
      const BbSyncTable *t = bb_sync_schema_lookup (m->schema, parts[0]);

      for (guint r = 0; t != NULL && r < t->referenced_by->len; r++)
        {
          const BbSyncReference *ref = g_ptr_array_index (t->referenced_by, r);
          const char *column = g_array_index (ref->table->columns, BbSyncColumn, ref->column).name;
          g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?2 WHERE \"%s\" = ?1",
                                                  ref->table->name, column, column);
          sqlite3_stmt *stmt = bb_merge_stmt (m, sql, error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, parts[1], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, parts[2], -1, SQLITE_STATIC);
          if (!bb_merge_step_done (m, stmt, _("Matching records kept at both stations"), error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
has_open_references (BbMerge *m)
{
  int current = 0, highest = 0;

  sqlite3_db_status (m->db, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0);
  return current != 0;
}

/* The records of @t whose @column names @value, a record deleted here:
 * they go, and are listed with their values. */
static gboolean
drop_children (BbMerge           *m,
               const BbSyncTable *t,
               const char        *column,
               const char        *value,
               gint64             deleted_at,
               GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE \"%s\" = ?1", t->key_sql, t->name, column);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = bb_merge_stmt (m, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *json = bb_sync_row_to_json (m->store, t, key);
      BbSyncVersion deleted = { deleted_at, m->here };
      BbSyncConflictNew c = {
        .table = t->name, .row_id = key, .kind = BB_SYNC_CONFLICT_DELETED_HERE,
        .remote_json = json, .local = &deleted, .remote_won = FALSE,
      };
      gboolean added = FALSE;

      if (!bb_sync_conflict_add (m->store, m->header, m->schema, &c, &added, error)
          || !delete_record (m, t, key, error))
        return FALSE;
      m->result->deleted++;
      if (added)
        m->result->conflicts++;
    }
  return TRUE;
}

/* Records whose parent was deleted here: they follow it, as they would
 * have had they been here when it was deleted. */
static gboolean
settle_orphans (BbMerge   *m,
                guint     *unresolved,
                GError   **error)
{
  *unresolved = 0;
  for (guint i = 0; i < m->schema->tables->len; i++)
    {
      const BbSyncTable *t = g_ptr_array_index (m->schema->tables, i);

      for (guint c = 0; c < t->columns->len; c++)
        {
          const BbSyncColumn *column = &g_array_index (t->columns, BbSyncColumn, c);
          const BbSyncTable *parent = bb_sync_schema_lookup (m->schema, column->ref_table);
          const char *parent_key;
          g_autofree char *sql = NULL;
          g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
          sqlite3_stmt *stmt;

          if (parent == NULL || parent->n_pk != 1)
            continue;
          parent_key = g_array_index (parent->columns, BbSyncColumn, parent->pk_columns[0]).name;
          sql = g_strdup_printf ("SELECT DISTINCT c.\"%s\" FROM \"%s\" AS c WHERE c.\"%s\" IS NOT NULL"
                                 " AND NOT EXISTS (SELECT 1 FROM \"%s\" AS p WHERE p.\"%s\" = c.\"%s\")",
                                 column->name, t->name, column->name, parent->name, parent_key, column->name);
          stmt = bb_merge_stmt (m, sql, error);
          if (stmt == NULL)
            return FALSE;
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (missing, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);

          for (guint k = 0; k < missing->len; k++)
            {
              const char *value = g_ptr_array_index (missing, k);
              InEvent tomb = { 0 };
              gboolean has_tomb = FALSE;
              g_autofree char *action = NULL;

              if (!bb_merge_local_event (m, parent, value, &tomb, &has_tomb, error))
                return FALSE;
              g_free (tomb.station);
              if (!has_tomb || tomb.alive)
                {
                  (*unresolved)++;
                  continue;
                }
              if (g_strcmp0 (column->on_delete, "SET NULL") == 0)
                {
                  action = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = NULL WHERE \"%s\" = ?1",
                                            t->name, column->name, column->name);
                  stmt = bb_merge_stmt (m, action, error);
                  if (stmt == NULL)
                    return FALSE;
                  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
                  if (!bb_merge_step_done (m, stmt, _("Following a deletion made here"), error))
                    return FALSE;
                  continue;
                }
              if (!drop_children (m, t, column->name, value, tomb.at, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
bb_merge_finish (BbMerge  *m,
                 GError  **error)
{
  GHashTableIter iter;
  gpointer key, value;
  guint unresolved = 0;

  if (!bb_merge_batch_flush (m, error))
    return FALSE;
  bb_sync_clock_witness (m->store, m->newest);

  g_hash_table_iter_init (&iter, m->bulk);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!bulk_restore (m, value, error))
      return FALSE;
  g_hash_table_remove_all (m->bulk);
  g_debug ("bulk work done");

  g_hash_table_iter_init (&iter, m->events);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      InEvent *e = value;
      g_auto(GStrv) parts = NULL;
      const BbSyncTable *t;

      if (e->used)
        continue;
      parts = g_strsplit (key, "\x1f", 2);
      t = bb_sync_schema_lookup (m->schema, parts[0]);
      if (t == NULL || parts[1] == NULL)
        continue;
      if (!e->alive)
        {
          if (!apply_tombstone (m, t, parts[1], e, error))
            return FALSE;
        }
    }

  if (!fix_aliases (m, error))
    return FALSE;
  g_debug ("tombstones and aliases done; references %s", has_open_references (m) ? "open" : "settled");
  if (has_open_references (m) && !settle_orphans (m, &unresolved, error))
    return FALSE;
  if (unresolved > 0 || has_open_references (m))
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER,
                   _("Records of this bundle refer to records this station does not have yet"));
      return FALSE;
    }
  return TRUE;
}

/* Records kept here against a deletion there go out again with the next
 * bundle: a change after the bundle's own lines in the audit log. */
gboolean
bb_merge_touch (BbMerge  *m,
                GError  **error)
{
  for (guint i = 0; i < m->touch->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (m->touch, i), "\x1f", 2);
      const BbSyncTable *t = bb_sync_schema_lookup (m->schema, parts[0]);
      g_autofree char *where = NULL;
      g_autofree char *sql = NULL;
      const char *column;
      sqlite3_stmt *stmt;

      if (t == NULL)
        continue;
      column = t->updated_column >= 0 ? "updated_at"
                                      : g_array_index (t->columns, BbSyncColumn, t->pk_columns[0]).name;
      where = bb_sync_table_key_where (t);
      sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = \"%s\" WHERE %s", t->name, column, column, where);
      stmt = bb_merge_stmt (m, sql, error);
      if (stmt == NULL)
        return FALSE;
      bb_merge_bind_key (stmt, t, parts[1], 1);
      if (!bb_merge_step_done (m, stmt, _("Applying the bundle"), error))
        return FALSE;
    }
  return TRUE;
}
