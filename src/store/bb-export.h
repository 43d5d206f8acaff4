/* bb-export.h: incidents written out as CSV or GeoJSON for other tools and other stations */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-import.h"
#include "bb-incident-filter.h"
#include "bb-store.h"

G_BEGIN_DECLS

typedef enum {
  BB_EXPORT_FORMAT_CSV,       /* the columns Beatbook's import recognises */
  BB_EXPORT_FORMAT_GEOJSON,   /* RFC 7946 point features, WGS84 */
} BbExportFormat;

/* The format a file name asks for (".csv", ".geojson", ".json"). */
gboolean  bb_export_format_for_path (const char       *path,
                                     BbExportFormat   *format);

/* Writes the incidents @filter selects (NULL: all), or only those with
 * the row numbers in @rowids (a GArray of gint64, e.g. the selection of
 * the incidents table) when it is not NULL, in the order of their time.
 * The file is written beside @path and renamed over it at the end, so a
 * failed or cancelled export leaves what was there.  Restricted incidents
 * are written when the filter lets them through; their "restricted"
 * column says so.  Incidents without a position are GeoJSON features with
 * a null geometry. */
gboolean  bb_export_incidents       (BbStore                *store,
                                     const BbIncidentFilter *filter,
                                     GArray                 *rowids,
                                     BbExportFormat          format,
                                     const char             *path,
                                     GCancellable           *cancellable,
                                     BbImportProgressFunc    progress,
                                     gpointer                progress_data,
                                     guint64                *n_written,
                                     GError                **error);
/* The side of the public grid that public exports snap positions to
 * (about 250 m): a position shows its cell, not a doorstep. */
#define BB_EXPORT_PUBLIC_CELL_DEGREES 0.0025

/* A file for the public (a press office, an open-data portal): never a
 * restricted incident, whatever @filter or @rowids let through
 * (*@n_withheld counts them); no identifier, address, description,
 * source, time of day or exact position (the centre of its cell of the
 * public grid).  Columns: date, category, lon, lat, district, status.
 * Every export, internal or public, is recorded in the audit log (who,
 * when, how many, where); an export that cannot be recorded is not made. */
gboolean  bb_export_public_incidents (BbStore                *store,
                                      const BbIncidentFilter *filter,
                                      GArray                 *rowids,
                                      BbExportFormat          format,
                                      const char             *path,
                                      GCancellable           *cancellable,
                                      guint64                *n_written,
                                      guint64                *n_withheld,
                                      GError                **error);
/* The same on a thread; the result is the number written. */
void      bb_export_incidents_async (BbStore                *store,
                                     const BbIncidentFilter *filter,
                                     GArray                 *rowids,
                                     BbExportFormat          format,
                                     const char             *path,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean  bb_export_incidents_finish (BbStore               *store,
                                      GAsyncResult          *result,
                                      guint64               *n_written,
                                      GError               **error);

G_END_DECLS
