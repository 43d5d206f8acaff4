/* test-hotspots.c: the Map view's heat map and hot spots on the demo station, switched on from the Analysis panel, with screenshots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hotspots"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "bb-analysis-legend.h"
#include "bb-analysis-panel.h"
#include "bb-demo-station.h"
#include "bb-hotspot-popover.h"
#include "bb-map-view.h"
#include "bb-near-repeat-dialog.h"
#include "bb-store-map.h"
#include "ui-test-util.h"

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_nth_widget (GtkWidget *root,
             GType      type,
             guint      nth)
{
  guint seen = 0;
  GtkWidget *stack[512];
  guint depth = 0;

  stack[depth++] = root;
  while (depth > 0)
    {
      GtkWidget *w = stack[--depth];
      GtkWidget *children[256];
      guint n = 0;

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < G_N_ELEMENTS (children); c = gtk_widget_get_next_sibling (c))
        children[n++] = c;
      /* Depth first, in the order of the children. */
      while (n > 0 && depth < G_N_ELEMENTS (stack))
        stack[depth++] = children[--n];
    }
  return NULL;
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
view_loaded (gpointer view)
{
  return bb_map_view_is_loaded (view);
}

static gboolean
analyst_settled (gpointer analyst)
{
  return !bb_map_analyst_is_busy (analyst) && bb_map_analyst_get_analysis (analyst) != NULL;
}

static gboolean
test_done (gpointer dialog)
{
  return bb_near_repeat_dialog_get_result (dialog) != NULL && !bb_near_repeat_dialog_is_busy (dialog);
}

static BbNearRepeatDialog *
find_near_repeat_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (windows, i);

      if (BB_IS_NEAR_REPEAT_DIALOG (w))
        return BB_NEAR_REPEAT_DIALOG (w);
    }
  return NULL;
}

static gboolean
popover_shown (gpointer popover)
{
  return gtk_widget_get_mapped (popover);
}

static void
test_hotspots_on_demo_station (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bb-hotspots-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(BbCategory) burglary = NULL;
  BbDemoOptions options;
  GtkWidget *window, *button, *panel, *legend, *popover;
  GtkSwitch *heat_switch, *hot_switch, *fdr_switch;
  BbMapView *view;
  BbMapAnalyst *analyst;
  BbMapAnalysis *analysis;
  guint hot_cells, computed;

  bb_demo_options_init_default (&options);
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = g_object_new (BB_TYPE_MAP_VIEW, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  bb_map_view_set_filter (view, state);
  bb_map_view_set_store (view, store);
  wait_for (view_loaded, view, "the map to load");
  analyst = bb_map_view_get_analyst (view);
  spin (1500);
  save_screenshot (GTK_WIDGET (view), "map-analysis-off");

  /* The Analysis button opens the panel; its switches drive the layers. */
  for (guint i = 0; (button = find_nth_widget (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), "_Analysis") == 0)
      break;
  g_assert_nonnull (button);
  panel = find_nth_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), BB_TYPE_ANALYSIS_PANEL, 0);
  g_assert_nonnull (panel);
  heat_switch = GTK_SWITCH (find_nth_widget (panel, GTK_TYPE_SWITCH, 0));
  hot_switch = GTK_SWITCH (find_nth_widget (panel, GTK_TYPE_SWITCH, 2));
  fdr_switch = GTK_SWITCH (find_nth_widget (panel, GTK_TYPE_SWITCH, 3));
  legend = find_nth_widget (GTK_WIDGET (view), BB_TYPE_ANALYSIS_LEGEND, 0);
  g_assert_false (gtk_widget_get_visible (legend));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  gtk_switch_set_active (heat_switch, TRUE);
  g_assert_true (gtk_widget_get_visible (legend));
  wait_for (analyst_settled, analyst, "the heat map");
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_nonnull (analysis->heat);
  g_assert_null (analysis->z);
  g_assert_cmpuint (analysis->n_points, ==, bb_map_view_get_n_drawn (view));
  g_assert_null (analysis->heat_note);
  spin (800);
  save_screenshot (gtk_widget_get_ancestor (panel, GTK_TYPE_POPOVER), "map-analysis-panel");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  save_screenshot (GTK_WIDGET (view), "map-heat");

  gtk_switch_set_active (heat_switch, FALSE);
  gtk_switch_set_active (hot_switch, TRUE);
  wait_for (analyst_settled, analyst, "the hot spots");
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_nonnull (analysis->z);
  g_assert_cmpuint (bb_map_analysis_n_hot_spots (analysis), >=, 1);
  hot_cells = analysis->n_hot_cells[1] + analysis->n_hot_cells[2] + analysis->n_hot_cells[3];
  save_screenshot (GTK_WIDGET (view), "map-hotspots");

  /* The strongest hot spot, from the legend's list (the keyboard's way). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.show-hotspot", "u", 1));
  popover = find_nth_widget (GTK_WIDGET (view), BB_TYPE_HOTSPOT_POPOVER, 0);
  g_assert_nonnull (popover);
  wait_for (popover_shown, popover, "the hot spot's statistics");
  g_assert_cmpuint (bb_hotspot_popover_get_spot (BB_HOTSPOT_POPOVER (popover)), ==, 1);
  spin (500);
  save_screenshot (GTK_WIDGET (view), "map-hotspot-zoomed");
  save_screenshot (popover, "map-hotspot-popover");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Both layers, and the false-discovery-rate correction. */
  gtk_switch_set_active (heat_switch, TRUE);
  gtk_switch_set_active (fdr_switch, TRUE);
  wait_for (analyst_settled, analyst, "the corrected hot spots");
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_cmpint (analysis->options.correction, ==, BB_GISTAR_CORRECTION_FDR);
  g_assert_cmpuint (analysis->n_hot_cells[1] + analysis->n_hot_cells[2] + analysis->n_hot_cells[3], <=, hot_cells);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)), 14);
  spin (1500);
  save_screenshot (GTK_WIDGET (view), "map-heat-and-hotspots");

  /* Burglaries of last quarter: the analysis follows the filter. */
  burglary = bb_store_category_get_by_code (store, "burglary", &error);
  g_assert_no_error (error);
  {
    const char *ids[] = { burglary->id, NULL };

    computed = bb_map_analyst_get_n_computed (analyst);
    bb_filter_state_set_category_ids (state, ids);
    bb_filter_state_set_preset (state, BB_TIME_PRESET_LAST_QUARTER);
  }
  wait_for (analyst_settled, analyst, "the burglaries' hot spots");
  analysis = bb_map_analyst_get_analysis (analyst);
  g_assert_cmpuint (analysis->n_points, ==, bb_map_view_get_n_drawn (view));
  g_assert_cmpuint (bb_map_analyst_get_n_computed (analyst), ==, computed + 1);
  spin (800);
  save_screenshot (GTK_WIDGET (view), "map-hotspots-burglary-last-quarter");

  /* By district: the panel's Units row; the legend lists hot districts. */
  {
    AdwComboRow *units = ADW_COMBO_ROW (find_nth_widget (panel, ADW_TYPE_COMBO_ROW, 1));
    g_autoptr(GArray) hot = NULL;
    guint value = 0;

    adw_combo_row_set_selected (units, 1);
    g_object_get (analyst, "hotspot-units", &value, NULL);
    g_assert_cmpuint (value, ==, 1);
    analysis = bb_map_analyst_get_analysis (analyst);
    g_assert_nonnull (analysis->district_gi);
    g_assert_cmpuint (analysis->districts->n, ==, 12);
    hot = bb_map_analysis_rank_districts (analysis, 1);
    spin (800);
    save_screenshot (GTK_WIDGET (view), "map-hotspots-by-district");
    if (hot->len > 0)
      {
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.show-district", "u",
                                                   g_array_index (hot, guint, 0)));
        wait_for (popover_shown, popover, "the district's statistics");
        g_assert_cmpuint (bb_hotspot_popover_get_spot (BB_HOTSPOT_POPOVER (popover)), ==, g_array_index (hot, guint, 0) + 1);
        spin (500);
        save_screenshot (popover, "map-hot-district-popover");
        gtk_popover_popdown (GTK_POPOVER (popover));
      }
    adw_combo_row_set_selected (units, 0);
  }

  /* Near repeats of these burglaries, from the panel's button. */
  {
    BbNearRepeatDialog *dialog;
    const BbKnoxResult *result;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.near-repeats", NULL));
    dialog = find_near_repeat_dialog ();
    g_assert_nonnull (dialog);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "near-repeat.run", NULL);
    wait_for (test_done, dialog, "the near-repeat test");
    result = bb_near_repeat_dialog_get_result (dialog);
    g_assert_cmpuint (result->n_events, ==, bb_map_view_get_n_drawn (view));
    g_assert_cmpuint (result->n_spatial, ==, 4);
    g_assert_cmpuint (result->n_temporal, ==, 4);
    g_assert_nonnull (bb_near_repeat_dialog_get_reading (dialog));
    g_test_message ("near repeats: %s", bb_near_repeat_dialog_get_reading (dialog));
    spin (500);
    save_screenshot (GTK_WIDGET (dialog), "map-near-repeats");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* A handful of incidents: the legend says the result means little. */
  bb_filter_state_set_preset (state, BB_TIME_PRESET_LAST_28_DAYS);
  wait_for (analyst_settled, analyst, "the last 28 days");
  analysis = bb_map_analyst_get_analysis (analyst);
  if (analysis->n_points < BB_MAP_ANALYSIS_MIN_HOTSPOTS)
    {
      g_assert_null (analysis->z);
      g_assert_nonnull (analysis->hot_note);
    }
  spin (500);
  save_screenshot (GTK_WIDGET (view), "map-hotspots-few");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (200);
  g_clear_object (&store);
  ui_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Nothing here is read through the accessibility bus, and a bus shared
   * with other test runs on the machine can vanish mid-test. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hotspots/demo-station", test_hotspots_on_demo_station);

  return g_test_run ();
}
