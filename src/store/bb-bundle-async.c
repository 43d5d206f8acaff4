/* bb-bundle-async.c: exporting and applying bundles on a thread, with progress told to the caller's main context */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include "bb-bundle-private.h"

typedef struct {
  gatomicrefcount       ref;
  BbStore              *store;
  char                 *path;
  BbBundleExportOptions options;
  gboolean              dry_run;
  BbBundleProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
  GMainContext         *context;
  gint                  fraction;     /* per mille, written by the thread */
  gint                  scheduled;    /* a progress notice is on its way */
} Job;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job->options.peer_id);
  if (job->progress_data_destroy != NULL)
    job->progress_data_destroy (job->progress_data);
  g_main_context_unref (job->context);
  g_free (job);
}

static Job *
job_new (BbStore              *store,
         const char           *path,
         BbBundleProgressFunc  progress,
         gpointer              progress_data,
         GDestroyNotify        progress_data_destroy)
{
  Job *job = g_new0 (Job, 1);

  g_atomic_ref_count_init (&job->ref);
  job->store = g_object_ref (store);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;
  job->context = g_main_context_ref_thread_default ();
  return job;
}

static gboolean
tell_progress_cb (gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->scheduled, 0);
  if (job->progress != NULL)
    job->progress (g_atomic_int_get (&job->fraction) / 1000.0, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the thread: the latest fraction, told once per turn of the caller's
 * main loop however often it changes. */
static void
thread_progress_cb (double   fraction,
                    gpointer data)
{
  Job *job = data;
  g_autoptr(GSource) source = NULL;

  g_atomic_int_set (&job->fraction, (gint) CLAMP (fraction * 1000.0, 0.0, 1000.0));
  if (job->progress == NULL || !g_atomic_int_compare_and_exchange (&job->scheduled, 0, 1))
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, tell_progress_cb, job_ref (job), (GDestroyNotify) job_unref);
  g_source_set_static_name (source, "[beatbook] bundle progress");
  g_source_attach (source, job->context);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  BbBundleHeader *header;

  header = bb_bundle_export (job->store, job->path, &job->options, cancellable, thread_progress_cb, job, &error);
  if (header == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, header, (GDestroyNotify) bb_bundle_header_free);
}

void
bb_bundle_export_async (BbStore                     *store,
                        const char                  *path,
                        const BbBundleExportOptions *options,
                        GCancellable                *cancellable,
                        BbBundleProgressFunc         progress,
                        gpointer                     progress_data,
                        GDestroyNotify               progress_data_destroy,
                        GAsyncReadyCallback          callback,
                        gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job = job_new (store, path, progress, progress_data, progress_data_destroy);
  if (options != NULL)
    {
      job->options = *options;
      job->options.peer_id = g_strdup (options->peer_id);
    }
  else
    job->options.everything = TRUE;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_bundle_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, export_thread);
}

BbBundleHeader *
bb_bundle_export_finish (BbStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_bundle_export_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  BbBundleResult *result;

  result = bb_bundle_apply (job->store, job->path, job->dry_run, cancellable, thread_progress_cb, job, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bb_bundle_result_free);
}

void
bb_bundle_apply_async (BbStore               *store,
                       const char            *path,
                       gboolean               dry_run,
                       GCancellable          *cancellable,
                       BbBundleProgressFunc   progress,
                       gpointer               progress_data,
                       GDestroyNotify         progress_data_destroy,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job = job_new (store, path, progress, progress_data, progress_data_destroy);
  job->dry_run = dry_run;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_bundle_apply_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, apply_thread);
}

BbBundleResult *
bb_bundle_apply_finish (BbStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_bundle_apply_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
