/* bb-contacts.c: contacts of the directory: checks of phones and e-mail, vCard 4.0 and CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-contacts"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-contacts.h"

G_DEFINE_QUARK (bb-contact-error-quark, bb_contact_error)

/* Checks ------------------------------------------------------------------ */

gboolean
bb_contact_email_is_valid (const char *email)
{
  const char *at, *dot;

  if (email == NULL || *email == '\0' || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  /* a dotted domain: something before the last dot and after it */
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && strstr (at + 1, "..") == NULL;
}

gboolean
bb_contact_phone_is_valid (const char *phone)
{
  guint digits = 0;

  if (phone == NULL || *phone == '\0')
    return FALSE;
  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p != phone)
        return FALSE;
      else if (strchr ("+ -/.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 3 && digits <= 20;
}

/* Kinds and roles -------------------------------------------------------- */

static const char * const partner_kinds[] = {
  "municipality", "school", "health", "social_services", "ngo", "housing_association",
  "business", "religious", "media", "resident", NULL
};
static const char * const partner_kind_labels[] = {
  N_("Municipality"), N_("School"), N_("Health"), N_("Social services"), N_("NGO"),
  N_("Housing association"), N_("Business"), N_("Religious community"), N_("Media"), N_("Resident"),
};
static const char * const member_roles[] = { "chair", "secretary", "member", NULL };
static const char * const member_role_labels[] = { N_("Chair"), N_("Secretary"), N_("Member") };

const char * const *
bb_partner_kinds (void)
{
  return partner_kinds;
}

const char *
bb_partner_kind_label (const char *kind)
{
  for (guint i = 0; partner_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, partner_kinds[i]) == 0)
      return _(partner_kind_labels[i]);
  return kind != NULL ? kind : "";
}

const char * const *
bb_member_roles (void)
{
  return member_roles;
}

const char *
bb_member_role_label (const char *role)
{
  for (guint i = 0; member_roles[i] != NULL; i++)
    if (g_strcmp0 (role, member_roles[i]) == 0)
      return _(member_role_labels[i]);
  return role != NULL ? role : "";
}

/* The record ---------------------------------------------------------------- */

BbContact *
bb_contact_new (void)
{
  return g_new0 (BbContact, 1);
}

BbContact *
bb_contact_copy (const BbContact *self)
{
  BbContact *copy;

  if (self == NULL)
    return NULL;
  copy = g_new0 (BbContact, 1);
  copy->uid = g_strdup (self->uid);
  copy->is_person = self->is_person;
  copy->name = g_strdup (self->name);
  copy->organisation = g_strdup (self->organisation);
  copy->title = g_strdup (self->title);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->address = g_strdup (self->address);
  copy->categories = g_strdup (self->categories);
  copy->note = g_strdup (self->note);
  return copy;
}

void
bb_contact_free (BbContact *self)
{
  if (self == NULL)
    return;
  g_free (self->uid);
  g_free (self->name);
  g_free (self->organisation);
  g_free (self->title);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->address);
  g_free (self->categories);
  g_free (self->note);
  g_free (self);
}

/* vCard: writing ---------------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* RFC 6350 §3.4: backslash, comma and semicolon escaped, line breaks as \n. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case ',':
        g_string_append (out, "\\,");
        break;
      case ';':
        g_string_append (out, "\\;");
        break;
      case '\r':
        if (p[1] != '\n')
          g_string_append (out, "\\n");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

/* §3.2: a logical line longer than 75 octets goes on in lines that start
 * with a space; a UTF-8 character is never cut. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize limit = 75;

  while (len - start > limit)
    {
      gsize end = start + limit;

      while (end > start && (line[end] & 0xc0) == 0x80)
        end--;
      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n ");
      start = end;
      limit = 74;   /* the leading space counts */
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
add_property (GString    *out,
              const char *name,
              const char *value)
{
  g_autoptr(GString) line = NULL;

  if (!is_set (value))
    return;
  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_folded (out, line->str);
}

char *
bb_contacts_to_vcard (GPtrArray *contacts)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (contacts != NULL, NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      const BbContact *c = g_ptr_array_index (contacts, i);

      append_folded (out, "BEGIN:VCARD");
      append_folded (out, "VERSION:4.0");
      if (is_set (c->uid))
        {
          g_autofree char *uid = g_strconcat ("UID:urn:uuid:", c->uid, NULL);

          append_folded (out, uid);
        }
      append_folded (out, c->is_person ? "KIND:individual" : "KIND:org");
      /* FN is the one property every card must have. */
      add_property (out, "FN", is_set (c->name) ? c->name : "?");
      if (!c->is_person)
        add_property (out, "ORG", c->name);
      else
        add_property (out, "ORG", c->organisation);
      add_property (out, "TITLE", c->title);
      add_property (out, "TEL;TYPE=work", c->phone);
      add_property (out, "EMAIL;TYPE=work", c->email);
      if (is_set (c->address))
        {
          g_autoptr(GString) line = g_string_new ("ADR;TYPE=work:;;");

          append_escaped (line, c->address);
          g_string_append (line, ";;;;");
          append_folded (out, line->str);
        }
      if (is_set (c->categories))
        {
          g_auto(GStrv) parts = g_strsplit (c->categories, ",", -1);
          g_autoptr(GString) line = g_string_new ("CATEGORIES:");

          for (guint p = 0; parts[p] != NULL; p++)
            {
              g_strstrip (parts[p]);
              if (p > 0)
                g_string_append_c (line, ',');
              append_escaped (line, parts[p]);
            }
          append_folded (out, line->str);
        }
      add_property (out, "NOTE", c->note);
      append_folded (out, "END:VCARD");
    }
  return g_string_free (out, FALSE);
}

/* vCard: reading ---------------------------------------------------------- */

/* The value split at unescaped @separator, each part unescaped. */
static GStrv
split_value (const char *value,
             char        separator)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_autoptr(GString) part = g_string_new (NULL);

  for (const char *p = value; ; p++)
    {
      if (*p == '\0' || *p == separator)
        {
          g_strv_builder_add (parts, part->str);
          g_string_truncate (part, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, *p == 'n' || *p == 'N' ? '\n' : *p);
          continue;
        }
      g_string_append_c (part, *p);
    }
  return g_strv_builder_end (parts);
}

static char *
unescape (const char *value)
{
  g_auto(GStrv) parts = split_value (value, '\0');

  return g_strdup (parts[0]);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = unescape (value);
}

/* The property's name (without group and parameters, upper case) and
 * where its value starts; a colon inside a quoted parameter does not end
 * the name. */
static char *
property_name (const char  *line,
               const char **value)
{
  gboolean quoted = FALSE;
  const char *p, *name_end = NULL, *dot;

  for (p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ';' && name_end == NULL)
        name_end = p;
      else if (!quoted && *p == ':')
        break;
    }
  if (*p != ':')
    return NULL;
  *value = p + 1;
  if (name_end == NULL)
    name_end = p;
  dot = memchr (line, '.', name_end - line);
  if (dot != NULL)
    line = dot + 1;
  return g_ascii_strup (line, name_end - line);
}

GPtrArray *
bb_contacts_from_vcard (const char  *text,
                        GError     **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_contact_free);
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_autoptr(BbContact) card = NULL;
  g_auto(GStrv) lines = NULL;
  guint first_line = 0;

  g_return_val_if_fail (text != NULL, NULL);

  /* §3.2: a line break followed by a space or a tab is no break at all. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        p += 2;
      else if (*p == '\n' && (p[1] == ' ' || p[1] == '\t'))
        p += 1;
      else if (*p != '\r')
        g_string_append_c (unfolded, *p);
    }
  lines = g_strsplit (unfolded->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      const char *value = NULL;

      if (lines[i][0] == '\0')
        continue;
      name = property_name (lines[i], &value);
      if (name == NULL)
        {
          g_set_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                       _("Line %u of the contacts is not a vCard property"), i + 1);
          return NULL;
        }
      if (g_str_equal (name, "BEGIN") && g_ascii_strcasecmp (value, "VCARD") == 0)
        {
          if (card != NULL)
            {
              g_set_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                           _("The card that starts on line %u has no end"), first_line);
              return NULL;
            }
          card = bb_contact_new ();
          first_line = i + 1;
          continue;
        }
      if (card == NULL)
        {
          g_set_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                       _("Line %u of the contacts is outside any card"), i + 1);
          return NULL;
        }
      if (g_str_equal (name, "END"))
        {
          if (!is_set (card->name))
            {
              g_set_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                           _("The card that starts on line %u has no name (FN)"), first_line);
              return NULL;
            }
          g_ptr_array_add (contacts, g_steal_pointer (&card));
        }
      else if (g_str_equal (name, "UID"))
        set_text (&card->uid, g_str_has_prefix (value, "urn:uuid:") ? value + strlen ("urn:uuid:") : value);
      else if (g_str_equal (name, "KIND"))
        card->is_person = g_ascii_strcasecmp (value, "individual") == 0;
      else if (g_str_equal (name, "FN"))
        set_text (&card->name, value);
      else if (g_str_equal (name, "ORG"))
        {
          g_auto(GStrv) parts = split_value (value, ';');

          g_free (card->organisation);
          card->organisation = g_strdup (parts[0]);
        }
      else if (g_str_equal (name, "TITLE"))
        set_text (&card->title, value);
      else if (g_str_equal (name, "TEL"))
        set_text (&card->phone, g_str_has_prefix (value, "tel:") ? value + 4 : value);
      else if (g_str_equal (name, "EMAIL"))
        set_text (&card->email, value);
      else if (g_str_equal (name, "ADR"))
        {
          g_auto(GStrv) parts = split_value (value, ';');

          g_free (card->address);
          card->address = g_strv_length (parts) > 2 ? g_strdup (parts[2]) : NULL;
        }
      else if (g_str_equal (name, "CATEGORIES"))
        {
          g_auto(GStrv) parts = split_value (value, ',');

          g_free (card->categories);
          card->categories = g_strjoinv (",", parts);
        }
      else if (g_str_equal (name, "NOTE"))
        set_text (&card->note, value);
    }
  if (card != NULL)
    {
      g_set_error (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                   _("The card that starts on line %u has no end"), first_line);
      return NULL;
    }
  if (contacts->len == 0)
    {
      g_set_error_literal (error, BB_CONTACT_ERROR, BB_CONTACT_ERROR_INVALID,
                           _("The text holds no vCard"));
      return NULL;
    }
  return g_steal_pointer (&contacts);
}

/* CSV --------------------------------------------------------------------- */

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
bb_contacts_to_csv (GPtrArray *contacts)
{
  GString *out = g_string_new (NULL);
  const char *header[] = {
    /* Translators: column names of the contacts exported as CSV */
    _("Name"), _("Kind"), _("Organisation"), _("Title"), _("Phone"), _("E-mail"),
    _("Address"), _("Categories"), _("Notes"), NULL
  };

  g_return_val_if_fail (contacts != NULL, NULL);

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, header[i]);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < contacts->len; i++)
    {
      const BbContact *c = g_ptr_array_index (contacts, i);
      const char *fields[] = {
        c->name, c->is_person ? _("Person") : _("Organisation"), c->organisation, c->title,
        c->phone, c->email, c->address, c->categories, c->note,
      };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, fields[f]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
