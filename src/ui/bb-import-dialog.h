/* bb-import-dialog.h: importing incidents from a file: preview, mapping, report, confirmation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_IMPORT_DIALOG (bb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbImportDialog, bb_import_dialog, BB, IMPORT_DIALOG, AdwWindow)

/* Reads @path at once and shows its first rows; @categories (BbCategory)
 * are what unknown category values can be mapped to.  Emits ::imported
 * with the number of incidents written, then closes. */
BbImportDialog *bb_import_dialog_new      (GtkWindow  *parent,
                                           BbStore    *store,
                                           GPtrArray  *categories,
                                           const char *path);
/* "busy", "mapping", "report" or "error". */
const char     *bb_import_dialog_get_step (BbImportDialog *self);
/* The last report (of the check or the import), or NULL. */
const char     *bb_import_dialog_get_report_text (BbImportDialog *self);

G_END_DECLS
