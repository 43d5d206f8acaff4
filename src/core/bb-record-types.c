/* bb-record-types.c: the kinds of record, their fields and the checks between fields */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-records"

#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-contacts.h"
#include "bb-records-private.h"

/* Field descriptions; the name is the column. */
#define FIELD(st, f, k, lbl, ...) \
  { .name = #f, .label = lbl, .kind = k, .offset = offsetof (st, f), __VA_ARGS__ }
#define STR(st, f, lbl, ...)     FIELD (st, f, BB_FIELD_STRING, lbl, __VA_ARGS__)
#define STR_OPT(st, f, lbl, ...) FIELD (st, f, BB_FIELD_STRING_OPT, lbl, __VA_ARGS__)
#define REF(st, f, lbl, table, ...) \
  FIELD (st, f, BB_FIELD_STRING_OPT, lbl, .ref_table = table, __VA_ARGS__)
#define LAT(st, f) \
  FIELD (st, f, BB_FIELD_DOUBLE_OPT, N_("Latitude"), .flags = BB_FIELD_RANGE, .min = -90, .max = 90)
#define LON(st, f) \
  FIELD (st, f, BB_FIELD_DOUBLE_OPT, N_("Longitude"), .flags = BB_FIELD_RANGE, .min = -180, .max = 180)

static const char * const partner_kinds[] = {
  "municipality", "school", "health", "social_services", "ngo",
  "housing_association", "business", "religious", "media", "resident", NULL
};
static const char * const member_roles[] = { "chair", "secretary", "member", NULL };
static const char * const category_kinds[] = { "crime", "disorder", "environment", "traffic", NULL };
static const char * const incident_sources[] = {
  "patrol", "resident", "complaint_box", "hotline", "survey", "school",
  "partner", "meeting", "import", NULL
};
static const char * const incident_statuses[] = { "open", "cleared", "referred", NULL };
static const char * const problem_stages[] = {
  "scanning", "analysis", "response", "assessment", "closed", NULL
};
static const char * const question_scales[] = {
  "yes_no", "likert5", "single", "multiple", "number", "text", NULL
};
static const char * const paper_sizes[] = { "a3", "a4", "a5", "letter", NULL };
static const char * const layer_kinds[] = {
  "streets", "water", "green", "landmarks", "boundaries", "other", NULL
};

/* Checks between fields ------------------------------------------------- */

static gboolean
check_position (double   lat,
                double   lon,
                GError **error)
{
  if (isnan (lat) != isnan (lon))
    {
      bb_record_set_invalid (error, _("A position needs both a latitude and a longitude"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_times (gint64       start,
             gint64       end,
             const char  *what,
             GError     **error)
{
  if (start != BB_UNSET_TIME && end != BB_UNSET_TIME && end < start)
    {
      g_autofree char *s = bb_record_format_time (start);
      g_autofree char *e = bb_record_format_time (end);
      /* Translators: what (e.g. "The event"), its end, its start */
      bb_record_set_invalid (error, _("%s ends (%s) before it starts (%s)"), what, e, s);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_dates (const char  *start,
             const char  *end,
             const char  *what,
             GError     **error)
{
  if (start != NULL && *start && end != NULL && *end && strcmp (end, start) < 0)
    {
      bb_record_set_invalid (error, _("%s ends (%s) before it starts (%s)"), what, end, start);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_station (gconstpointer   record,
               GError        **error)
{
  const BbStation *s = record;
  return check_position (s->center_lat, s->center_lon, error);
}

static gboolean
check_district (gconstpointer   record,
                GError        **error)
{
  const BbDistrict *d = record;

  if (d->boundary != NULL && *d->boundary != '\0' && d->boundary[strspn (d->boundary, " \t\r\n")] != '{')
    {
      bb_record_set_invalid (error, _("The boundary of district “%s” is not a GeoJSON polygon"), d->name);
      return FALSE;
    }
  return TRUE;
}

/* Phones and e-mail addresses are optional; given, they must be usable. */
static gboolean
check_contact (const char  *who,
               const char  *phone,
               const char  *email,
               GError     **error)
{
  if (phone != NULL && *phone != '\0' && !bb_contact_phone_is_valid (phone))
    {
      bb_record_set_invalid (error, _("The phone number of “%s” is not a phone number: use digits, spaces, + and -"), who);
      return FALSE;
    }
  if (email != NULL && *email != '\0' && !bb_contact_email_is_valid (email))
    {
      bb_record_set_invalid (error, _("The e-mail address of “%s” is not an e-mail address"), who);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_officer (gconstpointer   record,
               GError        **error)
{
  const BbOfficer *o = record;
  return check_contact (o->name, o->phone, o->email, error);
}

static gboolean
check_partner (gconstpointer   record,
               GError        **error)
{
  const BbPartner *p = record;
  return check_contact (p->name, p->phone, p->email, error);
}

static gboolean
check_incident (gconstpointer   record,
                GError        **error)
{
  const BbIncident *i = record;

  return check_times (i->occurred_start, i->occurred_end, _("The incident"), error)
         && check_position (i->lat, i->lon, error);
}

static gboolean
check_problem (gconstpointer   record,
               GError        **error)
{
  const BbProblem *p = record;

  return check_times (p->period_start, p->period_end, _("The problem’s period"), error)
         && check_times (p->baseline_start, p->baseline_end, _("The baseline period"), error)
         && check_times (p->response_start, p->response_end, _("The response period"), error);
}

static gboolean
check_response (gconstpointer   record,
                GError        **error)
{
  const BbResponse *r = record;

  if (r->owner_officer_id != NULL && *r->owner_officer_id && r->owner_partner_id != NULL && *r->owner_partner_id)
    {
      bb_record_set_invalid (error, _("The response “%s” has one owner: an officer or a partner, not both"), r->title);
      return FALSE;
    }
  return check_dates (r->start_date, r->end_date, _("The response"), error);
}

static gboolean
check_task (gconstpointer   record,
            GError        **error)
{
  const BbTask *t = record;
  gboolean has_response = t->response_id != NULL && *t->response_id;
  gboolean has_plan = t->plan_id != NULL && *t->plan_id;

  if (has_response == has_plan)
    {
      bb_record_set_invalid (error, _("The task “%s” must belong to either a response or a plan"), t->title);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_plan (gconstpointer   record,
            GError        **error)
{
  const BbPlan *p = record;
  return check_dates (p->period_start, p->period_end, _("The plan"), error);
}

static gboolean
check_event (gconstpointer   record,
             GError        **error)
{
  const BbEvent *e = record;

  return check_times (e->start_at, e->end_at, _("The event"), error)
         && check_position (e->lat, e->lon, error);
}

static gboolean
check_attendee (gconstpointer   record,
                GError        **error)
{
  const BbEventAttendee *a = record;
  gboolean has_partner = a->partner_id != NULL && *a->partner_id;
  gboolean has_officer = a->officer_id != NULL && *a->officer_id;

  if (has_partner == has_officer)
    {
      bb_record_set_invalid (error, _("An attendee is either a partner or an officer"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_survey (gconstpointer   record,
              GError        **error)
{
  const BbSurvey *s = record;
  return check_dates (s->period_start, s->period_end, _("The survey"), error);
}

static gboolean
check_survey_response (gconstpointer   record,
                       GError        **error)
{
  const BbSurveyResponse *r = record;

  for (guint i = 0; i < r->answers->len; i++)
    {
      const BbSurveyAnswer *a = g_ptr_array_index (r->answers, i);

      if (bb_record_is_blank (a->question_id))
        {
          bb_record_set_invalid (error, _("Answer %u of the survey response names no question"), i + 1);
          return FALSE;
        }
      if (a->value == NULL)
        {
          bb_record_set_invalid (error, _("Answer %u of the survey response has no value"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static void
survey_response_init_extra (gpointer record)
{
  BbSurveyResponse *r = record;
  r->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_answer_free);
}

static void
survey_response_copy_extra (gpointer      dest,
                            gconstpointer src)
{
  BbSurveyResponse *d = dest;
  const BbSurveyResponse *s = src;

  d->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_answer_free);
  if (s->answers != NULL)
    for (guint i = 0; i < s->answers->len; i++)
      g_ptr_array_add (d->answers, bb_survey_answer_copy (g_ptr_array_index (s->answers, i)));
}

static void
survey_response_free_extra (gpointer record)
{
  BbSurveyResponse *r = record;
  g_clear_pointer (&r->answers, g_ptr_array_unref);
}

/* The record types ------------------------------------------------------ */

#define DEFINE_RECORD(TypeName, type_name, tbl, lbl, order, parent, chk, ...) \
  const BbRecordType type_name##_record = {                                  \
    .table = tbl, .label = lbl, .size = sizeof (TypeName),                    \
    .fields = type_name##_fields, .n_fields = G_N_ELEMENTS (type_name##_fields), \
    .order_by = order, .parent_column = parent,       \
    .check = chk,                                                             \
    .copy_func = (GBoxedCopyFunc) type_name##_copy,                           \
    .free_func = (GDestroyNotify) type_name##_free, __VA_ARGS__               \
  };                                                                          \
  TypeName * type_name##_new (void)                                           \
  { return bb_record_new (&type_name##_record); }                             \
  TypeName * type_name##_copy (const TypeName *self)                          \
  { return bb_record_copy (&type_name##_record, self); }                      \
  void type_name##_free (TypeName *self)                                      \
  { bb_record_free (&type_name##_record, self); }                             \
  gboolean type_name##_validate (const TypeName *self, GError **error)        \
  { return bb_record_validate (&type_name##_record, self, error); }           \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_copy, type_name##_free)

static const BbField bb_station_fields[] = {
  STR (BbStation, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbStation, address, N_("Address")),
  STR (BbStation, phone, N_("Phone")),
  STR (BbStation, email, N_("E-mail")),
  STR (BbStation, website, N_("Website")),
  FIELD (BbStation, logo, BB_FIELD_BYTES, N_("Logo")),
  STR (BbStation, colour_primary, N_("Main colour"), .flags = BB_FIELD_COLOUR, .default_text = "#1c3f94"),
  STR (BbStation, colour_accent, N_("Accent colour"), .flags = BB_FIELD_COLOUR, .default_text = "#f5c211"),
  STR (BbStation, timezone, N_("Time zone"), .flags = BB_FIELD_REQUIRED, .default_text = "UTC"),
  FIELD (BbStation, is_demo, BB_FIELD_BOOL, N_("Demo station")),
  LAT (BbStation, center_lat),
  LON (BbStation, center_lon),
};
/* Translators: the names of kinds of record (context "record") are put into
 * messages such as "Saving the %s" and "The %s cannot be deleted…"; give the
 * form that fits those messages as they are translated. */
DEFINE_RECORD (BbStation, bb_station, "station", NC_ ("record", "station"), "name", NULL, check_station,
               .is_station = TRUE)

static const BbField bb_district_fields[] = {
  STR (BbDistrict, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbDistrict, code, N_("Code")),
  STR_OPT (BbDistrict, boundary, N_("Boundary")),
  FIELD (BbDistrict, min_lon, BB_FIELD_DOUBLE_OPT, N_("Western edge")),
  FIELD (BbDistrict, min_lat, BB_FIELD_DOUBLE_OPT, N_("Southern edge")),
  FIELD (BbDistrict, max_lon, BB_FIELD_DOUBLE_OPT, N_("Eastern edge")),
  FIELD (BbDistrict, max_lat, BB_FIELD_DOUBLE_OPT, N_("Northern edge")),
  FIELD (BbDistrict, population, BB_FIELD_INT_OPT, N_("Population"), .flags = BB_FIELD_RANGE,
         .min = 0, .max = G_MAXINT),
  REF (BbDistrict, officer_id, N_("Officer"), "officer"),
};
DEFINE_RECORD (BbDistrict, bb_district, "district", NC_ ("record", "district"),
               "code COLLATE NOCASE, name COLLATE NOCASE", NULL, check_district)

static const BbField bb_officer_fields[] = {
  STR (BbOfficer, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbOfficer, rank, N_("Rank")),
  STR (BbOfficer, phone, N_("Phone")),
  STR (BbOfficer, email, N_("E-mail")),
  FIELD (BbOfficer, photo, BB_FIELD_BYTES, N_("Photo")),
  REF (BbOfficer, district_id, N_("District"), "district"),
};
DEFINE_RECORD (BbOfficer, bb_officer, "officer", NC_ ("record", "officer"), "name COLLATE NOCASE", NULL, check_officer)

static const BbField bb_partner_fields[] = {
  STR (BbPartner, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbPartner, kind, N_("Kind of partner"), .flags = BB_FIELD_REQUIRED, .allowed = partner_kinds,
       .default_text = "municipality"),
  FIELD (BbPartner, is_person, BB_FIELD_BOOL, N_("Person")),
  STR (BbPartner, contact_name, N_("Contact")),
  STR (BbPartner, phone, N_("Phone")),
  STR (BbPartner, email, N_("E-mail")),
  STR (BbPartner, address, N_("Address")),
  STR (BbPartner, notes, N_("Notes")),
  REF (BbPartner, district_id, N_("District"), "district"),
};
DEFINE_RECORD (BbPartner, bb_partner, "partner", NC_ ("record", "partner"), "name COLLATE NOCASE", NULL, check_partner)

static const BbField bb_advisory_member_fields[] = {
  REF (BbAdvisoryMember, district_id, N_("District"), "district", .flags = BB_FIELD_REQUIRED),
  REF (BbAdvisoryMember, partner_id, N_("Partner"), "partner", .flags = BB_FIELD_REQUIRED),
  STR (BbAdvisoryMember, role, N_("Role"), .flags = BB_FIELD_REQUIRED, .allowed = member_roles,
       .default_text = "member"),
  STR_OPT (BbAdvisoryMember, since, N_("Member since"), .flags = BB_FIELD_DATE),
};
DEFINE_RECORD (BbAdvisoryMember, bb_advisory_member, "advisory_member", NC_ ("record", "advisory group member"),
               "district_id, role, created_at", "district_id", NULL)

static const BbField bb_category_fields[] = {
  REF (BbCategory, parent_id, N_("Parent category"), "category"),
  STR (BbCategory, code, N_("Code"), .flags = BB_FIELD_REQUIRED),
  STR (BbCategory, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbCategory, kind, N_("Kind of category"), .flags = BB_FIELD_REQUIRED, .allowed = category_kinds,
       .default_text = "crime"),
  STR (BbCategory, colour, N_("Colour"), .flags = BB_FIELD_COLOUR | BB_FIELD_REQUIRED,
       .default_text = "#77767b"),
  /* Translators: the position of a category in lists */
  FIELD (BbCategory, sort_order, BB_FIELD_INT, N_("Order")),
};
DEFINE_RECORD (BbCategory, bb_category, "category", NC_ ("record", "category"),
               "sort_order, name COLLATE NOCASE", "parent_id", NULL)

static const BbField bb_incident_fields[] = {
  REF (BbIncident, category_id, N_("Category"), "category", .flags = BB_FIELD_REQUIRED),
  FIELD (BbIncident, occurred_start, BB_FIELD_INT64, N_("Start")),
  FIELD (BbIncident, occurred_end, BB_FIELD_INT64_OPT, N_("End")),
  FIELD (BbIncident, time_unknown, BB_FIELD_BOOL, N_("Time unknown")),
  FIELD (BbIncident, reported_at, BB_FIELD_INT64_OPT, N_("Reported")),
  LAT (BbIncident, lat),
  LON (BbIncident, lon),
  REF (BbIncident, district_id, N_("District"), "district"),
  FIELD (BbIncident, district_overridden, BB_FIELD_BOOL, N_("District chosen by hand")),
  STR (BbIncident, address, N_("Address")),
  STR (BbIncident, description, N_("Description")),
  STR (BbIncident, source, N_("Source"), .flags = BB_FIELD_REQUIRED, .allowed = incident_sources,
       .default_text = "patrol"),
  STR (BbIncident, status, N_("Status"), .flags = BB_FIELD_REQUIRED, .allowed = incident_statuses,
       .default_text = "open"),
  FIELD (BbIncident, restricted, BB_FIELD_BOOL, N_("Restricted")),
  STR_OPT (BbIncident, external_id, N_("External number")),
  STR_OPT (BbIncident, fingerprint, N_("Fingerprint")),
};
DEFINE_RECORD (BbIncident, bb_incident, "incident", NC_ ("record", "incident"),
               "occurred_start DESC, rowid DESC", NULL, check_incident)

static const BbField bb_problem_fields[] = {
  STR (BbProblem, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  /* Translators: the written statement of a problem */
  STR (BbProblem, statement, N_("Statement")),
  STR (BbProblem, stage, N_("Stage"), .flags = BB_FIELD_REQUIRED, .allowed = problem_stages,
       .default_text = "scanning"),
  FIELD (BbProblem, priority, BB_FIELD_INT, N_("Priority"), .flags = BB_FIELD_RANGE, .min = 1, .max = 3,
         .default_number = 2),
  REF (BbProblem, district_id, N_("District"), "district"),
  REF (BbProblem, owner_id, N_("Owner"), "officer"),
  STR_OPT (BbProblem, area, N_("Area")),
  FIELD (BbProblem, period_start, BB_FIELD_INT64_OPT, N_("Period start")),
  FIELD (BbProblem, period_end, BB_FIELD_INT64_OPT, N_("Period end")),
  FIELD (BbProblem, baseline_start, BB_FIELD_INT64_OPT, N_("Baseline start")),
  FIELD (BbProblem, baseline_end, BB_FIELD_INT64_OPT, N_("Baseline end")),
  FIELD (BbProblem, response_start, BB_FIELD_INT64_OPT, N_("Response start")),
  FIELD (BbProblem, response_end, BB_FIELD_INT64_OPT, N_("Response end")),
  /* Translators: the surrounding streets around a problem's area, counted to measure displacement */
  FIELD (BbProblem, buffer_m, BB_FIELD_DOUBLE, N_("Buffer"), .flags = BB_FIELD_RANGE, .min = 0,
         .max = 100000, .default_number = 200),
  STR (BbProblem, offender, N_("Offender")),
  STR (BbProblem, victim, N_("Victim")),
  STR (BbProblem, place, N_("Place")),
  /* Translators: problem analysis triangle: the person with influence over the offender */
  STR (BbProblem, handler, N_("Handler")),
  /* Translators: problem analysis triangle: the person who protects the victim or target */
  STR (BbProblem, guardian, N_("Guardian")),
  /* Translators: problem analysis triangle: the person responsible for the place */
  STR (BbProblem, manager, N_("Manager")),
  STR (BbProblem, analysis_notes, N_("Analysis")),
  STR (BbProblem, assessment_notes, N_("Assessment")),
};
DEFINE_RECORD (BbProblem, bb_problem, "problem", NC_ ("record", "problem"),
               "priority, updated_at DESC", NULL, check_problem)

static const BbField bb_response_fields[] = {
  REF (BbResponse, problem_id, N_("Problem"), "problem", .flags = BB_FIELD_REQUIRED),
  STR (BbResponse, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  STR (BbResponse, description, N_("Description")),
  /* Translators: whether a response was agreed with the partners */
  FIELD (BbResponse, agreed, BB_FIELD_BOOL, N_("Agreed")),
  REF (BbResponse, owner_officer_id, N_("Owner"), "officer"),
  REF (BbResponse, owner_partner_id, N_("Owner"), "partner"),
  STR_OPT (BbResponse, start_date, N_("Start"), .flags = BB_FIELD_DATE),
  STR_OPT (BbResponse, end_date, N_("End"), .flags = BB_FIELD_DATE),
};
DEFINE_RECORD (BbResponse, bb_response, "response", NC_ ("record", "response"), "created_at", "problem_id", check_response)

static const BbField bb_task_fields[] = {
  REF (BbTask, response_id, N_("Response"), "response"),
  REF (BbTask, plan_id, N_("Plan"), "plan"),
  STR (BbTask, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  REF (BbTask, assignee_officer_id, N_("Assigned officer"), "officer"),
  REF (BbTask, assignee_partner_id, N_("Assigned partner"), "partner"),
  STR_OPT (BbTask, due_date, N_("Due date"), .flags = BB_FIELD_DATE),
  FIELD (BbTask, done, BB_FIELD_BOOL, N_("Done")),
};
DEFINE_RECORD (BbTask, bb_task, "task", NC_ ("record", "task"),
               "done, due_date IS NULL, due_date, created_at", NULL, check_task)

static const BbField bb_plan_fields[] = {
  STR (BbPlan, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  REF (BbPlan, district_id, N_("District"), "district"),
  STR_OPT (BbPlan, period_start, N_("Period start"), .flags = BB_FIELD_DATE),
  STR_OPT (BbPlan, period_end, N_("Period end"), .flags = BB_FIELD_DATE),
  STR (BbPlan, statement, N_("Statement")),
};
DEFINE_RECORD (BbPlan, bb_plan, "plan", NC_ ("record", "plan"), "period_start DESC, title COLLATE NOCASE", NULL,
               check_plan)

static const BbField bb_objective_fields[] = {
  REF (BbObjective, plan_id, N_("Plan"), "plan", .flags = BB_FIELD_REQUIRED),
  STR (BbObjective, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  FIELD (BbObjective, sort_order, BB_FIELD_INT, N_("Order")),
};
DEFINE_RECORD (BbObjective, bb_objective, "objective", NC_ ("record", "objective"), "sort_order, created_at",
               "plan_id", NULL)

static const BbField bb_indicator_fields[] = {
  REF (BbIndicator, objective_id, N_("Objective"), "objective", .flags = BB_FIELD_REQUIRED),
  STR (BbIndicator, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbIndicator, unit, N_("Unit")),
  FIELD (BbIndicator, baseline, BB_FIELD_DOUBLE_OPT, N_("Baseline")),
  /* Translators: the value an indicator of a safety plan should reach */
  FIELD (BbIndicator, target, BB_FIELD_DOUBLE_OPT, N_("Target")),
  FIELD (BbIndicator, current, BB_FIELD_DOUBLE_OPT, N_("Current value")),
  STR_OPT (BbIndicator, computed, N_("Computation")),
};
DEFINE_RECORD (BbIndicator, bb_indicator, "indicator", NC_ ("record", "indicator"), "created_at", "objective_id", NULL)

static const BbField bb_plan_review_fields[] = {
  REF (BbPlanReview, plan_id, N_("Plan"), "plan", .flags = BB_FIELD_REQUIRED),
  STR (BbPlanReview, review_date, N_("Review date"), .flags = BB_FIELD_REQUIRED | BB_FIELD_DATE),
  STR (BbPlanReview, notes, N_("Notes")),
  FIELD (BbPlanReview, done, BB_FIELD_BOOL, N_("Done")),
};
DEFINE_RECORD (BbPlanReview, bb_plan_review, "plan_review", NC_ ("record", "plan review"), "review_date", "plan_id",
               NULL)

static const BbField bb_event_fields[] = {
  STR (BbEvent, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  STR (BbEvent, kind, N_("Kind of event"), .flags = BB_FIELD_REQUIRED, .ref_table = "event_kind",
       .ref_column = "code", .default_text = "community_meeting"),
  FIELD (BbEvent, start_at, BB_FIELD_INT64, N_("Start")),
  FIELD (BbEvent, end_at, BB_FIELD_INT64, N_("End")),
  FIELD (BbEvent, all_day, BB_FIELD_BOOL, N_("All day")),
  STR (BbEvent, tzid, N_("Time zone"), .flags = BB_FIELD_REQUIRED, .default_text = "UTC"),
  STR_OPT (BbEvent, rrule, N_("Repetition")),
  REF (BbEvent, series_id, N_("Series"), "event"),
  FIELD (BbEvent, recurrence_id, BB_FIELD_INT64_OPT, N_("Replaced occurrence")),
  FIELD (BbEvent, cancelled, BB_FIELD_BOOL, N_("Cancelled")),
  STR (BbEvent, place, N_("Place")),
  LAT (BbEvent, lat),
  LON (BbEvent, lon),
  REF (BbEvent, district_id, N_("District"), "district"),
  REF (BbEvent, organiser_id, N_("Organiser"), "officer"),
  FIELD (BbEvent, head_count, BB_FIELD_INT_OPT, N_("Head count"), .flags = BB_FIELD_RANGE, .min = 0,
         .max = G_MAXINT),
  STR (BbEvent, agenda, N_("Agenda")),
  /* Translators: the written record of a meeting, not units of time */
  STR (BbEvent, minutes, N_("Minutes")),
  STR_OPT (BbEvent, ical_uid, N_("Calendar UID")),
};
DEFINE_RECORD (BbEvent, bb_event, "event", NC_ ("record", "event"), "start_at, rowid", NULL, check_event)

static const BbField bb_event_attendee_fields[] = {
  REF (BbEventAttendee, event_id, N_("Event"), "event", .flags = BB_FIELD_REQUIRED),
  REF (BbEventAttendee, partner_id, N_("Partner"), "partner"),
  REF (BbEventAttendee, officer_id, N_("Officer"), "officer"),
};
DEFINE_RECORD (BbEventAttendee, bb_event_attendee, "event_attendee", NC_ ("record", "attendee"), "created_at",
               "event_id", check_attendee)

static const BbField bb_concern_fields[] = {
  REF (BbConcern, event_id, N_("Event"), "event", .flags = BB_FIELD_REQUIRED),
  STR (BbConcern, text, N_("Concern"), .flags = BB_FIELD_REQUIRED),
  REF (BbConcern, incident_id, N_("Incident"), "incident"),
  REF (BbConcern, problem_id, N_("Problem"), "problem"),
};
DEFINE_RECORD (BbConcern, bb_concern, "concern", NC_ ("record", "concern"), "created_at", "event_id", NULL)

static const BbField bb_questionnaire_fields[] = {
  STR (BbQuestionnaire, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
};
DEFINE_RECORD (BbQuestionnaire, bb_questionnaire, "questionnaire", NC_ ("record", "questionnaire"),
               "title COLLATE NOCASE", NULL, NULL)

static const BbField bb_question_fields[] = {
  REF (BbQuestion, questionnaire_id, N_("Questionnaire"), "questionnaire", .flags = BB_FIELD_REQUIRED),
  /* Translators: a block (section) of a survey questionnaire */
  STR (BbQuestion, block, N_("Block")),
  STR (BbQuestion, code, N_("Code"), .flags = BB_FIELD_REQUIRED),
  STR (BbQuestion, text, N_("Question"), .flags = BB_FIELD_REQUIRED),
  /* Translators: the answer scale of a survey question, e.g. 1 to 5 */
  STR (BbQuestion, scale, N_("Scale"), .flags = BB_FIELD_REQUIRED, .allowed = question_scales,
       .default_text = "likert5"),
  STR_OPT (BbQuestion, options, N_("Choices")),
  FIELD (BbQuestion, sort_order, BB_FIELD_INT, N_("Order")),
  FIELD (BbQuestion, polarity, BB_FIELD_INT, N_("Good or bad news"), .flags = BB_FIELD_RANGE, .min = -1, .max = 1),
  FIELD (BbQuestion, concern, BB_FIELD_BOOL, N_("A concern")),
};
DEFINE_RECORD (BbQuestion, bb_question, "question", NC_ ("record", "question"), "sort_order, code",
               "questionnaire_id", NULL)

static const BbField bb_survey_fields[] = {
  REF (BbSurvey, questionnaire_id, N_("Questionnaire"), "questionnaire", .flags = BB_FIELD_REQUIRED),
  STR (BbSurvey, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  STR (BbSurvey, period_start, N_("Period start"), .flags = BB_FIELD_REQUIRED | BB_FIELD_DATE),
  STR (BbSurvey, period_end, N_("Period end"), .flags = BB_FIELD_REQUIRED | BB_FIELD_DATE),
  REF (BbSurvey, district_id, N_("District"), "district"),
};
DEFINE_RECORD (BbSurvey, bb_survey, "survey", NC_ ("record", "survey"), "period_start DESC", NULL, check_survey)

static const BbField bb_survey_response_fields[] = {
  REF (BbSurveyResponse, survey_id, N_("Survey"), "survey", .flags = BB_FIELD_REQUIRED),
  REF (BbSurveyResponse, district_id, N_("District"), "district"),
  STR_OPT (BbSurveyResponse, age_band, N_("Age band")),
  STR_OPT (BbSurveyResponse, gender, N_("Gender")),
  FIELD (BbSurveyResponse, submitted_at, BB_FIELD_INT64_OPT, N_("Submitted")),
  STR_OPT (BbSurveyResponse, external_uuid, N_("Form number")),
};

DEFINE_RECORD (BbSurveyResponse, bb_survey_response, "survey_response", NC_ ("record", "survey response"),
               "submitted_at, created_at", "survey_id", check_survey_response,
               .init_extra = survey_response_init_extra,
               .copy_extra = survey_response_copy_extra, .free_extra = survey_response_free_extra)

static gboolean
check_officer_area (gconstpointer   record,
                    GError        **error)
{
  const BbOfficerArea *a = record;
  gboolean has_district = !bb_record_is_blank (a->district_id);
  gboolean has_group = !bb_record_is_blank (a->target_group);

  if (has_district == has_group)
    {
      bb_record_set_invalid (error, _("An officer’s further area is either a district or a target group"));
      return FALSE;
    }
  return TRUE;
}

static const BbField bb_survey_aggregate_fields[] = {
  STR (BbSurveyAggregate, source, N_("Source")),
  STR (BbSurveyAggregate, period, N_("Date"), .flags = BB_FIELD_REQUIRED | BB_FIELD_DATE),
  STR (BbSurveyAggregate, area, N_("Area"), .flags = BB_FIELD_REQUIRED),
  REF (BbSurveyAggregate, district_id, N_("District"), "district"),
  STR (BbSurveyAggregate, measure, N_("Measure"), .flags = BB_FIELD_REQUIRED),
  FIELD (BbSurveyAggregate, proportion, BB_FIELD_DOUBLE, N_("Proportion"), .flags = BB_FIELD_RANGE,
         .min = 0, .max = 1),
  FIELD (BbSurveyAggregate, respondents, BB_FIELD_INT_OPT, N_("Respondents"), .flags = BB_FIELD_RANGE,
         .min = 0, .max = G_MAXINT),
};
DEFINE_RECORD (BbSurveyAggregate, bb_survey_aggregate, "survey_aggregate", N_("published survey figure"),
               "measure COLLATE NOCASE, area COLLATE NOCASE, period", NULL, NULL)

static const BbField bb_officer_area_fields[] = {
  REF (BbOfficerArea, officer_id, N_("Officer"), "officer", .flags = BB_FIELD_REQUIRED),
  REF (BbOfficerArea, district_id, N_("District"), "district"),
  STR_OPT (BbOfficerArea, target_group, N_("Target group")),
};
DEFINE_RECORD (BbOfficerArea, bb_officer_area, "officer_area", N_("further area of an officer"),
               "created_at", "officer_id", check_officer_area)

static const BbField bb_document_fields[] = {
  STR (BbDocument, template, N_("Template"), .flags = BB_FIELD_REQUIRED),
  STR (BbDocument, title, N_("Title"), .flags = BB_FIELD_REQUIRED),
  STR (BbDocument, content, N_("Content"), .default_text = "{}"),
  STR (BbDocument, paper, N_("Paper size"), .flags = BB_FIELD_REQUIRED, .allowed = paper_sizes,
       .default_text = "a4"),
  FIELD (BbDocument, landscape, BB_FIELD_BOOL, N_("Landscape")),
  STR (BbDocument, language, N_("Language")),
};
DEFINE_RECORD (BbDocument, bb_document, "document", NC_ ("record", "document"), "updated_at DESC", NULL, NULL)

static const BbField bb_geo_layer_fields[] = {
  STR (BbGeoLayer, name, N_("Name"), .flags = BB_FIELD_REQUIRED),
  STR (BbGeoLayer, kind, N_("Kind of layer"), .flags = BB_FIELD_REQUIRED, .allowed = layer_kinds,
       .default_text = "other"),
  STR (BbGeoLayer, geojson, N_("GeoJSON"), .flags = BB_FIELD_REQUIRED),
  STR (BbGeoLayer, attribution, N_("Attribution")),
  FIELD (BbGeoLayer, sort_order, BB_FIELD_INT, N_("Order")),
};
DEFINE_RECORD (BbGeoLayer, bb_geo_layer, "geo_layer", NC_ ("record", "map layer"), "sort_order, name", NULL, NULL)
