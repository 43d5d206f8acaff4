/* bb-problems-view.c: the Problems view: the SARA board of the problems the station works on with its partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problems-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bb-problem-card.h"
#include "bb-problems-view.h"
#include "bb-station-summary.h"
#include "bb-store-problems.h"

/* What the worker reads for the board in one go. */
typedef struct {
  GPtrArray *cards;        /* BbProblemCardInfo, in the store's order */
  GPtrArray *districts;    /* BbDistrict */
  char      *station_name;
  gint64     n_incidents;
} BoardData;

static void
board_data_free (BoardData *data)
{
  g_clear_pointer (&data->cards, g_ptr_array_unref);
  g_clear_pointer (&data->districts, g_ptr_array_unref);
  g_free (data->station_name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoardData, board_data_free)

struct _BbProblemsView
{
  AdwBin           parent_instance;

  BbStore         *store;
  GCancellable    *cancellable;   /* loading and counting; renewed by each reload */
  GCancellable    *move_cancellable;
  BoardData       *data;
  GHashTable      *counts;        /* problem id → gint64 *, the latest count of each */
  char            *focus_id;      /* the card to focus when the board is rebuilt */
  char            *last_message;
  GStrv            district_ids;  /* parallel to the dropdown, after "All districts" */
  gboolean         updating_districts;

  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkWidget       *demo_button;
  GtkWidget       *next_button;
  AdwToastOverlay *toast_overlay;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *district_dropdown;
  GtkToggleButton *closed_button;
  GtkListBox      *lists[BB_SARA_N_STAGES];
  GtkLabel        *counts_labels[BB_SARA_N_STAGES];
  GtkWidget       *columns[BB_SARA_N_STAGES];
};

G_DEFINE_FINAL_TYPE (BbProblemsView, bb_problems_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_board (BbProblemsView *self);

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

static gpointer
load_board_func (BbStore       *store,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(BoardData) data = g_new0 (BoardData, 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) officers = NULL;
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

  data->station_name = bb_store_dup_station_name (store);
  if ((data->n_incidents = bb_store_count (store, "incident", error)) < 0
      || (problems = bb_store_problem_list (store, error)) == NULL
      || (data->districts = bb_store_district_list (store, error)) == NULL
      || (officers = bb_store_officer_list (store, error)) == NULL
      || (tasks = bb_store_task_list (store, error)) == NULL
      || (plans = bb_store_plan_list (store, error)) == NULL)
    return NULL;

  for (guint i = 0; i < data->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (data->districts, i);
      g_hash_table_insert (district_names, d->id, d->name);
    }
  for (guint i = 0; i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);
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

  return g_steal_pointer (&data);
}

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

/* The board ---------------------------------------------------------------- */

static void
show_message (BbProblemsView *self,
              const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

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
      show_message (self, error->message);
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

static gboolean
info_matches (BbProblemsView          *self,
              const BbProblemCardInfo *info,
              const char              *words,
              const char              *district_id)
{
  const BbProblem *p = info->problem;

  if (district_id != NULL && g_strcmp0 (p->district_id, district_id) != 0)
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

static void
rebuild_board (BbProblemsView *self)
{
  g_autofree char *words = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *district_id = NULL;
  guint selected = gtk_drop_down_get_selected (self->district_dropdown);
  guint shown[BB_SARA_N_STAGES] = { 0 };
  BbProblemCard *focus = NULL;

  if (self->data == NULL)
    return;

  if (text != NULL && text[0] != '\0')
    words = g_utf8_casefold (text, -1);
  if (self->district_ids != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected - 1 < g_strv_length (self->district_ids))
    district_id = self->district_ids[selected - 1];

  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    clear_list (self->lists[s]);

  for (guint i = 0; i < self->data->cards->len; i++)
    {
      const BbProblemCardInfo *info = g_ptr_array_index (self->data->cards, i);
      GtkWidget *card;
      GtkDragSource *drag;
      const gint64 *count;
      BbSaraStage stage;

      if (!info_matches (self, info, words, district_id))
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
      gtk_widget_grab_focus (GTK_WIDGET (focus));
      g_clear_pointer (&self->focus_id, g_free);
    }
}

static void
update_districts (BbProblemsView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const char *previous = NULL;
  guint selected = gtk_drop_down_get_selected (self->district_dropdown);
  guint keep = 0;

  if (self->district_ids != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected - 1 < g_strv_length (self->district_ids))
    previous = self->district_ids[selected - 1];

  gtk_string_list_append (names, _("All Districts"));
  for (guint i = 0; i < self->data->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (self->data->districts, i);

      gtk_string_list_append (names, d->name);
      g_strv_builder_add (ids, d->id);
      if (g_strcmp0 (previous, d->id) == 0)
        keep = i + 1;
    }

  self->updating_districts = TRUE;
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (names));
  g_strfreev (self->district_ids);
  self->district_ids = g_strv_builder_end (ids);
  gtk_drop_down_set_selected (self->district_dropdown, keep);
  self->updating_districts = FALSE;
}

static void
filter_changed_cb (BbProblemsView *self)
{
  if (!self->updating_districts)
    rebuild_board (self);
}

static void
board_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BbProblemsView *self = user_data;
  g_autoptr(GError) error = NULL;
  BoardData *data = bb_store_run_finish (BB_STORE (source), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_clear_pointer (&self->data, board_data_free);
  self->data = data;

  if (data->cards->len == 0)
    {
      show_empty (self);
      return;
    }

  update_districts (self);
  rebuild_board (self);
  gtk_stack_set_visible_child_name (self->stack, "board");

  /* Counting a problem's incidents reads its area; off the main thread,
   * one problem at a time, each card filled in as its count arrives.
   * Until then a card shows the count of the last load, if there was one. */
  for (guint i = 0; i < data->cards->len; i++)
    {
      const BbProblemCardInfo *info = g_ptr_array_index (data->cards, i);

      bb_store_problem_count_incidents_async (self->store, info->problem->id, self->cancellable,
                                              incident_count_cb, g_strdup (info->problem->id));
    }
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
      g_clear_pointer (&self->data, board_data_free);
      show_status (self, "emblem-important-symbolic", _("No Station Open"), NULL, TRUE, FALSE);
      return;
    }
  bb_store_run_async (self->store, load_board_func, NULL, NULL, self->cancellable,
                      board_loaded_cb, self);
}

/* GObject ------------------------------------------------------------------- */

static void
bb_problems_view_dispose (GObject *object)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  if (self->cancellable != NULL)
    {
      g_object_set_data (G_OBJECT (self->cancellable), "bb-view", NULL);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_cancellable_cancel (self->move_cancellable);
  g_clear_object (&self->move_cancellable);
  g_clear_object (&self->store);
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

  g_clear_pointer (&self->data, board_data_free);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_free (self->focus_id);
  g_free (self->last_message);
  g_strfreev (self->district_ids);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-problems-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, stack);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, closed_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

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
}

static void
bb_problems_view_init (BbProblemsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->move_cancellable = g_cancellable_new ();

  /* A card dropped on a column asks to move there. */
  for (guint s = 0; s < BB_SARA_N_STAGES; s++)
    {
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

      g_object_set_data (G_OBJECT (drop), "bb-stage", GUINT_TO_POINTER (s));
      g_signal_connect_object (drop, "drop", G_CALLBACK (column_drop_cb), self, 0);
      gtk_widget_add_controller (self->columns[s], GTK_EVENT_CONTROLLER (drop));
    }

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

  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->data, board_data_free);
  g_hash_table_remove_all (self->counts);
  bb_problems_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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
