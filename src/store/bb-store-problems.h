/* bb-store-problems.h: a problem's incidents, its before/after counts and its moves between SARA stages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-assessment.h"
#include "bb-sara.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* The buffer around a problem's area when the problem names none. */
#define BB_PROBLEM_DEFAULT_BUFFER_M 200.0

/* The incidents that belong to a problem: those in its area (the whole
 * district when it has no area, the whole station without a district),
 * of its categories and their subcategories (all when it has none), in
 * its period, without those excluded by hand, plus those added by hand.
 * A problem with neither an area nor categories has only those added by
 * hand.  -1 with @error set on failure. */
gint64   bb_store_problem_count_incidents        (BbStore             *self,
                                                  const char          *problem_id,
                                                  GError             **error);
/* The same, only the incidents one of @station_ids wrote (headquarters'
 * station filter; NULL or empty: all). */
gint64   bb_store_problem_count_station_incidents (BbStore            *self,
                                                   const char         *problem_id,
                                                   const char * const *station_ids,
                                                   GError            **error);
void     bb_store_problem_count_incidents_async  (BbStore             *self,
                                                  const char          *problem_id,
                                                  const char * const  *station_ids,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gint64   bb_store_problem_count_incidents_finish (BbStore             *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Counts of the problem's categories in the baseline (before) and the
 * response period (after): in the area (the problem's incidents), in the
 * ring of buffer_m metres around it, and in the rest of the district (the
 * rest of the station without a district) as control.  Incidents excluded
 * by hand count nowhere.  Fails when the problem has no area or lacks one
 * of the two periods. */
gboolean bb_store_problem_count_before_after     (BbStore             *self,
                                                  const char          *problem_id,
                                                  BbAssessmentCounts  *counts,
                                                  GError             **error);
/* The same for several problems, in one pass over their periods (a
 * report that assesses them all reads each incident once): @counts and
 * @measured have @n_problems places; a problem that cannot be measured
 * (see above) gets FALSE in @measured.  Fails only when the station
 * cannot be read. */
gboolean bb_store_problems_count_before_after    (BbStore             *self,
                                                  const char * const  *problem_ids,
                                                  guint                n_problems,
                                                  BbAssessmentCounts  *counts,
                                                  gboolean            *measured,
                                                  GError             **error);
void     bb_store_problem_count_before_after_async  (BbStore             *self,
                                                     const char          *problem_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean bb_store_problem_count_before_after_finish (BbStore             *self,
                                                     GAsyncResult        *result,
                                                     BbAssessmentCounts  *counts,
                                                     GError             **error);

/* Moves the problem to @stage if the SARA rules allow it (bb_sara_check_move);
 * a refused move leaves it as it was and fails with a BB_SARA_ERROR. */
gboolean bb_store_problem_move                   (BbStore             *self,
                                                  const char          *problem_id,
                                                  BbSaraStage          stage,
                                                  GError             **error);
void     bb_store_problem_move_async             (BbStore             *self,
                                                  const char          *problem_id,
                                                  BbSaraStage          stage,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean bb_store_problem_move_finish            (BbStore             *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
