/* bb-json.h: reading members of JSON objects that come from files Beatbook did not write */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bb-geo.h"

G_BEGIN_DECLS

/* json-glib's json_object_get_*_member_with_default() complain (a
 * critical) when the member is an object or an array.  A file from
 * elsewhere may hold anything, so these return @fallback when @member is
 * missing, null or not a value of the kind asked for. */

/* A string member; @fallback for any other kind of value. */
const char *bb_json_get_string  (JsonObject *object,
                                 const char *member,
                                 const char *fallback);

/* A whole number: an integer, or a finite number with no fraction within
 * the range of gint64. */
gint64      bb_json_get_int     (JsonObject *object,
                                 const char *member,
                                 gint64      fallback);

/* A finite number, integer or not. */
double      bb_json_get_double  (JsonObject *object,
                                 const char *member,
                                 double      fallback);

/* true or false. */
gboolean    bb_json_get_boolean (JsonObject *object,
                                 const char *member,
                                 gboolean    fallback);

/* A GeoJSON position: an array whose first two elements are finite
 * numbers, stored in @x and @y.  FALSE, leaving them alone, for anything
 * else (a missing or short array, strings, nulls, objects). */
gboolean    bb_json_get_position (JsonNode *node,
                                  double   *x,
                                  double   *y);

/* A GeoJSON Polygon or MultiPolygon, or a Feature holding one, whose
 * every ring has at least three WGS84 positions: a GPtrArray of polygons,
 * each a GPtrArray of rings (GArray of BbLonLat), the outline first (see
 * bb_polygons_contain()), with @bbox extended over every position.  NULL
 * for anything else. */
GPtrArray  *bb_json_get_polygons (JsonNode *node,
                                  BbBBox   *bbox);

/* The string at @index of @array; NULL for another kind of element or an
 * index past the end. */
const char *bb_json_array_get_string (JsonArray *array,
                                      guint      index);

G_END_DECLS
