/* bb-import-report-view.c: an import's report as the import dialogs show it: its counts, the category values it could not place, its rows line by line */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-report-view.h"
#include "bb-station-summary.h"

struct _BbImportReportView {
  AdwBin     parent_instance;

  GtkBox    *box;          /* the groups of the report shown */
  char      *text;         /* that report as plain text */
};

G_DEFINE_FINAL_TYPE (BbImportReportView, bb_import_report_view, ADW_TYPE_BIN)

static void
add_count (AdwPreferencesGroup *group,
           const char          *title,
           const char          *subtitle,
           guint64              count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = bb_format_count ((gint64) count);
  GtkWidget *value = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (value, "numeric");
  if (count == 0)
    gtk_widget_add_css_class (value, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
}

static void
copy_clicked_cb (GtkButton          *button,
                 BbImportReportView *self)
{
  if (self->text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text);
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

static GtkWidget *
headline (const BbImportReport *report)
{
  g_autofree char *imported = bb_format_count ((gint64) report->imported);
  g_autofree char *read = bb_format_count ((gint64) report->rows_read);
  g_autofree char *other = bb_format_count ((gint64) (report->skipped + report->duplicates));
  g_autofree char *text = NULL;
  GtkWidget *label;

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
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static GtkWidget *
counts_group (BbImportReportView   *self,
              const BbImportReport *report)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_group_set_title (group, report->file_name);
  gtk_widget_set_tooltip_text (copy, _("Copy the report as text"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Report"), -1);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, copy);

  add_count (group, _("Rows read"), NULL, report->rows_read);
  add_count (group, report->dry_run ? _("Would be imported") : _("Imported"), NULL, report->imported);
  if (!report->no_positions)
    add_count (group, _("Imported without a position"), _("In the table, not on the map"), report->without_position);
  add_count (group, _("Already in the station"), _("Found by their number in the file, or by the same content"),
             report->duplicates);
  add_count (group, _("Skipped"), report->skipped > 0 ? _("Not imported; the rows below say why") : NULL,
             report->skipped);
  return GTK_WIDGET (group);
}

static GtkWidget *
unmapped_group (const BbImportReport *report)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Category Values With No Beatbook Category"));
  adw_preferences_group_set_description (group, _("Their rows are skipped. Go back to choose a category for each."));
  for (guint i = 0; report->unmapped_categories[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), report->unmapped_categories[i]);
      adw_preferences_group_add (group, row);
    }
  return GTK_WIDGET (group);
}

static GtkWidget *
issue_row (const BbImportIssue *issue)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *tag = gtk_label_new (issue->skipped ? _("Skipped") : _("Imported"));
  GtkWidget *message = gtk_label_new (issue->message);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (tag), 0);
  gtk_label_set_width_chars (GTK_LABEL (tag), 9);
  gtk_widget_set_valign (tag, GTK_ALIGN_START);
  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_add_css_class (tag, issue->skipped ? "error" : "dim-label");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), message);
  return box;
}

static GtkWidget *
issues_group (const BbImportReport *report)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *list = gtk_list_box_new ();

  adw_preferences_group_set_title (group, _("Rows by Line"));
  if (report->n_issues > report->issues->len)
    {
      g_autofree char *listed = bb_format_count ((gint64) report->issues->len);
      g_autofree char *all = bb_format_count ((gint64) report->n_issues);
      g_autofree char *description = NULL;

      /* Translators: "The first 1,000 of 9,000 are listed." */
      description = g_strdup_printf (_("The first %s of %s are listed."), listed, all);
      adw_preferences_group_set_description (group, description);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < report->issues->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), issue_row (g_ptr_array_index (report->issues, i)));
  adw_preferences_group_add (group, list);
  return GTK_WIDGET (group);
}

void
bb_import_report_view_set_report (BbImportReportView   *self,
                                  const BbImportReport *report)
{
  GtkWidget *child;
  gint64 began = g_get_monotonic_time ();

  g_return_if_fail (BB_IS_IMPORT_REPORT_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_clear_pointer (&self->text, g_free);
  if (report == NULL)
    return;

  self->text = bb_import_report_to_text (report);
  gtk_box_append (self->box, headline (report));
  gtk_box_append (self->box, counts_group (self, report));
  if (report->unmapped_categories != NULL && report->unmapped_categories[0] != NULL)
    gtk_box_append (self->box, unmapped_group (report));
  if (report->issues->len > 0)
    gtk_box_append (self->box, issues_group (report));
  g_debug ("A report of %u rows by line built in %.3f s", report->issues->len,
           (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC);
}

const char *
bb_import_report_view_get_text (BbImportReportView *self)
{
  g_return_val_if_fail (BB_IS_IMPORT_REPORT_VIEW (self), NULL);

  return self->text;
}

static void
bb_import_report_view_finalize (GObject *object)
{
  BbImportReportView *self = BB_IMPORT_REPORT_VIEW (object);

  g_free (self->text);
  G_OBJECT_CLASS (bb_import_report_view_parent_class)->finalize (object);
}

static void
bb_import_report_view_class_init (BbImportReportViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_import_report_view_finalize;
}

static void
bb_import_report_view_init (BbImportReportView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 2);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 2);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

GtkWidget *
bb_import_report_view_new (void)
{
  return g_object_new (BB_TYPE_IMPORT_REPORT_VIEW, NULL);
}
