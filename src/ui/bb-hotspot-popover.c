/* bb-hotspot-popover.c: the statistics of a hot-spot cell and "Open as Problem" */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-hotspot-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-hotspot-popover.h"
#include "bb-hotspot-problem.h"
#include "bb-map-keys.h"

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

/* "new hot spot" → "New hot spot", in any script. */
static char *
capitalise (const char *text)
{
  char first[8] = { 0 };
  gunichar c = g_utf8_get_char (text);

  g_unichar_to_utf8 (g_unichar_totitle (c), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

void
bb_hotspot_popover_set_trend_cell (BbHotspotPopover     *self,
                                   BbMapTrend           *trend,
                                   const BbMapTrendCell *cell,
                                   BbTrendShow           show)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *base_start = NULL;
  g_autofree char *base_end = NULL;
  g_autofree char *now = NULL;
  g_autofree char *before = NULL;
  g_autofree char *change = NULL;
  g_autofree char *z = NULL;
  g_autofree char *method = NULL;
  gboolean emerging = show == BB_TREND_SHOW_EMERGING && cell->has_emerging;
  guint row = 0;

  g_return_if_fail (BB_IS_HOTSPOT_POPOVER (self));
  g_return_if_fail (trend != NULL && cell != NULL);

  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  self->spot = 0;
  start = bb_map_keys_format_date (trend->start);
  end = bb_map_keys_format_date (trend->end - 1);
  base_start = bb_map_keys_format_date (trend->base_start);
  base_end = bb_map_keys_format_date (trend->base_end - 1);
  clear_facts (self);

  if (emerging)
    {
      g_autofree char *title = capitalise (bb_emerging_pattern_describe (cell->pattern));
      g_autofree char *hot = g_strdup_printf ("%u / %u", cell->n_hot, cell->n_slices);
      g_autofree char *cold = g_strdup_printf ("%u / %u", cell->n_cold, cell->n_slices);
      g_autofree char *trend_z = g_strdup_printf ("%.2f", cell->trend_z);
      g_autofree char *trend_p = bb_hotspot_format_p (cell->trend_p);
      g_autofree char *last_z = g_strdup_printf ("%.2f", cell->last_z);

      gtk_label_set_label (self->title_label, title);
      gtk_label_set_label (self->reading_label,
                           _("How often this cell was a significant hot or cold spot in the last periods of four weeks, "
                             "and whether its Gi* rose or fell over them."));
      add_fact (self, row++, _("Periods as a hot spot"), hot);
      add_fact (self, row++, _("Periods as a cold spot"), cold);
      add_fact (self, row++, _("Gi* z-score, last period"), last_z);
      add_fact (self, row++, _("Mann–Kendall trend z"), trend_z);
      add_fact (self, row++, _("p-value"), trend_p);
      method = g_strdup_printf (_("%u periods of four weeks up to %s; hot or cold at 95 %% confidence; "
                                  "cells of %.0f m, neighbours within %.0f m."),
                                cell->n_slices, end, trend->cell_size, trend->distance);
    }
  else
    {
      g_autofree char *title = capitalise (bb_change_level_describe (cell->level));

      gtk_label_set_label (self->title_label, title);
      gtk_label_set_label (self->reading_label,
                           cell->level == BB_CHANGE_NOISE
                           ? _("A change this small happens by chance: it is noise, whatever its percentage.")
                           : _("A change larger than chance would give, by the Poisson test of the two counts."));
      /* Translators: a period, "2026-01-01 to 2026-03-31" */
      now = g_strdup_printf (_("%u (%s to %s)"), cell->current, start, end);
      before = g_strdup_printf (_("%u (%s to %s)"), cell->base, base_start, base_end);
      change = bb_map_trend_format_change (cell->current, cell->base);
      z = g_strdup_printf ("%.2f", cell->z);
      add_fact (self, row++, _("Incidents this period"), now);
      add_fact (self, row++, _("Incidents before"), before);
      add_fact (self, row++, _("Change"), change);
      add_fact (self, row++, _("Poisson Z"), z);
      method = g_strdup_printf (_("Z = 2(√now − √before): beyond ±2 worth watching, beyond ±3 significant. "
                                  "Cells of %.0f m."), trend->cell_size);
    }
  gtk_label_set_label (self->method_label, method);

  gtk_widget_set_visible (self->problem_button, emerging ? bb_emerging_pattern_sign (cell->pattern) > 0
                                                         : cell->level > BB_CHANGE_NOISE);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->problem_button), "(uu)", cell->col, cell->row);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->problem_button), "map.open-trend-cell");
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
