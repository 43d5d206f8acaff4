/* bb-crs.h: coordinates in a projected system brought to WGS84 longitude/latitude with PROJ */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_CRS_ERROR (bb_crs_error_quark ())

typedef enum {
  BB_CRS_ERROR_UNKNOWN,     /* a system PROJ does not know */
} BbCrsError;

GQuark bb_crs_error_quark (void);

typedef struct _BbCrsTransform BbCrsTransform;

/* A transformation from @source (e.g. "EPSG:27700",
 * "urn:ogc:def:crs:EPSG::3857", "32635") to WGS84 with longitude first.
 * Each transformation has its own PROJ context: use one per thread. */
BbCrsTransform *bb_crs_transform_new   (const char      *source,
                                        GError         **error);
void            bb_crs_transform_free  (BbCrsTransform  *self);
/* The source's EPSG code, or 0 for WGS84 itself. */
int             bb_crs_transform_get_epsg (BbCrsTransform *self);
/* FALSE when the point cannot be transformed (outside the system's area). */
gboolean        bb_crs_transform_point (BbCrsTransform  *self,
                                        double           x,
                                        double           y,
                                        double          *lon,
                                        double          *lat);

/* The EPSG code named by @text ("EPSG:27700", "epsg:27700", "27700",
 * "urn:ogc:def:crs:EPSG::27700", "urn:ogc:def:crs:OGC:1.3:CRS84" → 4326),
 * or 0 when it names none. */
int             bb_crs_parse_epsg      (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbCrsTransform, bb_crs_transform_free)

G_END_DECLS
