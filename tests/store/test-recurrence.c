/* test-recurrence.c: repeating events against known answers, occurrences of the calendar, concerns followed up */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recurrence"

#include "config.h"

#include <math.h>

#include "bb-recurrence.h"
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

/* A rule, a start in a zone, and every occurrence expected, written as
 * wall-clock time with the zone's offset of that day, in the manner of
 * libical's own recurrence tests. */
typedef struct {
  const char *name;
  const char *rrule;
  const char *tzid;
  const char *dtstart;
  const char *expected[12];
} KnownAnswer;

static const KnownAnswer known_answers[] = {
  { "second Tuesday, across the spring change in Chisinau",
    "FREQ=MONTHLY;BYDAY=2TU;COUNT=6", "Europe/Chisinau", "2026-01-13T18:00:00+02:00",
    { "2026-01-13T18:00:00+02:00", "2026-02-10T18:00:00+02:00", "2026-03-10T18:00:00+02:00",
      "2026-04-14T18:00:00+03:00", "2026-05-12T18:00:00+03:00", "2026-06-09T18:00:00+03:00", NULL } },
  { "last Friday, Tallinn",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", "Europe/Tallinn", "2026-01-30T10:00:00+02:00",
    { "2026-01-30T10:00:00+02:00", "2026-02-27T10:00:00+02:00", "2026-03-27T10:00:00+02:00",
      "2026-04-24T10:00:00+03:00", "2026-05-29T10:00:00+03:00", NULL } },
  { "the 31st skips the short months (RFC 5545)",
    "FREQ=MONTHLY;COUNT=5", "UTC", "2026-01-31T09:00:00Z",
    { "2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z",
      "2026-07-31T09:00:00Z", "2026-08-31T09:00:00Z", NULL } },
  { "BYMONTHDAY=31 in Chisinau",
    "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "Europe/Chisinau", "2026-03-31T18:00:00+03:00",
    { "2026-03-31T18:00:00+03:00", "2026-05-31T18:00:00+03:00", "2026-07-31T18:00:00+03:00", NULL } },
  { "weekly across the autumn change in Chisinau stays at 18:00",
    "FREQ=WEEKLY;BYDAY=TU;COUNT=3", "Europe/Chisinau", "2026-10-20T18:00:00+03:00",
    { "2026-10-20T18:00:00+03:00", "2026-10-27T18:00:00+02:00", "2026-11-03T18:00:00+02:00", NULL } },
  { "every other day until a UTC time",
    "FREQ=DAILY;INTERVAL=2;UNTIL=20260307T235959Z", "UTC", "2026-03-01T08:00:00Z",
    { "2026-03-01T08:00:00Z", "2026-03-03T08:00:00Z", "2026-03-05T08:00:00Z", "2026-03-07T08:00:00Z", NULL } },
  { "every two weeks on Monday and Wednesday",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4", "Europe/Chisinau", "2026-03-02T17:30:00+02:00",
    { "2026-03-02T17:30:00+02:00", "2026-03-04T17:30:00+02:00", "2026-03-16T17:30:00+02:00",
      "2026-03-18T17:30:00+02:00", NULL } },
  { "yearly on 29 February",
    "FREQ=YEARLY;COUNT=3", "UTC", "2024-02-29T12:00:00Z",
    { "2024-02-29T12:00:00Z", "2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z", NULL } },
  { "quarterly press briefing, until the end of the year in the zone",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH;UNTIL=20261231T215959Z", "Europe/Chisinau", "2026-01-01T11:00:00+02:00",
    { "2026-01-01T11:00:00+02:00", "2026-04-02T11:00:00+03:00", "2026-07-02T11:00:00+03:00",
      "2026-10-01T11:00:00+03:00", NULL } },
};

static void
test_known_answers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_answers); i++)
    {
      const KnownAnswer *k = &known_answers[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) starts = NULL;
      guint n = 0;

      g_test_message ("%s: %s", k->name, k->rrule);
      starts = bb_recurrence_expand (k->rrule, at (k->dtstart), k->tzid, G_MININT64 / 2, G_MAXINT64 / 2, 0, &error);
      g_assert_no_error (error);
      while (k->expected[n] != NULL)
        n++;
      for (guint j = 0; j < MIN (n, starts->len); j++)
        {
          g_autoptr(GDateTime) got = g_date_time_new_from_unix_utc (g_array_index (starts, gint64, j));
          g_autofree char *text = g_date_time_format_iso8601 (got);

          if (g_array_index (starts, gint64, j) != at (k->expected[j]))
            g_error ("%s: occurrence %u is %s, expected %s", k->name, j + 1, text, k->expected[j]);
        }
      g_assert_cmpuint (starts->len, ==, n);
    }
}

static void
test_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) starts = NULL;

  /* Only the occurrences of March to May of a monthly series with no end. */
  starts = bb_recurrence_expand ("FREQ=MONTHLY;BYDAY=2TU", at ("2026-01-13T18:00:00+02:00"), "Europe/Chisinau",
                                 at ("2026-03-01T00:00:00+02:00"), at ("2026-06-01T00:00:00+03:00"), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 3);
  g_assert_cmpint (g_array_index (starts, gint64, 0), ==, at ("2026-03-10T18:00:00+02:00"));
  g_assert_cmpint (g_array_index (starts, gint64, 2), ==, at ("2026-05-12T18:00:00+03:00"));

  g_clear_pointer (&starts, g_array_unref);
  starts = bb_recurrence_expand ("FREQ=DAILY", at ("2026-01-01T08:00:00Z"), "UTC",
                                 at ("2026-01-01T00:00:00Z"), at ("2030-01-01T00:00:00Z"), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 10);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) starts = NULL;

  g_assert_false (bb_recurrence_validate ("FREQ=FORTNIGHTLY", &error));
  g_assert_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_INVALID_RULE);
  g_assert_nonnull (strstr (error->message, "FREQ=FORTNIGHTLY"));
  g_clear_error (&error);
  g_assert_false (bb_recurrence_validate ("", &error));
  g_clear_error (&error);
  g_assert_true (bb_recurrence_validate ("FREQ=MONTHLY;BYDAY=-1FR", &error));
  g_assert_no_error (error);

  starts = bb_recurrence_expand ("FREQ=DAILY", 0, "Mars/Olympus_Mons", 0, 100000, 0, &error);
  g_assert_null (starts);
  g_assert_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_UNKNOWN_ZONE);
}

static void
test_editor_rules (void)
{
  BbRecurrenceRule rule = { BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY, 1, 0, NULL };
  g_autofree char *rrule = NULL;
  g_autofree char *text = NULL;
  gint64 last_friday = at ("2026-01-30T10:00:00+02:00");
  gint64 second_tuesday = at ("2026-01-13T18:00:00+02:00");

  rrule = bb_recurrence_rule_to_rrule (&rule, last_friday, "Europe/Tallinn");
  g_assert_cmpstr (rrule, ==, "FREQ=MONTHLY;BYDAY=-1FR");
  g_clear_pointer (&rrule, g_free);

  rule.repeat = BB_REPEAT_MONTHLY_BY_WEEKDAY;
  rule.count = 12;
  rrule = bb_recurrence_rule_to_rrule (&rule, second_tuesday, "Europe/Chisinau");
  g_assert_cmpstr (rrule, ==, "FREQ=MONTHLY;BYDAY=2TU;COUNT=12");
  text = bb_recurrence_describe (rrule, second_tuesday, "Europe/Chisinau");
  g_assert_cmpstr (text, ==, "Monthly on the second Tuesday, 12 times");
  g_clear_pointer (&rrule, g_free);

  /* UNTIL is the last second of the chosen day in the event's zone, UTC. */
  rule.repeat = BB_REPEAT_WEEKLY;
  rule.interval = 2;
  rule.count = 0;
  rule.until = g_strdup ("2026-06-30");
  rrule = bb_recurrence_rule_to_rrule (&rule, second_tuesday, "Europe/Chisinau");
  g_assert_cmpstr (rrule, ==, "FREQ=WEEKLY;BYDAY=TU;INTERVAL=2;UNTIL=20260630T205959Z");
  bb_recurrence_rule_clear (&rule);

  bb_recurrence_rule_parse (rrule, "Europe/Chisinau", &rule);
  g_assert_cmpint (rule.repeat, ==, BB_REPEAT_WEEKLY);
  g_assert_cmpuint (rule.interval, ==, 2);
  g_assert_cmpstr (rule.until, ==, "2026-06-30");
  bb_recurrence_rule_clear (&rule);

  bb_recurrence_rule_parse ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", "Europe/Tallinn", &rule);
  g_assert_cmpint (rule.repeat, ==, BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY);
  g_assert_cmpuint (rule.count, ==, 5);
  bb_recurrence_rule_clear (&rule);

  bb_recurrence_rule_parse ("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1", "UTC", &rule);
  g_assert_cmpint (rule.repeat, ==, BB_REPEAT_CUSTOM);
  bb_recurrence_rule_clear (&rule);
  bb_recurrence_rule_parse (NULL, "UTC", &rule);
  g_assert_cmpint (rule.repeat, ==, BB_REPEAT_NONE);
}

/* The calendar on a station ------------------------------------------------ */

typedef struct {
  char    *dir;
  BbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BbStation) station = NULL;

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Calendar Station", &error);
  g_assert_no_error (error);
  station = bb_store_station_get (f->store, &error);
  g_assert_no_error (error);
  g_free (station->timezone);
  station->timezone = g_strdup ("Europe/Chisinau");
  bb_store_station_update (f->store, station, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
}

static BbEvent *
add_event (BbStore    *store,
           const char *title,
           const char *kind,
           const char *start,
           gint64      duration,
           const char *rrule)
{
  g_autoptr(GError) error = NULL;
  BbEvent *e = bb_event_new ();

  g_free (e->title);
  e->title = g_strdup (title);
  g_free (e->kind);
  e->kind = g_strdup (kind);
  e->start_at = at (start);
  e->end_at = e->start_at + duration;
  g_free (e->tzid);
  e->tzid = g_strdup ("Europe/Chisinau");
  e->rrule = g_strdup (rrule);
  bb_store_event_insert (store, e, &error);
  g_assert_no_error (error);
  return e;
}

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) series = NULL;
  g_autoptr(BbEvent) once = NULL;
  g_autoptr(BbEvent) moved = NULL;
  g_autoptr(BbEvent) cancelled = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbTask) task = bb_task_new ();
  BbCalendarItem *item;

  series = add_event (f->store, "Advisory group Centre", "advisory_meeting", "2026-01-13T18:00:00+02:00",
                      5400, "FREQ=MONTHLY;BYDAY=2TU;COUNT=12");
  once = add_event (f->store, "Open day", "open_day", "2026-03-21T10:00:00+02:00", 5 * 3600, NULL);

  /* March's meeting moves to Thursday; April's is cancelled. */
  moved = bb_event_copy (series);
  g_clear_pointer (&moved->id, g_free);
  g_clear_pointer (&moved->rrule, g_free);
  moved->series_id = g_strdup (series->id);
  moved->recurrence_id = at ("2026-03-10T18:00:00+02:00");
  moved->start_at = at ("2026-03-12T18:30:00+02:00");
  moved->end_at = moved->start_at + 3600;
  bb_store_event_insert (f->store, moved, &error);
  g_assert_no_error (error);
  cancelled = bb_event_copy (moved);
  g_clear_pointer (&cancelled->id, g_free);
  cancelled->recurrence_id = at ("2026-04-14T18:00:00+03:00");
  cancelled->start_at = cancelled->recurrence_id;
  cancelled->end_at = cancelled->start_at + 5400;
  cancelled->cancelled = TRUE;
  bb_store_event_insert (f->store, cancelled, &error);
  g_assert_no_error (error);

  g_free (plan->title);
  plan->title = g_strdup ("Safer Centre");
  bb_store_plan_insert (f->store, plan, &error);
  g_assert_no_error (error);
  g_free (task->title);
  task->title = g_strdup ("Ask the municipality about the lamps");
  task->plan_id = g_strdup (plan->id);
  task->due_date = g_strdup ("2026-03-31");
  bb_store_task_insert (f->store, task, &error);
  g_assert_no_error (error);

  items = bb_store_calendar_items (f->store, at ("2026-03-01T00:00:00+02:00"), at ("2026-05-01T00:00:00+03:00"),
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  /* The moved March meeting, the open day, the task, no April meeting. */
  g_assert_cmpuint (items->len, ==, 3);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->id, ==, moved->id);
  g_assert_cmpstr (item->series_id, ==, series->id);
  g_assert_cmpint (item->start, ==, at ("2026-03-12T18:30:00+02:00"));
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->id, ==, once->id);
  item = g_ptr_array_index (items, 2);
  g_assert_cmpint (item->kind, ==, BB_CALENDAR_ITEM_TASK);
  g_assert_cmpstr (item->context, ==, "Safer Centre");
  g_assert_cmpint (item->start, ==, at ("2026-03-31T00:00:00+03:00"));
  g_assert_false (item->done);

  /* Ticked off from the calendar. */
  g_assert_true (bb_store_calendar_set_done (f->store, BB_CALENDAR_ITEM_TASK, task->id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* May's meeting is the series' own, at 18:00 local time. */
  items = bb_store_calendar_items (f->store, at ("2026-05-01T00:00:00+03:00"), at ("2026-06-01T00:00:00+03:00"),
                                   "advisory_meeting", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->id, ==, series->id);
  g_assert_cmpint (item->recurrence_id, ==, at ("2026-05-12T18:00:00+03:00"));
  g_assert_cmpint (item->end - item->start, ==, 5400);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = bb_store_calendar_items (f->store, at ("2026-03-01T00:00:00+02:00"), at ("2026-05-01T00:00:00+03:00"),
                                   BB_CALENDAR_KIND_DEADLINES, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_true (((BbCalendarItem *) g_ptr_array_index (items, 0))->done);
}

static void
test_concerns (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) first = NULL;
  g_autoptr(BbEvent) second = NULL;
  g_autoptr(BbConcern) lamps = bb_concern_new ();
  g_autoptr(BbConcern) dogs = bb_concern_new ();
  g_autoptr(BbConcern) stored = NULL;
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbIncident) incident = NULL;
  g_autoptr(BbCategory) category = NULL;
  g_autoptr(BbResponse) response = bb_response_new ();
  g_autoptr(BbTask) task = bb_task_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *problem_id = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *previous = NULL;
  BbReportBack *item;
  gint64 previous_start = 0;

  first = add_event (f->store, "Advisory group, March", "advisory_meeting", "2026-03-10T18:00:00+02:00", 5400, NULL);
  first->place = (g_free (first->place), g_strdup ("Community room"));
  first->lat = 47.01;
  first->lon = 28.86;
  bb_store_event_update (f->store, first, &error);
  g_assert_no_error (error);
  second = add_event (f->store, "Advisory group, April", "advisory_meeting", "2026-04-14T18:00:00+03:00", 5400, NULL);

  lamps->event_id = g_strdup (first->id);
  lamps->text = g_strdup ("The street lamps on Strada Pușkin have been dark for a month. Residents are afraid at night.");
  bb_store_concern_insert (f->store, lamps, &error);
  g_assert_no_error (error);
  dogs->event_id = g_strdup (first->id);
  dogs->text = g_strdup ("Stray dogs at the school gate");
  bb_store_concern_insert (f->store, dogs, &error);
  g_assert_no_error (error);

  /* Concern → problem, in the scanning stage, linked back. */
  problem_id = bb_store_concern_make_problem (f->store, lamps->id, &error);
  g_assert_no_error (error);
  problem = bb_store_problem_get (f->store, problem_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (problem->stage, ==, "scanning");
  g_assert_cmpstr (problem->title, ==, "The street lamps on Strada Pușkin have been dark for a month");
  g_assert_nonnull (strstr (problem->statement, "Advisory group, March"));
  stored = bb_store_concern_get (f->store, lamps->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->problem_id, ==, problem_id);
  /* Only once. */
  g_assert_null (bb_store_concern_make_problem (f->store, lamps->id, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Concern → a resident's concern recorded as an incident. */
  category = bb_store_category_get_by_code (f->store, "stray_dogs", &error);
  g_assert_no_error (error);
  incident_id = bb_store_concern_make_incident (f->store, dogs->id, category->id, &error);
  g_assert_no_error (error);
  incident = bb_store_incident_get (f->store, incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (incident->source, ==, "meeting");
  g_assert_cmpstr (incident->description, ==, "Stray dogs at the school gate");
  g_assert_cmpint (incident->occurred_start, ==, first->start_at);
  g_assert_cmpfloat (incident->lat, ==, 47.01);
  g_clear_pointer (&stored, bb_concern_free);
  stored = bb_store_concern_get (f->store, dogs->id, &error);
  g_assert_cmpstr (stored->incident_id, ==, incident_id);

  /* A bad category writes nothing, not even half. */
  {
    g_autoptr(BbConcern) other = bb_concern_new ();
    g_autoptr(BbConcern) again = NULL;
    gint64 before = bb_store_count (f->store, "incident", NULL);

    other->event_id = g_strdup (first->id);
    other->text = g_strdup ("Noise from the bar");
    bb_store_concern_insert (f->store, other, &error);
    g_assert_no_error (error);
    g_assert_null (bb_store_concern_make_incident (f->store, other->id, "no-such-category", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (bb_store_count (f->store, "incident", NULL), ==, before);
    again = bb_store_concern_get (f->store, other->id, &error);
    g_assert_null (again->incident_id);
  }

  /* One of the problem's two tasks is done. */
  response->problem_id = g_strdup (problem_id);
  response->title = g_strdup ("Repair the lamps");
  bb_store_response_insert (f->store, response, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(BbTask) t = bb_task_new ();

      t->response_id = g_strdup (response->id);
      t->title = g_strdup (i == 0 ? "Report to the municipality" : "Check the repair");
      t->done = i == 0;
      bb_store_task_insert (f->store, t, &error);
      g_assert_no_error (error);
    }

  /* You said, we did: at April's meeting, March's concerns. */
  back = bb_store_event_report_back (f->store, "advisory_meeting", NULL, second->start_at,
                                     &previous, &previous_start, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (previous, ==, first->id);
  g_assert_cmpint (previous_start, ==, first->start_at);
  g_assert_cmpuint (back->len, ==, 3);
  item = g_ptr_array_index (back, 0);
  g_assert_cmpstr (item->problem_stage, ==, "scanning");
  g_assert_cmpuint (item->tasks_done, ==, 1);
  g_assert_cmpuint (item->tasks_total, ==, 2);
  item = g_ptr_array_index (back, 1);
  g_assert_cmpstr (item->incident_status, ==, "open");
  g_clear_pointer (&back, g_ptr_array_unref);

  /* The first meeting of a group has nothing to report back on. */
  back = bb_store_event_report_back (f->store, "advisory_meeting", NULL, first->start_at, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 0);
  (void) task;
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/known-answers", test_known_answers);
  g_test_add_func ("/recurrence/range", test_range);
  g_test_add_func ("/recurrence/errors", test_errors);
  g_test_add_func ("/recurrence/editor-rules", test_editor_rules);
  g_test_add ("/calendar/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/calendar/concerns", Fixture, NULL, fixture_set_up, test_concerns, fixture_tear_down);
  return g_test_run ();
}
