/* bb-tile-server-dialog.h: setting up the online tile server a station may use */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-map-view.h"
#include "bb-tile-server.h"

G_BEGIN_DECLS

#define BB_TYPE_TILE_SERVER_DIALOG (bb_tile_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbTileServerDialog, bb_tile_server_dialog, BB, TILE_SERVER_DIALOG, AdwWindow)

/* Opens the dialog over @view for its station; once saved, the view shows
 * the online map. Returns the dialog (owned by the window list). */
BbTileServerDialog *bb_tile_server_dialog_present    (BbMapView          *view);
/* Fills the fields in, as the user would. */
void                bb_tile_server_dialog_set_server (BbTileServerDialog *self,
                                                      const BbTileServer *server);

G_END_DECLS
