/* ui-test-util.h: what the ui tests share: running the main loop, finding widgets, screenshots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"

static inline gboolean
ui_test_timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static inline void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, ui_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The seconds to wait at most for what the program does in the background:
 * the sanitize test setup (meson.build) scales them for a program that
 * runs several times slower there. */
static inline gint64
ui_test_wait_us (guint seconds)
{
  const char *scale = g_getenv ("BB_TEST_TIMEOUT_SCALE");
  double factor = scale != NULL ? g_ascii_strtod (scale, NULL) : 1.0;

  return (gint64) (seconds * MAX (factor, 1.0) * G_USEC_PER_SEC);
}

static inline gboolean
run_until (gboolean (*predicate) (gpointer),
           gpointer  data,
           guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + ui_test_wait_us (seconds);

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      run_for (50);
    }
  return TRUE;
}

/* The first widget under @root (itself included) that @match says yes to,
 * depth first, or NULL. */
static inline GtkWidget *
find_widget_where (GtkWidget *root,
                   gboolean (*match) (GtkWidget *widget, gconstpointer data),
                   gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_where (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
ui_test_is_of_type (GtkWidget     *widget,
                    gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static inline GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return find_widget_where (root, ui_test_is_of_type, GSIZE_TO_POINTER (type));
}

/* A preferences row (an entry row, a combo row) by its title as written. */
static inline gboolean
ui_test_has_title (GtkWidget     *widget,
                   gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static inline GtkWidget *
find_widget_by_title (GtkWidget  *root,
                      const char *title)
{
  return find_widget_where (root, ui_test_has_title, title);
}

static inline void
ui_test_painted_cb (GdkFrameClock *clock,
                    gpointer       data)
{
  guint *paints = data;

  (*paints)++;
}

/* Waits until @widget is mapped and has been painted @n more times (at
 * most 90 s). */
static inline void
wait_for_paints (GtkWidget *widget,
                 guint      n)
{
  guint paints = 0;
  gulong id;
  GdkFrameClock *clock;
  /* Generous: under the sanitizers on a loaded machine a window can take
   * tens of seconds to map; a quick one ends the wait at once. */
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (ui_test_painted_cb), &paints);
  gtk_widget_queue_draw (widget);
  while ((paints < n || gtk_widget_get_width (widget) == 0) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      gtk_widget_queue_draw (widget);
    }
  g_signal_handler_disconnect (clock, id);
}

/* Waits until @widget is mapped and has been painted three more times, so
 * that what is photographed is what the user would see. */
static inline void
wait_for_frames (GtkWidget *widget)
{
  wait_for_paints (widget, 3);
}

/* What a test puts before its screenshots' names ("incidents-"), if anything. */
static const char *ui_test_screenshot_prefix = "";

/* The widget as drawn, in the build directory's
 * tests/ui/screenshot-PREFIXNAME.png. */
static inline void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s%s.png", ui_test_screenshot_prefix, name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ui", file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width, height;

  wait_for_frames (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* A directory of its own for the test, as XDG_DATA_HOME, XDG_CONFIG_HOME
 * and XDG_CACHE_HOME, settings in memory, no accessibility bus. */
static inline char *
ui_test_setup_environment (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (const char * const *var = (const char * const[]) { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", NULL };
       *var != NULL; var++)
    {
      g_autofree char *sub = g_build_filename (dir, *var, NULL);

      g_mkdir_with_parents (sub, 0700);
      g_setenv (*var, sub, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  return dir;
}

static inline void
ui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        ui_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The label a button or a row shows, without its mnemonic underline. */
static inline char *
widget_text (GtkWidget *widget)
{
  const char *text = NULL;
  GString *plain;

  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  if (text == NULL)
    return NULL;
  plain = g_string_new (NULL);
  for (const char *c = text; *c; c++)
    if (*c != '_')
      g_string_append_c (plain, *c);
  return g_string_free (plain, FALSE);
}

/* The first widget of @type under @root (itself included) that shows @text. */
static inline GtkWidget *
find_labelled (GtkWidget  *root,
               GType       type,
               const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *shown = widget_text (root);

      if (g_strcmp0 (shown, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A shown window of @type (an editor, a dialog), or NULL. */
static inline GtkWidget *
find_toplevel (GType type)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (windows, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static inline gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static inline gboolean
toplevel_gone (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

/* Scrolls the nearest scrolled window so that @widget is at its top. */
static inline void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t p;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &p));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + p.y - 12);
}

/* The application, registered for the test and not unique on the bus, so
 * that tests can run side by side. */
static inline BbApplication *
ui_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  BbApplication *app = bb_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* A demo station of @n_incidents incidents written to @dir/@name. */
static inline BbStore *
ui_test_demo_station (const char *dir,
                      const char *name,
                      guint       n_incidents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BbDemoOptions options;
  BbStore *store;

  bb_demo_options_init_default (&options);
  options.n_incidents = n_incidents;
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}
