/* bb-problems-view.h: the Problems view: the problems the station works on with its partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PROBLEMS_VIEW (bb_problems_view_get_type ())
G_DECLARE_FINAL_TYPE (BbProblemsView, bb_problems_view, BB, PROBLEMS_VIEW, AdwBin)

BbStore       *bb_problems_view_get_store       (BbProblemsView *self);
void           bb_problems_view_set_store       (BbProblemsView *self,
                                                 BbStore        *store);
AdwStatusPage *bb_problems_view_get_status_page (BbProblemsView *self);

G_END_DECLS
