/* fault-sqlite.c: SQLite that fails on purpose: a VFS whose writes fail from the Nth, and an allocator whose Nth allocation fails */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "fault-sqlite.h"

/* Armed state, shared by every thread of the process (the store writes
 * on its worker). */
static gint armed_kind = FAULT_NONE;
static gint fail_at;
static gint passed;
static gint struck;

void
fault_arm (FaultKind kind,
           guint     n)
{
  g_atomic_int_set (&passed, 0);
  g_atomic_int_set (&struck, 0);
  g_atomic_int_set (&fail_at, (gint) n);
  g_atomic_int_set (&armed_kind, kind);
}

gboolean
fault_disarm (void)
{
  g_atomic_int_set (&armed_kind, FAULT_NONE);
  return g_atomic_int_get (&struck) != 0;
}

guint
fault_points_passed (void)
{
  return (guint) g_atomic_int_get (&passed);
}

/* TRUE when the point being passed, of @kind's family, must fail. */
static gboolean
fault_now (gboolean is_write)
{
  FaultKind kind = g_atomic_int_get (&armed_kind);
  gint n;

  if (kind == FAULT_NONE)
    return FALSE;
  if (is_write != (kind == FAULT_WRITE_FULL || kind == FAULT_WRITE_IOERR))
    return FALSE;
  n = g_atomic_int_add (&passed, 1) + 1;
  if (n == fail_at || (n > fail_at && (kind == FAULT_WRITE_FULL || kind == FAULT_MALLOC_ALL)))
    {
      g_atomic_int_set (&struck, 1);
      return TRUE;
    }
  return FALSE;
}

static int
write_fault_code (void)
{
  return g_atomic_int_get (&armed_kind) == FAULT_WRITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

/* The allocator ----------------------------------------------------------- */

static sqlite3_mem_methods real_mem;

static void *
fault_malloc (int n)
{
  return fault_now (FALSE) ? NULL : real_mem.xMalloc (n);
}

static void *
fault_realloc (void *p,
               int   n)
{
  return fault_now (FALSE) ? NULL : real_mem.xRealloc (p, n);
}

/* The VFS ---------------------------------------------------------------- */

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;   /* follows this struct in the same allocation */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

#define REAL(f) (((FaultFile *) (f))->real)

static int
f_close (sqlite3_file *f)
{
  int rc = SQLITE_OK;

  if (REAL (f)->pMethods != NULL)
    rc = REAL (f)->pMethods->xClose (REAL (f));
  return rc;
}

static int
f_read (sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, n, off);
}

static int
f_write (sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
  if (fault_now (TRUE))
    return write_fault_code ();
  return REAL (f)->pMethods->xWrite (REAL (f), buf, n, off);
}

static int
f_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  if (fault_now (TRUE))
    return write_fault_code () == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_TRUNCATE;
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
f_sync (sqlite3_file *f, int flags)
{
  if (fault_now (TRUE))
    return write_fault_code () == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
f_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
f_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
f_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
f_check_reserved (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
f_file_control (sqlite3_file *f, int op, void *arg)
{
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
f_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
f_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
f_shm_map (sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), region, size, extend, out);
}

static int
f_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
f_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
f_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

static int
f_fetch (sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
  /* No memory-mapped reads: every page goes through xRead. */
  *out = NULL;
  return SQLITE_OK;
}

static int
f_unfetch (sqlite3_file *f, sqlite3_int64 off, void *p)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods fault_io = {
  3, f_close, f_read, f_write, f_truncate, f_sync, f_file_size, f_lock, f_unlock,
  f_check_reserved, f_file_control, f_sector_size, f_device_characteristics,
  f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int
v_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *ff = (FaultFile *) file;
  int rc;

  ff->real = (sqlite3_file *) &ff[1];
  memset (ff->real, 0, real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  /* xClose is called whenever pMethods is set, even after a failed open. */
  file->pMethods = ff->real->pMethods != NULL ? &fault_io : NULL;
  return rc;
}

static int
v_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
v_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
v_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
v_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
v_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*v_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
v_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
v_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
v_sleep (sqlite3_vfs *vfs, int us)
{
  return real_vfs->xSleep (real_vfs, us);
}

static int
v_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
v_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
v_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

void
fault_sqlite_install (void)
{
  sqlite3_mem_methods mem;

  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &real_mem), ==, SQLITE_OK);
  mem = real_mem;
  mem.xMalloc = fault_malloc;
  mem.xRealloc = fault_realloc;
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_MALLOC, &mem), ==, SQLITE_OK);
  /* counted, so that a test can say nothing was kept after a failure */
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 1), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_initialize (), ==, SQLITE_OK);

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  fault_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "bb-fault",
    .xOpen = v_open,
    .xDelete = v_delete,
    .xAccess = v_access,
    .xFullPathname = v_full_pathname,
    .xDlOpen = v_dl_open,
    .xDlError = v_dl_error,
    .xDlSym = v_dl_sym,
    .xDlClose = v_dl_close,
    .xRandomness = v_randomness,
    .xSleep = v_sleep,
    .xCurrentTime = v_current_time,
    .xGetLastError = v_get_last_error,
    .xCurrentTimeInt64 = v_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}
