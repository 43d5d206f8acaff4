/* bb-hotspot-problem.h: a SARA problem opened from a hot spot or an area selected on the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-incident-filter.h"
#include "bb-map-analysis.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* 99, 95 or 90 for bins ±3, ±2, ±1; 0 for 0. */
int        bb_hotspot_confidence             (int                     bin);
/* "< 0.001" or the p-value to three decimals, as a reader quotes it. */
char      *bb_hotspot_format_p               (double                  p);

/* The filter's period in words: "from 1 January 2026 to 31 March 2026",
 * "since …", "until …" or "of all time". */
char      *bb_hotspot_describe_period        (const BbIncidentFilter *filter);

/* The names of the filter's categories ("Burglary", "Burglary, Theft"),
 * from @categories (BbMapCategory); NULL when it has none (all). */
char      *bb_hotspot_describe_categories    (const BbIncidentFilter *filter,
                                              GPtrArray              *categories);

/* The spot's cells as a GeoJSON MultiPolygon of squares in lon/lat, so
 * that the problem's incidents are exactly those of the spot's cells. */
char      *bb_hotspot_area_geojson           (BbMapAnalysis          *analysis,
                                              guint                   spot_id);

/* A problem in the Scanning stage for hot spot @spot_id: its cells as
 * the area, the filter's period, a title and a plain-language statement
 * with the spot's statistics; @what names the incidents (NULL: all).
 * NULL when there is no such hot spot (cold spots are not problems). */
BbProblem *bb_hotspot_problem_new            (BbMapAnalysis          *analysis,
                                              guint                   spot_id,
                                              const BbIncidentFilter *filter,
                                              const char             *what);

/* A problem in the Scanning stage for district @index when Gi* by district
 * finds it a hot spot: the whole district (no area of its own), the
 * filter's period, its statistics in the statement.  NULL when it is not
 * a hot spot. */
BbProblem *bb_hotspot_problem_new_for_district (BbMapAnalysis          *analysis,
                                                guint                   index,
                                                const BbIncidentFilter *filter,
                                                const char             *what,
                                                const char             *district_id,
                                                const char             *district_name);

/* The rectangle @area as a GeoJSON Polygon in lon/lat. */
char      *bb_area_geojson                   (const BbBBox           *area);

/* Appends to @statement that the map's filter limited the incidents
 * further than the problem's categories, period and area do, when it did;
 * @area_is_filter: the filter's rectangle is the problem's area itself. */
void       bb_hotspot_append_filter_note     (GString                *statement,
                                              const BbIncidentFilter *filter,
                                              gboolean                area_is_filter);

/* Stores @problem (copied) with the filter's @category_ids in one
 * transaction; unless the problem names its district, in the district
 * holding @lon, @lat (named in its title).  The new problem's id on
 * success. */
void       bb_hotspot_problem_create_async   (BbStore                *store,
                                              const BbProblem        *problem,
                                              const char * const     *category_ids,
                                              double                  lon,
                                              double                  lat,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
char      *bb_hotspot_problem_create_finish  (BbStore                *store,
                                              GAsyncResult           *result,
                                              GError                **error);

G_END_DECLS
