/* bb-area-hotspots.c: the Gi* hot-spot statistics of a problem's area, as the map computes them for its categories and period */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-area-hotspots"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-area-hotspots.h"
#include "bb-hotspot-problem.h"
#include "bb-map-analysis.h"
#include "bb-map-data.h"
#include "bb-map-filter.h"

void
bb_area_hotspots_free (BbAreaHotspots *self)
{
  if (self == NULL)
    return;
  g_free (self->note);
  g_free (self);
}

static gboolean
in_rings (GPtrArray *rings,
          double     lon,
          double     lat)
{
  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);

      if (bb_ring_contains ((const BbLonLat *) ring->data, ring->len, lon, lat))
        return TRUE;
    }
  return FALSE;
}

BbAreaHotspots *
bb_area_hotspots_compute (BbStore       *store,
                          const char    *problem_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(BbAreaHotspots) self = g_new0 (BbAreaHotspots, 1);
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(BbDistrict) district = NULL;
  g_autoptr(BbMapData) data = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(GArray) selected = NULL;
  g_autoptr(BbMapAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) rings = NULL;
  g_auto(GStrv) category_ids = NULL;
  BbMapAnalysisOptions options;
  const char *geometry;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  self->peak_z = NAN;
  if ((problem = bb_store_problem_get (store, problem_id, error)) == NULL
      || (category_ids = bb_store_problem_dup_categories (store, problem_id, error)) == NULL)
    return NULL;
  geometry = problem->area;
  if ((geometry == NULL || *geometry == '\0') && problem->district_id != NULL
      && (district = bb_store_district_get (store, problem->district_id, NULL)) != NULL)
    geometry = district->boundary;
  if (geometry == NULL || *geometry == '\0')
    {
      self->note = g_strdup (_("The problem has no area, and no district with a boundary: there is no place to "
                               "read the hot spots at."));
      return g_steal_pointer (&self);
    }
  rings = bb_map_data_parse_rings (geometry);
  if (rings == NULL || rings->len == 0)
    {
      self->note = g_strdup (_("The problem’s area cannot be read as a polygon."));
      return g_steal_pointer (&self);
    }

  /* The map's own data and grid, so that the figures are the map's. */
  if ((data = bb_map_data_load (store, error)) == NULL)
    return NULL;
  if (category_ids[0] != NULL)
    bb_incident_filter_set_category_ids (filter, (const char * const *) category_ids);
  bb_incident_filter_set_time_range (filter, problem->period_start, problem->period_end);
  selected = bb_map_filter_select (filter, data->points, data->categories, data->districts, NULL);
  self->n_analysed = selected->len;
  bb_map_analysis_options_init (&options);
  options.heat = FALSE;
  options.hotspots = TRUE;
  analysis = bb_map_analysis_compute (data->points, selected, &data->bounds, NULL, &options, cancellable, error);
  if (analysis == NULL)
    return NULL;
  if (analysis->z == NULL)
    {
      self->note = g_strdup (analysis->hot_note != NULL ? analysis->hot_note
                                                         : _("Too few incidents for hot spots."));
      return g_steal_pointer (&self);
    }
  self->cell_size = analysis->hot_cell_size;
  self->distance = analysis->distance;
  for (guint row = 0; row < analysis->z->n_rows; row++)
    for (guint col = 0; col < analysis->z->n_cols; col++)
      {
        gsize i = (gsize) row * analysis->z->n_cols + col;
        guint count = (guint) lround (analysis->counts->values[i]);
        double z = analysis->z->values[i];
        int bin = analysis->bins[i];
        double lon, lat;

        bb_grid_cell_centre_lonlat (analysis->z, col, row, &lon, &lat);
        if (!in_rings (rings, lon, lat))
          continue;
        self->n_cells++;
        self->n_in_cells += count;
        if (bin > 0)
          {
            self->n_hot[MIN (bin, 3)]++;
            self->n_in_hot += count;
          }
        if (isnan (self->peak_z) || z > self->peak_z)
          {
            self->peak_z = z;
            self->peak_bin = bin;
          }
      }
  if (self->n_cells == 0)
    {
      g_clear_pointer (&self->note, g_free);
      self->note = g_strdup_printf (_("The area is smaller than one cell of the hot-spot grid (%.0f m): draw it "
                                      "larger to read its hot spots."), self->cell_size);
    }
  return g_steal_pointer (&self);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BbStore *store = g_object_get_data (G_OBJECT (task), "store");
  GError *error = NULL;
  BbAreaHotspots *result = bb_area_hotspots_compute (store, task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bb_area_hotspots_free);
}

void
bb_area_hotspots_compute_async (BbStore             *store,
                                const char          *problem_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (problem_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_area_hotspots_compute_async);
  g_task_set_task_data (task, g_strdup (problem_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

BbAreaHotspots *
bb_area_hotspots_compute_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
bb_area_hotspots_describe (const BbAreaHotspots *self)
{
  GString *text;
  guint hot;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->note != NULL)
    return g_strdup (self->note);
  hot = self->n_hot[1] + self->n_hot[2] + self->n_hot[3];
  text = g_string_new (NULL);
  g_string_append_printf (text,
                          ngettext ("On the map’s hot-spot grid (cells of %.0f m, neighbours within %.0f m) of the "
                                    "problem’s categories and period, the area covers %u cell holding %u of "
                                    "the station’s %u incidents.",
                                    "On the map’s hot-spot grid (cells of %.0f m, neighbours within %.0f m) of the "
                                    "problem’s categories and period, the area covers %u cells holding %u of "
                                    "the station’s %u incidents.",
                                    self->n_cells),
                          self->cell_size, self->distance, self->n_cells, self->n_in_cells, self->n_analysed);
  g_string_append_c (text, ' ');
  if (hot == 0)
    g_string_append_printf (text, _("None of its cells is a hot spot at %d %% confidence or more."), 90);
  else
    {
      g_string_append_printf (text,
                              ngettext ("%u of its cells is a hot spot (99 %%: %u, 95 %%: %u, 90 %%: %u), "
                                        "with %u of its incidents.",
                                        "%u of its cells are hot spots (99 %%: %u, 95 %%: %u, 90 %%: %u), "
                                        "with %u of its incidents.",
                                        hot),
                              hot, self->n_hot[3], self->n_hot[2], self->n_hot[1], self->n_in_hot);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Its strongest cell: Gi* z = %.2f, a hot spot at %d %% confidence."),
                              self->peak_z, bb_hotspot_confidence (self->peak_bin));
    }
  return g_string_free (text, FALSE);
}
