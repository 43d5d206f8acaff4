/* test-render-cli.c: `beatbook --export` writes any document headless, as PDF, PNG or SVG, and says what went wrong */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-demo-station.h"
#include "bb-store-plans.h"
#include "render-test-util.h"

static char *test_dir;
static char *station;
static char *river_plan_id;   /* a second plan, written after the demo's */
static char *demo_plan_title;

/* Runs beatbook with @args, returning its exit status, stdout and stderr. */
static int
beatbook (const char * const *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BEATBOOK"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (test_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                               &error));
  g_assert_no_error (error);
  g_test_message ("beatbook %s: %s%s", args[0], o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_list (void)
{
  const char *args[] = { "--export", "list", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (beatbook (args, &out, NULL), ==, 0);
  for (const char * const *id = (const char * const[]) { "briefing", "district-profile", "officer-poster",
                                                           "event-poster", "leaflet", "brochure", "agenda",
                                                           "minutes", "events", "safety-plan", NULL };
       *id != NULL; id++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s ", *id);
      g_autofree char *padded = g_strconcat ("\n", out, NULL);

      g_assert_nonnull (strstr (padded, line));
    }
}

static void
test_briefing_pdf (void)
{
  g_autofree char *pdf = g_build_filename (test_dir, "briefing.pdf", NULL);
  const char *args[] = { "--export", "briefing", "--period", "2026-Q3", "--output", pdf, station, NULL };
  g_autofree char *err = NULL;
  guint n;
  double w, h;

  g_assert_cmpint (beatbook (args, NULL, &err), ==, 0);
  pdf_info (pdf, &n, &w, &h);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat_with_epsilon (w, 595.28, 0.5);
  assert_pdf_has_text (pdf, "July–September 2026");
  /* The publisher is told what the public document leaves out, and why. */
  g_assert_nonnull (strstr (err, "Left out of this public document"));
  g_assert_nonnull (strstr (err, "restricted incidents never appear in public documents"));
}

/* PNG and SVG hold a page each: one file a page, or the page asked for. */
static void
test_png_and_svg (void)
{
  g_autofree char *png = g_build_filename (test_dir, "profile.png", NULL);
  g_autofree char *png1 = g_build_filename (test_dir, "profile-1.png", NULL);
  g_autofree char *png2 = g_build_filename (test_dir, "profile-2.png", NULL);
  g_autofree char *svg = g_build_filename (test_dir, "leaflet.svg", NULL);
  const char *png_args[] = { "--export", "district-profile", "--district", "fusha", "--language", "ru",
                             "--dpi", "60", "-o", png, station, NULL };
  const char *svg_args[] = { "--export", "leaflet", "--topic", "road-safety", "--page", "2", "-o", svg, station, NULL };
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpint (beatbook (png_args, NULL, NULL), ==, 0);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  for (const char * const *path = (const char * const[]) { png1, png2, NULL }; *path != NULL; path++)
    {
      g_clear_pointer (&data, g_free);
      g_assert_true (g_file_get_contents (*path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
    }

  g_assert_cmpint (beatbook (svg_args, NULL, NULL), ==, 0);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (svg, &data, &length, NULL));
  g_assert_nonnull (strstr (data, "<svg"));
}

/* For a print shop: 3 mm bleed and the slug around it. */
static void
test_bleed (void)
{
  g_autofree char *pdf = g_build_filename (test_dir, "poster-bleed.pdf", NULL);
  const char *args[] = { "--export", "officer-poster", "--bleed", "-o", pdf, station, NULL };
  guint n;
  double w, h;

  g_assert_cmpint (beatbook (args, NULL, NULL), ==, 0);
  pdf_info (pdf, &n, &w, &h);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (w, 595.28 + 20 * 72 / 25.4, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 841.89 + 20 * 72 / 25.4, 0.5);
}

/* A meeting by its title and day. */
static void
test_agenda_by_title (void)
{
  g_autofree char *pdf = g_build_filename (test_dir, "agenda.pdf", NULL);
  const char *args[] = { "--export", "agenda", "--event", "advisory group fusha", "--date", "2026-10-06",
                         "-o", pdf, station, NULL };

  g_assert_cmpint (beatbook (args, NULL, NULL), ==, 0);
  assert_pdf_has_text (pdf, "Advisory group Fusha");
  assert_pdf_has_text (pdf, "Tuesday 6 October 2026");
}

static void
test_errors (void)
{
  g_autofree char *pdf = g_build_filename (test_dir, "never.pdf", NULL);
  g_autofree char *doc = g_build_filename (test_dir, "never.doc", NULL);
  g_autofree char *missing = g_build_filename (test_dir, "missing.beatbook", NULL);
  struct {
    const char *args[12];
    const char *says;
  } cases[] = {
    { { "--export", "calendar", "-o", pdf, station, NULL }, "no document called “calendar”" },
    { { "--export", "briefing", "--period", "2026-Q5", "-o", pdf, station, NULL }, "not a period" },
    { { "--export", "briefing", "-o", doc, station, NULL }, ".pdf, .png or .svg" },
    { { "--export", "briefing", "-o", pdf, missing, NULL }, "missing.beatbook" },
    { { "--export", "district-profile", "--district", "Atlantis", "-o", pdf, station, NULL }, "no district called “Atlantis”" },
    { { "--export", "leaflet", "--topic", "pickpockets", "-o", pdf, station, NULL }, "not a leaflet topic" },
    { { "--export", "briefing", "-o", pdf, NULL }, "one station" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (beatbook (cases[i].args, NULL, &err), ==, 1);
      if (strstr (err, cases[i].says) == NULL)
        g_error ("case %u: “%s” not in “%s”", i, cases[i].says, err);
    }
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The newest plan by default, another by its title (case does not matter)
 * or its id; a plan the station does not have, or a station with none,
 * is said so and writes nothing. */
static void
test_safety_plan (void)
{
  g_autofree char *newest = g_build_filename (test_dir, "plan.pdf", NULL);
  g_autofree char *by_title = g_build_filename (test_dir, "river.pdf", NULL);
  g_autofree char *by_id = g_build_filename (test_dir, "river-by-id.pdf", NULL);
  g_autofree char *never = g_build_filename (test_dir, "no-plan.pdf", NULL);
  g_autofree char *empty = g_build_filename (test_dir, "empty.beatbook", NULL);
  const char *a[] = { "--export", "safety-plan", "--output", newest, station, NULL };
  g_autofree char *shouted = g_utf8_strup (demo_plan_title, -1);
  const char *b[] = { "--export", "safety-plan", "--plan", shouted, "-o", by_title, station, NULL };
  const char *c[] = { "--export", "safety-plan", "--plan", river_plan_id, "-o", by_id, station, NULL };
  const char *d[] = { "--export", "safety-plan", "--plan", "Atlantis", "-o", never, station, NULL };
  const char *e[] = { "--export", "safety-plan", "-o", never, empty, NULL };
  g_autoptr(BbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (beatbook (a, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Community Safety Plan"));
  assert_pdf_has_text (newest, "River path plan");
  assert_pdf_has_text (newest, "Walk the river path safely after dark.");
  text = pdf_text (newest);
  g_assert_null (strstr (text, "town centre"));

  g_assert_cmpint (beatbook (b, NULL, NULL), ==, 0);
  assert_pdf_has_text (by_title, demo_plan_title);
  g_clear_pointer (&text, g_free);
  text = pdf_text (by_title);
  g_assert_null (strstr (text, "River path plan"));
  g_assert_cmpint (beatbook (c, NULL, NULL), ==, 0);
  assert_pdf_has_text (by_id, "River path plan");

  g_assert_cmpint (beatbook (d, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no community safety plan called “Atlantis”"));
  g_clear_pointer (&err, g_free);

  store = bb_store_create (empty, "Planless Station", &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (beatbook (e, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no community safety plan yet"));
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
}

/* Text that does not fit is told; --strict makes it an exit status. */
static void
test_strict_overflow (void)
{
  g_autofree char *pdf = g_build_filename (test_dir, "long.pdf", NULL);
  g_autofree char *messages = g_build_filename (test_dir, "messages.txt", NULL);
  const char *args[] = { "--export", "briefing", "--messages", messages, "--strict", "-o", pdf, station, NULL };
  GString *text = g_string_new (NULL);
  g_autofree char *err = NULL;

  for (guint i = 0; i < 50; i++)
    g_string_append (text, "The station and its partners met residents in every district this quarter. ");
  g_assert_true (g_file_set_contents (messages, text->str, -1, NULL));
  g_string_free (text, TRUE);
  g_assert_cmpint (beatbook (args, NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "Key messages"));
  g_assert_nonnull (strstr (err, "does not fit"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  BbDemoOptions options;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("BEATBOOK"));
  test_dir = g_dir_make_tmp ("beatbook-export-cli-XXXXXX", NULL);
  station = g_build_filename (test_dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  options.n_incidents = 3000;
  store = bb_demo_station_create (station, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(BbPlan) plan = bb_plan_new ();
    g_autoptr(GPtrArray) plans = bb_store_plan_list (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (plans->len, ==, 1);
    demo_plan_title = g_strdup (((BbPlan *) g_ptr_array_index (plans, 0))->title);
    /* Written after the demo's, so the newest, whatever its period. */
    plan->title = g_strdup ("River path plan");
    plan->statement = g_strdup ("Walk the river path safely after dark.");
    plan->period_start = g_strdup ("2020-01-01");
    g_assert_true (bb_store_plan_save (store, plan, NULL, &error));
    g_assert_no_error (error);
    river_plan_id = g_strdup (plan->id);
  }
  g_clear_object (&store);

  g_test_add_func ("/render/cli/list", test_list);
  g_test_add_func ("/render/cli/briefing-pdf", test_briefing_pdf);
  g_test_add_func ("/render/cli/png-and-svg", test_png_and_svg);
  g_test_add_func ("/render/cli/bleed", test_bleed);
  g_test_add_func ("/render/cli/agenda-by-title", test_agenda_by_title);
  g_test_add_func ("/render/cli/errors", test_errors);
  g_test_add_func ("/render/cli/safety-plan", test_safety_plan);
  g_test_add_func ("/render/cli/strict-overflow", test_strict_overflow);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (test_dir);
  }
  g_free (river_plan_id);
  g_free (demo_plan_title);
  g_free (station);
  g_free (test_dir);
  return ret;
}
