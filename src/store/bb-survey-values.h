/* bb-survey-values.h: the answers a question allows, and answers read as residents and tools write them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-records.h"

G_BEGIN_DECLS

#define BB_SURVEY_VALUE_ERROR (bb_survey_value_error_quark ())

typedef enum {
  BB_SURVEY_VALUE_ERROR_INVALID,    /* not an answer this question allows */
  BB_SURVEY_VALUE_ERROR_NO_ANSWER,  /* left blank, "don't know", refused: not counted */
} BbSurveyValueError;

GQuark bb_survey_value_error_quark (void);

typedef enum {
  BB_SCALE_YES_NO,
  BB_SCALE_LIKERT5,
  BB_SCALE_SINGLE,
  BB_SCALE_MULTIPLE,
  BB_SCALE_NUMBER,
  BB_SCALE_TEXT,
  BB_N_SCALES,
} BbScale;

/* "yes_no", "likert5", …, as the station stores them. */
const char *bb_scale_to_string   (BbScale     scale);
BbScale     bb_scale_from_string (const char *text);
/* "Yes or no", "Scale of 1 to 5", … */
const char *bb_scale_get_label   (BbScale     scale);
/* Whether answers are choices counted as shares. */
gboolean    bb_scale_has_choices (BbScale     scale);

typedef struct {
  char *value;   /* what is stored: "yes", "3", "increased" */
  char *label;   /* what residents read */
} BbChoice;

BbChoice   *bb_choice_new        (const char *value,
                                  const char *label);
void        bb_choice_free       (BbChoice   *self);

/* The choices of a question: its own (options), or those of its scale
 * (yes and no; 1 to 5).  Empty for numbers and text. */
GPtrArray  *bb_question_dup_choices (const BbQuestion *question);
/* JSON as the question's options hold it: [{"value": …, "label": …}]. */
char       *bb_choices_to_json   (GPtrArray  *choices);
GPtrArray  *bb_choices_from_json (const char *json,
                                  GError    **error);
const char *bb_choices_find_label (GPtrArray  *choices,
                                   const char *value);

/* The answer to store for what a form or a file says ("Yes", "да", "1",
 * "4,5", a choice's label or its number, "a b" for several choices), or
 * NULL with BB_SURVEY_VALUE_ERROR_NO_ANSWER for blanks and "don't know",
 * or _INVALID with a message saying what the question allows.  @choices
 * are the question's (bb_question_dup_choices). */
char       *bb_survey_value_read (const BbQuestion *question,
                                  GPtrArray        *choices,
                                  const char       *text,
                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbChoice, bb_choice_free)

G_END_DECLS
