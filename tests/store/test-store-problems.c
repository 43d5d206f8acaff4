/* test-store-problems.c: which incidents belong to a problem, its before/after counts and its stage moves */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-problems.h"

#include "problem-fixture.h"

static gint64
count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = bb_store_problem_count_incidents (f->store, f->problem, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_membership (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = NULL;

  /* Area ∩ thefts ∩ [T0, T2): 3 + 1 before, 1 after (the excluded one
   * not), plus the one added by hand = 6.  Not the assault in the area,
   * not the buffer, not the theft before T0. */
  g_assert_cmpint (count (f), ==, 6);

  /* Only bicycles: the shop theft goes: 5. */
  set_categories (f->store, f->problem, "theft.bicycle");
  g_assert_cmpint (count (f), ==, 5);

  /* No category: every category in the area: the assault comes in: 7. */
  set_categories (f->store, f->problem, NULL);
  g_assert_cmpint (count (f), ==, 7);
  set_categories (f->store, f->problem, "theft");

  /* Forgetting the exclusion brings it back: 7; excluding the one added
   * by hand takes that out: 6. */
  g_assert_true (bb_store_problem_unset_incident (f->store, f->problem, f->excluded, &error));
  g_assert_cmpint (count (f), ==, 7);
  g_assert_true (bb_store_problem_set_incident (f->store, f->problem, f->included, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f), ==, 6);

  /* A shorter period: the response period only: the two after. */
  p = bb_store_problem_get (f->store, f->problem, &error);
  p->period_start = T1;
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f), ==, 2);

  /* Without an area the whole district counts: thefts in [T1, T2) in Old
   * Town: 2 in the area, 1 in the buffer, 8 elsewhere = 11 (the theft
   * outside the district is before T1 anyway). */
  g_clear_pointer (&p->area, g_free);
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f), ==, 11);

  /* Neither an area nor a category: only what was added by hand (the
   * assault far away, excluded above, now added again): 1. */
  set_categories (f->store, f->problem, NULL);
  g_assert_true (bb_store_problem_set_incident (f->store, f->problem, f->included, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f), ==, 1);
}

static void
test_membership_bad_area (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = bb_store_problem_get (f->store, f->problem, &error);

  g_free (p->area);
  p->area = g_strdup ("{\"type\":\"Point\",\"coordinates\":[24.1,56.1]}");
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_problem_count_incidents (f->store, f->problem, &error), ==, -1);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Bicycle thefts at the station"));
}

static void
test_before_after (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = NULL;
  BbAssessmentCounts c;
  BbAssessment a;

  g_assert_true (bb_store_problem_count_before_after (f->store, f->problem, &c, &error));
  g_assert_no_error (error);
  /* A: 3 + 1 before; 1 + the one added by hand after.  B: 2, 1.  C: 5, 8.
   * The assault in the area is not a theft; the excluded one counts nowhere. */
  g_assert_cmpfloat (c.area_before, ==, 4);
  g_assert_cmpfloat (c.area_after, ==, 2);
  g_assert_cmpfloat (c.buffer_before, ==, 2);
  g_assert_cmpfloat (c.buffer_after, ==, 1);
  g_assert_cmpfloat (c.control_before, ==, 5);
  g_assert_cmpfloat (c.control_after, ==, 8);

  /* SM = 2/8 − 4/5 = 0.25 − 0.8 = −0.55; BDM = 1/8 − 2/5 = 0.125 − 0.4
   * = −0.275; WDQ = −0.275 / −0.55 = 0.5: diffusion of benefits. */
  bb_assessment_compute (&c, &a);
  g_assert_cmpfloat_with_epsilon (a.success_measure, -0.55, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.wdq, 0.5, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DIFFUSION);

  /* A buffer of 50 m: the two and the one 100 m away become control. */
  p = bb_store_problem_get (f->store, f->problem, &error);
  p->buffer_m = 50;
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_true (bb_store_problem_count_before_after (f->store, f->problem, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (c.buffer_before, ==, 0);
  g_assert_cmpfloat (c.buffer_after, ==, 0);
  g_assert_cmpfloat (c.control_before, ==, 7);
  g_assert_cmpfloat (c.control_after, ==, 9);

  /* Without a response period there is no "after". */
  p->response_end = BB_UNSET_TIME;
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_false (bb_store_problem_count_before_after (f->store, f->problem, &c, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "response period"));
  g_clear_error (&error);

  /* Without an area there is nothing to compare. */
  p->response_end = T2;
  g_clear_pointer (&p->area, g_free);
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_false (bb_store_problem_count_before_after (f->store, f->problem, &c, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no area"));
}

static void
assert_counts_equal (const BbAssessmentCounts *a,
                     const BbAssessmentCounts *b)
{
  g_assert_cmpfloat (a->area_before, ==, b->area_before);
  g_assert_cmpfloat (a->area_after, ==, b->area_after);
  g_assert_cmpfloat (a->buffer_before, ==, b->buffer_before);
  g_assert_cmpfloat (a->buffer_after, ==, b->buffer_after);
  g_assert_cmpfloat (a->control_before, ==, b->control_before);
  g_assert_cmpfloat (a->control_after, ==, b->control_after);
}

/* Several problems counted in one pass give each the counts it gets on
 * its own, whether the station is read through the time index (periods
 * that hold few of its incidents) or whole. */
static void
test_before_after_many (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) shops = bb_problem_new ();
  g_autoptr(BbProblem) no_area = bb_problem_new ();
  BbAssessmentCounts alone[2], many[3];
  gboolean measured[3];
  const char *ids[3];

  /* Shop thefts over the whole station, its periods overlapping the
   * first problem's. */
  shops->title = g_strdup ("Shop thefts by the market");
  shops->area = g_strdup (AREA);
  shops->baseline_start = T0 + 11 * DAY;
  shops->baseline_end = T1 + 5 * DAY;
  shops->response_start = T1 + 5 * DAY;
  shops->response_end = T2 + 30 * DAY;
  shops->buffer_m = 200;
  g_assert_true (bb_store_problem_insert (f->store, shops, &error));
  g_assert_no_error (error);
  set_categories (f->store, shops->id, "theft");
  no_area->title = g_strdup ("Noise at night");
  no_area->baseline_start = T0;
  no_area->baseline_end = T1;
  no_area->response_start = T1;
  no_area->response_end = T2;
  g_assert_true (bb_store_problem_insert (f->store, no_area, &error));
  g_assert_no_error (error);
  add_n (f->store, 2, "theft.shop", T2 + 10 * DAY, IN_LON, IN_LAT);
  add_n (f->store, 3, "theft.shop", T2 + 11 * DAY, CONTROL_LON, CONTROL_LAT);

  ids[0] = f->problem;
  ids[1] = no_area->id;
  ids[2] = shops->id;
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (bb_store_problem_count_before_after (f->store, f->problem, &alone[0], &error));
      g_assert_no_error (error);
      g_assert_true (bb_store_problem_count_before_after (f->store, shops->id, &alone[1], &error));
      g_assert_no_error (error);
      /* The first problem's known answer (see before-after). */
      g_assert_cmpfloat (alone[0].area_before, ==, 4);
      g_assert_cmpfloat (alone[0].control_after, ==, 8);
      /* The shops' own, over the whole station: before (from T0 + 11
       * days), the shop theft in the area, 2 in the buffer, the 5 vehicles
       * and the one outside the district as control; after, the theft in
       * the area, the one the first problem keeps out and the 2 shop
       * thefts, 1 in the buffer, 8 + 3 as control (the assault added to
       * the first problem is not a theft). */
      g_assert_cmpfloat (alone[1].area_before, ==, 1);
      g_assert_cmpfloat (alone[1].buffer_before, ==, 2);
      g_assert_cmpfloat (alone[1].control_before, ==, 6);
      g_assert_cmpfloat (alone[1].area_after, ==, 4);
      g_assert_cmpfloat (alone[1].buffer_after, ==, 1);
      g_assert_cmpfloat (alone[1].control_after, ==, 11);

      g_assert_true (bb_store_problems_count_before_after (f->store, ids, 3, many, measured, &error));
      g_assert_no_error (error);
      g_assert_true (measured[0]);
      g_assert_false (measured[1]);
      g_assert_true (measured[2]);
      assert_counts_equal (&many[0], &alone[0]);
      assert_counts_equal (&many[2], &alone[1]);

      /* A year of other incidents long after: the periods now hold few of
       * the station's, and the time index is used. */
      if (round == 0)
        add_n (f->store, 300, "theft.vehicle", T2 + 400 * DAY, CONTROL_LON, CONTROL_LAT);
    }
}

static void
stage_is (Fixture    *f,
          const char *stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = bb_store_problem_get (f->store, f->problem, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (p->stage, ==, stage);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = bb_store_problem_get (f->store, f->problem, &error);
  g_autoptr(BbResponse) r = bb_response_new ();

  stage_is (f, "scanning");
  g_assert_false (bb_store_problem_move (f->store, f->problem, BB_SARA_ANALYSIS, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT);
  g_clear_error (&error);
  stage_is (f, "scanning");

  g_free (p->statement);
  p->statement = g_strdup ("Bicycles are stolen from the racks outside the station on weekday evenings.");
  g_assert_true (bb_store_problem_update (f->store, p, &error));
  g_assert_true (bb_store_problem_move (f->store, f->problem, BB_SARA_ANALYSIS, &error));
  g_assert_no_error (error);
  stage_is (f, "analysis");

  /* A response proposed but not agreed is not enough. */
  r->problem_id = g_strdup (f->problem);
  r->title = g_strdup ("Lockable racks and a camera");
  g_assert_true (bb_store_response_insert (f->store, r, &error));
  g_assert_false (bb_store_problem_move (f->store, f->problem, BB_SARA_RESPONSE, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_AGREED_RESPONSE);
  g_clear_error (&error);
  stage_is (f, "analysis");

  r->agreed = TRUE;
  g_assert_true (bb_store_response_update (f->store, r, &error));
  g_assert_true (bb_store_problem_move (f->store, f->problem, BB_SARA_ASSESSMENT, &error));
  g_assert_no_error (error);
  stage_is (f, "assessment");

  /* Closing needs the decision; going back never does. */
  g_assert_false (bb_store_problem_move (f->store, f->problem, BB_SARA_CLOSED, &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_DECISION);
  g_clear_error (&error);
  g_assert_true (bb_store_problem_move (f->store, f->problem, BB_SARA_SCANNING, &error));
  g_assert_no_error (error);
  stage_is (f, "scanning");
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  BbAssessmentCounts c = { 0 };

  bb_store_problem_count_incidents_async (f->store, f->problem, NULL, NULL, async_done_cb, &r1);
  g_assert_cmpint (bb_store_problem_count_incidents_finish (f->store, wait_for (&r1), &error), ==, 6);
  g_assert_no_error (error);

  bb_store_problem_count_before_after_async (f->store, f->problem, NULL, async_done_cb, &r2);
  g_assert_true (bb_store_problem_count_before_after_finish (f->store, wait_for (&r2), &c, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (c.control_after, ==, 8);

  bb_store_problem_move_async (f->store, f->problem, BB_SARA_ANALYSIS, NULL, async_done_cb, &r3);
  g_assert_false (bb_store_problem_move_finish (f->store, wait_for (&r3), &error));
  g_assert_error (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT);
  stage_is (f, "scanning");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/problems/membership", test_membership);
  ADD ("/store/problems/membership-bad-area", test_membership_bad_area);
  ADD ("/store/problems/before-after", test_before_after);
  ADD ("/store/problems/before-after-many", test_before_after_many);
  ADD ("/store/problems/move", test_move);
  ADD ("/store/problems/async", test_async);
#undef ADD

  return g_test_run ();
}
