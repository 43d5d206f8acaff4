/* bb-event-list.c: a month's public events on one or two pages, for notice boards and partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-event-list"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-store-calendar.h"
#include "bb-template-private.h"

/* Trainings and the station's own dates are not the public's business. */
static gboolean
is_public_kind (const char *kind)
{
  return g_strcmp0 (kind, "training") != 0 && g_strcmp0 (kind, "other") != 0;
}

static BbTable *
events_table (BbPage             *page,
              const BbBranding   *branding,
              double              x,
              double              y,
              double              width,
              double              max_height,
              const char * const *head)
{
  static const double fractions[] = { 1.25, 0.75, 2.3, 2.1 };
  BbTable *table = bb_template_table (page, branding, _("Events"), x, y, width, max_height, 4, fractions);

  bb_table_add_row (table, TRUE, head);
  return table;
}

BbPrintDocument *
bb_event_list_build (BbStore                *store,
                     const BbBranding       *branding,
                     const BbReportRequest  *request,
                     BbWithheld             *withheld,
                     GError                **error)
{
  const char *language = request->language;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbDistrict) district = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *welcome = NULL;
  const char *head[] = { T (N_("Date")), T (N_("Time")), T (N_("Event")), T (N_("Place")), NULL };
  BbPage *page;
  BbTable *table;
  BbTextStyle style;
  double W, H, M = MM (18), cw, y, bottom;
  guint shown = 0;

  g_return_val_if_fail (request->month >= 1 && request->month <= 12, NULL);

  station = bb_store_station_get (store, error);
  if (station == NULL)
    return NULL;
  if (request->district_id != NULL)
    {
      district = bb_store_district_get (store, request->district_id, error);
      if (district == NULL)
        return NULL;
    }
  tz = bb_station_dup_time_zone (station);
  start = g_date_time_new (tz, request->year, request->month, 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);
  items = bb_store_calendar_items (store, g_date_time_to_unix (start), g_date_time_to_unix (end), NULL,
                                   request->district_id, error);
  if (items == NULL)
    return NULL;
  kinds = bb_store_event_kind_list (store, error);
  if (kinds == NULL)
    return NULL;

  doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  bb_print_document_set_language (doc, language);
  bb_print_document_get_trim_size (doc, &W, &H);
  cw = W - 2 * M;
  bottom = H - MM (22);
  title = g_strdup_printf (T (N_("Events in %s %d")), bb_template_month_name (language, request->month), request->year);
  bb_print_document_set_title (doc, title);
  page = bb_print_document_add_page (doc);
  y = bb_template_band (page, branding, W, M, title,
                        district != NULL ? district->name : T (N_("Community meetings, open days and campaigns")));

  welcome = g_strdup_printf (T (N_("Everyone is welcome. Community meetings are where residents tell the police and "
                                   "their partners what worries them, and hear what was done about it. Ask at the "
                                   "station: %s")),
                             branding->phone != NULL ? branding->phone : branding->station_name);
  style = bb_template_style (10, PANGO_WEIGHT_NORMAL, BB_INK_SOFT);
  style.line_spacing = 1.4;
  {
    double h = bb_print_document_measure_text (doc, &style, welcome, cw);

    bb_page_add_text (page, _("Welcome"), M, y, cw, h + 2, &style, welcome);
    y += h + MM (6);
  }

  table = events_table (page, branding, M, y, cw, bottom - y, head);
  for (guint i = 0; i < items->len; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (items, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;
      g_autofree char *event = NULL;
      const char *kind_name = NULL;

      if (item->kind != BB_CALENDAR_ITEM_EVENT || !is_public_kind (item->event_kind))
        continue;
      utc = g_date_time_new_from_unix_utc (item->start);
      local = g_date_time_to_timezone (utc, tz);
      date = g_strdup_printf ("%s %d", bb_template_weekday_name (language, g_date_time_get_day_of_week (local)),
                              g_date_time_get_day_of_month (local));
      time = item->all_day ? g_strdup (T (N_("all day"))) : g_date_time_format (local, "%H:%M");
      for (guint k = 0; k + 1 < kinds->len; k += 2)
        if (g_strcmp0 (g_ptr_array_index (kinds, k), item->event_kind) == 0)
          kind_name = g_ptr_array_index (kinds, k + 1);
      event = kind_name != NULL && g_strcmp0 (kind_name, item->title) != 0
              ? g_strdup_printf ("%s\n%s", item->title, kind_name) : g_strdup (item->title);
      {
        const char *cells[] = { date, time, event, item->place != NULL ? item->place : "", NULL };

        bb_table_add_row (table, FALSE, cells);
        if (bb_table_measure (table) > bottom - y)
          {
            /* The month goes on over the page, its header repeated. */
            bb_table_pop_row (table);
            page = bb_print_document_add_page (doc);
            y = M;
            table = events_table (page, branding, M, y, cw, bottom - y, head);
            bb_table_add_row (table, FALSE, cells);
          }
      }
      shown++;
    }
  if (shown == 0)
    {
      const char *cells[] = { "", "", T (N_("No public events are planned for this month yet.")), "", NULL };

      bb_table_add_row (table, FALSE, cells);
    }
  bb_template_footers (doc, branding, M);
  return g_steal_pointer (&doc);
}
