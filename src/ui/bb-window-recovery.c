/* bb-window-recovery.c: the window's part in keeping stations safe: a damaged station, a tampered audit log, backups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-passphrase-prompt.h"
#include "bb-store-backup.h"
#include "bb-window.h"

typedef struct {
  BbWindow *window;
  char     *station_path;
  char     *backup_path;
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_object_unref (recovery->window);
  g_free (recovery->station_path);
  g_free (recovery->backup_path);
  g_free (recovery);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recovery, recovery_free)

static Recovery *
recovery_new (BbWindow   *window,
              const char *station_path,
              const char *backup_path)
{
  Recovery *recovery = g_new0 (Recovery, 1);

  recovery->window = g_object_ref (window);
  recovery->station_path = g_strdup (station_path);
  recovery->backup_path = g_strdup (backup_path);
  return recovery;
}

static void
backup_restored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Recovery) recovery = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_restore_backup_finish (result, &error);

  if (store == NULL)
    {
      bb_window_show_error (recovery->window, _("Could Not Open the Backup"), error);
      return;
    }
  bb_window_open_store (recovery->window, store);
  bb_window_add_toast (recovery->window, _("The newest backup is open; the damaged file was kept beside it"));
}

static void
damaged_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  /* The dialog's: freed with it, answered or not (closed with its window). */
  Recovery *recovery = user_data;
  BbStore *open = bb_window_get_store (recovery->window);
  Recovery *restore;

  if (g_strcmp0 (response, "open-backup") != 0)
    return;
  /* The damaged station is closed before its file is moved aside. */
  if (open != NULL && g_strcmp0 (bb_store_get_path (open), recovery->station_path) == 0)
    bb_window_set_store (recovery->window, NULL);
  restore = recovery_new (recovery->window, recovery->station_path, recovery->backup_path);
  bb_store_restore_backup_async (restore->station_path, restore->backup_path, NULL, backup_restored_cb, restore);
}

void
bb_window_offer_backup (BbWindow     *self,
                        const char   *station_path,
                        const GError *error)
{
  g_autofree char *backup = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;
  Recovery *recovery;

  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (station_path != NULL);
  g_return_if_fail (error != NULL);

  basename = g_path_get_basename (station_path);
  /* Translators: %s is a station's file name */
  heading = g_strdup_printf (_("“%s” Is Damaged"), basename);
  body = g_string_new (error->message);
  backup = bb_store_backup_newest (station_path);
  if (backup != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (bb_store_backup_newest_time (station_path)
                                                                   / G_USEC_PER_SEC);
      /* Translators: a date and time as in “3 March 2025 at 14:05” (strftime-like; %-d is the day without padding) */
      g_autofree char *date = g_date_time_format (when, _("%-d %B %Y at %H:%M"));

      g_string_append (body, "\n\n");
      g_string_append_printf (body, _("The newest automatic backup was made on %s. Changes made since then are not "
                                      "in it. The damaged file is kept beside it, renamed."), date);
    }
  else
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("There is no automatic backup of this station. Open a copy you saved elsewhere, "
                               "or ask for help to rescue the file."));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  if (backup != NULL)
    {
      adw_message_dialog_add_response (dialog, "open-backup", _("_Open Newest Backup"));
      adw_message_dialog_set_response_appearance (dialog, "open-backup", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "open-backup");
    }
  recovery = recovery_new (self, station_path, backup);
  g_signal_connect_data (dialog, "response", G_CALLBACK (damaged_response_cb), recovery,
                         (GClosureNotify) recovery_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An audit log changed outside Beatbook ---------------------------------- */

static void
tampering_details_cb (AdwToast *toast,
                      BbWindow *self)
{
  BbStore *store = bb_window_get_store (self);
  g_autoptr(GError) tampering = store != NULL ? bb_store_dup_tampering (store) : NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  if (tampering == NULL)
    return;
  body = g_string_new (tampering->message);
  g_string_append (body, "\n\n");
  g_string_append (body, _("Someone changed the station file with another program. The records may have been "
                           "changed too. Keep a copy of this file for whoever investigates, and compare it with "
                           "the automatic backups beside it. Beatbook goes on recording changes."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Audit Log Changed Outside Beatbook"),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_tampered_cb (BbStore      *store,
                   const GError *error,
                   BbWindow     *self)
{
  AdwToast *toast;

  /* A station the window has since closed no longer concerns it; one
   * found both before and after the window took it is told once. */
  if (bb_window_get_store (self) != store || g_object_get_data (G_OBJECT (store), "bb-tampering-told") != NULL)
    return;
  g_object_set_data (G_OBJECT (store), "bb-tampering-told", GINT_TO_POINTER (TRUE));
  toast = adw_toast_new (_("The audit log was changed outside Beatbook"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Details"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (tampering_details_cb), self, 0);
  bb_window_add_adw_toast (self, toast);
}

void
bb_window_watch_audit_log (BbWindow *self,
                           BbStore  *store)
{
  g_autoptr(GError) tampering = NULL;

  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (BB_IS_STORE (store));

  g_signal_connect_object (store, "tampered", G_CALLBACK (store_tampered_cb), self, 0);
  /* Found before the window took the station. */
  tampering = bb_store_dup_tampering (store);
  if (tampering != NULL)
    store_tampered_cb (store, tampering, self);
}

/* A station with a passphrase ------------------------------------------------ */

static void
passphrase_given_cb (BbStore  *store,
                     gboolean  opened,
                     gpointer  user_data)
{
  BbWindow *self = user_data;

  if (opened && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    bb_window_set_store (self, store);
}

void
bb_window_open_store (BbWindow *self,
                      BbStore  *store)
{
  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (BB_IS_STORE (store));

  if (!bb_store_has_passphrase (store))
    {
      bb_window_set_store (self, store);
      return;
    }
  bb_passphrase_prompt_open (GTK_WINDOW (self), store, passphrase_given_cb, g_object_ref (self), g_object_unref);
}

/* Automatic backups ------------------------------------------------------ */

static void
backed_up_cb (BbWindow   *self,
              const char *path,
              gboolean    asked)
{
  if (asked)
    bb_window_add_toast (self, _("Station backed up"));
}

static void
backup_failed_cb (BbWindow     *self,
                  const GError *error)
{
  /* Toast titles are markup; messages may quote anything. */
  g_autofree char *message = g_markup_escape_text (error->message, -1);

  bb_window_add_toast (self, message);
}

static gboolean
hours_to_seconds_cb (GValue   *value,
                     GVariant *variant,
                     gpointer  data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 3600) * 3600);
  return TRUE;
}

BbBackupSchedule *
bb_window_backup_schedule_new (BbWindow  *self,
                               GSettings *settings)
{
  BbBackupSchedule *backups = bb_backup_schedule_new ();

  g_settings_bind (settings, "backup-keep", backups, "keep", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "backup-interval-hours", backups, "interval",
                                G_SETTINGS_BIND_GET, hours_to_seconds_cb, NULL, NULL, NULL);
  g_signal_connect_object (backups, "backed-up", G_CALLBACK (backed_up_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (backups, "failed", G_CALLBACK (backup_failed_cb), self, G_CONNECT_SWAPPED);
  return backups;
}
