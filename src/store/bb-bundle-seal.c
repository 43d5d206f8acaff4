/* bb-bundle-seal.c: bundles encrypted with their station's passphrase (libsodium) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "bb-bundle-private.h"
#include "bb-safe-file.h"

/* A sealed bundle is a whole bundle file, encrypted:
 *
 *   16 bytes   "BEATBOOK-SEALED\n"
 *    4 bytes   the sealing format, 1 (big endian)
 *   16 bytes   the salt of the key
 *    8 bytes   Argon2id's operations limit (big endian)
 *    8 bytes   Argon2id's memory limit in bytes (big endian)
 *   32 bytes   BLAKE2b of the second half of the derived bytes: tells a
 *              wrong passphrase from a damaged file
 *   24 bytes   the header of the XChaCha20-Poly1305 secret stream
 *   then       chunks of 64 KiB of the bundle, each 17 bytes longer
 *              once encrypted, the last one shorter and tagged FINAL
 *
 * crypto_pwhash (Argon2id) turns the passphrase and the salt into 64
 * bytes: the first 32 are the stream's key.  Every chunk authenticates
 * the 108 bytes before the stream as well, so no byte of the file can be
 * changed, and a file cut at a chunk's end lacks the FINAL tag. */

static const guint8 sealed_magic[16] = "BEATBOOK-SEALED\n";

#define SEAL_FORMAT   1
#define CHUNK         65536
#define FRONT_LENGTH  (16 + 4 + crypto_pwhash_SALTBYTES + 8 + 8 + 32)
#define STREAM_HEADER crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SEALED_CHUNK  (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES)

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);

static void
put_be64 (guint8  *p,
          guint64  v)
{
  for (int i = 7; i >= 0; i--)
    {
      p[i] = (guint8) v;
      v >>= 8;
    }
}

static guint64
get_be64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 0; i < 8; i++)
    v = (v << 8) | p[i];
  return v;
}

gboolean
bb_bundle_is_sealed (const char *path)
{
  guint8 magic[sizeof sealed_magic];
  FILE *file = g_fopen (path, "rb");
  gboolean sealed;

  if (file == NULL)
    return FALSE;
  sealed = fread (magic, 1, sizeof magic, file) == sizeof magic && memcmp (magic, sealed_magic, sizeof magic) == 0;
  fclose (file);
  return sealed;
}

/* The key (32 bytes) and the check (32 bytes) of @passphrase and @salt. */
static gboolean
derive (const char   *passphrase,
        const guint8 *salt,
        guint64       opslimit,
        guint64       memlimit,
        guint8        key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
        guint8        check[32])
{
  guint8 derived[64];

  if (!bb_store_kdf (passphrase, salt, opslimit, memlimit, derived, sizeof derived))
    return FALSE;
  memcpy (key, derived, 32);
  crypto_generichash (check, 32, derived + 32, 32, NULL, 0);
  sodium_memzero (derived, sizeof derived);
  return TRUE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
bb_bundle_seal (const char  *plain_path,
                const char  *sealed_path,
                const char  *passphrase,
                GError     **error)
{
  g_autofree char *part = g_strconcat (sealed_path, ".part", NULL);
  g_autofree char *display = g_filename_display_name (sealed_path);
  g_autofree guint8 *plain = g_malloc (CHUNK);
  g_autofree guint8 *sealed = g_malloc (SEALED_CHUNK);
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 front[FRONT_LENGTH + STREAM_HEADER];
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 *salt = front + 20;
  FILE *in = NULL;
  int fd = -1, saved_errno = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (passphrase != NULL && *passphrase != '\0', FALSE);

  if (sodium_init () < 0)
    goto out;
  memcpy (front, sealed_magic, sizeof sealed_magic);
  front[16] = front[17] = front[18] = 0;
  front[19] = SEAL_FORMAT;
  randombytes_buf (salt, crypto_pwhash_SALTBYTES);
  put_be64 (front + 36, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  put_be64 (front + 44, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  if (!derive (passphrase, salt, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE, key,
               front + 52))
    goto out;
  crypto_secretstream_xchacha20poly1305_init_push (&state, front + FRONT_LENGTH, key);
  sodium_memzero (key, sizeof key);

  in = g_fopen (plain_path, "rb");
  fd = g_open (part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, BB_SAFE_FILE_MODE);
  if (in == NULL || fd < 0 || !write_all (fd, front, sizeof front))
    {
      saved_errno = errno;
      goto out;
    }
  for (;;)
    {
      size_t n = fread (plain, 1, CHUNK, in);
      gboolean last = n < CHUNK;
      unsigned long long sealed_length;

      if (ferror (in))
        {
          saved_errno = errno;
          goto out;
        }
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_length, plain, n, front, FRONT_LENGTH,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      if (!write_all (fd, sealed, (gsize) sealed_length))
        {
          saved_errno = errno;
          goto out;
        }
      if (last)
        break;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved_errno = errno;
      fd = -1;
      goto out;
    }
  fd = -1;
  if (g_rename (part, sealed_path) != 0)
    {
      saved_errno = errno;
      goto out;
    }
  ok = TRUE;

out:
  sodium_memzero (plain, CHUNK);
  if (in != NULL)
    fclose (in);
  if (fd >= 0)
    close (fd);
  if (!ok)
    {
      g_unlink (part);
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                   _("The bundle “%s” could not be encrypted: %s"), display,
                   saved_errno != 0 ? g_strerror (saved_errno) : _("the encryption library failed"));
    }
  return ok;
}

#define UNSEALED_PREFIX "beatbook-bundle-"

/* A Beatbook killed while it applied an encrypted bundle leaves the
 * decrypted copy in its private folder, named after the process: the
 * folders of processes gone are removed before a bundle is decrypted
 * again. */
static void
remove_orphaned_copies (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = NULL;
      g_autoptr(GDir) inside = NULL;
      const char *file;
      char *end;
      guint64 pid;

      if (!g_str_has_prefix (name, UNSEALED_PREFIX))
        continue;
      pid = g_ascii_strtoull (name + strlen (UNSEALED_PREFIX), &end, 10);
      if (pid == 0 || pid > G_MAXINT || *end != '-' || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      folder = g_build_filename (tmp, name, NULL);
      inside = g_dir_open (folder, 0, NULL);
      while (inside != NULL && (file = g_dir_read_name (inside)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, file, NULL);

          g_unlink (path);
        }
      g_rmdir (folder);
    }
}

char *
bb_bundle_unseal (const char  *sealed_path,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (sealed_path);
  g_autofree char *dir = NULL;
  g_autofree char *basename = g_path_get_basename (sealed_path);
  g_autofree char *plain_path = NULL;
  g_autofree guint8 *sealed = g_malloc (SEALED_CHUNK);
  g_autofree guint8 *plain = g_malloc (CHUNK);
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 front[FRONT_LENGTH + STREAM_HEADER];
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 check[32];
  guint64 opslimit, memlimit;
  gboolean finished = FALSE;
  FILE *in = NULL;
  int fd = -1;

  g_return_val_if_fail (passphrase != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                   _("The bundle “%s” could not be read: the encryption library failed"), display);
      return NULL;
    }
  in = g_fopen (sealed_path, "rb");
  if (in == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                   _("The bundle “%s” could not be read: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if (fread (front, 1, sizeof front, in) != sizeof front || memcmp (front, sealed_magic, sizeof sealed_magic) != 0)
    {
      fclose (in);
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TRUNCATED,
                   _("The encrypted bundle “%s” is cut short; it cannot be imported. Nothing was changed."), display);
      return NULL;
    }
  opslimit = get_be64 (front + 36);
  memlimit = get_be64 (front + 44);
  /* Limits come from the file: a file asking for more than Beatbook ever
   * writes would only make the laptop swap. */
  if (front[16] != 0 || front[17] != 0 || front[18] != 0 || front[19] != SEAL_FORMAT
      || opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MODERATE
      || memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MODERATE)
    {
      fclose (in);
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                   _("The encrypted bundle “%s” was written by a newer version of Beatbook, or damaged; it "
                     "cannot be imported. Nothing was changed."), display);
      return NULL;
    }
  if (!derive (passphrase, front + 20, opslimit, memlimit, key, check))
    {
      fclose (in);
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                   _("The bundle “%s” could not be read: the encryption library failed"), display);
      return NULL;
    }
  if (sodium_memcmp (check, front + 52, 32) != 0)
    {
      sodium_memzero (key, sizeof key);
      fclose (in);
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_WRONG_PASSPHRASE,
                   _("The passphrase does not open the bundle “%s”. Check it with the station that wrote the "
                     "bundle; nothing was changed."), display);
      return NULL;
    }
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, front + FRONT_LENGTH, key) != 0)
    goto damaged;
  sodium_memzero (key, sizeof key);

  remove_orphaned_copies ();
  {
    g_autofree char *template = g_strdup_printf (UNSEALED_PREFIX "%d-XXXXXX", (int) getpid ());

    dir = g_dir_make_tmp (template, error);
  }
  if (dir == NULL)
    {
      fclose (in);
      return NULL;
    }
  plain_path = g_build_filename (dir, basename, NULL);
  fd = g_open (plain_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, BB_SAFE_FILE_MODE);
  if (fd < 0)
    goto damaged;
  while (!finished)
    {
      size_t n = fread (sealed, 1, SEALED_CHUNK, in);
      unsigned long long plain_length;
      unsigned char tag;

      if (n == 0 || crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag, sealed, n,
                                                                 front, FRONT_LENGTH) != 0)
        goto damaged;
      finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      if ((!finished && n != SEALED_CHUNK) || !write_all (fd, plain, (gsize) plain_length))
        goto damaged;
    }
  /* Nothing may follow the last chunk. */
  if (fread (sealed, 1, 1, in) != 0 || close (fd) != 0)
    {
      fd = -1;
      goto damaged;
    }
  fclose (in);
  sodium_memzero (plain, CHUNK);
  return g_steal_pointer (&plain_path);

damaged:
  sodium_memzero (key, sizeof key);
  sodium_memzero (plain, CHUNK);
  fclose (in);
  if (fd >= 0)
    close (fd);
  if (plain_path != NULL)
    g_unlink (plain_path);
  if (dir != NULL)
    g_rmdir (dir);
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
               _("The encrypted bundle “%s” was changed or cut short after it was written; it cannot be "
                 "imported. Nothing was changed."), display);
  return NULL;
}

void
bb_bundle_unsealed_remove (const char *plain_path)
{
  g_autofree char *dir = NULL;

  if (plain_path == NULL)
    return;
  dir = g_path_get_dirname (plain_path);
  g_unlink (plain_path);
  g_rmdir (dir);
}
