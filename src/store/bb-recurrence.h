/* bb-recurrence.h: repeating events: RRULE expansion in the event's own time zone, and the editor's simple rules */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_RECURRENCE_ERROR (bb_recurrence_error_quark ())

typedef enum {
  BB_RECURRENCE_ERROR_INVALID_RULE,   /* not an RFC 5545 RRULE Beatbook understands */
  BB_RECURRENCE_ERROR_UNKNOWN_ZONE,   /* a time zone name the system does not know */
} BbRecurrenceError;

GQuark bb_recurrence_error_quark (void);

/* Checks an RRULE value ("FREQ=MONTHLY;BYDAY=2TU"); the error says what is
 * wrong in words a station officer understands. */
gboolean  bb_recurrence_validate   (const char  *rrule,
                                    GError     **error);

/* TRUE when @tzid names a zone of the tz database (or is "UTC"). */
gboolean  bb_recurrence_zone_known (const char  *tzid);

/* The starts (seconds since the epoch, UTC, a GArray of gint64) of the
 * occurrences of a series that begins at @dtstart and repeats by @rrule,
 * worked out in the wall-clock time of @tzid, so that a meeting at 18:00
 * stays at 18:00 across daylight-saving changes.  Only starts in
 * [@from, @to) are returned, at most @max_count of them (0: no limit).
 * The first occurrence is @dtstart itself, as RFC 5545 counts it. */
GArray   *bb_recurrence_expand     (const char  *rrule,
                                    gint64       dtstart,
                                    const char  *tzid,
                                    gint64       from,
                                    gint64       to,
                                    guint        max_count,
                                    GError     **error);

/* The rules the event editor offers. */
typedef enum {
  BB_REPEAT_NONE,
  BB_REPEAT_DAILY,
  BB_REPEAT_WEEKLY,
  BB_REPEAT_MONTHLY_BY_DATE,     /* the 14th of every month */
  BB_REPEAT_MONTHLY_BY_WEEKDAY,  /* the second Tuesday */
  BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY, /* the last Friday */
  BB_REPEAT_YEARLY,
  BB_REPEAT_CUSTOM,              /* a rule from elsewhere the editor keeps as it is */
} BbRepeat;

typedef struct {
  BbRepeat  repeat;
  guint     interval;    /* every n days/weeks/months/years, at least 1 */
  guint     count;       /* 0: no count */
  char     *until;       /* "YYYY-MM-DD" (the last day, in the event's zone), or NULL */
} BbRecurrenceRule;

void      bb_recurrence_rule_clear (BbRecurrenceRule *rule);

/* The RRULE for @rule, for a series starting at @dtstart in @tzid (the
 * weekday and its position in the month come from the start: a start on
 * the last Friday of a month gives BYDAY=-1FR); NULL for BB_REPEAT_NONE. */
char     *bb_recurrence_rule_to_rrule (const BbRecurrenceRule *rule,
                                       gint64                  dtstart,
                                       const char             *tzid);

/* Reads an RRULE back into the editor's terms; a rule the editor cannot
 * show comes back as BB_REPEAT_CUSTOM (NULL or "" as BB_REPEAT_NONE). */
void      bb_recurrence_rule_parse     (const char             *rrule,
                                        const char             *tzid,
                                        BbRecurrenceRule       *rule);

/* A sentence for people: "Monthly on the second Tuesday, 12 times". */
char     *bb_recurrence_describe       (const char             *rrule,
                                        gint64                  dtstart,
                                        const char             *tzid);

/* The weekday position of a local date in its month: 1…5 from the start,
 * and whether it is also the last such weekday of the month. */
void      bb_recurrence_weekday_position (GDateTime *local,
                                          int       *nth,
                                          gboolean  *is_last);

G_END_DECLS
