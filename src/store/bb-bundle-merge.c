/* bb-bundle-merge.c: applying one record of a bundle: latest change wins per field, conflicts kept for review */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-bundle-merge-private.h"

/* A record of a bundle is the sender's current state of it and the
 * versions of its fields.  Merging it takes, field by field, the value
 * with the newer version: the outcome does not depend on the order
 * bundles arrive in, nor on how often.  Where both sides changed a field
 * without seeing the other's change, the losing value is kept in the
 * list of conflicts.  Deletions are tombstones with a version too: a
 * record stays deleted unless one of its fields was changed after the
 * deletion. */

static void
in_event_free (InEvent *e)
{
  g_free (e->station);
  g_free (e);
}

static void
in_clock_free (InClock *c)
{
  g_free (c->col);
  g_free (c->station);
  g_free (c->prev_station);
  g_free (c);
}

BbMerge *
bb_merge_new (BbStore        *store,
              BbSyncSchema   *schema,
              BbBundleHeader *header,
              BbBundleResult *result)
{
  BbMerge *m = g_new0 (BbMerge, 1);

  m->store = store;
  m->db = bb_store_get_db (store);
  m->schema = schema;
  m->header = header;
  m->result = result;
  m->here = bb_store_get_station_id (store);
  m->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) in_event_free);
  m->clocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  m->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->alias_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->event_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->new_aliases = g_ptr_array_new_with_free_func (g_free);
  m->column_maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  m->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sqlite3_finalize);
  m->static_stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) sqlite3_finalize);
  m->fresh_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->touch = g_ptr_array_new_with_free_func (g_free);
  m->bulk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) bb_merge_bulk_free);
  return m;
}

void
bb_merge_free (BbMerge *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->events);
  g_hash_table_unref (m->clocks);
  g_hash_table_unref (m->aliases);
  g_hash_table_unref (m->alias_tables);
  g_hash_table_unref (m->event_tables);
  g_ptr_array_unref (m->new_aliases);
  g_hash_table_unref (m->column_maps);
  g_hash_table_unref (m->stmts);
  g_hash_table_unref (m->static_stmts);
  g_hash_table_unref (m->fresh_tables);
  g_ptr_array_unref (m->touch);
  g_hash_table_unref (m->bulk);
  g_free (m);
}

char *
bb_merge_key (const char *table,
              const char *row_id)
{
  return g_strconcat (table, "\x1f", row_id, NULL);
}

sqlite3_stmt *
bb_merge_stmt (BbMerge     *m,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = bb_store_prepare (m->store, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (m->stmts, g_strdup (sql), stmt);
  return stmt;
}

sqlite3_stmt *
bb_merge_static_stmt (BbMerge     *m,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (m->static_stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = bb_store_prepare (m->store, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (m->static_stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
bb_merge_step_done (BbMerge     *m,
                    sqlite3_stmt *stmt,
                    const char  *what,
                    GError     **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_REFUSED,
                   _("The bundle holds a record this station refuses (%s: %s). Nothing was changed."),
                   _(what), sqlite3_errmsg (m->db));
      return FALSE;
    }
  /* @what may be a record's label, translated only here, on the error path. */
  bb_store_set_error_from_db (m->store, error, _(what));
  return FALSE;
}

void
bb_merge_witness (BbMerge *m,
                  gint64   at)
{
  m->newest = MAX (m->newest, at);
}

const char *
bb_merge_alias (BbMerge    *m,
                const char *table,
                const char *remote_id)
{
  g_autofree char *key = NULL;
  const char *local;

  if (remote_id == NULL)
    return NULL;
  /* Records known under two ids are few: most tables have none. */
  if (!g_hash_table_contains (m->alias_tables, table))
    return remote_id;
  key = bb_merge_key (table, remote_id);
  local = g_hash_table_lookup (m->aliases, key);
  return local != NULL ? local : remote_id;
}

gboolean
bb_merge_load_aliases (BbMerge  *m,
                       GError  **error)
{
  sqlite3_stmt *stmt = bb_merge_static_stmt (m, "SELECT tbl, remote_id, local_id FROM sync_alias", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_hash_table_insert (m->aliases,
                           bb_merge_key ((const char *) sqlite3_column_text (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_hash_table_add (m->alias_tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
bb_merge_set_columns (BbMerge            *m,
                      const char         *table,
                      const char * const *names,
                      GError            **error)
{
  const BbSyncTable *t = bb_sync_schema_lookup (m->schema, table);
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (int));

  if (t == NULL)
    return TRUE;   /* checked when a record of it comes */
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      int c = bb_sync_table_find_column (t, names[i]);

      if (c < 0)
        {
          g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                       _("The bundle holds “%s” records with a field this version of Beatbook does not know "
                         "(%s). Update Beatbook to import it; nothing was changed."), table, names[i]);
          return FALSE;
        }
      g_array_append_val (map, c);
    }
  g_hash_table_insert (m->column_maps, g_strdup (table), g_steal_pointer (&map));
  return TRUE;
}

/* Keys and the versions of records ------------------------------------------ */

void
bb_merge_bind_key (sqlite3_stmt      *stmt,
                   const BbSyncTable *t,
                   const char        *key,
                   int                first)
{
  if (t->n_pk == 1)
    {
      sqlite3_bind_text (stmt, first, key, -1, SQLITE_TRANSIENT);
      return;
    }
  {
    g_auto(GStrv) parts = g_strsplit (key, "/", (int) t->n_pk);

    for (guint k = 0; k < t->n_pk; k++)
      sqlite3_bind_text (stmt, first + (int) k, parts[k] != NULL ? parts[k] : "", -1, SQLITE_TRANSIENT);
  }
}

gboolean
bb_merge_local_event (BbMerge            *m,
                      const BbSyncTable  *t,
                      const char         *key,
                      InEvent            *event,
                      gboolean           *found,
                      GError            **error)
{
  sqlite3_stmt *stmt = bb_merge_static_stmt (m, "SELECT at, station, alive, known_at FROM sync_row WHERE tbl = ?1 AND row_id = ?2",
                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  *found = sqlite3_step (stmt) == SQLITE_ROW;
  if (*found)
    {
      event->at = sqlite3_column_int64 (stmt, 0);
      event->station = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->alive = sqlite3_column_int (stmt, 2) != 0;
      event->has_known = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      event->known_at = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
bb_merge_store_event (BbMerge     *m,
                      const char  *table,
                      const char  *key,
                      gint64       at,
                      const char  *station,
                      gboolean     alive,
                      gboolean     has_known,
                      gint64       known_at,
                      GError     **error)
{
  sqlite3_stmt *stmt = bb_merge_stmt (m,
    "INSERT INTO sync_row (tbl, row_id, at, station, alive, known_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (tbl, row_id) DO UPDATE SET at = excluded.at, station = excluded.station,"
    " alive = excluded.alive, known_at = excluded.known_at", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, station, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, alive ? 1 : 0);
  if (has_known)
    sqlite3_bind_int64 (stmt, 6, known_at);
  return bb_merge_step_done (m, stmt, _("Keeping a deletion"), error);
}

/* The bookkeeping records ---------------------------------------------------- */

static const char *
value_text (sqlite3_value *v)
{
  return v != NULL && sqlite3_value_type (v) != SQLITE_NULL ? (const char *) sqlite3_value_text (v) : NULL;
}

/* A bundle's bookkeeping columns hold integers; a missing or other value
 * means the changeset was damaged on the way. */
static gboolean
value_integer (sqlite3_value *v,
               gint64        *out)
{
  if (v == NULL || sqlite3_value_type (v) != SQLITE_INTEGER)
    return FALSE;
  *out = sqlite3_value_int64 (v);
  return TRUE;
}

static gboolean
take_event (BbMerge                *m,
            sqlite3_changeset_iter *iter,
            GError                **error)
{
  sqlite3_value *v[6] = { NULL };
  gint64 at, alive, known_at = 0;
  gboolean has_known;
  InEvent *e;

  for (int i = 0; i < 6; i++)
    sqlite3changeset_new (iter, i, &v[i]);
  has_known = v[5] != NULL && sqlite3_value_type (v[5]) != SQLITE_NULL;
  if (value_text (v[0]) == NULL || value_text (v[1]) == NULL || value_text (v[3]) == NULL
      || !value_integer (v[2], &at) || !value_integer (v[4], &alive)
      || (has_known && !value_integer (v[5], &known_at))
      || bb_sync_schema_lookup (m->schema, value_text (v[0])) == NULL)
    return bb_merge_damaged (m, error);
  e = g_new0 (InEvent, 1);
  e->at = at;
  e->station = g_strdup (value_text (v[3]));
  e->alive = alive != 0;
  e->has_known = has_known;
  e->known_at = known_at;
  bb_merge_witness (m, e->at);
  g_hash_table_replace (m->events, bb_merge_key (value_text (v[0]), value_text (v[1])), e);
  g_hash_table_add (m->event_tables, g_strdup (value_text (v[0])));
  return TRUE;
}

static gboolean
take_clock (BbMerge                *m,
            sqlite3_changeset_iter *iter,
            GError                **error)
{
  sqlite3_value *v[7] = { NULL };
  g_autofree char *key = NULL;
  GPtrArray *list;
  gint64 at, prev_at = 0;
  gboolean has_prev;
  InClock *c;

  for (int i = 0; i < 7; i++)
    sqlite3changeset_new (iter, i, &v[i]);
  has_prev = v[5] != NULL && sqlite3_value_type (v[5]) != SQLITE_NULL;
  if (value_text (v[0]) == NULL || value_text (v[1]) == NULL || value_text (v[2]) == NULL
      || value_text (v[4]) == NULL || !value_integer (v[3], &at)
      || (has_prev && !value_integer (v[5], &prev_at)))
    return bb_merge_damaged (m, error);
  c = g_new0 (InClock, 1);
  c->col = g_strdup (value_text (v[2]));
  c->at = at;
  c->station = g_strdup (value_text (v[4]));
  c->has_prev = has_prev;
  c->prev_at = prev_at;
  c->prev_station = g_strdup (value_text (v[6]));
  bb_merge_witness (m, c->at);
  key = bb_merge_key (value_text (v[0]), value_text (v[1]));
  g_hash_table_add (m->event_tables, g_strdup (value_text (v[0])));
  list = g_hash_table_lookup (m->clocks, key);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) in_clock_free);
      g_hash_table_insert (m->clocks, g_steal_pointer (&key), list);
    }
  g_ptr_array_add (list, c);
  return TRUE;
}

/* An incident the sender no longer shares (it became restricted there):
 * the copy here goes, without a tombstone, unless it is this station's own. */
static gboolean
take_withdrawal (BbMerge                *m,
                 sqlite3_changeset_iter *iter,
                 GError                **error)
{
  sqlite3_value *v[2] = { NULL };
  const BbSyncTable *t;
  g_autofree char *sql = NULL;
  g_autofree char *where = NULL;
  sqlite3_stmt *stmt;
  const char *id;

  for (int i = 0; i < 2; i++)
    sqlite3changeset_new (iter, i, &v[i]);
  t = bb_sync_schema_lookup (m->schema, value_text (v[0]));
  if (t == NULL || value_text (v[1]) == NULL || t->n_pk != 1 || t->station_column < 0)
    return bb_merge_damaged (m, error);
  id = bb_merge_alias (m, t->name, value_text (v[1]));
  where = bb_sync_table_key_where (t);
  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE %s AND \"%s\" IS NOT ?2", t->name, where,
                         g_array_index (t->columns, BbSyncColumn, t->station_column).name);
  stmt = bb_merge_stmt (m, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, m->here, -1, SQLITE_STATIC);
  if (!bb_merge_step_done (m, stmt, _("Removing an incident no longer shared"), error))
    return FALSE;
  if (sqlite3_changes (m->db) > 0)
    {
      m->result->deleted++;
      stmt = bb_merge_static_stmt (m, "DELETE FROM sync_clock WHERE tbl = ?1 AND row_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      return bb_merge_step_done (m, stmt, _("Removing an incident no longer shared"), error);
    }
  return TRUE;
}

gboolean
bb_merge_damaged (BbMerge  *m,
                  GError  **error)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
               _("The bundle from “%s” holds changes Beatbook cannot read. Nothing was changed; ask for the "
                 "bundle to be sent again."), m->header->station_name);
  return FALSE;
}

/* Records ---------------------------------------------------------------- */

gboolean
bb_merge_record (BbMerge                *m,
                 sqlite3_changeset_iter *iter,
                 GError                **error)
{
  const char *table = NULL;
  int n_columns = 0, op = 0, indirect = 0;
  const BbSyncTable *t;
  GArray *map;
  g_autofree sqlite3_value **values = NULL;

  if (sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect) != SQLITE_OK || op != SQLITE_INSERT)
    return bb_merge_damaged (m, error);
  if (g_str_equal (table, BB_SYNC_ROW_TABLE) && n_columns == 6)
    return take_event (m, iter, error);
  if (g_str_equal (table, BB_SYNC_CLOCK_TABLE) && n_columns == 7)
    return take_clock (m, iter, error);
  if (g_str_equal (table, BB_SYNC_WITHDRAWN_TABLE) && n_columns == 2)
    return bb_merge_batch_flush (m, error) && take_withdrawal (m, iter, error);

  t = bb_sync_schema_lookup (m->schema, table);
  map = g_hash_table_lookup (m->column_maps, table);
  if (t == NULL)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                   _("The bundle holds records of a kind this version of Beatbook does not know (%s). Update "
                     "Beatbook to import it; nothing was changed."), table);
      return FALSE;
    }
  if (map == NULL || map->len != (guint) n_columns)
    return bb_merge_damaged (m, error);

  /* The values in this station's column order; NULL for a column the
   * sender's tables do not have. */
  values = g_new0 (sqlite3_value *, t->columns->len);
  for (int i = 0; i < n_columns; i++)
    {
      sqlite3_value *v = NULL;

      if (sqlite3changeset_new (iter, i, &v) != SQLITE_OK)
        return bb_merge_damaged (m, error);
      values[g_array_index (map, int, i)] = v;
    }
  for (guint k = 0; k < t->n_pk; k++)
    if (values[t->pk_columns[k]] == NULL || sqlite3_value_type (values[t->pk_columns[k]]) == SQLITE_NULL)
      return bb_merge_damaged (m, error);
  return bb_merge_data (m, t, values, error);
}
