/* bb-analyse-cli.c: the headless analyses: a plain CSV in, a CSV of results out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-analyse-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bb-safe-file.h"
#include "bb-analyse-cli.h"
#include "bb-analyse-table.h"
#include "bb-geo.h"
#include "bb-gistar.h"
#include "bb-grid.h"
#include "bb-kde.h"
#include "bb-knox.h"
#include "bb-trend.h"

G_DEFINE_QUARK (bb-analyse-cli-error-quark, bb_analyse_cli_error)

typedef struct {
  char     *analyse;
  char     *input;
  char     *output;
  char     *kernel;
  char     *spatial_bands;
  char     *temporal_bands;
  char     *versus;
  double    bandwidth;
  double    cell;
  double    distance;
  double    period;
  int       slices;
  int       permutations;
  gint64    seed;
  gboolean  lonlat;
  gboolean  fdr;
  gboolean  help;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->analyse);
  g_free (o->input);
  g_free (o->output);
  g_free (o->kernel);
  g_free (o->spatial_bands);
  g_free (o->temporal_bands);
  g_free (o->versus);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

#define COL BB_ANALYSE_COL

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isinf (value))
    g_string_append (out, value > 0 ? "inf" : "-inf");
  else if (isnan (value))
    g_string_append (out, "nan");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/* "x,y" or "lon,lat" of a point in metres. */
static void
append_position (GString     *out,
                 const BbAnalyseTable *t,
                 double       x,
                 double       y)
{
  if (t->lonlat)
    bb_local_projection_inverse (&t->projection, x, y, &x, &y);
  append_number (out, x);
  g_string_append_c (out, ',');
  append_number (out, y);
}

static const char *
position_header (const BbAnalyseTable *t)
{
  return t->lonlat ? "lon,lat" : "x,y";
}

static void
append_cell_position (GString      *out,
                      const BbAnalyseTable  *t,
                      const BbGrid *grid,
                      guint         col,
                      guint         row)
{
  double x, y;

  bb_grid_cell_centre (grid, col, row, &x, &y);
  g_string_append_printf (out, "%u,%u,", col, row);
  append_position (out, t, x, y);
}

static gboolean
parse_bands (const char  *text,
             const char  *option,
             GArray      *limits,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (!bb_analyse_parse_number (g_strstrip (parts[i]), &v) || v <= 0
          || (limits->len > 0 && v <= g_array_index (limits, double, limits->len - 1)))
        {
          g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                       _("%s takes increasing positive numbers separated by commas, such as 100,200,400; “%s” is not."),
                       option, text);
          return FALSE;
        }
      g_array_append_val (limits, v);
    }
  return TRUE;
}

static gboolean
run_kde (const Options  *o,
         const BbAnalyseTable    *t,
         GString        *out,
         GString        *summary,
         GError        **error)
{
  BbKdeOptions kde;
  g_autoptr(BbGrid) grid = NULL;
  double bandwidth;

  bb_kde_options_init (&kde);
  if (o->kernel != NULL && !bb_kde_kernel_from_string (o->kernel, &kde.kernel))
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                   _("Unknown kernel “%s”: choose quartic, gaussian or epanechnikov."), o->kernel);
      return FALSE;
    }
  bandwidth = o->bandwidth > 0 ? o->bandwidth
                               : bb_kde_default_bandwidth ((const double *) t->x->data,
                                                           (const double *) t->y->data, t->n);
  kde.bandwidth = bandwidth;
  kde.cell_size = o->cell;

  grid = bb_kde_grid_compute ((const double *) t->x->data, (const double *) t->y->data,
                              t->value ? (const double *) t->value->data : NULL,
                              t->n, &kde, error);
  if (grid == NULL)
    return FALSE;

  g_string_append_printf (out, "col,row,%s,density\n", position_header (t));
  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      {
        append_cell_position (out, t, grid, c, r);
        g_string_append_c (out, ',');
        append_number (out, bb_grid_get (grid, c, r));
        g_string_append_c (out, '\n');
      }

  g_string_append_printf (summary,
                          _("Heat map of %zu incidents: %s kernel, bandwidth %.1f m, "
                            "%u × %u cells of %.1f m, in incidents per km² (highest %.1f).\n"),
                          t->n, bb_kde_kernel_to_string (kde.kernel), bandwidth,
                          grid->n_cols, grid->n_rows, grid->cell_size, bb_grid_max (grid));
  return TRUE;
}

static void
summarise_bins (GString     *summary,
                const gint8 *bins,
                gsize        n)
{
  guint count[7] = { 0 };

  for (gsize i = 0; i < n; i++)
    count[bins[i] + 3]++;
  g_string_append_printf (summary,
                          _("Hot spots: %u at 99 %%, %u at 95 %%, %u at 90 %%; "
                            "cold spots: %u at 99 %%, %u at 95 %%, %u at 90 %%.\n"),
                          count[6], count[5], count[4], count[0], count[1], count[2]);
}

static gboolean
run_gistar (const Options  *o,
            const BbAnalyseTable    *t,
            GString        *out,
            GString        *summary,
            GError        **error)
{
  BbGistarCorrection correction = o->fdr ? BB_GISTAR_CORRECTION_FDR : BB_GISTAR_CORRECTION_NONE;

  if (!(o->distance > 0))
    {
      g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                           _("Hot-spot analysis needs a distance band: give --distance in metres."));
      return FALSE;
    }

  if (o->cell > 0)
    {
      g_autoptr(BbGrid) counts = NULL;
      g_autoptr(BbGrid) z = NULL;
      g_autofree gint8 *bins = NULL;

      counts = bb_grid_new_for_extent (t->min_x, t->min_y, t->max_x, t->max_y, o->cell, 0, error);
      if (counts == NULL)
        return FALSE;
      bb_grid_add_points (counts, (const double *) t->x->data, (const double *) t->y->data,
                          t->value ? (const double *) t->value->data : NULL, t->n);
      z = bb_gistar_grid_compute (counts, o->distance, error);
      if (z == NULL)
        return FALSE;
      bins = g_new (gint8, bb_grid_n_cells (z));
      bb_gistar_grid_classify (z, correction, bins);

      g_string_append_printf (out, "col,row,%s,%s,gi_star_z,p,bin\n", position_header (t),
                              t->value ? "value" : "count");
      for (guint r = 0; r < z->n_rows; r++)
        for (guint c = 0; c < z->n_cols; c++)
          {
            gsize i = (gsize) r * z->n_cols + c;

            append_cell_position (out, t, z, c, r);
            g_string_append_c (out, ',');
            append_number (out, counts->values[i]);
            g_string_append_c (out, ',');
            append_number (out, z->values[i]);
            g_string_append_c (out, ',');
            append_number (out, bb_gistar_p_value (z->values[i]));
            g_string_append_printf (out, ",%d\n", bins[i]);
          }
      g_string_append_printf (summary, _("Gi* on %u × %u cells of %.1f m, distance band %.1f m%s.\n"),
                              z->n_cols, z->n_rows, z->cell_size, o->distance,
                              o->fdr ? _(", false-discovery rate controlled") : "");
      summarise_bins (summary, bins, bb_grid_n_cells (z));
      return TRUE;
    }
  else
    {
      g_autoptr(BbNeighbours) nb = NULL;
      g_autoptr(BbGistarResult) r = NULL;
      g_autoptr(GError) g_error = NULL;
      BbGeneralG g;

      if (t->value == NULL)
        {
          g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                       _("%s has no “value” column: give --cell to count incidents per cell, "
                         "or add the values to analyse."), t->path);
          return FALSE;
        }
      nb = bb_neighbours_new_distance_band ((const double *) t->x->data, (const double *) t->y->data,
                                            t->n, o->distance);
      r = bb_gistar_compute ((const double *) t->value->data, t->n, nb, TRUE, correction, error);
      if (r == NULL)
        return FALSE;

      g_string_append_printf (out, "line,%s,value,neighbours,gi_star_z,p,bin\n", position_header (t));
      for (gsize i = 0; i < t->n; i++)
        {
          g_string_append_printf (out, "%u,", g_array_index (t->line, guint, i));
          append_position (out, t, COL (t->x, i), COL (t->y, i));
          g_string_append_c (out, ',');
          append_number (out, COL (t->value, i));
          g_string_append_printf (out, ",%" G_GSIZE_FORMAT ",", bb_neighbours_count (nb, i));
          append_number (out, r->z[i]);
          g_string_append_c (out, ',');
          append_number (out, r->p[i]);
          g_string_append_printf (out, ",%d\n", r->bin[i]);
        }

      g_string_append_printf (summary, _("Gi* on %zu places, distance band %.1f m%s.\n"),
                              t->n, o->distance,
                              o->fdr ? _(", false-discovery rate controlled") : "");
      summarise_bins (summary, r->bin, t->n);
      if (bb_general_g_compute ((const double *) t->value->data, t->n, nb, &g, &g_error))
        g_string_append_printf (summary, _("General G = %.8f (expected %.8f), z = %.6f, p = %.4f.\n"),
                                g.g, g.expected, g.z, g.p);
      else
        g_string_append_printf (summary, _("General G not computed: %s\n"), g_error->message);
      return TRUE;
    }
}

static gboolean
run_knox (const Options  *o,
          const BbAnalyseTable    *t,
          GString        *out,
          GString        *summary,
          GError        **error)
{
  g_autoptr(GArray) spatial = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) temporal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BbKnoxResult) r = NULL;
  gboolean any = FALSE;

  if (t->days == NULL)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                   _("%s has no “time” column: a near-repeat analysis needs when each incident happened."),
                   t->path);
      return FALSE;
    }
  if (!parse_bands (o->spatial_bands ? o->spatial_bands : "100,200,400", "--spatial-bands", spatial, error)
      || !parse_bands (o->temporal_bands ? o->temporal_bands : "7,14,21", "--temporal-bands", temporal, error))
    return FALSE;

  r = bb_knox_compute ((const double *) t->x->data, (const double *) t->y->data,
                       (const double *) t->days->data, t->n,
                       (const double *) spatial->data, spatial->len,
                       (const double *) temporal->data, temporal->len,
                       o->permutations, (guint64) o->seed, NULL, error);
  if (r == NULL)
    return FALSE;

  g_string_append (out, "spatial_from,spatial_to,temporal_from,temporal_to,observed,expected,ratio,p\n");
  for (guint s = 0; s < r->n_spatial; s++)
    for (guint tt = 0; tt < r->n_temporal; tt++)
      {
        gsize c = bb_knox_index (r, s, tt);
        double s0, s1, t0, t1;

        bb_knox_spatial_band (r, s, &s0, &s1);
        bb_knox_temporal_band (r, tt, &t0, &t1);
        append_number (out, s0);
        g_string_append_c (out, ',');
        append_number (out, s1);
        g_string_append_c (out, ',');
        append_number (out, t0);
        g_string_append_c (out, ',');
        append_number (out, t1);
        g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",", r->observed[c]);
        append_number (out, r->expected[c]);
        g_string_append_c (out, ',');
        append_number (out, r->ratio[c]);
        g_string_append_c (out, ',');
        append_number (out, r->p[c]);
        g_string_append_c (out, '\n');
      }

  g_string_append_printf (summary, _("Knox test on %zu incidents, %u permutations, seed %" PRId64 ".\n"),
                          t->n, r->permutations, o->seed);
  for (guint s = 0; s + 1 < r->n_spatial; s++)
    for (guint tt = 0; tt + 1 < r->n_temporal; tt++)
      {
        gsize c = bb_knox_index (r, s, tt);

        if (r->p[c] <= BB_KNOX_SIGNIFICANCE && r->ratio[c] > 1)
          {
            g_autofree char *reading = bb_knox_describe (r, s, tt, NULL);

            g_string_append_printf (summary, "%s\n", reading);
            any = TRUE;
          }
      }
  if (!any)
    {
      g_autofree char *reading = bb_knox_describe (r, 0, 0, NULL);

      g_string_append_printf (summary, "%s\n", reading);
    }
  return TRUE;
}

/* One row per cell that saw an incident in any slice: how often its Gi*
 * was significant, its trend and its pattern. */
static void
write_emerging (const BbAnalyseTable           *t,
                const BbGrid          *shape,
                const BbGrid * const  *slices,
                const BbEmerging      *emerging,
                GString               *out)
{
  g_string_append_printf (out, "col,row,%s,slices,hot_slices,cold_slices,last_gi_z,mk_z,mk_p,pattern\n",
                          position_header (t));
  for (guint r = 0; r < shape->n_rows; r++)
    for (guint c = 0; c < shape->n_cols; c++)
      {
        gsize i = (gsize) r * shape->n_cols + c;
        double total = 0;

        for (guint s = 0; s < emerging->n_slices; s++)
          total += slices[s]->values[i];
        if (total == 0)
          continue;
        append_cell_position (out, t, shape, c, r);
        g_string_append_printf (out, ",%u,%u,%u,", emerging->n_slices, emerging->n_hot[i], emerging->n_cold[i]);
        append_number (out, emerging->last_z[i]);
        g_string_append_c (out, ',');
        append_number (out, emerging->trend_z[i]);
        g_string_append_c (out, ',');
        append_number (out, emerging->trend_p[i]);
        g_string_append_printf (out, ",%s\n", bb_emerging_pattern_to_string (emerging->pattern[i]));
      }
}

static gboolean
run_trend (const Options  *o,
           const BbAnalyseTable    *t,
           GString        *out,
           GString        *summary,
           GError        **error)
{
  g_autoptr(BbGrid) shape = NULL;
  g_autofree BbGrid **slices = NULL;
  g_autoptr(BbEmerging) emerging = NULL;
  const guint8 *patterns = NULL;
  g_autofree double *series = NULL;
  g_autoptr(BbGrid) year_ago = NULL;
  gboolean emerging_only = strcmp (o->analyse, "emerging") == 0;
  double period = o->period > 0 ? o->period : 28;
  gboolean versus_year = FALSE;
  double first = INFINITY, last = -INFINITY;
  guint n_slices;
  gsize cells, in_slices = 0;
  gboolean ok = TRUE;

  if (t->days == NULL)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_INPUT,
                   _("%s has no “time” column: trends need when each incident happened."), t->path);
      return FALSE;
    }

  if (emerging_only && o->cell <= 0)
    {
      g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                           _("Emerging hot spots are found on grid cells: give --cell."));
      return FALSE;
    }
  if (o->versus != NULL && strcmp (o->versus, "year") == 0)
    versus_year = TRUE;
  else if (o->versus != NULL && strcmp (o->versus, "previous") != 0)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                   _("Unknown comparison “%s”: choose previous or year."), o->versus);
      return FALSE;
    }

  for (gsize i = 0; i < t->n; i++)
    {
      first = MIN (first, COL (t->days, i));
      last = MAX (last, COL (t->days, i));
    }
  if (o->slices > 0)
    n_slices = o->slices;
  else
    n_slices = (guint) CLAMP (floor ((last - first) / period) + 1, 2, 120);
  if (n_slices < 2 || n_slices > 1000)
    {
      g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                           _("--slices must be between 2 and 1000."));
      return FALSE;
    }

  /* Without cells, the whole area is one unit. */
  if (o->cell > 0)
    shape = bb_grid_new_for_extent (t->min_x, t->min_y, t->max_x, t->max_y, o->cell, 0, error);
  else
    shape = bb_grid_new (t->min_x, t->min_y,
                         MAX (t->max_x - t->min_x, t->max_y - t->min_y) * 1.000001 + 1, 1, 1);
  if (shape == NULL)
    return FALSE;
  cells = bb_grid_n_cells (shape);

  /* Slice k (0 the oldest) holds the times in (last − (n − k)·P, last − (n − k − 1)·P]. */
  slices = g_new0 (BbGrid *, n_slices);
  for (guint s = 0; s < n_slices; s++)
    slices[s] = bb_grid_new_like (shape);
  for (gsize i = 0; i < t->n; i++)
    {
      double back = floor ((last - COL (t->days, i)) / period);
      guint s;

      if (back >= n_slices)
        continue;
      s = n_slices - 1 - (guint) back;
      bb_grid_add_points (slices[s], &COL (t->x, i), &COL (t->y, i), NULL, 1);
      in_slices++;
    }

  /* The same period a year before: (last − 365 − P, last − 365]. */
  if (versus_year)
    {
      year_ago = bb_grid_new_like (shape);
      for (gsize i = 0; i < t->n; i++)
        {
          double back = last - 365 - COL (t->days, i);

          if (back >= 0 && back < period)
            bb_grid_add_points (year_ago, &COL (t->x, i), &COL (t->y, i), NULL, 1);
        }
    }

  if (o->cell > 0 && (n_slices >= 3 || emerging_only))
    {
      emerging = bb_trend_emerging_compute ((const BbGrid * const *) slices, n_slices,
                                            o->distance > 0 ? o->distance : 1.5 * o->cell,
                                            0, o->fdr ? BB_GISTAR_CORRECTION_FDR
                                                      : BB_GISTAR_CORRECTION_NONE,
                                            NULL, error);
      if (emerging == NULL)
        ok = FALSE;
      else
        patterns = emerging->pattern;
    }

  if (ok && emerging_only)
    write_emerging (t, shape, (const BbGrid * const *) slices, emerging, out);
  else if (ok)
    {
      series = g_new (double, n_slices);
      g_string_append_printf (out, "col,row,%s,previous,current,change_z,change,mk_s,mk_z,mk_p,pattern\n",
                              position_header (t));
      for (guint r = 0; r < shape->n_rows; r++)
        for (guint c = 0; c < shape->n_cols; c++)
          {
            gsize i = (gsize) r * shape->n_cols + c;
            double total = 0, z, previous;
            BbMannKendall mk;

            for (guint s = 0; s < n_slices; s++)
              {
                series[s] = slices[s]->values[i];
                total += series[s];
              }
            previous = versus_year ? year_ago->values[i] : series[n_slices - 2];
            /* Cells that never saw an incident say nothing. */
            if (total == 0 && previous == 0)
              continue;
            bb_trend_mann_kendall (series, n_slices, &mk);
            z = bb_trend_poisson_z (series[n_slices - 1], previous);

            append_cell_position (out, t, shape, c, r);
            g_string_append_c (out, ',');
            append_number (out, previous);
            g_string_append_c (out, ',');
            append_number (out, series[n_slices - 1]);
            g_string_append_c (out, ',');
            append_number (out, z);
            g_string_append_printf (out, ",%s,", bb_change_level_to_string (bb_trend_change_level (z)));
            append_number (out, mk.s);
            g_string_append_c (out, ',');
            append_number (out, mk.z);
            g_string_append_c (out, ',');
            append_number (out, mk.p);
            g_string_append_printf (out, ",%s\n",
                                    patterns ? bb_emerging_pattern_to_string (patterns[i]) : "");
          }

      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Trends over %u periods of %g days ending on day %.2f "
                                           "(%zu of %zu incidents fall in them), %zu cell.\n",
                                           "Trends over %u periods of %g days ending on day %.2f "
                                           "(%zu of %zu incidents fall in them), %zu cells.\n",
                                           cells),
                              n_slices, period, last, in_slices, t->n, cells);
    }
  if (ok && emerging != NULL)
    for (guint k = 1; k < BB_EMERGING_N_PATTERNS; k++)
      if (emerging->n_by_pattern[k] > 0)
        /* Translators: "intensifying hot spot: 12 cells" */
        g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%s: %u cell\n", "%s: %u cells\n",
                                                      emerging->n_by_pattern[k]),
                                bb_emerging_pattern_describe (k), emerging->n_by_pattern[k]);

  for (guint s = 0; s < n_slices; s++)
    bb_grid_free (slices[s]);
  return ok;
}

static gboolean
write_output (const char  *path,
              GString     *out,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
        {
          g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OUTPUT,
                               _("Cannot write the results to standard output."));
          return FALSE;
        }
      return TRUE;
    }
  if (!bb_safe_file_set_contents (path, out->str, (gssize) out->len, &local_error))
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OUTPUT,
                   _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static GOptionContext *
make_context (Options *o)
{
  const GOptionEntry entries[] = {
    { "analyse", 0, 0, G_OPTION_ARG_STRING, &o->analyse,
      N_("The analysis: kde (heat map), gistar (hot spots), knox (near repeats), trend or emerging (emerging hot spots)"), "NAME" },
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &o->input, N_("The incidents, as CSV with a header"), "FILE.csv" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &o->output, N_("Where to write the results as CSV (- for standard output)"), "FILE.csv" },
    { "kernel", 0, 0, G_OPTION_ARG_STRING, &o->kernel, N_("kde: quartic (default), gaussian or epanechnikov"), "KERNEL" },
    { "bandwidth", 0, 0, G_OPTION_ARG_DOUBLE, &o->bandwidth, N_("kde: bandwidth in metres (default: 0.9·min(SD, √(1/ln 2)·Dm)·n^−0.2)"), "M" },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &o->cell, N_("Cell size in metres (kde default: the shorter side of the extent / 250; gistar and trend: count per cell)"), "M" },
    { "distance", 0, 0, G_OPTION_ARG_DOUBLE, &o->distance, N_("gistar: distance band in metres, neighbours at most this far (trend: for emerging hot spots, default 1.5 cells)"), "M" },
    { "fdr", 0, 0, G_OPTION_ARG_NONE, &o->fdr, N_("gistar, trend: control the false-discovery rate (Benjamini–Hochberg)"), NULL },
    { "spatial-bands", 0, 0, G_OPTION_ARG_STRING, &o->spatial_bands, N_("knox: upper limits of the distance bands in metres (default 100,200,400)"), "LIST" },
    { "temporal-bands", 0, 0, G_OPTION_ARG_STRING, &o->temporal_bands, N_("knox: upper limits of the time bands in days (default 7,14,21)"), "LIST" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &o->permutations, N_("knox: Monte Carlo permutations (default 99)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed, N_("knox: seed of the permutations, for the same result every run (default 1)"), "N" },
    { "period", 0, 0, G_OPTION_ARG_DOUBLE, &o->period, N_("trend: length of a period in days (default 28)"), "DAYS" },
    { "versus", 0, 0, G_OPTION_ARG_STRING, &o->versus, N_("trend: compare the last period with the previous one (default) or with the same period a year before (year)"), "previous|year" },
    { "slices", 0, 0, G_OPTION_ARG_INT, &o->slices, N_("trend: number of periods back from the latest incident (default: all the data covers)"), "N" },
    { "lonlat", 0, 0, G_OPTION_ARG_NONE, &o->lonlat, N_("Read positions from the lon and lat columns (WGS84 degrees) and write lon,lat"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &o->help, N_("Show this help"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("— run an analysis on a CSV file"));
  g_autofree char *description = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Runs one of Beatbook's analyses without the window, so that it can be scripted "
      "and checked against other tools."));
  description = g_strconcat (
    /* xgettext:no-c-format */
    _("Input: CSV with a header row.  Positions in columns x and y (metres, any local "
      "projection), or lon and lat (WGS84 degrees; also with --lonlat).  Optional "
      "columns: value (a weight per row) and time (ISO 8601 such as 2024-05-01T22:30:00Z "
      "or 2024-05-01, or a number of days).  Other columns are ignored.\n"
      "\n"
      "Output:\n"
      "  kde     col,row,x,y,density — every cell; incidents per km²\n"
      "  gistar  with --cell: col,row,x,y,count,gi_star_z,p,bin for every cell;\n"
      "          without: line,x,y,value,neighbours,gi_star_z,p,bin — the rows are\n"
      "          the places (needs a value column); bin is ±3/±2/±1 for\n"
      "          99/95/90 % confidence, hot positive, cold negative\n"
      "  knox    spatial_from,spatial_to,temporal_from,temporal_to,observed,\n"
      "          expected,ratio,p — one row per pair of bands\n"
      "  trend   col,row,x,y,previous,current,change_z,change,mk_s,mk_z,mk_p,pattern\n"
      "          for cells with incidents; change_z = 2(√current − √previous),\n"
      "          significant beyond ±3, worth watching beyond ±2; previous is the\n"
      "          period before the last, or a year before it with --versus=year;\n"
      "          mk_* is the Mann–Kendall trend over all periods; pattern (with\n"
      "          --cell and three periods or more) is new, intensifying,\n"
      "          persistent or diminishing for emerging hot spots\n"
      "With --lonlat the positions are written as lon,lat.\n"
      "\n"
      "A bad row stops the run with the file, line and column named, and exit status 1."),
    "\n\n",
    /* xgettext:no-c-format */
    _("Emerging hot spots (--analyse emerging, needs --cell): the periods of trend\n"
      "are the time slices; each gets its Gi* (--distance, --fdr) and a cell is hot\n"
      "or cold in a slice at 95 % confidence.  Output: col,row,x,y,slices,\n"
      "hot_slices,cold_slices,last_gi_z,mk_z,mk_p,pattern, mk_* the Mann–Kendall\n"
      "trend of the cell's Gi* z over the slices; pattern is new, intensifying,\n"
      "persistent, diminishing or sporadic, for cold spots the same with -cold,\n"
      "or none."), NULL);
  g_option_context_set_description (context, description);
  return context;
}

gboolean
bb_analyse_cli_execute (int      argc,
                        char   **argv,
                        GError **error)
{
  g_auto(Options) o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(BbAnalyseTable) table = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) summary = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (argc >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  o.permutations = 99;
  o.seed = 1;
  context = make_context (&o);

  /* Parse a copy: the caller's argv stays as it was. */
  args = g_new0 (char *, argc + 2);
  args[0] = g_strdup (argc > 0 && argv[0] != NULL ? argv[0] : "beatbook");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, error))
    {
      if (*error != NULL && (*error)->domain == G_OPTION_ERROR)
        {
          GError *e = *error;

          *error = g_error_new_literal (BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION, e->message);
          g_error_free (e);
        }
      return FALSE;
    }

  if (o.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stdout);
      if (!g_str_has_suffix (help, "\n"))
        fputc ('\n', stdout);
      return TRUE;
    }

  if (args[1] != NULL)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                   _("Unexpected argument “%s”; see --help."), args[1]);
      return FALSE;
    }
  if (o.analyse == NULL || o.input == NULL || o.output == NULL)
    {
      g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                           _("Give --analyse, --input and --output; see --help."));
      return FALSE;
    }
  if (o.bandwidth < 0 || o.cell < 0 || o.distance < 0 || o.period < 0 || o.slices < 0)
    {
      g_set_error_literal (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                           _("Distances, sizes and periods must not be negative."));
      return FALSE;
    }
  if (strcmp (o.analyse, "kde") != 0 && strcmp (o.analyse, "gistar") != 0
      && strcmp (o.analyse, "knox") != 0 && strcmp (o.analyse, "trend") != 0
      && strcmp (o.analyse, "emerging") != 0)
    {
      g_set_error (error, BB_ANALYSE_CLI_ERROR, BB_ANALYSE_CLI_ERROR_OPTION,
                   _("Unknown analysis “%s”: choose kde, gistar, knox, trend or emerging."), o.analyse);
      return FALSE;
    }

  if (!bb_analyse_table_read (o.input, o.lonlat, &table, error))
    return FALSE;

  if (strcmp (o.analyse, "kde") == 0)
    ok = run_kde (&o, &table, out, summary, error);
  else if (strcmp (o.analyse, "gistar") == 0)
    ok = run_gistar (&o, &table, out, summary, error);
  else if (strcmp (o.analyse, "knox") == 0)
    ok = run_knox (&o, &table, out, summary, error);
  else
    ok = run_trend (&o, &table, out, summary, error);

  if (!ok || !write_output (o.output, out, error))
    return FALSE;

  if (g_strcmp0 (o.output, "-") == 0)
    g_printerr ("%s", summary->str);
  else
    g_print ("%s", summary->str);
  return TRUE;
}

int
bb_analyse_cli_run (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;

  if (bb_analyse_cli_execute (argc, argv, &error))
    return 0;
  g_printerr ("%s: %s\n", g_get_prgname () ? g_get_prgname () : "beatbook", error->message);
  return 1;
}
