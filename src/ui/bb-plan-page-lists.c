/* bb-plan-page-lists.c: the plan page's objectives with their indicators, tasks and review dates, and their editors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-plan-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-form-dialog.h"
#include "bb-plan-page-private.h"

/* The days an indicator counted from incidents looks back by default: a quarter. */
#define DEFAULT_PERIOD_DAYS 91

static void
group_add (BbPlanPage          *self,
           AdwPreferencesGroup *group,
           GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "bb-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
}

void
bb_plan_page_clear_lists (BbPlanPage *self)
{
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "bb-group"), row);
    }
  g_ptr_array_set_size (self->group_rows, 0);
}

static GtkWidget *
edit_button (const char *label,
             GCallback   callback,
             gpointer    self,
             const char *key,
             const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), key, g_strdup (id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

static GtkWidget *
dim_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* Objectives and indicators ----------------------------------------------------- */

static char *
number_text (double value)
{
  return isnan (value) ? g_strdup ("–") : bb_form_format_number (value);
}

static void
edit_indicator_cb (BbPlanPage *self,
                   GtkButton  *button)
{
  bb_plan_page_edit_indicator (self, g_object_get_data (G_OBJECT (button), "bb-objective"),
                               g_object_get_data (G_OBJECT (button), "bb-indicator"));
}

static void
edit_objective_cb (BbPlanPage *self,
                   GtkButton  *button)
{
  bb_plan_page_edit_objective (self, g_object_get_data (G_OBJECT (button), "bb-objective"));
}

static GtkWidget *
indicator_row (BbPlanPage        *self,
               const BbIndicator *indicator)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *level = gtk_level_bar_new_for_interval (0, 1);
  BbIndicatorStatus status = bb_indicator_status (indicator->baseline, indicator->target, indicator->current);
  double progress = bb_indicator_progress (indicator->baseline, indicator->target, indicator->current);
  g_autofree char *title = NULL;
  g_autofree char *baseline = number_text (indicator->baseline);
  g_autofree char *target = number_text (indicator->target);
  g_autofree char *current = number_text (indicator->current);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *edit;

  title = indicator->unit != NULL && *indicator->unit ? g_strdup_printf ("%s (%s)", indicator->name, indicator->unit)
                                                      : g_strdup (indicator->name);
  /* Translators: an indicator's figures, "From 38 to 55, now 46: improving" */
  g_string_append_printf (subtitle, _("From %s to %s, now %s: %s"), baseline, target, current,
                          bb_indicator_status_describe (status));
  if (indicator->computed != NULL && *indicator->computed)
    {
      g_autoptr(BbIndicatorComputation) c = bb_indicator_computation_parse (indicator->computed, NULL);

      if (c != NULL)
        /* Translators: after an indicator's figures */
        g_string_append_printf (subtitle, ngettext (" · counted from public incidents of the last %u day",
                                                    " · counted from public incidents of the last %u days",
                                                    c->period_days), c->period_days);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (level), status == BB_INDICATOR_MET ? 1.0 : isnan (progress) ? 0 : progress);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (level), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (level, 96, -1);
  gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (level, bb_indicator_status_describe (status));
  {
    /* Translators: spoken for an indicator's bar, "Progress towards the target: 47 %" */
    g_autofree char *spoken = g_strdup_printf (_("Progress towards the target: %.0f %%"),
                                               100 * gtk_level_bar_get_value (GTK_LEVEL_BAR (level)));

    gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
  edit = edit_button (_("Edit Indicator"), G_CALLBACK (edit_indicator_cb), self, "bb-indicator", indicator->id);
  g_object_set_data_full (G_OBJECT (edit), "bb-objective", g_strdup (indicator->objective_id), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  return row;
}

static void
fill_objectives (BbPlanPage *self)
{
  const BbPlanDetail *d = self->detail;

  if (d == NULL || d->objectives->len == 0)
    {
      group_add (self, self->objectives_group,
                 dim_row (d == NULL ? _("Save the plan first, then add its objectives.")
                                    : _("No objectives yet. Say what the plan sets out to change.")));
      return;
    }
  for (guint i = 0; i < d->objectives->len; i++)
    {
      BbPlanObjective *o = g_ptr_array_index (d->objectives, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *actions = adw_preferences_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit Objective"));
      GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Indicator"));
      guint met = 0;
      g_autofree char *subtitle = NULL;

      for (guint k = 0; k < o->indicators->len; k++)
        {
          BbIndicator *indicator = g_ptr_array_index (o->indicators, k);

          met += bb_indicator_status (indicator->baseline, indicator->target, indicator->current) == BB_INDICATOR_MET;
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), indicator_row (self, indicator));
        }
      /* Translators: under an objective, "2 indicators, 1 target met" */
      subtitle = g_strdup_printf (ngettext ("%u indicator, %u target met", "%u indicators, %u targets met",
                                            o->indicators->len), o->indicators->len, met);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), o->objective->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

      g_object_set_data_full (G_OBJECT (edit), "bb-objective", g_strdup (o->objective->id), g_free);
      g_object_set_data_full (G_OBJECT (add), "bb-objective", g_strdup (o->objective->id), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_objective_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (add, "clicked", G_CALLBACK (edit_indicator_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), edit);
      gtk_box_append (GTK_BOX (box), add);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), box);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), actions);
      group_add (self, self->objectives_group, expander);
    }
}

/* Tasks and reviews ----------------------------------------------------------------- */

static void
task_done_cb (GtkCheckButton *check,
              GParamSpec     *pspec,
              BbPlanPage     *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbTask) task = NULL;

  if (self->populating)
    return;
  task = bb_store_task_get (self->store, g_object_get_data (G_OBJECT (check), "bb-task"), &error);
  if (task != NULL)
    {
      task->done = gtk_check_button_get_active (check);
      if (bb_store_task_update (self->store, task, &error))
        return;
    }
  bb_plan_page_show_error (self, NULL, error->message);
}

static void
review_done_cb (GtkCheckButton *check,
                GParamSpec     *pspec,
                BbPlanPage     *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPlanReview) review = NULL;

  if (self->populating)
    return;
  review = bb_store_plan_review_get (self->store, g_object_get_data (G_OBJECT (check), "bb-review"), &error);
  if (review != NULL)
    {
      review->done = gtk_check_button_get_active (check);
      if (bb_store_plan_review_update (self->store, review, &error))
        return;
    }
  bb_plan_page_show_error (self, NULL, error->message);
}

static void
edit_task_cb (BbPlanPage *self,
              GtkButton  *button)
{
  bb_plan_page_edit_task (self, g_object_get_data (G_OBJECT (button), "bb-task"));
}

static void
edit_review_cb (BbPlanPage *self,
                GtkButton  *button)
{
  bb_plan_page_edit_review (self, g_object_get_data (G_OBJECT (button), "bb-review"));
}

static GtkWidget *
check_row (const char *title,
           const char *subtitle,
           gboolean    active,
           const char *spoken,
           const char *key,
           const char *id,
           GCallback   toggled,
           gpointer    self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data_full (G_OBJECT (check), key, g_strdup (id), g_free);
  g_signal_connect_object (check, "notify::active", toggled, self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  return row;
}

static void
fill_tasks (BbPlanPage *self)
{
  const BbPlanDetail *d = self->detail;
  g_autofree char *today = bb_form_today (self->tz);

  if (d == NULL || d->tasks->len == 0)
    {
      group_add (self, self->tasks_group, dim_row (_("No tasks of the plan itself yet.")));
      return;
    }
  for (guint i = 0; i < d->tasks->len; i++)
    {
      BbTask *t = g_ptr_array_index (d->tasks, i);
      const char *who = bb_people_choice_name (self->people, t->assignee_officer_id, t->assignee_partner_id);
      g_autoptr(GString) subtitle = g_string_new (who != NULL ? who : _("Nobody assigned yet"));
      g_autofree char *spoken = g_strdup_printf (_("Done: %s"), t->title);
      GtkWidget *row;

      if (t->due_date != NULL)
        {
          g_string_append (subtitle, " · ");
          if (!t->done && strcmp (t->due_date, today) < 0)
            g_string_append_printf (subtitle, _("overdue since %s"), t->due_date);
          else
            g_string_append_printf (subtitle, _("due %s"), t->due_date);
        }
      row = check_row (t->title, subtitle->str, t->done, spoken, "bb-task", t->id, G_CALLBACK (task_done_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 edit_button (_("Edit Task"), G_CALLBACK (edit_task_cb), self, "bb-task", t->id));
      group_add (self, self->tasks_group, row);
    }
}

static void
fill_reviews (BbPlanPage *self)
{
  const BbPlanDetail *d = self->detail;
  g_autofree char *today = bb_form_today (self->tz);

  if (d == NULL || d->reviews->len == 0)
    {
      group_add (self, self->reviews_group, dim_row (_("No review dates yet. Plan one every three months.")));
      return;
    }
  for (guint i = 0; i < d->reviews->len; i++)
    {
      BbPlanReview *r = g_ptr_array_index (d->reviews, i);
      /* Translators: the check box of a review date, "Held: 2026-06-14" */
      g_autofree char *spoken = g_strdup_printf (_("Held: %s"), r->review_date);
      const char *state = r->done ? _("Held") : strcmp (r->review_date, today) < 0 ? _("Passed, not held yet")
                                                                                 : _("Planned");
      g_autofree char *subtitle = r->notes != NULL && *r->notes ? g_strdup_printf ("%s · %s", state, r->notes)
                                                                : g_strdup (state);
      GtkWidget *row = check_row (r->review_date, subtitle, r->done, spoken, "bb-review", r->id,
                                  G_CALLBACK (review_done_cb), self);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 edit_button (_("Edit Review Date"), G_CALLBACK (edit_review_cb), self, "bb-review",
                                              r->id));
      group_add (self, self->reviews_group, row);
    }
}

void
bb_plan_page_fill_lists (BbPlanPage *self)
{
  bb_plan_page_clear_lists (self);
  self->populating = TRUE;
  fill_objectives (self);
  fill_tasks (self);
  fill_reviews (self);
  self->populating = FALSE;
}

/* Editors ------------------------------------------------------------------------------ */

static BbPlanObjective *
find_objective (BbPlanPage *self,
                const char *id)
{
  for (guint i = 0; self->detail != NULL && id != NULL && i < self->detail->objectives->len; i++)
    {
      BbPlanObjective *o = g_ptr_array_index (self->detail->objectives, i);

      if (g_str_equal (o->objective->id, id))
        return o;
    }
  return NULL;
}

static gpointer
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; records != NULL && id != NULL && i < records->len; i++)
    if (g_str_equal (((BbRecord *) g_ptr_array_index (records, i))->id, id))
      return g_ptr_array_index (records, i);
  return NULL;
}

static gboolean
finish_write (BbPlanPage   *self,
              BbFormDialog *dialog,
              gboolean      ok,
              GError       *error,
              const char   *done)
{
  if (!ok)
    {
      bb_form_dialog_show_error (dialog, NULL, error->message);
      return FALSE;
    }
  bb_plan_page_toast (self, done);
  bb_form_dialog_done (dialog);
  return TRUE;
}

static void
objective_save_cb (BbFormDialog *dialog,
                   BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;
  BbPlanObjective *old = find_objective (self, g_object_get_data (G_OBJECT (dialog), "bb-objective"));
  g_autoptr(BbObjective) o = old != NULL ? bb_objective_copy (old->objective) : bb_objective_new ();
  g_autofree char *title = bb_form_dialog_dup_required (dialog, "title", _("Say what the plan sets out to change."));

  if (title == NULL)
    return;
  g_free (o->title);
  o->title = g_steal_pointer (&title);
  g_free (o->plan_id);
  o->plan_id = g_strdup (self->plan_id);
  if (old == NULL)
    o->sort_order = (int) self->detail->objectives->len;
  finish_write (self, dialog,
                old != NULL ? bb_store_objective_update (self->store, o, &error)
                            : bb_store_objective_insert (self->store, o, &error),
                error, old != NULL ? _("Objective saved") : _("Objective added"));
}

static void
objective_delete_cb (BbFormDialog *dialog,
                     BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;

  finish_write (self, dialog,
                bb_store_objective_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-objective"), &error),
                error, _("Objective deleted with its indicators"));
}

void
bb_plan_page_edit_objective (BbPlanPage *self,
                             const char *objective_id)
{
  BbPlanObjective *o = find_objective (self, objective_id);
  BbFormDialog *dialog;

  if (self->detail == NULL)
    return;
  dialog = bb_form_dialog_new (bb_plan_page_window (self), o != NULL ? _("Edit Objective") : _("New Objective"),
                               _("What the plan sets out to change, in a few plain words: “Families use the park again”."));
  g_object_set_data_full (G_OBJECT (dialog), "bb-objective", g_strdup (objective_id), g_free);
  bb_form_dialog_add_entry (dialog, "title", _("_Objective"), o != NULL ? o->objective->title : NULL);
  if (o != NULL)
    bb_form_dialog_set_can_delete (dialog, _("_Delete Objective"));
  g_signal_connect_object (dialog, "save", G_CALLBACK (objective_save_cb), self, 0);
  g_signal_connect_object (dialog, "delete", G_CALLBACK (objective_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
dialog_number (BbFormDialog *dialog,
               const char   *key,
               double       *value)
{
  if (bb_form_parse_number (bb_form_dialog_get_text (dialog, key), value))
    return TRUE;
  bb_form_dialog_show_error (dialog, key, _("Type a number, such as 12 or 4.5, or leave it empty."));
  return FALSE;
}

static void
indicator_save_cb (BbFormDialog *dialog,
                   BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;
  BbPlanObjective *o = find_objective (self, g_object_get_data (G_OBJECT (dialog), "bb-objective"));
  BbIndicator *old = o != NULL ? find_record (o->indicators, g_object_get_data (G_OBJECT (dialog), "bb-indicator")) : NULL;
  g_autoptr(BbIndicator) indicator = old != NULL ? bb_indicator_copy (old) : bb_indicator_new ();
  g_autofree char *name = bb_form_dialog_dup_required (dialog, "name", _("Name what is measured."));
  gboolean counted = bb_form_dialog_get_selected (dialog, "measured") == 1;
  double baseline, target, current, days;

  if (o == NULL || name == NULL || !dialog_number (dialog, "baseline", &baseline)
      || !dialog_number (dialog, "target", &target) || !dialog_number (dialog, "current", &current)
      || !dialog_number (dialog, "days", &days))
    return;
  g_free (indicator->objective_id);
  indicator->objective_id = g_strdup (o->objective->id);
  g_free (indicator->name);
  indicator->name = g_steal_pointer (&name);
  g_free (indicator->unit);
  indicator->unit = g_strstrip (g_strdup (bb_form_dialog_get_text (dialog, "unit")));
  indicator->baseline = baseline;
  indicator->target = target;
  indicator->current = current;
  g_clear_pointer (&indicator->computed, g_free);

  if (counted)
    {
      g_autoptr(BbIndicatorComputation) c = bb_indicator_computation_new ();
      guint where = bb_form_dialog_get_selected (dialog, "where");
      guint category = bb_form_dialog_get_selected (dialog, "category");
      g_autoptr(BbIndicatorComputation) before = old != NULL && old->computed != NULL
                                                 ? bb_indicator_computation_parse (old->computed, NULL) : NULL;

      if (isnan (days) || days < 1 || days > 3660 || days != floor (days))
        {
          bb_form_dialog_show_error (dialog, "days", _("Count over a whole number of days, between 1 and 3660."));
          return;
        }
      c->period_days = (guint) days;
      if (where > 0 && where <= self->detail->problems->len)
        c->problem_id = g_strdup (((BbRecord *) g_ptr_array_index (self->detail->problems, where - 1))->id);
      g_strfreev (c->category_codes);
      if (category > 0 && category <= self->categories->len)
        c->category_codes = g_strsplit (((BbCategory *) g_ptr_array_index (self->categories, category - 1))->code,
                                        "\n", -1);
      else if (category > self->categories->len && before != NULL)
        c->category_codes = g_strdupv (before->category_codes);   /* "as set before" */
      else
        c->category_codes = g_new0 (char *, 1);
      indicator->computed = bb_indicator_computation_to_json (c);
      /* Counted now, so that the figure is right from the start. */
      if (!bb_store_indicator_compute (self->store, c, self->plan_id, g_get_real_time () / G_USEC_PER_SEC,
                                       &indicator->current, &error))
        {
          bb_form_dialog_show_error (dialog, "category", error->message);
          return;
        }
    }
  finish_write (self, dialog,
                old != NULL ? bb_store_indicator_update (self->store, indicator, &error)
                            : bb_store_indicator_insert (self->store, indicator, &error),
                error, old != NULL ? _("Indicator saved") : _("Indicator added"));
}

static void
indicator_delete_cb (BbFormDialog *dialog,
                     BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;

  finish_write (self, dialog,
                bb_store_indicator_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-indicator"), &error),
                error, _("Indicator deleted"));
}

static void
measured_changed_cb (GObject    *row,
                     GParamSpec *pspec,
                     gpointer    dialog)
{
  gboolean counted = adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == 1;

  gtk_widget_set_sensitive (bb_form_dialog_get_field (dialog, "current"), !counted);
  gtk_widget_set_visible (bb_form_dialog_get_field (dialog, "where"), counted);
  gtk_widget_set_visible (bb_form_dialog_get_field (dialog, "category"), counted);
  gtk_widget_set_visible (bb_form_dialog_get_field (dialog, "days"), counted);
}

void
bb_plan_page_edit_indicator (BbPlanPage *self,
                             const char *objective_id,
                             const char *indicator_id)
{
  BbPlanObjective *o = find_objective (self, objective_id);
  BbIndicator *ind = o != NULL ? find_record (o->indicators, indicator_id) : NULL;
  g_autoptr(BbIndicatorComputation) c = ind != NULL && ind->computed != NULL
                                        ? bb_indicator_computation_parse (ind->computed, NULL) : NULL;
  const char *measured[] = { _("Typed in by the working group"), _("Counted from the station’s incidents"), NULL };
  g_autoptr(GPtrArray) where = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_null_terminated (32, g_free, TRUE);
  g_autofree char *baseline = NULL;
  g_autofree char *target = NULL;
  g_autofree char *current = NULL;
  g_autofree char *days = NULL;
  g_autofree char *description = NULL;
  guint where_selected = 0, category_selected = 0;
  BbFormDialog *dialog;
  GtkWidget *row;

  if (o == NULL)
    return;
  g_ptr_array_add (where, g_strdup (_("The plan’s district")));
  for (guint i = 0; i < self->detail->problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (self->detail->problems, i);

      /* Translators: where an indicator counts, "The area of “Pickpocketing at the market”" */
      g_ptr_array_add (where, g_strdup_printf (_("The area of “%s”"), p->title));
      if (c != NULL && g_strcmp0 (c->problem_id, p->id) == 0)
        where_selected = i + 1;
    }
  g_ptr_array_add (categories, g_strdup (_("Every category")));
  for (guint i = 0; i < self->categories->len; i++)
    {
      BbCategory *cat = g_ptr_array_index (self->categories, i);

      g_ptr_array_add (categories, g_strdup (cat->name));
      if (c != NULL && g_strv_length (c->category_codes) == 1 && g_str_equal (c->category_codes[0], cat->code))
        category_selected = i + 1;
    }
  if (c != NULL && g_strv_length (c->category_codes) > 1)
    {
      g_autofree char *codes = g_strjoinv (", ", c->category_codes);

      /* Translators: a choice that keeps several categories an indicator counts */
      g_ptr_array_add (categories, g_strdup_printf (_("As before: %s"), codes));
      category_selected = categories->len - 1;
    }

  baseline = ind != NULL ? bb_form_format_number (ind->baseline) : NULL;
  target = ind != NULL ? bb_form_format_number (ind->target) : NULL;
  current = ind != NULL ? bb_form_format_number (ind->current) : NULL;
  days = g_strdup_printf ("%u", c != NULL ? c->period_days : DEFAULT_PERIOD_DAYS);
  /* Translators: %s is the objective the indicator measures */
  description = g_strdup_printf (_("How progress towards “%s” is measured: where it started, the target, and where it stands now."),
                                 o->objective->title);
  dialog = bb_form_dialog_new (bb_plan_page_window (self), ind != NULL ? _("Edit Indicator") : _("New Indicator"),
                               description);
  g_object_set_data_full (G_OBJECT (dialog), "bb-objective", g_strdup (objective_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "bb-indicator", g_strdup (indicator_id), g_free);
  bb_form_dialog_add_entry (dialog, "name", _("_Indicator"), ind != NULL ? ind->name : NULL);
  bb_form_dialog_add_entry (dialog, "unit", _("_Unit, e.g. “incidents per quarter”"), ind != NULL ? ind->unit : NULL);
  bb_form_dialog_add_entry (dialog, "baseline", _("At the _start"), baseline);
  bb_form_dialog_add_entry (dialog, "target", _("Ta_rget"), target);
  row = bb_form_dialog_add_combo (dialog, "measured", _("_Measured"), measured, c != NULL ? 1 : 0);
  bb_form_dialog_add_entry (dialog, "current", _("_Now"), current);
  bb_form_dialog_add_combo (dialog, "where", _("Counted _where"), (const char * const *) where->pdata, where_selected);
  bb_form_dialog_add_combo (dialog, "category", _("Counted _category"), (const char * const *) categories->pdata,
                            category_selected);
  bb_form_dialog_add_entry (dialog, "days", _("Counted over the last _days"), days);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (measured_changed_cb), dialog, 0);
  measured_changed_cb (G_OBJECT (row), NULL, dialog);
  if (ind != NULL)
    bb_form_dialog_set_can_delete (dialog, _("_Delete Indicator"));
  g_signal_connect_object (dialog, "save", G_CALLBACK (indicator_save_cb), self, 0);
  g_signal_connect_object (dialog, "delete", G_CALLBACK (indicator_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
task_save_cb (BbFormDialog *dialog,
              BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;
  BbTask *old = find_record (self->detail->tasks, g_object_get_data (G_OBJECT (dialog), "bb-task"));
  g_autoptr(BbTask) t = old != NULL ? bb_task_copy (old) : bb_task_new ();
  g_autofree char *title = bb_form_dialog_dup_required (dialog, "title", _("Say what is to be done."));
  g_autofree char *due = NULL;
  const char *officer_id, *partner_id;

  if (title == NULL || !bb_form_dialog_read_day (dialog, "due", FALSE, &due))
    return;
  bb_people_choice_get (self->people, bb_form_dialog_get_selected (dialog, "assignee"), &officer_id, &partner_id);
  g_free (t->plan_id);
  t->plan_id = g_strdup (self->plan_id);
  g_free (t->title);
  t->title = g_steal_pointer (&title);
  g_free (t->assignee_officer_id);
  t->assignee_officer_id = g_strdup (officer_id);
  g_free (t->assignee_partner_id);
  t->assignee_partner_id = g_strdup (partner_id);
  g_free (t->due_date);
  t->due_date = g_steal_pointer (&due);
  t->done = bb_form_dialog_get_active (dialog, "done");
  finish_write (self, dialog,
                old != NULL ? bb_store_task_update (self->store, t, &error) : bb_store_task_insert (self->store, t, &error),
                error, old != NULL ? _("Task saved") : _("Task added"));
}

static void
task_delete_cb (BbFormDialog *dialog,
                BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;

  finish_write (self, dialog, bb_store_task_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-task"), &error),
                error, _("Task deleted"));
}

void
bb_plan_page_edit_task (BbPlanPage *self,
                        const char *task_id)
{
  BbTask *t = self->detail != NULL ? find_record (self->detail->tasks, task_id) : NULL;
  BbFormDialog *dialog;

  if (self->detail == NULL)
    return;
  dialog = bb_form_dialog_new (bb_plan_page_window (self), t != NULL ? _("Edit Task") : _("New Task"),
                               _("A task of the plan, given to a named member of the working group, with the day it is due."));
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

static void
review_save_cb (BbFormDialog *dialog,
                BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;
  BbPlanReview *old = find_record (self->detail->reviews, g_object_get_data (G_OBJECT (dialog), "bb-review"));
  g_autoptr(BbPlanReview) r = old != NULL ? bb_plan_review_copy (old) : bb_plan_review_new ();
  g_autofree char *day = NULL;

  if (!bb_form_dialog_read_day (dialog, "date", TRUE, &day))
    return;
  g_free (r->plan_id);
  r->plan_id = g_strdup (self->plan_id);
  g_free (r->review_date);
  r->review_date = g_steal_pointer (&day);
  g_free (r->notes);
  r->notes = g_strstrip (g_strdup (bb_form_dialog_get_text (dialog, "notes")));
  r->done = bb_form_dialog_get_active (dialog, "done");
  finish_write (self, dialog,
                old != NULL ? bb_store_plan_review_update (self->store, r, &error)
                            : bb_store_plan_review_insert (self->store, r, &error),
                error, old != NULL ? _("Review date saved") : _("Review date added"));
}

static void
review_delete_cb (BbFormDialog *dialog,
                  BbPlanPage   *self)
{
  g_autoptr(GError) error = NULL;

  finish_write (self, dialog,
                bb_store_plan_review_delete (self->store, g_object_get_data (G_OBJECT (dialog), "bb-review"), &error),
                error, _("Review date deleted"));
}

void
bb_plan_page_edit_review (BbPlanPage *self,
                          const char *review_id)
{
  BbPlanReview *r = self->detail != NULL ? find_record (self->detail->reviews, review_id) : NULL;
  BbFormDialog *dialog;

  if (self->detail == NULL)
    return;
  dialog = bb_form_dialog_new (bb_plan_page_window (self), r != NULL ? _("Edit Review Date") : _("New Review Date"),
                               _("A meeting of the working group to check what has been done and what has changed."));
  g_object_set_data_full (G_OBJECT (dialog), "bb-review", g_strdup (review_id), g_free);
  bb_form_dialog_add_entry (dialog, "date", _("_Day (YYYY-MM-DD)"), r != NULL ? r->review_date : NULL);
  bb_form_dialog_add_entry (dialog, "notes", _("_Notes"), r != NULL ? r->notes : NULL);
  bb_form_dialog_add_switch (dialog, "done", _("_Held"), NULL, r != NULL && r->done);
  if (r != NULL)
    bb_form_dialog_set_can_delete (dialog, _("_Delete Review Date"));
  g_signal_connect_object (dialog, "save", G_CALLBACK (review_save_cb), self, 0);
  g_signal_connect_object (dialog, "delete", G_CALLBACK (review_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
