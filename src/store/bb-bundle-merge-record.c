/* bb-bundle-merge-record.c: one record of a bundle against the station's: new, merged field by field, or deleted here */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-bundle-merge-private.h"

/* A record as it came, with its references translated to the ids they
 * have here. */
typedef struct {
  const BbSyncTable  *t;
  sqlite3_value     **values;
  char              **mapped;      /* a reference's id here, when it differs */
  char               *remote_key;  /* the key the sender has */
  char               *key;         /* the key here */
  InEvent            *event;
  GPtrArray          *clocks;
  gboolean            aliased;     /* created apart from the record here it is the same as */
} Incoming;

/* A field's version here. */
typedef struct {
  char     *col;
  gint64    at;
  char     *station;
  gboolean  has_prev;
  gint64    prev_at;
  char     *prev_station;
} LocalClock;

static void
local_clock_free (LocalClock *c)
{
  g_free (c->col);
  g_free (c->station);
  g_free (c->prev_station);
  g_free (c);
}

static void
incoming_clear (Incoming *in)
{
  if (in->mapped != NULL)
    for (guint c = 0; c < in->t->columns->len; c++)
      g_free (in->mapped[c]);
  g_free (in->mapped);
  g_free (in->remote_key);
  g_free (in->key);
}

static const char *
value_text_of (sqlite3_value *v)
{
  return v != NULL && sqlite3_value_type (v) != SQLITE_NULL ? (const char *) sqlite3_value_text (v) : NULL;
}

static const char *
column_name (const BbSyncTable *t,
             int                c)
{
  return g_array_index (t->columns, BbSyncColumn, c).name;
}

static gboolean
in_present (const Incoming *in,
            int             c)
{
  return in->mapped[c] != NULL || in->values[c] != NULL;
}

static void
bind_in (sqlite3_stmt   *stmt,
         int             index,
         const Incoming *in,
         int             c)
{
  if (in->mapped[c] != NULL)
    sqlite3_bind_text (stmt, index, in->mapped[c], -1, SQLITE_TRANSIENT);
  else if (in->values[c] != NULL)
    sqlite3_bind_value (stmt, index, in->values[c]);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
in_equal (const Incoming *in,
          int             c,
          sqlite3_value  *local)
{
  if (in->mapped[c] != NULL)
    return local != NULL && sqlite3_value_type (local) == SQLITE_TEXT
           && g_strcmp0 ((const char *) sqlite3_value_text (local), in->mapped[c]) == 0;
  return bb_sync_value_equal (in->values[c], local);
}

static void
in_to_json (GString        *out,
            const Incoming *in,
            int             c)
{
  if (in->mapped[c] != NULL)
    {
      /* A text value: quoted the same way as any other. */
      g_string_append_c (out, '"');
      for (const char *p = in->mapped[c]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      return;
    }
  bb_sync_value_to_json (out, in->values[c]);
}

static char *
in_row_json (const Incoming *in)
{
  GString *out = g_string_new ("{");

  for (guint c = 0; c < in->t->columns->len; c++)
    {
      if (!in_present (in, (int) c))
        continue;
      if (out->len > 1)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "\"%s\":", column_name (in->t, (int) c));
      if (in->t->n_pk == 1 && (int) c == in->t->pk_columns[0])
        {
          g_string_append_printf (out, "\"%s\"", in->key);
          continue;
        }
      in_to_json (out, in, (int) c);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Versions ------------------------------------------------------------- */

/* The version of fields never changed since the record was created. */
static void
in_default (const Incoming *in,
            BbSyncVersion  *v)
{
  const BbSyncTable *t = in->t;

  v->at = 0;
  v->station = "";
  /* A record created apart at two stations keeps its own values here
   * until someone changes one. */
  if (in->aliased)
    return;
  if (t->created_column >= 0 && in->values[t->created_column] != NULL)
    {
      v->at = sqlite3_value_int64 (in->values[t->created_column]);
      if (t->station_column >= 0 && in->values[t->station_column] != NULL
          && sqlite3_value_type (in->values[t->station_column]) == SQLITE_TEXT)
        v->station = (const char *) sqlite3_value_text (in->values[t->station_column]);
    }
  else if (in->event != NULL && in->event->alive)
    {
      v->at = in->event->at;
      v->station = in->event->station;
    }
}

static void
local_default (const BbSyncTable *t,
               sqlite3_stmt      *row,
               const InEvent     *event,
               BbSyncVersion     *v)
{
  v->at = 0;
  v->station = "";
  if (t->created_column >= 0)
    {
      v->at = sqlite3_column_int64 (row, t->created_column);
      if (t->station_column >= 0 && sqlite3_column_type (row, t->station_column) == SQLITE_TEXT)
        v->station = (const char *) sqlite3_column_text (row, t->station_column);
    }
  else if (event != NULL && event->alive)
    {
      v->at = event->at;
      v->station = event->station;
    }
}

static const InClock *
in_clock (const Incoming *in,
          const char     *col)
{
  for (guint i = 0; in->clocks != NULL && i < in->clocks->len; i++)
    {
      const InClock *c = g_ptr_array_index (in->clocks, i);

      if (g_str_equal (c->col, col))
        return c;
    }
  return NULL;
}

static const LocalClock *
local_clock (GPtrArray  *clocks,
             const char *col)
{
  for (guint i = 0; i < clocks->len; i++)
    {
      const LocalClock *c = g_ptr_array_index (clocks, i);

      if (g_str_equal (c->col, col))
        return c;
    }
  return NULL;
}

static gboolean
prev_is (gboolean             has_prev,
         gint64               prev_at,
         const char          *prev_station,
         const BbSyncVersion *v)
{
  return has_prev && prev_at == v->at && g_strcmp0 (prev_station, v->station) == 0;
}

static gboolean
store_clock (BbMerge        *m,
             const Incoming *in,
             const InClock  *c,
             GError        **error)
{
  sqlite3_stmt *stmt = bb_merge_stmt (m,
    "INSERT INTO sync_clock (tbl, row_id, col, at, station, prev_at, prev_station) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (tbl, row_id, col) DO UPDATE SET at = excluded.at, station = excluded.station,"
    " prev_at = excluded.prev_at, prev_station = excluded.prev_station", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, in->t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, in->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->col, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, c->at);
  sqlite3_bind_text (stmt, 5, c->station, -1, SQLITE_STATIC);
  if (c->has_prev)
    sqlite3_bind_int64 (stmt, 6, c->prev_at);
  sqlite3_bind_text (stmt, 7, c->prev_station, -1, SQLITE_STATIC);
  return bb_merge_step_done (m, stmt, _("Keeping the versions of a record"), error);
}

static gboolean
drop_clock (BbMerge        *m,
            const Incoming *in,
            const char     *col,
            GError        **error)
{
  sqlite3_stmt *stmt = bb_merge_static_stmt (m, "DELETE FROM sync_clock WHERE tbl = ?1 AND row_id = ?2 AND col = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, in->t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, in->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, col, -1, SQLITE_STATIC);
  return bb_merge_step_done (m, stmt, _("Keeping the versions of a record"), error);
}

static gboolean
conflict (BbMerge             *m,
          const Incoming      *in,
          const char          *col,
          BbSyncConflictKind   kind,
          const char          *local_json,
          const char          *remote_json,
          const BbSyncVersion *local,
          const BbSyncVersion *remote,
          gboolean             remote_won,
          GError             **error)
{
  BbSyncConflictNew c = {
    .table = in->t->name, .row_id = in->key, .column = col, .kind = kind,
    .local_json = local_json, .remote_json = remote_json, .local = local, .remote = remote,
    .remote_won = remote_won,
  };
  gboolean added = FALSE;

  if (!bb_sync_conflict_add (m->store, m->header, m->schema, &c, &added, error))
    return FALSE;
  if (added)
    m->result->conflicts++;
  return TRUE;
}

/* Inserting --------------------------------------------------------------- */

/* @batch: the record may wait in a batch (a new record of a bulk table
 * that nothing else of the bundle can meet before the batch is flushed). */
static gboolean
insert_record (BbMerge        *m,
               const Incoming *in,
               gboolean        batch,
               GError        **error)
{
  const BbSyncTable *t = in->t;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  int n = 0;

  for (guint c = 0; c < t->columns->len; c++)
    if (in_present (in, (int) c))
      n++;
  if (batch && (guint) n == t->columns->len && bb_merge_is_bulk (m, t))
    {
      int first = 0;

      stmt = bb_merge_batch_next (m, t, &first, error);
      if (stmt == NULL)
        return FALSE;
      for (guint c = 0; c < t->columns->len; c++)
        bind_in (stmt, first + (int) c, in, (int) c);
      if (!bb_merge_batch_bound (m, error))
        return FALSE;
      goto bookkeeping;
    }
  if (!bb_merge_batch_flush (m, error))
    return FALSE;
  if ((guint) n == t->columns->len)
    stmt = bb_merge_static_stmt (m, t->insert_all, error);
  else
    {
      /* A bundle of an older Beatbook, without the newer columns. */
      g_autoptr(GString) params = g_string_new (NULL);

      sql = g_string_new (NULL);
      n = 0;
      g_string_append_printf (sql, "INSERT INTO \"%s\" (", t->name);
      for (guint c = 0; c < t->columns->len; c++)
        if (in_present (in, (int) c))
          {
            g_string_append_printf (sql, "%s\"%s\"", n > 0 ? ", " : "", column_name (t, (int) c));
            g_string_append_printf (params, "%s?", n > 0 ? ", " : "");
            n++;
          }
      g_string_append_printf (sql, ") VALUES (%s)", params->str);
      stmt = bb_merge_stmt (m, sql->str, error);
    }
  if (stmt == NULL)
    return FALSE;
  n = 1;
  for (guint c = 0; c < t->columns->len; c++)
    if (in_present (in, (int) c))
      bind_in (stmt, n++, in, (int) c);
  if (!bb_merge_step_done (m, stmt, t->record_type != NULL ? t->record_type->label : t->name, error))
    return FALSE;

bookkeeping:
  if (in->event != NULL
      && !bb_merge_store_event (m, t->name, in->key, in->event->at, in->event->station, in->event->alive,
                                in->event->has_known, in->event->known_at, error))
    return FALSE;
  for (guint i = 0; in->clocks != NULL && i < in->clocks->len; i++)
    if (!store_clock (m, in, g_ptr_array_index (in->clocks, i), error))
      return FALSE;
  m->result->added++;
  return TRUE;
}

/* The newest version among the record's: the time it was last alive. */
static void
in_alive_version (const Incoming *in,
                  BbSyncVersion  *v)
{
  in_default (in, v);
  if (in->event != NULL && in->event->alive)
    {
      BbSyncVersion e = { in->event->at, in->event->station };

      if (bb_sync_version_compare (&e, v) > 0)
        *v = e;
    }
  for (guint i = 0; in->clocks != NULL && i < in->clocks->len; i++)
    {
      const InClock *c = g_ptr_array_index (in->clocks, i);
      BbSyncVersion cv = { c->at, c->station };

      if (bb_sync_version_compare (&cv, v) > 0)
        *v = cv;
    }
}

/* A record deleted here comes back only if it was changed after the
 * deletion; otherwise the changes made to it there before are listed. */
static gboolean
meet_tombstone (BbMerge        *m,
                const Incoming *in,
                const InEvent  *tomb,
                GError        **error)
{
  BbSyncVersion alive, dead = { tomb->at, tomb->station };
  g_autofree char *json = in_row_json (in);

  in_alive_version (in, &alive);
  if (bb_sync_version_compare (&alive, &dead) > 0)
    {
      if (!insert_record (m, in, FALSE, error))
        return FALSE;
      /* Tombstone stays as it was; the changes after it keep the record. */
      return conflict (m, in, NULL, BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE, NULL, json, &dead, &alive, TRUE, error);
    }

  m->result->unchanged++;
  for (guint i = 0; in->clocks != NULL && i < in->clocks->len; i++)
    {
      const InClock *c = g_ptr_array_index (in->clocks, i);

      /* Changes the deleting station had not seen. */
      if (!tomb->has_known || c->at > tomb->known_at)
        {
          BbSyncVersion newest;

          in_alive_version (in, &newest);
          return conflict (m, in, NULL, BB_SYNC_CONFLICT_DELETED_HERE, NULL, json, &dead, &newest, FALSE, error);
        }
    }
  return TRUE;
}

/* Merging ---------------------------------------------------------------- */

static gboolean
load_local_clocks (BbMerge        *m,
                   const Incoming *in,
                   GPtrArray      *clocks,
                   GError        **error)
{
  sqlite3_stmt *stmt = bb_merge_static_stmt (m, "SELECT col, at, station, prev_at, prev_station FROM sync_clock"
                                         " WHERE tbl = ?1 AND row_id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, in->t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, in->key, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LocalClock *c = g_new0 (LocalClock, 1);

      c->col = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->at = sqlite3_column_int64 (stmt, 1);
      c->station = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->has_prev = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      c->prev_at = sqlite3_column_int64 (stmt, 3);
      c->prev_station = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (clocks, c);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
merge_existing (BbMerge        *m,
                const Incoming *in,
                sqlite3_stmt   *row,
                GError        **error)
{
  const BbSyncTable *t = in->t;
  g_autoptr(GPtrArray) clocks = g_ptr_array_new_with_free_func ((GDestroyNotify) local_clock_free);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (int));
  InEvent local_event = { 0 };
  gboolean has_event = FALSE;
  BbSyncVersion idef, ldef;
  gboolean ok = FALSE;

  if (!load_local_clocks (m, in, clocks, error)
      || !bb_merge_local_event (m, t, in->key, &local_event, &has_event, error))
    goto out;
  in_default (in, &idef);
  local_default (t, row, has_event ? &local_event : NULL, &ldef);

  for (guint c = 0; c < t->columns->len; c++)
    {
      const BbSyncColumn *column = &g_array_index (t->columns, BbSyncColumn, c);
      sqlite3_value *here = sqlite3_column_value (row, (int) c);
      const InClock *ic;
      const LocalClock *lc;
      BbSyncVersion vin, vl;
      gboolean concurrent;
      int cmp;

      if (!column->field || !in_present (in, (int) c))
        continue;
      ic = in_clock (in, column->name);
      lc = local_clock (clocks, column->name);
      vin = ic != NULL ? (BbSyncVersion) { ic->at, ic->station } : idef;
      vl = lc != NULL ? (BbSyncVersion) { lc->at, lc->station } : ldef;
      cmp = bb_sync_version_compare (&vin, &vl);

      if (in_equal (in, (int) c, here))
        {
          if (cmp > 0 && ic != NULL && !store_clock (m, in, ic, error))
            goto out;
          continue;
        }
      /* Both sides changed it, neither on top of the other's change. */
      concurrent = ic != NULL && lc != NULL && cmp != 0
                   && !prev_is (lc->has_prev, lc->prev_at, lc->prev_station, &vin)
                   && !prev_is (ic->has_prev, ic->prev_at, ic->prev_station, &vl);
      if (cmp == 0)
        {
          /* One version, two values: a link to a restricted incident went
           * without it (empty) before it went with it, to headquarters.
           * The value wins over the empty one; anything else is settled
           * the same way everywhere. */
          g_autoptr(GString) a = g_string_new (NULL);
          g_autoptr(GString) b = g_string_new (NULL);

          in_to_json (a, in, (int) c);
          bb_sync_value_to_json (b, here);
          if (g_str_equal (b->str, "null"))
            cmp = 1;
          else if (g_str_equal (a->str, "null"))
            cmp = -1;
          else
            cmp = strcmp (a->str, b->str);
        }
      /* Listed where the change made here is one of the two: the other
       * station lists it too, and a station that only passed both on has
       * nothing to decide. */
      if (concurrent && g_strcmp0 (lc->station, m->here) == 0)
        {
          g_autoptr(GString) local_json = g_string_new (NULL);
          g_autoptr(GString) remote_json = g_string_new (NULL);

          bb_sync_value_to_json (local_json, here);
          in_to_json (remote_json, in, (int) c);
          if (!conflict (m, in, column->name, BB_SYNC_CONFLICT_FIELD, local_json->str, remote_json->str,
                         &vl, &vin, cmp > 0, error))
            goto out;
        }
      if (cmp > 0)
        {
          int ci = (int) c;

          g_array_append_val (taken, ci);
          if (ic != NULL ? !store_clock (m, in, ic, error) : (lc != NULL && !drop_clock (m, in, column->name, error)))
            goto out;
        }
    }

  if (taken->len > 0)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autofree char *where = bb_sync_table_key_where (t);
      sqlite3_stmt *update;
      int n = (int) t->n_pk + 1;

      g_string_append_printf (sql, "UPDATE \"%s\" SET ", t->name);
      for (guint i = 0; i < taken->len; i++)
        g_string_append_printf (sql, "%s\"%s\" = ?%d", i > 0 ? ", " : "",
                                column_name (t, g_array_index (taken, int, i)), n++);
      if (t->updated_column >= 0)
        g_string_append_printf (sql, ", updated_at = max (updated_at, ?%d)", n);
      g_string_append_printf (sql, " WHERE %s", where);
      update = bb_merge_stmt (m, sql->str, error);
      if (update == NULL)
        goto out;
      bb_merge_bind_key (update, t, in->key, 1);
      n = (int) t->n_pk + 1;
      for (guint i = 0; i < taken->len; i++)
        bind_in (update, n++, in, g_array_index (taken, int, i));
      if (t->updated_column >= 0)
        bind_in (update, n, in, t->updated_column);
      if (!bb_merge_step_done (m, update, t->record_type != NULL ? t->record_type->label : t->name, error))
        goto out;
      m->result->changed++;
    }
  else
    m->result->unchanged++;

  if (in->event != NULL)
    {
      BbSyncVersion e = { in->event->at, in->event->station };
      BbSyncVersion l = { local_event.at, local_event.station };

      if ((!has_event || bb_sync_version_compare (&e, &l) > 0)
          && !bb_merge_store_event (m, t->name, in->key, e.at, e.station, in->event->alive,
                                    in->event->has_known, in->event->known_at, error))
        goto out;
    }
  ok = TRUE;

out:
  g_free (local_event.station);
  return ok;
}

/* Whether the record has the code that could make it one with another. */
static gboolean
natural_key_set (const Incoming *in)
{
  const BbSyncTable *t = in->t;

  if (t->n_natural == 0)
    return FALSE;
  for (guint k = 0; k < t->n_natural; k++)
    {
      int c = t->natural_columns[k];

      if (c < 0 || !in_present (in, c)
          || (in->mapped[c] == NULL && sqlite3_value_type (in->values[c]) == SQLITE_NULL))
        return FALSE;
    }
  return TRUE;
}

/* A record with the same code as one here, created apart: from now on
 * the sender's id stands for the one here. */
static gboolean
find_natural (BbMerge   *m,
              Incoming  *in,
              char     **local_id,
              GError   **error)
{
  const BbSyncTable *t = in->t;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;

  *local_id = NULL;
  if (t->n_pk != 1 || !natural_key_set (in))
    return TRUE;
  g_string_append_printf (sql, "SELECT \"%s\" FROM \"%s\" WHERE ", column_name (t, t->pk_columns[0]), t->name);
  for (guint k = 0; k < t->n_natural; k++)
    g_string_append_printf (sql, "%s\"%s\" = ?%u", k > 0 ? " AND " : "", column_name (t, t->natural_columns[k]), k + 1);
  stmt = bb_merge_stmt (m, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < t->n_natural; k++)
    bind_in (stmt, (int) k + 1, in, t->natural_columns[k]);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *local_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (*local_id == NULL || g_str_equal (*local_id, in->remote_key))
    {
      g_clear_pointer (local_id, g_free);
      return TRUE;
    }

  stmt = bb_merge_static_stmt (m, "INSERT OR REPLACE INTO sync_alias (tbl, remote_id, local_id) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, in->remote_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, *local_id, -1, SQLITE_STATIC);
  if (!bb_merge_step_done (m, stmt, _("Matching records kept at both stations"), error))
    return FALSE;
  g_hash_table_insert (m->aliases, bb_merge_key (t->name, in->remote_key), g_strdup (*local_id));
  g_hash_table_add (m->alias_tables, g_strdup (t->name));
  g_ptr_array_add (m->new_aliases, g_strconcat (t->name, "\x1f", in->remote_key, "\x1f", *local_id, NULL));
  return TRUE;
}

static sqlite3_stmt *
fetch_local (BbMerge            *m,
             const BbSyncTable  *t,
             const char         *key,
             gboolean           *found,
             GError            **error)
{
  sqlite3_stmt *stmt = bb_merge_static_stmt (m, t->select_by_key, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bb_merge_bind_key (stmt, t, key, 1);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (m->store, error, _("Reading the station"));
      sqlite3_reset (stmt);
      return NULL;
    }
  *found = rc == SQLITE_ROW;
  return stmt;
}

gboolean
bb_merge_data (BbMerge            *m,
               const BbSyncTable  *t,
               sqlite3_value     **values,
               GError            **error)
{
  Incoming in = { .t = t, .values = values };
  g_autofree char *event_key = NULL;
  g_autofree char *natural = NULL;
  InEvent tomb = { 0 };
  gboolean found = FALSE, has_tomb = FALSE, ok = FALSE;
  sqlite3_stmt *row;

  in.mapped = g_new0 (char *, t->columns->len);
  in.remote_key = bb_sync_table_key (t, values);
  /* References to records the sender knows under another id. */
  for (guint c = 0; c < t->columns->len; c++)
    {
      const BbSyncColumn *column = &g_array_index (t->columns, BbSyncColumn, c);
      const char *id, *here;

      /* Only references are read as text: a number read so is turned
       * into text in its place, at a cost on every record. */
      if (column->ref_table == NULL || (id = value_text_of (values[c])) == NULL)
        continue;
      here = bb_merge_alias (m, column->ref_table, id);
      if (here != id)
        in.mapped[c] = g_strdup (here);
    }
  if (t->n_pk == 1)
    {
      const char *here = bb_merge_alias (m, t->name, in.remote_key);

      in.aliased = here != in.remote_key;
      in.key = g_strdup (here);
      if (in.aliased)
        in.mapped[t->pk_columns[0]] = g_strdup (here);
    }
  else
    {
      g_autoptr(GString) key = g_string_new (NULL);

      for (guint k = 0; k < t->n_pk; k++)
        {
          int c = t->pk_columns[k];

          if (k > 0)
            g_string_append_c (key, '/');
          g_string_append (key, in.mapped[c] != NULL ? in.mapped[c] : value_text_of (values[c]));
        }
      in.key = g_string_free (g_steal_pointer (&key), FALSE);
    }

  if (g_hash_table_contains (m->event_tables, t->name))
    {
      event_key = bb_merge_key (t->name, in.remote_key);
      in.event = g_hash_table_lookup (m->events, event_key);
      in.clocks = g_hash_table_lookup (m->clocks, event_key);
    }
  if (in.event != NULL)
    in.event->used = TRUE;
  if (t->created_column >= 0 && values[t->created_column] != NULL)
    bb_merge_witness (m, sqlite3_value_int64 (values[t->created_column]));

  /* A table that was empty: only the bundle's own records, each once. */
  if (g_hash_table_contains (m->fresh_tables, t->name) && !in.aliased && !natural_key_set (&in))
    {
      ok = insert_record (m, &in, TRUE, error);
      goto out;
    }
  /* What follows reads the station: the records waiting go in first. */
  if (!bb_merge_batch_flush (m, error))
    goto out;
  row = fetch_local (m, t, in.key, &found, error);
  if (row == NULL)
    goto out;
  if (found)
    {
      ok = merge_existing (m, &in, row, error);
      sqlite3_reset (row);
      goto out;
    }
  sqlite3_reset (row);

  if (!bb_merge_local_event (m, t, in.key, &tomb, &has_tomb, error))
    goto out;
  if (has_tomb && !tomb.alive)
    {
      ok = meet_tombstone (m, &in, &tomb, error);
      goto out;
    }

  if (!find_natural (m, &in, &natural, error))
    goto out;
  if (natural != NULL)
    {
      g_free (in.key);
      in.key = g_strdup (natural);
      g_free (in.mapped[t->pk_columns[0]]);
      in.mapped[t->pk_columns[0]] = g_strdup (natural);
      in.aliased = TRUE;
      row = fetch_local (m, t, in.key, &found, error);
      if (row == NULL)
        goto out;
      ok = found ? merge_existing (m, &in, row, error) : insert_record (m, &in, FALSE, error);
      sqlite3_reset (row);
      goto out;
    }
  ok = insert_record (m, &in, FALSE, error);

out:
  g_free (tomb.station);
  incoming_clear (&in);
  return ok;
}
