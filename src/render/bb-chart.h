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
  BB_CHART_SHARES,        /* horizontal bars of shares (0…1) with their 95 % intervals,
                           * in per cent; a NAN value is "too few responses" */
  BB_CHART_SHARE_TREND,   /* shares (0…1) over the labels (rounds), a line per series with
                           * each point's 95 % interval; a NAN value breaks the line and
                           * is "too few responses"; marked points are drawn filled */
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
/* The interval of each value of series @series (BB_CHART_SHARES). */
void      bb_chart_set_intervals  (BbChart          *self,
                                   guint             series,
                                   const double     *low,
                                   const double     *high,
                                   guint             n_values);
/* Which points of series @series to mark (BB_CHART_SHARE_TREND: a
 * change from the point before beyond noise). */
void      bb_chart_set_marks      (BbChart          *self,
                                   guint             series,
                                   const gboolean   *marks,
                                   guint             n_values);
/* What a share chart says where a value is NAN, in the document's
 * language ("too few responses"). */
void      bb_chart_set_missing_text (BbChart        *self,
                                     const char     *text);

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
