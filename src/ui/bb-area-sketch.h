/* bb-area-sketch.h: a small map of a problem's district, its area and its incidents, on which a new area is drawn */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-geo.h"

G_BEGIN_DECLS

#define BB_TYPE_AREA_SKETCH (bb_area_sketch_get_type ())
G_DECLARE_FINAL_TYPE (BbAreaSketch, bb_area_sketch, BB, AREA_SKETCH, GtkWidget)

/* The sketch draws the district's boundary, the area and the incidents
 * with no base map (it needs no tiles and no network).  A drag on it
 * draws a rectangle and emits ::area-drawn with the rectangle's
 * GeoJSON Polygon (lon/lat); the caller decides what it becomes. */
GtkWidget  *bb_area_sketch_new          (void);
/* GeoJSON Polygon or MultiPolygon geometries, or NULL; FALSE when the
 * text is not one (nothing is drawn for it). */
gboolean    bb_area_sketch_set_district (BbAreaSketch *self,
                                         const char   *geometry);
gboolean    bb_area_sketch_set_area     (BbAreaSketch *self,
                                         const char   *geometry);
/* Incidents' positions: @lonlat holds 2 · @n values (lon, lat, …). */
void        bb_area_sketch_set_points   (BbAreaSketch *self,
                                         const double *lonlat,
                                         guint         n);
/* What the sketch shows: the district's box, else the area's, else the
 * points'; FALSE when it has nothing to show. */
gboolean    bb_area_sketch_get_extent   (BbAreaSketch *self,
                                         BbBBox       *extent);
/* As a drag from (@x0, @y0) to (@x1, @y1) in the widget does (for tests). */
void        bb_area_sketch_draw_rectangle (BbAreaSketch *self,
                                           double        x0,
                                           double        y0,
                                           double        x1,
                                           double        y1);

G_END_DECLS
