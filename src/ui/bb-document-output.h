/* bb-document-output.h: a document printed through GtkPrintOperation or exported to PDF, PNG or SVG, from any view */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-print-document.h"
#include "bb-report.h"

G_BEGIN_DECLS

typedef enum {
  BB_DOCUMENT_PRINT,
  BB_DOCUMENT_EXPORT_PDF,
  BB_DOCUMENT_EXPORT_PNG,
  BB_DOCUMENT_EXPORT_SVG,
} BbDocumentAction;

/* Told when the output is done: @message says what happened in words for
 * the user (the file written, the error, text that did not fit), NULL
 * when the user cancelled.  @failed when nothing was written. */
typedef void (*BbDocumentDoneFunc) (GtkWidget  *widget,
                                    const char *message,
                                    gboolean    failed,
                                    gpointer    user_data);

/* Prints @document with the print dialog (its page setup tab chooses the
 * paper, the document's own is the default); every page is drawn as the
 * preview and the PDF draw it, scaled down to the printable area when it
 * is larger.  Or, with @export_path, runs the same print operation into a
 * PDF file without a dialog (for tests and scripts). */
void     bb_document_print          (GtkWidget          *widget,
                                     BbPrintDocument    *document,
                                     const char         *export_path,
                                     BbDocumentDoneFunc  done,
                                     gpointer            user_data);
/* Asks where to write @document (named after its title) and writes it off
 * the main thread; PNG and SVG of several pages give a file a page. */
void     bb_document_export         (GtkWidget          *widget,
                                     BbPrintDocument    *document,
                                     BbDocumentAction    action,
                                     BbDocumentDoneFunc  done,
                                     gpointer            user_data);
/* Builds the document @kind_id of the catalogue off the main thread, then
 * prints or exports it as @action says. */
void     bb_document_output_run     (GtkWidget             *widget,
                                     BbStore               *store,
                                     const char            *kind_id,
                                     const BbReportRequest *request,
                                     BbDocumentAction       action,
                                     BbDocumentDoneFunc     done,
                                     gpointer               user_data);

G_END_DECLS
