/* test-map-trend.c: change between periods, emerging hot spots and districts of the map's trend layer, with known counts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-trend"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-map-keys.h"
#include "bb-map-trend.h"
#include "bb-random.h"
#include "bb-records.h"
#include "bb-store-map.h"
#include "map-analysis-fixture.h"

#define END    ((gint64) 1767225600)   /* 2026-01-01 00:00 UTC */
#define DAY    ((gint64) 86400)
#define SLICE  (BB_MAP_TREND_SLICE_DAYS * DAY)

/* Places of the town in metres from its centre, on 100 m cells' centres
 * (the grid's corner is on a multiple of the cell size). */
static const double watch_at[2] = { -950, 850 };        /* 2 → 6 */
static const double significant_at[2] = { -650, -850 }; /* 70 → 100 */
static const double growing_at[2] = { 750, -450 };      /* grows slice by slice */

static void
add (GArray       *points,
     const double  at[2],
     gint64        when,
     guint16       district)
{
  BbLocalProjection proj;
  BbMapPoint p = { 0 };

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_local_projection_inverse (&proj, at[0], at[1], &p.lon, &p.lat);
  p.rowid = points->len + 1;
  p.occurred = when;
  p.district = district;
  g_array_append_val (points, p);
}

/* Twelve slices of a quiet town (ten incidents a day anywhere but at the
 * places compared), and the three places above. */
static GArray *
trend_town (void)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (BbMapPoint));
  BbRandom rng;

  bb_random_init (&rng, 42);
  for (guint s = 0; s < BB_MAP_TREND_SLICES; s++)
    {
      gint64 slice_start = END - (BB_MAP_TREND_SLICES - s) * SLICE;

      for (guint i = 0; i < 280; i++)
        {
          double at[2] = { bb_random_uniform (&rng, -TOWN_HALF_M, TOWN_HALF_M),
                           bb_random_uniform (&rng, -TOWN_HALF_M, TOWN_HALF_M) };

          /* The two places compared keep their counts as planted. */
          if ((fabs (at[0] - watch_at[0]) < 100 && fabs (at[1] - watch_at[1]) < 100)
              || (fabs (at[0] - significant_at[0]) < 100 && fabs (at[1] - significant_at[1]) < 100))
            continue;

          add (points, at, slice_start + (gint64) bb_random_uniform (&rng, 0, SLICE - 1), BB_MAP_POINT_NONE);
        }
      for (guint i = 0; i < 2 * s * s; i++)
        add (points, growing_at, slice_start + i * 3600, BB_MAP_POINT_NONE);
    }
  /* The last four weeks against the four before. */
  for (guint i = 0; i < 2; i++)
    add (points, watch_at, END - 2 * SLICE + i * DAY, 0);
  for (guint i = 0; i < 6; i++)
    add (points, watch_at, END - SLICE + i * DAY, 0);
  for (guint i = 0; i < 70; i++)
    add (points, significant_at, END - 2 * SLICE + i * 3600, 1);
  for (guint i = 0; i < 100; i++)
    add (points, significant_at, END - SLICE + i * 3600, 1);
  /* A year before the last four weeks: 20 at the "watch" place. */
  for (guint i = 0; i < 20; i++)
    add (points, watch_at, END - 365 * DAY - SLICE + i * DAY, 0);
  return points;
}

static void
cell_of (BbMapTrend     *trend,
         const double    at[2],
         BbMapTrendCell *cell)
{
  BbLocalProjection proj;
  double lon, lat;

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_local_projection_inverse (&proj, at[0], at[1], &lon, &lat);
  g_assert_true (bb_map_trend_cell_at (trend, lon, lat, cell));
}

static void
test_map_trend_change (void)
{
  g_autoptr(GArray) points = trend_town ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapTrend) trend = NULL;
  g_autofree char *percent = NULL;
  BbMapTrendOptions options;
  BbMapTrendCell cell;
  BbBBox box;

  town_box (&box);
  bb_map_trend_options_init (&options);
  options.start = END - SLICE;
  options.end = END;
  options.cell_size = 100;
  options.distance = 150;
  trend = bb_map_trend_compute (points, NULL, &box, 2, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trend);
  g_assert_cmpint (trend->base_end, ==, END - SLICE);
  g_assert_cmpint (trend->base_start, ==, END - 2 * SLICE);
  g_assert_cmpfloat (trend->cell_size, ==, 100);

  /* 2 → 6: "+200 %", Z = 2(√6 − √2) = 2.07, worth watching at most. */
  cell_of (trend, watch_at, &cell);
  g_assert_cmpuint (cell.base, ==, 2);
  g_assert_cmpuint (cell.current, ==, 6);
  g_assert_cmpfloat_with_epsilon (cell.z, 2.0705523608, 1e-5);
  g_assert_cmpint (cell.level, ==, BB_CHANGE_WATCH_RISE);
  percent = bb_map_trend_format_change (6, 2);
  g_assert_cmpstr (percent, ==, "+200 %");
  g_clear_pointer (&percent, g_free);
  percent = bb_map_trend_format_change (2, 6);
  g_assert_cmpstr (percent, ==, "-67 %");

  /* 70 → 100: Z = 3.27, significant. */
  cell_of (trend, significant_at, &cell);
  g_assert_cmpfloat (cell.z, >, 3);
  g_assert_cmpint (cell.level, ==, BB_CHANGE_SIGNIFICANT_RISE);

  /* By district, with no background to blur them. */
  g_assert_cmpuint (trend->n_districts, ==, 2);
  g_assert_cmpfloat (trend->district_current[0], ==, 6);
  g_assert_cmpfloat (trend->district_base[0], ==, 2);
  g_assert_cmpfloat (trend->district_current[1], ==, 100);
  g_assert_cmpfloat (trend->district_base[1], ==, 70);
  g_assert_cmpuint (trend->n_by_level[BB_CHANGE_SIGNIFICANT_RISE + 2], >=, 1);

  /* The key names the four levels drawn and both periods. */
  {
    g_autoptr(BbMapKey) key = bb_map_keys_trend (trend, BB_TREND_SHOW_CHANGE);

    g_assert_nonnull (key);
    g_assert_cmpuint (key->items->len, ==, 4);
    g_assert_cmpstr (g_array_index (key->items, BbMapKeyItem, 0).label, ==,
                     bb_change_level_describe (BB_CHANGE_SIGNIFICANT_RISE));
    g_assert_cmphex (g_array_index (key->items, BbMapKeyItem, 0).rgb, ==,
                     bb_map_key_change_rgb (BB_CHANGE_SIGNIFICANT_RISE));
    g_assert_nonnull (strstr (key->note, "2025-12-04 to 2025-12-31 against 2025-11-06 to 2025-12-03"));
  }
}

static void
test_map_trend_versus_year (void)
{
  g_autoptr(GArray) points = trend_town ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapTrend) trend = NULL;
  BbMapTrendOptions options;
  BbBBox box;

  town_box (&box);
  bb_map_trend_options_init (&options);
  options.versus = BB_MAP_TREND_VERSUS_YEAR;
  options.start = END - SLICE;
  options.end = END;
  options.cell_size = 100;
  options.distance = 150;
  trend = bb_map_trend_compute (points, NULL, &box, 2, &options, NULL, &error);
  g_assert_no_error (error);
  /* 2025-12-04 … 2026-01-01 against 2024-12-04 … 2025-01-01. */
  g_assert_cmpint (trend->base_start, ==, END - SLICE - 365 * DAY);
  g_assert_cmpint (trend->base_end, ==, END - 365 * DAY);
  g_assert_cmpfloat (trend->district_base[0], ==, 20);
  g_assert_cmpfloat (trend->district_current[0], ==, 6);
  /* 20 → 6: Z = 2(√6 − √20) = −4.05, a significant fall. */
  g_assert_cmpint (bb_trend_change_level (bb_trend_poisson_z (6, 20)), ==, BB_CHANGE_SIGNIFICANT_FALL);
}

static void
test_map_trend_emerging (void)
{
  g_autoptr(GArray) points = trend_town ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapTrend) trend = NULL;
  BbMapTrendOptions options;
  BbMapTrendCell cell;
  BbBBox box;

  town_box (&box);
  bb_map_trend_options_init (&options);   /* no period: the four weeks up to the latest incident */
  options.cell_size = 100;
  options.distance = 150;
  trend = bb_map_trend_compute (points, NULL, &box, 0, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trend->emerging);
  g_assert_cmpuint (trend->emerging->n_slices, ==, BB_MAP_TREND_SLICES);
  g_assert_null (trend->emerging_note);

  cell_of (trend, growing_at, &cell);
  g_test_message ("growing: %s, hot in %u of %u, trend z %.2f", bb_emerging_pattern_to_string (cell.pattern),
                  cell.n_hot, cell.n_slices, cell.trend_z);
  g_assert_true (cell.has_emerging);
  g_assert_cmpint (cell.pattern, ==, BB_EMERGING_INTENSIFYING);
  g_assert_cmpfloat (cell.trend_z, >, 1.96);
  g_assert_cmpuint (cell.n_hot, >=, 6);

  /* The key lists the five hot patterns, and the cold ones found. */
  {
    g_autoptr(BbMapKey) key = bb_map_keys_trend (trend, BB_TREND_SHOW_EMERGING);
    guint cold = 0;

    for (guint p = BB_EMERGING_NEW_COLD; p < BB_EMERGING_N_PATTERNS; p++)
      cold += trend->emerging->n_by_pattern[p] > 0;
    g_assert_nonnull (key);
    g_assert_cmpuint (key->items->len, ==, 5 + cold);
    g_assert_nonnull (strstr (key->note, "12"));
  }

  /* Three slices only: found, with a note that no trend can be significant. */
  {
    g_autoptr(GArray) late = g_array_new (FALSE, TRUE, sizeof (BbMapPoint));
    g_autoptr(BbMapTrend) short_trend = NULL;

    for (guint i = 0; i < points->len; i++)
      if (g_array_index (points, BbMapPoint, i).occurred >= END - 3 * SLICE)
        g_array_append_val (late, g_array_index (points, BbMapPoint, i));
    short_trend = bb_map_trend_compute (late, NULL, &box, 0, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (short_trend->emerging);
    g_assert_cmpuint (short_trend->emerging->n_slices, ==, 3);
    g_assert_nonnull (short_trend->emerging_note);
  }

  /* Cancelled: an error, no result. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (bb_map_trend_compute (points, NULL, &box, 0, &options, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-trend/change", test_map_trend_change);
  g_test_add_func ("/map-trend/versus-year", test_map_trend_versus_year);
  g_test_add_func ("/map-trend/emerging", test_map_trend_emerging);

  return g_test_run ();
}
