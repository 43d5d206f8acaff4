/* bb-store-directory.h: the directory's views of the station: a district's page, partners' work, contacts, boundaries */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-contacts.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* Everything a district's page gathers. */
typedef struct {
  BbDistrict *district;
  BbOfficer  *officer;           /* the officer assigned to it, or NULL */
  GPtrArray  *co_owners;         /* BbOfficer who take it on beside their own (officer_area) */
  GPtrArray  *partners;          /* BbPartner of the district */
  GPtrArray  *members;           /* BbAdvisoryMember of its advisory group, the chair first */
  GPtrArray  *member_names;      /* char *: each member's name */
  GPtrArray  *open_problems;     /* BbProblem not closed */
  gint64      incidents_28_days; /* incidents of the last 28 days */
  GPtrArray  *recent_incidents;  /* BbIncident, the newest first, up to 8 */
  GPtrArray  *next_meetings;     /* BbCalendarItem: events from @now, up to 6 */
} BbDistrictProfile;

void               bb_district_profile_free  (BbDistrictProfile *self);
BbDistrictProfile *bb_store_district_profile (BbStore     *store,
                                              const char  *district_id,
                                              gint64       now,
                                              GError     **error);

/* The titles of the problems a partner works on and of the plans with a
 * task assigned to them; either may be NULL for none. */
gboolean  bb_store_partner_work       (BbStore     *store,
                                       const char  *partner_id,
                                       GStrv       *problems,
                                       GStrv       *plans,
                                       GError     **error);

/* "Joint ownership": replaces the districts and target groups an officer
 * takes on beside the district they serve, in one transaction. */
gboolean  bb_store_officer_set_areas  (BbStore            *store,
                                       const char         *officer_id,
                                       const char * const *district_ids,
                                       const char * const *target_groups,
                                       GError            **error);

/* Every officer and partner as a contact card, officers first. */
GPtrArray *bb_store_directory_contacts (BbStore     *store,
                                        GError     **error);

typedef enum {
  BB_CONTACTS_VCARD,
  BB_CONTACTS_CSV,
} BbContactsFormat;

/* Writes the directory's contacts to @path; the audit log records the
 * export, since it holds personal data. */
gboolean  bb_store_directory_export   (BbStore          *store,
                                       const char       *path,
                                       BbContactsFormat  format,
                                       GError          **error);

/* What reading district boundaries from a GeoJSON file did. */
typedef struct {
  guint      n_features;
  guint      updated;          /* boundaries of districts the station had */
  guint      added;            /* districts new to the station */
  guint      skipped;          /* features without a polygon or a name */
  GPtrArray *notes;            /* char *, one a skipped feature */
} BbBoundaryImport;

void              bb_boundary_import_free (BbBoundaryImport *self);
/* Polygons and multipolygons of a GeoJSON FeatureCollection (WGS84), each
 * matched to a district by its code or name property ("code", "name",
 * and the usual spellings), in one transaction; incidents whose district
 * follows from their position move with the new boundaries. */
BbBoundaryImport *bb_store_districts_import_geojson (BbStore     *store,
                                                     const char  *path,
                                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbDistrictProfile, bb_district_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBoundaryImport, bb_boundary_import_free)

G_END_DECLS
