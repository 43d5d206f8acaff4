/* bb-sara.h: the SARA stages of a problem, their order and what each needs before a problem enters it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-records.h"

G_BEGIN_DECLS

typedef enum {
  BB_SARA_SCANNING,
  BB_SARA_ANALYSIS,
  BB_SARA_RESPONSE,
  BB_SARA_ASSESSMENT,
  BB_SARA_CLOSED,
  BB_SARA_N_STAGES,
} BbSaraStage;

#define BB_SARA_ERROR (bb_sara_error_quark ())

typedef enum {
  BB_SARA_ERROR_UNKNOWN_STAGE,       /* a stage name no station knows */
  BB_SARA_ERROR_NO_STATEMENT,        /* Analysis needs a statement */
  BB_SARA_ERROR_NO_AGREED_RESPONSE,  /* Response needs an agreed response */
  BB_SARA_ERROR_NO_RESPONSE_PERIOD,  /* Assessment needs the response period */
  BB_SARA_ERROR_NO_DECISION,         /* Closed needs the assessment's decision */
  BB_SARA_ERROR_SAME_STAGE,          /* the problem is there already */
} BbSaraError;

GQuark       bb_sara_error_quark       (void);

/* "scanning", …, "closed": the stored names. */
const char  *bb_sara_stage_to_string   (BbSaraStage   stage);
gboolean     bb_sara_stage_from_string (const char   *name,
                                        BbSaraStage  *stage);
/* "Scanning", … (translated) */
const char  *bb_sara_stage_describe    (BbSaraStage   stage);

/* Whether @problem (with @n_agreed_responses agreed responses) may move
 * to @to.  Going back is always allowed; going forward needs the minimum
 * of every stage entered on the way, and the error says in plain words
 * what is missing. */
gboolean     bb_sara_check_move        (const BbProblem *problem,
                                        guint            n_agreed_responses,
                                        BbSaraStage      to,
                                        GError         **error);

G_END_DECLS
