/* bb-response-form.c: paper questionnaires typed in at the station, keyboard first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-response-form"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-response-form.h"
#include "bb-store-surveys.h"

/* A field of the form: an entry row and what it reads its text as. */
typedef struct {
  char        *code;       /* question code, or "form", "district", "age", "gender" */
  BbQuestion  *question;   /* NULL for the respondent's fields */
  GPtrArray   *choices;
  GtkWidget   *row;        /* AdwActionRow: the question, and what its answer reads as */
  GtkWidget   *entry;      /* what is typed */
  char        *hint;
  gboolean     valid;
} Field;

struct _BbResponseForm
{
  AdwWindow       parent_instance;

  BbStore        *store;
  BbSurvey       *survey;
  GPtrArray      *districts;   /* BbDistrict */
  GPtrArray      *fields;      /* Field, in the order of the form */
  guint           n_saved;
  guint           next_number;

  AdwWindowTitle *window_title;
  GtkLabel       *status_label;
  GtkBox         *groups;
};

G_DEFINE_FINAL_TYPE (BbResponseForm, bb_response_form, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *f)
{
  g_free (f->code);
  g_clear_pointer (&f->question, bb_question_free);
  g_clear_pointer (&f->choices, g_ptr_array_unref);
  g_free (f->hint);
  g_free (f);
}

static Field *
find_field (BbResponseForm *self,
            const char     *code)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      if (g_str_equal (f->code, code))
        return f;
    }
  return NULL;
}

static const char *
text_of (Field *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (f->entry));
}

/* Reading what was typed ------------------------------------------------------ */

static const BbDistrict *
find_district (BbResponseForm *self,
               const char     *text)
{
  g_autofree char *typed = g_utf8_casefold (text, -1);
  const BbDistrict *prefix_match = NULL;
  guint n_prefix = 0;

  for (guint i = 0; i < self->districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (self->districts, i);
      g_autofree char *name = g_utf8_casefold (d->name, -1);
      g_autofree char *code = g_utf8_casefold (d->code != NULL ? d->code : "", -1);

      if (g_str_equal (typed, name) || (*code != '\0' && g_str_equal (typed, code)))
        return d;
      if (g_str_has_prefix (name, typed))
        {
          prefix_match = d;
          n_prefix++;
        }
    }
  /* the first letters of one district's name are enough */
  return n_prefix == 1 ? prefix_match : NULL;
}

static char *
read_gender (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (g_str_equal (folded, "f") || g_str_equal (folded, "w") || g_str_equal (folded, "female")
      || g_str_equal (folded, "ж"))
    return g_strdup ("female");
  if (g_str_equal (folded, "m") || g_str_equal (folded, "male") || g_str_equal (folded, "м"))
    return g_strdup ("male");
  return g_steal_pointer (&folded);
}

/* Reads the field's text; sets what it reads as and whether it can be
 * saved. */
static void
read_field (BbResponseForm *self,
            Field          *f)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (f)));
  g_autofree char *reading = NULL;

  f->valid = TRUE;
  if (*text == '\0')
    reading = g_strdup (f->hint);
  else if (f->question != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = bb_survey_value_read (f->question, f->choices, text, &error);

      if (value != NULL && bb_scale_has_choices (bb_scale_from_string (f->question->scale)))
        {
          g_auto(GStrv) parts = g_strsplit (value, " ", -1);
          g_autoptr(GString) labels = g_string_new (NULL);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              if (i > 0)
                g_string_append (labels, ", ");
              g_string_append (labels, bb_choices_find_label (f->choices, parts[i]));
            }
          reading = g_strdup (labels->str);
        }
      else if (value != NULL)
        reading = g_strdup (value);
      else if (g_error_matches (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_NO_ANSWER))
        reading = g_strdup (_("No answer"));
      else
        {
          reading = g_strdup (error->message);
          f->valid = FALSE;
        }
    }
  else if (g_str_equal (f->code, "district"))
    {
      const BbDistrict *d = find_district (self, text);

      reading = d != NULL ? g_strdup (d->name) : g_strdup (_("No district of that name or code"));
      f->valid = d != NULL;
    }
  else if (g_str_equal (f->code, "form"))
    {
      guint64 number;

      f->valid = g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &number, NULL);
      reading = f->valid ? g_strdup (_("The number written on the paper form")) : g_strdup (_("A form number is a whole number"));
    }
  else if (g_str_equal (f->code, "gender"))
    {
      g_autofree char *gender = read_gender (text);

      reading = g_str_equal (gender, "female") ? g_strdup (_("Female"))
                : g_str_equal (gender, "male") ? g_strdup (_("Male")) : g_steal_pointer (&gender);
    }
  else
    reading = g_strdup (text);

  /* The row's subtitle: the hint while empty, then what was understood. */
  if (*text != '\0' && f->valid && !g_str_equal (f->code, "form"))
    {
      /* Translators: what an answer typed in is read as: "→ A big problem" */
      g_autofree char *understood = g_strdup_printf (_("→ %s"), reading);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), understood);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), reading);
  g_object_set_data_full (G_OBJECT (f->row), "bb-reading", g_steal_pointer (&reading), g_free);
  if (f->valid)
    {
      gtk_widget_remove_css_class (f->row, "error");
      gtk_widget_remove_css_class (f->entry, "error");
    }
  else
    {
      gtk_widget_add_css_class (f->row, "error");
      gtk_widget_add_css_class (f->entry, "error");
    }
}

static void
field_changed_cb (GtkEditable    *editable,
                  BbResponseForm *self)
{
  read_field (self, g_object_get_data (G_OBJECT (editable), "bb-field"));
}

/* Enter goes to the next field, as Tab does; on the last it saves. */
static void
field_activated_cb (GtkEntry       *entry,
                    BbResponseForm *self)
{
  Field *f = g_object_get_data (G_OBJECT (entry), "bb-field");

  for (guint i = 0; i + 1 < self->fields->len; i++)
    if (g_ptr_array_index (self->fields, i) == f)
      {
        gtk_widget_grab_focus (((Field *) g_ptr_array_index (self->fields, i + 1))->entry);
        return;
      }
  bb_response_form_save (self);
}

/* Building the form -------------------------------------------------------------- */

static char *
hint_for (const BbQuestion *q,
          GPtrArray        *choices)
{
  BbScale scale = bb_scale_from_string (q->scale);
  g_autoptr(GString) hint = g_string_new (NULL);

  switch (scale)
    {
    case BB_SCALE_YES_NO:
    case BB_SCALE_SINGLE:
    case BB_SCALE_MULTIPLE:
      for (guint i = 0; i < choices->len; i++)
        g_string_append_printf (hint, "%s%u %s", i > 0 ? " · " : "", i + 1, ((BbChoice *) choices->pdata[i])->label);
      if (scale == BB_SCALE_MULTIPLE)
        g_string_append (hint, _(" (several: 1 3)"));
      break;
    case BB_SCALE_LIKERT5:
      /* Translators: the hint of an answer on a scale of 1 to 5: the labels of its ends */
      g_string_append_printf (hint, _("1 %s … 5 %s"), ((BbChoice *) choices->pdata[0])->label,
                              ((BbChoice *) choices->pdata[choices->len - 1])->label);
      break;
    case BB_SCALE_NUMBER:
      g_string_append (hint, _("A number"));
      break;
    case BB_SCALE_TEXT:
    case BB_N_SCALES:
    default:
      g_string_append (hint, _("Free text, for the station only"));
      break;
    }
  return g_string_free (g_steal_pointer (&hint), FALSE);
}

static Field *
add_field (BbResponseForm      *self,
           AdwPreferencesGroup *group,
           const char          *code,
           const char          *title,
           BbQuestion          *question,
           const char          *hint)
{
  Field *f = g_new0 (Field, 1);
  BbScale scale = question != NULL ? bb_scale_from_string (question->scale) : BB_SCALE_TEXT;

  f->code = g_strdup (code);
  f->question = question;
  f->choices = question != NULL ? bb_question_dup_choices (question) : NULL;
  f->hint = question != NULL ? hint_for (question, f->choices) : g_strdup (hint);
  f->row = adw_action_row_new ();
  f->entry = gtk_entry_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (f->row), 3);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (f->row), 2);
  /* short answers get a short field; words and numbers more room */
  {
    int chars = question == NULL || scale == BB_SCALE_TEXT ? 16 : scale == BB_SCALE_NUMBER ? 8 : 5;

    gtk_editable_set_width_chars (GTK_EDITABLE (f->entry), chars);
    gtk_editable_set_max_width_chars (GTK_EDITABLE (f->entry), chars);
  }
  gtk_widget_set_valign (f->entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (f->row), f->entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f->row), f->entry);
  g_object_set_data (G_OBJECT (f->entry), "bb-field", f);
  g_signal_connect (f->entry, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect (f->entry, "activate", G_CALLBACK (field_activated_cb), self);
  adw_preferences_group_add (group, f->row);
  g_ptr_array_add (self->fields, f);
  read_field (self, f);
  return f;
}

static void
build (BbResponseForm *self,
       GPtrArray      *questions)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *block = NULL;
  g_autofree char *number = g_strdup_printf ("%u", self->next_number);

  adw_preferences_group_set_title (group, _("The Respondent"));
  gtk_box_append (self->groups, GTK_WIDGET (group));
  add_field (self, group, "form", _("Form number"), NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (((Field *) g_ptr_array_index (self->fields, 0))->entry), number);
  add_field (self, group, "district", _("District (name or code)"), NULL,
             self->survey->district_id != NULL ? _("The survey’s area") : _("Not given"));
  add_field (self, group, "age", _("Age band (e.g. 35-49)"), NULL, _("Not given"));
  add_field (self, group, "gender", _("Gender (f, m or as written)"), NULL, _("Not given"));

  group = NULL;
  for (guint i = 0; i < questions->len; i++)
    {
      BbQuestion *q = g_ptr_array_index (questions, i);

      if (group == NULL || g_strcmp0 (block, q->block) != 0)
        {
          block = q->block;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, block != NULL && *block != '\0' ? block : _("Questions"));
          gtk_box_append (self->groups, GTK_WIDGET (group));
        }
      add_field (self, group, q->code, q->text, bb_question_copy (q), NULL);
    }
}

static void
focus_first_answer (BbResponseForm *self)
{
  /* The form number counts on by itself: the district comes first. */
  if (self->fields->len > 1)
    gtk_widget_grab_focus (((Field *) g_ptr_array_index (self->fields, 1))->entry);
}

/* Saving -------------------------------------------------------------------------- */

static void
set_status (BbResponseForm *self,
            const char     *text,
            gboolean        error)
{
  gtk_label_set_label (self->status_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

gboolean
bb_response_form_save (BbResponseForm *self)
{
  g_autoptr(BbSurveyResponse) response = bb_survey_response_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  Field *first_invalid = NULL;
  guint64 number = 0;

  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      read_field (self, f);
      if (!f->valid && first_invalid == NULL)
        first_invalid = f;
    }
  if (first_invalid != NULL)
    {
      /* Translators: a field of the paper form cannot be read: its title, then why */
      g_autofree char *message = g_strdup_printf (_("Not saved: “%s”: %s"),
                                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_invalid->row)),
                                                  (const char *) g_object_get_data (G_OBJECT (first_invalid->row), "bb-reading"));

      set_status (self, message, TRUE);
      gtk_widget_grab_focus (first_invalid->entry);
      return FALSE;
    }

  response->survey_id = g_strdup (self->survey->id);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *text = g_strstrip (g_strdup (text_of (f)));

      if (*text == '\0')
        continue;
      if (f->question != NULL)
        {
          g_autofree char *value = bb_survey_value_read (f->question, f->choices, text, NULL);

          if (value != NULL)
            bb_survey_response_add_answer (response, f->question->id, value);
        }
      else if (g_str_equal (f->code, "form"))
        {
          g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &number, NULL);
          response->external_uuid = bb_survey_paper_form_key (self->survey->id, (guint) number);
        }
      else if (g_str_equal (f->code, "district"))
        response->district_id = g_strdup (find_district (self, text)->id);
      else if (g_str_equal (f->code, "age"))
        response->age_band = g_steal_pointer (&text);
      else if (g_str_equal (f->code, "gender"))
        response->gender = read_gender (text);
    }
  if (response->district_id == NULL)
    response->district_id = g_strdup (self->survey->district_id);
  if (response->answers->len == 0)
    {
      set_status (self, _("Not saved: the form has no answer yet."), TRUE);
      focus_first_answer (self);
      return FALSE;
    }
  response->submitted_at = g_get_real_time () / G_USEC_PER_SEC;
  if (!bb_store_survey_response_insert (self->store, response, &error))
    {
      g_autofree char *message = NULL;

      if (strstr (error->message, "UNIQUE") != NULL || g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT))
        message = g_strdup_printf (_("Not saved: form %u of this survey was typed in already. Check the number on the paper."),
                                   (guint) number);
      else
        message = g_strdup_printf (_("Not saved: %s"), error->message);
      set_status (self, message, TRUE);
      gtk_widget_grab_focus (((Field *) g_ptr_array_index (self->fields, 0))->entry);
      return FALSE;
    }

  self->n_saved++;
  self->next_number = MAX (self->next_number, (guint) number + 1);
  /* Translators: after a paper form was saved: its number, then how many forms were typed in */
  status = g_strdup_printf (ngettext ("Form %u saved (%u form typed in). The next one:",
                                      "Form %u saved (%u forms typed in). The next one:", self->n_saved),
                            (guint) number, self->n_saved);
  set_status (self, status, FALSE);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      /* The district and the age band of the next form are typed anew;
       * the number counts on. */
      if (g_str_equal (f->code, "form"))
        {
          g_autofree char *next = g_strdup_printf ("%u", self->next_number);

          gtk_editable_set_text (GTK_EDITABLE (f->entry), next);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (f->entry), "");
    }
  focus_first_answer (self);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bb_response_form_save (BB_RESPONSE_FORM (widget));
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_response_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_RESPONSE_FORM);

  G_OBJECT_CLASS (bb_response_form_parent_class)->dispose (object);
}

static void
bb_response_form_finalize (GObject *object)
{
  BbResponseForm *self = BB_RESPONSE_FORM (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->survey, bb_survey_free);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_response_form_parent_class)->finalize (object);
}

static void
bb_response_form_class_init (BbResponseFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_response_form_dispose;
  object_class->finalize = bb_response_form_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-response-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BbResponseForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbResponseForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, BbResponseForm, groups);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_response_form_init (BbResponseForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

BbResponseForm *
bb_response_form_new (GtkWindow  *parent,
                      BbStore    *store,
                      const char *survey_id)
{
  BbResponseForm *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  self = g_object_new (BB_TYPE_RESPONSE_FORM, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->survey = bb_store_survey_get (store, survey_id, &error);
  if (self->survey != NULL)
    questions = bb_store_question_list (store, self->survey->questionnaire_id, &error);
  self->districts = bb_store_district_list (store, NULL);
  if (self->districts == NULL)
    self->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_district_free);
  if (questions == NULL)
    {
      set_status (self, error != NULL ? error->message : _("The survey could not be read"), TRUE);
      return self;
    }
  self->next_number = bb_store_survey_next_paper_form (store, survey_id, NULL);
  adw_window_title_set_subtitle (self->window_title, self->survey->title);
  set_status (self, _("Type each answer’s number from the paper; Enter or Tab goes on, Ctrl+Enter saves the form and starts the next one."),
              FALSE);
  build (self, questions);
  focus_first_answer (self);
  return self;
}

gboolean
bb_response_form_set_text (BbResponseForm *self,
                           const char     *code,
                           const char     *text)
{
  Field *f;

  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), FALSE);

  f = find_field (self, code);
  if (f == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (f->entry), text);
  return TRUE;
}

const char *
bb_response_form_get_reading (BbResponseForm *self,
                              const char     *code)
{
  Field *f;

  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), NULL);

  f = find_field (self, code);
  return f != NULL ? g_object_get_data (G_OBJECT (f->row), "bb-reading") : NULL;
}

guint
bb_response_form_get_n_saved (BbResponseForm *self)
{
  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), 0);
  return self->n_saved;
}

const char *
bb_response_form_get_status (BbResponseForm *self)
{
  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), NULL);
  return gtk_label_get_label (self->status_label);
}

const char *
bb_response_form_get_focus_code (BbResponseForm *self)
{
  GtkWidget *focus;

  g_return_val_if_fail (BB_IS_RESPONSE_FORM (self), NULL);

  focus = gtk_window_get_focus (GTK_WINDOW (self));
  for (guint i = 0; focus != NULL && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      if (focus == f->entry || gtk_widget_is_ancestor (focus, f->entry))
        return f->code;
    }
  return NULL;
}
