/* bb-heat-poster.c: the heat-map poster: where a quarter's incidents concentrated, as a heat map safe to publish, with its key */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-heat-poster"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-briefing-private.h"
#include "bb-public-map.h"

BbPrintDocument *
bb_heat_poster_build (BbStore                *store,
                      const BbBranding       *branding,
                      const BbReportRequest  *request,
                      BbWithheld             *withheld,
                      GError                **error)
{
  const char *language = request->language;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  g_autofree char *caption = NULL;
  BbPublicMapOptions options;
  BbStaticMap *map;
  BbPeriod quarter;
  BbPage *page;
  BbTextStyle style;
  double W, H, M, y, caption_h;

  g_return_val_if_fail (request->quarter >= 1 && request->quarter <= 4, NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  tz = bb_station_dup_time_zone (station);
  quarter = bb_quarter_period (tz, request->year, request->quarter);
  period = bb_template_quarter_label (language, request->year, request->quarter);

  bb_public_map_options_init (&options);
  options.from = quarter.start;
  options.to = quarter.end;
  options.policy = request->policy;
  options.language = language;
  options.period = period;
  options.heat = TRUE;
  options.station_ids = (const char * const *) request->station_ids;
  map = bb_public_map_new (store, &options, withheld, error);
  if (map == NULL)
    return NULL;
  {
    /* The map never counts them; the chief is told how many. */
    g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
    gint64 restricted;

    bb_incident_filter_set_time_range (filter, quarter.start, quarter.end);
    bb_incident_filter_set_station_ids (filter, (const char * const *) request->station_ids);
    filter->restricted = BB_RESTRICTED_ONLY;
    restricted = bb_store_incident_count (store, filter, error);
    if (restricted < 0)
      {
        bb_static_map_free (map);
        return NULL;
      }
    withheld->restricted_incidents += restricted;
  }

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_get_trim_size (doc, &W, &H);
  M = MM (18);
  title = g_strdup (T (N_("Where incidents concentrated")));
  bb_print_document_set_title (doc, title);
  page = bb_print_document_add_page (doc);
  y = bb_template_band (page, branding, W, M, title, period) + MM (2);

  /* Why the map shows no point and no address, under it. */
  caption = g_strdup_printf (T (N_("Incidents are counted in squares of 250 m, never shown as points or addresses. "
                                   "Squares with fewer than %u incidents are left blank so that no household can "
                                   "be recognised; confidential incidents are not counted.")),
                             request->policy.min_count);
  style = bb_template_style (9, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  style.line_spacing = 1.4;
  caption_h = bb_print_document_measure_text (doc, &style, caption, W - 2 * M) + 2;
  bb_page_add_map (page, _("Heat map"), M, y, W - 2 * M, H - MM (22) - MM (4) - caption_h - y, map);
  bb_page_add_text (page, _("Map caption"), M, H - MM (22) - caption_h, W - 2 * M, caption_h, &style, caption);
  bb_template_footers (doc, branding, M);
  return g_steal_pointer (&doc);
}
