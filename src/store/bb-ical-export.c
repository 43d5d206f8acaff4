/* bb-ical-export.c: the station's events as an iCalendar (.ics) file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-ical"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <libical/ical.h>

#include "bb-ical.h"
#include "bb-ical-private.h"
#include "bb-safe-file.h"
#include "bb-store-private.h"

static icalproperty *
time_property (icalproperty_kind  kind,
               gint64             t,
               gboolean           all_day,
               const char        *tzid)
{
  icaltimezone *zone = NULL;
  const char *iana = NULL;
  struct icaltimetype tt;
  icalproperty *prop;

  zone = bb_ical_builtin_zone (tzid, &iana);
  if (zone == NULL)
    zone = icaltimezone_get_utc_timezone ();
  tt = icaltime_from_timet_with_zone ((time_t) t, all_day, zone);
  if (!all_day && zone != icaltimezone_get_utc_timezone ())
    tt.zone = NULL;   /* written as wall-clock time with a TZID parameter */
  else if (all_day)
    tt.zone = NULL;

  prop = icalproperty_new (kind);
  switch (kind)
    {
    case ICAL_DTSTART_PROPERTY:
      icalproperty_set_dtstart (prop, tt);
      break;
    case ICAL_DTEND_PROPERTY:
      icalproperty_set_dtend (prop, tt);
      break;
    case ICAL_RECURRENCEID_PROPERTY:
      icalproperty_set_recurrenceid (prop, tt);
      break;
    case ICAL_EXDATE_PROPERTY:
      icalproperty_set_exdate (prop, tt);
      break;
    default:
      g_assert_not_reached ();
    }
  if (all_day)
    icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DATE));
  else if (zone != icaltimezone_get_utc_timezone ())
    icalproperty_add_parameter (prop, icalparameter_new_tzid (iana));
  return prop;
}

static void
add_text (icalcomponent *comp,
          icalproperty  *prop,
          const char    *text)
{
  if (text == NULL || *text == '\0')
    {
      icalproperty_free (prop);
      return;
    }
  icalcomponent_add_property (comp, prop);
}

static void
add_x (icalcomponent *comp,
       const char    *name,
       const char    *value)
{
  icalproperty *prop;

  if (value == NULL || *value == '\0')
    return;
  prop = icalproperty_new_x (value);
  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (comp, prop);
}

static icalcomponent *
event_component (const BbEvent *e,
                 const char    *uid,
                 GHashTable    *kind_names,
                 GHashTable    *district_codes)
{
  icalcomponent *c = icalcomponent_new_vevent ();
  const char *kind_name = g_hash_table_lookup (kind_names, e->kind);
  g_autofree char *updated = NULL;

  icalcomponent_add_property (c, icalproperty_new_uid (uid));
  icalcomponent_add_property (c, icalproperty_new_dtstamp (
                                   icaltime_from_timet_with_zone ((time_t) (e->updated_at / G_USEC_PER_SEC), 0,
                                                                  icaltimezone_get_utc_timezone ())));
  if (e->recurrence_id != BB_UNSET_TIME)
    icalcomponent_add_property (c, time_property (ICAL_RECURRENCEID_PROPERTY, e->recurrence_id,
                                                  e->all_day, e->tzid));
  icalcomponent_add_property (c, time_property (ICAL_DTSTART_PROPERTY, e->start_at, e->all_day, e->tzid));
  icalcomponent_add_property (c, time_property (ICAL_DTEND_PROPERTY, e->end_at, e->all_day, e->tzid));
  if (e->rrule != NULL && *e->rrule != '\0' && e->series_id == NULL)
    {
      struct icalrecurrencetype recur = icalrecurrencetype_from_string (e->rrule);

      icalerror_clear_errno ();
      if (recur.freq != ICAL_NO_RECURRENCE)
        icalcomponent_add_property (c, icalproperty_new_rrule (recur));
    }
  icalcomponent_add_property (c, icalproperty_new_summary (e->title));
  add_text (c, icalproperty_new_location (e->place ? e->place : ""), e->place);
  add_text (c, icalproperty_new_description (e->agenda ? e->agenda : ""), e->agenda);
  add_text (c, icalproperty_new_comment (e->minutes ? e->minutes : ""), e->minutes);
  if (kind_name != NULL)
    icalcomponent_add_property (c, icalproperty_new_categories (kind_name));
  if (!isnan (e->lat) && !isnan (e->lon))
    {
      struct icalgeotype geo = { e->lat, e->lon };

      icalcomponent_add_property (c, icalproperty_new_geo (geo));
    }
  if (e->cancelled)
    icalcomponent_add_property (c, icalproperty_new_status (ICAL_STATUS_CANCELLED));
  add_x (c, "X-BEATBOOK-KIND", e->kind);
  if (e->all_day && !bb_ical_is_utc_name (e->tzid))
    add_x (c, "X-BEATBOOK-TZID", e->tzid);
  if (e->district_id != NULL)
    add_x (c, "X-BEATBOOK-DISTRICT", g_hash_table_lookup (district_codes, e->district_id));
  if (e->head_count >= 0)
    {
      char count[16];

      g_snprintf (count, sizeof count, "%d", e->head_count);
      add_x (c, "X-BEATBOOK-HEAD-COUNT", count);
    }
  (void) updated;
  return c;
}

static const char *
uid_of (const BbEvent *master)
{
  return master->ical_uid != NULL && *master->ical_uid != '\0' ? master->ical_uid : master->id;
}

char *
bb_ical_export (BbStore            *store,
                const char * const *event_ids,
                GError            **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GHashTable) zones = NULL;
  g_autoptr(GHashTable) kind_names = NULL;
  g_autoptr(GHashTable) district_codes = NULL;
  icalcomponent *cal;
  char *text;
  BB_STORE_LOCK_SCOPE (store);

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  events = bb_store_list (store, &bb_event_record, NULL, error);
  if (events == NULL)
    return NULL;
  kind_names = bb_ical_read_pairs (store, "SELECT code, name FROM event_kind", error);
  if (kind_names == NULL)
    return NULL;
  district_codes = bb_ical_read_pairs (store, "SELECT id, code FROM district", error);
  if (district_codes == NULL)
    return NULL;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < events->len; i++)
    {
      BbEvent *e = g_ptr_array_index (events, i);

      g_hash_table_insert (by_id, e->id, e);
    }

  /* The series wanted: an exception asked for brings its whole series. */
  wanted = g_hash_table_new (g_str_hash, g_str_equal);
  if (event_ids == NULL)
    {
      for (guint i = 0; i < events->len; i++)
        {
          BbEvent *e = g_ptr_array_index (events, i);

          if (e->series_id == NULL)
            g_hash_table_add (wanted, e->id);
        }
    }
  else
    for (guint i = 0; event_ids[i] != NULL; i++)
      {
        BbEvent *e = g_hash_table_lookup (by_id, event_ids[i]);

        if (e == NULL)
          {
            g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND,
                         _("The event to export is no longer in the station"));
            return NULL;
          }
        if (e->series_id != NULL && g_hash_table_contains (by_id, e->series_id))
          e = g_hash_table_lookup (by_id, e->series_id);
        g_hash_table_add (wanted, e->id);
      }

  cal = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (cal, icalproperty_new_prodid ("-//Beatbook//Beatbook " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (cal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (cal, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (cal, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  zones = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < events->len; i++)
      {
        BbEvent *e = g_ptr_array_index (events, i);
        BbEvent *master = e->series_id ? g_hash_table_lookup (by_id, e->series_id) : e;
        const char *iana = NULL;
        icaltimezone *zone;

        if (master == NULL || !g_hash_table_contains (wanted, master->id))
          continue;
        if (pass == 0)
          {
            /* Zones first, as calendars expect. */
            zone = bb_ical_builtin_zone (e->tzid, &iana);
            if (zone != NULL && zone != icaltimezone_get_utc_timezone ()
                && !g_hash_table_contains (zones, iana))
              {
                icalcomponent *vtz = icalcomponent_new_clone (icaltimezone_get_component (zone));
                icalproperty *tzid = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);

                if (tzid != NULL)
                  icalproperty_set_tzid (tzid, iana);
                icalcomponent_add_component (cal, vtz);
                g_hash_table_add (zones, (gpointer) iana);
              }
            continue;
          }
        if (e->series_id != NULL && e->recurrence_id != BB_UNSET_TIME && e->cancelled)
          {
            /* A cancelled occurrence is an EXDATE of its series; the
             * series' VEVENT is found by UID. */
            continue;
          }
        {
          icalcomponent *c = event_component (e, uid_of (master), kind_names, district_codes);

          if (e->series_id == NULL)
            for (guint k = 0; k < events->len; k++)
              {
                BbEvent *x = g_ptr_array_index (events, k);

                if (x->series_id != NULL && g_str_equal (x->series_id, e->id) && x->cancelled
                    && x->recurrence_id != BB_UNSET_TIME)
                  icalcomponent_add_property (c, time_property (ICAL_EXDATE_PROPERTY, x->recurrence_id,
                                                                e->all_day, e->tzid));
              }
          icalcomponent_add_component (cal, c);
        }
      }

  text = icalcomponent_as_ical_string_r (cal);
  icalcomponent_free (cal);
  return text;
}

gboolean
bb_ical_export_file (BbStore            *store,
                     const char * const *event_ids,
                     const char         *path,
                     GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = bb_ical_export (store, event_ids, error);
  if (text == NULL)
    return FALSE;
  return bb_safe_file_set_contents (path, text, -1, error);
}
