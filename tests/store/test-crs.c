/* test-crs.c: projected coordinates brought to WGS84 through PROJ, checked against known positions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <proj.h>

#include "bb-crs.h"

static void
test_parse_epsg (void)
{
  g_assert_cmpint (bb_crs_parse_epsg ("EPSG:27700"), ==, 27700);
  g_assert_cmpint (bb_crs_parse_epsg ("epsg:32635"), ==, 32635);
  g_assert_cmpint (bb_crs_parse_epsg ("32635"), ==, 32635);
  g_assert_cmpint (bb_crs_parse_epsg ("urn:ogc:def:crs:EPSG::27700"), ==, 27700);
  g_assert_cmpint (bb_crs_parse_epsg ("urn:ogc:def:crs:EPSG:6.6:3857"), ==, 3857);
  g_assert_cmpint (bb_crs_parse_epsg ("urn:ogc:def:crs:OGC:1.3:CRS84"), ==, 4326);
  g_assert_cmpint (bb_crs_parse_epsg ("British grid"), ==, 0);
  g_assert_cmpint (bb_crs_parse_epsg ("EPSG:"), ==, 0);
  g_assert_cmpint (bb_crs_parse_epsg (NULL), ==, 0);
}

/* UTM zone 35N: on the central meridian (27° E) the northing is 0.9996
 * times the meridian arc, 4 984 944.378 m from the equator to 45° on the
 * WGS84 ellipsoid; the false easting is 500 000 m. */
static void
test_utm (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCrsTransform) utm = bb_crs_transform_new ("EPSG:32635", &error);
  double lon, lat, lon_e, lat_e, lon_w, lat_w;

  g_assert_no_error (error);
  g_assert_cmpint (bb_crs_transform_get_epsg (utm), ==, 32635);
  g_assert_true (bb_crs_transform_point (utm, 500000, 0, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 27.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 0.0, 1e-9);

  g_assert_true (bb_crs_transform_point (utm, 500000, 0.9996 * 4984944.378, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 27.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 45.0, 1e-7);

  /* symmetric about the central meridian */
  g_assert_true (bb_crs_transform_point (utm, 512345, 4650000, &lon_e, &lat_e));
  g_assert_true (bb_crs_transform_point (utm, 500000 - 12345, 4650000, &lon_w, &lat_w));
  g_assert_cmpfloat_with_epsilon (lon_e - 27.0, 27.0 - lon_w, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat_e, lat_w, 1e-9);
  g_assert_cmpfloat (lat_e, >, 41.9);
  g_assert_cmpfloat (lat_e, <, 42.1);
}

/* The Ordnance Survey's worked example (A guide to coordinate systems in
 * Great Britain): Caister water tower, E 651409.903 N 313177.270 on the
 * National Grid, is 52°39′27.2531″N 1°43′4.5177″E on OSGB36.  WGS84 is
 * that plus the datum shift, about a hundred metres there. */
static void
test_british_national_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCrsTransform) bng = bb_crs_transform_new ("urn:ogc:def:crs:EPSG::27700", &error);
  const double osgb_lat = 52 + 39 / 60.0 + 27.2531 / 3600.0;
  const double osgb_lon = 1 + 43 / 60.0 + 4.5177 / 3600.0;
  PJ_CONTEXT *context = proj_context_create ();
  PJ *raw = proj_create_crs_to_crs (context, "EPSG:27700", "EPSG:4277", NULL);
  PJ *pj = proj_normalize_for_visualization (context, raw);
  PJ_COORD out;
  double lon, lat;

  /* the projection itself, to the millimetre */
  out = proj_trans (pj, PJ_FWD, proj_coord (651409.903, 313177.270, 0, 0));
  g_assert_cmpfloat_with_epsilon (out.xy.y, osgb_lat, 1e-8);
  g_assert_cmpfloat_with_epsilon (out.xy.x, osgb_lon, 1e-8);
  proj_destroy (pj);
  proj_destroy (raw);
  proj_context_destroy (context);

  /* and on to WGS84 */
  g_assert_no_error (error);
  g_assert_cmpint (bb_crs_transform_get_epsg (bng), ==, 27700);
  g_assert_true (bb_crs_transform_point (bng, 651409.903, 313177.270, &lon, &lat));
  g_assert_cmpfloat (fabs (lat - osgb_lat), <, 0.0015);
  g_assert_cmpfloat (fabs (lon - osgb_lon), <, 0.0025);
  g_assert_cmpfloat (fabs (lat - osgb_lat) + fabs (lon - osgb_lon), >, 0.0003);
}

/* Web Mercator has a closed form: x = Rλ, y = R ln tan(π/4 + φ/2). */
static void
test_web_mercator (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCrsTransform) merc = bb_crs_transform_new ("EPSG:3857", &error);
  const double R = 6378137.0, lon0 = 20.1152, lat0 = 41.0021;
  double x = R * lon0 * G_PI / 180, y = R * log (tan (G_PI / 4 + lat0 * G_PI / 360)), lon, lat;

  g_assert_no_error (error);
  g_assert_true (bb_crs_transform_point (merc, x, y, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-9);
}

static void
test_wgs84_and_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCrsTransform) wgs = bb_crs_transform_new ("EPSG:4326", &error);
  BbCrsTransform *none;
  double lon, lat;

  g_assert_no_error (error);
  g_assert_cmpint (bb_crs_transform_get_epsg (wgs), ==, 0);
  g_assert_true (bb_crs_transform_point (wgs, 20.5, 41.25, &lon, &lat));
  g_assert_cmpfloat (lon, ==, 20.5);
  g_assert_cmpfloat (lat, ==, 41.25);
  g_assert_false (bb_crs_transform_point (wgs, NAN, 41.25, &lon, &lat));

  none = bb_crs_transform_new ("EPSG:999999", &error);
  g_assert_null (none);
  g_assert_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN);
  g_clear_error (&error);
  none = bb_crs_transform_new ("Gauss-Krüger", &error);
  g_assert_null (none);
  g_assert_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crs/parse-epsg", test_parse_epsg);
  g_test_add_func ("/crs/utm", test_utm);
  g_test_add_func ("/crs/british-national-grid", test_british_national_grid);
  g_test_add_func ("/crs/web-mercator", test_web_mercator);
  g_test_add_func ("/crs/wgs84-and-unknown", test_wgs84_and_unknown);

  return g_test_run ();
}
