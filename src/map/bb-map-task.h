/* bb-map-task.h: a map computation (heat map and hot spots, trends) run off the main thread on a copy of its inputs */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "bb-geo.h"

G_BEGIN_DECLS

/* Computes a result from @points at @indices (NULL for all) within
 * @study_area (NULL for none) and the computation's own @data; NULL and
 * @error when it fails or is cancelled.  Runs in a worker thread. */
typedef gpointer (*BbMapTaskFunc) (GArray        *points,
                                   GArray        *indices,
                                   const BbBBox  *study_area,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* Runs @func in a worker thread on references to @points and @indices, a
 * copy of @study_area and @data (taken, freed with @data_free); the
 * result, freed with @result_free if nobody takes it, comes back through
 * bb_map_task_finish() with the same @source_tag. */
void     bb_map_task_run    (gpointer             source_tag,
                             const char          *name,
                             GArray              *points,
                             GArray              *indices,
                             const BbBBox        *study_area,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             BbMapTaskFunc        func,
                             GDestroyNotify       result_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
gpointer bb_map_task_finish (GAsyncResult        *result,
                             gpointer             source_tag,
                             GError             **error);

G_END_DECLS
