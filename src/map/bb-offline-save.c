/* bb-offline-save.c: saves an area of the online map into an MBTiles file for use with no network */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-offline-save"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bb-mbtiles-writer.h"
#include "bb-offline-save.h"
#include "bb-tile-math.h"

/* In tiles: how near a border an edge counts as on it. */
#define EDGE 1e-6

typedef struct {
  int x0, y0, x1, y1;   /* inclusive, XYZ */
} TileRange;

struct _BbOfflineSave
{
  GObject           parent_instance;

  BbOnlineSource   *source;
  BbBBox            area;
  guint             min_zoom;
  guint             max_zoom;

  /* while running */
  GTask            *task;
  BbMbtilesWriter  *writer;
  char             *name;
  const char       *format;
  GError           *error;        /* why the save stops */
  int               z, x, y;      /* the next tile to ask for */
  TileRange         range;        /* of zoom level z */
  guint             in_flight;
  guint             n_done;
  guint             n_saved;
  guint             n_missing;
  guint64           bytes_saved;
};

G_DEFINE_FINAL_TYPE (BbOfflineSave, bb_offline_save, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  BbOfflineSave *self;
  int            x, y, zoom;
} TileJob;

static void
range_at_zoom (const BbBBox *area,
               int           zoom,
               TileRange    *range)
{
  int last = (1 << zoom) - 1;
  double x0, y0, x1, y1;

  bb_tile_from_lonlat (area->min_lon, area->max_lat, zoom, &x0, &y0);
  bb_tile_from_lonlat (area->max_lon, area->min_lat, zoom, &x1, &y1);
  /* An edge on a tile's border (give or take rounding) does not take in
   * the next tile. */
  range->x0 = CLAMP ((int) floor (x0 + EDGE), 0, last);
  range->y0 = CLAMP ((int) floor (y0 + EDGE), 0, last);
  range->x1 = CLAMP ((int) ceil (x1 - EDGE) - 1, range->x0, last);
  range->y1 = CLAMP ((int) ceil (y1 - EDGE) - 1, range->y0, last);
}

static gboolean
area_is_valid (const BbBBox *area)
{
  return isfinite (area->min_lon) && isfinite (area->max_lon) && isfinite (area->min_lat) && isfinite (area->max_lat)
         && area->min_lon < area->max_lon && area->min_lat < area->max_lat
         && area->min_lon >= -180 && area->max_lon <= 180 && area->min_lat >= -90 && area->max_lat <= 90;
}

guint64
bb_offline_save_count_tiles (const BbBBox *area,
                             guint         min_zoom,
                             guint         max_zoom)
{
  guint64 total = 0;

  g_return_val_if_fail (area != NULL, 0);

  if (!area_is_valid (area))
    return 0;
  for (guint z = min_zoom; z <= max_zoom && z <= BB_TILE_SERVER_MAX_ZOOM; z++)
    {
      TileRange range;

      range_at_zoom (area, z, &range);
      total += (guint64) (range.x1 - range.x0 + 1) * (guint64) (range.y1 - range.y0 + 1);
    }
  return total;
}

BbOfflineSave *
bb_offline_save_new (BbOnlineSource *source,
                     const BbBBox   *area,
                     guint           min_zoom,
                     guint           max_zoom)
{
  BbOfflineSave *self;

  g_return_val_if_fail (BB_IS_ONLINE_SOURCE (source), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  self = g_object_new (BB_TYPE_OFFLINE_SAVE, NULL);
  self->source = g_object_ref (source);
  self->area = *area;
  /* The projection ends short of the poles. */
  self->area.min_lat = MAX (self->area.min_lat, -BB_TILE_MAX_LATITUDE);
  self->area.max_lat = MIN (self->area.max_lat, BB_TILE_MAX_LATITUDE);
  self->area.min_lon = MAX (self->area.min_lon, -180.0);
  self->area.max_lon = MIN (self->area.max_lon, 180.0);
  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;
  return self;
}

guint64
bb_offline_save_get_n_tiles (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return bb_offline_save_count_tiles (&self->area, self->min_zoom, self->max_zoom);
}

guint64
bb_offline_save_estimate_size (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return bb_offline_save_get_n_tiles (self) * bb_online_source_get_typical_tile_size (self->source);
}

gboolean
bb_offline_save_check (BbOfflineSave  *self,
                       GError        **error)
{
  const BbTileServer *server;
  guint64 n;

  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), FALSE);

  server = bb_online_source_get_server (self->source);
  if (!area_is_valid (&self->area))
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The area to save is empty; show or select an area on the map"));
      return FALSE;
    }
  if (self->min_zoom > self->max_zoom)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The first zoom level (%u) is above the last (%u)"), self->min_zoom, self->max_zoom);
      return FALSE;
    }
  if (self->max_zoom > server->max_zoom)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                   _("The tile server has zoom levels up to %u, not %u"), server->max_zoom, self->max_zoom);
      return FALSE;
    }
  n = bb_offline_save_get_n_tiles (self);
  if (n > BB_OFFLINE_SAVE_MAX_TILES)
    {
      g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_TOO_MANY_TILES,
                   _("This area needs %llu tiles, but Beatbook saves at most %u at a time "
                     "so as not to overload the tile server. Choose a smaller area or a lower last zoom level."),
                   (unsigned long long) n, BB_OFFLINE_SAVE_MAX_TILES);
      return FALSE;
    }
  return TRUE;
}

/* Moves to the next tile; past the last zoom level when there are no more. */
static void
advance (BbOfflineSave *self)
{
  if (++self->y <= self->range.y1)
    return;
  self->y = self->range.y0;
  if (++self->x <= self->range.x1)
    return;
  if (++self->z > (int) self->max_zoom)
    return;
  range_at_zoom (&self->area, self->z, &self->range);
  self->x = self->range.x0;
  self->y = self->range.y0;
}

static void
stop (BbOfflineSave *self,
      GError        *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

static gboolean
write_metadata (BbOfflineSave  *self,
                GError        **error)
{
  const BbTileServer *server = bb_online_source_get_server (self->source);
  g_autofree char *host = bb_tile_server_dup_host (server);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *description = g_strdup_printf (_("Saved for offline use from %s on %s"), host, date);
  g_autofree char *minzoom = g_strdup_printf ("%u", self->min_zoom);
  g_autofree char *maxzoom = g_strdup_printf ("%u", self->max_zoom);
  char bounds[4][G_ASCII_DTOSTR_BUF_SIZE];
  char centre[2][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *bounds_text = NULL;
  g_autofree char *centre_text = NULL;

  g_ascii_formatd (bounds[0], sizeof bounds[0], "%.6f", self->area.min_lon);
  g_ascii_formatd (bounds[1], sizeof bounds[1], "%.6f", self->area.min_lat);
  g_ascii_formatd (bounds[2], sizeof bounds[2], "%.6f", self->area.max_lon);
  g_ascii_formatd (bounds[3], sizeof bounds[3], "%.6f", self->area.max_lat);
  g_ascii_formatd (centre[0], sizeof centre[0], "%.6f", (self->area.min_lon + self->area.max_lon) / 2);
  g_ascii_formatd (centre[1], sizeof centre[1], "%.6f", (self->area.min_lat + self->area.max_lat) / 2);
  bounds_text = g_strjoin (",", bounds[0], bounds[1], bounds[2], bounds[3], NULL);
  centre_text = g_strdup_printf ("%s,%s,%u", centre[0], centre[1], (self->min_zoom + self->max_zoom) / 2);

  return bb_mbtiles_writer_set_metadata (self->writer, "name", self->name, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "format", self->format, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "type", "baselayer", error)
         && bb_mbtiles_writer_set_metadata (self->writer, "version", "1", error)
         && bb_mbtiles_writer_set_metadata (self->writer, "description", description, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "attribution", server->attribution, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "bounds", bounds_text, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "center", centre_text, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "minzoom", minzoom, error)
         && bb_mbtiles_writer_set_metadata (self->writer, "maxzoom", maxzoom, error);
}

static void
finish (BbOfflineSave *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GError *error = g_steal_pointer (&self->error);

  g_assert (self->in_flight == 0);

  if (error == NULL && self->n_saved == 0)
    {
      g_autofree char *host = bb_tile_server_dup_host (bb_online_source_get_server (self->source));
      error = g_error_new (BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_HTTP,
                           _("The tile server %s sent no tiles for this area"), host);
    }
  if (error == NULL && write_metadata (self, &error))
    bb_mbtiles_writer_commit (self->writer, &error);
  /* Unless committed, this removes the unfinished file. */
  g_clear_pointer (&self->writer, bb_mbtiles_writer_free);
  g_clear_pointer (&self->name, g_free);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void pump (BbOfflineSave *self);

static void
tile_fetched_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TileJob *job = user_data;
  g_autoptr(BbOfflineSave) self = job->self;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = bb_online_source_fetch_finish (BB_ONLINE_SOURCE (object), result, &error);
  self->in_flight--;
  if (bytes != NULL && self->error == NULL)
    {
      if (self->format == NULL)
        self->format = bb_mbtiles_format_of_tile (bytes);
      if (bb_mbtiles_writer_add_tile (self->writer, job->zoom, job->x, job->y, bytes, &error))
        {
          self->n_saved++;
          self->bytes_saved += g_bytes_get_size (bytes);
        }
      else
        stop (self, error);
    }
  else if (error != NULL && bb_online_source_error_is_tile_only (error))
    {
      g_debug ("leaving out tile %d/%d/%d: %s", job->zoom, job->x, job->y, error->message);
      g_error_free (error);
      self->n_missing++;
    }
  else if (error != NULL)
    stop (self, error);
  g_free (job);

  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  pump (self);
}

static void
pump (BbOfflineSave *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  if (self->error == NULL && g_cancellable_set_error_if_cancelled (cancellable, &self->error))
    g_assert (self->error != NULL);

  while (self->error == NULL && self->in_flight < BB_OFFLINE_SAVE_PARALLEL && self->z <= (int) self->max_zoom)
    {
      TileJob *job = g_new0 (TileJob, 1);

      job->self = g_object_ref (self);
      job->x = self->x;
      job->y = self->y;
      job->zoom = self->z;
      self->in_flight++;
      bb_online_source_fetch_async (self->source, job->x, job->y, job->zoom, cancellable, tile_fetched_cb, job);
      advance (self);
    }
  if (self->in_flight == 0 && (self->error != NULL || self->z > (int) self->max_zoom))
    finish (self);
}

void
bb_offline_save_run_async (BbOfflineSave       *self,
                           const char          *path,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (BB_IS_OFFLINE_SAVE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_offline_save_run_async);
  if (!bb_offline_save_check (self, &error) || (self->writer = bb_mbtiles_writer_new (path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->task = g_steal_pointer (&task);
  self->name = g_strdup (name != NULL && *name ? name : _("Saved area"));
  self->format = NULL;
  self->n_done = self->n_saved = self->n_missing = 0;
  self->bytes_saved = 0;
  self->z = self->min_zoom;
  range_at_zoom (&self->area, self->z, &self->range);
  self->x = self->range.x0;
  self->y = self->range.y0;
  pump (self);
}

gboolean
bb_offline_save_run_finish (BbOfflineSave  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
bb_offline_save_get_n_done (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return self->n_done;
}

guint
bb_offline_save_get_n_saved (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return self->n_saved;
}

guint
bb_offline_save_get_n_missing (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return self->n_missing;
}

guint64
bb_offline_save_get_bytes_saved (BbOfflineSave *self)
{
  g_return_val_if_fail (BB_IS_OFFLINE_SAVE (self), 0);
  return self->bytes_saved;
}

static void
bb_offline_save_finalize (GObject *object)
{
  BbOfflineSave *self = BB_OFFLINE_SAVE (object);

  /* A running save holds a reference through each tile asked for. */
  g_assert (self->task == NULL);
  g_clear_object (&self->source);
  g_clear_pointer (&self->writer, bb_mbtiles_writer_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bb_offline_save_parent_class)->finalize (object);
}

static void
bb_offline_save_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbOfflineSave *self = BB_OFFLINE_SAVE (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_offline_save_class_init (BbOfflineSaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bb_offline_save_finalize;
  object_class->get_property = bb_offline_save_get_property;

  /* Tiles handled so far, saved or missing: notified for each. */
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_offline_save_init (BbOfflineSave *self)
{
}
