/* problem-fixture.h: a district, a problem with an area and incidents before and after its response, for the store's tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store-problems.h"
#include "store-test-util.h"

#define DAY G_GINT64_CONSTANT (86400)
#define T0  G_GINT64_CONSTANT (1700000000)    /* the baseline starts */
#define T1  (T0 + 180 * DAY)                   /* the response starts */
#define T2  (T1 + 180 * DAY)                   /* the response ends */

/* The district: a square 0.2° on a side.  The problem's area: a square
 * of 0.02° in its middle (about 1.2 km east–west, 2.2 km north–south at
 * 56° N). */
#define DISTRICT_BOUNDARY \
  "{\"type\":\"Polygon\",\"coordinates\":[[[24.00,56.00],[24.20,56.00],[24.20,56.20],[24.00,56.20],[24.00,56.00]]]}"
#define AREA \
  "{\"type\":\"Polygon\",\"coordinates\":[[[24.09,56.09],[24.11,56.09],[24.11,56.11],[24.09,56.11],[24.09,56.09]]]}"

/* Positions: inside the area; about 100 m east of its edge (in the 200 m
 * buffer); about 500 m east (control, the rest of the district); outside
 * the district. */
#define IN_LON      24.100
#define IN_LAT      56.100
#define BUFFER_LON  24.1116
#define CONTROL_LON 24.118
#define CONTROL_LAT 56.050
#define AWAY_LON    24.500

typedef struct {
  char     *dir;
  BbStore  *store;
  char     *district;
  char     *problem;
  char     *excluded;   /* in the area, kept out by hand */
  char     *included;   /* far away, added by hand */
} Fixture;

static inline char *
add_incident (BbStore    *store,
              const char *category_code,
              gint64      when,
              double      lon,
              double      lat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = bb_store_category_get_by_code (store, category_code, &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (c->id);
  incident->occurred_start = when;
  incident->lon = lon;
  incident->lat = lat;
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  return g_strdup (incident->id);
}

static inline void
add_n (BbStore    *store,
       guint       n,
       const char *category_code,
       gint64      when,
       double      lon,
       double      lat)
{
  for (guint i = 0; i < n; i++)
    g_free (add_incident (store, category_code, when + i * 3600, lon, lat));
}

static inline void
set_categories (BbStore    *store,
                const char *problem_id,
                const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) c = code != NULL ? bb_store_category_get_by_code (store, code, &error) : NULL;
  const char *ids[] = { c != NULL ? c->id : NULL, NULL };

  g_assert_no_error (error);
  g_assert_true (bb_store_problem_set_categories (store, problem_id, ids, &error));
  g_assert_no_error (error);
}

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BbDistrict) d = bb_district_new ();
  g_autoptr(BbProblem) p = bb_problem_new ();

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Test Station", &error);
  g_assert_no_error (error);

  d->name = g_strdup ("Old Town");
  d->boundary = g_strdup (DISTRICT_BOUNDARY);
  g_assert_true (bb_store_district_insert (f->store, d, &error));
  g_assert_no_error (error);
  f->district = g_strdup (d->id);

  p->title = g_strdup ("Bicycle thefts at the station");
  p->district_id = g_strdup (d->id);
  p->area = g_strdup (AREA);
  p->period_start = T0;
  p->period_end = T2;
  p->baseline_start = T0;
  p->baseline_end = T1;
  p->response_start = T1;
  p->response_end = T2;
  p->buffer_m = 200;
  g_assert_true (bb_store_problem_insert (f->store, p, &error));
  g_assert_no_error (error);
  f->problem = g_strdup (p->id);
  /* "theft" selects its subcategories: bicycle, shop, vehicle, … */
  set_categories (f->store, f->problem, "theft");

  /* Before (baseline): 3 bicycles and 1 shop theft in the area, an
   * assault there (not the problem's category), 2 in the buffer, 5 in the
   * rest of the district, 1 outside the district. */
  add_n (f->store, 3, "theft.bicycle", T0 + 10 * DAY, IN_LON, IN_LAT);
  add_n (f->store, 1, "theft.shop", T0 + 11 * DAY, IN_LON + 0.005, IN_LAT - 0.005);
  add_n (f->store, 1, "assault", T0 + 12 * DAY, IN_LON, IN_LAT);
  add_n (f->store, 2, "theft.bicycle", T0 + 13 * DAY, BUFFER_LON, IN_LAT);
  add_n (f->store, 5, "theft.vehicle", T0 + 14 * DAY, CONTROL_LON, CONTROL_LAT);
  add_n (f->store, 1, "theft.bicycle", T0 + 15 * DAY, AWAY_LON, IN_LAT);
  /* Before the problem's period and its baseline: counts nowhere. */
  add_n (f->store, 1, "theft.bicycle", T0 - 10 * DAY, IN_LON, IN_LAT);

  /* After (response): 1 in the area and another one excluded by hand, 1
   * in the buffer, 8 in the rest of the district, and an assault far away
   * added by hand. */
  add_n (f->store, 1, "theft.bicycle", T1 + 10 * DAY, IN_LON, IN_LAT);
  f->excluded = add_incident (f->store, "theft.bicycle", T1 + 11 * DAY, IN_LON, IN_LAT);
  add_n (f->store, 1, "theft.bicycle", T1 + 12 * DAY, BUFFER_LON, IN_LAT);
  add_n (f->store, 8, "theft.vehicle", T1 + 13 * DAY, CONTROL_LON, CONTROL_LAT);
  f->included = add_incident (f->store, "assault", T1 + 14 * DAY, AWAY_LON, IN_LAT);

  g_assert_true (bb_store_problem_set_incident (f->store, f->problem, f->excluded, FALSE, &error));
  g_assert_true (bb_store_problem_set_incident (f->store, f->problem, f->included, TRUE, &error));
  g_assert_no_error (error);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->district);
  g_free (f->problem);
  g_free (f->excluded);
  g_free (f->included);
}

