/* bb-map-view.c: the Map view: the station's incidents and districts on an offline map */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-map-view.h"

struct _BbMapView
{
  AdwBin   parent_instance;

  BbStore *store;
};

G_DEFINE_FINAL_TYPE (BbMapView, bb_map_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bb_map_view_dispose (GObject *object)
{
  BbMapView *self = BB_MAP_VIEW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (bb_map_view_parent_class)->dispose (object);
}

static void
bb_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BbMapView *self = BB_MAP_VIEW (object);

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
bb_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BbMapView *self = BB_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bb_map_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_map_view_class_init (BbMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bb_map_view_dispose;
  object_class->get_property = bb_map_view_get_property;
  object_class->set_property = bb_map_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_map_view_init (BbMapView *self)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "mark-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Map"));
  adw_bin_set_child (ADW_BIN (self), status);
}

BbStore *
bb_map_view_get_store (BbMapView *self)
{
  g_return_val_if_fail (BB_IS_MAP_VIEW (self), NULL);
  return self->store;
}

void
bb_map_view_set_store (BbMapView *self,
                       BbStore   *store)
{
  g_return_if_fail (BB_IS_MAP_VIEW (self));
  g_return_if_fail (store == NULL || BB_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
