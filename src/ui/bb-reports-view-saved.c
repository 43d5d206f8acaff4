/* bb-reports-view-saved.c: the Reports view's saved documents: what a form held, kept in the station to open again */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-reports-view-private.h"
#include "bb-confirm.h"

/* "North, South": the names of the stations a document was made for, as
 * the station filter offers them; NULL when it was made for all. */
static char *
stations_named (BbReportsView *self,
                const char    *content)
{
  BbReportRequest request;
  const char * const *names = NULL;
  const char * const *ids;
  g_autoptr(GString) text = g_string_new (NULL);

  if (content == NULL || !bb_report_request_from_json (content, &request, NULL))
    return NULL;
  ids = self->filter != NULL ? bb_filter_state_get_station_choices (self->filter, &names) : NULL;
  for (guint i = 0; request.station_ids != NULL && request.station_ids[i] != NULL; i++)
    {
      const char *name = request.station_ids[i];

      for (guint k = 0; ids != NULL && names != NULL && ids[k] != NULL; k++)
        if (g_str_equal (ids[k], request.station_ids[i]))
          name = names[k];
      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", name);
    }
  bb_report_request_clear (&request);
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
saved_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bb_store_list_finish (BB_STORE (source), result, &error);
  g_autoptr(BbReportsView) self = user_data;
  GtkWidget *child;

  if (documents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_reports_view_show_message (self, error->message, TRUE);
      return;
    }
  /* A list read for a station no longer shown. */
  if (self->store != BB_STORE (source) || self->saved_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);
  for (guint i = 0; i < documents->len; i++)
    {
      BbDocument *d = g_ptr_array_index (documents, i);
      const BbReportKind *kind = bb_report_kind_find (d->template);
      g_autoptr(GDateTime) updated = g_date_time_new_from_unix_local (d->updated_at / G_USEC_PER_SEC);
      g_autofree char *when = updated != NULL ? g_date_time_format (updated, "%Y-%m-%d %H:%M") : g_strdup ("");
      g_autofree char *open_label = g_strdup_printf (_("Open %s"), d->title);
      g_autofree char *delete_label = g_strdup_printf (_("Delete %s"), d->title);
      g_autofree char *subtitle = NULL;
      g_autofree char *stations = NULL;
      GtkWidget *row, *open, *delete;

      if (kind == NULL)
        continue;   /* a document another Beatbook knows */
      stations = stations_named (self, d->content);
      if (stations != NULL)
        /* TRANSLATORS: a saved document's kind, when it was saved, and the
         * stations it was made for at headquarters: "North, South" */
        subtitle = g_strdup_printf (_("%s, saved %s, for %s"), _(kind->title), when, stations);
      else
        /* TRANSLATORS: a saved document's kind and when it was saved */
        subtitle = g_strdup_printf (_("%s, saved %s"), _(kind->title), when);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (delete, delete_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", d->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "reports.delete-saved");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
      open = gtk_button_new_from_icon_name ("go-next-symbolic");
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, open_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", d->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "reports.open-saved");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_append (self->saved_list, row);
    }
  gtk_widget_set_visible (self->saved_heading, gtk_widget_get_first_child (GTK_WIDGET (self->saved_list)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_list), gtk_widget_get_first_child (GTK_WIDGET (self->saved_list)) != NULL);
}

void
bb_reports_view_load_saved (BbReportsView *self)
{
  g_cancellable_cancel (self->saved_cancellable);
  g_clear_object (&self->saved_cancellable);
  gtk_widget_set_visible (self->saved_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_list), FALSE);
  if (self->store == NULL)
    return;
  self->saved_cancellable = g_cancellable_new ();
  bb_store_list_async (self->store, &bb_document_record, NULL, self->saved_cancellable, saved_listed_cb,
                       g_object_ref (self));
}

/* Saving writes on the store's worker: the form's request as JSON. */
static gpointer
save_func (BbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  BbDocument *document = data;
  gboolean ok = document->id != NULL ? bb_store_document_update (store, document, error)
                                     : bb_store_document_insert (store, document, error);

  return ok ? g_strdup (document->id) : NULL;
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BbReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bb_store_run_finish (BB_STORE (source), result, &error);

  if (id == NULL)
    {
      bb_reports_view_show_message (self, error->message, TRUE);
      return;
    }
  g_free (self->saved_id);
  self->saved_id = g_steal_pointer (&id);
  bb_reports_view_show_message (self, _("The document is saved: it is listed under Saved Documents."), FALSE);
  bb_reports_view_load_saved (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  g_autoptr(BbDocument) document = NULL;
  BbReportRequest request;

  if (self->store == NULL || self->kind == NULL)
    return;
  bb_reports_form_get_request (self->form, &request);
  /* At headquarters the document remembers the stations it was made for. */
  g_strfreev (request.station_ids);
  request.station_ids = g_strdupv (self->station_ids);
  document = bb_document_new ();
  document->id = g_strdup (self->saved_id);
  document->template = g_strdup (self->kind->id);
  document->title = bb_report_request_describe (self->kind, &request);
  document->content = bb_report_request_to_json (&request);
  document->language = g_strdup (request.language);
  if (self->document != NULL)
    {
      BbPaper paper;
      gboolean landscape;

      bb_print_document_get_paper (self->document, &paper, &landscape);
      document->paper = g_ascii_strdown (bb_paper_to_name (paper), -1);
      document->landscape = landscape;
    }
  bb_report_request_clear (&request);
  bb_store_run_async_full (self->store, save_func, g_free, g_steal_pointer (&document),
                           (GDestroyNotify) bb_document_free, NULL, saved_cb, g_object_ref (self));
}

static void
open_saved_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbDocument) document = NULL;
  const BbReportKind *kind;
  BbReportRequest request;

  if (self->store == NULL)
    return;
  /* One small row, read as the user waits for it. */
  document = bb_store_document_get (self->store, g_variant_get_string (parameter, NULL), &error);
  if (document == NULL || (kind = bb_report_kind_find (document->template)) == NULL)
    {
      bb_reports_view_show_message (self, error != NULL ? error->message : _("Beatbook cannot make this document"), TRUE);
      return;
    }
  if (!bb_report_request_from_json (document->content, &request, &error))
    {
      bb_reports_view_show_message (self, error->message, TRUE);
      return;
    }
  bb_reports_view_select (self, kind->id);
  g_free (self->saved_id);
  self->saved_id = g_strdup (document->id);
  bb_reports_form_set_request (self->form, &request);
  /* The stations it was made for are chosen again (all, for a document
   * made for all); the station filter's change rebuilds the preview. */
  if (self->filter != NULL)
    bb_filter_state_set_station_ids (self->filter, (const char * const *) request.station_ids);
  bb_report_request_clear (&request);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(BbReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "document-id");

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  if (!bb_store_document_delete (self->store, id, &error))
    {
      bb_reports_view_show_message (self, error->message, TRUE);
      return;
    }
  if (g_strcmp0 (self->saved_id, id) == 0)
    g_clear_pointer (&self->saved_id, g_free);
  bb_reports_view_load_saved (self);
}

static void
delete_saved_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = bb_confirm_delete_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Delete the Saved Document?"),
                                  _("Its settings are forgotten. Files already exported stay where they are."));
  g_object_set_data_full (G_OBJECT (dialog), "document-id", g_variant_dup_string (parameter, NULL), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bb_reports_view_class_init_saved (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reports.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "reports.open-saved", "s", open_saved_activated);
  gtk_widget_class_install_action (widget_class, "reports.delete-saved", "s", delete_saved_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reports.save", NULL);
}
