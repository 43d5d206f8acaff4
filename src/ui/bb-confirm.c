/* bb-confirm.c: the questions Beatbook asks before it deletes or discards */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bb-confirm.h"

static AdwMessageDialog *
question_new (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  /* A question must not outlive the window it is about. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

AdwMessageDialog *
bb_confirm_delete_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body)
{
  AdwMessageDialog *dialog = question_new (parent, heading, body);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  return dialog;
}

AdwMessageDialog *
bb_confirm_save_changes_new (GtkWindow  *parent,
                             const char *body)
{
  AdwMessageDialog *dialog = question_new (parent, _("Save the Changes?"), body);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  return dialog;
}
