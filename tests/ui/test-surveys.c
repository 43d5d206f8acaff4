/* test-surveys.c: the Surveys page on a small demo station: results, paper forms, imports, the questionnaire */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-surveys"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-aggregates-view.h"
#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-question-editor.h"
#include "bb-questionnaire-editor.h"
#include "bb-response-form.h"
#include "bb-survey-editor.h"
#include "bb-store-surveys.h"
#include "bb-surveys-page.h"
#include "bb-form-dialog.h"
#include "bb-table-import-dialog.h"
#include "bb-window.h"
#include "ui-test-util.h"

#define N_INCIDENTS 600

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;

static gboolean
page_idle (gpointer data)
{
  return !bb_surveys_page_is_loading (data);
}

static BbSurveysPage *
open_page (BbWindow **window_out,
           int        width,
           int        height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbSurveysPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("surveys"));
  page = BB_SURVEYS_PAGE (find_widget (GTK_WIDGET (window), BB_TYPE_SURVEYS_PAGE));
  g_assert_nonnull (page);
  run_for (400);
  g_assert_true (run_until (page_idle, page, 30));
  /* the window's cross-fade from its welcome page */
  run_for (700);
  g_assert_cmpstr (bb_window_get_visible_view (window), ==, "surveys");
  *window_out = window;
  return page;
}

static gint64
responses (void)
{
  return bb_store_count (store, "survey_response", NULL);
}

static void
test_results (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  BbSurveyResultsView *results = bb_surveys_page_get_results_view (page);

  g_assert_cmpuint (bb_surveys_page_get_n_surveys (page), ==, 2);
  /* the newest round, against the round before */
  g_assert_nonnull (bb_surveys_page_get_survey_id (page));
  g_assert_cmpuint (bb_survey_results_view_get_n_questions (results), ==, 21);
  g_assert_cmpuint (bb_survey_results_view_get_n_respondents (results), ==, 391);
  /* both rounds: each share drawn over them */
  g_assert_cmpuint (bb_survey_results_view_get_n_rounds (results), ==, 2);
  save_screenshot (GTK_WIDGET (window), "surveys-results");

  g_assert_true (bb_survey_results_view_expand_districts (results, 0));
  run_for (800);
  save_screenshot (GTK_WIDGET (window), "surveys-results-by-district");

  /* one district's results */
  {
    g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);

    bb_survey_results_view_set_district (results, ((BbDistrict *) districts->pdata[0])->id);
    g_assert_true (run_until (page_idle, page, 30));
    g_assert_cmpuint (bb_survey_results_view_get_n_respondents (results), <, 100);
    g_assert_cmpuint (bb_survey_results_view_get_n_respondents (results), >, 0);
    save_screenshot (GTK_WIDGET (window), "surveys-results-district");
    bb_survey_results_view_set_district (results, NULL);
    g_assert_true (run_until (page_idle, page, 30));
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "surveys-results-1024x600");

  g_assert_true (bb_surveys_page_show_figures (page));
  run_for (300);
  g_assert_cmpuint (bb_aggregates_view_get_n_tables (BB_AGGREGATES_VIEW (find_widget (GTK_WIDGET (page),
                                                                                       BB_TYPE_AGGREGATES_VIEW))), ==, 1);
  save_screenshot (GTK_WIDGET (window), "surveys-published-figures");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The round weighted by an answer: the population's share of each answer
 * typed in, checked to add up to 100 %, saved with the round. */
static void
test_weighting (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  const char *survey_id = bb_surveys_page_get_survey_id (page);
  g_autofree char *survey = g_strdup (survey_id);
  BbFormDialog *dialog = BB_FORM_DIALOG (bb_surveys_page_edit_weighting (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(BbSurvey) round = bb_store_survey_get (store, survey, &error);
  g_autoptr(GPtrArray) questions = bb_store_question_list (store, round->questionnaire_id, &error);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(BbSurveyWeighting) saved = NULL;
  const BbQuestion *trend = NULL;
  GtkWidget *question_row;
  GListModel *titles;
  const double shares[] = { 20, 50, 20 };

  g_assert_nonnull (dialog);
  for (guint i = 0; i < questions->len; i++)
    if (g_strcmp0 (((BbQuestion *) questions->pdata[i])->code, "block4/q1") == 0)
      trend = questions->pdata[i];
  g_assert_nonnull (trend);
  run_for (200);
  question_row = bb_form_dialog_get_field (dialog, "question");
  g_assert_nonnull (question_row);
  /* The question and the shares show only when weighting by an answer. */
  g_assert_false (gtk_widget_get_visible (question_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (bb_form_dialog_get_field (dialog, "by")), 1);
  g_assert_true (gtk_widget_get_visible (question_row));
  titles = adw_combo_row_get_model (ADW_COMBO_ROW (question_row));
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (titles), i), trend->text) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (question_row), i);
  choices = bb_question_dup_choices (trend);
  g_assert_cmpuint (choices->len, ==, 3);
  for (guint c = 0; c < choices->len; c++)
    {
      g_autofree char *title = g_strdup_printf ("%s: share of the population, %%", ((BbChoice *) choices->pdata[c])->label);
      GtkWidget *row = find_widget_by_title (GTK_WIDGET (dialog), title);
      g_autofree char *text = g_strdup_printf ("%g", shares[c]);

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_visible (row));
      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  /* 20 + 50 + 20: a slip, refused */
  bb_form_dialog_save (dialog);
  g_assert_nonnull (strstr (bb_form_dialog_get_error (dialog), "add up to 90.0 %"));
  saved = bb_store_survey_get_weighting (store, survey, &error);
  g_assert_cmpint (saved->kind, ==, BB_SURVEY_WEIGHTING_DISTRICTS);
  g_clear_pointer (&saved, bb_survey_weighting_free);
  save_screenshot (GTK_WIDGET (dialog), "surveys-weighting-error");
  {
    g_autofree char *title = g_strdup_printf ("%s: share of the population, %%", ((BbChoice *) choices->pdata[2])->label);

    gtk_editable_set_text (GTK_EDITABLE (find_widget_by_title (GTK_WIDGET (dialog), title)), "30");
  }
  save_screenshot (GTK_WIDGET (dialog), "surveys-weighting");
  bb_form_dialog_save (dialog);
  run_for (300);
  saved = bb_store_survey_get_weighting (store, survey, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->kind, ==, BB_SURVEY_WEIGHTING_ANSWER);
  g_assert_cmpstr (saved->question_code, ==, "block4/q1");
  g_assert_cmpfloat (bb_survey_weighting_share_of (saved, ((BbChoice *) choices->pdata[1])->value), ==, 50);
  g_assert_cmpfloat (bb_survey_weighting_share_of (saved, ((BbChoice *) choices->pdata[2])->value), ==, 30);
  g_assert_true (run_until (page_idle, page, 30));
  save_screenshot (GTK_WIDGET (window), "surveys-results-weighted-by-answer");

  /* back as the demo had it */
  g_clear_pointer (&saved, bb_survey_weighting_free);
  saved = bb_survey_weighting_new (BB_SURVEY_WEIGHTING_DISTRICTS);
  g_assert_true (bb_store_survey_set_weighting (store, survey, saved, &error));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_paper_form (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  BbResponseForm *form;
  gint64 before = responses ();
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  const BbDistrict *district = g_ptr_array_index (districts, 0);
  g_autofree char *prefix = g_strndup (district->name, 3);

  form = BB_RESPONSE_FORM (bb_surveys_page_enter_responses (page));
  g_assert_nonnull (form);
  run_for (300);
  /* the keyboard starts at the district: the form number counts by itself */
  g_assert_cmpstr (bb_response_form_get_focus_code (form), ==, "district");

  g_assert_true (bb_response_form_set_text (form, "district", prefix));
  g_assert_cmpstr (bb_response_form_get_reading (form, "district"), ==, district->name);
  bb_response_form_set_text (form, "gender", "f");
  g_assert_cmpstr (bb_response_form_get_reading (form, "gender"), ==, "Female");
  bb_response_form_set_text (form, "block1/q1", "4");
  g_assert_cmpstr (bb_response_form_get_reading (form, "block1/q1"), ==, "A big problem");
  bb_response_form_set_text (form, "block6/q1", "1");
  g_assert_cmpstr (bb_response_form_get_reading (form, "block6/q1"), ==, "Yes");
  bb_response_form_set_text (form, "block4/q1", "3");
  g_assert_cmpstr (bb_response_form_get_reading (form, "block4/q1"), ==, "Decreased");
  /* 7 on a scale of 1 to 5: refused, and the form is not saved */
  bb_response_form_set_text (form, "block1/q2", "7");
  g_assert_false (bb_response_form_save (form));
  g_assert_nonnull (strstr (bb_response_form_get_status (form), "Not saved"));
  g_assert_cmpstr (bb_response_form_get_focus_code (form), ==, "block1/q2");
  save_screenshot (GTK_WIDGET (form), "surveys-paper-form-error");
  g_assert_cmpint (responses (), ==, before);

  bb_response_form_set_text (form, "block1/q2", "2");
  g_assert_true (bb_response_form_save (form));
  g_assert_cmpuint (bb_response_form_get_n_saved (form), ==, 1);
  g_assert_cmpint (responses (), ==, before + 1);
  /* cleared for the next form, the keyboard back at the district */
  g_assert_cmpstr (bb_response_form_get_focus_code (form), ==, "district");
  g_assert_cmpstr (bb_response_form_get_reading (form, "block1/q1"), !=, "A big problem");

  /* the same paper form number again is refused */
  bb_response_form_set_text (form, "form", "1");
  bb_response_form_set_text (form, "block6/q1", "2");
  g_assert_false (bb_response_form_save (form));
  g_assert_nonnull (strstr (bb_response_form_get_status (form), "typed in already"));
  bb_response_form_set_text (form, "form", "2");
  g_assert_true (bb_response_form_save (form));
  g_assert_cmpint (responses (), ==, before + 2);
  bb_response_form_set_text (form, "block1/q1", "A big");
  bb_response_form_set_text (form, "block3/q1", "5");
  save_screenshot (GTK_WIDGET (form), "surveys-paper-form");

  /* the page shows the new respondents once the store tells it */
  gtk_window_destroy (GTK_WINDOW (form));
  run_for (600);
  g_assert_true (run_until (page_idle, page, 30));
  g_assert_cmpuint (bb_survey_results_view_get_n_respondents (bb_surveys_page_get_results_view (page)), ==, 393);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_at_step (gpointer data)
{
  const char **wanted = data;

  return g_strcmp0 (bb_table_import_dialog_get_step (BB_TABLE_IMPORT_DIALOG ((gpointer) wanted[0])), wanted[1]) == 0;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_import (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  g_autofree char *path = g_build_filename (tmp_dir, "lses_kobo_export.csv", NULL);
  GtkWindow *dialog;
  const char *step[2];
  gint64 before = responses ();

  g_file_set_contents (path,
    "start;end;block1/q1;block1/q3;block6/q1;group_trust/block6/q2;district;_uuid;_submission_time\r\n"
    "2026-09-01T10:00;2026-09-01T10:05;4;2;yes;4;;ui-0001;2026-09-01T10:05:00\r\n"
    "2026-09-01T11:00;2026-09-01T11:04;2;1;no;Complete trust;;ui-0002;2026-09-01T11:04:00\r\n"
    "2026-09-01T12:00;2026-09-01T12:09;9;3;maybe;3;Nowhere;ui-0003;2026-09-01T12:09:00\r\n", -1, NULL);
  dialog = bb_surveys_page_import_file (page, path, FALSE);
  g_assert_nonnull (dialog);
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_nullify_pointer), &dialog);
  step[0] = (const char *) dialog;
  step[1] = "mapping";
  g_assert_true (run_until (dialog_at_step, step, 30));
  save_screenshot (GTK_WIDGET (dialog), "surveys-import-mapping");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL);
  step[1] = "report";
  g_assert_true (run_until (dialog_at_step, step, 30));
  g_assert_nonnull (strstr (bb_table_import_dialog_get_report_text (BB_TABLE_IMPORT_DIALOG (dialog)),
                            "“9” is not an answer from 1 to 5"));
  save_screenshot (GTK_WIDGET (dialog), "surveys-import-report");
  g_assert_cmpint (responses (), ==, before);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);
  g_assert_true (run_until (pointer_cleared, &dialog, 30));
  run_for (300);
  g_assert_cmpint (responses (), ==, before + 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_questionnaire (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  BbQuestionnaireEditor *editor = BB_QUESTIONNAIRE_EDITOR (bb_surveys_page_edit_questionnaire (page));
  BbQuestionEditor *question;
  guint n;

  g_assert_nonnull (editor);
  n = bb_questionnaire_editor_get_n_questions (editor);
  g_assert_cmpuint (n, ==, 21);
  run_for (300);
  save_screenshot (GTK_WIDGET (editor), "surveys-questionnaire");

  question = BB_QUESTION_EDITOR (bb_questionnaire_editor_add_question (editor));
  bb_question_editor_set_fields (question, "block7/q1", "Where do you feel unsafe?", "multiple", "");
  g_assert_false (bb_question_editor_save (question));
  g_assert_nonnull (strstr (bb_question_editor_get_error (question), "at least two choices"));
  bb_question_editor_set_fields (question, "block1/q1", "Where do you feel unsafe?", "multiple",
                                 "The park\nstation = The railway station\nThe river bank");
  g_assert_false (bb_question_editor_save (question));
  g_assert_nonnull (strstr (bb_question_editor_get_error (question), "already called “block1/q1”"));
  run_for (200);
  save_screenshot (GTK_WIDGET (question), "surveys-question-editor");
  bb_question_editor_set_fields (question, "block7/q1", "Where do you feel unsafe?", "multiple",
                                 "The park\nstation = The railway station\nThe river bank");
  g_assert_true (bb_question_editor_save (question));
  gtk_window_destroy (GTK_WINDOW (question));
  run_for (200);
  g_assert_cmpuint (bb_questionnaire_editor_get_n_questions (editor), ==, n + 1);

  /* the new question goes up one place */
  g_assert_true (bb_questionnaire_editor_move_question (editor, n, -1));
  {
    g_autoptr(GPtrArray) questions = NULL;
    g_autoptr(GPtrArray) answered = NULL;
    g_autoptr(BbSurvey) survey = bb_store_survey_get (store, bb_surveys_page_get_survey_id (page), NULL);
    g_autofree char *latest = bb_store_questionnaire_latest_version (store, survey->questionnaire_id);

    /* residents answered the questionnaire: the edits made a new version,
     * the round asked keeps its questions */
    g_assert_cmpstr (latest, !=, survey->questionnaire_id);
    answered = bb_store_question_list (store, survey->questionnaire_id, NULL);
    g_assert_cmpuint (answered->len, ==, n);
    questions = bb_store_question_list (store, latest, NULL);
    g_assert_cmpuint (questions->len, ==, n + 1);
    g_assert_cmpstr (((BbQuestion *) questions->pdata[n - 1])->code, ==, "block7/q1");
    g_assert_cmpstr (((BbQuestion *) questions->pdata[n - 1])->options, ==,
                     "[{\"value\":\"the_park\",\"label\":\"The park\"},{\"value\":\"station\",\"label\":\"The railway station\"},"
                     "{\"value\":\"the_river_bank\",\"label\":\"The river bank\"}]");
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  run_for (600);
  g_assert_true (run_until (page_idle, page, 30));
  g_assert_cmpuint (bb_survey_results_view_get_n_questions (bb_surveys_page_get_results_view (page)), ==, n);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_new_round (void)
{
  BbWindow *window = NULL;
  BbSurveysPage *page = open_page (&window, 1280, 800);
  BbSurveyEditor *editor = BB_SURVEY_EDITOR (bb_surveys_page_new_survey (page));
  GtkWidget *start;

  g_assert_nonnull (editor);
  run_for (200);
  start = find_widget_by_title (GTK_WIDGET (editor), "_First day (year-month-day)");
  g_assert_nonnull (start);
  gtk_editable_set_text (GTK_EDITABLE (start), "2026-02-30");
  g_assert_false (bb_survey_editor_save (editor));
  g_assert_nonnull (strstr (bb_survey_editor_get_error (editor), "year-month-day"));
  save_screenshot (GTK_WIDGET (editor), "surveys-new-round-error");
  gtk_editable_set_text (GTK_EDITABLE (start), "2026-11-01");
  gtk_editable_set_text (GTK_EDITABLE (find_widget_by_title (GTK_WIDGET (editor), "_Last day (year-month-day)")),
                         "2026-11-30");
  g_assert_true (bb_survey_editor_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  run_for (600);
  g_assert_true (run_until (page_idle, page, 30));
  g_assert_cmpuint (bb_surveys_page_get_n_surveys (page), ==, 3);
  /* the new round is shown: nobody has answered it yet */
  g_assert_cmpuint (bb_survey_results_view_get_n_respondents (bb_surveys_page_get_results_view (page)), ==, 0);
  save_screenshot (GTK_WIDGET (window), "surveys-new-round");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-surveys-XXXXXX");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);

  g_test_add_func ("/ui/surveys/results", test_results);
  g_test_add_func ("/ui/surveys/weighting", test_weighting);
  g_test_add_func ("/ui/surveys/paper-form", test_paper_form);
  g_test_add_func ("/ui/surveys/import", test_import);
  g_test_add_func ("/ui/surveys/questionnaire", test_questionnaire);
  g_test_add_func ("/ui/surveys/new-round", test_new_round);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
