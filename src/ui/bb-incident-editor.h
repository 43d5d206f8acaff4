/* bb-incident-editor.h: the window that records a new incident or changes one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-place-picker.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_INCIDENT_EDITOR (bb_incident_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbIncidentEditor, bb_incident_editor, BB, INCIDENT_EDITOR, AdwWindow)

/* @categories and @districts (BbCategory, BbDistrict) are what can be
 * chosen; @incident is the one to change, NULL for a new one.  Emits
 * ::saved with the incident as stored, then closes. */
BbIncidentEditor *bb_incident_editor_new          (GtkWindow        *parent,
                                                   BbStore          *store,
                                                   GPtrArray        *categories,
                                                   GPtrArray        *districts,
                                                   const BbIncident *incident);
/* For keyboard-free callers (tests, scripted intake): what a person
 * would choose and type.  @field is one of "date", "time", "end",
 * "reported", "latitude", "longitude", "address", "description". */
void              bb_incident_editor_set_category (BbIncidentEditor *self,
                                                   const char       *category_id);
void              bb_incident_editor_set_text     (BbIncidentEditor *self,
                                                   const char       *field,
                                                   const char       *text);
/* Why the incident cannot be saved as it is, or "". */
const char       *bb_incident_editor_get_error    (BbIncidentEditor *self);
/* What deserves a second look (a date in the future, a place outside the
 * station's districts), or "". */
const char       *bb_incident_editor_get_warning  (BbIncidentEditor *self);
gboolean          bb_incident_editor_is_saving    (BbIncidentEditor *self);
/* What is typed in "latitude" or "longitude". */
const char       *bb_incident_editor_get_text     (BbIncidentEditor *self,
                                                   const char       *field);
/* The small map the place is picked on. */
BbPlacePicker    *bb_incident_editor_get_place_picker (BbIncidentEditor *self);

G_END_DECLS
