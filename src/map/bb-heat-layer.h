/* bb-heat-layer.h: the kernel density surface drawn over the map as a colour ramp in incidents per km² */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-overlay-layer.h"

#include "bb-map-analysis.h"

G_BEGIN_DECLS

#define BB_TYPE_HEAT_LAYER (bb_heat_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbHeatLayer, bb_heat_layer, BB, HEAT_LAYER, BbOverlayLayer)

/* The ramp from nothing (transparent, so that the streets show through)
 * to the top of the scale, @t from 0 to 1; colours from ColorBrewer's
 * YlOrRd, which reads in order in print and for most colour-blind readers.
 * Not premultiplied. */
void         bb_heat_ramp_colour        (double          t,
                                         double         *r,
                                         double         *g,
                                         double         *b,
                                         double         *a);

/* Where a density lies on the ramp, 0…1, when @top is its top.  The ramp
 * runs along the square root of the density: incidents concentrate so
 * unevenly that on a straight scale one extreme spot would leave the rest
 * of the town blank.  bb_heat_ramp_value() is the inverse, for legends. */
double       bb_heat_ramp_position      (double          value,
                                         double          top);
double       bb_heat_ramp_value         (double          position,
                                         double          top);

BbHeatLayer *bb_heat_layer_new          (ShumateViewport *viewport);
/* Shows the analysis' heat map (NULL: nothing); the top of the ramp is
 * @scale_max incidents per km² (0: the surface's own highest value). */
void         bb_heat_layer_set_analysis (BbHeatLayer     *self,
                                         BbMapAnalysis   *analysis,
                                         double           scale_max);
BbMapAnalysis *bb_heat_layer_get_analysis (BbHeatLayer   *self);
double       bb_heat_layer_get_scale_max (BbHeatLayer    *self);
double       bb_heat_layer_get_fill_opacity (BbHeatLayer *self);
void         bb_heat_layer_set_fill_opacity (BbHeatLayer *self,
                                             double       opacity);
/* Draws what the layer shows into @cr, @width × @height pixels, for the
 * viewport as it is (the layer's snapshot draws the same, cached). */
void         bb_heat_layer_paint        (BbHeatLayer     *self,
                                         cairo_t         *cr,
                                         int              width,
                                         int              height);

G_END_DECLS
