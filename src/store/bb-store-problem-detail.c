/* bb-store-problem-detail.c: everything the problem page shows of one problem, and saving its details at once */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-problem-detail.h"
#include "bb-store-problems-private.h"
#include "bb-store-problems.h"

void
bb_problem_detail_free (BbProblemDetail *detail)
{
  if (detail == NULL)
    return;
  g_clear_pointer (&detail->problem, bb_problem_free);
  g_strfreev (detail->category_ids);
  g_strfreev (detail->partner_ids);
  g_clear_pointer (&detail->responses, g_ptr_array_unref);
  g_clear_pointer (&detail->tasks, g_ptr_array_unref);
  g_clear_pointer (&detail->incidents, g_ptr_array_unref);
  g_clear_pointer (&detail->excluded, g_ptr_array_unref);
  g_clear_pointer (&detail->months, g_array_unref);
  g_free (detail->not_assessed);
  g_clear_pointer (&detail->plans, g_ptr_array_unref);
  g_clear_pointer (&detail->reviews, g_ptr_array_unref);
  g_free (detail);
}

/* Records of @type selected by "WHERE …" with one text parameter ?1. */
static GPtrArray *
select_records (BbStore             *self,
                const BbRecordType  *type,
                const char          *where,
                const char          *param,
                GError             **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (type->free_func);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = bb_store_record_columns (type, "t");
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" AS t %s", cols, type->table, where);
  int rc;

  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, bb_store_record_read (self, type, stmt, 0));
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Reading the %s"), _(type->label));

      bb_store_set_error_from_db (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
bb_store_problem_tasks (BbStore     *self,
                        const char  *problem_id,
                        GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  return select_records (self, &bb_task_record,
                         "WHERE t.response_id IN (SELECT id FROM response WHERE problem_id = ?1)"
                         " ORDER BY t.done, t.due_date IS NULL, t.due_date, t.created_at",
                         problem_id, error);
}

/* One incident that belongs: its id and when it happened. */
typedef struct {
  char   *id;
  gint64  when;
} Hit;

static void
hit_clear (Hit *hit)
{
  g_free (hit->id);
}

static void
add_hit (const char *id,
         gint64      when,
         gpointer    user_data)
{
  Hit hit = { g_strdup (id), when };

  g_array_append_val ((GArray *) user_data, hit);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->when != y->when)
    return x->when < y->when ? 1 : -1;
  return strcmp (x->id, y->id);
}

/* Every incident of the problem, as bb_store_problem_count_incidents
 * counts them, newest first. */
static GArray *
collect_hits (BbStore             *self,
              const BbMembership  *m,
              GError             **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (hits, (GDestroyNotify) hit_clear);
  stmt = bb_store_prepare (self,
                           "SELECT i.id, i.occurred_start FROM problem_incident AS pi"
                           " JOIN incident AS i ON i.id = pi.incident_id"
                           " WHERE pi.problem_id = ?1 AND pi.included = 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, m->problem->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_hit ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1), hits);
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the incidents added to a problem"));
      return NULL;
    }
  if (!bb_membership_foreach (self, m, m->problem->period_start, m->problem->period_end, FALSE,
                              add_hit, hits, error))
    return NULL;
  g_array_sort (hits, newest_first);
  return g_steal_pointer (&hits);
}

static GPtrArray *
incidents_of (BbStore     *self,
              const Hit   *hits,
              guint        n,
              GError     **error)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_incident_free);

  for (guint i = 0; i < n; i++)
    {
      BbIncident *incident = bb_store_incident_get (self, hits[i].id, error);

      if (incident == NULL)
        return NULL;
      g_ptr_array_add (incidents, incident);
    }
  return g_steal_pointer (&incidents);
}

GPtrArray *
bb_store_problem_list_incidents (BbStore     *self,
                                 const char  *problem_id,
                                 guint        limit,
                                 gint64      *n_total,
                                 GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbMembership) m = NULL;
  g_autoptr(GArray) hits = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  if ((m = bb_membership_load (self, problem_id, error)) == NULL
      || (hits = collect_hits (self, m, error)) == NULL)
    return NULL;
  if (n_total != NULL)
    *n_total = hits->len;
  return incidents_of (self, (const Hit *) hits->data, limit > 0 ? MIN (limit, hits->len) : hits->len, error);
}

static GTimeZone *
station_zone (BbStore *self)
{
  g_autoptr(BbStation) station = bb_store_station_get (self, NULL);
  GTimeZone *tz = NULL;

  if (station != NULL && station->timezone != NULL)
    tz = g_time_zone_new_identifier (station->timezone);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static GArray *
count_by_month (BbStore         *self,
                const BbProblem *problem,
                const GArray    *hits)
{
  g_autoptr(GTimeZone) tz = station_zone (self);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  GArray *months = g_array_new (FALSE, TRUE, sizeof (BbMonthCount));
  gint64 end = problem->period_end != BB_UNSET_TIME ? problem->period_end - 1 : g_get_real_time () / G_USEC_PER_SEC;
  int y0, m0, y1, m1, n;

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (end);

    if (utc == NULL)
      return months;
    last = g_date_time_to_timezone (utc, tz);
  }
  if (problem->period_start != BB_UNSET_TIME)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (problem->period_start);
      first = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
    }
  if (first == NULL)
    first = g_date_time_add_months (last, -23);

  y0 = g_date_time_get_year (first);
  m0 = g_date_time_get_month (first);
  y1 = g_date_time_get_year (last);
  m1 = g_date_time_get_month (last);
  n = (y1 - y0) * 12 + (m1 - m0) + 1;
  if (n > BB_PROBLEM_DETAIL_MAX_MONTHS)
    {
      int skip = n - BB_PROBLEM_DETAIL_MAX_MONTHS;

      y0 += (m0 - 1 + skip) / 12;
      m0 = (m0 - 1 + skip) % 12 + 1;
      n = BB_PROBLEM_DETAIL_MAX_MONTHS;
    }
  for (int i = 0; i < n; i++)
    {
      BbMonthCount month = { y0 + (m0 - 1 + i) / 12, (m0 - 1 + i) % 12 + 1, 0 };

      g_array_append_val (months, month);
    }
  for (guint i = 0; hits != NULL && i < hits->len && n > 0; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (hit->when);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
      int index;

      if (local == NULL)
        continue;
      index = (g_date_time_get_year (local) - y0) * 12 + (g_date_time_get_month (local) - m0);
      if (index >= 0 && index < n)
        g_array_index (months, BbMonthCount, index).count++;
    }
  return months;
}

static void
count_by_hour_of_week (BbStore      *self,
                       const GArray *hits,
                       guint         hours[BB_HOURS_PER_WEEK])
{
  g_autoptr(GTimeZone) tz = station_zone (self);
  g_autofree gint64 *times = g_new (gint64, MAX (hits->len, 1));
  guint64 counts[BB_HOURS_PER_WEEK];

  /* The profile counts microseconds; the store keeps seconds. */
  for (guint i = 0; i < hits->len; i++)
    {
      gint64 when = g_array_index (hits, Hit, i).when;

      times[i] = when != BB_UNSET_TIME ? when * G_USEC_PER_SEC : BB_UNSET_TIME;
    }
  bb_time_profile_hour_of_week (times, hits->len, tz, counts);
  for (guint h = 0; h < BB_HOURS_PER_WEEK; h++)
    hours[h] = (guint) counts[h];
}

GArray *
bb_store_problem_count_by_month (BbStore     *self,
                                 const char  *problem_id,
                                 GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbMembership) m = NULL;
  g_autoptr(GArray) hits = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  if ((m = bb_membership_load (self, problem_id, error)) == NULL
      || (hits = collect_hits (self, m, error)) == NULL)
    return NULL;
  return count_by_month (self, m->problem, hits);
}

static int
review_by_date (gconstpointer a,
                gconstpointer b)
{
  const BbPlanReview *x = *(BbPlanReview * const *) a;
  const BbPlanReview *y = *(BbPlanReview * const *) b;

  return g_strcmp0 (x->review_date, y->review_date);
}

BbProblemDetail *
bb_store_problem_detail_load (BbStore     *self,
                              const char  *problem_id,
                              GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbProblemDetail) detail = g_new0 (BbProblemDetail, 1);
  g_autoptr(BbMembership) m = NULL;
  g_autoptr(GArray) hits = NULL;
  g_auto(GStrv) excluded = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  if ((m = bb_membership_load (self, problem_id, error)) == NULL)
    return NULL;
  detail->problem = bb_problem_copy (m->problem);
  if ((detail->category_ids = bb_store_problem_dup_categories (self, problem_id, error)) == NULL
      || (detail->partner_ids = bb_store_problem_dup_partners (self, problem_id, error)) == NULL
      || (detail->responses = bb_store_response_list (self, problem_id, error)) == NULL
      || (detail->tasks = bb_store_problem_tasks (self, problem_id, error)) == NULL
      || (hits = collect_hits (self, m, error)) == NULL)
    return NULL;

  detail->n_incidents = hits->len;
  detail->incidents = incidents_of (self, (const Hit *) hits->data,
                                    MIN (hits->len, BB_PROBLEM_DETAIL_MAX_INCIDENTS), error);
  if (detail->incidents == NULL)
    return NULL;
  detail->months = count_by_month (self, m->problem, hits);
  count_by_hour_of_week (self, hits, detail->hours);

  if ((excluded = bb_store_problem_dup_incidents (self, problem_id, FALSE, error)) == NULL)
    return NULL;
  detail->excluded = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_incident_free);
  for (guint i = 0; excluded[i] != NULL; i++)
    {
      BbIncident *incident = bb_store_incident_get (self, excluded[i], NULL);

      if (incident != NULL)
        g_ptr_array_add (detail->excluded, incident);
    }

  /* No area or no periods yet is not a failure of the page: it says why. */
  detail->assessed = bb_store_problem_count_before_after (self, problem_id, &detail->counts, &local_error);
  if (!detail->assessed)
    {
      if (!g_error_matches (local_error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      detail->not_assessed = g_strdup (local_error->message);
    }

  detail->plans = select_records (self, &bb_plan_record,
                                  "WHERE t.id IN (SELECT plan_id FROM plan_problem WHERE problem_id = ?1)"
                                  " ORDER BY t.period_start DESC, t.title COLLATE NOCASE",
                                  problem_id, error);
  if (detail->plans == NULL)
    return NULL;
  detail->reviews = select_records (self, &bb_plan_review_record,
                                    "WHERE t.plan_id IN (SELECT plan_id FROM plan_problem WHERE problem_id = ?1)"
                                    " ORDER BY t.review_date",
                                    problem_id, error);
  if (detail->reviews == NULL)
    return NULL;
  g_ptr_array_sort (detail->reviews, review_by_date);

  return g_steal_pointer (&detail);
}

static gpointer
detail_load_func (BbStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return bb_store_problem_detail_load (store, data, error);
}

void
bb_store_problem_detail_load_async (BbStore             *self,
                                    const char          *problem_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (problem_id != NULL);

  bb_store_run_async_full (self, detail_load_func, (GDestroyNotify) bb_problem_detail_free,
                           g_strdup (problem_id), g_free, cancellable, callback, user_data);
}

BbProblemDetail *
bb_store_problem_detail_load_finish (BbStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return bb_store_run_finish (self, result, error);
}

gboolean
bb_store_problem_save (BbStore             *self,
                       BbProblem           *problem,
                       const char * const  *category_ids,
                       const char * const  *partner_ids,
                       GError             **error)
{
  g_autoptr(BbProblem) copy = NULL;
  gboolean is_update;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem != NULL, FALSE);

  /* The record is written from a copy, so that a refused change leaves
   * the caller's problem (its id above all) as it was. */
  copy = bb_problem_copy (problem);
  is_update = copy->id != NULL && copy->id[0] != '\0';
  if (!bb_store_begin (self, error))
    return FALSE;
  if (!bb_store_write_in_transaction (self, &bb_problem_record, copy, is_update, error)
      || (category_ids != NULL
          && !bb_store_set_links_in_transaction (self, "problem_category", "problem_id", copy->id,
                                                 "category_id", category_ids, error))
      || (partner_ids != NULL
          && !bb_store_set_links_in_transaction (self, "problem_partner", "problem_id", copy->id,
                                                 "partner_id", partner_ids, error))
      || !bb_store_commit (self, error))
    {
      bb_store_rollback (self);
      return FALSE;
    }

  g_free (problem->id);
  problem->id = g_strdup (copy->id);
  g_free (problem->station_id);
  problem->station_id = g_strdup (copy->station_id);
  problem->created_at = copy->created_at;
  problem->updated_at = copy->updated_at;
  return TRUE;
}
