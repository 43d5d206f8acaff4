/* bb-hotspot-popover.h: the statistics of a hot-spot cell and "Open as Problem" */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-map-analysis.h"
#include "bb-trend-layer.h"

G_BEGIN_DECLS

#define BB_TYPE_HOTSPOT_POPOVER (bb_hotspot_popover_get_type ())
G_DECLARE_FINAL_TYPE (BbHotspotPopover, bb_hotspot_popover, BB, HOTSPOT_POPOVER, GtkPopover)

GtkWidget *bb_hotspot_popover_new      (void);
/* Shows @cell of @analysis (kept); the button activates
 * "map.open-hotspot" with the cell's spot id, for hot spots only. */
void       bb_hotspot_popover_set_cell (BbHotspotPopover       *self,
                                        BbMapAnalysis          *analysis,
                                        const BbMapHotspotCell *cell);
/* Shows district @index of @analysis' hot spots by district; the button
 * activates "map.open-district" with the index, for hot districts only. */
void       bb_hotspot_popover_set_district (BbHotspotPopover *self,
                                            BbMapAnalysis    *analysis,
                                            guint             index,
                                            const char       *name);
/* Shows a cell of the trend layer as @show draws it; the button
 * activates "map.open-trend-cell" with (col, row), for rises and hot
 * patterns only. */
void       bb_hotspot_popover_set_trend_cell (BbHotspotPopover     *self,
                                              BbMapTrend           *trend,
                                              const BbMapTrendCell *cell,
                                              BbTrendShow           show);
/* The spot shown, 0 for none (a district: its index + 1). */
guint      bb_hotspot_popover_get_spot (BbHotspotPopover       *self);

G_END_DECLS
