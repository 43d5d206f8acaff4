/* bb-locale.h: what the user's locale says beyond the language: the first day of the week */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The day a week starts on in LC_TIME's locale, 1 = Monday … 7 = Sunday, as
 * g_date_time_get_day_of_week() counts: Sunday in en_US, Monday in ru_RU or
 * az_AZ.  Monday (ISO 8601) in the C and POSIX locales, which say nothing
 * about a country. */
int  bb_locale_first_weekday (void);

/* The number of days from the start of @date's week back to @date, 0…6. */
int  bb_locale_days_into_week (GDateTime *date);

G_END_DECLS
