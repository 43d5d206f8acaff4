/* bb-locale.c: what the user's locale says beyond the language: the first day of the week */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-locale"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "bb-locale.h"

int
bb_locale_first_weekday (void)
{
#ifdef __GLIBC__
  const char *name = setlocale (LC_TIME, NULL);
  union { unsigned int word; char *string; } week_1stday;
  int first_weekday, week_origin;
  GDate origin;

  if (name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0 || g_str_has_prefix (name, "C."))
    return 1;

  /* glibc: _NL_TIME_FIRST_WEEKDAY counts from 1 at the day that
   * _NL_TIME_WEEK_1STDAY (a date, 19971130 = a Sunday) falls on. */
  first_weekday = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  week_1stday.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = week_1stday.word;
  if (first_weekday < 1 || first_weekday > 7)
    return 1;
  g_date_clear (&origin, 1);
  g_date_set_dmy (&origin, week_origin % 100, (week_origin / 100) % 100, week_origin / 10000);
  if (!g_date_valid (&origin))
    return 1;
  /* g_date_get_weekday(): 1 = Monday … 7 = Sunday. */
  return (g_date_get_weekday (&origin) - 1 + first_weekday - 1) % 7 + 1;
#else
  return 1;
#endif
}

int
bb_locale_days_into_week (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, 0);

  return (g_date_time_get_day_of_week (date) - bb_locale_first_weekday () + 7) % 7;
}
