/* test-import.c: importing the files stations inherit: formats, mapping, positions, dedup, all or nothing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb-crs.h"
#include "bb-csv-reader.h"
#include "bb-import-cli.h"
#include "bb-import.h"
#include "bb-store-private.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  char    *station;
  BbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = make_test_dir ();
  f->station = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (f->station, "Test station", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->station);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  BB_STORE_LOCK_SCOPE (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
category_id (Fixture    *f,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (f->store, code, &error);

  g_assert_no_error (error);
  return g_strdup (c->id);
}

static BbImport *
preview (Fixture    *f,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  BbImport *import = bb_import_new (f->store, path);

  g_assert_true (bb_import_preview (import, 10, NULL, &error));
  g_assert_no_error (error);
  return import;
}

static BbImportReport *
run (BbImport *import,
     gboolean  dry_run)
{
  g_autoptr(GError) error = NULL;
  BbImportReport *report = bb_import_run (import, dry_run, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
report_has (BbImportReport *report,
            const char     *message,
            gboolean        skipped)
{
  for (guint i = 0; i < report->issues->len; i++)
    {
      BbImportIssue *issue = g_ptr_array_index (report->issues, i);

      if (strstr (issue->message, message) != NULL && issue->skipped == skipped)
        return TRUE;
    }
  return FALSE;
}

/* data.police.uk, as downloaded: a BOM, CRLF, anti-social behaviour
 * without a Crime ID, a row without a position, two identical ASB rows,
 * a crime type with no Beatbook category. */
static const char police_uk[] =
  "\xEF\xBB\xBF" "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n"
  "8e2b7f0c1d,2018-03,Kent Police,Kent Police,1.081575,51.279356,On or near Station Road,E01024033,Canterbury 012A,Bicycle theft,Investigation complete; no suspect identified,\r\n"
  ",2018-03,Kent Police,Kent Police,1.079731,51.277814,On or near Parking Area,E01024033,Canterbury 012A,Anti-social behaviour,,\r\n"
  ",2018-03,Kent Police,Kent Police,1.079731,51.277814,On or near Parking Area,E01024033,Canterbury 012A,Anti-social behaviour,,\r\n"
  "a41f5c3e77,2018-03,Kent Police,Kent Police,,,No Location,,,Shoplifting,Under investigation,\r\n"
  "b0c9d8e7f6,2018-03,Kent Police,Kent Police,1.084521,51.280012,On or near High Street,E01024034,Canterbury 012B,Other crime,Under investigation,\r\n"
  "c1d2e3f4a5,2018-04,Kent Police,Kent Police,1.084521,51.280012,\"On or near High Street, \"\"The Parade\"\"\",E01024034,Canterbury 012B,Vehicle crime,,\"Reported by a resident\"\r\n";

static void
test_police_uk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_file (f, "2018-03-kent-street.csv", police_uk, sizeof police_uk - 1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImportReport) dry = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) again = NULL;
  g_autoptr(BbImport) second = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) unmapped = NULL;
  g_autofree char *bicycle = category_id (f, "theft.bicycle");
  g_autofree char *text = NULL;

  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_POLICE_UK);
  g_assert_true (bb_import_get_had_bom (import));
  g_assert_cmpstr (bb_import_get_encoding (import), ==, "UTF-8");
  g_assert_cmpuint (bb_import_get_n_rows (import), ==, 6);
  g_assert_cmpuint (bb_import_get_n_columns (import), ==, 12);
  g_assert_cmpstr (bb_import_get_column_name (import, 0), ==, "Crime ID");
  g_assert_cmpint (bb_import_get_column_field (import, 0), ==, BB_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_cmpint (bb_import_get_column_field (import, 1), ==, BB_IMPORT_FIELD_DATE);
  g_assert_cmpint (bb_import_get_column_field (import, 4), ==, BB_IMPORT_FIELD_LONGITUDE);
  g_assert_cmpint (bb_import_get_column_field (import, 9), ==, BB_IMPORT_FIELD_CATEGORY);
  g_assert_cmpuint (bb_import_get_preview_rows (import)->len, ==, 6);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (bb_import_get_preview_rows (import), 5))[6], ==,
                   "On or near High Street, \"The Parade\"");
  g_assert_cmpstr (bb_import_get_source_name (import), ==, "police.uk");

  values = bb_import_dup_category_values (import);
  g_assert_cmpuint (g_strv_length (values), ==, 5);
  g_assert_cmpstr (values[0], ==, "Anti-social behaviour");   /* the most frequent first */
  g_assert_cmpuint (bb_import_get_category_value_count (import, "Anti-social behaviour"), ==, 2);
  g_assert_cmpstr (bb_import_get_category_for_value (import, "Bicycle theft"), ==, bicycle);
  unmapped = bb_import_dup_unmapped_category_values (import);
  g_assert_cmpstrv (unmapped, ((const char *[]) { "Other crime", NULL }));

  /* a dry run reports exactly and changes nothing */
  dry = run (import, TRUE);
  g_assert_true (dry->dry_run);
  g_assert_cmpuint (dry->rows_read, ==, 6);
  g_assert_cmpuint (dry->imported, ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM import_mapping"), ==, 0);

  report = run (import, FALSE);
  g_assert_cmpuint (report->rows_read, ==, 6);
  g_assert_cmpuint (report->imported, ==, 5);
  g_assert_cmpuint (report->without_position, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_cmpuint (report->duplicates, ==, 0);
  g_assert_true (report_has (report, "2018-03-kent-street.csv, line 5: imported without a position", FALSE));
  g_assert_true (report_has (report, "2018-03-kent-street.csv, line 6, column “Crime type”: “Other crime” is not mapped", TRUE));
  g_assert_cmpstrv (report->unmapped_categories, ((const char *[]) { "Other crime (1)", NULL }));
  text = bb_import_report_to_text (report);
  g_assert_nonnull (strstr (text, "imported:              5"));

  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE external_id = 'police.uk:8e2b7f0c1d'"), ==, 1);
  /* the two identical ASB rows are two incidents, told apart by their fingerprints */
  g_assert_cmpint (count (f, "SELECT count(DISTINCT fingerprint) FROM incident WHERE external_id IS NULL"), ==, 2);
  /* month only: the whole of March 2018 (UTC station), time unknown */
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE occurred_start = 1519862400"
                             " AND occurred_end = 1522540799 AND time_unknown = 1"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE lat IS NULL"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE source = 'import'"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'parade'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'incident' AND action = 'create'"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_master WHERE name IN ('incident_fts_insert',"
                             " 'audit_incident_insert', 'incident_by_time')"), ==, 3);

  /* the same file again: nothing new */
  second = preview (f, path);
  g_assert_true (bb_import_get_mapping_remembered (second));
  again = run (second, FALSE);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 5);
}

/* The generic TYPE, YEAR, … X, Y layout with UTM zone 35N coordinates,
 * split dates, a privacy offset, a 0,0 placeholder and an empty position. */
static const char hundred_block[] =
  "TYPE,YEAR,MONTH,DAY,HOUR,MINUTE,HUNDRED_BLOCK,NEIGHBOURHOOD,X,Y\n"
  "Theft of Bicycle,2021,6,15,14,5,10XX MAIN ST,Centre,500000,4982950.4\n"
  "Mischief,2021,6,16,,,12XX HARBOUR RD,Harbour,512345,4650000\n"
  "Offence Against a Person,2021,7,1,0,0,OFFSET TO PROTECT PRIVACY,,512345,4650000\n"
  "Break and Enter Residential/Other,2021,7,2,3,30,20XX HILL AVE,Hill,0,0\n"
  "Theft from Vehicle,2021,7,3,21,15,30XX SHORE DR,Shore,,\n"
  "Theft of Vehicle,2021,2,30,1,1,40XX PARK LN,Park,512345,4650000\n";

static void
test_hundred_block_utm (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_file (f, "crimedata.csv", hundred_block, -1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) skipping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  BbIncident *first;

  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_HUNDRED_BLOCK);
  g_assert_cmpint (bb_import_get_column_field (import, 8), ==, BB_IMPORT_FIELD_X);
  g_assert_true (bb_import_get_needs_crs (import));
  g_assert_null (bb_import_run (import, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_NEEDS_CRS);
  g_assert_nonnull (strstr (error->message, "“X” and “Y”"));
  g_clear_error (&error);

  g_assert_false (bb_import_set_crs (import, "not a code", &error));
  g_assert_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_true (bb_import_set_crs (import, "EPSG:32635", &error));
  g_assert_no_error (error);
  g_assert_false (bb_import_get_needs_crs (import));

  /* skipping rows without a usable position, in a dry run */
  bb_import_set_missing_position (import, BB_IMPORT_POSITION_SKIP);
  skipping = run (import, TRUE);
  g_assert_cmpuint (skipping->imported, ==, 2);
  g_assert_cmpuint (skipping->skipped, ==, 4);
  g_assert_true (report_has (skipping, "line 4: its position was moved to protect privacy", TRUE));
  g_assert_true (report_has (skipping, "line 5: its position 0, 0 is a placeholder", TRUE));
  g_assert_true (report_has (skipping, "line 6: it has no position", TRUE));

  bb_import_set_missing_position (import, BB_IMPORT_POSITION_KEEP);
  report = run (import, FALSE);
  g_assert_cmpuint (report->rows_read, ==, 6);
  g_assert_cmpuint (report->imported, ==, 5);
  g_assert_cmpuint (report->without_position, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_true (report_has (report, "crimedata.csv, line 7, column “DAY”: 2021-02-30 is not a date", TRUE));

  incidents = bb_store_incident_query (f->store, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 5);
  first = g_ptr_array_index (incidents, 0);
  g_assert_cmpfloat_with_epsilon (first->lon, 27.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (first->lat, 45.0, 1e-6);
  g_assert_cmpint (first->occurred_start, ==, 1623765900);   /* 2021-06-15 14:05 UTC */
  g_assert_false (first->time_unknown);
  g_assert_cmpstr (first->address, ==, "10XX MAIN ST");
  /* no hour: the whole day, time unknown */
  g_assert_true (((BbIncident *) g_ptr_array_index (incidents, 1))->time_unknown);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (incidents, 1))->occurred_end
                   - ((BbIncident *) g_ptr_array_index (incidents, 1))->occurred_start, ==, 86399);
}

/* Semicolons, decimal commas, dd.mm.yyyy dates and Windows-1251 text, the
 * way a spreadsheet saves it on a Russian-language Windows; a latitude of
 * 95,2; a value mapped by hand, and remembered. */
static void
test_cyrillic_semicolons (Fixture       *f,
                          gconstpointer  data)
{
  /* Номер;Дата;Категория;Широта;Долгота;Адрес */
  static const char file[] =
    "\xCD\xEE\xEC\xE5\xF0;\xC4\xE0\xF2\xE0;\xCA\xE0\xF2\xE5\xE3\xEE\xF0\xE8\xFF;"
    "\xD8\xE8\xF0\xEE\xF2\xE0;\xC4\xEE\xEB\xE3\xEE\xF2\xE0;\xC0\xE4\xF0\xE5\xF1\r\n"
    /* 17;05.03.2024 14:30;Кража;47,052;28,861;улица Пушкина 5 */
    "17;05.03.2024 14:30;\xCA\xF0\xE0\xE6\xE0;47,052;28,861;\xF3\xEB\xE8\xF6\xE0 \xCF\xF3\xF8\xEA\xE8\xED\xE0 5\r\n"
    "18;06.03.2024;\xCA\xF0\xE0\xE6\xE0;95,2;28,861;\r\n"
    "19;07.03.2024;\xC4\xF0\xE0\xEA\xE0;47,01;28,85;\r\n"
    "17;05.03.2024 14:30;\xCA\xF0\xE0\xE6\xE0;47,052;28,861;\r\n";
  g_autofree char *path = write_file (f, "incidents.csv", file, sizeof file - 1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImport) later = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *theft = category_id (f, "theft");
  g_autofree char *fight = category_id (f, "public_disorder.fight");
  BbIncident *incident;

  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_CSV);
  g_assert_cmpstr (bb_import_get_encoding (import), ==, "WINDOWS-1251");
  g_assert_cmpint (bb_import_get_separator (import), ==, ';');
  g_assert_cmpstr (bb_import_get_column_name (import, 2), ==, "Категория");
  /* mapped by the column names */
  g_assert_cmpint (bb_import_get_column_field (import, 0), ==, BB_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_cmpint (bb_import_get_column_field (import, 1), ==, BB_IMPORT_FIELD_DATE);
  g_assert_cmpint (bb_import_get_column_field (import, 3), ==, BB_IMPORT_FIELD_LATITUDE);
  g_assert_cmpint (bb_import_get_column_field (import, 4), ==, BB_IMPORT_FIELD_LONGITUDE);
  g_assert_cmpint (bb_import_get_column_field (import, 5), ==, BB_IMPORT_FIELD_ADDRESS);
  g_assert_false (bb_import_get_mapping_remembered (import));
  g_assert_cmpint (bb_import_get_date_order (import), ==, BB_DATE_ORDER_DMY);
  g_assert_false (bb_import_get_date_order_ambiguous (import));
  g_assert_null (bb_import_get_category_for_value (import, "Кража"));

  bb_import_set_category_for_value (import, "Кража", theft);
  bb_import_set_category_for_value (import, "Драка", fight);
  bb_import_set_source_name (import, "district-archive");
  report = run (import, FALSE);
  g_assert_cmpuint (report->rows_read, ==, 4);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_cmpuint (report->duplicates, ==, 1);   /* number 17 twice */
  g_assert_true (report_has (report, "incidents.csv, line 3, column “Широта”: “95,2” is not a latitude (−90…90)", TRUE));

  incidents = bb_store_incident_query (f->store, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 0, &error);
  g_assert_no_error (error);
  incident = g_ptr_array_index (incidents, 0);
  g_assert_cmpstr (incident->external_id, ==, "district-archive:17");
  g_assert_cmpstr (incident->address, ==, "улица Пушкина 5");
  g_assert_cmpstr (incident->category_id, ==, theft);
  g_assert_cmpfloat_with_epsilon (incident->lat, 47.052, 1e-12);
  g_assert_cmpfloat_with_epsilon (incident->lon, 28.861, 1e-12);
  g_assert_cmpint (incident->occurred_start, ==, 1709649000);

  /* the next file with this header maps itself, categories included */
  later = preview (f, path);
  g_assert_true (bb_import_get_mapping_remembered (later));
  g_assert_cmpstr (bb_import_get_source_name (later), ==, "district-archive");
  g_assert_cmpstr (bb_import_get_category_for_value (later, "Кража"), ==, theft);
  g_assert_cmpstr (bb_import_get_category_for_value (later, "Драка"), ==, fight);
}

/* dd/mm or mm/dd: asked, not guessed */
static void
test_ambiguous_dates (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = write_file (f, "dates.csv",
                                      "id,date,category\n1,03/04/2024,burglary\n2,05/06/2024 10:00,burglary\n", -1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bb_import_get_date_order_ambiguous (import));
  g_assert_null (bb_import_run (import, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_NEEDS_DATE_ORDER);
  g_clear_error (&error);

  bb_import_set_date_order (import, BB_DATE_ORDER_MDY);
  g_assert_false (bb_import_get_date_order_ambiguous (import));
  report = run (import, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  /* March 4th */
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE occurred_start = 1709510400"), ==, 1);
}

/* A file cut short in a quoted field, a row with too few columns, missing
 * dates and categories: each named, line by line. */
static void
test_broken_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "broken.csv",
                                      "id,datetime,category,lon,lat,address,description\n"
                                      "1,2024-01-01T10:00:00Z,robbery,20.1,41.0,a,b\n"
                                      "2,,robbery,20.1,41.0,a,b\n"
                                      "3,2024-01-01T10:00:00Z,NA,20.1,41.0,a,b\n"
                                      "4,2024-01-01T10:00:00Z,robbery\n"
                                      "5,2024-01-01T10:00:00Z,robbery,east,41.0,a,b\n"
                                      "6,2024-01-01T10:00:00Z,robbery,20.1,41.0,a,\"cut sh", -1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImportReport) report = NULL;

  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_BEATBOOK);
  report = run (import, FALSE);
  g_assert_cmpuint (report->rows_read, ==, 6);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 5);
  g_assert_true (report_has (report, "broken.csv, line 3, column “datetime”: the date is missing", TRUE));
  g_assert_true (report_has (report, "broken.csv, line 4, column “category”: the category is missing", TRUE));
  g_assert_true (report_has (report, "broken.csv, line 5: the row has 3 of the 7 columns", TRUE));
  g_assert_true (report_has (report, "broken.csv, line 6, column “lon”: “east” is not a number", TRUE));
  g_assert_true (report_has (report, "broken.csv, line 7: the file ends in the middle of this row", TRUE));
}

/* GeoJSON with the legacy "crs" member (Web Mercator) and one without a
 * geometry. */
static void
test_geojson_legacy_crs (Fixture       *f,
                         gconstpointer  data)
{
  const double R = 6378137.0, lon = 20.1152, lat = 41.0021;
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"FeatureCollection\","
    " \"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
    " \"features\":["
    "  {\"type\":\"Feature\",\"id\":\"f1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]},"
    "   \"properties\":{\"date\":\"2023-11-02T08:15:00Z\",\"type\":\"theft.shop\",\"street\":\"Rruga 1\"}},"
    "  {\"type\":\"Feature\",\"id\":\"f2\",\"geometry\":null,"
    "   \"properties\":{\"date\":\"2023-11-03\",\"type\":\"drugs\",\"street\":\"Rruga 2\"}}]}",
    R * lon * G_PI / 180, R * log (tan (G_PI / 4 + lat * G_PI / 360)));
  g_autofree char *path = write_file (f, "layer.geojson", json, -1);
  g_autoptr(BbImport) import = preview (f, path);
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) again = NULL;

  g_assert_cmpint (bb_import_get_format (import), ==, BB_IMPORT_FORMAT_GEOJSON);
  g_assert_cmpstr (bb_import_get_crs (import), ==, "urn:ogc:def:crs:EPSG::3857");
  g_assert_false (bb_import_get_needs_crs (import));
  g_assert_cmpuint (bb_import_get_n_rows (import), ==, 2);
  report = run (import, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->without_position, ==, 1);
  g_assert_true (report_has (report, "layer.geojson, feature 2: imported without a position", FALSE));
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE abs (lon - 20.1152) < 1e-6"
                             " AND abs (lat - 41.0021) < 1e-6 AND external_id = 'geojson:f1'"), ==, 1);
  again = run (import, FALSE);
  g_assert_cmpuint (again->duplicates, ==, 2);
}

static void
cancel_cb (double   fraction,
           gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* A station that refuses a row half-way (a rule the test adds), and an
 * import cancelled half-way: nothing changes, not even the audit log. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,datetime,category,lon,lat,address,description\n");
  g_autofree char *path = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 audit_before;

  for (guint i = 1; i <= 20000; i++)
    g_string_append_printf (csv, "N-%u,2024-01-01T10:00:00Z,vandalism,20.1,41.0,Street %u,%s\n",
                            i, i, i == 4999 ? "refuse" : "fine");
  path = write_file (f, "big.csv", csv->str, csv->len);
  import = preview (f, path);
  audit_before = count (f, "SELECT count(*) FROM audit_log");

  {
    BB_STORE_LOCK_SCOPE (f->store);
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (f->store),
                                   "CREATE TRIGGER test_refuse BEFORE INSERT ON incident"
                                   " WHEN new.description = 'refuse' BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_null (bb_import_run (import, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "big.csv, line 5000"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (count (f, "SELECT count(*) FROM import_mapping"), ==, 0);

  {
    BB_STORE_LOCK_SCOPE (f->store);
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (f->store), "DROP TRIGGER test_refuse",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_null (bb_import_run (import, FALSE, cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);
  /* the triggers and indexes set aside during the import are all back */
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_master WHERE name IN ('incident_fts_insert',"
                             " 'audit_incident_insert')"), ==, 2);
}

/* Rows are read on a thread of their own while the ones before them are
 * written.  Over several of its chunks: rows the station has already are
 * duplicates even when the rows without a position are to be skipped, and
 * a file that fails to read half-way (changed after its preview) stops
 * the import with the reader's message and changes nothing. */
static void
test_read_beside_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("datetime,category,lon,lat,address,description\n");
  g_autofree char *path = NULL;
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImport) again = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autoptr(BbImportReport) skipping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *broken = NULL;
  gint64 audit_before;
  char *at;

  for (guint i = 1; i <= 3000; i++)
    {
      if (i % 10 == 0)
        g_string_append_printf (csv, "2024-01-01T10:00:00Z,vandalism,,,Street %u,row %u\n", i, i);
      else
        g_string_append_printf (csv, "2024-01-01T10:00:00Z,vandalism,20.1,41.0,Street %u,row %u\n", i, i);
    }
  path = write_file (f, "rows.csv", csv->str, csv->len);
  import = preview (f, path);
  report = run (import, FALSE);
  g_assert_cmpuint (report->rows_read, ==, 3000);
  g_assert_cmpuint (report->imported, ==, 3000);
  g_assert_cmpuint (report->without_position, ==, 300);
  g_assert_true (report_has (report, "rows.csv, line 2991: imported without a position", FALSE));
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE fingerprint IS NOT NULL"), ==, 3000);

  again = preview (f, path);
  bb_import_set_missing_position (again, BB_IMPORT_POSITION_SKIP);
  skipping = run (again, FALSE);
  g_assert_cmpuint (skipping->rows_read, ==, 3000);
  g_assert_cmpuint (skipping->imported, ==, 0);
  g_assert_cmpuint (skipping->duplicates, ==, 3000);
  g_assert_cmpuint (skipping->skipped, ==, 0);
  g_assert_cmpuint (skipping->issues->len, ==, 0);

  /* the file changes after its preview: line 2501 is no longer UTF-8 */
  broken = g_strdup (csv->str);
  at = strstr (broken, "row 2500\n");
  g_assert_nonnull (at);
  at[strlen ("row 2500\n") + strlen ("2024-01-01T10:00:00Z,vandalism,20.1,41.0,Street ")] = '\xff';
  g_clear_pointer (&path, g_free);
  path = write_file (f, "changed.csv", csv->str, csv->len);
  g_clear_object (&import);
  import = preview (f, path);
  g_assert_true (g_file_set_contents (path, broken, csv->len, NULL));
  audit_before = count (f, "SELECT count(*) FROM audit_log");
  g_assert_null (bb_import_run (import, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_CSV_ERROR, BB_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "changed.csv, line 2502, column 5"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 3000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_master WHERE name IN ('incident_fts_insert',"
                             " 'audit_incident_insert')"), ==, 2);
}

/* Districts come from the boundaries, as for an incident entered by hand. */
static void
test_districts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) d = bb_district_new ();
  g_autofree char *path = write_file (f, "d.csv",
                                      "id,datetime,category,lon,lat,address,description\n"
                                      "1,2024-01-01T10:00:00Z,robbery,20.05,41.05,a,inside\n"
                                      "2,2024-01-01T10:00:00Z,robbery,20.50,41.50,b,outside\n", -1);
  g_autoptr(BbImport) import = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autofree char *sql = NULL;

  d->name = g_strdup ("Centre");
  d->boundary = g_strdup ("{\"type\":\"Polygon\",\"coordinates\":[[[20.0,41.0],[20.1,41.0],[20.1,41.1],[20.0,41.1],[20.0,41.0]]]}");
  g_assert_true (bb_store_district_insert (f->store, d, &error));
  g_assert_no_error (error);
  import = preview (f, path);
  report = run (import, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM incident WHERE district_id = '%s' AND description = 'inside'", d->id);
  g_assert_cmpint (count (f, sql), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE district_id IS NULL AND description = 'outside'"), ==, 1);
}

typedef struct {
  BbImport       *import;
  GMainLoop      *loop;
  BbImportReport *report;
  GError         *error;
  guint           progress_calls;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer data)
{
  AsyncState *state = data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  state->progress_calls++;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AsyncState *state = data;

  state->report = bb_import_run_finish (state->import, result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  AsyncState *state = data;

  g_assert_true (bb_import_preview_finish (BB_IMPORT (source), result, &state->error));
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_file (f, "2018-03-kent-street.csv", police_uk, sizeof police_uk - 1);
  g_autoptr(BbImport) import = bb_import_new (f->store, path);
  AsyncState state = { import, g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };

  bb_import_preview_async (import, 5, NULL, preview_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (bb_import_get_preview_rows (import)->len, ==, 5);

  bb_import_run_async (import, FALSE, NULL, progress_cb, &state, NULL, run_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->imported, ==, 5);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  bb_import_report_free (state.report);
  g_main_loop_unref (state.loop);
}

/* beatbook --import: the report on standard output, the exit status. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *good = write_file (f, "2018-03-kent-street.csv", police_uk, sizeof police_uk - 1);
  g_autofree char *bad = write_file (f, "bad.csv", "what,where\nsomething,here\n", -1);

  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("BB_TEST_CLI");
      int status;

      g_clear_object (&f->store);
      if (g_strcmp0 (which, "good") == 0)
        status = bb_import_cli_run (5, (char *[]) { "beatbook", "--import", good, "-q", f->station, NULL });
      else if (g_strcmp0 (which, "skip") == 0)
        status = bb_import_cli_run (7, (char *[]) { "beatbook", "--import", good, "--on-missing-position", "skip",
                                                    "--dry-run", f->station, NULL });
      else if (g_strcmp0 (which, "help") == 0)
        status = bb_import_cli_run (4, (char *[]) { "beatbook", "--import", good, "--help", NULL });
      else
        status = bb_import_cli_run (4, (char *[]) { "beatbook", "--import", bad, f->station, NULL });
      fflush (stdout);
      fixture_tear_down (f, NULL);
      exit (status);
    }

  g_setenv ("BB_TEST_CLI", "good", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*rows read:             6*imported:              5*without a position:    1*"
                             "skipped:               1*line 6, column “Crime type”: “Other crime” is not mapped*");

  g_setenv ("BB_TEST_CLI", "skip", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Trial import*would be imported:     4*skipped:               2*line 5: it has no position*");

  g_setenv ("BB_TEST_CLI", "help", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*--on-missing-position*");

  g_setenv ("BB_TEST_CLI", "bad", TRUE);
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*bad.csv: choose the column that holds the category*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/police-uk", test_police_uk);
  ADD ("/import/hundred-block-utm", test_hundred_block_utm);
  ADD ("/import/cyrillic-semicolons", test_cyrillic_semicolons);
  ADD ("/import/ambiguous-dates", test_ambiguous_dates);
  ADD ("/import/broken-rows", test_broken_rows);
  ADD ("/import/geojson-legacy-crs", test_geojson_legacy_crs);
  ADD ("/import/all-or-nothing", test_all_or_nothing);
  ADD ("/import/read-beside-write", test_read_beside_write);
  ADD ("/import/districts", test_districts);
  ADD ("/import/async", test_async);
  ADD ("/import/cli", test_cli);
#undef ADD

  return g_test_run ();
}
