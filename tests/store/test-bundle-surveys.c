/* test-bundle-surveys.c: published survey figures and officers' further areas travel in bundles */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bundle-test-util.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bundle/survey-tables", test_survey_tables);
  return g_test_run ();
}
