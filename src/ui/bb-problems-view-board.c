/* bb-problems-view-board.c: the SARA board: its cards, live counts, filters and moves */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problems-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bb-problem-card.h"
#include "bb-problems-view-private.h"
#include "bb-store-problems.h"

/* Loading, on the store's worker ------------------------------------------ */

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A day as the window's language writes dates (the incidents table's
 * format). */
static char *
format_day (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return dt != NULL ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("?");
}

/* The same for a stored "2026-11-30". */
static char *
format_iso_day (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3
      || (dt = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso);
  return g_date_time_format (dt, _("%Y-%m-%d"));
}

static const char *
name_of (GHashTable *names,
         const char *id)
{
  return id != NULL ? g_hash_table_lookup (names, id) : NULL;
}

void
bb_board_data_free (BbBoardData *data)
{
  g_clear_pointer (&data->cards, g_ptr_array_unref);
  g_clear_pointer (&data->districts, g_ptr_array_unref);
  g_clear_pointer (&data->officers, g_ptr_array_unref);
  g_clear_pointer (&data->partners, g_ptr_array_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_free (data->station_name);
  g_free (data);
}

gpointer
bb_problems_view_load_func (BbStore       *store,
                            gpointer       user_data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(BbBoardData) data = g_new0 (BbBoardData, 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GHashTable) district_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) officer_names = g_hash_table_new (g_str_hash, g_str_equal);
  /* response id → problem id, problem id → earliest open task's date,
   * problem id → earliest review not done */
  g_autoptr(GHashTable) response_problem = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) next_due = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) next_review = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *today = today_string ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* At headquarters, only the chosen stations' problems and plans. */
  const char * const *station_ids = user_data;

  data->station_name = bb_store_dup_station_name (store);
  if ((data->n_incidents = bb_store_count (store, "incident", error)) < 0
      || (problems = bb_store_list_by_stations (store, &bb_problem_record, station_ids, error)) == NULL
      || (data->districts = bb_store_district_list (store, error)) == NULL
      || (data->officers = bb_store_officer_list (store, error)) == NULL
      || (data->partners = bb_store_partner_list (store, error)) == NULL
      || (tasks = bb_store_task_list (store, error)) == NULL
      || (plans = bb_store_list_by_stations (store, &bb_plan_record, station_ids, error)) == NULL)
    return NULL;

  for (guint i = 0; i < data->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (data->districts, i);
      g_hash_table_insert (district_names, d->id, d->name);
    }
  for (guint i = 0; i < data->officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (data->officers, i);
      g_hash_table_insert (officer_names, o->id, o->name);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);
      g_autoptr(GPtrArray) responses = bb_store_response_list (store, p->id, error);

      if (responses == NULL)
        return NULL;
      for (guint r = 0; r < responses->len; r++)
        {
          BbResponse *response = g_ptr_array_index (responses, r);
          g_hash_table_insert (response_problem, g_strdup (response->id), g_strdup (p->id));
        }
    }
  for (guint i = 0; i < tasks->len; i++)
    {
      BbTask *t = g_ptr_array_index (tasks, i);
      const char *problem_id;
      const char *due;

      if (t->done || t->due_date == NULL || t->response_id == NULL)
        continue;
      if ((problem_id = g_hash_table_lookup (response_problem, t->response_id)) == NULL)
        continue;
      due = g_hash_table_lookup (next_due, problem_id);
      if (due == NULL || strcmp (t->due_date, due) < 0)
        g_hash_table_insert (next_due, g_strdup (problem_id), g_strdup (t->due_date));
    }
  /* A plan's review dates concern the problems it takes on. */
  for (guint i = 0; i < plans->len; i++)
    {
      BbPlan *plan = g_ptr_array_index (plans, i);
      g_auto(GStrv) linked = bb_store_plan_dup_problems (store, plan->id, error);
      g_autoptr(GPtrArray) reviews = NULL;
      const char *earliest = NULL;

      if (linked == NULL || (reviews = bb_store_plan_review_list (store, plan->id, error)) == NULL)
        return NULL;
      for (guint r = 0; r < reviews->len; r++)
        {
          BbPlanReview *review = g_ptr_array_index (reviews, r);

          if (!review->done && review->review_date != NULL && strcmp (review->review_date, today) < 0
              && (earliest == NULL || strcmp (review->review_date, earliest) < 0))
            earliest = review->review_date;
        }
      for (guint k = 0; earliest != NULL && linked[k] != NULL; k++)
        {
          const char *known = g_hash_table_lookup (next_review, linked[k]);

          if (known == NULL || strcmp (earliest, known) < 0)
            g_hash_table_insert (next_review, g_strdup (linked[k]), g_strdup (earliest));
        }
    }

  data->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_problem_card_info_free);
  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *p = g_ptr_array_index (problems, i);
      BbProblemCardInfo *info = g_new0 (BbProblemCardInfo, 1);
      const char *due = g_hash_table_lookup (next_due, p->id);
      const char *review = g_hash_table_lookup (next_review, p->id);
      BbSaraStage stage = BB_SARA_SCANNING;

      bb_sara_stage_from_string (p->stage, &stage);
      info->problem = bb_problem_copy (p);
      info->district_name = g_strdup (name_of (district_names, p->district_id));
      info->owner_name = g_strdup (name_of (officer_names, p->owner_id));
      info->next_due = format_iso_day (due);
      info->next_due_passed = due != NULL && strcmp (due, today) < 0;
      if ((info->partner_ids = bb_store_problem_dup_partners (store, p->id, error)) == NULL)
        {
          bb_problem_card_info_free (info);
          return NULL;
        }
      if (stage == BB_SARA_RESPONSE && p->response_end != BB_UNSET_TIME && p->response_end < now)
        {
          g_autofree char *day = format_day (p->response_end);
          /* Translators: %s is a date, "2026-09-30" */
          info->warning = g_strdup_printf (_("The response period ended on %s: time to assess it."), day);
        }
      else if (stage != BB_SARA_CLOSED && review != NULL)
        {
          g_autofree char *day = format_iso_day (review);

          /* Translators: %s is a date, "2026-09-30" */
          info->warning = g_strdup_printf (_("The plan’s review date %s has passed."), day);
        }
      g_ptr_array_add (data->cards, info);
    }

  if (!bb_problems_view_load_plans (store, data, station_ids, error))
    return NULL;
  return g_steal_pointer (&data);
}

/* Moving cards -------------------------------------------------------------- */

static void
problem_moved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BbProblemsView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bb_store_problem_move_finish (BB_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      bb_problems_view_show_message (self, error->message);
      return;
    }
  bb_problems_view_reload (self);
}

static void
move_problem (BbProblemsView *self,
              const char     *problem_id,
              BbSaraStage     stage)
{
  if (self->store == NULL)
    return;
  g_free (self->focus_id);
  self->focus_id = g_strdup (problem_id);
  bb_store_problem_move_async (self->store, problem_id, stage, self->move_cancellable,
                               problem_moved_cb, self);
}

static void
card_move_cb (BbProblemCard  *card,
              int             direction,
              BbProblemsView *self)
{
  int target = (int) bb_problem_card_get_stage (card) + direction;

  if (target < 0 || target >= BB_SARA_N_STAGES)
    return;
  /* The Closed column shows where a closed card went. */
  if (target == BB_SARA_CLOSED)
    gtk_toggle_button_set_active (self->closed_button, TRUE);
  move_problem (self, bb_problem_card_get_problem_id (card), target);
}

static GdkContentProvider *
card_drag_prepare_cb (GtkDragSource *source,
                      double         x,
                      double         y,
                      BbProblemCard *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (card));

  gtk_drag_source_set_icon (source, paintable, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_STRING, bb_problem_card_get_problem_id (card));
}

static gboolean
column_drop_cb (GtkDropTarget  *target,
                const GValue   *value,
                double          x,
                double          y,
                BbProblemsView *self)
{
  BbSaraStage stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (target), "bb-stage"));
  const char *problem_id = g_value_get_string (value);
  BbProblemCard *card = bb_problems_view_find_card (self, problem_id);

  if (card == NULL || bb_problem_card_get_stage (card) == stage)
    return FALSE;
  move_problem (self, problem_id, stage);
  return TRUE;
}

static void
card_activated_cb (BbProblemsView *self,
                   GtkListBoxRow  *row)
{
  if (BB_IS_PROBLEM_CARD (row))
    bb_problems_view_open_problem (self, bb_problem_card_get_problem_id (BB_PROBLEM_CARD (row)));
}

void
bb_problems_view_setup_board (BbProblemsView *self)
{
  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    {
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

      /* A card dropped on a column asks to move there. */
      g_object_set_data (G_OBJECT (drop), "bb-stage", GUINT_TO_POINTER (s));
      g_signal_connect_object (drop, "drop", G_CALLBACK (column_drop_cb), self, 0);
      gtk_widget_add_controller (self->columns[s], GTK_EVENT_CONTROLLER (drop));

      /* Enter or a double click opens a card; one click only focuses it,
       * so that a drag never opens it by accident. */
      gtk_list_box_set_activate_on_single_click (self->lists[s], FALSE);
      g_signal_connect_object (self->lists[s], "row-activated", G_CALLBACK (card_activated_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

/* Counting --------------------------------------------------------------------- */

static void
incident_count_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree char *problem_id = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = bb_store_problem_count_incidents_finish (BB_STORE (source), result, &error);
  BbProblemsView *self;
  BbProblemCard *card;

  /* Cancelled: the view was rebuilt or is gone. */
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = g_object_get_data (G_OBJECT (g_task_get_cancellable (G_TASK (result))), "bb-view");
  if (self == NULL)
    return;
  if (n < 0)
    {
      g_debug ("Counting the incidents of %s: %s", problem_id, error->message);
      return;
    }
  g_hash_table_insert (self->counts, g_strdup (problem_id), g_memdup2 (&n, sizeof n));
  if ((card = bb_problems_view_find_card (self, problem_id)) != NULL)
    bb_problem_card_set_incident_count (card, n);
}

void
bb_problems_view_count_cards (BbProblemsView *self)
{
  /* Counting a problem's incidents reads its area; off the main thread,
   * one problem at a time, each card filled in as its count arrives.
   * Until then a card shows the count of the last load, if there was one. */
  for (guint i = 0; i < self->data->cards->len; i++)
    {
      const BbProblemCardInfo *info = g_ptr_array_index (self->data->cards, i);

      bb_store_problem_count_incidents_async (self->store, info->problem->id,
                                              (const char * const *) self->station_ids, self->cancellable,
                                              incident_count_cb, g_strdup (info->problem->id));
    }
}

/* Filters and the board ----------------------------------------------------------- */

static const char *
chosen (GtkDropDown *dropdown,
        GStrv        ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected - 1 >= g_strv_length (ids))
    return NULL;
  return ids[selected - 1];
}

static gboolean
info_matches (const BbProblemCardInfo *info,
              const char              *words,
              const char              *district_id,
              const char              *owner_id,
              const char              *partner_id)
{
  const BbProblem *p = info->problem;

  if (district_id != NULL && g_strcmp0 (p->district_id, district_id) != 0)
    return FALSE;
  if (owner_id != NULL && g_strcmp0 (p->owner_id, owner_id) != 0)
    return FALSE;
  if (partner_id != NULL
      && (info->partner_ids == NULL || !g_strv_contains ((const char * const *) info->partner_ids, partner_id)))
    return FALSE;
  if (words != NULL)
    {
      g_autofree char *haystack = g_strjoin (" ", p->title, p->statement != NULL ? p->statement : "",
                                             info->district_name != NULL ? info->district_name : "",
                                             info->owner_name != NULL ? info->owner_name : "", NULL);
      g_autofree char *folded = g_utf8_casefold (haystack, -1);
      g_auto(GStrv) tokens = g_strsplit_set (words, " \t", -1);

      for (guint i = 0; tokens[i] != NULL; i++)
        if (tokens[i][0] != '\0' && strstr (folded, tokens[i]) == NULL)
          return FALSE;
    }
  return TRUE;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (!BB_IS_PROBLEM_CARD (child))
        {
          /* The placeholder is the last child; nothing else remains. */
          if (gtk_widget_get_next_sibling (child) == NULL)
            break;
          child = gtk_widget_get_next_sibling (child);
        }
      gtk_list_box_remove (list, child);
    }
}

void
bb_problems_view_rebuild_board (BbProblemsView *self)
{
  g_autofree char *words = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *district_id = chosen (self->district_dropdown, self->district_ids);
  const char *owner_id = chosen (self->owner_dropdown, self->owner_ids);
  const char *partner_id = chosen (self->partner_dropdown, self->partner_ids);
  guint shown[BB_SARA_N_STAGES] = { 0 };
  guint n_filters = (district_id != NULL) + (owner_id != NULL) + (partner_id != NULL);
  g_autofree char *filter_label = NULL;
  BbProblemCard *focus = NULL;

  if (self->data == NULL || self->disposed)
    return;

  /* Translators: the filter button with filters set, "Filters (2)" */
  filter_label = n_filters > 0 ? g_strdup_printf (_("Filters (%u)"), n_filters) : g_strdup (_("Filters"));
  gtk_menu_button_set_label (self->filter_button, filter_label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.clear-filters", n_filters > 0);

  if (text != NULL && text[0] != '\0')
    words = g_utf8_casefold (text, -1);

  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    clear_list (self->lists[s]);

  for (guint i = 0; i < self->data->cards->len; i++)
    {
      const BbProblemCardInfo *info = g_ptr_array_index (self->data->cards, i);
      GtkWidget *card;
      GtkDragSource *drag;
      const gint64 *count;
      BbSaraStage stage;

      if (!info_matches (info, words, district_id, owner_id, partner_id))
        continue;
      card = bb_problem_card_new (info);
      stage = bb_problem_card_get_stage (BB_PROBLEM_CARD (card));
      if ((count = g_hash_table_lookup (self->counts, info->problem->id)) != NULL)
        bb_problem_card_set_incident_count (BB_PROBLEM_CARD (card), *count);
      g_signal_connect_object (card, "move", G_CALLBACK (card_move_cb), self, 0);

      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect_object (drag, "prepare", G_CALLBACK (card_drag_prepare_cb), card, 0);
      gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (drag));

      gtk_list_box_append (self->lists[stage], card);
      shown[stage]++;
      if (self->focus_id != NULL && g_str_equal (self->focus_id, info->problem->id))
        focus = BB_PROBLEM_CARD (card);
    }

  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    {
      g_autofree char *n = g_strdup_printf ("%u", shown[s]);
      gtk_label_set_label (self->counts_labels[s], n);
    }

  if (focus != NULL)
    {
      if (bb_problem_card_get_stage (focus) == BB_SARA_CLOSED)
        gtk_toggle_button_set_active (self->closed_button, TRUE);
      if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "main") == 0)
        gtk_widget_grab_focus (GTK_WIDGET (focus));
      g_clear_pointer (&self->focus_id, g_free);
    }
}

static GStrv
fill_dropdown (GtkDropDown *dropdown,
               GStrv        old_ids,
               const char  *all,
               GPtrArray   *records,
               gsize        name_offset)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const char *previous = chosen (dropdown, old_ids);
  guint keep = 0;

  gtk_string_list_append (names, all);
  for (guint i = 0; i < records->len; i++)
    {
      BbRecord *record = g_ptr_array_index (records, i);

      gtk_string_list_append (names, G_STRUCT_MEMBER (char *, record, name_offset));
      g_strv_builder_add (ids, record->id);
      if (g_strcmp0 (previous, record->id) == 0)
        keep = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, keep);
  return g_strv_builder_end (ids);
}

void
bb_problems_view_update_filters (BbProblemsView *self)
{
  GStrv ids;

  self->updating_filters = TRUE;
  ids = fill_dropdown (self->district_dropdown, self->district_ids, _("All Districts"), self->data->districts,
                       G_STRUCT_OFFSET (BbDistrict, name));
  g_strfreev (self->district_ids);
  self->district_ids = ids;
  ids = fill_dropdown (self->owner_dropdown, self->owner_ids, _("All Owners"), self->data->officers,
                       G_STRUCT_OFFSET (BbOfficer, name));
  g_strfreev (self->owner_ids);
  self->owner_ids = ids;
  ids = fill_dropdown (self->partner_dropdown, self->partner_ids, _("All Partners"), self->data->partners,
                       G_STRUCT_OFFSET (BbPartner, name));
  g_strfreev (self->partner_ids);
  self->partner_ids = ids;
  self->updating_filters = FALSE;
}
