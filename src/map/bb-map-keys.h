/* bb-map-keys.h: the keys of the heat-map, hot-spot and trend layers as they are drawn now, for the window's legend and for paper */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-map-analysis.h"
#include "bb-map-key.h"
#include "bb-trend-layer.h"

G_BEGIN_DECLS

/* A number of incidents per km² as a key shows it: 3 significant figures
 * at most, thousands grouped ("1 240", "85.5", "0.42"). */
char     *bb_map_keys_format_density (double          value);
/* A kernel's name as the panel and the keys write it ("Quartic"). */
const char *bb_map_keys_kernel_name  (BbKdeKernel     kernel);
/* A date as keys print it: 2026-01-31. */
char     *bb_map_keys_format_date    (gint64          t);

/* The heat map's ramp up to @top incidents per km² (the scale drawn);
 * @kept when the scale is kept for comparison.  NULL without a heat map. */
BbMapKey *bb_map_keys_heat           (BbMapAnalysis  *analysis,
                                      double          top,
                                      gboolean        kept);
/* The hot spots' confidence bins.  NULL without hot spots. */
BbMapKey *bb_map_keys_hotspots       (BbMapAnalysis  *analysis);
/* The trend layer's classes as @show draws them, with the periods and
 * the test in the note.  NULL when there is nothing to show. */
BbMapKey *bb_map_keys_trend          (BbMapTrend     *trend,
                                      BbTrendShow     show);

G_END_DECLS
