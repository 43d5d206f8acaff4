/* bb-geojson-source.h: a tile source that draws the station's own GeoJSON layers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-map-painter.h"

G_BEGIN_DECLS

#define BB_TYPE_GEOJSON_SOURCE (bb_geojson_source_get_type ())
G_DECLARE_FINAL_TYPE (BbGeojsonSource, bb_geojson_source, BB, GEOJSON_SOURCE, ShumateDataSource)

/* With @features NULL the source draws the plain background. */
BbGeojsonSource *bb_geojson_source_new (BbMapFeatures *features);

G_END_DECLS
