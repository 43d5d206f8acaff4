/* bb-bundle-export.c: writing a bundle: the records changed since the last bundle for a peer, as a changeset */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-bundle-private.h"

/* A bundle carries the current state of every record that changed since
 * the last bundle for the peer (or of every record), with the versions of
 * its fields and the tombstones of deleted records: merging states is what
 * lets bundles be applied twice, late or out of order.
 *
 * The changes are a changeset of SQLite's session extension.  The export
 * reads the station on a connection of its own, in one read transaction
 * (so it neither waits for nor holds up the window's changes).  Records
 * are written as INSERT changes as they are read (export_table); the
 * versions and tombstones are copied into tables of an in-memory database
 * attached beside it, which a session records (stage_and_write). */

typedef struct {
  BbStore              *store;
  sqlite3              *db;
  BbSyncSchema         *schema;
  BbBundleHeader       *header;
  BbBundleSink         *sink;
  const BbBundleExportOptions *options;
  GCancellable         *cancellable;
  BbBundleProgressFunc  progress;
  gpointer              progress_data;
  guint64               total;
  guint64               done;
  guint64               reported;      /* of the table being written, counted in done */
  gboolean              everything;
  const char           *skip_origin;   /* leave out records this station made and no one changed since */
  gint64                started;
} Export;

static gboolean
db_error (Export      *e,
          GError     **error)
{
  g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
               _("Writing the bundle failed: %s"), sqlite3_errmsg (e->db));
  return FALSE;
}

static gboolean
run (Export      *e,
     const char  *sql,
     GError     **error)
{
  if (sqlite3_exec (e->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (e, error);
  return TRUE;
}

static gboolean
cancelled (Export  *e,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (e->cancellable, error);
}

static void
report (Export *e)
{
  if (e->progress != NULL && e->total > 0)
    e->progress (0.95 * MIN (1.0, (double) e->done / (double) e->total), e->progress_data);
}

static gint64
query_int (Export     *e,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (e->db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* The staging tables: the list of changed records, and the versions and
 * tombstones that go with them. */
static gboolean
create_stage (Export  *e,
              GError **error)
{
  return run (e, "ATTACH ':memory:' AS bb_stage", error)
         && run (e, "CREATE TABLE bb_stage.changed (tbl TEXT NOT NULL, row_id TEXT NOT NULL);"
                     "CREATE UNIQUE INDEX bb_stage.changed_once ON changed (tbl, row_id);"
                     "CREATE TABLE bb_stage.echo (first INTEGER NOT NULL, last INTEGER NOT NULL);"
                     "CREATE TABLE bb_stage." BB_SYNC_ROW_TABLE " (tbl, row_id, at, station, alive, known_at,"
                     " PRIMARY KEY (tbl, row_id));"
                     "CREATE TABLE bb_stage." BB_SYNC_CLOCK_TABLE " (tbl, row_id, col, at, station, prev_at,"
                     " prev_station, PRIMARY KEY (tbl, row_id, col));"
                  "CREATE TABLE bb_stage." BB_SYNC_WITHDRAWN_TABLE " (tbl, row_id, PRIMARY KEY (tbl, row_id));",
                error);
}

/* Which records changed after @since: every line of the audit log names
 * one, except those the peer's own bundles wrote here (it has them). */
static gboolean
collect_changes (Export     *e,
                 gint64      since,
                 gint64      until,
                 gint64      restricted_since,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autofree char *sql = NULL;

  if (e->options->peer_id != NULL)
    {
      stmt = NULL;
      if (sqlite3_prepare_v2 (e->db, "INSERT INTO bb_stage.echo (first, last) SELECT audit_first, audit_last"
                                     " FROM main.sync_received WHERE from_station = ?1", -1, &stmt, NULL) != SQLITE_OK)
        return db_error (e, error);
      sqlite3_bind_text (stmt, 1, e->options->peer_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error (e, error);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  for (guint i = 0; bb_sync_table_names[i] != NULL; i++)
    g_string_append_printf (tables, "%s'%s'", i > 0 ? ", " : "", bb_sync_table_names[i]);
  sql = g_strdup_printf ("INSERT OR IGNORE INTO bb_stage.changed (tbl, row_id)"
                         " SELECT table_name, row_id FROM main.audit_log AS a"
                         " WHERE a.seq > ?1 AND a.seq <= ?2 AND a.action IN ('create', 'update', 'delete')"
                         " AND a.row_id IS NOT NULL AND a.table_name IN (%s)"
                         " AND NOT EXISTS (SELECT 1 FROM bb_stage.echo AS x WHERE a.seq BETWEEN x.first AND x.last)"
                         " ORDER BY a.seq", tables->str);
  if (sqlite3_prepare_v2 (e->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (e, error);
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error (e, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Restricted incidents went to no earlier bundle for this peer (or only
   * up to the last one that carried them): they go now, with the links to
   * them that went without them. */
  if (e->options->include_restricted && restricted_since < since)
    {
      if (sqlite3_prepare_v2 (e->db,
            "INSERT OR IGNORE INTO bb_stage.changed (tbl, row_id)"
            " SELECT a.table_name, a.row_id FROM main.audit_log AS a"
            " WHERE a.seq > ?1 AND a.seq <= ?2 AND a.action IN ('create', 'update') AND a.row_id IS NOT NULL AND ("
            "  (a.table_name = 'incident' AND EXISTS (SELECT 1 FROM main.incident AS i"
            "     WHERE i.id = a.row_id AND i.restricted))"
            "  OR (a.table_name = 'problem_incident' AND EXISTS (SELECT 1 FROM main.incident AS i"
            "     WHERE i.id = substr (a.row_id, instr (a.row_id, '/') + 1) AND i.restricted))"
            "  OR (a.table_name = 'concern' AND EXISTS (SELECT 1 FROM main.concern AS c JOIN main.incident AS i"
            "     ON i.id = c.incident_id WHERE c.id = a.row_id AND i.restricted)))"
            " ORDER BY a.seq", -1, &stmt, NULL) != SQLITE_OK)
        return db_error (e, error);
      sqlite3_bind_int64 (stmt, 1, restricted_since);
      sqlite3_bind_int64 (stmt, 2, until);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error (e, error);
    }
  return TRUE;
}

/* Records a session on the staging table saw into the bundle, then
 * empties the table for the next batch. */
static gboolean
stage_and_write (Export       *e,
                 const char   *table,
                 const char   *insert_sql,
                 gint64        lo,
                 gint64        hi,
                 guint64      *n_rows,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clear = NULL;
  sqlite3_session *session = NULL;
  int rc;

  if (sqlite3session_create (e->db, "bb_stage", &session) != SQLITE_OK
      || sqlite3session_attach (session, table) != SQLITE_OK)
    {
      sqlite3session_delete (session);
      return db_error (e, error);
    }
  if (sqlite3_prepare_v2 (e->db, insert_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3session_delete (session);
      return db_error (e, error);
    }
  /* Plain bounds, so that the batch is a range of the index. */
  sqlite3_bind_int64 (stmt, 1, lo);
  sqlite3_bind_int64 (stmt, 2, hi >= 0 ? hi : G_MAXINT64);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, e->skip_origin, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *n_rows = (guint64) sqlite3_changes (e->db);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc == SQLITE_DONE && *n_rows > 0)
    rc = sqlite3session_changeset_strm (session, bb_bundle_sink_write_cb, e->sink) == SQLITE_OK ? SQLITE_DONE : rc;
  sqlite3session_delete (session);
  if (rc != SQLITE_DONE)
    return db_error (e, error);

  if (*n_rows > 0)
    {
      g_autoptr(sqlite3_stmt) range = NULL;
      g_autofree char *when = NULL;

      /* The bundle's time range: the changes' own times. */
      if (g_str_equal (table, BB_SYNC_ROW_TABLE) || g_str_equal (table, BB_SYNC_CLOCK_TABLE))
        when = g_strdup_printf ("SELECT min (at), max (at) FROM bb_stage.\"%s\"", table);
      if (when != NULL && sqlite3_prepare_v2 (e->db, when, -1, &range, NULL) == SQLITE_OK
          && sqlite3_step (range) == SQLITE_ROW && sqlite3_column_type (range, 0) != SQLITE_NULL)
        {
          gint64 first = sqlite3_column_int64 (range, 0), last = sqlite3_column_int64 (range, 1);

          if (e->header->first_change == 0 || first < e->header->first_change)
            e->header->first_change = first;
          e->header->last_change = MAX (e->header->last_change, last);
        }
      if (g_str_equal (table, BB_SYNC_ROW_TABLE))
        {
          g_autoptr(sqlite3_stmt) deleted = NULL;

          if (sqlite3_prepare_v2 (e->db, "SELECT tbl, count(*) FROM bb_stage." BB_SYNC_ROW_TABLE
                                         " WHERE alive = 0 GROUP BY tbl", -1, &deleted, NULL) != SQLITE_OK)
            return db_error (e, error);
          while (sqlite3_step (deleted) == SQLITE_ROW)
            bb_bundle_header_ensure_count (e->header, (const char *) sqlite3_column_text (deleted, 0))->deleted
              += (guint64) sqlite3_column_int64 (deleted, 1);
        }
    }

  clear = g_strdup_printf ("DELETE FROM bb_stage.\"%s\"", table);
  return run (e, clear, error);
}

/* The records of a table that travel: every one, or those in the list
 * of changes.  Restricted incidents stay out unless allowed, and so do
 * links to them. */
static char *
select_sql (Export            *e,
            const BbSyncTable *t)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  gboolean hide = !e->options->include_restricted;

  for (guint c = 0; c < t->columns->len; c++)
    {
      const char *name = g_array_index (t->columns, BbSyncColumn, c).name;

      if (c > 0)
        g_string_append (sql, ", ");
      if (hide && g_str_equal (t->name, "concern") && g_str_equal (name, "incident_id"))
        g_string_append (sql, "CASE WHEN EXISTS (SELECT 1 FROM main.incident AS i"
                              " WHERE i.id = t.incident_id AND i.restricted) THEN NULL ELSE t.incident_id END");
      else
        g_string_append_printf (sql, "t.\"%s\"", name);
    }
  g_string_append_printf (sql, " FROM main.\"%s\" AS t", t->name);
  if (e->everything)
    g_string_append (sql, " WHERE 1");
  else if (t->n_pk == 1)
    /* A key of one column (id, or event_kind's code) finds the record by its index. */
    g_string_append_printf (sql, " JOIN bb_stage.changed AS c ON c.tbl = '%s' AND c.row_id = t.\"%s\"",
                            t->name, g_array_index (t->columns, BbSyncColumn, t->pk_columns[0]).name);
  else
    g_string_append_printf (sql, " JOIN bb_stage.changed AS c ON c.tbl = '%s' AND c.row_id = (%s)",
                            t->name, t->key_sql);
  if (e->skip_origin != NULL && t->station_column >= 0 && t->n_pk == 1 && !g_str_equal (t->name, "station"))
    /* The peer's own records, which it has as it made them (or deleted). */
    g_string_append_printf (sql, " AND NOT (t.\"station_id\" = ?1"
                                 " AND NOT EXISTS (SELECT 1 FROM main.sync_clock AS k WHERE k.tbl = '%s'"
                                 "   AND k.row_id = t.\"%s\" AND k.station <> ?1)"
                                 " AND NOT EXISTS (SELECT 1 FROM main.sync_row AS r WHERE r.tbl = '%s'"
                                 "   AND r.row_id = t.\"%s\" AND r.station <> ?1))",
                            t->name, g_array_index (t->columns, BbSyncColumn, t->pk_columns[0]).name,
                            t->name, g_array_index (t->columns, BbSyncColumn, t->pk_columns[0]).name);
  if (hide && g_str_equal (t->name, "incident"))
    g_string_append (sql, " AND t.restricted = 0");
  if (hide && g_str_equal (t->name, "problem_incident"))
    g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM main.incident AS i WHERE i.id = t.incident_id AND i.restricted)");
  /* in the order the sender stored them (or changed them), which the
   * receiver keeps */
  if (!e->everything)
    g_string_append (sql, " ORDER BY c.rowid");
  else if (!t->without_rowid)
    g_string_append (sql, " ORDER BY t.rowid");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Records in SQLite's changeset format -----------------------------------
 *
 * The records of a table go into the bundle as INSERT changes, in the
 * format of SQLite's session extension (sqlite3session.h, "changeset"),
 * which bb_bundle_apply reads with the extension's own iterator.  A
 * session would first copy each record into a table it watches and then
 * read it back by its key; the records are written here as they are read
 * from the station, in a third of the time.  The versions and tombstones
 * still go through a session (stage_and_write).
 *
 * A table's changes start with 'T', the number of columns (a varint),
 * one byte per column (1 if it is part of the primary key) and the
 * table's name with a NUL.  An INSERT is SQLITE_INSERT, 0 (not indirect),
 * then each column's value: its type (1 integer, 2 real, 3 text, 4 blob,
 * 5 null) and, for a number, 8 bytes big-endian, for text and blobs, the
 * length as a varint and the bytes. */

#define CHANGES_FLUSH (64 * 1024)

static void
put_varint (GByteArray *out,
            guint64     v)
{
  guint8 b[9];
  int n = 0;

  /* SQLite's varint: 7 bits a byte, most significant first, the high bit
   * set on all but the last; the largest values take a ninth byte of 8 */
  if (v >> 56 != 0)
    {
      b[8] = (guint8) v;
      v >>= 8;
      for (int i = 7; i >= 0; i--, v >>= 7)
        b[i] = (guint8) ((v & 0x7f) | 0x80);
      g_byte_array_append (out, b, 9);
      return;
    }
  do
    {
      b[n++] = (guint8) (v & 0x7f);
      v >>= 7;
    }
  while (v != 0);
  for (int i = n - 1; i >= 0; i--)
    {
      guint8 byte = b[i] | (i > 0 ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
    }
}

static void
put_be64 (GByteArray *out,
          guint64     v)
{
  guint8 b[8];

  for (int i = 7; i >= 0; i--, v >>= 8)
    b[i] = (guint8) v;
  g_byte_array_append (out, b, 8);
}

static void
put_table_header (GByteArray        *out,
                  const BbSyncTable *t)
{
  guint8 tag = 'T';

  g_byte_array_append (out, &tag, 1);
  put_varint (out, t->columns->len);
  for (guint c = 0; c < t->columns->len; c++)
    {
      guint8 pk = g_array_index (t->columns, BbSyncColumn, c).pk > 0 ? 1 : 0;

      g_byte_array_append (out, &pk, 1);
    }
  g_byte_array_append (out, (const guint8 *) t->name, strlen (t->name) + 1);
}

static void
put_insert (GByteArray   *out,
            sqlite3_stmt *stmt,
            int           n_columns)
{
  const guint8 op[2] = { SQLITE_INSERT, 0 };

  g_byte_array_append (out, op, 2);
  for (int c = 0; c < n_columns; c++)
    {
      guint8 type = (guint8) sqlite3_column_type (stmt, c);

      g_byte_array_append (out, &type, 1);
      switch (type)
        {
        case SQLITE_INTEGER:
          put_be64 (out, (guint64) sqlite3_column_int64 (stmt, c));
          break;
        case SQLITE_FLOAT:
          {
            double d = sqlite3_column_double (stmt, c);
            guint64 bits;

            memcpy (&bits, &d, sizeof bits);
            put_be64 (out, bits);
          }
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
          {
            const void *bytes = type == SQLITE_TEXT ? (const void *) sqlite3_column_text (stmt, c)
                                                    : sqlite3_column_blob (stmt, c);
            int n = sqlite3_column_bytes (stmt, c);

            put_varint (out, (guint64) n);
            if (n > 0)
              g_byte_array_append (out, bytes, (guint) n);
          }
          break;
        default:
          break;
        }
    }
}

static gboolean
flush_changes (Export      *e,
               GByteArray  *out,
               GError     **error)
{
  gboolean ok = bb_bundle_sink_write (e->sink, out->data, out->len, error);

  g_byte_array_set_size (out, 0);
  return ok;
}

static gboolean
export_table (Export            *e,
              const BbSyncTable *t,
              GError           **error)
{
  g_autofree char *sql = select_sql (e, t);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GByteArray) out = g_byte_array_sized_new (CHANGES_FLUSH + 4096);
  int n_columns = (int) t->columns->len;
  guint64 n_total = 0;
  int rc;

  if (sqlite3_prepare_v2 (e->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (e, error);
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, e->skip_origin, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n_total == 0)
        put_table_header (out, t);
      put_insert (out, stmt, n_columns);
      n_total++;
      if (t->updated_column >= 0 && sqlite3_column_type (stmt, t->updated_column) != SQLITE_NULL)
        {
          /* The bundle's time range: the changes' own times. */
          gint64 at = sqlite3_column_int64 (stmt, t->updated_column);

          if (e->header->first_change == 0 || at < e->header->first_change)
            e->header->first_change = at;
          e->header->last_change = MAX (e->header->last_change, at);
        }
      if (out->len >= CHANGES_FLUSH)
        {
          if (!flush_changes (e, out, error))
            return FALSE;
          e->done += n_total - e->reported;
          e->reported = n_total;
          report (e);
          if (cancelled (e, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return db_error (e, error);
  if (out->len > 0 && !flush_changes (e, out, error))
    return FALSE;
  e->done += n_total - e->reported;
  e->reported = 0;
  report (e);
  if (n_total > 0)
    bb_bundle_header_ensure_count (e->header, t->name)->records += n_total;
  return !cancelled (e, error);
}

/* Tombstones and versions of the records that go, and incidents that
 * became restricted since the peer had them: it should not keep them. */
static gboolean
export_bookkeeping (Export  *e,
                    GError **error)
{
  const char *hidden = e->options->include_restricted ? ""
    : " AND NOT (s.tbl = 'incident' AND EXISTS (SELECT 1 FROM main.incident AS i WHERE i.id = s.row_id AND i.restricted))"
      " AND NOT (s.tbl = 'problem_incident' AND EXISTS (SELECT 1 FROM main.incident AS i"
      "   WHERE i.id = substr (s.row_id, instr (s.row_id, '/') + 1) AND i.restricted))";
  const char *scope = e->everything ? "" : " AND EXISTS (SELECT 1 FROM bb_stage.changed AS c WHERE c.tbl = s.tbl AND c.row_id = s.row_id)";
  g_autofree char *rows = g_strdup_printf ("INSERT INTO bb_stage." BB_SYNC_ROW_TABLE
                                           " SELECT s.tbl, s.row_id, s.at, s.station, s.alive, s.known_at"
                                           " FROM main.sync_row AS s WHERE ?1 = ?1 AND ?2 = ?2%s%s", scope, hidden);
  g_autofree char *clocks = g_strdup_printf ("INSERT INTO bb_stage." BB_SYNC_CLOCK_TABLE
                                             " SELECT s.tbl, s.row_id, s.col, s.at, s.station, s.prev_at, s.prev_station"
                                             " FROM main.sync_clock AS s WHERE ?1 = ?1 AND ?2 = ?2%s%s", scope, hidden);
  guint64 n = 0;

  if (!stage_and_write (e, BB_SYNC_ROW_TABLE, rows, 0, -1, &n, error)
      || !stage_and_write (e, BB_SYNC_CLOCK_TABLE, clocks, 0, -1, &n, error))
    return FALSE;

  if (!e->options->include_restricted && !e->everything)
    {
      const char *withdrawn = "INSERT INTO bb_stage." BB_SYNC_WITHDRAWN_TABLE " SELECT 'incident', i.id"
                              " FROM bb_stage.changed AS c JOIN main.incident AS i ON i.id = c.row_id"
                              " WHERE c.tbl = 'incident' AND i.restricted AND ?1 = ?1 AND ?2 = ?2";

      if (!stage_and_write (e, BB_SYNC_WITHDRAWN_TABLE, withdrawn, 0, -1, &n, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  char     *name;
  gboolean  headquarters;
  guint     sent_seq;
  gint64    since;
  gint64    restricted_since;   /* the last bundle for it that carried restricted incidents */
} PeerState;

static gboolean
read_peer (BbStore     *store,
           const char  *peer_id,
           PeerState   *peer,
           GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = bb_store_prepare (store, "SELECT name, headquarters, sent_seq, max (sent_mark, acked_mark),"
                                  " (SELECT ifnull (max (until_mark), 0) FROM sync_sent WHERE peer_id = ?1 AND restricted)"
                                  " FROM sync_peer WHERE station_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, peer_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID,
                   _("This station has not exchanged bundles with station %s yet; send it everything first"),
                   peer_id);
      return FALSE;
    }
  peer->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  peer->headquarters = sqlite3_column_int (stmt, 1) != 0;
  peer->sent_seq = (guint) sqlite3_column_int (stmt, 2);
  peer->since = sqlite3_column_int64 (stmt, 3);
  peer->restricted_since = sqlite3_column_int64 (stmt, 4);
  return TRUE;
}

static void
fill_received (BbStore        *store,
               BbBundleHeader *header)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, "SELECT station_id, received_mark FROM sync_peer"
                                                          " WHERE received_mark > 0", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 mark = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (header->received, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_memdup2 (&mark, sizeof mark));
    }
}

/* After the file is written: the peer had these changes, and the audit
 * log says what left the station (a disclosure when restricted records
 * went). */
static gboolean
remember_sent (BbStore              *store,
               const BbBundleHeader *header,
               const char           *path,
               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *detail = NULL;
  guint64 n = bb_bundle_header_count_records (header);

  if (!bb_store_begin (store, error))
    return FALSE;
  stmt = bb_store_prepare (store, "INSERT INTO sync_sent (bundle_id, peer_id, seq, since_mark, until_mark, everything,"
                                  " restricted, n_records, at, file_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, header->bundle_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, header->to_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) header->sequence);
  sqlite3_bind_int64 (stmt, 4, header->since_mark);
  sqlite3_bind_int64 (stmt, 5, header->until_mark);
  sqlite3_bind_int (stmt, 6, header->everything);
  sqlite3_bind_int (stmt, 7, header->restricted_included);
  sqlite3_bind_int64 (stmt, 8, (gint64) n);
  sqlite3_bind_int64 (stmt, 9, header->created_at);
  sqlite3_bind_text (stmt, 10, base, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Remembering the bundle"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (header->to_id != NULL)
    {
      stmt = bb_store_prepare (store, "UPDATE sync_peer SET sent_seq = max (sent_seq, ?2), sent_mark = max (sent_mark, ?3),"
                                      " last_sent_at = ?4 WHERE station_id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, header->to_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) header->sequence);
      sqlite3_bind_int64 (stmt, 3, header->until_mark);
      sqlite3_bind_int64 (stmt, 4, header->created_at);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (store, error, _("Remembering the bundle"));
          goto fail;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  detail = g_strdup_printf ("bundle %s to %s: %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT " deleted%s",
                            base, header->to_name != NULL ? header->to_name : "any station", n,
                            bb_bundle_header_count_deleted (header),
                            header->restricted_included ? ", restricted incidents included" : "");
  stmt = bb_store_prepare (store, "INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)"
                                  " VALUES (bb_now_us (), bb_audit_user (), ?1, 'bundle', ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, header->restricted_included ? "disclose" : "export", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, header->bundle_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, detail, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Remembering the bundle"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (store, error);

fail:
  bb_store_rollback (store);
  return FALSE;
}

static gboolean
export_all (Export      *e,
            const char  *path,
            const char  *payload_path,
            gint64       since,
            gint64       restricted_since,
            GError     **error)
{
  g_autofree char *json = NULL;
  gint64 until;

  /* One snapshot of the station from here to the end. */
  if (!run (e, "BEGIN", error) || !create_stage (e, error))
    return FALSE;
  until = query_int (e, "SELECT ifnull (max (seq), 0) FROM main.audit_log");
  e->header->since_mark = e->everything ? 0 : since;
  e->header->until_mark = until;

  if (e->everything)
    {
      for (guint i = 0; i < e->schema->tables->len; i++)
        {
          g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM main.\"%s\"",
                                                    ((BbSyncTable *) g_ptr_array_index (e->schema->tables, i))->name);
          e->total += (guint64) query_int (e, count);
        }
    }
  else
    {
      if (!collect_changes (e, since, until, restricted_since, error))
        return FALSE;
      e->total = (guint64) query_int (e, "SELECT count(*) FROM bb_stage.changed");
    }

  e->sink = bb_bundle_sink_new (payload_path, error);
  if (e->sink == NULL || !export_bookkeeping (e, error))
    return FALSE;
  g_debug ("%s: versions and tombstones at %.3f s", path, (g_get_monotonic_time () - e->started) / 1e6);
  for (guint i = 0; i < e->schema->tables->len; i++)
    {
      const BbSyncTable *t = g_ptr_array_index (e->schema->tables, i);

      if (!export_table (e, t, error))
        return FALSE;
      g_debug ("%s: %s at %.3f s", path, t->name, (g_get_monotonic_time () - e->started) / 1e6);
    }
  run (e, "COMMIT", NULL);
  if (!bb_bundle_sink_close (e->sink, e->header, error))
    return FALSE;

  e->header->schema = bb_sync_schema_min_for_header (e->schema, e->header);
  json = bb_bundle_header_to_json (e->header, e->schema);
  if (!bb_bundle_file_write (path, json, payload_path, e->cancellable, error))
    return FALSE;
  g_debug ("%s: written at %.3f s", path, (g_get_monotonic_time () - e->started) / 1e6);
  return TRUE;
}

BbBundleHeader *
bb_bundle_export (BbStore                     *store,
                  const char                  *path,
                  const BbBundleExportOptions *options,
                  GCancellable                *cancellable,
                  BbBundleProgressFunc         progress,
                  gpointer                     progress_data,
                  GError                     **error)
{
  static const BbBundleExportOptions defaults = { NULL, TRUE, FALSE };
  g_autoptr(BbBundleHeader) header = NULL;
  g_autofree char *payload_path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *dir = NULL;
  const char *passphrase = NULL;
  PeerState peer = { 0 };
  Export e = { 0 };
  gboolean ok;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  /* A station with a passphrase writes its bundles encrypted with it. */
  if (bb_store_has_passphrase (store))
    {
      passphrase = bb_store_get_unlocked_passphrase (store);
      if (passphrase == NULL)
        {
          g_set_error_literal (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID,
                               _("This station has a passphrase: give it before writing a bundle, which is "
                                 "encrypted with it"));
          return NULL;
        }
    }
  if (options->peer_id != NULL)
    {
      if (g_strcmp0 (options->peer_id, bb_store_get_station_id (store)) == 0)
        {
          g_set_error_literal (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID,
                               _("A bundle is for another station, not for this one"));
          return NULL;
        }
      if (!read_peer (store, options->peer_id, &peer, error))
        return NULL;
    }
  if (options->include_restricted && (options->peer_id == NULL || !peer.headquarters))
    {
      g_set_error_literal (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID,
                           _("Restricted incidents may only go to headquarters: choose a station marked as "
                             "headquarters, or leave them out"));
      g_free (peer.name);
      return NULL;
    }

  header = bb_bundle_header_new ();
  header->bundle_id = bb_store_new_uuid ();
  header->station_id = g_strdup (bb_store_get_station_id (store));
  header->station_name = bb_store_dup_station_name (store);
  header->to_id = g_strdup (options->peer_id);
  header->to_name = g_steal_pointer (&peer.name);
  header->to_headquarters = peer.headquarters;
  header->sequence = options->peer_id != NULL ? peer.sent_seq + 1 : 0;
  header->everything = options->everything || options->peer_id == NULL || peer.since == 0;
  header->restricted_included = options->include_restricted;
  header->created_at = bb_store_now_us ();
  fill_received (store, header);

  e.store = store;
  e.header = header;
  e.options = options;
  e.cancellable = cancellable;
  e.progress = progress;
  e.progress_data = progress_data;
  e.everything = header->everything;
  /* The first bundle for a station this one had bundles from leaves out
   * what that station made itself. */
  if (header->everything && options->peer_id != NULL && !options->everything)
    e.skip_origin = options->peer_id;
  e.started = g_get_monotonic_time ();

  dir = g_path_get_dirname (path);
  payload_path = g_build_filename (dir, ".beatbook-bundle-XXXXXX", NULL);
  {
    int fd = g_mkstemp (payload_path);

    if (fd < 0)
      {
        int saved_errno = errno;
        g_autofree char *display = g_filename_display_name (dir);

        g_set_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_FAILED,
                     _("The bundle cannot be written in “%s”: %s"), display, g_strerror (saved_errno));
        return NULL;
      }
    g_close (fd, NULL);
  }
  if (passphrase != NULL)
    {
      int fd;

      plain_path = g_build_filename (dir, ".beatbook-bundle-XXXXXX", NULL);
      fd = g_mkstemp_full (plain_path, O_RDWR | O_CLOEXEC, 0600);
      if (fd >= 0)
        g_close (fd, NULL);
    }

  ok = sqlite3_open_v2 (bb_store_get_path (store), &e.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_busy_timeout (e.db, 5000);
      e.schema = bb_sync_schema_load (e.db, error);
      ok = e.schema != NULL && export_all (&e, plain_path != NULL ? plain_path : path, payload_path, peer.since,
                                           peer.restricted_since, error);
    }
  else
    db_error (&e, error);

  bb_bundle_sink_free (e.sink);
  bb_sync_schema_free (e.schema);
  sqlite3_close_v2 (e.db);
  g_unlink (payload_path);
  if (ok && plain_path != NULL)
    ok = bb_bundle_seal (plain_path, path, passphrase, error);
  if (plain_path != NULL)
    g_unlink (plain_path);
  if (!ok)
    return NULL;

  if (!remember_sent (store, header, path, error))
    {
      g_unlink (path);
      return NULL;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&header);
}
