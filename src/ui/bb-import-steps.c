/* bb-import-steps.c: what the import dialogs share: their steps (mapping, busy, report, error) and progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-steps.h"

void
bb_import_steps_show (GtkWidget  *dialog,
                      GtkStack   *stack,
                      GtkWidget  *check_button,
                      GtkWidget  *back_button,
                      GtkWidget  *import_button,
                      const char *step,
                      gboolean    can_import)
{
  gboolean mapping = g_str_equal (step, "mapping");
  gboolean report = g_str_equal (step, "report");

  gtk_stack_set_visible_child_name (stack, step);
  gtk_widget_set_visible (check_button, mapping);
  gtk_widget_set_visible (back_button, report);
  gtk_widget_set_visible (import_button, report);
  gtk_widget_action_set_enabled (dialog, "import.check", mapping);
  gtk_widget_action_set_enabled (dialog, "import.back", report);
  gtk_widget_action_set_enabled (dialog, "import.run", report && can_import);
  if (mapping)
    gtk_window_set_default_widget (GTK_WINDOW (dialog), check_button);
  else if (report)
    gtk_window_set_default_widget (GTK_WINDOW (dialog), import_button);
}

void
bb_import_steps_progress (GtkProgressBar *bar,
                          double          fraction)
{
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (fraction * 100.0 + 0.5));

  if (bar == NULL)
    return;
  gtk_progress_bar_set_fraction (bar, fraction);
  gtk_progress_bar_set_text (bar, text);
}
