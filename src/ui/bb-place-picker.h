/* bb-place-picker.h: a small map of the station on which a position is picked with a click */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PLACE_PICKER (bb_place_picker_get_type ())
G_DECLARE_FINAL_TYPE (BbPlacePicker, bb_place_picker, BB, PLACE_PICKER, AdwBin)

BbPlacePicker *bb_place_picker_new          (void);
/* Loads the station's base map and districts off the main thread. */
void           bb_place_picker_set_store    (BbPlacePicker *self,
                                             BbStore       *store);
gboolean       bb_place_picker_is_loaded    (BbPlacePicker *self);
/* The marked position; NAN for none.  Setting it does not emit
 * ::picked, and brings the mark into view. */
void           bb_place_picker_set_position (BbPlacePicker *self,
                                             double         lat,
                                             double         lon);
void           bb_place_picker_get_position (BbPlacePicker *self,
                                             double        *lat,
                                             double        *lon);
/* Marks the position under widget coordinates (@x, @y), as a click does. */
void           bb_place_picker_pick_at      (BbPlacePicker *self,
                                             double         x,
                                             double         y);

G_END_DECLS
