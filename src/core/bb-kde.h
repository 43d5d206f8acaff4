/* bb-kde.h: kernel density heat maps on a grid in metres, in incidents per km² */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-grid.h"

G_BEGIN_DECLS

typedef enum {
  BB_KDE_KERNEL_QUARTIC,       /* (1 − r²)², the biweight; the default */
  BB_KDE_KERNEL_GAUSSIAN,      /* standard deviation = bandwidth, cut at 4 */
  BB_KDE_KERNEL_EPANECHNIKOV,  /* 1 − r² */
} BbKdeKernel;

const char *bb_kde_kernel_to_string    (BbKdeKernel     kernel);
gboolean    bb_kde_kernel_from_string  (const char     *name,
                                        BbKdeKernel    *kernel);

/* The kernels with unit bandwidth, each integrating to 1: in one
 * dimension at @u, and in the plane at squared distance @r2. */
double      bb_kde_kernel_1d           (BbKdeKernel     kernel,
                                        double          u);
double      bb_kde_kernel_2d           (BbKdeKernel     kernel,
                                        double          r2);
/* Where the kernel is taken to end, in bandwidths: 1 for the quartic and
 * Epanechnikov kernels, 4 for the Gaussian (as SciPy's gaussian_filter). */
double      bb_kde_kernel_support      (BbKdeKernel     kernel);

/* Density of @data at each of @at, one dimension, written to @out. */
void        bb_kde_evaluate_1d         (BbKdeKernel     kernel,
                                        const double   *data,
                                        gsize           n,
                                        double          bandwidth,
                                        const double   *at,
                                        gsize           n_at,
                                        double         *out);
/* Scott's rule, σ·n^(−1/5) with the sample standard deviation (as SciPy's
 * gaussian_kde). */
double      bb_kde_scott_bandwidth_1d  (const double   *data,
                                        gsize           n);

/* The bandwidth rule ArcGIS uses since 10.2.1:
 *   0.9 · min (SD, √(1/ln 2) · Dm) · n^(−0.2)
 * with SD the standard distance of the points and Dm the median distance
 * to their mean centre; the second term keeps a few far-away points from
 * blowing the bandwidth up.  Every point counts once.  0 when the points
 * are all in one place. */
double      bb_kde_default_bandwidth   (const double   *xs,
                                        const double   *ys,
                                        gsize           n);
/* The shorter side of the extent divided by 250 (the longer side when the
 * points lie on a line); 0 for a single place. */
double      bb_kde_default_cell_size   (double          width,
                                        double          height);

typedef struct {
  BbKdeKernel   kernel;
  double        bandwidth;   /* metres; 0 for bb_kde_default_bandwidth() */
  double        cell_size;   /* metres; 0 for bb_kde_default_cell_size() */
  /* When set, the surface takes this grid's geometry and projection, so
   * that surfaces of several periods can be compared cell by cell and
   * drawn on one scale. */
  const BbGrid *like;
} BbKdeOptions;

void        bb_kde_options_init        (BbKdeOptions   *options);

/* The density surface of the points (each weighing @weights[i], or 1), in
 * incidents per km² at the cell centres.  Without @options->like the grid
 * covers the points and the kernel's reach beyond them, so that nothing
 * falls off.
 *
 * The points are binned linearly onto the grid and the binned grid is
 * convolved with the kernel sampled at the cell centres and scaled to sum
 * to one: separable row and column passes for the Gaussian, the
 * two-dimensional disc stencil for the quartic and Epanechnikov kernels
 * (which are not separable).  The cost is O(n + cells × stencil), with no
 * per-point stamping; the surface sums to the weight on the grid. */
BbGrid     *bb_kde_grid_compute        (const double        *xs,
                                        const double        *ys,
                                        const double        *weights,
                                        gsize                n,
                                        const BbKdeOptions  *options,
                                        GError             **error);

/* Smooths a grid of counts already binned into a new surface in
 * incidents per km², as above. */
BbGrid     *bb_kde_grid_smooth         (const BbGrid        *counts,
                                        BbKdeKernel          kernel,
                                        double               bandwidth,
                                        GError             **error);

G_END_DECLS
