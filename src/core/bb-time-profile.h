/* bb-time-profile.h: when incidents happen: hour-of-week and month-of-year counts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_HOURS_PER_WEEK 168

/* Profiles are counted in local time: a burglary at 23:30 on Sunday in
 * Tirana is a Sunday night burglary, whatever UTC says.  Times are
 * microseconds since the epoch, UTC, as the station stores them; unset
 * times (G_MININT64) are skipped.  The week starts on Monday: index
 * (weekday − 1) · 24 + hour, weekday 1 (Monday) … 7 (Sunday).  Months are
 * 0 (January) … 11.  The counts are cleared first; the number counted is
 * returned. */

static inline guint
bb_time_profile_hour_index (guint weekday,
                            guint hour)
{
  return (weekday - 1) * 24 + hour;
}

/* With a time zone (NULL: UTC), following its daylight-saving rules. */
gsize bb_time_profile_hour_of_week         (const gint64 *times,
                                            gsize         n,
                                            GTimeZone    *tz,
                                            guint64       counts[BB_HOURS_PER_WEEK]);
gsize bb_time_profile_month_of_year        (const gint64 *times,
                                            gsize         n,
                                            GTimeZone    *tz,
                                            guint64       counts[12]);

/* With a fixed offset from UTC, in seconds (east positive). */
gsize bb_time_profile_hour_of_week_offset  (const gint64 *times,
                                            gsize         n,
                                            int           utc_offset,
                                            guint64       counts[BB_HOURS_PER_WEEK]);
gsize bb_time_profile_month_of_year_offset (const gint64 *times,
                                            gsize         n,
                                            int           utc_offset,
                                            guint64       counts[12]);

G_END_DECLS
