/* bb-import-pipe.c: an import reads and checks its rows on a thread of its own while the writer writes the rows before them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "bb-import-private.h"

/* Rows per chunk, and chunks in all: the reading thread fills one while
 * the writer writes another; when it is that far ahead it waits. */
#define CHUNK_ROWS 1024
#define N_CHUNKS 4

typedef enum {
  ITEM_ISSUE,                   /* an issue of a row, in the file's order */
  ITEM_SKIPPED_ISSUE,           /* the issue for which a row was skipped */
  ITEM_ROW,                     /* a row to write unless the lookup finds it */
  ITEM_SKIP,                    /* a row skipped unless the lookup finds it */
} ItemKind;

enum {
  TEXT_COLUMN,
  TEXT_MESSAGE,                 /* the issue, the row's note or why it is skipped */
  TEXT_KEY,
  TEXT_DISTRICT,
  TEXT_ADDRESS,
  TEXT_DESCRIPTION,
  TEXT_EXTERNAL_ID,
  TEXT_FINGERPRINT,
  N_TEXTS
};

typedef struct {
  ItemKind        kind;
  BbImportLookup  lookup;
  BbImportBulkRow row;          /* its texts in text[], as offsets */
  gsize           text[N_TEXTS];
} Item;

typedef struct {
  GArray   *items;              /* Item */
  GString  *text;
  guint64   rows_read;
  double    fraction;
  gboolean  last;
  GError   *error;              /* why the reading stopped, with the last chunk */
  int       with_writer;        /* atomic: see hand_over */
} Chunk;

struct _BbImportPipe
{
  GAsyncQueue          *full;   /* Chunk: to the writer */
  GAsyncQueue          *empty;  /* Chunk: back to the reader */
  Chunk                *filling;
  int                   stop;   /* atomic: the writer stopped */
  BbImportPipeReadFunc  read;
  gpointer              data;
};

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), CHUNK_ROWS);
  chunk->text = g_string_sized_new (CHUNK_ROWS * 160);
  return chunk;
}

static void
chunk_reset (Chunk *chunk)
{
  g_array_set_size (chunk->items, 0);
  g_string_truncate (chunk->text, 0);
  chunk->rows_read = 0;
  chunk->fraction = 0;
  chunk->last = FALSE;
  g_clear_error (&chunk->error);
}

static void
chunk_free (Chunk *chunk)
{
  chunk_reset (chunk);
  g_array_unref (chunk->items);
  g_string_free (chunk->text, TRUE);
  g_free (chunk);
}

/* A chunk goes from one thread to the other through a queue, which
 * orders the one's writes before the other's reads.  The queue's lock is
 * GLib's own (a futex), which ThreadSanitizer does not see; the atomic
 * store before the push and load after the pop show it the same order,
 * so that a run under it reports only real races. */
static void
hand_over (GAsyncQueue *queue,
           Chunk       *chunk,
           gboolean     to_writer)
{
  g_atomic_int_set (&chunk->with_writer, to_writer);
  g_async_queue_push (queue, chunk);
}

static Chunk *
take (GAsyncQueue *queue)
{
  Chunk *chunk = g_async_queue_pop (queue);

  (void) g_atomic_int_get (&chunk->with_writer);
  return chunk;
}

/* The reading side ----------------------------------------------------------- */

static Chunk *
filling (BbImportPipe *pipe)
{
  if (pipe->filling == NULL)
    pipe->filling = take (pipe->empty);
  return pipe->filling;
}

static Item *
add_item (BbImportPipe *pipe,
          ItemKind      kind)
{
  Chunk *chunk = filling (pipe);
  Item *item;

  g_array_set_size (chunk->items, chunk->items->len + 1);
  item = &g_array_index (chunk->items, Item, chunk->items->len - 1);
  memset (item, 0, sizeof *item);
  item->kind = kind;
  for (int t = 0; t < N_TEXTS; t++)
    item->text[t] = BB_IMPORT_NO_TEXT;
  return item;
}

/* An item that is a line's message: an issue, or a row skipped. */
static void
add_message (BbImportPipe   *pipe,
             ItemKind        kind,
             guint64         line,
             const char     *column,
             const char     *message,
             BbImportLookup  lookup,
             const char     *key)
{
  Item *item = add_item (pipe, kind);
  Chunk *chunk = pipe->filling;

  item->row.line = line;
  item->lookup = lookup;
  item->text[TEXT_COLUMN] = bb_import_keep_text (chunk->text, column);
  item->text[TEXT_MESSAGE] = bb_import_keep_text (chunk->text, message);
  item->text[TEXT_KEY] = bb_import_keep_text (chunk->text, key);
}

void
bb_import_pipe_issue (BbImportPipe *pipe,
                      guint64       line,
                      const char   *column,
                      gboolean      skipped,
                      const char   *message)
{
  add_message (pipe, skipped ? ITEM_SKIPPED_ISSUE : ITEM_ISSUE, line, column, message, BB_IMPORT_LOOKUP_NONE, NULL);
}

void
bb_import_pipe_row (BbImportPipe          *pipe,
                    const BbImportBulkRow *row,
                    const char            *note,
                    BbImportLookup         lookup,
                    const char            *key)
{
  Item *item = add_item (pipe, ITEM_ROW);
  Chunk *chunk = pipe->filling;

  item->row = *row;
  item->lookup = lookup;
  item->text[TEXT_MESSAGE] = bb_import_keep_text (chunk->text, note);
  item->text[TEXT_KEY] = bb_import_keep_text (chunk->text, key);
  item->text[TEXT_DISTRICT] = bb_import_keep_text (chunk->text, row->district_id);
  item->text[TEXT_ADDRESS] = bb_import_keep_text (chunk->text, row->address);
  item->text[TEXT_DESCRIPTION] = bb_import_keep_text (chunk->text, row->description);
  item->text[TEXT_EXTERNAL_ID] = bb_import_keep_text (chunk->text, row->external_id);
  item->text[TEXT_FINGERPRINT] = bb_import_keep_text (chunk->text, row->fingerprint);
}

void
bb_import_pipe_skip (BbImportPipe   *pipe,
                     guint64         line,
                     BbImportLookup  lookup,
                     const char     *key,
                     const char     *message)
{
  add_message (pipe, ITEM_SKIP, line, NULL, message, lookup, key);
}

gboolean
bb_import_pipe_row_done (BbImportPipe   *pipe,
                         BbImportSource *source)
{
  Chunk *chunk = filling (pipe);

  chunk->rows_read++;
  if (chunk->rows_read < CHUNK_ROWS)
    return TRUE;
  chunk->fraction = bb_import_source_get_fraction (source);
  hand_over (pipe->full, chunk, TRUE);
  pipe->filling = NULL;
  return !g_atomic_int_get (&pipe->stop);
}

static gpointer
reading_thread (gpointer data)
{
  BbImportPipe *pipe = data;
  GError *error = NULL;
  Chunk *chunk;

  /* never a failure taken for the end of the file */
  if (!pipe->read (pipe, pipe->data, &error) && error == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The file could not be read to its end"));
  chunk = filling (pipe);
  chunk->last = TRUE;
  chunk->error = error;
  hand_over (pipe->full, chunk, TRUE);
  pipe->filling = NULL;
  return NULL;
}

/* The writing side ----------------------------------------------------------- */

/* A row the station has already (under the lookup's key) is a duplicate. */
static gboolean
known (const Item              *item,
       Chunk                   *chunk,
       BbImportPipeLookupFunc   lookup,
       gpointer                 data,
       gboolean                *found,
       GError                 **error)
{
  *found = FALSE;
  if (item->lookup == BB_IMPORT_LOOKUP_NONE)
    return TRUE;
  return lookup (data, item->lookup, bb_import_kept_text (chunk->text, item->text[TEXT_KEY]), found, error);
}

static gboolean
write_chunk (Chunk                   *chunk,
             BbImportBulk            *bulk,
             BbImportReport          *report,
             BbImportPipeLookupFunc   lookup,
             gpointer                 data,
             GError                 **error)
{
  report->rows_read += chunk->rows_read;
  for (guint i = 0; i < chunk->items->len; i++)
    {
      Item *item = &g_array_index (chunk->items, Item, i);
      const char *message = bb_import_kept_text (chunk->text, item->text[TEXT_MESSAGE]);
      gboolean found;

      if (item->kind == ITEM_ISSUE || item->kind == ITEM_SKIPPED_ISSUE)
        {
          gboolean skipped = item->kind == ITEM_SKIPPED_ISSUE;

          bb_import_bulk_issue (bulk, item->row.line, bb_import_kept_text (chunk->text, item->text[TEXT_COLUMN]), skipped, message);
          report->skipped += skipped;
          continue;
        }
      if (!known (item, chunk, lookup, data, &found, error))
        return FALSE;
      if (found)
        report->duplicates++;
      else if (item->kind == ITEM_SKIP)
        {
          bb_import_bulk_issue (bulk, item->row.line, NULL, TRUE, message);
          report->skipped++;
        }
      else
        {
          BbImportBulkRow row = item->row;

          row.district_id = bb_import_kept_text (chunk->text, item->text[TEXT_DISTRICT]);
          row.address = bb_import_kept_text (chunk->text, item->text[TEXT_ADDRESS]);
          row.description = bb_import_kept_text (chunk->text, item->text[TEXT_DESCRIPTION]);
          row.external_id = bb_import_kept_text (chunk->text, item->text[TEXT_EXTERNAL_ID]);
          row.fingerprint = bb_import_kept_text (chunk->text, item->text[TEXT_FINGERPRINT]);
          if (!bb_import_bulk_add (bulk, &row, message, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
bb_import_pipe_run (BbImportBulk            *bulk,
                    BbImportReport          *report,
                    BbImportPipeReadFunc     read,
                    BbImportPipeLookupFunc   lookup,
                    gpointer                 data,
                    GCancellable            *cancellable,
                    BbImportProgressFunc     progress,
                    gpointer                 progress_data,
                    GError                 **error)
{
  BbImportPipe pipe = { 0 };
  GError *local_error = NULL;
  double last_fraction = 0;
  GThread *thread;
  Chunk *chunk;

  pipe.full = g_async_queue_new ();
  pipe.empty = g_async_queue_new_full ((GDestroyNotify) chunk_free);
  pipe.read = read;
  pipe.data = data;
  for (int i = 0; i < N_CHUNKS; i++)
    g_async_queue_push (pipe.empty, chunk_new ());
  thread = g_thread_new ("bb-import-read", reading_thread, &pipe);

  /* Every chunk goes back to the reader, even after a failure, so that
   * it never waits for one in vain; the last one ends the loop. */
  for (gboolean last = FALSE; !last;)
    {
      chunk = take (pipe.full);
      last = chunk->last;
      if (local_error == NULL && chunk->error != NULL)
        local_error = g_steal_pointer (&chunk->error);
      if (local_error == NULL)
        {
          if (write_chunk (chunk, bulk, report, lookup, data, &local_error))
            g_cancellable_set_error_if_cancelled (cancellable, &local_error);
          if (local_error != NULL)
            g_atomic_int_set (&pipe.stop, 1);
          else if (progress != NULL && chunk->fraction - last_fraction >= 0.01)
            {
              last_fraction = chunk->fraction;
              progress (chunk->fraction * bb_import_bulk_get_rows_share (bulk), progress_data);
            }
        }
      chunk_reset (chunk);
      hand_over (pipe.empty, chunk, FALSE);
    }
  g_thread_join (thread);
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
