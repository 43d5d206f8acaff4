/* bb-response-form.h: paper questionnaires typed in at the station, keyboard first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_RESPONSE_FORM (bb_response_form_get_type ())
G_DECLARE_FINAL_TYPE (BbResponseForm, bb_response_form, BB, RESPONSE_FORM, AdwWindow)

/* One form after another: each answer is its number on the paper (1 to 5,
 * 1 for yes and 2 for no, the number of a choice, several numbers for
 * several choices), Enter or Tab goes to the next, Ctrl+Enter saves the
 * form and starts the next one.  Emits ::saved after each form. */
BbResponseForm *bb_response_form_new         (GtkWindow      *parent,
                                              BbStore        *store,
                                              const char     *survey_id);
/* Types @text into the field of the question @code ("district", "age",
 * "gender" and "form" for the respondent's fields); FALSE for no such
 * field. */
gboolean        bb_response_form_set_text    (BbResponseForm *self,
                                              const char     *code,
                                              const char     *text);
/* What the field reads the text as ("A big problem"), or the hint. */
const char     *bb_response_form_get_reading (BbResponseForm *self,
                                              const char     *code);
/* Saves the form as Ctrl+Enter does; FALSE with the reason shown. */
gboolean        bb_response_form_save        (BbResponseForm *self);
guint           bb_response_form_get_n_saved (BbResponseForm *self);
/* The code of the field that has the keyboard focus, or NULL. */
const char     *bb_response_form_get_focus_code (BbResponseForm *self);
const char     *bb_response_form_get_status  (BbResponseForm *self);

G_END_DECLS
