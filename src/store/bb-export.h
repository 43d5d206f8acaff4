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
