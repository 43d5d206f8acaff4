/* bb-ical.h: iCalendar (.ics) export and import of the station's events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_ICAL_ERROR (bb_ical_error_quark ())

typedef enum {
  BB_ICAL_ERROR_NOT_ICALENDAR,   /* the file is not an iCalendar file at all */
  BB_ICAL_ERROR_EMPTY,           /* an iCalendar file with no events */
} BbIcalError;

GQuark bb_ical_error_quark (void);

/* The VCALENDAR text of @event_ids (NULL: every event of the station):
 * each as a VEVENT with its UID, DTSTART/DTEND in its zone (with the
 * VTIMEZONE) or all-day dates, RRULE, EXDATE for cancelled occurrences
 * and a VEVENT with RECURRENCE-ID for each changed one, SUMMARY,
 * LOCATION, GEO, DESCRIPTION (the agenda), COMMENT (the minutes) and
 * CATEGORIES (the kind).  An exception's id exports its whole series. */
char     *bb_ical_export        (BbStore            *store,
                                 const char * const *event_ids,
                                 GError            **error);
gboolean  bb_ical_export_file   (BbStore            *store,
                                 const char * const *event_ids,
                                 const char         *path,
                                 GError            **error);

typedef struct {
  guint      n_added;     /* events (series and one-off) new to the station */
  guint      n_updated;   /* events the station had (same UID), brought up to date */
  guint      n_skipped;   /* events not imported, each with a message in problems */
  GPtrArray *problems;    /* char *: "meetings.ics, event 3 (line 41): DTSTART is missing" */
} BbIcalImport;

void      bb_ical_import_free   (BbIcalImport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbIcalImport, bb_ical_import_free)

/* Imports the events of an .ics text as Thunderbird, Google Calendar,
 * Outlook and phones write them.  An event with an error is reported
 * (which event, which line, what is wrong) and left out; the others are
 * written in one transaction, so nothing is half-written.  An event whose
 * UID the station holds is updated, not added again.  @file_name names
 * the file in the messages.  NULL with @error only when nothing could be
 * imported for a reason that is not one event's (not iCalendar, database
 * error). */
BbIcalImport *bb_ical_import      (BbStore      *store,
                                   const char   *data,
                                   gsize         length,
                                   const char   *file_name,
                                   GError      **error);
BbIcalImport *bb_ical_import_file (BbStore      *store,
                                   const char   *path,
                                   GError      **error);

G_END_DECLS
