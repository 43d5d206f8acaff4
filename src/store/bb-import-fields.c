/* bb-import-fields.c: reading an import row's values (its time, its position and the others), with the issues they raise */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-import-run-private.h"

/* "incidents.csv, line 12, column “Latitude”: …" */
char *
bb_import_run_row_message (BbImportRun *run,
                           guint64      line,
                           int          column,
                           const char  *detail)
{
  const char *name = column >= 0 ? g_ptr_array_index (run->self->columns, column) : NULL;

  if (run->geojson)
    {
      if (name != NULL)
        /* Translators: file, feature number, property name, what is wrong */
        return g_strdup_printf (_("%s, feature %" PRIu64 ", property “%s”: %s"),
                                run->report->file_name, line, name, detail);
      return g_strdup_printf (_("%s, feature %" PRIu64 ": %s"), run->report->file_name, line, detail);
    }
  if (name != NULL)
    /* Translators: file, line, column name, what is wrong */
    return g_strdup_printf (_("%s, line %" PRIu64 ", column “%s”: %s"),
                            run->report->file_name, line, name, detail);
  return g_strdup_printf (_("%s, line %" PRIu64 ": %s"), run->report->file_name, line, detail);
}

void
bb_import_run_row_issue (BbImportRun *run,
                         guint64      line,
                         int          column,
                         gboolean     skipped,
                         const char  *detail)
{
  g_autofree char *message = bb_import_run_row_message (run, line, column, detail);

  bb_import_pipe_issue (run->pipe, line, column >= 0 ? g_ptr_array_index (run->self->columns, column) : NULL,
                        skipped, message);
}


void
bb_import_run_row_issuef (BbImportRun *run,
                          guint64      line,
                          int          column,
                          gboolean     skipped,
                          const char  *format,
                          ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  bb_import_run_row_issue (run, line, column, skipped, detail);
}

const char *
bb_import_run_value_of (BbImportRun   *run,
                        BbImportField  field)
{
  int column = run->col[field];

  return column >= 0 ? bb_import_source_get (run->source, column) : NULL;
}

static gboolean
parse_int_field (BbImportRun   *run,
                 BbImportField  field,
                 guint64        line,
                 int            min,
                 int            max,
                 gboolean       required,
                 int           *value,
                 gboolean      *present)
{
  const char *text = bb_import_run_value_of (run, field);
  double v;

  *present = FALSE;
  if (text == NULL || bb_import_value_is_missing (text))
    {
      if (required)
        {
          bb_import_run_row_issue (run, line, run->col[field], TRUE, _("the value is missing"));
          return FALSE;
        }
      return TRUE;
    }
  if (!bb_import_parse_number (text, &v) || v != floor (v) || v < min || v > max)
    {
      /* Translators: a value, the field's name, the smallest and largest allowed */
      bb_import_run_row_issuef (run, line, run->col[field], TRUE, _("“%s” is not a %s (%d…%d)"),
                                text, bb_import_field_get_label (field), min, max);
      return FALSE;
    }
  *value = (int) v;
  *present = TRUE;
  return TRUE;
}

/* The incident's time; FALSE when the row is skipped. */
gboolean
bb_import_run_read_when (BbImportRun *run,
                         guint64      line,
                         BbIncident  *incident)
{
  BbImportDate date = { 0 };

  if (run->col[BB_IMPORT_FIELD_DATE] >= 0)
    {
      const char *text = bb_import_run_value_of (run, BB_IMPORT_FIELD_DATE);
      const char *time = bb_import_run_value_of (run, BB_IMPORT_FIELD_TIME);
      BbDateParseResult result;

      if (bb_import_value_is_missing (text))
        {
          bb_import_run_row_issue (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE, _("the date is missing"));
          return FALSE;
        }
      if (time != NULL && !bb_import_value_is_missing (time))
        {
          g_string_printf (run->scratch, "%s %s", text, time);
          text = run->scratch->str;
        }
      result = bb_import_parse_date (text, run->self->date_order, &date);
      if (result == BB_DATE_PARSE_AMBIGUOUS)
        {
          bb_import_run_row_issuef (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE,
                                    _("“%s” could be read day first or month first; choose the order of day and month"), text);
          return FALSE;
        }
      if (result != BB_DATE_PARSE_OK)
        {
          bb_import_run_row_issuef (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE, _("“%s” is not a date"), text);
          return FALSE;
        }
    }
  else
    {
      gboolean has_day, has_hour, has_minute, present;

      date.day = 1;
      if (!parse_int_field (run, BB_IMPORT_FIELD_YEAR, line, 1800, 2200, TRUE, &date.year, &present)
          || !parse_int_field (run, BB_IMPORT_FIELD_MONTH, line, 1, 12, TRUE, &date.month, &present)
          || !parse_int_field (run, BB_IMPORT_FIELD_DAY, line, 1, 31, FALSE, &date.day, &has_day)
          || !parse_int_field (run, BB_IMPORT_FIELD_HOUR, line, 0, 23, FALSE, &date.hour, &has_hour)
          || !parse_int_field (run, BB_IMPORT_FIELD_MINUTE, line, 0, 59, FALSE, &date.minute, &has_minute))
        return FALSE;
      if (!bb_import_date_is_valid (date.year, date.month, date.day))
        {
          bb_import_run_row_issuef (run, line, run->col[BB_IMPORT_FIELD_DAY], TRUE, _("%04d-%02d-%02d is not a date"),
                                    date.year, date.month, date.day);
          return FALSE;
        }
      date.precision = !has_day ? BB_DATE_PRECISION_MONTH
                     : has_hour ? BB_DATE_PRECISION_TIME : BB_DATE_PRECISION_DAY;
      if (!has_hour)
        date.minute = 0;
    }

  incident->occurred_start = bb_import_date_to_utc (&date, run->tz);
  if (date.precision == BB_DATE_PRECISION_TIME)
    {
      incident->occurred_end = BB_UNSET_TIME;
      incident->time_unknown = FALSE;
    }
  else
    {
      incident->occurred_end = bb_import_date_end_utc (&date, run->tz);
      incident->time_unknown = TRUE;
    }

  if (run->col[BB_IMPORT_FIELD_REPORTED] >= 0)
    {
      const char *text = bb_import_run_value_of (run, BB_IMPORT_FIELD_REPORTED);
      BbImportDate reported;

      if (!bb_import_value_is_missing (text))
        {
          if (bb_import_parse_date (text, run->self->date_order, &reported) != BB_DATE_PARSE_OK)
            {
              bb_import_run_row_issuef (run, line, run->col[BB_IMPORT_FIELD_REPORTED], TRUE, _("“%s” is not a date"), text);
              return FALSE;
            }
          incident->reported_at = bb_import_date_to_utc (&reported, run->tz);
        }
    }
  return TRUE;
}

BbImportRowPosition
bb_import_run_read_position (BbImportRun  *run,
                             guint64       line,
                             double       *lon,
                             double       *lat,
                             const char  **why)
{
  BbImportField fx, fy;
  const char *tx, *ty;
  double x, y;

  *lon = *lat = NAN;
  if (run->geojson)
    {
      const char *problem = NULL;

      if (!bb_import_source_get_point (run->source, &x, &y, &problem))
        {
          if (problem != NULL)
            {
              bb_import_run_row_issue (run, line, -1, TRUE, problem);
              return BB_IMPORT_ROW_POSITION_BAD;
            }
          *why = _("it has no position");
          return BB_IMPORT_ROW_POSITION_NONE;
        }
      fx = fy = BB_IMPORT_FIELD_IGNORE;
      tx = ty = NULL;
    }
  else
    {
      gboolean projected = run->col[BB_IMPORT_FIELD_LONGITUDE] < 0 || run->col[BB_IMPORT_FIELD_LATITUDE] < 0;

      fx = projected ? BB_IMPORT_FIELD_X : BB_IMPORT_FIELD_LONGITUDE;
      fy = projected ? BB_IMPORT_FIELD_Y : BB_IMPORT_FIELD_LATITUDE;
      if (run->col[fx] < 0 || run->col[fy] < 0)
        {
          *why = _("it has no position");
          return BB_IMPORT_ROW_POSITION_NONE;
        }
      tx = bb_import_run_value_of (run, fx);
      ty = bb_import_run_value_of (run, fy);
      if (bb_import_value_is_missing (tx) || bb_import_value_is_missing (ty))
        {
          *why = _("it has no position");
          return BB_IMPORT_ROW_POSITION_NONE;
        }
      if (!bb_import_parse_number (tx, &x))
        {
          bb_import_run_row_issuef (run, line, run->col[fx], TRUE, _("“%s” is not a number"), tx);
          return BB_IMPORT_ROW_POSITION_BAD;
        }
      if (!bb_import_parse_number (ty, &y))
        {
          bb_import_run_row_issuef (run, line, run->col[fy], TRUE, _("“%s” is not a number"), ty);
          return BB_IMPORT_ROW_POSITION_BAD;
        }
    }

  if (x == 0 && y == 0)
    {
      *why = _("its position 0, 0 is a placeholder, not a place");
      return BB_IMPORT_ROW_POSITION_NONE;
    }
  if (run->transform != NULL)
    {
      if (!bb_crs_transform_point (run->transform, x, y, lon, lat))
        {
          bb_import_run_row_issuef (run, line, run->col[fx], TRUE, _("%g, %g cannot be converted from EPSG:%d"),
                                    x, y, bb_crs_transform_get_epsg (run->transform));
          return BB_IMPORT_ROW_POSITION_BAD;
        }
    }
  else
    {
      *lon = x;
      *lat = y;
    }
  if (!(*lat >= -90 && *lat <= 90))
    {
      if (tx != NULL && run->transform == NULL)
        bb_import_run_row_issuef (run, line, run->col[fy], TRUE, _("“%s” is not a latitude (−90…90)"), ty);
      else
        bb_import_run_row_issuef (run, line, run->col[fy], TRUE, _("%g, %g is not a place on Earth"), x, y);
      return BB_IMPORT_ROW_POSITION_BAD;
    }
  if (!(*lon >= -180 && *lon <= 180))
    {
      if (tx != NULL && run->transform == NULL)
        bb_import_run_row_issuef (run, line, run->col[fx], TRUE, _("“%s” is not a longitude (−180…180)"), tx);
      else
        bb_import_run_row_issuef (run, line, run->col[fx], TRUE, _("%g, %g is not a place on Earth"), x, y);
      return BB_IMPORT_ROW_POSITION_BAD;
    }
  return BB_IMPORT_ROW_POSITION_OK;
}
