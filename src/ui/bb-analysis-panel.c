/* bb-analysis-panel.c: the heat-map and hot-spot settings of the Map view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-analysis-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "bb-analysis-panel.h"

struct _BbAnalysisPanel
{
  AdwBin          parent_instance;

  BbMapAnalyst   *analyst;
  BbTrendAnalyst *trend_analyst;
  GPtrArray      *bindings;
  GPtrArray      *trend_bindings;

  GtkLabel       *status_label;
  GtkSwitch      *heat_switch;
  AdwComboRow    *kernel_row;
  AdwActionRow   *bandwidth_row;
  AdwActionRow   *cell_row;
  AdwActionRow   *opacity_row;
  AdwActionRow   *keep_row;
  GtkSwitch      *keep_switch;
  GtkSwitch      *hot_switch;
  AdwComboRow    *units_row;
  AdwActionRow   *hot_cell_row;
  AdwActionRow   *distance_row;
  AdwActionRow   *fdr_row;
  GtkSwitch      *fdr_switch;
  GtkSwitch      *trend_switch;
  AdwComboRow    *trend_show_row;
  AdwComboRow    *trend_versus_row;
  GtkAdjustment  *bandwidth_adjustment;
  GtkAdjustment  *cell_adjustment;
  GtkAdjustment  *opacity_adjustment;
  GtkAdjustment  *hot_cell_adjustment;
  GtkAdjustment  *distance_adjustment;
};

G_DEFINE_FINAL_TYPE (BbAnalysisPanel, bb_analysis_panel, ADW_TYPE_BIN)

/* 0 is the rule: the spin button says so instead of "0". */
static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (value <= 0)
    text = g_strdup (C_("length", "Automatic"));
  else
    text = g_strdup_printf ("%.0f", value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double parsed;

  if (text == NULL || *text == '\0' || g_str_equal (text, C_("length", "Automatic")))
    {
      *value = 0;
      return TRUE;
    }
  parsed = g_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  /* "150 m" is a length too. */
  if (end != NULL && *end == 'm')
    end++;
  if (end == text || (end != NULL && *end != '\0') || !isfinite (parsed) || parsed < 0)
    return GTK_INPUT_ERROR;
  *value = parsed;
  return TRUE;
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL ? text : "");
}

/* The lengths in use beside the settings, and how each was chosen. */
static void
update_subtitles (BbAnalysisPanel *self)
{
  BbMapAnalysis *a = self->analyst != NULL ? bb_map_analyst_get_analysis (self->analyst) : NULL;
  BbMapAnalysisOptions o;
  g_autofree char *bandwidth = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *hot_cell = NULL;
  g_autofree char *distance = NULL;
  g_autofree char *status = NULL;
  gboolean heat, hot;

  if (self->analyst == NULL)
    return;
  bb_map_analyst_get_options (self->analyst, &o);
  heat = a != NULL && a->heat != NULL;
  hot = a != NULL && a->z != NULL;

  if (heat)
    bandwidth = g_strdup_printf (o.bandwidth > 0 ? _("In use: %.0f m, as set")
                                                 /* Translators: the rule for the bandwidth, in use now */
                                                 : _("In use: %.0f m, by the rule 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2"),
                                 a->bandwidth);
  else
    bandwidth = g_strdup (_("Automatic: 0.9 · min(SD, √(1/ln 2) · Dm) · n^−0.2, from the incidents’ spread"));
  if (heat)
    cell = g_strdup_printf (o.cell_size > 0 ? _("In use: %.0f m, as set")
                                            : _("In use: %.1f m, the station’s shorter side ÷ 250"),
                            a->cell_size);
  else
    cell = g_strdup (_("Automatic: the station’s shorter side ÷ 250"));
  if (hot)
    hot_cell = g_strdup_printf (o.hot_cell_size > 0 ? _("In use: %.0f m, as set")
                                                    : _("In use: %.0f m, half the distance band, rounded"),
                                a->hot_cell_size);
  else
    hot_cell = g_strdup (_("Automatic: half the distance band, rounded"));
  if (hot)
    distance = g_strdup_printf (o.distance > 0 ? _("In use: %.0f m, as set")
                                               : _("In use: %.0f m, the heat map’s bandwidth rule, rounded"),
                                a->distance);
  else
    distance = g_strdup (_("Automatic: the heat map’s bandwidth rule, rounded"));
  set_subtitle (self->bandwidth_row, bandwidth);
  set_subtitle (self->cell_row, cell);
  set_subtitle (self->hot_cell_row, hot_cell);
  set_subtitle (self->distance_row, distance);

  if (bb_map_analyst_is_busy (self->analyst)
      || (self->trend_analyst != NULL && bb_trend_analyst_is_busy (self->trend_analyst)))
    status = g_strdup (_("Computing…"));
  else if (a != NULL)
    status = g_strdup_printf (g_dngettext (NULL, "Computed from the %u incident the filter shows.",
                                           "Computed from the %u incidents the filter shows.", a->n_points),
                              (guint) a->n_points);
  else
    status = g_strdup (_("Switch a layer on to analyse the incidents the filter shows."));
  gtk_label_set_label (self->status_label, status);
}

static void
update_sensitivity (BbAnalysisPanel *self)
{
  gboolean heat = gtk_switch_get_active (self->heat_switch);
  gboolean hot = gtk_switch_get_active (self->hot_switch);
  gboolean cells = adw_combo_row_get_selected (self->units_row) == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->kernel_row), heat);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bandwidth_row), heat);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cell_row), heat);
  gtk_widget_set_sensitive (GTK_WIDGET (self->opacity_row), heat);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_row), heat);
  gtk_widget_set_sensitive (GTK_WIDGET (self->units_row), hot);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hot_cell_row), hot && cells);
  gtk_widget_set_sensitive (GTK_WIDGET (self->distance_row), hot && cells);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fdr_row), hot);
  gtk_widget_set_sensitive (GTK_WIDGET (self->trend_show_row), gtk_switch_get_active (self->trend_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->trend_versus_row),
                            gtk_switch_get_active (self->trend_switch)
                            && adw_combo_row_get_selected (self->trend_show_row) == BB_TREND_SHOW_CHANGE);
}

static void
analyst_changed_cb (BbAnalysisPanel *self)
{
  update_subtitles (self);
  update_sensitivity (self);
}

static void
unbind (BbAnalysisPanel *self)
{
  if (self->analyst != NULL)
    g_signal_handlers_disconnect_by_data (self->analyst, self);
  for (guint i = 0; self->bindings != NULL && i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  if (self->bindings != NULL)
    g_ptr_array_set_size (self->bindings, 0);
  g_clear_object (&self->analyst);
}

static void
bind_into (GPtrArray  *bindings,
           gpointer    source,
           const char *source_property,
           gpointer    target,
           const char *target_property)
{
  GBinding *binding = g_object_bind_property (source, source_property, target, target_property,
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_ptr_array_add (bindings, g_object_ref (binding));
}

static void
bind (BbAnalysisPanel *self,
      gpointer         source,
      const char      *source_property,
      gpointer         target,
      const char      *target_property)
{
  bind_into (self->bindings, source, source_property, target, target_property);
}

static void
unbind_trends (BbAnalysisPanel *self)
{
  if (self->trend_analyst != NULL)
    g_signal_handlers_disconnect_by_data (self->trend_analyst, self);
  for (guint i = 0; self->trend_bindings != NULL && i < self->trend_bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->trend_bindings, i));
  if (self->trend_bindings != NULL)
    g_ptr_array_set_size (self->trend_bindings, 0);
  g_clear_object (&self->trend_analyst);
}

static void
bb_analysis_panel_dispose (GObject *object)
{
  BbAnalysisPanel *self = BB_ANALYSIS_PANEL (object);

  unbind (self);
  unbind_trends (self);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->trend_bindings, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_ANALYSIS_PANEL);

  G_OBJECT_CLASS (bb_analysis_panel_parent_class)->dispose (object);
}

static void
bb_analysis_panel_class_init (BbAnalysisPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_analysis_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-analysis-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, heat_switch);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, kernel_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, bandwidth_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, cell_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, opacity_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, keep_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, keep_switch);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, hot_switch);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, units_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, hot_cell_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, distance_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, fdr_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, fdr_switch);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, trend_switch);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, trend_show_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, trend_versus_row);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, bandwidth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, cell_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, hot_cell_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisPanel, distance_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_input_cb);
}

static void
bb_analysis_panel_init (BbAnalysisPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->trend_bindings = g_ptr_array_new_with_free_func (g_object_unref);
  update_sensitivity (self);
}

void
bb_analysis_panel_set_analyst (BbAnalysisPanel *self,
                               BbMapAnalyst    *analyst)
{
  g_return_if_fail (BB_IS_ANALYSIS_PANEL (self));
  g_return_if_fail (analyst == NULL || BB_IS_MAP_ANALYST (analyst));

  if (self->analyst == analyst)
    return;
  unbind (self);
  if (analyst == NULL)
    return;
  self->analyst = g_object_ref (analyst);
  bind (self, analyst, "heat-visible", self->heat_switch, "active");
  bind (self, analyst, "kernel", self->kernel_row, "selected");
  bind (self, analyst, "bandwidth", self->bandwidth_adjustment, "value");
  bind (self, analyst, "cell-size", self->cell_adjustment, "value");
  bind (self, bb_map_analyst_get_heat_layer (analyst), "fill-opacity", self->opacity_adjustment, "value");
  bind (self, analyst, "keep-scale", self->keep_switch, "active");
  bind (self, analyst, "hotspots-visible", self->hot_switch, "active");
  bind (self, analyst, "hotspot-units", self->units_row, "selected");
  bind (self, analyst, "hot-cell-size", self->hot_cell_adjustment, "value");
  bind (self, analyst, "distance", self->distance_adjustment, "value");
  bind (self, analyst, "fdr", self->fdr_switch, "active");
  g_signal_connect_object (analyst, "updated", G_CALLBACK (analyst_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (analyst, "notify", G_CALLBACK (analyst_changed_cb), self, G_CONNECT_SWAPPED);
  analyst_changed_cb (self);
}

BbMapAnalyst *
bb_analysis_panel_get_analyst (BbAnalysisPanel *self)
{
  g_return_val_if_fail (BB_IS_ANALYSIS_PANEL (self), NULL);
  return self->analyst;
}

void
bb_analysis_panel_set_trend_analyst (BbAnalysisPanel *self,
                                     BbTrendAnalyst  *analyst)
{
  g_return_if_fail (BB_IS_ANALYSIS_PANEL (self));
  g_return_if_fail (analyst == NULL || BB_IS_TREND_ANALYST (analyst));

  if (self->trend_analyst == analyst)
    return;
  unbind_trends (self);
  if (analyst == NULL)
    return;
  self->trend_analyst = g_object_ref (analyst);
  bind_into (self->trend_bindings, analyst, "visible", self->trend_switch, "active");
  bind_into (self->trend_bindings, analyst, "show", self->trend_show_row, "selected");
  bind_into (self->trend_bindings, analyst, "versus", self->trend_versus_row, "selected");
  g_signal_connect_object (analyst, "updated", G_CALLBACK (analyst_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (analyst, "notify", G_CALLBACK (analyst_changed_cb), self, G_CONNECT_SWAPPED);
  analyst_changed_cb (self);
}
