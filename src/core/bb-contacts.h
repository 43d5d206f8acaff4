/* bb-contacts.h: contacts of the directory: checks of phones and e-mail, vCard 4.0 and CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_CONTACT_ERROR (bb_contact_error_quark ())

typedef enum {
  BB_CONTACT_ERROR_INVALID,   /* not a vCard, or a card without a name */
} BbContactError;

GQuark bb_contact_error_quark (void);

/* Whether the text could be an e-mail address (one @, a dotted domain,
 * no spaces) or a phone number (digits with spaces, +, -, /, dots and
 * brackets; at least three digits).  Empty text is neither. */
gboolean bb_contact_email_is_valid (const char *email);
gboolean bb_contact_phone_is_valid (const char *phone);

/* The kinds of partners the station records (municipality, school, …)
 * and of seats in an advisory group (chair, secretary, member), in the
 * order they are offered; and their names for people. */
const char * const *bb_partner_kinds        (void);
const char         *bb_partner_kind_label   (const char *kind);
const char * const *bb_member_roles         (void);
const char         *bb_member_role_label    (const char *role);

/* One card of the directory; every string may be NULL or empty. */
typedef struct {
  char     *uid;            /* the record's id, as urn:uuid: */
  gboolean  is_person;      /* KIND:individual, or KIND:org */
  char     *name;           /* FN: the person, or the organisation */
  char     *organisation;   /* ORG of a person */
  char     *title;          /* TITLE: rank, or role in the group */
  char     *phone;
  char     *email;
  char     *address;        /* one line, the street address */
  char     *categories;     /* comma-separated: "Officer", "School", … */
  char     *note;
} BbContact;

BbContact *bb_contact_new  (void);
BbContact *bb_contact_copy (const BbContact *self);
void       bb_contact_free (BbContact       *self);

/* The contacts as vCard 4.0 (RFC 6350): CRLF line ends, lines folded at
 * 75 octets without splitting a character, text values escaped. */
char      *bb_contacts_to_vcard (GPtrArray *contacts);
/* Reads back what a vCard file holds (BEGIN…END blocks, unfolded and
 * unescaped); properties Beatbook does not keep are passed over.  Refuses
 * text with no card, unbalanced BEGIN/END, or a card without FN. */
GPtrArray *bb_contacts_from_vcard (const char *text,
                                   GError    **error);
/* The contacts as CSV with a header row (RFC 4180: CRLF, fields with a
 * comma, quote or line break quoted, quotes doubled). */
char      *bb_contacts_to_csv   (GPtrArray *contacts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbContact, bb_contact_free)

G_END_DECLS
