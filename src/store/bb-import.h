/* bb-import.h: incidents from the files stations inherit: detection, mapping, preview, report, import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-import-report.h"
#include "bb-import-values.h"
#include "bb-store.h"

G_BEGIN_DECLS

#define BB_IMPORT_ERROR (bb_import_error_quark ())

typedef enum {
  BB_IMPORT_ERROR_FAILED,
  BB_IMPORT_ERROR_FORMAT,        /* the file is not a table Beatbook can read */
  BB_IMPORT_ERROR_MAPPING,       /* the columns do not give a date and a category */
  BB_IMPORT_ERROR_NEEDS_CRS,     /* X/Y columns and no coordinate system chosen */
  BB_IMPORT_ERROR_NEEDS_DATE_ORDER, /* dates like 03/04/2024 and no order chosen */
  BB_IMPORT_ERROR_REFUSED,       /* the station refused a row: nothing was imported */
  BB_IMPORT_ERROR_NOTHING,       /* not one row could be imported */
} BbImportError;

GQuark bb_import_error_quark (void);

/* Layouts recognised by their header, so that no column needs mapping. */
typedef enum {
  BB_IMPORT_FORMAT_CSV,           /* any table: columns mapped by name or by hand */
  BB_IMPORT_FORMAT_POLICE_UK,     /* data.police.uk street-level crimes */
  BB_IMPORT_FORMAT_HUNDRED_BLOCK, /* TYPE, YEAR, MONTH, DAY, HOUR, MINUTE, HUNDRED_BLOCK, NEIGHBOURHOOD, X, Y */
  BB_IMPORT_FORMAT_BEATBOOK,      /* Beatbook's own export and the demo generator's CSV */
  BB_IMPORT_FORMAT_GEOJSON,       /* RFC 7946 point features (and the older "crs" member) */
} BbImportFormat;

/* "csv", "police-uk", "hundred-block", "beatbook", "geojson" */
const char     *bb_import_format_to_string   (BbImportFormat  format);
gboolean        bb_import_format_from_string (const char     *text,
                                              BbImportFormat *format);

/* What a column holds. */
typedef enum {
  BB_IMPORT_FIELD_IGNORE,
  BB_IMPORT_FIELD_EXTERNAL_ID,   /* the source's number for the incident */
  BB_IMPORT_FIELD_DATE,          /* a date, a date and time, or a month */
  BB_IMPORT_FIELD_TIME,          /* the time of day of DATE */
  BB_IMPORT_FIELD_YEAR,
  BB_IMPORT_FIELD_MONTH,
  BB_IMPORT_FIELD_DAY,
  BB_IMPORT_FIELD_HOUR,
  BB_IMPORT_FIELD_MINUTE,
  BB_IMPORT_FIELD_CATEGORY,
  BB_IMPORT_FIELD_LONGITUDE,     /* WGS84 */
  BB_IMPORT_FIELD_LATITUDE,
  BB_IMPORT_FIELD_X,             /* projected: needs the coordinate system */
  BB_IMPORT_FIELD_Y,
  BB_IMPORT_FIELD_ADDRESS,
  BB_IMPORT_FIELD_DESCRIPTION,
  BB_IMPORT_FIELD_STATUS,        /* open, cleared, referred */
  BB_IMPORT_FIELD_REPORTED,      /* when it was reported */
  BB_IMPORT_FIELD_RESTRICTED,    /* 1, true, yes: never leaves the station in public output */
  BB_IMPORT_N_FIELDS
} BbImportField;

/* "ignore", "external_id", "date", …: the names kept in the station. */
const char     *bb_import_field_to_string    (BbImportField   field);
BbImportField   bb_import_field_from_string  (const char     *text);
/* The field's name as the user sees it. */
const char     *bb_import_field_get_label    (BbImportField   field);

/* What happens to a row without a usable position (empty, the 0,0
 * placeholder, or moved for privacy). */
typedef enum {
  BB_IMPORT_POSITION_KEEP,   /* imported without a position, counted and listed */
  BB_IMPORT_POSITION_SKIP,   /* skipped, counted and listed */
} BbImportMissingPosition;

typedef void (*BbImportProgressFunc) (double   fraction,
                                      gpointer user_data);

#define BB_TYPE_IMPORT (bb_import_get_type ())
G_DECLARE_FINAL_TYPE (BbImport, bb_import, BB, IMPORT, GObject)

/* An import of the file at @path into @store.  Nothing is read until
 * bb_import_preview().  The object is not thread-safe: do not change it
 * while one of its asynchronous calls runs. */
BbImport       *bb_import_new                (BbStore        *store,
                                              const char     *path);
const char     *bb_import_get_path           (BbImport       *self);
BbStore        *bb_import_get_store          (BbImport       *self);

/* Choices that change how the file is read; call bb_import_preview()
 * again after them.  NULL or 0 detect. */
void            bb_import_set_encoding       (BbImport       *self,
                                              const char     *encoding);
void            bb_import_set_separator      (BbImport       *self,
                                              char            separator);
/* Reads the whole file once: the header, the first @n_rows rows, the
 * format, the mapping (remembered for this header, or automatic), the
 * order of day and month, the category values and how often each occurs. */
gboolean        bb_import_preview            (BbImport       *self,
                                              guint           n_rows,
                                              GCancellable   *cancellable,
                                              GError        **error);
void            bb_import_preview_async      (BbImport       *self,
                                              guint           n_rows,
                                              GCancellable   *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer        user_data);
gboolean        bb_import_preview_finish     (BbImport       *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/* What the preview found. */
BbImportFormat  bb_import_get_format         (BbImport       *self);
const char     *bb_import_get_encoding       (BbImport       *self);
char            bb_import_get_separator      (BbImport       *self);
gboolean        bb_import_get_had_bom        (BbImport       *self);
guint64         bb_import_get_n_rows         (BbImport       *self);
guint           bb_import_get_n_columns      (BbImport       *self);
const char     *bb_import_get_column_name    (BbImport       *self,
                                              guint           column);
/* The first rows: a GPtrArray of GStrv, one string per column. */
GPtrArray      *bb_import_get_preview_rows   (BbImport       *self);
/* TRUE when the mapping came from the station's memory of this header. */
gboolean        bb_import_get_mapping_remembered (BbImport   *self);

/* The mapping: what each column holds. */
BbImportField   bb_import_get_column_field   (BbImport       *self,
                                              guint           column);
void            bb_import_set_column_field   (BbImport       *self,
                                              guint           column,
                                              BbImportField   field);
/* Sets the mapping of a known format (e.g. after the user chose one). */
void            bb_import_set_format         (BbImport       *self,
                                              BbImportFormat  format);

/* Dates like 03/04/2024: the order the date column shows, and whether
 * the user must be asked (every date could be read both ways). */
BbDateOrder     bb_import_get_date_order     (BbImport       *self);
gboolean        bb_import_get_date_order_ambiguous (BbImport *self);
void            bb_import_set_date_order     (BbImport       *self,
                                              BbDateOrder     order);

/* The coordinate system of X/Y columns as an EPSG code ("EPSG:27700");
 * GeoJSON files name theirs.  bb_import_get_needs_crs() is TRUE while X/Y
 * columns are mapped and none is chosen. */
gboolean        bb_import_set_crs            (BbImport       *self,
                                              const char     *crs,
                                              GError        **error);
const char     *bb_import_get_crs            (BbImport       *self);
gboolean        bb_import_get_needs_crs      (BbImport       *self);

void            bb_import_set_missing_position (BbImport     *self,
                                              BbImportMissingPosition choice);
BbImportMissingPosition bb_import_get_missing_position (BbImport *self);

/* The prefix that keeps the source's numbers apart from other sources'
 * ("police.uk" by default for police.uk files). */
void            bb_import_set_source_name    (BbImport       *self,
                                              const char     *name);
const char     *bb_import_get_source_name    (BbImport       *self);

/* Category values of the category column, the most frequent first. */
GStrv           bb_import_dup_category_values   (BbImport    *self);
guint64         bb_import_get_category_value_count (BbImport *self,
                                                 const char  *value);
/* The Beatbook category (an id) a value is mapped to, or NULL. */
const char     *bb_import_get_category_for_value (BbImport   *self,
                                                 const char  *value);
void            bb_import_set_category_for_value (BbImport   *self,
                                                 const char  *value,
                                                 const char  *category_id);
/* The values with no category: their rows would be skipped. */
GStrv           bb_import_dup_unmapped_category_values (BbImport *self);

/* Reads the file through with the mapping and options and, unless
 * @dry_run, imports in one transaction what can be imported; a dry run
 * does the same and then takes all of it back, so its report is exactly
 * what an import would do.  A cancelled or failed import changes
 * nothing.  A successful import remembers the mapping for this header
 * and the category values in the station.  @progress is called from the
 * thread that runs the import. */
BbImportReport *bb_import_run                (BbImport              *self,
                                              gboolean               dry_run,
                                              GCancellable          *cancellable,
                                              BbImportProgressFunc   progress,
                                              gpointer               progress_data,
                                              GError               **error);
/* The same on the store's worker; @progress is called in the thread-default
 * main context of the caller. */
void            bb_import_run_async          (BbImport              *self,
                                              gboolean               dry_run,
                                              GCancellable          *cancellable,
                                              BbImportProgressFunc   progress,
                                              gpointer               progress_data,
                                              GDestroyNotify         progress_data_destroy,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
BbImportReport *bb_import_run_finish         (BbImport              *self,
                                              GAsyncResult          *result,
                                              GError               **error);

G_END_DECLS
