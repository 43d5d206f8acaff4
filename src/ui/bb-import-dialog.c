/* bb-import-dialog.c: importing incidents from a file: preview, mapping, report, confirmation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-import-report-view.h"
#include "bb-import-steps.h"

#include "bb-import-dialog.h"
#include "bb-import.h"
#include "bb-incident-labels.h"
#include "bb-station-summary.h"

/* Rows of the file shown under the column choices. */
#define PREVIEW_ROWS 8
/* Unknown category values offered for mapping, the most frequent first. */
#define MAX_CATEGORY_VALUES 40

struct _BbImportDialog
{
  AdwWindow       parent_instance;

  BbStore        *store;
  BbImport       *import;
  GPtrArray      *category_ids;    /* after "no category" in the drop-downs */
  GtkStringList  *category_names;
  GPtrArray      *value_rows;      /* AdwComboRow per unknown value */
  GCancellable   *cancellable;
  BbImportReport *report;
  char           *report_text;
  gboolean        checked;         /* the report is of the mapping shown */

  AdwWindowTitle *window_title;
  GtkWidget      *import_button;
  GtkWidget      *check_button;
  GtkWidget      *back_button;
  GtkStack       *stack;
  AdwStatusPage  *busy_page;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkGrid        *preview_grid;
  AdwComboRow    *position_row;
  AdwComboRow    *date_order_row;
  AdwEntryRow    *crs_row;
  AdwPreferencesGroup *categories_group;
  BbImportReportView *report_view;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (BbImportDialog, bb_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_step (BbImportDialog *self,
           const char     *step)
{
  bb_import_steps_show (GTK_WIDGET (self), self->stack, self->check_button, self->back_button, self->import_button,
                        step, self->report != NULL && self->report->imported > 0);
}

static void
show_failure (BbImportDialog *self,
              const GError   *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  show_step (self, "error");
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  bb_import_steps_progress (((BbImportDialog *) data)->progress_bar, fraction);
}

/* The mapping step --------------------------------------------------------- */

static void
mapping_changed (BbImportDialog *self)
{
  self->checked = FALSE;
}

static void
field_selected_cb (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   BbImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "bb-column"));

  bb_import_set_column_field (self->import, column, gtk_drop_down_get_selected (dropdown));
  gtk_widget_set_visible (GTK_WIDGET (self->crs_row), bb_import_get_needs_crs (self->import)
                          || bb_import_get_crs (self->import) != NULL);
  mapping_changed (self);
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
fill_preview (BbImportDialog *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  GPtrArray *rows = bb_import_get_preview_rows (self->import);
  guint n_columns = bb_import_get_n_columns (self->import);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint f = 0; f < BB_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, bb_import_field_get_label (f));

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (fields)), NULL);
      g_autofree char *name = g_strdup (bb_import_get_column_name (self->import, c));
      g_autofree char *accessible = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), bb_import_get_column_field (self->import, c));
      g_object_set_data (G_OBJECT (dropdown), "bb-column", GUINT_TO_POINTER (c));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (field_selected_cb), self);
      /* Translators: the accessible name of the choice of what a column holds; %s is the column's name */
      accessible = g_strdup_printf (_("What the column “%s” holds"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
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
category_chosen_cb (AdwComboRow    *row,
                    GParamSpec     *pspec,
                    BbImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *value = g_object_get_data (G_OBJECT (row), "bb-value");

  bb_import_set_category_for_value (self->import, value,
                                    selected > 0 && selected <= self->category_ids->len
                                    ? g_ptr_array_index (self->category_ids, selected - 1) : NULL);
  mapping_changed (self);
}

static void
fill_categories (BbImportDialog *self)
{
  g_auto(GStrv) values = bb_import_dup_category_values (self->import);
  guint shown = 0;

  for (guint i = 0; i < self->value_rows->len; i++)
    adw_preferences_group_remove (self->categories_group, g_ptr_array_index (self->value_rows, i));
  g_ptr_array_set_size (self->value_rows, 0);

  for (guint i = 0; values != NULL && values[i] != NULL && shown < MAX_CATEGORY_VALUES; i++)
    {
      const char *mapped = bb_import_get_category_for_value (self->import, values[i]);
      GtkWidget *row;
      g_autofree char *count = NULL;
      g_autofree char *subtitle = NULL;

      if (mapped != NULL)
        continue;
      count = bb_format_count (bb_import_get_category_value_count (self->import, values[i]));
      /* Translators: how many rows of the file have this category value */
      subtitle = g_strdup_printf (ngettext ("%s row", "%s rows",
                                           bb_import_get_category_value_count (self->import, values[i])), count);
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), values[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->category_names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
      g_object_set_data_full (G_OBJECT (row), "bb-value", g_strdup (values[i]), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (category_chosen_cb), self);
      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->value_rows, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->categories_group), shown > 0);
}

static void
show_mapping (BbImportDialog *self)
{
  g_autofree char *rows = bb_format_count (bb_import_get_n_rows (self->import));
  g_autofree char *base = g_path_get_basename (bb_import_get_path (self->import));
  g_autofree char *summary = NULL;
  char separator = bb_import_get_separator (self->import);
  const char *separator_name;

  switch (separator)
    {
    case ',':
      separator_name = _("commas");
      break;
    case ';':
      separator_name = _("semicolons");
      break;
    case '\t':
      separator_name = _("tabs");
      break;
    default:
      separator_name = _("its own layout");
      break;
    }
  if (bb_import_get_format (self->import) == BB_IMPORT_FORMAT_GEOJSON)
    /* Translators: "crimes.geojson: 1,204 features (GeoJSON)" */
    summary = g_strdup_printf (_("%s: %s features (GeoJSON)."), base, rows);
  else
    /* Translators: "crimes.csv: 1,204 rows, UTF-8, separated by semicolons." */
    summary = g_strdup_printf (_("%s: %s rows, %s, separated by %s."), base, rows,
                               bb_import_get_encoding (self->import), separator_name);
  if (bb_import_get_mapping_remembered (self->import))
    {
      g_autofree char *longer = g_strconcat (summary, " ", _("The columns are mapped as the last time a file with this header was imported."), NULL);

      g_free (summary);
      summary = g_steal_pointer (&longer);
    }
  gtk_label_set_label (self->summary_label, summary);
  adw_window_title_set_subtitle (self->window_title, base);

  fill_preview (self);
  fill_categories (self);
  gtk_widget_set_visible (GTK_WIDGET (self->date_order_row), bb_import_get_date_order_ambiguous (self->import));
  adw_combo_row_set_selected (self->date_order_row, bb_import_get_date_order (self->import));
  gtk_widget_set_visible (GTK_WIDGET (self->crs_row), bb_import_get_needs_crs (self->import)
                          || bb_import_get_crs (self->import) != NULL);
  if (bb_import_get_crs (self->import) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->crs_row), bb_import_get_crs (self->import));
  adw_combo_row_set_selected (self->position_row, bb_import_get_missing_position (self->import));
  show_step (self, "mapping");
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BbImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bb_import_preview_finish (self->import, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error);
      g_object_unref (self);
      return;
    }
  show_mapping (self);
  g_object_unref (self);
}

/* Checking and importing ----------------------------------------------------- */

static gboolean
apply_options (BbImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *crs = gtk_editable_get_text (GTK_EDITABLE (self->crs_row));

  bb_import_set_missing_position (self->import, adw_combo_row_get_selected (self->position_row));
  if (gtk_widget_get_visible (GTK_WIDGET (self->date_order_row)))
    bb_import_set_date_order (self->import, adw_combo_row_get_selected (self->date_order_row));
  if (gtk_widget_get_visible (GTK_WIDGET (self->crs_row)) && *crs != '\0'
      && !bb_import_set_crs (self->import, crs, &error))
    {
      adw_entry_row_set_show_apply_button (self->crs_row, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->crs_row), "error");
      gtk_label_set_label (self->summary_label, error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->crs_row), "error");
  return TRUE;
}

static void
show_report (BbImportDialog *self)
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
  BbImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  BbImportReport *report = bb_import_run_finish (self->import, result, &error);
  gboolean dry_run = GPOINTER_TO_INT (g_object_steal_data (G_OBJECT (self), "bb-dry-run"));

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error);
      else if (self->stack != NULL)
        show_step (self, "mapping");
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->report, bb_import_report_free);
  self->report = report;
  if (dry_run)
    {
      show_report (self);
      g_object_unref (self);
      return;
    }
  g_free (self->report_text);
  self->report_text = bb_import_report_to_text (report);
  g_signal_emit (self, signals[IMPORTED], 0, (guint64) report->imported);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
run (BbImportDialog *self,
     gboolean        dry_run)
{
  adw_status_page_set_title (self->busy_page, dry_run ? _("Checking the File") : _("Importing"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_step (self, "busy");
  g_object_set_data (G_OBJECT (self), "bb-dry-run", GINT_TO_POINTER (dry_run));
  bb_import_run_async (self->import, dry_run, self->cancellable, progress_cb, self, NULL,
                       run_cb, g_object_ref (self));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BbImportDialog *self = BB_IMPORT_DIALOG (widget);

  if (apply_options (self))
    run (self, TRUE);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BbImportDialog *self = BB_IMPORT_DIALOG (widget);

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
  show_step (BB_IMPORT_DIALOG (widget), "mapping");
}

/* GObject ------------------------------------------------------------------- */

static void
bb_import_dialog_dispose (GObject *object)
{
  BbImportDialog *self = BB_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (bb_import_dialog_parent_class)->dispose (object);
}

static void
bb_import_dialog_finalize (GObject *object)
{
  BbImportDialog *self = BB_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->store);
  g_clear_object (&self->category_names);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report, bb_import_report_free);
  g_free (self->report_text);

  G_OBJECT_CLASS (bb_import_dialog_parent_class)->finalize (object);
}

static void
bb_import_dialog_class_init (BbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_import_dialog_dispose;
  object_class->finalize = bb_import_dialog_finalize;

  /**
   * BbImportDialog::imported:
   * @count: the incidents written
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  g_type_ensure (BB_TYPE_IMPORT_REPORT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, position_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, crs_row);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, categories_group);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, report_view);
  gtk_widget_class_bind_template_child (widget_class, BbImportDialog, error_page);

  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_import_dialog_init (BbImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->value_rows = g_ptr_array_new ();
  self->category_names = gtk_string_list_new (NULL);
  g_signal_connect_swapped (self->position_row, "notify::selected", G_CALLBACK (mapping_changed), self);
  g_signal_connect_swapped (self->date_order_row, "notify::selected", G_CALLBACK (mapping_changed), self);
  g_signal_connect_swapped (self->crs_row, "changed", G_CALLBACK (mapping_changed), self);
}

BbImportDialog *
bb_import_dialog_new (GtkWindow  *parent,
                      BbStore    *store,
                      GPtrArray  *categories,
                      const char *path)
{
  BbImportDialog *self;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BB_TYPE_IMPORT_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->store = g_object_ref (store);
  self->import = bb_import_new (store, path);

  gtk_string_list_append (self->category_names, _("No category: skip these rows"));
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      BbCategory *category = g_ptr_array_index (categories, i);

      g_hash_table_insert (by_id, category->id, category);
    }
  if (categories != NULL)
    {
      g_autoptr(GPtrArray) ordered = bb_categories_two_level (categories);

      for (guint i = 0; i < ordered->len; i++)
        {
          BbCategory *category = g_ptr_array_index (ordered, i);
          g_autofree char *name = bb_category_display_name (category, by_id);

          gtk_string_list_append (self->category_names, name);
          g_ptr_array_add (self->category_ids, g_strdup (category->id));
        }
    }

  show_step (self, "busy");
  bb_import_preview_async (self->import, PREVIEW_ROWS, self->cancellable, previewed_cb, g_object_ref (self));
  return self;
}

const char *
bb_import_dialog_get_step (BbImportDialog *self)
{
  g_return_val_if_fail (BB_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
bb_import_dialog_get_report_text (BbImportDialog *self)
{
  g_return_val_if_fail (BB_IS_IMPORT_DIALOG (self), NULL);
  return self->report_text;
}
