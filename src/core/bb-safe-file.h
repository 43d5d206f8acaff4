/* bb-safe-file.h: files written beside their name, private to the user, and renamed into place when whole */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* Station files, backups and exports hold data about victims and minors:
 * every file Beatbook writes is created readable by its user only. */
#define BB_SAFE_FILE_MODE 0600

/* Creates @path (or empties it) readable and writable by the user only
 * and opens it for writing; NULL with @error naming the file. */
FILE     *bb_safe_file_create      (const char  *path,
                                    GError     **error);

/* The name a file is written under until it is whole: @path + ".part". */
char     *bb_safe_file_partial_path (const char *path);

/* Ends a file written to bb_safe_file_partial_path (@path): on @ok its
 * data reaches the disk (fsync) and it is renamed over @path, so that a
 * crash or a full disk never leaves half a file under the real name;
 * otherwise, or when that fails, the partial file is removed and @path
 * is left as it was.  @file (may be NULL when another library wrote the
 * partial file) is closed either way.  @saved_errno, when not 0, is why
 * the writer failed. */
gboolean  bb_safe_file_finish      (FILE        *file,
                                    const char  *path,
                                    gboolean     ok,
                                    int          saved_errno,
                                    GError     **error);

/* Writes @length bytes as the whole of @path, the same way. */
gboolean  bb_safe_file_set_contents (const char  *path,
                                     const char  *data,
                                     gssize       length,
                                     GError     **error);

/* Flushes a file another library wrote (e.g. SQLite) to the disk. */
gboolean  bb_safe_file_sync        (const char  *path,
                                    GError     **error);

G_END_DECLS
