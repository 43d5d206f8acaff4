/* bb-station-button.h: the choice of stations whose records the views show, at headquarters */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-filter-state.h"

G_BEGIN_DECLS

#define BB_TYPE_STATION_BUTTON (bb_station_button_get_type ())
G_DECLARE_FINAL_TYPE (BbStationButton, bb_station_button, BB, STATION_BUTTON, AdwBin)

/* A button "Stations" whose popover ticks the stations of the shared
 * filter's station choices; it shows only where the station holds the
 * records of more than one (headquarters). */
GtkWidget     *bb_station_button_new       (void);
BbFilterState *bb_station_button_get_state (BbStationButton *self);
void           bb_station_button_set_state (BbStationButton *self,
                                            BbFilterState   *state);

/* A view follows @filter (its @slot, a reference, replaced): @changed
 * (swapped, with @view) runs on each change of the filter and once now,
 * and @self shows the filter's stations. */
void           bb_station_button_follow    (BbStationButton *self,
                                            BbFilterState  **slot,
                                            BbFilterState   *filter,
                                            GCallback        changed,
                                            gpointer         view);

/* Whether the text of @search (none: anything) is part of the
 * "bb-label" of @row, a row of a list of check boxes, whatever the case. */
gboolean       bb_list_row_matches         (GtkListBoxRow   *row,
                                            GtkEditable     *search);

/* Whether @station_id is among those @filter shows (none chosen: all). */
gboolean       bb_filter_shows_station     (const BbIncidentFilter *filter,
                                            const char             *station_id);
/* Copies the stations @state (may be NULL) chooses into *@station_ids
 * (NULL for all) and tells whether they differ from those it held: a
 * view reloads when they do, not on every change of the filter. */
gboolean       bb_filter_update_stations   (BbFilterState          *state,
                                            GStrv                  *station_ids);

G_END_DECLS
