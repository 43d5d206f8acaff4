/* bb-month-view.c: the calendar's month grid: six weeks of days with their events and deadlines */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-month-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-month-view.h"

#define N_CELLS 42
#define HEADER_HEIGHT 28
#define LINE_HEIGHT 19
#define DAY_NUMBER_HEIGHT 24

struct _BbMonthView
{
  GtkWidget  parent_instance;

  GDateTime *first_day;
  GDateTime *selected;
  int        month;
  gint64     cell_start[N_CELLS + 1];
  GPtrArray *items;
  GPtrArray *cells[N_CELLS];    /* the items of each day, borrowed from items */
};

G_DEFINE_FINAL_TYPE (BbMonthView, bb_month_view, GTK_TYPE_WIDGET)

enum {
  DAY_SELECTED,
  DAY_ACTIVATED,
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours that read on light and dark backgrounds; orange and purple are
 * kept for deadlines. */
static const char * const kind_palette[] = {
  "#3584e4", "#2ec27e", "#1c71d8", "#26a269", "#c64600", "#0f7b8a", "#986a44", "#613583", "#a51d2d",
};

void
bb_calendar_item_colour (const BbCalendarItem *item,
                         GdkRGBA              *colour)
{
  static const struct { const char *kind; guint index; } known[] = {
    { "advisory_meeting", 0 }, { "community_meeting", 1 }, { "open_day", 4 }, { "school_visit", 3 },
    { "press_briefing", 8 }, { "training", 6 }, { "campaign", 5 }, { "other", 7 },
  };
  guint index;

  if (item->kind == BB_CALENDAR_ITEM_TASK)
    {
      gdk_rgba_parse (colour, "#e66100");
      return;
    }
  if (item->kind == BB_CALENDAR_ITEM_REVIEW)
    {
      gdk_rgba_parse (colour, "#9141ac");
      return;
    }
  index = g_str_hash (item->event_kind ? item->event_kind : "") % G_N_ELEMENTS (kind_palette);
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (item->event_kind, known[i].kind) == 0)
      index = known[i].index;
  gdk_rgba_parse (colour, kind_palette[index]);
}

char *
bb_calendar_item_label (const BbCalendarItem *item,
                        GTimeZone            *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  if (item->kind != BB_CALENDAR_ITEM_EVENT)
    /* Translators: a task or review in the calendar, ticked off or not */
    return g_strdup_printf ("%s %s", item->done ? "☑" : "☐", item->title);
  if (item->all_day)
    return g_strdup (item->title);
  utc = g_date_time_new_from_unix_utc (item->start);
  local = g_date_time_to_timezone (utc, tz);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a time, then an event's title */
  return g_strdup_printf (_("%s %s"), time, item->title);
}

static void
rebuild_cells (BbMonthView *self)
{
  for (guint c = 0; c < N_CELLS; c++)
    {
      if (self->cells[c] == NULL)
        self->cells[c] = g_ptr_array_new ();
      g_ptr_array_set_size (self->cells[c], 0);
    }
  if (self->first_day == NULL)
    return;
  for (guint c = 0; c <= N_CELLS; c++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, (int) c);

      self->cell_start[c] = g_date_time_to_unix (day);
    }
  if (self->items == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (self->items, i);

      for (guint c = 0; c < N_CELLS; c++)
        {
          gboolean in_day = item->start < self->cell_start[c + 1]
                            && (item->end > self->cell_start[c]
                                || (item->end == item->start && item->start >= self->cell_start[c]));

          if (in_day)
            g_ptr_array_add (self->cells[c], item);
        }
    }
}

static void
cell_rect (BbMonthView     *self,
           guint            c,
           graphene_rect_t *rect)
{
  float w = (float) gtk_widget_get_width (GTK_WIDGET (self)) / 7;
  float h = (float) (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT) / 6;

  graphene_rect_init (rect, (c % 7) * w, HEADER_HEIGHT + (c / 7) * h, w, h);
}

static guint
lines_in_cell (BbMonthView *self)
{
  float h = (float) (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT) / 6;
  int n = (int) ((h - DAY_NUMBER_HEIGHT - 2) / LINE_HEIGHT);

  return (guint) MAX (n, 0);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const char    *text,
           float          x,
           float          y,
           float          width,
           const GdkRGBA *colour)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
bb_month_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BbMonthView *self = BB_MONTH_VIEW (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(PangoLayout) small = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(PangoFontDescription) small_font = pango_font_description_from_string ("9");
  g_autoptr(PangoFontDescription) bold_font = pango_font_description_from_string ("Bold 9");
  g_autoptr(GDateTime) now = NULL;
  float width = gtk_widget_get_width (widget);
  float col = width / 7;
  GdkRGBA fg, line, dim, accent, accent_fg;
  guint max_lines = lines_in_cell (self);
  gint64 now_t;

  if (self->first_day == NULL)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha = 0.15f;
  dim = fg;
  dim.alpha = 0.45f;
  gdk_rgba_parse (&accent, "#3584e4");
  gdk_rgba_parse (&accent_fg, "#ffffff");
  now = g_date_time_new_now (g_date_time_get_timezone (self->first_day));
  now_t = g_date_time_to_unix (now);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_font_description (small, small_font);
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);

  /* Weekday names, Monday first. */
  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, d);
      g_autofree char *name = g_date_time_format (day, "%a");

      pango_layout_set_alignment (small, PANGO_ALIGN_CENTER);
      pango_layout_set_font_description (small, bold_font);
      draw_text (snapshot, small, name, d * col, 6, col, &dim);
    }
  pango_layout_set_alignment (small, PANGO_ALIGN_LEFT);
  pango_layout_set_font_description (small, small_font);

  for (guint c = 0; c < N_CELLS; c++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first_day, (int) c);
      g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
      gboolean in_month = g_date_time_get_month (day) == self->month;
      gboolean is_today = now_t >= self->cell_start[c] && now_t < self->cell_start[c + 1];
      gboolean is_selected = self->selected != NULL && g_date_time_to_unix (self->selected) == self->cell_start[c];
      GPtrArray *cell = self->cells[c];
      graphene_rect_t r;
      guint shown;

      cell_rect (self, c, &r);
      if (!in_month)
        {
          GdkRGBA shade = fg;

          shade.alpha = 0.04f;
          gtk_snapshot_append_color (snapshot, &shade, &r);
        }
      /* Grid lines: the top and left of every cell. */
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (r.origin.x, r.origin.y, r.size.width, 1));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (r.origin.x, r.origin.y, 1, r.size.height));

      if (is_today)
        {
          GskRoundedRect circle;

          gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (r.origin.x + 4, r.origin.y + 3, 22, 20), 10);
          gtk_snapshot_push_rounded_clip (snapshot, &circle);
          gtk_snapshot_append_color (snapshot, &accent, &circle.bounds);
          gtk_snapshot_pop (snapshot);
        }
      pango_layout_set_alignment (small, PANGO_ALIGN_CENTER);
      pango_layout_set_font_description (small, bold_font);
      draw_text (snapshot, small, number, r.origin.x + 4, r.origin.y + 5, 22,
                 is_today ? &accent_fg : in_month ? &fg : &dim);
      pango_layout_set_alignment (small, PANGO_ALIGN_LEFT);
      pango_layout_set_font_description (small, small_font);

      shown = cell->len > max_lines ? (max_lines > 0 ? max_lines - 1 : 0) : cell->len;
      for (guint i = 0; i < shown; i++)
        {
          BbCalendarItem *item = g_ptr_array_index (cell, i);
          g_autofree char *label = bb_calendar_item_label (item, g_date_time_get_timezone (self->first_day));
          float y = r.origin.y + DAY_NUMBER_HEIGHT + i * LINE_HEIGHT;
          GdkRGBA colour, back;

          bb_calendar_item_colour (item, &colour);
          if (item->kind == BB_CALENDAR_ITEM_EVENT)
            {
              GskRoundedRect box;

              back = colour;
              back.alpha = 0.18f;
              gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (r.origin.x + 3, y, r.size.width - 6,
                                                                          LINE_HEIGHT - 2), 3);
              gtk_snapshot_push_rounded_clip (snapshot, &box);
              gtk_snapshot_append_color (snapshot, &back, &box.bounds);
              gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (r.origin.x + 3, y, 3, LINE_HEIGHT - 2));
              gtk_snapshot_pop (snapshot);
              draw_text (snapshot, small, label, r.origin.x + 9, y + 1, r.size.width - 14, &fg);
            }
          else
            {
              /* Deadlines: no box, the deadline's colour, dimmed when done. */
              if (item->done)
                colour.alpha = 0.5f;
              draw_text (snapshot, small, label, r.origin.x + 5, y + 1, r.size.width - 10, &colour);
            }
        }
      if (shown < cell->len)
        {
          /* Translators: more events on a day than the month grid can show */
          g_autofree char *more = g_strdup_printf (ngettext ("%u more", "%u more", cell->len - shown),
                                                   cell->len - shown);

          draw_text (snapshot, small, more, r.origin.x + 6, r.origin.y + DAY_NUMBER_HEIGHT + shown * LINE_HEIGHT + 1,
                     r.size.width - 10, &dim);
        }
      if (is_selected && gtk_widget_has_focus (widget))
        {
          GskRoundedRect border;
          const GdkRGBA colours[4] = { accent, accent, accent, accent };
          const float widths[4] = { 2, 2, 2, 2 };

          gsk_rounded_rect_init_from_rect (&border, &GRAPHENE_RECT_INIT (r.origin.x + 1, r.origin.y + 1,
                                                                         r.size.width - 2, r.size.height - 2), 2);
          gtk_snapshot_append_border (snapshot, &border, widths, colours);
        }
      else if (is_selected)
        {
          GdkRGBA tint = accent;

          tint.alpha = 0.08f;
          gtk_snapshot_append_color (snapshot, &tint, &r);
        }
    }
}

static int
cell_at (BbMonthView *self,
         double       x,
         double       y)
{
  float w = (float) gtk_widget_get_width (GTK_WIDGET (self)) / 7;
  float h = (float) (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT) / 6;
  int col, row;

  if (y < HEADER_HEIGHT || w <= 0 || h <= 0)
    return -1;
  col = (int) (x / w);
  row = (int) ((y - HEADER_HEIGHT) / h);
  if (col < 0 || col > 6 || row < 0 || row > 5)
    return -1;
  return row * 7 + col;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BbMonthView     *self)
{
  int c = cell_at (self, x, y);
  graphene_rect_t r;
  GPtrArray *cell;
  int line;

  if (c < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[DAY_SELECTED], 0, self->cell_start[c]);

  cell_rect (self, (guint) c, &r);
  cell = self->cells[c];
  line = (int) ((y - r.origin.y - DAY_NUMBER_HEIGHT) / LINE_HEIGHT);
  if (y >= r.origin.y + DAY_NUMBER_HEIGHT && line >= 0)
    {
      guint max_lines = lines_in_cell (self);
      guint shown = cell->len > max_lines ? (max_lines > 0 ? max_lines - 1 : 0) : cell->len;

      if ((guint) line < shown)
        {
          g_signal_emit (self, signals[ITEM_ACTIVATED], 0, g_ptr_array_index (cell, line));
          return;
        }
      /* "3 more": the day in the week view, where all of it shows. */
      if ((guint) line == shown && shown < cell->len)
        {
          g_signal_emit (self, signals[DAY_ACTIVATED], 0, self->cell_start[c]);
          return;
        }
    }
  if (n_press == 2)
    g_signal_emit (self, signals[DAY_ACTIVATED], 0, self->cell_start[c]);
}

/* The day's items, one a line, with their places: what the tooltip and
 * the accessible description say. */
static char *
day_text (BbMonthView *self,
          int          c)
{
  GString *text = g_string_new (NULL);
  GPtrArray *cell = self->cells[c];

  for (guint i = 0; i < cell->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (cell, i);
      g_autofree char *label = bb_calendar_item_label (item, g_date_time_get_timezone (self->first_day));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, label);
      if (item->place != NULL && *item->place != '\0')
        g_string_append_printf (text, " — %s", item->place);
      else if (item->context != NULL && *item->context != '\0')
        g_string_append_printf (text, " — %s", item->context);
    }
  return g_string_free (text, FALSE);
}

static int
selected_cell (BbMonthView *self)
{
  if (self->selected == NULL)
    return -1;
  for (guint k = 0; k < N_CELLS; k++)
    if (self->cell_start[k] == g_date_time_to_unix (self->selected))
      return (int) k;
  return -1;
}

/* The whole day as a tooltip: titles in a narrow grid are cut short. */
static gboolean
query_tooltip_cb (BbMonthView *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  int c = keyboard ? selected_cell (self) : cell_at (self, x, y);
  g_autofree char *text = NULL;

  if (c < 0 || self->first_day == NULL)
    return FALSE;
  text = day_text (self, c);
  if (*text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The grid is drawn, not made of widgets: a screen reader hears the
 * selected day and what it holds in the view's description. */
static void
update_accessible (BbMonthView *self)
{
  int c = selected_cell (self);
  g_autofree char *day = NULL;
  g_autofree char *items = NULL;
  g_autofree char *description = NULL;

  if (c < 0 || self->first_day == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  /* Translators: the selected day of the month view, for screen readers, as g_date_time_format() writes it */
  day = g_date_time_format (self->selected, _("%A %e %B %Y"));
  items = day_text (self, c);
  if (*items == '\0')
    /* Translators: the selected day of the month view, for screen readers, when nothing is planned */
    description = g_strdup_printf (_("%s: nothing planned"), g_strstrip (day));
  else
    {
      g_strdelimit (items, "\n", ';');
      /* Translators: the selected day of the month view and what it holds, for screen readers */
      description = g_strdup_printf (_("%s: %s"), g_strstrip (day), items);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BbMonthView           *self)
{
  int step = 0;
  g_autoptr(GDateTime) next = NULL;

  if (self->selected == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Left: step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1; break;
    case GDK_KEY_Right: step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1; break;
    case GDK_KEY_Up: step = -7; break;
    case GDK_KEY_Down: step = 7; break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals[DAY_ACTIVATED], 0, g_date_time_to_unix (self->selected));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  next = g_date_time_add_days (self->selected, step);
  g_signal_emit (self, signals[DAY_SELECTED], 0, g_date_time_to_unix (next));
  return GDK_EVENT_STOP;
}

static void
focus_changed_cb (BbMonthView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bb_month_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Small enough for 1024×600 with two lines a day; more with room. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * 60;
      *natural = 7 * 140;
    }
  else
    {
      *minimum = HEADER_HEIGHT + 6 * (DAY_NUMBER_HEIGHT + 2 * LINE_HEIGHT);
      *natural = HEADER_HEIGHT + 6 * (DAY_NUMBER_HEIGHT + 4 * LINE_HEIGHT);
    }
}

static void
bb_month_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  gtk_widget_queue_draw (widget);
}

static void
bb_month_view_finalize (GObject *object)
{
  BbMonthView *self = BB_MONTH_VIEW (object);

  for (guint c = 0; c < N_CELLS; c++)
    g_clear_pointer (&self->cells[c], g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->first_day, g_date_time_unref);
  g_clear_pointer (&self->selected, g_date_time_unref);
  G_OBJECT_CLASS (bb_month_view_parent_class)->finalize (object);
}

static void
bb_month_view_class_init (BbMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bb_month_view_finalize;
  widget_class->snapshot = bb_month_view_snapshot;
  widget_class->measure = bb_month_view_measure;
  widget_class->size_allocate = bb_month_view_size_allocate;

  /* The local midnight (seconds) of the day chosen. */
  signals[DAY_SELECTED] = g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          BB_TYPE_CALENDAR_ITEM | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_css_name (widget_class, "bb-month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
bb_month_view_init (BbMonthView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month"), -1);
  rebuild_cells (self);
}

GtkWidget *
bb_month_view_new (void)
{
  return g_object_new (BB_TYPE_MONTH_VIEW, NULL);
}

void
bb_month_view_set_range (BbMonthView *self,
                         GDateTime   *first_day,
                         int          month,
                         GDateTime   *selected)
{
  g_return_if_fail (BB_IS_MONTH_VIEW (self));
  g_return_if_fail (first_day != NULL);

  g_clear_pointer (&self->first_day, g_date_time_unref);
  self->first_day = g_date_time_ref (first_day);
  g_clear_pointer (&self->selected, g_date_time_unref);
  self->selected = selected ? g_date_time_ref (selected) : NULL;
  self->month = month;
  rebuild_cells (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_month_view_set_items (BbMonthView *self,
                         GPtrArray   *items)
{
  g_return_if_fail (BB_IS_MONTH_VIEW (self));

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items ? g_ptr_array_ref (items) : NULL;
  rebuild_cells (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
