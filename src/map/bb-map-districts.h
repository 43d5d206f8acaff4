/* bb-map-districts.h: the station's districts as units of a hot-spot analysis: their shapes and which share a border */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-geo.h"
#include "bb-gistar.h"

G_BEGIN_DECLS

/* Two districts are neighbours when a corner of one lies within this many
 * metres of the other's boundary: boundaries drawn by hand rarely meet
 * exactly, and a street's width between two districts still makes them
 * neighbours. */
#define BB_MAP_DISTRICTS_TOUCH_M 25.0

typedef struct {
  guint         n;
  GPtrArray    *rings;       /* per district: GPtrArray of GArray of BbLonLat (outer rings) */
  BbBBox       *boxes;       /* per district */
  BbNeighbours *neighbours;  /* districts sharing a border */
} BbMapDistricts;

/* From the districts' outer rings, as BbMapData holds them (kept). */
BbMapDistricts *bb_map_districts_new   (GPtrArray       *rings);
BbMapDistricts *bb_map_districts_ref   (BbMapDistricts  *districts);
void            bb_map_districts_unref (BbMapDistricts  *districts);

/* The district holding a position, or −1. */
int             bb_map_districts_find  (BbMapDistricts  *districts,
                                        double           lon,
                                        double           lat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapDistricts, bb_map_districts_unref)

G_END_DECLS
