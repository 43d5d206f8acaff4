/* bb-map-view-trends.c: the Map view's trend layer: its input from the filter, a cell's statistics on a click, "Open as Problem", and a district's change */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-hotspot-popover.h"
#include "bb-hotspot-problem.h"
#include "bb-map-filter.h"
#include "bb-map-keys.h"
#include "bb-map-view-private.h"
#include "bb-map-selection.h"
#include "bb-overlay-cache.h"
#include "bb-records.h"

/* The trends need the filter's incidents at any time: the periods
 * compared and the slices are cut from them.  Worked out only while the
 * layer is on. */
void
bb_map_view_trends_refilter (BbMapView *self)
{
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  g_autoptr(BbIncidentFilter) timeless = NULL;
  g_autoptr(GArray) history = NULL;
  gboolean visible = FALSE;

  g_object_get (self->trend_analyst, "visible", &visible, NULL);
  if (!visible || self->data == NULL || self->selected == NULL)
    return;
  if (filter == NULL || (filter->start == BB_UNSET_TIME && filter->end == BB_UNSET_TIME))
    history = g_array_ref (self->selected);
  else
    {
      timeless = bb_incident_filter_copy (filter);
      bb_incident_filter_set_time_range (timeless, BB_UNSET_TIME, BB_UNSET_TIME);
      history = bb_map_filter_select (timeless, self->data->points, self->data->categories, self->data->districts,
                                      self->text_rowids);
    }
  bb_trend_analyst_set_points (self->trend_analyst, self->data->points, history,
                               filter != NULL ? filter->start : BB_UNSET_TIME,
                               filter != NULL ? filter->end : BB_UNSET_TIME,
                               &self->data->bounds, self->data->districts->len);
}

static void
trend_popover_closed_cb (BbMapView *self)
{
  bb_trend_layer_set_highlight (self->trend_layer, G_MAXUINT, G_MAXUINT);
}

gboolean
bb_map_view_trends_click (BbMapView *self,
                          double     x,
                          double     y)
{
  BbMapTrend *trend = bb_trend_layer_get_trend (self->trend_layer);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  BbMapTrendCell cell;

  if (trend == NULL || !bb_trend_layer_pick (self->trend_layer, x, y, &cell))
    return FALSE;
  if (self->hotspot_popover == NULL)
    {
      self->hotspot_popover = bb_hotspot_popover_new ();
      gtk_widget_set_parent (self->hotspot_popover, GTK_WIDGET (self->overlay));
    }
  if (!self->trend_popover_connected)
    {
      g_signal_connect_object (self->hotspot_popover, "closed", G_CALLBACK (trend_popover_closed_cb), self,
                               G_CONNECT_SWAPPED);
      self->trend_popover_connected = TRUE;
    }
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
  bb_hotspot_popover_set_trend_cell (BB_HOTSPOT_POPOVER (self->hotspot_popover), trend, &cell,
                                     bb_trend_layer_get_show (self->trend_layer));
  bb_trend_layer_set_highlight (self->trend_layer, cell.col, cell.row);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->hotspot_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->hotspot_popover));
  return TRUE;
}

/* Shows cell (col, row) of the trend layer as a click on it would: for
 * the keyboard and for tests. */
static void
show_trend_cell_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  BbMapTrend *trend = bb_trend_layer_get_trend (self->trend_layer);
  BbMapTrendCell cell;
  guint col, row;
  double x, y;

  g_variant_get (parameter, "(uu)", &col, &row);
  if (trend == NULL || !bb_map_trend_get_cell (trend, col, row, &cell))
    return;
  shumate_map_center_on (shumate_simple_map_get_map (self->map), (cell.bbox.min_lat + cell.bbox.max_lat) / 2,
                         (cell.bbox.min_lon + cell.bbox.max_lon) / 2);
  bb_overlay_frame_position (SHUMATE_LAYER (self->trend_layer), (cell.bbox.min_lon + cell.bbox.max_lon) / 2,
                             (cell.bbox.min_lat + cell.bbox.max_lat) / 2, &x, &y);
  bb_map_view_trends_click (self, x, y);
}

/* A Scanning-stage problem whose area is the cell, with the filter's
 * categories and period, and the cell's trend in its statement. */
static void
open_trend_cell_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  BbMapTrend *trend = bb_trend_layer_get_trend (self->trend_layer);
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbMapSelection) selection = NULL;
  g_autofree char *what = NULL;
  g_autofree char *reading = NULL;
  g_autofree char *statement = NULL;
  BbMapTrendCell cell;
  guint col, row;

  g_variant_get (parameter, "(uu)", &col, &row);
  if (self->store == NULL || self->data == NULL || trend == NULL || self->problem_cancellable != NULL
      || !bb_map_trend_get_cell (trend, col, row, &cell))
    return;
  what = bb_hotspot_describe_categories (filter, self->data->categories);
  selection = bb_map_selection_new_box (&cell.bbox);
  problem = bb_map_selection_problem_new (selection, filter, what, cell.current);
  if (bb_trend_layer_get_show (self->trend_layer) == BB_TREND_SHOW_EMERGING && cell.has_emerging)
    /* Translators: the pattern ("intensifying hot spot"), periods hot, periods, then the trend's z */
    reading = g_strdup_printf (_("Emerging hot spot analysis: %s, hot in %u of %u periods of four weeks, "
                                 "Mann–Kendall trend z = %.2f."),
                               bb_emerging_pattern_describe (cell.pattern), cell.n_hot, cell.n_slices, cell.trend_z);
  else
    {
      g_autofree char *change = bb_map_trend_format_change (cell.current, cell.base);

      /* Translators: incidents before, now, the change in per cent, how it reads, the Poisson Z */
      reading = g_strdup_printf (_("Change between periods: %u before, %u now (%s): %s, Z = %.2f."),
                                 cell.base, cell.current, change, bb_change_level_describe (cell.level), cell.z);
    }
  statement = g_strconcat (problem->statement != NULL ? problem->statement : "", " ", reading, NULL);
  g_free (problem->statement);
  problem->statement = g_steal_pointer (&statement);
  self->problem_cancellable = g_cancellable_new ();
  bb_hotspot_problem_create_async (self->store, problem,
                                   filter != NULL ? (const char * const *) filter->category_ids : NULL,
                                   (cell.bbox.min_lon + cell.bbox.max_lon) / 2, (cell.bbox.min_lat + cell.bbox.max_lat) / 2,
                                   self->problem_cancellable, bb_map_view_problem_created_cb, g_object_ref (self));
}

char *
bb_map_view_trends_describe_district (BbMapView *self,
                                      guint      index)
{
  BbMapTrend *trend = bb_trend_layer_get_trend (self->trend_layer);
  g_autofree char *change = NULL;
  double now, before, z;

  if (trend == NULL || index >= trend->n_districts)
    return NULL;
  now = trend->district_current[index];
  before = trend->district_base[index];
  z = bb_trend_poisson_z (now, before);
  change = bb_map_trend_format_change (now, before);
  /* Translators: incidents this period, before it, the change in per cent, how it reads, the Poisson Z */
  return g_strdup_printf (_("This period %.0f, before %.0f (%s): %s (Z = %.1f)"), now, before, change,
                          bb_change_level_describe (bb_trend_change_level (z)), z);
}

/* The incidents' circles step aside while a trend is drawn, as for the
 * heat map and hot spots. */
static void
trends_visible_cb (BbMapView *self)
{
  bb_map_view_trends_refilter (self);
}

void
bb_map_view_trends_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.show-trend-cell", "(uu)", show_trend_cell_action_cb);
  gtk_widget_class_install_action (widget_class, "map.open-trend-cell", "(uu)", open_trend_cell_action_cb);
}

void
bb_map_view_trends_init (BbMapView *self)
{
  BbMapAnalyst *analyst = self->analyst;

  /* The cells, band and correction are the hot spots'. */
  g_object_bind_property (analyst, "hot-cell-size", self->trend_analyst, "cell-size", G_BINDING_SYNC_CREATE);
  g_object_bind_property (analyst, "distance", self->trend_analyst, "distance", G_BINDING_SYNC_CREATE);
  g_object_bind_property (analyst, "fdr", self->trend_analyst, "fdr", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->trend_analyst, "notify::visible", G_CALLBACK (trends_visible_cb), self,
                           G_CONNECT_SWAPPED);
  bb_analysis_panel_set_trend_analyst (self->analysis_panel, self->trend_analyst);
  bb_analysis_legend_set_trend_analyst (self->analysis_legend, self->trend_analyst);
}

void
bb_map_view_trends_dispose (BbMapView *self)
{
  if (self->trend_analyst != NULL)
    bb_trend_analyst_clear (self->trend_analyst);
  g_clear_object (&self->trend_analyst);
}
