/* bb-map-districts.c: the station's districts as units of a hot-spot analysis: their shapes and which share a border */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-districts"

#include "config.h"

#include <math.h>

#include "bb-map-districts.h"

/* Squared distance in metres from (px, py) to the segment (ax, ay)–(bx, by). */
static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* Whether a corner of @a comes within the touching distance of @b's edges;
 * positions in metres of one local projection, per ring x y x y … */
static gboolean
corner_touches (GPtrArray *a,
                GPtrArray *b)
{
  const double limit2 = BB_MAP_DISTRICTS_TOUCH_M * BB_MAP_DISTRICTS_TOUCH_M;

  for (guint i = 0; i < a->len; i++)
    {
      GArray *ring_a = g_ptr_array_index (a, i);

      for (guint k = 0; k < ring_a->len / 2; k++)
        {
          double px = g_array_index (ring_a, double, 2 * k), py = g_array_index (ring_a, double, 2 * k + 1);

          for (guint j = 0; j < b->len; j++)
            {
              GArray *ring_b = g_ptr_array_index (b, j);
              guint m = ring_b->len / 2;

              for (guint e = 0; e < m; e++)
                {
                  guint f = (e + 1) % m;

                  if (segment_distance2 (px, py,
                                         g_array_index (ring_b, double, 2 * e), g_array_index (ring_b, double, 2 * e + 1),
                                         g_array_index (ring_b, double, 2 * f), g_array_index (ring_b, double, 2 * f + 1))
                      <= limit2)
                    return TRUE;
                }
            }
        }
    }
  return FALSE;
}

BbMapDistricts *
bb_map_districts_new (GPtrArray *rings)
{
  BbMapDistricts *self;
  g_autoptr(GPtrArray) metres = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  BbLocalProjection proj;
  BbBBox all;

  g_return_val_if_fail (rings != NULL, NULL);

  self = g_atomic_rc_box_new0 (BbMapDistricts);
  self->n = rings->len;
  self->rings = g_ptr_array_ref (rings);
  self->boxes = g_new (BbBBox, MAX (self->n, 1));
  bb_bbox_init_empty (&all);
  for (guint d = 0; d < self->n; d++)
    {
      GPtrArray *shape = g_ptr_array_index (rings, d);

      bb_bbox_init_empty (&self->boxes[d]);
      for (guint r = 0; r < shape->len; r++)
        {
          GArray *ring = g_ptr_array_index (shape, r);

          for (guint k = 0; k < ring->len; k++)
            {
              const BbLonLat *p = &g_array_index (ring, BbLonLat, k);

              bb_bbox_extend (&self->boxes[d], p->lon, p->lat);
              bb_bbox_extend (&all, p->lon, p->lat);
            }
        }
    }
  bb_local_projection_init (&proj, bb_bbox_is_empty (&all) ? 0 : (all.min_lon + all.max_lon) / 2,
                            bb_bbox_is_empty (&all) ? 0 : (all.min_lat + all.max_lat) / 2);

  for (guint d = 0; d < self->n; d++)
    {
      GPtrArray *shape = g_ptr_array_index (rings, d);
      GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

      for (guint r = 0; r < shape->len; r++)
        {
          GArray *ring = g_ptr_array_index (shape, r);
          GArray *xy = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * ring->len);

          for (guint k = 0; k < ring->len; k++)
            {
              const BbLonLat *p = &g_array_index (ring, BbLonLat, k);
              double x, y;

              bb_local_projection_forward (&proj, p->lon, p->lat, &x, &y);
              g_array_append_val (xy, x);
              g_array_append_val (xy, y);
            }
          g_ptr_array_add (out, xy);
        }
      g_ptr_array_add (metres, out);
    }

  for (guint a = 0; a < self->n; a++)
    for (guint b = a + 1; b < self->n; b++)
      {
        BbBBox box = self->boxes[a];
        double pad_lat = BB_MAP_DISTRICTS_TOUCH_M / proj.metres_per_deg_lat;
        double pad_lon = BB_MAP_DISTRICTS_TOUCH_M / proj.metres_per_deg_lon;

        if (bb_bbox_is_empty (&box) || bb_bbox_is_empty (&self->boxes[b])
            || box.min_lon - pad_lon > self->boxes[b].max_lon || box.max_lon + pad_lon < self->boxes[b].min_lon
            || box.min_lat - pad_lat > self->boxes[b].max_lat || box.max_lat + pad_lat < self->boxes[b].min_lat)
          continue;
        if (corner_touches (g_ptr_array_index (metres, a), g_ptr_array_index (metres, b))
            || corner_touches (g_ptr_array_index (metres, b), g_ptr_array_index (metres, a)))
          {
            g_array_append_val (pairs, a);
            g_array_append_val (pairs, b);
          }
      }
  self->neighbours = bb_neighbours_new_from_pairs (self->n, (const guint *) pairs->data, pairs->len / 2);
  return self;
}

BbMapDistricts *
bb_map_districts_ref (BbMapDistricts *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
districts_clear (BbMapDistricts *self)
{
  g_clear_pointer (&self->rings, g_ptr_array_unref);
  g_clear_pointer (&self->boxes, g_free);
  g_clear_pointer (&self->neighbours, bb_neighbours_free);
}

void
bb_map_districts_unref (BbMapDistricts *self)
{
  if (self != NULL)
    g_atomic_rc_box_release_full (self, (GDestroyNotify) districts_clear);
}

int
bb_map_districts_find (BbMapDistricts *self,
                       double          lon,
                       double          lat)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint d = 0; d < self->n; d++)
    {
      GPtrArray *shape = g_ptr_array_index (self->rings, d);

      if (!bb_bbox_contains (&self->boxes[d], lon, lat))
        continue;
      for (guint r = 0; r < shape->len; r++)
        {
          GArray *ring = g_ptr_array_index (shape, r);

          if (bb_ring_contains ((const BbLonLat *) ring->data, ring->len, lon, lat))
            return (int) d;
        }
    }
  return -1;
}
