/* bb-passphrase-prompt.h: asking for a passphrase: to open a station, and to set, change or remove one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* Called with the passphrase given, or NULL when the user cancelled. */
typedef void (*BbPassphraseOpenFunc) (BbStore  *store,
                                      gboolean  opened,
                                      gpointer  user_data);

/* Asks for @store's passphrase over @parent until the right one is given
 * (@opened TRUE) or the user cancels (FALSE). */
void bb_passphrase_prompt_open   (GtkWindow            *parent,
                                  BbStore              *store,
                                  BbPassphraseOpenFunc  func,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy);

/* Asks for one passphrase; @func gets it, or NULL when the user cancelled. */
typedef void (*BbPassphraseAskFunc) (const char *passphrase,
                                     gpointer    user_data);
void bb_passphrase_prompt_ask    (GtkWindow            *parent,
                                  const char           *heading,
                                  const char           *body,
                                  BbPassphraseAskFunc   func,
                                  gpointer              user_data);

/* Preferences: sets or changes @store's passphrase (@remove FALSE), or
 * removes it, asking for the current one first; toasts on @parent say
 * what was done or what went wrong. */
void bb_passphrase_prompt_change (AdwPreferencesWindow *parent,
                                  BbStore              *store,
                                  gboolean              remove,
                                  GCallback             done,
                                  gpointer              done_data);

G_END_DECLS
