/* test-gistar.c: Getis-Ord Gi, Gi* and General G against PySAL's published values */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-gistar"

#include "config.h"

#include <math.h>

#include "bb-gistar.h"

/* PySAL esda's test of G_Local and G (esda/tests/test_getisord.py):
 * six points, binary distance band of 15. */
static const double pysal_x[] = { 10, 20, 40, 15, 30, 30 };
static const double pysal_y[] = { 10, 10, 10, 20, 20, 30 };
static const double pysal_v[] = { 2, 3, 3.2, 5, 8, 7 };

static void
test_gistar_neighbours_distance_band (void)
{
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (pysal_x, pysal_y, 6, 15);
  /* (15,20)–(30,20) are exactly 15 apart and count. */
  const guint expected[][5] = {
    { 1, 3, G_MAXUINT },
    { 0, 3, 4, G_MAXUINT },
    { 4, G_MAXUINT },
    { 0, 1, 4, G_MAXUINT },
    { 1, 2, 3, 5, G_MAXUINT },
    { 4, G_MAXUINT },
  };

  g_assert_cmpuint (nb->n, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      guint k = 0;

      while (expected[i][k] != G_MAXUINT)
        k++;
      g_assert_cmpuint (bb_neighbours_count (nb, i), ==, k);
      for (guint j = 0; j < k; j++)
        g_assert_cmpuint (nb->indices[nb->offsets[i] + j], ==, expected[i][j]);
    }
}

static void
test_gistar_neighbours_from_pairs (void)
{
  /* Duplicates, both directions and a self pair. */
  const guint pairs[] = { 0, 2, 2, 0, 1, 2, 3, 3, 2, 1 };
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_from_pairs (4, pairs, 5);

  g_assert_cmpuint (bb_neighbours_count (nb, 0), ==, 1);
  g_assert_cmpuint (nb->indices[nb->offsets[0]], ==, 2);
  g_assert_cmpuint (bb_neighbours_count (nb, 1), ==, 1);
  g_assert_cmpuint (bb_neighbours_count (nb, 2), ==, 2);
  g_assert_cmpuint (nb->indices[nb->offsets[2]], ==, 0);
  g_assert_cmpuint (nb->indices[nb->offsets[2] + 1], ==, 1);
  g_assert_cmpuint (bb_neighbours_count (nb, 3), ==, 0);
}

static void
test_gistar_pysal_gi_star (void)
{
  const double expected[] = { -1.39727626, -0.28917762, 0.65064964,
                              -0.28917762, 1.23452088, 2.02424331 };
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (pysal_x, pysal_y, 6, 15);
  g_autoptr(BbGistarResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = bb_gistar_compute (pysal_v, 6, nb, TRUE, BB_GISTAR_CORRECTION_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpfloat_with_epsilon (r->z[i], expected[i], 1e-6);
      g_assert_cmpfloat_with_epsilon (r->p[i], erfc (fabs (expected[i]) / sqrt (2)), 1e-6);
    }
  /* Only the last point passes 95 % (z = 2.02): a hot spot at level 2. */
  g_assert_cmpint (r->bin[5], ==, 2);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (r->bin[i], ==, 0);
}

static void
test_gistar_pysal_gi (void)
{
  const double expected[] = { -1.01367290, -0.04361589, 1.31558703,
                              -0.31412676, 1.15373986, 1.77833941 };
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (pysal_x, pysal_y, 6, 15);
  g_autoptr(BbGistarResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = bb_gistar_compute (pysal_v, 6, nb, FALSE, BB_GISTAR_CORRECTION_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (r->z[i], expected[i], 1e-6);
  /* z = 1.778 passes 90 % only. */
  g_assert_cmpint (r->bin[5], ==, 1);
}

static void
test_gistar_pysal_general_g (void)
{
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (pysal_x, pysal_y, 6, 15);
  g_autoptr(GError) error = NULL;
  BbGeneralG g;

  g_assert_true (bb_general_g_compute (pysal_v, 6, nb, &g, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (g.g, 0.55709779, 1e-6);
  g_assert_cmpfloat_with_epsilon (g.expected, 0.46666667, 1e-6);
  g_assert_cmpfloat_with_epsilon (g.z, 0.942628, 1e-6);
  g_assert_cmpfloat_with_epsilon (g.p, erfc (0.942628 / sqrt (2)), 1e-6);
}

/* Worked by hand: ten units, four with notable z.
 *   z   3.0     2.2     2.0     1.7
 *   p   0.0027  0.0278  0.0455  0.0891
 * Benjamini–Hochberg with m = 10 keeps only p(1) = 0.0027 at α = 0.10
 * (next: 0.0278 > 2/10·0.10) and at 0.05 (0.0027 ≤ 0.005), none at 0.01
 * (0.0027 > 0.001): the first unit is a 95 % hot spot, the rest nothing. */
static void
test_gistar_classify_fdr (void)
{
  const double z[] = { 3.0, 2.2, -2.0, 1.7, 0.5, -0.3, 0.1, 0, 0.9, -1.2 };
  gint8 bin[10];
  double p[10];

  bb_gistar_classify (z, 10, BB_GISTAR_CORRECTION_NONE, p, bin);
  g_assert_cmpint (bin[0], ==, 3);
  g_assert_cmpint (bin[1], ==, 2);
  g_assert_cmpint (bin[2], ==, -2);
  g_assert_cmpint (bin[3], ==, 1);
  for (guint i = 4; i < 10; i++)
    g_assert_cmpint (bin[i], ==, 0);
  g_assert_cmpfloat_with_epsilon (p[0], 0.0026998, 1e-6);

  bb_gistar_classify (z, 10, BB_GISTAR_CORRECTION_FDR, NULL, bin);
  g_assert_cmpint (bin[0], ==, 2);
  for (guint i = 1; i < 10; i++)
    g_assert_cmpint (bin[i], ==, 0);
}

/* A grid's Gi* is the points' Gi* with the cell centres as points. */
static void
check_grid_matches_points (guint cols,
                           guint rows)
{
  g_autoptr(BbGrid) grid = bb_grid_new (100, 200, 10, cols, rows);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize n = bb_grid_n_cells (grid);
  g_autofree double *xs = g_new (double, n);
  g_autofree double *ys = g_new (double, n);
  g_autofree double *v = g_new (double, n);
  const double distances[] = { 10, 25, 30, 44.8 };

  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      {
        gsize i = (gsize) r * grid->n_cols + c;

        bb_grid_cell_centre (grid, c, r, &xs[i], &ys[i]);
        /* A hot corner over a sparse background. */
        v[i] = g_rand_int_range (rand, 0, 3)
               + (c > cols - 5 && r > rows - 5 ? g_rand_int_range (rand, 3, 9) : 0);
        grid->values[i] = v[i];
      }

  for (guint d = 0; d < G_N_ELEMENTS (distances); d++)
    {
      g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (xs, ys, n, distances[d]);
      g_autoptr(BbGistarResult) points = NULL;
      g_autoptr(BbGrid) z = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree gint8 *bins = g_new (gint8, n);

      points = bb_gistar_compute (v, n, nb, TRUE, BB_GISTAR_CORRECTION_NONE, &error);
      g_assert_no_error (error);
      z = bb_gistar_grid_compute (grid, distances[d], &error);
      g_assert_no_error (error);
      g_assert_true (bb_grid_same_geometry (z, grid));

      for (gsize i = 0; i < n; i++)
        g_assert_cmpfloat_with_epsilon (z->values[i], points->z[i], 1e-5);

      bb_gistar_grid_classify (z, BB_GISTAR_CORRECTION_NONE, bins);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpint (bins[i], ==, points->bin[i]);
    }
}

static void
test_gistar_grid_matches_points (void)
{
  check_grid_matches_points (13, 11);
  /* Wide enough that most cells take the path for discs wholly inside. */
  check_grid_matches_points (47, 29);
}

/* A planted cluster on an empty town is a 99 % hot spot, with the false
 * discovery rate controlled too; the far corner is nothing. */
static void
test_gistar_grid_planted_cluster (void)
{
  g_autoptr(BbGrid) grid = bb_grid_new (0, 0, 50, 200, 200);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(BbGrid) z = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = bb_grid_n_cells (grid);
  g_autofree gint8 *bins = g_new (gint8, n);

  for (guint i = 0; i < 20000; i++)
    {
      double x = g_rand_double_range (rand, 0, 10000);
      double y = g_rand_double_range (rand, 0, 10000);

      bb_grid_add_points (grid, &x, &y, NULL, 1);
    }
  for (guint i = 0; i < 400; i++)
    {
      double x = g_rand_double_range (rand, 4900, 5100);
      double y = g_rand_double_range (rand, 4900, 5100);

      bb_grid_add_points (grid, &x, &y, NULL, 1);
    }

  z = bb_gistar_grid_compute (grid, 150, &error);
  g_assert_no_error (error);
  bb_gistar_grid_classify (z, BB_GISTAR_CORRECTION_FDR, bins);
  g_assert_cmpfloat (bb_grid_get (z, 100, 100), >, 10);
  g_assert_cmpint (bins[100 * 200 + 100], ==, 3);
  g_assert_cmpint (bins[10 * 200 + 10], ==, 0);
}

static void
test_gistar_errors (void)
{
  g_autoptr(BbNeighbours) nb = bb_neighbours_new_distance_band (pysal_x, pysal_y, 2, 15);
  g_autoptr(BbGrid) grid = bb_grid_new (0, 0, 10, 5, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbGistarResult) r = NULL;
  g_autoptr(BbGrid) z = NULL;
  const double negative[] = { 1, 2, -3, 4, 5, 6 };
  g_autoptr(BbNeighbours) nb6 = bb_neighbours_new_distance_band (pysal_x, pysal_y, 6, 15);
  BbGeneralG g;

  r = bb_gistar_compute (pysal_v, 2, nb, TRUE, BB_GISTAR_CORRECTION_NONE, &error);
  g_assert_null (r);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bb_general_g_compute (negative, 6, nb6, &g, &error));
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  z = bb_gistar_grid_compute (grid, -1, &error);
  g_assert_null (z);
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  /* A grid with no variation has no hot spots. */
  z = bb_gistar_grid_compute (grid, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bb_grid_max (z), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gistar/neighbours/distance-band", test_gistar_neighbours_distance_band);
  g_test_add_func ("/gistar/neighbours/from-pairs", test_gistar_neighbours_from_pairs);
  g_test_add_func ("/gistar/pysal/gi-star", test_gistar_pysal_gi_star);
  g_test_add_func ("/gistar/pysal/gi", test_gistar_pysal_gi);
  g_test_add_func ("/gistar/pysal/general-g", test_gistar_pysal_general_g);
  g_test_add_func ("/gistar/classify-fdr", test_gistar_classify_fdr);
  g_test_add_func ("/gistar/grid/matches-points", test_gistar_grid_matches_points);
  g_test_add_func ("/gistar/grid/planted-cluster", test_gistar_grid_planted_cluster);
  g_test_add_func ("/gistar/errors", test_gistar_errors);

  return g_test_run ();
}
