/* bb-problems-view.c: the Problems view: the SARA board, the safety plans, and a page for each problem and plan */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problems-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bb-problem-card.h"
#include "bb-problems-view-private.h"
#include "bb-station-summary.h"

G_DEFINE_FINAL_TYPE (BbProblemsView, bb_problems_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* The empty and error states ---------------------------------------------- */

static void
show_status (BbProblemsView *self,
             const char     *icon_name,
             const char     *title,
             const char     *description,
             gboolean        show_demo,
             gboolean        show_next)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, show_demo);
  gtk_widget_set_visible (self->next_button, show_next);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
show_error (BbProblemsView *self,
            const GError   *error)
{
  g_autofree char *message = g_markup_escape_text (error->message, -1);

  show_status (self, "dialog-warning-symbolic", _("The Station Could Not Be Read"), message, FALSE, FALSE);
}

static void
show_empty (BbProblemsView *self)
{
  /* The description is markup; the name is the station's own text. */
  g_autofree char *station = g_markup_escape_text (self->data->station_name != NULL && self->data->station_name[0] != '\0'
                                                   ? self->data->station_name : _("This station"), -1);
  /* Translators: %s is the station's name */
  g_autofree char *description = g_strdup_printf (_("A problem gathers the incidents and residents’ concerns about one place or one issue, so that the station and its partners can work on it together. %s has no problems recorded yet."),
                                                  station);

  show_status (self, "emblem-important-symbolic", _("No Problems Yet"), description,
               TRUE, self->data->n_incidents > 0);
}

void
bb_problems_view_show_message (BbProblemsView *self,
                               const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Loading -------------------------------------------------------------------- */

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BbProblemsView *self = user_data;
  g_autoptr(GError) error = NULL;
  BbBoardData *data = bb_store_run_finish (BB_STORE (source), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_clear_pointer (&self->data, bb_board_data_free);
  self->data = data;

  if (data->cards->len == 0 && data->plans->len == 0
      && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "main") == 0)
    {
      show_empty (self);
      return;
    }

  bb_problems_view_update_filters (self);
  bb_problems_view_rebuild_board (self);
  bb_problems_view_fill_plans (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
  bb_problems_view_count_cards (self);
}

static void
renew_cancellable (BbProblemsView *self)
{
  if (self->cancellable != NULL)
    {
      g_object_set_data (G_OBJECT (self->cancellable), "bb-view", NULL);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  self->cancellable = g_cancellable_new ();
  /* The counts' callback finds the view through the cancellable it was
   * started with, so a count of an earlier load never lands. */
  g_object_set_data (G_OBJECT (self->cancellable), "bb-view", self);
}

void
bb_problems_view_reload (BbProblemsView *self)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));

  renew_cancellable (self);
  if (self->store == NULL)
    {
      g_clear_pointer (&self->data, bb_board_data_free);
      show_status (self, "emblem-important-symbolic", _("No Station Open"), NULL, TRUE, FALSE);
      return;
    }
  bb_store_run_async_full (self->store, bb_problems_view_load_func, (GDestroyNotify) bb_board_data_free,
                           g_strdupv (self->station_ids),
                           (GDestroyNotify) g_strfreev, self->cancellable, board_loaded_cb, self);
}

static gboolean
reload_cb (gpointer data)
{
  BbProblemsView *self = data;

  self->reload_source = 0;
  bb_problems_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbProblemsView *self,
                  guint           changes)
{
  /* Counts are live: new incidents, edits on a problem's page, a plan's
   * review all show on the board.  Commits in a row reload once. */
  if (self->reload_source == 0
      && (changes & (BB_STORE_CHANGE_PROBLEMS | BB_STORE_CHANGE_INCIDENTS | BB_STORE_CHANGE_DIRECTORY
                     | BB_STORE_CHANGE_DISTRICTS)))
    self->reload_source = g_timeout_add (150, reload_cb, self);
}

/* Navigation ------------------------------------------------------------------ */

static void
filter_changed_cb (BbProblemsView *self)
{
  if (!self->updating_filters && !self->disposed)
    bb_problems_view_rebuild_board (self);
}

static void
main_stack_cb (BbProblemsView *self)
{
  gboolean board;

  if (self->main_stack == NULL || self->disposed)
    return;
  board = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "board") == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), board);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_button), board);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_button), board);
  gtk_widget_set_visible (self->new_problem_button, board);
  gtk_widget_set_visible (self->new_plan_button, !board);
}

static void
leaflet_child_cb (BbProblemsView *self)
{
  /* Back on the board (a swipe, Alt+Left, the back button): the page's
   * work is in the store; the board shows it. */
  if (!self->disposed && self->leaflet != NULL && g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "main") == 0
      && self->store != NULL && self->data != NULL)
    gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
page_back_cb (BbProblemsView *self)
{
  const char *page = adw_leaflet_get_visible_child_name (self->leaflet);

  if (g_strcmp0 (page, "problem") == 0)
    {
      const char *id = bb_problem_page_get_problem_id (self->problem_page);

      g_free (self->focus_id);
      self->focus_id = g_strdup (id);
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "main");
  bb_problems_view_reload (self);
}

static void
plan_activated_cb (BbProblemsView *self,
                   GtkListBoxRow  *row)
{
  const char *plan_id = g_object_get_data (G_OBJECT (row), "bb-plan");

  if (plan_id != NULL)
    bb_problems_view_open_plan (self, plan_id);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (widget);

  if (g_str_equal (action_name, "view.new-plan"))
    bb_problems_view_open_plan (self, NULL);
  else
    bb_problems_view_open_problem (self, NULL);
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (widget);

  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->district_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->partner_dropdown, 0);
  self->updating_filters = FALSE;
  bb_problems_view_rebuild_board (self);
}

/* GTK 4.8's stack switcher gives its tabs no accessible name; a screen
 * reader (and the journeys) find them by the pages' titles. */
static void
name_switcher_tabs (BbProblemsView *self)
{
  GtkWidget *switcher = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), BB_TYPE_PROBLEMS_VIEW,
                                                                   "switcher"));
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->main_stack);
  GtkWidget *tab = gtk_widget_get_first_child (switcher);

  for (guint i = 0; tab != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++, tab = gtk_widget_get_next_sibling (tab))
    {
      g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      g_autofree char *title = g_strdup (gtk_stack_page_get_title (GTK_STACK_PAGE (page)));
      char *w = title;

      /* Without the mnemonic's underline. */
      for (const char *r = title; *r; r++)
        if (*r != '_')
          *w++ = *r;
      *w = '\0';
      gtk_accessible_update_property (GTK_ACCESSIBLE (tab), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

/* GObject ------------------------------------------------------------------- */

static void
bb_problems_view_dispose (GObject *object)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  /* Drop-downs and stacks notify while they are torn down; the board is
   * not rebuilt into lists that are going away. */
  self->disposed = TRUE;
  g_clear_pointer (&self->data, bb_board_data_free);

  if (self->cancellable != NULL)
    {
      g_object_set_data (G_OBJECT (self->cancellable), "bb-view", NULL);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_cancellable_cancel (self->move_cancellable);
  g_clear_object (&self->move_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  /* AdwBin keeps its own pointer to the child; it lets go first so that
   * the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_PROBLEMS_VIEW);

  G_OBJECT_CLASS (bb_problems_view_parent_class)->dispose (object);
}

static void
bb_problems_view_finalize (GObject *object)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  g_clear_pointer (&self->data, bb_board_data_free);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_free (self->focus_id);
  g_free (self->last_message);
  g_strfreev (self->district_ids);
  g_strfreev (self->owner_ids);
  g_strfreev (self->partner_ids);
  g_strfreev (self->station_ids);

  G_OBJECT_CLASS (bb_problems_view_parent_class)->finalize (object);
}

static void
bb_problems_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_problems_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_problems_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static const char * const list_names[BB_SARA_N_STAGES] = {
  "list_scanning", "list_analysis", "list_response", "list_assessment", "list_closed",
};
static const char * const count_names[BB_SARA_N_STAGES] = {
  "count_scanning", "count_analysis", "count_response", "count_assessment", "count_closed",
};
static const char * const column_names[BB_SARA_N_STAGES] = {
  "column_scanning", "column_analysis", "column_response", "column_assessment", "column_closed",
};

static void
bb_problems_view_class_init (BbProblemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_problems_view_dispose;
  object_class->finalize = bb_problems_view_finalize;
  object_class->get_property = bb_problems_view_get_property;
  object_class->set_property = bb_problems_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_PROBLEM_CARD);
  g_type_ensure (BB_TYPE_PROBLEM_PAGE);
  g_type_ensure (BB_TYPE_PLAN_PAGE);
  g_type_ensure (BB_TYPE_STATION_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-problems-view.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, BbProblemsView, name)
  CHILD (stack);
  CHILD (status_page);
  CHILD (demo_button);
  CHILD (next_button);
  CHILD (leaflet);
  CHILD (toast_overlay);
  CHILD (search_entry);
  CHILD (filter_button);
  CHILD (station_button);
  CHILD (district_dropdown);
  CHILD (owner_dropdown);
  CHILD (partner_dropdown);
  CHILD (closed_button);
  CHILD (new_problem_button);
  CHILD (new_plan_button);
  CHILD (main_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "switcher", FALSE, 0);
  CHILD (plans_list);
  CHILD (problem_page);
  CHILD (plan_page);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, main_stack_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_activated_cb);

  /* Five columns of the same build, one array slot each. */
  for (guint i = 0; i < BB_SARA_N_STAGES; i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, list_names[i], FALSE,
                                                 G_STRUCT_OFFSET (BbProblemsView, lists) + i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, count_names[i], FALSE,
                                                 G_STRUCT_OFFSET (BbProblemsView, counts_labels) + i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, column_names[i], FALSE,
                                                 G_STRUCT_OFFSET (BbProblemsView, columns) + i * sizeof (gpointer));
    }

  gtk_widget_class_install_action (widget_class, "view.new-problem", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "view.new-plan", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "view.clear-filters", NULL, clear_filters_activated);
}

static void
bb_problems_view_init (BbProblemsView *self)
{
  GtkDropDown *dropdowns[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->move_cancellable = g_cancellable_new ();
  dropdowns[0] = self->district_dropdown;
  dropdowns[1] = self->owner_dropdown;
  dropdowns[2] = self->partner_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      /* Searching the partners (there are dozens) matches their names. */
      g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (dropdowns[i], expression);
    }
  bb_problems_view_setup_board (self);
  main_stack_cb (self);
  name_switcher_tabs (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.clear-filters", FALSE);
  bb_problems_view_reload (self);
}

/* Public API ---------------------------------------------------------------- */

BbStore *
bb_problems_view_get_store (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->store;
}

void
bb_problems_view_set_store (BbProblemsView *self,
                            BbStore        *store)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->data, bb_board_data_free);
  g_hash_table_remove_all (self->counts);
  bb_problem_page_set_store (self->problem_page, store);
  bb_plan_page_set_store (self->plan_page, store);
  adw_leaflet_set_visible_child_name (self->leaflet, "main");
  bb_problems_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
station_filter_changed_cb (BbProblemsView *self)
{
  if (bb_filter_update_stations (self->filter, &self->station_ids) && self->store != NULL)
    {
      /* The cards' counts were of the stations chosen before. */
      g_hash_table_remove_all (self->counts);
      bb_problems_view_reload (self);
    }
}

void
bb_problems_view_set_filter (BbProblemsView *self,
                             BbFilterState  *filter)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));
  bb_station_button_follow (self->station_button, &self->filter, filter, G_CALLBACK (station_filter_changed_cb), self);
}

AdwStatusPage *
bb_problems_view_get_status_page (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->status_page;
}

guint
bb_problems_view_get_n_cards (BbProblemsView *self,
                              BbSaraStage     stage)
{
  guint n = 0;

  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), 0);
  g_return_val_if_fail (stage < BB_SARA_N_STAGES, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[stage]));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (BB_IS_PROBLEM_CARD (child))
      n++;
  return n;
}

BbProblemCard *
bb_problems_view_find_card (BbProblemsView *self,
                            const char     *problem_id)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  g_return_val_if_fail (problem_id != NULL, NULL);

  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[s]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (BB_IS_PROBLEM_CARD (child)
          && g_str_equal (bb_problem_card_get_problem_id (BB_PROBLEM_CARD (child)), problem_id))
        return BB_PROBLEM_CARD (child);
  return NULL;
}

const char *
bb_problems_view_get_last_message (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->last_message;
}

void
bb_problems_view_show_problem (BbProblemsView *self,
                               const char     *problem_id)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));
  g_return_if_fail (problem_id != NULL);

  g_free (self->focus_id);
  self->focus_id = g_strdup (problem_id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->district_dropdown, 0);
  bb_problems_view_reload (self);
}

const char *
bb_problems_view_get_focus_problem (BbProblemsView *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    if (BB_IS_PROBLEM_CARD (focus))
      return bb_problem_card_get_problem_id (BB_PROBLEM_CARD (focus));
  return NULL;
}

void
bb_problems_view_open_problem (BbProblemsView *self,
                               const char     *problem_id)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));

  if (self->store == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, "content");
  bb_problem_page_load (self->problem_page, problem_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "problem");
}

void
bb_problems_view_open_plan (BbProblemsView *self,
                            const char     *plan_id)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));

  if (self->store == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_stack_set_visible_child_name (self->main_stack, "plans");
  bb_plan_page_load (self->plan_page, plan_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "plan");
}

BbProblemPage *
bb_problems_view_get_problem_page (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->problem_page;
}

BbPlanPage *
bb_problems_view_get_plan_page (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->plan_page;
}

const char *
bb_problems_view_get_visible_page (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "status") == 0)
    return "status";
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "main") != 0)
    return adw_leaflet_get_visible_child_name (self->leaflet);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
bb_problems_view_show_plans (BbProblemsView *self)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "main");
  gtk_stack_set_visible_child_name (self->main_stack, "plans");
}
