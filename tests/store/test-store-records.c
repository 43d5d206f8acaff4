/* test-store-records.c: create, read, update and delete of every kind of record, and what is refused */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  BbStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Test Station", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
}

static char *
category_id (BbStore    *store,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (store, code, &error);

  g_assert_no_error (error);
  return g_strdup (c->id);
}

static gint64
count (BbStore    *store,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = bb_store_count (store, table, &error);

  g_assert_no_error (error);
  return n;
}

static const char *
text_or_empty (gconstpointer  record,
               const BbField *f)
{
  const char *s = *(const char * const *) ((const guint8 *) record + f->offset);
  return s ? s : "";
}

/* Inserts, reads back, updates one string field, lists and deletes a
 * record of any type; @field names a string member to change. */
static void
check_crud (BbStore            *store,
            const BbRecordType *type,
            gpointer            record,
            const char         *field,
            const char         *new_value)
{
  g_autoptr(GError) error = NULL;
  const BbField *f = bb_record_type_find_field (type, field);
  BbRecord *head = record;
  BbRecord *got;
  GPtrArray *list;
  gint64 before = count (store, type->table);
  gint64 created;
  gboolean found = FALSE;

  g_assert_nonnull (f);
  g_assert_true (f->kind == BB_FIELD_STRING || f->kind == BB_FIELD_STRING_OPT);

  g_assert_true (bb_store_insert (store, type, record, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (head->id));
  g_assert_cmpstr (head->station_id, ==, bb_store_get_station_id (store));
  g_assert_cmpint (head->created_at, >, 1600000000LL * G_USEC_PER_SEC);
  g_assert_cmpint (head->created_at, ==, head->updated_at);
  g_assert_cmpint (count (store, type->table), ==, before + 1);
  created = head->created_at;

  got = bb_store_get (store, type, head->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->id, ==, head->id);
  g_assert_cmpint (got->created_at, ==, created);
  /* An unset text reads back as empty (or unset). */
  g_assert_cmpstr (text_or_empty (got, f), ==, text_or_empty (record, f));
  bb_record_free (type, got);

  g_free (*(char **) ((guint8 *) record + f->offset));
  *(char **) ((guint8 *) record + f->offset) = g_strdup (new_value);
  g_usleep (2);
  g_assert_true (bb_store_update (store, type, record, &error));
  g_assert_no_error (error);
  got = bb_store_get (store, type, head->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (*(char **) ((guint8 *) got + f->offset), ==, new_value);
  g_assert_cmpint (got->created_at, ==, created);
  g_assert_cmpint (got->updated_at, >, created);
  bb_record_free (type, got);

  list = bb_store_list (store, type, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, before + 1);
  for (guint i = 0; i < list->len; i++)
    found |= g_str_equal (((BbRecord *) list->pdata[i])->id, head->id);
  g_assert_true (found);
  g_ptr_array_unref (list);
}

static void
check_delete (BbStore            *store,
              const BbRecordType *type,
              const char         *id)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count (store, type->table);

  g_assert_true (bb_store_delete (store, type, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, type->table), ==, before - 1);
  g_assert_null (bb_store_get (store, type, id, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bb_store_delete (store, type, id, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
}

static void
test_every_entity (Fixture       *f,
                   gconstpointer  data)
{
  BbStore *s = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbOfficer) officer = bb_officer_new ();
  g_autoptr(BbPartner) partner = bb_partner_new ();
  g_autoptr(BbAdvisoryMember) member = bb_advisory_member_new ();
  g_autoptr(BbCategory) category = bb_category_new ();
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbResponse) response = bb_response_new ();
  g_autoptr(BbTask) task = bb_task_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbObjective) objective = bb_objective_new ();
  g_autoptr(BbIndicator) indicator = bb_indicator_new ();
  g_autoptr(BbPlanReview) review = bb_plan_review_new ();
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbEventAttendee) attendee = bb_event_attendee_new ();
  g_autoptr(BbConcern) concern = bb_concern_new ();
  g_autoptr(BbQuestionnaire) questionnaire = bb_questionnaire_new ();
  g_autoptr(BbQuestion) question = bb_question_new ();
  g_autoptr(BbSurvey) survey = bb_survey_new ();
  g_autoptr(BbSurveyResponse) answer_sheet = bb_survey_response_new ();
  g_autoptr(BbDocument) document = bb_document_new ();
  g_autoptr(BbGeoLayer) layer = bb_geo_layer_new ();
  g_auto(GStrv) links = NULL;

  district->name = g_strdup ("Harbour");
  district->code = g_strdup ("D01");
  district->population = 5400;
  district->boundary = g_strdup ("{\"type\":\"Polygon\",\"coordinates\":[[[24.0,56.0],[24.1,56.0],[24.1,56.1],[24.0,56.1],[24.0,56.0]]]}");
  check_crud (s, &bb_district_record, district, "code", "D01a");
  g_assert_cmpfloat (district->min_lon, ==, 24.0);
  g_assert_cmpfloat (district->max_lat, ==, 56.1);

  officer->name = g_strdup ("Anna Berzina");
  officer->rank = g_strdup ("Inspector");
  officer->district_id = g_strdup (district->id);
  check_crud (s, &bb_officer_record, officer, "phone", "+371 2000 0001");
  district->officer_id = g_strdup (officer->id);
  g_assert_true (bb_store_district_update (s, district, &error));
  g_assert_no_error (error);

  g_free (partner->kind);
  partner->kind = g_strdup ("school");
  partner->name = g_strdup ("Harbour Primary School");
  partner->district_id = g_strdup (district->id);
  check_crud (s, &bb_partner_record, partner, "contact_name", "Head teacher");

  member->district_id = g_strdup (district->id);
  member->partner_id = g_strdup (partner->id);
  member->since = g_strdup ("2024-01-15");
  check_crud (s, &bb_advisory_member_record, member, "role", "chair");
  {
    g_autoptr(GPtrArray) members = bb_store_advisory_member_list (s, district->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (members->len, ==, 1);
  }

  category->name = g_strdup ("Scooter theft");
  category->code = g_strdup ("theft.scooter");
  category->parent_id = category_id (s, "theft");
  g_free (category->kind);
  category->kind = g_strdup ("disorder");   /* a subcategory takes its parent's kind */
  check_crud (s, &bb_category_record, category, "colour", "#aa3333");
  g_assert_cmpstr (category->kind, ==, "crime");

  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1714550400;
  incident->occurred_end = 1714554000;
  incident->reported_at = 1714560000;
  incident->lat = 56.05;
  incident->lon = 24.05;
  incident->description = g_strdup ("Electric scooter taken from a yard");
  check_crud (s, &bb_incident_record, incident, "address", "7 Quay Street");
  /* The district came from the position. */
  g_assert_cmpstr (incident->district_id, ==, district->id);
  {
    g_autoptr(BbIncident) got = bb_store_incident_get (s, incident->id, &error);
    g_assert_cmpint (got->occurred_end, ==, 1714554000);
    g_assert_cmpfloat (got->lat, ==, 56.05);
    g_assert_cmpstr (got->status, ==, "open");
    g_assert_cmpstr (got->source, ==, "patrol");
    g_assert_null (got->external_id);
  }

  problem->title = g_strdup ("Scooter thefts around the harbour");
  problem->district_id = g_strdup (district->id);
  problem->owner_id = g_strdup (officer->id);
  problem->baseline_start = 1700000000;
  problem->baseline_end = 1710000000;
  check_crud (s, &bb_problem_record, problem, "statement", "Scooters left unlocked in yards");
  {
    const char *ids[] = { category->id, NULL };
    const char *partners[] = { partner->id, NULL };
    g_assert_true (bb_store_problem_set_categories (s, problem->id, ids, &error));
    g_assert_true (bb_store_problem_set_partners (s, problem->id, partners, &error));
    g_assert_no_error (error);
    links = bb_store_problem_dup_categories (s, problem->id, &error);
    g_assert_cmpstrv (links, ids);
    g_clear_pointer (&links, g_strfreev);
    links = bb_store_problem_dup_partners (s, problem->id, &error);
    g_assert_cmpstrv (links, partners);
    g_clear_pointer (&links, g_strfreev);
  }

  /* Incidents added and kept out by hand. */
  {
    const char *ids[] = { incident->id, NULL };
    g_assert_true (bb_store_problem_set_incident (s, problem->id, incident->id, FALSE, &error));
    g_assert_no_error (error);
    links = bb_store_problem_dup_incidents (s, problem->id, TRUE, &error);
    g_assert_cmpuint (g_strv_length (links), ==, 0);
    g_clear_pointer (&links, g_strfreev);
    g_assert_true (bb_store_problem_set_incident (s, problem->id, incident->id, TRUE, &error));
    links = bb_store_problem_dup_incidents (s, problem->id, TRUE, &error);
    g_assert_cmpstrv (links, ids);
    g_clear_pointer (&links, g_strfreev);
    g_assert_cmpint (count (s, "problem_incident"), ==, 1);
    g_assert_true (bb_store_problem_unset_incident (s, problem->id, incident->id, &error));
    g_assert_cmpint (count (s, "problem_incident"), ==, 0);
    g_assert_true (bb_store_problem_set_incident (s, problem->id, incident->id, TRUE, &error));
  }

  response->problem_id = g_strdup (problem->id);
  response->title = g_strdup ("Lockable scooter racks");
  check_crud (s, &bb_response_record, response, "description", "Municipality installs racks");

  plan->title = g_strdup ("Harbour safety plan 2025");
  plan->period_start = g_strdup ("2025-01-01");
  plan->period_end = g_strdup ("2025-12-31");
  check_crud (s, &bb_plan_record, plan, "statement", "Fewer thefts, safer evenings");
  {
    const char *ids[] = { problem->id, NULL };
    g_assert_true (bb_store_plan_set_problems (s, plan->id, ids, &error));
    links = bb_store_plan_dup_problems (s, plan->id, &error);
    g_assert_cmpstrv (links, ids);
  }

  task->response_id = g_strdup (response->id);
  task->title = g_strdup ("Ask the municipality for racks");
  task->assignee_partner_id = g_strdup (partner->id);
  task->due_date = g_strdup ("2025-03-01");
  check_crud (s, &bb_task_record, task, "due_date", "2025-04-01");

  objective->plan_id = g_strdup (plan->id);
  objective->title = g_strdup ("Halve scooter thefts");
  check_crud (s, &bb_objective_record, objective, "title", "Cut scooter thefts by half");

  indicator->objective_id = g_strdup (objective->id);
  indicator->name = g_strdup ("Scooter thefts per quarter");
  indicator->baseline = 24;
  indicator->target = 12;
  check_crud (s, &bb_indicator_record, indicator, "unit", "thefts");
  {
    g_autoptr(BbIndicator) got = bb_store_indicator_get (s, indicator->id, &error);
    g_assert_cmpfloat (got->target, ==, 12);
    g_assert_true (isnan (got->current));
  }

  review->plan_id = g_strdup (plan->id);
  review->review_date = g_strdup ("2025-06-30");
  check_crud (s, &bb_plan_review_record, review, "notes", "Racks installed in May");

  event->title = g_strdup ("Advisory group, Harbour");
  g_free (event->kind);
  event->kind = g_strdup ("advisory_meeting");
  event->start_at = 1736870400;
  event->end_at = 1736877600;
  event->district_id = g_strdup (district->id);
  event->rrule = g_strdup ("FREQ=MONTHLY;BYDAY=3WE");
  check_crud (s, &bb_event_record, event, "place", "Harbour library");
  {
    g_autoptr(GPtrArray) events = bb_store_event_list (s, 1740000000, 1750000000, &error);
    g_assert_no_error (error);
    /* Repeating, so listed in a later range too. */
    g_assert_cmpuint (events->len, ==, 1);
  }

  attendee->event_id = g_strdup (event->id);
  attendee->partner_id = g_strdup (partner->id);
  check_crud (s, &bb_event_attendee_record, attendee, "partner_id", partner->id);

  concern->event_id = g_strdup (event->id);
  concern->text = g_strdup ("Scooters stolen from yards");
  concern->problem_id = g_strdup (problem->id);
  check_crud (s, &bb_concern_record, concern, "text", "Scooters stolen from yards at night");

  questionnaire->title = g_strdup ("Local safety survey");
  check_crud (s, &bb_questionnaire_record, questionnaire, "title", "Local safety survey (LSES)");

  question->questionnaire_id = g_strdup (questionnaire->id);
  question->block = g_strdup ("fear");
  question->code = g_strdup ("Q1");
  question->text = g_strdup ("How safe do you feel walking alone after dark?");
  check_crud (s, &bb_question_record, question, "block", "concrete_fear");

  survey->questionnaire_id = g_strdup (questionnaire->id);
  survey->title = g_strdup ("Spring 2025");
  survey->period_start = g_strdup ("2025-03-01");
  survey->period_end = g_strdup ("2025-04-30");
  check_crud (s, &bb_survey_record, survey, "title", "Spring round 2025");

  answer_sheet->survey_id = g_strdup (survey->id);
  answer_sheet->age_band = g_strdup ("35-49");
  bb_survey_response_add_answer (answer_sheet, question->id, "4");
  check_crud (s, &bb_survey_response_record, answer_sheet, "gender", "f");
  g_assert_cmpint (count (s, "survey_answer"), ==, 1);
  {
    g_autoptr(BbSurveyResponse) got = bb_store_survey_response_get (s, answer_sheet->id, &error);
    g_assert_cmpuint (got->answers->len, ==, 1);
    g_assert_cmpstr (((BbSurveyAnswer *) got->answers->pdata[0])->value, ==, "4");
  }

  document->template = g_strdup ("poster");
  document->title = g_strdup ("Lock your scooter");
  check_crud (s, &bb_document_record, document, "content", "{\"headline\":\"Lock it\"}");

  layer->name = g_strdup ("Streets");
  g_free (layer->kind);
  layer->kind = g_strdup ("streets");
  layer->geojson = g_strdup ("{\"type\":\"FeatureCollection\",\"features\":[]}");
  check_crud (s, &bb_geo_layer_record, layer, "attribution", "Municipality of Harbour");

  /* Deleting, children first; cascades remove links and answers. */
  check_delete (s, &bb_survey_response_record, answer_sheet->id);
  g_assert_cmpint (count (s, "survey_answer"), ==, 0);
  check_delete (s, &bb_survey_record, survey->id);
  check_delete (s, &bb_question_record, question->id);
  check_delete (s, &bb_questionnaire_record, questionnaire->id);
  check_delete (s, &bb_concern_record, concern->id);
  check_delete (s, &bb_event_attendee_record, attendee->id);
  check_delete (s, &bb_event_record, event->id);
  check_delete (s, &bb_plan_review_record, review->id);
  check_delete (s, &bb_indicator_record, indicator->id);
  check_delete (s, &bb_objective_record, objective->id);
  check_delete (s, &bb_task_record, task->id);
  check_delete (s, &bb_plan_record, plan->id);
  g_assert_cmpint (count (s, "plan_problem"), ==, 0);
  check_delete (s, &bb_response_record, response->id);
  check_delete (s, &bb_problem_record, problem->id);
  g_assert_cmpint (count (s, "problem_category"), ==, 0);
  check_delete (s, &bb_incident_record, incident->id);
  check_delete (s, &bb_category_record, category->id);
  check_delete (s, &bb_advisory_member_record, member->id);
  check_delete (s, &bb_partner_record, partner->id);
  check_delete (s, &bb_officer_record, officer->id);
  check_delete (s, &bb_district_record, district->id);
  check_delete (s, &bb_document_record, document->id);
  check_delete (s, &bb_geo_layer_record, layer->id);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  BbStore *s = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbTask) task = bb_task_new ();
  g_autofree char *theft = category_id (s, "theft");
  gint64 incidents = count (s, "incident");
  gint64 audit = count (s, "audit_log");

  /* Latitude 95. */
  incident->category_id = g_strdup (theft);
  incident->occurred_start = 1714550400;
  incident->lat = 95;
  incident->lon = 24;
  g_assert_false (bb_store_incident_insert (s, incident, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Latitude 95 is outside"));
  g_assert_null (incident->id);
  g_assert_cmpint (count (s, "incident"), ==, incidents);
  g_clear_error (&error);

  /* An unknown category. */
  incident->lat = 56;
  g_free (incident->category_id);
  incident->category_id = g_strdup ("5b0c8a9e-0000-4000-8000-000000000000");
  g_assert_false (bb_store_incident_insert (s, incident, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5b0c8a9e-0000-4000-8000-000000000000"));
  g_assert_cmpint (count (s, "incident"), ==, incidents);
  g_clear_error (&error);

  /* An unknown status. */
  g_free (incident->category_id);
  incident->category_id = g_strdup (theft);
  g_free (incident->status);
  incident->status = g_strdup ("lost");
  g_assert_false (bb_store_incident_insert (s, incident, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lost"));
  g_assert_cmpint (count (s, "incident"), ==, incidents);
  g_clear_error (&error);

  /* An event ending before it starts. */
  event->title = g_strdup ("Open day");
  event->start_at = 1736870400;
  event->end_at = 1736870400 - 3600;
  g_assert_false (bb_store_event_insert (s, event, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_cmpint (count (s, "event"), ==, 0);
  g_clear_error (&error);

  /* An event of a kind the station does not have. */
  event->end_at = 1736877600;
  g_free (event->kind);
  event->kind = g_strdup ("barbecue");
  g_assert_false (bb_store_event_insert (s, event, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "barbecue"));
  g_clear_error (&error);

  /* A task must belong to something. */
  task->title = g_strdup ("Call the school");
  g_assert_false (bb_store_task_insert (s, task, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing reached the audit log either. */
  g_assert_cmpint (count (s, "audit_log"), ==, audit);

  /* The database refuses what slips past the program (e.g. a raw write). */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO incident (id, station_id, category_id, occurred_start,"
                                            " lat, lon, source, created_at, updated_at)"
                                            " VALUES ('x', 's', '%s', 0, 95, 24, 'patrol', 0, 0)", theft);
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (s), sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
  }
  g_assert_cmpint (count (s, "incident"), ==, incidents);
}

static void
test_constraints_in_use (Fixture       *f,
                         gconstpointer  data)
{
  BbStore *s = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(BbCategory) duplicate = bb_category_new ();
  g_autofree char *bicycle = category_id (s, "theft.bicycle");
  gint64 categories = count (s, "category");

  incident->category_id = g_strdup (bicycle);
  incident->occurred_start = 1714550400;
  g_assert_true (bb_store_incident_insert (s, incident, &error));
  g_assert_no_error (error);

  /* A category in use cannot go. */
  g_assert_false (bb_store_category_delete (s, bicycle, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "category"));
  g_assert_cmpint (count (s, "category"), ==, categories);
  g_clear_error (&error);

  /* Codes are unique. */
  duplicate->code = g_strdup ("theft.bicycle");
  duplicate->name = g_strdup ("Bikes");
  g_assert_false (bb_store_category_insert (s, duplicate, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT);
  g_assert_null (duplicate->id);
  g_assert_cmpint (count (s, "category"), ==, categories);
  g_clear_error (&error);

  /* Updating a record that is gone. */
  g_assert_true (bb_store_incident_delete (s, incident->id, &error));
  g_assert_false (bb_store_incident_update (s, incident, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
}

static void
test_default_categories (Fixture       *f,
                         gconstpointer  data)
{
  BbStore *s = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = bb_store_category_list (s, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BbCategory) theft = bb_store_category_get_by_code (s, "theft", &error);
  g_autoptr(BbCategory) bicycle = bb_store_category_get_by_code (s, "theft.bicycle", &error);
  g_autoptr(BbCategory) dogs = bb_store_category_get_by_code (s, "stray_dogs", &error);
  g_autoptr(BbCategory) third = bb_category_new ();
  guint parents = 0;
  static const char * const codes[] = {
    "theft", "theft.vehicle", "theft.bicycle", "theft.shop", "theft.pickpocket", "burglary",
    "burglary.residential", "burglary.commercial", "robbery", "assault", "domestic_violence", "drugs",
    "drugs.dealing", "drugs.use", "vandalism", "vandalism.graffiti", "vandalism.property", "fraud",
    "fraud.elderly", "public_disorder", "public_disorder.noise", "public_disorder.fight", "alcohol_public",
    "youth_groups", "traffic", "traffic.speeding", "traffic.parking", "traffic.accident", "street_lighting",
    "stray_dogs", "abandoned_buildings", "illegal_dumping",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(BbCategory) c = bb_store_category_get_by_code (s, codes[i], &error);
      g_assert_no_error (error);
      g_assert_true (bb_category_validate (c, NULL));
      g_assert_false (g_hash_table_contains (colours, c->colour));
      g_hash_table_add (colours, g_strdup (c->colour));
      if (c->parent_id == NULL)
        parents++;
    }
  g_assert_cmpuint (parents, ==, 16);
  g_assert_cmpstr (bicycle->parent_id, ==, theft->id);
  g_assert_cmpstr (bicycle->kind, ==, "crime");
  g_assert_cmpstr (dogs->kind, ==, "environment");
  g_assert_cmpstr (theft->name, ==, "Theft");

  /* Two levels only. */
  third->parent_id = g_strdup (bicycle->id);
  third->code = g_strdup ("theft.bicycle.electric");
  third->name = g_strdup ("E-bikes");
  g_assert_false (bb_store_category_insert (s, third, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The station edits its taxonomy; children follow their parent's kind. */
  g_free (theft->kind);
  theft->kind = g_strdup ("disorder");
  g_free (theft->name);
  theft->name = g_strdup ("Stealing");
  g_assert_true (bb_store_category_update (s, theft, &error));
  g_assert_no_error (error);
  g_clear_pointer (&bicycle, bb_category_free);
  bicycle = bb_store_category_get_by_code (s, "theft.bicycle", &error);
  g_assert_cmpstr (bicycle->kind, ==, "disorder");
}

/* BbStore::changed ------------------------------------------------------ */

static void
on_changed (BbStore *store,
            guint    changes,
            gpointer data)
{
  GArray *told = data;

  g_array_append_val (told, changes);
}

static gpointer
insert_partner_thread (gpointer data)
{
  BbStore *store = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPartner) partner = bb_partner_new ();

  partner->name = g_strdup ("Shkolla Nr. 3");
  g_assert_true (bb_store_partner_insert (store, partner, &error));
  g_assert_no_error (error);
  return NULL;
}

static BbIncident *
new_theft (BbStore *store)
{
  BbIncident *incident = bb_incident_new ();

  incident->category_id = category_id (store, "theft");
  incident->occurred_start = 1714550400;
  incident->lat = 41.33;
  incident->lon = 19.82;
  return incident;
}

static void
test_changed (Fixture       *f,
              gconstpointer  data)
{
  BbStore *s = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) told = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(BbIncident) incident = new_theft (s);
  g_autoptr(BbIncident) refused = new_theft (s);
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autofree char *sql = NULL;
  GThread *thread;

  g_signal_connect (s, "changed", G_CALLBACK (on_changed), told);

  /* A write on the main thread is told at once, after its commit. */
  g_assert_true (bb_store_incident_insert (s, incident, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (told->len, ==, 1);
  g_assert_cmpuint (g_array_index (told, guint, 0), ==, BB_STORE_CHANGE_INCIDENTS);

  /* A refused write tells nothing. */
  refused->lat = 95;
  g_assert_false (bb_store_incident_insert (s, refused, &error));
  g_clear_error (&error);
  g_assert_cmpuint (told->len, ==, 1);

  district->name = g_strdup ("Lagjja e Re");
  district->code = g_strdup ("LR");
  district->boundary = g_strdup ("{\"type\":\"Polygon\",\"coordinates\":[[[19.8,41.3],[19.9,41.3],[19.9,41.4],[19.8,41.3]]]}");
  g_assert_true (bb_store_district_insert (s, district, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (told->len, ==, 2);
  g_assert_cmpuint (g_array_index (told, guint, 1), ==, BB_STORE_CHANGE_DISTRICTS);

  /* A transaction is told once, with all it touched, when it commits… */
  g_assert_true (bb_store_begin (s, &error));
  sql = g_strdup_printf ("UPDATE incident SET description = 'Bicycle taken' WHERE id = '%s';"
                         "UPDATE district SET population = 900 WHERE id = '%s';",
                         incident->id, district->id);
  g_assert_cmpint (sqlite3_exec (bb_store_get_db (s), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (told->len, ==, 2);
  g_assert_true (bb_store_commit (s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (told->len, ==, 3);
  g_assert_cmpuint (g_array_index (told, guint, 2), ==,
                    BB_STORE_CHANGE_INCIDENTS | BB_STORE_CHANGE_DISTRICTS);

  /* …and not at all when it rolls back. */
  g_assert_true (bb_store_begin (s, &error));
  g_assert_cmpint (sqlite3_exec (bb_store_get_db (s), "DELETE FROM incident", NULL, NULL, NULL), ==, SQLITE_OK);
  bb_store_rollback (s);
  g_assert_cmpuint (told->len, ==, 3);
  g_assert_cmpint (count (s, "incident"), ==, 1);

  /* A write on another thread is told on the main context, not before it
   * runs. */
  thread = g_thread_new ("writer", insert_partner_thread, s);
  g_thread_join (thread);
  g_assert_cmpuint (told->len, ==, 3);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (told->len, ==, 4);
  g_assert_cmpuint (g_array_index (told, guint, 3), ==, BB_STORE_CHANGE_DIRECTORY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/records/every-entity", test_every_entity);
  ADD ("/store/records/refused", test_refused);
  ADD ("/store/records/constraints-in-use", test_constraints_in_use);
  ADD ("/store/records/default-categories", test_default_categories);
  ADD ("/store/records/changed", test_changed);
#undef ADD

  return g_test_run ();
}
