/* bb-question-editor.h: one question of a questionnaire: its text, code, kind of answer and choices */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_QUESTION_EDITOR (bb_question_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbQuestionEditor, bb_question_editor, BB, QUESTION_EDITOR, AdwWindow)

/* Edits @question, or a new question of @questionnaire_id at the end
 * (@question NULL).  Emits ::saved. */
BbQuestionEditor *bb_question_editor_new  (GtkWindow        *parent,
                                           BbStore          *store,
                                           const char       *questionnaire_id,
                                           const BbQuestion *question);
gboolean          bb_question_editor_save (BbQuestionEditor *self);
const char       *bb_question_editor_get_error (BbQuestionEditor *self);
/* For tests: fills the form as a user would. */
void              bb_question_editor_set_fields (BbQuestionEditor *self,
                                                 const char       *code,
                                                 const char       *text,
                                                 const char       *scale,
                                                 const char       *choices);

G_END_DECLS
