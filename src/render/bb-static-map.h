/* bb-static-map.h: maps on paper: the station's base layers, districts and counts aggregated to squares, with legend, scale bar and attribution */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "bb-geo.h"
#include "bb-grid.h"
#include "bb-map-key.h"
#include "bb-map-painter.h"
#include "bb-print-document.h"

G_BEGIN_DECLS

/* A static map draws itself into any box of a page: the area it must show
 * is fitted into the box (the map grows to the box's proportions).  It
 * holds no incident, only what the caller aggregated. */
/* One square as drawn: its centre and its count. */
typedef struct {
  double lon, lat;
  double count;
} BbStaticMapCell;

/* The number of shades counts are sorted into. */
#define BB_STATIC_MAP_N_CLASSES 4

BbStaticMap *bb_static_map_new            (const BbBBox     *area);
/* A map is shared by reference (a template's content and the page that
 * draws it); _free drops one. */
BbStaticMap *bb_static_map_ref            (BbStaticMap      *self);
void         bb_static_map_free           (BbStaticMap      *self);
/* The station's own layers (kept with a reference), and where they come
 * from, printed in the corner. */
void         bb_static_map_set_base       (BbStaticMap      *self,
                                           BbMapFeatures    *features,
                                           const char       *attribution);
/* A district boundary (GeoJSON Polygon or MultiPolygon geometry) and its
 * name; a highlighted district is drawn stronger and the others paler.
 * FALSE when the geometry cannot be read (the district is left out). */
gboolean     bb_static_map_add_district   (BbStaticMap      *self,
                                           const char       *name,
                                           const char       *boundary,
                                           gboolean          highlight);
/* Counts per square (the grid must have a projection), shaded in
 * @color; squares counting less than @min_count are never drawn, whatever
 * the caller left in them.  @legend_title heads the legend, and @more is
 * the format of the top class's label ("%s or more", translated). */
void         bb_static_map_set_cells      (BbStaticMap      *self,
                                           const BbGrid     *counts,
                                           guint             min_count,
                                           const BbColor    *color,
                                           const char       *legend_title,
                                           const char       *more_format);
/* The squares that will be drawn (of BbStaticMapCell), for checks. */
GArray      *bb_static_map_dup_cells      (BbStaticMap      *self);
/* The upper bound of each class but the last (so N_CLASSES − 1 values). */
void         bb_static_map_get_breaks     (BbStaticMap      *self,
                                           double           *breaks);

/* A heat map instead of the squares: @density in incidents per km² (its
 * grid must have a projection), drawn on the heat map's ramp from 0 to
 * its highest value; the key is titled @title and its ramp labelled with
 * @labels (0, the middle of the ramp, its top: three strings). */
void         bb_static_map_set_heat       (BbStaticMap      *self,
                                           const BbGrid     *density,
                                           const char       *title,
                                           char * const     *labels);
/* The heat map drawn (NULL without one), and the top of its scale (its
 * highest density; 0 without one), for checks. */
const BbGrid *bb_static_map_get_heat      (BbStaticMap      *self);
double       bb_static_map_get_heat_top   (BbStaticMap      *self);
/* The period and the method under the key, in a line or two: how the
 * figures were counted, so that a reader can judge them. */
void         bb_static_map_set_key_note   (BbStaticMap      *self,
                                           const char       *note);
/* The key drawn under the map: the legend's title, a swatch and a label
 * (the counts it spans) for each shade, and the note.  NULL without
 * squares to show. */
BbMapKey    *bb_static_map_build_key      (BbStaticMap      *self);

void         bb_static_map_draw           (BbStaticMap      *self,
                                           cairo_t          *cr,
                                           PangoContext     *context,
                                           double            x,
                                           double            y,
                                           double            width,
                                           double            height);

/* A scale bar of a round length in the bottom-left corner of a map
 * @width × @height points drawn at @metres_per_unit, and where the map's
 * data come from in its bottom-right corner: on paper, whatever drew the
 * map. */
void         bb_static_map_draw_scale_bar   (cairo_t          *cr,
                                             PangoContext     *context,
                                             double            metres_per_unit,
                                             double            width,
                                             double            height);
void         bb_static_map_draw_attribution (cairo_t          *cr,
                                             PangoContext     *context,
                                             const char       *attribution,
                                             double            width,
                                             double            height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStaticMap, bb_static_map_free)

G_END_DECLS
