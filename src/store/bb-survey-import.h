/* bb-survey-import.h: survey responses from KoBoToolbox and ODK exports: one row per response */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-table-import.h"

G_BEGIN_DECLS

/* What a column of an export holds. */
typedef enum {
  BB_SURVEY_COLUMN_IGNORE,
  BB_SURVEY_COLUMN_UUID,        /* _uuid, meta/instanceID, KEY: keeps re-imports from duplicating */
  BB_SURVEY_COLUMN_SUBMITTED,   /* _submission_time, SubmissionDate */
  BB_SURVEY_COLUMN_DISTRICT,    /* a district's name or code */
  BB_SURVEY_COLUMN_AGE_BAND,
  BB_SURVEY_COLUMN_GENDER,
  BB_SURVEY_COLUMN_QUESTION,    /* the answer to a question */
  BB_SURVEY_COLUMN_CHOICE,      /* one choice of a question with several ("q3/other": 1 or 0) */
} BbSurveyColumn;

#define BB_TYPE_SURVEY_IMPORT (bb_survey_import_get_type ())
G_DECLARE_FINAL_TYPE (BbSurveyImport, bb_survey_import, BB, SURVEY_IMPORT, GObject)

/* Responses to the survey @survey_id from the CSV file at @path.  Columns
 * are matched to the questions by code, with or without the group
 * prefixes tools add ("block1/q3", "survey/block1/q3", "q3"), or by the
 * question's text; a mapping chosen by hand is remembered for the next
 * file with the same header.  A response already in the station (by its
 * uuid, or for files without one, by its answers) is not imported again. */
BbSurveyImport *bb_survey_import_new        (BbStore        *store,
                                             const char     *survey_id,
                                             const char     *path);
/* What a column holds after the preview; @question_id and @choice (may
 * be NULL) are set for questions and choices. */
BbSurveyColumn  bb_survey_import_get_column (BbSurveyImport *self,
                                             guint           column,
                                             const char    **question_id,
                                             const char    **choice);

G_END_DECLS
