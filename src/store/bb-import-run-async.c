/* bb-import-run-async.c: an import's preview on a thread, and its run on the store's worker with its progress reported in the caller's main context (incidents' and tables' imports alike) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include "bb-import-private.h"
#include "bb-import-run-async.h"
#include "bb-store-private.h"

typedef struct {
  GObject              *source;
  BbImportRunFunc       run;
  gboolean              dry_run;
  BbImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
  GMainContext         *context;
} RunJob;

static void
run_job_clear (RunJob *job)
{
  g_clear_object (&job->source);
  if (job->progress_data_destroy != NULL)
    job->progress_data_destroy (job->progress_data);
  g_clear_pointer (&job->context, g_main_context_unref);
}

static void
run_job_unref (RunJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) run_job_clear);
}

typedef struct {
  RunJob *job;
  double  fraction;
} ProgressCall;

static gboolean
progress_call_cb (gpointer data)
{
  ProgressCall *call = data;

  call->job->progress (call->fraction, call->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  run_job_unref (call->job);
  g_free (call);
}

static void
job_progress_cb (double   fraction,
                 gpointer data)
{
  RunJob *job = data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->job = g_atomic_rc_box_acquire (job);
  call->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_call_cb, call, progress_call_free);
}

static gpointer
run_in_store (BbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  RunJob *job = data;

  return job->run (job->source, job->dry_run, cancellable,
                   job->progress != NULL ? job_progress_cb : NULL, job, error);
}

void
bb_import_run_in_store_async (BbStore              *store,
                              GObject              *source,
                              BbImportRunFunc       run,
                              gboolean              dry_run,
                              GCancellable         *cancellable,
                              BbImportProgressFunc  progress,
                              gpointer              progress_data,
                              GDestroyNotify        progress_data_destroy,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  RunJob *job = g_atomic_rc_box_new0 (RunJob);

  job->source = g_object_ref (source);
  job->run = run;
  job->dry_run = dry_run;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;
  job->context = g_main_context_ref_thread_default ();
  bb_store_run_async_full (store, run_in_store, (GDestroyNotify) bb_import_report_free, job,
                           (GDestroyNotify) run_job_unref, cancellable, callback, user_data);
}

typedef struct {
  BbImportPreviewFunc preview;
  guint               n_rows;
} PreviewJob;

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  GError *error = NULL;

  if (job->preview (source_object, job->n_rows, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bb_import_preview_in_thread_async (GObject             *source,
                                   BbImportPreviewFunc  preview,
                                   guint                n_rows,
                                   gpointer             source_tag,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  PreviewJob *job = g_new0 (PreviewJob, 1);

  job->preview = preview;
  job->n_rows = n_rows;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, preview_thread);
}

gboolean
bb_import_preview_in_thread_finish (GObject       *source,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
preview_import (gpointer       source,
                guint          n_rows,
                GCancellable  *cancellable,
                GError       **error)
{
  return bb_import_preview (source, n_rows, cancellable, error);
}

void
bb_import_preview_async (BbImport            *self,
                         guint                n_rows,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  bb_import_preview_in_thread_async (G_OBJECT (self), preview_import, n_rows, bb_import_preview_async,
                                     cancellable, callback, user_data);
}

gboolean
bb_import_preview_finish (BbImport      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return bb_import_preview_in_thread_finish (G_OBJECT (self), result, error);
}

static BbImportReport *
run_import (gpointer               source,
            gboolean               dry_run,
            GCancellable          *cancellable,
            BbImportProgressFunc   progress,
            gpointer               progress_data,
            GError               **error)
{
  return bb_import_run (source, dry_run, cancellable, progress, progress_data, error);
}

void
bb_import_run_async (BbImport              *self,
                     gboolean               dry_run,
                     GCancellable          *cancellable,
                     BbImportProgressFunc   progress,
                     gpointer               progress_data,
                     GDestroyNotify         progress_data_destroy,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  g_return_if_fail (BB_IS_IMPORT (self));

  bb_import_run_in_store_async (self->store, G_OBJECT (self), run_import, dry_run, cancellable,
                                progress, progress_data, progress_data_destroy, callback, user_data);
}

BbImportReport *
bb_import_run_finish (BbImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return bb_store_run_finish (self->store, result, error);
}
