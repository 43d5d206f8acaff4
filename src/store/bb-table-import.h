/* bb-table-import.h: what every import of a table offers its dialog: preview, column mapping, a checked run */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-import-report.h"
#include "bb-import-values.h"
#include "bb-store.h"

G_BEGIN_DECLS

typedef void (*BbTableImportProgress) (double   fraction,
                                       gpointer user_data);

#define BB_TYPE_TABLE_IMPORT (bb_table_import_get_type ())
G_DECLARE_INTERFACE (BbTableImport, bb_table_import, BB, TABLE_IMPORT, GObject)

/* An import of one file whose columns are mapped to "targets" (what a
 * column holds: a question, a date, …; target 0 is always "not
 * imported").  Preview and run are called on a worker thread by the
 * asynchronous calls below; nothing else runs on the object meanwhile. */
struct _BbTableImportInterface
{
  GTypeInterface parent_iface;

  BbStore        *(*get_store)            (BbTableImport *self);
  const char     *(*get_path)             (BbTableImport *self);
  gboolean        (*preview)              (BbTableImport *self,
                                           guint          n_rows,
                                           GCancellable  *cancellable,
                                           GError       **error);
  const char     *(*get_encoding)         (BbTableImport *self);
  char            (*get_separator)        (BbTableImport *self);
  guint64         (*get_n_rows)           (BbTableImport *self);
  GPtrArray      *(*get_columns)          (BbTableImport *self);   /* char * */
  GPtrArray      *(*get_preview_rows)     (BbTableImport *self);   /* GStrv */
  gboolean        (*get_mapping_remembered) (BbTableImport *self);
  GPtrArray      *(*get_targets)          (BbTableImport *self);   /* char *, labels */
  guint           (*get_column_target)    (BbTableImport *self,
                                           guint          column);
  void            (*set_column_target)    (BbTableImport *self,
                                           guint          column,
                                           guint          target);
  gboolean        (*get_date_order_ambiguous) (BbTableImport *self);
  BbDateOrder     (*get_date_order)       (BbTableImport *self);
  void            (*set_date_order)       (BbTableImport *self,
                                           BbDateOrder    order);
  /* One transaction; a dry run takes it all back.  @progress is called
   * on the thread that runs. */
  BbImportReport *(*run)                  (BbTableImport        *self,
                                           gboolean              dry_run,
                                           GCancellable         *cancellable,
                                           BbTableImportProgress progress,
                                           gpointer              progress_data,
                                           GError              **error);
};

BbStore        *bb_table_import_get_store        (BbTableImport *self);
const char     *bb_table_import_get_path         (BbTableImport *self);
gboolean        bb_table_import_preview          (BbTableImport *self,
                                                  guint          n_rows,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
void            bb_table_import_preview_async    (BbTableImport       *self,
                                                  guint                n_rows,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        bb_table_import_preview_finish   (BbTableImport       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
const char     *bb_table_import_get_encoding     (BbTableImport *self);
char            bb_table_import_get_separator    (BbTableImport *self);
guint64         bb_table_import_get_n_rows       (BbTableImport *self);
guint           bb_table_import_get_n_columns    (BbTableImport *self);
const char     *bb_table_import_get_column_name  (BbTableImport *self,
                                                  guint          column);
GPtrArray      *bb_table_import_get_preview_rows (BbTableImport *self);
gboolean        bb_table_import_get_mapping_remembered (BbTableImport *self);
GPtrArray      *bb_table_import_get_targets      (BbTableImport *self);
guint           bb_table_import_get_column_target (BbTableImport *self,
                                                   guint          column);
void            bb_table_import_set_column_target (BbTableImport *self,
                                                   guint          column,
                                                   guint          target);
gboolean        bb_table_import_get_date_order_ambiguous (BbTableImport *self);
BbDateOrder     bb_table_import_get_date_order   (BbTableImport *self);
void            bb_table_import_set_date_order   (BbTableImport *self,
                                                  BbDateOrder    order);
BbImportReport *bb_table_import_run              (BbTableImport        *self,
                                                  gboolean              dry_run,
                                                  GCancellable         *cancellable,
                                                  BbTableImportProgress progress,
                                                  gpointer              progress_data,
                                                  GError              **error);
/* On the store's worker, after the writes queued before it; @progress is
 * called in the caller's thread-default main context. */
void            bb_table_import_run_async        (BbTableImport        *self,
                                                  gboolean              dry_run,
                                                  GCancellable         *cancellable,
                                                  BbTableImportProgress progress,
                                                  gpointer              progress_data,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
BbImportReport *bb_table_import_run_finish       (BbTableImport        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Shared by the imports of tables: a column's name as the rules compare
 * it (lower case, trimmed, inner spaces and dashes as "_"). */
char           *bb_table_import_column_key       (const char *name);
/* The text of the separator for a summary: "commas", "semicolons", … */
const char     *bb_table_import_separator_name   (char        separator);

G_END_DECLS
