/* bb-reports-form.c: what a document is made of: period, district, event, plan, language, paper and the chief's words */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-reports-form"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-reports-form.h"
#include "bb-store-calendar.h"
#include "bb-templates.h"

/* The languages of the field, each named in itself. */
static const struct {
  const char *code;
  const char *name;
} languages[] = {
  { "en", "English" }, { "az", "Azərbaycanca" }, { "ru", "Русский" }, { "ro", "Română" },
  { "uk", "Українська" }, { "sq", "Shqip" }, { "et", "Eesti" }, { "lv", "Latviešu" }, { "tg", "Тоҷикӣ" },
};

static const char *const topic_names[BB_N_LEAFLET_TOPICS] = {
  [BB_LEAFLET_BURGLARY] = N_("Burglary"),
  [BB_LEAFLET_ROAD_SAFETY] = N_("Road safety"),
  [BB_LEAFLET_DRUGS] = N_("Drugs"),
  [BB_LEAFLET_FRAUD_ELDERLY] = N_("Fraud against older people"),
  [BB_LEAFLET_DOMESTIC_VIOLENCE] = N_("Domestic violence helplines"),
};

typedef struct {
  char    *id;
  gint64   occurrence;   /* BB_UNSET_TIME for a one-off or an exception */
  gint64   start;
  char    *label;
  gboolean has_agenda;
  gboolean has_minutes;
} EventChoice;

/* What the station offers to choose from, read on a worker. */
typedef struct {
  GPtrArray       *district_ids;
  GPtrArray       *district_names;
  GPtrArray       *officer_ids;
  GPtrArray       *officer_names;
  GPtrArray       *plan_ids;
  GPtrArray       *plan_names;
  GArray          *events;       /* EventChoice */
  BbReportRequest *defaults;     /* one per kind of the catalogue */
  guint            n_defaults;
} Choices;

static void
event_choice_clear (gpointer data)
{
  EventChoice *e = data;

  g_free (e->id);
  g_free (e->label);
}

static void
choices_free (Choices *c)
{
  g_clear_pointer (&c->district_ids, g_ptr_array_unref);
  g_clear_pointer (&c->district_names, g_ptr_array_unref);
  g_clear_pointer (&c->officer_ids, g_ptr_array_unref);
  g_clear_pointer (&c->officer_names, g_ptr_array_unref);
  g_clear_pointer (&c->plan_ids, g_ptr_array_unref);
  g_clear_pointer (&c->plan_names, g_ptr_array_unref);
  g_clear_pointer (&c->events, g_array_unref);
  for (guint i = 0; i < c->n_defaults; i++)
    bb_report_request_clear (&c->defaults[i]);
  g_free (c->defaults);
  g_free (c);
}

struct _BbReportsForm
{
  AdwBin              parent_instance;

  BbStore            *store;
  GCancellable       *cancellable;
  Choices            *choices;
  const BbReportKind *kind;
  GPtrArray          *periods;       /* "2026-Q3" or "2026-09" of period_row */
  GArray             *event_rows;    /* index into choices->events of event_row */
  BbReportRequest    *pending;       /* to show once the choices are read */
  gboolean            filling;

  AdwPreferencesGroup *content_group;
  AdwPreferencesGroup *print_group;
  AdwPreferencesGroup *messages_group;
  AdwComboRow        *period_row;
  AdwComboRow        *district_row;
  AdwComboRow        *event_row;
  AdwComboRow        *officer_row;
  AdwComboRow        *plan_row;
  AdwComboRow        *topic_row;
  AdwComboRow        *language_row;
  AdwActionRow       *bleed_row;
  GtkSwitch          *bleed_switch;
  AdwActionRow       *min_count_row;
  GtkSpinButton      *min_count_spin;
  GtkTextView        *messages_view;
};

G_DEFINE_FINAL_TYPE (BbReportsForm, bb_reports_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
value_changed_cb (BbReportsForm *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
choices_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BbStore *store = task_data;
  Choices *c = g_new0 (Choices, 1);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, NULL);
  g_autoptr(GTimeZone) tz = station != NULL && station->timezone != NULL ? g_time_zone_new_identifier (station->timezone) : NULL;
  GError *error = NULL;
  const BbReportKind *kinds = bb_report_kinds (&c->n_defaults);
  gint64 pivot = g_get_real_time () / G_USEC_PER_SEC;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  c->district_ids = g_ptr_array_new_with_free_func (g_free);
  c->district_names = g_ptr_array_new_with_free_func (g_free);
  c->officer_ids = g_ptr_array_new_with_free_func (g_free);
  c->officer_names = g_ptr_array_new_with_free_func (g_free);
  c->plan_ids = g_ptr_array_new_with_free_func (g_free);
  c->plan_names = g_ptr_array_new_with_free_func (g_free);
  c->events = g_array_new (FALSE, TRUE, sizeof (EventChoice));
  g_array_set_clear_func (c->events, event_choice_clear);
  c->defaults = g_new0 (BbReportRequest, c->n_defaults);

  if ((districts = bb_store_district_list (store, &error)) == NULL ||
      (officers = bb_store_officer_list (store, &error)) == NULL ||
      (plans = bb_store_plan_list (store, &error)) == NULL)
    {
      choices_free (c);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      g_ptr_array_add (c->district_ids, g_strdup (d->id));
      g_ptr_array_add (c->district_names, g_strdup (d->name));
    }
  for (guint i = 0; i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      g_ptr_array_add (c->officer_ids, g_strdup (o->id));
      g_ptr_array_add (c->officer_names, g_strdup (o->name));
    }
  for (guint i = 0; i < plans->len; i++)
    {
      BbPlan *p = g_ptr_array_index (plans, i);

      g_ptr_array_add (c->plan_ids, g_strdup (p->id));
      g_ptr_array_add (c->plan_names, g_strdup (p->title));
    }
  /* What each document would be made of if the user chose nothing. */
  for (guint k = 0; k < c->n_defaults; k++)
    {
      bb_report_request_init (&c->defaults[k]);
      bb_report_request_fill_defaults (&c->defaults[k], &kinds[k], store, NULL);
      if (g_str_equal (kinds[k].id, "agenda") && c->defaults[k].event_id != NULL)
        {
          g_autoptr(BbEvent) e = bb_store_event_get (store, c->defaults[k].event_id, NULL);

          if (e != NULL)
            pivot = c->defaults[k].occurrence != BB_UNSET_TIME ? c->defaults[k].occurrence : e->start_at;
        }
    }
  /* The events of a year either side of the station's present. */
  items = bb_store_calendar_items (store, pivot - 366 * 86400, pivot + 366 * 86400, NULL, NULL, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);
      g_autoptr(BbEvent) e = NULL;
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *day = NULL;
      EventChoice choice = { 0 };

      if (item->kind != BB_CALENDAR_ITEM_EVENT || (e = bb_store_event_get (store, item->id, NULL)) == NULL)
        continue;
      utc = g_date_time_new_from_unix_utc (item->start);
      local = g_date_time_to_timezone (utc, tz);
      day = g_date_time_format (local, "%Y-%m-%d");
      choice.id = g_strdup (item->id);
      choice.occurrence = e->rrule != NULL ? item->start : BB_UNSET_TIME;
      choice.start = item->start;
      choice.label = g_strdup_printf ("%s · %s", day, item->title);
      choice.has_agenda = e->agenda != NULL && *e->agenda;
      choice.has_minutes = e->minutes != NULL && *e->minutes;
      g_array_append_val (c->events, choice);
    }
  g_task_return_pointer (task, c, (GDestroyNotify) choices_free);
}

static guint
kind_index (const BbReportKind *kind)
{
  guint n;
  const BbReportKind *kinds = bb_report_kinds (&n);

  return (guint) (kind - kinds);
}

static void
fill_periods (BbReportsForm         *self,
              const BbReportRequest *defaults)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->periods, 0);
  if (self->kind->needs & BB_REPORT_NEEDS_QUARTER)
    {
      /* The last eight quarters, the newest first. */
      for (int i = 0; i < 8; i++)
        {
          int q = defaults->quarter - i, y = defaults->year;
          g_autofree char *label = NULL;

          while (q < 1)
            q += 4, y--;
          /* TRANSLATORS: a quarter of a year, e.g. "2026, quarter 3" */
          label = g_strdup_printf (_("%d, quarter %d"), y, q);
          gtk_string_list_append (list, label);
          g_ptr_array_add (self->periods, g_strdup_printf ("%d-Q%d", y, q));
        }
    }
  else if (self->kind->needs & BB_REPORT_NEEDS_MONTH)
    {
      /* From a year back to three months ahead. */
      for (int i = -12; i <= 3; i++)
        {
          g_autoptr(GDateTime) first = g_date_time_new_utc (defaults->year, defaults->month, 1, 0, 0, 0);
          g_autoptr(GDateTime) month = g_date_time_add_months (first, i);
          g_autofree char *label = g_date_time_format (month, "%B %Y");

          gtk_string_list_append (list, label);
          g_ptr_array_add (self->periods, g_date_time_format (month, "%Y-%m"));
          if (i == 0)
            selected = self->periods->len - 1;
        }
    }
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->period_row, selected);
}

static void
fill_names (AdwComboRow *row,
            GPtrArray   *names,
            const char  *first)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return i;
  return 0;
}

static void
fill_events (BbReportsForm         *self,
             const BbReportRequest *defaults)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean agenda = g_str_equal (self->kind->id, "agenda");
  gboolean minutes = g_str_equal (self->kind->id, "minutes");
  gint64 pivot = G_MININT64;
  guint selected = 0;

  for (guint i = 0; i < self->choices->events->len; i++)
    {
      EventChoice *e = &g_array_index (self->choices->events, EventChoice, i);

      if (g_strcmp0 (e->id, defaults->event_id) == 0 &&
          (defaults->occurrence == BB_UNSET_TIME || defaults->occurrence == e->occurrence))
        pivot = e->start;
    }
  g_array_set_size (self->event_rows, 0);
  for (guint i = 0; i < self->choices->events->len; i++)
    {
      EventChoice *e = &g_array_index (self->choices->events, EventChoice, i);

      /* Agendas and posters of what is coming; minutes of what was held. */
      if ((agenda && !e->has_agenda) || (minutes && !e->has_minutes))
        continue;
      if (pivot != G_MININT64 && (minutes ? e->start > pivot : e->start < pivot))
        continue;
      if (e->start == pivot)
        selected = self->event_rows->len;
      gtk_string_list_append (list, e->label);
      g_array_append_val (self->event_rows, i);
    }
  if (self->event_rows->len == 0)
    gtk_string_list_append (list, _("No event to choose"));
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->event_row, selected);
}

/* Shows the fields the kind needs, filled with the station's choices. */
static void
fill (BbReportsForm *self)
{
  BbReportNeeds needs;
  const BbReportRequest *defaults;

  if (self->kind == NULL)
    return;
  needs = self->kind->needs;
  gtk_widget_set_visible (GTK_WIDGET (self->period_row), (needs & (BB_REPORT_NEEDS_QUARTER | BB_REPORT_NEEDS_MONTH)) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->district_row),
                          (needs & (BB_REPORT_NEEDS_DISTRICT | BB_REPORT_MAY_USE_DISTRICT)) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->event_row), (needs & BB_REPORT_NEEDS_EVENT) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->officer_row), (needs & BB_REPORT_NEEDS_OFFICER) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_row), (needs & BB_REPORT_NEEDS_PLAN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->topic_row), (needs & BB_REPORT_NEEDS_TOPIC) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->bleed_row), (needs & BB_REPORT_HAS_BLEED) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_group), (needs & BB_REPORT_HAS_KEY_MESSAGES) != 0);
  if (self->choices == NULL)
    return;

  self->filling = TRUE;
  defaults = &self->choices->defaults[kind_index (self->kind)];
  fill_periods (self, defaults);
  fill_names (self->district_row, self->choices->district_names,
              (needs & BB_REPORT_MAY_USE_DISTRICT) ? _("All districts") : NULL);
  adw_combo_row_set_selected (self->district_row, (needs & BB_REPORT_MAY_USE_DISTRICT)
                                                  ? 0 : index_of (self->choices->district_ids, defaults->district_id));
  fill_names (self->officer_row, self->choices->officer_names, NULL);
  adw_combo_row_set_selected (self->officer_row, index_of (self->choices->officer_ids, defaults->officer_id));
  fill_names (self->plan_row, self->choices->plan_names, self->choices->plan_ids->len == 0 ? _("No plan to choose") : NULL);
  adw_combo_row_set_selected (self->plan_row, index_of (self->choices->plan_ids, defaults->plan_id));
  fill_events (self, defaults);
  self->filling = FALSE;
}

static void
choices_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BbReportsForm) self = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = g_task_propagate_pointer (G_TASK (result), &error);

  if (choices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The report form's choices could not be read: %s", error->message);
      return;
    }
  g_clear_pointer (&self->choices, choices_free);
  self->choices = choices;
  fill (self);
  if (self->pending != NULL)
    {
      g_autofree BbReportRequest *pending = g_steal_pointer (&self->pending);

      bb_reports_form_set_request (self, pending);
      bb_report_request_clear (pending);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
bb_reports_form_set_store (BbReportsForm *self,
                           BbStore       *store)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BB_IS_REPORTS_FORM (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->choices, choices_free);
  g_set_object (&self->store, store);
  if (store == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, choices_ready_cb, g_object_ref (self));
  g_task_set_source_tag (task, bb_reports_form_set_store);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, choices_thread);
}

void
bb_reports_form_set_kind (BbReportsForm      *self,
                          const BbReportKind *kind)
{
  g_return_if_fail (BB_IS_REPORTS_FORM (self));

  self->kind = kind;
  fill (self);
}

gboolean
bb_reports_form_is_ready (BbReportsForm *self)
{
  g_return_val_if_fail (BB_IS_REPORTS_FORM (self), FALSE);
  return self->choices != NULL;
}

void
bb_reports_form_get_request (BbReportsForm   *self,
                             BbReportRequest *request)
{
  const BbReportRequest *defaults;
  BbReportNeeds needs;
  guint i;

  g_return_if_fail (BB_IS_REPORTS_FORM (self));

  bb_report_request_init (request);
  i = adw_combo_row_get_selected (self->language_row);
  request->language = g_strdup (i < G_N_ELEMENTS (languages) ? languages[i].code : "en");
  request->policy.min_count = (guint) gtk_spin_button_get_value_as_int (self->min_count_spin);
  if (self->kind == NULL || self->choices == NULL)
    return;
  needs = self->kind->needs;
  defaults = &self->choices->defaults[kind_index (self->kind)];

  i = adw_combo_row_get_selected (self->period_row);
  if ((needs & (BB_REPORT_NEEDS_QUARTER | BB_REPORT_NEEDS_MONTH)) && i < self->periods->len)
    bb_report_request_set_period (request, g_ptr_array_index (self->periods, i), NULL);
  i = adw_combo_row_get_selected (self->district_row);
  if ((needs & BB_REPORT_NEEDS_DISTRICT) && i < self->choices->district_ids->len)
    request->district_id = g_strdup (g_ptr_array_index (self->choices->district_ids, i));
  if ((needs & BB_REPORT_MAY_USE_DISTRICT) && i > 0 && i - 1 < self->choices->district_ids->len)
    request->district_id = g_strdup (g_ptr_array_index (self->choices->district_ids, i - 1));
  i = adw_combo_row_get_selected (self->officer_row);
  if ((needs & BB_REPORT_NEEDS_OFFICER) && i < self->choices->officer_ids->len)
    request->officer_id = g_strdup (g_ptr_array_index (self->choices->officer_ids, i));
  i = adw_combo_row_get_selected (self->plan_row);
  if ((needs & BB_REPORT_NEEDS_PLAN) && i < self->choices->plan_ids->len)
    request->plan_id = g_strdup (g_ptr_array_index (self->choices->plan_ids, i));
  i = adw_combo_row_get_selected (self->event_row);
  if ((needs & BB_REPORT_NEEDS_EVENT) && i < self->event_rows->len)
    {
      EventChoice *e = &g_array_index (self->choices->events, EventChoice, g_array_index (self->event_rows, guint, i));

      request->event_id = g_strdup (e->id);
      request->occurrence = e->occurrence;
    }
  else if (needs & BB_REPORT_NEEDS_EVENT)
    {
      request->event_id = g_strdup (defaults->event_id);
      request->occurrence = defaults->occurrence;
    }
  request->topic = (int) adw_combo_row_get_selected (self->topic_row);
  request->bleed = (needs & BB_REPORT_HAS_BLEED) && gtk_switch_get_active (self->bleed_switch);
  if (needs & BB_REPORT_HAS_KEY_MESSAGES)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->messages_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (*g_strstrip (text) != '\0')
        request->key_messages = g_steal_pointer (&text);
    }
}

static void
select_string (AdwComboRow *row,
               GPtrArray   *values,
               const char  *value,
               guint        offset)
{
  for (guint i = 0; value != NULL && i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      adw_combo_row_set_selected (row, i + offset);
}

void
bb_reports_form_set_request (BbReportsForm         *self,
                             const BbReportRequest *request)
{
  g_autofree char *period = NULL;

  g_return_if_fail (BB_IS_REPORTS_FORM (self));

  if (self->choices == NULL)
    {
      if (self->pending != NULL)
        bb_report_request_clear (self->pending);
      else
        self->pending = g_new0 (BbReportRequest, 1);
      bb_report_request_copy (request, self->pending);
      return;
    }
  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, request->language) == 0)
      adw_combo_row_set_selected (self->language_row, i);
  if (self->kind != NULL && (self->kind->needs & BB_REPORT_NEEDS_QUARTER) && request->quarter > 0)
    period = g_strdup_printf ("%d-Q%d", request->year, request->quarter);
  else if (self->kind != NULL && (self->kind->needs & BB_REPORT_NEEDS_MONTH) && request->month > 0)
    period = g_strdup_printf ("%d-%02d", request->year, request->month);
  select_string (self->period_row, self->periods, period, 0);
  select_string (self->district_row, self->choices->district_ids, request->district_id,
                 self->kind != NULL && (self->kind->needs & BB_REPORT_MAY_USE_DISTRICT) ? 1 : 0);
  select_string (self->officer_row, self->choices->officer_ids, request->officer_id, 0);
  select_string (self->plan_row, self->choices->plan_ids, request->plan_id, 0);
  for (guint i = 0; request->event_id != NULL && i < self->event_rows->len; i++)
    {
      EventChoice *e = &g_array_index (self->choices->events, EventChoice, g_array_index (self->event_rows, guint, i));

      if (g_str_equal (e->id, request->event_id) && e->occurrence == request->occurrence)
        adw_combo_row_set_selected (self->event_row, i);
    }
  adw_combo_row_set_selected (self->topic_row, (guint) CLAMP (request->topic, 0, BB_N_LEAFLET_TOPICS - 1));
  gtk_switch_set_active (self->bleed_switch, request->bleed);
  gtk_spin_button_set_value (self->min_count_spin, request->policy.min_count);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->messages_view),
                            request->key_messages != NULL ? request->key_messages : "", -1);
  self->filling = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
bb_reports_form_set_key_messages (BbReportsForm *self,
                                  const char    *text)
{
  g_return_if_fail (BB_IS_REPORTS_FORM (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->messages_view), text, -1);
}

static void
bb_reports_form_dispose (GObject *object)
{
  BbReportsForm *self = BB_REPORTS_FORM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_REPORTS_FORM);
  G_OBJECT_CLASS (bb_reports_form_parent_class)->dispose (object);
}

static void
bb_reports_form_finalize (GObject *object)
{
  BbReportsForm *self = BB_REPORTS_FORM (object);

  g_clear_pointer (&self->choices, choices_free);
  if (self->pending != NULL)
    bb_report_request_clear (self->pending);
  g_clear_pointer (&self->pending, g_free);
  g_ptr_array_unref (self->periods);
  g_array_unref (self->event_rows);
  G_OBJECT_CLASS (bb_reports_form_parent_class)->finalize (object);
}

static void
bb_reports_form_class_init (BbReportsFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_reports_form_dispose;
  object_class->finalize = bb_reports_form_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-reports-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, content_group);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, print_group);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, messages_group);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, period_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, district_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, event_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, officer_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, plan_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, topic_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, language_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, bleed_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, bleed_switch);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, min_count_row);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, min_count_spin);
  gtk_widget_class_bind_template_child (widget_class, BbReportsForm, messages_view);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
}

static void
bb_reports_form_init (BbReportsForm *self)
{
  g_autoptr(GtkStringList) language_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) topic_list = gtk_string_list_new (NULL);
  const char *ui = g_get_language_names ()[0];
  guint chosen = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->event_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The desk's language is the document's unless the user chooses. */
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gtk_string_list_append (language_list, languages[i].name);
      if (g_str_has_prefix (ui, languages[i].code) && (ui[2] == '\0' || ui[2] == '_' || ui[2] == '.'))
        chosen = i;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_list));
  adw_combo_row_set_selected (self->language_row, chosen);
  for (guint i = 0; i < BB_N_LEAFLET_TOPICS; i++)
    gtk_string_list_append (topic_list, _(topic_names[i]));
  adw_combo_row_set_model (self->topic_row, G_LIST_MODEL (topic_list));
  g_signal_connect_object (gtk_text_view_get_buffer (self->messages_view), "changed",
                           G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
}
