/* bb-store-links.c: the links between records: a problem's categories, partners and incidents, a plan's problems */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-private.h"

gboolean
bb_store_set_links_in_transaction (BbStore            *self,
                                   const char         *table,
                                   const char         *owner_column,
                                   const char         *owner_id,
                                   const char         *other_column,
                                   const char * const *other_ids,
                                   GError            **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autofree char *del_sql = NULL;
  g_autofree char *ins_sql = NULL;
  g_autoptr(GString) json = g_string_new ("[");

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (owner_id != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  del_sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1 AND %s NOT IN (SELECT value FROM json_each (?2))",
                             table, owner_column, other_column);
  ins_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, %s) VALUES (?1, ?2)", table, owner_column, other_column);
  del = bb_store_prepare (self, del_sql, error);
  ins = bb_store_prepare (self, ins_sql, error);
  if (del == NULL || ins == NULL)
    return FALSE;

  for (guint i = 0; other_ids != NULL && other_ids[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (other_ids[i], NULL);
      g_string_append_printf (json, "%s\"%s\"", i ? "," : "", escaped);
    }
  g_string_append_c (json, ']');
  sqlite3_bind_text (del, 1, owner_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (del, 2, json->str, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (del) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Saving the links"));
      return FALSE;
    }

  for (guint i = 0; other_ids != NULL && other_ids[i] != NULL; i++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, owner_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, other_ids[i], -1, SQLITE_STATIC);
      if (sqlite3_step (ins) != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Saving the links"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
set_links (BbStore            *self,
           const char         *table,
           const char         *owner_column,
           const char         *owner_id,
           const char         *other_column,
           const char * const *other_ids,
           GError            **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (owner_id != NULL, FALSE);

  if (!bb_store_begin (self, error))
    return FALSE;
  if (!bb_store_set_links_in_transaction (self, table, owner_column, owner_id, other_column, other_ids, error))
    {
      bb_store_rollback (self);
      return FALSE;
    }
  return bb_store_commit (self, error);
}

static GStrv
dup_links (BbStore     *self,
           const char  *table,
           const char  *owner_column,
           const char  *owner_id,
           const char  *other_column,
           const char  *condition,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (owner_id != NULL, NULL);

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ?1%s ORDER BY 1", other_column, table, owner_column,
                         condition ? condition : "");
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the links"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
bb_store_problem_set_categories (BbStore            *self,
                                 const char         *problem_id,
                                 const char * const *category_ids,
                                 GError            **error)
{
  return set_links (self, "problem_category", "problem_id", problem_id, "category_id", category_ids, error);
}

GStrv
bb_store_problem_dup_categories (BbStore     *self,
                                 const char  *problem_id,
                                 GError     **error)
{
  return dup_links (self, "problem_category", "problem_id", problem_id, "category_id", NULL, error);
}

gboolean
bb_store_plan_set_problems (BbStore            *self,
                            const char         *plan_id,
                            const char * const *problem_ids,
                            GError            **error)
{
  return set_links (self, "plan_problem", "plan_id", plan_id, "problem_id", problem_ids, error);
}

GStrv
bb_store_plan_dup_problems (BbStore     *self,
                            const char  *plan_id,
                            GError     **error)
{
  return dup_links (self, "plan_problem", "plan_id", plan_id, "problem_id", NULL, error);
}

gboolean
bb_store_problem_set_partners (BbStore            *self,
                               const char         *problem_id,
                               const char * const *partner_ids,
                               GError            **error)
{
  return set_links (self, "problem_partner", "problem_id", problem_id, "partner_id", partner_ids, error);
}

GStrv
bb_store_problem_dup_partners (BbStore     *self,
                               const char  *problem_id,
                               GError     **error)
{
  return dup_links (self, "problem_partner", "problem_id", problem_id, "partner_id", NULL, error);
}

static gboolean
write_problem_incident (BbStore     *self,
                        const char  *sql,
                        const char  *problem_id,
                        const char  *incident_id,
                        int          included,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problem_id != NULL, FALSE);
  g_return_val_if_fail (incident_id != NULL, FALSE);

  if (!bb_store_begin (self, error))
    return FALSE;
  stmt = bb_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, problem_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_STATIC);
  if (included >= 0)
    sqlite3_bind_int (stmt, 3, included);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Saving the problem’s incidents"));
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (self, error);

fail:
  bb_store_rollback (self);
  return FALSE;
}

gboolean
bb_store_problem_set_incident (BbStore     *self,
                               const char  *problem_id,
                               const char  *incident_id,
                               gboolean     included,
                               GError     **error)
{
  return write_problem_incident (self,
                                 "INSERT INTO problem_incident (problem_id, incident_id, included)"
                                 " VALUES (?1, ?2, ?3)"
                                 " ON CONFLICT (problem_id, incident_id) DO UPDATE SET included = excluded.included"
                                 " WHERE included <> excluded.included",
                                 problem_id, incident_id, included ? 1 : 0, error);
}

gboolean
bb_store_problem_unset_incident (BbStore     *self,
                                 const char  *problem_id,
                                 const char  *incident_id,
                                 GError     **error)
{
  return write_problem_incident (self, "DELETE FROM problem_incident WHERE problem_id = ?1 AND incident_id = ?2",
                                 problem_id, incident_id, -1, error);
}

GStrv
bb_store_problem_dup_incidents (BbStore     *self,
                                const char  *problem_id,
                                gboolean     included,
                                GError     **error)
{
  return dup_links (self, "problem_incident", "problem_id", problem_id, "incident_id",
                    included ? " AND included = 1" : " AND included = 0", error);
}
