/* bb-kde.c: kernel density heat maps on a grid in metres, in incidents per km² */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-kde"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-kde.h"

/* A stencil wider than this many taps would take seconds on a town-sized
 * grid: the user is asked for larger cells instead. */
#define MAX_TAPS 40000

/* Outputs are computed in blocks of up to 64 floats whose sums stay in
 * registers while the taps stream past.  GCC's vector extension keeps this
 * portable (SSE on any x86-64, NEON on ARM); on x86-64 processors with
 * AVX2 and FMA a second copy of the loop runs on 8-float registers. */
#define BLOCK 64

typedef struct {
  gssize offset;  /* in floats, from the output cell to the input cell */
  float  weight;
} Tap;

static const char * const kernel_names[] = { "quartic", "gaussian", "epanechnikov" };

const char *
bb_kde_kernel_to_string (BbKdeKernel kernel)
{
  g_return_val_if_fail (kernel <= BB_KDE_KERNEL_EPANECHNIKOV, NULL);
  return kernel_names[kernel];
}

gboolean
bb_kde_kernel_from_string (const char  *name,
                           BbKdeKernel *kernel)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kernel_names); i++)
    if (g_ascii_strcasecmp (name, kernel_names[i]) == 0)
      {
        *kernel = i;
        return TRUE;
      }
  return FALSE;
}

double
bb_kde_kernel_1d (BbKdeKernel kernel,
                  double      u)
{
  double u2 = u * u;

  switch (kernel)
    {
    case BB_KDE_KERNEL_QUARTIC:
      return u2 < 1 ? 15.0 / 16.0 * (1 - u2) * (1 - u2) : 0;
    case BB_KDE_KERNEL_GAUSSIAN:
      return exp (-0.5 * u2) / sqrt (2 * G_PI);
    case BB_KDE_KERNEL_EPANECHNIKOV:
      return u2 < 1 ? 0.75 * (1 - u2) : 0;
    default:
      g_return_val_if_reached (0);
    }
}

double
bb_kde_kernel_2d (BbKdeKernel kernel,
                  double      r2)
{
  switch (kernel)
    {
    case BB_KDE_KERNEL_QUARTIC:
      return r2 < 1 ? 3.0 / G_PI * (1 - r2) * (1 - r2) : 0;
    case BB_KDE_KERNEL_GAUSSIAN:
      return exp (-0.5 * r2) / (2 * G_PI);
    case BB_KDE_KERNEL_EPANECHNIKOV:
      return r2 < 1 ? 2.0 / G_PI * (1 - r2) : 0;
    default:
      g_return_val_if_reached (0);
    }
}

double
bb_kde_kernel_support (BbKdeKernel kernel)
{
  return kernel == BB_KDE_KERNEL_GAUSSIAN ? 4.0 : 1.0;
}

void
bb_kde_evaluate_1d (BbKdeKernel   kernel,
                    const double *data,
                    gsize         n,
                    double        bandwidth,
                    const double *at,
                    gsize         n_at,
                    double       *out)
{
  g_return_if_fail (bandwidth > 0);
  g_return_if_fail (n > 0);

  for (gsize j = 0; j < n_at; j++)
    {
      double sum = 0;

      for (gsize i = 0; i < n; i++)
        sum += bb_kde_kernel_1d (kernel, (at[j] - data[i]) / bandwidth);
      out[j] = sum / (n * bandwidth);
    }
}

double
bb_kde_scott_bandwidth_1d (const double *data,
                           gsize         n)
{
  double mean = 0, ss = 0;

  g_return_val_if_fail (n > 1, 0);

  for (gsize i = 0; i < n; i++)
    mean += data[i];
  mean /= n;
  for (gsize i = 0; i < n; i++)
    ss += (data[i] - mean) * (data[i] - mean);
  return sqrt (ss / (n - 1)) * pow (n, -0.2);
}

/* The k-th smallest of @v (reordered), in linear expected time. */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return v[k];
    }
  return v[k];
}

static double
median (double *v,
        gsize   n)
{
  double upper = select_kth (v, n, n / 2);
  double lower;

  if (n % 2 == 1)
    return upper;
  /* The lower middle is the largest of the lower half. */
  lower = v[0];
  for (gsize i = 1; i < n / 2; i++)
    lower = MAX (lower, v[i]);
  return (lower + upper) / 2;
}

double
bb_kde_default_bandwidth (const double *xs,
                          const double *ys,
                          gsize         n)
{
  g_autofree double *dist = NULL;
  double mx = 0, my = 0, ss = 0, sd, dm;

  g_return_val_if_fail (xs != NULL && ys != NULL, 0);

  if (n < 2)
    return 0;

  for (gsize i = 0; i < n; i++)
    {
      mx += xs[i];
      my += ys[i];
    }
  mx /= n;
  my /= n;

  dist = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double dx = xs[i] - mx, dy = ys[i] - my;

      ss += dx * dx + dy * dy;
      dist[i] = sqrt (dx * dx + dy * dy);
    }
  sd = sqrt (ss / n);
  dm = median (dist, n);

  return 0.9 * MIN (sd, sqrt (1 / G_LN2) * dm) * pow ((double) n, -0.2);
}

double
bb_kde_default_cell_size (double width,
                          double height)
{
  double side = MIN (width, height);

  if (!(side > 0))
    side = MAX (width, height);
  return side > 0 ? side / 250.0 : 0;
}

void
bb_kde_options_init (BbKdeOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->kernel = BB_KDE_KERNEL_QUARTIC;
}

/* dst[y][x] = Σ taps weight · src[y][x + offset] for @n_rows rows of
 * @width (a multiple of BLOCK) cells, of which the first @dst_width are
 * stored.  The sources are padded with zeros so that every offset stays
 * inside.  The grid is walked in strips of STRIP
 * columns so that the rows a stencil spans stay in the first-level cache
 * on their way down.  Loads and stores go through memcpy, which compiles
 * to unaligned vector moves. */
#define STRIP 128

#define APPLY_TAPS_BODY(V, LANES)                                            \
  for (guint strip = 0; strip < width; strip += STRIP)                        \
    for (guint y = 0; y < n_rows; y++)                                        \
      {                                                                       \
        const float *s = src + (gsize) y * src_stride;                        \
        float *d = dst + (gsize) y * dst_stride;                              \
        guint end = MIN (strip + STRIP, width);                               \
                                                                              \
        for (guint x = strip; x < end; x += 8 * LANES)                        \
          {                                                                   \
            V a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };                 \
            V a4 = { 0 }, a5 = { 0 }, a6 = { 0 }, a7 = { 0 };                 \
                                                                              \
            for (guint t = 0; t < n_taps; t++)                                \
              {                                                               \
                const float *p = s + x + taps[t].offset;                      \
                V w = taps[t].weight - (V) { 0 };                             \
                V v0, v1, v2, v3, v4, v5, v6, v7;                             \
                                                                              \
                memcpy (&v0, p, sizeof (V));                                  \
                memcpy (&v1, p + LANES, sizeof (V));                          \
                memcpy (&v2, p + 2 * LANES, sizeof (V));                      \
                memcpy (&v3, p + 3 * LANES, sizeof (V));                      \
                memcpy (&v4, p + 4 * LANES, sizeof (V));                      \
                memcpy (&v5, p + 5 * LANES, sizeof (V));                      \
                memcpy (&v6, p + 6 * LANES, sizeof (V));                      \
                memcpy (&v7, p + 7 * LANES, sizeof (V));                      \
                a0 += w * v0;                                                 \
                a1 += w * v1;                                                 \
                a2 += w * v2;                                                 \
                a3 += w * v3;                                                 \
                a4 += w * v4;                                                 \
                a5 += w * v5;                                                 \
                a6 += w * v6;                                                 \
                a7 += w * v7;                                                 \
              }                                                               \
            if (x + 8 * LANES <= dst_width)                                   \
              {                                                               \
                memcpy (d + x, &a0, sizeof (V));                              \
                memcpy (d + x + LANES, &a1, sizeof (V));                      \
                memcpy (d + x + 2 * LANES, &a2, sizeof (V));                  \
                memcpy (d + x + 3 * LANES, &a3, sizeof (V));                  \
                memcpy (d + x + 4 * LANES, &a4, sizeof (V));                  \
                memcpy (d + x + 5 * LANES, &a5, sizeof (V));                  \
                memcpy (d + x + 6 * LANES, &a6, sizeof (V));                  \
                memcpy (d + x + 7 * LANES, &a7, sizeof (V));                  \
              }                                                               \
            else if (x < dst_width)                                           \
              {                                                               \
                V tail[8] = { a0, a1, a2, a3, a4, a5, a6, a7 };               \
                                                                              \
                memcpy (d + x, tail, (dst_width - x) * sizeof (float));       \
              }                                                               \
          }                                                                   \
      }

typedef float BbV4 __attribute__ ((vector_size (16)));

static void
apply_taps_generic (const float *src,
                    gsize        src_stride,
                    float       *dst,
                    gsize        dst_stride,
                    guint        n_rows,
                    guint        width,
                    guint        dst_width,
                    const Tap   *taps,
                    guint        n_taps)
{
  APPLY_TAPS_BODY (BbV4, 4)
}

#if defined(__GNUC__) && defined(__x86_64__)
#define HAVE_AVX2_PATH 1

typedef float BbV8 __attribute__ ((vector_size (32)));

__attribute__ ((target ("avx2,fma")))
static void
apply_taps_avx2 (const float *src,
                 gsize        src_stride,
                 float       *dst,
                 gsize        dst_stride,
                 guint        n_rows,
                 guint        width,
                 guint        dst_width,
                 const Tap   *taps,
                 guint        n_taps)
{
  APPLY_TAPS_BODY (BbV8, 8)
}
#endif

static void
apply_taps (const float *src,
            gsize        src_stride,
            float       *dst,
            gsize        dst_stride,
            guint        n_rows,
            guint        width,
            guint        dst_width,
            const Tap   *taps,
            guint        n_taps)
{
#ifdef HAVE_AVX2_PATH
  static gsize have_avx2 = 0;   /* 1: no, 2: yes */

  if (g_once_init_enter (&have_avx2))
    {
      __builtin_cpu_init ();
      g_once_init_leave (&have_avx2, __builtin_cpu_supports ("avx2")
                                     && __builtin_cpu_supports ("fma") ? 2 : 1);
    }
  if (have_avx2 == 2)
    {
      apply_taps_avx2 (src, src_stride, dst, dst_stride, n_rows, width, dst_width, taps, n_taps);
      return;
    }
#endif
  apply_taps_generic (src, src_stride, dst, dst_stride, n_rows, width, dst_width, taps, n_taps);
}

static gboolean
check_taps (guint    n_taps,
            double   bandwidth,
            double   cell_size,
            GError **error)
{
  if (n_taps <= MAX_TAPS)
    return TRUE;
  g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE,
               _("A bandwidth of %g m is too wide for cells of %g m; choose larger cells."),
               bandwidth, cell_size);
  return FALSE;
}

/* Rows of output the Gaussian's column pass makes at a time: the rows
 * it reads, smoothed along, stay in the second-level cache. */
#define CHUNK 64

static gboolean
smooth_gaussian (const BbGrid  *counts,
                 BbGrid        *out,
                 double         bandwidth,
                 GError       **error)
{
  double sigma = bandwidth / counts->cell_size;
  /* The radius SciPy's gaussian_filter uses, so that both agree. */
  guint radius = (guint) (4.0 * sigma + 0.5);
  guint n_taps = 2 * radius + 1;
  guint rows = counts->n_rows, cols = counts->n_cols;
  guint width = (cols + BLOCK - 1) / BLOCK * BLOCK;
  /* Incidents per km²: the column pass's weights carry the scale. */
  double scale = 1.0 / bb_grid_cell_area_km2 (out);
  g_autofree double *w = NULL;
  g_autofree Tap *row_taps = NULL;
  g_autofree Tap *col_taps = NULL;
  g_autofree float *row = NULL;
  g_autofree float *across = NULL;
  double sum = 0;

  if (!check_taps (n_taps, bandwidth, counts->cell_size, error))
    return FALSE;

  w = g_new (double, n_taps);
  for (guint k = 0; k < n_taps; k++)
    {
      double d = (double) k - radius;

      w[k] = exp (-0.5 * d * d / (sigma * sigma));
      sum += w[k];
    }

  row_taps = g_new (Tap, n_taps);
  col_taps = g_new (Tap, n_taps);
  for (guint k = 0; k < n_taps; k++)
    {
      gssize d = (gssize) k - radius;

      row_taps[k].offset = d;
      row_taps[k].weight = w[k] / sum;
      col_taps[k].offset = d * (gssize) width;
      col_taps[k].weight = w[k] / sum * scale;
    }

  /* No whole-grid intermediate: each chunk of output rows is made from
   * the rows it reaches, smoothed along one at a time (through a row
   * padded with zeros) into @across; the last 2·radius of them serve the
   * next chunk too.  Rows beyond the grid are zeros. */
  row = g_new0 (float, width + 2 * radius);
  across = g_new (float, (gsize) (CHUNK + 2 * radius) * width);

  for (guint y0 = 0; y0 < rows; y0 += CHUNK)
    {
      guint n_out = MIN (CHUNK, rows - y0);
      guint first = 0;

      if (y0 > 0)
        {
          memmove (across, across + (gsize) CHUNK * width, (gsize) 2 * radius * width * sizeof (float));
          first = 2 * radius;
        }
      for (guint i = first; i < n_out + 2 * radius; i++)
        {
          gssize y = (gssize) y0 + i - radius;
          float *dst = across + (gsize) i * width;

          if (y < 0 || y >= (gssize) rows)
            {
              memset (dst, 0, width * sizeof (float));
              continue;
            }
          memcpy (row + radius, counts->values + (gsize) y * cols, cols * sizeof (float));
          apply_taps (row + radius, 0, dst, 0, 1, width, width, row_taps, n_taps);
        }
      apply_taps (across + (gsize) radius * width, width,
                  out->values + (gsize) y0 * cols, cols,
                  n_out, width, cols, col_taps, n_taps);
    }
  return TRUE;
}

static gboolean
smooth_disc (const BbGrid  *counts,
             BbGrid        *out,
             BbKdeKernel    kernel,
             double         bandwidth,
             GError       **error)
{
  double h = bandwidth / counts->cell_size;
  guint radius = (guint) ceil (h);
  guint rows = counts->n_rows;
  guint width = (counts->n_cols + BLOCK - 1) / BLOCK * BLOCK;
  gsize stride = width + 2 * radius;
  double scale = 1.0 / bb_grid_cell_area_km2 (out);
  g_autofree Tap *taps = NULL;
  g_autofree float *padded = NULL;
  guint n_taps = 0;
  double sum = 0;

  if (!check_taps ((2 * radius + 1) * (2 * radius + 1), bandwidth, counts->cell_size, error))
    return FALSE;

  taps = g_new (Tap, (2 * radius + 1) * (2 * radius + 1));
  for (int dy = -(int) radius; dy <= (int) radius; dy++)
    for (int dx = -(int) radius; dx <= (int) radius; dx++)
      {
        double k = bb_kde_kernel_2d (kernel, (dx * dx + dy * dy) / (h * h));

        if (k <= 0)
          continue;
        taps[n_taps].offset = dy * (gssize) stride + dx;
        taps[n_taps].weight = k;
        sum += k;
        n_taps++;
      }
  /* A bandwidth under half a cell leaves the centre alone: the surface is
   * then the plain count per cell. */
  if (n_taps == 0)
    {
      taps[0].offset = 0;
      taps[0].weight = 1;
      sum = 1;
      n_taps = 1;
    }
  /* Incidents per km²: the weights carry the scale. */
  for (guint t = 0; t < n_taps; t++)
    taps[t].weight = taps[t].weight / sum * scale;

  padded = g_new0 (float, (gsize) (rows + 2 * radius) * stride);
  for (guint y = 0; y < rows; y++)
    memcpy (padded + (gsize) (y + radius) * stride + radius,
            counts->values + (gsize) y * counts->n_cols,
            counts->n_cols * sizeof (float));

  apply_taps (padded + (gsize) radius * stride + radius, stride,
              out->values, counts->n_cols, rows, width, counts->n_cols, taps, n_taps);
  return TRUE;
}

/* Smooths @counts into @out, which may be @counts itself: both smoothings
 * have read every count they need into buffers of their own before they
 * write the cell. */
static gboolean
smooth (const BbGrid  *counts,
        BbGrid        *out,
        BbKdeKernel    kernel,
        double         bandwidth,
        GError       **error)
{
  if (!(bandwidth > 0) || !isfinite (bandwidth))
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The bandwidth must be a positive number of metres."));
      return FALSE;
    }
  if (kernel == BB_KDE_KERNEL_GAUSSIAN)
    return smooth_gaussian (counts, out, bandwidth, error);
  return smooth_disc (counts, out, kernel, bandwidth, error);
}

BbGrid *
bb_kde_grid_smooth (const BbGrid  *counts,
                    BbKdeKernel    kernel,
                    double         bandwidth,
                    GError       **error)
{
  g_autoptr(BbGrid) out = NULL;

  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (kernel <= BB_KDE_KERNEL_EPANECHNIKOV, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = bb_grid_new_like (counts);
  return smooth (counts, out, kernel, bandwidth, error) ? g_steal_pointer (&out) : NULL;
}

BbGrid *
bb_kde_grid_compute (const double        *xs,
                     const double        *ys,
                     const double        *weights,
                     gsize                n,
                     const BbKdeOptions  *options,
                     GError             **error)
{
  BbKdeOptions defaults;
  g_autoptr(BbGrid) counts = NULL;
  double bandwidth, cell_size;

  g_return_val_if_fail (n == 0 || (xs != NULL && ys != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bb_kde_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->kernel <= BB_KDE_KERNEL_EPANECHNIKOV, NULL);

  bandwidth = options->bandwidth;
  if (bandwidth <= 0)
    bandwidth = bb_kde_default_bandwidth (xs, ys, n);
  if (!(bandwidth > 0) || !isfinite (bandwidth))
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   n < 2 ? _("A heat map needs at least two positions, or a bandwidth.")
                         : _("All positions are in one place; set a bandwidth."));
      return NULL;
    }

  if (options->like != NULL)
    {
      counts = bb_grid_new_like (options->like);
    }
  else
    {
      double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;

      for (gsize i = 0; i < n; i++)
        {
          min_x = MIN (min_x, xs[i]);
          max_x = MAX (max_x, xs[i]);
          min_y = MIN (min_y, ys[i]);
          max_y = MAX (max_y, ys[i]);
        }

      cell_size = options->cell_size;
      if (cell_size <= 0)
        cell_size = bb_kde_default_cell_size (max_x - min_x, max_y - min_y);
      if (cell_size <= 0)
        cell_size = bandwidth / 4;

      counts = bb_grid_new_for_extent (min_x, min_y, max_x, max_y, cell_size,
                                       bandwidth * bb_kde_kernel_support (options->kernel)
                                       + cell_size,
                                       error);
      if (counts == NULL)
        return NULL;
    }

  bb_grid_add_points_linear (counts, xs, ys, weights, n);
  /* The counts become the surface: no second grid to allocate and fill. */
  if (!smooth (counts, counts, options->kernel, bandwidth, error))
    return NULL;
  return g_steal_pointer (&counts);
}
