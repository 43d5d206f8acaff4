/* test-knox.c: the Knox near-repeat test on planted, random and hand-counted events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-knox"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-grid.h"
#include "bb-knox.h"
#include "bb-random.h"

static const double spatial[] = { 100, 200, 400 };
static const double temporal[] = { 7, 14, 21 };

/* Four events counted by hand, bands 100 m and 7 days:
 *   A (0,0) day 0, B (50,0) day 3, C (0,500) day 4, D (60,0) day 30
 * pairs: AB 50 m 3 d → (0,0); AC 500 m 4 d → (1,0); AD 60 m 30 d → (0,1);
 *        BC 502 m 1 d → (1,0); BD 10 m 27 d → (0,1); CD 504 m 26 d → (1,1) */
static void
test_knox_hand_counted (void)
{
  const double xs[] = { 0, 50, 0, 60 }, ys[] = { 0, 0, 500, 0 }, days[] = { 0, 3, 4, 30 };
  const double s_lim[] = { 100 }, t_lim[] = { 7 };
  g_autoptr(BbKnoxResult) r = NULL;
  g_autoptr(GError) error = NULL;
  double expected_sum = 0;

  r = bb_knox_compute (xs, ys, days, 4, s_lim, 1, t_lim, 1, 199, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->n_spatial, ==, 2);
  g_assert_cmpuint (r->n_temporal, ==, 2);
  g_assert_cmpuint (r->observed[bb_knox_index (r, 0, 0)], ==, 1);
  g_assert_cmpuint (r->observed[bb_knox_index (r, 0, 1)], ==, 2);
  g_assert_cmpuint (r->observed[bb_knox_index (r, 1, 0)], ==, 2);
  g_assert_cmpuint (r->observed[bb_knox_index (r, 1, 1)], ==, 1);

  /* Permutations keep the pairs' distances and the multiset of time gaps:
   * each row and column of expected counts keeps its total. */
  for (guint c = 0; c < 4; c++)
    expected_sum += r->expected[c];
  g_assert_cmpfloat_with_epsilon (expected_sum, 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->expected[bb_knox_index (r, 0, 0)]
                                  + r->expected[bb_knox_index (r, 0, 1)], 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->expected[bb_knox_index (r, 0, 0)]
                                  + r->expected[bb_knox_index (r, 1, 0)], 3, 1e-9);
  for (guint c = 0; c < 4; c++)
    g_assert_true (r->p[c] > 0 && r->p[c] <= 1);
}

static void
town_events (BbRandom *rng,
             gsize     n,
             double   *xs,
             double   *ys,
             double   *days)
{
  for (gsize i = 0; i < n; i++)
    {
      xs[i] = bb_random_uniform (rng, 0, 5000);
      ys[i] = bb_random_uniform (rng, 0, 5000);
      days[i] = bb_random_uniform (rng, 0, 365);
    }
}

/* Burglars come back: a fifth of the burglaries are followed by another
 * within 100 m and 7 days. */
static void
test_knox_planted_near_repeats (void)
{
  const gsize base = 400, repeats = 80, n = base + repeats;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree double *days = g_new (double, n);
  g_autoptr(BbKnoxResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reading = NULL;
  BbRandom rng;
  gsize c00;

  bb_random_init (&rng, 20240501);
  town_events (&rng, base, xs, ys, days);
  for (gsize k = 0; k < repeats; k++)
    {
      gsize i = base + k, of = k * 5;
      double a = bb_random_uniform (&rng, 0, 2 * G_PI);
      double d = bb_random_uniform (&rng, 0, 90);

      xs[i] = xs[of] + d * cos (a);
      ys[i] = ys[of] + d * sin (a);
      days[i] = days[of] + bb_random_uniform (&rng, 0, 6.5);
    }

  r = bb_knox_compute (xs, ys, days, n, spatial, 3, temporal, 3, 99, 7, NULL, &error);
  g_assert_no_error (error);
  c00 = bb_knox_index (r, 0, 0);

  /* At least the 80 planted pairs, against about 80·… by chance:
   * 480²/2 pairs × (π·100² / 5000²) × (14 / 365) ≈ 5.5. */
  g_assert_cmpuint (r->observed[c00], >=, repeats);
  g_assert_cmpfloat (r->expected[c00], >, 2);
  g_assert_cmpfloat (r->expected[c00], <, 12);
  g_assert_cmpfloat (r->ratio[c00], >, 5);
  g_assert_cmpfloat (r->p[c00], ==, 0.01);

  /* Far apart in space, the time gap does not matter. */
  g_assert_cmpfloat (r->p[bb_knox_index (r, 3, 0)], >, BB_KNOX_SIGNIFICANCE);

  reading = bb_knox_describe (r, 0, 0, "Burglaries");
  g_test_message ("%s", reading);
  g_assert_true (g_str_has_prefix (reading, "Burglaries within 100 m and 7 days of one another are "));
  g_assert_nonnull (strstr (reading, "more frequent than chance (p = 0.010)"));
}

/* Events scattered at random show no near-repeat pattern, and the same
 * seed gives the same answer. */
static void
test_knox_random_not_detected (void)
{
  const gsize n = 500;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree double *days = g_new (double, n);
  g_autoptr(BbKnoxResult) r = NULL;
  g_autoptr(BbKnoxResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *far = NULL;
  BbRandom rng;
  guint significant = 0;
  guint64 total = 0;

  bb_random_init (&rng, 99);
  town_events (&rng, n, xs, ys, days);

  r = bb_knox_compute (xs, ys, days, n, spatial, 3, temporal, 3, 99, 7, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < 4; s++)
    for (guint t = 0; t < 4; t++)
      {
        gsize c = bb_knox_index (r, s, t);

        total += r->observed[c];
        if (r->p[c] <= 0.01)
          significant++;
      }
  g_assert_cmpuint (total, ==, n * (n - 1) / 2);
  g_assert_cmpfloat (r->p[bb_knox_index (r, 0, 0)], >, BB_KNOX_SIGNIFICANCE);
  g_assert_cmpfloat (fabs (r->ratio[bb_knox_index (r, 0, 0)] - 1), <, 0.5);
  g_assert_cmpuint (significant, ==, 0);

  reading = bb_knox_describe (r, 0, 0, NULL);
  g_assert_true (g_str_has_prefix (reading, "Incidents within 100 m and 7 days of one another are no more frequent"));
  far = bb_knox_describe (r, 2, 3, "Burglaries");
  g_assert_true (g_str_has_prefix (far, "Burglaries 200–400 m and more than 21 days apart are "));

  again = bb_knox_compute (xs, ys, days, n, spatial, 3, temporal, 3, 99, 7, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 16; c++)
    {
      g_assert_cmpfloat (again->expected[c], ==, r->expected[c]);
      g_assert_cmpfloat (again->p[c], ==, r->p[c]);
    }
}

static void
test_knox_errors (void)
{
  const double xs[] = { 0, 1, 2 }, ys[] = { 0, 1, 2 }, days[] = { 0, 1, 2 };
  const double bad[] = { 200, 100 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BbKnoxResult *r;

  r = bb_knox_compute (xs, ys, days, 3, bad, 2, temporal, 3, 99, 1, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  r = bb_knox_compute (xs, ys, days, 2, spatial, 3, temporal, 3, 99, 1, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  r = bb_knox_compute (xs, ys, days, 3, spatial, 3, temporal, 3, 99, 1, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/knox/hand-counted", test_knox_hand_counted);
  g_test_add_func ("/knox/planted-near-repeats", test_knox_planted_near_repeats);
  g_test_add_func ("/knox/random-not-detected", test_knox_random_not_detected);
  g_test_add_func ("/knox/errors", test_knox_errors);

  return g_test_run ();
}
