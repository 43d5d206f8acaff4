/* bb-demo-station.h: writes the deterministic demo town into a station file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64 seed;          /* same seed, same station */
  guint   n_incidents;   /* 0 means the default (about 24,000 over two years) */
  gint64  end_time;      /* seconds since the epoch (UTC); the data ends here; 0 = a fixed date */
} BbDemoOptions;

void      bb_demo_options_init_default (BbDemoOptions        *options);

/* Creates a new station file at @path holding the demo town.  Fails with
 * BB_STORE_ERROR_EXISTS if the file exists.  @progress, when given, is
 * called from the calling thread with a fraction between 0 and 1. */
BbStore  *bb_demo_station_create       (const char           *path,
                                        const BbDemoOptions  *options,
                                        void                (*progress) (double fraction, gpointer data),
                                        gpointer              progress_data,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_END_DECLS
