/* bb-problem-page.c: one problem worked on with partners: statement, triangle, incidents, responses, tasks, assessment */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problem-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-problem-page-private.h"
#include "bb-confirm.h"
#include "bb-sara.h"
#include "bb-store-problems.h"

G_DEFINE_FINAL_TYPE (BbProblemPage, bb_problem_page, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
priority_name (int priority)
{
  switch (priority)
    {
    case 1: return C_("problem priority", "High");
    case 2: return C_("problem priority", "Medium");
    default: return C_("problem priority", "Low");
    }
}

GtkWindow *
bb_problem_page_window (BbProblemPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
bb_problem_page_toast (BbProblemPage *self,
                       const char    *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_free (self->message);
  self->message = g_strdup (text);
  /* The newest note takes the place of the one shown: quick edits do not
   * queue up a line of notes. */
  /* A toast's title is markup; names (“Rock & Roll bar”) are not. */
  escaped = g_markup_escape_text (text, -1);
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, escaped);
      return;
    }
  toast = adw_toast_new (escaped);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
bb_problem_page_clear_error (BbProblemPage *self)
{
  if (self->marked != NULL)
    gtk_widget_remove_css_class (self->marked, "error");
  self->marked = NULL;
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

void
bb_problem_page_show_error (BbProblemPage *self,
                            GtkWidget     *field,
                            const char    *message)
{
  bb_problem_page_clear_error (self);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
      self->marked = field;
    }
}

void
bb_problem_page_set_dirty (BbProblemPage *self,
                           gboolean       dirty)
{
  self->dirty = dirty;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.save", dirty || self->problem_id == NULL);
}

void
bb_problem_page_field_changed (BbProblemPage *self)
{
  if (!self->populating && !self->disposed)
    bb_problem_page_set_dirty (self, TRUE);
}

/* Showing the problem -------------------------------------------------------- */

static void
update_moves (BbProblemPage *self)
{
  BbSaraStage stage = BB_SARA_SCANNING;
  g_autofree char *next = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *stage_text = NULL;

  if (self->detail != NULL)
    bb_sara_stage_from_string (self->detail->problem->stage, &stage);
  if (stage < BB_SARA_CLOSED)
    /* Translators: a button that moves a problem on, "Move to Analysis" */
    next = g_strdup_printf (_("Move to %s"), bb_sara_stage_describe (stage + 1));
  if (stage > BB_SARA_SCANNING)
    /* Translators: a button that moves a problem back, "Back to Scanning" */
    previous = g_strdup_printf (_("Back to %s"), bb_sara_stage_describe (stage - 1));
  gtk_button_set_label (self->next_button, next != NULL ? next : _("Closed"));
  gtk_button_set_label (self->previous_button, previous != NULL ? previous : _("Back"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), next != NULL && self->problem_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->previous_button), previous != NULL && self->problem_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.move-next", next != NULL && self->problem_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.move-previous",
                                 previous != NULL && self->problem_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.close-problem", stage == BB_SARA_ASSESSMENT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.reanalyse", stage == BB_SARA_ASSESSMENT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.delete", self->problem_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.add-response", self->problem_id != NULL);

  if (self->problem_id == NULL)
    stage_text = g_strdup (_("New problem, not saved yet"));
  else
    /* Translators: under the problem's title: its stage of problem solving */
    stage_text = g_strdup_printf (_("Stage: %s"), bb_sara_stage_describe (stage));
  gtk_label_set_label (self->stage_label, stage_text);
}

static void
populate (BbProblemPage *self)
{
  const BbProblem *p = self->detail != NULL ? self->detail->problem : NULL;

  gtk_label_set_label (self->heading_label, p != NULL ? p->title : _("New Problem"));
  update_moves (self);
  bb_problem_page_update_area (self);
  /* What the user is typing stays; what changed elsewhere is shown. */
  if (!self->dirty)
    {
      if (p != NULL)
        bb_problem_page_fill_form (self, p, self->detail->category_ids, self->detail->partner_ids);
      else
        {
          g_autoptr(BbProblem) blank = bb_problem_new ();

          bb_problem_page_fill_form (self, blank, NULL, NULL);
        }
    }
  bb_problem_page_fill_lists (self);
  bb_problem_page_fill_assessment (self);
  bb_problem_page_fill_hotspots (self);
  gtk_stack_set_visible_child_name (self->stack, "page");
}

static void
detail_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BbProblemPage *self = user_data;
  g_autoptr(GError) error = NULL;
  BbProblemDetail *detail = bb_store_problem_detail_load_finish (BB_STORE (source), result, &error);

  if (detail == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      bb_problem_page_show_error (self, NULL, error->message);
      gtk_stack_set_visible_child_name (self->stack, "page");
      return;
    }
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  self->detail = detail;
  populate (self);
}

void
bb_problem_page_reload (BbProblemPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->store == NULL)
    return;
  if (self->problem_id == NULL)
    {
      g_clear_pointer (&self->detail, bb_problem_detail_free);
      populate (self);
      return;
    }
  bb_store_problem_detail_load_async (self->store, self->problem_id, self->cancellable, detail_loaded_cb, self);
}

static gboolean
reload_cb (gpointer data)
{
  BbProblemPage *self = data;

  self->reload_source = 0;
  bb_problem_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (BbProblemPage *self,
                  guint          changes)
{
  /* Several commits in a row (a save and its links, an import) reload once. */
  if (self->problem_id != NULL && self->reload_source == 0
      && (changes & (BB_STORE_CHANGE_PROBLEMS | BB_STORE_CHANGE_INCIDENTS | BB_STORE_CHANGE_DIRECTORY)))
    self->reload_source = g_timeout_add (100, reload_cb, self);
}

/* Writes the form in one transaction; FALSE with the error shown. */
static gboolean
save (BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) partners = NULL;
  g_autoptr(BbProblem) p = bb_problem_page_read_form (self, &categories, &partners);
  gboolean is_new = self->problem_id == NULL;

  if (p == NULL)
    return FALSE;
  if (!bb_store_problem_save (self->store, p, (const char * const *) categories,
                              (const char * const *) partners, &error))
    {
      bb_problem_page_show_error (self, NULL, error->message);
      return FALSE;
    }
  if (is_new)
    {
      self->problem_id = g_strdup (p->id);
      bb_problem_page_toast (self, _("The problem is on the board, in Scanning"));
    }
  else
    bb_problem_page_toast (self, _("Saved"));
  bb_problem_page_set_dirty (self, FALSE);
  /* The form shows what was saved until the reload brings it back. */
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  gtk_label_set_label (self->heading_label, p->title);
  bb_problem_page_reload (self);
  return TRUE;
}

/* Actions ------------------------------------------------------------------------ */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (BB_PROBLEM_PAGE (widget));
}

/* The field a refused move asks for, to mark it and bring it into view. */
static GtkWidget *
field_wanted (BbProblemPage *self,
              const GError  *error)
{
  if (error->domain != BB_SARA_ERROR)
    return NULL;
  switch (error->code)
    {
    case BB_SARA_ERROR_NO_STATEMENT:
      return GTK_WIDGET (self->statement_view);
    case BB_SARA_ERROR_NO_RESPONSE_PERIOD:
      return GTK_WIDGET (self->response_start_row);
    case BB_SARA_ERROR_NO_DECISION:
      return GTK_WIDGET (self->decision_view);
    default:
      return NULL;
    }
}

static void
moved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BbProblemPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bb_store_problem_move_finish (BB_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bb_problem_page_show_error (self, field_wanted (self, error), error->message);
      return;
    }
  if (self->disposed)
    return;
  {
    g_autoptr(BbProblem) p = bb_store_problem_get (BB_STORE (source), self->problem_id, NULL);
    BbSaraStage stage;

    if (p != NULL && bb_sara_stage_from_string (p->stage, &stage))
      {
        /* Translators: after a move, "The problem is in Analysis now" */
        g_autofree char *text = g_strdup_printf (_("The problem is in %s now"), bb_sara_stage_describe (stage));

        bb_problem_page_toast (self, text);
      }
  }
  bb_problem_page_reload (self);
}

static void
move_to (BbProblemPage *self,
         BbSaraStage    stage)
{
  if (self->problem_id == NULL || self->store == NULL)
    return;
  /* What was typed (a statement, a response period) counts for the move. */
  if (self->dirty && !save (self))
    return;
  bb_problem_page_clear_error (self);
  /* Not the detail's cancellable: the reload that the save above brings
   * may come before the move has run, and would drop it. */
  bb_store_problem_move_async (self->store, self->problem_id, stage, self->move_cancellable, moved_cb,
                               g_object_ref (self));
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (widget);
  g_autoptr(BbProblem) stored = NULL;
  BbSaraStage stage = BB_SARA_SCANNING;

  /* From the stage the store holds: the page may still show the last one. */
  if (self->problem_id == NULL || (stored = bb_store_problem_get (self->store, self->problem_id, NULL)) == NULL)
    return;
  bb_sara_stage_from_string (stored->stage, &stage);
  if (g_str_equal (action_name, "problem.move-next") && stage < BB_SARA_CLOSED)
    move_to (self, stage + 1);
  else if (g_str_equal (action_name, "problem.move-previous") && stage > BB_SARA_SCANNING)
    move_to (self, stage - 1);
  else if (g_str_equal (action_name, "problem.close-problem"))
    move_to (self, BB_SARA_CLOSED);
  else if (g_str_equal (action_name, "problem.reanalyse"))
    move_to (self, BB_SARA_ANALYSIS);
}

static void
leave (BbProblemPage *self)
{
  bb_problem_page_clear_error (self);
  bb_problem_page_set_dirty (self, FALSE);
  g_signal_emit (self, signals[BACK], 0);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BbProblemPage    *self)
{
  if (g_str_equal (response, "save"))
    {
      if (save (self))
        leave (self);
    }
  else if (g_str_equal (response, "discard"))
    leave (self);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (widget);
  AdwMessageDialog *dialog;

  if (!self->dirty)
    {
      leave (self);
      return;
    }
  dialog = bb_confirm_save_changes_new (bb_problem_page_window (self), _("The problem’s details were changed and not saved."));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BbProblemPage    *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->problem_id == NULL)
    return;
  if (!bb_store_problem_delete (self->store, self->problem_id, &error))
    {
      bb_problem_page_show_error (self, NULL, error->message);
      return;
    }
  g_clear_pointer (&self->problem_id, g_free);
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  leave (self);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (widget);
  AdwMessageDialog *dialog;

  if (self->detail == NULL)
    return;
  dialog = bb_confirm_delete_new (bb_problem_page_window (self), _("Delete the Problem?"), NULL);
  adw_message_dialog_format_body (dialog,
                                  _("“%s”, its responses and their tasks are deleted. The incidents stay."),
                                  self->detail->problem->title);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_area_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (widget);

  self->clear_area = TRUE;
  g_clear_pointer (&self->drawn_area, g_free);
  bb_problem_page_set_dirty (self, TRUE);
  bb_problem_page_update_area (self);
}

static void
add_response_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  bb_problem_page_add_response (BB_PROBLEM_PAGE (widget));
}

/* GObject ---------------------------------------------------------------------- */

static void
bb_problem_page_dispose (GObject *object)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (object);

  self->disposed = TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->move_cancellable);
  g_clear_object (&self->move_cancellable);
  g_cancellable_cancel (self->hotspots_cancellable);
  g_clear_object (&self->hotspots_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  self->marked = NULL;
  g_clear_weak_pointer (&self->toast);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_PROBLEM_PAGE);

  G_OBJECT_CLASS (bb_problem_page_parent_class)->dispose (object);
}

static void
bb_problem_page_finalize (GObject *object)
{
  BbProblemPage *self = BB_PROBLEM_PAGE (object);

  g_free (self->problem_id);
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->people, bb_people_choice_free);
  g_hash_table_unref (self->partner_set);
  g_hash_table_unref (self->category_set);
  g_ptr_array_unref (self->partner_checks);
  g_ptr_array_unref (self->category_checks);
  g_ptr_array_unref (self->response_rows);
  g_ptr_array_unref (self->review_rows);
  g_free (self->error_text);
  g_free (self->drawn_area);
  g_free (self->message);

  G_OBJECT_CLASS (bb_problem_page_parent_class)->finalize (object);
}

static void
bb_problem_page_class_init (BbProblemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_problem_page_dispose;
  object_class->finalize = bb_problem_page_finalize;

  /**
   * BbProblemPage::back:
   *
   * The user leaves the page (back to the board, or the problem was deleted).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BB_TYPE_MINI_CHART);
  g_type_ensure (BB_TYPE_AREA_SKETCH);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-problem-page.ui");
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_start", G_CALLBACK (gtk_spinner_start));
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_stop", G_CALLBACK (gtk_spinner_stop));
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, BbProblemPage, name)
  CHILD (toast_overlay);
  CHILD (heading_label);
  CHILD (stage_label);
  CHILD (previous_button);
  CHILD (next_button);
  CHILD (error_revealer);
  CHILD (error_label);
  CHILD (stack);
  CHILD (preferences_page);
  CHILD (title_row);
  CHILD (statement_view);
  CHILD (priority_row);
  CHILD (district_row);
  CHILD (owner_row);
  CHILD (partners_row);
  CHILD (offender_row);
  CHILD (handler_row);
  CHILD (victim_row);
  CHILD (guardian_row);
  CHILD (place_row);
  CHILD (manager_row);
  CHILD (analysis_view);
  CHILD (categories_row);
  CHILD (period_start_row);
  CHILD (period_end_row);
  CHILD (area_row);
  CHILD (area_map_row);
  CHILD (area_sketch);
  CHILD (count_row);
  CHILD (months_chart);
  CHILD (hours_box);
  CHILD (hours_label);
  CHILD (area_hotspots_row);
  CHILD (incidents_row);
  CHILD (excluded_row);
  CHILD (responses_group);
  CHILD (baseline_start_row);
  CHILD (baseline_end_row);
  CHILD (response_start_row);
  CHILD (response_end_row);
  CHILD (buffer_row);
  CHILD (not_assessed_label);
  CHILD (results_box);
  CHILD (results_grid);
  CHILD (results_chart);
  CHILD (change_label);
  CHILD (wdq_label);
  CHILD (summary_label);
  CHILD (decision_view);
  CHILD (reviews_group);
#undef CHILD
  /* Named for tests and for scrolling to them; the code needs no pointer. */
  gtk_widget_class_bind_template_child_full (widget_class, "problem_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "triangle_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "incidents_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "assessment_group", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "problem.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "problem.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "problem.move-next", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "problem.move-previous", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "problem.close-problem", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "problem.reanalyse", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "problem.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "problem.clear-area", NULL, clear_area_activated);
  gtk_widget_class_install_action (widget_class, "problem.add-response", NULL, add_response_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "problem.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "problem.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "problem.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "problem.move-previous", NULL);
}

static void
bb_problem_page_init (BbProblemPage *self)
{
  const char *priorities[] = { priority_name (1), priority_name (2), priority_name (3), NULL };

  self->partner_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->category_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->partner_checks = g_ptr_array_new ();
  self->category_checks = g_ptr_array_new ();
  self->response_rows = g_ptr_array_new ();
  self->review_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->move_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  bb_problem_page_set_combo_strings (self->priority_row, priorities);
  g_signal_connect_object (self->area_sketch, "area-drawn", G_CALLBACK (bb_problem_page_area_drawn_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->partners_row, "notify::expanded", G_CALLBACK (bb_problem_page_choice_expanded_cb),
                           self, 0);
  g_signal_connect_object (self->categories_row, "notify::expanded", G_CALLBACK (bb_problem_page_choice_expanded_cb),
                           self, 0);
  g_signal_connect_object (self->incidents_row, "notify::expanded",
                           G_CALLBACK (bb_problem_page_incidents_expanded_cb), self, 0);
  g_signal_connect_object (self->excluded_row, "notify::expanded",
                           G_CALLBACK (bb_problem_page_incidents_expanded_cb), self, 0);
  {
    AdwEntryRow *entries[] = {
      self->title_row, self->offender_row, self->handler_row, self->victim_row, self->guardian_row,
      self->place_row, self->manager_row, self->period_start_row, self->period_end_row,
      self->baseline_start_row, self->baseline_end_row, self->response_start_row, self->response_end_row,
      self->buffer_row,
    };
    GtkTextView *views[] = { self->statement_view, self->analysis_view, self->decision_view };
    AdwComboRow *combos[] = { self->priority_row, self->district_row, self->owner_row };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (bb_problem_page_field_changed), self, G_CONNECT_SWAPPED);
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      g_signal_connect_object (gtk_text_view_get_buffer (views[i]), "changed", G_CALLBACK (bb_problem_page_field_changed), self,
                               G_CONNECT_SWAPPED);
    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (bb_problem_page_field_changed), self,
                               G_CONNECT_SWAPPED);
  }
  bb_problem_page_set_dirty (self, FALSE);
  update_moves (self);
}

/* Public API -------------------------------------------------------------------- */

GtkWidget *
bb_problem_page_new (void)
{
  return g_object_new (BB_TYPE_PROBLEM_PAGE, NULL);
}

void
bb_problem_page_set_store (BbProblemPage *self,
                           BbStore       *store)
{
  g_return_if_fail (BB_IS_PROBLEM_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->problem_id, g_free);
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      bb_problem_page_load_directory (self);
    }
}

void
bb_problem_page_load (BbProblemPage *self,
                      const char    *problem_id)
{
  g_return_if_fail (BB_IS_PROBLEM_PAGE (self));

  if (self->store == NULL)
    return;
  bb_problem_page_clear_error (self);
  g_free (self->problem_id);
  self->problem_id = g_strdup (problem_id);
  g_clear_pointer (&self->detail, bb_problem_detail_free);
  g_clear_pointer (&self->message, g_free);
  bb_problem_page_set_dirty (self, FALSE);
  /* Names of partners and officers may have changed since the last problem. */
  bb_problem_page_load_directory (self);
  bb_problem_page_clear_lists (self);
  gtk_stack_set_visible_child_name (self->stack, problem_id != NULL ? "loading" : "page");
  bb_problem_page_reload (self);
  if (problem_id == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

const char *
bb_problem_page_get_problem_id (BbProblemPage *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_PAGE (self), NULL);
  return self->problem_id;
}

gboolean
bb_problem_page_is_loaded (BbProblemPage *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_PAGE (self), FALSE);
  return self->problem_id == NULL || (self->detail != NULL && g_str_equal (self->detail->problem->id, self->problem_id));
}

gboolean
bb_problem_page_is_dirty (BbProblemPage *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_PAGE (self), FALSE);
  return self->dirty;
}

const char *
bb_problem_page_get_error (BbProblemPage *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_PAGE (self), NULL);
  return self->error_text;
}

const char *
bb_problem_page_get_message (BbProblemPage *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_PAGE (self), NULL);
  return self->message;
}
