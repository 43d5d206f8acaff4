/* bb-district-layer.h: the station's districts: boundaries and names over the base map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-map-data.h"

G_BEGIN_DECLS

#define BB_TYPE_DISTRICT_LAYER (bb_district_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbDistrictLayer, bb_district_layer, BB, DISTRICT_LAYER, ShumateLayer)

/* The boundaries; the names are a layer of their own, put above the
 * incidents so that clusters never hide them. */
BbDistrictLayer *bb_district_layer_new           (ShumateViewport *viewport);
BbDistrictLayer *bb_district_layer_new_names     (ShumateViewport *viewport);
/* @districts: BbMapDistrict; @rings: their outer rings (bb_map_data_parse_rings). */
void             bb_district_layer_set_districts (BbDistrictLayer *self,
                                                  GPtrArray       *districts,
                                                  GPtrArray       *rings);
/* The district under widget position (@x, @y), or NULL. */
BbMapDistrict   *bb_district_layer_pick          (BbDistrictLayer *self,
                                                  double           x,
                                                  double           y);

G_END_DECLS
