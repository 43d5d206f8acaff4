/* bb-problem-card.h: one problem on the SARA board: what it is, where, who owns it and what is due */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-sara.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PROBLEM_CARD (bb_problem_card_get_type ())
G_DECLARE_FINAL_TYPE (BbProblemCard, bb_problem_card, BB, PROBLEM_CARD, GtkListBoxRow)

/* What the board shows of a problem beside the record itself; names are
 * NULL when not set. */
typedef struct {
  BbProblem *problem;
  char      *district_name;
  char      *owner_name;
  char      *next_due;        /* "YYYY-MM-DD" of the earliest open task */
  gboolean   next_due_passed;
  char      *warning;         /* a date that has passed, in words */
  GStrv      partner_ids;     /* the partners involved, for the board's filter */
} BbProblemCardInfo;

void               bb_problem_card_info_free (BbProblemCardInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbProblemCardInfo, bb_problem_card_info_free)

/* @info is copied. */
GtkWidget         *bb_problem_card_new          (const BbProblemCardInfo *info);
const char        *bb_problem_card_get_problem_id (BbProblemCard *self);
const char        *bb_problem_card_get_title    (BbProblemCard *self);
BbSaraStage        bb_problem_card_get_stage    (BbProblemCard *self);
/* The incidents that belong to the problem; -1 while they are counted. */
void               bb_problem_card_set_incident_count (BbProblemCard *self,
                                                       gint64         count);
gint64             bb_problem_card_get_incident_count (BbProblemCard *self);
const char        *bb_problem_card_get_warning  (BbProblemCard *self);

G_END_DECLS
