/* bb-knox.h: near-repeat analysis with the Knox test and Monte Carlo significance */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Pairs of events are counted by how far apart they are in space and in
 * time, as in the Near Repeat Calculator (Ratcliffe).  The bands are given
 * by their upper limits, increasing: limits 100, 200, 400 make the spatial
 * bands [0, 100], (100, 200], (200, 400] and a last band (400, ∞).  Times
 * are in days.
 *
 * The expected count of each band pair is the mean over permutations that
 * shuffle the events' times among their places (which keeps both where
 * and when events happen, and breaks only the link between the two); the
 * p-value is (1 + permutations with at least the observed count) /
 * (1 + permutations), so 99 permutations can show p = 0.01 at best. */
typedef struct {
  guint    n_spatial;          /* bands, the last open-ended */
  guint    n_temporal;
  double  *spatial_limits;     /* n_spatial − 1, metres */
  double  *temporal_limits;    /* n_temporal − 1, days */
  gsize    n_events;
  guint    permutations;
  guint64  seed;
  /* Per band pair, at [s · n_temporal + t]: */
  guint64 *observed;
  double  *expected;
  double  *ratio;              /* observed / expected; NAN when nothing is expected */
  double  *p;
} BbKnoxResult;

#define BB_KNOX_SIGNIFICANCE 0.05

BbKnoxResult *bb_knox_compute       (const double   *xs,
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
                                     GError        **error);
void          bb_knox_result_free   (BbKnoxResult   *result);

static inline gsize
bb_knox_index (const BbKnoxResult *result,
               guint               s,
               guint               t)
{
  return (gsize) s * result->n_temporal + t;
}

/* Band bounds; the last band's upper bound is INFINITY. */
void          bb_knox_spatial_band  (const BbKnoxResult *result,
                                     guint               s,
                                     double             *from,
                                     double             *to);
void          bb_knox_temporal_band (const BbKnoxResult *result,
                                     guint               t,
                                     double             *from,
                                     double             *to);

/* A plain-language reading of one band pair, e.g. "Burglaries within
 * 200 m and 7 days of one another are 2.3× more frequent than chance
 * (p = 0.010)."  @what names the events in the plural, capitalised
 * (NULL: "Incidents"). */
char         *bb_knox_describe      (const BbKnoxResult *result,
                                     guint               s,
                                     guint               t,
                                     const char         *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbKnoxResult, bb_knox_result_free)

G_END_DECLS
