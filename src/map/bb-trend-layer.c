/* bb-trend-layer.c: change between periods or emerging hot spots over the map, cell by cell */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-trend-layer"

#include "config.h"

#include "bb-map-key.h"
#include "bb-overlay-cache.h"
#include "bb-trend-layer.h"

struct _BbTrendLayer
{
  ShumateLayer    parent_instance;

  BbMapTrend     *trend;
  BbTrendShow     show;
  guint           highlight_col, highlight_row;
  BbOverlayCache  cache;
};

G_DEFINE_FINAL_TYPE (BbTrendLayer, bb_trend_layer, SHUMATE_TYPE_LAYER)

/* The class a cell is drawn in: a BbChangeLevel (0, noise, not drawn) or
 * a BbEmergingPattern (0, none, not drawn). */
static int
cell_class (BbTrendLayer *self,
            gsize         i)
{
  if (self->show == BB_TREND_SHOW_EMERGING)
    return self->trend->emerging != NULL ? self->trend->emerging->pattern[i] : 0;
  /* A cell with no incident in either period has nothing to say. */
  if (self->trend->current->values[i] == 0 && self->trend->base->values[i] == 0)
    return 0;
  return bb_trend_change_level (self->trend->change_z->values[i]);
}

static guint32
class_rgb (BbTrendLayer *self,
           int           klass)
{
  return self->show == BB_TREND_SHOW_EMERGING ? bb_map_key_emerging_rgb (klass)
                                              : bb_map_key_change_rgb (klass);
}

static gboolean
has_content (BbTrendLayer *self)
{
  return self->trend != NULL && self->trend->change_z != NULL
         && (self->show == BB_TREND_SHOW_CHANGE || self->trend->emerging != NULL);
}

static void
paint_cb (gpointer              user_data,
          cairo_t              *cr,
          const BbOverlayFrame *f,
          int                   width,
          int                   height)
{
  BbTrendLayer *self = user_data;
  const BbGrid *grid;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  guint c0, c1, r0, r1;
  int first, last;

  if (!has_content (self))
    return;
  grid = self->trend->change_z;
  xs = g_new (double, grid->n_cols + 1);
  ys = g_new (double, grid->n_rows + 1);
  if (!bb_overlay_frame_grid_edges (f, grid, width, height, xs, ys, &c0, &c1, &r0, &r1))
    return;

  first = self->show == BB_TREND_SHOW_EMERGING ? 1 : BB_CHANGE_SIGNIFICANT_FALL;
  last = self->show == BB_TREND_SHOW_EMERGING ? BB_EMERGING_N_PATTERNS - 1 : BB_CHANGE_SIGNIFICANT_RISE;
  /* One path per class, filled once. */
  for (int klass = first; klass <= last; klass++)
    {
      guint32 rgb = class_rgb (self, klass);
      gboolean any = FALSE;

      if (klass == 0)
        continue;
      for (guint row = r0; row < r1; row++)
        for (guint col = c0; col < c1; col++)
          if (cell_class (self, (gsize) row * grid->n_cols + col) == klass)
            {
              cairo_rectangle (cr, xs[col] - 0.25, ys[row + 1] - 0.25,
                               xs[col + 1] - xs[col] + 0.5, ys[row] - ys[row + 1] + 0.5);
              any = TRUE;
            }
      if (!any)
        continue;
      cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                             BB_TREND_LAYER_ALPHA);
      cairo_fill (cr);
    }

  if (self->highlight_col < grid->n_cols && self->highlight_row < grid->n_rows)
    {
      guint c = self->highlight_col, r = self->highlight_row;

      cairo_rectangle (cr, xs[c], ys[r + 1], xs[c + 1] - xs[c], ys[r] - ys[r + 1]);
      cairo_set_line_width (cr, 4);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);
    }
}

void
bb_trend_layer_paint (BbTrendLayer *self,
                      cairo_t      *cr,
                      int           width,
                      int           height)
{
  BbOverlayFrame f;

  g_return_if_fail (BB_IS_TREND_LAYER (self));
  g_return_if_fail (cr != NULL);

  bb_overlay_frame_init (&f, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height);
  paint_cb (self, cr, &f, width, height);
}

static void
bb_trend_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  BbTrendLayer *self = BB_TREND_LAYER (widget);

  if (!has_content (self))
    return;
  bb_overlay_cache_snapshot (&self->cache, widget, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                             snapshot, paint_cb, self);
}

static void
bb_trend_layer_constructed (GObject *object)
{
  BbTrendLayer *self = BB_TREND_LAYER (object);

  G_OBJECT_CLASS (bb_trend_layer_parent_class)->constructed (object);

  bb_overlay_redraw_on_viewport (SHUMATE_LAYER (self));
}

static void
bb_trend_layer_finalize (GObject *object)
{
  BbTrendLayer *self = BB_TREND_LAYER (object);

  bb_overlay_cache_clear (&self->cache);
  g_clear_pointer (&self->trend, bb_map_trend_unref);

  G_OBJECT_CLASS (bb_trend_layer_parent_class)->finalize (object);
}

static void
bb_trend_layer_class_init (BbTrendLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bb_trend_layer_constructed;
  object_class->finalize = bb_trend_layer_finalize;
  widget_class->snapshot = bb_trend_layer_snapshot;
}

static void
bb_trend_layer_init (BbTrendLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  self->highlight_col = self->highlight_row = G_MAXUINT;
}

BbTrendLayer *
bb_trend_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_TREND_LAYER, "viewport", viewport, NULL);
}

static void
redraw (BbTrendLayer *self)
{
  bb_overlay_cache_clear (&self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_trend_layer_set_trend (BbTrendLayer *self,
                          BbMapTrend   *trend)
{
  g_return_if_fail (BB_IS_TREND_LAYER (self));

  if (trend != NULL)
    bb_map_trend_ref (trend);
  g_clear_pointer (&self->trend, bb_map_trend_unref);
  self->trend = trend;
  self->highlight_col = self->highlight_row = G_MAXUINT;
  redraw (self);
}

BbMapTrend *
bb_trend_layer_get_trend (BbTrendLayer *self)
{
  g_return_val_if_fail (BB_IS_TREND_LAYER (self), NULL);
  return self->trend;
}

void
bb_trend_layer_set_show (BbTrendLayer *self,
                         BbTrendShow   show)
{
  g_return_if_fail (BB_IS_TREND_LAYER (self));

  if (self->show == show)
    return;
  self->show = show;
  self->highlight_col = self->highlight_row = G_MAXUINT;
  redraw (self);
}

BbTrendShow
bb_trend_layer_get_show (BbTrendLayer *self)
{
  g_return_val_if_fail (BB_IS_TREND_LAYER (self), BB_TREND_SHOW_CHANGE);
  return self->show;
}

void
bb_trend_layer_set_highlight (BbTrendLayer *self,
                              guint         col,
                              guint         row)
{
  g_return_if_fail (BB_IS_TREND_LAYER (self));

  if (self->highlight_col == col && self->highlight_row == row)
    return;
  self->highlight_col = col;
  self->highlight_row = row;
  redraw (self);
}

gboolean
bb_trend_layer_is_drawn (BbTrendLayer         *self,
                         const BbMapTrendCell *cell)
{
  g_return_val_if_fail (BB_IS_TREND_LAYER (self), FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (!has_content (self))
    return FALSE;
  return cell_class (self, (gsize) cell->row * self->trend->change_z->n_cols + cell->col) != 0;
}

gboolean
bb_trend_layer_pick (BbTrendLayer   *self,
                     double          x,
                     double          y,
                     BbMapTrendCell *cell)
{
  BbOverlayFrame f;
  double lon, lat;

  g_return_val_if_fail (BB_IS_TREND_LAYER (self), FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (!has_content (self) || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return FALSE;
  bb_overlay_frame_init (&f, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                         gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  bb_overlay_frame_to_lonlat (&f, x, y, &lon, &lat);
  return bb_map_trend_cell_at (self->trend, lon, lat, cell) && bb_trend_layer_is_drawn (self, cell);
}
