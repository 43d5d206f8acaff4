/* bb-time-profile.c: when incidents happen: hour-of-week and month-of-year counts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-time-profile"

#include "config.h"

#include <string.h>

#include "bb-time-profile.h"

#define UNSET_TIME G_MININT64

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Month (0…11) of a day counted from 1970-01-01, in the proleptic
 * Gregorian calendar (Hinnant's civil_from_days). */
static guint
month_of_day (gint64 days)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  return mp < 10 ? mp + 2 : mp - 10;
}

static int
offset_at (GTimeZone *tz,
           gint64     utc_seconds)
{
  int interval;

  if (tz == NULL)
    return 0;
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_seconds);
  return interval < 0 ? 0 : g_time_zone_get_offset (tz, interval);
}

static gsize
hour_of_week (const gint64 *times,
              gsize         n,
              GTimeZone    *tz,
              int           fixed_offset,
              guint64      *counts)
{
  gsize counted = 0;

  memset (counts, 0, BB_HOURS_PER_WEEK * sizeof (guint64));
  for (gsize i = 0; i < n; i++)
    {
      gint64 utc, local, days;
      guint weekday, hour;

      if (times[i] == UNSET_TIME)
        continue;
      utc = floor_div (times[i], G_USEC_PER_SEC);
      local = utc + (tz != NULL ? offset_at (tz, utc) : fixed_offset);
      days = floor_div (local, 86400);
      hour = (guint) ((local - days * 86400) / 3600);
      /* 1970-01-01 was a Thursday: weekday 4. */
      weekday = (guint) (days + 3 - floor_div (days + 3, 7) * 7) + 1;
      counts[bb_time_profile_hour_index (weekday, hour)]++;
      counted++;
    }
  return counted;
}

static gsize
month_of_year (const gint64 *times,
               gsize         n,
               GTimeZone    *tz,
               int           fixed_offset,
               guint64      *counts)
{
  gsize counted = 0;

  memset (counts, 0, 12 * sizeof (guint64));
  for (gsize i = 0; i < n; i++)
    {
      gint64 utc, local;

      if (times[i] == UNSET_TIME)
        continue;
      utc = floor_div (times[i], G_USEC_PER_SEC);
      local = utc + (tz != NULL ? offset_at (tz, utc) : fixed_offset);
      counts[month_of_day (floor_div (local, 86400))]++;
      counted++;
    }
  return counted;
}

gsize
bb_time_profile_hour_of_week (const gint64 *times,
                              gsize         n,
                              GTimeZone    *tz,
                              guint64       counts[BB_HOURS_PER_WEEK])
{
  g_return_val_if_fail (n == 0 || times != NULL, 0);
  g_return_val_if_fail (counts != NULL, 0);

  return hour_of_week (times, n, tz, 0, counts);
}

gsize
bb_time_profile_month_of_year (const gint64 *times,
                               gsize         n,
                               GTimeZone    *tz,
                               guint64       counts[12])
{
  g_return_val_if_fail (n == 0 || times != NULL, 0);
  g_return_val_if_fail (counts != NULL, 0);

  return month_of_year (times, n, tz, 0, counts);
}

gsize
bb_time_profile_hour_of_week_offset (const gint64 *times,
                                     gsize         n,
                                     int           utc_offset,
                                     guint64       counts[BB_HOURS_PER_WEEK])
{
  g_return_val_if_fail (n == 0 || times != NULL, 0);
  g_return_val_if_fail (counts != NULL, 0);

  return hour_of_week (times, n, NULL, utc_offset, counts);
}

gsize
bb_time_profile_month_of_year_offset (const gint64 *times,
                                      gsize         n,
                                      int           utc_offset,
                                      guint64       counts[12])
{
  g_return_val_if_fail (n == 0 || times != NULL, 0);
  g_return_val_if_fail (counts != NULL, 0);

  return month_of_year (times, n, NULL, utc_offset, counts);
}
