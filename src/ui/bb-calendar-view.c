/* bb-calendar-view.c: the Calendar view: community meetings, open days and other events */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-station-summary.h"
#include "bb-calendar-view.h"

struct _BbCalendarView
{
  AdwBin         parent_instance;

  BbStore       *store;

  AdwStatusPage *status_page;
  GtkWidget     *demo_button;
  GtkWidget     *next_button;
};

G_DEFINE_FINAL_TYPE (BbCalendarView, bb_calendar_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (BbCalendarView *self,
            const GError *error)
{
  g_autofree char *message = g_markup_escape_text (error->message, -1);

  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->status_page, _("The Station Could Not Be Read"));
  adw_status_page_set_description (self->status_page, message);
  gtk_widget_set_visible (self->demo_button, FALSE);
  gtk_widget_set_visible (self->next_button, FALSE);
}

static void
refresh (BbCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStationSummary) summary = NULL;
  g_autofree char *station = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean empty;

  if (self->store == NULL)
    {
      adw_status_page_set_title (self->status_page, _("No Station Open"));
      adw_status_page_set_description (self->status_page, NULL);
      gtk_widget_set_visible (self->demo_button, TRUE);
      gtk_widget_set_visible (self->next_button, FALSE);
      return;
    }

  summary = bb_station_summary_load (self->store, &error);
  if (summary == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The description is markup; the name is the station's own text. */
  station = g_markup_escape_text (summary->station_name[0] != '\0'
                                  ? summary->station_name : _("This station"), -1);
  adw_status_page_set_icon_name (self->status_page, "x-office-calendar-symbolic");

  empty = summary->events == 0;
  if (!empty)
    {
      g_autofree char *n = bb_format_count (summary->events);

      title = g_strdup_printf (ngettext ("%s Event", "%s Events", summary->events), n);
      /* Translators: %s is the station's name */
      description = g_strdup_printf (_("Community meetings, advisory-group meetings, open days, school visits and press briefings of %s."),
                                     station);
    }
  else
    {
      title = g_strdup (_("No Events Yet"));
      /* Translators: %s is the station's name */
      description = g_strdup_printf (_("%s has no community meetings, open days or school visits recorded yet."),
                                     station);
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, empty);
  gtk_widget_set_visible (self->next_button, !empty);
}

static void
bb_calendar_view_dispose (GObject *object)
{
  BbCalendarView *self = BB_CALENDAR_VIEW (object);

  g_clear_object (&self->store);
  /* AdwBin keeps its own pointer to the status page; it lets go first so
   * that the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_CALENDAR_VIEW);

  G_OBJECT_CLASS (bb_calendar_view_parent_class)->dispose (object);
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
  object_class->get_property = bb_calendar_view_get_property;
  object_class->set_property = bb_calendar_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbCalendarView, next_button);
}

static void
bb_calendar_view_init (BbCalendarView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

BbStore *
bb_calendar_view_get_store (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  return self->store;
}

void
bb_calendar_view_set_store (BbCalendarView *self,
                            BbStore   *store)
{
  g_return_if_fail (BB_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AdwStatusPage *
bb_calendar_view_get_status_page (BbCalendarView *self)
{
  g_return_val_if_fail (BB_IS_CALENDAR_VIEW (self), NULL);
  return self->status_page;
}
