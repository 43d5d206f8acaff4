/* bb-analysis-legend.c: what the heat map's colours and the hot spots' cells mean, and the strongest hot spots */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-analysis-legend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-analysis-legend.h"
#include "bb-hotspot-problem.h"
#include "bb-map-keys.h"
#include "bb-store-map.h"

#define MAX_SPOTS 3

struct _BbAnalysisLegend
{
  AdwBin          parent_instance;

  BbMapAnalyst   *analyst;
  BbTrendAnalyst *trend_analyst;
  GPtrArray      *districts;   /* BbMapDistrict, for their names */

  GtkWidget      *busy_box;
  GtkWidget      *heat_box;
  GtkWidget      *ramp_caption;
  GtkDrawingArea *ramp;
  GtkLabel       *ramp_low;
  GtkLabel       *ramp_mid;
  GtkLabel       *ramp_high;
  GtkLabel       *heat_detail;
  GtkLabel       *heat_note;
  GtkWidget      *hot_box;
  GtkGrid        *bins_grid;
  GtkLabel       *hot_detail;
  GtkLabel       *hot_note;
  GtkWidget      *spots_heading;
  GtkBox         *spots_box;
  GtkBox         *trend_box;
};

G_DEFINE_FINAL_TYPE (BbAnalysisLegend, bb_analysis_legend, ADW_TYPE_BIN)

char *
bb_analysis_legend_format_density (double value)
{
  return bb_map_keys_format_density (value);
}

static void
draw_ramp_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, 0, width, 0);

  /* The ramp over white, as it looks over a light base map. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (int i = 0; i <= 32; i++)
    {
      double t = i / 32.0, r, g, b, a;

      bb_heat_ramp_colour (t, &r, &g, &b, &a);
      cairo_pattern_add_color_stop_rgba (pattern, t, r, g, b, a * 0.8 + 0.2 * (t > 0));
    }
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  double r, g, b;

  bb_hotspot_bin_colour (GPOINTER_TO_INT (user_data), &r, &g, &b);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_key_swatch_cb (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  guint32 rgb = GPOINTER_TO_UINT (user_data);

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
caption_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A key's classes as the paper shows them: a swatch and a label each. */
static void
append_key (GtkBox         *box,
            const BbMapKey *key)
{
  GtkWidget *heading = gtk_label_new (key->title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (box, heading);
  for (guint i = 0; i < key->items->len; i++)
    {
      const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_key_swatch_cb, GUINT_TO_POINTER (item->rgb), NULL);
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), caption_label (item->label, "caption"));
      gtk_box_append (box, row);
    }
  if (key->note != NULL)
    gtk_box_append (box, caption_label (key->note, "dim-label"));
}

static GtkWidget *
bin_entry (int bin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *text = NULL;
  GtkWidget *label;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb, GINT_TO_POINTER (bin), NULL);
  gtk_box_append (GTK_BOX (box), swatch);
  text = g_strdup_printf (bin > 0 ? _("Hot %d %%") : _("Cold %d %%"), bb_hotspot_confidence (bin));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
show_note (GtkLabel   *label,
           const char *note)
{
  gtk_label_set_label (label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (label), note != NULL);
}

static void
update_heat (BbAnalysisLegend *self,
             BbMapAnalysis    *a)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *low = NULL;
  g_autofree char *mid = NULL;
  g_autofree char *high = NULL;
  double top = bb_map_analyst_get_scale_max (self->analyst);
  gboolean kept = FALSE;

  g_object_get (self->analyst, "keep-scale", &kept, NULL);
  gtk_widget_set_visible (self->ramp_caption, a->heat != NULL && top > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ramp), a->heat != NULL && top > 0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->ramp_low)), a->heat != NULL && top > 0);
  show_note (self->heat_note, a->heat_note);
  if (a->heat == NULL || !(top > 0))
    {
      gtk_label_set_label (self->heat_detail, "");
      gtk_widget_set_visible (GTK_WIDGET (self->heat_detail), FALSE);
      return;
    }

  low = g_strdup ("0");
  /* The middle of the ramp, which runs along the square root. */
  mid = bb_analysis_legend_format_density (bb_heat_ramp_value (0.5, top));
  high = bb_analysis_legend_format_density (top);
  gtk_label_set_label (self->ramp_low, low);
  gtk_label_set_label (self->ramp_mid, mid);
  if (a->heat_max > top * 1.0001)
    {
      /* Translators: the top of a kept scale that this period exceeds, "≥ 850" */
      g_autofree char *more = g_strdup_printf (_("≥ %s"), high);
      gtk_label_set_label (self->ramp_high, more);
    }
  else
    gtk_label_set_label (self->ramp_high, high);

  g_string_append_printf (detail,
                          /* Translators: kernel name, bandwidth and cell size in metres */
                          _("%s kernel, bandwidth %.0f m, cells of %.0f m."),
                          bb_map_keys_kernel_name (a->options.kernel), a->bandwidth, a->cell_size);
  if (kept)
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, _("Scale kept for comparison."));
    }
  gtk_label_set_label (self->heat_detail, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->heat_detail), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->ramp));
}

static GtkWidget *
spot_button (const char *label,
             const char *accessible,
             const char *action,
             guint       target)
{
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Show this hot spot and its statistics"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

/* Gi* over the districts: the same legend, another reading. */
static void
update_districts (BbAnalysisLegend *self,
                  BbMapAnalysis    *a)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GArray) hot = bb_map_analysis_rank_districts (a, 1);
  g_autoptr(GArray) cold = bb_map_analysis_rank_districts (a, -1);
  const char *note = a->hot_note != NULL ? a->hot_note : a->district_note;

  clear_box (self->spots_box);
  show_note (self->hot_note, a->district_gi == NULL && note == NULL
                             ? _("Hot spots by district need at least three districts with boundaries.") : note);
  gtk_widget_set_visible (GTK_WIDGET (self->bins_grid), a->district_gi != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hot_detail), a->district_gi != NULL);
  gtk_widget_set_visible (self->spots_heading, hot->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spots_box), hot->len > 0);
  if (a->district_gi == NULL)
    return;

  g_string_append_printf (detail, _("Gi* over %u districts, each with those it borders."), a->districts->n);
  g_string_append_c (detail, ' ');
  g_string_append_printf (detail, g_dngettext (NULL, "%u hot district", "%u hot districts", hot->len), hot->len);
  g_string_append (detail, _(", "));
  g_string_append_printf (detail, g_dngettext (NULL, "%u cold district.", "%u cold districts.", cold->len), cold->len);
  gtk_label_set_label (self->hot_detail, detail->str);

  for (guint i = 0; i < MIN (hot->len, MAX_SPOTS); i++)
    {
      guint d = g_array_index (hot, guint, i);
      const char *name = self->districts != NULL && d < self->districts->len
                         ? ((BbMapDistrict *) g_ptr_array_index (self->districts, d))->name : "?";
      guint count = (guint) lround (a->district_counts[d]);
      int confidence = bb_hotspot_confidence (a->district_gi->bin[d]);
      /* Translators: a hot district in the legend: its name, incidents and confidence */
      g_autofree char *label = g_strdup_printf (g_dngettext (NULL, "%s · %u incident · %d %%", "%s · %u incidents · %d %%",
                                                             count), name, count, confidence);
      g_autofree char *accessible = g_strdup_printf (g_dngettext (NULL, "Hot District %s: %u incident, %d %% confidence",
                                                                  "Hot District %s: %u incidents, %d %% confidence",
                                                                  count), name, count, confidence);

      gtk_box_append (self->spots_box, spot_button (label, accessible, "map.show-district", d));
    }
}

static void
update_hot (BbAnalysisLegend *self,
            BbMapAnalysis    *a)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  guint n_hot = bb_map_analysis_n_hot_spots (a);
  guint hot_cells = a->n_hot_cells[1] + a->n_hot_cells[2] + a->n_hot_cells[3];
  guint cold_cells = a->n_cold_cells[1] + a->n_cold_cells[2] + a->n_cold_cells[3];
  guint units = 0;

  g_object_get (self->analyst, "hotspot-units", &units, NULL);
  if (units == BB_HOTSPOT_UNITS_DISTRICTS)
    {
      update_districts (self, a);
      return;
    }
  show_note (self->hot_note, a->hot_note);
  clear_box (self->spots_box);
  gtk_widget_set_visible (GTK_WIDGET (self->bins_grid), a->z != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hot_detail), a->z != NULL);
  gtk_widget_set_visible (self->spots_heading, n_hot > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spots_box), n_hot > 0);
  if (a->z == NULL)
    return;

  g_string_append_printf (detail, _("Cells of %.0f m, neighbours within %.0f m."), a->hot_cell_size, a->distance);
  g_string_append_c (detail, ' ');
  g_string_append_printf (detail, g_dngettext (NULL, "%u hot cell", "%u hot cells", hot_cells), hot_cells);
  g_string_append (detail, _(", "));
  g_string_append_printf (detail, g_dngettext (NULL, "%u cold cell.", "%u cold cells.", cold_cells), cold_cells);
  if (a->options.correction == BB_GISTAR_CORRECTION_FDR)
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, _("Corrected for the false-discovery rate."));
    }
  gtk_label_set_label (self->hot_detail, detail->str);

  for (guint i = 0; i < MIN (n_hot, MAX_SPOTS); i++)
    {
      const BbMapHotspot *spot = &g_array_index (a->spots, BbMapHotspot, i);
      g_autofree char *label = NULL;
      g_autofree char *accessible = NULL;

      /* Translators: one of the strongest hot spots: its rank, incidents and confidence */
      label = g_strdup_printf (g_dngettext (NULL, "%u · %u incident · %d %%", "%u · %u incidents · %d %%", spot->count),
                               spot->id, spot->count, bb_hotspot_confidence (spot->peak_bin));
      accessible = g_strdup_printf (g_dngettext (NULL, "Hot Spot %u: %u incident, %d %% confidence",
                                                 "Hot Spot %u: %u incidents, %d %% confidence", spot->count),
                                    spot->id, spot->count, bb_hotspot_confidence (spot->peak_bin));
      gtk_box_append (self->spots_box, spot_button (label, accessible, "map.show-hotspot", spot->id));
    }
}

static void
update_trend (BbAnalysisLegend *self,
              gboolean          visible)
{
  BbMapTrend *trend = self->trend_analyst != NULL ? bb_trend_analyst_get_trend (self->trend_analyst) : NULL;
  g_autoptr(BbMapKey) key = NULL;
  guint show = 0;

  clear_box (self->trend_box);
  gtk_widget_set_visible (GTK_WIDGET (self->trend_box), visible && trend != NULL);
  if (!visible || trend == NULL)
    return;
  g_object_get (self->trend_analyst, "show", &show, NULL);
  key = bb_map_keys_trend (trend, show);
  if (key != NULL)
    append_key (self->trend_box, key);
  else
    gtk_box_append (self->trend_box, caption_label (show == BB_TREND_SHOW_EMERGING ? _("Emerging Hot Spots")
                                                                                   : _("Change Between Periods"),
                                                    "heading"));
  if (show == BB_TREND_SHOW_EMERGING && trend->emerging_note != NULL)
    gtk_box_append (self->trend_box, caption_label (trend->emerging_note, "caption"));
  else if (show == BB_TREND_SHOW_CHANGE && trend->change_note != NULL)
    gtk_box_append (self->trend_box, caption_label (trend->change_note, "caption"));
}

static void
update (BbAnalysisLegend *self)
{
  BbMapAnalysis *a;
  gboolean heat = FALSE, hot = FALSE, trends = FALSE, busy;

  if (self->analyst == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  g_object_get (self->analyst, "heat-visible", &heat, "hotspots-visible", &hot, NULL);
  if (self->trend_analyst != NULL)
    g_object_get (self->trend_analyst, "visible", &trends, NULL);
  a = bb_map_analyst_get_analysis (self->analyst);
  busy = bb_map_analyst_is_busy (self->analyst)
         || (self->trend_analyst != NULL && bb_trend_analyst_is_busy (self->trend_analyst));
  gtk_widget_set_visible (GTK_WIDGET (self), heat || hot || trends);
  gtk_widget_set_visible (self->busy_box, busy);
  update_trend (self, trends);
  gtk_widget_set_visible (self->heat_box, heat && a != NULL && a->options.heat);
  gtk_widget_set_visible (self->hot_box, hot && a != NULL && a->options.hotspots);
  if (a == NULL)
    return;
  if (a->options.heat)
    update_heat (self, a);
  if (a->options.hotspots)
    update_hot (self, a);
}

static void
bb_analysis_legend_dispose (GObject *object)
{
  BbAnalysisLegend *self = BB_ANALYSIS_LEGEND (object);

  g_clear_object (&self->analyst);
  g_clear_object (&self->trend_analyst);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_ANALYSIS_LEGEND);

  G_OBJECT_CLASS (bb_analysis_legend_parent_class)->dispose (object);
}

static void
bb_analysis_legend_class_init (BbAnalysisLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_analysis_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-analysis-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, busy_box);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, heat_box);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, ramp_caption);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, ramp);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, ramp_low);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, ramp_mid);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, ramp_high);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, heat_detail);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, heat_note);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, hot_box);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, bins_grid);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, hot_detail);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, hot_note);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, spots_heading);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, spots_box);
  gtk_widget_class_bind_template_child (widget_class, BbAnalysisLegend, trend_box);
}

static void
bb_analysis_legend_init (BbAnalysisLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->ramp, draw_ramp_cb, self, NULL);
  /* Hot spots on the left, cold on the right, strongest first. */
  for (int level = 3; level >= 1; level--)
    {
      gtk_grid_attach (self->bins_grid, bin_entry (level), 0, 3 - level, 1, 1);
      gtk_grid_attach (self->bins_grid, bin_entry (-level), 1, 3 - level, 1, 1);
    }
}

void
bb_analysis_legend_set_analyst (BbAnalysisLegend *self,
                                BbMapAnalyst     *analyst)
{
  g_return_if_fail (BB_IS_ANALYSIS_LEGEND (self));
  g_return_if_fail (analyst == NULL || BB_IS_MAP_ANALYST (analyst));

  if (self->analyst != NULL)
    g_signal_handlers_disconnect_by_data (self->analyst, self);
  g_set_object (&self->analyst, analyst);
  if (analyst != NULL)
    {
      g_signal_connect_object (analyst, "updated", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (analyst, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

void
bb_analysis_legend_set_districts (BbAnalysisLegend *self,
                                  GPtrArray        *districts)
{
  g_return_if_fail (BB_IS_ANALYSIS_LEGEND (self));

  if (districts != NULL)
    g_ptr_array_ref (districts);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  self->districts = districts;
  update (self);
}

void
bb_analysis_legend_set_trend_analyst (BbAnalysisLegend *self,
                                      BbTrendAnalyst   *analyst)
{
  g_return_if_fail (BB_IS_ANALYSIS_LEGEND (self));
  g_return_if_fail (analyst == NULL || BB_IS_TREND_ANALYST (analyst));

  if (self->trend_analyst != NULL)
    g_signal_handlers_disconnect_by_data (self->trend_analyst, self);
  g_set_object (&self->trend_analyst, analyst);
  if (analyst != NULL)
    {
      g_signal_connect_object (analyst, "updated", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (analyst, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}
