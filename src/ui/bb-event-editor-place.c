/* bb-event-editor-place.c: the event's position, picked on a small map of the station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-editor"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "bb-event-editor-private.h"
#include "bb-place-picker.h"

/* The subtitle says where the mark is, or that there is none yet. */
static void
update_subtitle (BbEventEditor *self)
{
  double lat = NAN, lon = NAN;
  g_autofree char *text = NULL;

  bb_place_picker_get_position (self->picker, &lat, &lon);
  if (!adw_expander_row_get_enable_expansion (self->position_row))
    text = g_strdup (_("Not on the map"));
  else if (isnan (lat) || isnan (lon))
    text = g_strdup (_("Click the map where the event takes place"));
  else
    /* Translators: an event's position in degrees, latitude then longitude */
    text = g_strdup_printf (_("%.5f, %.5f"), lat, lon);
  adw_expander_row_set_subtitle (self->position_row, text);
}

typedef struct {
  double lat;
  double lon;
} Position;

static gpointer
district_at (BbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Position *position = data;
  g_autoptr(GError) local_error = NULL;
  char *id = bb_store_district_at (store, position->lon, position->lat, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return id != NULL ? id : g_strdup ("");
}

static void
district_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BbEventEditor) self = user_data;
  g_autofree char *id = bb_store_run_finish (BB_STORE (object), result, NULL);

  /* A district chosen by hand stays as it is. */
  if (id == NULL || *id == '\0' || adw_combo_row_get_selected (self->district_row) != 0)
    return;
  for (guint i = 1; i < self->district_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->district_ids, i), id) == 0)
      {
        adw_combo_row_set_selected (self->district_row, i);
        break;
      }
}

static void
picked_cb (BbEventEditor *self,
           double         lat,
           double         lon)
{
  Position *position = g_new (Position, 1);

  position->lat = lat;
  position->lon = lon;
  update_subtitle (self);
  bb_store_run_async_full (self->store, district_at, g_free, position, g_free, NULL, district_found_cb,
                           g_object_ref (self));
}

void
bb_event_editor_init_place (BbEventEditor *self)
{
  GtkWidget *row = gtk_list_box_row_new ();

  self->picker = bb_place_picker_new ();
  gtk_widget_set_size_request (GTK_WIDGET (self->picker), -1, 220);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), GTK_WIDGET (self->picker));
  adw_expander_row_add_row (self->position_row, row);
  g_signal_connect_object (self->picker, "picked", G_CALLBACK (picked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->position_row, "notify::enable-expansion", G_CALLBACK (update_subtitle), self,
                           G_CONNECT_SWAPPED);
  update_subtitle (self);
}

void
bb_event_editor_load_place (BbEventEditor *self,
                            const BbEvent *e)
{
  gboolean has = e != NULL && !isnan (e->lat) && !isnan (e->lon);

  bb_place_picker_set_position (self->picker, has ? e->lat : NAN, has ? e->lon : NAN);
  adw_expander_row_set_enable_expansion (self->position_row, has);
  adw_expander_row_set_expanded (self->position_row, FALSE);
  update_subtitle (self);
}

void
bb_event_editor_read_place (BbEventEditor *self,
                            BbEvent       *e)
{
  double lat = NAN, lon = NAN;

  if (adw_expander_row_get_enable_expansion (self->position_row))
    bb_place_picker_get_position (self->picker, &lat, &lon);
  e->lat = lat;
  e->lon = lon;
}

BbPlacePicker *
bb_event_editor_get_place_picker (BbEventEditor *self)
{
  g_return_val_if_fail (BB_IS_EVENT_EDITOR (self), NULL);
  return self->picker;
}
