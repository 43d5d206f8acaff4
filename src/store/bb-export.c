/* bb-export.c: incidents written out as CSV or GeoJSON for other tools and other stations */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-export.h"
#include "bb-safe-file.h"

#define BATCH 2000

gboolean
bb_export_format_for_path (const char     *path,
                           BbExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".txt"))
    *format = BB_EXPORT_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json"))
    *format = BB_EXPORT_FORMAT_GEOJSON;
  else
    return FALSE;
  return TRUE;
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
format_time (gint64 utc,
             char   out[21])
{
  g_autoptr(GDateTime) dt = NULL;

  out[0] = '\0';
  if (utc == BB_UNSET_TIME)
    return;
  dt = g_date_time_new_from_unix_utc (utc);
  if (dt != NULL)
    {
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

      g_strlcpy (out, text, 21);
    }
}

static const char *
lookup (GHashTable *names,
        const char *id)
{
  return id != NULL ? g_hash_table_lookup (names, id) : NULL;
}

static void
write_incident (GString        *out,
                BbExportFormat  format,
                BbIncident     *incident,
                GHashTable     *category_codes,
                GHashTable     *district_names,
                gboolean        first)
{
  char start[21], end[21], reported[21];
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean has_position = !isnan (incident->lat) && !isnan (incident->lon);
  const char *code = lookup (category_codes, incident->category_id);
  const char *district = lookup (district_names, incident->district_id);

  format_time (incident->occurred_start, start);
  format_time (incident->occurred_end, end);
  format_time (incident->reported_at, reported);
  if (has_position)
    {
      g_ascii_formatd (lon, sizeof lon, "%.6f", incident->lon);
      g_ascii_formatd (lat, sizeof lat, "%.6f", incident->lat);
    }
  else
    lon[0] = lat[0] = '\0';

  if (format == BB_EXPORT_FORMAT_CSV)
    {
      csv_field (out, incident->id);
      g_string_append_c (out, ',');
      g_string_append (out, start);
      g_string_append_c (out, ',');
      csv_field (out, code);
      g_string_append_printf (out, ",%s,%s,", lon, lat);
      csv_field (out, incident->address);
      g_string_append_c (out, ',');
      csv_field (out, incident->description);
      g_string_append_printf (out, ",%s,%s,%s,", end, reported, incident->time_unknown ? "1" : "0");
      csv_field (out, incident->status);
      g_string_append_c (out, ',');
      csv_field (out, incident->source);
      g_string_append_c (out, ',');
      csv_field (out, district);
      g_string_append_printf (out, ",%s,", incident->restricted ? "1" : "0");
      csv_field (out, incident->external_id);
      g_string_append_c (out, '\n');
      return;
    }

  g_string_append (out, first ? "\n" : ",\n");
  g_string_append (out, "{\"type\":\"Feature\",\"id\":");
  json_string (out, incident->id);
  if (has_position)
    g_string_append_printf (out, ",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}", lon, lat);
  else
    g_string_append (out, ",\"geometry\":null");
  g_string_append (out, ",\"properties\":{\"id\":");
  json_string (out, incident->id);
  g_string_append (out, ",\"datetime\":");
  json_string (out, start);
  g_string_append (out, ",\"category\":");
  json_string (out, code);
  g_string_append (out, ",\"address\":");
  json_string (out, incident->address);
  g_string_append (out, ",\"description\":");
  json_string (out, incident->description);
  if (end[0] != '\0')
    {
      g_string_append (out, ",\"end\":");
      json_string (out, end);
    }
  if (reported[0] != '\0')
    {
      g_string_append (out, ",\"reported\":");
      json_string (out, reported);
    }
  g_string_append_printf (out, ",\"time_unknown\":%s", incident->time_unknown ? "true" : "false");
  g_string_append (out, ",\"status\":");
  json_string (out, incident->status);
  g_string_append (out, ",\"source\":");
  json_string (out, incident->source);
  if (district != NULL)
    {
      g_string_append (out, ",\"district\":");
      json_string (out, district);
    }
  g_string_append_printf (out, ",\"restricted\":%s", incident->restricted ? "true" : "false");
  if (incident->external_id != NULL)
    {
      g_string_append (out, ",\"external_id\":");
      json_string (out, incident->external_id);
    }
  g_string_append (out, "}}");
}

/* A public record: no identifier, address, description, source or time of
 * day; the position is the centre of its cell of the public grid; the
 * day only. */
static void
write_public_incident (GString        *out,
                       BbExportFormat  format,
                       BbIncident     *incident,
                       GHashTable     *category_codes,
                       GHashTable     *district_names,
                       gboolean        first)
{
  char day[21];
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean has_position = !isnan (incident->lat) && !isnan (incident->lon);
  const char *code = lookup (category_codes, incident->category_id);
  const char *district = lookup (district_names, incident->district_id);

  format_time (incident->occurred_start, day);
  day[MIN (strlen (day), 10)] = '\0';
  if (has_position)
    {
      double cell = BB_EXPORT_PUBLIC_CELL_DEGREES;

      g_ascii_formatd (lon, sizeof lon, "%.5f", (floor (incident->lon / cell) + 0.5) * cell);
      g_ascii_formatd (lat, sizeof lat, "%.5f", (floor (incident->lat / cell) + 0.5) * cell);
    }
  else
    lon[0] = lat[0] = '\0';

  if (format == BB_EXPORT_FORMAT_CSV)
    {
      g_string_append (out, day);
      g_string_append_c (out, ',');
      csv_field (out, code);
      g_string_append_printf (out, ",%s,%s,", lon, lat);
      csv_field (out, district);
      g_string_append_c (out, ',');
      csv_field (out, incident->status);
      g_string_append_c (out, '\n');
      return;
    }
  g_string_append (out, first ? "\n" : ",\n");
  if (has_position)
    g_string_append_printf (out, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}",
                            lon, lat);
  else
    g_string_append (out, "{\"type\":\"Feature\",\"geometry\":null");
  g_string_append (out, ",\"properties\":{\"date\":");
  json_string (out, day);
  g_string_append (out, ",\"category\":");
  json_string (out, code);
  if (district != NULL)
    {
      g_string_append (out, ",\"district\":");
      json_string (out, district);
    }
  g_string_append (out, ",\"status\":");
  json_string (out, incident->status);
  g_string_append (out, "}}");
}

static gboolean
export_incidents (BbStore                *store,
                  const BbIncidentFilter *filter,
                  GArray                 *rowids,
                  BbExportFormat          format,
                  gboolean                public,
                  const char             *path,
                  GCancellable           *cancellable,
                  BbImportProgressFunc    progress,
                  gpointer                progress_data,
                  guint64                *n_written,
                  guint64                *n_withheld,
                  GError                **error)
{
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GHashTable) category_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) district_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autofree char *partial = NULL;
  FILE *file;
  int saved_errno = 0;
  gboolean ok = TRUE;
  guint64 written = 0, withheld = 0;

  if (n_written != NULL)
    *n_written = 0;
  if (n_withheld != NULL)
    *n_withheld = 0;
  categories = bb_store_category_list (store, error);
  if (categories == NULL)
    return FALSE;
  districts = bb_store_district_list (store, error);
  if (districts == NULL)
    return FALSE;
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);
      g_hash_table_insert (category_codes, c->id, c->code);
    }
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);
      g_hash_table_insert (district_names, d->id, d->name);
    }

  if (rowids != NULL)
    selected = g_array_ref (rowids);
  else
    {
      selected = bb_store_incident_rowids (store, filter, BB_INCIDENT_SORT_TIME, FALSE, error);
      if (selected == NULL)
        return FALSE;
    }

  partial = bb_safe_file_partial_path (path);
  file = bb_safe_file_create (partial, error);
  if (file == NULL)
    return FALSE;

  if (format == BB_EXPORT_FORMAT_CSV && public)
    g_string_append (out, "date,category,lon,lat,district,status\n");
  else if (format == BB_EXPORT_FORMAT_CSV)
    g_string_append (out, "id,datetime,category,lon,lat,address,description,end,reported,time_unknown,"
                          "status,source,district,restricted,external_id\n");
  else
    g_string_append (out, "{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint start = 0; ok && start < selected->len; start += BATCH)
    {
      guint n = MIN (BATCH, selected->len - start);
      g_autoptr(GPtrArray) incidents = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      incidents = bb_store_incident_get_by_rowids (store, &g_array_index (selected, gint64, start), n, error);
      if (incidents == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint i = 0; i < incidents->len; i++)
        {
          BbIncident *incident = g_ptr_array_index (incidents, i);

          /* Restricted incidents never leave in a public file, whatever
           * the filter or the selection let through. */
          if (public && incident->restricted)
            {
              withheld++;
              continue;
            }
          if (public)
            write_public_incident (out, format, incident, category_codes, district_names, written == 0);
          else
            write_incident (out, format, incident, category_codes, district_names, written == 0);
          written++;
        }
      if (fwrite (out->str, 1, out->len, file) != out->len)
        {
          saved_errno = errno;
          ok = FALSE;
        }
      g_string_truncate (out, 0);
      if (progress != NULL)
        progress ((double) (start + n) / selected->len, progress_data);
    }
  if (ok && format == BB_EXPORT_FORMAT_GEOJSON)
    {
      g_string_append (out, "\n]}\n");
      if (fwrite (out->str, 1, out->len, file) != out->len)
        {
          saved_errno = errno;
          ok = FALSE;
        }
    }
  /* An export that cannot be recorded in the audit log is not made. */
  if (ok)
    {
      g_autofree char *detail = public
        ? g_strdup_printf ("%" G_GUINT64_FORMAT " incidents to %s (public; %" G_GUINT64_FORMAT " restricted withheld)",
                           written, path, withheld)
        : g_strdup_printf ("%" G_GUINT64_FORMAT " incidents to %s (internal, with restricted incidents)", written, path);

      ok = bb_store_audit_record (store, "export", "incident", NULL, detail, error);
    }
  if (!bb_safe_file_finish (file, path, ok, saved_errno, error))
    return FALSE;
  if (n_withheld != NULL)
    *n_withheld = withheld;
  if (n_written != NULL)
    *n_written = written;
  return TRUE;
}

typedef struct {
  BbIncidentFilter *filter;
  GArray           *rowids;
  BbExportFormat    format;
  char             *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->filter, bb_incident_filter_free);
  g_clear_pointer (&job->rowids, g_array_unref);
  g_free (job->path);
  g_free (job);
}

gboolean
bb_export_incidents (BbStore                *store,
                     const BbIncidentFilter *filter,
                     GArray                 *rowids,
                     BbExportFormat          format,
                     const char             *path,
                     GCancellable           *cancellable,
                     BbImportProgressFunc    progress,
                     gpointer                progress_data,
                     guint64                *n_written,
                     GError                **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_incidents (store, filter, rowids, format, FALSE, path, cancellable, progress, progress_data,
                           n_written, NULL, error);
}

gboolean
bb_export_public_incidents (BbStore                *store,
                            const BbIncidentFilter *filter,
                            GArray                 *rowids,
                            BbExportFormat          format,
                            const char             *path,
                            GCancellable           *cancellable,
                            guint64                *n_written,
                            guint64                *n_withheld,
                            GError                **error)
{
  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_incidents (store, filter, rowids, format, TRUE, path, cancellable, NULL, NULL,
                           n_written, n_withheld, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  guint64 n = 0;

  if (bb_export_incidents (source_object, job->filter, job->rowids, job->format, job->path,
                           cancellable, NULL, NULL, &n, &error))
    {
      guint64 *result = g_new (guint64, 1);

      *result = n;
      g_task_return_pointer (task, result, g_free);
    }
  else
    g_task_return_error (task, error);
}

void
bb_export_incidents_async (BbStore                *store,
                           const BbIncidentFilter *filter,
                           GArray                 *rowids,
                           BbExportFormat          format,
                           const char             *path,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->filter = filter != NULL ? bb_incident_filter_copy (filter) : NULL;
  job->rowids = rowids != NULL ? g_array_copy (rowids) : NULL;
  job->format = format;
  job->path = g_strdup (path);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_export_incidents_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
bb_export_incidents_finish (BbStore       *store,
                            GAsyncResult  *result,
                            guint64       *n_written,
                            GError       **error)
{
  g_autofree guint64 *n = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  n = g_task_propagate_pointer (G_TASK (result), error);
  if (n == NULL)
    return FALSE;
  if (n_written != NULL)
    *n_written = *n;
  return TRUE;
}
