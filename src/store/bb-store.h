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

G_END_DECLS
