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

  bb_store_problem_count_incidents_async (f->store, f->problem, NULL, async_done_cb, &r1);
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
  ADD ("/store/problems/move", test_move);
  ADD ("/store/problems/async", test_async);
#undef ADD

  return g_test_run ();
}
