/* bb-near-repeat-dialog.h: the Knox near-repeat test of the incidents the map shows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-knox.h"

G_BEGIN_DECLS

#define BB_TYPE_NEAR_REPEAT_DIALOG (bb_near_repeat_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbNearRepeatDialog, bb_near_repeat_dialog, BB, NEAR_REPEAT_DIALOG, AdwWindow)

/* Tests the incidents of @points (BbMapPoint) at the indices in @selected
 * (guint; NULL for all), both kept; @what names them in the plural for the
 * reading ("Incidents (Burglary)"). */
BbNearRepeatDialog *bb_near_repeat_dialog_new        (GtkWindow          *parent,
                                                      GArray             *points,
                                                      GArray             *selected,
                                                      const char         *what);
/* For tests: the result shown (NULL before one), the reading, and
 * whether a test is under way. */
const BbKnoxResult *bb_near_repeat_dialog_get_result  (BbNearRepeatDialog *self);
const char         *bb_near_repeat_dialog_get_reading (BbNearRepeatDialog *self);
gboolean            bb_near_repeat_dialog_is_busy     (BbNearRepeatDialog *self);

G_END_DECLS
