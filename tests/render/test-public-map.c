/* test-public-map.c: maps safe to publish: counts per square match the store, restricted and small counts never drawn */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-demo-station.h"
#include "bb-public-map.h"
#include "bb-templates.h"
#include "render-test-util.h"

static char *test_dir;
static BbStore *store;

/* 2026-07-01 and 2026-10-01, 00:00 in Tirana (UTC+2 in summer). */
#define Q3_START G_GINT64_CONSTANT (1782856800)
#define Q3_END   G_GINT64_CONSTANT (1790805600)

/* The third quarter's public map of the station (or of a district),
 * in English, its legend titled @title (NULL: the default) and its
 * period named @period. */
static BbStaticMap *
quarter_map_full (const char *district_id,
                  const char *title,
                  const char *period,
                  gboolean    heat,
                  BbWithheld *withheld)
{
  g_autoptr(GError) error = NULL;
  BbPublicMapOptions options;
  BbStaticMap *map;

  bb_public_map_options_init (&options);
  options.from = Q3_START;
  options.to = Q3_END;
  options.district_id = district_id;
  options.language = "en";
  options.legend_title = title;
  options.period = period;
  options.heat = heat;
  map = bb_public_map_new (store, &options, withheld, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static BbStaticMap *
quarter_map (const char *district_id,
             BbWithheld *withheld)
{
  return quarter_map_full (district_id, NULL, NULL, FALSE, withheld);
}

/* The public incidents of the quarter in the square around a drawn
 * square's centre, as the store counts them. */
static gint64
store_count_in_square (const BbStaticMapCell *cell,
                       gboolean               restricted)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(GError) error = NULL;
  BbLocalProjection projection;
  BbBBox box;
  gint64 n;
  double half = BB_PUBLIC_MAP_DEFAULT_CELL_M / 2;

  bb_local_projection_init (&projection, cell->lon, cell->lat);
  box.min_lon = cell->lon - half / projection.metres_per_deg_lon;
  box.max_lon = cell->lon + half / projection.metres_per_deg_lon;
  box.min_lat = cell->lat - half / projection.metres_per_deg_lat;
  box.max_lat = cell->lat + half / projection.metres_per_deg_lat;
  bb_incident_filter_set_bbox (filter, &box);
  bb_incident_filter_set_time_range (filter, Q3_START, Q3_END);
  filter->restricted = restricted ? BB_RESTRICTED_ONLY : BB_RESTRICTED_EXCLUDE;
  n = bb_store_incident_count (store, filter, &error);
  g_assert_no_error (error);
  return n;
}

static void
add_incidents_at (double   lon,
                  double   lat,
                  guint    n,
                  gboolean restricted)
{
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "burglary", NULL);
  g_autoptr(GPtrArray) categories = NULL;
  const char *category_id;

  if (category == NULL)
    {
      categories = bb_store_category_list (store, NULL);
      category_id = ((BbCategory *) g_ptr_array_index (categories, 0))->id;
    }
  else
    category_id = category->id;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();
      g_autoptr(GError) error = NULL;

      incident->category_id = g_strdup (category_id);
      incident->occurred_start = Q3_START + 86400 * 10 + i * 3600;
      incident->lon = lon + i * 1e-6;
      incident->lat = lat;
      incident->restricted = restricted;
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

static gboolean
cells_equal (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      BbStaticMapCell *x = &g_array_index (a, BbStaticMapCell, i);
      BbStaticMapCell *y = &g_array_index (b, BbStaticMapCell, i);

      if (fabs (x->lon - y->lon) > 1e-9 || fabs (x->lat - y->lat) > 1e-9 || x->count != y->count)
        return FALSE;
    }
  return TRUE;
}

static const BbStaticMapCell *
cell_holding (GArray *cells,
              double  lon,
              double  lat)
{
  for (guint i = 0; i < cells->len; i++)
    {
      BbStaticMapCell *c = &g_array_index (cells, BbStaticMapCell, i);

      if (bb_geo_distance_m (lon, 0, c->lon, 0) < 130 && bb_geo_distance_m (0, lat, 0, c->lat) < 130)
        return c;
    }
  return NULL;
}

static void
write_map_page (BbStaticMap *map,
                const char  *name)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path (test_dir, name);
  BbPage *page = bb_print_document_add_page (doc);

  bb_page_add_map (page, "map", 40, 60, 515, 480, map);
  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

/* Every square drawn holds exactly the public incidents the store holds
 * there, and never fewer than three. */
static void
test_counts_match_store (void)
{
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  BbStaticMap *map = quarter_map (NULL, withheld);
  g_autoptr(GArray) cells = bb_static_map_dup_cells (map);
  double sum = 0;

  g_assert_cmpuint (cells->len, >, 20);
  for (guint i = 0; i < cells->len; i++)
    {
      BbStaticMapCell *c = &g_array_index (cells, BbStaticMapCell, i);

      g_assert_cmpfloat (c->count, >=, BB_PUBLISH_DEFAULT_MIN_COUNT);
      g_assert_cmpint ((gint64) c->count, ==, store_count_in_square (c, FALSE));
      sum += c->count;
    }
  g_assert_cmpfloat (sum, >, 0);
  write_map_page (map, "public-map-station.pdf");
}

/* Restricted incidents change nothing on the map; two public incidents
 * alone in their square leave it blank, and the publisher is told. */
static void
test_restricted_and_small_counts (void)
{
  g_autoptr(BbWithheld) before_withheld = bb_withheld_new ();
  g_autoptr(BbWithheld) after_withheld = bb_withheld_new ();
  g_autoptr(BbStaticMap) before = quarter_map (NULL, before_withheld);
  g_autoptr(BbStaticMap) after = NULL;
  g_autoptr(BbStaticMap) lonely = NULL;
  g_autoptr(GArray) before_cells = bb_static_map_dup_cells (before);
  g_autoptr(GArray) after_cells = NULL;
  g_autoptr(GArray) lonely_cells = NULL;
  g_autofree char *summary = NULL;
  const BbStaticMapCell *busiest = NULL;
  guint notes_before = before_withheld->notes->len;

  /* Forty restricted incidents in the busiest square and in an empty one. */
  for (guint i = 0; i < before_cells->len; i++)
    {
      BbStaticMapCell *c = &g_array_index (before_cells, BbStaticMapCell, i);

      if (busiest == NULL || c->count > busiest->count)
        busiest = c;
    }
  g_assert_nonnull (busiest);
  add_incidents_at (busiest->lon, busiest->lat, 40, TRUE);
  add_incidents_at (busiest->lon + 0.0301, busiest->lat + 0.0207, 40, TRUE);
  after = quarter_map (NULL, after_withheld);
  after_cells = bb_static_map_dup_cells (after);
  g_assert_true (cells_equal (before_cells, after_cells));
  g_assert_cmpint (store_count_in_square (busiest, TRUE), >=, 40);

  /* Two public incidents far from any other. */
  g_assert_null (cell_holding (after_cells, busiest->lon + 0.0301, busiest->lat + 0.0207));
  add_incidents_at (busiest->lon + 0.0301, busiest->lat + 0.0207, 2, FALSE);
  g_clear_pointer (&after_withheld, bb_withheld_free);
  after_withheld = bb_withheld_new ();
  lonely = quarter_map (NULL, after_withheld);
  lonely_cells = bb_static_map_dup_cells (lonely);
  g_assert_true (cells_equal (before_cells, lonely_cells));
  g_assert_cmpuint (after_withheld->notes->len, >=, MAX (notes_before, 1));
  summary = bb_withheld_describe (after_withheld);
  g_assert_nonnull (strstr (summary, "blank"));
}

/* A district's map counts its own incidents only and frames it. */
static void
test_district_map (void)
{
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  BbDistrict *district = g_ptr_array_index (districts, 0);
  BbStaticMap *map = quarter_map (district->id, NULL);
  g_autoptr(GArray) cells = bb_static_map_dup_cells (map);
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  const char *ids[] = { district->id, NULL };
  double sum = 0;
  gint64 in_district;

  for (guint i = 0; i < cells->len; i++)
    sum += g_array_index (cells, BbStaticMapCell, i).count;
  bb_incident_filter_set_time_range (filter, Q3_START, Q3_END);
  bb_incident_filter_set_district_ids (filter, ids);
  filter->restricted = BB_RESTRICTED_EXCLUDE;
  in_district = bb_store_incident_count (store, filter, NULL);
  g_assert_cmpfloat (sum, <=, in_district);
  g_assert_cmpfloat (sum, >, 0);
  write_map_page (map, "public-map-district.pdf");
}

/* A key's label for the counts [low, high] as the static map writes it;
 * high < 0 for the top class. */
static char *
class_text (double low,
            double high)
{
  if (high < 0)
    return g_strdup_printf ("%.0f or more", low);
  if (high <= low)
    return g_strdup_printf ("%.0f", low);
  return g_strdup_printf ("%.0f–%.0f", low, high);
}

/* The key under a public map: its shades are the map's classes, their
 * labels the counts each spans (from the smallest square drawn to the
 * class limits the map uses), and its note the period and the method,
 * with a square's count in the heat map's unit (one incident per 250 m
 * square is 16 per km²). */
static void
test_key_matches_scale (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStaticMap) map = NULL;
  g_autoptr(BbMapKey) key = NULL;
  g_autoptr(GArray) cells = NULL;
  g_autofree char *path = output_path (test_dir, "public-map-key.pdf");
  g_autofree char *strip = NULL;
  g_autofree char *flat_strip = NULL;
  g_autofree char *above = NULL;
  double breaks[BB_STATIC_MAP_N_CLASSES - 1], low = G_MAXDOUBLE, high = 0;
  guint n_classes = 1;

  map = quarter_map_full (NULL, NULL, "July–September 2026", FALSE, NULL);
  cells = bb_static_map_dup_cells (map);
  g_assert_cmpuint (cells->len, >, 10);
  for (guint i = 0; i < cells->len; i++)
    {
      low = MIN (low, g_array_index (cells, BbStaticMapCell, i).count);
      high = MAX (high, g_array_index (cells, BbStaticMapCell, i).count);
    }
  g_assert_cmpfloat (low, >=, 3);
  bb_static_map_get_breaks (map, breaks);
  for (guint k = 0; k < G_N_ELEMENTS (breaks) && !isnan (breaks[k]); k++)
    n_classes++;
  g_assert_cmpuint (n_classes, >=, 3);

  key = bb_static_map_build_key (map);
  g_assert_nonnull (key);
  g_assert_false (key->ramp);
  g_assert_cmpstr (key->title, ==, "Incidents per 250 m square");
  g_assert_cmpuint (key->items->len, ==, n_classes);
  for (guint k = 0; k < n_classes; k++)
    {
      const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, k);
      double from = k == 0 ? low : breaks[k - 1] + 1;
      g_autofree char *want = class_text (from, k + 1 < n_classes ? breaks[k] : -1);

      g_assert_cmpstr (item->label, ==, want);
      /* Darker as the counts rise. */
      if (k > 0)
        g_assert_cmpuint ((item->rgb >> 8) & 0xff, <, (g_array_index (key->items, BbMapKeyItem, k - 1).rgb >> 8) & 0xff);
    }
  /* The top class holds the busiest square. */
  g_assert_cmpfloat (high, >, breaks[n_classes - 2]);
  g_assert_nonnull (strstr (key->note, "Period: July–September 2026. "));
  g_assert_nonnull (strstr (key->note, "squares of 250 m"));
  g_assert_nonnull (strstr (key->note, "is 16 per km²"));
  g_assert_nonnull (strstr (key->note, "fewer than 3 are left blank"));

  /* On paper: the key in the strip under the map (the map's frame is 40,
   * 60, 515 × 480), none of it over the map. */
  write_map_page (bb_static_map_ref (map), "public-map-key.pdf");
  strip = pdf_text_area (path, 1, 40, 470, 515, 70);
  flat_strip = squash_spaces (strip);
  g_assert_nonnull (strstr (flat_strip, "Incidents per 250 m square"));
  g_assert_nonnull (strstr (flat_strip, "July–September 2026."));
  g_assert_nonnull (strstr (flat_strip, "16 per km²"));
  for (guint k = 0; k < key->items->len; k++)
    if (strstr (flat_strip, g_array_index (key->items, BbMapKeyItem, k).label) == NULL)
      g_error ("“%s” is not under the map: %s", g_array_index (key->items, BbMapKeyItem, k).label, flat_strip);
  above = pdf_text_area (path, 1, 40, 60, 515, 380);
  g_assert_null (strstr (above, "per 250 m square"));

  /* A station that publishes every square says nothing of blank ones. */
  {
    g_autoptr(BbStaticMap) every = NULL;
    g_autoptr(BbMapKey) every_key = NULL;
    BbPublicMapOptions all;

    bb_public_map_options_init (&all);
    all.policy.min_count = 1;
    every = bb_public_map_new (store, &all, NULL, &error);
    g_assert_no_error (error);
    every_key = bb_static_map_build_key (every);
    g_assert_nonnull (strstr (every_key->note, "is 16 per km²); the shades split"));
    g_assert_null (strstr (every_key->note, "blank"));
  }
}

/* The quarterly briefing prints the same key under its map: the classes
 * of the quarter's public map, the quarter, and how it was counted. */
static void
test_briefing_has_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, &error);
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbStaticMap) map = NULL;
  g_autoptr(BbMapKey) key = NULL;
  g_autofree char *path = output_path (test_dir, "briefing-key.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  BbBriefingOptions briefing;

  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);
  bb_briefing_options_init (&briefing, 2026, 3);
  doc = bb_briefing_build (store, branding, &briefing, &withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  flat = squash_spaces (text);

  map = quarter_map_full (NULL, "Incidents this quarter per 250 m square", NULL, FALSE, NULL);
  key = bb_static_map_build_key (map);
  g_assert_nonnull (key);
  {
    g_autoptr(GString) row = g_string_new (key->title);

    /* The title and every class, in one line as the key draws them. */
    for (guint k = 0; k < key->items->len; k++)
      g_string_append_printf (row, " %s", g_array_index (key->items, BbMapKeyItem, k).label);
    if (strstr (flat, row->str) == NULL)
      g_error ("the briefing's key is not “%s”: %s", row->str, flat);
  }
  g_assert_nonnull (strstr (flat, "Period: July–September 2026 (quarter 3). Public incidents counted in squares of 250 m"));
  g_assert_nonnull (strstr (flat, "16 per km²"));
  bb_briefing_options_clear (&briefing);
}

/* The heat-map poster: its surface smooths the published squares and
 * nothing else (its mass is the squares' incidents: the blank squares'
 * ones are not in it), and its key's ramp runs from 0 to the surface's
 * highest density, with the kernel, bandwidth, cells and the quarter. */
static void
test_heat_poster_key (void)
{
  const BbReportKind *kind = bb_report_kind_find ("heat-map-poster");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, &error);
  g_autoptr(BbBranding) branding = bb_branding_new_from_station (station);
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbStaticMap) heat = NULL;
  g_autoptr(BbStaticMap) squares = NULL;
  g_autoptr(BbMapKey) key = NULL;
  g_autoptr(GArray) cells = NULL;
  g_autofree char *path = output_path (test_dir, "heat-map-poster.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *top = NULL;
  const BbGrid *density;
  BbReportRequest request;
  double published = 0, mass;

  g_assert_nonnull (kind);
  g_assert_true (kind->needs & BB_REPORT_NEEDS_QUARTER);
  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  doc = kind->build (store, branding, &request, withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (withheld->restricted_incidents, >, 0);
  text = pdf_text (path);
  flat = squash_spaces (text);

  squares = quarter_map (NULL, NULL);
  cells = bb_static_map_dup_cells (squares);
  for (guint i = 0; i < cells->len; i++)
    published += g_array_index (cells, BbStaticMapCell, i).count;
  heat = quarter_map_full (NULL, NULL, NULL, TRUE, NULL);
  density = bb_static_map_get_heat (heat);
  g_assert_nonnull (density);
  mass = bb_grid_sum (density) * bb_grid_cell_area_km2 (density);
  g_assert_cmpfloat (published, >, 100);
  g_assert_cmpfloat (fabs (mass - published), <, 0.005 * published);

  key = bb_static_map_build_key (heat);
  g_assert_true (key->ramp);
  g_assert_cmpstr (g_array_index (key->items, BbMapKeyItem, 0).label, ==, "0");
  g_assert_cmpfloat (bb_static_map_get_heat_top (heat), ==, bb_grid_max (density));
  top = g_strdup (g_array_index (key->items, BbMapKeyItem, key->items->len - 1).label);
  {
    /* "1,530": the top as printed, to three figures. */
    g_auto(GStrv) parts = g_strsplit (top, ",", -1);
    g_autofree char *digits = g_strjoinv ("", parts);
    double printed = g_ascii_strtod (digits, NULL);

    g_assert_cmpfloat (fabs (printed - bb_grid_max (density)), <=, 0.005 * bb_grid_max (density));
  }
  for (const char * const *want = (const char * const[]) { "Where incidents concentrated",
                                                            "Incidents per km², square-root scale", top,
                                                            "Period: July–September 2026 (quarter 3).",
                                                            "Quartic kernel, bandwidth 500 m, cells of 50 m",
                                                            "squares of 250 m", NULL };
       *want != NULL; want++)
    if (strstr (flat, *want) == NULL)
      g_error ("“%s” is not on the poster: %s", *want, flat);
  bb_report_request_clear (&request);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  BbDemoOptions options;
  int ret;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("beatbook-public-map-XXXXXX", NULL);
  db = g_build_filename (test_dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 6000;
  store = bb_demo_station_create (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/render/public-map/counts-match-store", test_counts_match_store);
  g_test_add_func ("/render/public-map/district", test_district_map);
  g_test_add_func ("/render/public-map/restricted-and-small-counts", test_restricted_and_small_counts);
  g_test_add_func ("/render/public-map/key-matches-scale", test_key_matches_scale);
  g_test_add_func ("/render/public-map/briefing-has-key", test_briefing_has_key);
  g_test_add_func ("/render/public-map/heat-poster-key", test_heat_poster_key);
  ret = g_test_run ();

  g_object_unref (store);
  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return ret;
}
