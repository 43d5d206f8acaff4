/* bb-questionnaire-editor.h: a questionnaire's title and questions: add, edit, reorder, delete */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_QUESTIONNAIRE_EDITOR (bb_questionnaire_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbQuestionnaireEditor, bb_questionnaire_editor, BB, QUESTIONNAIRE_EDITOR, AdwWindow)

/* Every change is saved as it is made. */
BbQuestionnaireEditor *bb_questionnaire_editor_new (GtkWindow  *parent,
                                                    BbStore    *store,
                                                    const char *questionnaire_id);
guint      bb_questionnaire_editor_get_n_questions (BbQuestionnaireEditor *self);
/* Opens the editor of a new question, or of the @index-th question. */
GtkWindow *bb_questionnaire_editor_add_question    (BbQuestionnaireEditor *self);
GtkWindow *bb_questionnaire_editor_edit_question   (BbQuestionnaireEditor *self,
                                                    guint                  index);
/* Moves the @index-th question one place up (−1) or down (+1). */
gboolean   bb_questionnaire_editor_move_question   (BbQuestionnaireEditor *self,
                                                    guint                  index,
                                                    int                    step);

/* Says in the editor that it edits a new version of a questionnaire
 * residents answered. */
void bb_questionnaire_editor_set_versioned (BbQuestionnaireEditor *self,
                                            gboolean               versioned);

G_END_DECLS
