/* bb-incidents-page-private.h: what the Incidents page's files share: its state, its columns and its actions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-filter-bar.h"
#include "bb-incidents-page.h"

G_BEGIN_DECLS

typedef enum {
  COLUMN_WHEN,
  COLUMN_CATEGORY,
  COLUMN_DISTRICT,
  COLUMN_ADDRESS,
  COLUMN_DESCRIPTION,
  COLUMN_SOURCE,
  COLUMN_STATUS,
  COLUMN_RESTRICTED,
  N_COLUMNS
} Column;

struct _BbIncidentsPage
{
  AdwBin               parent_instance;

  BbStore             *store;
  BbFilterState       *filter;
  BbIncidentListModel *model;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  GPtrArray           *categories;      /* BbCategory */
  GPtrArray           *districts;       /* BbDistrict */
  GHashTable          *category_by_id;
  GHashTable          *district_by_id;
  gint64               total;           /* -1 while not known */
  gboolean             reading_lists;
  gboolean             resorting;
  GtkColumnViewColumn *sort_columns[BB_INCIDENT_SORT_UPDATED + 1];
  BbIncident          *deleted;         /* for Undo */
  char                *count_text;
  guint                refresh_id;      /* the station changed elsewhere (a bundle) */
  BbStore             *held;            /* whose background waits for the first rows */
  GdkFrameClock       *held_clock;      /* the frame that draws them, when shown */
  gulong               held_paint_id;
  gint64               loaded_at;       /* monotonic, for the debug log */

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *status_page;
  GtkWidget           *demo_button;
  GtkWidget           *new_button;
  BbFilterBar         *filter_bar;
  GtkColumnView       *column_view;
  AdwStatusPage       *no_match_page;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
};

/* bb-incidents-page.c */
void bb_incidents_page_reload          (BbIncidentsPage *self);

/* bb-incidents-page-columns.c */
void bb_incidents_page_add_columns     (BbIncidentsPage *self);

/* bb-incidents-page-actions.c */
void bb_incidents_page_install_actions (GtkWidgetClass  *widget_class);

G_END_DECLS
