/* bb-bundle-export-dialog.c: writing a bundle of this station's changes for another station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-bundle-export-dialog.h"
#include "bb-bundle.h"
#include "bb-sync.h"

struct _BbBundleExportDialog
{
  AdwWindow       parent_instance;

  BbStore        *store;
  GPtrArray      *peers;          /* BbSyncPeer, after "any station" in the combo row */
  char           *outbox;
  GCancellable   *cancellable;
  char           *path;           /* being written */

  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *export_button;
  GtkWidget      *close_button;
  GtkStack       *stack;
  AdwComboRow    *peer_row;
  GtkStringList  *peer_names;
  GtkWidget      *hq_row;
  GtkSwitch      *hq_switch;
  GtkWidget      *everything_row;
  GtkSwitch      *everything_switch;
  GtkWidget      *restricted_row;
  GtkSwitch      *restricted_switch;
  AdwActionRow   *destination_row;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *done_page;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (BbBundleExportDialog, bb_bundle_export_dialog, ADW_TYPE_WINDOW)

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) t = us > 0 ? g_date_time_new_from_unix_local (us / G_USEC_PER_SEC) : NULL;

  return t != NULL ? g_date_time_format (t, _("%-d %B %Y, %H:%M")) : NULL;
}

/* The chosen peer, or NULL for any station. */
static BbSyncPeer *
chosen_peer (BbBundleExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->peer_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->peers->len)
    return NULL;
  return g_ptr_array_index (self->peers, selected - 1);
}

static void
show_step (BbBundleExportDialog *self,
           const char           *step)
{
  gboolean options = g_str_equal (step, "options");
  gboolean done = g_str_equal (step, "done") || g_str_equal (step, "error");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (self->export_button, options);
  gtk_widget_set_visible (self->cancel_button, !done);
  gtk_widget_set_visible (self->close_button, done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run", options);
  gtk_window_set_default_widget (GTK_WINDOW (self), options ? self->export_button : self->close_button);
}

static void
update_choices (BbBundleExportDialog *self)
{
  BbSyncPeer *peer = chosen_peer (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *destination = NULL;

  gtk_widget_set_visible (self->hq_row, peer != NULL);
  gtk_widget_set_visible (self->everything_row, peer != NULL);
  if (peer != NULL && gtk_switch_get_active (self->hq_switch) != peer->headquarters)
    gtk_switch_set_active (self->hq_switch, peer->headquarters);
  gtk_widget_set_sensitive (self->restricted_row, peer != NULL && gtk_switch_get_active (self->hq_switch));
  if (!gtk_widget_get_sensitive (self->restricted_row))
    gtk_switch_set_active (self->restricted_switch, FALSE);

  if (peer == NULL)
    subtitle = g_strdup (_("Everything this station holds, for a station it has not exchanged with yet"));
  else if (peer->sent_seq == 0)
    subtitle = g_strdup (_("Everything except what came from it: nothing was sent to it yet"));
  else
    {
      g_autofree char *when = format_time (peer->last_sent_at);

      /* Translators: changes not sent yet to a station, the number of the last bundle for it, and when it was written */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld change since bundle %u of %s",
                                               "%lld changes since bundle %u of %s", peer->pending),
                                  (long long) peer->pending, peer->sent_seq, when != NULL ? when : "");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->peer_row), subtitle);

  if (self->outbox != NULL && *self->outbox != '\0')
    {
      g_autofree char *display = g_filename_display_name (self->outbox);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row), _("Outbox"));
      /* Translators: where a bundle will be written: the outbox folder */
      destination = g_strdup_printf (_("Written to %s, where the synchronising tool takes it"), display);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row), _("A File"));
      destination = g_strdup (_("Export asks where to save it: a USB stick, or a folder to send it from. An outbox folder can be set in Preferences."));
    }
  adw_action_row_set_subtitle (self->destination_row, destination);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  BbBundleExportDialog *self = data;
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (fraction * 100.0 + 0.5));

  if (self->progress_bar == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BbBundleExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBundleHeader) header = bb_bundle_export_finish (BB_STORE (object), result, &error);
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  if (self->stack == NULL)
    return;
  if (header == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_step (self, "options");
          return;
        }
      adw_status_page_set_description (self->error_page, error->message);
      show_step (self, "error");
      return;
    }
  display = g_filename_display_name (self->path);
  /* Translators: records and deletions in a bundle, for whom, and the file it was written to */
  text = g_strdup_printf (_("%'llu records and %'llu deletions for %s, in %s.%s Take "
                            "it to the other station on a USB stick, by e-mail or through a shared folder."),
                          (unsigned long long) bb_bundle_header_count_records (header), (unsigned long long) bb_bundle_header_count_deleted (header),
                          header->to_name != NULL ? header->to_name : _("any station"), display,
                          header->restricted_included ? _(" It holds restricted incidents: keep it safe.") : "");
  adw_status_page_set_description (self->done_page, text);
  show_step (self, "done");
}

static void
start_export (BbBundleExportDialog *self,
              const char           *path)
{
  BbSyncPeer *peer = chosen_peer (self);
  BbBundleExportOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  if (peer != NULL && gtk_switch_get_active (self->hq_switch) != peer->headquarters)
    {
      if (!bb_sync_set_peer (self->store, peer->station_id, NULL, gtk_switch_get_active (self->hq_switch), &error))
        {
          adw_status_page_set_description (self->error_page, error->message);
          show_step (self, "error");
          return;
        }
      peer->headquarters = gtk_switch_get_active (self->hq_switch);
    }
  options.peer_id = peer != NULL ? peer->station_id : NULL;
  options.everything = peer != NULL && gtk_switch_get_active (self->everything_switch);
  options.include_restricted = peer != NULL && gtk_switch_get_active (self->restricted_switch);

  g_free (self->path);
  self->path = g_strdup (path);
  progress_cb (0.0, self);
  show_step (self, "busy");
  bb_bundle_export_async (self->store, path, &options, self->cancellable, progress_cb, g_object_ref (self),
                          g_object_unref, exported_cb, g_object_ref (self));
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(BbBundleExportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->stack != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && !g_str_has_suffix (path, BB_BUNDLE_SUFFIX))
        {
          char *with = g_strconcat (path, BB_BUNDLE_SUFFIX, NULL);

          g_free (path);
          path = with;
        }
      if (path != NULL)
        start_export (self, path);
    }
  g_object_unref (chooser);
}

/* A name in the outbox that does not replace a bundle not yet taken away. */
static char *
free_name (const char *folder,
           const char *name)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (BB_BUNDLE_SUFFIX));

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *other = g_strdup_printf ("%s (%u)%s", stem, n, BB_BUNDLE_SUFFIX);

      g_free (path);
      path = g_build_filename (folder, other, NULL);
    }
  return path;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BbBundleExportDialog *self = BB_BUNDLE_EXPORT_DIALOG (widget);
  BbSyncPeer *peer = chosen_peer (self);
  g_autofree char *name = bb_bundle_suggest_name (self->store, peer != NULL ? peer->name : NULL,
                                                  peer != NULL ? peer->sent_seq + 1 : 0);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (self->outbox != NULL && *self->outbox != '\0')
    {
      g_autofree char *path = free_name (self->outbox, name);

      start_export (self, path);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Save the Bundle"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Beatbook Bundles"));
  gtk_file_filter_add_pattern (filter, "*" BB_BUNDLE_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbBundleExportDialog *self = BB_BUNDLE_EXPORT_DIALOG (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "busy"))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
choice_changed_cb (BbBundleExportDialog *self)
{
  update_choices (self);
}

static void
bb_bundle_export_dialog_dispose (GObject *object)
{
  BbBundleExportDialog *self = BB_BUNDLE_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_BUNDLE_EXPORT_DIALOG);

  G_OBJECT_CLASS (bb_bundle_export_dialog_parent_class)->dispose (object);
}

static void
bb_bundle_export_dialog_finalize (GObject *object)
{
  BbBundleExportDialog *self = BB_BUNDLE_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->peers, g_ptr_array_unref);
  g_free (self->outbox);
  g_free (self->path);

  G_OBJECT_CLASS (bb_bundle_export_dialog_parent_class)->finalize (object);
}

static void
bb_bundle_export_dialog_class_init (BbBundleExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_bundle_export_dialog_dispose;
  object_class->finalize = bb_bundle_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-bundle-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, peer_row);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, peer_names);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, hq_row);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, hq_switch);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, everything_row);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, everything_switch);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, restricted_row);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, restricted_switch);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, BbBundleExportDialog, error_page);

  gtk_widget_class_install_action (widget_class, "export.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
bb_bundle_export_dialog_init (BbBundleExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->peer_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->hq_switch, "notify::active", G_CALLBACK (choice_changed_cb), self);
}

BbBundleExportDialog *
bb_bundle_export_dialog_new (GtkWindow *parent,
                             BbStore   *store)
{
  BbBundleExportDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *station = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  self = g_object_new (BB_TYPE_BUNDLE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->outbox = bb_sync_dup_outbox (store);
  self->peers = bb_sync_list_peers (store, &error);
  if (self->peers == NULL)
    {
      g_warning ("Listing the stations to send to failed: %s", error->message);
      self->peers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_sync_peer_free);
    }
  station = bb_store_dup_station_name (store);
  adw_window_title_set_subtitle (self->window_title, station);

  gtk_string_list_append (self->peer_names, _("Any station"));
  for (guint i = 0; i < self->peers->len; i++)
    {
      BbSyncPeer *peer = g_ptr_array_index (self->peers, i);

      gtk_string_list_append (self->peer_names, peer->name);
    }
  /* The station exchanged with most recently, headquarters first. */
  adw_combo_row_set_selected (self->peer_row, self->peers->len > 0 ? 1 : 0);
  update_choices (self);
  show_step (self, "options");
  return self;
}

const char *
bb_bundle_export_dialog_get_step (BbBundleExportDialog *self)
{
  g_return_val_if_fail (BB_IS_BUNDLE_EXPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
bb_bundle_export_dialog_set_peer (BbBundleExportDialog *self,
                                  const char           *station_id)
{
  g_return_if_fail (BB_IS_BUNDLE_EXPORT_DIALOG (self));

  for (guint i = 0; i < self->peers->len; i++)
    if (g_strcmp0 (((BbSyncPeer *) g_ptr_array_index (self->peers, i))->station_id, station_id) == 0)
      adw_combo_row_set_selected (self->peer_row, i + 1);
  if (station_id == NULL)
    adw_combo_row_set_selected (self->peer_row, 0);
}
