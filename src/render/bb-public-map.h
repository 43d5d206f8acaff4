/* bb-public-map.h: a map safe to publish: public incidents only, counted per square, small counts left blank */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-publish.h"
#include "bb-static-map.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* The size of the squares incidents are counted in on public maps. */
#define BB_PUBLIC_MAP_DEFAULT_CELL_M 250.0

typedef struct {
  const char      *district_id;     /* NULL: the whole station */
  gint64           from, to;        /* incidents that happened in [from, to) */
  double           cell_m;          /* ≤ 0: BB_PUBLIC_MAP_DEFAULT_CELL_M */
  BbPublishPolicy  policy;
  const char      *language;        /* of the legend and the notes */
  const char      *legend_title;    /* NULL: "Incidents per 250 m square" */
  const char      *period;          /* [from, to) as the document names it, for the key; may be NULL */
  gboolean         no_cells;        /* districts and streets only: an officer's patch */
  gboolean         heat;            /* a heat map (incidents per km²) of the squares instead of the squares */
  const char * const *station_ids;  /* only the incidents these stations wrote; NULL: all */
} BbPublicMapOptions;

void         bb_public_map_options_init (BbPublicMapOptions       *options);

/* The station's map layers and district boundaries (the chosen district
 * highlighted and framed), with the public incidents of the period counted
 * per square.  Restricted incidents and incidents without a position are
 * never counted; squares with fewer than policy.min_count incidents are
 * left blank, and @withheld (may be NULL) is told how many and why. */
/* The heat map of a public map smooths what the squares publish, and
 * nothing else: each square's count (blank squares count nothing) spread
 * over its fifths, then a quartic kernel as wide as two squares. */
#define BB_PUBLIC_MAP_HEAT_SUBDIVISIONS 5
#define BB_PUBLIC_MAP_HEAT_BANDWIDTH_SQUARES 2.0

BbStaticMap *bb_public_map_new          (BbStore                  *store,
                                         const BbPublicMapOptions *options,
                                         BbWithheld               *withheld,
                                         GError                  **error);

G_END_DECLS
