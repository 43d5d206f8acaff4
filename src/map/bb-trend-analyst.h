/* bb-trend-analyst.h: keeps the trend layer in step with the incidents shown, their period and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-trend-layer.h"

G_BEGIN_DECLS

#define BB_TYPE_TREND_ANALYST (bb_trend_analyst_get_type ())
G_DECLARE_FINAL_TYPE (BbTrendAnalyst, bb_trend_analyst, BB, TREND_ANALYST, GObject)

/* Properties: "visible" (the layer's), "show" (a BbTrendShow), "versus"
 * (a BbMapTrendVersus), "cell-size", "distance" and "fdr" (as the hot
 * spots'; 0 for the rule) and "busy". */
BbTrendAnalyst *bb_trend_analyst_new        (BbTrendLayer    *layer);
/* The incidents: @points at the indices in @history (the filter at any
 * time; NULL for all), the filter's period [@start, @end)
 * (BB_UNSET_TIME for either end: see BbMapTrendOptions), the station's
 * extent and number of districts.  Computed again off the main thread
 * while the layer is visible; work for an earlier set is cancelled. */
void            bb_trend_analyst_set_points (BbTrendAnalyst  *self,
                                             GArray          *points,
                                             GArray          *history,
                                             gint64           start,
                                             gint64           end,
                                             const BbBBox    *study_area,
                                             guint            n_districts);
void            bb_trend_analyst_clear      (BbTrendAnalyst  *self);
/* The result shown, or NULL; valid until ::updated. */
BbMapTrend     *bb_trend_analyst_get_trend  (BbTrendAnalyst  *self);
gboolean        bb_trend_analyst_is_busy    (BbTrendAnalyst  *self);
BbTrendLayer   *bb_trend_analyst_get_layer  (BbTrendAnalyst  *self);
guint           bb_trend_analyst_get_n_computed (BbTrendAnalyst *self);
guint           bb_trend_analyst_get_n_cached   (BbTrendAnalyst *self);

G_END_DECLS
