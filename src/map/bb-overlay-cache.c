/* bb-overlay-cache.c: one image of an overlay layer, drawn again only when a zoom or a long pan needs it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-overlay-cache"

#include "config.h"

#include <math.h>

#include "bb-overlay-cache.h"
#include "bb-tile-math.h"

#define CACHE_MARGIN 256

void
bb_overlay_frame_init (BbOverlayFrame  *frame,
                       ShumateViewport *viewport,
                       int              width,
                       int              height)
{
  g_return_if_fail (frame != NULL && SHUMATE_IS_VIEWPORT (viewport));

  frame->zoom = shumate_viewport_get_zoom_level (viewport);
  frame->scale = 256.0 * exp2 (frame->zoom);
  bb_tile_from_lonlat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 0, &frame->cx, &frame->cy);
  frame->half_w = width / 2.0;
  frame->half_h = height / 2.0;
}

void
bb_overlay_frame_to_pixel (const BbOverlayFrame *frame,
                           double                lon,
                           double                lat,
                           double               *x,
                           double               *y)
{
  double wx, wy;

  bb_tile_from_lonlat (lon, lat, 0, &wx, &wy);
  *x = (wx - frame->cx) * frame->scale + frame->half_w;
  *y = (wy - frame->cy) * frame->scale + frame->half_h;
}

void
bb_overlay_frame_to_lonlat (const BbOverlayFrame *frame,
                            double                x,
                            double                y,
                            double               *lon,
                            double               *lat)
{
  bb_tile_to_lonlat ((x - frame->half_w) / frame->scale + frame->cx,
                     (y - frame->half_h) / frame->scale + frame->cy, 0, lon, lat);
}

void
bb_overlay_frame_position (ShumateLayer *layer,
                           double        lon,
                           double        lat,
                           double       *x,
                           double       *y)
{
  BbOverlayFrame f;

  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  bb_overlay_frame_init (&f, shumate_layer_get_viewport (layer), gtk_widget_get_width (GTK_WIDGET (layer)),
                         gtk_widget_get_height (GTK_WIDGET (layer)));
  bb_overlay_frame_to_pixel (&f, lon, lat, x, y);
}

void
bb_overlay_cache_clear (BbOverlayCache *cache)
{
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_clear_object (&cache->texture);
}

static void
render (BbOverlayCache       *cache,
        GtkWidget            *layer,
        const BbOverlayFrame *f,
        int                   width,
        int                   height,
        BbOverlayPaintFunc    paint,
        gpointer              user_data)
{
  int scale = gtk_widget_get_scale_factor (layer);
  BbOverlayFrame g = *f;
  cairo_t *cr;

  bb_overlay_cache_clear (cache);
  cache->width = width + 2 * CACHE_MARGIN;
  cache->height = height + 2 * CACHE_MARGIN;
  cache->zoom = f->zoom;
  cache->cx = f->cx;
  cache->cy = f->cy;
  g.half_w = cache->width / 2.0;
  g.half_h = cache->height / 2.0;

  cache->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cache->width * scale, cache->height * scale);
  cr = cairo_create (cache->surface);
  cairo_scale (cr, scale, scale);
  paint (user_data, cr, &g, cache->width, cache->height);
  cairo_destroy (cr);
  cairo_surface_flush (cache->surface);
  cairo_surface_set_device_scale (cache->surface, scale, scale);
}

/* The image as a texture, made once per image and kept on the GPU. */
static GdkTexture *
cache_texture (BbOverlayCache *cache)
{
  g_autoptr(GBytes) bytes = NULL;
  int stride = cairo_image_surface_get_stride (cache->surface);
  int height = cairo_image_surface_get_height (cache->surface);

  if (cache->texture != NULL)
    return cache->texture;
  /* The texture keeps the surface's pixels without copying them. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (cache->surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (cache->surface));
  cache->texture = gdk_memory_texture_new (cairo_image_surface_get_width (cache->surface), height,
                                           GDK_MEMORY_DEFAULT, bytes, stride);
  return cache->texture;
}

void
bb_overlay_cache_snapshot (BbOverlayCache     *cache,
                           GtkWidget          *layer,
                           ShumateViewport    *viewport,
                           GtkSnapshot        *snapshot,
                           BbOverlayPaintFunc  paint,
                           gpointer            user_data)
{
  int width = gtk_widget_get_width (layer);
  int height = gtk_widget_get_height (layer);
  BbOverlayFrame f;
  double x, y;

  if (width <= 0 || height <= 0)
    return;
  bb_overlay_frame_init (&f, viewport, width, height);

  /* Where the image's top-left corner lies in the widget now. */
  x = round ((cache->cx - f.cx) * f.scale + f.half_w - cache->width / 2.0);
  y = round ((cache->cy - f.cy) * f.scale + f.half_h - cache->height / 2.0);
  if (cache->surface == NULL || cache->zoom != f.zoom
      || x > 0 || y > 0 || x + cache->width < width || y + cache->height < height)
    {
      render (cache, layer, &f, width, height, paint, user_data);
      x = y = -CACHE_MARGIN;
    }

  if (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (layer))))
    {
      /* Software rendering: one blit, no texture made and read back. */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

      cairo_set_source_surface (cr, cache->surface, x, y);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_texture (snapshot, cache_texture (cache),
                                 &GRAPHENE_RECT_INIT (x, y, cache->width, cache->height));
}

gboolean
bb_overlay_frame_grid_edges (const BbOverlayFrame *f,
                             const BbGrid         *grid,
                             int                   width,
                             int                   height,
                             double               *xs,
                             double               *ys,
                             guint                *c0,
                             guint                *c1,
                             guint                *r0,
                             guint                *r1)
{
  double lon, lat, x, y, ignore;

  g_return_val_if_fail (f != NULL && grid != NULL && grid->has_projection, FALSE);

  bb_local_projection_inverse (&grid->projection, grid->x0, grid->y0, &ignore, &lat);
  for (guint c = 0; c <= grid->n_cols; c++)
    {
      bb_local_projection_inverse (&grid->projection, grid->x0 + c * grid->cell_size, grid->y0, &lon, &ignore);
      bb_overlay_frame_to_pixel (f, lon, lat, &x, &ignore);
      xs[c] = x;
    }
  bb_local_projection_inverse (&grid->projection, grid->x0, grid->y0, &lon, &ignore);
  for (guint r = 0; r <= grid->n_rows; r++)
    {
      bb_local_projection_inverse (&grid->projection, grid->x0, grid->y0 + r * grid->cell_size, &ignore, &lat);
      bb_overlay_frame_to_pixel (f, lon, lat, &ignore, &y);
      ys[r] = y;
    }
  /* Only the cells in sight (x grows with columns, y falls with rows). */
  for (*c0 = 0; *c0 < grid->n_cols && xs[*c0 + 1] < 0; (*c0)++)
    ;
  for (*c1 = grid->n_cols; *c1 > *c0 && xs[*c1 - 1] > width; (*c1)--)
    ;
  for (*r0 = 0; *r0 < grid->n_rows && ys[*r0 + 1] > height; (*r0)++)
    ;
  for (*r1 = grid->n_rows; *r1 > *r0 && ys[*r1 - 1] < 0; (*r1)--)
    ;
  return *c0 < *c1 && *r0 < *r1;
}

void
bb_overlay_redraw_on_viewport (ShumateLayer *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (layer);

  g_return_if_fail (SHUMATE_IS_LAYER (layer));

  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (gtk_widget_queue_draw), layer, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (gtk_widget_queue_draw), layer, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (gtk_widget_queue_draw), layer, G_CONNECT_SWAPPED);
}
