/* bb-area-hotspots.h: the Gi* hot-spot statistics of a problem's area, as the map computes them for its categories and period */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* The hot-spot grid of the Map view (same cells, same distance band, the
 * station's whole extent) over the incidents of the problem's categories
 * and period, read at the cells whose centre lies in the problem's area
 * (its district's boundary without one). */
typedef struct {
  guint   n_analysed;     /* incidents with a position the grid was made of */
  guint   n_cells;        /* cells of the area */
  guint   n_in_cells;     /* incidents in them */
  guint   n_hot[4];       /* of the area's cells, hot at 90 % [1], 95 % [2], 99 % [3] */
  guint   n_in_hot;       /* incidents in the area's hot cells */
  double  peak_z;         /* the strongest z of the area's cells (NAN: no cell) */
  int     peak_bin;       /* its level, −3 … 3 */
  double  cell_size;      /* metres */
  double  distance;       /* the Gi* distance band, metres */
  char   *note;           /* why there are no statistics, or NULL */
} BbAreaHotspots;

void            bb_area_hotspots_free           (BbAreaHotspots  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbAreaHotspots, bb_area_hotspots_free)

BbAreaHotspots *bb_area_hotspots_compute        (BbStore         *store,
                                                 const char      *problem_id,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
void            bb_area_hotspots_compute_async  (BbStore             *store,
                                                 const char          *problem_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
BbAreaHotspots *bb_area_hotspots_compute_finish (GAsyncResult    *result,
                                                 GError         **error);

/* The statistics in a few plain sentences (or the note). */
char           *bb_area_hotspots_describe       (const BbAreaHotspots *self);

G_END_DECLS
