/* test-near-repeat.c: the Knox near-repeat test of the map's incidents: bands typed by a person, planted repeats found, chance not */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-near-repeat.h"
#include "bb-random.h"
#include "map-analysis-fixture.h"

#define DAY 86400

static void
test_parse_bands (void)
{
  g_autoptr(GArray) limits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bb_near_repeat_parse_bands ("100, 200;400  800", TRUE, &limits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limits->len, ==, 4);
  g_assert_cmpfloat (g_array_index (limits, double, 0), ==, 100);
  g_assert_cmpfloat (g_array_index (limits, double, 3), ==, 800);
  g_clear_pointer (&limits, g_array_unref);

  g_assert_true (bb_near_repeat_parse_bands ("7,14.5", FALSE, &limits, &error));
  g_assert_cmpfloat (g_array_index (limits, double, 1), ==, 14.5);

  g_assert_false (bb_near_repeat_parse_bands ("200, 100", TRUE, &limits, &error));
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "100"));
  g_clear_error (&error);
  g_assert_false (bb_near_repeat_parse_bands ("7, x", FALSE, &limits, &error));
  g_assert_nonnull (strstr (error->message, "“x”"));
  g_clear_error (&error);
  g_assert_false (bb_near_repeat_parse_bands ("-5", TRUE, &limits, &error));
  g_clear_error (&error);
  g_assert_false (bb_near_repeat_parse_bands (" , ", TRUE, &limits, &error));
  g_clear_error (&error);
}

/* Burglaries over a year in the town; with @repeats, each of the first
 * 150 has a follow-up within 80 m and 5 days. */
static GArray *
burglaries (gboolean repeats)
{
  GArray *points = town_points (600, 0, FALSE, 23);
  BbRandom rng;
  BbLocalProjection proj;

  bb_random_init (&rng, 29);
  bb_local_projection_init (&proj, TOWN_LON, TOWN_LAT);
  for (guint i = 0; i < points->len; i++)
    g_array_index (points, BbMapPoint, i).occurred = 1700000000 + (gint64) bb_random_uniform (&rng, 0, 365) * DAY;
  if (repeats)
    for (guint i = 0; i < 150; i++)
      {
        BbMapPoint p = g_array_index (points, BbMapPoint, i);
        double x, y;

        bb_local_projection_forward (&proj, p.lon, p.lat, &x, &y);
        x += bb_random_uniform (&rng, -55, 55);
        y += bb_random_uniform (&rng, -55, 55);
        bb_local_projection_inverse (&proj, x, y, &p.lon, &p.lat);
        p.occurred += (gint64) bb_random_uniform (&rng, 0.1, 5) * DAY;
        p.rowid = 10000 + i;
        g_array_append_val (points, p);
      }
  return points;
}

static GArray *
bands (const char *text,
       gboolean    spatial)
{
  GArray *limits = NULL;

  g_assert_true (bb_near_repeat_parse_bands (text, spatial, &limits, NULL));
  return limits;
}

static void
test_planted_and_random (void)
{
  g_autoptr(GArray) planted = burglaries (TRUE);
  g_autoptr(GArray) random = burglaries (FALSE);
  g_autoptr(GArray) spatial = bands ("100, 200, 400", TRUE);
  g_autoptr(GArray) temporal = bands ("7, 14, 21", FALSE);
  g_autoptr(GArray) subset = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(BbKnoxResult) found = NULL;
  g_autoptr(BbKnoxResult) chance = NULL;
  g_autoptr(BbKnoxResult) again = NULL;
  g_autoptr(BbKnoxResult) part = NULL;
  g_autoptr(GError) error = NULL;
  guint s = 99, t = 99;

  found = bb_near_repeat_compute (planted, NULL, spatial, temporal, 99, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->n_events, ==, 750);
  g_assert_true (bb_near_repeat_strongest (found, &s, &t));
  g_assert_cmpuint (s, ==, 0);
  g_assert_cmpuint (t, ==, 0);
  g_assert_cmpfloat (found->ratio[bb_knox_index (found, 0, 0)], >, 2);
  g_assert_cmpfloat (found->p[bb_knox_index (found, 0, 0)], <=, 0.01);

  /* The same incidents, the same answer: the seed is fixed. */
  again = bb_near_repeat_compute (planted, NULL, spatial, temporal, 99, NULL, &error);
  g_assert_no_error (error);
  for (gsize c = 0; c < (gsize) found->n_spatial * found->n_temporal; c++)
    g_assert_cmpfloat (again->p[c], ==, found->p[c]);

  chance = bb_near_repeat_compute (random, NULL, spatial, temporal, 99, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bb_near_repeat_strongest (chance, &s, &t));

  /* The filter's selection is what is tested. */
  for (guint i = 0; i < planted->len; i += 3)
    g_array_append_val (subset, i);
  part = bb_near_repeat_compute (planted, subset, spatial, temporal, 19, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (part->n_events, ==, subset->len);
}

static void
test_too_many (void)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (BbMapPoint));
  g_autoptr(GArray) spatial = bands ("100", TRUE);
  g_autoptr(GArray) temporal = bands ("7", FALSE);
  g_autoptr(GError) error = NULL;

  g_array_set_size (points, BB_NEAR_REPEAT_MAX_EVENTS + 1);
  g_assert_null (bb_near_repeat_compute (points, NULL, spatial, temporal, 19, NULL, &error));
  g_assert_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Narrow the filter"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/near-repeat/parse-bands", test_parse_bands);
  g_test_add_func ("/near-repeat/planted-and-random", test_planted_and_random);
  g_test_add_func ("/near-repeat/too-many", test_too_many);

  return g_test_run ();
}
