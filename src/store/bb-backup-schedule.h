/* bb-backup-schedule.h: backs up the open station on a schedule and keeps a number of backups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_BACKUP_SCHEDULE (bb_backup_schedule_get_type ())
G_DECLARE_FINAL_TYPE (BbBackupSchedule, bb_backup_schedule, BB, BACKUP_SCHEDULE, GObject)

/* Backs up #BbBackupSchedule:store every #BbBackupSchedule:interval
 * seconds (0: never), counted from its newest automatic backup, so a
 * station that was closed longer than that is backed up as it opens;
 * keeps the newest #BbBackupSchedule:keep backups.  The demo station,
 * written afresh at will, is not backed up.  Backups run on a thread;
 * ::backed-up (the path, and TRUE for a backup asked for with
 * bb_backup_schedule_run_now) or ::failed (a GError) tell how one went. */
BbBackupSchedule *bb_backup_schedule_new          (void);
void              bb_backup_schedule_set_store    (BbBackupSchedule *self,
                                                   BbStore          *store);
BbStore          *bb_backup_schedule_get_store    (BbBackupSchedule *self);
void              bb_backup_schedule_set_interval (BbBackupSchedule *self,
                                                   guint             seconds);
guint             bb_backup_schedule_get_interval (BbBackupSchedule *self);
void              bb_backup_schedule_set_keep     (BbBackupSchedule *self,
                                                   guint             keep);
guint             bb_backup_schedule_get_keep     (BbBackupSchedule *self);
/* Backs up now, whatever the schedule says (e.g. "Back Up Now"). */
void              bb_backup_schedule_run_now      (BbBackupSchedule *self);
gboolean          bb_backup_schedule_is_running   (BbBackupSchedule *self);

G_END_DECLS
