/* test-demo-town.c: the seeded generator and the fictional demo town */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-demo-town.h"
#include "bb-random.h"

#define SEED 20240611
#define END_TIME G_GINT64_CONSTANT (1790812800) /* 2026-10-01T00:00:00Z */

static void
test_splitmix64_known_answer (void)
{
  /* The reference values for seed 1234567 published with splitmix64. */
  static const guint64 expected[] = {
    G_GUINT64_CONSTANT (6457827717110365317), G_GUINT64_CONSTANT (3203168211198807973),
    G_GUINT64_CONSTANT (9817491932198370423), G_GUINT64_CONSTANT (4593380528125082431),
    G_GUINT64_CONSTANT (16408922859458223821),
  };
  guint64 state = 1234567;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (bb_random_splitmix64 (&state), ==, expected[i]);
}

static void
test_xoshiro_known_answer (void)
{
  /* xoshiro256** from the state {1, 2, 3, 4}, as in the reference
   * implementation's test vectors. */
  static const guint64 expected[] = {
    11520, 0, 1509978240, G_GUINT64_CONSTANT (1215971899390074240),
    G_GUINT64_CONSTANT (1216172134540287360),
  };
  BbRandom r = { { 1, 2, 3, 4 } };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (bb_random_next (&r), ==, expected[i]);
}

static void
test_distributions (void)
{
  BbRandom r;
  const guint n = 400000;
  double sum = 0, sum2 = 0;
  double weights[] = { 1, 0, 3, 6 };
  double cumulative[] = { 1, 1, 4, 10 };
  guint counts[4] = { 0 }, counts_c[4] = { 0 };

  bb_random_init (&r, 42);
  for (guint i = 0; i < n; i++)
    {
      double u = bb_random_double (&r);

      g_assert_cmpfloat (u, >=, 0);
      g_assert_cmpfloat (u, <, 1);
      sum += u;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 0.5, 0.003);

  sum = 0;
  for (guint i = 0; i < n; i++)
    {
      double z = bb_random_normal (&r, 10, 2);

      sum += z;
      sum2 += z * z;
    }
  g_assert_cmpfloat_with_epsilon (sum / n, 10, 0.02);
  g_assert_cmpfloat_with_epsilon (sqrt (sum2 / n - (sum / n) * (sum / n)), 2, 0.02);

  for (guint l = 0; l < 2; l++)
    {
      double lambda = l == 0 ? 3.5 : 60;

      sum = sum2 = 0;
      for (guint i = 0; i < n; i++)
        {
          double k = bb_random_poisson (&r, lambda);

          sum += k;
          sum2 += k * k;
        }
      /* mean and variance are both lambda */
      g_assert_cmpfloat_with_epsilon (sum / n / lambda, 1, 0.01);
      g_assert_cmpfloat_with_epsilon ((sum2 / n - (sum / n) * (sum / n)) / lambda, 1, 0.03);
    }

  for (guint i = 0; i < n; i++)
    {
      counts[bb_random_weighted (&r, weights, 4)]++;
      counts_c[bb_random_cumulative (&r, cumulative, 4)]++;
    }
  g_assert_cmpuint (counts[1], ==, 0);
  g_assert_cmpuint (counts_c[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (counts[3] / (double) n, 0.6, 0.005);
  g_assert_cmpfloat_with_epsilon (counts_c[3] / (double) n, 0.6, 0.005);
  g_assert_cmpfloat_with_epsilon (counts_c[0] / (double) n, 0.1, 0.005);

  for (guint i = 0; i < 10000; i++)
    {
      gint64 v = bb_random_int_range (&r, -3, 4);

      g_assert_cmpint (v, >=, -3);
      g_assert_cmpint (v, <, 4);
    }
}

static void
test_uuid (void)
{
  BbRandom a, b, c;
  char ua[BB_UUID_STRING_LEN], ub[BB_UUID_STRING_LEN], uc[BB_UUID_STRING_LEN];

  bb_random_init_stream (&a, 7, "incidents");
  bb_random_init_stream (&b, 7, "incidents");
  bb_random_init_stream (&c, 7, "events");
  for (guint i = 0; i < 1000; i++)
    {
      bb_random_uuid (&a, ua);
      bb_random_uuid (&b, ub);
      bb_random_uuid (&c, uc);
      g_assert_true (g_uuid_string_is_valid (ua));
      g_assert_cmpuint (strlen (ua), ==, 36);
      g_assert_cmpint (ua[14], ==, '4');
      g_assert_nonnull (strchr ("89ab", ua[19]));
      g_assert_cmpstr (ua, ==, ub);
      g_assert_cmpstr (ua, !=, uc);
    }
}

static void
test_local_time (void)
{
  /* Central European Time with the EU's summer time. */
  g_assert_cmpint (bb_demo_town_local_to_utc (2025, 7, 1, 18, 0), ==, 1751385600);
  g_assert_cmpint (bb_demo_town_local_to_utc (2026, 1, 15, 18, 0), ==, 1768496400);
  g_assert_cmpint (bb_demo_town_utc_offset (1743296400 - 1), ==, 3600);
  g_assert_cmpint (bb_demo_town_utc_offset (1743296400), ==, 7200);
  g_assert_cmpint (bb_demo_town_utc_offset (1761440400 - 1), ==, 7200);
  g_assert_cmpint (bb_demo_town_utc_offset (1761440400), ==, 3600);
}

static double
ring_area (const BbDemoTown *town,
           const BbLonLat   *ring,
           guint             n)
{
  double area = 0;

  for (guint i = 0; i + 1 < n; i++)
    {
      double x0, y0, x1, y1;

      bb_local_projection_forward (&town->projection, ring[i].lon, ring[i].lat, &x0, &y0);
      bb_local_projection_forward (&town->projection, ring[i + 1].lon, ring[i + 1].lat, &x1, &y1);
      area += x0 * y1 - x1 * y0;
    }
  return area / 2;
}

static void
test_districts_tile_the_town (void)
{
  g_autoptr(BbDemoTown) town = bb_demo_town_new (SEED, END_TIME);
  double total = 0, outline_area;
  BbRandom r;
  guint in_town = 0;

  g_assert_cmpstr (town->name, ==, "Kodrabardhë");
  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      const BbDemoDistrict *d = &town->districts[i];
      double area = ring_area (town, d->ring, d->n_ring);

      g_assert_cmpuint (d->n_ring, >=, 4);
      g_assert_cmpfloat (d->ring[0].lon, ==, d->ring[d->n_ring - 1].lon);
      g_assert_cmpfloat (d->ring[0].lat, ==, d->ring[d->n_ring - 1].lat);
      /* counter-clockwise, as RFC 7946 asks of exterior rings */
      g_assert_cmpfloat (area, >, 1.0e6);
      total += area;
      g_assert_cmpuint (d->population, >, 1000);
      g_assert_true (g_str_has_suffix (d->officer_email, ".example"));
      g_assert_true (g_str_has_prefix (d->officer_phone, "+355 60 "));
      g_assert_cmpint (bb_demo_town_district_at (town, d->centre_lon, d->centre_lat), ==, (int) i);
    }
  outline_area = ring_area (town, town->outline, town->n_outline);
  /* about 6 × 5 km */
  g_assert_cmpfloat (outline_area, >, 25e6);
  g_assert_cmpfloat (outline_area, <, 36e6);
  /* no gaps, no overlaps: the pieces add up to the whole… */
  g_assert_cmpfloat_with_epsilon (total / outline_area, 1.0, 1e-9);

  /* …and every point of the town lies in exactly one district. */
  bb_random_init (&r, 1);
  for (guint k = 0; k < 50000; k++)
    {
      double lon = bb_random_uniform (&r, town->bbox.min_lon, town->bbox.max_lon);
      double lat = bb_random_uniform (&r, town->bbox.min_lat, town->bbox.max_lat);
      gboolean inside = bb_ring_contains (town->outline, town->n_outline, lon, lat);
      guint hits = 0;

      for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
        hits += bb_ring_contains (town->districts[i].ring, town->districts[i].n_ring, lon, lat);
      g_assert_cmpuint (hits, ==, inside ? 1 : 0);
      in_town += inside;
    }
  g_assert_cmpuint (in_town, >, 35000);
}

static void
test_streets_and_landmarks (void)
{
  g_autoptr(BbDemoTown) town = bb_demo_town_new (SEED, END_TIME);
  guint per_class[3] = { 0 }, bridges = 0, schools = 0;
  double lon, lat;

  for (guint i = 0; i < town->streets->len; i++)
    {
      const BbDemoStreet *s = g_ptr_array_index (town->streets, i);

      g_assert_cmpuint (s->n_points, >=, 2);
      g_assert_cmpuint (strlen (s->name), >, 0);
      per_class[s->street_class]++;
      if (s->bridge)
        {
          double x0, y0, x1, y1;

          /* a bridge spans the river: its ends lie on either bank */
          bridges++;
          bb_local_projection_forward (&town->projection, s->points[0].lon, s->points[0].lat, &x0, &y0);
          bb_local_projection_forward (&town->projection, s->points[1].lon, s->points[1].lat, &x1, &y1);
          g_assert_cmpfloat (fabs (y1 - y0), >, 40);
        }
    }
  g_test_message ("streets: %u primary, %u secondary, %u residential, %u bridges",
                  per_class[0], per_class[1], per_class[2], bridges);
  g_assert_cmpuint (per_class[BB_DEMO_STREET_PRIMARY], >=, 3);
  g_assert_cmpuint (per_class[BB_DEMO_STREET_SECONDARY], >=, 4);
  g_assert_cmpuint (per_class[BB_DEMO_STREET_RESIDENTIAL], >=, 150);
  g_assert_cmpuint (bridges, >=, 2);
  g_assert_cmpuint (town->parks->len, >=, 3);

  for (guint i = 0; i < town->landmarks->len; i++)
    {
      const BbDemoLandmark *l = g_ptr_array_index (town->landmarks, i);

      g_assert_cmpint (l->district, >=, 0);
      schools += g_str_equal (l->kind, "school");
    }
  g_assert_cmpuint (schools, >=, 4);
  g_assert_nonnull (bb_demo_town_landmark_named (town, "hospital", &lon, &lat));
  g_assert_nonnull (bb_demo_town_landmark_named (town, "police", &lon, &lat));
  g_assert_nonnull (bb_demo_town_landmark_named (town, "market", &lon, &lat));
  g_assert_nonnull (bb_demo_town_landmark_named (town, "bus_station", &lon, &lat));
  for (guint k = 0; k < BB_DEMO_N_HOT_SPOTS; k++)
    g_assert_cmpint (town->hot_spots[k].district, >=, 0);
}

static void
test_town_is_deterministic (void)
{
  g_autoptr(BbDemoTown) a = bb_demo_town_new (SEED, END_TIME);
  g_autoptr(BbDemoTown) b = bb_demo_town_new (SEED, END_TIME);
  g_autoptr(BbDemoTown) c = bb_demo_town_new (SEED + 1, END_TIME);
  g_autofree char *sa = bb_demo_town_streets_geojson (a);
  g_autofree char *sb = bb_demo_town_streets_geojson (b);
  g_autofree char *sc = bb_demo_town_streets_geojson (c);
  g_autofree char *da = bb_demo_town_district_geometry (a, 5);
  g_autofree char *db = bb_demo_town_district_geometry (b, 5);

  g_assert_cmpstr (sa, ==, sb);
  g_assert_cmpstr (sa, !=, sc);
  g_assert_cmpstr (da, ==, db);
  g_assert_true (g_str_has_prefix (da, "{\"type\":\"Polygon\",\"coordinates\":[[["));
}

static int
cmp_desc (gconstpointer a,
          gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static int
local_field (gint64 t,
             char   which)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t + bb_demo_town_utc_offset (t));

  switch (which)
    {
    case 'm': return g_date_time_get_month (dt);
    case 'h': return g_date_time_get_hour (dt);
    default: return g_date_time_get_day_of_week (dt); /* 1 = Monday */
    }
}

static guint
category_index (const char *code)
{
  for (guint c = 0; c < bb_demo_n_categories (); c++)
    if (g_str_equal (bb_demo_category_code (c), code))
      return c;
  g_assert_not_reached ();
}

static void
test_incidents (void)
{
  g_autoptr(BbDemoTown) town = bb_demo_town_new (SEED, END_TIME);
  g_autoptr(BbDemoIncidentStream) stream = bb_demo_incident_stream_new (town, SEED, 24000);
  g_autoptr(BbDemoIncidentStream) again = bb_demo_incident_stream_new (town, SEED, 24000);
  BbDemoIncident inc, inc2;
  const double cell = 100;
  double x0, y0, x1, y1;
  guint nx, ny, n = 0, restricted = 0, positioned = 0, in_top = 0, n_cells_used = 0;
  g_autofree guint *cells = NULL;
  guint alcohol_summer = 0, alcohol_winter = 0, alcohol_party = 0, alcohol = 0;
  guint light_winter = 0, light_summer = 0;
  guint burglary_weekday_day = 0, burglary = 0;
  guint concern_patrol = 0, concerns = 0;
  guint c_alcohol = category_index ("alcohol_public");
  guint c_light = category_index ("street_lighting");
  guint c_burglary = category_index ("burglary.residential");
  guint c_dv = category_index ("domestic_violence");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  bb_local_projection_forward (&town->projection, town->bbox.min_lon, town->bbox.min_lat, &x0, &y0);
  bb_local_projection_forward (&town->projection, town->bbox.max_lon, town->bbox.max_lat, &x1, &y1);
  nx = (guint) ((x1 - x0) / cell) + 1;
  ny = (guint) ((y1 - y0) / cell) + 1;
  cells = g_new0 (guint, nx * ny);

  while (bb_demo_incident_stream_next (stream, &inc))
    {
      g_assert_true (bb_demo_incident_stream_next (again, &inc2));
      g_assert_cmpstr (inc.id, ==, inc2.id);
      g_assert_cmpstr (inc.description, ==, inc2.description);
      g_assert_cmpfloat (inc.lon, ==, inc2.lon);
      g_assert_cmpint (inc.occurred_start, ==, inc2.occurred_start);
      g_assert_true (g_hash_table_add (seen, g_strdup (inc.id)));

      g_assert_cmpuint (inc.sequence, ==, n);
      n++;
      g_assert_cmpint (inc.occurred_start, >=, town->start_time - 86400);
      g_assert_cmpint (inc.occurred_start, <, town->end_time);
      g_assert_cmpint (inc.reported_at, >=, inc.occurred_start);
      g_assert_cmpint (inc.reported_at, <=, town->end_time);
      if (inc.occurred_end != 0)
        g_assert_cmpint (inc.occurred_end, >=, inc.occurred_start);
      g_assert_cmpint (inc.district, >=, 0);
      g_assert_true (g_ascii_isdigit (inc.address[strlen (inc.address) - 1]));
      g_assert_null (strchr (inc.description, '{'));
      g_assert_cmpuint (strlen (inc.description), >, 20);
      g_assert_true (g_str_equal (inc.status, "open") == (inc.closed_at == 0));
      if (inc.closed_at != 0)
        {
          g_assert_cmpint (inc.closed_at, >=, inc.reported_at);
          g_assert_cmpint (inc.closed_at, <=, town->end_time);
        }
      g_assert_cmpint (inc.occurred_end, <, town->end_time);
      restricted += inc.restricted;
      if (inc.category == c_dv)
        g_assert_true (inc.restricted);

      if (inc.has_position)
        {
          double x, y;
          guint ix, iy;

          positioned++;
          g_assert_true (bb_ring_contains (town->districts[inc.district].ring,
                                           town->districts[inc.district].n_ring, inc.lon, inc.lat));
          g_assert_cmpint (bb_demo_town_district_at (town, inc.lon, inc.lat), ==, inc.district);
          g_assert_cmpfloat (round (inc.lon * 1e6) / 1e6, ==, inc.lon);
          bb_local_projection_forward (&town->projection, inc.lon, inc.lat, &x, &y);
          ix = (guint) ((x - x0) / cell);
          iy = (guint) ((y - y0) / cell);
          g_assert_cmpuint (ix, <, nx);
          g_assert_cmpuint (iy, <, ny);
          cells[iy * nx + ix]++;
        }

      if (inc.category == c_alcohol)
        {
          int m = local_field (inc.occurred_start, 'm');
          int h = local_field (inc.occurred_start, 'h');
          int d = local_field (inc.occurred_start, 'd');

          alcohol++;
          alcohol_summer += m >= 6 && m <= 8;
          alcohol_winter += m == 12 || m <= 2;
          alcohol_party += (h >= 21 && (d == 5 || d == 6)) || (h < 4 && (d == 6 || d == 7));
        }
      else if (inc.category == c_light)
        {
          int m = local_field (inc.occurred_start, 'm');

          light_winter += m == 12 || m <= 2;
          light_summer += m >= 6 && m <= 8;
        }
      else if (inc.category == c_burglary)
        {
          int h = local_field (inc.occurred_start, 'h');
          int d = local_field (inc.occurred_start, 'd');

          burglary++;
          burglary_weekday_day += d <= 5 && h >= 9 && h < 17;
        }
      if (g_str_equal (bb_demo_category_kind (inc.category), "environment"))
        {
          concerns++;
          concern_patrol += g_str_equal (inc.source, "patrol");
        }
    }
  g_assert_cmpuint (n, ==, 24000);
  g_assert_false (bb_demo_incident_stream_next (again, &inc2));

  /* some records are restricted, as domestic violence is: 2–3 % */
  g_test_message ("restricted: %.2f %%", 100.0 * restricted / n);
  g_assert_cmpfloat (restricted / (double) n, >, 0.015);
  g_assert_cmpfloat (restricted / (double) n, <, 0.035);
  /* nearly all have a position */
  g_assert_cmpfloat (positioned / (double) n, >, 0.97);
  g_assert_cmpuint (positioned, <, n);

  /* concentration: the busiest 2 % of the 100 m cells inside the town
   * hold a large share; a uniform town would give them about 2 %. */
  for (guint i = 0; i < nx * ny; i++)
    n_cells_used += cells[i] > 0;
  qsort (cells, nx * ny, sizeof (guint), cmp_desc);
  for (guint i = 0; i < n_cells_used / 50; i++)
    in_top += cells[i];
  g_test_message ("busiest 2 %% of %u cells hold %.1f %%", n_cells_used, 100.0 * in_top / positioned);
  g_assert_cmpfloat (in_top / (double) positioned, >, 0.25);

  /* time patterns */
  g_test_message ("alcohol: summer %u winter %u, Friday/Saturday nights %.0f %%",
                  alcohol_summer, alcohol_winter, 100.0 * alcohol_party / alcohol);
  g_assert_cmpfloat (alcohol_summer, >, 1.3 * alcohol_winter);
  g_assert_cmpfloat (alcohol_party / (double) alcohol, >, 0.35);
  g_test_message ("street lighting: winter %u summer %u", light_winter, light_summer);
  g_assert_cmpfloat (light_winter, >, 2.0 * light_summer);
  /* weekday working hours are 40 of the week's 168 hours */
  g_test_message ("burglary on weekdays 9–17: %.0f %%", 100.0 * burglary_weekday_day / burglary);
  g_assert_cmpfloat (burglary_weekday_day / (double) burglary, >, 0.4);
  /* residents' concerns come from residents, not from patrols */
  g_assert_cmpfloat (concern_patrol / (double) concerns, <, 0.1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/random/splitmix64-known-answer", test_splitmix64_known_answer);
  g_test_add_func ("/random/xoshiro256-known-answer", test_xoshiro_known_answer);
  g_test_add_func ("/random/distributions", test_distributions);
  g_test_add_func ("/random/uuid", test_uuid);
  g_test_add_func ("/demo-town/local-time", test_local_time);
  g_test_add_func ("/demo-town/districts-tile-the-town", test_districts_tile_the_town);
  g_test_add_func ("/demo-town/streets-and-landmarks", test_streets_and_landmarks);
  g_test_add_func ("/demo-town/deterministic", test_town_is_deterministic);
  g_test_add_func ("/demo-town/incidents", test_incidents);

  return g_test_run ();
}
