/* bb-templates.h: the printables the community sees: posters, leaflet, brochure, press briefing, safety plan */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-branding.h"
#include "bb-indicator.h"
#include "bb-print-document.h"
#include "bb-publish.h"
#include "bb-report.h"
#include "bb-store.h"

G_BEGIN_DECLS

/* Every template takes its content as an editable struct, prefilled from
 * the station's data in the document's @language, and builds a
 * BbPrintDocument from it; the Reports view edits the struct in between.
 * Texts are plain (no markup). */

/* "Meet your neighbourhood officer" --------------------------------- */

typedef struct {
  char     *language;
  BbPaper   paper;          /* A4 or A3, portrait */
  gboolean  bleed;
  char     *headline;
  char     *officer_name;
  char     *officer_rank;
  char     *officer_phone;
  char     *officer_email;
  char     *district_name;
  BbStaticMap *district_map;  /* the officer's district, or NULL */
  char     *message;        /* a few words from the officer */
  GBytes   *photo;          /* PNG or NULL: a placeholder is drawn */
  char     *qr_text;        /* what the QR code holds (a contact card) */
  char     *emergency;      /* "In an emergency call 112" */
} BbOfficerPoster;

BbOfficerPoster *bb_officer_poster_new_from_store (BbStore     *store,
                                                   const char  *officer_id,
                                                   const char  *language,
                                                   GError     **error);
void             bb_officer_poster_free  (BbOfficerPoster  *self);
BbPrintDocument      *bb_officer_poster_build (const BbOfficerPoster *self,
                                               const BbBranding      *branding);

/* Event poster ------------------------------------------------------- */

typedef struct {
  char     *language;
  BbPaper   paper;
  gboolean  bleed;
  char     *kind_label;     /* "Community meeting", "Open day" */
  char     *title;
  char     *day;            /* "14" */
  char     *month;          /* "October 2026" */
  char     *time;           /* "Wednesday, 18:00–19:30" */
  char     *place;
  char     *description;
  char     *qr_text;        /* the station's web page, or empty for none */
  char     *qr_caption;
} BbEventPoster;

/* @timezone: the station's (NULL: UTC). */
BbEventPoster *bb_event_poster_new_from_event (const BbEvent   *event,
                                               const BbStation *station,
                                               const char      *language);
void           bb_event_poster_free  (BbEventPoster  *self);
BbPrintDocument    *bb_event_poster_build (const BbEventPoster *self,
                                           const BbBranding    *branding);

/* Crime-prevention leaflet (A5, both sides) --------------------------- */

typedef enum {
  BB_LEAFLET_BURGLARY,
  BB_LEAFLET_ROAD_SAFETY,
  BB_LEAFLET_DRUGS,
  BB_LEAFLET_FRAUD_ELDERLY,
  BB_LEAFLET_DOMESTIC_VIOLENCE,
  BB_N_LEAFLET_TOPICS,
} BbLeafletTopic;

typedef struct {
  char     *language;
  gboolean  bleed;
  char     *kicker;         /* small line above the title */
  char     *title;
  char     *intro;
  GStrv     tips;
  char     *closing;        /* what to do when it happened */
  char     *help_heading;
  GStrv     helplines;      /* "Emergency: 112", … */
  char     *qr_text;
} BbLeaflet;

const char *bb_leaflet_topic_to_string   (BbLeafletTopic topic);
gboolean    bb_leaflet_topic_from_string (const char     *name,
                                          BbLeafletTopic *topic);
/* The library's text of @topic in @language, with the station's contacts. */
BbLeaflet  *bb_leaflet_new      (BbLeafletTopic    topic,
                                 const BbStation  *station,
                                 const char       *language);
void        bb_leaflet_free     (BbLeaflet        *self);
BbPrintDocument *bb_leaflet_build    (const BbLeaflet  *self,
                                      const BbBranding *branding);

/* Tri-fold brochure (A4 landscape, two sides) ------------------------- */

typedef enum {
  BB_PANEL_COVER,        /* outside, right */
  BB_PANEL_INSIDE_LEFT,  /* seen first on opening */
  BB_PANEL_INSIDE_MIDDLE,
  BB_PANEL_INSIDE_RIGHT,
  BB_PANEL_FLAP,         /* outside, left: folds in */
  BB_PANEL_BACK,         /* outside, middle */
  BB_N_PANELS,
} BbBrochurePanel;

typedef struct {
  char *heading;
  char *body;            /* paragraphs separated by blank lines; "• " starts a bullet */
} BbBrochureText;

typedef struct {
  char           *language;
  gboolean        bleed;
  char           *title;
  char           *subtitle;
  BbBrochureText  panels[BB_N_PANELS];
  GPtrArray      *officers;   /* of GStrv { district, name, phone } for the officers panel */
  char           *qr_text;
} BbBrochure;

BbBrochure *bb_brochure_new_from_store (BbStore     *store,
                                        const char  *language,
                                        GError     **error);
void        bb_brochure_free           (BbBrochure  *self);
BbPrintDocument *bb_brochure_build          (const BbBrochure *self,
                                             const BbBranding *branding);
/* Where a panel lies: the page (0 outside, 1 inside) and its left edge
 * and width in points, for the correct folding order. */
void        bb_brochure_panel_geometry (BbBrochurePanel panel,
                                        guint          *page,
                                        double         *x,
                                        double         *width);

/* Quarterly press briefing -------------------------------------------- */

typedef struct {
  char            *language;
  int              year;
  int              quarter;         /* 1–4 */
  BbPublishPolicy  policy;
  char            *key_messages;    /* the chief's words, paragraphs by blank lines */
  GStrv            station_ids;     /* headquarters: the figures of these stations' records; NULL: all */
} BbBriefingOptions;

void        bb_briefing_options_init    (BbBriefingOptions *options,
                                         int                year,
                                         int                quarter);
void        bb_briefing_options_clear   (BbBriefingOptions *options);
/* Counts only public incidents; @withheld (may be NULL) receives what was
 * left out. */
BbPrintDocument *bb_briefing_build           (BbStore                 *store,
                                              const BbBranding        *branding,
                                              const BbBriefingOptions *options,
                                              BbWithheld             **withheld,
                                              GError                 **error);

/* The same, adding what was left out to @withheld. */
BbPrintDocument *bb_briefing_build_into      (BbStore                 *store,
                                              const BbBranding        *branding,
                                              const BbBriefingOptions *options,
                                              BbWithheld              *withheld,
                                              GError                 **error);

/* Documents built straight from a BbReportRequest (see bb-report.h) ---- */

/* A district's profile (A4, two pages): its officer, map, population,
 * partners (organisations only), top concerns, active problems, and the
 * quarter's trends.  Uses district_id, year, quarter, policy. */
BbPrintDocument *bb_district_profile_build   (BbStore                *store,
                                              const BbBranding       *branding,
                                              const BbReportRequest  *request,
                                              BbWithheld             *withheld,
                                              GError                **error);
/* The heat-map poster (A4): the quarter's public incidents as a heat map
 * of the published squares, in incidents per km², with its key. */
BbPrintDocument *bb_heat_poster_build        (BbStore                *store,
                                              const BbBranding       *branding,
                                              const BbReportRequest  *request,
                                              BbWithheld             *withheld,
                                              GError                **error);
/* A meeting's agenda, with "You said, we did" from the group's previous
 * meeting; its minutes, with who came (organisations and officers by
 * name, residents as a number) and the concerns raised.  Use event_id and
 * occurrence. */
BbPrintDocument *bb_meeting_agenda_build     (BbStore                *store,
                                              const BbBranding       *branding,
                                              const BbReportRequest  *request,
                                              BbWithheld             *withheld,
                                              GError                **error);
BbPrintDocument *bb_meeting_minutes_build    (BbStore                *store,
                                              const BbBranding       *branding,
                                              const BbReportRequest  *request,
                                              BbWithheld             *withheld,
                                              GError                **error);
/* The month's events (year, month; district_id when set), one table. */
BbPrintDocument *bb_event_list_build         (BbStore                *store,
                                              const BbBranding       *branding,
                                              const BbReportRequest  *request,
                                              BbWithheld             *withheld,
                                              GError                **error);

/* Community safety plan (A4 portrait, as many pages as it takes) ------ */

/* A line of the plan: a step agreed, a task, a review date.  Texts are as
 * printed: who is an officer's or an organisation's name, never a
 * private person's. */
typedef struct {
  char     *text;
  char     *who;       /* NULL when nobody is named */
  char     *when;      /* a date or a period in words, NULL when none */
  gboolean  done;
} BbSafetyPlanItem;

typedef struct {
  char      *title;
  gboolean   solved;   /* the problem is closed */
  GPtrArray *steps;    /* BbSafetyPlanItem: the responses agreed */
} BbSafetyPlanProblem;

typedef struct {
  char              *name;
  char              *unit;
  char              *baseline;   /* as printed: "12", "fewer than 3", "–" */
  char              *target;
  char              *current;
  BbIndicatorStatus  status;
  gboolean           counted;    /* counted from the station's public incidents */
} BbSafetyPlanIndicator;

typedef struct {
  char      *title;
  GPtrArray *indicators;   /* BbSafetyPlanIndicator */
} BbSafetyPlanObjective;

typedef struct {
  char            *language;
  BbPublishPolicy  policy;
  char            *title;
  char            *area;        /* the district, or the station's area */
  char            *period;      /* in words, NULL when the plan has none */
  char            *statement;
  GPtrArray       *problems;    /* BbSafetyPlanProblem */
  GPtrArray       *objectives;  /* BbSafetyPlanObjective */
  GPtrArray       *tasks;       /* BbSafetyPlanItem: the plan's and its steps' */
  GPtrArray       *reviews;     /* BbSafetyPlanItem: dates, done or planned */
  char            *contact;     /* the district's officer, in a line */
  BbWithheld      *withheld;    /* what the plan leaves out */
} BbSafetyPlan;

/* The plan as the public reads it: no incidents, no addresses, no
 * analysis notes, no private persons' names (a partner who is a person is
 * "a member of the working group"); indicators counted from incidents
 * count public ones only and show counts below @policy's smallest figure
 * (NULL: the default policy) as a range. */
BbSafetyPlan    *bb_safety_plan_new_from_store (BbStore               *store,
                                                const char            *plan_id,
                                                const char            *language,
                                                const BbPublishPolicy *policy,
                                                GError               **error);
void             bb_safety_plan_free           (BbSafetyPlan          *self);
BbPrintDocument *bb_safety_plan_build          (const BbSafetyPlan    *self,
                                                const BbBranding      *branding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSafetyPlan, bb_safety_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbOfficerPoster, bb_officer_poster_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbEventPoster, bb_event_poster_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbLeaflet, bb_leaflet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBrochure, bb_brochure_free)

G_END_DECLS
