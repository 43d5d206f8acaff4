/* bb-import-values.c: the values of imported files read as Beatbook reads them: numbers, dates, gaps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-values"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-import-values.h"

gboolean
bb_import_value_is_missing (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (*text == ' ' || *text == '\t')
    text++;
  if (*text == '\0')
    return TRUE;
  return (g_ascii_strncasecmp (text, "NA", 2) == 0 && (text[2] == '\0' || text[2] == ' '))
         || g_ascii_strcasecmp (text, "N/A") == 0
         || g_ascii_strcasecmp (text, "NULL") == 0;
}

gboolean
bb_import_parse_number (const char *text,
                        double     *value)
{
  char buffer[64];
  gsize n = 0;
  const char *last_dot = NULL;
  guint commas = 0;
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (*text == ' ' || *text == '\t')
    text++;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ',')
        {
          commas++;
        }
      else if (*p == '.')
        last_dot = p;
    }

  for (const char *p = text; *p != '\0' && n + 1 < sizeof buffer; p++)
    {
      char c = *p;

      if (c == ',')
        {
          /* "47,052" is a decimal comma; in "1,234.5" the comma groups */
          if (last_dot != NULL && p < last_dot)
            continue;
          if (commas > 1 || last_dot != NULL)
            return FALSE;
          c = '.';
        }
      buffer[n++] = c;
    }
  if (n + 1 >= sizeof buffer || n == 0)
    return FALSE;
  while (n > 0 && (buffer[n - 1] == ' ' || buffer[n - 1] == '\t'))
    n--;
  buffer[n] = '\0';

  v = g_ascii_strtod (buffer, &end);
  if (end == buffer || *end != '\0' || !isfinite (v))
    return FALSE;
  /* "0x1A", "inf" and the like are not numbers of a spreadsheet */
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (buffer[i]) && buffer[i] != '.' && buffer[i] != '-' && buffer[i] != '+'
        && buffer[i] != 'e' && buffer[i] != 'E')
      return FALSE;
  *value = v;
  return TRUE;
}

gint64
bb_days_from_civil (int year,
                    int month,
                    int day)
{
  /* Howard Hinnant's algorithm */
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return days[month - 1];
}

gboolean
bb_import_date_is_valid (int year,
                         int month,
                         int day)
{
  return year >= 1800 && year <= 2200 && month >= 1 && month <= 12
         && day >= 1 && day <= days_in_month (year, month);
}

/* Reads up to @max_digits digits; the number of digits read, 0 for none. */
static int
read_number (const char **p,
             int          max_digits,
             int         *value)
{
  int n = 0, v = 0;

  while (n < max_digits && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (g_ascii_isdigit (**p))
    return 0;
  *value = v;
  return n;
}

/* " 14:30", "T14:30:05", "T14:30:05.123Z", "+02:00" */
static gboolean
parse_time (const char   *p,
            BbImportDate *date)
{
  int h, m, s = 0;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return TRUE;
  if (*p == 'T' || *p == 't')
    p++;
  if (read_number (&p, 2, &h) == 0 || *p++ != ':' || read_number (&p, 2, &m) != 2)
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (read_number (&p, 2, &s) != 2)
        return FALSE;
      if (*p == '.' || *p == ',')
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  if (h > 24 || m > 59 || s > 60 || (h == 24 && (m > 0 || s > 0)))
    return FALSE;
  date->hour = h;
  date->minute = m;
  date->second = MIN (s, 59);
  date->precision = BB_DATE_PRECISION_TIME;

  while (*p == ' ')
    p++;
  if (*p == 'Z' || *p == 'z')
    {
      date->has_offset = TRUE;
      date->offset = 0;
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1, oh, om = 0;

      p++;
      if (read_number (&p, 2, &oh) != 2)
        return FALSE;
      if (*p == ':')
        p++;
      if (g_ascii_isdigit (*p) && read_number (&p, 2, &om) != 2)
        return FALSE;
      if (oh > 14 || om > 59)
        return FALSE;
      date->has_offset = TRUE;
      date->offset = sign * (oh * 3600 + om * 60);
    }
  while (*p == ' ')
    p++;
  return *p == '\0';
}

BbDateParseResult
bb_import_parse_date (const char   *text,
                      BbDateOrder   order,
                      BbImportDate *date)
{
  const char *p = text;
  int a, b, c, na, nb, nc;
  char sep;

  g_return_val_if_fail (date != NULL, BB_DATE_PARSE_INVALID);

  memset (date, 0, sizeof *date);
  if (text == NULL)
    return BB_DATE_PARSE_INVALID;
  while (*p == ' ')
    p++;

  na = read_number (&p, 4, &a);
  if (na == 0)
    return BB_DATE_PARSE_INVALID;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return BB_DATE_PARSE_INVALID;
  p++;
  nb = read_number (&p, 2, &b);
  if (nb == 0)
    return BB_DATE_PARSE_INVALID;

  if (na == 4)
    {
      /* year first: ISO 8601, or month only */
      date->year = a;
      date->month = b;
      if (*p != sep)
        {
          while (*p == ' ')
            p++;
          if (*p != '\0' || !bb_import_date_is_valid (a, b, 1))
            return BB_DATE_PARSE_INVALID;
          date->day = 1;
          date->precision = BB_DATE_PRECISION_MONTH;
          return BB_DATE_PARSE_OK;
        }
      p++;
      if (read_number (&p, 2, &c) == 0)
        return BB_DATE_PARSE_INVALID;
      date->day = c;
    }
  else
    {
      if (na > 2 || *p != sep)
        return BB_DATE_PARSE_INVALID;
      p++;
      nc = read_number (&p, 4, &c);
      if (nc != 4 && nc != 2)
        return BB_DATE_PARSE_INVALID;
      if (nc == 2)
        c += c < 70 ? 2000 : 1900;
      date->year = c;
      if (a > 12 || sep == '.' || sep == '-')
        order = a > 12 || order == BB_DATE_ORDER_UNKNOWN ? BB_DATE_ORDER_DMY : order;
      else if (b > 12)
        order = BB_DATE_ORDER_MDY;
      else if (order == BB_DATE_ORDER_UNKNOWN)
        return BB_DATE_PARSE_AMBIGUOUS;
      date->day = order == BB_DATE_ORDER_DMY ? a : b;
      date->month = order == BB_DATE_ORDER_DMY ? b : a;
    }

  if (!bb_import_date_is_valid (date->year, date->month, date->day))
    return BB_DATE_PARSE_INVALID;
  date->precision = BB_DATE_PRECISION_DAY;
  if (!parse_time (p, date))
    return BB_DATE_PARSE_INVALID;
  return BB_DATE_PARSE_OK;
}

void
bb_date_order_vote_add (BbDateOrderVote *vote,
                        const char      *text)
{
  const char *p = text;
  int a, b;
  char sep;

  g_return_if_fail (vote != NULL);

  if (text == NULL)
    return;
  while (*p == ' ')
    p++;
  if (read_number (&p, 2, &a) == 0)
    return;
  sep = *p;
  if (sep != '/' && sep != '.' && sep != '-')
    return;
  p++;
  if (read_number (&p, 2, &b) == 0 || *p != sep)
    return;
  if (a > 12 && b <= 12)
    vote->day_first++;
  else if (b > 12 && a <= 12)
    vote->month_first++;
  else if (a <= 12 && b <= 12)
    {
      /* dots and dashes are written day first wherever they are used */
      if (sep == '/')
        vote->either++;
      else
        vote->day_first++;
    }
}

BbDateOrder
bb_date_order_vote_decide (const BbDateOrderVote *vote,
                           gboolean              *ambiguous)
{
  g_return_val_if_fail (vote != NULL, BB_DATE_ORDER_UNKNOWN);

  if (ambiguous != NULL)
    *ambiguous = FALSE;
  if (vote->day_first > 0 && vote->month_first == 0)
    return BB_DATE_ORDER_DMY;
  if (vote->month_first > 0 && vote->day_first == 0)
    return BB_DATE_ORDER_MDY;
  if (ambiguous != NULL)
    *ambiguous = vote->either > 0 || (vote->day_first > 0 && vote->month_first > 0);
  return BB_DATE_ORDER_UNKNOWN;
}

static gint64
local_to_utc (gint64     local,
              GTimeZone *tz)
{
  gint64 t = local;
  int interval;

  if (tz == NULL)
    return local;
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_STANDARD, t);
  if (interval < 0)
    interval = g_time_zone_find_interval (tz, G_TIME_TYPE_DAYLIGHT, t);
  if (interval < 0)
    {
      /* a local time skipped by a change to summer time */
      interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &t);
      if (interval < 0)
        return local;
    }
  return local - g_time_zone_get_offset (tz, interval);
}

gint64
bb_import_date_to_utc (const BbImportDate *date,
                       GTimeZone          *tz)
{
  gint64 local;

  g_return_val_if_fail (date != NULL, 0);

  local = bb_days_from_civil (date->year, date->month, date->day) * 86400
          + date->hour * 3600 + date->minute * 60 + date->second;
  if (date->has_offset)
    return local - date->offset;
  return local_to_utc (local, tz);
}

gint64
bb_import_date_end_utc (const BbImportDate *date,
                        GTimeZone          *tz)
{
  BbImportDate next;

  g_return_val_if_fail (date != NULL, 0);

  if (date->precision == BB_DATE_PRECISION_TIME)
    return bb_import_date_to_utc (date, tz);
  next = *date;
  next.hour = next.minute = next.second = 0;
  if (date->precision == BB_DATE_PRECISION_MONTH)
    {
      next.day = 1;
      next.month++;
      if (next.month > 12)
        {
          next.month = 1;
          next.year++;
        }
    }
  else
    {
      gint64 next_midnight = (bb_days_from_civil (date->year, date->month, date->day) + 1) * 86400;

      if (date->has_offset)
        return next_midnight - date->offset - 1;
      return local_to_utc (next_midnight, tz) - 1;
    }
  return bb_import_date_to_utc (&next, tz) - 1;
}
