/* bb-overlay-cache.h: an overlay layer drawn in tiles, each drawn once per zoom while it stays near the view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-grid.h"

G_BEGIN_DECLS

/* Where the map is: a point at Web Mercator world coordinates (wx, wy),
 * 0…1, lies at pixel ((wx − cx)·scale + half_w, (wy − cy)·scale + half_h). */
typedef struct {
  double scale;
  double cx, cy;
  double half_w, half_h;
  double zoom;
} BbOverlayFrame;

void bb_overlay_frame_init      (BbOverlayFrame        *frame,
                                 ShumateViewport       *viewport,
                                 int                    width,
                                 int                    height);
void bb_overlay_frame_to_pixel  (const BbOverlayFrame  *frame,
                                 double                 lon,
                                 double                 lat,
                                 double                *x,
                                 double                *y);
void bb_overlay_frame_to_lonlat (const BbOverlayFrame  *frame,
                                 double                 x,
                                 double                 y,
                                 double                *lon,
                                 double                *lat);

/* Where a position lies in @layer now, in its widget's pixels. */
void bb_overlay_frame_position  (ShumateLayer          *layer,
                                 double                 lon,
                                 double                 lat,
                                 double                *x,
                                 double                *y);

/* The pixel edges of @grid's columns (@xs, n_cols + 1) and rows (@ys,
 * n_rows + 1) in @frame: a local projection's x depends on longitude
 * only and y on latitude only, so columns and rows map one by one.  The
 * cells in sight are columns [@c0, @c1) and rows [@r0, @r1); FALSE when
 * none is. */
gboolean bb_overlay_frame_grid_edges (const BbOverlayFrame *frame,
                                      const BbGrid         *grid,
                                      int                   width,
                                      int                   height,
                                      double               *xs,
                                      double               *ys,
                                      guint                *c0,
                                      guint                *c1,
                                      guint                *r0,
                                      guint                *r1);

/* Draws @layer again whenever its viewport moves or zooms. */
void bb_overlay_redraw_on_viewport (ShumateLayer *layer);

/* Draws the overlay into @cr, @width × @height pixels, as @frame sees it. */
typedef void (*BbOverlayPaintFunc) (gpointer              user_data,
                                    cairo_t              *cr,
                                    const BbOverlayFrame *frame,
                                    int                   width,
                                    int                   height);

/* The overlay drawn in tiles of the world at the current zoom, kept while
 * they stay near the view: a pan draws only the tiles it brings into
 * sight, so that a frame costs a few blits however much the overlay
 * holds.  Zero-initialised; bb_overlay_cache_clear() draws it all again
 * at the next frame (and frees it). */
typedef struct {
  GHashTable *tiles;
  double      zoom;
  int         scale_factor;
} BbOverlayCache;
void bb_overlay_cache_clear     (BbOverlayCache        *cache);
void bb_overlay_cache_snapshot  (BbOverlayCache        *cache,
                                 GtkWidget             *layer,
                                 ShumateViewport       *viewport,
                                 GtkSnapshot           *snapshot,
                                 BbOverlayPaintFunc     paint,
                                 gpointer               user_data);

G_END_DECLS
