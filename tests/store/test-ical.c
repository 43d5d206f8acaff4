/* test-ical.c: iCalendar import of Thunderbird, Google, Outlook and phone files, broken files, and the round trip */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ical"

#include "config.h"

#include <math.h>
#include <string.h>
#include <libical/ical.h>

#include "bb-demo-station.h"
#include "bb-ical.h"
#include "bb-store-calendar.h"
#include "bb-store.h"
#include "store-test-util.h"

static gint64
at (const char *iso)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return g_date_time_to_unix (t);
}

typedef struct {
  char    *dir;
  BbStore *store;
} Fixture;

static BbStore *
new_station (const char *dir,
             const char *name,
             const char *timezone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(BbStation) station = NULL;
  BbStore *store = bb_store_create (path, "Calendar Station", &error);

  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  g_free (station->timezone);
  station->timezone = g_strdup (timezone);
  bb_store_station_update (store, station, &error);
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = make_test_dir ();
  f->store = new_station (f->dir, "station.beatbook", "Europe/Chisinau");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
}

static BbIcalImport *
import_sample (BbStore    *store,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "store", "ical", name, NULL);
  BbIcalImport *report = bb_ical_import_file (store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (report->problems, i));
  return report;
}

static BbEvent *
event_by_title (BbStore    *store,
                const char *title)
{
  g_autoptr(GPtrArray) events = bb_store_list (store, &bb_event_record, NULL, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      BbEvent *e = g_ptr_array_index (events, i);

      if (g_str_equal (e->title, title))
        return bb_event_copy (e);
    }
  g_error ("no event “%s”", title);
}

static void
test_thunderbird (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BbIcalImport) report = import_sample (f->store, "thunderbird.ics");
  g_autoptr(BbIcalImport) again = NULL;
  g_autoptr(BbEvent) series = NULL;
  g_autoptr(BbEvent) open_day = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[] = {
    "2026-02-10T18:00:00+02:00", "2026-04-16T18:30:00+03:00", "2026-05-12T18:00:00+03:00",
    "2026-06-09T18:00:00+03:00", "2026-07-14T18:00:00+03:00",
  };
  guint n = 0;

  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpuint (report->n_skipped, ==, 0);

  series = event_by_title (f->store, "Neighbourhood meeting, Botanica");
  g_assert_cmpstr (series->tzid, ==, "Europe/Chisinau");
  g_assert_cmpint (series->start_at, ==, at ("2026-02-10T18:00:00+02:00"));
  g_assert_cmpint (series->end_at - series->start_at, ==, 5400);
  g_assert_nonnull (strstr (series->rrule, "BYDAY=2TU"));
  g_assert_cmpstr (series->kind, ==, "community_meeting");
  g_assert_cmpstr (series->place, ==, "School no. 3, hall");
  g_assert_cmpstr (series->agenda, ==, "1. Last month's incidents\n2. Lighting on Strada Decebal\n3. Questions");
  g_assert_cmpstr (series->ical_uid, ==, "6f0b1c2e-7a51-4d1c-9f0e-2d5b8c1a9e01");
  open_day = event_by_title (f->store, "Police open day");
  g_assert_true (open_day->all_day);
  g_assert_cmpstr (open_day->kind, ==, "open_day");
  g_assert_cmpint (open_day->start_at, ==, at ("2026-05-16T00:00:00+03:00"));
  g_assert_cmpint (open_day->end_at, ==, at ("2026-05-17T00:00:00+03:00"));

  /* EXDATE leaves March out, RECURRENCE-ID moves April to Thursday. */
  items = bb_store_calendar_items (f->store, at ("2026-01-01T00:00:00+02:00"), at ("2027-01-01T00:00:00+02:00"),
                                   "community_meeting", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);

      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (item->start, ==, at (expected[n]));
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  /* The same file again changes what it says and adds nothing. */
  again = import_sample (f->store, "thunderbird.ics");
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_updated, ==, 3);
  g_assert_cmpint (bb_store_count (f->store, "event", NULL), ==, 4);  /* series, EXDATE, moved, open day */
}

static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BbIcalImport) report = import_sample (f->store, "google.ics");
  g_autoptr(BbEvent) visit = NULL;
  g_autoptr(BbEvent) briefing = NULL;
  g_autoptr(BbEvent) training = NULL;

  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_added, ==, 3);
  visit = event_by_title (f->store, "School visit – road safety");
  g_assert_cmpint (visit->start_at, ==, at ("2026-03-05T09:00:00Z"));
  /* UTC times keep the calendar's own zone (X-WR-TIMEZONE). */
  g_assert_cmpstr (visit->tzid, ==, "Europe/Chisinau");
  g_assert_cmpstr (visit->kind, ==, "other");
  g_assert_cmpstr (visit->place, ==, "Liceul Teoretic \"Mihai Eminescu\", Strada Ismail 12, Chișinău");
  briefing = event_by_title (f->store, "Quarterly press briefing");
  g_assert_cmpstr (briefing->rrule, ==, "FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE");
  training = event_by_title (f->store, "Training: problem-solving with partners");
  g_assert_true (training->all_day);
  g_assert_cmpint (training->start_at, ==, at ("2026-04-20T00:00:00+03:00"));
  g_assert_cmpint (training->end_at, ==, at ("2026-04-22T00:00:00+03:00"));
}

static void
test_outlook_and_phone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BbIcalImport) outlook = import_sample (f->store, "outlook.ics");
  g_autoptr(BbIcalImport) phone = import_sample (f->store, "phone.ics");
  g_autoptr(BbEvent) council = NULL;
  g_autoptr(BbEvent) shops = NULL;

  g_assert_cmpuint (outlook->n_added, ==, 1);
  g_assert_cmpuint (outlook->problems->len, ==, 0);
  council = event_by_title (f->store, "Local safety council");
  /* Outlook's own zone name, read with the file's VTIMEZONE. */
  g_assert_cmpint (council->start_at, ==, at ("2026-06-02T10:00:00+03:00"));
  g_assert_cmpint (council->end_at, ==, at ("2026-06-02T12:00:00+03:00"));
  g_assert_cmpstr (council->tzid, ==, "Europe/Chisinau");
  g_assert_cmpstr (council->place, ==, "City hall, room 204");

  g_assert_cmpuint (phone->n_added, ==, 1);
  shops = event_by_title (f->store, "Meet shop owners on Strada Alba Iulia");
  /* Floating time is the station's. */
  g_assert_cmpint (shops->start_at, ==, at ("2026-03-12T15:00:00+02:00"));
  g_assert_cmpint (shops->end_at - shops->start_at, ==, 45 * 60);
}

static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BbIcalImport) report = import_sample (f->store, "broken.ics");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIcalImport) none = NULL;

  /* The good events import; each bad one is named with its line. */
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->n_skipped, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->problems, 0), ==, "broken.ics, event 2 (line 10): DTSTART is missing");
  g_assert_cmpstr (g_ptr_array_index (report->problems, 1), ==,
                   "broken.ics, event 3 (line 19): the repeat rule RRULE “FREQ=FORTNIGHTLY;BYDAY=TU” is not valid");
  g_assert_cmpstr (g_ptr_array_index (report->problems, 2), ==,
                   "broken.ics, event 5 (line 28): the file ends in the middle of this event (it may have been cut short)");
  g_assert_cmpint (bb_store_count (f->store, "event", NULL), ==, 2);

  /* Not a calendar at all: an error, nothing written. */
  none = bb_ical_import (f->store, "Name,Date\nMeeting,2026-03-01\n", 32, "meetings.csv", &error);
  g_assert_null (none);
  g_assert_error (error, BB_ICAL_ERROR, BB_ICAL_ERROR_NOT_ICALENDAR);
  g_assert_nonnull (strstr (error->message, "meetings.csv"));
  g_clear_error (&error);
  none = bb_ical_import (f->store, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 44, "empty.ics", &error);
  g_assert_null (none);
  g_assert_error (error, BB_ICAL_ERROR, BB_ICAL_ERROR_EMPTY);
  g_assert_cmpint (bb_store_count (f->store, "event", NULL), ==, 2);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Rules compared as libical reads them: "BYDAY=+3WE;COUNT=12" and
 * "COUNT=12;BYDAY=3WE" are the same rule. */
static char *
normal_rule (const char *rrule)
{
  struct icalrecurrencetype r;

  if (rrule == NULL)
    return g_strdup ("-");
  r = icalrecurrencetype_from_string (rrule);
  return icalrecurrencetype_as_string_r (&r);
}

/* Every event as one line of what the round trip keeps (not the
 * district or organiser, which name records of the station). */
static GPtrArray *
canonical_events (BbStore *store)
{
  g_autoptr(GPtrArray) events = bb_store_list (store, &bb_event_record, NULL, NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    {
      BbEvent *e = g_ptr_array_index (events, i);

      if (e->series_id == NULL)
        g_hash_table_insert (uids, e->id, e->ical_uid ? e->ical_uid : e->id);
    }
  for (guint i = 0; i < events->len; i++)
    {
      BbEvent *e = g_ptr_array_index (events, i);
      const char *uid = g_hash_table_lookup (uids, e->series_id ? e->series_id : e->id);
      g_autofree char *rule = normal_rule (e->rrule);

      g_ptr_array_add (lines, g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                               "|%d|%s|%s|%d|%s|%.6f|%.6f|%s|%s|%d",
                                               uid, e->recurrence_id, e->title, e->kind, e->start_at, e->end_at,
                                               e->all_day, e->tzid, rule, e->cancelled, e->place,
                                               e->lat, e->lon, e->agenda, e->minutes, e->head_count));
    }
  g_ptr_array_sort (lines, compare_lines);
  return lines;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ();
  g_autofree char *demo_path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autofree char *ics_path = g_build_filename (dir, "all.ics", NULL);
  g_autoptr(BbStore) demo = NULL;
  g_autoptr(BbStore) fresh = NULL;
  g_autoptr(BbIcalImport) report = NULL;
  g_autoptr(BbIcalImport) again = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *one = NULL;
  g_autoptr(BbEvent) any = NULL;
  g_autoptr(GPtrArray) events = NULL;
  BbDemoOptions options;

  bb_demo_options_init_default (&options);
  options.n_incidents = 300;
  demo = bb_demo_station_create (demo_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (bb_ical_export_file (demo, NULL, ics_path, &error));
  g_assert_no_error (error);

  fresh = new_station (dir, "fresh.beatbook", "UTC");
  report = bb_ical_import_file (fresh, ics_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (bb_store_count (fresh, "event", NULL), ==, bb_store_count (demo, "event", NULL));

  before = canonical_events (demo);
  after = canonical_events (fresh);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));

  /* Importing the same file again duplicates nothing. */
  again = bb_ical_import_file (fresh, ics_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpint (bb_store_count (fresh, "event", NULL), ==, bb_store_count (demo, "event", NULL));

  /* One event: its series, with a VTIMEZONE for its zone. */
  events = bb_store_list (demo, &bb_event_record, NULL, &error);
  for (guint i = 0; i < events->len && any == NULL; i++)
    {
      BbEvent *e = g_ptr_array_index (events, i);

      if (e->series_id != NULL)
        any = bb_event_copy (e);
    }
  g_assert_nonnull (any);
  {
    const char *ids[] = { any->id, NULL };

    one = bb_ical_export (demo, ids, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (one, "BEGIN:VTIMEZONE\r\nTZID:Europe/Tirane"));
  g_assert_nonnull (strstr (one, "RRULE:FREQ=MONTHLY"));
  g_assert_nonnull (strstr (one, "RECURRENCE-ID;TZID=Europe/Tirane:"));
  g_assert_nonnull (strstr (one, "CATEGORIES:"));

  g_clear_object (&demo);
  g_clear_object (&fresh);
  rm_dir (dir);
}

static gboolean
write_ical (const char  *path,
            gpointer     data,
            GError     **error)
{
  return bb_ical_export_file (data, NULL, path, error);
}

/* The calendar's .ics reaches the disk whole or not at all. */
static void
test_export_atomic (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *station = g_build_filename (dir, "station.beatbook", NULL);
  g_autofree char *ics_path = g_build_filename (dir, "meetings.ics", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) demo = NULL;
  BbDemoOptions options;

  bb_demo_options_init_default (&options);
  options.n_incidents = 10;
  demo = bb_demo_station_create (station, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_export_is_atomic (ics_path, write_ical, demo);
  g_clear_object (&demo);
  rm_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ical/thunderbird", Fixture, NULL, fixture_set_up, test_thunderbird, fixture_tear_down);
  g_test_add ("/ical/google", Fixture, NULL, fixture_set_up, test_google, fixture_tear_down);
  g_test_add ("/ical/outlook-and-phone", Fixture, NULL, fixture_set_up, test_outlook_and_phone, fixture_tear_down);
  g_test_add ("/ical/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);
  g_test_add_func ("/ical/round-trip", test_round_trip);
  g_test_add_func ("/ical/export-atomic", test_export_atomic);
  return g_test_run ();
}
