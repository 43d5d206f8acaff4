/* bb-reports-view.c: the Reports view: a gallery of documents, a form beside a live preview, print and export */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-document-output.h"
#include "bb-print-document.h"
#include "bb-report.h"
#include "bb-reports-form.h"
#include "bb-reports-view.h"
#include "bb-reports-view-private.h"
#include "bb-station-summary.h"

/* The preview is drawn at 1.5 pixels a point: sharp on a laptop screen. */
#define PREVIEW_SCALE 1.5
/* Typing in the form waits this long before the preview is built again. */
#define REBUILD_DELAY_MS 350

/* What the preview thread hands back. */
typedef struct {
  BbPrintDocument *document;
  BbWithheld      *withheld;
  GBytes          *pixels;   /* the page as cairo ARGB32 */
  int              width, height, stride;
  guint            page;
  char            *warnings; /* of every page, NULL when the page only was drawn */
} Preview;

static void
preview_free (Preview *preview)
{
  g_clear_pointer (&preview->document, bb_print_document_free);
  g_clear_pointer (&preview->withheld, bb_withheld_free);
  g_clear_pointer (&preview->pixels, g_bytes_unref);
  g_free (preview->warnings);
  g_free (preview);
}

typedef struct {
  BbStore            *store;
  const BbReportKind *kind;
  BbReportRequest     request;
  BbPrintDocument    *document;   /* set: draw a page of it, build nothing */
  guint               page;
} PreviewRequest;

static void
preview_request_free (PreviewRequest *request)
{
  g_clear_object (&request->store);
  g_clear_pointer (&request->document, bb_print_document_free);
  bb_report_request_clear (&request->request);
  g_free (request);
}

G_DEFINE_FINAL_TYPE (BbReportsView, bb_reports_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (BbReportsView *self)
{
  guint n_pages = self->document != NULL ? bb_print_document_get_n_pages (self->document) : 0;
  gboolean ready = self->document != NULL && !self->building && !self->outputting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-page", n_pages > 0 && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-page", self->page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", ready);
}

void
bb_reports_view_show_message (BbReportsView *self,
                              const char    *message,
                              gboolean       error)
{
  /* An export or a save may end after the view is gone. */
  if (self->message_label == NULL)
    return;
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* Every page is drawn once to find the text that does not fit anywhere,
 * not only on the page shown. */
static char *
check_all_pages (BbPrintDocument *document)
{
  g_autoptr(BbRenderResult) all = bb_render_result_new ();
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (scratch);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < bb_print_document_get_n_pages (document); i++)
    bb_print_document_draw_page (document, i, cr, all);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  for (guint i = 0; i < all->warnings->len; i++)
    {
      BbRenderWarning *warning = g_ptr_array_index (all->warnings, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, warning->message);
    }
  return g_string_free (text, FALSE);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  Preview *preview = g_new0 (Preview, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  if (request->document != NULL)
    preview->document = bb_print_document_ref (request->document);
  else
    {
      preview->document = bb_report_build (request->kind, request->store, &request->request,
                                           &preview->withheld, &error);
      if (preview->document == NULL)
        {
          preview_free (preview);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (g_task_return_error_if_cancelled (task))
    {
      preview_free (preview);
      return;
    }

  preview->page = MIN (request->page, bb_print_document_get_n_pages (preview->document) - 1);
  bb_print_document_get_media_size (preview->document, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * PREVIEW_SCALE), (int) (h * PREVIEW_SCALE));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
  {
    g_autoptr(BbRenderResult) marks = bb_render_result_new ();

    /* Text that does not fit is framed in red where it is cut. */
    bb_print_document_draw_page (preview->document, preview->page, cr, marks);
    bb_render_result_mark (marks, preview->document, preview->page, cr);
  }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  preview->width = cairo_image_surface_get_width (surface);
  preview->height = cairo_image_surface_get_height (surface);
  preview->stride = cairo_image_surface_get_stride (surface);
  preview->pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) preview->stride * preview->height);
  cairo_surface_destroy (surface);
  if (request->document == NULL)
    preview->warnings = check_all_pages (preview->document);
  g_task_return_pointer (task, preview, (GDestroyNotify) preview_free);
}

static void
set_building (BbReportsView *self,
              gboolean       building)
{
  if (self->building == building)
    return;
  self->building = building;
  if (building)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
preview_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BbReportsView *self = BB_REPORTS_VIEW (object);
  g_autoptr(GError) error = NULL;
  Preview *preview = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *page = NULL;
  guint n_pages;

  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_building (self, FALSE);
      bb_reports_view_show_message (self, error->message, TRUE);
      gtk_picture_set_paintable (self->preview, NULL);
      g_clear_pointer (&self->document, bb_print_document_free);
      update_actions (self);
      return;
    }

  texture = gdk_memory_texture_new (preview->width, preview->height,
                                    G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                    : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                    preview->pixels, preview->stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  if (self->document != preview->document)
    {
      g_clear_pointer (&self->document, bb_print_document_free);
      self->document = bb_print_document_ref (preview->document);
    }
  self->page = preview->page;
  n_pages = bb_print_document_get_n_pages (self->document);
  page = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_label_set_text (self->page_label, page);

  /* A new document: what did not fit, and what it left out. */
  if (preview->warnings != NULL)
    {
      gtk_label_set_text (self->warnings_label, preview->warnings);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), preview->warnings[0] != '\0');
      bb_reports_view_show_message (self, NULL, FALSE);
    }
  if (preview->withheld != NULL)
    {
      g_autofree char *summary = bb_withheld_describe (preview->withheld);

      gtk_label_set_text (self->withheld_label, summary);
      gtk_widget_set_visible (GTK_WIDGET (self->withheld_expander), TRUE);
    }
  set_building (self, FALSE);
  update_actions (self);
  preview_free (preview);
}

/* Builds the document from the form and draws the page shown, off the
 * main thread: a briefing reads the whole station. */
static void
render_preview (BbReportsView *self,
                gboolean       rebuild)
{
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  /* Nothing to build before a document is chosen and the form has read its
   * choices (it changes again then): nothing is being built, and no spinner
   * turns for it. */
  if (self->store == NULL || self->kind == NULL || !bb_reports_form_is_ready (self->form))
    {
      set_building (self, FALSE);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (PreviewRequest, 1);
  request->store = g_object_ref (self->store);
  request->kind = self->kind;
  request->page = self->page;
  if (!rebuild && self->document != NULL)
    request->document = bb_print_document_ref (self->document);
  else
    {
      bb_reports_form_get_request (self->form, &request->request);
      request->request.station_ids = g_strdupv (self->station_ids);
      bb_report_request_fill_defaults (&request->request, self->kind, self->store, NULL);
    }
  task = g_task_new (self, self->cancellable, preview_ready_cb, NULL);
  g_task_set_source_tag (task, render_preview);
  g_task_set_task_data (task, request, (GDestroyNotify) preview_request_free);
  set_building (self, TRUE);
  g_task_run_in_thread (task, preview_thread);
}

static gboolean
rebuild_timeout_cb (gpointer data)
{
  BbReportsView *self = data;

  self->rebuild_id = 0;
  render_preview (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (BbReportsView *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_timeout_cb, self);
  /* Print and export wait for the document the form now describes. */
  set_building (self, TRUE);
}

static void
template_selected_cb (BbReportsView *self,
                      GtkListBoxRow *row)
{
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);
  int index;

  if (row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= n)
    return;
  if (self->kind != &kinds[index])
    g_clear_pointer (&self->saved_id, g_free);
  self->kind = &kinds[index];
  self->page = 0;
  gtk_label_set_text (self->kind_label, _(self->kind->title));
  gtk_widget_set_visible (GTK_WIDGET (self->withheld_expander), FALSE);
  bb_reports_form_set_kind (self->form, self->kind);
  render_preview (self, TRUE);
}

/* Choosing a document (a click, Enter) opens its form beside the preview. */
static void
template_activated_cb (BbReportsView *self,
                       GtkListBoxRow *row)
{
  gtk_stack_set_visible_child_name (self->side_stack, "form");
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bb_reports_view_select (BB_REPORTS_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
gallery_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->templates_list);

  gtk_stack_set_visible_child_name (self->side_stack, "list");
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
page_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);

  if (g_str_equal (action_name, "reports.next-page"))
    self->page++;
  else if (self->page > 0)
    self->page--;
  render_preview (self, FALSE);
}

static void
output_done_cb (GtkWidget  *widget,
                const char *message,
                gboolean    failed,
                gpointer    user_data)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);

  self->outputting = FALSE;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (message != NULL)
    bb_reports_view_show_message (self, message, failed);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);

  if (self->document == NULL || self->building)
    return;
  self->outputting = TRUE;
  update_actions (self);
  bb_document_print (widget, self->document, NULL, output_done_cb, NULL);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  BbDocumentAction action = BB_DOCUMENT_EXPORT_PDF;

  if (self->document == NULL || self->building)
    return;
  if (g_str_equal (format, "png"))
    action = BB_DOCUMENT_EXPORT_PNG;
  else if (g_str_equal (format, "svg"))
    action = BB_DOCUMENT_EXPORT_SVG;
  self->outputting = TRUE;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  bb_document_export (widget, self->document, action, output_done_cb, NULL);
}

static void
show_error (BbReportsView *self,
            const GError  *error)
{
  g_autofree char *message = g_markup_escape_text (error->message, -1);

  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The Station Could Not Be Read"));
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->stack, "status");
  gtk_widget_set_visible (self->demo_button, FALSE);
  gtk_widget_set_visible (self->next_button, FALSE);
}

static void
refresh (BbReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStationSummary) summary = NULL;
  g_autofree char *station = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean empty;

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "status");
      adw_status_page_set_title (self->status_page, _("No Station Open"));
      adw_status_page_set_description (self->status_page, NULL);
      gtk_widget_set_visible (self->demo_button, TRUE);
      gtk_widget_set_visible (self->next_button, FALSE);
      return;
    }

  summary = bb_station_summary_load (self->store, &error);
  if (summary == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The description is markup; the name is the station's own text. */
  station = g_markup_escape_text (summary->station_name[0] != '\0'
                                  ? summary->station_name : _("This station"), -1);
  adw_status_page_set_icon_name (self->status_page, "x-office-document-symbolic");

  empty = summary->incidents == 0 && summary->surveys == 0 && summary->problems == 0;
  if (!empty)
    {
      g_autofree char *ni = bb_format_count (summary->incidents);
      g_autofree char *nd = bb_format_count (summary->districts);
      g_autofree char *ns = bb_format_count (summary->surveys);
      g_autofree char *nr = bb_format_count (summary->survey_responses);
      g_autofree char *incidents = NULL;
      g_autofree char *districts = NULL;
      g_autofree char *surveys = NULL;
      g_autofree char *responses = NULL;

      title = g_strdup (_("Station Reports"));
      incidents = g_strdup_printf (ngettext ("%s incident or concern", "%s incidents and concerns", summary->incidents), ni);
      districts = g_strdup_printf (ngettext ("%s district", "%s districts", summary->districts), nd);
      surveys = g_strdup_printf (ngettext ("%s round of the resident survey", "%s rounds of the resident survey", summary->surveys), ns);
      responses = g_strdup_printf (ngettext ("%s response", "%s responses", summary->survey_responses), nr);
      /* Translators: "Harbourside holds 24,031 incidents and concerns in 12 districts, and 2 rounds of the resident survey with 1,200 responses." */
      description = g_strdup_printf (_("%s holds %s in %s, and %s with %s."),
                                     station, incidents, districts, surveys, responses);
    }
  else
    {
      title = g_strdup (_("Nothing to Report Yet"));
      /* Translators: %s is the station's name */
      description = g_strdup_printf (_("Reports are drawn from a station’s incidents, problems and resident surveys. %s has none of them recorded yet."),
                                     station);
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, empty);
  gtk_widget_set_visible (self->next_button, !empty);

  /* A station with something to report opens on the gallery. */
  gtk_stack_set_visible_child_name (self->stack, empty ? "status" : "gallery");
  if (!empty && gtk_list_box_get_selected_row (self->templates_list) == NULL)
    gtk_list_box_select_row (self->templates_list, gtk_list_box_get_row_at_index (self->templates_list, 0));
}

static void
bb_reports_view_dispose (GObject *object)
{
  BbReportsView *self = BB_REPORTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_cancellable_cancel (self->saved_cancellable);
  g_clear_object (&self->saved_cancellable);
  g_clear_object (&self->store);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->station_ids, g_strfreev);
  g_clear_pointer (&self->document, bb_print_document_free);
  g_clear_pointer (&self->saved_id, g_free);
  /* AdwBin keeps its own pointer to the status page; it lets go first so
   * that the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_REPORTS_VIEW);

  G_OBJECT_CLASS (bb_reports_view_parent_class)->dispose (object);
}

static void
bb_reports_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbReportsView *self = BB_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, bb_reports_view_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_reports_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BbReportsView *self = BB_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_reports_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_reports_view_class_init (BbReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_reports_view_dispose;
  object_class->get_property = bb_reports_view_get_property;
  object_class->set_property = bb_reports_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_REPORTS_FORM);
  g_type_ensure (BB_TYPE_STATION_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, templates_list);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, saved_heading);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, saved_list);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, kind_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, form);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, preview);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, page_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, message_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, withheld_expander);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, withheld_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, station_button);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, next_button);
  gtk_widget_class_bind_template_callback (widget_class, template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_activated_cb);

  gtk_widget_class_install_action (widget_class, "reports.gallery", NULL, gallery_activated);
  gtk_widget_class_install_action (widget_class, "reports.open", "s", open_activated);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "reports.previous-page", NULL, page_activated);
  gtk_widget_class_install_action (widget_class, "reports.next-page", NULL, page_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print", NULL);
  bb_reports_view_class_init_saved (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "reports.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "reports.previous-page", NULL);
}

static void
bb_reports_view_init (BbReportsView *self)
{
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The gallery is the catalogue: a document added there shows here. */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
      g_autofree char *open_label = g_strdup_printf (_("Open %s"), _(kinds[i].title));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(kinds[i].description));
      /* A button of its own, so that screen readers (and the journeys) can
       * open a document: GTK 4.8 gives list rows no accessible action. */
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, open_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", kinds[i].id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "reports.open");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->templates_list, row);
    }
  update_actions (self);
  refresh (self);
}

BbStore *
bb_reports_view_get_store (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return self->store;
}

void
bb_reports_view_set_store (BbReportsView *self,
                           BbStore       *store)
{
  g_return_if_fail (BB_IS_REPORTS_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->document, bb_print_document_free);
  gtk_picture_set_paintable (self->preview, NULL);
  update_actions (self);
  g_clear_pointer (&self->saved_id, g_free);
  bb_reports_form_set_store (self->form, store);
  refresh (self);
  bb_reports_view_load_saved (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
station_filter_changed_cb (BbReportsView *self)
{
  /* The documents' figures are those of the stations chosen. */
  if (bb_filter_update_stations (self->filter, &self->station_ids) && self->store != NULL && self->kind != NULL)
    form_changed_cb (self);
}

void
bb_reports_view_set_filter (BbReportsView *self,
                            BbFilterState *filter)
{
  g_return_if_fail (BB_IS_REPORTS_VIEW (self));
  bb_station_button_follow (self->station_button, &self->filter, filter, G_CALLBACK (station_filter_changed_cb), self);
}

AdwStatusPage *
bb_reports_view_get_status_page (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return self->status_page;
}

gboolean
bb_reports_view_is_busy (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), FALSE);
  return self->building || self->outputting || self->rebuild_id != 0 || !bb_reports_form_is_ready (self->form);
}

BbReportsForm *
bb_reports_view_get_form (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return self->form;
}

void
bb_reports_view_select (BbReportsView *self,
                        const char    *kind_id)
{
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);

  g_return_if_fail (BB_IS_REPORTS_VIEW (self));
  for (guint i = 0; i < n; i++)
    if (g_str_equal (kinds[i].id, kind_id))
      {
        gtk_list_box_select_row (self->templates_list, gtk_list_box_get_row_at_index (self->templates_list, (int) i));
        gtk_stack_set_visible_child_name (self->side_stack, "form");
      }
}

BbPrintDocument *
bb_reports_view_get_document (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return self->building ? NULL : self->document;
}

const char *
bb_reports_view_get_warnings (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->warnings_label)) ? gtk_label_get_text (self->warnings_label) : NULL;
}

const char *
bb_reports_view_get_withheld (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->withheld_expander)) ? gtk_label_get_text (self->withheld_label) : NULL;
}
