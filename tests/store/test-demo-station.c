/* test-demo-station.c: the demo station writer: determinism, contents, cancellation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>

#include "bb-demo-station.h"
#include "bb-demo-town.h"
#include "bb-geo.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("beatbook-demo-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A digest of every table's rows, in a fixed order.  The audit log's time
 * and the ids it names for the taxonomy bb_store_create() first wrote are
 * the wall clock's and random by design, so the log is compared without
 * them; so are the exchange's versions (sync_*), which are the station
 * clock's. */
static char *
station_digest (const char *path)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *tables = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *digest;

  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                          " AND name NOT LIKE 'incident_fts%' AND name NOT LIKE 'sync_%' ORDER BY name", -1, &tables, NULL);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = NULL;
      sqlite3_stmt *rows = NULL;
      GString *order = g_string_new (NULL);
      int n_columns;

      const char *select = NULL;
      g_autofree char *select_all = NULL;

      if (g_str_equal (table, "audit_log"))
        select = "SELECT seq, user_name, action, table_name, detail FROM audit_log";
      else
        select = select_all = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
      n_columns = sqlite3_column_count (rows);
      sqlite3_finalize (rows);
      for (int c = 1; c <= n_columns; c++)
        g_string_append_printf (order, c > 1 ? ",%d" : "%d", c);
      sql = g_strdup_printf ("%s ORDER BY %s", select, order->str);
      g_string_free (order, TRUE);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) table, -1);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int c = 0; c < n_columns; c++)
          {
            const guchar *text = sqlite3_column_text (rows, c);

            g_checksum_update (sum, text != NULL ? text : (const guchar *) "\x01NULL", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  digest = g_strdup (g_checksum_get_string (sum));
  return digest;
}

static char *
make_station (Fixture    *f,
              const char *name,
              guint64     seed,
              guint       n_incidents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  BbDemoOptions options;

  bb_demo_options_init_default (&options);
  options.seed = seed;
  options.n_incidents = n_incidents;
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return path;
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = make_station (f, "a.beatbook", 7, 3000);
  g_autofree char *b = make_station (f, "b.beatbook", 7, 3000);
  g_autofree char *c = make_station (f, "c.beatbook", 8, 3000);
  g_autofree char *da = station_digest (a);
  g_autofree char *db = station_digest (b);
  g_autofree char *dc = station_digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
check_geojson_polygon (JsonArray *rings)
{
  JsonArray *ring = json_array_get_array_element (rings, 0);
  guint n = json_array_get_length (ring);
  JsonArray *first = json_array_get_array_element (ring, 0);
  JsonArray *last = json_array_get_array_element (ring, n - 1);
  double area = 0;

  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpfloat (json_array_get_double_element (first, 0), ==, json_array_get_double_element (last, 0));
  g_assert_cmpfloat (json_array_get_double_element (first, 1), ==, json_array_get_double_element (last, 1));
  for (guint i = 0; i + 1 < n; i++)
    {
      JsonArray *p = json_array_get_array_element (ring, i);
      JsonArray *q = json_array_get_array_element (ring, i + 1);

      area += json_array_get_double_element (p, 0) * json_array_get_double_element (q, 1)
              - json_array_get_double_element (q, 0) * json_array_get_double_element (p, 1);
    }
  /* RFC 7946: exterior rings are counter-clockwise */
  g_assert_cmpfloat (area, >, 0);
}

static void
test_contents (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autofree char *path = g_build_filename (f->dir, "demo.beatbook", NULL);
  g_autofree char *name = NULL;
  BbDemoOptions options;
  double last = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  BbLonLat *rings[BB_DEMO_TOWN_N_DISTRICTS] = { NULL };
  guint n_ring[BB_DEMO_TOWN_N_DISTRICTS];
  char *ids[BB_DEMO_TOWN_N_DISTRICTS] = { NULL };
  guint n_districts = 0, checked = 0;
  gint64 n, restricted, in_top;

  bb_demo_options_init_default (&options);
  store = bb_demo_station_create (path, &options, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  /* labelled as demo data wherever it shows */
  g_assert_true (bb_store_is_demo (store));
  name = bb_store_dup_station_name (store);
  g_assert_true (g_str_has_prefix (name, "Demo station"));
  g_assert_nonnull (strstr (name, "fictional"));

  db = open_db (path);
  n = query_int (db, "SELECT count(*) FROM incident");
  g_assert_cmpint (n, ==, BB_DEMO_DEFAULT_N_INCIDENTS);
  g_assert_cmpint (n, >=, 20000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM station WHERE is_demo = 1"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM station WHERE id = (SELECT value FROM meta WHERE key = 'local_station_id')"), ==, 1);
  g_assert_cmpstr (bb_store_get_station_id (store), !=, NULL);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM incident WHERE station_id <> (SELECT id FROM station)"), ==, 0);

  /* districts with officers and polygons */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM district"), ==, 12);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM district AS d JOIN officer AS o ON o.id = d.officer_id"
                                  " AND o.district_id = d.id WHERE d.boundary IS NOT NULL AND d.min_lon < d.max_lon"
                                  " AND d.population > 0 AND o.phone <> '' AND o.email <> ''"), ==, 12);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM partner"), >=, 30);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT kind) FROM partner"), ==, 10);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT district_id) FROM advisory_member WHERE role = 'chair'"), ==, 12);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT district_id) FROM advisory_member WHERE role = 'secretary'"), ==, 12);

  /* every positioned incident lies in the district whose polygon holds it */
  sqlite3_prepare_v2 (db, "SELECT id, boundary FROM district ORDER BY id", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 1), &error);
      JsonObject *geometry;
      JsonArray *ring;

      g_assert_no_error (error);
      geometry = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Polygon");
      check_geojson_polygon (json_object_get_array_member (geometry, "coordinates"));
      ring = json_array_get_array_element (json_object_get_array_member (geometry, "coordinates"), 0);
      n_ring[n_districts] = json_array_get_length (ring);
      rings[n_districts] = g_new (BbLonLat, n_ring[n_districts]);
      for (guint i = 0; i < n_ring[n_districts]; i++)
        {
          rings[n_districts][i].lon = json_array_get_double_element (json_array_get_array_element (ring, i), 0);
          rings[n_districts][i].lat = json_array_get_double_element (json_array_get_array_element (ring, i), 1);
        }
      ids[n_districts++] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "SELECT lon, lat, district_id FROM incident WHERE lon IS NOT NULL", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double lon = sqlite3_column_double (stmt, 0), lat = sqlite3_column_double (stmt, 1);
      const char *district = (const char *) sqlite3_column_text (stmt, 2);
      guint holders = 0;

      for (guint d = 0; d < n_districts; d++)
        if (bb_ring_contains (rings[d], n_ring[d], lon, lat))
          {
            holders++;
            g_assert_cmpstr (district, ==, ids[d]);
          }
      g_assert_cmpuint (holders, ==, 1);
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, >, 0.97 * n);
  for (guint d = 0; d < n_districts; d++)
    {
      g_free (rings[d]);
      g_free (ids[d]);
    }

  /* some are restricted, 2–3 %, all domestic violence among them */
  restricted = query_int (db, "SELECT count(*) FROM incident WHERE restricted = 1");
  g_assert_cmpfloat (restricted / (double) n, >, 0.015);
  g_assert_cmpfloat (restricted / (double) n, <, 0.035);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM incident AS i JOIN category AS c ON c.id = i.category_id"
                                  " WHERE c.code = 'domestic_violence' AND i.restricted = 0"), ==, 0);
  /* concerns beside crimes, from residents' channels */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT source) FROM incident"), >=, 6);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT status) FROM incident"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM incident AS i JOIN category AS c ON c.id = i.category_id"
                                  " WHERE c.kind = 'environment'"), >, n / 20);
  /* two years */
  g_assert_cmpint (query_int (db, "SELECT max(occurred_start) - min(occurred_start) FROM incident"), >, 725 * 86400);
  g_assert_cmpint (query_int (db, "SELECT max(occurred_start) FROM incident"), <, BB_DEMO_DEFAULT_END_TIME);
  /* full-text search sees the descriptions */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'bicycle'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM incident_fts"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name = 'incident_fts_insert'"), ==, 1);
  /* the audit log saw every incident created */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE table_name = 'incident'"
                                  " AND action = 'create'"), ==, n);

  /* hot spots: the busiest 2 % of the 100 m cells hold a large share */
  in_top = query_int (db,
    /* 100 m cells: a degree of longitude is about 84 km at 41° north */
    "WITH cells AS (SELECT count(*) AS k FROM incident WHERE lon IS NOT NULL"
    "  GROUP BY CAST (lon * 84000 / 100 AS INTEGER), CAST (lat * 111200 / 100 AS INTEGER)),"
    " ranked AS (SELECT k, row_number () OVER (ORDER BY k DESC) AS r, count(*) OVER () AS total FROM cells)"
    " SELECT sum(k) FROM ranked WHERE r <= total / 50");
  g_test_message ("busiest 2 %% of cells: %.1f %% of incidents", 100.0 * in_top / checked);
  g_assert_cmpfloat (in_top / (double) checked, >, 0.25);

  /* problems at every SARA stage, with what the board shows */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT stage) FROM problem"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM problem WHERE stage IN ('response', 'assessment', 'closed')"
                                  " AND id NOT IN (SELECT problem_id FROM response)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM problem WHERE id NOT IN (SELECT problem_id FROM problem_category)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM problem WHERE area IS NOT NULL AND json_extract (area, '$.type') = 'Polygon'"), >=, 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM task WHERE response_id IS NOT NULL AND due_date IS NOT NULL"
                                  " AND (assignee_officer_id IS NOT NULL OR assignee_partner_id IS NOT NULL)"), >=, 10);
  /* the safety plan */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM plan_problem"), >=, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM indicator WHERE baseline IS NOT NULL AND target IS NOT NULL"
                                  " AND current IS NOT NULL"), >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM task WHERE plan_id IS NOT NULL"), >=, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM plan_review"), >=, 3);

  /* a year of events around the end, with a recurring series and minutes */
  g_assert_cmpint (query_int (db, "SELECT max(start_at) - min(start_at) FROM event"), >, 330 * 86400);
  g_assert_cmpint (query_int (db, "SELECT min(start_at) FROM event"), <, BB_DEMO_DEFAULT_END_TIME - 240 * 86400);
  g_assert_cmpint (query_int (db, "SELECT max(start_at) FROM event"), >, BB_DEMO_DEFAULT_END_TIME + 30 * 86400);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event WHERE rrule LIKE 'FREQ=MONTHLY%'"), ==, 12);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event WHERE series_id IS NOT NULL AND minutes <> ''"), >=, 12 * 8);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT kind) FROM event"), >=, 9);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event WHERE kind = 'press_briefing'"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM concern WHERE incident_id IS NOT NULL"), >, 10);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM concern WHERE problem_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event_attendee"), >, 200);

  /* the survey: two rounds a year apart, the second better where the
   * problems were worked on */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey"), ==, 2);
  /* the default questionnaire: the five LSES blocks and one of knowing
   * and trusting the police, the first block's questions the concerns */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT block) FROM question"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM question WHERE concern = 1"), ==, 7);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM question WHERE code = 'block6/q1' AND polarity = 1"), ==, 1);
  /* a city programme's published figures, one a district and year */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_aggregate"), ==, 4 * 12);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_aggregate WHERE district_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_answer WHERE value = 'dont_know'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT min(n) FROM (SELECT count(*) AS n FROM survey_response GROUP BY survey_id)"), >=, 300);
  g_assert_cmpint (query_int (db, "SELECT julianday (max(period_start)) - julianday (min(period_start)) FROM survey"), >=, 350);
  g_assert_cmpint (query_int (db,
    "SELECT (SELECT avg(CAST (a.value AS REAL)) FROM survey_answer AS a JOIN question AS q ON q.id = a.question_id"
    "        JOIN survey_response AS r ON r.id = a.response_id JOIN survey AS s ON s.id = r.survey_id"
    "        WHERE q.code = 'block3/q1' AND s.period_start = (SELECT max(period_start) FROM survey))"
    "     > (SELECT avg(CAST (a.value AS REAL)) FROM survey_answer AS a JOIN question AS q ON q.id = a.question_id"
    "        JOIN survey_response AS r ON r.id = a.response_id JOIN survey AS s ON s.id = r.survey_id"
    "        WHERE q.code = 'block3/q1' AND s.period_start = (SELECT min(period_start) FROM survey))"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_response WHERE district_id IS NULL OR age_band IS NULL"), ==, 0);

  /* the map layers are valid GeoJSON FeatureCollections */
  sqlite3_prepare_v2 (db, "SELECT kind, geojson FROM geo_layer ORDER BY sort_order", -1, &stmt, NULL);
  checked = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 1), &error);
      JsonObject *collection;
      JsonArray *features;
      gboolean bridge = FALSE, primary = FALSE;

      g_assert_no_error (error);
      collection = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "FeatureCollection");
      features = json_object_get_array_member (collection, "features");
      g_assert_cmpuint (json_array_get_length (features), >, 0);
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonObject *feature = json_array_get_object_element (features, i);
          JsonObject *properties = json_object_get_object_member (feature, "properties");
          JsonObject *geometry = json_object_get_object_member (feature, "geometry");
          const char *type = json_object_get_string_member (geometry, "type");

          g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
          g_assert_true (json_object_has_member (properties, "name"));
          if (g_str_equal (type, "Polygon"))
            check_geojson_polygon (json_object_get_array_member (geometry, "coordinates"));
          else if (g_str_equal (type, "LineString"))
            g_assert_cmpuint (json_array_get_length (json_object_get_array_member (geometry, "coordinates")), >=, 2);
          else
            g_assert_cmpstr (type, ==, "Point");
          if (g_str_equal (kind, "streets"))
            {
              const char *klass = json_object_get_string_member (properties, "class");

              g_assert_true (g_str_equal (klass, "primary") || g_str_equal (klass, "secondary")
                             || g_str_equal (klass, "residential"));
              primary |= g_str_equal (klass, "primary");
              bridge |= json_object_get_boolean_member_with_default (properties, "bridge", FALSE);
            }
          if (g_str_equal (kind, "landmarks"))
            g_assert_true (json_object_has_member (properties, "kind"));
        }
      if (g_str_equal (kind, "streets"))
        g_assert_true (primary && bridge);
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT kind) FROM geo_layer"), ==, 4);

  /* every record dated from the data, not the wall clock */
  g_assert_cmpint (query_int (db, "SELECT max(updated_at) FROM incident"), <=, BB_DEMO_DEFAULT_END_TIME * G_USEC_PER_SEC);
  g_assert_cmpint (query_int (db, "SELECT max(created_at) FROM category"), <, BB_DEMO_DEFAULT_END_TIME * G_USEC_PER_SEC);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);
}

static void
cancel_cb (double   fraction,
           gpointer data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (data);
}

static void
test_cancel_leaves_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "cancelled.beatbook", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  BbDemoOptions options;
  BbStore *store;

  bb_demo_options_init_default (&options);
  options.n_incidents = 50000;
  store = bb_demo_station_create (path, &options, cancel_cb, cancellable, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
test_refuses_existing_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "taken.beatbook", NULL);
  g_autofree char *contents = NULL;
  BbStore *store;

  g_assert_true (g_file_set_contents (path, "not mine", -1, NULL));
  store = bb_demo_station_create (path, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS);
  g_assert_null (store);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not mine");
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "incidents.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  g_auto(GStrv) lines = NULL;
  BbDemoOptions options;
  guint n_lines;

  bb_demo_options_init_default (&options);
  options.n_incidents = 2000;
  g_assert_true (bb_demo_incidents_write_csv (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  n_lines = g_strv_length (lines);
  /* header, 2000 rows, and the empty string after the last newline */
  g_assert_cmpuint (n_lines, ==, 2002);
  g_assert_cmpstr (lines[0], ==, "id,datetime,category,lon,lat,address,description");
  g_assert_true (g_str_has_prefix (lines[1], "KB-0000001,20"));
  g_assert_true (g_regex_match_simple ("^KB-[0-9]{7},[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,[a-z_.]+,"
                                       "(-?[0-9]+\\.[0-9]{6},-?[0-9]+\\.[0-9]{6}|,),\".*\",\".*\"$",
                                       lines[1], 0, 0));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo-station/deterministic", Fixture, NULL, fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/demo-station/contents", Fixture, NULL, fixture_set_up, test_contents, fixture_tear_down);
  g_test_add ("/demo-station/cancel-leaves-nothing", Fixture, NULL, fixture_set_up,
              test_cancel_leaves_nothing, fixture_tear_down);
  g_test_add ("/demo-station/refuses-existing-file", Fixture, NULL, fixture_set_up,
              test_refuses_existing_file, fixture_tear_down);
  g_test_add ("/demo-station/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);

  return g_test_run ();
}
