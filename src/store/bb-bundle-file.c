/* bb-bundle-file.c: the bundle's header: what a bundle says it holds, as JSON */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-bundle-private.h"
#include "bb-json.h"

/* A bundle file is
 *
 *   16 bytes   "BEATBOOK-BUNDLE\n"
 *    4 bytes   the format (big endian)
 *    4 bytes   the header's length H (big endian)
 *    H bytes   the header: JSON, UTF-8 (see bb_bundle_header_to_json)
 *    P bytes   the changes: an SQLite changeset, zlib-compressed
 *   32 bytes   SHA-256 of everything before
 *
 * The header names P and the SHA-256 of the compressed changes, so a
 * truncated file, one with bytes added and one changed anywhere are told
 * apart and refused before anything is applied. */

G_DEFINE_QUARK (bb-bundle-error-quark, bb_bundle_error)

/* The header ------------------------------------------------------------ */

static void
count_free (BbBundleCount *count)
{
  g_free (count->table);
  g_free (count);
}

BbBundleHeader *
bb_bundle_header_new (void)
{
  BbBundleHeader *header = g_new0 (BbBundleHeader, 1);

  header->format = BB_BUNDLE_FORMAT;
  header->schema = BB_STORE_SCHEMA_VERSION;
  header->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  header->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return header;
}

void
bb_bundle_header_free (BbBundleHeader *self)
{
  if (self == NULL)
    return;
  g_free (self->bundle_id);
  g_free (self->station_id);
  g_free (self->station_name);
  g_free (self->to_id);
  g_free (self->to_name);
  g_ptr_array_unref (self->counts);
  g_hash_table_unref (self->received);
  g_free (self->payload_sha256);
  g_free (self);
}

BbBundleHeader *
bb_bundle_header_copy (const BbBundleHeader *self)
{
  BbBundleHeader *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  /* The plain fields; the strings, counts and table are copied below. */
  copy = g_memdup2 (self, sizeof *self);
  copy->bundle_id = g_strdup (self->bundle_id);
  copy->station_id = g_strdup (self->station_id);
  copy->station_name = g_strdup (self->station_name);
  copy->to_id = g_strdup (self->to_id);
  copy->to_name = g_strdup (self->to_name);
  copy->payload_sha256 = g_strdup (self->payload_sha256);
  copy->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  for (guint i = 0; i < self->counts->len; i++)
    {
      const BbBundleCount *c = g_ptr_array_index (self->counts, i);
      BbBundleCount *d = bb_bundle_header_ensure_count (copy, c->table);

      d->records = c->records;
      d->deleted = c->deleted;
    }
  copy->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->received);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->received, g_strdup (key), g_memdup2 (value, sizeof (gint64)));
  return copy;
}

G_DEFINE_BOXED_TYPE (BbBundleHeader, bb_bundle_header, bb_bundle_header_copy, bb_bundle_header_free)

BbBundleCount *
bb_bundle_header_ensure_count (BbBundleHeader *header,
                               const char     *table)
{
  BbBundleCount *count;

  for (guint i = 0; i < header->counts->len; i++)
    {
      count = g_ptr_array_index (header->counts, i);
      if (g_str_equal (count->table, table))
        return count;
    }
  count = g_new0 (BbBundleCount, 1);
  count->table = g_strdup (table);
  g_ptr_array_add (header->counts, count);
  return count;
}

guint64
bb_bundle_header_count_records (const BbBundleHeader *self)
{
  guint64 n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->counts->len; i++)
    n += ((BbBundleCount *) g_ptr_array_index (self->counts, i))->records;
  return n;
}

guint64
bb_bundle_header_count_deleted (const BbBundleHeader *self)
{
  guint64 n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->counts->len; i++)
    n += ((BbBundleCount *) g_ptr_array_index (self->counts, i))->deleted;
  return n;
}

guint64
bb_bundle_header_get_records (const BbBundleHeader *self,
                              const char           *table)
{
  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->counts->len; i++)
    {
      const BbBundleCount *c = g_ptr_array_index (self->counts, i);

      if (g_str_equal (c->table, table))
        return c->records;
    }
  return 0;
}

static gboolean
header_has_table (const BbBundleHeader *header,
                  const char           *table)
{
  for (guint i = 0; i < header->counts->len; i++)
    if (g_str_equal (((BbBundleCount *) g_ptr_array_index (header->counts, i))->table, table))
      return TRUE;
  return FALSE;
}

char *
bb_bundle_header_to_json (const BbBundleHeader *header,
                          BbSyncSchema         *schema)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, BB_BUNDLE_PROJECT);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, header->format);
  json_builder_set_member_name (b, "schema");
  json_builder_add_int_value (b, header->schema);
  json_builder_set_member_name (b, "bundle_id");
  json_builder_add_string_value (b, header->bundle_id);

  json_builder_set_member_name (b, "from");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "station_id");
  json_builder_add_string_value (b, header->station_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, header->station_name);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "to");
  if (header->to_id == NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "station_id");
      json_builder_add_string_value (b, header->to_id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, header->to_name != NULL ? header->to_name : "");
      json_builder_set_member_name (b, "headquarters");
      json_builder_add_boolean_value (b, header->to_headquarters);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "sequence");
  json_builder_add_int_value (b, header->sequence);
  json_builder_set_member_name (b, "since_mark");
  json_builder_add_int_value (b, header->since_mark);
  json_builder_set_member_name (b, "until_mark");
  json_builder_add_int_value (b, header->until_mark);
  json_builder_set_member_name (b, "everything");
  json_builder_add_boolean_value (b, header->everything);
  json_builder_set_member_name (b, "restricted_included");
  json_builder_add_boolean_value (b, header->restricted_included);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_int_value (b, header->created_at);
  json_builder_set_member_name (b, "first_change");
  json_builder_add_int_value (b, header->first_change);
  json_builder_set_member_name (b, "last_change");
  json_builder_add_int_value (b, header->last_change);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint i = 0; i < header->counts->len; i++)
    {
      const BbBundleCount *c = g_ptr_array_index (header->counts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "table");
      json_builder_add_string_value (b, c->table);
      json_builder_set_member_name (b, "records");
      json_builder_add_int_value (b, (gint64) c->records);
      json_builder_set_member_name (b, "deleted");
      json_builder_add_int_value (b, (gint64) c->deleted);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "received");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, header->received);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, *(gint64 *) value);
    }
  json_builder_end_object (b);

  /* The columns of each table the bundle holds records or deletions of,
   * in order: a bundle from a station whose tables differ is refused
   * rather than misread, and tables it does not hold do not stop a
   * station of an older format from applying it. */
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (guint i = 0; schema != NULL && i < schema->tables->len; i++)
    {
      const BbSyncTable *t = g_ptr_array_index (schema->tables, i);

      if (!header_has_table (header, t->name))
        continue;

      json_builder_set_member_name (b, t->name);
      json_builder_begin_array (b);
      for (guint c = 0; c < t->columns->len; c++)
        json_builder_add_string_value (b, g_array_index (t->columns, BbSyncColumn, c).name);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "payload");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, "zlib");
  json_builder_set_member_name (b, "content");
  json_builder_add_string_value (b, "sqlite-changeset");
  json_builder_set_member_name (b, "length");
  json_builder_add_int_value (b, (gint64) header->payload_length);
  json_builder_set_member_name (b, "content_length");
  json_builder_add_int_value (b, (gint64) header->content_length);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, header->payload_sha256 != NULL ? header->payload_sha256 : "");
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static gboolean
damaged (GError     **error,
         const char  *display,
         const char  *why)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
               /* Translators: a file name, then what is wrong with it */
               _("The bundle “%s” is damaged: %s. Nothing was changed; ask for the bundle to be sent again."),
               display, why);
  return FALSE;
}

BbBundleHeader *
bb_bundle_header_from_json (const char  *json,
                            gsize        length,
                            const char  *display,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BbBundleHeader) header = bb_bundle_header_new ();
  JsonObject *root, *from, *payload;
  JsonNode *to, *node;
  const char *project;

  /* A header of only spaces parses, to no root at all; an empty one is
   * not even given to the parser. */
  if (json == NULL || length == 0 || !g_utf8_validate (json, (gssize) length, NULL)
      || !json_parser_load_from_data (parser, json, (gssize) length, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      damaged (error, display, _("its header cannot be read"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  project = bb_json_get_string (root, "project", NULL);
  if (g_strcmp0 (project, BB_BUNDLE_PROJECT) != 0)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NOT_A_BUNDLE,
                   _("“%s” is not a Beatbook bundle: it was made for another program (%s). Nothing was changed."),
                   display, project != NULL ? project : _("unknown"));
      return NULL;
    }
  header->format = (int) bb_json_get_int (root, "format", 0);
  header->schema = (int) bb_json_get_int (root, "schema", 0);
  if (header->format > BB_BUNDLE_FORMAT || header->schema > BB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                   _("The bundle “%s” was written by a newer version of Beatbook (station format %d, bundle "
                     "format %d; this version reads up to %d and %d). Update Beatbook to import it; nothing was "
                     "changed."),
                   display, header->schema, header->format, BB_STORE_SCHEMA_VERSION, BB_BUNDLE_FORMAT);
      return NULL;
    }

  node = json_object_get_member (root, "from");
  from = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  node = json_object_get_member (root, "payload");
  payload = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  header->bundle_id = g_strdup (bb_json_get_string (root, "bundle_id", NULL));
  if (from == NULL || payload == NULL || header->bundle_id == NULL || header->format < 1 || header->schema < 1
      || g_strcmp0 (bb_json_get_string (payload, "encoding", NULL), "zlib") != 0
      || g_strcmp0 (bb_json_get_string (payload, "content", NULL), "sqlite-changeset") != 0)
    {
      damaged (error, display, _("its header is incomplete"));
      return NULL;
    }
  header->station_id = g_strdup (bb_json_get_string (from, "station_id", NULL));
  header->station_name = g_strdup (bb_json_get_string (from, "name", ""));
  to = json_object_get_member (root, "to");
  if (to != NULL && JSON_NODE_HOLDS_OBJECT (to))
    {
      JsonObject *o = json_node_get_object (to);

      header->to_id = g_strdup (bb_json_get_string (o, "station_id", NULL));
      header->to_name = g_strdup (bb_json_get_string (o, "name", ""));
      header->to_headquarters = bb_json_get_boolean (o, "headquarters", FALSE);
    }
  header->sequence = (guint) bb_json_get_int (root, "sequence", 0);
  header->since_mark = bb_json_get_int (root, "since_mark", 0);
  header->until_mark = bb_json_get_int (root, "until_mark", 0);
  header->everything = bb_json_get_boolean (root, "everything", FALSE);
  header->restricted_included = bb_json_get_boolean (root, "restricted_included", FALSE);
  header->created_at = bb_json_get_int (root, "created_at", 0);
  header->first_change = bb_json_get_int (root, "first_change", 0);
  header->last_change = bb_json_get_int (root, "last_change", 0);
  header->payload_length = (guint64) bb_json_get_int (payload, "length", -1);
  header->content_length = (guint64) bb_json_get_int (payload, "content_length", 0);
  header->payload_sha256 = g_strdup (bb_json_get_string (payload, "sha256", NULL));
  if (header->station_id == NULL || header->payload_sha256 == NULL
      || bb_json_get_int (payload, "length", -1) < 0
      || header->since_mark < 0 || header->until_mark < header->since_mark)
    {
      damaged (error, display, _("its header is incomplete"));
      return NULL;
    }

  node = json_object_get_member (root, "counts");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *counts = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (counts); i++)
        {
          JsonNode *e = json_array_get_element (counts, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *table = o != NULL ? bb_json_get_string (o, "table", NULL) : NULL;
          BbBundleCount *c;

          if (table == NULL)
            continue;
          c = bb_bundle_header_ensure_count (header, table);
          c->records = (guint64) MAX (0, bb_json_get_int (o, "records", 0));
          c->deleted = (guint64) MAX (0, bb_json_get_int (o, "deleted", 0));
        }
    }
  node = json_object_get_member (root, "received");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        {
          gint64 mark = bb_json_get_int (o, l->data, 0);

          g_hash_table_insert (header->received, g_strdup (l->data), g_memdup2 (&mark, sizeof mark));
        }
    }
  return g_steal_pointer (&header);
}

GHashTable *
bb_bundle_header_dup_columns (const char *json,
                              gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, (gssize) length, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return columns;
  node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "columns");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *list = json_object_get_member (o, l->data);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          if (!JSON_NODE_HOLDS_ARRAY (list))
            continue;
          for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
            {
              const char *name = bb_json_array_get_string (json_node_get_array (list), i);

              if (name != NULL)
                g_strv_builder_add (builder, name);
            }
          g_hash_table_insert (columns, g_strdup (l->data), g_strv_builder_end (builder));
        }
    }
  return columns;
}
