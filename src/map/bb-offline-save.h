/* bb-offline-save.h: saves an area of the online map into an MBTiles file for use with no network */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-geo.h"
#include "bb-online-source.h"

G_BEGIN_DECLS

/* Out of fairness to the tile server: no more tiles than this in one save. */
#define BB_OFFLINE_SAVE_MAX_TILES 5000
/* Tiles asked for at once. */
#define BB_OFFLINE_SAVE_PARALLEL 2

#define BB_TYPE_OFFLINE_SAVE (bb_offline_save_get_type ())
G_DECLARE_FINAL_TYPE (BbOfflineSave, bb_offline_save, BB, OFFLINE_SAVE, GObject)

/* The tiles that cover @area at every zoom level from @min_zoom to @max_zoom. */
guint64        bb_offline_save_count_tiles      (const BbBBox         *area,
                                                 guint                 min_zoom,
                                                 guint                 max_zoom);

BbOfflineSave *bb_offline_save_new              (BbOnlineSource       *source,
                                                 const BbBBox         *area,
                                                 guint                 min_zoom,
                                                 guint                 max_zoom);
guint64        bb_offline_save_get_n_tiles      (BbOfflineSave        *self);
/* Bytes the file will take, from the size of the server's tiles so far. */
guint64        bb_offline_save_estimate_size    (BbOfflineSave        *self);
/* Whether the save may start: a real area, zoom levels the server has, and
 * no more tiles than BB_OFFLINE_SAVE_MAX_TILES. */
gboolean       bb_offline_save_check            (BbOfflineSave        *self,
                                                 GError              **error);

/* Downloads the tiles into a new MBTiles file at @path named @name. Tiles
 * the server does not have are left out (blank on the map); if the server
 * cannot be reached, or on cancel, the save stops and leaves no file. */
void           bb_offline_save_run_async        (BbOfflineSave        *self,
                                                 const char           *path,
                                                 const char           *name,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       bb_offline_save_run_finish       (BbOfflineSave        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Progress: tiles handled (saved or missing) so far, and of those, saved. */
guint          bb_offline_save_get_n_done       (BbOfflineSave        *self);
guint          bb_offline_save_get_n_saved      (BbOfflineSave        *self);
guint          bb_offline_save_get_n_missing    (BbOfflineSave        *self);
guint64        bb_offline_save_get_bytes_saved  (BbOfflineSave        *self);

G_END_DECLS
