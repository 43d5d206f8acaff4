/* bb-problem-page-lists.c: the problem page's lists: incidents, responses with their tasks, review dates, and their editors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problem-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-chart-area.h"
#include "bb-form-dialog.h"
#include "bb-problem-page-private.h"

/* Rows added to an expander row, found again to be removed. */
static void
clear_expander (AdwExpanderRow *expander)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "bb-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_expander_row_remove (expander, g_ptr_array_index (rows, i));
  g_object_set_data (G_OBJECT (expander), "bb-rows", NULL);
}

static void
expander_add (AdwExpanderRow *expander,
              GtkWidget      *row)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "bb-rows");

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (expander), "bb-rows", rows, (GDestroyNotify) g_ptr_array_unref);
    }
  g_ptr_array_add (rows, row);
  adw_expander_row_add_row (expander, row);
}

void
bb_problem_page_clear_lists (BbProblemPage *self)
{
  for (guint i = 0; i < self->response_rows->len; i++)
    adw_preferences_group_remove (self->responses_group, g_ptr_array_index (self->response_rows, i));
  g_ptr_array_set_size (self->response_rows, 0);
  for (guint i = 0; i < self->review_rows->len; i++)
    adw_preferences_group_remove (self->reviews_group, g_ptr_array_index (self->review_rows, i));
  g_ptr_array_set_size (self->review_rows, 0);
  clear_expander (self->incidents_row);
  clear_expander (self->excluded_row);
}

static GtkWidget *
flat_button (const char *icon_name,
             const char *label,
             const char *tooltip)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (icon_name != NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  return button;
}

/* Incidents -------------------------------------------------------------------- */

static void
incident_choice_cb (GtkButton     *button,
                    BbProblemPage *self)
{
  const char *incident_id = g_object_get_data (G_OBJECT (button), "bb-incident");
  gboolean take_in = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "bb-take-in"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->problem_id == NULL)
    return;
  ok = take_in ? bb_store_problem_unset_incident (self->store, self->problem_id, incident_id, &error)
               : bb_store_problem_set_incident (self->store, self->problem_id, incident_id, FALSE, &error);
  if (!ok)
    bb_problem_page_show_error (self, NULL, error->message);
  else
    bb_problem_page_toast (self, take_in ? _("The incident belongs to the problem again")
                                         : _("The incident is left out of the problem"));
}

static GtkWidget *
incident_row (BbProblemPage    *self,
              const BbIncident *incident,
              gboolean          excluded)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *day = bb_form_day_of (incident->occurred_start, self->tz);
  const char *category = bb_problem_page_category_name (self, incident->category_id);
  /* Translators: an incident in a problem's list: its category and its day */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), category != NULL ? category : _("Unknown category"),
                                            day != NULL ? day : "?");
  const char *text = incident->description != NULL && *incident->description ? incident->description
                     : incident->address;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (text != NULL && *text)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  if (incident->restricted)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Restricted: never printed in public documents"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Restricted"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  button = flat_button (NULL, excluded ? _("_Take In Again") : _("_Leave Out"),
                        excluded ? _("Count this incident with the problem again")
                                 : _("Leave this incident out of the problem: it does not belong"));
  g_object_set_data_full (G_OBJECT (button), "bb-incident", g_strdup (incident->id), g_free);
  g_object_set_data (G_OBJECT (button), "bb-take-in", GINT_TO_POINTER (excluded));
  g_signal_connect_object (button, "clicked", G_CALLBACK (incident_choice_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
bb_problem_page_incidents_expanded_cb (AdwExpanderRow *expander,
                                       GParamSpec     *pspec,
                                       BbProblemPage  *self)
{
  gboolean excluded = expander == self->excluded_row;
  GPtrArray *incidents;

  if (self->disposed || self->detail == NULL || !adw_expander_row_get_expanded (expander)
      || g_object_get_data (G_OBJECT (expander), "bb-rows") != NULL)
    return;
  incidents = excluded ? self->detail->excluded : self->detail->incidents;
  for (guint i = 0; i < incidents->len; i++)
    expander_add (expander, incident_row (self, g_ptr_array_index (incidents, i), excluded));
}

static void
fill_incidents (BbProblemPage *self)
{
  const BbProblemDetail *d = self->detail;
  g_autofree char *count = NULL;

  if (d == NULL)
    {
      adw_action_row_set_subtitle (self->count_row, _("Counted once the problem is saved"));
      bb_mini_chart_set_data (self->months_chart, NULL, NULL, NULL, 0, NULL, NULL, 1);
      adw_expander_row_set_subtitle (self->incidents_row, NULL);
      adw_expander_row_set_subtitle (self->excluded_row, _("None"));
      return;
    }

  count = g_strdup_printf (ngettext ("%lld incident in the period, as it stands now",
                                     "%lld incidents in the period, as they stand now",
                                     (gulong) d->n_incidents), (long long) d->n_incidents);
  adw_action_row_set_subtitle (self->count_row, count);

  {
    g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
    g_auto(GStrv) label_v = NULL;
    g_autofree double *values = g_new0 (double, MAX (d->months->len, 1));

    for (guint i = 0; i < d->months->len; i++)
      {
        const BbMonthCount *m = &g_array_index (d->months, BbMonthCount, i);
        g_autoptr(GDateTime) dt = g_date_time_new_utc (m->year, m->month, 1, 0, 0, 0);
        /* The year under January and under the first month. */
        g_autofree char *label = g_date_time_format (dt, m->month == 1 || i == 0 ? "%b %Y" : "%b");

        g_strv_builder_add (labels, label);
        values[i] = m->count;
      }
    label_v = g_strv_builder_end (labels);
    bb_mini_chart_set_data (self->months_chart, (const char * const *) label_v, values, NULL, d->months->len,
                            NULL, NULL, MAX (1, (d->months->len + 7) / 8));
  }

  /* The rows themselves are built when the list is opened. */
  clear_expander (self->incidents_row);
  clear_expander (self->excluded_row);
  bb_problem_page_incidents_expanded_cb (self->incidents_row, NULL, self);
  bb_problem_page_incidents_expanded_cb (self->excluded_row, NULL, self);
  {
    /* Translators: "the newest 40 of 312" */
    g_autofree char *shown = g_strdup_printf (_("The newest %u of %lld"), d->incidents->len,
                                              (long long) d->n_incidents);

    adw_expander_row_set_subtitle (self->incidents_row, d->incidents->len > 0 ? shown : _("None"));
  }
  {
    g_autofree char *n = g_strdup_printf (ngettext ("%u incident", "%u incidents", d->excluded->len),
                                          d->excluded->len);

    adw_expander_row_set_subtitle (self->excluded_row, d->excluded->len > 0 ? n : _("None"));
  }
}

/* Responses and tasks ------------------------------------------------------------ */

static char *
response_subtitle (BbProblemPage    *self,
                   const BbResponse *r)
{
  g_autoptr(GString) text = g_string_new (r->agreed ? _("Agreed") : _("Proposed, not agreed yet"));
  const char *owner = bb_people_choice_name (self->people, r->owner_officer_id, r->owner_partner_id);

  if (owner != NULL)
    /* Translators: who leads a response, "led by Agron Lleshi" */
    g_string_append_printf (text, " · %s", owner);
  if (r->start_date != NULL || r->end_date != NULL)
    g_string_append_printf (text, " · %s – %s", r->start_date != NULL ? r->start_date : "…",
                            r->end_date != NULL ? r->end_date : "…");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
task_done_cb (GtkCheckButton *check,
              GParamSpec     *pspec,
              BbProblemPage  *self)
{
  const char *task_id = g_object_get_data (G_OBJECT (check), "bb-task");
  g_autoptr(GError) error = NULL;
  g_autoptr(BbTask) task = bb_store_task_get (self->store, task_id, &error);

  if (self->populating)
    return;
  if (task != NULL)
    {
      task->done = gtk_check_button_get_active (check);
      if (bb_store_task_update (self->store, task, &error))
        return;
    }
  bb_problem_page_show_error (self, NULL, error->message);
}

static void
edit_task_cb (GtkButton     *button,
              BbProblemPage *self)
{
  bb_problem_page_edit_task (self, g_object_get_data (G_OBJECT (button), "bb-response"),
                             g_object_get_data (G_OBJECT (button), "bb-task"));
}

static void
edit_response_cb (GtkButton     *button,
                  BbProblemPage *self)
{
  bb_problem_page_edit_response (self, g_object_get_data (G_OBJECT (button), "bb-response"));
}

static GtkWidget *
task_row (BbProblemPage *self,
          const BbTask  *task,
          const char    *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *edit = flat_button ("document-edit-symbolic", _("Edit Task"), _("Edit the task"));
  const char *who = bb_people_choice_name (self->people, task->assignee_officer_id, task->assignee_partner_id);
  g_autoptr(GString) subtitle = g_string_new (who != NULL ? who : _("Nobody assigned yet"));

  if (task->due_date != NULL)
    {
      g_string_append (subtitle, " · ");
      if (!task->done && strcmp (task->due_date, today) < 0)
        /* Translators: a task's due date that has passed */
        g_string_append_printf (subtitle, _("overdue since %s"), task->due_date);
      else
        /* Translators: a task's due date */
        g_string_append_printf (subtitle, _("due %s"), task->due_date);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), task->done);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Translators: the check box of a task, "Done: Order the lamps" */
  {
    g_autofree char *label = g_strdup_printf (_("Done: %s"), task->title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  g_object_set_data_full (G_OBJECT (check), "bb-task", g_strdup (task->id), g_free);
  g_signal_connect_object (check, "notify::active", G_CALLBACK (task_done_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (edit), "bb-task", g_strdup (task->id), g_free);
  g_object_set_data_full (G_OBJECT (edit), "bb-response", g_strdup (task->response_id), g_free);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_task_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  if (!task->done && task->due_date != NULL && strcmp (task->due_date, today) < 0)
    gtk_widget_add_css_class (row, "overdue");
  return row;
}

static void
fill_responses (BbProblemPage *self)
{
  const BbProblemDetail *d = self->detail;
  g_autofree char *today = bb_form_today (self->tz);

  for (guint i = 0; i < self->response_rows->len; i++)
    adw_preferences_group_remove (self->responses_group, g_ptr_array_index (self->response_rows, i));
  g_ptr_array_set_size (self->response_rows, 0);

  if (d == NULL || d->responses->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     d == NULL ? _("Save the problem first, then add the responses agreed with the partners.")
                                               : _("No responses yet. Add what the station and the partners agreed to do."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->responses_group, row);
      g_ptr_array_add (self->response_rows, row);
      return;
    }

  self->populating = TRUE;
  for (guint i = 0; i < d->responses->len; i++)
    {
      BbResponse *r = g_ptr_array_index (d->responses, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *actions = adw_preferences_row_new ();
      GtkWidget *add = flat_button (NULL, _("Add _Task"), _("Add a task to this response"));
      GtkWidget *edit = flat_button (NULL, _("_Edit Response"), _("Edit the response"));
      g_autofree char *subtitle = response_subtitle (self, r);
      guint n_tasks = 0, n_done = 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), r->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      /* A handful of responses: their tasks are what the page is for. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), d->responses->len <= 4);
      if (r->description != NULL && *r->description)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->description);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          gtk_widget_add_css_class (row, "dim-label");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      for (guint k = 0; k < d->tasks->len; k++)
        {
          BbTask *t = g_ptr_array_index (d->tasks, k);

          if (g_strcmp0 (t->response_id, r->id) != 0)
            continue;
          n_tasks++;
          n_done += t->done;
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), task_row (self, t, today));
        }
      if (n_tasks > 0)
        {
          /* Translators: on a response, "2 of 3 tasks done" */
          g_autofree char *tasks = g_strdup_printf (ngettext ("%u of %u task done", "%u of %u tasks done", n_tasks),
                                                    n_done, n_tasks);
          GtkWidget *label = gtk_label_new (tasks);

          gtk_widget_add_css_class (label, "dim-label");
          adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), label);
        }

      g_object_set_data_full (G_OBJECT (add), "bb-response", g_strdup (r->id), g_free);
      g_object_set_data_full (G_OBJECT (edit), "bb-response", g_strdup (r->id), g_free);
      g_signal_connect_object (add, "clicked", G_CALLBACK (edit_task_cb), self, 0);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_response_cb), self, 0);
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_widget_set_margin_top (buttons, 6);
      gtk_widget_set_margin_bottom (buttons, 6);
      gtk_widget_set_margin_end (buttons, 12);
      gtk_box_append (GTK_BOX (buttons), edit);
      gtk_box_append (GTK_BOX (buttons), add);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), buttons);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), actions);

      adw_preferences_group_add (self->responses_group, expander);
      g_ptr_array_add (self->response_rows, expander);
    }
  self->populating = FALSE;
}

/* Review dates -------------------------------------------------------------------- */

static void
fill_reviews (BbProblemPage *self)
{
  const BbProblemDetail *d = self->detail;
  g_autofree char *today = bb_form_today (self->tz);

  for (guint i = 0; i < self->review_rows->len; i++)
    adw_preferences_group_remove (self->reviews_group, g_ptr_array_index (self->review_rows, i));
  g_ptr_array_set_size (self->review_rows, 0);

  if (d == NULL || d->reviews->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No safety plan takes this problem on yet. Link it to a plan under Safety Plans."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->reviews_group, row);
      g_ptr_array_add (self->review_rows, row);
      return;
    }
  for (guint i = 0; i < d->reviews->len; i++)
    {
      BbPlanReview *review = g_ptr_array_index (d->reviews, i);
      GtkWidget *row = adw_action_row_new ();
      const char *plan_title = "";
      g_autofree char *subtitle = NULL;

      for (guint k = 0; k < d->plans->len; k++)
        if (g_strcmp0 (((BbPlan *) g_ptr_array_index (d->plans, k))->id, review->plan_id) == 0)
          plan_title = ((BbPlan *) g_ptr_array_index (d->plans, k))->title;
      /* Translators: a review date's plan and whether it was held, "Safety plan for the centre · held" */
      subtitle = g_strdup_printf (_("%s · %s"), plan_title,
                                  review->done ? _("held")
                                  : strcmp (review->review_date, today) < 0 ? _("passed, not held yet")
                                  : _("planned"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), review->review_date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_group_add (self->reviews_group, row);
      g_ptr_array_add (self->review_rows, row);
    }
}

/* The weekday @d (0: Monday) as the desk's language names it. */
static char *
weekday_name (guint       d,
              const char *format)
{
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);   /* a Monday */
  g_autoptr(GDateTime) day = g_date_time_add_days (monday, d);

  return g_date_time_format (day, format);
}

/* When in the week the incidents happen: a 7 × 24 table, and its busiest
 * hour in words (the table alone says nothing to a screen reader). */
static void
fill_hours (BbProblemPage *self)
{
  const BbProblemDetail *d = self->detail;
  g_autoptr(BbChart) chart = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_v = NULL;
  double values[BB_HOURS_PER_WEEK];
  BbColor accent = bb_color_rgb (0x3584e4);
  GtkWidget *old;
  guint busiest = 0;
  guint64 total = 0;

  while ((old = gtk_widget_get_first_child (GTK_WIDGET (self->hours_box))) != NULL)
    gtk_box_remove (self->hours_box, old);
  for (guint h = 0; h < BB_HOURS_PER_WEEK; h++)
    {
      values[h] = d != NULL ? d->hours[h] : 0;
      total += d != NULL ? d->hours[h] : 0;
      if (d != NULL && d->hours[h] > d->hours[busiest])
        busiest = h;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hours_box), total > 0);
  if (total == 0)
    {
      gtk_label_set_label (self->hours_label, d == NULL ? _("Counted once the problem is saved")
                                                         : _("No incident belongs to the problem yet."));
      return;
    }
  for (guint day = 0; day < 7; day++)
    {
      g_autofree char *name = weekday_name (day, "%a");

      g_strv_builder_add (labels, name);
    }
  label_v = g_strv_builder_end (labels);
  chart = bb_chart_new (BB_CHART_HOUR_OF_WEEK, NULL);
  bb_chart_set_labels (chart, (const char * const *) label_v);
  bb_chart_add_series (chart, _("Incidents"), &accent, values, BB_HOURS_PER_WEEK);
  gtk_box_append (self->hours_box, bb_chart_area_new (g_steal_pointer (&chart), 110));
  {
    g_autofree char *day = weekday_name (busiest / 24, "%A");
    g_autofree char *text = NULL;

    text = g_strdup_printf (ngettext ("Busiest hour: %s %02u:00–%02u:00, with %u of the %llu incident.",
                                      "Busiest hour: %s %02u:00–%02u:00, with %u of the %llu incidents.",
                                      (gulong) total),
                            day, busiest % 24, busiest % 24 + 1, d->hours[busiest], (unsigned long long) total);
    gtk_label_set_label (self->hours_label, text);
  }
}

void
bb_problem_page_fill_lists (BbProblemPage *self)
{
  fill_incidents (self);
  fill_hours (self);
  fill_responses (self);
  fill_reviews (self);
}

/* The editors ---------------------------------------------------------------------- */

static const BbResponse *
find_response (BbProblemPage *self,
               const char    *id)
{
  for (guint i = 0; self->detail != NULL && id != NULL && i < self->detail->responses->len; i++)
    if (g_str_equal (((BbResponse *) g_ptr_array_index (self->detail->responses, i))->id, id))
      return g_ptr_array_index (self->detail->responses, i);
  return NULL;
}

static const BbTask *
find_task (BbProblemPage *self,
           const char    *id)
{
  for (guint i = 0; self->detail != NULL && id != NULL && i < self->detail->tasks->len; i++)
    if (g_str_equal (((BbTask *) g_ptr_array_index (self->detail->tasks, i))->id, id))
      return g_ptr_array_index (self->detail->tasks, i);
  return NULL;
}

static void
response_save_cb (BbFormDialog  *dialog,
                  BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;
  const BbResponse *old = find_response (self, g_object_get_data (G_OBJECT (dialog), "bb-response"));
  g_autoptr(BbResponse) r = old != NULL ? bb_response_copy (old) : bb_response_new ();
  g_autofree char *title = bb_form_dialog_dup_required (dialog, "title", _("Name the response: what will be done."));
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *officer_id, *partner_id;

  if (title == NULL || !bb_form_dialog_read_day (dialog, "start", FALSE, &start) || !bb_form_dialog_read_day (dialog, "end", FALSE, &end))
    return;
  if (start != NULL && end != NULL && strcmp (end, start) < 0)
    {
      bb_form_dialog_show_error (dialog, "end", _("The response ends before it starts."));
      return;
    }
  bb_people_choice_get (self->people, bb_form_dialog_get_selected (dialog, "owner"), &officer_id, &partner_id);

  g_free (r->problem_id);
  r->problem_id = g_strdup (self->problem_id);
  g_free (r->title);
  r->title = g_steal_pointer (&title);
  g_free (r->description);
  r->description = g_strstrip (g_strdup (bb_form_dialog_get_text (dialog, "description")));
  r->agreed = bb_form_dialog_get_active (dialog, "agreed");
  g_free (r->owner_officer_id);
  r->owner_officer_id = g_strdup (officer_id);
  g_free (r->owner_partner_id);
  r->owner_partner_id = g_strdup (partner_id);
  g_free (r->start_date);
  r->start_date = g_steal_pointer (&start);
  g_free (r->end_date);
  r->end_date = g_steal_pointer (&end);

  if (!(old != NULL ? bb_store_response_update (self->store, r, &error)
                    : bb_store_response_insert (self->store, r, &error)))
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return;
    }
  bb_problem_page_toast (self, old != NULL ? _("Response saved") : _("Response added"));
  bb_form_dialog_done (dialog);
}

static void
response_delete_cb (BbFormDialog  *dialog,
                    BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!bb_store_response_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-response"), &error))
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return;
    }
  bb_problem_page_toast (self, _("Response deleted with its tasks"));
  bb_form_dialog_done (dialog);
}

void
bb_problem_page_edit_response (BbProblemPage *self,
                               const char    *response_id)
{
  const BbResponse *r = find_response (self, response_id);
  BbFormDialog *dialog;

  if (self->problem_id == NULL)
    return;
  dialog = bb_form_dialog_new (bb_problem_page_window (self), r != NULL ? _("Edit Response") : _("New Response"),
                               _("What the station and its partners agreed to do about the problem, who leads it and when."));
  g_object_set_data_full (G_OBJECT (dialog), "bb-response", g_strdup (response_id), g_free);
  bb_form_dialog_add_entry (dialog, "title", _("_Title"), r != NULL ? r->title : NULL);
  bb_form_dialog_add_entry (dialog, "description", _("_Description"), r != NULL ? r->description : NULL);
  bb_form_dialog_add_switch (dialog, "agreed", _("_Agreed with the partners"),
                             _("Only agreed responses let the problem move to Response"), r == NULL || r->agreed);
  bb_form_dialog_add_combo (dialog, "owner", _("_Led by"), (const char * const *) self->people->names->pdata,
                            r != NULL ? bb_people_choice_find (self->people, r->owner_officer_id, r->owner_partner_id)
                                      : 0);
  bb_form_dialog_add_entry (dialog, "start", _("_From (YYYY-MM-DD)"), r != NULL ? r->start_date : NULL);
  bb_form_dialog_add_entry (dialog, "end", _("T_o (YYYY-MM-DD)"), r != NULL ? r->end_date : NULL);
  if (r != NULL)
    bb_form_dialog_set_can_delete (dialog, _("_Delete Response"));
  g_signal_connect_object (dialog, "save", G_CALLBACK (response_save_cb), self, 0);
  g_signal_connect_object (dialog, "delete", G_CALLBACK (response_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bb_problem_page_add_response (BbProblemPage *self)
{
  bb_problem_page_edit_response (self, NULL);
}

static void
task_save_cb (BbFormDialog  *dialog,
              BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;
  const BbTask *old = find_task (self, g_object_get_data (G_OBJECT (dialog), "bb-task"));
  g_autoptr(BbTask) t = old != NULL ? bb_task_copy (old) : bb_task_new ();
  g_autofree char *title = bb_form_dialog_dup_required (dialog, "title", _("Say what is to be done."));
  g_autofree char *due = NULL;
  const char *officer_id, *partner_id;

  if (title == NULL || !bb_form_dialog_read_day (dialog, "due", FALSE, &due))
    return;
  bb_people_choice_get (self->people, bb_form_dialog_get_selected (dialog, "assignee"), &officer_id, &partner_id);
  g_free (t->response_id);
  t->response_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "bb-response"));
  g_free (t->title);
  t->title = g_steal_pointer (&title);
  g_free (t->assignee_officer_id);
  t->assignee_officer_id = g_strdup (officer_id);
  g_free (t->assignee_partner_id);
  t->assignee_partner_id = g_strdup (partner_id);
  g_free (t->due_date);
  t->due_date = g_steal_pointer (&due);
  t->done = bb_form_dialog_get_active (dialog, "done");

  if (!(old != NULL ? bb_store_task_update (self->store, t, &error) : bb_store_task_insert (self->store, t, &error)))
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return;
    }
  bb_problem_page_toast (self, old != NULL ? _("Task saved") : _("Task added"));
  bb_form_dialog_done (dialog);
}

static void
task_delete_cb (BbFormDialog  *dialog,
                BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!bb_store_task_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-task"), &error))
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return;
    }
  bb_problem_page_toast (self, _("Task deleted"));
  bb_form_dialog_done (dialog);
}

void
bb_problem_page_edit_task (BbProblemPage *self,
                           const char    *response_id,
                           const char    *task_id)
{
  const BbTask *t = find_task (self, task_id);
  const BbResponse *r = find_response (self, response_id);
  BbFormDialog *dialog;
  g_autofree char *description = NULL;

  if (r == NULL)
    return;
  /* Translators: %s is the title of the response the task belongs to */
  description = g_strdup_printf (_("A task of the response “%s”: who does what, and by when."), r->title);
  dialog = bb_form_dialog_new (bb_problem_page_window (self), t != NULL ? _("Edit Task") : _("New Task"), description);
  g_object_set_data_full (G_OBJECT (dialog), "bb-response", g_strdup (response_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "bb-task", g_strdup (task_id), g_free);
  bb_form_dialog_add_entry (dialog, "title", _("_Task"), t != NULL ? t->title : NULL);
  bb_form_dialog_add_combo (dialog, "assignee", _("_Assigned to"), (const char * const *) self->people->names->pdata,
                            t != NULL ? bb_people_choice_find (self->people, t->assignee_officer_id,
                                                               t->assignee_partner_id) : 0);
  bb_form_dialog_add_entry (dialog, "due", _("_Due (YYYY-MM-DD)"), t != NULL ? t->due_date : NULL);
  bb_form_dialog_add_switch (dialog, "done", _("D_one"), NULL, t != NULL && t->done);
  if (t != NULL)
    bb_form_dialog_set_can_delete (dialog, _("_Delete Task"));
  g_signal_connect_object (dialog, "save", G_CALLBACK (task_save_cb), self, 0);
  g_signal_connect_object (dialog, "delete", G_CALLBACK (task_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
