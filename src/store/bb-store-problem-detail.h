/* bb-store-problem-detail.h: everything the problem page shows of one problem, and saving its details at once */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-assessment.h"
#include "bb-store.h"
#include "bb-time-profile.h"

G_BEGIN_DECLS

/* The newest incidents of a problem the page lists; the rest are counted. */
#define BB_PROBLEM_DETAIL_MAX_INCIDENTS 40
/* Months of incidents the page charts at most (the last of the period). */
#define BB_PROBLEM_DETAIL_MAX_MONTHS 36

typedef struct {
  int   year;
  int   month;     /* 1–12, in the station's time zone */
  guint count;
} BbMonthCount;

typedef struct {
  BbProblem          *problem;
  GStrv               category_ids;
  GStrv               partner_ids;
  GPtrArray          *responses;     /* BbResponse, in the order they were written */
  GPtrArray          *tasks;         /* BbTask of those responses */
  gint64              n_incidents;   /* as the board counts them */
  GPtrArray          *incidents;     /* BbIncident, the newest that belong, newest first */
  GPtrArray          *excluded;      /* BbIncident kept out by hand */
  GArray             *months;        /* BbMonthCount of the incidents that belong */
  guint               hours[BB_HOURS_PER_WEEK];  /* the same by hour of the week in the station's
                                                  * time zone, Monday 00:00 first */
  gboolean            assessed;      /* @counts holds the before/after counts */
  BbAssessmentCounts  counts;
  char               *not_assessed;  /* why there are no counts, in words */
  GPtrArray          *plans;         /* BbPlan that take the problem on */
  GPtrArray          *reviews;       /* BbPlanReview of those plans, by date */
} BbProblemDetail;

void             bb_problem_detail_free  (BbProblemDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbProblemDetail, bb_problem_detail_free)

BbProblemDetail *bb_store_problem_detail_load        (BbStore             *self,
                                                      const char          *problem_id,
                                                      GError             **error);
void             bb_store_problem_detail_load_async  (BbStore             *self,
                                                      const char          *problem_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
BbProblemDetail *bb_store_problem_detail_load_finish (BbStore             *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The tasks of all the problem's responses (open ones first, by due date). */
GPtrArray       *bb_store_problem_tasks             (BbStore             *self,
                                                     const char          *problem_id,
                                                     GError             **error);

/* The incidents that belong to the problem, newest first, at most @limit
 * (0: all); @n_total (may be NULL) receives how many belong in all. */
GPtrArray       *bb_store_problem_list_incidents    (BbStore             *self,
                                                     const char          *problem_id,
                                                     guint                limit,
                                                     gint64              *n_total,
                                                     GError             **error);

/* The problem's incidents by month of the station's time zone, from the
 * problem's period start (or two years before its end) to its end (or
 * today), at most the last BB_PROBLEM_DETAIL_MAX_MONTHS; a GArray of
 * BbMonthCount with every month present, empty ones too. */
GArray          *bb_store_problem_count_by_month    (BbStore             *self,
                                                     const char          *problem_id,
                                                     GError             **error);

/* Writes the problem (adding it when it has no id yet) with its
 * categories and partners in one transaction: all of it or nothing.
 * NULL @category_ids or @partner_ids leave those links as they are.
 * On failure @problem is as it was. */
gboolean         bb_store_problem_save              (BbStore             *self,
                                                     BbProblem           *problem,
                                                     const char * const  *category_ids,
                                                     const char * const  *partner_ids,
                                                     GError             **error);

G_END_DECLS
