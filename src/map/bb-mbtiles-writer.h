/* bb-mbtiles-writer.h: writes raster tiles into a new MBTiles file, whole or not at all */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _BbMbtilesWriter BbMbtilesWriter;

/* Starts a new tile set that will be @path once committed; until then it
 * is written to a hidden file beside it, named so that it reads as
 * incomplete. Fails if @path already exists. */
BbMbtilesWriter *bb_mbtiles_writer_new           (const char       *path,
                                                  GError          **error);
const char      *bb_mbtiles_writer_get_path      (BbMbtilesWriter  *writer);
const char      *bb_mbtiles_writer_get_temp_path (BbMbtilesWriter  *writer);
/* @y counts rows from the top (XYZ); the file stores them from the bottom (TMS). */
gboolean         bb_mbtiles_writer_add_tile      (BbMbtilesWriter  *writer,
                                                  int               zoom,
                                                  int               x,
                                                  int               y,
                                                  GBytes           *data,
                                                  GError          **error);
gboolean         bb_mbtiles_writer_set_metadata  (BbMbtilesWriter  *writer,
                                                  const char       *name,
                                                  const char       *value,
                                                  GError          **error);
guint            bb_mbtiles_writer_get_n_tiles   (BbMbtilesWriter  *writer);
/* Finishes the file and gives it its name. */
gboolean         bb_mbtiles_writer_commit        (BbMbtilesWriter  *writer,
                                                  GError          **error);
/* Removes the unfinished file unless it was committed. */
void             bb_mbtiles_writer_free          (BbMbtilesWriter  *writer);

/* "png", "jpg" or "webp" from the image's first bytes, or NULL. */
const char      *bb_mbtiles_format_of_tile       (GBytes           *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMbtilesWriter, bb_mbtiles_writer_free)

G_END_DECLS
