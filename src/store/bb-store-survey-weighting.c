/* bb-store-survey-weighting.c: how a round's shares are weighted, and its shares weighted so */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-surveys"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-store-private.h"
#include "bb-store-surveys-private.h"
#include "bb-json.h"

/* The weighting, as a value --------------------------------------------------- */

BbSurveyWeighting *
bb_survey_weighting_new (BbSurveyWeightingKind kind)
{
  BbSurveyWeighting *self = g_new0 (BbSurveyWeighting, 1);

  self->kind = kind;
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->shares = g_array_new (FALSE, TRUE, sizeof (double));
  return self;
}

void
bb_survey_weighting_free (BbSurveyWeighting *self)
{
  if (self == NULL)
    return;
  g_free (self->question_code);
  g_ptr_array_unref (self->values);
  g_array_unref (self->shares);
  g_free (self);
}

BbSurveyWeighting *
bb_survey_weighting_copy (const BbSurveyWeighting *self)
{
  BbSurveyWeighting *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bb_survey_weighting_new (self->kind);
  copy->question_code = g_strdup (self->question_code);
  for (guint i = 0; i < self->values->len; i++)
    bb_survey_weighting_add_cell (copy, g_ptr_array_index (self->values, i), g_array_index (self->shares, double, i));
  return copy;
}

void
bb_survey_weighting_add_cell (BbSurveyWeighting *self,
                              const char        *value,
                              double             share)
{
  g_return_if_fail (self != NULL && value != NULL);

  g_ptr_array_add (self->values, g_strdup (value));
  g_array_append_val (self->shares, share);
}

double
bb_survey_weighting_share_of (const BbSurveyWeighting *self,
                              const char              *value)
{
  g_return_val_if_fail (self != NULL, NAN);

  for (guint i = 0; value != NULL && i < self->values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->values, i), value))
      return g_array_index (self->shares, double, i);
  return NAN;
}

char *
bb_survey_weighting_to_json (const BbSurveyWeighting *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == BB_SURVEY_WEIGHTING_DISTRICTS)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "by");
  json_builder_add_string_value (builder, self->kind == BB_SURVEY_WEIGHTING_NONE ? "none" : "answer");
  if (self->kind == BB_SURVEY_WEIGHTING_ANSWER)
    {
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, self->question_code != NULL ? self->question_code : "");
      json_builder_set_member_name (builder, "shares");
      json_builder_begin_object (builder);
      for (guint i = 0; i < self->values->len; i++)
        {
          json_builder_set_member_name (builder, g_ptr_array_index (self->values, i));
          json_builder_add_double_value (builder, g_array_index (self->shares, double, i));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
weighting_invalid (GError     **error,
                   const char  *why)
{
  /* Translators: %s says what is wrong with the weighting of a survey round */
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("The round’s weighting cannot be used: %s"), why);
  return FALSE;
}

static gboolean
weighting_check (const BbSurveyWeighting  *self,
                 GError                  **error)
{
  double total = 0;

  if (self->kind != BB_SURVEY_WEIGHTING_ANSWER)
    return TRUE;
  if (self->question_code == NULL || *self->question_code == '\0')
    return weighting_invalid (error, _("no question is chosen."));
  if (self->values->len < 2)
    return weighting_invalid (error, _("it needs the population’s shares of two answers or more."));
  for (guint i = 0; i < self->values->len; i++)
    {
      double share = g_array_index (self->shares, double, i);

      if (!isfinite (share) || share < 0)
        return weighting_invalid (error, _("a population share is not a number of zero or more."));
      total += share;
    }
  if (!(total > 0))
    return weighting_invalid (error, _("the population shares add up to nothing."));
  return TRUE;
}

BbSurveyWeighting *
bb_survey_weighting_from_json (const char  *json,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BbSurveyWeighting) self = NULL;
  JsonObject *object;
  const char *by;

  if (json == NULL || *json == '\0')
    return bb_survey_weighting_new (BB_SURVEY_WEIGHTING_DISTRICTS);
  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      weighting_invalid (error, _("it is not a weighting Beatbook wrote."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  by = bb_json_get_string (object, "by", "");
  if (g_str_equal (by, "none"))
    return bb_survey_weighting_new (BB_SURVEY_WEIGHTING_NONE);
  if (g_str_equal (by, "districts"))
    return bb_survey_weighting_new (BB_SURVEY_WEIGHTING_DISTRICTS);
  if (!g_str_equal (by, "answer") || !json_object_has_member (object, "shares")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "shares")))
    {
      weighting_invalid (error, _("it is not a weighting Beatbook wrote."));
      return NULL;
    }
  self = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_ANSWER);
  self->question_code = g_strdup (bb_json_get_string (object, "question", ""));
  {
    JsonObject *shares = json_object_get_object_member (object, "shares");
    g_autoptr(GList) members = json_object_get_members (shares);

    for (GList *m = members; m != NULL; m = m->next)
      {
        JsonNode *node = json_object_get_member (shares, m->data);

        bb_survey_weighting_add_cell (self, m->data,
                                      JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN);
      }
  }
  if (!weighting_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Stored ---------------------------------------------------------------------- */

BbSurveyWeighting *
bb_store_survey_get_weighting (BbStore     *store,
                               const char  *survey_id,
                               GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);

  stmt = bb_store_prepare (store, "SELECT weighting FROM survey WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, _("The survey round is no longer there"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Reading the weighting of a survey round"));
      return NULL;
    }
  return bb_survey_weighting_from_json ((const char *) sqlite3_column_text (stmt, 0), error);
}

gboolean
bb_store_survey_set_weighting (BbStore                  *store,
                               const char               *survey_id,
                               const BbSurveyWeighting  *weighting,
                               GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (survey_id != NULL && weighting != NULL, FALSE);

  if (!weighting_check (weighting, error))
    return FALSE;
  json = bb_survey_weighting_to_json (weighting);
  if (!bb_store_begin (store, error))
    return FALSE;
  stmt = bb_store_prepare (store, "UPDATE survey SET weighting = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Saving the weighting of a survey round"));
      goto fail;
    }
  if (sqlite3_changes (bb_store_get_db (store)) == 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, _("The survey round is no longer there"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (store, error);

fail:
  bb_store_rollback (store);
  return FALSE;
}

/* Weighted shares ------------------------------------------------------------- */

/* The id of the question coded @code in the questionnaire of @survey_id. */
static char *
question_by_code (BbStore     *store,
                  const char  *survey_id,
                  const char  *code,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store,
                                                   "SELECT q.id FROM question AS q JOIN survey AS s"
                                                   " ON s.questionnaire_id = q.questionnaire_id"
                                                   " WHERE s.id = ?1 AND q.code = ?2", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}

/* The population of each cell: a district's residents, or the share the
 * user gave an answer; NAN where it is not known ("" is no cell). */
static double
cell_population (const BbSurveyWeighting *weighting,
                 GPtrArray               *districts,
                 const char              *cell)
{
  if (*cell == '\0')
    return NAN;
  if (weighting->kind == BB_SURVEY_WEIGHTING_ANSWER)
    return bb_survey_weighting_share_of (weighting, cell);
  for (guint k = 0; k < districts->len; k++)
    {
      const BbDistrict *d = g_ptr_array_index (districts, k);

      if (g_str_equal (d->id, cell))
        return d->population >= 0 ? (double) d->population : NAN;
    }
  return NAN;
}

gboolean
bb_store_survey_headline_weighted (BbStore     *store,
                                   const char  *survey_id,
                                   const char  *district_id,
                                   const char  *question_id,
                                   BbShare     *share,
                                   gboolean    *weighted,
                                   GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(BbSurveyWeighting) weighting = NULL;
  g_autoptr(BbQuestion) question = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_hash_table_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *by_question = NULL;
  g_autofree guint64 *count = NULL, *answered = NULL;
  g_autofree double *population = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (survey_id != NULL && question_id != NULL && share != NULL, FALSE);

  if (weighted != NULL)
    *weighted = FALSE;
  weighting = bb_store_survey_get_weighting (store, survey_id, error);
  question = weighting != NULL ? bb_store_question_get (store, question_id, error) : NULL;
  districts = question != NULL ? bb_store_district_list (store, error) : NULL;
  if (districts == NULL)
    return FALSE;
  /* One district's shares weighted by the districts' populations are the
   * district's own. */
  if (weighting->kind == BB_SURVEY_WEIGHTING_NONE
      || (weighting->kind == BB_SURVEY_WEIGHTING_DISTRICTS && district_id != NULL))
    weighting->kind = BB_SURVEY_WEIGHTING_NONE;
  else if (weighting->kind == BB_SURVEY_WEIGHTING_ANSWER)
    by_question = question_by_code (store, survey_id, weighting->question_code, NULL);

  /* Each response's cell: its district, or its answer to the weighting
   * question (the same question in the round's version). */
  stmt = bb_store_prepare (store,
                           "SELECT CASE ?4 WHEN 1 THEN ifnull (r.district_id, '') WHEN 2 THEN ifnull (w.value, '')"
                           " ELSE '' END, a.value, count(*)"
                           " FROM survey_answer AS a JOIN survey_response AS r ON r.id = a.response_id"
                           " LEFT JOIN survey_answer AS w ON w.response_id = r.id AND w.question_id = ?3"
                           " WHERE r.survey_id = ?1 AND a.question_id = ?2 AND (?5 IS NULL OR r.district_id = ?5)"
                           " GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, question_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, by_question, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, weighting->kind == BB_SURVEY_WEIGHTING_DISTRICTS ? 1
                             : weighting->kind == BB_SURVEY_WEIGHTING_ANSWER ? 2 : 0);
  sqlite3_bind_text (stmt, 5, district_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cell = (const char *) sqlite3_column_text (stmt, 0);
      ValueCounts *counts = g_hash_table_lookup (cells, cell);

      if (counts == NULL)
        {
          counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (cells, g_strdup (cell), counts);
        }
      g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Counting the survey’s answers"));
      return FALSE;
    }

  /* Cells of the population nobody in the sample stands for count too:
   * they make the share impossible to weight. */
  for (guint i = 0; weighting->kind == BB_SURVEY_WEIGHTING_ANSWER && i < weighting->values->len; i++)
    if (!g_hash_table_contains (cells, g_ptr_array_index (weighting->values, i)))
      g_hash_table_insert (cells, g_strdup (g_ptr_array_index (weighting->values, i)),
                           g_hash_table_new (g_str_hash, g_str_equal));
  for (guint k = 0; weighting->kind == BB_SURVEY_WEIGHTING_DISTRICTS && k < districts->len; k++)
    if (!g_hash_table_contains (cells, ((BbDistrict *) g_ptr_array_index (districts, k))->id))
      g_hash_table_insert (cells, g_strdup (((BbDistrict *) g_ptr_array_index (districts, k))->id),
                           g_hash_table_new (g_str_hash, g_str_equal));
  count = g_new0 (guint64, g_hash_table_size (cells) + 2);
  answered = g_new0 (guint64, g_hash_table_size (cells) + 2);
  population = g_new0 (double, g_hash_table_size (cells) + 2);
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(BbQuestionResult) r = bb_question_result_make (question, value);
      double p = cell_population (weighting, districts, key);

      /* Weighted by an answer, those who did not give one (or gave one
       * the weighting does not know) are a cell of their own, last. */
      if (weighting->kind == BB_SURVEY_WEIGHTING_ANSWER && isnan (p))
        {
          count[g_hash_table_size (cells)] += r->headline.count;
          answered[g_hash_table_size (cells)] += r->headline.n;
          continue;
        }
      /* A cell of no weight in the population (a district of no
       * residents) with nobody in it changes nothing. */
      if (r->headline.n == 0 && p == 0)
        continue;
      count[n] = r->headline.count;
      answered[n] = r->headline.n;
      population[n] = p;
      n++;
    }
  if (weighting->kind == BB_SURVEY_WEIGHTING_ANSWER && answered[g_hash_table_size (cells)] > 0)
    {
      /* They stand for their own share of the answers (a weight of 1);
       * the groups share the rest of the population as the user said. */
      guint64 all = answered[g_hash_table_size (cells)];
      double entered = 0, unknown;

      for (guint i = 0; i < n; i++)
        {
          all += answered[i];
          entered += population[i];
        }
      unknown = (double) answered[g_hash_table_size (cells)] / (double) all;
      for (guint i = 0; i < n && entered > 0; i++)
        population[i] = population[i] / entered * (1 - unknown);
      count[n] = count[g_hash_table_size (cells)];
      answered[n] = answered[g_hash_table_size (cells)];
      population[n] = unknown;
      n++;
    }
  if (weighting->kind == BB_SURVEY_WEIGHTING_NONE)
    {
      guint64 c = 0, a = 0;

      for (guint i = 0; i < n; i++)
        {
          c += count[i];
          a += answered[i];
        }
      *share = bb_share_make (c, a);
      return TRUE;
    }
  *share = bb_share_make_poststratified (count, answered, population, n, weighted);
  return TRUE;
}
