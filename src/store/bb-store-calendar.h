/* bb-store-calendar.h: the calendar's queries: occurrences in a range, deadlines, concerns followed up */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

typedef enum {
  BB_CALENDAR_ITEM_EVENT,     /* one occurrence of an event */
  BB_CALENDAR_ITEM_TASK,      /* a task's due date */
  BB_CALENDAR_ITEM_REVIEW,    /* a safety plan's review date */
} BbCalendarItemKind;

/* What the calendar shows: an occurrence of an event, or a deadline. */
typedef struct {
  BbCalendarItemKind kind;
  char     *id;             /* event row (the exception's when there is one), task or plan review */
  char     *series_id;      /* occurrences of a series: the series' row */
  gint64    start;          /* seconds, UTC; deadlines: the day's local midnight */
  gint64    end;
  gint64    recurrence_id;  /* original start of a series' occurrence, else BB_UNSET_TIME */
  gboolean  all_day;
  char     *title;
  char     *event_kind;     /* events: the kind's code */
  char     *district_id;
  char     *station_id;     /* the station that wrote the event, task or review */
  char     *place;
  char     *context;        /* tasks: the problem or plan; reviews: the plan */
  gboolean  done;           /* tasks and reviews */
} BbCalendarItem;

#define BB_TYPE_CALENDAR_ITEM (bb_calendar_item_get_type ())
GType           bb_calendar_item_get_type (void) G_GNUC_CONST;
BbCalendarItem *bb_calendar_item_copy     (const BbCalendarItem *self);
void            bb_calendar_item_free     (BbCalendarItem       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbCalendarItem, bb_calendar_item_free)

/* A kind filter that keeps only task deadlines and plan review dates. */
#define BB_CALENDAR_KIND_DEADLINES "@deadlines"

/* Everything that happens in [@from, @to): the occurrences of events
 * (series expanded in their own zone, changed occurrences in place of the
 * original, cancelled ones left out), tasks due and plan reviews, ordered
 * by start.  @kind (an event kind's code, BB_CALENDAR_KIND_DEADLINES, or
 * NULL for all) and @district_id (NULL for all) filter; dates of deadlines
 * are days of the station's time zone. */
GPtrArray  *bb_store_calendar_items        (BbStore      *self,
                                            gint64        from,
                                            gint64        to,
                                            const char   *kind,
                                            const char   *district_id,
                                            GError      **error);
/* The same, only what one of @station_ids wrote (NULL or empty: all). */
GPtrArray  *bb_store_calendar_items_for_stations (BbStore            *self,
                                                  gint64              from,
                                                  gint64              to,
                                                  const char         *kind,
                                                  const char         *district_id,
                                                  const char * const *station_ids,
                                                  GError            **error);
void        bb_store_calendar_items_async  (BbStore             *self,
                                            gint64               from,
                                            gint64               to,
                                            const char          *kind,
                                            const char          *district_id,
                                            const char * const  *station_ids,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *bb_store_calendar_items_finish (BbStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The kinds of events: a GPtrArray of char * pairs, code then name, in
 * the station's order (so 2 × n strings). */
GPtrArray  *bb_store_event_kind_list       (BbStore      *self,
                                            GError      **error);

/* After a series' start moved by @shift seconds ("all occurrences"), its
 * changed and cancelled occurrences keep standing for the same
 * occurrences: their original starts move with it. */
gboolean    bb_store_event_shift_exceptions (BbStore     *self,
                                             const char  *series_id,
                                             gint64       shift,
                                             GError     **error);

/* Ticks a task or a plan review off (or back on). */
gboolean    bb_store_calendar_set_done     (BbStore             *self,
                                            BbCalendarItemKind   kind,
                                            const char          *id,
                                            gboolean             done,
                                            GError             **error);

/* A concern raised at a meeting becomes a resident's concern recorded as
 * an incident (source "meeting", at the meeting's time, in its district
 * and place) of @category_id, or a problem in the scanning stage; the
 * concern is linked to it in the same transaction.  Returns the new
 * record's id. */
char       *bb_store_concern_make_incident (BbStore      *self,
                                            const char   *concern_id,
                                            const char   *category_id,
                                            GError      **error);
char       *bb_store_concern_make_problem  (BbStore      *self,
                                            const char   *concern_id,
                                            GError      **error);

/* "You said, we did": a concern of the previous meeting and what
 * happened to it. */
typedef struct {
  char   *concern_id;
  char   *text;
  char   *incident_id;       /* NULL when none */
  char   *incident_status;   /* open, cleared, referred */
  char   *problem_id;        /* NULL when none */
  char   *problem_title;
  char   *problem_stage;     /* scanning … closed */
  guint   tasks_done;
  guint   tasks_total;
} BbReportBack;

void        bb_report_back_free            (BbReportBack *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbReportBack, bb_report_back_free)

/* The concerns raised at the meeting before the one at @start of the same
 * group (same kind and district), with what became of each; a GPtrArray
 * of BbReportBack, empty when there was no earlier meeting.
 * @previous_id and @previous_start (optional) name that meeting. */
GPtrArray  *bb_store_event_report_back     (BbStore      *self,
                                            const char   *kind,
                                            const char   *district_id,
                                            gint64        start,
                                            char        **previous_id,
                                            gint64       *previous_start,
                                            GError      **error);

G_END_DECLS
