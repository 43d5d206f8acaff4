/* bb-ical.c: iCalendar (.ics) import of events as other calendars write them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-ical"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libical/ical.h>

#include "bb-ical.h"
#include "bb-ical-private.h"
#include "bb-recurrence.h"
#include "bb-store-private.h"

G_DEFINE_QUARK (bb-ical-error-quark, bb_ical_error)

void
bb_ical_import_free (BbIcalImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self);
}

gboolean
bb_ical_is_utc_name (const char *tzid)
{
  return tzid == NULL || *tzid == '\0' || g_str_equal (tzid, "UTC") || g_str_equal (tzid, "Etc/UTC");
}

/* A zone of the tz database by the names calendars give it: plain
 * ("Europe/Chisinau") or behind a vendor prefix
 * ("/freeassociation.sourceforge.net/Europe/Chisinau",
 * "/mozilla.org/20050126_1/Europe/Berlin"); @iana gets the plain name. */
icaltimezone *
bb_ical_builtin_zone (const char  *name,
              const char **iana)
{
  const char *p = name;

  if (name == NULL)
    return NULL;
  if (bb_ical_is_utc_name (name) || g_ascii_strcasecmp (name, "Z") == 0)
    {
      *iana = "UTC";
      return icaltimezone_get_utc_timezone ();
    }
  while (p != NULL && *p != '\0')
    {
      icaltimezone *zone;

      while (*p == '/')
        p++;
      if (strchr (p, '/') != NULL || g_str_equal (p, "UTC"))
        {
          zone = icaltimezone_get_builtin_timezone (p);
          if (zone != NULL)
            {
              *iana = p;
              return zone;
            }
        }
      p = strchr (p, '/');
    }
  return NULL;
}

GHashTable *
bb_ical_read_pairs (BbStore     *store,
            const char  *sql,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, error);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_text (stmt, 0) != NULL && sqlite3_column_text (stmt, 1) != NULL)
      g_hash_table_insert (pairs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the calendar"));
      return NULL;
    }
  return g_steal_pointer (&pairs);
}

/* Import ------------------------------------------------------------------ */

/* One VEVENT of the file, as the scanner found it. */
typedef struct {
  guint    index;       /* 1-based, in the file */
  guint    line;        /* of its BEGIN:VEVENT */
  GString *text;
  GArray  *lines;       /* guint: the file's line of each line of text */
  gboolean truncated;   /* the file ended inside it */
} Chunk;

static void
chunk_free (Chunk *chunk)
{
  g_string_free (chunk->text, TRUE);
  g_array_unref (chunk->lines);
  g_free (chunk);
}

typedef struct {
  GPtrArray *chunks;
  GString   *zones;      /* the file's VTIMEZONE components */
  char      *wr_timezone;
  gboolean   seen_calendar;
} Scan;

static gboolean
line_is (const char *line,
         const char *what)
{
  return g_ascii_strcasecmp (line, what) == 0;
}

static void
scan_file (const char *data,
           gsize       length,
           Scan       *scan)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = g_strndup (data, length);
  Chunk *chunk = NULL;
  guint depth_in_event = 0;
  gboolean in_zone = FALSE;
  guint n_events = 0;

  scan->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) chunk_free);
  scan->zones = g_string_new (NULL);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      guint number = i + 1;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (i == 0 && g_str_has_prefix (line, "\xef\xbb\xbf"))
        line += 3;

      if (chunk != NULL)
        {
          g_string_append (chunk->text, line);
          g_string_append (chunk->text, "\r\n");
          g_array_append_val (chunk->lines, number);
          if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0)
            depth_in_event++;
          else if (g_ascii_strncasecmp (line, "END:", 4) == 0 && --depth_in_event == 0)
            {
              g_ptr_array_add (scan->chunks, chunk);
              chunk = NULL;
            }
          else if (g_ascii_strncasecmp (line, "BEGIN:VCALENDAR", 15) == 0)
            {
              /* A new calendar inside an event: the event was cut short. */
              chunk->truncated = TRUE;
              g_ptr_array_add (scan->chunks, chunk);
              chunk = NULL;
            }
          continue;
        }
      if (in_zone)
        {
          g_string_append (scan->zones, line);
          g_string_append (scan->zones, "\r\n");
          if (line_is (line, "END:VTIMEZONE"))
            in_zone = FALSE;
          continue;
        }
      if (line_is (line, "BEGIN:VCALENDAR"))
        scan->seen_calendar = TRUE;
      else if (line_is (line, "BEGIN:VEVENT"))
        {
          chunk = g_new0 (Chunk, 1);
          chunk->index = ++n_events;
          chunk->line = number;
          chunk->text = g_string_new (NULL);
          chunk->lines = g_array_new (FALSE, FALSE, sizeof (guint));
          g_string_append (chunk->text, "BEGIN:VEVENT\r\n");
          g_array_append_val (chunk->lines, number);
          depth_in_event = 1;
          scan->seen_calendar = TRUE;
        }
      else if (line_is (line, "BEGIN:VTIMEZONE"))
        {
          in_zone = TRUE;
          g_string_append (scan->zones, "BEGIN:VTIMEZONE\r\n");
        }
      else if (g_ascii_strncasecmp (line, "X-WR-TIMEZONE:", 14) == 0 && scan->wr_timezone == NULL)
        scan->wr_timezone = g_strstrip (g_strdup (line + 14));
    }
  if (chunk != NULL)
    {
      chunk->truncated = TRUE;
      g_ptr_array_add (scan->chunks, chunk);
    }
}

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

static void
parsed_free (Parsed *p)
{
  g_free (p->uid);
  g_free (p->new_kind_code);
  g_free (p->new_kind_name);
  g_clear_pointer (&p->event, bb_event_free);
  g_clear_pointer (&p->exdates, g_array_unref);
  g_free (p);
}

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

static void
report_problem (Import      *imp,
                const Chunk *chunk,
                guint        line,
                const char  *message)
{
  char *text;

  /* Translators: "meetings.ics, event 3 (line 41): DTSTART is missing" */
  text = g_strdup_printf (_("%s, event %u (line %u): %s"), imp->file_name, chunk->index,
                          line ? line : chunk->line, message);
  g_ptr_array_add (imp->report->problems, text);
  imp->report->n_skipped++;
}

/* The file's line of the first line of the event that starts with @name. */
static guint
line_of_property (const Chunk *chunk,
                  const char  *name)
{
  g_auto(GStrv) lines = g_strsplit (chunk->text->str, "\r\n", -1);
  gsize n = strlen (name);

  for (guint i = 0; lines[i] != NULL && i < chunk->lines->len; i++)
    if (g_ascii_strncasecmp (lines[i], name, n) == 0 && (lines[i][n] == ':' || lines[i][n] == ';'))
      return g_array_index (chunk->lines, guint, i);
  return chunk->line;
}

/* A time of the file in seconds since the epoch; @tzid gets the zone the
 * event keeps. */
static gboolean
read_time (Import              *imp,
           struct icaltimetype  tt,
           icalproperty        *prop,
           gint64              *out,
           const char         **tzid,
           char               **message)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  icaltimezone *zone = NULL;
  const char *iana = NULL;

  if (icaltime_is_null_time (tt) || !icaltime_is_valid_time (tt))
    {
      *message = g_strdup_printf (_("%s is not a valid date"), icalproperty_kind_to_string (icalproperty_isa (prop)));
      return FALSE;
    }
  if (tt.is_date || param == NULL)
    {
      if (!tt.is_date && icaltime_is_utc (tt))
        zone = icaltimezone_get_utc_timezone ();
      else
        zone = bb_ical_builtin_zone (imp->event_tzid ? imp->event_tzid : imp->default_tzid, &iana);
      *tzid = imp->event_tzid ? imp->event_tzid : imp->default_tzid;
    }
  else
    {
      const char *name = icalparameter_get_tzid (param);

      zone = bb_ical_builtin_zone (name, &iana);
      if (zone != NULL)
        *tzid = iana;
      else
        {
          /* Outlook names zones its own way ("W. Europe Standard Time")
           * and describes them in a VTIMEZONE: the times are read with
           * it and the event keeps the station's zone. */
          zone = imp->zones != NULL ? icalcomponent_get_timezone (imp->zones, name) : NULL;
          *tzid = imp->default_tzid;
        }
      if (zone == NULL)
        {
          /* Translators: %s is a time zone name from a calendar file */
          *message = g_strdup_printf (_("the time zone “%s” is not known and the file does not describe it"), name);
          return FALSE;
        }
    }
  if (zone == NULL)
    zone = icaltimezone_get_utc_timezone ();
  tt.zone = NULL;
  if (tt.is_date)
    {
      tt.is_date = 0;
      tt.hour = tt.minute = tt.second = 0;
    }
  *out = icaltime_as_timet_with_zone (tt, zone);
  return TRUE;
}

/* The station's kind for the event; a kind another Beatbook station
 * exported that this one lacks is named in @new_code and @new_name, to be
 * added with the event. */
static const char *
kind_for (Import        *imp,
          icalcomponent *c,
          char         **new_code,
          char         **new_name)
{
  icalproperty *p;
  const char *unknown = NULL;

  for (p = icalcomponent_get_first_property (c, ICAL_X_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (c, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), "X-BEATBOOK-KIND") == 0)
      {
        g_autofree char *key = g_utf8_strdown (icalproperty_get_x (p), -1);
        const char *code = g_hash_table_lookup (imp->kinds, key);

        if (code != NULL)
          return code;
        unknown = icalproperty_get_x (p);
      }
  for (p = icalcomponent_get_first_property (c, ICAL_CATEGORIES_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (c, ICAL_CATEGORIES_PROPERTY))
    {
      g_auto(GStrv) values = g_strsplit (icalproperty_get_categories (p), ",", -1);

      for (guint i = 0; values[i] != NULL; i++)
        {
          g_autofree char *key = g_utf8_strdown (g_strstrip (values[i]), -1);
          const char *code = g_hash_table_lookup (imp->kinds, key);

          if (code != NULL)
            return code;
          if (unknown != NULL && *new_name == NULL && *values[i] != '\0')
            *new_name = g_strdup (values[i]);
        }
    }
  if (unknown != NULL && g_regex_match_simple ("^[a-z0-9_]{1,40}$", unknown, 0, 0))
    {
      *new_code = g_strdup (unknown);
      if (*new_name == NULL)
        *new_name = g_strdup (unknown);
      return *new_code;
    }
  g_clear_pointer (new_name, g_free);
  return imp->fallback_kind;
}

static const char *
x_value (icalcomponent *c,
         const char    *name)
{
  icalproperty *p;

  for (p = icalcomponent_get_first_property (c, ICAL_X_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (c, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

/* The properties whose values Beatbook needs: an error in one of them
 * leaves the event out. */
static const char * const needed_properties[] = {
  "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RECURRENCE-ID", NULL
};

static Parsed *
parse_chunk (Import *imp,
             Chunk  *chunk)
{
  g_autoptr(BbEvent) e = NULL;
  g_autofree char *message = NULL;
  icalcomponent *c;
  icalproperty *p;
  Parsed *parsed;
  struct icaltimetype start_tt;
  const char *tzid = NULL, *end_tzid = NULL;
  const char *text;
  gint64 t;

  if (chunk->truncated)
    {
      report_problem (imp, chunk, 0, _("the file ends in the middle of this event (it may have been cut short)"));
      return NULL;
    }
  c = icalparser_parse_string (chunk->text->str);
  icalerror_clear_errno ();
  if (c == NULL || icalcomponent_isa (c) != ICAL_VEVENT_COMPONENT)
    {
      if (c != NULL)
        icalcomponent_free (c);
      report_problem (imp, chunk, 0, _("the event cannot be read"));
      return NULL;
    }

  /* Values libical could not read are left as X-LIC-ERROR lines. */
  for (p = icalcomponent_get_first_property (c, ICAL_XLICERROR_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (c, ICAL_XLICERROR_PROPERTY))
    {
      const char *error = icalproperty_get_xlicerror (p);

      for (guint k = 0; needed_properties[k] != NULL; k++)
        {
          g_autofree char *needle = g_strdup_printf (" in %s property", needed_properties[k]);
          const char *value = error != NULL ? strstr (error, "property: ") : NULL;

          if (error != NULL && strstr (error, needle) != NULL)
            {
              g_autofree char *msg = NULL;

              if (g_str_equal (needed_properties[k], "RRULE"))
                /* Translators: %s is the rule as written in the file */
                msg = g_strdup_printf (_("the repeat rule RRULE “%s” is not valid"), value ? value + 10 : "");
              else
                /* Translators: the first %s is a property name (DTSTART), the second its value */
                msg = g_strdup_printf (_("%s “%s” is not a valid date or time"), needed_properties[k],
                                       value ? value + 10 : "");
              report_problem (imp, chunk, line_of_property (chunk, needed_properties[k]), msg);
              icalcomponent_free (c);
              return NULL;
            }
        }
    }

  /* Beatbook keeps the zone of an all-day event, which DATE values lack. */
  g_clear_pointer (&imp->event_tzid, g_free);
  if ((text = x_value (c, "X-BEATBOOK-TZID")) != NULL)
    {
      const char *iana = NULL;

      if (bb_ical_builtin_zone (text, &iana) != NULL)
        imp->event_tzid = g_strdup (iana);
    }

  e = bb_event_new ();
  p = icalcomponent_get_first_property (c, ICAL_DTSTART_PROPERTY);
  if (p == NULL)
    {
      report_problem (imp, chunk, 0, _("DTSTART is missing"));
      icalcomponent_free (c);
      return NULL;
    }
  start_tt = icalproperty_get_dtstart (p);
  if (!read_time (imp, start_tt, p, &e->start_at, &tzid, &message))
    {
      report_problem (imp, chunk, line_of_property (chunk, "DTSTART"), message);
      icalcomponent_free (c);
      return NULL;
    }
  e->all_day = start_tt.is_date;
  g_free (e->tzid);
  e->tzid = g_strdup (tzid);

  if ((p = icalcomponent_get_first_property (c, ICAL_DTEND_PROPERTY)) != NULL)
    {
      if (!read_time (imp, icalproperty_get_dtend (p), p, &e->end_at, &end_tzid, &message))
        {
          report_problem (imp, chunk, line_of_property (chunk, "DTEND"), message);
          icalcomponent_free (c);
          return NULL;
        }
    }
  else if ((p = icalcomponent_get_first_property (c, ICAL_DURATION_PROPERTY)) != NULL)
    e->end_at = e->start_at + icaldurationtype_as_int (icalproperty_get_duration (p));
  else if (e->all_day)
    {
      /* A day in the event's zone, which is not always 24 hours. */
      struct icaltimetype next = start_tt;
      const char *iana = NULL;
      icaltimezone *zone = bb_ical_builtin_zone (e->tzid, &iana);

      icaltime_adjust (&next, 1, 0, 0, 0);
      next.is_date = 0;
      next.zone = NULL;
      e->end_at = icaltime_as_timet_with_zone (next, zone ? zone : icaltimezone_get_utc_timezone ());
    }
  else
    e->end_at = e->start_at;
  if (e->end_at < e->start_at)
    {
      report_problem (imp, chunk, line_of_property (chunk, "DTEND"), _("DTEND is before DTSTART"));
      icalcomponent_free (c);
      return NULL;
    }

  if ((p = icalcomponent_get_first_property (c, ICAL_RRULE_PROPERTY)) != NULL)
    {
      const char *rule = icalproperty_get_value_as_string (p);
      g_autoptr(GError) error = NULL;

      if (!bb_recurrence_validate (rule, &error))
        {
          report_problem (imp, chunk, line_of_property (chunk, "RRULE"), error->message);
          icalcomponent_free (c);
          return NULL;
        }
      e->rrule = g_strdup (rule);
    }

  parsed = g_new0 (Parsed, 1);
  parsed->chunk = chunk;
  parsed->exdates = g_array_new (FALSE, FALSE, sizeof (gint64));
  e->recurrence_id = BB_UNSET_TIME;
  if ((p = icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY)) != NULL)
    {
      const char *ignored = NULL;

      if (!read_time (imp, icalproperty_get_recurrenceid (p), p, &e->recurrence_id, &ignored, &message))
        {
          report_problem (imp, chunk, line_of_property (chunk, "RECURRENCE-ID"), message);
          parsed_free (parsed);
          icalcomponent_free (c);
          return NULL;
        }
      g_clear_pointer (&e->rrule, g_free);
    }
  for (p = icalcomponent_get_first_property (c, ICAL_EXDATE_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (c, ICAL_EXDATE_PROPERTY))
    {
      const char *ignored = NULL;

      if (!read_time (imp, icalproperty_get_exdate (p), p, &t, &ignored, &message))
        {
          report_problem (imp, chunk, line_of_property (chunk, "EXDATE"), message);
          parsed_free (parsed);
          icalcomponent_free (c);
          return NULL;
        }
      g_array_append_val (parsed->exdates, t);
    }

  text = icalcomponent_get_summary (c);
  g_free (e->title);
  e->title = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*e->title == '\0')
    {
      g_free (e->title);
      e->title = g_strdup (_("Untitled event"));
    }
  g_free (e->kind);
  e->kind = g_strdup (kind_for (imp, c, &parsed->new_kind_code, &parsed->new_kind_name));
  parsed->kind_guessed = e->kind == NULL || g_str_equal (e->kind, imp->fallback_kind);
  text = icalcomponent_get_location (c);
  g_free (e->place);
  e->place = g_strdup (text ? text : "");
  text = icalcomponent_get_description (c);
  g_free (e->agenda);
  e->agenda = g_strdup (text ? text : "");
  if ((p = icalcomponent_get_first_property (c, ICAL_COMMENT_PROPERTY)) != NULL)
    {
      g_free (e->minutes);
      e->minutes = g_strdup (icalproperty_get_comment (p));
      parsed->has_minutes = TRUE;
    }
  if ((p = icalcomponent_get_first_property (c, ICAL_GEO_PROPERTY)) != NULL)
    {
      struct icalgeotype geo = icalproperty_get_geo (p);

      if (geo.lat >= -90 && geo.lat <= 90 && geo.lon >= -180 && geo.lon <= 180)
        {
          e->lat = geo.lat;
          e->lon = geo.lon;
        }
    }
  e->cancelled = icalcomponent_get_status (c) == ICAL_STATUS_CANCELLED;
  if ((text = x_value (c, "X-BEATBOOK-DISTRICT")) != NULL)
    e->district_id = g_strdup (g_hash_table_lookup (imp->districts, text));
  if ((text = x_value (c, "X-BEATBOOK-HEAD-COUNT")) != NULL)
    {
      gint64 n = g_ascii_strtoll (text, NULL, 10);

      e->head_count = n >= 0 && n < G_MAXINT ? (int) n : BB_UNSET_INT;
    }

  text = icalcomponent_get_uid (c);
  parsed->uid = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  parsed->event = g_steal_pointer (&e);
  icalcomponent_free (c);
  return parsed;
}

static void
bind_opt_text (sqlite3_stmt *stmt,
               int           n,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, n, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, n);
}

static gboolean
step_done (BbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Importing the calendar"));
      return FALSE;
    }
  return TRUE;
}

/* Finds a row: a series or one-off by UID (or, for Beatbook's own
 * exports of events that came with no UID, by id), an exception by its
 * series and original start. */
static char *
find_event (BbStore     *store,
            const char  *uid,
            const char  *series_id,
            gint64       recurrence_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (series_id == NULL)
    {
      stmt = bb_store_prepare (store, "SELECT id FROM event WHERE (ical_uid = ?1 OR id = ?1) AND series_id IS NULL"
                                      " ORDER BY ical_uid IS NULL LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = bb_store_prepare (store, "SELECT id FROM event WHERE series_id = ?1 AND recurrence_id = ?2 LIMIT 1",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, series_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, recurrence_id);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    bb_store_set_error_from_db (store, error, _("Importing the calendar"));
  return NULL;
}

/* Adds or updates one row; @id_out gets its id. */
static gboolean
write_event (Import         *imp,
             const BbEvent  *e,
             const char     *uid,
             const char     *series_id,
             gboolean        keep_minutes,
             char          **id_out,
             gboolean       *added,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = bb_store_now_us ();

  id = find_event (imp->store, uid, series_id, e->recurrence_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *added = id == NULL;
  if (id == NULL)
    {
      id = bb_store_new_uuid ();
      stmt = bb_store_prepare (imp->store,
                               "INSERT INTO event (id, station_id, title, kind, start_at, end_at, all_day, tzid,"
                               " rrule, cancelled, place, lat, lon, district_id, head_count, agenda, minutes,"
                               " series_id, recurrence_id, ical_uid, created_at, updated_at)"
                               " VALUES (?1, ?20, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                               " coalesce (?16, ''), ?17, ?18, ?19, ?21, ?21)", error);
    }
  else
    stmt = bb_store_prepare (imp->store,
                             "UPDATE event SET title = ?2, kind = ?3, start_at = ?4, end_at = ?5, all_day = ?6,"
                             " tzid = ?7, rrule = ?8, cancelled = ?9, place = ?10, lat = ?11, lon = ?12,"
                             " district_id = coalesce (?13, district_id), head_count = coalesce (?14, head_count),"
                             " agenda = ?15, minutes = coalesce (?16, minutes), updated_at = ?21"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, e->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, e->start_at);
  sqlite3_bind_int64 (stmt, 5, e->end_at);
  sqlite3_bind_int (stmt, 6, e->all_day ? 1 : 0);
  sqlite3_bind_text (stmt, 7, e->tzid, -1, SQLITE_STATIC);
  bind_opt_text (stmt, 8, e->rrule);
  sqlite3_bind_int (stmt, 9, e->cancelled ? 1 : 0);
  sqlite3_bind_text (stmt, 10, e->place ? e->place : "", -1, SQLITE_STATIC);
  if (isnan (e->lat) || isnan (e->lon))
    {
      sqlite3_bind_null (stmt, 11);
      sqlite3_bind_null (stmt, 12);
    }
  else
    {
      sqlite3_bind_double (stmt, 11, e->lat);
      sqlite3_bind_double (stmt, 12, e->lon);
    }
  bind_opt_text (stmt, 13, e->district_id);
  if (e->head_count >= 0)
    sqlite3_bind_int (stmt, 14, e->head_count);
  else
    sqlite3_bind_null (stmt, 14);
  sqlite3_bind_text (stmt, 15, e->agenda ? e->agenda : "", -1, SQLITE_STATIC);
  bind_opt_text (stmt, 16, keep_minutes ? NULL : e->minutes);
  bind_opt_text (stmt, 17, series_id);
  if (series_id != NULL)
    sqlite3_bind_int64 (stmt, 18, e->recurrence_id);
  else
    sqlite3_bind_null (stmt, 18);
  bind_opt_text (stmt, 19, series_id == NULL ? uid : NULL);
  sqlite3_bind_text (stmt, 20, bb_store_get_station_id (imp->store), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 21, now);
  if (!step_done (imp->store, stmt, error))
    return FALSE;
  *id_out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
write_all (Import     *imp,
           GPtrArray  *parsed,
           GError    **error)
{
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Series and one-off events first, then the occurrences that change
   * or cancel one of them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < parsed->len; i++)
      {
        Parsed *p = g_ptr_array_index (parsed, i);
        BbEvent *e = p->event;
        g_autofree char *id = NULL;
        g_autofree char *uid = NULL;
        gboolean added;

        if ((pass == 0) != (e->recurrence_id == BB_UNSET_TIME))
          continue;
        if (p->new_kind_code != NULL)
          {
            g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (imp->store,
                                                             "INSERT OR IGNORE INTO event_kind (code, name, sort_order)"
                                                             " VALUES (?1, ?2, (SELECT coalesce (max (sort_order), 0) + 1"
                                                             " FROM event_kind))", error);

            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, p->new_kind_code, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 2, p->new_kind_name, -1, SQLITE_STATIC);
            if (!step_done (imp->store, stmt, error))
              return FALSE;
          }
        if (pass == 0)
          {
            uid = p->uid != NULL ? g_strdup (p->uid) : bb_store_new_uuid ();
            if (!write_event (imp, e, uid, NULL, !p->has_minutes, &id, &added, error))
              return FALSE;
            if (added)
              imp->report->n_added++;
            else
              imp->report->n_updated++;
            for (guint k = 0; k < p->exdates->len; k++)
              {
                g_autoptr(BbEvent) x = bb_event_copy (e);
                g_autofree char *x_id = NULL;
                gboolean x_added;

                x->recurrence_id = g_array_index (p->exdates, gint64, k);
                x->end_at = x->recurrence_id + (e->end_at - e->start_at);
                x->start_at = x->recurrence_id;
                g_clear_pointer (&x->rrule, g_free);
                x->cancelled = TRUE;
                if (!write_event (imp, x, NULL, id, TRUE, &x_id, &x_added, error))
                  return FALSE;
              }
            g_hash_table_insert (series, g_steal_pointer (&uid), g_steal_pointer (&id));
          }
        else
          {
            const char *series_id = p->uid ? g_hash_table_lookup (series, p->uid) : NULL;
            g_autofree char *stored = NULL;

            if (series_id == NULL && p->uid != NULL)
              {
                g_autoptr(GError) local_error = NULL;

                stored = find_event (imp->store, p->uid, NULL, 0, &local_error);
                if (local_error != NULL)
                  {
                    g_propagate_error (error, g_steal_pointer (&local_error));
                    return FALSE;
                  }
                series_id = stored;
              }
            if (series_id == NULL)
              {
                report_problem (imp, p->chunk, line_of_property (p->chunk, "RECURRENCE-ID"),
                                _("this changed occurrence belongs to a repeating event that is neither in the file nor in the station"));
                continue;
              }
            if (p->kind_guessed || e->district_id == NULL)
              {
                g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (imp->store,
                                                                 "SELECT kind, district_id FROM event WHERE id = ?1",
                                                                 error);

                if (stmt == NULL)
                  return FALSE;
                sqlite3_bind_text (stmt, 1, series_id, -1, SQLITE_STATIC);
                if (sqlite3_step (stmt) == SQLITE_ROW)
                  {
                    if (p->kind_guessed)
                      {
                        g_free (e->kind);
                        e->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
                      }
                    if (e->district_id == NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
                      e->district_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
                  }
              }
            if (!write_event (imp, e, NULL, series_id, !p->has_minutes, &id, &added, error))
              return FALSE;
            if (added)
              imp->report->n_added++;
            else
              imp->report->n_updated++;
          }
      }
  return TRUE;
}

BbIcalImport *
bb_ical_import (BbStore     *store,
                const char  *data,
                gsize        length,
                const char  *file_name,
                GError     **error)
{
  g_autoptr(BbIcalImport) report = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GHashTable) kinds = NULL;
  g_autoptr(GHashTable) districts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fallback = NULL;
  Scan scan = { NULL };
  Import imp = { NULL };
  const char *iana = NULL;
  gboolean ok;
  BB_STORE_LOCK_SCOPE (store);

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (file_name == NULL)
    file_name = _("the calendar file");
  if (!g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error (error, BB_ICAL_ERROR, BB_ICAL_ERROR_NOT_ICALENDAR,
                   _("%s is not an iCalendar file: it is not UTF-8 text"), file_name);
      return NULL;
    }
  scan_file (data, length, &scan);
  if (!scan.seen_calendar)
    {
      g_set_error (error, BB_ICAL_ERROR, BB_ICAL_ERROR_NOT_ICALENDAR,
                   _("%s is not an iCalendar file: it has no BEGIN:VCALENDAR"), file_name);
      goto out_scan;
    }

  station = bb_store_station_get (store, error);
  if (station == NULL)
    goto out_scan;
  kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = bb_store_prepare (store, "SELECT code, name FROM event_kind ORDER BY sort_order", error);
  if (stmt == NULL)
    goto out_scan;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (fallback == NULL || g_str_equal (code, "other"))
        {
          g_free (fallback);
          fallback = g_strdup (code);
        }
      g_hash_table_insert (kinds, g_utf8_strdown (name, -1), g_strdup (code));
      g_hash_table_insert (kinds, g_utf8_strdown (code, -1), g_strdup (code));
    }
  if (fallback == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The station has no kinds of events; add one before importing a calendar"));
      goto out_scan;
    }
  districts = bb_ical_read_pairs (store, "SELECT code, id FROM district", error);
  if (districts == NULL)
    goto out_scan;

  report = g_new0 (BbIcalImport, 1);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  imp.store = store;
  imp.file_name = file_name;
  imp.kinds = kinds;
  imp.fallback_kind = fallback;
  imp.districts = districts;
  imp.report = report;
  imp.default_tzid = station->timezone;
  if (scan.wr_timezone != NULL && bb_ical_builtin_zone (scan.wr_timezone, &iana) != NULL)
    imp.default_tzid = iana;
  else if (bb_ical_builtin_zone (imp.default_tzid, &iana) == NULL)
    imp.default_tzid = "UTC";
  if (scan.zones->len > 0)
    {
      g_autofree char *text = g_strdup_printf ("BEGIN:VCALENDAR\r\n%sEND:VCALENDAR\r\n", scan.zones->str);

      imp.zones = icalparser_parse_string (text);
      icalerror_clear_errno ();
    }

  parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_free);
  for (guint i = 0; i < scan.chunks->len; i++)
    {
      Parsed *p = parse_chunk (&imp, g_ptr_array_index (scan.chunks, i));

      if (p != NULL)
        g_ptr_array_add (parsed, p);
    }
  if (scan.chunks->len == 0)
    {
      g_set_error (error, BB_ICAL_ERROR, BB_ICAL_ERROR_EMPTY, _("%s holds no events"), file_name);
      ok = FALSE;
    }
  else if (parsed->len == 0)
    ok = TRUE;
  else
    {
      ok = bb_store_begin (store, error);
      if (ok && !(write_all (&imp, parsed, error) && bb_store_commit (store, error)))
        {
          bb_store_rollback (store);
          ok = FALSE;
        }
    }
  g_clear_pointer (&parsed, g_ptr_array_unref);
  g_clear_pointer (&imp.event_tzid, g_free);
  if (imp.zones != NULL)
    icalcomponent_free (imp.zones);
  if (!ok)
    g_clear_pointer (&report, bb_ical_import_free);

out_scan:
  g_clear_pointer (&scan.chunks, g_ptr_array_unref);
  if (scan.zones != NULL)
    g_string_free (scan.zones, TRUE);
  g_free (scan.wr_timezone);
  return g_steal_pointer (&report);
}

BbIcalImport *
bb_ical_import_file (BbStore     *store,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  name = g_path_get_basename (path);
  return bb_ical_import (store, contents, length, name, error);
}
