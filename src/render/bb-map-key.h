/* bb-map-key.h: the keys (legends) of the map's analysis layers, one description for the window and for paper */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bb-grid.h"
#include "bb-trend.h"

G_BEGIN_DECLS

/* The colours of the trend layer: a change by its level (noise is not
 * drawn) and emerging hot and cold spots by pattern; red for more, blue
 * for fewer, as the hot-spot bins. */
guint32   bb_map_key_change_rgb    (BbChangeLevel      level);
guint32   bb_map_key_emerging_rgb  (BbEmergingPattern  pattern);

/* The heat map's colours on paper, @t from 0 (nothing: transparent) to
 * 1 (the top of the scale): ColorBrewer's YlOrRd, as the window's heat
 * layer, which reads in order in print and for most colour-blind
 * readers.  Densities lie on it by the square root of their share of the
 * top, as in the window. */
void      bb_map_key_heat_colour   (double            t,
                                    double           *r,
                                    double           *g,
                                    double           *b,
                                    double           *a);

/* A density grid (@top at the top of the ramp) in those colours, a pixel
 * a cell, north up, premultiplied as cairo wants it. */
cairo_surface_t *bb_map_key_heat_image (const BbGrid *grid,
                                        double        top);

typedef struct {
  guint32  rgb;     /* 0xRRGGBB */
  double   alpha;   /* as the layer draws it */
  char    *label;
} BbMapKeyItem;

/* A key: a title, and either classes (a swatch and a label each) or a
 * colour ramp (its stops, evenly spaced, labelled under the bar). */
typedef struct {
  char     *title;
  gboolean  ramp;
  GArray   *items;    /* BbMapKeyItem */
  char     *note;     /* how it was made, in a line or two; may be NULL */
} BbMapKey;

BbMapKey *bb_map_key_new           (const char      *title,
                                    gboolean         ramp);
void      bb_map_key_free          (BbMapKey        *key);
void      bb_map_key_add           (BbMapKey        *key,
                                    guint32          rgb,
                                    double           alpha,
                                    const char      *label);
void      bb_map_key_set_note      (BbMapKey        *key,
                                    const char      *note);

/* Draws @key in a column @width points wide with its top-left corner at
 * (@x, @y); returns the height it took. */
double    bb_map_key_draw          (const BbMapKey  *key,
                                    cairo_t         *cr,
                                    PangoContext    *context,
                                    double           x,
                                    double           y,
                                    double           width);

/* Draws @key across a strip @width points wide under a map: the title,
 * then each swatch and its label on the same line and on as many more as
 * they need (a ramp: its bar, labelled under it), then the note in small
 * type over the whole width.  Returns the height it takes; with @cr NULL it only
 * measures. */
double    bb_map_key_draw_row      (const BbMapKey  *key,
                                    cairo_t         *cr,
                                    PangoContext    *context,
                                    double           x,
                                    double           y,
                                    double           width);

/* A sheet that reads on its own: @title and @subtitle above, the map
 * (@map, an image of it as shown, with no on-screen controls) on the left
 * with a scale bar (when @metres_per_pixel > 0) and @attribution in its
 * corners, and @keys (BbMapKey) beside it, on A4 landscape; PDF, PNG or
 * SVG by the name of @path.  Written whole or not at all. */
gboolean  bb_map_key_write_sheet   (const char      *path,
                                    cairo_surface_t *map,
                                    double           metres_per_pixel,
                                    const char      *attribution,
                                    GPtrArray       *keys,
                                    const char      *title,
                                    const char      *subtitle,
                                    GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapKey, bb_map_key_free)

G_END_DECLS
