/* test-problem-area.c: a problem's area: a selection of the Map view opened as a problem, the area on the page's small map, and another drawn there */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-problem-area"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "bb-area-hotspots.h"
#include "bb-area-sketch.h"
#include "bb-hotspot-problem.h"
#include "bb-map-view.h"
#include "bb-store-problems.h"

#include "problem-page-fixture.h"

static gboolean
map_loaded (gpointer data)
{
  return bb_map_view_is_loaded (data);
}

static gboolean
hotspots_read (gpointer data)
{
  const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (data, "area_hotspots_row")));

  return text != NULL && !g_str_has_prefix (text, "Working");
}

static gboolean
page_shows_new_problem (gpointer data)
{
  BbProblemsView *view = data;
  BbProblemPage *page = bb_problems_view_get_problem_page (view);
  const char *id = bb_problem_page_get_problem_id (page);

  return id != NULL && bb_problem_page_is_loaded (page) && bb_store_count (store, "problem", NULL) > 0
         && g_strcmp0 (g_object_get_data (G_OBJECT (view), "before"), id) != 0;
}

/* An area selected on the map, opened as a problem: the new problem's
 * page, its area the selection, its incidents the burglaries the map
 * counted there. */
static void
test_from_map_area (void)
{
  BbWindow *window;
  BbProblemsView *view = open_view (&window, 1280, 800);
  BbMapView *map;
  g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (store, "burglary", NULL);
  g_autoptr(BbIncidentFilter) burglaries = bb_incident_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *district_id = NULL;
  g_autoptr(GHashTable) by_category = NULL;
  g_autoptr(BbProblem) stored = NULL;
  g_autofree char *area_json = NULL;
  g_auto(GStrv) categories = NULL;
  BbIncident *some = NULL;
  gint64 before = bb_store_count (store, "problem", NULL);
  const char *ids[] = { burglary->id, NULL };
  const char *problem_id;
  BbBBox area;
  guint total = 0;

  /* About 700 m by 700 m around a burglary. */
  bb_incident_filter_set_category_ids (burglaries, ids);
  found = bb_store_incident_query (store, burglaries, BB_INCIDENT_SORT_TIME, TRUE, 0, 50, NULL);
  for (guint i = 0; found != NULL && i < found->len && some == NULL; i++)
    if (!isnan (((BbIncident *) g_ptr_array_index (found, i))->lat))
      some = g_ptr_array_index (found, i);
  g_assert_nonnull (some);
  area.min_lon = some->lon - 0.004;
  area.max_lon = some->lon + 0.004;
  area.min_lat = some->lat - 0.003;
  area.max_lat = some->lat + 0.003;
  district_id = bb_store_district_at (store, some->lon, some->lat, NULL);

  g_object_set_data_full (G_OBJECT (view), "before",
                          g_strdup (bb_problem_page_get_problem_id (bb_problems_view_get_problem_page (view))), g_free);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("map"));
  map = BB_MAP_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_MAP_VIEW));
  g_assert_true (run_until (map_loaded, map, 60));
  bb_filter_state_set_category_ids (bb_map_view_get_filter (map), ids);
  run_for (500);
  g_assert_true (run_until (map_loaded, map, 60));
  by_category = bb_map_view_select_area (map, &area, &total);
  g_assert_cmpuint (total, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.open-area", NULL));

  /* The Problems view, on the new problem's page. */
  g_assert_true (run_until (page_shows_new_problem, view, 30));
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "problems");
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "problem");
  g_assert_cmpint (bb_store_count (store, "problem", NULL), ==, before + 1);
  problem_id = bb_problem_page_get_problem_id (bb_problems_view_get_problem_page (view));
  stored = bb_store_problem_get (store, problem_id, NULL);
  g_assert_nonnull (stored);
  area_json = bb_area_geojson (&area);
  g_assert_cmpstr (stored->area, ==, area_json);
  g_assert_cmpstr (stored->stage, ==, "scanning");
  g_assert_cmpstr (stored->district_id, ==, district_id);
  g_assert_true (g_str_has_prefix (stored->title, "Burglary in "));
  categories = bb_store_problem_dup_categories (store, problem_id, NULL);
  g_assert_cmpuint (g_strv_length (categories), ==, 1);
  g_assert_cmpstr (categories[0], ==, burglary->id);
  /* What the map counted is what the problem holds. */
  g_assert_cmpint (bb_store_problem_count_incidents (store, problem_id, NULL), ==, total);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (bb_problems_view_get_problem_page (view), "heading_label"))),
                   ==, stored->title);
  /* The area's hot spots, worked out off the main thread: the map's
   * figures for the area, or why there are none. */
  g_assert_true (run_until (hotspots_read, bb_problems_view_get_problem_page (view), 60));
  {
    const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (bb_problems_view_get_problem_page (view),
                                                                           "area_hotspots_row")));
    g_autoptr(BbAreaHotspots) stats = bb_area_hotspots_compute (store, problem_id, NULL, NULL);
    g_autofree char *expected = bb_area_hotspots_describe (stats);

    g_test_message ("hot spots of the area: %s", text);
    g_assert_cmpstr (text, ==, expected);
  }
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "problem-page-from-map-area");

  /* The page's small map: the district, and the area inside it. */
  {
    BbProblemPage *page = bb_problems_view_get_problem_page (view);
    BbAreaSketch *sketch = BB_AREA_SKETCH (child (page, "area_sketch"));
    g_autoptr(BbDistrict) district = bb_store_district_get (store, district_id, NULL);
    g_autoptr(BbProblem) redrawn = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *ring;
    BbBBox extent, drawn;
    double w, h;

    g_assert_true (gtk_widget_get_visible (child (page, "area_map_row")));
    g_assert_true (bb_area_sketch_get_extent (sketch, &extent));
    g_assert_cmpfloat_with_epsilon (extent.min_lon, district->min_lon, 1e-9);
    g_assert_cmpfloat_with_epsilon (extent.max_lat, district->max_lat, 1e-9);
    scroll_to (child (page, "area_map_row"));
    run_for (300);
    save_screenshot (GTK_WIDGET (window), "problem-page-area-map");

    /* A rectangle dragged over the sketch's middle is the area once saved. */
    w = gtk_widget_get_width (GTK_WIDGET (sketch));
    h = gtk_widget_get_height (GTK_WIDGET (sketch));
    g_assert_cmpfloat (w, >, 100);
    bb_area_sketch_draw_rectangle (sketch, w * 0.4, h * 0.4, w * 0.6, h * 0.6);
    g_assert_true (bb_problem_page_is_dirty (page));
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "area_row"))),
                                     "Drawn on the map below"));
    redrawn = bb_store_problem_get (store, problem_id, NULL);
    g_assert_cmpstr (redrawn->area, ==, area_json);   /* not before Save */
    g_clear_pointer (&redrawn, bb_problem_free);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.save", NULL));
    g_assert_null (bb_problem_page_get_error (page));
    redrawn = bb_store_problem_get (store, problem_id, NULL);
    g_assert_cmpstr (redrawn->area, !=, area_json);
    g_assert_true (json_parser_load_from_data (parser, redrawn->area, -1, NULL));
    ring = json_array_get_array_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                       "coordinates"), 0);
    drawn.min_lon = json_array_get_double_element (json_array_get_array_element (ring, 0), 0);
    drawn.min_lat = json_array_get_double_element (json_array_get_array_element (ring, 0), 1);
    drawn.max_lon = json_array_get_double_element (json_array_get_array_element (ring, 2), 0);
    drawn.max_lat = json_array_get_double_element (json_array_get_array_element (ring, 2), 1);
    /* Inside what the sketch shows, around its middle. */
    g_assert_cmpfloat (drawn.min_lon, <, drawn.max_lon);
    g_assert_cmpfloat (drawn.min_lat, <, drawn.max_lat);
    g_assert_cmpfloat (fabs ((drawn.min_lat + drawn.max_lat) / 2 - (extent.min_lat + extent.max_lat) / 2), <,
                       (extent.max_lat - extent.min_lat) * 0.2);
    g_assert_cmpfloat (fabs ((drawn.min_lon + drawn.max_lon) / 2 - (extent.min_lon + extent.max_lon) / 2), <,
                       (extent.max_lon - extent.min_lon) * 0.2);
    g_assert_true (run_until (page_loaded, page, 30));
    run_for (300);
    scroll_to (child (page, "area_map_row"));
    run_for (300);
    save_screenshot (GTK_WIDGET (window), "problem-page-area-drawn");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  problem_page_fixture_setup (&argc, &argv, "beatbook-problem-area");
  g_test_add_func ("/ui/problem-area/from-map-area", test_from_map_area);
  result = g_test_run ();
  problem_page_fixture_teardown ();
  return result;
}
