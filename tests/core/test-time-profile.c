/* test-time-profile.c: hour-of-week and month profiles in local time, on dates checked by calendar */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-time-profile"

#include "config.h"

#include "bb-time-profile.h"

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static guint
only_index (const guint64 *counts,
            guint          n)
{
  guint found = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    if (counts[i] != 0)
      {
        g_assert_cmpuint (found, ==, G_MAXUINT);
        g_assert_cmpuint (counts[i], ==, 1);
        found = i;
      }
  return found;
}

/* 2024-01-01 was a Monday; 1969-12-31 a Wednesday (before the epoch). */
static void
test_time_profile_known_days (void)
{
  guint64 week[BB_HOURS_PER_WEEK], months[12];
  gint64 t;

  t = utc (2024, 1, 1, 0, 30);
  g_assert_cmpuint (bb_time_profile_hour_of_week_offset (&t, 1, 0, week), ==, 1);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, 0);
  bb_time_profile_month_of_year_offset (&t, 1, 0, months);
  g_assert_cmpuint (only_index (months, 12), ==, 0);

  /* An hour west of Greenwich it is still Sunday 31 December, 23:30. */
  bb_time_profile_hour_of_week_offset (&t, 1, -3600, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (7, 23));
  bb_time_profile_month_of_year_offset (&t, 1, -3600, months);
  g_assert_cmpuint (only_index (months, 12), ==, 11);

  t = utc (1969, 12, 31, 13, 5);
  bb_time_profile_hour_of_week_offset (&t, 1, 0, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (3, 13));

  /* 2024-02-29, a Thursday in a leap year. */
  t = utc (2024, 2, 29, 18, 0);
  bb_time_profile_hour_of_week_offset (&t, 1, 0, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (4, 18));
  bb_time_profile_month_of_year_offset (&t, 1, 0, months);
  g_assert_cmpuint (only_index (months, 12), ==, 1);
}

/* Every hour of 2023 in UTC: 52 weeks and a day (2023 began and ended on
 * a Sunday), so each Sunday hour counts 53 and the others 52. */
static void
test_time_profile_whole_year (void)
{
  const gsize n = 365 * 24;
  g_autofree gint64 *times = g_new (gint64, n + 1);
  guint64 week[BB_HOURS_PER_WEEK], months[12];
  const guint64 days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  for (gsize i = 0; i < n; i++)
    times[i] = utc (2023, 1, 1, 0, 0) + (gint64) i * 3600 * G_USEC_PER_SEC;
  times[n] = G_MININT64;   /* unset: skipped */

  g_assert_cmpuint (bb_time_profile_hour_of_week (times, n + 1, NULL, week), ==, n);
  for (guint i = 0; i < BB_HOURS_PER_WEEK; i++)
    g_assert_cmpuint (week[i], ==, i >= bb_time_profile_hour_index (7, 0) ? 53 : 52);

  bb_time_profile_month_of_year (times, n + 1, NULL, months);
  for (guint m = 0; m < 12; m++)
    g_assert_cmpuint (months[m], ==, days_in_month[m] * 24);
}

/* Summer time follows the zone's rules: 22:30 UTC on Monday 1 July 2024
 * is 00:30 on Tuesday in Tirana (UTC+2 in summer), and 22:30 UTC on
 * Monday 15 January is 23:30 on Monday (UTC+1 in winter). */
static void
test_time_profile_time_zone (void)
{
  g_autoptr(GTimeZone) tirana = g_time_zone_new_identifier ("Europe/Tirane");
  g_autoptr(GTimeZone) fixed = g_time_zone_new_identifier ("+02:00");
  guint64 week[BB_HOURS_PER_WEEK], months[12];
  gint64 summer = utc (2024, 7, 1, 22, 30), winter = utc (2024, 1, 15, 22, 30);
  gint64 june_end = utc (2024, 6, 30, 23, 0);

  g_assert_nonnull (fixed);
  bb_time_profile_hour_of_week (&summer, 1, fixed, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (2, 0));
  bb_time_profile_month_of_year (&june_end, 1, fixed, months);
  g_assert_cmpuint (only_index (months, 12), ==, 6);

  if (tirana == NULL)
    {
      g_test_skip ("No time zone data for Europe/Tirane");
      return;
    }
  bb_time_profile_hour_of_week (&summer, 1, tirana, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (2, 0));
  bb_time_profile_hour_of_week (&winter, 1, tirana, week);
  g_assert_cmpuint (only_index (week, BB_HOURS_PER_WEEK), ==, bb_time_profile_hour_index (1, 23));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-profile/known-days", test_time_profile_known_days);
  g_test_add_func ("/time-profile/whole-year", test_time_profile_whole_year);
  g_test_add_func ("/time-profile/time-zone", test_time_profile_time_zone);

  return g_test_run ();
}
