/* bb-report.h: the catalogue of documents Beatbook makes and what each needs, shared by the Reports view and `beatbook --export` */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-branding.h"
#include "bb-print-document.h"
#include "bb-publish.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* What a document asks for before it can be built; the Reports view shows
 * a field for each, the command line an option. */
typedef enum {
  BB_REPORT_NEEDS_QUARTER      = 1 << 0,   /* --period 2026-Q3 */
  BB_REPORT_NEEDS_MONTH        = 1 << 1,   /* --period 2026-09 */
  BB_REPORT_NEEDS_DISTRICT     = 1 << 2,   /* --district NAME (required) */
  BB_REPORT_MAY_USE_DISTRICT   = 1 << 3,   /* --district NAME (optional) */
  BB_REPORT_NEEDS_EVENT        = 1 << 4,   /* --event ID|TITLE [--date YYYY-MM-DD] */
  BB_REPORT_NEEDS_OFFICER      = 1 << 5,   /* --officer NAME */
  BB_REPORT_NEEDS_TOPIC        = 1 << 6,   /* --topic burglary */
  BB_REPORT_HAS_KEY_MESSAGES   = 1 << 7,   /* --messages FILE */
  BB_REPORT_HAS_BLEED          = 1 << 8,   /* --bleed: for print shops */
  BB_REPORT_NEEDS_PLAN         = 1 << 9,   /* --plan NAME|ID */
} BbReportNeeds;

/* Everything a document is built from besides the station. */
typedef struct {
  char            *language;       /* of the document's text, "en" when NULL */
  int              year;
  int              quarter;        /* 1–4, with NEEDS_QUARTER */
  int              month;          /* 1–12, with NEEDS_MONTH */
  char            *district_id;
  char            *event_id;       /* the event's row (a one-off, an exception or a series) */
  gint64           occurrence;     /* start of the series' occurrence meant, or BB_UNSET_TIME */
  char            *officer_id;
  char            *plan_id;        /* a community safety plan */
  int              topic;          /* a BbLeafletTopic */
  gboolean         bleed;
  BbPublishPolicy  policy;
  char            *key_messages;   /* the chief's words; NULL: none */
  GStrv            station_ids;    /* headquarters: only these stations' records count; NULL: all */
} BbReportRequest;

typedef struct {
  const char    *id;              /* the name on the command line: "briefing" */
  const char    *title;           /* N_() marked */
  const char    *description;     /* N_() marked: paper and content in a few words */
  BbReportNeeds  needs;
  /* Builds the document; what a public document leaves out is added to
   * @withheld (never NULL). */
  BbPrintDocument *(*build) (BbStore                *store,
                             const BbBranding       *branding,
                             const BbReportRequest  *request,
                             BbWithheld             *withheld,
                             GError                **error);
} BbReportKind;

/* Every document, in the order the gallery shows them. */
const BbReportKind *bb_report_kinds          (guint                  *n_kinds);
const BbReportKind *bb_report_kind_find      (const char             *id);

/* Empty: English, default publishing policy, nothing chosen. */
void        bb_report_request_init           (BbReportRequest        *request);
void        bb_report_request_clear          (BbReportRequest        *request);
void        bb_report_request_copy           (const BbReportRequest  *src,
                                              BbReportRequest        *dest);
/* "2026-Q3" or "2026-09"; FALSE with @error for anything else. */
gboolean    bb_report_request_set_period     (BbReportRequest        *request,
                                              const char             *period,
                                              GError                **error);
/* Fills what @kind needs and the request lacks from the station: the last
 * full quarter or month (of the demo's data for the demo station), the
 * first district with an officer, the next event with an agenda (the last
 * one with minutes for "minutes"), the first officer, the newest plan. */
gboolean    bb_report_request_fill_defaults  (BbReportRequest        *request,
                                              const BbReportKind     *kind,
                                              BbStore                *store,
                                              GError                **error);
/* The district whose name or code is @name (case does not matter). */
char       *bb_report_find_district          (BbStore                *store,
                                              const char             *name,
                                              GError                **error);
char       *bb_report_find_officer           (BbStore                *store,
                                              const char             *name,
                                              GError                **error);
/* The community safety plan whose id or title is @name (case does not
 * matter). */
char       *bb_report_find_plan              (BbStore                *store,
                                              const char             *name,
                                              GError                **error);
/* An event by its id, or the occurrence of the event titled @name on
 * @date (YYYY-MM-DD; NULL: the next one, else the last). */
gboolean    bb_report_find_event             (BbStore                *store,
                                              const char             *name,
                                              const char             *date,
                                              char                  **event_id,
                                              gint64                 *occurrence,
                                              GError                **error);

/* A request as JSON, for the station's saved documents (the document
 * table's content), and back; unknown members are ignored, ids of records
 * since deleted are left to the build to report. */
char       *bb_report_request_to_json        (const BbReportRequest  *request);
gboolean    bb_report_request_from_json      (const char             *json,
                                              BbReportRequest        *request,
                                              GError                **error);
/* A title for a saved document: "Quarterly Press Briefing, 2026-Q3". */
char       *bb_report_request_describe       (const BbReportKind     *kind,
                                              const BbReportRequest  *request);

/* The station's branding and @kind's document; @withheld (may be NULL)
 * receives what was left out. */
BbPrintDocument *bb_report_build             (const BbReportKind     *kind,
                                              BbStore                *store,
                                              const BbReportRequest  *request,
                                              BbWithheld            **withheld,
                                              GError                **error);

G_END_DECLS
