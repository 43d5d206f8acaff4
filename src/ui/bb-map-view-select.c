/* bb-map-view-select.c: the Map view's selected area (a dragged rectangle or a drawn polygon) and its panel */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-hotspot-problem.h"
#include "bb-map-view-private.h"

/* Shows @selection (taken) as the area, or none for NULL. */
static void
set_selection (BbMapView      *self,
               BbMapSelection *selection)
{
  g_clear_pointer (&self->selection, bb_map_selection_free);
  self->selection = selection;
  if (selection == NULL || bb_map_selection_is_polygon (selection))
    bb_incident_layer_set_area (self->incident_layer, NULL);
  else
    bb_incident_layer_set_area (self->incident_layer, &selection->box);
  if (selection != NULL && bb_map_selection_is_polygon (selection))
    bb_incident_layer_set_outline (self->incident_layer, (const BbLonLat *) selection->ring->data,
                                   selection->ring->len, TRUE);
  else if (!self->drawing)
    bb_incident_layer_set_outline (self->incident_layer, NULL, 0, FALSE);
}

void
bb_map_view_update_area_panel (BbMapView *self)
{
  g_autofree guint *counts = NULL;
  g_autofree char *title = NULL;
  guint total;

  bb_map_view_clear_box (self->area_box);
  if (self->selection == NULL || self->data == NULL || self->selected == NULL)
    {
      gtk_widget_set_visible (self->area_panel, FALSE);
      return;
    }
  counts = g_new0 (guint, self->data->categories->len + 1);
  total = bb_map_view_count_by_top_level (self, self->selection, counts);
  title = g_strdup_printf (bb_map_selection_is_polygon (self->selection)
                           ? g_dngettext (NULL, "%'u incident in this polygon", "%'u incidents in this polygon", total)
                           : g_dngettext (NULL, "%'u incident in this area", "%'u incidents in this area", total),
                           total);
  gtk_label_set_label (self->area_title, title);
  bb_map_view_append_category_rows (self, self->area_box, counts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.show-area-in-table", total > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.open-area", total > 0 && self->area_cancellable == NULL);
  gtk_widget_set_visible (self->area_panel, TRUE);
}

void
bb_map_view_show_corners (BbMapView *self)
{
  g_autoptr(GArray) shown = g_array_copy (self->corners);

  /* A boundary being edited is whole: its last edge back to the first
   * corner; otherwise the edge the next click would add follows the
   * pointer. */
  if (self->boundary_id != NULL && shown->len >= 3)
    g_array_append_val (shown, g_array_index (self->corners, BbLonLat, 0));
  else if (self->has_pointer && shown->len > 0)
    g_array_append_val (shown, self->pointer);
  bb_incident_layer_set_outline (self->incident_layer, (const BbLonLat *) shown->data, shown->len, FALSE);
  bb_map_view_boundary_show_marks (self);
}

/* Closes the polygon drawn so far; FALSE (and still drawing) when its
 * corners enclose nothing yet. */
static gboolean
finish_polygon (BbMapView *self)
{
  BbMapSelection *polygon;

  if (!self->drawing)
    return FALSE;
  polygon = bb_map_selection_new_polygon ((const BbLonLat *) self->corners->data, self->corners->len);
  if (polygon == NULL)
    return FALSE;
  self->drawing = FALSE;
  g_array_set_size (self->corners, 0);
  self->has_pointer = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), NULL);
  gtk_widget_set_visible (self->drawing_hint, FALSE);
  if (self->boundary_id != NULL)
    {
      /* The district's new boundary, not an area to select. */
      bb_incident_layer_set_outline (self->incident_layer, NULL, 0, FALSE);
      bb_map_view_boundary_save (self, polygon);
      g_object_notify (G_OBJECT (self), "drawing");
      return TRUE;
    }
  set_selection (self, polygon);
  bb_map_view_update_area_panel (self);
  g_object_notify (G_OBJECT (self), "drawing");
  return TRUE;
}

void
bb_map_view_set_selecting (BbMapView *self,
                           gboolean   selecting)
{
  selecting = !!selecting;
  if (self->selecting == selecting)
    return;
  if (selecting)
    bb_map_view_set_drawing (self, FALSE);
  self->selecting = selecting;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), selecting ? "crosshair" : NULL);
  g_object_notify (G_OBJECT (self), "selecting");
}

void
bb_map_view_set_drawing (BbMapView *self,
                         gboolean   drawing)
{
  drawing = !!drawing;
  if (self->drawing == drawing)
    return;
  /* Done drawing (the button again): the corners so far are the polygon. */
  if (!drawing && finish_polygon (self))
    return;
  if (drawing)
    {
      bb_map_view_set_selecting (self, FALSE);
      bb_map_view_popdown (self);
      set_selection (self, NULL);
      bb_map_view_update_area_panel (self);
    }
  self->drawing = drawing;
  g_array_set_size (self->corners, 0);
  self->has_pointer = FALSE;
  if (!drawing)
    bb_map_view_boundary_reset (self);   /* given up: the boundary stays as it was */
  if (drawing)
    {
      /* Enter and Escape reach the view while the user draws. */
      gtk_widget_grab_focus (GTK_WIDGET (self->map));
      bb_incident_layer_set_outline (self->incident_layer, NULL, 0, FALSE);
    }
  else
    set_selection (self, g_steal_pointer (&self->selection));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), drawing ? "crosshair" : NULL);
  gtk_widget_set_visible (self->drawing_hint, drawing);
  g_object_notify (G_OBJECT (self), "drawing");
}

void
bb_map_view_clear_selection (BbMapView *self)
{
  g_array_set_size (self->corners, 0);
  bb_map_view_set_drawing (self, FALSE);
  set_selection (self, NULL);
  bb_map_view_update_area_panel (self);
}

void
bb_map_view_to_lonlat (BbMapView *self,
                       double     x,
                       double     y,
                       BbLonLat  *p)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);

  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (map), GTK_WIDGET (map), x, y,
                                              &p->lat, &p->lon);
}

/* The rectangle --------------------------------------------------------- */

static void
area_from_drag (BbMapView *self,
                double     x1,
                double     y1)
{
  BbLonLat a, b;
  BbBBox box;

  bb_map_view_to_lonlat (self, self->drag_x, self->drag_y, &a);
  bb_map_view_to_lonlat (self, x1, y1, &b);
  box.min_lon = MIN (a.lon, b.lon);
  box.max_lon = MAX (a.lon, b.lon);
  box.min_lat = MIN (a.lat, b.lat);
  box.max_lat = MAX (a.lat, b.lat);
  set_selection (self, bb_map_selection_new_box (&box));
}

static void
area_drag_begin_cb (GtkGestureDrag *gesture,
                    double          x,
                    double          y,
                    BbMapView      *self)
{
  if (bb_map_view_boundary_drag_begin (self, x, y))
    {
      /* A corner of the boundary moves, the map does not. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      self->drag_x = x;
      self->drag_y = y;
      return;
    }
  if (!self->selecting || self->data == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_x = x;
  self->drag_y = y;
}

static void
area_drag_update_cb (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     BbMapView      *self)
{
  if (self->boundary_grab >= 0)
    bb_map_view_boundary_drag_to (self, self->drag_x + dx, self->drag_y + dy);
  else
    area_from_drag (self, self->drag_x + dx, self->drag_y + dy);
}

static void
area_drag_end_cb (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  BbMapView      *self)
{
  if (self->boundary_grab >= 0)
    {
      bb_map_view_boundary_drag_to (self, self->drag_x + dx, self->drag_y + dy);
      bb_map_view_boundary_drag_end (self);
      return;
    }
  /* A click is not an area. */
  if (fabs (dx) < 4 && fabs (dy) < 4)
    set_selection (self, NULL);
  else
    area_from_drag (self, self->drag_x + dx, self->drag_y + dy);
  bb_map_view_set_selecting (self, FALSE);
  bb_map_view_update_area_panel (self);
}

/* The polygon ----------------------------------------------------------- */

/* Adds a corner at widget position (@x, @y) of the map. */
void
bb_map_view_add_corner (BbMapView *self,
                        double     x,
                        double     y)
{
  BbLonLat p;

  g_return_if_fail (BB_IS_MAP_VIEW (self));

  if (!self->drawing)
    return;
  bb_map_view_to_lonlat (self, x, y, &p);
  g_array_append_val (self->corners, p);
  bb_map_view_show_corners (self);
}

static void
corner_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    BbMapView       *self)
{
  if (!self->drawing)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
  if (bb_map_view_boundary_click (self, x, y))
    return;
  /* The first click of a double click has put its corner already. */
  if (n_press >= 2)
    finish_polygon (self);
  else
    bb_map_view_add_corner (self, x, y);
}

static void
pointer_moved_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  BbMapView                *self)
{
  if (!self->drawing || self->corners->len == 0)
    return;
  bb_map_view_to_lonlat (self, x, y, &self->pointer);
  self->has_pointer = TRUE;
  bb_map_view_show_corners (self);
}

static void
pointer_left_cb (GtkEventControllerMotion *motion,
                 BbMapView                *self)
{
  if (!self->drawing || !self->has_pointer)
    return;
  self->has_pointer = FALSE;
  bb_map_view_show_corners (self);
}

static void
finish_polygon_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (self->drawing && !finish_polygon (self))
    gtk_widget_error_bell (widget);
}

static void
remove_corner_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (!self->drawing || self->corners->len == 0)
    return;
  /* The corner of the boundary chosen, or the last one put. */
  if (self->boundary_id != NULL && self->boundary_vertex >= 0 && (guint) self->boundary_vertex < self->corners->len)
    {
      if (self->corners->len <= 3)
        {
          gtk_widget_error_bell (widget);
          return;
        }
      g_array_remove_index (self->corners, self->boundary_vertex);
      self->boundary_vertex = -1;
      bb_map_view_show_corners (self);
      return;
    }
  g_array_set_size (self->corners, self->corners->len - 1);
  bb_map_view_show_corners (self);
}

/* Escape: a polygon being drawn goes first, then the area. */
static void
clear_area_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (self->drawing)
    {
      g_array_set_size (self->corners, 0);
      bb_map_view_set_drawing (self, FALSE);
      return;
    }
  bb_map_view_set_selecting (self, FALSE);
  bb_map_view_clear_selection (self);
}

/* What the area panel offers ----------------------------------------- */

static void
show_area_in_table_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  g_autoptr(BbIncidentFilter) filter = NULL;

  if (self->selection == NULL || self->filter == NULL)
    return;
  filter = bb_filter_state_dup_filter (self->filter);
  bb_map_selection_apply (self->selection, filter);
  bb_filter_state_set_filter (self->filter, filter);
  gtk_widget_activate_action (widget, "win.show-view", "s", "incidents");
}

static void
zoom_to_area_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (self->selection != NULL)
    bb_map_view_zoom_to_box (self, &self->selection->box);
}

static void
area_problem_created_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bb_hotspot_problem_create_finish (BB_STORE (source), result, &error);

  g_clear_object (&self->area_cancellable);
  bb_map_view_update_area_panel (self);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_map_view_show_error (self, _("The area was not opened as a problem"), error);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-problem", "s", id);
}

/* A Scanning-stage problem whose area is the selection, with the
 * filter's categories and period; it opens on its page. */
static void
open_area_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  g_autoptr(BbProblem) problem = NULL;
  g_autofree char *what = NULL;
  double lon, lat;
  guint total;

  if (self->store == NULL || self->data == NULL || self->selected == NULL || self->selection == NULL
      || self->area_cancellable != NULL)
    return;
  total = bb_map_selection_count (self->selection, self->data->points, self->selected, NULL, NULL);
  what = bb_hotspot_describe_categories (filter, self->data->categories);
  problem = bb_map_selection_problem_new (self->selection, filter, what, total);
  /* Its district is the one at the area's centre, if any. */
  bb_map_selection_get_centre (self->selection, &lon, &lat);
  self->area_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "map.open-area", FALSE);
  bb_hotspot_problem_create_async (self->store, problem,
                                   filter != NULL ? (const char * const *) filter->category_ids : NULL,
                                   lon, lat, self->area_cancellable, area_problem_created_cb, g_object_ref (self));
}

/* Public entry points, for tests and the keyboard ------------------------ */

static GHashTable *
counts_by_category_id (BbMapView *self,
                       guint     *total)
{
  GHashTable *by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *counts = NULL;
  guint n;

  bb_map_view_update_area_panel (self);
  if (self->data == NULL || self->selected == NULL || self->selection == NULL)
    {
      if (total != NULL)
        *total = 0;
      return by_category;
    }
  counts = g_new0 (guint, self->data->categories->len + 1);
  n = bb_map_view_count_by_top_level (self, self->selection, counts);
  for (guint c = 0; c < self->data->categories->len; c++)
    if (counts[c] > 0)
      g_hash_table_insert (by_category, g_strdup (((BbMapCategory *) g_ptr_array_index (self->data->categories, c))->id),
                           GUINT_TO_POINTER (counts[c]));
  if (total != NULL)
    *total = n;
  return by_category;
}

GHashTable *
bb_map_view_select_area (BbMapView    *self,
                         const BbBBox *area,
                         guint        *total)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  bb_map_view_set_drawing (self, FALSE);
  set_selection (self, bb_map_selection_new_box (area));
  return counts_by_category_id (self, total);
}

GHashTable *
bb_map_view_get_area_counts (BbMapView *self,
                             guint     *total)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return counts_by_category_id (self, total);
}

gboolean
bb_map_view_get_polygon (BbMapView *self,
                         GArray   **corners)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  if (self->selection == NULL || !bb_map_selection_is_polygon (self->selection))
    return FALSE;
  if (corners != NULL)
    *corners = g_array_copy (self->selection->ring);
  return TRUE;
}

void
bb_map_view_select_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "map.select-area", "selecting");
  gtk_widget_class_install_property_action (widget_class, "map.select-polygon", "drawing");
  gtk_widget_class_install_action (widget_class, "map.finish-polygon", NULL, finish_polygon_action_cb);
  gtk_widget_class_install_action (widget_class, "map.remove-corner", NULL, remove_corner_action_cb);
  gtk_widget_class_install_action (widget_class, "map.clear-area", NULL, clear_area_action_cb);
  gtk_widget_class_install_action (widget_class, "map.show-area-in-table", NULL, show_area_in_table_action_cb);
  gtk_widget_class_install_action (widget_class, "map.zoom-to-area", NULL, zoom_to_area_action_cb);
  gtk_widget_class_install_action (widget_class, "map.open-area", NULL, open_area_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.select-area", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.select-polygon", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.clear-area", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.finish-polygon", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.finish-polygon", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "map.remove-corner", NULL);
}

void
bb_map_view_select_init (BbMapView *self)
{
  GtkGesture *drag, *click;
  GtkEventController *motion;

  self->corners = g_array_new (FALSE, FALSE, sizeof (BbLonLat));

  /* Ahead of the map's own panning, which it denies unless selecting. */
  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (area_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (area_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (area_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (drag));

  /* A click puts a corner; a drag still pans between corners. */
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (corner_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (pointer_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), motion);
  gtk_widget_set_focusable (GTK_WIDGET (self->map), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.open-area", FALSE);
}

void
bb_map_view_select_dispose (BbMapView *self)
{
  g_cancellable_cancel (self->area_cancellable);
  g_clear_object (&self->area_cancellable);
  g_clear_pointer (&self->selection, bb_map_selection_free);
  g_clear_pointer (&self->corners, g_array_unref);
  g_clear_pointer (&self->boundary_id, g_free);
}
