/* bb-surveys-page-private.h: what the Surveys page's files share: its state */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-aggregates-view.h"
#include "bb-surveys-page.h"

G_BEGIN_DECLS

struct _BbSurveysPage
{
  AdwBin               parent_instance;

  BbStore             *store;
  GCancellable        *cancellable;
  GListStore          *surveys;        /* BbRecordItem of BbSurvey, newest first */
  char                *selected_id;
  guint                loading;
  guint                refresh_id;
  gboolean             has_figures;
  gboolean             selecting;
  gboolean             stale;          /* to read again when shown */

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *status_page;
  GtkListBox          *survey_list;
  GtkListBox          *figures_list;
  GtkStack            *content_stack;
  BbSurveyResultsView *results_view;
  BbAggregatesView    *aggregates_view;
};

/* bb-surveys-page.c */
void bb_surveys_page_reload      (BbSurveysPage *self);
void bb_surveys_page_toast       (BbSurveysPage *self,
                                  const char    *title);
/* bb-surveys-page-actions.c */
void bb_surveys_page_install_actions (GtkWidgetClass *widget_class);
void bb_surveys_page_update_actions  (BbSurveysPage  *self);

G_END_DECLS
