/* bb-mini-chart.h: a small bar chart of one or two series, for the problem page */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BB_TYPE_MINI_CHART (bb_mini_chart_get_type ())
G_DECLARE_FINAL_TYPE (BbMiniChart, bb_mini_chart, BB, MINI_CHART, GtkWidget)

GtkWidget *bb_mini_chart_new      (void);
/* Bars over @labels: @first, and beside it @second when not NULL (e.g.
 * before and after), named in a legend when there are two.  Every
 * @label_every-th label is written under the axis (1: all). */
void       bb_mini_chart_set_data (BbMiniChart        *self,
                                   const char * const *labels,
                                   const double       *first,
                                   const double       *second,
                                   guint               n,
                                   const char         *first_name,
                                   const char         *second_name,
                                   guint               label_every);
guint      bb_mini_chart_get_n_bars (BbMiniChart      *self);
double     bb_mini_chart_get_value  (BbMiniChart      *self,
                                     guint             series,
                                     guint             index);

G_END_DECLS
