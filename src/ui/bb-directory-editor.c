/* bb-directory-editor.c: a district, an officer, a partner or an advisory-group member, checked as typed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-directory-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-directory-editor-private.h"
#include "bb-confirm.h"
#include "bb-store-directory.h"


G_DEFINE_FINAL_TYPE (BbDirectoryEditor, bb_directory_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Saving, kind by kind ----------------------------------------------------------- */

gboolean
bb_directory_editor_save (BbDirectoryEditor *self)
{
  g_autoptr(GError) error = NULL;
  gpointer copy;
  GtkWidget *name_row = NULL;
  gboolean ok;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  bb_directory_editor_show_error (self, NULL, NULL);
  for (AdwEntryRow **r = (AdwEntryRow *[]) { self->d_name_row, self->d_population_row, self->o_name_row, self->o_phone_row,
                                             self->o_email_row, self->o_areas_row, self->p_name_row, self->p_phone_row,
                                             self->p_email_row, self->m_since_row, NULL };
       *r != NULL; r++)
    gtk_widget_remove_css_class (GTK_WIDGET (*r), "error");

  copy = bb_record_copy (self->type, self->record);
  if (self->type == &bb_district_record)
    {
      ok = bb_directory_editor_read_district (self, copy);
      name_row = GTK_WIDGET (self->d_name_row);
    }
  else if (self->type == &bb_officer_record)
    {
      ok = bb_directory_editor_read_officer (self, copy);
      name_row = GTK_WIDGET (self->o_name_row);
    }
  else if (self->type == &bb_partner_record)
    {
      ok = bb_directory_editor_read_partner (self, copy);
      name_row = GTK_WIDGET (self->p_name_row);
    }
  else
    ok = bb_directory_editor_read_member (self, copy);
  if (ok && name_row != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));

      if (*name == '\0')
        {
          bb_directory_editor_show_error (self, name_row, _("A name is needed."));
          ok = FALSE;
        }
    }
  if (!ok)
    {
      bb_record_free (self->type, copy);
      return FALSE;
    }
  ok = self->is_new ? bb_store_insert (self->store, self->type, copy, &error)
                    : bb_store_update (self->store, self->type, copy, &error);
  if (ok && self->type == &bb_officer_record)
    ok = bb_directory_editor_save_areas (self, ((BbRecord *) copy)->id, &error);
  if (!ok)
    {
      if (self->type == &bb_advisory_member_record && g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT))
        bb_directory_editor_show_error (self, GTK_WIDGET (self->m_partner_row),
                    _("This partner already sits in that district’s advisory group."));
      else if (self->type == &bb_officer_record && !self->is_new && error != NULL
               && g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID) && strstr (error->message, "district “") != NULL)
        bb_directory_editor_show_error (self, GTK_WIDGET (self->o_areas_row), error->message);
      else
        bb_directory_editor_show_error (self, NULL, error->message);
      /* the officer was written, not their further areas: saving again updates it */
      if (self->type == &bb_officer_record && self->is_new && ((BbRecord *) copy)->created_at > 0)
        {
          bb_record_free (self->type, self->record);
          self->record = copy;
          self->is_new = FALSE;
          return FALSE;
        }
      bb_record_free (self->type, copy);
      return FALSE;
    }
  bb_record_free (self->type, self->record);
  self->record = copy;
  self->is_new = FALSE;
  gtk_widget_set_visible (self->delete_button, TRUE);
  g_signal_emit (self, signals[SAVED], 0, ((BbRecord *) self->record)->id);
  return TRUE;
}

const char *
bb_directory_editor_get_error (BbDirectoryEditor *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);

  if (bb_directory_editor_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    BbDirectoryEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!bb_store_delete (self->store, self->type, ((BbRecord *) self->record)->id, &error))
    {
      bb_directory_editor_show_error (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0);
  /* The editor is the dialog's parent: it goes once the dialog is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (self->is_new)
    return;
  dialog = bb_confirm_delete_new (GTK_WINDOW (self), _("Delete from the Directory?"), NULL);
  adw_message_dialog_format_body (dialog, "%s",
    self->type == &bb_district_record ? _("Incidents, problems and events of the district keep their place but no longer name it; its advisory group is dissolved.")
    : self->type == &bb_officer_record ? _("Districts, problems and tasks the officer had are left without one.")
    : self->type == &bb_partner_record ? _("The partner leaves every problem, advisory group and meeting it was part of.")
    : _("The member leaves the district’s advisory group."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_directory_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_DIRECTORY_EDITOR);

  G_OBJECT_CLASS (bb_directory_editor_parent_class)->dispose (object);
}

static void
bb_directory_editor_finalize (GObject *object)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (object);

  g_clear_object (&self->store);
  if (self->record != NULL)
    bb_record_free (self->type, self->record);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->photo, g_bytes_unref);

  G_OBJECT_CLASS (bb_directory_editor_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BbDirectoryEditor, name)

static void
bb_directory_editor_class_init (BbDirectoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_directory_editor_dispose;
  object_class->finalize = bb_directory_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-directory-editor.ui");
  BIND (window_title);
  BIND (delete_button);
  BIND (error_label);
  BIND (district_group);
  BIND (d_name_row);
  BIND (d_code_row);
  BIND (d_population_row);
  BIND (d_officer_row);
  BIND (d_boundary_row);
  BIND (officer_group);
  BIND (o_name_row);
  BIND (o_rank_row);
  BIND (o_phone_row);
  BIND (o_email_row);
  BIND (o_district_row);
  BIND (o_photo_row);
  BIND (o_areas_row);
  BIND (o_groups_row);
  BIND (partner_group);
  BIND (p_name_row);
  BIND (p_kind_row);
  BIND (p_person_switch);
  BIND (p_contact_row);
  BIND (p_phone_row);
  BIND (p_email_row);
  BIND (p_address_row);
  BIND (p_notes_row);
  BIND (p_district_row);
  BIND (work_group);
  BIND (member_group);
  BIND (m_district_row);
  BIND (m_partner_row);
  BIND (m_role_row);
  BIND (m_since_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "person_toggled_cb", G_CALLBACK (bb_directory_editor_person_toggled_cb));

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-photo", NULL, bb_directory_editor_choose_photo_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-photo", NULL, bb_directory_editor_remove_photo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bb_directory_editor_init (BbDirectoryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BbDirectoryEditor *
bb_directory_editor_new (GtkWindow          *parent,
                         BbStore            *store,
                         const BbRecordType *type,
                         gconstpointer       record)
{
  BbDirectoryEditor *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (type == &bb_district_record || type == &bb_officer_record || type == &bb_partner_record
                        || type == &bb_advisory_member_record, NULL);

  self = g_object_new (BB_TYPE_DIRECTORY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->is_new = record == NULL;
  self->record = record != NULL ? bb_record_copy (type, record) : bb_record_new (type);
  self->districts = bb_store_district_list (store, NULL);
  self->officers = bb_store_officer_list (store, NULL);
  self->partners = bb_store_partner_list (store, NULL);
  if (self->districts == NULL)
    self->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_district_free);
  if (self->officers == NULL)
    self->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_officer_free);
  if (self->partners == NULL)
    self->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_partner_free);

  gtk_widget_set_visible (self->district_group, type == &bb_district_record);
  gtk_widget_set_visible (self->officer_group, type == &bb_officer_record);
  gtk_widget_set_visible (self->partner_group, type == &bb_partner_record);
  gtk_widget_set_visible (self->member_group, type == &bb_advisory_member_record);
  gtk_widget_set_visible (self->delete_button, !self->is_new);
  bb_directory_editor_show_error (self, NULL, NULL);
  if (type == &bb_district_record)
    {
      bb_directory_editor_fill_district (self, self->record);
      title = self->is_new ? _("New District") : _("District");
    }
  else if (type == &bb_officer_record)
    {
      bb_directory_editor_fill_officer (self, self->record);
      title = self->is_new ? _("New Officer") : _("Officer");
    }
  else if (type == &bb_partner_record)
    {
      bb_directory_editor_fill_partner (self, self->record);
      bb_directory_editor_person_toggled_cb (self);
      title = self->is_new ? _("New Partner") : _("Partner");
    }
  else
    {
      bb_directory_editor_fill_member (self, self->record);
      title = self->is_new ? _("New Advisory Group Member") : _("Advisory Group Member");
    }
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  return self;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && gtk_widget_get_visible (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
bb_directory_editor_set_text (BbDirectoryEditor *self,
                              const char        *title,
                              const char        *text)
{
  GtkWidget *row;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  row = find_row (GTK_WIDGET (self), title);
  if (!ADW_IS_ENTRY_ROW (row))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return TRUE;
}

gboolean
bb_directory_editor_set_choice (BbDirectoryEditor *self,
                                const char        *title,
                                guint              index)
{
  GtkWidget *row;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  row = find_row (GTK_WIDGET (self), title);
  if (!ADW_IS_COMBO_ROW (row))
    return FALSE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
  return TRUE;
}
