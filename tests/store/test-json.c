/* test-json.c: members of JSON objects from files Beatbook did not write, read without complaint whatever they hold */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "bb-bundle.h"
#include "bb-bundle-private.h"
#include "bb-json.h"

/* g_test_init() makes a critical fatal: json-glib's own *_with_default()
 * getters would abort this test on the object and array members. */
static const char *members =
  "{\"string\": \"text\", \"int\": 42, \"whole\": 7.0, \"fraction\": 2.5, \"huge\": 1e300,"
  " \"true\": true, \"null\": null, \"object\": {\"a\": 1}, \"array\": [1, 2]}";

static JsonObject *
parse (JsonParser *parser,
       const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_string (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (parser, members);

  g_assert_cmpstr (bb_json_get_string (o, "string", "none"), ==, "text");
  for (const char *const *m = (const char *[]) { "int", "true", "null", "object", "array", "missing", NULL }; *m; m++)
    g_assert_cmpstr (bb_json_get_string (o, *m, "none"), ==, "none");
  g_assert_null (bb_json_get_string (o, "object", NULL));
  g_assert_cmpstr (bb_json_get_string (NULL, "string", "none"), ==, "none");
}

static void
test_numbers (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (parser, members);

  g_assert_cmpint (bb_json_get_int (o, "int", -1), ==, 42);
  g_assert_cmpint (bb_json_get_int (o, "whole", -1), ==, 7);
  for (const char *const *m = (const char *[]) { "fraction", "huge", "string", "true", "null", "object", "array",
                                                 "missing", NULL }; *m; m++)
    g_assert_cmpint (bb_json_get_int (o, *m, -1), ==, -1);

  g_assert_cmpfloat (bb_json_get_double (o, "int", -1), ==, 42.0);
  g_assert_cmpfloat (bb_json_get_double (o, "fraction", -1), ==, 2.5);
  g_assert_cmpfloat (bb_json_get_double (o, "huge", -1), ==, 1e300);
  for (const char *const *m = (const char *[]) { "string", "true", "null", "object", "array", "missing", NULL }; *m; m++)
    g_assert_cmpfloat (bb_json_get_double (o, *m, -1), ==, -1.0);
}

static void
test_boolean (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = parse (parser, members);

  g_assert_true (bb_json_get_boolean (o, "true", FALSE));
  for (const char *const *m = (const char *[]) { "int", "string", "null", "object", "array", "missing", NULL }; *m; m++)
    {
      g_assert_false (bb_json_get_boolean (o, *m, FALSE));
      g_assert_true (bb_json_get_boolean (o, *m, TRUE));
    }
}

static void
test_position (void)
{
  static const char *refused[] = {
    "[]", "[1]", "[\"27.1\", 47.0]", "[27.1, null]", "[{}, 47.0]", "[[27.1], 47.0]", "[1e999, 47.0]", "{}", "\"x\"",
    "null", "true",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  double x = -1, y = -1;

  g_assert_true (json_parser_load_from_data (parser, "[27, 47.25, 180]", -1, NULL));
  g_assert_true (bb_json_get_position (json_parser_get_root (parser), &x, &y));
  g_assert_cmpfloat (x, ==, 27.0);
  g_assert_cmpfloat (y, ==, 47.25);
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();

      g_assert_true (json_parser_load_from_data (p, refused[i], -1, NULL));
      x = y = -1;
      g_assert_false (bb_json_get_position (json_parser_get_root (p), &x, &y));
      g_assert_cmpfloat (x, ==, -1.0);
      g_assert_cmpfloat (y, ==, -1.0);
    }
  g_assert_false (bb_json_get_position (NULL, &x, &y));
}

static void
test_array_string (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, "[\"a\", 1, null, {}, []]", -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpstr (bb_json_array_get_string (array, 0), ==, "a");
  for (guint i = 1; i <= 5; i++)
    g_assert_null (bb_json_array_get_string (array, i));
}

/* A square with a square hole, inside a Feature, and a MultiPolygon of
 * two squares; then what is not a polygon of WGS84 positions. */
static void
test_polygons (void)
{
  static const char *refused[] = {
    "{\"type\": \"Point\", \"coordinates\": [0, 0]}",
    "{\"type\": \"Polygon\", \"coordinates\": []}",
    "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 0]], {}]}",
    "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0]]]}",
    "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [181, 0], [1, 1]]]}",
    "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [\"1\", 0], [1, 1]]]}",
    "{\"type\": \"MultiPolygon\", \"coordinates\": []}",
    "{\"type\": \"Feature\", \"geometry\": null}",
    "[]",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) polygons = NULL;
  BbBBox bbox;

  bb_bbox_init_empty (&bbox);
  g_assert_true (json_parser_load_from_data (parser,
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
    " [[[20, 41], [20.04, 41], [20.04, 41.04], [20, 41.04]],"
    "  [[20.01, 41.01], [20.03, 41.01], [20.03, 41.03], [20.01, 41.03]]]}}", -1, NULL));
  polygons = bb_json_get_polygons (json_parser_get_root (parser), &bbox);
  g_assert_nonnull (polygons);
  g_assert_cmpuint (polygons->len, ==, 1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (polygons, 0))->len, ==, 2);
  g_assert_cmpfloat (bbox.min_lon, ==, 20.0);
  g_assert_cmpfloat (bbox.max_lat, ==, 41.04);
  g_assert_true (bb_polygons_contain (polygons, 20.005, 41.005));
  g_assert_false (bb_polygons_contain (polygons, 20.02, 41.02));   /* in the hole */
  g_assert_false (bb_polygons_contain (polygons, 20.05, 41.02));   /* outside */
  g_clear_pointer (&polygons, g_ptr_array_unref);

  bb_bbox_init_empty (&bbox);
  g_assert_true (json_parser_load_from_data (parser,
    "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0, 0], [1, 0], [1, 1], [0, 1]]],"
    " [[[2, 0], [3, 0], [3, 1], [2, 1]]]]}", -1, NULL));
  polygons = bb_json_get_polygons (json_parser_get_root (parser), &bbox);
  g_assert_nonnull (polygons);
  g_assert_cmpuint (polygons->len, ==, 2);
  g_assert_true (bb_polygons_contain (polygons, 2.5, 0.5));
  g_assert_false (bb_polygons_contain (polygons, 1.5, 0.5));
  g_assert_cmpfloat (bbox.max_lon, ==, 3.0);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();

      g_assert_true (json_parser_load_from_data (p, refused[i], -1, NULL));
      bb_bbox_init_empty (&bbox);
      g_assert_null (bb_json_get_polygons (json_parser_get_root (p), &bbox));
    }
  g_assert_null (bb_json_get_polygons (NULL, &bbox));
}

/* A bundle's header whose members are objects where strings belong: a
 * plain refusal. */
static void
test_bundle_header (void)
{
  static const struct {
    const char *json;
    int         code;
  } headers[] = {
    { "{\"project\": {\"name\": \"org.beatbook.Beatbook\"}}", BB_BUNDLE_ERROR_NOT_A_BUNDLE },
    { "{\"project\": \"org.beatbook.Beatbook\", \"format\": [1], \"schema\": {}, \"bundle_id\": [],"
      " \"from\": {}, \"payload\": {\"encoding\": {}, \"content\": []}}", BB_BUNDLE_ERROR_DAMAGED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      BbBundleHeader *header = bb_bundle_header_from_json (headers[i].json, strlen (headers[i].json), "x.beatbook-bundle",
                                                           &error);

      g_assert_null (header);
      g_assert_error (error, BB_BUNDLE_ERROR, headers[i].code);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/string", test_string);
  g_test_add_func ("/json/numbers", test_numbers);
  g_test_add_func ("/json/boolean", test_boolean);
  g_test_add_func ("/json/position", test_position);
  g_test_add_func ("/json/array-string", test_array_string);
  g_test_add_func ("/json/polygons", test_polygons);
  g_test_add_func ("/json/bundle-header", test_bundle_header);
  return g_test_run ();
}
