/* bb-result-cache.h: the last few results of a map analysis, by the key of what they were computed from */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Going back to a filter shown a moment ago shows its result at once. */
typedef struct {
  GHashTable     *table;   /* key → value */
  GQueue          order;   /* keys, newest first; owned by the table */
  guint           size;
  GBoxedCopyFunc  ref;
} BbResultCache;

void     bb_result_cache_init     (BbResultCache  *cache,
                                   guint           size,
                                   GBoxedCopyFunc  ref,
                                   GDestroyNotify  unref);
gpointer bb_result_cache_lookup   (BbResultCache  *cache,
                                   const char     *key);
/* Keeps a reference to @value under @key (taken); the oldest goes when
 * the cache is full. */
void     bb_result_cache_remember (BbResultCache  *cache,
                                   char           *key,
                                   gpointer        value);
void     bb_result_cache_clear    (BbResultCache  *cache);
void     bb_result_cache_destroy  (BbResultCache  *cache);

G_END_DECLS
