/* bb-area-sketch.c: a small map of a problem's district, its area and its incidents, on which a new area is drawn */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-area-sketch"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "bb-area-sketch.h"
#include "bb-hotspot-problem.h"
#include "bb-json.h"

#define PADDING 0.08   /* of the extent, on each side */
#define MIN_DRAG 4     /* pixels: less is a click */

struct _BbAreaSketch
{
  GtkWidget  parent_instance;

  GPtrArray *district;   /* GArray of BbLonLat, one per ring */
  GPtrArray *area;
  GArray    *points;     /* BbLonLat */
  gboolean   dragging;
  double     x0, y0, x1, y1;
};

G_DEFINE_FINAL_TYPE (BbAreaSketch, bb_area_sketch, GTK_TYPE_WIDGET)

enum {
  AREA_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rings of a GeoJSON Polygon or MultiPolygon (or a Feature holding
 * one); NULL when it is not one. */
static GPtrArray *
parse_rings (const char *geometry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonObject *o;
  JsonArray *polygons;
  const char *type;
  gboolean multi;

  if (geometry == NULL || !json_parser_load_from_data (parser, geometry, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (bb_json_get_string (o, "type", NULL), "Feature") == 0)
    {
      JsonNode *g = json_object_get_member (o, "geometry");

      if (g == NULL || !JSON_NODE_HOLDS_OBJECT (g))
        return NULL;
      o = json_node_get_object (g);
    }
  type = bb_json_get_string (o, "type", "");
  multi = g_str_equal (type, "MultiPolygon");
  if ((!multi && !g_str_equal (type, "Polygon")) || !json_object_has_member (o, "coordinates")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "coordinates")))
    return NULL;
  polygons = json_object_get_array_member (o, "coordinates");
  for (guint p = 0; p < (multi ? json_array_get_length (polygons) : 1); p++)
    {
      JsonNode *polygon = multi ? json_array_get_element (polygons, p) : NULL;
      JsonArray *ring_list = multi ? (JSON_NODE_HOLDS_ARRAY (polygon) ? json_node_get_array (polygon) : NULL) : polygons;

      for (guint r = 0; ring_list != NULL && r < json_array_get_length (ring_list); r++)
        {
          JsonNode *ring_node = json_array_get_element (ring_list, r);
          JsonArray *ring = JSON_NODE_HOLDS_ARRAY (ring_node) ? json_node_get_array (ring_node) : NULL;
          GArray *out = g_array_new (FALSE, FALSE, sizeof (BbLonLat));

          for (guint k = 0; ring != NULL && k < json_array_get_length (ring); k++)
            {
              BbLonLat ll;

              if (bb_json_get_position (json_array_get_element (ring, k), &ll.lon, &ll.lat))
                g_array_append_val (out, ll);
            }
          if (out->len >= 3)
            g_ptr_array_add (rings, out);
          else
            g_array_unref (out);
        }
    }
  return rings->len > 0 ? g_steal_pointer (&rings) : NULL;
}

static void
extend_rings (BbBBox    *box,
              GPtrArray *rings)
{
  for (guint r = 0; rings != NULL && r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);

      for (guint k = 0; k < ring->len; k++)
        bb_bbox_extend (box, g_array_index (ring, BbLonLat, k).lon, g_array_index (ring, BbLonLat, k).lat);
    }
}

gboolean
bb_area_sketch_get_extent (BbAreaSketch *self,
                           BbBBox       *extent)
{
  g_return_val_if_fail (BB_IS_AREA_SKETCH (self), FALSE);

  bb_bbox_init_empty (extent);
  extend_rings (extent, self->district);
  if (bb_bbox_is_empty (extent))
    extend_rings (extent, self->area);
  if (bb_bbox_is_empty (extent))
    for (guint i = 0; i < self->points->len; i++)
      bb_bbox_extend (extent, g_array_index (self->points, BbLonLat, i).lon,
                      g_array_index (self->points, BbLonLat, i).lat);
  return !bb_bbox_is_empty (extent);
}

/* lon/lat to the widget and back: east is shortened by the cosine of the
 * latitude, so that a square on the ground is a square on the screen. */
typedef struct {
  double min_lon, max_lat, k, scale, ox, oy;
} Frame;

static gboolean
frame_get (BbAreaSketch *self,
           Frame        *f)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double w, h, pad_lon, pad_lat;
  BbBBox e;

  if (!bb_area_sketch_get_extent (self, &e) || width < 2 || height < 2)
    return FALSE;
  /* A single point, or a line, still gets a little room around it. */
  pad_lon = MAX ((e.max_lon - e.min_lon) * PADDING, 0.001);
  pad_lat = MAX ((e.max_lat - e.min_lat) * PADDING, 0.001);
  e.min_lon -= pad_lon;
  e.max_lon += pad_lon;
  e.min_lat -= pad_lat;
  e.max_lat += pad_lat;
  f->k = cos ((e.min_lat + e.max_lat) / 2 * G_PI / 180);
  w = (e.max_lon - e.min_lon) * f->k;
  h = e.max_lat - e.min_lat;
  f->scale = MIN (width / w, height / h);
  f->min_lon = e.min_lon;
  f->max_lat = e.max_lat;
  f->ox = (width - w * f->scale) / 2;
  f->oy = (height - h * f->scale) / 2;
  return TRUE;
}

static void
to_widget (const Frame *f,
           double       lon,
           double       lat,
           double      *x,
           double      *y)
{
  *x = f->ox + (lon - f->min_lon) * f->k * f->scale;
  *y = f->oy + (f->max_lat - lat) * f->scale;
}

static void
to_lonlat (const Frame *f,
           double       x,
           double       y,
           double      *lon,
           double      *lat)
{
  *lon = f->min_lon + (x - f->ox) / (f->k * f->scale);
  *lat = f->max_lat - (y - f->oy) / f->scale;
}

static void
path_rings (cairo_t     *cr,
            const Frame *f,
            GPtrArray   *rings)
{
  for (guint r = 0; rings != NULL && r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);

      for (guint k = 0; k < ring->len; k++)
        {
          double x, y;

          to_widget (f, g_array_index (ring, BbLonLat, k).lon, g_array_index (ring, BbLonLat, k).lat, &x, &y);
          if (k == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static void
bb_area_sketch_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  BbAreaSketch *self = BB_AREA_SKETCH (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  Frame f;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* A plain ground, as the map with no base layer. */
  cairo_set_source_rgb (cr, 0.965, 0.961, 0.957);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  if (frame_get (self, &f))
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      path_rings (cr, &f, self->district);
      cairo_set_source_rgb (cr, 0.871, 0.867, 0.855);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.467, 0.463, 0.482);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      path_rings (cr, &f, self->area);
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.28);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.110, 0.443, 0.847);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, 0.753, 0.110, 0.157, 0.85);
      for (guint i = 0; i < self->points->len; i++)
        {
          double x, y;

          to_widget (&f, g_array_index (self->points, BbLonLat, i).lon, g_array_index (self->points, BbLonLat, i).lat,
                     &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
  if (self->dragging)
    {
      static const double dash[] = { 4, 3 };

      cairo_rectangle (cr, MIN (self->x0, self->x1), MIN (self->y0, self->y1), fabs (self->x1 - self->x0),
                       fabs (self->y1 - self->y0));
      cairo_set_source_rgba (cr, 0.110, 0.443, 0.847, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgb (cr, 0.110, 0.443, 0.847);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
bb_area_sketch_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 220;
}

void
bb_area_sketch_draw_rectangle (BbAreaSketch *self,
                               double        x0,
                               double        y0,
                               double        x1,
                               double        y1)
{
  g_autofree char *geometry = NULL;
  BbBBox box;
  Frame f;

  g_return_if_fail (BB_IS_AREA_SKETCH (self));

  if (fabs (x1 - x0) < MIN_DRAG || fabs (y1 - y0) < MIN_DRAG || !frame_get (self, &f))
    return;
  to_lonlat (&f, MIN (x0, x1), MAX (y0, y1), &box.min_lon, &box.min_lat);
  to_lonlat (&f, MAX (x0, x1), MIN (y0, y1), &box.max_lon, &box.max_lat);
  geometry = bb_area_geojson (&box);
  g_signal_emit (self, signals[AREA_DRAWN], 0, geometry);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BbAreaSketch   *self)
{
  Frame f;

  if (!frame_get (self, &f))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragging = TRUE;
  self->x0 = self->x1 = x;
  self->y0 = self->y1 = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                BbAreaSketch   *self)
{
  self->x1 = self->x0 + dx;
  self->y1 = self->y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BbAreaSketch   *self)
{
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  bb_area_sketch_draw_rectangle (self, self->x0, self->y0, self->x0 + dx, self->y0 + dy);
}

static gboolean
set_rings (BbAreaSketch  *self,
           GPtrArray    **rings,
           const char    *geometry)
{
  GPtrArray *parsed = parse_rings (geometry);

  g_clear_pointer (rings, g_ptr_array_unref);
  *rings = parsed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return parsed != NULL || geometry == NULL;
}

gboolean
bb_area_sketch_set_district (BbAreaSketch *self,
                             const char   *geometry)
{
  g_return_val_if_fail (BB_IS_AREA_SKETCH (self), FALSE);
  return set_rings (self, &self->district, geometry);
}

gboolean
bb_area_sketch_set_area (BbAreaSketch *self,
                         const char   *geometry)
{
  g_return_val_if_fail (BB_IS_AREA_SKETCH (self), FALSE);
  return set_rings (self, &self->area, geometry);
}

void
bb_area_sketch_set_points (BbAreaSketch *self,
                           const double *lonlat,
                           guint         n)
{
  g_return_if_fail (BB_IS_AREA_SKETCH (self));

  g_array_set_size (self->points, 0);
  for (guint i = 0; i < n; i++)
    {
      BbLonLat ll = { lonlat[2 * i], lonlat[2 * i + 1] };

      if (isfinite (ll.lon) && isfinite (ll.lat))
        g_array_append_val (self->points, ll);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bb_area_sketch_finalize (GObject *object)
{
  BbAreaSketch *self = BB_AREA_SKETCH (object);

  g_clear_pointer (&self->district, g_ptr_array_unref);
  g_clear_pointer (&self->area, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  G_OBJECT_CLASS (bb_area_sketch_parent_class)->finalize (object);
}

static void
bb_area_sketch_class_init (BbAreaSketchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bb_area_sketch_finalize;
  widget_class->snapshot = bb_area_sketch_snapshot;
  widget_class->measure = bb_area_sketch_measure;

  /* The rectangle drawn, as a GeoJSON Polygon. */
  signals[AREA_DRAWN] = g_signal_new ("area-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "bb-area-sketch");
}

static void
bb_area_sketch_init (BbAreaSketch *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->points = g_array_new (FALSE, FALSE, sizeof (BbLonLat));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
bb_area_sketch_new (void)
{
  return g_object_new (BB_TYPE_AREA_SKETCH, NULL);
}
