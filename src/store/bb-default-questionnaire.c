/* bb-default-questionnaire.c: the resident survey every station starts with: the LSES blocks and trust */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-default-questionnaire"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-default-questionnaire.h"
#include "bb-store-private.h"
#include "bb-survey-values.h"

#define BLOCK_PROBLEMS N_("Order and safety problems in the neighbourhood")
#define BLOCK_EXPOSURE N_("Exposure to crime")
#define BLOCK_FEAR     N_("Concrete fear of crime")
#define BLOCK_CONCERN  N_("Abstract concern about crime")
#define BLOCK_POLICE   N_("Satisfaction with the police")
#define BLOCK_TRUST    N_("Knowing and trusting the police")

static const BbDefaultQuestion questions[] = {
  { BLOCK_PROBLEMS, "block1/q1", N_("How much of a problem is poor street lighting in your neighbourhood?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q2", N_("How much of a problem are stray dogs in your neighbourhood?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q3", N_("How much of a problem are drunk people in the street?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q4", N_("How much of a problem are groups of youngsters hanging around?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q5", N_("How much of a problem is drug dealing or drug use?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q6", N_("How much of a problem is dangerous traffic?"), "likert5", "problem", -1, TRUE },
  { BLOCK_PROBLEMS, "block1/q7", N_("How much of a problem are abandoned buildings and dumped rubbish?"), "likert5", "problem", -1, TRUE },
  { BLOCK_EXPOSURE, "block2/q1", N_("In the last 12 months, was anything stolen from you or your household?"), "yes_no", NULL, -1, FALSE },
  { BLOCK_EXPOSURE, "block2/q2", N_("In the last 12 months, was your home broken into?"), "yes_no", NULL, -1, FALSE },
  { BLOCK_EXPOSURE, "block2/q3", N_("In the last 12 months, were you threatened or attacked?"), "yes_no", NULL, -1, FALSE },
  { BLOCK_EXPOSURE, "block2/q4", N_("If something happened, did you report it to the police?"), "yes_no", NULL, 1, FALSE },
  { BLOCK_FEAR, "block3/q1", N_("How safe do you feel walking alone in your neighbourhood after dark?"), "likert5", "safe", 1, FALSE },
  { BLOCK_FEAR, "block3/q2", N_("How safe do you feel at home alone at night?"), "likert5", "safe", 1, FALSE },
  { BLOCK_FEAR, "block3/q3", N_("Do you avoid certain places in your neighbourhood because of crime?"), "yes_no", NULL, -1, FALSE },
  { BLOCK_CONCERN, "block4/q1", N_("In the last year, has crime in the town increased, stayed the same or decreased?"), "single", "trend", 0, FALSE },
  { BLOCK_CONCERN, "block4/q2", N_("How worried are you about crime in the country today?"), "likert5", "worry", -1, FALSE },
  { BLOCK_POLICE, "block5/q1", N_("How satisfied are you with the work of the police in your neighbourhood?"), "likert5", "satisfied", 1, FALSE },
  { BLOCK_POLICE, "block5/q2", N_("How satisfied are you with how quickly the police respond?"), "likert5", "satisfied", 1, FALSE },
  { BLOCK_POLICE, "block5/q3", N_("Do the police involve residents in solving the neighbourhood’s problems?"), "yes_no", NULL, 1, FALSE },
  { BLOCK_TRUST, "block6/q1", N_("Do you know your district police officer by name?"), "yes_no", NULL, 1, FALSE },
  { BLOCK_TRUST, "block6/q2", N_("How much do you trust the police?"), "likert5", "trust", 1, FALSE },
};

/* The labels of each scale, from 1 to 5 (or the choices of a single choice). */
static const struct {
  const char *name;
  const char *values[5];
  const char *labels[5];
} choice_sets[] = {
  { "problem", { "1", "2", "3", "4", "5" },
    { N_("Not a problem"), N_("A small problem"), N_("Somewhat a problem"), N_("A big problem"),
      N_("A very big problem") } },
  { "safe", { "1", "2", "3", "4", "5" },
    { N_("Very unsafe"), N_("Unsafe"), N_("Neither safe nor unsafe"), N_("Safe"), N_("Very safe") } },
  { "satisfied", { "1", "2", "3", "4", "5" },
    { N_("Very dissatisfied"), N_("Dissatisfied"), N_("Neither"), N_("Satisfied"), N_("Very satisfied") } },
  { "worry", { "1", "2", "3", "4", "5" },
    { N_("Not at all worried"), N_("A little worried"), N_("Somewhat worried"), N_("Worried"),
      N_("Very worried") } },
  { "trust", { "1", "2", "3", "4", "5" },
    { N_("No trust at all"), N_("Little trust"), N_("Some trust"), N_("Much trust"), N_("Complete trust") } },
  { "trend", { "increased", "same", "decreased", NULL, NULL },
    { N_("Increased"), N_("Stayed the same"), N_("Decreased"), NULL, NULL } },
};

const BbDefaultQuestion *
bb_default_questionnaire_get (guint *n_questions)
{
  g_return_val_if_fail (n_questions != NULL, NULL);

  *n_questions = G_N_ELEMENTS (questions);
  return questions;
}

static char *
options_json (const char *set)
{
  g_autoptr(GPtrArray) choices = NULL;

  if (set == NULL)
    return NULL;
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_choice_free);
  for (guint i = 0; i < G_N_ELEMENTS (choice_sets); i++)
    {
      if (!g_str_equal (choice_sets[i].name, set))
        continue;
      for (guint k = 0; k < 5 && choice_sets[i].values[k] != NULL; k++)
        g_ptr_array_add (choices, bb_choice_new (choice_sets[i].values[k], _(choice_sets[i].labels[k])));
    }
  g_return_val_if_fail (choices->len > 0, NULL);
  return bb_choices_to_json (choices);
}

BbQuestion *
bb_default_question_to_record (const BbDefaultQuestion *spec,
                               const char              *questionnaire_id,
                               int                      sort_order)
{
  BbQuestion *q;

  g_return_val_if_fail (spec != NULL, NULL);

  q = bb_question_new ();
  q->questionnaire_id = g_strdup (questionnaire_id);
  g_free (q->block);
  q->block = g_strdup (_(spec->block));
  g_free (q->code);
  q->code = g_strdup (spec->code);
  g_free (q->text);
  q->text = g_strdup (_(spec->text));
  g_free (q->scale);
  q->scale = g_strdup (spec->scale);
  q->options = options_json (spec->choices);
  q->sort_order = sort_order;
  q->polarity = spec->polarity;
  q->concern = spec->concern;
  return q;
}

char *
bb_store_questionnaire_add_default (BbStore  *store,
                                    GError  **error)
{
  g_autoptr(BbQuestionnaire) questionnaire = bb_questionnaire_new ();

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  g_free (questionnaire->title);
  questionnaire->title = g_strdup (_("Local safety survey (LSES)"));
  if (!bb_store_begin (store, error))
    return NULL;
  if (!bb_store_write_in_transaction (store, &bb_questionnaire_record, questionnaire, FALSE, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_autoptr(BbQuestion) q = bb_default_question_to_record (&questions[i], questionnaire->id, (int) i);

      if (!bb_store_write_in_transaction (store, &bb_question_record, q, FALSE, error))
        goto fail;
    }
  if (!bb_store_commit (store, error))
    return NULL;
  return g_strdup (questionnaire->id);

fail:
  bb_store_rollback (store);
  return NULL;
}
