/* bb-incident-list-model.h: the incidents a filter selects, read from the station a page at a time */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-incident-row.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* Rows per page read from the station. */
#define BB_INCIDENT_LIST_PAGE_SIZE 200

#define BB_TYPE_INCIDENT_LIST_MODEL (bb_incident_list_model_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentListModel, bb_incident_list_model, BB, INCIDENT_LIST_MODEL, GObject)

/* A GListModel of BbIncidentRow.  Its length is the number of incidents
 * the filter selects; a row is a placeholder until its page has been read
 * on the store's worker; only the pages looked at recently are kept. */
BbIncidentListModel *bb_incident_list_model_new         (void);
void                 bb_incident_list_model_set_store   (BbIncidentListModel    *self,
                                                         BbStore                *store);
void                 bb_incident_list_model_set_filter  (BbIncidentListModel    *self,
                                                         const BbIncidentFilter *filter);
void                 bb_incident_list_model_set_sort    (BbIncidentListModel    *self,
                                                         BbIncidentSort          sort,
                                                         gboolean                descending);
BbIncidentSort       bb_incident_list_model_get_sort    (BbIncidentListModel    *self,
                                                         gboolean               *descending);
/* Names and colours shown for ids: hash tables from id to BbCategory and
 * to BbDistrict. */
void                 bb_incident_list_model_set_lookups (BbIncidentListModel    *self,
                                                         GHashTable             *categories,
                                                         GHashTable             *districts);
/* Reads the selection again (after incidents were written). */
void                 bb_incident_list_model_reload      (BbIncidentListModel    *self);
/* TRUE from a change until its count and first page are there. */
gboolean             bb_incident_list_model_get_loading (BbIncidentListModel    *self);
/* The last error reading the station, or NULL. */
const GError        *bb_incident_list_model_get_error   (BbIncidentListModel    *self);
/* How many pages are held now (for tests of the memory bound). */
guint                bb_incident_list_model_get_n_resident_pages (BbIncidentListModel *self);

G_END_DECLS
