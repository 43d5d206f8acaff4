/* bb-event-editor.c: the window that plans an event or records what happened at it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-editor"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "bb-event-editor.h"
#include "bb-event-editor-private.h"
#include "bb-recurrence.h"


G_DEFINE_FINAL_TYPE (BbEventEditor, bb_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
bb_event_editor_toast (BbEventEditor *self,
       const char    *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

GDateTime *
bb_event_editor_local_time (BbEventEditor *self,
       gint64         t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return g_date_time_to_timezone (utc, self->tz);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gboolean
parse_date (const char *text,
            int        *y,
            int        *m,
            int        *d)
{
  return text != NULL && sscanf (text, "%d-%d-%d", y, m, d) == 3 && g_date_valid_dmy (*d, *m, *y);
}

static gboolean
parse_time (const char *text,
            int        *h,
            int        *min)
{
  *min = 0;
  if (text == NULL || sscanf (text, "%d:%d", h, min) < 1)
    return FALSE;
  return *h >= 0 && *h <= 23 && *min >= 0 && *min <= 59;
}

/* The repeat choices for a start on @date: "Weekly on Tuesday", "Monthly
 * on the second Tuesday", "Monthly on the last Friday" (when it is). */
static void
fill_repeat_choices (BbEventEditor *self,
                     GDateTime     *date,
                     BbRepeat       selected)
{
  static const BbRepeat order[] = {
    BB_REPEAT_NONE, BB_REPEAT_DAILY, BB_REPEAT_WEEKLY, BB_REPEAT_MONTHLY_BY_DATE,
    BB_REPEAT_MONTHLY_BY_WEEKDAY, BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY, BB_REPEAT_YEARLY, BB_REPEAT_CUSTOM,
  };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean is_last;
  guint position = 0;

  bb_recurrence_weekday_position (date, NULL, &is_last);
  g_array_set_size (self->repeat_values, 0);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      BbRecurrenceRule rule = { order[i], 1, 0, NULL };
      g_autofree char *rrule = NULL;
      g_autofree char *label = NULL;

      if (order[i] == BB_REPEAT_MONTHLY_BY_LAST_WEEKDAY && !is_last)
        continue;
      if (order[i] == BB_REPEAT_CUSTOM && selected != BB_REPEAT_CUSTOM)
        continue;
      if (order[i] == BB_REPEAT_CUSTOM)
        label = g_strdup (_("A rule from another calendar (kept as it is)"));
      else
        {
          rrule = bb_recurrence_rule_to_rrule (&rule, g_date_time_to_unix (date),
                                               g_time_zone_get_identifier (self->tz));
          label = bb_recurrence_describe (rrule, g_date_time_to_unix (date), g_time_zone_get_identifier (self->tz));
        }
      if (order[i] == selected)
        position = self->repeat_values->len;
      gtk_string_list_append (list, label);
      g_array_append_val (self->repeat_values, order[i]);
    }
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->repeat_row, position);
}

BbRepeat
bb_event_editor_chosen_repeat (BbEventEditor *self)
{
  guint i = adw_combo_row_get_selected (self->repeat_row);

  if (i >= self->repeat_values->len)
    return BB_REPEAT_NONE;
  return g_array_index (self->repeat_values, BbRepeat, i);
}

static void
update_sensitivity (BbEventEditor *self)
{
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  gboolean repeats = bb_event_editor_chosen_repeat (self) != BB_REPEAT_NONE && bb_event_editor_chosen_repeat (self) != BB_REPEAT_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->start_row), !all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), !all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->last_day_row), all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), repeats);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), repeats);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), repeats);
}

static void
date_changed_cb (BbEventEditor *self)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &y, &m, &d))
    return;
  date = g_date_time_new (self->tz, y, m, d, 12, 0, 0);
  if (date != NULL)
    fill_repeat_choices (self, date, bb_event_editor_chosen_repeat (self));
}

/* The event as typed ------------------------------------------------------ */

BbEvent *
bb_event_editor_dup_event (BbEventEditor  *self,
                           GError        **error)
{
  g_autoptr(BbEvent) e = NULL;
  g_autofree char *title = NULL;
  const char *text;
  int y, m, d, h = 0, min = 0;
  gboolean all_day;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint i;

  g_return_val_if_fail (BB_IS_EVENT_EDITOR (self), NULL);

  e = self->event != NULL ? bb_event_copy (self->event) : bb_event_new ();
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("Give the event a title"));
      return NULL;
    }
  g_free (e->title);
  e->title = g_steal_pointer (&title);

  i = adw_combo_row_get_selected (self->kind_row);
  if (i < self->kind_codes->len)
    {
      g_free (e->kind);
      e->kind = g_strdup (g_ptr_array_index (self->kind_codes, i));
    }

  all_day = gtk_switch_get_active (self->all_day_switch);
  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &y, &m, &d))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The date is not a date: write it as 2026-03-10"));
      return NULL;
    }
  if (!all_day && !parse_time (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &h, &min))
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("The start is not a time: write it as 18:00"));
      return NULL;
    }
  start = g_date_time_new (self->tz, y, m, d, all_day ? 0 : h, all_day ? 0 : min, 0);
  if (all_day)
    {
      int ly = y, lm = m, ld = d;

      text = gtk_editable_get_text (GTK_EDITABLE (self->last_day_row));
      if (*text != '\0' && !parse_date (text, &ly, &lm, &ld))
        {
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                               _("The last day is not a date: write it as 2026-03-10"));
          return NULL;
        }
      {
        g_autoptr(GDateTime) last = g_date_time_new (self->tz, ly, lm, ld, 0, 0, 0);

        end = g_date_time_add_days (last, 1);
      }
    }
  else
    {
      if (!parse_time (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &h, &min))
        {
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                               _("The end is not a time: write it as 19:30"));
          return NULL;
        }
      end = g_date_time_new (self->tz, y, m, d, h, min, 0);
      /* An end before the start is the next morning (a night patrol briefing). */
      if (end != NULL && start != NULL && g_date_time_compare (end, start) < 0)
        {
          GDateTime *next = g_date_time_add_days (end, 1);

          g_date_time_unref (end);
          end = next;
        }
    }
  if (start == NULL || end == NULL || g_date_time_compare (end, start) < 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("The event ends before it starts"));
      return NULL;
    }
  e->all_day = all_day;
  e->start_at = g_date_time_to_unix (start);
  e->end_at = g_date_time_to_unix (end);
  g_free (e->tzid);
  e->tzid = g_strdup (g_time_zone_get_identifier (self->tz));

  g_free (e->place);
  e->place = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->place_row))));
  bb_event_editor_read_place (self, e);
  i = adw_combo_row_get_selected (self->district_row);
  g_free (e->district_id);
  e->district_id = i < self->district_ids->len ? g_strdup (g_ptr_array_index (self->district_ids, i)) : NULL;
  i = adw_combo_row_get_selected (self->organiser_row);
  g_free (e->organiser_id);
  e->organiser_id = i < self->officer_ids->len ? g_strdup (g_ptr_array_index (self->officer_ids, i)) : NULL;

  text = gtk_editable_get_text (GTK_EDITABLE (self->head_count_row));
  if (*text == '\0')
    e->head_count = BB_UNSET_INT;
  else
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (text, 10, 0, 100000, &n, NULL))
        {
          g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                               _("The head count is not a number of people"));
          return NULL;
        }
      e->head_count = (int) n;
    }
  g_free (e->agenda);
  e->agenda = text_of (self->agenda_view);
  g_free (e->minutes);
  e->minutes = text_of (self->minutes_view);

  g_clear_pointer (&e->rrule, g_free);
  if (bb_event_editor_chosen_repeat (self) == BB_REPEAT_CUSTOM)
    e->rrule = g_strdup (self->original_rrule);
  else if (bb_event_editor_chosen_repeat (self) != BB_REPEAT_NONE)
    {
      BbRecurrenceRule rule = { bb_event_editor_chosen_repeat (self), 1, 0, NULL };
      guint64 n;

      text = gtk_editable_get_text (GTK_EDITABLE (self->interval_row));
      if (*text != '\0')
        {
          if (!g_ascii_string_to_unsigned (text, 10, 1, 1000, &n, NULL))
            {
              g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                                   _("“Every” needs a whole number, 1 or more"));
              return NULL;
            }
          rule.interval = (guint) n;
        }
      text = gtk_editable_get_text (GTK_EDITABLE (self->count_row));
      if (*text != '\0')
        {
          if (!g_ascii_string_to_unsigned (text, 10, 1, 10000, &n, NULL))
            {
              g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                                   _("The number of times needs a whole number, 1 or more"));
              return NULL;
            }
          rule.count = (guint) n;
        }
      text = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
      if (*text != '\0')
        {
          if (!parse_date (text, &y, &m, &d))
            {
              g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                                   _("“Until” is not a date: write it as 2026-12-31"));
              return NULL;
            }
          rule.until = g_strdup (text);
        }
      e->rrule = bb_recurrence_rule_to_rrule (&rule, e->start_at, e->tzid);
      bb_recurrence_rule_clear (&rule);
    }
  return g_steal_pointer (&e);
}

void
bb_event_editor_changed (BbEventEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0);
}

/* Loading ------------------------------------------------------------- */

static void
fill_choices (BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = bb_store_event_kind_list (self->store, &error);
  g_autoptr(GPtrArray) districts = bb_store_district_list (self->store, NULL);
  g_autoptr(GPtrArray) officers = bb_store_officer_list (self->store, NULL);
  g_autoptr(GPtrArray) partners = bb_store_partner_list (self->store, NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) district_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) officer_names = gtk_string_list_new (NULL);

  for (guint i = 0; kinds != NULL && i + 1 < kinds->len; i += 2)
    {
      g_ptr_array_add (self->kind_codes, g_strdup (g_ptr_array_index (kinds, i)));
      gtk_string_list_append (kind_names, g_ptr_array_index (kinds, i + 1));
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));

  gtk_string_list_append (district_names, _("None"));
  g_ptr_array_add (self->district_ids, NULL);
  for (guint i = 0; districts != NULL && i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      gtk_string_list_append (district_names, d->name);
      g_ptr_array_add (self->district_ids, g_strdup (d->id));
    }
  adw_combo_row_set_model (self->district_row, G_LIST_MODEL (district_names));

  gtk_string_list_append (officer_names, _("None"));
  g_ptr_array_add (self->officer_ids, NULL);
  for (guint i = 0; officers != NULL && i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      gtk_string_list_append (officer_names, o->name);
      g_ptr_array_add (self->officer_ids, g_strdup (o->id));
    }
  adw_combo_row_set_model (self->organiser_row, G_LIST_MODEL (officer_names));

  /* Attendees: officers, then partners (advisory-group members are partners). */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *people = pass == 0 ? officers : partners;

      for (guint i = 0; people != NULL && i < people->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          const char *name, *id;

          if (pass == 0)
            {
              BbOfficer *o = g_ptr_array_index (people, i);

              name = o->name;
              id = o->id;
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), o->rank ? o->rank : _("Officer"));
              g_object_set_data_full (G_OBJECT (check), "officer-id", g_strdup (id), g_free);
            }
          else
            {
              BbPartner *p = g_ptr_array_index (people, i);

              name = p->name;
              id = p->id;
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->contact_name ? p->contact_name : "");
              g_object_set_data_full (G_OBJECT (check), "partner-id", g_strdup (id), g_free);
            }
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_expander_row_add_row (self->attendees_row, row);
          g_ptr_array_add (self->attendee_checks, check);
        }
    }
}

static void
select_value (AdwComboRow *row,
              GPtrArray   *values,
              const char  *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

static void
load (BbEventEditor *self,
      gint64         default_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (self->store, NULL);
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *last = NULL;
  const BbEvent *shown;
  BbRecurrenceRule rule = { 0 };
  gint64 start_t, end_t;

  if (self->item != NULL)
    {
      BbEvent *e = bb_store_event_get (self->store, self->item->id, &error);

      if (e == NULL)
        {
          bb_event_editor_toast (self, error->message);
          return;
        }
      self->event = e;
      if (e->series_id != NULL)
        self->series = bb_store_event_get (self->store, e->series_id, NULL);
      else if (e->rrule != NULL)
        self->series = e;
      self->original_rrule = g_strdup (self->series ? self->series->rrule : NULL);
    }

  shown = self->event;
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_new_identifier (shown ? shown->tzid : station ? station->timezone : "UTC");
  if (self->tz == NULL)
    self->tz = g_time_zone_new_utc ();

  start_t = self->item ? self->item->start : default_start;
  end_t = self->item ? self->item->end : default_start + 90 * 60;
  start = bb_event_editor_local_time (self, start_t);
  end = bb_event_editor_local_time (self, shown && shown->all_day ? MAX (end_t - 1, start_t) : end_t);
  date = g_date_time_format (start, "%Y-%m-%d");
  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  last = g_date_time_format (end, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), to);
  gtk_editable_set_text (GTK_EDITABLE (self->last_day_row), last);

  if (shown != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), shown->title);
      select_value (self->kind_row, self->kind_codes, shown->kind);
      gtk_switch_set_active (self->all_day_switch, shown->all_day);
      gtk_editable_set_text (GTK_EDITABLE (self->place_row), shown->place ? shown->place : "");
      bb_event_editor_load_place (self, shown);
      select_value (self->district_row, self->district_ids, shown->district_id);
      select_value (self->organiser_row, self->officer_ids, shown->organiser_id);
      if (shown->head_count >= 0)
        {
          g_autofree char *n = g_strdup_printf ("%d", shown->head_count);

          gtk_editable_set_text (GTK_EDITABLE (self->head_count_row), n);
        }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->agenda_view), shown->agenda ? shown->agenda : "", -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->minutes_view), shown->minutes ? shown->minutes : "", -1);
      adw_window_title_set_title (self->window_title, shown->title);
      gtk_window_set_title (GTK_WINDOW (self), shown->title);
      adw_window_title_set_subtitle (self->window_title, self->series ? _("Repeating event") : NULL);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Event"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Event"));
      select_value (self->kind_row, self->kind_codes, "community_meeting");
    }

  bb_recurrence_rule_parse (self->original_rrule, g_time_zone_get_identifier (self->tz), &rule);
  fill_repeat_choices (self, start, rule.repeat);
  if (rule.interval > 1)
    {
      g_autofree char *n = g_strdup_printf ("%u", rule.interval);

      gtk_editable_set_text (GTK_EDITABLE (self->interval_row), n);
    }
  if (rule.count > 0)
    {
      g_autofree char *n = g_strdup_printf ("%u", rule.count);

      gtk_editable_set_text (GTK_EDITABLE (self->count_row), n);
    }
  if (rule.until != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->until_row), rule.until);
  bb_recurrence_rule_clear (&rule);

  /* Who came: the occurrence's own list, else the series'. */
  if (self->event != NULL)
    {
      g_autoptr(GPtrArray) attendees = bb_store_event_attendee_list (self->store, self->event->id, NULL);
      guint n = 0;

      for (guint i = 0; attendees != NULL && i < attendees->len; i++)
        {
          BbEventAttendee *a = g_ptr_array_index (attendees, i);

          for (guint k = 0; k < self->attendee_checks->len; k++)
            {
              GtkCheckButton *check = g_ptr_array_index (self->attendee_checks, k);

              if ((a->partner_id && g_strcmp0 (g_object_get_data (G_OBJECT (check), "partner-id"), a->partner_id) == 0)
                  || (a->officer_id && g_strcmp0 (g_object_get_data (G_OBJECT (check), "officer-id"), a->officer_id) == 0))
                {
                  gtk_check_button_set_active (check, TRUE);
                  n++;
                }
            }
        }
      if (n > 0)
        {
          g_autofree char *subtitle = g_strdup_printf (ngettext ("%u person from the directory", "%u people from the directory", n), n);

          adw_expander_row_set_subtitle (self->attendees_row, subtitle);
        }
    }

  gtk_widget_set_visible (self->delete_button, self->event != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->concerns_group), self->event != NULL);
  bb_event_editor_load_concerns (self);
  bb_event_editor_load_report_back (self, shown, start_t);
  update_sensitivity (self);
}

/* GObject ----------------------------------------------------------------- */

static void
bb_event_editor_dispose (GObject *object)
{
  BbEventEditor *self = BB_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_EVENT_EDITOR);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (bb_event_editor_parent_class)->dispose (object);
}

static void
bb_event_editor_finalize (GObject *object)
{
  BbEventEditor *self = BB_EVENT_EDITOR (object);

  if (self->series != self->event)
    g_clear_pointer (&self->series, bb_event_free);
  g_clear_pointer (&self->event, bb_event_free);
  g_clear_pointer (&self->item, bb_calendar_item_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->original_rrule);
  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->district_ids, g_ptr_array_unref);
  g_clear_pointer (&self->officer_ids, g_ptr_array_unref);
  g_clear_pointer (&self->repeat_values, g_array_unref);
  g_clear_pointer (&self->attendee_checks, g_ptr_array_unref);
  g_clear_pointer (&self->concern_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (bb_event_editor_parent_class)->finalize (object);
}

static void
bb_event_editor_class_init (BbEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_event_editor_dispose;
  object_class->finalize = bb_event_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, last_day_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, position_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, district_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, organiser_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, head_count_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, attendees_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, minutes_view);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, concerns_group);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, concern_row);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, report_group);
  gtk_widget_class_bind_template_child (widget_class, BbEventEditor, delete_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "concern_apply_cb",
                                                G_CALLBACK (bb_event_editor_concern_apply_cb));

  bb_event_editor_class_init_save (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  bb_event_editor_class_init_print (widget_class);
}

static void
bb_event_editor_init (BbEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind_codes = g_ptr_array_new_with_free_func (g_free);
  self->district_ids = g_ptr_array_new_with_free_func (g_free);
  self->officer_ids = g_ptr_array_new_with_free_func (g_free);
  self->repeat_values = g_array_new (FALSE, FALSE, sizeof (BbRepeat));
  self->attendee_checks = g_ptr_array_new ();
  self->concern_rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();
  bb_event_editor_init_place (self);
  g_signal_connect_swapped (self->all_day_switch, "notify::active", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->repeat_row, "notify::selected", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (date_changed_cb), self);
}

/* The window the editor belongs to is going: let go of it now, while it
 * still exists, rather than when a pending save releases the editor later. */
static void
parent_destroyed_cb (BbEventEditor *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

BbEventEditor *
bb_event_editor_new (GtkWindow            *parent,
                     BbStore              *store,
                     const BbCalendarItem *item,
                     gint64                default_start)
{
  BbEventEditor *self;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (item == NULL || item->kind == BB_CALENDAR_ITEM_EVENT, NULL);

  self = g_object_new (BB_TYPE_EVENT_EDITOR, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self, G_CONNECT_SWAPPED);
  self->store = g_object_ref (store);
  self->item = item ? bb_calendar_item_copy (item) : NULL;
  bb_place_picker_set_store (self->picker, store);
  bb_event_editor_load_place (self, NULL);
  fill_choices (self);
  load (self, default_start);
  return self;
}

void
bb_event_editor_set_text (BbEventEditor *self,
                          const char    *field,
                          const char    *text)
{
  static const struct { const char *name; gsize offset; } fields[] = {
    { "title", G_STRUCT_OFFSET (BbEventEditor, title_row) },
    { "date", G_STRUCT_OFFSET (BbEventEditor, date_row) },
    { "start", G_STRUCT_OFFSET (BbEventEditor, start_row) },
    { "end", G_STRUCT_OFFSET (BbEventEditor, end_row) },
    { "place", G_STRUCT_OFFSET (BbEventEditor, place_row) },
    { "head-count", G_STRUCT_OFFSET (BbEventEditor, head_count_row) },
    { "concern", G_STRUCT_OFFSET (BbEventEditor, concern_row) },
  };

  g_return_if_fail (BB_IS_EVENT_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].name))
      {
        GtkEditable *editable = G_STRUCT_MEMBER (GtkEditable *, self, fields[i].offset);

        gtk_editable_set_text (editable, text);
        return;
      }
  g_return_if_reached ();
}

guint
bb_event_editor_get_n_report_back (BbEventEditor *self)
{
  g_return_val_if_fail (BB_IS_EVENT_EDITOR (self), 0);
  return self->n_report_back;
}
