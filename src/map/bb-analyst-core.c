/* bb-analyst-core.c: what the map's analysts share: the incidents analysed, settling, cancelling, the busy state and the cache of results */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-analyst-core"

#include "config.h"

#include <string.h>

#include "bb-analyst-core.h"
#include "bb-map-analysis.h"

/* Results kept for the last few filters, so that going back to one shows
 * it at once. */
#define CACHE_SIZE 8
/* Filter changes closer than this are one change. */
#define SETTLE_MS  60

void
bb_analyst_core_init (BbAnalystCore            *core,
                      GObject                  *owner,
                      const BbAnalystCoreFuncs *funcs,
                      void                    (*compute) (GObject *owner))
{
  memset (core, 0, sizeof *core);
  core->owner = owner;
  core->funcs = funcs;
  core->compute = compute;
  bb_result_cache_init (&core->cache, CACHE_SIZE, funcs->ref, funcs->unref);
  bb_bbox_init_empty (&core->study_area);
}

void
bb_analyst_core_dispose (BbAnalystCore *core)
{
  g_clear_handle_id (&core->settle_id, g_source_remove);
  if (core->cancellable != NULL)
    g_cancellable_cancel (core->cancellable);
  g_clear_object (&core->cancellable);
}

void
bb_analyst_core_finalize (BbAnalystCore *core)
{
  bb_result_cache_destroy (&core->cache);
  g_clear_pointer (&core->shown, core->funcs->unref);
  g_clear_pointer (&core->points, g_array_unref);
  g_clear_pointer (&core->indices, g_array_unref);
}

static void
sync_busy (BbAnalystCore *core)
{
  gboolean busy = core->cancellable != NULL || core->settle_id != 0;

  if (core->busy == busy)
    return;
  core->busy = busy;
  g_object_notify_by_pspec (core->owner, core->funcs->busy_pspec);
}

/* Cancels the work under way, if any, and makes @cancellable's the
 * current one. */
static void
set_busy (BbAnalystCore *core,
          GCancellable  *cancellable)
{
  if (core->cancellable != NULL)
    {
      g_cancellable_cancel (core->cancellable);
      g_clear_object (&core->cancellable);
    }
  core->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  sync_busy (core);
}

void
bb_analyst_core_idle (BbAnalystCore *core)
{
  set_busy (core, NULL);
}

void
bb_analyst_core_show (BbAnalystCore *core,
                      gpointer       result)
{
  if (result != NULL)
    core->funcs->ref (result);
  g_clear_pointer (&core->shown, core->funcs->unref);
  core->shown = result;
  core->funcs->shown (core->owner, result);
}

gboolean
bb_analyst_core_show_cached (BbAnalystCore *core,
                             const char    *key)
{
  gpointer cached = bb_result_cache_lookup (&core->cache, key);

  if (cached == NULL)
    return FALSE;
  set_busy (core, NULL);
  core->n_cached++;
  if (cached != core->shown)
    bb_analyst_core_show (core, cached);
  return TRUE;
}

typedef struct {
  GObject       *owner;
  BbAnalystCore *core;   /* inside the owner */
  char          *key;
} Request;

GCancellable *
bb_analyst_core_start (BbAnalystCore *core,
                       char          *key,
                       gpointer      *data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Request *request = g_new0 (Request, 1);

  set_busy (core, cancellable);
  request->owner = g_object_ref (core->owner);
  request->core = core;
  request->key = key;
  *data = request;
  return core->cancellable;
}

void
bb_analyst_core_computed_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      data)
{
  Request *request = data;
  g_autoptr(GObject) owner = request->owner;
  g_autofree char *key = request->key;
  BbAnalystCore *core = request->core;
  g_autoptr(GError) error = NULL;
  gpointer computed = core->funcs->finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  g_free (request);
  /* Work for an earlier request, or for an analyst let go, lands nowhere. */
  if (cancellable != core->cancellable || g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&computed, core->funcs->unref);
      return;
    }
  set_busy (core, NULL);
  if (computed == NULL)
    {
      g_warning ("%s failed: %s", core->funcs->what, error->message);
      bb_analyst_core_show (core, NULL);
      return;
    }
  core->n_computed++;
  bb_result_cache_remember (&core->cache, g_steal_pointer (&key), computed);
  bb_analyst_core_show (core, computed);
  core->funcs->unref (computed);
}

static gboolean
settle_cb (gpointer user_data)
{
  BbAnalystCore *core = user_data;

  core->settle_id = 0;
  core->compute (core->owner);
  sync_busy (core);
  return G_SOURCE_REMOVE;
}

void
bb_analyst_core_schedule (BbAnalystCore *core)
{
  g_clear_handle_id (&core->settle_id, g_source_remove);
  core->settle_id = g_timeout_add (SETTLE_MS, settle_cb, core);
  sync_busy (core);
}

void
bb_analyst_core_set_points (BbAnalystCore *core,
                            GArray        *points,
                            GArray        *indices,
                            const BbBBox  *study_area)
{
  if (points != core->points)
    {
      /* Other incidents: nothing cached applies any more. */
      g_clear_pointer (&core->points, g_array_unref);
      core->points = points != NULL ? g_array_ref (points) : NULL;
      core->points_serial++;
      bb_result_cache_clear (&core->cache);
    }
  if (indices != NULL)
    g_array_ref (indices);
  g_clear_pointer (&core->indices, g_array_unref);
  core->indices = indices;
  core->indices_hash = bb_map_analysis_hash_indices (indices);
  if (study_area != NULL)
    core->study_area = *study_area;
  else
    bb_bbox_init_empty (&core->study_area);
  bb_analyst_core_schedule (core);
}

void
bb_analyst_core_clear (BbAnalystCore *core)
{
  g_clear_handle_id (&core->settle_id, g_source_remove);
  set_busy (core, NULL);
  g_clear_pointer (&core->points, g_array_unref);
  g_clear_pointer (&core->indices, g_array_unref);
  bb_result_cache_clear (&core->cache);
  core->points_serial++;
  bb_analyst_core_show (core, NULL);
}

const BbBBox *
bb_analyst_core_get_study_area (BbAnalystCore *core)
{
  return bb_bbox_is_empty (&core->study_area) ? NULL : &core->study_area;
}
