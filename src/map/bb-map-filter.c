/* bb-map-filter.c: the shared incident filter applied to the map's points in memory */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-filter"

#include "config.h"

#include <math.h>

#include "bb-map-filter.h"

gboolean
bb_map_filter_has_text (const BbIncidentFilter *filter)
{
  g_autofree char *query = NULL;

  if (filter == NULL)
    return FALSE;
  /* The station that wrote an incident is not in the points either. */
  if (filter->station_ids != NULL && filter->station_ids[0] != NULL)
    return TRUE;
  if (filter->text == NULL)
    return FALSE;
  query = bb_incident_filter_text_to_query (filter->text);
  return query != NULL;
}

char *
bb_map_filter_store_key (const BbIncidentFilter *filter)
{
  g_autofree char *stations = NULL;

  if (!bb_map_filter_has_text (filter))
    return NULL;
  stations = filter->station_ids != NULL ? g_strjoinv (",", filter->station_ids) : g_strdup ("");
  return g_strdup_printf ("%s\x1f%s", filter->text != NULL ? filter->text : "", stations);
}

BbIncidentFilter *
bb_map_filter_store_part (const BbIncidentFilter *filter)
{
  BbIncidentFilter *part = bb_incident_filter_new ();

  if (filter != NULL)
    {
      bb_incident_filter_set_text (part, filter->text);
      bb_incident_filter_set_station_ids (part, (const char * const *) filter->station_ids);
    }
  return part;
}

guint16 *
bb_map_categories_top_level (GPtrArray *categories)
{
  guint16 *top = g_new (guint16, MAX (categories->len, 1));

  for (guint i = 0; i < categories->len; i++)
    {
      guint c = i;

      /* Categories nest one level deep, but a longer chain must still end. */
      for (guint depth = 0; depth < 8; depth++)
        {
          BbMapCategory *category = g_ptr_array_index (categories, c);
          if (category->parent < 0 || (guint) category->parent >= categories->len)
            break;
          c = category->parent;
        }
      top[i] = c;
    }
  return top;
}

static gboolean
strv_is_set (GStrv values)
{
  return values != NULL && values[0] != NULL;
}

/* A mask over the values of a list, or NULL when the filter does not
 * restrict by it. */
static guint8 *
mask_from_ids (GStrv        wanted,
               GPtrArray   *items,
               const char *(*get_id) (gpointer item))
{
  guint8 *mask;

  if (!strv_is_set (wanted))
    return NULL;
  mask = g_new0 (guint8, MAX (items ? items->len : 0, 1));
  for (guint i = 0; items != NULL && i < items->len; i++)
    mask[i] = g_strv_contains ((const char * const *) wanted, get_id (g_ptr_array_index (items, i)));
  return mask;
}

static guint8 *
mask_from_values (GStrv               wanted,
                  const char * const *values)
{
  guint8 *mask;

  if (!strv_is_set (wanted))
    return NULL;
  mask = g_new0 (guint8, 256);
  for (guint i = 0; values[i] != NULL; i++)
    mask[i] = g_strv_contains ((const char * const *) wanted, values[i]);
  return mask;
}

static const char *
category_id (gpointer item)
{
  return ((BbMapCategory *) item)->id;
}

static const char *
district_id (gpointer item)
{
  return ((BbMapDistrict *) item)->id;
}

GArray *
bb_map_filter_select (const BbIncidentFilter *filter,
                      GArray                 *points,
                      GPtrArray              *categories,
                      GPtrArray              *districts,
                      GArray                 *text_rowids)
{
  g_autofree guint8 *category_mask = NULL;
  g_autofree guint8 *district_mask = NULL;
  g_autofree guint8 *status_mask = NULL;
  g_autofree guint8 *source_mask = NULL;
  const BbMapPoint *p;
  GArray *selected;
  gint64 start, end;
  gboolean want_restricted, want_public, has_text;
  double min_lon = -INFINITY, max_lon = INFINITY, min_lat = -INFINITY, max_lat = INFINITY;
  guint n, t = 0, n_text;
  const gint64 *text;

  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (categories != NULL, NULL);

  n = points->len;
  selected = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  p = (const BbMapPoint *) points->data;

  if (filter == NULL)
    {
      g_array_set_size (selected, n);
      for (guint i = 0; i < n; i++)
        g_array_index (selected, guint, i) = i;
      return selected;
    }

  category_mask = mask_from_ids (filter->category_ids, categories, category_id);
  /* A category selects its subcategories too. */
  if (category_mask != NULL)
    for (guint i = 0; i < categories->len; i++)
      {
        BbMapCategory *category = g_ptr_array_index (categories, i);
        if (category->parent >= 0 && (guint) category->parent < categories->len && category_mask[category->parent])
          category_mask[i] = 1;
      }
  district_mask = mask_from_ids (filter->district_ids, districts, district_id);
  status_mask = mask_from_values (filter->statuses, bb_map_point_statuses);
  source_mask = mask_from_values (filter->sources, bb_map_point_sources);
  start = filter->start == BB_UNSET_TIME ? G_MININT64 : filter->start;
  end = filter->end == BB_UNSET_TIME ? G_MAXINT64 : filter->end;
  want_restricted = filter->restricted != BB_RESTRICTED_EXCLUDE;
  want_public = filter->restricted != BB_RESTRICTED_ONLY;
  if (filter->has_bbox)
    {
      min_lon = filter->bbox.min_lon, max_lon = filter->bbox.max_lon;
      min_lat = filter->bbox.min_lat, max_lat = filter->bbox.max_lat;
    }
  has_text = bb_map_filter_has_text (filter);
  text = text_rowids != NULL ? (const gint64 *) text_rowids->data : NULL;
  n_text = text_rowids != NULL ? text_rowids->len : 0;

  for (guint i = 0; i < n; i++)
    {
      const BbMapPoint *q = &p[i];

      if (q->occurred < start || q->occurred >= end)
        continue;
      if ((q->flags & BB_MAP_POINT_RESTRICTED) ? !want_restricted : !want_public)
        continue;
      if (category_mask != NULL && !category_mask[q->category])
        continue;
      if (district_mask != NULL && (q->district == BB_MAP_POINT_NONE || !district_mask[q->district]))
        continue;
      if (status_mask != NULL && !status_mask[q->status])
        continue;
      if (source_mask != NULL && !source_mask[q->source])
        continue;
      if (filter->has_bbox && !(q->lon >= min_lon && q->lon <= max_lon && q->lat >= min_lat && q->lat <= max_lat))
        continue;
      if (filter->polygon != NULL && !bb_incident_filter_contains_position (filter, q->lon, q->lat))
        continue;
      if (has_text)
        {
          /* Both lists are in rowid order: walk them together. */
          while (t < n_text && text[t] < q->rowid)
            t++;
          if (t >= n_text || text[t] != q->rowid)
            continue;
        }
      g_array_append_val (selected, i);
    }
  return selected;
}
