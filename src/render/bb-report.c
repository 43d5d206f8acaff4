/* bb-report.c: the catalogue of documents Beatbook makes and what each needs, shared by the Reports view and `beatbook --export` */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-report"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "bb-report.h"
#include "bb-json.h"
#include "bb-store-calendar.h"
#include "bb-store-plans.h"
#include "bb-survey-report.h"
#include "bb-templates.h"

/* The documents made from the older template structs, wrapped to the
 * catalogue's one signature. */

static BbPrintDocument *
build_briefing (BbStore               *store,
                const BbBranding      *branding,
                const BbReportRequest *request,
                BbWithheld            *withheld,
                GError               **error)
{
  BbBriefingOptions options;
  BbPrintDocument *doc;

  bb_briefing_options_init (&options, request->year, request->quarter);
  options.language = g_strdup (request->language);
  options.policy = request->policy;
  options.key_messages = g_strdup (request->key_messages);
  options.station_ids = g_strdupv (request->station_ids);
  doc = bb_briefing_build_into (store, branding, &options, withheld, error);
  bb_briefing_options_clear (&options);
  return doc;
}

static BbPrintDocument *
build_officer_poster (BbStore               *store,
                      const BbBranding      *branding,
                      const BbReportRequest *request,
                      BbWithheld            *withheld,
                      GError               **error)
{
  g_autoptr(BbOfficerPoster) poster = bb_officer_poster_new_from_store (store, request->officer_id,
                                                                       request->language, error);

  if (poster == NULL)
    return NULL;
  poster->bleed = request->bleed;
  return bb_officer_poster_build (poster, branding);
}

static BbPrintDocument *
build_event_poster (BbStore               *store,
                    const BbBranding      *branding,
                    const BbReportRequest *request,
                    BbWithheld            *withheld,
                    GError               **error)
{
  g_autoptr(BbEvent) event = bb_store_event_get (store, request->event_id, error);
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbEventPoster) poster = NULL;

  if (event == NULL)
    return NULL;
  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  if (request->occurrence != BB_UNSET_TIME && event->rrule != NULL)
    {
      gint64 length = event->end_at - event->start_at;

      event->start_at = request->occurrence;
      event->end_at = request->occurrence + length;
    }
  poster = bb_event_poster_new_from_event (event, station, request->language);
  poster->bleed = request->bleed;
  return bb_event_poster_build (poster, branding);
}

static BbPrintDocument *
build_leaflet (BbStore               *store,
               const BbBranding      *branding,
               const BbReportRequest *request,
               BbWithheld            *withheld,
               GError               **error)
{
  g_autoptr(BbStation) station = bb_store_station_get (store, error);
  g_autoptr(BbLeaflet) leaflet = NULL;

  if (station == NULL)
    return NULL;
  leaflet = bb_leaflet_new (CLAMP (request->topic, 0, BB_N_LEAFLET_TOPICS - 1), station, request->language);
  leaflet->bleed = request->bleed;
  return bb_leaflet_build (leaflet, branding);
}

static BbPrintDocument *
build_brochure (BbStore               *store,
                const BbBranding      *branding,
                const BbReportRequest *request,
                BbWithheld            *withheld,
                GError               **error)
{
  g_autoptr(BbBrochure) brochure = bb_brochure_new_from_store (store, request->language, error);

  if (brochure == NULL)
    return NULL;
  brochure->bleed = request->bleed;
  return bb_brochure_build (brochure, branding);
}

static void
withheld_add (BbWithheld       *withheld,
              const BbWithheld *more)
{
  withheld->restricted_incidents += more->restricted_incidents;
  withheld->suppressed_counts += more->suppressed_counts;
  for (guint i = 0; more->notes != NULL && i < more->notes->len; i++)
    bb_withheld_add_note (withheld, "%s", (const char *) g_ptr_array_index (more->notes, i));
}

static const char *
no_plan_message (void)
{
  return _("The station has no community safety plan yet: write one in Problems, Safety Plans");
}

/* To add a document: write its builder with the signature above, give it
 * a row here, and it appears in the Reports view's gallery and on the
 * command line. */
/* The station's latest round of its resident survey, against the one
 * before. */
static BbPrintDocument *
build_survey_results (BbStore               *store,
                      const BbBranding      *branding,
                      const BbReportRequest *request,
                      BbWithheld            *withheld,
                      GError               **error)
{
  g_autoptr(GPtrArray) surveys = bb_store_list (store, &bb_survey_record, NULL, error);
  g_autoptr(BbWithheld) left_out = NULL;
  BbSurveyReportOptions options;
  BbPrintDocument *doc;
  const BbSurvey *latest = NULL;

  if (surveys == NULL)
    return NULL;
  for (guint i = 0; i < surveys->len; i++)
    {
      const BbSurvey *survey = g_ptr_array_index (surveys, i);

      if (latest == NULL || g_strcmp0 (survey->period_start, latest->period_start) > 0)
        latest = survey;
    }
  if (latest == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                           _("The station has no resident survey yet"));
      return NULL;
    }
  bb_survey_report_options_init (&options, latest->id, bb_store_get_survey_min_respondents (store));
  g_free (options.language);
  options.language = g_strdup (request->language);
  options.district_id = g_strdup (request->district_id);
  doc = bb_survey_report_build (store, branding, &options, &left_out, error);
  bb_survey_report_options_clear (&options);
  if (left_out != NULL)
    withheld_add (withheld, left_out);
  return doc;
}

/* A community safety plan as residents read it. */
static BbPrintDocument *
build_safety_plan (BbStore               *store,
                   const BbBranding      *branding,
                   const BbReportRequest *request,
                   BbWithheld            *withheld,
                   GError               **error)
{
  g_autoptr(BbSafetyPlan) plan = NULL;

  if (request->plan_id == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, no_plan_message ());
      return NULL;
    }
  plan = bb_safety_plan_new_from_store (store, request->plan_id, request->language, &request->policy, error);
  if (plan == NULL)
    return NULL;
  withheld_add (withheld, plan->withheld);
  return bb_safety_plan_build (plan, branding);
}

static const BbReportKind kinds[] = {
  { "briefing", N_("Quarterly Press Briefing"),
    N_("A4, public figures of a quarter compared honestly, with a safe map"),
    BB_REPORT_NEEDS_QUARTER | BB_REPORT_HAS_KEY_MESSAGES, build_briefing },
  { "district-profile", N_("District Profile"),
    N_("A4, a district’s officer, map, partners, concerns and trends"),
    BB_REPORT_NEEDS_QUARTER | BB_REPORT_NEEDS_DISTRICT, bb_district_profile_build },
  { "heat-map-poster", N_("Heat-Map Poster"),
    N_("A4, where a quarter’s incidents concentrated, as a heat map safe to publish, with its key"),
    BB_REPORT_NEEDS_QUARTER, bb_heat_poster_build },
  { "officer-poster", N_("Meet Your Neighbourhood Officer"),
    N_("A4 poster with phone, district map and QR code"),
    BB_REPORT_NEEDS_OFFICER | BB_REPORT_HAS_BLEED, build_officer_poster },
  { "event-poster", N_("Event Poster"), N_("A4 poster for a community event"),
    BB_REPORT_NEEDS_EVENT | BB_REPORT_HAS_BLEED, build_event_poster },
  { "leaflet", N_("Crime-Prevention Leaflet"), N_("A5, both sides, on a chosen topic"),
    BB_REPORT_NEEDS_TOPIC | BB_REPORT_HAS_BLEED, build_leaflet },
  { "brochure", N_("Tri-Fold Brochure"), N_("A4 landscape, both sides, with fold marks"),
    BB_REPORT_HAS_BLEED, build_brochure },
  { "agenda", N_("Meeting Agenda"), N_("A4, the agenda of a meeting and what was done since the last one"),
    BB_REPORT_NEEDS_EVENT, bb_meeting_agenda_build },
  { "minutes", N_("Meeting Minutes"), N_("A4, who came, what was said and the concerns raised"),
    BB_REPORT_NEEDS_EVENT, bb_meeting_minutes_build },
  { "events", N_("Events of the Month"), N_("A4 list of a month’s public events"),
    BB_REPORT_NEEDS_MONTH | BB_REPORT_MAY_USE_DISTRICT, bb_event_list_build },
  { "survey-results", N_("Resident Survey Results"),
    N_("A4, the latest round against the one before, with margins of error"),
    BB_REPORT_MAY_USE_DISTRICT, build_survey_results },
  { "safety-plan", N_("Community Safety Plan"),
    N_("A4, the concern, the steps agreed, who does what and how progress is measured"),
    BB_REPORT_NEEDS_PLAN, build_safety_plan },
};

const BbReportKind *
bb_report_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const BbReportKind *
bb_report_kind_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, id) == 0)
      return &kinds[i];
  return NULL;
}

void
bb_report_request_init (BbReportRequest *request)
{
  memset (request, 0, sizeof *request);
  request->occurrence = BB_UNSET_TIME;
  bb_publish_policy_init_default (&request->policy);
}

void
bb_report_request_clear (BbReportRequest *request)
{
  g_clear_pointer (&request->language, g_free);
  g_clear_pointer (&request->district_id, g_free);
  g_clear_pointer (&request->event_id, g_free);
  g_clear_pointer (&request->officer_id, g_free);
  g_clear_pointer (&request->plan_id, g_free);
  g_clear_pointer (&request->key_messages, g_free);
  g_clear_pointer (&request->station_ids, g_strfreev);
}

void
bb_report_request_copy (const BbReportRequest *src,
                        BbReportRequest       *dest)
{
  *dest = *src;
  dest->language = g_strdup (src->language);
  dest->district_id = g_strdup (src->district_id);
  dest->event_id = g_strdup (src->event_id);
  dest->officer_id = g_strdup (src->officer_id);
  dest->plan_id = g_strdup (src->plan_id);
  dest->key_messages = g_strdup (src->key_messages);
  dest->station_ids = g_strdupv (src->station_ids);
}

gboolean
bb_report_request_set_period (BbReportRequest  *request,
                              const char       *period,
                              GError          **error)
{
  guint64 year = 0, part = 0;
  char *end = NULL;

  if (period != NULL && strlen (period) == 7 && period[4] == '-')
    {
      year = g_ascii_strtoull (period, &end, 10);
      if (end == period + 4 && (period[5] == 'Q' || period[5] == 'q'))
        {
          part = g_ascii_strtoull (period + 6, &end, 10);
          if (*end == '\0' && part >= 1 && part <= 4 && year >= 1900 && year <= 2999)
            {
              request->year = (int) year;
              request->quarter = (int) part;
              return TRUE;
            }
        }
      else if (end == period + 4)
        {
          part = g_ascii_strtoull (period + 5, &end, 10);
          if (*end == '\0' && part >= 1 && part <= 12 && year >= 1900 && year <= 2999)
            {
              request->year = (int) year;
              request->month = (int) part;
              request->quarter = (int) (part - 1) / 3 + 1;
              return TRUE;
            }
        }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a period: write a quarter as 2026-Q3 or a month as 2026-09"),
               period != NULL ? period : "");
  return FALSE;
}

static GTimeZone *
station_zone (BbStore *store)
{
  g_autoptr(BbStation) station = bb_store_station_get (store, NULL);
  GTimeZone *tz = station != NULL && station->timezone != NULL ? g_time_zone_new_identifier (station->timezone) : NULL;

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

/* Now, or the end of the station's data when that is earlier (a station
 * file brought from elsewhere, the demo written some time ago). */
static gint64
reference_time (BbStore *store)
{
  g_autoptr(GPtrArray) latest = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, 1, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (latest != NULL && latest->len > 0)
    now = MIN (now, ((BbIncident *) g_ptr_array_index (latest, 0))->occurred_start);
  return now;
}

static void
default_quarter (BbReportRequest *request,
                 BbStore         *store)
{
  g_autoptr(GTimeZone) tz = station_zone (store);
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (reference_time (store));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (t, tz);
  g_autoptr(GDateTime) soon = g_date_time_add_days (local, 4);
  int year = g_date_time_get_year (local);
  int quarter = (g_date_time_get_month (local) - 1) / 3 + 1;

  /* The quarter whose data is complete: the one just ended, or this one
   * when its last days are in. */
  if ((g_date_time_get_month (soon) - 1) / 3 + 1 == quarter)
    quarter--;
  if (quarter == 0)
    {
      quarter = 4;
      year--;
    }
  request->year = year;
  request->quarter = quarter;
}

static void
default_month (BbReportRequest *request,
               BbStore         *store)
{
  g_autoptr(GTimeZone) tz = station_zone (store);
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (reference_time (store));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (t, tz);

  request->year = g_date_time_get_year (local);
  request->month = g_date_time_get_month (local);
}

static gboolean
default_event (BbReportRequest    *request,
               const BbReportKind *kind,
               BbStore            *store,
               GError            **error)
{
  gint64 t = reference_time (store);
  gboolean minutes = g_str_equal (kind->id, "minutes");
  g_autoptr(GPtrArray) items = NULL;

  items = minutes ? bb_store_calendar_items (store, t - 366 * 86400, t + 1, NULL, NULL, error)
                  : bb_store_calendar_items (store, t, t + 366 * 86400, NULL, NULL, error);
  if (items == NULL)
    return FALSE;
  for (guint k = 0; k < items->len; k++)
    {
      /* Minutes: the latest meeting that has some; else the next event. */
      BbCalendarItem *item = g_ptr_array_index (items, minutes ? items->len - 1 - k : k);
      g_autoptr(BbEvent) event = NULL;

      if (item->kind != BB_CALENDAR_ITEM_EVENT)
        continue;
      event = bb_store_event_get (store, item->id, NULL);
      if (event == NULL)
        continue;
      if (minutes && (event->minutes == NULL || *event->minutes == '\0'))
        continue;
      if (g_str_equal (kind->id, "agenda") && (event->agenda == NULL || *event->agenda == '\0'))
        continue;
      request->event_id = g_strdup (item->id);
      request->occurrence = event->rrule != NULL ? item->start : BB_UNSET_TIME;
      return TRUE;
    }
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
               minutes ? _("No meeting of the last year has minutes yet: write them in the calendar")
                       : _("No event is planned: add one in the calendar"));
  return FALSE;
}

/* The newest plan: the one written last (a plan being worked on is
 * usually the one to print). */
static gboolean
default_plan (BbReportRequest *request,
              BbStore         *store,
              GError         **error)
{
  g_autoptr(GPtrArray) plans = bb_store_plan_list (store, error);
  const BbPlan *newest = NULL;

  if (plans == NULL)
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    {
      const BbPlan *plan = g_ptr_array_index (plans, i);

      if (newest == NULL || plan->created_at > newest->created_at
          || (plan->created_at == newest->created_at && g_strcmp0 (plan->id, newest->id) > 0))
        newest = plan;
    }
  if (newest == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, no_plan_message ());
      return FALSE;
    }
  request->plan_id = g_strdup (newest->id);
  return TRUE;
}

gboolean
bb_report_request_fill_defaults (BbReportRequest    *request,
                                 const BbReportKind *kind,
                                 BbStore            *store,
                                 GError            **error)
{
  g_return_val_if_fail (request != NULL && kind != NULL, FALSE);
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  if (request->language == NULL)
    request->language = g_strdup ("en");
  if ((kind->needs & BB_REPORT_NEEDS_QUARTER) && request->quarter == 0)
    default_quarter (request, store);
  if ((kind->needs & BB_REPORT_NEEDS_MONTH) && request->month == 0)
    default_month (request, store);
  if ((kind->needs & BB_REPORT_NEEDS_DISTRICT) && request->district_id == NULL)
    {
      g_autoptr(GPtrArray) districts = bb_store_district_list (store, error);

      if (districts == NULL)
        return FALSE;
      for (guint i = 0; i < districts->len && request->district_id == NULL; i++)
        if (((BbDistrict *) g_ptr_array_index (districts, i))->officer_id != NULL)
          request->district_id = g_strdup (((BbDistrict *) g_ptr_array_index (districts, i))->id);
      if (request->district_id == NULL && districts->len > 0)
        request->district_id = g_strdup (((BbDistrict *) g_ptr_array_index (districts, 0))->id);
      if (request->district_id == NULL)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                       _("The station has no districts yet: add one in the directory"));
          return FALSE;
        }
    }
  if ((kind->needs & BB_REPORT_NEEDS_OFFICER) && request->officer_id == NULL)
    {
      g_autoptr(GPtrArray) officers = bb_store_officer_list (store, error);

      if (officers == NULL)
        return FALSE;
      if (officers->len == 0)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                       _("The station has no officers yet: add one in the directory"));
          return FALSE;
        }
      request->officer_id = g_strdup (((BbOfficer *) g_ptr_array_index (officers, 0))->id);
    }
  if ((kind->needs & BB_REPORT_NEEDS_EVENT) && request->event_id == NULL
      && !default_event (request, kind, store, error))
    return FALSE;
  if ((kind->needs & BB_REPORT_NEEDS_PLAN) && request->plan_id == NULL && !default_plan (request, store, error))
    return FALSE;
  return TRUE;
}

static gboolean
name_matches (const char *a,
              const char *b)
{
  g_autofree char *x = a != NULL ? g_utf8_casefold (a, -1) : NULL;
  g_autofree char *y = b != NULL ? g_utf8_casefold (b, -1) : NULL;

  return x != NULL && y != NULL && g_str_equal (x, y);
}

char *
bb_report_find_district (BbStore     *store,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, error);

  if (districts == NULL)
    return NULL;
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      if (g_strcmp0 (d->id, name) == 0 || name_matches (d->name, name) || name_matches (d->code, name))
        return g_strdup (d->id);
    }
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
               _("The station has no district called “%s”"), name);
  return NULL;
}

char *
bb_report_find_officer (BbStore     *store,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GPtrArray) officers = bb_store_officer_list (store, error);

  if (officers == NULL)
    return NULL;
  for (guint i = 0; i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      if (g_strcmp0 (o->id, name) == 0 || name_matches (o->name, name))
        return g_strdup (o->id);
    }
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
               _("The station has no officer called “%s”"), name);
  return NULL;
}

char *
bb_report_find_plan (BbStore     *store,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) plans = bb_store_plan_list (store, error);

  if (plans == NULL)
    return NULL;
  if (plans->len == 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, no_plan_message ());
      return NULL;
    }
  for (guint i = 0; i < plans->len; i++)
    {
      BbPlan *p = g_ptr_array_index (plans, i);

      if (g_strcmp0 (p->id, name) == 0 || name_matches (p->title, name))
        return g_strdup (p->id);
    }
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
               _("The station has no community safety plan called “%s”"), name);
  return NULL;
}

gboolean
bb_report_find_event (BbStore     *store,
                      const char  *name,
                      const char  *date,
                      char       **event_id,
                      gint64      *occurrence,
                      GError     **error)
{
  g_autoptr(BbEvent) event = bb_store_event_get (store, name, NULL);
  g_autoptr(GTimeZone) tz = station_zone (store);
  g_autoptr(GPtrArray) items = NULL;
  gint64 from, to, now = reference_time (store);
  BbCalendarItem *best = NULL;

  if (event != NULL && date == NULL)
    {
      *event_id = g_strdup (event->id);
      *occurrence = BB_UNSET_TIME;
      return TRUE;
    }
  if (date != NULL)
    {
      int y = 0, m = 0, d = 0;
      g_autoptr(GDateTime) day = NULL;

      if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3
          || (day = g_date_time_new (tz, y, m, d, 0, 0, 0)) == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a date: write it as 2026-10-13"), date);
          return FALSE;
        }
      from = g_date_time_to_unix (day);
      to = from + 86400 + 3600;
    }
  else
    {
      from = now - 2 * 366 * 86400;
      to = now + 2 * 366 * 86400;
    }
  items = bb_store_calendar_items (store, from, to, NULL, NULL, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);

      if (item->kind != BB_CALENDAR_ITEM_EVENT)
        continue;
      if (!name_matches (item->title, name) && g_strcmp0 (item->id, name) != 0 && g_strcmp0 (item->series_id, name) != 0)
        continue;
      /* Without a date: the next occurrence, else the latest. */
      if (best == NULL || (best->start < now && item->start >= now) || (item->start < now && item->start > best->start))
        best = item;
      if (best->start >= now && date == NULL)
        break;
    }
  if (best == NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   date != NULL ? _("The calendar has no event “%s” on that day")
                                : _("The calendar has no event “%s”"), name);
      return FALSE;
    }
  g_clear_pointer (&event, bb_event_free);
  event = bb_store_event_get (store, best->id, error);
  if (event == NULL)
    return FALSE;
  *event_id = g_strdup (best->id);
  *occurrence = event->rrule != NULL ? best->start : BB_UNSET_TIME;
  return TRUE;
}

char *
bb_report_request_to_json (const BbReportRequest *request)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

#define STRING(name, value) G_STMT_START { if ((value) != NULL) { \
    json_builder_set_member_name (b, name); json_builder_add_string_value (b, value); } } G_STMT_END
#define INT(name, value) G_STMT_START { json_builder_set_member_name (b, name); \
    json_builder_add_int_value (b, value); } G_STMT_END
  json_builder_begin_object (b);
  STRING ("language", request->language);
  INT ("year", request->year);
  INT ("quarter", request->quarter);
  INT ("month", request->month);
  STRING ("district", request->district_id);
  STRING ("event", request->event_id);
  if (request->occurrence != BB_UNSET_TIME)
    INT ("occurrence", request->occurrence);
  STRING ("officer", request->officer_id);
  STRING ("plan", request->plan_id);
  INT ("topic", request->topic);
  json_builder_set_member_name (b, "bleed");
  json_builder_add_boolean_value (b, request->bleed);
  INT ("min_count", request->policy.min_count);
  STRING ("key_messages", request->key_messages);
  /* Headquarters: the stations the document was made for. */
  if (request->station_ids != NULL && request->station_ids[0] != NULL)
    {
      json_builder_set_member_name (b, "stations");
      json_builder_begin_array (b);
      for (guint i = 0; request->station_ids[i] != NULL; i++)
        json_builder_add_string_value (b, request->station_ids[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
#undef STRING
#undef INT
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
bb_report_request_from_json (const char       *json,
                             BbReportRequest  *request,
                             GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *o;

  bb_report_request_init (request);
  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                   _("The saved document cannot be read: %s"),
                   local_error != NULL ? local_error->message : _("it is not a JSON object"));
      return FALSE;
    }
  o = json_node_get_object (json_parser_get_root (parser));
#define STRING(name) (json_object_has_member (o, name) && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, name)) \
                      ? g_strdup (bb_json_get_string (o, name, NULL)) : NULL)
  request->language = STRING ("language");
  request->year = (int) bb_json_get_int (o, "year", 0);
  request->quarter = (int) CLAMP (bb_json_get_int (o, "quarter", 0), 0, 4);
  request->month = (int) CLAMP (bb_json_get_int (o, "month", 0), 0, 12);
  request->district_id = STRING ("district");
  request->event_id = STRING ("event");
  request->occurrence = bb_json_get_int (o, "occurrence", BB_UNSET_TIME);
  request->officer_id = STRING ("officer");
  request->plan_id = STRING ("plan");
  request->topic = (int) CLAMP (bb_json_get_int (o, "topic", 0), 0, BB_N_LEAFLET_TOPICS - 1);
  request->bleed = bb_json_get_boolean (o, "bleed", FALSE);
  request->policy.min_count = (guint) CLAMP (bb_json_get_int (o, "min_count", BB_PUBLISH_DEFAULT_MIN_COUNT),
                                             1, 100);
  request->key_messages = STRING ("key_messages");
#undef STRING
  if (json_object_has_member (o, "stations") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "stations")))
    {
      JsonArray *stations = json_object_get_array_member (o, "stations");
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      guint n = 0;

      for (guint i = 0; i < json_array_get_length (stations); i++)
        {
          JsonNode *node = json_array_get_element (stations, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              g_strv_builder_add (ids, json_node_get_string (node));
              n++;
            }
        }
      if (n > 0)
        request->station_ids = g_strv_builder_end (ids);
    }
  return TRUE;
}

char *
bb_report_request_describe (const BbReportKind    *kind,
                            const BbReportRequest *request)
{
  if ((kind->needs & BB_REPORT_NEEDS_QUARTER) && request->quarter > 0)
    return g_strdup_printf ("%s, %d-Q%d", _(kind->title), request->year, request->quarter);
  if ((kind->needs & BB_REPORT_NEEDS_MONTH) && request->month > 0)
    return g_strdup_printf ("%s, %d-%02d", _(kind->title), request->year, request->month);
  return g_strdup (_(kind->title));
}

BbPrintDocument *
bb_report_build (const BbReportKind     *kind,
                 BbStore                *store,
                 const BbReportRequest  *request,
                 BbWithheld            **withheld_out,
                 GError                **error)
{
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  BbPrintDocument *doc;

  g_return_val_if_fail (kind != NULL && request != NULL, NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  branding = bb_branding_new_from_station (station);
  doc = kind->build (store, branding, request, withheld, error);
  if (doc != NULL && withheld_out != NULL)
    *withheld_out = g_steal_pointer (&withheld);
  return doc;
}
