/* bb-survey-report.h: what residents told the station, printed: shares with margins, changes, districts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store-surveys.h"
#include "bb-templates.h"

G_BEGIN_DECLS

typedef struct {
  char  *language;
  char  *survey_id;
  char  *district_id;        /* NULL: the whole survey */
  guint  min_respondents;    /* shares from fewer are "too few responses" */
} BbSurveyReportOptions;

void             bb_survey_report_options_init  (BbSurveyReportOptions *options,
                                                 const char            *survey_id,
                                                 guint                  min_respondents);
void             bb_survey_report_options_clear (BbSurveyReportOptions *options);

/* A public document: the residents' concerns ranked, every headline share
 * with its 95 % margin and its change from the round before (named only
 * where it is more than noise), and the key shares by district.  Never a
 * share from fewer than @min_respondents, never free text; @withheld (may
 * be NULL) receives what was left out. */
BbPrintDocument *bb_survey_report_build         (BbStore                     *store,
                                                 const BbBranding            *branding,
                                                 const BbSurveyReportOptions *options,
                                                 BbWithheld                 **withheld,
                                                 GError                     **error);

/* The share as a public document prints it, in @language: "62 %", or
 * "too few responses" below @min_respondents. */
char            *bb_survey_format_share         (const char    *language,
                                                 const BbShare *share,
                                                 guint          min_respondents,
                                                 gboolean       with_margin);

/* The share of @question_id in @survey_id (in @district_id, or the whole
 * round) as a public document gives it: weighted as the round says
 * (@weighted TRUE), or @plain (the results' own share) where it is not
 * weighted.  FALSE with @error on failure. */
gboolean         bb_survey_share_for_print      (BbStore        *store,
                                                 const char     *survey_id,
                                                 const char     *district_id,
                                                 const char     *question_id,
                                                 const BbShare  *plain,
                                                 BbShare        *share,
                                                 gboolean       *weighted,
                                                 GError        **error);
/* A weighted share as a public document prints it, with its effective
 * n: "44 % (29–60), weighted, effective n 36"; "too few responses" when
 * fewer than @min_respondents answered, however they are weighted. */
char            *bb_survey_format_weighted_share (const char    *language,
                                                  const BbShare *share,
                                                  guint          min_respondents,
                                                  gboolean       with_margin);
/* How @survey_id's shares are weighted, one line for a public document
 * in @language; NULL (and no error) when the round is not weighted. */
char            *bb_survey_weighting_note       (BbStore     *store,
                                                 const char  *survey_id,
                                                 const char  *language,
                                                 GError     **error);

/* A few lines on the latest survey that started before @until, for other
 * public documents (the quarterly briefing, a district's profile):
 * drawn from @y down on @page of @doc, at most @max_height high; returns
 * the height used (0 when the station has no survey before @until, −1
 * with @error set on failure). */
double           bb_survey_summary_add          (BbPrintDocument   *doc,
                                                 BbPage            *page,
                                                 BbStore           *store,
                                                 const BbBranding  *branding,
                                                 const char        *language,
                                                 const char        *district_id,
                                                 gint64             until,
                                                 guint              min_respondents,
                                                 double             x,
                                                 double             y,
                                                 double             width,
                                                 double             max_height,
                                                 BbWithheld        *withheld,
                                                 GError           **error);

/* The key questions of @results (BbQuestionResult, borrowed): the last,
 * at most @max, with a headline whose "yes" or high answer is good news. */
GPtrArray       *bb_survey_key_questions        (const BbSurveyResults *results,
                                                 guint                  max);
/* A chart of the headline shares of @questions over the rounds of
 * @trend, one line each (named @names, or by the questions' texts), with
 * their 95 % intervals; a round with fewer than @min_respondents
 * answers is "too few responses" (counted in @withheld, may be NULL),
 * a change beyond noise from the round before is a filled point. */
BbChart         *bb_survey_trend_chart_new      (const char            *language,
                                                 const BbBranding      *branding,
                                                 const BbSurveyTrend   *trend,
                                                 const BbQuestion     **questions,
                                                 const char * const    *names,
                                                 guint                  n_questions,
                                                 guint                  min_respondents,
                                                 BbWithheld            *withheld);
double           bb_survey_trend_chart_height   (guint                  n_series);

G_END_DECLS
