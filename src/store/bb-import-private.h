/* bb-import-private.h: what the import's files share: the object's state and the row source */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-import.h"
#include "bb-import-values.h"

G_BEGIN_DECLS

/* Rows of a file, CSV or GeoJSON, as strings by column. */
typedef struct _BbImportSource BbImportSource;

BbImportSource *bb_import_source_open        (const char      *path,
                                              const char      *encoding,
                                              char             separator,
                                              GError         **error);
void            bb_import_source_free        (BbImportSource  *source);
gboolean        bb_import_source_is_geojson  (BbImportSource  *source);
const char     *bb_import_source_get_display_name (BbImportSource *source);
const char     *bb_import_source_get_encoding (BbImportSource *source);
char            bb_import_source_get_separator (BbImportSource *source);
gboolean        bb_import_source_get_had_bom (BbImportSource  *source);
/* The column names (the header, or the features' property names). */
GPtrArray      *bb_import_source_get_columns (BbImportSource  *source);
/* The coordinate system the file names (GeoJSON's "crs"), or NULL. */
const char     *bb_import_source_get_crs     (BbImportSource  *source);
gboolean        bb_import_source_next        (BbImportSource  *source,
                                              GError         **error);
guint           bb_import_source_get_n_values (BbImportSource *source);
/* A value of the current row, "" past its last. */
const char     *bb_import_source_get         (BbImportSource  *source,
                                              guint            column);
guint64         bb_import_source_get_line    (BbImportSource  *source);
gboolean        bb_import_source_is_truncated (BbImportSource *source);
/* A GeoJSON feature's point; FALSE when it has none. */
gboolean        bb_import_source_get_point   (BbImportSource  *source,
                                              double          *x,
                                              double          *y,
                                              const char     **problem);
double          bb_import_source_get_fraction (BbImportSource *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbImportSource, bb_import_source_free)

/* A column's values seen in the preview, up to a limit. */
#define BB_IMPORT_MAX_DISTINCT 2000

struct _BbImport
{
  GObject         parent_instance;

  BbStore        *store;
  char           *path;
  char           *display_name;
  char           *encoding_choice;
  char            separator_choice;

  gboolean        previewed;
  BbImportFormat  format;
  char           *encoding;
  char            separator;
  gboolean        had_bom;
  GPtrArray      *columns;          /* char * */
  GArray         *fields;           /* BbImportField by column */
  GPtrArray      *preview_rows;     /* GStrv */
  guint64         n_rows;
  gboolean        remembered;

  GArray         *votes;            /* BbDateOrderVote by column */
  GPtrArray      *values;           /* GHashTable value → count by column, NULL past the limit */
  BbDateOrder     date_order;
  gboolean        date_order_chosen;

  char           *crs;              /* "EPSG:n" chosen */
  char           *file_crs;         /* named by the file */
  BbImportMissingPosition missing_position;
  char           *source_name;

  GHashTable     *category_map;     /* value → category id, "" for none */
  GHashTable     *chosen_values;    /* values mapped by the user: remembered */
  GHashTable     *remembered_categories; /* value → category id, from the station */
  GHashTable     *category_by_key;  /* code, name (lower case) → id */
};

/* bb-import-layouts.c: a column's name as the layouts know it (lower
 * case, trimmed); the layout a header is (a GeoJSON file is GeoJSON); the
 * Beatbook category code of a known layout's category value, or NULL. */
char          *bb_import_column_key     (const char *name);
BbImportFormat bb_import_detect_format  (GPtrArray  *columns,
                                         gboolean    geojson);
const char    *bb_import_known_category (const char *key);

/* The category a value stands for (id) or NULL, remembered in
 * category_map. */
const char *bb_import_resolve_category (BbImport *self,
                                        const char *value);
/* Loads the station's categories and memories; with the store locked. */
gboolean    bb_import_load_station     (BbImport  *self,
                                        GError   **error);
/* Saves the mapping and chosen categories; inside the import's transaction. */
gboolean    bb_import_remember         (BbImport  *self,
                                        GError   **error);
int         bb_import_find_field       (BbImport      *self,
                                        BbImportField  field);

/* The writing side of an import (bb-import-bulk.c): rows go into the
 * station in batches inside the caller's transaction; the issues of the
 * rows are kept with them and reach the report in the file's order when
 * their batch is written. */
typedef struct _BbImportBulk BbImportBulk;

typedef struct {
  guint64     line;
  char        id[37];
  const char *category_id;         /* the rest copied, these kept as they are */
  const char *status;              /* a static string */
  gint64      occurred_start;
  gint64      occurred_end;        /* BB_UNSET_TIME for none */
  gint64      reported_at;         /* BB_UNSET_TIME for none */
  double      lat;
  double      lon;
  gboolean    has_position;
  gboolean    time_unknown;
  gboolean    restricted;
  const char *district_id;
  const char *address;
  const char *description;
  const char *external_id;
  const char *fingerprint;
} BbImportBulkRow;

/* Texts kept one after the other in a GString, each with its NUL, and
 * found again by offset (BB_IMPORT_NO_TEXT for NULL); the GString may
 * grow between the two. */
#define BB_IMPORT_NO_TEXT G_MAXSIZE
gsize         bb_import_keep_text   (GString               *texts,
                                     const char            *text);
const char   *bb_import_kept_text   (GString               *texts,
                                     gsize                  offset);

/* Sets the incident table's insert triggers and (for an import of
 * @n_rows, larger than the station) its secondary indexes aside. */
BbImportBulk *bb_import_bulk_begin  (BbStore               *store,
                                     BbImportReport        *report,
                                     guint64                n_rows,
                                     GError               **error);
/* @note: the note the row gets if it is imported (not a duplicate). */
gboolean      bb_import_bulk_add    (BbImportBulk          *bulk,
                                     const BbImportBulkRow *row,
                                     const char            *note,
                                     GError               **error);
/* Whether the station has the incident @id (rows still waiting in the
 * bulk's batch are not counted). */
gboolean      bb_import_bulk_has_incident (BbImportBulk    *bulk,
                                           const char      *id,
                                           gboolean        *found,
                                           GError         **error);
void          bb_import_bulk_issue  (BbImportBulk          *bulk,
                                     guint64                line,
                                     const char            *column,
                                     gboolean               skipped,
                                     const char            *message);
/* The share of an import's time its rows take, for its progress: about
 * half when the indexes were set aside (building them and the search
 * index takes the rest), nearly all otherwise and in a trial (which
 * builds neither). */
double        bb_import_bulk_get_rows_share (BbImportBulk     *bulk);
/* Writes the last rows, the search index, puts the triggers and indexes
 * back; tells @progress (if not NULL) after each step, from the rows'
 * share on, up to just below 1 (the commit is left).  A trial (the
 * report's dry_run) stops after the rows: its rollback puts the rest
 * back. */
gboolean      bb_import_bulk_finish (BbImportBulk          *bulk,
                                     BbImportProgressFunc   progress,
                                     gpointer               progress_data,
                                     GError               **error);
/* After the commit or rollback: the connection's settings as they were. */
void          bb_import_bulk_free   (BbImportBulk          *bulk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbImportBulk, bb_import_bulk_free)

/* bb-import-pipe.c: the rows of an import are read and checked on a
 * thread of their own (the read function, which sends them through the
 * pipe) while the calling thread, which holds the transaction, writes the
 * rows before them into the bulk writer in the file's order.  Only the
 * writing thread uses the connection: the lookups of rows the station may
 * have already happen there. */
typedef struct _BbImportPipe BbImportPipe;

typedef enum {
  BB_IMPORT_LOOKUP_NONE,
  BB_IMPORT_LOOKUP_ID,            /* an incident of the station with this id */
  BB_IMPORT_LOOKUP_FINGERPRINT,   /* an incident with this content fingerprint */
} BbImportLookup;

/* On the reading thread: FALSE with @error when the import must stop. */
typedef gboolean (*BbImportPipeReadFunc)   (BbImportPipe    *pipe,
                                            gpointer         data,
                                            GError         **error);
/* On the writing thread: @found when the station has the row already. */
typedef gboolean (*BbImportPipeLookupFunc) (gpointer         data,
                                            BbImportLookup   lookup,
                                            const char      *key,
                                            gboolean        *found,
                                            GError         **error);

/* Runs @read on its own thread and writes what it sends; the report's
 * counts are kept here.  FALSE with @error when the reading or the
 * writing failed or @cancellable was cancelled.  The reading thread has
 * ended when it returns. */
gboolean  bb_import_pipe_run      (BbImportBulk            *bulk,
                                   BbImportReport          *report,
                                   BbImportPipeReadFunc     read,
                                   BbImportPipeLookupFunc   lookup,
                                   gpointer                 data,
                                   GCancellable            *cancellable,
                                   BbImportProgressFunc     progress,
                                   gpointer                 progress_data,
                                   GError                 **error);
/* The reading side.  An issue of a row, as bb_import_bulk_issue. */
void      bb_import_pipe_issue    (BbImportPipe            *pipe,
                                   guint64                  line,
                                   const char              *column,
                                   gboolean                 skipped,
                                   const char              *message);
/* A row to write, as bb_import_bulk_add, unless @lookup finds @key (a
 * duplicate).  Its texts are copied. */
void      bb_import_pipe_row      (BbImportPipe            *pipe,
                                   const BbImportBulkRow   *row,
                                   const char              *note,
                                   BbImportLookup           lookup,
                                   const char              *key);
/* A row skipped for @message, unless @lookup finds @key (a duplicate). */
void      bb_import_pipe_skip     (BbImportPipe            *pipe,
                                   guint64                  line,
                                   BbImportLookup           lookup,
                                   const char              *key,
                                   const char              *message);
/* After each row read; FALSE when the writer stopped and the reading
 * should stop too (returning TRUE). */
gboolean  bb_import_pipe_row_done (BbImportPipe            *pipe,
                                   BbImportSource          *source);

gboolean      bb_import_exec        (BbStore               *store,
                                     const char            *sql,
                                     GError               **error);

G_END_DECLS
