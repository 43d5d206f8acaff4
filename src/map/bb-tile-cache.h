/* bb-tile-cache.h: the online tile server's disk cache kept under a size limit, oldest tiles out first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a cache of a few hundred megabytes of map tiles is worth keeping
 * on an old laptop's disk: about 25,000 tiles of a town map. */
#define BB_TILE_CACHE_DEFAULT_LIMIT_MB 500

/* The bytes the tiles (ZOOM/X/Y.tile) under @cache_dir take. */
guint64  bb_tile_cache_measure (const char *cache_dir);

/* When the tiles under @cache_dir take more than @limit bytes, removes
 * the least recently written first until they take at most @target
 * bytes (≤ @limit: trimming a little below the limit spares a walk of
 * the cache for every new tile), and folders left empty.  Returns the
 * bytes left; @n_removed (optional) counts the tiles removed.  Files
 * that are not tiles are left alone. */
guint64  bb_tile_cache_trim    (const char *cache_dir,
                                guint64     limit,
                                guint64     target,
                                guint      *n_removed);

G_END_DECLS
