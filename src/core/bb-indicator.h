/* bb-indicator.h: how far an indicator of a safety plan has come from its baseline towards its target */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where an indicator stands.  The target may lie above the baseline
 * ("residents who feel safe": more is better) or below it ("burglaries
 * per quarter": fewer is better); the direction is the target's. */
typedef enum {
  BB_INDICATOR_NOT_MEASURED,   /* baseline, target or current missing */
  BB_INDICATOR_MET,            /* the target is reached or passed */
  BB_INDICATOR_IMPROVING,      /* on the way from the baseline to the target */
  BB_INDICATOR_NO_CHANGE,      /* still at the baseline */
  BB_INDICATOR_WORSE,          /* further from the target than the baseline */
} BbIndicatorStatus;

/* The share of the way from @baseline to @target that @current has come,
 * 0 at the baseline and 1 at the target, clamped to [0, 1]; NAN when a
 * value is missing (NAN) or the baseline is the target. */
double             bb_indicator_progress        (double            baseline,
                                                 double            target,
                                                 double            current);
/* With the baseline equal to the target the aim is to hold the level:
 * MET at or beyond it in no direction, that is only when current equals
 * the target, WORSE otherwise. */
BbIndicatorStatus  bb_indicator_status          (double            baseline,
                                                 double            target,
                                                 double            current);
/* "target met", "improving", … (translated) */
const char        *bb_indicator_status_describe (BbIndicatorStatus status);
/* "met", "improving", "no-change", "worse", "not-measured": for styles and files. */
const char        *bb_indicator_status_to_string (BbIndicatorStatus status);

G_END_DECLS
