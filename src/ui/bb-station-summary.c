/* bb-station-summary.c: how much a station holds, for the views' empty states */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-station-summary"

#include "config.h"

#include "bb-station-summary.h"

BbStationSummary *
bb_station_summary_load (BbStore  *store,
                         GError  **error)
{
  g_autoptr(BbStationSummary) summary = NULL;
  struct {
    const char *table;
    gsize       offset;
  } counts[] = {
    { "incident", G_STRUCT_OFFSET (BbStationSummary, incidents) },
    { "problem", G_STRUCT_OFFSET (BbStationSummary, problems) },
    { "plan", G_STRUCT_OFFSET (BbStationSummary, plans) },
    { "event", G_STRUCT_OFFSET (BbStationSummary, events) },
    { "district", G_STRUCT_OFFSET (BbStationSummary, districts) },
    { "officer", G_STRUCT_OFFSET (BbStationSummary, officers) },
    { "partner", G_STRUCT_OFFSET (BbStationSummary, partners) },
    { "survey", G_STRUCT_OFFSET (BbStationSummary, surveys) },
    { "survey_response", G_STRUCT_OFFSET (BbStationSummary, survey_responses) },
    { "document", G_STRUCT_OFFSET (BbStationSummary, documents) },
  };

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  summary = g_new0 (BbStationSummary, 1);
  summary->station_name = bb_store_dup_station_name (store);
  summary->is_demo = bb_store_is_demo (store);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 n = bb_store_count (store, counts[i].table, error);

      if (n < 0)
        return NULL;
      G_STRUCT_MEMBER (gint64, summary, counts[i].offset) = n;
    }

  return g_steal_pointer (&summary);
}

void
bb_station_summary_free (BbStationSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->station_name);
  g_free (summary);
}

char *
bb_format_count (gint64 count)
{
  /* The ' flag groups digits as the locale does ("24,031", "24 031"). */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}
