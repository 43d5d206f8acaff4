/* bb-import-report-view.c: an import's report as the import dialogs show it: its counts, the category values it could not place, its rows line by line */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-report-view.h"
#include "bb-station-summary.h"

struct _BbImportReportView {
  AdwBin               parent_instance;

  char                *text;              /* the report shown, as plain text */
  GArray              *skipped;           /* gboolean, of each row by line */

  GtkLabel            *headline;
  AdwPreferencesGroup *counts_group;
  GtkButton           *copy_button;
  AdwActionRow        *imported_row;
  AdwActionRow        *unplaced_row;
  AdwActionRow        *skipped_row;
  GtkLabel            *read_label;
  GtkLabel            *imported_label;
  GtkLabel            *unplaced_label;
  GtkLabel            *duplicates_label;
  GtkLabel            *skipped_label;
  GtkWidget           *unmapped_group;
  GtkListBox          *unmapped_list;
  GtkWidget           *issues_group;
  GtkListView         *issues_list;
};

G_DEFINE_FINAL_TYPE (BbImportReportView, bb_import_report_view, ADW_TYPE_BIN)

static char *
headline_text (const BbImportReport *report)
{
  g_autofree char *imported = bb_format_count ((gint64) report->imported);
  g_autofree char *read = bb_format_count ((gint64) report->rows_read);
  g_autofree char *other = bb_format_count ((gint64) (report->skipped + report->duplicates));
  char *text;

  if (report->imported == 0)
    /* Translators: the rows read from the file */
    text = g_strdup_printf (_("None of the %s rows can be imported. The list below says why."), read);
  else if (!report->dry_run)
    /* Translators: "1,180 of 1,204 rows were imported." */
    text = g_strdup_printf (_("%s of %s rows were imported."), imported, read);
  else if (report->skipped + report->duplicates == 0)
    /* Translators: the rows read from the file */
    text = g_strdup_printf (_("All %s rows will be imported. Nothing is written until you choose Import."), read);
  else
    /* Translators: "1,180 of 1,204 rows will be imported; 24 will not (see below)." */
    text = g_strdup_printf (_("%s of %s rows will be imported; %s will not (see below). Nothing is written until you choose Import."),
                            imported, read, other);
  return text;
}

static void
show_count (GtkLabel *label,
            guint64   count)
{
  g_autofree char *text = bb_format_count ((gint64) count);

  gtk_label_set_label (label, text);
  if (count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static GtkWidget *
unmapped_row (gpointer item,
              gpointer data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_string_object_get_string (item));
  return row;
}

/* A row by line: its outcome (Skipped, or Imported) and what was found. */
static void
issue_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (tag), 0);
  gtk_label_set_width_chars (GTK_LABEL (tag), 9);
  gtk_widget_set_valign (tag, GTK_ALIGN_START);
  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  /* The list measures its rows before they know their width: a label that
   * asks for no more than it gets keeps their heights near the truth. */
  gtk_label_set_max_width_chars (GTK_LABEL (message), 60);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
issue_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               BbImportReportView       *self)
{
  GtkWidget *tag = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint position = gtk_list_item_get_position (item);
  gboolean skipped = position < self->skipped->len && g_array_index (self->skipped, gboolean, position);

  gtk_label_set_label (GTK_LABEL (tag), skipped ? _("Skipped") : _("Imported"));
  gtk_widget_remove_css_class (tag, skipped ? "dim-label" : "error");
  gtk_widget_add_css_class (tag, skipped ? "error" : "dim-label");
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (tag)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
show_issues (BbImportReportView   *self,
             const BbImportReport *report)
{
  g_autoptr(GtkStringList) messages = gtk_string_list_new (NULL);
  g_autofree char *description = NULL;

  g_array_set_size (self->skipped, 0);
  for (guint i = 0; i < report->issues->len; i++)
    {
      const BbImportIssue *issue = g_ptr_array_index (report->issues, i);

      gtk_string_list_append (messages, issue->message);
      g_array_append_val (self->skipped, issue->skipped);
    }
  if (report->n_issues > report->issues->len)
    {
      g_autofree char *listed = bb_format_count ((gint64) report->issues->len);
      g_autofree char *all = bb_format_count ((gint64) report->n_issues);

      /* Translators: "The first 1,000 of 9,000 are listed." */
      description = g_strdup_printf (_("The first %s of %s are listed."), listed, all);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->issues_group), description);
  gtk_list_view_set_model (self->issues_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&messages)))));
  gtk_widget_set_visible (self->issues_group, report->issues->len > 0);
}

void
bb_import_report_view_set_report (BbImportReportView   *self,
                                  const BbImportReport *report)
{
  g_autoptr(GtkStringList) unmapped = NULL;
  g_autofree char *headline = NULL;
  gint64 began = g_get_monotonic_time ();

  g_return_if_fail (BB_IS_IMPORT_REPORT_VIEW (self));
  g_return_if_fail (report != NULL);

  gtk_button_set_icon_name (self->copy_button, "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copy the report as text"));
  g_free (self->text);
  self->text = bb_import_report_to_text (report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", TRUE);
  headline = headline_text (report);
  gtk_label_set_label (self->headline, headline);
  adw_preferences_group_set_title (self->counts_group, report->file_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->imported_row),
                                 report->dry_run ? _("Would be imported") : _("Imported"));
  adw_action_row_set_subtitle (self->skipped_row,
                               report->skipped > 0 ? _("Not imported; the rows below say why") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->unplaced_row), !report->no_positions);
  show_count (self->read_label, report->rows_read);
  show_count (self->imported_label, report->imported);
  show_count (self->unplaced_label, report->without_position);
  show_count (self->duplicates_label, report->duplicates);
  show_count (self->skipped_label, report->skipped);

  unmapped = gtk_string_list_new ((const char * const *) report->unmapped_categories);
  gtk_list_box_bind_model (self->unmapped_list, G_LIST_MODEL (unmapped), unmapped_row, NULL, NULL);
  gtk_widget_set_visible (self->unmapped_group, g_list_model_get_n_items (G_LIST_MODEL (unmapped)) > 0);

  show_issues (self, report);
  g_debug ("A report of %u rows by line shown in %.3f s", report->issues->len,
           (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC);
}

const char *
bb_import_report_view_get_text (BbImportReportView *self)
{
  g_return_val_if_fail (BB_IS_IMPORT_REPORT_VIEW (self), NULL);

  return self->text;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbImportReportView *self = BB_IMPORT_REPORT_VIEW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text);
  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copied"));
}

static void
bb_import_report_view_finalize (GObject *object)
{
  BbImportReportView *self = BB_IMPORT_REPORT_VIEW (object);

  g_free (self->text);
  g_array_unref (self->skipped);
  G_OBJECT_CLASS (bb_import_report_view_parent_class)->finalize (object);
}

static void
bb_import_report_view_class_init (BbImportReportViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = bb_import_report_view_finalize;
  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-import-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, headline);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, counts_group);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, imported_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, unplaced_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, skipped_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, read_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, imported_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, unplaced_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, unmapped_group);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, unmapped_list);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, issues_group);
  gtk_widget_class_bind_template_child (widget_class, BbImportReportView, issues_list);
}

static void
bb_import_report_view_init (BbImportReportView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* until there is a report to copy */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", FALSE);
  self->skipped = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_signal_connect (factory, "setup", G_CALLBACK (issue_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (issue_bind_cb), self);
  gtk_list_view_set_factory (self->issues_list, factory);
  g_object_unref (factory);
  gtk_widget_set_visible (self->unmapped_group, FALSE);
  gtk_widget_set_visible (self->issues_group, FALSE);
}

GtkWidget *
bb_import_report_view_new (void)
{
  return g_object_new (BB_TYPE_IMPORT_REPORT_VIEW, NULL);
}
