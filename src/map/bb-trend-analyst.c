/* bb-trend-analyst.c: keeps the trend layer in step with the incidents shown, their period and the user's settings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-trend-analyst"

#include "config.h"

#include "bb-analyst-core.h"
#include "bb-records.h"
#include "bb-trend-analyst.h"

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

  /* input besides the core's incidents, history and study area */
  gint64         start, end;
  guint          n_districts;

  /* shows a BbMapTrend */
  BbAnalystCore  core;
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
  BbAnalystCore *core = &self->core;

  return g_strdup_printf ("%u/%08x/%u/%u/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%a/%a/%u",
                          core->points_serial, core->indices_hash,
                          core->indices != NULL ? core->indices->len : G_MAXUINT, o->versus,
                          o->start, o->end, o->cell_size, o->distance, o->correction);
}

static void
shown (GObject  *owner,
       gpointer  result)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (owner);

  bb_trend_layer_set_trend (self->layer, result);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
compute (GObject *owner)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (owner);
  BbAnalystCore *core = &self->core;
  BbMapTrendOptions options;
  g_autofree char *key = NULL;
  GCancellable *cancellable;
  gpointer data;

  if (core->points == NULL || !self->visible)
    {
      bb_analyst_core_idle (core);
      if (core->shown != NULL && core->points == NULL)
        bb_analyst_core_show (core, NULL);
      return;
    }
  get_options (self, &options);
  key = cache_key (self, &options);
  if (bb_analyst_core_show_cached (core, key))
    return;

  cancellable = bb_analyst_core_start (core, g_steal_pointer (&key), &data);
  bb_map_trend_compute_async (core->points, core->indices, bb_analyst_core_get_study_area (core),
                              self->n_districts, &options, cancellable, bb_analyst_core_computed_cb, data);
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

  self->start = start;
  self->end = end;
  self->n_districts = n_districts;
  bb_analyst_core_set_points (&self->core, points, history, study_area);
}

void
bb_trend_analyst_clear (BbTrendAnalyst *self)
{
  g_return_if_fail (BB_IS_TREND_ANALYST (self));

  bb_analyst_core_clear (&self->core);
}

static void
bb_trend_analyst_dispose (GObject *object)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  bb_analyst_core_dispose (&self->core);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (bb_trend_analyst_parent_class)->dispose (object);
}

static void
bb_trend_analyst_finalize (GObject *object)
{
  BbTrendAnalyst *self = BB_TREND_ANALYST (object);

  bb_analyst_core_finalize (&self->core);

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
    case PROP_BUSY: g_value_set_boolean (value, self->core.busy); break;
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
  bb_analyst_core_schedule (&self->core);
}

static BbAnalystCoreFuncs core_funcs = {
  .finish = (gpointer (*) (GAsyncResult *, GError **)) bb_map_trend_compute_finish,
  .shown = shown,
  .ref = (GBoxedCopyFunc) bb_map_trend_ref,
  .unref = (GDestroyNotify) bb_map_trend_unref,
  .what = "Computing the trends",
};

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
  core_funcs.busy_pspec = properties[PROP_BUSY];

  /* The trend shown changed (it may be NULL), or how it is shown. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bb_trend_analyst_init (BbTrendAnalyst *self)
{
  self->start = self->end = BB_UNSET_TIME;
  bb_analyst_core_init (&self->core, G_OBJECT (self), &core_funcs, compute);
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
  return self->core.shown;
}

gboolean
bb_trend_analyst_is_busy (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), FALSE);
  return self->core.busy;
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
  return self->core.n_computed;
}

guint
bb_trend_analyst_get_n_cached (BbTrendAnalyst *self)
{
  g_return_val_if_fail (BB_IS_TREND_ANALYST (self), 0);
  return self->core.n_cached;
}
