/* test-records.c: the station's value types: defaults, copies and validation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-incident-filter.h"
#include "bb-records.h"

static BbIncident *
valid_incident (void)
{
  BbIncident *incident = bb_incident_new ();

  incident->category_id = g_strdup ("c0ffee00-0000-4000-8000-000000000001");
  incident->occurred_start = 1714550400;   /* 2024-05-01 08:00 UTC */
  return incident;
}

/* The validation error, asserting it is one and holds every @parts. */
static void
assert_invalid (gboolean     ok,
                GError     **errorp,
                const char  *first_part,
                ...)
{
  GError *error = *errorp;
  va_list args;
  const char *part;

  g_assert_false (ok);
  g_assert_error (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID);
  va_start (args, first_part);
  for (part = first_part; part != NULL; part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, part);
  va_end (args);
}

static void
test_defaults (void)
{
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbStation) station = bb_station_new ();
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbSurveyResponse) response = bb_survey_response_new ();

  g_assert_null (incident->id);
  g_assert_cmpstr (incident->status, ==, "open");
  g_assert_cmpstr (incident->source, ==, "patrol");
  g_assert_true (isnan (incident->lat) && isnan (incident->lon));
  g_assert_cmpint (incident->occurred_end, ==, BB_UNSET_TIME);
  g_assert_cmpint (incident->reported_at, ==, BB_UNSET_TIME);
  g_assert_false (incident->restricted);

  g_assert_cmpstr (problem->stage, ==, "scanning");
  g_assert_cmpint (problem->priority, ==, 2);
  g_assert_cmpfloat (problem->buffer_m, ==, 200);
  g_assert_cmpstr (station->colour_primary, ==, "#1c3f94");
  g_assert_cmpstr (event->tzid, ==, "UTC");
  g_assert_cmpint (event->head_count, ==, BB_UNSET_INT);
  g_assert_cmpint (district->population, ==, BB_UNSET_INT);
  g_assert_nonnull (response->answers);
  g_assert_cmpuint (response->answers->len, ==, 0);
}

static void
test_copy (void)
{
  g_autoptr(BbIncident) incident = valid_incident ();
  g_autoptr(BbIncident) copy = NULL;
  g_autoptr(BbOfficer) officer = bb_officer_new ();
  g_autoptr(BbOfficer) officer_copy = NULL;
  g_autoptr(BbSurveyResponse) response = bb_survey_response_new ();
  g_autoptr(BbSurveyResponse) response_copy = NULL;
  static const guint8 photo[] = { 1, 2, 3, 4 };

  incident->id = g_strdup ("id-1");
  incident->description = g_strdup ("Window broken");
  incident->lat = 56.9;
  incident->lon = 24.1;
  copy = bb_incident_copy (incident);
  g_assert_true (copy != incident);
  g_assert_true (copy->description != incident->description);
  g_assert_cmpstr (copy->id, ==, "id-1");
  g_assert_cmpstr (copy->description, ==, "Window broken");
  g_assert_cmpfloat (copy->lat, ==, 56.9);
  g_free (copy->description);
  copy->description = g_strdup ("changed");
  g_assert_cmpstr (incident->description, ==, "Window broken");
  g_assert_null (bb_incident_copy (NULL));

  officer->photo = g_bytes_new_static (photo, sizeof photo);
  officer_copy = bb_officer_copy (officer);
  g_assert_true (g_bytes_equal (officer_copy->photo, officer->photo));

  bb_survey_response_add_answer (response, "q1", "yes");
  bb_survey_response_add_answer (response, "q2", "3");
  response_copy = bb_survey_response_copy (response);
  g_assert_cmpuint (response_copy->answers->len, ==, 2);
  g_assert_true (response_copy->answers->pdata[1] != response->answers->pdata[1]);
  g_assert_cmpstr (((BbSurveyAnswer *) response_copy->answers->pdata[1])->value, ==, "3");

  /* Boxed types, for properties and list models. */
  g_assert_true (G_TYPE_IS_BOXED (bb_incident_get_type ()));
  g_assert_true (G_TYPE_IS_BOXED (bb_survey_response_get_type ()));
  g_assert_true (G_TYPE_IS_BOXED (BB_TYPE_INCIDENT_FILTER));
}

static void
test_incident_validation (void)
{
  g_autoptr(BbIncident) incident = valid_incident ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bb_incident_validate (incident, &error));
  g_assert_no_error (error);

  incident->lat = 95;
  incident->lon = 24;
  assert_invalid (bb_incident_validate (incident, &error), &error, "Latitude 95 is outside −90…90", NULL);
  g_clear_error (&error);

  incident->lat = -90;
  incident->lon = 180;
  g_assert_true (bb_incident_validate (incident, NULL));
  incident->lon = -180.5;
  assert_invalid (bb_incident_validate (incident, &error), &error, "Longitude −180.5 is outside −180…180", NULL);
  g_clear_error (&error);

  incident->lon = NAN;
  assert_invalid (bb_incident_validate (incident, &error), &error, "latitude and a longitude", NULL);
  g_clear_error (&error);
  incident->lat = NAN;
  g_assert_true (bb_incident_validate (incident, NULL));

  incident->lat = INFINITY;
  incident->lon = 24;
  assert_invalid (bb_incident_validate (incident, &error), &error, "Latitude", "not a number", NULL);
  g_clear_error (&error);
  incident->lat = NAN;
  incident->lon = NAN;

  incident->occurred_end = incident->occurred_start - 60;
  assert_invalid (bb_incident_validate (incident, &error), &error,
                  "ends (2024-05-01 07:59 UTC) before it starts (2024-05-01 08:00 UTC)", NULL);
  g_clear_error (&error);
  incident->occurred_end = incident->occurred_start;
  g_assert_true (bb_incident_validate (incident, NULL));

  g_free (incident->status);
  incident->status = g_strdup ("lost");
  assert_invalid (bb_incident_validate (incident, &error), &error, "Status", "“lost”", "open, cleared, referred", NULL);
  g_clear_error (&error);
  g_free (incident->status);
  incident->status = g_strdup ("cleared");

  g_free (incident->source);
  incident->source = g_strdup ("rumour");
  assert_invalid (bb_incident_validate (incident, &error), &error, "Source", "rumour", NULL);
  g_clear_error (&error);
  g_free (incident->source);
  incident->source = g_strdup ("hotline");

  g_free (incident->category_id);
  incident->category_id = g_strdup ("  ");
  assert_invalid (bb_incident_validate (incident, &error), &error, "Category must not be empty", NULL);
  g_clear_error (&error);
}

static void
test_other_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbTask) task = bb_task_new ();
  g_autoptr(BbCategory) category = bb_category_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbEventAttendee) attendee = bb_event_attendee_new ();
  g_autoptr(BbSurvey) survey = bb_survey_new ();

  event->title = g_strdup ("Open day");
  event->start_at = 1717200000;
  event->end_at = 1717200000 - 1;
  assert_invalid (bb_event_validate (event, &error), &error, "The event ends", NULL);
  g_clear_error (&error);
  event->end_at = 1717200000 + 7200;
  g_assert_true (bb_event_validate (event, NULL));
  g_free (event->title);
  event->title = g_strdup ("");
  assert_invalid (bb_event_validate (event, &error), &error, "Title must not be empty", NULL);
  g_clear_error (&error);
  g_free (event->title);
  event->title = g_strdup ("Open day");
  event->head_count = -3;
  assert_invalid (bb_event_validate (event, &error), &error, "Head count −3 is outside", NULL);
  g_clear_error (&error);

  problem->title = g_strdup ("Burglaries on the estate");
  problem->priority = 4;
  assert_invalid (bb_problem_validate (problem, &error), &error, "Priority 4 is outside 1…3", NULL);
  g_clear_error (&error);
  problem->priority = 1;
  problem->baseline_start = 200;
  problem->baseline_end = 100;
  assert_invalid (bb_problem_validate (problem, &error), &error, "baseline", NULL);
  g_clear_error (&error);
  problem->baseline_end = BB_UNSET_TIME;
  g_assert_true (bb_problem_validate (problem, NULL));
  g_free (problem->stage);
  problem->stage = g_strdup ("done");
  assert_invalid (bb_problem_validate (problem, &error), &error, "Stage", "done", NULL);
  g_clear_error (&error);

  task->title = g_strdup ("Visit the school");
  assert_invalid (bb_task_validate (task, &error), &error, "either a response or a plan", NULL);
  g_clear_error (&error);
  task->plan_id = g_strdup ("p");
  g_assert_true (bb_task_validate (task, NULL));
  task->due_date = g_strdup ("2025-02-30");
  assert_invalid (bb_task_validate (task, &error), &error, "2025-02-30", "not a date", NULL);
  g_clear_error (&error);

  category->code = g_strdup ("noise");
  category->name = g_strdup ("Noise");
  g_free (category->colour);
  category->colour = g_strdup ("#12345");
  assert_invalid (bb_category_validate (category, &error), &error, "#12345", "not a colour", NULL);
  g_clear_error (&error);
  g_free (category->colour);
  category->colour = g_strdup ("#12345g");
  g_assert_false (bb_category_validate (category, NULL));
  g_free (category->colour);
  category->colour = g_strdup ("#1A2b3C");
  g_assert_true (bb_category_validate (category, NULL));
  g_free (category->kind);
  category->kind = g_strdup ("weather");
  assert_invalid (bb_category_validate (category, &error), &error, "weather", "crime, disorder, environment, traffic", NULL);
  g_clear_error (&error);

  plan->title = g_strdup ("Safety plan");
  plan->period_start = g_strdup ("2025-12-31");
  plan->period_end = g_strdup ("2025-01-01");
  assert_invalid (bb_plan_validate (plan, &error), &error, "The plan ends (2025-01-01) before it starts (2025-12-31)", NULL);
  g_clear_error (&error);

  district->name = g_strdup ("Harbour");
  district->population = -5;
  assert_invalid (bb_district_validate (district, &error), &error, "Population", NULL);
  g_clear_error (&error);
  district->population = 0;
  district->boundary = g_strdup ("POLYGON((0 0, 1 0, 1 1, 0 0))");
  assert_invalid (bb_district_validate (district, &error), &error, "Harbour", "GeoJSON", NULL);
  g_clear_error (&error);

  attendee->event_id = g_strdup ("e");
  assert_invalid (bb_event_attendee_validate (attendee, &error), &error, "partner or an officer", NULL);
  g_clear_error (&error);
  attendee->partner_id = g_strdup ("p");
  g_assert_true (bb_event_attendee_validate (attendee, NULL));

  survey->questionnaire_id = g_strdup ("q");
  survey->title = g_strdup ("Spring");
  survey->period_start = g_strdup ("2025-03-01");
  assert_invalid (bb_survey_validate (survey, &error), &error, "Period end must not be empty", NULL);
  g_clear_error (&error);
}

static void
test_filter (void)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(BbIncidentFilter) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "a", "b", NULL };
  char *query;

  g_assert_true (bb_incident_filter_validate (filter, NULL));
  bb_incident_filter_set_category_ids (filter, ids);
  bb_incident_filter_set_text (filter, "bicycle");
  filter->restricted = BB_RESTRICTED_EXCLUDE;
  copy = bb_incident_filter_copy (filter);
  g_assert_true (bb_incident_filter_equal (filter, copy));
  g_assert_true (copy->category_ids != filter->category_ids);
  bb_incident_filter_set_text (copy, "car");
  g_assert_false (bb_incident_filter_equal (filter, copy));
  bb_incident_filter_set_text (copy, "bicycle");
  bb_incident_filter_set_category_ids (copy, NULL);
  g_assert_false (bb_incident_filter_equal (filter, copy));

  bb_incident_filter_set_time_range (filter, 100, 50);
  g_assert_false (bb_incident_filter_validate (filter, &error));
  g_assert_error (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID);

  /* Words become quoted prefix terms; nothing typed is syntax. */
  query = bb_incident_filter_text_to_query ("  broken window ");
  g_assert_cmpstr (query, ==, "\"broken\"* \"window\"*");
  g_free (query);
  query = bb_incident_filter_text_to_query ("dogs OR \"cats\" NEAR(x)");
  g_assert_cmpstr (query, ==, "\"dogs\"* \"OR\"* \"cats\"* \"NEAR\"* \"x\"*");
  g_free (query);
  query = bb_incident_filter_text_to_query ("Ģertrūdes iela 12");
  g_assert_cmpstr (query, ==, "\"Ģertrūdes\"* \"iela\"* \"12\"*");
  g_free (query);
  g_assert_null (bb_incident_filter_text_to_query (" \"*()- "));
  g_assert_null (bb_incident_filter_text_to_query (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/records/defaults", test_defaults);
  g_test_add_func ("/core/records/copy", test_copy);
  g_test_add_func ("/core/records/incident-validation", test_incident_validation);
  g_test_add_func ("/core/records/other-validation", test_other_validation);
  g_test_add_func ("/core/records/incident-filter", test_filter);

  return g_test_run ();
}
