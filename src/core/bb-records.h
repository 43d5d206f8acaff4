/* bb-records.h: the station's records as plain value types, with their validation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every record of the station starts with these four members, in this order,
 * so that code handling records of any kind can reach them through
 * BbRecord.  Times are microseconds since the epoch, UTC. */
typedef struct {
  char   *id;           /* UUID, assigned by the store */
  char   *station_id;   /* the station that wrote the record */
  gint64  created_at;
  gint64  updated_at;
} BbRecord;

#define BB_RECORD_ERROR (bb_record_error_quark ())

typedef enum {
  BB_RECORD_ERROR_INVALID,   /* a value no station can hold */
} BbRecordError;

GQuark bb_record_error_quark (void);

/* "Not set" for optional values: doubles are NAN, optional integers use
 * these sentinels. */
#define BB_UNSET_TIME G_MININT64
#define BB_UNSET_INT  (-1)

typedef enum {
  BB_FIELD_STRING,      /* char *, NULL stored as '' */
  BB_FIELD_STRING_OPT,  /* char *, NULL when not set */
  BB_FIELD_INT,         /* int */
  BB_FIELD_INT_OPT,     /* int, BB_UNSET_INT when not set (only for counts ≥ 0) */
  BB_FIELD_INT64,       /* gint64 */
  BB_FIELD_INT64_OPT,   /* gint64, BB_UNSET_TIME when not set */
  BB_FIELD_DOUBLE,      /* double */
  BB_FIELD_DOUBLE_OPT,  /* double, NAN when not set */
  BB_FIELD_BOOL,        /* gboolean */
  BB_FIELD_BYTES,       /* GBytes *, NULL when not set */
} BbFieldKind;

typedef enum {
  BB_FIELD_REQUIRED = 1 << 0,  /* strings: not empty; references: set */
  BB_FIELD_RANGE    = 1 << 1,  /* numbers: within min…max */
  BB_FIELD_COLOUR   = 1 << 2,  /* "#rrggbb" */
  BB_FIELD_DATE     = 1 << 3,  /* "YYYY-MM-DD" */
} BbFieldFlags;

/* One member of a record; @name is also the column that stores it. */
typedef struct {
  const char          *name;
  const char          *label;        /* N_() marked, for messages */
  BbFieldKind          kind;
  gsize                offset;
  BbFieldFlags         flags;
  const char * const  *allowed;      /* strings: the only values allowed */
  double               min, max;     /* with BB_FIELD_RANGE */
  const char          *ref_table;    /* the value names a record of this table */
  const char          *ref_column;   /* …in this column (NULL: "id") */
  const char          *default_text;
  double               default_number;
} BbField;

typedef struct {
  const char     *table;            /* the entity's table, e.g. "incident" */
  const char     *label;            /* N_() marked, e.g. "incident" */
  gsize           size;
  const BbField  *fields;           /* beside the four of BbRecord */
  guint           n_fields;
  gboolean        is_station;       /* the station itself: no station_id column */
  const char     *order_by;         /* SQL ORDER BY of lists */
  const char     *parent_column;    /* lists can be limited to one parent */
  gboolean      (*check)    (gconstpointer record, GError **error);
  GBoxedCopyFunc  copy_func;       /* the typed _copy and _free */
  GDestroyNotify  free_func;
  void          (*init_extra) (gpointer record);
  void          (*copy_extra) (gpointer dest, gconstpointer src);
  void          (*free_extra) (gpointer record);
} BbRecordType;

gpointer       bb_record_new        (const BbRecordType *type);
gpointer       bb_record_copy       (const BbRecordType *type,
                                     gconstpointer       record);
void           bb_record_free       (const BbRecordType *type,
                                     gpointer            record);
/* Refuses impossible values with BB_RECORD_ERROR_INVALID and a message
 * naming the field and the value. */
gboolean       bb_record_validate   (const BbRecordType *type,
                                     gconstpointer       record,
                                     GError            **error);
const BbField *bb_record_type_find_field (const BbRecordType *type,
                                          const char         *name);

/* Declares a record type's functions: _get_type (boxed), _new (with the
 * defaults of a new record), _copy, _free, _validate, the autoptr cleanup
 * and its BbRecordType description. */
#define BB_DECLARE_RECORD(TypeName, type_name)                                \
  extern const BbRecordType type_name##_record;                               \
  GType     type_name##_get_type (void) G_GNUC_CONST;                         \
  TypeName *type_name##_new      (void);                                      \
  TypeName *type_name##_copy     (const TypeName *self);                      \
  void      type_name##_free     (TypeName *self);                            \
  gboolean  type_name##_validate (const TypeName *self, GError **error);      \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_free)

typedef struct {
  char   *id;
  char   *station_id;   /* equals id */
  gint64  created_at;
  gint64  updated_at;
  char   *name;
  char   *address;
  char   *phone;
  char   *email;
  char   *website;
  GBytes *logo;             /* PNG or SVG, may be NULL */
  char   *colour_primary;   /* "#rrggbb" */
  char   *colour_accent;
  char   *timezone;         /* tz database name */
  gboolean is_demo;
  double  center_lat;       /* NAN when not set */
  double  center_lon;
} BbStation;
BB_DECLARE_RECORD (BbStation, bb_station)
/* The station's time zone, or UTC when @station is NULL or its zone is
 * unset or unknown; free with g_time_zone_unref(). */
GTimeZone *bb_station_dup_time_zone (const BbStation *station);

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *name;
  char   *code;
  char   *boundary;     /* GeoJSON Polygon or MultiPolygon, may be NULL */
  double  min_lon, min_lat, max_lon, max_lat;  /* computed by the store from boundary */
  int     population;   /* BB_UNSET_INT when not known */
  char   *officer_id;
} BbDistrict;
BB_DECLARE_RECORD (BbDistrict, bb_district)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *name;
  char   *rank;
  char   *phone;
  char   *email;
  GBytes *photo;
  char   *district_id;
} BbOfficer;
BB_DECLARE_RECORD (BbOfficer, bb_officer)

/* kind: municipality, school, health, social_services, ngo,
 * housing_association, business, religious, media, resident */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *name;
  char    *kind;
  gboolean is_person;
  char    *contact_name;
  char    *phone;
  char    *email;
  char    *address;
  char    *notes;
  char    *district_id;
} BbPartner;
BB_DECLARE_RECORD (BbPartner, bb_partner)

/* A partner's seat in a district's Community Advisory Group;
 * role: chair, secretary, member. */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *district_id;
  char   *partner_id;
  char   *role;
  char   *since;        /* "YYYY-MM-DD" or NULL */
} BbAdvisoryMember;
BB_DECLARE_RECORD (BbAdvisoryMember, bb_advisory_member)

/* kind: crime, disorder, environment, traffic */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *parent_id;    /* NULL for a top-level category */
  char   *code;         /* stable, e.g. "theft.bicycle" */
  char   *name;
  char   *kind;
  char   *colour;       /* "#rrggbb" */
  int     sort_order;
} BbCategory;
BB_DECLARE_RECORD (BbCategory, bb_category)

/* Times of the world are seconds since the epoch, UTC.
 * source: patrol, resident, complaint_box, hotline, survey, school, partner,
 * meeting, import; status: open, cleared, referred. */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *category_id;
  gint64   occurred_start;
  gint64   occurred_end;    /* BB_UNSET_TIME when not known */
  gboolean time_unknown;
  gint64   reported_at;     /* BB_UNSET_TIME when not known */
  double   lat;             /* NAN when there is no position */
  double   lon;
  char    *district_id;     /* derived from the position unless overridden */
  gboolean district_overridden;
  char    *address;
  char    *description;
  char    *source;
  char    *status;
  gboolean restricted;      /* never leaves the station in public output */
  char    *external_id;
  char    *fingerprint;
} BbIncident;
BB_DECLARE_RECORD (BbIncident, bb_incident)

/* stage: scanning, analysis, response, assessment, closed; priority 1…3. */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *title;
  char   *statement;
  char   *stage;
  int     priority;
  char   *district_id;
  char   *owner_id;
  char   *area;           /* GeoJSON polygon or NULL */
  gint64  period_start, period_end;       /* BB_UNSET_TIME when not set */
  gint64  baseline_start, baseline_end;
  gint64  response_start, response_end;
  double  buffer_m;
  char   *offender;
  char   *victim;
  char   *place;
  char   *handler;
  char   *guardian;
  char   *manager;
  char   *analysis_notes;
  char   *assessment_notes;
} BbProblem;
BB_DECLARE_RECORD (BbProblem, bb_problem)

typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *problem_id;
  char    *title;
  char    *description;
  gboolean agreed;
  char    *owner_officer_id;   /* at most one of the two owners is set */
  char    *owner_partner_id;
  char    *start_date;         /* "YYYY-MM-DD" or NULL */
  char    *end_date;
} BbResponse;
BB_DECLARE_RECORD (BbResponse, bb_response)

/* A task belongs to exactly one of a response or a plan. */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *response_id;
  char    *plan_id;
  char    *title;
  char    *assignee_officer_id;
  char    *assignee_partner_id;
  char    *due_date;     /* "YYYY-MM-DD" or NULL */
  gboolean done;
} BbTask;
BB_DECLARE_RECORD (BbTask, bb_task)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *title;
  char   *district_id;
  char   *period_start;   /* "YYYY-MM-DD" or NULL */
  char   *period_end;
  char   *statement;
} BbPlan;
BB_DECLARE_RECORD (BbPlan, bb_plan)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *plan_id;
  char   *title;
  int     sort_order;
} BbObjective;
BB_DECLARE_RECORD (BbObjective, bb_objective)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *objective_id;
  char   *name;
  char   *unit;
  double  baseline;     /* NAN when not set */
  double  target;
  double  current;
  char   *computed;     /* JSON description when computed from incidents */
} BbIndicator;
BB_DECLARE_RECORD (BbIndicator, bb_indicator)

typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *plan_id;
  char    *review_date;   /* "YYYY-MM-DD" */
  char    *notes;
  gboolean done;
} BbPlanReview;
BB_DECLARE_RECORD (BbPlanReview, bb_plan_review)

/* start_at/end_at are seconds since the epoch, UTC; kind is an event_kind
 * code (advisory_meeting, community_meeting, open_day, school_visit,
 * press_briefing, training, other). */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *title;
  char    *kind;
  gint64   start_at;
  gint64   end_at;
  gboolean all_day;
  char    *tzid;
  char    *rrule;            /* RFC 5545 RRULE or NULL */
  char    *series_id;
  gint64   recurrence_id;    /* BB_UNSET_TIME when not an exception */
  gboolean cancelled;
  char    *place;
  double   lat;              /* NAN when there is no position */
  double   lon;
  char    *district_id;
  char    *organiser_id;
  int      head_count;       /* BB_UNSET_INT when not counted */
  char    *agenda;
  char    *minutes;
  char    *ical_uid;
} BbEvent;
BB_DECLARE_RECORD (BbEvent, bb_event)

/* Exactly one of partner_id and officer_id is set. */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *event_id;
  char   *partner_id;
  char   *officer_id;
} BbEventAttendee;
BB_DECLARE_RECORD (BbEventAttendee, bb_event_attendee)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *event_id;
  char   *text;
  char   *incident_id;
  char   *problem_id;
} BbConcern;
BB_DECLARE_RECORD (BbConcern, bb_concern)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *title;
} BbQuestionnaire;
BB_DECLARE_RECORD (BbQuestionnaire, bb_questionnaire)

/* scale: yes_no, likert5, single, multiple, number, text.  The block is
 * the title of the group of questions the question belongs to; the code
 * is its name in field data collection tools ("block1/q3"). */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *questionnaire_id;
  char    *block;
  char    *code;
  char    *text;
  char    *scale;
  char    *options;     /* JSON array of {"value", "label"} or NULL */
  int      sort_order;
  int      polarity;    /* +1: "yes" or a high answer is good news; −1: bad news; 0: neither */
  gboolean concern;     /* ranked among the residents' concerns */
} BbQuestion;
BB_DECLARE_RECORD (BbQuestion, bb_question)

typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *questionnaire_id;
  char   *title;
  char   *period_start;   /* "YYYY-MM-DD" */
  char   *period_end;
  char   *district_id;
} BbSurvey;
BB_DECLARE_RECORD (BbSurvey, bb_survey)

typedef struct {
  char *question_id;
  char *value;
} BbSurveyAnswer;

BbSurveyAnswer *bb_survey_answer_new  (const char           *question_id,
                                       const char           *value);
BbSurveyAnswer *bb_survey_answer_copy (const BbSurveyAnswer *self);
void            bb_survey_answer_free (BbSurveyAnswer       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSurveyAnswer, bb_survey_answer_free)

typedef struct {
  char      *id;
  char      *station_id;
  gint64     created_at;
  gint64     updated_at;
  char      *survey_id;
  char      *district_id;
  char      *age_band;
  char      *gender;
  gint64     submitted_at;    /* seconds, BB_UNSET_TIME when not known */
  char      *external_uuid;
  GPtrArray *answers;         /* of BbSurveyAnswer, never NULL */
} BbSurveyResponse;
BB_DECLARE_RECORD (BbSurveyResponse, bb_survey_response)

void bb_survey_response_add_answer (BbSurveyResponse *self,
                                    const char       *question_id,
                                    const char       *value);

/* One figure of a published survey table in long form ("date; area;
 * measure; proportion"), e.g. a city survey programme's; re-importing
 * the same source, period, area and measure replaces the figure. */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *source;        /* the programme or file it came from */
  char   *period;        /* "YYYY-MM-DD" */
  char   *area;          /* as the table names it */
  char   *district_id;   /* the station's district of that name, or NULL */
  char   *measure;
  double  proportion;    /* 0…1 */
  int     respondents;   /* BB_UNSET_INT when the table does not say */
} BbSurveyAggregate;
BB_DECLARE_RECORD (BbSurveyAggregate, bb_survey_aggregate)

/* "Joint ownership": a district or a target group an officer takes on
 * beside the district they serve; exactly one of the two is set. */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *officer_id;
  char   *district_id;
  char   *target_group;  /* "school children", "shop keepers of the market", … */
} BbOfficerArea;
BB_DECLARE_RECORD (BbOfficerArea, bb_officer_area)

/* paper: a3, a4, a5, letter; content is JSON. */
typedef struct {
  char    *id;
  char    *station_id;
  gint64   created_at;
  gint64   updated_at;
  char    *template;
  char    *title;
  char    *content;
  char    *paper;
  gboolean landscape;
  char    *language;
} BbDocument;
BB_DECLARE_RECORD (BbDocument, bb_document)

/* kind: streets, water, green, landmarks, boundaries, other */
typedef struct {
  char   *id;
  char   *station_id;
  gint64  created_at;
  gint64  updated_at;
  char   *name;
  char   *kind;
  char   *geojson;
  char   *attribution;
  int     sort_order;
} BbGeoLayer;
BB_DECLARE_RECORD (BbGeoLayer, bb_geo_layer)

/* One line of the audit log (read only). action: create, update, delete,
 * export, disclose; detail lists the changed columns of an update. */
typedef struct {
  gint64  seq;
  gint64  at;           /* microseconds since the epoch, UTC */
  char   *user_name;
  char   *action;
  char   *table_name;
  char   *row_id;
  char   *detail;
} BbAuditEntry;

BbAuditEntry *bb_audit_entry_copy (const BbAuditEntry *self);
void          bb_audit_entry_free (BbAuditEntry       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbAuditEntry, bb_audit_entry_free)

G_END_DECLS
