/* fault-sqlite.h: SQLite that fails on purpose: a VFS whose writes fail from the Nth, and an allocator whose Nth allocation fails */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef enum {
  FAULT_NONE,
  FAULT_WRITE_FULL,    /* every write, truncate and sync from the Nth on: SQLITE_FULL (a disk that filled up) */
  FAULT_WRITE_IOERR,   /* the Nth write, truncate or sync only: SQLITE_IOERR_WRITE (a bad sector, a pulled cable) */
  FAULT_MALLOC,        /* the Nth allocation only returns NULL */
  FAULT_MALLOC_ALL,    /* every allocation from the Nth on returns NULL */
} FaultKind;

/* Installs both; call first thing in main, before SQLite is used. */
void     fault_sqlite_install (void);

/* Arms a fault at the @n-th point (from 1) of its kind, counted from now. */
void     fault_arm            (FaultKind kind,
                               guint     n);
/* Disarms; TRUE when the fault struck since it was armed. */
gboolean fault_disarm         (void);
/* How many points of the armed kind were passed since it was armed. */
guint    fault_points_passed  (void);
