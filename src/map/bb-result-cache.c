/* bb-result-cache.c: the last few results of a map analysis, by the key of what they were computed from */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-result-cache"

#include "config.h"

#include "bb-result-cache.h"

void
bb_result_cache_init (BbResultCache  *cache,
                      guint           size,
                      GBoxedCopyFunc  ref,
                      GDestroyNotify  unref)
{
  g_return_if_fail (cache != NULL && size > 0 && ref != NULL);

  cache->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref);
  g_queue_init (&cache->order);
  cache->size = size;
  cache->ref = ref;
}

gpointer
bb_result_cache_lookup (BbResultCache *cache,
                        const char    *key)
{
  return g_hash_table_lookup (cache->table, key);
}

void
bb_result_cache_remember (BbResultCache *cache,
                          char          *key,
                          gpointer       value)
{
  if (g_hash_table_contains (cache->table, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (cache->table, key, cache->ref (value));
  g_queue_push_head (&cache->order, key);
  while (g_queue_get_length (&cache->order) > cache->size)
    g_hash_table_remove (cache->table, g_queue_pop_tail (&cache->order));
}

void
bb_result_cache_clear (BbResultCache *cache)
{
  g_queue_clear (&cache->order);
  g_hash_table_remove_all (cache->table);
}

void
bb_result_cache_destroy (BbResultCache *cache)
{
  g_queue_clear (&cache->order);
  g_clear_pointer (&cache->table, g_hash_table_unref);
}
