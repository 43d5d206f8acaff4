/* bb-problems-view.c: the Problems view: the problems the station works on with its partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problems-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-station-summary.h"
#include "bb-problems-view.h"

struct _BbProblemsView
{
  AdwBin         parent_instance;

  BbStore       *store;

  AdwStatusPage *status_page;
  GtkWidget     *demo_button;
  GtkWidget     *next_button;
};

G_DEFINE_FINAL_TYPE (BbProblemsView, bb_problems_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (BbProblemsView *self,
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
refresh (BbProblemsView *self)
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
  adw_status_page_set_icon_name (self->status_page, "emblem-important-symbolic");

  empty = summary->problems == 0;
  if (!empty)
    {
      g_autofree char *n = bb_format_count (summary->problems);
      g_autofree char *np = bb_format_count (summary->partners);
      g_autofree char *nplans = bb_format_count (summary->plans);
      g_autofree char *partners = NULL;
      g_autofree char *plans = NULL;

      title = g_strdup_printf (ngettext ("%s Problem", "%s Problems", summary->problems), n);
      partners = g_strdup_printf (ngettext ("%s partner", "%s partners", summary->partners), np);
      plans = g_strdup_printf (ngettext ("%s community safety plan", "%s community safety plans", summary->plans), nplans);
      /* Translators: "Harbourside station works on them with 34 partners and has 1 community safety plan." */
      description = g_strdup_printf (_("%s works on them with %s and has %s."),
                                     station, partners, plans);
    }
  else
    {
      title = g_strdup (_("No Problems Yet"));
      /* Translators: %s is the station's name */
      description = g_strdup_printf (_("A problem gathers the incidents and residents’ concerns about one place or one issue, so that the station and its partners can work on it together. %s has no problems recorded yet."),
                                     station);
    }

  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->demo_button, empty);
  /* With incidents there is something to look at already. */
  gtk_widget_set_visible (self->next_button, summary->incidents > 0);
}

static void
bb_problems_view_dispose (GObject *object)
{
  BbProblemsView *self = BB_PROBLEMS_VIEW (object);

  g_clear_object (&self->store);
  /* AdwBin keeps its own pointer to the status page; it lets go first so
   * that the template does not unparent the child behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_PROBLEMS_VIEW);

  G_OBJECT_CLASS (bb_problems_view_parent_class)->dispose (object);
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

static void
bb_problems_view_class_init (BbProblemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_problems_view_dispose;
  object_class->get_property = bb_problems_view_get_property;
  object_class->set_property = bb_problems_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-problems-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BbProblemsView, next_button);
}

static void
bb_problems_view_init (BbProblemsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

BbStore *
bb_problems_view_get_store (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->store;
}

void
bb_problems_view_set_store (BbProblemsView *self,
                            BbStore   *store)
{
  g_return_if_fail (BB_IS_PROBLEMS_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AdwStatusPage *
bb_problems_view_get_status_page (BbProblemsView *self)
{
  g_return_val_if_fail (BB_IS_PROBLEMS_VIEW (self), NULL);
  return self->status_page;
}
