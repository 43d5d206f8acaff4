/* bb-geo.h: WGS84 geometry: boxes, rings, distances and a local metric projection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_EARTH_RADIUS_M 6371008.8

typedef struct {
  double min_lon, min_lat, max_lon, max_lat;
} BbBBox;

typedef struct {
  double lon, lat;
} BbLonLat;

/* A local equirectangular projection around an origin: metres east and
 * north.  Good to well under 0.1 % across a town. */
typedef struct {
  double origin_lon, origin_lat;
  double metres_per_deg_lon, metres_per_deg_lat;
} BbLocalProjection;

void     bb_bbox_init_empty        (BbBBox           *box);
void     bb_bbox_extend            (BbBBox           *box,
                                    double            lon,
                                    double            lat);
gboolean bb_bbox_is_empty          (const BbBBox     *box);
gboolean bb_bbox_contains          (const BbBBox     *box,
                                    double            lon,
                                    double            lat);

gboolean bb_ring_contains          (const BbLonLat   *ring,
                                    gsize             n_points,
                                    double            lon,
                                    double            lat);

/* @polygons: a GPtrArray of polygons, each a GPtrArray of rings
 * (GArray of BbLonLat), its outline first and then its holes.  TRUE when
 * the position is inside an outline and outside that polygon's holes. */
gboolean bb_polygons_contain       (GPtrArray        *polygons,
                                    double            lon,
                                    double            lat);

double   bb_geo_distance_m         (double            lon1,
                                    double            lat1,
                                    double            lon2,
                                    double            lat2);

void     bb_local_projection_init  (BbLocalProjection *proj,
                                    double             origin_lon,
                                    double             origin_lat);
void     bb_local_projection_forward (const BbLocalProjection *proj,
                                      double                   lon,
                                      double                   lat,
                                      double                  *x,
                                      double                  *y);
void     bb_local_projection_inverse (const BbLocalProjection *proj,
                                      double                   x,
                                      double                   y,
                                      double                  *lon,
                                      double                  *lat);

G_END_DECLS
