/* bb-map-painter.h: draws the station's own map layers into 256-pixel Web Mercator tiles with cairo */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define BB_MAP_PAINTER_ERROR (bb_map_painter_error_quark ())

typedef enum {
  BB_MAP_PAINTER_ERROR_INVALID,   /* not GeoJSON, or not a geometry the map can draw */
} BbMapPainterError;

GQuark bb_map_painter_error_quark (void);

/* The base map's background, 0xRRGGBB. */
#define BB_MAP_PAINTER_BACKGROUND 0xf2efe9
#define BB_MAP_PAINTER_WATER      0xaad3df
#define BB_MAP_PAINTER_GREEN      0xcde6b8

/* Parsed features in Web Mercator world coordinates (0..1), immutable once
 * filled and shared between the tile workers. */
typedef struct _BbMapFeatures BbMapFeatures;

BbMapFeatures *bb_map_features_new          (void);
BbMapFeatures *bb_map_features_ref          (BbMapFeatures *features);
void           bb_map_features_unref        (BbMapFeatures *features);
/* @layer_kind is the geo layer's kind: streets, water, green, landmarks,
 * boundaries or other.  @source names the layer in errors. */
gboolean       bb_map_features_add_geojson  (BbMapFeatures *features,
                                             const char    *layer_kind,
                                             const char    *geojson,
                                             const char    *source,
                                             GError       **error);
guint          bb_map_features_get_count    (BbMapFeatures *features);

/* Draws tile (@x, @y) of zoom @zoom onto @cr, whose origin is the tile's
 * top-left corner, @tile_size pixels square. */
void           bb_map_painter_draw_tile     (BbMapFeatures *features,
                                             cairo_t       *cr,
                                             int            x,
                                             int            y,
                                             int            zoom,
                                             int            tile_size);

/* Draws any area, for maps on paper: its top-left corner at world
 * coordinates (@world_x, @world_y), @scale units of @cr per world width,
 * onto [0, @width] × [0, @height] of @cr.  Streets and labels are those a
 * tile map shows at the matching zoom. */
void           bb_map_painter_draw_area     (BbMapFeatures *features,
                                             cairo_t       *cr,
                                             double         world_x,
                                             double         world_y,
                                             double         scale,
                                             double         width,
                                             double         height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapFeatures, bb_map_features_unref)

G_END_DECLS
