/* bb-import-run-async.c: an import run on the store's worker, its progress reported in the caller's main context */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include "bb-import-private.h"
#include "bb-store-private.h"

typedef struct {
  BbImport             *self;
  gboolean              dry_run;
  BbImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
  GMainContext         *context;
} RunJob;

static void
run_job_clear (RunJob *job)
{
  g_clear_object (&job->self);
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

  return bb_import_run (job->self, job->dry_run, cancellable,
                        job->progress != NULL ? job_progress_cb : NULL, job, error);
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
  RunJob *job;

  g_return_if_fail (BB_IS_IMPORT (self));

  job = g_atomic_rc_box_new0 (RunJob);
  job->self = g_object_ref (self);
  job->dry_run = dry_run;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;
  job->context = g_main_context_ref_thread_default ();
  bb_store_run_async (self->store, run_in_store, job, (GDestroyNotify) run_job_unref,
                      cancellable, callback, user_data);
}

BbImportReport *
bb_import_run_finish (BbImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return bb_store_run_finish (self->store, result, error);
}
