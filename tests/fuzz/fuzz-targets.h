/* fuzz-targets.h: what the fuzzers and the mutation test feed hostile bytes to: each reader of files from outside */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* Each takes any bytes, returns 0, and must neither crash, hang, leak
 * nor trip a sanitizer.  The store ones work on one station made by
 * bb_fuzz_init() in a folder of its own. */
typedef int (*BbFuzzTarget) (const guint8 *data,
                             gsize         size);

void bb_fuzz_init            (void);
/* The folder bb_fuzz_init() made, for the inputs written as files. */
const char *bb_fuzz_get_dir  (void);
/* A district and a round of the default survey in @store; the round's id. */
char *bb_fuzz_add_survey     (BbStore *store);

int  bb_fuzz_csv             (const guint8 *data, gsize size); /* the CSV reader and its guesses */
int  bb_fuzz_import_csv      (const guint8 *data, gsize size); /* an incident import of a CSV file, dry run */
int  bb_fuzz_import_geojson  (const guint8 *data, gsize size); /* an incident import of a GeoJSON file, dry run */
int  bb_fuzz_ical            (const guint8 *data, gsize size); /* the iCalendar import */
int  bb_fuzz_geojson_layer   (const guint8 *data, gsize size); /* a GeoJSON map layer, parsed and drawn */
/* An MBTiles file: "key=value" lines of metadata, an empty line, then
 * the bytes of tile 0/0/0, opened, read and decoded as the map does. */
int  bb_fuzz_mbtiles         (const guint8 *data, gsize size);
int  bb_fuzz_survey_import   (const guint8 *data, gsize size); /* a KoBo/ODK export of survey responses, dry run */
/* A bundle: its first byte chooses a file as it is (even) or a header, a
 * NUL and an uncompressed changeset, sealed as a real bundle (odd); read
 * and applied as a dry run. */
int  bb_fuzz_bundle          (const guint8 *data, gsize size);
/* The bundle file bb_fuzz_bundle() makes of an input (NULL for none), in
 * bb_fuzz_get_dir(). */
char *bb_fuzz_bundle_file    (const guint8 *data, gsize size);

typedef struct {
  const char   *name;       /* also the folder of its corpus under tests/fuzz/corpus */
  BbFuzzTarget  func;
} BbFuzzTargetInfo;

extern const BbFuzzTargetInfo bb_fuzz_targets[];
extern const guint bb_fuzz_n_targets;

G_END_DECLS
