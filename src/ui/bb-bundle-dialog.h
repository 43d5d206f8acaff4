/* bb-bundle-dialog.h: importing bundles: what each holds and would change, the import, what it did */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_BUNDLE_DIALOG (bb_bundle_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbBundleDialog, bb_bundle_dialog, BB, BUNDLE_DIALOG, AdwWindow)

/* Checks the bundles at @paths (in the order given) at once, and shows
 * what each holds and would change; Import applies them one after the
 * other.  Emits ::imported when at least one was applied. */
BbBundleDialog *bb_bundle_dialog_new      (GtkWindow          *parent,
                                           BbStore            *store,
                                           const char * const *paths);
/* "reading", "preview", "busy", "result" or "error". */
const char     *bb_bundle_dialog_get_step (BbBundleDialog     *self);

G_END_DECLS
