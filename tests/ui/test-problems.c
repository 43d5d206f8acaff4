/* test-problems.c: the SARA board on a small demo station: columns, live counts and moving cards */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-problems"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-demo-station.h"
#include "bb-problems-view.h"
#include "bb-store-problems.h"
#include "bb-window.h"

#include "ui-test-util.h"

#define N_INCIDENTS 600

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;
static char *unstated_id;   /* a problem with no statement yet */

/* The problems of each stage as the store holds them. */
static void
store_stage_counts (guint counts[BB_SARA_N_STAGES])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, &error);

  g_assert_no_error (error);
  memset (counts, 0, sizeof (guint) * BB_SARA_N_STAGES);
  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);
      BbSaraStage stage;

      g_assert_true (bb_sara_stage_from_string (p->stage, &stage));
      counts[stage]++;
    }
}

static char *
store_stage_of (const char *problem_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = bb_store_problem_get (store, problem_id, &error);

  g_assert_no_error (error);
  return g_strdup (p->stage);
}

static guint
n_cards (BbProblemsView *view)
{
  guint n = 0;

  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    n += bb_problems_view_get_n_cards (view, s);
  return n;
}

static gboolean
board_filled (gpointer data)
{
  BbProblemsView *view = data;

  return n_cards (view) == (guint) bb_store_count (store, "problem", NULL);
}

static gboolean
all_counted (gpointer data)
{
  BbProblemsView *view = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, &error);

  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);
      BbProblemCard *card = bb_problems_view_find_card (view, p->id);

      if (card == NULL || bb_problem_card_get_incident_count (card) < 0)
        return FALSE;
    }
  return TRUE;
}

static BbProblemsView *
open_board (BbWindow **window_out,
            int        width,
            int        height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbProblemsView *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  /* A new window first looks for the last station; then it gets ours. */
  run_for (300);
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("problems"));
  view = BB_PROBLEMS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_PROBLEMS_VIEW));
  g_assert_nonnull (view);
  g_assert_true (run_until (board_filled, view, 30));
  g_assert_true (run_until (all_counted, view, 60));
  *window_out = window;
  return view;
}

/* The "Show Closed" button (not the district list's own button). */
static GtkWidget *
find_closed_toggle (GtkWidget *root)
{
  if (GTK_IS_TOGGLE_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), "Show _Closed") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_closed_toggle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_board (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, &error);
  guint expected[BB_SARA_N_STAGES];
  const char *closed_id = NULL;
  BbWindow *window;
  BbProblemsView *view = open_board (&window, 1280, 800);
  GtkWidget *status;

  /* A column per stage, as many cards as the store holds problems there;
   * the demo town has problems in every stage. */
  store_stage_counts (expected);
  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    {
      g_assert_cmpuint (expected[s], >, 0);
      g_assert_cmpuint (bb_problems_view_get_n_cards (view, s), ==, expected[s]);
    }

  /* The board, not the empty state. */
  status = GTK_WIDGET (bb_problems_view_get_status_page (view));
  g_assert_false (gtk_widget_get_mapped (status));

  /* Each card's count is the store's membership count. */
  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);
      BbProblemCard *card = bb_problems_view_find_card (view, p->id);
      gint64 n = bb_store_problem_count_incidents (store, p->id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (card);
      g_assert_cmpint (bb_problem_card_get_incident_count (card), ==, n);
      g_assert_cmpstr (bb_problem_card_get_title (card), ==, p->title);
      if (g_str_equal (p->stage, "closed"))
        closed_id = p->id;
    }
  g_assert_nonnull (closed_id);
  run_for (800);
  save_screenshot (GTK_WIDGET (window), "problems-board");

  /* Search narrows the board; clearing it brings every card back. */
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "zzz no such problem");
    run_for (400);
    g_assert_cmpuint (n_cards (view), ==, 0);
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    run_for (400);
    g_assert_true (board_filled (view));
  }

  /* The smallest screen, with the Closed column open. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  {
    GtkWidget *toggle = find_closed_toggle (GTK_WIDGET (view));

    g_assert_nonnull (toggle);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  }
  run_for (800);
  /* Every column fits: the Closed column is on screen, not scrolled away. */
  {
    GtkWidget *column = GTK_WIDGET (bb_problems_view_find_card (view, closed_id));
    graphene_point_t p;

    g_assert_nonnull (column);
    g_assert_true (gtk_widget_compute_point (column, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &p));
    g_assert_cmpfloat (p.x + gtk_widget_get_width (column), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  }
  save_screenshot (GTK_WIDGET (window), "problems-board-1024x600");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  BbProblemsView *view;
  const char     *problem_id;
  BbSaraStage     stage;
} CardWait;

/* Runs what the widget's own shortcut for the key does, as a key press
 * on the focused widget would. */
static gboolean
activate_key (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static gboolean
card_in_stage (gpointer data)
{
  CardWait *w = data;
  BbProblemCard *card = bb_problems_view_find_card (w->view, w->problem_id);

  return card != NULL && bb_problem_card_get_stage (card) == w->stage;
}

static void
test_move (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, &error);
  const char *problem_id = NULL;
  guint before_scanning, before_analysis;
  BbWindow *window;
  BbProblemsView *view = open_board (&window, 1280, 800);
  BbProblemCard *card;
  CardWait wait;
  g_autofree char *stage = NULL;

  /* A problem in Scanning that has its statement may go on to Analysis. */
  for (guint i = 0; i < problems->len && problem_id == NULL; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->stage, "scanning") && p->statement != NULL && p->statement[0] != '\0')
        problem_id = p->id;
    }
  g_assert_nonnull (problem_id);

  before_scanning = bb_problems_view_get_n_cards (view, BB_SARA_SCANNING);
  before_analysis = bb_problems_view_get_n_cards (view, BB_SARA_ANALYSIS);
  card = bb_problems_view_find_card (view, problem_id);
  gtk_widget_grab_focus (GTK_WIDGET (card));
  /* Ctrl+Right on the focused card. */
  g_assert_true (activate_key (GTK_WIDGET (card), GDK_KEY_Right, GDK_CONTROL_MASK));

  wait = (CardWait) { view, problem_id, BB_SARA_ANALYSIS };
  g_assert_true (run_until (card_in_stage, &wait, 20));
  stage = store_stage_of (problem_id);
  g_assert_cmpstr (stage, ==, "analysis");
  g_assert_cmpuint (bb_problems_view_get_n_cards (view, BB_SARA_SCANNING), ==, before_scanning - 1);
  g_assert_cmpuint (bb_problems_view_get_n_cards (view, BB_SARA_ANALYSIS), ==, before_analysis + 1);
  /* The moved card keeps the keyboard focus, so that it can move on. */
  card = bb_problems_view_find_card (view, problem_id);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (card)));

  /* Back again with the card's menu action: going back is always allowed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-previous", NULL));
  wait.stage = BB_SARA_SCANNING;
  g_assert_true (run_until (card_in_stage, &wait, 20));
  g_free (stage);
  stage = store_stage_of (problem_id);
  g_assert_cmpstr (stage, ==, "scanning");
  g_assert_null (bb_problems_view_get_last_message (view));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_message (gpointer data)
{
  return bb_problems_view_get_last_message (data) != NULL;
}

static void
test_refused_move (void)
{
  BbWindow *window;
  BbProblemsView *view = open_board (&window, 1280, 800);
  BbProblemCard *card = bb_problems_view_find_card (view, unstated_id);
  g_autofree char *stage = NULL;
  const char *message;

  g_assert_nonnull (card);
  g_assert_cmpint (bb_problem_card_get_stage (card), ==, BB_SARA_SCANNING);
  gtk_widget_grab_focus (GTK_WIDGET (card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.move-next", NULL));
  g_assert_true (run_until (has_message, view, 20));

  /* The reason, in words; the problem stays where it was. */
  message = bb_problems_view_get_last_message (view);
  g_assert_nonnull (strstr (message, "statement"));
  stage = store_stage_of (unstated_id);
  g_assert_cmpstr (stage, ==, "scanning");
  run_for (300);
  card = bb_problems_view_find_card (view, unstated_id);
  g_assert_cmpint (bb_problem_card_get_stage (card), ==, BB_SARA_SCANNING);
  save_screenshot (GTK_WIDGET (window), "problems-refused");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_problem_list (store, &error);
  BbProblem *in_response = NULL;
  BbWindow *window;
  BbProblemsView *view;
  BbProblemCard *card;

  /* A response whose period ended ten days ago asks to be assessed. */
  for (guint i = 0; i < problems->len && in_response == NULL; i++)
    if (g_str_equal (((BbProblem *) g_ptr_array_index (problems, i))->stage, "response"))
      in_response = g_ptr_array_index (problems, i);
  g_assert_nonnull (in_response);
  in_response->response_start = g_get_real_time () / G_USEC_PER_SEC - 100 * 86400;
  in_response->response_end = g_get_real_time () / G_USEC_PER_SEC - 10 * 86400;
  g_assert_true (bb_store_problem_update (store, in_response, &error));
  g_assert_no_error (error);

  view = open_board (&window, 1280, 800);
  card = bb_problems_view_find_card (view, in_response->id);
  g_assert_nonnull (card);
  g_assert_nonnull (bb_problem_card_get_warning (card));
  g_assert_nonnull (strstr (bb_problem_card_get_warning (card), "response period ended"));
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "problems-warning");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) unstated = bb_problem_new ();
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-problems-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", N_INCIDENTS);

  /* A concern just written down: no statement yet. */
  unstated->title = g_strdup ("Broken street lights on Mill Lane");
  g_assert_true (bb_store_problem_insert (store, unstated, &error));
  g_assert_no_error (error);
  unstated_id = g_strdup (unstated->id);

  g_test_add_func ("/ui/problems/board", test_board);
  g_test_add_func ("/ui/problems/move", test_move);
  g_test_add_func ("/ui/problems/refused-move", test_refused_move);
  g_test_add_func ("/ui/problems/warning", test_warning);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  g_free (unstated_id);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
