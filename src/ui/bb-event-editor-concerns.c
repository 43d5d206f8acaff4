/* bb-event-editor-concerns.c: the event editor's concerns raised, made incidents or problems, and "You said, we did" */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bb-event-editor-private.h"

/* The row concerns hang on: an occurrence of a series gets one of its own. */
static const char *
ensure_row (BbEventEditor  *self,
            GError        **error)
{
  g_autoptr(BbEvent) e = NULL;

  if (self->event == NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("Save the event before recording its concerns"));
      return NULL;
    }
  if (self->series == NULL || self->event != self->series)
    return self->event->id;

  e = bb_event_copy (self->series);
  e->start_at = self->item->start;
  e->end_at = self->item->end;
  if (!bb_event_editor_save_occurrence (self, e, FALSE, error))
    return NULL;
  self->event = g_steal_pointer (&e);
  g_free (self->item->id);
  self->item->id = g_strdup (self->event->id);
  bb_event_editor_changed (self);
  return self->event->id;
}

void
bb_event_editor_concern_apply_cb (BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbConcern) concern = bb_concern_new ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->concern_row))));
  const char *event_id;

  if (*text == '\0')
    return;
  event_id = ensure_row (self, &error);
  if (event_id == NULL)
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  concern->event_id = g_strdup (event_id);
  concern->text = g_steal_pointer (&text);
  if (!bb_store_concern_insert (self->store, concern, &error))
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->concern_row), "");
  bb_event_editor_load_concerns (self);
  bb_event_editor_changed (self);
}

static void
open_problem_cb (AdwToast      *toast,
                 BbEventEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-problem", "s",
                                g_object_get_data (G_OBJECT (toast), "problem-id"));
}

static void
make_problem_cb (GtkButton     *button,
                 BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bb_store_concern_make_problem (self->store, g_object_get_data (G_OBJECT (button), "concern-id"),
                                                       &error);

  if (id == NULL)
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  {
    AdwToast *toast = adw_toast_new (_("Opened as a problem on the board, in the scanning stage"));

    /* Its page, in the window the editor belongs to. */
    adw_toast_set_button_label (toast, _("_Open"));
    g_object_set_data_full (G_OBJECT (toast), "problem-id", g_steal_pointer (&id), g_free);
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_problem_cb), self, 0);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
  bb_event_editor_load_concerns (self);
}

static void
incident_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      BbEventEditor    *self)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "category-ids");
  const char *concern_id = g_object_get_data (G_OBJECT (dialog), "concern-id");
  guint i = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "record") || i >= ids->len)
    return;
  id = bb_store_concern_make_incident (self->store, concern_id, g_ptr_array_index (ids, i), &error);
  if (id == NULL)
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  bb_event_editor_toast (self, _("Recorded as a resident’s concern among the incidents"));
  bb_event_editor_load_concerns (self);
}

static void
make_incident_cb (GtkButton     *button,
                  BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = bb_store_category_list (self->store, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *ids;
  AdwMessageDialog *dialog;
  GtkWidget *dropdown;

  if (categories == NULL)
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);

      gtk_string_list_append (names, c->name);
      g_ptr_array_add (ids, g_strdup (c->id));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Record as an Incident"),
                                                       _("The concern becomes a resident’s concern among the incidents, at the meeting’s time and place. Which category is it?")));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Category"), -1);
  adw_message_dialog_set_extra_child (dialog, dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* Gone with the editor: a dialog must not outlive its parent window. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "category-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "concern-id",
                          g_strdup (g_object_get_data (G_OBJECT (button), "concern-id")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (incident_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_concern_cb (GtkButton     *button,
                   BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!bb_store_concern_delete (self->store, g_object_get_data (G_OBJECT (button), "concern-id"), &error))
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  bb_event_editor_load_concerns (self);
  bb_event_editor_changed (self);
}

static const char *
stage_name (const char *stage)
{
  if (g_strcmp0 (stage, "scanning") == 0)
    return _("scanning");
  if (g_strcmp0 (stage, "analysis") == 0)
    return _("analysis");
  if (g_strcmp0 (stage, "response") == 0)
    return _("response");
  if (g_strcmp0 (stage, "assessment") == 0)
    return _("assessment");
  if (g_strcmp0 (stage, "closed") == 0)
    return _("closed");
  return stage;
}

static const char *
status_name (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return _("open");
  if (g_strcmp0 (status, "cleared") == 0)
    return _("cleared");
  if (g_strcmp0 (status, "referred") == 0)
    return _("referred");
  return status;
}

static char *
follow_up_text (const char *problem_title,
                const char *problem_stage,
                guint       tasks_done,
                guint       tasks_total,
                const char *incident_status)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (problem_title != NULL)
    {
      /* Translators: a problem's title and its stage (scanning, analysis, …) */
      g_string_append_printf (s, _("Problem “%s”, %s"), problem_title, stage_name (problem_stage));
      if (tasks_total > 0)
        {
          g_string_append (s, ", ");
          /* Translators: tasks of a problem's responses */
          g_string_append_printf (s, ngettext ("%u of %u task done", "%u of %u tasks done", tasks_total),
                                  tasks_done, tasks_total);
        }
    }
  if (incident_status != NULL)
    {
      if (s->len > 0)
        g_string_append (s, "; ");
      /* Translators: %s is an incident's status: open, cleared, referred */
      g_string_append_printf (s, _("recorded as an incident (%s)"), status_name (incident_status));
    }
  if (s->len == 0)
    g_string_append (s, _("Not followed up yet"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
concern_button (BbEventEditor *self,
                const char    *label,
                const char    *tooltip,
                const char    *icon,
                const char    *concern_id,
                GCallback      callback)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon) : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (icon != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (button, "flat");
    }
  g_object_set_data_full (G_OBJECT (button), "concern-id", g_strdup (concern_id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

void
bb_event_editor_load_concerns (BbEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  const char *event_id = NULL;

  for (guint i = 0; i < self->concern_rows->len; i++)
    adw_preferences_group_remove (self->concerns_group, g_ptr_array_index (self->concern_rows, i));
  g_ptr_array_set_size (self->concern_rows, 0);

  if (self->event != NULL && (self->series == NULL || self->event != self->series))
    event_id = self->event->id;
  if (event_id == NULL)
    return;
  concerns = bb_store_concern_list (self->store, event_id, &error);
  if (concerns == NULL)
    {
      bb_event_editor_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < concerns->len; i++)
    {
      BbConcern *c = g_ptr_array_index (concerns, i);
      g_autoptr(BbProblem) problem = c->problem_id ? bb_store_problem_get (self->store, c->problem_id, NULL) : NULL;
      g_autoptr(BbIncident) incident = c->incident_id ? bb_store_incident_get (self->store, c->incident_id, NULL) : NULL;
      g_autofree char *subtitle = follow_up_text (problem ? problem->title : NULL, problem ? problem->stage : NULL,
                                                  0, 0, incident ? incident->status : NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      if (c->incident_id == NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   concern_button (self, _("_Incident"), _("Record as a resident’s concern among the incidents"),
                                                   NULL, c->id, G_CALLBACK (make_incident_cb)));
      if (c->problem_id == NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   concern_button (self, _("_Problem"), _("Open as a problem on the board"),
                                                   NULL, c->id, G_CALLBACK (make_problem_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 concern_button (self, NULL, _("Remove Concern"), "user-trash-symbolic",
                                                 c->id, G_CALLBACK (remove_concern_cb)));
      adw_preferences_group_add (self->concerns_group, row);
      g_ptr_array_add (self->concern_rows, row);
    }
}

void
bb_event_editor_load_report_back (BbEventEditor *self,
                  const BbEvent *e,
                  gint64         start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *previous_id = NULL;
  gint64 previous_start = 0;

  /* The report back belongs to a group that meets again and again. */
  if (e == NULL || e->kind == NULL || strstr (e->kind, "advisory") == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
      return;
    }
  items = bb_store_event_report_back (self->store, e->kind, e->district_id, start, &previous_id, &previous_start, &error);
  if (items == NULL)
    {
      bb_event_editor_toast (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
  if (previous_id == NULL)
    adw_preferences_group_set_description (self->report_group,
                                           _("This is the group’s first meeting: there is nothing to report back on yet."));
  else
    {
      g_autoptr(GDateTime) when = bb_event_editor_local_time (self, previous_start);
      /* Translators: the date of the previous meeting, as g_date_time_format()
       * takes it: "10 March 2026" */
      g_autofree char *date = g_date_time_format (when, _("%-d %B %Y"));
      /* Translators: %s is the date of the group's previous meeting */
      g_autofree char *text = items->len > 0
                              ? g_strdup_printf (_("Concerns raised at the previous meeting (%s) and what became of them, to report back on."),
                                                 g_strstrip (date))
                              : g_strdup_printf (_("No concerns were recorded at the previous meeting (%s)."), g_strstrip (date));

      adw_preferences_group_set_description (self->report_group, text);
    }
  for (guint i = 0; i < items->len; i++)
    {
      BbReportBack *r = g_ptr_array_index (items, i);
      g_autofree char *subtitle = follow_up_text (r->problem_title, r->problem_stage, r->tasks_done, r->tasks_total,
                                                  r->incident_status);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (r->problem_id || r->incident_id ? "emblem-ok-symbolic"
                                                                                    : "dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->report_group, row);
      g_ptr_array_add (self->report_rows, row);
    }
  self->n_report_back = items->len;
}
