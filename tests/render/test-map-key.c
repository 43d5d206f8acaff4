/* test-map-key.c: the keys of the map's analysis layers on paper: drawn beside the map, every class named, PDF, PNG and SVG written whole */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-map-key"

#include "config.h"

#include <glib/gstdio.h>

#include "bb-map-key.h"
#include "render-test-util.h"

/* The colours tell the classes apart: no two alike within a key. */
static void
test_map_key_colours (void)
{
  for (int a = BB_CHANGE_SIGNIFICANT_FALL; a <= BB_CHANGE_SIGNIFICANT_RISE; a++)
    for (int b = a + 1; b <= BB_CHANGE_SIGNIFICANT_RISE; b++)
      g_assert_cmphex (bb_map_key_change_rgb (a), !=, bb_map_key_change_rgb (b));
  for (guint a = 1; a < BB_EMERGING_N_PATTERNS; a++)
    for (guint b = a + 1; b < BB_EMERGING_N_PATTERNS; b++)
      g_assert_cmphex (bb_map_key_emerging_rgb (a), !=, bb_map_key_emerging_rgb (b));
  /* Rises red, falls blue, as the hot and cold spots. */
  g_assert_cmpuint (bb_map_key_change_rgb (BB_CHANGE_SIGNIFICANT_RISE) >> 16, >, 0xc0);
  g_assert_cmpuint (bb_map_key_change_rgb (BB_CHANGE_SIGNIFICANT_FALL) & 0xff, >, 0xa0);
}

static GPtrArray *
three_keys (void)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_key_free);
  BbMapKey *heat = bb_map_key_new ("Heat Map", TRUE);
  BbMapKey *hot = bb_map_key_new ("Hot Spots", FALSE);
  BbMapKey *trend = bb_map_key_new ("Change Between Periods", FALSE);
  static const guint32 ramp[] = { 0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026 };

  for (guint i = 0; i < G_N_ELEMENTS (ramp); i++)
    bb_map_key_add (heat, ramp[i], i == 0 ? 0 : 0.8, i == 0 ? "0" : i == 2 ? "212" : i == 4 ? "850" : NULL);
  bb_map_key_set_note (heat, "Incidents per km², square-root scale; bandwidth 180 m, cells of 25 m.");
  bb_map_key_add (hot, 0xd62f27, 0.72, "Hot 99 %");
  bb_map_key_add (hot, 0x4575b5, 0.72, "Cold 99 %");
  for (int level = BB_CHANGE_SIGNIFICANT_RISE; level >= BB_CHANGE_SIGNIFICANT_FALL; level--)
    if (level != BB_CHANGE_NOISE)
      bb_map_key_add (trend, bb_map_key_change_rgb (level), 0.72, bb_change_level_describe (level));
  bb_map_key_set_note (trend, "2026-07-01 to 2026-09-30 against 2026-04-01 to 2026-06-30.");
  g_ptr_array_add (keys, heat);
  g_ptr_array_add (keys, hot);
  g_ptr_array_add (keys, trend);
  return keys;
}

/* The keys stand to the right of the map, each class named, the map's
 * picture on the left. */
static void
test_map_key_sheet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-map-key-XXXXXX", NULL);
  g_autofree char *pdf = output_path (dir, "sheet.pdf");
  g_autofree char *png = g_build_filename (dir, "sheet.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "sheet.svg", NULL);
  g_autofree char *partial = g_strconcat (pdf, ".part", NULL);
  g_autoptr(GPtrArray) keys = three_keys ();
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *flat_left = NULL;
  cairo_surface_t *map = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (map);
  guint pages;
  double width, height;
  GStatBuf st;

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.85);
  cairo_paint (cr);
  cairo_destroy (cr);

  g_assert_true (bb_map_key_write_sheet (pdf, map, 4.0, "Test streets", keys, "Incidents on the Map", "Burglary, the last quarter", &error));
  g_assert_no_error (error);
  pdf_info (pdf, &pages, &width, &height);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpfloat_with_epsilon (width, 842, 1);
  g_assert_cmpfloat_with_epsilon (height, 595, 1);
  assert_pdf_has_text (pdf, "Incidents on the Map");
  /* Paper's own scale bar (600 pixels of 4 m: a round 500 m is the
   * longest under a fifth of the width) and the map's source. */
  assert_pdf_has_text (pdf, "500 m");
  assert_pdf_has_text (pdf, "Test streets");
  /* The right-hand column: every key, every class. */
  right = pdf_text_area (pdf, 1, 580, 60, 262, 535);
  for (const char * const *word = (const char * const[]) { "Heat Map", "850", "Hot Spots", "Hot 99 %", "Cold 99 %",
                                                           "Change Between Periods", "significant rise",
                                                           "rise worth watching", "fall worth watching",
                                                           "significant fall", "2026-04-01", NULL };
       *word != NULL; word++)
    {
      g_autofree char *flat = squash_spaces (right);

      if (strstr (flat, *word) == NULL)
        g_error ("“%s” is not in the key column: %s", *word, flat);
    }
  /* Nothing of the key over the map. */
  left = pdf_text_area (pdf, 1, 0, 80, 560, 515);
  flat_left = squash_spaces (left);
  g_assert_null (strstr (flat_left, "Hot Spots"));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (bb_map_key_write_sheet (png, map, 0, NULL, keys, "Incidents on the Map", NULL, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *image = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1684);
    cairo_surface_destroy (image);
  }
  g_assert_true (bb_map_key_write_sheet (svg, NULL, 0, NULL, keys, "Incidents on the Map", NULL, &error));
  g_assert_no_error (error);

  /* A folder that does not exist: an error naming the file, nothing left. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "sheet.pdf", NULL);

    g_assert_false (bb_map_key_write_sheet (bad, map, 0, NULL, keys, "x", NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "sheet.pdf"));
  }

  cairo_surface_destroy (map);
  g_remove (png);
  g_remove (svg);
  if (g_getenv ("BB_RENDER_OUTPUT_DIR") == NULL)
    g_remove (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-key/colours", test_map_key_colours);
  g_test_add_func ("/map-key/sheet", test_map_key_sheet);

  return g_test_run ();
}
