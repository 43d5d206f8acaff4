/* bb-default-categories.c: the category taxonomy every new station starts with */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-default-categories"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-default-categories.h"

/* What residents raise with their neighbourhood officer, crimes and
 * concerns alike.  Top-level categories get hues around the colour wheel;
 * subcategories are darker and lighter shades of their parent's hue, so a
 * map reads by family first.  The codes are stable: imports and the demo
 * station refer to them. */
static const BbDefaultCategory default_categories[] = {
  { "theft", NULL, N_("Theft"), "crime", "#b62020" },
  { "theft.vehicle", "theft", N_("Vehicle theft"), "crime", "#7e1b1b" },
  { "theft.bicycle", "theft", N_("Bicycle theft"), "crime", "#d74242" },
  { "theft.shop", "theft", N_("Shoplifting"), "crime", "#e17070" },
  { "theft.pickpocket", "theft", N_("Pickpocketing"), "crime", "#5d1414" },
  { "burglary", NULL, N_("Burglary"), "crime", "#b65820" },
  { "burglary.residential", "burglary", N_("Burglary of a home"), "crime", "#7e401b" },
  { "burglary.commercial", "burglary", N_("Burglary of a business"), "crime", "#d77a42" },
  { "robbery", NULL, N_("Robbery"), "crime", "#b69120" },
  { "assault", NULL, N_("Assault"), "crime", "#a3b620" },
  { "domestic_violence", NULL, N_("Domestic violence"), "crime", "#6bb620" },
  { "drugs", NULL, N_("Drugs"), "crime", "#33b620" },
  { "drugs.dealing", "drugs", N_("Drug dealing"), "crime", "#277e1b" },
  { "drugs.use", "drugs", N_("Drug use in public"), "crime", "#54d742" },
  { "vandalism", NULL, N_("Vandalism"), "crime", "#20b646" },
  { "vandalism.graffiti", "vandalism", N_("Graffiti"), "crime", "#1b7e34" },
  { "vandalism.property", "vandalism", N_("Damage to property"), "crime", "#42d767" },
  { "fraud", NULL, N_("Fraud"), "crime", "#20b67e" },
  { "fraud.elderly", "fraud", N_("Fraud against older people"), "crime", "#1b7e59" },
  { "public_disorder", NULL, N_("Public disorder"), "disorder", "#20b6b6" },
  { "public_disorder.noise", "public_disorder", N_("Noise"), "disorder", "#1b7e7e" },
  { "public_disorder.fight", "public_disorder", N_("Fighting in public"), "disorder", "#42d7d7" },
  { "alcohol_public", NULL, N_("Drinking in public"), "disorder", "#207eb6" },
  { "youth_groups", NULL, N_("Aggressive groups of young people"), "disorder", "#2046b6" },
  { "traffic", NULL, N_("Road traffic"), "traffic", "#3320b6" },
  { "traffic.speeding", "traffic", N_("Speeding"), "traffic", "#271b7e" },
  { "traffic.parking", "traffic", N_("Dangerous parking"), "traffic", "#5442d7" },
  { "traffic.accident", "traffic", N_("Road accident"), "traffic", "#7e70e1" },
  { "street_lighting", NULL, N_("Broken street lighting"), "environment", "#6b20b6" },
  { "stray_dogs", NULL, N_("Stray dogs"), "environment", "#a320b6" },
  { "abandoned_buildings", NULL, N_("Abandoned buildings"), "environment", "#b62091" },
  { "illegal_dumping", NULL, N_("Illegal dumping"), "environment", "#b62058" },
};

const BbDefaultCategory *
bb_default_categories (gsize *n_categories)
{
  g_return_val_if_fail (n_categories != NULL, NULL);

  *n_categories = G_N_ELEMENTS (default_categories);
  return default_categories;
}
