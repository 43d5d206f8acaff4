/* bb-map-trend.c: change between periods and emerging hot spots of the incidents the map shows, per cell and per district */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-trend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-kde.h"
#include "bb-map-trend.h"
#include "bb-map-task.h"
#include "bb-records.h"
#include "bb-store-map.h"

#define DAY_SECONDS ((gint64) 86400)

void
bb_map_trend_options_init (BbMapTrendOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->versus = BB_MAP_TREND_VERSUS_PREVIOUS;
  options->start = options->end = BB_UNSET_TIME;
  options->correction = BB_GISTAR_CORRECTION_NONE;
}

BbMapTrend *
bb_map_trend_ref (BbMapTrend *trend)
{
  g_return_val_if_fail (trend != NULL, NULL);
  return g_atomic_rc_box_acquire (trend);
}

static void
trend_clear (BbMapTrend *self)
{
  g_clear_pointer (&self->current, bb_grid_free);
  g_clear_pointer (&self->base, bb_grid_free);
  g_clear_pointer (&self->change_z, bb_grid_free);
  g_clear_pointer (&self->change_note, g_free);
  g_clear_pointer (&self->emerging, bb_emerging_free);
  g_clear_pointer (&self->emerging_note, g_free);
  g_clear_pointer (&self->district_current, g_free);
  g_clear_pointer (&self->district_base, g_free);
}

void
bb_map_trend_unref (BbMapTrend *trend)
{
  if (trend != NULL)
    g_atomic_rc_box_release_full (trend, (GDestroyNotify) trend_clear);
}

/* The same dates a year before; 29 February falls back to the 28th. */
static gint64
year_before (gint64 t)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) back = when != NULL ? g_date_time_add_years (when, -1) : NULL;

  return back != NULL ? g_date_time_to_unix (back) : t - 365 * DAY_SECONDS;
}

/* How many calendar months [start, end) spans when both are the first
 * of a month at midnight (local time, as the filter sets them), else 0:
 * the quarter before a quarter is the calendar quarter, not 92 days. */
static int
whole_months (gint64 start,
              gint64 end)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (end);

  if (a == NULL || b == NULL)
    return 0;
  for (GDateTime *t = a; t != NULL; t = t == a ? b : NULL)
    if (g_date_time_get_day_of_month (t) != 1 || g_date_time_get_hour (t) != 0 || g_date_time_get_minute (t) != 0
        || g_date_time_get_second (t) != 0)
      return 0;
  return (g_date_time_get_year (b) - g_date_time_get_year (a)) * 12
         + g_date_time_get_month (b) - g_date_time_get_month (a);
}

static gint64
months_before (gint64 t,
               int    months)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) back = when != NULL ? g_date_time_add_months (when, -months) : NULL;

  return back != NULL ? g_date_time_to_unix (back) : t;
}

static void
choose_periods (BbMapTrend   *self,
                const gint64 *times,
                gsize         n)
{
  const BbMapTrendOptions *o = &self->options;
  gint64 latest = G_MININT64;

  for (gsize k = 0; k < n; k++)
    latest = MAX (latest, times[k]);
  if (n == 0)
    latest = g_get_real_time () / G_USEC_PER_SEC;
  self->end = o->end != BB_UNSET_TIME ? o->end : latest + 1;
  self->start = o->start != BB_UNSET_TIME ? o->start : self->end - BB_MAP_TREND_SLICE_DAYS * DAY_SECONDS;
  if (self->start >= self->end)
    self->start = self->end - DAY_SECONDS;
  if (o->versus == BB_MAP_TREND_VERSUS_YEAR)
    {
      self->base_start = year_before (self->start);
      self->base_end = year_before (self->end);
    }
  else
    {
      int months = whole_months (self->start, self->end);

      self->base_end = self->start;
      self->base_start = months > 0 ? months_before (self->start, months)
                                    : self->start - (self->end - self->start);
    }
}

static void
compute_change (BbMapTrend   *self,
                const double *xs,
                const double *ys,
                const gint64 *times,
                gsize         n,
                const BbGrid *shape)
{
  gsize cells = bb_grid_n_cells (shape);

  self->current = bb_grid_new_like (shape);
  self->base = bb_grid_new_like (shape);
  for (gsize k = 0; k < n; k++)
    {
      if (times[k] >= self->start && times[k] < self->end)
        self->n_current += bb_grid_add_points (self->current, &xs[k], &ys[k], NULL, 1);
      else if (times[k] >= self->base_start && times[k] < self->base_end)
        self->n_base += bb_grid_add_points (self->base, &xs[k], &ys[k], NULL, 1);
    }
  self->change_z = bb_trend_grid_change (self->current, self->base, NULL);
  for (gsize i = 0; i < cells; i++)
    if (self->current->values[i] > 0 || self->base->values[i] > 0)
      self->n_by_level[bb_trend_change_level (self->change_z->values[i]) + 2]++;
  if (self->n_current == 0 && self->n_base == 0)
    self->change_note = g_strdup (_("No incident in either period."));
}

static gboolean
compute_emerging (BbMapTrend    *self,
                  const double  *xs,
                  const double  *ys,
                  const gint64  *times,
                  gsize          n,
                  const BbGrid  *shape,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const gint64 slice = BB_MAP_TREND_SLICE_DAYS * DAY_SECONDS;
  gint64 first = G_MAXINT64;
  g_autoptr(GError) local_error = NULL;
  BbGrid *slices[BB_MAP_TREND_SLICES] = { NULL };
  guint n_slices;
  gsize in_slices = 0;

  for (gsize k = 0; k < n; k++)
    if (times[k] < self->end)
      first = MIN (first, times[k]);
  n_slices = first == G_MAXINT64 ? 0 : (guint) MIN ((gint64) BB_MAP_TREND_SLICES, (self->end - first + slice - 1) / slice);
  self->slices_start = self->end - (gint64) n_slices * slice;
  if (n_slices < 3)
    {
      self->emerging_note = g_strdup (_("Emerging hot spots need incidents over at least three periods of four weeks."));
      return TRUE;
    }

  for (guint s = 0; s < n_slices; s++)
    slices[s] = bb_grid_new_like (shape);
  for (gsize k = 0; k < n; k++)
    if (times[k] >= self->slices_start && times[k] < self->end)
      in_slices += bb_grid_add_points (slices[(times[k] - self->slices_start) / slice], &xs[k], &ys[k], NULL, 1);

  if (in_slices < BB_MAP_ANALYSIS_MIN_HOTSPOTS)
    self->emerging_note = g_strdup_printf (g_dngettext (NULL,
                                                        "%u incident is too few for emerging hot spots.",
                                                        "%u incidents are too few for emerging hot spots.",
                                                        in_slices),
                                           (guint) in_slices);
  else
    {
      self->emerging = bb_trend_emerging_compute ((const BbGrid * const *) slices, n_slices, self->distance, 0,
                                                  self->options.correction, cancellable, &local_error);
      if (self->emerging == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (self->emerging == NULL)
        self->emerging_note = g_strdup_printf (_("No emerging hot spots: %s"), local_error->message);
      else if (n_slices < BB_MAP_TREND_MIN_SLICES)
        self->emerging_note = g_strdup_printf (_("Only %u periods of four weeks: too few for a trend to be significant."),
                                               n_slices);
    }
  for (guint s = 0; s < n_slices; s++)
    bb_grid_free (slices[s]);
  return error == NULL || *error == NULL;
}

BbMapTrend *
bb_map_trend_compute (GArray                   *points,
                      GArray                   *history,
                      const BbBBox             *study_area,
                      guint                     n_districts,
                      const BbMapTrendOptions  *options,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(BbMapTrend) self = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree guint *kept = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree double *cur_xs = NULL;
  g_autofree double *cur_ys = NULL;
  g_autoptr(BbGrid) shape = NULL;
  g_autoptr(GError) local_error = NULL;
  const BbMapPoint *all;
  double extent[4], rule_cell, rule_distance, bandwidth;
  gsize n, n_cur = 0;

  g_return_val_if_fail (points != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_rc_box_new0 (BbMapTrend);
  self->options = *options;
  all = (const BbMapPoint *) points->data;
  n = bb_map_analysis_project (points, history, study_area, &self->projection, &xs, &ys, &kept, NULL, extent);
  times = g_new (gint64, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    times[k] = all[kept[k]].occurred;
  choose_periods (self, times, n);

  /* Per district, from every incident with a district (with or without a
   * position), as the district pages count them. */
  self->n_districts = n_districts;
  self->district_current = g_new0 (double, MAX (n_districts, 1));
  self->district_base = g_new0 (double, MAX (n_districts, 1));
  for (gsize k = 0; k < (history != NULL ? history->len : points->len); k++)
    {
      const BbMapPoint *p = &all[history != NULL ? g_array_index (history, guint, k) : k];

      if (p->district >= n_districts)
        continue;
      if (p->occurred >= self->start && p->occurred < self->end)
        self->district_current[p->district]++;
      else if (p->occurred >= self->base_start && p->occurred < self->base_end)
        self->district_base[p->district]++;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (n == 0 || !isfinite (extent[0]))
    {
      self->change_note = g_strdup (_("No incident with a position is shown."));
      self->emerging_note = g_strdup (self->change_note);
      return g_steal_pointer (&self);
    }

  /* Cells and band as the hot spots' rule has them, from the period's
   * incidents (all of them when the period holds too few). */
  cur_xs = g_new (double, n);
  cur_ys = g_new (double, n);
  for (gsize k = 0; k < n; k++)
    if (times[k] >= self->start && times[k] < self->end)
      cur_xs[n_cur] = xs[k], cur_ys[n_cur] = ys[k], n_cur++;
  bandwidth = n_cur >= 2 ? bb_kde_default_bandwidth (cur_xs, cur_ys, n_cur) : 0;
  if (!(bandwidth > 0))
    bandwidth = bb_kde_default_bandwidth (xs, ys, n);
  bb_map_analysis_default_hot_cells (bandwidth, &rule_cell, &rule_distance);
  self->distance = options->distance > 0 ? options->distance : rule_distance;
  if (options->cell_size > 0)
    self->cell_size = options->cell_size;
  else if (options->distance > 0)
    self->cell_size = MAX (bb_map_analysis_round_length (options->distance / 2), 10.0);
  else
    self->cell_size = rule_cell;
  if (options->distance <= 0 && self->distance < self->cell_size)
    self->distance = self->cell_size;

  shape = bb_grid_new_for_extent (extent[0], extent[1], extent[2], extent[3], self->cell_size, 0, &local_error);
  if (shape == NULL)
    {
      self->change_note = g_strdup_printf (_("No trends: %s"), local_error->message);
      self->emerging_note = g_strdup (self->change_note);
      return g_steal_pointer (&self);
    }
  bb_grid_set_projection (shape, &self->projection);

  compute_change (self, xs, ys, times, n, shape);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!compute_emerging (self, xs, ys, times, n, shape, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct {
  guint              n_districts;
  BbMapTrendOptions  options;
} ComputeData;

static gpointer
compute_task (GArray        *points,
              GArray        *history,
              const BbBBox  *study_area,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *data = task_data;

  return bb_map_trend_compute (points, history, study_area, data->n_districts, &data->options, cancellable, error);
}

void
bb_map_trend_compute_async (GArray                   *points,
                            GArray                   *history,
                            const BbBBox             *study_area,
                            guint                     n_districts,
                            const BbMapTrendOptions  *options,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  ComputeData *data;

  g_return_if_fail (points != NULL && options != NULL);

  data = g_new0 (ComputeData, 1);
  data->n_districts = n_districts;
  data->options = *options;
  bb_map_task_run (bb_map_trend_compute_async, "[beatbook] map trends", points, history, study_area,
                   data, g_free, compute_task, (GDestroyNotify) bb_map_trend_unref,
                   cancellable, callback, user_data);
}

BbMapTrend *
bb_map_trend_compute_finish (GAsyncResult  *result,
                             GError       **error)
{
  return bb_map_task_finish (result, bb_map_trend_compute_async, error);
}

gboolean
bb_map_trend_get_cell (BbMapTrend     *self,
                       guint           col,
                       guint           row,
                       BbMapTrendCell *cell)
{
  gsize i;

  g_return_val_if_fail (self != NULL && cell != NULL, FALSE);

  if (self->change_z == NULL || col >= self->change_z->n_cols || row >= self->change_z->n_rows)
    return FALSE;
  memset (cell, 0, sizeof *cell);
  i = (gsize) row * self->change_z->n_cols + col;
  cell->col = col;
  cell->row = row;
  bb_map_analysis_cell_bbox (self->change_z, col, row, &cell->bbox);
  cell->current = (guint) lround (self->current->values[i]);
  cell->base = (guint) lround (self->base->values[i]);
  cell->z = self->change_z->values[i];
  cell->level = bb_trend_change_level (cell->z);
  if (self->emerging != NULL)
    {
      cell->has_emerging = TRUE;
      cell->pattern = self->emerging->pattern[i];
      cell->n_slices = self->emerging->n_slices;
      cell->n_hot = self->emerging->n_hot[i];
      cell->n_cold = self->emerging->n_cold[i];
      cell->trend_z = self->emerging->trend_z[i];
      cell->trend_p = self->emerging->trend_p[i];
      cell->last_z = self->emerging->last_z[i];
    }
  return TRUE;
}

gboolean
bb_map_trend_cell_at (BbMapTrend     *self,
                      double          lon,
                      double          lat,
                      BbMapTrendCell *cell)
{
  double x, y;
  guint col, row;

  g_return_val_if_fail (self != NULL && cell != NULL, FALSE);

  if (self->change_z == NULL)
    return FALSE;
  bb_local_projection_forward (&self->projection, lon, lat, &x, &y);
  if (!bb_grid_cell_at (self->change_z, x, y, &col, &row))
    return FALSE;
  return bb_map_trend_get_cell (self, col, row, cell);
}

char *
bb_map_trend_format_change (double current,
                            double base)
{
  if (base <= 0)
    /* Translators: a count that rose from nothing, where a percentage cannot be given */
    return current > 0 ? g_strdup (C_("change", "new")) : g_strdup ("0 %");
  /* Translators: a change in per cent, "+200 %" */
  return g_strdup_printf (_("%+.0f %%"), 100 * (current - base) / base);
}
