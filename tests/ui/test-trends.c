/* test-trends.c: the Map view's trend layer on the demo station: change between periods, emerging hot spots, a cell's and a district's statistics, and the map saved with its keys; with screenshots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trends"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bb-analysis-legend.h"
#include "bb-analysis-panel.h"
#include "bb-demo-station.h"
#include "bb-hotspot-popover.h"
#include "bb-map-analyst.h"
#include "bb-map-keys.h"
#include "bb-map-view.h"
#include "ui-test-util.h"

static gboolean
view_loaded (gpointer view)
{
  return bb_map_view_is_loaded (view);
}

static gboolean
trend_settled (gpointer analyst)
{
  return !bb_trend_analyst_is_busy (analyst) && bb_trend_analyst_get_trend (analyst) != NULL;
}

static gboolean
analysis_settled (gpointer analyst)
{
  BbMapAnalysis *a = bb_map_analyst_get_analysis (analyst);

  return !bb_map_analyst_is_busy (analyst) && a != NULL && a->heat != NULL && a->z != NULL;
}

/* The text pdftotext reads in @path, on one line. */
static char *
pdf_words (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  words = g_strsplit_set (out, " \n\f", -1);
  {
    g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
    g_auto(GStrv) list = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_strv_builder_add (kept, words[i]);
    list = g_strv_builder_end (kept);
    return g_strjoinv (" ", list);
  }
}

/* With every layer on, the saved sheet has the three keys, each with
 * how it was made, and the heat map's ramp ends at the scale the layer
 * draws (kept, for comparing periods). */
static void
check_sheet_with_every_key (BbMapView *view)
{
  BbMapAnalyst *analyst = bb_map_view_get_analyst (view);
  g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "ui", "map-with-every-key.pdf", NULL);
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "ui", "map-with-every-key.png", NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  g_autofree char *top = NULL;
  g_autofree char *method = NULL;
  BbMapAnalysis *a;
  const BbMapKey *heat, *hot;

  g_object_set (analyst, "heat-visible", TRUE, "hotspots-visible", TRUE, "fdr", TRUE, NULL);
  g_assert_true (run_until (analysis_settled, analyst, 120));
  g_object_set (analyst, "keep-scale", TRUE, NULL);
  run_for (800);
  a = bb_map_analyst_get_analysis (analyst);
  keys = bb_map_view_build_keys (view);
  g_assert_cmpuint (keys->len, ==, 3);
  heat = g_ptr_array_index (keys, 0);
  hot = g_ptr_array_index (keys, 1);
  g_assert_true (heat->ramp);
  top = bb_map_keys_format_density (bb_map_analyst_get_scale_max (analyst));
  g_assert_cmpfloat (bb_map_analyst_get_scale_max (analyst), >, 0);
  g_assert_cmpstr (g_array_index (heat->items, BbMapKeyItem, heat->items->len - 1).label, ==, top);
  method = g_strdup_printf ("Quartic kernel, bandwidth %.0f m, cells of %.0f m.", a->bandwidth, a->cell_size);
  g_assert_nonnull (strstr (heat->note, method));
  g_assert_nonnull (strstr (heat->note, "Scale kept for comparison."));
  g_assert_nonnull (strstr (hot->note, "Corrected for the false-discovery rate."));

  g_assert_true (bb_map_view_save_map (view, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (bb_map_view_save_map (view, png, &error));
  g_assert_no_error (error);
  words = pdf_words (pdf);
  for (const char * const *want = (const char * const[]) { "Heat Map", "Incidents per km², square-root scale.", method,
                                                            top, "Hot Spots (Gi*)", "Hot 99 %", "Cold 90 %",
                                                            "Corrected for the false-discovery rate.",
                                                            "Emerging Hot Spots", NULL };
       *want != NULL; want++)
    if (strstr (words, *want) == NULL)
      g_error ("“%s” is not on the saved map: %s", *want, words);
  g_test_message ("saved: %s, %s", pdf, png);
}

static gboolean
popover_shown (gpointer popover)
{
  return gtk_widget_get_mapped (popover);
}

static gboolean
view_popover_shown (gpointer view)
{
  GtkPopover *popover = bb_map_view_get_popover (view);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The first cell the layer draws, row by row. */
static gboolean
find_drawn_cell (BbMapView      *view,
                 BbMapTrendCell *cell)
{
  BbTrendAnalyst *analyst = bb_map_view_get_trend_analyst (view);
  BbMapTrend *trend = bb_trend_analyst_get_trend (analyst);
  BbTrendLayer *layer = bb_trend_analyst_get_layer (analyst);

  for (guint row = 0; row < trend->change_z->n_rows; row++)
    for (guint col = 0; col < trend->change_z->n_cols; col++)
      if (bb_map_trend_get_cell (trend, col, row, cell) && bb_trend_layer_is_drawn (layer, cell))
        return TRUE;
  return FALSE;
}

static void
show_cell (BbMapView            *view,
           const BbMapTrendCell *cell,
           const char           *name)
{
  GtkWidget *popover;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.show-trend-cell", "(uu)", cell->col, cell->row));
  popover = find_widget (GTK_WIDGET (view), BB_TYPE_HOTSPOT_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (run_until (popover_shown, popover, 10));
  run_for (400);
  save_screenshot (GTK_WIDGET (view), name);
  {
    g_autofree char *popover_name = g_strconcat (name, "-popover", NULL);

    save_screenshot (popover, popover_name);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The @nth widget of @type under @root, depth first. */
static GtkWidget *
find_nth (GtkWidget *root,
          GType      type,
          guint     *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (*nth)-- == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Analysis panel shows the Trends group with the layer's settings. */
static void
check_panel (BbMapView *view)
{
  GtkWidget *button = NULL, *panel, *trend_switch;
  guint nth;

  for (guint i = 0; ; i++)
    {
      nth = i;
      button = find_nth (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, &nth);
      if (button == NULL || g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), "_Analysis") == 0)
        break;
    }
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  panel = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), BB_TYPE_ANALYSIS_PANEL);
  g_assert_nonnull (panel);
  /* Heat map, keep scale, hot spots, FDR, then trends. */
  nth = 4;
  trend_switch = find_nth (panel, GTK_TYPE_SWITCH, &nth);
  g_assert_nonnull (trend_switch);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (trend_switch)));
  run_for (300);
  scroll_to (trend_switch);
  run_for (500);
  save_screenshot (gtk_widget_get_ancestor (panel, GTK_TYPE_POPOVER), "map-trend-panel");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_trends_on_demo_station (void)
{
  g_autofree char *dir = ui_test_setup_environment ("bb-trends-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "demo.beatbook", NULL);
  g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "ui", "map-with-keys.pdf", NULL);
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "ui", "map-with-keys.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbFilterState) state = bb_filter_state_new ();
  g_autoptr(GPtrArray) keys = NULL;
  BbDemoOptions options;
  GtkWidget *window, *legend;
  BbMapView *view;
  BbTrendAnalyst *analyst;
  BbMapTrend *trend;
  BbMapTrendCell cell;
  gboolean visible = FALSE;
  guint n_drawn = 0;

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
  g_assert_true (run_until (view_loaded, view, 60));
  analyst = bb_map_view_get_trend_analyst (view);
  legend = find_widget (GTK_WIDGET (view), BB_TYPE_ANALYSIS_LEGEND);

  /* The Layers menu's action switches the layer on; the last quarter is
   * compared with the one before. */
  bb_filter_state_set_preset (state, BB_TIME_PRESET_LAST_QUARTER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "layer.show-trends", NULL));
  g_object_get (analyst, "visible", &visible, NULL);
  g_assert_true (visible);
  g_assert_true (run_until (trend_settled, analyst, 60));
  g_assert_true (gtk_widget_get_visible (legend));
  trend = bb_trend_analyst_get_trend (analyst);
  g_assert_nonnull (trend->change_z);
  g_assert_cmpuint (trend->n_current, ==, bb_map_view_get_n_drawn (view));
  g_assert_cmpuint (trend->n_base, >, 0);
  g_assert_cmpint (trend->base_end, ==, trend->start);
  g_assert_cmpuint (trend->n_districts, ==, 12);
  g_test_message ("last quarter: %u incidents, before %u; cells of %.0f m; levels %u/%u/%u/%u/%u",
                  trend->n_current, trend->n_base, trend->cell_size, trend->n_by_level[0], trend->n_by_level[1],
                  trend->n_by_level[2], trend->n_by_level[3], trend->n_by_level[4]);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)), 14);
  run_for (1200);
  save_screenshot (GTK_WIDGET (view), "map-trend-change");
  if (find_drawn_cell (view, &cell))
    {
      g_assert_cmpint (cell.level, !=, BB_CHANGE_NOISE);
      show_cell (view, &cell, "map-trend-change-cell");
      n_drawn++;
    }

  /* A district's change, in its popover. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.district-details", "u", 0));
  g_assert_true (run_until (view_popover_shown, view, 20));
  run_for (400);
  save_screenshot (GTK_WIDGET (bb_map_view_get_popover (view)), "map-trend-district-popover");
  gtk_popover_popdown (bb_map_view_get_popover (view));

  /* The same quarter a year before. */
  g_object_set (analyst, "versus", BB_MAP_TREND_VERSUS_YEAR, NULL);
  g_assert_true (run_until (trend_settled, analyst, 60));
  trend = bb_trend_analyst_get_trend (analyst);
  g_assert_cmpint (trend->options.versus, ==, BB_MAP_TREND_VERSUS_YEAR);
  g_assert_cmpint (trend->start - trend->base_start, >=, 365 * 86400);
  g_assert_cmpint (trend->start - trend->base_start, <=, 366 * 86400);

  /* Emerging hot spots: twelve periods of four weeks up to the quarter's end. */
  g_object_set (analyst, "show", BB_TREND_SHOW_EMERGING, "versus", BB_MAP_TREND_VERSUS_PREVIOUS, NULL);
  g_assert_true (run_until (trend_settled, analyst, 60));
  trend = bb_trend_analyst_get_trend (analyst);
  g_assert_nonnull (trend->emerging);
  g_assert_cmpuint (trend->emerging->n_slices, ==, BB_MAP_TREND_SLICES);
  for (guint p = 1; p < BB_EMERGING_N_PATTERNS; p++)
    if (trend->emerging->n_by_pattern[p] > 0)
      g_test_message ("%s: %u cells", bb_emerging_pattern_to_string (p), trend->emerging->n_by_pattern[p]);
  {
    double lon, lat;

    /* Back to the whole town. */
    bb_local_projection_inverse (&trend->projection, 0, 0, &lon, &lat);
    shumate_viewport_set_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)), 14);
    shumate_map_center_on (bb_map_view_get_map (view), lat, lon);
  }
  run_for (1200);
  save_screenshot (GTK_WIDGET (view), "map-trend-emerging");
  check_panel (view);

  /* The map saved with its key beside it. */
  keys = bb_map_view_build_keys (view);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_true (bb_map_view_save_map (view, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (bb_map_view_save_map (view, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_test_message ("saved: %s, %s", pdf, png);

  if (find_drawn_cell (view, &cell))
    {
      g_assert_true (cell.has_emerging);
      g_assert_cmpint (cell.pattern, !=, BB_EMERGING_NONE);
      show_cell (view, &cell, "map-trend-emerging-cell");
      n_drawn++;
    }
  /* The demo town has its hot spots: something must show. */
  g_assert_cmpuint (n_drawn, >=, 1);
  check_sheet_with_every_key (view);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
  g_clear_object (&store);
  ui_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/trends/demo-station", test_trends_on_demo_station);

  return g_test_run ();
}
