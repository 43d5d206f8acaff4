/* bb-assessment.c: before/after assessment of a problem's response: the weighted displacement quotient */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-assessment"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-assessment.h"

/* Bowers, K. J. & Johnson, S. D. (2003) "Measuring the geographical
 * displacement and diffusion of benefit effects of crime prevention
 * activity", Journal of Quantitative Criminology 19 (3): 275–301.  The
 * control area absorbs what changed everywhere (season, recording), so
 * each area is read as a share of the control's count. */
void
bb_assessment_compute (const BbAssessmentCounts *counts,
                       BbAssessment             *result)
{
  const BbAssessmentCounts *c = counts;

  g_return_if_fail (counts != NULL);
  g_return_if_fail (result != NULL);

  result->change_z = bb_trend_poisson_z (c->area_after, c->area_before);
  result->change = bb_trend_change_level (result->change_z);

  if (!(c->control_before > 0) || !(c->control_after > 0))
    {
      result->success_measure = NAN;
      result->buffer_displacement = NAN;
      result->wdq = NAN;
      result->reading = BB_WDQ_NO_CONTROL;
      return;
    }

  result->success_measure = c->area_after / c->control_after - c->area_before / c->control_before;
  result->buffer_displacement = c->buffer_after / c->control_after - c->buffer_before / c->control_before;

  /* Without a fall in the target area there is no benefit to displace or
   * to spread: the quotient means nothing. */
  if (!(result->success_measure < 0))
    {
      result->wdq = NAN;
      result->reading = BB_WDQ_NO_SUCCESS;
      return;
    }

  result->wdq = result->buffer_displacement / result->success_measure;
  if (result->wdq > 1)
    result->reading = BB_WDQ_DIFFUSION_GREATER;
  else if (result->wdq > 0)
    result->reading = BB_WDQ_DIFFUSION;
  else if (result->wdq == 0)
    result->reading = BB_WDQ_NO_CHANGE_AROUND;
  else if (result->wdq >= -1)
    result->reading = BB_WDQ_DISPLACEMENT;
  else
    result->reading = BB_WDQ_DISPLACEMENT_GREATER;
}

const char *
bb_wdq_reading_describe (BbWdqReading reading)
{
  switch (reading)
    {
    case BB_WDQ_NO_SUCCESS:
      return _("no fall in the area, so displacement cannot be measured");
    case BB_WDQ_NO_CONTROL:
      return _("no incidents in the rest of the district to compare with");
    case BB_WDQ_DISPLACEMENT_GREATER:
      return _("displacement greater than the gain in the area");
    case BB_WDQ_DISPLACEMENT:
      return _("some displacement to the surrounding streets, less than the gain");
    case BB_WDQ_NO_CHANGE_AROUND:
      return _("neither displacement nor diffusion of benefits");
    case BB_WDQ_DIFFUSION:
      return _("diffusion of benefits to the surrounding streets");
    case BB_WDQ_DIFFUSION_GREATER:
      return _("diffusion of benefits greater than the direct effect");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
bb_assessment_summary (const BbAssessmentCounts *counts,
                       const BbAssessment       *result)
{
  g_autoptr(GString) out = g_string_new (NULL);
  int before, after;

  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  before = (int) lround (counts->area_before);
  after = (int) lround (counts->area_after);

  if (before > 0)
    {
      int percent = (int) lround (100.0 * (counts->area_after - counts->area_before) / counts->area_before);

      /* Translators: "Incidents in the area went from 40 before the response to 22 after it (−45 %): significant fall." */
      g_string_append_printf (out, _("Incidents in the area went from %d before the response to %d after it (%+d %%): %s."),
                              before, after, percent, bb_change_level_describe (result->change));
    }
  else
    {
      /* Translators: "Incidents in the area went from 0 before the response to 3 after it: no real change." */
      g_string_append_printf (out, _("Incidents in the area went from %d before the response to %d after it: %s."),
                              before, after, bb_change_level_describe (result->change));
    }

  g_string_append_c (out, ' ');
  switch (result->reading)
    {
    case BB_WDQ_NO_CONTROL:
      g_string_append (out, _("The rest of the district had no incidents in one of the periods, so the change cannot be compared with it."));
      break;
    case BB_WDQ_NO_SUCCESS:
      g_string_append (out, _("Compared with the rest of the district the area did not improve, so there is no gain that could have moved elsewhere."));
      break;
    default:
      {
        char wdq[G_ASCII_DTOSTR_BUF_SIZE];

        g_snprintf (wdq, sizeof wdq, "%.2f", result->wdq);
        /* Translators: the first %s is a number such as "0.42", the second a reading such as "diffusion of benefits to the surrounding streets" */
        g_string_append_printf (out, _("Compared with the rest of the district the area improved; in the surrounding streets the weighted displacement quotient is %s: %s."),
                                wdq, bb_wdq_reading_describe (result->reading));
      }
      break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
