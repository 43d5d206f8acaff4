/* bb-render-i18n.c: translations in the document's language, read from the .mo catalogues */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-render-i18n"

#include "config.h"

#include <libintl.h>
#include <string.h>

#include "bb-render-i18n.h"

/* gettext follows the process's locale; a document in Russian printed from
 * an Azerbaijani desk needs another language on one thread only.  The .mo
 * format is small and stable, so each catalogue is read into a table. */

static GMutex lock;
/* One language's catalogue: msgid (with "context\004" before it when it has
 * one) → the translation's forms, and the rule that picks a plural form. */
typedef struct {
  GHashTable *messages;   /* char * → GStrv */
  char       *plural;     /* the C expression of Plural-Forms, or NULL */
  guint       n_plurals;
} Catalogue;

static GHashTable *catalogues;   /* language → Catalogue, or NULL */
static char *locale_dir;

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

static guint32
mo_word (const guint8 *data,
         gsize         offset,
         gboolean      swapped)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

static Catalogue *read_catalogue_file (const char *language);

/* "ru_RU.UTF-8" finds ru_RU's catalogue, or else ru's. */
static Catalogue *
read_catalogue (const char *language)
{
  g_autofree char *name = g_strndup (language, strcspn (language, ".@"));
  Catalogue *table = read_catalogue_file (name);

  if (table == NULL && strchr (name, '_') != NULL)
    {
      *strchr (name, '_') = '\0';
      table = read_catalogue_file (name);
    }
  return table;
}

/* The header's "Plural-Forms: nplurals=3; plural=(…);" */
static void
read_plural_forms (Catalogue  *catalogue,
                   const char *header)
{
  const char *line = strstr (header, "Plural-Forms:");
  const char *n, *p;

  if (line == NULL)
    return;
  n = strstr (line, "nplurals=");
  p = strstr (line, "plural=");
  if (p != NULL && p > line && p[-1] == 'n')   /* "nplurals=" also ends in "plural=" */
    p = strstr (p + 1, "plural=");
  if (n == NULL || p == NULL)
    return;
  catalogue->n_plurals = (guint) g_ascii_strtoull (n + strlen ("nplurals="), NULL, 10);
  p += strlen ("plural=");
  catalogue->plural = g_strndup (p, strcspn (p, ";\n"));
}

static void
catalogue_free (gpointer data)
{
  Catalogue *catalogue = data;

  if (catalogue == NULL)
    return;
  g_hash_table_unref (catalogue->messages);
  g_free (catalogue->plural);
  g_free (catalogue);
}

static Catalogue *
read_catalogue_file (const char *language)
{
  /* Where the window's own catalogues are bound, unless a test said otherwise. */
  const char *dir = locale_dir != NULL ? locale_dir : bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : LOCALEDIR,
                                            language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree guint8 *data = NULL;
  Catalogue *catalogue;
  gsize length;
  guint32 n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, (char **) &data, &length, NULL) || length < 28)
    return NULL;
  if (mo_word (data, 0, FALSE) == MO_MAGIC)
    swapped = FALSE;
  else if (mo_word (data, 0, FALSE) == MO_MAGIC_SWAPPED)
    swapped = TRUE;
  else
    return NULL;
  n = mo_word (data, 8, swapped);
  originals = mo_word (data, 12, swapped);
  translations = mo_word (data, 16, swapped);
  if ((guint64) originals + 8ull * n > length || (guint64) translations + 8ull * n > length)
    return NULL;

  catalogue = g_new0 (Catalogue, 1);
  catalogue->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  catalogue->n_plurals = 2;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = mo_word (data, originals + 8 * i, swapped);
      guint32 ooff = mo_word (data, originals + 8 * i + 4, swapped);
      guint32 tlen = mo_word (data, translations + 8 * i, swapped);
      guint32 toff = mo_word (data, translations + 8 * i + 4, swapped);
      g_autoptr(GStrvBuilder) forms = g_strv_builder_new ();
      const char *text, *end;

      if ((guint64) ooff + olen >= length || (guint64) toff + tlen >= length || tlen == 0)
        continue;
      text = (const char *) data + toff;
      if (olen == 0)
        {
          g_autofree char *header = g_strndup (text, tlen);

          read_plural_forms (catalogue, header);
          continue;
        }
      /* A plural's translation holds its forms one after another, each
       * ended by a NUL; its original is the singular, a NUL, the plural. */
      end = text + tlen;
      for (const char *form = text; form <= end; form += strlen (form) + 1)
        g_strv_builder_add (forms, form);
      g_hash_table_insert (catalogue->messages,
                           g_strndup ((const char *) data + ooff, strnlen ((const char *) data + ooff, olen)),
                           g_strv_builder_end (forms));
    }
  return catalogue;
}

/* Plural-Forms expressions are C expressions over n: ?:, ||, &&, ==, !=,
 * <, >, <=, >=, +, -, *, /, %, !, parentheses and numbers. */
typedef struct {
  const char *p;
  gulong      n;
  gboolean    bad;
} PluralParser;

static gulong plural_conditional (PluralParser *pp);

static void
plural_skip (PluralParser *pp)
{
  while (*pp->p == ' ' || *pp->p == '\t')
    pp->p++;
}

static gboolean
plural_accept (PluralParser *pp,
               const char   *token)
{
  plural_skip (pp);
  if (strncmp (pp->p, token, strlen (token)) != 0)
    return FALSE;
  /* "<" must not take the first half of "<=", nor "!" of "!=". */
  if (strlen (token) == 1 && strchr ("<>!=", token[0]) != NULL && pp->p[1] == '=')
    return FALSE;
  pp->p += strlen (token);
  return TRUE;
}

static gulong
plural_primary (PluralParser *pp)
{
  plural_skip (pp);
  if (plural_accept (pp, "!"))
    return !plural_primary (pp);
  if (plural_accept (pp, "("))
    {
      gulong v = plural_conditional (pp);

      if (!plural_accept (pp, ")"))
        pp->bad = TRUE;
      return v;
    }
  if (*pp->p == 'n')
    {
      pp->p++;
      return pp->n;
    }
  if (g_ascii_isdigit (*pp->p))
    {
      char *end;
      gulong v = strtoul (pp->p, &end, 10);

      pp->p = end;
      return v;
    }
  pp->bad = TRUE;
  return 0;
}

static gulong
plural_product (PluralParser *pp)
{
  gulong v = plural_primary (pp);

  for (;;)
    {
      if (plural_accept (pp, "*"))
        v *= plural_primary (pp);
      else if (plural_accept (pp, "/") || plural_accept (pp, "%"))
        {
          gboolean modulo = pp->p[-1] == '%';
          gulong d = plural_primary (pp);

          if (d == 0)
            {
              pp->bad = TRUE;
              return 0;
            }
          v = modulo ? v % d : v / d;
        }
      else
        return v;
    }
}

static gulong
plural_sum (PluralParser *pp)
{
  gulong v = plural_product (pp);

  for (;;)
    {
      if (plural_accept (pp, "+"))
        v += plural_product (pp);
      else if (plural_accept (pp, "-"))
        v -= plural_product (pp);
      else
        return v;
    }
}

static gulong
plural_relation (PluralParser *pp)
{
  gulong v = plural_sum (pp);

  for (;;)
    {
      if (plural_accept (pp, "<="))
        v = v <= plural_sum (pp);
      else if (plural_accept (pp, ">="))
        v = v >= plural_sum (pp);
      else if (plural_accept (pp, "<"))
        v = v < plural_sum (pp);
      else if (plural_accept (pp, ">"))
        v = v > plural_sum (pp);
      else
        return v;
    }
}

static gulong
plural_equality (PluralParser *pp)
{
  gulong v = plural_relation (pp);

  for (;;)
    {
      if (plural_accept (pp, "=="))
        v = v == plural_relation (pp);
      else if (plural_accept (pp, "!="))
        v = v != plural_relation (pp);
      else
        return v;
    }
}

static gulong
plural_and (PluralParser *pp)
{
  gulong v = plural_equality (pp);

  while (plural_accept (pp, "&&"))
    {
      gulong w = plural_equality (pp);

      v = v && w;
    }
  return v;
}

static gulong
plural_or (PluralParser *pp)
{
  gulong v = plural_and (pp);

  while (plural_accept (pp, "||"))
    {
      gulong w = plural_and (pp);

      v = v || w;
    }
  return v;
}

static gulong
plural_conditional (PluralParser *pp)
{
  gulong c = plural_or (pp);

  if (plural_accept (pp, "?"))
    {
      gulong a = plural_conditional (pp);
      gulong b;

      if (!plural_accept (pp, ":"))
        pp->bad = TRUE;
      b = plural_conditional (pp);
      return c ? a : b;
    }
  return c;
}

guint
bb_render_plural_form (const char *expression,
                       gulong      n)
{
  PluralParser pp = { expression, n, FALSE };
  gulong form;

  if (expression == NULL)
    return n == 1 ? 0 : 1;
  form = plural_conditional (&pp);
  plural_skip (&pp);
  if (pp.bad || (*pp.p != '\0' && *pp.p != ';'))
    return n == 1 ? 0 : 1;
  return (guint) form;
}

void
bb_render_set_locale_dir (const char *dir)
{
  g_mutex_lock (&lock);
  g_free (locale_dir);
  locale_dir = g_strdup (dir);
  g_clear_pointer (&catalogues, g_hash_table_unref);
  g_mutex_unlock (&lock);
}

/* The forms of @key's translation in @language, or NULL; with the
 * catalogue's plural rule in @catalogue_out. */
static const char *const *
lookup (const char  *language,
        const char  *key,
        Catalogue  **catalogue_out)
{
  Catalogue *catalogue;
  const char *const *forms = NULL;

  if (language == NULL || *language == '\0' || g_str_has_prefix (language, "en"))
    return NULL;

  g_mutex_lock (&lock);
  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        catalogue_free);
  if (!g_hash_table_lookup_extended (catalogues, language, NULL, (gpointer *) &catalogue))
    {
      catalogue = read_catalogue (language);
      g_hash_table_insert (catalogues, g_strdup (language), catalogue);
    }
  /* Catalogues are never freed while in use (only by set_locale_dir, in
   * tests), so the strings outlive the lock. */
  if (catalogue != NULL)
    forms = g_hash_table_lookup (catalogue->messages, key);
  if (catalogue_out != NULL)
    *catalogue_out = catalogue;
  g_mutex_unlock (&lock);
  return forms != NULL && forms[0] != NULL && *forms[0] ? forms : NULL;
}

const char *
bb_render_gettext (const char *language,
                   const char *msgid)
{
  const char *const *forms;

  g_return_val_if_fail (msgid != NULL, NULL);

  forms = lookup (language, msgid, NULL);
  return forms != NULL ? forms[0] : msgid;
}

const char *
bb_render_pgettext (const char *language,
                    const char *context,
                    const char *msgid)
{
  g_autofree char *key = NULL;
  const char *const *forms;

  g_return_val_if_fail (context != NULL && msgid != NULL, NULL);

  key = g_strconcat (context, "\004", msgid, NULL);
  forms = lookup (language, key, NULL);
  return forms != NULL ? forms[0] : msgid;
}

const char *
bb_render_ngettext (const char *language,
                    const char *msgid,
                    const char *msgid_plural,
                    gulong      n)
{
  Catalogue *catalogue = NULL;
  const char *const *forms;
  guint form;

  g_return_val_if_fail (msgid != NULL && msgid_plural != NULL, NULL);

  forms = lookup (language, msgid, &catalogue);
  if (forms == NULL || catalogue == NULL)
    return n == 1 ? msgid : msgid_plural;
  form = bb_render_plural_form (catalogue->plural, n);
  if (form >= g_strv_length ((char **) forms) || *forms[form] == '\0')
    return n == 1 ? msgid : msgid_plural;
  return forms[form];
}

char *
bb_render_format_number (const char *language,
                         double      value,
                         guint       decimals)
{
  /* Translators: the decimal separator of numbers in printed documents
   * (Russian: ","); the document's language decides, not the desktop's. */
  const char *point = bb_render_pgettext (language, "number format", ".");
  /* Translators: the separator between groups of three digits in printed
   * documents (Russian: a no-break space, U+00A0); the document's language
   * decides, not the desktop's. */
  const char *group = bb_render_pgettext (language, "number format", ",");
  char format[16], digits[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text = g_string_new (NULL);
  const char *p, *dot;
  gsize n_int;

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 9u));
  g_ascii_formatd (digits, sizeof digits, format, value);
  p = digits;
  if (*p == '-')
    {
      /* A real minus sign, as typeset text has it. */
      g_string_append (text, "−");
      p++;
    }
  dot = strchr (p, '.');
  n_int = dot != NULL ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (text, group);
      g_string_append_c (text, p[i]);
    }
  if (dot != NULL)
    {
      g_string_append (text, point);
      g_string_append (text, dot + 1);
    }
  return g_string_free (text, FALSE);
}
