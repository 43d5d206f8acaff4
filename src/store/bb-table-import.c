/* bb-table-import.c: what every import of a table offers its dialog: preview, column mapping, a checked run */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-table-import"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-table-import.h"

G_DEFINE_INTERFACE (BbTableImport, bb_table_import, G_TYPE_OBJECT)

static void
bb_table_import_default_init (BbTableImportInterface *iface)
{
}

#define IFACE(self) BB_TABLE_IMPORT_GET_IFACE (self)

BbStore *
bb_table_import_get_store (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_store (self);
}

const char *
bb_table_import_get_path (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_path (self);
}

gboolean
bb_table_import_preview (BbTableImport  *self,
                         guint           n_rows,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->preview (self, n_rows, cancellable, error);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (bb_table_import_preview (source_object, GPOINTER_TO_UINT (task_data), cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bb_table_import_preview_async (BbTableImport       *self,
                               guint                n_rows,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_TABLE_IMPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_table_import_preview_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (n_rows), NULL);
  g_task_run_in_thread (task, preview_thread);
}

gboolean
bb_table_import_preview_finish (BbTableImport  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
bb_table_import_get_encoding (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_encoding (self);
}

char
bb_table_import_get_separator (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), ',');
  return IFACE (self)->get_separator (self);
}

guint64
bb_table_import_get_n_rows (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  return IFACE (self)->get_n_rows (self);
}

guint
bb_table_import_get_n_columns (BbTableImport *self)
{
  GPtrArray *columns;

  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  columns = IFACE (self)->get_columns (self);
  return columns != NULL ? columns->len : 0;
}

const char *
bb_table_import_get_column_name (BbTableImport *self,
                                 guint          column)
{
  GPtrArray *columns;

  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  columns = IFACE (self)->get_columns (self);
  g_return_val_if_fail (columns != NULL && column < columns->len, NULL);
  return g_ptr_array_index (columns, column);
}

GPtrArray *
bb_table_import_get_preview_rows (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_preview_rows (self);
}

gboolean
bb_table_import_get_mapping_remembered (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->get_mapping_remembered (self);
}

GPtrArray *
bb_table_import_get_targets (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_targets (self);
}

guint
bb_table_import_get_column_target (BbTableImport *self,
                                   guint          column)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  return IFACE (self)->get_column_target (self, column);
}

void
bb_table_import_set_column_target (BbTableImport *self,
                                   guint          column,
                                   guint          target)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));
  IFACE (self)->set_column_target (self, column, target);
}

gboolean
bb_table_import_get_date_order_ambiguous (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->get_date_order_ambiguous (self);
}

BbDateOrder
bb_table_import_get_date_order (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), BB_DATE_ORDER_UNKNOWN);
  return IFACE (self)->get_date_order (self);
}

void
bb_table_import_set_date_order (BbTableImport *self,
                                BbDateOrder    order)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));
  IFACE (self)->set_date_order (self, order);
}

BbImportReport *
bb_table_import_run (BbTableImport         *self,
                     gboolean               dry_run,
                     GCancellable          *cancellable,
                     BbTableImportProgress  progress,
                     gpointer               progress_data,
                     GError               **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return IFACE (self)->run (self, dry_run, cancellable, progress, progress_data, error);
}

/* Asynchronous runs ----------------------------------------------------------- */

typedef struct {
  BbTableImport         *self;
  gboolean               dry_run;
  BbTableImportProgress  progress;
  gpointer               progress_data;
  GMainContext          *context;
} RunJob;

static void
run_job_clear (RunJob *job)
{
  g_clear_object (&job->self);
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

  return bb_table_import_run (job->self, job->dry_run, cancellable,
                              job->progress != NULL ? job_progress_cb : NULL, job, error);
}

void
bb_table_import_run_async (BbTableImport         *self,
                           gboolean               dry_run,
                           GCancellable          *cancellable,
                           BbTableImportProgress  progress,
                           gpointer               progress_data,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  RunJob *job;

  g_return_if_fail (BB_IS_TABLE_IMPORT (self));

  job = g_atomic_rc_box_new0 (RunJob);
  job->self = g_object_ref (self);
  job->dry_run = dry_run;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  bb_store_run_async (bb_table_import_get_store (self), run_in_store, job, (GDestroyNotify) run_job_unref,
                      cancellable, callback, user_data);
}

BbImportReport *
bb_table_import_run_finish (BbTableImport  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return bb_store_run_finish (bb_table_import_get_store (self), result, error);
}

/* Shared helpers ---------------------------------------------------------------- */

char *
bb_table_import_column_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  char *key = g_utf8_strdown (trimmed, -1);

  for (char *p = key; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return key;
}

const char *
bb_table_import_separator_name (char separator)
{
  switch (separator)
    {
    case ',':
      return _("commas");
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("its own layout");
    }
}
