/* bb-trend.h: honest comparisons of counts between periods, trends and emerging hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-gistar.h"
#include "bb-grid.h"

G_BEGIN_DECLS

/* How a change in a count reads, from the Poisson test below. */
typedef enum {
  BB_CHANGE_SIGNIFICANT_FALL = -2,   /* Z < −3 */
  BB_CHANGE_WATCH_FALL       = -1,   /* −3 ≤ Z < −2 */
  BB_CHANGE_NOISE            =  0,   /* |Z| ≤ 2 */
  BB_CHANGE_WATCH_RISE       =  1,   /* 2 < Z ≤ 3 */
  BB_CHANGE_SIGNIFICANT_RISE =  2,   /* Z > 3 */
} BbChangeLevel;

/* Z = 2 (√current − √previous): for Poisson counts the square root has a
 * variance of about ¼ whatever the rate, so Z is roughly standard normal
 * when nothing changed.  2 → 6 gives Z = 2.07: "+200 %", but worth
 * watching at most, not a crime wave. */
double        bb_trend_poisson_z          (double               current,
                                           double               previous);
BbChangeLevel bb_trend_change_level       (double               z);
/* "significant-rise", "watch-rise", "noise", "watch-fall",
 * "significant-fall": stable names for files. */
const char   *bb_change_level_to_string   (BbChangeLevel        level);
/* The same for people, translated: "significant rise", … */
const char   *bb_change_level_describe    (BbChangeLevel        level);

/* Per unit (district, cell): the Z of each change and its level; @level
 * may be NULL. */
void          bb_trend_change_counts      (const double        *current,
                                           const double        *previous,
                                           gsize                n,
                                           double              *z,
                                           BbChangeLevel       *level);
/* Z per cell between two grids of counts of the same geometry. */
BbGrid       *bb_trend_grid_change        (const BbGrid        *current,
                                           const BbGrid        *previous,
                                           GError             **error);

typedef struct {
  gsize  n;
  double s;          /* Σ sign (x_j − x_i), i < j */
  double variance;   /* with the correction for ties */
  double z;          /* with the continuity correction */
  double p;          /* two-sided */
} BbMannKendall;

/* The Mann–Kendall test for a monotonic trend in a series in time order.
 * FALSE for fewer than three values. */
gboolean      bb_trend_mann_kendall       (const double        *series,
                                           gsize                n,
                                           BbMannKendall       *result);

/* Categories in the spirit of ArcGIS's Emerging Hot Spot Analysis, for
 * hot spots and, mirrored, for cold spots.  A cell counts as hot (cold)
 * in a slice when its Gi* is significant at 95 % with a positive
 * (negative) z. */
typedef enum {
  BB_EMERGING_NONE,
  BB_EMERGING_NEW,            /* hot in the last slice only, never before */
  BB_EMERGING_INTENSIFYING,   /* hot in most recent slices, Gi* rising */
  BB_EMERGING_PERSISTENT,     /* hot in most recent slices, no trend */
  BB_EMERGING_DIMINISHING,    /* hot in most recent slices, Gi* falling */
  BB_EMERGING_SPORADIC,       /* hot in the last slice, on and off before */
  BB_EMERGING_NEW_COLD,       /* the same for cold spots: "intensifying" */
  BB_EMERGING_INTENSIFYING_COLD,   /* means Gi* falling further */
  BB_EMERGING_PERSISTENT_COLD,
  BB_EMERGING_DIMINISHING_COLD,
  BB_EMERGING_SPORADIC_COLD,
  BB_EMERGING_N_PATTERNS
} BbEmergingPattern;

const char   *bb_emerging_pattern_to_string (BbEmergingPattern pattern);
const char   *bb_emerging_pattern_describe  (BbEmergingPattern pattern);
/* +1 for the hot patterns, −1 for the cold ones, 0 for none. */
int           bb_emerging_pattern_sign      (BbEmergingPattern pattern);

#define BB_TREND_SIGNIFICANCE 0.05

/* Per cell, row by row. */
typedef struct {
  gsize    n_cells;
  guint    n_slices;
  guint    n_recent;
  guint8  *pattern;     /* BbEmergingPattern */
  guint8  *n_hot;       /* slices in which the cell is hot */
  guint8  *n_cold;      /* … cold */
  float   *trend_z;     /* Mann–Kendall Z of the cell's Gi* z over the slices */
  float   *trend_p;
  float   *last_z;      /* Gi* z in the last slice */
  guint    n_by_pattern[BB_EMERGING_N_PATTERNS];
} BbEmerging;

void          bb_emerging_free              (BbEmerging *emerging);

/* Emerging hot and cold spots over @n_slices grids of counts (oldest
 * first, all of one geometry, at most 255).  Each slice gets its Gi*
 * (distance band @distance); a cell is hot (cold) in a slice at 95 %
 * confidence or more (after @correction).  For a cell hot in the last
 * slice: never hot before is new; hot in more than half of the last
 * @n_recent slices (0: half the slices, at least two) is intensifying,
 * diminishing or persistent by the Mann–Kendall test on its Gi* z-scores
 * over all slices (significant at p ≤ 0.05, which needs five slices or
 * more); otherwise sporadic.  Cold spots likewise, with the trend's sign
 * turned.  Cancelling @cancellable stops the work between slices. */
BbEmerging   *bb_trend_emerging_compute     (const BbGrid * const *slices,
                                             guint                n_slices,
                                             double               distance,
                                             guint                n_recent,
                                             BbGistarCorrection   correction,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* The patterns alone (see above); @trend_z, when not NULL, receives the
 * Mann–Kendall Z of every cell. */
guint8       *bb_trend_emerging_hot_spots (const BbGrid * const *slices,
                                           guint                n_slices,
                                           double               distance,
                                           guint                n_recent,
                                           BbGistarCorrection   correction,
                                           float               *trend_z,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbEmerging, bb_emerging_free)

G_END_DECLS
