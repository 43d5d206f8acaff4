/* bb-assessment.h: before/after assessment of a problem's response: the weighted displacement quotient */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-trend.h"

G_BEGIN_DECLS

/* Incident counts before (baseline period) and after (response period) in
 * the target area A, the buffer around it B and the control area C (the
 * rest of the district). */
typedef struct {
  double area_before, area_after;
  double buffer_before, buffer_after;
  double control_before, control_after;
} BbAssessmentCounts;

/* The reading of the weighted displacement quotient (Bowers & Johnson 2003). */
typedef enum {
  BB_WDQ_NO_SUCCESS,             /* SM ≥ 0: no success in the target area, WDQ undefined */
  BB_WDQ_NO_CONTROL,             /* no incidents in the control area: nothing to compare with */
  BB_WDQ_DISPLACEMENT_GREATER,   /* WDQ < −1: more displaced than gained */
  BB_WDQ_DISPLACEMENT,           /* −1 ≤ WDQ < 0 */
  BB_WDQ_NO_CHANGE_AROUND,       /* WDQ = 0: neither displacement nor diffusion */
  BB_WDQ_DIFFUSION,              /* 0 < WDQ ≤ 1: diffusion of benefits */
  BB_WDQ_DIFFUSION_GREATER,      /* WDQ > 1: diffusion greater than the direct effect */
} BbWdqReading;

typedef struct {
  double        success_measure;      /* SM = A1/C1 − A0/C0; negative is an improvement; NAN without control */
  double        buffer_displacement;  /* BDM = B1/C1 − B0/C0; NAN without control */
  double        wdq;                  /* BDM / SM; NAN when undefined */
  BbWdqReading  reading;
  double        change_z;             /* Poisson test of A0 → A1 */
  BbChangeLevel change;
} BbAssessment;

void        bb_assessment_compute          (const BbAssessmentCounts *counts,
                                            BbAssessment             *result);
/* "diffusion of benefits", … (translated) */
const char *bb_wdq_reading_describe        (BbWdqReading              reading);
/* A few plain sentences a resident understands (translated). */
char       *bb_assessment_summary          (const BbAssessmentCounts *counts,
                                            const BbAssessment       *result);

G_END_DECLS
