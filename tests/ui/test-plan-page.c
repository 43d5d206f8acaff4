/* test-plan-page.c: the safety plans on a small demo station: the list, a plan's page, the editors, a new plan exported to PDF */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan-page"

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-form-dialog.h"
#include "bb-problems-view.h"
#include "bb-store-plans.h"
#include "bb-window.h"

#include "ui-test-util.h"

#define N_INCIDENTS 600

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;

static guint
n_plan_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static GtkListBox *
plans_list (BbProblemsView *view)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (view), BB_TYPE_PROBLEMS_VIEW, "plans_list"));
}

static gboolean
plans_listed (gpointer data)
{
  return n_plan_rows (plans_list (data)) == (guint) bb_store_count (store, "plan", NULL);
}

static BbProblemsView *
open_plans (BbWindow **window_out)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbProblemsView *view;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("problems"));
  view = BB_PROBLEMS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_PROBLEMS_VIEW));
  bb_problems_view_show_plans (view);
  g_assert_true (run_until (plans_listed, view, 30));
  *window_out = window;
  return view;
}

static GtkWidget *
child (BbPlanPage *page,
       const char *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (page), BB_TYPE_PLAN_PAGE, name);

  g_assert_nonnull (widget);
  return GTK_WIDGET (widget);
}

static gboolean
page_loaded (gpointer data)
{
  return bb_plan_page_is_loaded (data);
}

static BbFormDialog *
wait_dialog (void)
{
  g_assert_true (run_until (toplevel_shown, GSIZE_TO_POINTER (BB_TYPE_FORM_DIALOG), 10));
  return BB_FORM_DIALOG (find_toplevel (BB_TYPE_FORM_DIALOG));
}

static void
wait_dialog_gone (void)
{
  g_assert_true (run_until (toplevel_gone, GSIZE_TO_POINTER (BB_TYPE_FORM_DIALOG), 10));
}

static void
test_demo_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = bb_store_plan_list (store, &error);
  g_autoptr(BbPlanDetail) detail = NULL;
  BbPlan *demo = g_ptr_array_index (plans, 0);
  BbWindow *window;
  BbProblemsView *view = open_plans (&window);
  BbPlanPage *page = bb_problems_view_get_plan_page (view);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (plans_list (view), 0);
  BbPlanProgress progress;
  g_autofree char *today = NULL;

  /* The list says how far each plan has come. */
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, demo->title);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "tasks done"));
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "plans-list");

  /* Opening it counts the indicators again, then shows the plan. */
  g_signal_emit_by_name (plans_list (view), "row-activated", row);
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "plan");
  g_assert_true (run_until (page_loaded, page, 30));
  run_for (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "title_row"))), ==, demo->title);
  detail = bb_store_plan_detail_load (store, demo->id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    today = g_date_time_format (now, "%Y-%m-%d");
  }
  bb_plan_detail_progress (detail, today, &progress);
  {
    g_autofree char *done = g_strdup_printf ("%u of %u tasks done", progress.n_done, progress.n_tasks);

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "progress_label"))), done));
  }
  bb_plan_progress_clear (&progress);
  /* The counted indicators hold what the store counts now. */
  for (guint i = 0; i < detail->objectives->len; i++)
    {
      BbPlanObjective *o = g_ptr_array_index (detail->objectives, i);

      for (guint k = 0; k < o->indicators->len; k++)
        {
          BbIndicator *indicator = g_ptr_array_index (o->indicators, k);
          g_autoptr(BbIndicatorComputation) c = NULL;
          double value;

          if (indicator->computed == NULL)
            continue;
          c = bb_indicator_computation_parse (indicator->computed, &error);
          g_assert_no_error (error);
          g_assert_true (bb_store_indicator_compute (store, c, demo->id, g_get_real_time () / G_USEC_PER_SEC, &value,
                                                     &error));
          g_assert_cmpfloat (indicator->current, ==, value);
        }
    }
  save_screenshot (GTK_WIDGET (window), "plan-page");
  scroll_to (child (page, "objectives_group"));
  save_screenshot (GTK_WIDGET (window), "plan-page-objectives");
  scroll_to (child (page, "tasks_group"));
  save_screenshot (GTK_WIDGET (window), "plan-page-tasks");

  /* No title: an inline error, nothing written. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, "title_row")), "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.save", NULL));
  g_assert_nonnull (bb_plan_page_get_error (page));
  g_assert_true (gtk_widget_has_css_class (child (page, "title_row"), "error"));
  {
    g_autoptr(BbPlan) stored = bb_store_plan_get (store, demo->id, &error);

    g_assert_cmpstr (stored->title, ==, demo->title);
  }
  /* A period the wrong way round. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, "title_row")), demo->title);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "end_row")), "2020-01-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.save", NULL));
  g_assert_nonnull (strstr (bb_plan_page_get_error (page), "ends before it starts"));
  g_assert_true (gtk_widget_has_css_class (child (page, "end_row"), "error"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_objective (gpointer data)
{
  BbPlanPage *page = data;

  return find_labelled (child (page, "objectives_group"), ADW_TYPE_EXPANDER_ROW, "Children cross the road safely") != NULL;
}

static void
test_new_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPlanDetail) detail = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "safe-crossings.pdf", NULL);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  BbWindow *window;
  BbProblemsView *view = open_plans (&window);
  BbPlanPage *page = bb_problems_view_get_plan_page (view);
  BbFormDialog *dialog;
  BbProblem *speeding = NULL;
  GtkWidget *check, *button, *expander;
  guint n_plans = bb_store_count (store, "plan", NULL);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (((BbProblem *) g_ptr_array_index (problems, i))->title, "Speeding past the gymnasium"))
      speeding = g_ptr_array_index (problems, i);
  g_assert_nonnull (speeding);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.new-plan", NULL));
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "plan");
  g_assert_null (bb_plan_page_get_plan_id (page));
  gtk_editable_set_text (GTK_EDITABLE (child (page, "title_row")), "Safe crossings near the schools");
  gtk_editable_set_text (GTK_EDITABLE (child (page, "start_row")), "2026-09-01");
  gtk_editable_set_text (GTK_EDITABLE (child (page, "end_row")), "2027-08-31");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, "statement_view"))),
                            "Children should walk to school safely. Parents, the schools, the municipality and the police "
                            "agree to slow the traffic and to watch the crossings at school times.", -1);
  check = find_labelled (child (page, "problems_row"), ADW_TYPE_ACTION_ROW, speeding->title);
  g_assert_nonnull (check);
  gtk_switch_set_active (GTK_SWITCH (find_widget (check, GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.save", NULL));
  g_assert_null (bb_plan_page_get_error (page));
  g_assert_nonnull (bb_plan_page_get_plan_id (page));
  g_assert_cmpint (bb_store_count (store, "plan", NULL), ==, n_plans + 1);
  g_assert_true (run_until (page_loaded, page, 10));
  run_for (300);

  /* An objective. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-objective", NULL));
  dialog = wait_dialog ();
  bb_form_dialog_set_text (dialog, "title", "Children cross the road safely");
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();
  g_assert_true (run_until (has_objective, page, 10));

  /* An indicator counted from the incidents in the speeding problem's area. */
  expander = find_labelled (child (page, "objectives_group"), ADW_TYPE_EXPANDER_ROW, "Children cross the road safely");
  button = find_labelled (expander, GTK_TYPE_BUTTON, "Add Indicator");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = wait_dialog ();
  bb_form_dialog_set_text (dialog, "name", "Speeding and accidents by the school");
  bb_form_dialog_set_text (dialog, "unit", "incidents per quarter");
  bb_form_dialog_set_text (dialog, "baseline", "12,5");
  bb_form_dialog_set_text (dialog, "target", "six");
  bb_form_dialog_set_selected (dialog, "measured", 1);
  g_assert_false (gtk_widget_get_sensitive (bb_form_dialog_get_field (dialog, "current")));
  bb_form_dialog_set_selected (dialog, "where", 1);
  bb_form_dialog_save (dialog);
  g_assert_nonnull (bb_form_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (bb_form_dialog_get_field (dialog, "target"), "error"));
  bb_form_dialog_set_text (dialog, "target", "6");
  run_for (300);
  save_screenshot (adw_window_get_content (ADW_WINDOW (dialog)), "plan-indicator-editor");
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();

  /* A task and a review date. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-task", NULL));
  dialog = wait_dialog ();
  bb_form_dialog_set_text (dialog, "title", "Walk the school routes with the parents");
  bb_form_dialog_set_selected (dialog, "assignee", 1);
  bb_form_dialog_set_text (dialog, "due", "2026-10-15");
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-review", NULL));
  dialog = wait_dialog ();
  bb_form_dialog_save (dialog);
  g_assert_nonnull (bb_form_dialog_get_error (dialog));   /* a review needs its day */
  bb_form_dialog_set_text (dialog, "date", "2026-12-01");
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();

  detail = bb_store_plan_detail_load (store, bb_plan_page_get_plan_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->plan->period_end, ==, "2027-08-31");
  g_assert_cmpuint (g_strv_length (detail->problem_ids), ==, 1);
  g_assert_cmpstr (detail->problem_ids[0], ==, speeding->id);
  g_assert_cmpuint (detail->objectives->len, ==, 1);
  {
    BbPlanObjective *o = g_ptr_array_index (detail->objectives, 0);
    BbIndicator *indicator = g_ptr_array_index (o->indicators, 0);
    g_autoptr(BbIndicatorComputation) c = bb_indicator_computation_parse (indicator->computed, &error);
    double value;

    g_assert_no_error (error);
    g_assert_cmpfloat (indicator->baseline, ==, 12.5);
    g_assert_cmpfloat (indicator->target, ==, 6);
    g_assert_cmpstr (c->problem_id, ==, speeding->id);
    g_assert_cmpuint (c->period_days, ==, 91);
    /* Counted when saved, from public incidents. */
    g_assert_true (bb_store_indicator_compute (store, c, detail->plan->id, g_get_real_time () / G_USEC_PER_SEC,
                                               &value, &error));
    g_assert_false (isnan (indicator->current));
    g_assert_cmpfloat (indicator->current, ==, value);
  }
  g_assert_cmpuint (detail->tasks->len, ==, 1);
  g_assert_cmpuint (detail->reviews->len, ==, 1);
  g_assert_cmpstr (((BbPlanReview *) g_ptr_array_index (detail->reviews, 0))->review_date, ==, "2026-12-01");

  g_assert_true (run_until (page_loaded, page, 10));
  run_for (500);
  scroll_to (child (page, "objectives_group"));
  save_screenshot (GTK_WIDGET (window), "plan-page-new");

  /* Printed as residents read it. */
  g_assert_true (bb_plan_page_export_to (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, "Safe crossings near the schools"));
  g_assert_nonnull (strstr (text, "Speeding past the gymnasium"));
  g_assert_nonnull (strstr (text, "Walk the school routes"));
  g_assert_nonnull (strstr (text, "1 December 2026"));

  /* Back to the list, which now has it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.back", NULL));
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "plans");
  g_assert_true (run_until (plans_listed, view, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-plan-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);

  g_test_add_func ("/ui/plan-page/demo-plan", test_demo_plan);
  g_test_add_func ("/ui/plan-page/new-plan", test_new_plan);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
