/* bb-bundle-io.c: writing and reading bundle files: compression, checksums, and the checks that refuse a bad file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-bundle-private.h"

/* See bb-bundle-file.c for the layout. */
static const char bundle_magic[16] = "BEATBOOK-BUNDLE\n";
#define PREAMBLE_LENGTH   24
#define TRAILER_LENGTH    32
#define MAX_HEADER_LENGTH (16 * 1024 * 1024)
#define BUFFER_SIZE       (256 * 1024)
#define COMPRESSION_LEVEL 1   /* a million incidents in a third of the room, at little cost */

/* Writing -------------------------------------------------------------- */

/* The changes are packed and written on a thread of its own, a few
 * chunks behind the export that reads them from the station: packing
 * costs about as much as reading, and the two together take one core's
 * time on two. */
#define SINK_CHUNK_SIZE (256 * 1024)
#define SINK_N_CHUNKS   4

typedef struct {
  gsize     length;
  gboolean  last;          /* nothing follows: finish the stream */
  guint8    data[SINK_CHUNK_SIZE];
} SinkChunk;

struct _BbBundleSink
{
  /* The thread's from bb_bundle_sink_new until bb_bundle_sink_close (or
   * free) has joined it. */
  GOutputStream *out;
  GConverter    *zlib;
  GChecksum     *sha;
  guint8        *buffer;
  guint64        payload_length;
  GError        *error;
  /* shared */
  GThread       *thread;
  GAsyncQueue   *empty;         /* chunks to fill */
  GAsyncQueue   *full;          /* chunks filled, in order */
  gint           failed;        /* the thread met an error: stop sending */
  /* the export's */
  SinkChunk     *current;
  guint64        content_length;
};

static gboolean
sink_convert (BbBundleSink     *sink,
              const guint8     *data,
              gsize             n,
              GConverterFlags   flags)
{
  for (;;)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult r;

      r = g_converter_convert (sink->zlib, data, n, sink->buffer, BUFFER_SIZE, flags,
                               &bytes_read, &bytes_written, &sink->error);
      if (r == G_CONVERTER_ERROR)
        return FALSE;
      if (bytes_written > 0)
        {
          if (!g_output_stream_write_all (sink->out, sink->buffer, bytes_written, NULL, NULL, &sink->error))
            return FALSE;
          g_checksum_update (sink->sha, sink->buffer, bytes_written);
          sink->payload_length += bytes_written;
        }
      data += bytes_read;
      n -= bytes_read;
      if (r == G_CONVERTER_FINISHED)
        return TRUE;
      if (n == 0 && flags == G_CONVERTER_NO_FLAGS)
        return TRUE;
    }
}

static gpointer
pack_thread (gpointer data)
{
  BbBundleSink *sink = data;
  gboolean last = FALSE;

  while (!last)
    {
      SinkChunk *chunk = g_async_queue_pop (sink->full);

      last = chunk->last;
      if (sink->error == NULL
          && (!sink_convert (sink, chunk->data, chunk->length, G_CONVERTER_NO_FLAGS)
              || (last && (!sink_convert (sink, NULL, 0, G_CONVERTER_INPUT_AT_END)
                           || !g_output_stream_close (sink->out, NULL, &sink->error)))))
        g_atomic_int_set (&sink->failed, 1);
      g_async_queue_push (sink->empty, chunk);
    }
  return NULL;
}

BbBundleSink *
bb_bundle_sink_new (const char  *payload_path,
                    GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (payload_path);
  GFileOutputStream *out;
  BbBundleSink *sink;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return NULL;
  sink = g_new0 (BbBundleSink, 1);
  sink->out = G_OUTPUT_STREAM (out);
  sink->zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, COMPRESSION_LEVEL));
  sink->sha = g_checksum_new (G_CHECKSUM_SHA256);
  sink->buffer = g_malloc (BUFFER_SIZE);
  sink->empty = g_async_queue_new_full (g_free);
  sink->full = g_async_queue_new_full (g_free);
  for (guint i = 0; i < SINK_N_CHUNKS; i++)
    g_async_queue_push (sink->empty, g_new (SinkChunk, 1));
  sink->thread = g_thread_new ("bb-bundle-pack", pack_thread, sink);
  return sink;
}

/* Hands the chunk being filled to the thread, the last one when @last. */
static void
sink_send (BbBundleSink *sink,
           gboolean      last)
{
  if (sink->current == NULL)
    {
      sink->current = g_async_queue_pop (sink->empty);
      sink->current->length = 0;
    }
  sink->current->last = last;
  g_async_queue_push (sink->full, g_steal_pointer (&sink->current));
}

/* Waits for the thread to finish what it was sent. */
static void
sink_join (BbBundleSink *sink)
{
  if (sink->thread == NULL)
    return;
  sink_send (sink, TRUE);
  g_thread_join (g_steal_pointer (&sink->thread));
}

void
bb_bundle_sink_free (BbBundleSink *sink)
{
  if (sink == NULL)
    return;
  sink_join (sink);
  g_clear_pointer (&sink->current, g_free);
  g_clear_pointer (&sink->empty, g_async_queue_unref);
  g_clear_pointer (&sink->full, g_async_queue_unref);
  g_clear_object (&sink->out);
  g_clear_object (&sink->zlib);
  g_checksum_free (sink->sha);
  g_free (sink->buffer);
  g_clear_error (&sink->error);
  g_free (sink);
}

int
bb_bundle_sink_write_cb (void       *data,
                         const void *bytes,
                         int         n)
{
  BbBundleSink *sink = data;
  const guint8 *from = bytes;
  gsize left = (gsize) MAX (n, 0);

  sink->content_length += left;
  while (left > 0)
    {
      gsize take;

      if (g_atomic_int_get (&sink->failed) || sink->thread == NULL)
        return SQLITE_IOERR;
      if (sink->current == NULL)
        {
          sink->current = g_async_queue_pop (sink->empty);
          sink->current->length = 0;
        }
      take = MIN (left, SINK_CHUNK_SIZE - sink->current->length);
      memcpy (sink->current->data + sink->current->length, from, take);
      sink->current->length += take;
      from += take;
      left -= take;
      if (sink->current->length == SINK_CHUNK_SIZE)
        sink_send (sink, FALSE);
    }
  return g_atomic_int_get (&sink->failed) ? SQLITE_IOERR : SQLITE_OK;
}

/* The thread's error, once it has ended. */
static gboolean
sink_failed (BbBundleSink  *sink,
             GError       **error)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED, _("Writing the bundle’s changes failed: %s"),
               sink->error != NULL ? sink->error->message : g_strerror (EIO));
  return FALSE;
}

gboolean
bb_bundle_sink_write (BbBundleSink  *sink,
                      const void    *bytes,
                      gsize          n,
                      GError       **error)
{
  g_return_val_if_fail (n <= G_MAXINT, FALSE);

  if (bb_bundle_sink_write_cb (sink, bytes, (int) n) == SQLITE_OK)
    return TRUE;
  sink_join (sink);
  return sink_failed (sink, error);
}

gboolean
bb_bundle_sink_close (BbBundleSink    *sink,
                      BbBundleHeader  *header,
                      GError         **error)
{
  sink_join (sink);
  if (sink->error != NULL)
    return sink_failed (sink, error);
  header->payload_length = sink->payload_length;
  header->content_length = sink->content_length;
  g_free (header->payload_sha256);
  header->payload_sha256 = g_strdup (g_checksum_get_string (sink->sha));
  return TRUE;
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

gboolean
bb_bundle_file_write (const char    *path,
                      const char    *header_json,
                      const char    *payload_path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GFile) part_file = g_file_new_for_path (part);
  g_autoptr(GFile) payload_file = g_file_new_for_path (payload_path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (BUFFER_SIZE);
  guint8 preamble[PREAMBLE_LENGTH];
  guint8 digest[TRAILER_LENGTH];
  gsize header_length = strlen (header_json), digest_length = sizeof digest;

  memcpy (preamble, bundle_magic, sizeof bundle_magic);
  put_be32 (preamble + 16, BB_BUNDLE_FORMAT);
  put_be32 (preamble + 20, (guint32) header_length);

  /* Bundles carry personal data: only their user may read them. */
  out = g_file_replace (part_file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                        cancellable, &local_error);
  if (out == NULL)
    goto fail;
  in = g_file_read (payload_file, cancellable, &local_error);
  if (in == NULL)
    goto fail;
  g_checksum_update (sha, preamble, sizeof preamble);
  g_checksum_update (sha, (const guchar *) header_json, header_length);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), preamble, sizeof preamble, NULL, cancellable, &local_error)
      || !g_output_stream_write_all (G_OUTPUT_STREAM (out), header_json, header_length, NULL, cancellable,
                                     &local_error))
    goto fail;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, BUFFER_SIZE, cancellable, &local_error);

      if (n < 0)
        goto fail;
      if (n == 0)
        break;
      g_checksum_update (sha, buffer, (gsize) n);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, (gsize) n, NULL, cancellable, &local_error))
        goto fail;
    }
  g_checksum_get_digest (sha, digest, &digest_length);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), digest, sizeof digest, NULL, cancellable, &local_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    goto fail;
  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      goto fail;
    }
  return TRUE;

fail:
  g_clear_object (&out);
  g_unlink (part);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                 _("The bundle “%s” could not be written: %s"), display, local_error->message);
  return FALSE;
}

/* Reading ---------------------------------------------------------------- */

static gboolean
truncated (GError     **error,
           const char  *display)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TRUNCATED,
               _("The bundle “%s” is incomplete: the file ends early, perhaps because it was not copied "
                 "to the end. Nothing was changed; copy the bundle again."), display);
  return FALSE;
}

static gboolean
damaged (GError     **error,
         const char  *display,
         const char  *why)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
               _("The bundle “%s” is damaged: %s. Nothing was changed; ask for the bundle to be sent again."),
               display, why);
  return FALSE;
}

/* Reads and checks the preamble and the header; leaves @in at the first
 * byte of the changes. */
/* An encrypted bundle (bb-bundle-seal.c) is opened before it is read. */
static gboolean
refuse_sealed (const guint8  *preamble,
               gsize          n,
               const char    *display,
               GError       **error)
{
  if (n < sizeof bundle_magic || memcmp (preamble, "BEATBOOK-SEALED\n", sizeof bundle_magic) != 0)
    return FALSE;
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_SEALED,
               _("The bundle “%s” is encrypted with the passphrase of the station that wrote it. Give that "
                 "passphrase to import it; nothing was changed."), display);
  return TRUE;
}

static BbBundleHeader *
read_front (GInputStream  *in,
            const char    *display,
            guint64        file_size,
            char         **header_json,
            GCancellable  *cancellable,
            GError       **error)
{
  guint8 preamble[PREAMBLE_LENGTH];
  g_autofree char *json = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  gsize n = 0;
  guint32 format, length;
  guint64 expected;

  if (!g_input_stream_read_all (in, preamble, sizeof preamble, &n, cancellable, error))
    return NULL;
  if (refuse_sealed (preamble, n, display, error))
    return NULL;
  if (n < sizeof bundle_magic || memcmp (preamble, bundle_magic, sizeof bundle_magic) != 0)
    {
      if (n > 0 && memcmp (preamble, bundle_magic, MIN (n, sizeof bundle_magic)) == 0)
        truncated (error, display);
      else
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NOT_A_BUNDLE,
                     _("“%s” is not a Beatbook bundle. Nothing was changed."), display);
      return NULL;
    }
  if (n < sizeof preamble)
    {
      truncated (error, display);
      return NULL;
    }
  format = get_be32 (preamble + 16);
  length = get_be32 (preamble + 20);
  if (format > BB_BUNDLE_FORMAT)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                   _("The bundle “%s” was written by a newer version of Beatbook (bundle format %u; this version "
                     "reads up to %d). Update Beatbook to import it; nothing was changed."),
                   display, format, BB_BUNDLE_FORMAT);
      return NULL;
    }
  if (format == 0 || length == 0 || length > MAX_HEADER_LENGTH)
    {
      damaged (error, display, _("its header has an impossible length"));
      return NULL;
    }
  if ((guint64) PREAMBLE_LENGTH + length > file_size)
    {
      truncated (error, display);
      return NULL;
    }
  json = g_malloc (length + 1);
  if (!g_input_stream_read_all (in, json, length, &n, cancellable, error))
    return NULL;
  if (n < length)
    {
      truncated (error, display);
      return NULL;
    }
  json[length] = '\0';
  header = bb_bundle_header_from_json (json, length, display, error);
  if (header == NULL)
    return NULL;
  if (header->format != (int) format)
    {
      damaged (error, display, _("its header contradicts itself"));
      return NULL;
    }
  expected = (guint64) PREAMBLE_LENGTH + length + header->payload_length + TRAILER_LENGTH;
  if (file_size < expected)
    {
      truncated (error, display);
      return NULL;
    }
  if (file_size > expected)
    {
      damaged (error, display, _("it has bytes added at the end"));
      return NULL;
    }
  if (header_json != NULL)
    *header_json = g_steal_pointer (&json);
  return g_steal_pointer (&header);
}

static GFileInputStream *
open_file (const char    *path,
           const char    *display,
           guint64       *size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *in;

  in = g_file_read (file, cancellable, &local_error);
  if (in != NULL)
    info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, &local_error);
  if (info == NULL)
    {
      g_clear_object (&in);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                     _("The bundle “%s” could not be read: %s"), display, local_error->message);
      return NULL;
    }
  *size = (guint64) g_file_info_get_size (info);
  return in;
}

/* After a checksum that does not match: was the file cut short, or changed? */
static void
explain_mismatch (const char   *display,
                  const guint8 *preamble,
                  const char   *json,
                  gsize         json_length,
                  guint64       file_size,
                  GError      **error)
{
  g_autoptr(BbBundleHeader) header = NULL;
  guint32 length = get_be32 (preamble + 20);
  guint64 expected;

  if ((guint64) PREAMBLE_LENGTH + length + TRAILER_LENGTH > file_size || json_length < length)
    {
      truncated (error, display);
      return;
    }
  header = bb_bundle_header_from_json (json, length, display, NULL);
  if (header == NULL)
    {
      damaged (error, display, _("its header cannot be read"));
      return;
    }
  expected = (guint64) PREAMBLE_LENGTH + length + header->payload_length + TRAILER_LENGTH;
  if (file_size < expected)
    truncated (error, display);
  else if (file_size > expected)
    damaged (error, display, _("it has bytes added at the end"));
  else
    damaged (error, display, _("its content does not match its checksum, so it was changed after it was written"));
}

BbBundleHeader *
bb_bundle_read_header (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *display = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) whole = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) payload = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GByteArray) json = g_byte_array_new ();
  g_autoptr(BbBundleHeader) header = NULL;
  guint8 preamble[PREAMBLE_LENGTH];
  guint8 trailer[TRAILER_LENGTH];
  guint8 digest[TRAILER_LENGTH];
  gsize digest_length = sizeof digest, n = 0;
  guint64 size = 0, body, pos;
  guint32 header_length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  in = open_file (path, display, &size, cancellable, error);
  if (in == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), preamble, sizeof preamble, &n, cancellable, error))
    return NULL;
  if (refuse_sealed (preamble, n, display, error))
    return NULL;
  if (n < sizeof bundle_magic || memcmp (preamble, bundle_magic, sizeof bundle_magic) != 0)
    {
      if (n > 0 && memcmp (preamble, bundle_magic, MIN (n, sizeof bundle_magic)) == 0)
        truncated (error, display);
      else
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NOT_A_BUNDLE,
                     _("“%s” is not a Beatbook bundle. Nothing was changed."), display);
      return NULL;
    }
  if (n < sizeof preamble || size < PREAMBLE_LENGTH + TRAILER_LENGTH)
    {
      truncated (error, display);
      return NULL;
    }

  /* The checksum first: a changed byte anywhere, the header included, is
   * damage, whatever the header then seems to say. */
  header_length = get_be32 (preamble + 20);
  g_checksum_update (whole, preamble, sizeof preamble);
  body = size - PREAMBLE_LENGTH - TRAILER_LENGTH;
  buffer = g_malloc (BUFFER_SIZE);
  for (pos = 0; pos < body;)
    {
      gssize r = g_input_stream_read (G_INPUT_STREAM (in), buffer, MIN (body - pos, BUFFER_SIZE), cancellable, error);
      gsize in_header;

      if (r < 0)
        return NULL;
      if (r == 0)
        {
          truncated (error, display);
          return NULL;
        }
      g_checksum_update (whole, buffer, (gsize) r);
      in_header = pos < header_length ? (gsize) MIN ((guint64) r, header_length - pos) : 0;
      if (in_header > 0 && json->len < MAX_HEADER_LENGTH)
        g_byte_array_append (json, buffer, (guint) in_header);
      if ((gsize) r > in_header)
        g_checksum_update (payload, buffer + in_header, (gsize) r - in_header);
      pos += (guint64) r;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), trailer, sizeof trailer, &n, cancellable, error))
    return NULL;
  g_checksum_get_digest (whole, digest, &digest_length);
  if (n < sizeof trailer || memcmp (digest, trailer, sizeof digest) != 0)
    {
      explain_mismatch (display, preamble, (const char *) json->data, json->len, size, error);
      return NULL;
    }

  /* An intact file: does it belong here? */
  if (get_be32 (preamble + 16) > BB_BUNDLE_FORMAT)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW,
                   _("The bundle “%s” was written by a newer version of Beatbook (bundle format %u; this version "
                     "reads up to %d). Update Beatbook to import it; nothing was changed."),
                   display, get_be32 (preamble + 16), BB_BUNDLE_FORMAT);
      return NULL;
    }
  if (header_length == 0 || header_length > json->len)
    {
      damaged (error, display, _("its header has an impossible length"));
      return NULL;
    }
  header = bb_bundle_header_from_json ((const char *) json->data, header_length, display, error);
  if (header == NULL)
    return NULL;
  if (header->format != (int) get_be32 (preamble + 16))
    {
      damaged (error, display, _("its header contradicts itself"));
      return NULL;
    }
  if ((guint64) PREAMBLE_LENGTH + header_length + header->payload_length + TRAILER_LENGTH != size
      || g_ascii_strcasecmp (g_checksum_get_string (payload), header->payload_sha256) != 0)
    {
      damaged (error, display, _("its header does not describe its content"));
      return NULL;
    }
  return g_steal_pointer (&header);
}

struct _BbBundleSource
{
  GInputStream  *in;
  GCancellable  *cancellable;
  char          *display;
  guint64        remaining;     /* compressed bytes still to read */
  guint64        total;
  GConverter    *zlib;
  GChecksum     *sha;
  char          *expected_sha;
  guint8        *buffer;
  gsize          buffer_length;
  gsize          buffer_pos;
  gboolean       finished;      /* the decompressor saw the end */
  GError        *error;
  /* The file is read, checked and unpacked on a thread of its own, a few
   * chunks ahead of the changes being applied: the fields above belong
   * to it until its last chunk (or bb_bundle_source_stop). */
  GThread       *thread;
  GAsyncQueue   *empty;         /* Chunks to fill */
  GAsyncQueue   *full;          /* Chunks unpacked, in order */
  gint           stop;
  struct _Chunk *current;       /* being copied out */
  gsize          current_pos;
  gboolean       ended;         /* the last chunk was copied out */
  guint64        remaining_seen; /* remaining as of the current chunk */
};

#define CHUNK_SIZE (256 * 1024)
#define N_CHUNKS   4

typedef struct _Chunk {
  gsize     length;
  guint64   remaining;
  gboolean  last;
  guint8    data[CHUNK_SIZE];
} Chunk;

static void bb_bundle_source_stop (BbBundleSource *source);

void
bb_bundle_source_free (BbBundleSource *source)
{
  if (source == NULL)
    return;
  bb_bundle_source_stop (source);
  g_clear_pointer (&source->current, g_free);
  g_clear_pointer (&source->empty, g_async_queue_unref);
  g_clear_pointer (&source->full, g_async_queue_unref);
  g_clear_object (&source->in);
  g_clear_object (&source->cancellable);
  g_clear_object (&source->zlib);
  g_checksum_free (source->sha);
  g_free (source->expected_sha);
  g_free (source->display);
  g_free (source->buffer);
  g_clear_error (&source->error);
  g_free (source);
}

BbBundleSource *
bb_bundle_source_open (const char       *path,
                       GCancellable     *cancellable,
                       BbBundleHeader  **header_out,
                       char            **header_json,
                       GError          **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  BbBundleSource *source;
  guint64 size = 0;

  in = open_file (path, display, &size, cancellable, error);
  if (in == NULL)
    return NULL;
  header = read_front (G_INPUT_STREAM (in), display, size, header_json, cancellable, error);
  if (header == NULL)
    return NULL;

  source = g_new0 (BbBundleSource, 1);
  source->in = G_INPUT_STREAM (g_steal_pointer (&in));
  source->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  source->display = g_steal_pointer (&display);
  source->remaining = source->total = header->payload_length;
  source->zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  source->sha = g_checksum_new (G_CHECKSUM_SHA256);
  source->expected_sha = g_strdup (header->payload_sha256);
  source->buffer = g_malloc (BUFFER_SIZE);
  source->remaining_seen = source->total;
  source->empty = g_async_queue_new_full (g_free);
  source->full = g_async_queue_new_full (g_free);
  if (header_out != NULL)
    *header_out = g_steal_pointer (&header);
  return source;
}

double
bb_bundle_source_get_fraction (BbBundleSource *source)
{
  return source->total > 0 ? 1.0 - (double) source->remaining_seen / (double) source->total : 1.0;
}

/* Reads, checks and unpacks up to @wanted bytes of changes into @out. */
static gsize
unpack (BbBundleSource *source,
        guint8         *out,
        gsize           wanted)
{
  gsize produced = 0;

  while (produced < wanted && !source->finished && source->error == NULL)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult r;
      GConverterFlags flags = G_CONVERTER_NO_FLAGS;

      if (source->buffer_pos == source->buffer_length && source->remaining > 0)
        {
          gssize got = g_input_stream_read (source->in, source->buffer, MIN (source->remaining, BUFFER_SIZE),
                                            source->cancellable, &source->error);

          if (got <= 0)
            {
              if (got == 0)
                truncated (&source->error, source->display);
              break;
            }
          g_checksum_update (source->sha, source->buffer, (gsize) got);
          source->remaining -= (guint64) got;
          source->buffer_length = (gsize) got;
          source->buffer_pos = 0;
        }
      if (source->remaining == 0)
        flags = G_CONVERTER_INPUT_AT_END;
      r = g_converter_convert (source->zlib, source->buffer + source->buffer_pos,
                               source->buffer_length - source->buffer_pos,
                               (guint8 *) out + produced, wanted - produced, flags,
                               &bytes_read, &bytes_written, &source->error);
      if (r == G_CONVERTER_ERROR)
        {
          g_clear_error (&source->error);
          damaged (&source->error, source->display, _("its changes cannot be unpacked"));
          break;
        }
      source->buffer_pos += bytes_read;
      produced += bytes_written;
      if (r == G_CONVERTER_FINISHED)
        source->finished = TRUE;
    }
  return produced;
}

static gpointer
unpack_thread (gpointer data)
{
  BbBundleSource *source = data;
  gboolean last = FALSE;

  while (!last)
    {
      Chunk *chunk = g_async_queue_pop (source->empty);

      if (g_atomic_int_get (&source->stop))
        {
          g_async_queue_push (source->empty, chunk);
          break;
        }
      chunk->length = unpack (source, chunk->data, CHUNK_SIZE);
      chunk->remaining = source->remaining;
      /* A chunk not filled is the last one too: unpack () fills each
       * until the end or an error. */
      last = chunk->last = source->finished || source->error != NULL || chunk->length < CHUNK_SIZE;
      g_async_queue_push (source->full, chunk);
    }
  return NULL;
}

/* Ends the thread, at once: what it had not unpacked stays in the file. */
static void
bb_bundle_source_stop (BbBundleSource *source)
{
  if (source->thread == NULL)
    return;
  g_atomic_int_set (&source->stop, 1);
  /* wakes it if it waits for a chunk to fill */
  g_async_queue_push (source->empty, g_new (Chunk, 1));
  g_thread_join (g_steal_pointer (&source->thread));
}

int
bb_bundle_source_read_cb (void *data,
                          void *out,
                          int  *n)
{
  BbBundleSource *source = data;
  gsize wanted = (gsize) MAX (*n, 0), produced = 0;

  if (source->thread == NULL && !source->ended)
    {
      for (guint i = 0; i < N_CHUNKS; i++)
        g_async_queue_push (source->empty, g_new (Chunk, 1));
      source->thread = g_thread_new ("bb-bundle-unpack", unpack_thread, source);
    }
  while (produced < wanted && !source->ended)
    {
      gsize take;

      if (source->current == NULL)
        {
          source->current = g_async_queue_pop (source->full);
          source->current_pos = 0;
          source->remaining_seen = source->current->remaining;
        }
      take = MIN (wanted - produced, source->current->length - source->current_pos);
      memcpy ((guint8 *) out + produced, source->current->data + source->current_pos, take);
      produced += take;
      source->current_pos += take;
      if (source->current_pos == source->current->length)
        {
          if (source->current->last)
            {
              source->ended = TRUE;
              /* the thread is done with the source's fields */
              g_thread_join (g_steal_pointer (&source->thread));
            }
          g_async_queue_push (source->empty, g_steal_pointer (&source->current));
        }
    }
  *n = (int) produced;
  return source->ended && source->error != NULL ? SQLITE_IOERR : SQLITE_OK;
}

GError *
bb_bundle_source_take_error (BbBundleSource *source)
{
  /* the thread may still be writing it */
  if (!source->ended)
    bb_bundle_source_stop (source);
  return g_steal_pointer (&source->error);
}

gboolean
bb_bundle_source_finish (BbBundleSource  *source,
                         GError         **error)
{
  gboolean left_over = FALSE;

  /* Changes unpacked that no one read are changes after the end. */
  if (!source->ended)
    {
      bb_bundle_source_stop (source);
      left_over = TRUE;
    }
  if (source->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&source->error));
      return FALSE;
    }
  if (left_over || !source->finished || source->remaining > 0 || source->buffer_pos < source->buffer_length)
    return damaged (error, source->display, _("its changes do not end where its header says"));
  if (g_ascii_strcasecmp (g_checksum_get_string (source->sha), source->expected_sha) != 0)
    return damaged (error, source->display,
                    _("its content does not match its checksum, so it was changed after it was written"));
  return TRUE;
}
