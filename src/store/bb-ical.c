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


void
bb_ical_report_problem (Import      *imp,
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
guint
bb_ical_line_of_property (const Chunk *chunk,
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
      bb_ical_report_problem (imp, chunk, 0, _("the file ends in the middle of this event (it may have been cut short)"));
      return NULL;
    }
  c = icalparser_parse_string (chunk->text->str);
  icalerror_clear_errno ();
  if (c == NULL || icalcomponent_isa (c) != ICAL_VEVENT_COMPONENT)
    {
      if (c != NULL)
        icalcomponent_free (c);
      bb_ical_report_problem (imp, chunk, 0, _("the event cannot be read"));
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
              bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, needed_properties[k]), msg);
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
      bb_ical_report_problem (imp, chunk, 0, _("DTSTART is missing"));
      icalcomponent_free (c);
      return NULL;
    }
  start_tt = icalproperty_get_dtstart (p);
  if (!read_time (imp, start_tt, p, &e->start_at, &tzid, &message))
    {
      bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "DTSTART"), message);
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
          bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "DTEND"), message);
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
      bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "DTEND"), _("DTEND is before DTSTART"));
      icalcomponent_free (c);
      return NULL;
    }

  if ((p = icalcomponent_get_first_property (c, ICAL_RRULE_PROPERTY)) != NULL)
    {
      const char *rule = icalproperty_get_value_as_string (p);
      g_autoptr(GError) error = NULL;

      if (!bb_recurrence_validate (rule, &error))
        {
          bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "RRULE"), error->message);
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
          bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "RECURRENCE-ID"), message);
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
          bb_ical_report_problem (imp, chunk, bb_ical_line_of_property (chunk, "EXDATE"), message);
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
      if (ok && !(bb_ical_write_all (&imp, parsed, error) && bb_store_commit (store, error)))
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
