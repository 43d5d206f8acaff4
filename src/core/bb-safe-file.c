/* bb-safe-file.c: files written beside their name, private to the user, and renamed into place when whole */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-safe-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-safe-file.h"

static void
set_file_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then why (e.g. “No space left on device”) */
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

FILE *
bb_safe_file_create (const char  *path,
                     GError     **error)
{
  FILE *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, BB_SAFE_FILE_MODE);
  if (fd < 0)
    {
      set_file_error (error, path, errno);
      return NULL;
    }
  /* An existing file keeps its mode through O_CREAT; make it private. */
  if (fchmod (fd, BB_SAFE_FILE_MODE) != 0 || (file = fdopen (fd, "wb")) == NULL)
    {
      int saved_errno = errno;

      close (fd);
      set_file_error (error, path, saved_errno);
      return NULL;
    }
  return file;
}

char *
bb_safe_file_partial_path (const char *path)
{
  return g_strconcat (path, ".part", NULL);
}

/* The folder's entry of the renamed file reaches the disk too. */
static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
bb_safe_file_sync (const char  *path,
                   GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0 && close (fd) == 0)
    return TRUE;
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  set_file_error (error, path, saved_errno);
  return FALSE;
}

gboolean
bb_safe_file_finish (FILE        *file,
                     const char  *path,
                     gboolean     ok,
                     int          saved_errno,
                     GError     **error)
{
  g_autofree char *partial = bb_safe_file_partial_path (path);

  g_return_val_if_fail (path != NULL, FALSE);

  if (file != NULL)
    {
      if (ok && (fflush (file) != 0 || fsync (fileno (file)) != 0))
        {
          saved_errno = errno;
          ok = FALSE;
        }
      if (fclose (file) != 0 && ok)
        {
          saved_errno = errno;
          ok = FALSE;
        }
    }
  else if (ok && !bb_safe_file_sync (partial, NULL))
    {
      saved_errno = errno;
      ok = FALSE;
    }
  if (ok && g_rename (partial, path) != 0)
    {
      saved_errno = errno;
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (partial);
      if (saved_errno != 0 && (error == NULL || *error == NULL))
        set_file_error (error, path, saved_errno);
      else if (error != NULL && *error == NULL)
        set_file_error (error, path, EIO);
      return FALSE;
    }
  sync_folder (path);
  return TRUE;
}

gboolean
bb_safe_file_set_contents (const char  *path,
                           const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autofree char *partial = bb_safe_file_partial_path (path);
  FILE *file;
  gboolean ok;

  if (length < 0)
    length = (gssize) strlen (data);
  file = bb_safe_file_create (partial, error);
  if (file == NULL)
    return FALSE;
  ok = fwrite (data, 1, (gsize) length, file) == (gsize) length;
  return bb_safe_file_finish (file, path, ok, ok ? 0 : errno, error);
}
