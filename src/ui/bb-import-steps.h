/* bb-import-steps.h: what the import dialogs share: their steps (mapping, busy, report, error) and progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @step of @stack with the header buttons and actions ("import.check",
 * "import.back", "import.run") it offers; Import only when @can_import. */
void bb_import_steps_show     (GtkWidget      *dialog,
                               GtkStack       *stack,
                               GtkWidget      *check_button,
                               GtkWidget      *back_button,
                               GtkWidget      *import_button,
                               const char     *step,
                               gboolean        can_import);
/* The busy step's bar at @fraction, with the percentage written on it. */
void bb_import_steps_progress (GtkProgressBar *bar,
                               double          fraction);

G_END_DECLS
