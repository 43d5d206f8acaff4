/* test-map-sources.c: the MBTiles and GeoJSON tile sources hand over the right tiles */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bb-geojson-source.h"
#include "bb-mbtiles-source.h"
#include "bb-tile-math.h"

typedef struct {
  GMainLoop *loop;
  GBytes    *received;
  int        rx, ry, rz;
  GBytes    *finished;
  GError    *error;
} Fetch;

static void
received_data_cb (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  Fetch             *fetch)
{
  g_clear_pointer (&fetch->received, g_bytes_unref);
  fetch->received = g_bytes_ref (bytes);
  fetch->rx = x, fetch->ry = y, fetch->rz = zoom;
}

static void
tile_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->finished = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object),
                                                              result, &fetch->error);
  g_main_loop_quit (fetch->loop);
}

static void
fetch (ShumateDataSource *source,
       int                x,
       int                y,
       int                zoom,
       Fetch             *f)
{
  gulong handler;

  memset (f, 0, sizeof *f);
  f->rx = f->ry = f->rz = -1;
  f->loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (source, "received-data", G_CALLBACK (received_data_cb), f);
  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, tile_done_cb, f);
  g_main_loop_run (f->loop);
  g_signal_handler_disconnect (source, handler);
  g_main_loop_unref (f->loop);
}

static void
fetch_clear (Fetch *f)
{
  g_clear_pointer (&f->received, g_bytes_unref);
  g_clear_pointer (&f->finished, g_bytes_unref);
  g_clear_error (&f->error);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Each tile's data is a distinct marker, "tile z/x/y" with y in XYZ. */
static char *
build_mbtiles (gboolean with_metadata)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-mbtiles-XXXXXX", NULL);
  char *path = g_build_filename (dir, "town.mbtiles", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  if (with_metadata)
    exec (db, "INSERT INTO metadata VALUES ('name', 'Town'), ('format', 'png'), "
              "('attribution', '© Town surveyors'), ('minzoom', '1'), ('maxzoom', '3')");
  sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  for (int z = 1; z <= 3; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          /* The PNG signature, then what tells the tiles apart. */
          g_autofree char *data = g_strdup_printf ("\x89PNG\r\n\x1a\ntile %d/%d/%d", z, x, y);

          if (z == 3 && x == 5 && y == 2)
            continue;   /* one tile is missing */
          sqlite3_reset (stmt);
          sqlite3_bind_int (stmt, 1, z);
          sqlite3_bind_int (stmt, 2, x);
          sqlite3_bind_int (stmt, 3, bb_tile_flip_row (y, z));
          sqlite3_bind_blob (stmt, 4, data, strlen (data), SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
        }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return path;
}

static void
test_mbtiles_known_tiles (void)
{
  g_autofree char *path = build_mbtiles (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMbtilesSource) source = bb_mbtiles_source_new (path, &error);
  Fetch f;

  g_assert_no_error (error);
  g_assert_cmpstr (bb_mbtiles_source_get_name (source), ==, "Town");
  g_assert_cmpstr (bb_mbtiles_source_get_attribution (source), ==, "© Town surveyors");
  g_assert_cmpuint (bb_mbtiles_source_get_min_zoom (source), ==, 1);
  g_assert_cmpuint (bb_mbtiles_source_get_max_zoom (source), ==, 3);

  /* x 3, y 1 at zoom 2 is row 2 in the file: the flip must give the right tile. */
  fetch (SHUMATE_DATA_SOURCE (source), 3, 1, 2, &f);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.received);
  g_assert_cmpint (f.rx, ==, 3);
  g_assert_cmpint (f.ry, ==, 1);
  g_assert_cmpint (f.rz, ==, 2);
  g_assert_cmpmem ((const char *) g_bytes_get_data (f.received, NULL) + 8, g_bytes_get_size (f.received) - 8,
                   "tile 2/3/1", 10);
  g_assert_true (g_bytes_equal (f.received, f.finished));
  fetch_clear (&f);

  fetch (SHUMATE_DATA_SOURCE (source), 6, 7, 3, &f);
  g_assert_cmpmem ((const char *) g_bytes_get_data (f.received, NULL) + 8, g_bytes_get_size (f.received) - 8,
                   "tile 3/6/7", 10);
  fetch_clear (&f);

  /* A missing tile: no data, an error the renderer treats as blank. */
  fetch (SHUMATE_DATA_SOURCE (source), 5, 2, 3, &f);
  g_assert_null (f.received);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  fetch_clear (&f);
}

/* Tiles that are not images never reach the decoders: vector tiles
 * (gzip) and anything else get a message. */
static void
test_mbtiles_tile_check (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  static const guint8 webp[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P' };
  static const guint8 gzip[] = { 0x1f, 0x8b, 8, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (bb_mbtiles_tile_check (png, sizeof png, "a.mbtiles", &error));
  g_assert_true (bb_mbtiles_tile_check (jpeg, sizeof jpeg, "a.mbtiles", &error));
  g_assert_true (bb_mbtiles_tile_check (webp, sizeof webp, "a.mbtiles", &error));
  g_assert_no_error (error);
  g_assert_false (bb_mbtiles_tile_check (gzip, sizeof gzip, "a.mbtiles", &error));
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "vector"));
  g_clear_error (&error);
  g_assert_false (bb_mbtiles_tile_check ((const guint8 *) "tile", 4, "a.mbtiles", &error));
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (bb_mbtiles_tile_check (png, 4, "a.mbtiles", &error));
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_FORMAT);
}

static void
test_mbtiles_without_metadata (void)
{
  g_autofree char *path = build_mbtiles (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMbtilesSource) source = bb_mbtiles_source_new (path, &error);
  Fetch f;

  g_assert_no_error (error);
  g_assert_cmpstr (bb_mbtiles_source_get_name (source), ==, "town.mbtiles");
  g_assert_null (bb_mbtiles_source_get_attribution (source));
  fetch (SHUMATE_DATA_SOURCE (source), 1, 0, 1, &f);
  g_assert_cmpmem ((const char *) g_bytes_get_data (f.received, NULL) + 8, g_bytes_get_size (f.received) - 8,
                   "tile 1/1/0", 10);
  fetch_clear (&f);
}

static void
test_mbtiles_corrupt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-mbtiles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.mbtiles", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMbtilesSource) source = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, "this is not a database, just text", -1, NULL));
  source = bb_mbtiles_source_new (path, &error);
  g_assert_null (source);
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_NOT_MBTILES);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A real SQLite file, but not a tile set. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE people (name TEXT)");
  sqlite3_close (db);
  source = bb_mbtiles_source_new (other, &error);
  g_assert_null (source);
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_NOT_MBTILES);
  g_assert_nonnull (strstr (error->message, other));
  g_clear_error (&error);

  source = bb_mbtiles_source_new ("/nonexistent/x.mbtiles", &error);
  g_assert_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_OPEN);
}

static void
test_geojson_source_emits (void)
{
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autoptr(BbGeojsonSource) source = NULL;
  g_autoptr(GError) error = NULL;
  Fetch f;

  g_assert_true (bb_map_features_add_geojson (features, "water",
    "{\"type\":\"Polygon\",\"coordinates\":[[[19,41],[20,41],[20,42],[19,42],[19,41]]]}",
    "lake", &error));
  source = bb_geojson_source_new (features);
  fetch (SHUMATE_DATA_SOURCE (source), 1135, 1522, 12, &f);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.received);
  g_assert_cmpint (f.rx, ==, 1135);
  /* A PNG image. */
  g_assert_cmpmem (g_bytes_get_data (f.received, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  fetch_clear (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/mbtiles/known-tiles", test_mbtiles_known_tiles);
  g_test_add_func ("/map/mbtiles/tile-check", test_mbtiles_tile_check);
  g_test_add_func ("/map/mbtiles/without-metadata", test_mbtiles_without_metadata);
  g_test_add_func ("/map/mbtiles/corrupt", test_mbtiles_corrupt);
  g_test_add_func ("/map/geojson-source/emits-received-data", test_geojson_source_emits);
  return g_test_run ();
}
