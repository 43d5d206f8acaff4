/* bb-calendar-view-private.h: what the Calendar view's files share: its state and the helpers its actions use */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-agenda-view.h"
#include "bb-calendar-view.h"
#include "bb-month-view.h"
#include "bb-station-button.h"
#include "bb-week-view.h"

G_BEGIN_DECLS

struct _BbCalendarView
{
  AdwBin          parent_instance;

  BbStore        *store;
  GCancellable   *cancellable;     /* the items being read */
  GTimeZone      *tz;              /* the station's */
  GDateTime      *date;            /* local midnight of the day chosen */
  char           *mode;            /* month, week, agenda */
  GPtrArray      *kind_codes;      /* of kind_dropdown's rows, NULL for "all" */
  GPtrArray      *district_ids;    /* of district_dropdown's rows */
  GHashTable     *kind_names;
  GPtrArray      *items;
  BbFilterState  *filter;          /* the window's: the stations shown */
  GStrv           station_ids;     /* NULL: all */
  gint64          range_from, range_to;
  gboolean        loading;

  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkWidget      *demo_button;
  GtkWidget      *new_button;
  GtkWidget      *import_button;
  GtkLabel       *title_label;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *district_dropdown;
  BbStationButton *station_button;
  GtkStack       *view_stack;
  BbMonthView    *month_view;
  BbWeekView     *week_view;
  BbAgendaView   *agenda_view;
};

/* bb-calendar-view.c */
void        bb_calendar_view_toast           (BbCalendarView *self,
                                              const char     *text);
void        bb_calendar_view_show_message    (BbCalendarView *self,
                                              const char     *heading,
                                              const char     *body);
void        bb_calendar_view_reload          (BbCalendarView *self);
void        bb_calendar_view_refresh         (BbCalendarView *self);
void        bb_calendar_view_set_date        (BbCalendarView *self,
                                              GDateTime      *date);
const char *bb_calendar_view_chosen          (GPtrArray      *values,
                                              GtkDropDown    *dropdown);

/* bb-calendar-view-actions.c */
void        bb_calendar_view_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
