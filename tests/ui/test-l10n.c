/* test-l10n.c: the window in another language (BB_TEST_LANGUAGE): every view translated, photographed, and nothing that forces it past 1024×600 */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-l10n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-calendar-view.h"
#include "bb-incidents-page.h"
#include "bb-locale.h"
#include "bb-window.h"
#include "ui-test-util.h"

static const char * const views[] = {
  "map", "problems", "calendar", "reports", "incidents", "directory", NULL
};

static BbApplication *app;
static char *tmp_dir;
static const char *language;   /* "ru", "az" */
static gboolean real_locale;   /* a generated ru_RU.UTF-8, not C.UTF-8 */

static gboolean
demo_done (gpointer data)
{
  return !bb_window_is_busy (data);
}

/* A label that shows English where the language has a translation, by the
 * texts of the widgets in the window; NULL when every text is translated. */
static const char *
find_untranslated (GtkWidget *root)
{
  const char *text = NULL;

  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root))
    text = gtk_label_get_text (GTK_LABEL (root));
  if (text != NULL && *text != '\0')
    {
      const char *translated = g_dgettext (GETTEXT_PACKAGE, text);

      /* The English text is a msgid with a translation different from it. */
      if (translated != text && !g_str_equal (translated, text))
        return text;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_untranslated (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Text shown in English fails the test: every message of the sources is
 * translated (tests/data/check-po.py sees to it), so English here is a
 * string that never reached gettext. */
static void
english_shown (const char *where,
               const char *text)
{
  g_autofree char *message = g_strdup_printf ("%s, %s: “%s” is shown in English", language, where, text);

  g_test_message ("%s", message);
  g_test_fail ();
}

/* The window cannot be made as small as 1024×600 when something in it asks
 * for more: a label that neither wraps nor ellipsizes, a row of buttons. */
static void
assert_fits (GtkWidget  *window,
             const char *view)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (window));
  int min_width, min_height;

  /* The content, without the shadows of client-side decorations. */
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, 1024, &min_height, NULL, NULL, NULL);
  g_test_message ("%s, %s: the window needs at least %d×%d", language, view, min_width, min_height);
  g_assert_cmpint (min_width, <=, 1024);
  g_assert_cmpint (min_height, <=, 600);
  g_assert_cmpint (gtk_widget_get_width (content), <=, 1024);
  g_assert_cmpint (gtk_widget_get_height (content), <=, 600);
}

static void
visit_views (BbWindow   *window,
             const char *prefix,
             gboolean    check_fit)
{
  for (guint i = 0; views[i] != NULL; i++)
    {
      g_autofree char *shot = g_strdup_printf ("%s%s", prefix, views[i]);
      const char *untranslated;

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string (views[i]));
      run_for (600);
      g_assert_cmpstr (bb_window_get_visible_view (window), ==, views[i]);
      save_screenshot (GTK_WIDGET (window), shot);
      untranslated = find_untranslated (GTK_WIDGET (window));
      if (untranslated != NULL)
        english_shown (views[i], untranslated);
      if (check_fit)
        assert_fits (GTK_WIDGET (window), views[i]);
    }
}

/* The window other than @main that appeared last, or NULL. */
static GtkWindow *
other_window (GtkWindow *main)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != main && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

/* A dialog opened by @action on @widget: photographed, translated, and no
 * bigger than the smallest screen. */
static void
visit_dialog (BbWindow   *window,
              GtkWidget  *widget,
              const char *action,
              const char *name)
{
  GtkWindow *dialog;
  GtkWidget *content;
  const char *untranslated;
  int min_width, min_height;

  if (widget != NULL)
    gtk_widget_activate_action (widget, action, NULL);
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  run_for (800);
  dialog = other_window (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  save_screenshot (GTK_WIDGET (dialog), name);
  untranslated = find_untranslated (GTK_WIDGET (dialog));
  if (untranslated != NULL)
    english_shown (name, untranslated);
  content = gtk_window_get_child (dialog);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_test_message ("%s, %s: the dialog needs at least %d×%d", language, name, min_width, min_height);
  g_assert_cmpint (min_width, <=, 1024);
  g_assert_cmpint (min_height, <=, 600);
  gtk_window_destroy (dialog);
  run_for (300);
}

static void
test_demo_station (void)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));
  g_autofree char *title = NULL;
  GtkWidget *calendar;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);
  save_screenshot (GTK_WIDGET (window), "welcome");
  g_assert_null (find_untranslated (GTK_WIDGET (window)));

  /* The demo station is written in the window's language. */
  bb_window_open_demo (window, TRUE);
  run_for (1500);
  if (bb_window_is_busy (window))
    save_screenshot (GTK_WIDGET (window), "demo-loading");
  g_assert_true (run_until (demo_done, window, 240));
  run_for (500);
  g_assert_nonnull (bb_window_get_store (window));
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_test_message ("%s: window title “%s”", language, title);
  g_assert_nonnull (strstr (title, "Beatbook"));

  visit_views (window, "", FALSE);

  /* The calendar's other modes. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("calendar"));
  run_for (300);
  calendar = find_widget (GTK_WIDGET (window), BB_TYPE_CALENDAR_VIEW);
  g_assert_nonnull (calendar);
  gtk_widget_activate_action (calendar, "calendar.mode", "s", "week");
  run_for (600);
  save_screenshot (GTK_WIDGET (window), "calendar-week");
  gtk_widget_activate_action (calendar, "calendar.mode", "s", "agenda");
  run_for (600);
  save_screenshot (GTK_WIDGET (window), "calendar-agenda");
  gtk_widget_activate_action (calendar, "calendar.mode", "s", "month");
  run_for (300);

  /* The editors and the preferences. */
  visit_dialog (window, calendar, "calendar.new-event", "event-editor");
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-view", g_variant_new_string ("incidents"));
  run_for (500);
  visit_dialog (window, find_widget (GTK_WIDGET (window), BB_TYPE_INCIDENTS_PAGE), "incidents.new", "incident-editor");
  visit_dialog (window, NULL, "preferences", "preferences");

  /* The smallest screen the station's laptops have. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  run_for (600);
  visit_views (window, "1024x600-", TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first day of the week is the locale's. */
static void
test_first_weekday (void)
{
  if (!real_locale)
    {
      g_test_skip ("no generated locale: C.UTF-8 starts the week on Monday");
      g_assert_cmpint (bb_locale_first_weekday (), ==, 1);
      return;
    }
  /* Russia and Azerbaijan start the week on Monday… */
  g_assert_cmpint (bb_locale_first_weekday (), ==, 1);
  /* …and the month's name stands alone in the calendar's title. */
  if (g_str_equal (language, "ru"))
    {
      g_autoptr(GDateTime) march = g_date_time_new_utc (2026, 3, 14, 12, 0, 0);
      g_autofree char *title = g_date_time_format (march, g_dgettext (GETTEXT_PACKAGE, "%B %Y"));

      g_assert_cmpstr (title, ==, "Март 2026");
    }
}

/* Compiles @locale from glibc's sources into @dir; FALSE when this system
 * has no localedef or no sources. */
static gboolean
make_locale (const char *dir,
             const char *source,
             const char *name)
{
  g_autofree char *target = g_build_filename (dir, name, NULL);
  const char *argv[] = { "localedef", "-i", source, "-f", "UTF-8", target, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_file_test (target, G_FILE_TEST_IS_DIR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *locale_dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *name = NULL;
  g_autofree char *prefix = NULL;
  int result;

  language = g_getenv ("BB_TEST_LANGUAGE");
  g_assert_nonnull (language);

  tmp_dir = ui_test_setup_environment ("beatbook-l10n-XXXXXX");
  prefix = g_strdup_printf ("%s-", language);
  ui_test_screenshot_prefix = prefix;

  /* The language's own locale, compiled for this test, so that dates,
   * numbers and the first day of the week are the country's; C.UTF-8 with
   * LANGUAGE where the system cannot compile it. */
  locale_dir = g_build_filename (tmp_dir, "locale", NULL);
  g_mkdir_with_parents (locale_dir, 0700);
  source = g_str_equal (language, "ru") ? g_strdup ("ru_RU") : g_strdup_printf ("%s_%s", language,
                                                                                 g_str_equal (language, "az") ? "AZ" : "XX");
  name = g_strdup_printf ("%s.UTF-8", source);
  g_setenv ("LOCPATH", locale_dir, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  real_locale = make_locale (locale_dir, source, name) && setlocale (LC_ALL, name) != NULL;
  if (real_locale)
    g_setenv ("LC_ALL", name, TRUE);
  else
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BB_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_message ("locale %s, LANGUAGE=%s", setlocale (LC_ALL, NULL), language);
  /* The catalogue is there and used. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Welcome to Beatbook"), !=, "Welcome to Beatbook");

  app = ui_test_application_new ();

  g_test_add_func ("/ui/l10n/first-weekday", test_first_weekday);
  g_test_add_func ("/ui/l10n/demo-station", test_demo_station);
  result = g_test_run ();

  g_clear_object (&app);
  return result;
}
