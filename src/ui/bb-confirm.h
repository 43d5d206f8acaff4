/* bb-confirm.h: the questions Beatbook asks before it deletes or discards */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Delete …?" with Cancel (the default, and what Escape answers) and a
 * destructive Delete answering "delete".  The caller connects "response"
 * and presents it; it goes with @parent. */
AdwMessageDialog *bb_confirm_delete_new       (GtkWindow  *parent,
                                               const char *heading,
                                               const char *body);

/* "Save the Changes?" with Keep Editing ("cancel", what Escape answers),
 * Discard ("discard") and Save ("save", the default). */
AdwMessageDialog *bb_confirm_save_changes_new (GtkWindow  *parent,
                                               const char *body);

G_END_DECLS
