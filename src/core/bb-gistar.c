/* bb-gistar.c: Getis-Ord hot spots (local Gi and Gi*, global General G) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-gistar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bb-gistar.h"

/* |z| beyond which a two-sided normal p-value is at most 0.10, 0.05 and
 * 0.01. */
static const double z_critical[] = { 1.6448536269514722, 1.959963984540054, 2.5758293035489004 };
static const double alpha[] = { 0.10, 0.05, 0.01 };

typedef struct {
  gint64 cy, cx;
  guint  index;
} CellKey;

static int
cell_key_compare (const void *a,
                  const void *b)
{
  const CellKey *ka = a, *kb = b;

  if (ka->cy != kb->cy)
    return ka->cy < kb->cy ? -1 : 1;
  if (ka->cx != kb->cx)
    return ka->cx < kb->cx ? -1 : 1;
  return (ka->index > kb->index) - (ka->index < kb->index);
}

static int
guint_compare (const void *a,
               const void *b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return (ua > ub) - (ua < ub);
}

/* The first key at or after (cy, cx). */
static gsize
lower_bound (const CellKey *keys,
             gsize          n,
             gint64         cy,
             gint64         cx)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (keys[mid].cy < cy || (keys[mid].cy == cy && keys[mid].cx < cx))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

BbNeighbours *
bb_neighbours_new_distance_band (const double *xs,
                                 const double *ys,
                                 gsize         n,
                                 double        distance)
{
  g_autofree CellKey *keys = NULL;
  g_autoptr(GArray) indices = NULL;
  BbNeighbours *nb;
  double d2 = distance * distance;
  gsize n_keys = 0;

  g_return_val_if_fail (n == 0 || (xs != NULL && ys != NULL), NULL);
  g_return_val_if_fail (distance > 0 && isfinite (distance), NULL);
  g_return_val_if_fail (n < G_MAXUINT, NULL);

  keys = g_new (CellKey, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (xs[i]) || !isfinite (ys[i]))
        continue;
      keys[n_keys].cx = (gint64) floor (xs[i] / distance);
      keys[n_keys].cy = (gint64) floor (ys[i] / distance);
      keys[n_keys].index = i;
      n_keys++;
    }
  qsort (keys, n_keys, sizeof *keys, cell_key_compare);

  nb = g_new0 (BbNeighbours, 1);
  nb->n = n;
  nb->offsets = g_new0 (gsize, n + 1);
  indices = g_array_new (FALSE, FALSE, sizeof (guint));

  for (gsize i = 0; i < n; i++)
    {
      gsize first = indices->len;
      gint64 cx, cy;

      nb->offsets[i] = first;
      if (!isfinite (xs[i]) || !isfinite (ys[i]))
        continue;
      cx = (gint64) floor (xs[i] / distance);
      cy = (gint64) floor (ys[i] / distance);

      for (gint64 dy = -1; dy <= 1; dy++)
        for (gsize k = lower_bound (keys, n_keys, cy + dy, cx - 1);
             k < n_keys && keys[k].cy == cy + dy && keys[k].cx <= cx + 1;
             k++)
          {
            guint j = keys[k].index;
            double dx = xs[j] - xs[i], dyy = ys[j] - ys[i];

            if (j != i && dx * dx + dyy * dyy <= d2)
              g_array_append_val (indices, j);
          }
      qsort (&g_array_index (indices, guint, first), indices->len - first,
             sizeof (guint), guint_compare);
    }
  nb->offsets[n] = indices->len;
  nb->indices = (guint *) g_array_free (g_steal_pointer (&indices), FALSE);
  return nb;
}

static int
guint64_compare (const void *a,
                 const void *b)
{
  guint64 ua = *(const guint64 *) a, ub = *(const guint64 *) b;

  return (ua > ub) - (ua < ub);
}

BbNeighbours *
bb_neighbours_new_from_pairs (gsize        n,
                              const guint *pairs,
                              gsize        n_pairs)
{
  g_autofree guint64 *both = NULL;
  BbNeighbours *nb;
  gsize n_both = 0, n_indices = 0;

  g_return_val_if_fail (n_pairs == 0 || pairs != NULL, NULL);
  g_return_val_if_fail (n < G_MAXUINT, NULL);

  /* Each pair both ways as (i << 32 | j), sorted: grouped by i, then j. */
  both = g_new (guint64, 2 * n_pairs + 1);
  for (gsize k = 0; k < n_pairs; k++)
    {
      guint i = pairs[2 * k], j = pairs[2 * k + 1];

      g_return_val_if_fail (i < n && j < n, NULL);
      if (i == j)
        continue;
      both[n_both++] = (guint64) i << 32 | j;
      both[n_both++] = (guint64) j << 32 | i;
    }
  qsort (both, n_both, sizeof *both, guint64_compare);

  nb = g_new0 (BbNeighbours, 1);
  nb->n = n;
  nb->offsets = g_new0 (gsize, n + 1);
  nb->indices = g_new (guint, MAX (n_both, 1));
  for (gsize k = 0; k < n_both; k++)
    {
      if (k > 0 && both[k] == both[k - 1])
        continue;
      nb->offsets[(both[k] >> 32) + 1]++;
      nb->indices[n_indices++] = both[k] & G_MAXUINT32;
    }
  for (gsize i = 0; i < n; i++)
    nb->offsets[i + 1] += nb->offsets[i];
  return nb;
}

void
bb_neighbours_free (BbNeighbours *neighbours)
{
  if (neighbours == NULL)
    return;
  g_free (neighbours->offsets);
  g_free (neighbours->indices);
  g_free (neighbours);
}

BbGistarResult *
bb_gistar_result_new (gsize n)
{
  BbGistarResult *result = g_new0 (BbGistarResult, 1);

  result->n = n;
  result->z = g_new0 (double, MAX (n, 1));
  result->p = g_new0 (double, MAX (n, 1));
  result->bin = g_new0 (gint8, MAX (n, 1));
  return result;
}

void
bb_gistar_result_free (BbGistarResult *result)
{
  if (result == NULL)
    return;
  g_free (result->z);
  g_free (result->p);
  g_free (result->bin);
  g_free (result);
}

double
bb_gistar_p_value (double z)
{
  return erfc (fabs (z) / G_SQRT2);
}

static int
double_compare (const void *a,
                const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

void
bb_gistar_classify (const double       *z,
                    gsize               n,
                    BbGistarCorrection  correction,
                    double             *p,
                    gint8              *bin)
{
  double critical[3];   /* p at or below which a unit reaches each level */

  g_return_if_fail (n == 0 || (z != NULL && bin != NULL));

  for (guint l = 0; l < 3; l++)
    critical[l] = alpha[l];

  if (correction == BB_GISTAR_CORRECTION_FDR)
    {
      /* Benjamini–Hochberg: the largest p(k) with p(k) ≤ k/n · α.  Only
       * p ≤ 0.10 can pass any level, so only those are sorted. */
      g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));

      for (gsize i = 0; i < n; i++)
        if (fabs (z[i]) >= z_critical[0] - 1e-9)
          {
            double pi = bb_gistar_p_value (z[i]);

            g_array_append_val (small, pi);
          }
      g_array_sort (small, double_compare);

      for (guint l = 0; l < 3; l++)
        {
          critical[l] = -1;
          for (gsize k = small->len; k > 0; k--)
            if (g_array_index (small, double, k - 1) <= (double) k / n * alpha[l])
              {
                critical[l] = g_array_index (small, double, k - 1);
                break;
              }
        }
    }

  for (gsize i = 0; i < n; i++)
    {
      double a = fabs (z[i]);
      gint8 level = 0;

      if (correction == BB_GISTAR_CORRECTION_NONE)
        {
          /* Thresholds on z avoid a p-value per cell. */
          while (level < 3 && a >= z_critical[level])
            level++;
        }
      else if (a >= z_critical[0] - 1e-9)
        {
          double pi = bb_gistar_p_value (z[i]);

          while (level < 3 && pi <= critical[level])
            level++;
        }
      bin[i] = z[i] < 0 ? -level : level;
      if (p != NULL)
        p[i] = bb_gistar_p_value (z[i]);
    }
}

BbGistarResult *
bb_gistar_compute (const double        *values,
                   gsize                n,
                   const BbNeighbours  *neighbours,
                   gboolean             star,
                   BbGistarCorrection   correction,
                   GError             **error)
{
  g_autoptr(BbGistarResult) result = NULL;
  double mean = 0, s2c = 0;

  g_return_val_if_fail (n == 0 || values != NULL, NULL);
  g_return_val_if_fail (neighbours != NULL && neighbours->n == n, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n < 3)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("Hot-spot analysis needs at least three places."));
      return NULL;
    }

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        {
          g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                       _("Value number %zu is not a number."), i + 1);
          return NULL;
        }
      mean += values[i];
    }
  mean /= n;
  /* Values are centred on the mean before squaring, so that large values
   * with small differences keep their precision. */
  for (gsize i = 0; i < n; i++)
    s2c += (values[i] - mean) * (values[i] - mean);

  result = bb_gistar_result_new (n);
  for (gsize i = 0; i < n; i++)
    {
      const guint *nbr = neighbours->indices + neighbours->offsets[i];
      double k = bb_neighbours_count (neighbours, i);
      double lag = 0, shift, var, big_n, denom;

      for (gsize j = 0; j < k; j++)
        lag += values[nbr[j]] - mean;

      if (star)
        {
          /* Σ (x_j − x̄) over the neighbourhood, the unit included. */
          lag += values[i] - mean;
          k += 1;
          big_n = n;
          var = s2c / n;
          shift = 0;
        }
      else
        {
          /* Without unit i: its own mean and variance, from the centred sums. */
          double ci = values[i] - mean;

          big_n = n - 1;
          shift = -ci / big_n;               /* x̄(i) − x̄ */
          var = (s2c - ci * ci) / big_n - shift * shift;
        }

      denom = sqrt (MAX (var, 0)) * sqrt ((big_n * k - k * k) / (big_n - 1));
      result->z[i] = denom > 0 ? (lag - k * shift) / denom : 0;
    }

  bb_gistar_classify (result->z, n, correction, result->p, result->bin);
  return g_steal_pointer (&result);
}

gboolean
bb_general_g_compute (const double        *values,
                      gsize                n,
                      const BbNeighbours  *neighbours,
                      BbGeneralG          *result,
                      GError             **error)
{
  double y1 = 0, y2 = 0, y3 = 0, y4 = 0, num = 0, s0 = 0, sum_k2 = 0;
  double s1, s2, s02, nn, b0, b1, b2, b3, b4, eg2, den;

  g_return_val_if_fail (n == 0 || values != NULL, FALSE);
  g_return_val_if_fail (neighbours != NULL && neighbours->n == n, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n < 4)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The General G statistic needs at least four places."));
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      const guint *nbr = neighbours->indices + neighbours->offsets[i];
      gsize k = bb_neighbours_count (neighbours, i);
      double v = values[i], lag = 0;

      if (!(v >= 0) || !isfinite (v))
        {
          g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                       _("The General G statistic needs values of zero or more; value number %zu is not."),
                       i + 1);
          return FALSE;
        }
      for (gsize j = 0; j < k; j++)
        lag += values[nbr[j]];
      num += v * lag;
      s0 += k;
      sum_k2 += (double) k * k;
      y1 += v;
      y2 += v * v;
      y3 += v * v * v;
      y4 += v * v * v * v;
    }

  den = y1 * y1 - y2;
  if (!(den > 0) || s0 == 0)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The General G statistic needs neighbours and at least two places with values above zero."));
      return FALSE;
    }

  /* Getis and Ord (1992) under randomisation; for symmetric binary
   * weights S1 = 2·S0 and S2 = 4·Σ k_i². */
  nn = n;
  s1 = 2 * s0;
  s2 = 4 * sum_k2;
  s02 = s0 * s0;
  b0 = (nn * nn - 3 * nn + 3) * s1 - nn * s2 + 3 * s02;
  b1 = -((nn * nn - nn) * s1 - 2 * nn * s2 + 6 * s02);
  b2 = -(2 * nn * s1 - (nn + 3) * s2 + 6 * s02);
  b3 = 4 * (nn - 1) * s1 - 2 * (nn + 1) * s2 + 8 * s02;
  b4 = s1 - s2 + s02;
  eg2 = (b0 * y2 * y2 + b1 * y4 + b2 * y1 * y1 * y2 + b3 * y1 * y3 + b4 * y1 * y1 * y1 * y1)
        / (den * den * nn * (nn - 1) * (nn - 2) * (nn - 3));

  result->g = num / den;
  result->expected = s0 / (nn * (nn - 1));
  result->variance = eg2 - result->expected * result->expected;
  result->z = result->variance > 0
              ? (result->g - result->expected) / sqrt (result->variance) : 0;
  result->p = bb_gistar_p_value (result->z);
  return TRUE;
}

typedef double BbV2d __attribute__ ((vector_size (16)));

/* Prefix sums of one row, in double so that differences of them are the
 * exact sums of the float cells: pre[x] = Σ v[0 … x−1], pre[0] = 0. */
static void
row_prefix (const float *v,
            guint        cols,
            double      *pre)
{
  double run = 0;

  pre[0] = 0;
  for (guint x = 0; x < cols; x++)
    {
      run += v[x];
      pre[x + 1] = run;
    }
}

/* Σ and centred Σ² of all cells, four running sums each so that the adds
 * overlap. */
static void
grid_moments (const float *v,
              gsize        n,
              double      *mean,
              double      *s2c)
{
  double s[4] = { 0 }, q[4] = { 0 }, m;
  gsize i;

  for (i = 0; i + 4 <= n; i += 4)
    for (guint l = 0; l < 4; l++)
      s[l] += v[i + l];
  for (; i < n; i++)
    s[0] += v[i];
  m = (s[0] + s[1] + s[2] + s[3]) / n;

  for (i = 0; i + 4 <= n; i += 4)
    for (guint l = 0; l < 4; l++)
      q[l] += (v[i + l] - m) * (v[i + l] - m);
  for (; i < n; i++)
    q[0] += (v[i] - m) * (v[i] - m);

  *mean = m;
  *s2c = q[0] + q[1] + q[2] + q[3];
}

/* The disc around the cells of one row: its row at offset t − radius
 * spans columns −half[t] … half[t], and pre[t] holds that row's prefix
 * sums (NULL outside the grid). */
typedef struct {
  const double **pre;
  const int     *half;
  guint          n_rows;
} Disc;

/* z of the cell at column @x, counting only the cells inside the grid. */
static float
edge_z (const Disc *disc,
        int         x,
        guint       cols,
        double      n,
        double      mean,
        double      sd)
{
  double sum = 0, k = 0, denom;

  for (guint t = 0; t < disc->n_rows; t++)
    {
      const double *pre = disc->pre[t];
      int lo, hi;

      if (pre == NULL)
        continue;
      lo = MAX (x - disc->half[t], 0);
      hi = MIN (x + disc->half[t] + 1, (int) cols);
      sum += pre[hi] - pre[lo];
      k += hi - lo;
    }
  denom = sd * sqrt ((n * k - k * k) / (n - 1));
  return denom > 0 ? (sum - mean * k) / denom : 0;
}

/* z of the cells @x0 … @x1 − 1, whose discs lie wholly inside the grid:
 * the same number of neighbours, so z = a · sum + b. */
static void
inner_z (const Disc *disc,
         guint       x0,
         guint       x1,
         double      a,
         double      b,
         float      *z)
{
  const double **pre = disc->pre;
  const int *half = disc->half;
  guint n_disc_rows = disc->n_rows, x = x0;

  for (; x + 4 <= x1; x += 4)
    {
      BbV2d s0 = { 0 }, s1 = { 0 };

      for (guint t = 0; t < n_disc_rows; t++)
        {
          const double *hi = pre[t] + x + half[t] + 1, *lo = pre[t] + x - half[t];
          BbV2d h0, h1, l0, l1;

          memcpy (&h0, hi, sizeof h0);
          memcpy (&h1, hi + 2, sizeof h1);
          memcpy (&l0, lo, sizeof l0);
          memcpy (&l1, lo + 2, sizeof l1);
          s0 += h0 - l0;
          s1 += h1 - l1;
        }
      s0 = s0 * a + b;
      s1 = s1 * a + b;
      z[x] = s0[0];
      z[x + 1] = s0[1];
      z[x + 2] = s1[0];
      z[x + 3] = s1[1];
    }
  for (; x < x1; x++)
    {
      double sum = 0;

      for (guint t = 0; t < n_disc_rows; t++)
        sum += pre[t][x + half[t] + 1] - pre[t][x - half[t]];
      z[x] = sum * a + b;
    }
}

BbGrid *
bb_gistar_grid_compute (const BbGrid  *values,
                        double         distance,
                        GError       **error)
{
  g_autoptr(BbGrid) out = NULL;
  g_autofree double *ring = NULL;
  g_autofree int *half = NULL;
  g_autofree const double **pre = NULL;
  Disc d;
  double r = distance / values->cell_size;
  /* A hair of slack so that a centre at exactly @distance counts. */
  double r2 = r * r * (1 + 1e-12);
  int radius = (int) floor (r * (1 + 1e-12));
  guint cols, rows, n_disc_rows;
  gsize n, stride, disc = 0;
  double mean, s2c, sd, denom;

  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(distance > 0) || !isfinite (distance))
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The distance band must be a positive number of metres."));
      return NULL;
    }
  if (radius > 4096)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE,
                   _("A distance band of %g m is too wide for cells of %g m; choose larger cells."),
                   distance, values->cell_size);
      return NULL;
    }

  cols = values->n_cols;
  rows = values->n_rows;
  n = bb_grid_n_cells (values);
  if (n < 3)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("Hot-spot analysis needs at least three places."));
      return NULL;
    }

  grid_moments (values->values, n, &mean, &s2c);
  sd = sqrt (s2c / n);
  out = bb_grid_new_like (values);
  if (!(sd > 0))
    return g_steal_pointer (&out);   /* no variation: no hot spots, z = 0 */

  /* The disc as chords: row offset dy = t − radius spans columns
   * −half[t] … half[t]. */
  n_disc_rows = 2 * radius + 1;
  half = g_new (int, n_disc_rows);
  for (guint t = 0; t < n_disc_rows; t++)
    {
      double dy = (double) t - radius;

      half[t] = (int) floor (sqrt (MAX (r2 - dy * dy, 0)));
      disc += 2 * half[t] + 1;
    }
  denom = sd * sqrt ((n * (double) disc - (double) disc * disc) / (n - 1));

  /* Each chord's sum is a difference of its row's prefix sums, so the
   * rows the disc spans are kept as prefix sums in a ring; a row is summed
   * once, and the ring stays in the cache however large the grid. */
  stride = (gsize) cols + 1;
  ring = g_new (double, stride * n_disc_rows);
  pre = g_new (const double *, n_disc_rows);
  d = (Disc) { pre, half, n_disc_rows };
  for (guint y = 0; y < MIN ((guint) radius, rows); y++)
    row_prefix (values->values + (gsize) y * cols, cols, ring + (y % n_disc_rows) * stride);

  for (guint y = 0; y < rows; y++)
    {
      float *z = out->values + (gsize) y * cols;
      gboolean inner_row = (int) y >= radius && (gsize) y + radius < rows
                           && (gsize) 2 * radius < cols;
      guint inner_end = inner_row ? cols - radius : 0;

      if ((gsize) y + radius < rows)
        row_prefix (values->values + (gsize) (y + radius) * cols, cols,
                    ring + ((y + radius) % n_disc_rows) * stride);
      for (guint t = 0; t < n_disc_rows; t++)
        {
          gssize yy = (gssize) y + t - radius;

          pre[t] = yy >= 0 && yy < (gssize) rows ? ring + (yy % n_disc_rows) * stride : NULL;
        }

      if (inner_row)
        inner_z (&d, radius, inner_end, 1 / denom, -mean * disc / denom, z);
      for (guint x = 0; x < cols; x++)
        {
          if (inner_row && x == (guint) radius)
            x = inner_end;
          if (x >= cols)
            break;
          z[x] = edge_z (&d, x, cols, n, mean, sd);
        }
    }
  return g_steal_pointer (&out);
}

void
bb_gistar_grid_classify (const BbGrid       *z,
                         BbGistarCorrection  correction,
                         gint8              *bin)
{
  gsize n = bb_grid_n_cells (z);
  g_autofree double *zd = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    zd[i] = z->values[i];
  bb_gistar_classify (zd, n, correction, NULL, bin);
}
