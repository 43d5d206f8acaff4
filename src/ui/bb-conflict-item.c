/* bb-conflict-item.c: one conflict of the exchange, as an item of the conflicts list */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-conflict-item"

#include "config.h"

#include "bb-conflict-item.h"

struct _BbConflictItem
{
  GObject         parent_instance;

  BbSyncConflict *conflict;
};

G_DEFINE_FINAL_TYPE (BbConflictItem, bb_conflict_item, G_TYPE_OBJECT)

static void
bb_conflict_item_finalize (GObject *object)
{
  BbConflictItem *self = BB_CONFLICT_ITEM (object);

  g_clear_pointer (&self->conflict, bb_sync_conflict_free);

  G_OBJECT_CLASS (bb_conflict_item_parent_class)->finalize (object);
}

static void
bb_conflict_item_class_init (BbConflictItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_conflict_item_finalize;
}

static void
bb_conflict_item_init (BbConflictItem *self)
{
}

BbConflictItem *
bb_conflict_item_new (BbSyncConflict *conflict)
{
  BbConflictItem *self;

  g_return_val_if_fail (conflict != NULL, NULL);

  self = g_object_new (BB_TYPE_CONFLICT_ITEM, NULL);
  self->conflict = conflict;
  return self;
}

const BbSyncConflict *
bb_conflict_item_get_conflict (BbConflictItem *self)
{
  g_return_val_if_fail (BB_IS_CONFLICT_ITEM (self), NULL);
  return self->conflict;
}
