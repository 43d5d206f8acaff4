/* bb-briefing.c: the chief's quarterly press briefing, from public incidents only */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-briefing"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-briefing-private.h"
#include "bb-chart.h"
#include "bb-trend.h"

void
bb_briefing_options_init (BbBriefingOptions *options,
                          int                year,
                          int                quarter)
{
  memset (options, 0, sizeof *options);
  options->year = year;
  options->quarter = CLAMP (quarter, 1, 4);
  bb_publish_policy_init_default (&options->policy);
}

void
bb_briefing_options_clear (BbBriefingOptions *options)
{
  g_clear_pointer (&options->language, g_free);
  g_clear_pointer (&options->key_messages, g_free);
  g_clear_pointer (&options->station_ids, g_strfreev);
}

BbPeriod
bb_quarter_period (GTimeZone *tz,
                   int        year,
                   int        quarter)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  while (quarter < 1)
    {
      quarter += 4;
      year--;
    }
  while (quarter > 4)
    {
      quarter -= 4;
      year++;
    }
  start = g_date_time_new (tz, year, 3 * (quarter - 1) + 1, 1, 0, 0, 0);
  end = g_date_time_add_months (start, 3);
  return (BbPeriod) { g_date_time_to_unix (start), g_date_time_to_unix (end) };
}

typedef struct {
  char   *name;
  gint64  now, previous, last_year;
} CategoryRow;

/* The Poisson reading in words, or NULL when a count is too small to
 * compare in public. */
const char *
bb_briefing_change_words (const BbBriefingOptions *options,
                          gint64                   now,
                          gint64                   before)
{
  const char *language = options->language;

  if (bb_publish_is_suppressed (&options->policy, now) || bb_publish_is_suppressed (&options->policy, before))
    return T (N_("too few to compare"));
  switch (bb_trend_change_level (bb_trend_poisson_z (now, before)))
    {
    case BB_CHANGE_SIGNIFICANT_RISE:
      return T (N_("a real rise"));
    case BB_CHANGE_WATCH_RISE:
      return T (N_("a rise worth watching"));
    case BB_CHANGE_WATCH_FALL:
      return T (N_("a fall worth watching"));
    case BB_CHANGE_SIGNIFICANT_FALL:
      return T (N_("a real fall"));
    case BB_CHANGE_NOISE:
    default:
      return T (N_("within normal variation"));
    }
}

static char *
format_count (const BbBriefingOptions *options,
              BbWithheld              *withheld,
              gint64                   count,
              gboolean                 compact)
{
  if (bb_publish_is_suppressed (&options->policy, count))
    withheld->suppressed_counts++;
  return bb_publish_format_count (&options->policy, options->language, count, compact);
}

void
bb_briefing_heading (BbBriefing *b,
                     const char *text)
{
  b->y += bb_template_heading (b->page, b->branding, b->M, b->y, b->cw, text);
}

void
bb_briefing_need (BbBriefing *b,
                  double      height)
{
  if (b->y + height <= BB_BRIEFING_BOTTOM (b))
    return;
  b->page = bb_print_document_add_page (b->doc);
  b->y = b->M;
}

BbTable *
bb_briefing_table (BbBriefing   *b,
                   const char   *name,
                   double        max_height,
                   guint         n_columns,
                   const double *fractions)
{
  return bb_template_table (b->page, b->branding, name, b->M, b->y, b->cw, max_height, n_columns, fractions);
}

static BbTable *
category_table (BbBriefing         *b,
                const char * const *head)
{
  static const double fractions[] = { 1.3, 0.9, 0.9, 2.1, 0.9, 2.1 };
  BbTable *table = bb_briefing_table (b, _("Incidents by category"), BB_BRIEFING_BOTTOM (b) - b->y, 6, fractions);

  for (guint c = 1; c < 6; c++)
    bb_table_set_column_align (table, c, (c == 3 || c == 5) ? BB_ALIGN_START : BB_ALIGN_END);
  bb_table_add_row (table, TRUE, head);
  return table;
}

static void
stat_card (BbBriefing *b,
           double      figure_size,
           double      x,
           double      w,
           double      h,
           const char *figure,
           const char *label)
{
  BbColor box = bb_color_tint (&b->branding->primary, 0.9);
  BbTextStyle big = bb_template_style_c (figure_size, PANGO_WEIGHT_BOLD, &b->branding->primary);
  BbTextStyle small = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  BbFrame *frame;

  double inner_w = w - MM (8), inner_h = h - MM (6);

  bb_page_add_rect (b->page, x, b->y, w, h, &box, NULL, 0, MM (2));
  frame = bb_page_add_frame (b->page, label, x + MM (4), b->y + MM (3), inner_w, inner_h);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  big.space_after = 2;
  big.line_spacing = 1.2;
  /* A longer language's label gets smaller type rather than overflowing
   * the card. */
  while (bb_print_document_measure_text (b->doc, &big, figure, inner_w) + big.space_after
         + bb_print_document_measure_text (b->doc, &small, label, inner_w) > inner_h)
    {
      if (small.size > 7)
        small.size -= 0.5;
      else if (big.size > figure_size * 0.6)
        big.size -= 0.5;
      else
        break;
    }
  bb_frame_add_paragraph (frame, &big, figure);
  bb_frame_add_paragraph (frame, &small, label);
}

static void
add_key_messages (BbBriefing *b)
{
  const char *language = b->options->language;
  const char *text = b->options->key_messages;
  BbTextStyle body = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
  BbFrame *frame;
  double h;

  if (text == NULL || *text == '\0')
    return;
  body.line_spacing = 1.4;
  body.space_after = 5;
  bb_briefing_heading (b, T (N_("Key messages")));
  frame = bb_page_add_frame (b->page, _("Key messages"), b->M, b->y, b->cw, MM (70));
  bb_template_add_body (frame, &body, &b->branding->accent, text);
  /* Longer words than fit are reported by the drawing, not cut here. */
  h = MIN (bb_frame_measure (frame), MM (70));
  b->y += h + MM (5);
}

static void
add_reading_note (BbBriefing *b)
{
  const char *language = b->options->language;
  BbTextStyle style = bb_template_style (8.5, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  g_autofree char *note = NULL;
  double h;

  style.line_spacing = 1.4;
  note = g_strdup_printf (
    T (N_("How to read this table: a change is called “a real rise” or “a real fall” only when it is larger "
          "than chance alone would give (a Poisson test on the counts); smaller changes are “within normal "
          "variation”. Figures below %u are not published (“< %u”), to protect the people involved. "
          "Incidents whose details must stay confidential, such as domestic violence or those involving children, are not "
          "included in these figures.")),
    b->options->policy.min_count, b->options->policy.min_count);
  h = bb_print_document_measure_text (b->doc, &style, note, b->cw);
  bb_briefing_need (b, h);
  bb_page_add_text (b->page, _("How to read"), b->M, b->y, b->cw, h + 2, &style, note);
  b->y += h + MM (8);
}

static void
add_chart (BbBriefing *b,
           GArray     *rows)
{
  const BbBriefingOptions *options = b->options;
  const char *language = options->language;
  BbChart *chart = bb_chart_new (BB_CHART_HBARS, NULL);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autofree double *a = g_new0 (double, rows->len + 1);
  g_autofree double *c = g_new0 (double, rows->len + 1);
  g_auto(GStrv) label_v = NULL;
  BbColor light = bb_color_tint (&b->branding->primary, 0.55);
  guint n = 0;
  double chart_h;

  /* Small counts stay out of the chart as they stay out of the table. */
  for (guint i = 0; i < rows->len; i++)
    {
      CategoryRow *row = &g_array_index (rows, CategoryRow, i);

      if (bb_publish_is_suppressed (&options->policy, row->now) ||
          bb_publish_is_suppressed (&options->policy, row->last_year))
        continue;
      g_strv_builder_add (labels, row->name);
      a[n] = row->last_year;
      c[n] = row->now;
      n++;
    }
  chart_h = MIN (16 + n * 17 + 14, MM (110));
  bb_briefing_need (b, 26 + chart_h);
  bb_briefing_heading (b, T (N_("This quarter compared with last year")));
  label_v = g_strv_builder_end (labels);
  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_add_series (chart, T (N_("Same quarter last year")), &light, a, n);
  bb_chart_add_series (chart, T (N_("This quarter")), &b->branding->primary, c, n);
  bb_page_add_chart (b->page, b->M, b->y, b->cw, chart_h, chart);
  b->y += chart_h + MM (8);
}

BbPrintDocument *
bb_briefing_build_into (BbStore                 *store,
                        const BbBranding        *branding,
                        const BbBriefingOptions *options,
                        BbWithheld              *withheld,
                        GError                 **error)
{
  const char *language = options->language;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CategoryRow));
  g_autofree char *title = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *cleared_text = NULL;
  gint64 total_now = 0, total_prev = 0, total_year = 0, cleared, restricted;
  BbBriefing briefing = { 0 }, *b = &briefing;
  BbTable *table;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (branding != NULL && options != NULL && withheld != NULL, NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  tz = bb_station_dup_time_zone (station);
  b->store = store;
  b->branding = branding;
  b->options = options;
  b->withheld = withheld;
  b->tz = tz;
  b->now = bb_quarter_period (tz, options->year, options->quarter);
  b->previous = bb_quarter_period (tz, options->year, options->quarter - 1);
  b->last_year = bb_quarter_period (tz, options->year - 1, options->quarter);
  b->next = bb_quarter_period (tz, options->year, options->quarter + 1);

  categories = bb_store_category_list (store, error);
  if (categories == NULL)
    return NULL;
  {
    /* Every figure of the table from one pass over the fifteen months
     * compared: this quarter, the one before, the same one last year. */
    const gint64 bounds[] = { b->now.start, b->now.end, b->previous.start, b->previous.end,
                              b->last_year.start, b->last_year.end };
    g_autoptr(GPtrArray) tops = g_ptr_array_new ();
    g_autofree gint64 *counts = NULL;
    gint64 cleared_in[3], restricted_in[3];

    for (guint i = 0; i < categories->len; i++)
      {
        BbCategory *c = g_ptr_array_index (categories, i);

        if (c->parent_id == NULL)
          g_ptr_array_add (tops, c);
      }
    counts = g_new0 (gint64, tops->len * 3 + 1);
    {
      g_autofree const char **ids = g_new0 (const char *, tops->len + 1);

      for (guint i = 0; i < tops->len; i++)
        ids[i] = ((BbCategory *) g_ptr_array_index (tops, i))->id;
      if (!bb_store_incident_count_periods (store, (const char * const *) options->station_ids, ids, tops->len, bounds, 3, counts, cleared_in, restricted_in,
                                            error))
        return NULL;
    }
    for (guint i = 0; i < tops->len; i++)
      {
        CategoryRow row = { ((BbCategory *) g_ptr_array_index (tops, i))->name,
                            counts[3 * i], counts[3 * i + 1], counts[3 * i + 2] };

        if (row.now == 0 && row.previous == 0 && row.last_year == 0)
          continue;
        total_now += row.now;
        total_prev += row.previous;
        total_year += row.last_year;
        g_array_append_val (rows, row);
      }
    cleared = cleared_in[0];
    restricted = restricted_in[0];
  }
  withheld->restricted_incidents += restricted;

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  b->doc = doc;
  bb_print_document_get_trim_size (doc, &b->W, &b->H);
  b->M = MM (18);
  b->cw = b->W - 2 * b->M;
  title = g_strdup (T (N_("Quarterly press briefing")));
  period_text = bb_template_quarter_label (language, options->year, options->quarter);
  b->period_text = period_text;
  bb_print_document_set_title (doc, title);

  /* Page 1: the headline figures and the table. */
  b->page = bb_print_document_add_page (doc);
  b->y = bb_template_band (b->page, branding, b->W, b->M, title, period_text);
  add_key_messages (b);

  total_text = format_count (options, withheld, total_now, FALSE);
  cleared_text = total_now > 0 && !bb_publish_is_suppressed (&options->policy, total_now)
                 ? g_strdup_printf ("%.0f %%", 100.0 * (double) cleared / (double) total_now)
                 : g_strdup ("–");
  {
    double card_w = (b->cw - 2 * MM (5)) / 3;

    stat_card (b, 26, b->M, card_w, MM (30), total_text, T (N_("incidents recorded this quarter")));
    stat_card (b, 15, b->M + card_w + MM (5), card_w, MM (30),
               bb_briefing_change_words (options, total_now, total_year), T (N_("compared with the same quarter last year")));
    stat_card (b, 26, b->M + 2 * (card_w + MM (5)), card_w, MM (30), cleared_text,
               T (N_("of this quarter’s incidents cleared")));
    b->y += MM (30) + MM (9);
  }

  bb_briefing_need (b, 26 + MM (30));
  bb_briefing_heading (b, T (N_("Incidents by category")));
  {
    const char *head[] = { T (N_("Category")), T (N_("This quarter")), T (N_("Previous quarter")),
                           T (N_("Change")), T (N_("Same quarter last year")), T (N_("Change")), NULL };

    table = category_table (b, head);
    for (guint i = 0; i <= rows->len; i++)
      {
        CategoryRow total = { (char *) T (N_("All incidents")), total_now, total_prev, total_year };
        CategoryRow *row = i < rows->len ? &g_array_index (rows, CategoryRow, i) : &total;
        g_autofree char *a = format_count (options, withheld, row->now, TRUE);
        g_autofree char *p = format_count (options, withheld, row->previous, TRUE);
        g_autofree char *d = format_count (options, withheld, row->last_year, TRUE);
        const char *cells[] = { row->name, a, p, bb_briefing_change_words (options, row->now, row->previous),
                                d, bb_briefing_change_words (options, row->now, row->last_year), NULL };

        bb_table_add_row (table, FALSE, cells);
        if (bb_table_measure (table) > BB_BRIEFING_BOTTOM (b) - b->y && bb_table_get_n_rows (table) > 2)
          {
            /* The table goes on over the page, its header repeated. */
            bb_table_pop_row (table);
            b->page = bb_print_document_add_page (doc);
            b->y = b->M;
            table = category_table (b, head);
            bb_table_add_row (table, FALSE, cells);
          }
      }
    b->y += bb_table_measure (table) + MM (5);
  }
  add_reading_note (b);
  add_chart (b, rows);

  if (!bb_briefing_add_map (b, error) ||
      !bb_briefing_add_community (b, error) ||
      !bb_briefing_add_problems (b, error) ||
      !bb_briefing_add_survey (b, error) ||
      !bb_briefing_add_coming_up (b, error))
    return NULL;

  bb_template_footers (doc, branding, b->M);
  return g_steal_pointer (&doc);
}

BbPrintDocument *
bb_briefing_build (BbStore                 *store,
                   const BbBranding        *branding,
                   const BbBriefingOptions *options,
                   BbWithheld             **withheld_out,
                   GError                 **error)
{
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  BbPrintDocument *doc = bb_briefing_build_into (store, branding, options, withheld, error);

  if (doc != NULL && withheld_out != NULL)
    *withheld_out = g_steal_pointer (&withheld);
  return doc;
}
