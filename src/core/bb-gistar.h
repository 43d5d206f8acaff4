/* bb-gistar.h: Getis-Ord hot spots (local Gi and Gi*, global General G) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-grid.h"

G_BEGIN_DECLS

/* Binary neighbours, stored compactly: the neighbours of unit i are
 * indices[offsets[i] … offsets[i + 1]), never i itself, sorted.  Symmetric
 * when built from a distance band; districts can pass their own
 * (e.g. polygons sharing a border). */
typedef struct {
  gsize   n;
  gsize  *offsets;   /* n + 1 */
  guint  *indices;
} BbNeighbours;

/* Units whose distance is at most @distance metres (a pair at exactly
 * @distance are neighbours).  Uses a hash of cells @distance wide, so the
 * cost is linear in the points and the pairs found. */
BbNeighbours *bb_neighbours_new_distance_band (const double  *xs,
                                               const double  *ys,
                                               gsize          n,
                                               double         distance);
/* From @n lists given as a flat array of (i, j) pairs; each pair is made
 * symmetric and duplicates are dropped. */
BbNeighbours *bb_neighbours_new_from_pairs    (gsize          n,
                                               const guint   *pairs,
                                               gsize          n_pairs);
void          bb_neighbours_free              (BbNeighbours  *neighbours);
static inline gsize
bb_neighbours_count (const BbNeighbours *neighbours,
                     gsize               i)
{
  return neighbours->offsets[i + 1] - neighbours->offsets[i];
}

/* Confidence bins as in the hot-spot maps analysts know: ±3, ±2, ±1 for
 * 99, 95 and 90 % confidence; hot spots positive, cold spots negative. */
#define BB_GISTAR_BIN_NONE 0

typedef enum {
  BB_GISTAR_CORRECTION_NONE,
  /* Benjamini–Hochberg false-discovery rate: with many cells, some would
   * pass 95 % by chance; this keeps the expected share of false hot spots
   * among those shown under 1, 5 and 10 %. */
  BB_GISTAR_CORRECTION_FDR,
} BbGistarCorrection;

typedef struct {
  gsize   n;
  double *z;
  double *p;     /* two-sided, normal */
  gint8  *bin;   /* −3 … 3 */
} BbGistarResult;

BbGistarResult *bb_gistar_result_new  (gsize           n);
void            bb_gistar_result_free (BbGistarResult *result);

/* Local Getis-Ord statistics of @values over binary @neighbours: Gi* when
 * @star (each unit counts itself, weight 1), Gi otherwise.  Reproduces
 * PySAL esda's G_Local with binary weights.  Units with no neighbours, or
 * a set with no variation, give z = 0, p = 1. */
BbGistarResult *bb_gistar_compute     (const double        *values,
                                       gsize                n,
                                       const BbNeighbours  *neighbours,
                                       gboolean             star,
                                       BbGistarCorrection   correction,
                                       GError             **error);

/* Two-sided normal p-value of a z-score. */
double          bb_gistar_p_value     (double               z);
/* Fills @bin (and @p when not NULL) from z-scores. */
void            bb_gistar_classify    (const double        *z,
                                       gsize                n,
                                       BbGistarCorrection   correction,
                                       double              *p,
                                       gint8               *bin);

/* Gi* z-scores of every cell of @values (counts, or any values per cell)
 * over cells whose centres lie within @distance metres, the cell itself
 * included.  All cells are units, empty ones too; cells near the edge
 * simply have fewer neighbours.  Neighbourhood sums come from per-row
 * prefix sums, a difference per chord of the disc, so the cost does not
 * grow with the number of incidents and only linearly with the distance. */
BbGrid         *bb_gistar_grid_compute (const BbGrid       *values,
                                        double              distance,
                                        GError            **error);
/* Bins of a grid of z-scores (one per cell, row by row). */
void            bb_gistar_grid_classify (const BbGrid      *z,
                                         BbGistarCorrection correction,
                                         gint8             *bin);

typedef struct {
  double g;
  double expected;   /* E[G] */
  double variance;   /* Var[G] under randomisation */
  double z;
  double p;
} BbGeneralG;

/* The global General G of @values (non-negative) over binary @neighbours,
 * with the moments of Getis and Ord (1992), as PySAL esda's G. */
gboolean        bb_general_g_compute  (const double        *values,
                                       gsize                n,
                                       const BbNeighbours  *neighbours,
                                       BbGeneralG          *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbNeighbours, bb_neighbours_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbGistarResult, bb_gistar_result_free)

G_END_DECLS
