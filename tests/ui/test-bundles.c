/* test-bundles.c: exporting and importing bundles through their dialogs, the conflicts window, with screenshots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bundles"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-bundle-dialog.h"
#include "bb-bundle-export-dialog.h"
#include "bb-bundle.h"
#include "bb-calendar-view.h"
#include "bb-conflicts-window.h"
#include "bb-directory-page.h"
#include "bb-incidents-page.h"
#include "bb-problems-view.h"
#include "bb-store-problems.h"
#include "bb-reports-view.h"
#include "bb-templates.h"
#include "bb-preferences-window.h"
#include "bb-sync.h"
#include "bb-window.h"
#include "ui-test-util.h"

static BbApplication *app;
static char *tmp_dir;
static BbStore *north;
static BbStore *hq;
static char *shared_id;

typedef const char *(*StepFunc) (gpointer dialog);

static void
wait_for_step (gpointer    dialog,
               StepFunc    step,
               const char *wanted)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (step (dialog), wanted) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static char *
add_incident (BbStore    *store,
              const char *code,
              const char *description,
              const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, code, &error);
  g_autoptr(BbIncident) incident = bb_incident_new ();

  g_assert_no_error (error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1714550400;
  incident->description = g_strdup (description);
  incident->address = g_strdup (address);
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  return g_strdup (incident->id);
}

static BbWindow *
new_window (BbStore *store)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  bb_window_set_store (window, store);
  return window;
}

/* North writes everything to its outbox; headquarters imports it. */
static char *
export_from_north (BbWindow   *window,
                   const char *shot)
{
  g_autofree char *outbox = g_build_filename (tmp_dir, "north-outbox", NULL);
  BbBundleExportDialog *dialog;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  char *path = NULL;

  g_mkdir_with_parents (outbox, 0700);
  dialog = bb_bundle_export_dialog_new (GTK_WINDOW (window), north);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_step (dialog, (StepFunc) bb_bundle_export_dialog_get_step, "options");
  save_screenshot (GTK_WIDGET (dialog), shot);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* With an outbox, Export writes there without asking. */
  g_assert_true (bb_sync_set_folders (north, outbox, NULL, NULL));
  dialog = bb_bundle_export_dialog_new (GTK_WINDOW (window), north);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  wait_for_step (dialog, (StepFunc) bb_bundle_export_dialog_get_step, "done");
  save_screenshot (GTK_WIDGET (dialog), "export-done");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dir = g_dir_open (outbox, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, BB_BUNDLE_SUFFIX))
      {
        g_free (path);
        path = g_build_filename (outbox, name, NULL);
      }
  g_assert_nonnull (path);
  return path;
}

static void
test_export_import (void)
{
  BbWindow *north_window = new_window (north);
  BbWindow *hq_window = new_window (hq);
  g_autofree char *bundle = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) seen = NULL;
  BbBundleDialog *dialog;
  const char *paths[2] = { NULL, NULL };

  /* The window's menu offers the exchange while a station is open. */
  for (guint i = 0; i < 4; i++)
    {
      const char *action = (const char *[]) { "export-bundle", "import-bundle", "check-inbox", "show-conflicts" }[i];

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (north_window), action));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (north_window), action));
    }

  bundle = export_from_north (north_window, "export-first");
  paths[0] = bundle;
  dialog = bb_bundle_dialog_new (GTK_WINDOW (hq_window), hq, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_step (dialog, (StepFunc) bb_bundle_dialog_get_step, "preview");
  save_screenshot (GTK_WIDGET (dialog), "import-preview");
  /* The preview was a dry run: nothing is here yet. */
  g_assert_cmpint (bb_store_count (hq, "incident", NULL), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.import", NULL));
  wait_for_step (dialog, (StepFunc) bb_bundle_dialog_get_step, "result");
  save_screenshot (GTK_WIDGET (dialog), "import-result");
  gtk_window_destroy (GTK_WINDOW (dialog));

  seen = bb_store_incident_get (hq, shared_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->description, ==, "Street light out by the school");
  g_assert_cmpint (bb_store_count (hq, "incident", NULL), ==, 3);

  /* Headquarters holds two stations' incidents now: its views can show
   * one station's. */
  {
    BbFilterState *state = bb_window_get_filter (hq_window);
    const char * const *names = NULL;
    const char * const *ids = NULL;
    const char *only_north[] = { bb_store_get_station_id (north), NULL };
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((ids = bb_filter_state_get_station_choices (state, &names)) == NULL || g_strv_length ((char **) ids) < 2)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, FALSE);
      }
    g_assert_cmpstr (ids[0], ==, bb_store_get_station_id (hq));
    g_assert_cmpstr (names[1], ==, "North Station");
    bb_filter_state_set_station_ids (state, only_north);
    g_assert_cmpint (bb_store_incident_count (hq, bb_filter_state_get_filter (state), NULL), ==, 3);
    bb_window_show_view (hq_window, "incidents");
    {
      BbIncidentsPage *page = BB_INCIDENTS_PAGE (find_widget (GTK_WIDGET (hq_window), BB_TYPE_INCIDENTS_PAGE));
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

      /* The page reads the station again after the import, then the filter. */
      while (g_get_monotonic_time () < until || bb_incidents_page_is_busy (page))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline + 20 * G_USEC_PER_SEC);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
    }
    save_screenshot (GTK_WIDGET (hq_window), "hq-incidents");
    bb_filter_state_set_station_ids (state, NULL);
  }

  /* The same file again: the dialog says it is already in. */
  dialog = bb_bundle_dialog_new (GTK_WINDOW (hq_window), hq, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_step (dialog, (StepFunc) bb_bundle_dialog_get_step, "preview");
  save_screenshot (GTK_WIDGET (dialog), "import-again");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (north_window));
  gtk_window_destroy (GTK_WINDOW (hq_window));
}

static void
test_refused (void)
{
  BbWindow *window = new_window (hq);
  g_autofree char *path = g_build_filename (tmp_dir, "damaged" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *good = g_build_filename (tmp_dir, "good" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  gsize length;
  BbBundleDialog *dialog;
  const char *paths[] = { path, NULL };

  header = bb_bundle_export (north, good, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (header);
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  contents[length - 100] ^= 0x40;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  dialog = bb_bundle_dialog_new (GTK_WINDOW (window), hq, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_step (dialog, (StepFunc) bb_bundle_dialog_get_step, "error");
  save_screenshot (GTK_WIDGET (dialog), "import-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Both stations change the same incident; headquarters reviews. */
static void
test_conflicts (void)
{
  BbWindow *window = new_window (hq);
  g_autofree char *back = g_build_filename (tmp_dir, "back" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *again = g_build_filename (tmp_dir, "again" BB_BUNDLE_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBundleHeader) h1 = NULL;
  g_autoptr(BbBundleHeader) h2 = NULL;
  g_autoptr(BbBundleResult) r1 = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;
  g_autoptr(BbIncident) incident = NULL;
  g_autoptr(GPtrArray) list = NULL;
  BbConflictsWindow *conflicts;
  BbBundleExportOptions to_north = { (char *) bb_store_get_station_id (north), FALSE, FALSE };
  BbBundleExportOptions to_hq = { (char *) bb_store_get_station_id (hq), FALSE, FALSE };
  BbBundleExportDialog *export;

  h1 = bb_bundle_export (hq, back, &to_north, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r1 = bb_bundle_apply (north, back, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  incident = bb_store_incident_get (hq, shared_id, &error);
  g_free (incident->description);
  incident->description = g_strdup ("Street light out by the school; reported to the municipality");
  g_assert_true (bb_store_incident_update (hq, incident, &error));
  g_clear_pointer (&incident, bb_incident_free);
  g_usleep (2000);
  incident = bb_store_incident_get (north, shared_id, &error);
  g_free (incident->description);
  incident->description = g_strdup ("Street light out by the school, and the one at the bus stop");
  g_assert_true (bb_store_incident_update (north, incident, &error));
  g_assert_no_error (error);
  g_clear_pointer (&incident, bb_incident_free);

  h2 = bb_bundle_export (north, again, &to_hq, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r2 = bb_bundle_apply (hq, again, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->conflicts, ==, 1);

  conflicts = bb_conflicts_window_new (GTK_WINDOW (window), hq);
  gtk_window_present (GTK_WINDOW (conflicts));
  g_assert_cmpuint (bb_conflicts_window_get_count (conflicts), ==, 1);
  save_screenshot (GTK_WIDGET (conflicts), "conflicts");

  /* Headquarters takes its own description back. */
  list = bb_sync_list_conflicts (hq, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (conflicts), "conflicts.reverse", "s",
                                             ((BbSyncConflict *) list->pdata[0])->id));
  g_assert_cmpuint (bb_conflicts_window_get_count (conflicts), ==, 0);
  incident = bb_store_incident_get (hq, shared_id, &error);
  g_assert_cmpstr (incident->description, ==, "Street light out by the school; reported to the municipality");
  save_screenshot (GTK_WIDGET (conflicts), "conflicts-settled");
  gtk_window_destroy (GTK_WINDOW (conflicts));

  /* Headquarters answers North: North is a station it knows now. */
  export = bb_bundle_export_dialog_new (GTK_WINDOW (window), hq);
  gtk_window_present (GTK_WINDOW (export));
  bb_bundle_export_dialog_set_peer (export, bb_store_get_station_id (north));
  save_screenshot (GTK_WIDGET (export), "export-to-peer");
  gtk_window_destroy (GTK_WINDOW (export));

  {
    g_autofree char *outbox = g_build_filename (tmp_dir, "Sync", "outbox", NULL);
    g_autofree char *inbox = g_build_filename (tmp_dir, "Sync", "inbox", NULL);

    g_mkdir_with_parents (outbox, 0700);
    g_mkdir_with_parents (inbox, 0700);
    g_assert_true (bb_sync_set_folders (hq, outbox, inbox, NULL));
  }
  gtk_window_present (GTK_WINDOW (bb_preferences_window_new (window)));
  {
    GList *windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (BB_IS_PREFERENCES_WINDOW (l->data))
        {
          adw_preferences_window_set_visible_page_name (l->data, "exchange");
          save_screenshot (l->data, "preferences");
          gtk_window_destroy (l->data);
        }
    g_list_free (windows);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A problem, a plan, a meeting on 2026-05-12 and an officer, named after
 * @name: each station's own, for the views of headquarters to tell apart. */
static void
add_station_records (BbStore    *store,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbOfficer) officer = bb_officer_new ();

  problem->title = g_strdup_printf ("%s: bicycle thefts", name);
  g_assert_true (bb_store_problem_insert (store, problem, &error));
  plan->title = g_strdup_printf ("%s safety plan", name);
  g_assert_true (bb_store_plan_insert (store, plan, &error));
  event->title = g_strdup_printf ("%s advisory group", name);
  event->start_at = 1778580000;
  event->end_at = event->start_at + 5400;
  g_assert_true (bb_store_event_insert (store, event, &error));
  officer->name = g_strdup_printf ("Officer of %s", name);
  g_assert_true (bb_store_officer_insert (store, officer, &error));
  g_assert_no_error (error);
}

typedef gboolean (*Ready) (gpointer widget);

/* Until @ready says the view has read the station again. */
static void
wait_until (Ready    ready,
            gpointer widget)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gint64 settle = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < settle || !ready (widget))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
calendar_ready (gpointer view)
{
  return !bb_calendar_view_is_loading (view);
}

static gboolean
directory_ready (gpointer page)
{
  return !bb_directory_page_is_loading (page);
}

static gboolean
reports_ready (gpointer view)
{
  return !bb_reports_view_is_busy (view) && bb_reports_view_get_document (view) != NULL;
}

static guint
n_cards (BbProblemsView *view)
{
  guint n = 0;

  for (BbSaraStage s = 0; s < BB_SARA_N_STAGES; s++)
    n += bb_problems_view_get_n_cards (view, s);
  return n;
}

/* The titles of the calendar's items, one a line. */
static char *
calendar_titles (BbCalendarView *view)
{
  GPtrArray *items = bb_calendar_view_get_items (view);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_string_append_printf (titles, "%s\n", ((BbCalendarItem *) items->pdata[i])->title);
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* The briefing's "All incidents" figure this quarter, as pdftotext reads it. */
static char *
briefing_total (BbReportsView *view)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmp_dir, "briefing.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_assert_true (bb_print_document_write_pdf (bb_reports_view_get_document (view), pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strchug (lines[i]), "All incidents"))
      {
        g_auto(GStrv) words = g_strsplit_set (lines[i] + strlen ("All incidents"), " ", -1);

        for (guint w = 0; words[w] != NULL; w++)
          if (*words[w] != '\0')
            return g_strdup (words[w]);
      }
  g_assert_not_reached ();
}

/* Until the card of @problem_id shows the count of incidents of
 * @stations; a card shows the count of the last load until then. */
static gint64
card_count (BbProblemsView     *view,
            const char         *problem_id,
            const char * const *stations)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  gint64 expected = bb_store_problem_count_station_incidents (hq, problem_id, stations, &error);
  BbProblemCard *card;

  g_assert_no_error (error);
  while ((card = bb_problems_view_find_card (view, problem_id)) == NULL
         || bb_problem_card_get_incident_count (card) != expected)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return bb_problem_card_get_incident_count (card);
}

/* Each station's problem, which takes in every burglary of the station. */
static char *
burglary_problem (const char * const *station)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = bb_store_list_by_stations (hq, &bb_problem_record, station, &error);
  g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (hq, "burglary", &error);
  const char *categories[] = { burglary->id, NULL };
  BbProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_true (bb_store_problem_set_categories (hq, problem->id, categories, &error));
  g_assert_no_error (error);
  return g_strdup (problem->id);
}

/* A shown row whose subtitle has @text in it. */
static gboolean
row_subtitle_has (GtkWidget     *widget,
                  gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget)
         && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", text) != NULL;
}

static gboolean
saved_ready (gpointer view)
{
  return bb_store_count (hq, "document", NULL) > 0;
}

/* Headquarters holds its own records and North's: every view shows both,
 * or one station's when the shared filter chooses it. */
static void
test_hq_views (void)
{
  BbWindow *window = new_window (hq);
  BbFilterState *state = bb_window_get_filter (window);
  const char *only_north[] = { bb_store_get_station_id (north), NULL };
  const char *only_hq[] = { bb_store_get_station_id (hq), NULL };
  const char * const *choices[] = { NULL, only_north, only_hq };
  const char *names[] = { "all", "north", "hq" };
  const guint expected[] = { 2, 1, 1 };
  BbProblemsView *problems = BB_PROBLEMS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_PROBLEMS_VIEW));
  BbCalendarView *calendar = BB_CALENDAR_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_CALENDAR_VIEW));
  BbReportsView *reports = BB_REPORTS_VIEW (find_widget (GTK_WIDGET (window), BB_TYPE_REPORTS_VIEW));
  BbDirectoryPage *directory = BB_DIRECTORY_PAGE (find_widget (GTK_WIDGET (window), BB_TYPE_DIRECTORY_PAGE));
  /* Freed one by one at the end: g_autofree on an array frees its first. */
  char *totals[3] = { NULL };
  gint64 counts[3][2] = { { 0 } };
  g_autofree char *north_problem = burglary_problem (only_north);
  g_autofree char *hq_problem = burglary_problem (only_hq);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (bb_filter_state_get_station_choices (state, NULL) == NULL
         || g_strv_length ((char **) bb_filter_state_get_station_choices (state, NULL)) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  /* The briefing of the last full quarter, every count printed, with
   * two incidents headquarters recorded itself in it (North's are older). */
  bb_window_show_view (window, "reports");
  bb_reports_view_select (reports, "briefing");
  wait_until (reports_ready, reports);
  {
    BbReportRequest request;
    g_autoptr(GDateTime) middle = NULL;

    bb_report_request_init (&request);
    bb_reports_form_get_request (bb_reports_view_get_form (reports), &request);
    middle = g_date_time_new_utc (request.year, (request.quarter - 1) * 3 + 2, 15, 12, 0, 0);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(BbCategory) category = bb_store_category_get_by_code (hq, "burglary.residential", &error);
        g_autoptr(BbIncident) incident = bb_incident_new ();

        incident->category_id = g_strdup (category->id);
        incident->occurred_start = g_date_time_to_unix (middle) + i * 3600;
        incident->description = g_strdup ("Cellar door forced");
        g_assert_true (bb_store_incident_insert (hq, incident, &error));
        g_assert_no_error (error);
      }
    request.policy.min_count = 1;
    bb_reports_form_set_request (bb_reports_view_get_form (reports), &request);
    bb_report_request_clear (&request);
  }

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      g_autofree char *shot = NULL;
      g_autofree char *titles = NULL;

      g_test_message ("stations: %s", names[c]);
      bb_filter_state_set_station_ids (state, choices[c]);

      bb_window_show_view (window, "problems");
      deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while (n_cards (problems) != expected[c])
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      /* Each card counts the incidents of the stations chosen only. */
      counts[c][0] = c != 2 ? card_count (problems, north_problem, choices[c]) : -1;
      counts[c][1] = c != 1 ? card_count (problems, hq_problem, choices[c]) : -1;
      g_test_message ("problem counts: north's %" G_GINT64_FORMAT ", headquarters' %" G_GINT64_FORMAT,
                      counts[c][0], counts[c][1]);
      shot = g_strdup_printf ("hq-problems-%s", names[c]);
      save_screenshot (GTK_WIDGET (window), shot);
      g_clear_pointer (&shot, g_free);

      bb_window_show_view (window, "calendar");
      bb_calendar_view_set_mode (calendar, "agenda");
      bb_calendar_view_go_to (calendar, 2026, 5, 12);
      wait_until (calendar_ready, calendar);
      titles = calendar_titles (calendar);
      g_test_message ("calendar: %s", titles);
      g_assert_true ((strstr (titles, "North advisory group") != NULL) == (c != 2));
      g_assert_true ((strstr (titles, "Headquarters advisory group") != NULL) == (c != 1));
      bb_calendar_view_set_mode (calendar, "month");
      wait_until (calendar_ready, calendar);
      shot = g_strdup_printf ("hq-calendar-%s", names[c]);
      save_screenshot (GTK_WIDGET (window), shot);
      g_clear_pointer (&shot, g_free);

      bb_window_show_view (window, "directory");
      bb_directory_page_show_list (directory, BB_DIRECTORY_OFFICERS);
      wait_until (directory_ready, directory);
      g_assert_cmpuint (bb_directory_page_get_n_shown (directory, BB_DIRECTORY_OFFICERS), ==, expected[c]);
      shot = g_strdup_printf ("hq-directory-%s", names[c]);
      save_screenshot (GTK_WIDGET (window), shot);
      g_clear_pointer (&shot, g_free);

      bb_window_show_view (window, "reports");
      wait_until (reports_ready, reports);
      totals[c] = briefing_total (reports);
      g_test_message ("briefing, all incidents: %s", totals[c]);
      shot = g_strdup_printf ("hq-reports-%s", names[c]);
      save_screenshot (GTK_WIDGET (window), shot);
      /* The briefing for North alone is saved. */
      if (c == 1)
        {
          gtk_widget_activate_action (GTK_WIDGET (reports), "reports.save", NULL);
          wait_until (saved_ready, reports);
        }
    }
  /* Headquarters' two incidents of the quarter; none of North's. */
  g_assert_cmpstr (totals[0], ==, "2");
  g_assert_cmpstr (totals[1], ==, "0");
  g_assert_cmpstr (totals[2], ==, "2");
  /* The problems' counts: North's burglary and headquarters' two. */
  g_assert_cmpint (counts[1][0], >=, 1);
  g_assert_cmpint (counts[2][1], ==, 2);
  g_assert_cmpint (counts[0][0], ==, counts[1][0] + 2);
  g_assert_cmpint (counts[0][1], ==, counts[1][0] + 2);

  /* The saved briefing remembers North: opened while every station is
   * chosen, it chooses North again, and its figures are North's. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) documents = bb_store_list (hq, &bb_document_record, NULL, &error);
    BbDocument *saved;
    const BbIncidentFilter *filter;
    GtkWidget *row;

    g_assert_no_error (error);
    g_assert_cmpuint (documents->len, ==, 1);
    saved = g_ptr_array_index (documents, 0);
    g_assert_nonnull (strstr (saved->content, only_north[0]));
    g_assert_cmpstr (totals[0], !=, totals[1]);
    bb_filter_state_set_station_ids (state, NULL);
    wait_until (reports_ready, reports);
    gtk_widget_activate_action (GTK_WIDGET (reports), "reports.open-saved", "s", saved->id);
    filter = bb_filter_state_get_filter (state);
    g_assert_nonnull (filter->station_ids);
    g_assert_cmpstrv (filter->station_ids, only_north);
    wait_until (reports_ready, reports);
    g_free (totals[1]);
    totals[1] = briefing_total (reports);
    g_assert_cmpstr (totals[1], ==, "0");
    save_screenshot (GTK_WIDGET (window), "hq-reports-saved-north");
    /* The gallery lists it with the station it was made for. */
    gtk_widget_activate_action (GTK_WIDGET (reports), "reports.gallery", NULL);
    row = find_widget_where (GTK_WIDGET (reports), row_subtitle_has, "for North Station");
    g_assert_nonnull (row);
    run_for (600);
    scroll_to (row);
    save_screenshot (GTK_WIDGET (window), "hq-reports-saved-list");
  }

  bb_filter_state_set_station_ids (state, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint c = 0; c < G_N_ELEMENTS (totals); c++)
    g_free (totals[c]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *north_path = NULL;
  g_autofree char *hq_path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *third = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-bundles-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  ui_test_screenshot_prefix = "bundles-";
  adw_init ();

  app = ui_test_application_new ();

  north_path = g_build_filename (tmp_dir, "North.beatbook", NULL);
  hq_path = g_build_filename (tmp_dir, "Headquarters.beatbook", NULL);
  north = bb_store_create (north_path, "North Station", &error);
  g_assert_no_error (error);
  hq = bb_store_create (hq_path, "Regional Headquarters", &error);
  g_assert_no_error (error);
  shared_id = add_incident (north, "street_lighting", "Street light out by the school", "School Street 2");
  other = add_incident (north, "burglary.residential", "Back door forced", "Lake Street 4");
  third = add_incident (north, "vandalism.graffiti", "Graffiti on the bus shelter", "Market Square");
  add_station_records (north, "North");
  add_station_records (hq, "Headquarters");
  {
    /* The briefing's map needs somewhere to centre on. */
    g_autoptr(BbStation) station = bb_store_station_get (hq, &error);

    g_assert_no_error (error);
    station->center_lat = 41.33;
    station->center_lon = 19.82;
    g_assert_true (bb_store_station_update (hq, station, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/ui/bundles/export-import", test_export_import);
  g_test_add_func ("/ui/bundles/refused", test_refused);
  g_test_add_func ("/ui/bundles/conflicts", test_conflicts);
  g_test_add_func ("/ui/bundles/hq-views", test_hq_views);

  result = g_test_run ();

  g_clear_object (&north);
  g_clear_object (&hq);
  g_clear_object (&app);
  g_free (shared_id);
  ui_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
