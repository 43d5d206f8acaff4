/* bb-store-audit.c: counts of the station's tables and its audit log: reading it, and adding exports and disclosures */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-private.h"

gint64
bb_store_count (BbStore     *self,
                const char  *table,
                GError     **error)
{
  BB_STORE_READ_SCOPE (self);
  static const char * const tables[] = {
    "station", "district", "officer", "partner", "advisory_member", "category",
    "incident", "problem", "response", "task", "plan", "objective", "indicator",
    "plan_review", "event", "event_attendee", "concern", "questionnaire",
    "question", "survey", "survey_response", "survey_answer", "document", "geo_layer",
    "event_kind", "problem_category", "problem_incident", "problem_partner",
    "plan_problem", "survey_aggregate", "officer_area", "audit_log", NULL
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  if (!g_strv_contains (tables, table))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("The station has no table “%s”"), table);
      return -1;
    }

  /* The name was checked against the list above. */
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bb_store_set_error_from_db (self, error, _("Counting records"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
bb_store_audit_record (BbStore     *self,
                       const char  *action,
                       const char  *table_name,
                       const char  *row_id,
                       const char  *detail,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && table_name != NULL, FALSE);

  if (!bb_store_begin (self, error))
    return FALSE;
  stmt = bb_store_prepare (self,
                           "INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)"
                           " VALUES (bb_now_us (), bb_audit_user (), ?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, detail != NULL ? detail : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Writing the audit log"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (self, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bb_store_rollback (self);
  return FALSE;
}

GPtrArray *
bb_store_audit_list (BbStore     *self,
                     guint        limit,
                     const char  *table_name,
                     const char  *row_id,
                     GError     **error)
{
  BB_STORE_READ_SCOPE (self);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  stmt = bb_store_prepare (self,
                           "SELECT seq, at, user_name, action, table_name, row_id, detail FROM audit_log"
                           " WHERE (?1 IS NULL OR table_name = ?1) AND (?2 IS NULL OR row_id = ?2)"
                           " ORDER BY seq DESC LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BbAuditEntry *e = g_new0 (BbAuditEntry, 1);

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->table_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      e->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the audit log"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}
