/* bb-chart-private.h: what the kinds of chart, drawn in several files, share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-chart.h"
#include "bb-print-document-private.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;
  BbColor  color;
  GArray  *values;
  GArray  *low;      /* NULL, or the intervals' bounds (shares) */
  GArray  *high;
  GArray  *marks;    /* NULL, or gboolean: points marked (a change beyond noise) */
} Series;

struct _BbChart {
  BbChartKind kind;
  char       *title;
  GStrv       labels;
  GArray     *series;
  BbColor     font_color;
  char       *missing_text;
};

void bb_chart_show_text        (cairo_t           *cr,
                                PangoContext      *context,
                                const BbTextStyle *style,
                                const char        *text,
                                double             x,
                                double             y,
                                double             width,
                                double             xalign);
/* A swatch and the name of every series, in a row from (@x, @y). */
void bb_chart_draw_legend      (BbChart           *self,
                                cairo_t           *cr,
                                PangoContext      *context,
                                const BbTextStyle *style,
                                double             x,
                                double             y);
void bb_chart_draw_share_trend (BbChart           *self,
                                cairo_t           *cr,
                                PangoContext      *context,
                                double             x,
                                double             y,
                                double             width,
                                double             height);

G_END_DECLS
