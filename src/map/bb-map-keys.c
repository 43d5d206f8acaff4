/* bb-map-keys.c: the keys of the heat-map, hot-spot and trend layers as they are drawn now, for the window's legend and for paper */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-keys"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-heat-layer.h"
#include "bb-hotspot-layer.h"
#include "bb-hotspot-problem.h"
#include "bb-map-keys.h"

char *
bb_map_keys_format_density (double value)
{
  double step;

  if (!(value > 0))
    return g_strdup ("0");
  if (value < 10)
    return g_strdup_printf ("%.2f", value);
  if (value < 100)
    return g_strdup_printf ("%.1f", value);
  step = pow (10, floor (log10 (value)) - 2);
  return g_strdup_printf ("%'.0f", round (value / step) * step);
}

char *
bb_map_keys_format_date (gint64 t)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (t);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
}

static guint32
rgb_of (double r,
        double g,
        double b)
{
  return ((guint32) lround (r * 255) << 16) | ((guint32) lround (g * 255) << 8) | (guint32) lround (b * 255);
}

const char *
bb_map_keys_kernel_name (BbKdeKernel kernel)
{
  switch (kernel)
    {
    case BB_KDE_KERNEL_GAUSSIAN: return _("Gaussian");
    case BB_KDE_KERNEL_EPANECHNIKOV: return _("Epanechnikov");
    case BB_KDE_KERNEL_QUARTIC:
    default: return _("Quartic");
    }
}

BbMapKey *
bb_map_keys_heat (BbMapAnalysis *a,
                  double         top,
                  gboolean       kept)
{
  g_autoptr(BbMapKey) key = NULL;
  g_autofree char *method = NULL;
  g_autofree char *detail = NULL;
  const int stops = 8;

  if (a == NULL || a->heat == NULL || !(top > 0))
    return NULL;
  key = bb_map_key_new (_("Heat Map"), TRUE);
  for (int i = 0; i <= stops; i++)
    {
      double t = (double) i / stops, r, g, b, alpha;
      g_autofree char *label = NULL;

      bb_heat_ramp_colour (t, &r, &g, &b, &alpha);
      if (i == 0)
        label = g_strdup ("0");
      else if (i == stops / 2)
        label = bb_map_keys_format_density (bb_heat_ramp_value (0.5, top));
      else if (i == stops)
        {
          g_autofree char *high = bb_map_keys_format_density (top);

          /* Translators: the top of a kept scale that this period exceeds, "≥ 850" */
          label = a->heat_max > top * 1.0001 ? g_strdup_printf (_("≥ %s"), high) : g_steal_pointer (&high);
        }
      bb_map_key_add (key, rgb_of (r, g, b), alpha, label);
    }
  /* How it was made, so that a reader can judge it: the kernel, its
   * bandwidth and the cells, and whether the scale is a kept one. */
  method = g_strdup_printf (_("%s kernel, bandwidth %.0f m, cells of %.0f m."), bb_map_keys_kernel_name (a->options.kernel),
                            a->bandwidth, a->cell_size);
  detail = g_strdup_printf ("%s. %s%s%s", _("Incidents per km², square-root scale"), method, kept ? " " : "",
                            kept ? _("Scale kept for comparison.") : "");
  bb_map_key_set_note (key, detail);
  return g_steal_pointer (&key);
}

BbMapKey *
bb_map_keys_hotspots (BbMapAnalysis *a)
{
  g_autoptr(BbMapKey) key = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *detail = NULL;

  if (a == NULL || a->z == NULL)
    return NULL;
  key = bb_map_key_new (_("Hot Spots (Gi*)"), FALSE);
  for (int bin = 3; bin >= -3; bin--)
    {
      g_autofree char *label = NULL;
      double r, g, b;

      if (bin == 0)
        continue;
      bb_hotspot_bin_colour (bin, &r, &g, &b);
      label = g_strdup_printf (bin > 0 ? _("Hot %d %%") : _("Cold %d %%"), bb_hotspot_confidence (bin));
      bb_map_key_add (key, rgb_of (r, g, b), 0.72, label);
    }
  /* The band, the cells, and whether the confidence is corrected for
   * testing every cell at once. */
  cells = g_strdup_printf (_("Cells of %.0f m, neighbours within %.0f m."), a->hot_cell_size, a->distance);
  detail = g_strconcat (cells, " ", a->options.correction == BB_GISTAR_CORRECTION_FDR
                                    ? _("Corrected for the false-discovery rate.")
                                    : _("Not corrected for the false-discovery rate."), NULL);
  bb_map_key_set_note (key, detail);
  return g_steal_pointer (&key);
}

BbMapKey *
bb_map_keys_trend (BbMapTrend  *t,
                   BbTrendShow  show)
{
  g_autoptr(BbMapKey) key = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *note = NULL;

  if (t == NULL || t->change_z == NULL)
    return NULL;
  /* The last day of a period [start, end) is the day before end. */
  end = bb_map_keys_format_date (t->end - 1);
  if (show == BB_TREND_SHOW_EMERGING)
    {
      if (t->emerging == NULL)
        return NULL;
      key = bb_map_key_new (_("Emerging Hot Spots"), FALSE);
      for (guint p = 1; p < BB_EMERGING_N_PATTERNS; p++)
        /* Every hot pattern, and the cold ones found: a reader looks for
         * the hot ones and should see which did not occur. */
        if (bb_emerging_pattern_sign (p) > 0 || t->emerging->n_by_pattern[p] > 0)
          bb_map_key_add (key, bb_map_key_emerging_rgb (p), BB_TREND_LAYER_ALPHA, bb_emerging_pattern_describe (p));
      note = g_strdup_printf (_("Gi* at 95 %% confidence in each of %u periods of four weeks up to %s; "
                                "the trend is the Mann–Kendall test of Gi* over them."),
                              t->emerging->n_slices, end);
    }
  else
    {
      g_autofree char *base_start = bb_map_keys_format_date (t->base_start);
      g_autofree char *base_end = bb_map_keys_format_date (t->base_end - 1);

      key = bb_map_key_new (_("Change Between Periods"), FALSE);
      for (int level = BB_CHANGE_SIGNIFICANT_RISE; level >= BB_CHANGE_SIGNIFICANT_FALL; level--)
        if (level != BB_CHANGE_NOISE)
          bb_map_key_add (key, bb_map_key_change_rgb (level), BB_TREND_LAYER_ALPHA, bb_change_level_describe (level));
      start = bb_map_keys_format_date (t->start);
      /* Translators: the two periods compared, then how the change is tested */
      note = g_strdup_printf (_("%s to %s against %s to %s. Z = 2(√now − √before): beyond ±2 worth watching, "
                                "beyond ±3 significant; smaller changes are noise and not drawn. Cells of %.0f m."),
                              start, end, base_start, base_end, t->cell_size);
    }
  bb_map_key_set_note (key, note);
  return g_steal_pointer (&key);
}
