/* bb-import-run.c: reading a file through and importing its rows in one transaction */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-import-run-private.h"
#include "bb-store-bulk.h"
#include "bb-store-private.h"


static void
run_clear (BbImportRun *run)
{
  g_clear_pointer (&run->source, bb_import_source_free);
  g_clear_pointer (&run->transform, bb_crs_transform_free);
  g_clear_pointer (&run->tz, g_time_zone_unref);
  g_clear_pointer (&run->districts, g_ptr_array_unref);
  g_clear_pointer (&run->find_fingerprint, sqlite3_finalize);
  g_clear_pointer (&run->fingerprints, g_hash_table_unref);
  g_clear_pointer (&run->unmapped, g_hash_table_unref);
  if (run->scratch != NULL)
    g_string_free (run->scratch, TRUE);
  run->scratch = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BbImportRun, run_clear)

/* Time-ordered ids (RFC 9562 version 7) for imported incidents: a large
 * import appends to the primary key's index instead of scattering its
 * rows over it. */
static void
next_uuid (BbImportRun *run,
           char         out[37])
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

/* A row skipped for @detail, unless the station has it already (a
 * duplicate, as it would have been had it been fit to import). */
static void
skip_unless_known (BbImportRun    *run,
                   guint64         line,
                   BbImportLookup  lookup,
                   const char     *key,
                   const char     *detail)
{
  g_autofree char *message = bb_import_run_row_message (run, line, -1, detail);

  bb_import_pipe_skip (run->pipe, line, lookup, key, message);
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

/* One row, on the reading thread: sent to the writer, or its issue. */
static void
import_row (BbImportRun *run)
{
  BbImport *self = run->self;
  guint64 line = bb_import_source_get_line (run->source);
  BbIncident incident = { 0 };
  g_autofree char *external_id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *category_value, *category_id, *why = NULL, *status = "open";
  const char *address, *description, *district_id = NULL, *key = NULL;
  g_autofree char *note = NULL;
  BbImportLookup lookup = BB_IMPORT_LOOKUP_NONE;
  BbImportBulkRow row = { 0 };
  BbImportRowPosition position;

  if (bb_import_source_is_truncated (run->source))
    {
      bb_import_run_row_issue (run, line, -1, TRUE, _("the file ends in the middle of this row; it was cut short"));
      return;
    }
  if (!run->geojson && bb_import_source_get_n_values (run->source) < self->columns->len)
    {
      bb_import_run_row_issuef (run, line, -1, TRUE,
                                _("the row has %u of the %u columns; it may have been cut short"),
                                bb_import_source_get_n_values (run->source), self->columns->len);
      return;
    }

  incident.occurred_end = BB_UNSET_TIME;
  incident.reported_at = BB_UNSET_TIME;
  if (!bb_import_run_read_when (run, line, &incident))
    return;

  category_value = bb_import_run_value_of (run, BB_IMPORT_FIELD_CATEGORY);
  if (bb_import_value_is_missing (category_value))
    {
      bb_import_run_row_issue (run, line, run->col[BB_IMPORT_FIELD_CATEGORY], TRUE, _("the category is missing"));
      return;
    }
  category_id = bb_import_resolve_category (self, category_value);
  if (category_id == NULL)
    {
      gpointer n = g_hash_table_lookup (run->unmapped, category_value);

      g_hash_table_insert (run->unmapped, g_strdup (category_value), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
      bb_import_run_row_issuef (run, line, run->col[BB_IMPORT_FIELD_CATEGORY], TRUE,
                                _("“%s” is not mapped to a Beatbook category"), category_value);
      return;
    }

  address = run->col[BB_IMPORT_FIELD_ADDRESS] >= 0 ? bb_import_run_value_of (run, BB_IMPORT_FIELD_ADDRESS) : "";
  description = run->col[BB_IMPORT_FIELD_DESCRIPTION] >= 0 ? bb_import_run_value_of (run, BB_IMPORT_FIELD_DESCRIPTION) : "";
  if (bb_import_value_is_missing (description))
    description = "";

  position = bb_import_run_read_position (run, line, &incident.lon, &incident.lat, &why);
  if (position == BB_IMPORT_ROW_POSITION_BAD)
    return;
  if (position == BB_IMPORT_ROW_POSITION_OK && is_privacy_offset (address))
    {
      position = BB_IMPORT_ROW_POSITION_NONE;
      why = _("its position was moved to protect privacy");
      incident.lat = incident.lon = NAN;
    }

  if (run->col[BB_IMPORT_FIELD_STATUS] >= 0)
    {
      const char *text = bb_import_run_value_of (run, BB_IMPORT_FIELD_STATUS);

      if (g_strcmp0 (text, "cleared") == 0)
        status = "cleared";
      else if (g_strcmp0 (text, "referred") == 0)
        status = "referred";
    }

  if (run->col[BB_IMPORT_FIELD_RESTRICTED] >= 0)
    {
      const char *text = bb_import_run_value_of (run, BB_IMPORT_FIELD_RESTRICTED);

      incident.restricted = g_strcmp0 (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0
                            || g_ascii_strcasecmp (text, "yes") == 0;
    }

  if (run->col[BB_IMPORT_FIELD_EXTERNAL_ID] >= 0)
    {
      const char *text = bb_import_run_value_of (run, BB_IMPORT_FIELD_EXTERNAL_ID);

      if (!bb_import_value_is_missing (text))
        {
          /* Beatbook's own export names its incidents by their id */
          if (self->format == BB_IMPORT_FORMAT_BEATBOOK && looks_like_uuid (text))
            {
              lookup = BB_IMPORT_LOOKUP_ID;
              key = text;
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
      lookup = BB_IMPORT_LOOKUP_FINGERPRINT;
      key = fingerprint;
    }

  /* From here on, a row the station has already is a duplicate, not
   * skipped: the writer looks it up first. */
  if (position == BB_IMPORT_ROW_POSITION_NONE)
    {
      if (self->missing_position == BB_IMPORT_POSITION_SKIP)
        {
          skip_unless_known (run, line, lookup, key, why);
          return;
        }
    }
  else
    district_id = bb_district_shapes_find (run->districts, incident.lon, incident.lat);

  /* the same rules as an incident entered by hand */
  incident.category_id = (char *) category_id;
  incident.district_id = (char *) district_id;
  incident.address = (char *) address;
  incident.description = (char *) description;
  incident.source = (char *) "import";
  incident.status = (char *) status;
  incident.external_id = external_id;
  incident.fingerprint = fingerprint;
  if (!bb_incident_validate (&incident, &local_error))
    {
      skip_unless_known (run, line, lookup, key, local_error->message);
      return;
    }

  row.line = line;
  next_uuid (run, row.id);
  row.category_id = category_id;
  row.status = status;
  row.occurred_start = incident.occurred_start;
  row.occurred_end = incident.occurred_end;
  row.reported_at = incident.reported_at;
  row.has_position = position == BB_IMPORT_ROW_POSITION_OK;
  row.lat = incident.lat;
  row.lon = incident.lon;
  row.time_unknown = incident.time_unknown;
  row.restricted = incident.restricted;
  row.district_id = district_id;
  row.address = address;
  row.description = description;
  row.external_id = external_id;
  row.fingerprint = fingerprint;
  if (position == BB_IMPORT_ROW_POSITION_NONE)
    {
      g_autofree char *detail = g_strdup_printf (_("imported without a position: %s"), why);

      note = bb_import_run_row_message (run, line, -1, detail);
    }
  bb_import_pipe_row (run->pipe, &row, note, lookup, key);
}

/* The reading thread: every row of the file. */
static gboolean
read_rows (BbImportPipe  *pipe,
           gpointer       data,
           GError       **error)
{
  BbImportRun *run = data;

  run->pipe = pipe;
  for (;;)
    {
      GError *local_error = NULL;

      if (!bb_import_source_next (run->source, &local_error))
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, local_error);
          return FALSE;
        }
      import_row (run);
      if (!bb_import_pipe_row_done (pipe, run->source))
        return TRUE;
    }
}

/* The writing thread: whether the station has a row already. */
static gboolean
lookup_row (gpointer         data,
            BbImportLookup   lookup,
            const char      *key,
            gboolean        *found,
            GError         **error)
{
  BbImportRun *run = data;
  sqlite3_stmt *stmt = run->find_fingerprint;
  int rc;

  if (lookup == BB_IMPORT_LOOKUP_ID)
    return bb_import_bulk_has_incident (run->bulk, key, found, error);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (run->store, error, _("Importing incidents"));
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_mapping (BbImportRun  *run,
               GError      **error)
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

static BbImportReport *
run_in_transaction (BbImport              *self,
                    gboolean               dry_run,
                    GCancellable          *cancellable,
                    BbImportProgressFunc   progress,
                    gpointer               progress_data,
                    GError               **error)
{
  g_auto(BbImportRun) run = { 0 };
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportBulk) bulk = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

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

  bulk = bb_import_bulk_begin (self->store, report, self->n_rows, error);
  run.districts = bulk == NULL ? NULL : bb_store_dup_district_shapes (self->store, error);
  run.find_fingerprint = run.districts == NULL ? NULL
    : bb_store_prepare (self->store, "SELECT 1 FROM incident WHERE fingerprint = ?1", error);
  run.bulk = bulk;
  if (run.find_fingerprint == NULL)
    {
      bb_store_rollback (self->store);
      return NULL;
    }

  g_debug ("%s: import starts (%.3f s CPU so far)", self->display_name, (double) clock () / CLOCKS_PER_SEC);
  ok = bb_import_pipe_run (bulk, report, read_rows, lookup_row, &run, cancellable, progress, progress_data, error);
  run.pipe = NULL;
  run.bulk = NULL;

  g_debug ("%s: %" G_GUINT64_FORMAT " rows read in %.3f s (%.3f s CPU)", self->display_name, report->rows_read,
           (g_get_monotonic_time () - started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  g_clear_pointer (&run.find_fingerprint, sqlite3_finalize);
  if (ok)
    ok = bb_import_bulk_finish (bulk, progress, progress_data, error);
  g_debug ("%s: audit log, search index and indexes written at %.3f s (%.3f s CPU)", self->display_name,
           (g_get_monotonic_time () - started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  if (ok && !dry_run)
    ok = bb_import_remember (self, error);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  if (ok && !dry_run)
    ok = bb_store_commit (self->store, error);
  else
    bb_store_rollback (self->store);
  g_clear_pointer (&bulk, bb_import_bulk_free);

  g_debug ("%s: %s at %.3f s (%.3f s CPU)", self->display_name, ok && !dry_run ? "committed" : "taken back",
           (g_get_monotonic_time () - started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  if (!ok)
    return NULL;
  report->unmapped_categories = unmapped_values (run.unmapped);
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&report);
}

/* Rows from which an import writes through the rollback journal
 * (bb-store-bulk.c) when it has the station to itself. */
#define JOURNAL_ROWS 50000

BbImportReport *
bb_import_run (BbImport              *self,
               gboolean               dry_run,
               GCancellable          *cancellable,
               BbImportProgressFunc   progress,
               gpointer               progress_data,
               GError               **error)
{
  BbImportReport *report;
  gboolean journal;

  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->previewed && !bb_import_preview (self, 0, cancellable, error))
    return NULL;

  journal = self->n_rows >= JOURNAL_ROWS && bb_store_bulk_journal_enter (self->store);
  report = run_in_transaction (self, dry_run, cancellable, progress, progress_data, error);
  if (journal)
    bb_store_bulk_journal_leave (self->store);
  return report;
}
