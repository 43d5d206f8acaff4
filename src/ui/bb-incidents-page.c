/* bb-incidents-page.c: the Incidents page: the station's incidents and concerns as a table */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-filter-bar.h"
#include "bb-import-dialog.h"
#include "bb-incident-editor.h"
#include "bb-incident-labels.h"
#include "bb-incidents-page.h"
#include "bb-station-summary.h"

typedef enum {
  COLUMN_WHEN,
  COLUMN_CATEGORY,
  COLUMN_DISTRICT,
  COLUMN_ADDRESS,
  COLUMN_DESCRIPTION,
  COLUMN_SOURCE,
  COLUMN_STATUS,
  COLUMN_RESTRICTED,
  N_COLUMNS
} Column;

struct _BbIncidentsPage
{
  AdwBin               parent_instance;

  BbStore             *store;
  BbFilterState       *filter;
  BbIncidentListModel *model;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  GPtrArray           *categories;      /* BbCategory */
  GPtrArray           *districts;       /* BbDistrict */
  GHashTable          *category_by_id;
  GHashTable          *district_by_id;
  gint64               total;           /* -1 while not known */
  gboolean             reading_lists;
  gboolean             resorting;
  GtkColumnViewColumn *sort_columns[BB_INCIDENT_SORT_UPDATED + 1];
  BbIncident          *deleted;         /* for Undo */
  char                *count_text;
  guint                refresh_id;      /* the station changed elsewhere (a bundle) */
  BbStore             *held;            /* whose background waits for the first rows */
  GdkFrameClock       *held_clock;      /* the frame that draws them, when shown */
  gulong               held_paint_id;
  gint64               loaded_at;       /* monotonic, for the debug log */

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *status_page;
  GtkWidget           *demo_button;
  GtkWidget           *new_button;
  BbFilterBar         *filter_bar;
  GtkColumnView       *column_view;
  AdwStatusPage       *no_match_page;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (BbIncidentsPage, bb_incidents_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cells --------------------------------------------------------------------- */

static void
update_cell (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "bb-column"));
  BbIncidentRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_WHEN:
      if (incident == NULL)
        text = g_strdup ("…");
      else
        text = bb_format_incident_time (incident->occurred_start, incident->time_unknown);
      gtk_label_set_label (GTK_LABEL (child), text);
      break;
    case COLUMN_CATEGORY:
      {
        GtkWidget *dot = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (dot);
        const char *colour = row != NULL ? bb_incident_row_get_category_colour (row) : NULL;

        if (incident != NULL && colour != NULL && *colour == '#')
          {
            g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span>", colour);

            gtk_label_set_markup (GTK_LABEL (dot), markup);
          }
        else
          gtk_label_set_label (GTK_LABEL (dot), "");
        gtk_label_set_label (GTK_LABEL (label),
                             incident != NULL && bb_incident_row_get_category_name (row) != NULL
                             ? bb_incident_row_get_category_name (row) : "");
      }
      break;
    case COLUMN_DISTRICT:
      gtk_label_set_label (GTK_LABEL (child),
                           incident != NULL && bb_incident_row_get_district_name (row) != NULL
                           ? bb_incident_row_get_district_name (row) : "");
      break;
    case COLUMN_ADDRESS:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL && incident->address != NULL ? incident->address : "");
      break;
    case COLUMN_DESCRIPTION:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL && incident->description != NULL ? incident->description : "");
      break;
    case COLUMN_SOURCE:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL ? bb_incident_source_label (incident->source) : "");
      break;
    case COLUMN_STATUS:
      gtk_label_set_label (GTK_LABEL (child), incident != NULL ? bb_incident_status_label (incident->status) : "");
      break;
    case COLUMN_RESTRICTED:
      gtk_widget_set_visible (child, incident != NULL && incident->restricted);
      if (incident != NULL && incident->restricted && !gtk_widget_get_has_tooltip (child))
        gtk_widget_set_tooltip_text (child, _("Restricted: never leaves the station"));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *child;

  g_object_set_data (G_OBJECT (item), "bb-column", data);
  if (column == COLUMN_CATEGORY)
    {
      GtkWidget *label = gtk_label_new (NULL);

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (child), gtk_label_new (NULL));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (child), label);
    }
  else if (column == COLUMN_RESTRICTED)
    {
      /* Its tooltip comes with the first restricted incident it shows:
       * a tooltip on every row's cell costs the first screen its time. */
      child = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Restricted"), -1);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      if (column == COLUMN_WHEN)
        gtk_widget_add_css_class (child, "numeric");
    }
  gtk_list_item_set_child (item, child);
}

static void
row_changed_cb (BbIncidentRow *row,
                GParamSpec    *pspec,
                GtkListItem   *item)
{
  update_cell (item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  BbIncidentRow *row = gtk_list_item_get_item (item);

  g_signal_connect_object (row, "notify::incident", G_CALLBACK (row_changed_cb), item, 0);
  update_cell (item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  BbIncidentRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_changed_cb, item);
}

/* Sorting in SQL ------------------------------------------------------------ */

/* GTK 4.8 does not say which column the column view sorts by; its sorter
 * is asked to compare two rows, and each column's sorter answers with its
 * own order, so the first to answer is the primary column and the sign of
 * the result its direction. */
static int probed_sort = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  if (probed_sort < 0)
    probed_sort = GPOINTER_TO_INT (data);
  return GTK_ORDERING_LARGER;
}

static void
sorter_changed_cb (BbIncidentsPage *self)
{
  GtkSorter *sorter;
  g_autoptr(BbIncidentRow) a = NULL;
  g_autoptr(BbIncidentRow) b = NULL;
  GtkOrdering order;
  int primary;

  /* The columns go away one by one when the page is taken down. */
  if (self->column_view == NULL || self->model == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->column_view);
  a = bb_incident_row_new (0);
  b = bb_incident_row_new (1);
  if (self->resorting)
    return;
  probed_sort = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_sort < 0)
    {
      bb_incident_list_model_set_sort (self->model, BB_INCIDENT_SORT_TIME, TRUE);
      return;
    }
  bb_incident_list_model_set_sort (self->model, probed_sort, order == GTK_ORDERING_SMALLER);

  /* The station sorts by one column; the column view would keep the
   * earlier ones as secondary orders and show their arrows too. */
  primary = probed_sort;
  self->resorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  /* GTK 4.8 redraws only the first column's arrow when the order is
   * cleared; giving the others their sorter again redraws theirs. */
  for (guint i = 0; i < G_N_ELEMENTS (self->sort_columns); i++)
    if (self->sort_columns[i] != NULL && (int) i != primary)
      {
        g_autoptr(GtkSorter) column_sorter = g_object_ref (gtk_column_view_column_get_sorter (self->sort_columns[i]));

        gtk_column_view_column_set_sorter (self->sort_columns[i], NULL);
        gtk_column_view_column_set_sorter (self->sort_columns[i], column_sorter);
      }
  gtk_column_view_sort_by_column (self->column_view, self->sort_columns[primary],
                                  order == GTK_ORDERING_SMALLER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->resorting = FALSE;
}

static GtkColumnViewColumn *
add_column (BbIncidentsPage *self,
            Column           column,
            const char      *title,
            int              sort,
            int              fixed_width,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  if (sort >= 0)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (sort), NULL));

      gtk_column_view_column_set_sorter (view_column, sorter);
      self->sort_columns[sort] = view_column;
    }
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, column != COLUMN_RESTRICTED);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
  return view_column;
}

/* The first rows before anything else ------------------------------------ */

/* While a station's first rows are read and drawn, its background work
 * (the other views' reads, the check of its pages, a backup) waits. */
static void
hold_background (BbIncidentsPage *self)
{
  if (self->held != NULL || self->store == NULL)
    return;
  self->held = g_object_ref (self->store);
  bb_store_hold_background (self->held);
}

static void
release_background (BbIncidentsPage *self)
{
  if (self->held_clock != NULL)
    {
      g_clear_signal_handler (&self->held_paint_id, self->held_clock);
      g_clear_object (&self->held_clock);
    }
  if (self->held == NULL)
    return;
  bb_store_release_background (self->held);
  g_clear_object (&self->held);
}

static void
first_rows_painted_cb (GdkFrameClock   *clock,
                       BbIncidentsPage *self)
{
  g_debug ("First rows drawn %.3f s after the station came",
           (g_get_monotonic_time () - self->loaded_at) / (double) G_USEC_PER_SEC);
  release_background (self);
}

/* The first rows are there: the hold ends once a frame has drawn them,
 * or at once when the page is not on screen. */
static void
release_background_when_drawn (BbIncidentsPage *self)
{
  GdkFrameClock *clock;

  if (self->held == NULL || self->held_clock != NULL)
    return;
  clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;
  if (clock == NULL)
    {
      release_background (self);
      return;
    }
  self->held_clock = g_object_ref (clock);
  self->held_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_rows_painted_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Showing what there is ----------------------------------------------------- */

static void
update_count (BbIncidentsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = bb_incident_list_model_get_loading (self->model);
  g_autofree char *shown = bb_format_count (n);
  const GError *error = bb_incident_list_model_get_error (self->model);

  g_clear_pointer (&self->count_text, g_free);
  if (error != NULL)
    self->count_text = g_strdup (error->message);
  else if (self->total < 0 || loading)
    self->count_text = g_strdup (_("Reading incidents…"));
  else if ((gint64) n == self->total)
    {
      /* Translators: the number of incidents shown when no filter hides any */
      self->count_text = g_strdup_printf (ngettext ("%s incident", "%s incidents", n), shown);
    }
  else
    {
      g_autofree char *total = bb_format_count (self->total);

      /* Translators: "1,204 of 24,000 incidents": shown, then all the station holds */
      self->count_text = g_strdup_printf (ngettext ("%s of %s incident", "%s of %s incidents", self->total),
                                          shown, total);
    }
  gtk_label_set_label (self->count_label, self->count_text);
  gtk_spinner_set_spinning (self->spinner, loading || self->reading_lists);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_page), n == 0 && !loading && self->total > 0);
  if (n > 0 || error != NULL || (!loading && !self->reading_lists))
    release_background_when_drawn (self);
}

/* The rows are filled in place for a new selection or order: the row
 * selected before would now be another incident. */
static void
loading_changed_cb (BbIncidentsPage *self)
{
  if (bb_incident_list_model_get_loading (self->model))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_count (self);
}

static void
show_empty (BbIncidentsPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (self->store == NULL)
    {
      adw_status_page_set_title (self->status_page, _("No Station Open"));
      adw_status_page_set_description (self->status_page, NULL);
      gtk_widget_set_visible (self->demo_button, TRUE);
      gtk_widget_set_visible (self->new_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  name = bb_store_dup_station_name (self->store);
  /* Translators: %s is the station's name */
  description = g_strdup_printf (_("%s has no incidents or residents’ concerns recorded yet. Record the first one, or open the demo station to see a fictional town with two years of them."),
                                 *name != '\0' ? name : _("This station"));
  adw_status_page_set_icon_name (self->status_page, "view-list-bullet-symbolic");
  adw_status_page_set_title (self->status_page, _("No Incidents Yet"));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, TRUE);
  gtk_widget_set_visible (self->new_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_error (BbIncidentsPage *self,
            const GError    *error)
{
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The Station Could Not Be Read"));
  adw_status_page_set_description (self->status_page, error->message);
  gtk_widget_set_visible (self->demo_button, FALSE);
  gtk_widget_set_visible (self->new_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gpointer
read_total (BbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 total = bb_store_incident_count (store, NULL, error);

  return total < 0 ? NULL : g_memdup2 (&total, sizeof total);
}

static void
total_counted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BbIncidentsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *counted = bb_store_run_finish (BB_STORE (object), result, &error);
  gint64 total;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (counted == NULL)
    {
      show_error (self, error);
      release_background (self);
      return;
    }
  total = *counted;
  self->total = total;
  if (total == 0)
    show_empty (self);
  else
    {
      g_autofree char *n = bb_format_count (total);
      g_autofree char *title = g_strdup_printf (ngettext ("%s Incident", "%s Incidents", total), n);

      /* The station's summary, for whoever reads the page's status
       * (assistive technology, the window's tests) while the table shows. */
      adw_status_page_set_title (self->status_page, title);
      gtk_stack_set_visible_child_name (self->stack, "table");
    }
  update_count (self);
}

static void
count_total (BbIncidentsPage *self)
{
  if (self->store == NULL)
    return;
  /* Urgent too: the table's count says "of how many". */
  /* g_free: a count that comes back after the page was cancelled is freed
   * with the task (LeakSanitizer found it left behind). */
  bb_store_run_async_urgent_full (self->store, read_total, g_free, NULL, NULL, self->cancellable,
                                  total_counted_cb, self);
}

/* Reads the selection again and the total, after incidents were written. */
static void
reload (BbIncidentsPage *self)
{
  bb_incident_list_model_reload (self->model);
  count_total (self);
}

static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      BbRecord *record = g_ptr_array_index (records, i);

      g_hash_table_insert (by_id, record->id, record);
    }
  return by_id;
}

static void
lists_ready (BbIncidentsPage *self)
{
  self->reading_lists = FALSE;
  g_clear_pointer (&self->category_by_id, g_hash_table_unref);
  g_clear_pointer (&self->district_by_id, g_hash_table_unref);
  self->category_by_id = index_by_id (self->categories);
  self->district_by_id = index_by_id (self->districts);
  bb_filter_bar_set_choices (self->filter_bar, self->categories, self->districts);
  bb_incident_list_model_set_lookups (self->model, self->category_by_id, self->district_by_id);
  bb_incident_list_model_set_filter (self->model, self->filter != NULL ? bb_filter_state_get_filter (self->filter) : NULL);
  bb_incident_list_model_set_store (self->model, self->store);
  count_total (self);
}

typedef struct {
  GPtrArray *categories;
  GPtrArray *districts;
} Lists;

static void
lists_free (Lists *lists)
{
  g_clear_pointer (&lists->categories, g_ptr_array_unref);
  g_clear_pointer (&lists->districts, g_ptr_array_unref);
  g_free (lists);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lists, lists_free)

static gpointer
read_lists (BbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(Lists) lists = g_new0 (Lists, 1);

  if ((lists->categories = bb_store_list (store, &bb_category_record, NULL, error)) == NULL
      || (lists->districts = bb_store_list (store, &bb_district_record, NULL, error)) == NULL)
    return NULL;
  return g_steal_pointer (&lists);
}

static void
lists_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BbIncidentsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Lists) lists = bb_store_run_finish (BB_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (lists == NULL)
    {
      self->reading_lists = FALSE;
      show_error (self, error);
      release_background (self);
      return;
    }
  g_debug ("Categories and districts read %.3f s after the station came",
           (g_get_monotonic_time () - self->loaded_at) / (double) G_USEC_PER_SEC);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  self->categories = g_steal_pointer (&lists->categories);
  self->districts = g_steal_pointer (&lists->districts);
  lists_ready (self);
}

static void
load_station (BbIncidentsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->total = -1;
  g_clear_pointer (&self->deleted, bb_incident_free);
  release_background (self);

  if (self->store == NULL)
    {
      bb_incident_list_model_set_store (self->model, NULL);
      show_empty (self);
      return;
    }
  /* The lists first: rows need the names of their categories and
   * districts.  The table shows while they and its first rows are read,
   * before anything else the station has to do. */
  hold_background (self);
  self->loaded_at = g_get_monotonic_time ();
  self->reading_lists = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "table");
  update_count (self);
  bb_store_run_async_urgent_full (self->store, read_lists, (GDestroyNotify) lists_free, NULL, NULL,
                                  self->cancellable, lists_read_cb, self);
}

static void
filter_changed_cb (BbIncidentsPage *self)
{
  if (self->reading_lists || self->store == NULL)
    return;   /* the filter is read when the lists are there */
  bb_incident_list_model_set_filter (self->model, bb_filter_state_get_filter (self->filter));
}

/* Editing ------------------------------------------------------------------- */

static BbIncidentRow *
selected_row (BbIncidentsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
editor_saved_cb (BbIncidentEditor *editor,
                 BbIncident       *incident,
                 BbIncidentsPage  *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Incident saved")));
  reload (self);
}

static GtkWindow *
open_editor (BbIncidentsPage  *self,
             const BbIncident *incident)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BbIncidentEditor *editor;

  if (self->store == NULL || self->reading_lists)
    return NULL;
  editor = bb_incident_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->store, self->categories, self->districts, incident);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
bb_incidents_page_new_incident (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return open_editor (self, NULL);
}

static void
incident_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BbIncidentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_store_incident_get_finish (BB_STORE (source), result, &error);

  if (incident == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !GTK_IS_WINDOW (root))
        return;
      dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The incident cannot be opened"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (open_editor (self, incident) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The incident opens once the lists are read")));
}

/**
 * bb_incidents_page_open_incident:
 *
 * Opens the editor of the incident with @id (read off the main thread).
 */
void
bb_incidents_page_open_incident (BbIncidentsPage *self,
                                 const char      *id)
{
  g_return_if_fail (BB_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (id != NULL);

  if (self->store == NULL)
    return;
  bb_store_incident_get_async (self->store, id, NULL, incident_read_cb, g_object_ref (self));
}

static void
open_row (BbIncidentsPage *self,
          BbIncidentRow   *row)
{
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;

  if (incident != NULL)
    open_editor (self, incident);
}

static void
row_activated_cb (BbIncidentsPage *self,
                  guint            position)
{
  g_autoptr(BbIncidentRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  open_row (self, row);
}

static void
imported_cb (BbImportDialog  *dialog,
             guint64          count,
             BbIncidentsPage *self)
{
  g_autofree char *n = bb_format_count ((gint64) count);
  g_autofree char *title = g_strdup_printf (ngettext ("%s incident imported", "%s incidents imported", count), n);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  reload (self);
}

static void
import_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       BbIncidentsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  BbImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Beatbook imports files on this computer only")));
      return;
    }
  dialog = bb_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->store, self->categories, path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->store == NULL || self->reading_lists)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Incidents"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (tables, _("Tables and GeoJSON (CSV, TSV, TXT, GeoJSON)"));
  for (const char * const *pattern = (const char * const[]) { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", "*.TXT",
                                                              "*.geojson", "*.json", NULL };
       *pattern != NULL; pattern++)
    gtk_file_filter_add_pattern (tables, *pattern);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWindow *
bb_incidents_page_import_file (BbIncidentsPage *self,
                               const char      *path)
{
  GtkRoot *root;
  BbImportDialog *dialog;

  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->store == NULL || self->reading_lists)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = bb_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->store, self->categories, path);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bb_incidents_page_new_incident (BB_INCIDENTS_PAGE (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);

  open_row (self, selected_row (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bb_filter_bar_focus_search (BB_INCIDENTS_PAGE (widget)->filter_bar);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BbIncidentsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_store_incident_insert_finish (BB_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (incident == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The incident could not be restored: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Incident restored")));
  reload (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  g_autoptr(BbIncident) incident = g_steal_pointer (&self->deleted);

  if (incident == NULL || self->store == NULL)
    return;
  /* Written back with its own id, so that links to it hold again. */
  bb_store_incident_insert_async (self->store, incident, self->cancellable, restored_cb, self);
  gtk_widget_action_set_enabled (widget, "incidents.undo-delete", FALSE);
}

typedef struct {
  BbIncidentsPage *page;
  BbIncident      *incident;
} DeleteData;

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteData *data = user_data;
  BbIncidentsPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = data->incident;
  AdwToast *toast;

  g_free (data);
  if (!bb_store_incident_delete_finish (BB_STORE (object), result, &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("The incident could not be deleted: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  g_clear_pointer (&self->deleted, bb_incident_free);
  self->deleted = g_steal_pointer (&incident);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.undo-delete", TRUE);

  toast = adw_toast_new (_("Incident deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "incidents.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (widget);
  BbIncidentRow *row = selected_row (self);
  const BbIncident *incident = row != NULL ? bb_incident_row_get_incident (row) : NULL;
  DeleteData *data;

  if (incident == NULL || self->store == NULL)
    return;
  data = g_new0 (DeleteData, 1);
  data->page = self;
  data->incident = bb_incident_copy (incident);
  bb_store_incident_delete_async (self->store, incident->id, self->cancellable, deleted_cb, data);
}

/* GObject ------------------------------------------------------------------- */

static gboolean
refresh_cb (gpointer data)
{
  BbIncidentsPage *self = data;

  self->refresh_id = 0;
  if (self->store != NULL && !self->reading_lists)
    reload (self);
  return G_SOURCE_REMOVE;
}

/* Incidents written by others (a bundle, an import on the command line
 * while open) show without reopening; several commits in a row once. */
static void
store_changed_cb (BbIncidentsPage *self,
                  guint            changes)
{
  if ((changes & BB_STORE_CHANGE_INCIDENTS) != 0 && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (200, refresh_cb, self);
}

static void
bb_incidents_page_dispose (GObject *object)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  release_background (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      /* The lookups point into this page's categories and districts; a
       * read the model still waits for must not fill rows from them once
       * the page is gone (AddressSanitizer found a use after free). */
      bb_incident_list_model_set_lookups (self->model, NULL, NULL);
    }
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  /* AdwBin keeps its own pointer to its child; it lets go first so that
   * the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_INCIDENTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bb_incidents_page_parent_class)->dispose (object);
}

static void
bb_incidents_page_finalize (GObject *object)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  g_clear_pointer (&self->category_by_id, g_hash_table_unref);
  g_clear_pointer (&self->district_by_id, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, bb_incident_free);
  g_free (self->count_text);

  G_OBJECT_CLASS (bb_incidents_page_parent_class)->finalize (object);
}

static void
bb_incidents_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_incidents_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_incidents_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      bb_incidents_page_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_incidents_page_class_init (BbIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_incidents_page_dispose;
  object_class->finalize = bb_incidents_page_finalize;
  object_class->get_property = bb_incidents_page_get_property;
  object_class->set_property = bb_incidents_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         BB_TYPE_FILTER_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_FILTER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "incidents.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "incidents.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "incidents.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "incidents.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "incidents.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "incidents.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "incidents.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "incidents.undo-delete", NULL);
}

static void
bb_incidents_page_init (BbIncidentsPage *self)
{
  GtkColumnViewColumn *when;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->total = -1;
  self->model = bb_incident_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (loading_changed_cb), self);

  when = add_column (self, COLUMN_WHEN, _("When"), BB_INCIDENT_SORT_TIME, 140, FALSE);
  add_column (self, COLUMN_CATEGORY, _("Category"), BB_INCIDENT_SORT_CATEGORY, 180, FALSE);
  add_column (self, COLUMN_DISTRICT, _("District"), BB_INCIDENT_SORT_DISTRICT, 120, FALSE);
  add_column (self, COLUMN_ADDRESS, _("Address"), BB_INCIDENT_SORT_ADDRESS, 170, FALSE);
  add_column (self, COLUMN_DESCRIPTION, _("Description"), -1, 160, TRUE);
  add_column (self, COLUMN_SOURCE, _("Source"), BB_INCIDENT_SORT_SOURCE, 110, FALSE);
  add_column (self, COLUMN_STATUS, _("Status"), BB_INCIDENT_SORT_STATUS, 90, FALSE);
  add_column (self, COLUMN_RESTRICTED, "", -1, 36, FALSE);

  /* Newest first, as a duty officer looks for today's. */
  gtk_column_view_sort_by_column (self->column_view, when, GTK_SORT_DESCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
  sorter_changed_cb (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.undo-delete", FALSE);
  show_empty (self);
}

BbStore *
bb_incidents_page_get_store (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->store;
}

void
bb_incidents_page_set_store (BbIncidentsPage *self,
                             BbStore         *store)
{
  g_return_if_fail (BB_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  load_station (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

BbFilterState *
bb_incidents_page_get_filter (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->filter;
}

void
bb_incidents_page_set_filter (BbIncidentsPage *self,
                              BbFilterState   *filter)
{
  g_return_if_fail (BB_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (filter == NULL || BB_IS_FILTER_STATE (filter));

  if (self->filter == filter)
    return;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
  bb_filter_bar_set_state (self->filter_bar, filter);
  if (!self->reading_lists && self->store != NULL)
    bb_incident_list_model_set_filter (self->model, filter != NULL ? bb_filter_state_get_filter (filter) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

AdwStatusPage *
bb_incidents_page_get_status_page (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->status_page;
}

BbIncidentListModel *
bb_incidents_page_get_model (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->model;
}

GtkColumnView *
bb_incidents_page_get_column_view (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->column_view;
}

const char *
bb_incidents_page_get_count_text (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->count_text != NULL ? self->count_text : "";
}

gboolean
bb_incidents_page_is_busy (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), FALSE);
  return self->reading_lists || self->total < 0 || bb_incident_list_model_get_loading (self->model);
}
