/* bb-map-filter.h: the shared incident filter applied to the map's points in memory */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-incident-filter.h"
#include "bb-store-map.h"

G_BEGIN_DECLS

/* Whether @filter searches text, which only the store can answer (its
 * full-text index), or asks for some stations' incidents; everything else
 * is decided from the points alone. */
gboolean bb_map_filter_has_text      (const BbIncidentFilter *filter);
/* What of @filter the store answers (its words and stations), as a key
 * that changes when that part changes (NULL when there is none), and as a
 * filter of its own. */
char             *bb_map_filter_store_key  (const BbIncidentFilter *filter);
BbIncidentFilter *bb_map_filter_store_part (const BbIncidentFilter *filter);

/* The indices (guint) of the @points (BbMapPoint) that @filter selects.
 * @categories and @districts are the lists the points index.  When the
 * filter searches text, @text_rowids holds the rowids that match the text
 * alone, sorted ascending; the points must be in rowid order. */
GArray  *bb_map_filter_select        (const BbIncidentFilter *filter,
                                      GArray                 *points,
                                      GPtrArray              *categories,
                                      GPtrArray              *districts,
                                      GArray                 *text_rowids);

/* For each category, the index of its top-level category (itself when it
 * has no parent); the caller frees it. */
guint16 *bb_map_categories_top_level (GPtrArray              *categories);

G_END_DECLS
