/* test-map-online.c: the Map view with an online tile server on loopback: set up, shown, an area saved and used offline */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bb-demo-station.h"
#include "bb-map-view.h"
#include "bb-offline-save-dialog.h"
#include "bb-store-map.h"
#include "bb-test-tile-server.h"
#include "bb-tile-server-dialog.h"

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
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0, height = 0;
  GskRenderer *renderer;

  /* A widget waiting for its allocation gives no picture; on a busy
   * machine that can last a while. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        spin (200);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkMenuButton *
find_menu_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_MENU_BUTTON (widget)
      && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
basemap_of (BbMapView *view)
{
  char *basemap = NULL;

  g_object_get (view, "basemap", &basemap, NULL);
  return basemap;
}

static void
wait_for_page (BbOfflineSaveDialog *dialog,
               const char          *page)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_strcmp0 (bb_offline_save_dialog_get_page (dialog), page) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (bb_offline_save_dialog_get_page (dialog), ==, page);
}

static void
test_online_map_and_offline_save (void)
{
  g_autoptr(BbTestTileServer) tiles = bb_test_tile_server_new ();
  g_autofree char *dir = g_dir_make_tmp ("bb-map-online-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autofree char *maps = g_build_filename (dir, "maps", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbTileServer) server = NULL;
  g_autofree char *basemap = NULL;
  g_autofree char *saved_path = NULL;
  g_autofree char *remembered = NULL;
  BbTileServerDialog *server_dialog;
  BbOfflineSaveDialog *save_dialog;
  ShumateViewport *viewport;
  ShumateMapSource *source;
  BbDemoOptions options;
  GtkWidget *window;
  BbMapView *view;
  BbBBox area;
  guint requests;

  bb_demo_options_init_default (&options);
  options.n_incidents = 400;
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  view = g_object_new (BB_TYPE_MAP_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  bb_map_view_set_store (view, store);
  for (gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       !bb_map_view_is_loaded (view) && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bb_map_view_is_loaded (view));
  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  shumate_viewport_set_zoom_level (viewport, 14);

  /* Nothing is asked of any server until the user sets one up; choosing
   * the online map without one opens its dialog. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.save-offline", NULL);
  spin (100);
  g_assert_null (find_toplevel (BB_TYPE_OFFLINE_SAVE_DIALOG));
  g_assert_null (find_toplevel (BB_TYPE_TILE_SERVER_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.basemap", "s", "online"));
  basemap = basemap_of (view);
  g_assert_cmpstr (basemap, ==, "station");
  g_clear_pointer (&basemap, g_free);
  server_dialog = BB_TILE_SERVER_DIALOG (find_toplevel (BB_TYPE_TILE_SERVER_DIALOG));
  g_assert_nonnull (server_dialog);
  spin (500);
  save_screenshot (GTK_WIDGET (server_dialog), "online-server-empty.png");

  /* An address Beatbook cannot use is pointed out. */
  {
    g_autoptr(BbTileServer) wrong = bb_tile_server_new ("https://{s}.tiles.example.org/{z}/{x}/{y}{r}.png");
    const char *subdomains[] = { "a", "b", "c", NULL };

    wrong->subdomains = g_strdupv ((char **) subdomains);
    bb_tile_server_dialog_set_server (server_dialog, wrong);
    spin (300);
    save_screenshot (GTK_WIDGET (server_dialog), "online-server-invalid.png");
    gtk_widget_activate_action (GTK_WIDGET (server_dialog), "server.save", NULL);
    g_assert_false (bb_tile_server_is_configured (store));
  }

  /* Not without the attribution and the permission to cache. */
  server = bb_tile_server_new (bb_test_tile_server_get_template (tiles));
  server->attribution = g_strdup ("© Loopback Survey, CC BY 4.0");
  server->max_zoom = 18;
  bb_tile_server_dialog_set_server (server_dialog, server);
  spin (300);
  save_screenshot (GTK_WIDGET (server_dialog), "online-server-unconfirmed.png");
  /* Disabled: activating it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (server_dialog), "server.save", NULL);
  g_assert_false (bb_tile_server_is_configured (store));

  server->may_cache = TRUE;
  bb_tile_server_dialog_set_server (server_dialog, server);
  spin (300);
  save_screenshot (GTK_WIDGET (server_dialog), "online-server-ready.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (server_dialog), "server.save", NULL));
  g_assert_true (bb_tile_server_is_configured (store));
  basemap = basemap_of (view);
  g_assert_cmpstr (basemap, ==, "online");
  g_clear_pointer (&basemap, g_free);
  remembered = bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP);
  g_assert_cmpstr (remembered, ==, "online");
  g_clear_pointer (&remembered, g_free);

  /* The map shows the server's tiles, with its attribution. */
  spin (2500);
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), >, 4);
  source = shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (gtk_widget_get_ancestor (GTK_WIDGET (bb_map_view_get_map (view)),
                                                                                            SHUMATE_TYPE_SIMPLE_MAP)));
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "© Loopback Survey, CC BY 4.0");
  save_screenshot (GTK_WIDGET (view), "map-online.png");

  /* The base-map menu, with the online choices. */
  {
    GtkMenuButton *button = find_menu_button (GTK_WIDGET (view), "view-list-symbolic");

    g_assert_nonnull (button);
    gtk_menu_button_popup (button);
    spin (500);
    save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)), "map-online-menu.png");
    gtk_menu_button_popdown (button);
    spin (200);
  }

  /* Save the selected area for offline use. */
  {
    double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
    g_autoptr(GHashTable) counts = NULL;

    area = (BbBBox) { lon - 0.05, lat - 0.03, lon + 0.05, lat + 0.03 };
    counts = bb_map_view_select_area (view, &area, NULL);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.save-offline", NULL));
  save_dialog = BB_OFFLINE_SAVE_DIALOG (find_toplevel (BB_TYPE_OFFLINE_SAVE_DIALOG));
  g_assert_nonnull (save_dialog);
  bb_offline_save_dialog_set_folder (save_dialog, maps);
  spin (300);
  save_screenshot (GTK_WIDGET (save_dialog), "offline-save-setup.png");

  /* Too much for one save: said so, and not started. */
  bb_offline_save_dialog_set_zoom_range (save_dialog, 12, 18);
  spin (300);
  save_screenshot (GTK_WIDGET (save_dialog), "offline-save-too-many.png");
  gtk_widget_activate_action (GTK_WIDGET (save_dialog), "save.start", NULL);
  g_assert_cmpstr (bb_offline_save_dialog_get_page (save_dialog), ==, "setup");

  bb_offline_save_dialog_set_zoom_range (save_dialog, 12, 15);
  bb_test_tile_server_set_default_reply (tiles, BB_TEST_TILE_SLOW);
  bb_test_tile_server_set_delay (tiles, 40);
  requests = bb_test_tile_server_get_n_requests (tiles);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (save_dialog), "save.start", NULL));
  g_assert_cmpstr (bb_offline_save_dialog_get_page (save_dialog), ==, "progress");
  spin (600);
  save_screenshot (GTK_WIDGET (save_dialog), "offline-save-progress.png");
  wait_for_page (save_dialog, "done");
  g_assert_cmpuint (bb_test_tile_server_get_n_requests (tiles), >, requests);
  saved_path = g_strdup (bb_offline_save_dialog_get_path (save_dialog));
  g_assert_true (g_str_has_prefix (saved_path, maps));
  g_assert_true (g_str_has_suffix (saved_path, ".mbtiles"));
  g_assert_true (g_file_test (saved_path, G_FILE_TEST_IS_REGULAR));
  spin (300);
  save_screenshot (GTK_WIDGET (save_dialog), "offline-save-done.png");

  /* Used as the base map, it works with the server gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (save_dialog), "save.use", NULL));
  basemap = basemap_of (view);
  g_assert_cmpstr (basemap, ==, "mbtiles");
  remembered = bb_store_map_get_setting (store, BB_STORE_MAP_KEY_BASEMAP_MBTILES);
  g_assert_cmpstr (remembered, ==, saved_path);
  bb_test_tile_server_stop (tiles);
  spin (2000);
  g_assert_null (find_toplevel (BB_TYPE_OFFLINE_SAVE_DIALOG));
  save_screenshot (GTK_WIDGET (view), "map-offline-saved-area.png");

  /* Back on the online map with the server gone: what is not cached
   * cannot be saved, and the dialog says why; nothing is left behind. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.basemap", "s", "online"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.save-offline", NULL));
  save_dialog = BB_OFFLINE_SAVE_DIALOG (find_toplevel (BB_TYPE_OFFLINE_SAVE_DIALOG));
  g_assert_nonnull (save_dialog);
  bb_offline_save_dialog_set_folder (save_dialog, maps);
  bb_offline_save_dialog_set_zoom_range (save_dialog, 16, 16);
  gtk_widget_activate_action (GTK_WIDGET (save_dialog), "save.start", NULL);
  wait_for_page (save_dialog, "failed");
  save_screenshot (GTK_WIDGET (save_dialog), "offline-save-failed.png");
  {
    g_autoptr(GDir) folder = g_dir_open (maps, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (folder)) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);   /* the area saved before, nothing more */
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (save_dialog), "save.back", NULL));
  g_assert_cmpstr (bb_offline_save_dialog_get_page (save_dialog), ==, "setup");
  gtk_window_close (GTK_WINDOW (save_dialog));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("bb-map-online-home-XXXXXX", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);

  /* The tile cache and saved maps in a folder of the test's own; straight
   * to loopback, whatever proxy the machine has. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/map/online/server-map-and-offline-save", test_online_map_and_offline_save);
  return g_test_run ();
}
