/* bb-chart-trend.c: shares over survey rounds: a line per series with each round's margin of error */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-chart"

#include "config.h"

#include <math.h>

#include "bb-chart-private.h"

void
bb_chart_draw_legend (BbChart           *self,
                      cairo_t           *cr,
                      PangoContext      *context,
                      const BbTextStyle *style,
                      double             x,
                      double             y)
{
  double lx = x;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);
      g_autoptr(PangoLayout) layout = bb_text_layout_shared (context, style, series->name, -1);
      int lw;

      bb_cairo_set_color (cr, &series->color);
      cairo_rectangle (cr, lx, y + 2, 8, 8);
      cairo_fill (cr);
      bb_cairo_set_color (cr, &style->color);
      cairo_move_to (cr, lx + 11, y + 0.5);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, &lw, NULL);
      lx += 11 + (double) lw / PANGO_SCALE + 14;
    }
}

static double
value_at (GArray *values,
          guint   i)
{
  return values != NULL && i < values->len ? g_array_index (values, double, i) : NAN;
}

void
bb_chart_draw_share_trend (BbChart      *self,
                           cairo_t      *cr,
                           PangoContext *context,
                           double        x,
                           double        y,
                           double        width,
                           double        height)
{
  BbTextStyle label = bb_text_style (8.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  BbTextStyle value = bb_text_style (7.5, PANGO_WEIGHT_NORMAL, &self->font_color);
  BbTextStyle missing = bb_text_style (7, PANGO_WEIGHT_NORMAL, &self->font_color);
  guint n_labels = self->labels != NULL ? g_strv_length (self->labels) : 0;
  guint n_series = self->series->len;
  /* Series are named one a line: their names are questions, long ones. */
  double plot_x, plot_w, plot_y, plot_h, group_w, legend_h = n_series > 1 ? 13 * n_series + 2 : 0;
  BbColor grid = bb_color_rgb (0xdddddd);

  if (n_labels == 0)
    return;
  missing.italic = TRUE;
  missing.color = bb_color_rgb (0x6e7781);
  label.align = BB_ALIGN_CENTER;
  plot_x = x + 34;
  plot_w = width - 34 - 8;
  plot_y = y + legend_h + 6;
  plot_h = height - legend_h - 6 - 30;
  if (plot_h <= 20 || plot_w <= 20)
    return;
  group_w = plot_w / n_labels;

  cairo_set_line_width (cr, 0.4);
  for (int v = 0; v <= 100; v += 25)
    {
      double gy = plot_y + plot_h - v / 100.0 * plot_h;
      g_autofree char *text = g_strdup_printf ("%d %%", v);

      bb_cairo_set_color (cr, &grid);
      cairo_move_to (cr, plot_x, gy);
      cairo_line_to (cr, plot_x + plot_w, gy);
      cairo_stroke (cr);
      bb_chart_show_text (cr, context, &value, text, plot_x - 4, gy - 5, 0, 1.0);
    }
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(PangoLayout) layout = bb_text_layout_at_most (context, &label, self->labels[i], group_w - 4, 2);

      bb_cairo_set_color (cr, &label.color);
      cairo_move_to (cr, plot_x + i * group_w + 2, plot_y + plot_h + 4);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint s = 0; s < n_series; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);
      /* Series side by side within a round, so that intervals do not hide each other. */
      double offset = n_series > 1 ? (s - (n_series - 1) / 2.0) * MIN (6, group_w / (2.0 * n_series)) : 0;
      gboolean drawing = FALSE;

      /* The line, broken where a round has too few responses. */
      cairo_new_path (cr);
      cairo_set_line_width (cr, 1.8);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n_labels; i++)
        {
          double v = value_at (series->values, i);
          double px = plot_x + (i + 0.5) * group_w + offset;

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, px, plot_y + plot_h - CLAMP (v, 0, 1) * plot_h);
          else
            cairo_move_to (cr, px, plot_y + plot_h - CLAMP (v, 0, 1) * plot_h);
          drawing = TRUE;
        }
      bb_cairo_set_color (cr, &series->color);
      cairo_stroke (cr);

      for (guint i = 0; i < n_labels; i++)
        {
          double v = value_at (series->values, i);
          double lo = value_at (series->low, i), hi = value_at (series->high, i);
          double px = plot_x + (i + 0.5) * group_w + offset;
          double py = plot_y + plot_h - CLAMP (v, 0, 1) * plot_h;
          gboolean marked = series->marks != NULL && i < series->marks->len
                            && g_array_index (series->marks, gboolean, i);

          if (isnan (v))
            {
              /* Words once per round, under the lowest grid line. */
              if (s == 0)
                {
                  BbTextStyle m = missing;

                  m.align = BB_ALIGN_CENTER;
                  {
                    g_autoptr(PangoLayout) layout = bb_text_layout_at_most (context, &m, self->missing_text != NULL
                                                                            ? self->missing_text : "–",
                                                                            group_w - 4, 2);
                    bb_cairo_set_color (cr, &m.color);
                    cairo_move_to (cr, plot_x + i * group_w + 2, plot_y + plot_h - 24);
                    pango_cairo_show_layout (cr, layout);
                  }
                }
              continue;
            }
          bb_cairo_set_color (cr, &series->color);
          if (!isnan (lo) && !isnan (hi))
            {
              cairo_set_line_width (cr, 0.8);
              cairo_move_to (cr, px, plot_y + plot_h - CLAMP (lo, 0, 1) * plot_h);
              cairo_line_to (cr, px, plot_y + plot_h - CLAMP (hi, 0, 1) * plot_h);
              cairo_move_to (cr, px - 2.5, plot_y + plot_h - CLAMP (lo, 0, 1) * plot_h);
              cairo_line_to (cr, px + 2.5, plot_y + plot_h - CLAMP (lo, 0, 1) * plot_h);
              cairo_move_to (cr, px - 2.5, plot_y + plot_h - CLAMP (hi, 0, 1) * plot_h);
              cairo_line_to (cr, px + 2.5, plot_y + plot_h - CLAMP (hi, 0, 1) * plot_h);
              cairo_stroke (cr);
            }
          /* A change beyond noise is a filled point, the rest are rings. */
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, marked ? 3.6 : 2.8, 0, 2 * G_PI);
          if (marked)
            cairo_fill (cr);
          else
            {
              cairo_set_source_rgb (cr, 1, 1, 1);
              cairo_fill_preserve (cr);
              bb_cairo_set_color (cr, &series->color);
              cairo_set_line_width (cr, 1.2);
              cairo_stroke (cr);
            }
          if (n_series == 1)
            {
              g_autofree char *text = g_strdup_printf ("%.0f %%", v * 100);

              bb_cairo_set_color (cr, &value.color);
              bb_chart_show_text (cr, context, &value, text, px + 5, py - 12, 0, 0);
            }
        }
    }
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, plot_x, plot_y + plot_h);
  cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h);
  cairo_stroke (cr);
  for (guint s = 0; s < n_series && legend_h > 0; s++)
    {
      Series *series = &g_array_index (self->series, Series, s);

      bb_cairo_set_color (cr, &series->color);
      cairo_rectangle (cr, plot_x, y + s * 13 + 2, 8, 8);
      cairo_fill (cr);
      bb_chart_show_text (cr, context, &value, series->name, plot_x + 11, y + s * 13 + 0.5, plot_w - 11, 0);
    }
}
