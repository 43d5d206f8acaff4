/* bb-map-data.c: everything the map shows from a station, loaded together off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-data"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-map-data.h"
#include "bb-json.h"
#include "bb-tile-math.h"

void
bb_map_data_free (BbMapData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->features, bb_map_features_unref);
  g_clear_pointer (&data->districts, g_ptr_array_unref);
  g_clear_pointer (&data->district_features, g_ptr_array_unref);
  g_clear_pointer (&data->district_units, bb_map_districts_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->points, g_array_unref);
  g_free (data->world);
  g_free (data->attribution);
  g_free (data->basemap_kind);
  g_free (data->basemap_mbtiles);
  g_free (data);
}

static void
add_ring (GPtrArray *rings,
          JsonArray *positions)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (BbLonLat));

  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      BbLonLat p;

      if (bb_json_get_position (json_array_get_element (positions, i), &p.lon, &p.lat))
        g_array_append_val (ring, p);
    }
  if (ring->len >= 3)
    g_ptr_array_add (rings, ring);
  else
    g_array_unref (ring);
}

GPtrArray *
bb_map_data_parse_rings (const char *geometry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonObject *object;
  JsonNode *coordinates;
  const char *type;

  if (geometry == NULL || !json_parser_load_from_data (parser, geometry, -1, NULL)
      || json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return rings;
  object = json_node_get_object (json_parser_get_root (parser));
  type = bb_json_get_string (object, "type", "");
  coordinates = json_object_get_member (object, "coordinates");
  if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates))
    return rings;

  if (g_str_equal (type, "Polygon"))
    {
      JsonArray *polygon = json_node_get_array (coordinates);
      if (json_array_get_length (polygon) > 0 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)))
        add_ring (rings, json_array_get_array_element (polygon, 0));
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *polygons = json_node_get_array (coordinates);
      for (guint i = 0; i < json_array_get_length (polygons); i++)
        {
          JsonNode *node = json_array_get_element (polygons, i);
          JsonArray *polygon;

          if (!JSON_NODE_HOLDS_ARRAY (node))
            continue;
          polygon = json_node_get_array (node);
          if (json_array_get_length (polygon) > 0 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)))
            add_ring (rings, json_array_get_array_element (polygon, 0));
        }
    }
  return rings;
}

/* What every map of the station draws under the incidents: districts,
 * geo layers, bounds and the chosen base map. */
static gboolean
load_base (BbStore    *store,
           BbMapData  *data,
           GError    **error)
{
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GString) attribution = g_string_new (NULL);

  bb_bbox_init_empty (&data->bounds);
  data->districts = bb_store_map_list_districts (store, error);
  if (data->districts == NULL)
    return FALSE;
  layers = bb_store_map_list_geo_layers (store, error);
  if (layers == NULL)
    return FALSE;

  data->features = bb_map_features_new ();
  for (guint i = 0; i < layers->len; i++)
    {
      BbMapGeoLayer *layer = g_ptr_array_index (layers, i);

      if (!bb_map_features_add_geojson (data->features, layer->kind, layer->geojson, layer->name, error))
        return FALSE;
      if (layer->attribution != NULL && *layer->attribution != '\0'
          && strstr (attribution->str, layer->attribution) == NULL)
        g_string_append_printf (attribution, "%s%s", attribution->len ? "; " : "", layer->attribution);
    }
  data->attribution = g_string_free (g_steal_pointer (&attribution), FALSE);

  data->district_features = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < data->districts->len; i++)
    {
      BbMapDistrict *district = g_ptr_array_index (data->districts, i);
      GPtrArray *rings = bb_map_data_parse_rings (district->boundary);

      for (guint r = 0; r < rings->len; r++)
        {
          GArray *ring = g_ptr_array_index (rings, r);
          for (guint k = 0; k < ring->len; k++)
            bb_bbox_extend (&data->bounds, g_array_index (ring, BbLonLat, k).lon,
                            g_array_index (ring, BbLonLat, k).lat);
        }
      g_ptr_array_add (data->district_features, rings);
    }

  /* Which districts border which, for hot spots by district. */
  data->district_units = bb_map_districts_new (data->district_features);

  data->basemap_kind = bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP);
  data->basemap_mbtiles = bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES);
  return TRUE;
}

static gboolean
load_points (BbStore    *store,
             BbMapData  *data,
             GError    **error)
{
  gint64 start = g_get_monotonic_time ();

  data->categories = bb_store_map_list_categories (store, error);
  if (data->categories == NULL)
    return FALSE;
  data->points = bb_store_map_load_points_full (store, data->categories, data->districts, error);
  if (data->points == NULL)
    return FALSE;
  g_debug ("read %u incident positions in %.0f ms", data->points->len, (g_get_monotonic_time () - start) / 1e3);
  /* Projected here, off the main thread, once. */
  data->world = g_new (double, 2 * MAX (data->points->len, 1));
  for (guint i = 0; i < data->points->len; i++)
    {
      const BbMapPoint *p = &g_array_index (data->points, BbMapPoint, i);
      bb_tile_from_lonlat (p->lon, p->lat, 0, &data->world[2 * i], &data->world[2 * i + 1]);
    }
  if (bb_bbox_is_empty (&data->bounds))
    for (guint i = 0; i < data->points->len; i++)
      {
        BbMapPoint *p = &g_array_index (data->points, BbMapPoint, i);
        bb_bbox_extend (&data->bounds, p->lon, p->lat);
      }
  return TRUE;
}

BbMapData *
bb_map_data_load (BbStore  *store,
                  GError  **error)
{
  g_autoptr(BbMapData) data = g_new0 (BbMapData, 1);
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  if (!load_base (store, data, error) || !load_points (store, data, error))
    return NULL;
  g_debug ("loaded the station's map in %.0f ms", (g_get_monotonic_time () - start) / 1e3);
  return g_steal_pointer (&data);
}

BbMapData *
bb_map_data_load_base (BbStore  *store,
                       GError  **error)
{
  g_autoptr(BbMapData) data = g_new0 (BbMapData, 1);

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  if (!load_base (store, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BbMapData *data = g_task_get_source_tag (task) == bb_map_data_load_base_async
                    ? bb_map_data_load_base (task_data, &error)
                    : bb_map_data_load (task_data, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) bb_map_data_free);
}

void
bb_map_data_load_async (BbStore             *store,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_map_data_load_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

BbMapData *
bb_map_data_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bb_map_data_load_base_async (BbStore             *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_map_data_load_base_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}
