/* bb-near-repeat.h: the Knox near-repeat test of the incidents the map shows, off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-grid.h"
#include "bb-knox.h"

G_BEGIN_DECLS

/* More incidents than this make the test slow (its work grows with the
 * pairs of incidents close together); the filter can narrow them. */
#define BB_NEAR_REPEAT_MAX_EVENTS 50000
/* The seed of the permutations: the same incidents, the same answer. */
#define BB_NEAR_REPEAT_SEED 1

/* "100, 200, 400" (commas, semicolons or spaces between) into limits,
 * positive and increasing; @error names what is wrong. */
gboolean      bb_near_repeat_parse_bands    (const char     *text,
                                             gboolean        spatial,
                                             GArray        **limits,
                                             GError        **error);

/* The test on the positions (metres in a local projection) and times
 * (days) of @points (BbMapPoint) at the indices in @selected (guint; NULL
 * for all). */
BbKnoxResult *bb_near_repeat_compute        (GArray         *points,
                                             GArray         *selected,
                                             GArray         *spatial_limits,
                                             GArray         *temporal_limits,
                                             guint           permutations,
                                             GCancellable   *cancellable,
                                             GError        **error);
void          bb_near_repeat_compute_async  (GArray         *points,
                                             GArray         *selected,
                                             GArray         *spatial_limits,
                                             GArray         *temporal_limits,
                                             guint           permutations,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
BbKnoxResult *bb_near_repeat_compute_finish (GAsyncResult   *result,
                                             GError        **error);

/* The band pair a reader should hear about: of the bands closed on both
 * sides (not "beyond the last limit"), the significant excess with the
 * highest ratio; FALSE when there is none. */
gboolean      bb_near_repeat_strongest      (const BbKnoxResult *result,
                                             guint              *s,
                                             guint              *t);

G_END_DECLS
