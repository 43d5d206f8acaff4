/* bb-form-dialog.c: a small editor window for one record: fields in rows, inline errors, Save, Delete */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-form-dialog.h"
#include "bb-form-values.h"

struct _BbFormDialog
{
  AdwWindow             parent_instance;

  GHashTable           *fields;     /* key → the row (AdwEntryRow, AdwComboRow, AdwActionRow) */
  GHashTable           *switches;   /* key → the GtkSwitch of a switch row */
  GtkWidget            *marked;     /* the row marked with the error */
  char                 *error_text;

  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *group;
  GtkButton            *delete_button;
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (BbFormDialog, bb_form_dialog, ADW_TYPE_WINDOW)

enum {
  SAVE,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_error (BbFormDialog *self)
{
  if (self->marked != NULL)
    gtk_widget_remove_css_class (self->marked, "error");
  self->marked = NULL;
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

void
bb_form_dialog_save (BbFormDialog *self)
{
  g_return_if_fail (BB_IS_FORM_DIALOG (self));

  clear_error (self);
  g_signal_emit (self, signals[SAVE], 0);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bb_form_dialog_save (BB_FORM_DIALOG (widget));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbFormDialog *self = BB_FORM_DIALOG (widget);

  clear_error (self);
  g_signal_emit (self, signals[DELETE], 0);
}

static void
bb_form_dialog_dispose (GObject *object)
{
  BbFormDialog *self = BB_FORM_DIALOG (object);

  self->marked = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_FORM_DIALOG);

  G_OBJECT_CLASS (bb_form_dialog_parent_class)->dispose (object);
}

static void
bb_form_dialog_finalize (GObject *object)
{
  BbFormDialog *self = BB_FORM_DIALOG (object);

  g_hash_table_unref (self->fields);
  g_hash_table_unref (self->switches);
  g_free (self->error_text);

  G_OBJECT_CLASS (bb_form_dialog_parent_class)->finalize (object);
}

static void
bb_form_dialog_class_init (BbFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_form_dialog_dispose;
  object_class->finalize = bb_form_dialog_finalize;

  /**
   * BbFormDialog::save:
   *
   * The user saves; the handler reads the fields, writes and calls
   * bb_form_dialog_done(), or bb_form_dialog_show_error().
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbFormDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BbFormDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BbFormDialog, group);
  gtk_widget_class_bind_template_child (widget_class, BbFormDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, BbFormDialog, save_button);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "form.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The window grows with the message once it slid in, and keeps the
 * fields in view. */
static void
error_revealed_cb (BbFormDialog *self)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));
  int natural = 0;

  /* A window keeps its size once shown; it is asked for more. */
  if (content == NULL || !gtk_widget_get_mapped (content))
    return;
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content), NULL, &natural, NULL, NULL);
  if (natural > gtk_widget_get_height (content))
    gtk_window_set_default_size (GTK_WINDOW (self), gtk_widget_get_width (content), natural);
}

static void
bb_form_dialog_init (BbFormDialog *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->error_revealer, "notify::child-revealed", G_CALLBACK (error_revealed_cb), self,
                           G_CONNECT_SWAPPED);
}

BbFormDialog *
bb_form_dialog_new (GtkWindow  *parent,
                    const char *title,
                    const char *description)
{
  BbFormDialog *self = g_object_new (BB_TYPE_FORM_DIALOG,
                                     "transient-for", parent,
                                     "title", title,
                                     NULL);

  /* The window's title names the record; the group says what it is for. */
  adw_preferences_group_set_description (self->group, description);
  return self;
}

void
bb_form_dialog_set_can_delete (BbFormDialog *self,
                               const char   *label)
{
  g_return_if_fail (BB_IS_FORM_DIALOG (self));

  gtk_button_set_label (self->delete_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), label != NULL);
}

static void
add_field (BbFormDialog *self,
           const char   *key,
           GtkWidget    *row)
{
  g_return_if_fail (!g_hash_table_contains (self->fields, key));

  g_hash_table_insert (self->fields, g_strdup (key), row);
  adw_preferences_group_add (self->group, row);
}

/* Typing in the field that was wrong takes its mark away. */
static void
field_changed_cb (BbFormDialog *self,
                  GtkWidget    *row)
{
  if (row == self->marked)
    clear_error (self);
}

static void
choice_changed_cb (BbFormDialog *self,
                   GParamSpec   *pspec,
                   GtkWidget    *row)
{
  field_changed_cb (self, row);
}

static void
entry_activated_cb (BbFormDialog *self)
{
  bb_form_dialog_save (self);
}

GtkWidget *
bb_form_dialog_add_entry (BbFormDialog *self,
                          const char   *key,
                          const char   *title,
                          const char   *text)
{
  GtkWidget *row = adw_entry_row_new ();

  g_return_val_if_fail (BB_IS_FORM_DIALOG (self), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  /* Enter in the last field saves, as in any dialog. */
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  add_field (self, key, row);
  return row;
}

GtkWidget *
bb_form_dialog_add_combo (BbFormDialog       *self,
                          const char         *key,
                          const char         *title,
                          const char * const *choices,
                          guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);
  g_autoptr(GtkExpression) expression = NULL;

  g_return_val_if_fail (BB_IS_FORM_DIALOG (self), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  add_field (self, key, row);
  return row;
}

GtkWidget *
bb_form_dialog_add_switch (BbFormDialog *self,
                           const char   *key,
                           const char   *title,
                           const char   *subtitle,
                           gboolean      active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  g_return_val_if_fail (BB_IS_FORM_DIALOG (self), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_hash_table_insert (self->switches, g_strdup (key), toggle);
  add_field (self, key, row);
  return row;
}

GtkWidget *
bb_form_dialog_get_field (BbFormDialog *self,
                          const char   *key)
{
  g_return_val_if_fail (BB_IS_FORM_DIALOG (self), NULL);
  return g_hash_table_lookup (self->fields, key);
}

const char *
bb_form_dialog_get_text (BbFormDialog *self,
                         const char   *key)
{
  GtkWidget *row = bb_form_dialog_get_field (self, key);

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

void
bb_form_dialog_set_text (BbFormDialog *self,
                         const char   *key,
                         const char   *text)
{
  GtkWidget *row = bb_form_dialog_get_field (self, key);

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

guint
bb_form_dialog_get_selected (BbFormDialog *self,
                             const char   *key)
{
  GtkWidget *row = bb_form_dialog_get_field (self, key);

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), 0);
  return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
}

void
bb_form_dialog_set_selected (BbFormDialog *self,
                             const char   *key,
                             guint         selected)
{
  GtkWidget *row = bb_form_dialog_get_field (self, key);

  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
}

gboolean
bb_form_dialog_get_active (BbFormDialog *self,
                           const char   *key)
{
  GtkSwitch *toggle = g_hash_table_lookup (self->switches, key);

  g_return_val_if_fail (GTK_IS_SWITCH (toggle), FALSE);
  return gtk_switch_get_active (toggle);
}

void
bb_form_dialog_set_active (BbFormDialog *self,
                           const char   *key,
                           gboolean      active)
{
  GtkSwitch *toggle = g_hash_table_lookup (self->switches, key);

  g_return_if_fail (GTK_IS_SWITCH (toggle));
  gtk_switch_set_active (toggle, active);
}

void
bb_form_dialog_show_error (BbFormDialog *self,
                           const char   *key,
                           const char   *message)
{
  GtkWidget *row;

  g_return_if_fail (BB_IS_FORM_DIALOG (self));
  g_return_if_fail (message != NULL);

  clear_error (self);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  row = key != NULL ? g_hash_table_lookup (self->fields, key) : NULL;
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
      self->marked = row;
    }
}

char *
bb_form_dialog_dup_required (BbFormDialog *self,
                             const char   *key,
                             const char   *missing)
{
  char *text = g_strstrip (g_strdup (bb_form_dialog_get_text (self, key)));

  if (text[0] != '\0')
    return text;
  g_free (text);
  bb_form_dialog_show_error (self, key, missing);
  return NULL;
}

gboolean
bb_form_dialog_read_day (BbFormDialog  *self,
                         const char    *key,
                         gboolean       required,
                         char         **day)
{
  if (bb_form_parse_day (bb_form_dialog_get_text (self, key), day) && (*day != NULL || !required))
    return TRUE;
  g_clear_pointer (day, g_free);
  bb_form_dialog_show_error (self, key, required ? _("Type the day as 2026-03-14.")
                                                 : _("Type the day as 2026-03-14, or leave it empty."));
  return FALSE;
}

const char *
bb_form_dialog_get_error (BbFormDialog *self)
{
  g_return_val_if_fail (BB_IS_FORM_DIALOG (self), NULL);
  return self->error_text;
}

void
bb_form_dialog_done (BbFormDialog *self)
{
  g_return_if_fail (BB_IS_FORM_DIALOG (self));
  gtk_window_destroy (GTK_WINDOW (self));
}
