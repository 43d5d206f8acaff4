/* test-store-incidents.c: finding incidents by filter and text, paging, and placing them in districts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

typedef struct {
  char    *dir;
  BbStore *store;
  char    *north;   /* district ids */
  char    *south;
} Fixture;

/* Two districts side by side: North is a square with a hole (a park that
 * belongs to no district), South a MultiPolygon of two squares. */
#define NORTH_BOUNDARY \
  "{\"type\":\"Polygon\",\"coordinates\":[" \
  "[[24.00,56.10],[24.20,56.10],[24.20,56.20],[24.00,56.20],[24.00,56.10]]," \
  "[[24.08,56.14],[24.12,56.14],[24.12,56.16],[24.08,56.16],[24.08,56.14]]]}"
#define SOUTH_BOUNDARY \
  "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" \
  "[[[24.00,56.00],[24.10,56.00],[24.10,56.10],[24.00,56.10],[24.00,56.00]]]," \
  "[[[24.30,56.00],[24.40,56.00],[24.40,56.10],[24.30,56.10],[24.30,56.00]]]]}}"

static char *
add_district (BbStore    *store,
              const char *name,
              const char *boundary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDistrict) d = bb_district_new ();

  d->name = g_strdup (name);
  d->boundary = g_strdup (boundary);
  g_assert_true (bb_store_district_insert (store, d, &error));
  g_assert_no_error (error);
  return g_strdup (d->id);
}

static BbIncident *
add_incident (BbStore    *store,
              const char *category_code,
              gint64      when,
              double      lon,
              double      lat,
              const char *description,
              gboolean    restricted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (store, category_code, &error);
  BbIncident *incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (c->id);
  incident->occurred_start = when;
  incident->lon = lon;
  incident->lat = lat;
  incident->description = g_strdup (description);
  incident->restricted = restricted;
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  return incident;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Test Station", &error);
  g_assert_no_error (error);
  f->north = add_district (f->store, "North", NORTH_BOUNDARY);
  f->south = add_district (f->store, "South", SOUTH_BOUNDARY);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->north);
  g_free (f->south);
}

static char *
district_at (BbStore *store,
             double   lon,
             double   lat)
{
  g_autoptr(GError) error = NULL;
  char *id = bb_store_district_at (store, lon, lat, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_district_assignment (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = NULL;
  g_autoptr(BbDistrict) north = NULL;
  g_autoptr(BbDistrict) bad = bb_district_new ();
  char *id;

  id = district_at (f->store, 24.05, 56.12);
  g_assert_cmpstr (id, ==, f->north);
  g_free (id);
  /* In the park (the hole): no district. */
  g_assert_null (district_at (f->store, 24.10, 56.15));
  /* Both parts of the MultiPolygon. */
  id = district_at (f->store, 24.05, 56.05);
  g_assert_cmpstr (id, ==, f->south);
  g_free (id);
  id = district_at (f->store, 24.35, 56.05);
  g_assert_cmpstr (id, ==, f->south);
  g_free (id);
  /* Between the two parts, and far away. */
  g_assert_null (district_at (f->store, 24.25, 56.05));
  g_assert_null (district_at (f->store, 10.0, 50.0));

  incident = add_incident (f->store, "robbery", 1714550400, 24.15, 56.18, "Bag snatched", FALSE);
  g_assert_cmpstr (incident->district_id, ==, f->north);

  /* Moving North's boundary away is seen at once. */
  north = bb_store_district_get (f->store, f->north, &error);
  g_free (north->boundary);
  north->boundary = g_strdup ("{\"type\":\"Polygon\",\"coordinates\":[[[25,57],[25.1,57],[25.1,57.1],[25,57.1],[25,57]]]}");
  g_assert_true (bb_store_district_update (f->store, north, &error));
  g_assert_no_error (error);
  g_assert_null (district_at (f->store, 24.05, 56.12));
  id = district_at (f->store, 25.05, 57.05);
  g_assert_cmpstr (id, ==, f->north);
  g_free (id);

  /* A district chosen by hand stays. */
  incident->district_overridden = TRUE;
  g_free (incident->district_id);
  incident->district_id = g_strdup (f->south);
  g_assert_true (bb_store_incident_update (f->store, incident, &error));
  g_assert_cmpstr (incident->district_id, ==, f->south);

  /* A boundary that is not a polygon is refused. */
  bad->name = g_strdup ("Nowhere");
  bad->boundary = g_strdup ("{\"type\":\"Point\",\"coordinates\":[24,56]}");
  g_assert_false (bb_store_district_insert (f->store, bad, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nowhere"));
}

static guint
query_len (BbStore                *store,
           const BbIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = bb_store_incident_query (store, filter, BB_INCIDENT_SORT_TIME, TRUE, 0, 0, &error);
  gint64 n;

  g_assert_no_error (error);
  n = bb_store_incident_count (store, filter, &error);
  g_assert_no_error (error);
  /* Counting and finding agree. */
  g_assert_cmpint (n, ==, found->len);
  return found->len;
}

static void
test_filters_and_text (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_incident_free);
  g_autoptr(BbCategory) theft = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 day = 86400, t0 = 1714521600; /* 2024-05-01 */

  g_ptr_array_add (kept, add_incident (f->store, "theft.bicycle", t0, 24.05, 56.12,
                                       "Bicycle stolen outside the café on Market Square", FALSE));
  g_ptr_array_add (kept, add_incident (f->store, "theft.shop", t0 + day, 24.05, 56.05,
                                       "Shoplifting at the corner shop", FALSE));
  g_ptr_array_add (kept, add_incident (f->store, "domestic_violence", t0 + 2 * day, 24.06, 56.13,
                                       "Neighbours heard shouting", TRUE));
  g_ptr_array_add (kept, add_incident (f->store, "street_lighting", t0 + 3 * day, 24.35, 56.05,
                                       "Street lights out in the tunnel under the railway", FALSE));
  g_ptr_array_add (kept, add_incident (f->store, "stray_dogs", t0 + 40 * day, 24.36, 56.06,
                                       "Pack of stray dogs near the school", FALSE));

  g_assert_cmpuint (query_len (f->store, NULL), ==, 5);
  g_assert_cmpuint (query_len (f->store, filter), ==, 5);

  /* Full text: a word, a prefix, a word without its accent, two words. */
  bb_incident_filter_set_text (filter, "bicycle");
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  bb_incident_filter_set_text (filter, "shop");
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  bb_incident_filter_set_text (filter, "cafe");
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  bb_incident_filter_set_text (filter, "street tunnel");
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  bb_incident_filter_set_text (filter, "the");
  g_assert_cmpuint (query_len (f->store, filter), ==, 4);
  /* Operators typed by a person are words, not syntax. */
  bb_incident_filter_set_text (filter, "dogs OR bicycle");
  g_assert_cmpuint (query_len (f->store, filter), ==, 0);
  bb_incident_filter_set_text (filter, "\"unbalanced");
  g_assert_cmpuint (query_len (f->store, filter), ==, 0);
  bb_incident_filter_set_text (filter, NULL);

  /* The address is searched too, and an edit is found at once. */
  {
    BbIncident *dogs = kept->pdata[4];
    g_free (dogs->address);
    dogs->address = g_strdup ("Lindenallee 4");
    g_assert_true (bb_store_incident_update (f->store, dogs, &error));
    g_assert_no_error (error);
    bb_incident_filter_set_text (filter, "lindenallee");
    g_assert_cmpuint (query_len (f->store, filter), ==, 1);
    bb_incident_filter_set_text (filter, "pack");
    g_assert_cmpuint (query_len (f->store, filter), ==, 1);
    bb_incident_filter_set_text (filter, NULL);
  }

  /* A parent category selects its subcategories. */
  theft = bb_store_category_get_by_code (f->store, "theft", &error);
  {
    const char *ids[] = { theft->id, NULL };
    bb_incident_filter_set_category_ids (filter, ids);
    g_assert_cmpuint (query_len (f->store, filter), ==, 2);
    bb_incident_filter_set_category_ids (filter, NULL);
  }

  /* Districts (from the positions), statuses, sources. */
  {
    const char *ids[] = { f->south, NULL };
    const char *statuses[] = { "cleared", NULL };
    const char *sources[] = { "patrol", NULL };
    bb_incident_filter_set_district_ids (filter, ids);
    g_assert_cmpuint (query_len (f->store, filter), ==, 3);
    bb_incident_filter_set_district_ids (filter, NULL);
    bb_incident_filter_set_statuses (filter, statuses);
    g_assert_cmpuint (query_len (f->store, filter), ==, 0);
    bb_incident_filter_set_statuses (filter, NULL);
    bb_incident_filter_set_sources (filter, sources);
    g_assert_cmpuint (query_len (f->store, filter), ==, 5);
    bb_incident_filter_set_sources (filter, NULL);
  }

  /* Restricted incidents. */
  filter->restricted = BB_RESTRICTED_ONLY;
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  filter->restricted = BB_RESTRICTED_EXCLUDE;
  g_assert_cmpuint (query_len (f->store, filter), ==, 4);
  filter->restricted = BB_RESTRICTED_ANY;

  /* Time: [start, end). */
  bb_incident_filter_set_time_range (filter, t0 + day, t0 + 3 * day);
  g_assert_cmpuint (query_len (f->store, filter), ==, 2);
  bb_incident_filter_set_time_range (filter, t0 + 30 * day, BB_UNSET_TIME);
  g_assert_cmpuint (query_len (f->store, filter), ==, 1);
  bb_incident_filter_set_time_range (filter, t0 + 3 * day, t0);
  g_assert_cmpint (bb_store_incident_count (f->store, filter, &error), ==, -1);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bb_incident_filter_set_time_range (filter, BB_UNSET_TIME, BB_UNSET_TIME);

  /* A map area. */
  {
    BbBBox box = { 24.30, 56.00, 24.40, 56.10 };
    bb_incident_filter_set_bbox (filter, &box);
    g_assert_cmpuint (query_len (f->store, filter), ==, 2);
  }
}

static void
test_sorting_and_paging (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const guint n = 57;

  /* Pairs of incidents at the same time, so ties must be broken. */
  for (guint i = 0; i < n; i++)
    bb_incident_free (add_incident (f->store, i % 2 ? "assault" : "robbery", 1714521600 + (i / 2) * 3600,
                                    24.05, 56.12, "Incident", FALSE));

  all = bb_store_incident_query (f->store, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (((BbIncident *) all->pdata[i - 1])->occurred_start, >=,
                     ((BbIncident *) all->pdata[i])->occurred_start);

  /* Pages of 10 cover everything once, in the same order. */
  for (guint offset = 0; offset < n; offset += 10)
    {
      g_autoptr(GPtrArray) page = bb_store_incident_query (f->store, NULL, BB_INCIDENT_SORT_TIME, TRUE,
                                                           offset, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (10, n - offset));
      for (guint i = 0; i < page->len; i++)
        {
          BbIncident *incident = page->pdata[i];
          g_assert_cmpstr (incident->id, ==, ((BbIncident *) all->pdata[offset + i])->id);
          g_assert_true (g_hash_table_add (seen, g_strdup (incident->id)));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);

  /* Row numbers, then the rows of one screen, in that order. */
  rowids = bb_store_incident_rowids (f->store, NULL, BB_INCIDENT_SORT_TIME, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, n);
  {
    g_autoptr(GPtrArray) screen = bb_store_incident_get_by_rowids (f->store, &g_array_index (rowids, gint64, 20),
                                                                   5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (screen->len, ==, 5);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpstr (((BbIncident *) screen->pdata[i])->id, ==, ((BbIncident *) all->pdata[20 + i])->id);
  }

  /* By category name: Assault before Robbery, ascending. */
  {
    g_autoptr(GPtrArray) by_category = bb_store_incident_query (f->store, NULL, BB_INCIDENT_SORT_CATEGORY, FALSE,
                                                                0, 0, &error);
    g_autoptr(BbCategory) assault = bb_store_category_get_by_code (f->store, "assault", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (by_category->len, ==, n);
    g_assert_cmpstr (((BbIncident *) by_category->pdata[0])->category_id, ==, assault->id);
    g_assert_cmpstr (((BbIncident *) by_category->pdata[n / 2 - 1])->category_id, ==, assault->id);
    g_assert_cmpstr (((BbIncident *) by_category->pdata[n / 2])->category_id, !=, assault->id);
  }
}

/* The counts of a comparison of periods, read in one pass, against known
 * answers and against a count a figure; through the time index and over
 * the whole table alike. */
static void
test_count_periods (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) theft = bb_store_category_get_by_code (f->store, "theft", &error);
  g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (f->store, "burglary", &error);
  const gint64 day = 86400, t0 = 1714521600; /* 2024-05-01 */
  /* A and B overlap; C is far after, the time between them unread. */
  const gint64 bounds[] = { t0, t0 + 10 * day, t0 + 5 * day, t0 + 15 * day, t0 + 100 * day, t0 + 110 * day };
  const char *ids[] = { theft->id, burglary->id, NULL };
  static const gint64 expected[] = { 2, 1, 1,    /* theft in A, B, C */
                                     0, 1, 0 };  /* burglary */
  static const gint64 expected_cleared[] = { 1, 1, 2 }, expected_restricted[] = { 1, 0, 0 };
  BbIncident *incident;

  g_assert_no_error (error);
  bb_incident_free (add_incident (f->store, "theft.bicycle", t0 + day, 24.05, 56.12, "", FALSE));
  incident = add_incident (f->store, "theft", t0 + 6 * day, 24.05, 56.12, "", FALSE);
  g_free (incident->status);
  incident->status = g_strdup ("cleared");
  g_assert_true (bb_store_incident_update (f->store, incident, &error));
  bb_incident_free (incident);
  bb_incident_free (add_incident (f->store, "burglary.residential", t0 + 12 * day, 24.05, 56.05, "", FALSE));
  bb_incident_free (add_incident (f->store, "domestic_violence", t0 + 2 * day, 24.06, 56.13, "", TRUE));
  bb_incident_free (add_incident (f->store, "robbery", t0 + 50 * day, 24.06, 56.13, "", FALSE));
  incident = add_incident (f->store, "theft.shop", t0 + 101 * day, 24.05, 56.05, "", FALSE);
  g_free (incident->status);
  incident->status = g_strdup ("cleared");
  g_assert_true (bb_store_incident_update (f->store, incident, &error));
  bb_incident_free (incident);
  incident = add_incident (f->store, "stray_dogs", t0 + 103 * day, 24.35, 56.05, "", FALSE);
  g_free (incident->status);
  incident->status = g_strdup ("cleared");
  g_assert_true (bb_store_incident_update (f->store, incident, &error));
  bb_incident_free (incident);
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      gint64 counts[6], cleared[3], restricted[3];

      g_assert_true (bb_store_incident_count_periods (f->store, NULL, ids, 2, bounds, 3, counts, cleared, restricted,
                                                      &error));
      g_assert_no_error (error);
      for (guint i = 0; i < 6; i++)
        {
          g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
          const char *one[] = { ids[i / 3], NULL };

          g_assert_cmpint (counts[i], ==, expected[i]);
          bb_incident_filter_set_time_range (filter, bounds[2 * (i % 3)], bounds[2 * (i % 3) + 1]);
          bb_incident_filter_set_category_ids (filter, one);
          filter->restricted = BB_RESTRICTED_EXCLUDE;
          g_assert_cmpint (counts[i], ==, bb_store_incident_count (f->store, filter, &error));
        }
      for (guint p = 0; p < 3; p++)
        {
          g_assert_cmpint (cleared[p], ==, expected_cleared[p]);
          g_assert_cmpint (restricted[p], ==, expected_restricted[p]);
        }
      /* Many incidents long after: the periods hold few of the
       * station's, and the time index is used. */
      if (round == 0)
        for (guint i = 0; i < 60; i++)
          bb_incident_free (add_incident (f->store, "theft.bicycle", t0 + (400 + i) * day, 24.05, 56.12, "", FALSE));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/incidents/district-assignment", test_district_assignment);
  ADD ("/store/incidents/filters-and-text", test_filters_and_text);
  ADD ("/store/incidents/sorting-and-paging", test_sorting_and_paging);
  ADD ("/store/incidents/count-periods", test_count_periods);
#undef ADD

  return g_test_run ();
}
