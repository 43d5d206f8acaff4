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
