/* bb-survey-import.c: survey responses from KoBoToolbox and ODK exports: the columns and their mapping */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-store-private.h"
#include "bb-survey-import-private.h"
#include "bb-table-rows.h"

static void table_import_iface_init (BbTableImportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BbSurveyImport, bb_survey_import, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BB_TYPE_TABLE_IMPORT, table_import_iface_init))

/* Columns the tools add that say nothing about the resident's answers. */
static const char * const tool_columns[] = {
  "_id", "_index", "_submitted_by", "_status", "_validation_status", "_notes", "_tags",
  "_xform_id_string", "_attachments", "_geolocation", "_version_", "__version__", "_parent_index",
  "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
  "audit", "formhub/uuid", "meta/instancename", "meta/deprecatedid", "submitterid", "submittername",
  "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "edits", "formversion",
  NULL
};

static const struct {
  const char     *name;
  BbSurveyColumn  kind;
} meta_columns[] = {
  { "_uuid", BB_SURVEY_COLUMN_UUID },
  { "meta/instanceid", BB_SURVEY_COLUMN_UUID },
  { "instanceid", BB_SURVEY_COLUMN_UUID },
  { "key", BB_SURVEY_COLUMN_UUID },
  { "uuid", BB_SURVEY_COLUMN_UUID },
  { "_submission_time", BB_SURVEY_COLUMN_SUBMITTED },
  { "submissiondate", BB_SURVEY_COLUMN_SUBMITTED },
  { "submission_date", BB_SURVEY_COLUMN_SUBMITTED },
  { "submitted", BB_SURVEY_COLUMN_SUBMITTED },
  { "date", BB_SURVEY_COLUMN_SUBMITTED },
  { "district", BB_SURVEY_COLUMN_DISTRICT },
  { "zone", BB_SURVEY_COLUMN_DISTRICT },
  { "area", BB_SURVEY_COLUMN_DISTRICT },
  { "neighbourhood", BB_SURVEY_COLUMN_DISTRICT },
  { "neighborhood", BB_SURVEY_COLUMN_DISTRICT },
  { "район", BB_SURVEY_COLUMN_DISTRICT },
  { "участок", BB_SURVEY_COLUMN_DISTRICT },
  { "rajons", BB_SURVEY_COLUMN_DISTRICT },
  { "lagje", BB_SURVEY_COLUMN_DISTRICT },
  { "age", BB_SURVEY_COLUMN_AGE_BAND },
  { "age_band", BB_SURVEY_COLUMN_AGE_BAND },
  { "age_group", BB_SURVEY_COLUMN_AGE_BAND },
  { "возраст", BB_SURVEY_COLUMN_AGE_BAND },
  { "gender", BB_SURVEY_COLUMN_GENDER },
  { "sex", BB_SURVEY_COLUMN_GENDER },
  { "пол", BB_SURVEY_COLUMN_GENDER },
};

static const struct {
  BbSurveyColumn  kind;
  const char     *memory;
  const char     *label;
} fixed_targets[] = {
  { BB_SURVEY_COLUMN_IGNORE, "ignore", N_("Not imported") },
  { BB_SURVEY_COLUMN_UUID, "uuid", N_("Response’s id (uuid)") },
  { BB_SURVEY_COLUMN_SUBMITTED, "submitted", N_("When it was submitted") },
  { BB_SURVEY_COLUMN_DISTRICT, "district", N_("District") },
  { BB_SURVEY_COLUMN_AGE_BAND, "age_band", N_("Age band") },
  { BB_SURVEY_COLUMN_GENDER, "gender", N_("Gender") },
};

static void
target_free (SurveyTarget *t)
{
  g_free (t->choice);
  g_free (t->label);
  g_free (t->memory);
  g_free (t);
}

/* A name as the rules compare it: lower case, spaces as "_", and the
 * group separators of the tools ("/" of KoBoToolbox, "-" of ODK Central,
 * "." of some spreadsheets) all as "/". */
static char *
name_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  char *key = g_utf8_strdown (trimmed, -1);

  for (char *p = key; *p; p++)
    if (*p == ' ')
      *p = '_';
    else if (*p == '-' || *p == '.')
      *p = '/';
  return key;
}

/* The object -------------------------------------------------------------- */

static void
bb_survey_import_finalize (GObject *object)
{
  BbSurveyImport *self = BB_SURVEY_IMPORT (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->display_name);
  g_clear_pointer (&self->survey, bb_survey_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->target_labels, g_ptr_array_unref);
  g_free (self->encoding);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, g_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_survey_import_parent_class)->finalize (object);
}

static void
bb_survey_import_class_init (BbSurveyImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_survey_import_finalize;
}

static void
bb_survey_import_init (BbSurveyImport *self)
{
  self->separator = ',';
  self->mapping = g_array_new (FALSE, TRUE, sizeof (guint));
}

BbSurveyImport *
bb_survey_import_new (BbStore    *store,
                      const char *survey_id,
                      const char *path)
{
  BbSurveyImport *self;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BB_TYPE_SURVEY_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  self->survey = bb_survey_new ();
  g_free (self->survey->id);
  self->survey->id = g_strdup (survey_id);
  return self;
}

/* The survey, its questions and what columns can hold. */
gboolean
bb_survey_import_load (BbSurveyImport  *self,
                       GError         **error)
{
  g_autoptr(BbSurvey) survey = bb_store_survey_get (self->store, self->survey->id, error);
  GPtrArray *questions;

  if (survey == NULL)
    return FALSE;
  questions = bb_store_question_list (self->store, survey->questionnaire_id, error);
  if (questions == NULL)
    return FALSE;
  g_clear_pointer (&self->survey, bb_survey_free);
  self->survey = g_steal_pointer (&survey);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  self->questions = questions;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_targets); i++)
    {
      SurveyTarget *t = g_new0 (SurveyTarget, 1);

      t->kind = fixed_targets[i].kind;
      t->label = g_strdup (_(fixed_targets[i].label));
      t->memory = g_strdup (fixed_targets[i].memory);
      g_ptr_array_add (self->targets, t);
    }
  for (guint q = 0; q < questions->len; q++)
    {
      const BbQuestion *question = g_ptr_array_index (questions, q);
      SurveyTarget *t = g_new0 (SurveyTarget, 1);

      g_ptr_array_add (self->choices, bb_question_dup_choices (question));
      t->kind = BB_SURVEY_COLUMN_QUESTION;
      t->question = q;
      /* Translators: a question offered for a column: its code, then its text */
      t->label = g_strdup_printf (_("%s — %s"), question->code, question->text);
      t->memory = g_strconcat ("q:", question->code, NULL);
      g_ptr_array_add (self->targets, t);
    }
  for (guint q = 0; q < questions->len; q++)
    {
      const BbQuestion *question = g_ptr_array_index (questions, q);
      GPtrArray *choices = g_ptr_array_index (self->choices, q);

      if (bb_scale_from_string (question->scale) != BB_SCALE_MULTIPLE)
        continue;
      for (guint c = 0; c < choices->len; c++)
        {
          const BbChoice *choice = g_ptr_array_index (choices, c);
          SurveyTarget *t = g_new0 (SurveyTarget, 1);

          t->kind = BB_SURVEY_COLUMN_CHOICE;
          t->question = q;
          t->choice = g_strdup (choice->value);
          /* Translators: one choice of a question with several, offered for a column: "block2/q5: Theft" */
          t->label = g_strdup_printf (_("%s: %s"), question->code, choice->label);
          t->memory = g_strdup_printf ("c:%s:%s", question->code, choice->value);
          g_ptr_array_add (self->targets, t);
        }
    }
  g_clear_pointer (&self->target_labels, g_ptr_array_unref);
  self->target_labels = g_ptr_array_new ();
  for (guint i = 0; i < self->targets->len; i++)
    g_ptr_array_add (self->target_labels, ((SurveyTarget *) g_ptr_array_index (self->targets, i))->label);
  return TRUE;
}

const SurveyTarget *
bb_survey_import_target_of (BbSurveyImport *self,
                            guint           column)
{
  guint target = column < self->mapping->len ? g_array_index (self->mapping, guint, column) : 0;

  return g_ptr_array_index (self->targets, MIN (target, self->targets->len - 1));
}

BbSurveyColumn
bb_survey_import_get_column (BbSurveyImport  *self,
                             guint            column,
                             const char     **question_id,
                             const char     **choice)
{
  const SurveyTarget *t;

  g_return_val_if_fail (BB_IS_SURVEY_IMPORT (self), BB_SURVEY_COLUMN_IGNORE);
  g_return_val_if_fail (self->previewed, BB_SURVEY_COLUMN_IGNORE);

  t = bb_survey_import_target_of (self, column);
  if (question_id != NULL)
    *question_id = t->kind == BB_SURVEY_COLUMN_QUESTION || t->kind == BB_SURVEY_COLUMN_CHOICE
                   ? ((BbQuestion *) g_ptr_array_index (self->questions, t->question))->id : NULL;
  if (choice != NULL)
    *choice = t->choice;
  return t->kind;
}

/* Mapping by the columns' names ------------------------------------------ */

static int
find_target (BbSurveyImport *self,
             const char     *memory)
{
  for (guint i = 0; i < self->targets->len; i++)
    if (g_strcmp0 (((SurveyTarget *) g_ptr_array_index (self->targets, i))->memory, memory) == 0)
      return (int) i;
  return -1;
}

static int
find_kind (BbSurveyImport *self,
           BbSurveyColumn  kind)
{
  for (guint i = 0; i < self->targets->len; i++)
    if (((SurveyTarget *) g_ptr_array_index (self->targets, i))->kind == kind)
      return (int) i;
  return -1;
}

/* The question whose code the column names: the whole path, or the path
 * without the leading groups a tool added, or only the last name when
 * no other question ends the same way. */
static int
question_by_name (BbSurveyImport *self,
                  const char     *key)
{
  int found = -1;
  const char *last = strrchr (key, '/');

  for (const char *suffix = key; suffix != NULL; suffix = strchr (suffix, '/'), suffix = suffix ? suffix + 1 : NULL)
    for (guint q = 0; q < self->questions->len; q++)
      {
        g_autofree char *code = name_key (((BbQuestion *) g_ptr_array_index (self->questions, q))->code);

        if (g_str_equal (code, suffix))
          return (int) q;
      }
  last = last != NULL ? last + 1 : key;
  for (guint q = 0; q < self->questions->len; q++)
    {
      g_autofree char *code = name_key (((BbQuestion *) g_ptr_array_index (self->questions, q))->code);
      const char *code_last = strrchr (code, '/');

      code_last = code_last != NULL ? code_last + 1 : code;
      if (g_str_equal (code_last, last))
        {
          if (found >= 0)
            return -1;   /* "q3" of two blocks: not ours to guess */
          found = (int) q;
        }
    }
  if (found >= 0)
    return found;
  /* Exports "with labels" head the columns with the questions' texts. */
  for (guint q = 0; q < self->questions->len; q++)
    {
      g_autofree char *text = name_key (((BbQuestion *) g_ptr_array_index (self->questions, q))->text);

      if (g_str_equal (text, key))
        return (int) q;
    }
  return -1;
}

static guint
auto_target (BbSurveyImport *self,
             const char     *name)
{
  g_autofree char *key = name_key (name);
  const char *last = strrchr (key, '/');
  int q;

  for (guint i = 0; i < G_N_ELEMENTS (meta_columns); i++)
    if (g_str_equal (key, meta_columns[i].name)
        || (last != NULL && meta_columns[i].kind != BB_SURVEY_COLUMN_UUID && g_str_equal (last + 1, meta_columns[i].name)))
      return find_kind (self, meta_columns[i].kind);
  if (g_strv_contains (tool_columns, key) || key[0] == '_')
    return 0;

  q = question_by_name (self, key);
  if (q >= 0)
    return find_kind (self, BB_SURVEY_COLUMN_QUESTION) + q;

  /* "block2/q5/theft": one choice of a question with several. */
  if (last != NULL)
    {
      g_autofree char *head = g_strndup (key, last - key);

      q = question_by_name (self, head);
      if (q >= 0)
        {
          g_autofree char *memory = g_strdup_printf ("c:%s:%s",
                                                     ((BbQuestion *) g_ptr_array_index (self->questions, q))->code,
                                                     last + 1);
          int t = find_target (self, memory);

          if (t >= 0)
            return t;
        }
    }
  return 0;
}

static void
map_columns (BbSurveyImport *self)
{
  int uuid = -1;

  g_array_set_size (self->mapping, self->columns->len);
  for (guint c = 0; c < self->columns->len; c++)
    g_array_index (self->mapping, guint, c) = auto_target (self, g_ptr_array_index (self->columns, c));

  /* One column of a kind: _uuid rather than meta/instanceID; the whole
   * answer rather than its split choices. */
  for (guint c = 0; c < self->columns->len; c++)
    {
      const SurveyTarget *t = bb_survey_import_target_of (self, c);
      g_autofree char *key = name_key (g_ptr_array_index (self->columns, c));

      if (t->kind == BB_SURVEY_COLUMN_UUID && (uuid < 0 || g_str_equal (key, "_uuid")))
        {
          if (uuid >= 0)
            g_array_index (self->mapping, guint, uuid) = 0;
          uuid = (int) c;
        }
      else if (t->kind == BB_SURVEY_COLUMN_UUID)
        g_array_index (self->mapping, guint, c) = 0;
    }
  for (guint c = 0; c < self->columns->len; c++)
    {
      const SurveyTarget *t = bb_survey_import_target_of (self, c);

      if (t->kind != BB_SURVEY_COLUMN_CHOICE)
        continue;
      for (guint k = 0; k < self->columns->len; k++)
        {
          const SurveyTarget *whole = bb_survey_import_target_of (self, k);

          if (whole->kind == BB_SURVEY_COLUMN_QUESTION && whole->question == t->question)
            g_array_index (self->mapping, guint, c) = 0;
        }
    }
  /* Each target once, the first column that holds it. */
  for (guint c = 0; c < self->columns->len; c++)
    for (guint k = 0; k < c; k++)
      if (g_array_index (self->mapping, guint, k) != 0
          && g_array_index (self->mapping, guint, k) == g_array_index (self->mapping, guint, c))
        g_array_index (self->mapping, guint, c) = 0;
}

/* The station's memory of a header ---------------------------------------- */

static char *
header_key (BbSurveyImport *self)
{
  GString *key = g_string_new ("survey:");

  g_string_append (key, self->survey->questionnaire_id);
  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *name = bb_table_import_column_key (g_ptr_array_index (self->columns, i));

      g_string_append_c (key, '\x1f');
      g_string_append (key, name);
    }
  return g_string_free (key, FALSE);
}

static gboolean
load_mapping (BbSurveyImport  *self,
              GError         **error)
{
  BB_STORE_READ_SCOPE (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *key = header_key (self);
  JsonArray *array;
  int rc;

  stmt = bb_store_prepare (self->store, "SELECT fields, date_order FROM import_mapping WHERE header_key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self->store, error, _("Reading the remembered column mapping"));
      return FALSE;
    }
  fields = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields)
      || json_array_get_length (json_node_get_array (fields)) != self->columns->len)
    return TRUE;
  array = json_node_get_array (fields);
  for (guint c = 0; c < self->columns->len; c++)
    {
      JsonNode *node = json_array_get_element (array, c);
      const char *memory = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
      int t = memory != NULL ? find_target (self, memory) : -1;

      /* A question since deleted: the column is not imported. */
      g_array_index (self->mapping, guint, c) = t >= 0 ? (guint) t : 0;
    }
  if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT && !self->date_order_chosen)
    {
      self->date_order = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "mdy")
                         ? BB_DATE_ORDER_MDY : BB_DATE_ORDER_DMY;
      self->date_order_chosen = TRUE;
    }
  self->remembered = TRUE;
  return TRUE;
}

gboolean
bb_survey_import_remember (BbSurveyImport  *self,
                           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *key = header_key (self);

  json_builder_begin_array (builder);
  for (guint c = 0; c < self->columns->len; c++)
    json_builder_add_string_value (builder, bb_survey_import_target_of (self, c)->memory);
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  fields = json_to_string (node, FALSE);

  stmt = bb_store_prepare (self->store,
                           "INSERT INTO import_mapping (header_key, station_id, fields, date_order, source_name,"
                           " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'survey', ?5, ?5)"
                           " ON CONFLICT (header_key) DO UPDATE SET fields = excluded.fields,"
                           " date_order = excluded.date_order, updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bb_store_get_station_id (self->store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fields, -1, SQLITE_STATIC);
  if (self->date_order != BB_DATE_ORDER_UNKNOWN)
    sqlite3_bind_text (stmt, 4, self->date_order == BB_DATE_ORDER_MDY ? "mdy" : "dmy", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, bb_store_now_us ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self->store, error, _("Remembering the column mapping"));
      return FALSE;
    }
  return TRUE;
}

/* The preview ----------------------------------------------------------------- */

static gboolean
preview (BbTableImport  *iface,
         guint           n_rows,
         GCancellable   *cancellable,
         GError        **error)
{
  BbSurveyImport *self = BB_SURVEY_IMPORT (iface);
  g_autoptr(BbImportSource) source = NULL;
  GPtrArray *columns;
  int submitted;
  guint64 rows = 0;

  source = bb_import_source_open (self->path, NULL, 0, error);
  if (source == NULL)
    return FALSE;
  if (bb_import_source_is_geojson (source))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT,
                   _("%s is a map file, not a table of survey responses"), self->display_name);
      return FALSE;
    }
  if (!bb_survey_import_load (self, error))
    return FALSE;

  g_free (self->encoding);
  self->encoding = g_strdup (bb_import_source_get_encoding (source));
  self->separator = bb_import_source_get_separator (source);
  columns = bb_import_source_get_columns (source);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (self->columns, g_strdup (g_ptr_array_index (columns, i)));
  map_columns (self);
  self->remembered = FALSE;
  if (!load_mapping (self, error))
    return FALSE;

  submitted = -1;
  for (guint c = 0; c < self->columns->len; c++)
    if (bb_survey_import_target_of (self, c)->kind == BB_SURVEY_COLUMN_SUBMITTED)
      submitted = (int) c;
  if (!bb_table_rows_preview (source, self->columns->len, n_rows, submitted, &self->vote, &self->preview_rows, &rows,
                              NULL, NULL, cancellable, error))
    return FALSE;
  self->n_rows = rows;
  self->previewed = TRUE;
  if (!self->date_order_chosen)
    self->date_order = bb_date_order_vote_decide (&self->vote, NULL);
  return TRUE;
}

/* The interface --------------------------------------------------------------- */

BB_TABLE_ROWS_DEFINE_FILE_FUNCS (BB_SURVEY_IMPORT)

static gboolean
get_mapping_remembered (BbTableImport *iface)
{
  return BB_SURVEY_IMPORT (iface)->remembered;
}

static GPtrArray *
get_targets (BbTableImport *iface)
{
  return BB_SURVEY_IMPORT (iface)->target_labels;
}

static void
set_column_target (BbTableImport *iface,
                   guint          column,
                   guint          target)
{
  BbSurveyImport *self = BB_SURVEY_IMPORT (iface);

  g_return_if_fail (column < self->mapping->len);
  g_return_if_fail (self->targets != NULL && target < self->targets->len);
  g_array_index (self->mapping, guint, column) = target;
}

static BbImportReport *
run (BbTableImport         *iface,
     gboolean               dry_run,
     GCancellable          *cancellable,
     BbTableImportProgress  progress,
     gpointer               progress_data,
     GError               **error)
{
  return bb_survey_import_run (BB_SURVEY_IMPORT (iface), dry_run, cancellable, progress, progress_data, error);
}

static void
table_import_iface_init (BbTableImportInterface *iface)
{
  iface->get_store = get_store;
  iface->get_path = get_path;
  iface->preview = preview;
  iface->get_encoding = get_encoding;
  iface->get_separator = get_separator;
  iface->get_n_rows = get_n_rows;
  iface->get_columns = get_columns;
  iface->get_preview_rows = get_preview_rows;
  iface->get_mapping_remembered = get_mapping_remembered;
  iface->get_targets = get_targets;
  iface->get_column_target = get_column_target;
  iface->set_column_target = set_column_target;
  iface->get_date_order_ambiguous = get_date_order_ambiguous;
  iface->get_date_order = get_date_order;
  iface->set_date_order = set_date_order;
  iface->run = run;
}
