/* bb-ical-write.c: the events read from an iCalendar file written into the station: new ones added, known ones (by UID) updated, occurrences kept with their series */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-ical"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "bb-ical-private.h"
#include "bb-store-calendar.h"
#include "bb-store-private.h"

static void
bind_opt_text (sqlite3_stmt *stmt,
               int           n,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, n, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, n);
}

static gboolean
step_done (BbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Importing the calendar"));
      return FALSE;
    }
  return TRUE;
}

/* Finds a row: a series or one-off by UID (or, for Beatbook's own
 * exports of events that came with no UID, by id), an exception by its
 * series and original start. */
static char *
find_event (BbStore     *store,
            const char  *uid,
            const char  *series_id,
            gint64       recurrence_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (series_id == NULL)
    {
      stmt = bb_store_prepare (store, "SELECT id FROM event WHERE (ical_uid = ?1 OR id = ?1) AND series_id IS NULL"
                                      " ORDER BY ical_uid IS NULL LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
    }
  else
    {
      stmt = bb_store_prepare (store, "SELECT id FROM event WHERE series_id = ?1 AND recurrence_id = ?2 LIMIT 1",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, series_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, recurrence_id);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    bb_store_set_error_from_db (store, error, _("Importing the calendar"));
  return NULL;
}

/* Adds or updates one row; @id_out gets its id. */
static gboolean
write_event (Import         *imp,
             const BbEvent  *e,
             const char     *uid,
             const char     *series_id,
             gboolean        keep_minutes,
             char          **id_out,
             gboolean       *added,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = bb_store_now_us ();

  id = find_event (imp->store, uid, series_id, e->recurrence_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *added = id == NULL;
  if (id == NULL)
    {
      id = bb_store_new_uuid ();
      stmt = bb_store_prepare (imp->store,
                               "INSERT INTO event (id, station_id, title, kind, start_at, end_at, all_day, tzid,"
                               " rrule, cancelled, place, lat, lon, district_id, head_count, agenda, minutes,"
                               " series_id, recurrence_id, ical_uid, created_at, updated_at)"
                               " VALUES (?1, ?20, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                               " coalesce (?16, ''), ?17, ?18, ?19, ?21, ?21)", error);
    }
  else
    stmt = bb_store_prepare (imp->store,
                             "UPDATE event SET title = ?2, kind = ?3, start_at = ?4, end_at = ?5, all_day = ?6,"
                             " tzid = ?7, rrule = ?8, cancelled = ?9, place = ?10, lat = ?11, lon = ?12,"
                             " district_id = coalesce (?13, district_id), head_count = coalesce (?14, head_count),"
                             " agenda = ?15, minutes = coalesce (?16, minutes), updated_at = ?21"
                             " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, e->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, e->start_at);
  sqlite3_bind_int64 (stmt, 5, e->end_at);
  sqlite3_bind_int (stmt, 6, e->all_day ? 1 : 0);
  sqlite3_bind_text (stmt, 7, e->tzid, -1, SQLITE_STATIC);
  bind_opt_text (stmt, 8, e->rrule);
  sqlite3_bind_int (stmt, 9, e->cancelled ? 1 : 0);
  sqlite3_bind_text (stmt, 10, e->place ? e->place : "", -1, SQLITE_STATIC);
  if (isnan (e->lat) || isnan (e->lon))
    {
      sqlite3_bind_null (stmt, 11);
      sqlite3_bind_null (stmt, 12);
    }
  else
    {
      sqlite3_bind_double (stmt, 11, e->lat);
      sqlite3_bind_double (stmt, 12, e->lon);
    }
  bind_opt_text (stmt, 13, e->district_id);
  if (e->head_count >= 0)
    sqlite3_bind_int (stmt, 14, e->head_count);
  else
    sqlite3_bind_null (stmt, 14);
  sqlite3_bind_text (stmt, 15, e->agenda ? e->agenda : "", -1, SQLITE_STATIC);
  bind_opt_text (stmt, 16, keep_minutes ? NULL : e->minutes);
  bind_opt_text (stmt, 17, series_id);
  if (series_id != NULL)
    sqlite3_bind_int64 (stmt, 18, e->recurrence_id);
  else
    sqlite3_bind_null (stmt, 18);
  bind_opt_text (stmt, 19, series_id == NULL ? uid : NULL);
  sqlite3_bind_text (stmt, 20, bb_store_get_station_id (imp->store), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 21, now);
  if (!step_done (imp->store, stmt, error))
    return FALSE;
  *id_out = g_steal_pointer (&id);
  return TRUE;
}

gboolean
bb_ical_write_all (Import     *imp,
           GPtrArray  *parsed,
           GError    **error)
{
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Series and one-off events first, then the occurrences that change
   * or cancel one of them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < parsed->len; i++)
      {
        Parsed *p = g_ptr_array_index (parsed, i);
        BbEvent *e = p->event;
        g_autofree char *id = NULL;
        g_autofree char *uid = NULL;
        gboolean added;

        if ((pass == 0) != (e->recurrence_id == BB_UNSET_TIME))
          continue;
        if (p->new_kind_code != NULL)
          {
            g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (imp->store,
                                                             "INSERT OR IGNORE INTO event_kind (code, name, sort_order)"
                                                             " VALUES (?1, ?2, (SELECT coalesce (max (sort_order), 0) + 1"
                                                             " FROM event_kind))", error);

            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, p->new_kind_code, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 2, p->new_kind_name, -1, SQLITE_STATIC);
            if (!step_done (imp->store, stmt, error))
              return FALSE;
          }
        if (pass == 0)
          {
            uid = p->uid != NULL ? g_strdup (p->uid) : bb_store_new_uuid ();
            if (!write_event (imp, e, uid, NULL, !p->has_minutes, &id, &added, error))
              return FALSE;
            if (added)
              imp->report->n_added++;
            else
              imp->report->n_updated++;
            for (guint k = 0; k < p->exdates->len; k++)
              {
                g_autoptr(BbEvent) x = bb_event_copy (e);
                g_autofree char *x_id = NULL;
                gboolean x_added;

                x->recurrence_id = g_array_index (p->exdates, gint64, k);
                x->end_at = x->recurrence_id + (e->end_at - e->start_at);
                x->start_at = x->recurrence_id;
                g_clear_pointer (&x->rrule, g_free);
                x->cancelled = TRUE;
                if (!write_event (imp, x, NULL, id, TRUE, &x_id, &x_added, error))
                  return FALSE;
              }
            g_hash_table_insert (series, g_steal_pointer (&uid), g_steal_pointer (&id));
          }
        else
          {
            const char *series_id = p->uid ? g_hash_table_lookup (series, p->uid) : NULL;
            g_autofree char *stored = NULL;

            if (series_id == NULL && p->uid != NULL)
              {
                g_autoptr(GError) local_error = NULL;

                stored = find_event (imp->store, p->uid, NULL, 0, &local_error);
                if (local_error != NULL)
                  {
                    g_propagate_error (error, g_steal_pointer (&local_error));
                    return FALSE;
                  }
                series_id = stored;
              }
            if (series_id == NULL)
              {
                bb_ical_report_problem (imp, p->chunk, bb_ical_line_of_property (p->chunk, "RECURRENCE-ID"),
                                _("this changed occurrence belongs to a repeating event that is neither in the file nor in the station"));
                continue;
              }
            if (p->kind_guessed || e->district_id == NULL)
              {
                g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (imp->store,
                                                                 "SELECT kind, district_id FROM event WHERE id = ?1",
                                                                 error);

                if (stmt == NULL)
                  return FALSE;
                sqlite3_bind_text (stmt, 1, series_id, -1, SQLITE_STATIC);
                if (sqlite3_step (stmt) == SQLITE_ROW)
                  {
                    if (p->kind_guessed)
                      {
                        g_free (e->kind);
                        e->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
                      }
                    if (e->district_id == NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
                      e->district_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
                  }
              }
            if (!write_event (imp, e, NULL, series_id, !p->has_minutes, &id, &added, error))
              return FALSE;
            if (added)
              imp->report->n_added++;
            else
              imp->report->n_updated++;
          }
      }
  return TRUE;
}
