/* bb-incidents-page.c: the Incidents page: the station's incidents and concerns */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-station-summary.h"
#include "bb-incidents-page.h"

struct _BbIncidentsPage
{
  AdwBin         parent_instance;

  BbStore       *store;

  AdwStatusPage *status_page;
  GtkWidget     *demo_button;
  GtkWidget     *next_button;
};

G_DEFINE_FINAL_TYPE (BbIncidentsPage, bb_incidents_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (BbIncidentsPage *self,
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
refresh (BbIncidentsPage *self)
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
  adw_status_page_set_icon_name (self->status_page, "view-list-bullet-symbolic");

  empty = summary->incidents == 0;
  if (!empty)
    {
      g_autofree char *n = bb_format_count (summary->incidents);
      g_autofree char *nd = bb_format_count (summary->districts);
      g_autofree char *districts = NULL;

      title = g_strdup_printf (ngettext ("%s Incident", "%s Incidents", summary->incidents), n);
      districts = g_strdup_printf (ngettext ("%s district", "%s districts", summary->districts), nd);
      /* Translators: "Crimes and residents' concerns recorded by Harbourside station across 12 districts." */
      description = g_strdup_printf (_("Crimes and residents’ concerns recorded by %s across %s."),
                                     station, districts);
    }
  else
    {
      title = g_strdup (_("No Incidents Yet"));
      /* Translators: %s is the station's name */
      description = g_strdup_printf (_("%s has no incidents or residents’ concerns recorded yet. The demo station shows a fictional town with two years of them."),
                                     station);
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, empty);
  gtk_widget_set_visible (self->next_button, !empty);
}

static void
bb_incidents_page_dispose (GObject *object)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  g_clear_object (&self->store);
  /* AdwBin keeps its own pointer to the status page; it lets go first so
   * that the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_INCIDENTS_PAGE);

  G_OBJECT_CLASS (bb_incidents_page_parent_class)->dispose (object);
}

static void
bb_incidents_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

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
bb_incidents_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BbIncidentsPage *self = BB_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_incidents_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_incidents_page_class_init (BbIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_incidents_page_dispose;
  object_class->get_property = bb_incidents_page_get_property;
  object_class->set_property = bb_incidents_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbIncidentsPage, next_button);
}

static void
bb_incidents_page_init (BbIncidentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

BbStore *
bb_incidents_page_get_store (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->store;
}

void
bb_incidents_page_set_store (BbIncidentsPage *self,
                             BbStore   *store)
{
  g_return_if_fail (BB_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AdwStatusPage *
bb_incidents_page_get_status_page (BbIncidentsPage *self)
{
  g_return_val_if_fail (BB_IS_INCIDENTS_PAGE (self), NULL);
  return self->status_page;
}
