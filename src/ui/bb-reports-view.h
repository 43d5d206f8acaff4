/* bb-reports-view.h: the Reports view: briefings, profiles, survey results and printables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_REPORTS_VIEW (bb_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (BbReportsView, bb_reports_view, BB, REPORTS_VIEW, AdwBin)

BbStore       *bb_reports_view_get_store       (BbReportsView *self);
void           bb_reports_view_set_store       (BbReportsView *self,
                                                BbStore       *store);
AdwStatusPage *bb_reports_view_get_status_page (BbReportsView *self);

G_END_DECLS
