/* bb-store-plans.c: community safety plans: their objectives, indicators, tasks and reviews, and their progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-store-plans.h"
#include "bb-store-problems-private.h"

#define DAY G_GINT64_CONSTANT (86400)

void
bb_plan_objective_free (BbPlanObjective *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->objective, bb_objective_free);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_free (self);
}

void
bb_plan_detail_free (BbPlanDetail *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->plan, bb_plan_free);
  g_strfreev (self->problem_ids);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_free (self);
}

GPtrArray *
bb_store_plan_tasks (BbStore     *self,
                     const char  *plan_id,
                     GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_task_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  cols = bb_store_record_columns (&bb_task_record, NULL);
  sql = g_strdup_printf ("SELECT %s FROM task WHERE plan_id = ?1"
                         " ORDER BY done, due_date IS NULL, due_date, created_at", cols);
  if ((stmt = bb_store_prepare (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tasks, bb_store_record_read (self, &bb_task_record, stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the plan’s tasks"));
      return NULL;
    }
  return g_steal_pointer (&tasks);
}

BbPlanDetail *
bb_store_plan_detail_load (BbStore     *self,
                           const char  *plan_id,
                           GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbPlanDetail) detail = g_new0 (BbPlanDetail, 1);
  g_autoptr(GPtrArray) objectives = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  if ((detail->plan = bb_store_plan_get (self, plan_id, error)) == NULL
      || (detail->problem_ids = bb_store_plan_dup_problems (self, plan_id, error)) == NULL
      || (objectives = bb_store_objective_list (self, plan_id, error)) == NULL
      || (detail->tasks = bb_store_plan_tasks (self, plan_id, error)) == NULL
      || (detail->reviews = bb_store_plan_review_list (self, plan_id, error)) == NULL)
    return NULL;

  detail->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_problem_free);
  for (guint i = 0; detail->problem_ids[i] != NULL; i++)
    {
      BbProblem *problem = bb_store_problem_get (self, detail->problem_ids[i], error);

      if (problem == NULL)
        return NULL;
      g_ptr_array_add (detail->problems, problem);
    }

  detail->objectives = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_plan_objective_free);
  for (guint i = 0; i < objectives->len; i++)
    {
      g_autoptr(BbPlanObjective) o = g_new0 (BbPlanObjective, 1);

      o->objective = bb_objective_copy (g_ptr_array_index (objectives, i));
      if ((o->indicators = bb_store_indicator_list (self, o->objective->id, error)) == NULL)
        return NULL;
      g_ptr_array_add (detail->objectives, g_steal_pointer (&o));
    }
  return g_steal_pointer (&detail);
}

static gpointer
detail_load_func (BbStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return bb_store_plan_detail_load (store, data, error);
}

void
bb_store_plan_detail_load_async (BbStore             *self,
                                 const char          *plan_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (plan_id != NULL);

  bb_store_run_async_full (self, detail_load_func, (GDestroyNotify) bb_plan_detail_free, g_strdup (plan_id),
                           g_free, cancellable, callback, user_data);
}

BbPlanDetail *
bb_store_plan_detail_load_finish (BbStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bb_store_run_finish (self, result, error);
}

/* After a change written from copies: the caller's record gets the id
 * and times the store gave. */
static void
take_stamp (gpointer       record,
            gconstpointer  written)
{
  BbRecord *to = record;
  const BbRecord *from = written;

  g_free (to->id);
  to->id = g_strdup (from->id);
  g_free (to->station_id);
  to->station_id = g_strdup (from->station_id);
  to->created_at = from->created_at;
  to->updated_at = from->updated_at;
}

static gboolean
has_id (gconstpointer record)
{
  const BbRecord *head = record;

  return head->id != NULL && head->id[0] != '\0';
}

gboolean
bb_store_plan_save (BbStore             *self,
                    BbPlan              *plan,
                    const char * const  *problem_ids,
                    GError             **error)
{
  g_autoptr(BbPlan) copy = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  copy = bb_plan_copy (plan);
  if (!bb_store_begin (self, error))
    return FALSE;
  if (!bb_store_write_in_transaction (self, &bb_plan_record, copy, has_id (copy), error)
      || (problem_ids != NULL
          && !bb_store_set_links_in_transaction (self, "plan_problem", "plan_id", copy->id,
                                                 "problem_id", problem_ids, error))
      || !bb_store_commit (self, error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  take_stamp (plan, copy);
  return TRUE;
}

gboolean
bb_store_objective_save (BbStore      *self,
                         BbObjective  *objective,
                         GPtrArray    *indicators,
                         GError      **error)
{
  g_autoptr(BbObjective) copy = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_indicator_free);
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (objective != NULL, FALSE);
  g_return_val_if_fail (indicators != NULL, FALSE);

  copy = bb_objective_copy (objective);
  for (guint i = 0; i < indicators->len; i++)
    {
      BbIndicator *indicator = bb_indicator_copy (g_ptr_array_index (indicators, i));

      if (has_id (indicator))
        g_hash_table_add (kept, indicator->id);
      g_ptr_array_add (written, indicator);
    }

  if (!bb_store_begin (self, error))
    return FALSE;
  if (!bb_store_write_in_transaction (self, &bb_objective_record, copy, has_id (copy), error)
      || (existing = bb_store_indicator_list (self, copy->id, error)) == NULL)
    goto fail;
  for (guint i = 0; i < existing->len; i++)
    {
      BbIndicator *old = g_ptr_array_index (existing, i);

      if (!g_hash_table_contains (kept, old->id)
          && !bb_store_delete_in_transaction (self, &bb_indicator_record, old->id, error))
        goto fail;
    }
  for (guint i = 0; i < written->len; i++)
    {
      BbIndicator *indicator = g_ptr_array_index (written, i);

      g_free (indicator->objective_id);
      indicator->objective_id = g_strdup (copy->id);
      if (!bb_store_write_in_transaction (self, &bb_indicator_record, indicator, has_id (indicator), error))
        goto fail;
    }
  if (!bb_store_commit (self, error))
    goto fail;

  take_stamp (objective, copy);
  for (guint i = 0; i < indicators->len; i++)
    {
      BbIndicator *indicator = g_ptr_array_index (indicators, i);

      take_stamp (indicator, g_ptr_array_index (written, i));
      g_free (indicator->objective_id);
      indicator->objective_id = g_strdup (copy->id);
    }
  return TRUE;

fail:
  bb_store_rollback (self);
  return FALSE;
}

/* Computed indicators ---------------------------------------------------- */

BbIndicatorComputation *
bb_indicator_computation_new (void)
{
  BbIndicatorComputation *self = g_new0 (BbIndicatorComputation, 1);

  self->category_codes = g_new0 (char *, 1);
  self->period_days = 91;
  return self;
}

void
bb_indicator_computation_free (BbIndicatorComputation *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->category_codes);
  g_free (self->problem_id);
  g_free (self);
}

BbIndicatorComputation *
bb_indicator_computation_parse (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BbIndicatorComputation) self = bb_indicator_computation_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  JsonObject *object;
  JsonNode *root, *node;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);

  if ((node = json_object_get_member (object, "categories")) != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto invalid;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *code = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_STRING)
            goto invalid;
          g_strv_builder_add (codes, json_node_get_string (code));
        }
    }
  g_strfreev (self->category_codes);
  self->category_codes = g_strv_builder_end (codes);

  if ((node = json_object_get_member (object, "problem")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto invalid;
      self->problem_id = g_strdup (json_node_get_string (node));
    }
  if ((node = json_object_get_member (object, "period_days")) != NULL)
    {
      gint64 days;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        goto invalid;
      days = json_node_get_int (node);
      if (days < 1 || days > 3660)
        goto invalid;
      self->period_days = (guint) days;
    }
  return g_steal_pointer (&self);

invalid:
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
               _("The way the indicator is counted from incidents is not readable: “%s”"),
               json != NULL ? json : "");
  return NULL;
}

char *
bb_indicator_computation_to_json (const BbIndicatorComputation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; self->category_codes != NULL && self->category_codes[i] != NULL; i++)
    json_builder_add_string_value (builder, self->category_codes[i]);
  json_builder_end_array (builder);
  if (self->problem_id != NULL)
    {
      json_builder_set_member_name (builder, "problem");
      json_builder_add_string_value (builder, self->problem_id);
    }
  json_builder_set_member_name (builder, "period_days");
  json_builder_add_int_value (builder, self->period_days);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
count_hit (const char *id,
           gint64      when,
           gpointer    user_data)
{
  (*(gint64 *) user_data)++;
}

gboolean
bb_store_indicator_compute (BbStore                      *self,
                            const BbIndicatorComputation *computation,
                            const char                   *plan_id,
                            gint64                        now,
                            double                       *value,
                            GError                      **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbMembership) m = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) category_ids = NULL;
  gint64 n = 0;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (computation != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (computation->problem_id != NULL)
    {
      if ((m = bb_membership_load (self, computation->problem_id, error)) == NULL)
        return FALSE;
      /* The problem's area and district; not its choices by hand. */
      g_clear_pointer (&m->included, g_hash_table_unref);
      g_clear_pointer (&m->excluded, g_hash_table_unref);
      if (m->polygons == NULL)
        {
          m->district_id = g_strdup (m->problem->district_id);
          g_clear_pointer (&m->problem, bb_problem_free);
        }
    }
  else
    {
      g_autoptr(BbPlan) plan = plan_id != NULL ? bb_store_plan_get (self, plan_id, error) : NULL;

      if (plan_id != NULL && plan == NULL)
        return FALSE;
      m = g_new0 (BbMembership, 1);
      m->district_id = plan != NULL ? g_strdup (plan->district_id) : NULL;
    }

  for (guint i = 0; computation->category_codes[i] != NULL; i++)
    {
      g_autoptr(BbCategory) category = bb_store_category_get_by_code (self, computation->category_codes[i], error);

      if (category == NULL)
        return FALSE;
      g_strv_builder_add (ids, category->id);
    }
  category_ids = g_strv_builder_end (ids);
  if (!bb_membership_set_categories (m, self, (const char * const *) category_ids, error))
    return FALSE;

  if (!bb_membership_foreach (self, m, now - (gint64) computation->period_days * DAY, now, TRUE,
                              count_hit, &n, error))
    return FALSE;
  *value = (double) n;
  return TRUE;
}

gboolean
bb_store_plan_refresh_indicators (BbStore     *self,
                                  const char  *plan_id,
                                  gint64       now,
                                  guint       *n_changed,
                                  GError     **error)
{
  g_autoptr(GPtrArray) objectives = NULL;
  guint changed = 0;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  if (!bb_store_begin (self, error))
    return FALSE;
  if ((objectives = bb_store_objective_list (self, plan_id, error)) == NULL)
    goto fail;
  for (guint i = 0; i < objectives->len; i++)
    {
      BbObjective *objective = g_ptr_array_index (objectives, i);
      g_autoptr(GPtrArray) indicators = bb_store_indicator_list (self, objective->id, error);

      if (indicators == NULL)
        goto fail;
      for (guint k = 0; k < indicators->len; k++)
        {
          BbIndicator *indicator = g_ptr_array_index (indicators, k);
          g_autoptr(BbIndicatorComputation) computation = NULL;
          double value;

          if (indicator->computed == NULL || indicator->computed[0] == '\0')
            continue;
          if ((computation = bb_indicator_computation_parse (indicator->computed, error)) == NULL
              || !bb_store_indicator_compute (self, computation, plan_id, now, &value, error))
            {
              g_prefix_error (error, _("The indicator “%s”: "), indicator->name);
              goto fail;
            }
          if (!isnan (indicator->current) && indicator->current == value)
            continue;
          indicator->current = value;
          if (!bb_store_write_in_transaction (self, &bb_indicator_record, indicator, TRUE, error))
            goto fail;
          changed++;
        }
    }
  if (!bb_store_commit (self, error))
    goto fail;
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;

fail:
  bb_store_rollback (self);
  return FALSE;
}

/* Progress ---------------------------------------------------------------- */

void
bb_plan_progress_clear (BbPlanProgress *progress)
{
  g_clear_pointer (&progress->next_review, g_free);
}

void
bb_plan_detail_progress (const BbPlanDetail *detail,
                         const char         *today,
                         BbPlanProgress     *progress)
{
  g_return_if_fail (detail != NULL);
  g_return_if_fail (today != NULL);
  g_return_if_fail (progress != NULL);

  memset (progress, 0, sizeof *progress);
  for (guint i = 0; i < detail->tasks->len; i++)
    {
      BbTask *task = g_ptr_array_index (detail->tasks, i);

      progress->n_tasks++;
      if (task->done)
        progress->n_done++;
      else if (task->due_date != NULL && strcmp (task->due_date, today) < 0)
        progress->n_overdue++;
    }
  for (guint i = 0; i < detail->objectives->len; i++)
    {
      BbPlanObjective *o = g_ptr_array_index (detail->objectives, i);

      for (guint k = 0; k < o->indicators->len; k++)
        {
          BbIndicator *indicator = g_ptr_array_index (o->indicators, k);
          BbIndicatorStatus status = bb_indicator_status (indicator->baseline, indicator->target,
                                                          indicator->current);

          progress->n_indicators++;
          if (status == BB_INDICATOR_MET)
            progress->n_met++;
          else if (status == BB_INDICATOR_IMPROVING)
            progress->n_improving++;
        }
    }
  for (guint i = 0; i < detail->reviews->len; i++)
    {
      BbPlanReview *review = g_ptr_array_index (detail->reviews, i);

      if (review->done)
        continue;
      if (strcmp (review->review_date, today) < 0)
        progress->review_passed = TRUE;
      if (progress->next_review == NULL || strcmp (review->review_date, progress->next_review) < 0)
        {
          g_free (progress->next_review);
          progress->next_review = g_strdup (review->review_date);
        }
    }
}
