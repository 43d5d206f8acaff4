/* bb-records.c: the station's records as plain value types, with their validation */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-records"

#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bb-records-private.h"

G_DEFINE_QUARK (bb-record-error-quark, bb_record_error)

#define MEMBER(record, field, ctype) (*(ctype *) ((guint8 *) (record) + (field)->offset))
#define CMEMBER(record, field, ctype) (*(const ctype *) ((const guint8 *) (record) + (field)->offset))

/* Generic handling ------------------------------------------------------ */

void
bb_record_set_invalid (GError     **error,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_set_error_literal (error, BB_RECORD_ERROR, BB_RECORD_ERROR_INVALID, "");
  if (error != NULL && *error != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_vprintf (format, args);
    }
  va_end (args);
}

/* A number as people write it, with a real minus sign. */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (buf, sizeof buf, "%g", fabs (value));
  return value < 0 ? g_strconcat ("−", buf, NULL) : g_strdup (buf);
}

char *
bb_record_format_time (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M UTC");
}

static gboolean
is_colour (const char *s)
{
  if (s == NULL || strlen (s) != 7 || s[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_date (const char *s)
{
  guint y, m, d;
  char tail;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  if (sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

gboolean
bb_record_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

const BbField *
bb_record_type_find_field (const BbRecordType *type,
                           const char         *name)
{
  for (guint i = 0; i < type->n_fields; i++)
    if (g_str_equal (type->fields[i].name, name))
      return &type->fields[i];
  return NULL;
}

gpointer
bb_record_new (const BbRecordType *type)
{
  gpointer record = g_malloc0 (type->size);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const BbField *f = &type->fields[i];

      switch (f->kind)
        {
        case BB_FIELD_STRING:
        case BB_FIELD_STRING_OPT:
          MEMBER (record, f, char *) = g_strdup (f->default_text);
          break;
        case BB_FIELD_INT:
          MEMBER (record, f, int) = (int) f->default_number;
          break;
        case BB_FIELD_INT_OPT:
          MEMBER (record, f, int) = BB_UNSET_INT;
          break;
        case BB_FIELD_INT64:
          MEMBER (record, f, gint64) = (gint64) f->default_number;
          break;
        case BB_FIELD_INT64_OPT:
          MEMBER (record, f, gint64) = BB_UNSET_TIME;
          break;
        case BB_FIELD_DOUBLE:
          MEMBER (record, f, double) = f->default_number;
          break;
        case BB_FIELD_DOUBLE_OPT:
          MEMBER (record, f, double) = NAN;
          break;
        case BB_FIELD_BOOL:
          MEMBER (record, f, gboolean) = f->default_number != 0;
          break;
        case BB_FIELD_BYTES:
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (type->init_extra != NULL)
    type->init_extra (record);
  return record;
}

gpointer
bb_record_copy (const BbRecordType *type,
                gconstpointer       record)
{
  const BbRecord *src = record;
  BbRecord *dest;

  if (record == NULL)
    return NULL;

  dest = g_memdup2 (record, type->size);
  dest->id = g_strdup (src->id);
  dest->station_id = g_strdup (src->station_id);
  for (guint i = 0; i < type->n_fields; i++)
    {
      const BbField *f = &type->fields[i];

      if (f->kind == BB_FIELD_STRING || f->kind == BB_FIELD_STRING_OPT)
        MEMBER (dest, f, char *) = g_strdup (CMEMBER (record, f, char *));
      else if (f->kind == BB_FIELD_BYTES && CMEMBER (record, f, GBytes *) != NULL)
        MEMBER (dest, f, GBytes *) = g_bytes_ref ((GBytes *) CMEMBER (record, f, GBytes *));
    }
  if (type->copy_extra != NULL)
    type->copy_extra (dest, record);
  return dest;
}

void
bb_record_free (const BbRecordType *type,
                gpointer            record)
{
  BbRecord *head = record;

  if (record == NULL)
    return;

  if (type->free_extra != NULL)
    type->free_extra (record);
  for (guint i = 0; i < type->n_fields; i++)
    {
      const BbField *f = &type->fields[i];

      if (f->kind == BB_FIELD_STRING || f->kind == BB_FIELD_STRING_OPT)
        g_free (MEMBER (record, f, char *));
      else if (f->kind == BB_FIELD_BYTES)
        g_clear_pointer (&MEMBER (record, f, GBytes *), g_bytes_unref);
    }
  g_free (head->id);
  g_free (head->station_id);
  g_free (record);
}

static gboolean
validate_field (const BbField  *f,
                gconstpointer   record,
                GError        **error)
{
  /* The label is translated only on the error paths: validation runs for
   * every row of a million-row import. */
  switch (f->kind)
    {
    case BB_FIELD_STRING:
    case BB_FIELD_STRING_OPT:
      {
        const char *s = CMEMBER (record, f, char *);

        if ((f->flags & BB_FIELD_REQUIRED) && bb_record_is_blank (s))
          {
            /* Translators: %s is a field, e.g. "Title" */
            bb_record_set_invalid (error, _("%s must not be empty"), _(f->label));
            return FALSE;
          }
        if (s == NULL || *s == '\0')
          return TRUE;
        if (f->allowed != NULL && !g_strv_contains (f->allowed, s))
          {
            g_autofree char *list = g_strjoinv (", ", (char **) f->allowed);
            /* Translators: a field, the value given, then the values allowed */
            bb_record_set_invalid (error, _("%s “%s” is not one of: %s"), _(f->label), s, list);
            return FALSE;
          }
        if ((f->flags & BB_FIELD_COLOUR) && !is_colour (s))
          {
            bb_record_set_invalid (error, _("%s “%s” is not a colour written like #1c3f94"), _(f->label), s);
            return FALSE;
          }
        if ((f->flags & BB_FIELD_DATE) && !is_date (s))
          {
            bb_record_set_invalid (error, _("%s “%s” is not a date written like 2024-03-31"), _(f->label), s);
            return FALSE;
          }
        return TRUE;
      }

    case BB_FIELD_INT:
    case BB_FIELD_INT_OPT:
      {
        int v = CMEMBER (record, f, int);

        if (f->kind == BB_FIELD_INT_OPT && v == BB_UNSET_INT)
          return TRUE;
        if ((f->flags & BB_FIELD_RANGE) && (v < f->min || v > f->max))
          {
            g_autofree char *lo = format_number (f->min);
            g_autofree char *hi = format_number (f->max);
            g_autofree char *value = format_number (v);
            /* Translators: a field, its value, then the smallest and largest allowed */
            bb_record_set_invalid (error, _("%s %s is outside %s…%s"), _(f->label), value, lo, hi);
            return FALSE;
          }
        return TRUE;
      }

    case BB_FIELD_DOUBLE:
    case BB_FIELD_DOUBLE_OPT:
      {
        double v = CMEMBER (record, f, double);

        if (f->kind == BB_FIELD_DOUBLE_OPT && isnan (v))
          return TRUE;
        if (!isfinite (v))
          {
            bb_record_set_invalid (error, _("%s is not a number"), _(f->label));
            return FALSE;
          }
        if ((f->flags & BB_FIELD_RANGE) && (v < f->min || v > f->max))
          {
            g_autofree char *lo = format_number (f->min);
            g_autofree char *hi = format_number (f->max);
            g_autofree char *value = format_number (v);
            bb_record_set_invalid (error, _("%s %s is outside %s…%s"), _(f->label), value, lo, hi);
            return FALSE;
          }
        return TRUE;
      }

    case BB_FIELD_INT64:
    case BB_FIELD_INT64_OPT:
    case BB_FIELD_BOOL:
    case BB_FIELD_BYTES:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
bb_record_validate (const BbRecordType  *type,
                    gconstpointer        record,
                    GError             **error)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  for (guint i = 0; i < type->n_fields; i++)
    if (!validate_field (&type->fields[i], record, error))
      return FALSE;
  if (type->check != NULL)
    return type->check (record, error);
  return TRUE;
}

BbSurveyAnswer *
bb_survey_answer_new (const char *question_id,
                      const char *value)
{
  BbSurveyAnswer *self = g_new0 (BbSurveyAnswer, 1);

  self->question_id = g_strdup (question_id);
  self->value = g_strdup (value);
  return self;
}

BbSurveyAnswer *
bb_survey_answer_copy (const BbSurveyAnswer *self)
{
  return self ? bb_survey_answer_new (self->question_id, self->value) : NULL;
}

void
bb_survey_answer_free (BbSurveyAnswer *self)
{
  if (self == NULL)
    return;
  g_free (self->question_id);
  g_free (self->value);
  g_free (self);
}

void
bb_survey_response_add_answer (BbSurveyResponse *self,
                               const char       *question_id,
                               const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (question_id != NULL);
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->answers, bb_survey_answer_new (question_id, value));
}

BbAuditEntry *
bb_audit_entry_copy (const BbAuditEntry *self)
{
  BbAuditEntry *copy;

  if (self == NULL)
    return NULL;
  copy = g_memdup2 (self, sizeof *self);
  copy->user_name = g_strdup (self->user_name);
  copy->action = g_strdup (self->action);
  copy->table_name = g_strdup (self->table_name);
  copy->row_id = g_strdup (self->row_id);
  copy->detail = g_strdup (self->detail);
  return copy;
}

void
bb_audit_entry_free (BbAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->user_name);
  g_free (self->action);
  g_free (self->table_name);
  g_free (self->row_id);
  g_free (self->detail);
  g_free (self);
}

GTimeZone *
bb_station_dup_time_zone (const BbStation *station)
{
  GTimeZone *tz = NULL;

  if (station != NULL && station->timezone != NULL)
    tz = g_time_zone_new_identifier (station->timezone);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}
