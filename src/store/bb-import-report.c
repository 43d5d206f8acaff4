/* bb-import-report.c: what an import did or would do, row by row where it matters */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-report"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "bb-import-report.h"

G_DEFINE_BOXED_TYPE (BbImportReport, bb_import_report, bb_import_report_copy, bb_import_report_free)

static void
issue_free (BbImportIssue *issue)
{
  g_free (issue->column);
  g_free (issue->message);
  g_free (issue);
}

static BbImportIssue *
issue_copy (const BbImportIssue *issue,
            gpointer             unused)
{
  BbImportIssue *copy = g_new0 (BbImportIssue, 1);

  copy->line = issue->line;
  copy->column = g_strdup (issue->column);
  copy->message = g_strdup (issue->message);
  copy->skipped = issue->skipped;
  return copy;
}

BbImportReport *
bb_import_report_new (const char *file_name)
{
  BbImportReport *self = g_new0 (BbImportReport, 1);

  self->file_name = g_strdup (file_name);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  return self;
}

BbImportReport *
bb_import_report_copy (const BbImportReport *self)
{
  BbImportReport *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (BbImportReport, 1);
  *copy = *self;
  copy->file_name = g_strdup (self->file_name);
  copy->issues = g_ptr_array_copy (self->issues, (GCopyFunc) issue_copy, NULL);
  g_ptr_array_set_free_func (copy->issues, (GDestroyNotify) issue_free);
  copy->unmapped_categories = g_strdupv (self->unmapped_categories);
  return copy;
}

void
bb_import_report_free (BbImportReport *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_ptr_array_unref (self->issues);
  g_strfreev (self->unmapped_categories);
  g_free (self);
}

void
bb_import_report_add_issue (BbImportReport *self,
                            guint64         line,
                            const char     *column,
                            gboolean        skipped,
                            const char     *message)
{
  BbImportIssue *issue;

  g_return_if_fail (self != NULL);
  g_return_if_fail (message != NULL);

  self->n_issues++;
  if (self->issues->len >= BB_IMPORT_REPORT_MAX_ISSUES)
    return;
  issue = g_new0 (BbImportIssue, 1);
  issue->line = line;
  issue->column = g_strdup (column);
  issue->message = g_strdup (message);
  issue->skipped = skipped;
  g_ptr_array_add (self->issues, issue);
}

void
bb_import_report_add_line_issue (BbImportReport *self,
                                 guint64         line,
                                 const char     *column,
                                 gboolean        skipped,
                                 const char     *detail)
{
  g_autofree char *message = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (detail != NULL);

  if (column != NULL)
    /* Translators: file, line, column name, what is wrong */
    message = g_strdup_printf (_("%s, line %llu, column “%s”: %s"),
                               self->file_name, (unsigned long long) line, column, detail);
  else
    message = g_strdup_printf (_("%s, line %llu: %s"), self->file_name, (unsigned long long) line, detail);
  bb_import_report_add_issue (self, line, column, skipped, message);
  if (skipped)
    self->skipped++;
}

char *
bb_import_report_to_text (const BbImportReport *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (text, self->dry_run ? _("Trial import of %s (nothing was changed)\n")
                                              : _("Import of %s\n"),
                          self->file_name);
  g_string_append_printf (text, _("  rows read:             %" PRIu64 "\n"), self->rows_read);
  g_string_append_printf (text, self->dry_run ? _("  would be imported:     %" PRIu64 "\n")
                                              : _("  imported:              %" PRIu64 "\n"),
                          self->imported);
  if (!self->no_positions)
    g_string_append_printf (text, _("  without a position:    %" PRIu64 "\n"), self->without_position);
  g_string_append_printf (text, _("  already in the station: %" PRIu64 "\n"), self->duplicates);
  g_string_append_printf (text, _("  skipped:               %" PRIu64 "\n"), self->skipped);

  if (self->unmapped_categories != NULL && self->unmapped_categories[0] != NULL)
    {
      g_string_append (text, _("Category values with no Beatbook category (their rows were skipped):\n"));
      for (guint i = 0; self->unmapped_categories[i] != NULL; i++)
        g_string_append_printf (text, "  “%s”\n", self->unmapped_categories[i]);
    }

  if (self->issues->len > 0)
    {
      g_string_append (text, _("Rows by line:\n"));
      for (guint i = 0; i < self->issues->len; i++)
        {
          const BbImportIssue *issue = g_ptr_array_index (self->issues, i);

          g_string_append_printf (text, "  %s %s\n", issue->skipped ? _("skipped:") : _("note:"), issue->message);
        }
      if (self->n_issues > self->issues->len)
        g_string_append_printf (text, _("  … and %" PRIu64 " more\n"),
                                self->n_issues - self->issues->len);
    }
  return g_string_free (text, FALSE);
}
