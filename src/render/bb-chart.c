/* bb-chart.c: bar and line charts and the hour-of-week table, drawn by the renderer */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-chart.h"
#include "bb-chart-private.h"
#include "bb-print-document-private.h"

static void
series_clear (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_array_unref (s->values);
  g_clear_pointer (&s->low, g_array_unref);
  g_clear_pointer (&s->high, g_array_unref);
  g_clear_pointer (&s->marks, g_array_unref);
}

BbChart *
bb_chart_new (BbChartKind  kind,
              const char  *title)
{
  BbChart *self = g_new0 (BbChart, 1);

  self->kind = kind;
  self->title = g_strdup (title);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);
  self->font_color = bb_color_rgb (0x333333);
  return self;
}

void
bb_chart_free (BbChart *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->missing_text);
  g_strfreev (self->labels);
  g_array_unref (self->series);
  g_free (self);
}

void
bb_chart_set_labels (BbChart            *self,
                     const char * const *labels)
{
  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **) labels);
}

void
bb_chart_add_series (BbChart       *self,
                     const char    *name,
                     const BbColor *color,
                     const double  *values,
                     guint          n_values)
{
  Series s = { g_strdup (name), *color, g_array_sized_new (FALSE, FALSE, sizeof (double), n_values), NULL, NULL };

  g_array_append_vals (s.values, values, n_values);
  g_array_append_val (self->series, s);
}

void
bb_chart_set_font_color (BbChart       *self,
                         const BbColor *color)
{
  self->font_color = *color;
}

void
bb_chart_set_intervals (BbChart      *self,
                        guint         series,
                        const double *low,
                        const double *high,
                        guint         n_values)
{
  Series *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->series->len);

  s = &g_array_index (self->series, Series, series);
  g_clear_pointer (&s->low, g_array_unref);
  g_clear_pointer (&s->high, g_array_unref);
  s->low = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  s->high = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (s->low, low, n_values);
  g_array_append_vals (s->high, high, n_values);
}

void
bb_chart_set_marks (BbChart        *self,
                    guint           series,
                    const gboolean *marks,
                    guint           n_values)
{
  Series *s;

  g_return_if_fail (self != NULL);
  g_return_if_fail (series < self->series->len);

  s = &g_array_index (self->series, Series, series);
  g_clear_pointer (&s->marks, g_array_unref);
  s->marks = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), n_values);
  g_array_append_vals (s->marks, marks, n_values);
}

void
bb_chart_set_missing_text (BbChart    *self,
                           const char *text)
{
  g_return_if_fail (self != NULL);

  g_free (self->missing_text);
  self->missing_text = g_strdup (text);
}

/* A round number at or above @max for the top of the value axis, and the
 * step between grid lines. */
static double
nice_top (double  max,
          double *step)
{
  double magnitude, f;

  if (max <= 0)
    max = 1;
  magnitude = pow (10, floor (log10 (max)));
  f = max / magnitude;
  if (f <= 1)
    *step = 0.2 * magnitude;
  else if (f <= 2)
    *step = 0.5 * magnitude;
  else if (f <= 5)
    *step = magnitude;
  else
    *step = 2 * magnitude;
  if (*step < 1)
    *step = 1;
  return ceil (max / *step) * *step;
}

void
bb_chart_show_text (cairo_t           *cr,
           PangoContext      *context,
           const BbTextStyle *style,
           const char        *text,
           double             x,
           double             y,
           double             width,
           double             xalign)
{
  g_autoptr(PangoLayout) layout = bb_text_layout_shared (context, style, text, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width > 0 && w / PANGO_SCALE > width)
    {
      /* A layout of its own to shorten: the shared one stays whole. */
      g_object_unref (layout);
      layout = bb_text_layout (context, style, text, -1);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      w = (int) (width * PANGO_SCALE);
    }
  bb_cairo_set_color (cr, &style->color);
  cairo_move_to (cr, x - xalign * w / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes_chart (BbChart      *self,
                 cairo_t      *cr,
                 PangoContext *context,
                 double        x,
                 double        y,
                 double        width,
                 double        height)
{
  BbTextStyle label = bb_text_style (8.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  guint n_labels = self->labels != NULL ? g_strv_length (self->labels) : 0;
  double max = 0, step, top, plot_x, plot_w, plot_y, plot_h, group_w, legend_h = 0;
  BbColor grid = bb_color_rgb (0xdddddd);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);

      for (guint i = 0; i < series->values->len; i++)
        max = MAX (max, g_array_index (series->values, double, i));
    }
  top = nice_top (max, &step);

  if (self->series->len > 1)
    legend_h = 14;
  plot_x = x + 28;
  plot_w = width - 28;
  plot_y = y + legend_h + 4;
  plot_h = height - legend_h - 4 - 26;
  if (plot_h <= 10 || plot_w <= 10 || n_labels == 0)
    return;

  /* Grid lines and the value axis. */
  cairo_set_line_width (cr, 0.4);
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double gy = plot_y + plot_h - v / top * plot_h;
      g_autofree char *text = g_strdup_printf ("%.0f", v);

      bb_cairo_set_color (cr, &grid);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      bb_chart_show_text (cr, context, &label, text, plot_x - 4, gy - 5.5, 0, 1.0);
    }

  group_w = plot_w / n_labels;
  for (guint i = 0; i < n_labels; i++)
    {
      BbTextStyle l = label;
      g_autoptr(PangoLayout) layout = NULL;
      int lw, lh;

      l.align = BB_ALIGN_CENTER;
      layout = bb_text_layout_at_most (context, &l, self->labels[i], group_w - 2, 2);
      pango_layout_get_size (layout, &lw, &lh);
      bb_cairo_set_color (cr, &l.color);
      cairo_move_to (cr, plot_x + i * group_w + 1, plot_y + plot_h + 3);
      pango_cairo_show_layout (cr, layout);
    }

  if (self->kind == BB_CHART_BARS)
    {
      guint n = MAX (self->series->len, 1);
      double bar_w = group_w * 0.75 / n;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);

          for (guint i = 0; i < MIN (series->values->len, n_labels); i++)
            {
              double v = g_array_index (series->values, double, i);
              double bh = v / top * plot_h;

              cairo_rectangle (cr, plot_x + i * group_w + group_w * 0.125 + s * bar_w,
                               plot_y + plot_h - bh, bar_w * 0.92, bh);
            }
          bb_cairo_set_color (cr, &series->color);
          cairo_fill (cr);
        }
    }
  else
    {
      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);

          cairo_set_line_width (cr, 1.6);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          /* pango_cairo_show_layout() leaves a current point behind: the
           * line would start from the last label drawn. */
          cairo_new_path (cr);
          for (guint i = 0; i < MIN (series->values->len, n_labels); i++)
            {
              double v = g_array_index (series->values, double, i);

              cairo_line_to (cr, plot_x + (i + 0.5) * group_w, plot_y + plot_h - v / top * plot_h);
            }
          bb_cairo_set_color (cr, &series->color);
          cairo_stroke (cr);
        }
    }

  /* Baseline. */
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);

  /* Legend. */
  if (legend_h > 0)
    {
      double lx = plot_x;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);
          g_autoptr(PangoLayout) layout = bb_text_layout_shared (context, &label, series->name, -1);
          int lw;

          bb_cairo_set_color (cr, &series->color);
          cairo_rectangle (cr, lx, y + 3, 8, 8);
          cairo_fill (cr);
          bb_cairo_set_color (cr, &label.color);
          cairo_move_to (cr, lx + 11, y + 1);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, &lw, NULL);
          lx += 11 + (double) lw / PANGO_SCALE + 14;
        }
    }
}

static void
draw_hbars (BbChart      *self,
            cairo_t      *cr,
            PangoContext *context,
            double        x,
            double        y,
            double        width,
            double        height)
{
  BbTextStyle label = bb_text_style (9, PANGO_WEIGHT_NORMAL, &self->font_color);
  guint n_labels = self->labels != NULL ? g_strv_length (self->labels) : 0;
  guint n_series = MAX (self->series->len, 1);
  double max = 0, step, top, label_w = 0, plot_x, plot_w, plot_y, plot_h, group_h, bar_h, legend_h = 0;
  BbColor grid = bb_color_rgb (0xdddddd);

  if (n_labels == 0)
    return;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);

      for (guint i = 0; i < series->values->len; i++)
        max = MAX (max, g_array_index (series->values, double, i));
    }
  top = nice_top (max, &step);
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(PangoLayout) layout = bb_text_layout_shared (context, &label, self->labels[i], -1);
      int w;

      pango_layout_get_size (layout, &w, NULL);
      label_w = MAX (label_w, (double) w / PANGO_SCALE);
    }
  label_w = MIN (label_w + 8, width * 0.35);
  if (self->series->len > 1)
    legend_h = 16;
  plot_x = x + label_w;
  plot_w = width - label_w - 24;
  plot_y = y + legend_h;
  plot_h = height - legend_h - 14;
  group_h = plot_h / n_labels;
  bar_h = MIN (group_h * 0.8 / n_series, 9);

  cairo_set_line_width (cr, 0.4);
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double gx = plot_x + v / top * plot_w;
      g_autofree char *text = g_strdup_printf ("%.0f", v);

      bb_cairo_set_color (cr, &grid);
      cairo_move_to (cr, gx, plot_y);
      cairo_line_to (cr, gx, plot_y + plot_h);
      cairo_stroke (cr);
      bb_chart_show_text (cr, context, &label, text, gx, plot_y + plot_h + 2, 0, 0.5);
    }
  for (guint i = 0; i < n_labels; i++)
    {
      double gy = plot_y + i * group_h;
      double bars_y = gy + (group_h - bar_h * n_series) / 2;

      bb_chart_show_text (cr, context, &label, self->labels[i], x, bars_y + bar_h * n_series / 2 - 6, label_w - 8, 0);
      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);
          double v = i < series->values->len ? g_array_index (series->values, double, i) : 0;
          g_autofree char *text = g_strdup_printf ("%.0f", v);
          BbTextStyle value = bb_text_style (7.5, PANGO_WEIGHT_NORMAL, &self->font_color);

          bb_cairo_set_color (cr, &series->color);
          cairo_rectangle (cr, plot_x, bars_y + s * bar_h, v / top * plot_w, bar_h * 0.88);
          cairo_fill (cr);
          bb_chart_show_text (cr, context, &value, text, plot_x + v / top * plot_w + 2, bars_y + s * bar_h - 1.5, 0, 0);
        }
    }
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y);
  cairo_line_to (cr, plot_x, plot_y + plot_h);
  cairo_stroke (cr);

  if (legend_h > 0)
    {
      double lx = plot_x;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);
          g_autoptr(PangoLayout) layout = bb_text_layout_shared (context, &label, series->name, -1);
          int lw;

          bb_cairo_set_color (cr, &series->color);
          cairo_rectangle (cr, lx, y + 2, 8, 8);
          cairo_fill (cr);
          bb_cairo_set_color (cr, &label.color);
          cairo_move_to (cr, lx + 11, y);
          pango_cairo_show_layout (cr, layout);
          pango_layout_get_size (layout, &lw, NULL);
          lx += 11 + (double) lw / PANGO_SCALE + 14;
        }
    }
}

static void
draw_hour_of_week (BbChart      *self,
                   cairo_t      *cr,
                   PangoContext *context,
                   double        x,
                   double        y,
                   double        width,
                   double        height)
{
  BbTextStyle label = bb_text_style (8, PANGO_WEIGHT_NORMAL, &self->font_color);
  Series *series;
  double max = 0, label_w = 34, cell_w, cell_h;

  if (self->series->len == 0)
    return;
  series = &g_array_index (self->series, Series, 0);
  for (guint i = 0; i < series->values->len; i++)
    max = MAX (max, g_array_index (series->values, double, i));
  if (max <= 0)
    max = 1;

  cell_w = (width - label_w) / 24;
  cell_h = (height - 14) / 7;
  for (guint h = 0; h < 24; h += 3)
    {
      g_autofree char *text = g_strdup_printf ("%02u", h);

      bb_chart_show_text (cr, context, &label, text, x + label_w + h * cell_w, y, 0, 0);
    }
  for (guint d = 0; d < 7; d++)
    {
      const char *day = self->labels != NULL && d < g_strv_length (self->labels) ? self->labels[d] : "";

      bb_chart_show_text (cr, context, &label, day, x, y + 14 + d * cell_h + cell_h / 2 - 5, label_w - 4, 0);
      for (guint h = 0; h < 24; h++)
        {
          guint i = d * 24 + h;
          double v = i < series->values->len ? g_array_index (series->values, double, i) : 0;
          BbColor c = bb_color_tint (&series->color, 1 - 0.92 * (v / max));

          bb_cairo_set_color (cr, &c);
          cairo_rectangle (cr, x + label_w + h * cell_w + 0.4, y + 14 + d * cell_h + 0.4,
                           cell_w - 0.8, cell_h - 0.8);
          cairo_fill (cr);
        }
    }
}

/* Shares: a bar for each series, the interval as a thin line with caps
 * over it, the share written after the interval; no bar but words where
 * there are too few responses. */
static void
draw_shares (BbChart      *self,
             cairo_t      *cr,
             PangoContext *context,
             double        x,
             double        y,
             double        width,
             double        height)
{
  BbTextStyle label = bb_text_style (8.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  BbTextStyle value = bb_text_style (7.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  BbTextStyle missing = bb_text_style (7.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  guint n_labels = self->labels != NULL ? g_strv_length (self->labels) : 0;
  guint n_series = MAX (self->series->len, 1);
  double label_w, plot_x, plot_w, plot_y, plot_h, group_h, bar_h, legend_h = 0;
  BbColor grid = bb_color_rgb (0xdddddd);
  BbColor ink = bb_color_rgb (0x1f2328);

  if (n_labels == 0)
    return;
  missing.italic = TRUE;
  missing.color = bb_color_rgb (0x6e7781);
  label.line_spacing = 1.15;
  /* Question texts are long: they get a good part of the width and wrap. */
  label_w = MIN (MAX (width * 0.42, 90), width - 120);
  if (self->series->len > 1)
    legend_h = 16;
  plot_x = x + label_w + 6;
  plot_w = width - label_w - 6 - 34;
  plot_y = y + legend_h;
  plot_h = height - legend_h - 14;
  group_h = plot_h / n_labels;
  bar_h = MIN (group_h * 0.72 / n_series, 10);

  cairo_set_line_width (cr, 0.4);
  for (int v = 0; v <= 100; v += 25)
    {
      double gx = plot_x + v / 100.0 * plot_w;
      g_autofree char *text = g_strdup_printf ("%d %%", v);

      bb_cairo_set_color (cr, &grid);
      cairo_move_to (cr, gx, plot_y);
      cairo_line_to (cr, gx, plot_y + plot_h);
      cairo_stroke (cr);
      bb_chart_show_text (cr, context, &value, text, gx, plot_y + plot_h + 2, 0, 0.5);
    }

  for (guint i = 0; i < n_labels; i++)
    {
      double gy = plot_y + i * group_h;
      double bars_y = gy + (group_h - bar_h * n_series) / 2;
      g_autoptr(PangoLayout) layout = bb_text_layout_at_most (context, &label, self->labels[i], label_w, 2);
      int lh;

      pango_layout_get_size (layout, NULL, &lh);
      bb_cairo_set_color (cr, &label.color);
      cairo_move_to (cr, x, gy + (group_h - (double) lh / PANGO_SCALE) / 2);
      pango_cairo_show_layout (cr, layout);

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = &g_array_index (self->series, Series, s);
          double v = i < series->values->len ? g_array_index (series->values, double, i) : NAN;
          double by = bars_y + s * bar_h;
          double lo = series->low != NULL && i < series->low->len ? g_array_index (series->low, double, i) : NAN;
          double hi = series->high != NULL && i < series->high->len ? g_array_index (series->high, double, i) : NAN;
          double end;
          g_autofree char *text = NULL;

          if (isnan (v))
            {
              bb_chart_show_text (cr, context, &missing, self->missing_text != NULL ? self->missing_text : "–",
                         plot_x + 3, by + bar_h / 2 - 5, plot_w, 0);
              continue;
            }
          v = CLAMP (v, 0, 1);
          bb_cairo_set_color (cr, &series->color);
          cairo_rectangle (cr, plot_x, by + bar_h * 0.1, v * plot_w, bar_h * 0.8);
          cairo_fill (cr);
          end = v;
          if (!isnan (lo) && !isnan (hi))
            {
              double cy = by + bar_h / 2;

              bb_cairo_set_color (cr, &ink);
              cairo_set_line_width (cr, 0.7);
              cairo_move_to (cr, plot_x + lo * plot_w, cy);
              cairo_line_to (cr, plot_x + hi * plot_w, cy);
              cairo_move_to (cr, plot_x + lo * plot_w, cy - bar_h * 0.3);
              cairo_line_to (cr, plot_x + lo * plot_w, cy + bar_h * 0.3);
              cairo_move_to (cr, plot_x + hi * plot_w, cy - bar_h * 0.3);
              cairo_line_to (cr, plot_x + hi * plot_w, cy + bar_h * 0.3);
              cairo_stroke (cr);
              end = MAX (end, hi);
            }
          text = g_strdup_printf ("%.0f %%", v * 100);
          bb_chart_show_text (cr, context, &value, text, plot_x + end * plot_w + 3, by + bar_h / 2 - 5, 0, 0);
        }
    }
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y);
  cairo_line_to (cr, plot_x, plot_y + plot_h);
  cairo_stroke (cr);

  if (legend_h > 0)
    bb_chart_draw_legend (self, cr, context, &value, plot_x, y);
}

void
bb_chart_draw (BbChart      *self,
               cairo_t      *cr,
               PangoContext *context,
               double        x,
               double        y,
               double        width,
               double        height)
{
  double title_h = 0;

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  if (self->title != NULL && *self->title)
    {
      BbTextStyle title = bb_text_style (11, PANGO_WEIGHT_BOLD, &self->font_color);

      bb_chart_show_text (cr, context, &title, self->title, x, y, width, 0);
      title_h = 18;
    }
  if (self->kind == BB_CHART_HBARS)
    draw_hbars (self, cr, context, x, y + title_h, width, height - title_h);
  else if (self->kind == BB_CHART_HOUR_OF_WEEK)
    draw_hour_of_week (self, cr, context, x, y + title_h, width, height - title_h);
  else if (self->kind == BB_CHART_SHARE_TREND)
    bb_chart_draw_share_trend (self, cr, context, x, y + title_h, width, height - title_h);
  else if (self->kind == BB_CHART_SHARES)
    draw_shares (self, cr, context, x, y + title_h, width, height - title_h);
  else
    draw_axes_chart (self, cr, context, x, y + title_h, width, height - title_h);
  cairo_restore (cr);
}
