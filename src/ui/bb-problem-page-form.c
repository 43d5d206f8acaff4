/* bb-problem-page-form.c: the problem page's form: the directory it chooses from, filling it, reading it back */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problem-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-problem-page-private.h"

/* Small helpers -------------------------------------------------------------- */

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_day_entry (BbProblemPage *self,
               AdwEntryRow   *row,
               gint64         seconds,
               gboolean       is_end)
{
  /* An end is stored as the first second after the last day. */
  g_autofree char *day = bb_form_day_of (seconds != BB_UNSET_TIME && is_end ? seconds - 1 : seconds, self->tz);

  set_entry (row, day);
}

void
bb_problem_page_set_combo_strings (AdwComboRow        *row,
                                   const char * const *names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (names);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static guint
index_of_id (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; id != NULL && i < records->len; i++)
    if (g_strcmp0 (((BbRecord *) g_ptr_array_index (records, i))->id, id) == 0)
      return i;
  return G_MAXUINT;
}

const char *
bb_problem_page_category_name (BbProblemPage *self,
                               const char    *id)
{
  guint i = index_of_id (self->categories, id);

  return i != G_MAXUINT ? ((BbCategory *) g_ptr_array_index (self->categories, i))->name : NULL;
}

/* The directory the page chooses from ---------------------------------------- */

/* The partners and the categories are long lists: their check rows are
 * built when their expander row is first opened, and the choice lives in
 * a set meanwhile. */
typedef enum {
  PARTNERS,
  CATEGORIES,
} Choice;

static GPtrArray *
choice_records (BbProblemPage *self,
                Choice         choice)
{
  return choice == PARTNERS ? self->partners : self->categories;
}

static GHashTable *
choice_set (BbProblemPage *self,
            Choice         choice)
{
  return choice == PARTNERS ? self->partner_set : self->category_set;
}

static const char *
record_name (gconstpointer record,
             Choice        choice)
{
  return choice == PARTNERS ? ((const BbPartner *) record)->name : ((const BbCategory *) record)->name;
}

static void
update_choice_subtitle (BbProblemPage *self,
                        Choice         choice)
{
  GPtrArray *records = choice_records (self, choice);
  GHashTable *set = choice_set (self, choice);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    {
      BbRecord *record = g_ptr_array_index (records, i);

      if (g_hash_table_contains (set, record->id) && n++ < 3)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "", record_name (record, choice));
    }
  if (n > 3)
    /* Translators: after the first three names, "and 2 more" */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more", n - 3), n - 3);
  adw_expander_row_set_subtitle (choice == PARTNERS ? self->partners_row : self->categories_row,
                                 n > 0 ? names->str : choice == PARTNERS ? _("None yet") : _("Every category"));
}

static void
choice_toggled_cb (GtkCheckButton *check,
                   BbProblemPage  *self)
{
  Choice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "bb-choice"));
  const char *id = g_object_get_data (G_OBJECT (check), "bb-id");

  if (self->populating)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (choice_set (self, choice), g_strdup (id));
  else
    g_hash_table_remove (choice_set (self, choice), id);
  update_choice_subtitle (self, choice);
  bb_problem_page_field_changed (self);
}

static GtkWidget *
check_row (const char *title,
           const char *subtitle,
           GtkWidget **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = gtk_check_button_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), *check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *check);
  return row;
}

static void
remove_expander_rows (AdwExpanderRow *expander,
                      GPtrArray      *checks)
{
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (checks, i), ADW_TYPE_ACTION_ROW);

      if (row != NULL)
        adw_expander_row_remove (expander, row);
    }
  g_ptr_array_set_size (checks, 0);
}

static void
build_choice_rows (BbProblemPage *self,
                   Choice         choice)
{
  GPtrArray *records = choice_records (self, choice);
  GPtrArray *checks = choice == PARTNERS ? self->partner_checks : self->category_checks;
  AdwExpanderRow *expander = choice == PARTNERS ? self->partners_row : self->categories_row;

  if (checks->len > 0 || records == NULL)
    return;
  self->populating = TRUE;
  for (guint i = 0; i < records->len; i++)
    {
      BbRecord *record = g_ptr_array_index (records, i);
      const char *subtitle = NULL;
      GtkWidget *check;
      GtkWidget *row;

      if (choice == CATEGORIES)
        {
          guint parent = index_of_id (self->categories, ((BbCategory *) record)->parent_id);

          subtitle = parent != G_MAXUINT ? ((BbCategory *) g_ptr_array_index (self->categories, parent))->name
                                         : _("With its subcategories");
        }
      row = check_row (record_name (record, choice), subtitle, &check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (choice_set (self, choice), record->id));
      g_object_set_data (G_OBJECT (check), "bb-choice", GINT_TO_POINTER (choice));
      g_object_set_data_full (G_OBJECT (check), "bb-id", g_strdup (record->id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (choice_toggled_cb), self, 0);
      g_ptr_array_add (checks, check);
      adw_expander_row_add_row (expander, row);
    }
  self->populating = FALSE;
}

void
bb_problem_page_choice_expanded_cb (AdwExpanderRow *expander,
                                    GParamSpec     *pspec,
                                    BbProblemPage  *self)
{
  if (!self->disposed && adw_expander_row_get_expanded (expander))
    build_choice_rows (self, expander == self->partners_row ? PARTNERS : CATEGORIES);
}

void
bb_problem_page_load_directory (BbProblemPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (self->store, &error);
  g_autoptr(GStrvBuilder) districts = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) owners = g_strv_builder_new ();
  g_auto(GStrv) district_names = NULL;
  g_auto(GStrv) owner_names = NULL;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  if (station != NULL && station->timezone != NULL)
    self->tz = g_time_zone_new_identifier (station->timezone);
  if (self->tz == NULL)
    self->tz = g_time_zone_new_utc ();

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->people, bb_people_choice_free);
  if ((self->districts = bb_store_district_list (self->store, &error)) == NULL
      || (self->officers = bb_store_officer_list (self->store, &error)) == NULL
      || (self->partners = bb_store_partner_list (self->store, &error)) == NULL
      || (self->categories = bb_store_category_list (self->store, &error)) == NULL)
    {
      bb_problem_page_show_error (self, NULL, error->message);
      self->districts = g_ptr_array_new ();
      self->officers = g_ptr_array_new ();
      self->partners = g_ptr_array_new ();
      self->categories = g_ptr_array_new ();
    }
  self->people = bb_people_choice_new (self->officers, self->partners, _("Nobody yet"));

  self->populating = TRUE;
  g_strv_builder_add (districts, _("No district: the whole station"));
  for (guint i = 0; i < self->districts->len; i++)
    g_strv_builder_add (districts, ((BbDistrict *) g_ptr_array_index (self->districts, i))->name);
  district_names = g_strv_builder_end (districts);
  bb_problem_page_set_combo_strings (self->district_row, (const char * const *) district_names);

  g_strv_builder_add (owners, _("No owner yet"));
  for (guint i = 0; i < self->officers->len; i++)
    g_strv_builder_add (owners, ((BbOfficer *) g_ptr_array_index (self->officers, i))->name);
  owner_names = g_strv_builder_end (owners);
  bb_problem_page_set_combo_strings (self->owner_row, (const char * const *) owner_names);

  remove_expander_rows (self->partners_row, self->partner_checks);
  remove_expander_rows (self->categories_row, self->category_checks);
  if (adw_expander_row_get_expanded (self->partners_row))
    build_choice_rows (self, PARTNERS);
  if (adw_expander_row_get_expanded (self->categories_row))
    build_choice_rows (self, CATEGORIES);
  self->populating = FALSE;
}

void
bb_problem_page_fill_form (BbProblemPage   *self,
                           const BbProblem *p,
                           GStrv            category_ids,
                           GStrv            partner_ids)
{
  guint district = index_of_id (self->districts, p->district_id);
  guint owner = index_of_id (self->officers, p->owner_id);
  g_autofree char *buffer = bb_form_format_number (p->buffer_m);

  self->populating = TRUE;
  set_entry (self->title_row, p->title);
  set_text_view (self->statement_view, p->statement);
  adw_combo_row_set_selected (self->priority_row, CLAMP (p->priority, 1, 3) - 1);
  adw_combo_row_set_selected (self->district_row, district != G_MAXUINT ? district + 1 : 0);
  adw_combo_row_set_selected (self->owner_row, owner != G_MAXUINT ? owner + 1 : 0);
  g_hash_table_remove_all (self->partner_set);
  g_hash_table_remove_all (self->category_set);
  for (guint i = 0; partner_ids != NULL && partner_ids[i] != NULL; i++)
    g_hash_table_add (self->partner_set, g_strdup (partner_ids[i]));
  for (guint i = 0; category_ids != NULL && category_ids[i] != NULL; i++)
    g_hash_table_add (self->category_set, g_strdup (category_ids[i]));
  for (guint i = 0; i < self->partner_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->partner_checks, i);

      gtk_check_button_set_active (check, g_hash_table_contains (self->partner_set,
                                                                 g_object_get_data (G_OBJECT (check), "bb-id")));
    }
  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      gtk_check_button_set_active (check, g_hash_table_contains (self->category_set,
                                                                 g_object_get_data (G_OBJECT (check), "bb-id")));
    }
  set_entry (self->offender_row, p->offender);
  set_entry (self->handler_row, p->handler);
  set_entry (self->victim_row, p->victim);
  set_entry (self->guardian_row, p->guardian);
  set_entry (self->place_row, p->place);
  set_entry (self->manager_row, p->manager);
  set_text_view (self->analysis_view, p->analysis_notes);
  set_day_entry (self, self->period_start_row, p->period_start, FALSE);
  set_day_entry (self, self->period_end_row, p->period_end, TRUE);
  set_day_entry (self, self->baseline_start_row, p->baseline_start, FALSE);
  set_day_entry (self, self->baseline_end_row, p->baseline_end, TRUE);
  set_day_entry (self, self->response_start_row, p->response_start, FALSE);
  set_day_entry (self, self->response_end_row, p->response_end, TRUE);
  set_entry (self->buffer_row, buffer);
  set_text_view (self->decision_view, p->assessment_notes);
  self->clear_area = FALSE;
  g_clear_pointer (&self->drawn_area, g_free);
  bb_problem_page_update_area (self);
  self->populating = FALSE;
  update_choice_subtitle (self, PARTNERS);
  update_choice_subtitle (self, CATEGORIES);
  bb_problem_page_set_dirty (self, FALSE);
}

/* Reading the form -------------------------------------------------------------- */

/* @seconds holds the stored value and receives the new one. */
static gboolean
read_day (BbProblemPage *self,
          AdwEntryRow   *row,
          gboolean       is_end,
          gint64        *seconds)
{
  g_autofree char *day = NULL;

  if (!bb_form_parse_day (gtk_editable_get_text (GTK_EDITABLE (row)), &day))
    {
      /* Translators: %s is the name of a field, "Period from (YYYY-MM-DD)" */
      g_autofree char *message = g_strdup_printf (_("Type the day as 2026-03-14, or leave it empty: “%s”."),
                                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      bb_problem_page_show_error (self, GTK_WIDGET (row), message);
      return FALSE;
    }
  /* A day left as it was shown keeps the time stored (periods written by
   * an import or from a map selection need not start at midnight). */
  if (day != NULL && *seconds != BB_UNSET_TIME)
    {
      g_autofree char *shown = bb_form_day_of (is_end ? *seconds - 1 : *seconds, self->tz);

      if (g_strcmp0 (shown, day) == 0)
        return TRUE;
    }
  *seconds = day == NULL ? BB_UNSET_TIME : bb_form_day_start (day, self->tz);
  if (day != NULL && is_end)
    *seconds += 86400;   /* to the end of that day */
  return TRUE;
}

static gboolean
read_period (BbProblemPage *self,
             AdwEntryRow   *start_row,
             AdwEntryRow   *end_row,
             const char    *what,
             gint64        *start,
             gint64        *end)
{
  if (!read_day (self, start_row, FALSE, start) || !read_day (self, end_row, TRUE, end))
    return FALSE;
  if (*start != BB_UNSET_TIME && *end != BB_UNSET_TIME && *end <= *start)
    {
      /* Translators: %s is "The period", "The baseline", "The response" */
      g_autofree char *message = g_strdup_printf (_("%s ends before it starts."), what);

      bb_problem_page_show_error (self, GTK_WIDGET (end_row), message);
      return FALSE;
    }
  return TRUE;
}

/* The problem as the form has it, or NULL with the error shown. */
BbProblem *
bb_problem_page_read_form (BbProblemPage  *self,
                           GStrv          *category_ids,
                           GStrv          *partner_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = NULL;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) partners = g_strv_builder_new ();
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  guint district = adw_combo_row_get_selected (self->district_row);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  double buffer;

  bb_problem_page_clear_error (self);
  /* The form goes onto the problem as the store holds it now: what the
   * form does not show (the stage after a move, the area) stays. */
  p = self->problem_id != NULL ? bb_store_problem_get (self->store, self->problem_id, &error) : bb_problem_new ();
  if (p == NULL)
    {
      bb_problem_page_show_error (self, NULL, error->message);
      return NULL;
    }
  if (title[0] == '\0')
    {
      bb_problem_page_show_error (self, GTK_WIDGET (self->title_row),
                                  _("Give the problem a title, a few words that name it on the board."));
      return NULL;
    }
  g_free (p->title);
  p->title = g_steal_pointer (&title);
  g_free (p->statement);
  p->statement = text_of (self->statement_view);
  p->priority = (int) MIN (adw_combo_row_get_selected (self->priority_row), 2) + 1;
  g_free (p->district_id);
  p->district_id = district > 0 && district <= self->districts->len
                   ? g_strdup (((BbDistrict *) g_ptr_array_index (self->districts, district - 1))->id) : NULL;
  g_free (p->owner_id);
  p->owner_id = owner > 0 && owner <= self->officers->len
                ? g_strdup (((BbOfficer *) g_ptr_array_index (self->officers, owner - 1))->id) : NULL;

#define TAKE(field, row) G_STMT_START { g_free (p->field); \
    p->field = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row)))); } G_STMT_END
  TAKE (offender, offender_row);
  TAKE (handler, handler_row);
  TAKE (victim, victim_row);
  TAKE (guardian, guardian_row);
  TAKE (place, place_row);
  TAKE (manager, manager_row);
#undef TAKE
  g_free (p->analysis_notes);
  p->analysis_notes = text_of (self->analysis_view);
  g_free (p->assessment_notes);
  p->assessment_notes = text_of (self->decision_view);

  if (!read_period (self, self->period_start_row, self->period_end_row, _("The period"),
                    &p->period_start, &p->period_end)
      || !read_period (self, self->baseline_start_row, self->baseline_end_row, _("The baseline"),
                       &p->baseline_start, &p->baseline_end)
      || !read_period (self, self->response_start_row, self->response_end_row, _("The response"),
                       &p->response_start, &p->response_end))
    return NULL;
  if (!bb_form_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->buffer_row)), &buffer)
      || (!isnan (buffer) && (buffer < 0 || buffer > 100000)))
    {
      bb_problem_page_show_error (self, GTK_WIDGET (self->buffer_row),
                                  _("Type the buffer around the area in metres, between 0 and 100000."));
      return NULL;
    }
  p->buffer_m = isnan (buffer) ? 200 : buffer;
  if (self->clear_area)
    g_clear_pointer (&p->area, g_free);
  if (self->drawn_area != NULL)
    {
      g_free (p->area);
      p->area = g_strdup (self->drawn_area);
    }

  /* In the directory's order; ids no longer in the directory drop out. */
  for (guint i = 0; i < self->categories->len; i++)
    if (g_hash_table_contains (self->category_set, ((BbCategory *) g_ptr_array_index (self->categories, i))->id))
      g_strv_builder_add (categories, ((BbCategory *) g_ptr_array_index (self->categories, i))->id);
  for (guint i = 0; i < self->partners->len; i++)
    if (g_hash_table_contains (self->partner_set, ((BbPartner *) g_ptr_array_index (self->partners, i))->id))
      g_strv_builder_add (partners, ((BbPartner *) g_ptr_array_index (self->partners, i))->id);
  *category_ids = g_strv_builder_end (categories);
  *partner_ids = g_strv_builder_end (partners);
  return g_steal_pointer (&p);
}


/* The area ------------------------------------------------------------------ */

void
bb_problem_page_update_area (BbProblemPage *self)
{
  const BbProblem *p = self->detail != NULL ? self->detail->problem : NULL;
  gboolean stored = p != NULL && p->area != NULL && p->area[0] != '\0';
  const char *shown = self->drawn_area != NULL ? self->drawn_area : stored && !self->clear_area ? p->area : NULL;
  const char *boundary = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  BbBBox extent;

  adw_action_row_set_subtitle (self->area_row,
                               self->drawn_area != NULL ? _("Drawn on the map below; it counts once saved")
                               : shown != NULL ? _("Chosen on the map (a selection, a hot spot, or drawn below)")
                               : self->clear_area ? _("The whole district, once saved")
                               : _("None: the whole district counts. Drag on the map below to draw an area, or "
                                   "open an area of the Map view as a problem."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "problem.clear-area", shown != NULL);

  for (guint i = 0; p != NULL && p->district_id != NULL && self->districts != NULL && i < self->districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (self->districts, i);

      if (g_strcmp0 (d->id, p->district_id) == 0)
        boundary = d->boundary;
    }
  for (guint i = 0; self->detail != NULL && i < self->detail->incidents->len; i++)
    {
      BbIncident *incident = g_ptr_array_index (self->detail->incidents, i);

      g_array_append_val (points, incident->lon);
      g_array_append_val (points, incident->lat);
    }
  bb_area_sketch_set_district (self->area_sketch, boundary);
  bb_area_sketch_set_area (self->area_sketch, shown);
  bb_area_sketch_set_points (self->area_sketch, (const double *) points->data, points->len / 2);
  /* Nothing to place it on (a new problem of no district): no map. */
  gtk_widget_set_visible (self->area_map_row, bb_area_sketch_get_extent (self->area_sketch, &extent));
}

void
bb_problem_page_area_drawn_cb (BbProblemPage *self,
                               const char    *geometry)
{
  g_free (self->drawn_area);
  self->drawn_area = g_strdup (geometry);
  self->clear_area = FALSE;
  bb_problem_page_set_dirty (self, TRUE);
  bb_problem_page_update_area (self);
}
