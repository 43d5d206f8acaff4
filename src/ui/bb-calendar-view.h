/* bb-calendar-view.h: the Calendar view: community meetings, open days and other events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_CALENDAR_VIEW (bb_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (BbCalendarView, bb_calendar_view, BB, CALENDAR_VIEW, AdwBin)

BbStore       *bb_calendar_view_get_store       (BbCalendarView *self);
void           bb_calendar_view_set_store       (BbCalendarView *self,
                                                 BbStore        *store);
AdwStatusPage *bb_calendar_view_get_status_page (BbCalendarView *self);

G_END_DECLS
