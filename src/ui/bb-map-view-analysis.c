/* bb-map-view-analysis.c: the Map view's heat map and hot spots: their statistics on a click, and "Open as Problem" of a hot spot */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-hotspot-popover.h"
#include "bb-hotspot-problem.h"
#include "bb-map-view-private.h"
#include "bb-near-repeat-dialog.h"
#include "bb-overlay-cache.h"

/* A problem is made from the analysis shown: not while a newer one is
 * being computed for another filter, nor twice at once. */
static void
sync_open_actions (BbMapView *self)
{
  gboolean can = self->problem_cancellable == NULL && !bb_map_analyst_is_busy (self->analyst);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.open-hotspot", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.open-district", can);
  /* A selection does not wait for the analysis. */
}

static void
hotspot_popover_closed_cb (BbMapView *self)
{
  bb_hotspot_layer_set_highlight (self->hotspot_layer, 0);
}

static void
ensure_hotspot_popover (BbMapView *self)
{
  if (self->hotspot_popover == NULL)
    {
      self->hotspot_popover = bb_hotspot_popover_new ();
      gtk_widget_set_parent (self->hotspot_popover, GTK_WIDGET (self->overlay));
      g_signal_connect_object (self->hotspot_popover, "closed", G_CALLBACK (hotspot_popover_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

static void
show_hotspot (BbMapView              *self,
              const BbMapHotspotCell *cell,
              double                  x,
              double                  y)
{
  BbMapAnalysis *analysis = bb_hotspot_layer_get_analysis (self->hotspot_layer);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  ensure_hotspot_popover (self);
  bb_hotspot_popover_set_cell (BB_HOTSPOT_POPOVER (self->hotspot_popover), analysis, cell);
  bb_hotspot_layer_set_highlight (self->hotspot_layer, cell->spot != NULL ? cell->spot->id : 0);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->hotspot_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->hotspot_popover));
}

/* The incidents' circles would hide the heat map and the hot spots: they
 * step aside while either is shown (the Layers menu brings them back). */
static void
analysis_layers_cb (BbMapView *self)
{
  gboolean heat = FALSE, hot = FALSE, trends = FALSE;

  g_object_get (self->analyst, "heat-visible", &heat, "hotspots-visible", &hot, NULL);
  g_object_get (self->trend_analyst, "visible", &trends, NULL);
  hot = hot || trends;
  if ((heat || hot) == self->analysis_shown)
    return;
  self->analysis_shown = heat || hot;
  if (self->analysis_shown)
    {
      self->incidents_were_shown = gtk_widget_get_visible (GTK_WIDGET (self->incident_layer));
      gtk_widget_set_visible (GTK_WIDGET (self->incident_layer), FALSE);
    }
  else if (self->incidents_were_shown)
    gtk_widget_set_visible (GTK_WIDGET (self->incident_layer), TRUE);
}

static void
show_hot_district (BbMapView *self,
                   guint      index,
                   double     x,
                   double     y)
{
  BbMapAnalysis *analysis = bb_hotspot_layer_get_analysis (self->hotspot_layer);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (analysis == NULL || analysis->district_gi == NULL || self->data == NULL || index >= self->data->districts->len)
    return;
  ensure_hotspot_popover (self);
  bb_hotspot_popover_set_district (BB_HOTSPOT_POPOVER (self->hotspot_popover), analysis, index,
                                   ((BbMapDistrict *) g_ptr_array_index (self->data->districts, index))->name);
  bb_hotspot_layer_set_highlight (self->hotspot_layer, index + 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->hotspot_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->hotspot_popover));
}

static void
analysis_updated_cb (BbMapView *self)
{
  /* Statistics of an analysis no longer shown would mislead. */
  if (self->hotspot_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->hotspot_popover));
}

/* Centres the map on a spot's strongest cell and shows its statistics:
 * the keyboard's way to what a click on the map does. */
static void
show_hotspot_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  BbMapAnalysis *analysis = bb_hotspot_layer_get_analysis (self->hotspot_layer);
  guint id = g_variant_get_uint32 (parameter);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  const BbMapHotspot *spot;
  BbMapHotspotCell cell;
  double lon, lat, x, y;

  if (analysis == NULL || analysis->spots == NULL || id == 0 || id > analysis->spots->len)
    return;
  spot = &g_array_index (analysis->spots, BbMapHotspot, id - 1);
  if (!bb_map_analysis_get_cell (analysis, spot->focus_col, spot->focus_row, &cell))
    return;
  bb_grid_cell_centre_lonlat (analysis->z, spot->focus_col, spot->focus_row, &lon, &lat);
  if (shumate_viewport_get_zoom_level (viewport) < 14)
    shumate_viewport_set_zoom_level (viewport, 15);
  shumate_map_center_on (shumate_simple_map_get_map (self->map), lat, lon);
  bb_hotspot_layer_cell_position (self->hotspot_layer, spot->focus_col, spot->focus_row, &x, &y);
  show_hotspot (self, &cell, x, y);
}

/* Zooms to a district and shows its statistics. */
static void
show_district_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  BbBBox *box;
  double x, y;

  if (self->data == NULL || self->data->district_units == NULL || index >= self->data->district_units->n)
    return;
  box = &self->data->district_units->boxes[index];
  bb_map_view_zoom_to_box (self, box);
  bb_overlay_frame_position (SHUMATE_LAYER (self->hotspot_layer), (box->min_lon + box->max_lon) / 2,
                             (box->min_lat + box->max_lat) / 2, &x, &y);
  show_hot_district (self, index, x, y);
}

void
bb_map_view_problem_created_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bb_hotspot_problem_create_finish (BB_STORE (source), result, &error);

  g_clear_object (&self->problem_cancellable);
  sync_open_actions (self);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_map_view_show_error (self, _("The problem could not be made"), error);
      return;
    }
  if (self->hotspot_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->hotspot_popover));
  /* Straight to the new problem's page, where its statement and area are
   * checked and its work begins. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-problem", "s", id);
}

static void
open_district_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  BbMapAnalysis *analysis = bb_hotspot_layer_get_analysis (self->hotspot_layer);
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(BbProblem) problem = NULL;
  g_autofree char *what = NULL;
  BbMapDistrict *district;

  if (self->store == NULL || self->data == NULL || analysis == NULL || self->problem_cancellable != NULL
      || index >= self->data->districts->len)
    return;
  district = g_ptr_array_index (self->data->districts, index);
  what = bb_hotspot_describe_categories (filter, self->data->categories);
  problem = bb_hotspot_problem_new_for_district (analysis, index, filter, what, district->id, district->name);
  if (problem == NULL)
    return;
  self->problem_cancellable = g_cancellable_new ();
  sync_open_actions (self);
  bb_hotspot_problem_create_async (self->store, problem, filter != NULL ? (const char * const *) filter->category_ids : NULL,
                                   NAN, NAN, self->problem_cancellable, bb_map_view_problem_created_cb, g_object_ref (self));
}

static void
open_hotspot_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  BbMapAnalysis *analysis = bb_hotspot_layer_get_analysis (self->hotspot_layer);
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  guint id = g_variant_get_uint32 (parameter);
  g_autoptr(BbProblem) problem = NULL;
  g_autofree char *what = NULL;
  const BbMapHotspot *spot;
  double lon, lat;

  if (self->store == NULL || self->data == NULL || analysis == NULL || self->problem_cancellable != NULL)
    return;
  what = bb_hotspot_describe_categories (filter, self->data->categories);
  problem = bb_hotspot_problem_new (analysis, id, filter, what);
  if (problem == NULL)
    return;
  spot = &g_array_index (analysis->spots, BbMapHotspot, id - 1);
  /* The district is the one of its busiest cell. */
  bb_grid_cell_centre_lonlat (analysis->z, spot->focus_col, spot->focus_row, &lon, &lat);
  self->problem_cancellable = g_cancellable_new ();
  sync_open_actions (self);
  bb_hotspot_problem_create_async (self->store, problem, filter != NULL ? (const char * const *) filter->category_ids : NULL,
                                   lon, lat, self->problem_cancellable, bb_map_view_problem_created_cb, g_object_ref (self));
}

/* The Knox test of the incidents the filter shows, in a window of its own. */
static void
near_repeats_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *names = NULL;
  g_autofree char *what = NULL;
  BbNearRepeatDialog *dialog;

  if (self->data == NULL || self->selected == NULL)
    return;
  names = bb_hotspot_describe_categories (filter, self->data->categories);
  /* Translators: the incidents a near-repeat reading is about, "Incidents (Burglary)" */
  what = names != NULL ? g_strdup_printf (_("Incidents (%s)"), names) : NULL;
  dialog = bb_near_repeat_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->data->points,
                                      self->selected, what);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
bb_map_view_analysis_click (BbMapView *self,
                            double     x,
                            double     y)
{
  BbMapHotspotCell cell;
  int index;

  /* The trend layer is drawn over the hot spots: it answers first. */
  if (bb_map_view_trends_click (self, x, y))
    return TRUE;
  if (bb_hotspot_layer_pick (self->hotspot_layer, x, y, &cell))
    {
      show_hotspot (self, &cell, x, y);
      return TRUE;
    }
  if ((index = bb_hotspot_layer_pick_district (self->hotspot_layer, x, y)) >= 0)
    {
      show_hot_district (self, index, x, y);
      return TRUE;
    }
  return FALSE;
}

void
bb_map_view_analysis_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.show-hotspot", "u", show_hotspot_action_cb);
  gtk_widget_class_install_action (widget_class, "map.open-hotspot", "u", open_hotspot_action_cb);
  gtk_widget_class_install_action (widget_class, "map.show-district", "u", show_district_action_cb);
  gtk_widget_class_install_action (widget_class, "map.open-district", "u", open_district_action_cb);
  gtk_widget_class_install_action (widget_class, "map.near-repeats", NULL, near_repeats_action_cb);
}

void
bb_map_view_analysis_init (BbMapView *self)
{
  g_signal_connect_object (self->analyst, "updated", G_CALLBACK (analysis_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analyst, "notify::heat-visible", G_CALLBACK (analysis_layers_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analyst, "notify::hotspots-visible", G_CALLBACK (analysis_layers_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trend_analyst, "notify::visible", G_CALLBACK (analysis_layers_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analyst, "notify::busy", G_CALLBACK (sync_open_actions), self, G_CONNECT_SWAPPED);
}

void
bb_map_view_analysis_dispose (BbMapView *self)
{
  g_cancellable_cancel (self->problem_cancellable);
  g_clear_object (&self->problem_cancellable);
  g_clear_pointer (&self->hotspot_popover, gtk_widget_unparent);
  if (self->analyst != NULL)
    bb_map_analyst_clear (self->analyst);
  g_clear_object (&self->analyst);
}
