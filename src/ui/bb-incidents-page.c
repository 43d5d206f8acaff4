/* bb-incidents-page.c: the Incidents page: the station's incidents and concerns as a table */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-incidents-page-private.h"
#include "bb-station-summary.h"

G_DEFINE_FINAL_TYPE (BbIncidentsPage, bb_incidents_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
void
bb_incidents_page_reload (BbIncidentsPage *self)
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

/* GObject ------------------------------------------------------------------- */

static gboolean
refresh_cb (gpointer data)
{
  BbIncidentsPage *self = data;

  self->refresh_id = 0;
  if (self->store != NULL && !self->reading_lists)
    bb_incidents_page_reload (self);
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
  bb_incidents_page_install_actions (widget_class);
}

static void
bb_incidents_page_init (BbIncidentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->total = -1;
  self->model = bb_incident_list_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (loading_changed_cb), self);

  bb_incidents_page_add_columns (self);

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
