/* bb-import-run-private.h: one import's state while it reads and writes, shared by its rows and their fields */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-crs.h"
#include "bb-import-private.h"
#include "bb-store-private.h"

G_BEGIN_DECLS

typedef struct {
  BbImport        *self;
  BbStore         *store;
  BbImportReport  *report;
  BbImportSource  *source;
  gboolean         geojson;
  BbCrsTransform  *transform;
  GTimeZone       *tz;
  int              col[BB_IMPORT_N_FIELDS];
  GPtrArray       *districts;      /* the districts' shapes */
  BbImportPipe    *pipe;           /* the reading thread's, while it reads */
  BbImportBulk    *bulk;
  sqlite3_stmt    *find_fingerprint;
  GHashTable      *fingerprints;   /* content hash → times seen in this file */
  GHashTable      *unmapped;       /* category value → rows */
  gint64           now_us;
  guint64          uuid_ms;
  guint64          uuid_seq;
  guint64          uuid_tail;
  GString         *scratch;
} BbImportRun;

typedef enum {
  BB_IMPORT_ROW_POSITION_OK,
  BB_IMPORT_ROW_POSITION_NONE,     /* imported without one, or skipped, as chosen */
  BB_IMPORT_ROW_POSITION_BAD,      /* the row is skipped */
} BbImportRowPosition;

/* "incidents.csv, line 12, column “Latitude”: @detail" (a feature and a
 * property for GeoJSON); @column -1 names the row alone. */
char               *bb_import_run_row_message   (BbImportRun    *run,
                                                 guint64         line,
                                                 int             column,
                                                 const char     *detail);
/* The row's issue, sent to the writer: @skipped, or imported with it. */
void                bb_import_run_row_issue     (BbImportRun    *run,
                                                 guint64         line,
                                                 int             column,
                                                 gboolean        skipped,
                                                 const char     *detail);
void                bb_import_run_row_issuef    (BbImportRun    *run,
                                                 guint64         line,
                                                 int             column,
                                                 gboolean        skipped,
                                                 const char     *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
/* The current row's value of @field, NULL when no column holds it. */
const char         *bb_import_run_value_of      (BbImportRun    *run,
                                                 BbImportField   field);
/* The incident's times; FALSE (the issue sent) when the row is skipped. */
gboolean            bb_import_run_read_when     (BbImportRun    *run,
                                                 guint64         line,
                                                 BbIncident     *incident);
/* The row's position in WGS84, from its columns or its GeoJSON point and
 * through the file's projection; NONE with @why for a row that has none,
 * BAD (the issue sent) for one that cannot be read. */
BbImportRowPosition bb_import_run_read_position (BbImportRun    *run,
                                                 guint64         line,
                                                 double         *lon,
                                                 double         *lat,
                                                 const char    **why);

G_END_DECLS
