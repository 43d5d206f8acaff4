/* bb-map-timeline.h: the incidents shown on the map, week by week, for the time slider */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BbMapTimeline BbMapTimeline;

/* The weeks (Monday 00:00 local time to the next Monday) over [@start,
 * @end) of the points (BbMapPoint) with indices @selected (guint; NULL:
 * all); an unset bound (G_MININT64 / G_MAXINT64) is the earliest or
 * latest of those points.  NULL when there is nothing to show. */
BbMapTimeline *bb_map_timeline_new            (GArray        *points,
                                               GArray        *selected,
                                               gint64         start,
                                               gint64         end);
void           bb_map_timeline_free           (BbMapTimeline *self);
guint          bb_map_timeline_get_n_weeks    (BbMapTimeline *self);
/* The first second of week @week; @week == n_weeks gives the end. */
gint64         bb_map_timeline_get_week_start (BbMapTimeline *self,
                                               guint          week);
/* The indices (guint) of the selected points that happened in @week, in
 * the points' order: from the points already loaded (sorted by week
 * once, by bb_map_timeline_new()), no query. */
GArray        *bb_map_timeline_select_week    (BbMapTimeline *self,
                                               guint          week);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapTimeline, bb_map_timeline_free)

G_END_DECLS
