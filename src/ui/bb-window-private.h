/* bb-window-private.h: what the main window's files share: its state and how it says it is busy */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-calendar-view.h"
#include "bb-directory-page.h"
#include "bb-filter-state.h"
#include "bb-incidents-page.h"
#include "bb-map-view.h"
#include "bb-problems-view.h"
#include "bb-reports-view.h"
#include "bb-surveys-page.h"
#include "bb-window.h"

G_BEGIN_DECLS

typedef struct {
  char     *path;
  gboolean  regenerate;
  gint      progress;   /* per mille; written by the worker, read by the window */
} DemoJob;

struct _BbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  BbStore              *store;
  BbFilterState        *filter;   /* the one filter of every view */
  BbBackupSchedule     *backups;
  GCancellable         *cancellable;
  DemoJob              *demo_job;
  guint                 progress_source;
  gboolean              busy;
  gboolean              damage_told;   /* the store's damage was offered a backup for */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *mode_stack;
  AdwStatusPage        *welcome_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  AdwLeaflet           *leaflet;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *station_label;
  GtkMenuButton        *station_button;
  GtkRevealer          *demo_revealer;
  GtkLabel             *demo_label;
  AdwViewStack         *view_stack;
  AdwWindowTitle       *records_title;
  GtkStack             *records_stack;
  BbMapView            *map_view;
  BbProblemsView       *problems_view;
  BbCalendarView       *calendar_view;
  BbReportsView        *reports_view;
  BbIncidentsPage      *incidents_page;
  BbDirectoryPage      *directory_page;
  BbSurveysPage        *surveys_page;
};

/* bb-window.c */
gboolean bb_window_is_disposed (BbWindow *self);
void     bb_window_set_busy    (BbWindow *self,
                                gboolean  busy);

G_END_DECLS
