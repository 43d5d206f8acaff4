/* bb-survey-trend.c: survey shares over the rounds, for every document that prints them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-trend"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-chart.h"
#include "bb-survey-report.h"
#include "bb-template-private.h"

GPtrArray *
bb_survey_key_questions (const BbSurveyResults *results,
                         guint                  max)
{
  GPtrArray *key = g_ptr_array_new ();

  g_return_val_if_fail (results != NULL, key);

  /* The last questions of the questionnaire whose "yes" or high answer is
   * good news: knowing the officer, trust, satisfaction. */
  for (guint i = results->questions->len; i > 0 && key->len < max; i--)
    {
      const BbQuestionResult *r = g_ptr_array_index (results->questions, i - 1);

      if (r->has_headline && r->question->polarity > 0)
        g_ptr_array_insert (key, 0, (gpointer) r);
    }
  return key;
}

/* A few colours that tell lines apart in print and in grey. */
static BbColor
series_color (const BbBranding *branding,
              guint             i)
{
  switch (i % 4)
    {
    case 0: return branding->primary;
    case 1: return bb_color_rgb (0xc64600);
    case 2: return bb_color_rgb (0x2f8132);
    default: return bb_color_rgb (0x6e7781);
    }
}

BbChart *
bb_survey_trend_chart_new (const char          *language,
                           const BbBranding    *branding,
                           const BbSurveyTrend *trend,
                           const BbQuestion   **questions,
                           const char * const  *names,
                           guint                n_questions,
                           guint                min_respondents,
                           BbWithheld          *withheld)
{
  guint n = trend->rounds->len;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_v = NULL;
  g_autofree BbShare *shares = g_new0 (BbShare, n);
  g_autofree BbShareChange *changes = g_new0 (BbShareChange, n);
  g_autofree double *v = g_new (double, n), *lo = g_new (double, n), *hi = g_new (double, n);
  g_autofree gboolean *marks = g_new0 (gboolean, n);
  BbChart *chart = bb_chart_new (BB_CHART_SHARE_TREND, NULL);

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (labels, ((BbSurvey *) g_ptr_array_index (trend->rounds, i))->title);
  label_v = g_strv_builder_end (labels);
  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_set_missing_text (chart, T (N_("too few responses")));
  for (guint q = 0; q < n_questions; q++)
    {
      BbColor color = series_color (branding, q);

      bb_survey_trend_headlines (trend, questions[q], shares, changes, min_respondents);
      for (guint i = 0; i < n; i++)
        {
          gboolean shown = bb_share_is_reportable (&shares[i], min_respondents);

          v[i] = shown ? shares[i].share : NAN;
          lo[i] = shown ? shares[i].low : NAN;
          hi[i] = shown ? shares[i].high : NAN;
          marks[i] = changes[i] == BB_SHARE_ROSE || changes[i] == BB_SHARE_FELL;
          if (withheld != NULL && shares[i].n > 0 && !shown)
            withheld->suppressed_counts++;
        }
      bb_chart_add_series (chart, names != NULL ? names[q] : questions[q]->text, &color, v, n);
      bb_chart_set_intervals (chart, q, lo, hi, n);
      bb_chart_set_marks (chart, q, marks, n);
    }
  return chart;
}

double
bb_survey_trend_chart_height (guint n_series)
{
  return MM (52) + (n_series > 1 ? 13 * n_series + 2 : 0);
}
