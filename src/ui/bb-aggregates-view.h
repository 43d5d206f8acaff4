/* bb-aggregates-view.h: survey figures published by others (city programmes), by measure, area and date */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_AGGREGATES_VIEW (bb_aggregates_view_get_type ())
G_DECLARE_FINAL_TYPE (BbAggregatesView, bb_aggregates_view, BB, AGGREGATES_VIEW, AdwBin)

/* Shows @figures (BbSurveyAggregate, taken). */
void  bb_aggregates_view_set_figures (BbAggregatesView *self,
                                      GPtrArray        *figures);
guint bb_aggregates_view_get_n_tables (BbAggregatesView *self);

G_END_DECLS
