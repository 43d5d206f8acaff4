/* bb-week-view.h: the calendar's week: hours down, seven days across, deadlines and all-day events on top */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-store-calendar.h"

G_BEGIN_DECLS

#define BB_TYPE_WEEK_VIEW (bb_week_view_get_type ())
G_DECLARE_FINAL_TYPE (BbWeekView, bb_week_view, BB, WEEK_VIEW, GtkWidget)

GtkWidget *bb_week_view_new       (void);
/* @first_day: the local midnight of the week's Monday. */
void       bb_week_view_set_range (BbWeekView *self,
                                   GDateTime  *first_day,
                                   GDateTime  *selected);
void       bb_week_view_set_items (BbWeekView *self,
                                   GPtrArray  *items);

G_END_DECLS
