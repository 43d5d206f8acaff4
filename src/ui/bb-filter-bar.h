/* bb-filter-bar.h: the controls of the shared incident filter */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"

G_BEGIN_DECLS

#define BB_TYPE_FILTER_BAR (bb_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (BbFilterBar, bb_filter_bar, BB, FILTER_BAR, AdwBin)

BbFilterState *bb_filter_bar_get_state   (BbFilterBar   *self);
void           bb_filter_bar_set_state   (BbFilterBar   *self,
                                          BbFilterState *state);
/* The station's categories and districts (GPtrArray of BbCategory and
 * BbDistrict) to choose from. */
void           bb_filter_bar_set_choices (BbFilterBar   *self,
                                          GPtrArray     *categories,
                                          GPtrArray     *districts);
/* Moves the keyboard focus to the search entry. */
void           bb_filter_bar_focus_search (BbFilterBar  *self);

G_END_DECLS
