/* bb-incident-layer.h: every filtered incident drawn into one image per frame, aggregated when dense */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-store-map.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENT_LAYER (bb_incident_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentLayer, bb_incident_layer, BB, INCIDENT_LAYER, ShumateLayer)

BbIncidentLayer *bb_incident_layer_new        (ShumateViewport *viewport);
/* Takes the points (BbMapPoint) and the categories they index. */
void             bb_incident_layer_set_points (BbIncidentLayer *self,
                                               GArray          *points,
                                               GPtrArray       *categories);
guint            bb_incident_layer_get_n_points (BbIncidentLayer *self);
/* Rowids of up to @max incidents drawn under widget position (@x, @y). */
GArray          *bb_incident_layer_pick       (BbIncidentLayer *self,
                                               double           x,
                                               double           y,
                                               guint            max);

G_END_DECLS
