/* bb-hotspot-problem.c: a SARA problem opened from a hot spot or an area selected on the map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-hotspot-problem"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-hotspot-problem.h"
#include "bb-map-selection.h"
#include "bb-store-map.h"
#include "bb-store-problem-detail.h"

int
bb_hotspot_confidence (int bin)
{
  switch (ABS (bin))
    {
    case 3: return 99;
    case 2: return 95;
    case 1: return 90;
    default: return 0;
    }
}

char *
bb_hotspot_format_p (double p)
{
  if (p < 0.001)
    return g_strdup ("< 0.001");
  return g_strdup_printf ("%.3f", p);
}

char *
bb_hotspot_describe_categories (const BbIncidentFilter *filter,
                                GPtrArray              *categories)
{
  g_autoptr(GString) names = NULL;

  if (filter == NULL || filter->category_ids == NULL || filter->category_ids[0] == NULL || categories == NULL)
    return NULL;
  names = g_string_new (NULL);
  for (guint k = 0; filter->category_ids[k] != NULL; k++)
    for (guint i = 0; i < categories->len; i++)
      {
        BbMapCategory *category = g_ptr_array_index (categories, i);

        if (g_strcmp0 (category->id, filter->category_ids[k]) != 0)
          continue;
        if (names->len > 0)
          /* Translators: between the names of categories in a list */
          g_string_append (names, _(", "));
        g_string_append (names, category->name);
        break;
      }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static void
append_coordinate (GString *out,
                   double   lon,
                   double   lat)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "[%s,%s]", g_ascii_formatd (x, sizeof x, "%.7f", lon),
                          g_ascii_formatd (y, sizeof y, "%.7f", lat));
}

char *
bb_hotspot_area_geojson (BbMapAnalysis *analysis,
                         guint          spot_id)
{
  g_autoptr(GString) out = NULL;
  gsize n;
  gboolean first = TRUE;

  g_return_val_if_fail (analysis != NULL, NULL);

  if (analysis->z == NULL || spot_id == 0 || spot_id > analysis->spots->len)
    return NULL;
  out = g_string_new ("{\"type\":\"MultiPolygon\",\"coordinates\":[");
  n = bb_grid_n_cells (analysis->z);
  for (gsize i = 0; i < n; i++)
    {
      BbBBox b;

      if (analysis->spot_of[i] != spot_id)
        continue;
      bb_map_analysis_cell_bbox (analysis->z, i % analysis->z->n_cols, i / analysis->z->n_cols, &b);
      g_string_append (out, first ? "[[" : ",[[");
      first = FALSE;
      /* Counter-clockwise, as RFC 7946 asks of outer rings. */
      append_coordinate (out, b.min_lon, b.min_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b.max_lon, b.min_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b.max_lon, b.max_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b.min_lon, b.max_lat);
      g_string_append_c (out, ',');
      append_coordinate (out, b.min_lon, b.min_lat);
      g_string_append (out, "]]");
    }
  g_string_append (out, "]}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_day (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);

  /* Translators: a day in a problem's statement, as g_date_time_format() writes it */
  return when != NULL ? g_date_time_format (when, C_("problem statement date", "%-d %B %Y")) : g_strdup ("?");
}

/* "from 1 January 2026 to 31 March 2026", "since …", "until …" or "of all time". */
char *
bb_hotspot_describe_period (const BbIncidentFilter *filter)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (filter != NULL && filter->start != BB_UNSET_TIME)
    from = format_day (filter->start);
  /* The filter's end is the first second after the period. */
  if (filter != NULL && filter->end != BB_UNSET_TIME)
    to = format_day (filter->end - 1);
  if (from != NULL && to != NULL)
    return g_strdup_printf (_("from %s to %s"), from, to);
  if (from != NULL)
    return g_strdup_printf (_("since %s"), from);
  if (to != NULL)
    return g_strdup_printf (_("until %s"), to);
  return g_strdup (_("of all time"));
}

static gboolean
filter_limits_more (const BbIncidentFilter *f,
                    gboolean                area_is_filter)
{
  return f != NULL
         && ((f->district_ids != NULL && f->district_ids[0] != NULL) || (f->statuses != NULL && f->statuses[0] != NULL)
             || (f->sources != NULL && f->sources[0] != NULL) || f->restricted != BB_RESTRICTED_ANY
             || (f->text != NULL && f->text[0] != '\0') || (f->has_bbox && !area_is_filter));
}

void
bb_hotspot_append_filter_note (GString                *statement,
                               const BbIncidentFilter *f,
                               gboolean                area_is_filter)
{
  if (!filter_limits_more (f, area_is_filter))
    return;
  g_string_append_c (statement, ' ');
  g_string_append (statement, _("The map’s filter also limited the incidents by district, status, source, "
                                "restriction or words; the problem counts every incident of its categories "
                                "and period in the area."));
}

BbProblem *
bb_hotspot_problem_new (BbMapAnalysis          *analysis,
                        guint                   spot_id,
                        const BbIncidentFilter *filter,
                        const char             *what)
{
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(GString) statement = g_string_new (NULL);
  g_autofree char *period = NULL;
  g_autofree char *p_text = NULL;
  const BbMapHotspot *spot;
  double p;

  g_return_val_if_fail (analysis != NULL, NULL);

  if (analysis->spots == NULL || spot_id == 0 || spot_id > analysis->spots->len)
    return NULL;
  spot = &g_array_index (analysis->spots, BbMapHotspot, spot_id - 1);
  if (spot->sign <= 0)
    return NULL;

  period = bb_hotspot_describe_period (filter);
  p = bb_gistar_p_value (spot->peak_z);
  p_text = bb_hotspot_format_p (p);

  problem = bb_problem_new ();
  g_free (problem->stage);
  problem->stage = g_strdup ("scanning");
  /* The strongest evidence first: 99 % is high priority. */
  problem->priority = spot->peak_bin >= 3 ? 1 : spot->peak_bin == 2 ? 2 : 3;
  /* Translators: a problem's title, "Burglary hot spot"; %s names the incidents */
  problem->title = g_strdup_printf (_("%s hot spot"), what != NULL ? what : _("Incident"));
  problem->area = bb_hotspot_area_geojson (analysis, spot_id);
  problem->period_start = filter != NULL ? filter->start : BB_UNSET_TIME;
  problem->period_end = filter != NULL ? filter->end : BB_UNSET_TIME;

  g_string_append_printf (statement,
                          g_dngettext (NULL,
                                       /* Translators: %u incidents, %s what ("Burglary"), %s the period ("from 1 January 2026 to 31 March 2026"), %u cells of %.0f metres */
                                       "The hot-spot map shows %u incident (%s, %s) concentrated in %u cell of %.0f m.",
                                       "The hot-spot map shows %u incidents (%s, %s) concentrated in %u cells of %.0f m.",
                                       spot->count),
                          spot->count, what != NULL ? what : _("all categories"), period, spot->n_cells,
                          analysis->hot_cell_size);
  g_string_append_c (statement, ' ');
  g_string_append_printf (statement,
                          /* Translators: Gi* z-score, p-value text, confidence in per cent, neighbourhood in metres */
                          _("At its strongest cell Gi* z = %.2f (p %s%s): a hot spot at %d %% confidence, "
                            "counting neighbours within %.0f m."),
                          spot->peak_z, p < 0.001 ? "" : "= ", p_text, bb_hotspot_confidence (spot->peak_bin),
                          analysis->distance);
  if (analysis->options.correction == BB_GISTAR_CORRECTION_FDR)
    {
      g_string_append_c (statement, ' ');
      g_string_append (statement, _("The confidence holds after correcting for the number of cells tested "
                                    "(false-discovery rate)."));
    }
  bb_hotspot_append_filter_note (statement, filter, FALSE);
  problem->statement = g_string_free (g_steal_pointer (&statement), FALSE);
  return g_steal_pointer (&problem);
}

BbProblem *
bb_hotspot_problem_new_for_district (BbMapAnalysis          *analysis,
                                     guint                   index,
                                     const BbIncidentFilter *filter,
                                     const char             *what,
                                     const char             *district_id,
                                     const char             *district_name)
{
  g_autoptr(BbProblem) problem = NULL;
  g_autoptr(GString) statement = g_string_new (NULL);
  g_autofree char *period = NULL;
  g_autofree char *p_text = NULL;
  const BbGistarResult *gi;
  guint count;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (district_id != NULL && district_name != NULL, NULL);

  gi = analysis->district_gi;
  if (gi == NULL || index >= gi->n || gi->bin[index] <= 0)
    return NULL;
  period = bb_hotspot_describe_period (filter);
  p_text = bb_hotspot_format_p (gi->p[index]);
  count = (guint) lround (analysis->district_counts[index]);

  problem = bb_problem_new ();
  g_free (problem->stage);
  problem->stage = g_strdup ("scanning");
  problem->priority = gi->bin[index] >= 3 ? 1 : gi->bin[index] == 2 ? 2 : 3;
  /* Translators: a problem's title, "Burglary hot spot in Riverside"; %s names the incidents, then the district */
  problem->title = g_strdup_printf (_("%s hot spot in %s"), what != NULL ? what : _("Incident"), district_name);
  problem->district_id = g_strdup (district_id);
  problem->period_start = filter != NULL ? filter->start : BB_UNSET_TIME;
  problem->period_end = filter != NULL ? filter->end : BB_UNSET_TIME;

  g_string_append_printf (statement,
                          g_dngettext (NULL,
                                       /* Translators: %u incidents, %s what, %s the period, %s the district */
                                       "The hot-spot map by district shows %u incident (%s, %s) in %s, with its neighbouring districts well above the station’s level.",
                                       "The hot-spot map by district shows %u incidents (%s, %s) in %s, with its neighbouring districts well above the station’s level.",
                                       count),
                          count, what != NULL ? what : _("all categories"), period, district_name);
  g_string_append_c (statement, ' ');
  g_string_append_printf (statement,
                          /* Translators: Gi* z-score, p-value text, confidence in per cent */
                          _("Gi* z = %.2f (p %s%s): a hot spot at %d %% confidence, counting the districts that "
                            "share a border with it."),
                          gi->z[index], gi->p[index] < 0.001 ? "" : "= ", p_text, bb_hotspot_confidence (gi->bin[index]));
  if (filter_limits_more (filter, FALSE))
    {
      g_string_append_c (statement, ' ');
      g_string_append (statement, _("The map’s filter also limited the incidents by district, status, source, "
                                    "restriction or words; the problem counts every incident of its categories "
                                    "and period in the district."));
    }
  problem->statement = g_string_free (g_steal_pointer (&statement), FALSE);
  return g_steal_pointer (&problem);
}

char *
bb_area_geojson (const BbBBox *area)
{
  g_autoptr(BbMapSelection) selection = NULL;

  g_return_val_if_fail (area != NULL, NULL);
  selection = bb_map_selection_new_box (area);
  return bb_map_selection_to_geojson (selection);
}

typedef struct {
  BbProblem *problem;
  GStrv      category_ids;
  double     lon, lat;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_clear_pointer (&data->problem, bb_problem_free);
  g_strfreev (data->category_ids);
  g_free (data);
}

static gpointer
create_func (BbStore       *store,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  CreateData *data = user_data;
  BbProblem *problem = data->problem;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *district_id = NULL;

  /* A problem of a whole district has its district already. */
  if (problem->district_id == NULL)
    district_id = bb_store_district_at (store, data->lon, data->lat, &local_error);
  /* A hot spot outside every district still makes a problem. */
  if (district_id != NULL)
    {
      g_autoptr(BbDistrict) district = bb_store_district_get (store, district_id, NULL);

      if (district != NULL && district->name != NULL)
        {
          g_autofree char *title = problem->title;

          /* Translators: a problem's title with its district, "Burglary hot spot in Riverside" */
          problem->title = g_strdup_printf (_("%s in %s"), title, district->name);
        }
      g_free (problem->district_id);
      problem->district_id = g_steal_pointer (&district_id);
    }

  /* With its categories or not at all: without them the problem would
   * claim every incident of the area. */
  if (!bb_store_problem_save (store, problem,
                              data->category_ids != NULL ? (const char * const *) data->category_ids
                                                         : (const char * const[]) { NULL },
                              NULL, error))
    return NULL;
  return g_strdup (problem->id);
}

void
bb_hotspot_problem_create_async (BbStore             *store,
                                 const BbProblem     *problem,
                                 const char * const  *category_ids,
                                 double               lon,
                                 double               lat,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CreateData *data;

  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (problem != NULL);

  data = g_new0 (CreateData, 1);
  data->problem = bb_problem_copy (problem);
  data->category_ids = g_strdupv ((char **) category_ids);
  data->lon = lon;
  data->lat = lat;
  bb_store_run_async_full (store, create_func, g_free, data, (GDestroyNotify) create_data_free, cancellable,
                           callback, user_data);
}

char *
bb_hotspot_problem_create_finish (BbStore       *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bb_store_run_finish (store, result, error);
}
