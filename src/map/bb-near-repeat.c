/* bb-near-repeat.c: the Knox near-repeat test of the incidents the map shows, off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-near-repeat"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-geo.h"
#include "bb-grid.h"
#include "bb-near-repeat.h"
#include "bb-store-map.h"

gboolean
bb_near_repeat_parse_bands (const char  *text,
                            gboolean     spatial,
                            GArray     **limits,
                            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (limits != NULL, FALSE);

  parts = g_strsplit_set (text != NULL ? text : "", ",; \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double v;

      if (parts[i][0] == '\0')
        continue;
      v = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (v) || v <= 0
          || (out->len > 0 && v <= g_array_index (out, double, out->len - 1)))
        {
          g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                       spatial ? _("“%s” is not a distance band: give positive numbers of metres, smallest first, e.g. “100, 200, 400”.")
                               : _("“%s” is not a time band: give positive numbers of days, smallest first, e.g. “7, 14, 21”."),
                       parts[i]);
          return FALSE;
        }
      g_array_append_val (out, v);
    }
  if (out->len == 0)
    {
      g_set_error_literal (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_INVALID,
                           spatial ? _("Give at least one distance band, e.g. “100, 200, 400”.")
                                   : _("Give at least one time band, e.g. “7, 14, 21”."));
      return FALSE;
    }
  *limits = g_steal_pointer (&out);
  return TRUE;
}

BbKnoxResult *
bb_near_repeat_compute (GArray        *points,
                        GArray        *selected,
                        GArray        *spatial_limits,
                        GArray        *temporal_limits,
                        guint          permutations,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gsize n;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree double *days = NULL;
  BbLocalProjection proj;
  BbBBox box;

  g_return_val_if_fail (points != NULL && spatial_limits != NULL && temporal_limits != NULL, NULL);

  n = selected != NULL ? selected->len : points->len;
  if (n > BB_NEAR_REPEAT_MAX_EVENTS)
    {
      g_set_error (error, BB_ANALYSIS_ERROR, BB_ANALYSIS_ERROR_TOO_LARGE,
                   _("The map shows %zu incidents; the near-repeat test takes at most %d. "
                     "Narrow the filter to a category and a period."),
                   n, BB_NEAR_REPEAT_MAX_EVENTS);
      return NULL;
    }

  bb_bbox_init_empty (&box);
  for (gsize k = 0; k < n; k++)
    {
      const BbMapPoint *p = &g_array_index (points, BbMapPoint, selected != NULL ? g_array_index (selected, guint, k) : k);
      bb_bbox_extend (&box, p->lon, p->lat);
    }
  if (bb_bbox_is_empty (&box))
    bb_local_projection_init (&proj, 0, 0);
  else
    bb_local_projection_init (&proj, (box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2);
  xs = g_new (double, MAX (n, 1));
  ys = g_new (double, MAX (n, 1));
  days = g_new (double, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      const BbMapPoint *p = &g_array_index (points, BbMapPoint, selected != NULL ? g_array_index (selected, guint, k) : k);

      bb_local_projection_forward (&proj, p->lon, p->lat, &xs[k], &ys[k]);
      days[k] = p->occurred / 86400.0;
    }
  return bb_knox_compute (xs, ys, days, n, (const double *) spatial_limits->data, spatial_limits->len,
                          (const double *) temporal_limits->data, temporal_limits->len, permutations,
                          BB_NEAR_REPEAT_SEED, cancellable, error);
}

typedef struct {
  GArray *points, *selected, *spatial, *temporal;
  guint   permutations;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->points, g_array_unref);
  g_clear_pointer (&job->selected, g_array_unref);
  g_clear_pointer (&job->spatial, g_array_unref);
  g_clear_pointer (&job->temporal, g_array_unref);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  BbKnoxResult *result = bb_near_repeat_compute (job->points, job->selected, job->spatial, job->temporal,
                                                 job->permutations, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bb_knox_result_free);
}

void
bb_near_repeat_compute_async (GArray              *points,
                              GArray              *selected,
                              GArray              *spatial_limits,
                              GArray              *temporal_limits,
                              guint                permutations,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, bb_near_repeat_compute_async);
  job->points = g_array_ref (points);
  job->selected = selected != NULL ? g_array_ref (selected) : NULL;
  job->spatial = g_array_ref (spatial_limits);
  job->temporal = g_array_ref (temporal_limits);
  job->permutations = permutations;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

BbKnoxResult *
bb_near_repeat_compute_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
bb_near_repeat_strongest (const BbKnoxResult *result,
                          guint              *s,
                          guint              *t)
{
  double best = 1;
  gboolean found = FALSE;

  g_return_val_if_fail (result != NULL, FALSE);

  for (guint i = 0; i + 1 < result->n_spatial; i++)
    for (guint j = 0; j + 1 < result->n_temporal; j++)
      {
        gsize c = bb_knox_index (result, i, j);

        if (result->p[c] <= BB_KNOX_SIGNIFICANCE && result->ratio[c] > best)
          {
            best = result->ratio[c];
            *s = i;
            *t = j;
            found = TRUE;
          }
      }
  return found;
}
