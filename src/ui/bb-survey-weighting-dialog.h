/* bb-survey-weighting-dialog.h: how a survey round's shares are weighted: districts' populations, one answer, or none */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-form-dialog.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* A modal window over @parent that sets the weighting of @survey_id:
 * to the districts' populations, by the answer to one of its
 * single-choice questions with the population's share of each answer,
 * or none; saving writes it and closes the window.  NULL with @error
 * when the round cannot be read. */
BbFormDialog *bb_survey_weighting_dialog_new (GtkWindow   *parent,
                                              BbStore     *store,
                                              const char  *survey_id,
                                              GError     **error);

G_END_DECLS
