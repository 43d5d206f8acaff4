/* test-calendar.c: the Calendar view on the demo station: month, week and agenda, navigation, the event editor */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-calendar"

#include "config.h"

#include <string.h>

#include <math.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-agenda-view.h"
#include "bb-application.h"
#include "bb-calendar-view.h"
#include "bb-demo-station.h"
#include "bb-event-editor.h"
#include "bb-store-calendar.h"
#include "bb-window.h"
#include "bb-problems-view.h"
#include "bb-problem-page.h"
#include "bb-store-problems.h"
#include "ui-test-util.h"

static BbApplication *app;
static BbStore *store;
static char *tmp_dir;

static void
wait_loaded (BbCalendarView *view)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (bb_calendar_view_is_loading (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bb_calendar_view_is_loading (view));
  run_for (200);
}

static BbCalendarView *
open_calendar (int width,
               int height)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  BbCalendarView *view;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  bb_window_set_store (window, store);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("calendar"));
  run_for (400);
  view = BB_CALENDAR_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_CALENDAR_VIEW));
  g_assert_nonnull (view);
  wait_loaded (view);
  return view;
}

static const BbCalendarItem *
first_of_kind (GPtrArray  *items,
               const char *kind,
               gboolean    own_row)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      if (item->kind == BB_CALENDAR_ITEM_EVENT && g_strcmp0 (item->event_kind, kind) == 0
          && (!own_row || (item->series_id != NULL && g_strcmp0 (item->id, item->series_id) != 0)))
        return item;
    }
  return NULL;
}

static void
test_views (void)
{
  BbCalendarView *view = open_calendar (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  GPtrArray *items;
  const BbCalendarItem *meeting;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Tirane");
  gint64 april_start, may_start;
  BbAgendaView *agenda;

  /* The month of March 2026 holds the district advisory groups' meetings. */
  bb_calendar_view_set_mode (view, "month");
  bb_calendar_view_go_to (view, 2026, 3, 10);
  wait_loaded (view);
  items = bb_calendar_view_get_items (view);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, >=, 5);
  meeting = first_of_kind (items, "advisory_meeting", FALSE);
  g_assert_nonnull (meeting);
  save_screenshot (window, "month");

  /* The week of a meeting. */
  day = g_date_time_new_from_unix_local (meeting->start);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (day, tz);

    bb_calendar_view_go_to (view, g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local));
  }
  bb_calendar_view_set_mode (view, "week");
  wait_loaded (view);
  g_assert_nonnull (first_of_kind (bb_calendar_view_get_items (view), "advisory_meeting", FALSE));
  save_screenshot (window, "week");

  /* Next (Page Down) goes a month on in the agenda. */
  bb_calendar_view_set_mode (view, "agenda");
  bb_calendar_view_go_to (view, 2026, 3, 1);
  wait_loaded (view);
  gtk_widget_activate_action (GTK_WIDGET (view), "calendar.next", NULL);
  wait_loaded (view);
  {
    g_autoptr(GDateTime) april = g_date_time_new (tz, 2026, 4, 1, 0, 0, 0);
    g_autoptr(GDateTime) may = g_date_time_new (tz, 2026, 5, 1, 0, 0, 0);

    april_start = g_date_time_to_unix (april);
    may_start = g_date_time_to_unix (may);
  }
  items = bb_calendar_view_get_items (view);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (item->end, >, april_start);
      g_assert_cmpint (item->start, <, may_start);
    }
  agenda = BB_AGENDA_VIEW (find_widget (GTK_WIDGET (view), BB_TYPE_AGENDA_VIEW));
  g_assert_cmpuint (bb_agenda_view_get_n_items (agenda), ==, items->len);
  save_screenshot (window, "agenda");

  /* Deadlines are ticked off from the agenda. */
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      if (item->kind == BB_CALENDAR_ITEM_TASK && !item->done)
        {
          g_autofree char *id = g_strdup (item->id);
          g_autoptr(BbTask) task = NULL;

          bb_agenda_view_toggle_done (agenda, i);
          wait_loaded (view);
          task = bb_store_task_get (store, id, NULL);
          g_assert_true (task->done);
          break;
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
picker_loaded (gpointer data)
{
  return bb_place_picker_is_loaded (data);
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 1;
}

static void
test_editor (void)
{
  BbCalendarView *view = open_calendar (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  const BbCalendarItem *meeting = NULL;
  gint64 meeting_start, meeting_end;
  GtkWidget *editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) typed = NULL;

  /* A meeting that took place, after an earlier one of the same group. */
  bb_calendar_view_set_mode (view, "agenda");
  for (int month = 6; month <= 9 && meeting == NULL; month++)
    {
      bb_calendar_view_go_to (view, 2026, month, 1);
      wait_loaded (view);
      meeting = first_of_kind (bb_calendar_view_get_items (view), "advisory_meeting", TRUE);
    }
  g_assert_nonnull (meeting);
  /* The view's items go when it reloads (a concern made a problem below). */
  meeting_start = meeting->start;
  meeting_end = meeting->end;
  editor = bb_calendar_view_open_editor (view, meeting);
  run_for (500);
  g_assert_cmpuint (bb_event_editor_get_n_report_back (BB_EVENT_EDITOR (editor)), >, 0);
  save_screenshot (editor, "editor");
  /* All of it, to see the report back and the concerns. */
  gtk_window_set_default_size (GTK_WINDOW (editor), 640, 2000);
  run_for (400);
  save_screenshot (editor, "editor-all");

  /* A concern raised at the meeting made a problem: the toast's Open shows
   * the problem's page in the window the editor belongs to. */
  {
    const char *text = "Cars parked on the school crossing every morning";
    GtkWidget *entry = find_widget_by_title (editor, "Ne_w concern");
    GtkWidget *row, *button, *open;
    BbProblemsView *problems;
    BbProblemPage *page;
    g_autoptr(GPtrArray) all = NULL;
    const char *problem_id = NULL;

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
    g_signal_emit_by_name (entry, "apply");
    run_for (300);
    row = find_widget_by_title (editor, text);
    g_assert_nonnull (row);
    button = find_labelled (row, GTK_TYPE_BUTTON, "Problem");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    run_for (100);
    open = find_labelled (editor, GTK_TYPE_BUTTON, "Open");
    g_assert_nonnull (open);
    save_screenshot (editor, "editor-concern-problem");
    g_signal_emit_by_name (open, "clicked");
    run_for (600);

    all = bb_store_problem_list (store, NULL);
    for (guint i = 0; i < all->len; i++)
      {
        const BbProblem *p = g_ptr_array_index (all, i);

        if (p->statement != NULL && strstr (p->statement, text) != NULL)
          problem_id = p->id;
      }
    g_assert_nonnull (problem_id);
    problems = BB_PROBLEMS_VIEW (find_widget (window, BB_TYPE_PROBLEMS_VIEW));
    g_assert_nonnull (problems);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (problems)));
    page = bb_problems_view_get_problem_page (problems);
    g_assert_nonnull (page);
    g_assert_cmpstr (bb_problem_page_get_problem_id (page), ==, problem_id);
    save_screenshot (window, "concern-problem-opened");
    g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("calendar"));
    run_for (300);
  }

  typed = bb_event_editor_dup_event (BB_EVENT_EDITOR (editor), &error);
  g_assert_no_error (error);
  g_assert_cmpint (typed->start_at, ==, meeting_start);
  g_assert_cmpint (typed->end_at, ==, meeting_end);
  bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "end", "nonsense");
  g_clear_pointer (&typed, bb_event_free);
  typed = bb_event_editor_dup_event (BB_EVENT_EDITOR (editor), &error);
  g_assert_null (typed);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A new event. */
  editor = bb_calendar_view_open_editor (view, NULL);
  run_for (300);
  save_screenshot (editor, "editor-new");

  /* Its position picked on the map; the district follows from it. */
  {
    BbPlacePicker *picker = bb_event_editor_get_place_picker (BB_EVENT_EDITOR (editor));
    AdwExpanderRow *row = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (picker), ADW_TYPE_EXPANDER_ROW));
    double lat, lon;

    bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "title", "Street safety walk");
    bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "date", "2026-10-13");
    bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "start", "18:00");
    bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "end", "19:30");
    g_clear_pointer (&typed, bb_event_free);
    typed = bb_event_editor_dup_event (BB_EVENT_EDITOR (editor), &error);
    g_assert_no_error (error);
    g_assert_true (isnan (typed->lat) && isnan (typed->lon));
    g_assert_null (typed->district_id);

    adw_expander_row_set_enable_expansion (row, TRUE);
    adw_expander_row_set_expanded (row, TRUE);
    g_assert_true (run_until (picker_loaded, picker, 20));
    g_assert_true (run_until (allocated, picker, 20));
    run_for (500);
    bb_place_picker_pick_at (picker, gtk_widget_get_width (GTK_WIDGET (picker)) / 2.0,
                             gtk_widget_get_height (GTK_WIDGET (picker)) / 2.0);
    bb_place_picker_get_position (picker, &lat, &lon);
    g_assert_false (isnan (lat));
    run_for (600);
    save_screenshot (editor, "editor-position");
    g_clear_pointer (&typed, bb_event_free);
    typed = bb_event_editor_dup_event (BB_EVENT_EDITOR (editor), &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (typed->lat, lat, 1e-9);
    g_assert_cmpfloat_with_epsilon (typed->lon, lon, 1e-9);
    /* The middle of the station's map lies in one of its districts. */
    g_assert_nonnull (typed->district_id);

    /* Switched off, the event is not on the map. */
    adw_expander_row_set_enable_expansion (row, FALSE);
    g_clear_pointer (&typed, bb_event_free);
    typed = bb_event_editor_dup_event (BB_EVENT_EDITOR (editor), &error);
    g_assert_no_error (error);
    g_assert_true (isnan (typed->lat) && isnan (typed->lon));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  run_for (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
no_event_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (BB_IS_EVENT_EDITOR (window) || ADW_IS_MESSAGE_DIALOG (window))
        return FALSE;
    }
  return TRUE;
}

/* Every editor and question closed, as a person leaves them before
 * closing the window. */
static void
wait_editors_gone (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!no_event_editor () && g_get_monotonic_time () < deadline)
    run_for (50);
  g_assert_true (no_event_editor ());
}

static gint64
at (GTimeZone *tz,
    int        month,
    int        day,
    int        hour,
    int        minute)
{
  g_autoptr(GDateTime) t = g_date_time_new (tz, 2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (t);
}

/* Saves @editor's change to the occurrence, for "this" or "all". */
static void
save_with_scope (GtkWidget  *editor,
                 const char *scope)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (editor, "editor.save", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, scope);
  gtk_window_close (GTK_WINDOW (dialog));
  run_for (300);
}

static void
close_transients (GtkWidget *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != window && gtk_window_get_transient_for (l->data) != NULL)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  run_for (300);
}

static void
test_occurrence_scope (void)
{
  BbCalendarView *view = open_calendar (1280, 800);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Tirane");
  g_autoptr(BbEvent) series = bb_event_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const BbCalendarItem *second = NULL;
  GtkWidget *editor;
  guint n = 0;

  /* A weekly patrol briefing on Mondays of November 2026 at 08:00. */
  series->title = (g_free (series->title), g_strdup ("Patrol briefing"));
  series->kind = (g_free (series->kind), g_strdup ("training"));
  series->tzid = (g_free (series->tzid), g_strdup ("Europe/Tirane"));
  series->start_at = at (tz, 11, 2, 8, 0);
  series->end_at = series->start_at + 1800;
  series->rrule = g_strdup ("FREQ=WEEKLY;BYDAY=MO;COUNT=4");
  bb_store_event_insert (store, series, &error);
  g_assert_no_error (error);

  bb_calendar_view_set_mode (view, "agenda");
  bb_calendar_view_go_to (view, 2026, 11, 1);
  wait_loaded (view);
  items = g_ptr_array_ref (bb_calendar_view_get_items (view));
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->series_id, series->id) == 0 && ++n == 2)
        second = item;
    }
  g_assert_cmpuint (n, ==, 4);
  g_assert_nonnull (second);
  g_assert_cmpint (second->start, ==, at (tz, 11, 9, 8, 0));

  /* This occurrence: only the second Monday moves to 09:30. */
  editor = bb_calendar_view_open_editor (view, second);
  run_for (200);
  bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "start", "09:30");
  bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "end", "10:00");
  save_with_scope (editor, "this");
  wait_loaded (view);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = bb_store_calendar_items (store, at (tz, 11, 1, 0, 0), at (tz, 12, 1, 0, 0), "training", NULL, &error);
  g_assert_no_error (error);
  n = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);
      static const int expected[][2] = { { 2, 8 * 60 }, { 9, 9 * 60 + 30 }, { 16, 8 * 60 }, { 23, 8 * 60 } };

      if (g_strcmp0 (item->series_id, series->id) != 0)
        continue;
      g_assert_cmpuint (n, <, 4);
      g_assert_cmpint (item->start, ==, at (tz, 11, expected[n][0], expected[n][1] / 60, expected[n][1] % 60));
      n++;
    }
  g_assert_cmpuint (n, ==, 4);

  /* All occurrences: the third one opened, the series moves to 07:45; the
   * changed second Monday stays as it was changed. */
  second = NULL;
  for (guint i = 0, k = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->series_id, series->id) == 0 && ++k == 3)
        second = item;
    }
  editor = bb_calendar_view_open_editor (view, second);
  run_for (200);
  bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "start", "07:45");
  bb_event_editor_set_text (BB_EVENT_EDITOR (editor), "end", "08:15");
  save_with_scope (editor, "all");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = bb_store_calendar_items (store, at (tz, 11, 1, 0, 0), at (tz, 12, 1, 0, 0), "training", NULL, &error);
  g_assert_no_error (error);
  n = 0;
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);
      static const int expected[][2] = { { 2, 7 * 60 + 45 }, { 9, 9 * 60 + 30 }, { 16, 7 * 60 + 45 }, { 23, 7 * 60 + 45 } };

      if (g_strcmp0 (item->series_id, series->id) != 0)
        continue;
      g_assert_cmpint (item->start, ==, at (tz, 11, expected[n][0], expected[n][1] / 60, expected[n][1] % 60));
      g_assert_cmpint (item->end - item->start, ==, 1800);
      n++;
    }
  g_assert_cmpuint (n, ==, 4);

  /* Cancelling one occurrence leaves the others. */
  second = g_ptr_array_index (items, 3);
  for (guint i = 0; i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->series_id, series->id) == 0 && item->start == at (tz, 11, 23, 7, 45))
        second = item;
    }
  editor = bb_calendar_view_open_editor (view, second);
  run_for (200);
  gtk_widget_activate_action (editor, "editor.delete", NULL);
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "this");
    gtk_window_close (GTK_WINDOW (dialog));
    run_for (300);
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = bb_store_calendar_items (store, at (tz, 11, 1, 0, 0), at (tz, 12, 1, 0, 0), "training", NULL, &error);
  n = 0;
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((BbCalendarItem *) g_ptr_array_index (items, i))->series_id, series->id) == 0)
      n++;
  g_assert_cmpuint (n, ==, 3);

  /* The editor and its question go before the window they are transient
   * for, and are gone before the next test: a dialog finalised after its
   * parent would disconnect from a freed window. */
  close_transients (window);
  wait_editors_gone ();
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_small_screen (void)
{
  BbCalendarView *view = open_calendar (1024, 600);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view)));

  bb_calendar_view_set_mode (view, "month");
  bb_calendar_view_go_to (view, 2026, 3, 10);
  wait_loaded (view);
  save_screenshot (window, "1024x600-month");
  bb_calendar_view_set_mode (view, "week");
  wait_loaded (view);
  save_screenshot (window, "1024x600-week");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-calendar-XXXXXX");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  ui_test_screenshot_prefix = "calendar-";
  adw_init ();

  app = ui_test_application_new ();

  store = ui_test_demo_station (tmp_dir, "Small Town.beatbook", 600);

  g_test_add_func ("/ui/calendar/views", test_views);
  g_test_add_func ("/ui/calendar/editor", test_editor);
  g_test_add_func ("/ui/calendar/occurrence-scope", test_occurrence_scope);
  g_test_add_func ("/ui/calendar/small-screen", test_small_screen);
  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&app);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
