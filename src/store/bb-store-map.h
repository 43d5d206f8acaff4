/* bb-store-map.h: what the map reads from the station: districts, map layers, categories, incident points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"

G_BEGIN_DECLS

/* Meta keys the map remembers per station. */
#define BB_STORE_MAP_KEY_BASEMAP         "basemap.kind"     /* "station", "mbtiles", "plain" */
#define BB_STORE_MAP_KEY_BASEMAP_MBTILES "basemap.mbtiles"  /* path of the MBTiles file */

typedef struct {
  char   *id;
  char   *name;
  char   *code;
  char   *boundary;        /* GeoJSON Polygon/MultiPolygon geometry text, or NULL */
  gint64  population;      /* -1 when unknown */
  char   *officer_name;    /* NULL when no officer is assigned */
  char   *officer_rank;
  char   *officer_phone;
} BbMapDistrict;

typedef struct {
  char *name;
  char *kind;              /* streets, water, green, landmarks, boundaries, other */
  char *geojson;           /* a FeatureCollection */
  char *attribution;
} BbMapGeoLayer;

typedef struct {
  char    *id;
  char    *code;
  char    *name;
  char    *kind;
  guint32  colour;         /* 0xRRGGBB */
  int      parent;         /* index of the parent category, or -1 */
} BbMapCategory;

typedef enum {
  BB_MAP_POINT_RESTRICTED = 1 << 0,
} BbMapPointFlags;

/* A point's district, status or source when it has none the map knows. */
#define BB_MAP_POINT_NONE 0xffff

/* One incident with a position, compact enough for a million of them and
 * carrying what the shared incident filter asks about, so that the map
 * filters in memory. */
typedef struct {
  gint64  occurred;        /* seconds since the epoch, UTC */
  gint64  rowid;           /* the incident's rowid, to look its details up */
  double  lon;
  double  lat;
  guint16 category;        /* index into the categories */
  guint16 flags;           /* BbMapPointFlags */
  guint16 district;        /* index into the districts, or BB_MAP_POINT_NONE */
  guint8  status;          /* index into bb_map_point_statuses, or 0xff */
  guint8  source;          /* index into bb_map_point_sources, or 0xff */
} BbMapPoint;

/* The values of the incident's status and source columns, in the order a
 * BbMapPoint indexes them; NULL-terminated. */
extern const char * const bb_map_point_statuses[];
extern const char * const bb_map_point_sources[];

typedef struct {
  gint64  rowid;
  char   *id;
  char   *category_name;
  guint32 colour;
  gint64  occurred;
  char   *address;
  char   *description;
  char   *status;
  gboolean restricted;
} BbMapIncidentSummary;

void       bb_map_district_free        (BbMapDistrict        *district);
void       bb_map_geo_layer_free       (BbMapGeoLayer        *layer);
void       bb_map_category_free        (BbMapCategory        *category);
void       bb_map_incident_summary_free (BbMapIncidentSummary *summary);

/* These run on the thread that owns the store (a worker, or a test). */
GPtrArray *bb_store_map_list_districts  (BbStore     *store,
                                         GError     **error);
GPtrArray *bb_store_map_list_geo_layers (BbStore     *store,
                                         GError     **error);
GPtrArray *bb_store_map_list_categories (BbStore     *store,
                                         GError     **error);
/* Every incident with a position, in an array of BbMapPoint; categories as
 * returned by bb_store_map_list_categories(). */
GArray    *bb_store_map_load_points     (BbStore     *store,
                                         GPtrArray   *categories,
                                         GError     **error);
/* The same, with each point's district as an index into @districts (as
 * returned by bb_store_map_list_districts()), in rowid order. */
GArray    *bb_store_map_load_points_full (BbStore    *store,
                                          GPtrArray  *categories,
                                          GPtrArray  *districts,
                                          GError    **error);
/* The same for the incidents that happened in [@from, @to), reading
 * only those (G_MININT64 to G_MAXINT64: every one). */
GArray    *bb_store_map_load_points_between (BbStore    *store,
                                             GPtrArray  *categories,
                                             GPtrArray  *districts,
                                             gint64      from,
                                             gint64      to,
                                             GError    **error);
/* Summaries of the incidents with these rowids, newest first. */
GPtrArray *bb_store_map_describe_incidents (BbStore      *store,
                                            const gint64 *rowids,
                                            guint         n_rowids,
                                            GError      **error);

char      *bb_store_map_get_setting     (BbStore     *store,
                                         const char  *key);
gboolean   bb_store_map_set_setting     (BbStore     *store,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapDistrict, bb_map_district_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapGeoLayer, bb_map_geo_layer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapCategory, bb_map_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapIncidentSummary, bb_map_incident_summary_free)

G_END_DECLS
