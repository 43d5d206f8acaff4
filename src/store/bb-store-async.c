/* bb-store-async.c: the store's writer and reader threads, running any function on them, opening and creating a station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <time.h>

#include "bb-store-private.h"

/* Jobs that write run on the store's writer thread, one at a time in the
 * order queued, with the writer's lock held.  Jobs that read run on two
 * reader threads in a read scope, each once the writes queued before it
 * have finished: a read queued after a write sees it, and a long read
 * (the map's points) does not hold up a short one.  Urgent reads (the
 * table's first rows) run on a third thread of their own, and while one
 * is queued or runs the other reads pause between steps (see
 * bb-store-background.h).  Every job returns its result through the task. */
typedef struct {
  BbStoreJobFunc func;
  gpointer       data;
  GDestroyNotify destroy;
  BbStoreFunc    user_func;   /* bb_store_run_async */
  GDestroyNotify result_free; /* frees a result no one took (cancelled) */
  gboolean       write;
  gboolean       urgent;      /* a read the user waits to see */
  guint64        after;       /* a read waits for this many writes */
  guint64        seq;         /* the order reads were queued in */
  gint64         queued_at;   /* monotonic, for the debug log of urgent reads */
  int            queued;      /* atomic: see push_job */
  int            ran;         /* atomic: see job_free */
} Job;

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The task's reference count orders a job's free after the worker's last
 * look at it.  That count is GLib's atomics, compiled outside Beatbook,
 * which ThreadSanitizer does not see; the atomic store at the end of the
 * worker and the load here show it the same order, so that a run under
 * it reports only real races. */
static void
job_free (Job *job)
{
  (void) g_atomic_int_get (&job->ran);
  if (job->destroy != NULL && job->data != NULL)
    job->destroy (job->data);
  g_free (job);
}

void
bb_store_worker_run (gpointer data,
                     gpointer store)
{
  GTask *task = data;
  BbStore *self = store;
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  (void) g_atomic_int_get (&job->queued);
  if (job->write)
    {
      /* Checked with the lock held: a job cancelled while it waited for
       * another thread's transaction does not run. */
      bb_store_lock (self);
      if (!g_task_return_error_if_cancelled (task))
        {
          bb_store_set_job_cancellable (cancellable);
          job->func (task, self, job->data, cancellable);
          bb_store_set_job_cancellable (NULL);
        }
      bb_store_unlock (self);

      g_mutex_lock (&self->order_lock);
      self->writes_done++;
      g_cond_broadcast (&self->order_cond);
      g_mutex_unlock (&self->order_lock);
    }
  else
    {
      g_mutex_lock (&self->order_lock);
      while (self->writes_done < job->after)
        g_cond_wait (&self->order_cond, &self->order_lock);
      g_mutex_unlock (&self->order_lock);

      /* A read no one waits to see waits for those someone does: here
       * before it begins, and between the steps of its statements. */
      if (!job->urgent)
        {
          bb_store_background_yield (self->background);
          bb_store_background_enter (self->background);
        }
      if (!g_task_return_error_if_cancelled (task))
        {
          gint64 began = g_get_monotonic_time ();
          double cpu = thread_cpu_seconds ();

          {
            /* A function given to bb_store_run_async reads on the reader
             * too; its writes take the writer with bb_store_begin. */
            BB_STORE_READ_SCOPE (self);

            bb_store_set_job_cancellable (cancellable);
            job->func (task, self, job->data, cancellable);
            bb_store_set_job_cancellable (NULL);
          }
          if (job->urgent)
            g_debug ("An urgent read waited %.3f s and took %.3f s (%.3f s of processor time)",
                     (began - job->queued_at) / (double) G_USEC_PER_SEC,
                     (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC,
                     thread_cpu_seconds () - cpu);
        }
      if (!job->urgent)
        bb_store_background_leave ();
      else
        bb_store_background_release (self->background);
    }
  g_atomic_int_set (&job->ran, TRUE);
  g_object_unref (task);
}

/* The reader threads take the reads in the order they were queued (urgent
 * ones first, should one reach them). */
gint
bb_store_read_job_compare (gconstpointer a,
                           gconstpointer b,
                           gpointer      data)
{
  const Job *ja = g_task_get_task_data ((GTask *) a);
  const Job *jb = g_task_get_task_data ((GTask *) b);

  if (ja->urgent != jb->urgent)
    return ja->urgent ? -1 : 1;
  return ja->seq < jb->seq ? -1 : ja->seq > jb->seq;
}

static void
push_job (BbStore *self,
          GTask   *task,
          Job     *job)
{
  GThreadPool *pool = self->read_worker;

  g_mutex_lock (&self->order_lock);
  if (job->write)
    {
      self->writes_queued++;
      pool = self->worker;
    }
  else
    {
      job->after = self->writes_queued;
      job->seq = self->reads_queued++;
    }
  /* Until it has run, the other reads, the check and backups step aside. */
  job->queued_at = g_get_monotonic_time ();
  if (job->urgent)
    {
      bb_store_background_hold (self->background);
      pool = self->urgent_worker;
    }
  /* Pushed with the order lock held, so the writes reach their thread in
   * the order their numbers were given.  The pool's queue orders what the
   * caller wrote before the worker's reads; the atomic store, and the
   * load where the worker begins, show ThreadSanitizer that order (see
   * job_free). */
  g_atomic_int_set (&job->queued, TRUE);
  g_thread_pool_push (pool, task, NULL);
  g_mutex_unlock (&self->order_lock);
}

void
bb_store_queue_job (BbStore             *self,
                    gboolean             write,
                    gpointer             source_tag,
                    BbStoreJobFunc       func,
                    gpointer             data,
                    GDestroyNotify       destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->destroy = destroy;
  job->write = write;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* The worker drops this reference when the job has run. */
  push_job (self, task, job);
}

static Job *
task_job (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Running any function ----------------------------------------------------- */

static void
run_job (GTask        *task,
         BbStore      *self,
         gpointer      data,
         GCancellable *cancellable)
{
  GError *error = NULL;
  gpointer result = task_job (task)->user_func (self, data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, task_job (task)->result_free);
}

static void
run_async (BbStore             *self,
           gboolean             urgent,
           BbStoreFunc          func,
           GDestroyNotify       result_free,
           gpointer             data,
           GDestroyNotify       data_destroy,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task;
  Job *job;

  task = g_task_new (self, cancellable, callback, user_data);
  job = g_new0 (Job, 1);
  job->func = run_job;
  job->user_func = func;
  job->result_free = result_free;
  job->data = data;
  job->destroy = data_destroy;
  job->urgent = urgent;
  g_task_set_source_tag (task, bb_store_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  push_job (self, task, job);
}

void
bb_store_run_async (BbStore             *self,
                    BbStoreFunc          func,
                    gpointer             data,
                    GDestroyNotify       data_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  bb_store_run_async_full (self, func, NULL, data, data_destroy, cancellable, callback, user_data);
}

void
bb_store_run_async_full (BbStore             *self,
                         BbStoreFunc          func,
                         GDestroyNotify       result_free,
                         gpointer             data,
                         GDestroyNotify       data_destroy,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (func != NULL);

  run_async (self, FALSE, func, result_free, data, data_destroy, cancellable, callback, user_data);
}

void
bb_store_run_async_urgent (BbStore             *self,
                           BbStoreFunc          func,
                           gpointer             data,
                           GDestroyNotify       data_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  bb_store_run_async_urgent_full (self, func, NULL, data, data_destroy, cancellable, callback, user_data);
}

void
bb_store_run_async_urgent_full (BbStore             *self,
                                BbStoreFunc          func,
                                GDestroyNotify       result_free,
                                gpointer             data,
                                GDestroyNotify       data_destroy,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (func != NULL);

  run_async (self, TRUE, func, result_free, data, data_destroy, cancellable, callback, user_data);
}

gpointer
bb_store_run_finish (BbStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Opening and creating -------------------------------------------------- */

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BbStore *store = bb_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
bb_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

BbStore *
bb_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_open_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **args = task_data;
  GError *error = NULL;
  BbStore *store = bb_store_create (args[0], args[1], &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
bb_store_create_async (const char          *path,
                       const char          *station_name,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **args;

  g_return_if_fail (path != NULL);
  g_return_if_fail (station_name != NULL);

  args = g_new0 (char *, 3);
  args[0] = g_strdup (path);
  args[1] = g_strdup (station_name);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_create_async);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, create_thread);
}

BbStore *
bb_store_create_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_create_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
