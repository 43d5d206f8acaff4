/* bb-window-exchange.h: the window's actions for exchanging bundles: export, import, the inbox, the conflicts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-window.h"

G_BEGIN_DECLS

/* Adds win.export-bundle, win.import-bundle, win.check-inbox and
 * win.show-conflicts, enabled while a station is open, and looks for new
 * bundles in the inbox whenever a station opens. */
void bb_window_exchange_init  (BbWindow           *window);
/* Shows the import dialog for @paths. */
void bb_window_import_bundles (BbWindow           *window,
                               const char * const *paths);

G_END_DECLS
