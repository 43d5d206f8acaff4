/* bb-document-output.c: a document printed through GtkPrintOperation or exported to PDF, PNG or SVG, from any view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-document-output"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-document-output.h"

/* What an output in progress keeps alive. */
typedef struct {
  GtkWidget          *widget;
  BbPrintDocument    *document;
  BbDocumentAction    action;
  BbDocumentDoneFunc  done;
  gpointer            user_data;
  char               *path;
  BbRenderResult     *result;   /* warnings of every page drawn */
  gboolean            finished;
} Output;

static Output *
output_new (GtkWidget          *widget,
            BbPrintDocument    *document,
            BbDocumentAction    action,
            BbDocumentDoneFunc  done,
            gpointer            user_data)
{
  Output *o = g_new0 (Output, 1);

  o->widget = g_object_ref (widget);
  o->document = document != NULL ? bb_print_document_ref (document) : NULL;
  o->action = action;
  o->done = done;
  o->user_data = user_data;
  o->result = bb_render_result_new ();
  return o;
}

static void
output_free (Output *o)
{
  g_clear_object (&o->widget);
  g_clear_pointer (&o->document, bb_print_document_free);
  g_clear_pointer (&o->result, bb_render_result_free);
  g_free (o->path);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Output, output_free)

/* Tells the caller, adding the first text that did not fit. */
static void
output_finish (Output     *o,
               const char *message,
               gboolean    failed)
{
  g_autofree char *full = NULL;

  if (o->finished)
    return;
  o->finished = TRUE;
  if (message != NULL && !failed && o->result->warnings->len > 0)
    {
      BbRenderWarning *w = g_ptr_array_index (o->result->warnings, 0);

      full = g_strdup_printf ("%s %s", message, w->message);
      message = full;
    }
  if (o->done != NULL)
    o->done (o->widget, message, failed, o->user_data);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Printing ------------------------------------------------------------ */

static GtkPageSetup *
page_setup_for (BbPrintDocument *document)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = NULL;
  BbPaper paper;
  gboolean landscape;

  bb_print_document_get_paper (document, &paper, &landscape);
  switch (paper)
    {
    case BB_PAPER_A3: size = gtk_paper_size_new (GTK_PAPER_NAME_A3); break;
    case BB_PAPER_A5: size = gtk_paper_size_new (GTK_PAPER_NAME_A5); break;
    case BB_PAPER_LETTER: size = gtk_paper_size_new (GTK_PAPER_NAME_LETTER); break;
    case BB_PAPER_A4:
    default: size = gtk_paper_size_new (GTK_PAPER_NAME_A4); break;
    }
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  Output *o = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double mw, mh, scale;

  /* The sheet (with its bleed and crop marks when chosen) fitted into the
   * printable area, never enlarged, centred. */
  bb_print_document_get_media_size (o->document, &mw, &mh);
  scale = MIN (1.0, MIN (width / mw, height / mh));
  cairo_save (cr);
  cairo_translate (cr, (width - mw * scale) / 2, (height - mh * scale) / 2);
  cairo_scale (cr, scale, scale);
  bb_print_document_draw_page (o->document, (guint) page, cr, o->result);
  cairo_restore (cr);
}

static void
print_finish (Output                  *o,
              GtkPrintOperation       *operation,
              GtkPrintOperationResult  result,
              const GError            *run_error)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (run_error == NULL)
        gtk_print_operation_get_error (operation, &error);
      output_finish (o, run_error != NULL ? run_error->message
                        : error != NULL ? error->message : _("The document could not be printed"), TRUE);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    output_finish (o, o->path != NULL ? o->path : _("The document was sent to the printer."), FALSE);
  else
    output_finish (o, NULL, FALSE);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  print_finish (user_data, operation, result, NULL);
}

void
bb_document_print (GtkWidget          *widget,
                   BbPrintDocument    *document,
                   const char         *export_path,
                   BbDocumentDoneFunc  done,
                   gpointer            user_data)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  Output *o;
  GtkPrintOperationResult result;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (document != NULL);

  /* The operation keeps what it draws for as long as it runs. */
  o = output_new (widget, document, BB_DOCUMENT_PRINT, done, user_data);
  g_object_set_data_full (G_OBJECT (operation), "bb-output", o, (GDestroyNotify) output_free);
  setup = page_setup_for (document);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) bb_print_document_get_n_pages (document));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  if (bb_print_document_get_title (document) != NULL)
    gtk_print_operation_set_job_name (operation, bb_print_document_get_title (document));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), o);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), o);
  if (export_path != NULL)
    {
      o->path = g_strdup (export_path);
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, window_of (widget), &error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window_of (widget), &error);
    }
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    print_finish (o, operation, result, error);
}

/* Exporting ------------------------------------------------------------ */

static const char *
extension_of (BbDocumentAction action)
{
  switch (action)
    {
    case BB_DOCUMENT_EXPORT_PNG: return "png";
    case BB_DOCUMENT_EXPORT_SVG: return "svg";
    case BB_DOCUMENT_EXPORT_PDF:
    case BB_DOCUMENT_PRINT:
    default: return "pdf";
    }
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Output *o = task_data;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  GError *error = NULL;

  if (!bb_print_document_write_file (o->document, o->path, -1, 150, &written, &result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&o->result, bb_render_result_free);
  o->result = g_steal_pointer (&result);
  g_task_return_pointer (task, g_steal_pointer (&written), (GDestroyNotify) g_ptr_array_unref);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Output *o = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (written == NULL)
    {
      output_finish (o, error->message, TRUE);
      return;
    }
  if (written->len == 1)
    message = g_strdup_printf (_("Saved to %s."), (const char *) g_ptr_array_index (written, 0));
  else
    message = g_strdup_printf (ngettext ("Saved %u page as %s and the files beside it.",
                                         "Saved %u pages as %s and the files beside it.", written->len),
                               written->len, (const char *) g_ptr_array_index (written, 0));
  output_finish (o, message, FALSE);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(Output) o = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  const char *extension = extension_of (o->action);

  g_object_unref (dialog);
  if (response != GTK_RESPONSE_ACCEPT)
    {
      output_finish (o, NULL, FALSE);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      output_finish (o, _("Only files on this computer can be written"), TRUE);
      return;
    }
  /* The format chosen in the menu, whatever the name typed ends in. */
  if (!g_str_has_suffix (path, extension))
    {
      char *named = g_strconcat (path, ".", extension, NULL);

      g_free (path);
      path = named;
    }
  o->path = g_steal_pointer (&path);
  task = g_task_new (NULL, NULL, written_cb, NULL);
  g_task_set_source_tag (task, bb_document_export);
  g_task_set_task_data (task, g_steal_pointer (&o), (GDestroyNotify) output_free);
  g_task_run_in_thread (task, write_thread);
}

void
bb_document_export (GtkWidget          *widget,
                    BbPrintDocument    *document,
                    BbDocumentAction    action,
                    BbDocumentDoneFunc  done,
                    gpointer            user_data)
{
  Output *o;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *extension = extension_of (action);
  const char *title;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (document != NULL);

  switch (action)
    {
    case BB_DOCUMENT_EXPORT_PNG:
      title = _("Export as PNG");
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      break;
    case BB_DOCUMENT_EXPORT_SVG:
      title = _("Export as SVG");
      gtk_file_filter_set_name (filter, _("SVG drawings"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      break;
    case BB_DOCUMENT_EXPORT_PDF:
    case BB_DOCUMENT_PRINT:
    default:
      title = _("Export as PDF");
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      break;
    }
  o = output_new (widget, document, action, done, user_data);
  dialog = gtk_file_chooser_native_new (title, window_of (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.%s", bb_print_document_get_title (document) != NULL
                                   ? bb_print_document_get_title (document) : _("Document"), extension);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), o);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Building first ------------------------------------------------------- */

typedef struct {
  BbStore         *store;
  const BbReportKind *kind;
  BbReportRequest  request;
} Build;

static void
build_free (Build *b)
{
  g_clear_object (&b->store);
  bb_report_request_clear (&b->request);
  g_free (b);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Build *b = task_data;
  GError *error = NULL;
  BbPrintDocument *doc = bb_report_build (b->kind, b->store, &b->request, NULL, &error);

  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) bb_print_document_free);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Output) o = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPrintDocument) doc = g_task_propagate_pointer (G_TASK (result), &error);

  if (doc == NULL)
    {
      output_finish (o, error->message, TRUE);
      return;
    }
  if (o->action == BB_DOCUMENT_PRINT)
    bb_document_print (o->widget, doc, NULL, o->done, o->user_data);
  else
    bb_document_export (o->widget, doc, o->action, o->done, o->user_data);
}

void
bb_document_output_run (GtkWidget             *widget,
                        BbStore               *store,
                        const char            *kind_id,
                        const BbReportRequest *request,
                        BbDocumentAction       action,
                        BbDocumentDoneFunc     done,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Build *b;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (bb_report_kind_find (kind_id) != NULL);

  b = g_new0 (Build, 1);
  b->store = g_object_ref (store);
  b->kind = bb_report_kind_find (kind_id);
  bb_report_request_copy (request, &b->request);
  task = g_task_new (NULL, NULL, built_cb, output_new (widget, NULL, action, done, user_data));
  g_task_set_source_tag (task, bb_document_output_run);
  g_task_set_task_data (task, b, (GDestroyNotify) build_free);
  g_task_run_in_thread (task, build_thread);
}
