/* bb-question-editor.c: one question of a questionnaire: its text, code, kind of answer and choices */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-question-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-question-editor.h"
#include "bb-survey-values.h"

struct _BbQuestionEditor
{
  AdwWindow       parent_instance;

  BbStore        *store;
  BbQuestion     *question;
  gboolean        is_new;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  AdwEntryRow    *text_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *block_row;
  AdwComboRow    *scale_row;
  AdwPreferencesGroup *choices_group;
  GtkTextView    *choices_view;
  AdwComboRow    *polarity_row;
  GtkSwitch      *concern_switch;
};

G_DEFINE_FINAL_TYPE (BbQuestionEditor, bb_question_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BbQuestionEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
}

static char *
choices_text (const BbQuestion *q)
{
  g_autoptr(GPtrArray) choices = bb_choices_from_json (q->options, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      const BbChoice *c = g_ptr_array_index (choices, i);

      if (g_str_equal (c->value, c->label))
        g_string_append_printf (text, "%s\n", c->label);
      else
        g_string_append_printf (text, "%s = %s\n", c->value, c->label);
    }
  return g_string_free (text, FALSE);
}

/* A value for a choice typed without one: its label in lower case, words
 * joined by "_", as field tools name their choices. */
static char *
value_of (const char *label)
{
  g_autofree char *lower = g_utf8_strdown (label, -1);

  return g_strdelimit (g_steal_pointer (&lower), " \t", '_');
}

/* The choices typed, one a line ("label", or "value = label"); the values
 * of yes/no and of scales of 1 to 5 are theirs. */
static GPtrArray *
read_choices (BbQuestionEditor *self,
              BbScale           scale,
              GError          **error)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_choice_free);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->choices_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq = strchr (line, '=');
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (*line == '\0')
        continue;
      if (eq != NULL)
        {
          *eq = '\0';
          value = g_strstrip (g_strdup (line));
          label = g_strstrip (g_strdup (eq + 1));
        }
      else
        {
          label = g_strdup (line);
          value = value_of (line);
        }
      if (*value == '\0' || *label == '\0')
        {
          g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                       _("Choice %u has no name"), choices->len + 1);
          return NULL;
        }
      g_ptr_array_add (choices, bb_choice_new (value, label));
    }
  for (guint i = 0; i < choices->len; i++)
    for (guint k = 0; k < i; k++)
      if (g_str_equal (((BbChoice *) choices->pdata[i])->value, ((BbChoice *) choices->pdata[k])->value))
        {
          g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                       _("Two choices are both called “%s”"), ((BbChoice *) choices->pdata[i])->value);
          return NULL;
        }

  switch (scale)
    {
    case BB_SCALE_SINGLE:
    case BB_SCALE_MULTIPLE:
      if (choices->len < 2)
        {
          g_set_error_literal (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                               _("Give at least two choices, one a line"));
          return NULL;
        }
      break;
    case BB_SCALE_LIKERT5:
    case BB_SCALE_YES_NO:
      {
        guint n = scale == BB_SCALE_LIKERT5 ? 5 : 2;

        if (choices->len == 0)
          return g_steal_pointer (&choices);   /* the scale's own labels */
        if (choices->len != n)
          {
            g_set_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID,
                         scale == BB_SCALE_LIKERT5 ? _("A scale of 1 to 5 has five labels, one a line, from 1 to 5")
                                                   : _("Yes or no has two labels: yes, then no"));
            return NULL;
          }
        for (guint i = 0; i < n; i++)
          {
            BbChoice *c = g_ptr_array_index (choices, i);

            g_free (c->value);
            c->value = scale == BB_SCALE_LIKERT5 ? g_strdup_printf ("%u", i + 1) : g_strdup (i == 0 ? "yes" : "no");
          }
      }
      break;
    case BB_SCALE_NUMBER:
    case BB_SCALE_TEXT:
    case BB_N_SCALES:
    default:
      g_ptr_array_set_size (choices, 0);
      break;
    }
  return g_steal_pointer (&choices);
}

gboolean
bb_question_editor_save (BbQuestionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(BbQuestion) q = NULL;
  BbScale scale = adw_combo_row_get_selected (self->scale_row);
  gboolean ok;

  g_return_val_if_fail (BB_IS_QUESTION_EDITOR (self), FALSE);

  choices = read_choices (self, scale, &error);
  if (choices == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  q = bb_question_copy (self->question);
  g_free (q->text);
  q->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row))));
  g_free (q->code);
  q->code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  g_free (q->block);
  q->block = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->block_row))));
  g_free (q->scale);
  q->scale = g_strdup (bb_scale_to_string (scale));
  g_free (q->options);
  q->options = choices->len > 0 ? bb_choices_to_json (choices) : NULL;
  q->polarity = (int) adw_combo_row_get_selected (self->polarity_row) == 1 ? 1
                : adw_combo_row_get_selected (self->polarity_row) == 2 ? -1 : 0;
  q->concern = gtk_switch_get_active (self->concern_switch);
  if (*q->text == '\0')
    {
      show_error (self, _("Write the question as residents read it."));
      return FALSE;
    }
  if (*q->code == '\0')
    {
      show_error (self, _("Give the question a short code, e.g. “block1/q3”: files from field tools name their columns by it."));
      return FALSE;
    }

  ok = self->is_new ? bb_store_question_insert (self->store, q, &error) : bb_store_question_update (self->store, q, &error);
  if (!ok)
    {
      if (g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT) || strstr (error->message, "UNIQUE") != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Another question of this questionnaire is already called “%s”."),
                                                      q->code);

          show_error (self, message);
        }
      else
        show_error (self, error->message);
      return FALSE;
    }
  bb_question_free (self->question);
  self->question = g_steal_pointer (&q);
  self->is_new = FALSE;
  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

const char *
bb_question_editor_get_error (BbQuestionEditor *self)
{
  g_return_val_if_fail (BB_IS_QUESTION_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

void
bb_question_editor_set_fields (BbQuestionEditor *self,
                               const char       *code,
                               const char       *text,
                               const char       *scale,
                               const char       *choices)
{
  g_return_if_fail (BB_IS_QUESTION_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), text);
  adw_combo_row_set_selected (self->scale_row, bb_scale_from_string (scale));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->choices_view), choices != NULL ? choices : "", -1);
}

static void
scale_changed_cb (BbQuestionEditor *self)
{
  BbScale scale = adw_combo_row_get_selected (self->scale_row);

  gtk_widget_set_visible (GTK_WIDGET (self->choices_group), bb_scale_has_choices (scale));
  adw_preferences_group_set_description (self->choices_group,
    scale == BB_SCALE_LIKERT5 ? _("Five labels, one a line, from 1 to 5 (leave empty for plain numbers).")
    : scale == BB_SCALE_YES_NO ? _("Leave empty for “Yes” and “No”, or give two labels: yes, then no.")
    : _("One choice a line. Write “value = label” where a field tool names the choice differently."));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbQuestionEditor *self = BB_QUESTION_EDITOR (widget);

  if (bb_question_editor_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
bb_question_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_QUESTION_EDITOR);

  G_OBJECT_CLASS (bb_question_editor_parent_class)->dispose (object);
}

static void
bb_question_editor_finalize (GObject *object)
{
  BbQuestionEditor *self = BB_QUESTION_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->question, bb_question_free);

  G_OBJECT_CLASS (bb_question_editor_parent_class)->finalize (object);
}

static void
bb_question_editor_class_init (BbQuestionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_question_editor_dispose;
  object_class->finalize = bb_question_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-question-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, text_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, block_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, scale_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, choices_group);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, choices_view);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, polarity_row);
  gtk_widget_class_bind_template_child (widget_class, BbQuestionEditor, concern_switch);
  gtk_widget_class_bind_template_callback (widget_class, scale_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bb_question_editor_init (BbQuestionEditor *self)
{
  g_autoptr(GtkStringList) scales = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < BB_N_SCALES; i++)
    gtk_string_list_append (scales, bb_scale_get_label (i));
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (scales));
}

BbQuestionEditor *
bb_question_editor_new (GtkWindow        *parent,
                        BbStore          *store,
                        const char       *questionnaire_id,
                        const BbQuestion *question)
{
  BbQuestionEditor *self;
  g_autofree char *choices = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (question != NULL || questionnaire_id != NULL, NULL);

  self = g_object_new (BB_TYPE_QUESTION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->is_new = question == NULL;
  if (question != NULL)
    self->question = bb_question_copy (question);
  else
    {
      g_autoptr(GPtrArray) questions = bb_store_question_list (store, questionnaire_id, NULL);
      const BbQuestion *last = questions != NULL && questions->len > 0 ? g_ptr_array_index (questions, questions->len - 1) : NULL;

      self->question = bb_question_new ();
      self->question->questionnaire_id = g_strdup (questionnaire_id);
      self->question->sort_order = last != NULL ? last->sort_order + 1 : 0;
      g_free (self->question->block);
      self->question->block = g_strdup (last != NULL ? last->block : "");
      g_free (self->question->scale);
      self->question->scale = g_strdup ("yes_no");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), self->question->text != NULL ? self->question->text : "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), self->question->code != NULL ? self->question->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->block_row), self->question->block != NULL ? self->question->block : "");
  adw_combo_row_set_selected (self->scale_row, bb_scale_from_string (self->question->scale));
  choices = choices_text (self->question);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->choices_view), choices, -1);
  adw_combo_row_set_selected (self->polarity_row, self->question->polarity > 0 ? 1 : self->question->polarity < 0 ? 2 : 0);
  gtk_switch_set_active (self->concern_switch, self->question->concern);
  scale_changed_cb (self);
  show_error (self, NULL);
  adw_window_title_set_title (self->window_title, self->is_new ? _("New Question") : _("Question"));
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Question") : _("Question"));
  return self;
}
