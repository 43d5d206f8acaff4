/* test-bundle-surveys.c: published survey figures and officers' further areas travel in bundles */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-default-questionnaire.h"
#include "bundle-test-util.h"
#include "bb-store-surveys.h"

static char *
add_officer (BbStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbOfficer) officer = bb_officer_new ();

  officer->name = g_strdup (name);
  g_assert_true (bb_store_officer_insert (store, officer, &error));
  g_assert_no_error (error);
  return g_strdup (officer->id);
}

static BbSurveyAggregate *
new_figure (const char *area,
            double      proportion)
{
  BbSurveyAggregate *figure = bb_survey_aggregate_new ();

  figure->source = g_strdup ("City survey");
  figure->period = g_strdup ("2026-03-01");
  figure->area = g_strdup (area);
  figure->measure = g_strdup ("Feels safe after dark");
  figure->proportion = proportion;
  figure->respondents = 412;
  return figure;
}

/* What both stations must agree on: the figures by their natural key and
 * the further areas by id. */
static char *
digest (BbStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) figures = NULL;
  g_autoptr(sqlite3_stmt) areas = NULL;
  BB_STORE_LOCK_SCOPE (store);

  figures = bb_store_prepare (store, "SELECT source, period, area, measure, proportion, respondents"
                                     " FROM survey_aggregate ORDER BY area", NULL);
  areas = bb_store_prepare (store, "SELECT id, officer_id, target_group FROM officer_area ORDER BY id", NULL);
  while (sqlite3_step (figures) == SQLITE_ROW)
    for (int c = 0; c < 6; c++)
      g_string_append_printf (out, "%s|%s", sqlite3_column_text (figures, c), c == 5 ? "\n" : "");
  while (sqlite3_step (areas) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      g_string_append_printf (out, "%s|%s", sqlite3_column_text (areas, c), c == 2 ? "\n" : "");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_survey_tables (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autoptr(TestStation) north = test_station_new (dir, "North");
  g_autoptr(TestStation) hq = test_station_new (dir, "Headquarters");
  g_autoptr(GError) error = NULL;
  g_autofree char *officer = add_officer (north->store, "Sgt. Arta Kola");
  g_autoptr(BbSurveyAggregate) old_town = new_figure ("Old Town", 0.61);
  g_autoptr(BbSurveyAggregate) riverside = new_figure ("Riverside", 0.48);
  g_autoptr(BbSurveyAggregate) same_at_hq = new_figure ("Old Town", 0.61);
  g_autoptr(BbOfficerArea) area = bb_officer_area_new ();
  g_autofree char *b1 = NULL;
  g_autofree char *b2 = NULL;
  g_autofree char *b3 = NULL;
  g_autofree char *b4 = NULL;
  g_autoptr(BbBundleResult) r1 = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;
  g_autoptr(BbBundleResult) r3 = NULL;
  g_autoptr(BbBundleResult) r4 = NULL;
  g_autofree char *north_digest = NULL;
  g_autofree char *hq_digest = NULL;

  g_assert_true (bb_store_survey_aggregate_insert (north->store, old_town, &error));
  g_assert_true (bb_store_survey_aggregate_insert (north->store, riverside, &error));
  /* Headquarters imported the same published table itself. */
  g_assert_true (bb_store_survey_aggregate_insert (hq->store, same_at_hq, &error));
  area->officer_id = g_strdup (officer);
  area->target_group = g_strdup ("shop keepers of the market");
  g_assert_true (bb_store_officer_area_insert (north->store, area, &error));
  g_assert_no_error (error);

  b1 = export_bundle (north, NULL, "first", FALSE);
  r1 = apply_bundle (hq, b1);
  g_assert_cmpuint (r1->conflicts, ==, 0);
  /* One Old Town figure, not two: the natural key made them one record. */
  g_assert_cmpint (bb_store_count (hq->store, "survey_aggregate", NULL), ==, 2);
  g_assert_cmpint (bb_store_count (hq->store, "officer_area", NULL), ==, 1);
  north_digest = digest (north->store);
  hq_digest = digest (hq->store);
  g_assert_cmpstr (north_digest, ==, hq_digest);
  /* Headquarters answers, and so North knows it. */
  b4 = export_bundle (hq, north, "answer", FALSE);
  g_clear_pointer (&r4, bb_bundle_result_free);
  r4 = apply_bundle (north, b4);
  g_clear_pointer (&r4, bb_bundle_result_free);

  /* A corrected figure and a changed target group travel as changes. */
  riverside->proportion = 0.52;
  g_assert_true (bb_store_survey_aggregate_update (north->store, riverside, &error));
  g_free (area->target_group);
  area->target_group = g_strdup ("the youth club");
  g_assert_true (bb_store_officer_area_update (north->store, area, &error));
  g_assert_no_error (error);
  b2 = export_bundle (north, hq, "second", FALSE);
  r2 = apply_bundle (hq, b2);
  g_assert_cmpuint (r2->changed, >=, 2);
  g_clear_pointer (&north_digest, g_free);
  g_clear_pointer (&hq_digest, g_free);
  north_digest = digest (north->store);
  hq_digest = digest (hq->store);
  g_assert_cmpstr (north_digest, ==, hq_digest);
  g_assert_nonnull (strstr (hq_digest, "0.52"));
  g_assert_nonnull (strstr (hq_digest, "the youth club"));

  /* Deletions travel as tombstones. */
  g_assert_true (bb_store_officer_area_delete (north->store, area->id, &error));
  g_assert_true (bb_store_survey_aggregate_delete (north->store, riverside->id, &error));
  g_assert_no_error (error);
  b3 = export_bundle (north, hq, "third", FALSE);
  r3 = apply_bundle (hq, b3);
  g_assert_cmpuint (r3->deleted, >=, 2);
  g_assert_cmpint (bb_store_count (hq->store, "survey_aggregate", NULL), ==, 1);
  g_assert_cmpint (bb_store_count (hq->store, "officer_area", NULL), ==, 0);

  /* And the same bundle again changes nothing. */
  r4 = apply_bundle (hq, b3);
  g_assert_true (r4->already_applied);
}

/* A round of @questionnaire_id in @period (YYYY-MM) whose @n residents
 * answered question @code "yes" @yes times. */
static char *
add_round (BbStore    *store,
           const char *questionnaire_id,
           const char *period,
           const char *code,
           guint       n,
           guint       yes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurvey) survey = bb_survey_new ();
  g_autoptr(GPtrArray) questions = bb_store_question_list (store, questionnaire_id, &error);
  const char *question_id = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (((BbQuestion *) g_ptr_array_index (questions, i))->code, code))
      question_id = ((BbQuestion *) g_ptr_array_index (questions, i))->id;
  g_assert_nonnull (question_id);
  survey->questionnaire_id = g_strdup (questionnaire_id);
  survey->title = g_strdup_printf ("Round %s", period);
  survey->period_start = g_strconcat (period, "-01", NULL);
  survey->period_end = g_strconcat (period, "-28", NULL);
  g_assert_true (bb_store_survey_insert (store, survey, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbSurveyResponse) r = bb_survey_response_new ();

      r->survey_id = g_strdup (survey->id);
      bb_survey_response_add_answer (r, question_id, i < yes ? "yes" : "no");
      g_assert_true (bb_store_survey_response_insert (store, r, &error));
    }
  g_assert_no_error (error);
  return g_strdup (survey->id);
}

/* A questionnaire edited after residents answered it is a new version;
 * headquarters, which gets both by bundle, must see them as one survey
 * and compare their rounds; a round's weighting travels with it. */
static void
test_questionnaire_versions (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autoptr(TestStation) north = test_station_new (dir, "North");
  g_autoptr(TestStation) hq = test_station_new (dir, "Headquarters");
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = bb_store_questionnaire_add_default (north->store, &error);
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  g_autofree char *round1 = NULL;
  g_autofree char *round2 = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *b2 = NULL;
  g_autoptr(BbBundleResult) r1 = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;
  g_autoptr(BbBundleResult) r3 = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(BbSurveyTrend) trend = NULL;
  g_autoptr(BbSurveyWeighting) weighting = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_ANSWER);
  g_autoptr(BbSurveyWeighting) travelled = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  const BbQuestion *knows = NULL;
  BbShare shares[2];
  BbShareChange changes[2];
  g_autofree char *previous = NULL;
  g_autofree char *first = NULL;
  g_autofree char *latest = NULL;

  g_assert_no_error (error);
  round1 = add_round (north->store, v1, "2025-03", "block6/q1", 40, 10);
  v2 = bb_store_questionnaire_new_version (north->store, v1, &error);
  g_assert_no_error (error);
  round2 = add_round (north->store, v2, "2026-03", "block6/q1", 40, 30);

  /* The second round weighted by the answer to "knows the officer"
   * travels with its weighting. */
  weighting->question_code = g_strdup ("block6/q1");
  bb_survey_weighting_add_cell (weighting, "yes", 40);
  bb_survey_weighting_add_cell (weighting, "no", 60);
  g_assert_true (bb_store_survey_set_weighting (north->store, round2, weighting, &error));
  g_assert_no_error (error);

  b1 = export_bundle (north, NULL, "versions", FALSE);
  r1 = apply_bundle (hq, b1);
  g_assert_cmpuint (r1->conflicts, ==, 0);
  previous = bb_store_questionnaire_previous (hq->store, v2);
  first = bb_store_questionnaire_first_version (hq->store, v2);
  latest = bb_store_questionnaire_latest_version (hq->store, v1);
  g_assert_cmpstr (previous, ==, v1);
  g_assert_cmpstr (first, ==, v1);
  g_assert_cmpstr (latest, ==, v2);
  travelled = bb_store_survey_get_weighting (hq->store, round2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (travelled->kind, ==, BB_SURVEY_WEIGHTING_ANSWER);
  g_assert_cmpstr (travelled->question_code, ==, "block6/q1");
  g_assert_cmpfloat (bb_survey_weighting_share_of (travelled, "no"), ==, 60);

  /* Headquarters compares the two rounds: 10 of 40, then 30 of 40. */
  trend = bb_store_survey_trend (hq->store, round2, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->rounds->len, ==, 2);
  questions = bb_store_question_list (hq->store, v2, &error);
  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (((BbQuestion *) g_ptr_array_index (questions, i))->code, "block6/q1"))
      knows = g_ptr_array_index (questions, i);
  g_assert_nonnull (knows);
  g_assert_cmpuint (bb_survey_trend_headlines (trend, knows, shares, changes, 10), ==, 2);
  g_assert_cmpuint (shares[0].count, ==, 10);
  g_assert_cmpuint (shares[1].count, ==, 30);
  g_assert_cmpint (changes[1], ==, BB_SHARE_ROSE);

  /* Headquarters answers, so that North sends it changes from now on. */
  answer = export_bundle (hq, north, "answer", FALSE);
  r3 = apply_bundle (north, answer);

  /* A third version made later travels as well, linked to the second. */
  v3 = bb_store_questionnaire_new_version (north->store, v2, &error);
  g_assert_no_error (error);
  b2 = export_bundle (north, hq, "third version", FALSE);
  r2 = apply_bundle (hq, b2);
  g_clear_pointer (&latest, g_free);
  latest = bb_store_questionnaire_latest_version (hq->store, v1);
  g_assert_cmpstr (latest, ==, v3);
  g_clear_pointer (&previous, g_free);
  previous = bb_store_questionnaire_previous (hq->store, v3);
  g_assert_cmpstr (previous, ==, v2);
}

/* A station whose versions were linked in its meta table (before 0009)
 * keeps the link, now in the questionnaire, and it no longer lies in meta. */
static void
test_questionnaire_versions_migrated (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "Old.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *previous = NULL;

  {
    g_autoptr(BbStore) old = bb_store_create_at_version (path, "Old", 8, &error);
    g_autoptr(BbQuestionnaire) copy = bb_questionnaire_new ();
    g_autoptr(sqlite3_stmt) link = NULL;

    g_assert_no_error (error);
    v1 = bb_store_questionnaire_add_default (old, &error);
    g_assert_no_error (error);
    copy->title = g_strdup ("Resident survey (version 2)");
    g_assert_true (bb_store_insert (old, &bb_questionnaire_record, copy, &error));
    g_assert_no_error (error);
    v2 = g_strdup (copy->id);
    {
      BB_STORE_LOCK_SCOPE (old);

      link = bb_store_prepare (old, "INSERT INTO meta (key, value) VALUES ('questionnaire_previous:' || ?1, ?2),"
                                    " ('questionnaire_previous:gone', ?2)", &error);
      g_assert_no_error (error);
      sqlite3_bind_text (link, 1, v2, -1, SQLITE_STATIC);
      sqlite3_bind_text (link, 2, v1, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (link), ==, SQLITE_DONE);
    }
  }
  {
    g_autoptr(BbStore) store = bb_store_open (path, &error);
    g_autoptr(sqlite3_stmt) left = NULL;
    BB_STORE_LOCK_SCOPE (store);

    g_assert_no_error (error);
    g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
    previous = bb_store_questionnaire_previous (store, v2);
    g_assert_cmpstr (previous, ==, v1);
    left = bb_store_prepare (store, "SELECT count(*) FROM meta WHERE key LIKE 'questionnaire%'", NULL);
    g_assert_cmpint (sqlite3_step (left), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (left, 0), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle/survey-tables", test_survey_tables);
  g_test_add_func ("/bundle/questionnaire-versions", test_questionnaire_versions);
  g_test_add_func ("/bundle/questionnaire-versions-migrated", test_questionnaire_versions_migrated);
  return g_test_run ();
}
