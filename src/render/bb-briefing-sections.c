/* bb-briefing-sections.c: the briefing after its figures: the safe map, work with the community, problems solved, the survey, what comes next */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-briefing"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-assessment.h"
#include "bb-briefing-private.h"
#include "bb-public-map.h"
#include "bb-store-calendar.h"
#include "bb-store-problems.h"
#include "bb-store-surveys.h"
#include "bb-survey-report.h"

static void
add_paragraph (BbBriefing *b,
               const char *name,
               const char *text,
               double      size,
               guint32     rgb)
{
  BbTextStyle style = bb_template_style (size, PANGO_WEIGHT_NORMAL, rgb);
  double h;

  style.line_spacing = 1.4;
  h = bb_print_document_measure_text (b->doc, &style, text, b->cw);
  bb_briefing_need (b, h);
  bb_page_add_text (b->page, name, b->M, b->y, b->cw, h + 2, &style, text);
  b->y += h + MM (4);
}

gboolean
bb_briefing_add_map (BbBriefing  *b,
                     GError     **error)
{
  const char *language = b->options->language;
  BbPublicMapOptions options;
  BbStaticMap *map;
  g_autofree char *caption = NULL;
  double h = MM (125), room;

  bb_public_map_options_init (&options);
  options.from = b->now.start;
  options.to = b->now.end;
  options.policy = b->options->policy;
  options.language = language;
  options.legend_title = T (N_("Incidents this quarter per 250 m square"));
  options.period = b->period_text;
  options.station_ids = (const char * const *) b->options->station_ids;
  map = bb_public_map_new (b->store, &options, b->withheld, error);
  if (map == NULL)
    return FALSE;

  /* The map shrinks a little rather than leave half a page empty. */
  room = BB_BRIEFING_BOTTOM (b) - b->y - 26 - MM (14);
  if (room >= MM (95))
    h = MIN (h, room);
  bb_briefing_need (b, 26 + h + MM (14));
  bb_briefing_heading (b, T (N_("Where incidents happened")));
  bb_page_add_map (b->page, _("Map of incidents"), b->M, b->y, b->cw, h, map);
  b->y += h + MM (3);
  caption = g_strdup_printf (T (N_("Incidents are counted in squares of 250 m, never shown as points or addresses. "
                                   "Squares with fewer than %u incidents are left blank so that no household can "
                                   "be recognised; confidential incidents are not counted.")),
                             b->options->policy.min_count);
  add_paragraph (b, _("Map caption"), caption, 8.5, BB_INK_SOFT);
  b->y += MM (4);
  return TRUE;
}

typedef struct {
  char   *name;
  guint   held;
  gint64  attendees;
  guint   counted;    /* how many of them have a head count */
} Activity;

gboolean
bb_briefing_add_community (BbBriefing  *b,
                           GError     **error)
{
  const char *language = b->options->language;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GArray) activities = g_array_new (FALSE, TRUE, sizeof (Activity));
  guint held = 0, concerns = 0, followed = 0;
  gint64 attendees = 0;
  g_autofree char *text = NULL;

  items = bb_store_calendar_items_for_stations (b->store, b->now.start, b->now.end, NULL, NULL,
                                                (const char * const *) b->options->station_ids, error);
  if (items == NULL)
    return FALSE;
  kinds = bb_store_event_kind_list (b->store, error);
  if (kinds == NULL)
    return FALSE;
  for (guint k = 0; k + 1 < kinds->len; k += 2)
    {
      Activity a = { g_ptr_array_index (kinds, k + 1), 0, 0, 0 };

      g_array_append_val (activities, a);
    }

  for (guint i = 0; i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);
      g_autoptr(BbEvent) event = NULL;
      g_autoptr(GPtrArray) raised = NULL;

      if (item->kind != BB_CALENDAR_ITEM_EVENT || g_strcmp0 (item->event_kind, "press_briefing") == 0)
        continue;
      event = bb_store_event_get (b->store, item->id, error);
      if (event == NULL)
        return FALSE;
      for (guint k = 0; k + 1 < kinds->len; k += 2)
        if (g_strcmp0 (g_ptr_array_index (kinds, k), item->event_kind) == 0)
          {
            Activity *a = &g_array_index (activities, Activity, k / 2);

            a->held++;
            /* A series' row holds no one occurrence's head count. */
            if (event->rrule == NULL && event->head_count != BB_UNSET_INT)
              {
                a->attendees += event->head_count;
                a->counted++;
                attendees += event->head_count;
              }
          }
      held++;
      if (event->rrule == NULL)
        {
          raised = bb_store_concern_list (b->store, event->id, error);
          if (raised == NULL)
            return FALSE;
          for (guint c = 0; c < raised->len; c++)
            {
              BbConcern *concern = g_ptr_array_index (raised, c);

              concerns++;
              followed += concern->problem_id != NULL || concern->incident_id != NULL;
            }
        }
    }

  bb_briefing_need (b, 26 + MM (40));
  bb_briefing_heading (b, T (N_("Working with the community")));
  text = g_strdup_printf (T (N_("This quarter the station held %u meetings, open days, school visits and other "
                                "activities with residents and partners, attended by %u people. Residents raised "
                                "%u concerns at them; %u were taken up as incidents or as problems to solve with "
                                "partners.")),
                          held, (guint) attendees, concerns, followed);
  add_paragraph (b, _("Community work"), text, 11, BB_INK);

  if (held > 0)
    {
      static const double fractions[] = { 2.6, 1, 1 };
      const char *head[] = { T (N_("Activity")), T (N_("Held")), T (N_("People attending")), NULL };
      BbTable *table;

      bb_briefing_need (b, MM (30));
      table = bb_briefing_table (b, _("Community activities"), BB_BRIEFING_BOTTOM (b) - b->y, 3, fractions);
      bb_table_set_column_align (table, 1, BB_ALIGN_END);
      bb_table_set_column_align (table, 2, BB_ALIGN_END);
      bb_table_add_row (table, TRUE, head);
      for (guint i = 0; i < activities->len; i++)
        {
          Activity *a = &g_array_index (activities, Activity, i);
          g_autofree char *n = g_strdup_printf ("%u", a->held);
          g_autofree char *people = a->counted > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, a->attendees) : g_strdup ("–");
          const char *cells[] = { a->name, n, people, NULL };

          if (a->held == 0)
            continue;
          bb_table_add_row (table, FALSE, cells);
        }
      b->y += bb_table_measure (table) + MM (8);
    }
  return TRUE;
}

/* The reading of an assessment in plain words, in the document's language. */
static char *
assessment_words (BbBriefing               *b,
                  const BbAssessmentCounts *counts)
{
  const char *language = b->options->language;
  BbAssessment result;
  const char *change, *around;

  bb_assessment_compute (counts, &result);
  switch (result.change)
    {
    case BB_CHANGE_SIGNIFICANT_FALL: change = T (N_("incidents in the area fell: a real fall")); break;
    case BB_CHANGE_WATCH_FALL: change = T (N_("incidents in the area fell; a fall worth watching")); break;
    case BB_CHANGE_WATCH_RISE: change = T (N_("incidents in the area rose; a rise worth watching")); break;
    case BB_CHANGE_SIGNIFICANT_RISE: change = T (N_("incidents in the area rose: a real rise")); break;
    case BB_CHANGE_NOISE:
    default: change = T (N_("no change beyond normal variation")); break;
    }
  switch (result.reading)
    {
    case BB_WDQ_DIFFUSION:
    case BB_WDQ_DIFFUSION_GREATER:
      around = T (N_("the streets around improved too"));
      break;
    case BB_WDQ_DISPLACEMENT:
    case BB_WDQ_DISPLACEMENT_GREATER:
      around = T (N_("some of it moved to the streets around"));
      break;
    case BB_WDQ_NO_CHANGE_AROUND:
      around = T (N_("the streets around did not change"));
      break;
    case BB_WDQ_NO_SUCCESS:
    case BB_WDQ_NO_CONTROL:
    default:
      around = NULL;
      break;
    }
  return around != NULL ? g_strdup_printf ("%s; %s", change, around) : g_strdup (change);
}

gboolean
bb_briefing_add_problems (BbBriefing  *b,
                          GError     **error)
{
  const char *language = b->options->language;
  g_autoptr(GPtrArray) problems = bb_store_list_by_stations (b->store, &bb_problem_record,
                                                             (const char * const *) b->options->station_ids, error);
  static const double fractions[] = { 2.2, 1, 2.6 };
  const char *head[] = { T (N_("Problem")), T (N_("Stage")), T (N_("What changed")), NULL };
  g_autoptr(GPtrArray) assessed = g_ptr_array_new ();
  g_autofree const char **ids = NULL;
  g_autofree BbAssessmentCounts *counts = NULL;
  g_autofree gboolean *measured = NULL;
  BbTable *table = NULL;

  if (problems == NULL)
    return FALSE;
  for (guint i = 0; i < problems->len && assessed->len < 6; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);

      if (g_strcmp0 (p->stage, "assessment") == 0 || g_strcmp0 (p->stage, "closed") == 0)
        g_ptr_array_add (assessed, p);
    }
  /* Their incidents read once for all of them. */
  ids = g_new0 (const char *, assessed->len + 1);
  counts = g_new0 (BbAssessmentCounts, assessed->len + 1);
  measured = g_new0 (gboolean, assessed->len + 1);
  for (guint i = 0; i < assessed->len; i++)
    ids[i] = ((BbProblem *) g_ptr_array_index (assessed, i))->id;
  if (!bb_store_problems_count_before_after (b->store, ids, assessed->len, counts, measured, error))
    return FALSE;
  for (guint i = 0; i < assessed->len; i++)
    {
      BbProblem *p = g_ptr_array_index (assessed, i);
      g_autofree char *words = NULL;
      const char *stage = g_strcmp0 (p->stage, "closed") == 0 ? T (N_("Solved")) : T (N_("Being assessed"));

      if (measured[i])
        words = assessment_words (b, &counts[i]);
      else
        words = g_strdup (T (N_("not measured yet")));
      if (table == NULL)
        {
          bb_briefing_need (b, 26 + MM (40));
          bb_briefing_heading (b, T (N_("Problems tackled with partners")));
          add_paragraph (b, _("Problems note"),
                         T (N_("Each problem was taken through scanning, analysis, response and assessment with "
                               "the partners named on the station’s board. The change is measured in the problem’s "
                               "own area between the period before the response and the period after it.")),
                         9.5, BB_INK_SOFT);
          table = bb_briefing_table (b, _("Problems"), BB_BRIEFING_BOTTOM (b) - b->y, 3, fractions);
          bb_table_add_row (table, TRUE, head);
        }
      {
        const char *cells[] = { p->title, stage, words, NULL };

        bb_table_add_row (table, FALSE, cells);
        if (bb_table_measure (table) > BB_BRIEFING_BOTTOM (b) - b->y)
          {
            bb_table_pop_row (table);
            break;
          }
      }
    }
  if (table != NULL)
    {
      b->y += bb_table_measure (table) + MM (8);
      /* Their counts include confidential incidents: only words go out. */
      bb_withheld_add_note (b->withheld,
                            _("Problem assessments are given in words only: their before and after counts include restricted incidents."));
    }
  return TRUE;
}

/* Three questions of the LSES questionnaire that residents' trust turns
 * on, and the answers that count as favourable. */
static const struct {
  const char *code;
  const char *label;
  const char *favourable[3];
} survey_indicators[] = {
  { "block3/q1", N_("Feel safe walking alone after dark"), { "4", "5", NULL } },
  { "block5/q1", N_("Satisfied with the police in their neighbourhood"), { "4", "5", NULL } },
  { "block5/q3", N_("Know their district officer by name"), { "yes", "1", "true" } },
};

static int
compare_surveys (gconstpointer a,
                 gconstpointer b)
{
  const BbSurvey *x = *(const BbSurvey * const *) a;
  const BbSurvey *y = *(const BbSurvey * const *) b;

  return g_strcmp0 (x->period_start, y->period_start);
}

/* Favourable answers and answers to each indicator in one round, and,
 * where the round is weighted, the weighted share of each (@weighted). */
static gboolean
survey_shares (BbStore   *store,
               BbSurvey  *survey,
               guint     *favourable,
               guint     *answered,
               BbShare   *shares,
               gboolean  *weighted,
               GError   **error)
{
  g_autoptr(GPtrArray) questions = bb_store_question_list (store, survey->questionnaire_id, error);
  const char *ids[G_N_ELEMENTS (survey_indicators)] = { NULL };

  if (questions == NULL)
    return FALSE;
  for (guint q = 0; q < questions->len; q++)
    {
      BbQuestion *question = g_ptr_array_index (questions, q);

      for (guint k = 0; k < G_N_ELEMENTS (survey_indicators); k++)
        if (g_strcmp0 (question->code, survey_indicators[k].code) == 0)
          ids[k] = question->id;
    }
  /* Counted by the database: the responses need not be read. */
  for (guint k = 0; k < G_N_ELEMENTS (survey_indicators); k++)
    {
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer value, count;

      if (ids[k] == NULL)
        continue;
      if ((counts = bb_store_survey_value_counts (store, survey->id, ids[k], error)) == NULL
          || !bb_store_survey_headline_weighted (store, survey->id, NULL, ids[k], &shares[k], &weighted[k], error))
        return FALSE;
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &value, &count))
        {
          answered[k] += GPOINTER_TO_SIZE (count);
          for (guint f = 0; f < G_N_ELEMENTS (survey_indicators[k].favourable); f++)
            if (g_strcmp0 (value, survey_indicators[k].favourable[f]) == 0)
              favourable[k] += GPOINTER_TO_SIZE (count);
        }
    }
  return TRUE;
}

/* A survey share needs enough answers to mean anything. */
#define MIN_ANSWERS 30

/* The indicators over the station's rounds of the latest survey (at most
 * six), each round's share with its margin; rounds with fewer answers
 * than the station publishes are "too few responses". */
static gboolean
add_survey_trend (BbBriefing  *b,
                  BbSurvey    *latest,
                  GError     **error)
{
  const char *language = b->options->language;
  g_autoptr(BbSurveyTrend) trend = bb_store_survey_trend (b->store, latest->id, NULL, 6, error);
  const BbQuestion *questions[G_N_ELEMENTS (survey_indicators)];
  const char *names[G_N_ELEMENTS (survey_indicators)];
  const BbSurveyResults *now;
  guint n = 0;
  double h;

  if (trend == NULL)
    return FALSE;
  if (trend->rounds->len < 2)
    return TRUE;
  now = bb_survey_trend_latest (trend);
  for (guint k = 0; k < G_N_ELEMENTS (survey_indicators); k++)
    for (guint i = 0; i < now->questions->len; i++)
      {
        const BbQuestionResult *r = g_ptr_array_index (now->questions, i);

        if (g_strcmp0 (r->question->code, survey_indicators[k].code) == 0 && r->has_headline)
          {
            questions[n] = r->question;
            names[n++] = T (survey_indicators[k].label);
            break;
          }
      }
  if (n == 0)
    return TRUE;
  h = bb_survey_trend_chart_height (n);
  bb_briefing_need (b, h + MM (6));
  bb_page_add_chart (b->page, b->M, b->y, b->cw, h,
                     bb_survey_trend_chart_new (language, b->branding, trend, questions, names, n,
                                                bb_store_get_survey_min_respondents (b->store), b->withheld));
  b->y += h + MM (6);
  return TRUE;
}

/* One round's share of an indicator in the table: weighted where the
 * round is, "–" below the threshold (by the residents who answered). */
static char *
round_share_text (const char    *language,
                  guint          answered,
                  guint          favourable,
                  const BbShare *weighted_share,
                  gboolean       weighted,
                  guint          min_answers)
{
  if (answered < min_answers)
    return g_strdup ("–");
  if (weighted)
    return bb_survey_format_weighted_share (language, weighted_share, min_answers, FALSE);
  return g_strdup_printf ("%.0f %%", 100.0 * favourable / answered);
}

gboolean
bb_briefing_add_survey (BbBriefing  *b,
                        GError     **error)
{
  const char *language = b->options->language;
  g_autoptr(GPtrArray) surveys = bb_store_survey_list (b->store, error);
  guint fav[2][G_N_ELEMENTS (survey_indicators)] = { { 0 } };
  guint n[2][G_N_ELEMENTS (survey_indicators)] = { { 0 } };
  BbShare weighted_share[2][G_N_ELEMENTS (survey_indicators)];
  gboolean weighted[2][G_N_ELEMENTS (survey_indicators)] = { { FALSE } };
  int weighted_round = -1;
  /* Never a share from fewer than the station publishes, counted by
   * the residents who answered, however they are weighted. */
  guint min_answers = MAX (MIN_ANSWERS, bb_store_get_survey_min_respondents (b->store));
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (b->now.end);
  g_autofree char *last_day = g_date_time_format (end, "%Y-%m-%d");
  BbSurvey *rounds[2] = { NULL, NULL };
  static const double fractions[] = { 2.4, 1, 1, 1.8 };
  BbTable *table;

  if (surveys == NULL)
    return FALSE;
  /* The two latest rounds of the whole station begun by the quarter's end. */
  g_ptr_array_sort (surveys, compare_surveys);
  for (guint i = 0; i < surveys->len; i++)
    {
      BbSurvey *s = g_ptr_array_index (surveys, i);

      if (s->district_id != NULL || g_strcmp0 (s->period_start, last_day) >= 0)
        continue;
      rounds[0] = rounds[1];
      rounds[1] = s;
    }
  if (rounds[1] == NULL)
    return TRUE;
  for (guint r = 0; r < 2; r++)
    if (rounds[r] != NULL && !survey_shares (b->store, rounds[r], fav[r], n[r], weighted_share[r], weighted[r], error))
      return FALSE;

  bb_briefing_need (b, 26 + MM (45));
  bb_briefing_heading (b, T (N_("What residents told us")));
  {
    g_autofree char *intro = NULL;

    if (rounds[0] != NULL)
      intro = g_strdup_printf (T (N_("The resident survey asks the same questions in every round. Shares of residents "
                                     "who answered each question, in “%s” and in “%s”; a change is called real only "
                                     "when chance alone would hardly give it.")),
                               rounds[0]->title, rounds[1]->title);
    else
      intro = g_strdup_printf (T (N_("Shares of residents who answered each question in “%s”.")), rounds[1]->title);
    add_paragraph (b, _("Survey note"), intro, 9.5, BB_INK_SOFT);
  }
  table = bb_briefing_table (b, _("Resident survey"), BB_BRIEFING_BOTTOM (b) - b->y, 4, fractions);
  for (guint c = 1; c < 3; c++)
    bb_table_set_column_align (table, c, BB_ALIGN_END);
  {
    g_autofree char *first = rounds[0] != NULL ? g_strndup (rounds[0]->period_start, 7) : g_strdup ("–");
    g_autofree char *second = g_strndup (rounds[1]->period_start, 7);
    const char *head[] = { T (N_("Residents who…")), first, second, T (N_("Change")), NULL };

    bb_table_add_row (table, TRUE, head);
  }
  for (guint k = 0; k < G_N_ELEMENTS (survey_indicators); k++)
    {
      g_autofree char *a = NULL;
      g_autofree char *c = NULL;
      const char *change = T (N_("too few answers to compare"));

      if (n[1][k] == 0)
        continue;
      a = round_share_text (language, n[0][k], fav[0][k], &weighted_share[0][k], weighted[0][k], min_answers);
      c = round_share_text (language, n[1][k], fav[1][k], &weighted_share[1][k], weighted[1][k], min_answers);
      for (guint r = 0; r < 2; r++)
        if (weighted[r][k] && n[r][k] >= min_answers)
          weighted_round = (int) r;
      if (n[0][k] >= min_answers && n[1][k] >= min_answers)
        {
          /* Two proportions: z on the pooled share; a weighted round
           * counts as a simple sample of its effective size. */
          double p0 = weighted[0][k] ? weighted_share[0][k].share : (double) fav[0][k] / n[0][k];
          double p1 = weighted[1][k] ? weighted_share[1][k].share : (double) fav[1][k] / n[1][k];
          double n0 = weighted[0][k] ? weighted_share[0][k].n_effective : n[0][k];
          double n1 = weighted[1][k] ? weighted_share[1][k].n_effective : n[1][k];
          double pool = (p0 * n0 + p1 * n1) / (n0 + n1);
          double se = sqrt (pool * (1 - pool) * (1.0 / n0 + 1.0 / n1));
          double z = se > 0 ? (p1 - p0) / se : 0;

          if (z > 3)
            change = T (N_("a real rise"));
          else if (z > 2)
            change = T (N_("a rise worth watching"));
          else if (z < -3)
            change = T (N_("a real fall"));
          else if (z < -2)
            change = T (N_("a fall worth watching"));
          else
            change = T (N_("within normal variation"));
        }
      {
        const char *cells[] = { T (survey_indicators[k].label), a, c, change, NULL };

        bb_table_add_row (table, FALSE, cells);
      }
    }
  b->y += bb_table_measure (table) + MM (8);
  if (weighted_round >= 0)
    {
      g_autofree char *note = bb_survey_weighting_note (b->store, rounds[weighted_round]->id, language, error);

      if (note == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (note != NULL)
        {
          g_autofree char *line = rounds[0] != NULL
                                  ? g_strconcat (note, " ", T (N_("The chart shows the shares as answered.")), NULL)
                                  : g_strdup (note);

          b->y -= MM (5);
          add_paragraph (b, _("Survey method"), line, 8, BB_INK_SOFT);
        }
    }
  return rounds[0] == NULL || add_survey_trend (b, rounds[1], error);
}

gboolean
bb_briefing_add_coming_up (BbBriefing  *b,
                           GError     **error)
{
  const char *language = b->options->language;
  g_autoptr(GPtrArray) upcoming = bb_store_calendar_items_for_stations (b->store, b->next.start, b->next.end, NULL, NULL,
                                                                        (const char * const *) b->options->station_ids,
                                                                        error);
  static const double fractions[] = { 1.0, 2.4, 1.8 };
  const char *head[] = { T (N_("Date")), T (N_("Event")), T (N_("Place")), NULL };
  BbTable *table;
  guint shown = 0;

  if (upcoming == NULL)
    return FALSE;
  bb_briefing_need (b, 26 + MM (30));
  bb_briefing_heading (b, T (N_("Coming up")));
  table = bb_briefing_table (b, _("Coming up"), BB_BRIEFING_BOTTOM (b) - b->y, 3, fractions);
  bb_table_add_row (table, TRUE, head);
  for (guint i = 0; i < upcoming->len && shown < 12; i++)
    {
      BbCalendarItem *e = g_ptr_array_index (upcoming, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *date = NULL;

      /* Public events only: advisory groups and trainings have their own lists. */
      if (e->kind != BB_CALENDAR_ITEM_EVENT || g_strcmp0 (e->event_kind, "advisory_meeting") == 0 ||
          g_strcmp0 (e->event_kind, "training") == 0 || g_strcmp0 (e->event_kind, "other") == 0)
        continue;
      utc = g_date_time_new_from_unix_utc (e->start);
      local = g_date_time_to_timezone (utc, b->tz);
      date = g_date_time_format (local, "%Y-%m-%d");
      {
        const char *cells[] = { date, e->title, e->place != NULL ? e->place : "", NULL };

        bb_table_add_row (table, FALSE, cells);
      }
      if (bb_table_measure (table) > BB_BRIEFING_BOTTOM (b) - b->y)
        {
          /* The rest of the calendar is the calendar's business. */
          bb_table_pop_row (table);
          break;
        }
      shown++;
    }
  if (shown == 0)
    {
      bb_table_pop_row (table);
      add_paragraph (b, _("Coming up"), T (N_("No public events are planned yet for the next quarter.")), 11, BB_INK_SOFT);
      return TRUE;
    }
  b->y += bb_table_measure (table) + MM (6);
  return TRUE;
}
