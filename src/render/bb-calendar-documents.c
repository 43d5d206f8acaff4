/* bb-calendar-documents.c: a meeting's agenda and minutes, and a month's events, for the notice board and the partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-calendar-documents"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bb-store-calendar.h"
#include "bb-template-private.h"

/* A meeting as one document shows it. */
typedef struct {
  BbStore               *store;
  const BbBranding      *branding;
  const BbReportRequest *request;
  BbWithheld            *withheld;
  BbEvent               *event;       /* the row; start and end moved to the occurrence */
  GTimeZone             *tz;
  char                  *kind_name;
  char                  *district_name;
  BbPrintDocument       *doc;
  BbPage                *page;
  double                 W, H, M, cw, y;
} Meeting;

static void
meeting_clear (Meeting *m)
{
  g_clear_pointer (&m->event, bb_event_free);
  g_clear_pointer (&m->tz, g_time_zone_unref);
  g_clear_pointer (&m->kind_name, g_free);
  g_clear_pointer (&m->district_name, g_free);
  g_clear_pointer (&m->doc, bb_print_document_free);
}

#define BOTTOM(m) ((m)->H - MM (22))

static void
need (Meeting *m,
      double   height)
{
  if (m->y + height <= BOTTOM (m))
    return;
  m->page = bb_print_document_add_page (m->doc);
  m->y = m->M;
}

static GTimeZone *
zone_of (BbStore    *store,
         const char *tzid)
{
  g_autoptr(BbStation) station = NULL;
  GTimeZone *tz = tzid != NULL ? g_time_zone_new_identifier (tzid) : NULL;

  if (tz == NULL && (station = bb_store_station_get (store, NULL)) != NULL && station->timezone != NULL)
    tz = g_time_zone_new_identifier (station->timezone);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static gboolean
meeting_load (Meeting                *m,
              BbStore                *store,
              const BbBranding       *branding,
              const BbReportRequest  *request,
              BbWithheld             *withheld,
              GError                **error)
{
  g_autoptr(GPtrArray) kinds = NULL;

  g_return_val_if_fail (request->event_id != NULL, FALSE);

  m->store = store;
  m->branding = branding;
  m->request = request;
  m->withheld = withheld;
  m->event = bb_store_event_get (store, request->event_id, error);
  if (m->event == NULL)
    return FALSE;
  if (request->occurrence != BB_UNSET_TIME && m->event->rrule != NULL)
    {
      gint64 length = m->event->end_at - m->event->start_at;

      m->event->start_at = request->occurrence;
      m->event->end_at = request->occurrence + length;
    }
  m->tz = zone_of (store, m->event->tzid);
  kinds = bb_store_event_kind_list (store, error);
  if (kinds == NULL)
    return FALSE;
  for (guint k = 0; k + 1 < kinds->len; k += 2)
    if (g_strcmp0 (g_ptr_array_index (kinds, k), m->event->kind) == 0)
      m->kind_name = g_strdup (g_ptr_array_index (kinds, k + 1));
  if (m->event->district_id != NULL)
    {
      g_autoptr(BbDistrict) district = bb_store_district_get (store, m->event->district_id, NULL);

      if (district != NULL)
        m->district_name = g_strdup (district->name);
    }
  m->doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (m->doc, request->language);
  bb_print_document_get_trim_size (m->doc, &m->W, &m->H);
  m->M = MM (18);
  m->cw = m->W - 2 * m->M;
  return TRUE;
}

static char *
when_text (Meeting *m)
{
  const char *language = m->request->language;
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (m->event->start_at);
  g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (m->event->end_at);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (start_utc, m->tz);
  g_autoptr(GDateTime) end = g_date_time_to_timezone (end_utc, m->tz);
  g_autofree char *day = bb_template_long_date (language, start);
  g_autofree char *from = g_date_time_format (start, "%H:%M");
  g_autofree char *to = g_date_time_format (end, "%H:%M");

  if (m->event->all_day)
    return g_steal_pointer (&day);
  return g_strdup_printf ("%s, %s–%s", day, from, to);
}

static void
fill_facts (Meeting           *m,
            BbFrame           *frame,
            const char * const *labels,
            const char * const *values,
            guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      BbTextStyle label = bb_template_style_c (9, PANGO_WEIGHT_BOLD, &m->branding->primary);
      BbTextStyle value = bb_template_style (11, PANGO_WEIGHT_NORMAL, BB_INK);
      BbParagraph *p;

      label.uppercase = TRUE;
      value.space_after = 3;
      value.line_spacing = 1.35;
      p = bb_frame_add_paragraph (frame, &value, "");
      bb_paragraph_append (p, &label, labels[i]);
      bb_paragraph_append (p, &value, "   ");
      bb_paragraph_append (p, &value, values[i]);
    }
}

/* The facts of the meeting in a tinted box: when, where, who calls it. */
static void
add_facts (Meeting    *m,
           const char *extra_label,
           const char *extra)
{
  const char *language = m->request->language;
  BbColor box = bb_color_tint (&m->branding->primary, 0.92);
  g_autofree char *when = when_text (m);
  g_autoptr(BbOfficer) organiser = m->event->organiser_id != NULL
                                   ? bb_store_officer_get (m->store, m->event->organiser_id, NULL) : NULL;
  g_autofree char *organiser_text = NULL;
  const char *labels[5];
  const char *values[5];
  guint n = 0;
  double h;

  labels[n] = T (N_("When")), values[n++] = when;
  if (m->event->place != NULL && *m->event->place)
    labels[n] = T (N_("Where")), values[n++] = m->event->place;
  if (m->district_name != NULL)
    labels[n] = T (N_("District")), values[n++] = m->district_name;
  if (organiser != NULL)
    {
      /* Officers are public servants: name, rank and duty phone are printed. */
      organiser_text = g_strdup_printf ("%s %s%s%s", organiser->rank != NULL ? organiser->rank : "", organiser->name,
                                        organiser->phone != NULL ? ", " : "",
                                        organiser->phone != NULL ? organiser->phone : "");
      labels[n] = T (N_("Called by")), values[n++] = g_strstrip (organiser_text);
    }
  if (extra != NULL)
    labels[n] = extra_label, values[n++] = extra;

  /* Measured on a scratch page, so that the box is drawn under the text. */
  {
    g_autoptr(BbPrintDocument) scratch = bb_print_document_new (BB_PAPER_A4, FALSE);
    BbFrame *probe;

    bb_print_document_set_language (scratch, language);
    probe = bb_page_add_frame (bb_print_document_add_page (scratch), NULL, 0, 0, m->cw - MM (10), MM (80));
    fill_facts (m, probe, labels, values, n);
    h = bb_frame_measure (probe) + MM (8);
  }
  bb_page_add_rect (m->page, m->M, m->y, m->cw, h, &box, NULL, 0, MM (2));
  fill_facts (m, bb_page_add_frame (m->page, _("Meeting facts"), m->M + MM (5), m->y + MM (4), m->cw - MM (10),
                                    h - MM (6)),
              labels, values, n);
  m->y += h + MM (7);
}

/* Lines of a text a person typed, one paragraph each; "1. " and "• "
 * hang in the margin. */
static void
add_lines (Meeting    *m,
           const char *name,
           const char *text,
           double      size)
{
  BbTextStyle style = bb_template_style (size, PANGO_WEIGHT_NORMAL, BB_INK);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  style.line_spacing = 1.4;
  style.space_after = size * 0.5;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_autofree char *number = NULL;
      const char *body = line;
      BbFrame *frame;
      BbParagraph *p;
      double h;

      if (*line == '\0')
        continue;
      if (g_ascii_isdigit (line[0]))
        {
          const char *dot = line;

          while (g_ascii_isdigit (*dot))
            dot++;
          if ((*dot == '.' || *dot == ')') && dot[1] == ' ')
            {
              number = g_strndup (line, dot - line + 1);
              body = dot + 2;
            }
        }
      else if (g_str_has_prefix (line, "• ") || g_str_has_prefix (line, "- "))
        {
          number = g_strdup ("•");
          body = line + (line[0] == '-' ? 2 : strlen ("• "));
        }
      h = bb_print_document_measure_text (m->doc, &style, body, m->cw - size * 1.6) + style.space_after;
      need (m, h);
      frame = bb_page_add_frame (m->page, name, m->M, m->y, m->cw, h + 1);
      p = bb_frame_add_paragraph (frame, &style, body);
      if (number != NULL)
        bb_paragraph_set_bullet (p, number, &m->branding->accent);
      m->y += h;
    }
  m->y += MM (5);
}

static void
heading (Meeting    *m,
         const char *text)
{
  need (m, 26 + MM (20));
  m->y += bb_template_heading (m->page, m->branding, m->M, m->y, m->cw, text);
}

/* What became of a concern, in a few words. */
static char *
follow_up_words (const char *language,
                 const char *incident_status,
                 const char *problem_stage,
                 guint       tasks_done,
                 guint       tasks_total)
{
  const char *stage = NULL;

  if (problem_stage != NULL)
    {
      if (g_str_equal (problem_stage, "scanning") || g_str_equal (problem_stage, "analysis"))
        stage = T (N_("taken up as a problem; partners are looking into it"));
      else if (g_str_equal (problem_stage, "response"))
        stage = T (N_("partners are acting on it"));
      else if (g_str_equal (problem_stage, "assessment"))
        stage = T (N_("action taken; the results are being checked"));
      else
        stage = T (N_("solved and closed"));
      if (tasks_total > 0)
        return g_strdup_printf (T (N_("%s (%u of %u tasks done)")), stage, tasks_done, tasks_total);
      return g_strdup (stage);
    }
  if (g_strcmp0 (incident_status, "cleared") == 0)
    return g_strdup (T (N_("recorded and dealt with")));
  if (g_strcmp0 (incident_status, "referred") == 0)
    return g_strdup (T (N_("recorded and passed to the service responsible")));
  if (incident_status != NULL)
    return g_strdup (T (N_("recorded; the officer is following it up")));
  return g_strdup (T (N_("not taken up yet; the officer will report at the next meeting")));
}

static gboolean
add_report_back (Meeting  *m,
                 GError  **error)
{
  const char *language = m->request->language;
  g_autoptr(GPtrArray) items = NULL;
  static const double fractions[] = { 1.3, 1 };
  const char *head[] = { T (N_("You said")), T (N_("We did")), NULL };
  BbTable *table;
  gint64 previous = BB_UNSET_TIME;

  items = bb_store_event_report_back (m->store, m->event->kind, m->event->district_id, m->event->start_at,
                                      NULL, &previous, error);
  if (items == NULL)
    return FALSE;
  if (items->len == 0)
    return TRUE;
  heading (m, T (N_("You said, we did")));
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (previous);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, m->tz);
    g_autofree char *day = bb_template_long_date (language, local);
    g_autofree char *intro = g_strdup_printf (T (N_("Concerns raised at the last meeting (%s) and what has happened since.")), day);
    BbTextStyle style = bb_template_style (9.5, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);

    bb_page_add_text (m->page, _("Report back"), m->M, m->y, m->cw, 16, &style, intro);
    m->y += 18;
  }
  table = bb_template_table (m->page, m->branding, _("You said, we did"), m->M, m->y, m->cw, BOTTOM (m) - m->y,
                             2, fractions);
  bb_table_add_row (table, TRUE, head);
  for (guint i = 0; i < items->len; i++)
    {
      BbReportBack *item = g_ptr_array_index (items, i);
      g_autofree char *words = follow_up_words (language, item->incident_status, item->problem_stage,
                                                item->tasks_done, item->tasks_total);
      const char *cells[] = { item->text, words, NULL };

      bb_table_add_row (table, FALSE, cells);
      if (bb_table_measure (table) > BOTTOM (m) - m->y)
        {
          bb_table_pop_row (table);
          m->y += bb_table_measure (table);
          m->page = bb_print_document_add_page (m->doc);
          m->y = m->M;
          table = bb_template_table (m->page, m->branding, _("You said, we did"), m->M, m->y, m->cw,
                                     BOTTOM (m) - m->y, 2, fractions);
          bb_table_add_row (table, TRUE, head);
          bb_table_add_row (table, FALSE, cells);
        }
    }
  m->y += bb_table_measure (table) + MM (7);
  return TRUE;
}

static void
add_welcome (Meeting *m)
{
  const char *language = m->request->language;
  g_autofree char *contacts = bb_template_contact_lines (m->branding, language);
  g_autofree char *text = g_strdup_printf (T (N_("Everyone who lives or works in the district is welcome. Questions "
                                                 "before the meeting: %s")),
                                           m->branding->phone != NULL ? m->branding->phone : contacts);

  add_lines (m, _("Welcome"), text, 10);
}

BbPrintDocument *
bb_meeting_agenda_build (BbStore                *store,
                         const BbBranding       *branding,
                         const BbReportRequest  *request,
                         BbWithheld             *withheld,
                         GError                **error)
{
  const char *language = request->language;
  Meeting meeting = { 0 }, *m = &meeting;
  g_autofree char *title = NULL;
  BbPrintDocument *doc;

  if (!meeting_load (m, store, branding, request, withheld, error))
    {
      meeting_clear (m);
      return NULL;
    }
  title = g_strdup_printf (T (N_("Agenda: %s")), m->event->title);
  bb_print_document_set_title (m->doc, title);
  m->page = bb_print_document_add_page (m->doc);
  m->y = bb_template_band (m->page, branding, m->W, m->M, m->event->title,
                           m->kind_name != NULL ? m->kind_name : T (N_("Meeting")));
  add_facts (m, NULL, NULL);
  heading (m, T (N_("Agenda")));
  if (m->event->agenda != NULL && *m->event->agenda)
    add_lines (m, _("Agenda"), m->event->agenda, 12);
  else
    add_lines (m, _("Agenda"), T (N_("The agenda will be agreed at the start of the meeting.")), 12);
  if (!add_report_back (m, error))
    {
      meeting_clear (m);
      return NULL;
    }
  add_welcome (m);
  bb_template_footers (m->doc, branding, m->M);
  doc = g_steal_pointer (&m->doc);
  meeting_clear (m);
  return doc;
}

/* Officers and organisations by name; residents only as a number. */
static char *
attendance_text (Meeting  *m,
                 GError  **error)
{
  const char *language = m->request->language;
  g_autoptr(GPtrArray) attendees = bb_store_event_attendee_list (m->store, m->event->id, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);
  guint residents = 0;

  if (attendees == NULL)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  for (guint i = 0; i < attendees->len; i++)
    {
      BbEventAttendee *a = g_ptr_array_index (attendees, i);

      if (a->officer_id != NULL)
        {
          g_autoptr(BbOfficer) officer = bb_store_officer_get (m->store, a->officer_id, NULL);

          if (officer != NULL)
            g_ptr_array_add (names, g_strdup_printf ("%s %s", officer->rank != NULL ? officer->rank : "", officer->name));
        }
      else if (a->partner_id != NULL)
        {
          g_autoptr(BbPartner) partner = bb_store_partner_get (m->store, a->partner_id, NULL);

          if (partner != NULL && partner->is_person)
            residents++;
          else if (partner != NULL)
            g_ptr_array_add (names, g_strdup (partner->name));
        }
    }
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, g_strstrip (g_ptr_array_index (names, i)));
    }
  if (residents > 0)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      /* TRANSLATORS: at the end of the list of who attended a meeting */
      g_string_append_printf (text, T (N_("residents: %u")), residents);
      bb_withheld_add_note (m->withheld,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The name of %u resident who attended is not printed; the minutes count them.",
                                         "The names of %u residents who attended are not printed; the minutes count them.",
                                         residents),
                            residents);
    }
  return g_string_free (text, FALSE);
}

static gboolean
add_concerns (Meeting  *m,
              GError  **error)
{
  const char *language = m->request->language;
  g_autoptr(GPtrArray) concerns = bb_store_concern_list (m->store, m->event->id, error);
  static const double fractions[] = { 1.3, 1 };
  const char *head[] = { T (N_("Concern raised")), T (N_("What happens next")), NULL };
  BbTable *table;

  if (concerns == NULL)
    return FALSE;
  if (concerns->len == 0)
    return TRUE;
  heading (m, T (N_("Concerns raised")));
  table = bb_template_table (m->page, m->branding, _("Concerns raised"), m->M, m->y, m->cw, BOTTOM (m) - m->y,
                             2, fractions);
  bb_table_add_row (table, TRUE, head);
  for (guint i = 0; i < concerns->len; i++)
    {
      BbConcern *c = g_ptr_array_index (concerns, i);
      g_autoptr(BbIncident) incident = c->incident_id != NULL ? bb_store_incident_get (m->store, c->incident_id, NULL) : NULL;
      g_autoptr(BbProblem) problem = c->problem_id != NULL ? bb_store_problem_get (m->store, c->problem_id, NULL) : NULL;
      g_autofree char *words = follow_up_words (language, incident != NULL ? incident->status : NULL,
                                                problem != NULL ? problem->stage : NULL, 0, 0);
      const char *cells[] = { c->text, words, NULL };

      bb_table_add_row (table, FALSE, cells);
      if (bb_table_measure (table) > BOTTOM (m) - m->y)
        {
          bb_table_pop_row (table);
          m->page = bb_print_document_add_page (m->doc);
          m->y = m->M;
          table = bb_template_table (m->page, m->branding, _("Concerns raised"), m->M, m->y, m->cw,
                                     BOTTOM (m) - m->y, 2, fractions);
          bb_table_add_row (table, TRUE, head);
          bb_table_add_row (table, FALSE, cells);
        }
    }
  m->y += bb_table_measure (table) + MM (7);
  return TRUE;
}

/* The group's next meeting, for the last line of the minutes. */
static char *
next_meeting (Meeting *m)
{
  const char *language = m->request->language;
  /* From the next day: the calendar gives what overlaps, this meeting too. */
  g_autoptr(GPtrArray) items = bb_store_calendar_items (m->store, m->event->start_at + 86400,
                                                        m->event->start_at + 120 * 86400, m->event->kind,
                                                        m->event->district_id, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *day = NULL;
      g_autofree char *time = NULL;

      if (item->kind != BB_CALENDAR_ITEM_EVENT || g_strcmp0 (item->district_id, m->event->district_id) != 0)
        continue;
      utc = g_date_time_new_from_unix_utc (item->start);
      local = g_date_time_to_timezone (utc, m->tz);
      day = bb_template_long_date (language, local);
      time = g_date_time_format (local, "%H:%M");
      return item->all_day ? g_steal_pointer (&day) : g_strdup_printf ("%s, %s", day, time);
    }
  return NULL;
}

BbPrintDocument *
bb_meeting_minutes_build (BbStore                *store,
                          const BbBranding       *branding,
                          const BbReportRequest  *request,
                          BbWithheld             *withheld,
                          GError                **error)
{
  const char *language = request->language;
  Meeting meeting = { 0 }, *m = &meeting;
  g_autofree char *title = NULL;
  g_autofree char *attendance = NULL;
  g_autofree char *present = NULL;
  g_autofree char *next = NULL;
  BbPrintDocument *doc;

  if (!meeting_load (m, store, branding, request, withheld, error))
    {
      meeting_clear (m);
      return NULL;
    }
  present = attendance_text (m, error);
  if (present == NULL)
    {
      meeting_clear (m);
      return NULL;
    }
  title = g_strdup_printf (T (N_("Minutes: %s")), m->event->title);
  bb_print_document_set_title (m->doc, title);
  m->page = bb_print_document_add_page (m->doc);
  m->y = bb_template_band (m->page, branding, m->W, m->M, m->event->title, T (N_("Minutes of the meeting")));
  if (m->event->head_count != BB_UNSET_INT)
    attendance = g_strdup_printf (T (N_("%d people")), m->event->head_count);
  add_facts (m, T (N_("Attended")), attendance);
  if (*present != '\0')
    {
      heading (m, T (N_("Present")));
      add_lines (m, _("Present"), present, 10.5);
    }
  heading (m, T (N_("Notes")));
  add_lines (m, _("Minutes"), m->event->minutes != NULL && *m->event->minutes
                              ? m->event->minutes : T (N_("No minutes were written for this meeting.")), 11);
  if (!add_concerns (m, error))
    {
      meeting_clear (m);
      return NULL;
    }
  next = next_meeting (m);
  if (next != NULL)
    {
      g_autofree char *text = g_strdup_printf (T (N_("The next meeting: %s. The officer will report there on each concern raised.")),
                                               next);

      heading (m, T (N_("Next meeting")));
      add_lines (m, _("Next meeting"), text, 11);
    }
  bb_template_footers (m->doc, branding, m->M);
  doc = g_steal_pointer (&m->doc);
  meeting_clear (m);
  return doc;
}
