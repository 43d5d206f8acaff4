/* bb-map-selection.h: an area selected on the map (a rectangle or a polygon) and the incidents inside it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-geo.h"
#include "bb-incident-filter.h"
#include "bb-records.h"

G_BEGIN_DECLS

typedef struct {
  BbBBox  box;     /* the rectangle, or the polygon's bounding box */
  GArray *ring;    /* BbLonLat: the polygon's corners (not closed), or NULL for a rectangle */
} BbMapSelection;

BbMapSelection *bb_map_selection_new_box     (const BbBBox         *box);
/* NULL when @ring has fewer than 3 corners or encloses nothing. */
BbMapSelection *bb_map_selection_new_polygon (const BbLonLat       *ring,
                                              gsize                 n_points);
BbMapSelection *bb_map_selection_copy        (const BbMapSelection *self);
void            bb_map_selection_free        (BbMapSelection       *self);

gboolean        bb_map_selection_is_polygon  (const BbMapSelection *self);
/* Inside the rectangle, or inside the polygon itself (not only its box). */
gboolean        bb_map_selection_contains    (const BbMapSelection *self,
                                              double                lon,
                                              double                lat);
/* Of the points (BbMapPoint) with indices @selected (guint; NULL: all),
 * those inside; counts[top[category]] grows by one for each when @counts
 * is given.  Returns how many are inside. */
guint           bb_map_selection_count       (const BbMapSelection *self,
                                              GArray               *points,
                                              GArray               *selected,
                                              const guint16        *top,
                                              guint                *counts);
/* Limits @filter to the selection (its box, and its ring for a polygon). */
void            bb_map_selection_apply       (const BbMapSelection *self,
                                              BbIncidentFilter     *filter);
/* The selection as a GeoJSON Polygon, for a problem's area. */
char           *bb_map_selection_to_geojson  (const BbMapSelection *self);
/* The centre of the selection's box. */
void            bb_map_selection_get_centre  (const BbMapSelection *self,
                                              double               *lon,
                                              double               *lat);

/* A problem in the Scanning stage for the @total incidents selected: the
 * selection as its area, the filter's period, a title and a statement in
 * plain words; @what names the incidents (NULL: all). */
BbProblem      *bb_map_selection_problem_new (const BbMapSelection   *self,
                                              const BbIncidentFilter *filter,
                                              const char             *what,
                                              guint                   total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapSelection, bb_map_selection_free)

G_END_DECLS
