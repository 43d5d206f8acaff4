/* bb-incident-layer.h: every filtered incident drawn into one image per frame, aggregated when dense */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-geo.h"
#include "bb-store-map.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENT_LAYER (bb_incident_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentLayer, bb_incident_layer, BB, INCIDENT_LAYER, ShumateLayer)

BbIncidentLayer *bb_incident_layer_new        (ShumateViewport *viewport);
/* Takes the points (BbMapPoint), optionally their Web Mercator world
 * coordinates (x, y per point, copied) and the categories they index;
 * every point is drawn until bb_incident_layer_set_selected(). Points are
 * coloured by their top-level category. */
void             bb_incident_layer_set_points (BbIncidentLayer *self,
                                               GArray          *points,
                                               const double    *world,
                                               GPtrArray       *categories);
/* Draws only the points with these indices (guint), or all for NULL. */
void             bb_incident_layer_set_selected (BbIncidentLayer *self,
                                                 GArray          *selected);
guint            bb_incident_layer_get_n_points (BbIncidentLayer *self);
/* How many incidents the layer draws: those the filter selects. */
guint            bb_incident_layer_get_n_drawn  (BbIncidentLayer *self);
/* Outlines an area being selected (lon/lat), or nothing for NULL. */
void             bb_incident_layer_set_area     (BbIncidentLayer *self,
                                                 const BbBBox    *area);
/* Outlines a polygon (lon/lat corners): open while it is being drawn,
 * closed and filled once selected; nothing for no corners. */
void             bb_incident_layer_set_outline  (BbIncidentLayer *self,
                                                 const BbLonLat  *corners,
                                                 guint            n_corners,
                                                 gboolean         closed);
/* Marks on the outline: the corner @chosen (−1: none) drawn larger, and
 * @others (GArray of BbLonLat, may be NULL), the other parts of a
 * boundary being edited, in thin grey. */
void             bb_incident_layer_set_outline_marks (BbIncidentLayer *self,
                                                      int              chosen,
                                                      GPtrArray       *others);
/* Rowids of up to @max incidents drawn under widget position (@x, @y). */
GArray          *bb_incident_layer_pick       (BbIncidentLayer *self,
                                               double           x,
                                               double           y,
                                               guint            max);

G_END_DECLS
