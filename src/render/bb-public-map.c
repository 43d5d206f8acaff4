/* bb-public-map.c: a map safe to publish: public incidents only, counted per square, small counts left blank */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-public-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-kde.h"
#include "bb-public-map.h"
#include "bb-render-i18n.h"
#include "bb-store-map.h"

void
bb_public_map_options_init (BbPublicMapOptions *options)
{
  memset (options, 0, sizeof *options);
  options->from = G_MININT64;
  options->to = G_MAXINT64;
  options->cell_m = BB_PUBLIC_MAP_DEFAULT_CELL_M;
  bb_publish_policy_init_default (&options->policy);
}

static BbMapFeatures *
load_base (BbStore  *store,
           char    **attribution,
           GError  **error)
{
  g_autoptr(GPtrArray) layers = bb_store_map_list_geo_layers (store, error);
  g_autoptr(BbMapFeatures) features = NULL;
  g_autoptr(GPtrArray) credits = g_ptr_array_new ();

  if (layers == NULL)
    return NULL;
  features = bb_map_features_new ();
  for (guint i = 0; i < layers->len; i++)
    {
      BbMapGeoLayer *layer = g_ptr_array_index (layers, i);
      g_autoptr(GError) local_error = NULL;

      /* A damaged layer leaves a gap in the base map, not the document. */
      if (!bb_map_features_add_geojson (features, layer->kind, layer->geojson, layer->name, &local_error))
        {
          g_debug ("%s", local_error->message);
          continue;
        }
      if (layer->attribution != NULL && *layer->attribution)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < credits->len; j++)
            seen |= g_str_equal (g_ptr_array_index (credits, j), layer->attribution);
          if (!seen)
            g_ptr_array_add (credits, layer->attribution);
        }
    }
  g_ptr_array_add (credits, NULL);
  *attribution = g_strjoinv (" · ", (char **) credits->pdata);
  return g_steal_pointer (&features);
}

static gboolean
district_box (BbMapDistrict *district,
              BbBBox        *box)
{
  g_auto(GStrv) numbers = NULL;

  if (district->boundary == NULL)
    return FALSE;
  /* Every number pair of the geometry: the box of all its rings. */
  numbers = g_strsplit_set (district->boundary, "[], \n\t", -1);
  {
    gboolean have_lon = FALSE;
    double lon = 0;

    for (guint i = 0; numbers[i] != NULL; i++)
      {
        char *end;
        double v;

        if (*numbers[i] == '\0')
          continue;
        v = g_ascii_strtod (numbers[i], &end);
        if (*end != '\0')
          continue;
        if (!have_lon)
          lon = v;
        else
          bb_bbox_extend (box, lon, v);
        have_lon = !have_lon;
      }
  }
  return !bb_bbox_is_empty (box);
}

/* A density in incidents per km² as a key prints it: three significant
 * figures at most, in the document's language ("1 240", "85.5"). */
static char *
format_density (const char *language,
                double      value)
{
  double step;

  if (!(value > 0))
    return g_strdup ("0");
  if (value < 10)
    return bb_render_format_number (language, value, 2);
  if (value < 100)
    return bb_render_format_number (language, value, 1);
  step = pow (10, floor (log10 (value)) - 2);
  return bb_render_format_number (language, round (value / step) * step, 0);
}

/* The heat map of the published squares (@counts, blank ones already
 * emptied), with its key. */
static gboolean
set_heat (BbStaticMap               *map,
          const BbGrid              *counts,
          const BbPublicMapOptions  *options,
          double                     cell_m,
          GError                   **error)
{
  const char *language = options->language;
  const guint k = BB_PUBLIC_MAP_HEAT_SUBDIVISIONS, pad = 3;
  double bandwidth = BB_PUBLIC_MAP_HEAT_BANDWIDTH_SQUARES * cell_m, top;
  g_autoptr(BbGrid) fine = NULL;
  g_autoptr(BbGrid) density = NULL;
  g_autofree char *method = NULL;
  g_autofree char *note = NULL;
  char *labels[3];

  /* A margin of squares around, so that the kernel's reach is not cut. */
  fine = bb_grid_new (counts->x0 - pad * cell_m, counts->y0 - pad * cell_m, cell_m / k, (counts->n_cols + 2 * pad) * k,
                      (counts->n_rows + 2 * pad) * k);
  bb_grid_set_projection (fine, &counts->projection);
  for (guint row = 0; row < counts->n_rows; row++)
    for (guint col = 0; col < counts->n_cols; col++)
      {
        double share = bb_grid_get (counts, col, row) / (k * k);

        if (share > 0)
          for (guint j = 0; j < k; j++)
            for (guint i = 0; i < k; i++)
              fine->values[(gsize) ((row + pad) * k + j) * fine->n_cols + (col + pad) * k + i] = share;
      }
  density = bb_kde_grid_smooth (fine, BB_KDE_KERNEL_QUARTIC, bandwidth, error);
  if (density == NULL)
    return FALSE;
  top = bb_grid_max (density);
  labels[0] = g_strdup ("0");
  labels[1] = format_density (language, top / 4);   /* the ramp runs along the square root */
  labels[2] = format_density (language, top);
  bb_static_map_set_heat (map, density, bb_render_gettext (language, N_("Incidents per km², square-root scale")),
                          labels);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_free (labels[i]);
  if (options->policy.min_count > 1)
    method = g_strdup_printf (bb_render_gettext (language,
                                N_("Quartic kernel, bandwidth %.0f m, cells of %.0f m, over the public incidents "
                                   "counted in squares of %.0f m (squares with fewer than %u count nothing); the "
                                   "scale runs to this map's highest density.")),
                              bandwidth, cell_m / k, cell_m, options->policy.min_count);
  else
    method = g_strdup_printf (bb_render_gettext (language,
                                N_("Quartic kernel, bandwidth %.0f m, cells of %.0f m, over the public incidents "
                                   "counted in squares of %.0f m; the scale runs to this map's highest density.")),
                              bandwidth, cell_m / k, cell_m);
  note = options->period != NULL ? g_strdup_printf (bb_render_gettext (language, N_("Period: %s. %s")), options->period,
                                                    method)
                                 : g_steal_pointer (&method);
  bb_static_map_set_key_note (map, note);
  return TRUE;
}

BbStaticMap *
bb_public_map_new (BbStore                  *store,
                   const BbPublicMapOptions *options,
                   BbWithheld               *withheld,
                   GError                  **error)
{
  const char *language = options->language;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GArray) points = NULL;
  g_autoptr(BbMapFeatures) features = NULL;
  g_autoptr(BbStaticMap) map = NULL;
  g_autoptr(BbGrid) grid = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GArray) kept_rowids = NULL;      /* the keys of chosen_rows */
  g_autoptr(GHashTable) chosen_rows = NULL;  /* with a choice of stations: their incidents */
  g_autofree char *attribution = NULL;
  g_autofree char *title = NULL;
  g_autofree char *more = NULL;
  BbLocalProjection projection;
  BbBBox area, all;
  guint chosen = BB_MAP_POINT_NONE;
  double cell_m = options->cell_m > 0 ? options->cell_m : BB_PUBLIC_MAP_DEFAULT_CELL_M;
  double x0, y0, x1, y1;
  guint blank_cells = 0;
  gint64 blank_incidents = 0;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  districts = bb_store_map_list_districts (store, error);
  if (districts == NULL)
    return NULL;
  features = load_base (store, &attribution, error);
  if (features == NULL)
    return NULL;

  bb_bbox_init_empty (&area);
  bb_bbox_init_empty (&all);
  for (guint i = 0; i < districts->len; i++)
    {
      BbMapDistrict *d = g_ptr_array_index (districts, i);
      BbBBox box;

      bb_bbox_init_empty (&box);
      if (!district_box (d, &box))
        continue;
      bb_bbox_extend (&all, box.min_lon, box.min_lat);
      bb_bbox_extend (&all, box.max_lon, box.max_lat);
      if (g_strcmp0 (d->id, options->district_id) == 0)
        {
          chosen = i;
          area = box;
        }
    }
  if (options->district_id != NULL && chosen == BB_MAP_POINT_NONE)
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                   _("The district has no boundary to draw a map of"));
      return NULL;
    }
  if (bb_bbox_is_empty (&area))
    area = all;
  if (bb_bbox_is_empty (&area))
    {
      station = bb_store_station_get (store, error);
      if (station == NULL)
        return NULL;
      if (isnan (station->center_lat) || isnan (station->center_lon))
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                       _("The station has no districts and no centre to draw a map of"));
          return NULL;
        }
      bb_bbox_extend (&area, station->center_lon - 0.02, station->center_lat - 0.015);
      bb_bbox_extend (&area, station->center_lon + 0.02, station->center_lat + 0.015);
    }

  map = bb_static_map_new (&area);
  bb_static_map_set_base (map, features, attribution);
  for (guint i = 0; i < districts->len; i++)
    {
      BbMapDistrict *d = g_ptr_array_index (districts, i);

      bb_static_map_add_district (map, d->name, d->boundary, i == chosen);
    }
  if (options->no_cells)
    return g_steal_pointer (&map);

  /* Counted per square over the area shown. */
  categories = bb_store_map_list_categories (store, error);
  if (categories == NULL)
    return NULL;
  points = bb_store_map_load_points_between (store, categories, districts, options->from, options->to, error);
  if (points == NULL)
    return NULL;
  if (options->station_ids != NULL && options->station_ids[0] != NULL)
    {
      /* The points do not say which station wrote them: the chosen
       * stations' incidents of the period, by row. */
      g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
      g_autoptr(GArray) rowids = NULL;

      bb_incident_filter_set_time_range (filter, options->from, options->to);
      bb_incident_filter_set_station_ids (filter, options->station_ids);
      rowids = bb_store_incident_rowids (store, filter, BB_INCIDENT_SORT_TIME, FALSE, error);
      if (rowids == NULL)
        return NULL;
      chosen_rows = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < rowids->len; i++)
        g_hash_table_add (chosen_rows, &g_array_index (rowids, gint64, i));
      kept_rowids = g_steal_pointer (&rowids);
    }
  bb_local_projection_init (&projection, (area.min_lon + area.max_lon) / 2, (area.min_lat + area.max_lat) / 2);
  bb_local_projection_forward (&projection, area.min_lon, area.min_lat, &x0, &y0);
  bb_local_projection_forward (&projection, area.max_lon, area.max_lat, &x1, &y1);
  /* The squares lie on a grid anchored at the projection's origin, so that
   * the same incident always falls in the same square. */
  grid = bb_grid_new_for_extent (x0, y0, x1, y1, cell_m, cell_m, error);
  if (grid == NULL)
    return NULL;
  bb_grid_set_projection (grid, &projection);
  for (guint i = 0; i < points->len; i++)
    {
      const BbMapPoint *p = &g_array_index (points, BbMapPoint, i);
      double x, y;
      guint col, row;

      if ((p->flags & BB_MAP_POINT_RESTRICTED) != 0 || p->occurred < options->from || p->occurred >= options->to)
        continue;
      if (chosen != BB_MAP_POINT_NONE && p->district != chosen)
        continue;
      if (chosen_rows != NULL && !g_hash_table_contains (chosen_rows, &p->rowid))
        continue;
      bb_local_projection_forward (&projection, p->lon, p->lat, &x, &y);
      if (bb_grid_cell_at (grid, x, y, &col, &row))
        grid->values[(gsize) row * grid->n_cols + col] += 1;
    }
  for (gsize i = 0; i < bb_grid_n_cells (grid); i++)
    if (bb_publish_is_suppressed (&options->policy, (gint64) grid->values[i]))
      {
        blank_cells++;
        blank_incidents += (gint64) grid->values[i];
        grid->values[i] = 0;
      }

  if (options->legend_title != NULL)
    title = g_strdup (options->legend_title);
  else
    title = g_strdup_printf (bb_render_gettext (language, N_("Incidents per %.0f m square")), cell_m);
  /* TRANSLATORS: the top class of a map's legend, e.g. "25 or more" */
  more = g_strdup (bb_render_gettext (language, N_("%s or more")));
  bb_static_map_set_cells (map, grid, options->policy.min_count, NULL, title, more);
  if (options->heat)
    {
      if (!set_heat (map, grid, options, cell_m, error))
        return NULL;
    }
  else
  {
    /* The key says how the figures were made: a square's count in the
     * heat map's unit too, so that the two can be read side by side. */
    g_autofree char *per_km2 = bb_render_format_number (language, 1e6 / (cell_m * cell_m), cell_m > 1000 ? 2 : 0);
    g_autofree char *method = NULL;
    g_autofree char *note = NULL;

    if (options->policy.min_count > 1)
      method = g_strdup_printf (bb_render_gettext (language,
                                  N_("Public incidents counted in squares of %.0f m (one incident in a square is %s "
                                     "per km²); squares with fewer than %u are left blank; the shades split at the "
                                     "median, the upper quartile and the top tenth of the squares drawn.")),
                                cell_m, per_km2, options->policy.min_count);
    else
      method = g_strdup_printf (bb_render_gettext (language,
                                  N_("Public incidents counted in squares of %.0f m (one incident in a square is %s "
                                     "per km²); the shades split at the median, the upper quartile and the top "
                                     "tenth of the squares drawn.")),
                                cell_m, per_km2);
    /* TRANSLATORS: under a printed map's key: the period shown ("July–September 2026 (quarter 3)"), then how it was counted */
    note = options->period != NULL ? g_strdup_printf (bb_render_gettext (language, N_("Period: %s. %s")), options->period,
                                                      method)
                                   : g_steal_pointer (&method);

    bb_static_map_set_key_note (map, note);
  }

  if (withheld != NULL && blank_cells > 0)
    bb_withheld_add_note (withheld,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The map leaves %u square blank: it holds fewer than %u incidents (%u in all), which could point at a household.",
                                       "The map leaves %u squares blank: each holds fewer than %u incidents (%u in all), which could point at a household.",
                                       blank_cells),
                          blank_cells, options->policy.min_count, (guint) blank_incidents);
  return g_steal_pointer (&map);
}
