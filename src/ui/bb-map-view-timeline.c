/* bb-map-view-timeline.c: the Map view's time slider, which plays the filtered incidents week by week */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-map-view-private.h"

/* A week on the screen while playing: long enough to read its count. */
#define WEEK_MS 800

static void
set_playing (BbMapView *self,
             gboolean   playing);

/* Draws the incidents of the slider's week, from the points in memory. */
static void
show_week (BbMapView *self)
{
  g_autoptr(GArray) week = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *text = NULL;

  if (self->timeline == NULL)
    {
      g_clear_pointer (&self->week_shown, g_array_unref);
      self->week_shown = g_array_new (FALSE, FALSE, sizeof (guint));
      bb_incident_layer_set_selected (self->incident_layer, self->week_shown);
      bb_map_view_rebuild_legend (self);
      gtk_label_set_label (self->week_label, _("No incidents in the filtered period"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.play", FALSE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.play", TRUE);
  week = bb_map_timeline_select_week (self->timeline, self->week);
  bb_incident_layer_set_selected (self->incident_layer, week);
  g_clear_pointer (&self->week_shown, g_array_unref);
  self->week_shown = g_array_ref (week);
  bb_map_view_rebuild_legend (self);

  from = g_date_time_new_from_unix_local (bb_map_timeline_get_week_start (self->timeline, self->week));
  last = g_date_time_new_from_unix_local (bb_map_timeline_get_week_start (self->timeline, self->week + 1) - 1);
  /* Translators: a day in the time slider's week, as g_date_time_format() writes it: "5 Jan 2026" */
  from_text = g_date_time_format (from, C_("time slider day", "%-d %b %Y"));
  last_text = g_date_time_format (last, C_("time slider day", "%-d %b %Y"));
  text = g_strdup_printf (g_dngettext (NULL,
                                       /* Translators: the time slider's week: first day, last day, incidents */
                                       "%s – %s: %'u incident",
                                       "%s – %s: %'u incidents", week->len),
                          from_text, last_text, week->len);
  gtk_label_set_label (self->week_label, text);
}

/* The slider's weeks from the incidents the filter selects now, over the
 * filter's period (or theirs, when it has none). */
static void
rebuild (BbMapView *self)
{
  const BbIncidentFilter *filter = self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL;
  gint64 start = filter != NULL && filter->start != BB_UNSET_TIME ? filter->start : G_MININT64;
  gint64 end = filter != NULL && filter->end != BB_UNSET_TIME ? filter->end : G_MAXINT64;
  guint n_weeks;

  g_clear_pointer (&self->timeline, bb_map_timeline_free);
  if (self->data != NULL && self->selected != NULL)
    self->timeline = bb_map_timeline_new (self->data->points, self->selected, start, end);
  n_weeks = self->timeline != NULL ? bb_map_timeline_get_n_weeks (self->timeline) : 0;
  self->week = MIN (self->week, n_weeks > 0 ? n_weeks - 1 : 0);
  if (n_weeks == 0)
    set_playing (self, FALSE);
  gtk_adjustment_configure (self->week_adjustment, self->week, 0, MAX (n_weeks, 1) - 1, 1, 4, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->week_scale), n_weeks > 1);
  show_week (self);
}

gboolean
bb_map_view_get_timeline_shown (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->timeline_revealer);
}

void
bb_map_view_set_timeline_shown (BbMapView *self,
                                gboolean   shown)
{
  g_return_if_fail (BB_IS_MAP_VIEW (self));

  shown = !!shown;
  if (bb_map_view_get_timeline_shown (self) == shown)
    return;
  gtk_revealer_set_reveal_child (self->timeline_revealer, shown);
  if (shown)
    {
      self->week = 0;
      rebuild (self);
    }
  else
    {
      /* Closed, the map shows the whole filter again. */
      set_playing (self, FALSE);
      g_clear_pointer (&self->timeline, bb_map_timeline_free);
      g_clear_pointer (&self->week_shown, g_array_unref);
      bb_incident_layer_set_selected (self->incident_layer, self->selected);
      bb_map_view_rebuild_legend (self);
    }
  g_object_notify (G_OBJECT (self), "timeline");
}

void
bb_map_view_timeline_refilter (BbMapView *self)
{
  if (!gtk_revealer_get_reveal_child (self->timeline_revealer))
    return;
  rebuild (self);
}

static gboolean
next_week_cb (gpointer user_data)
{
  BbMapView *self = user_data;
  guint n_weeks = self->timeline != NULL ? bb_map_timeline_get_n_weeks (self->timeline) : 0;

  if (self->week + 1 >= n_weeks)
    {
      /* The last week stays on the map. */
      self->play_id = 0;
      set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (self->week_adjustment, self->week + 1);
  return G_SOURCE_CONTINUE;
}

static void
set_playing (BbMapView *self,
             gboolean   playing)
{
  const char *icon = playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic";

  if (playing == (self->play_id != 0))
    return;
  if (playing)
    {
      guint n_weeks = self->timeline != NULL ? bb_map_timeline_get_n_weeks (self->timeline) : 0;

      if (n_weeks == 0)
        return;
      /* From the last week, play starts again at the first. */
      if (self->week + 1 >= n_weeks)
        gtk_adjustment_set_value (self->week_adjustment, 0);
      self->play_id = g_timeout_add (WEEK_MS, next_week_cb, self);
    }
  else
    g_clear_handle_id (&self->play_id, g_source_remove);
  gtk_button_set_icon_name (self->play_button, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause on This Week (Space)") : _("Play the Weeks (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

gboolean
bb_map_view_is_playing (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);
  return self->play_id != 0;
}

guint
bb_map_view_get_week (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), 0);
  return self->week;
}

void
bb_map_view_set_week (BbMapView *self,
                      guint      week)
{
  g_return_if_fail (BB_IS_MAP_VIEW (self));
  gtk_adjustment_set_value (self->week_adjustment, week);
}

gboolean
bb_map_view_get_week_range (BbMapView *self,
                            gint64    *start,
                            gint64    *end)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), FALSE);

  if (self->timeline == NULL)
    return FALSE;
  *start = bb_map_timeline_get_week_start (self->timeline, self->week);
  *end = bb_map_timeline_get_week_start (self->timeline, self->week + 1);
  return TRUE;
}

static void
week_changed_cb (BbMapView *self)
{
  guint week = (guint) (gtk_adjustment_get_value (self->week_adjustment) + 0.5);

  if (week == self->week || self->timeline == NULL)
    return;
  self->week = week;
  show_week (self);
}

static void
play_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbMapView *self = BB_MAP_VIEW (widget);

  if (bb_map_view_get_timeline_shown (self))
    set_playing (self, self->play_id == 0);
}

void
bb_map_view_timeline_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "map.timeline", "timeline");
  gtk_widget_class_install_action (widget_class, "map.play", NULL, play_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.timeline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.play", NULL);
}

void
bb_map_view_timeline_init (BbMapView *self)
{
  g_signal_connect_object (self->week_adjustment, "value-changed", G_CALLBACK (week_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
bb_map_view_timeline_dispose (BbMapView *self)
{
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_pointer (&self->timeline, bb_map_timeline_free);
  g_clear_pointer (&self->week_shown, g_array_unref);
}
