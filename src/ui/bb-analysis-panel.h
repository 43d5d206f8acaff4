/* bb-analysis-panel.h: the heat-map and hot-spot settings of the Map view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-map-analyst.h"
#include "bb-trend-analyst.h"

G_BEGIN_DECLS

#define BB_TYPE_ANALYSIS_PANEL (bb_analysis_panel_get_type ())
G_DECLARE_FINAL_TYPE (BbAnalysisPanel, bb_analysis_panel, BB, ANALYSIS_PANEL, AdwBin)

/* Shows and changes @analyst's settings; 0 in a length means the
 * documented rule, shown as "Automatic" with the length in use beside it. */
void          bb_analysis_panel_set_analyst (BbAnalysisPanel *self,
                                             BbMapAnalyst    *analyst);
BbMapAnalyst *bb_analysis_panel_get_analyst (BbAnalysisPanel *self);
/* The same for the trend layer's settings. */
void          bb_analysis_panel_set_trend_analyst (BbAnalysisPanel *self,
                                                   BbTrendAnalyst  *analyst);

G_END_DECLS
