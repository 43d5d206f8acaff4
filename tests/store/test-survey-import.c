/* test-survey-import.c: KoBo and ODK exports of survey responses, and published long-form tables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "bb-aggregate-import.h"
#include "bb-default-questionnaire.h"
#include "bb-import.h"
#include "bb-store-private.h"
#include "bb-survey-import.h"
#include "bb-survey-import-cli.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  BbStore *store;
  char    *questionnaire_id;
  char    *survey_id;
  char    *old_town_id;
  char    *harbour_id;
  GPtrArray *answers;  /* what answer_of read, freed with the fixture */
} Fixture;

static char *
add_district (Fixture    *f,
              const char *name,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) d = bb_district_new ();

  d->name = g_strdup (name);
  d->code = g_strdup (code);
  g_assert_true (bb_store_district_insert (f->store, d, &error));
  g_assert_no_error (error);
  return g_strdup (d->id);
}

static void
add_question (Fixture    *f,
              const char *code,
              const char *scale,
              const char *options,
              int         order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbQuestion) q = bb_question_new ();

  q->questionnaire_id = g_strdup (f->questionnaire_id);
  q->block = g_strdup ("Extra");
  q->code = g_strdup (code);
  q->text = g_strdup (code);
  g_free (q->scale);
  q->scale = g_strdup (scale);
  q->options = g_strdup (options);
  q->sort_order = order;
  g_assert_true (bb_store_question_insert (f->store, q, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BbSurvey) survey = bb_survey_new ();

  f->dir = make_test_dir ();
  f->answers = g_ptr_array_new_with_free_func (g_free);
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Test station", &error);
  g_assert_no_error (error);
  f->old_town_id = add_district (f, "Old Town", "OT");
  f->harbour_id = add_district (f, "Harbour", "H");
  f->questionnaire_id = bb_store_questionnaire_add_default (f->store, &error);
  g_assert_no_error (error);
  add_question (f, "block7/comments", "text", NULL, 100);
  add_question (f, "block7/hours", "number", NULL, 101);
  add_question (f, "block7/places", "multiple",
                "[{\"value\":\"park\",\"label\":\"The park\"},{\"value\":\"station\",\"label\":\"The station\"},"
                "{\"value\":\"river\",\"label\":\"The river bank\"}]", 102);

  survey->questionnaire_id = g_strdup (f->questionnaire_id);
  survey->title = g_strdup ("Spring 2024");
  survey->period_start = g_strdup ("2024-03-01");
  survey->period_end = g_strdup ("2024-03-31");
  g_assert_true (bb_store_survey_insert (f->store, survey, &error));
  g_assert_no_error (error);
  f->survey_id = g_strdup (survey->id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->answers, g_ptr_array_unref);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->questionnaire_id);
  g_free (f->survey_id);
  g_free (f->old_town_id);
  g_free (f->harbour_id);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  BB_STORE_LOCK_SCOPE (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
text_of (Fixture    *f,
         const char *sql)
{
  BB_STORE_LOCK_SCOPE (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static const char *
answer_of (Fixture    *f,
           const char *uuid,
           const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT a.value FROM survey_answer AS a"
                                          " JOIN survey_response AS r ON r.id = a.response_id"
                                          " JOIN question AS q ON q.id = a.question_id"
                                          " WHERE r.external_uuid = '%s' AND q.code = '%s'", uuid, code);
  char *value = text_of (f, sql);

  if (value != NULL)
    g_ptr_array_add (f->answers, value);
  return value;
}

static gboolean
has_issue (BbImportReport *report,
           guint64         line,
           const char     *column,
           gboolean        skipped,
           const char     *words)
{
  for (guint i = 0; i < report->issues->len; i++)
    {
      BbImportIssue *issue = g_ptr_array_index (report->issues, i);

      if (issue->line == line && g_strcmp0 (issue->column, column) == 0 && issue->skipped == skipped
          && strstr (issue->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A KoBoToolbox export as it arrives: a byte-order mark, CRLF, group
 * prefixes, the tool's own columns, a text answer with doubled quotes and
 * a line break, decimal commas, and a last row cut short. */
static const char kobo_csv[] =
  "\xEF\xBB\xBF" "start,end,block1/q1,block1/q3,block2/q1,group_a/block6/q1,block6/q2,district,age,gender,"
  "block7/comments,block7/hours,block7/places,block7/places/park,block7/places/station,block7/places/river,"
  "_id,_uuid,_submission_time,_index\r\n"
  /* 2: everything answered */
  "2024-03-05T10:00,2024-03-05T10:09,4,2,no,yes,4,Old Town,35-49,F,,2,park station,1,1,0,"
  "101,uuid-0001,2024-03-05T10:09:30,1\r\n"
  /* 3: labels and words as residents write them, a district by its code */
  "2024-03-05T11:00,2024-03-05T11:07,A big problem,Not a problem,да,Yes,Complete trust,OT,18-24,male,,,,,,,"
  "102,uuid-0002,2024-03-05T11:07:00,2\r\n"
  /* 4: messy: 7 on a scale of 1 to 5, \"maybe\", a quoted comment, 4,5 hours */
  "2024-03-06T09:00,2024-03-06T09:12,7,3,maybe,no,2,Harbour,65+,ж,\"Lights out on \"\"Mill Lane\"\"\r\nsince May\",\"4,5\",river,,,,"
  "103,uuid-0003,2024-03-06T09:12:41.250Z,3\r\n"
  /* 5: a district the station does not have */
  "2024-03-07T15:00,2024-03-07T15:05,1,1,no,no,3,Nowhere,25-34,,,,,,,,104,uuid-0004,2024-03-07T15:05:00,4\r\n"
  /* 6: nothing answered that counts */
  "2024-03-07T16:00,2024-03-07T16:01,,dont_know,,NA,,Harbour,,,,,,,,,105,uuid-0005,2024-03-07T16:01:00,5\r\n"
  /* 7: the first row sent twice */
  "2024-03-05T10:00,2024-03-05T10:09,4,2,no,yes,4,Old Town,35-49,F,,2,park station,1,1,0,"
  "106,uuid-0001,2024-03-05T10:09:30,6\r\n"
  /* 8: a time with an offset, the id as ODK writes it */
  "2024-03-08T08:00,2024-03-08T08:10,5,5,yes,yes,5,harbour,50-64,m,,0,,,,,107,uuid:uuid-0007,2024-03-08T10:10:00+02:00,7\r\n"
  /* 9: cut short inside a quoted field */
  "2024-03-09T08:00,2024-03-09T08:10,3,3,no,no,3,Harbour,50-64,m,\"unfinished";

static void
test_kobo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = write_file (f, "LSES_2024_-_all_versions_-_labels.csv", kobo_csv);
  g_autoptr(BbSurveyImport) import = bb_survey_import_new (f->store, f->survey_id, path);
  BbTableImport *table = BB_TABLE_IMPORT (import);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbImportReport) dry = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *submitted = NULL;
  const char *question_id, *choice;
  gint64 audit_before;

  g_assert_true (bb_table_import_preview (table, 5, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bb_table_import_get_n_rows (table), ==, 8);
  g_assert_cmpuint (bb_table_import_get_n_columns (table), ==, 20);
  g_assert_cmpstr (bb_table_import_get_column_name (table, 0), ==, "start");
  g_assert_cmpuint (bb_table_import_get_preview_rows (table)->len, ==, 5);
  g_assert_false (bb_table_import_get_mapping_remembered (table));

  /* The mapping: tool columns ignored, groups stripped, the whole answer
   * of several choices rather than its split columns. */
  g_assert_cmpint (bb_survey_import_get_column (import, 0, NULL, NULL), ==, BB_SURVEY_COLUMN_IGNORE);
  g_assert_cmpint (bb_survey_import_get_column (import, 2, &question_id, NULL), ==, BB_SURVEY_COLUMN_QUESTION);
  g_assert_nonnull (question_id);
  g_assert_cmpint (bb_survey_import_get_column (import, 5, NULL, NULL), ==, BB_SURVEY_COLUMN_QUESTION);
  g_assert_cmpint (bb_survey_import_get_column (import, 7, NULL, NULL), ==, BB_SURVEY_COLUMN_DISTRICT);
  g_assert_cmpint (bb_survey_import_get_column (import, 8, NULL, NULL), ==, BB_SURVEY_COLUMN_AGE_BAND);
  g_assert_cmpint (bb_survey_import_get_column (import, 9, NULL, NULL), ==, BB_SURVEY_COLUMN_GENDER);
  g_assert_cmpint (bb_survey_import_get_column (import, 12, NULL, NULL), ==, BB_SURVEY_COLUMN_QUESTION);
  g_assert_cmpint (bb_survey_import_get_column (import, 13, NULL, &choice), ==, BB_SURVEY_COLUMN_IGNORE);
  g_assert_cmpint (bb_survey_import_get_column (import, 16, NULL, NULL), ==, BB_SURVEY_COLUMN_IGNORE);
  g_assert_cmpint (bb_survey_import_get_column (import, 17, NULL, NULL), ==, BB_SURVEY_COLUMN_UUID);
  g_assert_cmpint (bb_survey_import_get_column (import, 18, NULL, NULL), ==, BB_SURVEY_COLUMN_SUBMITTED);

  /* A check first: the report of an import, and nothing written. */
  audit_before = count (f, "SELECT count(*) FROM audit_log");
  dry = bb_table_import_run (table, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dry->dry_run);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);

  report = bb_table_import_run (table, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = bb_import_report_to_text (report);
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "position"));
  g_assert_cmpuint (report->rows_read, ==, 8);
  g_assert_cmpuint (report->imported, ==, 5);
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpuint (dry->imported, ==, report->imported);
  g_assert_cmpuint (dry->skipped, ==, report->skipped);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response"), ==, 5);

  /* what was skipped and noted, by line and column */
  /* (the comment of line 4 goes on on line 5) */
  g_assert_true (has_issue (report, 7, NULL, TRUE, "no answer"));
  g_assert_true (has_issue (report, 10, NULL, TRUE, "ends in the middle"));
  g_assert_true (has_issue (report, 4, "block1/q1", FALSE, "“7” is not an answer from 1 to 5"));
  g_assert_true (has_issue (report, 4, "block2/q1", FALSE, "“maybe” is neither yes nor no"));
  g_assert_true (has_issue (report, 6, "district", FALSE, "no district “Nowhere”"));
  g_assert_nonnull (strstr (text, "LSES_2024_-_all_versions_-_labels.csv, line 4, column “block1/q1”"));

  /* what the rows say */
  g_assert_cmpstr (answer_of (f, "uuid-0001", "block1/q1"), ==, "4");
  g_assert_cmpstr (answer_of (f, "uuid-0001", "block6/q1"), ==, "yes");
  g_assert_cmpstr (answer_of (f, "uuid-0001", "block7/places"), ==, "park station");
  g_assert_cmpstr (answer_of (f, "uuid-0002", "block1/q1"), ==, "4");
  g_assert_cmpstr (answer_of (f, "uuid-0002", "block1/q3"), ==, "1");
  g_assert_cmpstr (answer_of (f, "uuid-0002", "block2/q1"), ==, "yes");
  g_assert_cmpstr (answer_of (f, "uuid-0002", "block6/q2"), ==, "5");
  g_assert_null (answer_of (f, "uuid-0003", "block1/q1"));
  g_assert_null (answer_of (f, "uuid-0003", "block2/q1"));
  g_assert_cmpstr (answer_of (f, "uuid-0003", "block7/hours"), ==, "4.5");
  comment = g_strdup (answer_of (f, "uuid-0003", "block7/comments"));
  g_assert_cmpstr (comment, ==, "Lights out on \"Mill Lane\"\r\nsince May");
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response WHERE external_uuid = 'uuid-0002'"
                             " AND district_id = (SELECT id FROM district WHERE code = 'OT')"
                             " AND gender = 'male'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response WHERE external_uuid = 'uuid-0003'"
                             " AND gender = 'female' AND age_band = '65+'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response WHERE external_uuid = 'uuid-0004'"
                             " AND district_id IS NULL"), ==, 1);
  /* 2024-03-05T10:09:30 UTC; 10:10 at +02:00 is 08:10 UTC; ODK's "uuid:" prefix dropped */
  g_assert_cmpint (count (f, "SELECT submitted_at FROM survey_response WHERE external_uuid = 'uuid-0001'"), ==,
                   1709633370);
  g_assert_cmpint (count (f, "SELECT submitted_at FROM survey_response WHERE external_uuid = 'uuid-0007'"), ==,
                   1709885400);
  submitted = text_of (f, "SELECT submitted_at FROM survey_response WHERE external_uuid = 'uuid-0003'");
  g_assert_cmpstr (submitted, ==, "1709716361");

  /* Importing the same file again adds nothing. */
  g_clear_object (&import);
  import = bb_survey_import_new (f->store, f->survey_id, path);
  again = bb_table_import_run (BB_TABLE_IMPORT (import), FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 6);
  g_assert_cmpuint (again->skipped, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_response"), ==, 5);
  g_assert_true (bb_table_import_get_mapping_remembered (BB_TABLE_IMPORT (import)));
}

/* ODK Central: "-" between groups, KEY and SubmissionDate, split columns of
 * a question with several choices, no id column on a second file. */
static void
test_odk_split_choices (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "lses.csv",
    "SubmissionDate,block1-q2,block7-places-park,block7-places-station,block7-places-river,meta-instanceID,KEY\n"
    "2024-03-10T08:00:00.000Z,3,1,0,1,uuid:a1,uuid:a1\n"
    "2024-03-10T09:00:00.000Z,2,0,0,0,uuid:a2,uuid:a2\n");
  g_autofree char *anonymous = write_file (f, "paper.csv",
    "district;block6/q1;block3/q1\n"
    "Harbour;1;5\n"
    "Harbour;2;4\n"
    "Harbour;2;4\n");
  g_autoptr(BbSurveyImport) import = bb_survey_import_new (f->store, f->survey_id, path);
  g_autoptr(BbSurveyImport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbImportReport) report = NULL;
  const char *choice = NULL;

  g_assert_true (bb_table_import_preview (BB_TABLE_IMPORT (import), 5, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_survey_import_get_column (import, 1, NULL, NULL), ==, BB_SURVEY_COLUMN_QUESTION);
  g_assert_cmpint (bb_survey_import_get_column (import, 2, NULL, &choice), ==, BB_SURVEY_COLUMN_CHOICE);
  g_assert_cmpstr (choice, ==, "park");
  g_assert_cmpint (bb_survey_import_get_column (import, 5, NULL, NULL), ==, BB_SURVEY_COLUMN_UUID);
  g_assert_cmpint (bb_survey_import_get_column (import, 6, NULL, NULL), ==, BB_SURVEY_COLUMN_IGNORE);
  report = bb_table_import_run (BB_TABLE_IMPORT (import), FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpstr (answer_of (f, "a1", "block7/places"), ==, "park river");
  g_assert_null (answer_of (f, "a2", "block7/places"));
  g_assert_cmpstr (answer_of (f, "a2", "block1/q2"), ==, "2");

  /* Paper forms typed into a spreadsheet: 1 for yes and 2 for no, and no
   * ids: two identical rows are one response, and stay one when the file
   * comes again. */
  g_clear_pointer (&report, bb_import_report_free);
  second = bb_survey_import_new (f->store, f->survey_id, anonymous);
  report = bb_table_import_run (BB_TABLE_IMPORT (second), FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_answer AS a JOIN question AS q ON q.id = a.question_id"
                             " WHERE q.code = 'block6/q1' AND a.value = 'no'"), ==, 1);
  g_clear_pointer (&report, bb_import_report_free);
  g_clear_object (&second);
  second = bb_survey_import_new (f->store, f->survey_id, anonymous);
  report = bb_table_import_run (BB_TABLE_IMPORT (second), FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->duplicates, ==, 3);
}

/* Day and month that could be either way round are not guessed; a
 * mapping chosen by hand is remembered for the next file like it. */
static void
test_dates_and_memory (Fixture       *f,
                       gconstpointer  data)
{
  static const char csv[] =
    "id,when,comment,block6/q1\n"
    "x1,05/03/2024 10:00,ok,yes\n"
    "x2,06/03/2024 11:30,fine,no\n";
  g_autofree char *path = write_file (f, "march.csv", csv);
  g_autofree char *path2 = write_file (f, "april.csv",
                                       "id,when,comment,block6/q1\nx3,04/04/2024 10:00,good,yes\n");
  g_autoptr(BbSurveyImport) import = bb_survey_import_new (f->store, f->survey_id, path);
  BbTableImport *table = BB_TABLE_IMPORT (import);
  g_autoptr(BbSurveyImport) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbImportReport) report = NULL;
  GPtrArray *targets;
  guint comment_target = 0, submitted_target = 0, uuid_target = 0;

  g_assert_true (bb_table_import_preview (table, 5, NULL, &error));
  g_assert_no_error (error);
  targets = bb_table_import_get_targets (table);
  for (guint i = 0; i < targets->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (targets, i), "block7/comments"))
        comment_target = i;
      if (g_str_equal (g_ptr_array_index (targets, i), "When it was submitted"))
        submitted_target = i;
      if (g_str_equal (g_ptr_array_index (targets, i), "Response’s id (uuid)"))
        uuid_target = i;
    }
  g_assert_cmpuint (comment_target, >, 0);
  g_assert_cmpuint (submitted_target, >, 0);
  g_assert_cmpuint (bb_table_import_get_column_target (table, 2), ==, 0);
  bb_table_import_set_column_target (table, 0, uuid_target);
  bb_table_import_set_column_target (table, 1, submitted_target);
  bb_table_import_set_column_target (table, 2, comment_target);
  /* the preview counted dates under the column it mapped (none) */
  g_assert_false (bb_table_import_get_date_order_ambiguous (table));

  report = bb_table_import_run (table, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_nonnull (strstr (report->issues->len > 0 ? ((BbImportIssue *) report->issues->pdata[0])->message : "",
                            "could be day/month or month/day"));
  g_clear_pointer (&report, bb_import_report_free);

  bb_table_import_set_date_order (table, BB_DATE_ORDER_DMY);
  report = bb_table_import_run (table, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->issues->len, ==, 0);
  /* 5 March 2024, 10:00 UTC */
  g_assert_cmpint (count (f, "SELECT submitted_at FROM survey_response WHERE external_uuid = 'x1'"), ==, 1709632800);

  next = bb_survey_import_new (f->store, f->survey_id, path2);
  g_assert_true (bb_table_import_preview (BB_TABLE_IMPORT (next), 5, NULL, &error));
  g_assert_true (bb_table_import_get_mapping_remembered (BB_TABLE_IMPORT (next)));
  g_assert_cmpuint (bb_table_import_get_column_target (BB_TABLE_IMPORT (next), 2), ==, comment_target);
  g_assert_cmpint (bb_table_import_get_date_order (BB_TABLE_IMPORT (next)), ==, BB_DATE_ORDER_DMY);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "other.csv", "name,phone\nAnna,123\n");
  g_autoptr(BbSurveyImport) import = bb_survey_import_new (f->store, f->survey_id, path);
  g_autoptr(BbSurveyImport) missing = bb_survey_import_new (f->store, "no-such-survey", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbImportReport) report = NULL;

  report = bb_table_import_run (BB_TABLE_IMPORT (import), FALSE, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "other.csv"));
  g_clear_error (&error);

  g_assert_false (bb_table_import_preview (BB_TABLE_IMPORT (missing), 5, NULL, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
}

/* A city programme's table: semicolons, decimal commas, dd/mm/yyyy,
 * months, quarters and years, and rows that cannot be read. */
static void
test_aggregates (Fixture       *f,
                 gconstpointer  data)
{
  static const char csv[] =
    "Datum;Gebied;Maat;Aandeel;N\r\n"
    "01/03/2023;Old Town;Feels safe;0,62;120\r\n"
    "15/03/2023;Harbour;Feels safe;0,55;98\r\n"
    "2024;Old Town;Feels safe;0,66;\r\n"
    "2024 Q2;Harbour;Feels safe;0,581;101\r\n"
    "03.2024;OT;Trusts the police;0,4;77\r\n"
    "01/03/2023;Riverside;Feels safe;0,5;80\r\n"
    "01/03/2023;Harbour;Feels safe;abc;80\r\n"
    "01/03/2023;Harbour;Knows the officer;1,7;80\r\n"
    "01/03/2023;;Feels safe;0,3;80\r\n"
    "someday;Harbour;Feels safe;0,3;80\r\n"
    "15/03/2023;Harbour;Feels safe;0,55;98\r\n"
    "2024;Harbour;Feels safe;0,57;many\r\n";
  g_autofree char *path = write_file (f, "veiligheidsmonitor.csv", csv);
  g_autofree char *changed = NULL;
  g_autoptr(BbAggregateImport) import = bb_aggregate_import_new (f->store, path, NULL);
  BbTableImport *table = BB_TABLE_IMPORT (import);
  g_autoptr(BbAggregateImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autofree char *text = NULL;

  g_assert_true (bb_table_import_preview (table, 5, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_table_import_get_separator (table), ==, ';');
  g_assert_cmpstr (bb_aggregate_import_get_source_name (import), ==, "veiligheidsmonitor");
  for (guint c = 0; c < 5; c++)
    g_assert_cmpuint (bb_table_import_get_column_target (table, c), ==, c + 1);
  g_assert_false (bb_aggregate_import_get_percent (import));
  g_assert_cmpint (bb_table_import_get_date_order (table), ==, BB_DATE_ORDER_DMY);

  report = bb_table_import_run (table, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = bb_import_report_to_text (report);
  g_test_message ("%s", text);
  g_assert_cmpuint (report->rows_read, ==, 12);
  g_assert_cmpuint (report->imported, ==, 7);
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 4);
  g_assert_true (has_issue (report, 8, "Aandeel", TRUE, "“abc” is not a number"));
  g_assert_true (has_issue (report, 9, "Aandeel", TRUE, "1,7 is not a proportion between 0 and 1"));
  g_assert_true (has_issue (report, 10, "Gebied", TRUE, "no area"));
  g_assert_true (has_issue (report, 11, "Datum", TRUE, "“someday” is not a date"));
  g_assert_true (has_issue (report, 13, "N", FALSE, "“many” is not a number of respondents"));

  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate"), ==, 7);
  g_assert_cmpint (count (f, "SELECT respondents FROM survey_aggregate WHERE period = '2023-03-15'"), ==, 98);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE period = '2024-04-01'"
                             " AND abs (proportion - 0.581) < 1e-9"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE period = '2024-03-01'"
                             " AND measure = 'Trusts the police' AND abs (proportion - 0.4) < 1e-9"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE period = '2024-01-01'"
                             " AND respondents IS NULL"), ==, 2);
  /* Areas that are the station's districts (by name or code) are linked. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE district_id IS NOT NULL"), ==, 6);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE area = 'Riverside' AND district_id IS NULL"), ==, 1);

  /* The same source again, as percentages, one figure revised. */
  changed = write_file (f, "veiligheidsmonitor-2.csv",
                        "date;area;measure;percentage;respondents\n"
                        "01/03/2023;Old Town;Feels safe;62 %;120\n"
                        "15/03/2023;Harbour;Feels safe;56,5;98\n");
  again = bb_aggregate_import_new (f->store, changed, "veiligheidsmonitor");
  g_clear_pointer (&report, bb_import_report_free);
  report = bb_table_import_run (BB_TABLE_IMPORT (again), FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bb_aggregate_import_get_percent (again));
  g_assert_cmpuint (report->duplicates, ==, 1);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_true (has_issue (report, 3, NULL, FALSE, "replaces the figure"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate"), ==, 7);
  g_assert_cmpint (count (f, "SELECT count(*) FROM survey_aggregate WHERE period = '2023-03-15'"
                             " AND abs (proportion - 0.565) < 1e-9"), ==, 1);
}

/* beatbook --import-survey: the dialog's report on standard output, the
 * survey chosen by title or the newest, published tables, exit statuses. */
static int
run_cli (Fixture *f,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, (char *) "beatbook");
  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return bb_survey_import_cli_run ((int) args->len - 1, (char **) args->pdata);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *kobo = write_file (f, "kobo.csv", kobo_csv);
  g_autofree char *table = write_file (f, "city-monitor.csv",
                                       "Datum;Gebied;Maat;Aandeel;N\r\n"
                                       "01/03/2023;Old Town;Feels safe;0,62;120\r\n"
                                       "15/03/2023;Harbour;Feels safe;0,55;98\r\n");
  g_autofree char *bad = write_file (f, "bad.csv", "what,where\nsomething,here\n");
  g_autofree char *station = g_build_filename (f->dir, "station.beatbook", NULL);

  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("BB_TEST_CLI");
      g_autoptr(BbSurvey) autumn = bb_survey_new ();
      g_autoptr(GError) error = NULL;
      int status, again = -1;

      autumn->questionnaire_id = g_strdup (f->questionnaire_id);
      autumn->title = g_strdup ("Autumn 2024");
      autumn->period_start = g_strdup ("2024-10-01");
      autumn->period_end = g_strdup ("2024-10-31");
      g_assert_true (bb_store_survey_insert (f->store, autumn, &error));
      g_assert_no_error (error);
      /* exit() below skips the automatic cleanups. */
      g_clear_pointer (&autumn, bb_survey_free);
      g_clear_object (&f->store);

      if (g_strcmp0 (which, "named") == 0)
        {
          status = run_cli (f, "--import-survey", kobo, "--survey", "spring 2024", "-q", station, NULL);
          again = run_cli (f, "--import-survey", kobo, "--survey", f->survey_id, "-q", station, NULL);
        }
      else if (g_strcmp0 (which, "newest") == 0)
        status = run_cli (f, "--import-survey", kobo, "--dry-run", "-q", station, NULL);
      else if (g_strcmp0 (which, "published") == 0)
        status = run_cli (f, "--import-survey", table, "--published", "-q", station, NULL);
      else if (g_strcmp0 (which, "help") == 0)
        status = run_cli (f, "--import-survey", kobo, "--help", NULL);
      else if (g_strcmp0 (which, "unknown") == 0)
        status = run_cli (f, "--import-survey", kobo, "--survey", "Winter", station, NULL);
      else if (g_strcmp0 (which, "two-stations") == 0)
        status = run_cli (f, "--import-survey", kobo, station, station, NULL);
      else if (g_strcmp0 (which, "no-file") == 0)
        status = run_cli (f, station, NULL);
      else
        status = run_cli (f, "--import-survey", bad, "-q", station, NULL);

      f->store = bb_store_open (station, &error);
      g_assert_no_error (error);
      g_print ("again %d; spring %" G_GINT64_FORMAT "; autumn %" G_GINT64_FORMAT "; figures %" G_GINT64_FORMAT "\n",
               again,
               count (f, "SELECT count(*) FROM survey_response AS r JOIN survey AS s ON s.id = r.survey_id"
                         " WHERE s.title = 'Spring 2024'"),
               count (f, "SELECT count(*) FROM survey_response AS r JOIN survey AS s ON s.id = r.survey_id"
                         " WHERE s.title = 'Autumn 2024'"),
               count (f, "SELECT count(*) FROM survey_aggregate"));
      fflush (stdout);
      fixture_tear_down (f, NULL);
      exit (status);
    }

  g_setenv ("BB_TEST_CLI", "named", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Survey: Spring 2024 (2024-03-01 to 2024-03-31)*rows read:             8*"
                             "imported:              5*kobo.csv, line 4, column “block1/q1”: “7” is not an answer*"
                             "again 1; spring 5; autumn 0; figures 0*");
  g_test_trap_assert_stderr ("*Nothing new was imported from kobo.csv*");

  g_setenv ("BB_TEST_CLI", "newest", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Survey: Autumn 2024*Trial import*would be imported:     5*"
                             "again -1; spring 0; autumn 0; figures 0*");

  g_setenv ("BB_TEST_CLI", "published", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Published figures: city-monitor*imported:              2*figures 2*");

  g_setenv ("BB_TEST_CLI", "help", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--survey*--published*--dry-run*");

  g_setenv ("BB_TEST_CLI", "unknown", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*The station has no survey ?Winter?*--help*");

  /* One file and one station, or the command says how to give them. */
  g_setenv ("BB_TEST_CLI", "two-stations", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Give the file to import and one station: beatbook --import-survey FILE.csv STATION.beatbook*");
  g_setenv ("BB_TEST_CLI", "no-file", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Give the file to import and one station*--help*");

  g_setenv ("BB_TEST_CLI", "bad", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*spring 0; autumn 0; figures 0*");
  g_test_trap_assert_stderr ("*bad.csv*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/survey-import/kobo", test_kobo);
  ADD ("/store/survey-import/odk-split-choices", test_odk_split_choices);
  ADD ("/store/survey-import/dates-and-memory", test_dates_and_memory);
  ADD ("/store/survey-import/refused", test_refused);
  ADD ("/store/survey-import/aggregates", test_aggregates);
  ADD ("/store/survey-import/cli", test_cli);
#undef ADD

  return g_test_run ();
}
