/* bb-calendar-view.h: the Calendar view: community meetings, open days and other events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-store.h"
#include "bb-store-calendar.h"

G_BEGIN_DECLS

#define BB_TYPE_CALENDAR_VIEW (bb_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (BbCalendarView, bb_calendar_view, BB, CALENDAR_VIEW, AdwBin)

BbStore       *bb_calendar_view_get_store       (BbCalendarView *self);
void           bb_calendar_view_set_store       (BbCalendarView *self,
                                                 BbStore        *store);
AdwStatusPage *bb_calendar_view_get_status_page (BbCalendarView *self);
/* The window's shared filter: at headquarters, the stations whose
 * events, tasks and reviews show. */
void           bb_calendar_view_set_filter      (BbCalendarView *self,
                                                 BbFilterState  *filter);

/* "month", "week" or "agenda" (the calendar.mode action). */
void           bb_calendar_view_set_mode        (BbCalendarView *self,
                                                 const char     *mode);
/* Shows the day (in the station's time zone) and its month or week. */
void           bb_calendar_view_go_to           (BbCalendarView *self,
                                                 int             year,
                                                 int             month,
                                                 int             day);
/* TRUE while the items shown are being read. */
gboolean       bb_calendar_view_is_loading      (BbCalendarView *self);
/* The BbCalendarItem shown now (borrowed), or NULL. */
GPtrArray     *bb_calendar_view_get_items       (BbCalendarView *self);
/* Opens the event editor for @item (NULL: a new event on the chosen
 * day) and returns it. */
GtkWidget     *bb_calendar_view_open_editor     (BbCalendarView       *self,
                                                 const BbCalendarItem *item);

G_END_DECLS
