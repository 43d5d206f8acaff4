/* bb-store-questionnaire-versions.c: a questionnaire edited after residents answered it becomes a new version */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-surveys"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-private.h"
#include "bb-store-surveys.h"

/* questionnaire.previous_id: the version a version was made from.  It is a
 * column of the questionnaire (0009), not a line of the station's meta
 * table, so that it travels in bundles with the questionnaire. */

/* The id @sql finds for @value, or %NULL. */
static char *
lookup (BbStore    *store,
        const char *sql,
        const char *value)
{
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

char *
bb_store_questionnaire_previous (BbStore    *store,
                                 const char *questionnaire_id)
{
  BB_STORE_READ_SCOPE (store);

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  return lookup (store, "SELECT previous_id FROM questionnaire WHERE id = ?1 AND previous_id IS NOT NULL",
                 questionnaire_id);
}

char *
bb_store_questionnaire_first_version (BbStore    *store,
                                      const char *questionnaire_id)
{
  BB_STORE_READ_SCOPE (store);
  char *id = g_strdup (questionnaire_id);
  char *previous;
  guint guard = 0;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  while (guard++ < 1000 && (previous = bb_store_questionnaire_previous (store, id)) != NULL)
    {
      g_free (id);
      id = previous;
    }
  return id;
}

char *
bb_store_questionnaire_latest_version (BbStore    *store,
                                       const char *questionnaire_id)
{
  BB_STORE_READ_SCOPE (store);
  char *id = g_strdup (questionnaire_id);
  char *next;
  guint guard = 0;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  while (guard++ < 1000
         && (next = lookup (store, "SELECT id FROM questionnaire WHERE previous_id = ?1"
                                   " ORDER BY created_at, id LIMIT 1", id)) != NULL)
    {
      g_free (id);
      id = next;
    }
  return id;
}

gboolean
bb_store_questionnaire_has_responses (BbStore     *store,
                                      const char  *questionnaire_id,
                                      GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  stmt = bb_store_prepare (store,
                           "SELECT EXISTS (SELECT 1 FROM survey_response AS r JOIN survey AS s ON s.id = r.survey_id"
                           " WHERE s.questionnaire_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, questionnaire_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

char *
bb_store_questionnaire_new_version (BbStore     *store,
                                    const char  *questionnaire_id,
                                    GError     **error)
{
  g_autoptr(BbQuestionnaire) old = NULL;
  g_autoptr(BbQuestionnaire) version = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autofree char *first = NULL;
  g_autofree char *base = NULL;
  guint number = 2;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (questionnaire_id != NULL, NULL);

  if (!bb_store_begin (store, error))
    return NULL;
  old = bb_store_questionnaire_get (store, questionnaire_id, error);
  questions = old != NULL ? bb_store_question_list (store, questionnaire_id, error) : NULL;
  if (questions == NULL)
    goto fail;
  /* "Resident survey (version 3)": the first version's title, numbered. */
  first = bb_store_questionnaire_first_version (store, questionnaire_id);
  {
    g_autofree char *id = g_strdup (questionnaire_id);
    char *previous;

    while (number < 1000 && (previous = bb_store_questionnaire_previous (store, id)) != NULL)
      {
        g_free (id);
        id = previous;
        number++;
      }
  }
  {
    g_autoptr(BbQuestionnaire) root = bb_store_questionnaire_get (store, first, NULL);

    base = g_strdup (root != NULL ? root->title : old->title);
  }
  version = bb_questionnaire_new ();
  /* Translators: the title of a new version of a questionnaire: its first title and the version's number */
  version->title = g_strdup_printf (_("%s (version %u)"), base, number);
  if (!bb_store_write_in_transaction (store, &bb_questionnaire_record, version, FALSE, error))
    goto fail;
  for (guint i = 0; i < questions->len; i++)
    {
      g_autoptr(BbQuestion) q = bb_question_copy (g_ptr_array_index (questions, i));

      g_clear_pointer (&q->id, g_free);
      g_free (q->questionnaire_id);
      q->questionnaire_id = g_strdup (version->id);
      if (!bb_store_write_in_transaction (store, &bb_question_record, q, FALSE, error))
        goto fail;
    }
  link = bb_store_prepare (store, "UPDATE questionnaire SET previous_id = ?2 WHERE id = ?1", error);
  if (link == NULL)
    goto fail;
  sqlite3_bind_text (link, 1, version->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (link, 2, questionnaire_id, -1, SQLITE_STATIC);
  if (sqlite3_step (link) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Recording the version of a questionnaire"));
      goto fail;
    }
  g_clear_pointer (&link, sqlite3_finalize);
  if (!bb_store_commit (store, error))
    return NULL;
  return g_strdup (version->id);

fail:
  bb_store_rollback (store);
  return NULL;
}

gboolean
bb_store_questionnaire_drop_version (BbStore     *store,
                                     const char  *questionnaire_id,
                                     GError     **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);

  /* The link goes with the row. */
  return bb_store_delete (store, &bb_questionnaire_record, questionnaire_id, error);
}
