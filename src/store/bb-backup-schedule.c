/* bb-backup-schedule.c: backs up the open station on a schedule and keeps a number of backups */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-backup-schedule"

#include "config.h"

#include "bb-backup-schedule.h"
#include "bb-store-backup.h"

struct _BbBackupSchedule
{
  GObject       parent_instance;

  BbStore      *store;
  guint         interval;      /* seconds; 0: no automatic backups */
  guint         keep;
  guint         timeout;
  GCancellable *cancellable;   /* of the backup running, if any */
  gint64        last_failure;  /* µs; a failed backup is tried again an interval later */
  gboolean      asked;         /* the backup running was asked for, not scheduled */
};

G_DEFINE_FINAL_TYPE (BbBackupSchedule, bb_backup_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INTERVAL,
  PROP_KEEP,
  N_PROPS
};

enum {
  SIGNAL_BACKED_UP,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reschedule (BbBackupSchedule *self);

static void
backed_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BbBackupSchedule) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bb_store_backup_now_finish (BB_STORE (object), result, &error);

  /* A backup of a store that is no longer the schedule's, or cancelled. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  if (path == NULL)
    {
      self->last_failure = g_get_real_time ();
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
    }
  else
    {
      self->last_failure = 0;
      g_signal_emit (self, signals[SIGNAL_BACKED_UP], 0, path, self->asked);
    }
  reschedule (self);
}

static void
start_backup (BbBackupSchedule *self,
              gboolean          asked)
{
  if (self->store == NULL || self->cancellable != NULL)
    return;
  self->asked = asked;
  g_clear_handle_id (&self->timeout, g_source_remove);
  self->cancellable = g_cancellable_new ();
  bb_store_backup_now_async (self->store, self->keep, self->cancellable, backed_up_cb, g_object_ref (self));
}

void
bb_backup_schedule_run_now (BbBackupSchedule *self)
{
  g_return_if_fail (BB_IS_BACKUP_SCHEDULE (self));
  start_backup (self, TRUE);
}

gboolean
bb_backup_schedule_is_running (BbBackupSchedule *self)
{
  g_return_val_if_fail (BB_IS_BACKUP_SCHEDULE (self), FALSE);
  return self->cancellable != NULL;
}

static gboolean
due_cb (gpointer data)
{
  BbBackupSchedule *self = data;

  self->timeout = 0;
  start_backup (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
reschedule (BbBackupSchedule *self)
{
  gint64 last, due_in;

  g_clear_handle_id (&self->timeout, g_source_remove);
  if (self->store == NULL || self->interval == 0 || self->cancellable != NULL || bb_store_is_demo (self->store))
    return;

  last = MAX (bb_store_backup_newest_time (bb_store_get_path (self->store)), self->last_failure);
  due_in = last == 0 ? 0 : last + (gint64) self->interval * G_USEC_PER_SEC - g_get_real_time ();
  if (due_in <= 0)
    {
      /* From the main loop, so that whoever set the store connects first. */
      self->timeout = g_idle_add_full (G_PRIORITY_LOW, due_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timeout), "[beatbook] backup");
      return;
    }
  self->timeout = g_timeout_add_full (G_PRIORITY_LOW, (guint) MIN (due_in / 1000 + 1, G_MAXUINT), due_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timeout), "[beatbook] backup");
}

void
bb_backup_schedule_set_store (BbBackupSchedule *self,
                              BbStore          *store)
{
  g_return_if_fail (BB_IS_BACKUP_SCHEDULE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->cancellable != NULL)
    {
      /* The copy underway finishes on its thread; nobody waits for it. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_set_object (&self->store, store);
  self->last_failure = 0;
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BbStore *
bb_backup_schedule_get_store (BbBackupSchedule *self)
{
  g_return_val_if_fail (BB_IS_BACKUP_SCHEDULE (self), NULL);
  return self->store;
}

void
bb_backup_schedule_set_interval (BbBackupSchedule *self,
                                 guint             seconds)
{
  g_return_if_fail (BB_IS_BACKUP_SCHEDULE (self));

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
bb_backup_schedule_get_interval (BbBackupSchedule *self)
{
  g_return_val_if_fail (BB_IS_BACKUP_SCHEDULE (self), 0);
  return self->interval;
}

void
bb_backup_schedule_set_keep (BbBackupSchedule *self,
                             guint             keep)
{
  g_return_if_fail (BB_IS_BACKUP_SCHEDULE (self));

  keep = MAX (keep, 1);
  if (self->keep == keep)
    return;
  self->keep = keep;
  /* Fewer to keep takes effect now, not at the next backup. */
  if (self->store != NULL)
    bb_store_backup_prune (bb_store_get_path (self->store), keep, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP]);
}

guint
bb_backup_schedule_get_keep (BbBackupSchedule *self)
{
  g_return_val_if_fail (BB_IS_BACKUP_SCHEDULE (self), 0);
  return self->keep;
}

static void
bb_backup_schedule_dispose (GObject *object)
{
  BbBackupSchedule *self = BB_BACKUP_SCHEDULE (object);

  g_clear_handle_id (&self->timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bb_backup_schedule_parent_class)->dispose (object);
}

static void
bb_backup_schedule_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BbBackupSchedule *self = BB_BACKUP_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_KEEP:
      g_value_set_uint (value, self->keep);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_backup_schedule_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BbBackupSchedule *self = BB_BACKUP_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_backup_schedule_set_store (self, g_value_get_object (value));
      break;
    case PROP_INTERVAL:
      bb_backup_schedule_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_KEEP:
      bb_backup_schedule_set_keep (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_backup_schedule_class_init (BbBackupScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bb_backup_schedule_dispose;
  object_class->get_property = bb_backup_schedule_get_property;
  object_class->set_property = bb_backup_schedule_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 24 * 3600,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KEEP] =
    g_param_spec_uint ("keep", NULL, NULL, 1, 1000, 7,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The new backup's path, and whether it was asked for (run_now). */
  signals[SIGNAL_BACKED_UP] = g_signal_new ("backed-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bb_backup_schedule_init (BbBackupSchedule *self)
{
  self->interval = 24 * 3600;
  self->keep = 7;
}

BbBackupSchedule *
bb_backup_schedule_new (void)
{
  return g_object_new (BB_TYPE_BACKUP_SCHEDULE, NULL);
}
