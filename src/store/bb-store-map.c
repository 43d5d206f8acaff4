/* bb-store-map.c: what the map reads from the station: districts, map layers, categories, incident points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-map"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "bb-store-map.h"
#include "bb-store-private.h"

void
bb_map_district_free (BbMapDistrict *district)
{
  if (district == NULL)
    return;
  g_free (district->id);
  g_free (district->name);
  g_free (district->code);
  g_free (district->boundary);
  g_free (district->officer_name);
  g_free (district->officer_rank);
  g_free (district->officer_phone);
  g_free (district);
}

void
bb_map_geo_layer_free (BbMapGeoLayer *layer)
{
  if (layer == NULL)
    return;
  g_free (layer->name);
  g_free (layer->kind);
  g_free (layer->geojson);
  g_free (layer->attribution);
  g_free (layer);
}

void
bb_map_category_free (BbMapCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->code);
  g_free (category->name);
  g_free (category->kind);
  g_free (category);
}

void
bb_map_incident_summary_free (BbMapIncidentSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_free (summary->category_name);
  g_free (summary->address);
  g_free (summary->description);
  g_free (summary->status);
  g_free (summary);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static guint32
parse_colour (const char *text)
{
  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return 0x777777;
  return (guint32) g_ascii_strtoull (text + 1, NULL, 16);
}

static gboolean
prepare (BbStore       *store,
         const char    *sql,
         sqlite3_stmt **stmt,
         const char    *what,
         GError       **error)
{
  if (sqlite3_prepare_v2 (bb_store_get_db (store), sql, -1, stmt, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, what);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
bb_store_map_list_districts (BbStore  *store,
                             GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  if (!prepare (store,
                "SELECT d.id, d.name, d.code, d.boundary, d.population, "
                "       o.name, o.rank, o.phone "
                "FROM district d LEFT JOIN officer o ON o.id = d.officer_id "
                "ORDER BY d.code, d.name",
                &stmt, _("Reading the districts"), error))
    return NULL;

  districts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_district_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbMapDistrict *district = g_new0 (BbMapDistrict, 1);

      district->id = dup_column (stmt, 0);
      district->name = dup_column (stmt, 1);
      district->code = dup_column (stmt, 2);
      district->boundary = dup_column (stmt, 3);
      district->population = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                             ? -1 : sqlite3_column_int64 (stmt, 4);
      district->officer_name = dup_column (stmt, 5);
      district->officer_rank = dup_column (stmt, 6);
      district->officer_phone = dup_column (stmt, 7);
      g_ptr_array_add (districts, district);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the districts"));
      return NULL;
    }
  return g_steal_pointer (&districts);
}

GPtrArray *
bb_store_map_list_geo_layers (BbStore  *store,
                              GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  if (!prepare (store,
                "SELECT name, kind, geojson, attribution FROM geo_layer "
                "ORDER BY sort_order, name",
                &stmt, _("Reading the map layers"), error))
    return NULL;

  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_geo_layer_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbMapGeoLayer *layer = g_new0 (BbMapGeoLayer, 1);

      layer->name = dup_column (stmt, 0);
      layer->kind = dup_column (stmt, 1);
      layer->geojson = dup_column (stmt, 2);
      layer->attribution = dup_column (stmt, 3);
      g_ptr_array_add (layers, layer);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the map layers"));
      return NULL;
    }
  return g_steal_pointer (&layers);
}

GPtrArray *
bb_store_map_list_categories (BbStore  *store,
                              GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GHashTable) parents = NULL;
  g_autoptr(GHashTable) index = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  if (!prepare (store,
                "SELECT id, code, name, kind, colour, parent_id FROM category "
                "ORDER BY sort_order, name",
                &stmt, _("Reading the categories"), error))
    return NULL;

  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_category_free);
  parents = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbMapCategory *category = g_new0 (BbMapCategory, 1);

      category->id = dup_column (stmt, 0);
      category->code = dup_column (stmt, 1);
      category->name = dup_column (stmt, 2);
      category->kind = dup_column (stmt, 3);
      category->colour = parse_colour ((const char *) sqlite3_column_text (stmt, 4));
      category->parent = -1;
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        g_hash_table_insert (parents, category, dup_column (stmt, 5));
      g_hash_table_insert (index, category->id, GUINT_TO_POINTER (categories->len));
      g_ptr_array_add (categories, category);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the categories"));
      return NULL;
    }

  for (guint i = 0; i < categories->len; i++)
    {
      BbMapCategory *category = g_ptr_array_index (categories, i);
      const char *parent_id = g_hash_table_lookup (parents, category);
      gpointer parent;

      if (parent_id != NULL && g_hash_table_lookup_extended (index, parent_id, NULL, &parent))
        category->parent = GPOINTER_TO_INT (parent);
    }
  return g_steal_pointer (&categories);
}

const char * const bb_map_point_statuses[] = { "open", "cleared", "referred", NULL };
const char * const bb_map_point_sources[] = {
  "patrol", "resident", "complaint_box", "hotline", "survey", "school", "partner", "meeting", "import", NULL
};

static guint8
value_index (const char * const  *values,
             const unsigned char *text,
             int                  len)
{
  if (text == NULL)
    return 0xff;
  for (guint i = 0; values[i] != NULL; i++)
    if ((int) strlen (values[i]) == len && memcmp (values[i], text, len) == 0)
      return i;
  return 0xff;
}

/* Looks an id up in @index, skipping the hash when it repeats the last one:
 * incidents written together often share a category or a district. */
typedef struct {
  GHashTable *index;
  char       *last_id;
  int         last_len;
  guint       last_value;
} IdCache;

static gboolean
id_cache_lookup (IdCache             *cache,
                 const unsigned char *id,
                 int                  len,
                 guint               *value)
{
  gpointer found;

  if (cache->last_id != NULL && len == cache->last_len && memcmp (id, cache->last_id, len) == 0)
    {
      *value = cache->last_value;
      return TRUE;
    }
  if (!g_hash_table_lookup_extended (cache->index, id, (gpointer *) &cache->last_id, &found))
    {
      cache->last_id = NULL;
      return FALSE;
    }
  cache->last_len = len;
  cache->last_value = *value = GPOINTER_TO_UINT (found);
  return TRUE;
}

GArray *
bb_store_map_load_points (BbStore    *store,
                          GPtrArray  *categories,
                          GError    **error)
{
  return bb_store_map_load_points_full (store, categories, NULL, error);
}

typedef struct {
  BbStore    *store;
  GPtrArray  *categories;
  GHashTable *category_index;
  GHashTable *district_index;
  gint64      first, last;   /* the rowids to read */
  gint64      hint;
  GArray     *points;
  GError     *error;
} PointRange;

#define POINT_COLUMNS "rowid, lon, lat, category_id, occurred_start, restricted, district_id, status, source"

/* One row of POINT_COLUMNS as a point; FALSE, with @range's error set, for
 * an incident whose category the station does not know. */
static gboolean
point_from_row (PointRange   *range,
                sqlite3_stmt *stmt,
                IdCache      *categories_seen,
                IdCache      *districts_seen,
                GArray       *points)
{
  BbMapPoint point;
  const unsigned char *category_id = sqlite3_column_text (stmt, 3);
  const unsigned char *district_id = sqlite3_column_text (stmt, 6);
  guint value;

  point.rowid = sqlite3_column_int64 (stmt, 0);
  point.lon = sqlite3_column_double (stmt, 1);
  point.lat = sqlite3_column_double (stmt, 2);
  point.occurred = sqlite3_column_int64 (stmt, 4);
  point.flags = sqlite3_column_int (stmt, 5) ? BB_MAP_POINT_RESTRICTED : 0;
  point.status = value_index (bb_map_point_statuses, sqlite3_column_text (stmt, 7), sqlite3_column_bytes (stmt, 7));
  point.source = value_index (bb_map_point_sources, sqlite3_column_text (stmt, 8), sqlite3_column_bytes (stmt, 8));

  if (category_id == NULL
      || !id_cache_lookup (categories_seen, category_id, sqlite3_column_bytes (stmt, 3), &value))
    {
      g_set_error (&range->error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                   _("Incident %" PRId64 " has a category the station does not know"),
                   point.rowid);
      return FALSE;
    }
  point.category = value;
  if (district_id != NULL
      && id_cache_lookup (districts_seen, district_id, sqlite3_column_bytes (stmt, 6), &value))
    point.district = value;
  else
    point.district = BB_MAP_POINT_NONE;
  g_array_append_val (points, point);
  return TRUE;
}

/* The incident table is read from end to end: through a memory map its
 * pages come without a read() and a copy each (on a 1,000,000-incident
 * station, 1.7 s of processor time rather than 2.7 s).  Only for this
 * read: the map is given back before the connection returns to the pool. */
#define POINTS_MMAP_SIZE "4294967296"   /* SQLite lowers it to its own limit */

static gboolean read_point_rows (PointRange *range);

/* Reads one range of rowids on a reader connection of its own, so that
 * ranges can be read side by side. */
static gpointer
read_point_range (gpointer data)
{
  PointRange *range = data;
  BB_STORE_READ_SCOPE (range->store);
  sqlite3 *db = bb_store_get_db (range->store);
  gboolean read;

  sqlite3_exec (db, "PRAGMA mmap_size = " POINTS_MMAP_SIZE, NULL, NULL, NULL);
  read = read_point_rows (range);
  sqlite3_exec (db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
  return read ? range : NULL;
}

static gboolean
read_point_rows (PointRange *range)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) points = NULL;
  IdCache categories_seen = { range->category_index }, districts_seen = { range->district_index };
  int rc;

  points = g_array_sized_new (FALSE, FALSE, sizeof (BbMapPoint), MAX (range->hint, 0));
  if (!prepare (range->store,
                "SELECT " POINT_COLUMNS " FROM incident WHERE lon IS NOT NULL AND rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                &stmt, _("Reading the incidents"), &range->error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, range->first);
  sqlite3_bind_int64 (stmt, 2, range->last);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!point_from_row (range, stmt, &categories_seen, &districts_seen, points))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (range->store, &range->error, _("Reading the incidents"));
      return FALSE;
    }
  range->points = g_steal_pointer (&points);
  return TRUE;
}

GArray *
bb_store_map_load_points_full (BbStore    *store,
                               GPtrArray  *categories,
                               GPtrArray  *districts,
                               GError    **error)
{
  g_autoptr(GHashTable) category_index = NULL;
  g_autoptr(GHashTable) district_index = NULL;
  PointRange ranges[2] = { { 0 } };
  g_autoptr(GThread) helper = NULL;
  gint64 first = 0, last = -1;
  guint n_ranges = 1;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (categories != NULL, NULL);
  g_return_val_if_fail (categories->len < G_MAXUINT16, NULL);
  g_return_val_if_fail (districts == NULL || districts->len < BB_MAP_POINT_NONE, NULL);

  category_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < categories->len; i++)
    {
      BbMapCategory *category = g_ptr_array_index (categories, i);
      g_hash_table_insert (category_index, category->id, GUINT_TO_POINTER (i));
    }
  district_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; districts != NULL && i < districts->len; i++)
    {
      BbMapDistrict *district = g_ptr_array_index (districts, i);
      g_hash_table_insert (district_index, district->id, GUINT_TO_POINTER (i));
    }

  {
    BB_STORE_READ_SCOPE (store);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (!prepare (store, "SELECT min(rowid), max(rowid) FROM incident", &stmt, _("Reading the incidents"), error))
      return NULL;
    if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      {
        first = sqlite3_column_int64 (stmt, 0);
        last = sqlite3_column_int64 (stmt, 1);
      }
  }

  for (guint i = 0; i < 2; i++)
    {
      ranges[i].store = store;
      ranges[i].categories = categories;
      ranges[i].category_index = category_index;
      ranges[i].district_index = district_index;
    }
  ranges[0].first = first;
  ranges[0].last = last;
  ranges[0].hint = last - first + 1;
  /* A large station is read in two halves side by side: the map opens in
   * about half the time on a machine with two cores or more. */
  if (last - first > 200000 && g_get_num_processors () > 1)
    {
      gint64 middle = first + (last - first) / 2;

      ranges[0].last = middle;
      ranges[0].hint = middle - first + 1;
      ranges[1].first = middle + 1;
      ranges[1].last = last;
      ranges[1].hint = last - middle;
      n_ranges = 2;
      helper = g_thread_try_new ("bb-map-points", read_point_range, &ranges[1], NULL);
      if (helper == NULL)
        {
          ranges[0].last = last;
          n_ranges = 1;
        }
    }
  read_point_range (&ranges[0]);
  if (helper != NULL)
    g_thread_join (g_steal_pointer (&helper));

  for (guint i = 0; i < n_ranges; i++)
    if (ranges[i].error != NULL)
      {
        g_propagate_error (error, ranges[i].error);
        for (guint j = 0; j < n_ranges; j++)
          {
            g_clear_pointer (&ranges[j].points, g_array_unref);
            if (j != i)
              g_clear_error (&ranges[j].error);
          }
        return NULL;
      }
  if (n_ranges == 2)
    {
      g_array_append_vals (ranges[0].points, ranges[1].points->data, ranges[1].points->len);
      g_array_unref (ranges[1].points);
    }
  return ranges[0].points;
}

static int
compare_rowid (gconstpointer a,
               gconstpointer b)
{
  const BbMapPoint *x = a, *y = b;

  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

typedef struct {
  PointRange *range;
  IdCache    *categories_seen, *districts_seen;
  gint64      from, to;
} PointsBetween;

static void
point_between_cb (sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  PointsBetween *between = user_data;
  gint64 when = sqlite3_column_int64 (stmt, 4);

  if (between->range->error != NULL || sqlite3_column_type (stmt, 1) == SQLITE_NULL
      || when < between->from || when >= between->to)
    return;
  point_from_row (between->range, stmt, between->categories_seen, between->districts_seen,
                  between->range->points);
}

static GArray *
load_points_between (BbStore    *store,
                     GPtrArray  *categories,
                     GPtrArray  *districts,
                     gint64      from,
                     gint64      to,
                     GError    **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) district_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) points = NULL;
  IdCache categories_seen = { category_index }, districts_seen = { district_index };
  PointRange range = { store, categories, category_index, district_index };
  PointsBetween between = { &range, &categories_seen, &districts_seen, from, to };
  const gint64 bounds[] = { from, to };

  for (guint i = 0; i < categories->len; i++)
    g_hash_table_insert (category_index, ((BbMapCategory *) g_ptr_array_index (categories, i))->id,
                         GUINT_TO_POINTER (i));
  for (guint i = 0; districts != NULL && i < districts->len; i++)
    g_hash_table_insert (district_index, ((BbMapDistrict *) g_ptr_array_index (districts, i))->id,
                         GUINT_TO_POINTER (i));
  range.points = points = g_array_new (FALSE, FALSE, sizeof (BbMapPoint));
  if (!bb_store_incidents_in_periods (store, POINT_COLUMNS, bounds, 1, point_between_cb, &between,
                                      _("Reading the incidents"), error))
    return NULL;
  if (range.error != NULL)
    {
      g_propagate_error (error, range.error);
      return NULL;
    }
  /* In rowid order, as bb_store_map_load_points_full() gives them. */
  g_array_sort (points, compare_rowid);
  return g_steal_pointer (&points);
}

GArray *
bb_store_map_load_points_between (BbStore    *store,
                                  GPtrArray  *categories,
                                  GPtrArray  *districts,
                                  gint64      from,
                                  gint64      to,
                                  GError    **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (categories != NULL, NULL);
  g_return_val_if_fail (categories->len < G_MAXUINT16, NULL);
  g_return_val_if_fail (districts == NULL || districts->len < BB_MAP_POINT_NONE, NULL);

  if (from == G_MININT64 && to == G_MAXINT64)
    return bb_store_map_load_points_full (store, categories, districts, error);
  return load_points_between (store, categories, districts, from, to, error);
}

GPtrArray *
bb_store_map_describe_incidents (BbStore       *store,
                                 const gint64  *rowids,
                                 guint          n_rowids,
                                 GError       **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) summaries = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (rowids != NULL || n_rowids == 0, NULL);

  if (!prepare (store,
                "SELECT i.rowid, i.id, c.name, c.colour, i.occurred_start, i.address, "
                "       i.description, i.status, i.restricted "
                "FROM incident i JOIN category c ON c.id = i.category_id "
                "WHERE i.rowid = ?1",
                &stmt, _("Reading incidents"), error))
    return NULL;

  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_incident_summary_free);
  for (guint i = 0; i < n_rowids; i++)
    {
      BbMapIncidentSummary *summary;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        {
          bb_store_set_error_from_db (store, error, _("Reading incidents"));
          return NULL;
        }
      summary = g_new0 (BbMapIncidentSummary, 1);
      summary->rowid = sqlite3_column_int64 (stmt, 0);
      summary->id = dup_column (stmt, 1);
      summary->category_name = dup_column (stmt, 2);
      summary->colour = parse_colour ((const char *) sqlite3_column_text (stmt, 3));
      summary->occurred = sqlite3_column_int64 (stmt, 4);
      summary->address = dup_column (stmt, 5);
      summary->description = dup_column (stmt, 6);
      summary->status = dup_column (stmt, 7);
      summary->restricted = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (summaries, summary);
    }
  return g_steal_pointer (&summaries);
}

char *
bb_store_map_get_setting (BbStore    *store,
                          const char *key)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (sqlite3_prepare_v2 (bb_store_get_db (store), "SELECT value FROM meta WHERE key = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return dup_column (stmt, 0);
}

gboolean
bb_store_map_set_setting (BbStore     *store,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  BB_STORE_LOCK_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = value != NULL
                    ? "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"
                    : "DELETE FROM meta WHERE key = ?1";

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!prepare (store, sql, &stmt, _("Saving the map settings"), error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Saving the map settings"));
      return FALSE;
    }
  return TRUE;
}
