/* test-problem-page.c: a problem's page on a small demo station: what it shows, saving with inline errors, responses and tasks, a problem taken through SARA */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-problem-page"

#include "config.h"

#include "bb-form-dialog.h"
#include "bb-mini-chart.h"
#include "bb-store-problem-detail.h"
#include "bb-store-problems.h"

#include "problem-page-fixture.h"

static void
set_text (BbProblemPage *page,
          const char    *name,
          const char    *text)
{
  GtkWidget *w = child (page, name);

  if (GTK_IS_TEXT_VIEW (w))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (w)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (w), text);
}

static BbProblem *
problem_titled (const char *title)
{
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, NULL);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((BbProblem *) g_ptr_array_index (problems, i))->title, title))
      return bb_problem_copy (g_ptr_array_index (problems, i));
  return NULL;
}

static BbProblemPage *
open_problem (BbProblemsView *view,
              const char     *problem_id)
{
  BbProblemCard *card = bb_problems_view_find_card (view, problem_id);
  BbProblemPage *page = bb_problems_view_get_problem_page (view);

  /* As Enter or a double click on the card does. */
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.open", NULL));
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "problem");
  g_assert_true (run_until (page_loaded, page, 30));
  run_for (300);
  return page;
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

typedef struct {
  const char    *problem_id;
  const char    *stage;
  BbProblemPage *page;
} StageWait;

static gboolean
stage_is (gpointer data)
{
  StageWait *w = data;
  g_autoptr(BbProblem) p = bb_store_problem_get (store, w->problem_id, NULL);

  return p != NULL && g_strcmp0 (p->stage, w->stage) == 0;
}

/* The page shows the stage the store holds: a page still showing the one
 * before a move offers the moves from there (Close only in Assessment). */
static gboolean
page_shows_stage (gpointer data)
{
  StageWait *w = data;
  g_autoptr(BbProblem) p = bb_store_problem_get (store, w->problem_id, NULL);
  BbSaraStage stage;
  g_autofree char *text = NULL;

  if (p == NULL || !bb_sara_stage_from_string (p->stage, &stage))
    return FALSE;
  text = g_strdup_printf ("Stage: %s", bb_sara_stage_describe (stage));
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (child (w->page, "stage_label"))), text) == 0;
}

static gboolean
has_error (gpointer data)
{
  return bb_problem_page_get_error (data) != NULL;
}

/* The page shows what the store holds --------------------------------------- */

static void
test_shows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = problem_titled ("Violence and noise on the bar street at night");
  BbAssessmentCounts counts;
  BbWindow *window;
  BbProblemsView *view = open_view (&window, 1280, 800);
  BbProblemPage *page;
  gint64 n;

  g_assert_nonnull (p);
  page = open_problem (view, p->id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "title_row"))), ==, p->title);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "heading_label"))), ==, p->title);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "stage_label"))), "Assessment"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "offender_row"))), ==, p->offender);
  g_assert_false (bb_problem_page_is_dirty (page));

  /* The live count, as the board counts it. */
  n = bb_store_problem_count_incidents (store, p->id, &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " incidents", n);

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "count_row"))), expected));
  }
  /* Months of the chart add up to the same count. */
  {
    BbMiniChart *chart = BB_MINI_CHART (child (page, "months_chart"));
    double sum = 0;

    g_assert_cmpuint (bb_mini_chart_get_n_bars (chart), >, 0);
    for (guint i = 0; i < bb_mini_chart_get_n_bars (chart); i++)
      sum += bb_mini_chart_get_value (chart, 0, i);
    g_assert_cmpfloat (sum, <=, n);
    g_assert_cmpfloat (sum, >, 0);
  }

  /* The hours of the week: their busiest in words, as the store counts. */
  {
    g_autoptr(BbProblemDetail) detail = bb_store_problem_detail_load (store, p->id, &error);
    const char *busiest = gtk_label_get_label (GTK_LABEL (child (page, "hours_label")));
    guint best = 0;
    guint64 total = 0;
    g_autofree char *when = NULL;
    g_autofree char *of = NULL;
    g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) day = NULL;
    g_autofree char *day_name = NULL;

    g_assert_no_error (error);
    for (guint h = 0; h < BB_HOURS_PER_WEEK; h++)
      {
        total += detail->hours[h];
        if (detail->hours[h] > detail->hours[best])
          best = h;
      }
    g_assert_cmpuint (total, ==, (guint64) detail->n_incidents);
    day = g_date_time_add_days (monday, best / 24);
    day_name = g_date_time_format (day, "%A");
    when = g_strdup_printf ("Busiest hour: %s %02u:00", day_name, best % 24);
    of = g_strdup_printf ("with %u of the %" G_GUINT64_FORMAT " incidents", detail->hours[best], total);
    g_assert_nonnull (strstr (busiest, when));
    g_assert_nonnull (strstr (busiest, of));
    g_assert_true (gtk_widget_get_visible (child (page, "hours_box")));
  }

  /* Before and after, as the store counts them, with the test's words. */
  g_assert_true (bb_store_problem_count_before_after (store, p->id, &counts, &error));
  g_assert_no_error (error);
  {
    BbMiniChart *chart = BB_MINI_CHART (child (page, "results_chart"));
    const char *change = gtk_label_get_label (GTK_LABEL (child (page, "change_label")));

    g_assert_true (gtk_widget_get_visible (child (page, "results_box")));
    g_assert_cmpfloat (bb_mini_chart_get_value (chart, 0, 0), ==, counts.area_before);
    g_assert_cmpfloat (bb_mini_chart_get_value (chart, 1, 0), ==, counts.area_after);
    g_assert_cmpfloat (bb_mini_chart_get_value (chart, 0, 1), ==, counts.buffer_before);
    g_assert_nonnull (strstr (change, "Poisson test"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (page, "summary_label"))), "Incidents in the area went from"));
  }

  save_screenshot (GTK_WIDGET (window), "problem-page");
  scroll_to (child (page, "triangle_group"));
  save_screenshot (GTK_WIDGET (window), "problem-page-triangle");
  scroll_to (child (page, "hours_box"));
  save_screenshot (GTK_WIDGET (window), "problem-page-hours");
  scroll_to (child (page, "incidents_group"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child (page, "incidents_row")), TRUE);
  save_screenshot (GTK_WIDGET (window), "problem-page-incidents");
  scroll_to (child (page, "responses_group"));
  save_screenshot (GTK_WIDGET (window), "problem-page-responses");
  scroll_to (child (page, "assessment_group"));
  save_screenshot (GTK_WIDGET (window), "problem-page-assessment");

  /* The smallest screen. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  scroll_to (child (page, "problem_group"));
  save_screenshot (GTK_WIDGET (window), "problem-page-1024x600");

  /* Back: the board, with the card focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.back", NULL));
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "board");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Saving: one transaction, inline errors ------------------------------------- */

static void
test_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) before = problem_titled ("Disorder at the bus station");
  g_autoptr(BbProblem) after = NULL;
  g_autoptr(GPtrArray) partners = bb_store_partner_list (store, NULL);
  g_auto(GStrv) linked = NULL;
  BbWindow *window;
  BbProblemsView *view = open_view (&window, 1280, 800);
  BbProblemPage *page = open_problem (view, before->id);
  BbPartner *school = NULL;
  GtkWidget *check;
  gint64 audit_before = bb_store_count (store, "audit_log", NULL);
  g_autofree char *period_start = NULL;

  /* No title: an error at the field, nothing written. */
  set_text (page, "title_row", "   ");
  g_assert_true (bb_problem_page_is_dirty (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.save", NULL));
  g_assert_nonnull (bb_problem_page_get_error (page));
  g_assert_nonnull (strstr (bb_problem_page_get_error (page), "title"));
  g_assert_true (gtk_widget_has_css_class (child (page, "title_row"), "error"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, "error_revealer"))));
  save_screenshot (GTK_WIDGET (window), "problem-page-error");

  /* A day that does not exist. */
  period_start = g_strdup (gtk_editable_get_text (GTK_EDITABLE (child (page, "period_start_row"))));
  set_text (page, "title_row", "Disorder and thefts at the bus station");
  set_text (page, "period_start_row", "2026-02-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.save", NULL));
  g_assert_nonnull (strstr (bb_problem_page_get_error (page), "2026-03-14"));
  g_assert_true (gtk_widget_has_css_class (child (page, "period_start_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (child (page, "title_row"), "error"));
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, audit_before);
  after = bb_store_problem_get (store, before->id, &error);
  g_assert_cmpstr (after->title, ==, before->title);
  g_clear_pointer (&after, bb_problem_free);

  /* Right this time: the title, the statement, a partner more, together. */
  set_text (page, "period_start_row", period_start);
  set_text (page, "statement_view", "Drunk people and thefts in the waiting hall after 20:00, when it is unstaffed.");
  for (guint i = 0; i < partners->len && school == NULL; i++)
    if (g_str_has_prefix (((BbPartner *) g_ptr_array_index (partners, i))->name, "Gjimnazi"))
      school = g_ptr_array_index (partners, i);
  g_assert_nonnull (school);
  /* The partners' rows are built when their list opens. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child (page, "partners_row")), TRUE);
  check = find_labelled (child (page, "partners_row"), ADW_TYPE_ACTION_ROW, school->name);
  g_assert_nonnull (check);
  check = find_widget (check, GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.save", NULL));
  g_assert_null (bb_problem_page_get_error (page));
  g_assert_false (bb_problem_page_is_dirty (page));
  after = bb_store_problem_get (store, before->id, &error);
  g_assert_cmpstr (after->title, ==, "Disorder and thefts at the bus station");
  g_assert_cmpstr (after->statement, ==, "Drunk people and thefts in the waiting hall after 20:00, when it is unstaffed.");
  g_assert_cmpint (after->period_start, ==, before->period_start);
  linked = bb_store_problem_dup_partners (store, before->id, &error);
  g_assert_true (g_strv_contains ((const char * const *) linked, school->id));
  g_assert_true (run_until (page_loaded, page, 10));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Responses and tasks --------------------------------------------------------- */

static BbResponse *
response_titled (const char *problem_id,
                 const char *title)
{
  g_autoptr(GPtrArray) responses = bb_store_response_list (store, problem_id, NULL);

  for (guint i = 0; i < responses->len; i++)
    if (g_str_equal (((BbResponse *) g_ptr_array_index (responses, i))->title, title))
      return bb_response_copy (g_ptr_array_index (responses, i));
  return NULL;
}

static gboolean
task_shown (gpointer data)
{
  BbProblemPage *page = data;
  GtkWidget *expander = find_labelled (child (page, "responses_group"), ADW_TYPE_EXPANDER_ROW,
                                       "Lock the waiting hall at 20:00");

  return expander != NULL
         && find_labelled (expander, ADW_TYPE_ACTION_ROW, "Agree the locking time with the bus company") != NULL;
}

static gboolean
response_shown (gpointer data)
{
  BbProblemPage *page = data;

  return find_labelled (child (page, "responses_group"), ADW_TYPE_EXPANDER_ROW, "Lock the waiting hall at 20:00") != NULL;
}

static void
add_response (BbProblemPage *page,
              const char    *title,
              gboolean       agreed,
              const char    *start,
              const char    *end,
              const char    *screenshot)
{
  BbFormDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.add-response", NULL));
  dialog = wait_dialog ();
  /* No title: the dialog says so and stays. */
  bb_form_dialog_save (dialog);
  g_assert_nonnull (bb_form_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (bb_form_dialog_get_field (dialog, "title"), "error"));
  if (screenshot != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s-error", screenshot);

      run_for (400);
      save_screenshot (adw_window_get_content (ADW_WINDOW (dialog)), name);
    }
  /* Typing in the field takes the error away. */
  bb_form_dialog_set_text (dialog, "title", title);
  g_assert_null (bb_form_dialog_get_error (dialog));
  g_assert_false (gtk_widget_has_css_class (bb_form_dialog_get_field (dialog, "title"), "error"));
  bb_form_dialog_set_text (dialog, "description", "The bus company locks the hall; travellers wait in the lit shelter.");
  bb_form_dialog_set_active (dialog, "agreed", agreed);
  bb_form_dialog_set_selected (dialog, "owner", 1);
  bb_form_dialog_set_text (dialog, "start", start);
  bb_form_dialog_set_text (dialog, "end", end);
  if (screenshot != NULL)
    save_screenshot (adw_window_get_content (ADW_WINDOW (dialog)), screenshot);
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();
}

static void
test_responses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = problem_titled ("Disorder and thefts at the bus station");
  g_autoptr(BbResponse) r = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) officers = bb_store_officer_list (store, NULL);
  BbWindow *window;
  BbProblemsView *view;
  BbProblemPage *page;
  BbFormDialog *dialog;
  GtkWidget *expander, *button, *check;

  if (p == NULL)
    p = problem_titled ("Disorder at the bus station");
  view = open_view (&window, 1280, 800);
  page = open_problem (view, p->id);

  add_response (page, "Lock the waiting hall at 20:00", TRUE, "2026-11-01", "2026-12-31", "problem-response-editor");
  r = response_titled (p->id, "Lock the waiting hall at 20:00");
  g_assert_nonnull (r);
  g_assert_true (r->agreed);
  g_assert_cmpstr (r->owner_officer_id, ==, ((BbOfficer *) g_ptr_array_index (officers, 0))->id);
  g_assert_cmpstr (r->start_date, ==, "2026-11-01");
  g_assert_cmpstr (r->end_date, ==, "2026-12-31");
  g_assert_true (run_until (response_shown, page, 10));

  /* A task of it, through the response's own button. */
  expander = find_labelled (child (page, "responses_group"), ADW_TYPE_EXPANDER_ROW, "Lock the waiting hall at 20:00");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  button = find_labelled (expander, GTK_TYPE_BUTTON, "Add Task");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = wait_dialog ();
  bb_form_dialog_set_text (dialog, "title", "Agree the locking time with the bus company");
  bb_form_dialog_set_selected (dialog, "assignee", 2);
  bb_form_dialog_set_text (dialog, "due", "2026-31-10");
  bb_form_dialog_save (dialog);
  g_assert_nonnull (strstr (bb_form_dialog_get_error (dialog), "2026-03-14"));
  bb_form_dialog_set_text (dialog, "due", "2026-10-31");
  save_screenshot (adw_window_get_content (ADW_WINDOW (dialog)), "problem-task-editor");
  bb_form_dialog_save (dialog);
  wait_dialog_gone ();
  tasks = bb_store_problem_tasks (store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstr (((BbTask *) g_ptr_array_index (tasks, 0))->due_date, ==, "2026-10-31");
  g_assert_false (((BbTask *) g_ptr_array_index (tasks, 0))->done);

  /* Ticking it off is one write of its own. */
  g_assert_true (run_until (task_shown, page, 20));
  expander = find_labelled (child (page, "responses_group"), ADW_TYPE_EXPANDER_ROW, "Lock the waiting hall at 20:00");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  check = find_labelled (expander, ADW_TYPE_ACTION_ROW, "Agree the locking time with the bus company");
  g_assert_nonnull (check);
  check = find_widget (check, GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_clear_pointer (&tasks, g_ptr_array_unref);
  tasks = bb_store_problem_tasks (store, p->id, &error);
  g_assert_true (((BbTask *) g_ptr_array_index (tasks, 0))->done);
  run_for (500);
  scroll_to (child (page, "responses_group"));
  expander = find_labelled (child (page, "responses_group"), ADW_TYPE_EXPANDER_ROW, "Lock the waiting hall at 20:00");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  save_screenshot (GTK_WIDGET (window), "problem-page-response-added");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new problem, through the SARA stages ---------------------------------------- */

static void
test_sara (void)
{
  g_autoptr(GError) error = NULL;
  BbWindow *window;
  BbProblemsView *view = open_view (&window, 1280, 800);
  BbProblemPage *page = bb_problems_view_get_problem_page (view);
  StageWait wait;
  g_autofree char *id = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.new-problem", NULL));
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "problem");
  g_assert_null (bb_problem_page_get_problem_id (page));
  set_text (page, "title_row", "Cars parked on the school pavement");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.save", NULL));
  g_assert_null (bb_problem_page_get_error (page));
  id = g_strdup (bb_problem_page_get_problem_id (page));
  g_assert_nonnull (id);
  wait = (StageWait) { id, "scanning" };
  g_assert_true (stage_is (&wait));
  g_assert_true (run_until (page_loaded, page, 10));

  /* Analysis needs a statement: the move says so and the problem stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.move-next", NULL));
  g_assert_true (run_until (has_error, page, 10));
  g_assert_nonnull (strstr (bb_problem_page_get_error (page), "statement"));
  g_assert_true (stage_is (&wait));
  save_screenshot (GTK_WIDGET (window), "problem-page-refused");

  /* With a statement typed, the move saves it first. */
  set_text (page, "statement_view", "Parents park on the pavement outside the school at 8:00, and children walk in the road.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.move-next", NULL));
  wait.stage = "analysis";
  g_assert_true (run_until (stage_is, &wait, 10));
  wait.page = page;
  g_assert_true (run_until (page_shows_stage, &wait, 10));
  g_assert_true (run_until (page_loaded, page, 10));
  run_for (300);

  /* Response needs an agreed response. */
  add_response (page, "Letters to the parents", FALSE, "", "", NULL);
  run_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.move-next", NULL));
  g_assert_true (run_until (has_error, page, 10));
  g_assert_nonnull (strstr (bb_problem_page_get_error (page), "agreed"));
  add_response (page, "Parking checks at 8:00", TRUE, "2026-09-01", "2026-12-20", NULL);
  run_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.move-next", NULL));
  wait.stage = "response";
  g_assert_true (run_until (stage_is, &wait, 10));
  wait.page = page;
  g_assert_true (run_until (page_shows_stage, &wait, 10));
  g_assert_true (run_until (page_loaded, page, 10));
  run_for (300);

  /* Assessment needs the response period, typed on the page. */
  set_text (page, "response_start_row", "2026-09-01");
  set_text (page, "response_end_row", "2026-12-20");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.move-next", NULL));
  wait.stage = "assessment";
  g_assert_true (run_until (stage_is, &wait, 10));
  wait.page = page;
  g_assert_true (run_until (page_shows_stage, &wait, 10));
  g_assert_true (run_until (page_loaded, page, 10));
  run_for (300);

  /* Closing needs the decision. */
  set_text (page, "decision_view", "No parking on the pavement for eight weeks; the checks go on once a month.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "problem.close-problem", NULL));
  wait.stage = "closed";
  g_assert_true (run_until (stage_is, &wait, 10));
  {
    g_autoptr(BbProblem) p = bb_store_problem_get (store, id, &error);

    g_assert_cmpstr (p->assessment_notes, ==, "No parking on the pavement for eight weeks; the checks go on once a month.");
    g_assert_cmpint (p->response_end - p->response_start, >, 100 * 86400);
  }
  g_assert_true (run_until (page_loaded, page, 10));
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "problem-page-closed");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The board's filters ------------------------------------------------------------ */

static guint
n_cards (BbProblemsView *view)
{
  guint n = 0;

  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    n += bb_problems_view_get_n_cards (view, s);
  return n;
}

static void
test_filters (void)
{
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, NULL);
  g_autoptr(GPtrArray) officers = bb_store_officer_list (store, NULL);
  g_autoptr(GPtrArray) partners = bb_store_partner_list (store, NULL);
  BbWindow *window;
  BbProblemsView *view = open_view (&window, 1280, 800);
  GtkDropDown *owner = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view), BB_TYPE_PROBLEMS_VIEW,
                                                                     "owner_dropdown"));
  GtkDropDown *partner = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view), BB_TYPE_PROBLEMS_VIEW,
                                                                       "partner_dropdown"));
  GtkToggleButton *closed = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (view), BB_TYPE_PROBLEMS_VIEW,
                                                                              "closed_button"));
  guint tested = 0;

  gtk_toggle_button_set_active (closed, TRUE);
  /* Each officer who owns problems: exactly theirs. */
  for (guint i = 0; i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);
      guint expected = 0;

      for (guint k = 0; k < problems->len; k++)
        expected += g_strcmp0 (((BbProblem *) g_ptr_array_index (problems, k))->owner_id, o->id) == 0;
      gtk_drop_down_set_selected (owner, i + 1);
      run_for (50);
      g_assert_cmpuint (n_cards (view), ==, expected);
      tested += expected > 0;
    }
  g_assert_cmpuint (tested, >, 1);
  gtk_drop_down_set_selected (owner, 0);

  /* A partner: the problems it works on. */
  tested = 0;
  for (guint i = 0; i < partners->len; i++)
    {
      BbPartner *pt = g_ptr_array_index (partners, i);
      guint expected = 0;

      for (guint k = 0; k < problems->len; k++)
        {
          g_auto(GStrv) linked = bb_store_problem_dup_partners (store, ((BbProblem *) g_ptr_array_index (problems, k))->id, NULL);

          expected += g_strv_contains ((const char * const *) linked, pt->id);
        }
      gtk_drop_down_set_selected (partner, i + 1);
      run_for (30);
      g_assert_cmpuint (n_cards (view), ==, expected);
      tested += expected > 0;
      if (expected > 1)
        {
          run_for (300);
          save_screenshot (GTK_WIDGET (window), "problems-board-partner-filter");
        }
    }
  g_assert_cmpuint (tested, >, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.clear-filters", NULL));
  g_assert_cmpuint (n_cards (view), ==, problems->len);

  /* Other views open a problem through the window's action. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("map"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-problem",
                                  g_variant_new_string (((BbProblem *) g_ptr_array_index (problems, 0))->id));
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "problems");
  g_assert_cmpstr (bb_problems_view_get_visible_page (view), ==, "problem");
  g_assert_cmpstr (bb_problem_page_get_problem_id (bb_problems_view_get_problem_page (view)), ==,
                   ((BbProblem *) g_ptr_array_index (problems, 0))->id);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  problem_page_fixture_setup (&argc, &argv, "beatbook-problem-page");
  /* In this order: the responses test finds the problem as saved. */
  g_test_add_func ("/ui/problem-page/shows", test_shows);
  g_test_add_func ("/ui/problem-page/save", test_save);
  g_test_add_func ("/ui/problem-page/responses", test_responses);
  g_test_add_func ("/ui/problem-page/sara", test_sara);
  g_test_add_func ("/ui/problem-page/filters", test_filters);
  result = g_test_run ();
  problem_page_fixture_teardown ();
  return result;
}
