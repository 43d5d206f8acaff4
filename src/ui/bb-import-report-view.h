/* bb-import-report-view.h: an import's report as the import dialogs show it: its counts, the category values it could not place, its rows line by line */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-import-report.h"

G_BEGIN_DECLS

#define BB_TYPE_IMPORT_REPORT_VIEW (bb_import_report_view_get_type ())
G_DECLARE_FINAL_TYPE (BbImportReportView, bb_import_report_view, BB, IMPORT_REPORT_VIEW, AdwBin)

GtkWidget  *bb_import_report_view_new        (void);
/* Shows @report (read now, not kept). */
void        bb_import_report_view_set_report (BbImportReportView   *self,
                                              const BbImportReport *report);
/* The report as plain text, as the Copy button copies it; NULL before a
 * report was set. */
const char *bb_import_report_view_get_text   (BbImportReportView   *self);

G_END_DECLS
