/* bb-ical-private.h: what the iCalendar import and export share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libical/ical.h>

#include "bb-ical.h"
#include "bb-store.h"

G_BEGIN_DECLS

gboolean      bb_ical_is_utc_name  (const char  *tzid);
/* A zone of the tz database by the names calendars give it, plain or
 * behind a vendor prefix; @iana gets the plain name. */
icaltimezone *bb_ical_builtin_zone (const char  *name,
                                    const char **iana);
/* Two columns of a query as a table (first → second). */
GHashTable   *bb_ical_read_pairs   (BbStore     *store,
                                    const char  *sql,
                                    GError     **error);

/* The import's pieces (bb-ical.c reads, bb-ical-write.c writes) */

/* One VEVENT of the file, as the scanner found it. */
typedef struct {
  guint    index;       /* 1-based, in the file */
  guint    line;        /* of its BEGIN:VEVENT */
  GString *text;
  GArray  *lines;       /* guint: the file's line of each line of text */
  gboolean truncated;   /* the file ended inside it */
} Chunk;

/* One event read from the file. */
typedef struct {
  Chunk   *chunk;
  char    *uid;
  BbEvent *event;
  GArray  *exdates;           /* gint64 */
  gboolean has_minutes;
  gboolean kind_guessed;      /* the file did not say; an occurrence takes its series' */
  char    *new_kind_code;     /* a kind to add to the station first */
  char    *new_kind_name;
} Parsed;

typedef struct {
  BbStore       *store;
  const char    *file_name;
  icalcomponent *zones;          /* VCALENDAR of the file's VTIMEZONEs, or NULL */
  const char    *default_tzid;   /* for UTC, floating and all-day times */
  char          *event_tzid;     /* the zone Beatbook wrote for an all-day event, or NULL */
  GHashTable    *kinds;          /* lower-case code and name → code */
  const char    *fallback_kind;
  GHashTable    *districts;      /* code → id */
  BbIcalImport  *report;
} Import;

/* Adds "FILE, event N (line L): MESSAGE" to the report; the event is skipped. */
void          bb_ical_report_problem   (Import      *imp,
                                        const Chunk *chunk,
                                        guint        line,
                                        const char  *message);
/* The file's line of the first line of @chunk that starts with @name. */
guint         bb_ical_line_of_property (const Chunk *chunk,
                                        const char  *name);
/* Writes every event of @parsed (Parsed), series and one-offs first. */
gboolean      bb_ical_write_all        (Import      *imp,
                                        GPtrArray   *parsed,
                                        GError     **error);

G_END_DECLS
