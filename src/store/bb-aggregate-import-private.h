/* bb-aggregate-import-private.h: what the published tables' import shares between its files */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-aggregate-import.h"

G_BEGIN_DECLS

struct _BbAggregateImport
{
  GObject         parent_instance;

  BbStore        *store;
  char           *path;
  char           *display_name;
  char           *source_name;
  GPtrArray      *targets;        /* char *, labels */

  gboolean        previewed;
  char           *encoding;
  char            separator;
  GPtrArray      *columns;
  GArray         *mapping;        /* BbAggregateColumn by column */
  GPtrArray      *preview_rows;
  guint64         n_rows;
  gboolean        percent;
  BbDateOrderVote vote;
  BbDateOrder     date_order;
  gboolean        date_order_chosen;
};

/* bb-aggregate-import.c */
int             bb_aggregate_import_find_column     (BbAggregateImport *self,
                                                     BbAggregateColumn  kind);
const char     *bb_aggregate_import_target_label    (BbAggregateColumn  column);
gboolean        bb_aggregate_import_read_proportion (const char        *text,
                                                     double            *value,
                                                     gboolean          *percent_sign);
gboolean        bb_aggregate_import_read_period     (const char        *text,
                                                     BbDateOrder        order,
                                                     char               out[11],
                                                     gboolean          *ambiguous);
gboolean        bb_aggregate_import_preview         (BbTableImport     *iface,
                                                     guint              n_rows,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* bb-aggregate-import-run.c */
BbImportReport *bb_aggregate_import_run             (BbTableImport         *iface,
                                                     gboolean               dry_run,
                                                     GCancellable          *cancellable,
                                                     BbTableImportProgress  progress,
                                                     gpointer               progress_data,
                                                     GError               **error);

G_END_DECLS
