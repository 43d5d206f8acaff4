/* test-store-map.c: the map's queries read districts, layers, categories and incident points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-store-map.h"
#include "bb-store-private.h"

static void
exec (BbStore    *store,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (bb_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static BbStore *
fixture_station (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-store-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "town.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_store_create (path, "Town", &error);

  g_assert_no_error (error);
  /* Only the fixture's own categories, whatever the store seeds. */
  exec (store, "PRAGMA foreign_keys = OFF; DELETE FROM category; PRAGMA foreign_keys = ON");
  exec (store,
        "INSERT INTO category (id, station_id, code, name, kind, colour, sort_order, created_at, updated_at) VALUES "
        " ('c-theft', 's', 'theft', 'Theft', 'crime', '#e01b24', 1, 0, 0),"
        " ('c-bike', 's', 'theft.bike', 'Bicycle theft', 'crime', '#c01c28', 2, 0, 0),"
        " ('c-light', 's', 'light', 'Street lighting', 'environment', '#f5c211', 3, 0, 0);"
        "UPDATE category SET parent_id = 'c-theft' WHERE id = 'c-bike';"
        "INSERT INTO officer (id, station_id, name, rank, phone, created_at, updated_at) VALUES "
        " ('o1', 's', 'Ana Hoxha', 'Inspector', '+355 4 123', 0, 0);"
        "INSERT INTO district (id, station_id, name, code, boundary, population, officer_id, created_at, updated_at) VALUES "
        " ('d1', 's', 'Riverside', 'D01', '{\"type\":\"Polygon\",\"coordinates\":[[[19,41],[19.1,41],[19.1,41.1],[19,41]]]}', 4200, 'o1', 0, 0),"
        " ('d2', 's', 'Old Town', 'D02', NULL, NULL, NULL, 0, 0);"
        "INSERT INTO geo_layer (id, station_id, name, kind, geojson, attribution, sort_order, created_at, updated_at) VALUES "
        " ('g1', 's', 'River', 'water', '{\"type\":\"FeatureCollection\",\"features\":[]}', 'Town survey', 1, 0, 0);"
        "INSERT INTO incident (id, station_id, category_id, occurred_start, lat, lon, source, restricted, created_at, updated_at) VALUES "
        " ('i1', 's', 'c-theft', 1000, 41.05, 19.05, 'patrol', 0, 0, 0),"
        " ('i2', 's', 'c-light', 2000, 41.06, 19.04, 'resident', 0, 0, 0),"
        " ('i3', 's', 'c-bike', 3000, 41.07, 19.03, 'patrol', 1, 0, 0),"
        " ('i4', 's', 'c-bike', 4000, NULL, NULL, 'patrol', 0, 0, 0);");
  return store;
}

static void
test_load (void)
{
  g_autoptr(BbStore) store = fixture_station ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) districts = bb_store_map_list_districts (store, &error);
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  BbMapDistrict *d;
  BbMapPoint *p;
  gint64 rowids[2];

  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 2);
  d = g_ptr_array_index (districts, 0);
  g_assert_cmpstr (d->name, ==, "Riverside");
  g_assert_cmpstr (d->officer_name, ==, "Ana Hoxha");
  g_assert_cmpstr (d->officer_phone, ==, "+355 4 123");
  g_assert_cmpint (d->population, ==, 4200);
  d = g_ptr_array_index (districts, 1);
  g_assert_null (d->officer_name);
  g_assert_null (d->boundary);
  g_assert_cmpint (d->population, ==, -1);

  layers = bb_store_map_list_geo_layers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (((BbMapGeoLayer *) g_ptr_array_index (layers, 0))->attribution, ==, "Town survey");

  categories = bb_store_map_list_categories (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 3);
  g_assert_cmpuint (((BbMapCategory *) g_ptr_array_index (categories, 0))->colour, ==, 0xe01b24);
  g_assert_cmpint (((BbMapCategory *) g_ptr_array_index (categories, 1))->parent, ==, 0);

  points = bb_store_map_load_points (store, categories, &error);
  g_assert_no_error (error);
  /* The incident without a position is not on the map. */
  g_assert_cmpuint (points->len, ==, 3);
  for (guint i = 0; i < points->len; i++)
    {
      p = &g_array_index (points, BbMapPoint, i);
      if (p->occurred == 3000)
        {
          g_assert_cmpuint (p->category, ==, 1);
          g_assert_cmpuint (p->flags & BB_MAP_POINT_RESTRICTED, !=, 0);
          g_assert_cmpfloat_with_epsilon (p->lat, 41.07, 1e-5);
          g_assert_cmpfloat_with_epsilon (p->lon, 19.03, 1e-5);
          rowids[0] = p->rowid;
        }
      else if (p->occurred == 2000)
        {
          g_assert_cmpuint (p->category, ==, 2);
          g_assert_cmpuint (p->flags, ==, 0);
          rowids[1] = p->rowid;
        }
    }

  summaries = bb_store_map_describe_incidents (store, rowids, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (((BbMapIncidentSummary *) g_ptr_array_index (summaries, 0))->category_name, ==, "Bicycle theft");
  g_assert_true (((BbMapIncidentSummary *) g_ptr_array_index (summaries, 0))->restricted);
}

static void
assert_same_points (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      BbMapPoint *x = &g_array_index (a, BbMapPoint, i), *y = &g_array_index (b, BbMapPoint, i);

      g_assert_cmpint (x->rowid, ==, y->rowid);
      g_assert_cmpint (x->occurred, ==, y->occurred);
      g_assert_cmpfloat (x->lon, ==, y->lon);
      g_assert_cmpuint (x->category, ==, y->category);
      g_assert_cmpuint (x->flags, ==, y->flags);
      g_assert_cmpuint (x->district, ==, y->district);
    }
}

/* The points of a period are those of the whole station that happened
 * in it, the same in every field, read through the time index or over
 * the whole table. */
static void
test_load_between (void)
{
  g_autoptr(BbStore) store = fixture_station ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) districts = bb_store_map_list_districts (store, &error);
  g_autoptr(GPtrArray) categories = bb_store_map_list_categories (store, &error);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) every = NULL;

  g_assert_no_error (error);
  exec (store, "UPDATE incident SET district_id = 'd1' WHERE id IN ('i1', 'i3')");
  for (guint round = 0; round < 2; round++)
    {
      static const gint64 periods[][2] = { { 1500, 3001 }, { 0, 1000 }, { 1000, 1001 }, { 5000, 6000 } };
      static const guint expected[] = { 2, 0, 1, 0 };

      g_clear_pointer (&all, g_array_unref);
      all = bb_store_map_load_points_full (store, categories, districts, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (periods); k++)
        {
          g_autoptr(GArray) some = bb_store_map_load_points_between (store, categories, districts,
                                                                     periods[k][0], periods[k][1], &error);
          g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (BbMapPoint));

          g_assert_no_error (error);
          for (guint i = 0; i < all->len; i++)
            {
              BbMapPoint *p = &g_array_index (all, BbMapPoint, i);

              if (p->occurred >= periods[k][0] && p->occurred < periods[k][1])
                g_array_append_val (kept, *p);
            }
          g_assert_cmpuint (some->len, ==, expected[k]);
          assert_same_points (some, kept);
        }
      /* Many incidents long after: a period holds few of the station's. */
      if (round == 0)
        for (guint i = 0; i < 50; i++)
          {
            g_autofree char *sql = g_strdup_printf (
              "INSERT INTO incident (id, station_id, category_id, occurred_start, lat, lon, source, restricted,"
              " created_at, updated_at) VALUES ('late%u', 's', 'c-light', %u, 41.05, 19.05, 'patrol', 0, 0, 0)",
              i, 100000 + i);

            exec (store, sql);
          }
    }
  every = bb_store_map_load_points_between (store, categories, districts, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_same_points (every, all);
}

static void
test_settings (void)
{
  g_autoptr(BbStore) store = fixture_station ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_null (bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES));
  g_assert_true (bb_store_map_set_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES, "/maps/town.mbtiles", &error));
  g_assert_no_error (error);
  value = bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES);
  g_assert_cmpstr (value, ==, "/maps/town.mbtiles");
  g_assert_true (bb_store_map_set_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES, NULL, &error));
  g_assert_null (bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/store/load", test_load);
  g_test_add_func ("/map/store/load-between", test_load_between);
  g_test_add_func ("/map/store/settings", test_settings);
  return g_test_run ();
}
