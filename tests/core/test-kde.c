/* test-kde.c: kernel density heat maps against published values and direct summation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-kde"

#include "config.h"

#include <math.h>

#include "bb-kde.h"

/* SciPy's gaussian_kde test (scipy/stats/tests/test_kdeoth.py,
 * test_kde_1d): data 0…4, Scott's bandwidth, evaluated at 0…4. */
static void
test_kde_scipy_1d (void)
{
  const double data[] = { 0, 1, 2, 3, 4 };
  const double expected[] = { 0.13480721, 0.18222869, 0.19514935, 0.18222869, 0.13480721 };
  double out[5];
  double h = bb_kde_scott_bandwidth_1d (data, 5);

  /* σ = √2.5, n^(−1/5) = 5^(−0.2) */
  g_assert_cmpfloat_with_epsilon (h, sqrt (2.5) * pow (5, -0.2), 1e-12);

  bb_kde_evaluate_1d (BB_KDE_KERNEL_GAUSSIAN, data, 5, h, data, 5, out);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (out[i], expected[i], 1e-7);
}

/* Each kernel integrates to one, in one dimension and in the plane. */
static void
test_kde_kernels_integrate_to_one (void)
{
  for (BbKdeKernel k = BB_KDE_KERNEL_QUARTIC; k <= BB_KDE_KERNEL_EPANECHNIKOV; k++)
    {
      double step = 1e-3, sum1 = 0, sum2 = 0;
      double reach = bb_kde_kernel_support (k) + 2;

      for (double u = -reach; u <= reach; u += step)
        sum1 += bb_kde_kernel_1d (k, u) * step;
      /* In polar coordinates: ∫ K(r²) 2πr dr. */
      for (double r = step / 2; r <= reach; r += step)
        sum2 += bb_kde_kernel_2d (k, r * r) * 2 * G_PI * r * step;

      g_assert_cmpfloat_with_epsilon (sum1, 1.0, 1e-4);
      g_assert_cmpfloat_with_epsilon (sum2, 1.0, 1e-4);
    }

  /* The quartic kernel's peak is 3/π per squared bandwidth. */
  g_assert_cmpfloat_with_epsilon (bb_kde_kernel_2d (BB_KDE_KERNEL_QUARTIC, 0), 3 / G_PI, 1e-12);
  g_assert_cmpfloat (bb_kde_kernel_2d (BB_KDE_KERNEL_QUARTIC, 1.0), ==, 0);
}

static void
test_kde_kernel_names (void)
{
  BbKdeKernel k;

  g_assert_true (bb_kde_kernel_from_string ("Gaussian", &k));
  g_assert_cmpint (k, ==, BB_KDE_KERNEL_GAUSSIAN);
  g_assert_true (bb_kde_kernel_from_string ("epanechnikov", &k));
  g_assert_cmpint (k, ==, BB_KDE_KERNEL_EPANECHNIKOV);
  g_assert_false (bb_kde_kernel_from_string ("triangular", &k));
  g_assert_cmpstr (bb_kde_kernel_to_string (BB_KDE_KERNEL_QUARTIC), ==, "quartic");
}

/* The rule worked by hand on two small sets. */
static void
test_kde_default_bandwidth (void)
{
  /* Square of side 2 centred on the origin: every point is √2 from the
   * mean centre, so SD = Dm = √2 and SD is the smaller term. */
  const double sx[] = { -1, 1, 1, -1 }, sy[] = { -1, -1, 1, 1 };
  /* Four points at the origin's neighbours and one far away: the median
   * distance keeps the far point from dominating. */
  const double fx[] = { 0, 1, 0, -1, 100 }, fy[] = { 1, 0, -1, 0, 0 };
  double mx = 20, d, sd = 0, dm;

  g_assert_cmpfloat_with_epsilon (bb_kde_default_bandwidth (sx, sy, 4),
                                  0.9 * sqrt (2) * pow (4, -0.2), 1e-12);

  for (guint i = 0; i < 5; i++)
    {
      d = hypot (fx[i] - mx, fy[i]);
      sd += d * d;
    }
  sd = sqrt (sd / 5);
  /* distances: 20.02, 19, 20.02, 21, 80 → median 20.02 (= hypot (20, 1)) */
  dm = hypot (mx, 1);
  g_assert_cmpfloat (sqrt (1 / G_LN2) * dm, <, sd);
  g_assert_cmpfloat_with_epsilon (bb_kde_default_bandwidth (fx, fy, 5),
                                  0.9 * sqrt (1 / G_LN2) * dm * pow (5, -0.2), 1e-9);

  g_assert_cmpfloat (bb_kde_default_bandwidth (sx, sy, 1), ==, 0);
  g_assert_cmpfloat (bb_kde_default_cell_size (1000, 500), ==, 2);
  g_assert_cmpfloat (bb_kde_default_cell_size (1000, 0), ==, 4);
}

static void
random_points (guint32  seed,
               gsize    n,
               double  *xs,
               double  *ys)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < n; i++)
    {
      /* Two clusters and a thin background. */
      if (i % 3 == 0)
        {
          xs[i] = g_rand_double_range (rand, 0, 2000);
          ys[i] = g_rand_double_range (rand, 0, 1500);
        }
      else
        {
          double cx = i % 3 == 1 ? 600 : 1400, cy = i % 3 == 1 ? 500 : 1000;
          double r = 150 * sqrt (-2 * log (1 - g_rand_double (rand)));
          double a = g_rand_double_range (rand, 0, 2 * G_PI);

          xs[i] = cx + r * cos (a);
          ys[i] = cy + r * sin (a);
        }
    }
}

/* Over a grid that reaches past the kernel, the surface (incidents per
 * km²) times the cell area sums to the number of incidents. */
static void
test_kde_integrates_to_n (void)
{
  const gsize n = 5000;
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);

  random_points (7, n, xs, ys);

  for (BbKdeKernel k = BB_KDE_KERNEL_QUARTIC; k <= BB_KDE_KERNEL_EPANECHNIKOV; k++)
    {
      BbKdeOptions options;
      g_autoptr(BbGrid) grid = NULL;
      g_autoptr(GError) error = NULL;
      double integral;

      bb_kde_options_init (&options);
      options.kernel = k;
      grid = bb_kde_grid_compute (xs, ys, NULL, n, &options, &error);
      g_assert_no_error (error);

      /* Default cell: 1500 m / 250; the grid covers the points. */
      g_assert_cmpfloat_with_epsilon (grid->cell_size, 6.0, 0.5);
      integral = bb_grid_sum (grid) * bb_grid_cell_area_km2 (grid);
      g_assert_cmpfloat_with_epsilon (integral / n, 1.0, 0.01);
      g_assert_cmpfloat (bb_grid_max (grid), >, 0);
    }
}

/* Direct summation at each cell centre: Σ K(|c − p|² / h²) / h², in km². */
static double
direct_density (BbKdeKernel   kernel,
                const double *xs,
                const double *ys,
                gsize         n,
                double        h,
                double        cx,
                double        cy)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      double dx = cx - xs[i], dy = cy - ys[i];

      sum += bb_kde_kernel_2d (kernel, (dx * dx + dy * dy) / (h * h));
    }
  return sum / (h * h) * 1e6;
}

static void
check_against_direct_on (BbKdeKernel   kernel,
                         guint         n_cols,
                         guint         n_rows,
                         const double *xs,
                         const double *ys,
                         gsize         n,
                         double        tolerance)
{
  BbGrid like = { .x0 = 0, .y0 = 0, .cell_size = 10, .n_cols = n_cols, .n_rows = n_rows };
  BbKdeOptions options;
  g_autoptr(BbGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  double peak = 0, worst = 0;

  bb_kde_options_init (&options);
  options.kernel = kernel;
  options.bandwidth = kernel == BB_KDE_KERNEL_GAUSSIAN ? 40 : 100;
  options.like = &like;
  grid = bb_kde_grid_compute (xs, ys, NULL, n, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->n_cols, ==, n_cols);
  g_assert_cmpuint (grid->n_rows, ==, n_rows);

  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      {
        double cx, cy, want;

        bb_grid_cell_centre (grid, c, r, &cx, &cy);
        want = direct_density (kernel, xs, ys, n, options.bandwidth, cx, cy);
        peak = MAX (peak, want);
        worst = MAX (worst, fabs (want - bb_grid_get (grid, c, r)));
      }
  g_assert_cmpfloat (peak, >, 0);
  g_test_message ("%s: worst %g of the peak", bb_kde_kernel_to_string (kernel), worst / peak);
  g_assert_cmpfloat (worst / peak, <, tolerance);
}

static void
check_against_direct (BbKdeKernel   kernel,
                      const double *xs,
                      const double *ys,
                      gsize         n,
                      double        tolerance)
{
  check_against_direct_on (kernel, 60, 50, xs, ys, n, tolerance);
}

/* Points on cell centres need no binning: the convolution is then the
 * direct sum up to the stencil's sampling (the Epanechnikov kernel's kink
 * at its edge costs the most, about 0.13 % of the peak with ten cells to
 * the bandwidth).  Points anywhere are binned linearly, which moves the
 * surface by about a per cent of the peak with four to ten cells to the
 * bandwidth (0.86 % quartic, 0.94 % Gaussian here). */
static void
test_kde_matches_direct_summation (void)
{
  const double cx[] = { 105, 255, 255, 305, 415, 215 };
  const double cy[] = { 205, 255, 265, 305, 225, 145 };
  const double ax[] = { 101.3, 257.9, 262.2, 301.7, 418.4, 213.3, 333.3 };
  const double ay[] = { 208.8, 251.1, 269.5, 300.2, 221.9, 147.6, 277.7 };

  for (BbKdeKernel k = BB_KDE_KERNEL_QUARTIC; k <= BB_KDE_KERNEL_EPANECHNIKOV; k++)
    {
      check_against_direct (k, cx, cy, G_N_ELEMENTS (cx), 2e-3);
      check_against_direct (k, ax, ay, G_N_ELEMENTS (ax), 2e-2);
    }
}

/* A grid taller than the rows smoothed at a time, its last batch short,
 * with points near the seams between batches: the surface, made in the
 * counts' own grid, is still the direct sum. */
static void
test_kde_tall_grid_matches_direct_summation (void)
{
  const double cx[] = { 105, 255, 255, 305, 415, 215, 135, 535, 75, 345 };
  const double cy[] = { 205, 635, 645, 1275, 1285, 1925, 2215, 45, 2295, 1005 };

  for (BbKdeKernel k = BB_KDE_KERNEL_QUARTIC; k <= BB_KDE_KERNEL_EPANECHNIKOV; k++)
    check_against_direct_on (k, 70, 231, cx, cy, G_N_ELEMENTS (cx), 2e-3);
}

/* A point on a cell centre gives that cell the kernel's peak. */
static void
test_kde_single_point_peak (void)
{
  BbGrid like = { .x0 = 0, .y0 = 0, .cell_size = 5, .n_cols = 100, .n_rows = 100 };
  BbKdeOptions options;
  const double x = 252.5, y = 252.5;
  g_autoptr(BbGrid) grid = NULL;
  g_autoptr(GError) error = NULL;

  bb_kde_options_init (&options);
  options.bandwidth = 100;
  options.like = &like;
  grid = bb_kde_grid_compute (&x, &y, NULL, 1, &options, &error);
  g_assert_no_error (error);
  /* 3/π per (0.1 km)² */
  g_assert_cmpfloat_with_epsilon (bb_grid_get (grid, 50, 50) / (3 / G_PI * 100), 1.0, 1e-3);
  g_assert_cmpfloat (bb_grid_get (grid, 50 + 20, 50), ==, 0);
  g_assert_cmpfloat (bb_grid_get (grid, 50 + 19, 50), >, 0);
}

static void
test_kde_errors (void)
{
  const double x[] = { 10, 10 }, y[] = { 20, 20 };
  BbKdeOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbGrid) grid = NULL;

  bb_kde_options_init (&options);
  grid = bb_kde_grid_compute (x, y, NULL, 2, &options, &error);
  g_assert_null (grid);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  /* Cells of 1 cm over a kilometre. */
  options.bandwidth = 1000;
  options.cell_size = 0.01;
  grid = bb_kde_grid_compute (x, y, NULL, 2, &options, &error);
  g_assert_null (grid);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kde/scipy-1d", test_kde_scipy_1d);
  g_test_add_func ("/kde/kernels-integrate-to-one", test_kde_kernels_integrate_to_one);
  g_test_add_func ("/kde/kernel-names", test_kde_kernel_names);
  g_test_add_func ("/kde/default-bandwidth", test_kde_default_bandwidth);
  g_test_add_func ("/kde/integrates-to-n", test_kde_integrates_to_n);
  g_test_add_func ("/kde/matches-direct-summation", test_kde_matches_direct_summation);
  g_test_add_func ("/kde/tall-grid-matches-direct-summation", test_kde_tall_grid_matches_direct_summation);
  g_test_add_func ("/kde/single-point-peak", test_kde_single_point_peak);
  g_test_add_func ("/kde/errors", test_kde_errors);

  return g_test_run ();
}
