/* bb-survey-stats.c: honest figures from resident surveys: shares with Wilson intervals, changes beyond noise */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-stats"

#include "config.h"

#include <math.h>

#include "bb-survey-stats.h"

void
bb_wilson_interval (guint64  count,
                    guint64  n,
                    double   z,
                    double  *low,
                    double  *high)
{
  g_return_if_fail (low != NULL && high != NULL);
  g_return_if_fail (count <= n);

  if (n == 0)
    {
      *low = *high = NAN;
      return;
    }
  /* At 0 and 1 the bound is exact (bb_wilson_interval_real). */
  bb_wilson_interval_real ((double) count / (double) n, (double) n, z, low, high);
}

BbShare
bb_share_make (guint64 count,
               guint64 n)
{
  BbShare share = { .count = count, .n = n, .share = NAN, .low = NAN, .high = NAN };

  g_return_val_if_fail (count <= n, share);

  if (n > 0)
    {
      share.share = (double) count / (double) n;
      bb_wilson_interval (count, n, BB_Z_95, &share.low, &share.high);
    }
  return share;
}

gboolean
bb_share_is_reportable (const BbShare *share,
                        guint          min_respondents)
{
  g_return_val_if_fail (share != NULL, FALSE);
  return share->n > 0 && share->n >= MAX (min_respondents, 1);
}

gboolean
bb_share_difference_interval (const BbShare *now,
                              const BbShare *before,
                              double        *low,
                              double        *high)
{
  double d, below, above;

  g_return_val_if_fail (now != NULL && before != NULL, FALSE);
  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  if (now->n == 0 || before->n == 0)
    {
      *low = *high = NAN;
      return FALSE;
    }
  /* Each share's own Wilson interval, combined as if the two were the
   * arms of a normal interval (Newcombe's method 10). */
  d = now->share - before->share;
  below = sqrt ((now->share - now->low) * (now->share - now->low)
                + (before->high - before->share) * (before->high - before->share));
  above = sqrt ((now->high - now->share) * (now->high - now->share)
                + (before->share - before->low) * (before->share - before->low));
  *low = MAX (-1.0, d - below);
  *high = MIN (1.0, d + above);
  return TRUE;
}

BbShareChange
bb_share_compare (const BbShare *now,
                  const BbShare *before,
                  guint          min_respondents)
{
  double low, high;

  g_return_val_if_fail (now != NULL && before != NULL, BB_SHARE_TOO_FEW);

  if (!bb_share_is_reportable (now, min_respondents) || !bb_share_is_reportable (before, min_respondents)
      || !bb_share_difference_interval (now, before, &low, &high))
    return BB_SHARE_TOO_FEW;
  if (low > 0.0)
    return BB_SHARE_ROSE;
  if (high < 0.0)
    return BB_SHARE_FELL;
  return BB_SHARE_SAME;
}

/* Student's t, 97.5 % point, for 1…30 degrees of freedom. */
static const double t_975[30] = {
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
  2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
  2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
  2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
};

double
bb_student_t_975 (guint df)
{
  const double z = BB_Z_95;
  double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  double v = df;

  g_return_val_if_fail (df >= 1, NAN);

  if (df <= G_N_ELEMENTS (t_975))
    return t_975[df - 1];
  /* Beyond 30 the Cornish–Fisher expansion agrees with the exact
   * quantile to better than 1e-7. */
  return z + (z3 + z) / (4 * v)
           + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
           + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
           + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

gboolean
bb_mean_interval (const double *values,
                  guint         n,
                  double       *mean,
                  double       *low,
                  double       *high)
{
  double sum = 0, m, ss = 0, half;

  g_return_val_if_fail (values != NULL || n == 0, FALSE);
  g_return_val_if_fail (mean != NULL && low != NULL && high != NULL, FALSE);

  *mean = *low = *high = NAN;
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    sum += values[i];
  m = sum / n;
  *mean = m;
  if (n < 2)
    return FALSE;
  /* Two passes: the squares of deviations, not of values, so that large
   * numbers with small spread keep their precision. */
  for (guint i = 0; i < n; i++)
    ss += (values[i] - m) * (values[i] - m);
  half = bb_student_t_975 (n - 1) * sqrt (ss / (n - 1)) / sqrt (n);
  *low = m - half;
  *high = m + half;
  return TRUE;
}
