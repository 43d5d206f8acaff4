/* bb-geojson-source.c: a tile source that draws the station's own GeoJSON layers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-geojson-source"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-geojson-source.h"

struct _BbGeojsonSource
{
  ShumateDataSource  parent_instance;

  BbMapFeatures     *features;
};

G_DEFINE_FINAL_TYPE (BbGeojsonSource, bb_geojson_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  BbMapFeatures *features;
  int            x, y, zoom;
} TileRequest;

static void
tile_request_free (TileRequest *request)
{
  g_clear_pointer (&request->features, bb_map_features_unref);
  g_free (request);
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
bb_geojson_source_draw_tile (BbMapFeatures *features,
                             int            x,
                             int            y,
                             int            zoom,
                             cairo_format_t format)
{
  cairo_surface_t *surface = cairo_image_surface_create (format, BB_GEOJSON_TILE_SIZE, BB_GEOJSON_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);

  bb_map_painter_draw_tile (features, cr, x, y, zoom, BB_GEOJSON_TILE_SIZE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
draw_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;
  cairo_surface_t *surface;
  GByteArray *png;
  cairo_status_t status;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = bb_geojson_source_draw_tile (request->features, request->x, request->y, request->zoom,
                                         CAIRO_FORMAT_RGB24);
  png = g_byte_array_sized_new (16 * 1024);
  status = cairo_surface_write_to_png_stream (surface, append_png_cb, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not draw map tile %d/%d/%d: %s"),
                               request->zoom, request->x, request->y,
                               cairo_status_to_string (status));
      return;
    }
  g_task_return_pointer (task, g_byte_array_free_to_bytes (png), (GDestroyNotify) g_bytes_unref);
}

static void
tile_drawn_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The raster renderer takes the tile from this signal, not from the
   * finish function's result. */
  g_signal_emit_by_name (g_task_get_source_object (task), "received-data",
                         request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
bb_geojson_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  BbGeojsonSource *self = BB_GEOJSON_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->features = self->features ? bb_map_features_ref (self->features) : NULL;
  request->x = x;
  request->y = y;
  request->zoom = zoom;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_geojson_source_get_tile_data_async);
  g_task_set_task_data (task, request, (GDestroyNotify) tile_request_free);

  worker = g_task_new (self, cancellable, tile_drawn_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (worker, draw_tile_thread);
}

static GBytes *
bb_geojson_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bb_geojson_source_finalize (GObject *object)
{
  BbGeojsonSource *self = BB_GEOJSON_SOURCE (object);

  g_clear_pointer (&self->features, bb_map_features_unref);

  G_OBJECT_CLASS (bb_geojson_source_parent_class)->finalize (object);
}

static void
bb_geojson_source_class_init (BbGeojsonSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = bb_geojson_source_finalize;
  source_class->get_tile_data_async = bb_geojson_source_get_tile_data_async;
  source_class->get_tile_data_finish = bb_geojson_source_get_tile_data_finish;
}

static void
bb_geojson_source_init (BbGeojsonSource *self)
{
}

BbGeojsonSource *
bb_geojson_source_new (BbMapFeatures *features)
{
  BbGeojsonSource *self = g_object_new (BB_TYPE_GEOJSON_SOURCE, NULL);

  if (features != NULL)
    self->features = bb_map_features_ref (features);
  return self;
}
