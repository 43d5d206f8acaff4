/* bb-aggregate-import.h: published survey tables in long form: date; area; measure; proportion */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-table-import.h"

G_BEGIN_DECLS

typedef enum {
  BB_AGGREGATE_COLUMN_IGNORE,
  BB_AGGREGATE_COLUMN_DATE,         /* a day, a month ("2018-03"), a quarter ("2019 Q3") or a year */
  BB_AGGREGATE_COLUMN_AREA,         /* a district's name or code, or any area the table names */
  BB_AGGREGATE_COLUMN_MEASURE,
  BB_AGGREGATE_COLUMN_PROPORTION,   /* 0…1, or percentages (the column decides), decimal commas welcome */
  BB_AGGREGATE_COLUMN_RESPONDENTS,  /* how many answered, where the table says */
  BB_AGGREGATE_N_COLUMNS
} BbAggregateColumn;

#define BB_TYPE_AGGREGATE_IMPORT (bb_aggregate_import_get_type ())
G_DECLARE_FINAL_TYPE (BbAggregateImport, bb_aggregate_import, BB, AGGREGATE_IMPORT, GObject)

/* Figures of the table at @path, known in the station by @source_name
 * (NULL: the file's name without its extension).  Importing the same
 * source again replaces its figures rather than adding them twice. */
BbAggregateImport *bb_aggregate_import_new          (BbStore           *store,
                                                     const char        *path,
                                                     const char        *source_name);
const char        *bb_aggregate_import_get_source_name (BbAggregateImport *self);
/* After the preview: whether the proportions are written as percentages. */
gboolean           bb_aggregate_import_get_percent  (BbAggregateImport *self);

G_END_DECLS
