/* bb-tile-cache.c: the online tile server's disk cache kept under a size limit, oldest tiles out first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-tile-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "bb-tile-cache.h"

typedef struct {
  char   *path;
  gint64  mtime;
  guint64 size;
} CachedTile;

static void
cached_tile_clear (CachedTile *tile)
{
  g_free (tile->path);
}

/* Calls @func on every ZOOM/X/Y.tile under @cache_dir. */
static void
walk (const char *cache_dir,
      void      (*func) (const char *path, GStatBuf *st, gpointer data),
      gpointer    data)
{
  g_autoptr(GDir) levels = g_dir_open (cache_dir, 0, NULL);
  const char *level;

  while (levels != NULL && (level = g_dir_read_name (levels)) != NULL)
    {
      g_autofree char *level_path = g_build_filename (cache_dir, level, NULL);
      g_autoptr(GDir) columns = g_dir_open (level_path, 0, NULL);
      const char *column;

      while (columns != NULL && (column = g_dir_read_name (columns)) != NULL)
        {
          g_autofree char *column_path = g_build_filename (level_path, column, NULL);
          g_autoptr(GDir) rows = g_dir_open (column_path, 0, NULL);
          const char *row;

          while (rows != NULL && (row = g_dir_read_name (rows)) != NULL)
            {
              g_autofree char *path = NULL;
              GStatBuf st;

              if (!g_str_has_suffix (row, ".tile"))
                continue;
              path = g_build_filename (column_path, row, NULL);
              if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
                func (path, &st, data);
            }
        }
    }
}

static void
add_size (const char *path,
          GStatBuf   *st,
          gpointer    data)
{
  *(guint64 *) data += st->st_size;
}

guint64
bb_tile_cache_measure (const char *cache_dir)
{
  guint64 total = 0;

  g_return_val_if_fail (cache_dir != NULL, 0);
  walk (cache_dir, add_size, &total);
  return total;
}

static void
add_tile (const char *path,
          GStatBuf   *st,
          gpointer    data)
{
  CachedTile tile = { g_strdup (path), st->st_mtime, st->st_size };

  g_array_append_val ((GArray *) data, tile);
}

static int
older_first (gconstpointer a,
             gconstpointer b)
{
  const CachedTile *x = a, *y = b;

  if (x->mtime != y->mtime)
    return x->mtime < y->mtime ? -1 : 1;
  /* The same second: a stable order all the same. */
  return g_strcmp0 (x->path, y->path);
}

guint64
bb_tile_cache_trim (const char *cache_dir,
                    guint64     limit,
                    guint64     target,
                    guint      *n_removed)
{
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (CachedTile));
  guint64 total = 0;
  guint removed = 0;

  g_return_val_if_fail (cache_dir != NULL, 0);

  target = MIN (target, limit);
  g_array_set_clear_func (tiles, (GDestroyNotify) cached_tile_clear);
  walk (cache_dir, add_tile, tiles);
  for (guint i = 0; i < tiles->len; i++)
    total += g_array_index (tiles, CachedTile, i).size;
  if (total > limit)
    {
      g_array_sort (tiles, older_first);
      for (guint i = 0; i < tiles->len && total > target; i++)
        {
          CachedTile *tile = &g_array_index (tiles, CachedTile, i);
          g_autofree char *column = NULL;
          g_autofree char *level = NULL;

          if (g_unlink (tile->path) != 0 && errno != ENOENT)
            {
              g_debug ("cannot remove %s from the tile cache: %s", tile->path, g_strerror (errno));
              continue;
            }
          total -= tile->size;
          removed++;
          /* An emptied folder goes too (rmdir fails on one that is not). */
          column = g_path_get_dirname (tile->path);
          level = g_path_get_dirname (column);
          if (g_rmdir (column) == 0)
            g_rmdir (level);
        }
    }
  if (n_removed != NULL)
    *n_removed = removed;
  return total;
}
