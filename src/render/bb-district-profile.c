/* bb-district-profile.c: a district on two pages: its officer, map, people, partners, concerns, problems and trends */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-district-profile"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-briefing-private.h"
#include "bb-chart.h"
#include "bb-public-map.h"
#include "bb-sara.h"
#include "bb-store-calendar.h"
#include "bb-survey-report.h"
#include "bb-trend.h"

typedef struct {
  BbStore               *store;
  const BbBranding      *branding;
  const BbReportRequest *request;
  BbWithheld            *withheld;
  BbDistrict            *district;
  GTimeZone             *tz;
  BbPeriod               now, last_year;
  const char            *period_text;   /* the quarter as the title names it */
  BbPrintDocument       *doc;
  BbPage                *page;
  double                 W, H, M, cw, y;
} Profile;

#define BOTTOM(p) ((p)->H - MM (22))

static void
need (Profile *p,
      double   height)
{
  if (p->y + height <= BOTTOM (p))
    return;
  p->page = bb_print_document_add_page (p->doc);
  p->y = p->M;
}

static void
heading (Profile    *p,
         const char *text)
{
  p->y += bb_template_heading (p->page, p->branding, p->M, p->y, p->cw, text);
}

static gint64
count (Profile     *p,
       const char  *category_id,
       BbPeriod     period,
       gboolean     restricted,
       GError     **error)
{
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  const char *districts[] = { p->district->id, NULL };
  const char *categories[] = { category_id, NULL };

  bb_incident_filter_set_time_range (filter, period.start, period.end);
  bb_incident_filter_set_district_ids (filter, districts);
  bb_incident_filter_set_station_ids (filter, (const char * const *) p->request->station_ids);
  if (category_id != NULL)
    bb_incident_filter_set_category_ids (filter, categories);
  filter->restricted = restricted ? BB_RESTRICTED_ONLY : BB_RESTRICTED_EXCLUDE;
  return bb_store_incident_count (p->store, filter, error);
}

static char *
format_count (Profile *p,
              gint64   n,
              gboolean compact)
{
  if (bb_publish_is_suppressed (&p->request->policy, n))
    p->withheld->suppressed_counts++;
  return bb_publish_format_count (&p->request->policy, p->request->language, n, compact);
}

/* The officer's card on the left, the district's figures on the right. */
static gboolean
add_officer_and_figures (Profile  *p,
                         GError  **error)
{
  const char *language = p->request->language;
  g_autoptr(BbOfficer) officer = NULL;
  BbColor box = bb_color_tint (&p->branding->primary, 0.92);
  double card_w = MM (84), h = MM (44), x2 = p->M + card_w + MM (6), w2 = p->cw - card_w - MM (6);
  g_autoptr(GError) local_error = NULL;
  BbTextStyle style;
  BbFrame *frame;
  gint64 now, before, restricted;
  g_autofree char *now_text = NULL;
  g_autofree char *rate = NULL;

  if (p->district->officer_id != NULL)
    officer = bb_store_officer_get (p->store, p->district->officer_id, NULL);

  bb_page_add_rect (p->page, p->M, p->y, card_w, h, &box, NULL, 0, MM (2));
  if (officer != NULL && officer->photo != NULL)
    bb_page_add_image (p->page, _("Officer’s photo"), p->M + MM (4), p->y + MM (4), MM (28), h - MM (8), officer->photo);
  else
    bb_page_add_photo_placeholder (p->page, p->M + MM (4), p->y + MM (4), MM (28), h - MM (8), &p->branding->primary);
  frame = bb_page_add_frame (p->page, _("Officer"), p->M + MM (36), p->y + MM (4), card_w - MM (40), h - MM (8));
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  style = bb_template_style_c (8, PANGO_WEIGHT_BOLD, &p->branding->accent);
  style.uppercase = TRUE;
  style.space_after = 2;
  bb_frame_add_paragraph (frame, &style, T (N_("Your neighbourhood officer")));
  if (officer != NULL)
    {
      style = bb_template_style_c (14, PANGO_WEIGHT_BOLD, &p->branding->primary);
      style.line_spacing = 1.2;
      style.space_after = 1;
      bb_frame_add_paragraph (frame, &style, officer->name);
      style = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
      style.space_after = 4;
      if (officer->rank != NULL)
        bb_frame_add_paragraph (frame, &style, officer->rank);
      style = bb_template_style (12, PANGO_WEIGHT_BOLD, BB_INK);
      style.space_after = 0;
      if (officer->phone != NULL)
        bb_frame_add_paragraph (frame, &style, officer->phone);
      style = bb_template_style (8.5, PANGO_WEIGHT_NORMAL, BB_INK);
      if (officer->email != NULL)
        bb_frame_add_paragraph (frame, &style, officer->email);
    }
  else
    {
      style = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
      bb_frame_add_paragraph (frame, &style, T (N_("No officer is assigned yet: call the station.")));
    }

  now = count (p, NULL, p->now, FALSE, &local_error);
  before = count (p, NULL, p->last_year, FALSE, &local_error);
  restricted = count (p, NULL, p->now, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  p->withheld->restricted_incidents += restricted;
  now_text = format_count (p, now, FALSE);
  if (p->district->population != BB_UNSET_INT && p->district->population > 0 &&
      !bb_publish_is_suppressed (&p->request->policy, now))
    rate = g_strdup_printf ("%.1f", 1000.0 * now / p->district->population);

  frame = bb_page_add_frame (p->page, _("District figures"), x2, p->y, w2, h);
  bb_frame_set_valign (frame, BB_VALIGN_MIDDLE);
  {
    struct { const char *figure; const char *label; } figures[4];
    g_autofree char *population = p->district->population != BB_UNSET_INT
                                  ? g_strdup_printf ("%d", p->district->population) : g_strdup ("–");
    BbBriefingOptions words_options = { 0 };

    words_options.language = (char *) language;
    words_options.policy = p->request->policy;
    figures[0].figure = population;
    figures[0].label = T (N_("residents"));
    figures[1].figure = now_text;
    figures[1].label = T (N_("incidents this quarter"));
    figures[2].figure = rate != NULL ? rate : "–";
    figures[2].label = T (N_("incidents per 1,000 residents"));
    figures[3].figure = bb_briefing_change_words (&words_options, now, before);
    figures[3].label = T (N_("compared with the same quarter last year"));
    for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
      {
        BbParagraph *para;

        style = bb_template_style_c (i == 3 ? 11.5 : 15, PANGO_WEIGHT_BOLD, &p->branding->primary);
        style.space_after = i + 1 < G_N_ELEMENTS (figures) ? 5 : 0;
        style.line_spacing = 1.25;
        para = bb_frame_add_paragraph (frame, &style, figures[i].figure);
        style = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
        style.size = 9;
        bb_paragraph_append (para, &style, "  ");
        bb_paragraph_append (para, &style, figures[i].label);
      }
  }
  p->y += h + MM (7);
  return TRUE;
}

static gboolean
add_map (Profile  *p,
         GError  **error)
{
  const char *language = p->request->language;
  BbPublicMapOptions options;
  BbStaticMap *map;
  double h = MM (92);

  bb_public_map_options_init (&options);
  options.district_id = p->district->id;
  options.from = p->now.start;
  options.to = p->now.end;
  options.policy = p->request->policy;
  options.language = language;
  options.legend_title = T (N_("Incidents this quarter per 250 m square"));
  options.period = p->period_text;
  map = bb_public_map_new (p->store, &options, p->withheld, error);
  if (map == NULL)
    return FALSE;
  need (p, 26 + h + MM (8));
  heading (p, T (N_("The district")));
  bb_page_add_map (p->page, _("District map"), p->M, p->y, p->cw, h, map);
  p->y += h + MM (1.5);
  {
    BbTextStyle style = bb_template_style (8, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
    g_autofree char *caption = g_strdup_printf (T (N_("Squares of 250 m with fewer than %u incidents are left blank, "
                                                       "so that no household can be recognised.")),
                                                p->request->policy.min_count);

    bb_page_add_text (p->page, _("Map caption"), p->M, p->y, p->cw, MM (5), &style, caption);
  }
  p->y += MM (6.5);
  return TRUE;
}

typedef struct {
  const char *name;
  gint64      now, before;
} Concern;

static int
compare_concerns (gconstpointer a,
                  gconstpointer b)
{
  const Concern *x = a, *y = b;

  return (y->now > x->now) - (y->now < x->now);
}

/* The categories residents meet most, most specific first (no parent of
 * another counts twice). */
static gboolean
add_top_concerns (Profile  *p,
                  GError  **error)
{
  const char *language = p->request->language;
  g_autoptr(GPtrArray) categories = bb_store_category_list (p->store, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Concern));
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  static const double fractions[] = { 2.4, 1, 1, 1.9 };
  const char *head[] = { T (N_("Category")), T (N_("This quarter")), T (N_("A year before")), T (N_("Change")), NULL };
  BbBriefingOptions words_options = { 0 };
  BbTable *table;
  guint shown = 0;

  if (categories == NULL)
    return FALSE;
  words_options.language = (char *) language;
  words_options.policy = p->request->policy;
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);

      if (c->parent_id != NULL)
        g_hash_table_add (parents, c->parent_id);
    }
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);
      g_autoptr(GError) local_error = NULL;
      Concern row = { c->name, 0, 0 };

      if (g_hash_table_contains (parents, c->id))
        continue;
      row.now = count (p, c->id, p->now, FALSE, &local_error);
      row.before = count (p, c->id, p->last_year, FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Categories too small to publish cannot be ranked in public. */
      if (row.now >= (gint64) MAX (p->request->policy.min_count, 1))
        g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_concerns);

  need (p, 26 + MM (40));
  heading (p, T (N_("What residents meet most")));
  table = bb_template_table (p->page, p->branding, _("Top concerns"), p->M, p->y, p->cw, BOTTOM (p) - p->y,
                             4, fractions);
  bb_table_set_column_align (table, 1, BB_ALIGN_END);
  bb_table_set_column_align (table, 2, BB_ALIGN_END);
  bb_table_add_row (table, TRUE, head);
  for (guint i = 0; i < rows->len && shown < 6; i++, shown++)
    {
      Concern *row = &g_array_index (rows, Concern, i);
      g_autofree char *a = format_count (p, row->now, TRUE);
      g_autofree char *b = format_count (p, row->before, TRUE);
      const char *cells[] = { row->name, a, b, bb_briefing_change_words (&words_options, row->now, row->before), NULL };

      bb_table_add_row (table, FALSE, cells);
    }
  if (shown == 0)
    {
      const char *cells[] = { T (N_("Too few incidents to publish this quarter")), "", "", "", NULL };

      bb_table_add_row (table, FALSE, cells);
    }
  p->y += bb_table_measure (table) + MM (8);
  return TRUE;
}

/* Twelve months to the quarter's end, beside the twelve before. */
static gboolean
add_trend (Profile  *p,
           GError  **error)
{
  const char *language = p->request->language;
  BbChart *chart;
  double now[12], before[12];
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_v = NULL;
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (p->now.end);
  g_autoptr(GDateTime) end_local = g_date_time_to_timezone (end, p->tz);
  BbColor light = bb_color_tint (&p->branding->primary, 0.55);
  double h = MM (62);

  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_months (end_local, m - 12);
      g_autoptr(GDateTime) stop = g_date_time_add_months (end_local, m - 11);
      g_autoptr(GDateTime) start_before = g_date_time_add_months (end_local, m - 24);
      g_autoptr(GDateTime) stop_before = g_date_time_add_months (end_local, m - 23);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *label = g_date_time_format (start, "%m/%y");

      now[m] = count (p, NULL, (BbPeriod) { g_date_time_to_unix (start), g_date_time_to_unix (stop) }, FALSE,
                      &local_error);
      before[m] = count (p, NULL, (BbPeriod) { g_date_time_to_unix (start_before), g_date_time_to_unix (stop_before) },
                         FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A month of one or two incidents is drawn as none. */
      if (bb_publish_is_suppressed (&p->request->policy, (gint64) now[m]))
        now[m] = 0;
      if (bb_publish_is_suppressed (&p->request->policy, (gint64) before[m]))
        before[m] = 0;
      g_strv_builder_add (labels, label);
    }
  need (p, 26 + h);
  heading (p, T (N_("Incidents month by month")));
  chart = bb_chart_new (BB_CHART_LINES, NULL);
  label_v = g_strv_builder_end (labels);
  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_add_series (chart, T (N_("The year before")), &light, before, 12);
  bb_chart_add_series (chart, T (N_("The last twelve months")), &p->branding->primary, now, 12);
  bb_page_add_chart (p->page, p->M, p->y, p->cw, h, chart);
  p->y += h + MM (7);
  return TRUE;
}

/* What the district's residents said in the latest survey round of the
 * quarter, and over the rounds before it. */
static gboolean
add_survey (Profile  *p,
            GError  **error)
{
  const char *language = p->request->language;
  g_autoptr(BbPrintDocument) scratch = bb_print_document_new (BB_PAPER_A4, FALSE);
  BbPage *trial = bb_print_document_add_page (scratch);
  guint min_n = bb_store_get_survey_min_respondents (p->store);
  double room = MM (125), h;

  /* Measured on a page of its own first: nothing is drawn for a station
   * without a survey, and the section does not break across pages. */
  h = bb_survey_summary_add (scratch, trial, p->store, p->branding, language, p->district->id, p->now.end, min_n,
                             p->M, 0, p->cw, room, NULL, error);
  if (h < 0)
    return FALSE;
  if (h == 0)
    return TRUE;
  need (p, 26 + h + MM (6));
  heading (p, T (N_("What residents say")));
  h = bb_survey_summary_add (p->doc, p->page, p->store, p->branding, language, p->district->id, p->now.end, min_n,
                             p->M, p->y, p->cw, room, p->withheld, error);
  if (h < 0)
    return FALSE;
  p->y += h + MM (6);
  return TRUE;
}

static gboolean
add_problems_and_partners (Profile  *p,
                           GError  **error)
{
  const char *language = p->request->language;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (p->store, error);
  g_autoptr(GPtrArray) partners = NULL;
  static const double fractions[] = { 3, 1.3 };
  BbTable *table;
  guint shown = 0, residents = 0;
  GString *names;
  BbTextStyle style = bb_template_style (10, PANGO_WEIGHT_NORMAL, BB_INK);
  double h;

  if (problems == NULL)
    return FALSE;
  need (p, 26 + MM (30));
  heading (p, T (N_("Problems being solved with partners")));
  {
    const char *head[] = { T (N_("Problem")), T (N_("Stage")), NULL };

    table = bb_template_table (p->page, p->branding, _("Active problems"), p->M, p->y, p->cw, BOTTOM (p) - p->y,
                               2, fractions);
    bb_table_add_row (table, TRUE, head);
  }
  for (guint i = 0; i < problems->len && shown < 8; i++)
    {
      BbProblem *problem = g_ptr_array_index (problems, i);
      BbSaraStage stage;
      const char *stage_words[] = { N_("Scanning"), N_("Analysis"), N_("Response"), N_("Assessment"), N_("Closed") };

      if (g_strcmp0 (problem->district_id, p->district->id) != 0 || g_strcmp0 (problem->stage, "closed") == 0 ||
          !bb_sara_stage_from_string (problem->stage, &stage) || stage >= BB_SARA_N_STAGES)
        continue;
      {
        const char *cells[] = { problem->title, T (stage_words[stage]), NULL };

        bb_table_add_row (table, FALSE, cells);
      }
      shown++;
    }
  if (shown == 0)
    {
      const char *cells[] = { T (N_("No problem is open in this district.")), "", NULL };

      bb_table_add_row (table, FALSE, cells);
    }
  p->y += bb_table_measure (table) + MM (8);

  /* Organisations by name; private persons only as a number. */
  partners = bb_store_partner_list (p->store, error);
  if (partners == NULL)
    return FALSE;
  names = g_string_new (NULL);
  for (guint i = 0; i < partners->len; i++)
    {
      BbPartner *partner = g_ptr_array_index (partners, i);

      if (g_strcmp0 (partner->district_id, p->district->id) != 0)
        continue;
      if (partner->is_person)
        {
          residents++;
          continue;
        }
      if (names->len > 0)
        g_string_append (names, " · ");
      g_string_append (names, partner->name);
    }
  if (residents > 0)
    {
      if (names->len > 0)
        g_string_append (names, "\n\n");
      g_string_append_printf (names, names->len > 0
                                     ? T (N_("…and %u residents who take part in the community advisory group."))
                                     : T (N_("%u residents take part in the community advisory group.")),
                              residents);
      bb_withheld_add_note (p->withheld,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The name of %u private person among the district’s partners is not printed.",
                                         "The names of %u private persons among the district’s partners are not printed.",
                                         residents),
                            residents);
    }
  if (names->len == 0)
    g_string_append (names, T (N_("No partners are recorded for this district yet.")));
  style.line_spacing = 1.45;
  h = bb_print_document_measure_text (p->doc, &style, names->str, p->cw);
  need (p, 26 + MIN (h, MM (40)));
  heading (p, T (N_("Working together")));
  bb_page_add_text (p->page, _("Partners"), p->M, p->y, p->cw, MIN (h + 2, BOTTOM (p) - p->y), &style, names->str);
  p->y += h + MM (6);
  g_string_free (names, TRUE);
  return TRUE;
}

BbPrintDocument *
bb_district_profile_build (BbStore                *store,
                           const BbBranding       *branding,
                           const BbReportRequest  *request,
                           BbWithheld             *withheld,
                           GError                **error)
{
  const char *language = request->language;
  g_autoptr(BbDistrict) district = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  Profile profile = { 0 }, *p = &profile;

  g_return_val_if_fail (request->district_id != NULL, NULL);
  g_return_val_if_fail (request->quarter >= 1 && request->quarter <= 4, NULL);

  district = bb_store_district_get (store, request->district_id, error);
  if (district == NULL)
    return NULL;
  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  tz = bb_station_dup_time_zone (station);

  p->store = store;
  p->branding = branding;
  p->request = request;
  p->withheld = withheld;
  p->district = district;
  p->tz = tz;
  p->now = bb_quarter_period (tz, request->year, request->quarter);
  p->last_year = bb_quarter_period (tz, request->year - 1, request->quarter);
  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  p->doc = doc;
  bb_print_document_get_trim_size (doc, &p->W, &p->H);
  p->M = MM (18);
  p->cw = p->W - 2 * p->M;

  title = g_strdup_printf (T (N_("District profile: %s")), district->name);
  subtitle = bb_template_quarter_label (language, request->year, request->quarter);
  p->period_text = subtitle;
  bb_print_document_set_title (doc, title);
  p->page = bb_print_document_add_page (doc);
  p->y = bb_template_band (p->page, branding, p->W, p->M, title, subtitle);

  if (!add_officer_and_figures (p, error) || !add_map (p, error) || !add_top_concerns (p, error) ||
      !add_trend (p, error) || !add_survey (p, error) || !add_problems_and_partners (p, error))
    return NULL;
  bb_template_footers (doc, branding, p->M);
  return g_steal_pointer (&doc);
}
