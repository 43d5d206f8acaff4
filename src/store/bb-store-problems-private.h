/* bb-store-problems-private.h: which incidents belong to a problem, for the store's files that count them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-geo.h"
#include "bb-store-private.h"

G_BEGIN_DECLS

/* A ring in metres of the area's local projection, x y x y … */
typedef GArray ProjectedRing;

/* What decides whether an incident belongs to a problem. */
typedef struct {
  BbProblem         *problem;      /* NULL for a selection without a problem */
  char              *district_id;  /* …then its district, NULL: the station */
  GHashTable        *categories;   /* allowed category ids; NULL: all */
  GHashTable        *included;     /* incident ids added by hand; may be NULL */
  GHashTable        *excluded;     /* incident ids kept out by hand; may be NULL */
  char              *stations;     /* only incidents these stations wrote, a JSON array; NULL: all */
  GPtrArray         *polygons;     /* of GPtrArray of GArray of BbLonLat; NULL: no area */
  GPtrArray         *projected;    /* every ring of every polygon, ProjectedRing */
  BbBBox             bbox;
  BbLocalProjection  proj;
} BbMembership;

/* The problem's record, categories, area and choices made by hand. */
BbMembership *bb_membership_load           (BbStore             *self,
                                            const char          *problem_id,
                                            GError             **error);
void          bb_membership_free           (BbMembership        *m);
/* Only these categories and their subcategories (NULL or empty: all). */
gboolean      bb_membership_set_categories (BbMembership        *m,
                                            BbStore             *self,
                                            const char * const  *category_ids,
                                            GError             **error);
gboolean      bb_membership_in_area        (const BbMembership  *m,
                                            double               lon,
                                            double               lat);
/* Metres from a position outside the area to the area's nearest edge. */
double        bb_membership_distance       (const BbMembership  *m,
                                            double               lon,
                                            double               lat);
gboolean      bb_membership_category_allowed (const BbMembership *m,
                                              const char         *category_id);

typedef void (*BbMembershipFunc) (const char *incident_id,
                                  gint64      occurred_start,
                                  gpointer    user_data);

/* Calls @func for every incident in [@start, @end) selected by the area
 * (the district without one) and the categories, leaving out those kept
 * out by hand and those added by hand (the caller adds those), and the
 * restricted ones when @public_only, and those of stations other than
 * m->stations when it is set.  Nothing for a problem without an area and
 * categories. */
gboolean      bb_membership_foreach        (BbStore             *self,
                                            const BbMembership  *m,
                                            gint64               start,
                                            gint64               end,
                                            gboolean             public_only,
                                            BbMembershipFunc     func,
                                            gpointer             user_data,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMembership, bb_membership_free)

G_END_DECLS
