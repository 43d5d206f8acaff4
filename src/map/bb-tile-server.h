/* bb-tile-server.h: an online tile server the user configured: its address, attribution and terms */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* The station's meta key that holds the configured server. */
#define BB_TILE_SERVER_KEY "basemap.online"

#define BB_TILE_SERVER_MAX_ZOOM 22

#define BB_TILE_SERVER_ERROR (bb_tile_server_error_quark ())

typedef enum {
  BB_TILE_SERVER_ERROR_INVALID,         /* the configuration cannot be used */
  BB_TILE_SERVER_ERROR_HTTP,            /* the server answered with an HTTP error */
  BB_TILE_SERVER_ERROR_NOT_IMAGE,       /* the answer was not a tile image (an error page) */
  BB_TILE_SERVER_ERROR_OFFLINE,         /* the server could not be reached a moment ago */
  BB_TILE_SERVER_ERROR_TOO_MANY_TILES,  /* an area to save is more than the server should be asked for */
} BbTileServerError;

GQuark bb_tile_server_error_quark (void);

typedef struct {
  char     *url_template;   /* http(s) address with {z}, {x}, {y} and optionally {s} */
  char    **subdomains;     /* what {s} stands for, in turn; NULL or empty without {s} */
  char     *attribution;    /* shown on the map, as the server's terms require */
  guint     max_zoom;
  gboolean  may_cache;      /* the user confirmed the terms allow storing tiles */
} BbTileServer;

#define BB_TYPE_TILE_SERVER (bb_tile_server_get_type ())

GType         bb_tile_server_get_type      (void) G_GNUC_CONST;
BbTileServer *bb_tile_server_new           (const char          *url_template);
BbTileServer *bb_tile_server_copy          (const BbTileServer  *server);
void          bb_tile_server_free          (BbTileServer        *server);

gboolean      bb_tile_server_validate      (const BbTileServer  *server,
                                            GError             **error);
/* The address of one tile (x and y counted from the top left, as XYZ). */
char         *bb_tile_server_expand        (const BbTileServer  *server,
                                            int                  x,
                                            int                  y,
                                            int                  zoom);
/* The host the tiles come from, for the user to read. */
char         *bb_tile_server_dup_host      (const BbTileServer  *server);
/* A short name for the server's tile cache, the same for the same address. */
char         *bb_tile_server_dup_id        (const BbTileServer  *server);
/* Where its tiles are cached: under @cache_root, or the user's cache
 * folder when NULL. */
char         *bb_tile_server_dup_cache_dir (const BbTileServer  *server,
                                            const char          *cache_root);

char         *bb_tile_server_to_data       (const BbTileServer  *server);
BbTileServer *bb_tile_server_from_data     (const char          *data,
                                            GError             **error);

/* Whether the station has a server configured (usable or not). */
gboolean      bb_tile_server_is_configured (BbStore             *store);
/* The station's server: NULL without an error when none is configured. */
BbTileServer *bb_tile_server_load          (BbStore             *store,
                                            GError             **error);
gboolean      bb_tile_server_save          (BbStore             *store,
                                            const BbTileServer  *server,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbTileServer, bb_tile_server_free)

G_END_DECLS
