/* test-map-painter.c: the base map painter draws known features at the right pixels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-map-painter.h"
#include "bb-tile-math.h"

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static cairo_surface_t *
draw (BbMapFeatures *features,
      int            x,
      int            y,
      int            zoom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);

  bb_map_painter_draw_tile (features, cr, x, y, zoom, 256);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_water_polygon (void)
{
  /* A lake from 19.80 to 19.81 E, 41.32 to 41.33 N, at zoom 15. */
  const char *lake =
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"name\":\"Lake\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[19.80,41.32],[19.81,41.32],[19.81,41.33],[19.80,41.33],[19.80,41.32]]]}}]}";
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autoptr(GError) error = NULL;
  double fx, fy, ex, ey;
  int tx, ty, px, py;
  cairo_surface_t *surface;

  g_assert_true (bb_map_features_add_geojson (features, "water", lake, "lake", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_map_features_get_count (features), ==, 1);

  bb_tile_from_lonlat (19.805, 41.325, 15, &fx, &fy);
  tx = (int) fx;
  ty = (int) fy;
  px = (int) ((fx - tx) * 256);
  py = (int) ((fy - ty) * 256);

  surface = draw (features, tx, ty, 15);
  /* The lake's centre is water. */
  g_assert_cmphex (pixel_at (surface, px, py), ==, BB_MAP_PAINTER_WATER);

  /* The lake's east edge, 19.81 E: water just west of it, land just east. */
  bb_tile_from_lonlat (19.81, 41.325, 15, &ex, &ey);
  if ((int) ex == tx)
    {
      int edge = (int) ((ex - tx) * 256);
      g_assert_cmphex (pixel_at (surface, edge - 2, py), ==, BB_MAP_PAINTER_WATER);
      if (edge + 2 < 256)
        g_assert_cmphex (pixel_at (surface, edge + 2, py), ==, BB_MAP_PAINTER_BACKGROUND);
    }
  cairo_surface_destroy (surface);

  /* A tile far away holds only the background. */
  surface = draw (features, tx + 10, ty, 15);
  g_assert_cmphex (pixel_at (surface, 128, 128), ==, BB_MAP_PAINTER_BACKGROUND);
  cairo_surface_destroy (surface);
}

static void
test_primary_street (void)
{
  const char *street =
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"class\":\"primary\",\"name\":\"Main Street\"},\"geometry\":{\"type\":\"LineString\","
    "\"coordinates\":[[19.80,41.325],[19.82,41.325]]}}]}";
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autoptr(GError) error = NULL;
  double fx, fy;
  int tx, ty, px, py;
  cairo_surface_t *surface;
  guint32 on, off;

  g_assert_true (bb_map_features_add_geojson (features, "streets", street, "streets", &error));
  /* West of the midpoint, where the street's name is written. */
  bb_tile_from_lonlat (19.803, 41.325, 16, &fx, &fy);
  tx = (int) fx, ty = (int) fy;
  px = (int) ((fx - tx) * 256), py = (int) ((fy - ty) * 256);
  surface = draw (features, tx, ty, 16);
  on = pixel_at (surface, px, py);
  off = pixel_at (surface, px, (py + 60) % 256);
  /* The street's fill is the primary yellow, not the background. */
  g_assert_cmphex (on, ==, 0xfcd98c);
  g_assert_cmphex (off, ==, BB_MAP_PAINTER_BACKGROUND);
  cairo_surface_destroy (surface);
}

static void
test_invalid (void)
{
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (bb_map_features_add_geojson (features, "water", "{not json", "Rivers", &error));
  g_assert_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Rivers"));
  g_clear_error (&error);

  g_assert_false (bb_map_features_add_geojson (features, "water",
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
    "{\"type\":\"Point\",\"coordinates\":[200,95]}}]}", "Rivers", &error));
  g_assert_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID);
  g_assert_cmpuint (bb_map_features_get_count (features), ==, 0);
}

static void
test_plain (void)
{
  cairo_surface_t *surface = draw (NULL, 3, 4, 5);

  g_assert_cmphex (pixel_at (surface, 0, 0), ==, BB_MAP_PAINTER_BACKGROUND);
  g_assert_cmphex (pixel_at (surface, 255, 255), ==, BB_MAP_PAINTER_BACKGROUND);
  cairo_surface_destroy (surface);
}

/* Each named landmark's label left cairo's current point behind, and the
 * next landmark's dot was joined to it by a thin white line. */
static void
test_landmarks_not_joined (void)
{
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
  static const double pixels[][2] = { { 40.5, 200.5 }, { 200.5, 60.5 } };
  cairo_surface_t *surface;
  int tx = 17000, ty = 12000;

  for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
    {
      double lon, lat;
      char lon_text[G_ASCII_DTOSTR_BUF_SIZE], lat_text[G_ASCII_DTOSTR_BUF_SIZE];

      bb_tile_to_lonlat (tx + pixels[i][0] / 256.0, ty + pixels[i][1] / 256.0, 15, &lon, &lat);
      g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"Mark %u\"},"
                              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}",
                              i ? "," : "", i,
                              g_ascii_dtostr (lon_text, sizeof lon_text, lon),
                              g_ascii_dtostr (lat_text, sizeof lat_text, lat));
    }
  g_string_append (json, "]}");
  g_assert_true (bb_map_features_add_geojson (features, "landmarks", json->str, "marks", &error));
  g_assert_no_error (error);

  surface = draw (features, tx, ty, 15);
  /* Both dots are drawn... */
  g_assert_cmphex (pixel_at (surface, 40, 200), !=, BB_MAP_PAINTER_BACKGROUND);
  g_assert_cmphex (pixel_at (surface, 200, 60), !=, BB_MAP_PAINTER_BACKGROUND);
  /* ...and nothing between the first label and the second dot. */
  for (int t = 20; t <= 80; t += 5)
    {
      int x = 45 + (203 - 45) * t / 100;
      int y = 194 + (60 - 194) * t / 100;

      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          g_assert_cmphex (pixel_at (surface, x + dx, y + dy), ==, BB_MAP_PAINTER_BACKGROUND);
    }
  cairo_surface_destroy (surface);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/painter/water-polygon", test_water_polygon);
  g_test_add_func ("/map/painter/primary-street", test_primary_street);
  g_test_add_func ("/map/painter/invalid", test_invalid);
  g_test_add_func ("/map/painter/plain", test_plain);
  g_test_add_func ("/map/painter/landmarks-not-joined", test_landmarks_not_joined);
  return g_test_run ();
}
