/* test-offline-save.c: saving an area of the online map into an MBTiles file, against a loopback server */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bb-mbtiles-source.h"
#include "bb-offline-save.h"
#include "bb-tile-math.h"
#include "bb-test-tile-server.h"

typedef struct {
  GMainLoop     *loop;
  gboolean       ok;
  GError        *error;
  guint          cancel_after;   /* cancel once this many tiles are done, if not 0 */
  GCancellable  *cancellable;
  BbTestTileServer *stop_server; /* stop it once cancel_after tiles are done */
} Run;

static BbTileServer *
make_server (const char *url)
{
  BbTileServer *server = bb_tile_server_new (url);

  server->attribution = g_strdup ("© Test surveyors");
  server->max_zoom = 18;
  server->may_cache = TRUE;
  return server;
}

/* The area of tile x, y at zoom, in degrees. */
static void
tile_area (int     x,
           int     y,
           int     zoom,
           BbBBox *box)
{
  bb_tile_to_lonlat (x, y, zoom, &box->min_lon, &box->max_lat);
  bb_tile_to_lonlat (x + 1, y + 1, zoom, &box->max_lon, &box->min_lat);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->ok = bb_offline_save_run_finish (BB_OFFLINE_SAVE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
progress_cb (BbOfflineSave *save,
             GParamSpec    *pspec,
             Run           *run)
{
  if (run->cancel_after == 0 || bb_offline_save_get_n_done (save) != run->cancel_after)
    return;
  if (run->stop_server != NULL)
    bb_test_tile_server_stop (run->stop_server);
  else
    g_cancellable_cancel (run->cancellable);
}

static void
run_save (BbOfflineSave *save,
          const char    *path,
          Run           *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  g_signal_connect (save, "notify::n-done", G_CALLBACK (progress_cb), run);
  bb_offline_save_run_async (save, path, "Test town", run->cancellable, run_done_cb, run);
  g_main_loop_run (run->loop);
  g_signal_handlers_disconnect_by_func (save, progress_cb, run);
  g_main_loop_unref (run->loop);
  g_clear_object (&run->cancellable);
}

/* The folder holds only @expected (or nothing): no temporary files. */
static void
assert_folder_holds (const char *dir,
                     const char *expected)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      if (g_strcmp0 (name, expected) != 0)
        g_error ("unexpected file %s in %s", name, dir);
      n++;
    }
  g_assert_cmpuint (n, ==, expected != NULL ? 1 : 0);
}

static char *
metadata (sqlite3    *db,
          const char *name)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

typedef struct {
  GMainLoop *loop;
  GBytes    *bytes;
  GError    *error;
} Read;

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Read *read = user_data;

  read->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &read->error);
  g_main_loop_quit (read->loop);
}

static GBytes *
read_tile (BbMbtilesSource *source,
           int              x,
           int              y,
           int              zoom,
           GError         **error)
{
  Read read = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, zoom, NULL, read_done_cb, &read);
  g_main_loop_run (read.loop);
  g_main_loop_unref (read.loop);
  if (read.error != NULL)
    g_propagate_error (error, read.error);
  return read.bytes;
}

static void
test_count_tiles (void)
{
  static const BbBBox world = { -180, -90, 180, 90 };
  static const BbBBox empty = { 10, 10, 10, 11 };
  BbBBox one;

  g_assert_cmpuint (bb_offline_save_count_tiles (&world, 0, 0), ==, 1);
  g_assert_cmpuint (bb_offline_save_count_tiles (&world, 0, 2), ==, 1 + 4 + 16);
  g_assert_cmpuint (bb_offline_save_count_tiles (&empty, 0, 5), ==, 0);

  /* Exactly one tile: its edges do not take in the neighbours. */
  tile_area (4, 2, 3, &one);
  g_assert_cmpuint (bb_offline_save_count_tiles (&one, 3, 3), ==, 1);
  g_assert_cmpuint (bb_offline_save_count_tiles (&one, 3, 5), ==, 1 + 4 + 16);
  g_assert_cmpuint (bb_offline_save_count_tiles (&one, 0, 3), ==, 1 + 1 + 1 + 1);

  /* A town of about 6 × 4 km at zoom 13 to 16. */
  {
    BbBBox town = { 19.78, 41.30, 19.85, 41.34 };
    guint64 expected = 0;

    for (int z = 13; z <= 16; z++)
      {
        double x0, y0, x1, y1;

        bb_tile_from_lonlat (town.min_lon, town.max_lat, z, &x0, &y0);
        bb_tile_from_lonlat (town.max_lon, town.min_lat, z, &x1, &y1);
        expected += (guint64) ((int) x1 - (int) x0 + 1) * (guint64) ((int) y1 - (int) y0 + 1);
      }
    g_assert_cmpuint (bb_offline_save_count_tiles (&town, 13, 16), ==, expected);
    g_assert_cmpuint (expected, >, 100);
  }
}

static void
test_save_area (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bb-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.mbtiles", NULL);
  g_autoptr(BbOnlineSource) online = bb_online_source_new (server, root);
  g_autoptr(BbOfflineSave) save = NULL;
  g_autoptr(BbMbtilesSource) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *value = NULL;
  Run run = { 0 };
  BbBBox area;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* Tiles 4..5 × 2..3 at zoom 3, and their children at 4 and 5. */
  {
    BbBBox top_left, bottom_right;

    tile_area (4, 2, 3, &top_left);
    tile_area (5, 3, 3, &bottom_right);
    area = (BbBBox) { top_left.min_lon, bottom_right.min_lat, bottom_right.max_lon, top_left.max_lat };
  }
  /* The server has no tile here, and sends an error page there. */
  bb_test_tile_server_set_reply (tiles, 4, 9, 5, BB_TEST_TILE_NOT_FOUND);
  bb_test_tile_server_set_reply (tiles, 5, 17, 10, BB_TEST_TILE_HTML_200);

  save = bb_offline_save_new (online, &area, 3, 5);
  g_assert_cmpuint (bb_offline_save_get_n_tiles (save), ==, 4 + 16 + 64);
  g_assert_true (bb_offline_save_check (save, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_offline_save_estimate_size (save), ==, 84 * bb_online_source_get_typical_tile_size (online));

  run_save (save, path, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (bb_offline_save_get_n_done (save), ==, 84);
  g_assert_cmpuint (bb_offline_save_get_n_saved (save), ==, 82);
  g_assert_cmpuint (bb_offline_save_get_n_missing (save), ==, 2);
  g_assert_cmpuint (bb_offline_save_get_bytes_saved (save), >, 82 * 100);
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 84);
  g_assert_cmpuint (bb_test_tile_server_get_max_concurrent (tiles), <=, BB_OFFLINE_SAVE_PARALLEL);
  assert_folder_holds (dir, "town.mbtiles");

  /* The MBTiles source reads it back: names, zooms, the right tile at
   * each place (rows flipped to TMS in the file and back). */
  saved = bb_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bb_mbtiles_source_get_name (saved), ==, "Test town");
  g_assert_cmpstr (bb_mbtiles_source_get_attribution (saved), ==, "© Test surveyors");
  g_assert_cmpuint (bb_mbtiles_source_get_min_zoom (saved), ==, 3);
  g_assert_cmpuint (bb_mbtiles_source_get_max_zoom (saved), ==, 5);
  for (int z = 3; z <= 5; z++)
    for (int x = 4 << (z - 3); x < 6 << (z - 3); x++)
      for (int y = 2 << (z - 3); y < 4 << (z - 3); y++)
        {
          bytes = read_tile (saved, x, y, z, &error);
          if ((z == 4 && x == 9 && y == 5) || (z == 5 && x == 17 && y == 10))
            {
              /* Left out, not stored as an error page. */
              g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
              g_clear_error (&error);
              continue;
            }
          g_assert_no_error (error);
          g_assert_cmphex (bb_test_tile_colour_of_image (bytes), ==, bb_test_tile_colour (z, x, y));
          g_clear_pointer (&bytes, g_bytes_unref);
        }
  bytes = read_tile (saved, 3, 2, 3, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The file itself: TMS rows and the metadata the format asks for. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tiles WHERE zoom_level = 3 AND tile_column = 4 AND tile_row = 5",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);   /* y 2 at zoom 3 is row 8 - 1 - 2 */
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tiles", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 82);
  sqlite3_finalize (stmt);
  value = metadata (db, "format");
  g_assert_cmpstr (value, ==, "png");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "bounds");
  g_assert_cmpstr (value, ==, "0.000000,0.000000,90.000000,66.513260");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "center");
  g_assert_cmpstr (value, ==, "45.000000,33.256630,4");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "minzoom");
  g_assert_cmpstr (value, ==, "3");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "maxzoom");
  g_assert_cmpstr (value, ==, "5");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "type");
  g_assert_cmpstr (value, ==, "baselayer");
  g_clear_pointer (&value, g_free);
  value = metadata (db, "description");
  g_assert_nonnull (strstr (value, "127.0.0.1"));
  g_clear_pointer (&value, g_free);
  sqlite3_close (db);

  /* A second save over it is refused and leaves it as it was. */
  g_clear_object (&saved);
  g_clear_object (&save);
  save = bb_offline_save_new (online, &area, 3, 3);
  run_save (save, path, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&run.error);
  saved = bb_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bb_mbtiles_source_get_max_zoom (saved), ==, 5);

  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 84);

  /* Saved again elsewhere: the tiles come from the cache; only the two
   * that were never had are asked for again. */
  {
    g_autofree char *again = g_build_filename (dir, "town-2.mbtiles", NULL);

    g_clear_object (&save);
    save = bb_offline_save_new (online, &area, 3, 5);
    run_save (save, again, &run);
    g_assert_no_error (run.error);
    g_assert_cmpuint (bb_offline_save_get_n_saved (save), ==, 82);
    g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 84 + 2);
  }
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bb-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.mbtiles", NULL);
  g_autoptr(BbOnlineSource) online = bb_online_source_new (server, root);
  g_autoptr(BbOfflineSave) save = NULL;
  Run run = { 0 };
  BbBBox area;

  tile_area (4, 2, 3, &area);
  bb_test_tile_server_set_default_reply (tiles, BB_TEST_TILE_SLOW);
  bb_test_tile_server_set_delay (tiles, 30);
  save = bb_offline_save_new (online, &area, 3, 6);
  run.cancel_after = 5;
  run_save (save, path, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_false (run.ok);
  g_assert_cmpuint (bb_offline_save_get_n_saved (save), >=, 5);
  g_assert_cmpuint (bb_offline_save_get_n_done (save), <, 1 + 4 + 16 + 64);
  assert_folder_holds (dir, NULL);
}

static void
test_server_gone_leaves_nothing (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bb-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.mbtiles", NULL);
  g_autoptr(BbOnlineSource) online = bb_online_source_new (server, root);
  g_autoptr(BbOfflineSave) save = NULL;
  Run run = { 0 };
  BbBBox area;

  tile_area (4, 2, 3, &area);
  save = bb_offline_save_new (online, &area, 3, 6);
  run.cancel_after = 7;
  run.stop_server = tiles;
  run_save (save, path, &run);
  g_assert_false (run.ok);
  g_assert_nonnull (run.error);
  g_assert_false (bb_online_source_error_is_tile_only (run.error));
  g_assert_nonnull (strstr (run.error->message, "127.0.0.1"));
  g_clear_error (&run.error);
  assert_folder_holds (dir, NULL);

  /* A server that sends nothing usable: no file either. */
  {
    g_autoptr(BbTestTileServer) blocked = bb_test_tile_server_new ();
    g_autoptr(BbTileServer) blocked_server = make_server (bb_test_tile_server_get_template (blocked));
    g_autoptr(BbOnlineSource) blocked_online = bb_online_source_new (blocked_server, root);

    bb_test_tile_server_set_default_reply (blocked, BB_TEST_TILE_HTML_200);
    g_clear_object (&save);
    save = bb_offline_save_new (blocked_online, &area, 3, 4);
    run_save (save, path, &run);
    g_assert_error (run.error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_HTTP);
    g_clear_error (&run.error);
    g_assert_cmpuint (bb_offline_save_get_n_missing (save), ==, 5);
    assert_folder_holds (dir, NULL);
  }
}

static void
test_too_many_tiles (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp ("bb-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "region.mbtiles", NULL);
  g_autoptr(BbOnlineSource) online = bb_online_source_new (server, root);
  g_autoptr(BbOfflineSave) save = NULL;
  g_autoptr(GError) error = NULL;
  BbBBox region = { 19.0, 40.0, 21.0, 42.0 };
  Run run = { 0 };

  save = bb_offline_save_new (online, &region, 8, 16);
  g_assert_cmpuint (bb_offline_save_get_n_tiles (save), >, BB_OFFLINE_SAVE_MAX_TILES);
  g_assert_false (bb_offline_save_check (save, &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_TOO_MANY_TILES);
  g_assert_nonnull (strstr (error->message, "5000"));
  g_clear_error (&error);
  run_save (save, path, &run);
  g_assert_error (run.error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_TOO_MANY_TILES);
  g_clear_error (&run.error);
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 0);
  assert_folder_holds (dir, NULL);

  /* Beyond the server's zoom levels, or upside down. */
  g_clear_object (&save);
  save = bb_offline_save_new (online, &region, 10, 19);
  g_assert_false (bb_offline_save_check (save, &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&save);
  save = bb_offline_save_new (online, &region, 12, 10);
  g_assert_false (bb_offline_save_check (save, &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/map/offline-save/count-tiles", test_count_tiles);
  g_test_add_func ("/map/offline-save/save-area", test_save_area);
  g_test_add_func ("/map/offline-save/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/map/offline-save/server-gone-leaves-nothing", test_server_gone_leaves_nothing);
  g_test_add_func ("/map/offline-save/too-many-tiles", test_too_many_tiles);
  return g_test_run ();
}
