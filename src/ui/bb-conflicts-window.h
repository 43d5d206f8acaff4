/* bb-conflicts-window.h: the changes that lost to another station's, to review and take back */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_CONFLICTS_WINDOW (bb_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (BbConflictsWindow, bb_conflicts_window, BB, CONFLICTS_WINDOW, AdwWindow)

BbConflictsWindow *bb_conflicts_window_new       (GtkWindow         *parent,
                                                  BbStore           *store);
/* Reads the list again. */
void               bb_conflicts_window_reload    (BbConflictsWindow *self);
/* How many conflicts the list shows. */
guint              bb_conflicts_window_get_count (BbConflictsWindow *self);

G_END_DECLS
