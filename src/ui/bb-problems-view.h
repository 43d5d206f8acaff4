/* bb-problems-view.h: the Problems view: the SARA board of the problems the station works on with its partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-plan-page.h"
#include "bb-problem-card.h"
#include "bb-problem-page.h"
#include "bb-sara.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PROBLEMS_VIEW (bb_problems_view_get_type ())
G_DECLARE_FINAL_TYPE (BbProblemsView, bb_problems_view, BB, PROBLEMS_VIEW, AdwBin)

BbStore       *bb_problems_view_get_store       (BbProblemsView *self);
void           bb_problems_view_set_store       (BbProblemsView *self,
                                                 BbStore        *store);
/* Reads the problems again, e.g. after they were changed elsewhere. */
void           bb_problems_view_reload          (BbProblemsView *self);
AdwStatusPage *bb_problems_view_get_status_page (BbProblemsView *self);
/* The window's shared filter: at headquarters, the stations whose
 * problems and plans show. */
void           bb_problems_view_set_filter      (BbProblemsView *self,
                                                 BbFilterState  *filter);

/* Reads the problems again and focuses @problem_id's card once it shows
 * (clearing the search and district filter that would hide it). */
void           bb_problems_view_show_problem    (BbProblemsView *self,
                                                 const char     *problem_id);
/* The problem whose card has the keyboard focus, or NULL. */
const char    *bb_problems_view_get_focus_problem (BbProblemsView *self);
/* The cards the board shows in a stage's column (after the filters). */
guint          bb_problems_view_get_n_cards     (BbProblemsView *self,
                                                 BbSaraStage     stage);
BbProblemCard *bb_problems_view_find_card       (BbProblemsView *self,
                                                 const char     *problem_id);
/* The last message shown to the user (e.g. why a move was refused), or NULL. */
const char    *bb_problems_view_get_last_message (BbProblemsView *self);

/* Opens a problem's page (NULL: a new problem) or a plan's (NULL: a new plan). */
void           bb_problems_view_open_problem    (BbProblemsView *self,
                                                 const char     *problem_id);
void           bb_problems_view_open_plan       (BbProblemsView *self,
                                                 const char     *plan_id);
void           bb_problems_view_show_plans      (BbProblemsView *self);
/* "board", "plans", "problem", "plan" or "status". */
const char    *bb_problems_view_get_visible_page (BbProblemsView *self);
BbProblemPage *bb_problems_view_get_problem_page (BbProblemsView *self);
BbPlanPage    *bb_problems_view_get_plan_page    (BbProblemsView *self);

G_END_DECLS
