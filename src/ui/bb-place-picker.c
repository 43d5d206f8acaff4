/* bb-place-picker.c: a small map of the station on which a position is picked with a click */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>

#include "bb-district-layer.h"
#include "bb-geojson-source.h"
#include "bb-map-data.h"
#include "bb-place-picker.h"
#include "bb-tile-math.h"

struct _BbPlacePicker
{
  AdwBin              parent_instance;

  BbStore            *store;
  BbMapData          *data;
  GCancellable       *cancellable;
  double              lat, lon;        /* NAN: nothing marked */

  ShumateSimpleMap   *map;
  ShumateMarkerLayer *mark_layer;
  ShumateMarker      *mark;
  BbDistrictLayer    *district_layer;
  BbDistrictLayer    *names_layer;
  GtkLabel           *hint;
};

G_DEFINE_FINAL_TYPE (BbPlacePicker, bb_place_picker, ADW_TYPE_BIN)

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ShumateViewport *
viewport_of (BbPlacePicker *self)
{
  return shumate_simple_map_get_viewport (self->map);
}

static void
show_mark (BbPlacePicker *self)
{
  gboolean marked = !isnan (self->lat) && !isnan (self->lon);

  gtk_widget_set_visible (GTK_WIDGET (self->mark), marked);
  if (marked)
    shumate_location_set_location (SHUMATE_LOCATION (self->mark), self->lat, self->lon);
  gtk_label_set_label (self->hint, marked ? _("Click elsewhere to move the mark")
                                          : _("Click the map to mark the place"));
}

/* Shows the whole station, or the mark close up. */
static void
frame_view (BbPlacePicker *self)
{
  ShumateViewport *viewport = viewport_of (self);
  double x0, y0, x1, y1, zoom;
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 360);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 220);

  if (!isnan (self->lat))
    {
      shumate_viewport_set_zoom_level (viewport, MAX (shumate_viewport_get_zoom_level (viewport), 15));
      shumate_map_center_on (shumate_simple_map_get_map (self->map), self->lat, self->lon);
      return;
    }
  if (self->data == NULL || bb_bbox_is_empty (&self->data->bounds))
    return;
  bb_tile_from_lonlat (self->data->bounds.min_lon, self->data->bounds.max_lat, 0, &x0, &y0);
  bb_tile_from_lonlat (self->data->bounds.max_lon, self->data->bounds.min_lat, 0, &x1, &y1);
  zoom = log2 (MIN (width / MAX ((x1 - x0) * 256.0, 1e-12), height / MAX ((y1 - y0) * 256.0, 1e-12)) * 0.95);
  shumate_viewport_set_zoom_level (viewport, CLAMP (floor (zoom * 2) / 2, 2, 18));
  shumate_map_center_on (shumate_simple_map_get_map (self->map),
                         (self->data->bounds.min_lat + self->data->bounds.max_lat) / 2,
                         (self->data->bounds.min_lon + self->data->bounds.max_lon) / 2);
}

static void
set_map_source (BbPlacePicker *self)
{
  g_autoptr(ShumateRasterRenderer) source = NULL;
  g_autoptr(BbGeojsonSource) tiles = bb_geojson_source_new (self->data ? self->data->features : NULL);
  const char *license = self->data && self->data->attribution ? self->data->attribution : "";

  source = shumate_raster_renderer_new_full ("station", _("Station map"), license, NULL, 0, 19, 256,
                                             SHUMATE_MAP_PROJECTION_MERCATOR, SHUMATE_DATA_SOURCE (tiles));
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  /* A new base layer goes on top: lift the overlays back above it. */
  {
    g_autoptr(ShumateLayer) districts = g_object_ref (SHUMATE_LAYER (self->district_layer));
    g_autoptr(ShumateLayer) names = g_object_ref (SHUMATE_LAYER (self->names_layer));
    g_autoptr(ShumateLayer) mark = g_object_ref (SHUMATE_LAYER (self->mark_layer));

    shumate_simple_map_remove_overlay_layer (self->map, districts);
    shumate_simple_map_remove_overlay_layer (self->map, names);
    shumate_simple_map_remove_overlay_layer (self->map, mark);
    shumate_simple_map_add_overlay_layer (self->map, districts);
    shumate_simple_map_add_overlay_layer (self->map, names);
    shumate_simple_map_add_overlay_layer (self->map, mark);
  }
  shumate_viewport_set_max_zoom_level (viewport_of (self), 19);
}

static void
base_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  BbMapData *data = bb_map_data_load_finish (result, &error);
  BbPlacePicker *self;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self = user_data;
          /* Coordinates can still be typed; say why there is no map. */
          gtk_label_set_label (self->hint, error->message);
        }
      return;
    }
  self = user_data;
  g_clear_pointer (&self->data, bb_map_data_free);
  self->data = data;
  bb_district_layer_set_districts (self->district_layer, data->districts, data->district_features);
  bb_district_layer_set_districts (self->names_layer, data->districts, data->district_features);
  set_map_source (self);
  frame_view (self);
}

static void
clicked_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BbPlacePicker   *self)
{
  if (n_press == 1)
    bb_place_picker_pick_at (self, x, y);
}

static void
bb_place_picker_dispose (GObject *object)
{
  BbPlacePicker *self = BB_PLACE_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, bb_map_data_free);

  G_OBJECT_CLASS (bb_place_picker_parent_class)->dispose (object);
}

static void
bb_place_picker_class_init (BbPlacePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bb_place_picker_dispose;

  /**
   * BbPlacePicker::picked:
   * @lat: latitude in degrees
   * @lon: longitude in degrees
   *
   * The user marked a position on the map.
   */
  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                         G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "placepicker");
}

static void
bb_place_picker_init (BbPlacePicker *self)
{
  ShumateViewport *viewport;
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *dot = gtk_image_new_from_icon_name ("mark-location-symbolic");
  GtkGesture *click = gtk_gesture_click_new ();

  self->lat = self->lon = NAN;
  self->map = shumate_simple_map_new ();
  shumate_simple_map_set_show_zoom_buttons (self->map, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->map), -1, 240);
  viewport = viewport_of (self);

  self->district_layer = bb_district_layer_new (viewport);
  self->names_layer = bb_district_layer_new_names (viewport);
  self->mark_layer = shumate_marker_layer_new (viewport);
  self->mark = shumate_marker_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (dot), 32);
  /* The pin's point, not its middle, is on the place. */
  gtk_widget_set_margin_bottom (dot, 28);
  gtk_widget_add_css_class (dot, "place-mark");
  shumate_marker_set_child (self->mark, dot);
  shumate_marker_layer_add_marker (self->mark_layer, self->mark);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->district_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->names_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->mark_layer));
  set_map_source (self);

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->hint), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->hint), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->hint), 6);
  gtk_widget_set_can_target (GTK_WIDGET (self->hint), FALSE);
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "place-hint");

  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->map));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->hint));
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (overlay, "card");
  adw_bin_set_child (ADW_BIN (self), overlay);

  g_signal_connect (click, "released", G_CALLBACK (clicked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (shumate_simple_map_get_map (self->map)), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map to mark the place on"), -1);
  show_mark (self);
}

BbPlacePicker *
bb_place_picker_new (void)
{
  return g_object_new (BB_TYPE_PLACE_PICKER, NULL);
}

void
bb_place_picker_set_store (BbPlacePicker *self,
                           BbStore       *store)
{
  g_return_if_fail (BB_IS_PLACE_PICKER (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, bb_map_data_free);
  if (store == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  bb_map_data_load_base_async (store, self->cancellable, base_loaded_cb, self);
}

gboolean
bb_place_picker_is_loaded (BbPlacePicker *self)
{
  g_return_val_if_fail (BB_IS_PLACE_PICKER (self), FALSE);
  return self->data != NULL;
}

void
bb_place_picker_set_position (BbPlacePicker *self,
                              double         lat,
                              double         lon)
{
  g_return_if_fail (BB_IS_PLACE_PICKER (self));

  if (isnan (lat) || isnan (lon) || fabs (lat) > 85.0511 || fabs (lon) > 180)
    lat = lon = NAN;
  /* Coordinates typed back from a pick are rounded to 6 decimals. */
  if ((isnan (lat) && isnan (self->lat))
      || (fabs (lat - self->lat) < 1e-6 && fabs (lon - self->lon) < 1e-6))
    return;
  self->lat = lat;
  self->lon = lon;
  show_mark (self);
  if (!isnan (lat))
    frame_view (self);
}

void
bb_place_picker_get_position (BbPlacePicker *self,
                              double        *lat,
                              double        *lon)
{
  g_return_if_fail (BB_IS_PLACE_PICKER (self));

  if (lat != NULL)
    *lat = self->lat;
  if (lon != NULL)
    *lon = self->lon;
}

void
bb_place_picker_pick_at (BbPlacePicker *self,
                         double         x,
                         double         y)
{
  double lat, lon;

  g_return_if_fail (BB_IS_PLACE_PICKER (self));

  shumate_viewport_widget_coords_to_location (viewport_of (self),
                                              GTK_WIDGET (shumate_simple_map_get_map (self->map)),
                                              x, y, &lat, &lon);
  self->lat = lat;
  self->lon = lon;
  show_mark (self);
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, lat, lon);
}
