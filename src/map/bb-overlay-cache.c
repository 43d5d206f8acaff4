/* bb-overlay-cache.c: an overlay layer drawn in tiles, each drawn once per zoom while it stays near the view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-overlay-cache"

#include "config.h"

#include <math.h>

#include "bb-overlay-cache.h"
#include "bb-tile-math.h"

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

/* The overlay is kept as square tiles of the world at the current zoom,
 * aligned to whole pixels: a pan draws only the tiles it brings into
 * sight (a strip at a time), never the whole overlay again. */
#define TILE_PX 256
/* Tiles this far out of sight are kept, for a pan that comes back. */
#define KEEP_TILES 2

typedef struct {
  gint64           key;
  int              i, j;
  cairo_surface_t *surface;   /* NULL when the overlay draws nothing there */
  GdkTexture      *texture;
} Tile;

static void
tile_free (Tile *tile)
{
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_object (&tile->texture);
  g_free (tile);
}

static gint64
tile_key (int i,
          int j)
{
  /* Shifted unsigned: i and j may be negative (tiles west or north of the origin). */
  return (gint64) (((guint64) (guint32) i << 32) | (guint32) j);
}

void
bb_overlay_cache_clear (BbOverlayCache *cache)
{
  g_clear_pointer (&cache->tiles, g_hash_table_unref);
}

static gboolean
surface_is_blank (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < width; x++)
        if (row[x] != 0)
          return FALSE;
    }
  return TRUE;
}

static Tile *
render_tile (GtkWidget            *layer,
             const BbOverlayFrame *f,
             int                   i,
             int                   j,
             BbOverlayPaintFunc    paint,
             gpointer              user_data)
{
  int scale = gtk_widget_get_scale_factor (layer);
  Tile *tile = g_new0 (Tile, 1);
  BbOverlayFrame g = *f;
  cairo_surface_t *surface;
  cairo_t *cr;

  tile->key = tile_key (i, j);
  tile->i = i;
  tile->j = j;
  /* The tile's top-left corner is world pixel (i, j) × TILE_PX. */
  g.half_w = g.half_h = TILE_PX / 2.0;
  g.cx = (i * (double) TILE_PX + TILE_PX / 2.0) / f->scale;
  g.cy = (j * (double) TILE_PX + TILE_PX / 2.0) / f->scale;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_PX * scale, TILE_PX * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  paint (user_data, cr, &g, TILE_PX, TILE_PX);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Most of an overlay's tiles are empty far from the town: painting
   * them each frame would cost as much as full ones. */
  if (surface_is_blank (surface))
    cairo_surface_destroy (surface);
  else
    {
      cairo_surface_set_device_scale (surface, scale, scale);
      tile->surface = surface;
    }
  return tile;
}

/* The tile as a texture, made once and kept on the GPU by the renderer. */
static GdkTexture *
tile_texture (Tile *tile)
{
  g_autoptr(GBytes) bytes = NULL;
  int stride = cairo_image_surface_get_stride (tile->surface);
  int height = cairo_image_surface_get_height (tile->surface);

  if (tile->texture != NULL)
    return tile->texture;
  /* The texture keeps the surface's pixels without copying them. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (tile->surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (tile->surface));
  tile->texture = gdk_memory_texture_new (cairo_image_surface_get_width (tile->surface), height,
                                          GDK_MEMORY_DEFAULT, bytes, stride);
  return tile->texture;
}

typedef struct {
  int i0, i1, j0, j1;
} TileRange;

static gboolean
tile_out_of_reach_cb (gpointer key,
                      gpointer value,
                      gpointer user_data)
{
  const Tile *tile = value;
  const TileRange *keep = user_data;

  return tile->i < keep->i0 || tile->i > keep->i1 || tile->j < keep->j0 || tile->j > keep->j1;
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
  int scale = gtk_widget_get_scale_factor (layer);
  gboolean software;
  BbOverlayFrame f;
  TileRange shown, keep;
  double ox, oy;
  cairo_t *cr = NULL;

  if (width <= 0 || height <= 0)
    return;
  bb_overlay_frame_init (&f, viewport, width, height);
  if (cache->tiles == NULL || cache->zoom != f.zoom || cache->scale_factor != scale)
    {
      bb_overlay_cache_clear (cache);
      cache->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tile_free);
      cache->zoom = f.zoom;
      cache->scale_factor = scale;
    }

  /* Where world pixel 0 lies in the widget, to the whole pixel, so that
   * the tiles meet without a seam. */
  ox = round (f.half_w - f.cx * f.scale);
  oy = round (f.half_h - f.cy * f.scale);
  shown.i0 = (int) floor (-ox / TILE_PX);
  shown.i1 = (int) floor ((width - 1 - ox) / TILE_PX);
  shown.j0 = (int) floor (-oy / TILE_PX);
  shown.j1 = (int) floor ((height - 1 - oy) / TILE_PX);

  software = GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (layer)));
  for (int j = shown.j0; j <= shown.j1; j++)
    for (int i = shown.i0; i <= shown.i1; i++)
      {
        gint64 key = tile_key (i, j);
        Tile *tile = g_hash_table_lookup (cache->tiles, &key);
        double x = ox + (double) i * TILE_PX, y = oy + (double) j * TILE_PX;

        if (tile == NULL)
          {
            tile = render_tile (layer, &f, i, j, paint, user_data);
            g_hash_table_insert (cache->tiles, &tile->key, tile);
          }
        if (tile->surface == NULL)
          continue;
        if (software)
          {
            /* Software rendering: blits, no texture made and read back. */
            if (cr == NULL)
              cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
            cairo_set_source_surface (cr, tile->surface, x, y);
            cairo_rectangle (cr, x, y, TILE_PX, TILE_PX);
            cairo_fill (cr);
          }
        else
          gtk_snapshot_append_texture (snapshot, tile_texture (tile), &GRAPHENE_RECT_INIT (x, y, TILE_PX, TILE_PX));
      }
  g_clear_pointer (&cr, cairo_destroy);

  keep = (TileRange) { shown.i0 - KEEP_TILES, shown.i1 + KEEP_TILES, shown.j0 - KEEP_TILES, shown.j1 + KEEP_TILES };
  g_hash_table_foreach_remove (cache->tiles, tile_out_of_reach_cb, &keep);
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
