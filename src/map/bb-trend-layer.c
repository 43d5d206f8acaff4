/* bb-trend-layer.c: change between periods or emerging hot spots over the map, cell by cell */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-trend-layer"

#include "config.h"

#include "bb-map-key.h"
#include "bb-trend-layer.h"

struct _BbTrendLayer
{
  BbOverlayLayer  parent_instance;

  BbMapTrend     *trend;
  BbTrendShow     show;
  guint           highlight_col, highlight_row;
};

G_DEFINE_FINAL_TYPE (BbTrendLayer, bb_trend_layer, BB_TYPE_OVERLAY_LAYER)

/* The class a cell is drawn in: a BbChangeLevel (0, noise, not drawn) or
 * a BbEmergingPattern (0, none, not drawn). */
static int
cell_class (gpointer data,
            gsize    i)
{
  BbTrendLayer *self = data;

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
has_content (BbOverlayLayer *layer)
{
  BbTrendLayer *self = BB_TREND_LAYER (layer);

  return self->trend != NULL && self->trend->change_z != NULL
         && (self->show == BB_TREND_SHOW_CHANGE || self->trend->emerging != NULL);
}

static void
paint (BbOverlayLayer       *layer,
       cairo_t              *cr,
       const BbOverlayFrame *f,
       int                   width,
       int                   height)
{
  BbTrendLayer *self = BB_TREND_LAYER (layer);
  const BbGrid *grid;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  guint c0, c1, r0, r1;
  int first, last;

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

      if (klass == 0 || !bb_overlay_path_cells (cr, xs, ys, c0, c1, r0, r1, grid->n_cols, cell_class, self, klass))
        continue;
      cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                             BB_TREND_LAYER_ALPHA);
      cairo_fill (cr);
    }

  if (self->highlight_col < grid->n_cols && self->highlight_row < grid->n_rows)
    {
      guint c = self->highlight_col, r = self->highlight_row;

      cairo_rectangle (cr, xs[c], ys[r + 1], xs[c + 1] - xs[c], ys[r] - ys[r + 1]);
      bb_overlay_stroke_highlight (cr, 2);
    }
}

void
bb_trend_layer_paint (BbTrendLayer *self,
                      cairo_t      *cr,
                      int           width,
                      int           height)
{
  g_return_if_fail (BB_IS_TREND_LAYER (self));
  bb_overlay_layer_paint (BB_OVERLAY_LAYER (self), cr, width, height);
}

static void
bb_trend_layer_finalize (GObject *object)
{
  BbTrendLayer *self = BB_TREND_LAYER (object);

  g_clear_pointer (&self->trend, bb_map_trend_unref);

  G_OBJECT_CLASS (bb_trend_layer_parent_class)->finalize (object);
}

static void
bb_trend_layer_class_init (BbTrendLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  BbOverlayLayerClass *overlay_class = BB_OVERLAY_LAYER_CLASS (klass);

  object_class->finalize = bb_trend_layer_finalize;
  overlay_class->has_content = has_content;
  overlay_class->paint = paint;
}

static void
bb_trend_layer_init (BbTrendLayer *self)
{
  self->highlight_col = self->highlight_row = G_MAXUINT;
}

BbTrendLayer *
bb_trend_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_TREND_LAYER, "viewport", viewport, NULL);
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
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
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
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
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
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
}

gboolean
bb_trend_layer_is_drawn (BbTrendLayer         *self,
                         const BbMapTrendCell *cell)
{
  g_return_val_if_fail (BB_IS_TREND_LAYER (self), FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (!has_content (BB_OVERLAY_LAYER (self)))
    return FALSE;
  return cell_class (self, (gsize) cell->row * self->trend->change_z->n_cols + cell->col) != 0;
}

gboolean
bb_trend_layer_pick (BbTrendLayer   *self,
                     double          x,
                     double          y,
                     BbMapTrendCell *cell)
{
  double lon, lat;

  g_return_val_if_fail (BB_IS_TREND_LAYER (self), FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (!has_content (BB_OVERLAY_LAYER (self)) || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return FALSE;
  bb_overlay_layer_to_lonlat (BB_OVERLAY_LAYER (self), x, y, &lon, &lat);
  return bb_map_trend_cell_at (self->trend, lon, lat, cell) && bb_trend_layer_is_drawn (self, cell);
}
