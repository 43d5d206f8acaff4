/* bb-static-map.c: maps on paper: the station's base layers, districts and counts aggregated to squares, with legend, scale bar and attribution */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-static-map"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "bb-json.h"
#include "bb-map-key.h"
#include "bb-print-document-private.h"
#include "bb-static-map.h"

#define EARTH_CIRCUMFERENCE_M 40075016.686
/* How opaque the squares are drawn, over the base map and in the key. */
#define CELL_ALPHA 0.82

typedef struct {
  char     *name;
  gboolean  highlight;
  GArray   *coords;   /* doubles: world x, y, … */
  GArray   *rings;    /* guint: first point of each ring */
  double    label_x, label_y;
} District;

struct _BbStaticMap
{
  gatomicrefcount ref_count;
  BbBBox         area;
  BbMapFeatures *features;
  char          *attribution;
  GPtrArray     *districts;
  GArray        *cells;       /* BbStaticMapCell */
  GArray        *cell_boxes;  /* 4 doubles per cell: world min x, min y, max x, max y */
  double         breaks[BB_STATIC_MAP_N_CLASSES - 1];
  guint          n_classes;
  BbColor        color;
  char          *legend_title;
  char          *more_format;
  char          *key_note;
  BbGrid        *heat;        /* incidents per km², instead of squares */
  double         heat_top;
  char          *heat_title;
  char          *heat_labels[3];   /* 0, the middle of the ramp, its top */
  gboolean       any_highlight;
};

static void
district_free (gpointer data)
{
  District *d = data;

  g_free (d->name);
  g_array_unref (d->coords);
  g_array_unref (d->rings);
  g_free (d);
}

static void
lonlat_to_world (double  lon,
                 double  lat,
                 double *x,
                 double *y)
{
  double phi = CLAMP (lat, -85.0511287798, 85.0511287798) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0;
}

BbStaticMap *
bb_static_map_new (const BbBBox *area)
{
  BbStaticMap *self = g_new0 (BbStaticMap, 1);

  g_return_val_if_fail (area != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->area = *area;
  self->districts = g_ptr_array_new_with_free_func (district_free);
  self->cells = g_array_new (FALSE, FALSE, sizeof (BbStaticMapCell));
  self->cell_boxes = g_array_new (FALSE, FALSE, sizeof (double));
  self->color = bb_color_rgb (0xc0392b);
  return self;
}

BbStaticMap *
bb_static_map_ref (BbStaticMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bb_static_map_free (BbStaticMap *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->features, bb_map_features_unref);
  g_free (self->attribution);
  g_ptr_array_unref (self->districts);
  g_array_unref (self->cells);
  g_array_unref (self->cell_boxes);
  g_free (self->legend_title);
  g_free (self->more_format);
  g_free (self->key_note);
  g_clear_pointer (&self->heat, bb_grid_free);
  g_free (self->heat_title);
  for (guint i = 0; i < G_N_ELEMENTS (self->heat_labels); i++)
    g_free (self->heat_labels[i]);
  g_free (self);
}

void
bb_static_map_set_base (BbStaticMap   *self,
                        BbMapFeatures *features,
                        const char    *attribution)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->features, bb_map_features_unref);
  if (features != NULL)
    self->features = bb_map_features_ref (features);
  g_free (self->attribution);
  self->attribution = g_strdup (attribution != NULL && *attribution ? attribution : NULL);
}

static gboolean
add_ring (District  *d,
          JsonArray *ring)
{
  guint start = d->coords->len / 2;

  for (guint i = 0; i < json_array_get_length (ring); i++)
    {
      double lon, lat, x, y;

      if (!bb_json_get_position (json_array_get_element (ring, i), &lon, &lat))
        return FALSE;
      lonlat_to_world (lon, lat, &x, &y);
      g_array_append_val (d->coords, x);
      g_array_append_val (d->coords, y);
    }
  g_array_append_val (d->rings, start);
  return TRUE;
}

static gboolean
add_polygon (District *d,
             JsonNode *node)
{
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  rings = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      JsonNode *ring = json_array_get_element (rings, i);

      if (!JSON_NODE_HOLDS_ARRAY (ring) || !add_ring (d, json_node_get_array (ring)))
        return FALSE;
    }
  return TRUE;
}

/* The centroid of the largest outer ring, where the name goes. */
static void
place_label (District *d)
{
  const double *c = (const double *) d->coords->data;
  guint n_points = d->coords->len / 2;
  double best = -1;

  for (guint r = 0; r < d->rings->len; r++)
    {
      guint start = g_array_index (d->rings, guint, r);
      guint end = r + 1 < d->rings->len ? g_array_index (d->rings, guint, r + 1) : n_points;
      double a = 0, cx = 0, cy = 0;

      for (guint i = start; i < end; i++)
        {
          guint j = i + 1 < end ? i + 1 : start;
          double cross = c[2 * i] * c[2 * j + 1] - c[2 * j] * c[2 * i + 1];

          a += cross;
          cx += (c[2 * i] + c[2 * j]) * cross;
          cy += (c[2 * i + 1] + c[2 * j + 1]) * cross;
        }
      if (fabs (a) > best && a != 0)
        {
          best = fabs (a);
          d->label_x = cx / (3 * a);
          d->label_y = cy / (3 * a);
        }
    }
}

gboolean
bb_static_map_add_district (BbStaticMap *self,
                            const char  *name,
                            const char  *boundary,
                            gboolean     highlight)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  District *d;
  JsonObject *geometry;
  const char *type;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (boundary == NULL || !json_parser_load_from_data (parser, boundary, -1, NULL)
      || json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  geometry = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (geometry, "coordinates"))
    return FALSE;
  type = bb_json_get_string (geometry, "type", "");

  d = g_new0 (District, 1);
  d->name = g_strdup (name);
  d->highlight = highlight;
  d->coords = g_array_new (FALSE, FALSE, sizeof (double));
  d->rings = g_array_new (FALSE, FALSE, sizeof (guint));
  if (g_str_equal (type, "Polygon"))
    ok = add_polygon (d, json_object_get_member (geometry, "coordinates"));
  else if (g_str_equal (type, "MultiPolygon") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (geometry, "coordinates")))
    {
      JsonArray *polygons = json_object_get_array_member (geometry, "coordinates");

      ok = TRUE;
      for (guint i = 0; ok && i < json_array_get_length (polygons); i++)
        ok = add_polygon (d, json_array_get_element (polygons, i));
    }
  if (!ok || d->coords->len == 0)
    {
      district_free (d);
      return FALSE;
    }
  place_label (d);
  self->any_highlight |= highlight;
  g_ptr_array_add (self->districts, d);
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Class limits at the median, the upper quartile and the top tenth of
 * the squares drawn, whole numbers that rise: the darkest shade marks the
 * busiest squares rather than a quarter of the town. */
static void
compute_breaks (BbStaticMap *self)
{
  static const double quantiles[BB_STATIC_MAP_N_CLASSES - 1] = { 0.5, 0.75, 0.9 };
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double), self->cells->len);
  double last = -1;

  self->n_classes = 0;
  if (self->cells->len == 0)
    return;
  for (guint i = 0; i < self->cells->len; i++)
    g_array_append_val (values, g_array_index (self->cells, BbStaticMapCell, i).count);
  g_array_sort (values, compare_doubles);
  for (guint k = 0; k < BB_STATIC_MAP_N_CLASSES - 1; k++)
    {
      double q = g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * quantiles[k])));
      double top = g_array_index (values, double, values->len - 1);

      q = floor (q);
      if (q <= last || q >= top)
        continue;
      self->breaks[self->n_classes++] = q;
      last = q;
    }
  self->n_classes++;
}

void
bb_static_map_set_cells (BbStaticMap   *self,
                         const BbGrid  *counts,
                         guint          min_count,
                         const BbColor *color,
                         const char    *legend_title,
                         const char    *more_format)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (counts != NULL && counts->has_projection);

  g_array_set_size (self->cells, 0);
  g_array_set_size (self->cell_boxes, 0);
  if (color != NULL)
    self->color = *color;
  g_free (self->legend_title);
  self->legend_title = g_strdup (legend_title);
  g_free (self->more_format);
  self->more_format = g_strdup (more_format);

  for (guint row = 0; row < counts->n_rows; row++)
    for (guint col = 0; col < counts->n_cols; col++)
      {
        double v = bb_grid_get (counts, col, row);
        double x0 = counts->x0 + col * counts->cell_size, y0 = counts->y0 + row * counts->cell_size;
        double lon0, lat0, lon1, lat1, box[4];
        BbStaticMapCell cell;

        /* A square of one or two incidents can point at a household. */
        if (v <= 0 || v < MAX (min_count, 1))
          continue;
        bb_local_projection_inverse (&counts->projection, x0, y0, &lon0, &lat0);
        bb_local_projection_inverse (&counts->projection, x0 + counts->cell_size, y0 + counts->cell_size,
                                     &lon1, &lat1);
        lonlat_to_world (lon0, lat1, &box[0], &box[1]);
        lonlat_to_world (lon1, lat0, &box[2], &box[3]);
        g_array_append_vals (self->cell_boxes, box, 4);
        cell.lon = (lon0 + lon1) / 2;
        cell.lat = (lat0 + lat1) / 2;
        cell.count = v;
        g_array_append_val (self->cells, cell);
      }
  compute_breaks (self);
}

GArray *
bb_static_map_dup_cells (BbStaticMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_array_copy (self->cells);
}

void
bb_static_map_get_breaks (BbStaticMap *self,
                          double      *breaks)
{
  for (guint i = 0; i < BB_STATIC_MAP_N_CLASSES - 1; i++)
    breaks[i] = i + 1 < self->n_classes ? self->breaks[i] : NAN;
}

static guint
class_of (BbStaticMap *self,
          double       count)
{
  guint k = 0;

  while (k + 1 < self->n_classes && count > self->breaks[k])
    k++;
  return k;
}

static BbColor
class_color (BbStaticMap *self,
             guint        k)
{
  double step = self->n_classes > 1 ? 0.78 / (self->n_classes - 1) : 0;

  if (self->n_classes == 1)
    return bb_color_tint (&self->color, 0.35);
  return bb_color_tint (&self->color, 0.78 - k * step);
}

static void
trace_district (District *d,
                cairo_t  *cr,
                double    scale,
                double    ox,
                double    oy)
{
  const double *c = (const double *) d->coords->data;
  guint n_points = d->coords->len / 2;

  for (guint r = 0; r < d->rings->len; r++)
    {
      guint start = g_array_index (d->rings, guint, r);
      guint end = r + 1 < d->rings->len ? g_array_index (d->rings, guint, r + 1) : n_points;

      for (guint k = start; k < end; k++)
        {
          double x = c[2 * k] * scale - ox, y = c[2 * k + 1] * scale - oy;

          if (k == start)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

/* Text with a white halo, so that it reads over streets and shading. */
static void
halo_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           const BbColor *color)
{
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 2.4);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  bb_cairo_set_color (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static void
draw_districts (BbStaticMap  *self,
                cairo_t      *cr,
                PangoContext *context,
                double        scale,
                double        ox,
                double        oy,
                double        width)
{
  BbColor ink = bb_color_rgb (0x2d2a4a);
  BbColor soft = bb_color_rgb (0x6b6880);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->districts->len; i++)
      {
        District *d = g_ptr_array_index (self->districts, i);
        gboolean strong = d->highlight || !self->any_highlight;

        /* Pale outlines first, the highlighted district on top. */
        if ((pass == 0) == (strong && self->any_highlight))
          continue;
        trace_district (d, cr, scale, ox, oy);
        if (d->highlight)
          {
            cairo_set_line_width (cr, 4.0);
            cairo_set_source_rgba (cr, ink.r, ink.g, ink.b, 0.25);
            cairo_stroke_preserve (cr);
          }
        bb_cairo_set_color (cr, strong ? &ink : &soft);
        cairo_set_line_width (cr, d->highlight ? 1.6 : (strong ? 0.9 : 0.6));
        cairo_stroke (cr);
      }

  for (guint i = 0; i < self->districts->len; i++)
    {
      District *d = g_ptr_array_index (self->districts, i);
      BbTextStyle style = bb_text_style (d->highlight ? 9.5 : 7, PANGO_WEIGHT_BOLD, NULL);
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (d->name == NULL)
        continue;
      layout = bb_text_layout (context, &style, d->name, width / 4);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_size (layout, &w, &h);
      halo_text (cr, layout, d->label_x * scale - ox - (double) w / PANGO_SCALE / 2,
                 d->label_y * scale - oy - (double) h / PANGO_SCALE / 2,
                 (d->highlight || !self->any_highlight) ? &ink : &soft);
    }
}

/* Around a highlighted district the map fades, so that its shape reads. */
static void
draw_mask (BbStaticMap *self,
           cairo_t     *cr,
           double       scale,
           double       ox,
           double       oy,
           double       width,
           double       height)
{
  if (!self->any_highlight)
    return;
  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, -1, -1, width + 2, height + 2);
  for (guint i = 0; i < self->districts->len; i++)
    {
      District *d = g_ptr_array_index (self->districts, i);

      if (d->highlight)
        trace_district (d, cr, scale, ox, oy);
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_cells (BbStaticMap *self,
            cairo_t     *cr,
            double       scale,
            double       ox,
            double       oy)
{
  /* One path per shade: a few hundred squares make a small file. */
  for (guint k = 0; k < self->n_classes; k++)
    {
      BbColor color = class_color (self, k);
      gboolean any = FALSE;

      for (guint i = 0; i < self->cells->len; i++)
        {
          const double *b = &g_array_index (self->cell_boxes, double, 4 * i);

          if (class_of (self, g_array_index (self->cells, BbStaticMapCell, i).count) != k)
            continue;
          cairo_rectangle (cr, b[0] * scale - ox, b[1] * scale - oy, (b[2] - b[0]) * scale, (b[3] - b[1]) * scale);
          any = TRUE;
        }
      if (!any)
        continue;
      color.a = CELL_ALPHA;
      bb_cairo_set_color (cr, &color);
      cairo_fill (cr);
    }
}

/* A round length near a fifth of the map's width. */
static double
scale_bar_metres (double metres_per_unit,
                  double width)
{
  static const double steps[] = { 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000 };
  double best = steps[0];

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] / metres_per_unit <= width * 0.22)
      best = steps[i];
  return best;
}

void
bb_static_map_draw_scale_bar (cairo_t      *cr,
                              PangoContext *context,
                              double        metres_per_unit,
                              double        width,
                              double        height)
{
  double metres = scale_bar_metres (metres_per_unit, width);
  double len = metres / metres_per_unit;
  g_autofree char *text = metres >= 1000 ? g_strdup_printf ("%g km", metres / 1000) : g_strdup_printf ("%g m", metres);
  BbTextStyle style = bb_text_style (7, PANGO_WEIGHT_NORMAL, NULL);
  g_autoptr(PangoLayout) layout = bb_text_layout (context, &style, text, -1);
  BbColor ink = bb_color_rgb (0x1f2328);
  double x = 8, y = height - 10;
  int tw, th;

  pango_layout_get_size (layout, &tw, &th);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 4, y - 7 - (double) th / PANGO_SCALE, len + 8, 13 + (double) th / PANGO_SCALE);
  cairo_fill (cr);
  bb_cairo_set_color (cr, &ink);
  cairo_rectangle (cr, x, y - 2, len / 2, 3);
  cairo_fill (cr);
  cairo_rectangle (cr, x, y - 2, len, 3);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  halo_text (cr, layout, x + len / 2 - (double) tw / PANGO_SCALE / 2, y - 4 - (double) th / PANGO_SCALE, &ink);
}

void
bb_static_map_draw_attribution (cairo_t      *cr,
                                PangoContext *context,
                                const char   *attribution,
                                double        width,
                                double        height)
{
  BbTextStyle style = bb_text_style (6, PANGO_WEIGHT_NORMAL, NULL);
  g_autoptr(PangoLayout) layout = NULL;
  BbColor ink = bb_color_rgb (0x4d5560);
  int tw, th;

  if (attribution == NULL || *attribution == '\0')
    return;
  layout = bb_text_layout (context, &style, attribution, width * 0.55);
  pango_layout_get_size (layout, &tw, &th);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_rectangle (cr, width - (double) tw / PANGO_SCALE - 6, height - (double) th / PANGO_SCALE - 4,
                   (double) tw / PANGO_SCALE + 6, (double) th / PANGO_SCALE + 4);
  cairo_fill (cr);
  cairo_move_to (cr, width - (double) tw / PANGO_SCALE - 3, height - (double) th / PANGO_SCALE - 2);
  bb_cairo_set_color (cr, &ink);
  pango_cairo_show_layout (cr, layout);
}

static char *
class_label (BbStaticMap *self,
             guint        k,
             guint        min_count)
{
  double low = k == 0 ? min_count : self->breaks[k - 1] + 1;

  if (k + 1 == self->n_classes)
    {
      g_autofree char *number = g_strdup_printf ("%.0f", low);

      g_auto(GStrv) parts = g_strsplit (self->more_format != NULL ? self->more_format : "%s+", "%s", 2);

      return g_strjoinv (number, parts);
    }
  if (self->breaks[k] <= low)
    return g_strdup_printf ("%.0f", low);
  return g_strdup_printf ("%.0f–%.0f", low, self->breaks[k]);
}

BbMapKey *
bb_static_map_build_key (BbStaticMap *self)
{
  g_autoptr(BbMapKey) key = NULL;
  guint min_count = G_MAXUINT;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->heat != NULL)
    {
      const int stops = 8;

      key = bb_map_key_new (self->heat_title, TRUE);
      for (int i = 0; i <= stops; i++)
        {
          double r, g, b, a;
          const char *label = i == 0 ? self->heat_labels[0] : i == stops / 2 ? self->heat_labels[1]
                              : i == stops ? self->heat_labels[2] : NULL;

          bb_map_key_heat_colour ((double) i / stops, &r, &g, &b, &a);
          bb_map_key_add (key, ((guint32) lround (r * 255) << 16) | ((guint32) lround (g * 255) << 8)
                               | (guint32) lround (b * 255), a, label);
        }
      bb_map_key_set_note (key, self->key_note);
      return g_steal_pointer (&key);
    }
  if (self->legend_title == NULL || self->n_classes == 0)
    return NULL;
  /* The lowest class starts at the smallest count drawn. */
  for (guint i = 0; i < self->cells->len; i++)
    min_count = MIN (min_count, (guint) g_array_index (self->cells, BbStaticMapCell, i).count);
  key = bb_map_key_new (self->legend_title, FALSE);
  for (guint k = 0; k < self->n_classes; k++)
    {
      BbColor color = class_color (self, k);
      g_autofree char *text = class_label (self, k, min_count);
      guint32 rgb = ((guint32) lround (color.r * 255) << 16) | ((guint32) lround (color.g * 255) << 8)
                    | (guint32) lround (color.b * 255);

      bb_map_key_add (key, rgb, CELL_ALPHA, text);
    }
  bb_map_key_set_note (key, self->key_note);
  return g_steal_pointer (&key);
}

void
bb_static_map_set_key_note (BbStaticMap *self,
                            const char  *note)
{
  g_return_if_fail (self != NULL);
  g_free (self->key_note);
  self->key_note = g_strdup (note != NULL && *note ? note : NULL);
}

void
bb_static_map_set_heat (BbStaticMap  *self,
                        const BbGrid *density,
                        const char   *title,
                        char * const *labels)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (density != NULL && density->has_projection);

  g_clear_pointer (&self->heat, bb_grid_free);
  self->heat = bb_grid_copy (density);
  self->heat_top = bb_grid_max (density);
  g_free (self->heat_title);
  self->heat_title = g_strdup (title);
  for (guint i = 0; i < G_N_ELEMENTS (self->heat_labels); i++)
    {
      g_free (self->heat_labels[i]);
      self->heat_labels[i] = g_strdup (labels[i]);
    }
  /* The surface replaces the squares. */
  g_array_set_size (self->cells, 0);
  g_array_set_size (self->cell_boxes, 0);
  self->n_classes = 0;
}

const BbGrid *
bb_static_map_get_heat (BbStaticMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->heat;
}

double
bb_static_map_get_heat_top (BbStaticMap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->heat != NULL ? self->heat_top : 0;
}

/* The surface as an image, a pixel a cell, north up, placed by its
 * corners (a town is small enough for the projection to be straight). */
static void
draw_heat (BbStaticMap *self,
           cairo_t     *cr,
           double       scale,
           double       ox,
           double       oy)
{
  const BbGrid *grid = self->heat;
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  double lon0, lat0, lon1, lat1, wx0, wy0, wx1, wy1;

  if (grid == NULL || !(self->heat_top > 0))
    return;
  image = bb_map_key_heat_image (grid, self->heat_top);
  bb_local_projection_inverse (&grid->projection, grid->x0, grid->y0, &lon0, &lat0);
  bb_local_projection_inverse (&grid->projection, grid->x0 + grid->n_cols * grid->cell_size,
                               grid->y0 + grid->n_rows * grid->cell_size, &lon1, &lat1);
  lonlat_to_world (lon0, lat1, &wx0, &wy0);
  lonlat_to_world (lon1, lat0, &wx1, &wy1);
  cairo_save (cr);
  cairo_translate (cr, wx0 * scale - ox, wy0 * scale - oy);
  cairo_scale (cr, (wx1 - wx0) * scale / grid->n_cols, (wy1 - wy0) * scale / grid->n_rows);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, 0, 0, grid->n_cols, grid->n_rows);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* The space between the map and its key. */
#define KEY_GAP 5.0

void
bb_static_map_draw (BbStaticMap  *self,
                    cairo_t      *cr,
                    PangoContext *context,
                    double        x,
                    double        y,
                    double        width,
                    double        height)
{
  g_autoptr(BbMapKey) key = bb_static_map_build_key (self);
  double x0, y0, x1, y1, ww, wh, scale, cx, cy, ox, oy, lat;

  g_return_if_fail (self != NULL && cr != NULL);
  /* The key under the map, as tall as its width makes it. */
  if (key != NULL)
    height -= bb_map_key_draw_row (key, NULL, context, 0, 0, width) + KEY_GAP;
  if (width <= 0 || height <= 0)
    return;

  /* The area with a margin, grown to the box's proportions. */
  lonlat_to_world (self->area.min_lon, self->area.max_lat, &x0, &y0);
  lonlat_to_world (self->area.max_lon, self->area.min_lat, &x1, &y1);
  ww = MAX (x1 - x0, 1e-7) * 1.08;
  wh = MAX (y1 - y0, 1e-7) * 1.08;
  scale = MIN (width / ww, height / wh);
  cx = (x0 + x1) / 2;
  cy = (y0 + y1) / 2;
  ox = cx * scale - width / 2;
  oy = cy * scale - height / 2;
  lat = (self->area.min_lat + self->area.max_lat) / 2;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  bb_map_painter_draw_area (self->features, cr, ox / scale, oy / scale, scale, width, height);
  /* The base map steps back so that the figures stand out. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.3);
  cairo_paint (cr);

  draw_mask (self, cr, scale, ox, oy, width, height);
  draw_cells (self, cr, scale, ox, oy);
  draw_heat (self, cr, scale, ox, oy);
  draw_districts (self, cr, context, scale, ox, oy, width);
  bb_static_map_draw_scale_bar (cr, context, EARTH_CIRCUMFERENCE_M * cos (lat * G_PI / 180) / scale, width, height);
  bb_static_map_draw_attribution (cr, context, self->attribution, width, height);
  cairo_restore (cr);

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  if (key != NULL)
    bb_map_key_draw_row (key, cr, context, 0, height + KEY_GAP, width);
  cairo_restore (cr);
}
