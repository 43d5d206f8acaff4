/* bb-map-analyst.h: keeps the heat-map and hot-spot layers in step with the incidents shown and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-heat-layer.h"
#include "bb-hotspot-layer.h"
#include "bb-map-analysis.h"

G_BEGIN_DECLS

#define BB_TYPE_MAP_ANALYST (bb_map_analyst_get_type ())
G_DECLARE_FINAL_TYPE (BbMapAnalyst, bb_map_analyst, BB, MAP_ANALYST, GObject)

/* Shows its results in the two layers and their visibility follows the
 * analyst's heat-visible and hotspots-visible properties. */
BbMapAnalyst  *bb_map_analyst_new          (BbHeatLayer     *heat_layer,
                                            BbHotspotLayer  *hotspot_layer);
/* The incidents to analyse: @points (BbMapPoint) at the indices in
 * @selected (guint; NULL for all), both kept and never changed; the
 * station's extent and its districts (for hot spots by district).  Whatever is shown is computed again off the main
 * thread, and work for an earlier set is cancelled. */
void           bb_map_analyst_set_points   (BbMapAnalyst    *self,
                                            GArray          *points,
                                            GArray          *selected,
                                            const BbBBox    *study_area,
                                            BbMapDistricts  *districts);
void           bb_map_analyst_clear        (BbMapAnalyst    *self);
/* The options the next computation uses (what is shown and the settings). */
void           bb_map_analyst_get_options  (BbMapAnalyst    *self,
                                            BbMapAnalysisOptions *options);
/* The analysis shown, or NULL; valid until ::updated. */
BbMapAnalysis *bb_map_analyst_get_analysis (BbMapAnalyst    *self);
gboolean       bb_map_analyst_is_busy      (BbMapAnalyst    *self);
/* The top of the heat map's ramp as drawn, in incidents per km². */
double         bb_map_analyst_get_scale_max (BbMapAnalyst   *self);
BbHeatLayer   *bb_map_analyst_get_heat_layer    (BbMapAnalyst  *self);
BbHotspotLayer *bb_map_analyst_get_hotspot_layer (BbMapAnalyst *self);
/* How many computations ran, and how many were answered from the cache. */
guint          bb_map_analyst_get_n_computed (BbMapAnalyst  *self);
guint          bb_map_analyst_get_n_cached   (BbMapAnalyst  *self);

G_END_DECLS
