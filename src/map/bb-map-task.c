/* bb-map-task.c: a map computation (heat map and hot spots, trends) run off the main thread on a copy of its inputs */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-task"

#include "config.h"

#include "bb-map-task.h"

typedef struct {
  GArray         *points;
  GArray         *indices;
  BbBBox          study_area;
  gboolean        has_area;
  gpointer        data;
  GDestroyNotify  data_free;
  BbMapTaskFunc   func;
  GDestroyNotify  result_free;
} TaskData;

static void
task_data_free (TaskData *t)
{
  g_clear_pointer (&t->points, g_array_unref);
  g_clear_pointer (&t->indices, g_array_unref);
  if (t->data_free != NULL)
    g_clear_pointer (&t->data, t->data_free);
  g_free (t);
}

static void
task_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *t = task_data;
  GError *error = NULL;
  gpointer result;

  result = t->func (t->points, t->indices, t->has_area ? &t->study_area : NULL, t->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, t->result_free);
}

void
bb_map_task_run (gpointer             source_tag,
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
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *t;

  g_return_if_fail (points != NULL && func != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  t = g_new0 (TaskData, 1);
  t->points = g_array_ref (points);
  t->indices = indices != NULL ? g_array_ref (indices) : NULL;
  t->has_area = study_area != NULL;
  if (study_area != NULL)
    t->study_area = *study_area;
  t->data = data;
  t->data_free = data_free;
  t->func = func;
  t->result_free = result_free;
  g_task_set_task_data (task, t, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, task_thread);
}

gpointer
bb_map_task_finish (GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
