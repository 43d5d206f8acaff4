/* bb-crs.c: coordinates in a projected system brought to WGS84 longitude/latitude with PROJ */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-crs"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <proj.h>

#include "bb-crs.h"

G_DEFINE_QUARK (bb-crs-error-quark, bb_crs_error)

struct _BbCrsTransform
{
  PJ_CONTEXT *context;
  PJ         *pj;
  int         epsg;
};

int
bb_crs_parse_epsg (const char *text)
{
  const char *p;
  char *end = NULL;
  gint64 code;

  if (text == NULL)
    return 0;
  while (g_ascii_isspace (*text))
    text++;
  if (g_ascii_strcasecmp (text, "urn:ogc:def:crs:OGC:1.3:CRS84") == 0
      || g_ascii_strcasecmp (text, "urn:ogc:def:crs:OGC::CRS84") == 0
      || g_ascii_strcasecmp (text, "CRS84") == 0
      || g_ascii_strcasecmp (text, "WGS84") == 0)
    return 4326;

  /* the number after the last "EPSG" and the last colon (a URN may name
   * the registry's version in between), or the whole text */
  p = text;
  for (const char *q = text; *q != '\0'; q++)
    if (g_ascii_strncasecmp (q, "EPSG", 4) == 0)
      p = q + 4;
  if (p != text)
    {
      const char *colon = strrchr (p, ':');

      if (colon != NULL)
        p = colon + 1;
    }
  if (!g_ascii_isdigit (*p))
    return 0;
  code = g_ascii_strtoll (p, &end, 10);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || code <= 0 || code > 999999)
    return 0;
  return (int) code;
}

BbCrsTransform *
bb_crs_transform_new (const char  *source,
                      GError     **error)
{
  g_autoptr(BbCrsTransform) self = NULL;
  g_autofree char *definition = NULL;
  PJ *raw;
  int epsg;

  g_return_val_if_fail (source != NULL, NULL);

  epsg = bb_crs_parse_epsg (source);
  if (epsg == 0)
    {
      g_set_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN,
                   _("“%s” is not an EPSG code (for example EPSG:32635 or EPSG:27700)"), source);
      return NULL;
    }

  self = g_new0 (BbCrsTransform, 1);
  self->epsg = epsg == 4326 ? 0 : epsg;
  if (self->epsg == 0)
    return g_steal_pointer (&self);

  self->context = proj_context_create ();
  /* no network: grids come from the files the system holds */
  proj_context_set_enable_network (self->context, 0);
  proj_log_level (self->context, PJ_LOG_NONE);
  definition = g_strdup_printf ("EPSG:%d", epsg);
  raw = proj_create_crs_to_crs (self->context, definition, "EPSG:4326", NULL);
  if (raw == NULL)
    {
      g_set_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN,
                   _("EPSG:%d is not a coordinate system Beatbook can convert from"), epsg);
      return NULL;
    }
  /* longitude first, whatever the axis order of EPSG:4326 says */
  self->pj = proj_normalize_for_visualization (self->context, raw);
  proj_destroy (raw);
  if (self->pj == NULL)
    {
      g_set_error (error, BB_CRS_ERROR, BB_CRS_ERROR_UNKNOWN,
                   _("EPSG:%d is not a coordinate system Beatbook can convert from"), epsg);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
bb_crs_transform_free (BbCrsTransform *self)
{
  if (self == NULL)
    return;
  if (self->pj != NULL)
    proj_destroy (self->pj);
  if (self->context != NULL)
    proj_context_destroy (self->context);
  g_free (self);
}

int
bb_crs_transform_get_epsg (BbCrsTransform *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->epsg;
}

gboolean
bb_crs_transform_point (BbCrsTransform *self,
                        double          x,
                        double          y,
                        double         *lon,
                        double         *lat)
{
  PJ_COORD in, out;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!isfinite (x) || !isfinite (y))
    return FALSE;
  if (self->pj == NULL)
    {
      *lon = x;
      *lat = y;
      return TRUE;
    }
  in = proj_coord (x, y, 0, 0);
  out = proj_trans (self->pj, PJ_FWD, in);
  if (!isfinite (out.xy.x) || !isfinite (out.xy.y) || out.xy.x == HUGE_VAL)
    return FALSE;
  *lon = out.xy.x;
  *lat = out.xy.y;
  return TRUE;
}
