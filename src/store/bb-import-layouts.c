/* bb-import-layouts.c: the layouts an import knows by their header (police.uk, the TYPE … X, Y layout, Beatbook's own), the names of columns and the category values of those layouts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"


#include <glib/gi18n.h>

#include "bb-import-private.h"

G_DEFINE_QUARK (bb-import-error-quark, bb_import_error)

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

char *
bb_import_column_key (const char *name)
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
      g_autofree char *key = bb_import_column_key (g_ptr_array_index (columns, i));

      if (!g_str_equal (key, rules[i].column))
        return FALSE;
    }
  return TRUE;
}

static BbImportField
field_by_name (const char *name)
{
  g_autofree char *key = bb_import_column_key (name);

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

BbImportFormat
bb_import_detect_format (GPtrArray *columns,
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

/* The Beatbook category code for a category value of a known layout
 * (@key in lower case), or NULL. */
const char *
bb_import_known_category (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_categories); i++)
    if (g_str_equal (key, known_categories[i].value))
      return known_categories[i].code;
  return NULL;
}
