/* fuzz-targets.c: what the fuzzers and the mutation test feed hostile bytes to: each reader of files from outside */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gdk/gdk.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bb-bundle-private.h"
#include "bb-csv-reader.h"
#include "bb-default-questionnaire.h"
#include "bb-ical.h"
#include "bb-import.h"
#include "bb-map-painter.h"
#include "bb-mbtiles-source.h"
#include "bb-store.h"
#include "bb-store-surveys.h"
#include "bb-survey-import.h"
#include "fuzz-targets.h"

static char *fuzz_dir;
static BbStore *station;
static char *survey_id;

void
bb_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (fuzz_dir != NULL)
    return;
  fuzz_dir = g_dir_make_tmp ("beatbook-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fuzz_dir, "station.beatbook", NULL);
  station = bb_store_create (path, "Fuzz", &error);
  g_assert_no_error (error);
  survey_id = bb_fuzz_add_survey (station);
}

char *
bb_fuzz_add_survey (BbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) district = bb_district_new ();
  g_autoptr(BbSurvey) survey = bb_survey_new ();

  /* A district and a round of the default survey, for survey imports. */
  district->name = g_strdup ("Old Town");
  district->code = g_strdup ("OT");
  g_assert_true (bb_store_district_insert (store, district, &error));
  survey->questionnaire_id = bb_store_questionnaire_add_default (store, &error);
  g_assert_no_error (error);
  survey->title = g_strdup ("Spring 2024");
  survey->period_start = g_strdup ("2024-03-01");
  survey->period_end = g_strdup ("2024-03-31");
  g_assert_true (bb_store_survey_insert (store, survey, &error));
  g_assert_no_error (error);
  return g_strdup (survey->id);
}

const char *
bb_fuzz_get_dir (void)
{
  return fuzz_dir;
}

static char *
write_input (const char   *name,
             const guint8 *data,
             gsize         size)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);
  FILE *file = fopen (path, "wb");

  /* Not g_file_set_contents: its fsync would make every run wait for the disk. */
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, size, file), ==, size);
  g_assert_cmpint (fclose (file), ==, 0);
  return path;
}

int
bb_fuzz_csv (const guint8 *data,
             gsize         size)
{
  g_autofree char *path = NULL;
  g_autoptr(BbCsvReader) reader = NULL;
  gsize bom = 0;
  guint records = 0;

  bb_fuzz_init ();
  bb_csv_guess_encoding (data, size, TRUE, &bom);
  g_assert_cmpuint (bom, <=, size);
  bb_csv_guess_separator ((const char *) data, size);

  path = write_input ("input.csv", data, size);
  reader = bb_csv_reader_new (path, NULL, 0, NULL);
  if (reader == NULL)
    return 0;
  while (records++ < 100000 && bb_csv_reader_next (reader, NULL))
    {
      guint n = bb_csv_reader_get_n_fields (reader);

      for (guint i = 0; i <= n; i++)
        {
          const char *field = bb_csv_reader_get_field (reader, i);

          g_assert_nonnull (field);
          g_assert_cmpuint (strlen (field), <=, bb_csv_reader_get_field_length (reader, i));
          g_assert_true (g_utf8_validate (field, -1, NULL));
        }
      bb_csv_reader_get_line (reader);
      bb_csv_reader_is_truncated (reader);
      g_assert_cmpfloat (bb_csv_reader_get_fraction (reader), <=, 1.0);
    }
  return 0;
}

static int
fuzz_import (const char   *name,
             const guint8 *data,
             gsize         size)
{
  g_autofree char *path = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  bb_fuzz_init ();
  path = write_input (name, data, size);
  import = bb_import_new (station, path);
  if (!bb_import_preview (import, 10, NULL, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  if (bb_import_get_needs_crs (import))
    bb_import_set_crs (import, "EPSG:32634", NULL);
  report = bb_import_run (import, TRUE, NULL, NULL, NULL, &error);
  g_assert_true ((report == NULL) == (error != NULL));
  return 0;
}

int
bb_fuzz_import_csv (const guint8 *data,
                    gsize         size)
{
  return fuzz_import ("input.csv", data, size);
}

int
bb_fuzz_import_geojson (const guint8 *data,
                        gsize         size)
{
  return fuzz_import ("input.geojson", data, size);
}

int
bb_fuzz_ical (const guint8 *data,
              gsize         size)
{
  g_autoptr(BbIcalImport) report = NULL;
  g_autoptr(GError) error = NULL;

  bb_fuzz_init ();
  report = bb_ical_import (station, (const char *) data, size, "input.ics", &error);
  g_assert_true ((report == NULL) == (error != NULL));
  return 0;
}

int
bb_fuzz_geojson_layer (const guint8 *data,
                       gsize         size)
{
  g_autoptr(BbMapFeatures) features = bb_map_features_new ();
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!bb_map_features_add_geojson (features, "streets", text, "fuzz", &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 64);
  cr = cairo_create (surface);
  bb_map_painter_draw_tile (features, cr, 0, 0, 0, 64);
  bb_map_painter_draw_tile (features, cr, 8, 5, 4, 64);
  bb_map_painter_draw_tile (features, cr, 2260, 1540, 12, 64);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

int
bb_fuzz_mbtiles (const guint8 *data,
                 gsize         size)
{
  g_autofree char *path = NULL;
  g_autoptr(BbMbtilesSource) source = NULL;
  g_autoptr(GBytes) tile = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *end = data + size;
  const guint8 *p = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *meta = NULL, *insert = NULL;

  bb_fuzz_init ();
  path = g_build_filename (fuzz_dir, "input.mbtiles", NULL);
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                    "CREATE TABLE metadata (name TEXT, value TEXT);"
                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &meta, NULL);
  /* Metadata lines up to an empty line; the rest is the tile. */
  while (p < end && *p != '\n')
    {
      const guint8 *eol = memchr (p, '\n', (gsize) (end - p));
      const guint8 *eq;

      if (eol == NULL)
        eol = end;
      eq = memchr (p, '=', (gsize) (eol - p));
      if (eq != NULL)
        {
          sqlite3_reset (meta);
          sqlite3_bind_text (meta, 1, (const char *) p, (int) (eq - p), SQLITE_TRANSIENT);
          sqlite3_bind_text (meta, 2, (const char *) eq + 1, (int) (eol - eq - 1), SQLITE_TRANSIENT);
          sqlite3_step (meta);
        }
      p = eol < end ? eol + 1 : end;
    }
  if (p < end)
    p++;
  sqlite3_finalize (meta);
  sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (0, 0, 0, ?1)", -1, &insert, NULL);
  sqlite3_bind_blob (insert, 1, p, (int) (end - p), SQLITE_TRANSIENT);
  sqlite3_step (insert);
  sqlite3_finalize (insert);
  sqlite3_close (db);

  source = bb_mbtiles_source_new (path, &error);
  if (source == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_cmpuint (bb_mbtiles_source_get_min_zoom (source), <=, bb_mbtiles_source_get_max_zoom (source));
  g_assert_nonnull (bb_mbtiles_source_get_name (source));
  tile = bb_mbtiles_source_read_tile (source, 0, 0, 0, &error);
  if (tile == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  /* As the map's raster renderer decodes it. */
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (tile, NULL);

    if (texture != NULL)
      g_assert_cmpint (gdk_texture_get_width (texture), >, 0);
  }
  return 0;
}

int
bb_fuzz_survey_import (const guint8 *data,
                       gsize         size)
{
  g_autofree char *path = NULL;
  g_autoptr(BbSurveyImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  BbTableImport *table;

  bb_fuzz_init ();
  path = write_input ("responses.csv", data, size);
  import = bb_survey_import_new (station, survey_id, path);
  table = BB_TABLE_IMPORT (import);
  if (!bb_table_import_preview (table, 10, NULL, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  for (guint i = 0; i < bb_table_import_get_n_columns (table); i++)
    {
      const char *question_id = NULL, *choice = NULL;
      BbSurveyColumn column = bb_survey_import_get_column (import, i, &question_id, &choice);

      g_assert_true (column != BB_SURVEY_COLUMN_QUESTION || question_id != NULL);
      g_assert_nonnull (bb_table_import_get_column_name (table, i));
    }
  report = bb_table_import_run (table, TRUE, NULL, NULL, NULL, &error);
  g_assert_true ((report == NULL) == (error != NULL));
  return 0;
}

/* The changes of a bundle, zlib-compressed as bundles carry them. */
static GBytes *
compress (const guint8 *data,
          gsize         size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (out, data, size, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* The first byte chooses: even, the rest is a bundle file as it is; odd,
 * the rest is a header (JSON), a NUL byte and the changes (an SQLite
 * changeset), which are compressed and sealed with the lengths and
 * checksums a real bundle has, so that the fuzzer gets past them to the
 * header's fields, the changeset and the merge. */
char *
bb_fuzz_bundle_file (const guint8 *data,
                     gsize         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  bb_fuzz_init ();
  if (size == 0)
    return NULL;
  path = g_build_filename (fuzz_dir, "input" BB_BUNDLE_SUFFIX, NULL);
  if ((data[0] & 1) == 0)
    g_free (write_input ("input" BB_BUNDLE_SUFFIX, data + 1, size - 1));
  else
    {
      const guint8 *nul = memchr (data + 1, 0, size - 1);
      g_autofree char *json = g_strndup ((const char *) data + 1, nul != NULL ? (gsize) (nul - data - 1) : size - 1);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) payload = NULL;
      g_autofree char *payload_path = NULL;
      g_autofree char *sealed = NULL;
      JsonNode *root;

      payload = nul != NULL ? compress (nul + 1, size - (gsize) (nul + 1 - data)) : compress (NULL, 0);
      if (json_parser_load_from_data (parser, json, -1, NULL)
          && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          JsonNode *node = json_object_get_member (object, "payload");
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);

          if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *p = json_node_get_object (node);

              json_object_set_int_member (p, "length", (gint64) g_bytes_get_size (payload));
              json_object_set_int_member (p, "content_length",
                                          nul != NULL ? (gint64) (size - (gsize) (nul + 1 - data)) : 0);
              json_object_set_string_member (p, "sha256", sha);
            }
          json_generator_set_root (generator, root);
          sealed = json_generator_to_data (generator, NULL);
        }
      payload_path = write_input ("payload", g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
      if (!bb_bundle_file_write (path, sealed != NULL ? sealed : json, payload_path, NULL, &error))
        g_error ("%s", error->message);
    }
  return g_steal_pointer (&path);
}

int
bb_fuzz_bundle (const guint8 *data,
                gsize         size)
{
  g_autofree char *path = bb_fuzz_bundle_file (data, size);
  g_autoptr(BbBundleHeader) header = NULL;
  g_autoptr(BbBundleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return 0;
  header = bb_bundle_read_header (path, NULL, &error);
  if (header == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);
  bb_bundle_header_count_records (header);
  result = bb_bundle_apply (station, path, TRUE, NULL, NULL, NULL, &error);
  g_assert_true ((result == NULL) == (error != NULL));
  return 0;
}

const BbFuzzTargetInfo bb_fuzz_targets[] = {
  { "csv", bb_fuzz_csv },
  { "import-csv", bb_fuzz_import_csv },
  { "import-geojson", bb_fuzz_import_geojson },
  { "ical", bb_fuzz_ical },
  { "geojson-layer", bb_fuzz_geojson_layer },
  { "mbtiles", bb_fuzz_mbtiles },
  { "survey-import", bb_fuzz_survey_import },
  { "bundle", bb_fuzz_bundle },
};
const guint bb_fuzz_n_targets = G_N_ELEMENTS (bb_fuzz_targets);
