/* bb-store-survey-trend.c: a survey's questions over its rounds: the shares of every round, compared */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-survey-trend"

#include "config.h"

#include <math.h>

#include "bb-store-private.h"
#include "bb-store-surveys.h"

const BbQuestionResult *
bb_survey_results_find_question (const BbSurveyResults *self,
                                 const BbQuestion      *question)
{
  const BbQuestionResult *found;

  g_return_val_if_fail (self != NULL && question != NULL, NULL);

  found = bb_survey_results_find (self, question->id);
  if (found != NULL)
    return found;
  /* Another version of the questionnaire: the same question is the one
   * with the same code and the same scale, whose answers mean the same. */
  if (question->code == NULL || *question->code == '\0')
    return NULL;
  for (guint i = 0; i < self->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (self->questions, i);

      if (g_strcmp0 (r->question->code, question->code) == 0 && g_strcmp0 (r->question->scale, question->scale) == 0)
        return r;
    }
  return NULL;
}

void
bb_survey_trend_free (BbSurveyTrend *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rounds);
  g_ptr_array_unref (self->results);
  g_free (self->district_id);
  g_free (self);
}

BbSurveyTrend *
bb_store_survey_trend (BbStore     *store,
                       const char  *survey_id,
                       const char  *district_id,
                       guint        max_rounds,
                       GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(BbSurveyTrend) trend = g_new0 (BbSurveyTrend, 1);
  guint first;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  rounds = bb_store_survey_rounds (store, survey_id, error);
  if (rounds == NULL)
    return NULL;
  trend->district_id = g_strdup (district_id);
  trend->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_free);
  trend->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_results_free);
  first = max_rounds > 0 && rounds->len > max_rounds ? rounds->len - max_rounds : 0;
  for (guint i = first; i < rounds->len; i++)
    {
      BbSurvey *round = g_ptr_array_index (rounds, i);
      BbSurveyResults *results = bb_store_survey_results (store, round->id, district_id, error);

      if (results == NULL)
        return NULL;
      g_ptr_array_add (trend->rounds, bb_survey_copy (round));
      g_ptr_array_add (trend->results, results);
    }
  return g_steal_pointer (&trend);
}

const BbSurveyResults *
bb_survey_trend_latest (const BbSurveyTrend *self)
{
  g_return_val_if_fail (self != NULL && self->results->len > 0, NULL);

  return g_ptr_array_index (self->results, self->results->len - 1);
}

guint
bb_survey_trend_headlines (const BbSurveyTrend *self,
                           const BbQuestion    *question,
                           BbShare             *shares,
                           BbShareChange       *changes,
                           guint                min_respondents)
{
  guint asked = 0;

  g_return_val_if_fail (self != NULL && question != NULL && shares != NULL, 0);

  for (guint i = 0; i < self->results->len; i++)
    {
      const BbQuestionResult *r = bb_survey_results_find_question (g_ptr_array_index (self->results, i), question);

      if (r != NULL && r->has_headline)
        {
          shares[i] = r->headline;
          asked++;
        }
      else
        shares[i] = bb_share_make (0, 0);
      if (changes == NULL)
        continue;
      /* A round that did not ask the question is compared with nothing:
       * rounds are compared only on the questions both asked. */
      if (i == 0 || shares[i].n == 0 || shares[i - 1].n == 0)
        changes[i] = BB_SHARE_TOO_FEW;
      else
        changes[i] = bb_share_compare (&shares[i], &shares[i - 1], min_respondents);
    }
  return asked;
}

