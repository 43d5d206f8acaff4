/* bb-hotspot-popover.c: the statistics of a hot-spot cell and "Open as Problem" */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-hotspot-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-hotspot-popover.h"
#include "bb-hotspot-problem.h"

struct _BbHotspotPopover
{
  GtkPopover      parent_instance;

  BbMapAnalysis  *analysis;
  guint           spot;

  GtkLabel       *title_label;
  GtkLabel       *reading_label;
  GtkGrid        *facts_grid;
  GtkLabel       *method_label;
  GtkWidget      *problem_button;
};

G_DEFINE_FINAL_TYPE (BbHotspotPopover, bb_hotspot_popover, GTK_TYPE_POPOVER)

static void
clear_facts (BbHotspotPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_grid))) != NULL)
    gtk_grid_remove (self->facts_grid, child);
}

static void
keep_analysis (BbHotspotPopover *self,
               BbMapAnalysis    *analysis)
{
  bb_map_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  self->analysis = analysis;
}

static void
add_fact (BbHotspotPopover *self,
          guint             row,
          const char       *name,
          const char       *value)
{
  GtkWidget *key = gtk_label_new (name);
  GtkWidget *label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  /* A screen reader hears the value with its name. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_RELATION_LABELLED_BY, key, NULL, -1);
  gtk_grid_attach (self->facts_grid, key, 0, row, 1, 1);
  gtk_grid_attach (self->facts_grid, label, 1, row, 1, 1);
}

void
bb_hotspot_popover_set_cell (BbHotspotPopover       *self,
                             BbMapAnalysis          *analysis,
                             const BbMapHotspotCell *cell)
{
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *z = NULL;
  g_autofree char *p = NULL;
  g_autofree char *confidence = NULL;
  g_autofree char *spot_text = NULL;
  g_autofree char *method = NULL;
  gboolean hot;

  g_return_if_fail (BB_IS_HOTSPOT_POPOVER (self));
  g_return_if_fail (analysis != NULL && cell != NULL);

  keep_analysis (self, analysis);
  self->spot = cell->spot != NULL ? cell->spot->id : 0;
  hot = cell->bin > 0;

  if (cell->spot != NULL)
    title = g_strdup_printf (hot ? _("Hot Spot %u · %d %% Confidence") : _("Cold Spot %u · %d %% Confidence"),
                             cell->spot->id, bb_hotspot_confidence (cell->bin));
  else
    title = g_strdup (_("Not Significant"));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->reading_label,
                       hot ? _("More incidents in and around this cell than the town’s average would give by chance.")
                           : cell->bin < 0 ? _("Fewer incidents in and around this cell than the town’s average would give by chance.")
                                           : _("About as many incidents around this cell as chance would give."));

  clear_facts (self);
  count = g_strdup_printf ("%u", cell->count);
  z = g_strdup_printf ("%.2f", cell->z);
  p = bb_hotspot_format_p (cell->p);
  confidence = cell->bin != 0 ? g_strdup_printf ("%d %%", bb_hotspot_confidence (cell->bin)) : g_strdup (_("none"));
  add_fact (self, 0, _("Incidents in this cell"), count);
  add_fact (self, 1, _("Gi* z-score"), z);
  add_fact (self, 2, _("p-value"), p);
  add_fact (self, 3, _("Confidence"), confidence);
  if (cell->spot != NULL)
    {
      spot_text = g_strdup_printf (g_dngettext (NULL, "%u incident in %u cell", "%u incidents in %u cells",
                                                cell->spot->count),
                                   cell->spot->count, cell->spot->n_cells);
      add_fact (self, 4, hot ? _("The whole hot spot") : _("The whole cold spot"), spot_text);
    }

  method = g_strdup_printf (_("Cells of %.0f m; neighbours within %.0f m; %s."), analysis->hot_cell_size,
                            analysis->distance,
                            analysis->options.correction == BB_GISTAR_CORRECTION_FDR
                            ? _("corrected for the false-discovery rate")
                            : _("not corrected for the number of cells tested"));
  gtk_label_set_label (self->method_label, method);

  gtk_widget_set_visible (self->problem_button, hot && self->spot != 0);
  /* The target first: the action takes a spot id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->problem_button), "u", self->spot);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problem_button), "map.open-hotspot");
}

void
bb_hotspot_popover_set_district (BbHotspotPopover *self,
                                 BbMapAnalysis    *analysis,
                                 guint             index,
                                 const char       *name)
{
  const BbGistarResult *gi;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  g_autofree char *z = NULL;
  g_autofree char *p = NULL;
  g_autofree char *confidence = NULL;
  g_autofree char *neighbours = NULL;
  int bin;

  g_return_if_fail (BB_IS_HOTSPOT_POPOVER (self));
  g_return_if_fail (analysis != NULL && analysis->district_gi != NULL && index < analysis->district_gi->n);

  keep_analysis (self, analysis);
  gi = analysis->district_gi;
  bin = gi->bin[index];
  self->spot = index + 1;

  title = bin != 0 ? g_strdup_printf (bin > 0 ? _("%s · Hot District · %d %%") : _("%s · Cold District · %d %%"),
                                      name, bb_hotspot_confidence (bin))
                   : g_strdup_printf (_("%s · Not Significant"), name);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->reading_label,
                       bin > 0 ? _("More incidents in this district and the districts around it than the station’s average would give by chance.")
                               : bin < 0 ? _("Fewer incidents in this district and the districts around it than the station’s average would give by chance.")
                                         : _("About as many incidents here and around as chance would give."));
  clear_facts (self);
  count = g_strdup_printf ("%.0f", analysis->district_counts[index]);
  z = g_strdup_printf ("%.2f", gi->z[index]);
  p = bb_hotspot_format_p (gi->p[index]);
  confidence = bin != 0 ? g_strdup_printf ("%d %%", bb_hotspot_confidence (bin)) : g_strdup (_("none"));
  neighbours = g_strdup_printf ("%" G_GSIZE_FORMAT, bb_neighbours_count (analysis->districts->neighbours, index));
  add_fact (self, 0, _("Incidents in this district"), count);
  add_fact (self, 1, _("Gi* z-score"), z);
  add_fact (self, 2, _("p-value"), p);
  add_fact (self, 3, _("Confidence"), confidence);
  add_fact (self, 4, _("Bordering districts"), neighbours);
  gtk_label_set_label (self->method_label,
                       analysis->options.correction == BB_GISTAR_CORRECTION_FDR
                       ? _("Gi* over the station’s districts, each with those it borders; corrected for the false-discovery rate.")
                       : _("Gi* over the station’s districts, each with those it borders; with few districts only a clear difference shows."));

  gtk_widget_set_visible (self->problem_button, bin > 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->problem_button), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problem_button), "map.open-district");
}

guint
bb_hotspot_popover_get_spot (BbHotspotPopover *self)
{
  g_return_val_if_fail (BB_IS_HOTSPOT_POPOVER (self), 0);
  return self->spot;
}

static void
bb_hotspot_popover_dispose (GObject *object)
{
  BbHotspotPopover *self = BB_HOTSPOT_POPOVER (object);

  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_HOTSPOT_POPOVER);

  G_OBJECT_CLASS (bb_hotspot_popover_parent_class)->dispose (object);
}

static void
bb_hotspot_popover_class_init (BbHotspotPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_hotspot_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-hotspot-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, BbHotspotPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbHotspotPopover, reading_label);
  gtk_widget_class_bind_template_child (widget_class, BbHotspotPopover, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, BbHotspotPopover, method_label);
  gtk_widget_class_bind_template_child (widget_class, BbHotspotPopover, problem_button);
}

static void
bb_hotspot_popover_init (BbHotspotPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bb_hotspot_popover_new (void)
{
  return g_object_new (BB_TYPE_HOTSPOT_POPOVER, NULL);
}
