/* bb-trend-layer.h: change between periods or emerging hot spots over the map, cell by cell */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-overlay-layer.h"

#include "bb-map-trend.h"

G_BEGIN_DECLS

#define BB_TYPE_TREND_LAYER (bb_trend_layer_get_type ())
G_DECLARE_FINAL_TYPE (BbTrendLayer, bb_trend_layer, BB, TREND_LAYER, BbOverlayLayer)

typedef enum {
  BB_TREND_SHOW_CHANGE,     /* the Poisson test of this period against the other */
  BB_TREND_SHOW_EMERGING,   /* emerging hot and cold spots */
} BbTrendShow;

/* How opaque cells are drawn (the key shows them the same). */
#define BB_TREND_LAYER_ALPHA 0.72

BbTrendLayer *bb_trend_layer_new        (ShumateViewport *viewport);
void          bb_trend_layer_set_trend  (BbTrendLayer    *self,
                                         BbMapTrend      *trend);
BbMapTrend   *bb_trend_layer_get_trend  (BbTrendLayer    *self);
void          bb_trend_layer_set_show   (BbTrendLayer    *self,
                                         BbTrendShow      show);
BbTrendShow   bb_trend_layer_get_show   (BbTrendLayer    *self);
/* Whether the layer draws the cell (a change worth watching or more, or
 * a pattern other than none). */
gboolean      bb_trend_layer_is_drawn   (BbTrendLayer    *self,
                                         const BbMapTrendCell *cell);
/* The drawn cell under widget position (@x, @y); FALSE when there is none. */
gboolean      bb_trend_layer_pick       (BbTrendLayer    *self,
                                         double           x,
                                         double           y,
                                         BbMapTrendCell  *cell);
/* Outlines a cell (@col, @row), e.g. while its statistics show;
 * G_MAXUINT for none. */
void          bb_trend_layer_set_highlight (BbTrendLayer *self,
                                            guint         col,
                                            guint         row);
/* Draws what the layer shows into @cr, @width × @height pixels. */
void          bb_trend_layer_paint      (BbTrendLayer    *self,
                                         cairo_t         *cr,
                                         int              width,
                                         int              height);

G_END_DECLS
