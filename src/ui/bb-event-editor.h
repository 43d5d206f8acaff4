/* bb-event-editor.h: the window that plans an event or records what happened at it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"
#include "bb-place-picker.h"
#include "bb-store-calendar.h"

G_BEGIN_DECLS

#define BB_TYPE_EVENT_EDITOR (bb_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbEventEditor, bb_event_editor, BB, EVENT_EDITOR, AdwWindow)

/* @item is the occurrence to change (NULL for a new event starting at
 * @default_start, seconds UTC).  Emits ::saved after every change written
 * (the event, its concerns, a deletion). */
BbEventEditor *bb_event_editor_new          (GtkWindow            *parent,
                                             BbStore              *store,
                                             const BbCalendarItem *item,
                                             gint64                default_start);
/* For tests: what a person would type.  @field is one of "title",
 * "date", "start", "end", "place", "head-count", "concern". */
void           bb_event_editor_set_text     (BbEventEditor *self,
                                             const char    *field,
                                             const char    *text);
/* The event as it would be saved, or NULL with @error saying why not. */
BbEvent       *bb_event_editor_dup_event    (BbEventEditor *self,
                                             GError       **error);
/* The small map on which the event's position is picked. */
BbPlacePicker *bb_event_editor_get_place_picker (BbEventEditor *self);
/* The "You said, we did" rows shown. */
guint          bb_event_editor_get_n_report_back (BbEventEditor *self);

G_END_DECLS
