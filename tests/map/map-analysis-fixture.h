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

/* A 3 × 3 grid of square districts over the town, each a ring of its
 * four corners (and one extra corner on shared edges, as drawn boundaries
 * have); district k is row k / 3 from the south, column k % 3. */
static inline GPtrArray *
town_districts (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  BbLocalProjection proj;
  double side = 2 * TOWN_HALF_M / 3;

  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  for (guint k = 0; k < 9; k++)
    {
      GPtrArray *shape = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      GArray *ring = g_array_new (FALSE, FALSE, sizeof (BbLonLat));
      double x0 = -TOWN_HALF_M + (k % 3) * side, y0 = -TOWN_HALF_M + (k / 3) * side;
      /* A gap of 10 m between neighbours: within the touching distance. */
      double corners[5][2] = { { x0 + 5, y0 + 5 }, { x0 + side - 5, y0 + 5 }, { x0 + side - 5, y0 + side - 5 },
                               { x0 + 5, y0 + side - 5 }, { x0 + 5, y0 + 5 } };

      for (guint c = 0; c < 5; c++)
        {
          BbLonLat p;

          bb_local_projection_inverse (&proj, corners[c][0], corners[c][1], &p.lon, &p.lat);
          g_array_append_val (ring, p);
        }
      g_ptr_array_add (shape, ring);
      g_ptr_array_add (all, shape);
    }
  return all;
}
