/* test-map-tools.c: the Map view's tools on the demo station: a polygon drawn, the popovers, the time slider */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bb-demo-station.h"
#include "bb-map-data.h"
#include "bb-map-view.h"
#include "bb-map-view-private.h"
#include "bb-store-private.h"
#include "bb-store-map.h"

static BbStore *store;

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
  int width = 0, height = 0;

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
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The window's own screenshot, popovers included (they are surfaces of
 * their own, drawn over the window by the X server). */
static void
save_window_screenshot (GtkWidget  *window,
                        const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);
  g_autofree char *command = NULL;
  g_autofree char *import = g_find_program_in_path ("import");
  int status = 0;

  spin (600);
  if (import == NULL)
    {
      g_test_message ("no import (ImageMagick): %s not saved", name);
      return;
    }
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, &status, NULL);
  g_test_message ("saved %s", path);
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return done (data);
}

static gboolean
view_loaded (gpointer view)
{
  return bb_map_view_is_loaded (view);
}

static gboolean
map_allocated (gpointer view)
{
  GtkWidget *map = GTK_WIDGET (bb_map_view_get_map (view));

  return gtk_widget_get_mapped (map) && gtk_widget_get_width (map) > 0 && gtk_widget_get_height (map) > 0;
}

static gboolean
popover_shown (gpointer view)
{
  GtkPopover *popover = bb_map_view_get_popover (view);

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

/* Every button of @widget's tree with @action, their targets' strings. */
static void
collect_targets (GtkWidget  *widget,
                 const char *action,
                 GPtrArray  *targets)
{
  if (GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      g_ptr_array_add (targets, target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
                                ? g_variant_dup_string (target, NULL) : g_strdup (""));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_targets (child, action, targets);
}

/* Whether a label of @widget's tree shows @text (any case). */
static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_autofree char *shown = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (widget)), -1);
      g_autofree char *wanted = g_utf8_casefold (text, -1);

      if (strstr (shown, wanted) != NULL)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;
  return FALSE;
}

/* The pointer resting over the map may have shown a hover's popover:
 * the one a test asks for is the one to wait for. */
static void
popdown_any (BbMapView *view)
{
  if (popover_shown (view))
    gtk_popover_popdown (bb_map_view_get_popover (view));
}

static BbMapView *
open_view (GtkWidget    **window,
           BbFilterState *state,
           int            width,
           int            height)
{
  BbMapView *view;

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), width, height);
  view = g_object_new (BB_TYPE_MAP_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (*window));
  bb_map_view_set_filter (view, state);
  bb_map_view_set_store (view, store);
  g_assert_true (wait_until (view_loaded, view));
  /* Widget positions mean something once the map has its size. */
  g_assert_true (wait_until (map_allocated, view));
  return view;
}

/* The centre of the station's incidents, from the store. */
static void
incidents_centre (double *lon,
                  double *lat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) some = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, FALSE, 0, 200, &error);
  guint n = 0;

  g_assert_no_error (error);
  *lon = *lat = 0;
  for (guint i = 0; i < some->len; i++)
    {
      BbIncident *incident = g_ptr_array_index (some, i);

      if (isnan (incident->lon))
        continue;
      *lon += incident->lon;
      *lat += incident->lat;
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  *lon /= n;
  *lat /= n;
}

/* A U drawn with clicks: the incidents counted are those inside the U,
 * not in its box, as the store counts them with the same ring; "Show in
 * Table" hands the ring to the shared filter. */
static void
test_polygon (void)
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GHashTable) by_category = NULL;
  g_autoptr(GArray) corners = NULL;
  g_autoptr(BbIncidentFilter) filter = NULL;
  g_autoptr(BbIncidentFilter) boxed = NULL;
  g_autoptr(GError) error = NULL;
  ShumateViewport *viewport;
  GtkWidget *window;
  BbMapView *view;
  gboolean drawing = FALSE;
  double lon, lat, cx, cy;
  guint total, sum = 0;
  GHashTableIter iter;
  gpointer key, value;
  /* Widget offsets from the centre: a U open to the top, 320 px wide. */
  static const double u[][2] = { { -160, -120 }, { -80, -120 }, { -80, 60 }, { 80, 60 }, { 80, -120 },
                                 { 160, -120 }, { 160, 140 }, { -160, 140 } };

  bb_filter_state_set_restricted (state, BB_RESTRICTED_EXCLUDE);
  view = open_view (&window, state, 1024, 600);
  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  incidents_centre (&lon, &lat);
  shumate_viewport_set_zoom_level (viewport, 15);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  spin (800);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)), lat, lon, &cx, &cy);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.select-polygon", NULL));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_true (drawing);
  for (guint i = 0; i < G_N_ELEMENTS (u); i++)
    {
      bb_map_view_add_corner (view, cx + u[i][0], cy + u[i][1]);
      if (i == 5)
        save_screenshot (GTK_WIDGET (view), "map-tools-polygon-drawing.png");
    }
  /* Enter closes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.finish-polygon", NULL));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_false (drawing);
  g_assert_true (bb_map_view_get_polygon (view, &corners));
  g_assert_cmpuint (corners->len, ==, G_N_ELEMENTS (u));

  by_category = bb_map_view_get_area_counts (view, &total);
  filter = bb_filter_state_dup_filter (state);
  bb_incident_filter_set_polygon (filter, (const BbLonLat *) corners->data, corners->len);
  g_assert_cmpint (total, ==, bb_store_incident_count (store, filter, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (total, >, 0);
  /* The notch of the U holds incidents the polygon leaves out. */
  boxed = bb_incident_filter_copy (filter);
  bb_incident_filter_set_bbox (boxed, &filter->bbox);
  g_assert_cmpint (total, <, bb_store_incident_count (store, boxed, &error));
  g_hash_table_iter_init (&iter, by_category);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *ids[] = { key, NULL };
      g_autoptr(BbIncidentFilter) one = bb_incident_filter_copy (filter);

      bb_incident_filter_set_category_ids (one, ids);
      g_assert_cmpint (GPOINTER_TO_UINT (value), ==, bb_store_incident_count (store, one, &error));
      sum += GPOINTER_TO_UINT (value);
    }
  g_assert_cmpuint (sum, ==, total);
  spin (500);
  save_screenshot (GTK_WIDGET (view), "map-tools-polygon.png");

  /* Zoom to Selection: the polygon fills the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-to-area", NULL));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, 15);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  (filter->bbox.min_lat + filter->bbox.max_lat) / 2, 1e-6);
  spin (500);
  save_screenshot (GTK_WIDGET (view), "map-tools-polygon-zoomed.png");

  /* Show in Table: the shared filter gets the ring; the map follows it. */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.show-area-in-table", NULL);
  g_assert_nonnull (bb_filter_state_get_filter (state)->polygon);
  g_assert_cmpuint (bb_map_view_get_n_drawn (view), ==, total);

  /* Escape while drawing cancels the new polygon only. */
  bb_filter_state_reset (state);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.select-polygon", NULL));
  bb_map_view_add_corner (view, cx, cy);
  bb_map_view_add_corner (view, cx + 50, cy);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.finish-polygon", NULL));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_true (drawing);   /* two corners enclose nothing yet */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.clear-area", NULL));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_false (drawing);
  g_assert_false (bb_map_view_get_polygon (view, NULL));
  g_assert_false (bb_map_view_get_area (view, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click on a drawn incident: its popover with "Open" for it; a
 * district's: officer, phone, population and its open problems, each
 * opening through win.open-problem. */
static void
test_popovers (void)
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  ShumateViewport *viewport;
  GtkWidget *window;
  BbMapView *view;
  BbIncident *incident;
  BbMapDistrict *district = NULL;
  guint expected = 0, index = 0;
  double x, y;

  view = open_view (&window, state, 1024, 600);
  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  incidents = bb_store_incident_query (store, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, 1, &error);
  g_assert_no_error (error);
  incident = g_ptr_array_index (incidents, 0);
  shumate_viewport_set_zoom_level (viewport, 19);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), incident->lat, incident->lon);
  spin (800);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)),
                                              incident->lat, incident->lon, &x, &y);
  popdown_any (view);
  g_assert_true (bb_map_view_click (view, x, y));
  g_assert_true (wait_until (popover_shown, view));
  collect_targets (GTK_WIDGET (bb_map_view_get_popover (view)), "win.open-incident", targets);
  g_assert_cmpuint (targets->len, >=, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (targets, incident->id, g_str_equal, NULL));
  save_window_screenshot (window, "map-tools-incident-popover.png");
  gtk_popover_popdown (bb_map_view_get_popover (view));

  /* Resting the pointer on a restricted incident shows it without what
   * it is about; a click shows that too. */
  {
    g_autoptr(BbIncidentFilter) restricted = bb_incident_filter_new ();
    g_autoptr(GPtrArray) found = NULL;
    BbIncident *secret;

    restricted->restricted = BB_RESTRICTED_ONLY;
    found = bb_store_incident_query (store, restricted, BB_INCIDENT_SORT_TIME, TRUE, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    secret = g_ptr_array_index (found, 0);
    g_assert_nonnull (secret->description);
    shumate_location_set_location (SHUMATE_LOCATION (viewport), secret->lat, secret->lon);
    spin (500);
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)),
                                                secret->lat, secret->lon, &x, &y);
    popdown_any (view);
    g_assert_true (bb_map_view_hover (view, x, y));
    g_assert_true (wait_until (popover_shown, view));
    g_assert_false (has_label_text (GTK_WIDGET (bb_map_view_get_popover (view)), secret->description));
    g_assert_true (has_label_text (GTK_WIDGET (bb_map_view_get_popover (view)), "restricted"));
    save_window_screenshot (window, "map-tools-hover-restricted.png");
    gtk_popover_popdown (bb_map_view_get_popover (view));
    popdown_any (view);
    g_assert_true (bb_map_view_click (view, x, y));
    g_assert_true (wait_until (popover_shown, view));
    g_assert_true (has_label_text (GTK_WIDGET (bb_map_view_get_popover (view)), secret->description));
    gtk_popover_popdown (bb_map_view_get_popover (view));
  }

  /* A click where nothing is drawn finds nothing. */
  shumate_viewport_set_zoom_level (viewport, 19);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), incident->lat + 0.5, incident->lon + 0.5);
  spin (300);
  g_assert_false (bb_map_view_click (view, 512, 300));

  /* The district with the most open problems. */
  districts = bb_store_map_list_districts (store, &error);
  g_assert_no_error (error);
  problems = bb_store_problem_list (store, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < districts->len; d++)
    {
      BbMapDistrict *candidate = g_ptr_array_index (districts, d);
      guint n = 0;

      for (guint i = 0; i < problems->len; i++)
        {
          BbProblem *problem = g_ptr_array_index (problems, i);
          n += g_strcmp0 (problem->district_id, candidate->id) == 0 && g_strcmp0 (problem->stage, "closed") != 0;
        }
      if (district == NULL || n > expected)
        district = candidate, expected = n, index = d;
    }
  g_assert_cmpuint (expected, >, 0);
  g_ptr_array_set_size (targets, 0);
  popdown_any (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.district-details", "u", index));
  g_assert_true (wait_until (popover_shown, view));
  collect_targets (GTK_WIDGET (bb_map_view_get_popover (view)), "win.open-problem", targets);
  g_assert_cmpuint (targets->len, ==, MIN (expected, 12));
  for (guint t = 0; t < targets->len; t++)
    {
      g_autoptr(BbProblem) problem = bb_store_problem_get (store, g_ptr_array_index (targets, t), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (problem->district_id, ==, district->id);
      g_assert_cmpstr (problem->stage, !=, "closed");
    }
  save_window_screenshot (window, "map-tools-district-popover.png");
  gtk_popover_popdown (bb_map_view_get_popover (view));
  spin (300);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
week_moved (gpointer view)
{
  return bb_map_view_get_week (view) > 0;
}

/* The slider draws one week of the filtered incidents (as many as the
 * store finds in that week), pausing keeps the week, closing restores
 * the whole filter. */
static void
test_time_slider (void)
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  BbMapView *view;
  gint64 start, end;
  guint all, week;

  bb_filter_state_set_preset (state, BB_TIME_PRESET_LAST_QUARTER);
  view = open_view (&window, state, 1024, 600);
  all = bb_map_view_get_n_drawn (view);
  g_assert_cmpuint (all, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.timeline", NULL));
  g_assert_true (bb_map_view_get_timeline_shown (view));
  for (guint w = 0; w < 3; w++)
    {
      g_autoptr(BbIncidentFilter) filter = bb_filter_state_dup_filter (state);
      static const BbBBox world = { -180, -90, 180, 90 };

      bb_map_view_set_week (view, w * 5);
      g_assert_cmpuint (bb_map_view_get_week (view), ==, w * 5);
      g_assert_true (bb_map_view_get_week_range (view, &start, &end));
      g_assert_cmpint (end - start, >=, 7 * 86400 - 3600);
      g_assert_cmpint (end - start, <=, 7 * 86400 + 3600);
      bb_incident_filter_set_time_range (filter, MAX (start, filter->start), MIN (end, filter->end));
      bb_incident_filter_set_bbox (filter, &world);
      g_assert_cmpint (bb_map_view_get_n_drawn (view), ==, bb_store_incident_count (store, filter, &error));
      g_assert_cmpuint (bb_map_view_get_n_drawn (view), <, all);
    }
  spin (500);
  save_screenshot (window, "map-tools-time-slider.png");

  /* Play moves on; pause keeps the week reached. */
  bb_map_view_set_week (view, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.play", NULL));
  g_assert_true (bb_map_view_is_playing (view));
  g_assert_true (wait_until (week_moved, view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.play", NULL));
  g_assert_false (bb_map_view_is_playing (view));
  week = bb_map_view_get_week (view);
  spin (2000);
  g_assert_cmpuint (bb_map_view_get_week (view), ==, week);

  /* Closing shows the whole filter again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.timeline", NULL));
  g_assert_false (bb_map_view_get_timeline_shown (view));
  g_assert_cmpuint (bb_map_view_get_n_drawn (view), ==, all);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
boundary_saved_cb (BbMapView  *view,
                   const char *district_id,
                   char      **saved)
{
  g_free (*saved);
  *saved = g_strdup (district_id);
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Incidents whose district follows from their position, in another
 * district than the one their position lies in. */
static guint
misplaced_incidents (void)
{
  BB_STORE_LOCK_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint misplaced = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (store),
                                       "SELECT lon, lat, district_id FROM incident"
                                       " WHERE district_overridden = 0 AND lon IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *at = bb_store_district_at (store, sqlite3_column_double (stmt, 0),
                                                  sqlite3_column_double (stmt, 1), NULL);

      if (g_strcmp0 (at, (const char *) sqlite3_column_text (stmt, 2)) != 0)
        misplaced++;
    }
  return misplaced;
}

/* A district's boundary edited with the polygon tools: a corner dragged
 * out, one added on an edge and one removed, Enter saves (the incidents
 * follow), Escape gives up. */
static void
test_boundary (void)
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(BbDistrict) before = NULL;
  g_autoptr(BbDistrict) after = NULL;
  g_autoptr(BbDistrict) untouched = NULL;
  g_autofree char *saved = NULL;
  const BbDistrict *district = NULL;
  ShumateViewport *viewport;
  GtkWidget *window = NULL;
  BbMapView *view;
  gboolean drawing;
  double cx = 0, cy = 0, x, y;
  guint n;

  /* a district of one polygon */
  for (guint i = 0; i < districts->len && district == NULL; i++)
    if (strstr (((BbDistrict *) districts->pdata[i])->boundary, "\"Polygon\"") != NULL)
      district = districts->pdata[i];
  g_assert_nonnull (district);
  before = bb_store_district_get (store, district->id, NULL);
  g_assert_cmpuint (misplaced_incidents (), ==, 0);

  view = open_view (&window, state, 1024, 600);
  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  g_signal_connect (view, "boundary-saved", G_CALLBACK (boundary_saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.edit-boundary", "s", district->id));
  g_assert_true (bb_map_view_is_editing_boundary (view));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_true (drawing);
  n = view->corners->len;
  g_assert_cmpuint (n, >=, 3);
  spin (800);

  /* The first corner dragged 120 px away from the corners' middle. */
  for (guint i = 0; i < n; i++)
    {
      BbLonLat *p = &g_array_index (view->corners, BbLonLat, i);

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)), p->lat, p->lon,
                                                  &x, &y);
      cx += x / n;
      cy += y / n;
    }
  {
    BbLonLat *p = &g_array_index (view->corners, BbLonLat, 0);
    double dx, dy, d;

    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)), p->lat, p->lon,
                                                &x, &y);
    dx = x - cx;
    dy = y - cy;
    d = MAX (hypot (dx, dy), 1);
    g_assert_true (bb_map_view_boundary_drag_begin (view, x, y));
    bb_map_view_boundary_drag_to (view, x + dx / d * 120, y + dy / d * 120);
    bb_map_view_boundary_drag_end (view);
  }
  g_assert_cmpuint (view->corners->len, ==, n);
  /* A click halfway along the second edge adds a corner there; Delete
   * removes the corner chosen. */
  {
    BbLonLat *a = &g_array_index (view->corners, BbLonLat, 1);
    BbLonLat *b = &g_array_index (view->corners, BbLonLat, 2);
    double ax, ay, bx, by;

    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)), a->lat, a->lon,
                                                &ax, &ay);
    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)), b->lat, b->lon,
                                                &bx, &by);
    g_assert_true (bb_map_view_boundary_click (view, (ax + bx) / 2, (ay + by) / 2));
    g_assert_cmpuint (view->corners->len, ==, n + 1);
    g_assert_cmpint (view->boundary_vertex, ==, 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.remove-corner", NULL));
    g_assert_cmpuint (view->corners->len, ==, n);
    g_assert_true (bb_map_view_boundary_click (view, (ax + bx) / 2, (ay + by) / 2));
  }
  spin (500);
  save_screenshot (GTK_WIDGET (view), "map-tools-boundary-editing.png");

  /* Enter saves: one transaction, the incidents follow the boundary. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.finish-polygon", NULL));
  g_assert_false (bb_map_view_is_editing_boundary (view));
  g_assert_true (wait_until (string_set, &saved));
  g_assert_cmpstr (saved, ==, district->id);
  after = bb_store_district_get (store, district->id, NULL);
  g_assert_cmpstr (after->boundary, !=, before->boundary);
  g_assert_cmpfloat (after->max_lon - after->min_lon + after->max_lat - after->min_lat, >,
                     before->max_lon - before->min_lon + before->max_lat - before->min_lat);
  g_assert_cmpuint (misplaced_incidents (), ==, 0);
  g_assert_true (wait_until (view_loaded, view));
  spin (800);
  save_screenshot (GTK_WIDGET (view), "map-tools-boundary-saved.png");

  /* Escape gives up: the boundary stays as saved. */
  g_assert_true (bb_map_view_edit_boundary (view, district->id));
  g_array_remove_index (view->corners, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.clear-area", NULL));
  g_assert_false (bb_map_view_is_editing_boundary (view));
  g_object_get (view, "drawing", &drawing, NULL);
  g_assert_false (drawing);
  spin (300);
  untouched = bb_store_district_get (store, district->id, NULL);
  g_assert_cmpstr (untouched->boundary, ==, after->boundary);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The widget point of @p. */
static void
to_widget (BbMapView      *view,
           const BbLonLat *p,
           double         *x,
           double         *y)
{
  ShumateMap *map = bb_map_view_get_map (view);

  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map), p->lat, p->lon, x, y);
}

/* A district of two parts (its polygon and a small island west of it):
 * the first part is edited first, a click on a corner chooses it (drawn
 * larger), a click inside the island edits the island, Page Down goes
 * back to the first part, and Enter saves both parts, the island as
 * changed. */
static void
test_boundary_parts (void)
{
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(GPtrArray) rings = NULL;
  g_autoptr(GPtrArray) saved_rings = NULL;
  g_autoptr(BbDistrict) after = NULL;
  g_autoptr(GString) multi = g_string_new ("{\"type\":\"MultiPolygon\",\"coordinates\":[[[");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  const BbDistrict *district = districts->pdata[districts->len - 1];
  GArray *ring;
  GtkWidget *window = NULL;
  BbMapView *view;
  double min_lon = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE, min_lat = G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  double island_lon, island_lat, size, x, y, island_x0, island_y0;
  gint64 before_n, after_n;
  guint part, n_parts, n_first;
  BbLonLat island_centre, moved;

  rings = bb_map_data_parse_rings (district->boundary);
  g_assert_cmpuint (rings->len, ==, 1);
  ring = rings->pdata[0];
  for (guint k = 0; k < ring->len; k++)
    {
      const BbLonLat *p = &g_array_index (ring, BbLonLat, k);

      g_string_append_printf (multi, "%s[%.7f,%.7f]", k > 0 ? "," : "", p->lon, p->lat);
      min_lon = MIN (min_lon, p->lon);
      max_lon = MAX (max_lon, p->lon);
      min_lat = MIN (min_lat, p->lat);
      max_lat = MAX (max_lat, p->lat);
    }
  size = (max_lon - min_lon) * 0.15;
  island_lon = min_lon - size * 1.5;
  island_lat = (min_lat + max_lat) / 2;
  g_string_append_printf (multi, "]],[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]]}",
                          island_lon, island_lat, island_lon + size, island_lat, island_lon + size, island_lat + size,
                          island_lon, island_lat + size, island_lon, island_lat);
  g_assert_true (bb_store_district_set_boundary (store, district->id, multi->str, &before_n, &after_n, &error));
  g_assert_no_error (error);
  n_first = ring->len - 1;

  view = open_view (&window, state, 1024, 600);
  g_signal_connect (view, "boundary-saved", G_CALLBACK (boundary_saved_cb), &saved);
  g_assert_true (bb_map_view_edit_boundary (view, district->id));
  part = bb_map_view_boundary_get_part (view, &n_parts);
  g_assert_cmpuint (n_parts, ==, 2);
  g_assert_cmpuint (part, ==, 0);
  g_assert_cmpuint (view->corners->len, ==, n_first);
  spin (800);

  /* A corner clicked is the chosen one. */
  to_widget (view, &g_array_index (view->corners, BbLonLat, 2), &x, &y);
  g_assert_true (bb_map_view_boundary_click (view, x, y));
  g_assert_cmpint (bb_map_view_boundary_get_chosen_corner (view), ==, 2);
  spin (300);
  save_screenshot (GTK_WIDGET (view), "map-tools-boundary-chosen-corner.png");

  /* A click inside the island edits the island. */
  island_centre.lon = island_lon + size / 2;
  island_centre.lat = island_lat + size / 2;
  to_widget (view, &island_centre, &x, &y);
  g_assert_true (bb_map_view_boundary_click (view, x, y));
  part = bb_map_view_boundary_get_part (view, NULL);
  g_assert_cmpuint (part, ==, 1);
  g_assert_cmpuint (view->corners->len, ==, 4);
  g_assert_cmpint (bb_map_view_boundary_get_chosen_corner (view), ==, -1);
  /* its first corner dragged 30 px to the right */
  to_widget (view, &g_array_index (view->corners, BbLonLat, 0), &island_x0, &island_y0);
  g_assert_true (bb_map_view_boundary_drag_begin (view, island_x0, island_y0));
  bb_map_view_boundary_drag_to (view, island_x0 + 30, island_y0);
  bb_map_view_boundary_drag_end (view);
  moved = g_array_index (view->corners, BbLonLat, 0);
  g_assert_cmpfloat (moved.lon, >, island_lon);
  spin (300);
  save_screenshot (GTK_WIDGET (view), "map-tools-boundary-part-2.png");

  /* Page Down: the first part again; the island keeps its change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.next-boundary-part", NULL));
  g_assert_cmpuint (bb_map_view_boundary_get_part (view, NULL), ==, 0);
  g_assert_cmpuint (view->corners->len, ==, n_first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.finish-polygon", NULL));
  g_assert_true (wait_until (string_set, &saved));
  after = bb_store_district_get (store, district->id, NULL);
  g_assert_nonnull (strstr (after->boundary, "MultiPolygon"));
  saved_rings = bb_map_data_parse_rings (after->boundary);
  g_assert_cmpuint (saved_rings->len, ==, 2);
  g_assert_cmpuint (((GArray *) saved_rings->pdata[0])->len, ==, n_first + 1);
  g_assert_cmpuint (((GArray *) saved_rings->pdata[1])->len, ==, 5);
  g_assert_cmpfloat_with_epsilon (g_array_index ((GArray *) saved_rings->pdata[1], BbLonLat, 0).lon, moved.lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index ((GArray *) saved_rings->pdata[0], BbLonLat, 0).lon,
                                  g_array_index (ring, BbLonLat, 0).lon, 1e-9);
  g_assert_cmpuint (misplaced_incidents (), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  BbDemoOptions options;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dir = g_dir_make_tmp ("bb-map-tools-XXXXXX", NULL);
  path = g_build_filename (dir, "demo.beatbook", NULL);
  bb_demo_options_init_default (&options);
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/map/tools/polygon", test_polygon);
  g_test_add_func ("/map/tools/popovers", test_popovers);
  g_test_add_func ("/map/tools/time-slider", test_time_slider);
  g_test_add_func ("/map/tools/boundary", test_boundary);
  g_test_add_func ("/map/tools/boundary-parts", test_boundary_parts);
  status = g_test_run ();
  g_clear_object (&store);
  return status;
}
