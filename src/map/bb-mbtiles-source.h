/* bb-mbtiles-source.h: a tile source that reads raster tiles from an MBTiles file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define BB_MBTILES_ERROR (bb_mbtiles_error_quark ())

typedef enum {
  BB_MBTILES_ERROR_OPEN,         /* the file cannot be opened */
  BB_MBTILES_ERROR_NOT_MBTILES,  /* a file, but not an MBTiles tile set */
  BB_MBTILES_ERROR_FORMAT,       /* vector tiles or an image format the map cannot show */
} BbMbtilesError;

GQuark bb_mbtiles_error_quark (void);

#define BB_TYPE_MBTILES_SOURCE (bb_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (BbMbtilesSource, bb_mbtiles_source, BB, MBTILES_SOURCE, ShumateDataSource)

BbMbtilesSource *bb_mbtiles_source_new             (const char      *path,
                                                    GError         **error);
const char      *bb_mbtiles_source_get_path        (BbMbtilesSource *self);
const char      *bb_mbtiles_source_get_name        (BbMbtilesSource *self);
const char      *bb_mbtiles_source_get_attribution (BbMbtilesSource *self);
guint            bb_mbtiles_source_get_min_zoom    (BbMbtilesSource *self);
guint            bb_mbtiles_source_get_max_zoom    (BbMbtilesSource *self);
/* Tile (@x, @y) of @zoom (XYZ numbering) as stored, checked to be an
 * image the map can draw; the tile workers call this. */
GBytes          *bb_mbtiles_source_read_tile       (BbMbtilesSource *self,
                                                    int              x,
                                                    int              y,
                                                    int              zoom,
                                                    GError         **error);
/* TRUE when a tile's bytes start as a PNG, JPEG or WebP image; vector
 * tiles and anything else get an error naming @path. */
gboolean         bb_mbtiles_tile_check             (const guint8    *data,
                                                    gsize            size,
                                                    const char      *path,
                                                    GError         **error);

G_END_DECLS
