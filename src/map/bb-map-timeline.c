/* bb-map-timeline.c: the incidents shown on the map, week by week, for the time slider */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-timeline"

#include "config.h"

#include "bb-map-timeline.h"
#include "bb-store-map.h"

/* A station's history is a few years; this keeps a damaged date from
 * asking for a slider of a million weeks. */
#define MAX_WEEKS 5300

struct _BbMapTimeline
{
  GArray *points;
  GArray *selected;
  GArray *week_starts;   /* gint64, n_weeks + 1 */
};

/* Monday 00:00 local time of the week holding @t. */
static GDateTime *
week_of (gint64 t)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (t);

  if (when == NULL)
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (when), g_date_time_get_month (when),
                                g_date_time_get_day_of_month (when), 0, 0, 0);
}

BbMapTimeline *
bb_map_timeline_new (GArray *points,
                     GArray *selected,
                     gint64  start,
                     gint64  end)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) week = NULL;
  BbMapTimeline *self;
  guint n;

  g_return_val_if_fail (points != NULL, NULL);

  n = selected != NULL ? selected->len : points->len;
  if (start == G_MININT64 || end == G_MAXINT64)
    {
      gint64 first = G_MAXINT64, last = G_MININT64;

      for (guint k = 0; k < n; k++)
        {
          const BbMapPoint *p = &g_array_index (points, BbMapPoint, selected ? g_array_index (selected, guint, k) : k);

          first = MIN (first, p->occurred);
          last = MAX (last, p->occurred);
        }
      if (first > last)
        return NULL;
      if (start == G_MININT64)
        start = first;
      if (end == G_MAXINT64)
        end = last + 1;
    }
  if (end <= start || (day = week_of (start)) == NULL)
    return NULL;
  week = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));

  self = g_new0 (BbMapTimeline, 1);
  self->points = g_array_ref (points);
  self->selected = selected != NULL ? g_array_ref (selected) : NULL;
  self->week_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (;;)
    {
      gint64 t = g_date_time_to_unix (week);
      GDateTime *next;

      g_array_append_val (self->week_starts, t);
      if (t >= end || self->week_starts->len > MAX_WEEKS)
        break;
      /* Whole calendar weeks: a summer-time change keeps Monday midnight. */
      next = g_date_time_add_weeks (week, 1);
      g_date_time_unref (week);
      week = next;
    }
  return self;
}

void
bb_map_timeline_free (BbMapTimeline *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->week_starts, g_array_unref);
  g_free (self);
}

guint
bb_map_timeline_get_n_weeks (BbMapTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->week_starts->len - 1;
}

gint64
bb_map_timeline_get_week_start (BbMapTimeline *self,
                                guint          week)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (week < self->week_starts->len, 0);
  return g_array_index (self->week_starts, gint64, week);
}

GArray *
bb_map_timeline_select_week (BbMapTimeline *self,
                             guint          week)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const BbMapPoint *p;
  gint64 from, to;
  guint n;

  g_return_val_if_fail (self != NULL, out);
  if (week + 1 >= self->week_starts->len)
    return out;

  from = g_array_index (self->week_starts, gint64, week);
  to = g_array_index (self->week_starts, gint64, week + 1);
  p = (const BbMapPoint *) self->points->data;
  n = self->selected != NULL ? self->selected->len : self->points->len;
  for (guint k = 0; k < n; k++)
    {
      guint i = self->selected != NULL ? g_array_index (self->selected, guint, k) : k;

      if (p[i].occurred >= from && p[i].occurred < to)
        g_array_append_val (out, i);
    }
  return out;
}
