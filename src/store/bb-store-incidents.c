/* bb-store-incidents.c: finding incidents by filter, sorted and paged, for the table and the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "bb-store-private.h"

/* A query's WHERE clause and the values bound to it, in order. */
typedef enum { BIND_TEXT, BIND_INT, BIND_DOUBLE } BindKind;

typedef struct {
  BindKind  kind;
  char     *text;
  gint64    integer;
  double    number;
} Bind;

typedef struct {
  GString *where;
  GArray  *binds;
} Conditions;

static void
bind_clear (Bind *bind)
{
  g_free (bind->text);
}

static void
conditions_clear (Conditions *c)
{
  if (c->where != NULL)
    g_string_free (c->where, TRUE);
  g_clear_pointer (&c->binds, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Conditions, conditions_clear)

static void
conditions_init (Conditions *c)
{
  c->where = g_string_new (NULL);
  c->binds = g_array_new (FALSE, TRUE, sizeof (Bind));
  g_array_set_clear_func (c->binds, (GDestroyNotify) bind_clear);
}

static void
add_condition (Conditions *c,
               const char *sql)
{
  g_string_append (c->where, c->where->len ? " AND " : " WHERE ");
  g_string_append (c->where, sql);
}

static void
add_text (Conditions *c,
          char       *text)
{
  Bind bind = { .kind = BIND_TEXT, .text = text };
  g_array_append_val (c->binds, bind);
}

static void
add_int (Conditions *c,
         gint64      value)
{
  Bind bind = { .kind = BIND_INT, .integer = value };
  g_array_append_val (c->binds, bind);
}

static void
add_double (Conditions *c,
            double      value)
{
  Bind bind = { .kind = BIND_DOUBLE, .number = value };
  g_array_append_val (c->binds, bind);
}

/* Lists are bound as one JSON array, read with json_each. */
char *
bb_store_strv_to_json (const char * const *values)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (values[i], NULL);
      g_string_append_printf (json, "%s\"%s\"", i ? "," : "", escaped);
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Binds the conditions' values from parameter @first on. */
static void
bind_conditions_from (sqlite3_stmt     *stmt,
                      const Conditions *c,
                      int               first)
{
  for (guint i = 0; i < c->binds->len; i++)
    {
      const Bind *bind = &g_array_index (c->binds, Bind, i);
      int n = first + (int) i;

      if (bind->kind == BIND_TEXT)
        sqlite3_bind_text (stmt, n, bind->text, -1, SQLITE_STATIC);
      else if (bind->kind == BIND_INT)
        sqlite3_bind_int64 (stmt, n, bind->integer);
      else
        sqlite3_bind_double (stmt, n, bind->number);
    }
}

static void
bind_conditions (sqlite3_stmt     *stmt,
                 const Conditions *c)
{
  bind_conditions_from (stmt, c, 1);
}

/* A ring as "lon lat,lon lat,…", exact to the last bit. */
static char *
ring_to_text (GArray *ring)
{
  GString *text = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < ring->len; i++)
    {
      const BbLonLat *p = &g_array_index (ring, BbLonLat, i);

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_ascii_dtostr (buf, sizeof buf, p->lon));
      g_string_append_c (text, ' ');
      g_string_append (text, g_ascii_dtostr (buf, sizeof buf, p->lat));
    }
  return g_string_free (text, FALSE);
}

static void
ring_free (gpointer ring)
{
  g_array_unref (ring);
}

/* bb_in_ring (RING, LON, LAT): whether the position is inside the ring
 * written by ring_to_text(); the ring is parsed once per statement. */
static void
sql_in_ring (sqlite3_context *ctx,
             int              argc,
             sqlite3_value  **argv)
{
  GArray *ring = sqlite3_get_auxdata (ctx, 0);

  if (sqlite3_value_type (argv[1]) == SQLITE_NULL || sqlite3_value_type (argv[2]) == SQLITE_NULL)
    {
      sqlite3_result_int (ctx, 0);
      return;
    }
  if (ring == NULL)
    {
      const char *text = (const char *) sqlite3_value_text (argv[0]);
      g_auto(GStrv) pairs = g_strsplit (text != NULL ? text : "", ",", -1);

      ring = g_array_new (FALSE, FALSE, sizeof (BbLonLat));
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *end = NULL;
          BbLonLat p;

          p.lon = g_ascii_strtod (pairs[i], &end);
          p.lat = g_ascii_strtod (end, NULL);
          g_array_append_val (ring, p);
        }
      sqlite3_set_auxdata (ctx, 0, ring, ring_free);
      /* SQLite may have freed it at once; read it back. */
      ring = sqlite3_get_auxdata (ctx, 0);
      if (ring == NULL)
        {
          sqlite3_result_error_nomem (ctx);
          return;
        }
    }
  sqlite3_result_int (ctx, bb_ring_contains ((const BbLonLat *) ring->data, ring->len,
                                             sqlite3_value_double (argv[1]), sqlite3_value_double (argv[2])));
}

void
bb_store_register_incident_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "bb_in_ring", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_in_ring, NULL, NULL);
}

static gboolean
build_conditions (const BbIncidentFilter  *filter,
                  Conditions              *c,
                  GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  conditions_init (c);
  if (filter == NULL)
    return TRUE;

  if (!bb_incident_filter_validate (filter, &local_error))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  if (filter->start != BB_UNSET_TIME)
    {
      add_condition (c, "i.occurred_start >= ?");
      add_int (c, filter->start);
    }
  if (filter->end != BB_UNSET_TIME)
    {
      add_condition (c, "i.occurred_start < ?");
      add_int (c, filter->end);
    }
  if (filter->category_ids != NULL && filter->category_ids[0] != NULL)
    {
      add_condition (c, "i.category_id IN (SELECT id FROM category WHERE id IN (SELECT value FROM json_each (?))"
                        " OR parent_id IN (SELECT value FROM json_each (?)))");
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->category_ids));
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->category_ids));
    }
  if (filter->district_ids != NULL && filter->district_ids[0] != NULL)
    {
      add_condition (c, "i.district_id IN (SELECT value FROM json_each (?))");
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->district_ids));
    }
  if (filter->statuses != NULL && filter->statuses[0] != NULL)
    {
      add_condition (c, "i.status IN (SELECT value FROM json_each (?))");
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->statuses));
    }
  if (filter->sources != NULL && filter->sources[0] != NULL)
    {
      add_condition (c, "i.source IN (SELECT value FROM json_each (?))");
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->sources));
    }
  if (filter->station_ids != NULL && filter->station_ids[0] != NULL)
    {
      add_condition (c, "i.station_id IN (SELECT value FROM json_each (?))");
      add_text (c, bb_store_strv_to_json ((const char * const *) filter->station_ids));
    }
  if (filter->restricted == BB_RESTRICTED_ONLY)
    add_condition (c, "i.restricted = 1");
  else if (filter->restricted == BB_RESTRICTED_EXCLUDE)
    add_condition (c, "i.restricted = 0");
  if (filter->text != NULL)
    {
      char *query = bb_incident_filter_text_to_query (filter->text);

      if (query != NULL)
        {
          add_condition (c, "i.rowid IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)");
          add_text (c, query);
        }
    }
  if (filter->has_bbox)
    {
      add_condition (c, "i.lon BETWEEN ? AND ? AND i.lat BETWEEN ? AND ?");
      add_double (c, filter->bbox.min_lon);
      add_double (c, filter->bbox.max_lon);
      add_double (c, filter->bbox.min_lat);
      add_double (c, filter->bbox.max_lat);
    }
  if (filter->polygon != NULL && filter->polygon->len >= 3)
    {
      add_condition (c, "bb_in_ring (?, i.lon, i.lat)");
      add_text (c, ring_to_text (filter->polygon));
    }
  return TRUE;
}

static const char *
sort_column (BbIncidentSort  sort,
             const char    **join)
{
  *join = "";
  switch (sort)
    {
    case BB_INCIDENT_SORT_TIME:
      return "i.occurred_start";
    case BB_INCIDENT_SORT_REPORTED:
      return "i.reported_at";
    case BB_INCIDENT_SORT_CATEGORY:
      *join = " JOIN category c ON c.id = i.category_id";
      return "c.name COLLATE NOCASE";
    case BB_INCIDENT_SORT_DISTRICT:
      *join = " LEFT JOIN district d ON d.id = i.district_id";
      return "d.name COLLATE NOCASE";
    case BB_INCIDENT_SORT_STATUS:
      return "i.status";
    case BB_INCIDENT_SORT_SOURCE:
      return "i.source";
    case BB_INCIDENT_SORT_ADDRESS:
      return "i.address COLLATE NOCASE";
    case BB_INCIDENT_SORT_UPDATED:
      return "i.updated_at";
    default:
      return NULL;
    }
}

static char *
build_select (const char      *what,
              const Conditions *c,
              BbIncidentSort   sort,
              gboolean         descending,
              GError         **error)
{
  const char *join;
  const char *column = sort_column (sort, &join);
  const char *dir = descending ? "DESC" : "ASC";

  if (column == NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("Unknown order for incidents (%d)"), (int) sort);
      return NULL;
    }
  /* The rowid breaks ties, so pages never overlap or skip. */
  return g_strdup_printf ("SELECT %s FROM incident i%s%s ORDER BY %s %s, i.rowid %s",
                          what, join, c->where->str, column, dir, dir);
}

GPtrArray *
bb_store_incident_query (BbStore                *self,
                         const BbIncidentFilter *filter,
                         BbIncidentSort          sort,
                         gboolean                descending,
                         guint                   offset,
                         guint                   limit,
                         GError                **error)
{
  BB_STORE_READ_SCOPE (self);
  g_auto(Conditions) c = { 0 };
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  int rc, n;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  if (!build_conditions (filter, &c, error))
    return NULL;
  cols = bb_store_record_columns (&bb_incident_record, "i");
  select = build_select (cols, &c, sort, descending, error);
  if (select == NULL)
    return NULL;
  sql = g_strconcat (select, " LIMIT ? OFFSET ?", NULL);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_conditions (stmt, &c);
  n = c.binds->len;
  sqlite3_bind_int64 (stmt, n + 1, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, n + 2, offset);

  incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_incident_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (incidents, bb_store_record_read (self, &bb_incident_record, stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Finding incidents"));
      return NULL;
    }
  return g_steal_pointer (&incidents);
}

gint64
bb_store_incident_count (BbStore                *self,
                         const BbIncidentFilter *filter,
                         GError                **error)
{
  BB_STORE_READ_SCOPE (self);
  g_auto(Conditions) c = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), -1);

  if (!build_conditions (filter, &c, error))
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM incident i%s", c.where->str);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  bind_conditions (stmt, &c);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting incidents"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const gint64 *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

static gint64
query_count (BbStore     *self,
             const char  *sql,
             gint64       start,
             gint64       end,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (start != end)
    {
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting incidents"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
bb_store_incidents_in_periods (BbStore           *self,
                               const char        *columns,
                               const gint64      *bounds,
                               guint              n_periods,
                               BbIncidentRowFunc  func,
                               gpointer           user_data,
                               const char        *what,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree gint64 *spans = g_memdup2 (bounds, sizeof (gint64) * 2 * MAX (n_periods, 1));
  g_autofree char *sql = NULL;
  gint64 held = 0, rows;
  guint n_spans = 0;
  gboolean whole;
  int rc;

  if (n_periods == 0)
    return TRUE;
  /* The periods' times merged: the time between them is not read. */
  qsort (spans, n_periods, 2 * sizeof (gint64), compare_start);
  for (guint p = 0; p < n_periods; p++)
    {
      if (n_spans > 0 && spans[2 * p] <= spans[2 * n_spans - 1])
        spans[2 * n_spans - 1] = MAX (spans[2 * n_spans - 1], spans[2 * p + 1]);
      else
        {
          spans[2 * n_spans] = spans[2 * p];
          spans[2 * n_spans + 1] = spans[2 * p + 1];
          n_spans++;
        }
    }

  /* Through the time index each incident is a look-up somewhere in the
   * table; in one pass over the table, in order, it costs about a fifth
   * of that.  The index is counted (it alone, cheap) to choose. */
  for (guint s = 0; s < n_spans; s++)
    {
      gint64 n = query_count (self, "SELECT count(*) FROM incident WHERE occurred_start >= ?1 AND occurred_start < ?2",
                              spans[2 * s], spans[2 * s + 1], error);

      if (n < 0)
        return FALSE;
      held += n;
    }
  if ((rows = query_count (self, "SELECT coalesce (max (rowid), 0) FROM incident", 0, 0, error)) < 0)
    return FALSE;
  if (held == 0)
    return TRUE;
  whole = held * 5 > rows;
  if (whole)
    {
      spans[1] = spans[2 * n_spans - 1];
      n_spans = 1;
    }

  sql = g_strdup_printf (whole ? "SELECT %s FROM incident WHERE +occurred_start >= ?1 AND +occurred_start < ?2"
                               : "SELECT %s FROM incident WHERE occurred_start >= ?1 AND occurred_start < ?2",
                         columns);
  if ((stmt = bb_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  for (guint s = 0; s < n_spans; s++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, spans[2 * s]);
      sqlite3_bind_int64 (stmt, 2, spans[2 * s + 1]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        func (stmt, user_data);
      if (rc != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, what);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct {
  GHashTable   *index;      /* category id → 1 + its top-level category's place */
  const char * const *station_ids;  /* only theirs; NULL: all */
  const gint64 *bounds;
  guint         n_periods;
  gint64       *counts, *cleared, *restricted;
} PeriodCounts;

static void
count_periods_row (sqlite3_stmt *stmt,
                   gpointer      user_data)
{
  PeriodCounts *pc = user_data;
  gint64 when = sqlite3_column_int64 (stmt, 0);
  const char *category = (const char *) sqlite3_column_text (stmt, 1);
  guint c = category != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (pc->index, category)) : 0;
  gboolean is_cleared = sqlite3_column_int (stmt, 2) != 0;
  gboolean is_restricted = sqlite3_column_int (stmt, 3) != 0;

  if (pc->station_ids != NULL
      && !g_strv_contains (pc->station_ids, (const char *) sqlite3_column_text (stmt, 4)))
    return;
  for (guint p = 0; p < pc->n_periods; p++)
    {
      if (when < pc->bounds[2 * p] || when >= pc->bounds[2 * p + 1])
        continue;
      if (is_restricted)
        {
          if (pc->restricted != NULL)
            pc->restricted[p]++;
          continue;
        }
      if (c > 0)
        pc->counts[(c - 1) * pc->n_periods + p]++;
      if (is_cleared && pc->cleared != NULL)
        pc->cleared[p]++;
    }
}

gboolean
bb_store_incident_count_periods (BbStore            *self,
                                 const char * const *station_ids,
                                 const char * const *category_ids,
                                 guint               n_categories,
                                 const gint64       *bounds,
                                 guint               n_periods,
                                 gint64             *counts,
                                 gint64             *cleared,
                                 gint64             *restricted,
                                 GError            **error)
{
  BB_STORE_READ_SCOPE (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PeriodCounts pc = { index, station_ids != NULL && station_ids[0] != NULL ? station_ids : NULL,
                      bounds, n_periods, counts, cleared, restricted };
  int rc;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_periods > 0 && bounds != NULL, FALSE);
  g_return_val_if_fail (counts != NULL || n_categories == 0, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof (gint64) * n_categories * n_periods);
  if (cleared != NULL)
    memset (cleared, 0, sizeof (gint64) * n_periods);
  if (restricted != NULL)
    memset (restricted, 0, sizeof (gint64) * n_periods);

  /* Every category, and each subcategory, to the row of its top-level
   * category (the taxonomy has two levels). */
  stmt = bb_store_prepare (self, "SELECT id, parent_id FROM category", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);

      for (guint c = 0; c < n_categories; c++)
        if (g_strcmp0 (category_ids[c], parent != NULL ? parent : id) == 0)
          g_hash_table_insert (index, g_strdup (id), GUINT_TO_POINTER (c + 1));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Counting incidents"));
      return FALSE;
    }
  return bb_store_incidents_in_periods (self, "occurred_start, category_id, status = 'cleared', restricted, station_id",
                                        bounds, n_periods, count_periods_row, &pc, _("Counting incidents"), error);
}

GArray *
bb_store_incident_rowids (BbStore                *self,
                          const BbIncidentFilter *filter,
                          BbIncidentSort          sort,
                          gboolean                descending,
                          GError                **error)
{
  BB_STORE_READ_SCOPE (self);
  g_auto(Conditions) c = { 0 };
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  if (!build_conditions (filter, &c, error))
    return NULL;
  sql = build_select ("i.rowid", &c, sort, descending, error);
  if (sql == NULL)
    return NULL;
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_conditions (stmt, &c);

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Finding incidents"));
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

GPtrArray *
bb_store_incident_get_by_rowids (BbStore       *self,
                                 const gint64  *rowids,
                                 guint          n_rowids,
                                 GError       **error)
{
  BB_STORE_READ_SCOPE (self);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (rowids != NULL || n_rowids == 0, NULL);

  cols = bb_store_record_columns (&bb_incident_record, "i");
  sql = g_strdup_printf ("SELECT %s FROM incident i WHERE i.rowid = ?1", cols);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_incident_free);
  for (guint k = 0; k < n_rowids; k++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rowids[k]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (incidents, bb_store_record_read (self, &bb_incident_record, stmt, 0));
      else if (rc != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Reading incidents"));
          return NULL;
        }
    }
  return g_steal_pointer (&incidents);
}

gboolean
bb_store_incident_set_status_where (BbStore                *self,
                                    const BbIncidentFilter *filter,
                                    const char             *status,
                                    gint64                 *n_changed,
                                    GError                **error)
{
  static const char * const statuses[] = { "open", "cleared", "referred", NULL };
  g_auto(Conditions) c = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (!g_strv_contains (statuses, status))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("“%s” is not a status of an incident (open, cleared or referred)"), status);
      return FALSE;
    }
  if (!build_conditions (filter, &c, error))
    return FALSE;

  /* One statement in one transaction: a crash or a full disk leaves every
   * incident as it was or every one changed, never a part. */
  sql = g_strdup_printf ("UPDATE incident SET status = ?1, updated_at = ?2"
                         " WHERE status <> ?1 AND rowid IN (SELECT i.rowid FROM incident i%s)", c.where->str);
  if (!bb_store_begin (self, error))
    return FALSE;
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bb_store_now_us ());
  /* The conditions' parameters follow the two above. */
  bind_conditions_from (stmt, &c, 3);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Changing the status of incidents"));
      goto fail;
    }
  if (n_changed != NULL)
    *n_changed = sqlite3_changes64 (bb_store_get_db (self));
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bb_store_rollback (self);
  return FALSE;
}
