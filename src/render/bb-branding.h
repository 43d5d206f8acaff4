/* bb-branding.h: the station's name, contacts, logo and colours as documents show them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-print-document.h"
#include "bb-records.h"

G_BEGIN_DECLS

typedef struct {
  char    *station_name;
  char    *address;
  char    *phone;
  char    *email;
  char    *website;
  GBytes  *logo;       /* PNG, or NULL */
  BbColor  primary;    /* headers, bands */
  BbColor  accent;     /* highlights, bullets */
} BbBranding;

/* The station's record, with Beatbook's navy and amber where it chose no
 * colours of its own. */
BbBranding *bb_branding_new_from_station (const BbStation  *station);
BbBranding *bb_branding_copy             (const BbBranding *self);
void        bb_branding_free             (BbBranding       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBranding, bb_branding_free)

G_END_DECLS
