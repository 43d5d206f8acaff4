/* bb-month-view.h: the calendar's month grid: six weeks of days with their events and deadlines */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-store-calendar.h"

G_BEGIN_DECLS

#define BB_TYPE_MONTH_VIEW (bb_month_view_get_type ())
G_DECLARE_FINAL_TYPE (BbMonthView, bb_month_view, BB, MONTH_VIEW, GtkWidget)

GtkWidget *bb_month_view_new          (void);
/* @first_day: the local midnight of the grid's first cell (a Monday);
 * @month: the month (1…12) the grid shows, the other days are dimmed;
 * @selected: the local midnight of the day with the focus. */
void       bb_month_view_set_range    (BbMonthView *self,
                                       GDateTime   *first_day,
                                       int          month,
                                       GDateTime   *selected);
/* BbCalendarItem of the six weeks; the view keeps a reference. */
void       bb_month_view_set_items    (BbMonthView *self,
                                       GPtrArray   *items);

/* The colour of a kind of event, and of tasks and reviews, shared by the
 * calendar's views so that a kind looks the same in each. */
void       bb_calendar_item_colour    (const BbCalendarItem *item,
                                       GdkRGBA              *colour);
/* "18:00 Advisory group Centre", "☐ Repair the lamps" */
char      *bb_calendar_item_label     (const BbCalendarItem *item,
                                       GTimeZone            *tz);

G_END_DECLS
