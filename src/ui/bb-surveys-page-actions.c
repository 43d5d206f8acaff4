/* bb-surveys-page-actions.c: the Surveys page's actions: new rounds, paper forms, imports, questionnaire, PDF */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-surveys-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-aggregate-import.h"
#include "bb-branding.h"
#include "bb-questionnaire-editor.h"
#include "bb-response-form.h"
#include "bb-station-summary.h"
#include "bb-store-surveys.h"
#include "bb-survey-editor.h"
#include "bb-survey-import.h"
#include "bb-survey-weighting-dialog.h"
#include "bb-survey-report.h"
#include "bb-surveys-page-private.h"
#include "bb-table-import-dialog.h"

static GtkWindow *
parent_window (BbSurveysPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
bb_surveys_page_update_actions (BbSurveysPage *self)
{
  gboolean survey = self->store != NULL && bb_surveys_page_get_survey_id (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.new", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import-table", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.edit", survey);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.delete", survey);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.enter", survey);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.import-responses", survey);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.edit-questionnaire", survey);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "surveys.export-pdf", survey);
}

static BbSurvey *
selected_survey (BbSurveysPage *self)
{
  const char *id = bb_surveys_page_get_survey_id (self);

  return id != NULL && self->store != NULL ? bb_store_survey_get (self->store, id, NULL) : NULL;
}

/* Rounds ------------------------------------------------------------------------- */

static void
survey_saved_cb (BbSurveyEditor *editor,
                 const char     *survey_id,
                 BbSurveysPage  *self)
{
  g_free (self->selected_id);
  self->selected_id = g_strdup (survey_id);
  bb_surveys_page_reload (self);
}

GtkWindow *
bb_surveys_page_new_survey (BbSurveysPage *self)
{
  BbSurveyEditor *editor;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);

  if (self->store == NULL)
    return NULL;
  editor = bb_survey_editor_new (parent_window (self), self->store, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (survey_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bb_surveys_page_new_survey (BB_SURVEYS_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (widget);
  g_autoptr(BbSurvey) survey = selected_survey (self);
  BbSurveyEditor *editor;

  if (survey == NULL)
    return;
  editor = bb_survey_editor_new (parent_window (self), self->store, survey);
  g_signal_connect_object (editor, "saved", G_CALLBACK (survey_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BbSurveysPage    *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "bb-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  if (!bb_store_survey_delete (self->store, id, &error))
    {
      bb_surveys_page_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->selected_id, g_free);
  bb_surveys_page_toast (self, _("Survey deleted"));
  bb_surveys_page_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (widget);
  g_autoptr(BbSurvey) survey = selected_survey (self);
  guint64 n = bb_survey_results_view_get_n_respondents (self->results_view);
  GtkWidget *dialog;

  if (survey == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Delete the Survey?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("“%s” and its %llu response are deleted. The questionnaire stays.",
                                            "“%s” and its %llu responses are deleted. The questionnaire stays.",
                                            n),
                                  survey->title, (unsigned long long) n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bb-id", g_strdup (survey->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Paper forms and the questionnaire ------------------------------------------------ */

GtkWindow *
bb_surveys_page_enter_responses (BbSurveysPage *self)
{
  const char *id;
  BbResponseForm *form;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);

  id = bb_surveys_page_get_survey_id (self);
  if (id == NULL || self->store == NULL)
    return NULL;
  form = bb_response_form_new (parent_window (self), self->store, id);
  gtk_window_present (GTK_WINDOW (form));
  return GTK_WINDOW (form);
}

static void
enter_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bb_surveys_page_enter_responses (BB_SURVEYS_PAGE (widget));
}

/* A version made when the editor opened and left as it was goes again. */
static void
questionnaire_closed_cb (GtkWidget     *editor,
                         BbSurveysPage *self)
{
  const char *version = g_object_get_data (G_OBJECT (editor), "bb-new-version");
  gint64 audit = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (editor), "bb-audit"));

  if (version != NULL && self->store != NULL && bb_store_count (self->store, "audit_log", NULL) == audit)
    {
      g_autoptr(GError) error = NULL;

      if (!bb_store_questionnaire_drop_version (self->store, version, &error))
        g_warning ("The unchanged version of the questionnaire was kept: %s", error->message);
    }
  bb_surveys_page_reload (self);
}

GtkWindow *
bb_surveys_page_edit_questionnaire (BbSurveysPage *self)
{
  g_autoptr(BbSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *version = NULL;
  BbQuestionnaireEditor *editor;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);

  survey = selected_survey (self);
  if (survey == NULL)
    return NULL;
  /* Residents' answers keep the questions they answered: a questionnaire
   * they answered is edited as a new version, which new rounds take. */
  latest = bb_store_questionnaire_latest_version (self->store, survey->questionnaire_id);
  if (bb_store_questionnaire_has_responses (self->store, latest, &error))
    {
      version = bb_store_questionnaire_new_version (self->store, latest, &error);
      if (version == NULL)
        {
          bb_surveys_page_toast (self, error->message);
          return NULL;
        }
    }
  else if (error != NULL)
    {
      bb_surveys_page_toast (self, error->message);
      return NULL;
    }
  editor = bb_questionnaire_editor_new (parent_window (self), self->store, version != NULL ? version : latest);
  if (version != NULL)
    {
      g_object_set_data_full (G_OBJECT (editor), "bb-new-version", g_strdup (version), g_free);
      g_object_set_data (G_OBJECT (editor), "bb-audit",
                         GSIZE_TO_POINTER ((gsize) bb_store_count (self->store, "audit_log", NULL)));
      bb_questionnaire_editor_set_versioned (editor, TRUE);
    }
  g_signal_connect_object (editor, "destroy", G_CALLBACK (questionnaire_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
edit_questionnaire_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  bb_surveys_page_edit_questionnaire (BB_SURVEYS_PAGE (widget));
}

/* Imports ------------------------------------------------------------------------ */

static void
imported_cb (BbTableImportDialog *dialog,
             guint64              count,
             BbSurveysPage       *self)
{
  g_autofree char *n = bb_format_count ((gint64) count);
  g_autofree char *title = g_strdup_printf (ngettext ("%s row imported", "%s rows imported", count), n);

  bb_surveys_page_toast (self, title);
  bb_surveys_page_reload (self);
}

GtkWindow *
bb_surveys_page_import_file (BbSurveysPage *self,
                             const char    *path,
                             gboolean       published_table)
{
  g_autoptr(BbTableImport) import = NULL;
  BbTableImportDialog *dialog;
  const char *survey_id;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  survey_id = bb_surveys_page_get_survey_id (self);
  if (self->store == NULL || (!published_table && survey_id == NULL))
    return NULL;
  if (published_table)
    import = BB_TABLE_IMPORT (bb_aggregate_import_new (self->store, path, NULL));
  else
    import = BB_TABLE_IMPORT (bb_survey_import_new (self->store, survey_id, path));
  dialog = bb_table_import_dialog_new (parent_window (self), import,
                                       published_table ? _("Import Published Figures") : _("Import Survey Responses"));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                BbSurveysPage   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean published = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bb-published"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      bb_surveys_page_toast (self, _("Beatbook imports files on this computer only"));
      return;
    }
  bb_surveys_page_import_file (self, path, published);
}

static void
choose_table (BbSurveysPage *self,
              gboolean       published)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (published ? _("Import Published Figures") : _("Import Survey Responses"),
                                         parent_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (tables, _("Tables (CSV, TSV, TXT)"));
  for (const char * const *pattern = (const char * const[]) { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", "*.TXT", NULL };
       *pattern != NULL; pattern++)
    gtk_file_filter_add_pattern (tables, *pattern);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "bb-published", GINT_TO_POINTER (published));
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_responses_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  choose_table (BB_SURVEYS_PAGE (widget), FALSE);
}

static void
import_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_table (BB_SURVEYS_PAGE (widget), TRUE);
}

/* The results as a public document ------------------------------------------------ */

typedef struct {
  char *survey_id;
  char *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->survey_id);
  g_free (job->path);
  g_free (job);
}

static gpointer
export_in_store (BbStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ExportJob *job = data;
  g_autoptr(BbStation) station = bb_store_station_get (store, error);
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  const char *language = g_get_language_names ()[0];
  BbSurveyReportOptions options;

  if (station == NULL)
    return NULL;
  branding = bb_branding_new_from_station (station);
  bb_survey_report_options_init (&options, job->survey_id, bb_store_get_survey_min_respondents (store));
  if (!g_str_equal (language, "C") && !g_str_equal (language, "POSIX"))
    {
      g_free (options.language);
      options.language = g_strdup (language);
    }
  doc = bb_survey_report_build (store, branding, &options, &withheld, error);
  bb_survey_report_options_clear (&options);
  if (doc == NULL || !bb_print_document_write_pdf (doc, job->path, NULL, error))
    return NULL;
  return bb_withheld_describe (withheld);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BbSurveysPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *withheld = bb_store_run_finish (BB_STORE (object), result, &error);

  if (self->stack != NULL)
    bb_surveys_page_toast (self, withheld != NULL ? _("The survey’s results were saved as a PDF") : error->message);
  g_object_unref (self);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  BbSurveysPage   *self)
{
  g_autoptr(GFile) file = NULL;
  ExportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL || bb_surveys_page_get_survey_id (self) == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->survey_id = g_strdup (bb_surveys_page_get_survey_id (self));
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      export_job_free (job);
      bb_surveys_page_toast (self, _("Beatbook saves files on this computer only"));
      return;
    }
  bb_store_run_async_full (self->store, export_in_store, g_free, job, (GDestroyNotify) export_job_free, NULL,
                           exported_cb, g_object_ref (self));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (widget);
  g_autoptr(BbSurvey) survey = selected_survey (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (survey == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Survey’s Results"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strconcat (survey->title, ".pdf", NULL);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Weighting ------------------------------------------------------------------------ */

static void
weighting_closed_cb (GtkWidget     *dialog,
                     BbSurveysPage *self)
{
  bb_survey_results_view_reload (self->results_view);
}

GtkWindow *
bb_surveys_page_edit_weighting (BbSurveysPage *self)
{
  g_autoptr(BbSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  BbFormDialog *dialog;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);

  survey = selected_survey (self);
  if (survey == NULL)
    return NULL;
  dialog = bb_survey_weighting_dialog_new (parent_window (self), self->store, survey->id, &error);
  if (dialog == NULL)
    {
      bb_surveys_page_toast (self, error->message);
      return NULL;
    }
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (weighting_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
weighting_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  bb_surveys_page_edit_weighting (BB_SURVEYS_PAGE (widget));
}

void
bb_surveys_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "surveys.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "surveys.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "surveys.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "surveys.enter", NULL, enter_action);
  gtk_widget_class_install_action (widget_class, "surveys.import-responses", NULL, import_responses_action);
  gtk_widget_class_install_action (widget_class, "surveys.import-table", NULL, import_table_action);
  gtk_widget_class_install_action (widget_class, "surveys.edit-questionnaire", NULL, edit_questionnaire_action);
  gtk_widget_class_install_action (widget_class, "surveys.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "surveys.weighting", NULL, weighting_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "surveys.enter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "surveys.import-responses", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK, "surveys.new", NULL);
}
