/* bb-station-tiles.c: the station's own base map, drawn by tile straight into textures */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-station-tiles"

#include "config.h"

#include "bb-geojson-source.h"
#include "bb-station-tiles.h"

struct _BbStationTiles
{
  ShumateMapSource  parent_instance;

  BbMapFeatures    *features;
  gboolean          software;
};

G_DEFINE_FINAL_TYPE (BbStationTiles, bb_station_tiles, SHUMATE_TYPE_MAP_SOURCE)

/* One drawn tile.  GTK 4.8's software renderer converts a texture's
 * pixels, through floats, every time it paints it, even when they are
 * already in its own format: under it the tile is painted by cairo from
 * the image surface, as it is; on the GPU it is a texture made once. */
#define BB_TYPE_TILE_IMAGE (bb_tile_image_get_type ())
G_DECLARE_FINAL_TYPE (BbTileImage, bb_tile_image, BB, TILE_IMAGE, GObject)

struct _BbTileImage
{
  GObject          parent_instance;

  cairo_surface_t *surface;
  GdkTexture      *texture;
  gboolean         software;
};

static void bb_tile_image_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BbTileImage, bb_tile_image, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, bb_tile_image_paintable_init))

static void
bb_tile_image_snapshot (GdkPaintable *paintable,
                        GdkSnapshot  *snapshot,
                        double        width,
                        double        height)
{
  BbTileImage *self = BB_TILE_IMAGE (paintable);

  if (self->software)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));

      cairo_scale (cr, width / BB_GEOJSON_TILE_SIZE, height / BB_GEOJSON_TILE_SIZE);
      cairo_set_source_surface (cr, self->surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
  if (self->texture == NULL)
    {
      /* The texture keeps the surface's pixels without copying them:
       * cairo's ARGB32 is GDK's default memory format. */
      g_autoptr(GBytes) bytes = NULL;
      int stride = cairo_image_surface_get_stride (self->surface);

      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (self->surface),
                                          (gsize) stride * BB_GEOJSON_TILE_SIZE,
                                          (GDestroyNotify) cairo_surface_destroy,
                                          cairo_surface_reference (self->surface));
      self->texture = gdk_memory_texture_new (BB_GEOJSON_TILE_SIZE, BB_GEOJSON_TILE_SIZE, GDK_MEMORY_DEFAULT,
                                              bytes, stride);
    }
  gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static int
bb_tile_image_get_intrinsic_size (GdkPaintable *paintable)
{
  return BB_GEOJSON_TILE_SIZE;
}

static GdkPaintableFlags
bb_tile_image_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
bb_tile_image_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = bb_tile_image_snapshot;
  iface->get_intrinsic_width = bb_tile_image_get_intrinsic_size;
  iface->get_intrinsic_height = bb_tile_image_get_intrinsic_size;
  iface->get_flags = bb_tile_image_get_flags;
}

static void
bb_tile_image_finalize (GObject *object)
{
  BbTileImage *self = BB_TILE_IMAGE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (bb_tile_image_parent_class)->finalize (object);
}

static void
bb_tile_image_class_init (BbTileImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_tile_image_finalize;
}

static void
bb_tile_image_init (BbTileImage *self)
{
}

typedef struct {
  BbMapFeatures *features;
  ShumateTile   *tile;
  int            x, y, zoom;
  gboolean       software;
} TileJob;

static void
tile_job_free (TileJob *job)
{
  g_clear_pointer (&job->features, bb_map_features_unref);
  g_clear_object (&job->tile);
  g_free (job);
}

static void
draw_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TileJob *job = task_data;
  BbTileImage *image;

  if (g_task_return_error_if_cancelled (task))
    return;
  image = g_object_new (BB_TYPE_TILE_IMAGE, NULL);
  image->surface = bb_geojson_source_draw_tile (job->features, job->x, job->y, job->zoom, CAIRO_FORMAT_ARGB32);
  image->software = job->software;
  g_task_return_pointer (task, image, g_object_unref);
}

static void
tile_drawn_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(BbTileImage) image = g_task_propagate_pointer (G_TASK (result), &error);

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (image));
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (task, TRUE);
}

static void
bb_station_tiles_fill_tile_async (ShumateMapSource    *source,
                                  ShumateTile         *tile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BbStationTiles *self = BB_STATION_TILES (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  TileJob *job = g_new0 (TileJob, 1);

  job->features = self->features != NULL ? bb_map_features_ref (self->features) : NULL;
  job->tile = g_object_ref (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->software = self->software;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_station_tiles_fill_tile_async);
  g_task_set_task_data (task, job, (GDestroyNotify) tile_job_free);

  /* The worker reads the job the task owns; the task outlives it. */
  worker = g_task_new (self, cancellable, tile_drawn_cb, g_object_ref (task));
  g_task_set_task_data (worker, job, NULL);
  g_task_run_in_thread (worker, draw_thread);
}

static gboolean
bb_station_tiles_fill_tile_finish (ShumateMapSource  *source,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
bb_station_tiles_finalize (GObject *object)
{
  BbStationTiles *self = BB_STATION_TILES (object);

  g_clear_pointer (&self->features, bb_map_features_unref);

  G_OBJECT_CLASS (bb_station_tiles_parent_class)->finalize (object);
}

static void
bb_station_tiles_class_init (BbStationTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = bb_station_tiles_finalize;
  source_class->fill_tile_async = bb_station_tiles_fill_tile_async;
  source_class->fill_tile_finish = bb_station_tiles_fill_tile_finish;
}

static void
bb_station_tiles_init (BbStationTiles *self)
{
}

BbStationTiles *
bb_station_tiles_new (const char    *id,
                      const char    *name,
                      const char    *license,
                      BbMapFeatures *features)
{
  BbStationTiles *self;

  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  self = g_object_new (BB_TYPE_STATION_TILES,
                       "id", id,
                       "name", name,
                       "license", license != NULL ? license : "",
                       "min-zoom-level", 0,
                       "max-zoom-level", 19,
                       "tile-size", BB_GEOJSON_TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  if (features != NULL)
    self->features = bb_map_features_ref (features);
  return self;
}

void
bb_station_tiles_set_software (BbStationTiles *self,
                               gboolean        software)
{
  g_return_if_fail (BB_IS_STATION_TILES (self));
  self->software = software;
}
