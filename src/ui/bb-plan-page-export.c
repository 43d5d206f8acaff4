/* bb-plan-page-export.c: the plan page's Export PDF: the plan as residents read it, written off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-plan-page-private.h"
#include "bb-templates.h"

static const char *
document_language (void)
{
  const char *language = g_get_language_names ()[0];

  return g_str_equal (language, "C") || g_str_equal (language, "POSIX") ? "en" : language;
}

typedef struct {
  BbStore *store;
  char    *plan_id;
  char    *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->plan_id);
  g_free (job->path);
  g_free (job);
}

static gboolean
write_plan (BbStore     *store,
            const char  *plan_id,
            const char  *path,
            char       **withheld,
            GError     **error)
{
  g_autoptr(BbStation) station = bb_store_station_get (store, error);
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbSafetyPlan) plan = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;

  if (station == NULL)
    return FALSE;
  if ((plan = bb_safety_plan_new_from_store (store, plan_id, document_language (), NULL, error)) == NULL)
    return FALSE;
  branding = bb_branding_new_from_station (station);
  doc = bb_safety_plan_build (plan, branding);
  if (!bb_print_document_write_pdf (doc, path, NULL, error))
    return FALSE;
  if (withheld != NULL)
    *withheld = bb_withheld_describe (plan->withheld);
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  char *withheld = NULL;

  if (!write_plan (job->store, job->plan_id, job->path, &withheld, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, withheld, g_free);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BbPlanPage *self = BB_PLAN_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *withheld = g_task_propagate_pointer (G_TASK (result), &error);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *text = NULL;

  /* The file is written (or not) all the same; a page gone has no one
   * to tell. */
  if (self->disposed)
    return;
  if (withheld == NULL)
    {
      bb_plan_page_show_error (self, NULL, error->message);
      return;
    }
  /* Translators: after exporting, %s is the file's name */
  text = g_strdup_printf (_("Exported “%s”: no incidents, addresses or private persons’ names are in it"), name);
  bb_plan_page_toast (self, text);
  g_debug ("%s", withheld);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(BbPlanPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->plan_id != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GTask) task = NULL;
      ExportJob *job;

      if (path == NULL)
        bb_plan_page_show_error (self, NULL, _("Only files on this computer can be written."));
      else
        {
          job = g_new0 (ExportJob, 1);
          job->store = g_object_ref (self->store);
          job->plan_id = g_strdup (self->plan_id);
          job->path = g_strdup (path);
          /* Not the page's cancellable: a reload of the page (the station
           * changed) would end the export, or report a file written in
           * full as cancelled. */
          task = g_task_new (self, NULL, exported_cb, NULL);
          g_task_set_source_tag (task, export_response_cb);
          g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
          g_task_run_in_thread (task, export_thread);
        }
    }
  g_object_unref (dialog);
}

void
bb_plan_page_export_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  BbPlanPage *self = BB_PLAN_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->detail == NULL)
    return;
  if (self->dirty && !bb_plan_page_save (self))
    return;
  dialog = gtk_file_chooser_native_new (_("Export the Safety Plan"), bb_plan_page_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s.pdf", self->detail->plan->title);
  g_strdelimit (name, "/\\:", '-');
  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

gboolean
bb_plan_page_export_to (BbPlanPage  *self,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->plan_id == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, _("Save the plan before exporting it."));
      return FALSE;
    }
  return write_plan (self->store, self->plan_id, path, NULL, error);
}
