/* test-window.c: the main window on a new station, the demo station and a file that is not a station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-directory-page.h"
#include "bb-surveys-page.h"
#include "bb-incidents-page.h"
#include "bb-map-view.h"
#include "bb-preferences-window.h"
#include "bb-problems-view.h"
#include "bb-calendar-view.h"
#include "bb-reports-view.h"
#include "bb-window.h"
#include "ui-test-util.h"

static const char * const views[] = {
  "map", "problems", "calendar", "reports", "incidents", "directory", "surveys", NULL
};

static BbApplication *app;
static char *tmp_dir;

static BbWindow *
new_window (int width,
            int height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  return window;
}

static GType
view_type (const char *name)
{
  if (g_str_equal (name, "map"))
    return BB_TYPE_MAP_VIEW;
  if (g_str_equal (name, "problems"))
    return BB_TYPE_PROBLEMS_VIEW;
  if (g_str_equal (name, "calendar"))
    return BB_TYPE_CALENDAR_VIEW;
  if (g_str_equal (name, "reports"))
    return BB_TYPE_REPORTS_VIEW;
  if (g_str_equal (name, "incidents"))
    return BB_TYPE_INCIDENTS_PAGE;
  if (g_str_equal (name, "directory"))
    return BB_TYPE_DIRECTORY_PAGE;
  if (g_str_equal (name, "surveys"))
    return BB_TYPE_SURVEYS_PAGE;
  g_assert_not_reached ();
}

static const char *
status_title (BbWindow   *window,
              const char *name)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), view_type (name));
  GtkWidget *status = find_widget (view, ADW_TYPE_STATUS_PAGE);

  g_assert_nonnull (status);
  return adw_status_page_get_title (ADW_STATUS_PAGE (status));
}

/* The title of the status page the view shows now, or NULL when it shows
 * its content. */
static const char *
shown_status_title (BbWindow   *window,
                    const char *name)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window), view_type (name));
  GtkWidget *status = find_widget (view, ADW_TYPE_STATUS_PAGE);

  if (status == NULL || !gtk_widget_get_mapped (status))
    return NULL;
  return adw_status_page_get_title (ADW_STATUS_PAGE (status));
}

/* A spinner turning where the user cannot see it: GTK animates it all the
 * same, and for it the window lays itself out and, while a popover is
 * open, draws itself again on every frame.  Returns where it is (the
 * Beatbook widget that holds it), or NULL when there is none. */
static const char *
unseen_spinner_place (GtkWidget *root)
{
  if (GTK_IS_SPINNER (root) && gtk_spinner_get_spinning (GTK_SPINNER (root)) && !gtk_widget_get_mapped (root))
    {
      for (GtkWidget *w = root; w != NULL; w = gtk_widget_get_parent (w))
        if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Bb"))
          return G_OBJECT_TYPE_NAME (w);
      return G_OBJECT_TYPE_NAME (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *place = unseen_spinner_place (child);

      if (place != NULL)
        return place;
    }
  return NULL;
}

static gboolean
no_unseen_spinner (gpointer data)
{
  return unseen_spinner_place (data) == NULL;
}

/* Goes through the seven pages with the window's action, as the menu, the
 * buttons and Ctrl+1…7 do, and photographs each. */
static void
visit_views (BbWindow   *window,
             const char *prefix)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.beatbook.Beatbook");
  g_autofree char *station = bb_store_dup_station_name (bb_window_get_store (window));

  /* Start from a view that is not the first one visited. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("directory"));
  run_for (400);

  for (guint i = 0; views[i] != NULL; i++)
    {
      g_autofree char *before = g_strdup (bb_window_get_visible_view (window));
      g_autofree char *last_view = NULL;
      g_autofree char *shot = g_strdup_printf ("%s%s", prefix, views[i]);
      GtkWidget *view;

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string (views[i]));
      run_for (500);

      g_assert_cmpstr (before, !=, views[i]);
      g_assert_cmpstr (bb_window_get_visible_view (window), ==, views[i]);
      view = find_widget (GTK_WIDGET (window), view_type (views[i]));
      g_assert_nonnull (view);
      g_assert_true (gtk_widget_get_mapped (view));
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), station));

      last_view = g_settings_get_string (settings, "last-view");
      g_assert_cmpstr (last_view, ==, views[i]);

      save_screenshot (GTK_WIDGET (window), shot);
    }
}

static void
test_accelerators (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "win.show-view::map", "<Control>1" },
    { "win.show-view::problems", "<Control>2" },
    { "win.show-view::calendar", "<Control>3" },
    { "win.show-view::reports", "<Control>4" },
    { "win.show-view::incidents", "<Control>5" },
    { "win.show-view::directory", "<Control>6" },
    { "win.show-view::surveys", "<Control>7" },
    { "app.new-station", "<Control>n" },
    { "app.open-station", "<Control>o" },
    { "app.preferences", "<Control>comma" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i].action);

      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }

  for (const char * const *name = (const char * const[]) { "new-station", "open-station", "open-demo",
                                                            "preferences", "about", "quit", NULL };
       *name != NULL; name++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), *name));
}

static void
test_welcome (void)
{
  BbWindow *window = new_window (1280, 800);

  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "welcome");
  g_assert_null (bb_window_get_store (window));
  save_screenshot (GTK_WIDGET (window), "welcome");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_new_station (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Riverside.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Riverside Station", &error);
  g_autoptr(GSettings) settings = g_settings_new ("org.beatbook.Beatbook");
  g_autofree char *last_station = NULL;
  BbWindow *window;

  g_assert_no_error (error);
  window = new_window (1280, 800);
  bb_window_set_store (window, store);
  run_for (400);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Riverside Station — Beatbook");
  last_station = g_settings_get_string (settings, "last-station");
  g_assert_cmpstr (last_station, ==, path);

  visit_views (window, "");

  /* Once what the views read is shown, nothing turns out of sight (a
   * spinner does only while it is on screen). */
  if (!run_until (no_unseen_spinner, window, 30))
    g_assert_cmpstr (unseen_spinner_place (GTK_WIDGET (window)), ==, NULL);

  /* A new station tells the truth: it holds nothing yet. */
  g_assert_cmpstr (status_title (window, "problems"), ==, "No Problems Yet");
  g_assert_cmpstr (status_title (window, "calendar"), ==, "No Events Yet");
  g_assert_cmpstr (status_title (window, "reports"), ==, "Nothing to Report Yet");
  g_assert_cmpstr (status_title (window, "incidents"), ==, "No Incidents Yet");
  g_assert_cmpstr (status_title (window, "directory"), ==, "The Directory Is Empty");
  g_assert_cmpstr (status_title (window, "surveys"), ==, "No Surveys Yet");

  /* The smallest screen the station's laptops have. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  visit_views (window, "1024x600-");

  /* On a narrow window the view switcher moves to the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
  run_for (500);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("problems"));
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "narrow-problems");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);

  /* Closing remembers the size and the view. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("calendar"));
  run_for (200);
  gtk_window_close (GTK_WINDOW (window));
  run_for (200);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_free (last_station);
  last_station = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_station, ==, "calendar");

  /* A new window starts where the last one was left. */
  window = new_window (1280, 800);
  bb_window_set_store (window, store);
  run_for (300);
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "calendar");
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (BbWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

static void
test_not_a_station (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "shopping list.beatbook", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BbWindow *window;
  AdwMessageDialog *dialog;

  g_file_set_contents (path, "milk\neggs\nbread\n", -1, &error);
  g_assert_no_error (error);

  window = new_window (1024, 600);
  bb_window_open_file (window, file);
  g_assert_true (run_until (has_dialog, window, 20));
  run_for (400);

  dialog = find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "shopping list.beatbook"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  g_assert_null (bb_window_get_store (window));
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "welcome");
  save_screenshot (GTK_WIDGET (dialog), "error-dialog");
  save_screenshot (GTK_WIDGET (window), "error-window");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_preferences (gpointer data)
{
  return find_toplevel (BB_TYPE_PREFERENCES_WINDOW) != NULL;
}

static void
test_secondary_windows (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Hilltop.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Hilltop", &error);
  g_autoptr(BbStation) station = NULL;
  BbWindow *window;
  GtkWindow *preferences;
  GtkWindow *other;
  GtkWidget *row;

  g_assert_no_error (error);
  window = new_window (1024, 600);
  bb_window_set_store (window, store);
  run_for (300);

  /* Preferences edit the open station's details. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (run_until (has_preferences, NULL, 10));
  run_for (400);
  preferences = GTK_WINDOW (find_toplevel (BB_TYPE_PREFERENCES_WINDOW));
  save_screenshot (GTK_WIDGET (preferences), "preferences");

  row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Hilltop");
  gtk_editable_set_text (GTK_EDITABLE (row), "Hilltop Police Station");
  g_signal_emit_by_name (row, "apply");
  run_for (200);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (station->name, ==, "Hilltop Police Station");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Hilltop Police Station — Beatbook");
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  run_for (500);
  other = GTK_WINDOW (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_nonnull (other);
  save_screenshot (GTK_WIDGET (other), "shortcuts");
  gtk_window_destroy (other);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  run_for (500);
  other = GTK_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (other);
  save_screenshot (GTK_WIDGET (other), "about");
  gtk_window_destroy (other);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
demo_done (gpointer data)
{
  BbWindow *window = data;

  return !bb_window_is_busy (window);
}

static void
test_demo_cancelled (void)
{
  BbWindow *window = new_window (1024, 600);
  g_autofree char *path = bb_demo_station_path ();

  bb_window_open_demo (window, TRUE);
  run_for (300);
  g_assert_true (bb_window_is_busy (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cancel-loading", NULL);
  g_assert_true (run_until (demo_done, window, 60));
  run_for (300);

  g_assert_null (bb_window_get_store (window));
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "welcome");
  g_assert_null (find_dialog (window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_demo_station (void)
{
  BbWindow *window = new_window (1280, 800);
  BbStore *store;

  bb_window_open_demo (window, TRUE);
  run_for (1000);
  if (bb_window_is_busy (window))
    {
      g_assert_cmpstr (bb_window_get_visible_view (window), ==, "loading");
      save_screenshot (GTK_WIDGET (window), "demo-loading");
    }
  g_assert_true (run_until (demo_done, window, 150));
  run_for (500);

  g_assert_null (find_dialog (window));
  store = bb_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_true (bb_store_is_demo (store));

  visit_views (window, "demo-");

  /* The demo town holds something in every view: a view shows either its
   * content or a status page that is not an empty state. */
  for (guint i = 1; views[i] != NULL; i++)
    {
      const char *title;

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string (views[i]));
      run_for (300);
      title = shown_status_title (window, views[i]);
      if (title != NULL)
        g_assert_false (g_str_has_prefix (title, "No "));
    }

  /* Back is there on a secondary page only, so a view keeps Alt+Left. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("calendar"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "go-back"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("incidents"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "go-back"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "go-back", NULL);
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "calendar");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "go-back"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  visit_views (window, "demo-1024x600-");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_last_station (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Lakeside.beatbook", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("org.beatbook.Beatbook");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) created = bb_store_create (path, "Lakeside", &error);
  GtkWindow *window;

  g_assert_no_error (error);
  g_clear_object (&created);
  g_settings_set_string (settings, "last-station", path);

  /* Started with nothing to open, Beatbook opens the last station… */
  g_settings_set_boolean (settings, "open-last-station", TRUE);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BB_IS_WINDOW (window));
  g_assert_true (run_until (demo_done, window, 20));
  run_for (300);
  g_assert_nonnull (bb_window_get_store (BB_WINDOW (window)));
  g_assert_cmpstr (bb_store_get_path (bb_window_get_store (BB_WINDOW (window))), ==, path);
  gtk_window_destroy (window);

  /* …unless told not to. */
  g_settings_set_boolean (settings, "open-last-station", FALSE);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  run_for (300);
  g_assert_null (bb_window_get_store (BB_WINDOW (window)));
  g_assert_cmpstr (bb_window_get_visible_view (BB_WINDOW (window)), ==, "welcome");
  gtk_window_destroy (window);
  g_settings_reset (settings, "open-last-station");
}

static char *
beatbook_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "beatbook", NULL);
}

static void
run_beatbook (const char * const *args,
              char              **out,
              char              **err,
              int                *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, beatbook_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, status, &error);
  g_assert_no_error (error);
}

static void
test_command_line (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes.beatbook", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_beatbook ((const char *[]) { "--version", NULL }, &out, &err, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_beatbook ((const char *[]) { "--help", NULL }, &out, &err, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "--demo"));
  g_assert_nonnull (strstr (out, "--regenerate"));
  g_assert_nonnull (strstr (out, "STATION.beatbook"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (path, "Dear diary,\n", -1, NULL));
  run_beatbook ((const char *[]) { path, NULL }, &out, &err, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "notes.beatbook"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  run_beatbook ((const char *[]) { "--regenerate", NULL }, &out, &err, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "--demo"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  /* The demo station goes into the user data folder: keep the test's own. */
  tmp_dir = ui_test_setup_environment ("beatbook-ui-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  g_test_add_func ("/ui/window/accelerators", test_accelerators);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/new-station", test_new_station);
  g_test_add_func ("/ui/window/not-a-station", test_not_a_station);
  g_test_add_func ("/ui/window/secondary-windows", test_secondary_windows);
  g_test_add_func ("/ui/window/demo-cancelled", test_demo_cancelled);
  g_test_add_func ("/ui/window/demo-station", test_demo_station);
  g_test_add_func ("/ui/application/open-last-station", test_open_last_station);
  g_test_add_func ("/ui/command-line", test_command_line);

  result = g_test_run ();

  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
