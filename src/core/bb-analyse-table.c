/* bb-analyse-table.c: the rows of the headless analyses' input CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-analyse-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-analyse-cli.h"
#include "bb-analyse-table.h"

void
bb_analyse_table_clear (BbAnalyseTable *t)
{
  g_clear_pointer (&t->x, g_array_unref);
  g_clear_pointer (&t->y, g_array_unref);
  g_clear_pointer (&t->value, g_array_unref);
  g_clear_pointer (&t->days, g_array_unref);
  g_clear_pointer (&t->line, g_array_unref);
}

#define COL BB_ANALYSE_COL

/* Splits one line of CSV: fields separated by commas, optionally in double
 * quotes with "" for a quote.  FALSE when a quote is not closed. */
static gboolean
split_csv (const char *line,
           GPtrArray  *fields)
{
  const char *p = line;

  g_ptr_array_set_size (fields, 0);
  for (;;)
    {
      GString *field = g_string_new (NULL);

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          while (*p != '\0' && *p != ',')
            p++;
        }
      else
        {
          while (*p != '\0' && *p != ',')
            g_string_append_c (field, *p++);
        }
      g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
      if (*p != ',')
        break;
      p++;
    }
  return TRUE;
}

gboolean
bb_analyse_parse_number (const char *text,
                         double     *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

/* Days since 1970-01-01 UTC from a number of days or ISO 8601 (a date,
 * or a date and time; UTC unless the text names an offset). */
static gboolean
parse_days (const char *text,
            double     *days)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (bb_analyse_parse_number (text, days))
    return TRUE;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);

      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (dt == NULL)
    return FALSE;
  *days = g_date_time_to_unix (dt) / 86400.0 + g_date_time_get_microsecond (dt) / 86400e6;
  return TRUE;
}

static int
find_column (GPtrArray         *header,
             const char * const names[])
{
  for (guint i = 0; i < header->len; i++)
    for (guint k = 0; names[k] != NULL; k++)
      if (g_ascii_strcasecmp (g_ptr_array_index (header, i), names[k]) == 0)
        return i;
  return -1;
}

gboolean
bb_analyse_table_read (const char      *path,
                       gboolean         want_lonlat,
                       BbAnalyseTable  *t,
                       GError         **error)
{
  static const char * const x_names[] = { "x", NULL };
  static const char * const y_names[] = { "y", NULL };
  static const char * const lon_names[] = { "lon", "longitude", "lng", NULL };
  static const char * const lat_names[] = { "lat", "latitude", NULL };
  static const char * const value_names[] = { "value", "weight", NULL };
  static const char * const time_names[] = { "time", "date", "days", NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  int cx = -1, cy = -1, cv = -1, ct = -1;
  const char *name_x = "x", *name_y = "y";
  gboolean have_header = FALSE;
  double lon_sum = 0, lat_sum = 0;

  t->path = path;
  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                   _("Cannot read %s: %s"), path, local_error->message);
      return FALSE;
    }

  t->x = g_array_new (FALSE, FALSE, sizeof (double));
  t->y = g_array_new (FALSE, FALSE, sizeof (double));
  t->line = g_array_new (FALSE, FALSE, sizeof (guint));

  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      char *line = lines[l];
      guint line_no = l + 1;
      double x, y, v;
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (l == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;   /* byte-order mark */
      if (*g_strstrip (line) == '\0')
        continue;

      if (!split_csv (line, have_header ? fields : header))
        {
          g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                       _("%s:%u: a quoted field is not closed."), path, line_no);
          return FALSE;
        }

      if (!have_header)
        {
          have_header = TRUE;
          if (!want_lonlat)
            {
              cx = find_column (header, x_names);
              cy = find_column (header, y_names);
            }
          if (cx < 0 || cy < 0)
            {
              cx = find_column (header, lon_names);
              cy = find_column (header, lat_names);
              name_x = "lon";
              name_y = "lat";
              t->lonlat = TRUE;
            }
          if (cx < 0 || cy < 0)
            {
              g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                           want_lonlat
                           ? _("%s:%u: the header has no “lon” and “lat” columns.")
                           : _("%s:%u: the header has no “x” and “y” columns (metres) nor “lon” and “lat” (degrees)."),
                           path, line_no);
              return FALSE;
            }
          cv = find_column (header, value_names);
          ct = find_column (header, time_names);
          if (cv >= 0)
            t->value = g_array_new (FALSE, FALSE, sizeof (double));
          if (ct >= 0)
            t->days = g_array_new (FALSE, FALSE, sizeof (double));
          continue;
        }

      if (fields->len != header->len)
        {
          g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                       _("%s:%u: expected %u fields as in the header, found %u."),
                       path, line_no, header->len, fields->len);
          return FALSE;
        }

#define FIELD(c) ((const char *) g_ptr_array_index (fields, (c)))
#define BAD_NUMBER(c, name)                                                          \
      G_STMT_START {                                                                 \
        g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,        \
                     _("%s:%u: column “%s”: “%s” is not a number."),                 \
                     path, line_no, (name), FIELD (c));                              \
        return FALSE;                                                                \
      } G_STMT_END

      if (!bb_analyse_parse_number (FIELD (cx), &x))
        BAD_NUMBER (cx, name_x);
      if (!bb_analyse_parse_number (FIELD (cy), &y))
        BAD_NUMBER (cy, name_y);
      if (t->lonlat && (fabs (x) > 180 || fabs (y) > 90))
        {
          g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                       _("%s:%u: “%s, %s” is not a longitude and latitude in degrees."),
                       path, line_no, FIELD (cx), FIELD (cy));
          return FALSE;
        }
      g_array_append_val (t->x, x);
      g_array_append_val (t->y, y);
      g_array_append_val (t->line, line_no);

      if (t->value != NULL)
        {
          if (!bb_analyse_parse_number (FIELD (cv), &v))
            BAD_NUMBER (cv, "value");
          g_array_append_val (t->value, v);
        }
      if (t->days != NULL)
        {
          if (!parse_days (FIELD (ct), &v))
            {
              g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                           _("%s:%u: column “%s”: “%s” is neither a date and time (ISO 8601) nor a number of days."),
                           path, line_no, (const char *) g_ptr_array_index (header, ct), FIELD (ct));
              return FALSE;
            }
          g_array_append_val (t->days, v);
        }
#undef BAD_NUMBER
#undef FIELD
    }

  t->n = t->x->len;
  if (t->n == 0)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                   _("%s: there are no rows to analyse."), path);
      return FALSE;
    }

  /* Degrees become metres around the middle of the data. */
  if (t->lonlat)
    {
      for (gsize i = 0; i < t->n; i++)
        {
          lon_sum += COL (t->x, i);
          lat_sum += COL (t->y, i);
        }
      bb_local_projection_init (&t->projection, lon_sum / t->n, lat_sum / t->n);
      for (gsize i = 0; i < t->n; i++)
        bb_local_projection_forward (&t->projection, COL (t->x, i), COL (t->y, i),
                                     &COL (t->x, i), &COL (t->y, i));
    }

  t->min_x = t->min_y = INFINITY;
  t->max_x = t->max_y = -INFINITY;
  for (gsize i = 0; i < t->n; i++)
    {
      t->min_x = MIN (t->min_x, COL (t->x, i));
      t->max_x = MAX (t->max_x, COL (t->x, i));
      t->min_y = MIN (t->min_y, COL (t->y, i));
      t->max_y = MAX (t->max_y, COL (t->y, i));
    }
  return TRUE;
}
