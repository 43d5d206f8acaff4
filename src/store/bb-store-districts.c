/* bb-store-districts.c: district boundaries, and which district a position lies in */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-geo.h"
#include "bb-store-private.h"
#include "bb-json.h"

/* A district's boundary, parsed once: polygons, each a GPtrArray of rings
 * (GArray of BbLonLat), the first ring the outline, the others holes. */
typedef struct {
  char      *id;
  BbBBox     bbox;
  GPtrArray *polygons;
} DistrictShape;

static void
district_shape_free (DistrictShape *shape)
{
  g_free (shape->id);
  g_ptr_array_unref (shape->polygons);
  g_free (shape);
}

/* A GeoJSON Polygon or MultiPolygon (or a Feature holding one). */
static GPtrArray *
parse_boundary (const char  *geojson,
                BbBBox      *bbox,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *polygons;

  bb_bbox_init_empty (bbox);
  if (!json_parser_load_from_data (parser, geojson, -1, error))
    return NULL;
  polygons = bb_json_get_polygons (json_parser_get_root (parser), bbox);
  if (polygons == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("it is not a polygon with longitude, latitude corners"));
  return polygons;
}

gboolean
bb_store_district_compute_bbox (BbDistrict  *district,
                                GError     **error)
{
  g_autoptr(GPtrArray) polygons = NULL;
  g_autoptr(GError) local_error = NULL;
  BbBBox bbox;

  if (district->boundary == NULL || *district->boundary == '\0')
    {
      district->min_lon = district->min_lat = district->max_lon = district->max_lat = NAN;
      return TRUE;
    }

  polygons = parse_boundary (district->boundary, &bbox, &local_error);
  if (polygons == NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The boundary of district “%s” is not a GeoJSON polygon: %s"),
                   district->name, local_error->message);
      return FALSE;
    }
  district->min_lon = bbox.min_lon;
  district->min_lat = bbox.min_lat;
  district->max_lon = bbox.max_lon;
  district->max_lat = bbox.max_lat;
  return TRUE;
}

void
bb_store_districts_changed (BbStore *self)
{
  g_clear_pointer (&self->district_shapes, g_ptr_array_unref);
}

static GPtrArray *
load_shapes (BbStore  *self,
             GError  **error)
{
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) district_shape_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bb_store_prepare (self,
                           "SELECT id, name, boundary FROM district WHERE boundary IS NOT NULL AND boundary <> ''"
                           " ORDER BY code, name, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      DistrictShape *shape = g_new0 (DistrictShape, 1);

      shape->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      shape->polygons = parse_boundary ((const char *) sqlite3_column_text (stmt, 2), &shape->bbox, &local_error);
      if (shape->polygons == NULL)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("The boundary of district “%s” is not a GeoJSON polygon: %s"),
                       (const char *) sqlite3_column_text (stmt, 1), local_error->message);
          g_free (shape->id);
          g_free (shape);
          return NULL;
        }
      g_ptr_array_add (shapes, shape);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the district boundaries"));
      return NULL;
    }
  return g_steal_pointer (&shapes);
}

GPtrArray *
bb_store_dup_district_shapes (BbStore  *self,
                              GError  **error)
{
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  if (self->district_shapes == NULL)
    {
      self->district_shapes = load_shapes (self, error);
      if (self->district_shapes == NULL)
        return NULL;
    }
  return g_ptr_array_ref (self->district_shapes);
}

const char *
bb_district_shapes_find (GPtrArray *shapes,
                         double     lon,
                         double     lat)
{
  if (!isfinite (lon) || !isfinite (lat))
    return NULL;
  for (guint i = 0; i < shapes->len; i++)
    {
      DistrictShape *shape = g_ptr_array_index (shapes, i);

      if (bb_bbox_contains (&shape->bbox, lon, lat) && bb_polygons_contain (shape->polygons, lon, lat))
        return shape->id;
    }
  return NULL;
}

char *
bb_store_district_at (BbStore     *self,
                      double       lon,
                      double       lat,
                      GError     **error)
{
  g_autoptr(GPtrArray) shapes = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  if (!isfinite (lon) || !isfinite (lat))
    return NULL;
  shapes = bb_store_dup_district_shapes (self, error);
  if (shapes == NULL)
    return NULL;
  return g_strdup (bb_district_shapes_find (shapes, lon, lat));
}

gboolean
bb_store_districts_reassign (BbStore           *self,
                             const char        *district_id,
                             const BbDistrict  *box,
                             guint64           *n_changed,
                             GError           **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_box = box != NULL && !isnan (box->min_lon) && !isnan (box->max_lon)
                     && !isnan (box->min_lat) && !isnan (box->max_lat);
  gint64 now = bb_store_now_us ();
  int rc;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  bb_store_districts_changed (self);

  /* The incidents that may have come in (inside the new box) and those
   * that may have gone out (assigned to the district until now); the
   * position index finds the first, the district index the second. */
  select = bb_store_prepare (self,
                             "SELECT rowid, lon, lat, district_id FROM incident"
                             " WHERE district_overridden = 0 AND lon IS NOT NULL"
                             " AND lon BETWEEN ?1 AND ?2 AND lat BETWEEN ?3 AND ?4"
                             " UNION "
                             "SELECT rowid, lon, lat, district_id FROM incident"
                             " WHERE district_overridden = 0 AND lon IS NOT NULL AND district_id = ?5", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_double (select, 1, has_box ? box->min_lon : 1);
  sqlite3_bind_double (select, 2, has_box ? box->max_lon : 0);
  sqlite3_bind_double (select, 3, has_box ? box->min_lat : 1);
  sqlite3_bind_double (select, 4, has_box ? box->max_lat : 0);
  sqlite3_bind_text (select, 5, district_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 rowid = sqlite3_column_int64 (select, 0);
      const char *old = (const char *) sqlite3_column_text (select, 3);
      g_autofree char *now_in = bb_store_district_at (self, sqlite3_column_double (select, 1),
                                                      sqlite3_column_double (select, 2), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_strcmp0 (old, now_in) == 0)
        continue;
      g_array_append_val (rowids, rowid);
      g_ptr_array_add (changes, g_steal_pointer (&now_in));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Finding the incidents of a district"));
      return FALSE;
    }
  g_clear_pointer (&select, sqlite3_finalize);

  update = bb_store_prepare (self, "UPDATE incident SET district_id = ?2, updated_at = ?3 WHERE rowid = ?1", error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < rowids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (rowids, gint64, i));
      sqlite3_bind_text (update, 2, g_ptr_array_index (changes, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 3, now);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Giving incidents the district their position lies in"));
          return FALSE;
        }
    }
  if (n_changed != NULL)
    *n_changed = rowids->len;
  return TRUE;
}

static gboolean
count_in_district (BbStore     *self,
                   const char  *district_id,
                   gint64      *count,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, "SELECT count(*) FROM incident WHERE district_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, district_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting the incidents of a district"));
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
bb_store_district_set_boundary (BbStore     *self,
                                const char  *district_id,
                                const char  *boundary,
                                gint64      *n_before,
                                gint64      *n_after,
                                GError     **error)
{
  BB_STORE_LOCK_SCOPE (self);
  g_autoptr(BbDistrict) district = NULL;
  gint64 before = 0, after = 0;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (district_id != NULL, FALSE);

  district = bb_store_district_get (self, district_id, error);
  if (district == NULL || !count_in_district (self, district_id, &before, error))
    return FALSE;
  g_free (district->boundary);
  district->boundary = g_strdup (boundary);
  /* One transaction: the boundary, its audit line, and the incidents
   * that came in or went out with theirs. */
  if (!bb_store_district_update (self, district, error) || !count_in_district (self, district_id, &after, error))
    return FALSE;
  if (n_before != NULL)
    *n_before = before;
  if (n_after != NULL)
    *n_after = after;
  return TRUE;
}
