/* bb-station-summary.h: how much a station holds, for the views' empty states */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"

G_BEGIN_DECLS

typedef struct {
  char    *station_name;
  gboolean is_demo;
  gint64   incidents;
  gint64   problems;
  gint64   plans;
  gint64   events;
  gint64   districts;
  gint64   officers;
  gint64   partners;
  gint64   surveys;
  gint64   survey_responses;
  gint64   documents;
} BbStationSummary;

BbStationSummary *bb_station_summary_load (BbStore  *store,
                                           GError  **error);
void              bb_station_summary_free (BbStationSummary *summary);

/* A count with the locale's digit grouping, e.g. "24,031". */
char             *bb_format_count         (gint64 count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStationSummary, bb_station_summary_free)

G_END_DECLS
