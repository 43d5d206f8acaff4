/* bb-import-source.c: rows of a CSV/TSV file or of GeoJSON point features, as strings by column */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-source"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bb-csv-reader.h"
#include "bb-import-private.h"
#include "bb-json.h"

struct _BbImportSource
{
  char        *display_name;
  GPtrArray   *columns;
  /* CSV */
  BbCsvReader *csv;
  /* GeoJSON */
  JsonParser  *parser;
  JsonArray   *features;
  guint        next_feature;
  GPtrArray   *row;          /* char * by column */
  JsonNode    *geometry;
  char        *crs;
};

static gboolean
looks_like_geojson (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  char head[64] = { 0 };
  FILE *file;
  gsize n;

  if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
    return TRUE;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head - 1, file);
  fclose (file);
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isspace (head[i]) || (guchar) head[i] == 0xEF || (guchar) head[i] == 0xBB || (guchar) head[i] == 0xBF)
        continue;
      return head[i] == '{';
    }
  return FALSE;
}

static char *
crs_of (JsonObject *root)
{
  JsonObject *crs, *properties;

  if (!json_object_has_member (root, "crs") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "crs")))
    return NULL;
  crs = json_object_get_object_member (root, "crs");
  if (!json_object_has_member (crs, "properties") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (crs, "properties")))
    return NULL;
  properties = json_object_get_object_member (crs, "properties");
  if (json_object_has_member (properties, "name"))
    return g_strdup (bb_json_get_string (properties, "name", NULL));
  if (json_object_has_member (properties, "code"))
    return g_strdup_printf ("EPSG:%" G_GINT64_FORMAT, bb_json_get_int (properties, "code", 0));
  return NULL;
}

static BbImportSource *
open_geojson (const char  *path,
              GError     **error)
{
  g_autoptr(BbImportSource) source = g_new0 (BbImportSource, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *root;
  JsonObject *object;
  const char *type;

  source->display_name = g_filename_display_basename (path);
  source->columns = g_ptr_array_new_with_free_func (g_free);
  source->row = g_ptr_array_new_with_free_func (g_free);
  source->parser = json_parser_new_immutable ();
  if (!json_parser_load_from_mapped_file (source->parser, path, &local_error))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoJSON file: %s"), source->display_name, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (source->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoJSON file: it does not hold an object"), source->display_name);
      return NULL;
    }
  object = json_node_get_object (root);
  type = bb_json_get_string (object, "type", "");
  if (g_strcmp0 (type, "FeatureCollection") != 0
      || !json_object_has_member (object, "features")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "features")))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT,
                   _("%s is not a GeoJSON feature collection"), source->display_name);
      return NULL;
    }
  source->crs = crs_of (object);
  source->features = json_object_get_array_member (object, "features");

  /* the columns: every property name, in the order first met */
  for (guint i = 0; i < json_array_get_length (source->features); i++)
    {
      JsonNode *node = json_array_get_element (source->features, i);
      JsonObject *feature, *properties;
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      feature = json_node_get_object (node);
      if (!json_object_has_member (feature, "properties")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        continue;
      properties = json_object_get_object_member (feature, "properties");
      names = json_object_get_members (properties);
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_hash_table_contains (seen, l->data))
          {
            g_hash_table_add (seen, l->data);
            g_ptr_array_add (source->columns, g_strdup (l->data));
          }
    }
  /* the feature's own id, as RFC 7946 places it */
  if (!g_hash_table_contains (seen, "id"))
    g_ptr_array_add (source->columns, g_strdup ("id"));
  return g_steal_pointer (&source);
}

BbImportSource *
bb_import_source_open (const char  *path,
                       const char  *encoding,
                       char         separator,
                       GError     **error)
{
  g_autoptr(BbImportSource) source = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (looks_like_geojson (path))
    return open_geojson (path, error);

  source = g_new0 (BbImportSource, 1);
  source->display_name = g_filename_display_basename (path);
  source->columns = g_ptr_array_new_with_free_func (g_free);
  source->csv = bb_csv_reader_new (path, encoding, separator, error);
  if (source->csv == NULL)
    return NULL;
  if (!bb_csv_reader_next (source->csv, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT, _("%s is empty"), source->display_name);
      return NULL;
    }
  for (guint i = 0; i < bb_csv_reader_get_n_fields (source->csv); i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (bb_csv_reader_get_field (source->csv, i)));

      if (name[0] == '\0')
        g_ptr_array_add (source->columns, g_strdup_printf (_("Column %u"), i + 1));
      else
        g_ptr_array_add (source->columns, g_steal_pointer (&name));
    }
  return g_steal_pointer (&source);
}

void
bb_import_source_free (BbImportSource *source)
{
  if (source == NULL)
    return;
  g_free (source->display_name);
  g_clear_pointer (&source->columns, g_ptr_array_unref);
  g_clear_pointer (&source->csv, bb_csv_reader_free);
  g_clear_object (&source->parser);
  g_clear_pointer (&source->row, g_ptr_array_unref);
  g_free (source->crs);
  g_free (source);
}

gboolean
bb_import_source_is_geojson (BbImportSource *source)
{
  return source->csv == NULL;
}

const char *
bb_import_source_get_display_name (BbImportSource *source)
{
  return source->display_name;
}

const char *
bb_import_source_get_encoding (BbImportSource *source)
{
  return source->csv != NULL ? bb_csv_reader_get_encoding (source->csv) : "UTF-8";
}

char
bb_import_source_get_separator (BbImportSource *source)
{
  return source->csv != NULL ? bb_csv_reader_get_separator (source->csv) : 0;
}

gboolean
bb_import_source_get_had_bom (BbImportSource *source)
{
  return source->csv != NULL && bb_csv_reader_get_had_bom (source->csv);
}

GPtrArray *
bb_import_source_get_columns (BbImportSource *source)
{
  return source->columns;
}

const char *
bb_import_source_get_crs (BbImportSource *source)
{
  return source->crs;
}

static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }
  return json_to_string (node, FALSE);
}

gboolean
bb_import_source_next (BbImportSource  *source,
                       GError         **error)
{
  JsonNode *node;
  JsonObject *feature;

  if (source->csv != NULL)
    return bb_csv_reader_next (source->csv, error);

  g_ptr_array_set_size (source->row, 0);
  source->geometry = NULL;
  if (source->next_feature >= json_array_get_length (source->features))
    return FALSE;
  node = json_array_get_element (source->features, source->next_feature++);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      for (guint i = 0; i < source->columns->len; i++)
        g_ptr_array_add (source->row, g_strdup (""));
      return TRUE;
    }
  feature = json_node_get_object (node);
  for (guint i = 0; i < source->columns->len; i++)
    {
      const char *name = g_ptr_array_index (source->columns, i);
      JsonNode *value = NULL;

      if (json_object_has_member (feature, "properties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        value = json_object_get_member (json_object_get_object_member (feature, "properties"), name);
      if (value == NULL && g_str_equal (name, "id"))
        value = json_object_get_member (feature, "id");
      g_ptr_array_add (source->row, node_to_text (value));
    }
  source->geometry = json_object_get_member (feature, "geometry");
  return TRUE;
}

guint
bb_import_source_get_n_values (BbImportSource *source)
{
  if (source->csv != NULL)
    return bb_csv_reader_get_n_fields (source->csv);
  return source->row->len;
}

const char *
bb_import_source_get (BbImportSource *source,
                      guint           column)
{
  if (source->csv != NULL)
    return bb_csv_reader_get_field (source->csv, column);
  return column < source->row->len ? g_ptr_array_index (source->row, column) : "";
}

guint64
bb_import_source_get_line (BbImportSource *source)
{
  if (source->csv != NULL)
    return bb_csv_reader_get_line (source->csv);
  return source->next_feature;
}

gboolean
bb_import_source_is_truncated (BbImportSource *source)
{
  return source->csv != NULL && bb_csv_reader_is_truncated (source->csv);
}

gboolean
bb_import_source_get_point (BbImportSource  *source,
                            double          *x,
                            double          *y,
                            const char     **problem)
{
  JsonObject *geometry;
  JsonArray *coordinates;
  const char *type;
  JsonNode *cnode, *position;

  *problem = NULL;
  if (source->geometry == NULL || !JSON_NODE_HOLDS_OBJECT (source->geometry))
    return FALSE;
  geometry = json_node_get_object (source->geometry);
  type = bb_json_get_string (geometry, "type", "");
  cnode = json_object_get_member (geometry, "coordinates");
  if (cnode == NULL || !JSON_NODE_HOLDS_ARRAY (cnode))
    {
      *problem = _("the geometry has no coordinates");
      return FALSE;
    }
  coordinates = json_node_get_array (cnode);
  if (g_str_equal (type, "MultiPoint") && json_array_get_length (coordinates) == 1
      && JSON_NODE_HOLDS_ARRAY (json_array_get_element (coordinates, 0)))
    position = json_array_get_element (coordinates, 0);
  else if (g_str_equal (type, "Point"))
    position = cnode;
  else
    {
      *problem = _("the geometry is not a point");
      return FALSE;
    }
  if (!bb_json_get_position (position, x, y))
    {
      *problem = _("the point’s coordinates are not numbers");
      return FALSE;
    }
  return TRUE;
}

double
bb_import_source_get_fraction (BbImportSource *source)
{
  guint n;

  if (source->csv != NULL)
    return bb_csv_reader_get_fraction (source->csv);
  n = json_array_get_length (source->features);
  return n == 0 ? 1.0 : (double) source->next_feature / n;
}
