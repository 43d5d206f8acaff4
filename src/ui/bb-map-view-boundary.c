/* bb-map-view-boundary.c: a district's boundary edited on the map with the polygon tools of the selection */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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
  self->boundary_vertex = -1;
  self->boundary_grab = -1;
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

void
bb_map_view_boundary_save (BbMapView      *self,
                           BbMapSelection *polygon)
{
  BoundarySave *save = g_new0 (BoundarySave, 1);

  save->district_id = g_strdup (self->boundary_id);
  save->boundary = bb_map_selection_to_geojson (polygon);
  bb_map_selection_free (polygon);
  bb_map_view_boundary_reset (self);
  bb_store_run_async (self->store, save_in_store, save, (GDestroyNotify) boundary_save_free, NULL, saved_cb,
                      g_object_ref (self));
}

/* Starting ------------------------------------------------------------- */

gboolean
bb_map_view_edit_boundary (BbMapView  *self,
                           const char *district_id)
{
  GPtrArray *rings = NULL;
  const BbMapDistrict *district = NULL;
  g_autofree char *hint = NULL;
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
  /* A boundary of one polygon is edited corner by corner; one of several
   * parts (or none) is drawn anew. */
  if (rings != NULL && rings->len == 1)
    {
      GArray *ring = g_ptr_array_index (rings, 0);
      guint n = ring->len;

      /* GeoJSON rings repeat their first corner at the end. */
      if (n > 1 && memcmp (&g_array_index (ring, BbLonLat, 0), &g_array_index (ring, BbLonLat, n - 1),
                           sizeof (BbLonLat)) == 0)
        n--;
      g_array_append_vals (self->corners, ring->data, n);
      gtk_widget_activate_action (GTK_WIDGET (self), "map.zoom-to-district", "u", index);
    }
  /* Translators: the hint on the map while a district's boundary is edited */
  hint = g_strdup_printf (_("Boundary of %s: drag a corner to move it · click an edge to add one · Delete removes the "
                            "chosen corner · Enter saves · Esc cancels"), district->name);
  gtk_label_set_label (GTK_LABEL (self->drawing_hint), hint);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.redraw-boundary", TRUE);
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

/* Redraw: the corners go, clicks put new ones. */
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

void
bb_map_view_boundary_class_init (GtkWidgetClass *widget_class)
{
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
}
