/* bb-import-run.c: reading a file through and importing its rows in one transaction */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-store-private.h"

/* The page cache for a large import: the incident table's indexes stay in
 * memory while a million rows go in, well below the memory target. */
#define IMPORT_CACHE_KIB 131072

typedef struct {
  BbImport        *self;
  BbStore         *store;
  BbImportReport  *report;
  BbImportSource  *source;
  gboolean         geojson;
  BbCrsTransform  *transform;
  GTimeZone       *tz;
  int              col[BB_IMPORT_N_FIELDS];
  sqlite3_stmt    *insert;
  sqlite3_stmt    *find_fingerprint;
  sqlite3_stmt    *find_id;
  GHashTable      *fingerprints;   /* content hash → times seen in this file */
  GHashTable      *unmapped;       /* category value → rows */
  const char      *station_id;
  gint64           now_us;
  guint64          uuid_ms;
  guint64          uuid_seq;
  guint64          uuid_tail;
  GString         *scratch;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->source, bb_import_source_free);
  g_clear_pointer (&run->transform, bb_crs_transform_free);
  g_clear_pointer (&run->tz, g_time_zone_unref);
  g_clear_pointer (&run->insert, sqlite3_finalize);
  g_clear_pointer (&run->find_fingerprint, sqlite3_finalize);
  g_clear_pointer (&run->find_id, sqlite3_finalize);
  g_clear_pointer (&run->fingerprints, g_hash_table_unref);
  g_clear_pointer (&run->unmapped, g_hash_table_unref);
  if (run->scratch != NULL)
    g_string_free (run->scratch, TRUE);
  run->scratch = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Time-ordered ids (RFC 9562 version 7) for imported incidents: a large
 * import appends to the primary key's index instead of scattering its
 * rows over it. */
static void
next_uuid (Run  *run,
           char  out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 b[16];
  guint64 seq = run->uuid_seq++;
  int k = 0;

  b[0] = run->uuid_ms >> 40;
  b[1] = run->uuid_ms >> 32;
  b[2] = run->uuid_ms >> 24;
  b[3] = run->uuid_ms >> 16;
  b[4] = run->uuid_ms >> 8;
  b[5] = run->uuid_ms;
  b[6] = 0x70 | ((seq >> 56) & 0x0f);
  b[7] = seq >> 48;
  b[8] = 0x80 | ((run->uuid_tail >> 8) & 0x3f);
  b[9] = run->uuid_tail;
  b[10] = seq >> 40;
  b[11] = seq >> 32;
  b[12] = seq >> 24;
  b[13] = seq >> 16;
  b[14] = seq >> 8;
  b[15] = seq;
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[k++] = '-';
      out[k++] = hex[b[i] >> 4];
      out[k++] = hex[b[i] & 15];
    }
  out[k] = '\0';
}

/* "incidents.csv, line 12, column “Latitude”: …" */
static void
row_issue (Run        *run,
           guint64     line,
           int         column,
           gboolean    skipped,
           const char *detail)
{
  g_autofree char *message = NULL;
  const char *name = column >= 0 ? g_ptr_array_index (run->self->columns, column) : NULL;

  if (run->geojson)
    {
      if (name != NULL)
        /* Translators: file, feature number, property name, what is wrong */
        message = g_strdup_printf (_("%s, feature %" PRIu64 ", property “%s”: %s"),
                                   run->report->file_name, line, name, detail);
      else
        message = g_strdup_printf (_("%s, feature %" PRIu64 ": %s"),
                                   run->report->file_name, line, detail);
    }
  else if (name != NULL)
    /* Translators: file, line, column name, what is wrong */
    message = g_strdup_printf (_("%s, line %" PRIu64 ", column “%s”: %s"),
                               run->report->file_name, line, name, detail);
  else
    message = g_strdup_printf (_("%s, line %" PRIu64 ": %s"),
                               run->report->file_name, line, detail);
  bb_import_report_add_issue (run->report, line, name, skipped, message);
  if (skipped)
    run->report->skipped++;
}

G_GNUC_PRINTF (5, 6)
static void
row_issuef (Run        *run,
            guint64     line,
            int         column,
            gboolean    skipped,
            const char *format,
            ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  row_issue (run, line, column, skipped, detail);
}

static const char *
value_of (Run           *run,
          BbImportField  field)
{
  int column = run->col[field];

  return column >= 0 ? bb_import_source_get (run->source, column) : NULL;
}

static gboolean
parse_int_field (Run           *run,
                 BbImportField  field,
                 guint64        line,
                 int            min,
                 int            max,
                 gboolean       required,
                 int           *value,
                 gboolean      *present)
{
  const char *text = value_of (run, field);
  double v;

  *present = FALSE;
  if (text == NULL || bb_import_value_is_missing (text))
    {
      if (required)
        {
          row_issue (run, line, run->col[field], TRUE, _("the value is missing"));
          return FALSE;
        }
      return TRUE;
    }
  if (!bb_import_parse_number (text, &v) || v != floor (v) || v < min || v > max)
    {
      /* Translators: a value, the field's name, the smallest and largest allowed */
      row_issuef (run, line, run->col[field], TRUE, _("“%s” is not a %s (%d…%d)"),
                  text, bb_import_field_get_label (field), min, max);
      return FALSE;
    }
  *value = (int) v;
  *present = TRUE;
  return TRUE;
}

/* The incident's time; FALSE when the row is skipped. */
static gboolean
read_when (Run        *run,
           guint64     line,
           BbIncident *incident)
{
  BbImportDate date = { 0 };

  if (run->col[BB_IMPORT_FIELD_DATE] >= 0)
    {
      const char *text = value_of (run, BB_IMPORT_FIELD_DATE);
      const char *time = value_of (run, BB_IMPORT_FIELD_TIME);
      BbDateParseResult result;

      if (bb_import_value_is_missing (text))
        {
          row_issue (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE, _("the date is missing"));
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
          row_issuef (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE,
                      _("“%s” could be read day first or month first; choose the order of day and month"), text);
          return FALSE;
        }
      if (result != BB_DATE_PARSE_OK)
        {
          row_issuef (run, line, run->col[BB_IMPORT_FIELD_DATE], TRUE, _("“%s” is not a date"), text);
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
          row_issuef (run, line, run->col[BB_IMPORT_FIELD_DAY], TRUE, _("%04d-%02d-%02d is not a date"),
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
      const char *text = value_of (run, BB_IMPORT_FIELD_REPORTED);
      BbImportDate reported;

      if (!bb_import_value_is_missing (text))
        {
          if (bb_import_parse_date (text, run->self->date_order, &reported) != BB_DATE_PARSE_OK)
            {
              row_issuef (run, line, run->col[BB_IMPORT_FIELD_REPORTED], TRUE, _("“%s” is not a date"), text);
              return FALSE;
            }
          incident->reported_at = bb_import_date_to_utc (&reported, run->tz);
        }
    }
  return TRUE;
}

typedef enum {
  POSITION_OK,
  POSITION_NONE,     /* imported without one, or skipped, as chosen */
  POSITION_BAD,      /* the row is skipped */
} PositionResult;

static PositionResult
read_position (Run         *run,
               guint64      line,
               double      *lon,
               double      *lat,
               const char **why)
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
              row_issue (run, line, -1, TRUE, problem);
              return POSITION_BAD;
            }
          *why = _("it has no position");
          return POSITION_NONE;
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
          return POSITION_NONE;
        }
      tx = value_of (run, fx);
      ty = value_of (run, fy);
      if (bb_import_value_is_missing (tx) || bb_import_value_is_missing (ty))
        {
          *why = _("it has no position");
          return POSITION_NONE;
        }
      if (!bb_import_parse_number (tx, &x))
        {
          row_issuef (run, line, run->col[fx], TRUE, _("“%s” is not a number"), tx);
          return POSITION_BAD;
        }
      if (!bb_import_parse_number (ty, &y))
        {
          row_issuef (run, line, run->col[fy], TRUE, _("“%s” is not a number"), ty);
          return POSITION_BAD;
        }
    }

  if (x == 0 && y == 0)
    {
      *why = _("its position 0, 0 is a placeholder, not a place");
      return POSITION_NONE;
    }
  if (run->transform != NULL)
    {
      if (!bb_crs_transform_point (run->transform, x, y, lon, lat))
        {
          row_issuef (run, line, run->col[fx], TRUE, _("%g, %g cannot be converted from EPSG:%d"),
                      x, y, bb_crs_transform_get_epsg (run->transform));
          return POSITION_BAD;
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
        row_issuef (run, line, run->col[fy], TRUE, _("“%s” is not a latitude (−90…90)"), ty);
      else
        row_issuef (run, line, run->col[fy], TRUE, _("%g, %g is not a place on Earth"), x, y);
      return POSITION_BAD;
    }
  if (!(*lon >= -180 && *lon <= 180))
    {
      if (tx != NULL && run->transform == NULL)
        row_issuef (run, line, run->col[fx], TRUE, _("“%s” is not a longitude (−180…180)"), tx);
      else
        row_issuef (run, line, run->col[fx], TRUE, _("%g, %g is not a place on Earth"), x, y);
      return POSITION_BAD;
    }
  return POSITION_OK;
}

static gboolean
is_privacy_offset (const char *address)
{
  /* how open-data exports mark positions moved away from a victim's home */
  return address != NULL
         && (strstr (address, "OFFSET TO PROTECT PRIVACY") != NULL
             || strstr (address, "Offset to protect privacy") != NULL);
}

static gboolean
looks_like_uuid (const char *text)
{
  if (strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/* One row; FALSE with @error set only when the whole import must stop. */
static gboolean
import_row (Run      *run,
            GError  **error)
{
  BbImport *self = run->self;
  guint64 line = bb_import_source_get_line (run->source);
  BbIncident incident = { 0 };
  g_autofree char *external_id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *district_id = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *category_value, *category_id, *why = NULL, *status = "open";
  const char *address, *description;
  char id[37];
  PositionResult position;
  int rc;

  run->report->rows_read++;

  if (bb_import_source_is_truncated (run->source))
    {
      row_issue (run, line, -1, TRUE, _("the file ends in the middle of this row; it was cut short"));
      return TRUE;
    }
  if (!run->geojson && bb_import_source_get_n_values (run->source) < self->columns->len)
    {
      row_issuef (run, line, -1, TRUE,
                  _("the row has %u of the %u columns; it may have been cut short"),
                  bb_import_source_get_n_values (run->source), self->columns->len);
      return TRUE;
    }

  incident.occurred_end = BB_UNSET_TIME;
  incident.reported_at = BB_UNSET_TIME;
  if (!read_when (run, line, &incident))
    return TRUE;

  category_value = value_of (run, BB_IMPORT_FIELD_CATEGORY);
  if (bb_import_value_is_missing (category_value))
    {
      row_issue (run, line, run->col[BB_IMPORT_FIELD_CATEGORY], TRUE, _("the category is missing"));
      return TRUE;
    }
  category_id = bb_import_resolve_category (self, category_value);
  if (category_id == NULL)
    {
      gpointer n = g_hash_table_lookup (run->unmapped, category_value);

      g_hash_table_insert (run->unmapped, g_strdup (category_value), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
      row_issuef (run, line, run->col[BB_IMPORT_FIELD_CATEGORY], TRUE,
                  _("“%s” is not mapped to a Beatbook category"), category_value);
      return TRUE;
    }

  address = run->col[BB_IMPORT_FIELD_ADDRESS] >= 0 ? value_of (run, BB_IMPORT_FIELD_ADDRESS) : "";
  description = run->col[BB_IMPORT_FIELD_DESCRIPTION] >= 0 ? value_of (run, BB_IMPORT_FIELD_DESCRIPTION) : "";
  if (bb_import_value_is_missing (description))
    description = "";

  position = read_position (run, line, &incident.lon, &incident.lat, &why);
  if (position == POSITION_BAD)
    return TRUE;
  if (position == POSITION_OK && is_privacy_offset (address))
    {
      position = POSITION_NONE;
      why = _("its position was moved to protect privacy");
      incident.lat = incident.lon = NAN;
    }

  if (run->col[BB_IMPORT_FIELD_STATUS] >= 0)
    {
      const char *text = value_of (run, BB_IMPORT_FIELD_STATUS);

      if (g_strcmp0 (text, "open") == 0 || g_strcmp0 (text, "cleared") == 0 || g_strcmp0 (text, "referred") == 0)
        status = text;
    }

  if (run->col[BB_IMPORT_FIELD_RESTRICTED] >= 0)
    {
      const char *text = value_of (run, BB_IMPORT_FIELD_RESTRICTED);

      incident.restricted = g_strcmp0 (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0
                            || g_ascii_strcasecmp (text, "yes") == 0;
    }

  if (run->col[BB_IMPORT_FIELD_EXTERNAL_ID] >= 0)
    {
      const char *text = value_of (run, BB_IMPORT_FIELD_EXTERNAL_ID);

      if (!bb_import_value_is_missing (text))
        {
          /* Beatbook's own export names its incidents by their id */
          if (self->format == BB_IMPORT_FORMAT_BEATBOOK && looks_like_uuid (text))
            {
              sqlite3_reset (run->find_id);
              sqlite3_bind_text (run->find_id, 1, text, -1, SQLITE_STATIC);
              if (sqlite3_step (run->find_id) == SQLITE_ROW)
                {
                  run->report->duplicates++;
                  return TRUE;
                }
            }
          external_id = g_strconcat (self->source_name, ":", text, NULL);
        }
    }
  if (external_id == NULL)
    {
      /* The same content twice in one file is two incidents (police.uk
       * lists several crimes of a month at one anonymous point), so the
       * fingerprint counts how often it was seen; the same file again
       * gives the same fingerprints. */
      g_autofree char *folded_address = g_utf8_casefold (address, -1);
      g_autofree char *content = NULL;
      g_autofree char *digest = NULL;
      gpointer seen;
      guint n;

      content = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%.6f\x1f%.6f\x1f%s\x1f%s",
                                 category_id, incident.occurred_start, incident.occurred_end,
                                 incident.lat, incident.lon, g_strstrip (folded_address), description);
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
      seen = g_hash_table_lookup (run->fingerprints, digest);
      n = GPOINTER_TO_UINT (seen) + 1;
      fingerprint = n == 1 ? g_strdup (digest) : g_strdup_printf ("%s/%u", digest, n);
      g_hash_table_insert (run->fingerprints, g_steal_pointer (&digest), GUINT_TO_POINTER (n));

      sqlite3_reset (run->find_fingerprint);
      sqlite3_bind_text (run->find_fingerprint, 1, fingerprint, -1, SQLITE_STATIC);
      if (sqlite3_step (run->find_fingerprint) == SQLITE_ROW)
        {
          run->report->duplicates++;
          return TRUE;
        }
    }

  if (position == POSITION_NONE)
    {
      if (self->missing_position == BB_IMPORT_POSITION_SKIP)
        {
          row_issue (run, line, -1, TRUE, why);
          return TRUE;
        }
    }
  else
    {
      district_id = bb_store_district_at (run->store, incident.lon, incident.lat, error);
      if (district_id == NULL && error != NULL && *error != NULL)
        return FALSE;
    }

  /* the same rules as an incident entered by hand */
  incident.category_id = (char *) category_id;
  incident.district_id = district_id;
  incident.address = (char *) address;
  incident.description = (char *) description;
  incident.source = (char *) "import";
  incident.status = (char *) status;
  incident.external_id = external_id;
  incident.fingerprint = fingerprint;
  if (!bb_incident_validate (&incident, &local_error))
    {
      row_issue (run, line, -1, TRUE, local_error->message);
      return TRUE;
    }

  next_uuid (run, id);
  sqlite3_reset (run->insert);
  sqlite3_bind_text (run->insert, 1, id, 36, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 2, run->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 3, category_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (run->insert, 4, incident.occurred_start);
  if (incident.occurred_end != BB_UNSET_TIME)
    sqlite3_bind_int64 (run->insert, 5, incident.occurred_end);
  else
    sqlite3_bind_null (run->insert, 5);
  sqlite3_bind_int (run->insert, 6, incident.time_unknown);
  if (incident.reported_at != BB_UNSET_TIME)
    sqlite3_bind_int64 (run->insert, 7, incident.reported_at);
  else
    sqlite3_bind_null (run->insert, 7);
  if (position == POSITION_OK)
    {
      sqlite3_bind_double (run->insert, 8, incident.lat);
      sqlite3_bind_double (run->insert, 9, incident.lon);
    }
  else
    {
      sqlite3_bind_null (run->insert, 8);
      sqlite3_bind_null (run->insert, 9);
    }
  bind_text_or_null (run->insert, 10, district_id);
  sqlite3_bind_text (run->insert, 11, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 12, description, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 13, status, -1, SQLITE_STATIC);
  bind_text_or_null (run->insert, 14, external_id);
  bind_text_or_null (run->insert, 15, fingerprint);
  sqlite3_bind_int (run->insert, 17, incident.restricted);
  rc = sqlite3_step (run->insert);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_INTERRUPT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled; nothing was imported"));
          return FALSE;
        }
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_REFUSED,
                   _("%s, line %" PRIu64 ": the station refused the row (%s); nothing was imported"),
                   run->report->file_name, line, sqlite3_errmsg (bb_store_get_db (run->store)));
      return FALSE;
    }
  if (sqlite3_changes (bb_store_get_db (run->store)) == 0)
    {
      /* its number is already in the station, or earlier in this file */
      run->report->duplicates++;
      return TRUE;
    }
  run->report->imported++;
  if (position == POSITION_NONE)
    {
      run->report->without_position++;
      row_issuef (run, line, -1, FALSE, _("imported without a position: %s"), why);
    }
  return TRUE;
}

static gboolean
exec (BbStore     *store,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (bb_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  return TRUE;
}

/* A number the import needs; a failure (out of memory, a read error) is
 * an error, never a 0 that would, say, put every incident of the station
 * into the audit log again as imported. */
static gboolean
query_int (BbStore     *store,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (bb_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Preparing the import"));
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
check_mapping (Run      *run,
               GError  **error)
{
  BbImport *self = run->self;

  for (guint f = 0; f < BB_IMPORT_N_FIELDS; f++)
    run->col[f] = bb_import_find_field (self, f);

  if (run->col[BB_IMPORT_FIELD_CATEGORY] < 0)
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_MAPPING,
                   _("%s: choose the column that holds the category"), self->display_name);
      return FALSE;
    }
  if (run->col[BB_IMPORT_FIELD_DATE] < 0
      && (run->col[BB_IMPORT_FIELD_YEAR] < 0 || run->col[BB_IMPORT_FIELD_MONTH] < 0))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_MAPPING,
                   _("%s: choose the column that holds the date (or the year and month columns)"),
                   self->display_name);
      return FALSE;
    }
  if (bb_import_get_date_order_ambiguous (self) && self->date_order == BB_DATE_ORDER_UNKNOWN)
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_NEEDS_DATE_ORDER,
                   _("%s: dates like “03/04/2024” could be day first or month first; choose the order"),
                   self->display_name);
      return FALSE;
    }
  if (!run->geojson && (run->col[BB_IMPORT_FIELD_LONGITUDE] < 0 || run->col[BB_IMPORT_FIELD_LATITUDE] < 0)
      && run->col[BB_IMPORT_FIELD_X] >= 0 && run->col[BB_IMPORT_FIELD_Y] >= 0)
    {
      const char *crs = bb_import_get_crs (self);

      if (crs == NULL)
        {
          g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_NEEDS_CRS,
                       _("%s: choose the coordinate system (EPSG code) of the columns “%s” and “%s”"),
                       self->display_name,
                       (const char *) g_ptr_array_index (self->columns, run->col[BB_IMPORT_FIELD_X]),
                       (const char *) g_ptr_array_index (self->columns, run->col[BB_IMPORT_FIELD_Y]));
          return FALSE;
        }
      run->transform = bb_crs_transform_new (crs, error);
      if (run->transform == NULL)
        return FALSE;
    }
  else if (run->geojson && bb_import_get_crs (self) != NULL)
    {
      run->transform = bb_crs_transform_new (bb_import_get_crs (self), error);
      if (run->transform == NULL)
        return FALSE;
    }
  return TRUE;
}

static GTimeZone *
station_time_zone (BbStore *store)
{
  g_autoptr(BbStation) station = bb_store_station_get (store, NULL);
  GTimeZone *tz = NULL;

  if (station != NULL && station->timezone != NULL)
    tz = g_time_zone_new_identifier (station->timezone);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static GStrv
unmapped_values (GHashTable *unmapped)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value, count;

  g_hash_table_iter_init (&iter, unmapped);
  while (g_hash_table_iter_next (&iter, &value, &count))
    g_ptr_array_add (list, g_strdup_printf ("%s (%" G_GSIZE_FORMAT ")", (char *) value, GPOINTER_TO_SIZE (count)));
  g_ptr_array_sort (list, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* The insert triggers of the incident table whose work can be done in
 * bulk: their names and SQL, in pairs; NULL when there is one Beatbook
 * does not know (then all stay). */
static gboolean
set_triggers_aside (BbStore    *store,
                    GPtrArray **triggers,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;

  *triggers = NULL;
  if (sqlite3_prepare_v2 (bb_store_get_db (store),
                          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'incident'"
                          " AND sql LIKE '%INSERT ON incident%'", -1, &stmt, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_str_equal (name, "incident_fts_insert") && !g_str_equal (name, "audit_incident_insert"))
        return TRUE;
      g_ptr_array_add (found, g_strdup (name));
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  for (guint i = 0; i < found->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) g_ptr_array_index (found, i));

      if (!exec (store, drop, error))
        return FALSE;
    }
  *triggers = g_steal_pointer (&found);
  return TRUE;
}

static gboolean
put_triggers_back (BbStore    *store,
                   GPtrArray  *triggers,
                   gint64      rowid_before,
                   GError    **error)
{
  for (guint i = 0; i < triggers->len; i += 2)
    {
      const char *name = g_ptr_array_index (triggers, i);
      g_autofree char *bulk = NULL;

      /* what the trigger would have done for each new row, in their order */
      if (g_str_equal (name, "audit_incident_insert"))
        bulk = g_strdup_printf ("INSERT INTO audit_log (at, user_name, action, table_name, row_id)"
                                " SELECT bb_now_us (), bb_audit_user (), 'create', 'incident', id"
                                " FROM incident WHERE rowid > %" G_GINT64_FORMAT " ORDER BY rowid", rowid_before);
      else
        bulk = g_strdup_printf ("INSERT INTO incident_fts (rowid, description, address)"
                                " SELECT rowid, description, address FROM incident"
                                " WHERE rowid > %" G_GINT64_FORMAT, rowid_before);
      if (!exec (store, bulk, error) || !exec (store, g_ptr_array_index (triggers, i + 1), error))
        return FALSE;
    }
  return TRUE;
}

/* For an import larger than the station's incidents, the secondary
 * indexes are dropped and built again at the end: one sort is far cheaper
 * than a million scattered inserts.  The unique index of the sources'
 * numbers and the fingerprints' stay, as the import looks rows up in them. */
static gboolean
set_indexes_aside (BbStore    *store,
                   GPtrArray **indexes,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  int rc;

  *indexes = NULL;
  if (sqlite3_prepare_v2 (bb_store_get_db (store),
                          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incident'"
                          " AND sql IS NOT NULL AND name NOT IN ('incident_by_external_id', 'incident_by_fingerprint')"
                          " AND sql NOT LIKE 'CREATE UNIQUE%'", -1, &stmt, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Importing incidents"));
      return FALSE;
    }
  for (guint i = 0; i < found->len; i += 2)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (found, i));

      if (!exec (store, drop, error))
        return FALSE;
    }
  *indexes = g_steal_pointer (&found);
  return TRUE;
}

static gboolean
put_indexes_back (BbStore    *store,
                  GPtrArray  *indexes,
                  GError    **error)
{
  for (guint i = 0; i < indexes->len; i += 2)
    if (!exec (store, g_ptr_array_index (indexes, i + 1), error))
      return FALSE;
  return TRUE;
}

BbImportReport *
bb_import_run (BbImport              *self,
               gboolean               dry_run,
               GCancellable          *cancellable,
               BbImportProgressFunc   progress,
               gpointer               progress_data,
               GError               **error)
{
  g_auto(Run) run = { 0 };
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  g_autofree char *cache_size = NULL;
  gint64 old_cache = -2000, rowid_before = 0, started = g_get_monotonic_time ();
  double last_fraction = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->previewed && !bb_import_preview (self, 0, cancellable, error))
    return NULL;

  run.self = self;
  run.store = self->store;
  run.source = bb_import_source_open (self->path, self->encoding, self->separator, error);
  if (run.source == NULL)
    return NULL;
  run.geojson = bb_import_source_is_geojson (run.source);
  if (!check_mapping (&run, error))
    return NULL;
  run.tz = station_time_zone (self->store);
  run.fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.unmapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.station_id = bb_store_get_station_id (self->store);
  run.now_us = bb_store_now_us ();
  run.uuid_ms = run.now_us / 1000;
  run.uuid_seq = g_random_int ();
  run.uuid_tail = g_random_int ();
  run.scratch = g_string_new (NULL);
  report = bb_import_report_new (self->display_name);
  report->dry_run = dry_run;
  run.report = report;

  if (!bb_store_begin (self->store, error))
    return NULL;

  run.insert = bb_store_prepare (self->store,
    "INSERT INTO incident (id, station_id, category_id, occurred_start, occurred_end, time_unknown,"
    " reported_at, lat, lon, district_id, district_overridden, address, description, source, status,"
    " restricted, external_id, fingerprint, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, 'import', ?13, ?17, ?14, ?15, ?16, ?16)"
    " ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING", error);
  run.find_fingerprint = run.insert == NULL ? NULL
    : bb_store_prepare (self->store, "SELECT 1 FROM incident WHERE fingerprint = ?1", error);
  run.find_id = run.find_fingerprint == NULL ? NULL
    : bb_store_prepare (self->store, "SELECT 1 FROM incident WHERE id = ?1", error);
  if (run.find_id == NULL)
    {
      bb_store_rollback (self->store);
      return NULL;
    }
  sqlite3_bind_int64 (run.insert, 16, run.now_us);

  /* Bulk work: a larger page cache, and the work of the incident table's
   * insert triggers (the audit log and the full-text index) done once for
   * all new rows at the end rather than row by row: with triggers, SQLite
   * must journal every page each insert touches so that the one statement
   * can be undone.  The triggers are set aside and put back, unchanged,
   * inside the same transaction; a trigger Beatbook does not know of
   * stays and runs row by row. */
  cache_size = g_strdup_printf ("PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
  ok = query_int (self->store, "PRAGMA cache_size", &old_cache, error)
       && query_int (self->store, "SELECT ifnull (max (rowid), 0) FROM incident", &rowid_before, error)
       && exec (self->store, cache_size, error)
       && set_triggers_aside (self->store, &triggers, error);
  if (ok && self->n_rows >= 50000)
    {
      gint64 n_incidents = 0;

      ok = query_int (self->store, "SELECT count(*) FROM incident", &n_incidents, error);
      if (ok && (gint64) self->n_rows >= n_incidents)
        ok = set_indexes_aside (self->store, &indexes, error);
    }
  while (ok)
    {
      GError *local_error = NULL;

      if (!bb_import_source_next (run.source, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              ok = FALSE;
            }
          break;
        }
      if (!import_row (&run, error))
        {
          ok = FALSE;
          break;
        }
      if ((report->rows_read & 1023) == 0)
        {
          double fraction = bb_import_source_get_fraction (run.source);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (progress != NULL && fraction - last_fraction >= 0.01)
            {
              last_fraction = fraction;
              progress (fraction * 0.95, progress_data);
            }
        }
    }

  g_debug ("%s: %" G_GUINT64_FORMAT " rows read in %.3f s", self->display_name, report->rows_read,
           (g_get_monotonic_time () - started) / 1e6);
  if (ok && triggers != NULL)
    ok = put_triggers_back (self->store, triggers, rowid_before, error);
  g_debug ("%s: audit log and search index written at %.3f s", self->display_name,
           (g_get_monotonic_time () - started) / 1e6);
  if (ok && indexes != NULL)
    ok = put_indexes_back (self->store, indexes, error);
  g_debug ("%s: indexes built at %.3f s", self->display_name, (g_get_monotonic_time () - started) / 1e6);
  if (ok && !dry_run)
    ok = bb_import_remember (self, error);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.find_fingerprint, sqlite3_finalize);
  g_clear_pointer (&run.find_id, sqlite3_finalize);

  if (ok && !dry_run)
    ok = bb_store_commit (self->store, error);
  else
    bb_store_rollback (self->store);

  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
    BB_STORE_LOCK_SCOPE (self->store);

    sqlite3_exec (bb_store_get_db (self->store), restore, NULL, NULL, NULL);
  }

  g_debug ("%s: committed at %.3f s", self->display_name, (g_get_monotonic_time () - started) / 1e6);
  if (!ok)
    return NULL;
  report->unmapped_categories = unmapped_values (run.unmapped);
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&report);
}

/* Asynchronous ------------------------------------------------------------ */

typedef struct {
  BbImport             *self;
  gboolean              dry_run;
  BbImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_destroy;
  GMainContext         *context;
} RunJob;

static void
run_job_clear (RunJob *job)
{
  g_clear_object (&job->self);
  if (job->progress_data_destroy != NULL)
    job->progress_data_destroy (job->progress_data);
  g_clear_pointer (&job->context, g_main_context_unref);
}

static void
run_job_unref (RunJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) run_job_clear);
}

typedef struct {
  RunJob *job;
  double  fraction;
} ProgressCall;

static gboolean
progress_call_cb (gpointer data)
{
  ProgressCall *call = data;

  call->job->progress (call->fraction, call->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  run_job_unref (call->job);
  g_free (call);
}

static void
job_progress_cb (double   fraction,
                 gpointer data)
{
  RunJob *job = data;
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->job = g_atomic_rc_box_acquire (job);
  call->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_call_cb, call, progress_call_free);
}

static gpointer
run_in_store (BbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  RunJob *job = data;

  return bb_import_run (job->self, job->dry_run, cancellable,
                        job->progress != NULL ? job_progress_cb : NULL, job, error);
}

void
bb_import_run_async (BbImport              *self,
                     gboolean               dry_run,
                     GCancellable          *cancellable,
                     BbImportProgressFunc   progress,
                     gpointer               progress_data,
                     GDestroyNotify         progress_data_destroy,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  RunJob *job;

  g_return_if_fail (BB_IS_IMPORT (self));

  job = g_atomic_rc_box_new0 (RunJob);
  job->self = g_object_ref (self);
  job->dry_run = dry_run;
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;
  job->context = g_main_context_ref_thread_default ();
  bb_store_run_async (self->store, run_in_store, job, (GDestroyNotify) run_job_unref,
                      cancellable, callback, user_data);
}

BbImportReport *
bb_import_run_finish (BbImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return bb_store_run_finish (self->store, result, error);
}
