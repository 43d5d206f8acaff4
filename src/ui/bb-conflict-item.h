/* bb-conflict-item.h: one conflict of the exchange, as an item of the conflicts list */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bb-sync.h"

G_BEGIN_DECLS

#define BB_TYPE_CONFLICT_ITEM (bb_conflict_item_get_type ())
G_DECLARE_FINAL_TYPE (BbConflictItem, bb_conflict_item, BB, CONFLICT_ITEM, GObject)

/* Takes @conflict. */
BbConflictItem       *bb_conflict_item_new          (BbSyncConflict *conflict);
const BbSyncConflict *bb_conflict_item_get_conflict (BbConflictItem *self);

G_END_DECLS
