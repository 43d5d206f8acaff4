/* bb-map-view.h: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_MAP_VIEW (bb_map_view_get_type ())
G_DECLARE_FINAL_TYPE (BbMapView, bb_map_view, BB, MAP_VIEW, AdwBin)

BbStore    *bb_map_view_get_store   (BbMapView *self);
void        bb_map_view_set_store   (BbMapView *self,
                                     BbStore   *store);
/* For tests and benchmarks: the map, and whether the station's data is shown. */
ShumateMap *bb_map_view_get_map     (BbMapView *self);
gboolean    bb_map_view_is_loaded   (BbMapView *self);

G_END_DECLS
