/* bb-agenda-view.h: the calendar as a list: events, tasks due and plan reviews, day by day */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store-calendar.h"

G_BEGIN_DECLS

#define BB_TYPE_AGENDA_VIEW (bb_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (BbAgendaView, bb_agenda_view, BB, AGENDA_VIEW, AdwBin)

GtkWidget *bb_agenda_view_new       (void);
/* BbCalendarItem in order; @kind_names maps kind codes to names. */
void       bb_agenda_view_set_items (BbAgendaView *self,
                                     GPtrArray    *items,
                                     GTimeZone    *tz,
                                     GHashTable   *kind_names);
guint      bb_agenda_view_get_n_items (BbAgendaView *self);
/* Ticks the deadline in row @position off (or on), as a click would. */
void       bb_agenda_view_toggle_done (BbAgendaView *self,
                                       guint         position);

G_END_DECLS
