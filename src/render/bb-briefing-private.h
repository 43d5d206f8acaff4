/* bb-briefing-private.h: what the quarterly briefing's files share: the periods compared, the page being filled */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-template-private.h"

G_BEGIN_DECLS

typedef struct {
  gint64 start, end;
} BbPeriod;

/* The quarter @quarter of @year in @tz; quarters outside 1–4 roll over
 * into the years around. */
BbPeriod bb_quarter_period (GTimeZone *tz,
                            int        year,
                            int        quarter);

/* The briefing as it is laid out: sections are stacked from @y down and
 * start a new page when they do not fit. */
typedef struct {
  BbStore                 *store;
  const BbBranding        *branding;
  const BbBriefingOptions *options;
  BbWithheld              *withheld;
  GTimeZone               *tz;
  BbPeriod                 now, previous, last_year, next;
  const char              *period_text;   /* the quarter as the title names it */
  BbPrintDocument         *doc;
  BbPage                  *page;
  double                   W, H, M, cw, y;
} BbBriefing;

/* The bottom of the area sections may fill. */
#define BB_BRIEFING_BOTTOM(b) ((b)->H - MM (22))

/* A new page unless @height still fits below y. */
void         bb_briefing_need         (BbBriefing  *b,
                                       double       height);
void         bb_briefing_heading      (BbBriefing  *b,
                                       const char  *text);
BbTable     *bb_briefing_table        (BbBriefing   *b,
                                       const char   *name,
                                       double        max_height,
                                       guint         n_columns,
                                       const double *fractions);
/* The Poisson reading of a change in words, or "too few to compare". */
const char  *bb_briefing_change_words (const BbBriefingOptions *options,
                                       gint64                   now,
                                       gint64                   before);

/* bb-briefing-sections.c: the pages after the figures */
gboolean     bb_briefing_add_map        (BbBriefing  *b,
                                         GError     **error);
gboolean     bb_briefing_add_community  (BbBriefing  *b,
                                         GError     **error);
gboolean     bb_briefing_add_problems   (BbBriefing  *b,
                                         GError     **error);
gboolean     bb_briefing_add_survey     (BbBriefing  *b,
                                         GError     **error);
gboolean     bb_briefing_add_coming_up  (BbBriefing  *b,
                                         GError     **error);

G_END_DECLS
