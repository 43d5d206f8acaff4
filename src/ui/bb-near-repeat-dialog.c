/* bb-near-repeat-dialog.c: the Knox near-repeat test of the incidents the map shows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-near-repeat-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-near-repeat-dialog.h"
#include "bb-near-repeat.h"

struct _BbNearRepeatDialog
{
  AdwWindow       parent_instance;

  GArray         *points;
  GArray         *selected;
  char           *what;
  GCancellable   *cancellable;
  BbKnoxResult   *result;

  GtkLabel       *intro_label;
  AdwEntryRow    *distance_row;
  AdwEntryRow    *days_row;
  GtkSpinButton  *permutations_spin;
  GtkStack       *result_stack;
  GtkSpinner     *spinner;
  GtkLabel       *reading_label;
  GtkGrid        *table;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (BbNearRepeatDialog, bb_near_repeat_dialog, ADW_TYPE_WINDOW)

static void
show_error (BbNearRepeatDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_stack_set_visible_child_name (self->result_stack, "error");
}

static char *
band_label (double from,
            double to,
            const char *unit)
{
  if (isinf (to))
    /* Translators: the last band, e.g. "over 400 m"; %s is the unit */
    return g_strdup_printf (_("over %g %s"), from, unit);
  /* Translators: a band, e.g. "0–100 m"; %s is the unit */
  return g_strdup_printf (_("%g–%g %s"), from, to, unit);
}

static void
add_cell (GtkGrid    *grid,
          const char *text,
          int         col,
          int         row,
          gboolean    strong)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), col == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "numeric");
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, col, row, 1, 1);
}

static void
show_result (BbNearRepeatDialog *self)
{
  const BbKnoxResult *r = self->result;
  g_autofree char *reading = NULL;
  GtkWidget *child;
  guint s, t;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  add_cell (self->table, _("Distance apart"), 0, 0, TRUE);
  for (t = 0; t < r->n_temporal; t++)
    {
      double t0, t1;
      g_autofree char *head = NULL;

      bb_knox_temporal_band (r, t, &t0, &t1);
      head = band_label (t0, t1, _("days"));
      add_cell (self->table, head, t + 1, 0, TRUE);
    }
  for (s = 0; s < r->n_spatial; s++)
    {
      double s0, s1;
      g_autofree char *head = NULL;

      bb_knox_spatial_band (r, s, &s0, &s1);
      head = band_label (s0, s1, _("m"));
      add_cell (self->table, head, 0, s + 1, FALSE);
      for (t = 0; t < r->n_temporal; t++)
        {
          gsize c = bb_knox_index (r, s, t);
          g_autofree char *cell = NULL;

          if (isnan (r->ratio[c]))
            cell = g_strdup ("–");
          else
            /* Translators: observed ÷ expected and the p-value, "2.3× · p 0.010" */
            cell = g_strdup_printf (_("%.2f× · p %.3f"), r->ratio[c], r->p[c]);
          add_cell (self->table, cell, t + 1, s + 1, r->p[c] <= BB_KNOX_SIGNIFICANCE && r->ratio[c] > 1);
        }
    }

  if (bb_near_repeat_strongest (r, &s, &t))
    reading = bb_knox_describe (r, s, t, self->what);
  else
    reading = g_strdup_printf (_("No distance and time band holds more pairs than chance would give (p ≤ 0.05): "
                                 "no near-repeat pattern in these %zu incidents."),
                               r->n_events);
  gtk_label_set_label (self->reading_label, reading);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BbNearRepeatDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  BbKnoxResult *knox = bb_near_repeat_compute_finish (result, &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&knox, bb_knox_result_free);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "near-repeat.run", TRUE);
  if (knox == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_stack_set_visible_child_name (self->result_stack, self->result != NULL ? "result" : "none");
      else
        show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->result, bb_knox_result_free);
  self->result = knox;
  show_result (self);
}

static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbNearRepeatDialog *self = BB_NEAR_REPEAT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spatial = NULL;
  g_autoptr(GArray) temporal = NULL;

  if (self->cancellable != NULL)
    return;
  if (!bb_near_repeat_parse_bands (gtk_editable_get_text (GTK_EDITABLE (self->distance_row)), TRUE, &spatial, &error)
      || !bb_near_repeat_parse_bands (gtk_editable_get_text (GTK_EDITABLE (self->days_row)), FALSE, &temporal, &error))
    {
      show_error (self, error->message);
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->result_stack, "busy");
  gtk_widget_action_set_enabled (widget, "near-repeat.run", FALSE);
  bb_near_repeat_compute_async (self->points, self->selected, spatial, temporal,
                                (guint) gtk_spin_button_get_value_as_int (self->permutations_spin),
                                self->cancellable, computed_cb, g_object_ref (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbNearRepeatDialog *self = BB_NEAR_REPEAT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
bb_near_repeat_dialog_dispose (GObject *object)
{
  BbNearRepeatDialog *self = BB_NEAR_REPEAT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_NEAR_REPEAT_DIALOG);

  G_OBJECT_CLASS (bb_near_repeat_dialog_parent_class)->dispose (object);
}

static void
bb_near_repeat_dialog_finalize (GObject *object)
{
  BbNearRepeatDialog *self = BB_NEAR_REPEAT_DIALOG (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->result, bb_knox_result_free);
  g_free (self->what);

  G_OBJECT_CLASS (bb_near_repeat_dialog_parent_class)->finalize (object);
}

static void
bb_near_repeat_dialog_class_init (BbNearRepeatDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_near_repeat_dialog_dispose;
  object_class->finalize = bb_near_repeat_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-near-repeat-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, distance_row);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, permutations_spin);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, result_stack);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, table);
  gtk_widget_class_bind_template_child (widget_class, BbNearRepeatDialog, error_label);

  gtk_widget_class_install_action (widget_class, "near-repeat.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "near-repeat.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_near_repeat_dialog_init (BbNearRepeatDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->result_stack, "none");
}

BbNearRepeatDialog *
bb_near_repeat_dialog_new (GtkWindow  *parent,
                           GArray     *points,
                           GArray     *selected,
                           const char *what)
{
  BbNearRepeatDialog *self;
  g_autofree char *intro = NULL;
  guint n;

  g_return_val_if_fail (points != NULL, NULL);

  self = g_object_new (BB_TYPE_NEAR_REPEAT_DIALOG, "transient-for", parent, NULL);
  self->points = g_array_ref (points);
  self->selected = selected != NULL ? g_array_ref (selected) : NULL;
  self->what = g_strdup (what);
  n = selected != NULL ? selected->len : points->len;
  intro = g_strdup_printf (g_dngettext (NULL,
                                        "Do incidents follow one another close by, soon after, more often than chance? "
                                        "The Knox test counts the pairs of the %u incident the map shows by how far apart "
                                        "they are in space and in time, and compares each count with shuffled times, as the "
                                        "Near Repeat Calculator does. It suits burglary-like categories.",
                                        "Do incidents follow one another close by, soon after, more often than chance? "
                                        "The Knox test counts the pairs of the %u incidents the map shows by how far apart "
                                        "they are in space and in time, and compares each count with shuffled times, as the "
                                        "Near Repeat Calculator does. It suits burglary-like categories.",
                                        n),
                           n);
  gtk_label_set_label (self->intro_label, intro);
  return self;
}

const BbKnoxResult *
bb_near_repeat_dialog_get_result (BbNearRepeatDialog *self)
{
  g_return_val_if_fail (BB_IS_NEAR_REPEAT_DIALOG (self), NULL);
  return self->result;
}

const char *
bb_near_repeat_dialog_get_reading (BbNearRepeatDialog *self)
{
  g_return_val_if_fail (BB_IS_NEAR_REPEAT_DIALOG (self), NULL);
  return self->result != NULL ? gtk_label_get_label (self->reading_label) : NULL;
}

gboolean
bb_near_repeat_dialog_is_busy (BbNearRepeatDialog *self)
{
  g_return_val_if_fail (BB_IS_NEAR_REPEAT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}
