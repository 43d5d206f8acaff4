/* problem-page-fixture.h: a small demo station and a window on its Problems view, for the problem page's tests */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-problems-view.h"
#include "bb-window.h"

#include "ui-test-util.h"

#define N_INCIDENTS 600

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;

static gboolean
board_filled (gpointer data)
{
  BbProblemsView *view = data;
  guint n = 0;

  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    n += bb_problems_view_get_n_cards (view, s);
  return n == (guint) bb_store_count (store, "problem", NULL);
}

static BbProblemsView *
open_view (BbWindow **window_out,
           int        width,
           int        height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbProblemsView *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("problems"));
  view = BB_PROBLEMS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_PROBLEMS_VIEW));
  g_assert_nonnull (view);
  g_assert_true (run_until (board_filled, view, 30));
  *window_out = window;
  return view;
}

static gboolean
page_loaded (gpointer data)
{
  return bb_problem_page_is_loaded (data);
}

static GtkWidget *
child (BbProblemPage *page,
       const char    *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (page), BB_TYPE_PROBLEM_PAGE, name);

  g_assert_nonnull (widget);
  return GTK_WIDGET (widget);
}

/* The demo station with N_INCIDENTS incidents, in a folder of its own
 * that is the test's XDG home. */
static void
problem_page_fixture_setup (int    *argc,
                            char ***argv,
                            const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);

  tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  for (const char * const *var = (const char * const[]) { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", NULL };
       *var != NULL; var++)
    {
      g_autofree char *dir = g_build_filename (tmp_dir, *var, NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (*var, dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);
}

static void
problem_page_fixture_teardown (void)
{
  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
}
