/* bb-event-editor-print.c: the event editor prints or exports the meeting's agenda and minutes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-document-output.h"
#include "bb-event-editor-private.h"

static void
output_done_cb (GtkWidget  *widget,
                const char *message,
                gboolean    failed,
                gpointer    user_data)
{
  if (message != NULL)
    bb_event_editor_toast (BB_EVENT_EDITOR (widget), message);
}

/* The saved event, as the calendar holds it: an occurrence of a series is
 * printed with its own date. */
static void
output (BbEventEditor    *self,
        const char       *kind_id,
        BbDocumentAction  action)
{
  BbReportRequest request;

  if (self->event == NULL || self->event->id == NULL)
    {
      bb_event_editor_toast (self, _("Save the event first, then print it"));
      return;
    }
  bb_report_request_init (&request);
  request.event_id = g_strdup (self->event->id);
  if (self->event->rrule != NULL && self->item != NULL)
    request.occurrence = self->item->start;
  bb_report_request_fill_defaults (&request, bb_report_kind_find (kind_id), self->store, NULL);
  bb_document_output_run (GTK_WIDGET (self), self->store, kind_id, &request, action, output_done_cb, NULL);
  bb_report_request_clear (&request);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  output (BB_EVENT_EDITOR (widget), g_variant_get_string (parameter, NULL), BB_DOCUMENT_PRINT);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  output (BB_EVENT_EDITOR (widget), g_variant_get_string (parameter, NULL), BB_DOCUMENT_EXPORT_PDF);
}

void
bb_event_editor_class_init_print (GtkWidgetClass *widget_class)
{
  /* The parameter is the document: "agenda" or "minutes". */
  gtk_widget_class_install_action (widget_class, "editor.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "editor.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "editor.print", "s", "agenda");
}
