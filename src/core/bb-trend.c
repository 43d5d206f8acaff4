/* bb-trend.c: honest comparisons of counts between periods, trends and emerging hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-trend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bb-trend.h"

double
bb_trend_poisson_z (double current,
                    double previous)
{
  return 2 * (sqrt (MAX (current, 0)) - sqrt (MAX (previous, 0)));
}

BbChangeLevel
bb_trend_change_level (double z)
{
  if (z > 3)
    return BB_CHANGE_SIGNIFICANT_RISE;
  if (z > 2)
    return BB_CHANGE_WATCH_RISE;
  if (z < -3)
    return BB_CHANGE_SIGNIFICANT_FALL;
  if (z < -2)
    return BB_CHANGE_WATCH_FALL;
  return BB_CHANGE_NOISE;
}

const char *
bb_change_level_to_string (BbChangeLevel level)
{
  switch (level)
    {
    case BB_CHANGE_SIGNIFICANT_FALL: return "significant-fall";
    case BB_CHANGE_WATCH_FALL: return "watch-fall";
    case BB_CHANGE_NOISE: return "noise";
    case BB_CHANGE_WATCH_RISE: return "watch-rise";
    case BB_CHANGE_SIGNIFICANT_RISE: return "significant-rise";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
bb_change_level_describe (BbChangeLevel level)
{
  switch (level)
    {
    case BB_CHANGE_SIGNIFICANT_FALL: return _("significant fall");
    case BB_CHANGE_WATCH_FALL: return _("fall worth watching");
    case BB_CHANGE_NOISE: return _("no real change");
    case BB_CHANGE_WATCH_RISE: return _("rise worth watching");
    case BB_CHANGE_SIGNIFICANT_RISE: return _("significant rise");
    default: g_return_val_if_reached (NULL);
    }
}

void
bb_trend_change_counts (const double  *current,
                        const double  *previous,
                        gsize          n,
                        double        *z,
                        BbChangeLevel *level)
{
  g_return_if_fail (n == 0 || (current != NULL && previous != NULL && z != NULL));

  for (gsize i = 0; i < n; i++)
    {
      z[i] = bb_trend_poisson_z (current[i], previous[i]);
      if (level != NULL)
        level[i] = bb_trend_change_level (z[i]);
    }
}

BbGrid *
bb_trend_grid_change (const BbGrid  *current,
                      const BbGrid  *previous,
                      GError       **error)
{
  BbGrid *z;
  gsize n;

  g_return_val_if_fail (current != NULL && previous != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bb_grid_same_geometry (current, previous))
    {
      g_set_error_literal (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                           _("The two periods must be counted on the same grid."));
      return NULL;
    }

  z = bb_grid_new_like (current);
  n = bb_grid_n_cells (current);
  for (gsize i = 0; i < n; i++)
    z->values[i] = bb_trend_poisson_z (current->values[i], previous->values[i]);
  return z;
}

static int
double_compare (const void *a,
                const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

gboolean
bb_trend_mann_kendall (const double  *series,
                       gsize          n,
                       BbMannKendall *result)
{
  g_autofree double *heap = NULL;
  double stack[64], *sorted;
  double s = 0, ties = 0, var;

  g_return_val_if_fail (n == 0 || series != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  result->n = n;
  result->s = result->variance = result->z = 0;
  result->p = 1;
  if (n < 3)
    return FALSE;

  for (gsize i = 0; i + 1 < n; i++)
    for (gsize j = i + 1; j < n; j++)
      s += (series[j] > series[i]) - (series[j] < series[i]);

  /* Each group of t equal values takes t(t − 1)(2t + 5) off the variance.
   * Series per cell are short (a dozen slices): sorted in place on the
   * stack, since a million cells are tested at a time. */
  if (n <= G_N_ELEMENTS (stack))
    {
      sorted = stack;
      for (gsize i = 0; i < n; i++)
        {
          double v = series[i];
          gsize j = i;

          for (; j > 0 && sorted[j - 1] > v; j--)
            sorted[j] = sorted[j - 1];
          sorted[j] = v;
        }
    }
  else
    {
      sorted = heap = g_memdup2 (series, n * sizeof (double));
      qsort (sorted, n, sizeof (double), double_compare);
    }
  for (gsize i = 0; i < n;)
    {
      gsize j = i + 1;
      double t;

      while (j < n && sorted[j] == sorted[i])
        j++;
      t = j - i;
      ties += t * (t - 1) * (2 * t + 5);
      i = j;
    }

  var = ((double) n * (n - 1) * (2 * n + 5) - ties) / 18;
  result->s = s;
  result->variance = var;
  if (var > 0 && s != 0)
    result->z = (s > 0 ? s - 1 : s + 1) / sqrt (var);
  result->p = erfc (fabs (result->z) / G_SQRT2);
  return TRUE;
}

const char *
bb_emerging_pattern_to_string (BbEmergingPattern pattern)
{
  switch (pattern)
    {
    case BB_EMERGING_NONE: return "none";
    case BB_EMERGING_NEW: return "new";
    case BB_EMERGING_INTENSIFYING: return "intensifying";
    case BB_EMERGING_PERSISTENT: return "persistent";
    case BB_EMERGING_DIMINISHING: return "diminishing";
    case BB_EMERGING_SPORADIC: return "sporadic";
    case BB_EMERGING_NEW_COLD: return "new-cold";
    case BB_EMERGING_INTENSIFYING_COLD: return "intensifying-cold";
    case BB_EMERGING_PERSISTENT_COLD: return "persistent-cold";
    case BB_EMERGING_DIMINISHING_COLD: return "diminishing-cold";
    case BB_EMERGING_SPORADIC_COLD: return "sporadic-cold";
    case BB_EMERGING_N_PATTERNS:
    default: g_return_val_if_reached (NULL);
    }
}

const char *
bb_emerging_pattern_describe (BbEmergingPattern pattern)
{
  switch (pattern)
    {
    case BB_EMERGING_NONE: return _("not a hot spot");
    case BB_EMERGING_NEW: return _("new hot spot");
    case BB_EMERGING_INTENSIFYING: return _("intensifying hot spot");
    case BB_EMERGING_PERSISTENT: return _("persistent hot spot");
    case BB_EMERGING_DIMINISHING: return _("diminishing hot spot");
    case BB_EMERGING_SPORADIC: return _("sporadic hot spot");
    case BB_EMERGING_NEW_COLD: return _("new cold spot");
    case BB_EMERGING_INTENSIFYING_COLD: return _("intensifying cold spot");
    case BB_EMERGING_PERSISTENT_COLD: return _("persistent cold spot");
    case BB_EMERGING_DIMINISHING_COLD: return _("diminishing cold spot");
    case BB_EMERGING_SPORADIC_COLD: return _("sporadic cold spot");
    case BB_EMERGING_N_PATTERNS:
    default: g_return_val_if_reached (NULL);
    }
}

int
bb_emerging_pattern_sign (BbEmergingPattern pattern)
{
  if (pattern == BB_EMERGING_NONE || pattern >= BB_EMERGING_N_PATTERNS)
    return 0;
  return pattern >= BB_EMERGING_NEW_COLD ? -1 : 1;
}

void
bb_emerging_free (BbEmerging *emerging)
{
  if (emerging == NULL)
    return;
  g_free (emerging->pattern);
  g_free (emerging->n_hot);
  g_free (emerging->n_cold);
  g_free (emerging->trend_z);
  g_free (emerging->trend_p);
  g_free (emerging->last_z);
  g_free (emerging);
}

/* One cell's pattern for one sign (+1 hot, −1 cold): @sig[s] says whether
 * it is significant with that sign in slice s. */
static BbEmergingPattern
classify_cell (const gboolean      *sig,
               guint                n_slices,
               guint                n_recent,
               int                  sign,
               const BbMannKendall *mk)
{
  guint recent = 0, before = 0;
  BbEmergingPattern base = sign > 0 ? BB_EMERGING_NEW : BB_EMERGING_NEW_COLD;

  if (!sig[n_slices - 1])
    return BB_EMERGING_NONE;
  for (guint s = 0; s < n_slices; s++)
    {
      if (s >= n_slices - n_recent)
        recent += sig[s];
      if (s < n_slices - 1)
        before += sig[s];
    }
  if (before == 0)
    return base;
  if (2 * recent <= n_recent)
    return base + (BB_EMERGING_SPORADIC - BB_EMERGING_NEW);
  /* A cold spot intensifies as its z falls. */
  if (mk->p <= BB_TREND_SIGNIFICANCE && mk->z * sign > 0)
    return base + (BB_EMERGING_INTENSIFYING - BB_EMERGING_NEW);
  if (mk->p <= BB_TREND_SIGNIFICANCE && mk->z * sign < 0)
    return base + (BB_EMERGING_DIMINISHING - BB_EMERGING_NEW);
  return base + (BB_EMERGING_PERSISTENT - BB_EMERGING_NEW);
}

BbEmerging *
bb_trend_emerging_compute (const BbGrid * const *slices,
                           guint                n_slices,
                           double               distance,
                           guint                n_recent,
                           BbGistarCorrection   correction,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autofree float *z = NULL;      /* [slice · cells + cell] */
  g_autofree gint8 *bins = NULL;   /* the same */
  g_autofree double *series = NULL;
  g_autofree gboolean *hot = NULL;
  g_autofree gboolean *cold = NULL;
  g_autoptr(BbEmerging) result = NULL;
  gsize cells;

  g_return_val_if_fail (n_slices == 0 || slices != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_slices < 3 || n_slices > G_MAXUINT8)
    {
      g_set_error_literal (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                           _("Emerging hot spots need at least three time slices."));
      return NULL;
    }
  for (guint s = 1; s < n_slices; s++)
    if (!bb_grid_same_geometry (slices[0], slices[s]))
      {
        g_set_error_literal (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                             _("Every time slice must be counted on the same grid."));
        return NULL;
      }
  if (n_recent == 0)
    n_recent = MAX (2, n_slices / 2);
  n_recent = MIN (n_recent, n_slices);

  cells = bb_grid_n_cells (slices[0]);
  z = g_new (float, cells * n_slices);
  bins = g_new (gint8, cells * n_slices);
  for (guint s = 0; s < n_slices; s++)
    {
      g_autoptr(BbGrid) zs = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      zs = bb_gistar_grid_compute (slices[s], distance, error);
      if (zs == NULL)
        return NULL;
      memcpy (z + s * cells, zs->values, cells * sizeof (float));
      bb_gistar_grid_classify (zs, correction, bins + s * cells);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  result = g_new0 (BbEmerging, 1);
  result->n_cells = cells;
  result->n_slices = n_slices;
  result->n_recent = n_recent;
  result->pattern = g_new0 (guint8, cells);
  result->n_hot = g_new0 (guint8, cells);
  result->n_cold = g_new0 (guint8, cells);
  result->trend_z = g_new0 (float, cells);
  result->trend_p = g_new0 (float, cells);
  result->last_z = g_new0 (float, cells);
  series = g_new (double, n_slices);
  hot = g_new (gboolean, n_slices);
  cold = g_new (gboolean, n_slices);
  for (gsize c = 0; c < cells; c++)
    {
      BbMannKendall mk;
      BbEmergingPattern pattern;

      for (guint s = 0; s < n_slices; s++)
        {
          gint8 bin = bins[s * cells + c];

          series[s] = z[s * cells + c];
          hot[s] = bin >= 2;
          cold[s] = bin <= -2;
          result->n_hot[c] += hot[s];
          result->n_cold[c] += cold[s];
        }
      bb_trend_mann_kendall (series, n_slices, &mk);
      result->trend_z[c] = mk.z;
      result->trend_p[c] = mk.p;
      result->last_z[c] = series[n_slices - 1];
      pattern = classify_cell (hot, n_slices, n_recent, 1, &mk);
      if (pattern == BB_EMERGING_NONE)
        pattern = classify_cell (cold, n_slices, n_recent, -1, &mk);
      result->pattern[c] = pattern;
      result->n_by_pattern[pattern]++;
    }
  return g_steal_pointer (&result);
}

guint8 *
bb_trend_emerging_hot_spots (const BbGrid * const *slices,
                             guint                n_slices,
                             double               distance,
                             guint                n_recent,
                             BbGistarCorrection   correction,
                             float               *trend_z,
                             GError             **error)
{
  g_autoptr(BbEmerging) emerging = bb_trend_emerging_compute (slices, n_slices, distance, n_recent, correction,
                                                              NULL, error);

  if (emerging == NULL)
    return NULL;
  if (trend_z != NULL)
    memcpy (trend_z, emerging->trend_z, emerging->n_cells * sizeof (float));
  return g_steal_pointer (&emerging->pattern);
}
