/* bb-map-painter.c: draws the station's own map layers into 256-pixel Web Mercator tiles with cairo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bb-map-painter.h"
#include "bb-json.h"

G_DEFINE_QUARK (bb-map-painter-error-quark, bb_map_painter_error)

typedef enum {
  KIND_GREEN,
  KIND_WATER,
  KIND_BOUNDARY,
  KIND_OTHER,
  KIND_STREET_RESIDENTIAL,
  KIND_STREET_SECONDARY,
  KIND_STREET_PRIMARY,
  KIND_LANDMARK,
} FeatureKind;

typedef enum {
  GEOM_POINT,
  GEOM_LINE,
  GEOM_POLYGON,
} GeometryType;

typedef struct {
  FeatureKind   kind;
  GeometryType  type;
  char         *name;
  double        min_x, min_y, max_x, max_y;   /* world coordinates, 0..1 */
  GArray       *coords;                       /* doubles x, y, x, y, … */
  GArray       *parts;                        /* guint: start index (in points) of each ring/line */
} Feature;

struct _BbMapFeatures
{
  gatomicrefcount  ref_count;
  GPtrArray       *features;
};

static void
feature_free (Feature *feature)
{
  g_free (feature->name);
  g_array_unref (feature->coords);
  g_array_unref (feature->parts);
  g_free (feature);
}

BbMapFeatures *
bb_map_features_new (void)
{
  BbMapFeatures *self = g_new0 (BbMapFeatures, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
  return self;
}

BbMapFeatures *
bb_map_features_ref (BbMapFeatures *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bb_map_features_unref (BbMapFeatures *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->features);
      g_free (self);
    }
}

guint
bb_map_features_get_count (BbMapFeatures *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->features->len;
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

/* Appends one ring or line (a JSON array of [lon, lat] positions). */
static gboolean
add_positions (Feature    *feature,
               JsonArray  *positions,
               GError    **error)
{
  guint start = feature->coords->len / 2;
  guint n = json_array_get_length (positions);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (positions, i);
      double lon, lat, x, y;

      if (!bb_json_get_position (node, &lon, &lat))
        {
          g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                       _("a position is not a pair of numbers"));
          return FALSE;
        }
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        {
          g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                       _("the position %g, %g is not a longitude and latitude"), lon, lat);
          return FALSE;
        }
      lonlat_to_world (lon, lat, &x, &y);
      g_array_append_val (feature->coords, x);
      g_array_append_val (feature->coords, y);
      feature->min_x = MIN (feature->min_x, x);
      feature->max_x = MAX (feature->max_x, x);
      feature->min_y = MIN (feature->min_y, y);
      feature->max_y = MAX (feature->max_y, y);
    }
  g_array_append_val (feature->parts, start);
  return TRUE;
}

static gboolean
add_array_of_arrays (Feature    *feature,
                     JsonNode   *node,
                     int         depth,
                     GError    **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                   _("the coordinates are not an array"));
      return FALSE;
    }
  array = json_node_get_array (node);
  if (depth == 0)
    return add_positions (feature, array, error);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!add_array_of_arrays (feature, json_array_get_element (array, i), depth - 1, error))
      return FALSE;
  return TRUE;
}

static FeatureKind
feature_kind (const char *layer_kind,
              JsonObject *properties)
{
  const char *klass = NULL;

  if (properties != NULL && json_object_has_member (properties, "class"))
    klass = bb_json_get_string (properties, "class", NULL);

  if (g_strcmp0 (layer_kind, "streets") == 0)
    {
      if (g_strcmp0 (klass, "primary") == 0 || g_strcmp0 (klass, "trunk") == 0)
        return KIND_STREET_PRIMARY;
      if (g_strcmp0 (klass, "secondary") == 0 || g_strcmp0 (klass, "tertiary") == 0)
        return KIND_STREET_SECONDARY;
      return KIND_STREET_RESIDENTIAL;
    }
  if (g_strcmp0 (layer_kind, "water") == 0)
    return KIND_WATER;
  if (g_strcmp0 (layer_kind, "green") == 0)
    return KIND_GREEN;
  if (g_strcmp0 (layer_kind, "landmarks") == 0)
    return KIND_LANDMARK;
  if (g_strcmp0 (layer_kind, "boundaries") == 0)
    return KIND_BOUNDARY;
  return KIND_OTHER;
}

static gboolean
add_feature (BbMapFeatures *self,
             const char    *layer_kind,
             JsonObject    *object,
             GError       **error)
{
  JsonObject *geometry = NULL;
  JsonObject *properties = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *type;
  JsonNode *coordinates;
  Feature *feature;
  int depth;

  if (json_object_has_member (object, "geometry")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "geometry")))
    geometry = json_object_get_object_member (object, "geometry");
  if (json_object_has_member (object, "properties")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
    properties = json_object_get_object_member (object, "properties");
  if (geometry == NULL)
    return TRUE;   /* a feature without geometry draws nothing */

  type = bb_json_get_string (geometry, "type", "");
  coordinates = json_object_get_member (geometry, "coordinates");
  if (coordinates == NULL)
    {
      g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                   _("a %s geometry has no coordinates"), type);
      return FALSE;
    }

  feature = g_new0 (Feature, 1);
  feature->kind = feature_kind (layer_kind, properties);
  feature->coords = g_array_new (FALSE, FALSE, sizeof (double));
  feature->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  feature->min_x = feature->min_y = INFINITY;
  feature->max_x = feature->max_y = -INFINITY;
  if (properties != NULL && json_object_has_member (properties, "name"))
    feature->name = g_strdup (bb_json_get_string (properties, "name", NULL));

  if (g_str_equal (type, "Point"))
    {
      JsonArray *wrap = json_array_new ();
      feature->type = GEOM_POINT;
      json_array_add_element (wrap, json_node_copy (coordinates));
      add_positions (feature, wrap, &local_error);
      json_array_unref (wrap);
      depth = -1;
    }
  else if (g_str_equal (type, "MultiPoint"))
    feature->type = GEOM_POINT, depth = 0;
  else if (g_str_equal (type, "LineString"))
    feature->type = GEOM_LINE, depth = 0;
  else if (g_str_equal (type, "MultiLineString"))
    feature->type = GEOM_LINE, depth = 1;
  else if (g_str_equal (type, "Polygon"))
    feature->type = GEOM_POLYGON, depth = 1;
  else if (g_str_equal (type, "MultiPolygon"))
    feature->type = GEOM_POLYGON, depth = 2;
  else
    {
      feature_free (feature);
      g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                   _("“%s” is not a geometry type the map can draw"), type);
      return FALSE;
    }

  if (depth >= 0)
    add_array_of_arrays (feature, coordinates, depth, &local_error);
  if (local_error != NULL)
    {
      feature_free (feature);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (feature->coords->len == 0)
    {
      feature_free (feature);
      return TRUE;
    }
  g_ptr_array_add (self->features, feature);
  return TRUE;
}

static int
compare_features (gconstpointer a,
                  gconstpointer b)
{
  const Feature *fa = *(const Feature * const *) a;
  const Feature *fb = *(const Feature * const *) b;

  return (int) fa->kind - (int) fb->kind;
}

gboolean
bb_map_features_add_geojson (BbMapFeatures *self,
                             const char    *layer_kind,
                             const char    *geojson,
                             const char    *source,
                             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *type;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (geojson != NULL, FALSE);

  if (source == NULL)
    source = layer_kind;

  if (!json_parser_load_from_data (parser, geojson, -1, &local_error))
    {
      g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                   _("The map layer “%s” is not valid GeoJSON: %s"), source, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                   _("The map layer “%s” is not a GeoJSON object"), source);
      return FALSE;
    }
  object = json_node_get_object (root);
  type = bb_json_get_string (object, "type", "");

  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonArray *features;

      if (!json_object_has_member (object, "features")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "features")))
        {
          g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                       _("The map layer “%s” has no list of features"), source);
          return FALSE;
        }
      features = json_object_get_array_member (object, "features");
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonNode *node = json_array_get_element (features, i);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          if (!add_feature (self, layer_kind, json_node_get_object (node), &local_error))
            {
              g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
                           _("Feature %u of the map layer “%s”: %s"), i + 1, source,
                           local_error->message);
              return FALSE;
            }
        }
    }
  else if (g_str_equal (type, "Feature"))
    {
      if (!add_feature (self, layer_kind, object, &local_error))
        goto fail;
    }
  else
    {
      /* A bare geometry, as district boundaries are stored. */
      g_autoptr(JsonObject) wrapper = json_object_new ();

      json_object_set_object_member (wrapper, "geometry", json_object_ref (object));
      if (!add_feature (self, layer_kind, wrapper, &local_error))
        goto fail;
    }

  g_ptr_array_sort (self->features, compare_features);
  return TRUE;

fail:
  g_set_error (error, BB_MAP_PAINTER_ERROR, BB_MAP_PAINTER_ERROR_INVALID,
               _("The map layer “%s”: %s"), source, local_error->message);
  return FALSE;
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Traces the feature's parts as cairo paths in tile pixels. */
static void
trace (cairo_t       *cr,
       const Feature *feature,
       double         scale,
       double         ox,
       double         oy,
       gboolean       close)
{
  const double *c = (const double *) feature->coords->data;
  guint n_points = feature->coords->len / 2;

  for (guint p = 0; p < feature->parts->len; p++)
    {
      guint start = g_array_index (feature->parts, guint, p);
      guint end = p + 1 < feature->parts->len ? g_array_index (feature->parts, guint, p + 1) : n_points;

      for (guint i = start; i < end; i++)
        {
          double x = c[2 * i] * scale - ox;
          double y = c[2 * i + 1] * scale - oy;

          if (i == start)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (close)
        cairo_close_path (cr);
    }
}

typedef struct {
  double   width_m;    /* the street's drawn width on the ground */
  double   min_px;
  int      min_zoom;
  guint32  fill;
  guint32  casing;
} StreetStyle;

static const StreetStyle *
street_style (FeatureKind kind)
{
  static const StreetStyle primary = { 16.0, 1.8, 0, 0xfcd98c, 0xc79a45 };
  static const StreetStyle secondary = { 12.0, 1.2, 11, 0xffffff, 0xb9b0a4 };
  static const StreetStyle residential = { 8.0, 0.7, 13, 0xffffff, 0xc6beb3 };

  switch (kind)
    {
    case KIND_STREET_PRIMARY: return &primary;
    case KIND_STREET_SECONDARY: return &secondary;
    case KIND_STREET_RESIDENTIAL: return &residential;
    default: return NULL;
    }
}

static void
draw_label_along (cairo_t       *cr,
                  PangoLayout   *layout,
                  const Feature *feature,
                  double         scale,
                  double         ox,
                  double         oy,
                  int            tile_size)
{
  const double *c = (const double *) feature->coords->data;
  guint n_points = feature->coords->len / 2;
  double best = 0;
  guint best_i = 0;
  int width, height;
  double x0, y0, x1, y1, angle, len;

  /* The label sits on the longest segment, placed in world coordinates so
   * that neighbouring tiles draw the same label and it joins up. */
  for (guint i = 0; i + 1 < n_points; i++)
    {
      double dx = (c[2 * i + 2] - c[2 * i]) * scale;
      double dy = (c[2 * i + 3] - c[2 * i + 1]) * scale;
      double l = hypot (dx, dy);

      if (l > best)
        best = l, best_i = i;
    }

  pango_layout_set_text (layout, feature->name, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (best < width + 16)
    return;

  x0 = c[2 * best_i] * scale - ox;
  y0 = c[2 * best_i + 1] * scale - oy;
  x1 = c[2 * best_i + 2] * scale - ox;
  y1 = c[2 * best_i + 3] * scale - oy;
  if (x1 < x0)
    {
      double t;
      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
    }
  len = hypot (x1 - x0, y1 - y0);
  if (MAX (x0, x1) < -len || MIN (x0, x1) > tile_size + len
      || MAX (y0, y1) < -len || MIN (y0, y1) > tile_size + len)
    return;
  angle = atan2 (y1 - y0, x1 - x0);

  cairo_save (cr);
  cairo_translate (cr, (x0 + x1) / 2, (y0 + y1) / 2);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -width / 2.0, -height / 2.0);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, -width / 2.0, -height / 2.0);
  set_rgb (cr, 0x3d3a36);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* Draws the area whose top-left corner is at world pixel (@ox, @oy) of a
 * world @scale pixels wide, @width × @height pixels, as zoom @zoom looks. */
static void
draw_view (BbMapFeatures *self,
           cairo_t       *cr,
           double         scale,
           double         ox,
           double         oy,
           double         view_width,
           double         view_height,
           double         zoom)
{
  /* A margin in world units that covers the widest line and the labels. */
  double margin = 128.0 / scale;
  double min_x = ox / scale - margin, max_x = (ox + view_width) / scale + margin;
  double min_y = oy / scale - margin, max_y = (oy + view_height) / scale + margin;
  double centre_lat = atan (sinh (G_PI * (1.0 - 2.0 * (oy + view_height / 2) / scale))) * 180.0 / G_PI;
  double metres_per_px = 40075016.686 * cos (centre_lat * G_PI / 180.0) / scale;
  int tile_size = (int) ceil (MAX (view_width, view_height));
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;

  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view_width, view_height);
  cairo_clip (cr);
  set_rgb (cr, BB_MAP_PAINTER_BACKGROUND);
  cairo_paint (cr);

  if (self == NULL)
    {
      cairo_restore (cr);
      return;
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);

  /* Areas and plain lines, in the order the features were sorted (green,
   * water, boundaries, other). */
  for (guint i = 0; i < self->features->len; i++)
    {
      const Feature *f = g_ptr_array_index (self->features, i);

      if (f->kind >= KIND_STREET_RESIDENTIAL)
        break;
      if (f->max_x < min_x || f->min_x > max_x || f->max_y < min_y || f->min_y > max_y)
        continue;

      if (f->type == GEOM_POLYGON)
        {
          trace (cr, f, scale, ox, oy, TRUE);
          switch (f->kind)
            {
            case KIND_GREEN: set_rgb (cr, BB_MAP_PAINTER_GREEN); break;
            case KIND_WATER: set_rgb (cr, BB_MAP_PAINTER_WATER); break;
            case KIND_BOUNDARY: cairo_set_source_rgba (cr, 0, 0, 0, 0); break;
            default: set_rgb (cr, 0xe4ded4); break;
            }
          cairo_fill_preserve (cr);
          if (f->kind == KIND_BOUNDARY)
            {
              static const double dash[] = { 6.0, 4.0 };
              cairo_set_dash (cr, dash, 2, 0);
              cairo_set_source_rgba (cr, 0.45, 0.35, 0.6, 0.8);
              cairo_set_line_width (cr, 1.2);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }
          else
            cairo_new_path (cr);
        }
      else if (f->type == GEOM_LINE)
        {
          trace (cr, f, scale, ox, oy, FALSE);
          if (f->kind == KIND_WATER)
            {
              set_rgb (cr, BB_MAP_PAINTER_WATER);
              cairo_set_line_width (cr, MAX (1.5, 25.0 / metres_per_px));
            }
          else
            {
              set_rgb (cr, 0xa09a90);
              cairo_set_line_width (cr, 1.0);
            }
          cairo_stroke (cr);
        }
    }

  /* Streets: every casing first, then the fills from minor to major, so
   * that junctions join cleanly and main streets lie on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->features->len; i++)
      {
        const Feature *f = g_ptr_array_index (self->features, i);
        const StreetStyle *style = street_style (f->kind);
        double width;

        if (style == NULL || f->type != GEOM_LINE || zoom < style->min_zoom)
          continue;
        if (f->max_x < min_x || f->min_x > max_x || f->max_y < min_y || f->min_y > max_y)
          continue;

        width = MAX (style->min_px, style->width_m / metres_per_px);
        trace (cr, f, scale, ox, oy, FALSE);
        if (pass == 0)
          {
            if (width < 2.5)
              {
                cairo_new_path (cr);
                continue;
              }
            set_rgb (cr, style->casing);
            cairo_set_line_width (cr, width + 2.0);
          }
        else
          {
            set_rgb (cr, width < 2.5 ? style->casing : style->fill);
            cairo_set_line_width (cr, width);
          }
        cairo_stroke (cr);
      }

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Noto Sans, Sans 8");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  for (guint i = 0; i < self->features->len; i++)
    {
      const Feature *f = g_ptr_array_index (self->features, i);

      if (f->max_x < min_x || f->min_x > max_x || f->max_y < min_y || f->min_y > max_y)
        continue;

      if (f->kind == KIND_LANDMARK && f->type == GEOM_POINT && zoom >= 14)
        {
          const double *c = (const double *) f->coords->data;
          double px = c[0] * scale - ox, py = c[1] * scale - oy;

          /* pango_cairo_show_layout() leaves a current point behind; an arc
           * drawn from it would join the previous label to this landmark
           * with a line. */
          cairo_new_path (cr);
          cairo_arc (cr, px, py, 3.0, 0, 2 * G_PI);
          set_rgb (cr, 0x6b5b4e);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
          if (f->name != NULL && zoom >= 15)
            {
              pango_layout_set_text (layout, f->name, -1);
              cairo_move_to (cr, px + 5, py - 6);
              pango_cairo_layout_path (cr, layout);
              cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
              cairo_set_line_width (cr, 3.0);
              cairo_stroke (cr);
              cairo_move_to (cr, px + 5, py - 6);
              set_rgb (cr, 0x5a4a3e);
              pango_cairo_show_layout (cr, layout);
              cairo_new_path (cr);
            }
        }
      else if (f->type == GEOM_LINE && f->name != NULL
               && ((f->kind == KIND_STREET_PRIMARY && zoom >= 14)
                   || (f->kind == KIND_STREET_SECONDARY && zoom >= 15)
                   || (f->kind == KIND_STREET_RESIDENTIAL && zoom >= 16)))
        draw_label_along (cr, layout, f, scale, ox, oy, tile_size);
    }

  cairo_restore (cr);
}

void
bb_map_painter_draw_tile (BbMapFeatures *self,
                          cairo_t       *cr,
                          int            x,
                          int            y,
                          int            zoom,
                          int            tile_size)
{
  g_return_if_fail (cr != NULL);

  draw_view (self, cr, ldexp ((double) tile_size, zoom), (double) x * tile_size, (double) y * tile_size,
             tile_size, tile_size, zoom);
}

void
bb_map_painter_draw_area (BbMapFeatures *self,
                          cairo_t       *cr,
                          double         world_x,
                          double         world_y,
                          double         scale,
                          double         width,
                          double         height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scale > 0);

  /* The zoom a 256-pixel tile map would show at this scale chooses which
   * streets and labels are drawn. */
  draw_view (self, cr, scale, world_x * scale, world_y * scale, width, height, log2 (scale / 256.0));
}
