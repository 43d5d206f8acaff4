/* bb-window.h: the main window: the welcome page, the four views and the secondary pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_WINDOW (bb_window_get_type ())
G_DECLARE_FINAL_TYPE (BbWindow, bb_window, BB, WINDOW, AdwApplicationWindow)

BbWindow   *bb_window_new              (GtkApplication *application);
BbStore    *bb_window_get_store        (BbWindow       *self);
void        bb_window_set_store        (BbWindow       *self,
                                        BbStore        *store);
void        bb_window_station_changed  (BbWindow       *self);
void        bb_window_open_file        (BbWindow       *self,
                                        GFile          *file);
void        bb_window_open_demo        (BbWindow       *self,
                                        gboolean        regenerate);
gboolean    bb_window_is_busy          (BbWindow       *self);
void        bb_window_show_view        (BbWindow       *self,
                                        const char     *name);
const char *bb_window_get_visible_view (BbWindow       *self);
void        bb_window_show_error       (BbWindow       *self,
                                        const char     *heading,
                                        const GError   *error);
void        bb_window_add_toast        (BbWindow       *self,
                                        const char     *title);
/* A toast with a button or a timeout of its own; takes @toast. */
void        bb_window_add_adw_toast    (BbWindow       *self,
                                        AdwToast       *toast);
/* The filter the incidents page and the map show, one for both. */
BbFilterState *bb_window_get_filter    (BbWindow       *self);

/* Where `beatbook --demo` keeps the demo station. */
char       *bb_demo_station_path       (void);

G_END_DECLS
