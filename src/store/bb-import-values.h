/* bb-import-values.h: the values of imported files read as Beatbook reads them: numbers, dates, gaps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Empty, or a literal "NA", "N/A", "NULL" (any case). */
gboolean bb_import_value_is_missing (const char *text);

/* "47.052", "47,052" (a decimal comma), "-0,5", "1,234.5"; FALSE for
 * anything else, including a missing value. */
gboolean bb_import_parse_number     (const char *text,
                                     double     *value);

/* The order of day and month in dates written with three numbers. */
typedef enum {
  BB_DATE_ORDER_UNKNOWN,   /* not (yet) known: ambiguous dates are refused */
  BB_DATE_ORDER_DMY,       /* 03/04/2024 is the 3rd of April */
  BB_DATE_ORDER_MDY,       /* 03/04/2024 is the 4th of March */
} BbDateOrder;

typedef enum {
  BB_DATE_PRECISION_MONTH,   /* "2018-03" */
  BB_DATE_PRECISION_DAY,     /* a date without a time */
  BB_DATE_PRECISION_TIME,    /* to the minute or second */
} BbDatePrecision;

typedef struct {
  int             year, month, day, hour, minute, second;
  BbDatePrecision precision;
  gboolean        has_offset;   /* "Z" or "+02:00" given: not a local time */
  int             offset;       /* seconds east of UTC */
} BbImportDate;

typedef enum {
  BB_DATE_PARSE_OK,
  BB_DATE_PARSE_INVALID,
  BB_DATE_PARSE_AMBIGUOUS,  /* day and month could be either: choose an order */
} BbDateParseResult;

/* ISO 8601 ("2024-03-05", "2024-03-05T14:30", "…:00Z", "…+02:00", a space
 * for the T), month only ("2018-03"), "dd/mm/yyyy", "dd.mm.yyyy",
 * "mm/dd/yyyy" (by @order), each optionally followed by a time "HH:MM" or
 * "HH:MM:SS". */
BbDateParseResult bb_import_parse_date (const char   *text,
                                        BbDateOrder   order,
                                        BbImportDate *date);

/* Evidence about a column's day/month order, gathered value by value. */
typedef struct {
  guint64 day_first;     /* first number over 12: must be day/month */
  guint64 month_first;   /* second number over 12: must be month/day */
  guint64 either;        /* both ≤ 12 */
} BbDateOrderVote;

void        bb_date_order_vote_add    (BbDateOrderVote       *vote,
                                       const char            *text);
/* The order the column shows; UNKNOWN with *@ambiguous set when every
 * date could be read either way (or the column contradicts itself). */
BbDateOrder bb_date_order_vote_decide (const BbDateOrderVote *vote,
                                       gboolean              *ambiguous);

/* The first second of the date, in @tz unless it carries its own
 * offset, as seconds since the epoch. */
gint64      bb_import_date_to_utc     (const BbImportDate    *date,
                                       GTimeZone             *tz);
/* The last second of the period a date of lower precision covers (the
 * day or the month), or the start itself for a time. */
gint64      bb_import_date_end_utc    (const BbImportDate    *date,
                                       GTimeZone             *tz);
/* Days since 1970-01-01 of a date of the proleptic Gregorian calendar. */
gint64      bb_days_from_civil        (int year,
                                       int month,
                                       int day);
gboolean    bb_import_date_is_valid   (int year,
                                       int month,
                                       int day);

G_END_DECLS
