/* bb-map-view.h: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "bb-filter-state.h"
#include "bb-geo.h"
#include "bb-map-analyst.h"
#include "bb-store.h"
#include "bb-trend-analyst.h"

G_BEGIN_DECLS

#define BB_TYPE_MAP_VIEW (bb_map_view_get_type ())
G_DECLARE_FINAL_TYPE (BbMapView, bb_map_view, BB, MAP_VIEW, AdwBin)

BbStore    *bb_map_view_get_store   (BbMapView *self);
void        bb_map_view_set_store   (BbMapView *self,
                                     BbStore   *store);
void           bb_map_view_set_filter (BbMapView     *self,
                                       BbFilterState *filter);
BbFilterState *bb_map_view_get_filter (BbMapView     *self);

/* The area selected on the map, if there is one. */
gboolean    bb_map_view_get_area      (BbMapView    *self,
                                       BbBBox       *area);
/* Shows the base map @kind ("station", "mbtiles", "online", "plain"), even
 * if it is shown already (its settings changed), and remembers it. */
void        bb_map_view_show_basemap  (BbMapView    *self,
                                       const char   *kind);
/* Makes the MBTiles file at @path the station's tile file and shows it. */
gboolean    bb_map_view_use_mbtiles   (BbMapView    *self,
                                       const char   *path,
                                       GError      **error);

/* The bytes the online tile server's disk cache may take (Preferences). */
guint64     bb_map_view_tile_cache_limit (void);

/* For tests and benchmarks: the map, whether the station's data is shown,
 * how many incidents are drawn, and whether a text search is under way. */
ShumateMap *bb_map_view_get_map       (BbMapView *self);
gboolean    bb_map_view_is_loaded     (BbMapView *self);
guint       bb_map_view_get_n_drawn   (BbMapView *self);
gboolean    bb_map_view_is_searching  (BbMapView *self);
BbMapAnalyst *bb_map_view_get_analyst (BbMapView *self);
BbTrendAnalyst *bb_map_view_get_trend_analyst (BbMapView *self);
/* The keys (BbMapKey) of the analysis layers shown, as printed. */
GPtrArray  *bb_map_view_build_keys    (BbMapView    *self);
/* The map as shown with those keys beside it, as PDF, PNG or SVG (by
 * the name of @path): a sheet that reads on its own. */
gboolean    bb_map_view_save_map      (BbMapView    *self,
                                       const char   *path,
                                       GError      **error);
/* The picture of the map that sheet prints: base map and layers at the
 * map's size, none of the controls drawn over it; NULL before it is shown. */
cairo_surface_t *bb_map_view_map_image (BbMapView   *self);
/* Selects @area as a drag would; returns the drawn incidents inside it by
 * top-level category id (values are GUINT_TO_POINTER counts). */
GHashTable *bb_map_view_select_area   (BbMapView    *self,
                                       const BbBBox *area,
                                       guint        *total);
/* While drawing a polygon (the action map.select-polygon), adds a corner
 * where a click at widget position (@x, @y) of the map would. */
void        bb_map_view_add_corner    (BbMapView    *self,
                                       double        x,
                                       double        y);
/* The incidents drawn inside the area selected now (rectangle or
 * polygon), as bb_map_view_select_area() counts them. */
GHashTable *bb_map_view_get_area_counts (BbMapView  *self,
                                         guint      *total);
/* What a click at widget position (@x, @y) shows: TRUE when it found
 * incidents or a district, whose popover opens once they are read. */
gboolean    bb_map_view_click         (BbMapView    *self,
                                       double        x,
                                       double        y);
/* What resting the pointer there shows (without the wait): the
 * incidents only, a restricted one's description left out. */
gboolean    bb_map_view_hover         (BbMapView    *self,
                                       double        x,
                                       double        y);
GtkPopover *bb_map_view_get_popover   (BbMapView    *self);
/* The time slider under the map (the action map.timeline): while shown,
 * the map draws one week of the filtered incidents. */
gboolean    bb_map_view_get_timeline_shown (BbMapView *self);
void        bb_map_view_set_timeline_shown (BbMapView *self,
                                            gboolean   shown);
gboolean    bb_map_view_is_playing    (BbMapView    *self);
/* The week shown, from 0 for the filtered period's first. */
guint       bb_map_view_get_week      (BbMapView    *self);
void        bb_map_view_set_week      (BbMapView    *self,
                                       guint         week);
/* The week shown, [start, end) in seconds; FALSE when none is. */
gboolean    bb_map_view_get_week_range (BbMapView   *self,
                                        gint64      *start,
                                        gint64      *end);
/* Whether the area is a polygon; its corners (BbLonLat) if so. */
gboolean    bb_map_view_get_polygon   (BbMapView    *self,
                                       GArray      **corners);

/* Edits the boundary of the district @district_id with the polygon tools
 * (Enter saves it, Escape gives up); FALSE when the map does not show
 * the district.  The "boundary-saved" signal tells the district's id
 * once the station holds the new boundary. */
gboolean    bb_map_view_edit_boundary (BbMapView    *self,
                                       const char   *district_id);
gboolean    bb_map_view_is_editing_boundary (BbMapView *self);
/* A district of several parts is edited one part at a time: the part
 * @part is edited from now on (the one left keeps its changes); FALSE
 * when there is no such part. */
gboolean    bb_map_view_boundary_choose_part (BbMapView *self,
                                              guint      part);
/* The part edited, and how many there are (0: none yet, being drawn). */
guint       bb_map_view_boundary_get_part    (BbMapView *self,
                                              guint     *n_parts);
/* The corner chosen (Delete removes it), or −1. */
int         bb_map_view_boundary_get_chosen_corner (BbMapView *self);

G_END_DECLS
