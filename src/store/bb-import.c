/* bb-import.c: incidents from the files stations inherit: detection, mapping and preview */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-store-private.h"

G_DEFINE_FINAL_TYPE (BbImport, bb_import, G_TYPE_OBJECT)

/* The object -------------------------------------------------------------- */

static void
bb_import_finalize (GObject *object)
{
  BbImport *self = BB_IMPORT (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->encoding_choice);
  g_free (self->encoding);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->votes, g_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_free (self->crs);
  g_free (self->file_crs);
  g_free (self->source_name);
  g_clear_pointer (&self->category_map, g_hash_table_unref);
  g_clear_pointer (&self->chosen_values, g_hash_table_unref);
  g_clear_pointer (&self->remembered_categories, g_hash_table_unref);
  g_clear_pointer (&self->category_by_key, g_hash_table_unref);

  G_OBJECT_CLASS (bb_import_parent_class)->finalize (object);
}

static void
bb_import_class_init (BbImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_import_finalize;
}

static void
bb_import_init (BbImport *self)
{
  self->category_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chosen_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->remembered_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->category_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->missing_position = BB_IMPORT_POSITION_KEEP;
}

BbImport *
bb_import_new (BbStore    *store,
               const char *path)
{
  BbImport *self;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BB_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  return self;
}

const char *
bb_import_get_path (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->path;
}

BbStore *
bb_import_get_store (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->store;
}

void
bb_import_set_encoding (BbImport   *self,
                        const char *encoding)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  g_free (self->encoding_choice);
  self->encoding_choice = g_strdup (encoding);
}

void
bb_import_set_separator (BbImport *self,
                         char      separator)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  g_return_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t');
  self->separator_choice = separator;
}

/* The station's categories and memories ---------------------------------- */

gboolean
bb_import_load_station (BbImport  *self,
                        GError   **error)
{
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  categories = bb_store_category_list (self->store, error);
  if (categories == NULL)
    return FALSE;
  g_hash_table_remove_all (self->category_by_key);
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_replace (self->category_by_key, g_utf8_strdown (category->name, -1), g_strdup (category->id));
      g_hash_table_replace (self->category_by_key, g_utf8_strdown (_(category->name), -1), g_strdup (category->id));
    }
  /* codes last: they win over a name that happens to be a code */
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_replace (self->category_by_key, g_ascii_strdown (category->code, -1), g_strdup (category->id));
    }

  {
    BB_STORE_LOCK_SCOPE (self->store);

    stmt = bb_store_prepare (self->store, "SELECT value, category_id FROM import_category_map", error);
    if (stmt == NULL)
      return FALSE;
    g_hash_table_remove_all (self->remembered_categories);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_replace (self->remembered_categories,
                            g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                            g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    if (rc != SQLITE_DONE)
      {
        bb_store_set_error_from_db (self->store, error, _("Reading the remembered categories"));
        return FALSE;
      }
  }
  return TRUE;
}

const char *
bb_import_resolve_category (BbImport   *self,
                            const char *value)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;
  const char *id = NULL, *code;
  gpointer found;

  if (g_hash_table_lookup_extended (self->category_map, value, NULL, &found))
    return ((const char *) found)[0] != '\0' ? found : NULL;

  trimmed = g_strstrip (g_strdup (value));
  key = g_utf8_strdown (trimmed, -1);
  id = g_hash_table_lookup (self->remembered_categories, trimmed);
  if (id == NULL)
    id = g_hash_table_lookup (self->category_by_key, key);
  if (id == NULL && (code = bb_import_known_category (key)) != NULL)
    id = g_hash_table_lookup (self->category_by_key, code);
  g_hash_table_insert (self->category_map, g_strdup (value), g_strdup (id != NULL ? id : ""));
  return id;
}

static char *
header_key (BbImport *self)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *name = bb_import_column_key (g_ptr_array_index (self->columns, i));

      if (i > 0)
        g_string_append_c (key, '\x1f');
      g_string_append (key, name);
    }
  return g_string_free (key, FALSE);
}

static gboolean
load_mapping (BbImport  *self,
              GError   **error)
{
  BB_STORE_LOCK_SCOPE (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *key = header_key (self);
  int rc;

  stmt = bb_store_prepare (self->store,
                           "SELECT fields, crs, date_order, missing_position, source_name"
                           " FROM import_mapping WHERE header_key = ?1", error);
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
    return TRUE;   /* a memory that no longer fits: map afresh */
  for (guint i = 0; i < self->columns->len; i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (fields), i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      g_array_index (self->fields, BbImportField, i) = bb_import_field_from_string (name);
    }
  if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT && self->crs == NULL)
    self->crs = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_type (stmt, 2) == SQLITE_TEXT && !self->date_order_chosen)
    {
      self->date_order = g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "mdy")
                         ? BB_DATE_ORDER_MDY : BB_DATE_ORDER_DMY;
      self->date_order_chosen = TRUE;
    }
  self->missing_position = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "skip") == 0
                           ? BB_IMPORT_POSITION_SKIP : BB_IMPORT_POSITION_KEEP;
  if (sqlite3_column_type (stmt, 4) == SQLITE_TEXT)
    {
      g_free (self->source_name);
      self->source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  self->remembered = TRUE;
  return TRUE;
}

gboolean
bb_import_remember (BbImport  *self,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *key = header_key (self);
  GHashTableIter iter;
  gpointer value;
  gint64 now = bb_store_now_us ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->fields->len; i++)
    json_builder_add_string_value (builder, bb_import_field_to_string (g_array_index (self->fields, BbImportField, i)));
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  fields = json_to_string (node, FALSE);

  stmt = bb_store_prepare (self->store,
                           "INSERT INTO import_mapping (header_key, station_id, fields, crs, date_order,"
                           " missing_position, source_name, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
                           " ON CONFLICT (header_key) DO UPDATE SET fields = excluded.fields, crs = excluded.crs,"
                           " date_order = excluded.date_order, missing_position = excluded.missing_position,"
                           " source_name = excluded.source_name, updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bb_store_get_station_id (self->store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, fields, -1, SQLITE_STATIC);
  if (self->crs != NULL)
    sqlite3_bind_text (stmt, 4, self->crs, -1, SQLITE_STATIC);
  if (self->date_order != BB_DATE_ORDER_UNKNOWN)
    sqlite3_bind_text (stmt, 5, self->date_order == BB_DATE_ORDER_MDY ? "mdy" : "dmy", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, self->missing_position == BB_IMPORT_POSITION_SKIP ? "skip" : "keep", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self->store, error, _("Remembering the column mapping"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bb_store_prepare (self->store,
                           "INSERT INTO import_category_map (value, station_id, category_id, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?4)"
                           " ON CONFLICT (value) DO UPDATE SET category_id = excluded.category_id,"
                           " updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, self->chosen_values);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      const char *id = g_hash_table_lookup (self->category_map, value);

      if (id == NULL || id[0] == '\0')
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, bb_store_get_station_id (self->store), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self->store, error, _("Remembering the category mapping"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The preview ------------------------------------------------------------ */

static void
values_free (gpointer values)
{
  if (values != NULL)
    g_hash_table_unref (values);
}

int
bb_import_find_field (BbImport      *self,
                      BbImportField  field)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (g_array_index (self->fields, BbImportField, i) == field)
      return (int) i;
  return -1;
}

gboolean
bb_import_preview (BbImport      *self,
                   guint          n_rows,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(BbImportSource) source = NULL;
  GPtrArray *columns;
  guint64 rows = 0;

  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source = bb_import_source_open (self->path, self->encoding_choice, self->separator_choice, error);
  if (source == NULL)
    return FALSE;
  if (!bb_import_load_station (self, error))
    return FALSE;

  g_free (self->encoding);
  self->encoding = g_strdup (bb_import_source_get_encoding (source));
  self->separator = bb_import_source_get_separator (source);
  self->had_bom = bb_import_source_get_had_bom (source);
  g_free (self->file_crs);
  self->file_crs = g_strdup (bb_import_source_get_crs (source));

  columns = bb_import_source_get_columns (source);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (self->columns, g_strdup (g_ptr_array_index (columns, i)));
  g_clear_pointer (&self->fields, g_array_unref);
  self->fields = g_array_new (FALSE, TRUE, sizeof (BbImportField));
  g_array_set_size (self->fields, columns->len);
  g_clear_pointer (&self->votes, g_array_unref);
  self->votes = g_array_new (FALSE, TRUE, sizeof (BbDateOrderVote));
  g_array_set_size (self->votes, columns->len);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  self->values = g_ptr_array_new_with_free_func (values_free);
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (self->values, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  self->preview_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  bb_import_set_format (self, bb_import_detect_format (self->columns, bb_import_source_is_geojson (source)));
  self->remembered = FALSE;
  if (!load_mapping (self, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      guint n;

      if (!bb_import_source_next (source, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      rows++;
      if ((rows & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      n = MIN (bb_import_source_get_n_values (source), columns->len);
      if (self->preview_rows->len < n_rows)
        {
          char **row = g_new0 (char *, columns->len + 1);

          for (guint i = 0; i < columns->len; i++)
            row[i] = g_strdup (bb_import_source_get (source, i));
          g_ptr_array_add (self->preview_rows, row);
        }
      for (guint i = 0; i < n; i++)
        {
          GHashTable *values = g_ptr_array_index (self->values, i);
          const char *value = bb_import_source_get (source, i);
          gpointer count;

          bb_date_order_vote_add (&g_array_index (self->votes, BbDateOrderVote, i), value);
          if (values == NULL)
            continue;
          if (g_hash_table_lookup_extended (values, value, NULL, &count))
            g_hash_table_insert (values, g_strdup (value), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + 1));
          else if (g_hash_table_size (values) < BB_IMPORT_MAX_DISTINCT)
            g_hash_table_insert (values, g_strdup (value), GSIZE_TO_POINTER (1));
          else
            {
              /* too many different values to be categories */
              g_hash_table_unref (values);
              self->values->pdata[i] = NULL;
            }
        }
    }
  self->n_rows = rows;
  self->previewed = TRUE;

  if (!self->date_order_chosen)
    {
      int column = bb_import_find_field (self, BB_IMPORT_FIELD_DATE);

      self->date_order = column < 0 ? BB_DATE_ORDER_UNKNOWN
        : bb_date_order_vote_decide (&g_array_index (self->votes, BbDateOrderVote, column), NULL);
    }
  return TRUE;
}

/* What the preview found ------------------------------------------------- */

BbImportFormat
bb_import_get_format (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), BB_IMPORT_FORMAT_CSV);
  return self->format;
}

const char *
bb_import_get_encoding (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->encoding;
}

char
bb_import_get_separator (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), 0);
  return self->separator;
}

gboolean
bb_import_get_had_bom (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);
  return self->had_bom;
}

guint64
bb_import_get_n_rows (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), 0);
  return self->n_rows;
}

guint
bb_import_get_n_columns (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), 0);
  return self->columns != NULL ? self->columns->len : 0;
}

const char *
bb_import_get_column_name (BbImport *self,
                           guint     column)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  g_return_val_if_fail (self->columns != NULL && column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

GPtrArray *
bb_import_get_preview_rows (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->preview_rows;
}

gboolean
bb_import_get_mapping_remembered (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);
  return self->remembered;
}

BbImportField
bb_import_get_column_field (BbImport *self,
                            guint     column)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), BB_IMPORT_FIELD_IGNORE);
  g_return_val_if_fail (self->fields != NULL && column < self->fields->len, BB_IMPORT_FIELD_IGNORE);
  return g_array_index (self->fields, BbImportField, column);
}

void
bb_import_set_column_field (BbImport      *self,
                            guint          column,
                            BbImportField  field)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  g_return_if_fail (self->fields != NULL && column < self->fields->len);
  g_return_if_fail (field < BB_IMPORT_N_FIELDS);

  /* a field comes from one column */
  if (field != BB_IMPORT_FIELD_IGNORE)
    for (guint i = 0; i < self->fields->len; i++)
      if (g_array_index (self->fields, BbImportField, i) == field)
        g_array_index (self->fields, BbImportField, i) = BB_IMPORT_FIELD_IGNORE;
  g_array_index (self->fields, BbImportField, column) = field;
  if (field == BB_IMPORT_FIELD_DATE && !self->date_order_chosen && self->votes != NULL)
    self->date_order = bb_date_order_vote_decide (&g_array_index (self->votes, BbDateOrderVote, column), NULL);
}

BbDateOrder
bb_import_get_date_order (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), BB_DATE_ORDER_UNKNOWN);
  return self->date_order;
}

gboolean
bb_import_get_date_order_ambiguous (BbImport *self)
{
  int column;
  gboolean ambiguous = FALSE;

  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);

  if (self->date_order_chosen || self->votes == NULL)
    return FALSE;
  column = bb_import_find_field (self, BB_IMPORT_FIELD_DATE);
  if (column < 0)
    return FALSE;
  bb_date_order_vote_decide (&g_array_index (self->votes, BbDateOrderVote, column), &ambiguous);
  return ambiguous;
}

void
bb_import_set_date_order (BbImport    *self,
                          BbDateOrder  order)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  self->date_order = order;
  self->date_order_chosen = order != BB_DATE_ORDER_UNKNOWN;
}

gboolean
bb_import_set_crs (BbImport    *self,
                   const char  *crs,
                   GError     **error)
{
  g_autoptr(BbCrsTransform) transform = NULL;
  int epsg;

  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);

  if (crs == NULL)
    {
      g_clear_pointer (&self->crs, g_free);
      return TRUE;
    }
  transform = bb_crs_transform_new (crs, error);
  if (transform == NULL)
    return FALSE;
  epsg = bb_crs_parse_epsg (crs);
  g_free (self->crs);
  self->crs = g_strdup_printf ("EPSG:%d", epsg);
  return TRUE;
}

const char *
bb_import_get_crs (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->crs != NULL ? self->crs : self->file_crs;
}

gboolean
bb_import_get_needs_crs (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), FALSE);
  return self->fields != NULL && bb_import_get_crs (self) == NULL
         && (bb_import_find_field (self, BB_IMPORT_FIELD_X) >= 0 || bb_import_find_field (self, BB_IMPORT_FIELD_Y) >= 0);
}

void
bb_import_set_missing_position (BbImport                *self,
                                BbImportMissingPosition  choice)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  self->missing_position = choice;
}

BbImportMissingPosition
bb_import_get_missing_position (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), BB_IMPORT_POSITION_KEEP);
  return self->missing_position;
}

void
bb_import_set_source_name (BbImport   *self,
                           const char *name)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  g_return_if_fail (name != NULL && name[0] != '\0');
  g_free (self->source_name);
  self->source_name = g_strdup (name);
}

const char *
bb_import_get_source_name (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return self->source_name;
}

static GHashTable *
category_values (BbImport *self)
{
  int column = self->fields != NULL ? bb_import_find_field (self, BB_IMPORT_FIELD_CATEGORY) : -1;

  if (column < 0 || self->values == NULL)
    return NULL;
  return g_ptr_array_index (self->values, column);
}

static int
by_count_cb (gconstpointer a,
             gconstpointer b,
             gpointer      values)
{
  guint64 ca = GPOINTER_TO_SIZE (g_hash_table_lookup (values, *(const char **) a));
  guint64 cb = GPOINTER_TO_SIZE (g_hash_table_lookup (values, *(const char **) b));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static GStrv
dup_values (BbImport *self,
            gboolean  unmapped_only)
{
  GHashTable *values = category_values (self);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  if (values != NULL)
    {
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        {
          if (bb_import_value_is_missing (value))
            continue;
          if (unmapped_only && bb_import_resolve_category (self, value) != NULL)
            continue;
          g_ptr_array_add (list, g_strdup (value));
        }
      g_ptr_array_sort_with_data (list, by_count_cb, values);
    }
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

GStrv
bb_import_dup_category_values (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return dup_values (self, FALSE);
}

GStrv
bb_import_dup_unmapped_category_values (BbImport *self)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  return dup_values (self, TRUE);
}

guint64
bb_import_get_category_value_count (BbImport   *self,
                                    const char *value)
{
  GHashTable *values;

  g_return_val_if_fail (BB_IS_IMPORT (self), 0);
  values = category_values (self);
  return values != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (values, value)) : 0;
}

const char *
bb_import_get_category_for_value (BbImport   *self,
                                  const char *value)
{
  g_return_val_if_fail (BB_IS_IMPORT (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);
  return bb_import_resolve_category (self, value);
}

void
bb_import_set_category_for_value (BbImport   *self,
                                  const char *value,
                                  const char *category_id)
{
  g_return_if_fail (BB_IS_IMPORT (self));
  g_return_if_fail (value != NULL);

  g_hash_table_insert (self->category_map, g_strdup (value), g_strdup (category_id != NULL ? category_id : ""));
  g_hash_table_add (self->chosen_values, g_strdup (value));
}
