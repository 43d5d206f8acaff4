/* bb-offline-save-dialog.h: saving an area of the online map for use with no network */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-map-view.h"

G_BEGIN_DECLS

#define BB_TYPE_OFFLINE_SAVE_DIALOG (bb_offline_save_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbOfflineSaveDialog, bb_offline_save_dialog, BB, OFFLINE_SAVE_DIALOG, AdwWindow)

/* Opens the dialog over @view, for the area it shows or has selected and
 * the station's online server; NULL (and the server dialog instead) when
 * the station has no usable server. */
BbOfflineSaveDialog *bb_offline_save_dialog_present        (BbMapView           *view);

/* For tests: what the user would choose, the page shown ("setup",
 * "progress", "done", "failed") and the file being saved. */
void                 bb_offline_save_dialog_set_zoom_range (BbOfflineSaveDialog *self,
                                                            guint                min_zoom,
                                                            guint                max_zoom);
void                 bb_offline_save_dialog_set_folder     (BbOfflineSaveDialog *self,
                                                            const char          *folder);
const char          *bb_offline_save_dialog_get_page       (BbOfflineSaveDialog *self);
const char          *bb_offline_save_dialog_get_path       (BbOfflineSaveDialog *self);

G_END_DECLS
