/* bb-district-layer.c: the station's districts: boundaries and names over the base map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-district-layer"

#include "config.h"

#include "bb-overlay-cache.h"
#include <math.h>

#include "bb-district-layer.h"
#include "bb-overlay-cache.h"
#include "bb-tile-math.h"

struct _BbDistrictLayer
{
  ShumateLayer  parent_instance;

  GPtrArray    *districts;
  GPtrArray    *rings;
  gboolean      names;     /* draws the names only, to lie above the incidents */
  BbOverlayCache cache;    /* boundaries and names change only with the districts */
};

G_DEFINE_FINAL_TYPE (BbDistrictLayer, bb_district_layer, SHUMATE_TYPE_LAYER)

static void draw_boundaries (BbDistrictLayer      *self,
                             cairo_t              *cr,
                             const BbOverlayFrame *f);
static void draw_names      (BbDistrictLayer      *self,
                             cairo_t              *cr,
                             const BbOverlayFrame *f,
                             int                   width,
                             int                   height);

static void
paint_cb (gpointer              user_data,
          cairo_t              *cr,
          const BbOverlayFrame *f,
          int                   width,
          int                   height)
{
  BbDistrictLayer *self = user_data;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->names)
    draw_names (self, cr, f, width, height);
  else
    draw_boundaries (self, cr, f);
}

static void
bb_district_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BbDistrictLayer *self = BB_DISTRICT_LAYER (widget);

  if (self->districts == NULL)
    return;
  bb_overlay_cache_snapshot (&self->cache, widget, shumate_layer_get_viewport (SHUMATE_LAYER (self)), snapshot,
                             paint_cb, self);
}

static void
draw_boundaries (BbDistrictLayer      *self,
                 cairo_t              *cr,
                 const BbOverlayFrame *f)
{
  static const double dash[] = { 8.0, 4.0 };

  for (guint d = 0; d < self->rings->len; d++)
    {
      GPtrArray *rings = g_ptr_array_index (self->rings, d);

      for (guint r = 0; r < rings->len; r++)
        {
          GArray *ring = g_ptr_array_index (rings, r);

          for (guint k = 0; k < ring->len; k++)
            {
              BbLonLat *p = &g_array_index (ring, BbLonLat, k);
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
  /* A soft halo under a dashed line keeps the boundary legible on any base map. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke_preserve (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_source_rgba (cr, 0.40, 0.24, 0.60, 0.9);
  cairo_set_line_width (cr, 1.8);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_names (BbDistrictLayer      *self,
            cairo_t              *cr,
            const BbOverlayFrame *f,
            int                   width,
            int                   height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;

  /* Names at the centre of each district's box, where they fit, with a
   * halo that keeps them readable over incident clusters. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  font = pango_font_description_from_string (f->zoom >= 14 ? "Sans Bold 11" : "Sans Bold 9");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  for (guint d = 0; d < self->districts->len; d++)
    {
      BbMapDistrict *district = g_ptr_array_index (self->districts, d);
      GPtrArray *rings = g_ptr_array_index (self->rings, d);
      double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY, sx = 0, sy = 0;
      guint n = 0;
      int tw, th;

      if (rings->len == 0)
        continue;
      {
        GArray *ring = g_ptr_array_index (rings, 0);
        for (guint k = 0; k < ring->len; k++)
          {
            BbLonLat *p = &g_array_index (ring, BbLonLat, k);
            double x, y;

            bb_overlay_frame_to_pixel (f, p->lon, p->lat, &x, &y);
            min_x = MIN (min_x, x), max_x = MAX (max_x, x);
            min_y = MIN (min_y, y), max_y = MAX (max_y, y);
            sx += x, sy += y, n++;
          }
      }
      pango_layout_set_text (layout, district->name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (tw > (max_x - min_x) * 0.9 || th > (max_y - min_y) * 0.5)
        continue;
      sx /= n, sy /= n;
      if (sx < -tw || sx > width + tw || sy < -th || sy > height + th)
        continue;
      cairo_move_to (cr, sx - tw / 2.0, sy - th / 2.0);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
      cairo_set_line_width (cr, 4.5);
      cairo_stroke (cr);
      cairo_move_to (cr, sx - tw / 2.0, sy - th / 2.0);
      cairo_set_source_rgb (cr, 0.33, 0.18, 0.50);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
}

BbMapDistrict *
bb_district_layer_pick (BbDistrictLayer *self,
                        double           x,
                        double           y)
{
  ShumateViewport *viewport;

  g_return_val_if_fail (BB_IS_DISTRICT_LAYER (self), NULL);

  if (self->districts == NULL)
    return NULL;
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  {
    double scale = 256.0 * exp2 (shumate_viewport_get_zoom_level (viewport));
    double cx, cy, lon, lat;

    bb_tile_from_lonlat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 0, &cx, &cy);
    bb_tile_to_lonlat ((x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / scale + cx,
                       (y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / scale + cy,
                       0, &lon, &lat);
    for (guint d = 0; d < self->rings->len; d++)
      {
        GPtrArray *rings = g_ptr_array_index (self->rings, d);

        for (guint r = 0; r < rings->len; r++)
          {
            GArray *ring = g_ptr_array_index (rings, r);
            if (bb_ring_contains ((BbLonLat *) ring->data, ring->len, lon, lat))
              return g_ptr_array_index (self->districts, d);
          }
      }
  }
  return NULL;
}

static void
bb_district_layer_constructed (GObject *object)
{
  BbDistrictLayer *self = BB_DISTRICT_LAYER (object);

  G_OBJECT_CLASS (bb_district_layer_parent_class)->constructed (object);

  bb_overlay_redraw_on_viewport (SHUMATE_LAYER (self));
}

static void
bb_district_layer_finalize (GObject *object)
{
  BbDistrictLayer *self = BB_DISTRICT_LAYER (object);

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  bb_overlay_cache_clear (&self->cache);

  G_OBJECT_CLASS (bb_district_layer_parent_class)->finalize (object);
}

static void
bb_district_layer_class_init (BbDistrictLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bb_district_layer_constructed;
  object_class->finalize = bb_district_layer_finalize;
  widget_class->snapshot = bb_district_layer_snapshot;
}

static void
bb_district_layer_init (BbDistrictLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

BbDistrictLayer *
bb_district_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_DISTRICT_LAYER, "viewport", viewport, NULL);
}

BbDistrictLayer *
bb_district_layer_new_names (ShumateViewport *viewport)
{
  BbDistrictLayer *self = g_object_new (BB_TYPE_DISTRICT_LAYER, "viewport", viewport, NULL);

  self->names = TRUE;
  return self;
}

void
bb_district_layer_set_districts (BbDistrictLayer *self,
                                 GPtrArray       *districts,
                                 GPtrArray       *rings)
{
  g_return_if_fail (BB_IS_DISTRICT_LAYER (self));
  g_return_if_fail ((districts == NULL) == (rings == NULL));
  g_return_if_fail (districts == NULL || districts->len == rings->len);

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  bb_overlay_cache_clear (&self->cache);
  if (districts != NULL)
    {
      self->districts = g_ptr_array_ref (districts);
      self->rings = g_ptr_array_ref (rings);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
