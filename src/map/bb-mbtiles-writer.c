/* bb-mbtiles-writer.c: writes raster tiles into a new MBTiles file, whole or not at all */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-mbtiles-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "bb-mbtiles-writer.h"
#include "bb-tile-math.h"

struct _BbMbtilesWriter
{
  char         *path;
  char         *temp_path;
  sqlite3      *db;
  sqlite3_stmt *insert_tile;
  sqlite3_stmt *insert_metadata;
  guint         n_tiles;
  gboolean      committed;
};

static gboolean
set_db_error (BbMbtilesWriter  *writer,
              GError          **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the map file “%s”: %s"),
               writer->path, writer->db ? sqlite3_errmsg (writer->db) : g_strerror (ENOMEM));
  return FALSE;
}

static gboolean
exec (BbMbtilesWriter  *writer,
      const char       *sql,
      GError          **error)
{
  if (sqlite3_exec (writer->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (writer, error);
  return TRUE;
}

BbMbtilesWriter *
bb_mbtiles_writer_new (const char  *path,
                       GError     **error)
{
  g_autoptr(BbMbtilesWriter) writer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  writer = g_new0 (BbMbtilesWriter, 1);
  writer->path = g_strdup (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_name = g_strdup_printf (".%s.incomplete", base);
  writer->temp_path = g_build_filename (dir, temp_name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There already is a file “%s”"), path);
      writer->committed = TRUE;  /* nothing of ours to remove */
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      writer->committed = TRUE;
      return NULL;
    }
  /* What a crash left behind is no one's. */
  g_unlink (writer->temp_path);

  if (sqlite3_open_v2 (writer->temp_path, &writer->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_db_error (writer, error);
      return NULL;
    }
  /* The file is thrown away unless it is finished, so it needs no journal. */
  if (!exec (writer, "PRAGMA application_id = 0x4d504258;"  /* "MPBX", MBTiles 1.3 */
                     "PRAGMA journal_mode = OFF;"
                     "PRAGMA synchronous = OFF;"
                     "CREATE TABLE metadata (name TEXT, value TEXT);"
                     "CREATE UNIQUE INDEX metadata_name ON metadata (name);"
                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                     "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                     "BEGIN;", error))
    return NULL;
  if (sqlite3_prepare_v2 (writer->db, "INSERT OR REPLACE INTO tiles VALUES (?1, ?2, ?3, ?4)",
                          -1, &writer->insert_tile, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (writer->db, "INSERT OR REPLACE INTO metadata VALUES (?1, ?2)",
                             -1, &writer->insert_metadata, NULL) != SQLITE_OK)
    {
      set_db_error (writer, error);
      return NULL;
    }
  return g_steal_pointer (&writer);
}

const char *
bb_mbtiles_writer_get_path (BbMbtilesWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);
  return writer->path;
}

const char *
bb_mbtiles_writer_get_temp_path (BbMbtilesWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);
  return writer->temp_path;
}

gboolean
bb_mbtiles_writer_add_tile (BbMbtilesWriter  *writer,
                            int               zoom,
                            int               x,
                            int               y,
                            GBytes           *data,
                            GError          **error)
{
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (writer != NULL && !writer->committed, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (zoom >= 0 && zoom <= 30 && x >= 0 && y >= 0 && x < (1 << zoom) && y < (1 << zoom), FALSE);

  bytes = g_bytes_get_data (data, &size);
  sqlite3_reset (writer->insert_tile);
  sqlite3_bind_int (writer->insert_tile, 1, zoom);
  sqlite3_bind_int (writer->insert_tile, 2, x);
  sqlite3_bind_int (writer->insert_tile, 3, bb_tile_flip_row (y, zoom));
  sqlite3_bind_blob64 (writer->insert_tile, 4, bytes, size, SQLITE_STATIC);
  if (sqlite3_step (writer->insert_tile) != SQLITE_DONE)
    return set_db_error (writer, error);
  sqlite3_clear_bindings (writer->insert_tile);
  writer->n_tiles++;
  return TRUE;
}

gboolean
bb_mbtiles_writer_set_metadata (BbMbtilesWriter  *writer,
                                const char       *name,
                                const char       *value,
                                GError          **error)
{
  g_return_val_if_fail (writer != NULL && !writer->committed, FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  sqlite3_reset (writer->insert_metadata);
  sqlite3_bind_text (writer->insert_metadata, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (writer->insert_metadata, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (writer->insert_metadata) != SQLITE_DONE)
    return set_db_error (writer, error);
  return TRUE;
}

guint
bb_mbtiles_writer_get_n_tiles (BbMbtilesWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);
  return writer->n_tiles;
}

static void
close_db (BbMbtilesWriter *writer)
{
  g_clear_pointer (&writer->insert_tile, sqlite3_finalize);
  g_clear_pointer (&writer->insert_metadata, sqlite3_finalize);
  g_clear_pointer (&writer->db, sqlite3_close);
}

static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);
  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not write the map file “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

gboolean
bb_mbtiles_writer_commit (BbMbtilesWriter  *writer,
                          GError          **error)
{
  g_return_val_if_fail (writer != NULL && !writer->committed, FALSE);

  if (!exec (writer, "COMMIT", error))
    return FALSE;
  close_db (writer);
  if (!sync_file (writer->temp_path, error))
    return FALSE;
  if (g_file_test (writer->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There already is a file “%s”"), writer->path);
      return FALSE;
    }
  if (g_rename (writer->temp_path, writer->path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the map file “%s”: %s"), writer->path, g_strerror (saved));
      return FALSE;
    }
  writer->committed = TRUE;
  return TRUE;
}

void
bb_mbtiles_writer_free (BbMbtilesWriter *writer)
{
  if (writer == NULL)
    return;
  close_db (writer);
  if (!writer->committed && g_unlink (writer->temp_path) != 0 && errno != ENOENT)
    g_warning ("cannot remove the unfinished map file %s: %s", writer->temp_path, g_strerror (errno));
  g_free (writer->path);
  g_free (writer->temp_path);
  g_free (writer);
}

const char *
bb_mbtiles_format_of_tile (GBytes *data)
{
  gsize size;
  const guchar *bytes;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff)
    return "jpg";
  if (size >= 12 && memcmp (bytes, "RIFF", 4) == 0 && memcmp (bytes + 8, "WEBP", 4) == 0)
    return "webp";
  return NULL;
}
