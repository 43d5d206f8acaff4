/* bb-store-records.c: create, read, update and delete for every kind of record */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-store-private.h"

#define MEMBER(record, field, ctype) (*(ctype *) ((guint8 *) (record) + (field)->offset))

/* Columns and values ---------------------------------------------------- */

char *
bb_store_record_columns (const BbRecordType *type,
                         const char         *table_alias)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  const char *prefix = table_alias ? table_alias : "";
  const char *dot = table_alias ? "." : "";

  g_string_append_printf (cols, "%s%sid, ", prefix, dot);
  if (!type->is_station)
    g_string_append_printf (cols, "%s%sstation_id, ", prefix, dot);
  g_string_append_printf (cols, "%s%screated_at, %s%supdated_at", prefix, dot, prefix, dot);
  for (guint i = 0; i < type->n_fields; i++)
    g_string_append_printf (cols, ", %s%s%s", prefix, dot, type->fields[i].name);
  return g_string_free (g_steal_pointer (&cols), FALSE);
}

static void
read_answers (BbStore          *self,
              BbSurveyResponse *response)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bb_store_prepare (self,
                           "SELECT a.question_id, a.value FROM survey_answer a"
                           " LEFT JOIN question q ON q.id = a.question_id"
                           " WHERE a.response_id = ?1 ORDER BY q.sort_order, q.code", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, response->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    bb_survey_response_add_answer (response,
                                   (const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1));
}

gpointer
bb_store_record_read (BbStore            *self,
                      const BbRecordType *type,
                      sqlite3_stmt       *stmt,
                      int                 col)
{
  BbRecord *record = bb_record_new (type);

  record->id = g_strdup ((const char *) sqlite3_column_text (stmt, col++));
  if (!type->is_station)
    record->station_id = g_strdup ((const char *) sqlite3_column_text (stmt, col++));
  else
    record->station_id = g_strdup (record->id);
  record->created_at = sqlite3_column_int64 (stmt, col++);
  record->updated_at = sqlite3_column_int64 (stmt, col++);

  for (guint i = 0; i < type->n_fields; i++, col++)
    {
      const BbField *f = &type->fields[i];
      gboolean is_null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

      switch (f->kind)
        {
        case BB_FIELD_STRING:
        case BB_FIELD_STRING_OPT:
          g_free (MEMBER (record, f, char *));
          MEMBER (record, f, char *) =
            is_null ? (f->kind == BB_FIELD_STRING ? g_strdup ("") : NULL)
                    : g_strdup ((const char *) sqlite3_column_text (stmt, col));
          break;
        case BB_FIELD_INT:
          MEMBER (record, f, int) = sqlite3_column_int (stmt, col);
          break;
        case BB_FIELD_INT_OPT:
          MEMBER (record, f, int) = is_null ? BB_UNSET_INT : sqlite3_column_int (stmt, col);
          break;
        case BB_FIELD_INT64:
          MEMBER (record, f, gint64) = sqlite3_column_int64 (stmt, col);
          break;
        case BB_FIELD_INT64_OPT:
          MEMBER (record, f, gint64) = is_null ? BB_UNSET_TIME : sqlite3_column_int64 (stmt, col);
          break;
        case BB_FIELD_DOUBLE:
          MEMBER (record, f, double) = sqlite3_column_double (stmt, col);
          break;
        case BB_FIELD_DOUBLE_OPT:
          MEMBER (record, f, double) = is_null ? NAN : sqlite3_column_double (stmt, col);
          break;
        case BB_FIELD_BOOL:
          MEMBER (record, f, gboolean) = sqlite3_column_int (stmt, col) != 0;
          break;
        case BB_FIELD_BYTES:
          if (!is_null)
            MEMBER (record, f, GBytes *) = g_bytes_new (sqlite3_column_blob (stmt, col),
                                                        sqlite3_column_bytes (stmt, col));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (type == &bb_survey_response_record)
    read_answers (self, (BbSurveyResponse *) record);
  return record;
}

static void
bind_field (sqlite3_stmt  *stmt,
            int            index,
            const BbField *f,
            gpointer       record)
{
  switch (f->kind)
    {
    case BB_FIELD_STRING:
      {
        const char *s = MEMBER (record, f, char *);
        sqlite3_bind_text (stmt, index, s ? s : "", -1, SQLITE_STATIC);
        break;
      }
    case BB_FIELD_STRING_OPT:
      {
        const char *s = MEMBER (record, f, char *);

        /* An empty reference is no reference. */
        if (s == NULL || (*s == '\0' && f->ref_table != NULL))
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, s, -1, SQLITE_STATIC);
        break;
      }
    case BB_FIELD_INT:
      sqlite3_bind_int (stmt, index, MEMBER (record, f, int));
      break;
    case BB_FIELD_INT_OPT:
      if (MEMBER (record, f, int) == BB_UNSET_INT)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int (stmt, index, MEMBER (record, f, int));
      break;
    case BB_FIELD_INT64:
      sqlite3_bind_int64 (stmt, index, MEMBER (record, f, gint64));
      break;
    case BB_FIELD_INT64_OPT:
      if (MEMBER (record, f, gint64) == BB_UNSET_TIME)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, MEMBER (record, f, gint64));
      break;
    case BB_FIELD_DOUBLE:
      sqlite3_bind_double (stmt, index, MEMBER (record, f, double));
      break;
    case BB_FIELD_DOUBLE_OPT:
      if (isnan (MEMBER (record, f, double)))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, MEMBER (record, f, double));
      break;
    case BB_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, MEMBER (record, f, gboolean) ? 1 : 0);
      break;
    case BB_FIELD_BYTES:
      {
        GBytes *bytes = MEMBER (record, f, GBytes *);
        gsize size;
        gconstpointer data;

        if (bytes == NULL)
          {
            sqlite3_bind_null (stmt, index);
            break;
          }
        data = g_bytes_get_data (bytes, &size);
        sqlite3_bind_blob64 (stmt, index, data ? data : "", size, SQLITE_STATIC);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Checks and derived values before a write ------------------------------ */

static gboolean
validate (const BbRecordType  *type,
          gconstpointer        record,
          GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!bb_record_validate (type, record, &local_error))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_references (BbStore             *self,
                  const BbRecordType  *type,
                  gpointer             record,
                  GError             **error)
{
  for (guint i = 0; i < type->n_fields; i++)
    {
      const BbField *f = &type->fields[i];
      const char *value;
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (f->ref_table == NULL)
        continue;
      value = MEMBER (record, f, char *);
      if (value == NULL || *value == '\0')
        continue;

      /* Table and column names come from the record description. */
      sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1", f->ref_table,
                             f->ref_column ? f->ref_column : "id");
      stmt = bb_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          /* Translators: a field (e.g. "Category"), then the value given */
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("%s “%s” does not exist in this station"), _(f->label), value);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          bb_store_set_error_from_db (self, error, _("Checking the record"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Subcategories carry their parent's kind; there are only two levels. */
static gboolean
prepare_category (BbStore     *self,
                  BbCategory  *category,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (category->parent_id == NULL || *category->parent_id == '\0')
    return TRUE;

  if (category->id != NULL && g_str_equal (category->parent_id, category->id))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The category “%s” cannot be its own parent"), category->name);
      return FALSE;
    }

  stmt = bb_store_prepare (self, "SELECT kind, parent_id IS NOT NULL, name FROM category WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category->parent_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("%s “%s” does not exist in this station"), _("Parent category"), category->parent_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("“%s” is already a subcategory; categories have two levels only"),
                   (const char *) sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  g_free (category->kind);
  category->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (category->id != NULL)
    {
      g_autoptr(sqlite3_stmt) children = NULL;

      children = bb_store_prepare (self, "SELECT 1 FROM category WHERE parent_id = ?1 LIMIT 1", error);
      if (children == NULL)
        return FALSE;
      sqlite3_bind_text (children, 1, category->id, -1, SQLITE_STATIC);
      if (sqlite3_step (children) == SQLITE_ROW)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("“%s” has subcategories of its own and cannot become a subcategory"), category->name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
before_write (BbStore             *self,
              const BbRecordType  *type,
              gpointer             record,
              GError             **error)
{
  if (!check_references (self, type, record, error))
    return FALSE;

  if (type == &bb_district_record)
    return bb_store_district_compute_bbox (record, error);

  if (type == &bb_category_record)
    return prepare_category (self, record, error);

  if (type == &bb_incident_record)
    {
      BbIncident *incident = record;

      if (!incident->district_overridden && !isnan (incident->lat) && !isnan (incident->lon))
        {
          g_autoptr(GError) local_error = NULL;
          char *district_id = bb_store_district_at (self, incident->lon, incident->lat, &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_free (incident->district_id);
          incident->district_id = district_id;
        }
    }
  return TRUE;
}

static gboolean
after_write (BbStore             *self,
             const BbRecordType  *type,
             gpointer             record,
             gboolean             is_update,
             GError             **error)
{
  if (type == &bb_survey_response_record)
    {
      BbSurveyResponse *response = record;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (is_update)
        {
          stmt = bb_store_prepare (self, "DELETE FROM survey_answer WHERE response_id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, response->id, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              bb_store_set_error_from_db (self, error, _("Saving the answers"));
              return FALSE;
            }
          g_clear_pointer (&stmt, sqlite3_finalize);
        }

      stmt = bb_store_prepare (self,
                               "INSERT INTO survey_answer (response_id, question_id, value) VALUES (?1, ?2, ?3)",
                               error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < response->answers->len; i++)
        {
          const BbSurveyAnswer *a = g_ptr_array_index (response->answers, i);

          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, response->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, a->question_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, a->value, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              bb_store_set_error_from_db (self, error, _("Saving the answers"));
              return FALSE;
            }
        }
    }

  if (type == &bb_district_record)
    bb_store_districts_changed (self);

  if (type == &bb_category_record && is_update)
    {
      BbCategory *category = record;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = bb_store_prepare (self, "UPDATE category SET kind = ?2, updated_at = ?3"
                                     " WHERE parent_id = ?1 AND kind <> ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, category->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, category->kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, category->updated_at);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Saving the subcategories"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Generic CRUD -------------------------------------------------------- */

static gboolean
write_record (BbStore             *self,
              const BbRecordType  *type,
              gpointer             record,
              gboolean             is_update,
              GError             **error)
{
  BbRecord *head = record;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *what = NULL;
  int n = 1;

  what = g_strdup_printf (is_update ? _("Saving the %s") : _("Adding the %s"), g_dpgettext2 (NULL, "record", type->label));

  if (is_update)
    {
      g_string_append_printf (sql, "UPDATE \"%s\" SET updated_at = ?%d", type->table, n++);
      for (guint i = 0; i < type->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\" = ?%d", type->fields[i].name, n++);
      g_string_append_printf (sql, " WHERE id = ?%d", n);
    }
  else
    {
      g_autofree char *cols = bb_store_record_columns (type, NULL);
      guint n_values = type->n_fields + (type->is_station ? 3 : 4);

      g_string_append_printf (sql, "INSERT INTO \"%s\" (%s) VALUES (?1", type->table, cols);
      for (guint i = 2; i <= n_values; i++)
        g_string_append_printf (sql, ", ?%u", i);
      g_string_append_c (sql, ')');
    }

  stmt = bb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  n = 1;
  if (is_update)
    sqlite3_bind_int64 (stmt, n++, head->updated_at);
  else
    {
      sqlite3_bind_text (stmt, n++, head->id, -1, SQLITE_STATIC);
      if (!type->is_station)
        sqlite3_bind_text (stmt, n++, head->station_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, n++, head->created_at);
      sqlite3_bind_int64 (stmt, n++, head->updated_at);
    }
  for (guint i = 0; i < type->n_fields; i++)
    bind_field (stmt, n++, &type->fields[i], record);
  if (is_update)
    sqlite3_bind_text (stmt, n, head->id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, what);
      return FALSE;
    }
  if (is_update && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   _("%s failed: it is no longer in the station (it may have been deleted)"), what);
      return FALSE;
    }
  return after_write (self, type, record, is_update, error);
}

/* Validation, the values the store derives and the write itself, inside
 * the caller's transaction. */
static gboolean
write_in_transaction (BbStore             *self,
                      const BbRecordType  *type,
                      gpointer             record,
                      gboolean             is_update,
                      gint64               now,
                      GError             **error)
{
  BbRecord *head = record;
  g_autofree char *old_boundary = NULL;

  if (is_update && (head->id == NULL || *head->id == '\0'))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The %s cannot be saved: it was never added to the station"), g_dpgettext2 (NULL, "record", type->label));
      return FALSE;
    }
  if (!is_update && type->is_station)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("A station file holds one station; create a new file for another"));
      return FALSE;
    }
  if (!validate (type, record, error))
    return FALSE;

  /* A district's boundary that changes takes incidents in or out of it. */
  if (type == &bb_district_record)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (is_update)
        {
          stmt = bb_store_prepare (self, "SELECT boundary FROM district WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, head->id, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
            old_boundary = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }

  if (!is_update && (head->id == NULL || *head->id == '\0'))
    {
      g_free (head->id);
      head->id = bb_store_new_uuid ();
    }
  if (!is_update)
    {
      g_free (head->station_id);
      head->station_id = g_strdup (self->station_id);
      head->created_at = now;
    }
  if (type->is_station)
    {
      g_free (head->station_id);
      head->station_id = g_strdup (head->id);
    }
  head->updated_at = now;

  if (!before_write (self, type, record, error)
      || !write_record (self, type, record, is_update, error))
    return FALSE;
  if (type == &bb_district_record)
    {
      const BbDistrict *district = record;

      if (g_strcmp0 (old_boundary, district->boundary) != 0
          && !bb_store_districts_reassign (self, district->id, district, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_write_in_transaction (BbStore             *self,
                               const BbRecordType  *type,
                               gpointer             record,
                               gboolean             is_update,
                               GError             **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  return write_in_transaction (self, type, record, is_update, bb_store_now_us (), error);
}

static gboolean
insert_or_update (BbStore             *self,
                  const BbRecordType  *type,
                  gpointer             record,
                  gboolean             is_update,
                  GError             **error)
{
  BbRecord *head = record;
  gpointer before;
  gint64 now = bb_store_now_us ();

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  /* Refused before a transaction is begun, so that a refusal costs nothing. */
  if (is_update && (head->id == NULL || *head->id == '\0'))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The %s cannot be saved: it was never added to the station"), _(type->label));
      return FALSE;
    }
  if (!validate (type, record, error))
    return FALSE;

  if (!bb_store_begin (self, error))
    return FALSE;

  /* Derived values (id, district, bounding box, kind) are put back on
   * failure too: the caller's record stays as it was. */
  before = bb_record_copy (type, record);
  if (!write_in_transaction (self, type, record, is_update, now, error)
      || !bb_store_commit (self, error))
    {
      gpointer changed = g_malloc (type->size);

      bb_store_rollback (self);
      /* Shapes read inside the transaction are not the station's. */
      if (type == &bb_district_record)
        bb_store_districts_changed (self);
      /* Swap the untouched copy's contents back into the caller's record. */
      memcpy (changed, record, type->size);
      memcpy (record, before, type->size);
      memcpy (before, changed, type->size);
      g_free (changed);
      bb_record_free (type, before);
      return FALSE;
    }
  bb_record_free (type, before);
  return TRUE;
}

gboolean
bb_store_insert (BbStore             *self,
                 const BbRecordType  *type,
                 gpointer             record,
                 GError             **error)
{
  return insert_or_update (self, type, record, FALSE, error);
}

gboolean
bb_store_update (BbStore             *self,
                 const BbRecordType  *type,
                 gpointer             record,
                 GError             **error)
{
  return insert_or_update (self, type, record, TRUE, error);
}

static gboolean
delete_row (BbStore             *self,
            const BbRecordType  *type,
            const char          *id,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  if (type->is_station)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The station itself cannot be deleted"));
      return FALSE;
    }

  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?1", type->table);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT,
                     _("The %s cannot be deleted while other records refer to it"), g_dpgettext2 (NULL, "record", type->label));
      else
        {
          g_autofree char *what = g_strdup_printf (_("Deleting the %s"), g_dpgettext2 (NULL, "record", type->label));
          bb_store_set_error_from_db (self, error, what);
        }
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   _("The %s “%s” is not in the station (it may have been deleted already)"),
                   g_dpgettext2 (NULL, "record", type->label), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_store_delete_in_transaction (BbStore             *self,
                                const BbRecordType  *type,
                                const char          *id,
                                GError             **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  return delete_row (self, type, id, error);
}

gboolean
bb_store_delete (BbStore             *self,
                 const BbRecordType  *type,
                 const char          *id,
                 GError             **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (type->is_station)
    return delete_row (self, type, id, error);

  if (!bb_store_begin (self, error))
    return FALSE;
  if (!delete_row (self, type, id, error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  if (!bb_store_commit (self, error))
    {
      /* Deferred links (officer ⇄ district) are checked at commit. */
      if (g_error_matches (*error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT))
        {
          g_clear_error (error);
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT,
                       _("The %s cannot be deleted while other records refer to it"), g_dpgettext2 (NULL, "record", type->label));
        }
      return FALSE;
    }
  return TRUE;
}

gpointer
bb_store_get (BbStore             *self,
              const BbRecordType  *type,
              const char          *id,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  cols = bb_store_record_columns (type, NULL);
  sql = g_strdup_printf ("SELECT %s FROM \"%s\" WHERE id = ?1", cols, type->table);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return bb_store_record_read (self, type, stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                 _("The %s “%s” is not in the station (it may have been deleted)"), g_dpgettext2 (NULL, "record", type->label), id);
  else
    {
      g_autofree char *what = g_strdup_printf (_("Reading the %s"), g_dpgettext2 (NULL, "record", type->label));
      bb_store_set_error_from_db (self, error, what);
    }
  return NULL;
}

static GPtrArray *
list_where (BbStore             *self,
            const BbRecordType  *type,
            const char          *where,
            const char          *param,
            gint64               num1,
            gint64               num2,
            GError             **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  cols = bb_store_record_columns (type, NULL);
  sql = g_strdup_printf ("SELECT %s FROM \"%s\"%s%s ORDER BY %s", cols, type->table,
                         where ? " WHERE " : "", where ? where : "", type->order_by);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_STATIC);
  else if (where != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, num1);
      sqlite3_bind_int64 (stmt, 2, num2);
    }

  records = g_ptr_array_new_with_free_func (type->free_func);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, bb_store_record_read (self, type, stmt, 0));
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Reading the %s list"), g_dpgettext2 (NULL, "record", type->label));
      bb_store_set_error_from_db (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
bb_store_list (BbStore             *self,
               const BbRecordType  *type,
               const char          *parent_id,
               GError             **error)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (parent_id == NULL || type->parent_column != NULL, NULL);

  if (parent_id != NULL)
    where = g_strdup_printf ("\"%s\" = ?1", type->parent_column);
  return list_where (self, type, where, parent_id, 0, 0, error);
}

GPtrArray *
bb_store_list_by_stations (BbStore             *self,
                           const BbRecordType  *type,
                           const char * const  *station_ids,
                           GError             **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (station_ids == NULL || station_ids[0] == NULL)
    return bb_store_list (self, type, NULL, error);
  json = bb_store_strv_to_json (station_ids);
  return list_where (self, type, type->is_station ? "id IN (SELECT value FROM json_each (?1))"
                                                  : "station_id IN (SELECT value FROM json_each (?1))",
                     json, 0, 0, error);
}

/* Typed calls ------------------------------------------------------------ */

#define DEFINE_CRUD(TypeName, name)                                           \
  gboolean bb_store_##name##_insert (BbStore *self, TypeName *record, GError **error) \
  { return bb_store_insert (self, &bb_##name##_record, record, error); }      \
  gboolean bb_store_##name##_update (BbStore *self, TypeName *record, GError **error) \
  { return bb_store_update (self, &bb_##name##_record, record, error); }      \
  gboolean bb_store_##name##_delete (BbStore *self, const char *id, GError **error) \
  { return bb_store_delete (self, &bb_##name##_record, id, error); }          \
  TypeName *bb_store_##name##_get (BbStore *self, const char *id, GError **error) \
  { return bb_store_get (self, &bb_##name##_record, id, error); }

#define DEFINE_LIST(name)                                                     \
  GPtrArray *bb_store_##name##_list (BbStore *self, GError **error)           \
  { return bb_store_list (self, &bb_##name##_record, NULL, error); }

#define DEFINE_CHILD_LIST(name, parent)                                       \
  GPtrArray *bb_store_##name##_list (BbStore *self, const char *parent, GError **error) \
  { return bb_store_list (self, &bb_##name##_record, parent, error); }

DEFINE_CRUD (BbDistrict, district)
DEFINE_CRUD (BbOfficer, officer)
DEFINE_CRUD (BbPartner, partner)
DEFINE_CRUD (BbAdvisoryMember, advisory_member)
DEFINE_CRUD (BbCategory, category)
DEFINE_CRUD (BbIncident, incident)
DEFINE_CRUD (BbProblem, problem)
DEFINE_CRUD (BbResponse, response)
DEFINE_CRUD (BbTask, task)
DEFINE_CRUD (BbPlan, plan)
DEFINE_CRUD (BbObjective, objective)
DEFINE_CRUD (BbIndicator, indicator)
DEFINE_CRUD (BbPlanReview, plan_review)
DEFINE_CRUD (BbEvent, event)
DEFINE_CRUD (BbEventAttendee, event_attendee)
DEFINE_CRUD (BbConcern, concern)
DEFINE_CRUD (BbQuestionnaire, questionnaire)
DEFINE_CRUD (BbQuestion, question)
DEFINE_CRUD (BbSurvey, survey)
DEFINE_CRUD (BbSurveyResponse, survey_response)
DEFINE_CRUD (BbDocument, document)
DEFINE_CRUD (BbGeoLayer, geo_layer)
DEFINE_CRUD (BbSurveyAggregate, survey_aggregate)
DEFINE_CRUD (BbOfficerArea, officer_area)

DEFINE_LIST (district)
DEFINE_LIST (officer)
DEFINE_LIST (partner)
DEFINE_CHILD_LIST (advisory_member, district_id)
DEFINE_LIST (category)
DEFINE_LIST (problem)
DEFINE_CHILD_LIST (response, problem_id)
DEFINE_LIST (task)
DEFINE_LIST (plan)
DEFINE_CHILD_LIST (objective, plan_id)
DEFINE_CHILD_LIST (indicator, objective_id)
DEFINE_CHILD_LIST (plan_review, plan_id)
DEFINE_CHILD_LIST (event_attendee, event_id)
DEFINE_CHILD_LIST (concern, event_id)
DEFINE_LIST (questionnaire)
DEFINE_CHILD_LIST (question, questionnaire_id)
DEFINE_LIST (survey)
DEFINE_CHILD_LIST (survey_response, survey_id)
DEFINE_LIST (document)
DEFINE_LIST (geo_layer)
DEFINE_LIST (survey_aggregate)
DEFINE_CHILD_LIST (officer_area, officer_id)

GPtrArray *
bb_store_event_list (BbStore  *self,
                     gint64    start,
                     gint64    end,
                     GError  **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  /* Repeating events are listed whatever the range: their occurrences are
   * worked out from the rule by the calendar. */
  return list_where (self, &bb_event_record,
                     "(end_at >= ?1 AND start_at < ?2) OR (rrule IS NOT NULL AND start_at < ?2)",
                     NULL, start, end, error);
}

BbCategory *
bb_store_category_get_by_code (BbStore     *self,
                               const char  *code,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  cols = bb_store_record_columns (&bb_category_record, NULL);
  sql = g_strdup_printf ("SELECT %s FROM category WHERE code = ?1", cols);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return bb_store_record_read (self, &bb_category_record, stmt, 0);
  g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
               _("The station has no category with the code “%s”"), code);
  return NULL;
}
