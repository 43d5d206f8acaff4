/* bb-recurrence.c: repeating events: RRULE expansion in the event's own time zone, and the editor's simple rules */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-recurrence"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "bb-recurrence.h"

/* A series repeats at most this often before expansion gives up: a rule
 * with no end, daily for 300 years, is still answered quickly. */
#define MAX_STEPS 200000

G_DEFINE_QUARK (bb-recurrence-error-quark, bb_recurrence_error)

static const char * const weekday_codes[] = { NULL, "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

static icaltimezone *
zone_for (const char *tzid)
{
  if (tzid == NULL || *tzid == '\0' || g_str_equal (tzid, "UTC") || g_str_equal (tzid, "Etc/UTC"))
    return icaltimezone_get_utc_timezone ();
  return icaltimezone_get_builtin_timezone (tzid);
}

gboolean
bb_recurrence_zone_known (const char *tzid)
{
  return zone_for (tzid) != NULL;
}

static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *recur,
            GError                    **error)
{
  if (rrule == NULL || *rrule == '\0')
    {
      g_set_error_literal (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_INVALID_RULE,
                           _("The repeat rule is empty"));
      return FALSE;
    }
  icalerror_clear_errno ();
  *recur = icalrecurrencetype_from_string (rrule);
  if (recur->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      /* Translators: %s is a repeat rule as written in a calendar file, e.g. FREQ=WEEKLY */
      g_set_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_INVALID_RULE,
                   _("The repeat rule “%s” is not valid"), rrule);
      return FALSE;
    }
  if (recur->interval < 1)
    {
      g_set_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_INVALID_RULE,
                   _("The repeat rule “%s” is not valid"), rrule);
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_recurrence_validate (const char  *rrule,
                        GError     **error)
{
  struct icalrecurrencetype recur;

  return parse_rule (rrule, &recur, error);
}

/* The last second an UNTIL allows, or G_MAXINT64 when there is none. */
static gint64
until_limit (const struct icalrecurrencetype *recur,
             icaltimezone                    *zone)
{
  struct icaltimetype until = recur->until;

  if (icaltime_is_null_time (until))
    return G_MAXINT64;
  if (until.is_date)
    {
      until.is_date = 0;
      until.hour = 23;
      until.minute = 59;
      until.second = 59;
      return icaltime_as_timet_with_zone (until, zone);
    }
  if (icaltime_is_utc (until))
    return icaltime_as_timet_with_zone (until, icaltimezone_get_utc_timezone ());
  /* A floating UNTIL is wall-clock time of the series' zone. */
  return icaltime_as_timet_with_zone (until, zone);
}

GArray *
bb_recurrence_expand (const char  *rrule,
                      gint64       dtstart,
                      const char  *tzid,
                      gint64       from,
                      gint64       to,
                      guint        max_count,
                      GError     **error)
{
  struct icalrecurrencetype recur;
  struct icaltimetype start, next;
  icalrecur_iterator *it;
  icaltimezone *zone;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 until;
  guint steps = 0;

  if (!parse_rule (rrule, &recur, error))
    return NULL;
  zone = zone_for (tzid);
  if (zone == NULL)
    {
      /* Translators: %s is a time zone name such as Europe/Chisinau */
      g_set_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_UNKNOWN_ZONE,
                   _("The time zone “%s” is not known on this computer"), tzid);
      return NULL;
    }

  until = until_limit (&recur, zone);
  start = icaltime_from_timet_with_zone ((time_t) dtstart, 0, zone);
  it = icalrecur_iterator_new (recur, start);
  if (it == NULL)
    {
      icalerror_clear_errno ();
      g_set_error (error, BB_RECURRENCE_ERROR, BB_RECURRENCE_ERROR_INVALID_RULE,
                   _("The repeat rule “%s” is not valid"), rrule);
      return NULL;
    }

  for (next = icalrecur_iterator_next (it);
       !icaltime_is_null_time (next) && steps < MAX_STEPS;
       next = icalrecur_iterator_next (it), steps++)
    {
      gint64 t = icaltime_as_timet_with_zone (next, zone);

      if (t > until || t >= to)
        break;
      if (t < from)
        continue;
      g_array_append_val (starts, t);
      if (max_count > 0 && starts->len >= max_count)
        break;
    }
  icalrecur_iterator_free (it);
  icalerror_clear_errno ();
  return g_steal_pointer (&starts);
}

void
bb_recurrence_rule_clear (BbRecurrenceRule *rule)
{
  g_clear_pointer (&rule->until, g_free);
  rule->repeat = BB_REPEAT_NONE;
  rule->interval = 1;
  rule->count = 0;
}

static GDateTime *
local_time (gint64      t,
            const char *tzid)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  if (tzid != NULL && *tzid != '\0')
    tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return g_date_time_to_timezone (utc, tz);
}

void
bb_recurrence_weekday_position (GDateTime *local,
                                int       *nth,
                                gboolean  *is_last)
{
  int day = g_date_time_get_day_of_month (local);
  int days_in_month = g_date_get_days_in_month ((GDateMonth) g_date_time_get_month (local),
                                                (GDateYear) g_date_time_get_year (local));

  if (nth != NULL)
    *nth = (day - 1) / 7 + 1;
  if (is_last != NULL)
    *is_last = day + 7 > days_in_month;
}

char *
bb_recurrence_rule_to_rrule (const BbRecurrenceRule *rule,
                             gint64                  dtstart,
                             const char             *tzid)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GString) s = NULL;
  int weekday, nth;

  g_return_val_if_fail (rule != NULL, NULL);

  if (rule->repeat == BB_REPEAT_NONE || rule->repeat == BB_REPEAT_CUSTOM)
    return NULL;

  local = local_time (dtstart, tzid);
  weekday = g_date_time_get_day_of_week (local) % 7 + 1;  /* 1 = Sunday, as libical counts */
  bb_recurrence_weekday_position (local, &nth, NULL);
  s = g_string_new (NULL);
  switch (rule->repeat)
    {
    case BB_REPEAT_DAILY:
      g_string_append (s, "FREQ=DAILY");
      break;
    case BB_REPEAT_WEEKLY:
      g_string_append_printf (s, "FREQ=WEEKLY;BYDAY=%s", weekday_codes[weekday]);
      break;
    case BB_REPEAT_MONTHLY_BY_DATE:
      g_string_append_printf (s, "FREQ=MONTHLY;BYMONTHDAY=%d", g_date_time_get_day_of_month (local));
      break;
    case BB_REPEAT_MONTHLY_BY_WEEKDAY:
      g_string_append_printf (s, "FREQ=MONTHLY;BYDAY=%d%s", MIN (nth, 4), weekday_codes[weekday]);
      break;
    case BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY:
      g_string_append_printf (s, "FREQ=MONTHLY;BYDAY=-1%s", weekday_codes[weekday]);
      break;
    case BB_REPEAT_YEARLY:
      g_string_append (s, "FREQ=YEARLY");
      break;
    case BB_REPEAT_NONE:
    case BB_REPEAT_CUSTOM:
    default:
      g_assert_not_reached ();
    }
  if (rule->interval > 1)
    g_string_append_printf (s, ";INTERVAL=%u", rule->interval);
  if (rule->count > 0)
    g_string_append_printf (s, ";COUNT=%u", rule->count);
  else if (rule->until != NULL)
    {
      /* RFC 5545: with a zoned DTSTART, UNTIL is UTC; the series ends
       * with the last second of the chosen day in the event's zone. */
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid ? tzid : "UTC");
      int y, m, d;

      if (tz == NULL)
        tz = g_time_zone_new_utc ();
      if (sscanf (rule->until, "%d-%d-%d", &y, &m, &d) == 3)
        {
          g_autoptr(GDateTime) end = g_date_time_new (tz, y, m, d, 23, 59, 59);
          g_autoptr(GDateTime) end_utc = end ? g_date_time_to_utc (end) : NULL;
          g_autofree char *text = end_utc ? g_date_time_format (end_utc, "%Y%m%dT%H%M%SZ") : NULL;

          if (text != NULL)
            g_string_append_printf (s, ";UNTIL=%s", text);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
array_empty (const short *array)
{
  return array[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

static gboolean
array_single (const short *array)
{
  return array[0] != ICAL_RECURRENCE_ARRAY_MAX && array[1] == ICAL_RECURRENCE_ARRAY_MAX;
}

void
bb_recurrence_rule_parse (const char       *rrule,
                          const char       *tzid,
                          BbRecurrenceRule *rule)
{
  struct icalrecurrencetype r;
  gboolean other_parts;

  g_return_if_fail (rule != NULL);

  rule->until = NULL;
  bb_recurrence_rule_clear (rule);
  if (rrule == NULL || *rrule == '\0')
    return;
  if (!parse_rule (rrule, &r, NULL))
    {
      rule->repeat = BB_REPEAT_CUSTOM;
      return;
    }

  other_parts = !array_empty (r.by_second) || !array_empty (r.by_minute) || !array_empty (r.by_hour)
                || !array_empty (r.by_year_day) || !array_empty (r.by_week_no)
                || !array_empty (r.by_set_pos);
  rule->repeat = BB_REPEAT_CUSTOM;
  if (!other_parts)
    {
      switch (r.freq)
        {
        case ICAL_DAILY_RECURRENCE:
          if (array_empty (r.by_day) && array_empty (r.by_month_day) && array_empty (r.by_month))
            rule->repeat = BB_REPEAT_DAILY;
          break;
        case ICAL_WEEKLY_RECURRENCE:
          if ((array_empty (r.by_day) || (array_single (r.by_day)
                                          && icalrecurrencetype_day_position (r.by_day[0]) == 0))
              && array_empty (r.by_month_day) && array_empty (r.by_month))
            rule->repeat = BB_REPEAT_WEEKLY;
          break;
        case ICAL_MONTHLY_RECURRENCE:
          if (array_empty (r.by_month) && array_single (r.by_month_day) && array_empty (r.by_day)
              && r.by_month_day[0] > 0)
            rule->repeat = BB_REPEAT_MONTHLY_BY_DATE;
          else if (array_empty (r.by_month) && array_empty (r.by_month_day) && array_single (r.by_day))
            {
              int pos = icalrecurrencetype_day_position (r.by_day[0]);

              if (pos >= 1 && pos <= 4)
                rule->repeat = BB_REPEAT_MONTHLY_BY_WEEKDAY;
              else if (pos == -1)
                rule->repeat = BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY;
            }
          else if (array_empty (r.by_month) && array_empty (r.by_month_day) && array_empty (r.by_day))
            rule->repeat = BB_REPEAT_MONTHLY_BY_DATE;
          break;
        case ICAL_YEARLY_RECURRENCE:
          if (array_empty (r.by_day) && (array_empty (r.by_month) || array_single (r.by_month))
              && (array_empty (r.by_month_day) || array_single (r.by_month_day)))
            rule->repeat = BB_REPEAT_YEARLY;
          break;
        case ICAL_SECONDLY_RECURRENCE:
        case ICAL_MINUTELY_RECURRENCE:
        case ICAL_HOURLY_RECURRENCE:
        case ICAL_NO_RECURRENCE:
        default:
          break;
        }
    }
  if (rule->repeat == BB_REPEAT_CUSTOM)
    return;

  rule->interval = (guint) MAX (r.interval, 1);
  rule->count = (guint) MAX (r.count, 0);
  if (!icaltime_is_null_time (r.until))
    {
      icaltimezone *zone = zone_for (tzid);
      gint64 last = until_limit (&r, zone ? zone : icaltimezone_get_utc_timezone ());
      g_autoptr(GDateTime) local = local_time (last, tzid);

      rule->until = g_date_time_format (local, "%Y-%m-%d");
    }
}

/* Whole phrases rather than a weekday put into a sentence: the weekday's
 * form changes with the words around it (Russian: по понедельникам, в первую
 * среду). */
static const char *const weekly_on[7] = {
  N_("Weekly on Monday"),
  N_("Weekly on Tuesday"),
  N_("Weekly on Wednesday"),
  N_("Weekly on Thursday"),
  N_("Weekly on Friday"),
  N_("Weekly on Saturday"),
  N_("Weekly on Sunday"),
};

static const char *const monthly_on[5][7] = {
  {
    N_("Monthly on the first Monday"),
    N_("Monthly on the first Tuesday"),
    N_("Monthly on the first Wednesday"),
    N_("Monthly on the first Thursday"),
    N_("Monthly on the first Friday"),
    N_("Monthly on the first Saturday"),
    N_("Monthly on the first Sunday"),
  },
  {
    N_("Monthly on the second Monday"),
    N_("Monthly on the second Tuesday"),
    N_("Monthly on the second Wednesday"),
    N_("Monthly on the second Thursday"),
    N_("Monthly on the second Friday"),
    N_("Monthly on the second Saturday"),
    N_("Monthly on the second Sunday"),
  },
  {
    N_("Monthly on the third Monday"),
    N_("Monthly on the third Tuesday"),
    N_("Monthly on the third Wednesday"),
    N_("Monthly on the third Thursday"),
    N_("Monthly on the third Friday"),
    N_("Monthly on the third Saturday"),
    N_("Monthly on the third Sunday"),
  },
  {
    N_("Monthly on the fourth Monday"),
    N_("Monthly on the fourth Tuesday"),
    N_("Monthly on the fourth Wednesday"),
    N_("Monthly on the fourth Thursday"),
    N_("Monthly on the fourth Friday"),
    N_("Monthly on the fourth Saturday"),
    N_("Monthly on the fourth Sunday"),
  },
  {
    N_("Monthly on the last Monday"),
    N_("Monthly on the last Tuesday"),
    N_("Monthly on the last Wednesday"),
    N_("Monthly on the last Thursday"),
    N_("Monthly on the last Friday"),
    N_("Monthly on the last Saturday"),
    N_("Monthly on the last Sunday"),
  },
};

char *
bb_recurrence_describe (const char *rrule,
                        gint64      dtstart,
                        const char *tzid)
{
  BbRecurrenceRule rule = { 0 };
  g_autoptr(GDateTime) local = NULL;
  int weekday;
  g_autofree char *base = NULL;
  int nth;

  bb_recurrence_rule_parse (rrule, tzid, &rule);
  local = local_time (dtstart, tzid);
  weekday = g_date_time_get_day_of_week (local) - 1;
  bb_recurrence_weekday_position (local, &nth, NULL);

  switch (rule.repeat)
    {
    case BB_REPEAT_NONE:
      return g_strdup (_("Does not repeat"));
    case BB_REPEAT_CUSTOM:
      return g_strdup (_("Repeats by a rule from another calendar"));
    case BB_REPEAT_DAILY:
      base = rule.interval > 1
             ? g_strdup_printf (ngettext ("Every %u day", "Every %u days", rule.interval), rule.interval)
             : g_strdup (_("Daily"));
      break;
    case BB_REPEAT_WEEKLY:
      base = g_strdup (_(weekly_on[weekday]));
      break;
    case BB_REPEAT_MONTHLY_BY_DATE:
      base = g_strdup_printf (_("Monthly on day %d"), g_date_time_get_day_of_month (local));
      break;
    case BB_REPEAT_MONTHLY_BY_WEEKDAY:
      base = g_strdup (_(monthly_on[CLAMP (nth, 1, 4) - 1][weekday]));
      break;
    case BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY:
      base = g_strdup (_(monthly_on[4][weekday]));
      break;
    case BB_REPEAT_YEARLY:
      base = g_strdup (_("Yearly"));
      break;
    default:
      g_assert_not_reached ();
    }

  if (rule.interval > 1 && rule.repeat != BB_REPEAT_DAILY)
    {
      char *with = rule.repeat == BB_REPEAT_YEARLY
                   /* Translators: the first %s is a rule like "Yearly" */
                   ? g_strdup_printf (ngettext ("%s, every %u year", "%s, every %u years", rule.interval),
                                      base, rule.interval)
                   : rule.repeat == BB_REPEAT_WEEKLY
                   /* Translators: the first %s is a rule like "Weekly on Monday" */
                   ? g_strdup_printf (ngettext ("%s, every %u week", "%s, every %u weeks", rule.interval),
                                      base, rule.interval)
                   /* Translators: the first %s is a rule like "Monthly on day 14" */
                   : g_strdup_printf (ngettext ("%s, every %u month", "%s, every %u months", rule.interval),
                                      base, rule.interval);

      g_free (base);
      base = with;
    }
  if (rule.count > 0)
    {
      char *with = g_strdup_printf (ngettext ("%s, %u time", "%s, %u times", rule.count), base, rule.count);

      g_free (base);
      base = with;
    }
  else if (rule.until != NULL)
    {
      /* Translators: %s is a rule, then a date (YYYY-MM-DD) */
      char *with = g_strdup_printf (_("%s, until %s"), base, rule.until);

      g_free (base);
      base = with;
    }
  bb_recurrence_rule_clear (&rule);
  return g_steal_pointer (&base);
}
