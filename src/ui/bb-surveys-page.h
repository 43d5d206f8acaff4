/* bb-surveys-page.h: the Surveys page: rounds of resident surveys, their results, entry and import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"
#include "bb-survey-results-view.h"

G_BEGIN_DECLS

#define BB_TYPE_SURVEYS_PAGE (bb_surveys_page_get_type ())
G_DECLARE_FINAL_TYPE (BbSurveysPage, bb_surveys_page, BB, SURVEYS_PAGE, AdwBin)

BbStore             *bb_surveys_page_get_store        (BbSurveysPage *self);
void                 bb_surveys_page_set_store        (BbSurveysPage *self,
                                                       BbStore       *store);
/* The surveys listed (after the list was read). */
guint                bb_surveys_page_get_n_surveys    (BbSurveysPage *self);
gboolean             bb_surveys_page_is_loading       (BbSurveysPage *self);
/* Shows the survey's results (NULL: the newest). */
gboolean             bb_surveys_page_select_survey    (BbSurveysPage *self,
                                                       const char    *survey_id);
const char          *bb_surveys_page_get_survey_id    (BbSurveysPage *self);
BbSurveyResultsView *bb_surveys_page_get_results_view (BbSurveysPage *self);
/* Shows the figures published by others, when the station has some. */
gboolean             bb_surveys_page_show_figures     (BbSurveysPage *self);
/* What the page's actions open, for those who drive it without a mouse
 * or a file chooser: the import dialog of @path (responses of the survey
 * shown, or a published table), the paper form, the questionnaire. */
GtkWindow           *bb_surveys_page_import_file      (BbSurveysPage *self,
                                                       const char    *path,
                                                       gboolean       published_table);
GtkWindow           *bb_surveys_page_enter_responses  (BbSurveysPage *self);
GtkWindow           *bb_surveys_page_edit_questionnaire (BbSurveysPage *self);
/* How the round's shares are weighted (districts, an answer, none). */
GtkWindow           *bb_surveys_page_edit_weighting     (BbSurveysPage *self);
GtkWindow           *bb_surveys_page_new_survey       (BbSurveysPage *self);

G_END_DECLS
