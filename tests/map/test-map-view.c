/* test-map-view.c: the Map view opens the demo station and draws it at three zoom levels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "bb-demo-station.h"
#include "bb-map-view.h"
#include "bb-store-map.h"

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
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GskRenderer *renderer;
  int width = 0, height = 0;

  /* On a busy machine the window may not have drawn a frame yet after a
   * change: an empty snapshot is no picture, so wait for one. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      if (width > 0 && height > 0 && gtk_widget_get_mapped (widget))
        gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* @widget as drawn now, as an image of its size. */
static cairo_surface_t *
widget_image (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The share of pixels of the rectangle (in @a's coordinates; @b is
 * offset by @dx, @dy) that differ between two images. */
static double
share_different (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              dx,
                 int              dy,
                 int              x0,
                 int              y0,
                 int              w,
                 int              h)
{
  int sa = cairo_image_surface_get_stride (a) / 4, sb = cairo_image_surface_get_stride (b) / 4;
  const guint32 *pa = (const guint32 *) cairo_image_surface_get_data (a);
  const guint32 *pb = (const guint32 *) cairo_image_surface_get_data (b);
  guint n = 0, differ = 0;

  for (int y = MAX (y0, 0); y < MIN (y0 + h, cairo_image_surface_get_height (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x0 + w, cairo_image_surface_get_width (a)); x++)
      {
        guint32 p = pa[y * sa + x], q = pb[(y + dy) * sb + x + dx];
        int d = 0;

        for (int shift = 0; shift < 24; shift += 8)
          d = MAX (d, abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
        differ += d > 24;
        n++;
      }
  g_assert_cmpuint (n, >, 0);
  return (double) differ / n;
}

static void
find_controls (GtkWidget *widget,
               GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  /* Some of them are private types: known by name.  (The compass draws
   * nothing while the map is not turned.) */
  if (g_strv_contains ((const char * const[]) { "ShumateZoomButtons", "ShumateLicense", "ShumateScale", NULL },
                       G_OBJECT_TYPE_NAME (widget)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_controls (child, found);
}

/* The map saved for paper is the map alone: where the window draws its
 * zoom buttons, scale and licence over it, the picture shows the map. */
static void
check_printed_map_has_no_controls (BbMapView *view)
{
  GtkWidget *map = GTK_WIDGET (bb_map_view_get_map (view));
  GtkWidget *simple = gtk_widget_get_ancestor (map, SHUMATE_TYPE_SIMPLE_MAP);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  cairo_surface_t *printed = bb_map_view_map_image (view);
  cairo_surface_t *shown;
  graphene_rect_t at;

  g_assert_nonnull (printed);
  g_assert_nonnull (simple);
  g_assert_cmpint (cairo_image_surface_get_width (printed), ==, gtk_widget_get_width (map));
  g_assert_cmpint (cairo_image_surface_get_height (printed), ==, gtk_widget_get_height (map));
  shown = widget_image (simple);
  g_assert_true (gtk_widget_compute_bounds (map, simple, &at));
  find_controls (simple, controls);
  g_assert_cmpuint (controls->len, >=, 2);
  /* The middle of the map is the same picture… */
  g_assert_cmpfloat (share_different (printed, shown, (int) at.origin.x, (int) at.origin.y,
                                      cairo_image_surface_get_width (printed) / 2 - 50,
                                      cairo_image_surface_get_height (printed) / 2 - 50, 100, 100), <, 0.02);
  /* …and none of the controls is in it. */
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      graphene_rect_t box;
      double differ;

      g_assert_true (gtk_widget_compute_bounds (control, map, &box));
      differ = share_different (printed, shown, (int) at.origin.x, (int) at.origin.y, (int) box.origin.x,
                                (int) box.origin.y, (int) box.size.width, (int) box.size.height);
      g_test_message ("%s: %.0f %% of its pixels differ from the printed map", G_OBJECT_TYPE_NAME (control),
                      100 * differ);
      g_assert_cmpfloat (differ, >, 0.05);
    }
  cairo_surface_write_to_png (printed, "map-view-printed.png");
  cairo_surface_destroy (shown);
  cairo_surface_destroy (printed);
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
  check_printed_map_has_no_controls (view);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_for (BbMapView *view,
          gboolean (*done) (BbMapView *view))
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (view));
}

static gboolean
not_searching (BbMapView *view)
{
  return !bb_map_view_is_searching (view);
}

/* The map draws exactly the incidents the store finds for the filter. */
static void
assert_drawn_matches_store (BbMapView              *view,
                            BbStore                *store,
                            const BbIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncidentFilter) positioned = filter ? bb_incident_filter_copy (filter) : bb_incident_filter_new ();
  static const BbBBox world = { -180, -90, 180, 90 };
  gint64 expected;

  /* The map shows the incidents that have a position. */
  if (!positioned->has_bbox)
    bb_incident_filter_set_bbox (positioned, &world);
  expected = bb_store_incident_count (store, positioned, &error);
  g_assert_no_error (error);
  wait_for (view, not_searching);
  g_assert_cmpint (bb_map_view_get_n_drawn (view), ==, expected);
}

static void
test_filter_and_area (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-map-view-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GHashTable) by_category = NULL;
  g_autoptr(BbIncidentFilter) filter = NULL;
  const char *parent_id = NULL;
  const char *child_id = NULL;
  BbDemoOptions options;
  GtkWidget *window;
  BbMapView *view;
  guint all, total;
  BbBBox area;
  GHashTableIter iter;
  gpointer key, value;

  bb_demo_options_init_default (&options);
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  view = g_object_new (BB_TYPE_MAP_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  bb_map_view_set_filter (view, state);
  bb_map_view_set_store (view, store);
  wait_for (view, bb_map_view_is_loaded);

  all = bb_map_view_get_n_drawn (view);
  g_assert_cmpuint (all, >, 100);
  assert_drawn_matches_store (view, store, NULL);

  /* A top-level category selects its subcategories too. */
  categories = bb_store_map_list_categories (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < categories->len && child_id == NULL; i++)
    {
      BbMapCategory *category = g_ptr_array_index (categories, i);
      if (category->parent >= 0)
        {
          child_id = category->id;
          parent_id = ((BbMapCategory *) g_ptr_array_index (categories, category->parent))->id;
        }
    }
  g_assert_nonnull (parent_id);
  {
    const char *ids[] = { parent_id, NULL };
    bb_filter_state_set_category_ids (state, ids);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    g_assert_cmpuint (bb_map_view_get_n_drawn (view), <, all);
    g_assert_cmpuint (bb_map_view_get_n_drawn (view), >, 0);
  }
  {
    const char *ids[] = { child_id, NULL };
    bb_filter_state_set_category_ids (state, ids);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  }
  bb_filter_state_reset (state);

  districts = bb_store_map_list_districts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, >, 1);
  {
    const char *ids[] = { ((BbMapDistrict *) g_ptr_array_index (districts, 1))->id, NULL };
    const char *statuses[] = { "open", "referred", NULL };
    const char *sources[] = { "patrol", "resident", NULL };

    bb_filter_state_set_district_ids (state, ids);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    bb_filter_state_set_statuses (state, statuses);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    bb_filter_state_set_sources (state, sources);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  }
  bb_filter_state_reset (state);
  bb_filter_state_set_restricted (state, BB_RESTRICTED_ONLY);
  assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  g_assert_cmpuint (bb_map_view_get_n_drawn (view), >, 0);
  bb_filter_state_set_restricted (state, BB_RESTRICTED_EXCLUDE);
  assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  bb_filter_state_set_preset (state, BB_TIME_PRESET_LAST_QUARTER);
  assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  g_assert_cmpuint (bb_map_view_get_n_drawn (view), <, all);

  /* Words go through the store's full-text index. */
  bb_filter_state_reset (state);
  first = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  {
    g_auto(GStrv) words = g_strsplit_set (((BbIncident *) g_ptr_array_index (first, 0))->description, " ,.;:!?", -1);
    const char *word = NULL;

    for (guint i = 0; words[i] != NULL && word == NULL; i++)
      if (g_utf8_strlen (words[i], -1) >= 5)
        word = words[i];
    g_assert_nonnull (word);
    bb_filter_state_set_text (state, word);
    g_assert_true (bb_map_view_is_searching (view));
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    g_assert_cmpuint (bb_map_view_get_n_drawn (view), >, 0);
    g_assert_cmpuint (bb_map_view_get_n_drawn (view), <, all);
  }

  /* An area's counts by top-level category, against the store. */
  bb_filter_state_reset (state);
  bb_filter_state_set_restricted (state, BB_RESTRICTED_EXCLUDE);
  assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
  {
    double lon = 0, lat = 0;
    guint n = 0;
    g_autoptr(GPtrArray) some = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 50, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < some->len; i++)
      {
        BbIncident *incident = g_ptr_array_index (some, i);

        if (isnan (incident->lon))
          continue;
        lon += incident->lon;
        lat += incident->lat;
        n++;
      }
    g_assert_cmpuint (n, >, 0);
    lon /= n;
    lat /= n;
    area.min_lon = lon - 0.004;
    area.max_lon = lon + 0.004;
    area.min_lat = lat - 0.003;
    area.max_lat = lat + 0.003;
  }
  by_category = bb_map_view_select_area (view, &area, &total);
  filter = bb_filter_state_dup_filter (state);
  bb_incident_filter_set_bbox (filter, &area);
  g_assert_cmpint (total, ==, bb_store_incident_count (store, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (total, <, all);
  {
    guint sum = 0;

    g_hash_table_iter_init (&iter, by_category);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const char *ids[] = { key, NULL };

        bb_incident_filter_set_category_ids (filter, ids);
        g_assert_cmpint (GPOINTER_TO_UINT (value), ==, bb_store_incident_count (store, filter, &error));
        g_assert_no_error (error);
        sum += GPOINTER_TO_UINT (value);
      }
    g_assert_cmpuint (sum, ==, total);
  }
  spin (1500);
  save_screenshot (GTK_WIDGET (view), "map-view-area.png");

  /* The base map is a stateful action, shown as radio items. */
  {
    g_autofree char *basemap = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.basemap", "s", "plain"));
    g_object_get (view, "basemap", &basemap, NULL);
    g_assert_cmpstr (basemap, ==, "plain");
  }

  /* An incident saved anywhere appears without reopening the station,
   * and the map stays where the user was looking. */
  {
    ShumateViewport *viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
    g_autoptr(BbIncident) incident = bb_incident_new ();
    g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "street_lighting", &error);
    double zoom, lat, lon;
    guint before;

    g_assert_no_error (error);
    bb_filter_state_reset (state);
    bb_filter_state_set_text (state, "flickering");
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    before = bb_map_view_get_n_drawn (view);
    shumate_viewport_set_zoom_level (viewport, 15);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), area.min_lat, area.min_lon);
    zoom = shumate_viewport_get_zoom_level (viewport);
    lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
    lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

    incident->category_id = g_strdup (category->id);
    incident->occurred_start = g_get_real_time () / G_USEC_PER_SEC - 3600;
    incident->lat = area.min_lat;
    incident->lon = area.min_lon;
    incident->description = g_strdup ("Street lamp flickering all night by the bus stop");
    g_assert_true (bb_store_incident_insert (store, incident, &error));
    g_assert_no_error (error);
    for (gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
         bb_map_view_get_n_drawn (view) != before + 1 && g_get_monotonic_time () < until;)
      g_main_context_iteration (NULL, TRUE);
    assert_drawn_matches_store (view, store, bb_filter_state_get_filter (state));
    g_assert_cmpuint (bb_map_view_get_n_drawn (view), ==, before + 1);
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, zoom);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lat, 1e-9);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), lon, 1e-9);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/map/view/demo-station-screenshots", test_demo_station_screenshots);
  g_test_add_func ("/map/view/filter-and-area", test_filter_and_area);
  return g_test_run ();
}
