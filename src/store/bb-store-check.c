/* bb-store-check.c: is a file a station, and is it whole: the checks as a station opens, and the page check that runs after */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "bb-store-private.h"

/* The result of quick_check on @db: TRUE when it says "ok". */
static gboolean
quick_check (sqlite3    *db,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  return rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
}

/* What a large file gets before it opens: the pages of the schema and of
 * the small tables the window reads first, and whether the file holds as
 * many pages as its header says.  The rest is checked afterwards. */
static gboolean
check_structure (sqlite3    *db,
                 const char *path)
{
  static const char * const tables[] = {
    "sqlite_schema", "meta", "station", "category", "district", "officer", NULL
  };
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st, wal_st;
  gint64 page_size, page_count;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT (SELECT page_size FROM pragma_page_size),"
                              " (SELECT page_count FROM pragma_page_count)", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  page_size = sqlite3_column_int64 (stmt, 0);
  page_count = sqlite3_column_int64 (stmt, 1);
  /* Pages may live in the WAL only; without one, the file must hold them. */
  if (g_stat (path, &st) != 0)
    return FALSE;
  if ((g_stat (wal, &wal_st) != 0 || wal_st.st_size == 0) && page_count * page_size > (gint64) st.st_size)
    return FALSE;

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA quick_check(%s)", tables[i]);

      if (!quick_check (db, sql))
        return FALSE;
    }
  return TRUE;
}

/* Looks at a file without changing it: is it a station this Beatbook can
 * open?  Returns its schema version, or 0 with @error set. */
int
bb_store_probe_file (const char  *path,
                     gboolean    *deferred_check,
                     GError     **error)
{
  static const char sqlite_magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char header[100];
  gint64 app_id = 0, version = 0;
  gsize n_read;
  FILE *file;
  int rc;

  bb_store_configure_sqlite ();
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, BB_STORE_ERROR,
                   saved_errno == ENOENT ? BB_STORE_ERROR_NOT_FOUND : BB_STORE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), display, g_strerror (saved_errno));
      return 0;
    }
  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n_read == 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                   _("“%s” is empty; it is not a Beatbook station"), display);
      return 0;
    }
  if (n_read < sizeof header || memcmp (header, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                   _("“%s” is not a Beatbook station: it is not a database at all"), display);
      return 0;
    }

  /* Read only: nothing here may change the file. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      /* Another connection (a store closing on a worker) may hold the
       * file for a moment. */
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                   " (SELECT user_version FROM pragma_user_version)", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_OK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_OK)
    {
      int primary = (db != NULL ? sqlite3_extended_errcode (db) : rc) & 0xff;

      if (primary == SQLITE_NOTADB)
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                     _("“%s” is not a Beatbook station: it is not a database at all"), display);
      else if (primary == SQLITE_CORRUPT)
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be opened safely. Open a backup copy of the station instead."),
                     display);
      else
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                     _("Could not read “%s”: %s"), display, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return 0;
    }

  if ((guint32) app_id != BB_STORE_APPLICATION_ID || version < 1)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_A_STATION,
                   _("“%s” is not a Beatbook station: it is a database of another program"), display);
      sqlite3_close_v2 (db);
      return 0;
    }
  if (version > BB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Beatbook (station format %d; this version "
                     "reads up to %d). Update Beatbook to open it; the file was not changed."),
                   display, (int) version, BB_STORE_SCHEMA_VERSION);
      sqlite3_close_v2 (db);
      return 0;
    }

  /* quick_check reads every page: it finds damaged pages and indexes
   * without the cost of a full integrity check, but takes seconds on a
   * large station; those open after a check of their structure and have
   * their pages checked on a thread (bb_store_check_start). */
  {
    GStatBuf st;
    gboolean large = g_stat (path, &st) == 0 && (gint64) st.st_size > bb_store_full_check_limit;

    if (large ? !check_structure (db, path) : !quick_check (db, "PRAGMA quick_check(1)"))
      {
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be opened safely. Open a backup copy of the station instead."),
                     display);
        sqlite3_close_v2 (db);
        return 0;
      }
    *deferred_check = large;
  }
  sqlite3_close_v2 (db);
  return (int) version;
}

/* The deferred check of a large file ------------------------------------ */

/* Runs quick_check on its own read-only connection, so that it takes no
 * reader from the pool and no lock; the store holds only a weak
 * reference, and closing the store stops the check. */
typedef struct {
  gatomicrefcount  ref;
  char            *path;
  char            *display;
  GWeakRef         store;
  gint             abandoned;
  GThread         *thread;
  GMutex           lock;
  GCond            cond;
  gboolean         done;
  gboolean         pages;   /* quick_check: for files too large to check as they open */
  gboolean         chain;   /* the audit log's hash chain */
  gint64           key_from; /* from which line the chain is keyed */
  guint8          *key;      /* its key when known (sodium_malloc'd) */
  BbStoreBackground *background;
} IntegrityCheck;

static void
integrity_check_unref (IntegrityCheck *check)
{
  if (!g_atomic_ref_count_dec (&check->ref))
    return;
  g_free (check->path);
  g_free (check->display);
  if (check->key != NULL)
    sodium_free (check->key);
  g_clear_pointer (&check->background, bb_store_background_unref);
  g_weak_ref_clear (&check->store);
  g_mutex_clear (&check->lock);
  g_cond_clear (&check->cond);
  g_free (check);
}

void
bb_store_check_abandon (gpointer data)
{
  IntegrityCheck *check = data;

  g_atomic_int_set (&check->abandoned, 1);
  /* The check's read-only connection closes before the store's writer
   * does, so that the writer, last out, checkpoints the file as always
   * (a station closed is then the same file however soon it closed).
   * The check stops within a few thousand steps once abandoned; the
   * store may be finalized on the check's own thread, which cannot wait
   * for itself. */
  if (check->thread != g_thread_self ())
    {
      g_mutex_lock (&check->lock);
      while (!check->done)
        g_cond_wait (&check->cond, &check->lock);
      g_mutex_unlock (&check->lock);
    }
  g_thread_unref (check->thread);
  integrity_check_unref (check);
}

static int
integrity_check_progress_cb (void *data)
{
  IntegrityCheck *check = data;

  /* The check waits while the user waits for a read. */
  bb_store_background_step ();
  return g_atomic_int_get (&check->abandoned);
}

typedef struct {
  BbStore    *store;
  GError     *error;
  const char *signal_name;   /* "damaged" or "tampered" */
} DamageReport;

static gboolean
emit_damaged_cb (gpointer data)
{
  DamageReport *report = data;

  g_signal_emit_by_name (report->store, report->signal_name, report->error);
  g_object_unref (report->store);
  g_error_free (report->error);
  g_free (report);
  return G_SOURCE_REMOVE;
}

/* Tells the store, on the main loop, what the check found. */
static void
report_found (IntegrityCheck *check,
              const char     *signal_name,
              GError         *found)
{
  g_autoptr(BbStore) store = g_weak_ref_get (&check->store);
  DamageReport *report;
  GSource *source;

  if (store == NULL || g_atomic_int_get (&check->abandoned))
    {
      g_error_free (found);
      return;
    }
  g_rec_mutex_lock (&store->lock);
  if (g_str_equal (signal_name, "damaged"))
    {
      g_clear_error (&store->damage);
      store->damage = g_error_copy (found);
    }
  else
    {
      g_clear_error (&store->tampering);
      store->tampering = g_error_copy (found);
    }
  g_rec_mutex_unlock (&store->lock);

  report = g_new0 (DamageReport, 1);
  report->store = g_steal_pointer (&store);
  report->error = found;
  report->signal_name = signal_name;
  /* Always from the main loop, never from this thread, even when no one
   * is iterating the main context right now. */
  source = g_idle_source_new ();
  g_source_set_callback (source, emit_damaged_cb, report, NULL);
  g_source_set_static_name (source, "[bb-store] check found");
  g_source_attach (source, NULL);
  g_source_unref (source);
}

static gpointer
integrity_check_thread (gpointer data)
{
  IntegrityCheck *check = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean damaged = FALSE;
  int rc;

  /* The check reads the whole file: it takes what the processor and the
   * disk have to spare, and steps aside while the window reads. */
  bb_store_background_lower_priority ();
  bb_store_background_enter (check->background);

  /* Damage is what quick_check reports, or a page it could not read; a
   * busy file or the store closing is not. */
  rc = sqlite3_open_v2 (check->path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
      sqlite3_progress_handler (db, 10000, integrity_check_progress_cb, check);
      /* quick_check short of memory can report pages it could not read
       * as a problem: damage is what a second check confirms. */
      for (guint attempt = 0; check->pages && attempt < 2 && (attempt == 0 || damaged); attempt++)
        {
          rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            damaged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
          else
            damaged = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
          if (!damaged && rc != SQLITE_ROW)
            g_debug ("The check of %s's pages stopped: %s", check->path, sqlite3_errstr (rc));
          g_clear_pointer (&stmt, sqlite3_finalize);
        }
      /* The audit log's chain: one pass over it, after the pages. */
      if (!damaged && check->chain)
        {
          g_autoptr(GError) local_error = NULL;
          gboolean intact = bb_audit_chain_check_db (db, check->display, check->key, check->key_from, NULL,
                                                     &local_error);

          /* A value SQLite could not hand over (short of memory) reads as
           * a line that changed: tampering is what a second pass confirms. */
          if (!intact && g_error_matches (local_error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED))
            {
              g_clear_error (&local_error);
              intact = bb_audit_chain_check_db (db, check->display, check->key, check->key_from, NULL, &local_error);
            }
          if (!intact)
            {
              /* A line that could not be read is no proof of anything:
               * damage is for the page check to find. */
              if (g_error_matches (local_error, BB_STORE_ERROR, BB_STORE_ERROR_TAMPERED))
                report_found (check, "tampered", g_steal_pointer (&local_error));
              else
                g_debug ("The check of %s's audit log stopped: %s", check->path, local_error->message);
            }
        }
    }
  sqlite3_close_v2 (db);
  bb_store_background_leave ();

  if (damaged)
    report_found (check, "damaged",
                  g_error_new (BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT,
                               _("“%s” is damaged. Stop working in it and open a backup copy of the "
                                 "station instead; changes to it are refused."), check->display));

  g_mutex_lock (&check->lock);
  check->done = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->lock);
  integrity_check_unref (check);
  return NULL;
}

void
bb_store_check_start (BbStore  *self,
                      gboolean  pages)
{
  IntegrityCheck *check = g_new0 (IntegrityCheck, 1);

  check->pages = pages;
  check->chain = self->schema_version >= 8;
  check->key_from = self->audit_key_from;
  if (self->audit_key != NULL && (check->key = sodium_malloc (BB_AUDIT_KEY_LEN)) != NULL)
    memcpy (check->key, self->audit_key, BB_AUDIT_KEY_LEN);
  check->background = bb_store_background_ref (self->background);

  g_atomic_ref_count_init (&check->ref);
  check->path = g_strdup (self->path);
  check->display = g_filename_display_name (self->path);
  g_weak_ref_init (&check->store, self);
  g_mutex_init (&check->lock);
  g_cond_init (&check->cond);
  g_atomic_ref_count_inc (&check->ref);   /* the thread's */
  check->thread = g_thread_new ("bb-store-check", integrity_check_thread, check);
  self->check = check;
}

void
bb_store_wait_for_check (BbStore *self)
{
  IntegrityCheck *check;

  g_return_if_fail (BB_IS_STORE (self));

  check = self->check;
  if (check == NULL)
    return;
  g_mutex_lock (&check->lock);
  while (!check->done)
    g_cond_wait (&check->cond, &check->lock);
  g_mutex_unlock (&check->lock);
}
