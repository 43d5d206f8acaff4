/* test-public-safety.c: a restricted incident and a small count never reach a public PDF */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-demo-station.h"
#include "bb-store-plans.h"
#include "bb-templates.h"
#include "render-test-util.h"

#define AUGUST_15_2026 G_GINT64_CONSTANT (1786795200)   /* 2026-08-15 12:00 UTC, in Q3 */

static char *
add_category (BbStore    *store,
              const char *code,
              const char *name)
{
  g_autoptr(BbCategory) category = bb_category_new ();
  g_autoptr(GError) error = NULL;

  /* A new record holds its defaults: replaced, they are freed. */
  g_free (category->code);
  category->code = g_strdup (code);
  g_free (category->name);
  category->name = g_strdup (name);
  g_free (category->kind);
  category->kind = g_strdup ("disorder");
  g_free (category->colour);
  category->colour = g_strdup ("#556677");
  g_assert_true (bb_store_category_insert (store, category, &error));
  g_assert_no_error (error);
  return g_strdup (category->id);
}

static void
add_incidents (BbStore    *store,
               const char *category_id,
               guint       n,
               gboolean    restricted)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();
      g_autoptr(GError) error = NULL;

      incident->category_id = g_strdup (category_id);
      incident->occurred_start = AUGUST_15_2026 + i * 3600;
      incident->lat = 41.3275;
      incident->lon = 19.8187;
      incident->restricted = restricted;
      g_free (incident->address);
      incident->address = g_strdup ("12 Hiddenlane Street");
      g_free (incident->description);
      incident->description = g_strdup ("Secretwitness Jane Roe saw everything");
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

/* The line of `pdftotext -layout` that holds @needle. */
static char *
layout_line (const char *path,
             const char *needle)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_briefing_withholds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("beatbook-public-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "station.beatbook", NULL);
  g_autofree char *pdf = output_path (dir, "public-briefing.pdf");
  g_autofree char *pdf_all = g_build_filename (dir, "public-briefing-min1.pdf", NULL);
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *small = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) words = NULL;
  BbDemoOptions demo;
  BbBriefingOptions options;

  bb_demo_options_init_default (&demo);
  demo.n_incidents = 2000;
  store = bb_demo_station_create (db, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);

  /* Only restricted incidents in one category; two public ones in another. */
  secret = add_category (store, "test.quokka", "Quokkaconcern");
  add_incidents (store, secret, 6, TRUE);
  small = add_category (store, "test.zebra", "Zebracrossing misuse");
  add_incidents (store, small, 2, FALSE);

  bb_briefing_options_init (&options, 2026, 3);
  doc = bb_briefing_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, pdf, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  /* Nothing of the restricted incidents: not their category, not their
   * words, not the address (which no public document prints anyway). */
  g_assert_null (strstr (text, "Quokkaconcern"));
  g_assert_null (strstr (text, "Secretwitness"));
  g_assert_null (strstr (text, "Jane Roe"));
  g_assert_null (strstr (text, "Hiddenlane"));

  /* The small count is there as a range, never as "2". */
  line = layout_line (pdf, "Zebracrossing");
  g_assert_nonnull (line);
  g_assert_true (strstr (line, "< 3") != NULL || strstr (line, "<3") != NULL);
  words = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_cmpstr (words[i], !=, "2");

  /* The chief sees what was withheld. */
  g_assert_cmpint (withheld->restricted_incidents, >=, 6);
  g_assert_cmpuint (withheld->suppressed_counts, >=, 1);
  summary = bb_withheld_describe (withheld);
  g_assert_nonnull (strstr (summary, "restricted incidents were not counted"));

  /* The total printed counts public incidents only. */
  {
    g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
    g_autoptr(GTimeZone) tz = station->timezone != NULL ? g_time_zone_new_identifier (station->timezone) : NULL;
    g_autoptr(GDateTime) local_start = NULL;
    g_autoptr(GDateTime) local_end = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *total_line = NULL;
    gint64 count;

    if (tz == NULL)
      tz = g_time_zone_new_utc ();
    local_start = g_date_time_new (tz, 2026, 7, 1, 0, 0, 0);
    local_end = g_date_time_add_months (local_start, 3);
    bb_incident_filter_set_time_range (filter, g_date_time_to_unix (local_start), g_date_time_to_unix (local_end));
    filter->restricted = BB_RESTRICTED_EXCLUDE;
    count = bb_store_incident_count (store, filter, &error);
    g_assert_no_error (error);
    expected = g_strdup_printf (" %" G_GINT64_FORMAT " ", count);
    total_line = layout_line (pdf, "All incidents");
    g_assert_nonnull (total_line);
    g_assert_nonnull (strstr (total_line, expected));
  }

  /* The threshold is the station's choice: at 1, the count is printed. */
  g_clear_pointer (&doc, bb_print_document_free);
  g_clear_pointer (&withheld, bb_withheld_free);
  g_clear_pointer (&line, g_free);
  options.policy.min_count = 1;
  doc = bb_briefing_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, pdf_all, NULL, &error));
  g_assert_no_error (error);
  line = layout_line (pdf_all, "Zebracrossing");
  g_assert_nonnull (line);
  g_assert_null (strstr (line, "<"));
  g_assert_nonnull (strstr (line, " 2 "));
  g_assert_cmpuint (withheld->suppressed_counts, ==, 0);
  bb_briefing_options_clear (&options);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

static char *
add_partner (BbStore    *store,
             const char *name,
             gboolean    is_person)
{
  g_autoptr(BbPartner) partner = bb_partner_new ();
  g_autoptr(GError) error = NULL;

  partner->name = g_strdup (name);
  partner->is_person = is_person;
  g_free (partner->kind);
  partner->kind = g_strdup (is_person ? "resident" : "school");
  g_free (partner->contact_name);
  partner->contact_name = g_strdup ("Mr Contactperson");
  g_free (partner->phone);
  partner->phone = g_strdup ("+355 69 000 1111");
  g_free (partner->address);
  partner->address = g_strdup ("12 Hiddenlane Street");
  g_assert_true (bb_store_partner_insert (store, partner, &error));
  g_assert_no_error (error);
  return g_strdup (partner->id);
}

static void
add_indicator (GPtrArray  *indicators,
               const char *name,
               const char *category_code)
{
  BbIndicator *indicator = bb_indicator_new ();

  indicator->name = g_strdup (name);
  indicator->baseline = 10;
  indicator->target = 5;
  indicator->computed = g_strdup_printf ("{\"categories\":[\"%s\"],\"period_days\":91}", category_code);
  g_ptr_array_add (indicators, indicator);
}

/* A plan whose problem, partners and indicators hold everything a public
 * document must not: the PDF has none of it. */
static void
test_safety_plan_withholds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("beatbook-public-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "station.beatbook", NULL);
  g_autofree char *pdf = output_path (dir, "public-safety-plan.pdf");
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbResponse) response = bb_response_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbObjective) objective = bb_objective_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_indicator_free);
  g_autoptr(BbSafetyPlan) content = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *person = NULL;
  g_autofree char *school = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *small = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) words = NULL;
  const char *problems[1 + 1] = { NULL, NULL };
  BbDemoOptions demo;

  bb_demo_options_init_default (&demo);
  demo.n_incidents = 500;
  store = bb_demo_station_create (db, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  branding = bb_branding_new_from_station (station);

  /* Six restricted incidents of one category, two public ones of another. */
  secret = add_category (store, "test.quokka", "Quokkaconcern");
  add_incidents (store, secret, 6, TRUE);
  small = add_category (store, "test.zebra", "Zebracrossing misuse");
  add_incidents (store, small, 2, FALSE);

  person = add_partner (store, "Jane Roe", TRUE);
  school = add_partner (store, "Northside School", FALSE);

  problem->title = g_strdup ("Youngsters at the crossing");
  problem->statement = g_strdup ("Every evening at 12 Hiddenlane Street, reported by Jane Roe.");
  g_free (problem->stage);
  problem->stage = g_strdup ("response");
  problem->offender = g_strdup ("Quokkaoffender from the flat above");
  problem->analysis_notes = g_strdup ("Secretnote: the informant lives next door.");
  g_assert_true (bb_store_problem_insert (store, problem, &error));
  g_assert_no_error (error);
  response->problem_id = g_strdup (problem->id);
  response->title = g_strdup ("Light the lane");
  response->description = g_strdup ("Two new lamps by the crossing.");
  response->agreed = TRUE;
  response->owner_partner_id = g_strdup (person);
  g_assert_true (bb_store_response_insert (store, response, &error));
  g_assert_no_error (error);
  {
    g_autoptr(BbTask) knock = bb_task_new ();
    g_autoptr(BbTask) talk = bb_task_new ();

    knock->response_id = g_strdup (response->id);
    knock->title = g_strdup ("Knock on doors");
    knock->assignee_partner_id = g_strdup (person);
    knock->due_date = g_strdup ("2026-09-01");
    talk->response_id = g_strdup (response->id);
    talk->title = g_strdup ("Talk in the school assembly");
    talk->assignee_partner_id = g_strdup (school);
    talk->due_date = g_strdup ("2026-09-15");
    g_assert_true (bb_store_task_insert (store, knock, &error));
    g_assert_true (bb_store_task_insert (store, talk, &error));
    g_assert_no_error (error);
  }

  plan->title = g_strdup ("Safe crossings plan");
  plan->statement = g_strdup ("Children should cross the road safely on their way to school.");
  problems[0] = problem->id;
  g_assert_true (bb_store_plan_save (store, plan, problems, &error));
  g_assert_no_error (error);
  objective->plan_id = g_strdup (plan->id);
  objective->title = g_strdup ("Fewer incidents at the crossing");
  add_indicator (indicators, "Zebra misuse counted", "test.zebra");
  add_indicator (indicators, "Quokka reports counted", "test.quokka");
  g_assert_true (bb_store_objective_save (store, objective, indicators, &error));
  g_assert_no_error (error);
  /* Counted as the plan page does: public incidents only. */
  g_assert_true (bb_store_plan_refresh_indicators (store, plan->id, AUGUST_15_2026 + 10 * 86400, NULL, &error));
  g_assert_no_error (error);

  content = bb_safety_plan_new_from_store (store, plan->id, "en", NULL, &error);
  g_assert_no_error (error);
  doc = bb_safety_plan_build (content, branding);
  g_assert_true (bb_print_document_write_pdf (doc, pdf, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  /* What the working group knows stays with it. */
  g_assert_null (strstr (text, "Jane Roe"));
  g_assert_null (strstr (text, "Hiddenlane"));
  g_assert_null (strstr (text, "Contactperson"));
  g_assert_null (strstr (text, "+355 69 000 1111"));
  g_assert_null (strstr (text, "Quokkaoffender"));
  g_assert_null (strstr (text, "Secretnote"));
  g_assert_null (strstr (text, "Quokkaconcern"));
  g_assert_null (strstr (text, "Secretwitness"));
  /* What the public should know is there. */
  assert_pdf_has_text (pdf, "Youngsters at the crossing");
  assert_pdf_has_text (pdf, "Light the lane");
  assert_pdf_has_text (pdf, "Knock on doors");
  assert_pdf_has_text (pdf, "Northside School");
  assert_pdf_has_text (pdf, "a member of the working group");

  /* Two public incidents: a range, never "2"; the six restricted ones:
   * not counted at all, so 0. */
  line = layout_line (pdf, "Zebra misuse counted");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "fewer than 3"));
  words = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_cmpstr (words[i], !=, "2");
  g_clear_pointer (&line, g_free);
  line = layout_line (pdf, "Quokka reports counted");
  g_assert_nonnull (line);
  g_assert_null (strstr (line, " 6 "));
  g_assert_nonnull (strstr (line, " 0 "));

  /* The person who publishes it sees what was left out. */
  g_assert_cmpuint (content->withheld->suppressed_counts, >=, 1);
  summary = bb_withheld_describe (content->withheld);
  g_assert_nonnull (strstr (summary, "without the person"));

  /* The Reports view's and the command line's plan is the same drawing,
   * and keeps the same secrets; its smallest figure is the request's. */
  {
    const BbReportKind *kind = bb_report_kind_find ("safety-plan");
    g_autofree char *catalogue_pdf = output_path (dir, "public-safety-plan-catalogue.pdf");
    g_autofree char *lowered_pdf = output_path (dir, "public-safety-plan-min-1.pdf");
    g_autofree char *catalogue_text = NULL;
    g_autofree char *zebra = NULL;
    g_autoptr(BbPrintDocument) built = NULL;
    g_autoptr(BbPrintDocument) lowered = NULL;
    g_autoptr(BbWithheld) left_out = NULL;
    g_autofree char *left_out_text = NULL;
    BbReportRequest request;

    bb_report_request_init (&request);
    g_assert_true (bb_report_request_fill_defaults (&request, kind, store, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (request.plan_id, ==, plan->id);
    built = bb_report_build (kind, store, &request, &left_out, &error);
    g_assert_no_error (error);
    g_assert_true (bb_print_document_write_pdf (built, catalogue_pdf, NULL, &error));
    g_assert_no_error (error);
    catalogue_text = pdf_text (catalogue_pdf);
    for (const char * const *leak = (const char * const[]) { "Jane Roe", "Hiddenlane", "Contactperson",
                                                                 "+355 69 000 1111", "Quokkaoffender",
                                                                 "Secretnote", "Quokkaconcern", "Secretwitness",
                                                                 NULL };
         *leak != NULL; leak++)
      if (strstr (catalogue_text, *leak) != NULL)
        g_error ("the catalogue's plan prints “%s”", *leak);
    assert_pdf_has_text (catalogue_pdf, "Safe crossings plan");
    assert_pdf_has_text (catalogue_pdf, "a member of the working group");
    g_clear_pointer (&line, g_free);
    line = layout_line (catalogue_pdf, "Zebra misuse counted");
    g_assert_nonnull (strstr (line, "fewer than 3"));
    left_out_text = bb_withheld_describe (left_out);
    g_assert_nonnull (strstr (left_out_text, "without the person"));
    g_assert_cmpuint (left_out->suppressed_counts, >=, 1);

    /* A station that publishes every figure prints the two. */
    request.policy.min_count = 1;
    lowered = bb_report_build (kind, store, &request, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (bb_print_document_write_pdf (lowered, lowered_pdf, NULL, &error));
    g_assert_no_error (error);
    zebra = layout_line (lowered_pdf, "Zebra misuse counted");
    g_assert_nonnull (zebra);
    g_assert_null (strstr (zebra, "fewer than"));
    g_assert_nonnull (strstr (zebra, " 2 "));
    bb_report_request_clear (&request);
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

static void
test_policy (void)
{
  BbPublishPolicy policy;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  bb_publish_policy_init_default (&policy);
  g_assert_cmpuint (policy.min_count, ==, 3);
  g_assert_false (bb_publish_is_suppressed (&policy, 0));   /* none is not a person */
  g_assert_true (bb_publish_is_suppressed (&policy, 1));
  g_assert_true (bb_publish_is_suppressed (&policy, 2));
  g_assert_false (bb_publish_is_suppressed (&policy, 3));
  a = bb_publish_format_count (&policy, "en", 2, FALSE);
  b = bb_publish_format_count (&policy, "en", 1234, FALSE);
  c = bb_publish_format_count (&policy, "en", 0, FALSE);
  d = bb_publish_format_count (&policy, "en", 1, TRUE);
  g_assert_cmpstr (d, ==, "< 3");
  g_assert_cmpstr (a, ==, "fewer than 3");
  g_assert_cmpstr (b, ==, "1,234");   /* grouped as the document's language writes it */
  g_assert_cmpstr (c, ==, "0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/public-safety/policy", test_policy);
  g_test_add_func ("/render/public-safety/briefing-withholds", test_briefing_withholds);
  g_test_add_func ("/render/public-safety/safety-plan-withholds", test_safety_plan_withholds);
  return g_test_run ();
}
