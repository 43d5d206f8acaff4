/* bb-geo.c: WGS84 geometry: boxes, rings, distances and a local metric projection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-geo"

#include "config.h"

#include <math.h>

#include "bb-geo.h"

void
bb_bbox_init_empty (BbBBox *box)
{
  box->min_lon = box->min_lat = INFINITY;
  box->max_lon = box->max_lat = -INFINITY;
}

void
bb_bbox_extend (BbBBox *box,
                double  lon,
                double  lat)
{
  box->min_lon = MIN (box->min_lon, lon);
  box->max_lon = MAX (box->max_lon, lon);
  box->min_lat = MIN (box->min_lat, lat);
  box->max_lat = MAX (box->max_lat, lat);
}

gboolean
bb_bbox_is_empty (const BbBBox *box)
{
  return !(box->min_lon <= box->max_lon && box->min_lat <= box->max_lat);
}

gboolean
bb_bbox_contains (const BbBBox *box,
                  double        lon,
                  double        lat)
{
  return lon >= box->min_lon && lon <= box->max_lon
         && lat >= box->min_lat && lat <= box->max_lat;
}

/* Even-odd crossing test; the ring may or may not repeat its first point. */
gboolean
bb_ring_contains (const BbLonLat *ring,
                  gsize           n_points,
                  double          lon,
                  double          lat)
{
  gboolean inside = FALSE;
  gsize i, j;

  if (n_points < 3)
    return FALSE;

  for (i = 0, j = n_points - 1; i < n_points; j = i++)
    {
      const BbLonLat *a = &ring[i];
      const BbLonLat *b = &ring[j];

      if ((a->lat > lat) != (b->lat > lat)
          && lon < (b->lon - a->lon) * (lat - a->lat) / (b->lat - a->lat) + a->lon)
        inside = !inside;
    }
  return inside;
}

gboolean
bb_polygons_contain (GPtrArray *polygons,
                     double     lon,
                     double     lat)
{
  for (guint i = 0; i < polygons->len; i++)
    {
      GPtrArray *polygon = g_ptr_array_index (polygons, i);
      GArray *outline = g_ptr_array_index (polygon, 0);
      gboolean in_hole = FALSE;

      if (!bb_ring_contains ((const BbLonLat *) outline->data, outline->len, lon, lat))
        continue;
      for (guint h = 1; h < polygon->len && !in_hole; h++)
        {
          GArray *hole = g_ptr_array_index (polygon, h);

          in_hole = bb_ring_contains ((const BbLonLat *) hole->data, hole->len, lon, lat);
        }
      if (!in_hole)
        return TRUE;
    }
  return FALSE;
}

double
bb_geo_distance_m (double lon1,
                   double lat1,
                   double lon2,
                   double lat2)
{
  double phi1 = lat1 * G_PI / 180.0;
  double phi2 = lat2 * G_PI / 180.0;
  double dphi = phi2 - phi1;
  double dlambda = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dphi / 2) * sin (dphi / 2)
             + cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * BB_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

void
bb_local_projection_init (BbLocalProjection *proj,
                          double             origin_lon,
                          double             origin_lat)
{
  double metres_per_rad = BB_EARTH_RADIUS_M;

  proj->origin_lon = origin_lon;
  proj->origin_lat = origin_lat;
  proj->metres_per_deg_lat = metres_per_rad * G_PI / 180.0;
  proj->metres_per_deg_lon = proj->metres_per_deg_lat * cos (origin_lat * G_PI / 180.0);
}

void
bb_local_projection_forward (const BbLocalProjection *proj,
                             double                   lon,
                             double                   lat,
                             double                  *x,
                             double                  *y)
{
  *x = (lon - proj->origin_lon) * proj->metres_per_deg_lon;
  *y = (lat - proj->origin_lat) * proj->metres_per_deg_lat;
}

void
bb_local_projection_inverse (const BbLocalProjection *proj,
                             double                   x,
                             double                   y,
                             double                  *lon,
                             double                  *lat)
{
  *lon = proj->origin_lon + x / proj->metres_per_deg_lon;
  *lat = proj->origin_lat + y / proj->metres_per_deg_lat;
}
