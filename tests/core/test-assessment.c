/* test-assessment.c: the weighted displacement quotient and the before/after reading, worked by hand */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-assessment"

#include "config.h"

#include <math.h>

#include "bb-assessment.h"

static void
test_assessment_diffusion (void)
{
  /* A 100 → 50, B 80 → 60, C 1000 → 1000.
   * SM  = 50/1000 − 100/1000 = 0.05 − 0.10 = −0.05 (the area improved)
   * BDM = 60/1000 −  80/1000 = 0.06 − 0.08 = −0.02 (the buffer improved too)
   * WDQ = −0.02 / −0.05 = 0.4: diffusion of benefits, less than the direct effect.
   * Z   = 2 (√50 − √100) = 2 (7.0710678 − 10) = −5.8578644: significant fall. */
  const BbAssessmentCounts counts = { 100, 50, 80, 60, 1000, 1000 };
  BbAssessment a;
  g_autofree char *summary = NULL;

  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat_with_epsilon (a.success_measure, -0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.buffer_displacement, -0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.wdq, 0.4, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DIFFUSION);
  g_assert_cmpfloat_with_epsilon (a.change_z, -5.8578643763, 1e-9);
  g_assert_cmpint (a.change, ==, BB_CHANGE_SIGNIFICANT_FALL);

  /* 100 → 50 is −50 %. */
  summary = bb_assessment_summary (&counts, &a);
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "from 100 before the response to 50 after it (-50 %): significant fall."));
  g_assert_nonnull (strstr (summary, "quotient is 0.40: diffusion of benefits"));
}

static void
test_assessment_displacement (void)
{
  BbAssessmentCounts counts = { 100, 50, 80, 100, 1000, 1000 };
  BbAssessment a;

  /* B 80 → 100: BDM = 0.10 − 0.08 = 0.02; WDQ = 0.02 / −0.05 = −0.4:
   * some displacement, less than the gain. */
  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat_with_epsilon (a.buffer_displacement, 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.wdq, -0.4, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DISPLACEMENT);

  /* B 80 → 140: BDM = 0.14 − 0.08 = 0.06; WDQ = 0.06 / −0.05 = −1.2:
   * more moved round the corner than the area gained. */
  counts.buffer_after = 140;
  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat_with_epsilon (a.wdq, -1.2, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DISPLACEMENT_GREATER);

  /* B 80 → 20: BDM = 0.02 − 0.08 = −0.06; WDQ = −0.06 / −0.05 = 1.2:
   * the surrounding streets gained more than the area itself. */
  counts.buffer_after = 20;
  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat_with_epsilon (a.wdq, 1.2, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DIFFUSION_GREATER);
}

static void
test_assessment_control_differs (void)
{
  /* The district as a whole grew: A 40 → 22, B 30 → 27, C 800 → 1000.
   * SM  = 22/1000 − 40/800 = 0.022 − 0.05   = −0.028
   * BDM = 27/1000 − 30/800 = 0.027 − 0.0375 = −0.0105
   * WDQ = −0.0105 / −0.028 = 0.375
   * Z   = 2 (√22 − √40) = 2 (4.6904158 − 6.3245553) = −3.2682791 */
  const BbAssessmentCounts counts = { 40, 22, 30, 27, 800, 1000 };
  BbAssessment a;

  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat_with_epsilon (a.success_measure, -0.028, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.buffer_displacement, -0.0105, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.wdq, 0.375, 1e-12);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DIFFUSION);
  g_assert_cmpfloat_with_epsilon (a.change_z, -3.2682791, 1e-6);
  g_assert_cmpint (a.change, ==, BB_CHANGE_SIGNIFICANT_FALL);

  /* A rose 50 → 60 but the district doubled 500 → 1000: relative to it
   * the area improved.  SM = 60/1000 − 50/500 = 0.06 − 0.10 = −0.04;
   * the buffer stayed empty: BDM = 0, WDQ = 0. */
  {
    const BbAssessmentCounts rise = { 50, 60, 0, 0, 500, 1000 };

    bb_assessment_compute (&rise, &a);
    g_assert_cmpfloat_with_epsilon (a.success_measure, -0.04, 1e-12);
    g_assert_cmpfloat (a.wdq, ==, 0);
    g_assert_cmpint (a.reading, ==, BB_WDQ_NO_CHANGE_AROUND);
    /* Z = 2 (√60 − √50) = 2 (7.7459667 − 7.0710678) = 1.3497978: noise. */
    g_assert_cmpfloat_with_epsilon (a.change_z, 1.3497978, 1e-6);
    g_assert_cmpint (a.change, ==, BB_CHANGE_NOISE);
  }
}

static void
test_assessment_boundaries (void)
{
  /* With C = 1 in both periods the measures are differences of counts.
   * A 4 → 2: SM = −2.  B 4 → 2: BDM = −2, WDQ = 1 exactly: still
   * "diffusion", not "greater than the direct effect". */
  BbAssessmentCounts counts = { 4, 2, 4, 2, 1, 1 };
  BbAssessment a;

  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat (a.wdq, ==, 1);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DIFFUSION);

  /* B 2 → 4: BDM = 2, WDQ = −1 exactly: displacement, not greater than the gain. */
  counts.buffer_before = 2;
  counts.buffer_after = 4;
  bb_assessment_compute (&counts, &a);
  g_assert_cmpfloat (a.wdq, ==, -1);
  g_assert_cmpint (a.reading, ==, BB_WDQ_DISPLACEMENT);
}

static void
test_assessment_undefined (void)
{
  g_autofree char *summary = NULL;
  BbAssessment a;

  /* A 50 → 50 with C 1000 → 1000: SM = 0, no success: WDQ undefined
   * whatever the buffer did. */
  {
    const BbAssessmentCounts flat = { 50, 50, 10, 30, 1000, 1000 };

    bb_assessment_compute (&flat, &a);
    g_assert_cmpfloat (a.success_measure, ==, 0);
    g_assert_cmpfloat_with_epsilon (a.buffer_displacement, 0.02, 1e-12);
    g_assert_true (isnan (a.wdq));
    g_assert_cmpint (a.reading, ==, BB_WDQ_NO_SUCCESS);
    g_assert_cmpint (a.change, ==, BB_CHANGE_NOISE);
    summary = bb_assessment_summary (&flat, &a);
    g_assert_nonnull (strstr (summary, "(+0 %)"));
    g_assert_nonnull (strstr (summary, "did not improve"));
    g_clear_pointer (&summary, g_free);
  }

  /* A worse: 20 → 30, SM = 0.03 − 0.02 > 0. */
  {
    const BbAssessmentCounts worse = { 20, 30, 10, 5, 1000, 1000 };

    bb_assessment_compute (&worse, &a);
    g_assert_cmpfloat_with_epsilon (a.success_measure, 0.01, 1e-12);
    g_assert_cmpint (a.reading, ==, BB_WDQ_NO_SUCCESS);
  }

  /* No incident in the control after: nothing to divide by.  The area
   * itself still has its test: Z = 2 (√3 − √0) = 3.46, a significant rise. */
  {
    const BbAssessmentCounts empty = { 0, 3, 1, 1, 10, 0 };

    bb_assessment_compute (&empty, &a);
    g_assert_true (isnan (a.success_measure));
    g_assert_true (isnan (a.wdq));
    g_assert_cmpint (a.reading, ==, BB_WDQ_NO_CONTROL);
    summary = bb_assessment_summary (&empty, &a);
    g_assert_nonnull (strstr (summary, "from 0 before the response to 3 after it: significant rise."));
    g_assert_nonnull (strstr (summary, "cannot be compared"));
  }

  for (BbWdqReading r = BB_WDQ_NO_SUCCESS; r <= BB_WDQ_DIFFUSION_GREATER; r++)
    g_assert_nonnull (bb_wdq_reading_describe (r));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/assessment/diffusion", test_assessment_diffusion);
  g_test_add_func ("/core/assessment/displacement", test_assessment_displacement);
  g_test_add_func ("/core/assessment/control-differs", test_assessment_control_differs);
  g_test_add_func ("/core/assessment/boundaries", test_assessment_boundaries);
  g_test_add_func ("/core/assessment/undefined", test_assessment_undefined);

  return g_test_run ();
}
