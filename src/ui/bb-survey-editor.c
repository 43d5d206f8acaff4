/* bb-survey-editor.c: a round of a survey: its questionnaire, period and area */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-default-questionnaire.h"
#include "bb-store-surveys.h"
#include "bb-survey-editor.h"

struct _BbSurveyEditor
{
  AdwWindow    parent_instance;

  BbStore     *store;
  BbSurvey    *survey;           /* the record edited (a copy) */
  gboolean     is_new;
  GPtrArray   *questionnaires;   /* BbQuestionnaire; none: the default is offered */
  GPtrArray   *districts;        /* BbDistrict */

  AdwWindowTitle *window_title;
  AdwEntryRow  *title_row;
  AdwComboRow  *questionnaire_row;
  AdwEntryRow  *start_row;
  AdwEntryRow  *end_row;
  AdwComboRow  *area_row;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (BbSurveyEditor, bb_survey_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BbSurveyEditor *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
read_date (AdwEntryRow *row,
           char       **out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  guint y, m, d;
  char tail;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10 || !g_date_valid_dmy (d, m, y))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  *out = g_steal_pointer (&text);
  return TRUE;
}

gboolean
bb_survey_editor_save (BbSurveyEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *title = NULL;
  guint q = adw_combo_row_get_selected (self->questionnaire_row);
  guint area = adw_combo_row_get_selected (self->area_row);
  gboolean ok;

  g_return_val_if_fail (BB_IS_SURVEY_EDITOR (self), FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      show_error (self, _("Give the survey a title, e.g. “Resident survey 2026, round 1”."));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (!read_date (self->start_row, &start) | !read_date (self->end_row, &end))
    {
      show_error (self, _("Dates are written as year-month-day, e.g. 2026-03-01."));
      return FALSE;
    }
  if (strcmp (end, start) < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->end_row), "error");
      show_error (self, _("The survey cannot end before it starts."));
      return FALSE;
    }

  g_free (self->survey->questionnaire_id);
  if (self->questionnaires->len == 0)
    {
      /* The default questionnaire, written when the first survey is. */
      self->survey->questionnaire_id = bb_store_questionnaire_add_default (self->store, &error);
      if (self->survey->questionnaire_id == NULL)
        {
          show_error (self, error->message);
          return FALSE;
        }
      g_ptr_array_add (self->questionnaires, bb_store_questionnaire_get (self->store, self->survey->questionnaire_id, NULL));
    }
  else
    self->survey->questionnaire_id = g_strdup (((BbQuestionnaire *) g_ptr_array_index (self->questionnaires,
                                                                                        MIN (q, self->questionnaires->len - 1)))->id);
  g_free (self->survey->title);
  self->survey->title = g_steal_pointer (&title);
  g_free (self->survey->period_start);
  self->survey->period_start = g_steal_pointer (&start);
  g_free (self->survey->period_end);
  self->survey->period_end = g_steal_pointer (&end);
  g_free (self->survey->district_id);
  self->survey->district_id = area > 0 && area <= self->districts->len
    ? g_strdup (((BbDistrict *) g_ptr_array_index (self->districts, area - 1))->id) : NULL;

  ok = self->is_new ? bb_store_survey_insert (self->store, self->survey, &error)
                    : bb_store_survey_update (self->store, self->survey, &error);
  if (!ok)
    {
      show_error (self, error->message);
      return FALSE;
    }
  self->is_new = FALSE;
  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->survey->id);
  return TRUE;
}

const char *
bb_survey_editor_get_error (BbSurveyEditor *self)
{
  g_return_val_if_fail (BB_IS_SURVEY_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbSurveyEditor *self = BB_SURVEY_EDITOR (widget);

  if (bb_survey_editor_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
bb_survey_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_SURVEY_EDITOR);

  G_OBJECT_CLASS (bb_survey_editor_parent_class)->dispose (object);
}

static void
bb_survey_editor_finalize (GObject *object)
{
  BbSurveyEditor *self = BB_SURVEY_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->survey, bb_survey_free);
  g_clear_pointer (&self->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_survey_editor_parent_class)->finalize (object);
}

static void
bb_survey_editor_class_init (BbSurveyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_survey_editor_dispose;
  object_class->finalize = bb_survey_editor_finalize;

  /**
   * BbSurveyEditor::saved:
   * @survey_id: the survey written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-survey-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, questionnaire_row);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, BbSurveyEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bb_survey_editor_init (BbSurveyEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BbSurveyEditor *
bb_survey_editor_new (GtkWindow      *parent,
                      BbStore        *store,
                      const BbSurvey *survey)
{
  BbSurveyEditor *self;
  g_autoptr(GtkStringList) questionnaires = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) areas = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) surveys = NULL;
  guint selected_q = 0, selected_area = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  self = g_object_new (BB_TYPE_SURVEY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->is_new = survey == NULL;
  self->questionnaires = bb_store_questionnaire_list (store, NULL);
  self->districts = bb_store_district_list (store, NULL);
  if (self->questionnaires == NULL)
    self->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_questionnaire_free);
  if (self->districts == NULL)
    self->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_district_free);

  if (survey != NULL)
    self->survey = bb_survey_copy (survey);
  else
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      g_autoptr(GDateTime) month = g_date_time_add_days (today, 30);
      guint round = 1;

      self->survey = bb_survey_new ();
      surveys = bb_store_survey_list (store, NULL);
      /* The next round of the newest survey's questionnaire. */
      if (surveys != NULL && surveys->len > 0)
        {
          BbSurvey *newest = g_ptr_array_index (surveys, 0);

          /* its newest version, when it was edited since */
          self->survey->questionnaire_id = bb_store_questionnaire_latest_version (store, newest->questionnaire_id);
          for (guint i = 0; i < surveys->len; i++)
            round += g_strcmp0 (((BbSurvey *) g_ptr_array_index (surveys, i))->questionnaire_id,
                                newest->questionnaire_id) == 0;
        }
      /* Translators: the title proposed for a new round of the survey: the year, the round */
      self->survey->title = g_strdup_printf (_("Resident survey %d, round %u"), g_date_time_get_year (today), round);
      self->survey->period_start = g_date_time_format (today, "%Y-%m-%d");
      self->survey->period_end = g_date_time_format (month, "%Y-%m-%d");
    }

  for (guint i = 0; i < self->questionnaires->len; i++)
    {
      BbQuestionnaire *q = g_ptr_array_index (self->questionnaires, i);

      gtk_string_list_append (questionnaires, q->title);
      if (g_strcmp0 (q->id, self->survey->questionnaire_id) == 0)
        selected_q = i;
    }
  if (self->questionnaires->len == 0)
    gtk_string_list_append (questionnaires, _("Local safety survey (LSES), the default questionnaire"));
  adw_combo_row_set_model (self->questionnaire_row, G_LIST_MODEL (questionnaires));
  adw_combo_row_set_selected (self->questionnaire_row, selected_q);

  gtk_string_list_append (areas, _("The whole station area"));
  for (guint i = 0; i < self->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (self->districts, i);

      gtk_string_list_append (areas, d->name);
      if (g_strcmp0 (d->id, self->survey->district_id) == 0)
        selected_area = i + 1;
    }
  adw_combo_row_set_model (self->area_row, G_LIST_MODEL (areas));
  adw_combo_row_set_selected (self->area_row, selected_area);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->survey->title);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), self->survey->period_start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), self->survey->period_end);
  adw_window_title_set_title (self->window_title, self->is_new ? _("New Survey Round") : _("Survey Round"));
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Survey Round") : _("Survey Round"));
  return self;
}
