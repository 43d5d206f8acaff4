/* bb-import-report.h: what an import did or would do, row by row where it matters */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Rows listed one by one in a report; the counts go on beyond. */
#define BB_IMPORT_REPORT_MAX_ISSUES 1000

typedef struct {
  guint64  line;      /* line of the file, or feature number for GeoJSON */
  char    *column;    /* the column's name, NULL for the row as a whole */
  char    *message;   /* a complete sentence naming the file, line and column */
  gboolean skipped;   /* FALSE: imported anyway (e.g. without a position) */
} BbImportIssue;

typedef struct {
  char      *file_name;          /* for display */
  gboolean   dry_run;
  guint64    rows_read;
  guint64    imported;           /* or, in a dry run, would be imported */
  guint64    without_position;   /* imported without a position */
  guint64    duplicates;         /* already in the station, or twice in the file */
  guint64    skipped;            /* not imported for a reason listed */
  guint64    n_issues;           /* every issue, listed or not */
  GPtrArray *issues;             /* BbImportIssue, the first BB_IMPORT_REPORT_MAX_ISSUES */
  GStrv      unmapped_categories;/* category values with no Beatbook category, each
                                  * as “value (rows)”, in alphabetical order */
  gboolean   no_positions;       /* rows are not places (survey responses): no
                                  * "without a position" line in the text */
} BbImportReport;

#define BB_TYPE_IMPORT_REPORT (bb_import_report_get_type ())
GType           bb_import_report_get_type (void) G_GNUC_CONST;
BbImportReport *bb_import_report_new      (const char           *file_name);
BbImportReport *bb_import_report_copy     (const BbImportReport *self);
void            bb_import_report_free     (BbImportReport       *self);
void            bb_import_report_add_issue (BbImportReport      *self,
                                            guint64              line,
                                            const char          *column,
                                            gboolean             skipped,
                                            const char          *message);
/* An issue worded as every import words it: "file, line 12, column
 * “Date”: what is wrong"; counts a skipped row. */
void            bb_import_report_add_line_issue (BbImportReport *self,
                                                 guint64         line,
                                                 const char     *column,
                                                 gboolean        skipped,
                                                 const char     *detail);
/* The report as plain text for a terminal or a log: the counts, then the
 * rows skipped and imported without a position, line by line. */
char           *bb_import_report_to_text  (const BbImportReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbImportReport, bb_import_report_free)

G_END_DECLS
