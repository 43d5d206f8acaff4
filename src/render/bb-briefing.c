/* bb-briefing.c: the chief's quarterly press briefing, from public incidents only */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-briefing"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-chart.h"
#include "bb-template-private.h"
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
}

typedef struct {
  gint64 start, end;
} Period;

static Period
quarter_period (GTimeZone *tz,
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
  return (Period) { g_date_time_to_unix (start), g_date_time_to_unix (end) };
}

typedef struct {
  char   *name;
  gint64  now, previous, last_year;
} CategoryRow;

static gint64
count_public (BbStore     *store,
              const char  *category_id,
              const char  *status,
              Period       period,
              gboolean     restricted_only,
              GError     **error)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  const char *ids[] = { category_id, NULL };
  const char *statuses[] = { status, NULL };

  bb_incident_filter_set_time_range (filter, period.start, period.end);
  if (category_id != NULL)
    bb_incident_filter_set_category_ids (filter, ids);
  if (status != NULL)
    bb_incident_filter_set_statuses (filter, statuses);
  filter->restricted = restricted_only ? BB_RESTRICTED_ONLY : BB_RESTRICTED_EXCLUDE;
  return bb_store_incident_count (store, filter, error);
}

/* The Poisson reading in words, or NULL when a count is too small to
 * compare in public. */
static const char *
change_words (const BbBriefingOptions *options,
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

static const char *const quarter_months[] = {
  N_("January–March"), N_("April–June"), N_("July–September"), N_("October–December"),
};

static void
page_footer (BbPage           *page,
             const BbBranding *branding,
             const char       *language,
             double            W,
             double            H,
             guint             number,
             guint             n_pages)
{
  BbColor rule = bb_color_rgb (0xd0d4d9);
  BbTextStyle style = bb_template_style (8, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  g_autofree char *pages = g_strdup_printf (T (N_("Page %u of %u")), number, n_pages);

  bb_page_add_line (page, MM (18), H - MM (14), W - MM (18), H - MM (14), &rule, 0.6, FALSE);
  bb_page_add_text (page, _("Footer"), MM (18), H - MM (12.5), W - MM (70), MM (6), &style,
                    branding->station_name != NULL ? branding->station_name : "");
  style.align = BB_ALIGN_END;
  bb_page_add_text (page, _("Page number"), W - MM (60), H - MM (12.5), MM (42), MM (6), &style, pages);
}

static void
section_heading (BbPage           *page,
                 const BbBranding *branding,
                 double            x,
                 double            y,
                 double            w,
                 const char       *text)
{
  BbTextStyle style = bb_template_style_c (14, PANGO_WEIGHT_BOLD, &branding->primary);

  bb_page_add_rect (page, x, y + 3, MM (1.2), 13, &branding->accent, NULL, 0, 0);
  bb_page_add_text (page, text, x + MM (3.5), y, w - MM (3.5), 22, &style, text);
}

static BbTable *
category_table (BbPage             *page,
                const BbBranding   *branding,
                double              x,
                double              y,
                double              w,
                double              max_h,
                const char * const *head)
{
  static const double fractions[] = { 1.3, 0.9, 0.9, 2.1, 0.9, 2.1 };
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
  BbTextStyle body = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK);
  BbColor stripe = bb_color_tint (&branding->primary, 0.93);
  BbColor rule = bb_color_tint (&branding->primary, 0.8);
  BbTable *table = bb_page_add_table (page, _("Incidents by category"), x, y, w, max_h, 6, fractions);

  header.line_spacing = 1.25;
  body.line_spacing = 1.3;
  bb_table_set_style (table, &header, &body, &branding->primary, &stripe, &rule);
  for (guint c = 1; c < 6; c++)
    bb_table_set_column_align (table, c, (c == 3 || c == 5) ? BB_ALIGN_START : BB_ALIGN_END);
  bb_table_add_row (table, TRUE, head);
  return table;
}

static void
stat_card (BbPrintDocument  *doc,
           BbPage           *page,
           const BbBranding *branding,
           double            figure_size,
           double            x,
           double            y,
           double            w,
           double            h,
           const char       *figure,
           const char       *label)
{
  BbColor box = bb_color_tint (&branding->primary, 0.9);
  BbTextStyle big = bb_template_style_c (figure_size, PANGO_WEIGHT_BOLD, &branding->primary);
  BbTextStyle small = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  BbFrame *frame;

  bb_page_add_rect (page, x, y, w, h, &box, NULL, 0, MM (2));
  frame = bb_page_add_frame (page, label, x + MM (4), y + MM (3), w - MM (8), h - MM (6));
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  big.space_after = 2;
  big.line_spacing = 1.2;
  /* Longer words in another language: smaller type rather than overflow. */
  while ((big.size > figure_size * 0.6 || small.size > 7.5)
         && bb_print_document_measure_text (doc, &big, figure, w - MM (8)) + big.space_after
            + bb_print_document_measure_text (doc, &small, label, w - MM (8)) > h - MM (6))
    {
      if (big.size > figure_size * 0.6)
        big.size -= 1;
      else
        small.size -= 0.5;
    }
  bb_frame_add_paragraph (frame, &big, figure);
  bb_frame_add_paragraph (frame, &small, label);
}

BbPrintDocument *
bb_briefing_build (BbStore                 *store,
                   const BbBranding        *branding,
                   const BbBriefingOptions *options,
                   BbWithheld             **withheld_out,
                   GError                 **error)
{
  const char *language = options->language;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(BbWithheld) withheld = bb_withheld_new ();
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CategoryRow));
  g_autofree char *title = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *cleared_text = NULL;
  g_autoptr(GError) local_error = NULL;
  Period now, previous, last_year, next;
  gint64 total_now = 0, total_prev = 0, total_year = 0, cleared, restricted;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&branding->accent, 0.35);
  BbPage *page;
  BbFrame *frame;
  BbTable *table;
  BbTextStyle style;
  double W, H, M = MM (18), y, cw, chart_h;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (branding != NULL && options != NULL, NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  tz = station->timezone != NULL ? g_time_zone_new_identifier (station->timezone) : NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = quarter_period (tz, options->year, options->quarter);
  previous = quarter_period (tz, options->year, options->quarter - 1);
  last_year = quarter_period (tz, options->year - 1, options->quarter);
  next = quarter_period (tz, options->year, options->quarter + 1);

  categories = bb_store_category_list (store, error);
  if (categories == NULL)
    return NULL;
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);
      CategoryRow row = { NULL, 0, 0, 0 };

      if (c->parent_id != NULL)
        continue;
      row.now = count_public (store, c->id, NULL, now, FALSE, &local_error);
      row.previous = count_public (store, c->id, NULL, previous, FALSE, &local_error);
      row.last_year = count_public (store, c->id, NULL, last_year, FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (row.now == 0 && row.previous == 0 && row.last_year == 0)
        continue;
      row.name = c->name;
      total_now += row.now;
      total_prev += row.previous;
      total_year += row.last_year;
      g_array_append_val (rows, row);
    }
  cleared = count_public (store, NULL, "cleared", now, FALSE, &local_error);
  restricted = count_public (store, NULL, NULL, now, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  withheld->restricted_incidents = restricted;
  events = bb_store_event_list (store, now.start, now.end, error);
  if (events == NULL)
    return NULL;
  upcoming = bb_store_event_list (store, next.start, next.end, error);
  if (upcoming == NULL)
    return NULL;

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_get_trim_size (doc, &W, &H);
  cw = W - 2 * M;
  title = g_strdup (T (N_("Quarterly press briefing")));
  period_text = g_strdup_printf (T (N_("%s %d (quarter %d)")), T (quarter_months[options->quarter - 1]),
                                 options->year, options->quarter);
  bb_print_document_set_title (doc, title);

  /* Page 1: the headline figures and the table. */
  page = bb_print_document_add_page (doc);
  bb_page_add_rect (page, 0, 0, W, MM (42), &branding->primary, NULL, 0, 0);
  bb_page_add_rect (page, 0, MM (42), W, MM (1.5), &branding->accent, NULL, 0, 0);
  bb_template_logo (page, branding, W - M - MM (22), MM (12), MM (22), MM (22));
  frame = bb_page_add_frame (page, _("Title"), M, MM (7), cw - MM (28), MM (30));
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (11, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 4;
  bb_frame_add_paragraph (frame, &style, branding->station_name);
  {
    /* A long station name or a long title in another language takes a
     * second line: the title then gets smaller rather than overflowing. */
    BbTextStyle period_style = bb_template_style_c (14.5, PANGO_WEIGHT_NORMAL, &white);
    double rest = MM (30) - bb_print_document_measure_text (doc, &style, branding->station_name, cw - MM (28))
                  - style.space_after - bb_print_document_measure_text (doc, &period_style, period_text, cw - MM (28));

    style = bb_template_style_c (29, PANGO_WEIGHT_BOLD, &white);
    style.space_after = 2;
    while (style.size > 16
           && bb_print_document_measure_text (doc, &style, title, cw - MM (28)) + style.space_after > rest)
      style.size -= 1;
  }
  bb_frame_add_paragraph (frame, &style, title);
  style = bb_template_style_c (14.5, PANGO_WEIGHT_NORMAL, &white);
  bb_frame_add_paragraph (frame, &style, period_text);

  y = MM (52);
  if (options->key_messages != NULL && *options->key_messages)
    {
      BbTextStyle body = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
      double h;

      body.line_spacing = 1.4;
      body.space_after = 5;
      section_heading (page, branding, M, y, cw, T (N_("Key messages")));
      y += 26;
      h = bb_print_document_measure_text (doc, &body, options->key_messages, cw);
      frame = bb_page_add_frame (page, _("Key messages"), M, y, cw, MIN (h + 12, MM (60)));
      bb_template_add_body (frame, &body, &branding->accent, options->key_messages);
      y += MIN (h + 12, MM (60)) + MM (4);
    }

  total_text = format_count (options, withheld, total_now, FALSE);
  if (total_now > 0 && !bb_publish_is_suppressed (&options->policy, total_now))
    {
      g_autofree char *percent = bb_render_format_number (language, 100.0 * (double) cleared / (double) total_now, 0);

      /* Translators: a percentage in a printed document; %s is the number.
       * Write the sign as %% and space it as your language does (Russian: "%s %%"). */
      cleared_text = g_strdup_printf (T (N_("%s%%")), percent);
    }
  else
    cleared_text = g_strdup ("–");
  {
    double card_w = (cw - 2 * MM (5)) / 3;

    stat_card (doc, page, branding, 26, M, y, card_w, MM (30), total_text, T (N_("incidents recorded this quarter")));
    stat_card (doc, page, branding, 15, M + card_w + MM (5), y, card_w, MM (30),
               change_words (options, total_now, total_year), T (N_("compared with the same quarter last year")));
    stat_card (doc, page, branding, 26, M + 2 * (card_w + MM (5)), y, card_w, MM (30), cleared_text,
               T (N_("of this quarter’s incidents cleared")));
    y += MM (30) + MM (9);
  }

  section_heading (page, branding, M, y, cw, T (N_("Incidents by category")));
  y += 26;
  {
    const char *head[] = { T (N_("Category")), T (N_("This quarter")), T (N_("Previous quarter")),
                           T (N_("Change")), T (N_("Same quarter last year")), T (N_("Change")), NULL };

    table = category_table (page, branding, M, y, cw, H - MM (24) - y, head);
    for (guint i = 0; i <= rows->len; i++)
      {
        CategoryRow total = { (char *) T (N_("All incidents")), total_now, total_prev, total_year };
        CategoryRow *row = i < rows->len ? &g_array_index (rows, CategoryRow, i) : &total;
        g_autofree char *a = format_count (options, withheld, row->now, TRUE);
        g_autofree char *b = format_count (options, withheld, row->previous, TRUE);
        g_autofree char *d = format_count (options, withheld, row->last_year, TRUE);
        const char *cells[] = { row->name, a, b, change_words (options, row->now, row->previous),
                                d, change_words (options, row->now, row->last_year), NULL };

        bb_table_add_row (table, FALSE, cells);
        if (bb_table_measure (table) > H - MM (24) - y && bb_table_get_n_rows (table) > 2)
          {
            /* The table goes on over the page, its header repeated. */
            bb_table_pop_row (table);
            page = bb_print_document_add_page (doc);
            y = M;
            table = category_table (page, branding, M, y, cw, H - MM (24) - y, head);
            bb_table_add_row (table, FALSE, cells);
          }
      }
    y += bb_table_measure (table) + MM (5);
  }
  if (y > H - MM (50))
    {
      page = bb_print_document_add_page (doc);
      y = M;
    }

  style = bb_template_style (8.5, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  style.line_spacing = 1.4;
  {
    g_autofree char *note = g_strdup_printf (
      T (N_("How to read this table: a change is called “a real rise” or “a real fall” only when it is larger "
            "than chance alone would give (a Poisson test on the counts); smaller changes are “within normal "
            "variation”. Figures below %u are not published (“< %u”), to protect the people involved. "
            "Incidents whose details must stay confidential, such as domestic violence or those involving children, are not "
            "included in these figures.")),
      options->policy.min_count, options->policy.min_count);

    double h = bb_print_document_measure_text (doc, &style, note, cw);

    bb_page_add_text (page, _("How to read"), M, y, cw, h + 2, &style, note);
    y += h + MM (8);
  }

  /* The chart, community work, what comes next: on the same page while
   * they fit. */
  {
    guint n = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        CategoryRow *row = &g_array_index (rows, CategoryRow, i);

        if (!bb_publish_is_suppressed (&options->policy, row->now) &&
            !bb_publish_is_suppressed (&options->policy, row->last_year))
          n++;
      }
    chart_h = MIN (16 + n * 20 + 14, MM (120));
  }
  if (y + 26 + chart_h > H - MM (24))
    {
      page = bb_print_document_add_page (doc);
      y = M;
    }
  section_heading (page, branding, M, y, cw, T (N_("This quarter compared with last year")));
  y += 26;
  {
    BbChart *chart = bb_chart_new (BB_CHART_HBARS, NULL);
    g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
    g_autofree double *a = g_new0 (double, rows->len + 1);
    g_autofree double *b = g_new0 (double, rows->len + 1);
    g_auto(GStrv) label_v = NULL;
    guint n = 0;
    BbColor light = bb_color_tint (&branding->primary, 0.55);

    /* Small counts stay out of the chart as they stay out of the table. */
    for (guint i = 0; i < rows->len; i++)
      {
        CategoryRow *row = &g_array_index (rows, CategoryRow, i);

        if (bb_publish_is_suppressed (&options->policy, row->now) ||
            bb_publish_is_suppressed (&options->policy, row->last_year))
          continue;
        g_strv_builder_add (labels, row->name);
        a[n] = row->last_year;
        b[n] = row->now;
        n++;
      }
    label_v = g_strv_builder_end (labels);
    bb_chart_set_labels (chart, (const char * const *) label_v);
    bb_chart_add_series (chart, T (N_("Same quarter last year")), &light, a, n);
    bb_chart_add_series (chart, T (N_("This quarter")), &branding->primary, b, n);
    bb_page_add_chart (page, M, y, cw, chart_h, chart);
    y += chart_h + MM (8);
  }

  if (y + 26 + MM (18) > H - MM (24))
    {
      page = bb_print_document_add_page (doc);
      y = M;
    }
  section_heading (page, branding, M, y, cw, T (N_("Working with the community")));
  y += 26;
  {
    guint n_meetings = 0;
    gint64 attendees = 0;
    g_autofree char *text = NULL;

    for (guint i = 0; i < events->len; i++)
      {
        BbEvent *e = g_ptr_array_index (events, i);

        if (e->cancelled || g_strcmp0 (e->kind, "press_briefing") == 0)
          continue;
        n_meetings++;
        if (e->head_count != BB_UNSET_INT)
          attendees += e->head_count;
      }
    {
      g_autofree char *held = g_strdup_printf (TN ("This quarter the station held %u community meeting, open day, "
                                                   "school visit or training.",
                                                   "This quarter the station held %u community meetings, open days, "
                                                   "school visits and trainings.", n_meetings),
                                               n_meetings);
      g_autofree char *came = g_strdup_printf (TN ("%u person attended.", "%u people attended.", (gulong) attendees),
                                               (guint) attendees);

      text = g_strjoin (" ", held, came, NULL);
    }
    style = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
    style.line_spacing = 1.4;
    bb_page_add_text (page, _("Community work"), M, y, cw, MM (16), &style, text);
    y += MM (18);
  }

  if (y + 26 + MM (30) > H - MM (24))
    {
      page = bb_print_document_add_page (doc);
      y = M;
    }
  section_heading (page, branding, M, y, cw, T (N_("Coming up")));
  y += 26;
  if (upcoming->len == 0)
    {
      style = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      bb_page_add_text (page, _("Coming up"), M, y, cw, MM (8), &style,
                        T (N_("No public events are planned yet for the next quarter.")));
    }
  else
    {
      static const double fractions[] = { 1.0, 2.4, 1.8 };
      BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
      BbTextStyle body = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK);
      BbColor stripe = bb_color_tint (&branding->primary, 0.93);
      BbColor rule = bb_color_tint (&branding->primary, 0.8);
      const char *head[] = { T (N_("Date")), T (N_("Event")), T (N_("Place")), NULL };
      guint shown = 0;

      table = bb_page_add_table (page, _("Coming up"), M, y, cw, H - MM (22) - y, 3, fractions);
      bb_table_set_style (table, &header, &body, &branding->primary, &stripe, &rule);
      bb_table_add_row (table, TRUE, head);
      for (guint i = 0; i < upcoming->len && shown < 12; i++)
        {
          BbEvent *e = g_ptr_array_index (upcoming, i);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (e->start_at);
          g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
          g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
          const char *cells[] = { date, e->title, e->place != NULL ? e->place : "", NULL };

          if (e->cancelled || g_strcmp0 (e->kind, "advisory_meeting") == 0 ||
              g_strcmp0 (e->kind, "training") == 0)
            continue;
          bb_table_add_row (table, FALSE, cells);
          if (bb_table_measure (table) > H - MM (22) - y)
            {
              /* The rest of the calendar is the calendar's business. */
              bb_table_pop_row (table);
              break;
            }
          shown++;
        }
    }

  for (guint i = 0; i < bb_print_document_get_n_pages (doc); i++)
    page_footer (bb_print_document_get_page (doc, i), branding, language, W, H, i + 1,
                 bb_print_document_get_n_pages (doc));

  if (withheld_out != NULL)
    *withheld_out = g_steal_pointer (&withheld);
  return g_steal_pointer (&doc);
}
