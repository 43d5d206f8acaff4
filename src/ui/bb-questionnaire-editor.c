/* bb-questionnaire-editor.c: a questionnaire's title and questions: add, edit, reorder, delete */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-questionnaire-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-question-editor.h"
#include "bb-questionnaire-editor.h"
#include "bb-survey-values.h"

struct _BbQuestionnaireEditor
{
  AdwWindow        parent_instance;

  BbStore         *store;
  BbQuestionnaire *questionnaire;
  GPtrArray       *questions;      /* BbQuestion, in order */
  GPtrArray       *rows;           /* the rows shown */

  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *title_row;
  AdwPreferencesGroup *questions_group;
  gboolean         versioned;     /* a new version of an answered questionnaire */
};

G_DEFINE_FINAL_TYPE (BbQuestionnaireEditor, bb_questionnaire_editor, ADW_TYPE_WINDOW)

static void refresh (BbQuestionnaireEditor *self);

static void
toast_error (BbQuestionnaireEditor *self,
             const GError          *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
question_saved_cb (BbQuestionnaireEditor *self)
{
  refresh (self);
}

GtkWindow *
bb_questionnaire_editor_edit_question (BbQuestionnaireEditor *self,
                                       guint                  index)
{
  BbQuestionEditor *editor;

  g_return_val_if_fail (BB_IS_QUESTIONNAIRE_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);

  editor = bb_question_editor_new (GTK_WINDOW (self), self->store, NULL, g_ptr_array_index (self->questions, index));
  g_signal_connect_object (editor, "saved", G_CALLBACK (question_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
bb_questionnaire_editor_add_question (BbQuestionnaireEditor *self)
{
  BbQuestionEditor *editor;

  g_return_val_if_fail (BB_IS_QUESTIONNAIRE_EDITOR (self), NULL);

  editor = bb_question_editor_new (GTK_WINDOW (self), self->store, self->questionnaire->id, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (question_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

gboolean
bb_questionnaire_editor_move_question (BbQuestionnaireEditor *self,
                                       guint                  index,
                                       int                    step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbQuestion) a = NULL;
  g_autoptr(BbQuestion) b = NULL;
  int other = (int) index + step;
  int order;

  g_return_val_if_fail (BB_IS_QUESTIONNAIRE_EDITOR (self), FALSE);

  if (index >= self->questions->len || other < 0 || other >= (int) self->questions->len)
    return FALSE;
  a = bb_question_copy (g_ptr_array_index (self->questions, index));
  b = bb_question_copy (g_ptr_array_index (self->questions, other));
  /* Orders may repeat (questions added elsewhere): make them differ. */
  order = a->sort_order;
  a->sort_order = b->sort_order;
  b->sort_order = order;
  if (a->sort_order == b->sort_order)
    a->sort_order += step;
  if (!bb_store_question_update (self->store, a, &error) || !bb_store_question_update (self->store, b, &error))
    {
      toast_error (self, error);
      refresh (self);
      return FALSE;
    }
  refresh (self);
  return TRUE;
}

static void
move_clicked_cb (GtkButton             *button,
                 BbQuestionnaireEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bb-index"));
  int step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "bb-step"));

  bb_questionnaire_editor_move_question (self, index, step);
}

static void
delete_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    BbQuestionnaireEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "bb-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!bb_store_question_delete (self->store, id, &error))
    toast_error (self, error);
  refresh (self);
}

static void
delete_clicked_cb (GtkButton             *button,
                   BbQuestionnaireEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bb-index"));
  const BbQuestion *q = g_ptr_array_index (self->questions, index);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Question?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and every answer residents gave to it are deleted, in every round of the survey."),
                                  q->text);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bb-id", g_strdup (q->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (AdwActionRow          *row,
                  BbQuestionnaireEditor *self)
{
  bb_questionnaire_editor_edit_question (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bb-index")));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "bb-index", GUINT_TO_POINTER (index));
  return button;
}

static void
refresh (BbQuestionnaireEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = bb_store_question_list (self->store, self->questionnaire->id, &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->questions_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (questions == NULL)
    {
      toast_error (self, error);
      return;
    }
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  self->questions = g_steal_pointer (&questions);

  for (guint i = 0; i < self->questions->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (self->questions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"), i);
      GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"), i);
      GtkWidget *delete = icon_button ("user-trash-symbolic", _("Delete Question"), i);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = g_markup_escape_text (q->text, -1);

      /* Translators: under a question in the questionnaire: its code, its kind of answer and its block */
      subtitle = g_markup_printf_escaped (_("%s · %s · %s"), q->code, bb_scale_get_label (bb_scale_from_string (q->scale)),
                                          q->block != NULL && *q->block ? q->block : _("no block"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "bb-index", GUINT_TO_POINTER (i));
      g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);

      g_object_set_data (G_OBJECT (up), "bb-step", GINT_TO_POINTER (-1));
      g_object_set_data (G_OBJECT (down), "bb-step", GINT_TO_POINTER (1));
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->questions->len);
      g_signal_connect (up, "clicked", G_CALLBACK (move_clicked_cb), self);
      g_signal_connect (down, "clicked", G_CALLBACK (move_clicked_cb), self);
      g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
      adw_preferences_group_add (self->questions_group, row);
      g_ptr_array_add (self->rows, row);
    }
  {
    g_autofree char *description = g_strdup_printf (ngettext ("%u question. Changes are saved at once; rounds of the survey already asked keep their answers.",
                                                              "%u questions. Changes are saved at once; rounds of the survey already asked keep their answers.",
                                                              self->questions->len),
                                                    self->questions->len);

    if (self->versioned)
      {
        /* Translators: added to the questionnaire editor's description when residents answered the questionnaire already */
        g_autofree char *longer = g_strdup_printf ("%s %s", description,
                                                   _("Residents answered the questionnaire before: this is a new "
                                                     "version of it, which new rounds take; results compare rounds "
                                                     "on the questions both asked."));

        g_free (description);
        description = g_steal_pointer (&longer);
      }
    adw_preferences_group_set_description (self->questions_group, description);
  }
}

static void
title_applied_cb (BbQuestionnaireEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*title == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->questionnaire->title);
      return;
    }
  g_free (self->questionnaire->title);
  self->questionnaire->title = g_steal_pointer (&title);
  if (!bb_store_questionnaire_update (self->store, self->questionnaire, &error))
    toast_error (self, error);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bb_questionnaire_editor_add_question (BB_QUESTIONNAIRE_EDITOR (widget));
}

static void
bb_questionnaire_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_QUESTIONNAIRE_EDITOR);

  G_OBJECT_CLASS (bb_questionnaire_editor_parent_class)->dispose (object);
}

static void
bb_questionnaire_editor_finalize (GObject *object)
{
  BbQuestionnaireEditor *self = BB_QUESTIONNAIRE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->questionnaire, bb_questionnaire_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_questionnaire_editor_parent_class)->finalize (object);
}

static void
bb_questionnaire_editor_class_init (BbQuestionnaireEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_questionnaire_editor_dispose;
  object_class->finalize = bb_questionnaire_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-questionnaire-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BbQuestionnaireEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionnaireEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionnaireEditor, questions_group);
  gtk_widget_class_bind_template_callback (widget_class, title_applied_cb);

  gtk_widget_class_install_action (widget_class, "questionnaire.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "questionnaire.add", NULL);
}

static void
bb_questionnaire_editor_init (BbQuestionnaireEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

BbQuestionnaireEditor *
bb_questionnaire_editor_new (GtkWindow  *parent,
                             BbStore    *store,
                             const char *questionnaire_id)
{
  BbQuestionnaireEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (questionnaire_id != NULL, NULL);

  self = g_object_new (BB_TYPE_QUESTIONNAIRE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->questionnaire = bb_store_questionnaire_get (store, questionnaire_id, NULL);
  if (self->questionnaire == NULL)
    {
      self->questionnaire = bb_questionnaire_new ();
      self->questionnaire->id = g_strdup (questionnaire_id);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->questionnaire->title);
  refresh (self);
  return self;
}

guint
bb_questionnaire_editor_get_n_questions (BbQuestionnaireEditor *self)
{
  g_return_val_if_fail (BB_IS_QUESTIONNAIRE_EDITOR (self), 0);
  return self->questions != NULL ? self->questions->len : 0;
}

void
bb_questionnaire_editor_set_versioned (BbQuestionnaireEditor *self,
                                       gboolean               versioned)
{
  g_return_if_fail (BB_IS_QUESTIONNAIRE_EDITOR (self));

  self->versioned = versioned;
  refresh (self);
}

