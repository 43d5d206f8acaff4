/* bb-geojson-source.h: a tile source that draws the station's own GeoJSON layers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-map-painter.h"

G_BEGIN_DECLS

#define BB_TYPE_GEOJSON_SOURCE (bb_geojson_source_get_type ())
G_DECLARE_FINAL_TYPE (BbGeojsonSource, bb_geojson_source, BB, GEOJSON_SOURCE, ShumateDataSource)

#define BB_GEOJSON_TILE_SIZE 256

/* With @features NULL the source draws the plain background. */
BbGeojsonSource *bb_geojson_source_new       (BbMapFeatures  *features);
/* One tile of @features (or of the plain background for NULL), drawn
 * BB_GEOJSON_TILE_SIZE pixels square; any thread. */
cairo_surface_t *bb_geojson_source_draw_tile (BbMapFeatures  *features,
                                              int             x,
                                              int             y,
                                              int             zoom,
                                              cairo_format_t  format);

G_END_DECLS
