/* test-directory.c: the Directory on a small demo station: lists, search, a district's page, editors */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-directory"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-directory-editor.h"
#include "bb-directory-page.h"
#include "bb-district-page.h"
#include "bb-window.h"
#include "ui-test-util.h"

#define N_INCIDENTS 600

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;

static gboolean
page_idle (gpointer data)
{
  return !bb_directory_page_is_loading (data);
}

static gboolean
district_idle (gpointer data)
{
  return !bb_directory_page_district_is_loading (data);
}

static BbDirectoryPage *
open_page (BbWindow **window_out,
           int        width,
           int        height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbDirectoryPage *page;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("directory"));
  page = BB_DIRECTORY_PAGE (find_widget (GTK_WIDGET (window), BB_TYPE_DIRECTORY_PAGE));
  g_assert_nonnull (page);
  run_for (300);
  g_assert_true (run_until (page_idle, page, 30));
  run_for (700);
  *window_out = window;
  return page;
}

static GtkWidget *
message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        return w;
    }
  return NULL;
}

static void
test_lists_and_search (void)
{
  BbWindow *window = NULL;
  BbDirectoryPage *page = open_page (&window, 1280, 800);
  gint64 partners = bb_store_count (store, "partner", NULL);
  gboolean personal = TRUE;

  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_DISTRICTS), ==, 12);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_OFFICERS), ==,
                    (guint) bb_store_count (store, "officer", NULL));
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), ==, (guint) partners);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_MEMBERS), ==,
                    (guint) bb_store_count (store, "advisory_member", NULL));
  g_assert_nonnull (bb_directory_page_get_shown_title (page, BB_DIRECTORY_DISTRICTS, 0, &personal));
  g_assert_false (personal);
  save_screenshot (GTK_WIDGET (window), "directory-districts");
  bb_directory_page_show_list (page, BB_DIRECTORY_MEMBERS);
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "directory-members");

  /* search goes through every list, by name, kind, phone and more */
  bb_directory_page_set_search (page, "school");
  run_for (200);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_DISTRICTS), ==, 0);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), >, 0);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), <, (guint) partners);
  save_screenshot (GTK_WIDGET (window), "directory-search");
  bb_directory_page_set_search (page, "zzzz nothing like it");
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), ==, 0);
  bb_directory_page_set_search (page, NULL);
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), ==, (guint) partners);

  /* a partner who works on a problem: the editor says which */
  {
    g_autoptr(GPtrArray) problems = bb_store_problem_list (store, NULL);
    g_autoptr(BbPartner) partner = NULL;
    GtkWindow *editor;
    GtkWidget *work;

    for (guint i = 0; i < problems->len && partner == NULL; i++)
      {
        g_auto(GStrv) ids = bb_store_problem_dup_partners (store, ((BbProblem *) problems->pdata[i])->id, NULL);

        if (ids != NULL && ids[0] != NULL)
          partner = bb_store_partner_get (store, ids[0], NULL);
      }
    g_assert_nonnull (partner);
    bb_directory_page_set_search (page, partner->name);
    g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), >=, 1);
    editor = bb_directory_page_open (page, BB_DIRECTORY_PARTNERS, 0);
    g_assert_nonnull (editor);
    work = find_widget_by_title (GTK_WIDGET (editor), "Problem") == NULL ? NULL : GTK_WIDGET (editor);
    (void) work;
    run_for (300);
    save_screenshot (GTK_WIDGET (editor), "directory-partner-editor");
    gtk_window_destroy (editor);
    bb_directory_page_set_search (page, NULL);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  bb_directory_page_show_list (page, BB_DIRECTORY_PARTNERS);
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "directory-partners-1024x600");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_district_page (void)
{
  BbWindow *window = NULL;
  BbDirectoryPage *page = open_page (&window, 1280, 800);
  g_auto(GStrv) titles = NULL;
  GtkWidget *district_page;

  g_assert_null (bb_directory_page_open (page, BB_DIRECTORY_DISTRICTS, 0));
  g_assert_nonnull (bb_directory_page_get_district_shown (page));
  run_for (100);
  g_assert_true (run_until (district_idle, page, 30));
  district_page = find_widget (GTK_WIDGET (page), BB_TYPE_DISTRICT_PAGE);
  titles = bb_district_page_dup_group_titles (BB_DISTRICT_PAGE (district_page));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Neighbourhood Officer"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Advisory Group"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Partners"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Open Problems"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Incidents"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "Next Meetings"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "What Residents Say"));
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "directory-district-page");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "directory-district-page-1024x600");

  gtk_widget_activate_action (GTK_WIDGET (page), "directory.back", NULL);
  g_assert_null (bb_directory_page_get_district_shown (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editors (void)
{
  BbWindow *window = NULL;
  BbDirectoryPage *page = open_page (&window, 1280, 800);
  BbDirectoryEditor *editor;
  gint64 partners = bb_store_count (store, "partner", NULL);
  gint64 members = bb_store_count (store, "advisory_member", NULL);
  gint64 areas = bb_store_count (store, "officer_area", NULL);
  GtkWidget *dialog;

  /* a resident who joins the advisory group: personal data */
  editor = BB_DIRECTORY_EDITOR (bb_directory_page_add (page, BB_DIRECTORY_PARTNERS));
  g_assert_true (bb_directory_editor_save (editor) == FALSE);
  g_assert_cmpstr (bb_directory_editor_get_error (editor), ==, "A name is needed.");
  g_assert_true (bb_directory_editor_set_text (editor, "_Name", "Drita Hoxha"));
  g_assert_true (bb_directory_editor_set_choice (editor, "_Kind", 9));   /* resident */
  gtk_switch_set_active (GTK_SWITCH (find_widget (GTK_WIDGET (editor), GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (bb_directory_editor_set_text (editor, "_E-mail", "drita.hoxha at mail"));
  g_assert_false (bb_directory_editor_save (editor));
  g_assert_nonnull (strstr (bb_directory_editor_get_error (editor), "name@example.org"));
  run_for (200);
  save_screenshot (GTK_WIDGET (editor), "directory-partner-editor-error");
  g_assert_true (bb_directory_editor_set_text (editor, "_E-mail", "drita.hoxha@example.org"));
  g_assert_true (bb_directory_editor_set_text (editor, "_Phone", "+355 69 000 0000"));
  g_assert_true (bb_directory_editor_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_cmpint (bb_store_count (store, "partner", NULL), ==, partners + 1);

  /* she joins the first district's group; twice is refused */
  for (int round = 0; round < 2; round++)
    {
      guint n_partners = (guint) partners + 1;
      g_autoptr(GPtrArray) list = bb_store_partner_list (store, NULL);
      guint index = 0;

      for (guint i = 0; i < list->len; i++)
        if (g_str_equal (((BbPartner *) list->pdata[i])->name, "Drita Hoxha"))
          index = i;
      g_assert_cmpuint (list->len, ==, n_partners);
      editor = BB_DIRECTORY_EDITOR (bb_directory_page_add (page, BB_DIRECTORY_MEMBERS));
      g_assert_true (bb_directory_editor_set_choice (editor, "_Member (a partner)", index));
      g_assert_true (bb_directory_editor_set_text (editor, "_Since (year-month-day)", "2026-09-01"));
      if (round == 0)
        {
          g_assert_true (bb_directory_editor_save (editor));
          gtk_window_destroy (GTK_WINDOW (editor));
        }
      else
        {
          g_assert_false (bb_directory_editor_save (editor));
          g_test_message ("%s", bb_directory_editor_get_error (editor));
          g_assert_nonnull (strstr (bb_directory_editor_get_error (editor), "already sits"));
          gtk_window_destroy (GTK_WINDOW (editor));
        }
    }
  g_assert_cmpint (bb_store_count (store, "advisory_member", NULL), ==, members + 1);

  /* an officer takes on a second district and a target group */
  editor = BB_DIRECTORY_EDITOR (bb_directory_page_open (page, BB_DIRECTORY_OFFICERS, 0));
  g_assert_nonnull (editor);
  g_assert_true (bb_directory_editor_set_text (editor, "Also takes on _districts (names or codes, commas)", "No Such Place"));
  g_assert_false (bb_directory_editor_save (editor));
  g_assert_nonnull (strstr (bb_directory_editor_get_error (editor), "no district “No Such Place”"));
  {
    g_autoptr(GPtrArray) districts = bb_store_district_list (store, NULL);

    g_assert_true (bb_directory_editor_set_text (editor, "Also takes on _districts (names or codes, commas)",
                                                 ((BbDistrict *) districts->pdata[3])->name));
  }
  g_assert_true (bb_directory_editor_set_text (editor, "Also takes on _target groups (commas)", "market traders, taxi drivers"));
  run_for (200);
  save_screenshot (GTK_WIDGET (editor), "directory-officer-editor");
  g_assert_true (bb_directory_editor_save (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_cmpint (bb_store_count (store, "officer_area", NULL), ==, areas + 3);

  /* and the resident leaves the directory again */
  run_for (400);
  g_assert_true (run_until (page_idle, page, 30));
  bb_directory_page_set_search (page, "Drita Hoxha");
  g_assert_cmpuint (bb_directory_page_get_n_shown (page, BB_DIRECTORY_PARTNERS), ==, 1);
  {
    gboolean personal = FALSE;

    bb_directory_page_get_shown_title (page, BB_DIRECTORY_PARTNERS, 0, &personal);
    g_assert_true (personal);
  }
  bb_directory_page_show_list (page, BB_DIRECTORY_PARTNERS);
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "directory-personal-data");
  editor = BB_DIRECTORY_EDITOR (bb_directory_page_open (page, BB_DIRECTORY_PARTNERS, 0));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  run_for (200);
  dialog = message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_close (GTK_WINDOW (dialog));
  run_for (400);
  g_assert_cmpint (bb_store_count (store, "partner", NULL), ==, partners);
  g_assert_cmpint (bb_store_count (store, "advisory_member", NULL), ==, members);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-directory-XXXXXX");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);

  g_test_add_func ("/ui/directory/lists-and-search", test_lists_and_search);
  g_test_add_func ("/ui/directory/district-page", test_district_page);
  g_test_add_func ("/ui/directory/editors", test_editors);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
