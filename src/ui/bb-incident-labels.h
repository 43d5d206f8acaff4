/* bb-incident-labels.h: the words shown for an incident's codes, and the categories in their two levels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-records.h"

G_BEGIN_DECLS

/* The codes the station stores, in the order they are offered. */
extern const char * const bb_incident_statuses[];
extern const char * const bb_incident_sources[];

/* "Open", "Complaint box", …: translated; the code itself when unknown. */
const char *bb_incident_status_label (const char *status);
const char *bb_incident_source_label (const char *source);

/* The categories (BbCategory, borrowed) with each top-level category
 * followed by its subcategories; subcategories of a missing parent come
 * last. */
GPtrArray  *bb_categories_two_level  (GPtrArray  *categories);
/* "Bicycle theft (Theft)" for a subcategory, the name for the others:
 * the subcategory's own name first, so that typing it finds it. */
char       *bb_category_display_name (BbCategory *category,
                                      GHashTable *by_id);

/* A time of the world (seconds since the epoch) as the station reads it,
 * in local time; without the hour when @time_unknown. */
char       *bb_format_incident_time  (gint64      time,
                                      gboolean    time_unknown);

G_END_DECLS
