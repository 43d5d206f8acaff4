/* bb-aggregate-import.c: published survey tables in long form: date; area; measure; proportion */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-aggregate-import"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-aggregate-import-private.h"
#include "bb-import-private.h"
#include "bb-store-private.h"
#include "bb-table-rows.h"

static void table_import_iface_init (BbTableImportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BbAggregateImport, bb_aggregate_import, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BB_TYPE_TABLE_IMPORT, table_import_iface_init))

static const char * const target_labels[BB_AGGREGATE_N_COLUMNS] = {
  [BB_AGGREGATE_COLUMN_IGNORE] = N_("Not imported"),
  [BB_AGGREGATE_COLUMN_DATE] = N_("Date"),
  [BB_AGGREGATE_COLUMN_AREA] = N_("Area"),
  [BB_AGGREGATE_COLUMN_MEASURE] = N_("Measure"),
  [BB_AGGREGATE_COLUMN_PROPORTION] = N_("Proportion"),
  [BB_AGGREGATE_COLUMN_RESPONDENTS] = N_("Respondents"),
};

/* Column names of published tables, in the languages of the field. */
static const struct {
  const char        *name;
  BbAggregateColumn  column;
} synonyms[] = {
  { "date", BB_AGGREGATE_COLUMN_DATE }, { "datum", BB_AGGREGATE_COLUMN_DATE },
  { "period", BB_AGGREGATE_COLUMN_DATE }, { "year", BB_AGGREGATE_COLUMN_DATE },
  { "time", BB_AGGREGATE_COLUMN_DATE }, { "дата", BB_AGGREGATE_COLUMN_DATE },
  { "период", BB_AGGREGATE_COLUMN_DATE }, { "data", BB_AGGREGATE_COLUMN_DATE },
  { "area", BB_AGGREGATE_COLUMN_AREA }, { "district", BB_AGGREGATE_COLUMN_AREA },
  { "zone", BB_AGGREGATE_COLUMN_AREA }, { "neighbourhood", BB_AGGREGATE_COLUMN_AREA },
  { "neighborhood", BB_AGGREGATE_COLUMN_AREA }, { "region", BB_AGGREGATE_COLUMN_AREA },
  { "gebied", BB_AGGREGATE_COLUMN_AREA }, { "wijk", BB_AGGREGATE_COLUMN_AREA },
  { "stadsdeel", BB_AGGREGATE_COLUMN_AREA }, { "район", BB_AGGREGATE_COLUMN_AREA },
  { "территория", BB_AGGREGATE_COLUMN_AREA }, { "rajons", BB_AGGREGATE_COLUMN_AREA },
  { "measure", BB_AGGREGATE_COLUMN_MEASURE }, { "indicator", BB_AGGREGATE_COLUMN_MEASURE },
  { "variable", BB_AGGREGATE_COLUMN_MEASURE }, { "question", BB_AGGREGATE_COLUMN_MEASURE },
  { "item", BB_AGGREGATE_COLUMN_MEASURE }, { "maat", BB_AGGREGATE_COLUMN_MEASURE },
  { "indicatorname", BB_AGGREGATE_COLUMN_MEASURE }, { "показатель", BB_AGGREGATE_COLUMN_MEASURE },
  { "rādītājs", BB_AGGREGATE_COLUMN_MEASURE },
  { "proportion", BB_AGGREGATE_COLUMN_PROPORTION }, { "share", BB_AGGREGATE_COLUMN_PROPORTION },
  { "value", BB_AGGREGATE_COLUMN_PROPORTION }, { "percent", BB_AGGREGATE_COLUMN_PROPORTION },
  { "percentage", BB_AGGREGATE_COLUMN_PROPORTION }, { "%", BB_AGGREGATE_COLUMN_PROPORTION },
  { "pct", BB_AGGREGATE_COLUMN_PROPORTION }, { "waarde", BB_AGGREGATE_COLUMN_PROPORTION },
  { "aandeel", BB_AGGREGATE_COLUMN_PROPORTION }, { "доля", BB_AGGREGATE_COLUMN_PROPORTION },
  { "значение", BB_AGGREGATE_COLUMN_PROPORTION }, { "vērtība", BB_AGGREGATE_COLUMN_PROPORTION },
  { "n", BB_AGGREGATE_COLUMN_RESPONDENTS }, { "respondents", BB_AGGREGATE_COLUMN_RESPONDENTS },
  { "sample", BB_AGGREGATE_COLUMN_RESPONDENTS }, { "sample_size", BB_AGGREGATE_COLUMN_RESPONDENTS },
  { "base", BB_AGGREGATE_COLUMN_RESPONDENTS }, { "count", BB_AGGREGATE_COLUMN_RESPONDENTS },
  { "respondenten", BB_AGGREGATE_COLUMN_RESPONDENTS }, { "респонденты", BB_AGGREGATE_COLUMN_RESPONDENTS },
};

static void
bb_aggregate_import_finalize (GObject *object)
{
  BbAggregateImport *self = BB_AGGREGATE_IMPORT (object);

  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->source_name);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_free (self->encoding);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, g_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_aggregate_import_parent_class)->finalize (object);
}

static void
bb_aggregate_import_class_init (BbAggregateImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_aggregate_import_finalize;
}

static void
bb_aggregate_import_init (BbAggregateImport *self)
{
  self->separator = ',';
  self->mapping = g_array_new (FALSE, TRUE, sizeof (guint));
  self->targets = g_ptr_array_new ();
  for (guint i = 0; i < BB_AGGREGATE_N_COLUMNS; i++)
    g_ptr_array_add (self->targets, (gpointer) _(target_labels[i]));
}

const char *
bb_aggregate_import_target_label (BbAggregateColumn column)
{
  g_return_val_if_fail (column < BB_AGGREGATE_N_COLUMNS, NULL);
  return _(target_labels[column]);
}

BbAggregateImport *
bb_aggregate_import_new (BbStore    *store,
                         const char *path,
                         const char *source_name)
{
  BbAggregateImport *self;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BB_TYPE_AGGREGATE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  if (source_name != NULL && *source_name != '\0')
    self->source_name = g_strdup (source_name);
  else
    {
      const char *dot = strrchr (self->display_name, '.');

      self->source_name = dot != NULL && dot != self->display_name
                          ? g_strndup (self->display_name, dot - self->display_name)
                          : g_strdup (self->display_name);
    }
  return self;
}

const char *
bb_aggregate_import_get_source_name (BbAggregateImport *self)
{
  g_return_val_if_fail (BB_IS_AGGREGATE_IMPORT (self), NULL);
  return self->source_name;
}

gboolean
bb_aggregate_import_get_percent (BbAggregateImport *self)
{
  g_return_val_if_fail (BB_IS_AGGREGATE_IMPORT (self), FALSE);
  return self->percent;
}

int
bb_aggregate_import_find_column (BbAggregateImport *self,
             BbAggregateColumn  kind)
{
  for (guint i = 0; i < self->mapping->len; i++)
    if (g_array_index (self->mapping, guint, i) == kind)
      return (int) i;
  return -1;
}

/* Reading values ------------------------------------------------------------ */

/* "0,452", "45,2 %", "45.2%": the number, and whether it said "%". */
gboolean
bb_aggregate_import_read_proportion (const char *text,
                 double     *value,
                 gboolean   *percent_sign)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gsize len = strlen (trimmed);

  *percent_sign = FALSE;
  if (len > 0 && trimmed[len - 1] == '%')
    {
      trimmed[len - 1] = '\0';
      g_strstrip (trimmed);
      *percent_sign = TRUE;
    }
  return bb_import_parse_number (trimmed, value) && isfinite (*value);
}

/* The first day of the period a table names: a date, a month, "03.2019",
 * a quarter ("2019 Q3", "2019-Q3", "Q3 2019") or a year. */
gboolean
bb_aggregate_import_read_period (const char   *text,
             BbDateOrder   order,
             char          out[11],
             gboolean     *ambiguous)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  BbImportDate date;
  guint y, m, q;
  char tail;

  *ambiguous = FALSE;
  if (sscanf (t, "%4u%c", &y, &tail) == 1 && strlen (t) == 4 && y >= 1900 && y <= 2200)
    {
      g_snprintf (out, 11, "%04u-01-01", y);
      return TRUE;
    }
  if ((sscanf (t, "%4u Q%1u%c", &y, &q, &tail) == 2 || sscanf (t, "%4u-Q%1u%c", &y, &q, &tail) == 2
       || sscanf (t, "Q%1u %4u%c", &q, &y, &tail) == 2 || sscanf (t, "%4uQ%1u%c", &y, &q, &tail) == 2)
      && q >= 1 && q <= 4 && y >= 1900 && y <= 2200)
    {
      g_snprintf (out, 11, "%04u-%02u-01", y, (q - 1) * 3 + 1);
      return TRUE;
    }
  if ((sscanf (t, "%2u.%4u%c", &m, &y, &tail) == 2 || sscanf (t, "%2u/%4u%c", &m, &y, &tail) == 2)
      && m >= 1 && m <= 12 && y >= 1900 && y <= 2200 && strlen (t) >= 6 && strlen (t) <= 7)
    {
      g_snprintf (out, 11, "%04u-%02u-01", y, m);
      return TRUE;
    }
  switch (bb_import_parse_date (t, order, &date))
    {
    case BB_DATE_PARSE_OK:
      g_snprintf (out, 11, "%04d-%02d-%02d", date.year, date.month, date.day);
      return TRUE;
    case BB_DATE_PARSE_AMBIGUOUS:
      *ambiguous = TRUE;
      return FALSE;
    case BB_DATE_PARSE_INVALID:
    default:
      return FALSE;
    }
}

/* The preview ----------------------------------------------------------------- */

/* How the proportions of a file are written: fractions or percentages. */
typedef struct {
  int      proportion_column;
  guint64  above_one, up_to_one;
  gboolean any_percent_sign;
} ProportionScan;

static void
scan_proportion (BbImportSource *source,
                 gpointer        data)
{
  ProportionScan *scan = data;
  double value;
  gboolean sign;

  if (scan->proportion_column < 0
      || !bb_aggregate_import_read_proportion (bb_import_source_get (source, scan->proportion_column), &value, &sign))
    return;
  if (value > 1.0)
    scan->above_one++;
  else
    scan->up_to_one++;
  scan->any_percent_sign |= sign;
}

gboolean
bb_aggregate_import_preview (BbTableImport  *iface,
         guint           n_rows,
         GCancellable   *cancellable,
         GError        **error)
{
  BbAggregateImport *self = BB_AGGREGATE_IMPORT (iface);
  g_autoptr(BbImportSource) source = NULL;
  GPtrArray *columns;
  int date_column, proportion_column;
  ProportionScan scan = { 0 };
  guint64 rows = 0;

  source = bb_import_source_open (self->path, NULL, 0, error);
  if (source == NULL)
    return FALSE;
  if (bb_import_source_is_geojson (source))
    {
      g_set_error (error, BB_IMPORT_ERROR, BB_IMPORT_ERROR_FORMAT,
                   _("%s is a map file, not a table of survey figures"), self->display_name);
      return FALSE;
    }
  g_free (self->encoding);
  self->encoding = g_strdup (bb_import_source_get_encoding (source));
  self->separator = bb_import_source_get_separator (source);
  columns = bb_import_source_get_columns (source);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  g_array_set_size (self->mapping, columns->len);
  for (guint c = 0; c < columns->len; c++)
    {
      g_autofree char *key = bb_table_import_column_key (g_ptr_array_index (columns, c));

      g_ptr_array_add (self->columns, g_strdup (g_ptr_array_index (columns, c)));
      g_array_index (self->mapping, guint, c) = BB_AGGREGATE_COLUMN_IGNORE;
      for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
        if (g_str_equal (key, synonyms[i].name) && bb_aggregate_import_find_column (self, synonyms[i].column) < 0)
          {
            g_array_index (self->mapping, guint, c) = synonyms[i].column;
            break;
          }
    }
  /* The layout the programmes publish: date; area; measure; proportion. */
  if (columns->len >= 4 && bb_aggregate_import_find_column (self, BB_AGGREGATE_COLUMN_DATE) < 0
      && bb_aggregate_import_find_column (self, BB_AGGREGATE_COLUMN_PROPORTION) < 0)
    for (guint c = 0; c < 4; c++)
      g_array_index (self->mapping, guint, c) = BB_AGGREGATE_COLUMN_DATE + c;

  date_column = bb_aggregate_import_find_column (self, BB_AGGREGATE_COLUMN_DATE);
  proportion_column = bb_aggregate_import_find_column (self, BB_AGGREGATE_COLUMN_PROPORTION);
  scan.proportion_column = proportion_column;
  if (!bb_table_rows_preview (source, self->columns->len, n_rows, date_column, &self->vote, &self->preview_rows, &rows,
                              scan_proportion, &scan, cancellable, error))
    return FALSE;
  /* A column of percentages says "%", or most of its values are above 1;
   * a stray 1,7 in a column of proportions is an error to report, not a
   * reason to read 0,62 as 0.62 %. */
  self->percent = scan.any_percent_sign || scan.above_one > scan.up_to_one;
  self->n_rows = rows;
  self->previewed = TRUE;
  if (!self->date_order_chosen)
    self->date_order = bb_date_order_vote_decide (&self->vote, NULL);
  return TRUE;
}

/* The interface --------------------------------------------------------------- */

BB_TABLE_ROWS_DEFINE_FILE_FUNCS (BB_AGGREGATE_IMPORT)

static gboolean
get_mapping_remembered (BbTableImport *iface)
{
  return FALSE;
}

static GPtrArray *
get_targets (BbTableImport *iface)
{
  return BB_AGGREGATE_IMPORT (iface)->targets;
}

static void
set_column_target (BbTableImport *iface,
                   guint          column,
                   guint          target)
{
  BbAggregateImport *self = BB_AGGREGATE_IMPORT (iface);

  g_return_if_fail (column < self->mapping->len);
  g_return_if_fail (target < BB_AGGREGATE_N_COLUMNS);
  g_array_index (self->mapping, guint, column) = target;
}

static void
table_import_iface_init (BbTableImportInterface *iface)
{
  iface->get_store = get_store;
  iface->get_path = get_path;
  iface->preview = bb_aggregate_import_preview;
  iface->get_encoding = get_encoding;
  iface->get_separator = get_separator;
  iface->get_n_rows = get_n_rows;
  iface->get_columns = get_columns;
  iface->get_preview_rows = get_preview_rows;
  iface->get_mapping_remembered = get_mapping_remembered;
  iface->get_targets = get_targets;
  iface->get_column_target = get_column_target;
  iface->set_column_target = set_column_target;
  iface->get_date_order_ambiguous = get_date_order_ambiguous;
  iface->get_date_order = get_date_order;
  iface->set_date_order = set_date_order;
  iface->run = bb_aggregate_import_run;
}
