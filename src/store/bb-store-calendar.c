/* bb-store-calendar.c: the calendar's queries: occurrences in a range, deadlines, concerns followed up */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-calendar"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "bb-recurrence.h"
#include "bb-store-calendar.h"
#include "bb-store-private.h"

G_DEFINE_BOXED_TYPE (BbCalendarItem, bb_calendar_item, bb_calendar_item_copy, bb_calendar_item_free)

BbCalendarItem *
bb_calendar_item_copy (const BbCalendarItem *self)
{
  BbCalendarItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->series_id = g_strdup (self->series_id);
  copy->title = g_strdup (self->title);
  copy->event_kind = g_strdup (self->event_kind);
  copy->district_id = g_strdup (self->district_id);
  copy->station_id = g_strdup (self->station_id);
  copy->place = g_strdup (self->place);
  copy->context = g_strdup (self->context);
  return copy;
}

void
bb_calendar_item_free (BbCalendarItem *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->series_id);
  g_free (self->title);
  g_free (self->event_kind);
  g_free (self->district_id);
  g_free (self->station_id);
  g_free (self->place);
  g_free (self->context);
  g_free (self);
}

void
bb_report_back_free (BbReportBack *self)
{
  if (self == NULL)
    return;
  g_free (self->concern_id);
  g_free (self->text);
  g_free (self->incident_id);
  g_free (self->incident_status);
  g_free (self->problem_id);
  g_free (self->problem_title);
  g_free (self->problem_stage);
  g_free (self);
}

static BbCalendarItem *
item_for_event (const BbEvent *e,
                gint64         start,
                gint64         end)
{
  BbCalendarItem *item = g_new0 (BbCalendarItem, 1);

  item->kind = BB_CALENDAR_ITEM_EVENT;
  item->id = g_strdup (e->id);
  item->start = start;
  item->end = end;
  item->all_day = e->all_day;
  item->title = g_strdup (e->title);
  item->event_kind = g_strdup (e->kind);
  item->district_id = g_strdup (e->district_id);
  item->station_id = g_strdup (e->station_id);
  item->place = g_strdup (e->place);
  item->recurrence_id = BB_UNSET_TIME;
  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const BbCalendarItem *x = *(const BbCalendarItem * const *) a;
  const BbCalendarItem *y = *(const BbCalendarItem * const *) b;

  /* Deadlines of a day come before its events, all-day events too. */
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->all_day != y->all_day)
    return x->all_day ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind > y->kind ? -1 : 1;
  return g_strcmp0 (x->title, y->title);
}

/* Whether a record written by @station_id is among those chosen (none
 * chosen: all are). */
static gboolean
station_chosen (const char * const *station_ids,
                const char         *station_id)
{
  return station_ids == NULL || station_ids[0] == NULL
         || (station_id != NULL && g_strv_contains (station_ids, station_id));
}

static char *
exception_key (const char *series_id,
               gint64      recurrence_id)
{
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, series_id, recurrence_id);
}

static GDateTime *
station_local (BbStore *self,
               gint64   t)
{
  g_autoptr(BbStation) station = bb_store_station_get (self, NULL);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  if (station != NULL && station->timezone != NULL)
    tz = g_time_zone_new_identifier (station->timezone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return g_date_time_to_timezone (utc, tz);
}

static gboolean
add_deadlines (BbStore            *self,
               GPtrArray          *items,
               gint64              from,
               gint64              to,
               const char         *district_id,
               const char * const *station_ids,
               GError            **error)
{
  static const char * const queries[] = {
    "SELECT t.id, t.title, t.due_date, t.done, coalesce (p.title, pl.title), coalesce (p.district_id, pl.district_id),"
    " t.station_id"
    " FROM task t LEFT JOIN response r ON r.id = t.response_id LEFT JOIN problem p ON p.id = r.problem_id"
    " LEFT JOIN plan pl ON pl.id = t.plan_id WHERE t.due_date >= ?1 AND t.due_date <= ?2",
    "SELECT pr.id, pl.title, pr.review_date, pr.done, pl.title, pl.district_id, pr.station_id"
    " FROM plan_review pr JOIN plan pl ON pl.id = pr.plan_id WHERE pr.review_date >= ?1 AND pr.review_date <= ?2",
  };
  g_autoptr(GDateTime) first = station_local (self, from);
  g_autoptr(GDateTime) last = station_local (self, to - 1);
  g_autofree char *first_date = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *last_date = g_date_time_format (last, "%Y-%m-%d");
  GTimeZone *tz = g_date_time_get_timezone (first);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, queries[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, first_date, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, last_date, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *district = (const char *) sqlite3_column_text (stmt, 5);
          const char *date = (const char *) sqlite3_column_text (stmt, 2);
          g_autoptr(GDateTime) day = NULL;
          BbCalendarItem *item;
          int y, m, d;

          if (district_id != NULL && g_strcmp0 (district, district_id) != 0)
            continue;
          if (!station_chosen (station_ids, (const char *) sqlite3_column_text (stmt, 6)))
            continue;
          if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
            continue;
          day = g_date_time_new (tz, y, m, d, 0, 0, 0);
          if (day == NULL)
            continue;
          item = g_new0 (BbCalendarItem, 1);
          item->kind = q == 0 ? BB_CALENDAR_ITEM_TASK : BB_CALENDAR_ITEM_REVIEW;
          item->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          item->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          item->done = sqlite3_column_int (stmt, 3) != 0;
          item->context = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          item->district_id = g_strdup (district);
          item->station_id = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          item->start = g_date_time_to_unix (day);
          item->end = item->start + 24 * 3600;
          item->all_day = TRUE;
          item->recurrence_id = BB_UNSET_TIME;
          g_ptr_array_add (items, item);
        }
      if (rc != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Reading the deadlines"));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
bb_store_calendar_items (BbStore     *self,
                         gint64       from,
                         gint64       to,
                         const char  *kind,
                         const char  *district_id,
                         GError     **error)
{
  return bb_store_calendar_items_for_stations (self, from, to, kind, district_id, NULL, error);
}

GPtrArray *
bb_store_calendar_items_for_stations (BbStore            *self,
                                      gint64              from,
                                      gint64              to,
                                      const char         *kind,
                                      const char         *district_id,
                                      const char * const *station_ids,
                                      GError            **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) exceptions = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean deadlines_only;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (from <= to, NULL);

  deadlines_only = g_strcmp0 (kind, BB_CALENDAR_KIND_DEADLINES) == 0;
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_calendar_item_free);

  if (!deadlines_only)
    {
      events = bb_store_event_list (self, from, to, error);
      if (events == NULL)
        return NULL;

      /* Occurrences of a series that have a row of their own (changed or
       * cancelled) are not expanded from the rule. */
      exceptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      stmt = bb_store_prepare (self, "SELECT series_id, recurrence_id FROM event"
                                     " WHERE series_id IS NOT NULL AND recurrence_id IS NOT NULL", error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (exceptions, exception_key ((const char *) sqlite3_column_text (stmt, 0),
                                                     sqlite3_column_int64 (stmt, 1)));
      if (rc != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Reading the calendar"));
          return NULL;
        }

      for (guint i = 0; i < events->len; i++)
        {
          const BbEvent *e = g_ptr_array_index (events, i);
          gint64 duration = e->end_at - e->start_at;

          if (kind != NULL && g_strcmp0 (e->kind, kind) != 0)
            continue;
          if (district_id != NULL && g_strcmp0 (e->district_id, district_id) != 0)
            continue;
          if (!station_chosen (station_ids, e->station_id))
            continue;

          if (e->rrule != NULL && *e->rrule != '\0' && e->series_id == NULL)
            {
              g_autoptr(GError) local_error = NULL;
              g_autoptr(GArray) starts = bb_recurrence_expand (e->rrule, e->start_at, e->tzid,
                                                               from - duration + (duration > 0 ? 1 : 0), to, 0,
                                                               &local_error);

              if (starts == NULL)
                {
                  /* A rule the station cannot expand still shows its
                   * first occurrence rather than nothing. */
                  g_debug ("Event %s: %s", e->id, local_error->message);
                  starts = g_array_new (FALSE, FALSE, sizeof (gint64));
                  if (e->start_at < to && e->end_at >= from)
                    g_array_append_val (starts, e->start_at);
                }
              for (guint k = 0; k < starts->len; k++)
                {
                  gint64 s = g_array_index (starts, gint64, k);
                  g_autofree char *key = exception_key (e->id, s);
                  BbCalendarItem *item;

                  if (g_hash_table_contains (exceptions, key))
                    continue;
                  item = item_for_event (e, s, s + duration);
                  item->series_id = g_strdup (e->id);
                  item->recurrence_id = s;
                  g_ptr_array_add (items, item);
                }
            }
          else if (!e->cancelled && e->start_at < to && (e->end_at > from || e->start_at >= from))
            {
              BbCalendarItem *item = item_for_event (e, e->start_at, e->end_at);

              item->series_id = g_strdup (e->series_id);
              item->recurrence_id = e->recurrence_id;
              g_ptr_array_add (items, item);
            }
        }
    }

  if ((kind == NULL || deadlines_only) && !add_deadlines (self, items, from, to, district_id, station_ids, error))
    return NULL;

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

typedef struct {
  gint64 from, to;
  char  *kind;
  char  *district_id;
  GStrv  station_ids;
} ItemsQuery;

static void
items_query_free (ItemsQuery *q)
{
  g_free (q->kind);
  g_free (q->district_id);
  g_strfreev (q->station_ids);
  g_free (q);
}

static gpointer
items_func (BbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ItemsQuery *q = data;

  return bb_store_calendar_items_for_stations (store, q->from, q->to, q->kind, q->district_id,
                                               (const char * const *) q->station_ids, error);
}

void
bb_store_calendar_items_async (BbStore             *self,
                               gint64               from,
                               gint64               to,
                               const char          *kind,
                               const char          *district_id,
                               const char * const  *station_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ItemsQuery *q = g_new0 (ItemsQuery, 1);

  g_return_if_fail (BB_IS_STORE (self));

  q->from = from;
  q->to = to;
  q->kind = g_strdup (kind);
  q->district_id = g_strdup (district_id);
  q->station_ids = g_strdupv ((char **) station_ids);
  bb_store_run_async_full (self, items_func, (GDestroyNotify) g_ptr_array_unref, q,
                           (GDestroyNotify) items_query_free, cancellable, callback, user_data);
}

GPtrArray *
bb_store_calendar_items_finish (BbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return bb_store_run_finish (self, result, error);
}

GPtrArray *
bb_store_event_kind_list (BbStore  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);

  stmt = bb_store_prepare (self, "SELECT code, name FROM event_kind ORDER BY sort_order, name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Reading the kinds of events"));
      return NULL;
    }
  return g_steal_pointer (&kinds);
}

gboolean
bb_store_calendar_set_done (BbStore             *self,
                            BbCalendarItemKind   kind,
                            const char          *id,
                            gboolean             done,
                            GError             **error)
{
  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (kind == BB_CALENDAR_ITEM_TASK)
    {
      g_autoptr(BbTask) task = bb_store_task_get (self, id, error);

      if (task == NULL)
        return FALSE;
      task->done = done;
      return bb_store_task_update (self, task, error);
    }
  if (kind == BB_CALENDAR_ITEM_REVIEW)
    {
      g_autoptr(BbPlanReview) review = bb_store_plan_review_get (self, id, error);

      if (review == NULL)
        return FALSE;
      review->done = done;
      return bb_store_plan_review_update (self, review, error);
    }
  g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("Only tasks and plan reviews can be ticked off"));
  return FALSE;
}

gboolean
bb_store_event_shift_exceptions (BbStore     *self,
                                 const char  *series_id,
                                 gint64       shift,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (self), FALSE);
  g_return_val_if_fail (series_id != NULL, FALSE);

  if (shift == 0)
    return TRUE;
  if (!bb_store_begin (self, error))
    return FALSE;
  stmt = bb_store_prepare (self, "UPDATE event SET recurrence_id = recurrence_id + ?1, updated_at = ?2"
                                 " WHERE series_id = ?3 AND recurrence_id IS NOT NULL", error);
  if (stmt == NULL)
    {
      bb_store_rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, shift);
  sqlite3_bind_int64 (stmt, 2, bb_store_now_us ());
  sqlite3_bind_text (stmt, 3, series_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Moving the series’ changed occurrences"));
      bb_store_rollback (self);
      return FALSE;
    }
  return bb_store_commit (self, error);
}

/* Concerns --------------------------------------------------------------- */

typedef struct {
  char   *text;
  char   *incident_id;
  char   *problem_id;
  char   *event_title;
  gint64  event_start;
  char   *district_id;
  char   *place;
  gboolean has_position;
  double  lat, lon;
} ConcernRow;

static void
concern_row_clear (ConcernRow *row)
{
  g_free (row->text);
  g_free (row->incident_id);
  g_free (row->problem_id);
  g_free (row->event_title);
  g_free (row->district_id);
  g_free (row->place);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_concern (BbStore     *self,
              const char  *concern_id,
              ConcernRow  *row,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = bb_store_prepare (self, "SELECT c.text, c.incident_id, c.problem_id, e.title, e.start_at, e.district_id,"
                                 " e.place, e.lat, e.lon FROM concern c JOIN event e ON e.id = c.event_id"
                                 " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, concern_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                             _("The concern is no longer in the station"));
      else
        bb_store_set_error_from_db (self, error, _("Reading the concern"));
      return FALSE;
    }
  row->text = dup_column (stmt, 0);
  row->incident_id = dup_column (stmt, 1);
  row->problem_id = dup_column (stmt, 2);
  row->event_title = dup_column (stmt, 3);
  row->event_start = sqlite3_column_int64 (stmt, 4);
  row->district_id = dup_column (stmt, 5);
  row->place = dup_column (stmt, 6);
  row->has_position = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  row->lat = sqlite3_column_double (stmt, 7);
  row->lon = sqlite3_column_double (stmt, 8);
  return TRUE;
}

static gboolean
link_concern (BbStore     *self,
              const char  *concern_id,
              const char  *column,
              const char  *id,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE concern SET %s = ?1, updated_at = ?2 WHERE id = ?3", column);
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, bb_store_now_us ());
  sqlite3_bind_text (stmt, 3, concern_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Linking the concern"));
      return FALSE;
    }
  return TRUE;
}

char *
bb_store_concern_make_incident (BbStore     *self,
                                const char  *concern_id,
                                const char  *category_id,
                                GError     **error)
{
  ConcernRow row = { NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  gint64 now = bb_store_now_us ();

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (concern_id != NULL, NULL);
  g_return_val_if_fail (category_id != NULL, NULL);

  if (!bb_store_begin (self, error))
    return NULL;
  if (!read_concern (self, concern_id, &row, error))
    goto fail;
  if (row.incident_id != NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("This concern is already recorded as an incident"));
      goto fail;
    }
  id = bb_store_new_uuid ();
  stmt = bb_store_prepare (self, "INSERT INTO incident (id, station_id, category_id, occurred_start, reported_at,"
                                 " lat, lon, district_id, district_overridden, address, description, source, status,"
                                 " created_at, updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'meeting', 'open', ?11, ?11)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bb_store_get_station_id (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, category_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, row.event_start);
  if (row.has_position)
    {
      sqlite3_bind_double (stmt, 5, row.lat);
      sqlite3_bind_double (stmt, 6, row.lon);
    }
  if (row.district_id != NULL)
    sqlite3_bind_text (stmt, 7, row.district_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, row.district_id != NULL);
  sqlite3_bind_text (stmt, 9, row.place ? row.place : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, row.text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Recording the concern as an incident"));
      goto fail;
    }
  if (!link_concern (self, concern_id, "incident_id", id, error) || !bb_store_commit (self, error))
    goto fail;
  concern_row_clear (&row);
  return g_steal_pointer (&id);

fail:
  bb_store_rollback (self);
  concern_row_clear (&row);
  return NULL;
}

/* A problem's title from the concern: its first sentence, or its first
 * words, short enough for a card on the board. */
static char *
title_from_text (const char *text)
{
  const char *end = text;
  g_autofree char *cut = NULL;

  while (*end != '\0' && *end != '.' && *end != '\n' && *end != '?' && *end != '!')
    end = g_utf8_next_char (end);
  cut = g_strstrip (g_strndup (text, (gsize) (end - text)));
  if (g_utf8_strlen (cut, -1) > 80)
    {
      char *space;

      *g_utf8_offset_to_pointer (cut, 77) = '\0';
      space = strrchr (cut, ' ');
      if (space != NULL && space - cut > 40)
        *space = '\0';
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&cut);
}

char *
bb_store_concern_make_problem (BbStore     *self,
                               const char  *concern_id,
                               GError     **error)
{
  ConcernRow row = { NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *statement = NULL;
  gint64 now = bb_store_now_us ();

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (concern_id != NULL, NULL);

  if (!bb_store_begin (self, error))
    return NULL;
  if (!read_concern (self, concern_id, &row, error))
    goto fail;
  if (row.problem_id != NULL)
    {
      g_set_error_literal (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                           _("This concern is already a problem on the board"));
      goto fail;
    }
  id = bb_store_new_uuid ();
  title = title_from_text (row.text);
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (_("Concern raised at a meeting"));
    }
  when = station_local (self, row.event_start);
  date = g_date_time_format (when, _("%Y-%m-%d"));
  /* Translators: the concern's text, then the meeting's title and date */
  statement = g_strdup_printf (_("%s\n\nRaised by residents at “%s” on %s."), row.text, row.event_title, date);
  stmt = bb_store_prepare (self, "INSERT INTO problem (id, station_id, title, statement, stage, district_id,"
                                 " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'scanning', ?5, ?6, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bb_store_get_station_id (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, statement, -1, SQLITE_STATIC);
  if (row.district_id != NULL)
    sqlite3_bind_text (stmt, 5, row.district_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Opening a problem for the concern"));
      goto fail;
    }
  if (!link_concern (self, concern_id, "problem_id", id, error) || !bb_store_commit (self, error))
    goto fail;
  concern_row_clear (&row);
  return g_steal_pointer (&id);

fail:
  bb_store_rollback (self);
  concern_row_clear (&row);
  return NULL;
}

GPtrArray *
bb_store_event_report_back (BbStore     *self,
                            const char  *kind,
                            const char  *district_id,
                            gint64       start,
                            char       **previous_id,
                            gint64      *previous_start,
                            GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_report_back_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *previous = NULL;
  gint64 at = 0;
  int rc;
  BB_STORE_LOCK_SCOPE (self);

  g_return_val_if_fail (BB_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  /* The last meeting of the group that took place: a row of its own
   * (a one-off or an occurrence with its minutes), not a series' rule. */
  stmt = bb_store_prepare (self, "SELECT id, start_at FROM event WHERE kind = ?1 AND district_id IS ?2"
                                 " AND start_at < ?3 AND (rrule IS NULL OR series_id IS NOT NULL) AND cancelled = 0"
                                 " ORDER BY start_at DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (district_id != NULL)
    sqlite3_bind_text (stmt, 2, district_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, start);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      previous = dup_column (stmt, 0);
      at = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (self, error, _("Finding the previous meeting"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (previous != NULL)
    {
      stmt = bb_store_prepare (self,
                               "SELECT c.id, c.text, c.incident_id, i.status, c.problem_id, p.title, p.stage,"
                               " (SELECT count (*) FROM task t JOIN response r ON r.id = t.response_id"
                               "   WHERE r.problem_id = c.problem_id AND t.done = 1),"
                               " (SELECT count (*) FROM task t JOIN response r ON r.id = t.response_id"
                               "   WHERE r.problem_id = c.problem_id)"
                               " FROM concern c LEFT JOIN incident i ON i.id = c.incident_id"
                               " LEFT JOIN problem p ON p.id = c.problem_id"
                               " WHERE c.event_id = ?1 ORDER BY c.created_at, c.id", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, previous, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          BbReportBack *item = g_new0 (BbReportBack, 1);

          item->concern_id = dup_column (stmt, 0);
          item->text = dup_column (stmt, 1);
          item->incident_id = dup_column (stmt, 2);
          item->incident_status = dup_column (stmt, 3);
          item->problem_id = dup_column (stmt, 4);
          item->problem_title = dup_column (stmt, 5);
          item->problem_stage = dup_column (stmt, 6);
          item->tasks_done = (guint) sqlite3_column_int (stmt, 7);
          item->tasks_total = (guint) sqlite3_column_int (stmt, 8);
          g_ptr_array_add (items, item);
        }
      if (rc != SQLITE_DONE)
        {
          bb_store_set_error_from_db (self, error, _("Reading the concerns raised"));
          return NULL;
        }
    }
  if (previous_id != NULL)
    *previous_id = g_steal_pointer (&previous);
  if (previous_start != NULL)
    *previous_start = at;
  return g_steal_pointer (&items);
}
