/* bb-grid.h: a regular grid of square cells in metres over a local projection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-geo.h"

G_BEGIN_DECLS

/* Errors of every analysis (grid, KDE, Gi*, Knox, trends). */
#define BB_ANALYSIS_ERROR (bb_analysis_error_quark ())

typedef enum {
  BB_ANALYSIS_ERROR_INVALID,    /* a parameter or input no analysis can use */
  BB_ANALYSIS_ERROR_TOO_LARGE,  /* the grid or workload would not fit */
} BbAnalysisError;

GQuark   bb_analysis_error_quark   (void);

/* Cells are square, @cell_size metres wide.  Cell (col, row) covers
 * [x0 + col·cell, x0 + (col+1)·cell) × [y0 + row·cell, y0 + (row+1)·cell):
 * row 0 is the southern edge, x grows east and y north.  Values are stored
 * row by row (values[row * n_cols + col]); single precision keeps a
 * 1000×1000 surface at 4 MB and is far finer than any count or density
 * the analyses produce.
 *
 * The projection, when set, says where the metres are on the Earth so that
 * cells can be drawn on the map. */
typedef struct {
  double             x0, y0;
  double             cell_size;
  guint              n_cols, n_rows;
  float             *values;
  gboolean           has_projection;
  BbLocalProjection  projection;
} BbGrid;

/* Grids larger than this many cells are refused: 16 million cells is a
 * 4 km town at 1 m, far beyond any map. */
#define BB_GRID_MAX_CELLS (16u * 1024u * 1024u)

BbGrid  *bb_grid_new               (double         x0,
                                    double         y0,
                                    double         cell_size,
                                    guint          n_cols,
                                    guint          n_rows);
/* A grid covering the box [min_x, max_x] × [min_y, max_y] widened by
 * @margin metres on every side, with its corner on a multiple of the cell
 * size.  NULL (and @error set) when the grid would be too large. */
BbGrid  *bb_grid_new_for_extent    (double         min_x,
                                    double         min_y,
                                    double         max_x,
                                    double         max_y,
                                    double         cell_size,
                                    double         margin,
                                    GError       **error);
BbGrid  *bb_grid_copy              (const BbGrid  *grid);
/* A grid of the same geometry (and projection) filled with zeros. */
BbGrid  *bb_grid_new_like          (const BbGrid  *grid);
void     bb_grid_free              (BbGrid        *grid);

void     bb_grid_set_projection    (BbGrid                  *grid,
                                    const BbLocalProjection *projection);

gsize    bb_grid_n_cells           (const BbGrid  *grid);
double   bb_grid_cell_area_km2     (const BbGrid  *grid);
gboolean bb_grid_same_geometry     (const BbGrid  *a,
                                    const BbGrid  *b);

static inline float
bb_grid_get (const BbGrid *grid,
             guint         col,
             guint         row)
{
  return grid->values[(gsize) row * grid->n_cols + col];
}

/* The cell holding the point, FALSE when the point is off the grid. */
gboolean bb_grid_cell_at           (const BbGrid  *grid,
                                    double         x,
                                    double         y,
                                    guint         *col,
                                    guint         *row);
void     bb_grid_cell_centre       (const BbGrid  *grid,
                                    guint          col,
                                    guint          row,
                                    double        *x,
                                    double        *y);
/* The centre in WGS84; the grid must have a projection. */
void     bb_grid_cell_centre_lonlat (const BbGrid *grid,
                                     guint         col,
                                     guint         row,
                                     double       *lon,
                                     double       *lat);

/* Adds each point's weight (1 when @weights is NULL) to the cell holding
 * it; points off the grid are skipped.  Returns the number binned. */
gsize    bb_grid_add_points        (BbGrid        *grid,
                                    const double  *xs,
                                    const double  *ys,
                                    const double  *weights,
                                    gsize          n);
/* Linear binning: each point's weight is shared among the four cell
 * centres around it in proportion to its nearness, which keeps a smoothed
 * surface within a fraction of a per cent of direct summation (Wand 1994).
 * Weight falling off the grid is dropped.  Returns the weight kept. */
double   bb_grid_add_points_linear (BbGrid        *grid,
                                    const double  *xs,
                                    const double  *ys,
                                    const double  *weights,
                                    gsize          n);

double   bb_grid_sum               (const BbGrid  *grid);
double   bb_grid_max               (const BbGrid  *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbGrid, bb_grid_free)

G_END_DECLS
