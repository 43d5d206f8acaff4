/* bb-analyse-table.h: the rows of the headless analyses' input CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-geo.h"

G_BEGIN_DECLS

/* The rows of the input, positions in metres. */
typedef struct {
  const char        *path;
  gsize              n;
  GArray            *x, *y;         /* double, metres */
  GArray            *value;         /* double, or NULL without a value column */
  GArray            *days;          /* double, or NULL without a time column */
  GArray            *line;          /* guint, the row's line in the file */
  gboolean           lonlat;
  BbLocalProjection  projection;
  double             min_x, min_y, max_x, max_y;
} BbAnalyseTable;

#define BB_ANALYSE_COL(array, i) g_array_index ((array), double, (i))

/* @text, all of it, as a finite number in C notation ("1.5", "-3e2"). */
gboolean bb_analyse_parse_number (const char      *text,
                                  double          *value);

/* Reads @path: a header with "x" and "y" (metres) or "lon" and "lat"
 * (degrees; required when @want_lonlat), and optionally "value" and
 * "time"; every row checked, the extent found.  Errors name the file,
 * the line and the column (BB_ANALYSE_CLI_ERROR_INPUT). */
gboolean bb_analyse_table_read   (const char      *path,
                                  gboolean         want_lonlat,
                                  BbAnalyseTable  *t,
                                  GError         **error);
void     bb_analyse_table_clear  (BbAnalyseTable  *t);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BbAnalyseTable, bb_analyse_table_clear)

G_END_DECLS
