/* bb-form-values.c: what the problem and plan editors read from their fields: days, numbers, people */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-form-values"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "bb-form-values.h"
#include "bb-records.h"

gboolean
bb_form_parse_day (const char  *text,
                   char       **day)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  int y, m, d, n = 0;

  *day = NULL;
  if (copy[0] == '\0')
    return TRUE;
  if (sscanf (copy, "%d-%d-%d%n", &y, &m, &d, &n) != 3 || copy[n] != '\0'
      || y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *day = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return TRUE;
}

gint64
bb_form_day_start (const char *day,
                   GTimeZone  *tz)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return BB_UNSET_TIME;
  dt = g_date_time_new (tz, y, m, d, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : BB_UNSET_TIME;
}

char *
bb_form_day_of (gint64     seconds,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (seconds == BB_UNSET_TIME || (utc = g_date_time_new_from_unix_utc (seconds)) == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

gboolean
bb_form_parse_number (const char *text,
                      double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;

  *value = NAN;
  if (copy[0] == '\0')
    return TRUE;
  /* A decimal comma is as common as a point where Beatbook is used. */
  g_strdelimit (copy, ",", '.');
  *value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (*value))
    {
      *value = NAN;
      return FALSE;
    }
  return TRUE;
}

char *
bb_form_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buffer, sizeof buffer, "%.6g", value);
  return g_strdup (buffer);
}

char *
bb_form_today (GTimeZone *tz)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return g_date_time_format (now, "%Y-%m-%d");
}

BbPeopleChoice *
bb_people_choice_new (GPtrArray  *officers,
                      GPtrArray  *partners,
                      const char *nobody)
{
  BbPeopleChoice *self = g_new0 (BbPeopleChoice, 1);

  /* NULL-terminated: the names are a GStrv for drop-downs too. */
  self->names = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->officer_ids = g_ptr_array_new_with_free_func (g_free);
  self->partner_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->names, g_strdup (nobody));
  g_ptr_array_add (self->officer_ids, NULL);
  g_ptr_array_add (self->partner_ids, NULL);
  for (guint i = 0; officers != NULL && i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      /* Translators: an officer in a list of people: name and rank */
      g_ptr_array_add (self->names, o->rank != NULL && *o->rank ? g_strdup_printf (_("%s (%s)"), o->name, o->rank)
                                                                : g_strdup (o->name));
      g_ptr_array_add (self->officer_ids, g_strdup (o->id));
      g_ptr_array_add (self->partner_ids, NULL);
    }
  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      BbPartner *p = g_ptr_array_index (partners, i);

      g_ptr_array_add (self->names, g_strdup (p->name));
      g_ptr_array_add (self->officer_ids, NULL);
      g_ptr_array_add (self->partner_ids, g_strdup (p->id));
    }
  return self;
}

void
bb_people_choice_free (BbPeopleChoice *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->officer_ids);
  g_ptr_array_unref (self->partner_ids);
  g_free (self);
}

guint
bb_people_choice_find (BbPeopleChoice *self,
                       const char     *officer_id,
                       const char     *partner_id)
{
  for (guint i = 1; i < self->names->len; i++)
    if ((officer_id != NULL && g_strcmp0 (g_ptr_array_index (self->officer_ids, i), officer_id) == 0)
        || (partner_id != NULL && g_strcmp0 (g_ptr_array_index (self->partner_ids, i), partner_id) == 0))
      return i;
  return 0;
}

void
bb_people_choice_get (BbPeopleChoice  *self,
                      guint            index,
                      const char     **officer_id,
                      const char     **partner_id)
{
  *officer_id = index < self->names->len ? g_ptr_array_index (self->officer_ids, index) : NULL;
  *partner_id = index < self->names->len ? g_ptr_array_index (self->partner_ids, index) : NULL;
}

const char *
bb_people_choice_name (BbPeopleChoice *self,
                       const char     *officer_id,
                       const char     *partner_id)
{
  guint i = bb_people_choice_find (self, officer_id, partner_id);

  return i > 0 ? g_ptr_array_index (self->names, i) : NULL;
}
