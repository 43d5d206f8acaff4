/* bb-chart.h: bar and line charts and the hour-of-week table, drawn by the renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bb-print-document.h"

G_BEGIN_DECLS

typedef enum {
  BB_CHART_BARS,          /* grouped vertical bars, one group per label */
  BB_CHART_HBARS,         /* grouped horizontal bars, labels at the left: long names */
  BB_CHART_LINES,         /* one line per series over the labels */
  BB_CHART_HOUR_OF_WEEK,  /* 7 × 24 cells shaded by value (series 0) */
} BbChartKind;

BbChart  *bb_chart_new          (BbChartKind         kind,
                                 const char         *title);
void      bb_chart_free         (BbChart            *self);
/* The labels along the axis (days for the hour-of-week table). */
void      bb_chart_set_labels   (BbChart            *self,
                                 const char * const *labels);
/* A series of values, one per label (168 for the hour-of-week table,
 * Monday 00:00 first). */
void      bb_chart_add_series   (BbChart            *self,
                                 const char         *name,
                                 const BbColor      *color,
                                 const double       *values,
                                 guint               n_values);
void      bb_chart_set_font_color (BbChart          *self,
                                   const BbColor    *color);

/* Draws into the box; @context is the document's Pango context. */
void      bb_chart_draw         (BbChart            *self,
                                 cairo_t            *cr,
                                 PangoContext       *context,
                                 double              x,
                                 double              y,
                                 double              width,
                                 double              height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbChart, bb_chart_free)

G_END_DECLS
