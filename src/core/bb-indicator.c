/* bb-indicator.c: how far an indicator of a safety plan has come from its baseline towards its target */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-indicator"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bb-indicator.h"

/* Values are counts, percentages and rates typed by people or counted
 * from incidents; differences below this are the same value. */
#define SAME(a, b) (fabs ((a) - (b)) < 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b))))

double
bb_indicator_progress (double baseline,
                       double target,
                       double current)
{
  if (isnan (baseline) || isnan (target) || isnan (current) || SAME (baseline, target))
    return NAN;
  return CLAMP ((current - baseline) / (target - baseline), 0.0, 1.0);
}

BbIndicatorStatus
bb_indicator_status (double baseline,
                     double target,
                     double current)
{
  double way, done;

  if (isnan (baseline) || isnan (target) || isnan (current))
    return BB_INDICATOR_NOT_MEASURED;
  if (SAME (baseline, target))
    return SAME (current, target) ? BB_INDICATOR_MET : BB_INDICATOR_WORSE;
  if (SAME (current, target))
    return BB_INDICATOR_MET;
  if (SAME (current, baseline))
    return BB_INDICATOR_NO_CHANGE;

  way = target - baseline;
  done = current - baseline;
  if (done / way >= 1.0)
    return BB_INDICATOR_MET;
  return done / way > 0 ? BB_INDICATOR_IMPROVING : BB_INDICATOR_WORSE;
}

const char *
bb_indicator_status_describe (BbIndicatorStatus status)
{
  switch (status)
    {
    case BB_INDICATOR_NOT_MEASURED: return _("not measured yet");
    case BB_INDICATOR_MET: return _("target met");
    case BB_INDICATOR_IMPROVING: return _("improving");
    case BB_INDICATOR_NO_CHANGE: return _("no change yet");
    case BB_INDICATOR_WORSE: return _("getting worse");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
bb_indicator_status_to_string (BbIndicatorStatus status)
{
  switch (status)
    {
    case BB_INDICATOR_NOT_MEASURED: return "not-measured";
    case BB_INDICATOR_MET: return "met";
    case BB_INDICATOR_IMPROVING: return "improving";
    case BB_INDICATOR_NO_CHANGE: return "no-change";
    case BB_INDICATOR_WORSE: return "worse";
    default: g_return_val_if_reached (NULL);
    }
}
