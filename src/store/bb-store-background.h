/* bb-store-background.h: the store's background work steps aside while the user waits for a read */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a store does that no one is waiting to see: the reads queued for
 * views not on screen, the check of a large file's pages, backups.  While
 * it is held (an urgent read runs, a view draws its first rows), such
 * work waits between two steps of its SQLite statements; a hold ends
 * when released or after two seconds, whichever comes first.  Shared,
 * by reference, with the threads that do the work. */
typedef struct _BbStoreBackground BbStoreBackground;

BbStoreBackground *bb_store_background_new     (void);
BbStoreBackground *bb_store_background_ref     (BbStoreBackground *self);
void               bb_store_background_unref   (BbStoreBackground *self);

void               bb_store_background_hold    (BbStoreBackground *self);
void               bb_store_background_release (BbStoreBackground *self);
/* The store closes: nothing waits any more. */
void               bb_store_background_close   (BbStoreBackground *self);
/* Waits while a hold is on. */
void               bb_store_background_yield   (BbStoreBackground *self);

/* Marks the calling thread's work, until leave, as @self's background
 * work: bb_store_background_step() (which every connection's progress
 * handler calls) then yields for it, and does nothing for other threads. */
void               bb_store_background_enter   (BbStoreBackground *self);
void               bb_store_background_leave   (void);
void               bb_store_background_step    (void);

/* Lowers the niceness of the calling thread for good: only for threads
 * of their own, which end with their work. */
void               bb_store_background_lower_priority (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbStoreBackground, bb_store_background_unref)

G_END_DECLS
