/* bb-store.h: the station database, one SQLite file per station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-incident-filter.h"
#include "bb-records.h"

G_BEGIN_DECLS

/* The schema version this Beatbook writes: the number of migrations. */
#define BB_STORE_SCHEMA_VERSION 11
#define BB_STORE_APPLICATION_ID 0x42426f6b /* "BBok", PRAGMA application_id */

#define BB_STORE_ERROR (bb_store_error_quark ())

typedef enum {
  BB_STORE_ERROR_FAILED,
  BB_STORE_ERROR_NOT_FOUND,       /* no such file or record */
  BB_STORE_ERROR_NOT_A_STATION,   /* a file, but not a Beatbook station */
  BB_STORE_ERROR_TOO_NEW,         /* written by a newer Beatbook */
  BB_STORE_ERROR_CORRUPT,         /* damaged database */
  BB_STORE_ERROR_INVALID,         /* a value the station refuses (e.g. latitude 95) */
  BB_STORE_ERROR_CONSTRAINT,      /* a rule of the database was broken */
  BB_STORE_ERROR_EXISTS,          /* creating a station over an existing file */
  BB_STORE_ERROR_TAMPERED,        /* the audit log's chain is broken: changed outside Beatbook */
  BB_STORE_ERROR_WRONG_PASSPHRASE,
} BbStoreError;

GQuark bb_store_error_quark (void);

/* What a committed change touched, as told by BbStore::changed. */
typedef enum {
  BB_STORE_CHANGE_INCIDENTS = 1 << 0, /* incidents and their categories */
  BB_STORE_CHANGE_DISTRICTS = 1 << 1,
  BB_STORE_CHANGE_PROBLEMS  = 1 << 2, /* problems, responses, tasks, plans */
  BB_STORE_CHANGE_CALENDAR  = 1 << 3, /* events, kinds, attendees, concerns */
  BB_STORE_CHANGE_DIRECTORY = 1 << 4, /* officers, partners, advisory groups */
  BB_STORE_CHANGE_SURVEYS   = 1 << 5,
  BB_STORE_CHANGE_OTHER     = 1 << 6, /* the station, documents, layers, … */
} BbStoreChanges;

#define BB_TYPE_STORE (bb_store_get_type ())
G_DECLARE_FINAL_TYPE (BbStore, bb_store, BB, STORE, GObject)

/* Every call below may be made from any thread; calls are serialised on
 * the store's one connection.  Records written get their id (unless one is
 * given), station_id and times from the store.  A write is one
 * transaction: on failure nothing is written and the error says why. */

BbStore    *bb_store_create          (const char  *path,
                                      const char  *station_name,
                                      GError     **error);
/* Refuses, without changing the file, what is not a station
 * (NOT_A_STATION), a station of a newer Beatbook (TOO_NEW) and a damaged
 * one (CORRUPT); brings a station of an older Beatbook up to date. */
BbStore    *bb_store_open            (const char  *path,
                                      GError     **error);
const char *bb_store_get_path        (BbStore     *self);
/* What the check after opening found wrong with the file (a copy), or
 * NULL while it found nothing; BbStore::damaged tells it as it is found. */
GError     *bb_store_dup_damage      (BbStore     *self);
/* What the check after opening found wrong with the audit log's chain
 * (a copy), or NULL while it found nothing; BbStore::tampered tells it
 * as it is found.  Changes are still accepted. */
GError     *bb_store_dup_tampering   (BbStore     *self);
const char *bb_store_get_station_id  (BbStore     *self);
int         bb_store_get_schema_version (BbStore *self);

/* The station's own record. */
char       *bb_store_dup_station_name (BbStore   *self);
gboolean    bb_store_is_demo          (BbStore   *self);
BbStation  *bb_store_station_get      (BbStore     *self,
                                       GError     **error);
gboolean    bb_store_station_update   (BbStore     *self,
                                       BbStation   *station,
                                       GError     **error);

/* Who the audit log names for the changes made through this store; NULL
 * goes back to the login name. */
void        bb_store_set_user         (BbStore     *self,
                                       const char  *user_name);
char       *bb_store_dup_user         (BbStore     *self);

/* Rows in one of the station's tables ("incident", "problem", "event", …);
 * -1 with @error set for an unknown table. */
gint64      bb_store_count            (BbStore     *self,
                                       const char  *table,
                                       GError     **error);

/* Adds a line to the audit log for what is not an edit: an export
 * ("export") or a disclosure ("disclose") of @table_name's records, with
 * who (the store's user) and when. */
gboolean    bb_store_audit_record     (BbStore     *self,
                                       const char  *action,
                                       const char  *table_name,
                                       const char  *row_id,
                                       const char  *detail,
                                       GError     **error);

/* The newest @limit lines of the audit log (0: all), optionally only those
 * of one table and one record; a GPtrArray of BbAuditEntry. */
GPtrArray  *bb_store_audit_list       (BbStore     *self,
                                       guint        limit,
                                       const char  *table_name,
                                       const char  *row_id,
                                       GError     **error);

/* The station's optional passphrase (bb-store-passphrase.c).  The file is
 * not encrypted: the window asks for the passphrase before it shows a
 * station that has one, and bundles written by such a station are
 * encrypted with it.  Unlocking checks it against the stored Argon2id
 * verifier (WRONG_PASSPHRASE when it is not the one) and keeps it while
 * the station is open.  Setting needs the current one when there is one;
 * @passphrase NULL removes it.  Both are recorded in the audit log. */
gboolean    bb_store_has_passphrase   (BbStore     *self);
gboolean    bb_store_check_passphrase (BbStore     *self,
                                       const char  *passphrase,
                                       GError     **error);
/* bb_store_check_passphrase on a thread: Argon2id is slow on purpose. */
void        bb_store_check_passphrase_async  (BbStore             *self,
                                              const char          *passphrase,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    bb_store_check_passphrase_finish (BbStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean    bb_store_set_passphrase   (BbStore     *self,
                                       const char  *current,
                                       const char  *passphrase,
                                       GError     **error);

/* Walks the audit log's hash chain once: TRUE when every line is as
 * Beatbook wrote it; otherwise FALSE with BB_STORE_ERROR_TAMPERED naming
 * the first line edited, deleted or added outside Beatbook (its number
 * also in *@bad_seq). */
gboolean    bb_store_audit_check      (BbStore     *self,
                                       gint64      *bad_seq,
                                       GError     **error);

/* Records of any type, described by their BbRecordType
 * (e.g. &bb_incident_record). */
gboolean    bb_store_insert           (BbStore            *self,
                                       const BbRecordType *type,
                                       gpointer            record,
                                       GError            **error);
gboolean    bb_store_update           (BbStore            *self,
                                       const BbRecordType *type,
                                       gpointer            record,
                                       GError            **error);
gboolean    bb_store_delete           (BbStore            *self,
                                       const BbRecordType *type,
                                       const char         *id,
                                       GError            **error);
gpointer    bb_store_get              (BbStore            *self,
                                       const BbRecordType *type,
                                       const char         *id,
                                       GError            **error);
/* All records of the type in their usual order, or only those of one
 * parent (type->parent_column) when @parent_id is given. */
GPtrArray  *bb_store_list             (BbStore            *self,
                                       const BbRecordType *type,
                                       const char         *parent_id,
                                       GError            **error);

/* The same, only the records written by one of @station_ids (a
 * headquarters holds several stations' records); NULL or empty: all. */
GPtrArray  *bb_store_list_by_stations (BbStore            *self,
                                       const BbRecordType *type,
                                       const char * const *station_ids,
                                       GError            **error);

#define BB_STORE_DECLARE_CRUD(TypeName, name)                                         \
  gboolean   bb_store_##name##_insert (BbStore *self, TypeName *record, GError **error); \
  gboolean   bb_store_##name##_update (BbStore *self, TypeName *record, GError **error); \
  gboolean   bb_store_##name##_delete (BbStore *self, const char *id, GError **error);  \
  TypeName  *bb_store_##name##_get    (BbStore *self, const char *id, GError **error);

BB_STORE_DECLARE_CRUD (BbDistrict, district)
BB_STORE_DECLARE_CRUD (BbOfficer, officer)
BB_STORE_DECLARE_CRUD (BbPartner, partner)
BB_STORE_DECLARE_CRUD (BbAdvisoryMember, advisory_member)
BB_STORE_DECLARE_CRUD (BbCategory, category)
BB_STORE_DECLARE_CRUD (BbIncident, incident)
BB_STORE_DECLARE_CRUD (BbProblem, problem)
BB_STORE_DECLARE_CRUD (BbResponse, response)
BB_STORE_DECLARE_CRUD (BbTask, task)
BB_STORE_DECLARE_CRUD (BbPlan, plan)
BB_STORE_DECLARE_CRUD (BbObjective, objective)
BB_STORE_DECLARE_CRUD (BbIndicator, indicator)
BB_STORE_DECLARE_CRUD (BbPlanReview, plan_review)
BB_STORE_DECLARE_CRUD (BbEvent, event)
BB_STORE_DECLARE_CRUD (BbEventAttendee, event_attendee)
BB_STORE_DECLARE_CRUD (BbConcern, concern)
BB_STORE_DECLARE_CRUD (BbQuestionnaire, questionnaire)
BB_STORE_DECLARE_CRUD (BbQuestion, question)
BB_STORE_DECLARE_CRUD (BbSurvey, survey)
BB_STORE_DECLARE_CRUD (BbSurveyResponse, survey_response)
BB_STORE_DECLARE_CRUD (BbDocument, document)
BB_STORE_DECLARE_CRUD (BbGeoLayer, geo_layer)
BB_STORE_DECLARE_CRUD (BbSurveyAggregate, survey_aggregate)
BB_STORE_DECLARE_CRUD (BbOfficerArea, officer_area)

/* Lists (GPtrArray of the record type, freeing its elements). */
GPtrArray  *bb_store_district_list        (BbStore *self, GError **error);
GPtrArray  *bb_store_officer_list         (BbStore *self, GError **error);
GPtrArray  *bb_store_partner_list         (BbStore *self, GError **error);
GPtrArray  *bb_store_advisory_member_list (BbStore *self, const char *district_id, GError **error);
GPtrArray  *bb_store_category_list        (BbStore *self, GError **error);
GPtrArray  *bb_store_problem_list         (BbStore *self, GError **error);
GPtrArray  *bb_store_response_list        (BbStore *self, const char *problem_id, GError **error);
GPtrArray  *bb_store_task_list            (BbStore *self, GError **error);
GPtrArray  *bb_store_plan_list            (BbStore *self, GError **error);
GPtrArray  *bb_store_objective_list       (BbStore *self, const char *plan_id, GError **error);
GPtrArray  *bb_store_indicator_list       (BbStore *self, const char *objective_id, GError **error);
GPtrArray  *bb_store_plan_review_list     (BbStore *self, const char *plan_id, GError **error);
GPtrArray  *bb_store_event_list           (BbStore *self, gint64 start, gint64 end, GError **error);
GPtrArray  *bb_store_event_attendee_list  (BbStore *self, const char *event_id, GError **error);
GPtrArray  *bb_store_concern_list         (BbStore *self, const char *event_id, GError **error);
GPtrArray  *bb_store_questionnaire_list   (BbStore *self, GError **error);
GPtrArray  *bb_store_question_list        (BbStore *self, const char *questionnaire_id, GError **error);
GPtrArray  *bb_store_survey_list          (BbStore *self, GError **error);
GPtrArray  *bb_store_survey_response_list (BbStore *self, const char *survey_id, GError **error);
GPtrArray  *bb_store_document_list        (BbStore *self, GError **error);
GPtrArray  *bb_store_geo_layer_list       (BbStore *self, GError **error);
GPtrArray  *bb_store_survey_aggregate_list (BbStore *self, GError **error);
GPtrArray  *bb_store_officer_area_list    (BbStore *self, const char *officer_id, GError **error);

/* A category by its stable code ("theft.bicycle"). */
BbCategory *bb_store_category_get_by_code (BbStore     *self,
                                           const char  *code,
                                           GError     **error);

/* Links between records; setting replaces the whole set. */
gboolean    bb_store_problem_set_categories (BbStore            *self,
                                             const char         *problem_id,
                                             const char * const *category_ids,
                                             GError            **error);
GStrv       bb_store_problem_dup_categories (BbStore            *self,
                                             const char         *problem_id,
                                             GError            **error);
gboolean    bb_store_plan_set_problems      (BbStore            *self,
                                             const char         *plan_id,
                                             const char * const *problem_ids,
                                             GError            **error);
GStrv       bb_store_plan_dup_problems      (BbStore            *self,
                                             const char         *plan_id,
                                             GError            **error);
gboolean    bb_store_problem_set_partners   (BbStore            *self,
                                             const char         *problem_id,
                                             const char * const *partner_ids,
                                             GError            **error);
GStrv       bb_store_problem_dup_partners   (BbStore            *self,
                                             const char         *problem_id,
                                             GError            **error);

/* Incidents added to a problem by hand (@included TRUE) or kept out of it
 * although its area, categories and period select them (FALSE). */
gboolean    bb_store_problem_set_incident   (BbStore            *self,
                                             const char         *problem_id,
                                             const char         *incident_id,
                                             gboolean            included,
                                             GError            **error);
/* Forgets the choice made by hand for one incident. */
gboolean    bb_store_problem_unset_incident (BbStore            *self,
                                             const char         *problem_id,
                                             const char         *incident_id,
                                             GError            **error);
GStrv       bb_store_problem_dup_incidents  (BbStore            *self,
                                             const char         *problem_id,
                                             gboolean            included,
                                             GError            **error);

/* Incidents ------------------------------------------------------------ */

typedef enum {
  BB_INCIDENT_SORT_TIME,        /* when it happened (fast: indexed) */
  BB_INCIDENT_SORT_REPORTED,
  BB_INCIDENT_SORT_CATEGORY,    /* by the category's name */
  BB_INCIDENT_SORT_DISTRICT,    /* by the district's name */
  BB_INCIDENT_SORT_STATUS,
  BB_INCIDENT_SORT_SOURCE,
  BB_INCIDENT_SORT_ADDRESS,
  BB_INCIDENT_SORT_UPDATED,
} BbIncidentSort;

/* A page of the incidents @filter selects (NULL: all), in the order of
 * @sort with the most recent or largest first when @descending; ties keep
 * the order they were written in.  @limit 0 means no limit. */
GPtrArray  *bb_store_incident_query  (BbStore                *self,
                                      const BbIncidentFilter *filter,
                                      BbIncidentSort          sort,
                                      gboolean                descending,
                                      guint                   offset,
                                      guint                   limit,
                                      GError                **error);
gint64      bb_store_incident_count  (BbStore                *self,
                                      const BbIncidentFilter *filter,
                                      GError                **error);
/* Counts for a comparison of periods, in one pass over the time from the
 * earliest start to the latest end rather than a query a figure:
 * @bounds holds @n_periods pairs of start and end ([start, end), seconds
 * since the epoch).  @counts (@n_categories × @n_periods, by category
 * then period) gets the unrestricted incidents of each top-level category
 * of @category_ids, its subcategories counted with it; @cleared and
 * @restricted (@n_periods each, may be NULL) the unrestricted incidents
 * cleared and the restricted incidents of each period, of any category.
 * With @station_ids (NULL or empty: all), only the incidents those
 * stations wrote count. */
gboolean    bb_store_incident_count_periods (BbStore            *self,
                                             const char * const *station_ids,
                                             const char * const *category_ids,
                                             guint               n_categories,
                                             const gint64       *bounds,
                                             guint               n_periods,
                                             gint64             *counts,
                                             gint64             *cleared,
                                             gint64             *restricted,
                                             GError            **error);
/* For long tables: the row numbers of every incident selected, in order
 * (a GArray of gint64), cheap even for a million; fetch the rows shown
 * with bb_store_incident_get_by_rowids. */
GArray     *bb_store_incident_rowids (BbStore                *self,
                                      const BbIncidentFilter *filter,
                                      BbIncidentSort          sort,
                                      gboolean                descending,
                                      GError                **error);
/* The incidents with these row numbers, in the same order; a row number
 * no longer there gives no record. */
GPtrArray  *bb_store_incident_get_by_rowids (BbStore      *self,
                                             const gint64 *rowids,
                                             guint         n_rowids,
                                             GError      **error);

/* A bulk edit: sets the status ("open", "cleared", "referred") of every
 * incident @filter selects (NULL: all) in one transaction, so that a
 * failure or a crash changes none of them; *@n_changed (if given) is how
 * many changed. */
gboolean    bb_store_incident_set_status_where (BbStore                *self,
                                                const BbIncidentFilter *filter,
                                                const char             *status,
                                                gint64                 *n_changed,
                                                GError                **error);

/* Gives the district @boundary (a GeoJSON Polygon or MultiPolygon; NULL:
 * none) in one transaction with its audit line, the incidents whose
 * district follows from their position moving in or out with it;
 * @n_before and @n_after (may be NULL) receive the district's incidents
 * before and after. */
gboolean    bb_store_district_set_boundary (BbStore     *self,
                                            const char  *district_id,
                                            const char  *boundary,
                                            gint64      *n_before,
                                            gint64      *n_after,
                                            GError     **error);
/* The district whose boundary holds the position, or NULL (no error) when
 * none does.  Incidents written with a position and no district chosen
 * by hand get theirs from here. */
char       *bb_store_district_at     (BbStore     *self,
                                      double       lon,
                                      double       lat,
                                      GError     **error);

/* Asynchronous calls ---------------------------------------------------- */

/* Runs on the store's worker with the store locked, after every call
 * queued before it; returns the result for bb_store_run_finish (which
 * passes ownership to its caller), or NULL with @error set.  Long
 * statements are interrupted when @cancellable is cancelled. */
typedef gpointer (*BbStoreFunc) (BbStore       *store,
                                 gpointer       data,
                                 GCancellable  *cancellable,
                                 GError       **error);

void        bb_store_run_async        (BbStore             *self,
                                       BbStoreFunc          func,
                                       gpointer             data,
                                       GDestroyNotify       data_destroy,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The same, with @result_free for a result that no one takes: when
 * @cancellable is cancelled, bb_store_run_finish() says so and returns
 * NULL, and the result @func made is freed with it.  Every @func whose
 * result is memory is queued with this form (bb_store_run_async is for
 * results that are flags). */
void        bb_store_run_async_full   (BbStore             *self,
                                       BbStoreFunc          func,
                                       GDestroyNotify       result_free,
                                       gpointer             data,
                                       GDestroyNotify       data_destroy,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The same for a read the user is waiting to see (a table's first rows):
 * it runs before the reads queued for what is not on screen.  Finish it
 * with bb_store_run_finish(). */
void        bb_store_run_async_urgent (BbStore             *self,
                                       BbStoreFunc          func,
                                       gpointer             data,
                                       GDestroyNotify       data_destroy,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* bb_store_run_async_full() for an urgent read. */
void        bb_store_run_async_urgent_full (BbStore             *self,
                                            BbStoreFunc          func,
                                            GDestroyNotify       result_free,
                                            gpointer             data,
                                            GDestroyNotify       data_destroy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* While held, what the store does that no one waits to see (reads not
 * urgent, the check of a large file's pages, backups) pauses, so that
 * the processor and the disk go to what the user waits for: a view holds
 * it until its first rows are drawn.  A hold ends when released, or by
 * itself after two seconds. */
void        bb_store_hold_background    (BbStore             *self);
void        bb_store_release_background (BbStore             *self);

gpointer    bb_store_run_finish       (BbStore             *self,
                                       GAsyncResult        *result,
                                       GError             **error);

void        bb_store_open_async       (const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
BbStore    *bb_store_open_finish      (GAsyncResult        *result,
                                       GError             **error);
void        bb_store_create_async     (const char          *path,
                                       const char          *station_name,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
BbStore    *bb_store_create_finish    (GAsyncResult        *result,
                                       GError             **error);

void        bb_store_station_get_async     (BbStore             *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
BbStation  *bb_store_station_get_finish    (BbStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void        bb_store_station_update_async  (BbStore             *self,
                                            const BbStation     *station,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The station as stored (with its new updated_at). */
BbStation  *bb_store_station_update_finish (BbStore             *self,
                                            GAsyncResult        *result,
                                            GError             **error);

void        bb_store_incident_insert_async  (BbStore             *self,
                                             const BbIncident    *incident,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The incident as stored, with its id and district. */
BbIncident *bb_store_incident_insert_finish (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_update_async  (BbStore             *self,
                                             const BbIncident    *incident,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BbIncident *bb_store_incident_update_finish (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_delete_async  (BbStore             *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    bb_store_incident_delete_finish (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_get_async     (BbStore             *self,
                                             const char          *id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BbIncident *bb_store_incident_get_finish    (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_query_async   (BbStore                *self,
                                             const BbIncidentFilter *filter,
                                             BbIncidentSort          sort,
                                             gboolean                descending,
                                             guint                   offset,
                                             guint                   limit,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
GPtrArray  *bb_store_incident_query_finish  (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_count_async   (BbStore                *self,
                                             const BbIncidentFilter *filter,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
/* -1 with @error set on failure. */
gint64      bb_store_incident_count_finish  (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void        bb_store_incident_rowids_async  (BbStore                *self,
                                             const BbIncidentFilter *filter,
                                             BbIncidentSort          sort,
                                             gboolean                descending,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
GArray     *bb_store_incident_rowids_finish (BbStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* All records of a type (see bb_store_list); the typed calls below are
 * this with the type filled in. */
void        bb_store_list_async       (BbStore             *self,
                                       const BbRecordType  *type,
                                       const char          *parent_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray  *bb_store_list_finish      (BbStore             *self,
                                       GAsyncResult        *result,
                                       GError             **error);
void        bb_store_category_list_async (BbStore *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
void        bb_store_district_list_async (BbStore *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
void        bb_store_officer_list_async  (BbStore *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
void        bb_store_partner_list_async  (BbStore *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);

void        bb_store_count_async      (BbStore             *self,
                                       const char          *table,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gint64      bb_store_count_finish     (BbStore             *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
