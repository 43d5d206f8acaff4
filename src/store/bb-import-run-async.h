/* bb-import-run-async.h: an import's preview on a thread, and its run on the store's worker (store-internal) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-import.h"

G_BEGIN_DECLS

/* A blocking import's preview: bb_import_preview, bb_table_import_preview. */
typedef gboolean (*BbImportPreviewFunc) (gpointer       source,
                                         guint          n_rows,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Runs @preview on @source in a thread of its own; the task is tagged
 * with @source_tag. */
void     bb_import_preview_in_thread_async  (GObject             *source,
                                             BbImportPreviewFunc  preview,
                                             guint                n_rows,
                                             gpointer             source_tag,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean bb_import_preview_in_thread_finish (GObject             *source,
                                             GAsyncResult        *result,
                                             GError             **error);

/* A blocking import's run: bb_import_run, bb_table_import_run. */
typedef BbImportReport *(*BbImportRunFunc) (gpointer               source,
                                            gboolean               dry_run,
                                            GCancellable          *cancellable,
                                            BbImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            GError               **error);

/* Runs @run on @source in the store's writer, after the writes queued
 * before; @progress is called in the caller's thread-default main
 * context.  The report comes from bb_store_run_finish. */
void bb_import_run_in_store_async (BbStore              *store,
                                   GObject              *source,
                                   BbImportRunFunc       run,
                                   gboolean              dry_run,
                                   GCancellable         *cancellable,
                                   BbImportProgressFunc  progress,
                                   gpointer              progress_data,
                                   GDestroyNotify        progress_data_destroy,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);

G_END_DECLS
