/* bb-overlay-layer.h: the base of the analysis layers drawn over the map through a tile cache (heat map, hot spots, trends) */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <shumate/shumate.h>

#include "bb-overlay-cache.h"

G_BEGIN_DECLS

#define BB_TYPE_OVERLAY_LAYER (bb_overlay_layer_get_type ())
G_DECLARE_DERIVABLE_TYPE (BbOverlayLayer, bb_overlay_layer, BB, OVERLAY_LAYER, ShumateLayer)

struct _BbOverlayLayerClass
{
  ShumateLayerClass parent_class;

  /* Whether there is anything to draw at all. */
  gboolean (*has_content) (BbOverlayLayer       *self);
  /* Draws the layer into @cr, @width × @height pixels, as @frame sees it. */
  void     (*paint)       (BbOverlayLayer       *self,
                           cairo_t              *cr,
                           const BbOverlayFrame *frame,
                           int                   width,
                           int                   height);
};

/* Draws the layer as the map shows it now into @cr (for printing and
 * saving the map), @width × @height pixels. */
void     bb_overlay_layer_paint     (BbOverlayLayer *self,
                                     cairo_t        *cr,
                                     int             width,
                                     int             height);
/* Forgets the tiles drawn: what the layer shows has changed. */
void     bb_overlay_layer_redraw    (BbOverlayLayer *self);
gboolean bb_overlay_layer_has_content (BbOverlayLayer *self);
/* Where pixel (@x, @y) of the layer lies on the map now. */
void     bb_overlay_layer_to_lonlat (BbOverlayLayer *self,
                                     double          x,
                                     double          y,
                                     double         *lon,
                                     double         *lat);

/* Adds to @cr's path a rectangle for each cell in sight (columns [@c0,
 * @c1), rows [@r0, @r1) of a grid @n_cols wide, pixel edges @xs and @ys as
 * bb_overlay_frame_grid_edges() gives them) whose @cell_class is @klass,
 * with a hair of overlap that hides the seams between cells.  Whether it
 * added any. */
typedef int (*BbOverlayCellClassFunc) (gpointer data,
                                       gsize    index);
gboolean bb_overlay_path_cells      (cairo_t                *cr,
                                     const double           *xs,
                                     const double           *ys,
                                     guint                   c0,
                                     guint                   c1,
                                     guint                   r0,
                                     guint                   r1,
                                     guint                   n_cols,
                                     BbOverlayCellClassFunc  cell_class,
                                     gpointer                data,
                                     int                     klass);
/* Strokes the path as a highlight: dark, @line_width wide, over a white
 * halo twice as wide. */
void     bb_overlay_stroke_highlight (cairo_t               *cr,
                                      double                 line_width);

G_END_DECLS
