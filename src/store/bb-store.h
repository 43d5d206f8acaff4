/* bb-store.h: the station database, one SQLite file per station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BB_STORE_SCHEMA_VERSION 1
#define BB_STORE_APPLICATION_ID 0x42426f6b /* "BBok", PRAGMA application_id */

#define BB_STORE_ERROR (bb_store_error_quark ())

typedef enum {
  BB_STORE_ERROR_FAILED,
  BB_STORE_ERROR_NOT_FOUND,       /* no such file or record */
  BB_STORE_ERROR_NOT_A_STATION,   /* a file, but not a Beatbook station */
  BB_STORE_ERROR_TOO_NEW,         /* written by a newer Beatbook */
  BB_STORE_ERROR_CORRUPT,         /* damaged database */
  BB_STORE_ERROR_INVALID,         /* a value the station refuses (e.g. latitude 95) */
  BB_STORE_ERROR_CONSTRAINT,      /* a rule of the database was broken */
  BB_STORE_ERROR_EXISTS,          /* creating a station over an existing file */
} BbStoreError;

GQuark bb_store_error_quark (void);

#define BB_TYPE_STORE (bb_store_get_type ())
G_DECLARE_FINAL_TYPE (BbStore, bb_store, BB, STORE, GObject)

BbStore    *bb_store_create          (const char  *path,
                                      const char  *station_name,
                                      GError     **error);
BbStore    *bb_store_open            (const char  *path,
                                      GError     **error);
const char *bb_store_get_path        (BbStore     *self);
const char *bb_store_get_station_id  (BbStore     *self);
int         bb_store_get_schema_version (BbStore *self);

/* The station's own record. */
char       *bb_store_dup_station_name (BbStore   *self);
gboolean    bb_store_is_demo          (BbStore   *self);

/* Rows in one of the station's tables ("incident", "problem", "event", …);
 * -1 with @error set for an unknown table. */
gint64      bb_store_count            (BbStore     *self,
                                       const char  *table,
                                       GError     **error);

void        bb_store_open_async       (const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
BbStore    *bb_store_open_finish      (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
