/* bb-heat-layer.c: the kernel density surface drawn over the map as a colour ramp in incidents per km² */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-heat-layer"

#include "config.h"

#include <math.h>

#include "bb-heat-layer.h"

#define DEFAULT_OPACITY 0.8
#define RAMP_STEPS      1024

struct _BbHeatLayer
{
  BbOverlayLayer   parent_instance;

  BbMapAnalysis   *analysis;
  double           scale_max;    /* as asked; 0 for the surface's own */
  double           top;          /* the value at the top of the ramp */
  double           fill_opacity;
  cairo_surface_t *image;        /* one pixel per cell, north up */
};

G_DEFINE_FINAL_TYPE (BbHeatLayer, bb_heat_layer, BB_TYPE_OVERLAY_LAYER)

enum {
  PROP_0,
  PROP_FILL_OPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  double t, r, g, b;
} Stop;

/* ColorBrewer YlOrRd, 5 classes. */
static const Stop stops[] = {
  { 0.00, 0xff / 255.0, 0xff / 255.0, 0xb2 / 255.0 },
  { 0.25, 0xfe / 255.0, 0xcc / 255.0, 0x5c / 255.0 },
  { 0.50, 0xfd / 255.0, 0x8d / 255.0, 0x3c / 255.0 },
  { 0.75, 0xf0 / 255.0, 0x3b / 255.0, 0x20 / 255.0 },
  { 1.00, 0xbd / 255.0, 0x00 / 255.0, 0x26 / 255.0 },
};

void
bb_heat_ramp_colour (double  t,
                     double *r,
                     double *g,
                     double *b,
                     double *a)
{
  guint i;
  double u, fade;

  if (!(t > 0))
    t = 0;
  t = MIN (t, 1.0);
  for (i = 1; i < G_N_ELEMENTS (stops) - 1 && t > stops[i].t; i++)
    ;
  u = (t - stops[i - 1].t) / (stops[i].t - stops[i - 1].t);
  *r = stops[i - 1].r + u * (stops[i].r - stops[i - 1].r);
  *g = stops[i - 1].g + u * (stops[i].g - stops[i - 1].g);
  *b = stops[i - 1].b + u * (stops[i].b - stops[i - 1].b);
  /* The lowest few per cent fade out, so that the surface has an edge
   * rather than a yellow wash over the whole town. */
  fade = CLAMP ((t - 0.01) / 0.07, 0.0, 1.0);
  fade = fade * fade * (3 - 2 * fade);
  *a = fade * (0.45 + 0.55 * MIN (t / 0.6, 1.0));
}

double
bb_heat_ramp_position (double value,
                       double top)
{
  if (!(top > 0) || !(value > 0))
    return 0;
  return MIN (sqrt (value / top), 1.0);
}

double
bb_heat_ramp_value (double position,
                    double top)
{
  position = CLAMP (position, 0, 1);
  return position * position * MAX (top, 0);
}

static void
rebuild_image (BbHeatLayer *self)
{
  const BbGrid *grid;
  guint32 ramp[RAMP_STEPS];
  guint32 *pixels;
  double scale;
  int stride;

  g_clear_pointer (&self->image, cairo_surface_destroy);
  if (self->analysis == NULL || (grid = self->analysis->heat) == NULL)
    return;

  self->top = self->scale_max > 0 ? self->scale_max : self->analysis->heat_max;
  if (!(self->top > 0))
    return;
  /* The ramp in RAMP_STEPS premultiplied pixels, so that a cell costs a
   * square root and a look-up. */
  for (guint i = 0; i < RAMP_STEPS; i++)
    {
      double r, g, b, a;

      bb_heat_ramp_colour (i / (RAMP_STEPS - 1.0), &r, &g, &b, &a);
      ramp[i] = ((guint32) lround (a * 255) << 24) | ((guint32) lround (r * a * 255) << 16)
                | ((guint32) lround (g * a * 255) << 8) | (guint32) lround (b * a * 255);
    }
  scale = 1.0 / self->top;
  self->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, grid->n_cols, grid->n_rows);
  stride = cairo_image_surface_get_stride (self->image) / 4;
  pixels = (guint32 *) cairo_image_surface_get_data (self->image);
  for (guint row = 0; row < grid->n_rows; row++)
    {
      guint32 *line = pixels + (gsize) (grid->n_rows - 1 - row) * stride;
      const float *values = grid->values + (gsize) row * grid->n_cols;

      for (guint col = 0; col < grid->n_cols; col++)
        {
          /* As bb_heat_ramp_position(), inline. */
          double v = values[col] * scale;
          guint i = v > 0 ? (guint) (sqrtf ((float) MIN (v, 1.0)) * (RAMP_STEPS - 1) + 0.5f) : 0;

          line[col] = ramp[i];
        }
    }
  cairo_surface_mark_dirty (self->image);
}

static gboolean
has_content (BbOverlayLayer *layer)
{
  BbHeatLayer *self = BB_HEAT_LAYER (layer);

  return self->image != NULL && self->fill_opacity > 0;
}

static void
paint (BbOverlayLayer       *layer,
       cairo_t              *cr,
       const BbOverlayFrame *f,
       int                   width,
       int                   height)
{
  BbHeatLayer *self = BB_HEAT_LAYER (layer);
  const BbGrid *grid;
  cairo_pattern_t *pattern;
  double west, south, east, north, x0, y0, x1, y1;

  grid = self->analysis->heat;

  /* The grid's corners on the map; across a town the local projection and
   * Web Mercator differ by far less than a cell, so one affine map does. */
  bb_local_projection_inverse (&grid->projection, grid->x0, grid->y0, &west, &south);
  bb_local_projection_inverse (&grid->projection, grid->x0 + grid->n_cols * grid->cell_size,
                               grid->y0 + grid->n_rows * grid->cell_size, &east, &north);
  bb_overlay_frame_to_pixel (f, west, north, &x0, &y0);
  bb_overlay_frame_to_pixel (f, east, south, &x1, &y1);
  if (x1 < 0 || y1 < 0 || x0 > width || y0 > height)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, (x1 - x0) / grid->n_cols, (y1 - y0) / grid->n_rows);
  cairo_set_source_surface (cr, self->image, 0, 0);
  pattern = cairo_get_source (cr);
  /* Cells larger than a pixel are smoothed between their centres; smaller
   * ones are averaged. */
  cairo_pattern_set_filter (pattern, (x1 - x0) / grid->n_cols >= 1 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, 0, 0, grid->n_cols, grid->n_rows);
  cairo_clip (cr);
  cairo_paint_with_alpha (cr, self->fill_opacity);
  cairo_restore (cr);
}

void
bb_heat_layer_paint (BbHeatLayer *self,
                     cairo_t     *cr,
                     int          width,
                     int          height)
{
  g_return_if_fail (BB_IS_HEAT_LAYER (self));
  bb_overlay_layer_paint (BB_OVERLAY_LAYER (self), cr, width, height);
}

static void
bb_heat_layer_finalize (GObject *object)
{
  BbHeatLayer *self = BB_HEAT_LAYER (object);

  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);

  G_OBJECT_CLASS (bb_heat_layer_parent_class)->finalize (object);
}

static void
bb_heat_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BbHeatLayer *self = BB_HEAT_LAYER (object);

  switch (prop_id)
    {
    case PROP_FILL_OPACITY:
      g_value_set_double (value, self->fill_opacity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_heat_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BbHeatLayer *self = BB_HEAT_LAYER (object);

  switch (prop_id)
    {
    case PROP_FILL_OPACITY:
      bb_heat_layer_set_fill_opacity (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_heat_layer_class_init (BbHeatLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  BbOverlayLayerClass *overlay_class = BB_OVERLAY_LAYER_CLASS (klass);

  object_class->finalize = bb_heat_layer_finalize;
  object_class->get_property = bb_heat_layer_get_property;
  object_class->set_property = bb_heat_layer_set_property;
  overlay_class->has_content = has_content;
  overlay_class->paint = paint;

  /* How opaque the surface is at its highest, 0…1; the layer's own, so
   * that the cached image carries it and a frame stays one blit. */
  properties[PROP_FILL_OPACITY] =
    g_param_spec_double ("fill-opacity", NULL, NULL, 0, 1, DEFAULT_OPACITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_heat_layer_init (BbHeatLayer *self)
{
  self->fill_opacity = DEFAULT_OPACITY;
}

BbHeatLayer *
bb_heat_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_HEAT_LAYER, "viewport", viewport, NULL);
}

void
bb_heat_layer_set_analysis (BbHeatLayer   *self,
                            BbMapAnalysis *analysis,
                            double         scale_max)
{
  g_return_if_fail (BB_IS_HEAT_LAYER (self));

  if (analysis != NULL)
    bb_map_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  self->analysis = analysis;
  self->scale_max = MAX (scale_max, 0);
  self->top = 0;
  rebuild_image (self);
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
}

BbMapAnalysis *
bb_heat_layer_get_analysis (BbHeatLayer *self)
{
  g_return_val_if_fail (BB_IS_HEAT_LAYER (self), NULL);
  return self->analysis;
}

/* The value at the top of the ramp as drawn; 0 with nothing drawn. */
double
bb_heat_layer_get_scale_max (BbHeatLayer *self)
{
  g_return_val_if_fail (BB_IS_HEAT_LAYER (self), 0);
  return self->image != NULL ? self->top : 0;
}

double
bb_heat_layer_get_fill_opacity (BbHeatLayer *self)
{
  g_return_val_if_fail (BB_IS_HEAT_LAYER (self), 0);
  return self->fill_opacity;
}

void
bb_heat_layer_set_fill_opacity (BbHeatLayer *self,
                                double       opacity)
{
  g_return_if_fail (BB_IS_HEAT_LAYER (self));

  opacity = CLAMP (opacity, 0, 1);
  if (self->fill_opacity == opacity)
    return;
  self->fill_opacity = opacity;
  bb_overlay_layer_redraw (BB_OVERLAY_LAYER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILL_OPACITY]);
}
