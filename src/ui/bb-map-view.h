/* bb-map-view.h: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "bb-filter-state.h"
#include "bb-geo.h"
#include "bb-map-analyst.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_MAP_VIEW (bb_map_view_get_type ())
G_DECLARE_FINAL_TYPE (BbMapView, bb_map_view, BB, MAP_VIEW, AdwBin)

BbStore    *bb_map_view_get_store   (BbMapView *self);
void        bb_map_view_set_store   (BbMapView *self,
                                     BbStore   *store);
void           bb_map_view_set_filter (BbMapView     *self,
                                       BbFilterState *filter);
BbFilterState *bb_map_view_get_filter (BbMapView     *self);

/* The area selected on the map, if there is one. */
gboolean    bb_map_view_get_area      (BbMapView    *self,
                                       BbBBox       *area);
/* Shows the base map @kind ("station", "mbtiles", "online", "plain"), even
 * if it is shown already (its settings changed), and remembers it. */
void        bb_map_view_show_basemap  (BbMapView    *self,
                                       const char   *kind);
/* Makes the MBTiles file at @path the station's tile file and shows it. */
gboolean    bb_map_view_use_mbtiles   (BbMapView    *self,
                                       const char   *path,
                                       GError      **error);

/* For tests and benchmarks: the map, whether the station's data is shown,
 * how many incidents are drawn, and whether a text search is under way. */
ShumateMap *bb_map_view_get_map       (BbMapView *self);
gboolean    bb_map_view_is_loaded     (BbMapView *self);
guint       bb_map_view_get_n_drawn   (BbMapView *self);
gboolean    bb_map_view_is_searching  (BbMapView *self);
BbMapAnalyst *bb_map_view_get_analyst (BbMapView *self);
/* Selects @area as a drag would; returns the drawn incidents inside it by
 * top-level category id (values are GUINT_TO_POINTER counts). */
GHashTable *bb_map_view_select_area   (BbMapView    *self,
                                       const BbBBox *area,
                                       guint        *total);

G_END_DECLS
