/* bb-incidents-page.h: the Incidents page: the station's incidents and concerns */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENTS_PAGE (bb_incidents_page_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentsPage, bb_incidents_page, BB, INCIDENTS_PAGE, AdwBin)

BbStore       *bb_incidents_page_get_store       (BbIncidentsPage *self);
void           bb_incidents_page_set_store       (BbIncidentsPage *self,
                                                  BbStore         *store);
AdwStatusPage *bb_incidents_page_get_status_page (BbIncidentsPage *self);

G_END_DECLS
