/* bb-sync-peers.c: the stations this one exchanges with, the inbox and outbox folders, the stations it holds records of */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-bundle-private.h"

void
bb_sync_peer_free (BbSyncPeer *self)
{
  if (self == NULL)
    return;
  g_free (self->station_id);
  g_free (self->name);
  g_free (self);
}

static gint64
pending_for (BbStore    *store,
             const char *peer_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GString) tables = g_string_new (NULL);

  for (guint i = 0; bb_sync_table_names[i] != NULL; i++)
    g_string_append_printf (tables, "%s'%s'", i > 0 ? ", " : "", bb_sync_table_names[i]);
  /* The changes an export would carry: after what the peer has, not
   * written here by its own bundles. */
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log AS a WHERE a.seq > ifnull ((SELECT max (sent_mark, acked_mark)"
                         " FROM sync_peer WHERE station_id = ?1), 0) AND a.action IN ('create', 'update', 'delete')"
                         " AND a.table_name IN (%s) AND NOT EXISTS (SELECT 1 FROM sync_received AS r"
                         " WHERE r.from_station = ?1 AND a.seq BETWEEN r.audit_first AND r.audit_last)", tables->str);
  stmt = bb_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, peer_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

GPtrArray *
bb_sync_list_peers (BbStore  *store,
                    GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GPtrArray) peers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_sync_peer_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  stmt = bb_store_prepare (store,
    "SELECT p.station_id, coalesce (s.name, p.name), p.headquarters, p.sent_seq, ifnull (p.last_sent_at, 0),"
    " ifnull (p.last_received_at, 0), (SELECT count(*) FROM sync_received AS r WHERE r.from_station = p.station_id)"
    " FROM sync_peer AS p LEFT JOIN station AS s ON s.id = p.station_id"
    " ORDER BY p.headquarters DESC, coalesce (s.name, p.name) COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbSyncPeer *peer = g_new0 (BbSyncPeer, 1);

      peer->station_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      peer->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      peer->headquarters = sqlite3_column_int (stmt, 2) != 0;
      peer->sent_seq = (guint) sqlite3_column_int (stmt, 3);
      peer->last_sent_at = sqlite3_column_int64 (stmt, 4);
      peer->last_received_at = sqlite3_column_int64 (stmt, 5);
      peer->received = (guint) sqlite3_column_int (stmt, 6);
      g_ptr_array_add (peers, peer);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the stations this one exchanges with"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < peers->len; i++)
    {
      BbSyncPeer *peer = g_ptr_array_index (peers, i);

      peer->pending = pending_for (store, peer->station_id);
    }
  return g_steal_pointer (&peers);
}

gboolean
bb_sync_set_peer (BbStore     *store,
                  const char  *station_id,
                  const char  *name,
                  gboolean     headquarters,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (station_id != NULL, FALSE);

  if (g_strcmp0 (station_id, bb_store_get_station_id (store)) == 0)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("A station does not exchange bundles with itself"));
      return FALSE;
    }
  if (!bb_store_begin (store, error))
    return FALSE;
  stmt = bb_store_prepare (store, "INSERT INTO sync_peer (station_id, name, headquarters) VALUES (?1, ?2, ?3)"
                                  " ON CONFLICT (station_id) DO UPDATE SET name = iif (?2 = '', name, ?2),"
                                  " headquarters = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, headquarters ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Remembering the station"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (store, error);

fail:
  bb_store_rollback (store);
  return FALSE;
}

gint64
bb_sync_count_pending (BbStore     *store,
                       const char  *peer_id,
                       GError     **error)
{
  BB_STORE_READ_SCOPE (store);

  g_return_val_if_fail (BB_IS_STORE (store), -1);

  if (peer_id == NULL)
    return bb_store_count (store, "audit_log", error);
  return pending_for (store, peer_id);
}

/* Folders ------------------------------------------------------------------ */

static char *
meta_get (BbStore    *store,
          const char *key)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT value FROM meta WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

char *
bb_sync_dup_outbox (BbStore *store)
{
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  return meta_get (store, "exchange_outbox");
}

char *
bb_sync_dup_inbox (BbStore *store)
{
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  return meta_get (store, "exchange_inbox");
}

gboolean
bb_sync_set_folders (BbStore     *store,
                     const char  *outbox,
                     const char  *inbox,
                     GError     **error)
{
  const char *keys[] = { "exchange_outbox", "exchange_inbox" };
  const char *values[] = { outbox, inbox };

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0' && !g_file_test (values[i], G_FILE_TEST_IS_DIR))
      {
        g_autofree char *display = g_filename_display_name (values[i]);

        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID, _("“%s” is not a folder"), display);
        return FALSE;
      }
  if (!bb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                                                       error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, values[i] != NULL ? values[i] : "", -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (store, error, _("Saving the exchange folders"));
          goto fail;
        }
    }
  return bb_store_commit (store, error);

fail:
  bb_store_rollback (store);
  return FALSE;
}

typedef struct {
  char   *path;
  char   *station_id;
  gint64  since;
  gint64  created_at;
} InboxEntry;

static void
inbox_entry_free (InboxEntry *e)
{
  g_free (e->path);
  g_free (e->station_id);
  g_free (e);
}

static int
inbox_entry_compare (gconstpointer a,
                     gconstpointer b)
{
  const InboxEntry *x = *(InboxEntry **) a, *y = *(InboxEntry **) b;
  int c = g_strcmp0 (x->station_id, y->station_id);

  if (c != 0)
    return c;
  if (x->since != y->since)
    return x->since < y->since ? -1 : 1;
  return x->created_at < y->created_at ? -1 : x->created_at > y->created_at;
}

GStrv
bb_sync_scan_inbox (BbStore       *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *inbox = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  inbox = bb_sync_dup_inbox (store);
  if (inbox == NULL || *inbox == '\0')
    return g_new0 (char *, 1);
  return bb_sync_scan_folder (store, inbox, cancellable, error);
}

GStrv
bb_sync_scan_folder (BbStore       *store,
                     const char    *folder,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) inbox_entry_free);
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  const char *here;
  const char *name;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;
  here = bb_store_get_station_id (store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(BbBundleHeader) header = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 applied_at;
      InboxEntry *e;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!g_str_has_suffix (name, BB_BUNDLE_SUFFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      header = bb_bundle_read_header (path, cancellable, &local_error);
      /* A bundle still being copied, or damaged: the import says why. */
      if (header == NULL)
        {
          if (!g_error_matches (local_error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TRUNCATED))
            g_strv_builder_add (paths, path);
          continue;
        }
      if (g_strcmp0 (header->station_id, here) == 0
          || (header->to_id != NULL && g_strcmp0 (header->to_id, here) != 0))
        continue;
      {
        BB_STORE_READ_SCOPE (store);
        g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT applied_at FROM sync_received WHERE bundle_id = ?1",
                                                         NULL);

        if (stmt != NULL)
          sqlite3_bind_text (stmt, 1, header->bundle_id, -1, SQLITE_STATIC);
        applied_at = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
        if (applied_at)
          continue;
      }
      e = g_new0 (InboxEntry, 1);
      e->path = g_steal_pointer (&path);
      e->station_id = g_strdup (header->station_id);
      e->since = header->since_mark;
      e->created_at = header->created_at;
      g_ptr_array_add (entries, e);
    }
  /* Each station's bundles in the order it wrote them. */
  g_ptr_array_sort (entries, inbox_entry_compare);
  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (paths, ((InboxEntry *) g_ptr_array_index (entries, i))->path);
  return g_strv_builder_end (paths);
}

/* Stations ------------------------------------------------------------------ */

GPtrArray *
bb_sync_list_stations (BbStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) stations = NULL;
  const char *here;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  all = bb_store_list (store, &bb_station_record, NULL, error);
  if (all == NULL)
    return NULL;
  here = bb_store_get_station_id (store);
  stations = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_station_free);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((BbStation *) g_ptr_array_index (all, i))->id, here) == 0)
      g_ptr_array_add (stations, bb_station_copy (g_ptr_array_index (all, i)));
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((BbStation *) g_ptr_array_index (all, i))->id, here) != 0)
      g_ptr_array_add (stations, bb_station_copy (g_ptr_array_index (all, i)));
  return g_steal_pointer (&stations);
}

char *
bb_bundle_suggest_name (BbStore    *store,
                        const char *peer_name,
                        guint       sequence)
{
  g_autofree char *station = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  station = bb_store_dup_station_name (store);
  if (peer_name != NULL && sequence > 0)
    /* Translators: a bundle's file name: this station, the station it is for, the bundle's number */
    name = g_strdup_printf (_("%s to %s %u"), station, peer_name, sequence);
  else
    /* Translators: a bundle's file name: this station and the day, for any station */
    name = g_strdup_printf (_("%s everything %s"), station, day);
  /* No folder separators or characters file systems refuse. */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strconcat (name, BB_BUNDLE_SUFFIX, NULL);
}
