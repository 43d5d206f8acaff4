/* bb-store-bulk.h: what a write of a great many rows asks of the connection (store-internal) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"

G_BEGIN_DECLS

/* Before the transaction of a write of a great many rows: the station
 * takes its rollback journal instead of the write-ahead log, when no
 * other connection has it open.  TRUE when it did; the store's lock is
 * then held until bb_store_bulk_journal_leave, called after the commit
 * or rollback. */
gboolean bb_store_bulk_journal_enter (BbStore *store);
void     bb_store_bulk_journal_leave (BbStore *store);

G_END_DECLS
