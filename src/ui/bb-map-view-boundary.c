/* bb-map-view-boundary.c: a district's boundary edited on the map with the polygon tools of the selection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bb-map-view-private.h"
#include "bb-window.h"

/* How near (in pixels) the pointer must be to a corner to take it. */
#define GRAB_PX 10.0

gboolean
bb_map_view_is_editing_boundary (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  return self->boundary_id != NULL;
}

/* Forgets the district being edited; the polygon tools are the
 * selection's again. */
void
bb_map_view_boundary_reset (BbMapView *self)
{
  if (self->boundary_id == NULL)
    return;
  g_clear_pointer (&self->boundary_id, g_free);
  g_clear_pointer (&self->boundary_parts, g_ptr_array_unref);
  self->boundary_part = 0;
  self->boundary_vertex = -1;
  self->boundary_grab = -1;
  bb_incident_layer_set_outline_marks (self->incident_layer, -1, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.next-boundary-part", FALSE);
  gtk_label_set_label (GTK_LABEL (self->drawing_hint),
                       _("Click the corners · double-click or Enter closes · Backspace takes one back · Esc cancels"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.redraw-boundary", FALSE);
}

static void
corner_to_widget (BbMapView      *self,
                  const BbLonLat *p,
                  double         *x,
                  double         *y)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);

  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map), p->lat, p->lon, x, y);
}

int
bb_map_view_boundary_corner_at (BbMapView *self,
                                double     x,
                                double     y)
{
  double best = GRAB_PX * GRAB_PX;
  int found = -1;

  for (guint i = 0; i < self->corners->len; i++)
    {
      double cx, cy, d;

      corner_to_widget (self, &g_array_index (self->corners, BbLonLat, i), &cx, &cy);
      d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

/* Where a click at (@x, @y) puts a new corner: after the corner that
 * starts the nearest edge. */
static guint
nearest_edge (BbMapView *self,
              double     x,
              double     y)
{
  double best = INFINITY;
  guint found = 0, n = self->corners->len;

  for (guint i = 0; i < n; i++)
    {
      double ax, ay, bx, by, dx, dy, t, px, py, d;

      corner_to_widget (self, &g_array_index (self->corners, BbLonLat, i), &ax, &ay);
      corner_to_widget (self, &g_array_index (self->corners, BbLonLat, (i + 1) % n), &bx, &by);
      dx = bx - ax;
      dy = by - ay;
      t = dx * dx + dy * dy > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0, 1) : 0;
      px = ax + t * dx;
      py = ay + t * dy;
      d = (x - px) * (x - px) + (y - py) * (y - py);
      if (d < best)
        {
          best = d;
          found = i;
        }
    }
  return found;
}

void
bb_map_view_boundary_show_marks (BbMapView *self)
{
  g_autoptr(GPtrArray) others = NULL;

  if (self->boundary_id == NULL)
    {
      bb_incident_layer_set_outline_marks (self->incident_layer, -1, NULL);
      return;
    }
  if (self->boundary_parts != NULL && self->boundary_parts->len > 1)
    {
      others = g_ptr_array_new ();
      for (guint i = 0; i < self->boundary_parts->len; i++)
        if (i != self->boundary_part)
          g_ptr_array_add (others, g_ptr_array_index (self->boundary_parts, i));
    }
  bb_incident_layer_set_outline_marks (self->incident_layer, self->boundary_vertex, others);
}

/* The hint while a boundary is edited: which district, which part. */
static void
update_hint (BbMapView  *self,
             const char *name)
{
  g_autofree char *hint = NULL;

  if (self->boundary_parts != NULL && self->boundary_parts->len > 1)
    /* Translators: the hint on the map while one part of a district of several parts is edited: the district, the part's number and how many there are */
    hint = g_strdup_printf (_("Boundary of %s, part %u of %u: drag a corner to move it · click an edge to add one · "
                              "Delete removes the chosen corner · click another part, or Page Down, to edit it · "
                              "Enter saves · Esc cancels"),
                            name, self->boundary_part + 1, self->boundary_parts->len);
  else
    /* Translators: the hint on the map while a district's boundary is edited */
    hint = g_strdup_printf (_("Boundary of %s: drag a corner to move it · click an edge to add one · Delete removes the "
                              "chosen corner · Enter saves · Esc cancels"), name);
  gtk_label_set_label (GTK_LABEL (self->drawing_hint), hint);
}

static const char *
boundary_name (BbMapView *self)
{
  for (guint i = 0; self->data != NULL && i < self->data->districts->len; i++)
    {
      const BbMapDistrict *d = g_ptr_array_index (self->data->districts, i);

      if (g_strcmp0 (d->id, self->boundary_id) == 0)
        return d->name;
    }
  return "";
}

gboolean
bb_map_view_boundary_choose_part (BbMapView *self,
                                  guint      part)
{
  GArray *ring;

  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  if (self->boundary_id == NULL || self->boundary_parts == NULL || part >= self->boundary_parts->len
      || self->corners->len < 3)
    return FALSE;
  /* The part left keeps its corners as they are now. */
  ring = g_ptr_array_index (self->boundary_parts, self->boundary_part);
  g_array_set_size (ring, 0);
  g_array_append_vals (ring, self->corners->data, self->corners->len);
  self->boundary_part = part;
  ring = g_ptr_array_index (self->boundary_parts, part);
  g_array_set_size (self->corners, 0);
  g_array_append_vals (self->corners, ring->data, ring->len);
  self->boundary_vertex = -1;
  self->boundary_grab = -1;
  update_hint (self, boundary_name (self));
  bb_map_view_show_corners (self);
  /* A part out of sight (chosen with the keyboard) comes into view. */
  {
    ShumateMap *map = shumate_simple_map_get_map (self->map);
    BbLonLat centre = { 0, 0 };
    double x, y;

    for (guint k = 0; k < ring->len; k++)
      {
        centre.lon += g_array_index (ring, BbLonLat, k).lon / ring->len;
        centre.lat += g_array_index (ring, BbLonLat, k).lat / ring->len;
      }
    corner_to_widget (self, &centre, &x, &y);
    if (x < 0 || y < 0 || x > gtk_widget_get_width (GTK_WIDGET (map)) || y > gtk_widget_get_height (GTK_WIDGET (map)))
      shumate_map_center_on (map, centre.lat, centre.lon);
  }
  return TRUE;
}

guint
bb_map_view_boundary_get_part (BbMapView *self,
                               guint     *n_parts)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), 0);

  if (n_parts != NULL)
    *n_parts = self->boundary_parts != NULL ? self->boundary_parts->len : 0;
  return self->boundary_part;
}

int
bb_map_view_boundary_get_chosen_corner (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), -1);

  return self->boundary_vertex;
}

/* The other part a click at (@x, @y) falls in, or −1. */
static int
part_at (BbMapView *self,
         double     x,
         double     y)
{
  BbLonLat p;

  if (self->boundary_parts == NULL || self->boundary_parts->len < 2)
    return -1;
  bb_map_view_to_lonlat (self, x, y, &p);
  for (guint i = 0; i < self->boundary_parts->len; i++)
    {
      GArray *ring = g_ptr_array_index (self->boundary_parts, i);
      BbMapSelection *polygon;
      gboolean inside;

      if (i == self->boundary_part)
        continue;
      polygon = bb_map_selection_new_polygon ((const BbLonLat *) ring->data, ring->len);
      inside = polygon != NULL && bb_map_selection_contains (polygon, p.lon, p.lat);
      g_clear_pointer (&polygon, bb_map_selection_free);
      if (inside)
        return (int) i;
    }
  return -1;
}

gboolean
bb_map_view_boundary_click (BbMapView *self,
                            double     x,
                            double     y)
{
  BbLonLat p;
  int corner;
  guint after;

  /* Redrawing, or fewer corners than a polygon: clicks add corners. */
  if (self->boundary_id == NULL || self->corners->len < 3)
    return FALSE;
  corner = bb_map_view_boundary_corner_at (self, x, y);
  if (corner >= 0)
    {
      self->boundary_vertex = corner;   /* Delete or Backspace removes it */
      bb_map_view_show_corners (self);
      return TRUE;
    }
  /* A click inside another part of the district edits that part. */
  if (part_at (self, x, y) >= 0)
    return bb_map_view_boundary_choose_part (self, (guint) part_at (self, x, y));
  after = nearest_edge (self, x, y);
  bb_map_view_to_lonlat (self, x, y, &p);
  g_array_insert_val (self->corners, after + 1, p);
  self->boundary_vertex = (int) after + 1;
  bb_map_view_show_corners (self);
  return TRUE;
}

gboolean
bb_map_view_boundary_drag_begin (BbMapView *self,
                                 double     x,
                                 double     y)
{
  if (self->boundary_id == NULL || !self->drawing || self->corners->len < 3)
    return FALSE;
  self->boundary_grab = bb_map_view_boundary_corner_at (self, x, y);
  if (self->boundary_grab < 0)
    return FALSE;
  self->boundary_vertex = self->boundary_grab;
  return TRUE;
}

void
bb_map_view_boundary_drag_to (BbMapView *self,
                              double     x,
                              double     y)
{
  if (self->boundary_grab < 0 || (guint) self->boundary_grab >= self->corners->len)
    return;
  bb_map_view_to_lonlat (self, x, y, &g_array_index (self->corners, BbLonLat, self->boundary_grab));
  bb_map_view_show_corners (self);
}

void
bb_map_view_boundary_drag_end (BbMapView *self)
{
  self->boundary_grab = -1;
}

/* Saving --------------------------------------------------------------- */

typedef struct {
  char   *district_id;
  char   *boundary;
  gint64  before, after;   /* the district's incidents */
} BoundarySave;

static void
boundary_save_free (BoundarySave *save)
{
  g_free (save->district_id);
  g_free (save->boundary);
  g_free (save);
}

static gpointer
save_in_store (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  BoundarySave *save = data;
  BoundarySave *done = g_new0 (BoundarySave, 1);

  done->district_id = g_strdup (save->district_id);
  if (!bb_store_district_set_boundary (store, save->district_id, save->boundary, &done->before, &done->after, error))
    {
      boundary_save_free (done);
      return NULL;
    }
  return done;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BbMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  BoundarySave *done = bb_store_run_finish (BB_STORE (source), result, &error);
  g_autofree char *message = NULL;

  if (done == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_map_view_show_error (self, _("The boundary was not saved"), error);
      return;
    }
  /* Translators: after a district's boundary was saved: how many incidents the district holds now, and before */
  message = g_strdup_printf (_("Boundary saved: the district now holds %lld incidents (%lld before)"),
                             (long long) done->after, (long long) done->before);
  if (BB_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    bb_window_add_toast (BB_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), message);
  g_signal_emit_by_name (self, "boundary-saved", done->district_id);
  boundary_save_free (done);
}

/* A MultiPolygon of @parts, part @edited being the Polygon @polygon. */
static char *
multipolygon_geojson (GPtrArray  *parts,
                      guint       edited,
                      const char *polygon)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *edited_coordinates = NULL;

  if (json_parser_load_from_data (parser, polygon, -1, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    edited_coordinates = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "coordinates");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "MultiPolygon");
  json_builder_set_member_name (builder, "coordinates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < parts->len; i++)
    {
      GArray *ring = g_ptr_array_index (parts, i);

      if (i == edited && edited_coordinates != NULL)
        {
          json_builder_add_value (builder, json_node_copy (edited_coordinates));
          continue;
        }
      json_builder_begin_array (builder);
      json_builder_begin_array (builder);
      /* GeoJSON rings end where they start. */
      for (guint k = 0; k <= ring->len; k++)
        {
          const BbLonLat *p = &g_array_index (ring, BbLonLat, k % ring->len);

          json_builder_begin_array (builder);
          json_builder_add_double_value (builder, p->lon);
          json_builder_add_double_value (builder, p->lat);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
bb_map_view_boundary_save (BbMapView      *self,
                           BbMapSelection *polygon)
{
  BoundarySave *save = g_new0 (BoundarySave, 1);

  save->district_id = g_strdup (self->boundary_id);
  save->boundary = bb_map_selection_to_geojson (polygon);
  bb_map_selection_free (polygon);
  /* One part of several: the district's other parts as they were (or as
   * edited before), this one as closed now. */
  if (self->boundary_parts != NULL && self->boundary_parts->len > 1)
    {
      g_autofree char *part = g_steal_pointer (&save->boundary);

      save->boundary = multipolygon_geojson (self->boundary_parts, self->boundary_part, part);
    }
  bb_map_view_boundary_reset (self);
  bb_store_run_async_full (self->store, save_in_store, (GDestroyNotify) boundary_save_free, save,
                           (GDestroyNotify) boundary_save_free, NULL, saved_cb, g_object_ref (self));
}

/* Starting ------------------------------------------------------------- */

gboolean
bb_map_view_edit_boundary (BbMapView  *self,
                           const char *district_id)
{
  GPtrArray *rings = NULL;
  const BbMapDistrict *district = NULL;
  guint index = 0;

  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (district_id != NULL, FALSE);

  if (self->data == NULL || self->store == NULL)
    return FALSE;
  for (guint i = 0; i < self->data->districts->len && district == NULL; i++)
    if (g_strcmp0 (((BbMapDistrict *) g_ptr_array_index (self->data->districts, i))->id, district_id) == 0)
      {
        district = g_ptr_array_index (self->data->districts, i);
        rings = g_ptr_array_index (self->data->district_features, i);
        index = i;
      }
  if (district == NULL)
    return FALSE;

  bb_map_view_popdown (self);
  bb_map_view_set_drawing (self, FALSE);
  bb_map_view_clear_selection (self);
  bb_map_view_set_drawing (self, TRUE);
  self->boundary_id = g_strdup (district_id);
  self->boundary_vertex = -1;
  self->boundary_grab = -1;
  /* A boundary is edited corner by corner, one part (polygon) at a time:
   * the first, until the user picks another; one with none is drawn. */
  self->boundary_parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->boundary_part = 0;
  for (guint r = 0; rings != NULL && r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      guint n = ring->len;
      GArray *part;

      /* GeoJSON rings repeat their first corner at the end. */
      if (n > 1 && memcmp (&g_array_index (ring, BbLonLat, 0), &g_array_index (ring, BbLonLat, n - 1),
                           sizeof (BbLonLat)) == 0)
        n--;
      if (n < 3)
        continue;
      part = g_array_sized_new (FALSE, FALSE, sizeof (BbLonLat), n);
      g_array_append_vals (part, ring->data, n);
      g_ptr_array_add (self->boundary_parts, part);
    }
  if (self->boundary_parts->len > 0)
    {
      GArray *first = g_ptr_array_index (self->boundary_parts, 0);

      g_array_append_vals (self->corners, first->data, first->len);
      gtk_widget_activate_action (GTK_WIDGET (self), "map.zoom-to-district", "u", index);
    }
  update_hint (self, district->name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.redraw-boundary", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.next-boundary-part", self->boundary_parts->len > 1);
  bb_map_view_show_corners (self);
  return TRUE;
}

static void
edit_boundary_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  if (!bb_map_view_edit_boundary (BB_MAP_VIEW (widget), g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

/* Redraw: the corners of the part edited go, clicks put new ones. */
static void
redraw_boundary_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (self->boundary_id == NULL)
    return;
  g_array_set_size (self->corners, 0);
  self->boundary_vertex = -1;
  bb_map_view_show_corners (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->map));
}

/* The next part of a district of several. */
static void
next_boundary_part_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (self->boundary_parts == NULL || self->boundary_parts->len < 2
      || !bb_map_view_boundary_choose_part (self, (self->boundary_part + 1) % self->boundary_parts->len))
    gtk_widget_error_bell (widget);
}

void
bb_map_view_boundary_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.next-boundary-part", NULL, next_boundary_part_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "map.next-boundary-part", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "map.next-boundary-part", NULL);
  gtk_widget_class_install_action (widget_class, "map.edit-boundary", "s", edit_boundary_action_cb);
  gtk_widget_class_install_action (widget_class, "map.redraw-boundary", NULL, redraw_boundary_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.redraw-boundary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "map.remove-corner", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "map.remove-corner", NULL);
  g_signal_new ("boundary-saved", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
bb_map_view_boundary_init (BbMapView *self)
{
  self->boundary_vertex = -1;
  self->boundary_grab = -1;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.redraw-boundary", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.next-boundary-part", FALSE);
}
