/* bb-map-view.c: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-map-filter.h"
#include "bb-map-view-private.h"
#include "bb-store-map.h"

G_DEFINE_FINAL_TYPE (BbMapView, bb_map_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BASEMAP,
  PROP_SELECTING,
  PROP_DRAWING,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
bb_map_view_show_error (BbMapView  *self,
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

guint
bb_map_view_count_by_top_level (BbMapView            *self,
                                const BbMapSelection *selection,
                                guint                *counts)
{
  const BbMapPoint *points = (const BbMapPoint *) self->data->points->data;
  const guint *selected = (const guint *) self->selected->data;
  guint total = 0;

  if (selection != NULL)
    return bb_map_selection_count (selection, self->data->points, self->selected, self->top, counts);
  for (guint k = 0; k < self->selected->len; k++)
    {
      counts[self->top[points[selected[k]].category]]++;
      total++;
    }
  return total;
}

void
bb_map_view_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

void
bb_map_view_append_category_rows (BbMapView   *self,
                                  GtkBox      *box,
                                  const guint *counts)
{
  for (guint c = 0; c < self->data->categories->len; c++)
    {
      BbMapCategory *category = g_ptr_array_index (self->data->categories, c);
      g_autofree char *markup = NULL;
      g_autofree char *number = NULL;
      GtkWidget *row, *label;

      if (self->top[c] != c || counts[c] == 0)
        continue;
      markup = g_markup_printf_escaped ("<span foreground=\"#%06x\">●</span> %s", category->colour, category->name);
      number = g_strdup_printf ("%'u", counts[c]);   /* grouped as the locale does */
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      label = gtk_label_new (number);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (box, row);
    }
}

void
bb_map_view_rebuild_legend (BbMapView *self)
{
  g_autofree guint *counts = NULL;
  g_autofree char *title = NULL;
  GtkWidget *heading;
  guint total;

  bb_map_view_clear_box (self->legend_box);
  if (self->data == NULL || self->selected == NULL || self->data->points->len == 0)
    {
      gtk_widget_set_visible (self->legend, FALSE);
      return;
    }

  counts = g_new0 (guint, self->data->categories->len + 1);
  if (self->week_shown != NULL)
    {
      /* The slider's week is what the map draws, and what the legend counts. */
      const BbMapPoint *points = (const BbMapPoint *) self->data->points->data;

      for (guint k = 0; k < self->week_shown->len; k++)
        counts[self->top[points[g_array_index (self->week_shown, guint, k)].category]]++;
      total = self->week_shown->len;
      title = g_strdup_printf (g_dngettext (NULL, "%'u Incident This Week", "%'u Incidents This Week", total), total);
    }
  else
    {
      total = bb_map_view_count_by_top_level (self, NULL, counts);
      title = g_strdup_printf (g_dngettext (NULL, "%'u Incident", "%'u Incidents", total), total);
    }
  heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (self->legend_box, heading);
  /* The categories' colours mean something only while the incidents are
   * drawn (a heat map or hot spots put them aside). */
  if (gtk_widget_get_visible (GTK_WIDGET (self->incident_layer)))
    bb_map_view_append_category_rows (self, self->legend_box, counts);
  gtk_widget_set_visible (self->legend, TRUE);
}

static void
show_selected (BbMapView *self,
               GArray    *selected)
{
  if (selected == NULL)
    selected = bb_map_filter_select (NULL, self->data->points, self->data->categories, self->data->districts, NULL);
  g_clear_pointer (&self->selected, g_array_unref);
  self->selected = selected;
  bb_incident_layer_set_selected (self->incident_layer, selected);
  bb_map_view_popdown_hover (self);
  /* The heat map and hot spots follow the filter, off the main thread. */
  bb_map_analyst_set_points (self->analyst, self->data->points, selected, &self->data->bounds,
                             self->data->district_units);
  bb_map_view_trends_refilter (self);
  bb_map_view_rebuild_legend (self);
  bb_map_view_update_area_panel (self);
  /* A playing slider draws its week of the new selection. */
  bb_map_view_timeline_refilter (self);
}

static void apply_filter (BbMapView *self);

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
text_rowids_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *rowids = bb_store_incident_rowids_finish (BB_STORE (object), result, &error);

  if (rowids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_map_view_show_error (self, _("The search cannot be shown on the map"), error);
      return;
    }
  g_array_sort (rowids, compare_rowids);
  g_clear_pointer (&self->text_rowids, g_array_unref);
  self->text_rowids = rowids;
  apply_filter (self);
}

/* Applies the shared filter to the points in memory; only words to search
 * for go back to the store (its full-text index), off the main thread. */
static void
apply_filter (BbMapView *self)
{
  const BbIncidentFilter *filter = self->filter ? bb_filter_state_get_filter (self->filter) : NULL;

  if (self->data == NULL)
    return;

  if (bb_map_filter_has_text (filter))
    {
      g_autofree char *key = bb_map_filter_store_key (filter);

      if (g_strcmp0 (self->text, key) != 0)
        {
          g_autoptr(BbIncidentFilter) words = bb_map_filter_store_part (filter);

          g_cancellable_cancel (self->text_cancellable);
          g_clear_object (&self->text_cancellable);
          g_clear_pointer (&self->text_rowids, g_array_unref);
          g_free (self->text);
          self->text = g_steal_pointer (&key);
          self->text_cancellable = g_cancellable_new ();
          bb_store_incident_rowids_async (self->store, words, BB_INCIDENT_SORT_TIME, FALSE,
                                          self->text_cancellable, text_rowids_cb, g_object_ref (self));
          return;
        }
      if (self->text_rowids == NULL)
        return;  /* still searching */
    }

  show_selected (self, bb_map_filter_select (filter, self->data->points, self->data->categories,
                                             self->data->districts, self->text_rowids));
}

static void
filter_changed_cb (BbMapView *self)
{
  apply_filter (self);
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

void
bb_map_view_zoom_to_box (BbMapView    *self,
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
  gint64 start = g_get_monotonic_time ();

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->refreshing = FALSE;
          gtk_widget_set_visible (self->loading_box, FALSE);
          bb_map_view_show_error (self, _("The station’s map cannot be shown"), error);
        }
      return;
    }

  g_clear_pointer (&self->data, bb_map_data_free);
  self->data = data;
  gtk_widget_set_visible (self->loading_box, FALSE);

  g_clear_pointer (&self->top, g_free);
  self->top = bb_map_categories_top_level (data->categories);
  bb_district_layer_set_districts (self->district_layer, data->districts, data->district_features);
  bb_district_layer_set_districts (self->names_layer, data->districts, data->district_features);
  bb_incident_layer_set_points (self->incident_layer, data->points, data->world, data->categories);
  bb_analysis_legend_set_districts (self->analysis_legend, data->districts);
  if (!self->refreshing || g_strcmp0 (self->basemap, data->basemap_kind ? data->basemap_kind : "station") != 0)
    bb_map_view_apply_basemap (self, data->basemap_kind ? data->basemap_kind : "station");
  /* The filter applied to the new points at once; every point until then
   * if it waits for a text search (run again since the incidents changed). */
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->text_rowids, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  apply_filter (self);
  if (self->selected == NULL)
    show_selected (self, NULL);
  rebuild_districts_menu (self);
  g_debug ("showed %u incidents in %.0f ms", bb_incident_layer_get_n_drawn (self->incident_layer),
           (g_get_monotonic_time () - start) / 1e3);
  /* A station opening shows all of it; one loaded again after a change
   * stays where the user is looking. */
  if (!self->refreshing && !bb_bbox_is_empty (&data->bounds))
    bb_map_view_zoom_to_box (self, &data->bounds);
  self->refreshing = FALSE;
}

#define LOAD_LATER_MS 1500

static void
load_now (BbMapView *self)
{
  g_clear_handle_id (&self->later_id, g_source_remove);
  self->load_soon = FALSE;
  bb_map_data_load_async (self->store, self->cancellable, data_loaded_cb, self);
}

static gboolean
load_later_cb (gpointer user_data)
{
  BbMapView *self = user_data;

  self->later_id = 0;
  load_now (self);
  return G_SOURCE_REMOVE;
}

/* Drawn: the map is shown to the user (mapped is not enough: the window's
 * leaflet maps the views' side while it shows the incidents table). */
static void
bb_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (bb_map_view_parent_class)->snapshot (widget, snapshot);
  /* At once, ahead of the next frame: a map drawn frame after frame would
   * keep an idle callback waiting. */
  if (self->later_id != 0 && !self->load_soon)
    {
      g_source_remove (self->later_id);
      self->later_id = g_idle_add_full (G_PRIORITY_DEFAULT, load_later_cb, self, NULL);
      self->load_soon = TRUE;
    }
}

/* On screen, as far as the view can tell: mapped, and not a page the
 * window's leaflet keeps mapped beside the one it shows. */
static gboolean
shown (BbMapView *self)
{
  GtkWidget *child = GTK_WIDGET (self);

  if (!gtk_widget_get_mapped (child))
    return FALSE;
  for (GtkWidget *parent = gtk_widget_get_parent (child); parent != NULL;
       child = parent, parent = gtk_widget_get_parent (parent))
    if (ADW_IS_LEAFLET (parent) && adw_leaflet_get_visible_child (ADW_LEAFLET (parent)) != child)
      return FALSE;
  return TRUE;
}

static void
reload (BbMapView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->later_id, g_source_remove);
  self->load_soon = FALSE;
  self->refreshing = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->text_cancellable);
  g_clear_object (&self->text_cancellable);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->text_rowids, g_array_unref);
  g_clear_pointer (&self->data, bb_map_data_free);
  g_clear_pointer (&self->selected, g_array_unref);
  bb_map_view_clear_selection (self);
  bb_map_view_popdown (self);
  bb_map_view_timeline_refilter (self);
  bb_district_layer_set_districts (self->district_layer, NULL, NULL);
  bb_district_layer_set_districts (self->names_layer, NULL, NULL);
  bb_incident_layer_set_points (self->incident_layer, NULL, NULL, NULL);
  bb_map_analyst_clear (self->analyst);
  bb_trend_analyst_clear (self->trend_analyst);
  bb_map_view_rebuild_legend (self);
  bb_map_view_update_area_panel (self);
  bb_map_view_apply_basemap (self, "plain");
  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->loading_box, TRUE);
  /* A map on screen loads at once.  A station opened on another view (the
   * incidents table, say) gets that view's reads and the processor first:
   * the map's points, a second or so of two cores for a large station,
   * load when the map is first drawn or a moment later, whichever comes
   * first. */
  if (shown (self))
    load_now (self);
  else
    self->later_id = g_timeout_add (LOAD_LATER_MS, load_later_cb, self);
}

/* Loads the station's map again after a change, keeping what is shown
 * (view, base map, area, filter) until the new data replaces it. */
static gboolean
refresh_cb (gpointer user_data)
{
  BbMapView *self = user_data;

  self->refresh_id = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->refreshing = TRUE;
  bb_map_data_load_async (self->store, self->cancellable, data_loaded_cb, self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbMapView *self,
                  guint      changes)
{
  /* Imports tell their changes batch by batch: wait for a quiet moment. */
  if ((changes & (BB_STORE_CHANGE_INCIDENTS | BB_STORE_CHANGE_DISTRICTS | BB_STORE_CHANGE_OTHER)) != 0
      && self->refresh_id == 0 && self->data != NULL)
    self->refresh_id = g_timeout_add (200, refresh_cb, self);
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
    bb_map_view_zoom_to_box (self, &box);
}

static void
bb_map_view_dispose (GObject *object)
{
  BbMapView *self = BB_MAP_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->later_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->text_cancellable);
  g_clear_object (&self->text_cancellable);
  g_clear_object (&self->filter);
  bb_map_view_popover_dispose (self);
  bb_map_view_select_dispose (self);
  bb_map_view_timeline_dispose (self);
  bb_map_view_trends_dispose (self);
  bb_map_view_analysis_dispose (self);
  /* AdwBin unparents the template's top-level child itself. */
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, bb_map_data_free);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->text_rowids, g_array_unref);

  G_OBJECT_CLASS (bb_map_view_parent_class)->dispose (object);
}

static void
bb_map_view_finalize (GObject *object)
{
  BbMapView *self = BB_MAP_VIEW (object);

  g_free (self->basemap);
  g_free (self->text);
  g_free (self->top);

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
    case PROP_BASEMAP:
      g_value_set_string (value, self->basemap);
      break;
    case PROP_SELECTING:
      g_value_set_boolean (value, self->selecting);
      break;
    case PROP_DRAWING:
      g_value_set_boolean (value, self->drawing);
      break;
    case PROP_TIMELINE:
      g_value_set_boolean (value, bb_map_view_get_timeline_shown (self));
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
    case PROP_BASEMAP:
      bb_map_view_set_basemap (self, g_value_get_string (value));
      break;
    case PROP_SELECTING:
      bb_map_view_set_selecting (self, g_value_get_boolean (value));
      break;
    case PROP_DRAWING:
      bb_map_view_set_drawing (self, g_value_get_boolean (value));
      break;
    case PROP_TIMELINE:
      bb_map_view_set_timeline_shown (self, g_value_get_boolean (value));
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
  widget_class->snapshot = bb_map_view_snapshot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The base map shown: "station", "mbtiles", "online" or "plain". */
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, "plain",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether a drag on the map selects an area rather than panning. */
  properties[PROP_SELECTING] =
    g_param_spec_boolean ("selecting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether clicks on the map add corners to a polygon to select. */
  properties[PROP_DRAWING] =
    g_param_spec_boolean ("drawing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the time slider is shown under the map. */
  properties[PROP_TIMELINE] =
    g_param_spec_boolean ("timeline", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (BB_TYPE_ANALYSIS_PANEL);
  g_type_ensure (BB_TYPE_ANALYSIS_LEGEND);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, map);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, districts_button);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, loading_box);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, drawing_hint);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, area_panel);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, area_title);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, area_box);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, analysis_panel);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, analysis_legend);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, timeline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, week_scale);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, week_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, week_label);
  gtk_widget_class_bind_template_child (widget_class, BbMapView, play_button);

  gtk_widget_class_install_action (widget_class, "map.zoom-to-district", "u", zoom_to_district_action_cb);
  bb_map_view_analysis_class_init (widget_class);
  bb_map_view_trends_class_init (widget_class);
  bb_map_view_print_class_init (widget_class);
  bb_map_view_basemap_class_init (widget_class);
  bb_map_view_select_class_init (widget_class);
  bb_map_view_boundary_class_init (widget_class);
  bb_map_view_popover_class_init (widget_class);
  bb_map_view_timeline_class_init (widget_class);
}

/* The map's own icons (the polygon tool) come with the program's
 * resources, whatever the application's id (a development build's too). */
static void
ensure_icons (GtkWidget *widget)
{
  static const char path[] = "/org/beatbook/Beatbook/icons";
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  if (paths == NULL || !g_strv_contains ((const char * const *) paths, path))
    gtk_icon_theme_add_resource_path (theme, path);
}

static void
bb_map_view_init (BbMapView *self)
{
  ShumateViewport *viewport;
  g_autoptr(GPropertyAction) show_districts = NULL;
  g_autoptr(GPropertyAction) show_incidents = NULL;
  g_autoptr(GPropertyAction) show_heat = NULL;
  g_autoptr(GPropertyAction) show_hotspots = NULL;
  g_autoptr(GPropertyAction) show_trends = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_icons (GTK_WIDGET (self));

  viewport = shumate_simple_map_get_viewport (self->map);
  self->district_layer = bb_district_layer_new (viewport);
  self->incident_layer = bb_incident_layer_new (viewport);
  self->names_layer = bb_district_layer_new_names (viewport);
  self->heat_layer = bb_heat_layer_new (viewport);
  self->hotspot_layer = bb_hotspot_layer_new (viewport);
  self->analyst = bb_map_analyst_new (self->heat_layer, self->hotspot_layer);
  self->trend_layer = bb_trend_layer_new (viewport);
  self->trend_analyst = bb_trend_analyst_new (self->trend_layer);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->district_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->heat_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->hotspot_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->trend_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->incident_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->names_layer));
  g_object_bind_property (self->district_layer, "visible", self->names_layer, "visible", G_BINDING_SYNC_CREATE);

  show_districts = g_property_action_new ("show-districts", self->district_layer, "visible");
  show_incidents = g_property_action_new ("show-incidents", self->incident_layer, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_districts));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_incidents));
  show_heat = g_property_action_new ("show-heat", self->analyst, "heat-visible");
  show_hotspots = g_property_action_new ("show-hotspots", self->analyst, "hotspots-visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_heat));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_hotspots));
  show_trends = g_property_action_new ("show-trends", self->trend_analyst, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_trends));
  bb_analysis_panel_set_analyst (self->analysis_panel, self->analyst);
  bb_analysis_legend_set_analyst (self->analysis_legend, self->analyst);
  g_signal_connect_object (self->incident_layer, "notify::visible", G_CALLBACK (bb_map_view_rebuild_legend), self, G_CONNECT_SWAPPED);
  bb_map_view_trends_init (self);
  bb_map_view_analysis_init (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "layer", G_ACTION_GROUP (group));

  bb_map_view_select_init (self);
  bb_map_view_boundary_init (self);
  bb_map_view_popover_init (self);
  bb_map_view_timeline_init (self);

  bb_map_view_basemap_init (self);
  bb_map_view_apply_basemap (self, "plain");
  rebuild_districts_menu (self);
}

gboolean
bb_map_view_get_area (BbMapView *self,
                      BbBBox    *area)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  if (self->selection != NULL && area != NULL)
    *area = self->selection->box;
  return self->selection != NULL;
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

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  if (g_set_object (&self->store, store))
    {
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
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

/**
 * bb_map_view_set_filter:
 *
 * Shows only the incidents @filter selects, following its changes; the
 * same filter the incidents page uses.
 */
void
bb_map_view_set_filter (BbMapView     *self,
                        BbFilterState *filter)
{
  g_return_if_fail (BB_IS_MAP_VIEW (self));
  g_return_if_fail (filter == NULL || BB_IS_FILTER_STATE (filter));

  if (self->filter == filter)
    return;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  apply_filter (self);
}

BbFilterState *
bb_map_view_get_filter (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->filter;
}

guint
bb_map_view_get_n_drawn (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), 0);
  return bb_incident_layer_get_n_drawn (self->incident_layer);
}

gboolean
bb_map_view_is_searching (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  return self->text_cancellable != NULL && self->text_rowids == NULL;
}

/* The heat map and hot spots shown, and their settings. */
BbMapAnalyst *
bb_map_view_get_analyst (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->analyst;
}

BbTrendAnalyst *
bb_map_view_get_trend_analyst (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->trend_analyst;
}
