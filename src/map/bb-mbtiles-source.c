/* bb-mbtiles-source.c: a tile source that reads raster tiles from an MBTiles file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-mbtiles-source"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "bb-mbtiles-source.h"
#include "bb-tile-math.h"

struct _BbMbtilesSource
{
  ShumateDataSource  parent_instance;

  sqlite3           *db;      /* opened with a full mutex: read from the tile workers */
  char              *path;
  char              *name;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
};

G_DEFINE_FINAL_TYPE (BbMbtilesSource, bb_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)
G_DEFINE_QUARK (bb-mbtiles-error-quark, bb_mbtiles_error)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct {
  int x, y, zoom;
} TileRequest;

gboolean
bb_mbtiles_tile_check (const guint8  *data,
                       gsize          size,
                       const char    *path,
                       GError       **error)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  static const guint8 gzip[] = { 0x1f, 0x8b };

  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return TRUE;
  if (size >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return TRUE;
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return TRUE;
  if (size >= sizeof gzip && memcmp (data, gzip, sizeof gzip) == 0)
    g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT,
                 _("“%s” holds compressed vector tiles, which this version of Beatbook cannot draw; "
                   "use a raster (PNG or JPEG) MBTiles file"), path);
  else
    g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT,
                 _("A tile in “%s” is not a PNG or JPEG image"), path);
  return FALSE;
}

GBytes *
bb_mbtiles_source_read_tile (BbMbtilesSource  *self,
                             int               x,
                             int               y,
                             int               zoom,
                             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const guint8 *data;
  int rc, size;

  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), NULL);

  if (zoom < 0 || zoom > 30 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no tile %d/%d/%d"), zoom, x, y);
      return NULL;
    }
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles "
                          "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_NOT_MBTILES,
                   _("Could not read tiles from “%s”: %s"), self->path, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, x);
  sqlite3_bind_int (stmt, 3, bb_tile_flip_row (y, zoom));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_NOT_MBTILES,
                   _("Could not read tiles from “%s”: %s"), self->path, sqlite3_errmsg (self->db));
      return NULL;
    }
  /* The blob before its size: SQLite converts text values on the first call. */
  data = rc == SQLITE_ROW ? sqlite3_column_blob (stmt, 0) : NULL;
  size = rc == SQLITE_ROW ? sqlite3_column_bytes (stmt, 0) : 0;
  if (data == NULL || size <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” has no tile %d/%d/%d"), self->path, zoom, x, y);
      return NULL;
    }
  /* Anything else would reach the image decoders of the renderer. */
  if (!bb_mbtiles_tile_check (data, (gsize) size, self->path, error))
    return NULL;
  return g_bytes_new (data, (gsize) size);
}

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = bb_mbtiles_source_read_tile (source_object, request->x, request->y, request->zoom, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
tile_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      /* A missing tile stays blank. */
      g_task_return_error (task, error);
      return;
    }
  /* The raster renderer takes the tile from this signal. */
  g_signal_emit_by_name (g_task_get_source_object (task), "received-data",
                         request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
bb_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_mbtiles_source_get_tile_data_async);
  g_task_set_task_data (task, request, g_free);

  worker = g_task_new (source, cancellable, tile_read_cb, g_object_ref (task));
  g_task_set_task_data (worker, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (worker, read_tile_thread);
}

static GBytes *
bb_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bb_mbtiles_source_finalize (GObject *object)
{
  BbMbtilesSource *self = BB_MBTILES_SOURCE (object);

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (bb_mbtiles_source_parent_class)->finalize (object);
}

static void
bb_mbtiles_source_class_init (BbMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = bb_mbtiles_source_finalize;
  source_class->get_tile_data_async = bb_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = bb_mbtiles_source_get_tile_data_finish;
}

static void
bb_mbtiles_source_init (BbMbtilesSource *self)
{
  self->min_zoom = 0;
  self->max_zoom = 19;
}

static gboolean
read_metadata (BbMbtilesSource  *self,
               GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The tiles table (or view) must exist with the columns the format names. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK
      || ((rc = sqlite3_step (stmt)) != SQLITE_ROW && rc != SQLITE_DONE))
    {
      g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles map file: it has no readable tiles table"),
                   self->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* Metadata is optional beyond the tiles; a file without bounds or centre
   * still works. */
  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name"))
        { g_free (self->name); self->name = g_strdup (value); }
      else if (g_str_equal (key, "attribution"))
        { g_free (self->attribution); self->attribution = g_strdup (value); }
      else if (g_str_equal (key, "minzoom"))
        self->min_zoom = MIN (g_ascii_strtoull (value, NULL, 10), 22);
      else if (g_str_equal (key, "maxzoom"))
        self->max_zoom = MIN (g_ascii_strtoull (value, NULL, 10), 22);
      else if (g_str_equal (key, "format") && g_str_equal (value, "pbf"))
        {
          g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT,
                       _("“%s” holds vector tiles, which this version of Beatbook cannot draw; "
                         "use a raster (PNG or JPEG) MBTiles file"), self->path);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (self->min_zoom > self->max_zoom)
    self->min_zoom = 0;
  return TRUE;
}

BbMbtilesSource *
bb_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr(BbMbtilesSource) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BB_TYPE_MBTILES_SOURCE, NULL);
  self->path = g_strdup (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_OPEN,
                   _("There is no map file at “%s”"), path);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_OPEN,
                   _("Could not open the map file “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  if (!read_metadata (self, error))
    return NULL;
  if (self->name == NULL)
    self->name = g_path_get_basename (path);
  return g_steal_pointer (&self);
}

const char *
bb_mbtiles_source_get_path (BbMbtilesSource *self)
{
  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), NULL);
  return self->path;
}

const char *
bb_mbtiles_source_get_name (BbMbtilesSource *self)
{
  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

const char *
bb_mbtiles_source_get_attribution (BbMbtilesSource *self)
{
  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

guint
bb_mbtiles_source_get_min_zoom (BbMbtilesSource *self)
{
  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
bb_mbtiles_source_get_max_zoom (BbMbtilesSource *self)
{
  g_return_val_if_fail (BB_IS_MBTILES_SOURCE (self), 0);
  return self->max_zoom;
}
