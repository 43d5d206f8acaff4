/* bb-plan-page.h: a community safety plan: its statement, problems, objectives and indicators, tasks and review dates */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PLAN_PAGE (bb_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (BbPlanPage, bb_plan_page, BB, PLAN_PAGE, AdwBin)

GtkWidget  *bb_plan_page_new          (void);
void        bb_plan_page_set_store    (BbPlanPage *self,
                                       BbStore    *store);
/* Shows the plan; NULL starts a new one, written on the first save.
 * Indicators counted from incidents are counted again first. */
void        bb_plan_page_load         (BbPlanPage *self,
                                       const char *plan_id);
const char *bb_plan_page_get_plan_id  (BbPlanPage *self);
gboolean    bb_plan_page_is_loaded    (BbPlanPage *self);
gboolean    bb_plan_page_is_dirty     (BbPlanPage *self);
const char *bb_plan_page_get_error    (BbPlanPage *self);
const char *bb_plan_page_get_message  (BbPlanPage *self);
/* Writes the plan as residents read it to @path (what Export PDF does
 * after the file chooser); FALSE with @error. */
gboolean    bb_plan_page_export_to    (BbPlanPage  *self,
                                       const char  *path,
                                       GError     **error);

G_END_DECLS
