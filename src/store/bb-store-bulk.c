/* bb-store-bulk.c: what a write of a great many rows asks of the connection: the rollback journal while it runs */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include "bb-store-bulk.h"
#include "bb-store-private.h"

/* In WAL mode every page a large write makes is written twice: into the
 * log when the page cache spills or the change commits, and into the
 * station file by the checkpoint after it; pages spilled and changed
 * again are logged again, and each read of one looks it up in the log's
 * index first.  With the rollback journal, pages beyond the file's old
 * end are written once, into the file, and only the pages that held data
 * before are copied into the journal.  A commit is as atomic either way:
 * a change cut short (killed, power lost, an I/O error) leaves a journal
 * that the next opening of the station rolls back.
 *
 * The switch needs the station to itself: while any other connection
 * has it open (a reader of this program, another program) SQLite refuses
 * at once, and the write goes through the log as usual.  Whoever opens
 * the station while the write runs waits for it, as for any writer in
 * that mode. */

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
bb_store_bulk_journal_enter (BbStore *store)
{
  sqlite3 *db;
  g_autofree char *mode = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  bb_store_lock (store);
  db = bb_store_get_db (store);
  if (store->in_transaction || !sqlite3_get_autocommit (db))
    {
      bb_store_unlock (store);
      return FALSE;
    }
  /* no waiting for the others to close: a busy station keeps its log */
  sqlite3_busy_timeout (db, 0);
  mode = query_text (db, "PRAGMA journal_mode = DELETE");
  sqlite3_busy_timeout (db, 5000);
  if (g_strcmp0 (mode, "delete") != 0)
    {
      g_debug ("%s keeps its write-ahead log for a large write: %s", store->path,
               mode != NULL ? mode : sqlite3_errmsg (db));
      bb_store_unlock (store);
      return FALSE;
    }
  /* every sync the rollback journal needs, so that a power cut can never
   * leave half a change (NORMAL skips some in this mode) */
  sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  g_debug ("%s: rollback journal for a large write", store->path);
  /* the lock stays held until bb_store_bulk_journal_leave */
  return TRUE;
}

void
bb_store_bulk_journal_leave (BbStore *store)
{
  sqlite3 *db;
  g_autofree char *mode = NULL;

  g_return_if_fail (BB_IS_STORE (store));

  db = bb_store_get_db (store);
  g_assert (!store->in_transaction);
  /* a failed commit's rollback may still be owed */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  mode = query_text (db, "PRAGMA journal_mode = WAL");
  sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  /* Not back in WAL mode (out of memory, say): the station is as safe
   * in this mode, and the next opening puts the log back. */
  if (g_strcmp0 (mode, "wal") != 0)
    g_debug ("%s stays with the rollback journal until it is opened again: %s", store->path,
             mode != NULL ? mode : sqlite3_errmsg (db));
  bb_store_unlock (store);
}
