/* bb-bundle-export-dialog.h: writing a bundle of this station's changes for another station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_BUNDLE_EXPORT_DIALOG (bb_bundle_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbBundleExportDialog, bb_bundle_export_dialog, BB, BUNDLE_EXPORT_DIALOG, AdwWindow)

/* Offers the stations @store exchanges with (the first one chosen), or
 * everything for any station; Export writes to the outbox, or asks where. */
BbBundleExportDialog *bb_bundle_export_dialog_new      (GtkWindow            *parent,
                                                        BbStore              *store);
/* Chooses the station the bundle is for (NULL: any station). */
void                  bb_bundle_export_dialog_set_peer (BbBundleExportDialog *self,
                                                        const char           *station_id);
/* "options", "busy", "done" or "error". */
const char           *bb_bundle_export_dialog_get_step (BbBundleExportDialog *self);

G_END_DECLS
