/* bb-preferences-window.h: the preferences: the open station's details and how Beatbook starts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-window.h"

G_BEGIN_DECLS

#define BB_TYPE_PREFERENCES_WINDOW (bb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BbPreferencesWindow, bb_preferences_window, BB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @window is the main window whose station the preferences edit. */
BbPreferencesWindow *bb_preferences_window_new (BbWindow *window);

G_END_DECLS
