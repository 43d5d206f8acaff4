/* bb-agenda-view.c: the calendar as a list: events, tasks due and plan reviews, day by day */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-agenda-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-agenda-view.h"
#include "bb-month-view.h"

/* One row of the list: a calendar item as a GObject for the list model. */
#define BB_TYPE_AGENDA_ENTRY (bb_agenda_entry_get_type ())
G_DECLARE_FINAL_TYPE (BbAgendaEntry, bb_agenda_entry, BB, AGENDA_ENTRY, GObject)

struct _BbAgendaEntry
{
  GObject         parent_instance;
  BbCalendarItem *item;
  char           *day;      /* "Tuesday 10 March", only on the day's first row */
  char           *time;
  char           *detail;
};

G_DEFINE_FINAL_TYPE (BbAgendaEntry, bb_agenda_entry, G_TYPE_OBJECT)

static void
bb_agenda_entry_finalize (GObject *object)
{
  BbAgendaEntry *self = BB_AGENDA_ENTRY (object);

  bb_calendar_item_free (self->item);
  g_free (self->day);
  g_free (self->time);
  g_free (self->detail);
  G_OBJECT_CLASS (bb_agenda_entry_parent_class)->finalize (object);
}

static void
bb_agenda_entry_class_init (BbAgendaEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bb_agenda_entry_finalize;
}

static void
bb_agenda_entry_init (BbAgendaEntry *self)
{
}

struct _BbAgendaView
{
  AdwBin       parent_instance;

  GListStore  *entries;
  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (BbAgendaView, bb_agenda_view, ADW_TYPE_BIN)

enum {
  ITEM_ACTIVATED,
  DONE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
done_toggled_cb (GtkCheckButton *check,
                 BbAgendaView   *self)
{
  BbAgendaEntry *entry = g_object_get_data (G_OBJECT (check), "entry");

  if (entry == NULL || gtk_check_button_get_active (check) == entry->item->done)
    return;
  g_signal_emit (self, signals[DONE_TOGGLED], 0, entry->item, gtk_check_button_get_active (check));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          BbAgendaView             *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *day = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_label_set_xalign (GTK_LABEL (day), 0);
  gtk_label_set_width_chars (GTK_LABEL (day), 19);
  gtk_label_set_max_width_chars (GTK_LABEL (day), 24);
  gtk_label_set_ellipsize (GTK_LABEL (day), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (day, "heading");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_width_chars (GTK_LABEL (time), 11);
  gtk_widget_add_css_class (time, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Done"));
  g_signal_connect_object (check, "toggled", G_CALLBACK (done_toggled_cb), self, 0);

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (row), day);
  gtk_box_append (GTK_BOX (row), time);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), check);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         BbAgendaView             *self)
{
  BbAgendaEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *day = gtk_widget_get_first_child (row);
  GtkWidget *time = gtk_widget_get_next_sibling (day);
  GtkWidget *dot = gtk_widget_get_next_sibling (time);
  GtkWidget *texts = gtk_widget_get_next_sibling (dot);
  GtkWidget *check = gtk_widget_get_next_sibling (texts);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  g_autofree char *colour = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *accessible = NULL;
  GdkRGBA rgba;
  gboolean deadline = entry->item->kind != BB_CALENDAR_ITEM_EVENT;

  bb_calendar_item_colour (entry->item, &rgba);
  colour = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5), (int) (rgba.green * 255 + 0.5),
                            (int) (rgba.blue * 255 + 0.5));
  markup = g_strdup_printf ("<span foreground=\"%s\">%s</span>", colour, deadline ? "◆" : "●");
  gtk_label_set_text (GTK_LABEL (day), entry->day ? entry->day : "");
  gtk_label_set_text (GTK_LABEL (time), entry->time);
  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_label_set_text (GTK_LABEL (title), entry->item->title);
  gtk_label_set_text (GTK_LABEL (detail), entry->detail);
  gtk_widget_set_opacity (texts, deadline && entry->item->done ? 0.55 : 1.0);

  g_object_set_data (G_OBJECT (check), "entry", NULL);
  gtk_widget_set_visible (check, deadline);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), entry->item->done);
  g_object_set_data (G_OBJECT (check), "entry", entry);
  /* Translators: an accessible name: "Done: Repair the lamps" */
  accessible = g_strdup_printf (_("Done: %s"), entry->item->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           BbAgendaView             *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (gtk_widget_get_last_child (row)), "entry", NULL);
}

static void
activate_cb (GtkListView  *list_view,
             guint         position,
             BbAgendaView *self)
{
  g_autoptr(BbAgendaEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  if (entry != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, entry->item);
}

static void
bb_agenda_view_dispose (GObject *object)
{
  BbAgendaView *self = BB_AGENDA_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_AGENDA_VIEW);
  g_clear_object (&self->entries);
  G_OBJECT_CLASS (bb_agenda_view_parent_class)->dispose (object);
}

/* The keyboard goes to the list (and so to its focused or first row). */
static gboolean
bb_agenda_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (BB_AGENDA_VIEW (widget)->list_view));
}

static void
bb_agenda_view_class_init (BbAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_agenda_view_dispose;
  widget_class->grab_focus = bb_agenda_view_grab_focus;

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          BB_TYPE_CALENDAR_ITEM | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[DONE_TOGGLED] = g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        BB_TYPE_CALENDAR_ITEM | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbAgendaView, stack);
  gtk_widget_class_bind_template_child (widget_class, BbAgendaView, list_view);
}

static void
bb_agenda_view_init (BbAgendaView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (BB_TYPE_AGENDA_ENTRY);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)))));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
}

GtkWidget *
bb_agenda_view_new (void)
{
  return g_object_new (BB_TYPE_AGENDA_VIEW, NULL);
}

void
bb_agenda_view_set_items (BbAgendaView *self,
                          GPtrArray    *items,
                          GTimeZone    *tz,
                          GHashTable   *kind_names)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  int last_day = -1;

  g_return_if_fail (BB_IS_AGENDA_VIEW (self));

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (items, i);
      BbAgendaEntry *entry = g_object_new (BB_TYPE_AGENDA_ENTRY, NULL);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->start);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      int day = g_date_time_get_year (local) * 1000 + g_date_time_get_day_of_year (local);
      const char *kind_name = item->event_kind && kind_names ? g_hash_table_lookup (kind_names, item->event_kind) : NULL;

      entry->item = bb_calendar_item_copy (item);
      if (day != last_day)
        /* Translators: a day heading in the agenda, as g_date_time_format()
         * takes it: "Tue 10 March" */
        entry->day = g_date_time_format (local, _("%a %-d %B"));
      last_day = day;
      if (item->kind == BB_CALENDAR_ITEM_TASK)
        {
          entry->time = g_strdup (_("Task due"));
          entry->detail = g_strdup (item->context ? item->context : "");
        }
      else if (item->kind == BB_CALENDAR_ITEM_REVIEW)
        {
          entry->time = g_strdup (_("Plan review"));
          entry->detail = g_strdup (item->context ? item->context : "");
        }
      else
        {
          g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (item->end);
          g_autoptr(GDateTime) end = g_date_time_to_timezone (end_utc, tz);
          g_autofree char *from = g_date_time_format (local, "%H:%M");
          g_autofree char *to = g_date_time_format (end, "%H:%M");

          entry->time = item->all_day ? g_strdup (_("All day")) : g_strdup_printf ("%s–%s", from, to);
          if (item->place != NULL && *item->place != '\0' && kind_name != NULL)
            /* Translators: an event's kind, then its place */
            entry->detail = g_strdup_printf (_("%s · %s"), kind_name, item->place);
          else
            entry->detail = g_strdup (kind_name ? kind_name : item->place ? item->place : "");
          if (item->series_id != NULL)
            {
              /* Translators: added to the kind and place of an occurrence of a repeating event */
              char *with = g_strdup_printf (_("%s · repeats"), entry->detail);

              g_free (entry->detail);
              entry->detail = with;
            }
        }
      g_ptr_array_add (entries, entry);
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

guint
bb_agenda_view_get_n_items (BbAgendaView *self)
{
  g_return_val_if_fail (BB_IS_AGENDA_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

void
bb_agenda_view_toggle_done (BbAgendaView *self,
                            guint         position)
{
  g_autoptr(BbAgendaEntry) entry = NULL;

  g_return_if_fail (BB_IS_AGENDA_VIEW (self));

  entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  if (entry != NULL && entry->item->kind != BB_CALENDAR_ITEM_EVENT)
    g_signal_emit (self, signals[DONE_TOGGLED], 0, entry->item, !entry->item->done);
}
