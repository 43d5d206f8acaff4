/* bb-import.c: incidents from the files stations inherit: detection, mapping and preview */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-store-private.h"

G_DEFINE_QUARK (bb-import-error-quark, bb_import_error)
G_DEFINE_FINAL_TYPE (BbImport, bb_import, G_TYPE_OBJECT)

/* Formats and fields ----------------------------------------------------- */

static const char * const format_names[] = {
  [BB_IMPORT_FORMAT_CSV] = "csv",
  [BB_IMPORT_FORMAT_POLICE_UK] = "police-uk",
  [BB_IMPORT_FORMAT_HUNDRED_BLOCK] = "hundred-block",
  [BB_IMPORT_FORMAT_BEATBOOK] = "beatbook",
  [BB_IMPORT_FORMAT_GEOJSON] = "geojson",
};

const char *
bb_import_format_to_string (BbImportFormat format)
{
  g_return_val_if_fail (format <= BB_IMPORT_FORMAT_GEOJSON, NULL);
  return format_names[format];
}

gboolean
bb_import_format_from_string (const char     *text,
                              BbImportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (text, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

static const struct {
  const char *name;
  const char *label;
} field_names[BB_IMPORT_N_FIELDS] = {
  [BB_IMPORT_FIELD_IGNORE] = { "ignore", N_("Not imported") },
  [BB_IMPORT_FIELD_EXTERNAL_ID] = { "external_id", N_("Source’s number") },
  [BB_IMPORT_FIELD_DATE] = { "date", N_("Date (and time)") },
  [BB_IMPORT_FIELD_TIME] = { "time", N_("Time of day") },
  [BB_IMPORT_FIELD_YEAR] = { "year", N_("Year") },
  [BB_IMPORT_FIELD_MONTH] = { "month", N_("Month") },
  [BB_IMPORT_FIELD_DAY] = { "day", N_("Day") },
  [BB_IMPORT_FIELD_HOUR] = { "hour", N_("Hour") },
  [BB_IMPORT_FIELD_MINUTE] = { "minute", N_("Minute") },
  [BB_IMPORT_FIELD_CATEGORY] = { "category", N_("Category") },
  [BB_IMPORT_FIELD_LONGITUDE] = { "longitude", N_("Longitude (WGS84)") },
  [BB_IMPORT_FIELD_LATITUDE] = { "latitude", N_("Latitude (WGS84)") },
  [BB_IMPORT_FIELD_X] = { "x", N_("X (projected)") },
  [BB_IMPORT_FIELD_Y] = { "y", N_("Y (projected)") },
  [BB_IMPORT_FIELD_ADDRESS] = { "address", N_("Address") },
  [BB_IMPORT_FIELD_DESCRIPTION] = { "description", N_("Description") },
  [BB_IMPORT_FIELD_STATUS] = { "status", N_("Status") },
  [BB_IMPORT_FIELD_REPORTED] = { "reported", N_("Reported") },
  [BB_IMPORT_FIELD_RESTRICTED] = { "restricted", N_("Restricted") },
};

const char *
bb_import_field_to_string (BbImportField field)
{
  g_return_val_if_fail (field < BB_IMPORT_N_FIELDS, NULL);
  return field_names[field].name;
}

BbImportField
bb_import_field_from_string (const char *text)
{
  for (guint i = 0; i < BB_IMPORT_N_FIELDS; i++)
    if (g_strcmp0 (text, field_names[i].name) == 0)
      return i;
  return BB_IMPORT_FIELD_IGNORE;
}

const char *
bb_import_field_get_label (BbImportField field)
{
  g_return_val_if_fail (field < BB_IMPORT_N_FIELDS, NULL);
  return _(field_names[field].label);
}

/* Layouts by their header ------------------------------------------------ */

typedef struct {
  const char    *column;
  BbImportField  field;
} ColumnRule;

static const ColumnRule police_uk_columns[] = {
  { "crime id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "month", BB_IMPORT_FIELD_DATE },
  { "reported by", BB_IMPORT_FIELD_IGNORE },
  { "falls within", BB_IMPORT_FIELD_IGNORE },
  { "longitude", BB_IMPORT_FIELD_LONGITUDE },
  { "latitude", BB_IMPORT_FIELD_LATITUDE },
  { "location", BB_IMPORT_FIELD_ADDRESS },
  { "lsoa code", BB_IMPORT_FIELD_IGNORE },
  { "lsoa name", BB_IMPORT_FIELD_IGNORE },
  { "crime type", BB_IMPORT_FIELD_CATEGORY },
  { "last outcome category", BB_IMPORT_FIELD_IGNORE },
  { "context", BB_IMPORT_FIELD_DESCRIPTION },
};

static const ColumnRule hundred_block_columns[] = {
  { "type", BB_IMPORT_FIELD_CATEGORY },
  { "year", BB_IMPORT_FIELD_YEAR },
  { "month", BB_IMPORT_FIELD_MONTH },
  { "day", BB_IMPORT_FIELD_DAY },
  { "hour", BB_IMPORT_FIELD_HOUR },
  { "minute", BB_IMPORT_FIELD_MINUTE },
  { "hundred_block", BB_IMPORT_FIELD_ADDRESS },
  { "neighbourhood", BB_IMPORT_FIELD_DESCRIPTION },
  { "x", BB_IMPORT_FIELD_X },
  { "y", BB_IMPORT_FIELD_Y },
};

static const ColumnRule beatbook_columns[] = {
  { "id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "datetime", BB_IMPORT_FIELD_DATE },
  { "category", BB_IMPORT_FIELD_CATEGORY },
  { "lon", BB_IMPORT_FIELD_LONGITUDE },
  { "lat", BB_IMPORT_FIELD_LATITUDE },
  { "address", BB_IMPORT_FIELD_ADDRESS },
  { "description", BB_IMPORT_FIELD_DESCRIPTION },
};

/* Column names of other tables, in the languages of the field. */
static const ColumnRule synonyms[] = {
  { "id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "crime id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "incident id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "number", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "external_id", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "номер", BB_IMPORT_FIELD_EXTERNAL_ID },
  { "date", BB_IMPORT_FIELD_DATE },
  { "datetime", BB_IMPORT_FIELD_DATE },
  { "date_time", BB_IMPORT_FIELD_DATE },
  { "occurred", BB_IMPORT_FIELD_DATE },
  { "start", BB_IMPORT_FIELD_DATE },
  { "дата", BB_IMPORT_FIELD_DATE },
  { "data", BB_IMPORT_FIELD_DATE },
  { "tarih", BB_IMPORT_FIELD_DATE },
  { "tarix", BB_IMPORT_FIELD_DATE },
  { "time", BB_IMPORT_FIELD_TIME },
  { "время", BB_IMPORT_FIELD_TIME },
  { "year", BB_IMPORT_FIELD_YEAR },
  { "month", BB_IMPORT_FIELD_MONTH },
  { "day", BB_IMPORT_FIELD_DAY },
  { "hour", BB_IMPORT_FIELD_HOUR },
  { "minute", BB_IMPORT_FIELD_MINUTE },
  { "category", BB_IMPORT_FIELD_CATEGORY },
  { "type", BB_IMPORT_FIELD_CATEGORY },
  { "crime type", BB_IMPORT_FIELD_CATEGORY },
  { "offence", BB_IMPORT_FIELD_CATEGORY },
  { "offense", BB_IMPORT_FIELD_CATEGORY },
  { "категория", BB_IMPORT_FIELD_CATEGORY },
  { "вид", BB_IMPORT_FIELD_CATEGORY },
  { "lon", BB_IMPORT_FIELD_LONGITUDE },
  { "lng", BB_IMPORT_FIELD_LONGITUDE },
  { "long", BB_IMPORT_FIELD_LONGITUDE },
  { "longitude", BB_IMPORT_FIELD_LONGITUDE },
  { "долгота", BB_IMPORT_FIELD_LONGITUDE },
  { "lat", BB_IMPORT_FIELD_LATITUDE },
  { "latitude", BB_IMPORT_FIELD_LATITUDE },
  { "широта", BB_IMPORT_FIELD_LATITUDE },
  { "x", BB_IMPORT_FIELD_X },
  { "easting", BB_IMPORT_FIELD_X },
  { "y", BB_IMPORT_FIELD_Y },
  { "northing", BB_IMPORT_FIELD_Y },
  { "address", BB_IMPORT_FIELD_ADDRESS },
  { "location", BB_IMPORT_FIELD_ADDRESS },
  { "street", BB_IMPORT_FIELD_ADDRESS },
  { "адрес", BB_IMPORT_FIELD_ADDRESS },
  { "adres", BB_IMPORT_FIELD_ADDRESS },
  { "adresa", BB_IMPORT_FIELD_ADDRESS },
  { "description", BB_IMPORT_FIELD_DESCRIPTION },
  { "details", BB_IMPORT_FIELD_DESCRIPTION },
  { "notes", BB_IMPORT_FIELD_DESCRIPTION },
  { "описание", BB_IMPORT_FIELD_DESCRIPTION },
  { "status", BB_IMPORT_FIELD_STATUS },
  { "reported", BB_IMPORT_FIELD_REPORTED },
  { "reported_at", BB_IMPORT_FIELD_REPORTED },
  { "restricted", BB_IMPORT_FIELD_RESTRICTED },
};

/* Values of the known formats and their Beatbook categories (codes of the
 * default taxonomy).  Values with no fitting category are left out: they
 * are asked about, not guessed. */
static const struct {
  const char *value;
  const char *code;
} known_categories[] = {
  /* data.police.uk */
  { "anti-social behaviour", "public_disorder" },
  { "bicycle theft", "theft.bicycle" },
  { "burglary", "burglary" },
  { "criminal damage and arson", "vandalism" },
  { "drugs", "drugs" },
  { "other theft", "theft" },
  { "public order", "public_disorder" },
  { "robbery", "robbery" },
  { "shoplifting", "theft.shop" },
  { "theft from the person", "theft.pickpocket" },
  { "vehicle crime", "theft.vehicle" },
  { "violence and sexual offences", "assault" },
  /* the TYPE … X, Y layout */
  { "break and enter commercial", "burglary.commercial" },
  { "break and enter residential/other", "burglary.residential" },
  { "mischief", "vandalism" },
  { "offence against a person", "assault" },
  { "theft from vehicle", "theft.vehicle" },
  { "theft of vehicle", "theft.vehicle" },
  { "theft of bicycle", "theft.bicycle" },
  { "vehicle collision or pedestrian struck (with injury)", "traffic.accident" },
  { "vehicle collision or pedestrian struck (with fatality)", "traffic.accident" },
};

static char *
column_key (const char *name)
{
  g_autofree char *down = g_utf8_strdown (name, -1);

  return g_strstrip (g_steal_pointer (&down));
}

static gboolean
header_matches (GPtrArray        *columns,
                const ColumnRule *rules,
                guint             n_rules,
                gboolean          prefix)
{
  if (prefix ? columns->len < n_rules : columns->len != n_rules)
    return FALSE;
  for (guint i = 0; i < n_rules; i++)
    {
      g_autofree char *key = column_key (g_ptr_array_index (columns, i));

      if (!g_str_equal (key, rules[i].column))
        return FALSE;
    }
  return TRUE;
}

static BbImportField
field_by_name (const char *name)
{
  g_autofree char *key = column_key (name);

  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (key, synonyms[i].column))
      return synonyms[i].field;
  return BB_IMPORT_FIELD_IGNORE;
}

static void
map_columns_by_name (BbImport *self)
{
  gboolean used[BB_IMPORT_N_FIELDS] = { FALSE };

  for (guint i = 0; i < self->columns->len; i++)
    {
      BbImportField field = field_by_name (g_ptr_array_index (self->columns, i));

      /* the first column of a kind wins */
      if (field != BB_IMPORT_FIELD_IGNORE && used[field])
        field = BB_IMPORT_FIELD_IGNORE;
      used[field] = TRUE;
      g_array_index (self->fields, BbImportField, i) = field;
    }
}

static void
apply_rules (BbImport         *self,
             const ColumnRule *rules,
             guint             n_rules)
{
  map_columns_by_name (self);
  for (guint i = 0; i < n_rules && i < self->columns->len; i++)
    g_array_index (self->fields, BbImportField, i) = rules[i].field;
}

static BbImportFormat
detect_format (GPtrArray *columns,
               gboolean   geojson)
{
  if (geojson)
    return BB_IMPORT_FORMAT_GEOJSON;
  if (header_matches (columns, police_uk_columns, G_N_ELEMENTS (police_uk_columns), FALSE))
    return BB_IMPORT_FORMAT_POLICE_UK;
  if (header_matches (columns, hundred_block_columns, G_N_ELEMENTS (hundred_block_columns), FALSE))
    return BB_IMPORT_FORMAT_HUNDRED_BLOCK;
  if (header_matches (columns, beatbook_columns, G_N_ELEMENTS (beatbook_columns), TRUE))
    return BB_IMPORT_FORMAT_BEATBOOK;
  return BB_IMPORT_FORMAT_CSV;
}

void
bb_import_set_format (BbImport       *self,
                      BbImportFormat  format)
{
  g_return_if_fail (BB_IS_IMPORT (self));

  self->format = format;
  if (self->columns == NULL)
    return;
  switch (format)
    {
    case BB_IMPORT_FORMAT_POLICE_UK:
      apply_rules (self, police_uk_columns, G_N_ELEMENTS (police_uk_columns));
      break;
    case BB_IMPORT_FORMAT_HUNDRED_BLOCK:
      apply_rules (self, hundred_block_columns, G_N_ELEMENTS (hundred_block_columns));
      break;
    case BB_IMPORT_FORMAT_BEATBOOK:
      apply_rules (self, beatbook_columns, G_N_ELEMENTS (beatbook_columns));
      break;
    case BB_IMPORT_FORMAT_CSV:
    case BB_IMPORT_FORMAT_GEOJSON:
    default:
      map_columns_by_name (self);
      break;
    }
  if (self->source_name == NULL || g_str_equal (self->source_name, "police.uk")
      || g_str_equal (self->source_name, "hundred-block") || g_str_equal (self->source_name, "beatbook")
      || g_str_equal (self->source_name, "csv") || g_str_equal (self->source_name, "geojson"))
    {
      g_free (self->source_name);
      self->source_name = g_strdup (format == BB_IMPORT_FORMAT_POLICE_UK ? "police.uk" : format_names[format]);
    }
}

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
  const char *id = NULL;
  gpointer found;

  if (g_hash_table_lookup_extended (self->category_map, value, NULL, &found))
    return ((const char *) found)[0] != '\0' ? found : NULL;

  trimmed = g_strstrip (g_strdup (value));
  key = g_utf8_strdown (trimmed, -1);
  id = g_hash_table_lookup (self->remembered_categories, trimmed);
  if (id == NULL)
    id = g_hash_table_lookup (self->category_by_key, key);
  if (id == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (known_categories); i++)
      if (g_str_equal (key, known_categories[i].value))
        {
          id = g_hash_table_lookup (self->category_by_key, known_categories[i].code);
          break;
        }
  g_hash_table_insert (self->category_map, g_strdup (value), g_strdup (id != NULL ? id : ""));
  return id;
}

static char *
header_key (BbImport *self)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *name = column_key (g_ptr_array_index (self->columns, i));

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

  bb_import_set_format (self, detect_format (self->columns, bb_import_source_is_geojson (source)));
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
