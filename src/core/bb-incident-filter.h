/* bb-incident-filter.h: which incidents a view shows; shared by the incidents table and the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bb-geo.h"

G_BEGIN_DECLS

typedef enum {
  BB_RESTRICTED_ANY,       /* restricted and public incidents */
  BB_RESTRICTED_ONLY,      /* restricted incidents only */
  BB_RESTRICTED_EXCLUDE,   /* what may be shown to the public */
} BbRestrictedFilter;

/* Empty lists and unset bounds do not filter.  Times are seconds since the
 * epoch, UTC, compared with the incident's start; the range is
 * [start, end).  A category id selects its subcategories too. */
typedef struct {
  gint64              start;          /* BB_UNSET_TIME: no lower bound */
  gint64              end;            /* BB_UNSET_TIME: no upper bound */
  GStrv               category_ids;
  GStrv               district_ids;
  GStrv               statuses;
  GStrv               sources;
  BbRestrictedFilter  restricted;
  char               *text;           /* words to find in description and address */
  gboolean            has_bbox;
  BbBBox              bbox;           /* incidents with a position inside */
  GStrv               station_ids;    /* the stations that wrote them (headquarters holds several) */
  GArray             *polygon;        /* BbLonLat: inside this ring too (bbox is its box), or NULL */
} BbIncidentFilter;

#define BB_TYPE_INCIDENT_FILTER (bb_incident_filter_get_type ())

GType             bb_incident_filter_get_type (void) G_GNUC_CONST;
BbIncidentFilter *bb_incident_filter_new      (void);
BbIncidentFilter *bb_incident_filter_copy     (const BbIncidentFilter *self);
void              bb_incident_filter_free     (BbIncidentFilter       *self);
gboolean          bb_incident_filter_equal    (const BbIncidentFilter *a,
                                               const BbIncidentFilter *b);
gboolean          bb_incident_filter_validate (const BbIncidentFilter *self,
                                               GError                **error);

void              bb_incident_filter_set_time_range   (BbIncidentFilter   *self,
                                                       gint64              start,
                                                       gint64              end);
void              bb_incident_filter_set_category_ids (BbIncidentFilter   *self,
                                                       const char * const *ids);
void              bb_incident_filter_set_district_ids (BbIncidentFilter   *self,
                                                       const char * const *ids);
void              bb_incident_filter_set_statuses     (BbIncidentFilter   *self,
                                                       const char * const *statuses);
void              bb_incident_filter_set_sources      (BbIncidentFilter   *self,
                                                       const char * const *sources);
void              bb_incident_filter_set_station_ids  (BbIncidentFilter   *self,
                                                       const char * const *ids);
void              bb_incident_filter_set_text         (BbIncidentFilter   *self,
                                                       const char         *text);
void              bb_incident_filter_set_bbox         (BbIncidentFilter   *self,
                                                       const BbBBox       *bbox);
/* Incidents inside the ring @ring of @n_points corners (lon/lat, not
 * closed); sets the bbox to the ring's box.  NULL or fewer than 3 corners
 * clear the ring (not the bbox). */
void              bb_incident_filter_set_polygon      (BbIncidentFilter   *self,
                                                       const BbLonLat     *ring,
                                                       gsize               n_points);
/* Whether (@lon, @lat) is inside the filter's bbox and ring, if it has them. */
gboolean          bb_incident_filter_contains_position (const BbIncidentFilter *self,
                                                        double                  lon,
                                                        double                  lat);

/* Turns words typed by a person into a full-text query: every word must
 * appear (as a word or the start of one); quotes and operators typed by the
 * user are taken literally.  NULL when there is no word. */
char             *bb_incident_filter_text_to_query (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbIncidentFilter, bb_incident_filter_free)

G_END_DECLS
