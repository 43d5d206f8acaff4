/* bb-window.h: the main window: the welcome page, the four views and the secondary pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"
#include "bb-backup-schedule.h"
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
/* bb-window-recovery.c: tells that the station at @station_path is
 * damaged (@error says how) and offers to open its newest automatic
 * backup in its place. */
void        bb_window_offer_backup     (BbWindow       *self,
                                        const char     *station_path,
                                        const GError   *error);
/* bb-window-recovery.c: shows @store, opened from a file, in the window;
 * a station with a passphrase is shown once its passphrase is given. */
void        bb_window_open_store       (BbWindow       *self,
                                        BbStore        *store);
/* bb-window-recovery.c: tells, in a toast that stays until dismissed,
 * when the check after @store opened finds its audit log changed
 * outside Beatbook. */
void        bb_window_watch_audit_log  (BbWindow       *self,
                                        BbStore        *store);
/* The schedule of the window's automatic backups, bound to @settings,
 * telling failures (and backups asked for) in toasts. */
BbBackupSchedule *bb_window_backup_schedule_new (BbWindow  *self,
                                                 GSettings *settings);
/* The schedule of the open station's automatic backups. */
BbBackupSchedule *bb_window_get_backup_schedule (BbWindow *self);
/* A toast with a button or a timeout of its own; takes @toast. */
void        bb_window_add_adw_toast    (BbWindow       *self,
                                        AdwToast       *toast);
/* The filter the incidents page and the map show, one for both. */
BbFilterState *bb_window_get_filter    (BbWindow       *self);

/* Where `beatbook --demo` keeps the demo station. */
char       *bb_demo_station_path       (void);

G_END_DECLS
