/* test-store-surveys.c: the default questionnaire, answers as written, and results counted by hand */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-default-questionnaire.h"
#include "bb-store-private.h"
#include "bb-store-surveys.h"
#include "store-test-util.h"

typedef struct {
  char      *dir;
  BbStore   *store;
  char      *questionnaire_id;
  GPtrArray *questions;
  char      *a_id;     /* district A */
  char      *b_id;     /* district B */
} Fixture;

static char *
add_district (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) d = bb_district_new ();

  d->name = g_strdup (name);
  g_assert_true (bb_store_district_insert (f->store, d, &error));
  g_assert_no_error (error);
  return g_strdup (d->id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Test station", &error);
  g_assert_no_error (error);
  f->a_id = add_district (f, "Alpha");
  f->b_id = add_district (f, "Bravo");
  f->questionnaire_id = bb_store_questionnaire_add_default (f->store, &error);
  g_assert_no_error (error);
  f->questions = bb_store_question_list (f->store, f->questionnaire_id, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->questions, g_ptr_array_unref);
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->questionnaire_id);
  g_free (f->a_id);
  g_free (f->b_id);
}

static const BbQuestion *
question (Fixture    *f,
          const char *code)
{
  for (guint i = 0; i < f->questions->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (f->questions, i);

      if (g_str_equal (q->code, code))
        return q;
    }
  g_assert_not_reached ();
}

static char *
add_survey (Fixture    *f,
            const char *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurvey) s = bb_survey_new ();

  s->questionnaire_id = g_strdup (f->questionnaire_id);
  s->title = g_strdup_printf ("Round of %s", start);
  s->period_start = g_strdup (start);
  s->period_end = g_strdup (start);
  g_assert_true (bb_store_survey_insert (f->store, s, &error));
  g_assert_no_error (error);
  return g_strdup (s->id);
}

/* One response; @answers are code, value pairs ending with NULL. */
static void
respond (Fixture    *f,
         const char *survey_id,
         const char *district_id,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurveyResponse) r = bb_survey_response_new ();
  va_list args;
  const char *code;

  r->survey_id = g_strdup (survey_id);
  r->district_id = g_strdup (district_id);
  va_start (args, district_id);
  while ((code = va_arg (args, const char *)) != NULL)
    bb_survey_response_add_answer (r, question (f, code)->id, va_arg (args, const char *));
  va_end (args);
  g_assert_true (bb_store_survey_response_insert (f->store, r, &error));
  g_assert_no_error (error);
}

static void
test_default_questionnaire (Fixture       *f,
                            gconstpointer  data)
{
  guint n;
  const BbDefaultQuestion *spec = bb_default_questionnaire_get (&n);
  g_autoptr(GHashTable) blocks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (f->questions->len, ==, n);
  for (guint i = 0; i < f->questions->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (f->questions, i);
      g_autoptr(GPtrArray) choices = bb_question_dup_choices (q);

      g_assert_cmpstr (q->code, ==, spec[i].code);
      g_assert_cmpint (q->sort_order, ==, (int) i);
      g_hash_table_add (blocks, q->block);
      /* every question with choices has them, with labels */
      if (bb_scale_has_choices (bb_scale_from_string (q->scale)))
        g_assert_cmpuint (choices->len, >=, 2);
      if (g_str_equal (q->scale, "likert5"))
        {
          g_assert_cmpuint (choices->len, ==, 5);
          g_assert_cmpstr (((BbChoice *) choices->pdata[0])->value, ==, "1");
          g_assert_cmpstr (((BbChoice *) choices->pdata[4])->label, !=, "5");
        }
    }
  /* five LSES blocks, and knowing and trusting the police */
  g_assert_cmpuint (g_hash_table_size (blocks), ==, 6);
  g_assert_cmpstr (question (f, "block6/q1")->text, ==, "Do you know your district police officer by name?");
  g_assert_cmpstr (question (f, "block6/q2")->text, ==, "How much do you trust the police?");
  g_assert_true (question (f, "block1/q1")->concern);
  g_assert_cmpint (question (f, "block1/q1")->polarity, ==, -1);
  g_assert_cmpint (question (f, "block5/q1")->polarity, ==, 1);

  /* A second copy is a questionnaire of its own. */
  second = bb_store_questionnaire_add_default (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, !=, f->questionnaire_id);
  g_assert_cmpint (bb_store_count (f->store, "question", NULL), ==, 2 * n);
}

static char *
read_value (const BbQuestion *q,
            const char       *text,
            GError          **error)
{
  g_autoptr(GPtrArray) choices = bb_question_dup_choices (q);

  return bb_survey_value_read (q, choices, text, error);
}

static void
assert_reads (const BbQuestion *q,
              const char       *text,
              const char       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = read_value (q, text, &error);

  if (expected == NULL)
    {
      g_assert_null (value);
      g_assert_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_NO_ANSWER);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, expected);
    }
}

static void
assert_refuses (const BbQuestion *q,
                const char       *text,
                const char       *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = read_value (q, text, &error);

  g_assert_null (value);
  g_assert_error (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  const BbQuestion *yes_no = question (f, "block6/q1");
  const BbQuestion *likert = question (f, "block5/q1");
  const BbQuestion *single = question (f, "block4/q1");
  g_autoptr(BbQuestion) multiple = bb_question_new ();
  g_autoptr(BbQuestion) number = bb_question_new ();
  g_autoptr(BbQuestion) text = bb_question_new ();

  g_free (multiple->scale);
  multiple->scale = g_strdup ("multiple");
  multiple->options = g_strdup ("[{\"value\":\"park\",\"label\":\"The park\"},{\"value\":\"station\",\"label\":\"The station\"},"
                                "{\"value\":\"river\",\"label\":\"The river bank\"}]");
  g_free (number->scale);
  number->scale = g_strdup ("number");
  g_free (text->scale);
  text->scale = g_strdup ("text");

  assert_reads (yes_no, "Yes", "yes");
  assert_reads (yes_no, " да ", "yes");
  assert_reads (yes_no, "po", "yes");
  assert_reads (yes_no, "1", "yes");
  assert_reads (yes_no, "2", "no");
  assert_reads (yes_no, "NO", "no");
  assert_reads (yes_no, "yox", "no");
  assert_reads (yes_no, "", NULL);
  assert_reads (yes_no, "NA", NULL);
  assert_reads (yes_no, "dont_know", NULL);
  assert_refuses (yes_no, "maybe", "neither yes nor no");

  assert_reads (likert, "4", "4");
  assert_reads (likert, "4.0", "4");
  assert_reads (likert, "very satisfied", "5");
  assert_reads (likert, "99", NULL);
  assert_refuses (likert, "6", "not an answer from 1 to 5");
  assert_refuses (likert, "3,5", "not an answer from 1 to 5");

  assert_reads (single, "decreased", "decreased");
  assert_reads (single, "Stayed the same", "same");
  assert_reads (single, "1", "increased");
  assert_reads (single, "Don’t know", NULL);
  assert_refuses (single, "4", "is not one of the answers: “Increased”, “Stayed the same”, “Decreased”");

  assert_reads (multiple, "park river", "park river");
  assert_reads (multiple, "river park park", "park river");
  assert_reads (multiple, "The river bank; The park", "park river");
  assert_reads (multiple, "The station", "station");
  assert_reads (multiple, "2,3", "station river");
  assert_refuses (multiple, "park lake", "“lake” is not one of the answers");

  assert_reads (number, "4,5", "4.5");
  assert_reads (number, "-2", "-2");
  assert_reads (number, "1,234.5", "1234.5");
  assert_refuses (number, "four", "not a number");
  assert_reads (text, "  Lights out on \"Mill Lane\"  ", "Lights out on \"Mill Lane\"");
}

static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  /* Alpha: 20 respondents.  Knows the officer: 12 yes, 8 no.  Feels safe
   * after dark (block3/q1): 2 × 1, 3 × 2, 5 × 3, 6 × 4, 4 × 5.
   * Bravo: 5 respondents, 3 of them know the officer; one more response
   * with no district, answering nothing about the officer. */
  static const char *safe[20] = {
    "1", "1", "2", "2", "2", "3", "3", "3", "3", "3", "4", "4", "4", "4", "4", "4", "5", "5", "5", "5"
  };
  g_autofree char *survey = add_survey (f, "2024-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurveyResults) all = NULL;
  g_autoptr(BbSurveyResults) alpha = NULL;
  g_autoptr(GPtrArray) by_district = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GHashTable) counts = NULL;
  const BbQuestionResult *knows, *feels, *trend, *lighting;

  for (guint i = 0; i < 20; i++)
    respond (f, survey, f->a_id, "block6/q1", i < 12 ? "yes" : "no", "block3/q1", safe[i],
             "block1/q1", i < 15 ? "4" : "2", "block1/q2", i < 5 ? "5" : "1", NULL);
  for (guint i = 0; i < 5; i++)
    respond (f, survey, f->b_id, "block6/q1", i < 3 ? "yes" : "no", "block4/q1", i < 2 ? "decreased" : "same", NULL);
  respond (f, survey, NULL, "block3/q1", "5", NULL);

  alpha = bb_store_survey_results (f->store, survey, f->a_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alpha->n_respondents, ==, 20);
  knows = bb_survey_results_find (alpha, question (f, "block6/q1")->id);
  g_assert_cmpuint (knows->n_answered, ==, 20);
  g_assert_true (knows->has_headline);
  g_assert_cmpstr (knows->headline_label, ==, "Yes");
  g_assert_cmpuint (knows->headline.count, ==, 12);
  g_assert_cmpfloat_with_epsilon (knows->headline.share, 0.6, 1e-12);
  /* Wilson, 12 of 20: 0.3865815 … 0.7811935 */
  g_assert_cmpfloat_with_epsilon (knows->headline.low, 0.3865815, 1e-6);
  g_assert_cmpfloat_with_epsilon (knows->headline.high, 0.7811935, 1e-6);
  g_assert_cmpuint (knows->choices->len, ==, 2);
  g_assert_cmpuint (((BbChoiceResult *) knows->choices->pdata[1])->share.count, ==, 8);

  feels = bb_survey_results_find (alpha, question (f, "block3/q1")->id);
  g_assert_cmpuint (feels->n_answered, ==, 20);
  /* 4 or 5: 10 of 20; Wilson 0.2992980 … 0.7007020 */
  g_assert_cmpuint (feels->headline.count, ==, 10);
  g_assert_cmpfloat_with_epsilon (feels->headline.low, 0.2992980, 1e-6);
  g_assert_cmpstr (feels->headline_label, ==, "Safe or Very safe");
  /* mean (2 + 6 + 15 + 24 + 20) / 20 = 3.35, t(19): 2.7565447 … 3.9434553 */
  g_assert_cmpfloat_with_epsilon (feels->mean, 3.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (feels->mean_low, 2.7565447, 1e-6);
  g_assert_cmpfloat_with_epsilon (feels->mean_high, 3.9434553, 1e-6);
  g_assert_cmpuint (((BbChoiceResult *) feels->choices->pdata[3])->share.count, ==, 6);

  /* The whole survey: 26 respondents; the one without a district counts. */
  all = bb_store_survey_results (f->store, survey, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->n_respondents, ==, 26);
  knows = bb_survey_results_find (all, question (f, "block6/q1")->id);
  g_assert_cmpuint (knows->n_answered, ==, 25);
  g_assert_cmpuint (knows->headline.count, ==, 15);
  trend = bb_survey_results_find (all, question (f, "block4/q1")->id);
  g_assert_false (trend->has_headline);
  g_assert_cmpuint (trend->n_answered, ==, 5);
  g_assert_cmpuint (((BbChoiceResult *) trend->choices->pdata[2])->share.count, ==, 2);
  g_assert_true (isnan (trend->mean));

  /* concerns ranked: lighting 15 of 20 a big problem, dogs 5 of 20 */
  concerns = bb_survey_results_top_concerns (all);
  g_assert_cmpuint (concerns->len, ==, 7);
  lighting = g_ptr_array_index (concerns, 0);
  g_assert_cmpstr (lighting->question->code, ==, "block1/q1");
  g_assert_cmpfloat_with_epsilon (lighting->headline.share, 0.75, 1e-12);
  g_assert_cmpstr (((BbQuestionResult *) concerns->pdata[1])->question->code, ==, "block1/q2");
  /* the unanswered ones come last, in the questionnaire's order */
  g_assert_cmpuint (((BbQuestionResult *) concerns->pdata[2])->n_answered, ==, 0);
  g_assert_cmpstr (((BbQuestionResult *) concerns->pdata[2])->question->code, ==, "block1/q3");

  /* By district: Bravo's 5 are too few to show as a share. */
  by_district = bb_store_survey_results_by_district (f->store, survey, question (f, "block6/q1")->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_district->len, ==, 3);
  {
    BbDistrictShare *a = g_ptr_array_index (by_district, 0);
    BbDistrictShare *b = g_ptr_array_index (by_district, 1);
    BbDistrictShare *none = g_ptr_array_index (by_district, 2);

    g_assert_cmpstr (a->district_name, ==, "Alpha");
    g_assert_cmpuint (a->headline.count, ==, 12);
    g_assert_true (bb_share_is_reportable (&a->headline, bb_store_get_survey_min_respondents (f->store)));
    g_assert_cmpstr (b->district_name, ==, "Bravo");
    g_assert_cmpuint (b->n_respondents, ==, 5);
    g_assert_cmpuint (b->headline.count, ==, 3);
    g_assert_false (bb_share_is_reportable (&b->headline, bb_store_get_survey_min_respondents (f->store)));
    g_assert_null (none->district_id);
    g_assert_cmpuint (none->n_respondents, ==, 1);
    g_assert_cmpuint (none->n_answered, ==, 0);
  }

  counts = bb_store_survey_count_responses (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, survey)), ==, 26);

  /* Each value as given, counted by the database, this survey's only. */
  {
    g_autofree char *other = add_survey (f, "2025-03-01");
    g_autoptr(GHashTable) knows_values = NULL;
    g_autoptr(GHashTable) safe_values = NULL;

    respond (f, other, f->a_id, "block6/q1", "yes", "block3/q1", "5", NULL);
    knows_values = bb_store_survey_value_counts (f->store, survey, question (f, "block6/q1")->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (knows_values), ==, 2);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (knows_values, "yes")), ==, 15);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (knows_values, "no")), ==, 10);
    safe_values = bb_store_survey_value_counts (f->store, survey, question (f, "block3/q1")->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (safe_values, "5")), ==, 4 + 1);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (safe_values, "4")), ==, 6);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (safe_values, "1")), ==, 2);
  }
}

static void
test_rounds (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *first = add_survey (f, "2023-03-01");
  g_autofree char *second = add_survey (f, "2024-03-01");
  g_autofree char *third = add_survey (f, "2025-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(BbSurveyResults) before = NULL;
  g_autoptr(BbSurveyResults) now = NULL;
  const BbQuestionResult *a, *b;

  /* 48 of 80 knew their officer, then 56 of 70 (Newcombe's example:
   * 0.0524 … 0.3339, more than noise). */
  for (guint i = 0; i < 80; i++)
    respond (f, first, f->a_id, "block6/q1", i < 48 ? "yes" : "no", NULL);
  for (guint i = 0; i < 70; i++)
    respond (f, second, f->a_id, "block6/q1", i < 56 ? "yes" : "no", NULL);

  rounds = bb_store_survey_rounds (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds->len, ==, 2);
  g_assert_cmpstr (((BbSurvey *) rounds->pdata[0])->id, ==, first);
  g_assert_cmpstr (((BbSurvey *) rounds->pdata[1])->id, ==, second);
  g_clear_pointer (&rounds, g_ptr_array_unref);
  rounds = bb_store_survey_rounds (f->store, third, &error);
  g_assert_cmpuint (rounds->len, ==, 3);

  before = bb_store_survey_results (f->store, first, NULL, &error);
  now = bb_store_survey_results (f->store, second, NULL, &error);
  g_assert_no_error (error);
  a = bb_survey_results_find (before, question (f, "block6/q1")->id);
  b = bb_survey_results_find (now, question (f, "block6/q1")->id);
  g_assert_cmpint (bb_share_compare (&b->headline, &a->headline, 10), ==, BB_SHARE_ROSE);
}

/* A question over three rounds, in the whole area and in one district:
 * shares and Wilson bounds as computed by hand, a change flagged only
 * where Newcombe's interval of the difference excludes 0, "too few"
 * below the threshold. */
static void
test_trend (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = add_survey (f, "2023-03-01");
  g_autofree char *second = add_survey (f, "2024-03-01");
  g_autofree char *third = add_survey (f, "2025-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurveyTrend) trend = NULL;
  g_autoptr(BbSurveyTrend) in_b = NULL;
  g_autoptr(BbSurveyTrend) last_two = NULL;
  const BbQuestion *knows = question (f, "block6/q1");
  BbShare shares[3];
  BbShareChange changes[3];

  /* 6 of 20, 8 of 20, then 30 of 40 (3 of them, all "yes", in Bravo) */
  for (guint i = 0; i < 20; i++)
    respond (f, first, f->a_id, "block6/q1", i < 6 ? "yes" : "no", NULL);
  for (guint i = 0; i < 20; i++)
    respond (f, second, f->a_id, "block6/q1", i < 8 ? "yes" : "no", NULL);
  for (guint i = 0; i < 40; i++)
    respond (f, third, i < 3 ? f->b_id : f->a_id, "block6/q1", i < 30 ? "yes" : "no", NULL);

  trend = bb_store_survey_trend (f->store, third, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->rounds->len, ==, 3);
  g_assert_cmpstr (((BbSurvey *) trend->rounds->pdata[0])->id, ==, first);
  g_assert_cmpstr (bb_survey_trend_latest (trend)->survey->id, ==, third);
  g_assert_cmpuint (bb_survey_trend_headlines (trend, knows, shares, changes, 10), ==, 3);
  g_assert_cmpuint (shares[0].count, ==, 6);
  g_assert_cmpuint (shares[0].n, ==, 20);
  g_assert_cmpfloat_with_epsilon (shares[0].low, 0.145477, 1e-5);
  g_assert_cmpfloat_with_epsilon (shares[0].high, 0.518973, 1e-5);
  g_assert_cmpfloat_with_epsilon (shares[1].low, 0.218807, 1e-5);
  g_assert_cmpfloat_with_epsilon (shares[1].high, 0.613418, 1e-5);
  g_assert_cmpfloat_with_epsilon (shares[2].share, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (shares[2].low, 0.598060, 1e-5);
  g_assert_cmpfloat_with_epsilon (shares[2].high, 0.858129, 1e-5);
  /* 30 % → 40 %: the difference's interval (−0.18 … 0.37) holds 0;
   * 40 % → 75 %: 0.35 − √(0.152² + 0.213²) = 0.088 > 0, a rise. */
  g_assert_cmpint (changes[0], ==, BB_SHARE_TOO_FEW);
  g_assert_cmpint (changes[1], ==, BB_SHARE_SAME);
  g_assert_cmpint (changes[2], ==, BB_SHARE_ROSE);
  /* with a threshold of 25 respondents the first two rounds say nothing */
  bb_survey_trend_headlines (trend, knows, shares, changes, 25);
  g_assert_cmpint (changes[1], ==, BB_SHARE_TOO_FEW);
  g_assert_cmpint (changes[2], ==, BB_SHARE_TOO_FEW);

  /* Bravo: no one before, 3 of 3 now: never a change */
  in_b = bb_store_survey_trend (f->store, third, f->b_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bb_survey_trend_headlines (in_b, knows, shares, changes, 10), ==, 3);
  g_assert_cmpuint (shares[0].n, ==, 0);
  g_assert_cmpuint (shares[2].n, ==, 3);
  g_assert_cmpint (changes[2], ==, BB_SHARE_TOO_FEW);

  /* the latest rounds only */
  last_two = bb_store_survey_trend (f->store, third, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last_two->rounds->len, ==, 2);
  g_assert_cmpstr (((BbSurvey *) last_two->rounds->pdata[0])->id, ==, second);
}

/* Editing a questionnaire residents answered makes a new version: the
 * old round keeps its questions and answers, the rounds of both versions
 * are rounds of one survey, compared only on the questions both asked. */
static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = add_survey (f, "2023-03-01");
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *root = NULL;
  g_autofree char *spare = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(BbQuestionnaire) v2 = NULL;
  g_autoptr(BbSurvey) second = bb_survey_new ();
  g_autoptr(BbSurveyTrend) trend = NULL;
  g_autoptr(BbSurveyResults) old_round = NULL;
  const BbQuestion *knows = question (f, "block6/q1");
  const BbQuestion *involve = question (f, "block5/q3");
  const BbQuestion *involve_v2 = NULL;
  BbShare shares[2];
  BbShareChange changes[2];

  for (guint i = 0; i < 40; i++)
    respond (f, first, f->a_id, "block6/q1", i < 20 ? "yes" : "no", "block5/q3", i < 8 ? "yes" : "no", NULL);
  g_assert_true (bb_store_questionnaire_has_responses (f->store, f->questionnaire_id, &error));
  g_assert_no_error (error);

  version = bb_store_questionnaire_new_version (f->store, f->questionnaire_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);
  g_assert_false (bb_store_questionnaire_has_responses (f->store, version, &error));
  previous = bb_store_questionnaire_previous (f->store, version);
  root = bb_store_questionnaire_first_version (f->store, version);
  latest = bb_store_questionnaire_latest_version (f->store, f->questionnaire_id);
  g_assert_cmpstr (previous, ==, f->questionnaire_id);
  g_assert_cmpstr (root, ==, f->questionnaire_id);
  g_assert_cmpstr (latest, ==, version);
  v2 = bb_store_questionnaire_get (f->store, version, &error);
  g_assert_cmpstr (v2->title, ==, "Local safety survey (LSES) (version 2)");
  copied = bb_store_question_list (f->store, version, &error);
  g_assert_cmpuint (copied->len, ==, f->questions->len);

  /* The new version drops "knows the officer"; the old questions stay. */
  for (guint i = 0; i < copied->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (copied, i);

      g_assert_cmpstr (q->id, !=, question (f, q->code)->id);
      if (g_str_equal (q->code, "block6/q1"))
        g_assert_true (bb_store_question_delete (f->store, q->id, &error));
      if (g_str_equal (q->code, "block5/q3"))
        involve_v2 = q;
    }
  g_assert_no_error (error);
  g_assert_nonnull (involve_v2);
  {
    g_autoptr(BbQuestion) kept = bb_store_question_get (f->store, knows->id, &error);

    g_assert_nonnull (kept);
  }

  second->questionnaire_id = g_strdup (version);
  second->title = g_strdup ("Round two");
  second->period_start = g_strdup ("2024-03-01");
  second->period_end = g_strdup ("2024-03-31");
  g_assert_true (bb_store_survey_insert (f->store, second, &error));
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(BbSurveyResponse) r = bb_survey_response_new ();

      r->survey_id = g_strdup (second->id);
      bb_survey_response_add_answer (r, involve_v2->id, i < 24 ? "yes" : "no");
      g_assert_true (bb_store_survey_response_insert (f->store, r, &error));
    }
  g_assert_no_error (error);

  /* one survey over both versions */
  trend = bb_store_survey_trend (f->store, second->id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->rounds->len, ==, 2);
  /* asked in both: 8 of 40, then 24 of 40: a rise */
  g_assert_cmpuint (bb_survey_trend_headlines (trend, involve_v2, shares, changes, 10), ==, 2);
  g_assert_cmpuint (shares[0].count, ==, 8);
  g_assert_cmpuint (shares[1].count, ==, 24);
  g_assert_cmpint (changes[1], ==, BB_SHARE_ROSE);
  g_assert_cmpuint (bb_survey_trend_headlines (trend, involve, shares, changes, 10), ==, 2);
  /* asked in the first only: never compared */
  g_assert_cmpuint (bb_survey_trend_headlines (trend, knows, shares, changes, 10), ==, 1);
  g_assert_cmpuint (shares[0].count, ==, 20);
  g_assert_cmpuint (shares[1].n, ==, 0);
  g_assert_cmpint (changes[1], ==, BB_SHARE_TOO_FEW);
  g_assert_null (bb_survey_results_find_question (bb_survey_trend_latest (trend), knows));
  /* the old round's results keep their question */
  old_round = bb_store_survey_results (f->store, first, NULL, &error);
  g_assert_cmpuint (bb_survey_results_find (old_round, knows->id)->headline.count, ==, 20);

  /* a version made and left unchanged goes again */
  spare = bb_store_questionnaire_new_version (f->store, version, &error);
  g_assert_no_error (error);
  g_clear_pointer (&latest, g_free);
  latest = bb_store_questionnaire_latest_version (f->store, f->questionnaire_id);
  g_assert_cmpstr (latest, ==, spare);
  g_assert_true (bb_store_questionnaire_drop_version (f->store, spare, &error));
  g_assert_no_error (error);
  g_clear_pointer (&latest, g_free);
  latest = bb_store_questionnaire_latest_version (f->store, f->questionnaire_id);
  g_assert_cmpstr (latest, ==, version);
  g_assert_null (bb_store_questionnaire_get (f->store, spare, NULL));
}

/* The districts' populations weight the shares: Alpha (3000 residents)
 * answered 10 times, 6 "yes"; Bravo (1000) 30 times, 6 "yes". */
static void
test_weighted (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *survey = add_survey (f, "2024-03-01");
  const BbQuestion *knows = question (f, "block6/q1");
  g_autoptr(GError) error = NULL;
  gboolean weighted = TRUE;
  BbShare share;

  for (guint i = 0; i < 40; i++)
    respond (f, survey, i < 10 ? f->a_id : f->b_id, "block6/q1", i < 6 || (i >= 10 && i < 16) ? "yes" : "no", NULL);

  /* no populations yet: the plain share, 12 of 40 */
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_no_error (error);
  g_assert_false (weighted);
  g_assert_cmpfloat_with_epsilon (share.share, 0.3, 1e-12);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(BbDistrict) d = bb_store_district_get (f->store, k == 0 ? f->a_id : f->b_id, &error);

      d->population = k == 0 ? 3000 : 1000;
      g_assert_true (bb_store_district_update (f->store, d, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_true (weighted);
  g_assert_cmpuint (share.n, ==, 40);
  g_assert_cmpfloat_with_epsilon (share.share, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.n_effective, 17.142857142857, 1e-9);
  g_assert_cmpfloat_with_epsilon (share.low, 0.286070, 1e-6);
  g_assert_cmpfloat_with_epsilon (share.high, 0.713930, 1e-6);

  /* a response without a district: not weighted */
  respond (f, survey, NULL, "block6/q1", "yes", NULL);
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_false (weighted);
  g_assert_cmpuint (share.n, ==, 41);
}

/* Weighted by one answer, to the population's shares the user entered:
 * young residents are 60 % of the population and 30 of 40 respondents
 * (6 "yes"), old ones 40 % and 10 respondents (8 "yes").  By hand: the
 * weights are 0.6 / 0.75 = 0.8 and 0.4 / 0.25 = 1.6; the share is
 * (0.8·6 + 1.6·8) / (0.8·30 + 1.6·10) = 17.6 / 40 = 0.44 (unweighted
 * 14 / 40 = 0.35); Kish's effective n is 40² / (30·0.64 + 10·2.56) =
 * 1600 / 44.8 = 35.714…, and Wilson's 95 % interval at that n is
 * 0.291027–0.600627. */
static void
test_weighted_by_answer (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *survey = add_survey (f, "2024-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbQuestion) age = bb_question_new ();
  g_autoptr(BbSurveyWeighting) weighting = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_ANSWER);
  g_autoptr(BbSurveyWeighting) read = NULL;
  g_autoptr(BbSurveyWeighting) one_cell = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_ANSWER);
  g_autoptr(BbSurveyWeighting) none = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_NONE);
  const BbQuestion *knows = question (f, "block6/q1");
  gboolean weighted = FALSE;
  BbShare share;

  age->questionnaire_id = g_strdup (f->questionnaire_id);
  age->code = g_strdup ("demo/age");
  age->text = g_strdup ("Your age");
  g_free (age->scale);
  age->scale = g_strdup ("single");
  age->options = g_strdup ("[{\"value\":\"young\",\"label\":\"Under 40\"},{\"value\":\"old\",\"label\":\"40 or older\"}]");
  age->sort_order = 99;
  g_assert_true (bb_store_question_insert (f->store, age, &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->questions, bb_question_copy (age));
  for (guint i = 0; i < 40; i++)
    respond (f, survey, i % 2 == 0 ? f->a_id : f->b_id, "block6/q1",
             i < 6 || (i >= 30 && i < 38) ? "yes" : "no", "demo/age", i < 30 ? "young" : "old", NULL);

  /* Not weighted by answer yet: the districts have no populations. */
  read = bb_store_survey_get_weighting (f->store, survey, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, BB_SURVEY_WEIGHTING_DISTRICTS);
  g_clear_pointer (&read, bb_survey_weighting_free);

  weighting->question_code = g_strdup ("demo/age");
  bb_survey_weighting_add_cell (weighting, "young", 60);
  bb_survey_weighting_add_cell (weighting, "old", 40);
  g_assert_true (bb_store_survey_set_weighting (f->store, survey, weighting, &error));
  g_assert_no_error (error);
  read = bb_store_survey_get_weighting (f->store, survey, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, BB_SURVEY_WEIGHTING_ANSWER);
  g_assert_cmpstr (read->question_code, ==, "demo/age");
  g_assert_cmpfloat (bb_survey_weighting_share_of (read, "old"), ==, 40);

  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_no_error (error);
  g_assert_true (weighted);
  g_assert_cmpuint (share.n, ==, 40);
  g_assert_cmpuint (share.count, ==, 14);
  g_assert_cmpfloat_with_epsilon (share.share, 0.44, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.n_effective, 35.714285714286, 1e-9);
  g_assert_cmpfloat_with_epsilon (share.low, 0.291027, 1e-6);
  g_assert_cmpfloat_with_epsilon (share.high, 0.600627, 1e-6);

  /* In one district (every other respondent): 15 young (3 "yes"), 5 old
   * (4 "yes"): 0.6·0.2 + 0.4·0.8 = 0.44 again, n 20. */
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, f->a_id, knows->id, &share, &weighted, &error));
  g_assert_true (weighted);
  g_assert_cmpuint (share.n, ==, 20);
  g_assert_cmpfloat_with_epsilon (share.share, 0.44, 1e-12);

  /* A group of the population nobody in the sample stands for: not weighted. */
  bb_survey_weighting_add_cell (weighting, "unknown", 10);
  g_assert_true (bb_store_survey_set_weighting (f->store, survey, weighting, &error));
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_false (weighted);
  g_assert_cmpfloat_with_epsilon (share.share, 0.35, 1e-12);

  /* One group is no weighting; the round keeps the one it had. */
  one_cell->question_code = g_strdup ("demo/age");
  bb_survey_weighting_add_cell (one_cell, "young", 1);
  g_assert_false (bb_store_survey_set_weighting (f->store, survey, one_cell, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A respondent who did not give an age keeps a weight of 1 and stands
   * for 1/41 of the population; the age groups share the rest 60:40, so
   * their weights stay 0.8 and 1.6.  By hand: (0.8·6 + 1.6·8 + 1) /
   * (0.8·30 + 1.6·10 + 1) = 18.6 / 41 = 0.453659; effective n
   * 41² / (19.2 + 25.6 + 1) = 1681 / 45.8 = 36.703057. */
  g_ptr_array_remove_index (weighting->values, 2);
  g_array_remove_index (weighting->shares, 2);
  g_assert_true (bb_store_survey_set_weighting (f->store, survey, weighting, &error));
  respond (f, survey, f->a_id, "block6/q1", "yes", NULL);
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_true (weighted);
  g_assert_cmpuint (share.n, ==, 41);
  g_assert_cmpfloat_with_epsilon (share.share, 18.6 / 41, 1e-12);
  g_assert_cmpfloat_with_epsilon (share.n_effective, 1681 / 45.8, 1e-9);

  /* Not weighted at all, on request. */
  g_assert_true (bb_store_survey_set_weighting (f->store, survey, none, &error));
  g_assert_true (bb_store_survey_headline_weighted (f->store, survey, NULL, knows->id, &share, &weighted, &error));
  g_assert_no_error (error);
  g_assert_false (weighted);
  g_assert_cmpuint (share.count, ==, 15);
}

static void
test_settings_and_forms (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *survey = add_survey (f, "2024-03-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurveyResponse) r = bb_survey_response_new ();
  g_autoptr(BbSurveyResponse) twice = bb_survey_response_new ();

  g_assert_cmpuint (bb_store_get_survey_min_respondents (f->store), ==, BB_SURVEY_DEFAULT_MIN_RESPONDENTS);
  g_assert_true (bb_store_set_survey_min_respondents (f->store, 15, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_store_get_survey_min_respondents (f->store), ==, 15);
  g_assert_false (bb_store_set_survey_min_respondents (f->store, 0, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (bb_store_get_survey_min_respondents (f->store), ==, 15);

  g_assert_cmpuint (bb_store_survey_next_paper_form (f->store, survey, &error), ==, 1);
  r->survey_id = g_strdup (survey);
  r->external_uuid = bb_survey_paper_form_key (survey, 7);
  bb_survey_response_add_answer (r, question (f, "block6/q1")->id, "yes");
  g_assert_true (bb_store_survey_response_insert (f->store, r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_store_survey_next_paper_form (f->store, survey, &error), ==, 8);

  /* the same form typed in twice is refused */
  twice->survey_id = g_strdup (survey);
  twice->external_uuid = bb_survey_paper_form_key (survey, 7);
  g_assert_false (bb_store_survey_response_insert (f->store, twice, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/surveys/default-questionnaire", test_default_questionnaire);
  ADD ("/store/surveys/values", test_values);
  ADD ("/store/surveys/results", test_results);
  ADD ("/store/surveys/rounds", test_rounds);
  ADD ("/store/surveys/trend", test_trend);
  ADD ("/store/surveys/versions", test_versions);
  ADD ("/store/surveys/weighted", test_weighted);
  ADD ("/store/surveys/weighted-by-answer", test_weighted_by_answer);
  ADD ("/store/surveys/settings-and-forms", test_settings_and_forms);
#undef ADD

  return g_test_run ();
}
