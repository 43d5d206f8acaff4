/* bb-grid.c: a regular grid of square cells in metres over a local projection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-grid.h"

G_DEFINE_QUARK (bb-analysis-error-quark, bb_analysis_error)

BbGrid *
bb_grid_new (double x0,
             double y0,
             double cell_size,
             guint  n_cols,
             guint  n_rows)
{
  BbGrid *grid;

  g_return_val_if_fail (cell_size > 0, NULL);
  g_return_val_if_fail (n_cols > 0 && n_rows > 0, NULL);
  g_return_val_if_fail ((guint64) n_cols * n_rows <= BB_GRID_MAX_CELLS, NULL);

  grid = g_new0 (BbGrid, 1);
  grid->x0 = x0;
  grid->y0 = y0;
  grid->cell_size = cell_size;
  grid->n_cols = n_cols;
  grid->n_rows = n_rows;
  grid->values = g_new0 (float, (gsize) n_cols * n_rows);
  return grid;
}

BbGrid *
bb_grid_new_for_extent (double   min_x,
                        double   min_y,
                        double   max_x,
                        double   max_y,
                        double   cell_size,
                        double   margin,
                        GError **error)
{
  double x0, y0, cols, rows;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(cell_size > 0) || !isfinite (cell_size))
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("The cell size must be a positive number of metres."));
      return NULL;
    }
  if (!isfinite (min_x) || !isfinite (min_y) || !isfinite (max_x) || !isfinite (max_y)
      || min_x > max_x || min_y > max_y)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                   _("There are no positions to analyse."));
      return NULL;
    }
  margin = MAX (margin, 0.0);

  x0 = floor ((min_x - margin) / cell_size) * cell_size;
  y0 = floor ((min_y - margin) / cell_size) * cell_size;
  cols = floor ((max_x + margin - x0) / cell_size) + 1;
  rows = floor ((max_y + margin - y0) / cell_size) + 1;

  if (cols * rows > BB_GRID_MAX_CELLS)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE,
                   _("A grid of %.0f × %.0f cells of %g m is too large; choose larger cells."),
                   cols, rows, cell_size);
      return NULL;
    }

  return bb_grid_new (x0, y0, cell_size, (guint) cols, (guint) rows);
}

BbGrid *
bb_grid_new_like (const BbGrid *grid)
{
  BbGrid *copy;

  g_return_val_if_fail (grid != NULL, NULL);

  copy = bb_grid_new (grid->x0, grid->y0, grid->cell_size, grid->n_cols, grid->n_rows);
  copy->has_projection = grid->has_projection;
  copy->projection = grid->projection;
  return copy;
}

BbGrid *
bb_grid_copy (const BbGrid *grid)
{
  BbGrid *copy;

  g_return_val_if_fail (grid != NULL, NULL);

  copy = bb_grid_new_like (grid);
  memcpy (copy->values, grid->values, bb_grid_n_cells (grid) * sizeof (float));
  return copy;
}

void
bb_grid_free (BbGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->values);
  g_free (grid);
}

void
bb_grid_set_projection (BbGrid                  *grid,
                        const BbLocalProjection *projection)
{
  g_return_if_fail (grid != NULL);

  grid->has_projection = projection != NULL;
  if (projection != NULL)
    grid->projection = *projection;
}

gsize
bb_grid_n_cells (const BbGrid *grid)
{
  return (gsize) grid->n_cols * grid->n_rows;
}

double
bb_grid_cell_area_km2 (const BbGrid *grid)
{
  return grid->cell_size * grid->cell_size / 1e6;
}

gboolean
bb_grid_same_geometry (const BbGrid *a,
                       const BbGrid *b)
{
  return a->n_cols == b->n_cols && a->n_rows == b->n_rows
         && a->x0 == b->x0 && a->y0 == b->y0 && a->cell_size == b->cell_size;
}

gboolean
bb_grid_cell_at (const BbGrid *grid,
                 double        x,
                 double        y,
                 guint        *col,
                 guint        *row)
{
  double fc = floor ((x - grid->x0) / grid->cell_size);
  double fr = floor ((y - grid->y0) / grid->cell_size);

  if (!(fc >= 0 && fc < grid->n_cols && fr >= 0 && fr < grid->n_rows))
    return FALSE;
  *col = (guint) fc;
  *row = (guint) fr;
  return TRUE;
}

void
bb_grid_cell_centre (const BbGrid *grid,
                     guint         col,
                     guint         row,
                     double       *x,
                     double       *y)
{
  *x = grid->x0 + (col + 0.5) * grid->cell_size;
  *y = grid->y0 + (row + 0.5) * grid->cell_size;
}

void
bb_grid_cell_centre_lonlat (const BbGrid *grid,
                            guint         col,
                            guint         row,
                            double       *lon,
                            double       *lat)
{
  double x, y;

  g_return_if_fail (grid->has_projection);

  bb_grid_cell_centre (grid, col, row, &x, &y);
  bb_local_projection_inverse (&grid->projection, x, y, lon, lat);
}

gsize
bb_grid_add_points (BbGrid       *grid,
                    const double *xs,
                    const double *ys,
                    const double *weights,
                    gsize         n)
{
  const double inv = 1.0 / grid->cell_size;
  const double n_cols = grid->n_cols, n_rows = grid->n_rows;
  gsize kept = 0;

  for (gsize i = 0; i < n; i++)
    {
      double fc = (xs[i] - grid->x0) * inv;
      double fr = (ys[i] - grid->y0) * inv;

      /* NaN fails both comparisons and is skipped with the rest. */
      if (!(fc >= 0 && fc < n_cols && fr >= 0 && fr < n_rows))
        continue;
      grid->values[(gsize) fr * grid->n_cols + (gsize) fc] += weights ? weights[i] : 1.0;
      kept++;
    }
  return kept;
}

/* Shares one point's weight among the centres that exist around it; the
 * slow path for points near the edge. */
static double
add_point_linear_edge (BbGrid *grid,
                       double  fc,
                       double  fr,
                       double  w)
{
  const double last_col = grid->n_cols - 1, last_row = grid->n_rows - 1;
  double c0, r0, tx, ty, kept = 0;

  if (!(fc > -1 && fc < last_col + 1 && fr > -1 && fr < last_row + 1))
    return 0;
  c0 = floor (fc);
  r0 = floor (fr);
  tx = fc - c0;
  ty = fr - r0;
  for (int dr = 0; dr < 2; dr++)
    for (int dc = 0; dc < 2; dc++)
      {
        double c = c0 + dc, r = r0 + dr;
        double share = (dc ? tx : 1 - tx) * (dr ? ty : 1 - ty) * w;

        if (c < 0 || c > last_col || r < 0 || r > last_row)
          continue;
        grid->values[(gsize) r * grid->n_cols + (gsize) c] += share;
        kept += share;
      }
  return kept;
}

#define BATCH 32

double
bb_grid_add_points_linear (BbGrid       *grid,
                           const double *xs,
                           const double *ys,
                           const double *weights,
                           gsize         n)
{
  const double inv = 1.0 / grid->cell_size;
  const gsize stride = grid->n_cols;
  const double last_col = grid->n_cols - 1, last_row = grid->n_rows - 1;
  float *v = grid->values;
  double kept = 0;

  /* Points come in no useful order, so nearly every one misses the cache:
   * a batch of cells is worked out and fetched before any is updated. */
  for (gsize start = 0; start < n; start += BATCH)
    {
      gsize base[BATCH];
      float tx[BATCH], ty[BATCH], w[BATCH];
      guint m = 0;
      gsize end = MIN (start + BATCH, n);

      for (gsize i = start; i < end; i++)
        {
          /* Position in cell-centre coordinates: centre (c, r) is at (c, r). */
          double fc = (xs[i] - grid->x0) * inv - 0.5;
          double fr = (ys[i] - grid->y0) * inv - 0.5;
          double wi = weights ? weights[i] : 1.0;
          gsize c0, r0;

          if (!(fc >= 0 && fc < last_col && fr >= 0 && fr < last_row))
            {
              kept += add_point_linear_edge (grid, fc, fr, wi);
              continue;
            }
          c0 = (gsize) fc;
          r0 = (gsize) fr;
          base[m] = r0 * stride + c0;
          tx[m] = fc - c0;
          ty[m] = fr - r0;
          w[m] = wi;
          __builtin_prefetch (v + base[m], 1);
          __builtin_prefetch (v + base[m] + stride, 1);
          m++;
        }
      for (guint k = 0; k < m; k++)
        {
          float *cell = v + base[k];
          float below = (1 - ty[k]) * w[k], above = ty[k] * w[k];

          cell[0] += (1 - tx[k]) * below;
          cell[1] += tx[k] * below;
          cell[stride] += (1 - tx[k]) * above;
          cell[stride + 1] += tx[k] * above;
          kept += w[k];
        }
    }
  return kept;
}

double
bb_grid_sum (const BbGrid *grid)
{
  gsize n = bb_grid_n_cells (grid);
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += grid->values[i];
  return sum;
}

double
bb_grid_max (const BbGrid *grid)
{
  gsize n = bb_grid_n_cells (grid);
  float max = -INFINITY;

  for (gsize i = 0; i < n; i++)
    max = MAX (max, grid->values[i]);
  return max;
}
