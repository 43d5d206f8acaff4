/* bb-survey-weights.c: post-stratification weights and weighted shares with Kish's effective sample size */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-stats"

#include "config.h"

#include <math.h>

#include "bb-survey-stats.h"

gboolean
bb_poststratify (const double  *population,
                 const guint64 *sample,
                 guint          n_cells,
                 double        *weights)
{
  double population_total = 0, sample_total = 0;

  g_return_val_if_fail (population != NULL && sample != NULL && weights != NULL, FALSE);

  for (guint c = 0; c < n_cells; c++)
    {
      if (!(population[c] >= 0))
        return FALSE;
      population_total += population[c];
      sample_total += (double) sample[c];
    }
  if (population_total <= 0 || sample_total <= 0)
    return FALSE;
  for (guint c = 0; c < n_cells; c++)
    {
      /* A cell of the population nobody in the sample stands for cannot
       * be weighted up: the weights would not add up to the population. */
      if (sample[c] == 0 && population[c] > 0)
        return FALSE;
      weights[c] = sample[c] > 0 ? (population[c] / population_total) / ((double) sample[c] / sample_total) : 0;
    }
  return TRUE;
}

double
bb_effective_sample_size (const double *weights,
                          guint         n)
{
  double sum = 0, squares = 0;

  g_return_val_if_fail (weights != NULL || n == 0, 0);

  for (guint i = 0; i < n; i++)
    {
      sum += weights[i];
      squares += weights[i] * weights[i];
    }
  return squares > 0 ? sum * sum / squares : 0;
}

void
bb_wilson_interval_real (double  p,
                         double  n,
                         double  z,
                         double *low,
                         double *high)
{
  double z2 = z * z, denominator, centre, half;

  g_return_if_fail (low != NULL && high != NULL);

  if (!(n > 0) || isnan (p))
    {
      *low = *high = NAN;
      return;
    }
  denominator = 1.0 + z2 / n;
  centre = p + z2 / (2.0 * n);
  half = z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * n * n));
  *low = p <= 0 ? 0.0 : MAX (0.0, (centre - half) / denominator);
  *high = p >= 1 ? 1.0 : MIN (1.0, (centre + half) / denominator);
}

BbShare
bb_share_make_weighted (const double   *weights,
                        const gboolean *chosen,
                        guint           n)
{
  BbShare share = { .count = 0, .n = n, .share = NAN, .low = NAN, .high = NAN };
  double sum = 0, chosen_sum = 0, n_effective;

  g_return_val_if_fail ((weights != NULL && chosen != NULL) || n == 0, share);

  for (guint i = 0; i < n; i++)
    {
      sum += weights[i];
      if (chosen[i])
        {
          chosen_sum += weights[i];
          share.count++;
        }
    }
  if (sum <= 0)
    return share;
  n_effective = bb_effective_sample_size (weights, n);
  share.share = chosen_sum / sum;
  share.n_effective = n_effective;
  /* Unequal weights cost precision: the interval is as wide as that of a
   * simple sample of the effective size. */
  bb_wilson_interval_real (share.share, n_effective, BB_Z_95, &share.low, &share.high);
  return share;
}

BbShare
bb_share_make_poststratified (const guint64 *count,
                              const guint64 *answered,
                              const double  *population,
                              guint          n_cells,
                              gboolean      *weighted)
{
  g_autofree double *cell = g_new0 (double, MAX (n_cells, 1));
  BbShare share = { .share = NAN, .low = NAN, .high = NAN };
  double sum = 0, chosen = 0, squares = 0;

  g_return_val_if_fail (count != NULL && answered != NULL && population != NULL, share);

  for (guint c = 0; c < n_cells; c++)
    {
      share.count += count[c];
      share.n += answered[c];
    }
  if (weighted != NULL)
    *weighted = FALSE;
  /* Cells that cannot be weighted leave the share unweighted. */
  if (!bb_poststratify (population, answered, n_cells, cell))
    return bb_share_make (share.count, share.n);
  for (guint c = 0; c < n_cells; c++)
    {
      sum += cell[c] * answered[c];
      chosen += cell[c] * count[c];
      squares += cell[c] * cell[c] * answered[c];
    }
  share.share = chosen / sum;
  share.n_effective = sum * sum / squares;
  bb_wilson_interval_real (share.share, share.n_effective, BB_Z_95, &share.low, &share.high);
  if (weighted != NULL)
    *weighted = TRUE;
  return share;
}
