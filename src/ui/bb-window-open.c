/* bb-window-open.c: the main window opens a station: a file chosen, or the demo station written first */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bb-demo-station.h"
#include "bb-window-private.h"

static void
demo_job_free (DemoJob *job)
{
  g_free (job->path);
  g_free (job);
}

char *
bb_demo_station_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "beatbook", "demo.beatbook", NULL);
}
static void
show_loading (BbWindow   *self,
              const char *title,
              const char *description)
{
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->mode_stack, "loading");
}

static void
end_loading (BbWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->demo_job = NULL;
  bb_window_set_busy (self, FALSE);
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->mode_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->mode_stack, "station");
}

typedef struct {
  BbWindow *window;
  char     *path;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->window);
  g_free (data->path);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  BbWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *heading = NULL;

  store = bb_store_open_finish (result, &error);
  if (bb_window_is_disposed (self))
    return;

  end_loading (self);
  if (store != NULL)
    {
      bb_window_open_store (self, store);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CORRUPT))
    {
      bb_window_offer_backup (self, data->path, error);
      return;
    }

  basename = g_path_get_basename (data->path);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), basename);
  bb_window_show_error (self, heading, error);
}

static void
open_path (BbWindow   *self,
           const char *path)
{
  OpenData *data;

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  bb_window_set_busy (self, TRUE);

  /* Opening is quick; the loading page would only flicker, so the window
   * keeps showing what it showed until the station is there. */
  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  bb_store_open_async (path, self->cancellable, store_opened_cb, data);
}

void
bb_window_open_file (BbWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), uri);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Beatbook opens station files on this computer only. Copy the file to a local folder and open it from there."));
      bb_window_show_error (self, heading, error);
      return;
    }
  open_path (self, path);
}

/* Runs in the worker thread. */
static void
demo_progress_cb (double   fraction,
                  gpointer data)
{
  DemoJob *job = data;

  g_atomic_int_set (&job->progress, (gint) CLAMP (fraction * 1000.0, 0.0, 1000.0));
}

static gboolean
remove_station_files (const char  *path,
                      GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The old demo station “%s” could not be removed: %s"),
                       file, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}


/* The demo's two years end at today's midnight (UTC), so that "the last
 * 28 days" and "this quarter" show something on the day it is written. */
static gint64
demo_end_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static void
write_demo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  g_autofree char *folder = g_path_get_dirname (job->path);
  BbDemoOptions options;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("The folder “%s” for the demo station could not be created: %s"),
                               folder, g_strerror (saved_errno));
      return;
    }

  if (job->regenerate && !remove_station_files (job->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bb_demo_options_init_default (&options);
  options.end_time = demo_end_time ();
  store = bb_demo_station_create (job->path, &options, demo_progress_cb, job, cancellable, &error);
  if (store == NULL)
    {
      /* A half-written demo station is worth nothing; one that was
       * already there (BB_STORE_ERROR_EXISTS) is not ours to remove. */
      if (!g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_EXISTS))
        remove_station_files (job->path, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Closed here and opened again by the window, on the window's side. */
  g_clear_object (&store);
  g_task_return_boolean (task, TRUE);
}

static gboolean
demo_progress_tick_cb (gpointer data)
{
  BbWindow *self = data;
  double fraction;
  g_autofree char *text = NULL;

  if (self->demo_job == NULL)
    return G_SOURCE_CONTINUE;

  fraction = g_atomic_int_get (&self->demo_job->progress) / 1000.0;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: progress of writing the demo station, e.g. "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100.0 + 0.5));
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
demo_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BbWindow *self = BB_WINDOW (object);
  DemoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (bb_window_is_disposed (self))
    return;

  end_loading (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_window_add_toast (self, _("The demo station was not written"));
      else
        bb_window_show_error (self, _("Could Not Write the Demo Station"), error);
      return;
    }
  open_path (self, job->path);
}

void
bb_window_open_demo (BbWindow *self,
                     gboolean  regenerate)
{
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  g_return_if_fail (BB_IS_WINDOW (self));

  job = g_new0 (DemoJob, 1);
  job->path = bb_demo_station_path ();
  job->regenerate = regenerate;

  if (!regenerate && g_file_test (job->path, G_FILE_TEST_IS_REGULAR))
    {
      open_path (self, job->path);
      demo_job_free (job);
      return;
    }

  /* The window lets go of an older demo station before it is written over. */
  if (self->store != NULL && g_strcmp0 (bb_store_get_path (self->store), job->path) == 0)
    {
      bb_window_set_busy (self, TRUE);
      bb_window_set_store (self, NULL);
    }

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  bb_window_set_busy (self, TRUE);

  show_loading (self, _("Writing the Demo Station"),
                _("Beatbook is writing a fictional town with two years of incidents, its districts, partners, problems and meetings. This takes a moment, once."));
  self->demo_job = job;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->progress_source = g_timeout_add (100, demo_progress_tick_cb, self);

  task = g_task_new (self, self->cancellable, demo_written_cb, NULL);
  g_task_set_source_tag (task, bb_window_open_demo);
  g_task_set_task_data (task, job, (GDestroyNotify) demo_job_free);
  g_task_run_in_thread (task, write_demo_thread);
}
