/* bb-tile-math.c: Web Mercator tile arithmetic shared by the tile sources */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-tile-math"

#include "config.h"

#include <math.h>

#include "bb-tile-math.h"

void
bb_tile_from_lonlat (double  lon,
                     double  lat,
                     int     zoom,
                     double *x,
                     double *y)
{
  double n = ldexp (1.0, zoom);
  double phi;

  lat = CLAMP (lat, -BB_TILE_MAX_LATITUDE, BB_TILE_MAX_LATITUDE);
  phi = lat * G_PI / 180.0;
  *x = (lon + 180.0) / 360.0 * n;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0 * n;
}

void
bb_tile_to_lonlat (double  x,
                   double  y,
                   int     zoom,
                   double *lon,
                   double *lat)
{
  double n = ldexp (1.0, zoom);

  *lon = x / n * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y / n))) * 180.0 / G_PI;
}

int
bb_tile_flip_row (int y,
                  int zoom)
{
  return (1 << zoom) - 1 - y;
}
