/* bench-analysis.c: heat map and Gi* on a million incidents, beside NumPy + SciPy in the same run */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-analysis"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bb-gistar.h"
#include "bb-trend.h"
#include "bb-kde.h"
#include "bb-random.h"

static int n_points = 1000000;
static int grid_side = 1000;
static double cell_size = 10;
static double bandwidth = 50;
static double quartic_bandwidth = 0;
static double distance = 30;
static int reps = 5;
static gint64 seed = 1;
static gboolean no_peer = FALSE;
static gboolean no_emerging = FALSE;
static char *peer_python = NULL;
static char *peer_script = NULL;

static const GOptionEntry entries[] = {
  { "points", 0, 0, G_OPTION_ARG_INT, &n_points, "Incidents (1000000)", "N" },
  { "grid", 0, 0, G_OPTION_ARG_INT, &grid_side, "Cells per side (1000)", "N" },
  { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell_size, "Cell size in metres (10)", "M" },
  { "bandwidth", 0, 0, G_OPTION_ARG_DOUBLE, &bandwidth, "Gaussian bandwidth (sigma) in metres (50)", "M" },
  { "quartic-bandwidth", 0, 0, G_OPTION_ARG_DOUBLE, &quartic_bandwidth,
    "Quartic bandwidth in metres (default: the Gaussian's spread, sigma x sqrt 6)", "M" },
  { "distance", 0, 0, G_OPTION_ARG_DOUBLE, &distance, "Gi* distance band in metres (30)", "M" },
  { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "Repetitions; the best is kept (5)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the synthetic town (1)", "N" },
  { "no-peer", 0, 0, G_OPTION_ARG_NONE, &no_peer, "Do not run the NumPy + SciPy peer", NULL },
  { "no-emerging", 0, 0, G_OPTION_ARG_NONE, &no_emerging, "Do not time emerging hot spots", NULL },
  { "python", 0, 0, G_OPTION_ARG_FILENAME, &peer_python, "Python with NumPy and SciPy (/usr/bin/python3)", "PATH" },
  { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer_script, "The peer script (bench/peers/kde_scipy.py)", "PATH" },
  { NULL }
};

/* A town of hot streets: 70 % of incidents in 60 clusters of 30–400 m,
 * the rest spread evenly. */
static void
make_town (double *xs,
           double *ys,
           gsize   n,
           double  side)
{
  BbRandom rng;
  double cx[60], cy[60], sd[60];

  bb_random_init_stream (&rng, seed, "bench-analysis");
  for (guint k = 0; k < 60; k++)
    {
      cx[k] = bb_random_uniform (&rng, 0.1 * side, 0.9 * side);
      cy[k] = bb_random_uniform (&rng, 0.1 * side, 0.9 * side);
      sd[k] = bb_random_uniform (&rng, 30, 400);
    }
  for (gsize i = 0; i < n; i++)
    {
      if (bb_random_chance (&rng, 0.3))
        {
          xs[i] = bb_random_uniform (&rng, 0, side);
          ys[i] = bb_random_uniform (&rng, 0, side);
        }
      else
        {
          guint k = bb_random_int_range (&rng, 0, 60);

          xs[i] = bb_random_normal (&rng, cx[k], sd[k]);
          ys[i] = bb_random_normal (&rng, cy[k], sd[k]);
        }
    }
}

typedef BbGrid *(*BenchFunc) (gpointer data);

/* Processor time, not wall-clock time: the machine may be shared, and the
 * target is compute on one core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
best_ms (BenchFunc  func,
         gpointer   data,
         BbGrid   **keep)
{
  double best = INFINITY;

  for (int r = 0; r < reps; r++)
    {
      double t0 = cpu_ms ();
      BbGrid *out = func (data);

      best = MIN (best, cpu_ms () - t0);
      if (keep != NULL && *keep == NULL)
        *keep = out;
      else
        bb_grid_free (out);
    }
  return best;
}

typedef struct {
  const double *xs, *ys;
  gsize n;
  const BbGrid *like;
  const BbGrid *counts;
  BbKdeKernel kernel;
  double bandwidth;
} Work;

static BbGrid *
kde_cb (gpointer data)
{
  Work *w = data;
  BbKdeOptions options;
  g_autoptr(GError) error = NULL;
  BbGrid *out;

  bb_kde_options_init (&options);
  options.kernel = w->kernel;
  options.bandwidth = w->bandwidth;
  options.like = w->like;
  out = bb_kde_grid_compute (w->xs, w->ys, NULL, w->n, &options, &error);
  if (out == NULL)
    g_error ("%s", error->message);
  return out;
}

static BbGrid *
bin_cb (gpointer data)
{
  Work *w = data;
  BbGrid *out = bb_grid_new_like (w->like);

  bb_grid_add_points_linear (out, w->xs, w->ys, NULL, w->n);
  return out;
}

static BbGrid *
smooth_cb (gpointer data)
{
  Work *w = data;
  g_autoptr(GError) error = NULL;
  BbGrid *out = bb_kde_grid_smooth (w->counts, w->kernel, w->bandwidth, &error);

  if (out == NULL)
    g_error ("%s", error->message);
  return out;
}

static BbGrid *
gistar_cb (gpointer data)
{
  Work *w = data;
  g_autoptr(GError) error = NULL;
  BbGrid *out = bb_gistar_grid_compute (w->counts, distance, &error);

  if (out == NULL)
    g_error ("%s", error->message);
  return out;
}

static void
row (const char *operation,
     const char *workload,
     double      ours,
     double      peer,
     const char *target)
{
  char peer_text[32] = "-", ratio_text[32] = "-";

  if (peer > 0)
    {
      g_snprintf (peer_text, sizeof peer_text, "%.1f ms", peer);
      g_snprintf (ratio_text, sizeof ratio_text, "%.1fx", peer / ours);
    }
  printf ("| %-28s | %-44s | %8.1f ms | %9s | %7s | %-8s |\n",
          operation, workload, ours, peer_text, ratio_text, target);
}

static double
json_number (const char *json,
             const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": ", key);
  const char *at = strstr (json, needle);

  return at ? g_ascii_strtod (at + strlen (needle), NULL) : -1;
}

/* Largest difference relative to the peak, and largest relative
 * difference where the surface is at least a tenth of its peak. */
static void
compare (const BbGrid *ours,
         const float  *peer,
         double       *of_peak,
         double       *relative)
{
  gsize n = bb_grid_n_cells (ours);
  double peak = 0, worst = 0, worst_rel = 0;

  for (gsize i = 0; i < n; i++)
    peak = MAX (peak, fabs (peer[i]));
  for (gsize i = 0; i < n; i++)
    {
      double d = fabs (ours->values[i] - peer[i]);

      worst = MAX (worst, d);
      if (fabs (peer[i]) >= 0.1 * peak)
        worst_rel = MAX (worst_rel, d / fabs (peer[i]));
    }
  *of_peak = worst / peak;
  *relative = worst_rel;
}

static float *
read_floats (const char *path,
             gsize       n)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  if (length != n * sizeof (float))
    g_error ("%s: %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT, path, length, n * sizeof (float));
  return (float *) contents;
}

#define N_SLICES 12

/* The points cut into twelve slices by their order (the town's pattern in
 * every slice), counted on @like. */
static BbGrid **
make_slices (const double *xs,
             const double *ys,
             gsize         n,
             const BbGrid *like)
{
  BbGrid **slices = g_new0 (BbGrid *, N_SLICES);

  for (guint s = 0; s < N_SLICES; s++)
    {
      gsize from = n * s / N_SLICES, to = n * (s + 1) / N_SLICES;

      slices[s] = bb_grid_new_like (like);
      bb_grid_add_points (slices[s], xs + from, ys + from, NULL, to - from);
    }
  return slices;
}

typedef struct {
  BbGrid    **slices;
  float     **z;         /* each slice's Gi* */
  gsize       n_cells;
  float      *mk_z;      /* out */
  BbEmerging *emerging;  /* out, kept from the first run */
} EmergingWork;

static BbGrid *
emerging_cb (gpointer data)
{
  EmergingWork *w = data;
  g_autoptr(GError) error = NULL;
  BbEmerging *e = bb_trend_emerging_compute ((const BbGrid * const *) w->slices, N_SLICES, distance, 0,
                                             BB_GISTAR_CORRECTION_NONE, NULL, &error);

  if (e == NULL)
    g_error ("%s", error->message);
  if (w->emerging == NULL)
    w->emerging = e;
  else
    bb_emerging_free (e);
  return bb_grid_new (0, 0, 1, 1, 1);
}

static BbGrid *
mann_kendall_cb (gpointer data)
{
  EmergingWork *w = data;
  double series[N_SLICES];
  BbMannKendall mk;

  for (gsize c = 0; c < w->n_cells; c++)
    {
      for (guint s = 0; s < N_SLICES; s++)
        series[s] = w->z[s][c];
      bb_trend_mann_kendall (series, N_SLICES, &mk);
      w->mk_z[c] = mk.z;
    }
  return bb_grid_new (0, 0, 1, 1, 1);
}

/* The table's rows of emerging hot spots, printed with the others. */
static char *emerging_rows;

/* Emerging hot spots over twelve slices of the points, and the
 * Mann–Kendall test alone, beside NumPy + SciPy doing the same. */
static void
bench_emerging (const double *xs,
                const double *ys,
                const BbGrid *like)
{
  EmergingWork w = { 0 };
  double t_emerging, t_mk, peer_emerging = -1, peer_mk = -1;
  g_autofree char *workload = NULL;
  g_autofree char *mk_workload = NULL;
  int saved_reps = reps;

  w.slices = make_slices (xs, ys, n_points, like);
  w.n_cells = bb_grid_n_cells (like);
  w.z = g_new0 (float *, N_SLICES);
  for (guint s = 0; s < N_SLICES; s++)
    {
      g_autoptr(GError) error = NULL;
      BbGrid *z = bb_gistar_grid_compute (w.slices[s], distance, &error);

      g_assert_no_error (error);
      w.z[s] = g_steal_pointer (&z->values);
      bb_grid_free (z);
    }
  w.mk_z = g_new (float, w.n_cells);
  reps = MIN (reps, 3);
  t_emerging = best_ms (emerging_cb, &w, NULL);
  t_mk = best_ms (mann_kendall_cb, &w, NULL);
  reps = saved_reps;

  if (!no_peer)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("bench-emerging-XXXXXX", &error);
      g_autofree char *counts_path = g_build_filename (dir, "counts.f32", NULL);
      g_autofree char *mk_path = g_build_filename (dir, "mk.f32", NULL);
      g_autofree char *patterns_path = g_build_filename (dir, "patterns.u8", NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *script = g_build_filename (BENCH_PEER_DIR, "emerging_numpy.py", NULL);
      g_autofree char *a_counts = g_strdup_printf ("--counts=%s", counts_path);
      g_autofree char *a_slices = g_strdup_printf ("--slices=%d", N_SLICES);
      g_autofree char *a_cols = g_strdup_printf ("--cols=%u", like->n_cols);
      g_autofree char *a_rows = g_strdup_printf ("--rows=%u", like->n_rows);
      g_autofree char *a_cell = g_strdup_printf ("--cell=%.17g", cell_size);
      g_autofree char *a_distance = g_strdup_printf ("--distance=%.17g", distance);
      g_autofree char *a_mk = g_strdup_printf ("--mk-out=%s", mk_path);
      g_autofree char *a_patterns = g_strdup_printf ("--patterns-out=%s", patterns_path);
      const char *argv[] = { peer_python ? peer_python : "/usr/bin/python3", script, a_counts, a_slices, a_cols,
                             a_rows, a_cell, a_distance, a_mk, a_patterns, "--reps=3", NULL };
      FILE *f = fopen (counts_path, "wb");
      int status;

      for (guint s = 0; f != NULL && s < N_SLICES; s++)
        if (fwrite (w.slices[s]->values, sizeof (float), w.n_cells, f) != w.n_cells)
          g_error ("cannot write %s", counts_path);
      if (f == NULL || fclose (f) != 0)
        g_error ("cannot write %s", counts_path);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
        g_error ("%s", error->message);
      if (!g_spawn_check_wait_status (status, NULL))
        g_printerr ("The NumPy emerging peer failed:\n%s\n", err);
      else
        {
          g_autofree float *peer_z = read_floats (mk_path, w.n_cells);
          g_autofree char *peer_patterns = NULL;
          gsize length = 0;
          double worst = 0;
          gsize differ = 0;

          if (!g_file_get_contents (patterns_path, &peer_patterns, &length, &error) || length != w.n_cells)
            g_error ("%s: cannot read the peer's patterns", patterns_path);
          for (gsize c = 0; c < w.n_cells; c++)
            {
              worst = MAX (worst, fabs (w.mk_z[c] - peer_z[c]));
              differ += (guint8) peer_patterns[c] != w.emerging->pattern[c];
            }
          peer_emerging = json_number (out, "emerging_ms");
          peer_mk = json_number (out, "mk_ms");
          printf ("Emerging peer: %s", out);
          printf ("Mann–Kendall Z: largest difference from the peer %.2g; patterns differ in %" G_GSIZE_FORMAT
                  " of %" G_GSIZE_FORMAT " cells\n", worst, differ, w.n_cells);
        }
      g_unlink (counts_path);
      g_unlink (mk_path);
      g_unlink (patterns_path);
      g_rmdir (dir);
    }

  workload = g_strdup_printf ("%d pts in %d slices, %ux%u cells, band %g m", n_points, N_SLICES, like->n_cols,
                              like->n_rows, distance);
  mk_workload = g_strdup_printf ("%" G_GSIZE_FORMAT " cells x %d slices", w.n_cells, N_SLICES);
  {
    g_autofree char *peer_e = peer_emerging > 0 ? g_strdup_printf ("%.1f ms", peer_emerging) : g_strdup ("-");
    g_autofree char *ratio_e = peer_emerging > 0 ? g_strdup_printf ("%.1fx", peer_emerging / t_emerging) : g_strdup ("-");
    g_autofree char *peer_m = peer_mk > 0 ? g_strdup_printf ("%.1f ms", peer_mk) : g_strdup ("-");
    g_autofree char *ratio_m = peer_mk > 0 ? g_strdup_printf ("%.1fx", peer_mk / t_mk) : g_strdup ("-");

    emerging_rows = g_strdup_printf ("| %-28s | %-44s | %8.1f ms | %9s | %7s | %-8s |\n"
                                     "| %-28s | %-44s | %8.1f ms | %9s | %7s | %-8s |\n",
                                     "Emerging hot spots", workload, t_emerging, peer_e, ratio_e, "",
                                     "  Mann-Kendall per cell only", mk_workload, t_mk, peer_m, ratio_m, "");
  }

  for (guint s = 0; s < N_SLICES; s++)
    {
      bb_grid_free (w.slices[s]);
      g_free (w.z[s]);
    }
  g_free (w.slices);
  g_free (w.z);
  g_free (w.mk_z);
  bb_emerging_free (w.emerging);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time Beatbook's heat map and Gi* beside NumPy + SciPy");
  g_autoptr(GError) error = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autoptr(BbGrid) like = NULL;
  g_autoptr(BbGrid) counts = NULL;
  g_autoptr(BbGrid) simple_counts = NULL;
  g_autoptr(BbGrid) gauss = NULL;
  g_autoptr(BbGrid) gauss_simple = NULL;
  g_autoptr(BbGrid) quartic = NULL;
  g_autoptr(BbGrid) z = NULL;
  g_autofree char *workload = NULL;
  g_autofree char *smooth_workload = NULL;
  g_autofree char *quartic_workload = NULL;
  g_autofree char *gistar_workload = NULL;
  double t_kde, t_bin, t_smooth, t_quartic, t_gistar, peer_kde = -1, peer_kde_bincount = -1, peer_smooth = -1, peer_gistar = -1;
  Work w = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_points < 1 || grid_side < 8 || reps < 1 || !(cell_size > 0) || !(bandwidth > 0))
    {
      g_printerr ("bench-analysis: bad option\n");
      return 2;
    }
  if (quartic_bandwidth <= 0)
    quartic_bandwidth = bandwidth * sqrt (6);

  xs = g_new (double, n_points);
  ys = g_new (double, n_points);
  make_town (xs, ys, n_points, grid_side * cell_size);
  like = bb_grid_new (0, 0, cell_size, grid_side, grid_side);

  w.xs = xs;
  w.ys = ys;
  w.n = n_points;
  w.like = like;

  counts = bin_cb (&w);
  simple_counts = bb_grid_new_like (like);
  bb_grid_add_points (simple_counts, xs, ys, NULL, n_points);
  w.counts = counts;

  w.kernel = BB_KDE_KERNEL_GAUSSIAN;
  w.bandwidth = bandwidth;
  t_kde = best_ms (kde_cb, &w, &gauss);
  t_bin = best_ms (bin_cb, &w, NULL);
  t_smooth = best_ms (smooth_cb, &w, NULL);
  w.kernel = BB_KDE_KERNEL_QUARTIC;
  w.bandwidth = quartic_bandwidth;
  t_quartic = best_ms (kde_cb, &w, &quartic);
  /* Gi* of the plain counts, as the peer. */
  w.counts = simple_counts;
  t_gistar = best_ms (gistar_cb, &w, &z);
  {
    g_autoptr(GError) e = NULL;

    gauss_simple = bb_kde_grid_smooth (simple_counts, BB_KDE_KERNEL_GAUSSIAN, bandwidth, &e);
    g_assert_no_error (e);
  }

  if (!no_peer)
    {
      g_autofree char *dir = g_dir_make_tmp ("bench-analysis-XXXXXX", &error);
      g_autofree char *points_path = NULL;
      g_autofree char *kde_path = NULL;
      g_autofree char *z_path = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      FILE *f;
      int status;

      if (dir == NULL)
        g_error ("%s", error->message);
      points_path = g_build_filename (dir, "points.f64", NULL);
      kde_path = g_build_filename (dir, "kde.f32", NULL);
      z_path = g_build_filename (dir, "gistar.f32", NULL);
      f = fopen (points_path, "wb");
      if (f == NULL || fwrite (xs, sizeof (double), n_points, f) != (size_t) n_points
          || fwrite (ys, sizeof (double), n_points, f) != (size_t) n_points || fclose (f) != 0)
        g_error ("cannot write %s", points_path);

      g_ptr_array_add (args, g_strdup (peer_python ? peer_python : "/usr/bin/python3"));
      g_ptr_array_add (args, g_strdup (peer_script ? peer_script : BENCH_PEER_DIR "/kde_scipy.py"));
      g_ptr_array_add (args, g_strdup_printf ("--points=%s", points_path));
      g_ptr_array_add (args, g_strdup_printf ("--n=%d", n_points));
      g_ptr_array_add (args, g_strdup ("--x0=0"));
      g_ptr_array_add (args, g_strdup ("--y0=0"));
      g_ptr_array_add (args, g_strdup_printf ("--cell=%.17g", cell_size));
      g_ptr_array_add (args, g_strdup_printf ("--cols=%d", grid_side));
      g_ptr_array_add (args, g_strdup_printf ("--rows=%d", grid_side));
      g_ptr_array_add (args, g_strdup_printf ("--bandwidth=%.17g", bandwidth));
      g_ptr_array_add (args, g_strdup_printf ("--distance=%.17g", distance));
      g_ptr_array_add (args, g_strdup_printf ("--kde-out=%s", kde_path));
      g_ptr_array_add (args, g_strdup_printf ("--gistar-out=%s", z_path));
      g_ptr_array_add (args, g_strdup_printf ("--reps=%d", reps));
      g_ptr_array_add (args, NULL);

      if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error))
        g_error ("%s", error->message);
      if (!g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("The NumPy + SciPy peer failed (install python3-numpy and python3-scipy, "
                      "or pass --no-peer):\n%s\n", err);
        }
      else
        {
          g_autofree float *peer_surface = read_floats (kde_path, bb_grid_n_cells (like));
          g_autofree float *peer_z = read_floats (z_path, bb_grid_n_cells (like));
          double of_peak, relative;

          peer_kde = json_number (out, "kde_ms");
          peer_gistar = json_number (out, "gistar_ms");
          peer_smooth = json_number (out, "smooth_ms");
          peer_kde_bincount = json_number (out, "kde_bincount_ms");
          printf ("Peer: %s", out);

          compare (gauss_simple, peer_surface, &of_peak, &relative);
          printf ("Gaussian surface, same binning as the peer: largest difference %.2g of the peak, "
                  "%.2g relative where above a tenth of it\n", of_peak, relative);
          compare (gauss, peer_surface, &of_peak, &relative);
          printf ("Gaussian surface, Beatbook's linear binning:  largest difference %.2g of the peak, "
                  "%.2g relative where above a tenth of it (%s)\n", of_peak, relative,
                  of_peak <= 0.01 ? "within 1 %" : "NOT within 1 %");
          compare (z, peer_z, &of_peak, &relative);
          printf ("Gi* z-scores: largest difference %.2g of the largest |z| (%.1f)\n", of_peak,
                  MAX (bb_grid_max (z), 0.0));
        }
      g_unlink (points_path);
      g_unlink (kde_path);
      g_unlink (z_path);
      g_rmdir (dir);
    }

  if (!no_emerging)
    bench_emerging (xs, ys, like);
  workload = g_strdup_printf ("%d pts, %dx%d x %g m, sigma %g m", n_points, grid_side, grid_side, cell_size, bandwidth);
  smooth_workload = g_strdup_printf ("%dx%d cells, sigma %g cells", grid_side, grid_side, bandwidth / cell_size);
  quartic_workload = g_strdup_printf ("%d pts, %dx%d x %g m, h %.0f m", n_points, grid_side, grid_side, cell_size, quartic_bandwidth);
  gistar_workload = g_strdup_printf ("%dx%d cells, band %g m (%g cells)", grid_side, grid_side, distance, distance / cell_size);

  printf ("\n| %-28s | %-44s | %11s | %9s | %7s | %-8s |\n",
          "operation", "workload", "ours", "peer", "ratio", "target");
  printf ("|------------------------------|----------------------------------------------|-------------|-----------|---------|----------|\n");
  row ("KDE Gaussian (bin + smooth)", workload, t_kde, peer_kde, "<= 20 ms");
  row ("  peer binning by bincount", workload, t_kde, peer_kde_bincount, "");
  row ("  binning only (linear)", workload, t_bin, -1, "");
  row ("  smoothing only", smooth_workload, t_smooth, peer_smooth, "");
  row ("KDE quartic (bin + smooth)", quartic_workload, t_quartic, -1, "");
  row ("Gi* z-scores", gistar_workload, t_gistar, peer_gistar, "<= 20 ms");
  if (emerging_rows != NULL)
    fputs (emerging_rows, stdout);
  printf ("\nProcessor time, best of %d runs each, one thread.  Peer: numpy.histogram2d + "
          "scipy.ndimage.gaussian_filter (zero outside, cut at 4 sigma), "
          "or numpy.bincount on cell indices for the binning; "
          "Gi*: scipy.ndimage.correlate with the same disc.\n"
          "The quartic row uses the bandwidth with the Gaussian's spread "
          "(sigma x sqrt 6); the peer has no quartic filter.\n"
          "Emerging hot spots: Gi* of each of 12 slices, the Mann-Kendall test of every cell's Gi* z over "
          "them and the patterns, best of 3; peer: the same in NumPy + SciPy, vectorised over the cells "
          "(bench/peers/emerging_numpy.py).\n", reps);
  return 0;
}
