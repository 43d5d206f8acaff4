/* bb-table-rows.h: what the survey and published-figure imports share: reading a table's rows for the preview and for the import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-import-private.h"
#include "bb-import-report.h"
#include "bb-table-import.h"

G_BEGIN_DECLS

typedef void     (*BbTableRowFunc)    (BbImportSource  *source,
                                       gpointer         data);
typedef gboolean (*BbTableImportRow)  (gpointer         data,
                                       GError         **error);

/* Reads every row of @source: the first @n_rows (of @n_columns cells)
 * become the preview, *@preview_rows (made anew); the values of
 * @date_column (−1: none) vote on the date order in @vote (started
 * afresh); @row (may be NULL) sees every row.  *@n_read: how many rows. */
gboolean bb_table_rows_preview (BbImportSource   *source,
                                guint             n_columns,
                                guint             n_rows,
                                int               date_column,
                                BbDateOrderVote  *vote,
                                GPtrArray       **preview_rows,
                                guint64          *n_read,
                                BbTableRowFunc    row,
                                gpointer          data,
                                GCancellable     *cancellable,
                                GError          **error);

/* Imports the rows of @source one by one with @import_row until one
 * fails or the file ends; every 256 rows read (by @report) the import
 * can be cancelled and @progress hears of each whole percent more (up to
 * 95 %: the rest is the commit's). */
gboolean bb_table_rows_import  (BbImportSource         *source,
                                const BbImportReport   *report,
                                BbTableImportRow        import_row,
                                gpointer                data,
                                GCancellable           *cancellable,
                                BbTableImportProgress   progress,
                                gpointer                progress_data,
                                GError                **error);

/* An issue of the row at @line, in the column numbered @column of
 * @columns (−1: the row as a whole), into @report. */
void     bb_table_rows_note    (BbImportReport         *report,
                                GPtrArray              *columns,
                                guint64                 line,
                                int                     column,
                                gboolean                skipped,
                                const char             *detail);

/* Whether the dates leave the order open: never once the user chose it. */
gboolean bb_table_rows_date_order_ambiguous (gboolean               chosen,
                                             const BbDateOrderVote *vote);

/* The BbTableImport functions that only read the file's state, for a
 * type (cast by @CAST) with the members store, path, encoding,
 * separator, n_rows, columns, preview_rows, mapping, vote, date_order
 * and date_order_chosen. */
#define BB_TABLE_ROWS_DEFINE_FILE_FUNCS(CAST)                                                  \
  static BbStore *get_store (BbTableImport *iface) { return CAST (iface)->store; }            \
  static const char *get_path (BbTableImport *iface) { return CAST (iface)->path; }           \
  static const char *get_encoding (BbTableImport *iface) { return CAST (iface)->encoding; }   \
  static char get_separator (BbTableImport *iface) { return CAST (iface)->separator; }        \
  static guint64 get_n_rows (BbTableImport *iface) { return CAST (iface)->n_rows; }           \
  static GPtrArray *get_columns (BbTableImport *iface) { return CAST (iface)->columns; }      \
  static GPtrArray *get_preview_rows (BbTableImport *iface) { return CAST (iface)->preview_rows; } \
  static guint                                                                                \
  get_column_target (BbTableImport *iface,                                                    \
                     guint          column)                                                   \
  {                                                                                           \
    g_return_val_if_fail (column < CAST (iface)->mapping->len, 0);                            \
    return g_array_index (CAST (iface)->mapping, guint, column);                              \
  }                                                                                           \
  static gboolean                                                                             \
  get_date_order_ambiguous (BbTableImport *iface)                                             \
  {                                                                                           \
    return bb_table_rows_date_order_ambiguous (CAST (iface)->date_order_chosen, &CAST (iface)->vote); \
  }                                                                                           \
  static BbDateOrder get_date_order (BbTableImport *iface) { return CAST (iface)->date_order; } \
  static void                                                                                 \
  set_date_order (BbTableImport *iface,                                                       \
                  BbDateOrder    order)                                                       \
  {                                                                                           \
    CAST (iface)->date_order = order;                                                         \
    CAST (iface)->date_order_chosen = order != BB_DATE_ORDER_UNKNOWN;                         \
  }

G_END_DECLS
