/* bb-window-exchange.c: the window's actions for exchanging bundles: export, import, the inbox, the conflicts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-window-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-bundle-dialog.h"
#include "bb-bundle-export-dialog.h"
#include "bb-bundle.h"
#include "bb-conflicts-window.h"
#include "bb-sync.h"
#include "bb-window-exchange.h"

static void
import_paths (BbWindow           *window,
              const char * const *paths);

static void
imported_cb (BbBundleDialog *dialog,
             guint64         count,
             BbWindow        *window)
{
  BbStore *store = bb_window_get_store (window);
  gint64 open = store != NULL ? bb_sync_count_open_conflicts (store, NULL) : 0;
  g_autofree char *text = NULL;

  if (open > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Bundle imported: %lld conflict to review",
                                         "Bundle imported: %lld conflicts to review", open), (long long) open);
  bb_window_add_toast (window, text != NULL ? text : _("Bundle imported"));
}

static void
import_paths (BbWindow           *window,
              const char * const *paths)
{
  BbStore *store = bb_window_get_store (window);
  BbBundleDialog *dialog;

  if (store == NULL || paths == NULL || paths[0] == NULL)
    return;
  dialog = bb_bundle_dialog_new (GTK_WINDOW (window), store, paths);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_bundle_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BbWindow *window = user_data;
  BbStore *store = bb_window_get_store (window);

  if (store != NULL)
    gtk_window_present (GTK_WINDOW (bb_bundle_export_dialog_new (GTK_WINDOW (window), store)));
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(BbWindow) window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      const char *paths[] = { path, NULL };

      if (path == NULL)
        {
          g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                         _("Beatbook imports bundles from this computer only. Copy the "
                                                           "file to a local folder and import it from there."));

          bb_window_show_error (window, _("Could Not Import the Bundle"), error);
        }
      else
        import_paths (window, paths);
    }
  g_object_unref (chooser);
}

static void
import_bundle_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BbWindow *window = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) bundles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (bb_window_get_store (window) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Bundle"), GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (bundles, _("Beatbook Bundles"));
  gtk_file_filter_add_pattern (bundles, "*" BB_BUNDLE_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), bundles);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), bundles);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The inbox ------------------------------------------------------------------- */

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GStrv paths = bb_sync_scan_inbox (task_data, cancellable, &error);

  if (paths == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, paths, (GDestroyNotify) g_strfreev);
}

typedef struct {
  BbWindow *window;
  BbStore  *store;
  gboolean  asked;       /* the user asked: say so when there is nothing */
} Scan;

static void
scan_free (Scan *scan)
{
  g_object_unref (scan->window);
  g_object_unref (scan->store);
  g_free (scan);
}

static void
scanned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Scan *scan = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window moved on to another station meanwhile. */
  if (bb_window_get_store (scan->window) != scan->store)
    goto out;
  if (paths == NULL)
    {
      if (scan->asked)
        bb_window_show_error (scan->window, _("Could Not Read the Inbox"), error);
      goto out;
    }
  if (paths[0] == NULL)
    {
      if (scan->asked)
        bb_window_add_toast (scan->window, _("No new bundles in the inbox"));
      goto out;
    }
  if (scan->asked)
    import_paths (scan->window, (const char * const *) paths);
  else
    {
      guint n = g_strv_length (paths);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new bundle in the inbox",
                                                             "%u new bundles in the inbox", n), n);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Import"));
      adw_toast_set_action_name (toast, "win.check-inbox");
      adw_toast_set_timeout (toast, 0);
      /* Kept to take it away once the inbox was looked at. */
      g_object_set_data_full (G_OBJECT (scan->window), "bb-inbox-toast", g_object_ref (toast), g_object_unref);
      bb_window_add_adw_toast (scan->window, toast);
    }

out:
  scan_free (scan);
}

static void
scan_inbox (BbWindow *window,
            gboolean  asked)
{
  BbStore *store = bb_window_get_store (window);
  g_autofree char *inbox = NULL;
  g_autoptr(GTask) task = NULL;
  Scan *scan;

  if (store == NULL)
    return;
  inbox = bb_sync_dup_inbox (store);
  if (inbox == NULL || *inbox == '\0')
    {
      if (asked)
        bb_window_add_toast (window, _("No inbox folder is set: choose one in Preferences"));
      return;
    }
  scan = g_new0 (Scan, 1);
  scan->window = g_object_ref (window);
  scan->store = g_object_ref (store);
  scan->asked = asked;
  task = g_task_new (NULL, NULL, scanned_cb, scan);
  g_task_set_source_tag (task, scan_inbox);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, scan_thread);
}

static void
check_inbox_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AdwToast *told = g_object_get_data (G_OBJECT (user_data), "bb-inbox-toast");

  if (told != NULL)
    {
      adw_toast_dismiss (told);
      g_object_set_data (G_OBJECT (user_data), "bb-inbox-toast", NULL);
    }
  scan_inbox (user_data, TRUE);
}

static void
show_conflicts_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  BbWindow *window = user_data;
  BbStore *store = bb_window_get_store (window);

  if (store != NULL)
    gtk_window_present (GTK_WINDOW (bb_conflicts_window_new (GTK_WINDOW (window), store)));
}

static const GActionEntry exchange_actions[] = {
  { "export-bundle", export_bundle_action },
  { "import-bundle", import_bundle_action },
  { "check-inbox", check_inbox_action },
  { "show-conflicts", show_conflicts_action },
};

/* The stations whose incidents this station holds, for the filter bars:
 * more than one at headquarters. */
static void
update_station_choices (BbWindow *window)
{
  BbStore *store = bb_window_get_store (window);
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) name_list = NULL;

  if (store != NULL)
    stations = bb_sync_list_stations (store, NULL);
  for (guint i = 0; stations != NULL && i < stations->len; i++)
    {
      BbStation *station = g_ptr_array_index (stations, i);

      g_strv_builder_add (ids, station->id);
      if (i == 0)
        {
          /* Translators: this station in the filter's list of stations, then its name */
          g_autofree char *here = g_strdup_printf (_("This station (%s)"), station->name);

          g_strv_builder_add (names, here);
        }
      else
        g_strv_builder_add (names, station->name);
    }
  id_list = g_strv_builder_end (ids);
  name_list = g_strv_builder_end (names);
  bb_filter_state_set_station_choices (bb_window_get_filter (window), (const char * const *) id_list,
                                       (const char * const *) name_list);
}

static void
station_data_changed_cb (BbWindow *window,
                         guint     changes)
{
  /* New stations come with bundles, in the station table. */
  if (changes & BB_STORE_CHANGE_OTHER)
    update_station_choices (window);
}

static void
store_changed_cb (BbWindow *window)
{
  BbStore *store = bb_window_get_store (window);
  gboolean open = store != NULL;

  update_station_choices (window);
  if (store != NULL && g_object_get_data (G_OBJECT (store), "bb-window-exchange") != window)
    {
      g_object_set_data (G_OBJECT (store), "bb-window-exchange", window);
      g_signal_connect_object (store, "changed", G_CALLBACK (station_data_changed_cb), window, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < G_N_ELEMENTS (exchange_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (window),
                                                                              exchange_actions[i].name)), open);
  /* New bundles in the inbox are picked up when a station opens. */
  if (open)
    scan_inbox (window, FALSE);
}

void
bb_window_exchange_init (BbWindow *window)
{
  g_return_if_fail (BB_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (window), exchange_actions, G_N_ELEMENTS (exchange_actions), window);
  g_signal_connect (window, "notify::store", G_CALLBACK (store_changed_cb), NULL);
  store_changed_cb (window);
}

void
bb_window_import_bundles (BbWindow           *window,
                          const char * const *paths)
{
  g_return_if_fail (BB_IS_WINDOW (window));

  import_paths (window, paths);
}
