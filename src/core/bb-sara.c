/* bb-sara.c: the SARA stages of a problem, their order and what each needs before a problem enters it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-sara"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-sara.h"

G_DEFINE_QUARK (bb-sara-error-quark, bb_sara_error)

static const char * const stage_names[BB_SARA_N_STAGES] = {
  "scanning", "analysis", "response", "assessment", "closed",
};

const char *
bb_sara_stage_to_string (BbSaraStage stage)
{
  g_return_val_if_fail (stage < BB_SARA_N_STAGES, NULL);
  return stage_names[stage];
}

gboolean
bb_sara_stage_from_string (const char  *name,
                           BbSaraStage *stage)
{
  for (guint i = 0; name != NULL && i < BB_SARA_N_STAGES; i++)
    if (g_str_equal (name, stage_names[i]))
      {
        if (stage != NULL)
          *stage = i;
        return TRUE;
      }
  return FALSE;
}

const char *
bb_sara_stage_describe (BbSaraStage stage)
{
  switch (stage)
    {
    case BB_SARA_SCANNING: return C_("sara stage", "Scanning");
    case BB_SARA_ANALYSIS: return C_("sara stage", "Analysis");
    case BB_SARA_RESPONSE: return C_("sara stage", "Response");
    case BB_SARA_ASSESSMENT: return C_("sara stage", "Assessment");
    case BB_SARA_CLOSED: return C_("sara stage", "Closed");
    case BB_SARA_N_STAGES:
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

/* What a problem needs before it enters @stage. */
static gboolean
check_entry (const BbProblem *problem,
             guint            n_agreed_responses,
             BbSaraStage      stage,
             GError         **error)
{
  switch (stage)
    {
    case BB_SARA_SCANNING:
      return TRUE;
    case BB_SARA_ANALYSIS:
      if (!has_text (problem->statement))
        {
          g_set_error_literal (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_STATEMENT,
                               _("Analysis needs a statement of the problem: what happens, where, when and who is affected."));
          return FALSE;
        }
      return TRUE;
    case BB_SARA_RESPONSE:
      if (n_agreed_responses == 0)
        {
          g_set_error_literal (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_AGREED_RESPONSE,
                               _("Response needs at least one response agreed with the partners."));
          return FALSE;
        }
      return TRUE;
    case BB_SARA_ASSESSMENT:
      if (problem->response_start == BB_UNSET_TIME || problem->response_end == BB_UNSET_TIME)
        {
          g_set_error_literal (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD,
                               _("Assessment needs the response period: the day the response started and the day it ended."));
          return FALSE;
        }
      if (problem->response_end <= problem->response_start)
        {
          g_set_error_literal (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_RESPONSE_PERIOD,
                               _("Assessment needs a response period that ends after it starts."));
          return FALSE;
        }
      return TRUE;
    case BB_SARA_CLOSED:
      if (!has_text (problem->assessment_notes))
        {
          g_set_error_literal (error, BB_SARA_ERROR, BB_SARA_ERROR_NO_DECISION,
                               _("Closing needs the assessment’s decision: write down what the before and after counts show and why the problem can be closed."));
          return FALSE;
        }
      return TRUE;
    case BB_SARA_N_STAGES:
    default:
      g_assert_not_reached ();
    }
}

gboolean
bb_sara_check_move (const BbProblem *problem,
                    guint            n_agreed_responses,
                    BbSaraStage      to,
                    GError         **error)
{
  BbSaraStage from;

  g_return_val_if_fail (problem != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (to >= BB_SARA_N_STAGES || !bb_sara_stage_from_string (problem->stage, &from))
    {
      g_set_error (error, BB_SARA_ERROR, BB_SARA_ERROR_UNKNOWN_STAGE,
                   _("“%s” is not a stage of problem solving."),
                   to >= BB_SARA_N_STAGES ? "?" : (problem->stage != NULL ? problem->stage : ""));
      return FALSE;
    }
  if (from == to)
    {
      g_set_error (error, BB_SARA_ERROR, BB_SARA_ERROR_SAME_STAGE,
                   _("The problem is in %s already."), bb_sara_stage_describe (to));
      return FALSE;
    }
  /* Going back (e.g. from Assessment to Analysis when the response did
   * not work) loses nothing. */
  if (to < from)
    return TRUE;
  for (BbSaraStage s = from + 1; s <= to; s++)
    if (!check_entry (problem, n_agreed_responses, s, error))
      return FALSE;
  return TRUE;
}
