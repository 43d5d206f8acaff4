/* bb-event-editor-private.h: what the event editor's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-event-editor.h"
#include "bb-place-picker.h"
#include "bb-recurrence.h"

G_BEGIN_DECLS

struct _BbEventEditor
{
  AdwWindow        parent_instance;

  BbStore         *store;
  BbCalendarItem  *item;            /* the occurrence opened, NULL for a new event */
  BbEvent         *event;           /* its row: a one-off, an exception, or the series */
  BbEvent         *series;          /* the series when the occurrence belongs to one */
  char            *original_rrule;  /* kept for rules the editor cannot show */
  GTimeZone       *tz;              /* the event's own zone: times are typed in it */
  GPtrArray       *kind_codes;
  GPtrArray       *district_ids;    /* [0] NULL: none */
  GPtrArray       *officer_ids;
  GArray          *repeat_values;   /* BbRepeat of each row of repeat_row */
  GPtrArray       *attendee_checks; /* GtkCheckButton, with "partner-id" or "officer-id" */
  GPtrArray       *concern_rows;
  GPtrArray       *report_rows;
  guint            n_report_back;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  AdwComboRow     *kind_row;
  GtkSwitch       *all_day_switch;
  AdwEntryRow     *date_row;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  AdwEntryRow     *last_day_row;
  AdwEntryRow     *place_row;
  AdwExpanderRow  *position_row;    /* its switch: the event has a position */
  BbPlacePicker   *picker;
  AdwComboRow     *district_row;
  AdwComboRow     *organiser_row;
  AdwComboRow     *repeat_row;
  AdwEntryRow     *interval_row;
  AdwEntryRow     *count_row;
  AdwEntryRow     *until_row;
  AdwEntryRow     *head_count_row;
  AdwExpanderRow  *attendees_row;
  GtkTextView     *agenda_view;
  GtkTextView     *minutes_view;
  AdwPreferencesGroup *concerns_group;
  AdwEntryRow     *concern_row;
  AdwPreferencesGroup *report_group;
  GtkWidget       *delete_button;
};

/* bb-event-editor.c */
void       bb_event_editor_toast            (BbEventEditor *self,
                                             const char    *text);
GDateTime *bb_event_editor_local_time       (BbEventEditor *self,
                                             gint64         t);
/* Writes @e as the opened occurrence's own row (made when it has none). */
gboolean   bb_event_editor_save_occurrence  (BbEventEditor  *self,
                                             BbEvent        *e,
                                             gboolean        cancelled,
                                             GError        **error);
/* Emits ::saved: something was written, the window stays open. */
void       bb_event_editor_changed          (BbEventEditor *self);
/* The repetition chosen in the repeat row. */
BbRepeat   bb_event_editor_chosen_repeat    (BbEventEditor *self);

/* bb-event-editor-save.c: Save and Delete, for one event, a series or an occurrence */
void       bb_event_editor_class_init_save  (GtkWidgetClass *widget_class);

/* bb-event-editor-concerns.c: the concerns raised and "You said, we did" */
void       bb_event_editor_load_concerns    (BbEventEditor *self);
void       bb_event_editor_load_report_back (BbEventEditor *self,
                                             const BbEvent *e,
                                             gint64         start);
void       bb_event_editor_concern_apply_cb (BbEventEditor *self);

/* bb-event-editor-place.c: the position picked on a small map */
void       bb_event_editor_init_place       (BbEventEditor *self);
/* Shows @e's position (none when @e is NULL or has none). */
void       bb_event_editor_load_place       (BbEventEditor *self,
                                             const BbEvent *e);
/* Writes the position into @e: NAN when the event is not on the map. */
void       bb_event_editor_read_place       (BbEventEditor *self,
                                             BbEvent       *e);

/* bb-event-editor-print.c: the agenda and the minutes printed or exported */
void       bb_event_editor_class_init_print (GtkWidgetClass *widget_class);

G_END_DECLS
