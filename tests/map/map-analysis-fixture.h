/* map-analysis-fixture.h: a synthetic town with one planted hot spot, for the map analysis tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-geo.h"
#include "bb-random.h"
#include "bb-store-map.h"

/* A 3 km square town; the hot spot 700 m east and 500 m north of its
 * centre, a cold corner in the south-west (no incidents at all there). */
#define TOWN_LON       19.82
#define TOWN_LAT       41.33
#define TOWN_HALF_M    1500.0
#define SPOT_EAST_M    700.0
#define SPOT_NORTH_M   500.0
#define SPOT_SD_M      60.0

static inline void
town_box (BbBBox *box)
{
  BbLocalProjection proj;

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_local_projection_inverse (&proj, -TOWN_HALF_M, -TOWN_HALF_M, &box->min_lon, &box->min_lat);
  bb_local_projection_inverse (&proj, TOWN_HALF_M, TOWN_HALF_M, &box->max_lon, &box->max_lat);
}

static inline void
town_spot (double *lon,
           double *lat)
{
  BbLocalProjection proj;

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_local_projection_inverse (&proj, SPOT_EAST_M, SPOT_NORTH_M, lon, lat);
}

/* @n_background incidents spread evenly over the town (but for its
 * south-western quarter when @cold_corner), @n_spot around the hot spot. */
static inline GArray *
town_points (guint    n_background,
             guint    n_spot,
             gboolean cold_corner,
             guint64  seed)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (BbMapPoint));
  BbLocalProjection proj;
  BbRandom rng;

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  bb_random_init (&rng, seed);
  for (guint i = 0; i < n_background + n_spot; i++)
    {
      BbMapPoint p = { 0 };
      double x, y;

      if (i < n_background)
        {
          do
            {
              x = bb_random_uniform (&rng, -TOWN_HALF_M, TOWN_HALF_M);
              y = bb_random_uniform (&rng, -TOWN_HALF_M, TOWN_HALF_M);
            }
          while (cold_corner && x < 0 && y < 0);
        }
      else
        {
          x = bb_random_normal (&rng, SPOT_EAST_M, SPOT_SD_M);
          y = bb_random_normal (&rng, SPOT_NORTH_M, SPOT_SD_M);
        }
      bb_local_projection_inverse (&proj, x, y, &p.lon, &p.lat);
      p.rowid = i + 1;
      p.occurred = 1700000000 + i * 3600;
      p.district = BB_MAP_POINT_NONE;
      g_array_append_val (points, p);
    }
  return points;
}
