/* bb-aggregates-view.c: survey figures published by others (city programmes), by measure, area and date */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-aggregates-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-aggregates-view.h"

/* The latest dates shown side by side in a table. */
#define MAX_PERIODS 6

struct _BbAggregatesView
{
  AdwBin     parent_instance;

  GPtrArray *figures;
  guint      n_tables;

  GtkBox    *content;
};

G_DEFINE_FINAL_TYPE (BbAggregatesView, bb_aggregates_view, ADW_TYPE_BIN)

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static int
by_text_cb (gconstpointer a,
            gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* One table: a measure of a source, areas down, the latest dates across. */
static void
add_table (BbAggregatesView *self,
           const char       *source,
           const char       *measure)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new ();
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();
  g_autofree char *title = NULL;
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame;
  guint first;

  for (guint i = 0; i < self->figures->len; i++)
    {
      BbSurveyAggregate *f = g_ptr_array_index (self->figures, i);

      if (!g_str_equal (f->source, source) || !g_str_equal (f->measure, measure))
        continue;
      if (!g_ptr_array_find_with_equal_func (periods, f->period, g_str_equal, NULL))
        g_ptr_array_add (periods, f->period);
      if (!g_ptr_array_find_with_equal_func (areas, f->area, g_str_equal, NULL))
        g_ptr_array_add (areas, f->area);
    }
  g_ptr_array_sort (periods, by_text_cb);
  g_ptr_array_sort (areas, by_text_cb);
  first = periods->len > MAX_PERIODS ? periods->len - MAX_PERIODS : 0;

  /* Translators: the title of a table of published figures: the measure, then where they come from */
  title = g_strdup_printf (_("%s — %s"), measure, source);
  gtk_box_append (self->content, cell (title, TRUE, 0));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 9);
  gtk_widget_set_margin_bottom (grid, 9);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Area"), TRUE, 0), 0, 0, 1, 1);
  for (guint p = first; p < periods->len; p++)
    gtk_grid_attach (GTK_GRID (grid), cell (g_ptr_array_index (periods, p), TRUE, 1), p - first + 1, 0, 1, 1);
  for (guint a = 0; a < areas->len; a++)
    {
      gtk_grid_attach (GTK_GRID (grid), cell (g_ptr_array_index (areas, a), FALSE, 0), 0, a + 1, 1, 1);
      for (guint i = 0; i < self->figures->len; i++)
        {
          BbSurveyAggregate *f = g_ptr_array_index (self->figures, i);
          guint p;
          g_autofree char *text = NULL;
          GtkWidget *value;

          if (!g_str_equal (f->source, source) || !g_str_equal (f->measure, measure)
              || !g_str_equal (f->area, g_ptr_array_index (areas, a))
              || !g_ptr_array_find_with_equal_func (periods, f->period, g_str_equal, &p) || p < first)
            continue;
          if (f->respondents != BB_UNSET_INT)
            /* Translators: a published share and how many answered: "62 % (n = 120)" */
            text = g_strdup_printf (_("%.0f %% (n = %d)"), f->proportion * 100, f->respondents);
          else
            text = g_strdup_printf (_("%.0f %%"), f->proportion * 100);
          value = cell (text, FALSE, 1);
          if (f->district_id == NULL)
            gtk_widget_set_tooltip_text (value, _("This area is not one of the station’s districts"));
          gtk_grid_attach (GTK_GRID (grid), value, p - first + 1, a + 1, 1, 1);
        }
    }
  frame = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_widget_add_css_class (frame, "card");
  gtk_box_append (self->content, frame);
  self->n_tables++;
}

void
bb_aggregates_view_set_figures (BbAggregatesView *self,
                                GPtrArray        *figures)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  g_return_if_fail (BB_IS_AGGREGATES_VIEW (self));

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  self->figures = figures;
  self->n_tables = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  if (figures == NULL)
    return;
  for (guint i = 0; i < figures->len; i++)
    {
      BbSurveyAggregate *f = g_ptr_array_index (figures, i);
      char *key = g_strconcat (f->source, "\x1f", f->measure, NULL);

      if (g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);
      add_table (self, f->source, f->measure);
    }
}

guint
bb_aggregates_view_get_n_tables (BbAggregatesView *self)
{
  g_return_val_if_fail (BB_IS_AGGREGATES_VIEW (self), 0);
  return self->n_tables;
}

static void
bb_aggregates_view_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_AGGREGATES_VIEW);

  G_OBJECT_CLASS (bb_aggregates_view_parent_class)->dispose (object);
}

static void
bb_aggregates_view_finalize (GObject *object)
{
  BbAggregatesView *self = BB_AGGREGATES_VIEW (object);

  g_clear_pointer (&self->figures, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_aggregates_view_parent_class)->finalize (object);
}

static void
bb_aggregates_view_class_init (BbAggregatesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_aggregates_view_dispose;
  object_class->finalize = bb_aggregates_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-aggregates-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbAggregatesView, content);
}

static void
bb_aggregates_view_init (BbAggregatesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
