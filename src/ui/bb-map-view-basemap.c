/* bb-map-view-basemap.c: the Map view's base map: the station's own, a tile file, an online server, or plain */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-station-tiles.h"
#include "bb-map-view-private.h"
#include "bb-mbtiles-source.h"
#include "bb-offline-save-dialog.h"
#include "bb-online-source.h"
#include "bb-store-map.h"
#include "bb-tile-cache.h"
#include "bb-tile-server-dialog.h"

/* The disk the online server's tiles may take (Preferences), in bytes. */
guint64
bb_map_view_tile_cache_limit (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, "org.beatbook.Beatbook", TRUE)
                                             : NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Without the program's schema (a test of the map alone): the default. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "tile-cache-mb"))
    return (guint64) BB_TILE_CACHE_DEFAULT_LIMIT_MB * 1024 * 1024;
  settings = g_settings_new ("org.beatbook.Beatbook");
  return (guint64) g_settings_get_uint (settings, "tile-cache-mb") * 1024 * 1024;
}

/* Whether GTK paints the view in software (no GPU, or GSK_RENDERER=cairo);
 * before the view is realized, what the environment asks for. */
static gboolean
software_rendering (BbMapView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  if (renderer != NULL)
    return GSK_IS_CAIRO_RENDERER (renderer);
  return g_str_has_prefix (g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "", "cairo");
}

static ShumateMapSource *
station_tiles (BbMapView     *self,
               const char    *kind,
               const char    *name,
               const char    *license,
               BbMapFeatures *features)
{
  BbStationTiles *tiles = bb_station_tiles_new (kind, name, license, features);

  bb_station_tiles_set_software (tiles, software_rendering (self));
  return SHUMATE_MAP_SOURCE (tiles);
}

/* The renderer is known once the view is realized: tiles drawn from then
 * on are painted its way. */
static void
realized_cb (BbMapView *self)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (self->map);

  if (BB_IS_STATION_TILES (source))
    bb_station_tiles_set_software (BB_STATION_TILES (source), software_rendering (self));
}

void
bb_map_view_basemap_init (BbMapView *self)
{
  g_signal_connect (self, "realize", G_CALLBACK (realized_cb), NULL);
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
  else if (g_strcmp0 (kind, "online") == 0)
    return bb_online_source_new_map_source (self->store, bb_map_view_tile_cache_limit (), error);
  else if (g_strcmp0 (kind, "plain") == 0)
    return station_tiles (self, kind, _("Plain"), NULL, NULL);
  else
    {
      /* Drawn straight into textures: panning paints them as they are. */
      if (self->data && self->data->attribution && *self->data->attribution)
        license = self->data->attribution;
      return station_tiles (self, kind, name, license, self->data ? self->data->features : NULL);
    }

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (kind, name, license ? license : "", NULL,
                                                               min_zoom, max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               data_source));
}

void
bb_map_view_apply_basemap (BbMapView  *self,
                           const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) source = make_map_source (self, kind, &error);

  if (source == NULL)
    {
      bb_map_view_show_error (self, g_strcmp0 (kind, "online") == 0 ? _("The online map cannot be shown")
                                                        : _("The tile file cannot be shown"), error);
      kind = "station";
      source = make_map_source (self, kind, NULL);
    }
  shumate_simple_map_set_map_source (self->map, source);
  /* ShumateSimpleMap puts a new base layer on top of everything; lift the
   * station's layers back above it. */
  if (self->district_layer != NULL)
    {
      ShumateLayer *order[] = { SHUMATE_LAYER (self->district_layer), SHUMATE_LAYER (self->heat_layer),
                                SHUMATE_LAYER (self->hotspot_layer), SHUMATE_LAYER (self->trend_layer),
                                SHUMATE_LAYER (self->incident_layer),
                                SHUMATE_LAYER (self->names_layer) };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          g_object_ref (order[i]);
          shumate_simple_map_remove_overlay_layer (self->map, order[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          shumate_simple_map_add_overlay_layer (self->map, order[i]);
          g_object_unref (order[i]);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.save-offline", g_strcmp0 (kind, "online") == 0);
  /* Overlays stay usable beyond the tiles' own zoom range. */
  shumate_viewport_set_max_zoom_level (shumate_simple_map_get_viewport (self->map), 19);
  if (g_strcmp0 (self->basemap, kind) != 0)
    {
      g_free (self->basemap);
      self->basemap = g_strdup (kind);
      g_object_notify (G_OBJECT (self), "basemap");
    }
}

void
bb_map_view_set_basemap (BbMapView  *self,
                         const char *kind)
{
  g_autoptr(GError) error = NULL;

  if (kind == NULL || g_strcmp0 (kind, self->basemap) == 0)
    return;
  /* The online map needs its server first. */
  if (g_strcmp0 (kind, "online") == 0 && self->store != NULL && !bb_tile_server_is_configured (self->store))
    {
      bb_tile_server_dialog_present (self);
      return;
    }
  bb_map_view_apply_basemap (self, kind);
  if (self->store != NULL
      && !bb_store_map_set_setting (self->store, BB_STORE_MAP_KEY_BASEMAP, self->basemap, &error))
    bb_map_view_show_error (self, _("The base map choice was not saved"), error);
}

static void
mbtiles_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  BbMapView *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!bb_map_view_use_mbtiles (self, path, &error))
    bb_map_view_show_error (self, _("The tile file cannot be used"), error);
}

gboolean
bb_map_view_use_mbtiles (BbMapView   *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(BbMbtilesSource) probe = NULL;

  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  probe = bb_mbtiles_source_new (path, error);
  if (probe == NULL)
    return FALSE;
  if (self->store != NULL
      && !bb_store_map_set_setting (self->store, BB_STORE_MAP_KEY_BASEMAP_MBTILES, path, error))
    {
      g_prefix_error (error, _("The tile file was not remembered: "));
      return FALSE;
    }
  if (self->data != NULL)
    {
      g_free (self->data->basemap_mbtiles);
      self->data->basemap_mbtiles = g_strdup (path);
    }
  /* Another file may replace the one shown. */
  bb_map_view_show_basemap (self, "mbtiles");
  return TRUE;
}

void
bb_map_view_show_basemap (BbMapView  *self,
                          const char *kind)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BB_IS_MAP_VIEW (self));
  g_return_if_fail (kind != NULL);

  bb_map_view_apply_basemap (self, kind);
  if (self->store != NULL
      && !bb_store_map_set_setting (self->store, BB_STORE_MAP_KEY_BASEMAP, self->basemap, &error))
    bb_map_view_show_error (self, _("The base map choice was not saved"), error);
}

static void
online_server_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  bb_tile_server_dialog_present (BB_MAP_VIEW (widget));
}

static void
save_offline_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  bb_offline_save_dialog_present (BB_MAP_VIEW (widget));
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


void
bb_map_view_basemap_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "map.basemap", "basemap");
  gtk_widget_class_install_action (widget_class, "map.add-mbtiles", NULL, add_mbtiles_action_cb);
  gtk_widget_class_install_action (widget_class, "map.online-server", NULL, online_server_action_cb);
  gtk_widget_class_install_action (widget_class, "map.save-offline", NULL, save_offline_action_cb);
}
