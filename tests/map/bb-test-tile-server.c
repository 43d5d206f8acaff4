/* bb-test-tile-server.c: a tile server on loopback for the tests, with the replies real servers give */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <libsoup/soup.h>

#include "bb-test-tile-server.h"

struct _BbTestTileServer
{
  SoupServer      *server;
  char            *template;
  GHashTable      *replies;       /* "z/x/y" → BbTestTileReply */
  GHashTable      *counts;        /* "z/x/y" → requests */
  BbTestTileReply  default_reply;
  guint            delay_ms;
  gboolean         not_modified;
  guint            n_requests;
  guint            in_progress;
  guint            max_concurrent;
  char            *user_agent;
  gboolean         saw_if_modified_since;
  GPtrArray       *paused;        /* Paused: replies waiting for the delay */
  GPtrArray       *active;        /* SoupServerMessage not finished yet, unowned */
};

static const char error_page[] =
  "<!DOCTYPE html><html><head><title>Access blocked</title></head>"
  "<body><h1>Access blocked</h1><p>Too many requests from your address.</p></body></html>";

guint32
bb_test_tile_colour (int zoom,
                     int x,
                     int y)
{
  return ((guint32) (x & 0xff) << 16) | ((guint32) (y & 0xff) << 8) | (guint32) (40 + 10 * zoom);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
tile_png (int zoom,
          int x,
          int y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  guint32 colour = bb_test_tile_colour (zoom, x, y);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, (colour >> 16) / 255.0, ((colour >> 8) & 0xff) / 255.0, (colour & 0xff) / 255.0);
  cairo_paint (cr);
  /* A grid line, as on a real map, so that the image is not one flat colour. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, 256, 2);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_cb, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

guint32
bb_test_tile_colour_of_image (GBytes *bytes)
{
  /* By type: the tests run without a MIME database to guess from. */
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  GdkPixbuf *pixbuf;
  const guchar *pixel;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) || !gdk_pixbuf_loader_close (loader, NULL))
    return G_MAXUINT32;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  pixel = gdk_pixbuf_read_pixels (pixbuf) + 128 * gdk_pixbuf_get_rowstride (pixbuf)
          + 128 * gdk_pixbuf_get_n_channels (pixbuf);
  return ((guint32) pixel[0] << 16) | ((guint32) pixel[1] << 8) | pixel[2];
}

static void
answer (SoupServerMessage *msg,
        BbTestTileReply    reply,
        int                zoom,
        int                x,
        int                y)
{
  g_autoptr(GBytes) png = NULL;

  switch (reply)
    {
    case BB_TEST_TILE_PNG:
    case BB_TEST_TILE_SLOW:
      png = tile_png (zoom, x, y);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
      break;
    case BB_TEST_TILE_HTML_200:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        error_page, strlen (error_page));
      break;
    case BB_TEST_TILE_NOT_FOUND:
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, error_page, strlen (error_page));
      break;
    case BB_TEST_TILE_LYING:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, error_page, strlen (error_page));
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct {
  BbTestTileServer  *server;
  SoupServerMessage *msg;
  int                zoom, x, y;
  guint              timeout_id;
} Paused;

static void
message_finished_cb (SoupServerMessage *msg,
                     BbTestTileServer  *server)
{
  server->in_progress--;
  g_ptr_array_remove (server->active, msg);
}

static gboolean
resume_cb (gpointer user_data)
{
  Paused *paused = user_data;

  paused->timeout_id = 0;
  answer (paused->msg, BB_TEST_TILE_SLOW, paused->zoom, paused->x, paused->y);
  soup_server_message_unpause (paused->msg);
  g_ptr_array_remove (paused->server->paused, paused);
  return G_SOURCE_REMOVE;
}

static void
paused_free (Paused *paused)
{
  g_clear_handle_id (&paused->timeout_id, g_source_remove);
  g_object_unref (paused->msg);
  g_free (paused);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  BbTestTileServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  int zoom, x, y;
  char key[64];
  gpointer reply;
  guint n;

  server->n_requests++;
  server->in_progress++;
  server->max_concurrent = MAX (server->max_concurrent, server->in_progress);
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), server);
  g_ptr_array_add (server->active, msg);
  g_free (server->user_agent);
  server->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));

  if (sscanf (path, "/tiles/%d/%d/%d.png", &zoom, &x, &y) != 3)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  g_snprintf (key, sizeof key, "%d/%d/%d", zoom, x, y);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, key));
  g_hash_table_insert (server->counts, g_strdup (key), GUINT_TO_POINTER (n + 1));

  if (soup_message_headers_get_one (headers, "If-Modified-Since") != NULL)
    {
      server->saw_if_modified_since = TRUE;
      if (server->not_modified)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  if (!g_hash_table_lookup_extended (server->replies, key, NULL, &reply))
    reply = GINT_TO_POINTER (server->default_reply);
  if (GPOINTER_TO_INT (reply) == BB_TEST_TILE_SLOW)
    {
      Paused *paused = g_new0 (Paused, 1);

      paused->server = server;
      paused->msg = g_object_ref (msg);
      paused->zoom = zoom, paused->x = x, paused->y = y;
      paused->timeout_id = g_timeout_add (server->delay_ms, resume_cb, paused);
      g_ptr_array_add (server->paused, paused);
      soup_server_message_pause (msg);
      return;
    }
  answer (msg, GPOINTER_TO_INT (reply), zoom, x, y);
}

BbTestTileServer *
bb_test_tile_server_new (void)
{
  BbTestTileServer *server = g_new0 (BbTestTileServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->server = soup_server_new ("server-header", "bb-test-tile-server ", NULL);
  server->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->paused = g_ptr_array_new_with_free_func ((GDestroyNotify) paused_free);
  server->active = g_ptr_array_new ();
  server->delay_ms = 3000;
  soup_server_add_handler (server->server, NULL, handler_cb, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);
  g_assert_nonnull (uris);
  server->template = g_strdup_printf ("http://127.0.0.1:%d/tiles/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

void
bb_test_tile_server_stop (BbTestTileServer *server)
{
  if (server->server == NULL)
    return;
  for (guint i = 0; i < server->active->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (server->active, i), server);
  g_ptr_array_set_size (server->active, 0);
  g_ptr_array_set_size (server->paused, 0);
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
}

void
bb_test_tile_server_free (BbTestTileServer *server)
{
  bb_test_tile_server_stop (server);
  g_ptr_array_unref (server->paused);
  g_ptr_array_unref (server->active);
  g_hash_table_unref (server->replies);
  g_hash_table_unref (server->counts);
  g_free (server->template);
  g_free (server->user_agent);
  g_free (server);
}

const char *
bb_test_tile_server_get_template (BbTestTileServer *server)
{
  return server->template;
}

void
bb_test_tile_server_set_reply (BbTestTileServer *server,
                               int               zoom,
                               int               x,
                               int               y,
                               BbTestTileReply   reply)
{
  g_hash_table_insert (server->replies, g_strdup_printf ("%d/%d/%d", zoom, x, y), GINT_TO_POINTER (reply));
}

void
bb_test_tile_server_set_default_reply (BbTestTileServer *server,
                                       BbTestTileReply   reply)
{
  server->default_reply = reply;
}

void
bb_test_tile_server_set_delay (BbTestTileServer *server,
                               guint             ms)
{
  server->delay_ms = ms;
}

void
bb_test_tile_server_set_not_modified (BbTestTileServer *server,
                                      gboolean          not_modified)
{
  server->not_modified = not_modified;
}

guint
bb_test_tile_server_get_n_requests (BbTestTileServer *server)
{
  return server->n_requests;
}

guint
bb_test_tile_server_get_n_requests_for (BbTestTileServer *server,
                                        int               zoom,
                                        int               x,
                                        int               y)
{
  g_autofree char *key = g_strdup_printf ("%d/%d/%d", zoom, x, y);

  return GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, key));
}

const char *
bb_test_tile_server_get_user_agent (BbTestTileServer *server)
{
  return server->user_agent;
}

gboolean
bb_test_tile_server_saw_if_modified_since (BbTestTileServer *server)
{
  return server->saw_if_modified_since;
}

guint
bb_test_tile_server_get_max_concurrent (BbTestTileServer *server)
{
  return server->max_concurrent;
}
