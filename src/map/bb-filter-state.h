/* bb-filter-state.h: the one incident filter the incidents page and the map share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-incident-filter.h"

G_BEGIN_DECLS

/* Time ranges a station asks for most; CUSTOM is any other range. */
typedef enum {
  BB_TIME_PRESET_ALL,
  BB_TIME_PRESET_LAST_28_DAYS,
  BB_TIME_PRESET_THIS_QUARTER,
  BB_TIME_PRESET_LAST_QUARTER,
  BB_TIME_PRESET_THIS_YEAR,
  BB_TIME_PRESET_CUSTOM,
} BbTimePreset;

#define BB_TYPE_FILTER_STATE (bb_filter_state_get_type ())
G_DECLARE_FINAL_TYPE (BbFilterState, bb_filter_state, BB, FILTER_STATE, GObject)

BbFilterState          *bb_filter_state_new            (void);
/* The filter as it is now; valid until the next change. */
const BbIncidentFilter *bb_filter_state_get_filter     (BbFilterState          *self);
BbIncidentFilter       *bb_filter_state_dup_filter     (BbFilterState          *self);
/* Replaces the whole filter; emits ::changed when it differs. */
void                    bb_filter_state_set_filter     (BbFilterState          *self,
                                                        const BbIncidentFilter *filter);
BbTimePreset            bb_filter_state_get_preset     (BbFilterState          *self);
/* Sets the time range of a preset, computed from today in local time. */
void                    bb_filter_state_set_preset     (BbFilterState          *self,
                                                        BbTimePreset            preset);
/* A custom range [start, end) in seconds since the epoch; BB_UNSET_TIME
 * for an open end. */
void                    bb_filter_state_set_custom_range (BbFilterState        *self,
                                                          gint64                start,
                                                          gint64                end);
void                    bb_filter_state_set_category_ids (BbFilterState        *self,
                                                          const char * const   *ids);
void                    bb_filter_state_set_district_ids (BbFilterState        *self,
                                                          const char * const   *ids);
void                    bb_filter_state_set_statuses   (BbFilterState          *self,
                                                        const char * const     *statuses);
void                    bb_filter_state_set_sources    (BbFilterState          *self,
                                                        const char * const     *sources);
void                    bb_filter_state_set_station_ids (BbFilterState         *self,
                                                         const char * const    *ids);
void                    bb_filter_state_set_restricted (BbFilterState          *self,
                                                        BbRestrictedFilter      restricted);
void                    bb_filter_state_set_text       (BbFilterState          *self,
                                                        const char             *text);
/* The stations whose incidents the station holds (headquarters holds
 * several), offered by the filter bars; a filter by station is dropped
 * when they change. */
void                    bb_filter_state_set_station_choices (BbFilterState      *self,
                                                             const char * const *ids,
                                                             const char * const *names);
const char * const     *bb_filter_state_get_station_choices (BbFilterState       *self,
                                                             const char * const **names);
/* Back to every incident of all time. */
void                    bb_filter_state_reset          (BbFilterState          *self);

/* The range of a preset containing @now (local time); FALSE for ALL and
 * CUSTOM, which have none of their own. */
gboolean                bb_time_preset_get_range       (BbTimePreset            preset,
                                                        GDateTime              *now,
                                                        gint64                 *start,
                                                        gint64                 *end);

G_END_DECLS
