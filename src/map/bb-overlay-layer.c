/* bb-overlay-layer.c: the base of the analysis layers drawn over the map through a tile cache (heat map, hot spots, trends) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-overlay-layer"

#include "config.h"

#include "bb-overlay-layer.h"

typedef struct {
  BbOverlayCache cache;
} BbOverlayLayerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BbOverlayLayer, bb_overlay_layer, SHUMATE_TYPE_LAYER)

gboolean
bb_overlay_layer_has_content (BbOverlayLayer *self)
{
  g_return_val_if_fail (BB_IS_OVERLAY_LAYER (self), FALSE);
  return BB_OVERLAY_LAYER_GET_CLASS (self)->has_content (self);
}

static void
paint_cb (gpointer              user_data,
          cairo_t              *cr,
          const BbOverlayFrame *frame,
          int                   width,
          int                   height)
{
  BbOverlayLayer *self = user_data;

  if (bb_overlay_layer_has_content (self))
    BB_OVERLAY_LAYER_GET_CLASS (self)->paint (self, cr, frame, width, height);
}

void
bb_overlay_layer_paint (BbOverlayLayer *self,
                        cairo_t        *cr,
                        int             width,
                        int             height)
{
  BbOverlayFrame f;

  g_return_if_fail (BB_IS_OVERLAY_LAYER (self));
  g_return_if_fail (cr != NULL);

  bb_overlay_frame_init (&f, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height);
  paint_cb (self, cr, &f, width, height);
}

void
bb_overlay_layer_redraw (BbOverlayLayer *self)
{
  BbOverlayLayerPrivate *priv = bb_overlay_layer_get_instance_private (self);

  g_return_if_fail (BB_IS_OVERLAY_LAYER (self));

  bb_overlay_cache_clear (&priv->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_overlay_layer_to_lonlat (BbOverlayLayer *self,
                            double          x,
                            double          y,
                            double         *lon,
                            double         *lat)
{
  BbOverlayFrame f;

  g_return_if_fail (BB_IS_OVERLAY_LAYER (self));

  bb_overlay_frame_init (&f, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                         gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  bb_overlay_frame_to_lonlat (&f, x, y, lon, lat);
}

gboolean
bb_overlay_path_cells (cairo_t                *cr,
                       const double           *xs,
                       const double           *ys,
                       guint                   c0,
                       guint                   c1,
                       guint                   r0,
                       guint                   r1,
                       guint                   n_cols,
                       BbOverlayCellClassFunc  cell_class,
                       gpointer                data,
                       int                     klass)
{
  gboolean any = FALSE;

  for (guint row = r0; row < r1; row++)
    for (guint col = c0; col < c1; col++)
      if (cell_class (data, (gsize) row * n_cols + col) == klass)
        {
          cairo_rectangle (cr, xs[col] - 0.25, ys[row + 1] - 0.25,
                           xs[col + 1] - xs[col] + 0.5, ys[row] - ys[row + 1] + 0.5);
          any = TRUE;
        }
  return any;
}

void
bb_overlay_stroke_highlight (cairo_t *cr,
                             double   line_width)
{
  cairo_set_line_width (cr, 2 * line_width);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, line_width);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_stroke (cr);
}

static void
bb_overlay_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BbOverlayLayer *self = BB_OVERLAY_LAYER (widget);
  BbOverlayLayerPrivate *priv = bb_overlay_layer_get_instance_private (self);

  if (!bb_overlay_layer_has_content (self))
    return;
  bb_overlay_cache_snapshot (&priv->cache, widget, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                             snapshot, paint_cb, self);
}

static void
bb_overlay_layer_constructed (GObject *object)
{
  G_OBJECT_CLASS (bb_overlay_layer_parent_class)->constructed (object);

  bb_overlay_redraw_on_viewport (SHUMATE_LAYER (object));
}

static void
bb_overlay_layer_finalize (GObject *object)
{
  BbOverlayLayerPrivate *priv = bb_overlay_layer_get_instance_private (BB_OVERLAY_LAYER (object));

  bb_overlay_cache_clear (&priv->cache);

  G_OBJECT_CLASS (bb_overlay_layer_parent_class)->finalize (object);
}

static void
bb_overlay_layer_class_init (BbOverlayLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bb_overlay_layer_constructed;
  object_class->finalize = bb_overlay_layer_finalize;
  widget_class->snapshot = bb_overlay_layer_snapshot;
}

static void
bb_overlay_layer_init (BbOverlayLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
