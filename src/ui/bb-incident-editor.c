/* bb-incident-editor.c: the window that records a new incident or changes one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-editor"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-incident-editor.h"
#include "bb-place-picker.h"
#include "bb-incident-labels.h"

struct _BbIncidentEditor
{
  AdwWindow       parent_instance;

  BbStore        *store;
  BbIncident     *original;       /* NULL for a new incident */
  GPtrArray      *category_ids;   /* in the order of the drop-down */
  GPtrArray      *district_ids;   /* after "from the position" */
  GHashTable     *district_names; /* id → name */
  GCancellable   *cancellable;
  guint           district_source;
  guint           district_serial;
  gboolean        has_districts;
  gboolean        outside;        /* the position is in no district */
  gboolean        saving;
  char           *error_text;
  char           *warning_text;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkDropDown    *category_dropdown;
  AdwEntryRow    *description_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *time_row;
  GtkSwitch      *time_unknown_switch;
  AdwEntryRow    *end_row;
  AdwEntryRow    *reported_row;
  GtkLabel       *when_message;
  AdwPreferencesGroup *place_group;
  BbPlacePicker  *picker;
  AdwEntryRow    *lat_row;
  AdwEntryRow    *lon_row;
  AdwEntryRow    *address_row;
  AdwComboRow    *district_row;
  GtkLabel       *place_message;
  AdwComboRow    *source_row;
  AdwComboRow    *status_row;
  GtkSwitch      *restricted_switch;
};

G_DEFINE_FINAL_TYPE (BbIncidentEditor, bb_incident_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading what was typed ---------------------------------------------------- */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* "2026-03-14", optionally followed by "21:30" (in @time_text or in the
 * same text): seconds since the epoch of that local time. */
static gboolean
parse_local (const char *date_text,
             const char *time_text,
             gboolean    date_only,
             gint64     *result)
{
  g_autofree char *date = trimmed (date_text);
  g_autofree char *time = trimmed (time_text);
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d, hh = 0, mm = 0, n;
  char rest[8] = "";

  n = sscanf (date, "%d-%d-%d %d:%d%7s", &y, &m, &d, &hh, &mm, rest);
  if (n < 3 || n == 4 || n == 6)
    return FALSE;
  if (n == 3 && !date_only && *time != '\0')
    {
      if (sscanf (time, "%d:%d%7s", &hh, &mm, rest) != 2)
        return FALSE;
    }
  if (date_only)
    hh = mm = 0;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
    return FALSE;
  dt = g_date_time_new_local (y, m, d, hh, mm, 0);
  if (dt == NULL)
    return FALSE;
  *result = g_date_time_to_unix (dt);
  return TRUE;
}

/* A coordinate as typed, with a decimal point or comma. */
static gboolean
parse_degrees (const char *text,
               double     *value)
{
  g_autofree char *copy = trimmed (text);
  char *end = NULL;

  g_strdelimit (copy, ",", '.');
  if (*copy == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
set_error (GError    **error,
           const char *message)
{
  g_set_error_literal (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID, message);
}

/* The incident as the form describes it, or NULL and why not. */
static BbIncident *
collect (BbIncidentEditor  *self,
         GError           **error)
{
  g_autoptr(BbIncident) incident = self->original != NULL ? bb_incident_copy (self->original) : bb_incident_new ();
  g_autofree char *end_text = trimmed (row_text (self->end_row));
  g_autofree char *reported_text = trimmed (row_text (self->reported_row));
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint district = adw_combo_row_get_selected (self->district_row);
  guint source = adw_combo_row_get_selected (self->source_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  double lat, lon;

  g_clear_pointer (&incident->category_id, g_free);
  if (category != GTK_INVALID_LIST_POSITION && category < self->category_ids->len)
    incident->category_id = g_strdup (g_ptr_array_index (self->category_ids, category));

  incident->time_unknown = gtk_switch_get_active (self->time_unknown_switch);
  if (!parse_local (row_text (self->date_row), row_text (self->time_row), incident->time_unknown,
                    &incident->occurred_start))
    {
      set_error (error, _("Type the date it happened as 2026-03-14 and the time as 21:30."));
      return NULL;
    }
  incident->occurred_end = BB_UNSET_TIME;
  if (*end_text != '\0' && !parse_local (end_text, NULL, FALSE, &incident->occurred_end))
    {
      set_error (error, _("Type when it ended as 2026-03-14 21:30, or leave it empty."));
      return NULL;
    }
  incident->reported_at = BB_UNSET_TIME;
  if (*reported_text != '\0' && !parse_local (reported_text, NULL, FALSE, &incident->reported_at))
    {
      set_error (error, _("Type when it was reported as 2026-03-14 21:30, or leave it empty."));
      return NULL;
    }

  if (!parse_degrees (row_text (self->lat_row), &lat) || !parse_degrees (row_text (self->lon_row), &lon))
    {
      set_error (error, _("Type the coordinates as decimal degrees, e.g. 47.0512 and 28.8637."));
      return NULL;
    }
  if (isnan (lat) != isnan (lon))
    {
      set_error (error, _("Type both the latitude and the longitude, or neither."));
      return NULL;
    }
  incident->lat = lat;
  incident->lon = lon;

  g_free (incident->address);
  incident->address = trimmed (row_text (self->address_row));
  g_free (incident->description);
  incident->description = trimmed (row_text (self->description_row));

  g_clear_pointer (&incident->district_id, g_free);
  incident->district_overridden = district != GTK_INVALID_LIST_POSITION && district > 0;
  if (incident->district_overridden)
    incident->district_id = g_strdup (g_ptr_array_index (self->district_ids, district - 1));

  g_free (incident->source);
  incident->source = g_strdup (bb_incident_sources[MIN (source, g_strv_length ((char **) bb_incident_sources) - 1)]);
  g_free (incident->status);
  incident->status = g_strdup (bb_incident_statuses[MIN (status, g_strv_length ((char **) bb_incident_statuses) - 1)]);
  incident->restricted = gtk_switch_get_active (self->restricted_switch);

  if (incident->category_id == NULL)
    {
      set_error (error, _("Choose a category."));
      return NULL;
    }
  /* The station's own rules (latitude within ±90°, an end after the
   * start, …), in the station's words. */
  if (!bb_incident_validate (incident, error))
    return NULL;
  return g_steal_pointer (&incident);
}

/* Messages ------------------------------------------------------------------ */

static void
show_error (BbIncidentEditor *self,
            const char       *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message != NULL ? message : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_label_set_label (self->error_label, self->error_text);
  gtk_revealer_set_reveal_child (self->error_revealer, *self->error_text != '\0');
}

static void
show_message (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

static void
check (BbIncidentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = collect (self, &error);
  g_autoptr(GString) when = g_string_new (NULL);
  const char *place = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* The category is chosen last by many; not having chosen it yet is not
   * worth a red line while typing. */
  if (incident == NULL && gtk_drop_down_get_selected (self->category_dropdown) == GTK_INVALID_LIST_POSITION)
    show_error (self, NULL);
  else
    show_error (self, incident == NULL ? error->message : NULL);

  if (incident != NULL && incident->occurred_start > now)
    g_string_append (when, _("The date it happened is in the future. Check it before saving."));
  if (incident != NULL && incident->reported_at != BB_UNSET_TIME && incident->reported_at > now)
    {
      if (when->len > 0)
        g_string_append_c (when, ' ');
      g_string_append (when, _("The date it was reported is in the future."));
    }
  if (incident != NULL && incident->reported_at != BB_UNSET_TIME && incident->reported_at < incident->occurred_start)
    {
      if (when->len > 0)
        g_string_append_c (when, ' ');
      g_string_append (when, _("It was reported before it happened."));
    }
  show_message (self->when_message, when->str);

  if (self->outside && incident != NULL && !isnan (incident->lat))
    place = _("This position is outside the station’s districts. Check the coordinates (latitude first, then longitude).");
  show_message (self->place_message, place);

  g_free (self->warning_text);
  self->warning_text = g_strjoin (" ", when->str, place != NULL ? place : "", NULL);
  g_strstrip (self->warning_text);

  /* The line under the header bar is always in view: it repeats a
   * warning when there is nothing to refuse. */
  if (*self->error_text == '\0' && *self->warning_text != '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "warning");
      gtk_label_set_label (self->error_label, self->warning_text);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
}

/* The district the position lies in ------------------------------------------ */

typedef struct {
  double lon, lat;
} Position;

typedef struct {
  BbIncidentEditor *editor;
  guint             serial;
} DistrictRequest;

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
  /* No district is an answer too. */
  return id != NULL ? id : g_strdup ("");
}

static void
district_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DistrictRequest *request = user_data;
  BbIncidentEditor *self = request->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bb_store_run_finish (BB_STORE (object), result, &error);
  guint serial = request->serial;

  g_free (request);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || serial != self->district_serial)
    return;
  if (id == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row), error->message);
      return;
    }
  self->outside = *id == '\0' && self->has_districts;
  if (*id != '\0')
    {
      g_autofree char *subtitle = NULL;

      /* Translators: under the district choice: the district the coordinates lie in */
      subtitle = g_strdup_printf (_("The position lies in %s"),
                                  (const char *) g_hash_table_lookup (self->district_names, id));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row),
                                 _("The position lies in none of the station’s districts"));
  check (self);
}

static gboolean
find_district_cb (gpointer data)
{
  BbIncidentEditor *self = data;
  Position *position;
  DistrictRequest *request;
  double lat, lon;

  self->district_source = 0;
  self->district_serial++;
  if (!parse_degrees (row_text (self->lat_row), &lat) || !parse_degrees (row_text (self->lon_row), &lon)
      || isnan (lat) || isnan (lon) || fabs (lat) > 90 || fabs (lon) > 180)
    {
      self->outside = FALSE;
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row), NULL);
      check (self);
      return G_SOURCE_REMOVE;
    }
  position = g_new (Position, 1);
  position->lat = lat;
  position->lon = lon;
  request = g_new (DistrictRequest, 1);
  request->editor = self;
  request->serial = self->district_serial;
  bb_store_run_async_full (self->store, district_at, g_free, position, g_free, self->cancellable,
                           district_found_cb, request);
  return G_SOURCE_REMOVE;
}

static void
position_changed_cb (BbIncidentEditor *self)
{
  double lat, lon;

  if (parse_degrees (row_text (self->lat_row), &lat) && parse_degrees (row_text (self->lon_row), &lon))
    bb_place_picker_set_position (self->picker, lat, lon);
  g_clear_handle_id (&self->district_source, g_source_remove);
  self->district_source = g_timeout_add (250, find_district_cb, self);
  check (self);
}

static char *format_degrees (double value);

static void
place_picked_cb (BbIncidentEditor *self,
                 double            lat,
                 double            lon)
{
  g_autofree char *lat_text = format_degrees (lat);
  g_autofree char *lon_text = format_degrees (lon);

  gtk_editable_set_text (GTK_EDITABLE (self->lat_row), lat_text);
  gtk_editable_set_text (GTK_EDITABLE (self->lon_row), lon_text);
}

static void
field_changed_cb (BbIncidentEditor *self)
{
  check (self);
}

/* Saving -------------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  BbIncidentEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) stored = NULL;
  gboolean is_new = self->original == NULL;

  stored = is_new ? bb_store_incident_insert_finish (BB_STORE (object), result, &error)
                  : bb_store_incident_update_finish (BB_STORE (object), result, &error);
  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (stored == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_unref (self);
          return;
        }
      /* Translators: %s says why the station refused the incident */
      message = g_strdup_printf (_("The incident was not saved: %s"), error->message);
      show_error (self, message);
      g_object_unref (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbIncidentEditor *self = BB_INCIDENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = NULL;

  if (self->saving)
    return;
  incident = collect (self, &error);
  if (incident == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "editor.save", FALSE);
  /* The form stays as typed until the station has the incident. */
  if (self->original == NULL)
    bb_store_incident_insert_async (self->store, incident, self->cancellable, saved_cb, g_object_ref (self));
  else
    bb_store_incident_update_async (self->store, incident, self->cancellable, saved_cb, g_object_ref (self));
}

/* GObject ------------------------------------------------------------------- */

static void
bb_incident_editor_dispose (GObject *object)
{
  BbIncidentEditor *self = BB_INCIDENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->district_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_INCIDENT_EDITOR);

  G_OBJECT_CLASS (bb_incident_editor_parent_class)->dispose (object);
}

static void
bb_incident_editor_finalize (GObject *object)
{
  BbIncidentEditor *self = BB_INCIDENT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->original, bb_incident_free);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->district_ids, g_ptr_array_unref);
  g_clear_pointer (&self->district_names, g_hash_table_unref);
  g_free (self->error_text);
  g_free (self->warning_text);

  G_OBJECT_CLASS (bb_incident_editor_parent_class)->finalize (object);
}

static void
bb_incident_editor_class_init (BbIncidentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_incident_editor_dispose;
  object_class->finalize = bb_incident_editor_finalize;

  /**
   * BbIncidentEditor::saved:
   * @incident: the incident as the station stored it
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, bb_incident_get_type ());

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-incident-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, place_group);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, time_unknown_switch);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, reported_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, when_message);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, district_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, place_message);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentEditor, restricted_switch);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bb_incident_editor_init (BbIncidentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->district_ids = g_ptr_array_new_with_free_func (g_free);
  self->district_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->picker = bb_place_picker_new ();
  adw_preferences_group_add (self->place_group, GTK_WIDGET (self->picker));
  g_signal_connect_object (self->picker, "picked", G_CALLBACK (place_picked_cb), self, G_CONNECT_SWAPPED);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
format_local (gint64      time,
              const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == BB_UNSET_TIME || (utc = g_date_time_new_from_unix_utc (time)) == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}

static char *
format_degrees (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

static void
fill (BbIncidentEditor *self,
      const BbIncident *incident)
{
  g_autofree char *date = format_local (incident->occurred_start, "%Y-%m-%d");
  g_autofree char *time = format_local (incident->occurred_start, "%H:%M");
  g_autofree char *end = format_local (incident->occurred_end, "%Y-%m-%d %H:%M");
  g_autofree char *reported = format_local (incident->reported_at, "%Y-%m-%d %H:%M");
  g_autofree char *lat = format_degrees (incident->lat);
  g_autofree char *lon = format_degrees (incident->lon);
  guint n;

  set_row_text (self->date_row, date);
  set_row_text (self->time_row, incident->time_unknown ? "" : time);
  gtk_switch_set_active (self->time_unknown_switch, incident->time_unknown);
  set_row_text (self->end_row, end);
  set_row_text (self->reported_row, reported);
  set_row_text (self->lat_row, lat);
  set_row_text (self->lon_row, lon);
  set_row_text (self->address_row, incident->address);
  set_row_text (self->description_row, incident->description);
  gtk_switch_set_active (self->restricted_switch, incident->restricted);

  if (incident->category_id != NULL
      && g_ptr_array_find_with_equal_func (self->category_ids, incident->category_id, g_str_equal, &n))
    gtk_drop_down_set_selected (self->category_dropdown, n);
  if (incident->district_overridden && incident->district_id != NULL
      && g_ptr_array_find_with_equal_func (self->district_ids, incident->district_id, g_str_equal, &n))
    adw_combo_row_set_selected (self->district_row, n + 1);
  for (n = 0; bb_incident_sources[n] != NULL; n++)
    if (g_strcmp0 (bb_incident_sources[n], incident->source) == 0)
      adw_combo_row_set_selected (self->source_row, n);
  for (n = 0; bb_incident_statuses[n] != NULL; n++)
    if (g_strcmp0 (bb_incident_statuses[n], incident->status) == 0)
      adw_combo_row_set_selected (self->status_row, n);
}

static void
connect_changed (BbIncidentEditor *self,
                 AdwEntryRow      *row,
                 GCallback         callback)
{
  g_signal_connect_swapped (row, "changed", callback, self);
}

BbIncidentEditor *
bb_incident_editor_new (GtkWindow        *parent,
                        BbStore          *store,
                        GPtrArray        *categories,
                        GPtrArray        *districts,
                        const BbIncident *incident)
{
  BbIncidentEditor *self;
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) district_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(BbIncident) fresh = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  self = g_object_new (BB_TYPE_INCIDENT_EDITOR, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  bb_place_picker_set_store (self->picker, store);
  self->original = incident != NULL ? bb_incident_copy (incident) : NULL;

  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      BbCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_insert (by_id, category->id, category);
    }
  if (categories != NULL)
    {
      g_autoptr(GPtrArray) ordered = bb_categories_two_level (categories);

      for (guint i = 0; i < ordered->len; i++)
        {
          BbCategory *category = g_ptr_array_index (ordered, i);
          g_autofree char *name = bb_category_display_name (category, by_id);

          gtk_string_list_append (category_names, name);
          g_ptr_array_add (self->category_ids, g_strdup (category->id));
        }
    }
  gtk_drop_down_set_expression (self->category_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (category_names));
  gtk_drop_down_set_selected (self->category_dropdown, GTK_INVALID_LIST_POSITION);

  gtk_string_list_append (district_names, _("From the position"));
  for (guint i = 0; districts != NULL && i < districts->len; i++)
    {
      BbDistrict *district = g_ptr_array_index (districts, i);

      gtk_string_list_append (district_names, district->name);
      g_ptr_array_add (self->district_ids, g_strdup (district->id));
      g_hash_table_insert (self->district_names, g_strdup (district->id), g_strdup (district->name));
    }
  self->has_districts = districts != NULL && districts->len > 0;
  adw_combo_row_set_model (self->district_row, G_LIST_MODEL (district_names));

  for (guint i = 0; bb_incident_sources[i] != NULL; i++)
    gtk_string_list_append (sources, bb_incident_source_label (bb_incident_sources[i]));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));
  for (guint i = 0; bb_incident_statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, bb_incident_status_label (bb_incident_statuses[i]));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  if (incident == NULL)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      fresh = bb_incident_new ();
      /* Most incidents are recorded the day they are reported. */
      fresh->occurred_start = now;
      fresh->reported_at = now;
      fill (self, fresh);
      adw_window_title_set_title (self->window_title, _("New Incident"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Incident"));
    }
  else
    {
      fill (self, incident);
      adw_window_title_set_title (self->window_title, _("Incident"));
      gtk_window_set_title (GTK_WINDOW (self), _("Incident"));
    }

  connect_changed (self, self->date_row, G_CALLBACK (field_changed_cb));
  connect_changed (self, self->time_row, G_CALLBACK (field_changed_cb));
  connect_changed (self, self->end_row, G_CALLBACK (field_changed_cb));
  connect_changed (self, self->reported_row, G_CALLBACK (field_changed_cb));
  if (incident != NULL)
    bb_place_picker_set_position (self->picker, incident->lat, incident->lon);
  connect_changed (self, self->lat_row, G_CALLBACK (position_changed_cb));
  connect_changed (self, self->lon_row, G_CALLBACK (position_changed_cb));
  g_signal_connect_swapped (self->time_unknown_switch, "notify::active", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (field_changed_cb), self);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  find_district_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->category_dropdown));
  return self;
}

void
bb_incident_editor_set_category (BbIncidentEditor *self,
                                 const char       *category_id)
{
  guint n;

  g_return_if_fail (BB_IS_INCIDENT_EDITOR (self));

  if (category_id != NULL
      && g_ptr_array_find_with_equal_func (self->category_ids, category_id, g_str_equal, &n))
    gtk_drop_down_set_selected (self->category_dropdown, n);
  else
    gtk_drop_down_set_selected (self->category_dropdown, GTK_INVALID_LIST_POSITION);
}

void
bb_incident_editor_set_text (BbIncidentEditor *self,
                             const char       *field,
                             const char       *text)
{
  static const struct {
    const char *name;
    gsize       offset;
  } fields[] = {
    { "date", G_STRUCT_OFFSET (BbIncidentEditor, date_row) },
    { "time", G_STRUCT_OFFSET (BbIncidentEditor, time_row) },
    { "end", G_STRUCT_OFFSET (BbIncidentEditor, end_row) },
    { "reported", G_STRUCT_OFFSET (BbIncidentEditor, reported_row) },
    { "latitude", G_STRUCT_OFFSET (BbIncidentEditor, lat_row) },
    { "longitude", G_STRUCT_OFFSET (BbIncidentEditor, lon_row) },
    { "address", G_STRUCT_OFFSET (BbIncidentEditor, address_row) },
    { "description", G_STRUCT_OFFSET (BbIncidentEditor, description_row) },
  };

  g_return_if_fail (BB_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (field != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, field))
      {
        set_row_text (G_STRUCT_MEMBER (AdwEntryRow *, self, fields[i].offset), text);
        return;
      }
  g_critical ("The incident editor has no field “%s”", field);
}

BbPlacePicker *
bb_incident_editor_get_place_picker (BbIncidentEditor *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_EDITOR (self), NULL);
  return self->picker;
}

const char *
bb_incident_editor_get_text (BbIncidentEditor *self,
                             const char       *field)
{
  g_return_val_if_fail (BB_IS_INCIDENT_EDITOR (self), NULL);

  if (g_str_equal (field, "latitude"))
    return row_text (self->lat_row);
  if (g_str_equal (field, "longitude"))
    return row_text (self->lon_row);
  g_return_val_if_reached (NULL);
}

const char *
bb_incident_editor_get_error (BbIncidentEditor *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_EDITOR (self), NULL);
  return self->error_text != NULL ? self->error_text : "";
}

const char *
bb_incident_editor_get_warning (BbIncidentEditor *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_EDITOR (self), NULL);
  return self->warning_text != NULL ? self->warning_text : "";
}

gboolean
bb_incident_editor_is_saving (BbIncidentEditor *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_EDITOR (self), FALSE);
  return self->saving;
}
