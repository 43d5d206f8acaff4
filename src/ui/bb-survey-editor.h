/* bb-survey-editor.h: a round of a survey: its questionnaire, period and area */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_SURVEY_EDITOR (bb_survey_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbSurveyEditor, bb_survey_editor, BB, SURVEY_EDITOR, AdwWindow)

/* Edits @survey (NULL: a new round, of the newest survey's questionnaire
 * or of the default one).  Emits ::saved with the survey's id. */
BbSurveyEditor *bb_survey_editor_new   (GtkWindow      *parent,
                                        BbStore        *store,
                                        const BbSurvey *survey);
/* Saves as the Save button does; FALSE with the reason shown. */
gboolean        bb_survey_editor_save  (BbSurveyEditor *self);
const char     *bb_survey_editor_get_error (BbSurveyEditor *self);

G_END_DECLS
