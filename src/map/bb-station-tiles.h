/* bb-station-tiles.h: the station's own base map, drawn by tile straight into textures */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-map-painter.h"

G_BEGIN_DECLS

#define BB_TYPE_STATION_TILES (bb_station_tiles_get_type ())
G_DECLARE_FINAL_TYPE (BbStationTiles, bb_station_tiles, BB, STATION_TILES, ShumateMapSource)

/* A map source with @id and @name that draws @features (the plain
 * background for NULL), as BbGeojsonSource does, but hands each tile to
 * the map as the image it drew: no PNG made and read back, and no
 * conversion each frame under the software renderer. */
BbStationTiles *bb_station_tiles_new (const char    *id,
                                      const char    *name,
                                      const char    *license,
                                      BbMapFeatures *features);
/* Whether the map is painted by GTK's software renderer: tiles drawn
 * from now on are then painted by cairo rather than as textures. */
void            bb_station_tiles_set_software (BbStationTiles *self,
                                               gboolean        software);

G_END_DECLS
