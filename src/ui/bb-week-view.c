/* bb-week-view.c: the calendar's week: hours down, seven days across, deadlines and all-day events on top */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-week-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-month-view.h"
#include "bb-week-view.h"

#define GUTTER 52
#define DAY_HEADER 40
#define TOP_LINE 19
#define TOP_LINES 3

struct _BbWeekView
{
  GtkWidget  parent_instance;

  GDateTime *first_day;
  GDateTime *selected;
  gint64     day_start[8];
  GPtrArray *items;
  int        first_hour;    /* the hours shown: the working day, widened to the week's events */
  guint      top_lines;     /* lines of all-day events and deadlines shown above the hours */
  int        last_hour;

  /* Where each timed item was drawn, for clicks: BbCalendarItem * and its rectangle. */
  GPtrArray *hit_items;
  GArray    *hit_rects;
};

G_DEFINE_FINAL_TYPE (BbWeekView, bb_week_view, GTK_TYPE_WIDGET)

enum {
  DAY_SELECTED,
  DAY_ACTIVATED,
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_top_item (const BbCalendarItem *item)
{
  return item->all_day || item->kind != BB_CALENDAR_ITEM_EVENT || item->end - item->start >= 24 * 3600;
}

static void
update_days (BbWeekView *self)
{
  guint per_day[7] = { 0 };

  self->first_hour = 8;
  self->last_hour = 20;
  self->top_lines = 1;
  if (self->first_day == NULL)
    return;
  for (int d = 0; d <= 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, d);

      self->day_start[d] = g_date_time_to_unix (day);
    }
  if (self->items == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (self->items, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;

      if (item->start >= self->day_start[7] || item->end <= self->day_start[0])
        continue;
      if (is_top_item (item))
        {
          for (int d = 0; d < 7; d++)
            if (item->start < self->day_start[d + 1] && item->end > self->day_start[d])
              self->top_lines = MIN (MAX (self->top_lines, ++per_day[d]), TOP_LINES);
          continue;
        }
      utc = g_date_time_new_from_unix_utc (item->start);
      start = g_date_time_to_timezone (utc, g_date_time_get_timezone (self->first_day));
      end = g_date_time_add_seconds (start, (double) (item->end - item->start));
      self->first_hour = MIN (self->first_hour, g_date_time_get_hour (start));
      if (g_date_time_get_day_of_year (end) != g_date_time_get_day_of_year (start))
        self->last_hour = 24;
      else
        self->last_hour = MAX (self->last_hour, g_date_time_get_hour (end) + (g_date_time_get_minute (end) > 0));
    }
  self->last_hour = MIN (self->last_hour, 24);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const char    *text,
           float          x,
           float          y,
           float          width,
           float          height,
           const GdkRGBA *colour)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_height (layout, height > 0 ? (int) (height * PANGO_SCALE) : -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static float
grid_top (BbWeekView *self)
{
  return DAY_HEADER + self->top_lines * TOP_LINE + 6;
}

static void
bb_week_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  BbWeekView *self = BB_WEEK_VIEW (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(PangoFontDescription) small_font = pango_font_description_from_string ("9");
  g_autoptr(PangoFontDescription) bold_font = pango_font_description_from_string ("Bold 10");
  g_autoptr(GDateTime) now = NULL;
  GTimeZone *tz;
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float col = (width - GUTTER) / 7;
  float top = grid_top (self);
  int n_hours = self->last_hour - self->first_hour;
  float hour_h = n_hours > 0 ? (height - top) / n_hours : 1;
  GdkRGBA fg, line, dim, accent;
  gint64 now_t;
  guint top_count[7] = { 0 };

  if (self->first_day == NULL)
    return;
  tz = g_date_time_get_timezone (self->first_day);
  g_ptr_array_set_size (self->hit_items, 0);
  g_array_set_size (self->hit_rects, 0);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha = 0.15f;
  dim = fg;
  dim.alpha = 0.55f;
  gdk_rgba_parse (&accent, "#3584e4");
  now = g_date_time_new_now (tz);
  now_t = g_date_time_to_unix (now);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  /* Days across: name and date, today in the accent colour. */
  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, d);
      g_autofree char *name = g_date_time_format (day, "%a %-d");
      gboolean is_today = now_t >= self->day_start[d] && now_t < self->day_start[d + 1];
      gboolean is_selected = self->selected && g_date_time_to_unix (self->selected) == self->day_start[d];
      float x = GUTTER + d * col;

      if (is_selected)
        {
          GdkRGBA tint = accent;

          tint.alpha = gtk_widget_has_focus (widget) ? 0.16f : 0.07f;
          gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (x, 0, col, height));
        }
      pango_layout_set_font_description (layout, bold_font);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      draw_text (snapshot, layout, g_strstrip (name), x, 10, col, -1, is_today ? &accent : &fg);
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, 0, 1, height));
    }
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, DAY_HEADER - 1, width, 1));
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, top - 1, width, 1));
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_font_description (layout, small_font);

  /* Hours down. */
  for (int h = self->first_hour; h < self->last_hour; h++)
    {
      char hour[8];
      float y = top + (h - self->first_hour) * hour_h;

      g_snprintf (hour, sizeof hour, "%02d:00", h);
      draw_text (snapshot, layout, hour, 6, y + 2, GUTTER - 8, -1, &dim);
      if (h > self->first_hour)
        gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (GUTTER, y, width - GUTTER, 1));
    }

  if (self->items == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *label = bb_calendar_item_label (item, tz);
      GdkRGBA colour, back;

      bb_calendar_item_colour (item, &colour);
      back = colour;
      back.alpha = 0.2f;
      for (int d = 0; d < 7; d++)
        {
          float x = GUTTER + d * col;
          graphene_rect_t r;

          if (!(item->start < self->day_start[d + 1]
                && (item->end > self->day_start[d] || (item->end == item->start && item->start >= self->day_start[d]))))
            continue;
          if (is_top_item (item))
            {
              if (top_count[d] >= self->top_lines)
                continue;
              graphene_rect_init (&r, x + 2, DAY_HEADER + 2 + top_count[d] * TOP_LINE, col - 4, TOP_LINE - 2);
              top_count[d]++;
              if (item->kind == BB_CALENDAR_ITEM_EVENT)
                gtk_snapshot_append_color (snapshot, &back, &r);
              else if (item->done)
                colour.alpha = 0.5f;
              draw_text (snapshot, layout, label, r.origin.x + 4, r.origin.y + 1, r.size.width - 6, -1,
                         item->kind == BB_CALENDAR_ITEM_EVENT ? &fg : &colour);
            }
          else
            {
              /* Clipped to the hours shown; events of the same hour share it side by side. */
              double from = (double) (MAX (item->start, self->day_start[d]) - self->day_start[d]) / 3600.0;
              double to = (double) (MIN (item->end, self->day_start[d + 1]) - self->day_start[d]) / 3600.0;
              guint lanes = 1, lane = 0;

              for (guint k = 0; k < self->items->len; k++)
                {
                  BbCalendarItem *other = g_ptr_array_index (self->items, k);

                  if (other == item || is_top_item (other) || other->start >= item->end || other->end <= item->start)
                    continue;
                  lanes++;
                  if (k < i)
                    lane++;
                }
              from = CLAMP (from, self->first_hour, self->last_hour);
              to = CLAMP (MAX (to, from + 0.5), self->first_hour, self->last_hour);
              graphene_rect_init (&r, x + 2 + lane * (col - 4) / lanes, top + (float) (from - self->first_hour) * hour_h + 1,
                                  (col - 4) / lanes - 1, MAX ((float) (to - from) * hour_h - 2, 14));
              gtk_snapshot_append_color (snapshot, &back, &r);
              gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (r.origin.x, r.origin.y, 3, r.size.height));
              gtk_snapshot_push_clip (snapshot, &r);
              draw_text (snapshot, layout, label, r.origin.x + 6, r.origin.y + 2, r.size.width - 8, r.size.height - 2, &fg);
              gtk_snapshot_pop (snapshot);
            }
          g_ptr_array_add (self->hit_items, item);
          g_array_append_val (self->hit_rects, r);
        }
    }

  /* Now, as a line across today. */
  for (int d = 0; d < 7; d++)
    if (now_t >= self->day_start[d] && now_t < self->day_start[d + 1])
      {
        double hours = (double) (now_t - self->day_start[d]) / 3600.0;

        if (hours >= self->first_hour && hours <= self->last_hour)
          gtk_snapshot_append_color (snapshot, &accent,
                                     &GRAPHENE_RECT_INIT (GUTTER + d * col, top + (float) (hours - self->first_hour) * hour_h,
                                                          col, 2));
      }
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BbWeekView      *self)
{
  float col = (gtk_widget_get_width (GTK_WIDGET (self)) - GUTTER) / 7.0f;
  int d;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  for (guint i = 0; i < self->hit_rects->len; i++)
    if (graphene_rect_contains_point (&g_array_index (self->hit_rects, graphene_rect_t, i),
                                      &GRAPHENE_POINT_INIT ((float) x, (float) y)))
      {
        g_signal_emit (self, signals[ITEM_ACTIVATED], 0, g_ptr_array_index (self->hit_items, i));
        return;
      }
  if (x < GUTTER || col <= 0)
    return;
  d = CLAMP ((int) ((x - GUTTER) / col), 0, 6);
  g_signal_emit (self, signals[DAY_SELECTED], 0, self->day_start[d]);
  if (n_press == 2)
    g_signal_emit (self, signals[DAY_ACTIVATED], 0, self->day_start[d]);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BbWeekView            *self)
{
  int step;
  g_autoptr(GDateTime) next = NULL;

  if (self->selected == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval == GDK_KEY_Left)
    step = -1;
  else if (keyval == GDK_KEY_Right)
    step = 1;
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space)
    {
      g_signal_emit (self, signals[DAY_ACTIVATED], 0, g_date_time_to_unix (self->selected));
      return GDK_EVENT_STOP;
    }
  else
    return GDK_EVENT_PROPAGATE;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    step = -step;
  next = g_date_time_add_days (self->selected, step);
  g_signal_emit (self, signals[DAY_SELECTED], 0, g_date_time_to_unix (next));
  return GDK_EVENT_STOP;
}

static void
bb_week_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  BbWeekView *self = BB_WEEK_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GUTTER + 7 * 60;
      *natural = GUTTER + 7 * 140;
    }
  else
    {
      *minimum = (int) grid_top (self) + 12 * 18;
      *natural = (int) grid_top (self) + 12 * 40;
    }
}

static void
bb_week_view_finalize (GObject *object)
{
  BbWeekView *self = BB_WEEK_VIEW (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->hit_items, g_ptr_array_unref);
  g_clear_pointer (&self->hit_rects, g_array_unref);
  g_clear_pointer (&self->first_day, g_date_time_unref);
  g_clear_pointer (&self->selected, g_date_time_unref);
  G_OBJECT_CLASS (bb_week_view_parent_class)->finalize (object);
}

static void
bb_week_view_class_init (BbWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bb_week_view_finalize;
  widget_class->snapshot = bb_week_view_snapshot;
  widget_class->measure = bb_week_view_measure;

  signals[DAY_SELECTED] = g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          BB_TYPE_CALENDAR_ITEM | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_css_name (widget_class, "bb-week-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
redraw_cb (BbWeekView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bb_week_view_init (BbWeekView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->hit_items = g_ptr_array_new ();
  self->hit_rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->first_hour = 8;
  self->last_hour = 20;
  self->top_lines = 1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (redraw_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (redraw_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Week"), -1);
}

GtkWidget *
bb_week_view_new (void)
{
  return g_object_new (BB_TYPE_WEEK_VIEW, NULL);
}

void
bb_week_view_set_range (BbWeekView *self,
                        GDateTime  *first_day,
                        GDateTime  *selected)
{
  g_return_if_fail (BB_IS_WEEK_VIEW (self));
  g_return_if_fail (first_day != NULL);

  g_clear_pointer (&self->first_day, g_date_time_unref);
  self->first_day = g_date_time_ref (first_day);
  g_clear_pointer (&self->selected, g_date_time_unref);
  self->selected = selected ? g_date_time_ref (selected) : NULL;
  update_days (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
bb_week_view_set_items (BbWeekView *self,
                        GPtrArray  *items)
{
  g_return_if_fail (BB_IS_WEEK_VIEW (self));

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items ? g_ptr_array_ref (items) : NULL;
  update_days (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
