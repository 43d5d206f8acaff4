/* test-incidents.c: the incidents page, its filter and the incident editor on a small demo station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-incidents"

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-import-dialog.h"
#include "bb-import-report-view.h"
#include "bb-incident-editor.h"
#include "bb-incidents-page.h"
#include "bb-map-view.h"
#include "bb-problem-page.h"
#include "bb-problems-view.h"
#include "bb-station-summary.h"
#include "bb-store-map.h"
#include "bb-window.h"
#include "ui-test-util.h"

#define N_INCIDENTS 3000

static BbApplication *app;
static char *tmp_dir;
static BbStore *store;

static gboolean
page_ready (gpointer data)
{
  return !bb_incidents_page_is_busy (data);
}

static BbIncidentsPage *
open_page (BbWindow *window)
{
  BbIncidentsPage *page;

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("incidents"));
  page = BB_INCIDENTS_PAGE (find_widget (GTK_WIDGET (window), BB_TYPE_INCIDENTS_PAGE));
  g_assert_nonnull (page);
  g_assert_true (run_until (page_ready, page, 30));
  return page;
}

static BbWindow *
new_window (int width,
            int height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  bb_window_set_store (window, store);
  return window;
}

/* The row at @position once its page is there. */
static const BbIncident *
row_incident (BbIncidentsPage *page,
              guint            position)
{
  GListModel *model = G_LIST_MODEL (bb_incidents_page_get_model (page));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(BbIncidentRow) row = g_list_model_get_item (model, position);

  g_assert_nonnull (row);
  while (bb_incident_row_get_incident (row) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (bb_incident_row_get_incident (row));
  /* The model keeps its pages; the row outlives this reference. */
  return bb_incident_row_get_incident (row);
}

static guint
n_rows (BbIncidentsPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (bb_incidents_page_get_model (page)));
}

static gint64
store_count (const BbIncidentFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 n = bb_store_incident_count (store, filter, &error);

  g_assert_no_error (error);
  return n;
}

static BbIncident *
store_first (const BbIncidentFilter *filter,
             BbIncidentSort          sort,
             gboolean                descending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = bb_store_incident_query (store, filter, sort, descending, 0, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  return bb_incident_copy (g_ptr_array_index (page, 0));
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
test_table (void)
{
  BbWindow *window = new_window (1280, 800);
  BbIncidentsPage *page = open_page (window);
  BbFilterState *filter = bb_window_get_filter (window);
  g_autoptr(BbIncident) newest = store_first (NULL, BB_INCIDENT_SORT_TIME, TRUE);
  g_autoptr(BbIncident) by_category = store_first (NULL, BB_INCIDENT_SORT_CATEGORY, FALSE);
  g_autoptr(BbIncident) by_address = store_first (NULL, BB_INCIDENT_SORT_ADDRESS, TRUE);
  g_autoptr(BbIncidentFilter) wanted = NULL;
  g_autofree char *word = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected = NULL;
  GtkColumnView *view = bb_incidents_page_get_column_view (page);
  const char *space;

  /* Every incident, newest first, and the count says so. */
  g_assert_cmpuint (n_rows (page), ==, N_INCIDENTS);
  g_assert_cmpuint (n_rows (page), ==, store_count (NULL));
  all = bb_format_count (N_INCIDENTS);
  expected = g_strdup_printf ("%s incidents", all);
  g_assert_cmpstr (bb_incidents_page_get_count_text (page), ==, expected);
  g_assert_cmpstr (row_incident (page, 0)->id, ==, newest->id);
  run_for (1200);
  save_screenshot (GTK_WIDGET (window), "table");

  /* A row far down is read when it is needed, and memory stays bounded. */
  g_assert_nonnull (row_incident (page, N_INCIDENTS - 1));
  for (guint i = 0; i < N_INCIDENTS; i += 100)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (bb_incidents_page_get_model (page)), i));
  g_assert_cmpuint (bb_incident_list_model_get_n_resident_pages (bb_incidents_page_get_model (page)), <=, 24);

  /* Clicking a header sorts in the station, not in GTK. */
  gtk_column_view_sort_by_column (view, column_titled (view, "Category"), GTK_SORT_ASCENDING);
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpstr (row_incident (page, 0)->id, ==, by_category->id);
  gtk_column_view_sort_by_column (view, column_titled (view, "Address"), GTK_SORT_DESCENDING);
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpstr (row_incident (page, 0)->id, ==, by_address->id);
  gtk_column_view_sort_by_column (view, column_titled (view, "When"), GTK_SORT_DESCENDING);
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpstr (row_incident (page, 0)->id, ==, newest->id);

  /* A category: the count is the station's. */
  bb_filter_state_set_category_ids (filter, (const char * const[]) { newest->category_id, NULL });
  g_assert_true (run_until (page_ready, page, 30));
  wanted = bb_filter_state_dup_filter (filter);
  g_assert_cmpuint (n_rows (page), ==, store_count (wanted));
  g_assert_cmpuint (n_rows (page), <, N_INCIDENTS);
  g_assert_cmpuint (n_rows (page), >, 0);
  g_free (expected);
  expected = g_strdup_printf (" of %s incidents", all);
  g_assert_nonnull (strstr (bb_incidents_page_get_count_text (page), expected));
  save_screenshot (GTK_WIDGET (window), "category");

  /* Words of a description, searched in full text. */
  bb_filter_state_reset (filter);
  space = strchr (newest->description, ' ');
  word = g_strndup (newest->description, space != NULL ? (gsize) (space - newest->description) : strlen (newest->description));
  bb_filter_state_set_text (filter, word);
  g_assert_true (run_until (page_ready, page, 30));
  g_clear_pointer (&wanted, bb_incident_filter_free);
  wanted = bb_filter_state_dup_filter (filter);
  g_test_message ("search “%s”: %u rows", word, n_rows (page));
  g_assert_cmpuint (n_rows (page), ==, store_count (wanted));
  g_assert_cmpuint (n_rows (page), >, 0);

  /* A preset, then all again. */
  bb_filter_state_set_preset (filter, BB_TIME_PRESET_LAST_28_DAYS);
  g_assert_true (run_until (page_ready, page, 30));
  g_clear_pointer (&wanted, bb_incident_filter_free);
  wanted = bb_filter_state_dup_filter (filter);
  g_assert_cmpuint (n_rows (page), ==, store_count (wanted));
  bb_filter_state_reset (filter);
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpuint (n_rows (page), ==, N_INCIDENTS);

  /* The smallest screen the station's laptops have. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "1024x600");

  gtk_window_destroy (GTK_WINDOW (window));
}

static BbIncidentEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (BB_IS_INCIDENT_EDITOR (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return BB_INCIDENT_EDITOR (toplevel);
    }
  return NULL;
}

static gboolean
no_editor (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
picker_loaded (gpointer data)
{
  return bb_place_picker_is_loaded (data);
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 1;
}

/* A place picked on the editor's map fills in the coordinates, and the
 * district follows from them. */
static void
test_editor_map (void)
{
  BbWindow *window = new_window (1280, 800);
  BbIncidentEditor *editor;
  BbPlacePicker *picker;
  double lat, lon, picked_lat, picked_lon;
  int width, height;

  open_page (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-incident", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  picker = bb_incident_editor_get_place_picker (editor);
  g_assert_true (run_until (picker_loaded, picker, 20));
  g_assert_true (run_until (allocated, picker, 20));
  run_for (800);
  g_assert_cmpstr (bb_incident_editor_get_text (editor, "latitude"), ==, "");

  width = gtk_widget_get_width (GTK_WIDGET (picker));
  height = gtk_widget_get_height (GTK_WIDGET (picker));
  g_assert_cmpint (width, >, 200);
  g_assert_cmpint (height, >=, 240);
  bb_place_picker_pick_at (picker, width / 2.0, height / 2.0);
  bb_place_picker_get_position (picker, &picked_lat, &picked_lon);
  g_assert_cmpstr (bb_incident_editor_get_text (editor, "latitude"), !=, "");
  lat = g_ascii_strtod (bb_incident_editor_get_text (editor, "latitude"), NULL);
  lon = g_ascii_strtod (bb_incident_editor_get_text (editor, "longitude"), NULL);
  g_assert_cmpfloat_with_epsilon (lat, picked_lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, picked_lon, 1e-6);
  /* The middle of the station's map lies in one of its districts. */
  run_for (600);
  g_assert_null (strstr (bb_incident_editor_get_warning (editor), "outside"));

  /* Coordinates typed in move the mark. */
  bb_incident_editor_set_text (editor, "latitude", "41.002");
  bb_place_picker_get_position (picker, &picked_lat, &picked_lon);
  g_assert_cmpfloat_with_epsilon (picked_lat, 41.002, 1e-9);
  g_assert_cmpfloat_with_epsilon (picked_lon, lon, 1e-6);
  run_for (800);
  save_screenshot (GTK_WIDGET (editor), "editor-map");
  save_screenshot (GTK_WIDGET (picker), "editor-map-picker");

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
store_has (gpointer data)
{
  return store_count (data) > 0;
}

static gboolean
store_lacks (gpointer data)
{
  return store_count (data) == 0;
}

static gboolean
rows_are (gpointer data)
{
  BbIncidentsPage *page = data;

  return page_ready (page) && n_rows (page) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (page), "expected"));
}

static gboolean
editor_warns_outside (gpointer data)
{
  return strstr (bb_incident_editor_get_warning (data), "outside") != NULL;
}

static gboolean
editor_warns_nothing (gpointer data)
{
  return *bb_incident_editor_get_warning (data) == '\0';
}

static void
test_editor (void)
{
  BbWindow *window = new_window (1280, 800);
  BbIncidentsPage *page = open_page (window);
  BbFilterState *filter = bb_window_get_filter (window);
  g_autoptr(BbIncident) newest = store_first (NULL, BB_INCIDENT_SORT_TIME, TRUE);
  g_autoptr(BbIncidentFilter) bakery = bb_incident_filter_new ();
  g_autoptr(BbIncident) saved = NULL;
  g_autoptr(BbIncident) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  BbIncidentEditor *editor;
  g_autofree char *lat = g_strdup_printf ("%.6f", newest->lat);
  g_autofree char *lon = g_strdup_printf ("%.6f", newest->lon);
  gint64 before = store_count (NULL);
  GtkSelectionModel *selection;

  /* A new incident, typed as an officer would. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-incident", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  bb_incident_editor_set_category (editor, newest->category_id);
  bb_incident_editor_set_text (editor, "date", "2025-05-14");
  bb_incident_editor_set_text (editor, "time", "21:30");
  bb_incident_editor_set_text (editor, "latitude", lat);
  bb_incident_editor_set_text (editor, "longitude", lon);
  bb_incident_editor_set_text (editor, "address", "12 Mill Street");
  bb_incident_editor_set_text (editor, "description", "Bicycle taken from the rack outside the quayside bakery");
  run_for (600);
  g_assert_cmpstr (bb_incident_editor_get_error (editor), ==, "");
  g_assert_cmpstr (bb_incident_editor_get_warning (editor), ==, "");
  save_screenshot (GTK_WIDGET (editor), "editor");

  /* A date in the future is worth a warning, not a refusal. */
  bb_incident_editor_set_text (editor, "date", "2099-01-01");
  run_for (100);
  g_assert_cmpstr (bb_incident_editor_get_error (editor), ==, "");
  g_assert_nonnull (strstr (bb_incident_editor_get_warning (editor), "future"));
  bb_incident_editor_set_text (editor, "date", "2025-05-14");

  /* Far from every district: a warning. */
  bb_incident_editor_set_text (editor, "latitude", "-33.9");
  bb_incident_editor_set_text (editor, "longitude", "151.2");
  /* The district is looked up in the store, off the main thread. */
  g_assert_true (run_until (editor_warns_outside, editor, 20));
  save_screenshot (GTK_WIDGET (editor), "editor-warning");
  bb_incident_editor_set_text (editor, "latitude", lat);
  bb_incident_editor_set_text (editor, "longitude", lon);
  g_assert_true (run_until (editor_warns_nothing, editor, 20));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (run_until (no_editor, NULL, 20));

  bb_incident_filter_set_text (bakery, "quayside bakery");
  g_assert_cmpint (store_count (bakery), ==, 1);
  g_assert_cmpint (store_count (NULL), ==, before + 1);
  found = bb_store_incident_query (store, bakery, BB_INCIDENT_SORT_TIME, TRUE, 0, 0, &error);
  g_assert_no_error (error);
  saved = bb_incident_copy (g_ptr_array_index (found, 0));
  g_assert_cmpstr (saved->category_id, ==, newest->category_id);
  g_assert_cmpstr (saved->address, ==, "12 Mill Street");
  g_assert_cmpfloat_with_epsilon (saved->lat, newest->lat, 1e-6);
  g_assert_cmpstr (saved->district_id, ==, newest->district_id);
  g_assert_false (saved->district_overridden);

  /* …and the table shows it. */
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpuint (n_rows (page), ==, before + 1);
  bb_filter_state_set_text (filter, "quayside bakery");
  g_assert_true (run_until (page_ready, page, 30));
  g_assert_cmpuint (n_rows (page), ==, 1);
  g_assert_cmpstr (row_incident (page, 0)->id, ==, saved->id);

  /* Latitude 95 is refused, with the station's reason, and nothing is written. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-incident", NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  bb_incident_editor_set_category (editor, newest->category_id);
  bb_incident_editor_set_text (editor, "latitude", "95");
  bb_incident_editor_set_text (editor, "longitude", "28.8");
  bb_incident_editor_set_text (editor, "description", "Refused position");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  run_for (500);
  g_assert_nonnull (find_editor ());
  g_assert_false (bb_incident_editor_is_saving (editor));
  g_test_message ("latitude 95: %s", bb_incident_editor_get_error (editor));
  g_assert_nonnull (strstr (bb_incident_editor_get_error (editor), "95"));
  g_assert_cmpint (store_count (NULL), ==, before + 1);
  save_screenshot (GTK_WIDGET (editor), "editor-refused");
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  g_assert_true (run_until (no_editor, NULL, 5));

  /* Delete, then Undo: the incident is back as it was. */
  selection = gtk_column_view_get_model (bb_incidents_page_get_column_view (page));
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "incidents.delete", NULL);
  g_assert_true (run_until (store_lacks, bakery, 10));
  g_object_set_data (G_OBJECT (page), "expected", GUINT_TO_POINTER (0));
  g_assert_true (run_until (rows_are, page, 10));
  g_assert_cmpint (store_count (NULL), ==, before);
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "deleted");

  gtk_widget_activate_action (GTK_WIDGET (page), "incidents.undo-delete", NULL);
  g_assert_true (run_until (store_has, bakery, 10));
  g_object_set_data (G_OBJECT (page), "expected", GUINT_TO_POINTER (1));
  g_assert_true (run_until (rows_are, page, 10));
  restored = bb_store_incident_get (store, saved->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->category_id, ==, saved->category_id);
  g_assert_cmpint (restored->occurred_start, ==, saved->occurred_start);
  g_assert_cmpint (restored->reported_at, ==, saved->reported_at);
  g_assert_cmpfloat (restored->lat, ==, saved->lat);
  g_assert_cmpfloat (restored->lon, ==, saved->lon);
  g_assert_cmpstr (restored->district_id, ==, saved->district_id);
  g_assert_cmpstr (restored->address, ==, saved->address);
  g_assert_cmpstr (restored->description, ==, saved->description);
  g_assert_cmpstr (restored->source, ==, saved->source);
  g_assert_cmpstr (restored->status, ==, saved->status);
  g_assert_cmpint (restored->restricted, ==, saved->restricted);
  g_assert_cmpint (store_count (NULL), ==, before + 1);

  bb_filter_state_reset (filter);
  gtk_window_destroy (GTK_WINDOW (window));
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The main thread's processor time: what the benchmark's wall-clock
 * figures come to on a machine shared with other work. */
static double
main_thread_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Waits until the first row is filled in and drawn; the seconds since @start. */
static double
first_rows_shown (gpointer         window,
                  BbIncidentsPage *page,
                  gint64           start)
{
  g_assert_true (run_until (page_ready, page, 60));
  if (n_rows (page) > 0)
    row_incident (page, 0);
  wait_for_frames (GTK_WIDGET (window));
  return seconds_since (start);
}

/* The first row holds its incident (the count may still be read). */
static gboolean
first_row_filled (gpointer data)
{
  GListModel *model = G_LIST_MODEL (bb_incidents_page_get_model (data));
  g_autoptr(BbIncidentRow) row = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return !bb_incidents_page_is_busy (data);
  row = g_list_model_get_item (model, 0);
  return bb_incident_row_get_incident (row) != NULL;
}

/* Waits until a fresh table's first row is filled in and drawn (the
 * window painted once since: the frame that lays the rows out draws
 * them); the seconds since @start. */
static double
first_rows_drawn (gpointer         window,
                  BbIncidentsPage *page,
                  gint64           start)
{
  g_assert_true (run_until (first_row_filled, page, 60));
  wait_for_paints (GTK_WIDGET (window), 1);
  return seconds_since (start);
}

static gboolean
editor_shown (gpointer data)
{
  return find_editor () != NULL;
}

static gboolean
map_loaded (gpointer view)
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
map_popover_shown (gpointer view)
{
  GtkPopover *popover = bb_map_view_get_popover (view);

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

static gboolean
problems_shown (gpointer window)
{
  return g_strcmp0 (bb_window_get_visible_view (window), "problems") == 0;
}

/* The button in @root's tree that activates @action with @target. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action,
                    const char *target)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target == NULL || (value != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The map's popovers open what they list in the window: an incident's
 * "Open" its editor, a district's open problem its page. */
static void
test_map_popovers (void)
{
  BbWindow *window = new_window (1024, 600);
  g_autoptr(BbIncident) incident = store_first (NULL, BB_INCIDENT_SORT_TIME, TRUE);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GError) error = NULL;
  ShumateViewport *viewport;
  BbIncidentEditor *editor;
  BbProblemsView *problems_view;
  BbMapView *view;
  GtkWidget *button;
  const char *problem_id = NULL;
  guint index = G_MAXUINT;
  double x, y;

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("map"));
  view = BB_MAP_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_MAP_VIEW));
  g_assert_nonnull (view);
  g_assert_true (run_until (map_loaded, view, 30));
  /* Widget positions mean something once the map has its size. */
  g_assert_true (run_until (map_allocated, view, 10));
  g_assert_false (isnan (incident->lat));

  viewport = shumate_map_get_viewport (bb_map_view_get_map (view));
  shumate_viewport_set_zoom_level (viewport, 19);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), incident->lat, incident->lon);
  run_for (500);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (bb_map_view_get_map (view)),
                                              incident->lat, incident->lon, &x, &y);
  /* The pointer resting over the map may have shown a hover's popover:
   * the click's is the one to wait for. */
  if (map_popover_shown (view))
    gtk_popover_popdown (bb_map_view_get_popover (view));
  g_assert_true (bb_map_view_click (view, x, y));
  g_assert_true (run_until (map_popover_shown, view, 10));
  button = find_action_button (GTK_WIDGET (bb_map_view_get_popover (view)), "win.open-incident", incident->id);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (run_until (editor_shown, NULL, 10));
  editor = find_editor ();
  /* The editor holds that incident: its place as stored. */
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (bb_incident_editor_get_text (editor, "latitude"), NULL), incident->lat, 1e-5);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (bb_incident_editor_get_text (editor, "longitude"), NULL), incident->lon, 1e-5);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (run_until (no_editor, NULL, 10));

  /* A district with an open problem. */
  problems = bb_store_problem_list (store, &error);
  g_assert_no_error (error);
  districts = bb_store_map_list_districts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len && problem_id == NULL; i++)
    {
      BbProblem *problem = g_ptr_array_index (problems, i);

      if (problem->district_id == NULL || g_strcmp0 (problem->stage, "closed") == 0)
        continue;
      for (guint d = 0; d < districts->len; d++)
        if (g_strcmp0 (((BbMapDistrict *) g_ptr_array_index (districts, d))->id, problem->district_id) == 0)
          index = d, problem_id = problem->id;
    }
  g_assert_nonnull (problem_id);
  if (map_popover_shown (view))
    gtk_popover_popdown (bb_map_view_get_popover (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.district-details", "u", index));
  g_assert_true (run_until (map_popover_shown, view, 10));
  button = find_action_button (GTK_WIDGET (bb_map_view_get_popover (view)), "win.open-problem", problem_id);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (run_until (problems_shown, window, 10));
  problems_view = BB_PROBLEMS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_PROBLEMS_VIEW));
  g_assert_cmpstr (bb_problem_page_get_problem_id (bb_problems_view_get_problem_page (problems_view)), ==, problem_id);

  /* An area opened as a problem: a new Scanning-stage problem whose area
   * is the selection, on its page. */
  {
    g_autoptr(GPtrArray) before = bb_store_problem_list (store, &error);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GHashTable) counts = NULL;
    BbBBox box = { incident->lon - 0.003, incident->lat - 0.002, incident->lon + 0.003, incident->lat + 0.002 };
    const char *new_id;
    BbProblem *made = NULL;
    guint total = 0;

    g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("map"));
    counts = bb_map_view_select_area (view, &box, &total);
    g_assert_cmpuint (total, >, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.open-area", NULL));
    g_assert_true (run_until (problems_shown, window, 10));
    after = bb_store_problem_list (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, before->len + 1);
    new_id = bb_problem_page_get_problem_id (bb_problems_view_get_problem_page (problems_view));
    for (guint i = 0; i < after->len; i++)
      if (g_strcmp0 (((BbProblem *) g_ptr_array_index (after, i))->id, new_id) == 0)
        made = g_ptr_array_index (after, i);
    g_assert_nonnull (made);
    g_assert_cmpstr (made->stage, ==, "scanning");
    g_assert_nonnull (strstr (made->area, "\"Polygon\""));
    /* Named by what it holds and where ("Incidents in Old Town"). */
    g_assert_true (g_str_has_prefix (made->title, "Incidents"));
    g_assert_nonnull (strstr (made->statement, "in an area selected on the map"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static BbImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (BB_IS_IMPORT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return BB_IMPORT_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
import_step_is (gpointer data)
{
  BbImportDialog *dialog = find_import_dialog ();

  return dialog != NULL && g_strcmp0 (bb_import_dialog_get_step (dialog), data) == 0;
}

static gboolean
no_import_dialog (gpointer data)
{
  return find_import_dialog () == NULL;
}

static void
append_line (const char *path,
             const char *line)
{
  g_autofree char *contents = NULL;
  g_autofree char *all = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  all = g_strconcat (contents, line, NULL);
  g_assert_true (g_file_set_contents (path, all, -1, NULL));
}

/* A label whose text has @part in it. */
static gboolean
label_has (GtkWidget     *widget,
           gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* The report page: its counts as rows, the refused row by its line, and
 * the whole report as text through its Copy button. */
static void
check_import_report (BbImportDialog *dialog)
{
  GtkWidget *view = find_widget (GTK_WIDGET (dialog), BB_TYPE_IMPORT_REPORT_VIEW);
  GtkWidget *read = find_widget_by_title (view, "Rows read");
  GtkWidget *skipped = find_widget_by_title (view, "Skipped");
  GtkWidget *refused = find_widget_where (view, label_has, "line 42");
  g_autofree char *copied = NULL;

  g_assert_nonnull (read);
  g_assert_nonnull (find_labelled (read, GTK_TYPE_LABEL, "41"));
  g_assert_nonnull (find_widget_by_title (view, "Would be imported"));
  g_assert_nonnull (find_labelled (skipped, GTK_TYPE_LABEL, "1"));
  g_assert_nonnull (find_widget_where (view, label_has, "40 of 41 rows will be imported; 1 will not"));
  g_assert_nonnull (refused);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (refused)), "latitude"));
  /* its tag, before it in the row */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (refused))), ==, "Skipped");

  g_signal_emit_by_name (find_widget (view, GTK_TYPE_BUTTON), "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, clipboard_text_cb, &copied);
  g_assert_true (run_until (is_set, &copied, 5));
  g_assert_cmpstr (copied, ==, bb_import_dialog_get_report_text (dialog));
  g_assert_nonnull (strstr (copied, "rows read:             41"));
}

static void
test_import (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "other system export.csv", NULL);
  g_autoptr(GError) error = NULL;
  BbDemoOptions options;
  BbWindow *window = new_window (1280, 800);
  BbIncidentsPage *page = open_page (window);
  BbImportDialog *dialog;
  gint64 before = store_count (NULL);

  /* Another town's records, as a police system exports them. */
  bb_demo_options_init_default (&options);
  options.seed = 99;
  options.n_incidents = 40;
  g_assert_true (bb_demo_incidents_write_csv (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  append_line (path, "KB-9999999,2026-03-01T10:00:00Z,traffic.parking,20.1,95.2,\"Rruga 1\",\"Latitude 95\"\n");

  dialog = BB_IMPORT_DIALOG (bb_incidents_page_import_file (page, path));
  g_assert_nonnull (dialog);
  g_assert_true (run_until (import_step_is, (gpointer) "mapping", 20));
  run_for (300);
  save_screenshot (GTK_WIDGET (dialog), "import-mapping");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL);
  g_assert_true (run_until (import_step_is, (gpointer) "report", 20));
  g_test_message ("%s", bb_import_dialog_get_report_text (dialog));
  /* A check writes nothing. */
  g_assert_cmpint (store_count (NULL), ==, before);
  run_for (300);
  save_screenshot (GTK_WIDGET (dialog), "import-report");
  check_import_report (dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);
  g_assert_true (run_until (no_import_dialog, NULL, 20));
  g_assert_cmpint (store_count (NULL), >, before);
  g_assert_cmpint (store_count (NULL), <=, before + 40);
  g_object_set_data (G_OBJECT (page), "expected", GUINT_TO_POINTER ((guint) store_count (NULL)));
  g_assert_true (run_until (rows_are, page, 10));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* With BB_BENCH_STATION=FILE: how long a station's first rows take to
 * appear (performance is measured, not asserted). */
static void
test_first_rows_time (void)
{
  const char *path = g_getenv ("BB_BENCH_STATION");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) big = NULL;
  g_autoptr(BbIncident) newest = NULL;
  BbWindow *window;
  BbIncidentsPage *page;
  BbFilterState *filter;
  gint64 start;
  double cpu;

  if (path == NULL)
    {
      g_test_skip ("BB_BENCH_STATION is not set");
      return;
    }
  big = bb_store_open (path, &error);
  g_assert_no_error (error);

  /* The page alone, with nothing else reading the station. */
  {
    GtkWindow *alone = GTK_WINDOW (gtk_window_new ());
    g_autoptr(BbFilterState) state = bb_filter_state_new ();

    page = BB_INCIDENTS_PAGE (g_object_new (BB_TYPE_INCIDENTS_PAGE, "filter", state, NULL));
    gtk_window_set_child (alone, GTK_WIDGET (page));
    gtk_window_set_default_size (alone, 1280, 800);
    gtk_window_present (alone);
    run_for (500);
    start = g_get_monotonic_time ();
    cpu = main_thread_cpu ();
    bb_incidents_page_set_store (page, big);
    g_print ("# page alone: first rows on screen after %.3f s\n", first_rows_drawn (alone, page, start));
    g_print ("# page alone: main thread's processor time to the first rows %.3f s\n", main_thread_cpu () - cpu);
    g_assert_true (run_until (page_ready, page, 60));
    g_print ("# page alone: count of %u incidents shown after %.3f s\n", n_rows (page),
             first_rows_shown (alone, page, start));
    gtk_window_destroy (alone);
    run_for (1500);
  }

  window = bb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  filter = bb_window_get_filter (window);

  /* Opening the station on the incidents page, where it was closed last
   * time: the map is not shown, so it loads a moment later. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("org.beatbook.Beatbook");

    g_settings_set_string (settings, "last-view", "incidents");
  }
  start = g_get_monotonic_time ();
  cpu = main_thread_cpu ();
  bb_window_set_store (window, big);
  g_print ("# open: the window took the station in %.3f s\n", seconds_since (start));
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "incidents");
  page = BB_INCIDENTS_PAGE (find_widget (GTK_WIDGET (window), BB_TYPE_INCIDENTS_PAGE));
  g_print ("# open: first rows on screen after %.3f s\n", first_rows_drawn (window, page, start));
  g_print ("# open: main thread's processor time to the first rows %.3f s\n", main_thread_cpu () - cpu);
  g_assert_true (run_until (page_ready, page, 60));
  g_print ("# open: count of %u incidents shown after %.3f s\n", n_rows (page),
           first_rows_shown (window, page, start));
  {
    g_autoptr(GPtrArray) first = bb_store_incident_query (big, NULL, BB_INCIDENT_SORT_TIME, TRUE, 0, 1, &error);
    newest = bb_incident_copy (g_ptr_array_index (first, 0));
  }

  for (guint round = 0; round < 2; round++)
    {
      /* The previous order's row numbers finish arriving. */
      run_for (1500);
      start = g_get_monotonic_time ();
      bb_incident_list_model_set_sort (bb_incidents_page_get_model (page), BB_INCIDENT_SORT_TIME, round % 2 == 1);
      g_print ("# sort: first rows of %u incidents on screen after %.3f s\n", n_rows (page),
               first_rows_shown (window, page, start));
    }

  run_for (1500);
  start = g_get_monotonic_time ();
  bb_filter_state_set_category_ids (filter, (const char * const[]) { newest->category_id, NULL });
  g_print ("# category: first rows of %u incidents on screen after %.3f s\n", n_rows (page),
           first_rows_shown (window, page, start));
  run_for (1500);
  start = g_get_monotonic_time ();
  bb_filter_state_reset (filter);
  g_print ("# all again: first rows of %u incidents on screen after %.3f s\n", n_rows (page),
           first_rows_shown (window, page, start));
  run_for (1500);
  start = g_get_monotonic_time ();
  bb_filter_state_set_text (filter, "bicycle");
  g_print ("# search: first rows of %u incidents on screen after %.3f s\n", n_rows (page),
           first_rows_shown (window, page, start));

  /* Scrolling far down: the row is read when it is needed. */
  run_for (1500);
  bb_filter_state_reset (filter);
  g_assert_true (run_until (page_ready, page, 60));
  run_for (1500);
  start = g_get_monotonic_time ();
  row_incident (page, 765432);
  g_print ("# row 765,432 read after %.3f s\n", seconds_since (start));

  save_screenshot (GTK_WIDGET (window), "million");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-incidents-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  ui_test_screenshot_prefix = "incidents-";
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);

  g_test_add_func ("/ui/incidents/table", test_table);
  g_test_add_func ("/ui/incidents/editor", test_editor);
  g_test_add_func ("/ui/incidents/editor-map", test_editor_map);
  g_test_add_func ("/ui/incidents/import", test_import);
  g_test_add_func ("/ui/incidents/map-popovers", test_map_popovers);
  g_test_add_func ("/ui/incidents/first-rows-time", test_first_rows_time);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
