/* bb-aggregate-import-run.c: published survey tables in long form: reading the rows in one transaction */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-aggregate-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-aggregate-import-private.h"
#include "bb-import-private.h"
#include "bb-store-private.h"
#include "bb-table-rows.h"

/* The run --------------------------------------------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

static GHashTable *
district_names (BbStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, error);
  GHashTable *names;

  if (districts == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (districts, i);

      g_hash_table_insert (names, fold (d->name), g_strdup (d->id));
      if (d->code != NULL && *d->code != '\0')
        g_hash_table_insert (names, fold (d->code), g_strdup (d->id));
    }
  return names;
}

static const char *
cell (BbImportSource *source,
      int             column)
{
  return column >= 0 ? bb_import_source_get (source, column) : "";
}

typedef struct {
  BbAggregateImport *self;
  BbImportReport    *report;
  BbImportSource    *source;
  GHashTable        *districts;
  GHashTable        *seen;       /* period, area, measure of this file → proportion text */
  sqlite3_stmt      *find;
  sqlite3_stmt      *insert;
  sqlite3_stmt      *update;
  int                columns[BB_AGGREGATE_N_COLUMNS];
  gint64             now_us;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->source, bb_import_source_free);
  g_clear_pointer (&run->districts, g_hash_table_unref);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->find, sqlite3_finalize);
  g_clear_pointer (&run->insert, sqlite3_finalize);
  g_clear_pointer (&run->update, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
note (Run        *run,
      guint64     line,
      int         column,
      gboolean    skipped,
      const char *detail)
{
  bb_table_rows_note (run->report, run->self->columns, line, column, skipped, detail);
}

static gboolean
import_row (gpointer  data,
            GError  **error)
{
  Run *run = data;
  BbAggregateImport *self = run->self;
  guint64 line = bb_import_source_get_line (run->source);
  g_autofree char *area = g_strstrip (g_strdup (cell (run->source, run->columns[BB_AGGREGATE_COLUMN_AREA])));
  g_autofree char *measure = g_strstrip (g_strdup (cell (run->source, run->columns[BB_AGGREGATE_COLUMN_MEASURE])));
  const char *proportion_text = cell (run->source, run->columns[BB_AGGREGATE_COLUMN_PROPORTION]);
  const char *respondents_text = cell (run->source, run->columns[BB_AGGREGATE_COLUMN_RESPONDENTS]);
  g_autofree char *folded_area = fold (area);
  g_autofree char *key = NULL;
  const char *district_id;
  char period[11];
  gboolean ambiguous, sign;
  double proportion, respondents_value;
  gint64 respondents = -1;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int rc;

  run->report->rows_read++;
  if (bb_import_source_is_truncated (run->source))
    {
      note (run, line, -1, TRUE, _("the file ends in the middle of this row"));
      return TRUE;
    }
  if (!bb_aggregate_import_read_period (cell (run->source, run->columns[BB_AGGREGATE_COLUMN_DATE]), self->date_order, period, &ambiguous))
    {
      g_autofree char *detail = ambiguous
        ? g_strdup (_("the date could be day/month or month/day: choose the order of dates"))
        : g_strdup_printf (_("“%s” is not a date, a month, a quarter or a year"),
                           cell (run->source, run->columns[BB_AGGREGATE_COLUMN_DATE]));

      note (run, line, run->columns[BB_AGGREGATE_COLUMN_DATE], TRUE, detail);
      return TRUE;
    }
  if (*area == '\0' || bb_import_value_is_missing (area))
    {
      note (run, line, run->columns[BB_AGGREGATE_COLUMN_AREA], TRUE, _("no area is given"));
      return TRUE;
    }
  if (*measure == '\0' || bb_import_value_is_missing (measure))
    {
      note (run, line, run->columns[BB_AGGREGATE_COLUMN_MEASURE], TRUE, _("no measure is given"));
      return TRUE;
    }
  if (bb_import_value_is_missing (proportion_text))
    {
      note (run, line, run->columns[BB_AGGREGATE_COLUMN_PROPORTION], TRUE, _("no figure is given"));
      return TRUE;
    }
  if (!bb_aggregate_import_read_proportion (proportion_text, &proportion, &sign))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not a number"), proportion_text);

      note (run, line, run->columns[BB_AGGREGATE_COLUMN_PROPORTION], TRUE, detail);
      return TRUE;
    }
  if (self->percent)
    proportion /= 100.0;
  if (proportion < 0 || proportion > 1)
    {
      g_autofree char *detail = g_strdup_printf (self->percent ? _("%s is not a percentage between 0 and 100")
                                                               : _("%s is not a proportion between 0 and 1"),
                                                 proportion_text);

      note (run, line, run->columns[BB_AGGREGATE_COLUMN_PROPORTION], TRUE, detail);
      return TRUE;
    }
  if (!bb_import_value_is_missing (respondents_text))
    {
      if (bb_import_parse_number (respondents_text, &respondents_value) && respondents_value >= 0
          && respondents_value == floor (respondents_value) && respondents_value < G_MAXINT)
        respondents = (gint64) respondents_value;
      else
        {
          g_autofree char *detail = g_strdup_printf (_("“%s” is not a number of respondents; the figure is imported without it"),
                                                     respondents_text);

          note (run, line, run->columns[BB_AGGREGATE_COLUMN_RESPONDENTS], FALSE, detail);
        }
    }

  key = g_strjoin ("\x1f", period, folded_area, measure, NULL);
  if (g_hash_table_contains (run->seen, key))
    {
      run->report->duplicates++;
      if (g_strcmp0 (g_hash_table_lookup (run->seen, key), g_ascii_dtostr (buf, sizeof buf, proportion)) != 0)
        note (run, line, -1, FALSE, _("the file gives this figure a second time, differently; the first is kept"));
      return TRUE;
    }
  g_hash_table_insert (run->seen, g_steal_pointer (&key), g_strdup (g_ascii_dtostr (buf, sizeof buf, proportion)));
  district_id = g_hash_table_lookup (run->districts, folded_area);

  sqlite3_reset (run->find);
  sqlite3_bind_text (run->find, 1, self->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->find, 2, period, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->find, 3, area, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->find, 4, measure, -1, SQLITE_STATIC);
  rc = sqlite3_step (run->find);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup ((const char *) sqlite3_column_text (run->find, 0));
      double old = sqlite3_column_double (run->find, 1);
      gint64 old_n = sqlite3_column_type (run->find, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (run->find, 2);

      sqlite3_reset (run->find);
      if (fabs (old - proportion) < 1e-12 && old_n == respondents)
        {
          run->report->duplicates++;
          return TRUE;
        }
      sqlite3_reset (run->update);
      sqlite3_bind_text (run->update, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_double (run->update, 2, proportion);
      if (respondents >= 0)
        sqlite3_bind_int64 (run->update, 3, respondents);
      else
        sqlite3_bind_null (run->update, 3);
      sqlite3_bind_int64 (run->update, 4, run->now_us);
      if (sqlite3_step (run->update) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self->store, error, _("Replacing a published survey figure"));
          return FALSE;
        }
      note (run, line, -1, FALSE, _("replaces the figure imported before from this source"));
      run->report->imported++;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self->store, error, _("Looking for published survey figures imported before"));
      return FALSE;
    }
  sqlite3_reset (run->find);

  {
    g_autofree char *id = bb_store_new_uuid ();

    sqlite3_reset (run->insert);
    sqlite3_clear_bindings (run->insert);
    sqlite3_bind_text (run->insert, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 2, bb_store_get_station_id (self->store), -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 3, self->source_name, -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 4, period, -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 5, area, -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 6, district_id, -1, SQLITE_STATIC);
    sqlite3_bind_text (run->insert, 7, measure, -1, SQLITE_STATIC);
    sqlite3_bind_double (run->insert, 8, proportion);
    if (respondents >= 0)
      sqlite3_bind_int64 (run->insert, 9, respondents);
    sqlite3_bind_int64 (run->insert, 10, run->now_us);
    if (sqlite3_step (run->insert) != SQLITE_DONE)
      {
        g_autofree char *what = g_strdup_printf (_("%s, line %llu: adding the figure"),
                                                 run->report->file_name, (unsigned long long) line);

        bb_store_set_error_from_db (self->store, error, what);
        return FALSE;
      }
  }
  run->report->imported++;
  return TRUE;
}

BbImportReport *
bb_aggregate_import_run (BbTableImport         *iface,
     gboolean               dry_run,
     GCancellable          *cancellable,
     BbTableImportProgress  progress,
     gpointer               progress_data,
     GError               **error)
{
  BbAggregateImport *self = BB_AGGREGATE_IMPORT (iface);
  static const BbAggregateColumn needed[] = {
    BB_AGGREGATE_COLUMN_DATE, BB_AGGREGATE_COLUMN_AREA, BB_AGGREGATE_COLUMN_MEASURE, BB_AGGREGATE_COLUMN_PROPORTION,
  };
  g_auto(Run) r = { 0 };
  g_autoptr(BbImportReport) report = NULL;
  gboolean ok = TRUE;

  if (!self->previewed && !bb_aggregate_import_preview (iface, 0, cancellable, error))
    return NULL;
  for (guint i = 0; i < BB_AGGREGATE_N_COLUMNS; i++)
    r.columns[i] = bb_aggregate_import_find_column (self, i);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (r.columns[needed[i]] < 0)
      {
        g_autofree char *what = g_utf8_strdown (bb_aggregate_import_target_label (needed[i]), -1);

        /* Translators: "No column of figures.csv holds the area: …" */
        g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_MAPPING,
                     _("No column of %s holds the %s: a table of survey figures needs a date, an area, a measure and a proportion"),
                     self->display_name, what);
        return NULL;
      }

  r.self = self;
  r.source = bb_import_source_open (self->path, self->encoding, self->separator, error);
  if (r.source == NULL)
    return NULL;
  r.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.now_us = bb_store_now_us ();
  report = bb_import_report_new (self->display_name);
  report->dry_run = dry_run;
  report->no_positions = TRUE;
  r.report = report;

  if (!bb_store_begin (self->store, error))
    return NULL;
  r.districts = district_names (self->store, error);
  if (r.districts != NULL)
    r.find = bb_store_prepare (self->store, "SELECT id, proportion, respondents FROM survey_aggregate"
                                            " WHERE source = ?1 AND period = ?2 AND area = ?3 AND measure = ?4", error);
  if (r.find != NULL)
    r.insert = bb_store_prepare (self->store,
                                 "INSERT INTO survey_aggregate (id, station_id, source, period, area, district_id,"
                                 " measure, proportion, respondents, created_at, updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", error);
  if (r.insert != NULL)
    r.update = bb_store_prepare (self->store, "UPDATE survey_aggregate SET proportion = ?2, respondents = ?3,"
                                              " updated_at = ?4 WHERE id = ?1", error);
  if (r.update == NULL)
    {
      bb_store_rollback (self->store);
      return NULL;
    }
  ok = bb_table_rows_import (r.source, report, import_row, &r, cancellable, progress, progress_data, error);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  g_clear_pointer (&r.find, sqlite3_finalize);
  g_clear_pointer (&r.insert, sqlite3_finalize);
  g_clear_pointer (&r.update, sqlite3_finalize);
  if (ok && !dry_run)
    ok = bb_store_commit (self->store, error);
  else
    bb_store_rollback (self->store);
  if (!ok)
    return NULL;
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&report);
}

