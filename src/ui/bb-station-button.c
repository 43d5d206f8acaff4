/* bb-station-button.c: the choice of stations whose records the views show, at headquarters */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-station-button"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-station-button.h"

struct _BbStationButton
{
  AdwBin          parent_instance;

  BbFilterState  *state;
  gboolean        syncing;
  GPtrArray      *ids;      /* in the order shown */
  GPtrArray      *checks;   /* GtkCheckButton, same order */

  GtkMenuButton  *button;
  GtkEditable    *search;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (BbStationButton, bb_station_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
bb_filter_shows_station (const BbIncidentFilter *filter,
                         const char             *station_id)
{
  if (filter == NULL || filter->station_ids == NULL || filter->station_ids[0] == NULL)
    return TRUE;
  return station_id != NULL && g_strv_contains ((const char * const *) filter->station_ids, station_id);
}

static gboolean
no_stations (char * const *ids)
{
  return ids == NULL || ids[0] == NULL;
}

void
bb_station_button_follow (BbStationButton *self,
                          BbFilterState  **slot,
                          BbFilterState   *filter,
                          GCallback        changed,
                          gpointer         view)
{
  g_return_if_fail (BB_IS_STATION_BUTTON (self));
  g_return_if_fail (filter == NULL || BB_IS_FILTER_STATE (filter));

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, view);
  g_set_object (slot, filter);
  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", changed, view);
  bb_station_button_set_state (self, filter);
  ((void (*) (gpointer)) changed) (view);
}

gboolean
bb_filter_update_stations (BbFilterState *state,
                           GStrv         *station_ids)
{
  char * const *now = state != NULL ? bb_filter_state_get_filter (state)->station_ids : NULL;

  if (no_stations (now) && no_stations (*station_ids))
    return FALSE;
  if (!no_stations (now) && !no_stations (*station_ids)
      && g_strv_equal ((const char * const *) now, (const char * const *) *station_ids))
    return FALSE;
  g_strfreev (*station_ids);
  *station_ids = no_stations (now) ? NULL : g_strdupv ((char **) now);
  return TRUE;
}

static void
update_label (BbStationButton *self)
{
  guint n = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;
  if (n == 0)
    label = g_strdup (_("Stations"));
  else
    /* Translators: a filter button: what it filters and how many values are chosen, e.g. "Districts (2)" */
    label = g_strdup_printf (_("%s (%u)"), _("Stations"), n);
  gtk_menu_button_set_label (self->button, label);
}

static void
sync_from_state (BbStationButton *self)
{
  const BbIncidentFilter *filter = self->state != NULL ? bb_filter_state_get_filter (self->state) : NULL;

  self->syncing = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                 filter != NULL && !no_stations (filter->station_ids)
                                 && bb_filter_shows_station (filter, g_ptr_array_index (self->ids, i)));
  self->syncing = FALSE;
  update_label (self);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  BbStationButton *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  update_label (self);
  if (self->syncing || self->state == NULL)
    return;
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->ids, i));
  ids = g_strv_builder_end (builder);
  bb_filter_state_set_station_ids (self->state, (const char * const *) ids);
}

gboolean
bb_list_row_matches (GtkListBoxRow *row,
                     GtkEditable   *search)
{
  const char *text = gtk_editable_get_text (search);
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (g_object_get_data (G_OBJECT (row), "bb-label"), -1);
  return strstr (haystack, needle) != NULL;
}

/* Headquarters of many stations finds one by a part of its name. */
static gboolean
row_matches (GtkListBoxRow *row,
             gpointer       data)
{
  BbStationButton *self = data;

  return bb_list_row_matches (row, self->search);
}

static void
search_changed_cb (BbStationButton *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
show_all_clicked_cb (BbStationButton *self)
{
  if (self->state != NULL)
    bb_filter_state_set_station_ids (self->state, NULL);
  gtk_menu_button_popdown (self->button);
}

/* The stations to choose between: the button shows only where the
 * station holds the records of more than one. */
static void
station_choices_cb (BbStationButton *self)
{
  const char * const *names = NULL;
  const char * const *ids = self->state != NULL ? bb_filter_state_get_station_choices (self->state, &names) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (names[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (row), "bb-label", g_strdup (names[i]), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->ids, g_strdup (ids[i]));
      g_ptr_array_add (self->checks, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), ids != NULL && g_strv_length ((char **) ids) > 1);
  sync_from_state (self);
}

static void
bb_station_button_dispose (GObject *object)
{
  BbStationButton *self = BB_STATION_BUTTON (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  /* AdwBin keeps its own pointer to the child; it lets go first so that
   * the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_STATION_BUTTON);

  G_OBJECT_CLASS (bb_station_button_parent_class)->dispose (object);
}

static void
bb_station_button_finalize (GObject *object)
{
  BbStationButton *self = BB_STATION_BUTTON (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_station_button_parent_class)->finalize (object);
}

static void
bb_station_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbStationButton *self = BB_STATION_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_station_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BbStationButton *self = BB_STATION_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      bb_station_button_set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_station_button_class_init (BbStationButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_station_button_dispose;
  object_class->finalize = bb_station_button_finalize;
  object_class->get_property = bb_station_button_get_property;
  object_class->set_property = bb_station_button_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         BB_TYPE_FILTER_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-station-button.ui");
  gtk_widget_class_bind_template_child (widget_class, BbStationButton, button);
  gtk_widget_class_bind_template_child (widget_class, BbStationButton, search);
  gtk_widget_class_bind_template_child (widget_class, BbStationButton, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
}

static void
bb_station_button_init (BbStationButton *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, row_matches, self, NULL);
}

GtkWidget *
bb_station_button_new (void)
{
  return g_object_new (BB_TYPE_STATION_BUTTON, NULL);
}

BbFilterState *
bb_station_button_get_state (BbStationButton *self)
{
  g_return_val_if_fail (BB_IS_STATION_BUTTON (self), NULL);
  return self->state;
}

void
bb_station_button_set_state (BbStationButton *self,
                             BbFilterState   *state)
{
  g_return_if_fail (BB_IS_STATION_BUTTON (self));
  g_return_if_fail (state == NULL || BB_IS_FILTER_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    {
      g_signal_connect_swapped (state, "changed", G_CALLBACK (sync_from_state), self);
      g_signal_connect_swapped (state, "notify::station-choices", G_CALLBACK (station_choices_cb), self);
    }
  station_choices_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
