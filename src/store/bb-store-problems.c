/* bb-store-problems.c: a problem's incidents, its before/after counts and its moves between SARA stages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-geo.h"
#include "bb-store-private.h"
#include "bb-json.h"
#include "bb-store-problems.h"
#include "bb-store-problems-private.h"


/* A problem's area: a GeoJSON Polygon or MultiPolygon, or a Feature
 * holding one. */
static GPtrArray *
parse_area (const BbProblem  *problem,
            BbBBox           *bbox,
            GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *polygons = NULL;

  bb_bbox_init_empty (bbox);
  if (json_parser_load_from_data (parser, problem->area, -1, NULL))
    polygons = bb_json_get_polygons (json_parser_get_root (parser), bbox);
  if (polygons == NULL)
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                 _("The area of the problem “%s” is not a polygon with longitude, latitude corners."),
                 problem->title);
  return polygons;
}

static GHashTable *
strv_to_set (GStrv strv)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (strv[i]));
  return set;
}

void
bb_membership_free (BbMembership *m)
{
  g_clear_pointer (&m->problem, bb_problem_free);
  g_free (m->district_id);
  g_clear_pointer (&m->categories, g_hash_table_unref);
  g_clear_pointer (&m->included, g_hash_table_unref);
  g_clear_pointer (&m->excluded, g_hash_table_unref);
  g_free (m->stations);
  g_clear_pointer (&m->polygons, g_ptr_array_unref);
  g_clear_pointer (&m->projected, g_ptr_array_unref);
  g_free (m);
}

gboolean
bb_membership_set_categories (BbMembership        *m,
                              BbStore             *self,
                              const char * const  *category_ids,
                              GError             **error)
{
  g_autoptr(GHashTable) chosen = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_clear_pointer (&m->categories, g_hash_table_unref);
  if (category_ids == NULL || category_ids[0] == NULL)
    return TRUE;

  /* A category selects its subcategories too (the taxonomy has two levels). */
  chosen = strv_to_set ((GStrv) category_ids);
  if ((all = bb_store_category_list (self, error)) == NULL)
    return FALSE;
  m->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      BbCategory *c = g_ptr_array_index (all, i);

      if (g_hash_table_contains (chosen, c->id)
          || (c->parent_id != NULL && g_hash_table_contains (chosen, c->parent_id)))
        g_hash_table_add (m->categories, g_strdup (c->id));
    }
  return TRUE;
}

BbMembership *
bb_membership_load (BbStore     *self,
                    const char  *problem_id,
                    GError     **error)
{
  g_autoptr(BbMembership) m = g_new0 (BbMembership, 1);
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) included = NULL;
  g_auto(GStrv) excluded = NULL;

  if ((m->problem = bb_store_problem_get (self, problem_id, error)) == NULL)
    return NULL;

  if ((categories = bb_store_problem_dup_categories (self, problem_id, error)) == NULL
      || !bb_membership_set_categories (m, self, (const char * const *) categories, error))
    return NULL;

  if ((included = bb_store_problem_dup_incidents (self, problem_id, TRUE, error)) == NULL
      || (excluded = bb_store_problem_dup_incidents (self, problem_id, FALSE, error)) == NULL)
    return NULL;
  m->included = strv_to_set (included);
  m->excluded = strv_to_set (excluded);

  if (m->problem->area != NULL && m->problem->area[0] != '\0')
    {
      if ((m->polygons = parse_area (m->problem, &m->bbox, error)) == NULL)
        return NULL;
      bb_local_projection_init (&m->proj,
                                (m->bbox.min_lon + m->bbox.max_lon) / 2,
                                (m->bbox.min_lat + m->bbox.max_lat) / 2);
      m->projected = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint i = 0; i < m->polygons->len; i++)
        {
          GPtrArray *polygon = g_ptr_array_index (m->polygons, i);

          for (guint r = 0; r < polygon->len; r++)
            {
              GArray *ring = g_ptr_array_index (polygon, r);
              ProjectedRing *xy = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * ring->len);

              for (guint k = 0; k < ring->len; k++)
                {
                  const BbLonLat *p = &g_array_index (ring, BbLonLat, k);
                  double x, y;

                  bb_local_projection_forward (&m->proj, p->lon, p->lat, &x, &y);
                  g_array_append_val (xy, x);
                  g_array_append_val (xy, y);
                }
              g_ptr_array_add (m->projected, xy);
            }
        }
    }

  return g_steal_pointer (&m);
}

gboolean
bb_membership_in_area (const BbMembership *m,
         double            lon,
         double            lat)
{
  return !isnan (lon) && !isnan (lat) && bb_bbox_contains (&m->bbox, lon, lat)
         && bb_polygons_contain (m->polygons, lon, lat);
}

/* Metres from a position outside the area to the area's nearest edge. */
double
bb_membership_distance (const BbMembership *m,
                  double            lon,
                  double            lat)
{
  double px, py, best = INFINITY;

  bb_local_projection_forward (&m->proj, lon, lat, &px, &py);
  for (guint r = 0; r < m->projected->len; r++)
    {
      const ProjectedRing *ring = g_ptr_array_index (m->projected, r);
      const double *xy = (const double *) ring->data;
      guint n = ring->len / 2;

      for (guint k = 0; k < n; k++)
        {
          double ax = xy[2 * k], ay = xy[2 * k + 1];
          double bx = xy[2 * ((k + 1) % n)], by = xy[2 * ((k + 1) % n) + 1];
          double dx = bx - ax, dy = by - ay;
          double len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
          double cx, cy;

          t = CLAMP (t, 0, 1);
          cx = ax + t * dx - px;
          cy = ay + t * dy - py;
          best = MIN (best, sqrt (cx * cx + cy * cy));
        }
    }
  return best;
}

gboolean
bb_membership_category_allowed (const BbMembership *m,
                  const char       *category_id)
{
  return m->categories == NULL || (category_id != NULL && g_hash_table_contains (m->categories, category_id));
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static void
bind_time_range (sqlite3_stmt *stmt,
                 int           first,
                 gint64        start,
                 gint64        end)
{
  sqlite3_bind_int64 (stmt, first, start == BB_UNSET_TIME ? G_MININT64 : start);
  sqlite3_bind_int64 (stmt, first + 1, end == BB_UNSET_TIME ? G_MAXINT64 : end);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text == NULL || text[0] == '\0')
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* Incidents added by hand that still exist. */
static gint64
count_included (BbStore     *self,
                const char  *problem_id,
                const char  *stations,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    bb_store_prepare (self,
                      "SELECT count(*) FROM problem_incident AS pi JOIN incident AS i ON i.id = pi.incident_id"
                      " WHERE pi.problem_id = ?1 AND pi.included = 1"
                      " AND (?2 IS NULL OR i.station_id IN (SELECT value FROM json_each (?2)))", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, problem_id, -1, SQLITE_TRANSIENT);
  if (stations != NULL)
    sqlite3_bind_text (stmt, 2, stations, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting the incidents added to a problem"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
bb_membership_foreach (BbStore             *self,
                       const BbMembership  *m,
                       gint64               start,
                       gint64               end,
                       gboolean             public_only,
                       BbMembershipFunc     func,
                       gpointer             user_data,
                       GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* A problem with neither an area nor categories: nothing chosen yet
   * but by hand. */
  if (m->problem != NULL && m->polygons == NULL && m->categories == NULL)
    return TRUE;

  if (m->polygons != NULL)
    {
      /* The (lon, lat) index finds the box; the polygon decides. */
      stmt = bb_store_prepare (self,
                               "SELECT id, category_id, lon, lat, occurred_start FROM incident"
                               " WHERE lon BETWEEN ?3 AND ?4 AND lat BETWEEN ?5 AND ?6"
                               " AND occurred_start >= ?1 AND occurred_start < ?2"
                               " AND (?7 = 0 OR restricted = 0)"
                               " AND (?8 IS NULL OR station_id IN (SELECT value FROM json_each (?8)))", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 3, m->bbox.min_lon);
      sqlite3_bind_double (stmt, 4, m->bbox.max_lon);
      sqlite3_bind_double (stmt, 5, m->bbox.min_lat);
      sqlite3_bind_double (stmt, 6, m->bbox.max_lat);
    }
  else
    {
      stmt = bb_store_prepare (self,
                               "SELECT id, category_id, NULL, NULL, occurred_start FROM incident"
                               " WHERE (?3 IS NULL OR district_id = ?3)"
                               " AND occurred_start >= ?1 AND occurred_start < ?2"
                               " AND (?7 = 0 OR restricted = 0)"
                               " AND (?8 IS NULL OR station_id IN (SELECT value FROM json_each (?8)))", error);
      if (stmt == NULL)
        return FALSE;
      bind_text_or_null (stmt, 3, m->problem != NULL ? m->problem->district_id : m->district_id);
    }
  bind_time_range (stmt, 1, start, end);
  sqlite3_bind_int (stmt, 7, public_only ? 1 : 0);
  if (m->stations != NULL)
    sqlite3_bind_text (stmt, 8, m->stations, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *category_id = (const char *) sqlite3_column_text (stmt, 1);

      if ((m->included != NULL && g_hash_table_contains (m->included, id))
          || (m->excluded != NULL && g_hash_table_contains (m->excluded, id)))
        continue;
      if (!bb_membership_category_allowed (m, category_id))
        continue;
      if (m->polygons != NULL && !bb_membership_in_area (m, column_double (stmt, 2), column_double (stmt, 3)))
        continue;
      func (id, sqlite3_column_int64 (stmt, 4), user_data);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading a problem’s incidents"));
      return FALSE;
    }
  return TRUE;
}

static void
count_one (const char *id,
           gint64      occurred_start,
           gpointer    user_data)
{
  (*(gint64 *) user_data)++;
}

gint64
bb_store_problem_count_incidents (BbStore     *self,
                                  const char  *problem_id,
                                  GError     **error)
{
  return bb_store_problem_count_station_incidents (self, problem_id, NULL, error);
}

gint64
bb_store_problem_count_station_incidents (BbStore            *self,
                                          const char         *problem_id,
                                          const char * const *station_ids,
                                          GError            **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbMembership) m = NULL;
  gint64 n;

  g_return_val_if_fail (BB_IS_STORE (self), -1);
  g_return_val_if_fail (problem_id != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if ((m = bb_membership_load (self, problem_id, error)) == NULL)
    return -1;
  if (station_ids != NULL && station_ids[0] != NULL)
    m->stations = bb_store_strv_to_json (station_ids);
  if ((n = count_included (self, problem_id, m->stations, error)) < 0)
    return -1;
  if (!bb_membership_foreach (self, m, m->problem->period_start, m->problem->period_end, FALSE,
                              count_one, &n, error))
    return -1;
  return n;
}

gboolean
bb_store_problem_move (BbStore      *self,
                       const char   *problem_id,
                       BbSaraStage   stage,
                       GError      **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  guint n_agreed = 0;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem_id != NULL, FALSE);
  g_return_val_if_fail (stage < BB_SARA_N_STAGES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((problem = bb_store_problem_get (self, problem_id, error)) == NULL)
    return FALSE;
  if ((responses = bb_store_response_list (self, problem_id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < responses->len; i++)
    if (((BbResponse *) g_ptr_array_index (responses, i))->agreed)
      n_agreed++;

  if (!bb_sara_check_move (problem, n_agreed, stage, error))
    return FALSE;

  g_free (problem->stage);
  problem->stage = g_strdup (bb_sara_stage_to_string (stage));
  return bb_store_problem_update (self, problem, error);
}

/* Asynchronous calls ---------------------------------------------------- */

/* The problem's id, then the stations' (NULL-terminated). */
static gpointer
count_incidents_func (BbStore       *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  char **ids = data;
  gint64 n = bb_store_problem_count_station_incidents (store, ids[0], (const char * const *) ids + 1, error);

  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

void
bb_store_problem_count_incidents_async (BbStore             *self,
                                        const char          *problem_id,
                                        const char * const  *station_ids,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GStrvBuilder *builder;

  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (problem_id != NULL);

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, problem_id);
  if (station_ids != NULL)
    g_strv_builder_addv (builder, (const char **) station_ids);
  bb_store_run_async_full (self, count_incidents_func, g_free, g_strv_builder_end (builder),
                           (GDestroyNotify) g_strfreev, cancellable, callback, user_data);
  g_strv_builder_unref (builder);
}

gint64
bb_store_problem_count_incidents_finish (BbStore       *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autofree gint64 *n = bb_store_run_finish (self, result, error);

  return n != NULL ? *n : -1;
}

static gpointer
count_before_after_func (BbStore       *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  BbAssessmentCounts counts;

  if (!bb_store_problem_count_before_after (store, data, &counts, error))
    return NULL;
  return g_memdup2 (&counts, sizeof counts);
}

void
bb_store_problem_count_before_after_async (BbStore             *self,
                                           const char          *problem_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (problem_id != NULL);

  bb_store_run_async_full (self, count_before_after_func, g_free, g_strdup (problem_id), g_free, cancellable,
                           callback, user_data);
}

gboolean
bb_store_problem_count_before_after_finish (BbStore             *self,
                                            GAsyncResult        *result,
                                            BbAssessmentCounts  *counts,
                                            GError             **error)
{
  g_autofree BbAssessmentCounts *c = bb_store_run_finish (self, result, error);

  if (c == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *c;
  return TRUE;
}

typedef struct {
  char        *problem_id;
  BbSaraStage  stage;
} MoveData;

static void
move_data_free (MoveData *data)
{
  g_free (data->problem_id);
  g_free (data);
}

static gpointer
move_func (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  MoveData *move = data;

  return bb_store_problem_move (store, move->problem_id, move->stage, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
bb_store_problem_move_async (BbStore             *self,
                             const char          *problem_id,
                             BbSaraStage          stage,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  MoveData *data;

  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (problem_id != NULL);
  g_return_if_fail (stage < BB_SARA_N_STAGES);

  data = g_new0 (MoveData, 1);
  data->problem_id = g_strdup (problem_id);
  data->stage = stage;
  bb_store_run_async (self, move_func, data, (GDestroyNotify) move_data_free,
                      cancellable, callback, user_data);
}

gboolean
bb_store_problem_move_finish (BbStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return bb_store_run_finish (self, result, error) != NULL;
}
