/* test-map-analysis.c: the map's heat map and hot spots agree with src/core on the same points, off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-hotspot-problem.h"
#include "bb-map-analysis.h"
#include "map-analysis-fixture.h"

/* The points as the analysis projects them. */
static void
project (BbMapAnalysis *analysis,
         GArray        *points,
         GArray        *selected,
         double       **xs,
         double       **ys,
         gsize         *n)
{
  *n = selected != NULL ? selected->len : points->len;
  *xs = g_new (double, *n);
  *ys = g_new (double, *n);
  for (gsize k = 0; k < *n; k++)
    {
      guint i = selected != NULL ? g_array_index (selected, guint, k) : k;
      const BbMapPoint *p = &g_array_index (points, BbMapPoint, i);

      bb_local_projection_forward (&analysis->projection, p->lon, p->lat, &(*xs)[k], &(*ys)[k]);
    }
}

static void
test_round_length (void)
{
  g_assert_cmpfloat (bb_map_analysis_round_length (147.3), ==, 150);
  g_assert_cmpfloat (bb_map_analysis_round_length (180), ==, 200);
  g_assert_cmpfloat (bb_map_analysis_round_length (230), ==, 250);
  g_assert_cmpfloat (bb_map_analysis_round_length (34), ==, 30);
  g_assert_cmpfloat (bb_map_analysis_round_length (72), ==, 75);
  g_assert_cmpfloat (bb_map_analysis_round_length (80), ==, 75);
  g_assert_cmpfloat (bb_map_analysis_round_length (95), ==, 100);
  g_assert_cmpfloat (bb_map_analysis_round_length (1000), ==, 1000);
  g_assert_cmpfloat (bb_map_analysis_round_length (0), ==, 0);
  g_assert_cmpfloat (bb_map_analysis_round_length (NAN), ==, 0);

  {
    double cell, distance;

    bb_map_analysis_default_hot_cells (183, &cell, &distance);
    g_assert_cmpfloat (distance, ==, 200);
    g_assert_cmpfloat (cell, ==, 100);
    bb_map_analysis_default_hot_cells (5, &cell, &distance);
    g_assert_cmpfloat (distance, ==, 20);
    g_assert_cmpfloat (cell, ==, 10);
  }
}

/* The heat map is src/core's KDE of the same points on the same grid,
 * value for value, in incidents per km²; its peak is at the planted spot. */
static void
test_heat_matches_core (void)
{
  g_autoptr(GArray) points = town_points (2000, 300, TRUE, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(BbGrid) core = NULL;
  g_autoptr(BbGrid) like = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  BbMapAnalysisOptions options;
  BbKdeOptions kde;
  BbBBox box;
  gsize n;
  double spot_x, spot_y, spot_lon, spot_lat, sum;
  guint col, row, peak_col = 0, peak_row = 0;
  float peak = -1;

  town_box (&box);
  bb_map_analysis_options_init (&options);
  options.hotspots = FALSE;
  analysis = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis->heat);
  g_assert_null (analysis->z);
  g_assert_null (analysis->heat_note);
  g_assert_cmpuint (analysis->n_points, ==, 2300);
  g_assert_true (analysis->heat->has_projection);

  project (analysis, points, NULL, &xs, &ys, &n);
  /* The rules of src/core, as documented. */
  g_assert_cmpfloat_with_epsilon (analysis->bandwidth, bb_kde_default_bandwidth (xs, ys, n), 1e-9);
  g_assert_cmpfloat_with_epsilon (analysis->cell_size, bb_kde_default_cell_size (2 * TOWN_HALF_M, 2 * TOWN_HALF_M), 1e-6);

  like = bb_grid_new_like (analysis->heat);
  bb_kde_options_init (&kde);
  kde.bandwidth = analysis->bandwidth;
  kde.like = like;
  core = bb_kde_grid_compute (xs, ys, NULL, n, &kde, &error);
  g_assert_no_error (error);
  g_assert_true (bb_grid_same_geometry (core, analysis->heat));
  for (gsize i = 0; i < bb_grid_n_cells (core); i++)
    g_assert_cmpfloat_with_epsilon (analysis->heat->values[i], core->values[i], 1e-3);

  /* Incidents per km²: the surface integrates to the incidents. */
  sum = bb_grid_sum (analysis->heat) * bb_grid_cell_area_km2 (analysis->heat);
  g_assert_cmpfloat_with_epsilon (sum, 2300, 2300 * 0.01);
  g_assert_cmpfloat (analysis->heat_max, ==, bb_grid_max (analysis->heat));

  for (row = 0; row < analysis->heat->n_rows; row++)
    for (col = 0; col < analysis->heat->n_cols; col++)
      if (bb_grid_get (analysis->heat, col, row) > peak)
        peak = bb_grid_get (analysis->heat, col, row), peak_col = col, peak_row = row;
  town_spot (&spot_lon, &spot_lat);
  bb_local_projection_forward (&analysis->projection, spot_lon, spot_lat, &spot_x, &spot_y);
  {
    double x, y;

    bb_grid_cell_centre (analysis->heat, peak_col, peak_row, &x, &y);
    g_assert_cmpfloat (hypot (x - spot_x, y - spot_y), <, 2 * SPOT_SD_M);
  }
}

/* Gi* cells are src/core's Gi* of the counts of the same points; the
 * strongest spot is the planted one; the cold corner is a cold spot. */
static void
test_hotspots_match_core (void)
{
  g_autoptr(GArray) points = town_points (2000, 300, TRUE, 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(BbMapAnalysis) corrected = NULL;
  g_autoptr(BbGrid) counts = NULL;
  g_autoptr(BbGrid) z = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree gint8 *bins = NULL;
  BbMapAnalysisOptions options;
  BbMapHotspotCell cell;
  const BbMapHotspot *strongest;
  BbBBox box;
  gsize n;
  double spot_lon, spot_lat, rule_cell, rule_distance;
  guint n_hot = 0, n_hot_corrected = 0, n_cold = 0;

  town_box (&box);
  bb_map_analysis_options_init (&options);
  analysis = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis->z);
  g_assert_null (analysis->hot_note);

  /* The documented rule: band from the heat map's bandwidth, half-band cells. */
  bb_map_analysis_default_hot_cells (analysis->bandwidth, &rule_cell, &rule_distance);
  g_assert_cmpfloat (analysis->hot_cell_size, ==, rule_cell);
  g_assert_cmpfloat (analysis->distance, ==, rule_distance);

  project (analysis, points, NULL, &xs, &ys, &n);
  counts = bb_grid_new_like (analysis->counts);
  g_assert_cmpuint (bb_grid_add_points (counts, xs, ys, NULL, n), ==, n);
  for (gsize i = 0; i < bb_grid_n_cells (counts); i++)
    g_assert_cmpfloat (counts->values[i], ==, analysis->counts->values[i]);
  z = bb_gistar_grid_compute (counts, analysis->distance, &error);
  g_assert_no_error (error);
  bins = g_new (gint8, bb_grid_n_cells (z));
  bb_gistar_grid_classify (z, BB_GISTAR_CORRECTION_NONE, bins);
  for (gsize i = 0; i < bb_grid_n_cells (z); i++)
    {
      g_assert_cmpfloat_with_epsilon (analysis->z->values[i], z->values[i], 1e-6);
      g_assert_cmpint (analysis->bins[i], ==, bins[i]);
      n_hot += bins[i] > 0;
      n_cold += bins[i] < 0;
    }
  g_assert_cmpuint (analysis->n_hot_cells[1] + analysis->n_hot_cells[2] + analysis->n_hot_cells[3], ==, n_hot);
  g_assert_cmpuint (n_cold, >, 0);

  /* The strongest spot holds the planted centre, at 99 %. */
  g_assert_cmpuint (bb_map_analysis_n_hot_spots (analysis), >=, 1);
  strongest = &g_array_index (analysis->spots, BbMapHotspot, 0);
  g_assert_cmpuint (strongest->id, ==, 1);
  g_assert_cmpint (strongest->sign, ==, 1);
  g_assert_cmpint (strongest->peak_bin, ==, 3);
  town_spot (&spot_lon, &spot_lat);
  g_assert_true (bb_bbox_contains (&strongest->bbox, spot_lon, spot_lat));
  g_assert_true (bb_map_analysis_cell_at (analysis, spot_lon, spot_lat, &cell));
  g_assert_true (cell.spot == strongest);
  g_assert_cmpint (cell.bin, ==, 3);
  g_assert_cmpfloat (cell.p, <, 0.01);
  g_assert_cmpfloat_with_epsilon (cell.p, bb_gistar_p_value (cell.z), 1e-12);
  /* Its focus is its busiest cell, at the planted centre (which lies on
   * a cell corner: one of the four around it). */
  g_assert_cmpint (abs ((int) strongest->focus_col - (int) cell.col), <=, 1);
  g_assert_cmpint (abs ((int) strongest->focus_row - (int) cell.row), <=, 1);
  {
    float busiest = bb_grid_get (analysis->counts, strongest->focus_col, strongest->focus_row);

    for (gsize i = 0; i < bb_grid_n_cells (analysis->z); i++)
      if (analysis->spot_of[i] == strongest->id)
        g_assert_cmpfloat (analysis->counts->values[i], <=, busiest);
    g_assert_cmpfloat (busiest, >=, 40);
  }
  g_assert_cmpuint (strongest->count, >=, 200);
  g_assert_cmpuint (strongest->count, <=, 300 + 100);

  /* Spots are ranked: hot by falling peak z, then cold by rising. */
  for (guint i = 1; i < analysis->spots->len; i++)
    {
      const BbMapHotspot *a = &g_array_index (analysis->spots, BbMapHotspot, i - 1);
      const BbMapHotspot *b = &g_array_index (analysis->spots, BbMapHotspot, i);

      g_assert_cmpint (a->sign, >=, b->sign);
      if (a->sign == b->sign)
        g_assert_cmpfloat (a->peak_z * a->sign, >=, b->peak_z * b->sign);
    }
  /* Every cell of a spot points at it, and only significant cells do. */
  for (gsize i = 0; i < bb_grid_n_cells (analysis->z); i++)
    g_assert_cmpint (analysis->spot_of[i] != 0, ==, analysis->bins[i] != 0);

  /* The cold corner: the south-western cells are cold spots. */
  {
    double lon, lat;
    BbLocalProjection proj;

    bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
    bb_local_projection_inverse (&proj, -TOWN_HALF_M / 2, -TOWN_HALF_M / 2, &lon, &lat);
    g_assert_true (bb_map_analysis_cell_at (analysis, lon, lat, &cell));
    g_assert_cmpint (cell.bin, <, 0);
    g_assert_nonnull (cell.spot);
    g_assert_cmpint (cell.spot->sign, ==, -1);
    g_assert_cmpuint (cell.count, ==, 0);
  }

  /* FDR keeps no more cells significant than the uncorrected test. */
  options.correction = BB_GISTAR_CORRECTION_FDR;
  corrected = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < bb_grid_n_cells (corrected->z); i++)
    {
      n_hot_corrected += corrected->bins[i] > 0;
      g_assert_cmpint (abs (corrected->bins[i]), <=, abs (analysis->bins[i]));
    }
  g_assert_cmpuint (n_hot_corrected, <=, n_hot);
  g_assert_cmpuint (n_hot_corrected, >, 0);
}

/* The filter's selection is what is analysed; user settings are used. */
static void
test_selection_and_settings (void)
{
  g_autoptr(GArray) points = town_points (500, 100, FALSE, 3);
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  BbMapAnalysisOptions options;
  BbBBox box;

  /* Every other point. */
  for (guint i = 0; i < points->len; i += 2)
    g_array_append_val (selected, i);
  town_box (&box);
  bb_map_analysis_options_init (&options);
  options.kernel = BB_KDE_KERNEL_GAUSSIAN;
  options.bandwidth = 120;
  options.cell_size = 30;
  options.hot_cell_size = 150;
  options.distance = 400;
  analysis = bb_map_analysis_compute (points, selected, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysis->n_points, ==, 300);
  g_assert_cmpfloat (analysis->bandwidth, ==, 120);
  g_assert_cmpfloat (analysis->cell_size, ==, 30);
  g_assert_cmpfloat (analysis->heat->cell_size, ==, 30);
  g_assert_cmpfloat (analysis->hot_cell_size, ==, 150);
  g_assert_cmpfloat (analysis->z->cell_size, ==, 150);
  g_assert_cmpfloat (analysis->distance, ==, 400);
  g_assert_cmpfloat (bb_grid_sum (analysis->counts), ==, 300);
  g_assert_cmpfloat_with_epsilon (bb_grid_sum (analysis->heat) * bb_grid_cell_area_km2 (analysis->heat), 300, 3);

  /* A band alone gives cells of half of it. */
  options.hot_cell_size = 0;
  options.distance = 300;
  g_clear_pointer (&analysis, bb_map_analysis_unref);
  analysis = bb_map_analysis_compute (points, selected, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (analysis->hot_cell_size, ==, 150);
}

/* Too few incidents: the heat map comes with a caveat, hot spots are not
 * computed and the note says why; nothing at all is not an error. */
static void
test_too_few (void)
{
  g_autoptr(GArray) points = town_points (20, 5, FALSE, 5);
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(BbMapAnalysis) empty = NULL;
  BbMapAnalysisOptions options;
  BbBBox box;

  town_box (&box);
  bb_map_analysis_options_init (&options);
  analysis = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis->heat);
  g_assert_nonnull (analysis->heat_note);
  g_assert_nonnull (strstr (analysis->heat_note, "25"));
  g_assert_null (analysis->z);
  g_assert_nonnull (analysis->hot_note);
  g_assert_nonnull (strstr (analysis->hot_note, "60"));

  /* An incident typed at 0° 0° is left out, and the notes say so. */
  {
    g_autoptr(GArray) stray = town_points (300, 100, FALSE, 5);
    g_autoptr(BbMapAnalysis) with_stray = NULL;
    BbMapPoint p = { 0 };

    p.district = BB_MAP_POINT_NONE;
    g_array_append_val (stray, p);
    with_stray = bb_map_analysis_compute (stray, NULL, &box, NULL, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (with_stray->n_points, ==, 400);
    g_assert_cmpuint (with_stray->n_outside, ==, 1);
    g_assert_nonnull (with_stray->heat);
    g_assert_nonnull (with_stray->z);
    g_assert_cmpuint (with_stray->z->n_cols, <, 100);
    g_assert_nonnull (strstr (with_stray->heat_note, "1 incident lies far outside"));
    g_assert_nonnull (strstr (with_stray->hot_note, "1 incident lies far outside"));
  }

  empty = bb_map_analysis_compute (points, none, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (empty->heat);
  g_assert_null (empty->z);
  g_assert_nonnull (empty->heat_note);
  g_assert_nonnull (empty->hot_note);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Off the main thread, and a cancelled request ends with CANCELLED. */
static void
test_async_and_cancel (void)
{
  g_autoptr(GArray) points = town_points (3000, 300, FALSE, 9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  BbMapAnalysisOptions options;
  BbBBox box;

  town_box (&box);
  bb_map_analysis_options_init (&options);
  bb_map_analysis_compute_async (points, NULL, &box, NULL, &options, NULL, computed_cb, &result);
  bb_map_analysis_compute_async (points, NULL, &box, NULL, &options, cancellable, computed_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  while (result == NULL || cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);

  analysis = bb_map_analysis_compute_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis->heat);
  g_assert_nonnull (analysis->z);
  g_assert_null (bb_map_analysis_compute_finish (cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Districts that share a border (or a corner) are neighbours; Gi* by
 * district is src/core's Gi* of the counts over them; the district with
 * the planted spot and its neighbours stand out; a district's problem
 * takes the whole district. */
static void
test_districts (void)
{
  g_autoptr(GPtrArray) rings = town_districts ();
  g_autoptr(BbMapDistricts) districts = bb_map_districts_new (rings);
  g_autoptr(GArray) points = town_points (900, 300, FALSE, 17);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(BbGistarResult) core = NULL;
  g_autoptr(GArray) hot = NULL;
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  BbMapAnalysisOptions options;
  double spot_lon, spot_lat;
  int spot_district;
  BbBBox box;

  g_assert_cmpuint (districts->n, ==, 9);
  /* The middle one borders all eight; a corner one three. */
  g_assert_cmpuint (bb_neighbours_count (districts->neighbours, 4), ==, 8);
  g_assert_cmpuint (bb_neighbours_count (districts->neighbours, 0), ==, 3);
  g_assert_cmpuint (bb_neighbours_count (districts->neighbours, 1), ==, 5);

  /* The spot lies on the border of the eastern and north-eastern ones;
   * 100 m north of it is the north-eastern; on the border, none. */
  town_spot (&spot_lon, &spot_lat);
  g_assert_cmpint (bb_map_districts_find (districts, spot_lon, spot_lat), ==, -1);
  {
    BbLocalProjection proj;

    bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
    bb_local_projection_inverse (&proj, SPOT_EAST_M, SPOT_NORTH_M + 100, &spot_lon, &spot_lat);
    spot_district = bb_map_districts_find (districts, spot_lon, spot_lat);
    g_assert_cmpint (spot_district, ==, 8);
    bb_local_projection_inverse (&proj, SPOT_EAST_M, SPOT_NORTH_M - 100, &spot_lon, &spot_lat);
    g_assert_cmpint (bb_map_districts_find (districts, spot_lon, spot_lat), ==, 5);
  }
  g_assert_cmpint (bb_map_districts_find (districts, TOWN_LON + 1, TOWN_LAT), ==, -1);

  /* The points' district, as the store derives it. */
  for (guint i = 0; i < points->len; i++)
    {
      BbMapPoint *p = &g_array_index (points, BbMapPoint, i);
      int d = bb_map_districts_find (districts, p->lon, p->lat);

      p->district = d >= 0 ? (guint16) d : BB_MAP_POINT_NONE;
    }

  town_box (&box);
  bb_map_analysis_options_init (&options);
  options.heat = FALSE;
  analysis = bb_map_analysis_compute (points, NULL, &box, districts, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis->district_gi);
  core = bb_gistar_compute (analysis->district_counts, 9, districts->neighbours, TRUE, BB_GISTAR_CORRECTION_NONE,
                            &error);
  g_assert_no_error (error);
  for (guint d = 0; d < 9; d++)
    {
      g_assert_cmpfloat_with_epsilon (analysis->district_gi->z[d], core->z[d], 1e-12);
      g_assert_cmpint (analysis->district_gi->bin[d], ==, core->bin[d]);
    }
  /* Points in the 10 m gaps belong to no district and are said to be left out. */
  {
    double placed = 0;

    for (guint d = 0; d < 9; d++)
      placed += analysis->district_counts[d];
    g_assert_cmpfloat (placed, <=, points->len);
    if (placed < points->len)
      g_assert_nonnull (analysis->district_note);
  }

  hot = bb_map_analysis_rank_districts (analysis, 1);
  g_assert_cmpuint (hot->len, >=, 1);
  /* The strongest is the spot's district or one of its neighbours. */
  g_assert_true (g_array_index (hot, guint, 0) == 8 || g_array_index (hot, guint, 0) == 4
                 || g_array_index (hot, guint, 0) == 5 || g_array_index (hot, guint, 0) == 7);
  for (guint i = 1; i < hot->len; i++)
    g_assert_cmpfloat (analysis->district_gi->z[g_array_index (hot, guint, i - 1)], >=,
                       analysis->district_gi->z[g_array_index (hot, guint, i)]);

  /* Its problem: the whole district, no area of its own. */
  problem = bb_hotspot_problem_new_for_district (analysis, g_array_index (hot, guint, 0), filter, "Burglary",
                                                 "d-north-east", "North East");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->title, ==, "Burglary hot spot in North East");
  g_assert_cmpstr (problem->district_id, ==, "d-north-east");
  g_assert_null (problem->area);
  g_assert_cmpstr (problem->stage, ==, "scanning");
  g_assert_nonnull (strstr (problem->statement, "Gi* z ="));
  /* A district that is not hot makes no problem. */
  for (guint d = 0; d < 9; d++)
    if (analysis->district_gi->bin[d] <= 0)
      g_assert_null (bb_hotspot_problem_new_for_district (analysis, d, filter, NULL, "x", "X"));

  /* Without districts, or with fewer than three, nothing by district. */
  g_clear_pointer (&analysis, bb_map_analysis_unref);
  analysis = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (analysis->district_gi);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-analysis/round-length", test_round_length);
  g_test_add_func ("/map-analysis/heat-matches-core", test_heat_matches_core);
  g_test_add_func ("/map-analysis/hotspots-match-core", test_hotspots_match_core);
  g_test_add_func ("/map-analysis/selection-and-settings", test_selection_and_settings);
  g_test_add_func ("/map-analysis/too-few", test_too_few);
  g_test_add_func ("/map-analysis/districts", test_districts);
  g_test_add_func ("/map-analysis/async-and-cancel", test_async_and_cancel);

  return g_test_run ();
}
