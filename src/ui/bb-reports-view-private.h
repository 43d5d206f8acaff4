/* bb-reports-view-private.h: what the Reports view's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-report.h"
#include "bb-reports-view.h"
#include "bb-station-button.h"

G_BEGIN_DECLS

struct _BbReportsView
{
  AdwBin              parent_instance;

  BbStore            *store;
  GCancellable       *cancellable;
  BbPrintDocument    *document;    /* what the preview shows, for print and export */
  const BbReportKind *kind;
  guint               page;
  guint               rebuild_id;
  gboolean            building;
  gboolean            outputting;
  char               *saved_id;    /* the saved document shown, or NULL */
  GCancellable       *saved_cancellable;
  BbFilterState      *filter;      /* the window's: the stations whose records count */
  GStrv               station_ids; /* NULL: all */

  GtkStack           *stack;
  AdwStatusPage      *status_page;
  GtkWidget          *demo_button;
  GtkWidget          *next_button;
  GtkStack           *side_stack;
  GtkListBox         *templates_list;
  GtkWidget          *saved_heading;
  GtkListBox         *saved_list;
  GtkLabel           *kind_label;
  BbReportsForm      *form;
  GtkPicture         *preview;
  GtkLabel           *page_label;
  GtkLabel           *message_label;
  GtkLabel           *warnings_label;
  GtkExpander        *withheld_expander;
  GtkLabel           *withheld_label;
  GtkSpinner         *spinner;
  BbStationButton    *station_button;
};

/* bb-reports-view.c */
void bb_reports_view_show_message      (BbReportsView *self,
                                        const char    *message,
                                        gboolean       error);

/* bb-reports-view-saved.c: the station's saved documents */
void bb_reports_view_class_init_saved  (GtkWidgetClass *widget_class);
void bb_reports_view_load_saved        (BbReportsView  *self);

G_END_DECLS
