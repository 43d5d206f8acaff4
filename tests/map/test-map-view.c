/* test-map-view.c: the Map view opens the demo station and draws it at three zoom levels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "bb-demo-station.h"
#include "bb-map-view.h"

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_demo_station_screenshots (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-map-view-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  BbDemoOptions options;
  GtkWidget *window;
  BbMapView *view;
  ShumateViewport *viewport;
  gint64 deadline;
  static const double zooms[] = { 13, 15, 17 };

  bb_demo_options_init_default (&options);
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  view = g_object_new (BB_TYPE_MAP_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  bb_map_view_set_store (view, store);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!bb_map_view_is_loaded (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bb_map_view_is_loaded (view));

  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      g_autofree char *name = g_strdup_printf ("map-view-z%.0f.png", zooms[i]);

      shumate_viewport_set_zoom_level (viewport, zooms[i]);
      /* Let the tile workers draw and the renderer take their tiles. */
      spin (2500);
      save_screenshot (GTK_WIDGET (view), name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/map/view/demo-station-screenshots", test_demo_station_screenshots);
  return g_test_run ();
}
