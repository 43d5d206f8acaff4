/* bb-table-rows.c: what the survey and published-figure imports share: reading a table's rows for the preview and for the import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-table-import"

#include "config.h"

#include <string.h>

#include "bb-table-rows.h"

gboolean
bb_table_rows_preview (BbImportSource   *source,
                       guint             n_columns,
                       guint             n_rows,
                       int               date_column,
                       BbDateOrderVote  *vote,
                       GPtrArray       **preview_rows,
                       guint64          *n_read,
                       BbTableRowFunc    row,
                       gpointer          data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  guint64 rows = 0;

  g_clear_pointer (preview_rows, g_ptr_array_unref);
  *preview_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  memset (vote, 0, sizeof *vote);
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (!bb_import_source_next (source, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      rows++;
      if ((rows & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((*preview_rows)->len < n_rows)
        {
          char **cells = g_new0 (char *, n_columns + 1);

          for (guint i = 0; i < n_columns; i++)
            cells[i] = g_strdup (bb_import_source_get (source, i));
          g_ptr_array_add (*preview_rows, cells);
        }
      if (date_column >= 0)
        bb_date_order_vote_add (vote, bb_import_source_get (source, date_column));
      if (row != NULL)
        row (source, data);
    }
  *n_read = rows;
  return TRUE;
}

gboolean
bb_table_rows_import (BbImportSource         *source,
                      const BbImportReport   *report,
                      BbTableImportRow        import_row,
                      gpointer                data,
                      GCancellable           *cancellable,
                      BbTableImportProgress   progress,
                      gpointer                progress_data,
                      GError                **error)
{
  double last_fraction = 0;

  for (;;)
    {
      GError *local_error = NULL;

      if (!bb_import_source_next (source, &local_error))
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (!import_row (data, error))
        return FALSE;
      if ((report->rows_read & 255) == 0)
        {
          double fraction = bb_import_source_get_fraction (source);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL && fraction - last_fraction >= 0.01)
            {
              last_fraction = fraction;
              progress (fraction * 0.95, progress_data);
            }
        }
    }
}

void
bb_table_rows_note (BbImportReport *report,
                    GPtrArray      *columns,
                    guint64         line,
                    int             column,
                    gboolean        skipped,
                    const char     *detail)
{
  bb_import_report_add_line_issue (report, line, column >= 0 ? g_ptr_array_index (columns, column) : NULL,
                                   skipped, detail);
}

gboolean
bb_table_rows_date_order_ambiguous (gboolean               chosen,
                                    const BbDateOrderVote *vote)
{
  gboolean ambiguous = FALSE;

  if (chosen)
    return FALSE;
  bb_date_order_vote_decide (vote, &ambiguous);
  return ambiguous;
}
