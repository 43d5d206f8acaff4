/* bb-plan-page.c: a community safety plan: its statement, problems, objectives and indicators, tasks and review dates */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-plan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-plan-page-private.h"
#include "bb-confirm.h"
#include "bb-sara.h"
#include "bb-templates.h"

G_DEFINE_FINAL_TYPE (BbPlanPage, bb_plan_page, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

GtkWindow *
bb_plan_page_window (BbPlanPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
bb_plan_page_toast (BbPlanPage *self,
                    const char *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_free (self->message);
  self->message = g_strdup (text);
  /* The newest note takes the place of the one shown: quick edits do not
   * queue up a line of notes. */
  /* A toast's title is markup; names (“Rock & Roll bar”) are not. */
  escaped = g_markup_escape_text (text, -1);
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, escaped);
      return;
    }
  toast = adw_toast_new (escaped);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_error (BbPlanPage *self)
{
  if (self->marked != NULL)
    gtk_widget_remove_css_class (self->marked, "error");
  self->marked = NULL;
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

void
bb_plan_page_show_error (BbPlanPage *self,
                         GtkWidget  *field,
                         const char *message)
{
  clear_error (self);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
      self->marked = field;
    }
}

static void
set_dirty (BbPlanPage *self,
           gboolean    dirty)
{
  self->dirty = dirty;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save", dirty || self->plan_id == NULL);
}

static void
field_changed_cb (BbPlanPage *self)
{
  if (!self->populating && !self->disposed)
    set_dirty (self, TRUE);
}

static void
problem_toggled_cb (BbPlanPage *self)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  if (self->disposed)
    return;
  for (guint i = 0; i < self->problem_checks->len; i++)
    n += gtk_switch_get_active (g_ptr_array_index (self->problem_checks, i));
  subtitle = n > 0 ? g_strdup_printf (ngettext ("%u problem", "%u problems", n), n) : g_strdup (_("None yet"));
  adw_expander_row_set_subtitle (self->problems_row, subtitle);
  field_changed_cb (self);
}

static void
load_directory (BbPlanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (self->store, &error);
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) district_names = NULL;
  g_autoptr(GtkStringList) model = NULL;
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GPtrArray *rows;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (station != NULL && station->timezone != NULL)
    self->tz = g_time_zone_new_identifier (station->timezone);
  if (self->tz == NULL)
    self->tz = g_time_zone_new_utc ();

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->people, bb_people_choice_free);
  if ((self->districts = bb_store_district_list (self->store, &error)) == NULL
      || (self->problems = bb_store_problem_list (self->store, &error)) == NULL
      || (self->categories = bb_store_category_list (self->store, &error)) == NULL
      || (officers = bb_store_officer_list (self->store, &error)) == NULL
      || (partners = bb_store_partner_list (self->store, &error)) == NULL)
    {
      bb_plan_page_show_error (self, NULL, error->message);
      g_clear_pointer (&self->districts, g_ptr_array_unref);
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      g_clear_pointer (&self->categories, g_ptr_array_unref);
      self->districts = g_ptr_array_new ();
      self->problems = g_ptr_array_new ();
      self->categories = g_ptr_array_new ();
    }
  self->people = bb_people_choice_new (officers, partners, _("Nobody yet"));

  self->populating = TRUE;
  g_strv_builder_add (names, _("No district: the whole station"));
  for (guint i = 0; i < self->districts->len; i++)
    g_strv_builder_add (names, ((BbDistrict *) g_ptr_array_index (self->districts, i))->name);
  district_names = g_strv_builder_end (names);
  model = gtk_string_list_new ((const char * const *) district_names);
  adw_combo_row_set_expression (self->district_row, expression);
  adw_combo_row_set_model (self->district_row, G_LIST_MODEL (model));

  rows = g_object_get_data (G_OBJECT (self->problems_row), "bb-rows");
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_expander_row_remove (self->problems_row, g_ptr_array_index (rows, i));
  rows = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (self->problems_row), "bb-rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_set_size (self->problem_checks, 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (self->problems, i);
      GtkWidget *row = adw_action_row_new ();
      /* A switch: GTK 4.8 gives check buttons no action a screen reader
       * can run, switches it does. */
      GtkWidget *check = gtk_switch_new ();
      BbSaraStage stage = BB_SARA_SCANNING;

      bb_sara_stage_from_string (p->stage, &stage);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bb_sara_stage_describe (stage));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, p->title, -1);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (problem_toggled_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->problem_checks, check);
      g_ptr_array_add (rows, row);
      adw_expander_row_add_row (self->problems_row, row);
    }
  self->populating = FALSE;
}

static void
fill_form (BbPlanPage *self)
{
  const BbPlan *plan = self->detail != NULL ? self->detail->plan : NULL;
  guint district = G_MAXUINT;

  for (guint i = 0; plan != NULL && i < self->districts->len; i++)
    if (g_strcmp0 (((BbDistrict *) g_ptr_array_index (self->districts, i))->id, plan->district_id) == 0)
      district = i;
  self->populating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), plan != NULL ? plan->title : "");
  adw_combo_row_set_selected (self->district_row, district != G_MAXUINT ? district + 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row),
                         plan != NULL && plan->period_start != NULL ? plan->period_start : "");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), plan != NULL && plan->period_end != NULL ? plan->period_end : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->statement_view),
                            plan != NULL && plan->statement != NULL ? plan->statement : "", -1);
  for (guint i = 0; i < self->problem_checks->len; i++)
    gtk_switch_set_active (g_ptr_array_index (self->problem_checks, i),
                                 self->detail != NULL
                                 && g_strv_contains ((const char * const *) self->detail->problem_ids,
                                                     ((BbProblem *) g_ptr_array_index (self->problems, i))->id));
  self->populating = FALSE;
  problem_toggled_cb (self);
  /* A new plan starts by choosing its problems. */
  adw_expander_row_set_expanded (self->problems_row, plan == NULL);
  set_dirty (self, FALSE);
}

static void
update_header (BbPlanPage *self)
{
  g_autofree char *today = bb_form_today (self->tz);
  g_autoptr(GString) text = g_string_new (NULL);
  BbPlanProgress progress;

  gtk_label_set_label (self->heading_label, self->detail != NULL ? self->detail->plan->title : _("New Safety Plan"));
  if (self->detail == NULL)
    g_string_append (text, _("New plan, not saved yet"));
  else
    {
      bb_plan_detail_progress (self->detail, today, &progress);
      /* Translators: a plan's progress, "9 of 14 tasks done, 1 overdue" */
      g_string_append_printf (text, ngettext ("%u of %u task done", "%u of %u tasks done", progress.n_tasks),
                              progress.n_done, progress.n_tasks);
      if (progress.n_overdue > 0)
        g_string_append_printf (text, ngettext (", %u overdue", ", %u overdue", progress.n_overdue),
                                progress.n_overdue);
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u of %u target met", "%u of %u targets met", progress.n_indicators),
                              progress.n_met, progress.n_indicators);
      if (progress.next_review != NULL)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, progress.review_passed ? _("review of %s not held yet") : _("next review %s"),
                                  progress.next_review);
        }
      bb_plan_progress_clear (&progress);
    }
  gtk_label_set_label (self->progress_label, text->str);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export", self->detail != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.delete", self->detail != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.refresh", self->detail != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-objective", self->detail != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-task", self->detail != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-review", self->detail != NULL);
}

static void
populate (BbPlanPage *self)
{
  update_header (self);
  if (!self->dirty)
    fill_form (self);
  bb_plan_page_fill_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

/* The plan is read after its counted indicators are brought up to date,
 * in one job of the store's worker. */
static gpointer
refresh_and_load_func (BbStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) refresh_error = NULL;

  /* A computation that cannot be read leaves the figures as they were;
   * the plan still opens. */
  if (!bb_store_plan_refresh_indicators (store, data, g_get_real_time () / G_USEC_PER_SEC, NULL, &refresh_error))
    g_debug ("Counting the plan’s indicators: %s", refresh_error->message);
  return bb_store_plan_detail_load (store, data, error);
}

static gpointer
load_func (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return bb_store_plan_detail_load (store, data, error);
}

static void
detail_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BbPlanPage *self = user_data;
  g_autoptr(GError) error = NULL;
  BbPlanDetail *detail = bb_store_run_finish (BB_STORE (source), result, &error);

  if (detail == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      bb_plan_page_show_error (self, NULL, error->message);
      gtk_stack_set_visible_child_name (self->stack, "page");
      return;
    }
  g_clear_pointer (&self->detail, bb_plan_detail_free);
  self->detail = detail;
  populate (self);
}

static void
reload (BbPlanPage *self,
        gboolean    recount)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->store == NULL)
    return;
  if (self->plan_id == NULL)
    {
      g_clear_pointer (&self->detail, bb_plan_detail_free);
      populate (self);
      return;
    }
  bb_store_run_async_full (self->store, recount ? refresh_and_load_func : load_func,
                           (GDestroyNotify) bb_plan_detail_free, g_strdup (self->plan_id), g_free,
                           self->cancellable, detail_loaded_cb, self);
}

static gboolean
reload_cb (gpointer data)
{
  BbPlanPage *self = data;

  self->reload_source = 0;
  reload (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbPlanPage *self,
                  guint       changes)
{
  if (self->plan_id != NULL && self->reload_source == 0
      && (changes & (BB_STORE_CHANGE_PROBLEMS | BB_STORE_CHANGE_DIRECTORY)))
    self->reload_source = g_timeout_add (100, reload_cb, self);
}

/* Saving ------------------------------------------------------------------------ */

gboolean
bb_plan_page_save (BbPlanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPlan) plan = self->detail != NULL ? bb_plan_copy (self->detail->plan) : bb_plan_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) problem_ids = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  guint district = adw_combo_row_get_selected (self->district_row);
  gboolean is_new = self->plan_id == NULL;

  clear_error (self);
  if (title[0] == '\0')
    {
      bb_plan_page_show_error (self, GTK_WIDGET (self->title_row), _("Give the plan a title residents will recognise."));
      return FALSE;
    }
  if (!bb_form_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start))
    {
      bb_plan_page_show_error (self, GTK_WIDGET (self->start_row), _("Type the first day of the plan as 2026-03-14, or leave it empty."));
      return FALSE;
    }
  if (!bb_form_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end))
    {
      bb_plan_page_show_error (self, GTK_WIDGET (self->end_row), _("Type the last day of the plan as 2026-03-14, or leave it empty."));
      return FALSE;
    }
  if (start != NULL && end != NULL && strcmp (end, start) < 0)
    {
      bb_plan_page_show_error (self, GTK_WIDGET (self->end_row), _("The plan ends before it starts."));
      return FALSE;
    }
  g_free (plan->title);
  plan->title = g_steal_pointer (&title);
  g_free (plan->district_id);
  plan->district_id = district > 0 && district <= self->districts->len
                      ? g_strdup (((BbDistrict *) g_ptr_array_index (self->districts, district - 1))->id) : NULL;
  g_free (plan->period_start);
  plan->period_start = g_steal_pointer (&start);
  g_free (plan->period_end);
  plan->period_end = g_steal_pointer (&end);
  g_free (plan->statement);
  plan->statement = text_of (self->statement_view);
  for (guint i = 0; i < self->problem_checks->len; i++)
    if (gtk_switch_get_active (g_ptr_array_index (self->problem_checks, i)))
      g_strv_builder_add (builder, ((BbProblem *) g_ptr_array_index (self->problems, i))->id);
  problem_ids = g_strv_builder_end (builder);

  if (!bb_store_plan_save (self->store, plan, (const char * const *) problem_ids, &error))
    {
      bb_plan_page_show_error (self, NULL, error->message);
      return FALSE;
    }
  if (is_new)
    self->plan_id = g_strdup (plan->id);
  bb_plan_page_toast (self, is_new ? _("Plan created") : _("Saved"));
  set_dirty (self, FALSE);
  reload (self, FALSE);
  return TRUE;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bb_plan_page_save (BB_PLAN_PAGE (widget));
}

static void
leave (BbPlanPage *self)
{
  clear_error (self);
  set_dirty (self, FALSE);
  g_signal_emit (self, signals[BACK], 0);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BbPlanPage       *self)
{
  if (g_str_equal (response, "save"))
    {
      if (bb_plan_page_save (self))
        leave (self);
    }
  else if (g_str_equal (response, "discard"))
    leave (self);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbPlanPage *self = BB_PLAN_PAGE (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty)
    {
      leave (self);
      return;
    }
  dialog = bb_confirm_save_changes_new (bb_plan_page_window (self), _("The plan’s details were changed and not saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BbPlanPage       *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->plan_id == NULL)
    return;
  if (!bb_store_plan_delete (self->store, self->plan_id, &error))
    {
      bb_plan_page_show_error (self, NULL, error->message);
      return;
    }
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->detail, bb_plan_detail_free);
  leave (self);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbPlanPage *self = BB_PLAN_PAGE (widget);
  AdwMessageDialog *dialog;

  if (self->detail == NULL)
    return;
  dialog = bb_confirm_delete_new (bb_plan_page_window (self), _("Delete the Plan?"), NULL);
  adw_message_dialog_format_body (dialog,
                                  _("“%s”, its objectives, tasks and review dates are deleted. The problems stay."),
                                  self->detail->plan->title);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BbPlanPage *self = BB_PLAN_PAGE (widget);

  reload (self, TRUE);
  bb_plan_page_toast (self, _("The indicators counted from incidents are up to date"));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbPlanPage *self = BB_PLAN_PAGE (widget);

  if (g_str_equal (action_name, "plan.add-objective"))
    bb_plan_page_edit_objective (self, NULL);
  else if (g_str_equal (action_name, "plan.add-task"))
    bb_plan_page_edit_task (self, NULL);
  else
    bb_plan_page_edit_review (self, NULL);
}

/* GObject --------------------------------------------------------------------------- */

static void
bb_plan_page_dispose (GObject *object)
{
  BbPlanPage *self = BB_PLAN_PAGE (object);

  self->disposed = TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  self->marked = NULL;
  g_clear_weak_pointer (&self->toast);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_PLAN_PAGE);

  G_OBJECT_CLASS (bb_plan_page_parent_class)->dispose (object);
}

static void
bb_plan_page_finalize (GObject *object)
{
  BbPlanPage *self = BB_PLAN_PAGE (object);

  g_free (self->plan_id);
  g_clear_pointer (&self->detail, bb_plan_detail_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->people, bb_people_choice_free);
  g_ptr_array_unref (self->problem_checks);
  g_ptr_array_unref (self->group_rows);
  g_free (self->error_text);
  g_free (self->message);

  G_OBJECT_CLASS (bb_plan_page_parent_class)->finalize (object);
}

static void
bb_plan_page_class_init (BbPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_plan_page_dispose;
  object_class->finalize = bb_plan_page_finalize;

  /**
   * BbPlanPage::back:
   *
   * The user leaves the page (back to the plans, or the plan was deleted).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-plan-page.ui");
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_start", G_CALLBACK (gtk_spinner_start));
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_stop", G_CALLBACK (gtk_spinner_stop));
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, BbPlanPage, name)
  CHILD (toast_overlay);
  CHILD (heading_label);
  CHILD (progress_label);
  CHILD (error_revealer);
  CHILD (error_label);
  CHILD (stack);
  CHILD (title_row);
  CHILD (district_row);
  CHILD (start_row);
  CHILD (end_row);
  CHILD (statement_view);
  CHILD (problems_row);
  CHILD (objectives_group);
  CHILD (tasks_group);
  CHILD (reviews_group);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "plan.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "plan.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "plan.export", NULL, bb_plan_page_export_activated);
  gtk_widget_class_install_action (widget_class, "plan.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "plan.add-objective", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "plan.add-task", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "plan.add-review", NULL, add_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "plan.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "plan.export", NULL);
}

static void
bb_plan_page_init (BbPlanPage *self)
{
  self->problem_checks = g_ptr_array_new ();
  self->group_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->district_row, "notify::selected", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->statement_view), "changed", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
  set_dirty (self, FALSE);
}

/* Public API ----------------------------------------------------------------------- */

GtkWidget *
bb_plan_page_new (void)
{
  return g_object_new (BB_TYPE_PLAN_PAGE, NULL);
}

void
bb_plan_page_set_store (BbPlanPage *self,
                        BbStore    *store)
{
  g_return_if_fail (BB_IS_PLAN_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->detail, bb_plan_detail_free);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

void
bb_plan_page_load (BbPlanPage *self,
                   const char *plan_id)
{
  g_return_if_fail (BB_IS_PLAN_PAGE (self));

  if (self->store == NULL)
    return;
  clear_error (self);
  g_free (self->plan_id);
  self->plan_id = g_strdup (plan_id);
  g_clear_pointer (&self->detail, bb_plan_detail_free);
  g_clear_pointer (&self->message, g_free);
  set_dirty (self, FALSE);
  load_directory (self);
  bb_plan_page_clear_lists (self);
  gtk_stack_set_visible_child_name (self->stack, plan_id != NULL ? "loading" : "page");
  reload (self, TRUE);
  if (plan_id == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

const char *
bb_plan_page_get_plan_id (BbPlanPage *self)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), NULL);
  return self->plan_id;
}

gboolean
bb_plan_page_is_loaded (BbPlanPage *self)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), FALSE);
  return self->plan_id == NULL || (self->detail != NULL && g_str_equal (self->detail->plan->id, self->plan_id));
}

gboolean
bb_plan_page_is_dirty (BbPlanPage *self)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), FALSE);
  return self->dirty;
}

const char *
bb_plan_page_get_error (BbPlanPage *self)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), NULL);
  return self->error_text;
}

const char *
bb_plan_page_get_message (BbPlanPage *self)
{
  g_return_val_if_fail (BB_IS_PLAN_PAGE (self), NULL);
  return self->message;
}
