/* bb-map-analyst.c: keeps the heat-map and hot-spot layers in step with the incidents shown and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-analyst"

#include "config.h"

#include "bb-analyst-core.h"
#include "bb-map-analyst.h"

struct _BbMapAnalyst
{
  GObject          parent_instance;

  BbHeatLayer     *heat_layer;
  BbHotspotLayer  *hotspot_layer;

  /* settings */
  gboolean         heat_visible;
  gboolean         hotspots_visible;
  guint            kernel;
  double           bandwidth;
  double           cell_size;
  double           hot_cell_size;
  double           distance;
  gboolean         fdr;
  guint            units;            /* 0: grid cells, 1: districts */
  gboolean         keep_scale;
  double           kept_max;         /* the scale kept, incidents per km² */
  double           kept_bandwidth;
  double           kept_cell_size;

  /* input besides the core's incidents, selection and study area */
  BbMapDistricts  *districts;

  /* shows a BbMapAnalysis */
  BbAnalystCore    core;
};

G_DEFINE_FINAL_TYPE (BbMapAnalyst, bb_map_analyst, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HEAT_VISIBLE,
  PROP_HOTSPOTS_VISIBLE,
  PROP_KERNEL,
  PROP_BANDWIDTH,
  PROP_CELL_SIZE,
  PROP_HOT_CELL_SIZE,
  PROP_DISTANCE,
  PROP_FDR,
  PROP_UNITS,
  PROP_KEEP_SCALE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
bb_map_analyst_get_options (BbMapAnalyst         *self,
                            BbMapAnalysisOptions *o)
{
  g_return_if_fail (BB_IS_MAP_ANALYST (self));

  bb_map_analysis_options_init (o);
  o->heat = self->heat_visible;
  o->hotspots = self->hotspots_visible;
  o->kernel = (BbKdeKernel) self->kernel;
  o->bandwidth = self->bandwidth > 0 ? self->bandwidth : self->keep_scale ? self->kept_bandwidth : 0;
  o->cell_size = self->cell_size > 0 ? self->cell_size : self->keep_scale ? self->kept_cell_size : 0;
  o->hot_cell_size = self->hot_cell_size;
  o->distance = self->distance;
  o->correction = self->fdr ? BB_GISTAR_CORRECTION_FDR : BB_GISTAR_CORRECTION_NONE;
}

static char *
cache_key (BbMapAnalyst               *self,
           const BbMapAnalysisOptions *o)
{
  BbAnalystCore *core = &self->core;

  return g_strdup_printf ("%u/%08x/%u/%d%d/%u/%a/%a/%a/%a/%u", core->points_serial, core->indices_hash,
                          core->indices != NULL ? core->indices->len : G_MAXUINT, o->heat, o->hotspots,
                          o->kernel, o->bandwidth, o->cell_size, o->hot_cell_size, o->distance, o->correction);
}

static void
shown (GObject  *owner,
       gpointer  result)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (owner);

  bb_heat_layer_set_analysis (self->heat_layer, result, self->keep_scale ? self->kept_max : 0);
  bb_hotspot_layer_set_analysis (self->hotspot_layer, result);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
compute (GObject *owner)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (owner);
  BbAnalystCore *core = &self->core;
  BbMapAnalysisOptions options;
  g_autofree char *key = NULL;
  GCancellable *cancellable;
  gpointer data;

  bb_map_analyst_get_options (self, &options);
  if (core->points == NULL || (!options.heat && !options.hotspots))
    {
      bb_analyst_core_idle (core);
      if (core->shown != NULL)
        bb_analyst_core_show (core, NULL);
      return;
    }

  key = cache_key (self, &options);
  if (bb_analyst_core_show_cached (core, key))
    return;
  if (!(options.heat && options.hotspots))
    {
      /* A result with both parts serves one that needs only one of them:
       * switching a layer off computes nothing. */
      BbMapAnalysisOptions both = options;
      g_autofree char *both_key = NULL;

      both.heat = both.hotspots = TRUE;
      both_key = cache_key (self, &both);
      if (bb_analyst_core_show_cached (core, both_key))
        return;
    }

  cancellable = bb_analyst_core_start (core, g_steal_pointer (&key), &data);
  bb_map_analysis_compute_async (core->points, core->indices, bb_analyst_core_get_study_area (core),
                                 self->districts, &options, cancellable, bb_analyst_core_computed_cb, data);
}

void
bb_map_analyst_set_points (BbMapAnalyst   *self,
                           GArray         *points,
                           GArray         *selected,
                           const BbBBox   *study_area,
                           BbMapDistricts *districts)
{
  g_return_if_fail (BB_IS_MAP_ANALYST (self));

  if (districts != self->districts)
    {
      if (districts != NULL)
        bb_map_districts_ref (districts);
      g_clear_pointer (&self->districts, bb_map_districts_unref);
      self->districts = districts;
    }
  bb_analyst_core_set_points (&self->core, points, selected, study_area);
}

void
bb_map_analyst_clear (BbMapAnalyst *self)
{
  g_return_if_fail (BB_IS_MAP_ANALYST (self));

  g_clear_pointer (&self->districts, bb_map_districts_unref);
  bb_analyst_core_clear (&self->core);
}

static void
set_keep_scale (BbMapAnalyst *self,
                gboolean      keep)
{
  BbMapAnalysis *analysis = self->core.shown;

  keep = !!keep;
  if (self->keep_scale == keep)
    return;
  self->keep_scale = keep;
  /* The scale, and the bandwidth and cells that made it, stay as they are
   * now, so that the next period is drawn on the same footing. */
  self->kept_max = keep ? bb_map_analyst_get_scale_max (self) : 0;
  self->kept_bandwidth = keep && analysis != NULL ? analysis->bandwidth : 0;
  self->kept_cell_size = keep && analysis != NULL ? analysis->cell_size : 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_SCALE]);
  if (!keep)
    bb_analyst_core_schedule (&self->core);
}

static void
set_double (BbMapAnalyst *self,
            double       *field,
            double        value,
            guint         prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  bb_analyst_core_schedule (&self->core);
}

static void
set_boolean (BbMapAnalyst *self,
             gboolean     *field,
             gboolean      value,
             guint         prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  bb_analyst_core_schedule (&self->core);
}

static void
bb_map_analyst_dispose (GObject *object)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  bb_analyst_core_dispose (&self->core);
  g_clear_object (&self->heat_layer);
  g_clear_object (&self->hotspot_layer);

  G_OBJECT_CLASS (bb_map_analyst_parent_class)->dispose (object);
}

static void
bb_map_analyst_finalize (GObject *object)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  bb_analyst_core_finalize (&self->core);
  g_clear_pointer (&self->districts, bb_map_districts_unref);

  G_OBJECT_CLASS (bb_map_analyst_parent_class)->finalize (object);
}

static void
bb_map_analyst_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  switch (prop_id)
    {
    case PROP_HEAT_VISIBLE: g_value_set_boolean (value, self->heat_visible); break;
    case PROP_HOTSPOTS_VISIBLE: g_value_set_boolean (value, self->hotspots_visible); break;
    case PROP_KERNEL: g_value_set_uint (value, self->kernel); break;
    case PROP_BANDWIDTH: g_value_set_double (value, self->bandwidth); break;
    case PROP_CELL_SIZE: g_value_set_double (value, self->cell_size); break;
    case PROP_HOT_CELL_SIZE: g_value_set_double (value, self->hot_cell_size); break;
    case PROP_DISTANCE: g_value_set_double (value, self->distance); break;
    case PROP_FDR: g_value_set_boolean (value, self->fdr); break;
    case PROP_UNITS: g_value_set_uint (value, self->units); break;
    case PROP_KEEP_SCALE: g_value_set_boolean (value, self->keep_scale); break;
    case PROP_BUSY: g_value_set_boolean (value, self->core.busy); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_map_analyst_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  switch (prop_id)
    {
    case PROP_HEAT_VISIBLE:
      set_boolean (self, &self->heat_visible, g_value_get_boolean (value), prop_id);
      break;
    case PROP_HOTSPOTS_VISIBLE:
      set_boolean (self, &self->hotspots_visible, g_value_get_boolean (value), prop_id);
      break;
    case PROP_KERNEL:
      if (self->kernel != g_value_get_uint (value))
        {
          self->kernel = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          bb_analyst_core_schedule (&self->core);
        }
      break;
    case PROP_BANDWIDTH: set_double (self, &self->bandwidth, g_value_get_double (value), prop_id); break;
    case PROP_CELL_SIZE: set_double (self, &self->cell_size, g_value_get_double (value), prop_id); break;
    case PROP_HOT_CELL_SIZE: set_double (self, &self->hot_cell_size, g_value_get_double (value), prop_id); break;
    case PROP_DISTANCE: set_double (self, &self->distance, g_value_get_double (value), prop_id); break;
    case PROP_FDR: set_boolean (self, &self->fdr, g_value_get_boolean (value), prop_id); break;
    case PROP_UNITS:
      /* Both are computed together: only the drawing changes. */
      if (self->units != g_value_get_uint (value))
        {
          self->units = g_value_get_uint (value);
          bb_hotspot_layer_set_units (self->hotspot_layer, self->units);
          g_object_notify_by_pspec (object, pspec);
          g_signal_emit (self, signals[UPDATED], 0);
        }
      break;
    case PROP_KEEP_SCALE: set_keep_scale (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static BbAnalystCoreFuncs core_funcs = {
  .finish = (gpointer (*) (GAsyncResult *, GError **)) bb_map_analysis_compute_finish,
  .shown = shown,
  .ref = (GBoxedCopyFunc) bb_map_analysis_ref,
  .unref = (GDestroyNotify) bb_map_analysis_unref,
  .what = "The map analysis",
};

static void
bb_map_analyst_class_init (BbMapAnalystClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bb_map_analyst_dispose;
  object_class->finalize = bb_map_analyst_finalize;
  object_class->get_property = bb_map_analyst_get_property;
  object_class->set_property = bb_map_analyst_set_property;

  properties[PROP_HEAT_VISIBLE] = g_param_spec_boolean ("heat-visible", NULL, NULL, FALSE, rw);
  properties[PROP_HOTSPOTS_VISIBLE] = g_param_spec_boolean ("hotspots-visible", NULL, NULL, FALSE, rw);
  /* A BbKdeKernel. */
  properties[PROP_KERNEL] = g_param_spec_uint ("kernel", NULL, NULL, 0, BB_KDE_KERNEL_EPANECHNIKOV,
                                               BB_KDE_KERNEL_QUARTIC, rw);
  /* Lengths in metres; 0 for the documented rules (bb-map-analysis.h). */
  properties[PROP_BANDWIDTH] = g_param_spec_double ("bandwidth", NULL, NULL, 0, 100000, 0, rw);
  properties[PROP_CELL_SIZE] = g_param_spec_double ("cell-size", NULL, NULL, 0, 10000, 0, rw);
  properties[PROP_HOT_CELL_SIZE] = g_param_spec_double ("hot-cell-size", NULL, NULL, 0, 10000, 0, rw);
  properties[PROP_DISTANCE] = g_param_spec_double ("distance", NULL, NULL, 0, 100000, 0, rw);
  /* Benjamini–Hochberg false-discovery-rate correction of the hot spots. */
  properties[PROP_FDR] = g_param_spec_boolean ("fdr", NULL, NULL, FALSE, rw);
  /* What the hot-spot layer shows: 0 grid cells, 1 districts. */
  properties[PROP_UNITS] = g_param_spec_uint ("hotspot-units", NULL, NULL, 0, 1, 0, rw);
  /* Keeps the heat map's scale (and the bandwidth and cells behind it)
   * as it is now, so that periods can be compared by colour. */
  properties[PROP_KEEP_SCALE] = g_param_spec_boolean ("keep-scale", NULL, NULL, FALSE, rw);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  core_funcs.busy_pspec = properties[PROP_BUSY];

  /* The analysis shown changed (it may be NULL). */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bb_map_analyst_init (BbMapAnalyst *self)
{
  self->kernel = BB_KDE_KERNEL_QUARTIC;
  bb_analyst_core_init (&self->core, G_OBJECT (self), &core_funcs, compute);
}

BbMapAnalyst *
bb_map_analyst_new (BbHeatLayer    *heat_layer,
                    BbHotspotLayer *hotspot_layer)
{
  BbMapAnalyst *self;

  g_return_val_if_fail (BB_IS_HEAT_LAYER (heat_layer), NULL);
  g_return_val_if_fail (BB_IS_HOTSPOT_LAYER (hotspot_layer), NULL);

  self = g_object_new (BB_TYPE_MAP_ANALYST, NULL);
  self->heat_layer = g_object_ref (heat_layer);
  self->hotspot_layer = g_object_ref (hotspot_layer);
  g_object_bind_property (self, "heat-visible", heat_layer, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "hotspots-visible", hotspot_layer, "visible", G_BINDING_SYNC_CREATE);
  return self;
}

BbMapAnalysis *
bb_map_analyst_get_analysis (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), NULL);
  return self->core.shown;
}

gboolean
bb_map_analyst_is_busy (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), FALSE);
  return self->core.busy;
}

double
bb_map_analyst_get_scale_max (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), 0);
  if (self->keep_scale && self->kept_max > 0)
    return self->kept_max;
  return bb_heat_layer_get_scale_max (self->heat_layer);
}

guint
bb_map_analyst_get_n_computed (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), 0);
  return self->core.n_computed;
}

guint
bb_map_analyst_get_n_cached (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), 0);
  return self->core.n_cached;
}

BbHeatLayer *
bb_map_analyst_get_heat_layer (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), NULL);
  return self->heat_layer;
}

BbHotspotLayer *
bb_map_analyst_get_hotspot_layer (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), NULL);
  return self->hotspot_layer;
}
