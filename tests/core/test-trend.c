/* test-trend.c: the Poisson change test, Mann–Kendall worked by hand and emerging hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trend"

#include "config.h"

#include <math.h>

#include "bb-trend.h"

static void
test_trend_poisson (void)
{
  /* 2 → 6 is "+200 %" but Z = 2(√6 − √2) = 2.07: worth watching at most,
   * not significant. */
  g_assert_cmpfloat_with_epsilon (bb_trend_poisson_z (6, 2), 2.0705523608, 1e-9);
  g_assert_cmpint (bb_trend_change_level (bb_trend_poisson_z (6, 2)), ==, BB_CHANGE_WATCH_RISE);
  /* 2 → 5 (+150 %) is noise. */
  g_assert_cmpint (bb_trend_change_level (bb_trend_poisson_z (5, 2)), ==, BB_CHANGE_NOISE);
  /* 70 → 100 (+43 %) is significant: Z = 3.27. */
  g_assert_cmpfloat_with_epsilon (bb_trend_poisson_z (100, 70), 3.2667994693, 1e-9);
  g_assert_cmpint (bb_trend_change_level (bb_trend_poisson_z (100, 70)), ==, BB_CHANGE_SIGNIFICANT_RISE);
  g_assert_cmpint (bb_trend_change_level (bb_trend_poisson_z (5, 30)), ==, BB_CHANGE_SIGNIFICANT_FALL);
  g_assert_cmpint (bb_trend_change_level (-2.5), ==, BB_CHANGE_WATCH_FALL);
  g_assert_cmpint (bb_trend_change_level (2.0), ==, BB_CHANGE_NOISE);
  g_assert_cmpfloat (bb_trend_poisson_z (0, 0), ==, 0);
  g_assert_cmpstr (bb_change_level_to_string (BB_CHANGE_WATCH_RISE), ==, "watch-rise");
}

static void
test_trend_change_counts (void)
{
  /* Four districts: this quarter against the last. */
  const double current[] = { 6, 100, 5, 40 }, previous[] = { 2, 70, 30, 40 };
  double z[4];
  BbChangeLevel level[4];
  g_autoptr(BbGrid) a = bb_grid_new (0, 0, 100, 2, 2);
  g_autoptr(BbGrid) b = bb_grid_new (0, 0, 100, 2, 2);
  g_autoptr(BbGrid) other = bb_grid_new (0, 0, 50, 2, 2);
  g_autoptr(BbGrid) dz = NULL;
  g_autoptr(GError) error = NULL;

  bb_trend_change_counts (current, previous, 4, z, level);
  g_assert_cmpint (level[0], ==, BB_CHANGE_WATCH_RISE);
  g_assert_cmpint (level[1], ==, BB_CHANGE_SIGNIFICANT_RISE);
  g_assert_cmpint (level[2], ==, BB_CHANGE_SIGNIFICANT_FALL);
  g_assert_cmpint (level[3], ==, BB_CHANGE_NOISE);
  g_assert_cmpfloat (z[3], ==, 0);

  for (guint i = 0; i < 4; i++)
    {
      a->values[i] = current[i];
      b->values[i] = previous[i];
    }
  dz = bb_trend_grid_change (a, b, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (dz->values[i], z[i], 1e-5);

  g_assert_null (bb_trend_grid_change (a, other, &error));
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
}

/* Worked by hand.  Series 1, 3, 2, 5, 4, 6:
 *   S = (+5) + (+2) + (+3) + (0) + (+1) = 11
 *   Var = n(n − 1)(2n + 5)/18 = 6·5·17/18 = 28.3333
 *   Z = (S − 1)/√Var = 1.878673, p = 0.060289
 * Series 1, 2, 2, 3 (one pair of ties):
 *   S = 3 + 1 + 1 = 5, Var = (4·3·13 − 2·1·9)/18 = 7.6667
 *   Z = 4/√7.6667 = 1.444630, p = 0.148562 */
static void
test_trend_mann_kendall (void)
{
  const double rising[] = { 1, 3, 2, 5, 4, 6 };
  const double ties[] = { 1, 2, 2, 3 };
  const double falling[] = { 9, 8, 7, 6, 5, 4, 3, 2 };
  const double flat[] = { 4, 4, 4, 4 };
  BbMannKendall mk;

  g_assert_true (bb_trend_mann_kendall (rising, 6, &mk));
  g_assert_cmpfloat (mk.s, ==, 11);
  g_assert_cmpfloat_with_epsilon (mk.variance, 28.333333333, 1e-8);
  g_assert_cmpfloat_with_epsilon (mk.z, 1.878673, 1e-6);
  g_assert_cmpfloat_with_epsilon (mk.p, 0.060289, 1e-6);

  g_assert_true (bb_trend_mann_kendall (ties, 4, &mk));
  g_assert_cmpfloat (mk.s, ==, 5);
  g_assert_cmpfloat_with_epsilon (mk.variance, 7.666666667, 1e-8);
  g_assert_cmpfloat_with_epsilon (mk.z, 1.444630, 1e-6);
  g_assert_cmpfloat_with_epsilon (mk.p, 0.148562, 1e-6);

  /* Strictly falling over 8: S = −28, Var = 8·7·21/18 = 65.3333,
   * Z = −27/√65.3333 = −3.340384. */
  g_assert_true (bb_trend_mann_kendall (falling, 8, &mk));
  g_assert_cmpfloat (mk.s, ==, -28);
  g_assert_cmpfloat_with_epsilon (mk.z, -3.340384, 1e-6);
  g_assert_cmpfloat (mk.p, <, 0.001);

  g_assert_true (bb_trend_mann_kendall (flat, 4, &mk));
  g_assert_cmpfloat (mk.z, ==, 0);
  g_assert_cmpfloat (mk.p, ==, 1);

  g_assert_false (bb_trend_mann_kendall (flat, 2, &mk));
}

/* Six months of a 40 × 40 town with a quiet background and four 3 × 3
 * clusters: one growing, one steady, one appearing in the last month,
 * one fading but still hot. */
static void
test_trend_emerging (void)
{
  const double growing[] = { 4, 6, 9, 12, 16, 21 };
  const double steady[] = { 12, 12, 12, 12, 12, 12 };
  const double appearing[] = { 0, 0, 0, 0, 0, 15 };
  const double fading[] = { 30, 25, 21, 18, 16, 14 };
  const guint at[4][2] = { { 8, 8 }, { 30, 8 }, { 8, 30 }, { 30, 30 } };
  const double *plans[4] = { growing, steady, appearing, fading };
  const BbEmergingPattern expected[4] = {
    BB_EMERGING_INTENSIFYING, BB_EMERGING_PERSISTENT, BB_EMERGING_NEW, BB_EMERGING_DIMINISHING
  };
  BbGrid *slices[6];
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *patterns = NULL;
  g_autofree float *trend = g_new (float, 1600);

  for (guint s = 0; s < 6; s++)
    {
      slices[s] = bb_grid_new (0, 0, 100, 40, 40);
      for (guint i = 0; i < 1600; i++)
        slices[s]->values[i] = g_rand_int_range (rand, 0, 3);
      for (guint k = 0; k < 4; k++)
        for (guint dy = 0; dy < 3; dy++)
          for (guint dx = 0; dx < 3; dx++)
            slices[s]->values[(at[k][1] + dy - 1) * 40 + at[k][0] + dx - 1] += plans[k][s];
    }

  patterns = bb_trend_emerging_hot_spots ((const BbGrid * const *) slices, 6, 150, 0,
                                          BB_GISTAR_CORRECTION_FDR, trend, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < 4; k++)
    {
      gsize c = at[k][1] * 40 + at[k][0];

      g_test_message ("cluster %u: %s, trend z %.2f", k,
                      bb_emerging_pattern_to_string (patterns[c]), trend[c]);
      g_assert_cmpint (patterns[c], ==, expected[k]);
    }
  /* The quiet middle of the town is nothing. */
  g_assert_cmpint (patterns[20 * 40 + 20], ==, BB_EMERGING_NONE);

  g_assert_null (bb_trend_emerging_hot_spots ((const BbGrid * const *) slices, 2, 150, 0,
                                              BB_GISTAR_CORRECTION_NONE, NULL, &error));
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);

  for (guint s = 0; s < 6; s++)
    bb_grid_free (slices[s]);
}

/* A second, independent reading of the textbook formulas (Gilbert 1987,
 * §16.4): S by counting concordant and discordant pairs, the ties by
 * counting for each value how often it occurs (a group of t equal values
 * is met t times, so each meeting adds (t − 1)(2t + 5)).  The test's series
 * are seeded integers with many ties, as counts per slice are. */
static void
reference_mann_kendall (const double *x,
                        guint         n,
                        double       *s,
                        double       *var,
                        double       *z)
{
  double concordant = 0, discordant = 0, ties = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        concordant += x[j] > x[i];
        discordant += x[j] < x[i];
      }
  for (guint i = 0; i < n; i++)
    {
      double t = 0;

      for (guint j = 0; j < n; j++)
        t += x[j] == x[i];
      ties += (t - 1) * (2 * t + 5);
    }
  *s = concordant - discordant;
  *var = (n * (n - 1.0) * (2 * n + 5.0) - ties) / 18;
  *z = *s > 0 ? (*s - 1) / sqrt (*var) : *s < 0 ? (*s + 1) / sqrt (*var) : 0;
}

static void
test_trend_mann_kendall_reference (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  /* Monthly counts with ties, worked by hand: 5, 5, 6, 4, 7, 7, 8, 6, 9,
   * 9, 10, 8: S = 43; five pairs of equal values (5, 6, 7, 8, 9) give
   * Var = (12·11·29 − 5·2·1·9)/18 = 207.6667, Z = 42/√207.6667 = 2.914512. */
  const double counts[] = { 5, 5, 6, 4, 7, 7, 8, 6, 9, 9, 10, 8 };
  BbMannKendall mk;

  g_assert_true (bb_trend_mann_kendall (counts, G_N_ELEMENTS (counts), &mk));
  g_assert_cmpfloat (mk.s, ==, 43);
  g_assert_cmpfloat_with_epsilon (mk.variance, 207.666666667, 1e-8);
  g_assert_cmpfloat_with_epsilon (mk.z, 2.914512, 1e-6);
  g_assert_cmpfloat_with_epsilon (mk.p, erfc (2.914512 / G_SQRT2), 1e-6);

  for (guint k = 0; k < 200; k++)
    {
      guint n = g_rand_int_range (rand, 3, 30);
      double x[30], s, var, z;

      for (guint i = 0; i < n; i++)
        x[i] = g_rand_int_range (rand, 0, 6) + (k % 2 ? i / 4 : 0);
      reference_mann_kendall (x, n, &s, &var, &z);
      g_assert_true (bb_trend_mann_kendall (x, n, &mk));
      g_assert_cmpfloat (mk.s, ==, s);
      g_assert_cmpfloat_with_epsilon (mk.variance, var, 1e-9);
      if (var > 0)
        g_assert_cmpfloat_with_epsilon (mk.z, z, 1e-9);
    }
}

/* Twelve slices of a 40 × 40 town: a spot that comes and goes and a
 * cold spot (a park cut out of a busy town) that empties further; in a
 * town of its own (the emptying park lowers the town's mean, which moves
 * every other cell's z a little), a steadily cold one. */
static BbGrid **
make_town (guint     n,
           gboolean  steady_cold)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  BbGrid **slices = g_new0 (BbGrid *, n);
  gsize sporadic = 10 * 40 + 10, emptying = 30 * 40 + 30, cold = 10 * 40 + 30;

  for (guint s = 0; s < n; s++)
    {
      slices[s] = bb_grid_new (0, 0, 100, 40, 40);
      for (guint i = 0; i < 1600; i++)
        slices[s]->values[i] = 8 + g_rand_int_range (rand, 0, 3);
      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            if (steady_cold)
              {
                slices[s]->values[cold + dy * 40 + dx] = g_rand_int_range (rand, 0, 2);
                continue;
              }
            /* On in slices 0, 3, 7 and 11 only. */
            if (s == 0 || s == 3 || s == 7 || s == 11)
              slices[s]->values[sporadic + dy * 40 + dx] += 25;
            /* Busy at first, empty at the end. */
            slices[s]->values[emptying + dy * 40 + dx] = s < 2 ? 9 : MAX (0.0, 8.0 - s);
          }
    }
  return slices;
}

static void
free_town (BbGrid **slices,
           guint    n)
{
  for (guint s = 0; s < n; s++)
    bb_grid_free (slices[s]);
  g_free (slices);
}

static void
test_trend_emerging_sporadic_and_cold (void)
{
  const guint n = 12;
  BbGrid **slices = make_town (n, FALSE);
  BbGrid **steady = make_town (n, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEmerging) e = NULL;
  g_autoptr(BbEmerging) f = NULL;
  gsize sporadic = 10 * 40 + 10, emptying = 30 * 40 + 30, cold = 10 * 40 + 30;

  e = bb_trend_emerging_compute ((const BbGrid * const *) slices, n, 150, 0, BB_GISTAR_CORRECTION_NONE,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->n_slices, ==, 12);
  g_assert_cmpuint (e->n_recent, ==, 6);
  g_test_message ("sporadic: %s (%u hot); emptying: %s (trend z %.2f)",
                  bb_emerging_pattern_to_string (e->pattern[sporadic]), e->n_hot[sporadic],
                  bb_emerging_pattern_to_string (e->pattern[emptying]), e->trend_z[emptying]);
  g_assert_cmpint (e->pattern[sporadic], ==, BB_EMERGING_SPORADIC);
  g_assert_cmpuint (e->n_hot[sporadic], ==, 4);
  g_assert_cmpint (e->pattern[emptying], ==, BB_EMERGING_INTENSIFYING_COLD);
  g_assert_cmpfloat (e->trend_z[emptying], <, -1.96);
  g_assert_cmpuint (e->n_by_pattern[BB_EMERGING_SPORADIC], >=, 1);

  f = bb_trend_emerging_compute ((const BbGrid * const *) steady, n, 150, 0, BB_GISTAR_CORRECTION_NONE,
                                 NULL, &error);
  g_assert_no_error (error);
  g_test_message ("steady cold: %s (trend z %.2f)", bb_emerging_pattern_to_string (f->pattern[cold]),
                  f->trend_z[cold]);
  g_assert_cmpint (f->pattern[cold], ==, BB_EMERGING_PERSISTENT_COLD);
  g_assert_cmpuint (f->n_cold[cold], ==, 12);
  g_assert_cmpint (bb_emerging_pattern_sign (f->pattern[cold]), ==, -1);
  g_assert_cmpint (bb_emerging_pattern_sign (BB_EMERGING_SPORADIC), ==, 1);
  g_assert_cmpint (bb_emerging_pattern_sign (BB_EMERGING_NONE), ==, 0);
  g_assert_cmpstr (bb_emerging_pattern_to_string (BB_EMERGING_SPORADIC_COLD), ==, "sporadic-cold");

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (bb_trend_emerging_compute ((const BbGrid * const *) slices, n, 150, 0,
                                              BB_GISTAR_CORRECTION_NONE, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  free_town (slices, n);
  free_town (steady, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trend/poisson", test_trend_poisson);
  g_test_add_func ("/trend/change-counts", test_trend_change_counts);
  g_test_add_func ("/trend/mann-kendall", test_trend_mann_kendall);
  g_test_add_func ("/trend/mann-kendall-reference", test_trend_mann_kendall_reference);
  g_test_add_func ("/trend/emerging", test_trend_emerging);
  g_test_add_func ("/trend/emerging-sporadic-cold", test_trend_emerging_sporadic_and_cold);

  return g_test_run ();
}
