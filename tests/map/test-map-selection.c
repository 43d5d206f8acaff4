/* test-map-selection.c: incidents inside a polygon drawn on the map (not its box), and the weeks of the time slider */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "bb-map-filter.h"
#include "bb-map-selection.h"
#include "bb-map-timeline.h"
#include "bb-store-map.h"
#include "bb-store-private.h"

/* A U open to the north, 3 × 3 hundredths of a degree: its notch
 * (lon 19.01–19.02, lat 41.01–41.03) is inside its box but not in it. */
static const BbLonLat u_shape[] = {
  { 19.00, 41.00 }, { 19.03, 41.00 }, { 19.03, 41.03 }, { 19.02, 41.03 },
  { 19.02, 41.01 }, { 19.01, 41.01 }, { 19.01, 41.03 }, { 19.00, 41.03 },
};

static void
exec (BbStore    *store,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (bb_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Five incidents: two in the U's arms, one in its base, one in the notch,
 * one beyond its box. */
static BbStore *
fixture_station (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-map-selection-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_store_create (path, "Town", &error);

  g_assert_no_error (error);
  exec (store, "PRAGMA foreign_keys = OFF; DELETE FROM category; PRAGMA foreign_keys = ON");
  exec (store,
        "INSERT INTO category (id, station_id, code, name, kind, colour, sort_order, created_at, updated_at) VALUES "
        " ('c-theft', 's', 'theft', 'Theft', 'crime', '#e01b24', 1, 0, 0),"
        " ('c-bike', 's', 'theft.bike', 'Bicycle theft', 'crime', '#c01c28', 2, 0, 0),"
        " ('c-light', 's', 'light', 'Street lighting', 'environment', '#f5c211', 3, 0, 0);"
        "UPDATE category SET parent_id = 'c-theft' WHERE id = 'c-bike';"
        "INSERT INTO incident (id, station_id, category_id, occurred_start, lat, lon, source, restricted, created_at, updated_at) VALUES "
        " ('west-arm', 's', 'c-bike',  1000, 41.025, 19.005, 'patrol', 0, 0, 0),"
        " ('east-arm', 's', 'c-light', 2000, 41.020, 19.025, 'patrol', 0, 0, 0),"
        " ('base',     's', 'c-theft', 3000, 41.005, 19.015, 'patrol', 0, 0, 0),"
        " ('notch',    's', 'c-theft', 4000, 41.020, 19.015, 'patrol', 0, 0, 0),"
        " ('beyond',   's', 'c-light', 5000, 41.020, 19.050, 'patrol', 0, 0, 0);");
  return store;
}

static void
test_polygon_not_box (void)
{
  g_autoptr(BbMapSelection) polygon = bb_map_selection_new_polygon (u_shape, G_N_ELEMENTS (u_shape));
  g_autoptr(BbMapSelection) box = NULL;

  g_assert_nonnull (polygon);
  g_assert_true (bb_map_selection_is_polygon (polygon));
  g_assert_cmpfloat (polygon->box.min_lon, ==, 19.00);
  g_assert_cmpfloat (polygon->box.max_lat, ==, 41.03);
  g_assert_true (bb_map_selection_contains (polygon, 19.005, 41.025));
  g_assert_true (bb_map_selection_contains (polygon, 19.015, 41.005));
  g_assert_false (bb_map_selection_contains (polygon, 19.015, 41.020));   /* the notch */
  g_assert_false (bb_map_selection_contains (polygon, 19.050, 41.020));

  box = bb_map_selection_new_box (&polygon->box);
  g_assert_false (bb_map_selection_is_polygon (box));
  g_assert_true (bb_map_selection_contains (box, 19.015, 41.020));

  /* Too few corners, or corners in a line, enclose nothing. */
  g_assert_null (bb_map_selection_new_polygon (u_shape, 2));
  {
    static const BbLonLat line[] = { { 19, 41 }, { 19.01, 41.01 }, { 19.02, 41.02 } };
    g_assert_null (bb_map_selection_new_polygon (line, G_N_ELEMENTS (line)));
  }
  /* A ring drawn closed is the same ring. */
  {
    BbLonLat closed[G_N_ELEMENTS (u_shape) + 1];
    g_autoptr(BbMapSelection) again = NULL;

    memcpy (closed, u_shape, sizeof u_shape);
    closed[G_N_ELEMENTS (u_shape)] = u_shape[0];
    again = bb_map_selection_new_polygon (closed, G_N_ELEMENTS (closed));
    g_assert_cmpuint (again->ring->len, ==, G_N_ELEMENTS (u_shape));
  }
}

static void
test_counts_filter_and_store (void)
{
  g_autoptr(BbStore) store = fixture_station ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = bb_store_map_list_categories (store, &error);
  g_autoptr(GArray) points = NULL;
  g_autoptr(BbMapSelection) polygon = bb_map_selection_new_polygon (u_shape, G_N_ELEMENTS (u_shape));
  g_autoptr(BbMapSelection) box = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(BbIncidentFilter) copy = NULL;
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree guint16 *top = NULL;
  g_autofree guint *counts = NULL;
  int theft = -1, light = -1;

  g_assert_no_error (error);
  points = bb_store_map_load_points (store, categories, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 5);
  top = bb_map_categories_top_level (categories);
  for (guint c = 0; c < categories->len; c++)
    {
      const char *id = ((BbMapCategory *) g_ptr_array_index (categories, c))->id;
      if (g_str_equal (id, "c-theft"))
        theft = c;
      else if (g_str_equal (id, "c-light"))
        light = c;
    }
  g_assert_cmpint (theft, >=, 0);
  g_assert_cmpint (light, >=, 0);

  /* By top-level category: the bicycle theft counts as a theft. */
  counts = g_new0 (guint, categories->len);
  g_assert_cmpuint (bb_map_selection_count (polygon, points, NULL, top, counts), ==, 3);
  g_assert_cmpuint (counts[theft], ==, 2);
  g_assert_cmpuint (counts[light], ==, 1);
  box = bb_map_selection_new_box (&polygon->box);
  g_assert_cmpuint (bb_map_selection_count (box, points, NULL, NULL, NULL), ==, 4);
  /* Only among the points the filter selected. */
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (guint));
    guint first = 0;

    g_array_append_val (some, first);
    g_assert_cmpuint (bb_map_selection_count (polygon, points, some, NULL, NULL), ==,
                      bb_map_selection_contains (polygon, g_array_index (points, BbMapPoint, 0).lon,
                                                 g_array_index (points, BbMapPoint, 0).lat) ? 1 : 0);
  }

  /* The shared filter carries the polygon to the map and to the table. */
  bb_map_selection_apply (polygon, filter);
  g_assert_nonnull (filter->polygon);
  g_assert_true (filter->has_bbox);
  copy = bb_incident_filter_copy (filter);
  g_assert_true (bb_incident_filter_equal (filter, copy));
  selected = bb_map_filter_select (filter, points, categories, NULL, NULL);
  g_assert_cmpuint (selected->len, ==, 3);
  g_assert_cmpint (bb_store_incident_count (store, filter, &error), ==, 3);
  g_assert_no_error (error);
  found = bb_store_incident_query (store, filter, BB_INCIDENT_SORT_TIME, FALSE, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (((BbIncident *) g_ptr_array_index (found, i))->id, !=, "notch");

  /* A rectangle afterwards is a rectangle again. */
  bb_map_selection_apply (box, filter);
  g_assert_null (filter->polygon);
  g_assert_false (bb_incident_filter_equal (filter, copy));
  g_assert_cmpint (bb_store_incident_count (store, filter, &error), ==, 4);
}

static void
test_geojson (void)
{
  g_autoptr(BbMapSelection) polygon = bb_map_selection_new_polygon (u_shape, G_N_ELEMENTS (u_shape));
  BbLonLat reversed[G_N_ELEMENTS (u_shape)];
  g_autoptr(BbMapSelection) clockwise = NULL;
  g_autofree char *json = bb_map_selection_to_geojson (polygon);
  g_autofree char *json_cw = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *ring;
  double area2 = 0;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "type"), ==,
                   "Polygon");
  ring = json_array_get_array_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                     "coordinates"), 0);
  /* Closed, every corner, counter-clockwise (RFC 7946). */
  g_assert_cmpuint (json_array_get_length (ring), ==, G_N_ELEMENTS (u_shape) + 1);
  for (guint i = 0; i + 1 < json_array_get_length (ring); i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i), *b = json_array_get_array_element (ring, i + 1);
      area2 += json_array_get_double_element (a, 0) * json_array_get_double_element (b, 1)
               - json_array_get_double_element (b, 0) * json_array_get_double_element (a, 1);
    }
  g_assert_cmpfloat (area2, >, 0);

  /* Drawn clockwise, written counter-clockwise all the same. */
  for (guint i = 0; i < G_N_ELEMENTS (u_shape); i++)
    reversed[i] = u_shape[G_N_ELEMENTS (u_shape) - 1 - i];
  clockwise = bb_map_selection_new_polygon (reversed, G_N_ELEMENTS (u_shape));
  json_cw = bb_map_selection_to_geojson (clockwise);
  g_assert_cmpstr (json_cw, ==, json);
}

/* Points at known times (UTC; TZ=UTC below), Monday 5 January 2026 on. */
static void
test_timeline_weeks (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (BbMapPoint));
  g_autoptr(BbMapTimeline) timeline = NULL;
  g_autoptr(GArray) week = NULL;
  g_autoptr(GArray) odd = g_array_new (FALSE, FALSE, sizeof (guint));
  const gint64 monday = 1767571200;   /* 2026-01-05 00:00 UTC, a Monday */
  const gint64 day = 86400;
  /* Wednesday of week 0, Sunday 23:59 of week 0, Monday 00:00 of week 1,
   * Friday of week 3. */
  const gint64 times[] = { monday + 2 * day, monday + 7 * day - 60, monday + 7 * day, monday + 25 * day };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      BbMapPoint p = { .occurred = times[i], .rowid = i + 1, .lon = 19, .lat = 41 };
      g_array_append_val (points, p);
    }

  timeline = bb_map_timeline_new (points, NULL, G_MININT64, G_MAXINT64);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (bb_map_timeline_get_n_weeks (timeline), ==, 4);
  g_assert_cmpint (bb_map_timeline_get_week_start (timeline, 0), ==, monday);
  g_assert_cmpint (bb_map_timeline_get_week_start (timeline, 1), ==, monday + 7 * day);
  g_assert_cmpint (bb_map_timeline_get_week_start (timeline, 4), ==, monday + 28 * day);
  week = bb_map_timeline_select_week (timeline, 0);
  g_assert_cmpuint (week->len, ==, 2);
  g_clear_pointer (&week, g_array_unref);
  week = bb_map_timeline_select_week (timeline, 1);
  g_assert_cmpuint (week->len, ==, 1);
  g_assert_cmpuint (g_array_index (week, guint, 0), ==, 2);
  g_clear_pointer (&week, g_array_unref);
  week = bb_map_timeline_select_week (timeline, 2);
  g_assert_cmpuint (week->len, ==, 0);
  g_clear_pointer (&week, g_array_unref);
  week = bb_map_timeline_select_week (timeline, 4);   /* past the end */
  g_assert_cmpuint (week->len, ==, 0);
  g_clear_pointer (&week, g_array_unref);
  g_clear_pointer (&timeline, bb_map_timeline_free);

  /* Only the points the filter selected, over the filter's own range:
   * from a Thursday, the slider starts on that week's Monday. */
  for (guint i = 1; i < G_N_ELEMENTS (times); i += 2)
    g_array_append_val (odd, i);
  timeline = bb_map_timeline_new (points, odd, monday + 3 * day, monday + 35 * day);
  g_assert_cmpint (bb_map_timeline_get_week_start (timeline, 0), ==, monday);
  g_assert_cmpuint (bb_map_timeline_get_n_weeks (timeline), ==, 5);
  week = bb_map_timeline_select_week (timeline, 0);
  g_assert_cmpuint (week->len, ==, 1);
  g_assert_cmpuint (g_array_index (week, guint, 0), ==, 1);
  g_clear_pointer (&week, g_array_unref);
  week = bb_map_timeline_select_week (timeline, 3);
  g_assert_cmpuint (week->len, ==, 1);
  g_assert_cmpuint (g_array_index (week, guint, 0), ==, 3);

  /* Nothing to show, no slider. */
  g_array_set_size (odd, 0);
  g_assert_null (bb_map_timeline_new (points, odd, G_MININT64, G_MAXINT64));
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/selection/polygon-not-box", test_polygon_not_box);
  g_test_add_func ("/map/selection/counts-filter-and-store", test_counts_filter_and_store);
  g_test_add_func ("/map/selection/geojson", test_geojson);
  g_test_add_func ("/map/selection/timeline-weeks", test_timeline_weeks);
  return g_test_run ();
}
