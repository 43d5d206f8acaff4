/* bb-map-view.c: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-district-layer.h"
#include "bb-geojson-source.h"
#include "bb-incident-layer.h"
#include "bb-map-data.h"
#include "bb-map-view.h"
#include "bb-mbtiles-source.h"
#include "bb-store-map.h"

struct _BbMapView
{
  AdwBin            parent_instance;

  BbStore          *store;
  BbMapData        *data;
  GCancellable     *cancellable;
  char             *basemap;           /* station, mbtiles, plain */

  BbDistrictLayer  *district_layer;
  BbIncidentLayer  *incident_layer;
  GtkPopover       *popover;

  /* template children */
  GtkOverlay       *overlay;
  ShumateSimpleMap *map;
  GtkMenuButton    *districts_button;
  GtkWidget        *loading_box;
  GtkWidget        *legend;
  GtkBox           *legend_box;
};

G_DEFINE_FINAL_TYPE (BbMapView, bb_map_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (BbMapView  *self,
            const char *heading,
            GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      g_warning ("%s: %s", heading, error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static ShumateMapSource *
make_map_source (BbMapView  *self,
                 const char *kind,
                 GError    **error)
{
  g_autoptr(ShumateDataSource) data_source = NULL;
  const char *name = _("Station map");
  const char *license = NULL;
  guint min_zoom = 0, max_zoom = 19;

  if (g_strcmp0 (kind, "mbtiles") == 0)
    {
      const char *path = self->data ? self->data->basemap_mbtiles : NULL;
      BbMbtilesSource *mbtiles;

      if (path == NULL)
        {
          g_set_error (error, BB_MBTILES_ERROR, BB_MBTILES_ERROR_OPEN,
                       _("No tile file has been added for this station yet"));
          return NULL;
        }
      mbtiles = bb_mbtiles_source_new (path, error);
      if (mbtiles == NULL)
        return NULL;
      name = bb_mbtiles_source_get_name (mbtiles);
      license = bb_mbtiles_source_get_attribution (mbtiles);
      min_zoom = bb_mbtiles_source_get_min_zoom (mbtiles);
      max_zoom = bb_mbtiles_source_get_max_zoom (mbtiles);
      data_source = SHUMATE_DATA_SOURCE (mbtiles);
    }
  else if (g_strcmp0 (kind, "plain") == 0)
    {
      data_source = SHUMATE_DATA_SOURCE (bb_geojson_source_new (NULL));
      name = _("Plain");
    }
  else
    {
      data_source = SHUMATE_DATA_SOURCE (bb_geojson_source_new (self->data ? self->data->features : NULL));
      if (self->data && self->data->attribution && *self->data->attribution)
        license = self->data->attribution;
    }

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (kind, name, license ? license : "", NULL,
                                                               min_zoom, max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               data_source));
}

static void
apply_basemap (BbMapView  *self,
               const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) source = make_map_source (self, kind, &error);

  if (source == NULL)
    {
      show_error (self, _("The tile file cannot be shown"), error);
      kind = "station";
      source = make_map_source (self, kind, NULL);
    }
  shumate_simple_map_set_map_source (self->map, source);
  /* ShumateSimpleMap puts a new base layer on top of everything; lift the
   * station's layers back above it. */
  if (self->district_layer != NULL)
    {
      g_autoptr(ShumateLayer) districts = g_object_ref (SHUMATE_LAYER (self->district_layer));
      g_autoptr(ShumateLayer) incidents = g_object_ref (SHUMATE_LAYER (self->incident_layer));

      shumate_simple_map_remove_overlay_layer (self->map, districts);
      shumate_simple_map_remove_overlay_layer (self->map, incidents);
      shumate_simple_map_add_overlay_layer (self->map, districts);
      shumate_simple_map_add_overlay_layer (self->map, incidents);
    }
  /* Overlays stay usable beyond the tiles' own zoom range. */
  shumate_viewport_set_max_zoom_level (shumate_simple_map_get_viewport (self->map), 19);
  g_free (self->basemap);
  self->basemap = g_strdup (kind);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.basemap", TRUE);
}

static void
rebuild_legend (BbMapView *self)
{
  GtkWidget *child;
  g_autofree guint *counts = NULL;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box))) != NULL)
    gtk_box_remove (self->legend_box, child);
  if (self->data == NULL || self->data->points->len == 0)
    {
      gtk_widget_set_visible (self->legend, FALSE);
      return;
    }

  counts = g_new0 (guint, self->data->categories->len + 1);
  for (guint i = 0; i < self->data->points->len; i++)
    counts[g_array_index (self->data->points, BbMapPoint, i).category]++;

  {
    GtkWidget *title = gtk_label_new (_("Incidents"));
    gtk_widget_add_css_class (title, "heading");
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_box_append (self->legend_box, title);
  }
  for (guint c = 0; c < self->data->categories->len && shown < 16; c++)
    {
      BbMapCategory *category = g_ptr_array_index (self->data->categories, c);
      g_autofree char *markup = NULL;
      GtkWidget *label;

      if (counts[c] == 0)
        continue;
      markup = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> %s", category->colour, category->name);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->legend_box, label);
      shown++;
    }
  gtk_widget_set_visible (self->legend, TRUE);
}

static void
rebuild_districts_menu (BbMapView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  if (self->data != NULL)
    for (guint i = 0; i < self->data->districts->len; i++)
      {
        BbMapDistrict *district = g_ptr_array_index (self->data->districts, i);
        g_autoptr(GMenuItem) item = g_menu_item_new (district->name, NULL);

        g_menu_item_set_action_and_target (item, "map.zoom-to-district", "u", i);
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (self->districts_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->districts_button),
                            self->data != NULL && self->data->districts->len > 0);
}

static void
zoom_to_box (BbMapView    *self,
             const BbBBox *box)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 800);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 600);
  double x0, y0, x1, y1, zoom;

  x0 = (box->min_lon + 180.0) / 360.0;
  x1 = (box->max_lon + 180.0) / 360.0;
  y0 = (1.0 - asinh (tan (box->max_lat * G_PI / 180.0)) / G_PI) / 2.0;
  y1 = (1.0 - asinh (tan (box->min_lat * G_PI / 180.0)) / G_PI) / 2.0;
  zoom = log2 (MIN (width / MAX ((x1 - x0) * 256.0, 1e-12), height / MAX ((y1 - y0) * 256.0, 1e-12)) * 0.9);
  zoom = CLAMP (floor (zoom * 2) / 2, 2, 18);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (shumate_simple_map_get_map (self->map),
                         (box->min_lat + box->max_lat) / 2, (box->min_lon + box->max_lon) / 2);
}

static void
data_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BbMapView *self = user_data;
  g_autoptr(GError) error = NULL;
  BbMapData *data = bb_map_data_load_finish (result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_set_visible (self->loading_box, FALSE);
          show_error (self, _("The station’s map cannot be shown"), error);
        }
      return;
    }

  g_clear_pointer (&self->data, bb_map_data_free);
  self->data = data;
  gtk_widget_set_visible (self->loading_box, FALSE);

  bb_district_layer_set_districts (self->district_layer, data->districts, data->district_features);
  bb_incident_layer_set_points (self->incident_layer, data->points, data->categories);
  apply_basemap (self, data->basemap_kind ? data->basemap_kind : "station");
  rebuild_legend (self);
  rebuild_districts_menu (self);
  if (!bb_bbox_is_empty (&data->bounds))
    zoom_to_box (self, &data->bounds);
}

static void
reload (BbMapView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, bb_map_data_free);
  bb_district_layer_set_districts (self->district_layer, NULL, NULL);
  bb_incident_layer_set_points (self->incident_layer, NULL, NULL);
  rebuild_legend (self);
  apply_basemap (self, "plain");
  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->loading_box, TRUE);
  bb_map_data_load_async (self->store, self->cancellable, data_loaded_cb, self);
}

static void
basemap_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (kind, self->basemap) != 0)
    apply_basemap (self, kind);
  if (self->store != NULL
      && !bb_store_map_set_setting (self->store, BB_STORE_MAP_KEY_BASEMAP, self->basemap, &error))
    show_error (self, _("The base map choice was not saved"), error);
  gtk_widget_action_set_enabled (widget, "map.basemap", TRUE);
}

static void
mbtiles_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  BbMapView *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMbtilesSource) probe = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  probe = bb_mbtiles_source_new (path, &error);
  if (probe == NULL)
    {
      show_error (self, _("The tile file cannot be used"), error);
      return;
    }
  if (self->store != NULL
      && !bb_store_map_set_setting (self->store, BB_STORE_MAP_KEY_BASEMAP_MBTILES, path, &error))
    {
      show_error (self, _("The tile file was not remembered"), error);
      return;
    }
  if (self->data != NULL)
    {
      g_free (self->data->basemap_mbtiles);
      self->data->basemap_mbtiles = g_strdup (path);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "map.basemap", "s", "mbtiles");
}

static void
add_mbtiles_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Add a Tile File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("MBTiles map files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (mbtiles_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
zoom_to_district_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  GPtrArray *rings;
  BbBBox box;

  if (self->data == NULL || index >= self->data->districts->len)
    return;
  rings = g_ptr_array_index (self->data->district_features, index);
  bb_bbox_init_empty (&box);
  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      for (guint k = 0; k < ring->len; k++)
        bb_bbox_extend (&box, g_array_index (ring, BbLonLat, k).lon, g_array_index (ring, BbLonLat, k).lat);
    }
  if (!bb_bbox_is_empty (&box))
    zoom_to_box (self, &box);
}

static void
show_popover (BbMapView *self,
              GtkWidget *content,
              double     x,
              double     y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (self->popover == NULL)
    {
      self->popover = GTK_POPOVER (gtk_popover_new ());
      gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->overlay));
    }
  gtk_popover_set_child (self->popover, content);
  gtk_popover_set_pointing_to (self->popover, &rect);
  gtk_popover_popup (self->popover);
}

static GtkWidget *
describe_incidents (BbMapView *self,
                    GArray    *rowids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading;
  g_autofree char *title = NULL;

  summaries = bb_store_map_describe_incidents (self->store, (gint64 *) rowids->data, MIN (rowids->len, 12), &error);
  title = g_strdup_printf (g_dngettext (NULL, "%u incident here", "%u incidents here", rowids->len), rowids->len);
  heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      BbMapIncidentSummary *s = g_ptr_array_index (summaries, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (s->occurred);
      g_autofree char *date = when ? g_date_time_format (when, "%x %H:%M") : g_strdup ("");
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> <b>%s</b> · %s%s\n<small>%s</small>",
                                                         s->colour, s->category_name, date,
                                                         s->restricted ? _(" · restricted") : "",
                                                         *s->address ? s->address : s->description);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static GtkWidget *
describe_district (BbMapDistrict *district)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (district->name);
  g_autofree char *officer = NULL;
  g_autofree char *population = NULL;

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  if (district->officer_name != NULL)
    officer = g_strdup_printf (_("Officer: %s %s"), district->officer_rank ? district->officer_rank : "",
                               district->officer_name);
  else
    officer = g_strdup (_("No officer assigned"));
  label = gtk_label_new (g_strstrip (officer));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  if (district->officer_phone != NULL && *district->officer_phone)
    {
      g_autofree char *phone = g_strdup_printf (_("Phone: %s"), district->officer_phone);
      label = gtk_label_new (phone);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (district->population >= 0)
    population = g_strdup_printf (_("Population: %" G_GINT64_FORMAT), district->population);
  else
    population = g_strdup (_("Population: unknown"));
  label = gtk_label_new (population);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
map_clicked_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                BbMapView       *self)
{
  g_autoptr(GArray) rowids = NULL;
  BbMapDistrict *district;

  if (n_press != 1 || self->data == NULL)
    return;

  if (gtk_widget_get_visible (GTK_WIDGET (self->incident_layer)))
    {
      rowids = bb_incident_layer_pick (self->incident_layer, x, y, 200);
      if (rowids->len > 0)
        {
          show_popover (self, describe_incidents (self, rowids), x, y);
          return;
        }
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->district_layer))
      && (district = bb_district_layer_pick (self->district_layer, x, y)) != NULL)
    show_popover (self, describe_district (district), x, y);
}

static void
bb_map_view_dispose (GObject *object)
{
  BbMapView *self = BB_MAP_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  /* AdwBin unparents the template's top-level child itself. */
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, bb_map_data_free);

  G_OBJECT_CLASS (bb_map_view_parent_class)->dispose (object);
}

static void
bb_map_view_finalize (GObject *object)
{
  BbMapView *self = BB_MAP_VIEW (object);

  g_free (self->basemap);

  G_OBJECT_CLASS (bb_map_view_parent_class)->finalize (object);
}

static void
bb_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BbMapView *self = BB_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BbMapView *self = BB_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_map_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_map_view_class_init (BbMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_map_view_dispose;
  object_class->finalize = bb_map_view_finalize;
  object_class->get_property = bb_map_view_get_property;
  object_class->set_property = bb_map_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, map);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, districts_button);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, loading_box);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, legend_box);

  gtk_widget_class_install_action (widget_class, "map.basemap", "s", basemap_action_cb);
  gtk_widget_class_install_action (widget_class, "map.add-mbtiles", NULL, add_mbtiles_action_cb);
  gtk_widget_class_install_action (widget_class, "map.zoom-to-district", "u", zoom_to_district_action_cb);
}

static void
bb_map_view_init (BbMapView *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;
  g_autoptr(GPropertyAction) show_districts = NULL;
  g_autoptr(GPropertyAction) show_incidents = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  viewport = shumate_simple_map_get_viewport (self->map);
  self->district_layer = bb_district_layer_new (viewport);
  self->incident_layer = bb_incident_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->district_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->incident_layer));

  show_districts = g_property_action_new ("show-districts", self->district_layer, "visible");
  show_incidents = g_property_action_new ("show-incidents", self->incident_layer, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_districts));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_incidents));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "layer", G_ACTION_GROUP (group));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (map_clicked_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  apply_basemap (self, "plain");
  rebuild_districts_menu (self);
}

BbStore *
bb_map_view_get_store (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->store;
}

void
bb_map_view_set_store (BbMapView *self,
                       BbStore   *store)
{
  g_return_if_fail (BB_IS_MAP_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

ShumateMap *
bb_map_view_get_map (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return shumate_simple_map_get_map (self->map);
}

gboolean
bb_map_view_is_loaded (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  return self->data != NULL;
}
