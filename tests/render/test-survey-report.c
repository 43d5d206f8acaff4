/* test-survey-report.c: the survey results document: margins, changes, districts, and never a share from too few */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-survey-report"

#include "config.h"

#include <math.h>

#include "bb-chart.h"
#include "bb-default-questionnaire.h"
#include "bb-demo-station.h"
#include "bb-report.h"
#include "bb-survey-report.h"
#include "render-test-util.h"

static char *test_dir;
static BbStore *store;
static BbBranding *branding;

/* PDFs and page images in the build directory, to be looked at. */
static char *
keep_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "render", "shots", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, name, NULL);
}

static char *
write_document (BbPrintDocument *doc,
                const char      *name)
{
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_name = g_strconcat (name, ".pdf", NULL);
  char *path = keep_path (pdf_name);

  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->warnings->len; i++)
    g_test_message ("%s: %s", name, ((BbRenderWarning *) result->warnings->pdata[i])->message);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  for (guint i = 0; i < bb_print_document_get_n_pages (doc); i++)
    {
      g_autofree char *png_name = g_strdup_printf ("%s-%u.png", name, i + 1);
      g_autofree char *png = keep_path (png_name);

      g_assert_true (bb_print_document_write_png (doc, i, 60, png, NULL, &error));
      g_assert_no_error (error);
    }
  return path;
}

static char *
latest_survey (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) surveys = bb_store_survey_list (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (surveys->len, >=, 2);
  return g_strdup (((BbSurvey *) surveys->pdata[0])->id);
}

static void
test_report (void)
{
  g_autofree char *survey = latest_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  BbSurveyReportOptions options;

  bb_survey_report_options_init (&options, survey, BB_SURVEY_DEFAULT_MIN_RESPONDENTS);
  doc = bb_survey_report_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  path = write_document (doc, "survey-report");
  assert_pdf_has_text (path, "WHAT RESIDENTS TOLD US");
  assert_pdf_has_text (path, "What residents see as problems");
  assert_pdf_has_text (path, "Safety, trust and the police");
  assert_pdf_has_text (path, "By district");
  assert_pdf_has_text (path, "95 % margin of error");
  assert_pdf_has_text (path, "How much do you trust the police?");
  /* both rounds are large: shares and margins, and a change named */
  text = pdf_words (path);
  g_assert_true (g_regex_match_simple ("[0-9]+ % \\([0-9]+–[0-9]+\\)", text, 0, 0));
  g_assert_true (strstr (text, "no clear change") != NULL || strstr (text, "▲ up") != NULL);
  /* answers of free text and the respondents' details never appear */
  g_assert_null (strstr (text, "female"));
  g_assert_null (strstr (text, "35-49"));
  bb_survey_report_options_clear (&options);
}

/* With a threshold above every district's respondents, no district share
 * is printed as a number, and the withheld figures say so. */
static void
test_too_few (void)
{
  g_autofree char *survey = latest_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *districts = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *described = NULL;
  BbSurveyReportOptions options;
  guint pages;
  double w, h;

  bb_survey_report_options_init (&options, survey, 1000);
  doc = bb_survey_report_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  path = write_document (doc, "survey-report-too-few");
  pdf_info (path, &pages, &w, &h);
  flat = pdf_words (path);
  g_assert_nonnull (strstr (flat, "too few responses"));
  /* not one share in the whole document: only "0 %"… of the axes */
  g_assert_false (g_regex_match_simple ("[1-9][0-9]* % \\(", flat, 0, 0));
  g_assert_cmpuint (withheld->suppressed_counts, >, 30);
  described = bb_withheld_describe (withheld);
  g_assert_nonnull (strstr (described, "shown as “too few responses”"));
  (void) districts;
  bb_survey_report_options_clear (&options);
}

static void
test_format_share (void)
{
  BbShare big = bb_share_make (81, 263);
  BbShare small = bb_share_make (3, 9);
  g_autofree char *a = bb_survey_format_share ("en", &big, 10, TRUE);
  g_autofree char *b = bb_survey_format_share ("en", &big, 10, FALSE);
  g_autofree char *c = bb_survey_format_share ("en", &small, 10, TRUE);

  /* 81 of 263: 30.8 %, Wilson 25.5 … 36.6 */
  g_assert_cmpstr (a, ==, "31 % (26–37)");
  g_assert_cmpstr (b, ==, "31 %");
  g_assert_cmpstr (c, ==, "too few responses");
}

/* The share chart alone, on a page: bars, intervals and the words for
 * too few, drawn without warnings. */
static void
test_share_chart (void)
{
  const char *labels[] = { "Street lighting", "Stray dogs", "Drunk people in the street", NULL };
  const double now[] = { 0.62, NAN, 0.15 };
  const double lo[] = { 0.55, NAN, 0.10 };
  const double hi[] = { 0.69, NAN, 0.22 };
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A5, TRUE);
  g_autofree char *path = NULL;
  BbColor navy = bb_color_rgb (0x1c3f94);
  BbChart *chart = bb_chart_new (BB_CHART_SHARES, "A big problem");
  BbPage *page = bb_print_document_add_page (doc);

  bb_chart_set_labels (chart, labels);
  bb_chart_add_series (chart, "This round", &navy, now, 3);
  bb_chart_set_intervals (chart, 0, lo, hi, 3);
  bb_chart_set_missing_text (chart, "too few responses");
  bb_page_add_chart (page, 40, 40, 500, 140, chart);
  path = write_document (doc, "share-chart");
  assert_pdf_has_text (path, "62 %");
  assert_pdf_has_text (path, "too few responses");
  assert_pdf_has_text (path, "15 %");
}

static char *
build_report (const char *kind_id,
              const char *name,
              BbWithheld *withheld)
{
  const BbReportKind *kind = bb_report_kind_find (kind_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  BbReportRequest request;

  bb_report_request_init (&request);
  g_assert_true (bb_report_request_fill_defaults (&request, kind, store, &error));
  g_assert_no_error (error);
  doc = kind->build (store, branding, &request, withheld, &error);
  g_assert_no_error (error);
  bb_report_request_clear (&request);
  return write_document (doc, name);
}

/* Over the rounds: the survey's results, a district's profile and the
 * briefing draw the key shares of every round as lines; below the
 * threshold a round is "too few responses", never a share. */
static void
test_trend (void)
{
  g_autofree char *survey = latest_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  g_autoptr(BbWithheld) briefing_withheld = bb_withheld_new ();
  g_autofree char *path = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *few = NULL;
  g_autofree char *briefing = NULL;
  g_autofree char *flat = NULL;
  BbSurveyReportOptions options;

  bb_survey_report_options_init (&options, survey, BB_SURVEY_DEFAULT_MIN_RESPONDENTS);
  doc = bb_survey_report_build (store, branding, &options, NULL, &error);
  g_assert_no_error (error);
  path = write_document (doc, "survey-report-trend");
  assert_pdf_has_text (path, "Over the rounds");
  assert_pdf_has_text (path, "a filled point is a change from the round before");
  assert_pdf_has_text (path, "Resident survey 2025, round 1");
  bb_survey_report_options_clear (&options);

  profile = build_report ("district-profile", "district-profile-survey", withheld);
  assert_pdf_has_text (profile, "What residents say");
  assert_pdf_has_text (profile, "Resident survey 2025, round 1");
  assert_pdf_has_text (profile, "Resident survey 2026, round 2");
  flat = pdf_words (profile);
  g_assert_true (g_regex_match_simple ("[0-9]+ % \\([0-9]+–[0-9]+\\)", flat, 0, 0));
  g_clear_pointer (&flat, g_free);

  /* a threshold no district reaches */
  g_assert_true (bb_store_set_survey_min_respondents (store, 1000, &error));
  g_assert_no_error (error);
  g_clear_pointer (&withheld, bb_withheld_free);
  withheld = bb_withheld_new ();
  few = build_report ("district-profile", "district-profile-survey-too-few", withheld);
  flat = pdf_words (few);
  g_assert_nonnull (strstr (flat, "What residents say"));
  g_assert_nonnull (strstr (flat, "too few responses"));
  g_assert_false (g_regex_match_simple ("[0-9]+ % \\([0-9]+–[0-9]+\\)", flat, 0, 0));
  g_assert_cmpuint (withheld->suppressed_counts, >=, 6);

  briefing = build_report ("briefing", "briefing-survey-too-few", briefing_withheld);
  assert_pdf_has_text (briefing, "too few responses");
  g_assert_cmpuint (briefing_withheld->suppressed_counts, >=, 6);
  g_assert_true (bb_store_set_survey_min_respondents (store, BB_SURVEY_DEFAULT_MIN_RESPONDENTS, &error));
  g_assert_no_error (error);
}

/* A round weighted by one answer: a district's profile gives its key
 * shares weighted, with the effective n and the method in a line; below
 * the threshold (counted by those who answered) no share at all. */
static void
test_weighted (void)
{
  g_autofree char *survey = latest_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurveyWeighting) by_answer = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_ANSWER);
  g_autoptr(BbSurveyWeighting) districts = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_DISTRICTS);
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  g_autofree char *profile = NULL;
  g_autofree char *few = NULL;
  g_autofree char *flat = NULL;

  by_answer->question_code = g_strdup ("block4/q1");
  bb_survey_weighting_add_cell (by_answer, "increased", 20);
  bb_survey_weighting_add_cell (by_answer, "same", 50);
  bb_survey_weighting_add_cell (by_answer, "decreased", 30);
  g_assert_true (bb_store_survey_set_weighting (store, survey, by_answer, &error));
  g_assert_no_error (error);

  profile = build_report ("district-profile", "district-profile-weighted", withheld);
  flat = pdf_words (profile);
  g_assert_true (g_regex_match_simple ("[0-9]+ % \\([0-9]+–[0-9]+\\), weighted, effective n [0-9]+", flat, 0, 0));
  g_assert_nonnull (strstr (flat, "Method: shares weighted to the population’s make-up by “In the last year, has crime "
                                  "in the town increased, stayed the same or decreased?” (post-stratification)"));
  g_clear_pointer (&flat, g_free);

  g_assert_true (bb_store_set_survey_min_respondents (store, 1000, &error));
  few = build_report ("district-profile", "district-profile-weighted-too-few", withheld);
  flat = pdf_words (few);
  g_assert_nonnull (strstr (flat, "too few responses"));
  g_assert_null (strstr (flat, "weighted, effective n"));
  g_assert_false (g_regex_match_simple ("[0-9]+ % \\([0-9]+–[0-9]+\\)", flat, 0, 0));

  g_assert_true (bb_store_set_survey_min_respondents (store, BB_SURVEY_DEFAULT_MIN_RESPONDENTS, &error));
  g_assert_true (bb_store_survey_set_weighting (store, survey, districts, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autofree char *db = NULL;
  BbDemoOptions options;
  int ret;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("beatbook-survey-report-XXXXXX", NULL);
  db = g_build_filename (test_dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 2000;
  store = bb_demo_station_create (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);

  g_test_add_func ("/render/survey-report/format-share", test_format_share);
  g_test_add_func ("/render/survey-report/share-chart", test_share_chart);
  g_test_add_func ("/render/survey-report/report", test_report);
  g_test_add_func ("/render/survey-report/too-few", test_too_few);
  g_test_add_func ("/render/survey-report/trend", test_trend);
  g_test_add_func ("/render/survey-report/weighted", test_weighted);
  ret = g_test_run ();

  bb_branding_free (branding);
  g_object_unref (store);
  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (test_dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return ret;
}
