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
  g_autofree double *sorted = NULL;
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

  /* Each group of t equal values takes t(t − 1)(2t + 5) off the variance. */
  sorted = g_memdup2 (series, n * sizeof (double));
  qsort (sorted, n, sizeof (double), double_compare);
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
    default: g_return_val_if_reached (NULL);
    }
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
  g_autofree float *z = NULL;      /* [slice · cells + cell] */
  g_autofree gint8 *bins = NULL;   /* the same */
  g_autofree double *series = NULL;
  g_autofree guint8 *patterns = NULL;
  gsize cells;

  g_return_val_if_fail (n_slices == 0 || slices != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_slices < 3)
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
      g_autoptr(BbGrid) zs = bb_gistar_grid_compute (slices[s], distance, error);

      if (zs == NULL)
        return NULL;
      memcpy (z + s * cells, zs->values, cells * sizeof (float));
      bb_gistar_grid_classify (zs, correction, bins + s * cells);
    }

  series = g_new (double, n_slices);
  patterns = g_new0 (guint8, cells);
  for (gsize c = 0; c < cells; c++)
    {
      guint hot_recent = 0, hot_before = 0;
      gboolean hot_last = bins[(n_slices - 1) * cells + c] >= 2;
      BbMannKendall mk;

      for (guint s = 0; s < n_slices; s++)
        {
          gboolean hot = bins[s * cells + c] >= 2;

          series[s] = z[s * cells + c];
          if (s >= n_slices - n_recent)
            hot_recent += hot;
          if (s < n_slices - 1)
            hot_before += hot;
        }
      bb_trend_mann_kendall (series, n_slices, &mk);
      if (trend_z != NULL)
        trend_z[c] = mk.z;

      if (!hot_last)
        patterns[c] = BB_EMERGING_NONE;
      else if (hot_before == 0)
        patterns[c] = BB_EMERGING_NEW;
      else if (2 * hot_recent <= n_recent)
        patterns[c] = BB_EMERGING_NONE;
      else if (mk.p <= BB_TREND_SIGNIFICANCE && mk.z > 0)
        patterns[c] = BB_EMERGING_INTENSIFYING;
      else if (mk.p <= BB_TREND_SIGNIFICANCE && mk.z < 0)
        patterns[c] = BB_EMERGING_DIMINISHING;
      else
        patterns[c] = BB_EMERGING_PERSISTENT;
    }
  return g_steal_pointer (&patterns);
}
