/* bb-sync-conflicts.c: the list of changes that lost to another, for review, and taking one back */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-bundle-private.h"
#include "bb-json.h"

void
bb_sync_conflict_free (BbSyncConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->table);
  g_free (self->row_id);
  g_free (self->column);
  g_free (self->record_label);
  g_free (self->field_label);
  g_free (self->kept_value);
  g_free (self->lost_value);
  g_free (self->here_name);
  g_free (self->there_name);
  g_free (self);
}

static const char *
kind_to_string (BbSyncConflictKind kind)
{
  switch (kind)
    {
    case BB_SYNC_CONFLICT_DELETED_THERE:
      return "deleted_there";
    case BB_SYNC_CONFLICT_DELETED_HERE:
      return "deleted_here";
    case BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE:
      return "changed_after_delete";
    case BB_SYNC_CONFLICT_IN_USE:
      return "in_use";
    case BB_SYNC_CONFLICT_FIELD:
    default:
      return "field";
    }
}

static BbSyncConflictKind
kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "deleted_there") == 0)
    return BB_SYNC_CONFLICT_DELETED_THERE;
  if (g_strcmp0 (text, "deleted_here") == 0)
    return BB_SYNC_CONFLICT_DELETED_HERE;
  if (g_strcmp0 (text, "changed_after_delete") == 0)
    return BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE;
  if (g_strcmp0 (text, "in_use") == 0)
    return BB_SYNC_CONFLICT_IN_USE;
  return BB_SYNC_CONFLICT_FIELD;
}

/* JSON values ---------------------------------------------------------------- */

static gboolean
bind_node (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *b64 = bb_json_get_string (json_node_get_object (node), "base64", NULL);
      gsize length = 0;
      guchar *data;

      if (b64 == NULL)
        return FALSE;
      data = g_base64_decode (b64, &length);
      return sqlite3_bind_blob64 (stmt, index, data, length, g_free) == SQLITE_OK;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return sqlite3_bind_int64 (stmt, index, json_node_get_int (node)) == SQLITE_OK;
    case G_TYPE_DOUBLE:
      return sqlite3_bind_double (stmt, index, json_node_get_double (node)) == SQLITE_OK;
    case G_TYPE_BOOLEAN:
      return sqlite3_bind_int (stmt, index, json_node_get_boolean (node)) == SQLITE_OK;
    case G_TYPE_STRING:
      return sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT) == SQLITE_OK;
    default:
      return FALSE;
    }
}

gboolean
bb_sync_bind_json (sqlite3_stmt *stmt,
                   int           index,
                   const char   *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return FALSE;
  return bind_node (stmt, index, json_parser_get_root (parser));
}

static char *
node_to_display (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("(a file)"));
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", json_node_get_double (node)));
          }
        case G_TYPE_STRING:
          {
            const char *s = json_node_get_string (node);

            return g_strdup (*s != '\0' ? s : _("(empty)"));
          }
        default:
          break;
        }
    }
  return g_strdup ("");
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

char *
bb_sync_row_to_json (BbStore           *store,
                     const BbSyncTable *t,
                     const char        *row_id)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE %s", t->column_list, t->name, where);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);
  GString *out;

  if (stmt == NULL)
    return NULL;
  if (t->n_pk == 1)
    sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  else
    {
      g_auto(GStrv) parts = g_strsplit (row_id, "/", (int) t->n_pk);

      for (guint k = 0; k < t->n_pk && parts[k] != NULL; k++)
        sqlite3_bind_text (stmt, (int) k + 1, parts[k], -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  out = g_string_new ("{");
  for (guint c = 0; c < t->columns->len; c++)
    {
      g_string_append_printf (out, "%s\"%s\":", c > 0 ? "," : "", g_array_index (t->columns, BbSyncColumn, c).name);
      bb_sync_value_to_json (out, sqlite3_column_value (stmt, (int) c));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Labels ------------------------------------------------------------------ */

static const char *
table_label (const BbSyncTable *t)
{
  static const struct { const char *table; const char *label; } links[] = {
    { "event_kind", N_("kind of event") },
    { "problem_category", N_("category of a problem") },
    { "problem_incident", N_("incident of a problem") },
    { "problem_partner", N_("partner in a problem") },
    { "plan_problem", N_("problem of a plan") },
    { "survey_answer", N_("survey answer") },
  };

  if (t->record_type != NULL)
    return _(t->record_type->label);
  for (gsize i = 0; i < G_N_ELEMENTS (links); i++)
    if (g_str_equal (links[i].table, t->name))
      return _(links[i].label);
  return t->name;
}

static char *
capitalised (const char *text)
{
  g_autofree char *first = g_utf8_substring (text, 0, 1);
  g_autofree char *upper = g_utf8_strup (first, -1);

  return g_strconcat (upper, g_utf8_offset_to_pointer (text, 1), NULL);
}

/* "Incident: Burglary, 2024-05-03, Lake Street 4" from a record's values. */
static char *
describe (BbStore           *store,
          const BbSyncTable *t,
          const char        *row_id,
          JsonObject        *values)
{
  static const char * const name_columns[] = { "name", "title", "text", "code", NULL };
  g_autofree char *type = capitalised (table_label (t));
  g_autoptr(GString) what = g_string_new (NULL);

  if (values == NULL)
    return g_strdup (type);
  if (g_str_equal (t->name, "incident"))
    {
      const char *category = bb_json_get_string (values, "category_id", NULL);
      const char *address = bb_json_get_string (values, "address", "");
      gint64 when = bb_json_get_int (values, "occurred_start", 0);
      g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT name FROM category WHERE id = ?1", NULL);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);

      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, category, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            g_string_append (what, (const char *) sqlite3_column_text (stmt, 0));
        }
      if (date != NULL)
        {
          g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

          g_string_append_printf (what, "%s%s", what->len > 0 ? ", " : "", day);
        }
      if (*address != '\0')
        g_string_append_printf (what, "%s%s", what->len > 0 ? ", " : "", address);
    }
  else
    {
      for (guint i = 0; name_columns[i] != NULL && what->len == 0; i++)
        {
          const char *s = bb_json_get_string (values, name_columns[i], NULL);

          if (s != NULL && *s != '\0')
            {
              g_autofree char *line = g_utf8_substring (s, 0, MIN (g_utf8_strlen (s, -1), 80));

              g_string_append (what, line);
            }
        }
    }
  if (what->len == 0)
    g_string_append (what, row_id);
  /* Translators: a kind of record and which one, e.g. "Incident: Burglary, 2024-05-03" */
  return g_strdup_printf (_("%s: %s"), type, what->str);
}

/* Adding ------------------------------------------------------------------- */

gboolean
bb_sync_conflict_add (BbStore                 *store,
                      const BbBundleHeader    *header,
                      BbSyncSchema            *schema,
                      const BbSyncConflictNew *c,
                      gboolean                *added,
                      GError                 **error)
{
  const BbSyncTable *t = bb_sync_schema_lookup (schema, c->table);
  g_autofree char *row_json = NULL;
  g_autofree char *id = bb_store_new_uuid ();
  g_autofree char *label = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *for_label = c->column == NULL ? (c->local_json != NULL ? c->local_json : c->remote_json) : NULL;

  if (for_label == NULL)
    for_label = row_json = bb_sync_row_to_json (store, t, c->row_id);
  node = parse (for_label);
  label = describe (store, t, c->row_id, node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL);

  stmt = bb_store_prepare (store,
    "INSERT OR IGNORE INTO sync_conflict (id, bundle_id, from_station, tbl, row_id, col, kind, local_value,"
    " remote_value, local_at, local_station, remote_at, remote_station, remote_won, label, detected_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, header->bundle_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, header->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, c->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, c->column, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, kind_to_string (c->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, c->local_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, c->remote_json, -1, SQLITE_STATIC);
  if (c->local != NULL)
    {
      sqlite3_bind_int64 (stmt, 10, c->local->at);
      sqlite3_bind_text (stmt, 11, c->local->station, -1, SQLITE_TRANSIENT);
    }
  if (c->remote != NULL)
    {
      sqlite3_bind_int64 (stmt, 12, c->remote->at);
      sqlite3_bind_text (stmt, 13, c->remote->station, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int (stmt, 14, c->remote_won ? 1 : 0);
  sqlite3_bind_text (stmt, 15, label, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, bb_store_now_us ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Keeping a conflict for review"));
      return FALSE;
    }
  *added = sqlite3_changes (bb_store_get_db (store)) > 0;
  return TRUE;
}

/* Listing ------------------------------------------------------------------ */

static gboolean
record_exists (BbStore           *store,
               const BbSyncTable *t,
               const char        *row_id)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE %s", t->name, where);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);
  g_auto(GStrv) parts = g_strsplit (row_id, "/", (int) t->n_pk);

  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < t->n_pk && parts[k] != NULL; k++)
    sqlite3_bind_text (stmt, (int) k + 1, parts[k], -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
fill_values (BbSyncConflict *c,
             const char     *local_json,
             const char     *remote_json)
{
  switch (c->kind)
    {
    case BB_SYNC_CONFLICT_FIELD:
      {
        g_autoptr(JsonNode) local = parse (local_json);
        g_autoptr(JsonNode) remote = parse (remote_json);

        c->kept_value = node_to_display (c->remote_won ? remote : local);
        c->lost_value = node_to_display (c->remote_won ? local : remote);
        break;
      }
    case BB_SYNC_CONFLICT_DELETED_THERE:
      c->kept_value = g_strdup (_("Deleted, as at the other station"));
      c->lost_value = g_strdup (_("The record with the changes made here"));
      break;
    case BB_SYNC_CONFLICT_DELETED_HERE:
      c->kept_value = g_strdup (_("Deleted, as here"));
      c->lost_value = g_strdup (_("The record with the changes made at the other station"));
      break;
    case BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE:
      c->kept_value = g_strdup (c->remote_won ? _("Restored with the changes made at the other station")
                                              : _("Kept with the changes made here"));
      c->lost_value = g_strdup (c->remote_won ? _("Deleted here") : _("Deleted at the other station"));
      break;
    case BB_SYNC_CONFLICT_IN_USE:
    default:
      c->kept_value = g_strdup (_("Kept: records here still use it"));
      c->lost_value = g_strdup (_("Deleted at the other station"));
      break;
    }
}

GPtrArray *
bb_sync_list_conflicts (BbStore   *store,
                        gboolean   all,
                        GError   **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_sync_conflict_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) here = NULL;
  g_autoptr(BbSyncSchema) schema = NULL;
  g_autofree char *here_name = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  schema = bb_sync_schema_load (bb_store_get_db (store), error);
  if (schema == NULL)
    return NULL;
  here_name = bb_store_dup_station_name (store);
  stmt = bb_store_prepare (store,
    "SELECT c.id, c.kind, c.state, c.tbl, c.row_id, c.col, c.label, c.local_value, c.remote_value, c.remote_won,"
    " c.local_at, c.remote_at, c.detected_at,"
    " coalesce ((SELECT name FROM station WHERE id = c.from_station), (SELECT name FROM sync_peer"
    "   WHERE station_id = c.from_station), c.from_station)"
    " FROM sync_conflict AS c WHERE ?1 OR c.state = 'open' ORDER BY c.detected_at DESC, c.label", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, all ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbSyncConflict *c = g_new0 (BbSyncConflict, 1);
      const char *state = (const char *) sqlite3_column_text (stmt, 2);
      const BbSyncTable *t;

      c->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 1));
      c->state = g_strcmp0 (state, "accepted") == 0 ? BB_SYNC_CONFLICT_ACCEPTED
               : g_strcmp0 (state, "reversed") == 0 ? BB_SYNC_CONFLICT_REVERSED : BB_SYNC_CONFLICT_OPEN;
      c->table = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      c->column = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      c->record_label = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      c->remote_won = sqlite3_column_int (stmt, 9) != 0;
      c->here_at = sqlite3_column_int64 (stmt, 10);
      c->there_at = sqlite3_column_int64 (stmt, 11);
      c->detected_at = sqlite3_column_int64 (stmt, 12);
      c->here_name = g_strdup (here_name);
      c->there_name = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
      t = bb_sync_schema_lookup (schema, c->table);
      if (c->column != NULL)
        {
          const BbField *f = t != NULL && t->record_type != NULL ? bb_record_type_find_field (t->record_type, c->column)
                                                                 : NULL;

          c->field_label = g_strdup (f != NULL ? _(f->label) : c->column);
        }
      fill_values (c, (const char *) sqlite3_column_text (stmt, 7), (const char *) sqlite3_column_text (stmt, 8));
      if (c->state == BB_SYNC_CONFLICT_OPEN && c->kind != BB_SYNC_CONFLICT_IN_USE && t != NULL)
        {
          /* A value goes back into a record that is there; a record comes
           * back where it is not. */
          gboolean exists = record_exists (store, t, c->row_id);

          c->reversible = (c->kind == BB_SYNC_CONFLICT_FIELD || c->kind == BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE)
                          ? exists : !exists;
        }
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the conflicts"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gint64
bb_sync_count_open_conflicts (BbStore  *store,
                              GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), -1);

  stmt = bb_store_prepare (store, "SELECT count(*) FROM sync_conflict WHERE state = 'open'", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Reading the conflicts"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Settling -------------------------------------------------------------------- */

static gboolean
set_state (BbStore     *store,
           const char  *id,
           const char  *state,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "UPDATE sync_conflict SET state = ?2, resolved_at = ?3"
                                                          " WHERE id = ?1 AND state = 'open'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, bb_store_now_us ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Settling the conflict"));
      return FALSE;
    }
  if (sqlite3_changes (bb_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                           _("This conflict was already settled"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_sync_accept_conflict (BbStore     *store,
                         const char  *conflict_id,
                         GError     **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (!bb_store_begin (store, error))
    return FALSE;
  if (!set_state (store, conflict_id, "accepted", error))
    {
      bb_store_rollback (store);
      return FALSE;
    }
  return bb_store_commit (store, error);
}

/* The field gets the value that lost, as a change made here now. */
static gboolean
reverse_field (BbStore           *store,
               const BbSyncTable *t,
               const char        *row_id,
               const char        *column,
               const char        *value_json,
               GError           **error)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n = (int) t->n_pk + 1;

  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?%d%s WHERE %s", t->name, column, n,
                         t->updated_column >= 0 ? ", updated_at = bb_now_us ()" : "", where);
  stmt = bb_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (t->n_pk == 1)
    sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  else
    {
      g_auto(GStrv) parts = g_strsplit (row_id, "/", (int) t->n_pk);

      for (guint k = 0; k < t->n_pk && parts[k] != NULL; k++)
        sqlite3_bind_text (stmt, (int) k + 1, parts[k], -1, SQLITE_TRANSIENT);
    }
  if (!bb_sync_bind_json (stmt, n, value_json))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("The value kept for this conflict cannot be read"));
      return FALSE;
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Taking the other value"));
      return FALSE;
    }
  if (sqlite3_changes (bb_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists, so its value cannot be changed back"));
      return FALSE;
    }
  return TRUE;
}

/* The record comes back as it was, as a change made here now: newer than
 * the deletion, so it comes back everywhere. */
static gboolean
restore_record (BbStore           *store,
                const BbSyncTable *t,
                const char        *row_id,
                const char        *row_json,
                GError           **error)
{
  g_autoptr(JsonNode) node = parse (row_json);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  int n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The record kept for this conflict cannot be read"));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  g_string_append_printf (sql, "INSERT INTO \"%s\" (", t->name);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (bb_sync_table_find_column (t, l->data) < 0)
        continue;
      g_string_append_printf (sql, "%s\"%s\"", n > 0 ? ", " : "", (char *) l->data);
      g_string_append_printf (params, "%s?%d", n > 0 ? ", " : "", n + 1);
      n++;
    }
  g_string_append_printf (sql, ") VALUES (%s)", params->str);
  stmt = bb_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  n = 1;
  for (GList *l = members; l != NULL; l = l->next)
    if (bb_sync_table_find_column (t, l->data) >= 0)
      bind_node (stmt, n++, json_object_get_member (object, l->data));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Restoring the record"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bb_store_prepare (store,
    "INSERT INTO sync_row (tbl, row_id, at, station, alive) VALUES (?1, ?2, bb_sync_tick (), bb_sync_station (), 1)"
    " ON CONFLICT (tbl, row_id) DO UPDATE SET at = excluded.at, station = excluded.station, alive = 1, known_at = NULL",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Restoring the record"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_again (BbStore           *store,
              const BbSyncTable *t,
              const char        *row_id,
              GError           **error)
{
  g_autofree char *where = bb_sync_table_key_where (t);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE %s", t->name, where);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (t->n_pk == 1)
    sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  else
    {
      g_auto(GStrv) parts = g_strsplit (row_id, "/", (int) t->n_pk);

      for (guint k = 0; k < t->n_pk && parts[k] != NULL; k++)
        sqlite3_bind_text (stmt, (int) k + 1, parts[k], -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Deleting the record"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_sync_reverse_conflict (BbStore     *store,
                          const char  *conflict_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BbSyncSchema) schema = NULL;
  g_autofree char *table = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *column = NULL;
  g_autofree char *local_json = NULL;
  g_autofree char *remote_json = NULL;
  const BbSyncTable *t;
  BbSyncConflictKind kind;
  gboolean remote_won, ok = FALSE;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (!bb_store_begin (store, error))
    return FALSE;
  schema = bb_sync_schema_load (bb_store_get_db (store), error);
  if (schema == NULL)
    goto out;
  stmt = bb_store_prepare (store, "SELECT tbl, row_id, col, kind, local_value, remote_value, remote_won"
                                  " FROM sync_conflict WHERE id = ?1 AND state = 'open'", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND, _("This conflict was already settled"));
      goto out;
    }
  table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  column = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 3));
  local_json = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  remote_json = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  remote_won = sqlite3_column_int (stmt, 6) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  t = bb_sync_schema_lookup (schema, table);
  if (t == NULL)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("The station has no table “%s”"), table);
      goto out;
    }

  switch (kind)
    {
    case BB_SYNC_CONFLICT_FIELD:
      ok = column != NULL && reverse_field (store, t, row_id, column, remote_won ? local_json : remote_json, error);
      break;
    case BB_SYNC_CONFLICT_DELETED_THERE:
      ok = restore_record (store, t, row_id, local_json, error);
      break;
    case BB_SYNC_CONFLICT_DELETED_HERE:
      ok = remote_json != NULL ? restore_record (store, t, row_id, remote_json, error)
                               : (g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                                                       _("This record cannot be brought back: its values were not kept")), FALSE);
      break;
    case BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE:
      ok = delete_again (store, t, row_id, error);
      break;
    case BB_SYNC_CONFLICT_IN_USE:
    default:
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("This record is still used here, so it cannot be deleted"));
      break;
    }
  if (ok)
    ok = set_state (store, conflict_id, "reversed", error);

out:
  if (ok)
    return bb_store_commit (store, error);
  bb_store_rollback (store);
  return FALSE;
}
