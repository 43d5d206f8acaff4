/* bb-demo-station.h: writes the deterministic demo town into a station file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_DEMO_DEFAULT_SEED        G_GUINT64_CONSTANT (20240611)
#define BB_DEMO_DEFAULT_N_INCIDENTS 24000
#define BB_DEMO_DEFAULT_END_TIME    G_GINT64_CONSTANT (1790812800) /* 2026-10-01T00:00:00Z */

typedef struct {
  guint64 seed;          /* same seed, same station */
  guint   n_incidents;   /* 0 means the default (about 24,000 over two years) */
  gint64  end_time;      /* seconds since the epoch (UTC); the data ends here; 0 = a fixed date */
} BbDemoOptions;

typedef void (*BbDemoProgressFunc) (double   fraction,
                                    gpointer data);

void      bb_demo_options_init_default (BbDemoOptions        *options);

/* Creates a new station file at @path holding the demo town.  Fails with
 * BB_STORE_ERROR_EXISTS if the file exists.  @progress, when given, is
 * called from the calling thread with a fraction between 0 and 1.
 * Cancelled or failed, it leaves no file behind. */
BbStore  *bb_demo_station_create       (const char           *path,
                                        const BbDemoOptions  *options,
                                        void                (*progress) (double fraction, gpointer data),
                                        gpointer              progress_data,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* Writes the same incidents the station would hold as a CSV file laid out
 * like a police system's export (id, date-time in UTC, category code,
 * lon, lat, address, description), for import tests and benchmarks.
 * Restricted incidents are included, as an internal export would. */
gboolean  bb_demo_incidents_write_csv  (const char           *path,
                                        const BbDemoOptions  *options,
                                        void                (*progress) (double fraction, gpointer data),
                                        gpointer              progress_data,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_END_DECLS
