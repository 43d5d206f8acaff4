/* bb-default-questionnaire.h: the resident survey every station starts with: the LSES blocks and trust */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"

G_BEGIN_DECLS

/* One question of the default questionnaire; texts are N_() marked and
 * written in the station's language when the questionnaire is added. */
typedef struct {
  const char *block;      /* the block's title */
  const char *code;       /* "block1/q3": the group and name field tools use */
  const char *text;
  const char *scale;      /* yes_no, likert5, single, … */
  const char *choices;    /* the labels of a scale of 1 to 5, or NULL */
  int         polarity;   /* see BbQuestion */
  gboolean    concern;
} BbDefaultQuestion;

/* The Albanian Local Safety Evaluation System's five blocks (order and
 * safety problems in the neighbourhood, exposure to crime, concrete fear
 * of crime, abstract concern about crime, satisfaction with the police)
 * and, from the Latvian pilot, whether residents know their district
 * officer and trust the police. */
const BbDefaultQuestion *bb_default_questionnaire_get (guint *n_questions);

/* The question as a record of @questionnaire_id, in the language of the
 * user interface. */
BbQuestion *bb_default_question_to_record (const BbDefaultQuestion *spec,
                                           const char              *questionnaire_id,
                                           int                      sort_order);

/* Adds the default questionnaire to the station in one transaction and
 * returns its id. */
char       *bb_store_questionnaire_add_default (BbStore  *store,
                                                GError  **error);

G_END_DECLS
