/* bb-application.c: the Beatbook application: actions, command line, windows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-application"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bb-analyse-cli.h"
#include "bb-application.h"
#include "bb-audit-cli.h"
#include "bb-bundle-cli.h"
#include "bb-import-cli.h"
#include "bb-preferences-window.h"
#include "bb-render-cli.h"
#include "bb-survey-import-cli.h"
#include "bb-window.h"

struct _BbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (BbApplication, bb_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo station, writing it first if it does not exist"), NULL },
  { "regenerate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --demo: write a fresh demo station over the old one"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of Beatbook and exit"), NULL },
  /* Handled before the application starts (see local_command_line); listed
   * here so that --help mentions it. */
  { "analyse", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run an analysis (kde, gistar, knox, trend, emerging) on a CSV file without opening a window; see --analyse kde --help"),
    N_("ANALYSIS") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import incidents from a CSV or GeoJSON file into a station without opening a window; see --import FILE --help"),
    N_("FILE") },
  { "import-survey", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import survey responses (a KoBoToolbox or ODK export) or published survey figures into a station without opening a window; see --import-survey FILE --help"),
    N_("FILE") },
  { "export-incidents", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a station’s incidents to FILE.csv or FILE.geojson without opening a window"),
    N_("FILE") },
  { "export-bundle", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a station’s changes to a bundle for another station without opening a window; see --export-bundle FILE --help"),
    N_("FILE") },
  { "import-bundle", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import another station’s bundle (or a folder of them) without opening a window; see --import-bundle FILE --help"),
    N_("FILE") },
  { "check-audit", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check that a station’s audit log was not changed outside Beatbook, without opening a window"),
    N_("STATION") },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write a document (briefing, district-profile, agenda, …) to PDF, PNG or SVG without opening a window; see --export list"),
    N_("TEMPLATE") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, NULL },
  { NULL }
};

static BbWindow *
get_main_window (BbApplication *self,
                 gboolean      *created)
{
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (BB_IS_WINDOW (l->data))
        {
          window = l->data;
          break;
        }
    }

  if (created != NULL)
    *created = window == NULL;
  if (window == NULL)
    window = GTK_WINDOW (bb_window_new (GTK_APPLICATION (self)));
  return BB_WINDOW (window);
}

/* Opens the station that was open last, if the user wants that and it is
 * still there; the welcome page shows otherwise. */
static void
open_last_station (BbApplication *self,
                   BbWindow      *window)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (!g_settings_get_boolean (self->settings, "open-last-station"))
    return;
  path = g_settings_get_string (self->settings, "last-station");
  if (path[0] == '\0' || !g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  file = g_file_new_for_path (path);
  bb_window_open_file (window, file);
}

static void
bb_application_activate (GApplication *app)
{
  BbApplication *self = BB_APPLICATION (app);
  gboolean created;
  BbWindow *window = get_main_window (self, &created);

  if (created)
    open_last_station (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
argv_has (char       **argv,
          const char  *option)
{
  gsize len = strlen (option);

  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (strncmp (argv[i], option, len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
        return TRUE;
    }
  return FALSE;
}

/* Headless commands run here, before anything graphical starts, so that
 * stations can script them on a machine without a display. */
static gboolean
bb_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  if (argv_has (argv, "--analyse"))
    {
      *exit_status = bb_analyse_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--import-survey"))
    {
      *exit_status = bb_survey_import_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--import"))
    {
      *exit_status = bb_import_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--export-incidents"))
    {
      *exit_status = bb_export_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--export-bundle"))
    {
      *exit_status = bb_bundle_export_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--import-bundle"))
    {
      *exit_status = bb_bundle_import_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--check-audit"))
    {
      *exit_status = bb_audit_check_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }
  if (argv_has (argv, "--export"))
    {
      *exit_status = bb_render_cli_run ((int) g_strv_length (argv), argv);
      return TRUE;
    }

  return G_APPLICATION_CLASS (bb_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static gint
bb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Beatbook"), PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static int
bb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  BbApplication *self = BB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **files = NULL;
  gboolean demo = g_variant_dict_contains (options, "demo");
  gboolean regenerate = g_variant_dict_contains (options, "regenerate");
  gboolean created;
  BbWindow *window;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  if (regenerate && !demo)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("--regenerate works together with --demo only"));
      return 1;
    }
  if (files != NULL && g_strv_length ((char **) files) > (demo ? 0 : 1))
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("Beatbook opens one station at a time: give one station file, or --demo"));
      return 1;
    }

  if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(BbStore) store = NULL;

      /* Checked here, before any window shows, so that a file that is not a
       * station gives a message and an exit status on the command line. */
      if (path == NULL)
        {
          g_application_command_line_printerr (command_line, _("%s: Beatbook opens station files on this computer only\n"),
                                               files[0]);
          return 1;
        }
      store = bb_store_open (path, &error);
      if (store == NULL && g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT))
        {
          /* The window offers the newest automatic backup. */
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          window = get_main_window (self, NULL);
          gtk_window_present (GTK_WINDOW (window));
          bb_window_offer_backup (window, path, error);
          return 1;
        }
      if (store == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
      window = get_main_window (self, NULL);
      /* A station with a passphrase asks for it first. */
      bb_window_open_store (window, store);
    }
  else if (demo)
    {
      window = get_main_window (self, NULL);
      bb_window_open_demo (window, regenerate);
    }
  else
    {
      window = get_main_window (self, &created);
      if (created)
        open_last_station (self, window);
    }

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
new_station_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         gpointer         user_data)
{
  BbWindow *window = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Beatbook keeps stations on this computer only. Choose a local folder."));
      bb_window_show_error (window, _("Could Not Create the Station"), error);
      goto out;
    }
  if (!g_str_has_suffix (path, ".beatbook"))
    {
      char *with_suffix = g_strconcat (path, ".beatbook", NULL);

      g_free (path);
      path = with_suffix;
    }

  /* The file's name is the station's first name; Preferences changes it. */
  basename = g_path_get_basename (path);
  basename[strlen (basename) - strlen (".beatbook")] = '\0';

  store = bb_store_create (path, basename, &error);
  if (store == NULL)
    {
      bb_window_show_error (window, _("Could Not Create the Station"), error);
      goto out;
    }
  bb_window_set_store (window, store);
  bb_window_add_toast (window, _("New station created"));

out:
  g_object_unref (dialog);
  g_object_unref (window);
}

static void
add_station_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) stations = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (stations, _("Beatbook Stations"));
  gtk_file_filter_add_pattern (stations, "*.beatbook");
  gtk_file_chooser_add_filter (chooser, stations);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, stations);
}

static void
new_station_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BbApplication *self = user_data;
  BbWindow *window = get_main_window (self, NULL);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Station"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Station.beatbook"));
  add_station_filters (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (new_station_response_cb), g_object_ref (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_station_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  BbWindow *window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      bb_window_open_file (window, file);
    }
  g_object_unref (dialog);
  g_object_unref (window);
}

static void
open_station_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BbApplication *self = user_data;
  BbWindow *window = get_main_window (self, NULL);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Station"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_station_filters (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (open_station_response_cb), g_object_ref (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BbApplication *self = user_data;
  BbWindow *window = get_main_window (self, NULL);

  gtk_window_present (GTK_WINDOW (window));
  bb_window_open_demo (window, FALSE);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BbApplication *self = user_data;
  BbWindow *window = get_main_window (self, NULL);

  gtk_window_present (GTK_WINDOW (bb_preferences_window_new (window)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BbApplication *self = user_data;
  const char *developers[] = { _("The Beatbook developers"), NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Beatbook"),
                         "application-icon", BASE_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Beatbook developers"),
                         "developers", developers,
                         "comments", _("The desk of a community police station: incidents and residents’ concerns, the map, problems worked on with partners, meetings and reports."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", _("© The Beatbook developers"),
                         /* Translators: your names, one per line, to be credited in the About window */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BbApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than destroying) lets each window remember its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new-station", new_station_action },
  { "open-station", open_station_action },
  { "open-demo", open_demo_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
bb_application_startup (GApplication *app)
{
  BbApplication *self = BB_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-station", { "<Control>n", NULL } },
    { "app.open-station", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.show-view::map", { "<Control>1", NULL } },
    { "win.show-view::problems", { "<Control>2", NULL } },
    { "win.show-view::calendar", { "<Control>3", NULL } },
    { "win.show-view::reports", { "<Control>4", NULL } },
    { "win.show-view::incidents", { "<Control>5", NULL } },
    { "win.show-view::directory", { "<Control>6", NULL } },
    { "win.show-view::surveys", { "<Control>7", NULL } },
    { "win.go-back", { "<Alt>Left", NULL } },
  };

  G_APPLICATION_CLASS (bb_application_parent_class)->startup (app);

  self->settings = g_settings_new ("org.beatbook.Beatbook");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
bb_application_finalize (GObject *object)
{
  BbApplication *self = BB_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bb_application_parent_class)->finalize (object);
}

static void
bb_application_class_init (BbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bb_application_finalize;
  app_class->startup = bb_application_startup;
  app_class->activate = bb_application_activate;
  app_class->local_command_line = bb_application_local_command_line;
  app_class->handle_local_options = bb_application_handle_local_options;
  app_class->command_line = bb_application_command_line;
}

static void
bb_application_init (BbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[STATION.beatbook]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Beatbook, the desk of a community police station. Opens the station file given, the demo station with --demo, or else the station that was open last."));
}

BbApplication *
bb_application_new (void)
{
  return g_object_new (BB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/org/beatbook/Beatbook",
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}
