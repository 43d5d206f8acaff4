/* bb-reports-view.h: the Reports view: briefings, profiles, survey results and printables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-print-document.h"
#include "bb-reports-form.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_REPORTS_VIEW (bb_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (BbReportsView, bb_reports_view, BB, REPORTS_VIEW, AdwBin)

BbStore       *bb_reports_view_get_store       (BbReportsView *self);
void           bb_reports_view_set_store       (BbReportsView *self,
                                                BbStore       *store);
AdwStatusPage *bb_reports_view_get_status_page (BbReportsView *self);
/* The window's shared filter: at headquarters, the stations whose
 * records the documents count. */
void           bb_reports_view_set_filter      (BbReportsView *self,
                                                BbFilterState *filter);

/* Whether the form is being read, the preview built, or a document printed
 * or exported (the "busy" property); for tests and the window. */
gboolean       bb_reports_view_is_busy         (BbReportsView *self);
/* Chooses a document of the catalogue by its id ("briefing"). */
void           bb_reports_view_select          (BbReportsView *self,
                                                const char    *kind_id);
BbReportsForm *bb_reports_view_get_form        (BbReportsView *self);
/* The document the preview shows, NULL while one is being built. */
BbPrintDocument *bb_reports_view_get_document  (BbReportsView *self);
/* What the view tells the user: text that did not fit, and what the
 * public document left out; NULL when it shows nothing. */
const char    *bb_reports_view_get_warnings    (BbReportsView *self);
const char    *bb_reports_view_get_withheld    (BbReportsView *self);

G_END_DECLS
