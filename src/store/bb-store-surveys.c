/* bb-store-surveys.c: survey results from the station's responses: shares by question, district and round */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-surveys"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-import-values.h"
#include "bb-store-private.h"
#include "bb-store-surveys-private.h"

#define MIN_RESPONDENTS_KEY "survey_min_respondents"

/* Results ------------------------------------------------------------------ */

static void
choice_result_free (BbChoiceResult *self)
{
  g_free (self->value);
  g_free (self->label);
  g_free (self);
}

void
bb_question_result_free (BbQuestionResult *self)
{
  bb_question_free (self->question);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_free (self->headline_label);
  g_free (self);
}


void
bb_survey_results_free (BbSurveyResults *self)
{
  if (self == NULL)
    return;
  bb_survey_free (self->survey);
  g_free (self->district_id);
  g_ptr_array_unref (self->questions);
  g_free (self);
}

const BbQuestionResult *
bb_survey_results_find (const BbSurveyResults *self,
                        const char            *question_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (self->questions, i);

      if (g_strcmp0 (r->question->id, question_id) == 0)
        return r;
    }
  return NULL;
}

static int
by_headline_share_cb (gconstpointer a,
                      gconstpointer b)
{
  const BbQuestionResult *ra = *(const BbQuestionResult * const *) a;
  const BbQuestionResult *rb = *(const BbQuestionResult * const *) b;
  double sa = isnan (ra->headline.share) ? -1 : ra->headline.share;
  double sb = isnan (rb->headline.share) ? -1 : rb->headline.share;

  if (sa != sb)
    return sa < sb ? 1 : -1;
  return ra->question->sort_order - rb->question->sort_order;
}

GPtrArray *
bb_survey_results_top_concerns (const BbSurveyResults *self)
{
  GPtrArray *concerns = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, concerns);

  for (guint i = 0; i < self->questions->len; i++)
    {
      BbQuestionResult *r = g_ptr_array_index (self->questions, i);

      if (r->question->concern && r->has_headline)
        g_ptr_array_add (concerns, r);
    }
  g_ptr_array_sort (concerns, by_headline_share_cb);
  return concerns;
}


static guint64
count_of (ValueCounts *counts,
          const char  *value)
{
  return counts != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (counts, value)) : 0;
}

BbQuestionResult *
bb_question_result_make (const BbQuestion *question,
                         ValueCounts      *counts)
{
  BbQuestionResult *r = g_new0 (BbQuestionResult, 1);
  g_autoptr(GPtrArray) choices = bb_question_dup_choices (question);
  GHashTableIter iter;
  gpointer key, value;

  r->question = bb_question_copy (question);
  r->scale = bb_scale_from_string (question->scale);
  r->mean = r->mean_low = r->mean_high = NAN;
  r->headline = bb_share_make (0, 0);

  /* Only answers the question allows count; a value a later edit of the
   * choices no longer knows is left out rather than miscounted. */
  if (counts != NULL)
    {
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gboolean known = !bb_scale_has_choices (r->scale);

          if (r->scale == BB_SCALE_MULTIPLE)
            {
              g_auto(GStrv) parts = g_strsplit (key, " ", -1);

              known = TRUE;
              for (guint p = 0; parts[p] != NULL; p++)
                known = known && bb_choices_find_label (choices, parts[p]) != NULL;
            }
          else if (!known)
            known = bb_choices_find_label (choices, key) != NULL;
          if (r->scale == BB_SCALE_NUMBER)
            {
              double x;

              known = bb_import_parse_number (key, &x);
            }
          if (known)
            r->n_answered += GPOINTER_TO_SIZE (value);
        }
    }

  if (bb_scale_has_choices (r->scale))
    {
      r->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_result_free);
      for (guint i = 0; i < choices->len; i++)
        {
          const BbChoice *c = g_ptr_array_index (choices, i);
          BbChoiceResult *cr = g_new0 (BbChoiceResult, 1);
          guint64 chosen = 0;

          if (r->scale == BB_SCALE_MULTIPLE && counts != NULL)
            {
              g_hash_table_iter_init (&iter, counts);
              while (g_hash_table_iter_next (&iter, &key, &value))
                {
                  g_auto(GStrv) parts = g_strsplit (key, " ", -1);

                  if (g_strv_contains ((const char * const *) parts, c->value))
                    chosen += GPOINTER_TO_SIZE (value);
                }
            }
          else
            chosen = count_of (counts, c->value);
          cr->value = g_strdup (c->value);
          cr->label = g_strdup (c->label);
          cr->share = bb_share_make (MIN (chosen, r->n_answered), r->n_answered);
          g_ptr_array_add (r->choices, cr);
        }
    }

  if (r->scale == BB_SCALE_YES_NO)
    {
      r->has_headline = TRUE;
      r->headline = bb_share_make (count_of (counts, "yes"), r->n_answered);
      r->headline_label = g_strdup (bb_choices_find_label (choices, "yes"));
    }
  else if (r->scale == BB_SCALE_LIKERT5)
    {
      const char *four = bb_choices_find_label (choices, "4");
      const char *five = bb_choices_find_label (choices, "5");

      r->has_headline = TRUE;
      r->headline = bb_share_make (count_of (counts, "4") + count_of (counts, "5"), r->n_answered);
      /* Translators: the two top answers of a scale of 1 to 5 taken together, e.g. "Satisfied or Very satisfied" */
      r->headline_label = g_strdup_printf (_("%s or %s"), four != NULL ? four : "4", five != NULL ? five : "5");
    }

  if ((r->scale == BB_SCALE_NUMBER || r->scale == BB_SCALE_LIKERT5) && counts != NULL)
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          double x;

          if (!bb_import_parse_number (key, &x) || (r->scale == BB_SCALE_LIKERT5 && (x < 1 || x > 5)))
            continue;
          for (gsize k = 0; k < GPOINTER_TO_SIZE (value); k++)
            g_array_append_val (values, x);
        }
      bb_mean_interval ((const double *) values->data, values->len, &r->mean, &r->mean_low, &r->mean_high);
    }
  return r;
}

/* Counts of each stored value by question (question id → ValueCounts). */
static GHashTable *
count_values (BbStore     *store,
              const char  *survey_id,
              const char  *district_id,
              const char  *question_id,
              GError     **error)
{
  g_autoptr(GHashTable) by_question = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_hash_table_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bb_store_prepare (store,
                           "SELECT a.question_id, a.value, count(*) FROM survey_answer AS a"
                           " JOIN survey_response AS r ON r.id = a.response_id"
                           " WHERE r.survey_id = ?1 AND (?2 IS NULL OR r.district_id = ?2)"
                           " AND (?3 IS NULL OR a.question_id = ?3)"
                           " GROUP BY a.question_id, a.value", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, district_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, question_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *q = (const char *) sqlite3_column_text (stmt, 0);
      ValueCounts *counts = g_hash_table_lookup (by_question, q);

      if (counts == NULL)
        {
          counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (by_question, g_strdup (q), counts);
        }
      g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting the survey’s answers"));
      return NULL;
    }
  return g_steal_pointer (&by_question);
}

static gboolean
count_respondents (BbStore     *store,
                   const char  *survey_id,
                   const char  *district_id,
                   guint64     *n,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bb_store_prepare (store,
                           "SELECT count(*) FROM survey_response"
                           " WHERE survey_id = ?1 AND (?2 IS NULL OR district_id = ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, district_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Counting the survey’s respondents"));
      return FALSE;
    }
  *n = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

BbSurveyResults *
bb_store_survey_results (BbStore     *store,
                         const char  *survey_id,
                         const char  *district_id,
                         GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(BbSurveyResults) results = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GHashTable) counts = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  results = g_new0 (BbSurveyResults, 1);
  results->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_question_result_free);
  results->district_id = g_strdup (district_id);
  results->survey = bb_store_survey_get (store, survey_id, error);
  if (results->survey == NULL)
    return NULL;
  questions = bb_store_question_list (store, results->survey->questionnaire_id, error);
  if (questions == NULL)
    return NULL;
  counts = count_values (store, survey_id, district_id, NULL, error);
  if (counts == NULL || !count_respondents (store, survey_id, district_id, &results->n_respondents, error))
    return NULL;

  for (guint i = 0; i < questions->len; i++)
    {
      const BbQuestion *q = g_ptr_array_index (questions, i);

      g_ptr_array_add (results->questions, bb_question_result_make (q, g_hash_table_lookup (counts, q->id)));
    }
  return g_steal_pointer (&results);
}

/* Rounds ------------------------------------------------------------------- */

GPtrArray *
bb_store_survey_rounds (BbStore     *store,
                        const char  *survey_id,
                        GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(BbSurvey) survey = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *first = NULL;
  GPtrArray *rounds;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  survey = bb_store_survey_get (store, survey_id, error);
  if (survey == NULL)
    return NULL;
  all = bb_store_survey_list (store, error);
  if (all == NULL)
    return NULL;

  rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_free);
  first = bb_store_questionnaire_first_version (store, survey->questionnaire_id);
  /* The list is newest first; rounds go oldest first.  Every version of
   * the questionnaire counts. */
  for (guint i = all->len; i > 0; i--)
    {
      BbSurvey *s = g_ptr_array_index (all, i - 1);
      g_autofree char *its_first = g_strcmp0 (s->questionnaire_id, survey->questionnaire_id) == 0
                                   ? g_strdup (first) : bb_store_questionnaire_first_version (store, s->questionnaire_id);

      if (g_strcmp0 (its_first, first) != 0
          || g_strcmp0 (s->district_id, survey->district_id) != 0
          || g_strcmp0 (s->period_start, survey->period_start) > 0)
        continue;
      if (g_strcmp0 (s->period_start, survey->period_start) == 0 && !g_str_equal (s->id, survey->id))
        continue;
      g_ptr_array_add (rounds, bb_survey_copy (s));
    }
  return rounds;
}

/* By district ---------------------------------------------------------------- */

void
bb_district_share_free (BbDistrictShare *self)
{
  if (self == NULL)
    return;
  g_free (self->district_id);
  g_free (self->district_name);
  g_free (self);
}

GPtrArray *
bb_store_survey_results_by_district (BbStore     *store,
                                     const char  *survey_id,
                                     const char  *question_id,
                                     GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GPtrArray) shares = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_district_share_free);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(BbQuestion) question = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) respondents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_district = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_hash_table_unref);
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL && question_id != NULL, NULL);

  question = bb_store_question_get (store, question_id, error);
  districts = question != NULL ? bb_store_district_list (store, error) : NULL;
  if (districts == NULL)
    return NULL;

  /* "" stands for responses with no district. */
  stmt = bb_store_prepare (store,
                           "SELECT ifnull (district_id, ''), count(*) FROM survey_response"
                           " WHERE survey_id = ?1 GROUP BY 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (respondents, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting the survey’s respondents"));
      return NULL;
    }

  stmt = bb_store_prepare (store,
                           "SELECT ifnull (r.district_id, ''), a.value, count(*) FROM survey_answer AS a"
                           " JOIN survey_response AS r ON r.id = a.response_id"
                           " WHERE r.survey_id = ?1 AND a.question_id = ?2 GROUP BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, question_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *d = (const char *) sqlite3_column_text (stmt, 0);
      ValueCounts *counts = g_hash_table_lookup (by_district, d);

      if (counts == NULL)
        {
          counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (by_district, g_strdup (d), counts);
        }
      g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting the survey’s answers"));
      return NULL;
    }

  for (guint i = 0; i <= districts->len; i++)
    {
      const BbDistrict *d = i < districts->len ? g_ptr_array_index (districts, i) : NULL;
      const char *key = d != NULL ? d->id : "";
      g_autoptr(BbQuestionResult) r = NULL;
      BbDistrictShare *share;
      guint64 n = GPOINTER_TO_SIZE (g_hash_table_lookup (respondents, key));

      /* "No district" only where there are such responses. */
      if (d == NULL && n == 0)
        continue;
      r = bb_question_result_make (question, g_hash_table_lookup (by_district, key));
      share = g_new0 (BbDistrictShare, 1);
      share->district_id = d != NULL ? g_strdup (d->id) : NULL;
      share->district_name = g_strdup (d != NULL ? d->name : _("No district given"));
      share->n_respondents = n;
      share->n_answered = r->n_answered;
      share->headline = r->headline;
      g_ptr_array_add (shares, share);
    }
  return g_steal_pointer (&shares);
}

GHashTable *
bb_store_survey_count_responses (BbStore  *store,
                                 GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  stmt = bb_store_prepare (store, "SELECT survey_id, count(*) FROM survey_response GROUP BY survey_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting the surveys’ respondents"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

GHashTable *
bb_store_survey_value_counts (BbStore     *store,
                              const char  *survey_id,
                              const char  *question_id,
                              GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL && question_id != NULL, NULL);

  stmt = bb_store_prepare (store,
                           "SELECT a.value, count(*) FROM survey_answer a"
                           " JOIN survey_response r ON r.id = a.response_id"
                           " WHERE a.question_id = ?1 AND r.survey_id = ?2 GROUP BY a.value", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, question_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, survey_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting a survey’s answers"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/* Settings and paper forms --------------------------------------------------- */

guint
bb_store_get_survey_min_respondents (BbStore *store)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint value = BB_SURVEY_DEFAULT_MIN_RESPONDENTS;

  g_return_val_if_fail (BB_IS_STORE (store), value);

  stmt = bb_store_prepare (store, "SELECT value FROM meta WHERE key = '" MIN_RESPONDENTS_KEY "'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      guint64 n;

      if (g_ascii_string_to_unsigned (text, 10, 1, 10000, &n, NULL))
        value = (guint) n;
    }
  return value;
}

gboolean
bb_store_set_survey_min_respondents (BbStore  *store,
                                     guint     min_respondents,
                                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  if (min_respondents < 1 || min_respondents > 10000)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The fewest respondents to show a share must be between 1 and 10,000, not %u"),
                   min_respondents);
      return FALSE;
    }
  if (!bb_store_begin (store, error))
    return FALSE;
  stmt = bb_store_prepare (store, "INSERT INTO meta (key, value) VALUES ('" MIN_RESPONDENTS_KEY "', ?1)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    {
      bb_store_rollback (store);
      return FALSE;
    }
  text = g_strdup_printf ("%u", min_respondents);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Saving the fewest respondents to show a share"));
      g_clear_pointer (&stmt, sqlite3_finalize);
      bb_store_rollback (store);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (store, error);
}

char *
bb_survey_paper_form_key (const char *survey_id,
                          guint       number)
{
  g_return_val_if_fail (survey_id != NULL, NULL);
  return g_strdup_printf ("paper:%s:%u", survey_id, number);
}

guint
bb_store_survey_next_paper_form (BbStore     *store,
                                 const char  *survey_id,
                                 GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), 0);
  g_return_val_if_fail (survey_id != NULL, 0);

  prefix = g_strdup_printf ("paper:%s:", survey_id);
  stmt = bb_store_prepare (store,
                           "SELECT ifnull (max (CAST (substr (external_uuid, length (?1) + 1) AS INTEGER)), 0)"
                           " FROM survey_response WHERE survey_id = ?2 AND substr (external_uuid, 1, length (?1)) = ?1",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, survey_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Numbering the paper questionnaires"));
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0) + 1;
}
