/* bb-incident-row.h: one line of the incidents table, filled in when its page arrives */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bb-records.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENT_ROW (bb_incident_row_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentRow, bb_incident_row, BB, INCIDENT_ROW, GObject)

BbIncidentRow    *bb_incident_row_new                 (guint              position);
guint             bb_incident_row_get_position        (BbIncidentRow     *self);
/* NULL while the row's page is being read. */
const BbIncident *bb_incident_row_get_incident        (BbIncidentRow     *self);
const char       *bb_incident_row_get_category_name   (BbIncidentRow     *self);
const char       *bb_incident_row_get_category_colour (BbIncidentRow     *self);
const char       *bb_incident_row_get_district_name   (BbIncidentRow     *self);
/* Takes @incident; notifies "incident". */
void              bb_incident_row_set_incident        (BbIncidentRow     *self,
                                                       BbIncident        *incident,
                                                       const char        *category_name,
                                                       const char        *category_colour,
                                                       const char        *district_name);

G_END_DECLS
