/* bb-bundle-schema.c: which tables travel in bundles, their keys and references, and their values */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-bundle-private.h"

/* Parents before children, so that a bundle applied in this order meets
 * few references to records still to come (the rest wait for the end of
 * the transaction).  Local memories (import mappings, the audit log, the
 * exchange's own tables) stay home. */
const char * const bb_sync_table_names[] = {
  "station", "event_kind", "category", "district", "officer", "officer_area", "partner",
  "advisory_member", "incident", "problem", "problem_category", "problem_incident", "problem_partner", "response",
  "plan", "plan_problem", "objective", "indicator", "plan_review", "task", "event",
  "event_attendee", "concern", "questionnaire", "question", "survey", "survey_response",
  "survey_answer", "survey_aggregate", "document", "geo_layer", NULL
};

/* Records created apart at two stations that are one and the same when
 * these columns agree (and are set). */
static const struct {
  const char *table;
  const char *columns[5];
} natural_keys[] = {
  { "category", { "code", NULL } },
  { "incident", { "external_id", NULL } },
  { "survey_response", { "external_uuid", NULL } },
  { "question", { "questionnaire_id", "code", NULL } },
  { "advisory_member", { "district_id", "partner_id", NULL } },
  /* The same published figure imported at two stations. */
  { "survey_aggregate", { "source", "period", "area", "measure", NULL } },
};

static const struct {
  const char         *table;
  const BbRecordType *type;
} record_types[] = {
  { "station", &bb_station_record },
  { "district", &bb_district_record },
  { "officer", &bb_officer_record },
  { "partner", &bb_partner_record },
  { "advisory_member", &bb_advisory_member_record },
  { "category", &bb_category_record },
  { "incident", &bb_incident_record },
  { "problem", &bb_problem_record },
  { "response", &bb_response_record },
  { "task", &bb_task_record },
  { "plan", &bb_plan_record },
  { "objective", &bb_objective_record },
  { "indicator", &bb_indicator_record },
  { "plan_review", &bb_plan_review_record },
  { "event", &bb_event_record },
  { "event_attendee", &bb_event_attendee_record },
  { "concern", &bb_concern_record },
  { "questionnaire", &bb_questionnaire_record },
  { "question", &bb_question_record },
  { "survey", &bb_survey_record },
  { "survey_response", &bb_survey_response_record },
  { "document", &bb_document_record },
  { "geo_layer", &bb_geo_layer_record },
  { "survey_aggregate", &bb_survey_aggregate_record },
  { "officer_area", &bb_officer_area_record },
};

/* The station format (PRAGMA user_version) from which each table, or
 * column, that travels can be applied: bundles began with 0004; 0005
 * gave questions their polarity and concern; 0006 gave responses their
 * owner and dates; 0007 gave published survey figures and officers'
 * further areas the versions that merging needs.  0008 (the audit log's
 * seal) changed nothing that travels: the audit log stays home.  0009
 * gave a questionnaire the version it was made from and a round its
 * weighting.  A migration that
 * changes a table that travels adds its line here. */
static const struct {
  const char *table;
  const char *column;     /* NULL: the table itself */
  int         schema;
} introduced[] = {
  { "question", "polarity", 5 },
  { "question", "concern", 5 },
  { "response", "owner_officer_id", 6 },
  { "response", "owner_partner_id", 6 },
  { "response", "start_date", 6 },
  { "response", "end_date", 6 },
  { "survey_aggregate", NULL, 7 },
  { "officer_area", NULL, 7 },
  { "questionnaire", "previous_id", 9 },
  { "survey", "weighting", 9 },
};

int
bb_sync_table_min_schema (const BbSyncTable *table)
{
  int schema = BB_BUNDLE_MIN_SCHEMA;

  for (gsize i = 0; i < G_N_ELEMENTS (introduced); i++)
    if (g_str_equal (introduced[i].table, table->name)
        && (introduced[i].column == NULL || bb_sync_table_find_column (table, introduced[i].column) >= 0))
      schema = MAX (schema, introduced[i].schema);
  return schema;
}

int
bb_sync_schema_min_for_header (BbSyncSchema         *schema,
                               const BbBundleHeader *header)
{
  int min = BB_BUNDLE_MIN_SCHEMA;

  for (guint i = 0; i < header->counts->len; i++)
    {
      const BbBundleCount *count = g_ptr_array_index (header->counts, i);
      const BbSyncTable *t = bb_sync_schema_lookup (schema, count->table);

      /* A table unknown here cannot be in a bundle written here. */
      min = t != NULL ? MAX (min, bb_sync_table_min_schema (t)) : BB_STORE_SCHEMA_VERSION;
    }
  return MIN (min, BB_STORE_SCHEMA_VERSION);
}

int
bb_sync_version_compare (const BbSyncVersion *a,
                         const BbSyncVersion *b)
{
  if (a->at != b->at)
    return a->at < b->at ? -1 : 1;
  return g_strcmp0 (a->station != NULL ? a->station : "", b->station != NULL ? b->station : "");
}

static void
column_clear (BbSyncColumn *column)
{
  g_free (column->name);
  g_free (column->ref_table);
  g_free (column->on_delete);
}

static void
table_free (BbSyncTable *table)
{
  g_free (table->name);
  g_array_unref (table->columns);
  g_free (table->key_sql);
  g_free (table->column_list);
  g_free (table->key_where);
  g_free (table->select_by_key);
  g_free (table->insert_all);
  g_ptr_array_unref (table->referenced_by);
  g_free (table);
}

void
bb_sync_schema_free (BbSyncSchema *schema)
{
  if (schema == NULL)
    return;
  g_hash_table_unref (schema->by_name);
  g_ptr_array_unref (schema->tables);
  g_free (schema);
}

BbSyncTable *
bb_sync_schema_lookup (BbSyncSchema *schema,
                       const char   *table)
{
  return table != NULL ? g_hash_table_lookup (schema->by_name, table) : NULL;
}

int
bb_sync_table_find_column (const BbSyncTable *table,
                           const char        *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (g_str_equal (g_array_index (table->columns, BbSyncColumn, i).name, name))
      return (int) i;
  return -1;
}

static gboolean
schema_error (sqlite3     *db,
              GError     **error)
{
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
               _("Reading the station’s tables failed: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static BbSyncTable *
load_table (sqlite3     *db,
            const char  *name,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  BbSyncTable *table = g_new0 (BbSyncTable, 1);
  int rc;

  table->name = g_strdup (name);
  table->columns = g_array_new (FALSE, TRUE, sizeof (BbSyncColumn));
  g_array_set_clear_func (table->columns, (GDestroyNotify) column_clear);
  table->referenced_by = g_ptr_array_new_with_free_func (g_free);
  table->created_column = table->updated_column = table->station_column = -1;

  if (sqlite3_prepare_v2 (db, "SELECT name, pk FROM pragma_table_info (?1) ORDER BY cid", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbSyncColumn column = { 0 };

      column.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column.pk = sqlite3_column_int (stmt, 1);
      g_array_append_val (table->columns, column);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (table->columns->len == 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                   _("The station has no table “%s”"), name);
      table_free (table);
      return NULL;
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      BbSyncColumn *c = &g_array_index (table->columns, BbSyncColumn, i);

      if (c->pk > 0 && c->pk <= (int) G_N_ELEMENTS (table->pk_columns))
        {
          table->pk_columns[c->pk - 1] = (int) i;
          table->n_pk = MAX (table->n_pk, (guint) c->pk);
        }
      if (g_str_equal (c->name, "created_at"))
        table->created_column = (int) i;
      else if (g_str_equal (c->name, "updated_at"))
        table->updated_column = (int) i;
      else if (g_str_equal (c->name, "station_id"))
        table->station_column = (int) i;
      c->field = c->pk == 0 && !g_str_equal (c->name, "created_at") && !g_str_equal (c->name, "updated_at")
                 && !g_str_equal (c->name, "station_id");
      g_string_append_printf (list, "%s\"%s\"", i > 0 ? ", " : "", c->name);
    }
  if (g_str_equal (name, "station"))
    table->station_column = bb_sync_table_find_column (table, "id");
  for (guint k = 0; k < table->n_pk; k++)
    {
      const BbSyncColumn *c = &g_array_index (table->columns, BbSyncColumn, table->pk_columns[k]);

      g_string_append_printf (key, "%s\"%s\"", k > 0 ? " || '/' || " : "", c->name);
    }
  table->key_sql = g_strdup (key->str);
  table->column_list = g_strdup (list->str);
  table->key_where = bb_sync_table_key_where (table);
  table->select_by_key = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE %s", table->column_list, name, table->key_where);
  {
    g_autoptr(GString) insert = g_string_new (NULL);

    g_string_append_printf (insert, "INSERT INTO \"%s\" (%s) VALUES (", name, table->column_list);
    for (guint i = 0; i < table->columns->len; i++)
      g_string_append (insert, i > 0 ? ", ?" : "?");
    g_string_append_c (insert, ')');
    table->insert_all = g_string_free (g_steal_pointer (&insert), FALSE);
  }

  if (sqlite3_prepare_v2 (db, "SELECT \"table\", \"from\", upper (on_delete) FROM pragma_foreign_key_list (?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = bb_sync_table_find_column (table, (const char *) sqlite3_column_text (stmt, 1));

      if (i >= 0)
        {
          BbSyncColumn *c = &g_array_index (table->columns, BbSyncColumn, i);

          g_free (c->ref_table);
          c->ref_table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          g_free (c->on_delete);
          c->on_delete = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  if (rc != SQLITE_DONE)
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1"
                              " AND sql LIKE '%WITHOUT ROWID%'", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  table->without_rowid = sqlite3_step (stmt) == SQLITE_ROW;

  for (gsize i = 0; i < G_N_ELEMENTS (natural_keys); i++)
    if (g_str_equal (natural_keys[i].table, name))
      {
        table->natural_key = natural_keys[i].columns;
        for (guint k = 0; natural_keys[i].columns[k] != NULL; k++)
          table->natural_columns[table->n_natural++] = bb_sync_table_find_column (table, natural_keys[i].columns[k]);
      }
  for (gsize i = 0; i < G_N_ELEMENTS (record_types); i++)
    if (g_str_equal (record_types[i].table, name))
      table->record_type = record_types[i].type;
  return table;

fail:
  schema_error (db, error);
  table_free (table);
  return NULL;
}

BbSyncSchema *
bb_sync_schema_load (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(BbSyncSchema) schema = g_new0 (BbSyncSchema, 1);

  schema->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  schema->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; bb_sync_table_names[i] != NULL; i++)
    {
      BbSyncTable *table = load_table (db, bb_sync_table_names[i], error);

      if (table == NULL)
        return NULL;
      g_ptr_array_add (schema->tables, table);
      g_hash_table_insert (schema->by_name, table->name, table);
    }

  /* Who refers to whom, for deletions. */
  for (guint i = 0; i < schema->tables->len; i++)
    {
      BbSyncTable *table = g_ptr_array_index (schema->tables, i);

      for (guint c = 0; c < table->columns->len; c++)
        {
          const BbSyncColumn *column = &g_array_index (table->columns, BbSyncColumn, c);
          BbSyncTable *target = bb_sync_schema_lookup (schema, column->ref_table);

          if (target != NULL)
            {
              BbSyncReference *ref = g_new0 (BbSyncReference, 1);

              ref->table = table;
              ref->column = (int) c;
              ref->on_delete = column->on_delete;
              g_ptr_array_add (target->referenced_by, ref);
            }
        }
    }
  return g_steal_pointer (&schema);
}

char *
bb_sync_table_key (const BbSyncTable  *table,
                   sqlite3_value     **values)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint k = 0; k < table->n_pk; k++)
    {
      sqlite3_value *v = values[table->pk_columns[k]];

      if (k > 0)
        g_string_append_c (key, '/');
      if (v != NULL && sqlite3_value_type (v) != SQLITE_NULL)
        g_string_append_len (key, (const char *) sqlite3_value_text (v), sqlite3_value_bytes (v));
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

char *
bb_sync_table_key_where (const BbSyncTable *table)
{
  g_autoptr(GString) where = g_string_new (NULL);

  for (guint k = 0; k < table->n_pk; k++)
    g_string_append_printf (where, "%s\"%s\" = ?%u", k > 0 ? " AND " : "",
                            g_array_index (table->columns, BbSyncColumn, table->pk_columns[k]).name, k + 1);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Values ------------------------------------------------------------------ */

gboolean
bb_sync_value_equal (sqlite3_value *a,
                     sqlite3_value *b)
{
  int ta = a != NULL ? sqlite3_value_type (a) : SQLITE_NULL;
  int tb = b != NULL ? sqlite3_value_type (b) : SQLITE_NULL;

  if (ta == SQLITE_NULL || tb == SQLITE_NULL)
    return ta == tb;
  if ((ta == SQLITE_INTEGER || ta == SQLITE_FLOAT) && (tb == SQLITE_INTEGER || tb == SQLITE_FLOAT))
    {
      if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER)
        return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    }
  if (ta != tb)
    return FALSE;
  if (ta == SQLITE_TEXT)
    return sqlite3_value_bytes (a) == sqlite3_value_bytes (b)
           && memcmp (sqlite3_value_text (a), sqlite3_value_text (b), sqlite3_value_bytes (a)) == 0;
  return sqlite3_value_bytes (a) == sqlite3_value_bytes (b)
         && (sqlite3_value_bytes (a) == 0
             || memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), sqlite3_value_bytes (a)) == 0);
}

static void
append_json_string (GString    *out,
                    const char *text,
                    gsize       length)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) length);
  g_autofree char *encoded = NULL;

  json_node_set_string (node, valid);
  encoded = json_to_string (node, FALSE);
  g_string_append (out, encoded);
}

void
bb_sync_value_to_json (GString       *out,
                       sqlite3_value *value)
{
  switch (value != NULL ? sqlite3_value_type (value) : SQLITE_NULL)
    {
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (value));
      break;
    case SQLITE_FLOAT:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        double d = sqlite3_value_double (value);

        if (!isfinite (d))
          g_string_append (out, "null");
        else
          g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.17g", d));
        break;
      }
    case SQLITE_TEXT:
      append_json_string (out, (const char *) sqlite3_value_text (value), sqlite3_value_bytes (value));
      break;
    case SQLITE_BLOB:
      {
        g_autofree char *b64 = g_base64_encode (sqlite3_value_blob (value), sqlite3_value_bytes (value));

        g_string_append_printf (out, "{\"base64\":\"%s\"}", b64);
        break;
      }
    case SQLITE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}
