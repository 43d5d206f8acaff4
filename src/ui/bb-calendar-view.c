/* bb-calendar-view.c: the Calendar view: community meetings, open days and other events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-calendar-view-private.h"
#include "bb-locale.h"
#include "bb-window.h"

G_DEFINE_FINAL_TYPE (BbCalendarView, bb_calendar_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
bb_calendar_view_toast (BbCalendarView *self,
                        const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (BB_IS_WINDOW (root))
    bb_window_add_toast (BB_WINDOW (root), text);
  else
    g_message ("%s", text);
}

void
bb_calendar_view_show_message (BbCalendarView *self,
                               const char     *heading,
                               const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The day that starts the grid: the first day of the week (as the locale
 * has it) on or before the 1st. */
static GDateTime *
month_grid_start (GDateTime *date)
{
  g_autoptr(GDateTime) first = g_date_time_add_days (date, 1 - g_date_time_get_day_of_month (date));

  return g_date_time_add_days (first, -bb_locale_days_into_week (first));
}

static GDateTime *
local_midnight (GTimeZone *tz,
                gint64     t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

static void
items_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  BbCalendarView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = bb_store_calendar_items_finish (BB_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  self->loading = FALSE;
  if (items == NULL)
    {
      bb_calendar_view_toast (self, error->message);
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_ref (items);
  if (g_str_equal (self->mode, "month"))
    bb_month_view_set_items (self->month_view, items);
  else if (g_str_equal (self->mode, "week"))
    bb_week_view_set_items (self->week_view, items);
  else
    bb_agenda_view_set_items (self->agenda_view, items, self->tz, self->kind_names);
  g_object_unref (self);
}

const char *
bb_calendar_view_chosen (GPtrArray   *values,
                         GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (values == NULL || i == GTK_INVALID_LIST_POSITION || i >= values->len)
    return NULL;
  return g_ptr_array_index (values, i);
}

void
bb_calendar_view_reload (BbCalendarView *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL || self->date == NULL)
    return;

  if (g_str_equal (self->mode, "month"))
    {
      from = month_grid_start (self->date);
      to = g_date_time_add_days (from, 42);
      bb_month_view_set_range (self->month_view, from, g_date_time_get_month (self->date), self->date);
      /* Translators: the month view's title, as g_date_time_format() takes it;
       * %OB is the month's name on its own where the language has such a form
       * (Russian: "Март 2026", not "марта 2026") */
      title = g_date_time_format (self->date, _("%B %Y"));
    }
  else if (g_str_equal (self->mode, "week"))
    {
      g_autoptr(GDateTime) last = NULL;
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;

      from = g_date_time_add_days (self->date, -bb_locale_days_into_week (self->date));
      to = g_date_time_add_days (from, 7);
      last = g_date_time_add_days (from, 6);
      bb_week_view_set_range (self->week_view, from, self->date);
      /* Translators: the first day of a week in the week view's title, as
       * g_date_time_format() takes it: "9 Mar" */
      first_text = g_date_time_format (from, _("%-d %b"));
      /* Translators: the last day of a week in the week view's title: "15 Mar 2026" */
      last_text = g_date_time_format (last, _("%-d %b %Y"));
      /* Translators: a week: its first and last day, e.g. "9 Mar – 15 Mar 2026" */
      title = g_strdup_printf (_("%s – %s"), g_strstrip (first_text), g_strstrip (last_text));
    }
  else
    {
      from = g_date_time_add_days (self->date, 1 - g_date_time_get_day_of_month (self->date));
      to = g_date_time_add_months (from, 1);
      title = g_date_time_format (self->date, _("%B %Y"));
    }
  /* Month names are lower case in some languages ("dekabr 2026"); a title
   * starts with a capital. */
  if (title != NULL && g_unichar_islower (g_utf8_get_char (title)))
    {
      gunichar first = g_unichar_totitle (g_utf8_get_char (title));
      char head[8] = { 0 };
      char *capital;

      g_unichar_to_utf8 (first, head);
      capital = g_strconcat (head, g_utf8_next_char (title), NULL);
      g_free (title);
      title = capital;
    }
  gtk_label_set_text (self->title_label, title);

  self->range_from = g_date_time_to_unix (from);
  self->range_to = g_date_time_to_unix (to);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  bb_store_calendar_items_async (self->store, self->range_from, self->range_to,
                                 bb_calendar_view_chosen (self->kind_codes, self->kind_dropdown),
                                 bb_calendar_view_chosen (self->district_ids, self->district_dropdown),
                                 (const char * const *) self->station_ids, self->cancellable, items_cb, g_object_ref (self));
}

void
bb_calendar_view_set_date (BbCalendarView *self,
                           GDateTime      *date)
{
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_new (self->tz, g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date), 0, 0, 0);
  bb_calendar_view_reload (self);
}

/* Fills the filters and the station's zone, then shows the calendar or
 * the status page that says why there is none. */
void
bb_calendar_view_refresh (BbCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GtkStringList) kind_list = NULL;
  g_autoptr(GtkStringList) district_list = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 n_events;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new-event", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", self->store != NULL);
  if (self->store == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->status_page, _("No Station Open"));
      adw_status_page_set_description (self->status_page, NULL);
      gtk_widget_set_visible (self->demo_button, TRUE);
      gtk_widget_set_visible (self->new_button, FALSE);
      gtk_widget_set_visible (self->import_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }

  station = bb_store_station_get (self->store, &error);
  kinds = station ? bb_store_event_kind_list (self->store, &error) : NULL;
  districts = kinds ? bb_store_district_list (self->store, &error) : NULL;
  n_events = districts ? bb_store_count (self->store, "event", &error) : -1;
  if (n_events < 0)
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("The Station Could Not Be Read"));
      adw_status_page_set_description (self->status_page, message);
      gtk_widget_set_visible (self->demo_button, FALSE);
      gtk_widget_set_visible (self->new_button, FALSE);
      gtk_widget_set_visible (self->import_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_new_identifier (station->timezone);
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();

  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->kind_names, g_hash_table_unref);
  self->kind_codes = g_ptr_array_new_with_free_func (g_free);
  self->kind_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  kind_list = gtk_string_list_new (NULL);
  gtk_string_list_append (kind_list, _("All Kinds"));
  g_ptr_array_add (self->kind_codes, NULL);
  for (guint i = 0; i + 1 < kinds->len; i += 2)
    {
      gtk_string_list_append (kind_list, g_ptr_array_index (kinds, i + 1));
      g_ptr_array_add (self->kind_codes, g_strdup (g_ptr_array_index (kinds, i)));
      g_hash_table_insert (self->kind_names, g_strdup (g_ptr_array_index (kinds, i)),
                           g_strdup (g_ptr_array_index (kinds, i + 1)));
    }
  gtk_string_list_append (kind_list, _("Deadlines and Reviews"));
  g_ptr_array_add (self->kind_codes, g_strdup (BB_CALENDAR_KIND_DEADLINES));

  g_clear_pointer (&self->district_ids, g_ptr_array_unref);
  self->district_ids = g_ptr_array_new_with_free_func (g_free);
  district_list = gtk_string_list_new (NULL);
  gtk_string_list_append (district_list, _("All Districts"));
  g_ptr_array_add (self->district_ids, NULL);
  for (guint i = 0; i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      gtk_string_list_append (district_list, d->name);
      g_ptr_array_add (self->district_ids, g_strdup (d->id));
    }

  g_signal_handlers_block_by_func (self->kind_dropdown, bb_calendar_view_reload, self);
  g_signal_handlers_block_by_func (self->district_dropdown, bb_calendar_view_reload, self);
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_list));
  gtk_drop_down_set_model (self->district_dropdown, G_LIST_MODEL (district_list));
  gtk_widget_set_visible (GTK_WIDGET (self->district_dropdown), districts->len > 0);
  g_signal_handlers_unblock_by_func (self->kind_dropdown, bb_calendar_view_reload, self);
  g_signal_handlers_unblock_by_func (self->district_dropdown, bb_calendar_view_reload, self);

  if (n_events == 0)
    {
      g_autofree char *name = g_markup_escape_text (station->name, -1);
      /* Translators: %s is the station's name */
      g_autofree char *description = g_strdup_printf (_("%s has no community meetings, open days or school visits recorded yet. Plan one, or import a calendar from Thunderbird, Google Calendar, Outlook or a phone."),
                                                      name);

      adw_status_page_set_icon_name (self->status_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->status_page, _("No Events Yet"));
      adw_status_page_set_description (self->status_page, description);
      gtk_widget_set_visible (self->demo_button, FALSE);
      gtk_widget_set_visible (self->new_button, TRUE);
      gtk_widget_set_visible (self->import_button, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "status");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "calendar");

  now = g_date_time_new_now (self->tz);
  bb_calendar_view_set_date (self, now);
}

/* Actions ---------------------------------------------------------------- */

static void
step (BbCalendarView *self,
      int             direction)
{
  g_autoptr(GDateTime) next = NULL;

  if (self->date == NULL)
    return;
  if (g_str_equal (self->mode, "week"))
    next = g_date_time_add_days (self->date, 7 * direction);
  else
    next = g_date_time_add_months (self->date, direction);
  bb_calendar_view_set_date (self, next);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (BB_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (BB_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (widget);
  g_autoptr(GDateTime) now = NULL;

  if (self->tz == NULL)
    return;
  now = g_date_time_new_now (self->tz);
  bb_calendar_view_set_date (self, now);
}

/* Signals of the views --------------------------------------------------- */

static void
day_selected_cb (BbCalendarView *self,
                 gint64          day)
{
  g_autoptr(GDateTime) date = local_midnight (self->tz, day + 3600);
  gboolean same_range = day >= self->range_from && day < self->range_to;

  if (g_str_equal (self->mode, "month") && g_date_time_get_month (date) != g_date_time_get_month (self->date))
    same_range = FALSE;
  if (same_range)
    {
      g_clear_pointer (&self->date, g_date_time_unref);
      self->date = g_steal_pointer (&date);
      if (g_str_equal (self->mode, "month"))
        {
          g_autoptr(GDateTime) from = month_grid_start (self->date);

          bb_month_view_set_range (self->month_view, from, g_date_time_get_month (self->date), self->date);
        }
      else if (g_str_equal (self->mode, "week"))
        {
          g_autoptr(GDateTime) from = g_date_time_add_days (self->date, -bb_locale_days_into_week (self->date));

          bb_week_view_set_range (self->week_view, from, self->date);
        }
      return;
    }
  bb_calendar_view_set_date (self, date);
}

static void
day_activated_cb (BbCalendarView *self,
                  gint64          day)
{
  day_selected_cb (self, day);
  if (g_str_equal (self->mode, "month"))
    bb_calendar_view_set_mode (self, "week");
  else
    bb_calendar_view_open_editor (self, NULL);
}

static void
item_activated_cb (BbCalendarView       *self,
                   const BbCalendarItem *item)
{
  if (item->kind == BB_CALENDAR_ITEM_EVENT)
    {
      bb_calendar_view_open_editor (self, item);
      return;
    }
  /* Deadlines are ticked off in the agenda, on their day. */
  {
    g_autoptr(GDateTime) day = local_midnight (self->tz, item->start + 3600);

    g_clear_pointer (&self->date, g_date_time_unref);
    self->date = g_steal_pointer (&day);
    bb_calendar_view_set_mode (self, "agenda");
  }
}

static void
done_toggled_cb (BbCalendarView       *self,
                 const BbCalendarItem *item,
                 gboolean              done)
{
  g_autoptr(GError) error = NULL;

  if (!bb_store_calendar_set_done (self->store, item->kind, item->id, done, &error))
    bb_calendar_view_toast (self, error->message);
  bb_calendar_view_reload (self);
}

/* GObject ----------------------------------------------------------------- */

static void
bb_calendar_view_dispose (GObject *object)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  /* AdwBin keeps its own pointer to the child; it lets go first so that
   * the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_CALENDAR_VIEW);

  G_OBJECT_CLASS (bb_calendar_view_parent_class)->dispose (object);
}

static void
bb_calendar_view_finalize (GObject *object)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->kind_codes, g_ptr_array_unref);
  g_clear_pointer (&self->district_ids, g_ptr_array_unref);
  g_clear_pointer (&self->kind_names, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_strfreev (self->station_ids);
  g_free (self->mode);
  G_OBJECT_CLASS (bb_calendar_view_parent_class)->finalize (object);
}

static void
bb_calendar_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_calendar_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_calendar_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      bb_calendar_view_set_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_calendar_view_class_init (BbCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_calendar_view_dispose;
  object_class->finalize = bb_calendar_view_finalize;
  object_class->get_property = bb_calendar_view_get_property;
  object_class->set_property = bb_calendar_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_MONTH_VIEW);
  g_type_ensure (BB_TYPE_WEEK_VIEW);
  g_type_ensure (BB_TYPE_AGENDA_VIEW);
  g_type_ensure (BB_TYPE_STATION_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, stack);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, new_button);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, import_button);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, district_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, station_button);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, month_view);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, week_view);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, agenda_view);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_toggled_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  bb_calendar_view_install_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "calendar.mode", "mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "calendar.new-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_ALT_MASK, "calendar.mode", "s", "month");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK, "calendar.mode", "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_ALT_MASK, "calendar.mode", "s", "agenda");
}

static void
bb_calendar_view_init (BbCalendarView *self)
{
  self->mode = g_strdup ("month");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (bb_calendar_view_reload), self);
  g_signal_connect_swapped (self->district_dropdown, "notify::selected", G_CALLBACK (bb_calendar_view_reload), self);
  bb_calendar_view_refresh (self);
}

BbStore *
bb_calendar_view_get_store (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  return self->store;
}

void
bb_calendar_view_set_store (BbCalendarView *self,
                            BbStore        *store)
{
  g_return_if_fail (BB_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  bb_calendar_view_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
filter_changed_cb (BbCalendarView *self)
{
  if (bb_filter_update_stations (self->filter, &self->station_ids) && self->store != NULL)
    bb_calendar_view_reload (self);
}

void
bb_calendar_view_set_filter (BbCalendarView *self,
                             BbFilterState  *filter)
{
  g_return_if_fail (BB_IS_CALENDAR_VIEW (self));
  bb_station_button_follow (self->station_button, &self->filter, filter, G_CALLBACK (filter_changed_cb), self);
}

AdwStatusPage *
bb_calendar_view_get_status_page (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  return self->status_page;
}

void
bb_calendar_view_set_mode (BbCalendarView *self,
                           const char     *mode)
{
  g_return_if_fail (BB_IS_CALENDAR_VIEW (self));
  g_return_if_fail (g_strcmp0 (mode, "month") == 0 || g_strcmp0 (mode, "week") == 0
                    || g_strcmp0 (mode, "agenda") == 0);

  if (g_str_equal (self->mode, mode))
    {
      bb_calendar_view_reload (self);
      gtk_widget_grab_focus (gtk_stack_get_visible_child (self->view_stack));
      return;
    }
  g_free (self->mode);
  self->mode = g_strdup (mode);
  gtk_stack_set_visible_child_name (self->view_stack, mode);
  bb_calendar_view_reload (self);
  gtk_widget_grab_focus (gtk_stack_get_visible_child (self->view_stack));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
bb_calendar_view_go_to (BbCalendarView *self,
                        int             year,
                        int             month,
                        int             day)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_if_fail (BB_IS_CALENDAR_VIEW (self));
  g_return_if_fail (self->tz != NULL);

  date = g_date_time_new (self->tz, year, month, day, 0, 0, 0);
  g_return_if_fail (date != NULL);
  bb_calendar_view_set_date (self, date);
}

gboolean
bb_calendar_view_is_loading (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), FALSE);
  return self->loading;
}

GPtrArray *
bb_calendar_view_get_items (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  return self->items;
}
