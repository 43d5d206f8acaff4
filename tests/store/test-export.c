/* test-export.c: incidents written to CSV and GeoJSON, and read back by the import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bb-export.h"
#include "bb-import.h"
#include "store-test-util.h"

static void
add_incident (BbStore    *store,
              const char *code,
              gint64      when,
              double      lon,
              double      lat,
              const char *description,
              gboolean    restricted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (store, code, &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (c->id);
  incident->occurred_start = when;
  incident->lon = lon;
  incident->lat = lat;
  g_free (incident->description);
  incident->description = g_strdup (description);
  g_free (incident->address);
  incident->address = g_strdup ("Rruga \"Myslym Shyri\", 12");
  incident->restricted = restricted;
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *station = g_build_filename (dir, "a.beatbook", NULL);
  g_autofree char *other_station = g_build_filename (dir, "b.beatbook", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *geojson = g_build_filename (dir, "out.geojson", NULL);
  g_autofree char *partial = g_strconcat (csv, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (station, "A", &error);
  g_autoptr(BbStore) other = NULL;
  g_autoptr(BbIncidentFilter) public_only = bb_incident_filter_new ();
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *contents = NULL;
  JsonArray *features;
  JsonObject *feature;
  BbExportFormat format;
  guint64 n = 0;

  g_assert_no_error (error);
  add_incident (store, "theft.bicycle", 1709649000, 19.8187, 41.3275, "Bicycle taken,\nfrom the rack", FALSE);
  add_incident (store, "domestic_violence", 1709652600, 19.8190, 41.3280, "restricted", TRUE);
  add_incident (store, "stray_dogs", 1709656200, NAN, NAN, "no position", FALSE);

  g_assert_true (bb_export_format_for_path (csv, &format));
  g_assert_cmpint (format, ==, BB_EXPORT_FORMAT_CSV);
  g_assert_true (bb_export_format_for_path ("x.GeoJSON", &format));
  g_assert_cmpint (format, ==, BB_EXPORT_FORMAT_GEOJSON);
  g_assert_false (bb_export_format_for_path ("x.pdf", &format));

  g_assert_true (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, csv, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_file_get_contents (csv, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "id,datetime,category,lon,lat,address,description,"));
  g_assert_nonnull (strstr (contents, ",2024-03-05T14:30:00Z,theft.bicycle,19.818700,41.327500,"
                                      "\"Rruga \"\"Myslym Shyri\"\", 12\",\"Bicycle taken,\nfrom the rack\","));

  /* what the public may see, as GeoJSON */
  public_only->restricted = BB_RESTRICTED_EXCLUDE;
  g_assert_true (bb_export_incidents (store, public_only, NULL, BB_EXPORT_FORMAT_GEOJSON, geojson,
                                      NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (json_parser_load_from_file (parser, geojson, &error));
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 2);
  feature = json_array_get_object_element (features, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (feature, "properties"), "category"),
                   ==, "theft.bicycle");
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (
                       json_object_get_object_member (feature, "geometry"), "coordinates"), 0), ==, 19.8187);
  g_assert_true (json_node_is_null (json_object_get_member (json_array_get_object_element (features, 1), "geometry")));

  /* the CSV imports into another station as it was, and only once */
  other = bb_store_create (other_station, "B", &error);
  g_assert_no_error (error);
  import = bb_import_new (other, csv);
  g_assert_true (bb_import_preview (import, 5, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_BEATBOOK);
  report = bb_import_run (import, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->without_position, ==, 1);
  again = bb_import_run (import, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->duplicates, ==, 3);
  incidents = bb_store_incident_query (other, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 3);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (incidents, 0))->occurred_start, ==, 1709649000);
  g_assert_cmpstr (((BbIncident *) g_ptr_array_index (incidents, 0))->description, ==, "Bicycle taken,\nfrom the rack");
  g_assert_cmpstr (((BbIncident *) g_ptr_array_index (incidents, 0))->address, ==, "Rruga \"Myslym Shyri\", 12");
  /* restricted stays restricted */
  g_assert_false (((BbIncident *) g_ptr_array_index (incidents, 0))->restricted);
  g_assert_true (((BbIncident *) g_ptr_array_index (incidents, 1))->restricted);

  g_clear_object (&store);
  g_clear_object (&other);
  rm_dir (dir);
}

static void
test_failed_export_keeps_file (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *station = g_build_filename (dir, "a.beatbook", NULL);
  g_autofree char *target = g_build_filename (dir, "no-such-dir", "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (station, "A", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *existing = g_build_filename (dir, "keep.csv", NULL);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  add_incident (store, "robbery", 1709649000, 19.8, 41.3, "x", FALSE);
  g_assert_false (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, target, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (existing, "old", -1, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, existing, cancellable,
                                       NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (existing, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");

  g_clear_object (&store);
  rm_dir (dir);
}

/* A public file never holds a restricted incident, an identifier, an
 * address, a description or an exact position, whatever is selected; and
 * every export is in the audit log. */
static void
test_public_export (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *station = g_build_filename (dir, "a.beatbook", NULL);
  g_autofree char *csv = g_build_filename (dir, "public.csv", NULL);
  g_autofree char *geojson = g_build_filename (dir, "public.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (station, "A", &error);
  g_autoptr(GArray) everything = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  guint64 written = 0, withheld = 0;

  g_assert_no_error (error);
  add_incident (store, "theft.bicycle", 1709649000, 19.81873, 41.32751, "Bicycle taken from Ana's yard", FALSE);
  add_incident (store, "domestic_violence", 1709652600, 19.8190, 41.3280, "victim: a minor", TRUE);
  add_incident (store, "stray_dogs", 1709656200, NAN, NAN, "no position", FALSE);
  incidents = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 0, &error);
  g_assert_no_error (error);

  /* Even when the selection holds the restricted incident. */
  everything = bb_store_incident_rowids (store, NULL, BB_INCIDENT_SORT_TIME, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everything->len, ==, 3);
  for (guint f = 0; f < 2; f++)
    {
      const char *path = f == 0 ? csv : geojson;
      g_autofree char *contents = NULL;

      g_assert_true (bb_export_public_incidents (store, NULL, f == 0 ? everything : NULL,
                                                 f == 0 ? BB_EXPORT_FORMAT_CSV : BB_EXPORT_FORMAT_GEOJSON,
                                                 path, NULL, &written, &withheld, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (written, ==, 2);
      g_assert_cmpuint (withheld, ==, 1);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_null (strstr (contents, "victim"));
      g_assert_null (strstr (contents, "domestic_violence"));
      g_assert_null (strstr (contents, "Ana"));
      g_assert_null (strstr (contents, "Myslym"));
      g_assert_null (strstr (contents, "restricted"));
      g_assert_null (strstr (contents, "19.81873"));
      for (guint i = 0; i < incidents->len; i++)
        g_assert_null (strstr (contents, ((BbIncident *) g_ptr_array_index (incidents, i))->id));
      /* The cell's centre, and the day without its time. */
      g_assert_nonnull (strstr (contents, "19.81875"));
      g_assert_nonnull (strstr (contents, "41.32875"));
      g_assert_nonnull (strstr (contents, "2024-03-05"));
      g_assert_null (strstr (contents, "14:30"));
    }
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "date,category,lon,lat,district,status\n"));
  }

  /* The audit log names each export: the newest line first. */
  bb_store_set_user (store, "Insp. Hoxha");
  g_assert_true (bb_export_incidents (store, NULL, NULL, BB_EXPORT_FORMAT_CSV, csv, NULL, NULL, NULL, &written, &error));
  audit = bb_store_audit_list (store, 3, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    BbAuditEntry *internal = g_ptr_array_index (audit, 0);
    BbAuditEntry *public = g_ptr_array_index (audit, 1);

    g_assert_cmpstr (internal->action, ==, "export");
    g_assert_cmpstr (internal->user_name, ==, "Insp. Hoxha");
    g_assert_nonnull (strstr (internal->detail, "3 incidents"));
    g_assert_nonnull (strstr (internal->detail, "internal"));
    g_assert_cmpstr (public->action, ==, "export");
    g_assert_nonnull (strstr (public->detail, "public; 1 restricted withheld"));
    g_assert_nonnull (strstr (public->detail, "public.geojson"));
  }

  g_clear_object (&store);
  rm_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/round-trip", test_round_trip);
  g_test_add_func ("/export/failed-export-keeps-file", test_failed_export_keeps_file);
  g_test_add_func ("/export/public", test_public_export);

  return g_test_run ();
}
