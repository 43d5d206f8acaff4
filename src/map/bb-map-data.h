/* bb-map-data.h: everything the map shows from a station, loaded together off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-geo.h"
#include "bb-map-districts.h"
#include "bb-map-painter.h"
#include "bb-store-map.h"

G_BEGIN_DECLS

typedef struct {
  BbMapFeatures *features;     /* the station's geo layers, parsed */
  GPtrArray     *districts;    /* BbMapDistrict */
  GPtrArray     *district_features; /* per district: its outer rings (bb_map_data_parse_rings) */
  BbMapDistricts *district_units;   /* the same, with which border which */
  GPtrArray     *categories;   /* BbMapCategory */
  GArray        *points;       /* BbMapPoint, in rowid order */
  double        *world;        /* per point: x, y in Web Mercator world units (0..1) */
  char          *attribution;  /* of the geo layers, joined */
  char          *basemap_kind; /* remembered choice, or NULL */
  char          *basemap_mbtiles;
  BbBBox         bounds;       /* of the districts, or of the incidents */
} BbMapData;

void       bb_map_data_free        (BbMapData           *data);
BbMapData *bb_map_data_load        (BbStore             *store,
                                    GError             **error);
void       bb_map_data_load_async  (BbStore             *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* Also the result of bb_map_data_load_base_async. */
BbMapData *bb_map_data_load_finish (GAsyncResult        *result,
                                    GError             **error);

/* Only what is drawn under the incidents: districts, geo layers, bounds
 * and base map; no categories and no points (both NULL). */
BbMapData *bb_map_data_load_base   (BbStore             *store,
                                    GError             **error);
void       bb_map_data_load_base_async (BbStore         *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

/* The outer rings of a district's boundary, in lon/lat, for hit tests and
 * drawing: an array of GArray of BbLonLat. */
GPtrArray *bb_map_data_parse_rings (const char          *geometry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapData, bb_map_data_free)

G_END_DECLS
