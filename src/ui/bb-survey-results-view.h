/* bb-survey-results-view.h: what a survey's residents said: shares by question, concerns, districts, change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_SURVEY_RESULTS_VIEW (bb_survey_results_view_get_type ())
G_DECLARE_FINAL_TYPE (BbSurveyResultsView, bb_survey_results_view, BB, SURVEY_RESULTS_VIEW, AdwBin)

/* Shows the results of @survey_id (NULL: nothing), read from @store off
 * the main thread. */
void        bb_survey_results_view_show         (BbSurveyResultsView *self,
                                                 BbStore             *store,
                                                 const char          *survey_id);
/* Reads the results again (after responses were added). */
void        bb_survey_results_view_reload       (BbSurveyResultsView *self);
const char *bb_survey_results_view_get_survey_id (BbSurveyResultsView *self);
/* Limits the results to one district (NULL: every district). */
void        bb_survey_results_view_set_district (BbSurveyResultsView *self,
                                                 const char          *district_id);
/* For tests: whether results are being read; the questions shown; the
 * district breakdowns shown. */
gboolean    bb_survey_results_view_is_loading   (BbSurveyResultsView *self);
guint       bb_survey_results_view_get_n_questions (BbSurveyResultsView *self);
guint64     bb_survey_results_view_get_n_respondents (BbSurveyResultsView *self);
/* Opens the breakdown by district of the @index-th question with a
 * headline share. */
gboolean    bb_survey_results_view_expand_districts (BbSurveyResultsView *self,
                                                     guint                index);

/* The rounds the results show over (this one and those before it). */
guint      bb_survey_results_view_get_n_rounds      (BbSurveyResultsView *self);

G_END_DECLS
