/* bb-tile-math.h: Web Mercator tile arithmetic shared by the tile sources */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_TILE_MAX_LATITUDE 85.0511287798

void bb_tile_from_lonlat   (double  lon,
                            double  lat,
                            int     zoom,
                            double *x,
                            double *y);
void bb_tile_to_lonlat     (double  x,
                            double  y,
                            int     zoom,
                            double *lon,
                            double *lat);
/* MBTiles stores rows bottom-up (TMS); XYZ counts top-down. */
int  bb_tile_flip_row      (int     y,
                            int     zoom);

G_END_DECLS
