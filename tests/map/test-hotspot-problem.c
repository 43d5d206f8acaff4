/* test-hotspot-problem.c: a hot spot found on the map becomes a problem whose incidents are the spot's */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "bb-area-hotspots.h"
#include "bb-hotspot-problem.h"
#include "bb-map-selection.h"
#include "bb-store-map.h"
#include "bb-store-problems.h"
#include "map-analysis-fixture.h"

#define DAY G_GINT64_CONSTANT (86400)

static void
test_formatting (void)
{
  g_autofree char *tiny = bb_hotspot_format_p (0.00002);
  g_autofree char *small = bb_hotspot_format_p (0.0234);

  g_assert_cmpstr (tiny, ==, "< 0.001");
  g_assert_cmpstr (small, ==, "0.023");
  g_assert_cmpint (bb_hotspot_confidence (3), ==, 99);
  g_assert_cmpint (bb_hotspot_confidence (-2), ==, 95);
  g_assert_cmpint (bb_hotspot_confidence (1), ==, 90);
  g_assert_cmpint (bb_hotspot_confidence (0), ==, 0);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
remove_dir_cb (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  return g_rmdir (dir) == 0;
}

/* Burglaries of one quarter in a town with one planted hot spot, other
 * incidents of another category everywhere, and burglaries of the quarter
 * before: the problem counts exactly the spot's burglaries of the quarter. */
static void
test_open_as_problem (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-hotspot-problem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Town", &error);
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbCategory) burglary = NULL;
  g_autoptr(BbCategory) other = NULL;
  g_autoptr(GArray) planted = town_points (400, 120, FALSE, 21);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbProblem) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *what = NULL;
  g_autofree char *problem_id = NULL;
  g_auto(GStrv) stored_categories = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const BbMapHotspot *spot;
  BbMapAnalysisOptions options;
  BbBBox box;
  const gint64 start = 1735689600;   /* 2025-01-01 UTC */
  const gint64 end = start + 90 * DAY;
  double lon, lat;
  gint64 counted;

  g_assert_no_error (error);
  town_box (&box);
  district->name = g_strdup ("Riverside");
  district->boundary = g_strdup_printf ("{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],"
                                        "[%.6f,%.6f],[%.6f,%.6f]]]}",
                                        box.min_lon, box.min_lat, box.max_lon, box.min_lat, box.max_lon, box.max_lat,
                                        box.min_lon, box.max_lat, box.min_lon, box.min_lat);
  g_assert_true (bb_store_district_insert (store, district, &error));
  g_assert_no_error (error);
  burglary = bb_store_category_get_by_code (store, "burglary", &error);
  g_assert_no_error (error);
  other = bb_store_category_get_by_code (store, "street_lighting", &error);
  g_assert_no_error (error);

  /* The quarter's burglaries, the same places a quarter earlier, and
   * street lights out on the same places in the quarter. */
  for (guint i = 0; i < planted->len; i++)
    for (guint copy = 0; copy < 3; copy++)
      {
        const BbMapPoint *p = &g_array_index (planted, BbMapPoint, i);
        g_autoptr(BbIncident) incident = bb_incident_new ();

        incident->category_id = g_strdup (copy == 2 ? other->id : burglary->id);
        incident->occurred_start = (copy == 1 ? start - 90 * DAY : start) + (i % 80) * DAY;
        incident->lon = p->lon;
        incident->lat = p->lat;
        g_assert_true (bb_store_incident_insert (store, incident, &error));
        g_assert_no_error (error);
      }

  /* The map's points and the filter's selection, as the map makes them. */
  categories = bb_store_map_list_categories (store, &error);
  g_assert_no_error (error);
  districts = bb_store_map_list_districts (store, &error);
  g_assert_no_error (error);
  points = bb_store_map_load_points_full (store, categories, districts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 3 * planted->len);
  {
    const char *ids[] = { burglary->id, NULL };

    bb_incident_filter_set_category_ids (filter, ids);
    bb_incident_filter_set_time_range (filter, start, end);
  }
  for (guint i = 0; i < points->len; i++)
    {
      const BbMapPoint *p = &g_array_index (points, BbMapPoint, i);
      BbMapCategory *c = g_ptr_array_index (categories, p->category);

      if (g_str_equal (c->id, burglary->id) && p->occurred >= start && p->occurred < end)
        g_array_append_val (selected, i);
    }
  g_assert_cmpuint (selected->len, ==, planted->len);

  bb_map_analysis_options_init (&options);
  options.heat = FALSE;
  analysis = bb_map_analysis_compute (points, selected, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bb_map_analysis_n_hot_spots (analysis), >=, 1);
  spot = &g_array_index (analysis->spots, BbMapHotspot, 0);

  what = bb_hotspot_describe_categories (filter, categories);
  g_assert_cmpstr (what, ==, "Burglary");
  g_assert_null (bb_hotspot_describe_categories (NULL, categories));

  /* Cold spots are not problems; nor is a spot that is not there. */
  for (guint i = 0; i < analysis->spots->len; i++)
    if (g_array_index (analysis->spots, BbMapHotspot, i).sign < 0)
      g_assert_null (bb_hotspot_problem_new (analysis, i + 1, filter, what));
  g_assert_null (bb_hotspot_problem_new (analysis, analysis->spots->len + 1, filter, what));

  problem = bb_hotspot_problem_new (analysis, 1, filter, what);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->stage, ==, "scanning");
  g_assert_cmpstr (problem->title, ==, "Burglary hot spot");
  g_assert_cmpint (problem->priority, ==, spot->peak_bin == 3 ? 1 : spot->peak_bin == 2 ? 2 : 3);
  g_assert_cmpint (problem->period_start, ==, start);
  g_assert_cmpint (problem->period_end, ==, end);
  g_assert_nonnull (strstr (problem->statement, "Burglary"));
  g_assert_nonnull (strstr (problem->statement, "1 January 2025"));
  g_assert_nonnull (strstr (problem->statement, "31 March 2025"));
  {
    g_autofree char *count = g_strdup_printf ("%u incidents", spot->count);
    g_autofree char *z = g_strdup_printf ("z = %.2f", spot->peak_z);

    g_assert_nonnull (strstr (problem->statement, count));
    g_assert_nonnull (strstr (problem->statement, z));
    g_assert_nonnull (strstr (problem->statement, "99 % confidence"));
  }
  /* The area: one square per cell of the spot. */
  g_assert_true (json_parser_load_from_data (parser, problem->area, -1, &error));
  g_assert_no_error (error);
  {
    JsonObject *geometry = json_node_get_object (json_parser_get_root (parser));

    g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "MultiPolygon");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (geometry, "coordinates")), ==, spot->n_cells);
  }

  bb_grid_cell_centre_lonlat (analysis->z, spot->focus_col, spot->focus_row, &lon, &lat);
  {
    const char *ids[] = { burglary->id, NULL };
    bb_hotspot_problem_create_async (store, problem, ids, lon, lat, NULL, created_cb, &result);
  }
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  problem_id = bb_hotspot_problem_create_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problem_id);

  stored = bb_store_problem_get (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Burglary hot spot in Riverside");
  g_assert_cmpstr (stored->district_id, ==, district->id);
  g_assert_cmpstr (stored->stage, ==, "scanning");
  g_assert_cmpstr (stored->statement, ==, problem->statement);
  stored_categories = bb_store_problem_dup_categories (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (stored_categories), ==, 1);
  g_assert_cmpstr (stored_categories[0], ==, burglary->id);

  /* Its incidents are the spot's: the quarter's burglaries in its cells,
   * not the quarter before, not the street lights. */
  counted = bb_store_problem_count_incidents (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (counted, ==, spot->count);

  /* The area's hot-spot statistics are the spot's, read back from the
   * map's grid: every cell of the area hot, its incidents, its level. */
  {
    g_autoptr(BbAreaHotspots) stats = bb_area_hotspots_compute (store, problem_id, NULL, &error);
    g_autofree char *text = NULL;
    guint hot;

    g_assert_no_error (error);
    g_assert_null (stats->note);
    g_assert_cmpuint (stats->n_analysed, ==, selected->len);
    g_assert_cmpfloat (stats->cell_size, ==, analysis->hot_cell_size);
    g_assert_cmpfloat (stats->distance, ==, analysis->distance);
    g_assert_cmpuint (stats->n_cells, ==, spot->n_cells);
    g_assert_cmpuint (stats->n_in_cells, ==, spot->count);
    hot = stats->n_hot[1] + stats->n_hot[2] + stats->n_hot[3];
    g_assert_cmpuint (hot, ==, spot->n_cells);
    g_assert_cmpuint (stats->n_in_hot, ==, spot->count);
    /* The map's grid spans the district, this test's the town's box: the
     * z-scores differ a little (Gi* compares a cell with the whole grid),
     * the verdict does not. */
    g_assert_cmpint (stats->peak_bin, ==, spot->peak_bin);
    g_assert_cmpfloat (stats->peak_z, >=, 2.576);
    text = bb_area_hotspots_describe (stats);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "of its cells"));
  }

  /* Without its categories, every incident of the area counts: more
   * incidents analysed, the street lights too. */
  {
    g_autoptr(BbAreaHotspots) all = NULL;
    const char *none[] = { NULL };

    g_assert_true (bb_store_problem_set_categories (store, problem_id, none, &error));
    all = bb_area_hotspots_compute (store, problem_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->n_analysed, ==, 2 * planted->len);
  }

  g_clear_object (&store);
  remove_dir_cb (dir);
}

/* An area selected on the map: its rectangle is the problem's area, and
 * the problem's incidents are the filter's categories and period in it. */
static void
test_area_as_problem (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-area-problem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Town", &error);
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbCategory) burglary = NULL;
  g_autoptr(BbCategory) other = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbProblem) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *problem_id = NULL;
  g_auto(GStrv) stored_categories = NULL;
  const gint64 start = 1735689600;   /* 2025-01-01 UTC */
  const gint64 end = start + 90 * DAY;
  /* About 400 m by 330 m in the town. */
  BbBBox area = { .min_lon = 19.810, .min_lat = 41.320, .max_lon = 19.8148, .max_lat = 41.323 };
  g_autoptr(BbMapSelection) selection = NULL;
  const struct {
    double   lon, lat;
    gint64   when;
    gboolean is_burglary;
  } incidents[] = {
    { 19.811, 41.321, start + 3 * DAY, TRUE },    /* in: the area, the period, a burglary */
    { 19.814, 41.3225, start + 40 * DAY, TRUE },  /* in */
    { 19.812, 41.322, start + 5 * DAY, FALSE },   /* another category */
    { 19.812, 41.322, start - 5 * DAY, TRUE },    /* before the period */
    { 19.820, 41.322, start + 5 * DAY, TRUE },    /* east of the area */
  };
  const char *ids[] = { NULL, NULL };
  JsonArray *ring;

  g_assert_no_error (error);
  district->name = g_strdup ("Old Town");
  district->boundary = g_strdup ("{\"type\":\"Polygon\",\"coordinates\":[[[19.80,41.31],[19.83,41.31],[19.83,41.33],"
                                 "[19.80,41.33],[19.80,41.31]]]}");
  g_assert_true (bb_store_district_insert (store, district, &error));
  g_assert_no_error (error);
  burglary = bb_store_category_get_by_code (store, "burglary", &error);
  g_assert_no_error (error);
  other = bb_store_category_get_by_code (store, "street_lighting", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (incidents); i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (incidents[i].is_burglary ? burglary->id : other->id);
      incident->occurred_start = incidents[i].when;
      incident->lon = incidents[i].lon;
      incident->lat = incidents[i].lat;
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
  ids[0] = burglary->id;
  bb_incident_filter_set_category_ids (filter, ids);
  bb_incident_filter_set_time_range (filter, start, end);

  selection = bb_map_selection_new_box (&area);
  problem = bb_map_selection_problem_new (selection, filter, "Burglary", 2);
  g_assert_cmpstr (problem->stage, ==, "scanning");
  g_assert_cmpstr (problem->title, ==, "Burglary");
  g_assert_cmpint (problem->period_start, ==, start);
  g_assert_cmpint (problem->period_end, ==, end);
  g_assert_nonnull (strstr (problem->statement, "2 incidents (Burglary, from 1 January 2025 to 31 March 2025)"));
  g_assert_true (json_parser_load_from_data (parser, problem->area, -1, &error));
  g_assert_no_error (error);
  {
    JsonObject *geometry = json_node_get_object (json_parser_get_root (parser));

    g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Polygon");
    ring = json_array_get_array_element (json_object_get_array_member (geometry, "coordinates"), 0);
    g_assert_cmpuint (json_array_get_length (ring), ==, 5);
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_array_get_array_element (ring, 2), 0),
                                    area.max_lon, 1e-7);
    g_assert_cmpfloat_with_epsilon (json_array_get_double_element (json_array_get_array_element (ring, 2), 1),
                                    area.max_lat, 1e-7);
  }

  bb_hotspot_problem_create_async (store, problem, ids, (area.min_lon + area.max_lon) / 2,
                                   (area.min_lat + area.max_lat) / 2, NULL, created_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  problem_id = bb_hotspot_problem_create_finish (store, result, &error);
  g_assert_no_error (error);
  stored = bb_store_problem_get (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Burglary in Old Town");
  g_assert_cmpstr (stored->district_id, ==, district->id);
  g_assert_cmpstr (stored->area, ==, problem->area);
  stored_categories = bb_store_problem_dup_categories (store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (stored_categories), ==, 1);
  g_assert_cmpstr (stored_categories[0], ==, burglary->id);
  g_assert_cmpint (bb_store_problem_count_incidents (store, problem_id, &error), ==, 2);
  g_assert_no_error (error);

  g_clear_object (&store);
  remove_dir_cb (dir);
}

/* A category that is not there: no problem is left behind without its
 * categories (it would claim every incident of its area). */
static void
test_create_is_one_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-area-problem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Town", &error);
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *problem_id = NULL;
  BbBBox area = { .min_lon = 19.810, .min_lat = 41.320, .max_lon = 19.8148, .max_lat = 41.323 };
  g_autoptr(BbMapSelection) selection = NULL;
  const char *ids[] = { "no-such-category", NULL };

  g_assert_no_error (error);
  /* A problem of no area and no district: no place to read hot spots at. */
  {
    g_autoptr(BbProblem) nowhere = bb_problem_new ();
    g_autoptr(BbAreaHotspots) stats = NULL;

    nowhere->title = g_strdup ("Nowhere");
    g_assert_true (bb_store_problem_insert (store, nowhere, &error));
    stats = bb_area_hotspots_compute (store, nowhere->id, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (stats->note);
    g_assert_cmpuint (stats->n_cells, ==, 0);
    g_assert_true (bb_store_problem_delete (store, nowhere->id, &error));
  }

  selection = bb_map_selection_new_box (&area);
  problem = bb_map_selection_problem_new (selection, NULL, NULL, 0);
  g_assert_cmpstr (problem->title, ==, "Incidents");
  g_assert_nonnull (strstr (problem->statement, "all categories, of all time"));
  bb_hotspot_problem_create_async (store, problem, ids, 19.812, 41.321, NULL, created_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  problem_id = bb_hotspot_problem_create_finish (store, result, &error);
  g_assert_null (problem_id);
  g_assert_nonnull (error);
  problems = bb_store_problem_list (store, NULL);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_object (&store);
  remove_dir_cb (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hotspot-problem/formatting", test_formatting);
  g_test_add_func ("/hotspot-problem/open-as-problem", test_open_as_problem);
  g_test_add_func ("/hotspot-problem/area-as-problem", test_area_as_problem);
  g_test_add_func ("/hotspot-problem/create-is-one-write", test_create_is_one_write);

  return g_test_run ();
}
