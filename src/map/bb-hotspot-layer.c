/* bb-hotspot-layer.c: Gi* hot and cold spots over the map, cells coloured by confidence */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-hotspot-layer"

#include "config.h"

#include <math.h>

#include "bb-hotspot-layer.h"

#define CELL_ALPHA 0.72

struct _BbHotspotLayer
{
  BbOverlayLayer  parent_instance;

  BbMapAnalysis  *analysis;
  BbHotspotUnits  units;
  guint           highlight;    /* spot id (district index + 1), 0 for none */
};

G_DEFINE_FINAL_TYPE (BbHotspotLayer, bb_hotspot_layer, BB_TYPE_OVERLAY_LAYER)

void
bb_hotspot_bin_colour (int     bin,
                       double *r,
                       double *g,
                       double *b)
{
  /* Cold 99, 95, 90 %, not significant, hot 90, 95, 99 %. */
  static const guint32 colours[7] = { 0x4575b5, 0x849eba, 0xc0ccbe, 0xffffbf, 0xfab984, 0xed7551, 0xd62f27 };
  guint32 rgb = colours[CLAMP (bin, -3, 3) + 3];

  *r = ((rgb >> 16) & 0xff) / 255.0;
  *g = ((rgb >> 8) & 0xff) / 255.0;
  *b = (rgb & 0xff) / 255.0;
}

/* The sides of @spot's cells that border another spot or none. */
static void
outline_path (BbHotspotLayer *self,
              cairo_t        *cr,
              const double   *xs,
              const double   *ys,
              guint           c0,
              guint           c1,
              guint           r0,
              guint           r1,
              gboolean      (*wanted) (BbHotspotLayer *self, guint spot))
{
  const BbGrid *grid = self->analysis->z;
  const guint *spot_of = self->analysis->spot_of;
  guint cols = grid->n_cols, rows = grid->n_rows;

  for (guint r = r0; r < r1; r++)
    for (guint c = c0; c < c1; c++)
      {
        guint spot = spot_of[(gsize) r * cols + c];

        if (spot == 0 || !wanted (self, spot))
          continue;
        /* Row r is south of row r + 1: ys[r] is its lower edge on screen. */
        if (c == 0 || spot_of[(gsize) r * cols + c - 1] != spot)
          cairo_move_to (cr, xs[c], ys[r]), cairo_line_to (cr, xs[c], ys[r + 1]);
        if (c + 1 == cols || spot_of[(gsize) r * cols + c + 1] != spot)
          cairo_move_to (cr, xs[c + 1], ys[r]), cairo_line_to (cr, xs[c + 1], ys[r + 1]);
        if (r == 0 || spot_of[(gsize) (r - 1) * cols + c] != spot)
          cairo_move_to (cr, xs[c], ys[r]), cairo_line_to (cr, xs[c + 1], ys[r]);
        if (r + 1 == rows || spot_of[(gsize) (r + 1) * cols + c] != spot)
          cairo_move_to (cr, xs[c], ys[r + 1]), cairo_line_to (cr, xs[c + 1], ys[r + 1]);
      }
}

static gboolean
is_hot (BbHotspotLayer *self,
        guint           spot)
{
  return g_array_index (self->analysis->spots, BbMapHotspot, spot - 1).sign > 0;
}

static gboolean
is_cold (BbHotspotLayer *self,
         guint           spot)
{
  return !is_hot (self, spot);
}

static gboolean
is_highlighted (BbHotspotLayer *self,
                guint           spot)
{
  return spot == self->highlight;
}

static void
district_path (cairo_t              *cr,
               const BbOverlayFrame *f,
               GPtrArray            *shape)
{
  for (guint r = 0; r < shape->len; r++)
    {
      GArray *ring = g_ptr_array_index (shape, r);

      for (guint k = 0; k < ring->len; k++)
        {
          const BbLonLat *p = &g_array_index (ring, BbLonLat, k);
          double x, y;

          bb_overlay_frame_to_pixel (f, p->lon, p->lat, &x, &y);
          if (k == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

/* Districts filled by their confidence bin, outlined; the districts with
 * nothing significant are left to the district layer. */
static void
paint_districts (BbHotspotLayer       *self,
                 cairo_t              *cr,
                 const BbOverlayFrame *f)
{
  const BbMapDistricts *districts = self->analysis->districts;
  const BbGistarResult *gi = self->analysis->district_gi;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint d = 0; d < districts->n; d++)
    {
      double r, g, b;

      if (gi->bin[d] == 0)
        continue;
      bb_hotspot_bin_colour (gi->bin[d], &r, &g, &b);
      district_path (cr, f, g_ptr_array_index (districts->rings, d));
      cairo_set_source_rgba (cr, r, g, b, 0.6);
      cairo_fill_preserve (cr);
      if (gi->bin[d] > 0)
        cairo_set_source_rgba (cr, 0.55, 0.05, 0.05, 0.9);
      else
        cairo_set_source_rgba (cr, 0.10, 0.22, 0.50, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (self->highlight > 0 && self->highlight <= districts->n)
    {
      district_path (cr, f, g_ptr_array_index (districts->rings, self->highlight - 1));
      bb_overlay_stroke_highlight (cr, 2.5);
    }
}

static gboolean
has_content (BbOverlayLayer *layer)
{
  BbHotspotLayer *self = BB_HOTSPOT_LAYER (layer);

  if (self->analysis == NULL)
    return FALSE;
  if (self->units == BB_HOTSPOT_UNITS_DISTRICTS)
    return self->analysis->district_gi != NULL;
  return self->analysis->spots != NULL && self->analysis->spots->len > 0;
}

static int
cell_bin (gpointer data,
          gsize    i)
{
  BbHotspotLayer *self = data;

  return self->analysis->bins[i];
}

static void
paint (BbOverlayLayer       *layer,
       cairo_t              *cr,
       const BbOverlayFrame *f,
       int                   width,
       int                   height)
{
  BbHotspotLayer *self = BB_HOTSPOT_LAYER (layer);
  const BbGrid *grid;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  guint c0, c1, r0, r1;
  double cell_px;

  if (self->units == BB_HOTSPOT_UNITS_DISTRICTS)
    {
      paint_districts (self, cr, f);
      return;
    }
  grid = self->analysis->z;
  xs = g_new (double, grid->n_cols + 1);
  ys = g_new (double, grid->n_rows + 1);
  if (!bb_overlay_frame_grid_edges (f, grid, width, height, xs, ys, &c0, &c1, &r0, &r1))
    return;
  cell_px = xs[1] - xs[0];

  /* One path per confidence bin, filled once. */
  for (int bin = -3; bin <= 3; bin++)
    {
      double r, g, b;

      if (bin == 0 || !bb_overlay_path_cells (cr, xs, ys, c0, c1, r0, r1, grid->n_cols, cell_bin, self, bin))
        continue;
      bb_hotspot_bin_colour (bin, &r, &g, &b);
      cairo_set_source_rgba (cr, r, g, b, CELL_ALPHA);
      cairo_fill (cr);
    }

  /* Each spot's outline, so that neighbouring spots and their extent read
   * apart from the cells' colours. */
  if (cell_px >= 3)
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      cairo_set_line_width (cr, cell_px >= 12 ? 1.5 : 1.0);
      outline_path (self, cr, xs, ys, c0, c1, r0, r1, is_hot);
      cairo_set_source_rgba (cr, 0.55, 0.05, 0.05, 0.9);
      cairo_stroke (cr);
      outline_path (self, cr, xs, ys, c0, c1, r0, r1, is_cold);
      cairo_set_source_rgba (cr, 0.10, 0.22, 0.50, 0.9);
      cairo_stroke (cr);
    }
  if (self->highlight != 0)
    {
      outline_path (self, cr, xs, ys, c0, c1, r0, r1, is_highlighted);
      bb_overlay_stroke_highlight (cr, 2.5);
    }
}

void
bb_hotspot_layer_paint (BbHotspotLayer *self,
                        cairo_t        *cr,
                        int             width,
                        int             height)
{
  g_return_if_fail (BB_IS_HOTSPOT_LAYER (self));
  bb_overlay_layer_paint (BB_OVERLAY_LAYER (self), cr, width, height);
}

static void
bb_hotspot_layer_finalize (GObject *object)
{
  BbHotspotLayer *self = BB_HOTSPOT_LAYER (object);

  g_clear_pointer (&self->analysis, bb_map_analysis_unref);

  G_OBJECT_CLASS (bb_hotspot_layer_parent_class)->finalize (object);
}

static void
bb_hotspot_layer_class_init (BbHotspotLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  BbOverlayLayerClass *overlay_class = BB_OVERLAY_LAYER_CLASS (klass);

  object_class->finalize = bb_hotspot_layer_finalize;
  overlay_class->has_content = has_content;
  overlay_class->paint = paint;
}

static void
bb_hotspot_layer_init (BbHotspotLayer *self)
{
}

BbHotspotLayer *
bb_hotspot_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_HOTSPOT_LAYER, "viewport", viewport, NULL);
}

void
bb_hotspot_layer_set_analysis (BbHotspotLayer *self,
                               BbMapAnalysis  *analysis)
{
  g_return_if_fail (BB_IS_HOTSPOT_LAYER (self));

  if (analysis != NULL)
    bb_map_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  self->analysis = analysis;
  self->highlight = 0;
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
}

void
bb_hotspot_layer_set_units (BbHotspotLayer *self,
                            BbHotspotUnits  units)
{
  g_return_if_fail (BB_IS_HOTSPOT_LAYER (self));

  if (self->units == units)
    return;
  self->units = units;
  self->highlight = 0;
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
}

BbHotspotUnits
bb_hotspot_layer_get_units (BbHotspotLayer *self)
{
  g_return_val_if_fail (BB_IS_HOTSPOT_LAYER (self), BB_HOTSPOT_UNITS_CELLS);
  return self->units;
}

int
bb_hotspot_layer_pick_district (BbHotspotLayer *self,
                                double          x,
                                double          y)
{
  double lon, lat;
  int d;

  g_return_val_if_fail (BB_IS_HOTSPOT_LAYER (self), -1);

  if (self->units != BB_HOTSPOT_UNITS_DISTRICTS || !has_content (BB_OVERLAY_LAYER (self))
      || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return -1;
  bb_overlay_layer_to_lonlat (BB_OVERLAY_LAYER (self), x, y, &lon, &lat);
  d = bb_map_districts_find (self->analysis->districts, lon, lat);
  return d >= 0 && self->analysis->district_gi->bin[d] != 0 ? d : -1;
}

BbMapAnalysis *
bb_hotspot_layer_get_analysis (BbHotspotLayer *self)
{
  g_return_val_if_fail (BB_IS_HOTSPOT_LAYER (self), NULL);
  return self->analysis;
}

void
bb_hotspot_layer_set_highlight (BbHotspotLayer *self,
                                guint           spot_id)
{
  g_return_if_fail (BB_IS_HOTSPOT_LAYER (self));

  if (self->highlight == spot_id)
    return;
  self->highlight = spot_id;
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
}

gboolean
bb_hotspot_layer_pick (BbHotspotLayer   *self,
                       double            x,
                       double            y,
                       BbMapHotspotCell *cell)
{
  double lon, lat;

  g_return_val_if_fail (BB_IS_HOTSPOT_LAYER (self), FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (self->analysis == NULL || self->units != BB_HOTSPOT_UNITS_CELLS || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return FALSE;
  bb_overlay_layer_to_lonlat (BB_OVERLAY_LAYER (self), x, y, &lon, &lat);
  return bb_map_analysis_cell_at (self->analysis, lon, lat, cell) && cell->bin != 0;
}

void
bb_hotspot_layer_cell_position (BbHotspotLayer *self,
                                guint           col,
                                guint           row,
                                double         *x,
                                double         *y)
{
  BbBBox box;

  g_return_if_fail (BB_IS_HOTSPOT_LAYER (self));
  g_return_if_fail (self->analysis != NULL && self->analysis->z != NULL);

  bb_map_analysis_cell_bbox (self->analysis->z, col, row, &box);
  bb_overlay_frame_position (SHUMATE_LAYER (self), (box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2,
                             x, y);
}
