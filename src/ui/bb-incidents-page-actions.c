/* bb-incidents-page-actions.c: what the Incidents page does: new, open, import, delete and undo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-dialog.h"
#include "bb-incident-editor.h"
#include "bb-incidents-page-private.h"
#include "bb-station-summary.h"

/* Editing ------------------------------------------------------------------- */

static BbIncidentRow *
selected_row (BbIncidentsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
editor_saved_cb (BbIncidentEditor *editor,
                 BbIncident       *incident,
                 BbIncidentsPage  *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Incident saved")));
  bb_incidents_page_reload (self);
}

static GtkWindow *
open_editor (BbIncidentsPage  *self,
             const BbIncident *incident)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BbIncidentEditor *editor;

  if (self->store == NULL || self->reading_lists)
    return NULL;
  editor = bb_incident_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->store, self->categories, self->districts, incident);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
bb_incidents_page_new_incident (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return open_editor (self, NULL);
}

static void
incident_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BbIncidentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_store_incident_get_finish (BB_STORE (source), result, &error);

  if (incident == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !GTK_IS_WINDOW (root))
        return;
      dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The incident cannot be opened"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (open_editor (self, incident) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The incident opens once the lists are read")));
}

/**
 * bb_incidents_page_open_incident:
 *
 * Opens the editor of the incident with @id (read off the main thread).
 */
void
bb_incidents_page_open_incident (BbIncidentsPage *self,
                                 const char      *id)
{
  g_return_if_fail (BB_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (id != NULL);

  if (self->store == NULL)
    return;
  bb_store_incident_get_async (self->store, id, NULL, incident_read_cb, g_object_ref (self));
}

static void
open_row (BbIncidentsPage *self,
          BbIncidentRow   *row)
{
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;

  if (incident != NULL)
    open_editor (self, incident);
}

static void
row_activated_cb (BbIncidentsPage *self,
                  guint            position)
{
  g_autoptr(BbIncidentRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  open_row (self, row);
}

static void
imported_cb (BbImportDialog  *dialog,
             guint64          count,
             BbIncidentsPage *self)
{
  g_autofree char *n = bb_format_count ((gint64) count);
  g_autofree char *title = g_strdup_printf (ngettext ("%s incident imported", "%s incidents imported", count), n);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  bb_incidents_page_reload (self);
}

/* The import dialog on @path, with the page's categories as they are. */
static GtkWindow *
present_import_dialog (BbIncidentsPage *self,
                       const char      *path)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BbImportDialog *dialog;

  dialog = bb_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->store, self->categories, path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
import_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       BbIncidentsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Beatbook imports files on this computer only")));
      return;
    }
  present_import_dialog (self, path);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->store == NULL || self->reading_lists)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Incidents"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (tables, _("Tables and GeoJSON (CSV, TSV, TXT, GeoJSON)"));
  for (const char * const *pattern = (const char * const[]) { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", "*.TXT",
                                                              "*.geojson", "*.json", NULL };
       *pattern != NULL; pattern++)
    gtk_file_filter_add_pattern (tables, *pattern);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWindow *
bb_incidents_page_import_file (BbIncidentsPage *self,
                               const char      *path)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->store == NULL || self->reading_lists)
    return NULL;
  return present_import_dialog (self, path);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bb_incidents_page_new_incident (BB_INCIDENTS_PAGE (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);

  open_row (self, selected_row (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bb_filter_bar_focus_search (BB_INCIDENTS_PAGE (widget)->filter_bar);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BbIncidentsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_store_incident_insert_finish (BB_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (incident == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The incident could not be restored: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Incident restored")));
  bb_incidents_page_reload (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  g_autoptr(BbIncident) incident = g_steal_pointer (&self->deleted);

  if (incident == NULL || self->store == NULL)
    return;
  /* Written back with its own id, so that links to it hold again. */
  bb_store_incident_insert_async (self->store, incident, self->cancellable, restored_cb, self);
  gtk_widget_action_set_enabled (widget, "incidents.undo-delete", FALSE);
}

typedef struct {
  BbIncidentsPage *page;
  BbIncident      *incident;
} DeleteData;

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteData *data = user_data;
  BbIncidentsPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = data->incident;
  AdwToast *toast;

  g_free (data);
  if (!bb_store_incident_delete_finish (BB_STORE (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("The incident could not be deleted: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  g_clear_pointer (&self->deleted, bb_incident_free);
  self->deleted = g_steal_pointer (&incident);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.undo-delete", TRUE);

  toast = adw_toast_new (_("Incident deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "incidents.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  bb_incidents_page_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  BbIncidentRow *row = selected_row (self);
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;
  DeleteData *data;

  if (incident == NULL || self->store == NULL)
    return;
  data = g_new0 (DeleteData, 1);
  data->page = self;
  data->incident = bb_incident_copy (incident);
  bb_store_incident_delete_async (self->store, incident->id, self->cancellable, deleted_cb, data);
}

/**
 * bb_incidents_page_install_actions:
 *
 * The page's actions, their keys and the row activation of its template.
 */
void
bb_incidents_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "incidents.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "incidents.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "incidents.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "incidents.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "incidents.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "incidents.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "incidents.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "incidents.undo-delete", NULL);
}
