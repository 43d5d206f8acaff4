/* bb-map-analyst.c: keeps the heat-map and hot-spot layers in step with the incidents shown and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-analyst"

#include "config.h"

#include "bb-result-cache.h"
#include "bb-map-analyst.h"

/* Results kept for the last few filters, so that going back to one shows
 * it at once. */
#define CACHE_SIZE 8
/* Filter changes closer than this are one change. */
#define SETTLE_MS  60

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
  gboolean         busy;             /* settling or computing */
  double           kept_max;         /* the scale kept, incidents per km² */
  double           kept_bandwidth;
  double           kept_cell_size;

  /* input */
  GArray          *points;
  GArray          *selected;
  BbBBox           study_area;
  BbMapDistricts  *districts;
  guint            points_serial;    /* a new serial for each new points array */
  guint32          selected_hash;

  /* output */
  BbMapAnalysis   *analysis;
  GCancellable    *cancellable;
  guint            settle_id;
  BbResultCache    cache;
  guint            n_computed;
  guint            n_cached;
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

static void schedule (BbMapAnalyst *self);

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
  return g_strdup_printf ("%u/%08x/%u/%d%d/%u/%a/%a/%a/%a/%u", self->points_serial, self->selected_hash,
                          self->selected != NULL ? self->selected->len : G_MAXUINT, o->heat, o->hotspots,
                          o->kernel, o->bandwidth, o->cell_size, o->hot_cell_size, o->distance, o->correction);
}

static void
sync_busy (BbMapAnalyst *self)
{
  gboolean busy = self->cancellable != NULL || self->settle_id != 0;

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Cancels the work under way, if any, and makes @cancellable's the
 * current one. */
static void
set_busy (BbMapAnalyst *self,
          GCancellable *cancellable)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  sync_busy (self);
}

static void
show (BbMapAnalyst  *self,
      BbMapAnalysis *analysis)
{
  if (analysis != NULL)
    bb_map_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  self->analysis = analysis;
  bb_heat_layer_set_analysis (self->heat_layer, analysis, self->keep_scale ? self->kept_max : 0);
  bb_hotspot_layer_set_analysis (self->hotspot_layer, analysis);
  g_signal_emit (self, signals[UPDATED], 0);
}

typedef struct {
  BbMapAnalyst *self;
  char         *key;
} Request;

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(BbMapAnalyst) self = request->self;
  g_autofree char *key = request->key;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapAnalysis) analysis = bb_map_analysis_compute_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  g_free (request);
  /* Work for an earlier request, or for an analyst let go, lands nowhere. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  set_busy (self, NULL);
  if (analysis == NULL)
    {
      g_warning ("The map analysis failed: %s", error->message);
      show (self, NULL);
      return;
    }
  self->n_computed++;
  bb_result_cache_remember (&self->cache, g_steal_pointer (&key), analysis);
  show (self, analysis);
}

static void
compute (BbMapAnalyst *self)
{
  BbMapAnalysisOptions options;
  g_autofree char *key = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  BbMapAnalysis *cached;
  Request *request;

  bb_map_analyst_get_options (self, &options);
  if (self->points == NULL || (!options.heat && !options.hotspots))
    {
      set_busy (self, NULL);
      if (self->analysis != NULL)
        show (self, NULL);
      return;
    }

  key = cache_key (self, &options);
  cached = bb_result_cache_lookup (&self->cache, key);
  if (cached == NULL && !(options.heat && options.hotspots))
    {
      /* A result with both parts serves one that needs only one of them:
       * switching a layer off computes nothing. */
      BbMapAnalysisOptions both = options;
      g_autofree char *both_key = NULL;

      both.heat = both.hotspots = TRUE;
      both_key = cache_key (self, &both);
      cached = bb_result_cache_lookup (&self->cache, both_key);
    }
  if (cached != NULL)
    {
      set_busy (self, NULL);
      self->n_cached++;
      if (cached != self->analysis)
        show (self, cached);
      return;
    }

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->key = g_steal_pointer (&key);
  bb_map_analysis_compute_async (self->points, self->selected,
                                 bb_bbox_is_empty (&self->study_area) ? NULL : &self->study_area,
                                 self->districts, &options, cancellable, computed_cb, request);
}

static gboolean
settle_cb (gpointer user_data)
{
  BbMapAnalyst *self = user_data;

  self->settle_id = 0;
  compute (self);
  sync_busy (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (BbMapAnalyst *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
  sync_busy (self);
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
  if (points != self->points)
    {
      /* Other incidents: nothing cached applies any more. */
      g_clear_pointer (&self->points, g_array_unref);
      self->points = points != NULL ? g_array_ref (points) : NULL;
      self->points_serial++;
      bb_result_cache_clear (&self->cache);
    }
  if (selected != NULL)
    g_array_ref (selected);
  g_clear_pointer (&self->selected, g_array_unref);
  self->selected = selected;
  self->selected_hash = bb_map_analysis_hash_indices (selected);
  if (study_area != NULL)
    self->study_area = *study_area;
  else
    bb_bbox_init_empty (&self->study_area);
  schedule (self);
}

void
bb_map_analyst_clear (BbMapAnalyst *self)
{
  g_return_if_fail (BB_IS_MAP_ANALYST (self));

  g_clear_handle_id (&self->settle_id, g_source_remove);
  set_busy (self, NULL);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->districts, bb_map_districts_unref);
  bb_result_cache_clear (&self->cache);
  self->points_serial++;
  show (self, NULL);
}

static void
set_keep_scale (BbMapAnalyst *self,
                gboolean      keep)
{
  keep = !!keep;
  if (self->keep_scale == keep)
    return;
  self->keep_scale = keep;
  /* The scale, and the bandwidth and cells that made it, stay as they are
   * now, so that the next period is drawn on the same footing. */
  self->kept_max = keep ? bb_map_analyst_get_scale_max (self) : 0;
  self->kept_bandwidth = keep && self->analysis != NULL ? self->analysis->bandwidth : 0;
  self->kept_cell_size = keep && self->analysis != NULL ? self->analysis->cell_size : 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_SCALE]);
  if (!keep)
    schedule (self);
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
  schedule (self);
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
  schedule (self);
}

static void
bb_map_analyst_dispose (GObject *object)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->heat_layer);
  g_clear_object (&self->hotspot_layer);

  G_OBJECT_CLASS (bb_map_analyst_parent_class)->dispose (object);
}

static void
bb_map_analyst_finalize (GObject *object)
{
  BbMapAnalyst *self = BB_MAP_ANALYST (object);

  bb_result_cache_destroy (&self->cache);
  g_clear_pointer (&self->analysis, bb_map_analysis_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
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
    case PROP_BUSY: g_value_set_boolean (value, bb_map_analyst_is_busy (self)); break;
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
          schedule (self);
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

  /* The analysis shown changed (it may be NULL). */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bb_map_analyst_init (BbMapAnalyst *self)
{
  self->kernel = BB_KDE_KERNEL_QUARTIC;
  bb_result_cache_init (&self->cache, CACHE_SIZE, (GBoxedCopyFunc) bb_map_analysis_ref, (GDestroyNotify) bb_map_analysis_unref);
  bb_bbox_init_empty (&self->study_area);
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
  return self->analysis;
}

gboolean
bb_map_analyst_is_busy (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), FALSE);
  return self->busy;
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
  return self->n_computed;
}

guint
bb_map_analyst_get_n_cached (BbMapAnalyst *self)
{
  g_return_val_if_fail (BB_IS_MAP_ANALYST (self), 0);
  return self->n_cached;
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
