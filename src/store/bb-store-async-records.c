/* bb-store-async-records.c: the asynchronous calls on records, incident queries and lists */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include "bb-store-private.h"

/* Records ------------------------------------------------------------------ */

static void
return_record (GTask              *task,
               const BbRecordType *type,
               gpointer            record,
               GError             *error)
{
  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, type->free_func);
}

static void
station_get_job (GTask        *task,
                 BbStore      *self,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  BbStation *station = bb_store_station_get (self, &error);

  return_record (task, &bb_station_record, station, error);
}

void
bb_store_station_get_async (BbStore             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_queue_job (self, FALSE, bb_store_station_get_async, station_get_job, NULL, NULL,
                      cancellable, callback, user_data);
}

BbStation *
bb_store_station_get_finish (BbStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_station_get_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
station_update_job (GTask        *task,
                    BbStore      *self,
                    gpointer      data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  BbStation *station = data;

  if (!bb_store_station_update (self, station, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bb_station_copy (station), (GDestroyNotify) bb_station_free);
}

void
bb_store_station_update_async (BbStore             *self,
                               const BbStation     *station,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (station != NULL);
  bb_store_queue_job (self, TRUE, bb_store_station_update_async, station_update_job,
                      bb_station_copy (station), (GDestroyNotify) bb_station_free,
                      cancellable, callback, user_data);
}

BbStation *
bb_store_station_update_finish (BbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_station_update_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
incident_insert_job (GTask        *task,
                     BbStore      *self,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  BbIncident *incident = data;

  if (!bb_store_incident_insert (self, incident, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bb_incident_copy (incident), (GDestroyNotify) bb_incident_free);
}

void
bb_store_incident_insert_async (BbStore             *self,
                                const BbIncident    *incident,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (incident != NULL);
  bb_store_queue_job (self, TRUE, bb_store_incident_insert_async, incident_insert_job,
                      bb_incident_copy (incident), (GDestroyNotify) bb_incident_free,
                      cancellable, callback, user_data);
}

BbIncident *
bb_store_incident_insert_finish (BbStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_insert_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
incident_update_job (GTask        *task,
                     BbStore      *self,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  BbIncident *incident = data;

  if (!bb_store_incident_update (self, incident, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bb_incident_copy (incident), (GDestroyNotify) bb_incident_free);
}

void
bb_store_incident_update_async (BbStore             *self,
                                const BbIncident    *incident,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (incident != NULL);
  bb_store_queue_job (self, TRUE, bb_store_incident_update_async, incident_update_job,
                      bb_incident_copy (incident), (GDestroyNotify) bb_incident_free,
                      cancellable, callback, user_data);
}

BbIncident *
bb_store_incident_update_finish (BbStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_update_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
incident_delete_job (GTask        *task,
                     BbStore      *self,
                     gpointer      data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (!bb_store_incident_delete (self, data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
bb_store_incident_delete_async (BbStore             *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (id != NULL);
  bb_store_queue_job (self, TRUE, bb_store_incident_delete_async, incident_delete_job, g_strdup (id), g_free,
                      cancellable, callback, user_data);
}

gboolean
bb_store_incident_delete_finish (BbStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_delete_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
incident_get_job (GTask        *task,
                  BbStore      *self,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  BbIncident *incident = bb_store_incident_get (self, data, &error);

  return_record (task, &bb_incident_record, incident, error);
}

void
bb_store_incident_get_async (BbStore             *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (id != NULL);
  bb_store_queue_job (self, FALSE, bb_store_incident_get_async, incident_get_job, g_strdup (id), g_free,
                      cancellable, callback, user_data);
}

BbIncident *
bb_store_incident_get_finish (BbStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_get_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Incident queries -------------------------------------------------------- */

typedef struct {
  BbIncidentFilter *filter;
  BbIncidentSort    sort;
  gboolean          descending;
  guint             offset;
  guint             limit;
} QueryData;

static void
query_data_free (QueryData *q)
{
  bb_incident_filter_free (q->filter);
  g_free (q);
}

static QueryData *
query_data_new (const BbIncidentFilter *filter,
                BbIncidentSort          sort,
                gboolean                descending,
                guint                   offset,
                guint                   limit)
{
  QueryData *q = g_new0 (QueryData, 1);

  q->filter = bb_incident_filter_copy (filter);
  q->sort = sort;
  q->descending = descending;
  q->offset = offset;
  q->limit = limit;
  return q;
}

static void
incident_query_job (GTask        *task,
                    BbStore      *self,
                    gpointer      data,
                    GCancellable *cancellable)
{
  QueryData *q = data;
  GError *error = NULL;
  GPtrArray *incidents = bb_store_incident_query (self, q->filter, q->sort, q->descending,
                                                  q->offset, q->limit, &error);

  if (incidents == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, incidents, (GDestroyNotify) g_ptr_array_unref);
}

void
bb_store_incident_query_async (BbStore                *self,
                               const BbIncidentFilter *filter,
                               BbIncidentSort          sort,
                               gboolean                descending,
                               guint                   offset,
                               guint                   limit,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_queue_job (self, FALSE, bb_store_incident_query_async, incident_query_job,
                      query_data_new (filter, sort, descending, offset, limit), (GDestroyNotify) query_data_free,
                      cancellable, callback, user_data);
}

GPtrArray *
bb_store_incident_query_finish (BbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_query_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
incident_count_job (GTask        *task,
                    BbStore      *self,
                    gpointer      data,
                    GCancellable *cancellable)
{
  QueryData *q = data;
  GError *error = NULL;
  gint64 count = bb_store_incident_count (self, q->filter, &error);

  if (count < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

void
bb_store_incident_count_async (BbStore                *self,
                               const BbIncidentFilter *filter,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_queue_job (self, FALSE, bb_store_incident_count_async, incident_count_job,
                      query_data_new (filter, BB_INCIDENT_SORT_TIME, FALSE, 0, 0), (GDestroyNotify) query_data_free,
                      cancellable, callback, user_data);
}

gint64
bb_store_incident_count_finish (BbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_count_async), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

static void
incident_rowids_job (GTask        *task,
                     BbStore      *self,
                     gpointer      data,
                     GCancellable *cancellable)
{
  QueryData *q = data;
  GError *error = NULL;
  GArray *rowids = bb_store_incident_rowids (self, q->filter, q->sort, q->descending, &error);

  if (rowids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rowids, (GDestroyNotify) g_array_unref);
}

void
bb_store_incident_rowids_async (BbStore                *self,
                                const BbIncidentFilter *filter,
                                BbIncidentSort          sort,
                                gboolean                descending,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_queue_job (self, FALSE, bb_store_incident_rowids_async, incident_rowids_job,
                      query_data_new (filter, sort, descending, 0, 0), (GDestroyNotify) query_data_free,
                      cancellable, callback, user_data);
}

GArray *
bb_store_incident_rowids_finish (BbStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_incident_rowids_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Lists and counts -------------------------------------------------------- */

typedef struct {
  const BbRecordType *type;
  char               *parent_id;
} ListData;

static void
list_data_free (ListData *l)
{
  g_free (l->parent_id);
  g_free (l);
}

static void
list_job (GTask        *task,
          BbStore      *self,
          gpointer      data,
          GCancellable *cancellable)
{
  ListData *l = data;
  GError *error = NULL;
  GPtrArray *records = bb_store_list (self, l->type, l->parent_id, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
bb_store_list_async (BbStore             *self,
                     const BbRecordType  *type,
                     const char          *parent_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  ListData *l;

  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (type != NULL);
  g_return_if_fail (parent_id == NULL || type->parent_column != NULL);

  l = g_new0 (ListData, 1);
  l->type = type;
  l->parent_id = g_strdup (parent_id);
  bb_store_queue_job (self, FALSE, bb_store_list_async, list_job, l, (GDestroyNotify) list_data_free,
                      cancellable, callback, user_data);
}

GPtrArray *
bb_store_list_finish (BbStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_list_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bb_store_category_list_async (BbStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  bb_store_list_async (self, &bb_category_record, NULL, cancellable, callback, user_data);
}

void
bb_store_district_list_async (BbStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  bb_store_list_async (self, &bb_district_record, NULL, cancellable, callback, user_data);
}

void
bb_store_officer_list_async (BbStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  bb_store_list_async (self, &bb_officer_record, NULL, cancellable, callback, user_data);
}

void
bb_store_partner_list_async (BbStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  bb_store_list_async (self, &bb_partner_record, NULL, cancellable, callback, user_data);
}

static void
count_job (GTask        *task,
           BbStore      *self,
           gpointer      data,
           GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 count = bb_store_count (self, data, &error);

  if (count < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

void
bb_store_count_async (BbStore             *self,
                      const char          *table,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (BB_IS_STORE (self));
  g_return_if_fail (table != NULL);
  bb_store_queue_job (self, FALSE, bb_store_count_async, count_job, g_strdup (table), g_free,
                      cancellable, callback, user_data);
}

gint64
bb_store_count_finish (BbStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_async_result_is_tagged (result, bb_store_count_async), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
