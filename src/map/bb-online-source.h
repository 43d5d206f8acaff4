/* bb-online-source.h: a tile source that fetches from the configured tile server and keeps a disk cache */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "bb-store.h"
#include "bb-tile-server.h"

G_BEGIN_DECLS

/* After the server could not be reached, missing tiles fail at once (and
 * stale ones are served from the cache) for this long before trying again. */
#define BB_ONLINE_SOURCE_RETRY_SECONDS 20
/* Cached tiles younger than this are not asked for again. */
#define BB_ONLINE_SOURCE_MAX_AGE_SECONDS (7 * 24 * 3600)
/* Requests in flight at once, for the whole server and for each host. */
#define BB_ONLINE_SOURCE_MAX_CONNECTIONS 4
#define BB_ONLINE_SOURCE_MAX_CONNECTIONS_PER_HOST 2

#define BB_TYPE_ONLINE_SOURCE (bb_online_source_get_type ())
G_DECLARE_FINAL_TYPE (BbOnlineSource, bb_online_source, BB, ONLINE_SOURCE, ShumateDataSource)

BbOnlineSource     *bb_online_source_new          (const BbTileServer  *server,
                                                   const char          *cache_root);
const BbTileServer *bb_online_source_get_server   (BbOnlineSource      *self);
const char         *bb_online_source_get_cache_dir (BbOnlineSource     *self);
/* The typical size of this server's tiles, from those seen so far or,
 * before any, from its cache. */
gsize               bb_online_source_get_typical_tile_size (BbOnlineSource *self);

/* One tile as an image the map can draw: from the cache while fresh, else
 * from the server (stored in the cache), else a stale cached copy. Never
 * an error page. Does not emit ShumateDataSource::received-data. */
void                bb_online_source_fetch_async  (BbOnlineSource      *self,
                                                   int                  x,
                                                   int                  y,
                                                   int                  zoom,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes             *bb_online_source_fetch_finish (BbOnlineSource      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Whether a fetch failed for this tile alone (the server has no such
 * tile, or sent something else than an image), rather than because the
 * server cannot be reached. */
gboolean            bb_online_source_error_is_tile_only (const GError  *error);

/* The station's server as a base map, with its attribution, its disk
 * cache kept under @cache_limit bytes (0: no limit); an error when none
 * is configured. */
ShumateMapSource   *bb_online_source_new_map_source (BbStore           *store,
                                                     guint64            cache_limit,
                                                     GError           **error);

G_END_DECLS
