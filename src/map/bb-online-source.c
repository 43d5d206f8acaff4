/* bb-online-source.c: a tile source that fetches from the configured tile server and keeps a disk cache */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-online-source"

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <utime.h>

#include "bb-mbtiles-writer.h"
#include "bb-online-source.h"
#include "bb-tile-cache.h"

/* A tile bigger than this is not a tile. */
#define MAX_TILE_BYTES (4 * 1024 * 1024)
#define MAX_TILE_PIXELS 1024
#define DEFAULT_TILE_SIZE (20 * 1024)

struct _BbOnlineSource
{
  ShumateDataSource  parent_instance;

  BbTileServer      *server;
  char              *host;
  char              *cache_dir;
  SoupSession       *session;
  guint              timeout;          /* seconds without progress before a request fails */
  gint64             max_age;          /* seconds a cached tile stays fresh */
  gint64             offline_until;    /* monotonic time before which the server is not asked */
  guint64            n_measured;
  guint64            measured_bytes;
  gboolean           cache_measured;

  GMutex             cache_lock;       /* the cache's size, kept by the workers that store tiles */
  gint64             cache_bytes;      /* -1 until measured */
  guint64            cache_limit;      /* bytes; 0 for no limit */
};

G_DEFINE_FINAL_TYPE (BbOnlineSource, bb_online_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_AGE,
  PROP_CACHE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  int          x, y, zoom;
  char        *path;          /* the tile's file in the cache */
  gint64       max_age;
  GBytes      *cached;        /* what the cache holds, fresh or not */
  gint64       cached_mtime;
  gboolean     fresh;
  SoupMessage *message;
  GBytes      *body;          /* the server's answer, to check and store */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->path);
  g_clear_pointer (&fetch->cached, g_bytes_unref);
  g_clear_object (&fetch->message);
  g_clear_pointer (&fetch->body, g_bytes_unref);
  g_free (fetch);
}

/* Runs @func on a worker for the fetch @task, then @done back on the
 * task's context; the worker's result is a boolean. */
static void
run_step_in_thread (GTask               *task,
                    GTaskThreadFunc      func,
                    GAsyncReadyCallback  done)
{
  g_autoptr(GTask) worker = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                                        done, g_object_ref (task));

  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (worker, func);
}

/* Whether a cached tile is a whole PNG or JPEG (it ends as they end), or
 * a WebP as long as its header says; cheap enough for every read. */
static gboolean
is_whole_image (const char *data,
                gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  const char *format = length > 0 ? bb_mbtiles_format_of_tile (bytes) : NULL;
  const guchar *end = (const guchar *) data + length;

  if (format == NULL)
    return FALSE;
  if (g_str_equal (format, "png"))
    return length >= 20 && memcmp (end - 8, "IEND\xae\x42\x60\x82", 8) == 0;
  if (g_str_equal (format, "jpg"))
    {
      /* Some encoders pad a few bytes after the end marker. */
      for (const guchar *p = end - 2; p >= (const guchar *) data && p >= end - 64; p--)
        if (p[0] == 0xff && p[1] == 0xd9)
          return TRUE;
      return FALSE;
    }
  {
    guint32 riff_size;

    memcpy (&riff_size, data + 4, sizeof riff_size);
    return (guint64) GUINT32_FROM_LE (riff_size) + 8 <= length;
  }
}

static void
read_cache_thread (GTask        *worker,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Fetch *fetch = task_data;
  GStatBuf st;
  char *contents = NULL;
  gsize length = 0;

  if (g_stat (fetch->path, &st) == 0 && g_file_get_contents (fetch->path, &contents, &length, NULL)
      && is_whole_image (contents, length))
    {
      fetch->cached = g_bytes_new_take (contents, length);
      fetch->cached_mtime = st.st_mtime;
      fetch->fresh = g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtime < fetch->max_age;
    }
  else
    g_free (contents);
  g_task_return_boolean (worker, TRUE);
}

/* Whether @bytes decode as a tile image of a sensible size. */
static gboolean
decodes_as_image (GBytes  *bytes,
                  GError **error)
{
  const char *format = bb_mbtiles_format_of_tile (bytes);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  GdkPixbuf *pixbuf;
  gboolean written;

  /* By the image's own signature: tiles are PNG, JPEG or WebP, and what
   * the loader would otherwise guess from depends on the MIME database. */
  if (format == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE, _("not a PNG, JPEG or WebP image"));
      return FALSE;
    }
  loader = gdk_pixbuf_loader_new_with_type (g_str_equal (format, "jpg") ? "jpeg" : format, error);
  if (loader == NULL)
    return FALSE;
  written = gdk_pixbuf_loader_write_bytes (loader, bytes, error);
  /* The loader must be closed even after a failed write. */
  if (!gdk_pixbuf_loader_close (loader, written ? error : NULL) || !written)
    return FALSE;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) <= 0 || gdk_pixbuf_get_height (pixbuf) <= 0
      || gdk_pixbuf_get_width (pixbuf) > MAX_TILE_PIXELS || gdk_pixbuf_get_height (pixbuf) > MAX_TILE_PIXELS)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE, _("not a tile-sized image"));
      return FALSE;
    }
  return TRUE;
}

/* Counts a tile just stored; past the limit, the oldest tiles go until
 * the cache is a tenth below it. */
static void
account_stored (BbOnlineSource *self,
                gsize           size)
{
  guint n_removed = 0;

  g_mutex_lock (&self->cache_lock);
  if (self->cache_bytes < 0)
    self->cache_bytes = (gint64) bb_tile_cache_measure (self->cache_dir);
  else
    self->cache_bytes += size;
  if (self->cache_limit > 0 && (guint64) self->cache_bytes > self->cache_limit)
    {
      self->cache_bytes = (gint64) bb_tile_cache_trim (self->cache_dir, self->cache_limit,
                                                       self->cache_limit - self->cache_limit / 10, &n_removed);
      g_debug ("tile cache of %s over its limit: %u tiles removed", self->host, n_removed);
    }
  g_mutex_unlock (&self->cache_lock);
}

static void
check_and_store_thread (GTask        *worker,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  BbOnlineSource *self = source_object;
  Fetch *fetch = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gsize size;
  const char *data = g_bytes_get_data (fetch->body, &size);

  if (!decodes_as_image (fetch->body, &error))
    {
      g_task_return_new_error (worker, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_NOT_IMAGE,
                               _("The tile server %s sent something that is not a readable image for tile %d/%d/%d (%s)"),
                               self->host, fetch->zoom, fetch->x, fetch->y, error->message);
      return;
    }
  /* Written whole or not at all: a half-written tile is never served. The
   * cache only saves trips to the server, so a full disk costs a trip. */
  dir = g_path_get_dirname (fetch->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_debug ("cannot create the tile cache %s: %s", dir, g_strerror (errno));
  /* No fsync for a new tile: after a crash the worst is a cut-off file,
   * which reading the cache throws away. */
  else if (!g_file_set_contents_full (fetch->path, data, size,
                                      G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                      0600, &error))
    g_debug ("cannot cache tile %d/%d/%d: %s", fetch->zoom, fetch->x, fetch->y, error->message);
  else
    account_stored (self, size);
  g_task_return_boolean (worker, TRUE);
}

static void
measure (BbOnlineSource *self,
         GBytes         *bytes)
{
  self->n_measured++;
  self->measured_bytes += g_bytes_get_size (bytes);
}

/* A failure of the server, with a stale tile in the cache: the stale tile
 * is better than none. */
static void
return_error_or_cached (GTask  *task,
                        GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->cached != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("serving stale tile %d/%d/%d: %s", fetch->zoom, fetch->x, fetch->y, error->message);
      g_error_free (error);
      g_task_return_pointer (task, g_bytes_ref (fetch->cached), (GDestroyNotify) g_bytes_unref);
    }
  else
    g_task_return_error (task, error);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BbOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      return_error_or_cached (task, error);
      return;
    }
  measure (self, fetch->body);
  g_task_return_pointer (task, g_bytes_ref (fetch->body), (GDestroyNotify) g_bytes_unref);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BbOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  const char *content_type;
  guint status;

  fetch->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (fetch->body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->offline_until = g_get_monotonic_time () + BB_ONLINE_SOURCE_RETRY_SECONDS * G_USEC_PER_SEC;
          g_prefix_error (&error, _("The tile server %s could not be reached: "), self->host);
        }
      return_error_or_cached (task, error);
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (status == SOUP_STATUS_NOT_MODIFIED && fetch->cached != NULL)
    {
      /* Still current: fresh again for another while. */
      if (g_utime (fetch->path, NULL) != 0)
        g_debug ("cannot touch %s: %s", fetch->path, g_strerror (errno));
      g_task_return_pointer (task, g_bytes_ref (fetch->cached), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      return_error_or_cached (task, g_error_new (BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_HTTP,
                                                 _("The tile server %s answered “%u %s” for tile %d/%d/%d"),
                                                 self->host, status,
                                                 soup_message_get_reason_phrase (fetch->message) ? soup_message_get_reason_phrase (fetch->message) : "",
                                                 fetch->zoom, fetch->x, fetch->y));
      return;
    }
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (fetch->message), NULL);
  if (content_type == NULL || g_ascii_strncasecmp (content_type, "image/", 6) != 0
      || g_bytes_get_size (fetch->body) == 0 || g_bytes_get_size (fetch->body) > MAX_TILE_BYTES)
    {
      return_error_or_cached (task, g_error_new (BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_NOT_IMAGE,
                                                 _("The tile server %s sent “%s” instead of an image for tile %d/%d/%d"),
                                                 self->host, content_type ? content_type : _("no content type"),
                                                 fetch->zoom, fetch->x, fetch->y));
      return;
    }
  run_step_in_thread (task, check_and_store_thread, stored_cb);
}

static void
cache_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BbOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *url = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (fetch->fresh)
    {
      measure (self, fetch->cached);
      g_task_return_pointer (task, g_bytes_ref (fetch->cached), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (g_get_monotonic_time () < self->offline_until)
    {
      return_error_or_cached (task, g_error_new (BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_OFFLINE,
                                                 _("The tile server %s could not be reached a moment ago; "
                                                   "tile %d/%d/%d is not in the cache"),
                                                 self->host, fetch->zoom, fetch->x, fetch->y));
      return;
    }

  url = bb_tile_server_expand (self->server, fetch->x, fetch->y, fetch->zoom);
  fetch->message = soup_message_new (SOUP_METHOD_GET, url);
  if (fetch->message == NULL)
    {
      g_task_return_new_error (task, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                               _("“%s” is not a web address"), url);
      return;
    }
  if (fetch->cached != NULL)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (fetch->cached_mtime);
      g_autofree char *date = when ? soup_date_time_to_string (when, SOUP_DATE_HTTP) : NULL;

      if (date != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (fetch->message), "If-Modified-Since", date);
    }
  soup_session_send_and_read_async (self->session, fetch->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, g_object_ref (task));
}

void
bb_online_source_fetch_async (BbOnlineSource      *self,
                              int                  x,
                              int                  y,
                              int                  zoom,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *column = NULL;
  g_autofree char *file = NULL;
  Fetch *fetch;

  g_return_if_fail (BB_IS_ONLINE_SOURCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bb_online_source_fetch_async);
  if (zoom < 0 || zoom > (int) self->server->max_zoom || zoom > 30
      || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The tile server %s has no tile %d/%d/%d"), self->host, zoom, x, y);
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->x = x;
  fetch->y = y;
  fetch->zoom = zoom;
  fetch->max_age = self->max_age;
  column = g_strdup_printf ("%d", x);
  file = g_strdup_printf ("%d.tile", y);
  {
    g_autofree char *level = g_strdup_printf ("%d", zoom);
    fetch->path = g_build_filename (self->cache_dir, level, column, file, NULL);
  }
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  run_step_in_thread (task, read_cache_thread, cache_read_cb);
}

GBytes *
bb_online_source_fetch_finish (BbOnlineSource  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
bb_online_source_error_is_tile_only (const GError *error)
{
  return g_error_matches (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_HTTP)
         || g_error_matches (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_NOT_IMAGE)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
tile_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *request = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = bb_online_source_fetch_finish (BB_ONLINE_SOURCE (object), result, &error);

  if (bytes == NULL)
    {
      /* A tile that cannot be had stays blank. */
      g_task_return_error (task, error);
      return;
    }
  /* The raster renderer takes the tile from this signal. */
  g_signal_emit_by_name (object, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
bb_online_source_get_tile_data_async (ShumateDataSource   *source,
                                      int                  x,
                                      int                  y,
                                      int                  zoom,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Fetch *request = g_new0 (Fetch, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom;
  g_task_set_source_tag (task, bb_online_source_get_tile_data_async);
  g_task_set_task_data (task, request, (GDestroyNotify) fetch_free);
  bb_online_source_fetch_async (BB_ONLINE_SOURCE (source), x, y, zoom, cancellable,
                                tile_fetched_cb, g_steal_pointer (&task));
}

static GBytes *
bb_online_source_get_tile_data_finish (ShumateDataSource  *source,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bb_online_source_dispose (GObject *object)
{
  BbOnlineSource *self = BB_ONLINE_SOURCE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bb_online_source_parent_class)->dispose (object);
}

static void
bb_online_source_finalize (GObject *object)
{
  BbOnlineSource *self = BB_ONLINE_SOURCE (object);

  g_clear_pointer (&self->server, bb_tile_server_free);
  g_free (self->host);
  g_free (self->cache_dir);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (bb_online_source_parent_class)->finalize (object);
}

static void
bb_online_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BbOnlineSource *self = BB_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_AGE:
      g_value_set_int64 (value, self->max_age);
      break;
    case PROP_CACHE_LIMIT:
      g_mutex_lock (&self->cache_lock);
      g_value_set_uint64 (value, self->cache_limit);
      g_mutex_unlock (&self->cache_lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_online_source_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BbOnlineSource *self = BB_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      if (self->timeout != g_value_get_uint (value))
        {
          self->timeout = g_value_get_uint (value);
          if (self->session != NULL)
            soup_session_set_timeout (self->session, self->timeout);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_AGE:
      if (self->max_age != g_value_get_int64 (value))
        {
          self->max_age = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CACHE_LIMIT:
      {
        gboolean changed;

        /* A lower limit takes effect as the next tile is stored. */
        g_mutex_lock (&self->cache_lock);
        changed = self->cache_limit != g_value_get_uint64 (value);
        self->cache_limit = g_value_get_uint64 (value);
        g_mutex_unlock (&self->cache_lock);
        if (changed)
          g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_online_source_class_init (BbOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = bb_online_source_dispose;
  object_class->finalize = bb_online_source_finalize;
  object_class->get_property = bb_online_source_get_property;
  object_class->set_property = bb_online_source_set_property;
  source_class->get_tile_data_async = bb_online_source_get_tile_data_async;
  source_class->get_tile_data_finish = bb_online_source_get_tile_data_finish;

  /* Seconds a request may go without progress before it fails. */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, 20,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds a cached tile is used without asking the server again. */
  properties[PROP_MAX_AGE] =
    g_param_spec_int64 ("max-age", NULL, NULL, 0, G_MAXINT64, BB_ONLINE_SOURCE_MAX_AGE_SECONDS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Bytes the disk cache may take before its oldest tiles go; 0 for no limit. */
  properties[PROP_CACHE_LIMIT] =
    g_param_spec_uint64 ("cache-limit", NULL, NULL, 0, G_MAXUINT64,
                         (guint64) BB_TILE_CACHE_DEFAULT_LIMIT_MB * 1024 * 1024,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_online_source_init (BbOnlineSource *self)
{
  self->timeout = 20;
  self->max_age = BB_ONLINE_SOURCE_MAX_AGE_SECONDS;
  g_mutex_init (&self->cache_lock);
  self->cache_bytes = -1;
  self->cache_limit = (guint64) BB_TILE_CACHE_DEFAULT_LIMIT_MB * 1024 * 1024;
}

/**
 * bb_online_source_new:
 * @server: a valid server (see bb_tile_server_validate())
 * @cache_root: (nullable): where to keep the caches of tile servers;
 *   the user's cache folder when %NULL
 */
BbOnlineSource *
bb_online_source_new (const BbTileServer *server,
                      const char         *cache_root)
{
  BbOnlineSource *self;
  /* A trailing space makes libsoup add its own name and version. */
  g_autofree char *agent = g_strdup_printf ("Beatbook/%s (offline-first community policing desk) ", PACKAGE_VERSION);

  g_return_val_if_fail (server != NULL && server->url_template != NULL, NULL);

  self = g_object_new (BB_TYPE_ONLINE_SOURCE, NULL);
  self->server = bb_tile_server_copy (server);
  self->host = bb_tile_server_dup_host (server);
  if (self->host == NULL)
    self->host = g_strdup (server->url_template);
  self->cache_dir = bb_tile_server_dup_cache_dir (server, cache_root);
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "max-conns", BB_ONLINE_SOURCE_MAX_CONNECTIONS,
                                                 "max-conns-per-host", BB_ONLINE_SOURCE_MAX_CONNECTIONS_PER_HOST,
                                                 NULL);
  return self;
}

const BbTileServer *
bb_online_source_get_server (BbOnlineSource *self)
{
  g_return_val_if_fail (BB_IS_ONLINE_SOURCE (self), NULL);
  return self->server;
}

const char *
bb_online_source_get_cache_dir (BbOnlineSource *self)
{
  g_return_val_if_fail (BB_IS_ONLINE_SOURCE (self), NULL);
  return self->cache_dir;
}

/* Measures up to @limit tiles the cache already holds. */
static void
measure_cache (BbOnlineSource *self,
               guint           limit)
{
  g_autoptr(GDir) levels = g_dir_open (self->cache_dir, 0, NULL);
  const char *level;

  while (levels != NULL && limit > 0 && (level = g_dir_read_name (levels)) != NULL)
    {
      g_autofree char *level_path = g_build_filename (self->cache_dir, level, NULL);
      g_autoptr(GDir) columns = g_dir_open (level_path, 0, NULL);
      const char *column;

      while (columns != NULL && limit > 0 && (column = g_dir_read_name (columns)) != NULL)
        {
          g_autofree char *column_path = g_build_filename (level_path, column, NULL);
          g_autoptr(GDir) rows = g_dir_open (column_path, 0, NULL);
          const char *row;

          while (rows != NULL && limit > 0 && (row = g_dir_read_name (rows)) != NULL)
            {
              g_autofree char *path = g_build_filename (column_path, row, NULL);
              GStatBuf st;

              if (g_str_has_suffix (row, ".tile") && g_stat (path, &st) == 0 && st.st_size > 0)
                {
                  self->n_measured++;
                  self->measured_bytes += st.st_size;
                  limit--;
                }
            }
        }
    }
}

gsize
bb_online_source_get_typical_tile_size (BbOnlineSource *self)
{
  g_return_val_if_fail (BB_IS_ONLINE_SOURCE (self), 0);

  if (self->n_measured == 0 && !self->cache_measured)
    {
      self->cache_measured = TRUE;
      measure_cache (self, 64);
    }
  if (self->n_measured == 0)
    return DEFAULT_TILE_SIZE;
  return self->measured_bytes / self->n_measured;
}

ShumateMapSource *
bb_online_source_new_map_source (BbStore  *store,
                                 guint64   cache_limit,
                                 GError  **error)
{
  g_autoptr(BbTileServer) server = NULL;
  g_autoptr(BbOnlineSource) source = NULL;
  g_autofree char *host = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (store == NULL || BB_IS_STORE (store), NULL);

  server = store != NULL ? bb_tile_server_load (store, &local_error) : NULL;
  if (server == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, BB_TILE_SERVER_ERROR, BB_TILE_SERVER_ERROR_INVALID,
                     _("No online tile server has been set up for this station yet; "
                       "choose “Online Tile Server…” in the base map menu"));
      return NULL;
    }
  source = bb_online_source_new (server, NULL);
  g_object_set (source, "cache-limit", cache_limit, NULL);
  host = bb_tile_server_dup_host (server);
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full ("online", host, server->attribution, NULL,
                                                               0, server->max_zoom, 256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (source)));
}
