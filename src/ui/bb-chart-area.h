/* bb-chart-area.h: a chart of the report renderer shown in a window */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-chart.h"

G_BEGIN_DECLS

#define BB_TYPE_CHART_AREA (bb_chart_area_get_type ())
G_DECLARE_FINAL_TYPE (BbChartArea, bb_chart_area, BB, CHART_AREA, GtkWidget)

/* Draws @chart (taken) as the documents do, its text in the window's
 * colours; @points_height is the height the chart needs, in points. */
GtkWidget *bb_chart_area_new       (BbChart   *chart,
                                    double     points_height);
void       bb_chart_area_set_chart (BbChartArea *self,
                                    BbChart     *chart,
                                    double       points_height);

G_END_DECLS
