/* bb-chart-area.c: a chart of the report renderer shown in a window */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-chart-area"

#include "config.h"

#include <pango/pangocairo.h>

#include "bb-chart-area.h"

/* Document points are small on a screen: a point is drawn this large. */
#define SCALE 1.3

struct _BbChartArea
{
  GtkWidget  parent_instance;

  BbChart   *chart;
  double     points_height;
};

G_DEFINE_FINAL_TYPE (BbChartArea, bb_chart_area, GTK_TYPE_WIDGET)

static void
bb_chart_area_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  BbChartArea *self = BB_CHART_AREA (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 560;
    }
  else
    *minimum = *natural = (int) (self->points_height * SCALE + 0.5);
}

static void
bb_chart_area_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BbChartArea *self = BB_CHART_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoContext *context;
  cairo_t *cr;
  GdkRGBA fg;
  BbColor color;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  color = (BbColor) { fg.red, fg.green, fg.blue, fg.alpha };
  bb_chart_set_font_color (self->chart, &color);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  context = pango_cairo_create_context (cr);
  cairo_scale (cr, SCALE, SCALE);
  pango_cairo_update_context (cr, context);
  bb_chart_draw (self->chart, cr, context, 0, 0, width / SCALE, height / SCALE);
  g_object_unref (context);
  cairo_destroy (cr);
}

static void
bb_chart_area_finalize (GObject *object)
{
  BbChartArea *self = BB_CHART_AREA (object);

  g_clear_pointer (&self->chart, bb_chart_free);

  G_OBJECT_CLASS (bb_chart_area_parent_class)->finalize (object);
}

static void
bb_chart_area_class_init (BbChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bb_chart_area_finalize;
  widget_class->measure = bb_chart_area_measure;
  widget_class->snapshot = bb_chart_area_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bb_chart_area_init (BbChartArea *self)
{
}

GtkWidget *
bb_chart_area_new (BbChart *chart,
                   double   points_height)
{
  BbChartArea *self = g_object_new (BB_TYPE_CHART_AREA, NULL);

  bb_chart_area_set_chart (self, chart, points_height);
  return GTK_WIDGET (self);
}

void
bb_chart_area_set_chart (BbChartArea *self,
                         BbChart     *chart,
                         double       points_height)
{
  g_return_if_fail (BB_IS_CHART_AREA (self));

  g_clear_pointer (&self->chart, bb_chart_free);
  self->chart = chart;
  self->points_height = points_height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
