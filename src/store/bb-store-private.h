/* bb-store-private.h: what the store's own files share: the connection and transactions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* The connection; only for code inside src/store, and only on the thread
 * that currently owns the store (the store's worker, or a test). */
sqlite3  *bb_store_get_db        (BbStore  *self);

/* Wall-clock time in microseconds since the epoch, UTC, as stored in
 * created_at/updated_at. */
gint64    bb_store_now_us        (void);

/* A new random UUID (RFC 4122 version 4), lower case. */
char     *bb_store_new_uuid      (void);

gboolean  bb_store_begin         (BbStore  *self,
                                  GError  **error);
gboolean  bb_store_commit        (BbStore  *self,
                                  GError  **error);
void      bb_store_rollback      (BbStore  *self);

/* Turns the connection's last error into a GError naming what was done. */
void      bb_store_set_error_from_db (BbStore    *self,
                                      GError    **error,
                                      const char *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
