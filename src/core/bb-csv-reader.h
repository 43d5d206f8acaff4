/* bb-csv-reader.h: a streaming reader of CSV/TSV files as they come from the field */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_CSV_ERROR (bb_csv_error_quark ())

typedef enum {
  BB_CSV_ERROR_OPEN,        /* the file cannot be opened or read */
  BB_CSV_ERROR_ENCODING,    /* bytes that are not text in the file's encoding */
  BB_CSV_ERROR_TOO_LONG,    /* a record longer than any real one (runaway quote) */
} BbCsvError;

GQuark bb_csv_error_quark (void);

typedef struct _BbCsvReader BbCsvReader;

/* Opens @path.  @encoding is an iconv name ("UTF-8", "WINDOWS-1251", …)
 * or NULL to detect it; @separator is ',', ';' or '\t', or 0 to detect
 * it from the first record.  Records are read one at a time, so a file of
 * any size takes little memory. */
BbCsvReader *bb_csv_reader_new        (const char   *path,
                                       const char   *encoding,
                                       char          separator,
                                       GError      **error);
void         bb_csv_reader_free       (BbCsvReader  *self);

const char  *bb_csv_reader_get_encoding  (BbCsvReader *self);
gboolean     bb_csv_reader_get_had_bom   (BbCsvReader *self);
char         bb_csv_reader_get_separator (BbCsvReader *self);
/* The file's name as it may be shown. */
const char  *bb_csv_reader_get_display_name (BbCsvReader *self);

/* Reads the next record; FALSE at the end of the file (with @error unset)
 * or on an error.  Empty lines are passed over. */
gboolean     bb_csv_reader_next       (BbCsvReader  *self,
                                       GError      **error);
guint        bb_csv_reader_get_n_fields  (BbCsvReader *self);
/* The field as UTF-8 text, valid until the next call of _next; "" past the
 * last field. */
const char  *bb_csv_reader_get_field     (BbCsvReader *self,
                                          guint        index);
gsize        bb_csv_reader_get_field_length (BbCsvReader *self,
                                             guint        index);
/* The line of the file where the current record starts (from 1). */
guint64      bb_csv_reader_get_line      (BbCsvReader *self);
/* TRUE when the current record is the last one and the file ends inside
 * one of its quoted fields: the file was cut short. */
gboolean     bb_csv_reader_is_truncated  (BbCsvReader *self);
/* How far through the file the reader is, 0…1. */
double       bb_csv_reader_get_fraction  (BbCsvReader *self);

/* The encoding of a file that starts with @data: "UTF-8" (with
 * *@bom_length set to the byte-order mark's length), "UTF-16LE",
 * "UTF-16BE", or for bytes that are not UTF-8 a guess among the legacy
 * encodings of the field: "WINDOWS-1251" (Cyrillic), "WINDOWS-1254"
 * (Turkish, Azerbaijani Latin) and "WINDOWS-1252" (Western Latin). */
const char  *bb_csv_guess_encoding    (const guchar *data,
                                       gsize         length,
                                       gboolean      complete,
                                       gsize        *bom_length);
/* The separator of the record starting at @text: the one among ',', ';'
 * and tab that occurs most often outside quotes (',' when none does). */
char         bb_csv_guess_separator   (const char   *text,
                                       gsize         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbCsvReader, bb_csv_reader_free)

G_END_DECLS
