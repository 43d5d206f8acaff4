/* bb-reports-view.c: the Reports view: briefings, profiles, survey results and printables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-print-document.h"
#include "bb-reports-view.h"
#include "bb-station-summary.h"
#include "bb-templates.h"

/* The printables a station can make from the foundation's data. */
typedef enum {
  TEMPLATE_BRIEFING,
  TEMPLATE_OFFICER_POSTER,
  TEMPLATE_EVENT_POSTER,
  TEMPLATE_LEAFLET,
  TEMPLATE_BROCHURE,
  TEMPLATE_SAFETY_PLAN,
  N_TEMPLATES,
} Template;

static const struct {
  const char *title;
  const char *subtitle;
} templates[N_TEMPLATES] = {
  [TEMPLATE_BRIEFING] = { N_("Quarterly Press Briefing"), N_("A4, the last full quarter, public figures only") },
  [TEMPLATE_OFFICER_POSTER] = { N_("Meet Your Neighbourhood Officer"), N_("A4 poster with phone and QR code") },
  [TEMPLATE_EVENT_POSTER] = { N_("Event Poster"), N_("A4 poster for the next community event") },
  [TEMPLATE_LEAFLET] = { N_("Crime-Prevention Leaflet"), N_("A5, both sides") },
  [TEMPLATE_BROCHURE] = { N_("Tri-Fold Brochure"), N_("A4 landscape, both sides, with fold marks") },
  [TEMPLATE_SAFETY_PLAN] = { N_("Community Safety Plan"), N_("A4, the newest plan, in plain language; edit plans under Problems") },
};

/* What the preview thread hands back. */
typedef struct {
  BbPrintDocument *document;
  GBytes          *pixels;   /* page 1… as cairo ARGB32 */
  int              width, height, stride;
  char            *warnings;
} Preview;

static void
preview_free (Preview *preview)
{
  g_clear_pointer (&preview->document, bb_print_document_free);
  g_clear_pointer (&preview->pixels, g_bytes_unref);
  g_free (preview->warnings);
  g_free (preview);
}

struct _BbReportsView
{
  AdwBin           parent_instance;

  BbStore         *store;
  GCancellable    *cancellable;
  BbPrintDocument *document;    /* what the preview shows, for export */
  Template         template;
  guint            page;

  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkWidget       *demo_button;
  GtkWidget       *next_button;
  GtkListBox      *templates_list;
  GtkPicture      *preview;
  GtkLabel        *page_label;
  GtkLabel        *warnings_label;
  GtkSpinner      *spinner;
};

G_DEFINE_FINAL_TYPE (BbReportsView, bb_reports_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void render_preview (BbReportsView *self);

typedef struct {
  BbStore  *store;
  Template  template;
  guint     page;
} PreviewRequest;

static void
preview_request_free (PreviewRequest *request)
{
  g_clear_object (&request->store);
  g_free (request);
}

/* The document of a template, prefilled from the station in the language
 * of the desk; the Reports view's form will edit the content in between. */
static BbPrintDocument *
build_document (BbStore   *store,
                Template   template,
                GError   **error)
{
  g_autoptr(BbStation) station = bb_store_station_get (store, error);
  g_autoptr(BbBranding) branding = NULL;
  const char *language = g_get_language_names ()[0];

  if (station == NULL)
    return NULL;
  branding = bb_branding_new_from_station (station);
  if (g_str_equal (language, "C") || g_str_equal (language, "POSIX"))
    language = "en";

  switch (template)
    {
    case TEMPLATE_BRIEFING:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(BbWithheld) withheld = NULL;
        BbPrintDocument *doc;
        BbBriefingOptions options;
        int quarter = (g_date_time_get_month (now) - 1) / 3;   /* the last full one */
        int year = g_date_time_get_year (now);

        if (bb_store_is_demo (store))
          {
            year = 2026;
            quarter = 3;
          }
        if (quarter == 0)
          {
            quarter = 4;
            year--;
          }
        bb_briefing_options_init (&options, year, quarter);
        options.language = g_strdup (language);
        doc = bb_briefing_build (store, branding, &options, &withheld, error);
        bb_briefing_options_clear (&options);
        return doc;
      }
    case TEMPLATE_OFFICER_POSTER:
      {
        g_autoptr(GPtrArray) officers = bb_store_officer_list (store, error);
        g_autoptr(BbOfficerPoster) poster = NULL;

        if (officers == NULL)
          return NULL;
        if (officers->len == 0)
          {
            g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_FAILED,
                         _("The station has no officers yet: add one in the directory"));
            return NULL;
          }
        poster = bb_officer_poster_new_from_store (store, ((BbOfficer *) g_ptr_array_index (officers, 0))->id,
                                                   language, error);
        return poster != NULL ? bb_officer_poster_build (poster, branding) : NULL;
      }
    case TEMPLATE_EVENT_POSTER:
      {
        g_autoptr(GPtrArray) events = bb_store_event_list (store, g_get_real_time () / G_USEC_PER_SEC,
                                                           G_MAXINT64, error);
        g_autoptr(BbEventPoster) poster = NULL;

        if (events == NULL)
          return NULL;
        if (events->len == 0)
          {
            g_clear_pointer (&events, g_ptr_array_unref);
            events = bb_store_event_list (store, G_MININT64 + 1, G_MAXINT64, error);
            if (events == NULL)
              return NULL;
          }
        if (events->len == 0)
          {
            g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_FAILED,
                         _("The station has no events yet: add one in the calendar"));
            return NULL;
          }
        poster = bb_event_poster_new_from_event (g_ptr_array_index (events, 0), station, language);
        return bb_event_poster_build (poster, branding);
      }
    case TEMPLATE_LEAFLET:
      {
        g_autoptr(BbLeaflet) leaflet = bb_leaflet_new (BB_LEAFLET_BURGLARY, station, language);

        return bb_leaflet_build (leaflet, branding);
      }
    case TEMPLATE_BROCHURE:
      {
        g_autoptr(BbBrochure) brochure = bb_brochure_new_from_store (store, language, error);

        return brochure != NULL ? bb_brochure_build (brochure, branding) : NULL;
      }
    case TEMPLATE_SAFETY_PLAN:
      {
        g_autoptr(GPtrArray) plans = bb_store_plan_list (store, error);
        g_autoptr(BbSafetyPlan) plan = NULL;

        if (plans == NULL)
          return NULL;
        if (plans->len == 0)
          {
            g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_FAILED,
                         _("The station has no safety plan yet: start one under Problems, Safety Plans"));
            return NULL;
          }
        /* The plans are listed newest period first. */
        plan = bb_safety_plan_new_from_store (store, ((BbPlan *) g_ptr_array_index (plans, 0))->id, language, error);
        return plan != NULL ? bb_safety_plan_build (plan, branding) : NULL;
      }
    case N_TEMPLATES:
    default:
      g_assert_not_reached ();
    }
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbRenderResult) result = bb_render_result_new ();
  Preview *preview = g_new0 (Preview, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale = 1.5;

  preview->document = build_document (request->store, request->template, &error);
  if (preview->document == NULL)
    {
      preview_free (preview);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      preview_free (preview);
      return;
    }

  bb_print_document_get_media_size (preview->document, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  bb_print_document_draw_page (preview->document,
                               MIN (request->page, bb_print_document_get_n_pages (preview->document) - 1),
                               cr, result);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  preview->width = cairo_image_surface_get_width (surface);
  preview->height = cairo_image_surface_get_height (surface);
  preview->stride = cairo_image_surface_get_stride (surface);
  preview->pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) preview->stride * preview->height);
  cairo_surface_destroy (surface);

  /* Every page is checked for text that does not fit, not just this one. */
  {
    g_autoptr(BbRenderResult) all = bb_render_result_new ();
    cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *scratch_cr = cairo_create (scratch);
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < bb_print_document_get_n_pages (preview->document); i++)
      bb_print_document_draw_page (preview->document, i, scratch_cr, all);
    cairo_destroy (scratch_cr);
    cairo_surface_destroy (scratch);
    for (guint i = 0; i < all->warnings->len; i++)
      {
        BbRenderWarning *warning = g_ptr_array_index (all->warnings, i);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, warning->message);
      }
    preview->warnings = g_string_free (text, FALSE);
  }
  g_task_return_pointer (task, preview, (GDestroyNotify) preview_free);
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
      gtk_spinner_stop (self->spinner);
      gtk_label_set_text (self->warnings_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
      gtk_picture_set_paintable (self->preview, NULL);
      return;
    }

  gtk_spinner_stop (self->spinner);
  texture = gdk_memory_texture_new (preview->width, preview->height,
                                    G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                    : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                    preview->pixels, preview->stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  g_clear_pointer (&self->document, bb_print_document_free);
  self->document = g_steal_pointer (&preview->document);
  n_pages = bb_print_document_get_n_pages (self->document);
  self->page = MIN (self->page, n_pages - 1);
  page = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_label_set_text (self->page_label, page);
  gtk_label_set_text (self->warnings_label, preview->warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), preview->warnings[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-page", self->page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", TRUE);
  preview_free (preview);
}

/* Builds and draws the document off the main thread: a briefing queries
 * the whole station. */
static void
render_preview (BbReportsView *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request;

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (PreviewRequest, 1);
  request->store = g_object_ref (self->store);
  request->template = self->template;
  request->page = self->page;
  task = g_task_new (self, self->cancellable, preview_ready_cb, NULL);
  g_task_set_source_tag (task, render_preview);
  g_task_set_task_data (task, request, (GDestroyNotify) preview_request_free);
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
  g_task_run_in_thread (task, preview_thread);
}

static void
template_selected_cb (BbReportsView *self,
                      GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  self->template = (Template) gtk_list_box_row_get_index (row);
  self->page = 0;
  render_preview (self);
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
  render_preview (self);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  BbReportsView *self = BB_REPORTS_VIEW (user_data);

  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !bb_print_document_write_pdf (self->document, path, NULL, &error))
        {
          gtk_label_set_text (self->warnings_label, error != NULL ? error->message
                                                                  : _("Only local files can be written"));
          gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbReportsView *self = BB_REPORTS_VIEW (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export PDF"), GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.pdf", bb_print_document_get_title (self->document) != NULL
                                    ? bb_print_document_get_title (self->document) : _("Document"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
show_error (BbReportsView *self,
            const GError *error)
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
  if (!empty)
    {
      if (gtk_list_box_get_selected_row (self->templates_list) == NULL)
        gtk_list_box_select_row (self->templates_list, gtk_list_box_get_row_at_index (self->templates_list, 0));
      else
        render_preview (self);
    }
}

static void
bb_reports_view_dispose (GObject *object)
{
  BbReportsView *self = BB_REPORTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->document, bb_print_document_free);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, templates_list);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, preview);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, page_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbReportsView, next_button);
  gtk_widget_class_bind_template_callback (widget_class, template_selected_cb);

  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.previous-page", NULL, page_activated);
  gtk_widget_class_install_action (widget_class, "reports.next-page", NULL, page_activated);
}

static void
bb_reports_view_init (BbReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < N_TEMPLATES; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(templates[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(templates[i].subtitle));
      gtk_list_box_append (self->templates_list, row);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
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
                           BbStore   *store)
{
  g_return_if_fail (BB_IS_REPORTS_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AdwStatusPage *
bb_reports_view_get_status_page (BbReportsView *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_VIEW (self), NULL);
  return self->status_page;
}
