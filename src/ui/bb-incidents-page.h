/* bb-incidents-page.h: the Incidents page: the station's incidents and concerns as a table */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-incident-list-model.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENTS_PAGE (bb_incidents_page_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentsPage, bb_incidents_page, BB, INCIDENTS_PAGE, AdwBin)

BbStore             *bb_incidents_page_get_store        (BbIncidentsPage *self);
void                 bb_incidents_page_set_store        (BbIncidentsPage *self,
                                                         BbStore         *store);
/* The filter the page shows; shared with the map. */
BbFilterState       *bb_incidents_page_get_filter       (BbIncidentsPage *self);
void                 bb_incidents_page_set_filter       (BbIncidentsPage *self,
                                                         BbFilterState   *filter);
AdwStatusPage       *bb_incidents_page_get_status_page  (BbIncidentsPage *self);
BbIncidentListModel *bb_incidents_page_get_model        (BbIncidentsPage *self);
GtkColumnView       *bb_incidents_page_get_column_view  (BbIncidentsPage *self);
/* "1,204 of 24,000 incidents" */
const char          *bb_incidents_page_get_count_text   (BbIncidentsPage *self);
/* TRUE while the station's lists, the total or the rows are read. */
gboolean             bb_incidents_page_is_busy          (BbIncidentsPage *self);
/* Opens the editor for a new incident; returns it (owned by the page's
 * window). */
GtkWindow           *bb_incidents_page_new_incident     (BbIncidentsPage *self);
void                 bb_incidents_page_open_incident    (BbIncidentsPage *self,
                                                         const char      *id);
/* Opens the import dialog on a file (the Import button asks for one). */
GtkWindow           *bb_incidents_page_import_file      (BbIncidentsPage *self,
                                                         const char      *path);

G_END_DECLS
