/* bb-bundle-apply.c: importing a bundle: checks, one transaction, the exchange's bookkeeping */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "bb-bundle-merge-private.h"
#include "bb-store-bulk.h"

/* Records from which a bundle is applied through the rollback journal
 * (bb-store-bulk.c): a first exchange with headquarters writes a whole
 * station's pages, which the write-ahead log writes twice and reads back
 * through its index.  The store's idle readers are closed first so that
 * it has the station to itself; a read that starts while the bundle is
 * applied waits for it, as during a large import. */
#define JOURNAL_RECORDS 50000

void
bb_bundle_result_free (BbBundleResult *self)
{
  if (self == NULL)
    return;
  bb_bundle_header_free (self->header);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

/* How far this station has the sender's changes with nothing missing:
 * 0 before its first bundle.  A failed read is an error, never a 0 that
 * would misplace the marks of what was received. */
static gboolean
received_mark (BbStore     *store,
               const char  *station_id,
               gint64      *mark,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT ifnull ((SELECT received_mark FROM sync_peer"
                                                          " WHERE station_id = ?1), 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, station_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (store, error, _("Applying the bundle"));
      return FALSE;
    }
  *mark = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Whether and when the bundle was applied here already. */
static gboolean
find_applied (BbStore    *store,
              const char *bundle_id,
              gint64     *applied_at)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT applied_at FROM sync_received WHERE bundle_id = ?1",
                                                   NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bundle_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *applied_at = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
check_addressee (BbStore              *store,
                 const BbBundleHeader *header,
                 const char           *display,
                 GError              **error)
{
  const char *here = bb_store_get_station_id (store);

  if (g_strcmp0 (header->station_id, here) == 0)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_WRONG_STATION,
                   _("The bundle “%s” was written by this station; it is meant for another one. Nothing was changed."),
                   display);
      return FALSE;
    }
  if (header->to_id != NULL && g_strcmp0 (header->to_id, here) != 0)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_WRONG_STATION,
                   _("The bundle “%s” from “%s” was made for the station “%s”, not for this one. Nothing was "
                     "changed."), display, header->station_name, header->to_name);
      return FALSE;
    }
  return TRUE;
}

/* Bundles of the sender for this station that came before this one and
 * are not here: "2, 3". */
static char *
missing_before (BbStore              *store,
                const BbBundleHeader *header)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT 1 FROM sync_received WHERE from_station = ?1 AND seq = ?2",
                                                   NULL);

  for (guint seq = 1; stmt != NULL && seq < header->sequence; seq++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, header->station_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) seq);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_string_append_printf (list, "%s%u", list->len > 0 ? ", " : "", seq);
    }
  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

static char *
summary_json (const BbBundleResult *result)
{
  return g_strdup_printf ("{\"added\":%" G_GUINT64_FORMAT ",\"changed\":%" G_GUINT64_FORMAT
                          ",\"deleted\":%" G_GUINT64_FORMAT ",\"conflicts\":%" G_GUINT64_FORMAT "}",
                          result->added, result->changed, result->deleted, result->conflicts);
}

/* The exchange remembers the bundle, the sender as a peer, how far its
 * changes are here without a gap, and how far it has ours. */
static gboolean
remember_received (BbStore              *store,
                   const BbBundleHeader *header,
                   const BbBundleResult *result,
                   const char           *path,
                   gint64                audit_first,
                   gint64                audit_last,
                   GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *summary = summary_json (result);
  const gint64 *acked = g_hash_table_lookup (header->received, bb_store_get_station_id (store));
  gint64 mark;
  int rc;

  stmt = bb_store_prepare (store, "INSERT INTO sync_received (bundle_id, from_station, seq, since_mark, until_mark,"
                                  " applied_at, audit_first, audit_last, file_name, summary)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, header->bundle_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, header->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) header->sequence);
  sqlite3_bind_int64 (stmt, 4, header->since_mark);
  sqlite3_bind_int64 (stmt, 5, header->until_mark);
  sqlite3_bind_int64 (stmt, 6, result->applied_at);
  sqlite3_bind_int64 (stmt, 7, audit_first);
  sqlite3_bind_int64 (stmt, 8, audit_last);
  sqlite3_bind_text (stmt, 9, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, summary, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* How far the sender's changes are here with nothing missing. */
  if (!received_mark (store, header->station_id, &mark, error))
    return FALSE;
  stmt = bb_store_prepare (store, "SELECT since_mark, until_mark FROM sync_received WHERE from_station = ?1"
                                  " ORDER BY since_mark", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, header->station_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 0) <= mark)
      mark = MAX (mark, sqlite3_column_int64 (stmt, 1));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bb_store_prepare (store,
    "INSERT INTO sync_peer (station_id, name, received_mark, acked_mark, last_received_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (station_id) DO UPDATE SET name = excluded.name,"
    " received_mark = max (received_mark, excluded.received_mark), acked_mark = max (acked_mark, excluded.acked_mark),"
    " last_received_at = excluded.last_received_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, header->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, header->station_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, mark);
  sqlite3_bind_int64 (stmt, 4, acked != NULL ? *acked : 0);
  sqlite3_bind_int64 (stmt, 5, result->applied_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  bb_store_set_error_from_db (store, error, _("Remembering the bundle"));
  return FALSE;
}

typedef struct {
  BbStore              *store;
  BbBundleHeader       *header;
  BbBundleResult       *result;
  BbBundleSource       *source;
  GHashTable           *columns;
  const char           *path;
  const char           *display;
  GCancellable         *cancellable;
  BbBundleProgressFunc  progress;
  gpointer              progress_data;
  gint64                started;
} Apply;

static gboolean
read_changes (Apply    *a,
              BbMerge  *merge,
              GError  **error)
{
  sqlite3_changeset_iter *iter = NULL;
  guint64 n = 0;
  int rc;

  if (sqlite3changeset_start_v2_strm (&iter, bb_bundle_source_read_cb, a->source, 0) != SQLITE_OK)
    {
      GError *read_error = bb_bundle_source_take_error (a->source);

      if (read_error != NULL)
        g_propagate_error (error, read_error);
      else
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
                     _("The bundle “%s” is damaged: its changes cannot be read. Nothing was changed."), a->display);
      return FALSE;
    }
  while ((rc = sqlite3changeset_next (iter)) == SQLITE_ROW)
    {
      if (!bb_merge_record (merge, iter, error))
        {
          sqlite3changeset_finalize (iter);
          return FALSE;
        }
      if ((++n & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (a->cancellable, error))
            {
              sqlite3changeset_finalize (iter);
              return FALSE;
            }
          if (a->progress != NULL)
            a->progress (0.9 * bb_bundle_source_get_fraction (a->source), a->progress_data);
        }
    }
  rc = rc == SQLITE_DONE ? sqlite3changeset_finalize (iter) : (sqlite3changeset_finalize (iter), rc);
  if (rc != SQLITE_OK)
    {
      GError *read_error = bb_bundle_source_take_error (a->source);

      if (read_error != NULL)
        g_propagate_error (error, read_error);
      else
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_DAMAGED,
                     _("The bundle “%s” is damaged: its changes cannot be read. Nothing was changed."), a->display);
      return FALSE;
    }
  return bb_bundle_source_finish (a->source, error);
}

static gboolean
apply_in_transaction (Apply    *a,
                      GError  **error)
{
  g_autoptr(BbSyncSchema) schema = NULL;
  g_autoptr(BbMerge) merge = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 audit_first, audit_last, received_before;
  g_autofree char *missing = NULL;

  schema = bb_sync_schema_load (bb_store_get_db (a->store), error);
  if (schema == NULL)
    return FALSE;
  if (sqlite3_exec (bb_store_get_db (a->store), "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (a->store, error, _("Applying the bundle"));
      return FALSE;
    }
  if (!bb_store_query_int64 (a->store, "SELECT ifnull (max (seq), 0) + 1 FROM audit_log", _("Applying the bundle"),
                             &audit_first, error)
      || !received_mark (a->store, a->header->station_id, &received_before, error))
    return FALSE;
  missing = a->header->since_mark > received_before ? missing_before (a->store, a->header) : NULL;

  merge = bb_merge_new (a->store, schema, a->header, a->result);
  if (!bb_merge_load_aliases (merge, error))
    return FALSE;
  g_hash_table_iter_init (&iter, a->columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!bb_merge_set_columns (merge, key, (const char * const *) value, error))
      return FALSE;
  for (guint i = 0; i < a->header->counts->len; i++)
    {
      const BbBundleCount *c = g_ptr_array_index (a->header->counts, i);

      if (!bb_merge_expect (merge, c->table, c->records, error))
        return FALSE;
    }

  if (!read_changes (a, merge, error))
    return FALSE;
  g_debug ("%s: changes read and merged at %.3f s (%.3f s CPU so far)", a->display,
           (g_get_monotonic_time () - a->started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  if (!bb_merge_finish (merge, &local_error))
    {
      if (g_error_matches (local_error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER) && missing != NULL)
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER,
                     _("The bundle “%s” (number %u from “%s”) needs the bundles before it, number %s, which have "
                       "not been imported yet. Import those first; nothing was changed."),
                     a->display, a->header->sequence, a->header->station_name, missing);
      else if (g_error_matches (local_error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER))
        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER,
                     _("The bundle “%s” from “%s” refers to records this station does not have. Import the "
                       "bundles from “%s” that came before it, or ask it for a bundle with everything; nothing "
                       "was changed."), a->display, a->header->station_name, a->header->station_name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("%s: deletions and references settled at %.3f s (%.3f s CPU so far)", a->display,
           (g_get_monotonic_time () - a->started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  if (!bb_store_query_int64 (a->store, "SELECT ifnull (max (seq), 0) FROM audit_log", _("Applying the bundle"),
                             &audit_last, error)
      || !bb_merge_touch (merge, error))
    return FALSE;
  if (!remember_received (a->store, a->header, a->result, a->path, audit_first, audit_last, error))
    return FALSE;

  if (missing != NULL)
    g_ptr_array_add (a->result->notes,
                     g_strdup_printf (_("Bundle %u from “%s” was applied, but bundles %s from it have not arrived yet. "
                                        "Their changes will be added when they are imported."),
                                      a->header->sequence, a->header->station_name, missing));
  return TRUE;
}

BbBundleResult *
bb_bundle_apply (BbStore               *store,
                 const char            *path,
                 gboolean               dry_run,
                 GCancellable          *cancellable,
                 BbBundleProgressFunc   progress,
                 gpointer               progress_data,
                 GError               **error)
{
  g_autoptr(BbBundleHeader) header = NULL;
  g_autoptr(BbBundleResult) result = NULL;
  g_autoptr(BbBundleSource) source = NULL;
  g_autoptr(GHashTable) columns = NULL;
  g_autofree char *display = NULL;
  g_autofree char *json = NULL;
  g_autofree char *user = NULL;
  g_autofree char *bundle_user = NULL;
  gboolean ok, journal;
  gint64 old_cache, old_threads;
  Apply a = { 0 };

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* The whole file is checked before anything is touched. */
  header = bb_bundle_read_header (path, cancellable, error);
  if (header == NULL || !check_addressee (store, header, display, error))
    return NULL;

  result = g_new0 (BbBundleResult, 1);
  result->header = bb_bundle_header_copy (header);
  result->dry_run = dry_run;
  result->notes = g_ptr_array_new_with_free_func (g_free);
  if (find_applied (store, header->bundle_id, &result->applied_at))
    {
      result->already_applied = TRUE;
      return g_steal_pointer (&result);
    }

  g_clear_pointer (&header, bb_bundle_header_free);
  source = bb_bundle_source_open (path, cancellable, &header, &json, error);
  if (source == NULL)
    return NULL;
  columns = bb_bundle_header_dup_columns (json, strlen (json));
  result->applied_at = bb_store_now_us ();

  a.store = store;
  a.header = header;
  a.result = result;
  a.source = source;
  a.columns = columns;
  a.path = path;
  a.display = display;
  a.cancellable = cancellable;
  a.progress = progress;
  a.progress_data = progress_data;
  a.started = g_get_monotonic_time ();

  journal = FALSE;
  if (bb_bundle_header_count_records (header) >= JOURNAL_RECORDS)
    {
      bb_store_close_idle_readers (store);
      journal = bb_store_bulk_journal_enter (store);
    }
  if (!bb_store_begin (store, error))
    {
      if (journal)
        bb_store_bulk_journal_leave (store);
      return NULL;
    }
  /* The audit log names who applied the bundle and where it came from. */
  user = bb_store_dup_user (store);
  /* Translators: who made a change, as the audit log names it: the user, then the station the bundle came from */
  bundle_user = g_strdup_printf (_("%s (bundle from %s)"), user, header->station_name);
  bb_store_set_user (store, bundle_user);
  bb_sync_set_applying (store, TRUE);

  /* A large bundle gets a larger page cache, as a large import does:
   * inserts into the index of random ids need it, and so does the seal
   * of its audit lines at the commit, which rewrites every one.  Its
   * indexes are sorted again on a second core. */
  /* SQLite's own defaults, should they not be read */
  if (!bb_store_query_int64 (store, "PRAGMA cache_size", _("Applying the bundle"), &old_cache, NULL))
    old_cache = -2000;
  if (!bb_store_query_int64 (store, "PRAGMA threads", _("Applying the bundle"), &old_threads, NULL))
    old_threads = 0;
  if (bb_bundle_header_count_records (header) >= 50000)
    sqlite3_exec (bb_store_get_db (store), "PRAGMA cache_size = -131072; PRAGMA threads = 2", NULL, NULL, NULL);
  ok = apply_in_transaction (&a, error);

  bb_sync_set_applying (store, FALSE);
  bb_store_set_user (store, user);
  if (ok && !dry_run)
    ok = bb_store_commit (store, error);
  else
    bb_store_rollback (store);
  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA threads = %" G_GINT64_FORMAT,
                                                old_cache, old_threads);

    sqlite3_exec (bb_store_get_db (store), restore, NULL, NULL, NULL);
  }
  if (journal)
    bb_store_bulk_journal_leave (store);
  g_debug ("%s: %s at %.3f s (%.3f s CPU so far)", display, ok && !dry_run ? "committed" : "taken back",
           (g_get_monotonic_time () - a.started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
  if (!ok)
    return NULL;
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&result);
}

BbBundleResult *
bb_bundle_apply_sealed (BbStore               *store,
                        const char            *path,
                        const char            *passphrase,
                        gboolean               dry_run,
                        GCancellable          *cancellable,
                        BbBundleProgressFunc   progress,
                        gpointer               progress_data,
                        GError               **error)
{
  g_autofree char *plain = NULL;
  BbBundleResult *result;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (passphrase == NULL || !bb_bundle_is_sealed (path))
    return bb_bundle_apply (store, path, dry_run, cancellable, progress, progress_data, error);
  /* Opened into a private folder under the same name, so that messages
   * name the file the user chose. */
  plain = bb_bundle_unseal (path, passphrase, error);
  if (plain == NULL)
    return NULL;
  result = bb_bundle_apply (store, plain, dry_run, cancellable, progress, progress_data, error);
  bb_bundle_unsealed_remove (plain);
  return result;
}
