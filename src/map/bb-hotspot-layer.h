/* bb-hotspot-layer.h: Gi* hot and cold spots over the map, cells coloured by confidence */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-overlay-layer.h"

#include "bb-map-analysis.h"

G_BEGIN_DECLS

#define BB_TYPE_HOTSPOT_LAYER (bb_hotspot_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbHotspotLayer, bb_hotspot_layer, BB, HOTSPOT_LAYER, BbOverlayLayer)

/* The colour of a confidence bin, −3 … 3 (0 is never drawn): the diverging
 * red–blue scheme hot-spot maps are read in (as ArcGIS draws them). */
void            bb_hotspot_bin_colour        (int              bin,
                                              double          *r,
                                              double          *g,
                                              double          *b);

typedef enum {
  BB_HOTSPOT_UNITS_CELLS,      /* Gi* on grid cells */
  BB_HOTSPOT_UNITS_DISTRICTS,  /* Gi* on districts and their bordering districts */
} BbHotspotUnits;

BbHotspotLayer *bb_hotspot_layer_new          (ShumateViewport *viewport);
void            bb_hotspot_layer_set_units    (BbHotspotLayer  *self,
                                               BbHotspotUnits   units);
BbHotspotUnits  bb_hotspot_layer_get_units    (BbHotspotLayer  *self);
/* Shows the analysis' hot and cold spots (NULL: nothing). */
void            bb_hotspot_layer_set_analysis (BbHotspotLayer  *self,
                                               BbMapAnalysis   *analysis);
BbMapAnalysis  *bb_hotspot_layer_get_analysis (BbHotspotLayer  *self);
/* Outlines one spot (by id; 0 for none), e.g. while its statistics show;
 * with districts, the district of index @spot_id − 1. */
void            bb_hotspot_layer_set_highlight (BbHotspotLayer *self,
                                                guint           spot_id);
/* The significant cell under widget position (@x, @y); FALSE when there is
 * none (not significant, off the grid, or nothing shown). */
gboolean        bb_hotspot_layer_pick         (BbHotspotLayer  *self,
                                               double           x,
                                               double           y,
                                               BbMapHotspotCell *cell);
/* The significant district under widget position (@x, @y), or −1. */
int             bb_hotspot_layer_pick_district (BbHotspotLayer *self,
                                                double          x,
                                                double          y);
/* Where a cell's centre lies in the widget now. */
void            bb_hotspot_layer_cell_position (BbHotspotLayer *self,
                                                guint           col,
                                                guint           row,
                                                double         *x,
                                                double         *y);
/* Draws what the layer shows into @cr, @width × @height pixels, for the
 * viewport as it is (the layer's snapshot draws the same, cached). */
void            bb_hotspot_layer_paint        (BbHotspotLayer  *self,
                                               cairo_t         *cr,
                                               int              width,
                                               int              height);

G_END_DECLS
