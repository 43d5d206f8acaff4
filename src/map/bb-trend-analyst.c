/* bb-trend-analyst.c: keeps the trend layer in step with the incidents shown, their period and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-trend-analyst"

#include "config.h"

#include "bb-result-cache.h"
#include "bb-records.h"
#include "bb-trend-analyst.h"

/* Results kept for the last few filters, as the heat map's. */
#define CACHE_SIZE 8
#define SETTLE_MS  60

struct _BbTrendAnalyst
{
  GObject        parent_instance;

  BbTrendLayer  *layer;

  /* settings */
  gboolean       visible;
  guint          show;
  guint          versus;
  double         cell_size;
  double         distance;
  gboolean       fdr;
  gboolean       busy;

  /* input */
  GArray        *points;
  GArray        *history;
  gint64         start, end;
  BbBBox         study_area;
  guint          n_districts;
  guint          points_serial;
  guint32        history_hash;

  /* output */
  BbMapTrend    *trend;
  GCancellable  *cancellable;
  guint          settle_id;
  BbResultCache    cache;
  guint          n_computed;
  guint          n_cached;
};

G_DEFINE_FINAL_TYPE (BbTrendAnalyst, bb_trend_analyst, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VISIBLE,
  PROP_SHOW,
  PROP_VERSUS,
  PROP_CELL_SIZE,
  PROP_DISTANCE,
  PROP_FDR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
get_options (BbTrendAnalyst    *self,
             BbMapTrendOptions *o)
{
  bb_map_trend_options_init (o);
  o->versus = self->versus;
  o->start = self->start;
  o->end = self->end;
  o->cell_size = self->cell_size;
  o->distance = self->distance;
  o->correction = self->fdr ? BB_GISTAR_CORRECTION_FDR : BB_GISTAR_CORRECTION_NONE;
}

static char *
cache_key (BbTrendAnalyst          *self,
           const BbMapTrendOptions *o)
{
  return g_strdup_printf ("%u/%08x/%u/%u/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%a/%a/%u",
                          self->points_serial, self->history_hash,
                          self->history != NULL ? self->history->len : G_MAXUINT, o->versus,
                          o->start, o->end, o->cell_size, o->distance, o->correction);
}

static void
sync_busy (BbTrendAnalyst *self)
{
  gboolean busy = self->cancellable != NULL || self->settle_id != 0;

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_busy (BbTrendAnalyst *self,
          GCancellable   *cancellable)
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
show_trend (BbTrendAnalyst *self,
            BbMapTrend     *trend)
{
  if (trend != NULL)
    bb_map_trend_ref (trend);
  g_clear_pointer (&self->trend, bb_map_trend_unref);
  self->trend = trend;
  bb_trend_layer_set_trend (self->layer, trend);
  g_signal_emit (self, signals[UPDATED], 0);
}

typedef struct {
  BbTrendAnalyst *self;
  char           *key;
} Request;

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(BbTrendAnalyst) self = request->self;
  g_autofree char *key = request->key;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbMapTrend) trend = bb_map_trend_compute_finish (result, &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  g_free (request);
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  set_busy (self, NULL);
  if (trend == NULL)
    {
      g_warning ("The trends could not be computed: %s", error->message);
      show_trend (self, NULL);
      return;
    }
  self->n_computed++;
  bb_result_cache_remember (&self->cache, g_steal_pointer (&key), trend);
  show_trend (self, trend);
}

static void
compute (BbTrendAnalyst *self)
{
  BbMapTrendOptions options;
  g_autofree char *key = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  BbMapTrend *cached;
  Request *request;

  if (self->points == NULL || !self->visible)
    {
      set_busy (self, NULL);
      if (self->trend != NULL && self->points == NULL)
        show_trend (self, NULL);
      return;
    }
  get_options (self, &options);
  key = cache_key (self, &options);
  cached = bb_result_cache_lookup (&self->cache, key);
  if (cached != NULL)
    {
      set_busy (self, NULL);
      self->n_cached++;
      if (cached != self->trend)
        show_trend (self, cached);
      return;
    }

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->key = g_steal_pointer (&key);
  bb_map_trend_compute_async (self->points, self->history,
                              bb_bbox_is_empty (&self->study_area) ? NULL : &self->study_area,
                              self->n_districts, &options, cancellable, computed_cb, request);
}

static gboolean
settle_cb (gpointer user_data)
{
  BbTrendAnalyst *self = user_data;

  self->settle_id = 0;
  compute (self);
  sync_busy (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (BbTrendAnalyst *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
  sync_busy (self);
}


void
bb_trend_analyst_set_points (BbTrendAnalyst *self,
                             GArray         *points,
                             GArray         *history,
                             gint64          start,
                             gint64          end,
                             const BbBBox   *study_area,
                             guint           n_districts)
{
  g_return_if_fail (BB_IS_TREND_ANALYST (self));

  if (points != self->points)
    {
      g_clear_pointer (&self->points, g_array_unref);
      self->points = points != NULL ? g_array_ref (points) : NULL;
      self->points_serial++;
      bb_result_cache_clear (&self->cache);
    }
  if (history != NULL)
    g_array_ref (history);
  g_clear_pointer (&self->history, g_array_unref);
  self->history = history;
  self->history_hash = bb_map_analysis_hash_indices (history);
  self->start = start;
  self->end = end;
  self->n_districts = n_districts;
  if (study_area != NULL)
    self->study_area = *study_area;
  else
    bb_bbox_init_empty (&self->study_area);
  schedule (self);
}

void
bb_trend_analyst_clear (BbTrendAnalyst *self)
{
  g_return_if_fail (BB_IS_TREND_ANALYST (self));

  g_clear_handle_id (&self->settle_id, g_source_remove);
  set_busy (self, NULL);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  bb_result_cache_clear (&self->cache);
  self->points_serial++;
  show_trend (self, NULL);
}

static void
bb_trend_analyst_dispose (GObject *object)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (bb_trend_analyst_parent_class)->dispose (object);
}

static void
bb_trend_analyst_finalize (GObject *object)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  bb_result_cache_destroy (&self->cache);
  g_clear_pointer (&self->trend, bb_map_trend_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);

  G_OBJECT_CLASS (bb_trend_analyst_parent_class)->finalize (object);
}

static void
bb_trend_analyst_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  switch (prop_id)
    {
    case PROP_VISIBLE: g_value_set_boolean (value, self->visible); break;
    case PROP_SHOW: g_value_set_uint (value, self->show); break;
    case PROP_VERSUS: g_value_set_uint (value, self->versus); break;
    case PROP_CELL_SIZE: g_value_set_double (value, self->cell_size); break;
    case PROP_DISTANCE: g_value_set_double (value, self->distance); break;
    case PROP_FDR: g_value_set_boolean (value, self->fdr); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_trend_analyst_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  switch (prop_id)
    {
    case PROP_VISIBLE:
      if (self->visible == g_value_get_boolean (value))
        return;
      self->visible = g_value_get_boolean (value);
      break;
    case PROP_SHOW:
      /* Both are computed together: only the drawing changes. */
      if (self->show == g_value_get_uint (value))
        return;
      self->show = g_value_get_uint (value);
      bb_trend_layer_set_show (self->layer, self->show);
      g_object_notify_by_pspec (object, pspec);
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    case PROP_VERSUS:
      if (self->versus == g_value_get_uint (value))
        return;
      self->versus = g_value_get_uint (value);
      break;
    case PROP_CELL_SIZE:
      if (self->cell_size == g_value_get_double (value))
        return;
      self->cell_size = g_value_get_double (value);
      break;
    case PROP_DISTANCE:
      if (self->distance == g_value_get_double (value))
        return;
      self->distance = g_value_get_double (value);
      break;
    case PROP_FDR:
      if (self->fdr == g_value_get_boolean (value))
        return;
      self->fdr = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
  schedule (self);
}

static void
bb_trend_analyst_class_init (BbTrendAnalystClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bb_trend_analyst_dispose;
  object_class->finalize = bb_trend_analyst_finalize;
  object_class->get_property = bb_trend_analyst_get_property;
  object_class->set_property = bb_trend_analyst_set_property;

  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, FALSE, rw);
  /* A BbTrendShow. */
  properties[PROP_SHOW] = g_param_spec_uint ("show", NULL, NULL, 0, BB_TREND_SHOW_EMERGING, 0, rw);
  /* A BbMapTrendVersus. */
  properties[PROP_VERSUS] = g_param_spec_uint ("versus", NULL, NULL, 0, BB_MAP_TREND_VERSUS_YEAR, 0, rw);
  properties[PROP_CELL_SIZE] = g_param_spec_double ("cell-size", NULL, NULL, 0, 10000, 0, rw);
  properties[PROP_DISTANCE] = g_param_spec_double ("distance", NULL, NULL, 0, 100000, 0, rw);
  properties[PROP_FDR] = g_param_spec_boolean ("fdr", NULL, NULL, FALSE, rw);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The trend shown changed (it may be NULL), or how it is shown. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bb_trend_analyst_init (BbTrendAnalyst *self)
{
  self->start = self->end = BB_UNSET_TIME;
  bb_result_cache_init (&self->cache, CACHE_SIZE, (GBoxedCopyFunc) bb_map_trend_ref, (GDestroyNotify) bb_map_trend_unref);
  bb_bbox_init_empty (&self->study_area);
}

BbTrendAnalyst *
bb_trend_analyst_new (BbTrendLayer *layer)
{
  BbTrendAnalyst *self;

  g_return_val_if_fail (BB_IS_TREND_LAYER (layer), NULL);

  self = g_object_new (BB_TYPE_TREND_ANALYST, NULL);
  self->layer = g_object_ref (layer);
  g_object_bind_property (self, "visible", layer, "visible", G_BINDING_SYNC_CREATE);
  return self;
}

BbMapTrend *
bb_trend_analyst_get_trend (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), NULL);
  return self->trend;
}

gboolean
bb_trend_analyst_is_busy (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), FALSE);
  return self->busy;
}

BbTrendLayer *
bb_trend_analyst_get_layer (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), NULL);
  return self->layer;
}

guint
bb_trend_analyst_get_n_computed (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), 0);
  return self->n_computed;
}

guint
bb_trend_analyst_get_n_cached (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), 0);
  return self->n_cached;
}
