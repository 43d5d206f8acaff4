/* bb-default-categories.h: the category taxonomy every new station starts with */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;         /* stable, e.g. "theft.bicycle" */
  const char *parent_code;  /* NULL for a top-level category */
  const char *name;         /* N_() marked; translate with _() */
  const char *kind;         /* crime, disorder, environment, traffic */
  const char *colour;       /* "#rrggbb" */
} BbDefaultCategory;

/* Parents come before their children. */
const BbDefaultCategory *bb_default_categories (gsize *n_categories);

G_END_DECLS
