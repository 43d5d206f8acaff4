/* bb-tile-server.c: an online tile server the user configured: its address, attribution and terms */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-tile-server"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-map.h"
#include "bb-tile-server.h"

#define GROUP "Tile Server"

G_DEFINE_QUARK (bb-tile-server-error-quark, bb_tile_server_error)
G_DEFINE_BOXED_TYPE (BbTileServer, bb_tile_server, bb_tile_server_copy, bb_tile_server_free)

BbTileServer *
bb_tile_server_new (const char *url_template)
{
  BbTileServer *server = g_new0 (BbTileServer, 1);

  server->url_template = g_strdup (url_template);
  server->max_zoom = 19;
  return server;
}

BbTileServer *
bb_tile_server_copy (const BbTileServer *server)
{
  BbTileServer *copy;

  g_return_val_if_fail (server != NULL, NULL);

  copy = bb_tile_server_new (server->url_template);
  copy->subdomains = g_strdupv (server->subdomains);
  copy->attribution = g_strdup (server->attribution);
  copy->max_zoom = server->max_zoom;
  copy->may_cache = server->may_cache;
  return copy;
}

void
bb_tile_server_free (BbTileServer *server)
{
  if (server == NULL)
    return;
  g_free (server->url_template);
  g_strfreev (server->subdomains);
  g_free (server->attribution);
  g_free (server);
}

static gboolean
is_host_label (const char *label)
{
  if (label == NULL || *label == '\0' || *label == '-')
    return FALSE;
  for (const char *p = label; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static guint
n_subdomains (const BbTileServer *server)
{
  return server->subdomains != NULL ? g_strv_length (server->subdomains) : 0;
}

/* Replaces the placeholders; {s} by the first subdomain, or "a" to check
 * the address's form before the subdomains are known. */
static char *
expand (const BbTileServer *server,
        int                 x,
        int                 y,
        int                 zoom)
{
  GString *url = g_string_new (NULL);
  guint n = n_subdomains (server);

  for (const char *p = server->url_template; *p; p++)
    {
      if (g_str_has_prefix (p, "{z}"))
        g_string_append_printf (url, "%d", zoom);
      else if (g_str_has_prefix (p, "{x}"))
        g_string_append_printf (url, "%d", x);
      else if (g_str_has_prefix (p, "{y}"))
        g_string_append_printf (url, "%d", y);
      else if (g_str_has_prefix (p, "{s}"))
        /* The same tile always from the same host, so that HTTP caches on
         * the way keep it. */
        g_string_append (url, n > 0 ? server->subdomains[((guint) x + (guint) y) % n] : "a");
      else
        {
          g_string_append_c (url, *p);
          continue;
        }
      p += 2;
    }
  return g_string_free (url, FALSE);
}

gboolean
bb_tile_server_validate (const BbTileServer  *server,
                         GError             **error)
{
  const char *url;
  g_autofree char *sample = NULL;
  g_autoptr(GUri) uri = NULL;
  gboolean has_s;

  g_return_val_if_fail (server != NULL, FALSE);

  url = server->url_template;
  if (url == NULL || *url == '\0')
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("Enter the address of the server’s tiles, such as https://tiles.example.org/{z}/{x}/{y}.png"));
      return FALSE;
    }
  if (g_ascii_strncasecmp (url, "https://", 8) != 0 && g_ascii_strncasecmp (url, "http://", 7) != 0)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The address must start with https:// or http://"));
      return FALSE;
    }
  for (const char *p = strchr (url, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = g_strndup (p + 1, end != NULL ? (gsize) (end - p - 1) : strlen (p + 1));

      if (end == NULL || end - p != 2 || strchr ("zxys", p[1]) == NULL)
        {
          g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                       _("Beatbook understands {z}, {x}, {y} and {s} in the address, not “{%s}”"), name);
          return FALSE;
        }
    }
  if (strstr (url, "{z}") == NULL || strstr (url, "{x}") == NULL || strstr (url, "{y}") == NULL)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The address must contain {z}, {x} and {y}, where the zoom level and the tile’s column and row go"));
      return FALSE;
    }
  sample = expand (server, 0, 0, 0);
  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("“%s” is not a web address"), url);
      return FALSE;
    }
  has_s = strstr (url, "{s}") != NULL;
  if (has_s && n_subdomains (server) == 0)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The address uses {s}: enter the subdomains it stands for, such as a, b, c"));
      return FALSE;
    }
  for (guint i = 0; i < n_subdomains (server); i++)
    if (!is_host_label (server->subdomains[i]))
      {
        g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                     _("“%s” is not a subdomain: use letters, digits and hyphens"), server->subdomains[i]);
        return FALSE;
      }
  if (server->max_zoom > BB_TILE_SERVER_MAX_ZOOM)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The highest zoom level must be between 0 and %d"), BB_TILE_SERVER_MAX_ZOOM);
      return FALSE;
    }
  if (is_blank (server->attribution))
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("Enter the attribution the server’s terms ask for, such as “© OpenStreetMap contributors”"));
      return FALSE;
    }
  if (!server->may_cache)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("Confirm that the server’s terms allow storing its tiles on this computer"));
      return FALSE;
    }
  return TRUE;
}

char *
bb_tile_server_expand (const BbTileServer *server,
                       int                 x,
                       int                 y,
                       int                 zoom)
{
  g_return_val_if_fail (server != NULL && server->url_template != NULL, NULL);
  return expand (server, x, y, zoom);
}

char *
bb_tile_server_dup_host (const BbTileServer *server)
{
  g_autofree char *sample = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  if (server->url_template == NULL)
    return NULL;
  sample = expand (server, 0, 0, 0);
  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, NULL);
  return uri != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

char *
bb_tile_server_dup_id (const BbTileServer *server)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (server != NULL && server->url_template != NULL, NULL);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, server->url_template, -1);
  return g_strndup (sum, 16);
}

char *
bb_tile_server_dup_cache_dir (const BbTileServer *server,
                              const char         *cache_root)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  id = bb_tile_server_dup_id (server);
  if (cache_root != NULL)
    return g_build_filename (cache_root, id, NULL);
  return g_build_filename (g_get_user_cache_dir (), "beatbook", "tiles", id, NULL);
}

char *
bb_tile_server_to_data (const BbTileServer *server)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (server != NULL, NULL);

  g_key_file_set_string (file, GROUP, "url", server->url_template ? server->url_template : "");
  if (n_subdomains (server) > 0)
    g_key_file_set_string_list (file, GROUP, "subdomains", (const char * const *) server->subdomains,
                                n_subdomains (server));
  g_key_file_set_string (file, GROUP, "attribution", server->attribution ? server->attribution : "");
  g_key_file_set_integer (file, GROUP, "max-zoom", server->max_zoom);
  g_key_file_set_boolean (file, GROUP, "may-cache", server->may_cache);
  return g_key_file_to_data (file, NULL, NULL);
}

BbTileServer *
bb_tile_server_from_data (const char  *data,
                          GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(BbTileServer) server = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  int max_zoom;

  g_return_val_if_fail (data != NULL, NULL);

  if (!g_key_file_load_from_data (file, data, -1, G_KEY_FILE_NONE, &local_error)
      || (url = g_key_file_get_string (file, GROUP, "url", &local_error)) == NULL)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The station’s online tile server settings are damaged (%s); set the server up again"),
                   local_error->message);
      return NULL;
    }
  server = bb_tile_server_new (url);
  server->subdomains = g_key_file_get_string_list (file, GROUP, "subdomains", NULL, NULL);
  server->attribution = g_key_file_get_string (file, GROUP, "attribution", NULL);
  if (g_key_file_has_key (file, GROUP, "max-zoom", NULL))
    {
      max_zoom = g_key_file_get_integer (file, GROUP, "max-zoom", &local_error);
      /* Out of range, so that validation names it. */
      server->max_zoom = local_error == NULL && max_zoom >= 0 ? (guint) max_zoom : G_MAXUINT;
      g_clear_error (&local_error);
    }
  server->may_cache = g_key_file_get_boolean (file, GROUP, "may-cache", NULL);
  if (!bb_tile_server_validate (server, &local_error))
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The station’s online tile server cannot be used: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&server);
}

gboolean
bb_tile_server_is_configured (BbStore *store)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  data = bb_store_map_get_setting (store, BB_TILE_SERVER_KEY);
  return data != NULL;
}

BbTileServer *
bb_tile_server_load (BbStore  *store,
                     GError  **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  data = bb_store_map_get_setting (store, BB_TILE_SERVER_KEY);
  if (data == NULL)
    return NULL;
  return bb_tile_server_from_data (data, error);
}

gboolean
bb_tile_server_save (BbStore             *store,
                     const BbTileServer  *server,
                     GError             **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  if (server == NULL)
    return bb_store_map_set_setting (store, BB_TILE_SERVER_KEY, NULL, error);
  if (!bb_tile_server_validate (server, error))
    return FALSE;
  data = bb_tile_server_to_data (server);
  return bb_store_map_set_setting (store, BB_TILE_SERVER_KEY, data, error);
}
