/* test-survey-stats.c: survey shares, intervals and changes against published and hand-computed values */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-survey-stats"

#include "config.h"

#include <math.h>

#include "bb-survey-stats.h"

/* Newcombe, R. G. (1998). Two-sided confidence intervals for the single
 * proportion: comparison of seven methods. Statistics in Medicine 17,
 * 857–872, Table II, method 3 (score method without continuity
 * correction), to the four places printed there. */
static void
test_wilson_newcombe (void)
{
  static const struct {
    guint64 count, n;
    double  low, high;
  } cases[] = {
    { 81, 263, 0.2553, 0.3662 },
    { 15, 148, 0.0624, 0.1605 },
    { 0, 20, 0.0000, 0.1611 },
    { 1, 29, 0.0061, 0.1718 },
    { 29, 29, 0.8830, 1.0000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BbShare s = bb_share_make (cases[i].count, cases[i].n);

      g_assert_cmpfloat_with_epsilon (s.share, (double) cases[i].count / cases[i].n, 1e-12);
      g_assert_cmpfloat_with_epsilon (s.low, cases[i].low, 0.00005);
      g_assert_cmpfloat_with_epsilon (s.high, cases[i].high, 0.00005);
      g_assert_cmpfloat (s.low, <=, s.share);
      g_assert_cmpfloat (s.high, >=, s.share);
    }
}

/* 5 of 10 by hand: p = 0.5, z² = 3.841459, z²/n = 0.3841459;
 * centre = (0.5 + 0.1920729) / 1.3841459 = 0.5;
 * half = 1.959964 × √(0.025 + 0.0096036) / 1.3841459
 *      = 1.959964 × 0.1860206 / 1.3841459 = 0.2634069;
 * interval 0.2365931 … 0.7634069 (symmetric around one half). */
static void
test_wilson_by_hand (void)
{
  double low, high;

  bb_wilson_interval (5, 10, BB_Z_95, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.2365931, 1e-6);
  g_assert_cmpfloat_with_epsilon (high, 0.7634069, 1e-6);

  /* A wider z widens it; no respondents gives no share at all. */
  bb_wilson_interval (5, 10, 2.5758293, &low, &high);
  g_assert_cmpfloat (low, <, 0.2365931);
  g_assert_cmpfloat (high, >, 0.7634069);
  bb_wilson_interval (0, 0, BB_Z_95, &low, &high);
  g_assert_true (isnan (low) && isnan (high));
  g_assert_true (isnan (bb_share_make (0, 0).share));
}

/* Newcombe, R. G. (1998). Interval estimation for the difference between
 * independent proportions: comparison of eleven methods. Statistics in
 * Medicine 17, 873–890, Table II, method 10. */
static void
test_difference_newcombe (void)
{
  static const struct {
    guint64 x1, n1, x2, n2;
    double  low, high;
  } cases[] = {
    { 56, 70, 48, 80, 0.0524, 0.3339 },
    { 9, 10, 3, 10, 0.1705, 0.8090 },
    { 6, 7, 2, 7, 0.0582, 0.8062 },
    { 5, 56, 0, 29, -0.0381, 0.1926 },
    { 0, 10, 0, 20, -0.1611, 0.2775 },
    { 10, 10, 0, 20, 0.6791, 1.0000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BbShare now = bb_share_make (cases[i].x1, cases[i].n1);
      BbShare before = bb_share_make (cases[i].x2, cases[i].n2);
      double low, high;

      g_assert_true (bb_share_difference_interval (&now, &before, &low, &high));
      g_assert_cmpfloat_with_epsilon (low, cases[i].low, 0.00005);
      g_assert_cmpfloat_with_epsilon (high, cases[i].high, 0.00005);
    }
}

static void
test_change_beyond_noise (void)
{
  BbShare a = bb_share_make (56, 70);
  BbShare b = bb_share_make (48, 80);
  BbShare c = bb_share_make (5, 56);
  BbShare d = bb_share_make (0, 29);
  BbShare few = bb_share_make (3, 9);
  BbShare none = bb_share_make (0, 0);
  double low, high;

  /* 80 % against 60 %: the interval 0.0524…0.3339 excludes zero. */
  g_assert_cmpint (bb_share_compare (&a, &b, 10), ==, BB_SHARE_ROSE);
  g_assert_cmpint (bb_share_compare (&b, &a, 10), ==, BB_SHARE_FELL);
  /* 8.9 % against 0 %: −0.0381…0.1926 holds zero: noise, not a change. */
  g_assert_cmpint (bb_share_compare (&c, &d, 10), ==, BB_SHARE_SAME);
  /* Nine respondents are too few to compare at the default threshold,
   * and enough at a threshold of five. */
  g_assert_false (bb_share_is_reportable (&few, BB_SURVEY_DEFAULT_MIN_RESPONDENTS));
  g_assert_true (bb_share_is_reportable (&few, 5));
  g_assert_cmpint (bb_share_compare (&few, &a, BB_SURVEY_DEFAULT_MIN_RESPONDENTS), ==, BB_SHARE_TOO_FEW);
  g_assert_cmpint (bb_share_compare (&a, &few, BB_SURVEY_DEFAULT_MIN_RESPONDENTS), ==, BB_SHARE_TOO_FEW);
  g_assert_cmpint (bb_share_compare (&none, &a, 0), ==, BB_SHARE_TOO_FEW);
  g_assert_false (bb_share_difference_interval (&none, &a, &low, &high));
  g_assert_false (bb_share_is_reportable (&none, 0));
}

/* Student's sleep data (Cushny & Peebles, in Student 1908): the extra
 * hours of sleep of ten patients; R's t.test gives the mean 1.58 and the
 * 95 % interval 0.7001142 … 2.4598858. */
static void
test_mean_interval (void)
{
  static const double extra[] = { 1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4 };
  double mean, low, high;

  g_assert_true (bb_mean_interval (extra, G_N_ELEMENTS (extra), &mean, &low, &high));
  g_assert_cmpfloat_with_epsilon (mean, 1.58, 1e-12);
  g_assert_cmpfloat_with_epsilon (low, 0.7001142, 1e-6);
  g_assert_cmpfloat_with_epsilon (high, 2.4598858, 1e-6);

  g_assert_false (bb_mean_interval (extra, 1, &mean, &low, &high));
  g_assert_cmpfloat (mean, ==, 1.2);
  g_assert_true (isnan (low));
}

/* Tabulated quantiles (and, beyond the table, the expansion) against the
 * exact values of scipy.stats.t.ppf (0.975, df). */
static void
test_student_t (void)
{
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (1), 12.706205, 1e-6);
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (9), 2.262157, 1e-6);
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (30), 2.042272, 1e-6);
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (31), 2.0395134, 1e-6);
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (60), 2.0002978, 1e-6);
  g_assert_cmpfloat_with_epsilon (bb_student_t_975 (1000), 1.9623391, 1e-6);
}

/* Two districts of 3000 and 1000 residents, 10 and 30 respondents (6 and
 * 6 "yes"): weights 3 and 1/3, the weighted share (18 + 2) / (30 + 10) =
 * 0.5, Kish's n = 40² / (10·9 + 30/9) = 17.142857, and Wilson's interval
 * at that n, 0.286070 … 0.713930 (computed by hand from the formula). */
static void
test_weighted_share (void)
{
  const double population[] = { 3000, 1000 };
  const guint64 sample[] = { 10, 30 };
  double cell[2], weights[40];
  gboolean chosen[40];
  BbShare share, plain;

  g_assert_true (bb_poststratify (population, sample, 2, cell));
  g_assert_cmpfloat_with_epsilon (cell[0], 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell[1], 1.0 / 3.0, 1e-12);
  for (guint i = 0; i < 40; i++)
    {
      weights[i] = i < 10 ? cell[0] : cell[1];
      chosen[i] = i < 6 || (i >= 10 && i < 16);
    }
  g_assert_cmpfloat_with_epsilon (bb_effective_sample_size (weights, 40), 17.142857142857, 1e-9);
  share = bb_share_make_weighted (weights, chosen, 40);
  g_assert_cmpuint (share.count, ==, 12);
  g_assert_cmpuint (share.n, ==, 40);
  g_assert_cmpfloat_with_epsilon (share.share, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.n_effective, 17.142857142857, 1e-9);
  g_assert_cmpfloat_with_epsilon (share.low, 0.286070, 1e-6);
  g_assert_cmpfloat_with_epsilon (share.high, 0.713930, 1e-6);
  /* unweighted, 12 of 40 = 0.3 with a narrower interval */
  plain = bb_share_make (12, 40);
  g_assert_cmpfloat_with_epsilon (plain.share, 0.3, 1e-12);
  g_assert_cmpfloat (plain.high - plain.low, <, share.high - share.low);
  /* equal weights change nothing */
  for (guint i = 0; i < 40; i++)
    weights[i] = 2.5;
  share = bb_share_make_weighted (weights, chosen, 40);
  g_assert_cmpfloat_with_epsilon (share.share, plain.share, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.low, plain.low, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.high, plain.high, 1e-12);
  /* from the districts' counts alone: the same share and interval */
  {
    const guint64 yes[] = { 6, 6 };
    gboolean weighted = FALSE;
    BbShare cells = bb_share_make_poststratified (yes, sample, population, 2, &weighted);

    g_assert_true (weighted);
    g_assert_cmpfloat_with_epsilon (cells.share, 0.5, 1e-12);
    g_assert_cmpfloat_with_epsilon (cells.n_effective, 17.142857142857, 1e-9);
    g_assert_cmpfloat_with_epsilon (cells.low, 0.286070, 1e-6);
    g_assert_cmpuint (cells.n, ==, 40);
  }
  /* a district of the population with no respondent cannot be weighted */
  {
    const guint64 empty[] = { 10, 0 };

    g_assert_false (bb_poststratify (population, empty, 2, cell));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/survey-stats/wilson/newcombe", test_wilson_newcombe);
  g_test_add_func ("/core/survey-stats/wilson/by-hand", test_wilson_by_hand);
  g_test_add_func ("/core/survey-stats/difference/newcombe", test_difference_newcombe);
  g_test_add_func ("/core/survey-stats/change", test_change_beyond_noise);
  g_test_add_func ("/core/survey-stats/weighted-share", test_weighted_share);
  g_test_add_func ("/core/survey-stats/mean", test_mean_interval);
  g_test_add_func ("/core/survey-stats/student-t", test_student_t);

  return g_test_run ();
}
