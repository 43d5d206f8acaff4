/* bb-store-surveys.h: survey results from the station's responses: shares by question, district and round */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"
#include "bb-survey-stats.h"
#include "bb-survey-values.h"

G_BEGIN_DECLS

typedef struct {
  char    *value;
  char    *label;
  BbShare  share;          /* respondents who chose it, of those who answered */
} BbChoiceResult;

typedef struct {
  BbQuestion *question;
  BbScale     scale;
  guint64     n_answered;     /* respondents who gave an answer that counts */
  GPtrArray  *choices;        /* BbChoiceResult, for questions with choices */
  /* The one share that says most: "yes", or 4 and 5 on a scale of 1 to
   * 5 (agreeing, satisfied, or a big problem, as the question asks). */
  gboolean    has_headline;
  BbShare     headline;
  char       *headline_label; /* "Yes", "Satisfied or Very satisfied" */
  /* Numbers and scales of 1 to 5: the mean and its 95 % interval; NAN
   * otherwise. */
  double      mean, mean_low, mean_high;
} BbQuestionResult;

typedef struct {
  BbSurvey  *survey;
  char      *district_id;     /* NULL: the whole survey */
  guint64    n_respondents;
  GPtrArray *questions;       /* BbQuestionResult, in the questionnaire's order */
} BbSurveyResults;

void                    bb_survey_results_free       (BbSurveyResults       *self);
const BbQuestionResult *bb_survey_results_find       (const BbSurveyResults *self,
                                                      const char            *question_id);
/* The residents' concerns (questions marked as such that have a
 * headline), the largest share first; the array borrows from @self. */
GPtrArray              *bb_survey_results_top_concerns (const BbSurveyResults *self);

/* The result of @question, or of the same question in another version
 * of its questionnaire (the same code and scale); NULL when the survey
 * did not ask it. */
const BbQuestionResult *bb_survey_results_find_question (const BbSurveyResults *self,
                                                         const BbQuestion      *question);

/* What the responses to @survey_id say, in every district or in one. */
BbSurveyResults *bb_store_survey_results        (BbStore     *store,
                                                 const char  *survey_id,
                                                 const char  *district_id,
                                                 GError     **error);

/* The rounds of a survey: the surveys of the same questionnaire over the
 * same area (or over none), oldest first, up to and including
 * @survey_id; a GPtrArray of BbSurvey. */
GPtrArray       *bb_store_survey_rounds         (BbStore     *store,
                                                 const char  *survey_id,
                                                 GError     **error);

/* A survey's rounds up to one of them, each with its results, oldest
 * first. */
typedef struct {
  char      *district_id;   /* NULL: the whole survey area */
  GPtrArray *rounds;        /* BbSurvey */
  GPtrArray *results;       /* BbSurveyResults, one per round */
} BbSurveyTrend;

void                   bb_survey_trend_free      (BbSurveyTrend       *self);
/* The rounds of @survey_id (see bb_store_survey_rounds), the last
 * @max_rounds of them (0: all), in every district or in one. */
BbSurveyTrend         *bb_store_survey_trend     (BbStore             *store,
                                                  const char          *survey_id,
                                                  const char          *district_id,
                                                  guint                max_rounds,
                                                  GError             **error);
const BbSurveyResults *bb_survey_trend_latest    (const BbSurveyTrend *self);
/* The headline share of @question in each round into @shares (as many as
 * rounds; n 0 where a round did not ask it) and, when @changes is not
 * NULL, the change of each round from the one before: flagged only where
 * the 95 % interval of the difference excludes 0 (bb_share_compare), and
 * BB_SHARE_TOO_FEW for the first round, below @min_respondents, and where
 * either round did not ask the question.  Returns the rounds that asked it. */
guint                  bb_survey_trend_headlines (const BbSurveyTrend *self,
                                                  const BbQuestion    *question,
                                                  BbShare             *shares,
                                                  BbShareChange       *changes,
                                                  guint                min_respondents);

/* How a round's shares are weighted (post-stratification). */
typedef enum {
  /* To the districts' populations, where every response has a district
   * whose population is known (and the shares are the whole round's). */
  BB_SURVEY_WEIGHTING_DISTRICTS,
  BB_SURVEY_WEIGHTING_NONE,
  /* To the population's shares of the answers to one single-choice
   * question (an age group, sex), as the user entered them. */
  BB_SURVEY_WEIGHTING_ANSWER,
} BbSurveyWeightingKind;

typedef struct {
  BbSurveyWeightingKind kind;
  char      *question_code;   /* ANSWER: the question's code, the same in every version */
  GPtrArray *values;          /* ANSWER: the answers (char *), one a cell */
  GArray    *shares;          /* ANSWER: their shares of the population (double, any scale) */
} BbSurveyWeighting;

BbSurveyWeighting *bb_survey_weighting_new      (BbSurveyWeightingKind     kind);
void               bb_survey_weighting_free     (BbSurveyWeighting        *self);
BbSurveyWeighting *bb_survey_weighting_copy     (const BbSurveyWeighting  *self);
void               bb_survey_weighting_add_cell (BbSurveyWeighting        *self,
                                                 const char               *value,
                                                 double                    share);
/* The population share of answer @value, or NAN. */
double             bb_survey_weighting_share_of (const BbSurveyWeighting  *self,
                                                 const char               *value);
/* As stored in survey.weighting: NULL for DISTRICTS. */
char              *bb_survey_weighting_to_json  (const BbSurveyWeighting  *self);
/* @json NULL or empty: DISTRICTS; NULL with @error when it is not a weighting. */
BbSurveyWeighting *bb_survey_weighting_from_json (const char              *json,
                                                  GError                 **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSurveyWeighting, bb_survey_weighting_free)

BbSurveyWeighting *bb_store_survey_get_weighting (BbStore                  *store,
                                                  const char               *survey_id,
                                                  GError                  **error);
/* Sets the round's weighting, in one transaction with its audit line;
 * an ANSWER weighting needs a question and two answers or more with
 * shares of zero or more, not all zero. */
gboolean           bb_store_survey_set_weighting (BbStore                  *store,
                                                  const char               *survey_id,
                                                  const BbSurveyWeighting  *weighting,
                                                  GError                  **error);

/* The headline share of @question_id in @survey_id (in @district_id, or
 * in the whole round when NULL) weighted as the round's weighting says
 * (post-stratification), its interval that of Kish's effective sample
 * size and its n the respondents who answered.  Unweighted, with
 * @weighted FALSE, where the round is not weighted, where a response has
 * no district or one whose population is not known (weighted to the
 * districts' populations), where a group of the population has nobody in
 * the sample, and for one district weighted by the districts'
 * populations.  Weighted by an answer, respondents who did not give one
 * (or gave one without a population share) keep a weight of 1: they
 * stand for their own share of the answers, and the groups share the
 * rest of the population in the proportions entered. */
gboolean         bb_store_survey_headline_weighted (BbStore     *store,
                                                    const char  *survey_id,
                                                    const char  *district_id,
                                                    const char  *question_id,
                                                    BbShare     *share,
                                                    gboolean    *weighted,
                                                    GError     **error);

typedef struct {
  char    *district_id;
  char    *district_name;
  guint64  n_respondents;   /* of the district, whatever they answered */
  guint64  n_answered;
  BbShare  headline;
} BbDistrictShare;

void             bb_district_share_free         (BbDistrictShare *self);
/* The headline share of one question in each of the station's districts
 * (and "no district" when responses have none), in the districts' order. */
GPtrArray       *bb_store_survey_results_by_district (BbStore     *store,
                                                      const char  *survey_id,
                                                      const char  *question_id,
                                                      GError     **error);

/* Versions of a questionnaire: editing one that residents have answered
 * makes a new version (a copy of it and its questions, linked to it), so
 * that old responses keep the questions they answered.  Rounds of any
 * version of a questionnaire are rounds of the same survey, compared on
 * the questions they share (bb_survey_results_find_question). */
gboolean         bb_store_questionnaire_has_responses  (BbStore     *store,
                                                        const char  *questionnaire_id,
                                                        GError     **error);
/* The new version's id, in one transaction; NULL with @error. */
char            *bb_store_questionnaire_new_version    (BbStore     *store,
                                                        const char  *questionnaire_id,
                                                        GError     **error);
/* Removes a version no round uses (one made and then not changed). */
gboolean         bb_store_questionnaire_drop_version   (BbStore     *store,
                                                        const char  *questionnaire_id,
                                                        GError     **error);
/* The version @questionnaire_id was made from, or NULL. */
char            *bb_store_questionnaire_previous       (BbStore     *store,
                                                        const char  *questionnaire_id);
char            *bb_store_questionnaire_first_version  (BbStore     *store,
                                                        const char  *questionnaire_id);
char            *bb_store_questionnaire_latest_version (BbStore     *store,
                                                        const char  *questionnaire_id);

/* Respondents of each survey; a GHashTable of survey id → count. */
GHashTable      *bb_store_survey_count_responses (BbStore    *store,
                                                  GError    **error);
/* The answers to one question of a survey, each value as given, counted
 * by the database; a GHashTable of value → count. */
GHashTable      *bb_store_survey_value_counts    (BbStore     *store,
                                                  const char  *survey_id,
                                                  const char  *question_id,
                                                  GError     **error);

/* Below this many respondents a share is "too few responses" in public
 * documents; the station's own setting (BB_SURVEY_DEFAULT_MIN_RESPONDENTS
 * until it is changed). */
guint            bb_store_get_survey_min_respondents (BbStore  *store);
gboolean         bb_store_set_survey_min_respondents (BbStore  *store,
                                                      guint     min_respondents,
                                                      GError  **error);

/* Paper questionnaires are numbered by the station as they are typed in;
 * the number keeps a form from being typed in twice. */
char            *bb_survey_paper_form_key          (const char *survey_id,
                                                    guint       number);
/* The number after the highest form typed in for the survey (1 for none). */
guint            bb_store_survey_next_paper_form   (BbStore     *store,
                                                    const char  *survey_id,
                                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSurveyResults, bb_survey_results_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbDistrictShare, bb_district_share_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSurveyTrend, bb_survey_trend_free)

G_END_DECLS
