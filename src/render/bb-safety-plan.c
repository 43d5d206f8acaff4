/* bb-safety-plan.c: the community safety plan as residents read it: the concern, the steps agreed, who does what, how progress is measured */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-safety-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-store-plans.h"
#include "bb-store-problem-detail.h"
#include "bb-template-private.h"

/* The content ------------------------------------------------------------ */

static void
item_free (BbSafetyPlanItem *item)
{
  g_free (item->text);
  g_free (item->who);
  g_free (item->when);
  g_free (item);
}

static BbSafetyPlanItem *
item_new (const char *text,
          const char *who,
          char       *when,
          gboolean    done)
{
  BbSafetyPlanItem *item = g_new0 (BbSafetyPlanItem, 1);

  item->text = g_strdup (text);
  item->who = g_strdup (who);
  item->when = when;
  item->done = done;
  return item;
}

static void
problem_free (BbSafetyPlanProblem *problem)
{
  g_free (problem->title);
  g_ptr_array_unref (problem->steps);
  g_free (problem);
}

static void
indicator_free (BbSafetyPlanIndicator *indicator)
{
  g_free (indicator->name);
  g_free (indicator->unit);
  g_free (indicator->baseline);
  g_free (indicator->target);
  g_free (indicator->current);
  g_free (indicator);
}

static void
objective_free (BbSafetyPlanObjective *objective)
{
  g_free (objective->title);
  g_ptr_array_unref (objective->indicators);
  g_free (objective);
}

void
bb_safety_plan_free (BbSafetyPlan *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->title);
  g_free (self->area);
  g_free (self->period);
  g_free (self->statement);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_free (self->contact);
  g_clear_pointer (&self->withheld, bb_withheld_free);
  g_free (self);
}

static const char * const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
  N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

/* "2026-05-01" as "1 May 2026" in the document's language; NULL for none. */
static char *
format_date (const char *language,
             const char *date)
{
  int y, m, d;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return NULL;
  /* Translators: a date in a printed document: the day, the month's name, the year */
  return g_strdup_printf (T (N_("%1$d %2$s %3$d")), d, T (month_names[m - 1]), y);
}

static char *
format_period (const char *language,
               const char *start,
               const char *end)
{
  g_autofree char *from = format_date (language, start);
  g_autofree char *to = format_date (language, end);

  if (from != NULL && to != NULL)
    /* Translators: a period in a printed document, "1 May 2026 – 30 April 2027" */
    return g_strdup_printf (T (N_("%s – %s")), from, to);
  if (from != NULL)
    /* Translators: a period with no end yet, "from 1 May 2026" */
    return g_strdup_printf (T (N_("from %s")), from);
  if (to != NULL)
    /* Translators: a period with no start, "until 30 April 2027" */
    return g_strdup_printf (T (N_("until %s")), to);
  return NULL;
}

/* Who does something, as the public may read it: officers and
 * organisations by name, private persons not at all. */
typedef struct {
  GHashTable *officers;   /* id → BbOfficer */
  GHashTable *partners;   /* id → BbPartner */
  guint       persons;    /* private persons left unnamed */
} People;

static char *
who_of (People     *people,
        const char *language,
        const char *officer_id,
        const char *partner_id)
{
  BbOfficer *officer = officer_id != NULL ? g_hash_table_lookup (people->officers, officer_id) : NULL;
  BbPartner *partner = partner_id != NULL ? g_hash_table_lookup (people->partners, partner_id) : NULL;

  if (officer != NULL)
    return g_strdup (officer->name);
  if (partner != NULL && partner->is_person)
    {
      people->persons++;
      return g_strdup (T (N_("a member of the working group")));
    }
  if (partner != NULL)
    return g_strdup (partner->name);
  return NULL;
}

static char *
format_value (const BbSafetyPlan *self,
              const BbIndicator  *indicator,
              double              value)
{
  const char *language = self->language;

  if (isnan (value))
    return g_strdup ("–");
  if (indicator->computed != NULL)
    {
      /* A count of incidents (or an average of counts): small ones could
       * point at a household. */
      gint64 count = (gint64) llround (value);

      if (bb_publish_is_suppressed (&self->policy, count) || (value > 0 && count == 0))
        {
          self->withheld->suppressed_counts++;
          return bb_publish_format_count (&self->policy, language, MAX (count, 1), FALSE);
        }
      return g_strdup_printf ("%" G_GINT64_FORMAT, count);
    }
  return g_strdup_printf ("%g", value);
}

static int
by_due_date (gconstpointer a,
             gconstpointer b)
{
  const BbTask *x = *(BbTask * const *) a;
  const BbTask *y = *(BbTask * const *) b;

  if ((x->due_date == NULL) != (y->due_date == NULL))
    return x->due_date == NULL ? 1 : -1;
  return g_strcmp0 (x->due_date, y->due_date);
}

static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      BbRecord *record = g_ptr_array_index (records, i);
      g_hash_table_insert (index, record->id, record);
    }
  return index;
}

BbSafetyPlan *
bb_safety_plan_new_from_store (BbStore               *store,
                               const char            *plan_id,
                               const char            *language,
                               const BbPublishPolicy *policy,
                               GError               **error)
{
  g_autoptr(BbPlanDetail) detail = NULL;
  g_autoptr(BbSafetyPlan) self = g_new0 (BbSafetyPlan, 1);
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbDistrict) district = NULL;
  People people = { NULL, NULL, 0 };

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  self->language = g_strdup (language != NULL ? language : "en");
  language = self->language;
  if (policy != NULL)
    self->policy = *policy;
  else
    bb_publish_policy_init_default (&self->policy);
  self->withheld = bb_withheld_new ();

  if ((detail = bb_store_plan_detail_load (store, plan_id, error)) == NULL
      || (station = bb_store_station_get (store, error)) == NULL
      || (officers = bb_store_officer_list (store, error)) == NULL
      || (partners = bb_store_partner_list (store, error)) == NULL)
    return NULL;
  people.officers = index_by_id (officers);
  people.partners = index_by_id (partners);

  self->title = g_strdup (detail->plan->title);
  if (detail->plan->district_id != NULL)
    district = bb_store_district_get (store, detail->plan->district_id, NULL);
  self->area = g_strdup (district != NULL ? district->name : station->name);
  self->period = format_period (language, detail->plan->period_start, detail->plan->period_end);
  self->statement = g_strdup (detail->plan->statement);
  if (district != NULL && district->officer_id != NULL)
    {
      BbOfficer *officer = g_hash_table_lookup (people.officers, district->officer_id);

      if (officer != NULL)
        {
          GString *line = g_string_new (NULL);

          /* Translators: on the safety plan, "Your neighbourhood officer: Inspector Ana Lis" */
          g_string_append_printf (line, T (N_("Your neighbourhood officer: %s")), officer->name);
          if (officer->rank != NULL && *officer->rank)
            g_string_append_printf (line, ", %s", officer->rank);
          if (officer->phone != NULL && *officer->phone)
            {
              g_string_append (line, " · ");
              g_string_append_printf (line, T (N_("Phone: %s")), officer->phone);
            }
          self->contact = g_string_free (line, FALSE);
        }
    }

  /* The problems and the steps agreed for them, with their tasks. */
  tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_task_free);
  for (guint i = 0; i < detail->tasks->len; i++)
    g_ptr_array_add (tasks, bb_task_copy (g_ptr_array_index (detail->tasks, i)));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  for (guint i = 0; i < detail->problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (detail->problems, i);
      g_autoptr(GPtrArray) responses = bb_store_response_list (store, p->id, error);
      g_autoptr(GPtrArray) problem_tasks = NULL;
      g_autoptr(GHashTable) agreed = g_hash_table_new (g_str_hash, g_str_equal);
      BbSafetyPlanProblem *problem;

      if (responses == NULL || (problem_tasks = bb_store_problem_tasks (store, p->id, error)) == NULL)
        goto fail;
      problem = g_new0 (BbSafetyPlanProblem, 1);
      problem->title = g_strdup (p->title);
      problem->solved = g_strcmp0 (p->stage, "closed") == 0;
      problem->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
      g_ptr_array_add (self->problems, problem);
      for (guint k = 0; k < responses->len; k++)
        {
          BbResponse *r = g_ptr_array_index (responses, k);
          g_autofree char *who = NULL;
          g_autofree char *text = NULL;

          /* Proposals not agreed yet are the working group's business. */
          if (!r->agreed)
            continue;
          g_hash_table_add (agreed, r->id);
          who = who_of (&people, language, r->owner_officer_id, r->owner_partner_id);
          text = r->description != NULL && *r->description
                 ? g_strdup_printf ("%s: %s", r->title, r->description) : g_strdup (r->title);
          g_ptr_array_add (problem->steps,
                           item_new (text, who, format_period (language, r->start_date, r->end_date), FALSE));
        }
      /* A solved problem's tasks are history; the others' are the plan's work. */
      for (guint k = 0; k < problem_tasks->len && !problem->solved; k++)
        {
          BbTask *t = g_ptr_array_index (problem_tasks, k);

          if (t->response_id != NULL && g_hash_table_contains (agreed, t->response_id))
            g_ptr_array_add (tasks, bb_task_copy (t));
        }
    }

  g_ptr_array_sort (tasks, by_due_date);
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; i < tasks->len; i++)
    {
      BbTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *who = who_of (&people, language, t->assignee_officer_id, t->assignee_partner_id);

      g_ptr_array_add (self->tasks, item_new (t->title, who, format_date (language, t->due_date), t->done));
    }

  self->objectives = g_ptr_array_new_with_free_func ((GDestroyNotify) objective_free);
  for (guint i = 0; i < detail->objectives->len; i++)
    {
      BbPlanObjective *o = g_ptr_array_index (detail->objectives, i);
      BbSafetyPlanObjective *objective = g_new0 (BbSafetyPlanObjective, 1);

      objective->title = g_strdup (o->objective->title);
      objective->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_free);
      g_ptr_array_add (self->objectives, objective);
      for (guint k = 0; k < o->indicators->len; k++)
        {
          BbIndicator *ind = g_ptr_array_index (o->indicators, k);
          BbSafetyPlanIndicator *indicator = g_new0 (BbSafetyPlanIndicator, 1);

          indicator->name = g_strdup (ind->name);
          indicator->unit = g_strdup (ind->unit);
          indicator->baseline = format_value (self, ind, ind->baseline);
          indicator->target = format_value (self, ind, ind->target);
          indicator->current = format_value (self, ind, ind->current);
          indicator->status = bb_indicator_status (ind->baseline, ind->target, ind->current);
          indicator->counted = ind->computed != NULL && *ind->computed;
          g_ptr_array_add (objective->indicators, indicator);
        }
    }

  self->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (guint i = 0; i < detail->reviews->len; i++)
    {
      BbPlanReview *review = g_ptr_array_index (detail->reviews, i);

      g_ptr_array_add (self->reviews, item_new (NULL, NULL, format_date (language, review->review_date),
                                                review->done));
    }

  if (people.persons > 0)
    bb_withheld_add_note (self->withheld,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u task or step of a private person is shown without the person’s name.",
                                       "%u tasks or steps of private persons are shown without the persons’ names.",
                                       people.persons),
                          people.persons);
  bb_withheld_add_note (self->withheld, "%s",
                        _("The plan prints no incidents, addresses, analysis notes or contact details of partners."));
  g_hash_table_unref (people.officers);
  g_hash_table_unref (people.partners);
  return g_steal_pointer (&self);

fail:
  g_hash_table_unref (people.officers);
  g_hash_table_unref (people.partners);
  return NULL;
}

/* The document -------------------------------------------------------------- */

#define MARGIN MM (18)
#define BOTTOM MM (24)     /* the footer's room */

/* Blocks stacked down the pages, a new page when the next does not fit. */
typedef struct {
  BbPrintDocument  *doc;
  const BbBranding *branding;
  const char       *language;
  BbPage           *page;
  double            W, H, cw, y;
  BbPrintDocument  *scratch;    /* where blocks are measured, never drawn */
  BbPage           *scratch_page;
} Flow;

static void
flow_new_page (Flow *f)
{
  f->page = bb_print_document_add_page (f->doc);
  f->y = MARGIN;
}

/* Room for @height below the cursor, on a new page if need be. */
static void
flow_need (Flow   *f,
           double  height)
{
  if (f->y + height > f->H - BOTTOM && f->y > MARGIN)
    flow_new_page (f);
}

static void
flow_heading (Flow       *f,
              const char *text,
              double      keep_with)
{
  BbTextStyle style = bb_template_style_c (15, PANGO_WEIGHT_BOLD, &f->branding->primary);

  flow_need (f, 28 + keep_with);
  bb_page_add_rect (f->page, MARGIN, f->y + 4, MM (1.2), 14, &f->branding->accent, NULL, 0, 0);
  bb_page_add_text (f->page, text, MARGIN + MM (3.5), f->y, f->cw - MM (3.5), 24, &style, text);
  f->y += 28;
}

/* Paragraphs of plain text (see bb_template_add_body) as one block,
 * kept together on one page. */
static void
flow_body (Flow              *f,
           const char        *name,
           const BbTextStyle *style,
           const char        *text,
           double             indent)
{
  BbFrame *frame;
  double h;

  /* Measured on a frame of the scratch document so that bullets count. */
  frame = bb_page_add_frame (f->scratch_page, name, 0, 0, f->cw - indent, 1);
  bb_template_add_body (frame, style, &f->branding->accent, text);
  h = bb_frame_measure (frame);
  flow_need (f, h);
  frame = bb_page_add_frame (f->page, name, MARGIN + indent, f->y, f->cw - indent, h + 2);
  bb_template_add_body (frame, style, &f->branding->accent, text);
  f->y += h + 2;
}

static BbTable *
flow_table_start (Flow               *f,
                  const char         *name,
                  guint               n_columns,
                  const double       *fractions,
                  const char * const *head)
{
  BbColor white = bb_color_rgb (0xffffff);
  BbTextStyle header = bb_template_style_c (8.5, PANGO_WEIGHT_BOLD, &white);
  BbTextStyle body = bb_template_style (9.5, PANGO_WEIGHT_NORMAL, BB_INK);
  BbColor stripe = bb_color_tint (&f->branding->primary, 0.93);
  BbColor rule = bb_color_tint (&f->branding->primary, 0.8);
  BbTable *table = bb_page_add_table (f->page, name, MARGIN, f->y, f->cw, f->H - BOTTOM - f->y,
                                      n_columns, fractions);

  header.line_spacing = 1.25;
  body.line_spacing = 1.3;
  bb_table_set_style (table, &header, &body, &f->branding->primary, &stripe, &rule);
  bb_table_add_row (table, TRUE, head);
  return table;
}

/* Adds a row, going on to a new page (header repeated) when it does not fit. */
static BbTable *
flow_table_row (Flow               *f,
                BbTable            *table,
                const char         *name,
                guint               n_columns,
                const double       *fractions,
                const char * const *head,
                const char * const *cells)
{
  bb_table_add_row (table, FALSE, cells);
  if (f->y + bb_table_measure (table) > f->H - BOTTOM && bb_table_get_n_rows (table) > 2)
    {
      bb_table_pop_row (table);
      f->y += bb_table_measure (table);
      flow_new_page (f);
      table = flow_table_start (f, name, n_columns, fractions, head);
      bb_table_add_row (table, FALSE, cells);
    }
  return table;
}

static void
flow_table_end (Flow    *f,
                BbTable *table)
{
  f->y += bb_table_measure (table) + MM (5);
}

static const char *
status_words (const char        *language,
              BbIndicatorStatus  status)
{
  switch (status)
    {
    case BB_INDICATOR_MET: return T (N_("target met"));
    case BB_INDICATOR_IMPROVING: return T (N_("improving"));
    case BB_INDICATOR_NO_CHANGE: return T (N_("no change yet"));
    case BB_INDICATOR_WORSE: return T (N_("getting worse"));
    case BB_INDICATOR_NOT_MEASURED:
    default: return T (N_("not measured yet"));
    }
}

static void
draw_header (Flow               *f,
             const BbSafetyPlan *self)
{
  const char *language = self->language;
  BbColor white = bb_color_rgb (0xffffff);
  BbColor soft_white = bb_color_tint (&f->branding->accent, 0.35);
  g_autofree char *subtitle = NULL;
  BbTextStyle style;
  BbFrame *frame;
  double band = MM (50), text_w = f->cw - MM (28);

  bb_page_add_rect (f->page, 0, 0, f->W, band, &f->branding->primary, NULL, 0, 0);
  bb_page_add_rect (f->page, 0, band, f->W, MM (1.5), &f->branding->accent, NULL, 0, 0);
  bb_template_logo (f->page, f->branding, f->W - MARGIN - MM (22), MM (12), MM (22), MM (22));

  frame = bb_page_add_frame (f->page, _("Title"), MARGIN, MM (7), text_w, band - MM (12));
  bb_frame_set_valign (frame, BB_VALIGN_BOTTOM);
  style = bb_template_style_c (10.5, PANGO_WEIGHT_BOLD, &soft_white);
  style.uppercase = TRUE;
  style.space_after = 4;
  bb_frame_add_paragraph (frame, &style, T (N_("Community safety plan")));
  style = bb_template_style_c (22, PANGO_WEIGHT_BOLD, &white);
  style.line_spacing = 1.15;
  style.space_after = 4;
  style.size = bb_print_document_fit_words (f->doc, &style, self->title, text_w);
  bb_frame_shrink_to_fit (frame, bb_frame_add_paragraph (frame, &style, self->title), 14);
  if (self->period != NULL)
    /* Translators: under the safety plan's title: the area, then the period */
    subtitle = g_strdup_printf (T (N_("%s · %s")), self->area, self->period);
  else
    subtitle = g_strdup (self->area);
  style = bb_template_style_c (12.5, PANGO_WEIGHT_NORMAL, &white);
  bb_frame_add_paragraph (frame, &style, subtitle);
  f->y = band + MM (9);
}

static void
draw_problems (Flow               *f,
               const BbSafetyPlan *self)
{
  const char *language = self->language;
  BbTextStyle title = bb_template_style (11.5, PANGO_WEIGHT_BOLD, BB_INK);
  BbTextStyle body = bb_template_style (10.5, PANGO_WEIGHT_NORMAL, BB_INK);
  BbTextStyle soft = bb_template_style (10, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);

  if (self->problems->len == 0)
    return;
  title.space_after = 3;
  body.line_spacing = 1.35;
  body.space_after = 3;
  soft.italic = TRUE;
  soft.space_after = 6;
  flow_heading (f, T (N_("What we are working on")), 40);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const BbSafetyPlanProblem *problem = g_ptr_array_index (self->problems, i);
      g_autofree char *heading = problem->solved
                                 /* Translators: a problem of the plan that is closed */
                                 ? g_strdup_printf (T (N_("%s (solved)")), problem->title)
                                 : g_strdup (problem->title);
      g_autoptr(GString) steps = g_string_new (NULL);

      for (guint k = 0; k < problem->steps->len; k++)
        {
          const BbSafetyPlanItem *step = g_ptr_array_index (problem->steps, k);

          g_string_append_printf (steps, "%s• %s", steps->len ? "\n" : "", step->text);
          if (step->who != NULL && step->when != NULL)
            /* Translators: after a step of the plan: who leads it, and when */
            g_string_append_printf (steps, T (N_(" (led by %s, %s)")), step->who, step->when);
          else if (step->who != NULL)
            g_string_append_printf (steps, T (N_(" (led by %s)")), step->who);
          else if (step->when != NULL)
            g_string_append_printf (steps, " (%s)", step->when);
        }
      flow_need (f, 40);
      flow_body (f, _("Problem"), &title, heading, 0);
      if (steps->len > 0)
        flow_body (f, _("Steps agreed"), &body, steps->str, MM (2));
      else
        flow_body (f, _("Steps agreed"), &soft, T (N_("The steps are still being agreed with the partners.")),
                   MM (2));
      f->y += 4;
    }
  f->y += MM (2);
}

static void
draw_objectives (Flow               *f,
                 const BbSafetyPlan *self)
{
  static const double fractions[] = { 3.0, 1.1, 1.1, 1.1, 1.5 };
  const char *language = self->language;
  const char *head[] = { T (N_("How we measure it")), T (N_("At the start")), T (N_("Target")),
                         T (N_("Now")), T (N_("How it is going")), NULL };
  BbTextStyle objective_style = bb_template_style (11, PANGO_WEIGHT_BOLD, BB_INK);
  BbTextStyle note = bb_template_style (8.5, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  gboolean counted = FALSE;

  if (self->objectives->len == 0)
    return;
  objective_style.space_after = 4;
  note.line_spacing = 1.4;
  flow_heading (f, T (N_("Our objectives and how we measure them")), 60);
  for (guint i = 0; i < self->objectives->len; i++)
    {
      const BbSafetyPlanObjective *objective = g_ptr_array_index (self->objectives, i);
      BbTable *table;

      flow_need (f, 60);
      flow_body (f, _("Objective"), &objective_style, objective->title, 0);
      if (objective->indicators->len == 0)
        {
          f->y += MM (3);
          continue;
        }
      table = flow_table_start (f, _("Indicators"), 5, fractions, head);
      for (guint c = 1; c < 4; c++)
        bb_table_set_column_align (table, c, BB_ALIGN_END);
      for (guint k = 0; k < objective->indicators->len; k++)
        {
          const BbSafetyPlanIndicator *ind = g_ptr_array_index (objective->indicators, k);
          g_autofree char *name = NULL;

          counted |= ind->counted;
          name = ind->unit != NULL && *ind->unit
                 ? g_strdup_printf ("%s (%s)%s", ind->name, ind->unit, ind->counted ? " *" : "")
                 : g_strdup_printf ("%s%s", ind->name, ind->counted ? " *" : "");
          {
            const char *cells[] = { name, ind->baseline, ind->target, ind->current,
                                    status_words (language, ind->status), NULL };

            table = flow_table_row (f, table, _("Indicators"), 5, fractions, head, cells);
          }
        }
      flow_table_end (f, table);
    }
  if (counted)
    {
      g_autofree char *text = g_strdup_printf (
        T (N_("* Counted by the police from the incidents recorded in the area, leaving out those whose details "
              "must stay confidential. Figures below %u are shown as “fewer than %u”, to protect the people "
              "involved.")),
        self->policy.min_count, self->policy.min_count);

      flow_body (f, _("How to read"), &note, text, 0);
      f->y += MM (4);
    }
}

static void
draw_tasks (Flow               *f,
            const BbSafetyPlan *self)
{
  static const double fractions[] = { 3.2, 2.0, 1.5, 0.8 };
  const char *language = self->language;
  const char *head[] = { T (N_("Task")), T (N_("Who")), T (N_("By")), T (N_("Done")), NULL };
  BbTable *table;

  if (self->tasks->len == 0)
    return;
  flow_heading (f, T (N_("Who does what")), 50);
  table = flow_table_start (f, _("Tasks"), 4, fractions, head);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      const BbSafetyPlanItem *task = g_ptr_array_index (self->tasks, i);
      const char *cells[] = { task->text, task->who != NULL ? task->who : "–",
                              task->when != NULL ? task->when : "–",
                              task->done ? T (N_("done")) : T (N_("to do")), NULL };

      table = flow_table_row (f, table, _("Tasks"), 4, fractions, head, cells);
    }
  flow_table_end (f, table);
}

static void
draw_reviews (Flow               *f,
              const BbSafetyPlan *self)
{
  const char *language = self->language;
  BbTextStyle body = bb_template_style (10.5, PANGO_WEIGHT_NORMAL, BB_INK);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->reviews->len == 0)
    return;
  body.line_spacing = 1.35;
  for (guint i = 0; i < self->reviews->len; i++)
    {
      const BbSafetyPlanItem *review = g_ptr_array_index (self->reviews, i);

      g_string_append_printf (text, "%s• %s — %s", text->len ? "\n" : "", review->when,
                              review->done ? T (N_("held")) : T (N_("planned")));
    }
  flow_heading (f, T (N_("When we meet to check progress")), 40);
  flow_body (f, _("Review dates"), &body, text->str, 0);
  f->y += MM (5);
}

static void
draw_contact (Flow               *f,
              const BbSafetyPlan *self)
{
  const char *language = self->language;
  BbTextStyle body = bb_template_style (10.5, PANGO_WEIGHT_NORMAL, BB_INK);
  g_autofree char *lines = bb_template_contact_lines (f->branding, language);
  g_autoptr(GString) text = g_string_new (T (N_("Tell us what you think of the plan, and what worries you in your "
                                                "neighbourhood.")));

  /* One paragraph a line: the body joins single lines into one. */
  body.line_spacing = 1.35;
  body.space_after = 3;
  if (self->contact != NULL)
    g_string_append_printf (text, "\n\n%s", self->contact);
  if (lines != NULL && *lines)
    {
      g_auto(GStrv) each = g_strsplit (lines, "\n", -1);

      for (guint i = 0; each[i] != NULL; i++)
        g_string_append_printf (text, "\n\n%s", each[i]);
    }
  flow_heading (f, T (N_("Talk to us")), 50);
  flow_body (f, _("Contact"), &body, text->str, 0);
}

static void
draw_footer (BbPage           *page,
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

  bb_page_add_line (page, MARGIN, H - MM (14), W - MARGIN, H - MM (14), &rule, 0.6, FALSE);
  bb_page_add_text (page, _("Footer"), MARGIN, H - MM (12.5), W - MM (70), MM (6), &style,
                    branding->station_name != NULL ? branding->station_name : "");
  style.align = BB_ALIGN_END;
  bb_page_add_text (page, _("Page number"), W - MM (60), H - MM (12.5), MM (42), MM (6), &style, pages);
}

BbPrintDocument *
bb_safety_plan_build (const BbSafetyPlan *self,
                      const BbBranding   *branding)
{
  const char *language;
  Flow f = { 0 };
  BbTextStyle body = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (branding != NULL, NULL);

  language = self->language;
  f.doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  f.branding = branding;
  f.language = language;
  bb_print_document_set_language (f.doc, language);
  bb_print_document_set_title (f.doc, self->title);
  bb_print_document_get_trim_size (f.doc, &f.W, &f.H);
  f.cw = f.W - 2 * MARGIN;
  f.page = bb_print_document_add_page (f.doc);
  f.scratch = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (f.scratch, language);
  f.scratch_page = bb_print_document_add_page (f.scratch);

  draw_header (&f, self);
  body.line_spacing = 1.45;
  body.space_after = 5;
  if (self->statement != NULL && *self->statement)
    {
      flow_heading (&f, T (N_("Our shared concern")), 40);
      flow_body (&f, _("Statement"), &body, self->statement, 0);
      f.y += MM (5);
    }
  draw_problems (&f, self);
  draw_objectives (&f, self);
  draw_tasks (&f, self);
  draw_reviews (&f, self);
  draw_contact (&f, self);

  for (guint i = 0; i < bb_print_document_get_n_pages (f.doc); i++)
    draw_footer (bb_print_document_get_page (f.doc, i), branding, language, f.W, f.H, i + 1,
                 bb_print_document_get_n_pages (f.doc));
  bb_print_document_free (f.scratch);
  return f.doc;
}
