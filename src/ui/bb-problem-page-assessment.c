/* bb-problem-page-assessment.c: the problem page's before/after counts, their test and the displacement quotient; the area's hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problem-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-area-hotspots.h"
#include "bb-assessment.h"
#include "bb-problem-page-private.h"

/* Fewer incidents than this in the area, before and after together, and
 * any change is mostly chance: the page says so. */
#define FEW_INCIDENTS 20

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static char *
percent_change (double before,
                double after)
{
  if (before <= 0)
    return g_strdup ("–");
  return g_strdup_printf ("%+.0f %%", 100.0 * (after - before) / before);
}

void
bb_problem_page_fill_assessment (BbProblemPage *self)
{
  const BbProblemDetail *d = self->detail;
  const BbAssessmentCounts *c;
  BbAssessment a;
  g_autofree char *buffer_name = NULL;
  g_autofree char *change = NULL;
  g_autofree char *wdq = NULL;
  g_autofree char *summary = NULL;

  clear_grid (self->results_grid);
  if (d == NULL || !d->assessed)
    {
      gtk_label_set_label (self->not_assessed_label,
                           d == NULL ? _("The counts appear once the problem is saved with an area, a baseline and a response period.")
                                     : d->not_assessed);
      gtk_widget_set_visible (GTK_WIDGET (self->not_assessed_label), TRUE);
      gtk_widget_set_visible (self->results_box, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->change_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->wdq_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      return;
    }

  c = &d->counts;
  bb_assessment_compute (c, &a);
  gtk_widget_set_visible (GTK_WIDGET (self->not_assessed_label), FALSE);
  gtk_widget_set_visible (self->results_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->wdq_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);

  /* Translators: the ring around a problem's area, "Around it (200 m)" */
  buffer_name = g_strdup_printf (_("Around it (%.0f m)"), d->problem->buffer_m);
  {
    const char *names[] = { _("In the area"), buffer_name, _("Rest of the district") };
    const double before[] = { c->area_before, c->buffer_before, c->control_before };
    const double after[] = { c->area_after, c->buffer_after, c->control_after };
    const char *short_names[] = { C_("assessment zone", "Area"), C_("assessment zone", "Around"),
                                  C_("assessment zone", "Rest"), NULL };

    grid_label (self->results_grid, "", 0, 0, TRUE);
    grid_label (self->results_grid, _("Before"), 1, 0, TRUE);
    grid_label (self->results_grid, _("After"), 2, 0, TRUE);
    grid_label (self->results_grid, _("Change"), 3, 0, TRUE);
    for (int i = 0; i < 3; i++)
      {
        g_autofree char *b = g_strdup_printf ("%.0f", before[i]);
        g_autofree char *f = g_strdup_printf ("%.0f", after[i]);
        g_autofree char *p = percent_change (before[i], after[i]);

        grid_label (self->results_grid, names[i], 0, i + 1, FALSE);
        grid_label (self->results_grid, b, 1, i + 1, FALSE);
        grid_label (self->results_grid, f, 2, i + 1, FALSE);
        grid_label (self->results_grid, p, 3, i + 1, FALSE);
      }
    /* The rest of the district is far larger; the chart shows the two
     * places the response is about. */
    bb_mini_chart_set_data (self->results_chart, short_names, before, after, 2, _("Before"), _("After"), 1);
  }

  /* The Poisson test of the area's change, in words and figures. */
  {
    g_autofree char *z = g_strdup_printf ("%.2f", a.change_z);
    g_autofree char *pc = percent_change (c->area_before, c->area_after);

    /* Translators: "Change in the area: -45 %, significant fall (Poisson test of the two counts: z = -3.21)." */
    change = g_strdup_printf (_("Change in the area: %s, %s (Poisson test of the two counts: z = %s)."),
                              pc, bb_change_level_describe (a.change), z);
    if (c->area_before + c->area_after < FEW_INCIDENTS)
      {
        g_autofree char *with_caution = g_strdup_printf ("%s %s", change,
                                                         _("With so few incidents, read the change with care."));
        g_free (change);
        change = g_steal_pointer (&with_caution);
      }
  }
  gtk_label_set_label (self->change_label, change);

  if (isnan (a.wdq))
    /* Translators: %s says why the quotient cannot be computed */
    wdq = g_strdup_printf (_("Displacement: %s."), bb_wdq_reading_describe (a.reading));
  else
    /* Translators: "Weighted displacement quotient (Bowers & Johnson): 0.40, diffusion of benefits …" */
    wdq = g_strdup_printf (_("Weighted displacement quotient (Bowers and Johnson): %.2f, %s."), a.wdq,
                           bb_wdq_reading_describe (a.reading));
  gtk_label_set_label (self->wdq_label, wdq);

  summary = bb_assessment_summary (c, &a);
  gtk_label_set_label (self->summary_label, summary);
}

/* The area's hot spots ------------------------------------------------------ */

static void
hotspots_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BbProblemPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbAreaHotspots) stats = bb_area_hotspots_compute_finish (result, &error);
  g_autofree char *text = NULL;

  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->hotspots_cancellable);
  if (stats == NULL)
    /* Translators: %s says why */
    text = g_strdup_printf (_("The hot spots could not be worked out: %s"), error->message);
  else
    text = bb_area_hotspots_describe (stats);
  adw_action_row_set_subtitle (self->area_hotspots_row, text);
}

void
bb_problem_page_fill_hotspots (BbProblemPage *self)
{
  g_cancellable_cancel (self->hotspots_cancellable);
  g_clear_object (&self->hotspots_cancellable);
  if (self->detail == NULL || self->problem_id == NULL || self->store == NULL)
    {
      adw_action_row_set_subtitle (self->area_hotspots_row, _("Worked out once the problem is saved"));
      return;
    }
  adw_action_row_set_subtitle (self->area_hotspots_row, _("Working them out…"));
  self->hotspots_cancellable = g_cancellable_new ();
  bb_area_hotspots_compute_async (self->store, self->problem_id, self->hotspots_cancellable, hotspots_ready_cb,
                                  g_object_ref (self));
}
