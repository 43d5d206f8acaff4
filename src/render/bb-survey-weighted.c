/* bb-survey-weighted.c: weighted survey shares in public documents: the share, its effective n, the method in one line */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-report"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-survey-report.h"
#include "bb-template-private.h"

gboolean
bb_survey_share_for_print (BbStore        *store,
                           const char     *survey_id,
                           const char     *district_id,
                           const char     *question_id,
                           const BbShare  *plain,
                           BbShare        *share,
                           gboolean       *weighted,
                           GError        **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (share != NULL && weighted != NULL, FALSE);

  if (!bb_store_survey_headline_weighted (store, survey_id, district_id, question_id, share, weighted, error))
    return FALSE;
  /* The results' own share where the round is not weighted, so that the
   * document says what the window says. */
  if (!*weighted && plain != NULL)
    *share = *plain;
  return TRUE;
}

char *
bb_survey_format_weighted_share (const char    *language,
                                 const BbShare *share,
                                 guint          min_respondents,
                                 gboolean       with_margin)
{
  g_autofree char *text = bb_survey_format_share (language, share, min_respondents, with_margin);

  g_return_val_if_fail (share != NULL, NULL);

  /* Below the threshold by the respondents who answered, whatever the
   * weights: "too few responses", and nothing more. */
  if (!bb_share_is_reportable (share, min_respondents))
    return g_steal_pointer (&text);
  /* Translators: a weighted share in a public document and Kish's effective sample size: "44 % (29–60), weighted, effective n 36" */
  return g_strdup_printf (T (N_("%s, weighted, effective n %.0f")), text, share->n_effective);
}

char *
bb_survey_weighting_note (BbStore     *store,
                          const char  *survey_id,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(BbSurveyWeighting) weighting = NULL;
  g_autoptr(BbSurvey) survey = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  const char *text = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  weighting = bb_store_survey_get_weighting (store, survey_id, error);
  if (weighting == NULL)
    return NULL;
  if (weighting->kind == BB_SURVEY_WEIGHTING_DISTRICTS)
    return g_strdup (T (N_("Method: shares weighted to the districts’ populations (post-stratification); the "
                           "effective n is the size of a simple sample as precise (Kish).")));
  if (weighting->kind != BB_SURVEY_WEIGHTING_ANSWER)
    return NULL;
  survey = bb_store_survey_get (store, survey_id, error);
  questions = survey != NULL ? bb_store_question_list (store, survey->questionnaire_id, error) : NULL;
  if (questions == NULL)
    return NULL;
  for (guint i = 0; i < questions->len && text == NULL; i++)
    if (g_strcmp0 (((BbQuestion *) g_ptr_array_index (questions, i))->code, weighting->question_code) == 0)
      text = ((BbQuestion *) g_ptr_array_index (questions, i))->text;
  /* Translators: %s is the survey question (e.g. "Your age group") whose answers the shares are weighted by */
  return g_strdup_printf (T (N_("Method: shares weighted to the population’s make-up by “%s” (post-stratification); "
                                "the effective n is the size of a simple sample as precise (Kish).")),
                          text != NULL ? text : weighting->question_code);
}
