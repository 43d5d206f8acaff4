/* bb-form-values.h: what the problem and plan editors read from their fields: days, numbers, people */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A day typed as "2026-03-14": TRUE with @day normalised ("2026-3-4"
 * gives "2026-03-04"), or NULL for an empty field; FALSE for anything
 * else. */
gboolean  bb_form_parse_day       (const char  *text,
                                   char       **day);
/* The first second of @day in @tz, in seconds since the epoch, UTC. */
gint64    bb_form_day_start       (const char  *day,
                                   GTimeZone   *tz);
/* The day of @tz that holds @seconds; NULL for BB_UNSET_TIME. */
char     *bb_form_day_of          (gint64       seconds,
                                   GTimeZone   *tz);
/* A number typed in the user's or the C locale ("12.5", "12,5"): TRUE
 * with @value, NAN for an empty field; FALSE for anything else. */
gboolean  bb_form_parse_number    (const char  *text,
                                   double      *value);
/* A number as a field shows it, "" for NAN. */
char     *bb_form_format_number   (double       value);
/* Today in @tz, "YYYY-MM-DD". */
char     *bb_form_today           (GTimeZone   *tz);

/* Officers, then partners, after a first choice for nobody: the names a
 * drop-down shows and the records behind them. */
typedef struct {
  GPtrArray *names;         /* char *, the first is the choice of nobody */
  GPtrArray *officer_ids;   /* parallel to names; NULL where not an officer */
  GPtrArray *partner_ids;   /* parallel to names; NULL where not a partner */
} BbPeopleChoice;

/* @officers and @partners are GPtrArrays of BbOfficer and BbPartner. */
BbPeopleChoice *bb_people_choice_new  (GPtrArray      *officers,
                                       GPtrArray      *partners,
                                       const char     *nobody);
void            bb_people_choice_free (BbPeopleChoice *self);
/* The index of the officer or partner (0 when neither is among them). */
guint           bb_people_choice_find (BbPeopleChoice *self,
                                       const char     *officer_id,
                                       const char     *partner_id);
/* The officer's and partner's id at @index (at most one is set). */
void            bb_people_choice_get  (BbPeopleChoice *self,
                                       guint           index,
                                       const char    **officer_id,
                                       const char    **partner_id);
/* The name of the officer or partner, NULL when neither. */
const char     *bb_people_choice_name (BbPeopleChoice *self,
                                       const char     *officer_id,
                                       const char     *partner_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbPeopleChoice, bb_people_choice_free)

G_END_DECLS
