/* test-map-layers.c: the heat and hot-spot layers draw where the hot spot is, and the analyst keeps them in step */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "bb-heat-layer.h"
#include "bb-hotspot-layer.h"
#include "bb-map-analyst.h"
#include "bb-overlay-cache.h"
#include "map-analysis-fixture.h"

#define WIDTH  600
#define HEIGHT 600

typedef struct {
  guint8 r, g, b, a;
} Pixel;

/* Un-premultiplied RGBA of one pixel of an ARGB32 surface. */
static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  guint32 v = *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x);
  Pixel p = { 0 };

  p.a = v >> 24;
  if (p.a > 0)
    {
      p.r = ((v >> 16) & 0xff) * 255 / p.a;
      p.g = ((v >> 8) & 0xff) * 255 / p.a;
      p.b = (v & 0xff) * 255 / p.a;
    }
  return p;
}

static ShumateViewport *
town_viewport (double zoom)
{
  ShumateViewport *viewport = shumate_viewport_new ();

  shumate_viewport_set_max_zoom_level (viewport, 20);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), TOWN_LAT, TOWN_LON);
  return viewport;
}

static BbMapAnalysis *
town_analysis (void)
{
  g_autoptr(GArray) points = town_points (2000, 300, TRUE, 7);
  g_autoptr(GError) error = NULL;
  BbMapAnalysisOptions options;
  BbMapAnalysis *analysis;
  BbBBox box;

  town_box (&box);
  bb_map_analysis_options_init (&options);
  analysis = bb_map_analysis_compute (points, NULL, &box, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  return analysis;
}

static void
spot_pixel (ShumateViewport *viewport,
            int             *x,
            int             *y)
{
  BbOverlayFrame f;
  double lon, lat, px, py;

  town_spot (&lon, &lat);
  bb_overlay_frame_init (&f, viewport, WIDTH, HEIGHT);
  bb_overlay_frame_to_pixel (&f, lon, lat, &px, &py);
  *x = (int) round (px);
  *y = (int) round (py);
  g_assert_cmpint (*x, >, 0);
  g_assert_cmpint (*x, <, WIDTH);
  g_assert_cmpint (*y, >, 0);
  g_assert_cmpint (*y, <, HEIGHT);
}

/* The heat map is darkest red at the planted spot, fainter away from it,
 * and nothing at all beyond the town. */
static void
test_heat_layer_draws_spot (void)
{
  g_autoptr(BbMapAnalysis) analysis = town_analysis ();
  g_autoptr(ShumateViewport) viewport = town_viewport (14);
  BbHeatLayer *layer = g_object_ref_sink (bb_heat_layer_new (viewport));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Pixel at_spot, centre, corner;
  int x, y;
  double r, g, b, a;

  bb_heat_layer_set_analysis (layer, analysis, 0);
  g_assert_cmpfloat (bb_heat_layer_get_scale_max (layer), ==, analysis->heat_max);
  bb_heat_layer_paint (layer, cr, WIDTH, HEIGHT);
  cairo_surface_flush (surface);

  spot_pixel (viewport, &x, &y);
  at_spot = pixel_at (surface, x, y);
  centre = pixel_at (surface, WIDTH / 2, HEIGHT / 2);
  corner = pixel_at (surface, 2, 2);
  /* Near the top of the ramp: dark red, nearly as opaque as the layer. */
  bb_heat_ramp_colour (1, &r, &g, &b, &a);
  g_assert_cmpint (at_spot.a, >, 0.6 * 255 * bb_heat_layer_get_fill_opacity (layer));
  g_assert_cmpint (at_spot.r, >, 150);
  g_assert_cmpint (at_spot.g, <, 90);
  /* The town's middle has only the even background: pale, if anything. */
  g_assert_cmpint (centre.a, <, at_spot.a);
  g_assert_cmpint (centre.g, >, at_spot.g);
  /* Zoom 14 shows far beyond the 3 km town: nothing is drawn there. */
  g_assert_cmpint (corner.a, ==, 0);

  /* A kept scale twice as high draws the spot paler. */
  bb_heat_layer_set_analysis (layer, analysis, 2 * analysis->heat_max);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  bb_heat_layer_paint (layer, cr, WIDTH, HEIGHT);
  cairo_surface_flush (surface);
  g_assert_cmpint (pixel_at (surface, x, y).g, >, at_spot.g);

  /* Nothing to show, nothing drawn. */
  bb_heat_layer_set_analysis (layer, NULL, 0);
  g_assert_cmpfloat (bb_heat_layer_get_scale_max (layer), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (layer);
}

static Pixel
cell_pixel (cairo_surface_t        *surface,
            ShumateViewport        *viewport,
            BbMapAnalysis          *analysis,
            const BbMapHotspotCell *cell)
{
  BbOverlayFrame f;
  double lon, lat, px, py;

  bb_grid_cell_centre_lonlat (analysis->z, cell->col, cell->row, &lon, &lat);
  bb_overlay_frame_init (&f, viewport, WIDTH, HEIGHT);
  bb_overlay_frame_to_pixel (&f, lon, lat, &px, &py);
  g_assert_cmpfloat (px, >, 0);
  g_assert_cmpfloat (px, <, WIDTH);
  g_assert_cmpfloat (py, >, 0);
  g_assert_cmpfloat (py, <, HEIGHT);
  return pixel_at (surface, (int) px, (int) py);
}

static void
assert_bin_colour (Pixel p,
                   int   bin)
{
  double r, g, b;

  bb_hotspot_bin_colour (bin, &r, &g, &b);
  g_assert_cmpint (p.a, >, 150);
  g_assert_cmpint (abs (p.r - (int) round (r * 255)), <=, 4);
  g_assert_cmpint (abs (p.g - (int) round (g * 255)), <=, 4);
  g_assert_cmpint (abs (p.b - (int) round (b * 255)), <=, 4);
}

/* Hot cells are drawn red where the spot is, cold ones blue in the empty
 * corner; a click on the spot picks its cell. */
static void
test_hotspot_layer_draws_spot (void)
{
  g_autoptr(BbMapAnalysis) analysis = town_analysis ();
  g_autoptr(ShumateViewport) viewport = town_viewport (14);
  BbHotspotLayer *layer = g_object_ref_sink (bb_hotspot_layer_new (viewport));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  BbLocalProjection proj;
  BbMapHotspotCell cell;
  Pixel at_spot, cold;
  double lon, lat;
  int dark = 0;

  bb_hotspot_layer_set_analysis (layer, analysis);
  bb_hotspot_layer_paint (layer, cr, WIDTH, HEIGHT);
  cairo_surface_flush (surface);

  /* The planted spot's cell and a cell of the empty corner, at their
   * centres (away from the outlines), in their bins' colours. */
  town_spot (&lon, &lat);
  g_assert_true (bb_map_analysis_cell_at (analysis, lon, lat, &cell));
  g_assert_cmpint (cell.bin, ==, 3);
  at_spot = cell_pixel (surface, viewport, analysis, &cell);
  assert_bin_colour (at_spot, 3);

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_local_projection_inverse (&proj, -TOWN_HALF_M / 2, -TOWN_HALF_M / 2, &lon, &lat);
  g_assert_true (bb_map_analysis_cell_at (analysis, lon, lat, &cell));
  g_assert_cmpint (cell.bin, <, 0);
  cold = cell_pixel (surface, viewport, analysis, &cell);
  assert_bin_colour (cold, cell.bin);

  /* A not significant cell is not drawn. */
  for (guint row = 0; row < analysis->z->n_rows; row++)
    for (guint col = 0; col < analysis->z->n_cols; col++)
      if (analysis->bins[row * analysis->z->n_cols + col] == 0
          && (col == 0 || analysis->bins[row * analysis->z->n_cols + col - 1] == 0)
          && (col + 1 == analysis->z->n_cols || analysis->bins[row * analysis->z->n_cols + col + 1] == 0))
        {
          g_assert_true (bb_map_analysis_get_cell (analysis, col, row, &cell));
          g_assert_cmpint (cell_pixel (surface, viewport, analysis, &cell).a, ==, 0);
          row = analysis->z->n_rows;
          break;
        }

  /* The highlight outlines the spot: its outline pixels turn dark. */
  bb_hotspot_layer_set_highlight (layer, 1);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  bb_hotspot_layer_paint (layer, cr, WIDTH, HEIGHT);
  cairo_surface_flush (surface);
  for (int i = 0; i < WIDTH * HEIGHT; i++)
    {
      Pixel p = pixel_at (surface, i % WIDTH, i / WIDTH);
      dark += p.a > 200 && p.r < 60 && p.g < 60 && p.b < 60;
    }
  g_assert_cmpint (dark, >, 20);

  /* Far outside the town: transparent. */
  g_assert_cmpint (pixel_at (surface, 2, 2).a, ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (layer);
}

/* Hot spots by district: hot districts filled in their bin's colour, the
 * others left to the district layer. */
static void
test_hotspot_layer_draws_districts (void)
{
  g_autoptr(GPtrArray) rings = town_districts ();
  g_autoptr(BbMapDistricts) districts = bb_map_districts_new (rings);
  g_autoptr(GArray) points = town_points (900, 300, FALSE, 17);
  g_autoptr(ShumateViewport) viewport = town_viewport (14);
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  BbHotspotLayer *layer = g_object_ref_sink (bb_hotspot_layer_new (viewport));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  BbMapAnalysisOptions options;
  BbOverlayFrame f;
  BbBBox box;
  guint hot = 0, plain = 0;

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

  bb_hotspot_layer_set_analysis (layer, analysis);
  bb_hotspot_layer_set_units (layer, BB_HOTSPOT_UNITS_DISTRICTS);
  g_assert_cmpint (bb_hotspot_layer_get_units (layer), ==, BB_HOTSPOT_UNITS_DISTRICTS);
  bb_hotspot_layer_paint (layer, cr, WIDTH, HEIGHT);
  cairo_surface_flush (surface);
  bb_overlay_frame_init (&f, viewport, WIDTH, HEIGHT);
  for (guint d = 0; d < districts->n; d++)
    {
      const BbBBox *b = &districts->boxes[d];
      double px, py;
      Pixel pixel;

      bb_overlay_frame_to_pixel (&f, (b->min_lon + b->max_lon) / 2, (b->min_lat + b->max_lat) / 2, &px, &py);
      pixel = pixel_at (surface, (int) px, (int) py);
      if (analysis->district_gi->bin[d] != 0)
        {
          double r, g, bl;

          bb_hotspot_bin_colour (analysis->district_gi->bin[d], &r, &g, &bl);
          g_assert_cmpint (pixel.a, >, 100);
          g_assert_cmpint (abs (pixel.r - (int) round (r * 255)), <=, 4);
          g_assert_cmpint (abs (pixel.b - (int) round (bl * 255)), <=, 4);
          hot += analysis->district_gi->bin[d] > 0;
        }
      else
        {
          g_assert_cmpint (pixel.a, ==, 0);
          plain++;
        }
    }
  g_assert_cmpuint (hot, >=, 1);
  g_assert_cmpuint (plain, >=, 1);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (layer);
}

static void
updated_cb (BbMapAnalyst *analyst,
            guint        *n)
{
  (*n)++;
}

static void
wait_idle (BbMapAnalyst *analyst)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!bb_map_analyst_is_busy (analyst))
        return;
    }
  g_assert_not_reached ();
}

/* The analyst computes what is shown, settles quick changes into one
 * computation, answers a filter seen before from its cache, and lets a
 * hidden layer cost nothing. */
static void
test_analyst (void)
{
  g_autoptr(GArray) points = town_points (2000, 300, TRUE, 7);
  g_autoptr(GArray) half = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ShumateViewport) viewport = town_viewport (14);
  BbHeatLayer *heat = g_object_ref_sink (bb_heat_layer_new (viewport));
  BbHotspotLayer *hot = g_object_ref_sink (bb_hotspot_layer_new (viewport));
  g_autoptr(BbMapAnalyst) analyst = bb_map_analyst_new (heat, hot);
  BbMapAnalysis *analysis;
  BbBBox box;
  guint updates = 0;

  for (guint i = 0; i < points->len; i += 2)
    g_array_append_val (half, i);
  town_box (&box);
  g_signal_connect (analyst, "updated", G_CALLBACK (updated_cb), &updates);

  /* Nothing shown: nothing computed. */
  bb_map_analyst_set_points (analyst, points, NULL, &box, NULL);
  wait_idle (analyst);
  g_assert_null (bb_map_analyst_get_analysis (analyst));
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (heat)));

  g_object_set (analyst, "heat-visible", TRUE, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (heat)));
  g_assert_true (bb_map_analyst_is_busy (analyst));
  wait_idle (analyst);
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_nonnull (analysis);
  g_assert_nonnull (analysis->heat);
  g_assert_null (analysis->z);
  g_assert_true (bb_heat_layer_get_analysis (heat) == analysis);
  g_assert_cmpuint (analysis->n_points, ==, points->len);
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 1);

  /* Three quick changes of the filter: one computation, of the last. */
  bb_map_analyst_set_points (analyst, points, half, &box, NULL);
  bb_map_analyst_set_points (analyst, points, NULL, &box, NULL);
  bb_map_analyst_set_points (analyst, points, half, &box, NULL);
  wait_idle (analyst);
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 2);
  g_assert_cmpuint (bb_map_analyst_get_analysis (analyst)->n_points, ==, half->len);

  /* Back to every point: from the cache, at once. */
  bb_map_analyst_set_points (analyst, points, NULL, &box, NULL);
  wait_idle (analyst);
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 2);
  g_assert_cmpuint (bb_map_analyst_get_n_cached (analyst), ==, 1);
  g_assert_true (bb_map_analyst_get_analysis (analyst) == analysis);

  /* Hot spots too, then the heat map off: the result with both serves. */
  g_object_set (analyst, "hotspots-visible", TRUE, NULL);
  wait_idle (analyst);
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 3);
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_nonnull (analysis->z);
  g_assert_true (bb_hotspot_layer_get_analysis (hot) == analysis);
  g_object_set (analyst, "heat-visible", FALSE, NULL);
  wait_idle (analyst);
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (heat)));

  /* Settings count: a bandwidth set by hand is used. */
  g_object_set (analyst, "heat-visible", TRUE, "bandwidth", 150.0, NULL);
  wait_idle (analyst);
  g_assert_cmpfloat (bb_map_analyst_get_analysis (analyst)->bandwidth, ==, 150);

  /* Keeping the scale keeps the top of the ramp for the next filter. */
  {
    double top = bb_map_analyst_get_scale_max (analyst);

    g_assert_cmpfloat (top, >, 0);
    g_object_set (analyst, "keep-scale", TRUE, NULL);
    bb_map_analyst_set_points (analyst, points, half, &box, NULL);
    wait_idle (analyst);
    g_assert_cmpuint (bb_map_analyst_get_analysis (analyst)->n_points, ==, half->len);
    g_assert_cmpfloat (bb_map_analyst_get_scale_max (analyst), ==, top);
    g_assert_cmpfloat (bb_heat_layer_get_scale_max (heat), ==, top);
    /* Half the incidents on the same scale: the surface stays below it. */
    g_assert_cmpfloat (bb_map_analyst_get_analysis (analyst)->heat_max, <, top);
  }

  /* Both off: nothing shown. */
  g_object_set (analyst, "heat-visible", FALSE, "hotspots-visible", FALSE, NULL);
  wait_idle (analyst);
  g_assert_null (bb_map_analyst_get_analysis (analyst));
  g_assert_null (bb_heat_layer_get_analysis (heat));
  g_assert_cmpuint (updates, >=, 5);

  g_clear_object (&analyst);
  g_object_unref (heat);
  g_object_unref (hot);
}

int
main (int   argc,
      char *argv[])
{
  /* Nothing here is read through the accessibility bus, and a bus shared
   * with other test runs on the machine can vanish mid-test. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-layers/heat-draws-spot", test_heat_layer_draws_spot);
  g_test_add_func ("/map-layers/hotspot-draws-spot", test_hotspot_layer_draws_spot);
  g_test_add_func ("/map-layers/hotspot-draws-districts", test_hotspot_layer_draws_districts);
  g_test_add_func ("/map-layers/analyst", test_analyst);

  return g_test_run ();
}
