/* bb-surveys-page.c: the Surveys page: rounds of resident surveys, their results, entry and import */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-surveys-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-record-item.h"
#include "bb-station-summary.h"
#include "bb-store-surveys.h"
#include "bb-surveys-page-private.h"

G_DEFINE_FINAL_TYPE (BbSurveysPage, bb_surveys_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
bb_surveys_page_toast (BbSurveysPage *self,
                       const char    *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The list of surveys ---------------------------------------------------------- */

typedef struct {
  GPtrArray  *surveys;     /* BbSurvey */
  GHashTable *counts;      /* survey id → respondents */
  GPtrArray  *figures;     /* BbSurveyAggregate */
} Listing;

static void
listing_free (Listing *l)
{
  g_clear_pointer (&l->surveys, g_ptr_array_unref);
  g_clear_pointer (&l->counts, g_hash_table_unref);
  g_clear_pointer (&l->figures, g_ptr_array_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

static gpointer
list_in_store (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(Listing) l = g_new0 (Listing, 1);

  l->surveys = bb_store_survey_list (store, error);
  if (l->surveys == NULL)
    return NULL;
  l->counts = bb_store_survey_count_responses (store, error);
  if (l->counts == NULL)
    return NULL;
  l->figures = bb_store_survey_aggregate_list (store, error);
  if (l->figures == NULL)
    return NULL;
  return g_steal_pointer (&l);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  BbRecordItem *record = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (bb_record_item_get_title (record));
  GtkWidget *subtitle = gtk_label_new (bb_record_item_get_subtitle (record));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "bb-id", g_strdup (bb_record_item_get_id (record)), g_free);
  return row;
}

static GtkListBoxRow *
row_of (BbSurveysPage *self,
        const char    *survey_id)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->survey_list, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "bb-id"), survey_id) == 0)
        return row;
    }
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BbSurveysPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Listing) l = bb_store_run_finish (BB_STORE (object), result, &error);
  g_autofree char *keep = NULL;

  self->loading--;
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->stack != NULL)
        bb_surveys_page_toast (self, error->message);
      g_object_unref (self);
      return;
    }
  if (self->stack == NULL)
    {
      g_object_unref (self);
      return;
    }

  keep = g_strdup (self->selected_id);
  self->selecting = TRUE;
  g_list_store_remove_all (self->surveys);
  for (guint i = 0; i < l->surveys->len; i++)
    {
      BbSurvey *s = l->surveys->pdata[i];
      guint64 n = GPOINTER_TO_SIZE (g_hash_table_lookup (l->counts, s->id));
      g_autofree char *respondents = g_strdup_printf (ngettext ("%llu respondent",
                                                                "%llu respondents", n), (unsigned long long) n);
      /* Translators: under a survey in the list: its first day and how many answered */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), s->period_start, respondents);
      g_autoptr(BbRecordItem) item = bb_record_item_new (&bb_survey_record, bb_survey_copy (s), s->title, subtitle);

      g_list_store_append (self->surveys, item);
    }
  self->selecting = FALSE;
  self->has_figures = l->figures->len > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->figures_list), self->has_figures);
  bb_aggregates_view_set_figures (self->aggregates_view, g_steal_pointer (&l->figures));

  gtk_stack_set_visible_child_name (self->stack, l->surveys->len > 0 || self->has_figures ? "content" : "empty");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "figures") == 0 && self->has_figures)
    bb_surveys_page_show_figures (self);
  else if (!bb_surveys_page_select_survey (self, keep) && !bb_surveys_page_select_survey (self, NULL)
           && self->has_figures)
    bb_surveys_page_show_figures (self);
  bb_surveys_page_update_actions (self);
  g_object_unref (self);
}

void
bb_surveys_page_reload (BbSurveysPage *self)
{
  /* Nothing is read for a page nobody looks at; it reads when shown. */
  if (self->store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  if (self->store == NULL)
    {
      g_list_store_remove_all (self->surveys);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      bb_survey_results_view_show (self->results_view, NULL, NULL);
      bb_surveys_page_update_actions (self);
      return;
    }
  self->loading++;
  bb_store_run_async_full (self->store, list_in_store, (GDestroyNotify) listing_free, NULL, NULL, self->cancellable,
                           listed_cb, g_object_ref (self));
}

gboolean
bb_surveys_page_select_survey (BbSurveysPage *self,
                               const char    *survey_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), FALSE);

  row = survey_id != NULL ? row_of (self, survey_id) : gtk_list_box_get_row_at_index (self->survey_list, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->survey_list, row);
  return TRUE;
}

static void
survey_selected_cb (BbSurveysPage *self,
                    GtkListBoxRow *row)
{
  const char *id;

  if (row == NULL)
    return;
  id = g_object_get_data (G_OBJECT (row), "bb-id");
  gtk_list_box_unselect_all (self->figures_list);
  gtk_stack_set_visible_child_name (self->content_stack, "results");
  if (g_strcmp0 (id, self->selected_id) != 0 || g_strcmp0 (bb_survey_results_view_get_survey_id (self->results_view), id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
      bb_survey_results_view_show (self->results_view, self->store, id);
    }
  else if (!self->selecting)
    bb_survey_results_view_reload (self->results_view);
  bb_surveys_page_update_actions (self);
}

gboolean
bb_surveys_page_show_figures (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), FALSE);

  if (!self->has_figures)
    return FALSE;
  gtk_list_box_select_row (self->figures_list, gtk_list_box_get_row_at_index (self->figures_list, 0));
  return TRUE;
}

static void
figures_selected_cb (BbSurveysPage *self,
                     GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  gtk_list_box_unselect_all (self->survey_list);
  gtk_stack_set_visible_child_name (self->content_stack, "figures");
  bb_surveys_page_update_actions (self);
}

static gboolean
refresh_cb (gpointer data)
{
  BbSurveysPage *self = data;

  self->refresh_id = 0;
  bb_surveys_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbSurveysPage *self,
                  guint          changes)
{
  /* Imports and the paper form tell their changes one after the other:
   * read again once things are quiet. */
  if ((changes & (BB_STORE_CHANGE_SURVEYS | BB_STORE_CHANGE_DISTRICTS | BB_STORE_CHANGE_OTHER)) != 0
      && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (250, refresh_cb, self);
}

static void
bb_surveys_page_map (GtkWidget *widget)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (widget);

  GTK_WIDGET_CLASS (bb_surveys_page_parent_class)->map (widget);
  if (self->stale)
    bb_surveys_page_reload (self);
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_surveys_page_dispose (GObject *object)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_SURVEYS_PAGE);

  G_OBJECT_CLASS (bb_surveys_page_parent_class)->dispose (object);
}

static void
bb_surveys_page_finalize (GObject *object)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->surveys);
  g_free (self->selected_id);

  G_OBJECT_CLASS (bb_surveys_page_parent_class)->finalize (object);
}

static void
bb_surveys_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (object);

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
bb_surveys_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BbSurveysPage *self = BB_SURVEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_surveys_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_surveys_page_class_init (BbSurveysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_surveys_page_dispose;
  object_class->finalize = bb_surveys_page_finalize;
  object_class->get_property = bb_surveys_page_get_property;
  object_class->set_property = bb_surveys_page_set_property;
  widget_class->map = bb_surveys_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_SURVEY_RESULTS_VIEW);
  g_type_ensure (BB_TYPE_AGGREGATES_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-surveys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, survey_list);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, figures_list);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, BbSurveysPage, aggregates_view);
  gtk_widget_class_bind_template_callback (widget_class, survey_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, figures_selected_cb);
  bb_surveys_page_install_actions (widget_class);
}

static void
bb_surveys_page_init (BbSurveysPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->surveys = g_list_store_new (BB_TYPE_RECORD_ITEM);
  gtk_list_box_bind_model (self->survey_list, G_LIST_MODEL (self->surveys), create_row_cb, NULL, NULL);
  bb_surveys_page_update_actions (self);
}

BbStore *
bb_surveys_page_get_store (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);
  return self->store;
}

void
bb_surveys_page_set_store (BbSurveysPage *self,
                           BbStore       *store)
{
  g_return_if_fail (BB_IS_SURVEYS_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->selected_id, g_free);
  bb_surveys_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

guint
bb_surveys_page_get_n_surveys (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->surveys));
}

gboolean
bb_surveys_page_is_loading (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), FALSE);
  return self->loading > 0 || self->refresh_id != 0 || bb_survey_results_view_is_loading (self->results_view)
         || (self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

const char *
bb_surveys_page_get_survey_id (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "results") == 0 ? self->selected_id : NULL;
}

BbSurveyResultsView *
bb_surveys_page_get_results_view (BbSurveysPage *self)
{
  g_return_val_if_fail (BB_IS_SURVEYS_PAGE (self), NULL);
  return self->results_view;
}
