/* bb-passphrase-prompt.c: asking for a passphrase: to open a station, and to set, change or remove one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-passphrase-prompt"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-passphrase-prompt.h"

/* A message dialog with one password entry per label, the last one
 * accepting with Enter. */
static AdwMessageDialog *
prompt_new (GtkWindow          *parent,
            const char         *heading,
            const char         *body,
            const char * const *labels,
            const char         *accept_label,
            GPtrArray          *entries)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      /* A hidden GtkEntry rather than GtkPasswordEntry, whose caps-lock
       * handler outlives it in GTK 4.8 when its dialog closes. */
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), labels[i]);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i], -1);
      gtk_box_append (GTK_BOX (box), entry);
      g_ptr_array_add (entries, entry);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "accept", accept_label);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static const char *
entry_text (GPtrArray *entries,
            guint      i)
{
  return i < entries->len ? gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (entries, i))) : NULL;
}

/* Opening ------------------------------------------------------------- */

typedef struct {
  GtkWindow            *parent;
  BbStore              *store;
  BbPassphraseOpenFunc  func;
  gpointer              user_data;
  GDestroyNotify        destroy;
  GPtrArray            *entries;
  GtkWindow            *checking;   /* shown while the passphrase is checked */
} OpenPrompt;

static void
open_prompt_free (OpenPrompt *prompt)
{
  if (prompt->destroy != NULL)
    prompt->destroy (prompt->user_data);
  g_object_unref (prompt->parent);
  g_object_unref (prompt->store);
  g_ptr_array_unref (prompt->entries);
  g_free (prompt);
}

static void ask_open (OpenPrompt *prompt,
                      const char *body);

static void
passphrase_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OpenPrompt *prompt = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = bb_store_check_passphrase_finish (BB_STORE (source), result, &error);

  g_clear_pointer (&prompt->checking, gtk_window_destroy);
  if (!ok)
    {
      ask_open (prompt, g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE)
                        ? _("That is not the station’s passphrase. Try again.") : error->message);
      return;
    }
  prompt->func (prompt->store, TRUE, prompt->user_data);
  open_prompt_free (prompt);
}

/* What shows while Argon2id runs on a thread: the window stays alive. */
static GtkWindow *
checking_new (OpenPrompt *prompt)
{
  g_autofree char *basename = g_path_get_basename (bb_store_get_path (prompt->store));
  /* Translators: %s is a station's file name */
  g_autofree char *heading = g_strdup_printf (_("Opening “%s”"), basename);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (prompt->parent, heading,
                                                                         _("Checking the passphrase…")));
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checking the passphrase…"), -1);
  adw_message_dialog_set_extra_child (dialog, spinner);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
open_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  OpenPrompt       *prompt)
{
  /* One answer per dialog: closing it after a response is no second one. */
  g_signal_handlers_disconnect_by_data (dialog, prompt);
  if (g_strcmp0 (response, "accept") != 0)
    {
      prompt->func (prompt->store, FALSE, prompt->user_data);
      open_prompt_free (prompt);
      return;
    }
  prompt->checking = checking_new (prompt);
  bb_store_check_passphrase_async (prompt->store, entry_text (prompt->entries, 0), NULL, passphrase_checked_cb,
                                   prompt);
  g_ptr_array_set_size (prompt->entries, 0);
}

static void
ask_open (OpenPrompt *prompt,
          const char *body)
{
  const char *labels[] = { _("Passphrase"), NULL };
  g_autofree char *basename = g_path_get_basename (bb_store_get_path (prompt->store));
  /* Translators: %s is a station's file name */
  g_autofree char *heading = g_strdup_printf (_("“%s” Has a Passphrase"), basename);
  AdwMessageDialog *dialog = prompt_new (prompt->parent, heading, body, labels, _("_Open"), prompt->entries);

  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), prompt);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bb_passphrase_prompt_open (GtkWindow            *parent,
                           BbStore              *store,
                           BbPassphraseOpenFunc  func,
                           gpointer              user_data,
                           GDestroyNotify        destroy)
{
  OpenPrompt *prompt;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (func != NULL);

  prompt = g_new0 (OpenPrompt, 1);
  prompt->parent = g_object_ref (parent);
  prompt->store = g_object_ref (store);
  prompt->func = func;
  prompt->user_data = user_data;
  prompt->destroy = destroy;
  prompt->entries = g_ptr_array_new ();
  ask_open (prompt, _("Give the station’s passphrase to open it. Its bundles are encrypted with it too."));
}

/* Any passphrase ---------------------------------------------------------------- */

typedef struct {
  BbPassphraseAskFunc  func;
  gpointer             user_data;
  GPtrArray           *entries;
} AskPrompt;

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AskPrompt        *prompt)
{
  g_signal_handlers_disconnect_by_data (dialog, prompt);
  prompt->func (g_strcmp0 (response, "accept") == 0 ? entry_text (prompt->entries, 0) : NULL, prompt->user_data);
  g_ptr_array_unref (prompt->entries);
  g_free (prompt);
}

void
bb_passphrase_prompt_ask (GtkWindow           *parent,
                          const char          *heading,
                          const char          *body,
                          BbPassphraseAskFunc  func,
                          gpointer             user_data)
{
  const char *labels[] = { _("Passphrase"), NULL };
  AskPrompt *prompt = g_new0 (AskPrompt, 1);
  AdwMessageDialog *dialog;

  prompt->func = func;
  prompt->user_data = user_data;
  prompt->entries = g_ptr_array_new ();
  dialog = prompt_new (parent, heading, body, labels, _("_Open"), prompt->entries);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), prompt);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Setting, changing, removing ---------------------------------------------- */

typedef struct {
  AdwPreferencesWindow *parent;
  BbStore              *store;
  gboolean              remove;
  gboolean              has_current;
  GPtrArray            *entries;
  GCallback             done;
  gpointer              done_data;
} ChangePrompt;

static void
change_prompt_free (ChangePrompt *prompt)
{
  g_object_unref (prompt->parent);
  g_object_unref (prompt->store);
  g_ptr_array_unref (prompt->entries);
  g_free (prompt);
}

static void
toast (AdwPreferencesWindow *parent,
       const char           *text)
{
  /* Toast titles are markup; messages may quote anything. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (parent, adw_toast_new (escaped));
}

static void
change_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ChangePrompt     *prompt)
{
  g_autoptr(GError) error = NULL;
  guint i = 0;
  const char *current = prompt->has_current ? entry_text (prompt->entries, i++) : NULL;
  const char *passphrase = prompt->remove ? NULL : entry_text (prompt->entries, i++);
  const char *again = prompt->remove ? NULL : entry_text (prompt->entries, i++);

  g_signal_handlers_disconnect_by_data (dialog, prompt);
  if (g_strcmp0 (response, "accept") != 0)
    {
      change_prompt_free (prompt);
      return;
    }
  if (g_strcmp0 (passphrase, again) != 0)
    toast (prompt->parent, _("The two new passphrases differ; nothing was changed"));
  else if (!bb_store_set_passphrase (prompt->store, current, passphrase, &error))
    toast (prompt->parent, error->message);
  else
    {
      toast (prompt->parent, prompt->remove ? _("The station has no passphrase now")
                                            : _("The passphrase is set; write it down somewhere safe"));
      if (prompt->done != NULL)
        ((void (*) (gpointer)) prompt->done) (prompt->done_data);
    }
  change_prompt_free (prompt);
}

void
bb_passphrase_prompt_change (AdwPreferencesWindow *parent,
                             BbStore              *store,
                             gboolean              remove,
                             GCallback             done,
                             gpointer              done_data)
{
  const char *labels[4] = { NULL };
  const char *heading, *body, *accept;
  AdwMessageDialog *dialog;
  ChangePrompt *prompt;
  guint n = 0;

  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (parent));
  g_return_if_fail (BB_IS_STORE (store));

  prompt = g_new0 (ChangePrompt, 1);
  prompt->parent = g_object_ref (parent);
  prompt->store = g_object_ref (store);
  prompt->remove = remove;
  prompt->has_current = bb_store_has_passphrase (store);
  prompt->entries = g_ptr_array_new ();
  prompt->done = done;
  prompt->done_data = done_data;

  if (prompt->has_current)
    labels[n++] = _("Current passphrase");
  if (!remove)
    {
      labels[n++] = _("New passphrase");
      labels[n++] = _("New passphrase again");
    }
  if (remove)
    {
      heading = _("Remove the Passphrase?");
      body = _("The station will open without one, and its bundles will no longer be encrypted.");
      accept = _("_Remove");
    }
  else
    {
      heading = prompt->has_current ? _("Change the Passphrase") : _("Set a Passphrase");
      body = _("Opening this station will need it, and the bundles it writes are encrypted with it: give it to "
               "the stations that import them. At least 8 characters; a few words are best. The station file "
               "itself is not encrypted: encrypt the laptop’s disk for that.");
      accept = prompt->has_current ? _("_Change") : _("_Set");
    }
  dialog = prompt_new (GTK_WINDOW (parent), heading, body, labels, accept, prompt->entries);
  if (remove)
    adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (change_response_cb), prompt);
  gtk_window_present (GTK_WINDOW (dialog));
}
