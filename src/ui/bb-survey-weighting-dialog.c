/* bb-survey-weighting-dialog.c: how a survey round's shares are weighted: districts' populations, one answer, or none */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-weighting-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-form-values.h"
#include "bb-store-surveys.h"
#include "bb-survey-weighting-dialog.h"

/* The dialog's state, kept on the dialog. */
typedef struct {
  BbStore   *store;
  char      *survey_id;
  GPtrArray *questions;   /* BbQuestion that can weight: one answer of a few */
  GPtrArray *share_rows;  /* every share row of every question, in order */
} Weighting;

static void
weighting_free (Weighting *w)
{
  g_clear_object (&w->store);
  g_free (w->survey_id);
  g_clear_pointer (&w->questions, g_ptr_array_unref);
  g_clear_pointer (&w->share_rows, g_ptr_array_unref);
  g_free (w);
}

/* A question whose one answer puts a resident in one group. */
static gboolean
can_weight (const BbQuestion *q)
{
  BbScale scale = bb_scale_from_string (q->scale);

  return scale == BB_SCALE_SINGLE || scale == BB_SCALE_YES_NO;
}

static char *
share_key (const BbQuestion *q,
           const char       *value)
{
  return g_strconcat ("share\x1f", q->code, "\x1f", value, NULL);
}

/* Only the rows that apply show: the question with "By an answer", and
 * the chosen question's answers. */
static void
update_rows (BbFormDialog *dialog)
{
  Weighting *w = g_object_get_data (G_OBJECT (dialog), "bb-weighting");
  gboolean by_answer = bb_form_dialog_get_selected (dialog, "by") == 1;
  guint chosen = bb_form_dialog_get_selected (dialog, "question");
  const BbQuestion *q = chosen < w->questions->len ? g_ptr_array_index (w->questions, chosen) : NULL;
  GtkWidget *question_row = bb_form_dialog_get_field (dialog, "question");

  if (question_row != NULL)
    gtk_widget_set_visible (question_row, by_answer);
  for (guint i = 0; i < w->share_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (w->share_rows, i);

      gtk_widget_set_visible (row, by_answer && q != NULL
                                   && g_strcmp0 (g_object_get_data (G_OBJECT (row), "bb-code"), q->code) == 0);
    }
}

static void
save_cb (BbFormDialog *dialog,
         gpointer      user_data)
{
  Weighting *w = g_object_get_data (G_OBJECT (dialog), "bb-weighting");
  g_autoptr(BbSurveyWeighting) weighting = NULL;
  g_autoptr(GError) error = NULL;
  guint by = bb_form_dialog_get_selected (dialog, "by");

  weighting = bb_survey_weighting_new (by == 1 ? BB_SURVEY_WEIGHTING_ANSWER
                                       : by == 2 ? BB_SURVEY_WEIGHTING_NONE : BB_SURVEY_WEIGHTING_DISTRICTS);
  if (by == 1)
    {
      guint chosen = bb_form_dialog_get_selected (dialog, "question");
      const BbQuestion *q = chosen < w->questions->len ? g_ptr_array_index (w->questions, chosen) : NULL;
      g_autoptr(GPtrArray) choices = NULL;
      double total = 0;

      if (q == NULL)
        {
          bb_form_dialog_show_error (dialog, NULL, _("The questionnaire has no question of one answer to weight by."));
          return;
        }
      weighting->question_code = g_strdup (q->code);
      choices = bb_question_dup_choices (q);
      for (guint c = 0; c < choices->len; c++)
        {
          const BbChoice *choice = g_ptr_array_index (choices, c);
          g_autofree char *key = share_key (q, choice->value);
          double share;

          if (!bb_form_parse_number (bb_form_dialog_get_text (dialog, key), &share) || isnan (share)
              || share < 0 || share > 100)
            {
              bb_form_dialog_show_error (dialog, key, _("Type the group’s share of the population: a number from 0 to 100."));
              return;
            }
          bb_survey_weighting_add_cell (weighting, choice->value, share);
          total += share;
        }
      /* The shares are of the whole population: a typing slip shows. */
      if (fabs (total - 100) > 0.5)
        {
          g_autofree char *message = g_strdup_printf (_("The shares add up to %.1f %%; they must add up to 100 %%."), total);

          bb_form_dialog_show_error (dialog, NULL, message);
          return;
        }
    }
  if (!bb_store_survey_set_weighting (w->store, w->survey_id, weighting, &error))
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return;
    }
  bb_form_dialog_done (dialog);
}

BbFormDialog *
bb_survey_weighting_dialog_new (GtkWindow   *parent,
                                BbStore     *store,
                                const char  *survey_id,
                                GError     **error)
{
  g_autoptr(BbSurvey) survey = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(BbSurveyWeighting) current = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  Weighting *w;
  BbFormDialog *dialog;
  guint chosen = 0;
  const char *by_choices[] = {
    C_("weighting", "To the districts’ populations"),
    C_("weighting", "By an answer"),
    C_("weighting", "Not weighted"),
    NULL
  };

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  survey = bb_store_survey_get (store, survey_id, error);
  questions = survey != NULL ? bb_store_question_list (store, survey->questionnaire_id, error) : NULL;
  current = questions != NULL ? bb_store_survey_get_weighting (store, survey_id, error) : NULL;
  if (current == NULL)
    return NULL;

  w = g_new0 (Weighting, 1);
  w->store = g_object_ref (store);
  w->survey_id = g_strdup (survey_id);
  w->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_question_free);
  w->share_rows = g_ptr_array_new ();
  for (guint i = 0; i < questions->len; i++)
    {
      BbQuestion *q = g_ptr_array_index (questions, i);

      if (!can_weight (q) || q->code == NULL || *q->code == '\0')
        continue;
      if (g_strcmp0 (q->code, current->question_code) == 0)
        chosen = w->questions->len;
      g_ptr_array_add (w->questions, bb_question_copy (q));
      g_ptr_array_add (titles, g_strdup (q->text));
    }
  g_ptr_array_add (titles, NULL);

  dialog = bb_form_dialog_new (parent, _("Weighting of the Round"),
                               _("Weighting makes the residents who answered stand for the population: each counts for "
                                 "their group’s share of the population over its share of the answers. Type each "
                                 "group’s share of the population, from the census or the municipality."));
  g_object_set_data_full (G_OBJECT (dialog), "bb-weighting", w, (GDestroyNotify) weighting_free);
  bb_form_dialog_add_combo (dialog, "by", _("_Weight the shares"), by_choices,
                            current->kind == BB_SURVEY_WEIGHTING_ANSWER ? 1
                            : current->kind == BB_SURVEY_WEIGHTING_NONE ? 2 : 0);
  if (w->questions->len > 0)
    bb_form_dialog_add_combo (dialog, "question", _("By the _answer to"), (const char * const *) titles->pdata, chosen);
  for (guint i = 0; i < w->questions->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (w->questions, i);
      g_autoptr(GPtrArray) choices = bb_question_dup_choices (q);

      for (guint c = 0; c < choices->len; c++)
        {
          const BbChoice *choice = g_ptr_array_index (choices, c);
          g_autofree char *key = share_key (q, choice->value);
          /* Translators: a row of the weighting dialog: an answer (e.g. "18–34") and its share of the population */
          g_autofree char *title = g_strdup_printf (_("%s: share of the population, %%"), choice->label);
          double share = g_strcmp0 (q->code, current->question_code) == 0
                         ? bb_survey_weighting_share_of (current, choice->value) : NAN;
          g_autofree char *text = isnan (share) ? g_strdup ("") : g_strdup_printf ("%g", share);
          GtkWidget *row = bb_form_dialog_add_entry (dialog, key, title, text);

          g_object_set_data_full (G_OBJECT (row), "bb-code", g_strdup (q->code), g_free);
          g_ptr_array_add (w->share_rows, row);
        }
    }
  g_signal_connect (dialog, "save", G_CALLBACK (save_cb), NULL);
  g_signal_connect_swapped (bb_form_dialog_get_field (dialog, "by"), "notify::selected", G_CALLBACK (update_rows), dialog);
  if (w->questions->len > 0)
    g_signal_connect_swapped (bb_form_dialog_get_field (dialog, "question"), "notify::selected",
                              G_CALLBACK (update_rows), dialog);
  update_rows (dialog);
  return dialog;
}
