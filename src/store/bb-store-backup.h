/* bb-store-backup.h: automatic backups of a station, and opening one when the station is damaged */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* The folder beside the station that holds its automatic backups:
 * "/x/Ohrid.beatbook" keeps them in "/x/Ohrid.beatbook-backups/". */
char      *bb_store_backup_folder     (const char  *station_path);

/* Writes a copy of the station as it is committed now to @dest (which
 * must not exist) with VACUUM INTO on a connection of its own, never a
 * copy of the live file: writers go on meanwhile.  The copy is checked
 * (quick_check), flushed to the disk, readable by the user only, and
 * appears under @dest only when whole. */
gboolean   bb_store_backup_to         (BbStore     *store,
                                       const char  *dest,
                                       GError     **error);

/* An automatic backup: a new file in bb_store_backup_folder() named for
 * the time, then the oldest removed so that @keep remain (0 keeps all).
 * Returns the new backup's path. */
char      *bb_store_backup_now        (BbStore     *store,
                                       guint        keep,
                                       GError     **error);
void       bb_store_backup_now_async  (BbStore             *store,
                                       guint                keep,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char      *bb_store_backup_now_finish (BbStore             *store,
                                       GAsyncResult        *result,
                                       GError             **error);

/* The automatic backups of the station at @station_path, newest first
 * (paths); empty when there are none. */
GPtrArray *bb_store_backup_list       (const char  *station_path);
/* The newest, or NULL. */
char      *bb_store_backup_newest     (const char  *station_path);
/* Removes the oldest automatic backups so that @keep remain. */
gboolean   bb_store_backup_prune      (const char  *station_path,
                                       guint        keep,
                                       GError     **error);
/* When the newest automatic backup was written (microseconds since the
 * epoch), 0 when there is none. */
gint64     bb_store_backup_newest_time (const char *station_path);

/* Puts the backup at @backup_path in the place of the damaged station at
 * @station_path and opens it.  The damaged file is not deleted: it (and
 * its -wal) is renamed to "STATION.damaged-TIME" beside it, for whoever
 * can rescue what the backup lacks.  The backup itself stays as it is. */
BbStore   *bb_store_restore_backup    (const char  *station_path,
                                       const char  *backup_path,
                                       GError     **error);
void       bb_store_restore_backup_async  (const char          *station_path,
                                           const char          *backup_path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
BbStore   *bb_store_restore_backup_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
