/* bb-window.c: the main window: the welcome page, the four views and the secondary pages */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-window-exchange.h"
#include "bb-window-private.h"

/* The views in the stack, then the secondary pages, in accelerator order. */
static const char * const primary_views[] = { "map", "problems", "calendar", "reports", NULL };
static const char * const secondary_pages[] = { "incidents", "directory", "surveys", NULL };

G_DEFINE_FINAL_TYPE (BbWindow, bb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


gboolean
bb_window_is_disposed (BbWindow *self)
{
  /* Template children are cleared in dispose; async work that finishes
   * after that has nothing to show its result in. */
  return self->mode_stack == NULL;
}

void
bb_window_set_busy (BbWindow *self,
                    gboolean  busy)
{
  self->busy = busy;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-loading")),
                               busy);
}

static void
save_last_view (BbWindow *self)
{
  const char *view = bb_window_get_visible_view (self);

  if (self->store == NULL || view == NULL
      || !(g_strv_contains (primary_views, view) || g_strv_contains (secondary_pages, view)))
    return;
  g_settings_set_string (self->settings, "last-view", view);
}

static void
visible_view_changed_cb (BbWindow *self)
{
  GtkWidget *page;
  GtkStackPage *stack_page;

  /* Stacks notify while the template is built and torn down too. */
  if (self->records_stack == NULL || self->leaflet == NULL || self->view_stack == NULL
      || self->mode_stack == NULL || self->settings == NULL)
    return;

  page = gtk_stack_get_visible_child (self->records_stack);
  stack_page = page != NULL ? gtk_stack_get_page (self->records_stack, page) : NULL;
  if (stack_page != NULL)
    adw_window_title_set_title (self->records_title, gtk_stack_page_get_title (stack_page));
  save_last_view (self);
}

void
bb_window_show_view (BbWindow   *self,
                     const char *name)
{
  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (g_strv_contains (primary_views, name))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, name);
      adw_leaflet_set_visible_child_name (self->leaflet, "views");
    }
  else if (g_strv_contains (secondary_pages, name))
    {
      gtk_stack_set_visible_child_name (self->records_stack, name);
      adw_leaflet_set_visible_child_name (self->leaflet, "records");
    }
  else
    {
      g_critical ("Beatbook has no view named “%s”", name);
    }
}

const char *
bb_window_get_visible_view (BbWindow *self)
{
  const char *mode;

  g_return_val_if_fail (BB_IS_WINDOW (self), NULL);

  mode = gtk_stack_get_visible_child_name (self->mode_stack);
  if (g_strcmp0 (mode, "station") != 0)
    return mode;
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "records") == 0)
    return gtk_stack_get_visible_child_name (self->records_stack);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
bb_window_add_toast (BbWindow   *self,
                     const char *title)
{
  g_return_if_fail (BB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
bb_window_add_adw_toast (BbWindow *self,
                         AdwToast *toast)
{
  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
bb_window_show_error (BbWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_station (BbWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  gboolean is_demo = FALSE;

  if (self->store != NULL)
    {
      name = bb_store_dup_station_name (self->store);
      if (name[0] == '\0')
        {
          g_free (name);
          name = g_strdup (_("Unnamed Station"));
        }
      is_demo = bb_store_is_demo (self->store);
      if (is_demo)
        subtitle = g_strdup (_("Demo station — fictional data"));
      else
        subtitle = g_path_get_basename (bb_store_get_path (self->store));
      /* Translators: the window's title: the station's name, then the application's */
      title = g_strdup_printf (_("%s — Beatbook"), name);
    }

  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Beatbook"));
  /* The station button names the station; on a narrow window the switcher
   * title would only repeat it beside the button (and hiding one for the
   * other makes the header's width, and so the choice, oscillate). */
  gtk_label_set_label (self->station_label, name != NULL ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->station_button), subtitle);
  adw_window_title_set_subtitle (self->records_title, name != NULL ? name : "");
  gtk_revealer_set_reveal_child (self->demo_revealer, is_demo);
  gtk_label_set_label (self->demo_label,
                       _("This is the demo station: the town, its people and its incidents are fictional."));

  bb_map_view_set_store (self->map_view, self->store);
  bb_problems_view_set_store (self->problems_view, self->store);
  bb_calendar_view_set_store (self->calendar_view, self->store);
  bb_reports_view_set_store (self->reports_view, self->store);
  bb_incidents_page_set_store (self->incidents_page, self->store);
  bb_directory_page_set_store (self->directory_page, self->store);
  bb_surveys_page_set_store (self->surveys_page, self->store);
}

/* The check of a large station's pages, after it opened, found damage. */
static void
store_damaged_cb (BbStore      *store,
                  const GError *error,
                  BbWindow     *self)
{
  if (self->damage_told)
    return;
  self->damage_told = TRUE;
  bb_window_offer_backup (self, bb_store_get_path (store), error);
}

BbStore *
bb_window_get_store (BbWindow *self)
{
  g_return_val_if_fail (BB_IS_WINDOW (self), NULL);
  return self->store;
}

void
bb_window_set_store (BbWindow *self,
                     BbStore  *store)
{
  g_return_if_fail (BB_IS_WINDOW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_damaged_cb, self);
  g_set_object (&self->store, store);
  self->damage_told = FALSE;
  if (store != NULL)
    {
      g_autoptr(GError) damage = bb_store_dup_damage (store);

      g_signal_connect_object (store, "damaged", G_CALLBACK (store_damaged_cb), self, 0);
      /* Found before the window took the station. */
      if (damage != NULL)
        store_damaged_cb (store, damage, self);
      bb_window_watch_audit_log (self, store);
    }
  bb_backup_schedule_set_store (self->backups, store);

  update_station (self);
  if (store != NULL)
    {
      g_autofree char *last_view = g_settings_get_string (self->settings, "last-view");

      g_settings_set_string (self->settings, "last-station", bb_store_get_path (store));
      /* The view first, then the station's pages: only that view is shown
       * (and starts reading), not the one shown before for a moment. */
      bb_window_show_view (self, last_view);
      gtk_stack_set_visible_child_name (self->mode_stack, "station");
    }
  else if (!self->busy)
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "welcome");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Called when the station's own details (its name) were edited. */
void
bb_window_station_changed (BbWindow *self)
{
  g_return_if_fail (BB_IS_WINDOW (self));

  update_station (self);
}

gboolean
bb_window_is_busy (BbWindow *self)
{
  g_return_val_if_fail (BB_IS_WINDOW (self), FALSE);
  return self->busy;
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BbWindow *self = user_data;

  bb_window_show_view (self, g_variant_get_string (parameter, NULL));
}

/* Opens the Problems view on one problem, e.g. one just made from a hot
 * spot on the map. */
static void
show_problem_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BbWindow *self = user_data;

  if (self->store == NULL)
    return;
  bb_window_show_view (self, "problems");
  bb_problems_view_show_problem (self->problems_view, g_variant_get_string (parameter, NULL));
}

static void
go_back_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  BbWindow *self = user_data;

  adw_leaflet_set_visible_child_name (self->leaflet, "views");
}

/* Back (Alt+Left) is there only on a secondary page, so that the views
 * keep Alt+Left for themselves (the calendar's previous month). */
static void
leaflet_child_changed_cb (BbWindow *self)
{
  GAction *back = g_action_map_lookup_action (G_ACTION_MAP (self), "go-back");
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (back), g_strcmp0 (name, "views") != 0);
}

static void
cancel_loading_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  BbWindow *self = user_data;

  g_cancellable_cancel (self->cancellable);
}

static void
new_incident_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BbWindow *self = user_data;

  if (self->store != NULL)
    bb_incidents_page_new_incident (self->incidents_page);
}

/* The incident's editor, from wherever the incident shows (the map). */
static void
open_incident_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BbWindow *self = user_data;

  if (self->store != NULL)
    bb_incidents_page_open_incident (self->incidents_page, g_variant_get_string (parameter, NULL));
}

static void
back_up_now_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BbWindow *self = user_data;

  if (self->store != NULL)
    bb_backup_schedule_run_now (self->backups);
}

BbBackupSchedule *
bb_window_get_backup_schedule (BbWindow *self)
{
  g_return_val_if_fail (BB_IS_WINDOW (self), NULL);
  return self->backups;
}

/* A problem's page, from anywhere (a concern made a problem, a map
 * selection opened as one); "" opens a new problem. */
static void
open_problem_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BbWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->store == NULL)
    return;
  bb_window_show_view (self, "problems");
  bb_problems_view_open_problem (self->problems_view, id[0] != '\0' ? id : NULL);
}

static void
open_plan_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BbWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->store == NULL)
    return;
  bb_window_show_view (self, "problems");
  bb_problems_view_open_plan (self->problems_view, id[0] != '\0' ? id : NULL);
}

/* A district's boundary edited on the map, from the district's page. */
static void
edit_district_boundary_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  BbWindow *self = user_data;

  if (self->store == NULL)
    return;
  bb_window_show_view (self, "map");
  if (!bb_map_view_edit_boundary (self->map_view, g_variant_get_string (parameter, NULL)))
    bb_window_add_toast (self, _("The map is still being drawn: try again in a moment"));
}

static const GActionEntry window_actions[] = {
  { "new-incident", new_incident_action },
  { "open-incident", open_incident_action, "s" },
  { "back-up-now", back_up_now_action },
  { "open-problem", open_problem_action, "s" },
  { "open-plan", open_plan_action, "s" },
  { "edit-district-boundary", edit_district_boundary_action, "s" },
  { "show-view", show_view_action, "s" },
  { "show-problem", show_problem_action, "s" },
  { "go-back", go_back_action },
  { "cancel-loading", cancel_loading_action },
};

static gboolean
bb_window_close_request (GtkWindow *window)
{
  BbWindow *self = BB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (bb_window_parent_class)->close_request (window);
}

static void
bb_window_dispose (GObject *object)
{
  BbWindow *self = BB_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->demo_job = NULL;
  if (self->backups != NULL)
    bb_backup_schedule_set_store (self->backups, NULL);
  g_clear_object (&self->backups);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_damaged_cb, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_WINDOW);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (bb_window_parent_class)->dispose (object);
}

static void
bb_window_finalize (GObject *object)
{
  BbWindow *self = BB_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bb_window_parent_class)->finalize (object);
}

static void
bb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BbWindow *self = BB_WINDOW (object);

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
bb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BbWindow *self = BB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_window_class_init (BbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bb_window_dispose;
  object_class->finalize = bb_window_finalize;
  object_class->get_property = bb_window_get_property;
  object_class->set_property = bb_window_set_property;
  window_class->close_request = bb_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_MAP_VIEW);
  g_type_ensure (BB_TYPE_PROBLEMS_VIEW);
  g_type_ensure (BB_TYPE_CALENDAR_VIEW);
  g_type_ensure (BB_TYPE_REPORTS_VIEW);
  g_type_ensure (BB_TYPE_INCIDENTS_PAGE);
  g_type_ensure (BB_TYPE_DIRECTORY_PAGE);
  g_type_ensure (BB_TYPE_SURVEYS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, station_label);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, station_button);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, records_title);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, records_stack);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, problems_view);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, reports_view);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, incidents_page);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, directory_page);
  gtk_widget_class_bind_template_child (widget_class, BbWindow, surveys_page);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-incident", NULL);
}

static void
bb_window_init (BbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("org.beatbook.Beatbook");
  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name",
                           G_CALLBACK (leaflet_child_changed_cb), self, G_CONNECT_SWAPPED);
  leaflet_child_changed_cb (self);
  bb_window_set_busy (self, FALSE);

  adw_status_page_set_icon_name (self->welcome_page, BASE_APPLICATION_ID);
  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->backups = bb_window_backup_schedule_new (self, self->settings);

  self->filter = bb_filter_state_new ();
  bb_incidents_page_set_filter (self->incidents_page, self->filter);
  bb_map_view_set_filter (self->map_view, self->filter);
  bb_problems_view_set_filter (self->problems_view, self->filter);
  bb_calendar_view_set_filter (self->calendar_view, self->filter);
  bb_reports_view_set_filter (self->reports_view, self->filter);
  bb_directory_page_set_filter (self->directory_page, self->filter);

  update_station (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "welcome");
  /* Export Changes…, Import Bundle…, the inbox and the conflicts. */
  bb_window_exchange_init (self);
}

BbFilterState *
bb_window_get_filter (BbWindow *self)
{
  g_return_val_if_fail (BB_IS_WINDOW (self), NULL);
  return self->filter;
}

BbWindow *
bb_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (BB_TYPE_WINDOW, "application", application, NULL);
}
