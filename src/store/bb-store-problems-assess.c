/* bb-store-problems-assess.c: a problem's incidents counted before and after its response, for one problem or several in one pass */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-store-private.h"
#include "bb-store-problems.h"
#include "bb-store-problems-private.h"

/* One problem being assessed: what decides where each incident counts. */
typedef struct {
  BbMembership       *m;
  const char         *district_id;   /* NULL: the whole station is the control */
  double              buffer_m, dlon, dlat;
  gint64              bounds[4];     /* baseline start and end, response start and end */
  BbAssessmentCounts  counts;
} Assess;

static void
assess_clear (Assess *a)
{
  g_clear_pointer (&a->m, bb_membership_free);
}

static gboolean
assess_init (Assess      *a,
             BbStore     *self,
             const char  *problem_id,
             GError     **error)
{
  const BbProblem *p;

  memset (a, 0, sizeof *a);
  if ((a->m = bb_membership_load (self, problem_id, error)) == NULL)
    return FALSE;
  p = a->m->problem;
  if (a->m->polygons == NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The problem “%s” has no area, so there is nothing to count before and after."), p->title);
      return FALSE;
    }
  if (p->baseline_start == BB_UNSET_TIME || p->baseline_end == BB_UNSET_TIME)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The problem “%s” has no baseline period to count “before” in."), p->title);
      return FALSE;
    }
  if (p->response_start == BB_UNSET_TIME || p->response_end == BB_UNSET_TIME)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The problem “%s” has no response period to count “after” in."), p->title);
      return FALSE;
    }
  a->district_id = p->district_id != NULL && p->district_id[0] != '\0' ? p->district_id : NULL;
  a->buffer_m = isnan (p->buffer_m) ? BB_PROBLEM_DEFAULT_BUFFER_M : MAX (p->buffer_m, 0);
  a->dlon = a->buffer_m / a->m->proj.metres_per_deg_lon;
  a->dlat = a->buffer_m / a->m->proj.metres_per_deg_lat;
  a->bounds[0] = p->baseline_start;
  a->bounds[1] = p->baseline_end;
  a->bounds[2] = p->response_start;
  a->bounds[3] = p->response_end;
  return TRUE;
}

static gboolean
in_set (GHashTable *set,
        const char *id)
{
  return set != NULL && g_hash_table_size (set) > 0 && g_hash_table_contains (set, id);
}

/* Where one incident of one period counts: in the area (A), the ring of
 * buffer_m around it (B), the rest of the district or station (C), or
 * nowhere. */
static void
assess_incident (const Assess *a,
                 const char   *id,
                 const char   *category_id,
                 double        lon,
                 double        lat,
                 const char   *in_district,
                 double       *area,
                 double       *buffer,
                 double       *control)
{
  const BbMembership *m = a->m;
  gboolean positioned = !isnan (lon) && !isnan (lat);

  /* Neither in the district, nor near the area, nor added by hand. */
  if (a->district_id != NULL && g_strcmp0 (in_district, a->district_id) != 0
      && !(lon >= m->bbox.min_lon - a->dlon && lon <= m->bbox.max_lon + a->dlon
           && lat >= m->bbox.min_lat - a->dlat && lat <= m->bbox.max_lat + a->dlat)
      && !in_set (m->included, id))
    return;
  if (in_set (m->excluded, id))
    return;
  if (in_set (m->included, id))
    {
      *area += 1;
      return;
    }
  if (!bb_membership_category_allowed (m, category_id))
    return;
  if (positioned && bb_membership_in_area (m, lon, lat))
    *area += 1;
  else if (positioned && a->buffer_m > 0 && bb_membership_distance (m, lon, lat) <= a->buffer_m)
    *buffer += 1;
  else if (a->district_id == NULL || g_strcmp0 (in_district, a->district_id) == 0)
    *control += 1;
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

typedef struct {
  Assess **list;
  guint    n;
} AssessAll;

static void
assess_row (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  AssessAll *all = user_data;
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  const char *category_id = (const char *) sqlite3_column_text (stmt, 1);
  double lon = column_double (stmt, 2), lat = column_double (stmt, 3);
  const char *in_district = (const char *) sqlite3_column_text (stmt, 4);
  gint64 when = sqlite3_column_int64 (stmt, 5);

  for (guint i = 0; i < all->n; i++)
    {
      Assess *a = all->list[i];
      BbAssessmentCounts *c = &a->counts;

      if (when >= a->bounds[0] && when < a->bounds[1])
        assess_incident (a, id, category_id, lon, lat, in_district,
                         &c->area_before, &c->buffer_before, &c->control_before);
      if (when >= a->bounds[2] && when < a->bounds[3])
        assess_incident (a, id, category_id, lon, lat, in_district,
                         &c->area_after, &c->buffer_after, &c->control_after);
    }
}

/* Reads every incident of the problems' periods once and counts it for
 * each problem and period that holds it. */
static gboolean
assess_all (BbStore     *self,
            Assess     **list,
            guint        n,
            GError     **error)
{
  g_autofree gint64 *bounds = g_new (gint64, 4 * MAX (n, 1));
  AssessAll all = { list, n };

  for (guint i = 0; i < n; i++)
    memcpy (bounds + 4 * i, list[i]->bounds, sizeof list[i]->bounds);
  return bb_store_incidents_in_periods (self, "id, category_id, lon, lat, district_id, occurred_start",
                                        bounds, 2 * n, assess_row, &all,
                                        _("Counting incidents before and after a response"), error);
}

gboolean
bb_store_problem_count_before_after (BbStore             *self,
                                     const char          *problem_id,
                                     BbAssessmentCounts  *counts,
                                     GError             **error)
{
  BB_STORE_LOCK_SCOPE (self);
  Assess a, *list[] = { &a };
  gboolean ok;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem_id != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = assess_init (&a, self, problem_id, error) && assess_all (self, list, 1, error);
  if (ok)
    *counts = a.counts;
  assess_clear (&a);
  return ok;
}

gboolean
bb_store_problems_count_before_after (BbStore             *self,
                                      const char * const  *problem_ids,
                                      guint                n_problems,
                                      BbAssessmentCounts  *counts,
                                      gboolean            *measured,
                                      GError             **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autofree Assess *all = g_new0 (Assess, MAX (n_problems, 1));
  g_autofree Assess **list = g_new0 (Assess *, MAX (n_problems, 1));
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_problems == 0 || (problem_ids != NULL && counts != NULL && measured != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_problems; i++)
    {
      g_autoptr(GError) why = NULL;

      measured[i] = assess_init (&all[i], self, problem_ids[i], &why);
      if (measured[i])
        list[n++] = &all[i];
    }
  ok = n == 0 || assess_all (self, list, n, error);
  for (guint i = 0; i < n_problems; i++)
    {
      counts[i] = all[i].counts;
      measured[i] = measured[i] && ok;
      assess_clear (&all[i]);
    }
  return ok;
}
