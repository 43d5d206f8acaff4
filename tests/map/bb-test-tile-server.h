/* bb-test-tile-server.h: a tile server on loopback for the tests, with the replies real servers give */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  BB_TEST_TILE_PNG,          /* 200 image/png: a tile whose colour tells x, y and zoom */
  BB_TEST_TILE_HTML_200,     /* 200 text/html: a "you are blocked" page */
  BB_TEST_TILE_NOT_FOUND,    /* 404 text/html */
  BB_TEST_TILE_LYING,        /* 200 image/png whose body is an HTML page */
  BB_TEST_TILE_SLOW,         /* the PNG tile after the server's delay */
} BbTestTileReply;

typedef struct _BbTestTileServer BbTestTileServer;

BbTestTileServer *bb_test_tile_server_new          (void);
void              bb_test_tile_server_free         (BbTestTileServer *server);
/* http://127.0.0.1:PORT/tiles/{z}/{x}/{y}.png */
const char       *bb_test_tile_server_get_template (BbTestTileServer *server);
/* How one tile is answered, and how every other tile is. */
void              bb_test_tile_server_set_reply    (BbTestTileServer *server,
                                                    int               zoom,
                                                    int               x,
                                                    int               y,
                                                    BbTestTileReply   reply);
void              bb_test_tile_server_set_default_reply (BbTestTileServer *server,
                                                    BbTestTileReply   reply);
void              bb_test_tile_server_set_delay    (BbTestTileServer *server,
                                                    guint             ms);
/* Answer 304 to a request that says which copy it has. */
void              bb_test_tile_server_set_not_modified (BbTestTileServer *server,
                                                    gboolean          not_modified);
/* Stops listening and drops every connection: the cable is unplugged. */
void              bb_test_tile_server_stop         (BbTestTileServer *server);

guint             bb_test_tile_server_get_n_requests (BbTestTileServer *server);
/* Requests for one tile. */
guint             bb_test_tile_server_get_n_requests_for (BbTestTileServer *server,
                                                    int               zoom,
                                                    int               x,
                                                    int               y);
const char       *bb_test_tile_server_get_user_agent (BbTestTileServer *server);
gboolean          bb_test_tile_server_saw_if_modified_since (BbTestTileServer *server);
/* The most requests the server had in progress at once. */
guint             bb_test_tile_server_get_max_concurrent (BbTestTileServer *server);

/* The colour the server paints tile x, y at zoom with, as 0xRRGGBB. */
guint32           bb_test_tile_colour              (int               zoom,
                                                    int               x,
                                                    int               y);
/* The colour in the middle of a tile image, or G_MAXUINT32 if it does not decode. */
guint32           bb_test_tile_colour_of_image     (GBytes           *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbTestTileServer, bb_test_tile_server_free)

G_END_DECLS
