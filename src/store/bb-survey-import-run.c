/* bb-survey-import-run.c: survey responses from KoBoToolbox and ODK exports: reading the rows in one transaction */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-store-private.h"
#include "bb-survey-import-private.h"
#include "bb-table-rows.h"

typedef struct {
  BbSurveyImport *self;
  BbImportReport *report;
  BbImportSource *source;
  GTimeZone      *utc;
  GHashTable     *districts;   /* name and code, folded → id */
  GHashTable     *seen;        /* uuids of this file */
  sqlite3_stmt   *insert;
  sqlite3_stmt   *answer;
  sqlite3_stmt   *find;
  gint64          now_us;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->source, bb_import_source_free);
  g_clear_pointer (&run->utc, g_time_zone_unref);
  g_clear_pointer (&run->districts, g_hash_table_unref);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->insert, sqlite3_finalize);
  g_clear_pointer (&run->answer, sqlite3_finalize);
  g_clear_pointer (&run->find, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
string_free (GString *string)
{
  if (string != NULL)
    g_string_free (string, TRUE);
}

static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

static gboolean
load_districts (Run     *run,
                GError **error)
{
  g_autoptr(GPtrArray) districts = bb_store_district_list (run->self->store, error);

  if (districts == NULL)
    return FALSE;
  run->districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (districts, i);

      g_hash_table_insert (run->districts, fold (d->name), g_strdup (d->id));
      if (d->code != NULL && *d->code != '\0')
        g_hash_table_insert (run->districts, fold (d->code), g_strdup (d->id));
    }
  return TRUE;
}

/* "f", "Female", "жен." … as the two words results count by; anything
 * else is kept as written, in lower case. */
static char *
read_gender (const char *text)
{
  static const char * const female[] = {
    "f", "female", "woman", "w", "ж", "жен", "жен.", "женский", "женщина", "femeie", "sieviete",
    "naine", "femër", "qadın", "зан", NULL
  };
  static const char * const male[] = {
    "m", "male", "man", "м", "муж", "муж.", "мужской", "мужчина", "bărbat", "vīrietis", "mees",
    "mashkull", "kişi", "мард", NULL
  };
  g_autofree char *folded = fold (text);

  if (*folded == '\0' || bb_import_value_is_missing (folded))
    return NULL;
  for (guint i = 0; female[i] != NULL; i++)
    if (g_str_equal (folded, female[i]))
      return g_strdup ("female");
  for (guint i = 0; male[i] != NULL; i++)
    if (g_str_equal (folded, male[i]))
      return g_strdup ("male");
  return g_steal_pointer (&folded);
}

static gboolean
is_chosen (const char *text)
{
  g_autofree char *folded = fold (text);

  return g_str_equal (folded, "1") || g_str_equal (folded, "true") || g_str_equal (folded, "yes")
         || g_str_equal (folded, "1.0");
}

/* A response with no id of its own is known by what it says. */
static char *
row_fingerprint (Run *run)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) run->self->survey->id, -1);
  for (guint c = 0; c < run->self->columns->len; c++)
    {
      if (bb_survey_import_target_of (run->self, c)->kind == BB_SURVEY_COLUMN_IGNORE)
        continue;
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
      g_checksum_update (sum, (const guchar *) bb_import_source_get (run->source, c), -1);
    }
  return g_strconcat ("row:", g_checksum_get_string (sum), NULL);
}

static gboolean
exists (Run        *run,
        const char *uuid,
        GError    **error)
{
  int rc;

  sqlite3_reset (run->find);
  sqlite3_bind_text (run->find, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (run->find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (run->self->store, error, _("Looking for responses imported before"));
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

static void
note (Run        *run,
      guint64     line,
      int         column,
      gboolean    skipped,
      const char *detail)
{
  bb_table_rows_note (run->report, run->self->columns, line, column, skipped, detail);
}

/* The answers of the row, by question (GPtrArray of (question, value)
 * pairs in the questionnaire's order). */
static GPtrArray *
read_answers (Run     *run,
              guint64  line)
{
  BbSurveyImport *self = run->self;
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_survey_answer_free);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free);
  g_autofree int *columns = g_new (int, self->questions->len);

  for (guint q = 0; q < self->questions->len; q++)
    {
      columns[q] = -1;
      g_ptr_array_add (chosen, NULL);
    }
  for (guint c = 0; c < self->columns->len; c++)
    {
      const SurveyTarget *t = bb_survey_import_target_of (self, c);

      if (t->kind == BB_SURVEY_COLUMN_QUESTION)
        columns[t->question] = (int) c;
      else if (t->kind == BB_SURVEY_COLUMN_CHOICE && is_chosen (bb_import_source_get (run->source, c)))
        {
          GString *list = g_ptr_array_index (chosen, t->question);

          if (list == NULL)
            chosen->pdata[t->question] = list = g_string_new (NULL);
          else
            g_string_append_c (list, ' ');
          g_string_append (list, t->choice);
          if (columns[t->question] < 0)
            columns[t->question] = -1 - (int) c;   /* where to point an issue */
        }
    }

  for (guint q = 0; q < self->questions->len; q++)
    {
      const BbQuestion *question = g_ptr_array_index (self->questions, q);
      GString *list = g_ptr_array_index (chosen, q);
      const char *text;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      int column = columns[q] >= 0 ? columns[q] : -1 - columns[q];

      if (columns[q] >= 0)
        text = bb_import_source_get (run->source, columns[q]);
      else if (list != NULL)
        text = list->str;
      else
        continue;
      value = bb_survey_value_read (question, g_ptr_array_index (self->choices, q), text, &error);
      if (value != NULL)
        g_ptr_array_add (answers, bb_survey_answer_new (question->id, value));
      else if (g_error_matches (error, BB_SURVEY_VALUE_ERROR, BB_SURVEY_VALUE_ERROR_INVALID))
        {
          /* Translators: why an answer of an imported response was not kept */
          g_autofree char *detail = g_strdup_printf (_("%s; the response is imported without this answer"),
                                                     error->message);

          note (run, line, column, FALSE, detail);
        }
    }
  return answers;
}

static gboolean
import_row (gpointer  data,
            GError  **error)
{
  Run *run = data;
  BbSurveyImport *self = run->self;
  guint64 line = bb_import_source_get_line (run->source);
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *district_id = NULL;
  g_autofree char *age_band = NULL;
  g_autofree char *gender = NULL;
  gint64 submitted = BB_UNSET_TIME;
  g_autofree char *id = NULL;

  run->report->rows_read++;
  if (bb_import_source_is_truncated (run->source))
    {
      note (run, line, -1, TRUE, _("the file ends in the middle of this row"));
      return TRUE;
    }

  for (guint c = 0; c < self->columns->len; c++)
    {
      const SurveyTarget *t = bb_survey_import_target_of (self, c);
      const char *text = bb_import_source_get (run->source, c);
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      switch (t->kind)
        {
        case BB_SURVEY_COLUMN_UUID:
          if (*trimmed != '\0' && !bb_import_value_is_missing (trimmed))
            {
              g_free (uuid);
              uuid = g_strdup (g_str_has_prefix (trimmed, "uuid:") ? trimmed + 5 : trimmed);
            }
          break;
        case BB_SURVEY_COLUMN_SUBMITTED:
          if (*trimmed != '\0' && !bb_import_value_is_missing (trimmed))
            {
              BbImportDate date;

              switch (bb_import_parse_date (trimmed, self->date_order, &date))
                {
                case BB_DATE_PARSE_OK:
                  /* the tools write the time of the server, in UTC */
                  submitted = bb_import_date_to_utc (&date, run->utc);
                  break;
                case BB_DATE_PARSE_AMBIGUOUS:
                  note (run, line, (int) c, FALSE,
                        _("the date could be day/month or month/day: choose the order of dates; the response is imported without it"));
                  break;
                case BB_DATE_PARSE_INVALID:
                default:
                  {
                    g_autofree char *detail = g_strdup_printf (_("“%s” is not a date; the response is imported without it"), trimmed);

                    note (run, line, (int) c, FALSE, detail);
                  }
                  break;
                }
            }
          break;
        case BB_SURVEY_COLUMN_DISTRICT:
          if (*trimmed != '\0' && !bb_import_value_is_missing (trimmed))
            {
              g_autofree char *folded = fold (trimmed);
              const char *found = g_hash_table_lookup (run->districts, folded);

              if (found != NULL)
                {
                  g_free (district_id);
                  district_id = g_strdup (found);
                }
              else
                {
                  g_autofree char *detail = g_strdup_printf (_("the station has no district “%s”; the response counts for the whole survey only"), trimmed);

                  note (run, line, (int) c, FALSE, detail);
                }
            }
          break;
        case BB_SURVEY_COLUMN_AGE_BAND:
          if (*trimmed != '\0' && !bb_import_value_is_missing (trimmed))
            {
              g_free (age_band);
              age_band = g_steal_pointer (&trimmed);
            }
          break;
        case BB_SURVEY_COLUMN_GENDER:
          g_free (gender);
          gender = read_gender (trimmed);
          break;
        case BB_SURVEY_COLUMN_IGNORE:
        case BB_SURVEY_COLUMN_QUESTION:
        case BB_SURVEY_COLUMN_CHOICE:
        default:
          break;
        }
    }
  if (uuid == NULL)
    uuid = row_fingerprint (run);
  if (g_hash_table_contains (run->seen, uuid))
    {
      run->report->duplicates++;
      return TRUE;
    }
  g_hash_table_add (run->seen, g_strdup (uuid));
  if (exists (run, uuid, error))
    {
      run->report->duplicates++;
      return TRUE;
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  answers = read_answers (run, line);
  if (answers->len == 0)
    {
      note (run, line, -1, TRUE, _("no answer to any question of the survey"));
      return TRUE;
    }
  if (district_id == NULL && self->survey->district_id != NULL)
    district_id = g_strdup (self->survey->district_id);

  id = bb_store_new_uuid ();
  sqlite3_reset (run->insert);
  sqlite3_clear_bindings (run->insert);
  sqlite3_bind_text (run->insert, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 2, bb_store_get_station_id (self->store), -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 3, self->survey->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 4, district_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 5, age_band, -1, SQLITE_STATIC);
  sqlite3_bind_text (run->insert, 6, gender, -1, SQLITE_STATIC);
  if (submitted != BB_UNSET_TIME)
    sqlite3_bind_int64 (run->insert, 7, submitted);
  sqlite3_bind_text (run->insert, 8, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (run->insert, 9, run->now_us);
  if (sqlite3_step (run->insert) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("%s, line %llu: adding the response"),
                                               run->report->file_name, (unsigned long long) line);

      bb_store_set_error_from_db (self->store, error, what);
      return FALSE;
    }
  for (guint i = 0; i < answers->len; i++)
    {
      const BbSurveyAnswer *a = g_ptr_array_index (answers, i);

      sqlite3_reset (run->answer);
      sqlite3_bind_text (run->answer, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (run->answer, 2, a->question_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (run->answer, 3, a->value, -1, SQLITE_STATIC);
      if (sqlite3_step (run->answer) != SQLITE_DONE)
        {
          g_autofree char *what = g_strdup_printf (_("%s, line %llu: adding the answers"),
                                                   run->report->file_name, (unsigned long long) line);

          bb_store_set_error_from_db (self->store, error, what);
          return FALSE;
        }
    }
  run->report->imported++;
  return TRUE;
}

static gboolean
check_mapping (BbSurveyImport  *self,
               GError         **error)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      BbSurveyColumn kind = bb_survey_import_target_of (self, c)->kind;

      if (kind == BB_SURVEY_COLUMN_QUESTION || kind == BB_SURVEY_COLUMN_CHOICE)
        return TRUE;
    }
  g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_MAPPING,
               _("No column of %s holds the answer to a question of the survey: say which column holds which question"),
               self->display_name);
  return FALSE;
}

BbImportReport *
bb_survey_import_run (BbSurveyImport        *self,
                      gboolean               dry_run,
                      GCancellable          *cancellable,
                      BbTableImportProgress  progress,
                      gpointer               progress_data,
                      GError               **error)
{
  g_auto(Run) run = { 0 };
  g_autoptr(BbImportReport) report = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (BB_IS_SURVEY_IMPORT (self), NULL);

  if (!self->previewed && !bb_table_import_preview (BB_TABLE_IMPORT (self), 0, cancellable, error))
    return NULL;
  if (!check_mapping (self, error))
    return NULL;

  run.self = self;
  run.source = bb_import_source_open (self->path, self->encoding, self->separator, error);
  if (run.source == NULL)
    return NULL;
  run.utc = g_time_zone_new_utc ();
  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.now_us = bb_store_now_us ();
  report = bb_import_report_new (self->display_name);
  report->dry_run = dry_run;
  report->no_positions = TRUE;
  run.report = report;

  if (!bb_store_begin (self->store, error))
    return NULL;
  if (!load_districts (&run, error))
    {
      bb_store_rollback (self->store);
      return NULL;
    }
  run.insert = bb_store_prepare (self->store,
                                 "INSERT INTO survey_response (id, station_id, survey_id, district_id, age_band, gender,"
                                 " submitted_at, external_uuid, created_at, updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", error);
  run.answer = run.insert == NULL ? NULL
    : bb_store_prepare (self->store, "INSERT INTO survey_answer (response_id, question_id, value) VALUES (?1, ?2, ?3)",
                        error);
  run.find = run.answer == NULL ? NULL
    : bb_store_prepare (self->store, "SELECT 1 FROM survey_response WHERE external_uuid = ?1", error);
  if (run.find == NULL)
    {
      bb_store_rollback (self->store);
      return NULL;
    }

  ok = bb_table_rows_import (run.source, report, import_row, &run, cancellable, progress, progress_data, error);
  if (ok && !dry_run)
    ok = bb_survey_import_remember (self, error);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  g_clear_pointer (&run.insert, sqlite3_finalize);
  g_clear_pointer (&run.answer, sqlite3_finalize);
  g_clear_pointer (&run.find, sqlite3_finalize);

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
