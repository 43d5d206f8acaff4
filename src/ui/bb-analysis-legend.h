/* bb-analysis-legend.h: what the heat map's colours and the hot spots' cells mean, and the strongest hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-map-analyst.h"
#include "bb-trend-analyst.h"

G_BEGIN_DECLS

#define BB_TYPE_ANALYSIS_LEGEND (bb_analysis_legend_get_type ())
G_DECLARE_FINAL_TYPE (BbAnalysisLegend, bb_analysis_legend, BB, ANALYSIS_LEGEND, AdwBin)

/* Follows @analyst's results; the strongest hot spots are buttons that
 * activate "map.show-hotspot" with the spot's id. */
void bb_analysis_legend_set_analyst (BbAnalysisLegend *self,
                                     BbMapAnalyst     *analyst);

/* Follows the trend layer's results: its key, as printed. */
void bb_analysis_legend_set_trend_analyst (BbAnalysisLegend *self,
                                           BbTrendAnalyst   *analyst);
/* The districts' names (BbMapDistrict, in the analysis' order) for hot
 * spots by district; kept. */
void bb_analysis_legend_set_districts (BbAnalysisLegend *self,
                                       GPtrArray        *districts);

/* A number of incidents per km² as a legend shows it: 3 significant
 * figures at most, thousands grouped ("1 240", "85.5", "0.42"). */
char *bb_analysis_legend_format_density (double value);

G_END_DECLS
