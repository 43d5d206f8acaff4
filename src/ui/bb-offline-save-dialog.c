/* bb-offline-save-dialog.c: saving an area of the online map for use with no network */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-offline-save-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-offline-save-dialog.h"
#include "bb-offline-save.h"
#include "bb-tile-server-dialog.h"

struct _BbOfflineSaveDialog
{
  AdwWindow        parent_instance;

  BbMapView       *view;             /* weak */
  BbOnlineSource  *source;
  BbBBox           visible;
  BbBBox           selection;
  gboolean         has_selection;
  char            *folder;
  char            *path;             /* of the file being saved, or saved */
  BbOfflineSave   *save;
  GCancellable    *cancellable;
  gboolean         running;
  gboolean         disposed;

  /* template children */
  GtkWidget       *cancel_button;
  GtkWidget       *start_button;
  GtkStack        *stack;
  AdwActionRow    *visible_row;
  AdwActionRow    *selection_row;
  GtkCheckButton  *selection_check;
  GtkSpinButton   *min_zoom_spin;
  GtkSpinButton   *max_zoom_spin;
  AdwEntryRow     *name_row;
  AdwActionRow    *folder_row;
  GtkLabel        *summary_label;
  GtkLabel        *detail_label;
  AdwStatusPage   *progress_page;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *done_page;
  AdwStatusPage   *failed_page;
};

G_DEFINE_FINAL_TYPE (BbOfflineSaveDialog, bb_offline_save_dialog, ADW_TYPE_WINDOW)

/* "About 2.4 × 1.6 km", for the user to judge the area by. */
static char *
describe_size (const BbBBox *box)
{
  double mid = (box->min_lat + box->max_lat) / 2 * G_PI / 180;
  double width = (box->max_lon - box->min_lon) * 111.32 * cos (mid);
  double height = (box->max_lat - box->min_lat) * 110.57;

  if (width < 1 && height < 1)
    return g_strdup_printf (_("About %.0f × %.0f m"), width * 1000, height * 1000);
  return g_strdup_printf (_("About %.1f × %.1f km"), width, height);
}

static const BbBBox *
chosen_area (BbOfflineSaveDialog *self)
{
  if (self->has_selection && gtk_check_button_get_active (self->selection_check))
    return &self->selection;
  return &self->visible;
}

static char *
file_name_for (const char *name,
               guint       n)
{
  g_autofree char *safe = g_strdelimit (g_strstrip (g_strdup (name)), "/\\:", '-');
  const char *start = safe;

  /* Not a hidden file. */
  while (*start == '.')
    start++;
  if (n <= 1)
    return g_strdup_printf ("%s.mbtiles", *start ? start : "map");
  return g_strdup_printf ("%s (%u).mbtiles", *start ? start : "map", n);
}

/* A file name in the folder that is not taken yet. */
static char *
free_path (BbOfflineSaveDialog *self,
           const char          *name)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *file = file_name_for (name, n);
      char *path = g_build_filename (self->folder, file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

static void
set_page (BbOfflineSaveDialog *self,
          const char          *page)
{
  gboolean setup = g_str_equal (page, "setup");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->start_button, setup);
  /* While saving, the page's own Stop button is the way out; once saved,
   * its two choices are. */
  gtk_widget_set_visible (self->cancel_button, setup || g_str_equal (page, "failed"));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), setup ? _("_Cancel") : _("_Close"));
}

static void
choice_changed_cb (BbOfflineSaveDialog *self)
{
  const BbTileServer *server;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  guint64 n;
  gboolean ok;

  if (self->running || self->source == NULL)
    return;
  server = bb_online_source_get_server (self->source);

  g_clear_object (&self->save);
  self->save = bb_offline_save_new (self->source, chosen_area (self),
                                    (guint) gtk_spin_button_get_value_as_int (self->min_zoom_spin),
                                    (guint) gtk_spin_button_get_value_as_int (self->max_zoom_spin));
  n = bb_offline_save_get_n_tiles (self->save);
  size = g_format_size (bb_offline_save_estimate_size (self->save));
  /* As a double: an area at the closest zoom levels can need more tiles
   * than an unsigned int holds. */
  text = g_strdup_printf (g_dngettext (NULL, "%'.0f tile, about %s", "%'.0f tiles, about %s", MIN (n, 1000000)),
                          (double) n, size);
  gtk_label_set_label (self->summary_label, text);
  g_clear_pointer (&text, g_free);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  ok = bb_offline_save_check (self->save, &error);
  if (!ok)
    text = g_strdup (error->message);
  else if (*name == '\0')
    {
      ok = FALSE;
      text = g_strdup (_("Give the map file a name"));
    }
  else
    {
      g_autofree char *file = NULL;

      host = bb_tile_server_dup_host (server);
      path = free_path (self, name);
      file = g_path_get_basename (path);
      text = g_strdup_printf (_("Downloaded from %s, two tiles at a time, into “%s”."), host, file);
    }
  gtk_label_set_label (self->detail_label, text);
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "save.start", ok);
}

static void
progress_cb (BbOfflineSaveDialog *self)
{
  guint64 total = bb_offline_save_get_n_tiles (self->save);
  guint done = bb_offline_save_get_n_done (self->save);
  g_autofree char *size = g_format_size (bb_offline_save_get_bytes_saved (self->save));
  g_autofree char *text = g_strdup_printf (_("%'u of %'u tiles · %s"), done, (guint) total, size);

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  adw_status_page_set_description (self->progress_page, text);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BbOfflineSaveDialog) self = user_data;
  BbOfflineSave *save = BB_OFFLINE_SAVE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  guint missing;

  self->running = FALSE;
  g_signal_handlers_disconnect_by_func (save, progress_cb, self);
  if (!bb_offline_save_run_finish (save, result, &error))
    {
      g_clear_pointer (&self->path, g_free);
      if (self->disposed)
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_page (self, "setup");
          choice_changed_cb (self);
          gtk_label_set_label (self->detail_label, _("Stopped. Nothing was saved."));
          return;
        }
      adw_status_page_set_description (self->failed_page, error->message);
      set_page (self, "failed");
      return;
    }
  if (self->disposed)
    return;

  size = g_format_size (bb_offline_save_get_bytes_saved (save));
  file = g_path_get_basename (self->path);
  missing = bb_offline_save_get_n_missing (save);
  text = g_strdup_printf (_("%'u tiles, %s, in “%s”. The map file works with no network."),
                          bb_offline_save_get_n_saved (save), size, file);
  if (missing > 0)
    {
      g_autofree char *blank = g_strdup_printf (g_dngettext (NULL, "%'u tile was not on the server and will be blank.",
                                                             "%'u tiles were not on the server and will be blank.",
                                                             missing), missing);
      g_autofree char *both = g_strconcat (text, " ", blank, NULL);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  adw_status_page_set_description (self->done_page, text);
  set_page (self, "done");
}

static void
start_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->running || self->save == NULL || *name == '\0')
    return;
  g_free (self->path);
  self->path = free_path (self, name);
  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_description (self->progress_page, NULL);
  set_page (self, "progress");
  g_signal_connect_swapped (self->save, "notify::n-done", G_CALLBACK (progress_cb), self);
  bb_offline_save_run_async (self->save, self->path, name, self->cancellable, saved_cb, g_object_ref (self));
}

static void
stop_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_cancellable_cancel (BB_OFFLINE_SAVE_DIALOG (widget)->cancellable);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (widget);

  set_page (self, "setup");
  choice_changed_cb (self);
}

static void
use_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->path == NULL || self->view == NULL)
    return;
  if (!bb_map_view_use_mbtiles (self->view, self->path, &error))
    {
      adw_status_page_set_description (self->failed_page, error->message);
      set_page (self, "failed");
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(BbOfflineSaveDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL && !self->disposed)
    bb_offline_save_dialog_set_folder (self, path);
}

static void
choose_folder_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = g_file_new_for_path (self->folder);

  chooser = gtk_file_chooser_native_new (_("Folder for the Map File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_mkdir_with_parents (self->folder, 0755);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
bb_offline_save_dialog_close_request (GtkWindow *window)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (window);

  /* Closing stops the save; it removes its unfinished file itself. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (bb_offline_save_dialog_parent_class)->close_request (window);
}

static void
bb_offline_save_dialog_dispose (GObject *object)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->save != NULL)
    g_signal_handlers_disconnect_by_func (self->save, progress_cb, self);
  g_clear_object (&self->save);
  g_clear_object (&self->source);
  g_clear_weak_pointer (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_OFFLINE_SAVE_DIALOG);

  G_OBJECT_CLASS (bb_offline_save_dialog_parent_class)->dispose (object);
}

static void
bb_offline_save_dialog_finalize (GObject *object)
{
  BbOfflineSaveDialog *self = BB_OFFLINE_SAVE_DIALOG (object);

  g_free (self->folder);
  g_free (self->path);

  G_OBJECT_CLASS (bb_offline_save_dialog_parent_class)->finalize (object);
}

static void
bb_offline_save_dialog_class_init (BbOfflineSaveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bb_offline_save_dialog_dispose;
  object_class->finalize = bb_offline_save_dialog_finalize;
  window_class->close_request = bb_offline_save_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-offline-save-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, visible_row);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, selection_row);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, selection_check);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, min_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, max_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, BbOfflineSaveDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "save.start", NULL, start_action_cb);
  gtk_widget_class_install_action (widget_class, "save.stop", NULL, stop_action_cb);
  gtk_widget_class_install_action (widget_class, "save.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "save.use", NULL, use_action_cb);
  gtk_widget_class_install_action (widget_class, "save.choose-folder", NULL, choose_folder_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_offline_save_dialog_init (BbOfflineSaveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->folder = g_build_filename (g_get_user_data_dir (), "beatbook", "maps", NULL);
}

/* The part of the world the map shows now. */
static void
visible_area (BbMapView *view,
              BbBBox    *box)
{
  ShumateMap *map = bb_map_view_get_map (view);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (map)), 1);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (map)), 1);
  double lat0, lon0, lat1, lon1;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), 0, 0, &lat0, &lon0);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), width, height, &lat1, &lon1);
  box->min_lon = CLAMP (MIN (lon0, lon1), -180, 180);
  box->max_lon = CLAMP (MAX (lon0, lon1), -180, 180);
  box->min_lat = CLAMP (MIN (lat0, lat1), -90, 90);
  box->max_lat = CLAMP (MAX (lat0, lat1), -90, 90);
}

BbOfflineSaveDialog *
bb_offline_save_dialog_present (BbMapView *view)
{
  g_autoptr(BbTileServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  BbOfflineSaveDialog *self;
  BbStore *store;
  GtkRoot *root;
  guint zoom;

  g_return_val_if_fail (BB_IS_MAP_VIEW (view), NULL);

  store = bb_map_view_get_store (view);
  server = store != NULL ? bb_tile_server_load (store, &error) : NULL;
  if (server == NULL)
    {
      bb_tile_server_dialog_present (view);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (view));
  self = g_object_new (BB_TYPE_OFFLINE_SAVE_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  g_set_weak_pointer (&self->view, view);
  self->source = bb_online_source_new (server, NULL);
  g_object_set (self->source, "cache-limit", bb_map_view_tile_cache_limit (), NULL);
  visible_area (view, &self->visible);
  self->has_selection = bb_map_view_get_area (view, &self->selection);

  size = describe_size (&self->visible);
  adw_action_row_set_subtitle (self->visible_row, size);
  g_clear_pointer (&size, g_free);
  if (self->has_selection)
    {
      size = describe_size (&self->selection);
      adw_action_row_set_subtitle (self->selection_row, size);
      gtk_check_button_set_active (self->selection_check, TRUE);
    }
  else
    {
      adw_action_row_set_subtitle (self->selection_row, _("Select an area on the map first"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->selection_row), FALSE);
    }

  /* From a little less to a little more detail than the map shows. */
  zoom = (guint) CLAMP (floor (shumate_viewport_get_zoom_level (shumate_map_get_viewport (bb_map_view_get_map (view)))),
                        0, server->max_zoom);
  gtk_spin_button_set_range (self->min_zoom_spin, 0, server->max_zoom);
  gtk_spin_button_set_range (self->max_zoom_spin, 0, server->max_zoom);
  gtk_spin_button_set_value (self->min_zoom_spin, zoom >= 2 ? zoom - 2 : 0);
  gtk_spin_button_set_value (self->max_zoom_spin, MIN (zoom + 2, server->max_zoom));
  /* The file name is the date the area was saved on. */
  name = g_strdup_printf (_("Offline map %s"), date);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  bb_offline_save_dialog_set_folder (self, self->folder);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
bb_offline_save_dialog_set_zoom_range (BbOfflineSaveDialog *self,
                                       guint                min_zoom,
                                       guint                max_zoom)
{
  g_return_if_fail (BB_IS_OFFLINE_SAVE_DIALOG (self));

  gtk_spin_button_set_value (self->min_zoom_spin, min_zoom);
  gtk_spin_button_set_value (self->max_zoom_spin, max_zoom);
  choice_changed_cb (self);
}

void
bb_offline_save_dialog_set_folder (BbOfflineSaveDialog *self,
                                   const char          *folder)
{
  g_return_if_fail (BB_IS_OFFLINE_SAVE_DIALOG (self));
  g_return_if_fail (folder != NULL);

  if (folder != self->folder)
    {
      g_free (self->folder);
      self->folder = g_strdup (folder);
    }
  adw_action_row_set_subtitle (self->folder_row, self->folder);
  choice_changed_cb (self);
}

const char *
bb_offline_save_dialog_get_page (BbOfflineSaveDialog *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
bb_offline_save_dialog_get_path (BbOfflineSaveDialog *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE_DIALOG (self), NULL);
  return self->path;
}
