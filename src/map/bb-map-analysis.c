/* bb-map-analysis.c: the heat map and Gi* hot spots of the incidents the map shows, computed off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-map-analysis.h"
#include "bb-map-task.h"
#include "bb-store-map.h"

void
bb_map_analysis_options_init (BbMapAnalysisOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->heat = TRUE;
  options->hotspots = TRUE;
  options->kernel = BB_KDE_KERNEL_QUARTIC;
  options->correction = BB_GISTAR_CORRECTION_NONE;
}

gboolean
bb_map_analysis_options_equal (const BbMapAnalysisOptions *a,
                               const BbMapAnalysisOptions *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return !!a->heat == !!b->heat && !!a->hotspots == !!b->hotspots
         && a->kernel == b->kernel && a->bandwidth == b->bandwidth && a->cell_size == b->cell_size
         && a->hot_cell_size == b->hot_cell_size && a->distance == b->distance
         && a->correction == b->correction;
}

double
bb_map_analysis_round_length (double metres)
{
  static const double steps[] = { 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10 };
  double decade, best = 0, best_ratio = INFINITY;

  if (!(metres > 0) || !isfinite (metres))
    return 0;
  decade = pow (10, floor (log10 (metres)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double candidate = steps[i] * decade;
      double ratio = MAX (candidate, metres) / MIN (candidate, metres);

      if (ratio < best_ratio)
        best_ratio = ratio, best = candidate;
    }
  return best;
}

void
bb_map_analysis_default_hot_cells (double  bandwidth,
                                   double *cell_size,
                                   double *distance)
{
  double band = MAX (bb_map_analysis_round_length (bandwidth), 20.0);
  double cell = MAX (bb_map_analysis_round_length (band / 2), 10.0);

  if (cell_size != NULL)
    *cell_size = cell;
  if (distance != NULL)
    *distance = band;
}

BbMapAnalysis *
bb_map_analysis_ref (BbMapAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, NULL);
  return g_atomic_rc_box_acquire (analysis);
}

static void
analysis_clear (BbMapAnalysis *analysis)
{
  g_clear_pointer (&analysis->heat, bb_grid_free);
  g_clear_pointer (&analysis->counts, bb_grid_free);
  g_clear_pointer (&analysis->z, bb_grid_free);
  g_clear_pointer (&analysis->bins, g_free);
  g_clear_pointer (&analysis->spot_of, g_free);
  g_clear_pointer (&analysis->spots, g_array_unref);
  g_clear_pointer (&analysis->heat_note, g_free);
  g_clear_pointer (&analysis->hot_note, g_free);
  g_clear_pointer (&analysis->districts, bb_map_districts_unref);
  g_clear_pointer (&analysis->district_counts, g_free);
  g_clear_pointer (&analysis->district_gi, bb_gistar_result_free);
  g_clear_pointer (&analysis->district_note, g_free);
}

void
bb_map_analysis_unref (BbMapAnalysis *analysis)
{
  if (analysis != NULL)
    g_atomic_rc_box_release_full (analysis, (GDestroyNotify) analysis_clear);
}

void
bb_map_analysis_cell_bbox (const BbGrid *grid,
                           guint         col,
                           guint         row,
                           BbBBox       *bbox)
{
  double x0, y0;

  g_return_if_fail (grid != NULL && grid->has_projection && bbox != NULL);

  x0 = grid->x0 + col * grid->cell_size;
  y0 = grid->y0 + row * grid->cell_size;
  bb_local_projection_inverse (&grid->projection, x0, y0, &bbox->min_lon, &bbox->min_lat);
  bb_local_projection_inverse (&grid->projection, x0 + grid->cell_size, y0 + grid->cell_size,
                               &bbox->max_lon, &bbox->max_lat);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
compute_heat (BbMapAnalysis *self,
              const double  *xs,
              const double  *ys,
              gsize          n,
              const double   extent[4])
{
  const BbMapAnalysisOptions *o = &self->options;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbGrid) like = NULL;
  BbKdeOptions kde;

  if (n < 2)
    {
      self->heat_note = g_strdup (_("A heat map needs at least two incidents with a position."));
      return;
    }
  self->bandwidth = o->bandwidth > 0 ? o->bandwidth : bb_kde_default_bandwidth (xs, ys, n);
  if (!(self->bandwidth > 0))
    {
      self->heat_note = g_strdup (_("All these incidents are in one place: there is nothing to spread. "
                                    "Set a bandwidth to draw them as a heat map."));
      return;
    }
  self->cell_size = o->cell_size > 0 ? o->cell_size
                                     : bb_kde_default_cell_size (extent[2] - extent[0], extent[3] - extent[1]);
  if (!(self->cell_size > 0))
    self->cell_size = self->bandwidth / 4;

  /* The grid covers the station and the kernel's reach around it, whatever
   * the filter, so that two periods are drawn cell for cell alike. */
  like = bb_grid_new_for_extent (extent[0], extent[1], extent[2], extent[3], self->cell_size,
                                 self->bandwidth * bb_kde_kernel_support (o->kernel) + self->cell_size, &error);
  if (like == NULL)
    {
      self->heat_note = g_strdup_printf (_("No heat map: %s"), error->message);
      return;
    }
  bb_grid_set_projection (like, &self->projection);
  bb_kde_options_init (&kde);
  kde.kernel = o->kernel;
  kde.bandwidth = self->bandwidth;
  kde.cell_size = self->cell_size;
  kde.like = like;
  self->heat = bb_kde_grid_compute (xs, ys, NULL, n, &kde, &error);
  if (self->heat == NULL)
    {
      self->heat_note = g_strdup_printf (_("No heat map: %s"), error->message);
      return;
    }
  bb_grid_set_projection (self->heat, &self->projection);
  self->heat_max = bb_grid_max (self->heat);
  if (n < BB_MAP_ANALYSIS_MIN_HEAT)
    self->heat_note = g_strdup_printf (g_dngettext (NULL,
                                                    "Only %u incident: the heat map shows where it happened, not a pattern.",
                                                    "Only %u incidents: the heat map shows where they happened, not a pattern.",
                                                    n),
                                       (guint) n);
}

static int
compare_spots (gconstpointer a,
               gconstpointer b)
{
  const BbMapHotspot *x = a, *y = b;

  if (x->sign != y->sign)
    return x->sign > y->sign ? -1 : 1;
  /* Strongest first: hot by falling z, cold by rising z. */
  if (x->peak_z != y->peak_z)
    return (x->peak_z > y->peak_z ? -1 : 1) * x->sign;
  return (x->peak_row * 65536 + x->peak_col) < (y->peak_row * 65536 + y->peak_col) ? -1 : 1;
}

/* Spots are the 8-connected cells significant with one sign. */
static void
label_spots (BbMapAnalysis *self)
{
  guint cols = self->z->n_cols, rows = self->z->n_rows;
  gsize n = bb_grid_n_cells (self->z);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *renumber = NULL;

  self->spot_of = g_new0 (guint, n);
  self->spots = g_array_new (FALSE, TRUE, sizeof (BbMapHotspot));

  for (gsize start = 0; start < n; start++)
    {
      BbMapHotspot spot = { 0 };
      int sign = self->bins[start] > 0 ? 1 : self->bins[start] < 0 ? -1 : 0;

      if (sign == 0 || self->spot_of[start] != 0)
        continue;
      spot.id = self->spots->len + 1;
      spot.sign = sign;
      spot.peak_z = self->z->values[start];
      spot.peak_col = spot.focus_col = start % cols;
      spot.peak_row = spot.focus_row = start / cols;
      bb_bbox_init_empty (&spot.bbox);
      self->spot_of[start] = spot.id;
      g_array_set_size (stack, 0);
      g_array_append_val (stack, start);

      while (stack->len > 0)
        {
          guint cell = g_array_index (stack, guint, stack->len - 1);
          guint col = cell % cols, row = cell / cols;
          double z = self->z->values[cell];
          BbBBox box;

          g_array_set_size (stack, stack->len - 1);
          spot.n_cells++;
          spot.count += (guint) lround (self->counts->values[cell]);
          if (z * sign > spot.peak_z * sign)
            spot.peak_z = z, spot.peak_col = col, spot.peak_row = row;
          {
            gsize focus = (gsize) spot.focus_row * cols + spot.focus_col;
            float here = self->counts->values[cell], there = self->counts->values[focus];

            /* Hot spots by their busiest cell, cold ones by their emptiest. */
            if ((here - there) * sign > 0 || (here == there && (z - self->z->values[focus]) * sign > 0))
              spot.focus_col = col, spot.focus_row = row;
          }
          bb_map_analysis_cell_bbox (self->z, col, row, &box);
          bb_bbox_extend (&spot.bbox, box.min_lon, box.min_lat);
          bb_bbox_extend (&spot.bbox, box.max_lon, box.max_lat);

          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int c = (int) col + dx, r = (int) row + dy;
                guint next;

                if (c < 0 || r < 0 || c >= (int) cols || r >= (int) rows)
                  continue;
                next = (guint) r * cols + (guint) c;
                if (self->spot_of[next] == 0 && self->bins[next] * sign > 0)
                  {
                    self->spot_of[next] = spot.id;
                    g_array_append_val (stack, next);
                  }
              }
        }
      spot.peak_bin = self->bins[(gsize) spot.peak_row * cols + spot.peak_col];
      g_array_append_val (self->spots, spot);
    }

  /* Ids follow the order a reader ranks them in. */
  g_array_sort (self->spots, compare_spots);
  renumber = g_new0 (guint, self->spots->len + 1);
  for (guint i = 0; i < self->spots->len; i++)
    {
      BbMapHotspot *spot = &g_array_index (self->spots, BbMapHotspot, i);

      renumber[spot->id] = i + 1;
      spot->id = i + 1;
    }
  for (gsize i = 0; i < n; i++)
    self->spot_of[i] = renumber[self->spot_of[i]];
}

static gboolean
compute_hotspots (BbMapAnalysis *self,
                  const double  *xs,
                  const double  *ys,
                  gsize          n,
                  const double   extent[4],
                  GCancellable  *cancellable,
                  GError       **error)
{
  const BbMapAnalysisOptions *o = &self->options;
  g_autoptr(GError) local_error = NULL;
  double rule_cell, rule_distance;
  gsize n_cells;

  if (n < BB_MAP_ANALYSIS_MIN_HOTSPOTS)
    {
      self->hot_note = g_strdup_printf (g_dngettext (NULL,
                                                     "%u incident is too few for hot spots: at least %u are needed to tell a concentration from chance.",
                                                     "%u incidents are too few for hot spots: at least %u are needed to tell a concentration from chance.",
                                                     n),
                                        (guint) n, BB_MAP_ANALYSIS_MIN_HOTSPOTS);
      return TRUE;
    }

  bb_map_analysis_default_hot_cells (self->bandwidth > 0 && o->bandwidth <= 0 ? self->bandwidth
                                                                              : bb_kde_default_bandwidth (xs, ys, n),
                                     &rule_cell, &rule_distance);
  self->distance = o->distance > 0 ? o->distance : rule_distance;
  if (o->hot_cell_size > 0)
    self->hot_cell_size = o->hot_cell_size;
  else if (o->distance > 0)
    self->hot_cell_size = MAX (bb_map_analysis_round_length (o->distance / 2), 10.0);
  else
    self->hot_cell_size = rule_cell;
  /* A band narrower than a cell has no neighbours but the cell itself. */
  if (o->distance <= 0 && self->distance < self->hot_cell_size)
    self->distance = self->hot_cell_size;

  self->counts = bb_grid_new_for_extent (extent[0], extent[1], extent[2], extent[3], self->hot_cell_size, 0,
                                         &local_error);
  if (self->counts == NULL)
    {
      self->hot_note = g_strdup_printf (_("No hot spots: %s"), local_error->message);
      return TRUE;
    }
  bb_grid_set_projection (self->counts, &self->projection);
  bb_grid_add_points (self->counts, xs, ys, NULL, n);
  if (check_cancelled (cancellable, error))
    return FALSE;

  self->z = bb_gistar_grid_compute (self->counts, self->distance, &local_error);
  if (self->z == NULL)
    {
      self->hot_note = g_strdup_printf (_("No hot spots: %s"), local_error->message);
      g_clear_pointer (&self->counts, bb_grid_free);
      return TRUE;
    }
  bb_grid_set_projection (self->z, &self->projection);
  n_cells = bb_grid_n_cells (self->z);
  self->bins = g_new0 (gint8, n_cells);
  bb_gistar_grid_classify (self->z, o->correction, self->bins);
  for (gsize i = 0; i < n_cells; i++)
    {
      if (self->bins[i] > 0)
        self->n_hot_cells[self->bins[i]]++;
      else if (self->bins[i] < 0)
        self->n_cold_cells[-self->bins[i]]++;
    }
  label_spots (self);

  if (self->spots->len == 0)
    self->hot_note = g_strdup (o->correction == BB_GISTAR_CORRECTION_FDR
                               /* xgettext:no-c-format */
                               ? _("No hot or cold spot is significant at 90 % confidence once the false-discovery rate is controlled.")
                               /* xgettext:no-c-format */
                               : _("No hot or cold spot is significant at 90 % confidence: these incidents are spread about as chance would spread them."));
  return TRUE;
}

/* Gi* over the districts: as for cells, but the units are the districts
 * and their neighbours those they share a border with. */
static void
compute_districts (BbMapAnalysis   *self,
                   GArray          *points,
                   GArray          *selected,
                   BbMapDistricts  *districts)
{
  const BbMapPoint *all = (const BbMapPoint *) points->data;
  gsize n = selected != NULL ? selected->len : points->len;
  g_autoptr(GError) error = NULL;
  guint placed = 0;

  if (districts == NULL || districts->n < 3)
    return;
  if (n < BB_MAP_ANALYSIS_MIN_HOTSPOTS)
    return;   /* the cells' note says why */

  self->districts = bb_map_districts_ref (districts);
  self->district_counts = g_new0 (double, districts->n);
  for (gsize k = 0; k < n; k++)
    {
      const BbMapPoint *p = &all[selected != NULL ? g_array_index (selected, guint, k) : k];

      if (p->district < districts->n)
        {
          self->district_counts[p->district] += 1;
          placed++;
        }
    }
  self->district_gi = bb_gistar_compute (self->district_counts, districts->n, districts->neighbours, TRUE,
                                         self->options.correction, &error);
  if (self->district_gi == NULL)
    {
      self->district_note = g_strdup_printf (_("No hot spots by district: %s"), error->message);
      return;
    }
  if (placed < n)
    self->district_note = g_strdup_printf (g_dngettext (NULL, "%u incident lies in no district and is left out.",
                                                        "%u incidents lie in no district and are left out.",
                                                        (gulong) (n - placed)),
                                           (guint) (n - placed));
}

static int
compare_districts (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const BbGistarResult *gi = user_data;
  double za = gi->z[*(const guint *) a], zb = gi->z[*(const guint *) b];

  return (za < zb) - (za > zb);
}

GArray *
bb_map_analysis_rank_districts (BbMapAnalysis *self,
                                int            sign)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (self != NULL, ranked);

  if (self->district_gi == NULL)
    return ranked;
  for (guint d = 0; d < self->district_gi->n; d++)
    if (self->district_gi->bin[d] * sign > 0)
      g_array_append_val (ranked, d);
  g_array_sort_with_data (ranked, compare_districts, self->district_gi);
  if (sign < 0)
    for (guint i = 0; i < ranked->len / 2; i++)
      {
        guint t = g_array_index (ranked, guint, i);

        g_array_index (ranked, guint, i) = g_array_index (ranked, guint, ranked->len - 1 - i);
        g_array_index (ranked, guint, ranked->len - 1 - i) = t;
      }
  return ranked;
}

static void
append_note (char       **note,
             const char  *more)
{
  char *joined = *note != NULL ? g_strconcat (*note, " ", more, NULL) : g_strdup (more);

  g_free (*note);
  *note = joined;
}

gsize
bb_map_analysis_project (GArray             *points,
                         GArray             *selected,
                         const BbBBox       *study_area,
                         BbLocalProjection  *projection,
                         double            **xs_out,
                         double            **ys_out,
                         guint             **kept_out,
                         guint              *n_outside_out,
                         double              extent[4])
{
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree guint *kept_index = NULL;
  const BbMapPoint *all;
  const guint *indices;
  gsize n, kept = 0;
  guint n_outside = 0;
  double reach = 0;
  BbBBox box;

  g_return_val_if_fail (points != NULL && projection != NULL && xs_out != NULL && ys_out != NULL, 0);

  extent[0] = extent[1] = INFINITY;
  extent[2] = extent[3] = -INFINITY;
  all = (const BbMapPoint *) points->data;
  indices = selected != NULL ? (const guint *) selected->data : NULL;
  n = selected != NULL ? selected->len : points->len;

  /* The metres are those of a projection centred on the station (or on
   * the incidents when it has no districts). */
  if (study_area != NULL && !bb_bbox_is_empty (study_area))
    box = *study_area;
  else
    {
      bb_bbox_init_empty (&box);
      for (gsize k = 0; k < n; k++)
        {
          const BbMapPoint *p = &all[indices ? indices[k] : k];
          bb_bbox_extend (&box, p->lon, p->lat);
        }
    }
  if (bb_bbox_is_empty (&box))
    bb_local_projection_init (projection, 0, 0);
  else
    bb_local_projection_init (projection, (box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2);

  if (study_area != NULL && !bb_bbox_is_empty (study_area))
    {
      double x, y;

      bb_local_projection_forward (projection, study_area->min_lon, study_area->min_lat, &x, &y);
      extent[0] = x, extent[1] = y;
      bb_local_projection_forward (projection, study_area->max_lon, study_area->max_lat, &x, &y);
      extent[2] = x, extent[3] = y;
    }
  /* A position far outside the station (a typing slip, a bad import)
   * would stretch the grids over half a country: such incidents are left
   * out, and said to be. */
  if (isfinite (extent[0]))
    reach = MAX (1000.0, MAX (extent[2] - extent[0], extent[3] - extent[1]) / 2);
  xs = g_new (double, MAX (n, 1));
  ys = g_new (double, MAX (n, 1));
  if (kept_out != NULL)
    kept_index = g_new (guint, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      guint index = indices ? indices[k] : (guint) k;
      const BbMapPoint *p = &all[index];
      double x, y;

      bb_local_projection_forward (projection, p->lon, p->lat, &x, &y);
      if (reach > 0 && (x < extent[0] - reach || x > extent[2] + reach || y < extent[1] - reach || y > extent[3] + reach))
        {
          n_outside++;
          continue;
        }
      xs[kept] = x;
      ys[kept] = y;
      if (kept_index != NULL)
        kept_index[kept] = index;
      kept++;
    }
  for (gsize k = 0; k < kept; k++)
    {
      extent[0] = MIN (extent[0], xs[k]);
      extent[1] = MIN (extent[1], ys[k]);
      extent[2] = MAX (extent[2], xs[k]);
      extent[3] = MAX (extent[3], ys[k]);
    }
  *xs_out = g_steal_pointer (&xs);
  *ys_out = g_steal_pointer (&ys);
  if (kept_out != NULL)
    *kept_out = g_steal_pointer (&kept_index);
  if (n_outside_out != NULL)
    *n_outside_out = n_outside;
  return kept;
}

BbMapAnalysis *
bb_map_analysis_compute (GArray                      *points,
                         GArray                      *selected,
                         const BbBBox                *study_area,
                         BbMapDistricts              *districts,
                         const BbMapAnalysisOptions  *options,
                         GCancellable                *cancellable,
                         GError                     **error)
{
  g_autoptr(BbMapAnalysis) self = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  gsize n;
  guint n_outside = 0;
  double extent[4];

  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_atomic_rc_box_new0 (BbMapAnalysis);
  self->options = *options;
  n = bb_map_analysis_project (points, selected, study_area, &self->projection, &xs, &ys, NULL, &n_outside, extent);
  self->n_points = n;
  self->n_outside = n_outside;
  if (check_cancelled (cancellable, error))
    return NULL;

  if (n == 0 || !isfinite (extent[0]))
    {
      if (options->heat)
        self->heat_note = g_strdup (_("No incident with a position is shown."));
      if (options->hotspots)
        self->hot_note = g_strdup (_("No incident with a position is shown."));
      return g_steal_pointer (&self);
    }

  if (options->heat)
    compute_heat (self, xs, ys, n, extent);
  if (check_cancelled (cancellable, error))
    return NULL;
  if (options->hotspots && !compute_hotspots (self, xs, ys, n, extent, cancellable, error))
    return NULL;
  if (options->hotspots)
    compute_districts (self, points, selected, districts);
  if (check_cancelled (cancellable, error))
    return NULL;
  if (n_outside > 0)
    {
      g_autofree char *outside = g_strdup_printf (g_dngettext (NULL,
                                                               "%u incident lies far outside the station’s districts and is left out.",
                                                               "%u incidents lie far outside the station’s districts and are left out.",
                                                               n_outside),
                                                  n_outside);

      if (options->heat)
        append_note (&self->heat_note, outside);
      if (options->hotspots)
        append_note (&self->hot_note, outside);
    }
  return g_steal_pointer (&self);
}

typedef struct {
  BbMapDistricts       *districts;
  BbMapAnalysisOptions  options;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_pointer (&data->districts, bb_map_districts_unref);
  g_free (data);
}

static gpointer
compute_task (GArray        *points,
              GArray        *selected,
              const BbBBox  *study_area,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *data = task_data;

  return bb_map_analysis_compute (points, selected, study_area, data->districts, &data->options, cancellable, error);
}

void
bb_map_analysis_compute_async (GArray                      *points,
                               GArray                      *selected,
                               const BbBBox                *study_area,
                               BbMapDistricts              *districts,
                               const BbMapAnalysisOptions  *options,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data)
{
  ComputeData *data;

  g_return_if_fail (points != NULL);
  g_return_if_fail (options != NULL);

  data = g_new0 (ComputeData, 1);
  data->districts = districts != NULL ? bb_map_districts_ref (districts) : NULL;
  data->options = *options;
  bb_map_task_run (bb_map_analysis_compute_async, "[beatbook] map analysis", points, selected, study_area,
                   data, (GDestroyNotify) compute_data_free, compute_task, (GDestroyNotify) bb_map_analysis_unref,
                   cancellable, callback, user_data);
}

BbMapAnalysis *
bb_map_analysis_compute_finish (GAsyncResult  *result,
                                GError       **error)
{
  return bb_map_task_finish (result, bb_map_analysis_compute_async, error);
}

gboolean
bb_map_analysis_get_cell (BbMapAnalysis    *self,
                          guint             col,
                          guint             row,
                          BbMapHotspotCell *cell)
{
  gsize i;

  g_return_val_if_fail (self != NULL && cell != NULL, FALSE);

  if (self->z == NULL || col >= self->z->n_cols || row >= self->z->n_rows)
    return FALSE;
  i = (gsize) row * self->z->n_cols + col;
  cell->col = col;
  cell->row = row;
  cell->count = (guint) lround (self->counts->values[i]);
  cell->z = self->z->values[i];
  cell->p = bb_gistar_p_value (cell->z);
  cell->bin = self->bins[i];
  bb_map_analysis_cell_bbox (self->z, col, row, &cell->bbox);
  cell->spot = self->spot_of[i] > 0 ? &g_array_index (self->spots, BbMapHotspot, self->spot_of[i] - 1) : NULL;
  return TRUE;
}

gboolean
bb_map_analysis_cell_at (BbMapAnalysis    *self,
                         double            lon,
                         double            lat,
                         BbMapHotspotCell *cell)
{
  double x, y;
  guint col, row;

  g_return_val_if_fail (self != NULL && cell != NULL, FALSE);

  if (self->z == NULL)
    return FALSE;
  bb_local_projection_forward (&self->projection, lon, lat, &x, &y);
  if (!bb_grid_cell_at (self->z, x, y, &col, &row))
    return FALSE;
  return bb_map_analysis_get_cell (self, col, row, cell);
}

guint
bb_map_analysis_n_hot_spots (BbMapAnalysis *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; self->spots != NULL && i < self->spots->len; i++)
    if (g_array_index (self->spots, BbMapHotspot, i).sign > 0)
      n++;
  return n;
}

guint32
bb_map_analysis_hash_indices (GArray *selected)
{
  const guint *v;
  guint64 h = 0x9e3779b97f4a7c15u;

  if (selected == NULL)
    return 0;
  v = (const guint *) selected->data;
  for (guint i = 0; i < selected->len; i++)
    h = (h ^ v[i]) * 0x100000001b3u;
  h ^= h >> 29;
  return (guint32) (h ^ (h >> 32));
}
