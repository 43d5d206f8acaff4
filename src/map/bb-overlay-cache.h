/* bb-overlay-cache.h: an overlay layer drawn in tiles, each drawn once per zoom while it stays near the view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

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
