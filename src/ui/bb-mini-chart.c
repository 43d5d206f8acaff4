/* bb-mini-chart.c: a small bar chart of one or two series, for the problem page */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-mini-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-mini-chart.h"

struct _BbMiniChart
{
  GtkWidget  parent_instance;

  GStrv      labels;
  GArray    *series[2];     /* double */
  char      *names[2];
  guint      label_every;
};

G_DEFINE_FINAL_TYPE (BbMiniChart, bb_mini_chart, GTK_TYPE_WIDGET)

/* Adwaita's blue 3 and blue 1: the same hue for before and after, the
 * later one darker. */
static const GdkRGBA first_colour = { 0.600, 0.757, 0.945, 1.0 };
static const GdkRGBA second_colour = { 0.208, 0.518, 0.894, 1.0 };

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (
                                                              pango_layout_get_context (layout)));

  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * 0.8));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static void
draw (BbMiniChart *self,
      cairo_t     *cr,
      double       width,
      double       height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA fg;
  guint n = self->series[0] != NULL ? self->series[0]->len : 0;
  guint n_series = self->series[1] != NULL ? 2 : 1;
  double max = 0, left = 4, right = 4, top = 18, bottom = 20, slot, bar;
  int lw, lh;

  if (n == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n; i++)
      max = MAX (max, g_array_index (self->series[s], double, i));

  /* The legend, top right, when there are two series. */
  if (n_series == 2)
    {
      double x = width - right;

      for (int s = 1; s >= 0; s--)
        {
          g_autoptr(PangoLayout) layout = small_layout (widget, self->names[s] != NULL ? self->names[s] : "");

          pango_layout_get_pixel_size (layout, &lw, &lh);
          x -= lw;
          cairo_move_to (cr, x, 0);
          gdk_cairo_set_source_rgba (cr, &fg);
          pango_cairo_show_layout (cr, layout);
          x -= 14;
          gdk_cairo_set_source_rgba (cr, s == 0 ? &first_colour : &second_colour);
          cairo_rectangle (cr, x, (lh - 10) / 2.0, 10, 10);
          cairo_fill (cr);
          x -= 12;
        }
    }

  slot = (width - left - right) / n;
  bar = MAX (1.0, (slot * 0.75) / n_series);
  for (guint i = 0; i < n; i++)
    {
      double x0 = left + i * slot + (slot - bar * n_series) / 2;

      for (guint s = 0; s < n_series; s++)
        {
          double v = g_array_index (self->series[s], double, i);
          double h = max > 0 ? (height - top - bottom) * v / max : 0;

          gdk_cairo_set_source_rgba (cr, n_series == 2 && s == 0 ? &first_colour : &second_colour);
          cairo_rectangle (cr, x0 + s * bar, height - bottom - h, bar - (n_series == 2 ? 1 : 0.5), h);
          cairo_fill (cr);

          /* Values on the bars when there are few of them. */
          if (n * n_series <= 12)
            {
              g_autofree char *text = g_strdup_printf ("%.0f", v);
              g_autoptr(PangoLayout) layout = small_layout (widget, text);

              pango_layout_get_pixel_size (layout, &lw, &lh);
              gdk_cairo_set_source_rgba (cr, &fg);
              cairo_move_to (cr, x0 + s * bar + (bar - lw) / 2, height - bottom - h - lh);
              pango_cairo_show_layout (cr, layout);
            }
        }

      if (self->labels != NULL && self->labels[i] != NULL && i % MAX (self->label_every, 1) == 0)
        {
          g_autoptr(PangoLayout) layout = small_layout (widget, self->labels[i]);

          pango_layout_get_pixel_size (layout, &lw, &lh);
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_move_to (cr, CLAMP (left + i * slot + (slot - lw) / 2, 0, width - lw), height - bottom + 3);
          pango_cairo_show_layout (cr, layout);
        }
    }

  /* The axis. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, height - bottom + 0.5);
  cairo_line_to (cr, width - right, height - bottom + 0.5);
  cairo_stroke (cr);
}

static void
bb_mini_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (BB_MINI_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
bb_mini_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 110;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 130;
}

static void
bb_mini_chart_finalize (GObject *object)
{
  BbMiniChart *self = BB_MINI_CHART (object);

  g_strfreev (self->labels);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&self->series[s], g_array_unref);
      g_free (self->names[s]);
    }

  G_OBJECT_CLASS (bb_mini_chart_parent_class)->finalize (object);
}

static void
bb_mini_chart_class_init (BbMiniChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bb_mini_chart_finalize;
  widget_class->snapshot = bb_mini_chart_snapshot;
  widget_class->measure = bb_mini_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
bb_mini_chart_init (BbMiniChart *self)
{
  self->label_every = 1;
}

GtkWidget *
bb_mini_chart_new (void)
{
  return g_object_new (BB_TYPE_MINI_CHART, NULL);
}

void
bb_mini_chart_set_data (BbMiniChart        *self,
                        const char * const *labels,
                        const double       *first,
                        const double       *second,
                        guint               n,
                        const char         *first_name,
                        const char         *second_name,
                        guint               label_every)
{
  g_autoptr(GString) spoken = g_string_new (NULL);

  g_return_if_fail (BB_IS_MINI_CHART (self));

  g_strfreev (self->labels);
  self->labels = g_strdupv ((GStrv) labels);
  for (guint s = 0; s < 2; s++)
    {
      const double *values = s == 0 ? first : second;

      g_clear_pointer (&self->series[s], g_array_unref);
      g_free (self->names[s]);
      self->names[s] = g_strdup (s == 0 ? first_name : second_name);
      if (values != NULL)
        {
          self->series[s] = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
          g_array_append_vals (self->series[s], values, n);
        }
    }
  self->label_every = MAX (label_every, 1);

  /* A screen reader hears the figures the bars show. */
  for (guint i = 0; i < n; i++)
    {
      if (spoken->len > 0)
        g_string_append (spoken, ", ");
      if (labels != NULL && labels[i] != NULL)
        g_string_append_printf (spoken, "%s: ", labels[i]);
      if (second != NULL)
        /* Translators: a pair of values in a chart read aloud, "before 12, after 7" */
        g_string_append_printf (spoken, _("%s %.0f, %s %.0f"), first_name, first[i], second_name, second[i]);
      else
        g_string_append_printf (spoken, "%.0f", first[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
bb_mini_chart_get_n_bars (BbMiniChart *self)
{
  g_return_val_if_fail (BB_IS_MINI_CHART (self), 0);
  return self->series[0] != NULL ? self->series[0]->len : 0;
}

double
bb_mini_chart_get_value (BbMiniChart *self,
                         guint        series,
                         guint        index)
{
  g_return_val_if_fail (BB_IS_MINI_CHART (self), NAN);
  g_return_val_if_fail (series < 2, NAN);

  if (self->series[series] == NULL || index >= self->series[series]->len)
    return NAN;
  return g_array_index (self->series[series], double, index);
}
