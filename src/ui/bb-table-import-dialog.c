/* bb-table-import-dialog.c: importing a table (survey responses, published figures): preview, mapping, report */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-table-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-report-view.h"
#include "bb-import-steps.h"

#include "bb-station-summary.h"
#include "bb-table-import-dialog.h"

/* Rows of the file shown under the column choices. */
#define PREVIEW_ROWS 8

struct _BbTableImportDialog
{
  AdwWindow       parent_instance;

  BbTableImport  *import;
  GCancellable   *cancellable;
  BbImportReport *report;
  char           *report_text;
  gboolean        checked;         /* the report is of the mapping shown */
  gboolean        dry_run;

  AdwWindowTitle *window_title;
  GtkWidget      *import_button;
  GtkWidget      *check_button;
  GtkWidget      *back_button;
  GtkStack       *stack;
  AdwStatusPage  *busy_page;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkGrid        *preview_grid;
  AdwComboRow    *date_order_row;
  GtkWidget      *options_group;
  BbImportReportView *report_view;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (BbTableImportDialog, bb_table_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_step (BbTableImportDialog *self,
           const char          *step)
{
  bb_import_steps_show (GTK_WIDGET (self), self->stack, self->check_button, self->back_button, self->import_button,
                        step, self->report != NULL && self->report->imported > 0);
}

static void
show_failure (BbTableImportDialog *self,
              const GError        *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  show_step (self, "error");
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  bb_import_steps_progress (((BbTableImportDialog *) data)->progress_bar, fraction);
}

/* The mapping ----------------------------------------------------------------- */

static void
target_selected_cb (GtkDropDown         *dropdown,
                    GParamSpec          *pspec,
                    BbTableImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "bb-column"));

  bb_table_import_set_column_target (self->import, column, gtk_drop_down_get_selected (dropdown));
  self->checked = FALSE;
}

/* The drop-down shows a short name of what the column holds; its list the
 * whole of it (a question's code and text). */
static void
setup_short_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (data));
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (GPOINTER_TO_INT (data), 14));
  if (GPOINTER_TO_INT (data) > 30)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (int max_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_short_cb), GINT_TO_POINTER (max_width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, heading ? "heading" : "caption");
  return label;
}

static void
fill_preview (BbTableImportDialog *self)
{
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  GPtrArray *labels = bb_table_import_get_targets (self->import);
  GPtrArray *rows = bb_table_import_get_preview_rows (self->import);
  guint n_columns = bb_table_import_get_n_columns (self->import);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    gtk_string_list_append (targets, g_ptr_array_index (labels, i));

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (targets)), NULL);
      const char *name = bb_table_import_get_column_name (self->import, c);
      g_autofree char *accessible = NULL;
      g_autoptr(GtkListItemFactory) button = label_factory (16);
      g_autoptr(GtkListItemFactory) list = label_factory (60);

      gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), bb_table_import_get_column_target (self->import, c));
      g_object_set_data (G_OBJECT (dropdown), "bb-column", GUINT_TO_POINTER (c));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (target_selected_cb), self);
      /* Translators: the accessible name of the choice of what a column holds; %s is the column's name */
      accessible = g_strdup_printf (_("What the column “%s” holds"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (dropdown, accessible);
      gtk_widget_set_margin_top (dropdown, 6);
      gtk_grid_attach (self->preview_grid, dropdown, c, 0, 1, 1);
      gtk_grid_attach (self->preview_grid, cell_label (name, TRUE), c, 1, 1, 1);
    }
  for (guint r = 0; rows != NULL && r < MIN (rows->len, PREVIEW_ROWS); r++)
    {
      char **values = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns && values[c] != NULL; c++)
        gtk_grid_attach (self->preview_grid, cell_label (values[c], FALSE), c, r + 2, 1, 1);
    }
}

static void
show_mapping (BbTableImportDialog *self)
{
  g_autofree char *rows = bb_format_count ((gint64) bb_table_import_get_n_rows (self->import));
  g_autofree char *base = g_path_get_basename (bb_table_import_get_path (self->import));
  g_autofree char *summary = NULL;
  gboolean ambiguous = bb_table_import_get_date_order_ambiguous (self->import);

  /* Translators: "lses_2024.csv: 1,204 rows, UTF-8, separated by semicolons." */
  summary = g_strdup_printf (_("%s: %s rows, %s, separated by %s."), base, rows,
                             bb_table_import_get_encoding (self->import),
                             bb_table_import_separator_name (bb_table_import_get_separator (self->import)));
  if (bb_table_import_get_mapping_remembered (self->import))
    {
      g_autofree char *longer = g_strconcat (summary, " ",
                                             _("The columns are mapped as the last time a file with this header was imported."),
                                             NULL);

      g_free (summary);
      summary = g_steal_pointer (&longer);
    }
  gtk_label_set_label (self->summary_label, summary);
  adw_window_title_set_subtitle (self->window_title, base);
  fill_preview (self);
  gtk_widget_set_visible (GTK_WIDGET (self->date_order_row),
                          ambiguous || bb_table_import_get_date_order (self->import) != BB_DATE_ORDER_UNKNOWN);
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), gtk_widget_get_visible (GTK_WIDGET (self->date_order_row)));
  adw_combo_row_set_selected (self->date_order_row, bb_table_import_get_date_order (self->import));
  show_step (self, "mapping");
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BbTableImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bb_table_import_preview_finish (BB_TABLE_IMPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->stack != NULL)
        show_failure (self, error);
    }
  else if (self->stack != NULL)
    show_mapping (self);
  g_object_unref (self);
}

/* Checking and importing --------------------------------------------------------- */

static void
show_report (BbTableImportDialog *self)
{
  bb_import_report_view_set_report (self->report_view, self->report);
  g_free (self->report_text);
  self->report_text = g_strdup (bb_import_report_view_get_text (self->report_view));
  self->checked = TRUE;
  show_step (self, "report");
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  BbTableImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  BbImportReport *report = bb_table_import_run_finish (self->import, result, &error);

  if (self->stack == NULL)
    {
      g_clear_pointer (&report, bb_import_report_free);
      g_object_unref (self);
      return;
    }
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error);
      else
        show_step (self, "mapping");
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->report, bb_import_report_free);
  self->report = report;
  if (self->dry_run)
    show_report (self);
  else
    {
      g_free (self->report_text);
      self->report_text = bb_import_report_to_text (report);
      g_signal_emit (self, signals[IMPORTED], 0, (guint64) report->imported);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  g_object_unref (self);
}

static void
run (BbTableImportDialog *self,
     gboolean             dry_run)
{
  adw_status_page_set_title (self->busy_page, dry_run ? _("Checking the File") : _("Importing"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_step (self, "busy");
  self->dry_run = dry_run;
  bb_table_import_run_async (self->import, dry_run, self->cancellable, progress_cb, self,
                             run_cb, g_object_ref (self));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BbTableImportDialog *self = BB_TABLE_IMPORT_DIALOG (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->date_order_row)))
    bb_table_import_set_date_order (self->import, adw_combo_row_get_selected (self->date_order_row));
  run (self, TRUE);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BbTableImportDialog *self = BB_TABLE_IMPORT_DIALOG (widget);

  /* What is imported is what the report showed. */
  if (!self->checked)
    {
      check_action (widget, NULL, NULL);
      return;
    }
  run (self, FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_step (BB_TABLE_IMPORT_DIALOG (widget), "mapping");
}

static void
date_order_changed_cb (BbTableImportDialog *self)
{
  self->checked = FALSE;
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_table_import_dialog_dispose (GObject *object)
{
  BbTableImportDialog *self = BB_TABLE_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_TABLE_IMPORT_DIALOG);

  G_OBJECT_CLASS (bb_table_import_dialog_parent_class)->dispose (object);
}

static void
bb_table_import_dialog_finalize (GObject *object)
{
  BbTableImportDialog *self = BB_TABLE_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_pointer (&self->report, bb_import_report_free);
  g_free (self->report_text);

  G_OBJECT_CLASS (bb_table_import_dialog_parent_class)->finalize (object);
}

static void
bb_table_import_dialog_class_init (BbTableImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_table_import_dialog_dispose;
  object_class->finalize = bb_table_import_dialog_finalize;

  /**
   * BbTableImportDialog::imported:
   * @count: the rows written
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  g_type_ensure (BB_TYPE_IMPORT_REPORT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-table-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, report_view);
  gtk_widget_class_bind_template_child (widget_class, BbTableImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, date_order_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_table_import_dialog_init (BbTableImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

BbTableImportDialog *
bb_table_import_dialog_new (GtkWindow     *parent,
                            BbTableImport *import,
                            const char    *title)
{
  BbTableImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_TABLE_IMPORT (import), NULL);

  self = g_object_new (BB_TYPE_TABLE_IMPORT_DIALOG, "transient-for", parent, "title", title, NULL);
  self->import = g_object_ref (import);
  adw_window_title_set_title (self->window_title, title);
  show_step (self, "busy");
  bb_table_import_preview_async (import, PREVIEW_ROWS, self->cancellable, previewed_cb, g_object_ref (self));
  return self;
}

const char *
bb_table_import_dialog_get_step (BbTableImportDialog *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
bb_table_import_dialog_get_report_text (BbTableImportDialog *self)
{
  g_return_val_if_fail (BB_IS_TABLE_IMPORT_DIALOG (self), NULL);
  return self->report_text;
}
