/* test-indicator.c: an indicator's progress towards its target, in both directions, worked by hand */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-indicator"

#include "config.h"

#include <math.h>

#include "bb-indicator.h"

static void
test_fewer_is_better (void)
{
  /* Burglaries per quarter: baseline 40, target 24 (−40 %).
   * 32 now: (32 − 40) / (24 − 40) = −8 / −16 = 0.5 of the way. */
  g_assert_cmpfloat_with_epsilon (bb_indicator_progress (40, 24, 32), 0.5, 1e-12);
  g_assert_cmpint (bb_indicator_status (40, 24, 32), ==, BB_INDICATOR_IMPROVING);
  /* 36: (−4) / (−16) = 0.25. */
  g_assert_cmpfloat_with_epsilon (bb_indicator_progress (40, 24, 36), 0.25, 1e-12);
  /* 24 exactly, and beyond: met, progress 1. */
  g_assert_cmpint (bb_indicator_status (40, 24, 24), ==, BB_INDICATOR_MET);
  g_assert_cmpint (bb_indicator_status (40, 24, 10), ==, BB_INDICATOR_MET);
  g_assert_cmpfloat (bb_indicator_progress (40, 24, 10), ==, 1.0);
  /* 46: away from the target; progress clamps at 0. */
  g_assert_cmpint (bb_indicator_status (40, 24, 46), ==, BB_INDICATOR_WORSE);
  g_assert_cmpfloat (bb_indicator_progress (40, 24, 46), ==, 0.0);
  g_assert_cmpint (bb_indicator_status (40, 24, 40), ==, BB_INDICATOR_NO_CHANGE);
}

static void
test_more_is_better (void)
{
  /* Residents who feel safe in the park: 38 % → target 55 %, now 46 %:
   * (46 − 38) / (55 − 38) = 8 / 17 = 0.470588… */
  g_assert_cmpfloat_with_epsilon (bb_indicator_progress (38, 55, 46), 8.0 / 17.0, 1e-12);
  g_assert_cmpint (bb_indicator_status (38, 55, 46), ==, BB_INDICATOR_IMPROVING);
  g_assert_cmpint (bb_indicator_status (38, 55, 60), ==, BB_INDICATOR_MET);
  g_assert_cmpint (bb_indicator_status (38, 55, 30), ==, BB_INDICATOR_WORSE);
  /* Fractional values typed in compare as equal when they are. */
  g_assert_cmpint (bb_indicator_status (0.1 + 0.2, 0.9, 0.3), ==, BB_INDICATOR_NO_CHANGE);
}

static void
test_unmeasured (void)
{
  g_assert_cmpint (bb_indicator_status (NAN, 24, 30), ==, BB_INDICATOR_NOT_MEASURED);
  g_assert_cmpint (bb_indicator_status (40, NAN, 30), ==, BB_INDICATOR_NOT_MEASURED);
  g_assert_cmpint (bb_indicator_status (40, 24, NAN), ==, BB_INDICATOR_NOT_MEASURED);
  g_assert_true (isnan (bb_indicator_progress (40, 24, NAN)));
  /* Holding a level: the baseline is the target. */
  g_assert_true (isnan (bb_indicator_progress (5, 5, 5)));
  g_assert_cmpint (bb_indicator_status (5, 5, 5), ==, BB_INDICATOR_MET);
  g_assert_cmpint (bb_indicator_status (5, 5, 6), ==, BB_INDICATOR_WORSE);
  g_assert_cmpstr (bb_indicator_status_to_string (BB_INDICATOR_MET), ==, "met");
  g_assert_cmpstr (bb_indicator_status_describe (BB_INDICATOR_WORSE), ==, "getting worse");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/indicator/fewer-is-better", test_fewer_is_better);
  g_test_add_func ("/indicator/more-is-better", test_more_is_better);
  g_test_add_func ("/indicator/unmeasured", test_unmeasured);
  return g_test_run ();
}
