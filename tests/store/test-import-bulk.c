/* test-import-bulk.c: a large import into a station that has incidents: rows in batches, duplicates, the audit log, the search index, the schema as before */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-import.h"
#include "bb-store-private.h"
#include "store-test-util.h"

/* Large enough that the import sets the station's secondary indexes
 * aside and writes its search index with a larger buffer. */
#define N_ROWS 60000

typedef struct {
  char    *dir;
  char    *station;
  BbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = make_test_dir ();
  f->station = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (f->station, "Test station", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->station);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  BB_STORE_LOCK_SCOPE (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
text (Fixture    *f,
      const char *sql)
{
  BB_STORE_LOCK_SCOPE (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *all = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (all, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  return g_string_free (all, FALSE);
}

static void
progress_cb (double   fraction,
             gpointer fractions)
{
  g_array_append_val ((GArray *) fractions, fraction);
}

/* The progress an import told: never back, to 1 at the end; the number
 * of steps past the rows' share (the search index, each index set aside). */
static guint
steps_after_rows (GArray *fractions)
{
  guint after = 0;

  g_assert_cmpuint (fractions->len, >, 0);
  for (guint i = 0; i < fractions->len; i++)
    {
      double v = g_array_index (fractions, double, i);

      g_assert_cmpfloat (v, >=, 0);
      g_assert_cmpfloat (v, <=, 1);
      if (i > 0)
        g_assert_cmpfloat (v, >=, g_array_index (fractions, double, i - 1));
      after += v > 0.5 && v < 1;
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1);
  return after;
}

static BbImportReport *
import_file (Fixture    *f,
             const char *name,
             GString    *csv,
             gboolean    dry_run,
             GArray     *fractions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(BbImport) import = NULL;
  BbImportReport *report;

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  import = bb_import_new (f->store, path);
  g_assert_true (bb_import_preview (import, 5, NULL, &error));
  g_assert_no_error (error);
  report = bb_import_run (import, dry_run, NULL, progress_cb, fractions, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Rows already in the station, twice in one batch, twice far apart,
 * skipped, and without a position (some of them duplicates): the counts,
 * the notes in the file's order and only for rows imported, one audit
 * line per new incident, every new incident searchable, and the station's
 * schema, search settings and connection as they were. */
static void
test_large_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) first = g_string_new ("id,datetime,category,lon,lat,address,description\n");
  g_autoptr(GString) big = g_string_new ("id,datetime,category,lon,lat,address,description\n");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BbImportReport) first_report = NULL;
  g_autoptr(BbImportReport) trial = NULL;
  g_autoptr(BbImportReport) report = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *fts_config_before = NULL;
  g_autofree char *fts_config_after = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *journal = NULL;
  sqlite3 *other = NULL;
  gint64 cache_before, audit_before;
  guint64 notes = 0, last_line = 0;

  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (first, "F-%u,2024-01-01T10:00:00Z,robbery,20.1,41.0,Old street %u,earlier\n", i, i);
  first_report = import_file (f, "first.csv", first, FALSE, fractions);
  g_assert_cmpuint (first_report->imported, ==, 300);
  /* a small import: its rows are nearly all of it */
  g_assert_cmpuint (steps_after_rows (fractions), ==, 1);
  g_array_set_size (fractions, 0);

  for (guint i = 1; i <= N_ROWS; i++)
    {
      guint k = i % 1000;
      g_autofree char *id = k == 7 ? g_strdup_printf ("F-%u", i / 1000 + 1)       /* in the station */
                          : k == 500 ? g_strdup_printf ("N-%u", i - 1)             /* the row before */
                          : k == 900 ? g_strdup_printf ("N-%u", i - 300)           /* another batch */
                          : g_strdup_printf ("N-%u", i);
      gboolean no_position = i % 100 == 42 || i % 2000 == 7;

      g_string_append_printf (big, "%s,2024-02-%02uT10:00:00Z,%s,%s,%s,Street %u,lantern %u\n",
                              id, 1 + i % 28, k == 250 ? "nonsense" : "vandalism",
                              no_position ? "" : "20.2", no_position ? "" : "41.1", i, i);
    }

  schema_before = text (f, "SELECT sql FROM sqlite_master ORDER BY name");
  fts_config_before = text (f, "SELECT k || '=' || v FROM incident_fts_config ORDER BY k");
  cache_before = count (f, "PRAGMA cache_size");
  audit_before = count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'incident'");

  /* another program reading the station: the import keeps the log */
  if (data != NULL)
    {
      g_assert_cmpint (sqlite3_open_v2 (f->station, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM incident", NULL, NULL, NULL), ==, SQLITE_OK);
    }
  /* A trial first: the same counts, and nothing changed, the indexes
   * set aside and the triggers included. */
  trial = import_file (f, "big.csv", big, TRUE, fractions);
  g_assert_true (trial->dry_run);
  g_assert_cmpuint (trial->rows_read, ==, N_ROWS);
  g_assert_cmpuint (trial->skipped, ==, 60);
  g_assert_cmpuint (trial->duplicates, ==, 180);
  g_assert_cmpuint (trial->imported, ==, N_ROWS - 60 - 180);
  g_assert_cmpuint (trial->without_position, ==, 600);
  /* its rows fill the bar: nothing is built after them */
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 2), >, 0.9);
  g_assert_cmpuint (steps_after_rows (fractions), >, 0);
  schema_after = text (f, "SELECT sql FROM sqlite_master ORDER BY name");
  g_assert_cmpstr (schema_after, ==, schema_before);
  g_clear_pointer (&schema_after, g_free);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 300);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'incident'"), ==, audit_before);
  g_array_set_size (fractions, 0);

  report = import_file (f, "big.csv", big, FALSE, fractions);
  if (other != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      /* it sees the import once committed */
      g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT count(*) FROM incident", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 300 + N_ROWS - 240);
    }
  g_assert_cmpuint (report->rows_read, ==, N_ROWS);
  /* half of the bar for the rows, then a step for the search index and
   * one for each of the four indexes set aside */
  g_assert_cmpuint (steps_after_rows (fractions), ==, 5);
  g_assert_cmpuint (report->skipped, ==, 60);
  g_assert_cmpuint (report->duplicates, ==, 180);
  g_assert_cmpuint (report->imported, ==, N_ROWS - 60 - 180);
  g_assert_cmpuint (report->without_position, ==, 600);

  for (guint i = 0; i < report->issues->len; i++)
    {
      BbImportIssue *issue = g_ptr_array_index (report->issues, i);

      g_assert_cmpuint (issue->line, >=, last_line);
      last_line = issue->line;
      /* line = row + 1: a note for rows 42, 142, …, never for the duplicates 7, 4007, … */
      if (!issue->skipped)
        {
          g_assert_nonnull (strstr (issue->message, "imported without a position"));
          g_assert_cmpuint ((issue->line - 1) % 100, ==, 42);
          notes++;
        }
      else
        g_assert_cmpuint ((issue->line - 1) % 1000, ==, 250);
    }
  g_assert_cmpuint (report->n_issues, ==, 600 + 60);
  g_assert_cmpuint (report->issues->len, ==, 600 + 60);
  g_assert_cmpuint (notes, ==, 600);

  g_assert_cmpint (count (f, "SELECT count(*) FROM incident"), ==, 300 + N_ROWS - 240);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident WHERE lat IS NULL"), ==, 600);
  /* one audit line for each new incident, none again for the old ones */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'incident'"),
                   ==, audit_before + N_ROWS - 240);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'create' AND table_name = 'incident'"),
                   ==, 300 + N_ROWS - 240);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT row_id) FROM audit_log WHERE action = 'create'"
                             " AND table_name = 'incident'"), ==, 300 + N_ROWS - 240);
  /* every new incident found by its words, the old ones by theirs */
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'lantern'"), ==, N_ROWS - 240);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'earlier'"), ==, 300);
  g_assert_cmpint (count (f, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'lantern 59999'"), ==, 1);
  {
    BB_STORE_LOCK_SCOPE (f->store);
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (f->store),
                                   "INSERT INTO incident_fts (incident_fts) VALUES ('integrity-check')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }

  schema_after = text (f, "SELECT sql FROM sqlite_master ORDER BY name");
  g_assert_cmpstr (schema_after, ==, schema_before);
  fts_config_after = text (f, "SELECT k || '=' || v FROM incident_fts_config ORDER BY k");
  g_assert_cmpstr (fts_config_after, ==, fts_config_before);
  g_assert_cmpint (count (f, "PRAGMA cache_size"), ==, cache_before);
  g_assert_cmpint (count (f, "PRAGMA threads"), ==, 0);
  integrity = text (f, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok\n");
  /* the rollback journal for the import's length, the log again after */
  journal = text (f, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal\n");
  /* the lines the import sealed as it wrote them, and the lines written
   * after them in its transaction, chain as every other line */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), ==, 0);
  {
    BB_STORE_LOCK_SCOPE (f->store);
    g_autoptr(GError) error = NULL;

    g_assert_true (bb_audit_chain_check_db (bb_store_get_db (f->store), "station", NULL, 0, NULL, &error));
    g_assert_no_error (error);
  }
  sqlite3_close (other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-bulk/large-import", Fixture, NULL, fixture_set_up, test_large_import, fixture_tear_down);
  g_test_add ("/import-bulk/large-import-beside-a-reader", Fixture, "reader", fixture_set_up, test_large_import,
              fixture_tear_down);

  return g_test_run ();
}
