/* bb-filter-bar.c: the controls of the shared incident filter */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-filter-bar"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-filter-bar.h"
#include "bb-incident-labels.h"
#include "bb-station-button.h"

typedef enum {
  LIST_CATEGORIES,
  LIST_DISTRICTS,
  LIST_STATUSES,
  LIST_SOURCES,
  N_LISTS
} ListKind;

/* A button whose popover holds a list of check buttons (and for long
 * lists a search entry). */
typedef struct {
  BbFilterBar   *bar;
  ListKind       kind;
  GtkMenuButton *button;
  GtkListBox    *list;
  GtkEditable   *search;
  GPtrArray     *ids;      /* in the order shown */
  GPtrArray     *checks;   /* GtkCheckButton, same order */
  char          *shown;    /* the ids and labels the boxes were made for */
} Checklist;

struct _BbFilterBar
{
  AdwBin         parent_instance;

  BbFilterState *state;
  gboolean       syncing;
  Checklist      lists[N_LISTS];

  GtkSearchEntry *search_entry;
  GtkDropDown    *time_dropdown;
  GtkMenuButton  *category_button;
  GtkMenuButton  *district_button;
  GtkMenuButton  *status_button;
  GtkMenuButton  *source_button;
  BbStationButton *station_button;
  GtkDropDown    *restricted_dropdown;
  GtkRevealer    *range_revealer;
  GtkEditable    *from_entry;
  GtkEditable    *to_entry;
  GtkLabel       *range_message;
};

G_DEFINE_FINAL_TYPE (BbFilterBar, bb_filter_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
list_title (ListKind kind)
{
  switch (kind)
    {
    case LIST_CATEGORIES:
      return _("Categories");
    case LIST_DISTRICTS:
      return _("Districts");
    case LIST_STATUSES:
      return _("Status");
    case LIST_SOURCES:
    default:
      return _("Source");
    }
}

static char * const *
list_selection (const BbIncidentFilter *filter,
                ListKind                kind)
{
  switch (kind)
    {
    case LIST_CATEGORIES:
      return filter->category_ids;
    case LIST_DISTRICTS:
      return filter->district_ids;
    case LIST_STATUSES:
      return filter->statuses;
    case LIST_SOURCES:
    default:
      return filter->sources;
    }
}

static void
update_list_label (Checklist *list)
{
  guint n = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < list->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (list->checks, i)))
      n++;
  if (n == 0)
    label = g_strdup (list_title (list->kind));
  else
    /* Translators: a filter button: what it filters and how many values are chosen, e.g. "Districts (2)" */
    label = g_strdup_printf (_("%s (%u)"), list_title (list->kind), n);
  gtk_menu_button_set_label (list->button, label);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  Checklist      *list)
{
  BbFilterBar *self = list->bar;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  update_list_label (list);
  if (self->syncing || self->state == NULL)
    return;

  for (guint i = 0; i < list->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (list->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (list->ids, i));
  ids = g_strv_builder_end (builder);

  switch (list->kind)
    {
    case LIST_CATEGORIES:
      bb_filter_state_set_category_ids (self->state, (const char * const *) ids);
      break;
    case LIST_DISTRICTS:
      bb_filter_state_set_district_ids (self->state, (const char * const *) ids);
      break;
    case LIST_STATUSES:
      bb_filter_state_set_statuses (self->state, (const char * const *) ids);
      break;
    case LIST_SOURCES:
    default:
      bb_filter_state_set_sources (self->state, (const char * const *) ids);
      break;
    }
}

static gboolean
list_filter_func (GtkListBoxRow *row,
                  gpointer       data)
{
  Checklist *list = data;

  return bb_list_row_matches (row, list->search);
}

static void
list_search_changed_cb (GtkSearchEntry *entry,
                        Checklist      *list)
{
  gtk_list_box_invalidate_filter (list->list);
}

static void
clear_list_clicked_cb (GtkButton *button,
                       Checklist *list)
{
  gboolean was_syncing = list->bar->syncing;

  /* One change of the filter, not one per box. */
  list->bar->syncing = TRUE;
  for (guint i = 0; i < list->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (list->checks, i), FALSE);
  list->bar->syncing = was_syncing;
  check_toggled_cb (NULL, list);
}

static void
list_init (BbFilterBar   *self,
           ListKind       kind,
           GtkMenuButton *button,
           gboolean       searchable)
{
  Checklist *list = &self->lists[kind];
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Show All"));

  list->bar = self;
  list->kind = kind;
  list->button = button;
  list->ids = g_ptr_array_new_with_free_func (g_free);
  list->checks = g_ptr_array_new ();

  if (searchable)
    {
      GtkWidget *search = gtk_search_entry_new ();

      list->search = GTK_EDITABLE (search);
      g_signal_connect (search, "search-changed", G_CALLBACK (list_search_changed_cb), list);
      gtk_box_append (GTK_BOX (box), search);
    }
  list->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (list->list, GTK_SELECTION_NONE);
  if (searchable)
    gtk_list_box_set_filter_func (list->list, list_filter_func, list, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (list->list));
  gtk_box_append (GTK_BOX (box), scrolled);
  g_signal_connect (clear, "clicked", G_CALLBACK (clear_list_clicked_cb), list);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static void
list_clear_items (Checklist *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list->list))) != NULL)
    gtk_list_box_remove (list->list, child);
  g_ptr_array_set_size (list->checks, 0);
  g_ptr_array_set_size (list->ids, 0);
}

static void
list_add_item (Checklist  *list,
               const char *id,
               const char *label,
               gboolean    indented)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);
  GtkWidget *row = gtk_list_box_row_new ();

  if (indented)
    gtk_widget_set_margin_start (check, 24);
  else if (list->kind == LIST_CATEGORIES)
    gtk_widget_add_css_class (check, "heading");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "bb-label", g_strdup (label), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), list);
  gtk_list_box_append (list->list, row);
  g_ptr_array_add (list->ids, g_strdup (id));
  g_ptr_array_add (list->checks, check);
}

static void
list_sync (Checklist              *list,
           const BbIncidentFilter *filter)
{
  char * const *selected = list_selection (filter, list->kind);

  for (guint i = 0; i < list->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (list->checks, i),
                                 selected != NULL
                                 && g_strv_contains ((const char * const *) selected,
                                                     g_ptr_array_index (list->ids, i)));
  update_list_label (list);
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == BB_UNSET_TIME)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (time);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

static void
sync_from_state (BbFilterBar *self)
{
  const BbIncidentFilter *filter;
  BbTimePreset preset;

  if (self->state == NULL || self->search_entry == NULL)
    return;

  filter = bb_filter_state_get_filter (self->state);
  preset = bb_filter_state_get_preset (self->state);
  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), filter->text != NULL ? filter->text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), filter->text != NULL ? filter->text : "");
  gtk_drop_down_set_selected (self->time_dropdown, preset);
  gtk_revealer_set_reveal_child (self->range_revealer, preset == BB_TIME_PRESET_CUSTOM);
  if (preset == BB_TIME_PRESET_CUSTOM)
    {
      g_autofree char *from = format_day (filter->start);
      g_autofree char *to = NULL;

      /* The range ends before the day after the last one shown. */
      to = format_day (filter->end != BB_UNSET_TIME ? filter->end - 12 * 3600 : BB_UNSET_TIME);
      if (!gtk_widget_has_focus (GTK_WIDGET (self->from_entry)))
        gtk_editable_set_text (self->from_entry, from);
      if (!gtk_widget_has_focus (GTK_WIDGET (self->to_entry)))
        gtk_editable_set_text (self->to_entry, to);
    }
  gtk_drop_down_set_selected (self->restricted_dropdown, filter->restricted);
  for (guint i = 0; i < N_LISTS; i++)
    list_sync (&self->lists[i], filter);

  self->syncing = FALSE;
}

static void
search_changed_cb (BbFilterBar *self)
{
  if (self->syncing || self->state == NULL)
    return;
  bb_filter_state_set_text (self->state, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
time_selected_cb (BbFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->time_dropdown);

  if (self->syncing || self->state == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  bb_filter_state_set_preset (self->state, selected);
  gtk_revealer_set_reveal_child (self->range_revealer, selected == BB_TIME_PRESET_CUSTOM);
  if (selected == BB_TIME_PRESET_CUSTOM)
    gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
}

static void
restricted_selected_cb (BbFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->restricted_dropdown);

  if (self->syncing || self->state == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  bb_filter_state_set_restricted (self->state, selected);
}

/* A day typed as YYYY-MM-DD: its local midnight; empty is no bound. */
static gboolean
parse_day (const char *text,
           gint64      days_after,
           gint64     *time)
{
  int y, m, d;
  char end;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) later = NULL;

  text = text != NULL ? text : "";
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    {
      *time = BB_UNSET_TIME;
      return TRUE;
    }
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  later = g_date_time_add_days (dt, days_after);
  *time = g_date_time_to_unix (later);
  return TRUE;
}

static void
range_activate_cb (BbFilterBar *self)
{
  gint64 start, end;

  if (self->state == NULL)
    return;
  if (!parse_day (gtk_editable_get_text (self->from_entry), 0, &start)
      || !parse_day (gtk_editable_get_text (self->to_entry), 1, &end))
    {
      gtk_label_set_label (self->range_message, _("Type days like 2026-03-14."));
      return;
    }
  if (start != BB_UNSET_TIME && end != BB_UNSET_TIME && end <= start)
    {
      gtk_label_set_label (self->range_message, _("The range ends before it starts."));
      return;
    }
  gtk_label_set_label (self->range_message, "");
  bb_filter_state_set_custom_range (self->state, start, end);
}

static void
reset_clicked_cb (BbFilterBar *self)
{
  if (self->state != NULL)
    bb_filter_state_reset (self->state);
}

static void
bb_filter_bar_dispose (GObject *object)
{
  BbFilterBar *self = BB_FILTER_BAR (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (bb_filter_bar_parent_class)->dispose (object);
}

static void
bb_filter_bar_finalize (GObject *object)
{
  BbFilterBar *self = BB_FILTER_BAR (object);

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_clear_pointer (&self->lists[i].ids, g_ptr_array_unref);
      g_clear_pointer (&self->lists[i].checks, g_ptr_array_unref);
      g_clear_pointer (&self->lists[i].shown, g_free);
    }

  G_OBJECT_CLASS (bb_filter_bar_parent_class)->finalize (object);
}

static void
bb_filter_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BbFilterBar *self = BB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_filter_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BbFilterBar *self = BB_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      bb_filter_bar_set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_filter_bar_class_init (BbFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_filter_bar_dispose;
  object_class->finalize = bb_filter_bar_finalize;
  object_class->get_property = bb_filter_bar_get_property;
  object_class->set_property = bb_filter_bar_set_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         BB_TYPE_FILTER_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BB_TYPE_STATION_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, time_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, category_button);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, district_button);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, status_button);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, source_button);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, station_button);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, restricted_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, range_revealer);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, from_entry);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, to_entry);
  gtk_widget_class_bind_template_child (widget_class, BbFilterBar, range_message);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, restricted_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
}

static void
bb_filter_bar_init (BbFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  list_init (self, LIST_CATEGORIES, self->category_button, TRUE);
  list_init (self, LIST_DISTRICTS, self->district_button, TRUE);
  list_init (self, LIST_STATUSES, self->status_button, FALSE);
  list_init (self, LIST_SOURCES, self->source_button, FALSE);

  for (guint i = 0; bb_incident_statuses[i] != NULL; i++)
    list_add_item (&self->lists[LIST_STATUSES], bb_incident_statuses[i],
                   bb_incident_status_label (bb_incident_statuses[i]), FALSE);
  for (guint i = 0; bb_incident_sources[i] != NULL; i++)
    list_add_item (&self->lists[LIST_SOURCES], bb_incident_sources[i],
                   bb_incident_source_label (bb_incident_sources[i]), FALSE);
}

BbFilterState *
bb_filter_bar_get_state (BbFilterBar *self)
{
  g_return_val_if_fail (BB_IS_FILTER_BAR (self), NULL);
  return self->state;
}

void
bb_filter_bar_set_state (BbFilterBar   *self,
                         BbFilterState *state)
{
  g_return_if_fail (BB_IS_FILTER_BAR (self));
  g_return_if_fail (state == NULL || BB_IS_FILTER_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    {
      g_signal_connect_swapped (state, "changed", G_CALLBACK (sync_from_state), self);
      g_signal_connect_swapped (state, "notify::preset", G_CALLBACK (sync_from_state), self);
    }
  bb_station_button_set_state (self->station_button, state);
  sync_from_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* TRUE when @list is to be made again for @shown: its boxes stay as they
 * are when the choices did not change (the page reads them again after
 * every import), so that a box the user is about to tick, and the
 * keyboard focus in an open list, are not taken away. */
static gboolean
list_changes (Checklist *list,
              GString   *shown)
{
  if (g_strcmp0 (list->shown, shown->str) == 0)
    return FALSE;
  g_free (list->shown);
  list->shown = g_strdup (shown->str);
  return TRUE;
}

void
bb_filter_bar_set_choices (BbFilterBar *self,
                           GPtrArray   *categories,
                           GPtrArray   *districts)
{
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  Checklist *list;

  g_return_if_fail (BB_IS_FILTER_BAR (self));

  if (categories != NULL)
    ordered = bb_categories_two_level (categories);
  for (guint i = 0; ordered != NULL && i < ordered->len; i++)
    {
      BbCategory *category = g_ptr_array_index (ordered, i);

      g_string_append_printf (shown, "%s\x1f%s\x1f%d\x1e", category->id, category->name,
                              category->parent_id != NULL && *category->parent_id != '\0');
    }
  list = &self->lists[LIST_CATEGORIES];
  if (list_changes (list, shown))
    {
      list_clear_items (list);
      for (guint i = 0; ordered != NULL && i < ordered->len; i++)
        {
          BbCategory *category = g_ptr_array_index (ordered, i);

          list_add_item (list, category->id, category->name,
                         category->parent_id != NULL && *category->parent_id != '\0');
        }
    }

  g_string_truncate (shown, 0);
  for (guint i = 0; districts != NULL && i < districts->len; i++)
    {
      BbDistrict *district = g_ptr_array_index (districts, i);

      g_string_append_printf (shown, "%s\x1f%s\x1e", district->id, district->name);
    }
  list = &self->lists[LIST_DISTRICTS];
  if (list_changes (list, shown))
    {
      list_clear_items (list);
      for (guint i = 0; districts != NULL && i < districts->len; i++)
        {
          BbDistrict *district = g_ptr_array_index (districts, i);

          list_add_item (list, district->id, district->name, FALSE);
        }
    }
  sync_from_state (self);
}

void
bb_filter_bar_focus_search (BbFilterBar *self)
{
  g_return_if_fail (BB_IS_FILTER_BAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
