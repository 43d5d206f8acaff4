/* bb-table-import-dialog.h: importing a table (survey responses, published figures): preview, mapping, report */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-table-import.h"

G_BEGIN_DECLS

#define BB_TYPE_TABLE_IMPORT_DIALOG (bb_table_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbTableImportDialog, bb_table_import_dialog, BB, TABLE_IMPORT_DIALOG, AdwWindow)

/* Reads @import's file at once and shows its first rows; what each column
 * holds can be changed, the whole file is checked (nothing written), then
 * imported.  Emits ::imported with the number of rows written, then
 * closes. */
BbTableImportDialog *bb_table_import_dialog_new       (GtkWindow     *parent,
                                                       BbTableImport *import,
                                                       const char    *title);
/* "busy", "mapping", "report" or "error". */
const char          *bb_table_import_dialog_get_step  (BbTableImportDialog *self);
const char          *bb_table_import_dialog_get_report_text (BbTableImportDialog *self);

G_END_DECLS
