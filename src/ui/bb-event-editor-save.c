/* bb-event-editor-save.c: the event editor saves or deletes an event, a whole series or one occurrence of it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-event-editor-private.h"
#include "bb-confirm.h"
#include "bb-recurrence.h"

static gboolean
save_attendees (BbEventEditor  *self,
                const char     *event_id,
                GError        **error)
{
  g_autoptr(GPtrArray) existing = bb_store_event_attendee_list (self->store, event_id, error);

  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < self->attendee_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->attendee_checks, i);
      const char *partner = g_object_get_data (G_OBJECT (check), "partner-id");
      const char *officer = g_object_get_data (G_OBJECT (check), "officer-id");
      BbEventAttendee *found = NULL;

      for (guint k = 0; k < existing->len && found == NULL; k++)
        {
          BbEventAttendee *a = g_ptr_array_index (existing, k);

          if ((partner && g_strcmp0 (a->partner_id, partner) == 0) || (officer && g_strcmp0 (a->officer_id, officer) == 0))
            found = a;
        }
      if (gtk_check_button_get_active (check) && found == NULL)
        {
          g_autoptr(BbEventAttendee) a = bb_event_attendee_new ();

          a->event_id = g_strdup (event_id);
          a->partner_id = g_strdup (partner);
          a->officer_id = g_strdup (officer);
          if (!bb_store_event_attendee_insert (self->store, a, error))
            return FALSE;
        }
      else if (!gtk_check_button_get_active (check) && found != NULL
               && !bb_store_event_attendee_delete (self->store, found->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
close_cb (gpointer data)
{
  g_autoptr(GtkWindow) window = g_weak_ref_get (data);

  if (window != NULL)
    gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
saved (BbEventEditor *self,
       gboolean       close)
{
  bb_event_editor_changed (self);
  /* Closed once the question that led here has gone: the dialog is
   * transient for this window.  The wait holds no reference: an editor
   * kept alive past its parent window (destroyed meanwhile, and the
   * editor with it) would reach for the parent when it is finally let go. */
  if (close)
    {
      /* A weak reference: an editor kept alive past its window's end would
       * be left transient for a window that is gone. */
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, ref, weak_ref_free);
    }
}

static void
show_error (BbEventEditor *self,
            const GError  *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The occurrence as a row of its own (an exception of the series), made
 * from @e when it has none yet. */
gboolean
bb_event_editor_save_occurrence (BbEventEditor  *self,
                 BbEvent        *e,
                 gboolean        cancelled,
                 GError        **error)
{
  g_clear_pointer (&e->rrule, g_free);
  e->cancelled = cancelled;
  if (self->event != self->series)
    return bb_store_event_update (self->store, e, error);

  g_clear_pointer (&e->id, g_free);
  g_clear_pointer (&e->ical_uid, g_free);
  g_free (e->series_id);
  e->series_id = g_strdup (self->series->id);
  e->recurrence_id = self->item->recurrence_id;
  return bb_store_event_insert (self->store, e, error);
}

static gboolean
save_series (BbEventEditor  *self,
             BbEvent        *e,
             GError        **error)
{
  g_autoptr(BbEvent) s = bb_event_copy (e);
  gint64 occurrence = self->item->recurrence_id != BB_UNSET_TIME ? self->item->recurrence_id : self->item->start;
  gint64 shift = e->start_at - occurrence;

  /* The series keeps its first date; the change of time moves them all. */
  g_free (s->id);
  s->id = g_strdup (self->series->id);
  g_free (s->series_id);
  s->series_id = NULL;
  s->recurrence_id = BB_UNSET_TIME;
  s->cancelled = FALSE;
  s->start_at = self->series->start_at + shift;
  s->end_at = s->start_at + (e->end_at - e->start_at);
  g_free (s->ical_uid);
  s->ical_uid = g_strdup (self->series->ical_uid);
  g_free (s->minutes);
  s->minutes = g_strdup (self->series->minutes);
  if (s->rrule == NULL)
    s->rrule = g_strdup (self->series->rrule);
  else if (bb_event_editor_chosen_repeat (self) != BB_REPEAT_CUSTOM)
    {
      /* The rule's weekday comes from the series' own start. */
      BbRecurrenceRule rule = { 0 };

      bb_recurrence_rule_parse (s->rrule, s->tzid, &rule);
      g_free (s->rrule);
      s->rrule = bb_recurrence_rule_to_rrule (&rule, s->start_at, s->tzid);
      bb_recurrence_rule_clear (&rule);
    }
  if (!bb_store_event_update (self->store, s, error))
    return FALSE;
  return bb_store_event_shift_exceptions (self->store, s->id, s->start_at - self->series->start_at, error);
}

static void
scope_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BbEventEditor    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) e = NULL;
  gboolean deleting = g_object_get_data (G_OBJECT (dialog), "deleting") != NULL;

  if (g_str_equal (response, "cancel"))
    return;
  e = deleting ? bb_event_copy (self->event) : bb_event_editor_dup_event (self, &error);
  if (e == NULL)
    {
      show_error (self, error);
      return;
    }
  if (deleting && g_str_equal (response, "all"))
    {
      if (!bb_store_event_delete (self->store, self->series->id, &error))
        {
          show_error (self, error);
          return;
        }
    }
  else if (deleting)
    {
      if (self->event == self->series)
        {
          e->start_at = self->item->start;
          e->end_at = self->item->end;
        }
      if (!bb_event_editor_save_occurrence (self, e, TRUE, &error))
        {
          show_error (self, error);
          return;
        }
    }
  else if (g_str_equal (response, "this"))
    {
      if (!bb_event_editor_save_occurrence (self, e, FALSE, &error) || !save_attendees (self, e->id, &error))
        {
          show_error (self, error);
          return;
        }
    }
  else
    {
      if (!save_series (self, e, &error)
          || (self->event == self->series && !save_attendees (self, self->series->id, &error)))
        {
          show_error (self, error);
          return;
        }
    }
  saved (self, TRUE);
}

static void
ask_scope (BbEventEditor *self,
           gboolean       deleting)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       deleting ? _("Delete a Repeating Event?")
                                                                : _("Change a Repeating Event?"),
                                                       deleting ? _("Delete only this occurrence, or every occurrence of the series with the concerns recorded at them?")
                                                                : _("Change only this occurrence, or every occurrence of the series?")));
  /* Gone with the editor: a dialog left over a finalized editor crashes
   * GTK 4.8 when it is finalized in turn. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "this", _("_This Occurrence"),
                                    "all", _("_All Occurrences"), NULL);
  adw_message_dialog_set_default_response (dialog, "this");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* Gone with the editor: a dialog must not outlive its parent window. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  if (deleting)
    adw_message_dialog_set_response_appearance (dialog, "all", ADW_RESPONSE_DESTRUCTIVE);
  if (deleting)
    g_object_set_data (G_OBJECT (dialog), "deleting", GINT_TO_POINTER (1));
  g_signal_connect_object (dialog, "response", G_CALLBACK (scope_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbEventEditor *self = BB_EVENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbEvent) e = bb_event_editor_dup_event (self, &error);

  if (e == NULL)
    {
      show_error (self, error);
      return;
    }
  if (self->series != NULL)
    {
      ask_scope (self, FALSE);
      return;
    }
  if (self->event == NULL)
    {
      if (!bb_store_event_insert (self->store, e, &error) || !save_attendees (self, e->id, &error))
        {
          show_error (self, error);
          return;
        }
    }
  else if (!bb_store_event_update (self->store, e, &error) || !save_attendees (self, e->id, &error))
    {
      show_error (self, error);
      return;
    }
  saved (self, TRUE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BbEventEditor    *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!bb_store_event_delete (self->store, self->event->id, &error))
    {
      show_error (self, error);
      return;
    }
  saved (self, TRUE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbEventEditor *self = BB_EVENT_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (self->event == NULL)
    return;
  if (self->series != NULL)
    {
      ask_scope (self, TRUE);
      return;
    }
  dialog = bb_confirm_delete_new (GTK_WINDOW (self), _("Delete the Event?"),
                                  _("The event, its attendance and the concerns recorded at it are deleted. Incidents and problems made from the concerns stay."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bb_event_editor_class_init_save (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
}
