/* bb-conflict-row.h: one conflict in the list: the record, what was kept, what was lost, and the choice */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bb-conflict-item.h"

G_BEGIN_DECLS

#define BB_TYPE_CONFLICT_ROW (bb_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (BbConflictRow, bb_conflict_row, BB, CONFLICT_ROW, GtkWidget)

GtkWidget *bb_conflict_row_new      (void);
/* Shows @item (NULL: nothing); its buttons activate conflicts.accept and
 * conflicts.reverse with the conflict's id. */
void       bb_conflict_row_set_item (BbConflictRow  *self,
                                     BbConflictItem *item);

G_END_DECLS
