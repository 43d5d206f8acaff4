/* bb-store-plans.h: community safety plans: their objectives, indicators, tasks and reviews, and their progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-indicator.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* An objective with its indicators. */
typedef struct {
  BbObjective *objective;
  GPtrArray   *indicators;   /* BbIndicator */
} BbPlanObjective;

void bb_plan_objective_free (BbPlanObjective *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbPlanObjective, bb_plan_objective_free)

typedef struct {
  BbPlan     *plan;
  GStrv       problem_ids;
  GPtrArray  *problems;     /* BbProblem the plan takes on */
  GPtrArray  *objectives;   /* BbPlanObjective, in their order */
  GPtrArray  *tasks;        /* BbTask of the plan, open ones first by due date */
  GPtrArray  *reviews;      /* BbPlanReview, by date */
} BbPlanDetail;

void          bb_plan_detail_free            (BbPlanDetail *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbPlanDetail, bb_plan_detail_free)

BbPlanDetail *bb_store_plan_detail_load        (BbStore             *self,
                                                const char          *plan_id,
                                                GError             **error);
void          bb_store_plan_detail_load_async  (BbStore             *self,
                                                const char          *plan_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BbPlanDetail *bb_store_plan_detail_load_finish (BbStore             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

GPtrArray    *bb_store_plan_tasks              (BbStore             *self,
                                                const char          *plan_id,
                                                GError             **error);

/* Writes the plan (adding it when it has no id) and the problems it takes
 * on in one transaction; NULL @problem_ids leaves them as they are.  On
 * failure @plan is as it was. */
gboolean      bb_store_plan_save               (BbStore             *self,
                                                BbPlan              *plan,
                                                const char * const  *problem_ids,
                                                GError             **error);
/* Writes the objective and makes its indicators exactly @indicators (a
 * GPtrArray of BbIndicator: those with an id are updated, those without
 * added, the objective's others deleted) in one transaction.  The
 * indicators' objective_id is set to the objective's.  On failure nothing
 * is written and the records are as they were. */
gboolean      bb_store_objective_save          (BbStore             *self,
                                                BbObjective         *objective,
                                                GPtrArray           *indicators,
                                                GError             **error);

/* An indicator counted from incidents: stored in indicator.computed as
 * {"categories": ["burglary", …], "problem": "<id>", "period_days": 91}.
 * Without a problem it counts in the plan's district (the station's
 * without one); without categories, every category. */
typedef struct {
  GStrv  category_codes;   /* never NULL */
  char  *problem_id;       /* NULL: the plan's district */
  guint  period_days;      /* ≥ 1 */
} BbIndicatorComputation;

BbIndicatorComputation *bb_indicator_computation_new   (void);
void                    bb_indicator_computation_free  (BbIndicatorComputation       *self);
/* FALSE with BB_STORE_ERROR_INVALID for text that is not such a description. */
BbIndicatorComputation *bb_indicator_computation_parse (const char                   *json,
                                                        GError                      **error);
char                   *bb_indicator_computation_to_json (const BbIndicatorComputation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbIndicatorComputation, bb_indicator_computation_free)

/* The public (not restricted) incidents of the computation's categories
 * in its area that happened in the @period_days days before @now
 * (seconds, UTC): in the problem's area (its district without one), or
 * the plan's district.  Choices made by hand for the problem do not
 * count: an indicator is a public figure of the area. */
gboolean      bb_store_indicator_compute       (BbStore                      *self,
                                                const BbIndicatorComputation *computation,
                                                const char                   *plan_id,
                                                gint64                        now,
                                                double                       *value,
                                                GError                      **error);
/* Sets the current value of every computed indicator of the plan as of
 * @now, in one transaction; @n_changed (may be NULL) receives how many
 * changed. */
gboolean      bb_store_plan_refresh_indicators (BbStore             *self,
                                                const char          *plan_id,
                                                gint64               now,
                                                guint               *n_changed,
                                                GError             **error);

/* What the list of plans says of each: tasks done and overdue on
 * @today ("YYYY-MM-DD"), targets met, the next review not done. */
typedef struct {
  guint  n_tasks;
  guint  n_done;
  guint  n_overdue;
  guint  n_indicators;
  guint  n_met;
  guint  n_improving;
  char  *next_review;      /* "YYYY-MM-DD" or NULL */
  gboolean review_passed;  /* a review not done lies before @today */
} BbPlanProgress;

void          bb_plan_progress_clear           (BbPlanProgress *progress);
void          bb_plan_detail_progress          (const BbPlanDetail *detail,
                                                const char         *today,
                                                BbPlanProgress     *progress);

G_END_DECLS
