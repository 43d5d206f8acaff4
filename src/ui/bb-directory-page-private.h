/* bb-directory-page-private.h: what the Directory page's files share: its state */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-directory-page.h"
#include "bb-district-page.h"
#include "bb-station-button.h"

G_BEGIN_DECLS

struct _BbDirectoryPage
{
  AdwBin          parent_instance;

  BbStore        *store;
  GCancellable   *cancellable;
  guint           loading;
  guint           refresh_id;
  char           *search;
  gboolean        setting_search;
  gboolean        stale;            /* to read again when shown */
  BbFilterState  *station_filter;   /* the window's: the stations shown */
  GStrv           station_ids;      /* NULL: all */
  GListStore     *items[BB_DIRECTORY_N_LISTS];     /* BbRecordItem */
  GtkFilter      *filter;
  GtkFilterListModel *shown[BB_DIRECTORY_N_LISTS];

  AdwToastOverlay *toast_overlay;
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkSearchEntry *search_entry;
  BbStationButton *station_button;
  GtkStack       *lists_stack;
  GtkListView    *district_view;
  GtkListView    *officer_view;
  GtkListView    *partner_view;
  GtkListView    *member_view;
  BbDistrictPage *district_page;
};

/* bb-directory-page.c */
void bb_directory_page_reload (BbDirectoryPage *self);
void bb_directory_page_toast  (BbDirectoryPage *self,
                               const char      *title);
/* bb-directory-page-actions.c */
void bb_directory_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
