/* bb-reports-form.h: what a document is made of: period, district, event, language, paper and the chief's words */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-report.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_REPORTS_FORM (bb_reports_form_get_type ())
G_DECLARE_FINAL_TYPE (BbReportsForm, bb_reports_form, BB, REPORTS_FORM, AdwBin)

/* The form shows the fields @kind needs (see BbReportNeeds), with the
 * station's districts, officers and events to choose from, read off the
 * main thread; ::changed is emitted when the user changes a value and
 * when the choices have been read. */
void     bb_reports_form_set_store   (BbReportsForm      *self,
                                      BbStore            *store);
void     bb_reports_form_set_kind    (BbReportsForm      *self,
                                      const BbReportKind *kind);
/* Whether the station's choices have been read. */
gboolean bb_reports_form_is_ready    (BbReportsForm      *self);
/* The request as the form shows it; clear it with bb_report_request_clear(). */
void     bb_reports_form_get_request (BbReportsForm      *self,
                                      BbReportRequest    *request);
/* Shows @request (a saved document's), once the station's choices are
 * read; what the station no longer has keeps the default. */
void     bb_reports_form_set_request (BbReportsForm         *self,
                                      const BbReportRequest *request);
/* For tests: the text of the key messages. */
void     bb_reports_form_set_key_messages (BbReportsForm *self,
                                           const char    *text);

G_END_DECLS
