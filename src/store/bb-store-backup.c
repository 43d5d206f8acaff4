/* bb-store-backup.c: automatic backups of a station, and opening one when the station is damaged */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-safe-file.h"
#include "bb-store-backup.h"
#include "bb-store-private.h"

#define STATION_SUFFIX ".beatbook"

char *
bb_store_backup_folder (const char *station_path)
{
  g_return_val_if_fail (station_path != NULL, NULL);
  return g_strconcat (station_path, "-backups", NULL);
}

/* "Ohrid" for "/x/Ohrid.beatbook": backups are "Ohrid-20250102-100000.beatbook". */
static char *
station_stem (const char *station_path)
{
  char *base = g_path_get_basename (station_path);

  if (g_str_has_suffix (base, STATION_SUFFIX) && strlen (base) > strlen (STATION_SUFFIX))
    base[strlen (base) - strlen (STATION_SUFFIX)] = '\0';
  return base;
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  int code = db != NULL ? sqlite3_extended_errcode (db) : rc;
  const char *reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((code & 0xff) == SQLITE_FULL)
    reason = _("the disk is full");
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    reason = _("the station file is damaged");
  else if ((code & 0xff) == SQLITE_NOMEM)
    reason = _("there is not enough memory");
  g_set_error (error, BB_STORE_ERROR,
               (code & 0xff) == SQLITE_CORRUPT ? BB_STORE_ERROR_CORRUPT : BB_STORE_ERROR_FAILED,
               /* Translators: what failed, then why */
               _("%s failed: %s"), what, reason);
}

/* TRUE when the file at @path is a whole station: quick_check says ok and
 * it carries Beatbook's application id. */
/* The connections of a backup pause between steps while the user waits
 * for a read, when the backup runs in the background. */
static int
backup_progress_cb (void *data)
{
  bb_store_background_step ();
  return 0;
}

static gboolean
check_copy (const char  *path,
            const char  *what,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    sqlite3_progress_handler (db, 10000, backup_progress_cb, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT (SELECT quick_check FROM pragma_quick_check),"
                                 " (SELECT application_id FROM pragma_application_id)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0
           && (guint32) sqlite3_column_int64 (stmt, 1) == BB_STORE_APPLICATION_ID;
      if (!ok)
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                     _("%s failed: %s"), what, _("the copy is not a whole station"));
    }
  else
    set_sqlite_error (error, db, rc, what);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);
  return ok;
}

/* An empty file, private to the user, that SQLite then fills: a new
 * database takes the mode of the file it finds. */
/* A copy being written and what SQLite wrote beside it (a copy that ran
 * out of room can leave its journal): nothing half written stays. */
static void
remove_partial (const char *partial)
{
  static const char * const beside[] = { "-journal", "-wal", "-shm" };

  g_unlink (partial);
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *path = g_strconcat (partial, beside[i], NULL);

      g_unlink (path);
    }
}

static gboolean
create_private_empty (const char  *path,
                      const char  *what,
                      GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, BB_SAFE_FILE_MODE);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s failed: %s"), what, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
bb_store_backup_to (BbStore     *store,
                    const char  *dest,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  display = g_filename_display_name (dest);
  /* Translators: %s is the backup's file name */
  what = g_strdup_printf (_("Backing up the station to “%s”"), display);
  {
    BB_STORE_LOCK_SCOPE (store);

    /* A damaged station's copy would push a good backup out. */
    if (store->damage != NULL)
      {
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT, _("%s failed: %s"), what, store->damage->message);
        return FALSE;
      }
  }
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS, _("%s failed: %s"), what, _("the file exists"));
      return FALSE;
    }

  partial = bb_safe_file_partial_path (dest);
  remove_partial (partial);
  if (!create_private_empty (partial, what, error))
    return FALSE;

  /* A connection of its own reads the last committed state, in WAL beside
   * the writer, without holding it up. */
  rc = sqlite3_open_v2 (bb_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      sqlite3_extended_result_codes (db, 1);
      sqlite3_progress_handler (db, 10000, backup_progress_cb, NULL);
      rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc, what);
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_close_v2 (db);
      remove_partial (partial);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);

  if (!check_copy (partial, what, error))
    {
      remove_partial (partial);
      return FALSE;
    }
  return bb_safe_file_finish (NULL, dest, TRUE, 0, error);
}

/* Listing and pruning --------------------------------------------------- */

typedef struct {
  char   *path;
  gint64  mtime_ns;
} Backup;

static void
backup_clear (Backup *backup)
{
  g_free (backup->path);
}

static int
backup_newer_first (gconstpointer a,
                    gconstpointer b)
{
  const Backup *x = a, *y = b;

  if (x->mtime_ns != y->mtime_ns)
    return x->mtime_ns > y->mtime_ns ? -1 : 1;
  return -g_strcmp0 (x->path, y->path);
}

static GArray *
list_backups (const char *station_path)
{
  g_autofree char *folder = bb_store_backup_folder (station_path);
  g_autofree char *stem = station_stem (station_path);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GArray *backups = g_array_new (FALSE, FALSE, sizeof (Backup));
  const char *name;

  g_array_set_clear_func (backups, (GDestroyNotify) backup_clear);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      struct stat st;
      Backup backup;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, STATION_SUFFIX))
        continue;
      backup.path = g_build_filename (folder, name, NULL);
      if (stat (backup.path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_free (backup.path);
          continue;
        }
      backup.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      g_array_append_val (backups, backup);
    }
  g_array_sort (backups, backup_newer_first);
  return backups;
}

GPtrArray *
bb_store_backup_list (const char *station_path)
{
  g_autoptr(GArray) backups = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (station_path != NULL, paths);

  backups = list_backups (station_path);
  for (guint i = 0; i < backups->len; i++)
    g_ptr_array_add (paths, g_strdup (g_array_index (backups, Backup, i).path));
  return paths;
}

char *
bb_store_backup_newest (const char *station_path)
{
  g_autoptr(GArray) backups = NULL;

  g_return_val_if_fail (station_path != NULL, NULL);

  backups = list_backups (station_path);
  return backups->len > 0 ? g_strdup (g_array_index (backups, Backup, 0).path) : NULL;
}

gint64
bb_store_backup_newest_time (const char *station_path)
{
  g_autoptr(GArray) backups = NULL;

  g_return_val_if_fail (station_path != NULL, 0);

  backups = list_backups (station_path);
  return backups->len > 0 ? g_array_index (backups, Backup, 0).mtime_ns / 1000 : 0;
}

gboolean
bb_store_backup_prune (const char  *station_path,
                       guint        keep,
                       GError     **error)
{
  g_autoptr(GArray) backups = NULL;

  g_return_val_if_fail (station_path != NULL, FALSE);

  if (keep == 0)
    return TRUE;
  backups = list_backups (station_path);
  for (guint i = keep; i < backups->len; i++)
    {
      const char *path = g_array_index (backups, Backup, i).path;

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not remove the old backup “%s”: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

char *
bb_store_backup_now (BbStore     *store,
                     guint        keep,
                     GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *dest = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  folder = bb_store_backup_folder (bb_store_get_path (store));
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder of backups “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  stem = station_stem (bb_store_get_path (store));
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  for (guint n = 1; dest == NULL || g_file_test (dest, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s%s", stem, stamp, STATION_SUFFIX)
                                     : g_strdup_printf ("%s-%s-%u%s", stem, stamp, n, STATION_SUFFIX);

      g_free (dest);
      dest = g_build_filename (folder, name, NULL);
    }
  if (!bb_store_backup_to (store, dest, error))
    {
      g_free (dest);
      return NULL;
    }
  /* A backup that cannot make room is still a backup; the next one prunes. */
  bb_store_backup_prune (bb_store_get_path (store), keep, NULL);
  return dest;
}

/* A backup reads the whole station and checks the whole copy: on a thread
 * of its own, with a lower priority, pausing while the user waits for a
 * read (bb_store_hold_background). */
static gpointer
backup_now_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  BbStore *store = g_task_get_source_object (task);
  GError *error = NULL;
  char *path;

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  bb_store_background_lower_priority ();
  bb_store_background_enter (store->background);
  path = bb_store_backup_now (store, GPOINTER_TO_UINT (g_task_get_task_data (task)), &error);
  bb_store_background_leave ();
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
  return NULL;
}

void
bb_store_backup_now_async (BbStore             *store,
                           guint                keep,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_backup_now_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (keep), NULL);
  g_thread_unref (g_thread_new ("bb-store-backup", backup_now_thread, g_steal_pointer (&task)));
}

char *
bb_store_backup_now_finish (BbStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Restoring ------------------------------------------------------------- */

/* Copies @from into a new private file @to with SQLite's backup API. */
static gboolean
copy_database (const char  *from,
               const char  *to,
               const char  *what,
               GError     **error)
{
  sqlite3 *src = NULL, *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (!create_private_empty (to, what, error))
    return FALSE;
  rc = sqlite3_open_v2 (from, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, src, rc, what);
      goto fail;
    }
  rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, dest, rc, what);
      goto fail;
    }
  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dest, SQLITE_ERROR, what);
      goto fail;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, NULL, rc, what);
      goto fail;
    }
  sqlite3_close_v2 (src);
  sqlite3_close_v2 (dest);
  return TRUE;

fail:
  sqlite3_close_v2 (src);
  sqlite3_close_v2 (dest);
  g_unlink (to);
  return FALSE;
}

BbStore *
bb_store_restore_backup (const char  *station_path,
                         const char  *backup_path,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *partial = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *damaged_wal = NULL;

  g_return_val_if_fail (station_path != NULL, NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);

  display = g_filename_display_name (backup_path);
  /* Translators: %s is the backup's file name */
  what = g_strdup_printf (_("Opening the backup “%s”"), display);
  if (!check_copy (backup_path, what, error))
    return NULL;

  partial = bb_safe_file_partial_path (station_path);
  remove_partial (partial);
  if (!copy_database (backup_path, partial, what, error)
      || !bb_safe_file_sync (partial, error))
    {
      remove_partial (partial);
      return NULL;
    }

  /* The damaged file is kept, under a name that says what it is. */
  wal = g_strconcat (station_path, "-wal", NULL);
  shm = g_strconcat (station_path, "-shm", NULL);
  damaged = g_strdup_printf ("%s.damaged-%s", station_path, stamp);
  damaged_wal = g_strconcat (damaged, "-wal", NULL);
  if (g_file_test (station_path, G_FILE_TEST_EXISTS) && g_rename (station_path, damaged) != 0)
    {
      int saved_errno = errno;

      remove_partial (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s failed: %s"), what, g_strerror (saved_errno));
      return NULL;
    }
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_rename (wal, damaged_wal);
  g_unlink (shm);
  if (g_rename (partial, station_path) != 0)
    {
      int saved_errno = errno;

      g_rename (damaged, station_path);
      g_rename (damaged_wal, wal);
      remove_partial (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s failed: %s"), what, g_strerror (saved_errno));
      return NULL;
    }
  return bb_store_open (station_path, error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;
  BbStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = bb_store_restore_backup (paths[0], paths[1], &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
bb_store_restore_backup_async (const char          *station_path,
                               const char          *backup_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (station_path != NULL);
  g_return_if_fail (backup_path != NULL);

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (station_path);
  paths[1] = g_strdup (backup_path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_store_restore_backup_async);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, restore_thread);
}

BbStore *
bb_store_restore_backup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
