/* bb-map-view-print.c: the Map view as shown, with the keys of its analysis layers beside it, saved as a sheet that reads on its own */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-hotspot-problem.h"
#include "bb-map-key.h"
#include "bb-map-keys.h"
#include "bb-map-view-private.h"

/* The map as it is drawn now: base map and layers, without the widgets
 * over it (zoom buttons, compass, scale, licence, popovers), which mean
 * nothing on paper. */
cairo_surface_t *
bb_map_view_map_image (BbMapView *self)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  int width = gtk_widget_get_width (map), height = gtk_widget_get_height (map);
  GtkWidget *parent = gtk_widget_get_parent (map);
  graphene_rect_t bounds;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  cairo_surface_t *surface;
  GtkNative *native = gtk_widget_get_native (map);

  if (native == NULL || width <= 0 || height <= 0)
    return NULL;
  renderer = gtk_native_get_renderer (native);
  if (parent == NULL || !gtk_widget_compute_bounds (map, parent, &bounds))
    return NULL;
  /* The widget draws itself again (its last frame is not kept). */
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-bounds.origin.x, -bounds.origin.y));
  gtk_widget_snapshot_child (parent, map, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

GPtrArray *
bb_map_view_build_keys (BbMapView *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_map_key_free);
  BbMapAnalysis *analysis = bb_map_analyst_get_analysis (self->analyst);
  gboolean heat = FALSE, hot = FALSE, kept = FALSE, trends = FALSE;
  guint units = 0, show = 0;
  BbMapKey *key;

  g_object_get (self->analyst, "heat-visible", &heat, "hotspots-visible", &hot, "keep-scale", &kept,
                "hotspot-units", &units, NULL);
  g_object_get (self->trend_analyst, "visible", &trends, "show", &show, NULL);
  if (heat && (key = bb_map_keys_heat (analysis, bb_map_analyst_get_scale_max (self->analyst), kept)) != NULL)
    g_ptr_array_add (keys, key);
  if (hot && (key = bb_map_keys_hotspots (analysis)) != NULL)
    g_ptr_array_add (keys, key);
  if (trends && (key = bb_map_keys_trend (bb_trend_analyst_get_trend (self->trend_analyst), show)) != NULL)
    g_ptr_array_add (keys, key);
  return keys;
}

gboolean
bb_map_view_save_map (BbMapView   *self,
                      const char  *path,
                      GError     **error)
{
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  g_autoptr(GPtrArray) keys = bb_map_view_build_keys (self);
  g_autofree char *period = bb_hotspot_describe_period (filter);
  g_autofree char *what = self->data != NULL ? bb_hotspot_describe_categories (filter, self->data->categories) : NULL;
  g_autofree char *subtitle = NULL;
  cairo_surface_t *image = bb_map_view_map_image (self);
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double metres_per_pixel = 0;
  gboolean ok;

  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Translators: what a saved map shows: the incidents ("Burglary" or "All incidents") and the period */
  subtitle = g_strdup_printf (_("%s, %s; %u on the map."), what != NULL ? what : _("All incidents"), period,
                              bb_map_view_get_n_drawn (self));
  if (source != NULL)
    metres_per_pixel = shumate_map_source_get_meters_per_pixel (source, shumate_viewport_get_zoom_level (viewport),
                                                                shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                                                shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  ok = bb_map_key_write_sheet (path, image, metres_per_pixel, source != NULL ? shumate_map_source_get_license (source) : NULL,
                               keys, _("Incidents on the Map"), subtitle, error);
  if (image != NULL)
    cairo_surface_destroy (image);
  return ok;
}

static void
save_map_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(BbMapView) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !bb_map_view_save_map (self, path, &error))
        bb_map_view_show_error (self, _("The map could not be saved"), error);
    }
  g_object_unref (dialog);
}

static void
save_map_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Map"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the file name a saved map is offered under; keep .pdf */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Map.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (save_map_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
bb_map_view_print_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.save-map", NULL, save_map_action_cb);
}
