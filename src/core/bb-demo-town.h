/* bb-demo-town.h: the fictional demo town: districts, streets, river, parks, landmarks and its incidents */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-geo.h"
#include "bb-random.h"

G_BEGIN_DECLS

/* Everything here is fictional and fully determined by the seed: the same
 * seed gives the same town and the same incidents on every machine. */

#define BB_DEMO_TOWN_N_DISTRICTS 12

typedef enum {
  BB_DEMO_STREET_PRIMARY,
  BB_DEMO_STREET_SECONDARY,
  BB_DEMO_STREET_RESIDENTIAL,
} BbDemoStreetClass;

typedef enum {
  BB_DEMO_HOT_SPOT_MARKET,
  BB_DEMO_HOT_SPOT_BUS_STATION,
  BB_DEMO_HOT_SPOT_BAR_STREET,
  BB_DEMO_HOT_SPOT_PARK,
  BB_DEMO_HOT_SPOT_ESTATE,
  BB_DEMO_HOT_SPOT_RIVERBANK,  /* emerges in the last months */
  BB_DEMO_N_HOT_SPOTS
} BbDemoHotSpotKind;

typedef struct {
  char     *name;
  char     *code;
  guint     population;
  BbLonLat *ring;           /* closed (first == last), counter-clockwise */
  guint     n_ring;
  BbBBox    bbox;
  double    centre_lon, centre_lat;
  char     *officer_name;
  char     *officer_rank;
  char     *officer_phone;
  char     *officer_email;
} BbDemoDistrict;

typedef struct {
  char              *name;
  BbDemoStreetClass  street_class;
  gboolean           bridge;
  BbLonLat          *points;
  guint              n_points;
} BbDemoStreet;

typedef struct {
  char     *name;
  const char *kind;         /* school, hospital, police, market, bus_station, town_hall, … */
  double    lon, lat;
  int       district;
} BbDemoLandmark;

typedef struct {
  char     *name;
  BbLonLat *ring;           /* closed, counter-clockwise */
  guint     n_ring;
} BbDemoArea;

typedef struct {
  const char *name;
  double      lon, lat;
  double      radius_m;     /* about one standard deviation of the cluster */
  int         district;
  /* Activity relative to the rest of the period: before @change_at the
   * hot spot runs at @factor_before, after it at @factor_after (a
   * response that worked, or a hot spot that emerged). */
  gint64      change_at;
  double      factor_before;
  double      factor_after;
} BbDemoHotSpot;

typedef struct {
  char              *name;         /* "Kodrabardhë" */
  double             centre_lon, centre_lat;
  const char        *timezone;
  BbBBox             bbox;         /* the town outline's box */
  BbLocalProjection  projection;
  gint64             end_time;     /* seconds since the epoch: the data ends here */
  gint64             start_time;   /* two years before end_time */

  BbDemoDistrict     districts[BB_DEMO_TOWN_N_DISTRICTS];
  BbLonLat          *outline;      /* the union of the districts, closed */
  guint              n_outline;
  GPtrArray         *streets;      /* BbDemoStreet */
  BbLonLat          *river_line;   /* centre line, west to east */
  guint              n_river_line;
  BbDemoArea         river;        /* water polygon */
  GPtrArray         *parks;        /* BbDemoArea */
  GPtrArray         *landmarks;    /* BbDemoLandmark */
  BbDemoHotSpot      hot_spots[BB_DEMO_N_HOT_SPOTS];

  /*< private >*/
  gpointer           priv;
} BbDemoTown;

BbDemoTown *bb_demo_town_new           (guint64            seed,
                                        gint64             end_time);
void        bb_demo_town_free          (BbDemoTown        *town);

/* The district whose polygon holds the point, or -1. */
int         bb_demo_town_district_at   (const BbDemoTown  *town,
                                        double             lon,
                                        double             lat);
/* A street address (street name and house number) near the point. */
void        bb_demo_town_address_at    (const BbDemoTown  *town,
                                        double             lon,
                                        double             lat,
                                        char              *out,
                                        gsize              out_size);

/* RFC 7946 text: one Polygon geometry, and FeatureCollections. */
char       *bb_demo_town_district_geometry  (const BbDemoTown *town,
                                             guint             district);
char       *bb_demo_town_area_geometry      (const BbDemoArea *area);
char       *bb_demo_town_streets_geojson    (const BbDemoTown *town);
char       *bb_demo_town_water_geojson      (const BbDemoTown *town);
char       *bb_demo_town_green_geojson      (const BbDemoTown *town);
char       *bb_demo_town_landmarks_geojson  (const BbDemoTown *town);
/* A rough circle (closed, counter-clockwise) around a point. */
BbLonLat   *bb_demo_town_circle             (const BbDemoTown *town,
                                             double            lon,
                                             double            lat,
                                             double            radius_m,
                                             guint             n_sides,
                                             guint            *n_ring);

/* Wall-clock time in the town (Central European Time with the EU's
 * summer time rule) to seconds since the epoch, UTC, and back. */
gint64      bb_demo_town_local_to_utc       (int               year,
                                             int               month,
                                             int               day,
                                             int               hour,
                                             int               minute);
int         bb_demo_town_utc_offset         (gint64            utc);

const char *bb_demo_town_landmark_named     (const BbDemoTown *town,
                                             const char       *kind,
                                             double           *lon,
                                             double           *lat);

/* A fictional person's name from the region's naming customs. */
void        bb_demo_person_name        (BbRandom          *random,
                                        gboolean           female,
                                        char              *out,
                                        gsize              out_size);
/* "+355 6x xxx xxxx", fictional. */
void        bb_demo_phone              (BbRandom          *random,
                                        char              *out,
                                        gsize              out_size);

/* "2025-03-14T20:35:00Z" into @out, without allocating. */
void        bb_demo_format_utc         (gint64             utc,
                                        char               out[21]);
/* The town's local date of @utc, "2025-03-14", into @out. */
void        bb_demo_format_local_date  (gint64             utc,
                                        char               out[11]);

/* The incident categories the demo uses, by code, in a fixed order. */
guint        bb_demo_n_categories      (void);
const char  *bb_demo_category_code     (guint              index);
/* "crime", "disorder", "traffic" or "environment". */
const char  *bb_demo_category_kind     (guint              index);

typedef struct {
  guint        sequence;        /* 0, 1, … in the order generated */
  char         id[BB_UUID_STRING_LEN];
  guint        category;        /* index for bb_demo_category_code() */
  gint64       occurred_start;  /* seconds since the epoch, UTC */
  gint64       occurred_end;    /* 0 when not a time window */
  gint64       reported_at;
  gint64       closed_at;       /* when cleared or referred; 0 while open */
  gboolean     time_unknown;
  gboolean     has_position;
  double       lon, lat;        /* rounded to 1e-6° */
  int          district;        /* -1 when outside every district */
  gboolean     district_overridden;
  int          hot_spot;        /* BbDemoHotSpotKind, or -1 for the background */
  const char  *source;
  const char  *status;
  gboolean     restricted;
  char         address[128];
  char         description[512];
} BbDemoIncident;

typedef struct _BbDemoIncidentStream BbDemoIncidentStream;

/* Incidents over the two years up to the town's end time.  The stream
 * allocates nothing per incident. */
BbDemoIncidentStream *bb_demo_incident_stream_new  (const BbDemoTown      *town,
                                                    guint64                seed,
                                                    guint                  n_incidents);
gboolean              bb_demo_incident_stream_next (BbDemoIncidentStream  *stream,
                                                    BbDemoIncident        *incident);
void                  bb_demo_incident_stream_free (BbDemoIncidentStream  *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbDemoTown, bb_demo_town_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbDemoIncidentStream, bb_demo_incident_stream_free)

G_END_DECLS
