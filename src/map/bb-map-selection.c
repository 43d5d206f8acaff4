/* bb-map-selection.c: an area selected on the map (a rectangle or a polygon) and the incidents inside it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-selection"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-hotspot-problem.h"
#include "bb-map-selection.h"
#include "bb-store-map.h"

BbMapSelection *
bb_map_selection_new_box (const BbBBox *box)
{
  BbMapSelection *self;

  g_return_val_if_fail (box != NULL, NULL);

  self = g_new0 (BbMapSelection, 1);
  self->box = *box;
  return self;
}

/* Twice the signed area in degrees²: positive when counter-clockwise. */
static double
ring_signed_area2 (const BbLonLat *ring,
                   gsize           n)
{
  double sum = 0;

  for (gsize i = 0, j = n - 1; i < n; j = i++)
    sum += (ring[j].lon * ring[i].lat) - (ring[i].lon * ring[j].lat);
  return sum;
}

BbMapSelection *
bb_map_selection_new_polygon (const BbLonLat *ring,
                              gsize           n_points)
{
  BbMapSelection *self;
  BbBBox box;

  g_return_val_if_fail (ring != NULL || n_points == 0, NULL);

  /* A ring drawn closed repeats its first corner. */
  if (n_points > 1 && ring[0].lon == ring[n_points - 1].lon && ring[0].lat == ring[n_points - 1].lat)
    n_points--;
  if (n_points < 3)
    return NULL;
  bb_bbox_init_empty (&box);
  for (gsize i = 0; i < n_points; i++)
    {
      if (!isfinite (ring[i].lon) || !isfinite (ring[i].lat))
        return NULL;
      bb_bbox_extend (&box, ring[i].lon, ring[i].lat);
    }
  /* Corners in a line (to rounding) enclose nothing. */
  if (fabs (ring_signed_area2 (ring, n_points))
      <= 1e-9 * (box.max_lon - box.min_lon) * (box.max_lat - box.min_lat) + 1e-300)
    return NULL;

  self = g_new0 (BbMapSelection, 1);
  self->ring = g_array_sized_new (FALSE, FALSE, sizeof (BbLonLat), n_points);
  g_array_append_vals (self->ring, ring, n_points);
  self->box = box;
  return self;
}

BbMapSelection *
bb_map_selection_copy (const BbMapSelection *self)
{
  BbMapSelection *copy;

  if (self == NULL)
    return NULL;
  copy = g_new0 (BbMapSelection, 1);
  copy->box = self->box;
  if (self->ring != NULL)
    copy->ring = g_array_copy (self->ring);
  return copy;
}

void
bb_map_selection_free (BbMapSelection *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->ring, g_array_unref);
  g_free (self);
}

gboolean
bb_map_selection_is_polygon (const BbMapSelection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->ring != NULL;
}

gboolean
bb_map_selection_contains (const BbMapSelection *self,
                           double                lon,
                           double                lat)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!bb_bbox_contains (&self->box, lon, lat))
    return FALSE;
  return self->ring == NULL || bb_ring_contains ((const BbLonLat *) self->ring->data, self->ring->len, lon, lat);
}

guint
bb_map_selection_count (const BbMapSelection *self,
                        GArray               *points,
                        GArray               *selected,
                        const guint16        *top,
                        guint                *counts)
{
  const BbMapPoint *p;
  guint n, total = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (points != NULL, 0);
  g_return_val_if_fail (counts == NULL || top != NULL, 0);

  p = (const BbMapPoint *) points->data;
  n = selected != NULL ? selected->len : points->len;
  for (guint k = 0; k < n; k++)
    {
      const BbMapPoint *q = &p[selected != NULL ? g_array_index (selected, guint, k) : k];

      if (!bb_map_selection_contains (self, q->lon, q->lat))
        continue;
      if (counts != NULL)
        counts[top[q->category]]++;
      total++;
    }
  return total;
}

void
bb_map_selection_apply (const BbMapSelection *self,
                        BbIncidentFilter     *filter)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (filter != NULL);

  if (self->ring != NULL)
    bb_incident_filter_set_polygon (filter, (const BbLonLat *) self->ring->data, self->ring->len);
  else
    bb_incident_filter_set_bbox (filter, &self->box);
}

static void
append_coordinate (GString *out,
                   double   lon,
                   double   lat)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "[%s,%s]", g_ascii_formatd (x, sizeof x, "%.7f", lon),
                          g_ascii_formatd (y, sizeof y, "%.7f", lat));
}

char *
bb_map_selection_to_geojson (const BbMapSelection *self)
{
  g_autoptr(GString) out = g_string_new ("{\"type\":\"Polygon\",\"coordinates\":[[");

  g_return_val_if_fail (self != NULL, NULL);

  if (self->ring == NULL)
    {
      const BbBBox *b = &self->box;

      append_coordinate (out, b->min_lon, b->min_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b->max_lon, b->min_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b->max_lon, b->max_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b->min_lon, b->max_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b->min_lon, b->min_lat);
    }
  else
    {
      const BbLonLat *r = (const BbLonLat *) self->ring->data;
      guint n = self->ring->len;
      /* Counter-clockwise, as RFC 7946 asks of outer rings, and closed. */
      gboolean reverse = ring_signed_area2 (r, n) < 0;

      for (guint k = 0; k < n; k++)
        {
          const BbLonLat *p = &r[reverse ? n - 1 - k : k];

          append_coordinate (out, p->lon, p->lat);
          g_string_append_c (out, ',');
        }
      append_coordinate (out, r[reverse ? n - 1 : 0].lon, r[reverse ? n - 1 : 0].lat);
    }
  g_string_append (out, "]]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
bb_map_selection_get_centre (const BbMapSelection *self,
                             double               *lon,
                             double               *lat)
{
  g_return_if_fail (self != NULL);

  *lon = (self->box.min_lon + self->box.max_lon) / 2;
  *lat = (self->box.min_lat + self->box.max_lat) / 2;
}

BbProblem *
bb_map_selection_problem_new (const BbMapSelection   *self,
                              const BbIncidentFilter *filter,
                              const char             *what,
                              guint                   total)
{
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(GString) statement = g_string_new (NULL);
  g_autofree char *period = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  period = bb_hotspot_describe_period (filter);
  problem = bb_problem_new ();
  g_free (problem->stage);
  problem->stage = g_strdup ("scanning");
  problem->priority = 2;
  /* What the incidents are ("Burglary"); creating the problem adds the
   * district ("Burglary in Old Town"). */
  problem->title = g_strdup (what != NULL ? what : _("Incidents"));
  problem->area = bb_map_selection_to_geojson (self);
  problem->period_start = filter != NULL ? filter->start : BB_UNSET_TIME;
  problem->period_end = filter != NULL ? filter->end : BB_UNSET_TIME;
  g_string_append_printf (statement,
                          g_dngettext (NULL,
                                       /* Translators: %u incidents, %s what ("Burglary"), %s the period ("from 1 January 2026 to 31 March 2026") */
                                       "%u incident (%s, %s) in an area selected on the map.",
                                       "%u incidents (%s, %s) in an area selected on the map.",
                                       total),
                          total, what != NULL ? what : _("all categories"), period);
  bb_hotspot_append_filter_note (statement, filter, TRUE);
  problem->statement = g_string_free (g_steal_pointer (&statement), FALSE);
  return g_steal_pointer (&problem);
}
