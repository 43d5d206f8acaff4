/* test-reports.c: the Reports view on the demo station: gallery, form, live preview, what was withheld, text that did not fit, print */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reports"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-document-output.h"
#include "bb-reports-view.h"
#include "bb-window.h"
#include "ui-test-util.h"

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;
static char *demo_plan_id;      /* the demo's plan */
static char *newer_plan_id;     /* written after it */

static void
wait_idle (BbReportsView *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* The form's choices, the rebuild's delay, the preview thread. */
  run_for (50);
  while (bb_reports_view_is_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bb_reports_view_is_busy (view));
  run_for (150);
}

static BbReportsView *
open_reports (int width,
              int height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbReportsView *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("reports"));
  run_for (300);
  view = BB_REPORTS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_REPORTS_VIEW));
  g_assert_nonnull (view);
  wait_idle (view);
  return view;
}

static char *
spawn_text (const char *tool,
            const char *path)
{
  const char *argv[] = { tool, "-enc", "UTF-8", path, "-", NULL };
  const char *info_argv[] = { tool, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) (g_str_equal (tool, "pdfinfo") ? info_argv : argv), NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  return out;
}

static void
print_done_cb (GtkWidget  *widget,
               const char *message,
               gboolean    failed,
               gpointer    user_data)
{
  int *state = user_data;

  g_test_message ("print: %s", message != NULL ? message : "(cancelled)");
  *state = failed ? 2 : 1;
}

/* The briefing opens first: preview, what was withheld, nothing cut. */
static void
test_briefing_preview (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  BbPrintDocument *doc = bb_reports_view_get_document (view);
  const char *withheld = bb_reports_view_get_withheld (view);

  g_assert_nonnull (doc);
  g_assert_cmpstr (bb_print_document_get_title (doc), ==, "Quarterly press briefing");
  g_assert_cmpuint (bb_print_document_get_n_pages (doc), >=, 2);
  g_assert_nonnull (withheld);
  g_assert_nonnull (strstr (withheld, "restricted incident"));
  g_assert_null (bb_reports_view_get_warnings (view));
  save_screenshot (window, "briefing");

  /* The next page is drawn from the same document, not built again. */
  gtk_widget_activate_action (GTK_WIDGET (view), "reports.next-page", NULL);
  wait_idle (view);
  g_assert_true (bb_reports_view_get_document (view) == doc);
  save_screenshot (window, "briefing-page-2");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Key messages too long for their room are reported in the view. */
static void
test_overflow_reported (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  GString *text = g_string_new (NULL);
  const char *warnings;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "Residents and the station agreed on what to do about the dark tunnel by the river. ");
  bb_reports_form_set_key_messages (bb_reports_view_get_form (view), text->str);
  g_string_free (text, TRUE);
  wait_idle (view);
  warnings = bb_reports_view_get_warnings (view);
  g_assert_nonnull (warnings);
  g_assert_nonnull (strstr (warnings, "Key messages"));
  g_assert_nonnull (strstr (warnings, "does not fit"));
  save_screenshot (window, "overflow");

  /* Shorter words, and the warning goes. */
  bb_reports_form_set_key_messages (bb_reports_view_get_form (view), "Burglaries fell after the new street lights.");
  wait_idle (view);
  g_assert_null (bb_reports_view_get_warnings (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Printing runs the same drawing as the PDF export: same pages, same words. */
static void
test_print_is_the_same_drawing (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  BbPrintDocument *doc = bb_reports_view_get_document (view);
  g_autofree char *printed = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (tmp_dir, "exported.pdf", NULL);
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autofree char *info = NULL;
  const char *pages;
  g_autoptr(GError) error = NULL;
  int state = 0;

  g_assert_nonnull (doc);
  bb_document_print (GTK_WIDGET (view), doc, printed, print_done_cb, &state);
  while (state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 1);
  g_assert_true (bb_print_document_write_pdf (doc, exported, NULL, &error));
  g_assert_no_error (error);

  info = spawn_text ("pdfinfo", printed);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpuint (g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "), NULL, 10),
                    ==, bb_print_document_get_n_pages (doc));
  printed_text = spawn_text ("pdftotext", printed);
  exported_text = spawn_text ("pdftotext", exported);
  g_assert_nonnull (strstr (printed_text, "Quarterly press briefing"));
  g_assert_nonnull (strstr (printed_text, "All incidents"));
  g_assert_nonnull (strstr (exported_text, "All incidents"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every document of the gallery builds from the form's defaults. */
static void
test_gallery (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);

  for (guint i = 0; i < n; i++)
    {
      BbPrintDocument *doc;

      bb_reports_view_select (view, kinds[i].id);
      wait_idle (view);
      doc = bb_reports_view_get_document (view);
      if (doc == NULL)
        g_error ("%s was not built", kinds[i].id);
      g_assert_null (bb_reports_view_get_warnings (view));
      if (g_str_equal (kinds[i].id, "district-profile") || g_str_equal (kinds[i].id, "agenda") ||
          g_str_equal (kinds[i].id, "minutes") || g_str_equal (kinds[i].id, "events") ||
          g_str_equal (kinds[i].id, "officer-poster"))
        save_screenshot (window, kinds[i].id);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A document's settings saved in the station, and opened again. */
static void
test_saved_documents (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);
  g_autoptr(GPtrArray) documents = NULL;
  BbDistrict *district = g_ptr_array_index (districts, 2);
  BbReportRequest request, shown;
  BbDocument *saved;
  g_autofree char *title = NULL;

  bb_reports_view_select (view, "district-profile");
  wait_idle (view);
  bb_report_request_init (&request);
  request.language = g_strdup ("ru");
  request.district_id = g_strdup (district->id);
  request.year = 2026;
  request.quarter = 2;
  bb_reports_form_set_request (bb_reports_view_get_form (view), &request);
  wait_idle (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "reports.save", NULL);
  run_for (500);
  wait_idle (view);

  documents = bb_store_document_list (store, NULL);
  g_assert_cmpuint (documents->len, ==, 1);
  saved = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (saved->template, ==, "district-profile");
  g_assert_cmpstr (saved->title, ==, "District Profile, 2026-Q2");
  g_assert_cmpstr (saved->language, ==, "ru");
  g_assert_nonnull (strstr (saved->content, district->id));
  save_screenshot (window, "saved");

  /* Another document, then the saved one again. */
  bb_reports_view_select (view, "briefing");
  wait_idle (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "reports.open-saved", "s", saved->id);
  wait_idle (view);
  bb_reports_form_get_request (bb_reports_view_get_form (view), &shown);
  g_assert_cmpstr (shown.district_id, ==, district->id);
  g_assert_cmpstr (shown.language, ==, "ru");
  g_assert_cmpint (shown.quarter, ==, 2);
  title = g_strdup_printf ("District profile: %s", district->name);
  g_assert_cmpstr (bb_print_document_get_title (bb_reports_view_get_document (view)), ==, title);
  bb_report_request_clear (&shown);
  bb_report_request_clear (&request);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The safety plan: the newest by default, another chosen in the form's
 * Plan row; the preview is the chosen plan, and so is its PDF. */
static void
test_safety_plan (void)
{
  BbReportsView *view = open_reports (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  g_autoptr(BbPlan) demo = bb_store_plan_get (store, demo_plan_id, NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  BbReportRequest request, shown;
  BbPrintDocument *doc;

  g_assert_nonnull (demo);
  bb_reports_view_select (view, "safety-plan");
  wait_idle (view);
  doc = bb_reports_view_get_document (view);
  g_assert_nonnull (doc);
  g_assert_cmpstr (bb_print_document_get_title (doc), ==, "Night buses and safe stops");
  bb_reports_form_get_request (bb_reports_view_get_form (view), &shown);
  g_assert_cmpstr (shown.plan_id, ==, newer_plan_id);
  bb_report_request_clear (&shown);

  /* The demo's plan, chosen as a user does in the Plan row. */
  bb_report_request_init (&request);
  request.language = g_strdup ("en");
  request.plan_id = g_strdup (demo_plan_id);
  bb_reports_form_set_request (bb_reports_view_get_form (view), &request);
  bb_report_request_clear (&request);
  wait_idle (view);
  bb_reports_form_get_request (bb_reports_view_get_form (view), &shown);
  g_assert_cmpstr (shown.plan_id, ==, demo_plan_id);
  bb_report_request_clear (&shown);
  doc = bb_reports_view_get_document (view);
  g_assert_cmpstr (bb_print_document_get_title (doc), ==, demo->title);
  g_assert_nonnull (strstr (bb_reports_view_get_withheld (view), "no incidents, addresses"));
  g_assert_true (bb_print_document_write_pdf (doc, pdf, NULL, &error));
  g_assert_no_error (error);
  text = spawn_text ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Our shared concern"));
  g_assert_null (strstr (text, "Night buses"));
  save_screenshot (window, "safety-plan");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_small_screen (void)
{
  BbReportsView *view = open_reports (1024, 600);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));

  save_screenshot (window, "1024x600");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-reports-ui-XXXXXX");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  ui_test_screenshot_prefix = "reports-";
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Reports Town.beatbook", 3000);
  {
    g_autoptr(GPtrArray) plans = bb_store_plan_list (store, &error);
    g_autoptr(BbPlan) plan = bb_plan_new ();

    g_assert_no_error (error);
    g_assert_cmpuint (plans->len, ==, 1);
    demo_plan_id = g_strdup (((BbPlan *) g_ptr_array_index (plans, 0))->id);
    plan->title = g_strdup ("Night buses and safe stops");
    plan->statement = g_strdup ("Everyone gets home safely from the last bus.");
    g_assert_true (bb_store_plan_insert (store, plan, &error));
    g_assert_no_error (error);
    newer_plan_id = g_strdup (plan->id);
  }

  g_test_add_func ("/ui/reports/briefing-preview", test_briefing_preview);
  g_test_add_func ("/ui/reports/overflow-reported", test_overflow_reported);
  g_test_add_func ("/ui/reports/print-is-the-same-drawing", test_print_is_the_same_drawing);
  g_test_add_func ("/ui/reports/gallery", test_gallery);
  g_test_add_func ("/ui/reports/saved-documents", test_saved_documents);
  g_test_add_func ("/ui/reports/safety-plan", test_safety_plan);
  g_test_add_func ("/ui/reports/small-screen", test_small_screen);
  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_plan_id);
  g_free (newer_plan_id);
  return result;
}
