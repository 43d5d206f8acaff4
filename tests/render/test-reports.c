/* test-reports.c: every document of the catalogue from the demo station: the store's figures in the text, nothing private in any of them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-render-i18n.h"

#include <math.h>

#include "bb-demo-station.h"
#include "bb-report.h"
#include "bb-store-calendar.h"
#include "bb-store-plans.h"
#include "bb-store-surveys.h"
#include "bb-templates.h"
#include "render-test-util.h"

static char *test_dir;
static BbStore *store;
static GTimeZone *tz;

/* What the station holds that no public document may print. */
#define SECRET_NAME     "Zorbaxa Quintilla"
#define SECRET_PHONE    "+355 69 404 7171"
#define SECRET_ADDRESS  "Rruga Fshehtë 77"
#define SECRET_WORDS    "Xylophonist informant"
#define RESIDENT_TASK   "Walk the underpass with the residents"

static gint64
quarter_start (int year,
               int quarter)
{
  g_autoptr(GDateTime) t = g_date_time_new (tz, year, 3 * (quarter - 1) + 1, 1, 0, 0, 0);

  return g_date_time_to_unix (t);
}

static gint64
public_count (const char *category_id,
              const char *district_id,
              const char *status,
              gint64      from,
              gint64      to)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(GError) error = NULL;
  const char *categories[] = { category_id, NULL };
  const char *districts[] = { district_id, NULL };
  const char *statuses[] = { status, NULL };
  gint64 n;

  bb_incident_filter_set_time_range (filter, from, to);
  if (category_id != NULL)
    bb_incident_filter_set_category_ids (filter, categories);
  if (district_id != NULL)
    bb_incident_filter_set_district_ids (filter, districts);
  if (status != NULL)
    bb_incident_filter_set_statuses (filter, statuses);
  filter->restricted = BB_RESTRICTED_EXCLUDE;
  n = bb_store_incident_count (store, filter, &error);
  g_assert_no_error (error);
  return n;
}

/* Builds @id with the defaults the command line uses, writes it, checks
 * nothing overflowed, and returns the PDF's path. */
static char *
build (const char       *id,
       BbReportRequest  *request,
       BbWithheld      **withheld_out)
{
  const BbReportKind *kind = bb_report_kind_find (id);
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("report-%s-%s.pdf", id, request->language != NULL ? request->language : "en");
  char *path = output_path (test_dir, name);

  g_assert_nonnull (kind);
  g_assert_true (bb_report_request_fill_defaults (request, kind, store, &error));
  g_assert_no_error (error);
  doc = bb_report_build (kind, store, request, &withheld, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("%s: %s", id, ((BbRenderWarning *) g_ptr_array_index (result->warnings, i))->message);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  if (withheld_out != NULL)
    *withheld_out = g_steal_pointer (&withheld);
  return path;
}

/* The line of `pdftotext -layout` that starts with @label (after spaces),
 * on the first page (0: any). */
static char *
layout_line_on (const char *path,
                guint       page,
                const char *label)
{
  g_autofree char *number = g_strdup_printf ("%u", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page > 0 ? page : 999);
  const char *argv[] = { "pdftotext", "-f", number, "-l", last, "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strchug (lines[i]), label))
      return g_strdup (lines[i]);
  return NULL;
}

static char *
layout_line (const char *path,
             const char *label)
{
  return layout_line_on (path, 0, label);
}

/* A table's row on page 1 whose first cell may wrap: the longest start of
 * @name that begins a line. */
static char *
table_row (const char *path,
           const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint n = g_strv_length (words); n > 0; n--)
    {
      g_autofree char *start = NULL;
      char *line;
      char *keep = words[n];

      words[n] = NULL;
      start = g_strjoinv (" ", words);
      words[n] = keep;
      line = layout_line_on (path, 1, start);
      if (line != NULL)
        return line;
    }
  return NULL;
}

static gboolean
line_has_number (const char *line,
                 gint64      n)
{
  g_autofree char *needle = g_strdup_printf (" %" G_GINT64_FORMAT " ", n);
  /* Counts print as the document's language groups them: "1,053". */
  g_autofree char *number = bb_render_format_number ("en", (double) n, 0);
  g_autofree char *grouped = g_strdup_printf (" %s ", number);
  g_autofree char *padded = g_strdup_printf (" %s ", line);

  return strstr (padded, needle) != NULL || strstr (padded, grouped) != NULL;
}

/* The briefing prints the counts the store holds, category by category. */
static void
test_briefing_figures (void)
{
  BbReportRequest request;
  g_autoptr(GPtrArray) categories = bb_store_category_list (store, NULL);
  g_autofree char *path = NULL;
  g_autofree char *total_line = NULL;
  g_autofree char *cleared = NULL;
  gint64 from, to, prev, last_year, total = 0;

  bb_report_request_init (&request);
  request.language = g_strdup ("en");
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  path = build ("briefing", &request, NULL);
  from = quarter_start (2026, 3);
  to = quarter_start (2026, 4);
  prev = quarter_start (2026, 2);
  last_year = quarter_start (2025, 3);

  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);
      g_autofree char *line = NULL;
      gint64 now, before, year_before;

      if (c->parent_id != NULL)
        continue;
      now = public_count (c->id, NULL, NULL, from, to);
      before = public_count (c->id, NULL, NULL, prev, from);
      year_before = public_count (c->id, NULL, NULL, last_year, quarter_start (2025, 4));
      total += now;
      if (now == 0 && before == 0 && year_before == 0)
        continue;
      line = table_row (path, c->name);
      if (line == NULL)
        g_error ("the briefing has no row for %s", c->name);
      g_test_message ("%s: %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " in “%s”",
                      c->name, now, before, year_before, line);
      if (now >= 3)
        g_assert_true (line_has_number (line, now));
      if (before >= 3)
        g_assert_true (line_has_number (line, before));
      if (year_before >= 3)
        g_assert_true (line_has_number (line, year_before));
    }
  total_line = table_row (path, "All incidents");
  g_assert_nonnull (total_line);
  g_assert_true (line_has_number (total_line, total));

  /* The cleared share, as the store counts it. */
  cleared = g_strdup_printf ("%.0f %%", 100.0 * public_count (NULL, NULL, "cleared", from, to) / total);
  assert_pdf_has_text (path, cleared);

  /* Community work: every occurrence of the quarter but press briefings. */
  {
    g_autoptr(GPtrArray) items = bb_store_calendar_items (store, from, to, NULL, NULL, NULL);
    g_autofree char *held = NULL;
    guint n = 0;

    for (guint i = 0; i < items->len; i++)
      {
        BbCalendarItem *item = g_ptr_array_index (items, i);

        n += item->kind == BB_CALENDAR_ITEM_EVENT && g_strcmp0 (item->event_kind, "press_briefing") != 0;
      }
    g_assert_cmpuint (n, >, 0);
    held = g_strdup_printf ("the station held %u meetings", n);
    assert_pdf_has_text (path, held);
  }
  bb_report_request_clear (&request);
}

/* The survey's shares, counted here from the answers: weighted to the
 * districts' populations by hand (each district's share of "yes" times
 * its share of the population), as the demo's rounds are, and as
 * answered once a round is not weighted. */
static void
test_briefing_survey (void)
{
  BbReportRequest request;
  g_autoptr(GPtrArray) surveys = bb_store_survey_list (store, NULL);
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(BbSurveyWeighting) districts_weighting = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_DISTRICTS);
  g_autoptr(BbSurveyWeighting) none = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_NONE);
  g_autofree char *path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *line = NULL;
  g_autofree char *plain_line = NULL;
  g_autoptr(GError) error = NULL;

  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  path = build ("briefing", &request, NULL);
  line = layout_line (path, "Know their district officer by name");
  g_assert_nonnull (line);
  assert_pdf_has_text (path, "Method: shares weighted to the districts’ populations");
  assert_pdf_has_text (path, "effective n");
  for (guint s = 0; s < surveys->len; s++)
    g_assert_true (bb_store_survey_set_weighting (store, ((BbSurvey *) g_ptr_array_index (surveys, s))->id, none, &error));
  g_assert_no_error (error);
  plain_path = build ("briefing", &request, NULL);
  plain_line = layout_line (plain_path, "Know their district officer by name");
  g_assert_nonnull (plain_line);
  g_assert_null (strstr (plain_line, "weighted"));
  {
    g_autofree char *text = pdf_text (plain_path);

    g_assert_null (strstr (text, "Method: shares weighted"));
  }
  for (guint s = 0; s < surveys->len; s++)
    g_assert_true (bb_store_survey_set_weighting (store, ((BbSurvey *) g_ptr_array_index (surveys, s))->id,
                                                  districts_weighting, &error));
  g_assert_no_error (error);

  for (guint s = 0; s < surveys->len; s++)
    {
      BbSurvey *survey = g_ptr_array_index (surveys, s);
      g_autoptr(GPtrArray) questions = bb_store_question_list (store, survey->questionnaire_id, NULL);
      g_autoptr(GPtrArray) responses = bb_store_survey_response_list (store, survey->id, NULL);
      g_autofree guint *yes_in = g_new0 (guint, districts->len);
      g_autofree guint *answered_in = g_new0 (guint, districts->len);
      const char *question_id = NULL;
      guint yes = 0, answered = 0;
      double residents = 0, weighted = 0;
      g_autofree char *share = NULL;
      g_autofree char *weighted_share = NULL;

      for (guint q = 0; q < questions->len; q++)
        if (g_strcmp0 (((BbQuestion *) g_ptr_array_index (questions, q))->code, "block5/q3") == 0)
          question_id = ((BbQuestion *) g_ptr_array_index (questions, q))->id;
      g_assert_nonnull (question_id);
      for (guint r = 0; r < responses->len; r++)
        {
          BbSurveyResponse *response = g_ptr_array_index (responses, r);
          guint d = 0;

          while (d < districts->len && g_strcmp0 (((BbDistrict *) districts->pdata[d])->id, response->district_id) != 0)
            d++;
          g_assert_cmpuint (d, <, districts->len);
          for (guint a = 0; a < response->answers->len; a++)
            {
              BbSurveyAnswer *answer = g_ptr_array_index (response->answers, a);

              if (g_strcmp0 (answer->question_id, question_id) != 0)
                continue;
              answered++;
              answered_in[d]++;
              yes += g_strcmp0 (answer->value, "yes") == 0;
              yes_in[d] += g_strcmp0 (answer->value, "yes") == 0;
            }
        }
      g_assert_cmpuint (answered, >=, 30);
      for (guint d = 0; d < districts->len; d++)
        {
          int population = ((BbDistrict *) districts->pdata[d])->population;

          g_assert_cmpint (population, >, 0);
          g_assert_cmpuint (answered_in[d], >, 0);
          residents += population;
          weighted += population * (double) yes_in[d] / answered_in[d];
        }
      share = g_strdup_printf ("%.0f %%", 100.0 * yes / answered);
      weighted_share = g_strdup_printf ("%.0f %%, weighted,", 100.0 * weighted / residents);
      if (strstr (plain_line, share) == NULL)
        g_error ("%s: %s not in “%s”", survey->title, share, plain_line);
      if (strstr (line, weighted_share) == NULL)
        g_error ("%s: %s not in “%s”", survey->title, weighted_share, line);
    }
  bb_report_request_clear (&request);
}

static void
test_district_profile (void)
{
  BbReportRequest request;
  g_autoptr(BbDistrict) district = NULL;
  g_autoptr(BbOfficer) officer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *population = NULL;
  g_autofree char *count_text = NULL;
  guint n;
  double w, h;

  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  path = build ("district-profile", &request, NULL);
  district = bb_store_district_get (store, request.district_id, NULL);
  officer = bb_store_officer_get (store, district->officer_id, NULL);
  g_assert_nonnull (officer);
  pdf_info (path, &n, &w, &h);
  g_assert_cmpuint (n, ==, 2);
  assert_pdf_has_text (path, district->name);
  assert_pdf_has_text (path, officer->name);
  assert_pdf_has_text (path, officer->phone);
  population = g_strdup_printf ("%d residents", district->population);
  assert_pdf_has_text (path, population);
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT " incidents this quarter",
                                public_count (NULL, district->id, NULL, quarter_start (2026, 3), quarter_start (2026, 4)));
  assert_pdf_has_text (path, count_text);
  assert_pdf_has_text (path, "Incidents month by month");
  bb_report_request_clear (&request);
}

static void
test_agenda_and_minutes (void)
{
  BbReportRequest request;
  g_autoptr(BbEvent) event = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) items = NULL;

  /* The agenda: each item, and the concerns of the group's last meeting. */
  bb_report_request_init (&request);
  path = build ("agenda", &request, NULL);
  event = bb_store_event_get (store, request.event_id, NULL);
  assert_pdf_has_text (path, event->title);
  items = g_strsplit (event->agenda, "\n", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *text = g_strstrip (items[i]);

      while (g_ascii_isdigit (*text) || *text == '.' || *text == ' ')
        text++;
      if (*text)
        assert_pdf_has_text (path, text);
    }
  {
    g_autoptr(GPtrArray) back = bb_store_event_report_back (store, event->kind, event->district_id,
                                                            request.occurrence != BB_UNSET_TIME ? request.occurrence
                                                                                                 : event->start_at,
                                                            NULL, NULL, NULL);

    g_assert_nonnull (back);
    if (back->len > 0)
      {
        assert_pdf_has_text (path, "You said, we did");
        assert_pdf_has_text (path, ((BbReportBack *) g_ptr_array_index (back, 0))->text);
      }
  }
  bb_report_request_clear (&request);
  g_clear_pointer (&event, bb_event_free);
  g_clear_pointer (&path, g_free);

  /* The minutes: the notes, the head count, each concern raised. */
  bb_report_request_init (&request);
  path = build ("minutes", &request, NULL);
  event = bb_store_event_get (store, request.event_id, NULL);
  g_assert_true (event->minutes != NULL && *event->minutes);
  assert_pdf_has_text (path, "Minutes of the meeting");
  {
    g_autofree char *people = g_strdup_printf ("%d people", event->head_count);
    g_auto(GStrv) first = g_strsplit (event->minutes, ".", 2);

    assert_pdf_has_text (path, people);
    assert_pdf_has_text (path, first[0]);
  }
  concerns = bb_store_concern_list (store, event->id, NULL);
  for (guint i = 0; i < concerns->len; i++)
    assert_pdf_has_text (path, ((BbConcern *) g_ptr_array_index (concerns, i))->text);
  bb_report_request_clear (&request);
}

static void
test_month_events (void)
{
  BbReportRequest request;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint shown = 0;

  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-10", NULL));
  path = build ("events", &request, NULL);
  assert_pdf_has_text (path, "Events in October 2026");
  start = g_date_time_new (tz, 2026, 10, 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);
  items = bb_store_calendar_items (store, g_date_time_to_unix (start), g_date_time_to_unix (end), NULL, NULL, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);

      if (item->kind != BB_CALENDAR_ITEM_EVENT || g_strcmp0 (item->event_kind, "training") == 0 ||
          g_strcmp0 (item->event_kind, "other") == 0)
        continue;
      assert_pdf_has_text (path, item->title);
      shown++;
    }
  g_assert_cmpuint (shown, >, 5);
  bb_report_request_clear (&request);
}

/* Every document of the catalogue: no restricted incident, no resident's
 * name or phone, no incident's address. */
static void
test_nothing_private (void)
{
  guint n_kinds;
  const BbReportKind *kinds = bb_report_kinds (&n_kinds);
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) residents = bb_store_partner_list (store, NULL);

  {
    g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();

    addresses = bb_store_incident_query (store, filter, BB_INCIDENT_SORT_TIME, TRUE, 0, 400, NULL);
    g_assert_nonnull (addresses);
  }
  for (guint k = 0; k < n_kinds; k++)
    {
      BbReportRequest request;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *flat = NULL;

      bb_report_request_init (&request);
      if (kinds[k].needs & BB_REPORT_NEEDS_QUARTER)
        g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
      if (g_str_equal (kinds[k].id, "events"))
        g_assert_true (bb_report_request_set_period (&request, "2026-09", NULL));
      path = build (kinds[k].id, &request, NULL);
      text = pdf_text (path);
      flat = squash_spaces (text);
      g_test_message ("%s: %zu characters", kinds[k].id, strlen (flat));
      g_assert_cmpuint (strlen (flat), >, 200);
      g_assert_null (strstr (flat, SECRET_NAME));
      g_assert_null (strstr (flat, SECRET_PHONE));
      g_assert_null (strstr (flat, SECRET_ADDRESS));
      g_assert_null (strstr (flat, SECRET_WORDS));
      for (guint i = 0; i < residents->len; i++)
        {
          BbPartner *partner = g_ptr_array_index (residents, i);

          if (!partner->is_person)
            continue;
          if (strstr (flat, partner->name) != NULL)
            g_error ("%s prints the resident %s", kinds[k].id, partner->name);
          if (partner->phone != NULL && strstr (flat, partner->phone) != NULL)
            g_error ("%s prints the phone of the resident %s", kinds[k].id, partner->name);
        }
      for (guint i = 0; i < addresses->len; i++)
        {
          BbIncident *incident = g_ptr_array_index (addresses, i);

          if (incident->address != NULL && strlen (incident->address) > 8 && strstr (flat, incident->address) != NULL)
            g_error ("%s prints the address %s", kinds[k].id, incident->address);
        }
      bb_report_request_clear (&request);
    }
}

/* A key message longer than its room is reported, not cut silently. */
static void
test_overflow_reported (void)
{
  const BbReportKind *kind = bb_report_kind_find ("briefing");
  BbReportRequest request;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "overflow.pdf", NULL);
  GString *words = g_string_new (NULL);
  gboolean named = FALSE;

  for (guint i = 0; i < 60; i++)
    g_string_append (words, "The station met residents in every district and agreed what to do next together. ");
  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  request.key_messages = g_string_free (words, FALSE);
  g_assert_true (bb_report_request_fill_defaults (&request, kind, store, NULL));
  doc = bb_report_build (kind, store, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_true (bb_render_result_has_overflow (result));
  for (guint i = 0; i < result->warnings->len; i++)
    named |= strstr (((BbRenderWarning *) g_ptr_array_index (result->warnings, i))->message, "Key messages") != NULL;
  g_assert_true (named);
  bb_report_request_clear (&request);
}

/* Cyrillic data in a Russian document: every glyph found, fonts embedded. */
static void
test_cyrillic (void)
{
  BbReportRequest request;
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(BbDistrict) district = bb_district_copy (g_ptr_array_index (districts, 1));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fonts = NULL;
  const char *argv[] = { "pdffonts", NULL, NULL };

  g_free (district->name);
  district->name = g_strdup ("Заречье — Ҷанубӣ");
  g_assert_true (bb_store_district_update (store, district, &error));
  g_assert_no_error (error);
  bb_report_request_init (&request);
  request.language = g_strdup ("ru");
  request.district_id = g_strdup (district->id);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q3", NULL));
  path = build ("district-profile", &request, NULL);
  assert_pdf_has_text (path, "Заречье — Ҷанубӣ");
  argv[1] = path;
  fonts = run_tool (argv);
  g_assert_nonnull (strstr (fonts, "NotoSans"));
  g_assert_null (strstr (fonts, " no "));   /* every font embedded */
  bb_report_request_clear (&request);
}

static void
test_periods (void)
{
  BbReportRequest request;
  g_autoptr(GError) error = NULL;

  bb_report_request_init (&request);
  g_assert_true (bb_report_request_set_period (&request, "2026-Q4", &error));
  g_assert_cmpint (request.year, ==, 2026);
  g_assert_cmpint (request.quarter, ==, 4);
  g_assert_true (bb_report_request_set_period (&request, "2025-02", &error));
  g_assert_cmpint (request.year, ==, 2025);
  g_assert_cmpint (request.month, ==, 2);
  g_assert_cmpint (request.quarter, ==, 1);
  g_assert_false (bb_report_request_set_period (&request, "2026-Q5", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (bb_report_request_set_period (&request, "Q3 2026", &error));
  g_clear_error (&error);
  g_assert_false (bb_report_request_set_period (&request, "2026-13", &error));
  g_clear_error (&error);

  /* The demo's data end in September 2026: its last full quarter is Q3. */
  bb_report_request_clear (&request);
  bb_report_request_init (&request);
  g_assert_true (bb_report_request_fill_defaults (&request, bb_report_kind_find ("briefing"), store, &error));
  g_assert_cmpint (request.year, ==, 2026);
  g_assert_cmpint (request.quarter, ==, 3);
  bb_report_request_clear (&request);
}

/* The plan of the catalogue: the newest by default, another when chosen;
 * the choice survives a saved document; its words are the plan's, its
 * private person unnamed. */
static void
test_safety_plan (void)
{
  const BbReportKind *kind = bb_report_kind_find ("safety-plan");
  g_autoptr(GPtrArray) plans = bb_store_plan_list (store, NULL);
  g_autoptr(BbPlan) newer = bb_plan_new ();
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *found = NULL;
  BbReportRequest request, back;
  BbPlan *demo;

  g_assert_nonnull (kind);
  g_assert_true (kind->needs & BB_REPORT_NEEDS_PLAN);
  g_assert_cmpuint (plans->len, ==, 1);
  demo = g_ptr_array_index (plans, 0);

  /* The demo's plan, chosen: its words, its resident unnamed. */
  bb_report_request_init (&request);
  request.plan_id = g_strdup (demo->id);
  path = build ("safety-plan", &request, &withheld);
  assert_pdf_has_text (path, demo->title);
  assert_pdf_has_text (path, RESIDENT_TASK);
  assert_pdf_has_text (path, "a member of the working group");
  text = pdf_text (path);
  g_assert_null (strstr (text, SECRET_NAME));
  summary = bb_withheld_describe (withheld);
  g_assert_nonnull (strstr (summary, "without the person"));
  bb_report_request_clear (&request);

  /* A plan written since is the newest, whatever its period. */
  newer->title = g_strdup ("Quiet nights by the market, 2021");
  newer->statement = g_strdup ("Fewer fights by the market on Saturday nights.");
  newer->period_start = g_strdup ("2021-01-01");
  newer->period_end = g_strdup ("2021-12-31");
  g_assert_true (bb_store_plan_save (store, newer, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);
  bb_report_request_init (&request);
  path = build ("safety-plan", &request, NULL);
  g_assert_cmpstr (request.plan_id, ==, newer->id);
  assert_pdf_has_text (path, "Quiet nights by the market, 2021");
  assert_pdf_has_text (path, "Fewer fights by the market on Saturday nights.");
  text = pdf_text (path);
  g_assert_null (strstr (text, demo->title));

  /* Saved and read back: the same plan. */
  json = bb_report_request_to_json (&request);
  g_assert_true (bb_report_request_from_json (json, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (back.plan_id, ==, newer->id);
  describe = bb_report_request_describe (kind, &back);
  g_assert_cmpstr (describe, ==, "Community Safety Plan");
  bb_report_request_clear (&back);
  bb_report_request_clear (&request);

  /* Found by title, case aside, as the command line does. */
  found = bb_report_find_plan (store, "QUIET NIGHTS by the market, 2021", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, newer->id);
  g_assert_null (bb_report_find_plan (store, "Atlantis", &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleted since it was chosen: the build says so. */
  g_assert_true (bb_store_plan_delete (store, newer->id, &error));
  g_assert_no_error (error);
  bb_report_request_init (&request);
  request.plan_id = g_strdup (found);
  g_assert_null (bb_report_build (kind, store, &request, NULL, &error));
  g_assert_nonnull (error);
  bb_report_request_clear (&request);
}

/* A saved document remembers the stations it was made for (headquarters);
 * one made for all has none, and a stray value is ignored. */
static void
test_saved_stations (void)
{
  BbReportRequest request, back;
  const char *stations[] = { "1b9d6bcd-north", "6ec0bd7f-south", NULL };
  g_autofree char *json = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GError) error = NULL;

  bb_report_request_init (&request);
  request.year = 2026;
  request.quarter = 3;
  request.station_ids = g_strdupv ((char **) stations);
  json = bb_report_request_to_json (&request);
  g_assert_true (bb_report_request_from_json (json, &back, &error));
  g_assert_no_error (error);
  g_assert_nonnull (back.station_ids);
  g_assert_cmpstrv (back.station_ids, stations);
  g_assert_cmpint (back.quarter, ==, 3);
  bb_report_request_clear (&back);

  g_clear_pointer (&request.station_ids, g_strfreev);
  all = bb_report_request_to_json (&request);
  g_assert_null (strstr (all, "stations"));
  g_assert_true (bb_report_request_from_json (all, &back, &error));
  g_assert_null (back.station_ids);
  bb_report_request_clear (&back);
  bb_report_request_clear (&request);

  g_assert_true (bb_report_request_from_json ("{\"stations\": [3, \"north\", null]}", &back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (back.station_ids), ==, 1);
  g_assert_cmpstr (back.station_ids[0], ==, "north");
  bb_report_request_clear (&back);
  g_assert_true (bb_report_request_from_json ("{\"stations\": \"north\"}", &back, &error));
  g_assert_null (back.station_ids);
  bb_report_request_clear (&back);
}

/* A station with no plan is told to write one; nothing is built. */
static void
test_safety_plan_none (void)
{
  g_autofree char *path = g_build_filename (test_dir, "planless.beatbook", NULL);
  g_autoptr(BbStore) empty = bb_store_create (path, "Planless", NULL);
  const BbReportKind *kind = bb_report_kind_find ("safety-plan");
  g_autoptr(GError) error = NULL;
  BbReportRequest request;

  g_assert_nonnull (empty);
  bb_report_request_init (&request);
  g_assert_false (bb_report_request_fill_defaults (&request, kind, empty, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no community safety plan yet"));
  g_clear_error (&error);
  g_assert_null (bb_report_build (kind, empty, &request, NULL, &error));
  g_assert_nonnull (strstr (error->message, "no community safety plan yet"));
  bb_report_request_clear (&request);
}

/* The secrets every document is searched for. */
static void
plant_secrets (void)
{
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(GPtrArray) categories = bb_store_category_list (store, NULL);
  g_autoptr(BbPartner) resident = bb_partner_new ();
  g_autoptr(GError) error = NULL;
  BbDistrict *district = g_ptr_array_index (districts, 0);

  resident->name = g_strdup (SECRET_NAME);
  g_free (resident->kind);
  resident->kind = g_strdup ("resident");
  resident->is_person = TRUE;
  resident->phone = g_strdup (SECRET_PHONE);
  resident->district_id = g_strdup (district->id);
  g_assert_true (bb_store_partner_insert (store, resident, &error));
  g_assert_no_error (error);

  /* A restricted incident and a public one at a secret address, in Q3. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (((BbCategory *) g_ptr_array_index (categories, 0))->id);
      incident->occurred_start = quarter_start (2026, 3) + 86400 * 20;
      incident->lon = (district->min_lon + district->max_lon) / 2;
      incident->lat = (district->min_lat + district->max_lat) / 2;
      incident->restricted = i == 0;
      g_free (incident->address);
      incident->address = g_strdup (SECRET_ADDRESS);
      g_free (incident->description);
      incident->description = g_strdup (SECRET_WORDS);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }

  /* The resident has a task of the plan. */
  {
    g_autoptr(GPtrArray) plans = bb_store_plan_list (store, NULL);
    g_autoptr(BbTask) task = bb_task_new ();

    g_assert_cmpuint (plans->len, >=, 1);
    task->plan_id = g_strdup (((BbPlan *) g_ptr_array_index (plans, 0))->id);
    task->title = g_strdup (RESIDENT_TASK);
    task->assignee_partner_id = g_strdup (resident->id);
    task->due_date = g_strdup ("2026-10-01");
    g_assert_true (bb_store_task_insert (store, task, &error));
    g_assert_no_error (error);
  }

  /* The resident attended every meeting of the demo's first district. */
  {
    g_autoptr(GPtrArray) events = bb_store_event_list (store, G_MININT64 + 1, G_MAXINT64, NULL);

    for (guint i = 0; i < events->len; i++)
      {
        BbEvent *e = g_ptr_array_index (events, i);
        g_autoptr(BbEventAttendee) attendee = NULL;

        if (e->minutes == NULL || *e->minutes == '\0')
          continue;
        attendee = bb_event_attendee_new ();
        attendee->event_id = g_strdup (e->id);
        attendee->partner_id = g_strdup (resident->id);
        g_assert_true (bb_store_event_attendee_insert (store, attendee, &error));
        g_assert_no_error (error);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  BbDemoOptions options;
  int ret;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("beatbook-reports-XXXXXX", NULL);
  db = g_build_filename (test_dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 8000;
  store = bb_demo_station_create (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  tz = g_time_zone_new_identifier ("Europe/Tirane");
  plant_secrets ();

  g_test_add_func ("/render/reports/periods", test_periods);
  g_test_add_func ("/render/reports/briefing-figures", test_briefing_figures);
  g_test_add_func ("/render/reports/briefing-survey", test_briefing_survey);
  g_test_add_func ("/render/reports/district-profile", test_district_profile);
  g_test_add_func ("/render/reports/agenda-and-minutes", test_agenda_and_minutes);
  g_test_add_func ("/render/reports/month-events", test_month_events);
  g_test_add_func ("/render/reports/nothing-private", test_nothing_private);
  g_test_add_func ("/render/reports/safety-plan", test_safety_plan);
  g_test_add_func ("/render/reports/safety-plan-none", test_safety_plan_none);
  g_test_add_func ("/render/reports/saved-stations", test_saved_stations);
  g_test_add_func ("/render/reports/overflow-reported", test_overflow_reported);
  g_test_add_func ("/render/reports/cyrillic", test_cyrillic);
  ret = g_test_run ();

  g_object_unref (store);
  g_time_zone_unref (tz);
  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return ret;
}
