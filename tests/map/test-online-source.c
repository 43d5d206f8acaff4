/* test-online-source.c: the configured tile server: its settings, the cached source, against a loopback server */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "bb-online-source.h"
#include "bb-test-tile-server.h"
#include "bb-tile-cache.h"

typedef struct {
  GMainLoop *loop;
  GBytes    *received;
  int        rx, ry, rz;
  GBytes    *finished;
  GError    *error;
  gboolean   done;
} Fetch;

static void
received_data_cb (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  Fetch             *f)
{
  g_clear_pointer (&f->received, g_bytes_unref);
  f->received = g_bytes_ref (bytes);
  f->rx = x, f->ry = y, f->rz = zoom;
}

static void
tile_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fetch *f = user_data;

  f->finished = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &f->error);
  f->done = TRUE;
  g_main_loop_quit (f->loop);
}

/* Asks for a tile the way the map does, and waits for it. */
static void
fetch (BbOnlineSource *source,
       int             x,
       int             y,
       int             zoom,
       Fetch          *f)
{
  gulong handler;

  memset (f, 0, sizeof *f);
  f->rx = f->ry = f->rz = -1;
  f->loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (source, "received-data", G_CALLBACK (received_data_cb), f);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, zoom, NULL, tile_done_cb, f);
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

static BbTileServer *
make_server (const char *url)
{
  BbTileServer *server = bb_tile_server_new (url);

  server->attribution = g_strdup ("© Test surveyors");
  server->max_zoom = 18;
  server->may_cache = TRUE;
  return server;
}

static char *
cached_tile_path (BbOnlineSource *source,
                  int             x,
                  int             y,
                  int             zoom)
{
  g_autofree char *z = g_strdup_printf ("%d", zoom);
  g_autofree char *col = g_strdup_printf ("%d", x);
  g_autofree char *file = g_strdup_printf ("%d.tile", y);

  return g_build_filename (bb_online_source_get_cache_dir (source), z, col, file, NULL);
}

static void
test_tile_server_settings (void)
{
  g_autoptr(BbTileServer) server = make_server ("https://{s}.tiles.example.org/base/{z}/{x}/{y}.png?key=1");
  g_autoptr(BbTileServer) copy = NULL;
  g_autoptr(BbTileServer) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *data = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *back_id = NULL;
  const char *subdomains[] = { "a", "b", "c", NULL };
  static const struct {
    const char *url;
    const char *complaint;   /* a word the message must contain */
  } bad[] = {
    { "", "address" },
    { "ftp://tiles.example.org/{z}/{x}/{y}.png", "https://" },
    { "https://tiles.example.org/{z}/{x}.png", "{y}" },
    { "https://tiles.example.org/{z}/{x}/{y}{r}.png", "{r}" },
    { "https://tiles.example.org/{z}/{x}/{-y}.png", "{-y}" },
    { "https://tiles.example.org/{z}/{x}/{y.png", "{y.png" },
    { "https:///{z}/{x}/{y}.png", "web address" },
  };

  /* {s} needs subdomains. */
  g_assert_false (bb_tile_server_validate (server, &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{s}"));
  g_clear_error (&error);
  server->subdomains = g_strdupv ((char **) subdomains);
  g_assert_true (bb_tile_server_validate (server, &error));
  g_assert_no_error (error);

  /* The same tile always from the same subdomain. */
  url = bb_tile_server_expand (server, 5, 3, 4);
  g_assert_cmpstr (url, ==, "https://c.tiles.example.org/base/4/5/3.png?key=1");
  g_free (url);
  url = bb_tile_server_expand (server, 6, 3, 4);
  g_assert_cmpstr (url, ==, "https://a.tiles.example.org/base/4/6/3.png?key=1");
  host = bb_tile_server_dup_host (server);
  g_assert_cmpstr (host, ==, "a.tiles.example.org");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(BbTileServer) wrong = make_server (bad[i].url);

      g_assert_false (bb_tile_server_validate (wrong, &error));
      g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
      if (strstr (error->message, bad[i].complaint) == NULL)
        g_error ("“%s”: “%s” does not mention “%s”", bad[i].url, error->message, bad[i].complaint);
      g_clear_error (&error);
    }

  copy = bb_tile_server_copy (server);
  g_strfreev (copy->subdomains);
  copy->subdomains = g_strsplit ("a b,c", ",", -1);
  g_assert_false (bb_tile_server_validate (copy, &error));
  g_assert_nonnull (strstr (error->message, "“a b”"));
  g_clear_error (&error);
  g_clear_pointer (&copy, bb_tile_server_free);

  /* Attribution and the permission to cache are not optional. */
  copy = bb_tile_server_copy (server);
  g_free (copy->attribution);
  copy->attribution = g_strdup ("  ");
  g_assert_false (bb_tile_server_validate (copy, &error));
  g_assert_nonnull (strstr (error->message, "attribution"));
  g_clear_error (&error);
  g_free (copy->attribution);
  copy->attribution = g_strdup ("© OSM");
  copy->may_cache = FALSE;
  g_assert_false (bb_tile_server_validate (copy, &error));
  g_assert_nonnull (strstr (error->message, "terms"));
  g_clear_error (&error);
  copy->may_cache = TRUE;
  copy->max_zoom = 23;
  g_assert_false (bb_tile_server_validate (copy, &error));
  g_clear_error (&error);
  g_clear_pointer (&copy, bb_tile_server_free);

  /* What the station keeps reads back the same. */
  data = bb_tile_server_to_data (server);
  back = bb_tile_server_from_data (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->url_template, ==, server->url_template);
  g_assert_cmpstrv (back->subdomains, server->subdomains);
  g_assert_cmpstr (back->attribution, ==, server->attribution);
  g_assert_cmpuint (back->max_zoom, ==, 18);
  g_assert_true (back->may_cache);

  g_assert_null (bb_tile_server_from_data ("[Tile Server]\nattribution=x\n", &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (bb_tile_server_from_data ("[Tile Server]\nurl=https://x.org/{z}/{x}/{y}.png\nattribution=x\n"
                                           "may-cache=false\n", &error));
  g_assert_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  /* One cache per server address. */
  id = bb_tile_server_dup_id (server);
  g_assert_cmpuint (strlen (id), ==, 16);
  back_id = bb_tile_server_dup_id (back);
  g_assert_cmpstr (id, ==, back_id);
  copy = make_server ("https://other.example.org/{z}/{x}/{y}.png");
  other_id = bb_tile_server_dup_id (copy);
  g_assert_cmpstr (id, !=, other_id);
}

static void
test_fetch_and_cache (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) source = bb_online_source_new (server, root);
  g_autoptr(GBytes) first = NULL;
  static const int known[][3] = { { 3, 1, 2 }, { 0, 0, 0 }, { 1000, 2000, 12 } };  /* x, y, zoom */
  Fetch f;

  g_assert_true (g_str_has_prefix (bb_online_source_get_cache_dir (source), root));

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      int x = known[i][0], y = known[i][1], z = known[i][2];
      g_autofree char *path = cached_tile_path (source, x, y, z);

      fetch (source, x, y, z, &f);
      g_assert_no_error (f.error);
      g_assert_nonnull (f.received);
      g_assert_cmpint (f.rx, ==, x);
      g_assert_cmpint (f.ry, ==, y);
      g_assert_cmpint (f.rz, ==, z);
      g_assert_true (g_bytes_equal (f.received, f.finished));
      g_assert_cmphex (bb_test_tile_colour_of_image (f.received), ==, bb_test_tile_colour (z, x, y));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (i == 0)
        first = g_bytes_ref (f.received);
      fetch_clear (&f);
    }
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 3);
  g_assert_true (g_str_has_prefix (bb_test_tile_server_get_user_agent (tiles), "Beatbook/" PACKAGE_VERSION " "));
  g_assert_cmpuint (bb_online_source_get_typical_tile_size (source), >, 100);

  /* Fresh in the cache: the server is not asked again. */
  fetch (source, 3, 1, 2, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, first));
  fetch_clear (&f);
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 3);

  /* A cached tile cut off (a crash while writing) is thrown away and
   * fetched again. */
  {
    g_autofree char *path = cached_tile_path (source, 0, 0, 0);
    gsize size = g_bytes_get_size (first);

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (first, NULL), size - 10, NULL));
    fetch (source, 0, 0, 0, &f);
    g_assert_no_error (f.error);
    g_assert_cmphex (bb_test_tile_colour_of_image (f.received), ==, bb_test_tile_colour (0, 0, 0));
    fetch_clear (&f);
    g_assert_cmpuint (bb_test_tile_server_get_n_requests_for (tiles, 0, 0, 0), ==, 2);
    g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 4);
  }

  /* The cable is unplugged: what is cached is still there. */
  bb_test_tile_server_stop (tiles);
  fetch (source, 3, 1, 2, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, first));
  fetch_clear (&f);
  fetch (source, 1000, 2000, 12, &f);
  g_assert_cmphex (bb_test_tile_colour_of_image (f.received), ==, bb_test_tile_colour (12, 1000, 2000));
  fetch_clear (&f);

  /* What is not cached fails, and is not asked for again for a while. */
  fetch (source, 2, 2, 2, &f);
  g_assert_nonnull (f.error);
  g_assert_null (f.received);
  g_assert_false (bb_online_source_error_is_tile_only (f.error));
  fetch_clear (&f);
  /* OFFLINE comes only from the source's back-off, before any request */
  fetch (source, 2, 3, 2, &f);
  g_assert_error (f.error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_OFFLINE);
  fetch_clear (&f);

  /* A source made afresh with no network at all serves the cache. */
  g_clear_object (&source);
  source = bb_online_source_new (server, root);
  fetch (source, 0, 0, 0, &f);
  g_assert_no_error (f.error);
  g_assert_cmphex (bb_test_tile_colour_of_image (f.received), ==, bb_test_tile_colour (0, 0, 0));
  fetch_clear (&f);

  /* Beyond the server's zoom levels or the world there is nothing to ask. */
  fetch (source, 0, 0, 19, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  fetch_clear (&f);
  fetch (source, 4, 0, 2, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  fetch_clear (&f);
}

static void
test_error_replies (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) source = bb_online_source_new (server, root);
  static const struct {
    BbTestTileReply reply;
    int             code;
  } cases[] = {
    { BB_TEST_TILE_HTML_200, BB_TILE_SERVER_ERROR_NOT_IMAGE },
    { BB_TEST_TILE_NOT_FOUND, BB_TILE_SERVER_ERROR_HTTP },
    { BB_TEST_TILE_LYING, BB_TILE_SERVER_ERROR_NOT_IMAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int x = (int) i, y = 5, z = 4;
      g_autofree char *path = cached_tile_path (source, x, y, z);

      bb_test_tile_server_set_reply (tiles, z, x, y, cases[i].reply);
      for (guint attempt = 1; attempt <= 2; attempt++)
        {
          Fetch f;

          fetch (source, x, y, z, &f);
          g_assert_error (f.error, BB_TILE_SERVER_ERROR, cases[i].code);
          g_assert_true (bb_online_source_error_is_tile_only (f.error));
          /* The map is never handed the error page. */
          g_assert_null (f.received);
          g_assert_null (f.finished);
          fetch_clear (&f);
          /* Not stored: asked for again next time. */
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
          g_assert_cmpuint (bb_test_tile_server_get_n_requests_for (tiles, z, x, y), ==, attempt);
        }
    }
  /* Nothing at all was cached. */
  g_assert_false (g_file_test (bb_online_source_get_cache_dir (source), G_FILE_TEST_EXISTS));
}

static void
test_slow_reply (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) source = bb_online_source_new (server, root);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  Fetch f;

  bb_test_tile_server_set_delay (tiles, 3000);
  bb_test_tile_server_set_reply (tiles, 5, 1, 1, BB_TEST_TILE_SLOW);
  bb_test_tile_server_set_reply (tiles, 5, 1, 2, BB_TEST_TILE_SLOW);
  g_object_set (source, "timeout", 1, NULL);

  /* Cancelled while waiting, as when the map moves on. */
  memset (&f, 0, sizeof f);
  f.loop = g_main_loop_new (NULL, FALSE);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), 1, 2, 5, cancellable, tile_done_cb, &f);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (f.loop);
  g_main_loop_unref (f.loop);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fetch_clear (&f);

  /* Given up on after the timeout (1 s; the server answers after 3 s, so
   * a source that waited would have the tile), and nothing cached. */
  fetch (source, 1, 1, 5, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (f.received);
  fetch_clear (&f);
  path = cached_tile_path (source, 1, 1, 5);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_stale_tiles (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) source = bb_online_source_new (server, root);
  g_autoptr(GBytes) first = NULL;
  Fetch f;

  fetch (source, 7, 9, 4, &f);
  g_assert_no_error (f.error);
  first = g_bytes_ref (f.received);
  fetch_clear (&f);

  /* Too old to trust: asked again, saying which copy we have. */
  g_object_set (source, "max-age", (gint64) 0, NULL);
  bb_test_tile_server_set_not_modified (tiles, TRUE);
  fetch (source, 7, 9, 4, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, first));
  g_assert_true (bb_test_tile_server_saw_if_modified_since (tiles));
  g_assert_cmpuint (bb_test_tile_server_get_n_requests_for (tiles, 4, 7, 9), ==, 2);
  fetch_clear (&f);

  /* An error page instead of the new copy: the old one stays and is shown. */
  bb_test_tile_server_set_not_modified (tiles, FALSE);
  bb_test_tile_server_set_reply (tiles, 4, 7, 9, BB_TEST_TILE_HTML_200);
  fetch (source, 7, 9, 4, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, first));
  fetch_clear (&f);

  /* And with the server gone. */
  bb_test_tile_server_stop (tiles);
  fetch (source, 7, 9, 4, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, first));
  fetch_clear (&f);
}

typedef struct {
  guint n_left;
  guint n_ok;
  GMainLoop *loop;
} Many;

static void
many_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Many *many = user_data;
  g_autoptr(GBytes) bytes = bb_online_source_fetch_finish (BB_ONLINE_SOURCE (object), result, NULL);

  many->n_ok += bytes != NULL;
  if (--many->n_left == 0)
    g_main_loop_quit (many->loop);
}

/* The map asks for a screenful at once; the server sees a few at a time. */
static void
test_few_at_a_time (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) source = bb_online_source_new (server, root);
  Many many = { 16, 0, g_main_loop_new (NULL, FALSE) };

  bb_test_tile_server_set_default_reply (tiles, BB_TEST_TILE_SLOW);
  bb_test_tile_server_set_delay (tiles, 50);
  for (int i = 0; i < 16; i++)
    bb_online_source_fetch_async (source, i % 4, i / 4, 3, NULL, many_done_cb, &many);
  g_main_loop_run (many.loop);
  g_main_loop_unref (many.loop);
  g_assert_cmpuint (many.n_ok, ==, 16);
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), ==, 16);
  g_assert_cmpuint (bb_test_tile_server_get_max_concurrent (tiles), ==, BB_ONLINE_SOURCE_MAX_CONNECTIONS_PER_HOST);
}

/* Makes the file at @path @age_s seconds old. */
static void
age_file (const char *path,
          gint64      age_s)
{
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* The trimmer alone: oldest tiles first, down to the target, leaving
 * what is not a tile; an emptied folder goes. */
static void
test_cache_trim (void)
{
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autofree char *note = g_build_filename (root, "README", NULL);
  g_autofree char *odd = g_build_filename (root, "3", "1", "notes.txt", NULL);
  static const char *tiles[] = { "3/1/1.tile", "3/1/2.tile", "3/2/1.tile", "4/9/9.tile", "4/9/8.tile" };
  char data[1000];
  guint removed = 0;

  memset (data, 'x', sizeof data);
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_autofree char *path = g_build_filename (root, tiles[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, data, sizeof data, NULL));
      /* The first written longest ago; 4/9/9 the oldest of all. */
      age_file (path, i == 3 ? 10000 : 1000 - i * 100);
    }
  g_assert_true (g_file_set_contents (note, "not a tile", -1, NULL));
  g_assert_true (g_file_set_contents (odd, "not a tile either", -1, NULL));
  g_assert_cmpuint (bb_tile_cache_measure (root), ==, 5000);

  /* Under the limit: nothing goes. */
  g_assert_cmpuint (bb_tile_cache_trim (root, 5000, 2000, &removed), ==, 5000);
  g_assert_cmpuint (removed, ==, 0);
  /* Over it: the oldest go until the target is met. */
  g_assert_cmpuint (bb_tile_cache_trim (root, 4500, 2500, &removed), ==, 2000);
  g_assert_cmpuint (removed, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      g_autofree char *path = g_build_filename (root, tiles[i], NULL);
      gboolean kept = g_file_test (path, G_FILE_TEST_EXISTS);

      /* 4/9/9, 3/1/1 and 3/1/2 were the oldest. */
      g_assert_cmpint (kept, ==, i == 2 || i == 4);
    }
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (odd, G_FILE_TEST_EXISTS));
  {
    g_autofree char *column = g_build_filename (root, "3", "1", NULL);
    g_autofree char *emptied = g_build_filename (root, "4", "9", NULL);

    g_assert_true (g_file_test (column, G_FILE_TEST_IS_DIR));      /* notes.txt is still there */
    g_assert_true (g_file_test (emptied, G_FILE_TEST_IS_DIR));     /* 4/9/8 is kept */
  }
  g_assert_cmpuint (bb_tile_cache_trim (root, 1000, 1000, &removed), ==, 1000);
  g_assert_cmpuint (removed, ==, 1);
  {
    g_autofree char *emptied = g_build_filename (root, "3", "2", NULL);
    g_assert_false (g_file_test (emptied, G_FILE_TEST_EXISTS));
  }
}

/* A source with a small limit: tiles it stores push the oldest out of
 * its cache, those cached before it started included. */
static void
test_cache_limit (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autoptr(BbTileServer) server = make_server (bb_test_tile_server_get_template (tiles));
  g_autofree char *root = g_dir_make_tmp ("bb-tiles-XXXXXX", NULL);
  g_autoptr(BbOnlineSource) first = bb_online_source_new (server, root);
  g_autoptr(BbOnlineSource) second = NULL;
  static const int known[][3] = { { 0, 0, 1 }, { 1, 0, 1 }, { 0, 1, 1 }, { 1, 1, 1 } };  /* x, y, zoom */
  char *paths[G_N_ELEMENTS (known)];
  guint64 sizes[G_N_ELEMENTS (known)];
  guint64 limit, left = 0;
  guint64 default_limit = 0;
  Fetch f;

  g_object_get (first, "cache-limit", &default_limit, NULL);
  g_assert_cmpuint (default_limit, ==, (guint64) BB_TILE_CACHE_DEFAULT_LIMIT_MB * 1024 * 1024);

  /* Three tiles cached a day, two days, three days ago. */
  for (guint i = 0; i < 3; i++)
    {
      fetch (first, known[i][0], known[i][1], known[i][2], &f);
      g_assert_no_error (f.error);
      fetch_clear (&f);
      paths[i] = cached_tile_path (first, known[i][0], known[i][1], known[i][2]);
      sizes[i] = file_size (paths[i]);
      age_file (paths[i], (3 - i) * 86400);
    }
  paths[3] = cached_tile_path (first, known[3][0], known[3][1], known[3][2]);

  /* Room for three and a half such tiles: a fourth pushes out the
   * oldest, and the rest stays. */
  limit = (sizes[0] + sizes[1] + sizes[2]) * 7 / 6;
  second = bb_online_source_new (server, root);
  g_object_set (second, "cache-limit", limit, NULL);
  fetch (second, known[3][0], known[3][1], known[3][2], &f);
  g_assert_no_error (f.error);
  g_assert_cmphex (bb_test_tile_colour_of_image (f.received), ==, bb_test_tile_colour (1, 1, 1));
  fetch_clear (&f);

  g_assert_false (g_file_test (paths[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (paths[3], G_FILE_TEST_EXISTS));
  /* Oldest first: a tile kept is never older than one removed. */
  for (guint i = 1; i < 3; i++)
    if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
      for (guint j = i + 1; j < 3; j++)
        g_assert_true (g_file_test (paths[j], G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_file_test (paths[i], G_FILE_TEST_EXISTS))
      left += file_size (paths[i]);
  g_assert_cmpuint (left, <=, limit);
  g_assert_cmpuint (left, ==, bb_tile_cache_measure (bb_online_source_get_cache_dir (second)));

  /* No limit: nothing goes. */
  g_object_set (second, "cache-limit", (guint64) 0, NULL);
  fetch (second, 0, 0, 1, &f);
  g_assert_no_error (f.error);
  fetch_clear (&f);
  g_assert_true (g_file_test (paths[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (paths[3], G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    g_free (paths[i]);
}

int
main (int argc, char *argv[])
{
  /* Straight to loopback, whatever proxy the machine has; and the isolated
   * folders hold no proxy settings schema. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/map/tile-server/settings", test_tile_server_settings);
  g_test_add_func ("/map/online-source/fetch-and-cache", test_fetch_and_cache);
  g_test_add_func ("/map/online-source/error-replies", test_error_replies);
  g_test_add_func ("/map/online-source/slow-reply", test_slow_reply);
  g_test_add_func ("/map/online-source/stale-tiles", test_stale_tiles);
  g_test_add_func ("/map/online-source/few-at-a-time", test_few_at_a_time);
  g_test_add_func ("/map/online-source/cache-trim", test_cache_trim);
  g_test_add_func ("/map/online-source/cache-limit", test_cache_limit);
  return g_test_run ();
}
