/* bb-table-import.c: what every import of a table offers its dialog: preview, column mapping, a checked run */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-table-import"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-run-async.h"
#include "bb-table-import.h"

G_DEFINE_INTERFACE (BbTableImport, bb_table_import, G_TYPE_OBJECT)

static void
bb_table_import_default_init (BbTableImportInterface *iface)
{
}

#define IFACE(self) BB_TABLE_IMPORT_GET_IFACE (self)

BbStore *
bb_table_import_get_store (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_store (self);
}

const char *
bb_table_import_get_path (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_path (self);
}

gboolean
bb_table_import_preview (BbTableImport  *self,
                         guint           n_rows,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->preview (self, n_rows, cancellable, error);
}

static gboolean
preview_table_import (gpointer       source,
                      guint          n_rows,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return bb_table_import_preview (source, n_rows, cancellable, error);
}

void
bb_table_import_preview_async (BbTableImport       *self,
                               guint                n_rows,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));
  bb_import_preview_in_thread_async (G_OBJECT (self), preview_table_import, n_rows, bb_table_import_preview_async,
                                     cancellable, callback, user_data);
}

gboolean
bb_table_import_preview_finish (BbTableImport  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return bb_import_preview_in_thread_finish (G_OBJECT (self), result, error);
}

const char *
bb_table_import_get_encoding (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_encoding (self);
}

char
bb_table_import_get_separator (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), ',');
  return IFACE (self)->get_separator (self);
}

guint64
bb_table_import_get_n_rows (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  return IFACE (self)->get_n_rows (self);
}

guint
bb_table_import_get_n_columns (BbTableImport *self)
{
  GPtrArray *columns;

  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  columns = IFACE (self)->get_columns (self);
  return columns != NULL ? columns->len : 0;
}

const char *
bb_table_import_get_column_name (BbTableImport *self,
                                 guint          column)
{
  GPtrArray *columns;

  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  columns = IFACE (self)->get_columns (self);
  g_return_val_if_fail (columns != NULL && column < columns->len, NULL);
  return g_ptr_array_index (columns, column);
}

GPtrArray *
bb_table_import_get_preview_rows (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_preview_rows (self);
}

gboolean
bb_table_import_get_mapping_remembered (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->get_mapping_remembered (self);
}

GPtrArray *
bb_table_import_get_targets (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return IFACE (self)->get_targets (self);
}

guint
bb_table_import_get_column_target (BbTableImport *self,
                                   guint          column)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), 0);
  return IFACE (self)->get_column_target (self, column);
}

void
bb_table_import_set_column_target (BbTableImport *self,
                                   guint          column,
                                   guint          target)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));
  IFACE (self)->set_column_target (self, column, target);
}

gboolean
bb_table_import_get_date_order_ambiguous (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), FALSE);
  return IFACE (self)->get_date_order_ambiguous (self);
}

BbDateOrder
bb_table_import_get_date_order (BbTableImport *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), BB_DATE_ORDER_UNKNOWN);
  return IFACE (self)->get_date_order (self);
}

void
bb_table_import_set_date_order (BbTableImport *self,
                                BbDateOrder    order)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));
  IFACE (self)->set_date_order (self, order);
}

BbImportReport *
bb_table_import_run (BbTableImport         *self,
                     gboolean               dry_run,
                     GCancellable          *cancellable,
                     BbTableImportProgress  progress,
                     gpointer               progress_data,
                     GError               **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return IFACE (self)->run (self, dry_run, cancellable, progress, progress_data, error);
}

/* Asynchronous runs ----------------------------------------------------------- */

static BbImportReport *
run_table_import (gpointer               source,
                  gboolean               dry_run,
                  GCancellable          *cancellable,
                  BbImportProgressFunc   progress,
                  gpointer               progress_data,
                  GError               **error)
{
  return bb_table_import_run (source, dry_run, cancellable, progress, progress_data, error);
}

void
bb_table_import_run_async (BbTableImport         *self,
                           gboolean               dry_run,
                           GCancellable          *cancellable,
                           BbTableImportProgress  progress,
                           gpointer               progress_data,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_return_if_fail (BB_IS_TABLE_IMPORT (self));

  bb_import_run_in_store_async (bb_table_import_get_store (self), G_OBJECT (self), run_table_import, dry_run,
                                cancellable, progress, progress_data, NULL, callback, user_data);
}

BbImportReport *
bb_table_import_run_finish (BbTableImport  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (self), NULL);
  return bb_store_run_finish (bb_table_import_get_store (self), result, error);
}

/* Shared helpers ---------------------------------------------------------------- */

char *
bb_table_import_column_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  char *key = g_utf8_strdown (trimmed, -1);

  for (char *p = key; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return key;
}

const char *
bb_table_import_separator_name (char separator)
{
  switch (separator)
    {
    case ',':
      return _("commas");
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("its own layout");
    }
}
