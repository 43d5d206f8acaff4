/* bb-overlay-cache.h: one image of an overlay layer, drawn again only when a zoom or a long pan needs it */
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

/* The image is larger than the widget by a margin on every side: panning
 * only moves it until it no longer covers the widget, so that a frame
 * costs one texture however much the overlay holds. */
typedef struct {
  cairo_surface_t *surface;
  GdkTexture      *texture;
  double           zoom;
  double           cx, cy;
  int              width, height;   /* in widget pixels */
} BbOverlayCache;

void bb_overlay_cache_clear     (BbOverlayCache        *cache);
void bb_overlay_cache_snapshot  (BbOverlayCache        *cache,
                                 GtkWidget             *layer,
                                 ShumateViewport       *viewport,
                                 GtkSnapshot           *snapshot,
                                 BbOverlayPaintFunc     paint,
                                 gpointer               user_data);

G_END_DECLS
