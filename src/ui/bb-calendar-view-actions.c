/* bb-calendar-view-actions.c: what the Calendar view does with its events: new, import and export .ics, print the month */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-calendar-view-private.h"
#include "bb-document-output.h"
#include "bb-event-editor.h"
#include "bb-ical.h"

static void
editor_saved_cb (BbCalendarView *self)
{
  if (gtk_stack_get_visible_child_name (self->stack) != NULL
      && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "status"))
    {
      g_autoptr(GDateTime) keep = self->date ? g_date_time_ref (self->date) : NULL;

      bb_calendar_view_refresh (self);
      if (keep != NULL)
        bb_calendar_view_set_date (self, keep);
      return;
    }
  bb_calendar_view_reload (self);
}

GtkWidget *
bb_calendar_view_open_editor (BbCalendarView       *self,
                              const BbCalendarItem *item)
{
  GtkRoot *root;
  BbEventEditor *editor;
  gint64 start;

  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* A new event: the chosen day at ten in the morning. */
  start = self->date ? g_date_time_to_unix (self->date) + 10 * 3600 : g_get_real_time () / G_USEC_PER_SEC;
  editor = bb_event_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, item, start);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (widget);

  if (self->store != NULL)
    bb_calendar_view_open_editor (self, NULL);
}

/* Import and export run on the store's worker. */
typedef struct {
  char  *path;
  GStrv  ids;
  gboolean import;
} Exchange;

static void
exchange_free (Exchange *x)
{
  g_free (x->path);
  g_strfreev (x->ids);
  g_free (x);
}

static gpointer
import_func (BbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Exchange *x = data;

  return bb_ical_import_file (store, x->path, error);
}

static gpointer
export_func (BbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Exchange *x = data;

  if (!bb_ical_export_file (store, (const char * const *) x->ids, x->path, error))
    return NULL;
  return g_strdup (x->path);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BbCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIcalImport) report = bb_store_run_finish (BB_STORE (source), result, &error);
  g_autofree char *summary = NULL;

  if (report == NULL)
    {
      bb_calendar_view_show_message (self, _("The Calendar File Was Not Imported"), error->message);
      return;
    }
  /* Translators: the numbers of events added and updated by an import */
  summary = g_strdup_printf (_("%u events added, %u updated"), report->n_added, report->n_updated);
  if (report->problems->len > 0)
    {
      g_autoptr(GString) body = g_string_new (summary);

      g_string_append (body, "\n\n");
      g_string_append_printf (body, ngettext ("%u event was left out:", "%u events were left out:",
                                              report->n_skipped), report->n_skipped);
      for (guint i = 0; i < report->problems->len && i < 12; i++)
        g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (report->problems, i));
      if (report->problems->len > 12)
        g_string_append_printf (body, "\n%s", _("…and more."));
      bb_calendar_view_show_message (self, _("Some Events Were Not Imported"), body->str);
    }
  else
    bb_calendar_view_toast (self, summary);
  editor_saved_cb (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BbCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bb_store_run_finish (BB_STORE (source), result, &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (path == NULL)
    {
      bb_calendar_view_show_message (self, _("The Calendar File Was Not Written"), error->message);
      return;
    }
  name = g_path_get_basename (path);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Events exported to %s"), name);
  bb_calendar_view_toast (self, text);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     BbCalendarView  *self)
{
  Exchange *x = g_object_steal_data (G_OBJECT (dialog), "exchange");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && x != NULL && self->store != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL
      && (x->path = g_file_get_path (file)) != NULL)
    {
      if (x->import)
        bb_store_run_async_full (self->store, import_func, (GDestroyNotify) bb_ical_import_free, x,
                                 (GDestroyNotify) exchange_free, NULL, import_done_cb, g_object_ref (self));
      else
        bb_store_run_async_full (self->store, export_func, g_free, x, (GDestroyNotify) exchange_free, NULL,
                                 export_done_cb, g_object_ref (self));
      x = NULL;
    }
  if (x != NULL)
    exchange_free (x);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (BbCalendarView *self,
             Exchange       *x)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (x->import ? _("Import Calendar File") : _("Export Events"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         x->import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         x->import ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_filter_add_pattern (filter, "*.ICS");
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (!x->import)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("events.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "exchange", x);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  Exchange *x = g_new0 (Exchange, 1);

  x->import = TRUE;
  choose_file (BB_CALENDAR_VIEW (widget), x);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (widget);
  Exchange *x = g_new0 (Exchange, 1);

  if (self->store == NULL)
    {
      exchange_free (x);
      return;
    }
  if (g_str_equal (action_name, "calendar.export-shown"))
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; self->items != NULL && i < self->items->len; i++)
        {
          BbCalendarItem *item = g_ptr_array_index (self->items, i);

          if (item->kind == BB_CALENDAR_ITEM_EVENT && g_hash_table_add (seen, item->id))
            g_strv_builder_add (ids, item->id);
        }
      if (g_hash_table_size (seen) == 0)
        {
          bb_calendar_view_toast (self, _("No events are shown to export"));
          exchange_free (x);
          return;
        }
      x->ids = g_strv_builder_end (ids);
    }
  choose_file (self, x);
}

/* Printing the month ---------------------------------------------------- */

static void
month_output_done_cb (GtkWidget  *widget,
                      const char *message,
                      gboolean    failed,
                      gpointer    user_data)
{
  if (message != NULL)
    bb_calendar_view_toast (BB_CALENDAR_VIEW (widget), message);
}

/* The month shown (of the week shown), for the district chosen. */
static void
month_output_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (widget);
  const char *district_id;
  BbReportRequest request;

  if (self->store == NULL || self->date == NULL)
    return;
  bb_report_request_init (&request);
  request.year = g_date_time_get_year (self->date);
  request.month = g_date_time_get_month (self->date);
  district_id = bb_calendar_view_chosen (self->district_ids, self->district_dropdown);
  request.district_id = g_strdup (district_id);
  bb_report_request_fill_defaults (&request, bb_report_kind_find ("events"), self->store, NULL);
  bb_document_output_run (widget, self->store, "events", &request,
                          g_str_equal (action_name, "calendar.print-month") ? BB_DOCUMENT_PRINT : BB_DOCUMENT_EXPORT_PDF,
                          month_output_done_cb, NULL);
  bb_report_request_clear (&request);
}

/**
 * bb_calendar_view_install_actions:
 *
 * The view's actions on its events: a new one, .ics in and out, the month on paper.
 */
void
bb_calendar_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "calendar.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-shown", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-all", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "calendar.print-month", NULL, month_output_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-month", NULL, month_output_action);
}
