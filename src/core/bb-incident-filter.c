/* bb-incident-filter.c: which incidents a view shows; shared by the incidents table and the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-incident-filter.h"
#include "bb-records.h"

G_DEFINE_BOXED_TYPE (BbIncidentFilter, bb_incident_filter,
                     bb_incident_filter_copy, bb_incident_filter_free)

BbIncidentFilter *
bb_incident_filter_new (void)
{
  BbIncidentFilter *self = g_new0 (BbIncidentFilter, 1);

  self->start = BB_UNSET_TIME;
  self->end = BB_UNSET_TIME;
  self->restricted = BB_RESTRICTED_ANY;
  bb_bbox_init_empty (&self->bbox);
  return self;
}

BbIncidentFilter *
bb_incident_filter_copy (const BbIncidentFilter *self)
{
  BbIncidentFilter *copy;

  if (self == NULL)
    return NULL;

  copy = g_memdup2 (self, sizeof *self);
  copy->category_ids = g_strdupv (self->category_ids);
  copy->district_ids = g_strdupv (self->district_ids);
  copy->statuses = g_strdupv (self->statuses);
  copy->sources = g_strdupv (self->sources);
  copy->station_ids = g_strdupv (self->station_ids);
  copy->text = g_strdup (self->text);
  if (self->polygon != NULL)
    copy->polygon = g_array_copy (self->polygon);
  return copy;
}

void
bb_incident_filter_free (BbIncidentFilter *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->category_ids);
  g_strfreev (self->district_ids);
  g_strfreev (self->statuses);
  g_strfreev (self->sources);
  g_strfreev (self->station_ids);
  g_free (self->text);
  g_clear_pointer (&self->polygon, g_array_unref);
  g_free (self);
}

static gboolean
strv_equal0 (char * const *a,
             char * const *b)
{
  gboolean a_empty = a == NULL || a[0] == NULL;
  gboolean b_empty = b == NULL || b[0] == NULL;

  if (a_empty || b_empty)
    return a_empty == b_empty;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
bb_incident_filter_equal (const BbIncidentFilter *a,
                          const BbIncidentFilter *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->start == b->start && a->end == b->end
         && a->restricted == b->restricted
         && strv_equal0 (a->category_ids, b->category_ids)
         && strv_equal0 (a->district_ids, b->district_ids)
         && strv_equal0 (a->statuses, b->statuses)
         && strv_equal0 (a->sources, b->sources)
         && strv_equal0 (a->station_ids, b->station_ids)
         && g_strcmp0 (a->text, b->text) == 0
         && a->has_bbox == b->has_bbox
         && (!a->has_bbox || memcmp (&a->bbox, &b->bbox, sizeof a->bbox) == 0)
         && (a->polygon == NULL) == (b->polygon == NULL)
         && (a->polygon == NULL
             || (a->polygon->len == b->polygon->len
                 && memcmp (a->polygon->data, b->polygon->data, a->polygon->len * sizeof (BbLonLat)) == 0));
}

gboolean
bb_incident_filter_validate (const BbIncidentFilter  *self,
                             GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->start != BB_UNSET_TIME && self->end != BB_UNSET_TIME && self->end < self->start)
    {
      g_set_error_literal (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID,
                           _("The time range ends before it starts"));
      return FALSE;
    }
  if ((guint) self->restricted > BB_RESTRICTED_EXCLUDE)
    {
      g_set_error (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID,
                   _("Unknown choice %d for restricted incidents"), (int) self->restricted);
      return FALSE;
    }
  if (self->has_bbox
      && (self->bbox.min_lon > self->bbox.max_lon || self->bbox.min_lat > self->bbox.max_lat))
    {
      g_set_error_literal (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID,
                           _("The map area of the filter is empty"));
      return FALSE;
    }
  return TRUE;
}

void
bb_incident_filter_set_time_range (BbIncidentFilter *self,
                                   gint64            start,
                                   gint64            end)
{
  g_return_if_fail (self != NULL);
  self->start = start;
  self->end = end;
}

static void
replace_strv (GStrv              *field,
              const char * const *values)
{
  g_strfreev (*field);
  *field = (values != NULL && values[0] != NULL) ? g_strdupv ((char **) values) : NULL;
}

void
bb_incident_filter_set_category_ids (BbIncidentFilter   *self,
                                     const char * const *ids)
{
  g_return_if_fail (self != NULL);
  replace_strv (&self->category_ids, ids);
}

void
bb_incident_filter_set_district_ids (BbIncidentFilter   *self,
                                     const char * const *ids)
{
  g_return_if_fail (self != NULL);
  replace_strv (&self->district_ids, ids);
}

void
bb_incident_filter_set_statuses (BbIncidentFilter   *self,
                                 const char * const *statuses)
{
  g_return_if_fail (self != NULL);
  replace_strv (&self->statuses, statuses);
}

void
bb_incident_filter_set_sources (BbIncidentFilter   *self,
                                const char * const *sources)
{
  g_return_if_fail (self != NULL);
  replace_strv (&self->sources, sources);
}

void
bb_incident_filter_set_station_ids (BbIncidentFilter   *self,
                                    const char * const *ids)
{
  g_return_if_fail (self != NULL);
  replace_strv (&self->station_ids, ids);
}

void
bb_incident_filter_set_text (BbIncidentFilter *self,
                             const char       *text)
{
  g_return_if_fail (self != NULL);
  g_free (self->text);
  self->text = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
}

void
bb_incident_filter_set_bbox (BbIncidentFilter *self,
                             const BbBBox     *bbox)
{
  g_return_if_fail (self != NULL);
  /* A new box is a new area: a ring drawn before no longer applies. */
  g_clear_pointer (&self->polygon, g_array_unref);
  self->has_bbox = bbox != NULL;
  if (bbox != NULL)
    self->bbox = *bbox;
}

void
bb_incident_filter_set_polygon (BbIncidentFilter *self,
                                const BbLonLat   *ring,
                                gsize             n_points)
{
  BbBBox box;

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->polygon, g_array_unref);
  if (ring == NULL || n_points < 3)
    return;
  bb_bbox_init_empty (&box);
  for (gsize i = 0; i < n_points; i++)
    bb_bbox_extend (&box, ring[i].lon, ring[i].lat);
  bb_incident_filter_set_bbox (self, &box);
  self->polygon = g_array_sized_new (FALSE, FALSE, sizeof (BbLonLat), n_points);
  g_array_append_vals (self->polygon, ring, n_points);
}

gboolean
bb_incident_filter_contains_position (const BbIncidentFilter *self,
                                      double                  lon,
                                      double                  lat)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->has_bbox && !bb_bbox_contains (&self->bbox, lon, lat))
    return FALSE;
  return self->polygon == NULL
         || bb_ring_contains ((const BbLonLat *) self->polygon->data, self->polygon->len, lon, lat);
}

char *
bb_incident_filter_text_to_query (const char *text)
{
  g_autoptr(GString) query = NULL;
  const char *p = text;

  if (text == NULL)
    return NULL;

  query = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *start;

      /* A word is a run of letters and digits; everything else separates
       * words, as it does for the full-text index's tokenizer. */
      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_c (query, '"');
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}
