/* bb-survey-stats.h: honest figures from resident surveys: shares with Wilson intervals, changes beyond noise */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Results from fewer respondents than this are "too few responses" in
 * public documents, never a percentage (the station can change it). */
#define BB_SURVEY_DEFAULT_MIN_RESPONDENTS 10

/* The normal quantile of a two-sided 95 % interval. */
#define BB_Z_95 1.959963984540054

/* A share of respondents: @count of @n answered so, with its 95 %
 * confidence interval by Wilson's score method (Newcombe 1998, method 3),
 * which stays inside 0…1 and is honest for small samples and shares near
 * 0 or 1.  With @n 0 the share and its bounds are NAN. */
typedef struct {
  guint64 count;
  guint64 n;
  double  share;
  double  low;
  double  high;
  double  n_effective;   /* weighted shares: Kish's effective sample size; 0 otherwise */
} BbShare;

void     bb_wilson_interval      (guint64        count,
                                  guint64        n,
                                  double         z,
                                  double        *low,
                                  double        *high);
BbShare  bb_share_make           (guint64        count,
                                  guint64        n);
/* Whether @share rests on enough respondents to be shown as a share. */
gboolean bb_share_is_reportable  (const BbShare *share,
                                  guint          min_respondents);

/* The 95 % interval of the difference @now − @before of two independent
 * shares by Newcombe's hybrid score method (Newcombe 1998, method 10).
 * FALSE when either has no respondents. */
gboolean bb_share_difference_interval (const BbShare *now,
                                       const BbShare *before,
                                       double        *low,
                                       double        *high);

typedef enum {
  BB_SHARE_TOO_FEW,  /* one of the rounds has too few respondents to say */
  BB_SHARE_SAME,     /* within the noise: the interval of the difference holds 0 */
  BB_SHARE_ROSE,     /* the share rose by more than noise */
  BB_SHARE_FELL,     /* the share fell by more than noise */
} BbShareChange;

/* Round-to-round change, flagged only where it is more than noise: where
 * the 95 % interval of the difference excludes zero. */
BbShareChange bb_share_compare   (const BbShare *now,
                                  const BbShare *before,
                                  guint          min_respondents);

/* Weighting ------------------------------------------------------------
 *
 * Post-stratification: the weight of each cell (a district, an age and
 * sex band) is its share of the population over its share of the sample,
 * so that weighted respondents stand for the population.  FALSE when the
 * totals are not positive or a cell of the population has no respondent. */
gboolean bb_poststratify         (const double   *population,
                                  const guint64  *sample,
                                  guint           n_cells,
                                  double         *weights);
/* Kish's effective sample size of @n weights: (Σw)² / Σw². */
double   bb_effective_sample_size (const double  *weights,
                                   guint          n);
/* Wilson's interval of a share @p of @n respondents, @n not a whole
 * number (an effective sample size). */
void     bb_wilson_interval_real (double          p,
                                  double          n,
                                  double          z,
                                  double         *low,
                                  double         *high);
/* The weighted share of the @n respondents, @chosen[i] for those who
 * answered so: count and n are the respondents as counted, the share is
 * weighted and its Wilson interval is that of the effective sample size. */
BbShare  bb_share_make_weighted  (const double   *weights,
                                  const gboolean *chosen,
                                  guint           n);

/* The same from cells (districts): @count of @answered respondents in
 * each, weighted to @population; unweighted (and @weighted FALSE) when
 * the cells cannot be weighted (see bb_poststratify). */
BbShare  bb_share_make_poststratified (const guint64 *count,
                                       const guint64 *answered,
                                       const double  *population,
                                       guint          n_cells,
                                       gboolean      *weighted);

/* The upper 97.5 % quantile of Student's t with @df degrees of freedom
 * (df ≥ 1): the multiplier of a two-sided 95 % interval of a mean. */
double   bb_student_t_975        (guint          df);

/* The mean of @values with its 95 % interval (Student's t); FALSE for
 * fewer than two values (the mean is still set for one). */
gboolean bb_mean_interval        (const double  *values,
                                  guint          n,
                                  double        *mean,
                                  double        *low,
                                  double        *high);

G_END_DECLS
