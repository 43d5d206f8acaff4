/* bb-directory-page-actions.c: the Directory page's actions: open, add, boundaries in, contacts out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-directory-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-directory-editor.h"
#include "bb-directory-page-private.h"
#include "bb-record-item.h"
#include "bb-store-directory.h"

static const BbRecordType * const list_types[BB_DIRECTORY_N_LISTS] = {
  &bb_district_record, &bb_officer_record, &bb_partner_record, &bb_advisory_member_record,
};

static GtkWindow *
parent_window (BbDirectoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
saved_cb (BbDirectoryEditor *editor,
          const char        *id,
          BbDirectoryPage   *self)
{
  bb_directory_page_reload (self);
}

static void
deleted_cb (BbDirectoryEditor *editor,
            BbDirectoryPage   *self)
{
  bb_directory_page_toast (self, _("Deleted from the directory"));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "district") == 0)
    gtk_stack_set_visible_child_name (self->stack, "lists");
  bb_directory_page_reload (self);
}

static GtkWindow *
edit (BbDirectoryPage    *self,
      const BbRecordType *type,
      gconstpointer       record)
{
  BbDirectoryEditor *editor;

  if (self->store == NULL)
    return NULL;
  editor = bb_directory_editor_new (parent_window (self), self->store, type, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
bb_directory_page_open (BbDirectoryPage *self,
                        BbDirectoryList  list,
                        guint            index)
{
  g_autoptr(BbRecordItem) item = NULL;

  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (list < BB_DIRECTORY_N_LISTS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->shown[list]), index);
  if (item == NULL || self->store == NULL)
    return NULL;
  if (list == BB_DIRECTORY_DISTRICTS)
    {
      bb_district_page_show (self->district_page, self->store, bb_record_item_get_id (item));
      gtk_stack_set_visible_child_name (self->stack, "district");
      return NULL;
    }
  return edit (self, list_types[list], bb_record_item_get_record (item));
}

GtkWindow *
bb_directory_page_add (BbDirectoryPage *self,
                       BbDirectoryList  list)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (list < BB_DIRECTORY_N_LISTS, NULL);

  return edit (self, list_types[list], NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);

  if (g_str_equal (kind, "district"))
    bb_directory_page_add (self, BB_DIRECTORY_DISTRICTS);
  else if (g_str_equal (kind, "officer"))
    bb_directory_page_add (self, BB_DIRECTORY_OFFICERS);
  else if (g_str_equal (kind, "partner"))
    bb_directory_page_add (self, BB_DIRECTORY_PARTNERS);
  else
    bb_directory_page_add (self, BB_DIRECTORY_MEMBERS);
}

static void
edit_district_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);
  const char *id = bb_district_page_get_district_id (self->district_page);
  g_autoptr(BbDistrict) district = id != NULL && self->store != NULL ? bb_store_district_get (self->store, id, NULL) : NULL;

  if (district != NULL)
    edit (self, &bb_district_record, district);
}

static void
edit_boundary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);
  const char *id = bb_district_page_get_district_id (self->district_page);

  if (id != NULL)
    gtk_widget_activate_action (widget, "win.edit-district-boundary", "s", id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "lists");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "district") == 0)
    gtk_stack_set_visible_child_name (self->stack, "lists");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Contacts out ---------------------------------------------------------------------- */

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  BbDirectoryPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  BbContactsFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bb-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      bb_directory_page_toast (self, _("Beatbook saves files on this computer only"));
      return;
    }
  /* a few hundred contacts: written at once */
  if (!bb_store_directory_export (self->store, path, format, &error))
    bb_directory_page_toast (self, error->message);
  else
    bb_directory_page_toast (self, _("Contacts exported. They hold personal data: keep the file safe."));
}

static void
export (BbDirectoryPage  *self,
        BbContactsFormat  format)
{
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Contacts"), parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     format == BB_CONTACTS_VCARD ? _("contacts.vcf") : _("contacts.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "bb-format", GINT_TO_POINTER (format));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_vcard_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  export (BB_DIRECTORY_PAGE (widget), BB_CONTACTS_VCARD);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (BB_DIRECTORY_PAGE (widget), BB_CONTACTS_CSV);
}

/* Boundaries in ----------------------------------------------------------------------- */

static void
boundaries_chosen_cb (GtkNativeDialog *chooser,
                      int              response,
                      BbDirectoryPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBoundaryImport) report = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL)
    return;
  path = g_file_get_path (file);
  report = path != NULL ? bb_store_districts_import_geojson (self->store, path, &error) : NULL;
  if (report == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("The Boundaries Could Not Be Imported"),
                                                  error != NULL ? error->message : _("Beatbook imports files on this computer only"));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* Translators: after district boundaries were imported */
  message = g_strdup_printf (_("%u districts given a boundary, %u added, %u features passed over"),
                             report->updated, report->added, report->skipped);
  bb_directory_page_toast (self, message);
  bb_directory_page_reload (self);
}

static void
import_boundaries_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BbDirectoryPage *self = BB_DIRECTORY_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) geojson = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import District Boundaries"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (geojson, _("GeoJSON (polygons of the districts)"));
  gtk_file_filter_add_pattern (geojson, "*.geojson");
  gtk_file_filter_add_pattern (geojson, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), geojson);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (boundaries_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
bb_directory_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "directory.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "directory.edit-district", NULL, edit_district_action);
  gtk_widget_class_install_action (widget_class, "directory.edit-boundary", NULL, edit_boundary_action);
  gtk_widget_class_install_action (widget_class, "directory.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "directory.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "directory.export-vcard", NULL, export_vcard_action);
  gtk_widget_class_install_action (widget_class, "directory.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "directory.import-boundaries", NULL, import_boundaries_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "directory.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "directory.back", NULL);
}
