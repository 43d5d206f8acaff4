/* bb-survey-report.c: what residents told the station, printed: shares with margins, changes, districts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-survey-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-chart.h"
#include "bb-survey-report.h"
#include "bb-template-private.h"

/* Key shares by district: at most this many questions side by side. */
#define MAX_KEY_QUESTIONS 3
/* Over the rounds: at most this many, the latest. */
#define MAX_ROUNDS 6

void
bb_survey_report_options_init (BbSurveyReportOptions *options,
                               const char            *survey_id,
                               guint                  min_respondents)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->language = g_strdup ("en");
  options->survey_id = g_strdup (survey_id);
  options->min_respondents = min_respondents > 0 ? min_respondents : BB_SURVEY_DEFAULT_MIN_RESPONDENTS;
}

void
bb_survey_report_options_clear (BbSurveyReportOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->language, g_free);
  g_clear_pointer (&options->survey_id, g_free);
  g_clear_pointer (&options->district_id, g_free);
}

char *
bb_survey_format_share (const char    *language,
                        const BbShare *share,
                        guint          min_respondents,
                        gboolean       with_margin)
{
  g_return_val_if_fail (share != NULL, NULL);

  if (!bb_share_is_reportable (share, min_respondents))
    return g_strdup (T (N_("too few responses")));
  if (with_margin)
    /* Translators: a share and its 95 % interval in a public document: "62 % (57–67)" */
    return g_strdup_printf (T (N_("%.0f %% (%.0f–%.0f)")), share->share * 100, share->low * 100, share->high * 100);
  return g_strdup_printf (T (N_("%.0f %%")), share->share * 100);
}

static const char *
change_words (const char    *language,
              BbShareChange  change)
{
  switch (change)
    {
    case BB_SHARE_ROSE:
      return T (N_("▲ up"));
    case BB_SHARE_FELL:
      return T (N_("▼ down"));
    case BB_SHARE_SAME:
      return T (N_("no clear change"));
    case BB_SHARE_TOO_FEW:
    default:
      return "–";
    }
}

static void
count_withheld (BbWithheld    *withheld,
                const BbShare *share,
                guint          min_respondents)
{
  if (withheld != NULL && share->n > 0 && !bb_share_is_reportable (share, min_respondents))
    withheld->suppressed_counts++;
}

/* Layout helpers ------------------------------------------------------------ */

typedef struct {
  BbPrintDocument  *doc;
  BbPage           *page;
  const BbBranding *branding;
  const char       *language;
  double            W, H, M, y;
} Layout;

static void
new_page (Layout *l)
{
  l->page = bb_print_document_add_page (l->doc);
  l->y = l->M;
}

/* Room for @height more on this page, or a new page. */
static void
need (Layout *l,
      double  height)
{
  if (l->y + height > l->H - MM (22))
    new_page (l);
}

static void
heading (Layout     *l,
         const char *text)
{
  BbTextStyle style = bb_template_style_c (14, PANGO_WEIGHT_BOLD, &l->branding->primary);

  need (l, 26 + MM (20));
  bb_page_add_rect (l->page, l->M, l->y + 3, MM (1.2), 13, &l->branding->accent, NULL, 0, 0);
  bb_page_add_text (l->page, text, l->M + MM (3.5), l->y, l->W - 2 * l->M - MM (3.5), 22, &style, text);
  l->y += 26;
}

static BbTable *
new_table (Layout             *l,
           const char         *name,
           guint               n_columns,
           const double       *fractions,
           const char * const *head)
{
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
  BbTextStyle body = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK);
  BbColor stripe = bb_color_tint (&l->branding->primary, 0.93);
  BbColor rule = bb_color_tint (&l->branding->primary, 0.8);
  BbTable *table = bb_page_add_table (l->page, name, l->M, l->y, l->W - 2 * l->M,
                                      l->H - MM (22) - l->y, n_columns, fractions);

  header.line_spacing = 1.25;
  body.line_spacing = 1.3;
  bb_table_set_style (table, &header, &body, &l->branding->primary, &stripe, &rule);
  for (guint c = 1; c < n_columns; c++)
    bb_table_set_column_align (table, c, BB_ALIGN_END);
  bb_table_add_row (table, TRUE, head);
  return table;
}

/* Adds a row, going on on a new page (with the header again) when the
 * row does not fit. */
static BbTable *
add_row (Layout             *l,
         BbTable            *table,
         const char         *name,
         guint               n_columns,
         const double       *fractions,
         const char * const *head,
         const char * const *cells)
{
  bb_table_add_row (table, FALSE, cells);
  if (bb_table_measure (table) <= l->H - MM (22) - l->y)
    return table;
  bb_table_pop_row (table);
  new_page (l);
  table = new_table (l, name, n_columns, fractions, head);
  bb_table_add_row (table, FALSE, cells);
  return table;
}

static void
footer (Layout *l)
{
  guint n = bb_print_document_get_n_pages (l->doc);
  const char *language = l->language;

  for (guint i = 0; i < n; i++)
    {
      BbPage *page = bb_print_document_get_page (l->doc, i);
      BbColor rule = bb_color_rgb (0xd0d4d9);
      BbTextStyle style = bb_template_style (8, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      g_autofree char *pages = g_strdup_printf (T (N_("Page %u of %u")), i + 1, n);

      bb_page_add_line (page, l->M, l->H - MM (14), l->W - l->M, l->H - MM (14), &rule, 0.6, FALSE);
      bb_page_add_text (page, _("Footer"), l->M, l->H - MM (12.5), l->W - MM (70), MM (6), &style,
                        l->branding->station_name != NULL ? l->branding->station_name : "");
      style.align = BB_ALIGN_END;
      bb_page_add_text (page, _("Page number"), l->W - MM (60), l->H - MM (12.5), MM (42), MM (6), &style, pages);
    }
}

/* The document -------------------------------------------------------------- */

static char *
period_text (const char      *language,
             const BbSurvey  *survey)
{
  /* Translators: a survey's period in a public document: "2026-03-01 to 2026-03-31" */
  return g_strdup_printf (T (N_("%s to %s")), survey->period_start, survey->period_end);
}

static const BbShare *
previous_headline (const BbSurveyResults *before,
                   const BbQuestion      *question)
{
  const BbQuestionResult *r = before != NULL ? bb_survey_results_find_question (before, question) : NULL;

  return r != NULL && r->has_headline ? &r->headline : NULL;
}

/* The concerns, ranked, this round beside the round before. */
static void
concerns_chart (Layout                *l,
                const BbSurveyResults *now,
                const BbSurveyResults *before,
                guint                  min_n,
                BbWithheld            *withheld)
{
  const char *language = l->language;
  g_autoptr(GPtrArray) concerns = bb_survey_results_top_concerns (now);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_v = NULL;
  g_autofree double *a = NULL, *a_lo = NULL, *a_hi = NULL, *b = NULL, *b_lo = NULL, *b_hi = NULL;
  BbColor light = bb_color_tint (&l->branding->primary, 0.6);
  BbChart *chart;
  double height;

  if (concerns->len == 0)
    return;
  heading (l, T (N_("What residents see as problems")));
  a = g_new (double, concerns->len);
  a_lo = g_new (double, concerns->len);
  a_hi = g_new (double, concerns->len);
  b = g_new (double, concerns->len);
  b_lo = g_new (double, concerns->len);
  b_hi = g_new (double, concerns->len);
  for (guint i = 0; i < concerns->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (concerns, i);
      const BbShare *p = previous_headline (before, r->question);
      gboolean shown = bb_share_is_reportable (&r->headline, min_n);
      gboolean shown_before = p != NULL && bb_share_is_reportable (p, min_n);

      g_strv_builder_add (labels, r->question->text);
      count_withheld (withheld, &r->headline, min_n);
      if (p != NULL)
        count_withheld (withheld, p, min_n);
      b[i] = shown ? r->headline.share : NAN;
      b_lo[i] = shown ? r->headline.low : NAN;
      b_hi[i] = shown ? r->headline.high : NAN;
      a[i] = shown_before ? p->share : NAN;
      a_lo[i] = shown_before ? p->low : NAN;
      a_hi[i] = shown_before ? p->high : NAN;
    }
  label_v = g_strv_builder_end (labels);
  /* Translators: above the chart of concerns: the share counted */
  chart = bb_chart_new (BB_CHART_SHARES, T (N_("Share who call it a big or very big problem")));
  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_set_missing_text (chart, T (N_("too few responses")));
  if (before != NULL)
    {
      bb_chart_add_series (chart, T (N_("Round before")), &light, a, concerns->len);
      bb_chart_set_intervals (chart, 0, a_lo, a_hi, concerns->len);
    }
  bb_chart_add_series (chart, T (N_("This round")), &l->branding->primary, b, concerns->len);
  bb_chart_set_intervals (chart, before != NULL ? 1 : 0, b_lo, b_hi, concerns->len);
  height = 18 + (before != NULL ? 16 : 0) + 14 + concerns->len * (before != NULL ? 30 : 24);
  need (l, height);
  bb_page_add_chart (l->page, l->M, l->y, l->W - 2 * l->M, height, chart);
  l->y += height + MM (6);
}

/* Every headline share of the questions that are not concerns. */
static void
shares_table (Layout                *l,
              const BbSurveyResults *now,
              const BbSurveyResults *before,
              guint                  min_n,
              BbWithheld            *withheld)
{
  const char *language = l->language;
  static const double fractions[] = { 3.2, 1.1, 1.5, 1.3 };
  const char *head[] = { T (N_("Question (share answering as shown)")), T (N_("Round before")),
                         T (N_("This round (margin)")), T (N_("Change")), NULL };
  const char *name = _("Shares by question");
  BbTable *table = NULL;

  for (guint i = 0; i < now->questions->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (now->questions, i);
      const BbShare *p = previous_headline (before, r->question);
      g_autofree char *question = NULL;
      g_autofree char *was = NULL;
      g_autofree char *is = NULL;

      if (!r->has_headline || r->question->concern)
        continue;
      if (table == NULL)
        {
          heading (l, T (N_("Safety, trust and the police")));
          table = new_table (l, name, 4, fractions, head);
        }
      /* Translators: a question and the answers its share counts: "Do you trust …? — Much trust or Complete trust" */
      question = g_strdup_printf (T (N_("%s — %s")), r->question->text, r->headline_label);
      was = p != NULL ? bb_survey_format_share (language, p, min_n, FALSE) : g_strdup ("–");
      is = bb_survey_format_share (language, &r->headline, min_n, TRUE);
      count_withheld (withheld, &r->headline, min_n);
      if (p != NULL)
        count_withheld (withheld, p, min_n);
      {
        const char *cells[] = { question, was, is,
                                p != NULL ? change_words (language, bb_share_compare (&r->headline, p, min_n)) : "–",
                                NULL };

        table = add_row (l, table, name, 4, fractions, head, cells);
      }
    }
  if (table != NULL)
    l->y += bb_table_measure (table) + MM (6);
}

/* The key questions (the last ones of the questionnaire whose "yes" or
 * high answers are good news: knowing the officer, trust) by district. */
static const BbDistrictShare *
district_share_of (GPtrArray  *shares,
                   const char *district_id)
{
  for (guint i = 0; shares != NULL && i < shares->len; i++)
    {
      const BbDistrictShare *d = g_ptr_array_index (shares, i);

      if (g_strcmp0 (d->district_id, district_id) == 0)
        return d;
    }
  return NULL;
}

/* Over the rounds: the key shares of every round, as lines. */
static void
trend_chart (Layout              *l,
             const BbSurveyTrend *trend,
             guint                min_n,
             BbWithheld          *withheld)
{
  const char *language = l->language;
  g_autoptr(GPtrArray) key = bb_survey_key_questions (bb_survey_trend_latest (trend), MAX_KEY_QUESTIONS);
  g_autofree const BbQuestion **questions = NULL;
  g_autoptr(BbChart) chart = NULL;
  double height;

  if (trend->rounds->len < 2 || key->len == 0)
    return;
  questions = g_new (const BbQuestion *, key->len);
  for (guint k = 0; k < key->len; k++)
    questions[k] = ((const BbQuestionResult *) g_ptr_array_index (key, k))->question;
  chart = bb_survey_trend_chart_new (language, l->branding, trend, questions, NULL, key->len, min_n, withheld);
  height = bb_survey_trend_chart_height (key->len);
  heading (l, T (N_("Over the rounds")));
  need (l, height + MM (12));
  {
    BbTextStyle style = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
    /* xgettext:no-c-format */
    const char *note = T (N_("Each point is a round with its 95 % margin of error; a filled point is a change from "
                             "the round before larger than chance allows."));

    style.line_spacing = 1.3;
    bb_page_add_text (l->page, _("Rounds note"), l->M, l->y, l->W - 2 * l->M, MM (9), &style, note);
    l->y += MM (10);
  }
  bb_page_add_chart (l->page, l->M, l->y, l->W - 2 * l->M, height, g_steal_pointer (&chart));
  l->y += height + MM (6);
}

static gboolean
district_table (Layout                *l,
                BbStore               *store,
                const BbSurveyResults *now,
                const BbSurveyResults *before,
                guint                  min_n,
                BbWithheld            *withheld,
                GError               **error)
{
  const char *language = l->language;
  g_autoptr(GPtrArray) key = bb_survey_key_questions (now, MAX_KEY_QUESTIONS);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) columns_before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func (g_free);
  double fractions[2 + MAX_KEY_QUESTIONS] = { 1.5, 1.2 };
  const char *name = _("Shares by district");
  BbTable *table;
  GPtrArray *first;

  if (key->len == 0)
    return TRUE;
  g_ptr_array_add (head, g_strdup (T (N_("District"))));
  g_ptr_array_add (head, g_strdup (T (N_("Respondents"))));
  for (guint k = 0; k < key->len; k++)
    {
      const BbQuestionResult *r = g_ptr_array_index (key, k);
      GPtrArray *shares = bb_store_survey_results_by_district (store, now->survey->id, r->question->id, error);
      const BbQuestionResult *p = before != NULL ? bb_survey_results_find_question (before, r->question) : NULL;
      GPtrArray *shares_before = NULL;

      if (shares == NULL)
        return FALSE;
      g_ptr_array_add (columns, shares);
      /* The district's change from the round before, on the same question. */
      if (p != NULL)
        {
          shares_before = bb_store_survey_results_by_district (store, before->survey->id, p->question->id, error);
          if (shares_before == NULL)
            return FALSE;
        }
      g_ptr_array_add (columns_before, shares_before);
      g_ptr_array_add (head, g_strdup (r->question->text));
      fractions[2 + k] = 1.6;
    }
  g_ptr_array_add (head, NULL);

  heading (l, T (N_("By district")));
  need (l, 60);
  table = new_table (l, name, 2 + key->len, fractions, (const char * const *) head->pdata);
  first = g_ptr_array_index (columns, 0);
  for (guint d = 0; d < first->len; d++)
    {
      BbDistrictShare *row = g_ptr_array_index (first, d);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (row->district_name));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, row->n_respondents));
      for (guint k = 0; k < key->len; k++)
        {
          BbDistrictShare *share = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (columns, k), d);
          const BbDistrictShare *was = district_share_of (g_ptr_array_index (columns_before, k), share->district_id);
          g_autofree char *text = bb_survey_format_share (language, &share->headline, min_n, FALSE);
          BbShareChange change = was != NULL ? bb_share_compare (&share->headline, &was->headline, min_n)
                                             : BB_SHARE_TOO_FEW;

          /* Only a change beyond noise is named beside the share. */
          if (change == BB_SHARE_ROSE || change == BB_SHARE_FELL)
            g_ptr_array_add (cells, g_strdup_printf ("%s %s", text, change_words (language, change)));
          else
            g_ptr_array_add (cells, g_steal_pointer (&text));
          count_withheld (withheld, &share->headline, min_n);
        }
      g_ptr_array_add (cells, NULL);
      table = add_row (l, table, name, 2 + key->len, fractions, (const char * const *) head->pdata,
                       (const char * const *) cells->pdata);
    }
  l->y += bb_table_measure (table) + MM (6);
  return TRUE;
}

BbPrintDocument *
bb_survey_report_build (BbStore                     *store,
                        const BbBranding            *branding,
                        const BbSurveyReportOptions *options,
                        BbWithheld                 **withheld_out,
                        GError                     **error)
{
  const char *language = options->language;
  g_autoptr(BbSurveyTrend) trend = NULL;
  const BbSurveyResults *now, *before = NULL;
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbDistrict) district = NULL;
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reading = NULL;
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle style;
  BbFrame *frame;
  Layout l = { 0 };
  guint min_n;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (branding != NULL && options != NULL && options->survey_id != NULL, NULL);

  min_n = MAX (options->min_respondents, 1);
  trend = bb_store_survey_trend (store, options->survey_id, options->district_id, MAX_ROUNDS, error);
  if (trend == NULL)
    return NULL;
  now = bb_survey_trend_latest (trend);
  if (trend->results->len >= 2)
    before = g_ptr_array_index (trend->results, trend->results->len - 2);
  if (options->district_id != NULL)
    {
      district = bb_store_district_get (store, options->district_id, error);
      if (district == NULL)
        return NULL;
    }

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_set_title (doc, now->survey->title);
  l.doc = doc;
  l.branding = branding;
  l.language = language;
  l.M = MM (18);
  bb_print_document_get_trim_size (doc, &l.W, &l.H);
  new_page (&l);

  /* The band: what this is, of when and of whom. */
  bb_page_add_rect (l.page, 0, 0, l.W, MM (38), &branding->primary, NULL, 0, 0);
  style = bb_template_style_c (9, PANGO_WEIGHT_BOLD, &branding->accent);
  style.uppercase = TRUE;
  bb_page_add_text (l.page, _("Kicker"), l.M, MM (8), l.W - 2 * l.M, MM (6), &style, T (N_("What residents told us")));
  style = bb_template_style_c (21, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  frame = bb_page_add_text (l.page, _("Title"), l.M, MM (14), l.W - 2 * l.M - MM (30), MM (13), &style, now->survey->title);
  bb_frame_shrink_to_fit (frame, NULL, 14);
  period = period_text (language, now->survey);
  /* Translators: under the title of a survey's results: "2026-03-01 to 2026-03-31 · 391 residents · Old Town" */
  subtitle = g_strdup_printf (T (N_("%s · %llu residents answered · %s")), period,
                              (unsigned long long) now->n_respondents,
                              district != NULL ? district->name : T (N_("the whole station area")));
  style = bb_template_style_c (10, PANGO_WEIGHT_NORMAL, &white);
  bb_page_add_text (l.page, _("Subtitle"), l.M, MM (28), l.W - 2 * l.M, MM (7), &style, subtitle);
  bb_template_logo (l.page, branding, l.W - l.M - MM (24), MM (8), MM (24), MM (22));
  l.y = MM (46);

  reading = g_strdup_printf (T (N_("Each share is of the residents who answered the question. The thin line over a bar, "
                                   "and the figures in brackets, are the 95 %% margin of error: the true share lies "
                                   "within it 19 times in 20. Shares from fewer than %u residents are shown as “too few "
                                   "responses”. A change from the round before is named only where it is larger than "
                                   "chance allows.")), min_n);
  style = bb_template_style (9.5, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  style.line_spacing = 1.35;
  {
    double h = bb_print_document_measure_text (doc, &style, reading, l.W - 2 * l.M);

    bb_page_add_text (l.page, _("How to read"), l.M, l.y, l.W - 2 * l.M, h + 4, &style, reading);
    l.y += h + MM (6);
  }

  if (now->n_respondents == 0)
    {
      style = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
      bb_page_add_text (l.page, _("No responses"), l.M, l.y, l.W - 2 * l.M, MM (10), &style,
                        T (N_("No resident has answered this survey yet.")));
    }
  else
    {
      concerns_chart (&l, now, before, min_n, withheld);
      shares_table (&l, now, before, min_n, withheld);
      trend_chart (&l, trend, min_n, withheld);
      if (options->district_id == NULL && !district_table (&l, store, now, before, min_n, withheld, error))
        return NULL;
    }
  footer (&l);

  if (withheld->suppressed_counts > 0)
    bb_withheld_add_note (withheld, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u share from fewer than %u residents is shown as “too few responses”.",
                                                 "%u shares from fewer than %u residents are shown as “too few responses”.",
                                                 withheld->suppressed_counts),
                          withheld->suppressed_counts, min_n);
  if (withheld_out != NULL)
    *withheld_out = g_steal_pointer (&withheld);
  return g_steal_pointer (&doc);
}

/* For other documents ---------------------------------------------------------- */

double
bb_survey_summary_add (BbPrintDocument   *doc,
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
                       GError           **error)
{
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(BbSurveyTrend) trend = NULL;
  g_autoptr(GPtrArray) key = NULL;
  g_autoptr(GDateTime) until_dt = g_date_time_new_from_unix_utc (until);
  g_autofree char *limit = until_dt != NULL ? g_date_time_format (until_dt, "%Y-%m-%d") : g_strdup ("9999-12-31");
  g_autofree char *first = NULL;
  const BbSurveyResults *now, *before = NULL;
  const BbSurvey *latest = NULL;
  BbTextStyle style = bb_template_style (9.5, PANGO_WEIGHT_NORMAL, BB_INK);
  BbFrame *frame;
  double h, chart_h;
  gboolean any_weighted = FALSE;

  g_return_val_if_fail (BB_IS_STORE (store), 0);

  surveys = bb_store_survey_list (store, error);
  if (surveys == NULL)
    return -1;
  /* newest first: the first that began before the end of the period */
  for (guint i = 0; i < surveys->len && latest == NULL; i++)
    {
      const BbSurvey *s = g_ptr_array_index (surveys, i);

      if (g_strcmp0 (s->period_start, limit) < 0)
        latest = s;
    }
  if (latest == NULL)
    return 0;
  trend = bb_store_survey_trend (store, latest->id, district_id, MAX_ROUNDS, error);
  if (trend == NULL)
    return -1;
  now = bb_survey_trend_latest (trend);
  if (trend->results->len >= 2)
    before = g_ptr_array_index (trend->results, trend->results->len - 2);
  key = bb_survey_key_questions (now, MAX_KEY_QUESTIONS);

  style.line_spacing = 1.3;
  style.space_after = 2;
  frame = bb_page_add_frame (page, _("What residents say"), x, y, width, max_height);
  /* Translators: the first line of the survey section of the briefing: the survey's title and how many answered */
  first = g_strdup_printf (T (N_("%s: %llu residents answered.")), latest->title,
                           (unsigned long long) now->n_respondents);
  bb_frame_add_paragraph (frame, &style, first);
  for (guint i = 0; i < key->len; i++)
    {
      const BbQuestionResult *r = g_ptr_array_index (key, i);
      const BbQuestionResult *p = before != NULL ? bb_survey_results_find_question (before, r->question) : NULL;
      BbShareChange change = BB_SHARE_TOO_FEW;
      g_autofree char *share = NULL;
      g_autofree char *line = NULL;
      BbParagraph *paragraph;
      BbShare now_share, before_share;
      gboolean now_weighted = FALSE, before_weighted = FALSE;

      /* Where the round is weighted, its weighted share, and the round
       * before's weighted as that round says. */
      if (!bb_survey_share_for_print (store, latest->id, district_id, r->question->id, &r->headline, &now_share,
                                      &now_weighted, error))
        return -1;
      if (p != NULL && p->has_headline
          && !bb_survey_share_for_print (store, ((BbSurvey *) g_ptr_array_index (trend->rounds, trend->rounds->len - 2))->id,
                                         district_id, p->question->id, &p->headline, &before_share, &before_weighted, error))
        return -1;
      if (p != NULL && p->has_headline)
        change = bb_share_compare (&now_share, &before_share, min_respondents);
      share = now_weighted ? bb_survey_format_weighted_share (language, &now_share, min_respondents, TRUE)
                           : bb_survey_format_share (language, &now_share, min_respondents, TRUE);
      any_weighted = any_weighted || now_weighted;
      count_withheld (withheld, &now_share, min_respondents);
      if (change != BB_SHARE_TOO_FEW)
        line = g_strdup_printf ("%s — %s: %s (%s)", r->question->text, r->headline_label, share,
                                change_words (language, change));
      else
        line = g_strdup_printf ("%s — %s: %s", r->question->text, r->headline_label, share);
      paragraph = bb_frame_add_paragraph (frame, &style, line);
      bb_paragraph_set_bullet (paragraph, "•", &branding->accent);
    }
  h = MIN (bb_frame_measure (frame), max_height);
  chart_h = bb_survey_trend_chart_height (key->len);
  if (any_weighted)
    {
      g_autofree char *note = bb_survey_weighting_note (store, latest->id, language, error);
      BbTextStyle small = bb_template_style (8, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);

      if (note == NULL && error != NULL && *error != NULL)
        return -1;
      /* The lines over the rounds are the shares as answered: said where
       * they are drawn. */
      if (note != NULL && trend->rounds->len >= 2 && key->len > 0
          && h + bb_print_document_measure_text (doc, &small, note, width) + MM (4) + chart_h <= max_height)
        {
          g_autofree char *longer = g_strconcat (note, " ", T (N_("The chart shows the shares as answered.")), NULL);

          g_free (note);
          note = g_steal_pointer (&longer);
        }
      if (note != NULL)
        bb_frame_add_paragraph (frame, &small, note);
    }
  h = MIN (bb_frame_measure (frame), max_height);

  /* The trend line where there are rounds to compare, room allowing. */
  if (trend->rounds->len >= 2 && key->len > 0 && h + MM (3) + chart_h <= max_height)
    {
      g_autofree const BbQuestion **questions = g_new (const BbQuestion *, key->len);

      for (guint k = 0; k < key->len; k++)
        questions[k] = ((const BbQuestionResult *) g_ptr_array_index (key, k))->question;
      bb_page_add_chart (page, x, y + h + MM (3), width, chart_h,
                         bb_survey_trend_chart_new (language, branding, trend, questions, NULL, key->len,
                                                    min_respondents, withheld));
      h += MM (3) + chart_h;
    }
  return h;
}
