/* bb-preferences-window.c: the preferences: the open station's details and how Beatbook starts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-passphrase-prompt.h"
#include "bb-preferences-window.h"
#include "bb-store-surveys.h"
#include "bb-store-backup.h"
#include "bb-sync.h"

struct _BbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  BbWindow             *window;   /* transient parent; owns the store */
  BbStation            *station;  /* as last read or written */

  AdwPreferencesGroup  *station_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *website_row;
  AdwActionRow         *file_row;
  AdwPreferencesPage   *exchange_page;
  AdwActionRow         *outbox_row;
  AdwActionRow         *inbox_row;
  GtkWidget            *outbox_clear;
  GtkWidget            *inbox_clear;
  GtkSwitch            *open_last_switch;
  GtkWidget            *passphrase_group;
  AdwActionRow         *passphrase_row;
  GtkButton            *passphrase_set_button;
  GtkWidget            *publishing_group;
  GtkSpinButton        *min_respondents_spin;
  AdwPreferencesGroup  *backup_group;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *keep_spin;
  GtkSpinButton        *tile_cache_spin;
  AdwActionRow         *backup_folder_row;
};

G_DEFINE_FINAL_TYPE (BbPreferencesWindow, bb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
add_error_toast (BbPreferencesWindow *self,
                 const GError        *error)
{
  /* Toast titles are markup; messages may quote anything. */
  g_autofree char *message = g_markup_escape_text (error->message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
show_station (BbPreferencesWindow *self)
{
  set_row_text (self->name_row, self->station->name);
  set_row_text (self->address_row, self->station->address);
  set_row_text (self->phone_row, self->station->phone);
  set_row_text (self->email_row, self->station->email);
  set_row_text (self->website_row, self->station->website);
}

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_free (*field);
  *field = g_steal_pointer (&text);
}

static void
station_field_applied_cb (BbPreferencesWindow *self)
{
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_window_get_store (self->window);

  if (store == NULL || self->station == NULL)
    return;

  station = bb_station_copy (self->station);
  replace_text (&station->name, self->name_row);
  replace_text (&station->address, self->address_row);
  replace_text (&station->phone, self->phone_row);
  replace_text (&station->email, self->email_row);
  replace_text (&station->website, self->website_row);

  if (!bb_store_station_update (store, station, &error))
    {
      add_error_toast (self, error);
      show_station (self);
      return;
    }

  /* Read back what the station holds now, with its new time stamp. */
  g_clear_pointer (&self->station, bb_station_free);
  self->station = bb_store_station_get (store, &error);
  if (self->station == NULL)
    {
      add_error_toast (self, error);
      gtk_widget_set_sensitive (GTK_WIDGET (self->station_group), FALSE);
      return;
    }
  show_station (self);
  bb_window_station_changed (self->window);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Station details saved")));
}

/* The exchange's folders ------------------------------------------------------ */

static void
show_folders (BbPreferencesWindow *self)
{
  BbStore *store = bb_window_get_store (self->window);
  g_autofree char *outbox = store != NULL ? bb_sync_dup_outbox (store) : NULL;
  g_autofree char *inbox = store != NULL ? bb_sync_dup_inbox (store) : NULL;
  gboolean has_outbox = outbox != NULL && *outbox != '\0';
  gboolean has_inbox = inbox != NULL && *inbox != '\0';

  adw_action_row_set_subtitle (self->outbox_row, has_outbox ? outbox : _("Not set: Export Changes asks where to save"));
  adw_action_row_set_subtitle (self->inbox_row, has_inbox ? inbox : _("Not set"));
  gtk_widget_set_visible (self->outbox_clear, has_outbox);
  gtk_widget_set_visible (self->inbox_clear, has_inbox);
}

static void
set_folder (BbPreferencesWindow *self,
            const char          *which,
            const char          *folder)
{
  BbStore *store = bb_window_get_store (self->window);
  g_autofree char *outbox = NULL;
  g_autofree char *inbox = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  outbox = bb_sync_dup_outbox (store);
  inbox = bb_sync_dup_inbox (store);
  if (g_str_equal (which, "outbox"))
    {
      g_free (outbox);
      outbox = g_strdup (folder);
    }
  else
    {
      g_free (inbox);
      inbox = g_strdup (folder);
    }
  if (!bb_sync_set_folders (store, outbox, inbox, &error))
    add_error_toast (self, error);
  show_folders (self);
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(BbPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->window != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        set_folder (self, g_object_get_data (G_OBJECT (chooser), "bb-which"), path);
    }
  g_object_unref (chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbPreferencesWindow *self = BB_PREFERENCES_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (g_str_equal (which, "outbox") ? _("Choose the Outbox") : _("Choose the Inbox"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "bb-which", g_strdup (which), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_folder (BB_PREFERENCES_WINDOW (widget), g_variant_get_string (parameter, NULL), NULL);
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BbPreferencesWindow *self = BB_PREFERENCES_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.back-up-now", NULL);
}

static void
bb_preferences_window_dispose (GObject *object)
{
  BbPreferencesWindow *self = BB_PREFERENCES_WINDOW (object);

  g_clear_object (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (bb_preferences_window_parent_class)->dispose (object);
}

static void
bb_preferences_window_finalize (GObject *object)
{
  BbPreferencesWindow *self = BB_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->station, bb_station_free);

  G_OBJECT_CLASS (bb_preferences_window_parent_class)->finalize (object);
}

/* The station's passphrase: whether it has one, and what can be done. */
static void
show_passphrase (BbPreferencesWindow *self)
{
  BbStore *store = bb_window_get_store (self->window);
  gboolean has = store != NULL && bb_store_has_passphrase (store);

  adw_action_row_set_subtitle (self->passphrase_row,
                               has ? _("Set: opening the station needs it; its bundles are encrypted")
                                   : _("None: the station opens without one; its bundles are not encrypted"));
  gtk_button_set_label (self->passphrase_set_button, has ? _("_Change…") : _("_Set…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.remove-passphrase", has);
}

static void
passphrase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BbPreferencesWindow *self = BB_PREFERENCES_WINDOW (widget);
  BbStore *store = bb_window_get_store (self->window);

  if (store == NULL)
    return;
  bb_passphrase_prompt_change (ADW_PREFERENCES_WINDOW (self), store,
                               g_str_equal (action_name, "preferences.remove-passphrase"),
                               G_CALLBACK (show_passphrase), self);
}

static void
bb_preferences_window_class_init (BbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_preferences_window_dispose;
  object_class->finalize = bb_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, station_group);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, website_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, open_last_switch);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, passphrase_set_button);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, publishing_group);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, min_respondents_spin);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, tile_cache_spin);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, backup_folder_row);
  gtk_widget_class_install_action (widget_class, "preferences.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "preferences.set-passphrase", NULL, passphrase_action);
  gtk_widget_class_install_action (widget_class, "preferences.remove-passphrase", NULL, passphrase_action);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, exchange_page);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, outbox_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, inbox_row);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, outbox_clear);
  gtk_widget_class_bind_template_child (widget_class, BbPreferencesWindow, inbox_clear);
  gtk_widget_class_bind_template_callback (widget_class, station_field_applied_cb);
  gtk_widget_class_install_action (widget_class, "exchange.choose-folder", "s", choose_folder_action);
  gtk_widget_class_install_action (widget_class, "exchange.clear-folder", "s", clear_folder_action);
}

static void
bb_preferences_window_init (BbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("org.beatbook.Beatbook");
  g_settings_bind (self->settings, "open-last-station",
                   self->open_last_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-interval-hours",
                   gtk_spin_button_get_adjustment (self->interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-keep",
                   gtk_spin_button_get_adjustment (self->keep_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tile-cache-mb",
                   gtk_spin_button_get_adjustment (self->tile_cache_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* The station's own threshold of survey shares in public documents. */
static void
min_respondents_changed_cb (GtkSpinButton       *spin,
                            BbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_window_get_store (self->window);
  guint value = (guint) gtk_spin_button_get_value_as_int (spin);

  if (store == NULL || value == bb_store_get_survey_min_respondents (store))
    return;
  if (!bb_store_set_survey_min_respondents (store, value, &error))
    add_error_toast (self, error);
}

BbPreferencesWindow *
bb_preferences_window_new (BbWindow *window)
{
  BbPreferencesWindow *self;
  BbStore *store;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BB_IS_WINDOW (window), NULL);

  self = g_object_new (BB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", window,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->window = g_object_ref (window);

  store = bb_window_get_store (window);
  if (store != NULL)
    self->station = bb_store_station_get (store, &error);

  gtk_widget_set_visible (self->publishing_group, self->station != NULL);
  gtk_widget_set_visible (self->passphrase_group, self->station != NULL);
  show_passphrase (self);
  if (self->station != NULL)
    {
      gtk_spin_button_set_value (self->min_respondents_spin, bb_store_get_survey_min_respondents (store));
      g_signal_connect (self->min_respondents_spin, "value-changed", G_CALLBACK (min_respondents_changed_cb), self);
    }
  if (store != NULL)
    {
      g_autofree char *folder = bb_store_backup_folder (bb_store_get_path (store));

      adw_action_row_set_subtitle (self->backup_folder_row, folder);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.back-up-now", store != NULL);

  if (self->station == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->station_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->exchange_page), FALSE);
      if (error != NULL)
        add_error_toast (self, error);
      return self;
    }

  show_station (self);
  show_folders (self);
  adw_action_row_set_subtitle (self->file_row, bb_store_get_path (store));
  return self;
}
