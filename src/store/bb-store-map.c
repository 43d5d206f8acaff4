/* bb-store-map.c: what the map reads from the station: districts, map layers, categories, incident points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-map"

#include "config.h"

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

GArray *
bb_store_map_load_points (BbStore    *store,
                          GPtrArray  *categories,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GHashTable) index = NULL;
  const unsigned char *last_id = NULL;
  int last_len = 0;
  guint16 last_index = 0;
  gint64 hint;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (categories != NULL, NULL);
  g_return_val_if_fail (categories->len < G_MAXUINT16, NULL);

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < categories->len; i++)
    {
      BbMapCategory *category = g_ptr_array_index (categories, i);
      g_hash_table_insert (index, category->id, GUINT_TO_POINTER (i));
    }

  hint = bb_store_count (store, "incident", NULL);
  points = g_array_sized_new (FALSE, FALSE, sizeof (BbMapPoint), MAX (hint, 0));

  if (!prepare (store,
                "SELECT rowid, lon, lat, category_id, occurred_start, restricted "
                "FROM incident WHERE lon IS NOT NULL",
                &stmt, _("Reading the incidents"), error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbMapPoint point;
      const unsigned char *category_id = sqlite3_column_text (stmt, 3);
      int len = sqlite3_column_bytes (stmt, 3);

      point.rowid = sqlite3_column_int64 (stmt, 0);
      point.lon = (float) sqlite3_column_double (stmt, 1);
      point.lat = (float) sqlite3_column_double (stmt, 2);
      point.occurred = sqlite3_column_int64 (stmt, 4);
      point.flags = sqlite3_column_int (stmt, 5) ? BB_MAP_POINT_RESTRICTED : 0;

      /* Incidents written together often share a category; skip the hash
       * lookup when the id repeats. */
      if (last_id != NULL && len == last_len && memcmp (category_id, last_id, len) == 0)
        {
          point.category = last_index;
        }
      else
        {
          gpointer value;

          if (category_id == NULL
              || !g_hash_table_lookup_extended (index, category_id, NULL, &value))
            {
              g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                           _("Incident %" G_GINT64_FORMAT " has a category the station does not know"),
                           point.rowid);
              return NULL;
            }
          point.category = last_index = GPOINTER_TO_UINT (value);
          last_id = (const unsigned char *) ((BbMapCategory *) g_ptr_array_index (categories, last_index))->id;
          last_len = strlen ((const char *) last_id);
        }
      g_array_append_val (points, point);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the incidents"));
      return NULL;
    }
  return g_steal_pointer (&points);
}

GPtrArray *
bb_store_map_describe_incidents (BbStore       *store,
                                 const gint64  *rowids,
                                 guint          n_rowids,
                                 GError       **error)
{
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
