/* bb-survey-import-private.h: what the survey import's files share: the mapping and the file's state */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-import-private.h"
#include "bb-survey-import.h"
#include "bb-survey-values.h"

G_BEGIN_DECLS

/* One thing a column can hold, as offered in the dialog. */
typedef struct {
  BbSurveyColumn  kind;
  guint           question;   /* index into questions, for QUESTION and CHOICE */
  char           *choice;     /* CHOICE: the choice's value */
  char           *label;
  char           *memory;     /* how the station remembers it: "uuid", "q:block1/q3", "c:block1/q3:other" */
} SurveyTarget;

struct _BbSurveyImport
{
  GObject         parent_instance;

  BbStore        *store;
  char           *path;
  char           *display_name;
  BbSurvey       *survey;
  GPtrArray      *questions;      /* BbQuestion of the survey's questionnaire */
  GPtrArray      *choices;        /* GPtrArray of BbChoice, by question */
  GPtrArray      *targets;        /* SurveyTarget; 0 is "not imported" */
  GPtrArray      *target_labels;  /* char *, borrowed from targets */

  gboolean        previewed;
  char           *encoding;
  char            separator;
  GPtrArray      *columns;        /* char * */
  GArray         *mapping;        /* guint target by column */
  GPtrArray      *preview_rows;   /* GStrv */
  guint64         n_rows;
  gboolean        remembered;
  BbDateOrderVote vote;
  BbDateOrder     date_order;
  gboolean        date_order_chosen;
};

gboolean bb_survey_import_load           (BbSurveyImport  *self,
                                          GError         **error);
gboolean bb_survey_import_remember       (BbSurveyImport  *self,
                                          GError         **error);
const SurveyTarget *bb_survey_import_target_of (BbSurveyImport *self,
                                                guint           column);
BbImportReport *bb_survey_import_run     (BbSurveyImport        *self,
                                          gboolean               dry_run,
                                          GCancellable          *cancellable,
                                          BbTableImportProgress  progress,
                                          gpointer               progress_data,
                                          GError               **error);

G_END_DECLS
