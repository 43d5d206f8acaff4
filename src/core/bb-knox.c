/* bb-knox.c: near-repeat analysis with the Knox test and Monte Carlo significance */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-knox"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bb-gistar.h"
#include "bb-grid.h"
#include "bb-knox.h"
#include "bb-random.h"

#define MAX_BANDS 64
#define MAX_PERMUTATIONS 99999

void
bb_knox_result_free (BbKnoxResult *result)
{
  if (result == NULL)
    return;
  g_free (result->spatial_limits);
  g_free (result->temporal_limits);
  g_free (result->observed);
  g_free (result->expected);
  g_free (result->ratio);
  g_free (result->p);
  g_free (result);
}

static gboolean
check_limits (const double  *limits,
              guint          n,
              gboolean       spatial,
              GError       **error)
{
  if (n == 0 || n > MAX_BANDS)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   spatial ? _("Give between 1 and %d distance bands.")
                           : _("Give between 1 and %d time bands."),
                   MAX_BANDS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!(limits[i] > 0) || !isfinite (limits[i]) || (i > 0 && !(limits[i] > limits[i - 1])))
      {
        g_set_error_literal (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                             spatial ? _("The distance bands must be positive and increasing.")
                                     : _("The time bands must be positive and increasing."));
        return FALSE;
      }
  return TRUE;
}

static inline guint
band_of (const double *limits,
         guint         n_limits,
         double        value)
{
  guint b = 0;

  while (b < n_limits && value > limits[b])
    b++;
  return b;
}

static int
double_compare (const void *a,
                const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* How many pairs of events fall in each temporal band, over all pairs:
 * the same for every permutation of the times. */
static void
count_all_pairs_by_time (const double *days,
                         gsize         n,
                         const double *limits,
                         guint         n_limits,
                         guint64      *per_band)
{
  g_autofree double *sorted = g_memdup2 (days, n * sizeof (double));
  guint64 total = (guint64) n * (n - 1) / 2, below = 0;

  qsort (sorted, n, sizeof (double), double_compare);

  for (guint b = 0; b < n_limits; b++)
    {
      /* Pairs with a time difference of at most limits[b]. */
      guint64 within = 0;
      gsize j = 0;

      for (gsize i = 0; i < n; i++)
        {
          if (j < i + 1)
            j = i + 1;
          while (j < n && sorted[j] - sorted[i] <= limits[b])
            j++;
          within += j - i - 1;
        }
      per_band[b] = within - below;
      below = within;
    }
  per_band[n_limits] = total - below;
}

BbKnoxResult *
bb_knox_compute (const double   *xs,
                 const double   *ys,
                 const double   *days,
                 gsize           n,
                 const double   *spatial_limits,
                 guint           n_spatial_limits,
                 const double   *temporal_limits,
                 guint           n_temporal_limits,
                 guint           permutations,
                 guint64         seed,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(BbKnoxResult) result = NULL;
  g_autoptr(BbNeighbours) near = NULL;
  g_autoptr(GArray) pairs = NULL;          /* guint i, j, spatial band */
  g_autofree guint64 *all_by_time = NULL;
  g_autofree guint64 *counts = NULL;
  g_autofree guint64 *at_least = NULL;
  g_autofree double *sums = NULL;
  g_autofree double *shuffled = NULL;
  guint n_sp, n_tp, n_near;
  gsize cells;
  BbRandom rng;

  g_return_val_if_fail (n == 0 || (xs != NULL && ys != NULL && days != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_limits (spatial_limits, n_spatial_limits, TRUE, error)
      || !check_limits (temporal_limits, n_temporal_limits, FALSE, error))
    return NULL;
  if (permutations < 1 || permutations > MAX_PERMUTATIONS)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The number of permutations must be between 1 and %d."), MAX_PERMUTATIONS);
      return NULL;
    }
  if (n < 3 || n >= G_MAXUINT)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("A near-repeat analysis needs at least three events."));
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    if (!isfinite (xs[i]) || !isfinite (ys[i]) || !isfinite (days[i]))
      {
        g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                     _("Event number %zu has no place or no time."), i + 1);
        return NULL;
      }

  n_sp = n_spatial_limits + 1;
  n_tp = n_temporal_limits + 1;
  n_near = n_spatial_limits;
  cells = (gsize) n_sp * n_tp;

  result = g_new0 (BbKnoxResult, 1);
  result->n_spatial = n_sp;
  result->n_temporal = n_tp;
  result->spatial_limits = g_memdup2 (spatial_limits, n_spatial_limits * sizeof (double));
  result->temporal_limits = g_memdup2 (temporal_limits, n_temporal_limits * sizeof (double));
  result->n_events = n;
  result->permutations = permutations;
  result->seed = seed;
  result->observed = g_new0 (guint64, cells);
  result->expected = g_new0 (double, cells);
  result->ratio = g_new0 (double, cells);
  result->p = g_new0 (double, cells);

  /* Which band in space each close pair falls in never changes; only the
   * pairs closer than the last limit are kept.  The open-ended last row is
   * all pairs of its time band less the close ones. */
  near = bb_neighbours_new_distance_band (xs, ys, n, spatial_limits[n_spatial_limits - 1]);
  pairs = g_array_new (FALSE, FALSE, sizeof (guint) * 3);
  for (gsize i = 0; i < n; i++)
    for (gsize k = near->offsets[i]; k < near->offsets[i + 1]; k++)
      {
        guint j = near->indices[k];
        guint pair[3];

        if (j <= i)
          continue;
        pair[0] = i;
        pair[1] = j;
        pair[2] = band_of (spatial_limits, n_spatial_limits,
                           hypot (xs[j] - xs[i], ys[j] - ys[i]));
        g_assert (pair[2] < n_near);
        g_array_append_vals (pairs, pair, 1);
      }
  g_clear_pointer (&near, bb_neighbours_free);

  all_by_time = g_new0 (guint64, n_tp);
  count_all_pairs_by_time (days, n, temporal_limits, n_temporal_limits, all_by_time);

  counts = g_new (guint64, cells);
  at_least = g_new0 (guint64, cells);
  sums = g_new0 (double, cells);
  shuffled = g_memdup2 (days, n * sizeof (double));
  bb_random_init (&rng, seed);

  /* Round 0 is the observed arrangement, then the permutations. */
  for (guint round = 0; round <= permutations; round++)
    {
      const guint *pair = (const guint *) pairs->data;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (round > 0)
        for (gsize i = n - 1; i > 0; i--)
          {
            gsize j = bb_random_int_range (&rng, 0, i + 1);
            double t = shuffled[i];

            shuffled[i] = shuffled[j];
            shuffled[j] = t;
          }

      memset (counts, 0, cells * sizeof (guint64));
      for (guint k = 0; k < pairs->len; k++, pair += 3)
        {
          double dt = fabs (shuffled[pair[1]] - shuffled[pair[0]]);

          counts[pair[2] * n_tp + band_of (temporal_limits, n_temporal_limits, dt)]++;
        }
      for (guint t = 0; t < n_tp; t++)
        {
          guint64 close = 0;

          for (guint s = 0; s < n_near; s++)
            close += counts[s * n_tp + t];
          counts[n_near * n_tp + t] = all_by_time[t] - close;
        }

      if (round == 0)
        {
          memcpy (result->observed, counts, cells * sizeof (guint64));
          continue;
        }
      for (gsize c = 0; c < cells; c++)
        {
          sums[c] += counts[c];
          if (counts[c] >= result->observed[c])
            at_least[c]++;
        }
    }

  for (gsize c = 0; c < cells; c++)
    {
      result->expected[c] = sums[c] / permutations;
      result->ratio[c] = result->expected[c] > 0 ? result->observed[c] / result->expected[c] : NAN;
      result->p[c] = (1.0 + at_least[c]) / (1.0 + permutations);
    }
  return g_steal_pointer (&result);
}

void
bb_knox_spatial_band (const BbKnoxResult *result,
                      guint               s,
                      double             *from,
                      double             *to)
{
  g_return_if_fail (s < result->n_spatial);

  *from = s == 0 ? 0 : result->spatial_limits[s - 1];
  *to = s + 1 < result->n_spatial ? result->spatial_limits[s] : INFINITY;
}

void
bb_knox_temporal_band (const BbKnoxResult *result,
                       guint               t,
                       double             *from,
                       double             *to)
{
  g_return_if_fail (t < result->n_temporal);

  *from = t == 0 ? 0 : result->temporal_limits[t - 1];
  *to = t + 1 < result->n_temporal ? result->temporal_limits[t] : INFINITY;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-aware, without trailing zeros. */
  g_snprintf (buf, sizeof buf, "%.6g", value);
  return g_strdup (buf);
}

/* The n that picks a plural form for @value days: the number itself when
 * whole (Russian says 1 день, 2 дня, 5 дней), 2 otherwise, which every
 * catalogue maps to the form used for fractions. */
static gulong
plural_count (double value)
{
  if (value >= 0 && value < 1e9 && value == floor (value))
    return (gulong) value;
  return 2;
}

/* "up to 200 m", "200–400 m", "more than 400 m" */
static char *
describe_distance (double from,
                   double to)
{
  g_autofree char *a = format_number (from);
  g_autofree char *b = format_number (to);

  if (from == 0)
    /* TRANSLATORS: a distance band, e.g. "up to 200 m" */
    return g_strdup_printf (_("up to %s m"), b);
  if (isinf (to))
    /* TRANSLATORS: a distance band, e.g. "more than 400 m" */
    return g_strdup_printf (_("more than %s m"), a);
  /* TRANSLATORS: a distance band, e.g. "200–400 m" */
  return g_strdup_printf (_("%s–%s m"), a, b);
}

/* "up to 7 days", "7–14 days", "more than 21 days" */
static char *
describe_days (double from,
               double to)
{
  g_autofree char *a = format_number (from);
  g_autofree char *b = format_number (to);

  if (from == 0)
    /* TRANSLATORS: a time band, e.g. "up to 7 days" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up to %s day", "up to %s days",
                                         plural_count (to)), b);
  if (isinf (to))
    /* TRANSLATORS: a time band, e.g. "more than 21 days" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "more than %s day", "more than %s days",
                                         plural_count (from)), a);
  /* TRANSLATORS: a time band, e.g. "7–14 days" */
  return g_strdup_printf (_("%s–%s days"), a, b);
}

char *
bb_knox_describe (const BbKnoxResult *result,
                  guint               s,
                  guint               t,
                  const char         *what)
{
  g_autofree char *space = NULL;
  g_autofree char *time = NULL;
  double s0, s1, t0, t1, ratio, p;
  gsize c;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (s < result->n_spatial && t < result->n_temporal, NULL);

  if (what == NULL)
    what = _("Incidents");

  c = bb_knox_index (result, s, t);
  ratio = result->ratio[c];
  p = result->p[c];
  bb_knox_spatial_band (result, s, &s0, &s1);
  bb_knox_temporal_band (result, t, &t0, &t1);

  if (isnan (ratio))
    /* TRANSLATORS: %s names the events in the plural, e.g. "Burglaries" */
    return g_strdup_printf (_("%s: too few pairs to compare with chance."), what);

  if (s == 0 && t == 0)
    {
      g_autofree char *metres = format_number (s1);
      g_autofree char *days = format_number (t1);

      if (p <= BB_KNOX_SIGNIFICANCE && ratio > 1)
        /* TRANSLATORS: "Burglaries within 200 m and 7 days of one another are
         * 2.3× more frequent than chance (p = 0.010)." */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s within %s m and %s day of one another are %.1f× more frequent than chance (p = %.3f).",
                                             "%s within %s m and %s days of one another are %.1f× more frequent than chance (p = %.3f).",
                                             plural_count (t1)),
                                what, metres, days, ratio, p);
      /* TRANSLATORS: "Burglaries within 200 m and 7 days of one another are
       * no more frequent than chance would give (1.1×, p = 0.340)." */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s within %s m and %s day of one another are no more frequent than chance would give (%.1f×, p = %.3f).",
                                           "%s within %s m and %s days of one another are no more frequent than chance would give (%.1f×, p = %.3f).",
                                           plural_count (t1)),
                              what, metres, days, ratio, p);
    }

  space = describe_distance (s0, s1);
  time = describe_days (t0, t1);
  if (p <= BB_KNOX_SIGNIFICANCE && ratio > 1)
    /* TRANSLATORS: "Burglaries 200–400 m and 7–14 days apart are 1.4× more
     * frequent than chance (p = 0.020)." */
    return g_strdup_printf (_("%s %s and %s apart are %.1f× more frequent than chance (p = %.3f)."),
                            what, space, time, ratio, p);
  /* TRANSLATORS: "Burglaries 200–400 m and 7–14 days apart are no more
   * frequent than chance would give (0.9×, p = 0.610)." */
  return g_strdup_printf (_("%s %s and %s apart are no more frequent than chance would give (%.1f×, p = %.3f)."),
                          what, space, time, ratio, p);
}
