/* bb-incident-row.c: one line of the incidents table, filled in when its page arrives */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-row"

#include "config.h"

#include "bb-incident-row.h"

struct _BbIncidentRow
{
  GObject     parent_instance;

  guint       position;
  BbIncident *incident;
  char       *category_name;
  char       *category_colour;
  char       *district_name;
};

G_DEFINE_FINAL_TYPE (BbIncidentRow, bb_incident_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bb_incident_row_finalize (GObject *object)
{
  BbIncidentRow *self = BB_INCIDENT_ROW (object);

  g_clear_pointer (&self->incident, bb_incident_free);
  g_free (self->category_name);
  g_free (self->category_colour);
  g_free (self->district_name);

  G_OBJECT_CLASS (bb_incident_row_parent_class)->finalize (object);
}

static void
bb_incident_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbIncidentRow *self = BB_INCIDENT_ROW (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      g_value_set_boxed (value, self->incident);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_incident_row_class_init (BbIncidentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bb_incident_row_finalize;
  object_class->get_property = bb_incident_row_get_property;

  properties[PROP_INCIDENT] =
    g_param_spec_boxed ("incident", NULL, NULL,
                        bb_incident_get_type (),
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bb_incident_row_init (BbIncidentRow *self)
{
}

BbIncidentRow *
bb_incident_row_new (guint position)
{
  BbIncidentRow *self = g_object_new (BB_TYPE_INCIDENT_ROW, NULL);

  self->position = position;
  return self;
}

guint
bb_incident_row_get_position (BbIncidentRow *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_ROW (self), 0);
  return self->position;
}

const BbIncident *
bb_incident_row_get_incident (BbIncidentRow *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_ROW (self), NULL);
  return self->incident;
}

const char *
bb_incident_row_get_category_name (BbIncidentRow *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_ROW (self), NULL);
  return self->category_name;
}

const char *
bb_incident_row_get_category_colour (BbIncidentRow *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_ROW (self), NULL);
  return self->category_colour;
}

const char *
bb_incident_row_get_district_name (BbIncidentRow *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_ROW (self), NULL);
  return self->district_name;
}

void
bb_incident_row_set_incident (BbIncidentRow *self,
                              BbIncident    *incident,
                              const char    *category_name,
                              const char    *category_colour,
                              const char    *district_name)
{
  g_return_if_fail (BB_IS_INCIDENT_ROW (self));

  g_clear_pointer (&self->incident, bb_incident_free);
  self->incident = incident;
  g_free (self->category_name);
  self->category_name = g_strdup (category_name);
  g_free (self->category_colour);
  self->category_colour = g_strdup (category_colour);
  g_free (self->district_name);
  self->district_name = g_strdup (district_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}
