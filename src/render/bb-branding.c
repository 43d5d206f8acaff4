/* bb-branding.c: the station's name, contacts, logo and colours as documents show them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-branding"

#include "config.h"

#include "bb-branding.h"

#define DEFAULT_PRIMARY 0x1b3a5c
#define DEFAULT_ACCENT  0xd98c1f

BbBranding *
bb_branding_new_from_station (const BbStation *station)
{
  BbBranding *self = g_new0 (BbBranding, 1);

  self->primary = bb_color_rgb (DEFAULT_PRIMARY);
  self->accent = bb_color_rgb (DEFAULT_ACCENT);
  if (station == NULL)
    return self;
  self->station_name = g_strdup (station->name);
  self->address = g_strdup (station->address);
  self->phone = g_strdup (station->phone);
  self->email = g_strdup (station->email);
  self->website = g_strdup (station->website);
  self->logo = station->logo != NULL ? g_bytes_ref (station->logo) : NULL;
  bb_color_parse (station->colour_primary, &self->primary);
  bb_color_parse (station->colour_accent, &self->accent);
  return self;
}

BbBranding *
bb_branding_copy (const BbBranding *self)
{
  BbBranding *copy = g_new0 (BbBranding, 1);

  *copy = *self;
  copy->station_name = g_strdup (self->station_name);
  copy->address = g_strdup (self->address);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->website = g_strdup (self->website);
  copy->logo = self->logo != NULL ? g_bytes_ref (self->logo) : NULL;
  return copy;
}

void
bb_branding_free (BbBranding *self)
{
  if (self == NULL)
    return;
  g_free (self->station_name);
  g_free (self->address);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->website);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self);
}
