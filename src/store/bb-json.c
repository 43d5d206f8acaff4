/* bb-json.c: reading members of JSON objects that come from files Beatbook did not write */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-json.h"

static GType
node_value_type (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;
  return json_node_get_value_type (node);
}

static GType
value_type (JsonObject  *object,
            const char  *member,
            JsonNode   **node)
{
  *node = object != NULL ? json_object_get_member (object, member) : NULL;
  return node_value_type (*node);
}

static gboolean
node_number (JsonNode *node,
             double   *out)
{
  switch (node_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    default:
      return FALSE;
    }
}

const char *
bb_json_get_string (JsonObject *object,
                    const char *member,
                    const char *fallback)
{
  JsonNode *node;

  return value_type (object, member, &node) == G_TYPE_STRING ? json_node_get_string (node) : fallback;
}

gint64
bb_json_get_int (JsonObject *object,
                 const char *member,
                 gint64      fallback)
{
  JsonNode *node;
  double d;

  switch (value_type (object, member, &node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      d = json_node_get_double (node);
      /* 2^63 is the first double past the largest gint64 */
      if (isfinite (d) && d == floor (d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return (gint64) d;
      return fallback;
    default:
      return fallback;
    }
}

double
bb_json_get_double (JsonObject *object,
                    const char *member,
                    double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  double d;

  return node_number (node, &d) ? d : fallback;
}

gboolean
bb_json_get_boolean (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node;

  return value_type (object, member, &node) == G_TYPE_BOOLEAN ? json_node_get_boolean (node) : fallback;
}

gboolean
bb_json_get_position (JsonNode *node,
                      double   *x,
                      double   *y)
{
  JsonArray *array;
  double a, b;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2
      || !node_number (json_array_get_element (array, 0), &a)
      || !node_number (json_array_get_element (array, 1), &b))
    return FALSE;
  *x = a;
  *y = b;
  return TRUE;
}

static GArray *
parse_ring (JsonNode *node,
            BbBBox   *bbox)
{
  g_autoptr(GArray) ring = NULL;
  JsonArray *positions;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  positions = json_node_get_array (node);
  ring = g_array_sized_new (FALSE, FALSE, sizeof (BbLonLat), json_array_get_length (positions));
  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      BbLonLat p;

      if (!bb_json_get_position (json_array_get_element (positions, i), &p.lon, &p.lat)
          || fabs (p.lon) > 180 || fabs (p.lat) > 90)
        return NULL;
      bb_bbox_extend (bbox, p.lon, p.lat);
      g_array_append_val (ring, p);
    }
  return ring->len >= 3 ? g_steal_pointer (&ring) : NULL;
}

static GPtrArray *
parse_polygon (JsonNode *node,
               BbBBox   *bbox)
{
  g_autoptr(GPtrArray) polygon = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (rings = json_node_get_array (node)) == 0)
    return NULL;
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      GArray *ring = parse_ring (json_array_get_element (rings, i), bbox);

      if (ring == NULL)
        return NULL;
      g_ptr_array_add (polygon, ring);
    }
  return g_steal_pointer (&polygon);
}

GPtrArray *
bb_json_get_polygons (JsonNode *node,
                      BbBBox   *bbox)
{
  g_autoptr(GPtrArray) polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  JsonObject *geometry;
  JsonNode *coords;
  const char *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  geometry = json_node_get_object (node);
  if (g_strcmp0 (bb_json_get_string (geometry, "type", ""), "Feature") == 0)
    {
      JsonNode *g = json_object_get_member (geometry, "geometry");

      if (g == NULL || !JSON_NODE_HOLDS_OBJECT (g))
        return NULL;
      geometry = json_node_get_object (g);
    }
  type = bb_json_get_string (geometry, "type", "");
  coords = json_object_get_member (geometry, "coordinates");
  if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
    return NULL;

  if (g_str_equal (type, "Polygon"))
    {
      GPtrArray *polygon = parse_polygon (coords, bbox);

      if (polygon == NULL)
        return NULL;
      g_ptr_array_add (polygons, polygon);
    }
  else if (g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *list = json_node_get_array (coords);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          GPtrArray *polygon = parse_polygon (json_array_get_element (list, i), bbox);

          if (polygon == NULL)
            return NULL;
          g_ptr_array_add (polygons, polygon);
        }
      if (polygons->len == 0)
        return NULL;
    }
  else
    return NULL;
  return g_steal_pointer (&polygons);
}

const char *
bb_json_array_get_string (JsonArray *array,
                          guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return node_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}
