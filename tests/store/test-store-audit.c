/* test-store-audit.c: the audit log records every change and cannot be changed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-store-private.h"
#include "store-test-util.h"

static BbAuditEntry *
entry (GPtrArray *entries,
       guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

static void
test_audit_trail (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Audit Station", &error);
  g_autoptr(BbCategory) category = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *user = NULL;
  gint64 start = g_get_real_time ();
  gint64 before;

  g_assert_no_error (error);
  user = bb_store_dup_user (store);
  g_assert_cmpstr (user, ==, g_get_user_name ());
  bb_store_set_user (store, "Insp. Kalnina");

  category = bb_store_category_get_by_code (store, "vandalism.graffiti", &error);
  incident->category_id = g_strdup (category->id);
  incident->occurred_start = 1714550400;
  incident->description = g_strdup ("Graffiti on the bus shelter");

  before = bb_store_count (store, "audit_log", NULL);
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  g_free (incident->status);
  incident->status = g_strdup ("cleared");
  g_free (incident->description);
  incident->description = g_strdup ("Graffiti on the bus shelter, cleaned by the municipality");
  g_assert_true (bb_store_incident_update (store, incident, &error));
  bb_store_set_user (store, "Sgt. Ozols");
  g_assert_true (bb_store_incident_delete (store, incident->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, before + 3);

  entries = bb_store_audit_list (store, 0, "incident", incident->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (entry (entries, 0)->action, ==, "delete");
  g_assert_cmpstr (entry (entries, 0)->user_name, ==, "Sgt. Ozols");
  g_assert_cmpstr (entry (entries, 1)->action, ==, "update");
  g_assert_cmpstr (entry (entries, 1)->user_name, ==, "Insp. Kalnina");
  /* An update names the columns that changed, and only those. */
  g_assert_cmpstr (entry (entries, 1)->detail, ==, "description status");
  g_assert_cmpstr (entry (entries, 2)->action, ==, "create");
  g_assert_cmpstr (entry (entries, 2)->table_name, ==, "incident");
  g_assert_cmpstr (entry (entries, 2)->row_id, ==, incident->id);
  g_assert_cmpint (entry (entries, 2)->at, >=, start);
  g_assert_cmpint (entry (entries, 2)->at, <=, g_get_real_time ());
  g_assert_cmpint (entry (entries, 0)->seq, >, entry (entries, 1)->seq);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A write that does not go through the record API (as the demo writer
   * and imports do) is audited too. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO incident (id, station_id, category_id, occurred_start,"
                                            " source, created_at, updated_at)"
                                            " VALUES ('raw-1', 's', '%s', 0, 'import', 0, 0)", category->id);
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  entries = bb_store_audit_list (store, 1, NULL, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry (entries, 0)->row_id, ==, "raw-1");
  g_assert_cmpstr (entry (entries, 0)->action, ==, "create");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Links are audited by their two ends. */
  {
    g_autoptr(BbProblem) problem = bb_problem_new ();
    const char *ids[] = { category->id, NULL };
    g_autofree char *row = NULL;

    problem->title = g_strdup ("Graffiti along the river path");
    g_assert_true (bb_store_problem_insert (store, problem, &error));
    g_assert_true (bb_store_problem_set_categories (store, problem->id, ids, &error));
    g_assert_no_error (error);
    row = g_strconcat (problem->id, "/", category->id, NULL);
    entries = bb_store_audit_list (store, 0, "problem_category", row, &error);
    g_assert_cmpuint (entries->len, ==, 1);
  }

  rm_dir (dir);
}

static void
test_log_cannot_change (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "station.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Audit Station", &error);
  g_autoptr(BbOfficer) officer = bb_officer_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  sqlite3 *db = bb_store_get_db (store);
  char *message = NULL;
  gint64 n;

  officer->name = g_strdup ("Juris Liepa");
  g_assert_true (bb_store_officer_insert (store, officer, &error));
  g_assert_no_error (error);
  n = bb_store_count (store, "audit_log", NULL);
  g_assert_cmpint (n, >, 0);
  before = bb_store_audit_list (store, 0, NULL, NULL, &error);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET user_name = 'nobody'", NULL, NULL, &message),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_nonnull (strstr (message, "audit log cannot be changed"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE seq = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);

  after = bb_store_audit_list (store, 0, NULL, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (bb_store_count (store, "audit_log", NULL), ==, n);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((BbAuditEntry *) after->pdata[i])->user_name, ==,
                     ((BbAuditEntry *) before->pdata[i])->user_name);

  rm_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/audit/trail", test_audit_trail);
  g_test_add_func ("/store/audit/cannot-change", test_log_cannot_change);

  return g_test_run ();
}
