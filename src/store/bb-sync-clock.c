/* bb-sync-clock.c: the station's clock for versions of its records, and the SQL functions its triggers call */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-sync"

#include "config.h"

#include "bb-bundle-private.h"

/* The clock is a hybrid of the wall clock and a counter: a version it
 * gives is the wall-clock time in microseconds, but never at or before a
 * version the station has already written or seen in a bundle.  A station
 * whose clock is slow still has its new changes win over the ones it
 * knew of when it made them.  Only used on the writer, under its lock. */

static gint64
load_last (BbStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 last = 0;

  /* The tables exist from station format 4 on; before the migration ran
   * there is nothing to be behind of. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT max (ifnull ((SELECT max (at) FROM sync_clock), 0),"
                          "            ifnull ((SELECT max (at) FROM sync_row), 0))",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  return last;
}

gint64
bb_sync_clock_tick (BbStore *self)
{
  gint64 now = bb_store_now_us ();

  BB_STORE_LOCK_SCOPE (self);

  if (!self->sync_clock_known)
    {
      self->sync_last = MAX (self->sync_last, load_last (self));
      self->sync_clock_known = TRUE;
    }
  self->sync_last = MAX (now, self->sync_last + 1);
  return self->sync_last;
}

void
bb_sync_clock_witness (BbStore *self,
                       gint64   at)
{
  BB_STORE_LOCK_SCOPE (self);

  self->sync_last = MAX (self->sync_last, at);
}

void
bb_sync_set_applying (BbStore  *self,
                      gboolean  applying)
{
  BB_STORE_LOCK_SCOPE (self);

  self->sync_applying = applying;
}

static void
sql_sync_local (sqlite3_context  *ctx,
                int               argc,
                sqlite3_value   **argv)
{
  BbStore *self = sqlite3_user_data (ctx);

  sqlite3_result_int (ctx, self->sync_applying ? 0 : 1);
}

static void
sql_sync_station (sqlite3_context  *ctx,
                  int               argc,
                  sqlite3_value   **argv)
{
  BbStore *self = sqlite3_user_data (ctx);

  sqlite3_result_text (ctx, self->station_id != NULL ? self->station_id : "", -1, SQLITE_TRANSIENT);
}

static void
sql_sync_tick (sqlite3_context  *ctx,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_int64 (ctx, bb_sync_clock_tick (sqlite3_user_data (ctx)));
}

void
bb_sync_register_functions (BbStore *self,
                            sqlite3 *db)
{
  /* Not deterministic: each call of bb_sync_tick () moves on. */
  sqlite3_create_function (db, "bb_sync_local", 0, SQLITE_UTF8, self, sql_sync_local, NULL, NULL);
  sqlite3_create_function (db, "bb_sync_station", 0, SQLITE_UTF8, self, sql_sync_station, NULL, NULL);
  sqlite3_create_function (db, "bb_sync_tick", 0, SQLITE_UTF8, self, sql_sync_tick, NULL, NULL);
}
