/* bb-map-timeline.c: the incidents shown on the map, week by week, for the time slider */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-timeline"

#include "config.h"

#include "bb-map-timeline.h"
#include "bb-store-map.h"

/* A station's history is a few years; this keeps a damaged date from
 * asking for a slider of a million weeks. */
#define MAX_WEEKS 5300

/* The points are sorted by week once, as the slider opens: each week is
 * then a run of @order, and a step of the slider copies it. */
struct _BbMapTimeline
{
  GArray *week_starts;   /* gint64, n_weeks + 1 */
  guint  *order;         /* point indices, week by week */
  guint  *week_first;    /* per week, its first place in @order; n_weeks + 1 */
};

/* The week holding @t, or G_MAXUINT outside them all. */
static guint
find_week (const gint64 *starts,
           guint         n_weeks,
           gint64        t)
{
  guint lo = 0, hi = n_weeks;

  if (t < starts[0] || t >= starts[n_weeks])
    return G_MAXUINT;
  /* The last start at or before @t. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
sort_by_week (BbMapTimeline *self,
              GArray        *points,
              GArray        *selected)
{
  const gint64 *starts = (const gint64 *) self->week_starts->data;
  guint n_weeks = self->week_starts->len - 1;
  guint n = selected != NULL ? selected->len : points->len;
  g_autofree guint *week_of_point = g_new (guint, MAX (n, 1));
  g_autofree guint *cursor = NULL;

  /* Two counting passes: O(n log weeks), whatever the number of points. */
  self->week_first = g_new0 (guint, n_weeks + 2);
  for (guint k = 0; k < n; k++)
    {
      guint i = selected != NULL ? g_array_index (selected, guint, k) : k;

      week_of_point[k] = find_week (starts, n_weeks, g_array_index (points, BbMapPoint, i).occurred);
      if (week_of_point[k] != G_MAXUINT)
        self->week_first[week_of_point[k] + 1]++;
    }
  for (guint w = 0; w < n_weeks; w++)
    self->week_first[w + 1] += self->week_first[w];
  self->order = g_new (guint, MAX (self->week_first[n_weeks], 1));
  cursor = g_memdup2 (self->week_first, (n_weeks + 1) * sizeof (guint));
  for (guint k = 0; k < n; k++)
    if (week_of_point[k] != G_MAXUINT)
      self->order[cursor[week_of_point[k]]++] = selected != NULL ? g_array_index (selected, guint, k) : k;
}

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
  sort_by_week (self, points, selected);
  return self;
}

void
bb_map_timeline_free (BbMapTimeline *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->week_starts, g_array_unref);
  g_free (self->order);
  g_free (self->week_first);
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
  GArray *out;
  guint first, count;

  g_return_val_if_fail (self != NULL, NULL);

  if (week + 1 >= self->week_starts->len)
    return g_array_new (FALSE, FALSE, sizeof (guint));
  first = self->week_first[week];
  count = self->week_first[week + 1] - first;
  out = g_array_sized_new (FALSE, FALSE, sizeof (guint), count);
  g_array_append_vals (out, self->order + first, count);
  return out;
}
