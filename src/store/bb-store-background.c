/* bb-store-background.c: the store's background work steps aside while the user waits for a read */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store"

#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bb-store-background.h"
#include "bb-store-private.h"

/* A hold ends by itself after this long, so that background work is
 * delayed, never starved, by a view that forgot to release it. */
#define HOLD_MAX_US (2 * G_USEC_PER_SEC)

/* The niceness of the threads that check and back up a station: they
 * take what the processor has to spare, not a core from the window. */
#define BACKGROUND_NICE 10

struct _BbStoreBackground
{
  gatomicrefcount ref;
  GMutex          lock;
  GCond           cond;
  guint           holds;
  gint64          deadline;   /* monotonic: when the holds end whatever happens */
  gboolean        closing;
};

/* The background the calling thread's work belongs to, if it is background work. */
static GPrivate current = G_PRIVATE_INIT (NULL);

BbStoreBackground *
bb_store_background_new (void)
{
  BbStoreBackground *self = g_new0 (BbStoreBackground, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  return self;
}

BbStoreBackground *
bb_store_background_ref (BbStoreBackground *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
bb_store_background_unref (BbStoreBackground *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
bb_store_background_hold (BbStoreBackground *self)
{
  g_mutex_lock (&self->lock);
  self->holds++;
  self->deadline = g_get_monotonic_time () + HOLD_MAX_US;
  g_mutex_unlock (&self->lock);
}

void
bb_store_background_release (BbStoreBackground *self)
{
  g_mutex_lock (&self->lock);
  g_assert (self->holds > 0);
  if (--self->holds == 0)
    g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
bb_store_background_close (BbStoreBackground *self)
{
  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
bb_store_background_yield (BbStoreBackground *self)
{
  g_mutex_lock (&self->lock);
  while (self->holds > 0 && !self->closing && g_get_monotonic_time () < self->deadline)
    g_cond_wait_until (&self->cond, &self->lock, self->deadline);
  g_mutex_unlock (&self->lock);
}

void
bb_store_background_enter (BbStoreBackground *self)
{
  g_assert (g_private_get (&current) == NULL);
  g_private_set (&current, self);
}

void
bb_store_background_leave (void)
{
  g_private_set (&current, NULL);
}

void
bb_store_background_step (void)
{
  BbStoreBackground *self = g_private_get (&current);

  if (self != NULL)
    bb_store_background_yield (self);
}

void
bb_store_background_lower_priority (void)
{
#ifdef __linux__
  /* Linux gives each thread its own niceness. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE) != 0)
    g_debug ("Could not lower the priority of a background thread");
#endif
}

/* The store's side ---------------------------------------------------------- */

void
bb_store_hold_background (BbStore *self)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_background_hold (self->background);
}

void
bb_store_release_background (BbStore *self)
{
  g_return_if_fail (BB_IS_STORE (self));
  bb_store_background_release (self->background);
}
